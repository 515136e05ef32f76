//! Objects, external objects, arrays, prototypes, conversions and comparisons.

use crate::api::{clear, no_script, obj, put, script, val, Fail, Ref, Res};
use crate::{guard, out, JsErrorCode, JsErrorCode as E};
use conch_gc::{Gc, Value};
use conch_vm::convert;
use conch_vm::{ops, Context, Cx, Intrinsic, Object, ObjectClass};
use std::ffi::c_void;

/// A new ordinary object (prototype `Object.prototype`).
#[no_mangle]
pub extern "C" fn JsCreateObject(object: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(object)?;
            put(object, cx.new_object()?.to_value())
        })
    })
}

pub(crate) unsafe fn run_host_finalizer(addr: usize) {
    // SAFETY: registered only for external objects; the cell is still allocated.
    let Some(o) = Object::from_value(conch_gc::Value::from_cell_addr(addr)) else {
        return;
    };
    if o.finalizer() != 0 {
        // SAFETY: the address was a non-null `JsFinalizeCallback` given by the host.
        let f: unsafe extern "C" fn(*mut c_void) = unsafe { std::mem::transmute(o.finalizer()) };
        // SAFETY: the host's finalizer with the host's data.
        unsafe { f(o.external_data() as *mut c_void) };
    }
}

fn external(
    cx: &mut Cx,
    data: *mut c_void,
    finalize: Option<unsafe extern "C" fn(*mut c_void)>,
    proto: Value,
) -> Res<Gc<Object>> {
    let o = cx.new_object_with(ObjectClass::External, proto)?;
    Object::set_external_data(o, data as usize);
    if let Some(f) = finalize {
        Object::set_finalizer(o, f as usize);
        cx.heap().register_finalizer(o.addr(), run_host_finalizer)?;
    }
    Ok(o)
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
        no_script(|cx, _| {
            clear(object)?;
            let p = cx.intrinsic(Intrinsic::ObjectPrototype);
            put(object, external(cx, data, finalize, p)?.to_value())
        })
    })
}

/// Like `JsCreateExternalObject` with an explicit prototype (an object or `null`).
#[no_mangle]
pub extern "C" fn JsCreateExternalObjectWithPrototype(
    data: *mut c_void,
    finalize: Option<unsafe extern "C" fn(*mut c_void)>,
    prototype: Ref,
    object: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, rt| {
            clear(object)?;
            let p = val(rt, prototype)?;
            if !p.is_null() && Object::from_value(p).is_none() {
                return Err(E::InvalidArgument.into());
            }
            put(object, external(cx, data, finalize, p)?.to_value())
        })
    })
}

/// External objects: plain (`JsCreateExternalObject*`, traced) and custom (with traps).
pub(crate) fn is_external(o: Gc<Object>) -> bool {
    matches!(
        o.class(),
        ObjectClass::External | ObjectClass::CustomExternal
    )
}

fn external_arg(rt: &crate::JsrtRuntime, object: Ref) -> Res<Gc<Object>> {
    let o = obj(rt, object)?;
    if !is_external(o) {
        return Err(E::InvalidArgument.into());
    }
    Ok(o)
}

pub(crate) fn plain(f: impl FnOnce(&crate::JsrtRuntime) -> Res<()>) -> JsErrorCode {
    let rt = match crate::current_runtime() {
        Ok(rt) => rt,
        Err(e) => return e,
    };
    match f(rt) {
        Ok(()) => E::NoError,
        Err(Fail::Code(e)) => e,
        Err(Fail::Throw(_)) => E::OutOfMemory,
    }
}

/// The host data of an external object.
#[no_mangle]
pub extern "C" fn JsGetExternalData(object: Ref, data: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        plain(|rt| {
            let slot = out(data)?;
            *slot = std::ptr::null_mut();
            *slot = external_arg(rt, object)?.external_data() as *mut c_void;
            Ok(())
        })
    })
}

/// Replaces the host data of an external object.
#[no_mangle]
pub extern "C" fn JsSetExternalData(object: Ref, data: *mut c_void) -> JsErrorCode {
    guard(|| {
        plain(|rt| {
            Object::set_external_data(external_arg(rt, object)?, data as usize);
            Ok(())
        })
    })
}

/// Whether an object is an external object.
#[no_mangle]
pub extern "C" fn JsHasExternalData(object: Ref, value: *mut bool) -> JsErrorCode {
    guard(|| {
        plain(|rt| {
            let slot = out(value)?;
            *slot = false;
            *slot = is_external(obj(rt, object)?);
            Ok(())
        })
    })
}

/// A new array of the given length (all holes).
#[no_mangle]
pub extern "C" fn JsCreateArray(length: u32, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(result)?;
            if length == u32::MAX {
                // Valid in JS (2^32 − 1) and cheap: elements are sparse above the dense gap.
            }
            let p = cx.intrinsic(Intrinsic::ArrayPrototype);
            let a = conch_vm::builtins::array_create(cx, length, p)?;
            put(result, a.to_value())
        })
    })
}

/// `[[GetPrototypeOf]]`.
#[no_mangle]
pub extern "C" fn JsGetPrototype(object: Ref, proto: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(proto)?;
            let p = ops::get_prototype_of(cx, obj(rt, object)?)?;
            put(proto, p)
        })
    })
}

/// `[[SetPrototypeOf]]`; a refusal (cycle, non-extensible object) is a thrown TypeError.
#[no_mangle]
pub extern "C" fn JsSetPrototype(object: Ref, prototype: Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let p = val(rt, prototype)?;
            if !p.is_null() && Object::from_value(p).is_none() {
                return Err(E::InvalidArgument.into());
            }
            if !ops::set_prototype_of(cx, o, p)? {
                return Err(cx
                    .type_error("Cyclic __proto__ value or object is not extensible")
                    .into());
            }
            Ok(())
        })
    })
}

/// `[[PreventExtensions]]`.
#[no_mangle]
pub extern "C" fn JsPreventExtension(object: Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            ops::prevent_extensions(cx, obj(rt, object)?)?;
            Ok(())
        })
    })
}

/// `[[IsExtensible]]`.
#[no_mangle]
pub extern "C" fn JsGetExtensionAllowed(object: Ref, value: *mut bool) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(value)?;
            *slot = false;
            *slot = ops::is_extensible(cx, obj(rt, object)?)?;
            Ok(())
        })
    })
}

/// `instanceof` (`InstanceofOperator`).
#[no_mangle]
pub extern "C" fn JsInstanceOf(object: Ref, constructor: Ref, result: *mut bool) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(result)?;
            *slot = false;
            let o = val(rt, object)?;
            let c = val(rt, constructor)?;
            *slot = instance_of(cx, o, c)?;
            Ok(())
        })
    })
}

fn instance_of(cx: &mut Cx, o: Value, c: Value) -> Res<bool> {
    let Some(co) = Object::from_value(c) else {
        return Err(cx
            .type_error("Right-hand side of 'instanceof' is not an object")
            .into());
    };
    let hi = conch_vm::PropertyKey::symbol(cx.rt.well_known(conch_vm::WellKnown::hasInstance));
    let h = ops::get_v(cx, co, hi)?;
    if !h.is_nullish() {
        let r = ops::call(cx, h, c, &[o])?;
        return Ok(convert::to_boolean(r));
    }
    if !co.is_callable() {
        return Err(cx
            .type_error("Right-hand side of 'instanceof' is not callable")
            .into());
    }
    Ok(ops::ordinary_has_instance(cx, c, o)?)
}

/// The context an object was created in.
#[no_mangle]
pub extern "C" fn JsGetContextOfObject(object: Ref, context: *mut Ref) -> JsErrorCode {
    guard(|| {
        plain(|rt| {
            let slot = out(context)?;
            *slot = std::ptr::null_mut();
            let o = obj(rt, object)?;
            let realm: Gc<Context> = o.realm();
            *slot = realm.addr() as Ref;
            Ok(())
        })
    })
}

macro_rules! convert_export {
    ($(#[$doc:meta] $name:ident => |$cx:ident, $v:ident| $body:expr;)*) => {$(
        #[$doc]
        #[no_mangle]
        pub extern "C" fn $name(value: Ref, result: *mut Ref) -> JsErrorCode {
            guard(|| {
                script(|$cx, rt| {
                    clear(result)?;
                    let $v = val(rt, value)?;
                    let r: Value = $body;
                    put(result, r)
                })
            })
        }
    )*};
}

convert_export! {
    /// `ToBoolean`.
    JsConvertValueToBoolean => |_cx, v| Value::bool(convert::to_boolean(v));
    /// `ToNumber`.
    JsConvertValueToNumber => |cx, v| Value::number(convert::to_number(cx, v)?);
    /// `ToString`.
    JsConvertValueToString => |cx, v| convert::to_string(cx, v)?.to_value();
    /// `ToObject`.
    JsConvertValueToObject => |cx, v| convert::to_object(cx, v)?.to_value();
}

fn compare(
    a: Ref,
    b: Ref,
    result: *mut bool,
    f: impl FnOnce(&mut Cx, Value, Value) -> Res<bool>,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(result)?;
            *slot = false;
            let (x, y) = (val(rt, a)?, val(rt, b)?);
            *slot = f(cx, x, y)?;
            Ok(())
        })
    })
}

/// `==`.
#[no_mangle]
pub extern "C" fn JsEquals(object1: Ref, object2: Ref, result: *mut bool) -> JsErrorCode {
    compare(object1, object2, result, |cx, a, b| {
        Ok(convert::loose_equals(cx, a, b)?)
    })
}

/// `===`.
#[no_mangle]
pub extern "C" fn JsStrictEquals(object1: Ref, object2: Ref, result: *mut bool) -> JsErrorCode {
    compare(object1, object2, result, |cx, a, b| {
        Ok(convert::strict_equals(cx, a, b)?)
    })
}

/// `<`.
#[no_mangle]
pub extern "C" fn JsLessThan(object1: Ref, object2: Ref, result: *mut bool) -> JsErrorCode {
    compare(object1, object2, result, |cx, a, b| {
        Ok(convert::is_less_than(cx, a, b, true)? == Some(true))
    })
}

/// `<=`.
#[no_mangle]
pub extern "C" fn JsLessThanOrEqual(object1: Ref, object2: Ref, result: *mut bool) -> JsErrorCode {
    compare(object1, object2, result, |cx, a, b| {
        // a <= b is !(b < a), with undefined (NaN) meaning false.
        Ok(convert::is_less_than(cx, b, a, false)? == Some(false))
    })
}

/// `IsCallable`.
#[no_mangle]
pub extern "C" fn JsIsCallable(object: Ref, result: *mut bool) -> JsErrorCode {
    guard(|| {
        script(|_, rt| {
            let slot = out(result)?;
            *slot = false;
            *slot = obj(rt, object)?.is_callable();
            Ok(())
        })
    })
}

/// `IsConstructor`.
#[no_mangle]
pub extern "C" fn JsIsConstructor(object: Ref, result: *mut bool) -> JsErrorCode {
    guard(|| {
        script(|_, rt| {
            let slot = out(result)?;
            *slot = false;
            *slot = obj(rt, object)?.is_constructor();
            Ok(())
        })
    })
}

/// The current realm's `%Error.prototype%`.
#[no_mangle]
pub extern "C" fn JsGetErrorPrototype(result: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(result)?;
            put(result, cx.intrinsic(Intrinsic::ErrorPrototype))
        })
    })
}

/// The current realm's `%IteratorPrototype%`.
#[no_mangle]
pub extern "C" fn JsGetIteratorPrototype(result: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(result)?;
            put(result, cx.intrinsic(Intrinsic::IteratorPrototype))
        })
    })
}
