//! Custom external objects (host traps, `JsCreateCustomExternalObject`) and external indexed
//! storage (`Js*IndexedPropertiesExternalData`). The semantics live in the VM
//! (`conch_vm::interceptor`, `conch_vm::host_data`); this file validates and converts.

use crate::api::{clear, no_script, obj, script, val, Ref, Res};
use crate::host_objects::{host_object_proto, new_host_object};
use crate::objects::{is_external, plain};
use crate::{guard, out, JsErrorCode, JsErrorCode as E};
use conch_gc::{Gc, PAYLOAD_OFFSET};
use conch_vm::host_data::{ElementType, ExternalElements};
use conch_vm::interceptor::Interceptor;
use conch_vm::{Context, Cx, Object, ObjectClass};
use std::ffi::c_void;

type Callback = Option<unsafe extern "C" fn(*mut c_void)>;

/// The interceptor the host passed back (`*getterSetterInterceptor`), or a new one.
fn interceptor_arg(cx: &mut Cx, slot: *mut *mut c_void) -> Res<Gc<Interceptor>> {
    let p = *out(slot)?;
    if p.is_null() {
        let i = Interceptor::new(cx.heap())?;
        Context::keep_alive(cx.realm, cx.heap(), i.to_value())?;
        *out(slot)? = i.payload_ptr().cast();
        return Ok(i);
    }
    let addr = (p as usize).wrapping_sub(PAYLOAD_OFFSET);
    if !cx.heap().is_cell(addr) {
        return Err(E::InvalidArgument.into());
    }
    // SAFETY: `addr` was just checked to be a live cell of this heap.
    unsafe { Gc::<Interceptor>::from_addr(addr) }.ok_or(E::InvalidArgument.into())
}

/// A new host object whose property operations call the host's traps first. On entry
/// `*getterSetterInterceptor` is NULL (a new, empty trap table is created and returned there, to
/// be filled in by the host: each field a function or `JS_INVALID_REFERENCE`) or a table
/// returned by an earlier call in the same context (shared). `inlineSlotSize` > 0 gives the
/// object that many bytes of its own, initialised from `data` (if not NULL), which then are
/// its external data. The trace callback is called with the external data while the object
/// is being marked; the finalizer once it is collected.
#[no_mangle]
pub extern "C" fn JsCreateCustomExternalObject(
    data: *mut c_void,
    inline_slot_size: usize,
    trace: Callback,
    finalize: Callback,
    getter_setter_interceptor: *mut *mut c_void,
    prototype: Ref,
    object: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, rt| {
            clear(object)?;
            let proto = host_object_proto(cx, rt, prototype, inline_slot_size)?;
            let interceptor = interceptor_arg(cx, getter_setter_interceptor)?;
            let o = new_host_object(
                cx,
                ObjectClass::CustomExternal,
                proto,
                data,
                inline_slot_size,
                trace,
                finalize,
            )?;
            let h = Object::host_data_mut(o, cx.heap())?;
            h.interceptor.set(interceptor.to_value());
            *out(object)? = o.to_value().to_bits() as Ref;
            Ok(())
        })
    })
}

/// Makes host memory the object's indexed properties, read and written like a typed array of
/// `arrayType` with `elementLength` elements (the memory must stay valid while the object
/// uses it). Not for arrays, ArrayBuffers, string wrappers or external objects.
#[no_mangle]
pub extern "C" fn JsSetIndexedPropertiesToExternalData(
    object: Ref,
    data: *mut c_void,
    array_type: u32,
    element_length: u32,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let refused = matches!(
                o.class(),
                ObjectClass::Array | ObjectClass::ArrayBuffer | ObjectClass::String
            ) || is_external(o);
            if refused || (data.is_null() && element_length > 0) {
                return Err(E::InvalidArgument.into());
            }
            let kind = ElementType::from_u32(array_type).ok_or(E::InvalidArgument)?;
            if (element_length as usize)
                .checked_mul(kind.size())
                .is_none_or(|n| n > isize::MAX as usize)
            {
                return Err(E::InvalidArgument.into());
            }
            let h = Object::host_data_mut(o, cx.heap())?;
            h.external_elements.set(Some(ExternalElements {
                data: data as usize,
                kind,
                length: element_length,
            }));
            Ok(())
        })
    })
}

/// Whether the object's indexed properties are in host memory (false for non-objects).
#[no_mangle]
pub extern "C" fn JsHasIndexedPropertiesExternalData(object: Ref, value: *mut bool) -> JsErrorCode {
    guard(|| {
        plain(|rt| {
            let slot = out(value)?;
            *slot = false;
            let v = val(rt, object)?;
            *slot = Object::from_value(v)
                .and_then(|o| conch_vm::ops::external_elements(&o))
                .is_some();
            Ok(())
        })
    })
}

/// The host memory, element type and length behind an object's indexed properties
/// (`JsErrorInvalidArgument` if it has none).
#[no_mangle]
pub extern "C" fn JsGetIndexedPropertiesExternalData(
    object: Ref,
    data: *mut *mut c_void,
    array_type: *mut u32,
    element_length: *mut u32,
) -> JsErrorCode {
    guard(|| {
        plain(|rt| {
            let v = val(rt, object)?;
            let (d, t, n) = (out(data)?, out(array_type)?, out(element_length)?);
            let o = Object::from_value(v).ok_or(E::InvalidArgument)?;
            *d = std::ptr::null_mut();
            *t = 0;
            *n = 0;
            let e = conch_vm::ops::external_elements(&o).ok_or(E::InvalidArgument)?;
            *d = e.data as *mut c_void;
            *t = e.kind as u32;
            *n = e.length;
            Ok(())
        })
    })
}
