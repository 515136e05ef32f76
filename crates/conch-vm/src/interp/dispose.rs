//! The run-time half of `using` / `await using` (Explicit Resource Management):
//! `CreateDisposableResource`, `GetDisposeMethod` and one step of `DisposeResources`.
//!
//! A resource stack is an array of triples (value, dispose method, async hint: a boolean);
//! its state register holds the flags of `DisposeResources` (bit 0 needsAwait, bit 1
//! hasAwaited, bit 2 started) and, from bit 3, the number of resources left.

use crate::builtins::function::{create_function, FunctionOptions};
use crate::builtins::promise;
use crate::cx::{Cx, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::{Name, WellKnown};
use conch_gc::{Gc, Value};

const NEEDS_AWAIT: i32 = 1;
const HAS_AWAITED: i32 = 2;
const STARTED: i32 = 4;

/// `GetMethod(v, @@key)`: undefined when absent, a TypeError when not callable.
fn get_method(cx: &mut Cx, o: Gc<Object>, w: WellKnown) -> JsResult<Value> {
    let key = PropertyKey::symbol(cx.rt.well_known(w));
    let m = ops::get(cx, o, key, o.to_value())?;
    if m.is_undefined() || m.is_null() {
        return Ok(Value::UNDEFINED);
    }
    if !Object::from_value(m).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("The dispose method of a resource is not callable"));
    }
    Ok(m)
}

/// `CreateDisposableResource(v, hint)` added to `stack`.
pub(crate) fn add(cx: &mut Cx, stack: Value, v: Value, hint: usize) -> JsResult<()> {
    let method = if v.is_undefined() || v.is_null() {
        if hint == 0 {
            return Ok(());
        }
        Value::UNDEFINED
    } else {
        let Some(o) = Object::from_value(v) else {
            return Err(cx.type_error("A using declaration needs an object, null or undefined"));
        };
        let m = if hint == 1 {
            match get_method(cx, o, WellKnown::asyncDispose)? {
                m if !m.is_undefined() => m,
                _ => {
                    let sync = get_method(cx, o, WellKnown::dispose)?;
                    if sync.is_undefined() {
                        sync
                    } else {
                        async_from_sync(cx, sync)?
                    }
                }
            }
        } else {
            get_method(cx, o, WellKnown::dispose)?
        };
        if m.is_undefined() {
            return Err(cx.type_error(if hint == 1 {
                "The resource of an await using declaration has neither Symbol.asyncDispose nor Symbol.dispose"
            } else {
                "The resource of a using declaration has no Symbol.dispose method"
            }));
        }
        m
    };
    for x in [v, method, Value::bool(hint == 1)] {
        super::ops::array_push(cx, stack, x)?;
    }
    Ok(())
}

/// An async dispose method made of a sync one: calls it, answers a promise of undefined
/// (rejected with what it throws).
fn async_from_sync(cx: &mut Cx, sync: Value) -> JsResult<Value> {
    let name = cx.name(Name::empty).to_raw();
    let f = create_function(
        cx,
        call_sync_dispose,
        FunctionOptions {
            name,
            length: 0,
            constructor: false,
        },
    )?;
    Object::set_internal(f, 0, sync);
    Ok(f.to_value())
}

fn call_sync_dispose(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = promise::new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
    match ops::call(cx, callee.internal(0), this, &[]) {
        Ok(_) => promise::resolve_promise(cx, p, Value::UNDEFINED)?,
        Err(Throw::Value(e)) => promise::reject_promise(cx, p, e)?,
        Err(t) => return Err(t),
    }
    Ok(p.to_value())
}

fn element(a: Gc<Object>, i: u32) -> Value {
    a.get_element(i).map_or(Value::UNDEFINED, |p| p.value)
}

/// One step of `DisposeResources`: `None` when done; else the value to continue with (the
/// dispose call's result) and whether to await it. `state` is updated.
pub(crate) fn next(cx: &mut Cx, stack: Value, state: &mut i32) -> JsResult<Option<(Value, bool)>> {
    let Some(a) = Object::from_value(stack) else {
        return Ok(None);
    };
    if *state & STARTED == 0 {
        *state = STARTED | ((a.array_length() / 3) as i32) << 3;
    }
    loop {
        let left = *state >> 3;
        let flags = *state & 7;
        if left == 0 {
            if flags & NEEDS_AWAIT != 0 && flags & HAS_AWAITED == 0 {
                *state = flags & !NEEDS_AWAIT;
                return Ok(Some((Value::UNDEFINED, true)));
            }
            return Ok(None);
        }
        let i = (left as u32 - 1) * 3;
        let (v, method, hint) = (element(a, i), element(a, i + 1), element(a, i + 2));
        let hint = (hint == Value::TRUE) as i32;
        if hint == 0 && flags & NEEDS_AWAIT != 0 && flags & HAS_AWAITED == 0 {
            *state = (left << 3) | (flags & !NEEDS_AWAIT);
            return Ok(Some((Value::UNDEFINED, true)));
        }
        if method.is_undefined() {
            *state = ((left - 1) << 3) | flags | NEEDS_AWAIT;
            continue;
        }
        let awaited = hint == 1;
        *state = ((left - 1) << 3) | flags | if awaited { HAS_AWAITED } else { 0 };
        let r = ops::call(cx, method, v, &[])?;
        return Ok(Some((r, awaited)));
    }
}

/// A dispose call threw `e`: the new completion value (a SuppressedError over a pending
/// exception).
pub(super) fn error(cx: &mut Cx, e: Value, kind: Value, value: Value) -> JsResult<Value> {
    if kind == Value::int(1) {
        crate::builtins::error::suppressed_error(cx, e, value)
    } else {
        Ok(e)
    }
}
