//! Primitive values and conversions between C and JS primitives.

use crate::{code, current_runtime, guard, out, value_in, JsErrorCode, JsErrorCode as E};
use conch_gc::Value;
use conch_vm::convert::Type;
use conch_vm::{Object, ObjectClass};
use std::ffi::c_void;

type Ref = *mut c_void;

fn put(slot: *mut Ref, v: Value) -> Result<(), JsErrorCode> {
    *out(slot)? = v.to_bits() as Ref;
    Ok(())
}

macro_rules! constant_getter {
    ($(#[$doc:meta] $name:ident => $v:expr;)*) => {$(
        #[$doc]
        #[no_mangle]
        pub extern "C" fn $name(value: *mut Ref) -> JsErrorCode {
            guard(|| code((|| {
                if !value.is_null() {
                    *out(value)? = std::ptr::null_mut();
                }
                current_runtime()?;
                put(value, $v)
            })()))
        }
    )*};
}

constant_getter! {
    /// `undefined`.
    JsGetUndefinedValue => Value::UNDEFINED;
    /// `null`.
    JsGetNullValue => Value::NULL;
    /// `true`.
    JsGetTrueValue => Value::TRUE;
    /// `false`.
    JsGetFalseValue => Value::FALSE;
}

/// A C bool as a JS boolean.
#[no_mangle]
pub extern "C" fn JsBoolToBoolean(value: bool, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            current_runtime()?;
            put(result, Value::bool(value))
        })())
    })
}

/// A JS boolean as a C bool.
#[no_mangle]
pub extern "C" fn JsBooleanToBool(value: Ref, result: *mut bool) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(result)?;
            *slot = false;
            let v = Value::from_bits(value as u64).ok_or(E::InvalidArgument)?;
            *slot = v.as_bool().ok_or(E::InvalidArgument)?;
            Ok(())
        })())
    })
}

/// A double as a JS number (NaN canonicalised).
#[no_mangle]
pub extern "C" fn JsDoubleToNumber(d: f64, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            current_runtime()?;
            put(result, Value::number(d))
        })())
    })
}

/// An int as a JS number.
#[no_mangle]
pub extern "C" fn JsIntToNumber(i: i32, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            current_runtime()?;
            put(result, Value::int(i))
        })())
    })
}

/// A JS number as a double.
#[no_mangle]
pub extern "C" fn JsNumberToDouble(value: Ref, result: *mut f64) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(result)?;
            *slot = 0.0;
            let v = Value::from_bits(value as u64).ok_or(E::InvalidArgument)?;
            *slot = v.as_number().ok_or(E::InvalidArgument)?;
            Ok(())
        })())
    })
}

/// A JS number as an int (ToInt32 semantics: wraps modulo 2^32; NaN/∞ give 0).
#[no_mangle]
pub extern "C" fn JsNumberToInt(value: Ref, result: *mut i32) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(result)?;
            *slot = 0;
            let v = Value::from_bits(value as u64).ok_or(E::InvalidArgument)?;
            if let Some(i) = v.as_int() {
                *slot = i;
                return Ok(());
            }
            let d = v.as_number().ok_or(E::InvalidArgument)?;
            *slot = to_int32(d);
            Ok(())
        })())
    })
}

fn to_int32(d: f64) -> i32 {
    // In range, `as` truncates toward zero, which is ToInt32 (and avoids libm's trunc/fmod).
    if d > -2147483649.0 && d < 2147483648.0 {
        return d as i32;
    }
    if !d.is_finite() {
        return 0;
    }
    let t = d.trunc();
    let m = t.rem_euclid(4294967296.0);
    (m as u64 as u32) as i32
}

/// The `JsValueType` of a value.
#[no_mangle]
pub extern "C" fn JsGetValueType(value: Ref, kind: *mut u32) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(kind)?;
            let rt = current_runtime()?;
            let v = value_in(rt, value as u64)?;
            *slot = match conch_vm::convert::type_of(v) {
                Type::Undefined => 0,
                Type::Null => 1,
                Type::Number => 2,
                Type::String => 3,
                Type::Boolean => 4,
                Type::Symbol => 9,
                // Conch's extension: ChakraCore has no BigInt type (jsrt.h documents it).
                Type::BigInt => 13,
                Type::Object => {
                    let o = Object::from_value(v).ok_or(E::InvalidArgument)?;
                    match o.class() {
                        _ if o.is_callable() => 6,
                        ObjectClass::Error => 7,
                        ObjectClass::Array => 8,
                        // A SharedArrayBuffer is a plain object to JsRT (as in ChakraCore).
                        ObjectClass::ArrayBuffer => match conch_vm::array_buffer::data_of(o) {
                            Some(d) if d.is_shared() => 5,
                            _ => 10,
                        },
                        ObjectClass::TypedArray => 11,
                        ObjectClass::DataView => 12,
                        _ => 5,
                    }
                }
                Type::Internal => return Err(E::InvalidArgument),
            };
            Ok(())
        })())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn to_int32_wraps() {
        assert_eq!(super::to_int32(4294967297.0), 1);
        assert_eq!(super::to_int32(-1.5), -1);
        assert_eq!(super::to_int32(f64::NAN), 0);
        assert_eq!(super::to_int32(2147483648.0), i32::MIN);
        assert_eq!(super::to_int32(-2147483648.9), i32::MIN);
        assert_eq!(super::to_int32(-2147483649.0), i32::MAX);
        assert_eq!(super::to_int32(2147483647.9), i32::MAX);
        assert_eq!(super::to_int32(-0.5), 0);
    }
}
