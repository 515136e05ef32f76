//! The wrappers every context-bound export runs its body in (JSRT.md §3.12):
//! [`script`] for APIs that may run script (ChakraCore's `ContextAPIWrapper`: a thrown value is
//! recorded as the runtime's exception and the call returns `JsErrorScriptException`; memory
//! refused becomes the realm's "Out of memory" error, thrown the same way) and [`no_script`]
//! for APIs that never do (`ContextAPINoScriptWrapper`: memory refused is
//! `JsErrorOutOfMemory`).

use crate::context::current_context;
use crate::{current_runtime, out, value_in, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_vm::{Cx, Object, Throw};
use std::ffi::c_void;

/// A JsRT reference as it crosses the C boundary.
pub(crate) type Ref = *mut c_void;

/// Why an export's body stopped: an API error code or a JavaScript completion.
pub(crate) enum Fail {
    Code(JsErrorCode),
    Throw(Throw),
}

impl From<JsErrorCode> for Fail {
    fn from(e: JsErrorCode) -> Fail {
        Fail::Code(e)
    }
}
impl From<Throw> for Fail {
    fn from(t: Throw) -> Fail {
        Fail::Throw(t)
    }
}
impl From<conch_gc::OutOfMemory> for Fail {
    fn from(_: conch_gc::OutOfMemory) -> Fail {
        Fail::Throw(Throw::OutOfMemory)
    }
}

/// The body's result type.
pub(crate) type Res<T> = Result<T, Fail>;

fn enter<'a>() -> Result<(&'a JsrtRuntime, Cx<'a>), JsErrorCode> {
    let rt = current_runtime()?;
    let ctx = current_context()?;
    Ok((rt, Cx::new(&rt.vm, ctx)))
}

/// Runs a body that may run script.
pub(crate) fn script(f: impl FnOnce(&mut Cx, &JsrtRuntime) -> Res<()>) -> JsErrorCode {
    let (rt, mut cx) = match enter() {
        Ok(x) => x,
        Err(e) => return e,
    };
    // Throw sites recorded from here on belong to this call (error metadata).
    rt.vm.clear_throw_location();
    // A stale "eval disabled" mark must not relabel a later termination.
    rt.vm.take_eval_refused();
    match f(&mut cx, rt) {
        Ok(()) => E::NoError,
        Err(Fail::Code(e)) => e,
        Err(Fail::Throw(Throw::Terminated)) => crate::terminated(),
        Err(Fail::Throw(t)) => {
            if let Throw::Value(v) = cx.materialize(t) {
                rt.vm.set_exception_from_throw(v);
            }
            E::ScriptException
        }
    }
}

/// Runs a body that never runs script.
pub(crate) fn no_script(f: impl FnOnce(&mut Cx, &JsrtRuntime) -> Res<()>) -> JsErrorCode {
    let (rt, mut cx) = match enter() {
        Ok(x) => x,
        Err(e) => return e,
    };
    match f(&mut cx, rt) {
        Ok(()) => E::NoError,
        Err(Fail::Code(e)) => e,
        Err(Fail::Throw(Throw::OutOfMemory)) => E::OutOfMemory,
        Err(Fail::Throw(Throw::Terminated)) => crate::terminated(),
        Err(Fail::Throw(Throw::Value(v))) => {
            rt.vm.set_exception(v);
            E::ScriptException
        }
    }
}

/// Writes a value to an out-parameter.
pub(crate) fn put(slot: *mut Ref, v: Value) -> Res<()> {
    *out(slot)? = v.to_bits() as Ref;
    Ok(())
}

/// Nulls an out-parameter first (ChakraCore's `PARAM_NOT_NULL` + `*result = nullptr`).
pub(crate) fn clear<T: 'static>(slot: *mut *mut T) -> Res<()> {
    *out(slot)? = std::ptr::null_mut();
    Ok(())
}

/// A value argument validated against the runtime.
pub(crate) fn val(rt: &JsrtRuntime, r: Ref) -> Res<Value> {
    Ok(value_in(rt, r as u64)?)
}

/// An object argument (`JsErrorArgumentNotObject` otherwise).
pub(crate) fn obj(rt: &JsrtRuntime, r: Ref) -> Res<Gc<Object>> {
    let v = val(rt, r)?;
    Object::from_value(v).ok_or(Fail::Code(E::ArgumentNotObject))
}
