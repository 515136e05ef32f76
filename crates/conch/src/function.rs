//! Functions backed by Rust closures.
//!
//! The engine's native functions are plain `fn` pointers ([`conch_vm::NativeFn`]); a closure
//! has state, so every host function shares one entry point, [`trampoline`], and finds its
//! closure from the function object:
//!
//! - `internal[0]`: the closure's id (a number) in [`HostState::closures`];
//! - external data: the address of the runtime's [`HostState`] (in its own `Rc` allocation,
//!   alive as long as the heap: see `runtime.rs`).
//!
//! A finalizer registered with the heap for each function object moves the closure from the
//! table to the `dead` list when the object is collected (or when the runtime is torn down);
//! the list is emptied at the end of the next API operation, outside the collector.
//!
//! Invariant: only [`create`] makes objects whose entry point is [`trampoline`] or that
//! register [`finalize`], and it sets both slots before either can run.

use crate::context::{CtxInner, Mode};
use crate::runtime::HostState;
use crate::{Context, JsError, JsValue};
use conch_gc::{Gc, Value};
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::{Cx, JsResult, JsString, Object, Throw};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

/// A host function's closure.
pub(crate) type HostFn = dyn Fn(&Context, &JsValue, &[JsValue]) -> Result<JsValue, JsError>;

/// Makes a function object for `f` (see [`Context::function`]).
pub(crate) fn create(ctx: &Rc<CtxInner>, name: &str, f: Rc<HostFn>) -> Result<JsValue, JsError> {
    let host: &HostState = &ctx.shared.host;
    // Room first (fallibly), so that registering below cannot allocate: the closure table, and
    // `dead`, whose pushes happen inside the collector and must never allocate.
    {
        let mut closures = host.closures.borrow_mut();
        closures.try_reserve(1).map_err(|_| JsError::OutOfMemory)?;
        let need = closures.len() + 1;
        let mut dead = host.dead.borrow_mut();
        let len = dead.len();
        dead.try_reserve(need.saturating_sub(len))
            .map_err(|_| JsError::OutOfMemory)?;
    }
    let id = host.next_id.get();
    host.next_id.set(id + 1);
    let handle = ctx.run(Mode::Alloc, |cx| {
        let name = JsString::from_str(cx.heap(), name)?;
        let fo = create_function(
            cx,
            trampoline,
            FunctionOptions {
                name: name.to_value(),
                length: 0,
                constructor: false,
            },
        )?;
        Object::set_internal(fo, 0, Value::number(id as f64));
        Object::set_external_data(fo, host as *const HostState as usize);
        cx.heap().register_finalizer(fo.addr(), finalize)?;
        Ok(JsValue::from_raw(ctx, fo.to_value())?)
    })?;
    // Registered last: if anything above failed, the finalizer of the (garbage) object finds
    // no closure. The room was reserved above, so this does not allocate.
    host.closures.borrow_mut().insert(id, f);
    Ok(handle)
}

fn closure_id(fo: Gc<Object>) -> u64 {
    fo.internal(0).as_number().unwrap_or(0.0) as u64
}

/// The heap's finalizer for host-function objects: the closure leaves the table (it is dropped
/// later, at a safe point).
///
/// # Safety
/// `addr` is a host-function object made by [`create`], still allocated (finalizers run before
/// sweeping, or at teardown before the heap is freed).
unsafe fn finalize(addr: usize) {
    // SAFETY: the heap calls finalizers with the address of a still-allocated cell.
    let Some(fo) = Object::from_value(Value::from_cell_addr(addr)) else {
        return;
    };
    let state = fo.external_data() as *const HostState;
    if state.is_null() {
        return;
    }
    // SAFETY: `create` stored the address of the runtime's `HostState`, which lives in its own
    // `Rc` allocation owned by `Shared` until after the heap is dropped (field order), and the
    // heap runs finalizers only while it exists. Only shared references to it are ever made.
    let host = unsafe { &*state };
    let id = closure_id(fo);
    // Borrows of these cells are never held across engine calls, so they are free here; if
    // one were not, the closure would simply stay until the runtime is dropped.
    let Some(f) = host
        .closures
        .try_borrow_mut()
        .ok()
        .and_then(|mut m| m.remove(&id))
    else {
        return;
    };
    match host.dead.try_borrow_mut() {
        // Capacity was reserved by `create`: no allocation inside the collector.
        Ok(mut dead) => dead.push(f),
        Err(_) => {
            // Unreachable in practice (see above). Put it back rather than run user `Drop`
            // code inside the collector.
            if let Ok(mut m) = host.closures.try_borrow_mut() {
                m.insert(id, f);
            } else {
                std::mem::forget(f);
            }
        }
    }
}

/// The engine entry point of every host function.
fn trampoline(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    args: &[Value],
    _new_target: Value,
) -> JsResult<Value> {
    let state = callee.external_data() as *const HostState;
    // SAFETY: `trampoline` is the entry point only of objects made by `create`, which stored
    // the address of the `HostState` of the runtime whose heap holds `callee`; that heap is
    // running this call, so the `HostState` (dropped only after the heap) is alive.
    let host = unsafe { &*state };
    let Some(shared) = host.shared.upgrade() else {
        // The runtime is being torn down: nothing runs any more.
        return Err(Throw::Terminated);
    };
    let id = closure_id(callee);
    let f = host.closures.borrow().get(&id).cloned();
    let Some(f) = f else {
        return Err(cx.type_error("host function called after its runtime was dropped"));
    };
    let ctx = CtxInner::for_realm(&shared, cx.realm)?;
    let this = JsValue::from_raw(&ctx, this)?;
    // Host memory sized by the script's argument count: reserved fallibly.
    #[allow(clippy::disallowed_types)]
    let mut handles = Vec::new();
    handles
        .try_reserve_exact(args.len())
        .map_err(|_| Throw::OutOfMemory)?;
    for &a in args {
        handles.push(JsValue::from_raw(&ctx, a)?);
    }
    let context = Context::from_inner(ctx);
    let r = catch_unwind(AssertUnwindSafe(|| {
        // Inside the catch: a wrong-runtime panic must not unwind through engine frames either.
        match f(&context, &this, &handles) {
            Ok(v) => {
                context.inner.check_same(&v);
                // The value stays reachable from this frame (conservative scan) once the
                // handle drops.
                Ok(v.value)
            }
            Err(JsError::Exception(e, _)) => {
                context.inner.check_same(&e);
                Err(Throw::Value(e.value))
            }
            Err(JsError::OutOfMemory) => Err(Throw::OutOfMemory),
            Err(JsError::Terminated) => Err(Throw::Terminated),
        }
    }));
    match r {
        Ok(r) => r,
        Err(payload) => {
            // Keep the first panic; the engine unwinds as for termination and the API call
            // that entered the engine resumes it.
            let mut slot = host.panic.borrow_mut();
            if slot.is_none() {
                *slot = Some(payload);
            }
            Err(Throw::Terminated)
        }
    }
}
