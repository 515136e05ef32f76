//! `ArrayBuffer` (§25.1) with resizable buffers and the immutable-ArrayBuffer proposal, and
//! `SharedArrayBuffer` (§25.2, in `shared`). The contents and their memory are `data`'s; the
//! prototype methods that copy, move or resize them are in `proto`.

pub mod block;
pub mod data;
mod proto;
pub(super) mod shared;

use super::typed_array::{getter, to_index, to_index_or};
use super::{arg, constructor, fill_constructor, link_constructor, method, Lazy};
use crate::array_buffer::{create_with, data_of, BufferData, MAX_BYTE_LENGTH};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::WellKnown;
use conch_gc::{Gc, Value};

type R = JsResult<Value>;

/// `GetArrayBufferMaxByteLengthOption(options)`.
pub(super) fn max_option(cx: &mut Cx, options: Value) -> JsResult<Option<u64>> {
    let Some(o) = Object::from_value(options) else {
        return Ok(None);
    };
    let k = cx.rt.key("maxByteLength")?;
    let v = ops::get(cx, o, k, options)?;
    if v.is_undefined() {
        return Ok(None);
    }
    Ok(Some(to_index(cx, v)?))
}

/// `AllocateArrayBuffer` / `AllocateSharedArrayBuffer(constructor, byteLength, maxByteLength)`.
pub(super) fn allocate(cx: &mut Cx, nt: Value, len: u64, max: Option<u64>, shared: bool) -> R {
    if max.is_some_and(|m| len > m) {
        return Err(cx.range_error("Invalid array buffer length: larger than maxByteLength"));
    }
    let fallback = if shared {
        Intrinsic::SharedArrayBufferPrototype
    } else {
        Intrinsic::ArrayBufferPrototype
    };
    let proto = ops::prototype_from_constructor(cx, nt, fallback)?;
    if len > MAX_BYTE_LENGTH {
        return Err(cx.range_error("Invalid array buffer length"));
    }
    if max.is_some_and(|m| m > MAX_BYTE_LENGTH) {
        return Err(cx.range_error("Invalid array buffer max length"));
    }
    let b = create_with(cx, len as usize, max.map(|m| m as usize), shared)?;
    Object::set_prototype_raw(cx.heap(), b, proto)?;
    Ok(b.to_value())
}

fn ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> R {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor ArrayBuffer requires 'new'"));
    }
    let len = to_index_or(cx, arg(args, 0), &["Invalid array buffer length"], false)?;
    let max = max_option(cx, arg(args, 1))?;
    allocate(cx, nt, len, max, false)
}

/// `this` as an ArrayBuffer (not shared): its data, or a TypeError naming `what`.
pub(super) fn this_buffer(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<BufferData>> {
    this_of_kind(cx, this, false, what)
}

/// `this` as an ArrayBuffer (`shared` false) or a SharedArrayBuffer: its data, or V8's
/// incompatible-receiver TypeError naming `what` (a getter's name with "get ").
pub(super) fn this_of_kind(
    cx: &Cx,
    this: Value,
    shared: bool,
    what: &str,
) -> JsResult<Gc<BufferData>> {
    match Object::from_value(this).and_then(data_of) {
        Some(d) if d.is_shared() == shared => Ok(d),
        _ => {
            let getter = matches!(
                what,
                "byteLength"
                    | "maxByteLength"
                    | "resizable"
                    | "growable"
                    | "detached"
                    | "immutable"
            );
            let get = if getter { "get " } else { "" };
            let proto = if shared {
                "SharedArrayBuffer.prototype."
            } else {
                "ArrayBuffer.prototype."
            };
            Err(crate::builtins::error::shown::incompatible_receiver(
                cx,
                &[get, proto, what],
                this,
            ))
        }
    }
}

fn byte_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "byteLength")?;
    Ok(Value::number(d.len() as f64))
}

fn max_byte_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "maxByteLength")?;
    if d.is_detached() {
        return Ok(Value::int(0));
    }
    Ok(Value::number(d.max_len().unwrap_or(d.len()) as f64))
}

fn resizable(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "resizable")?;
    Ok(Value::bool(!d.is_fixed_length()))
}

fn detached(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "detached")?;
    Ok(Value::bool(d.is_detached()))
}

fn immutable(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "immutable")?;
    Ok(Value::bool(d.is_immutable()))
}

fn is_view(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
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
    shared::init(cx, global)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "isView", 1, is_view)?;
    super::collection::map::species(cx, c)
}

/// `@@toStringTag` (configurable, not writable).
pub(super) fn tag(cx: &mut Cx, p: Gc<Object>, name: &str) -> JsResult<()> {
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string(name)?;
    super::data(cx, p, tk, s.to_value(), attrs::CONFIGURABLE)
}

pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::ArrayBuffer)?;
    let k = cx.rt.key("byteLength")?;
    getter(cx, p, k, "byteLength", byte_length)?;
    let k = cx.rt.key("detached")?;
    getter(cx, p, k, "detached", detached)?;
    let k = cx.rt.key("immutable")?;
    getter(cx, p, k, "immutable", immutable)?;
    let k = cx.rt.key("maxByteLength")?;
    getter(cx, p, k, "maxByteLength", max_byte_length)?;
    let k = cx.rt.key("resizable")?;
    getter(cx, p, k, "resizable", resizable)?;
    method(cx, p, "resize", 1, proto::resize)?;
    method(cx, p, "slice", 2, proto::slice)?;
    method(cx, p, "sliceToImmutable", 2, proto::slice_to_immutable)?;
    method(cx, p, "transfer", 0, proto::transfer)?;
    method(cx, p, "transferToFixedLength", 0, proto::transfer_to_fixed)?;
    method(
        cx,
        p,
        "transferToImmutable",
        0,
        proto::transfer_to_immutable,
    )?;
    tag(cx, p, "ArrayBuffer")
}

#[cfg(test)]
mod tests;
