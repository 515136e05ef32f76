//! Typed arrays and DataViews (JSRT.md §"Arrays, ArrayBuffer, typed arrays, DataView") and the
//! getters of the original `Array.prototype` iteration functions.
//!
//! `JsCreateTypedArray`/`JsCreateDataView` construct through the realm's constructors, as
//! ChakraCore does, so every argument check is the constructor's own (a RangeError for a view
//! past the buffer's end comes back as `JsErrorScriptException`). The info and storage queries
//! describe the view as it is now: a view over a detached buffer has no bytes (null, 0).
//! `JsTypedArrayType` is extended past `JsArrayTypeFloat64` (8) with BigInt64 (9), BigUint64
//! (10) and Float16 (11), which ChakraCore does not have.

use crate::api::{clear, no_script, put, script, val, Ref, Res};
use crate::{guard, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::Value;
use conch_vm::array_buffer::data_of;
use conch_vm::builtins::{original_array_method, views};
use conch_vm::{ops, Intrinsic, Object};

fn typed_array(rt: &JsrtRuntime, r: Ref) -> Res<views::ViewInfo> {
    let v = val(rt, r)?;
    Object::from_value(v)
        .and_then(|o| views::typed_array_info(&o))
        .ok_or_else(|| E::InvalidArgument.into())
}

fn data_view(rt: &JsrtRuntime, r: Ref) -> Res<views::ViewInfo> {
    let v = val(rt, r)?;
    Object::from_value(v)
        .and_then(|o| views::data_view_info(&o))
        .ok_or_else(|| E::InvalidArgument.into())
}

/// Writes `v` through `p` when the host asked for it (a null pointer: not wanted).
fn opt<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: a non-null out-parameter points to writable storage (JsRT contract).
        unsafe { *p = v };
    }
}

/// A typed array of `arrayType`: with no base, a new buffer of `elementLength` elements;
/// over an ArrayBuffer from `byteOffset` for `elementLength` elements; otherwise the elements
/// are copied from `baseArray` (an array, array-like, iterable or typed array), and
/// `byteOffset` and `elementLength` must be 0.
#[no_mangle]
pub extern "C" fn JsCreateTypedArray(
    array_type: u32,
    base_array: Ref,
    byte_offset: u32,
    element_length: u32,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let base = if base_array.is_null() {
                None
            } else {
                Some(val(rt, base_array)?)
            };
            clear(result)?;
            let from_buffer = base
                .and_then(Object::from_value)
                .is_some_and(|o| data_of(o).is_some());
            if byte_offset != 0 && !from_buffer {
                return Err(E::InvalidArgument.into());
            }
            if element_length != 0 && !(base.is_none() || from_buffer) {
                return Err(E::InvalidArgument.into());
            }
            let kind = views::element_type_of_index(array_type).ok_or(E::InvalidArgument)?;
            let ctor = views::typed_array_constructor(cx, kind);
            let len = Value::number(element_length as f64);
            let r = match base {
                None => ops::construct(cx, ctor, &[len], Value::UNDEFINED)?,
                Some(b) if from_buffer => {
                    let off = Value::number(byte_offset as f64);
                    ops::construct(cx, ctor, &[b, off, len], Value::UNDEFINED)?
                }
                Some(b) => ops::construct(cx, ctor, &[b], Value::UNDEFINED)?,
            };
            put(result, r)
        })
    })
}

/// A DataView over `byteLength` bytes of `arrayBuffer` from `byteOffset`.
#[no_mangle]
pub extern "C" fn JsCreateDataView(
    array_buffer: Ref,
    byte_offset: u32,
    byte_length: u32,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let b = val(rt, array_buffer)?;
            clear(result)?;
            if Object::from_value(b).is_none_or(|o| data_of(o).is_none()) {
                return Err(E::InvalidArgument.into());
            }
            let ctor = cx.intrinsic(Intrinsic::DataView);
            let args = [
                b,
                Value::number(byte_offset as f64),
                Value::number(byte_length as f64),
            ];
            let r = ops::construct(cx, ctor, &args, Value::UNDEFINED)?;
            put(result, r)
        })
    })
}

/// A typed array's element type, buffer, byte offset and byte length; every output is
/// optional.
#[no_mangle]
pub extern "C" fn JsGetTypedArrayInfo(
    typed_array_ref: Ref,
    array_type: *mut u32,
    array_buffer: *mut Ref,
    byte_offset: *mut u32,
    byte_length: *mut u32,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let t = typed_array(rt, typed_array_ref)?;
            opt(array_type, views::element_type_index(t.kind));
            opt(array_buffer, t.buffer.to_value().to_bits() as Ref);
            opt(byte_offset, t.byte_offset as u32);
            opt(byte_length, t.byte_length as u32);
            Ok(())
        })
    })
}

/// The bytes a typed array views (address and length), and optionally its element type and
/// element size.
#[no_mangle]
pub extern "C" fn JsGetTypedArrayStorage(
    typed_array_ref: Ref,
    buffer: *mut *mut u8,
    buffer_length: *mut u32,
    array_type: *mut u32,
    element_size: *mut i32,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let b = crate::out(buffer)?;
            let l = crate::out(buffer_length)?;
            let t = typed_array(rt, typed_array_ref)?;
            *b = t.data;
            *l = t.byte_length as u32;
            opt(array_type, views::element_type_index(t.kind));
            opt(element_size, t.kind.size() as i32);
            Ok(())
        })
    })
}

/// The bytes a DataView views (address and length).
#[no_mangle]
pub extern "C" fn JsGetDataViewStorage(
    data_view_ref: Ref,
    buffer: *mut *mut u8,
    buffer_length: *mut u32,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let b = crate::out(buffer)?;
            let l = crate::out(buffer_length)?;
            let d = data_view(rt, data_view_ref)?;
            *b = d.data;
            *l = d.byte_length as u32;
            Ok(())
        })
    })
}

/// A DataView's buffer, byte offset and byte length; every output is optional.
#[no_mangle]
pub extern "C" fn JsGetDataViewInfo(
    data_view_ref: Ref,
    array_buffer: *mut Ref,
    byte_offset: *mut u32,
    byte_length: *mut u32,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let d = data_view(rt, data_view_ref)?;
            opt(array_buffer, d.buffer.to_value().to_bits() as Ref);
            opt(byte_offset, d.byte_offset as u32);
            opt(byte_length, d.byte_length as u32);
            Ok(())
        })
    })
}

fn array_function(result: *mut Ref, which: Intrinsic) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(result)?;
            put(result, original_array_method(cx, which)?)
        })
    })
}

/// The current realm's original `Array.prototype.forEach`.
#[no_mangle]
pub extern "C" fn JsGetArrayForEachFunction(result: *mut Ref) -> JsErrorCode {
    array_function(result, Intrinsic::ArrayProtoForEach)
}

/// The current realm's original `Array.prototype.keys`.
#[no_mangle]
pub extern "C" fn JsGetArrayKeysFunction(result: *mut Ref) -> JsErrorCode {
    array_function(result, Intrinsic::ArrayProtoKeys)
}

/// The current realm's original `Array.prototype.values`.
#[no_mangle]
pub extern "C" fn JsGetArrayValuesFunction(result: *mut Ref) -> JsErrorCode {
    array_function(result, Intrinsic::ArrayProtoValues)
}

/// The current realm's original `Array.prototype.entries`.
#[no_mangle]
pub extern "C" fn JsGetArrayEntriesFunction(result: *mut Ref) -> JsErrorCode {
    array_function(result, Intrinsic::ArrayProtoEntries)
}
