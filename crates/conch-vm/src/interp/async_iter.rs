//! Async iteration: `GetIterator(obj, async)` with the async-from-sync wrapper (§27.1.6,
//! `%AsyncFromSyncIteratorPrototype%`), used by `for await`.

use super::ops::{get_iterator, get_value, iterator_close};
use crate::builtins::promise::{new_capability, perform_then, promise_resolve};
use crate::builtins::{create_function, iter_result, FunctionOptions};
use crate::convert;
use crate::cx::{Cx, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// `GetIterator(v, async)`: (iterator, next method).
pub(crate) fn get_async_iterator(cx: &mut Cx, v: Value) -> JsResult<(Value, Value)> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::asyncIterator));
    let m = get_value(cx, v, key)?;
    if m.is_nullish() {
        let (it, next) = get_iterator(cx, v)?;
        return wrap_sync(cx, it, next);
    }
    if Object::from_value(m).is_none_or(|f| !f.is_callable()) {
        return Err(cx.type_error("object is not async iterable"));
    }
    let it = ops::call(cx, m, v, &[])?;
    if Object::from_value(it).is_none() {
        return Err(cx.type_error("Result of the Symbol.asyncIterator method is not an object"));
    }
    let nk = cx.name(crate::runtime::Name::next);
    let next = get_value(cx, it, nk)?;
    Ok((it, next))
}

/// `CreateAsyncFromSyncIterator(iteratorRecord)`: (wrapper, its `next` method).
pub(crate) fn wrap_sync(cx: &mut Cx, it: Value, next: Value) -> JsResult<(Value, Value)> {
    let proto = cx.intrinsic(Intrinsic::AsyncFromSyncIteratorPrototype);
    let w = cx.new_object_with(ObjectClass::AsyncFromSyncIterator, proto)?;
    Object::set_internal(w, 0, it);
    Object::set_internal(w, 1, next);
    let nk = cx.name(crate::runtime::Name::next);
    let n = ops::get(cx, w, nk, w.to_value())?;
    Ok((w.to_value(), n))
}

fn wrapper(cx: &mut Cx, this: Value) -> JsResult<Gc<Object>> {
    Object::from_value(this)
        .filter(|o| o.class() == ObjectClass::AsyncFromSyncIterator)
        .ok_or_else(|| cx.type_error("not an async-from-sync iterator"))
}

/// Rejects `cap` with a thrown value, or passes engine completions on.
fn reject(cx: &mut Cx, cap: [Value; 3], t: Throw) -> JsResult<Value> {
    match t {
        Throw::Value(e) => {
            ops::call(cx, cap[2], Value::UNDEFINED, &[e])?;
            Ok(cap[0])
        }
        t => Err(t),
    }
}

/// `AsyncFromSyncIteratorContinuation(result, capability, syncIteratorRecord, closeOnRejection)`.
fn continuation(
    cx: &mut Cx,
    result: Value,
    cap: [Value; 3],
    sync: Value,
    close: bool,
) -> JsResult<Value> {
    let Some(ro) = Object::from_value(result) else {
        let e = crate::builtins::error::shown::iterator_result_not_object(cx, result);
        return reject(cx, cap, e);
    };
    let dk = cx.name(crate::runtime::Name::done);
    let done = match ops::get(cx, ro, dk, result) {
        Ok(d) => convert::to_boolean(d),
        Err(t) => return reject(cx, cap, t),
    };
    let vk = cx.name(crate::runtime::Name::value);
    let value = match ops::get(cx, ro, vk, result) {
        Ok(v) => v,
        Err(t) => return reject(cx, cap, t),
    };
    let c = cx.intrinsic(Intrinsic::Promise);
    let wrapped = match promise_resolve(cx, c, value) {
        Ok(w) => w,
        Err(t) => {
            if !done && close {
                let _ = iterator_close(cx, sync);
            }
            return reject(cx, cap, t);
        }
    };
    let name = cx.name(crate::Name::empty).to_raw();
    let opts = FunctionOptions {
        name,
        length: 1,
        constructor: false,
    };
    let on_f = create_function(cx, unwrap_value, opts)?;
    Object::set_internal(on_f, 0, Value::bool(done));
    let on_r = if done || !close {
        Value::UNDEFINED
    } else {
        let f = create_function(cx, close_and_rethrow, opts)?;
        Object::set_internal(f, 0, sync);
        f.to_value()
    };
    let w = Object::from_value(wrapped).expect("promise");
    perform_then(cx, w, on_f.to_value(), on_r, cap)?;
    Ok(cap[0])
}

fn unwrap_value(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    iter_result(cx, v, f.internal(0) == Value::TRUE)
}

fn close_and_rethrow(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let _ = iterator_close(cx, f.internal(0));
    Err(Throw::Value(
        args.first().copied().unwrap_or(Value::UNDEFINED),
    ))
}

fn capability(cx: &mut Cx) -> JsResult<[Value; 3]> {
    let c = cx.intrinsic(Intrinsic::Promise);
    new_capability(cx, c)
}

/// `%AsyncFromSyncIteratorPrototype%.next(v)`.
pub(crate) fn next(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cap = capability(cx)?;
    let w = wrapper(cx, this)?;
    let (it, n) = (w.internal(0), w.internal(1));
    let r = match args.first() {
        Some(&v) => ops::call(cx, n, it, &[v]),
        None => ops::call(cx, n, it, &[]),
    };
    match r {
        Ok(result) => continuation(cx, result, cap, it, true),
        Err(t) => reject(cx, cap, t),
    }
}

/// `%AsyncFromSyncIteratorPrototype%.return(v)`.
pub(crate) fn return_(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cap = capability(cx)?;
    let w = wrapper(cx, this)?;
    let it = w.internal(0);
    let rk = cx.name(crate::runtime::Name::return_);
    let m = match get_value(cx, it, rk) {
        Ok(m) => m,
        Err(t) => return reject(cx, cap, t),
    };
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    if m.is_nullish() {
        let r = iter_result(cx, v, true)?;
        ops::call(cx, cap[1], Value::UNDEFINED, &[r])?;
        return Ok(cap[0]);
    }
    let r = if args.is_empty() {
        ops::call(cx, m, it, &[])
    } else {
        ops::call(cx, m, it, &[v])
    };
    match r {
        Ok(result) => continuation(cx, result, cap, it, false),
        Err(t) => reject(cx, cap, t),
    }
}

/// `%AsyncFromSyncIteratorPrototype%.throw(v)`.
pub(crate) fn throw(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cap = capability(cx)?;
    let w = wrapper(cx, this)?;
    let it = w.internal(0);
    let tk = cx.rt.key("throw")?;
    let m = match get_value(cx, it, tk) {
        Ok(m) => m,
        Err(t) => return reject(cx, cap, t),
    };
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    if m.is_nullish() {
        // The protocol is violated: close the sync iterator and reject with a TypeError.
        if let Err(t) = iterator_close(cx, it) {
            return reject(cx, cap, t);
        }
        let e = cx.type_error("The iterator does not provide a 'throw' method");
        return reject(cx, cap, e);
    }
    match ops::call(cx, m, it, &[v]) {
        Ok(result) => continuation(cx, result, cap, it, true),
        Err(t) => reject(cx, cap, t),
    }
}
