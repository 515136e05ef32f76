//! ArrayBuffers: engine-owned (contents from the memory manager, counted in usage) and
//! external (host memory, not counted; the host's callback runs when the buffer is collected).

use crate::api::{clear, no_script, obj, put, script, Ref, Res};
use crate::{guard, out, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::Gc;
use conch_vm::array_buffer::{self, BufferData, FreeFn};
use std::ffi::c_void;

/// An ArrayBuffer's data (a SharedArrayBuffer is not an ArrayBuffer to JsRT).
fn buffer(rt: &JsrtRuntime, r: Ref) -> Res<Gc<BufferData>> {
    let o = obj(rt, r)?;
    array_buffer::data_of(o)
        .filter(|d| !d.is_shared())
        .ok_or_else(|| E::InvalidArgument.into())
}

/// A new zeroed ArrayBuffer of `byteLength` bytes.
#[no_mangle]
pub extern "C" fn JsCreateArrayBuffer(byte_length: u32, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, _| {
            clear(result)?;
            put(
                result,
                array_buffer::create(cx, byte_length as usize)?.to_value(),
            )
        })
    })
}

/// An ArrayBuffer over host memory; `finalizeCallback(callbackState)` runs when it is
/// collected (or the runtime disposed).
#[no_mangle]
pub extern "C" fn JsCreateExternalArrayBuffer(
    data: *mut c_void,
    byte_length: u32,
    finalize_callback: Option<FreeFn>,
    callback_state: *mut c_void,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(result)?;
            if data.is_null() && byte_length != 0 {
                return Err(E::InvalidArgument.into());
            }
            let b = array_buffer::create_external(
                cx,
                data as *mut u8,
                byte_length as usize,
                finalize_callback,
                callback_state as usize,
            )?;
            put(result, b.to_value())
        })
    })
}

/// The contents' address and length (a detached buffer: null and 0).
#[no_mangle]
pub extern "C" fn JsGetArrayBufferStorage(
    array_buffer: Ref,
    buffer_out: *mut *mut u8,
    buffer_length: *mut u32,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let b = out(buffer_out)?;
            let l = out(buffer_length)?;
            *b = std::ptr::null_mut();
            *l = 0;
            let d = buffer(rt, array_buffer)?;
            if let Some((p, n)) = d.bytes() {
                *b = p;
                *l = n as u32;
            }
            Ok(())
        })
    })
}

/// The host's extra-info byte.
#[no_mangle]
pub extern "C" fn JsGetArrayBufferExtraInfo(array_buffer: Ref, extra_info: *mut i8) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let slot = out(extra_info)?;
            *slot = buffer(rt, array_buffer)?.extra_info.get() as i8;
            Ok(())
        })
    })
}

/// Sets the host's extra-info byte.
#[no_mangle]
pub extern "C" fn JsSetArrayBufferExtraInfo(array_buffer: Ref, extra_info: i8) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            buffer(rt, array_buffer)?.extra_info.set(extra_info as u8);
            Ok(())
        })
    })
}

/// Detaches the buffer: its contents are released (engine memory unmapped, or the host's
/// finalize callback run) and it reads as zero-length.
#[no_mangle]
pub extern "C" fn JsDetachArrayBuffer(array_buffer: Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            array_buffer::detach(buffer(rt, array_buffer)?);
            Ok(())
        })
    })
}

/// The function that frees an external buffer's contents (null for engine buffers, whose
/// contents the engine frees).
#[no_mangle]
pub extern "C" fn JsGetArrayBufferFreeFunction(
    array_buffer: Ref,
    free_fn: *mut Option<FreeFn>,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let slot = out(free_fn)?;
            *slot = None;
            *slot = buffer(rt, array_buffer)?.free_fn();
            Ok(())
        })
    })
}

/// The host takes ownership of an external buffer's contents (its finalize callback will not
/// run). Engine buffers cannot be externalized: `JsErrorInvalidArgument`.
#[no_mangle]
pub extern "C" fn JsExternalizeArrayBuffer(array_buffer: Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            if array_buffer::externalize(buffer(rt, array_buffer)?) {
                Ok(())
            } else {
                Err(E::InvalidArgument.into())
            }
        })
    })
}

/// A SharedArrayBuffer over the shared contents behind a handle from
/// `JsGetSharedArrayBufferContent` (of this runtime or another, on any thread): the new
/// buffer holds its own reference, so the handle must still be released.
#[no_mangle]
pub extern "C" fn JsCreateSharedArrayBufferWithSharedContent(
    shared_contents: *mut c_void,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, _| {
            clear(result)?;
            // SAFETY: a live handle from `JsGetSharedArrayBufferContent` (JsRT contract:
            // not yet released); `clone_raw` leaves the handle's own reference alone.
            let Some(block) = (unsafe { array_buffer::SharedBlock::clone_raw(shared_contents) })
            else {
                return Err(E::InvalidArgument.into());
            };
            put(result, array_buffer::create_shared(cx, block)?.to_value())
        })
    })
}

/// A handle to a SharedArrayBuffer's contents (a new reference to them), for
/// `JsCreateSharedArrayBufferWithSharedContent` in any runtime; the host gives it back with
/// `JsReleaseSharedArrayBufferContentHandle`. Not a SharedArrayBuffer: `JsErrorInvalidArgument`.
#[no_mangle]
pub extern "C" fn JsGetSharedArrayBufferContent(
    shared_array_buffer: Ref,
    shared_contents: *mut *mut c_void,
) -> JsErrorCode {
    guard(|| {
        script(|_, rt| {
            let slot = out(shared_contents)?;
            let v = crate::api::val(rt, shared_array_buffer)?;
            let block = conch_vm::Object::from_value(v)
                .and_then(array_buffer::data_of)
                .and_then(|d| d.shared_block())
                .ok_or(E::InvalidArgument)?;
            *slot = block.into_raw();
            Ok(())
        })
    })
}

/// Gives back a handle from `JsGetSharedArrayBufferContent`; the contents are freed (through
/// the memory manager of the runtime that created them) when nothing else holds them.
#[no_mangle]
pub extern "C" fn JsReleaseSharedArrayBufferContentHandle(
    shared_contents: *mut c_void,
) -> JsErrorCode {
    guard(|| {
        script(|_, _| {
            // SAFETY: a live handle from `JsGetSharedArrayBufferContent`, released once (JsRT
            // contract).
            let block = unsafe { array_buffer::SharedBlock::from_raw(shared_contents) };
            block.map(drop).ok_or_else(|| E::InvalidArgument.into())
        })
    })
}
