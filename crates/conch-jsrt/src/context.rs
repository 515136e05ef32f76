//! Contexts and the current-context rules (JSRT.md §3.9–3.10).

use crate::{
    code, current, current_runtime, guard, out, runtime_from_handle, runtime_of_cell, set_current,
    thread_id, JsErrorCode, JsErrorCode as E,
};
use conch_gc::Gc;
use conch_vm::Context;
use std::ffi::c_void;
use std::sync::atomic::Ordering;

fn context_cell(ctx: usize) -> Option<(Gc<Context>, &'static crate::JsrtRuntime)> {
    let rt = runtime_of_cell(ctx)?;
    // SAFETY: a live cell of `rt`; from_addr checks it is a Context.
    let c = unsafe { Gc::<Context>::from_addr(ctx) }?;
    Some((c, rt))
}

/// Creates a context in a runtime.
#[no_mangle]
pub extern "C" fn JsCreateContext(runtime: *mut c_void, context: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(context)?;
            *slot = std::ptr::null_mut();
            let rt = runtime_from_handle(runtime).ok_or(E::InvalidArgument)?;
            let t = rt.thread.load(Ordering::Acquire);
            if t != 0 && t != thread_id() {
                return Err(E::WrongThread);
            }
            let c = conch_vm::builtins::create_realm(&rt.vm).map_err(|t| match t {
                conch_vm::Throw::OutOfMemory => E::OutOfMemory,
                _ => E::Fatal,
            })?;
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
            let (old_ctx, old_rt) = current();
            let me = thread_id();
            if context.is_null() {
                if old_ctx != 0 {
                    if let Some(rt) = runtime_from_handle(old_rt as *mut c_void) {
                        rt.vm.heap().release_root(old_ctx);
                        rt.thread.store(0, Ordering::Release);
                    }
                }
                set_current(0, 0);
                return Ok(());
            }
            let ctx = context as usize;
            if ctx == old_ctx {
                return Ok(());
            }
            let (_, rt) = context_cell(ctx).ok_or(E::InvalidArgument)?;
            let t = rt.thread.load(Ordering::Acquire);
            if t != 0 && t != me {
                return Err(E::WrongThread);
            }
            rt.vm.heap().add_root(ctx).map_err(|_| E::OutOfMemory)?;
            rt.thread.store(me, Ordering::Release);
            let rt_addr = rt as *const crate::JsrtRuntime as usize;
            if old_ctx != 0 {
                if let Some(old) = runtime_from_handle(old_rt as *mut c_void) {
                    old.vm.heap().release_root(old_ctx);
                    if old_rt != rt_addr {
                        old.thread.store(0, Ordering::Release);
                    }
                }
            }
            set_current(ctx, rt_addr);
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
            let (c, _) = context_cell(context as usize).ok_or(E::InvalidArgument)?;
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
            let (c, _) = context_cell(context as usize).ok_or(E::InvalidArgument)?;
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
            let (_, rt) = context_cell(context as usize).ok_or(E::InvalidArgument)?;
            *slot = rt as *const crate::JsrtRuntime as *mut c_void;
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
            current_runtime()?;
            let (c, _) = context_cell(current().0).ok_or(E::NoCurrentContext)?;
            *slot = c.global().to_bits() as *mut c_void;
            Ok(())
        })())
    })
}

/// The current context as a cell (for object creation).
pub(crate) fn current_context() -> Result<Gc<Context>, JsErrorCode> {
    current_runtime()?;
    context_cell(current().0)
        .map(|(c, _)| c)
        .ok_or(E::NoCurrentContext)
}
