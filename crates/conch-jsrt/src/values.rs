//! Primitive values, conversions between C and JS primitives, objects, external objects and
//! arrays (the slice the object model supports so far).

use crate::context::current_context;
use crate::{code, current_runtime, guard, out, value_in, JsErrorCode, JsErrorCode as E};
use conch_gc::{Gc, Value};
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
            let d = v.as_number().ok_or(E::InvalidArgument)?;
            *slot = to_int32(d);
            Ok(())
        })())
    })
}

fn to_int32(d: f64) -> i32 {
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
            *slot = if v.is_undefined() {
                0
            } else if v.is_null() {
                1
            } else if v.is_number() {
                2
            } else if v.is_bool() {
                4
            } else if let Some(o) = object_of(v) {
                match o.class() {
                    ObjectClass::Array => 8,
                    _ => 5,
                }
            } else {
                return Err(E::InvalidArgument);
            };
            Ok(())
        })())
    })
}

fn object_of(v: Value) -> Option<Gc<Object>> {
    let addr = v.cell_addr()?;
    // SAFETY: callers validated `v` against the current runtime's heap.
    unsafe { Gc::<Object>::from_addr(addr) }
}

fn object_arg(value: Ref) -> Result<Gc<Object>, JsErrorCode> {
    let rt = current_runtime()?;
    let v = value_in(rt, value as u64)?;
    object_of(v).ok_or(E::ArgumentNotObject)
}

/// A new ordinary object (prototype `Object.prototype`).
#[no_mangle]
pub extern "C" fn JsCreateObject(object: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            *out(object)? = std::ptr::null_mut();
            let rt = current_runtime()?;
            let ctx = current_context()?;
            let o = Object::new(rt.vm.heap(), ObjectClass::Ordinary, ctx.object_prototype())
                .map_err(|_| E::OutOfMemory)?;
            put(object, o.to_value())
        })())
    })
}

unsafe fn run_host_finalizer(addr: usize) {
    // SAFETY: registered only for external objects; the cell is still allocated.
    let Some(o) = (unsafe { Gc::<Object>::from_addr(addr) }) else {
        return;
    };
    if o.finalizer() != 0 {
        // SAFETY: the address was a non-null `JsFinalizeCallback` given by the host.
        let f: unsafe extern "C" fn(*mut c_void) = unsafe { std::mem::transmute(o.finalizer()) };
        // SAFETY: the host's finalizer with the host's data.
        unsafe { f(o.external_data() as *mut c_void) };
    }
}

/// A new object carrying host data, with an optional finalizer run once it is collected (or
/// when the runtime is disposed).
#[no_mangle]
pub extern "C" fn JsCreateExternalObject(
    data: *mut c_void,
    finalize: Option<unsafe extern "C" fn(*mut c_void)>,
    object: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            *out(object)? = std::ptr::null_mut();
            let rt = current_runtime()?;
            let ctx = current_context()?;
            let heap = rt.vm.heap();
            let o = Object::new(heap, ObjectClass::External, ctx.object_prototype())
                .map_err(|_| E::OutOfMemory)?;
            Object::set_external_data(o, data as usize);
            if let Some(f) = finalize {
                Object::set_finalizer(o, f as usize);
                heap.register_finalizer(o.addr(), run_host_finalizer)
                    .map_err(|_| E::OutOfMemory)?;
            }
            put(object, o.to_value())
        })())
    })
}

/// The host data of an external object.
#[no_mangle]
pub extern "C" fn JsGetExternalData(object: Ref, data: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(data)?;
            *slot = std::ptr::null_mut();
            let o = object_arg(object)?;
            if o.class() != ObjectClass::External {
                return Err(E::InvalidArgument);
            }
            *slot = o.external_data() as *mut c_void;
            Ok(())
        })())
    })
}

/// Replaces the host data of an external object.
#[no_mangle]
pub extern "C" fn JsSetExternalData(object: Ref, data: *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let o = object_arg(object)?;
            if o.class() != ObjectClass::External {
                return Err(E::InvalidArgument);
            }
            Object::set_external_data(o, data as usize);
            Ok(())
        })())
    })
}

/// Whether an object is an external object.
#[no_mangle]
pub extern "C" fn JsHasExternalData(object: Ref, value: *mut bool) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(value)?;
            *slot = false;
            let o = object_arg(object)?;
            *slot = o.class() == ObjectClass::External;
            Ok(())
        })())
    })
}

/// A new array of the given length (holes).
#[no_mangle]
pub extern "C" fn JsCreateArray(length: u32, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            *out(result)? = std::ptr::null_mut();
            let rt = current_runtime()?;
            let ctx = current_context()?;
            let heap = rt.vm.heap();
            let a = Object::new(heap, ObjectClass::Array, ctx.array_prototype())
                .map_err(|_| E::OutOfMemory)?;
            if length as usize > Object::MAX_DENSE_GAP {
                // Sparse arrays (dictionary elements) are not supported yet.
                return Err(E::NotImplemented);
            }
            if length > 0 {
                Object::set_element(a, heap, length as usize - 1, Value::HOLE)
                    .map_err(|_| E::OutOfMemory)?;
            }
            put(result, a.to_value())
        })())
    })
}

fn index_of(v: Value) -> Result<usize, JsErrorCode> {
    let d = v.as_number().ok_or(E::NotImplemented)?;
    if (0.0..4294967295.0).contains(&d) && d.fract() == 0.0 {
        Ok(d as usize)
    } else {
        Err(E::NotImplemented)
    }
}

/// `object[index] = value` for array-index numbers (other keys need property ids, not
/// implemented yet: `JsErrorNotImplemented`). Out of memory: `JsErrorScriptException`
/// semantics arrive with exceptions; for now `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsSetIndexedProperty(object: Ref, index: Ref, value: Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            let rt = current_runtime()?;
            let o = object_arg(object)?;
            let i = index_of(value_in(rt, index as u64)?)?;
            let v = value_in(rt, value as u64)?;
            if o.class() != ObjectClass::Array || !o.fits_dense(i) {
                // Non-array keys and sparse arrays are not supported yet.
                return Err(E::NotImplemented);
            }
            Object::set_element(o, rt.vm.heap(), i, v).map_err(|_| E::OutOfMemory)
        })())
    })
}

/// `object[index]` for arrays and array-index numbers.
#[no_mangle]
pub extern "C" fn JsGetIndexedProperty(object: Ref, index: Ref, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            *out(result)? = std::ptr::null_mut();
            let rt = current_runtime()?;
            let o = object_arg(object)?;
            let i = index_of(value_in(rt, index as u64)?)?;
            if o.class() != ObjectClass::Array {
                return Err(E::NotImplemented);
            }
            put(result, o.get_element(i))
        })())
    })
}

/// `[[GetPrototypeOf]]`.
#[no_mangle]
pub extern "C" fn JsGetPrototype(object: Ref, proto: *mut Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            *out(proto)? = std::ptr::null_mut();
            let o = object_arg(object)?;
            put(proto, o.prototype())
        })())
    })
}

/// `[[PreventExtensions]]`.
#[no_mangle]
pub extern "C" fn JsPreventExtension(object: Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            Object::prevent_extensions(object_arg(object)?);
            Ok(())
        })())
    })
}

/// `[[IsExtensible]]`.
#[no_mangle]
pub extern "C" fn JsGetExtensionAllowed(object: Ref, value: *mut bool) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(value)?;
            *slot = false;
            *slot = object_arg(object)?.is_extensible();
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
    }
}
