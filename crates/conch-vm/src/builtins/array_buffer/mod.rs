//! `ArrayBuffer` (constructor, `isView`, `byteLength`; slicing and resizing come with typed
//! arrays).

pub mod data;

use super::{arg, constructor, data, fill_constructor, link_constructor, method, Lazy};
use crate::array_buffer::{create, data_of};
use crate::convert::to_number;
use crate::cx::{Cx, JsResult};
use crate::numconv::to_integer_or_infinity;
use crate::object::attrs;
use crate::object::{Accessor, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, Value};

fn ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor ArrayBuffer requires 'new'"));
    }
    let n = to_integer_or_infinity(to_number(cx, arg(args, 0))?);
    if !(0.0..=9_007_199_254_740_991.0).contains(&n) || n > isize::MAX as f64 {
        return Err(cx.range_error("Invalid array buffer length"));
    }
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::ArrayBufferPrototype)?;
    let b = create(cx, n as usize)?;
    Object::set_prototype_raw(cx.heap(), b, proto)?;
    Ok(b.to_value())
}

fn byte_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(d) = Object::from_value(this).and_then(data_of) else {
        return Err(
            cx.type_error("ArrayBuffer.prototype.byteLength called on incompatible receiver")
        );
    };
    Ok(Value::number(d.len() as f64))
}

fn is_view(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    // `[[ViewedArrayBuffer]]`: typed arrays and DataViews.
    Ok(Value::bool(Object::from_value(arg(args, 0)).is_some_and(
        |o| matches!(o.class(), ObjectClass::TypedArray | ObjectClass::DataView),
    )))
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::ArrayBufferPrototype, proto.to_value());
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "ArrayBuffer",
        ctor,
        proto,
        fp,
        Lazy::ArrayBufferCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::ArrayBuffer, c.to_value());
    Object::set_lazy(proto, Lazy::ArrayBufferProto as u8);
    Ok(())
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "isView", 1, is_view)?;
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::ArrayBuffer)?;
    let gname = cx.string("get byteLength")?.to_value();
    let g = super::create_function(
        cx,
        byte_length,
        super::FunctionOptions {
            name: gname,
            length: 0,
            constructor: false,
        },
    )?;
    let acc = cx.heap().alloc(Accessor {
        get: g.to_value(),
        set: Value::UNDEFINED,
    })?;
    let k = cx.rt.key("byteLength")?;
    data(
        cx,
        proto,
        k,
        acc.to_value(),
        attrs::CONFIGURABLE | attrs::ACCESSOR,
    )?;
    Ok(())
}
