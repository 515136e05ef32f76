//! `Promise.all`, `Promise.allSettled`, `Promise.any`, `Promise.race` (§27.2.4), the keyed
//! forms `Promise.allKeyed`/`Promise.allSettledKeyed` (stage 3, "await dictionary"), and
//! `Promise.try`.
//!
//! Element functions keep their state in internal slots: `internal(0)` the shared record
//! `[values, capability promise, resolve, reject, remaining, keys]` (remaining an int; keys
//! the raw property keys of a keyed combinator, `undefined` otherwise), and `internal(1)`
//! `[index, already called]`.

use super::{at, native, new_array, new_capability, push};
use crate::builtins::{arg, method};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::interp::ops::{get_iterator, iterator_close, iterator_step};
use crate::object::{attrs, Object, Prop};
use crate::ops;
use conch_gc::{Gc, Value};

pub(super) fn fill(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    method(cx, c, "all", 1, all)?;
    method(cx, c, "allSettled", 1, all_settled)?;
    method(cx, c, "any", 1, any)?;
    method(cx, c, "race", 1, race)?;
    method(cx, c, "allKeyed", 1, all_keyed)?;
    method(cx, c, "allSettledKeyed", 1, all_settled_keyed)?;
    method(cx, c, "try", 1, try_)?;
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    All,
    AllSettled,
    Any,
    Race,
}

fn all(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    combinator(cx, this, arg(args, 0), Kind::All)
}

fn all_settled(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    combinator(cx, this, arg(args, 0), Kind::AllSettled)
}

fn any(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    combinator(cx, this, arg(args, 0), Kind::Any)
}

fn race(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    combinator(cx, this, arg(args, 0), Kind::Race)
}

fn set(cx: &Cx, a: Gc<Object>, i: u32, v: Value) -> JsResult<()> {
    Object::put_element(
        cx.heap(),
        a,
        i,
        Prop {
            value: v,
            attrs: attrs::DEFAULT,
        },
    )?;
    if a.array_length() <= i {
        Object::set_length_raw(a, i + 1);
    }
    Ok(())
}

/// The shared steps: capability, `resolve` lookup, iteration; abrupt completions reject the
/// capability (closing the iterator when it is not done).
fn combinator(cx: &mut Cx, c: Value, iterable: Value, kind: Kind) -> JsResult<Value> {
    let cap = new_capability(cx, c)?;
    let reject = |cx: &mut Cx, t: Throw| -> JsResult<Value> {
        match t {
            Throw::Value(e) => {
                ops::call(cx, cap[2], Value::UNDEFINED, &[e])?;
                Ok(cap[0])
            }
            t => Err(t),
        }
    };
    let co = Object::from_value(c).expect("constructor");
    let rk = cx.rt.key("resolve")?;
    let resolve = match ops::get(cx, co, rk, c) {
        Ok(r) if Object::from_value(r).is_some_and(|f| f.is_callable()) => r,
        Ok(_) => {
            let e = cx.type_error("Promise resolve is not a function");
            return reject(cx, e);
        }
        Err(t) => return reject(cx, t),
    };
    let (it, next) = match get_iterator(cx, iterable) {
        Ok(r) => r,
        Err(t) => return reject(cx, t),
    };
    match iterate(cx, c, cap, resolve, it, next, kind) {
        Ok(v) => Ok(v),
        Err((t, done)) => {
            if !done {
                let _ = iterator_close(cx, it);
            }
            reject(cx, t)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn iterate(
    cx: &mut Cx,
    c: Value,
    cap: [Value; 3],
    resolve: Value,
    it: Value,
    next: Value,
    kind: Kind,
) -> Result<Value, (Throw, bool)> {
    let inner = |t: Throw| (t, false);
    let done_err = |t: Throw| (t, true);
    let values = new_array(cx).map_err(inner)?;
    let record = new_array(cx).map_err(inner)?;
    for v in [values.to_value(), cap[0], cap[1], cap[2], Value::int(1)] {
        push(cx, record, v).map_err(inner)?;
    }
    let mut index = 0u32;
    while let Some(v) = iterator_step(cx, it, next).map_err(done_err)? {
        let next_promise = ops::call(cx, resolve, c, &[v]).map_err(inner)?;
        let (onf, onr) = match kind {
            Kind::Race => (cap[1], cap[2]),
            _ => {
                set(cx, values, index, Value::UNDEFINED).map_err(inner)?;
                let remaining = at(record, 4).as_int().unwrap_or(0) + 1;
                set(cx, record, 4, Value::int(remaining)).map_err(inner)?;
                let mk = |cx: &mut Cx, f: crate::object::NativeFn| -> JsResult<Value> {
                    let e = native(cx, f, 1)?;
                    let st = new_array(cx)?;
                    push(cx, st, Value::int(index as i32))?;
                    push(cx, st, Value::FALSE)?;
                    Object::set_internal(e, 0, record.to_value());
                    Object::set_internal(e, 1, st.to_value());
                    Ok(e.to_value())
                };
                match kind {
                    Kind::All => (mk(cx, all_resolve).map_err(inner)?, cap[2]),
                    Kind::AllSettled => {
                        let f = mk(cx, settled_fulfilled).map_err(inner)?;
                        let r = mk(cx, settled_rejected).map_err(inner)?;
                        // Both share one "already called" record.
                        if let (Some(fo), Some(ro)) = (Object::from_value(f), Object::from_value(r))
                        {
                            Object::set_internal(ro, 1, fo.internal(1));
                        }
                        (f, r)
                    }
                    _ => (cap[1], mk(cx, any_reject).map_err(inner)?),
                }
            }
        };
        let tk = cx.name(crate::runtime::Name::then);
        let then = crate::interp::get_value(cx, next_promise, tk).map_err(inner)?;
        ops::call(cx, then, next_promise, &[onf, onr]).map_err(inner)?;
        index += 1;
    }
    if kind == Kind::Race {
        return Ok(cap[0]);
    }
    // The iterator is done: a throw from here on must not close it.
    let remaining = at(record, 4).as_int().unwrap_or(1) - 1;
    set(cx, record, 4, Value::int(remaining)).map_err(done_err)?;
    if remaining == 0 {
        finish(cx, record, kind).map_err(done_err)?;
    }
    Ok(cap[0])
}

/// All elements are in: resolve with the values (or reject with an AggregateError for `any`).
fn finish(cx: &mut Cx, record: Gc<Object>, kind: Kind) -> JsResult<()> {
    let values = at(record, 0);
    if kind == Kind::Any {
        let e = cx.error_object(ErrorKind::AggregateError, "All promises were rejected")?;
        // No trace, as in V8 (whose builtin makes it without frames): `await`ing code that
        // rethrows it must not become its origin ("[AggregateError: …]" in node's console).
        let empty = conch_gc::GcArray::<Value>::from_slice(cx.heap(), &[])?;
        Object::set_internal(e, 0, empty.to_value());
        let k = cx.rt.key("errors")?;
        let d = ops::PropertyDescriptor::data(values, attrs::HIDDEN);
        ops::define_property_or_throw(cx, e, k, &d)?;
        ops::call(cx, at(record, 3), Value::UNDEFINED, &[e.to_value()])?;
        return Ok(());
    }
    let result = match Object::from_value(at(record, 5)) {
        Some(keys) => keyed_result(cx, keys, values)?,
        None => values,
    };
    ops::call(cx, at(record, 2), Value::UNDEFINED, &[result])?;
    Ok(())
}

/// `CreateKeyedPromiseCombinatorResultObject(keys, values)`: a null-prototype object with
/// the values under their keys, in the input's key order.
fn keyed_result(cx: &mut Cx, keys: Gc<Object>, values: Value) -> JsResult<Value> {
    let values = Object::from_value(values).expect("values");
    let o = cx.new_object_with(crate::object::ObjectClass::Ordinary, Value::NULL)?;
    for i in 0..keys.array_length() {
        let k = crate::key::PropertyKey::from_raw(at(keys, i));
        ops::create_data_property(cx, o, k, at(values, i))?;
    }
    Ok(o.to_value())
}

/// Common element-function steps: once only; store `v` at the index; finish when last.
fn element(cx: &mut Cx, f: Gc<Object>, v: Value, kind: Kind) -> JsResult<Value> {
    let st = Object::from_value(f.internal(1)).expect("element state");
    if at(st, 1) == Value::TRUE {
        return Ok(Value::UNDEFINED);
    }
    set(cx, st, 1, Value::TRUE)?;
    let record = Object::from_value(f.internal(0)).expect("record");
    let values = Object::from_value(at(record, 0)).expect("values");
    let i = at(st, 0).as_int().unwrap_or(0) as u32;
    set(cx, values, i, v)?;
    let remaining = at(record, 4).as_int().unwrap_or(1) - 1;
    set(cx, record, 4, Value::int(remaining))?;
    if remaining == 0 {
        finish(cx, record, kind)?;
    }
    Ok(Value::UNDEFINED)
}

fn all_resolve(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    element(cx, f, arg(args, 0), Kind::All)
}

fn settled(cx: &mut Cx, f: Gc<Object>, v: Value, fulfilled: bool) -> JsResult<Value> {
    let o = cx.new_object()?;
    let sk = cx.rt.key("status")?;
    let s = cx.string(if fulfilled { "fulfilled" } else { "rejected" })?;
    ops::create_data_property(cx, o, sk, s.to_value())?;
    let vk = cx.rt.key(if fulfilled { "value" } else { "reason" })?;
    ops::create_data_property(cx, o, vk, v)?;
    element(cx, f, o.to_value(), Kind::AllSettled)
}

fn settled_fulfilled(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    settled(cx, f, arg(args, 0), true)
}

fn settled_rejected(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    settled(cx, f, arg(args, 0), false)
}

fn any_reject(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    element(cx, f, arg(args, 0), Kind::Any)
}

fn all_keyed(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    keyed(cx, this, arg(args, 0), false)
}

fn all_settled_keyed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    keyed(cx, this, arg(args, 0), true)
}

/// `Promise.allKeyed`/`allSettledKeyed(promises)`: capability, `resolve` lookup, then
/// `PerformPromiseAllKeyed`; abrupt completions reject the capability.
fn keyed(cx: &mut Cx, c: Value, promises: Value, settled: bool) -> JsResult<Value> {
    let cap = new_capability(cx, c)?;
    let r = (|| {
        let co = Object::from_value(c).expect("constructor");
        let rk = cx.rt.key("resolve")?;
        let resolve = ops::get(cx, co, rk, c)?;
        if !Object::from_value(resolve).is_some_and(|f| f.is_callable()) {
            return Err(cx.type_error("Promise resolve is not a function"));
        }
        let Some(promises) = Object::from_value(promises) else {
            return Err(cx.type_error("Promise.allKeyed: the argument is not an object"));
        };
        perform_keyed(cx, c, cap, resolve, promises, settled)
    })();
    match r {
        Ok(v) => Ok(v),
        Err(Throw::Value(e)) => {
            ops::call(cx, cap[2], Value::UNDEFINED, &[e])?;
            Ok(cap[0])
        }
        Err(t) => Err(t),
    }
}

/// `PerformPromiseAllKeyed(variant, promises, C, resultCapability, promiseResolve)`.
fn perform_keyed(
    cx: &mut Cx,
    c: Value,
    cap: [Value; 3],
    resolve: Value,
    promises: Gc<Object>,
    settled: bool,
) -> JsResult<Value> {
    let all_keys = ops::own_property_keys(cx, promises)?;
    let values = new_array(cx)?;
    let keys = new_array(cx)?;
    let record = new_array(cx)?;
    for v in [values.to_value(), cap[0], cap[1], cap[2], Value::int(1)] {
        push(cx, record, v)?;
    }
    push(cx, record, keys.to_value())?;
    let tk = cx.name(crate::runtime::Name::then);
    let mut index = 0u32;
    for raw in all_keys.iter() {
        let key = crate::key::PropertyKey::from_raw(raw);
        let Some(desc) = ops::get_own_property(cx, promises, key)? else {
            continue;
        };
        if desc.enumerable != Some(true) {
            continue;
        }
        let value = ops::get(cx, promises, key, promises.to_value())?;
        push(cx, keys, raw)?;
        set(cx, values, index, Value::UNDEFINED)?;
        let next_promise = ops::call(cx, resolve, c, &[value])?;
        let mk = |cx: &mut Cx, f: crate::object::NativeFn| -> JsResult<Gc<Object>> {
            let e = native(cx, f, 1)?;
            let st = new_array(cx)?;
            push(cx, st, Value::int(index as i32))?;
            push(cx, st, Value::FALSE)?;
            Object::set_internal(e, 0, record.to_value());
            Object::set_internal(e, 1, st.to_value());
            Ok(e)
        };
        let (onf, onr) = if settled {
            let f = mk(cx, settled_fulfilled)?;
            let r = mk(cx, settled_rejected)?;
            Object::set_internal(r, 1, f.internal(1));
            (f.to_value(), r.to_value())
        } else {
            (mk(cx, all_resolve)?.to_value(), cap[2])
        };
        let remaining = at(record, 4).as_int().unwrap_or(0) + 1;
        set(cx, record, 4, Value::int(remaining))?;
        let then = crate::interp::get_value(cx, next_promise, tk)?;
        ops::call(cx, then, next_promise, &[onf, onr])?;
        index += 1;
    }
    let remaining = at(record, 4).as_int().unwrap_or(1) - 1;
    set(cx, record, 4, Value::int(remaining))?;
    if remaining == 0 {
        finish(cx, record, Kind::All)?;
    }
    Ok(cap[0])
}

/// `Promise.try(callbackfn, ...args)`: a promise of `callbackfn(...args)`'s result, rejected
/// with what it throws.
fn try_(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if Object::from_value(this).is_none() {
        return Err(cx.type_error("Promise.try called on a non-object"));
    }
    let cap = new_capability(cx, this)?;
    let rest = if args.len() > 1 { &args[1..] } else { &[] };
    match ops::call(cx, arg(args, 0), Value::UNDEFINED, rest) {
        Ok(v) => ops::call(cx, cap[1], Value::UNDEFINED, &[v])?,
        Err(Throw::Value(e)) => ops::call(cx, cap[2], Value::UNDEFINED, &[e])?,
        Err(t) => return Err(t),
    };
    Ok(cap[0])
}
