//! `Object` and `Object.prototype`.

mod annex_b;
mod reflection;

use super::{arg, constructor, fill_constructor, link_constructor, method, Lazy};
use crate::convert::{to_object, to_property_key, type_of, Type};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::WellKnown;
use conch_gc::{Gc, Value};

fn object_ctor(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    if !nt.is_undefined() && nt != callee.to_value() {
        let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::ObjectPrototype)?;
        return Ok(cx.new_object_with(ObjectClass::Ordinary, proto)?.to_value());
    }
    let v = arg(args, 0);
    if v.is_nullish() {
        return Ok(cx.new_object()?.to_value());
    }
    Ok(to_object(cx, v)?.to_value())
}

/// `Object.prototype.toString`'s entry point (to recognise it without calling it).
pub(crate) fn to_string_native() -> crate::object::NativeFn {
    to_string_
}

/// `Object.prototype.toString`.
pub(crate) fn to_string_(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let builtin = match type_of(this) {
        Type::Undefined => return Ok(cx.string("[object Undefined]")?.to_value()),
        Type::Null => return Ok(cx.string("[object Null]")?.to_value()),
        _ => {
            let o = to_object(cx, this)?;
            let tag = match o.class() {
                _ if ops::is_array(cx, o.to_value())? => "Array",
                ObjectClass::Error => "Error",
                ObjectClass::Arguments => "Arguments",
                ObjectClass::Boolean => "Boolean",
                ObjectClass::Number => "Number",
                ObjectClass::String => "String",
                ObjectClass::Date => "Date",
                ObjectClass::RegExp => "RegExp",
                _ if o.is_callable() => "Function",
                _ => "Object",
            };
            let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
            let t = ops::get_v(cx, o, key)?;
            if let Some(s) = JsString::from_value(t) {
                let a = cx.string("[object ")?;
                let b = cx.string("]")?;
                let r = JsString::concat(cx.heap(), a, s)?;
                return Ok(JsString::concat(cx.heap(), r, b)?.to_value());
            }
            tag
        }
    };
    let a = cx.string("[object ")?;
    let t = cx.string(builtin)?;
    let b = cx.string("]")?;
    let r = JsString::concat(cx.heap(), a, t)?;
    Ok(JsString::concat(cx.heap(), r, b)?.to_value())
}

/// `Object.prototype.toLocaleString`: `Invoke(this, "toString")`.
fn to_locale_string(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let key = cx.name(crate::runtime::Name::toString);
    let f = ops::get(cx, o, key, this)?;
    ops::call(cx, f, this, &[])
}

fn value_of(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(to_object(cx, this)?.to_value())
}

fn has_own_property(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let key = to_property_key(cx, arg(args, 0))?;
    let o = to_object(cx, this)?;
    Ok(Value::bool(ops::get_own_property(cx, o, key)?.is_some()))
}

fn is_prototype_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(mut v) = Object::from_value(arg(args, 0)) else {
        return Ok(Value::FALSE);
    };
    let o = to_object(cx, this)?;
    loop {
        match Object::from_value(ops::get_prototype_of(cx, v)?) {
            None => return Ok(Value::FALSE),
            Some(p) if p == o => return Ok(Value::TRUE),
            Some(p) => v = p,
        }
    }
}

fn property_is_enumerable(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let key = to_property_key(cx, arg(args, 0))?;
    let o = to_object(cx, this)?;
    Ok(Value::bool(
        ops::get_own_property(cx, o, key)?.is_some_and(|d| d.enumerable == Some(true)),
    ))
}

fn get_prototype_of(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, arg(args, 0))?;
    ops::get_prototype_of(cx, o)
}

fn set_prototype_of(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, proto) = (arg(args, 0), arg(args, 1));
    if o.is_nullish() {
        return Err(cx.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    if !proto.is_null() && Object::from_value(proto).is_none() {
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Text(
                    "Object prototype may only be an Object or null: ",
                ),
                crate::builtins::error::shown::Part::Shown(proto),
            ],
        ));
    }
    if let Some(obj) = Object::from_value(o) {
        if !ops::set_prototype_of(cx, obj, proto)? {
            return Err(crate::builtins::error::shown::set_prototype_failure(
                cx, obj,
            ));
        }
    }
    Ok(o)
}

fn prevent_extensions(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    if let Some(o) = Object::from_value(arg(args, 0)) {
        if !ops::prevent_extensions(cx, o)? {
            return Err(cx.type_error("Cannot prevent extensions"));
        }
    }
    Ok(arg(args, 0))
}

fn freeze(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    integrity(cx, arg(args, 0), true)
}

fn seal(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    integrity(cx, arg(args, 0), false)
}

fn integrity(cx: &mut Cx, v: Value, frozen: bool) -> JsResult<Value> {
    if let Some(o) = Object::from_value(v) {
        if !ops::set_integrity_level(cx, o, frozen)? {
            return Err(cx.type_error("Cannot change the integrity level of this object"));
        }
    }
    Ok(v)
}

fn is_frozen(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(match Object::from_value(arg(args, 0)) {
        Some(o) => ops::test_integrity_level(cx, o, true)?,
        None => true,
    }))
}

fn is_sealed(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(match Object::from_value(arg(args, 0)) {
        Some(o) => ops::test_integrity_level(cx, o, false)?,
        None => true,
    }))
}

fn is_extensible(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::bool(match Object::from_value(arg(args, 0)) {
        Some(o) => ops::is_extensible(cx, o)?,
        None => false,
    }))
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.realm.intrinsic_object(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "Object",
        object_ctor,
        proto,
        fp,
        Lazy::ObjectCtor,
    )?;
    crate::realm::Context::set_intrinsic(cx.realm, Intrinsic::Object, c.to_value());
    Object::set_lazy(proto, Lazy::ObjectProto as u8);
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::Object)?;
    method(cx, proto, "toString", 0, to_string_)?;
    method(cx, proto, "toLocaleString", 0, to_locale_string)?;
    method(cx, proto, "valueOf", 0, value_of)?;
    method(cx, proto, "hasOwnProperty", 1, has_own_property)?;
    method(cx, proto, "isPrototypeOf", 1, is_prototype_of)?;
    method(cx, proto, "propertyIsEnumerable", 1, property_is_enumerable)?;
    annex_b::fill_proto(cx, proto)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "getPrototypeOf", 1, get_prototype_of)?;
    method(cx, c, "keys", 1, reflection::keys)?;
    method(cx, c, "values", 1, reflection::values)?;
    method(cx, c, "entries", 1, reflection::entries)?;
    method(
        cx,
        c,
        "getOwnPropertyNames",
        1,
        reflection::get_own_property_names,
    )?;
    method(
        cx,
        c,
        "getOwnPropertySymbols",
        1,
        reflection::get_own_property_symbols,
    )?;
    method(
        cx,
        c,
        "getOwnPropertyDescriptor",
        2,
        reflection::get_own_property_descriptor,
    )?;
    method(cx, c, "defineProperty", 3, reflection::define_property)?;
    method(cx, c, "defineProperties", 2, reflection::define_properties)?;
    method(cx, c, "create", 2, reflection::create)?;
    method(cx, c, "assign", 2, reflection::assign)?;
    method(cx, c, "setPrototypeOf", 2, set_prototype_of)?;
    method(cx, c, "preventExtensions", 1, prevent_extensions)?;
    method(cx, c, "isExtensible", 1, is_extensible)?;
    method(cx, c, "freeze", 1, freeze)?;
    method(cx, c, "seal", 1, seal)?;
    method(cx, c, "isFrozen", 1, is_frozen)?;
    method(cx, c, "isSealed", 1, is_sealed)?;
    method(
        cx,
        c,
        "getOwnPropertyDescriptors",
        1,
        reflection::get_own_property_descriptors,
    )?;
    method(cx, c, "groupBy", 2, reflection::group_by)?;
    method(cx, c, "is", 2, reflection::is)?;
    method(cx, c, "hasOwn", 2, reflection::has_own)?;
    method(cx, c, "fromEntries", 1, reflection::from_entries)?;
    Ok(())
}

#[cfg(test)]
mod tests;
