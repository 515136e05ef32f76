//! String Iterator objects (§22.1.5): `String.prototype[@@iterator]` and
//! `%StringIteratorPrototype%.next`, iterating code points (lone surrogates singly).
//!
//! State in the iterator's traced internal slots (class `StringIterator`): `internal(0)` the
//! string (`undefined` once exhausted), `internal(1)` the next code unit index.

use super::{code_point_at, substring, this_str};
use crate::builtins::{data, iter_result, method};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// `String.prototype [ @@iterator ] ( )`.
pub(super) fn string_iterator(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let s = this_str(cx, this, "[Symbol.iterator]")?;
    let proto = cx.intrinsic(Intrinsic::StringIteratorPrototype);
    let it = cx.new_object_with(ObjectClass::StringIterator, proto)?;
    Object::set_internal(it, 0, s.to_value());
    Object::set_internal(it, 1, Value::int(0));
    Ok(it.to_value())
}

/// `%StringIteratorPrototype%.next ( )`.
fn next(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(it) = Object::from_value(this).filter(|o| o.class() == ObjectClass::StringIterator)
    else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["String Iterator.prototype.next"],
            this,
        ));
    };
    let Some(s) = JsString::from_value(it.internal(0)) else {
        return iter_result(cx, Value::UNDEFINED, true);
    };
    let s = JsString::flatten(cx.heap(), s)?;
    let pos = it.internal(1).as_int().unwrap_or(0) as usize;
    if pos >= s.len() {
        Object::set_internal(it, 0, Value::UNDEFINED);
        return iter_result(cx, Value::UNDEFINED, true);
    }
    let (_, n, _) = code_point_at(&s.chars(), pos);
    let r = substring(cx, s, pos, pos + n)?;
    Object::set_internal(it, 1, Value::int((pos + n) as i32));
    iter_result(cx, r.to_value(), false)
}

/// `%StringIteratorPrototype%`'s properties.
pub(crate) fn fill_iterator_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    method(cx, proto, "next", 0, next)?;
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let tag = cx.string("String Iterator")?;
    data(cx, proto, tk, tag.to_value(), attrs::CONFIGURABLE)
}
