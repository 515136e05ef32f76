//! Array Iterator objects (§23.1.5) and `Array.prototype.{keys, values, entries}`.
//!
//! An iterator is an object of class `ArrayIterator` whose state lives in its traced
//! internal slots: `internal(0)` `[[IteratedObject]]` (`undefined` once exhausted),
//! `internal(1)` the next index, `internal(2)` the kind. The spec (2025) describes `next` as
//! a generator closure; its observable behaviour is reproduced here: an exhausted iterator
//! stays exhausted, and an abrupt completion (a throwing getter or `length`) also ends it,
//! as it would complete the generator.

use super::{array_from_list, get_index, num};
use crate::builtins::{data, method};
use crate::convert::{length_of_array_like, to_object};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// `[[Kind]]` of an array iterator.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Keys = 0,
    Values = 1,
    Entries = 2,
}

/// `CreateArrayIterator(array, kind)`.
pub(crate) fn create_array_iterator(cx: &Cx, o: Gc<Object>, kind: Kind) -> JsResult<Value> {
    let proto = cx.intrinsic(Intrinsic::ArrayIteratorPrototype);
    let it = cx.new_object_with(ObjectClass::ArrayIterator, proto)?;
    Object::set_internal(it, 0, o.to_value());
    Object::set_internal(it, 1, Value::int(0));
    Object::set_internal(it, 2, Value::int(kind as i32));
    Ok(it.to_value())
}

fn create(cx: &mut Cx, this: Value, kind: Kind) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    create_array_iterator(cx, o, kind)
}

/// `Array.prototype.keys ( )`.
pub(super) fn keys(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    create(cx, this, Kind::Keys)
}

/// `Array.prototype.values ( )` (also `Array.prototype[@@iterator]`).
pub(super) fn values(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    create(cx, this, Kind::Values)
}

/// `Array.prototype.entries ( )`.
pub(super) fn entries(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    create(cx, this, Kind::Entries)
}

/// `CreateIterResultObject(value, done)`.
pub(crate) fn iter_result(cx: &mut Cx, value: Value, done: bool) -> JsResult<Value> {
    let r = cx.new_object()?;
    let vk = cx.name(Name::value);
    ops::create_data_property(cx, r, vk, value)?;
    let dk = cx.name(crate::runtime::Name::done);
    ops::create_data_property(cx, r, dk, Value::bool(done))?;
    Ok(r.to_value())
}

/// `%ArrayIteratorPrototype%.next ( )`.
fn next(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(it) = Object::from_value(this).filter(|o| o.class() == ObjectClass::ArrayIterator)
    else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["Array Iterator.prototype.next"],
            this,
        ));
    };
    let Some(a) = Object::from_value(it.internal(0)) else {
        return iter_result(cx, Value::UNDEFINED, true);
    };
    match step(cx, it, a) {
        Ok(Some(v)) => iter_result(cx, v, false),
        Ok(None) => {
            Object::set_internal(it, 0, Value::UNDEFINED);
            iter_result(cx, Value::UNDEFINED, true)
        }
        Err(e) => {
            // The generator of the spec's closure completes abruptly: it is done for good.
            Object::set_internal(it, 0, Value::UNDEFINED);
            Err(e)
        }
    }
}

/// `IteratorStep` on an array iterator whose `next` is the original one: the value, or `None`
/// when done, without the result object (its own `done` and `value` data properties would
/// shadow anything, so skipping it is not observable).
pub(crate) fn step_value(cx: &mut Cx, it: Gc<Object>) -> JsResult<Option<Value>> {
    let Some(a) = Object::from_value(it.internal(0)) else {
        return Ok(None);
    };
    let r = step(cx, it, a);
    if !matches!(r, Ok(Some(_))) {
        Object::set_internal(it, 0, Value::UNDEFINED);
    }
    r
}

/// One step of the iterator's closure: the value to yield, or `None` at the end.
fn step(cx: &mut Cx, it: Gc<Object>, a: Gc<Object>) -> JsResult<Option<Value>> {
    let len = if a.class() == ObjectClass::TypedArray {
        // TypedArrays: their own length; a detached buffer is a TypeError.
        if crate::builtins::typed_array::is_out_of_bounds(&a) {
            return Err(cx.type_error("Cannot iterate a typed array whose buffer is detached"));
        }
        crate::builtins::typed_array_elements(&a).map_or(0, |e| e.length as u64)
    } else {
        length_of_array_like(cx, a)?
    };
    let index = it.internal(1).as_number().unwrap_or(0.0) as u64;
    if index >= len {
        return Ok(None);
    }
    Object::set_internal(it, 1, num(index + 1));
    let kind = it.internal(2).as_int().unwrap_or(Kind::Values as i32);
    if kind == Kind::Keys as i32 {
        return Ok(Some(num(index)));
    }
    let v = get_index(cx, a, index)?;
    if kind == Kind::Values as i32 {
        return Ok(Some(v));
    }
    Ok(Some(array_from_list(cx, &[num(index), v])?.to_value()))
}

/// `%ArrayIteratorPrototype%`'s properties.
pub(crate) fn fill_array_iterator_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    let f = method(cx, proto, "next", 0, next)?;
    crate::realm::Context::set_intrinsic(cx.realm, Intrinsic::ArrayIteratorNext, f.to_value());
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let tag = cx.string("Array Iterator")?;
    data(cx, proto, tk, tag.to_value(), attrs::CONFIGURABLE)
}
