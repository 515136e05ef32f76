//! Operations on iterator objects (ECMA-262 §7.4), for builtins that consume iterables.
//! (The interpreter has its own copies in `interp::ops` for its opcodes.)

use crate::convert::{to_boolean, to_object};
use crate::cx::{Cx, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::runtime::Name;
use conch_gc::Value;

/// An Iterator Record: the iterator and its `next` method.
#[derive(Clone, Copy)]
pub struct IteratorRecord {
    /// `[[Iterator]]`.
    pub iterator: Value,
    /// `[[NextMethod]]`.
    pub next: Value,
}

/// `GetV(V, P)`.
pub fn get_v(cx: &mut Cx, v: Value, key: PropertyKey) -> JsResult<Value> {
    let o = match Object::from_value(v) {
        Some(o) => o,
        None => to_object(cx, v)?,
    };
    ops::get(cx, o, key, v)
}

/// `GetMethod(V, P)`: `undefined` for a nullish property, a TypeError for a non-callable one.
pub fn get_method(cx: &mut Cx, v: Value, key: PropertyKey) -> JsResult<Value> {
    let f = get_v(cx, v, key)?;
    if f.is_nullish() {
        return Ok(Value::UNDEFINED);
    }
    if !Object::from_value(f).is_some_and(|o| o.is_callable()) {
        return Err(cx.type_error("method is not a function"));
    }
    Ok(f)
}

/// `GetIteratorFromMethod(obj, method)`.
pub fn get_iterator_from_method(
    cx: &mut Cx,
    obj: Value,
    method: Value,
) -> JsResult<IteratorRecord> {
    let iterator = ops::call(cx, method, obj, &[])?;
    if Object::from_value(iterator).is_none() {
        return Err(cx.type_error("Result of the Symbol.iterator method is not an object"));
    }
    let nk = cx.name(crate::runtime::Name::next);
    let next = get_v(cx, iterator, nk)?;
    Ok(IteratorRecord { iterator, next })
}

/// `IteratorStepValue(iteratorRecord)`: the next value, or `None` when done.
pub fn iterator_step_value(cx: &mut Cx, r: IteratorRecord) -> JsResult<Option<Value>> {
    // The built-in array iterator's `next`: its step without the result object.
    if r.next.is_cell() && r.next == cx.intrinsic(crate::realm::Intrinsic::ArrayIteratorNext) {
        if let Some(o) = Object::from_value(r.iterator)
            .filter(|o| o.class() == crate::object::ObjectClass::ArrayIterator)
        {
            return crate::builtins::array_iter_step(cx, o);
        }
    }
    let result = ops::call(cx, r.next, r.iterator, &[])?;
    let Some(ro) = Object::from_value(result) else {
        return Err(crate::builtins::error::shown::iterator_result_not_object(
            cx, result,
        ));
    };
    let dk = cx.name(crate::runtime::Name::done);
    let done = ops::get_v(cx, ro, dk)?;
    if to_boolean(done) {
        return Ok(None);
    }
    let vk = cx.name(Name::value);
    Ok(Some(ops::get_v(cx, ro, vk)?))
}

/// `IteratorClose(iteratorRecord, completion)` for a throw completion: calls `return` if
/// there is one, ignores what it does, and gives back `completion`. After termination no
/// more script runs (and a termination while closing wins).
pub fn iterator_close_throw(cx: &mut Cx, r: IteratorRecord, completion: Throw) -> Throw {
    if matches!(completion, Throw::Terminated) {
        return completion;
    }
    let close = |cx: &mut Cx| -> JsResult<()> {
        let rk = cx.name(crate::runtime::Name::return_);
        let m = get_method(cx, r.iterator, rk)?;
        if !m.is_undefined() {
            ops::call(cx, m, r.iterator, &[])?;
        }
        Ok(())
    };
    match close(cx) {
        Err(Throw::Terminated) => Throw::Terminated,
        _ => completion,
    }
}
