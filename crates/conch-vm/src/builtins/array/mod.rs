//! `Array` (constructor and `Array.isArray`; the prototype methods come with the interpreter).

use super::{arg, constructor, fill_constructor, link_constructor, method, Lazy};
use crate::convert::to_uint32;
use crate::cx::{Cx, JsResult};
use crate::object::attrs;
use crate::object::{Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, Value};

/// `ArrayCreate(length, proto)`.
pub fn array_create(cx: &Cx, length: u32, proto: Value) -> JsResult<Gc<Object>> {
    let a = cx.new_object_with(ObjectClass::Array, proto)?;
    Object::set_length_raw(a, length);
    Ok(a)
}

fn array_ctor(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let nt = if nt.is_undefined() {
        callee.to_value()
    } else {
        nt
    };
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::ArrayPrototype)?;
    if args.len() == 1 {
        let len = args[0];
        let a = array_create(cx, 0, proto)?;
        if len.as_number().is_none() {
            Object::put_element(
                cx.heap(),
                a,
                0,
                Prop {
                    value: len,
                    attrs: attrs::DEFAULT,
                },
            )?;
        } else {
            let n = to_uint32(cx, len)?;
            if n as f64 != len.as_number().expect("number") {
                return Err(cx.range_error("Invalid array length"));
            }
            Object::set_length_raw(a, n);
        }
        return Ok(a.to_value());
    }
    let a = array_create(cx, 0, proto)?;
    for (i, &v) in args.iter().enumerate() {
        Object::put_element(
            cx.heap(),
            a,
            i as u32,
            Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )?;
    }
    Ok(a.to_value())
}

fn is_array(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(
        Object::from_value(arg(args, 0)).is_some_and(|o| o.class() == ObjectClass::Array),
    ))
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.realm.intrinsic_object(Intrinsic::ArrayPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(cx, global, "Array", array_ctor, proto, fp, Lazy::ArrayCtor)?;
    Context::set_intrinsic(cx.realm, Intrinsic::Array, c.to_value());
    Object::set_lazy(proto, Lazy::ArrayProto as u8);
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::Array)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "isArray", 1, is_array)?;
    Ok(())
}
