//! Annex B additions to `Object.prototype` (§B.2.2): the `__proto__` accessor and the legacy
//! `__defineGetter__`, `__defineSetter__`, `__lookupGetter__`, `__lookupSetter__` methods.

use super::super::{arg, create_function, FunctionOptions};
use crate::convert::{to_object, to_property_key};
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops::{self, PropertyDescriptor};
use conch_gc::{Gc, Value};

/// `get Object.prototype.__proto__` (§B.2.2.1.1).
fn proto_get(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    ops::get_prototype_of(cx, o)
}

/// `set Object.prototype.__proto__` (§B.2.2.1.2).
fn proto_set(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(cx.type_error("Object.prototype.__proto__ called on null or undefined"));
    }
    let proto = arg(args, 0);
    if !proto.is_null() && Object::from_value(proto).is_none() {
        return Ok(Value::UNDEFINED);
    }
    let Some(o) = Object::from_value(this) else {
        return Ok(Value::UNDEFINED);
    };
    if !ops::set_prototype_of(cx, o, proto)? {
        return Err(crate::builtins::error::shown::set_prototype_failure(cx, o));
    }
    Ok(Value::UNDEFINED)
}

/// `__defineGetter__` / `__defineSetter__` (§B.2.2.2–3).
fn define_accessor(cx: &mut Cx, this: Value, args: &[Value], setter: bool) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let f = arg(args, 1);
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error(if setter {
            "Object.prototype.__defineSetter__: Expecting function"
        } else {
            "Object.prototype.__defineGetter__: Expecting function"
        }));
    }
    let mut d = PropertyDescriptor {
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    if setter {
        d.set = Some(f);
    } else {
        d.get = Some(f);
    }
    let key = to_property_key(cx, arg(args, 0))?;
    ops::define_property_or_throw(cx, o, key, &d)?;
    Ok(Value::UNDEFINED)
}

fn define_getter(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    define_accessor(cx, this, args, false)
}

fn define_setter(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    define_accessor(cx, this, args, true)
}

/// `__lookupGetter__` / `__lookupSetter__` (§B.2.2.4–5): walks the prototype chain through
/// the internal methods (so proxies see `getOwnPropertyDescriptor`/`getPrototypeOf`).
fn lookup_accessor(cx: &mut Cx, this: Value, args: &[Value], setter: bool) -> JsResult<Value> {
    let mut o = to_object(cx, this)?;
    let key = to_property_key(cx, arg(args, 0))?;
    loop {
        if let Some(d) = ops::get_own_property(cx, o, key)? {
            let f = if setter { d.set } else { d.get };
            return Ok(if d.is_accessor() {
                f.unwrap_or(Value::UNDEFINED)
            } else {
                Value::UNDEFINED
            });
        }
        match Object::from_value(ops::get_prototype_of(cx, o)?) {
            Some(p) => o = p,
            None => return Ok(Value::UNDEFINED),
        }
    }
}

fn lookup_getter(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    lookup_accessor(cx, this, args, false)
}

fn lookup_setter(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    lookup_accessor(cx, this, args, true)
}

/// Installs the Annex B members on `Object.prototype`.
pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    use super::super::method;
    method(cx, proto, "__defineGetter__", 2, define_getter)?;
    method(cx, proto, "__defineSetter__", 2, define_setter)?;
    method(cx, proto, "__lookupGetter__", 1, lookup_getter)?;
    method(cx, proto, "__lookupSetter__", 1, lookup_setter)?;
    let mut fns = [Value::UNDEFINED; 2];
    for (i, (name, len, f)) in [
        ("get __proto__", 0, proto_get as crate::object::NativeFn),
        ("set __proto__", 1, proto_set),
    ]
    .into_iter()
    .enumerate()
    {
        let n = cx.string(name)?;
        fns[i] = create_function(
            cx,
            f,
            FunctionOptions {
                name: n.to_value(),
                length: len,
                constructor: false,
            },
        )?
        .to_value();
    }
    let d = PropertyDescriptor {
        get: Some(fns[0]),
        set: Some(fns[1]),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    let key = cx.rt.key("__proto__")?;
    ops::define_property_or_throw(cx, proto, key, &d)
}
