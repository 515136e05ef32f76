//! Contexts and the current-context rules (JSRT.md §3.9–3.10).

use crate::{
    claim_handle, code, current, current_rt, guard, out, owner_of_cell, set_current, thread_id,
    Claim, JsErrorCode, JsErrorCode as E,
};
use conch_gc::Gc;
use conch_vm::Context;
use std::ffi::c_void;
use std::sync::atomic::Ordering;

/// A context argument and its runtime (claimed for this call). Errors: `JsErrorInvalidArgument`
/// (not a context of a live runtime), `JsErrorWrongThread` (its runtime is in use on another
/// thread: its heap cannot be examined from here).
fn context_cell(ctx: usize) -> Result<(Gc<Context>, Claim), JsErrorCode> {
    let rt = owner_of_cell(ctx)?;
    // SAFETY: a live cell of `rt`, which this thread holds; from_addr checks it is a Context.
    let c = unsafe { Gc::<Context>::from_addr(ctx) }.ok_or(E::InvalidArgument)?;
    Ok((c, rt))
}

/// Creates a context in a runtime.
#[no_mangle]
pub extern "C" fn JsCreateContext(runtime: *mut c_void, context: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(context)?;
            *slot = std::ptr::null_mut();
            let rt = claim_handle(runtime)?;
            let c = conch_vm::builtins::create_realm(&rt.vm).map_err(|t| match t {
                conch_vm::Throw::OutOfMemory => E::OutOfMemory,
                _ => E::Fatal,
            })?;
            // A dead context's promise callbacks must not pass to one made at its address.
            rt.promises.forget(c.addr());
            *slot = c.addr() as *mut c_void;
            Ok(())
        })())
    })
}

/// The current context of this thread (`JS_INVALID_REFERENCE` if none).
#[no_mangle]
pub extern "C" fn JsGetCurrentContext(context: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            *out(context)? = current().0 as *mut c_void;
            Ok(())
        })())
    })
}

/// Makes a context current on this thread (binding its runtime to the thread), or with
/// `JS_INVALID_REFERENCE` clears it (unbinding the runtime).
#[no_mangle]
pub extern "C" fn JsSetCurrentContext(context: *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let (old_ctx, _) = current();
            let old = current_rt();
            if context.is_null() {
                if let Some(rt) = old {
                    rt.vm.heap().release_root(old_ctx);
                    set_current(0, 0);
                    rt.thread.store(0, Ordering::Release);
                }
                return Ok(());
            }
            let ctx = context as usize;
            if ctx == old_ctx {
                return Ok(());
            }
            // Claimed by this thread (WrongThread if another thread has it); the claim's release
            // is skipped below once the runtime is current here.
            let (_, claim) = context_cell(ctx)?;
            let rt = claim.runtime();
            rt.vm.heap().add_root(ctx).map_err(|_| E::OutOfMemory)?;
            let rt_addr = rt as *const crate::JsrtRuntime as usize;
            set_current(ctx, rt_addr);
            // Bound for good (also when the claim came from an outer call of this thread).
            rt.thread.store(thread_id(), Ordering::Release);
            drop(claim);
            if let Some(old) = old {
                old.vm.heap().release_root(old_ctx);
                if !std::ptr::eq(old, rt) {
                    old.thread.store(0, Ordering::Release);
                }
            }
            Ok(())
        })())
    })
}

/// The host data stored on a context.
#[no_mangle]
pub extern "C" fn JsGetContextData(context: *mut c_void, data: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(data)?;
            *slot = std::ptr::null_mut();
            let (c, _) = context_cell(context as usize)?;
            *slot = c.data() as *mut c_void;
            Ok(())
        })())
    })
}

/// Stores a host pointer on a context.
#[no_mangle]
pub extern "C" fn JsSetContextData(context: *mut c_void, data: *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let (c, _) = context_cell(context as usize)?;
            c.set_data(data as usize);
            Ok(())
        })())
    })
}

/// The runtime a context belongs to.
#[no_mangle]
pub extern "C" fn JsGetRuntime(context: *mut c_void, runtime: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(runtime)?;
            *slot = std::ptr::null_mut();
            let (_, rt) = context_cell(context as usize)?;
            *slot = rt.runtime() as *const crate::JsrtRuntime as *mut c_void;
            Ok(())
        })())
    })
}

/// The current context's global object.
#[no_mangle]
pub extern "C" fn JsGetGlobalObject(global: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(global)?;
            *slot = std::ptr::null_mut();
            *slot = current_context()?.global().to_bits() as *mut c_void;
            Ok(())
        })())
    })
}

/// The current context as a cell (for object creation).
#[inline]
pub(crate) fn current_context() -> Result<Gc<Context>, JsErrorCode> {
    let ctx = current().0;
    if ctx == 0 {
        return Err(E::NoCurrentContext);
    }
    // SAFETY: the current context is a live Context cell, pinned while it is current (set only
    // by JsSetCurrentContext after validation).
    unsafe { Gc::<Context>::from_addr(ctx) }.ok_or(E::NoCurrentContext)
}
