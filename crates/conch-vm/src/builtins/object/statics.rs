//! `Object.is`, `Object.hasOwn`, `Object.fromEntries` and `Object.prototype.toLocaleString`.

use super::super::arg;
use crate::convert::{to_object, to_property_key};
use crate::cx::{Cx, JsResult, Throw};
use crate::interp::ops::{get_iterator, iterator_close, iterator_step};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use conch_gc::{Gc, Value};

/// `Object.is(value1, value2)`: SameValue.
pub(super) fn is(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::bool(crate::convert::same_value(
        cx,
        arg(args, 0),
        arg(args, 1),
    )?))
}

/// `Object.hasOwn(O, P)`.
pub(super) fn has_own(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, arg(args, 0))?;
    let key = to_property_key(cx, arg(args, 1))?;
    Ok(Value::bool(ops::get_own_property(cx, o, key)?.is_some()))
}

/// IteratorClose for a throw completion: the original exception wins.
fn close_throwing(cx: &mut Cx, it: Value, t: Throw) -> Throw {
    if let Throw::Value(_) = t {
        let _ = iterator_close(cx, it);
    }
    t
}

/// `Object.fromEntries(iterable)` (AddEntriesFromIterable with CreateDataPropertyOrThrow).
pub(super) fn from_entries(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Err(cx.type_error("Object.fromEntries requires an iterable"));
    }
    let obj = cx.new_object()?;
    let (it, next) = get_iterator(cx, iterable)?;
    while let Some(entry) = iterator_step(cx, it, next)? {
        let step = (|| -> JsResult<()> {
            let Some(e) = Object::from_value(entry) else {
                return Err(cx.type_error("Iterator value is not an entry object"));
            };
            let k = ops::get_v(cx, e, PropertyKey::index(0))?;
            let v = ops::get_v(cx, e, PropertyKey::index(1))?;
            let key = to_property_key(cx, k)?;
            if !ops::create_data_property(cx, obj, key, v)? {
                return Err(cx.type_error("Cannot define property"));
            }
            Ok(())
        })();
        if let Err(t) = step {
            return Err(close_throwing(cx, it, t));
        }
    }
    Ok(obj.to_value())
}

/// `Object.prototype.toLocaleString()`: `this.toString()`.
pub(super) fn to_locale_string(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let key = cx.rt.key("toString")?;
    let f = ops::iteration::get_v(cx, this, key)?;
    ops::call(cx, f, this, &[])
}
