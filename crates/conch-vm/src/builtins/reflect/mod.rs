//! The `Reflect` object (§28.1): the internal methods as functions. Every function requires an
//! object target (TypeError otherwise) and answers with the internal method's own result
//! (booleans instead of the throwing `Object.*` forms).

use super::{arg, data, method, Lazy};
use crate::builtins::array::array_from_list;
use crate::convert::{key_to_value, length_of_array_like, to_property_key};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

/// Creates the (lazy) `Reflect` object and binds it on the global object.
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let r = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    Object::set_lazy(r, Lazy::Reflect as u8);
    let key = cx.rt.key("Reflect")?;
    data(cx, global, key, r.to_value(), attrs::HIDDEN)
}

pub(super) fn fill(cx: &mut Cx, r: Gc<Object>) -> JsResult<()> {
    method(cx, r, "apply", 3, apply)?;
    method(cx, r, "construct", 2, construct)?;
    method(cx, r, "defineProperty", 3, define_property)?;
    method(cx, r, "deleteProperty", 2, delete_property)?;
    method(cx, r, "get", 2, get)?;
    method(
        cx,
        r,
        "getOwnPropertyDescriptor",
        2,
        get_own_property_descriptor,
    )?;
    method(cx, r, "getPrototypeOf", 1, get_prototype_of)?;
    method(cx, r, "has", 2, has)?;
    method(cx, r, "isExtensible", 1, is_extensible)?;
    method(cx, r, "ownKeys", 1, own_keys)?;
    method(cx, r, "preventExtensions", 1, prevent_extensions)?;
    method(cx, r, "set", 3, set)?;
    method(cx, r, "setPrototypeOf", 2, set_prototype_of)?;
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string("Reflect")?;
    data(cx, r, tk, s.to_value(), attrs::CONFIGURABLE)
}

/// The target argument, which must be an object.
fn target(cx: &Cx, args: &[Value], what: &str) -> JsResult<Gc<Object>> {
    Object::from_value(arg(args, 0)).ok_or_else(|| {
        let mut buf = [0u8; 96];
        let post = b" called on non-object";
        let n = what.len().min(64);
        buf[..n].copy_from_slice(&what.as_bytes()[..n]);
        buf[n..n + post.len()].copy_from_slice(post);
        cx.type_error(std::str::from_utf8(&buf[..n + post.len()]).unwrap_or("non-object"))
    })
}

/// `CreateListFromArrayLike(obj)` into a GC vector (kept alive by this frame's stack).
fn list_from_array_like(cx: &mut Cx, v: Value) -> JsResult<GcVec<Value>> {
    let Some(o) = Object::from_value(v) else {
        return Err(cx.type_error("CreateListFromArrayLike called on non-object"));
    };
    let n = length_of_array_like(cx, o)?;
    if n > 65_535 {
        return Err(cx.range_error("Too many arguments in function call"));
    }
    let buf = GcVec::<Value>::new();
    buf.reserve(cx.heap(), n as usize)?;
    for i in 0..n as u32 {
        let e = ops::get(cx, o, PropertyKey::index(i), v)?;
        buf.push(cx.heap(), e)?;
    }
    Ok(buf)
}

/// V8's "Function.prototype.apply was called on 1, which is a number and not a function".
fn function_apply_error(cx: &Cx, f: Value) -> crate::cx::Throw {
    use crate::convert::{type_of, Type};
    let what = match type_of(f) {
        Type::Undefined => ", which is a undefined and not a function",
        Type::Null => ", which is null and not a function",
        Type::Boolean => ", which is a boolean and not a function",
        Type::Number => ", which is a number and not a function",
        Type::String => ", which is a string and not a function",
        Type::Symbol => ", which is a symbol and not a function",
        Type::BigInt => ", which is a bigint and not a function",
        _ => ", which is an object and not a function",
    };
    crate::builtins::error::shown::error(
        cx,
        crate::cx::ErrorKind::TypeError,
        &[
            crate::builtins::error::shown::Part::Text("Function.prototype.apply was called on "),
            crate::builtins::error::shown::Part::Shown(f),
            crate::builtins::error::shown::Part::Text(what),
        ],
    )
}

fn apply(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let f = arg(args, 0);
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        // V8 words it as `Function.prototype.apply`, which Reflect.apply shares there.
        return Err(function_apply_error(cx, f));
    }
    let list = list_from_array_like(cx, arg(args, 2))?;
    // SAFETY: `list` is this frame's own vector; nothing else can reach it during the call.
    ops::call(cx, f, arg(args, 1), unsafe { list.as_slice() })
}

fn construct(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let is_ctor = |v: Value| Object::from_value(v).is_some_and(|f| f.is_constructor());
    let t = arg(args, 0);
    if !is_ctor(t) {
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Shown(t),
                crate::builtins::error::shown::Part::Text(" is not a constructor"),
            ],
        ));
    }
    let nt = if args.len() < 3 { t } else { args[2] };
    if !is_ctor(nt) {
        return Err(cx.type_error("Reflect.construct: newTarget is not a constructor"));
    }
    let list = list_from_array_like(cx, arg(args, 1))?;
    // SAFETY: as in `apply`.
    ops::construct(cx, t, unsafe { list.as_slice() }, nt)
}

fn define_property(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.defineProperty")?;
    let key = to_property_key(cx, arg(a, 1))?;
    let desc = ops::to_property_descriptor(cx, arg(a, 2))?;
    Ok(Value::bool(ops::define_own_property(cx, o, key, &desc)?))
}

fn delete_property(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.deleteProperty")?;
    let key = to_property_key(cx, arg(a, 1))?;
    Ok(Value::bool(ops::delete(cx, o, key)?))
}

fn get(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.get")?;
    let key = to_property_key(cx, arg(a, 1))?;
    let receiver = if a.len() < 3 { o.to_value() } else { a[2] };
    ops::get(cx, o, key, receiver)
}

fn get_own_property_descriptor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.getOwnPropertyDescriptor")?;
    let key = to_property_key(cx, arg(a, 1))?;
    match ops::get_own_property(cx, o, key)? {
        Some(d) => Ok(ops::from_property_descriptor(cx, &d)?.to_value()),
        None => Ok(Value::UNDEFINED),
    }
}

fn get_prototype_of(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.getPrototypeOf")?;
    ops::get_prototype_of(cx, o)
}

fn has(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.has")?;
    let key = to_property_key(cx, arg(a, 1))?;
    Ok(Value::bool(ops::has_property(cx, o, key)?))
}

fn is_extensible(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.isExtensible")?;
    Ok(Value::bool(ops::is_extensible(cx, o)?))
}

fn own_keys(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.ownKeys")?;
    let keys = ops::own_property_keys(cx, o)?;
    let out = GcVec::<Value>::new();
    out.reserve(cx.heap(), keys.len())?;
    for k in keys.iter() {
        let v = key_to_value(cx, PropertyKey::from_raw(k))?;
        out.push(cx.heap(), v)?;
    }
    // SAFETY: `out` is this frame's own vector, not written while the slice lives.
    Ok(array_from_list(cx, unsafe { out.as_slice() })?.to_value())
}

fn prevent_extensions(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.preventExtensions")?;
    Ok(Value::bool(ops::prevent_extensions(cx, o)?))
}

fn set(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.set")?;
    let key = to_property_key(cx, arg(a, 1))?;
    let receiver = if a.len() < 4 { o.to_value() } else { a[3] };
    Ok(Value::bool(ops::set(cx, o, key, arg(a, 2), receiver)?))
}

fn set_prototype_of(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = target(cx, a, "Reflect.setPrototypeOf")?;
    let proto = arg(a, 1);
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
    Ok(Value::bool(ops::set_prototype_of(cx, o, proto)?))
}

#[cfg(test)]
mod tests;
