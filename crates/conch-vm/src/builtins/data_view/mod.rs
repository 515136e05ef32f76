//! `DataView` (§25.3): byte-level get/set of every element type, either endianness, over an
//! ArrayBuffer. A view is an object of class `DataView` (see `ObjectClass::DataView`).

use super::typed_array::{getter, to_index, to_index_or};
use super::{arg, constructor, fill_constructor, link_constructor, method, Lazy};
use crate::array_buffer::data_of;
use crate::convert::to_boolean;
use crate::cx::{Cx, JsResult};
use crate::host::{ElementType, ExternalElements};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::WellKnown;
use conch_gc::{Gc, Value};

type R = JsResult<Value>;

fn ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> R {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor DataView requires 'new'"));
    }
    let Some(buf) =
        Object::from_value(arg(args, 0)).filter(|o| o.class() == ObjectClass::ArrayBuffer)
    else {
        return Err(cx.type_error("First argument to DataView constructor must be an ArrayBuffer"));
    };
    let offset = to_index_or(
        cx,
        arg(args, 1),
        &["Start offset ", " is outside the bounds of the buffer"],
        true,
    )?;
    let d = data_of(buf).expect("array buffer");
    if d.is_detached() {
        return Err(cx.type_error("Cannot perform DataView constructor on a detached ArrayBuffer"));
    }
    let blen = d.len() as u64;
    if offset > blen {
        return Err(super::typed_array::start_offset_error(cx, offset));
    }
    // `None`: a length-tracking view (`[[ByteLength]]` auto).
    let len = if arg(args, 2).is_undefined() {
        d.is_fixed_length().then_some(blen - offset)
    } else {
        let l = to_index(cx, arg(args, 2))?;
        if offset.saturating_add(l) > blen {
            return Err(cx.range_error("Invalid DataView length"));
        }
        Some(l)
    };
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::DataViewPrototype)?;
    if d.is_detached() {
        return Err(cx.type_error("Cannot perform DataView constructor on a detached ArrayBuffer"));
    }
    let blen = d.len() as u64;
    if offset > blen || len.is_some_and(|l| offset + l > blen) {
        return Err(cx.range_error("Invalid DataView length"));
    }
    let o = cx.new_object_with(ObjectClass::DataView, proto)?;
    Object::set_internal(o, 0, buf.to_value());
    Object::set_internal(o, 1, Value::number(offset as f64));
    let l = len.map_or(Value::UNDEFINED, |l| Value::number(l as f64));
    Object::set_internal(o, 2, l);
    Ok(o.to_value())
}

fn this_view(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<Object>> {
    match Object::from_value(this).filter(|o| o.class() == ObjectClass::DataView) {
        Some(o) => Ok(o),
        // V8's words, which name the getters in snake case and show the receiver as
        // `undefined`.
        None => {
            let (get, what) = match what {
                "buffer" => ("get ", "buffer"),
                "byteLength" => ("get ", "byte_length"),
                "byteOffset" => ("get ", "byte_offset"),
                m => ("", m),
            };
            Err(crate::builtins::error::shown::incompatible_receiver(
                cx,
                &[get, "DataView.prototype.", what],
                Value::UNDEFINED,
            ))
        }
    }
}

/// The view's bytes: (start address, byte length), `None` when the buffer is detached or
/// the view out of its bounds (IsViewOutOfBounds); a length-tracking view's length follows
/// its buffer's (GetViewByteLength).
pub(crate) fn view_bytes(o: &Object) -> Option<(usize, usize)> {
    let d = Object::from_value(o.internal(0)).and_then(data_of)?;
    let (ptr, blen) = d.bytes()?;
    let off = o.internal(1).as_number().unwrap_or(0.0) as usize;
    let len = match o.internal(2) {
        v if v.is_undefined() => blen.checked_sub(off)?,
        v => v.as_number().unwrap_or(0.0) as usize,
    };
    (off.checked_add(len)? <= blen).then_some((ptr as usize + off, len))
}

fn get_buffer(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    Ok(this_view(cx, this, "buffer")?.internal(0))
}

fn get_byte_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let o = this_view(cx, this, "byteLength")?;
    match view_bytes(&o) {
        Some((_, n)) => Ok(Value::number(n as f64)),
        None => Err(cx.type_error("DataView.prototype.byteLength: the buffer is detached")),
    }
}

fn get_byte_offset(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let o = this_view(cx, this, "byteOffset")?;
    match view_bytes(&o) {
        Some(_) => Ok(o.internal(1)),
        None => Err(cx.type_error("DataView.prototype.byteOffset: the buffer is detached")),
    }
}

/// V8's TypeError for a view whose buffer is detached (or out of bounds).
fn view_detached(cx: &Cx, o: &Object, name: &str) -> crate::cx::Throw {
    if super::typed_array::buffer_of(o).is_some_and(|d| d.bytes().is_some()) {
        return cx.type_error("DataView: the view is out of bounds");
    }
    let mut buf = [0u8; 96];
    let msg = super::array::format_into(
        &mut buf,
        &[
            "Cannot perform DataView.prototype.",
            name,
            " on a detached ArrayBuffer",
        ],
    );
    cx.type_error(msg)
}

/// `GetViewValue(view, requestIndex, isLittleEndian, type)`.
fn get_value(cx: &mut Cx, this: Value, args: &[Value], kind: ElementType, name: &str) -> R {
    let o = this_view(cx, this, name)?;
    let idx = to_index(cx, arg(args, 0))?;
    let little = to_boolean(arg(args, 1));
    let Some((p, len)) = view_bytes(&o) else {
        return Err(view_detached(cx, &o, name));
    };
    let size = kind.size() as u64;
    if idx + size > len as u64 {
        return Err(cx.range_error("Offset is outside the bounds of the DataView"));
    }
    let mut bytes = [0u8; 8];
    // SAFETY: `idx + size <= len` bytes of the live view.
    unsafe {
        std::ptr::copy_nonoverlapping(
            (p as *const u8).add(idx as usize),
            bytes.as_mut_ptr(),
            size as usize,
        )
    };
    if little != cfg!(target_endian = "little") {
        bytes[..size as usize].reverse();
    }
    let e = ExternalElements {
        data: bytes.as_ptr() as usize,
        kind,
        length: 1,
    };
    super::typed_array::read_value(cx, &e, 0)
}

/// `SetViewValue(view, requestIndex, isLittleEndian, type, value)`.
fn set_value(cx: &mut Cx, this: Value, args: &[Value], kind: ElementType, name: &str) -> R {
    let o = this_view(cx, this, name)?;
    if super::typed_array::is_immutable(&o) {
        return Err(cx.type_error("DataView: the buffer is immutable"));
    }
    let idx = to_index(cx, arg(args, 0))?;
    let v = super::typed_array::to_elem(cx, kind, arg(args, 1))?;
    let little = to_boolean(arg(args, 2));
    let Some((p, len)) = view_bytes(&o) else {
        return Err(view_detached(cx, &o, name));
    };
    let size = kind.size();
    if idx + size as u64 > len as u64 {
        return Err(cx.range_error("Offset is outside the bounds of the DataView"));
    }
    let mut bytes = [0u8; 8];
    let e = ExternalElements {
        data: bytes.as_mut_ptr() as usize,
        kind,
        length: 1,
    };
    super::typed_array::write_elem(&e, 0, v);
    if little != cfg!(target_endian = "little") {
        bytes[..size].reverse();
    }
    // SAFETY: `idx + size <= len` bytes of the live view.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), (p as *mut u8).add(idx as usize), size)
    };
    Ok(Value::UNDEFINED)
}

macro_rules! accessors {
    ($($get:ident, $set:ident, $k:ident, $gn:literal, $sn:literal;)*) => {
        $(
            fn $get(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
                get_value(cx, this, args, ElementType::$k, $gn)
            }
            fn $set(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
                set_value(cx, this, args, ElementType::$k, $sn)
            }
        )*
        fn fill_methods(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
            $(method(cx, p, $gn, 1, $get)?;)*
            $(method(cx, p, $sn, 2, $set)?;)*
            Ok(())
        }
    };
}
accessors! {
    get_int8, set_int8, Int8, "getInt8", "setInt8";
    get_float16, set_float16, Float16, "getFloat16", "setFloat16";
    get_uint8, set_uint8, Uint8, "getUint8", "setUint8";
    get_int16, set_int16, Int16, "getInt16", "setInt16";
    get_uint16, set_uint16, Uint16, "getUint16", "setUint16";
    get_int32, set_int32, Int32, "getInt32", "setInt32";
    get_uint32, set_uint32, Uint32, "getUint32", "setUint32";
    get_float32, set_float32, Float32, "getFloat32", "setFloat32";
    get_float64, set_float64, Float64, "getFloat64", "setFloat64";
    get_big_int64, set_big_int64, BigInt64, "getBigInt64", "setBigInt64";
    get_big_uint64, set_big_uint64, BigUint64, "getBigUint64", "setBigUint64";
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Context::set_intrinsic(cx.realm, Intrinsic::DataViewPrototype, proto.to_value());
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(cx, global, "DataView", ctor, proto, fp, Lazy::DataViewCtor)?;
    Context::set_intrinsic(cx.realm, Intrinsic::DataView, c.to_value());
    Object::set_lazy(proto, Lazy::DataViewProto as u8);
    Ok(())
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)
}

pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::DataView)?;
    let k = cx.rt.key("buffer")?;
    getter(cx, p, k, "buffer", get_buffer)?;
    let k = cx.rt.key("byteLength")?;
    getter(cx, p, k, "byteLength", get_byte_length)?;
    let k = cx.rt.key("byteOffset")?;
    getter(cx, p, k, "byteOffset", get_byte_offset)?;
    fill_methods(cx, p)?;
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let tag = cx.string("DataView")?;
    super::data(
        cx,
        p,
        tk,
        tag.to_value(),
        crate::object::attrs::CONFIGURABLE,
    )
}

#[cfg(test)]
mod tests {
    use crate::builtins::test_support::run;

    #[test]
    fn get_set_with_endianness() {
        assert_eq!(
            run(
                "var d = new DataView(new ArrayBuffer(8)); d.setInt16(0, -2); \
                 [d.getInt16(0), d.getUint8(0), d.getUint8(1), d.getInt16(0, true)].join()"
            ),
            "-2,255,254,-257"
        );
        assert_eq!(
            run(
                "var d = new DataView(new ArrayBuffer(8), 2); d.setFloat32(0, 1.5, true); \
                 [d.byteOffset, d.byteLength, d.getFloat32(0, true)].join()"
            ),
            "2,6,1.5"
        );
        assert_eq!(
            run("try { new DataView(new ArrayBuffer(4)).getInt32(1) } catch (e) { e.name }"),
            "RangeError"
        );
    }
}
