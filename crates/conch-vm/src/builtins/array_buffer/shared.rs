//! `SharedArrayBuffer` (§25.2), growable ones included. The contents are a shared block
//! (`block.rs`) that other runtimes — agents on other threads, JsRT hosts — may map too: a
//! shared buffer can never be detached, and a growable one only grows, in place (the block
//! reserves the maximum length), with a compare-and-exchange on the block's length.

use super::proto::copy_bytes;
use super::{allocate, max_option, tag};
use crate::array_buffer::{self as data, data_of, BufferData};
use crate::builtins::array::{relative_end, relative_index};
use crate::builtins::typed_array::{getter, to_index, to_index_or};
use crate::builtins::{arg, constructor, fill_constructor, link_constructor, method, Lazy};
use crate::cx::{Cx, JsResult};
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, Value};

type R = JsResult<Value>;

fn ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> R {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor SharedArrayBuffer requires 'new'"));
    }
    let len = to_index_or(cx, arg(args, 0), &["Invalid array buffer length"], false)?;
    let max = max_option(cx, arg(args, 1))?;
    allocate(cx, nt, len, max, true)
}

/// `this` as a SharedArrayBuffer: its data, or a TypeError naming `what`.
fn this_shared(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<BufferData>> {
    super::this_of_kind(cx, this, true, what)
}

fn byte_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_shared(cx, this, "byteLength")?;
    Ok(Value::number(d.len() as f64))
}

fn growable(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_shared(cx, this, "growable")?;
    Ok(Value::bool(!d.is_fixed_length()))
}

fn max_byte_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let d = this_shared(cx, this, "maxByteLength")?;
    Ok(Value::number(d.max_len().unwrap_or(d.len()) as f64))
}

/// `SharedArrayBuffer.prototype.grow ( newLength )`.
fn grow(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let d = this_shared(cx, this, "grow")?;
    let Some(max) = d.max_len() else {
        return Err(cx.type_error("SharedArrayBuffer.prototype.grow: the buffer is not growable"));
    };
    let new_len = to_index(cx, arg(args, 0))?;
    if new_len > max as u64 || data::grow_shared(d, new_len as usize).is_err() {
        return Err(cx.range_error(
            "SharedArrayBuffer.prototype.grow: invalid length (smaller, or above maxByteLength)",
        ));
    }
    Ok(Value::UNDEFINED)
}

/// `SharedArrayBuffer.prototype.slice ( start, end )`.
fn slice(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let d = this_shared(cx, this, "slice")?;
    let len = d.len() as u64;
    let first = relative_index(cx, arg(args, 0), len)?;
    let fin = relative_end(cx, arg(args, 1), len)?;
    let new_len = fin.saturating_sub(first);
    let o = Object::from_value(this).expect("buffer");
    let c = ops::species_constructor(cx, o, Intrinsic::SharedArrayBuffer)?;
    let nv = ops::construct(cx, c, &[Value::number(new_len as f64)], c)?;
    let Some(nd) = Object::from_value(nv)
        .and_then(data_of)
        .filter(|d| d.is_shared())
    else {
        return Err(cx.type_error(
            "SharedArrayBuffer.prototype.slice: species did not make a SharedArrayBuffer",
        ));
    };
    if nv == this {
        return Err(
            cx.type_error("SharedArrayBuffer.prototype.slice: species returned the same buffer")
        );
    }
    if (nd.len() as u64) < new_len {
        return Err(cx.type_error("SharedArrayBuffer.prototype.slice: the new buffer is too small"));
    }
    // A shared buffer never shrinks: `first + new_len` is still in bounds.
    copy_bytes(d, first as usize, nd, 0, new_len as usize);
    Ok(nv)
}

pub(in crate::builtins) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::SharedArrayBufferPrototype,
        proto.to_value(),
    );
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "SharedArrayBuffer",
        ctor,
        proto,
        fp,
        Lazy::SharedArrayBufferCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::SharedArrayBuffer, c.to_value());
    Object::set_lazy(proto, Lazy::SharedArrayBufferProto as u8);
    Ok(())
}

pub(in crate::builtins) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    crate::builtins::collection::map::species(cx, c)
}

pub(in crate::builtins) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::SharedArrayBuffer)?;
    let k = cx.rt.key("byteLength")?;
    getter(cx, p, k, "byteLength", byte_length)?;
    let k = cx.rt.key("growable")?;
    getter(cx, p, k, "growable", growable)?;
    let k = cx.rt.key("maxByteLength")?;
    getter(cx, p, k, "maxByteLength", max_byte_length)?;
    method(cx, p, "grow", 1, grow)?;
    method(cx, p, "slice", 2, slice)?;
    tag(cx, p, "SharedArrayBuffer")
}
