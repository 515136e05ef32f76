//! The bytecode cache through JsRT (JSRT.md "ByteCodeTest"; ChakraCore's
//! `JsSerializeScriptCore`/`RunSerializedScriptCore`, Jsrt.cpp:3828-4151, 5104-5220):
//! `JsSerializeScript` (UTF-16 text) and `JsSerialize` (a string or ArrayBuffer, as `JsRun`)
//! compile a script and write its code in the format of `conch_vm::cache`;
//! `JsRunSerialized*`/`JsParseSerialized*` read it back and run it (or return a function
//! running it) without parsing or compiling anything.
//!
//! - Size query: `JsSerializeScript` with a null `buffer` stores the size in `*bufferSize`
//!   (which must then be 0, else `JsErrorNullArgument`, as ChakraCore's `PARAM_NOT_NULL`); with
//!   a buffer it zeroes `*bufferSize` bytes, writes the cache and stores its size. A buffer too
//!   small gets the needed size in `*bufferSize` and `JsErrorInvalidArgument` (ChakraCore
//!   reports this as `JsErrorScriptCompile`, which Conch keeps for syntax errors). Both APIs
//!   give the same bytes for the same script (the URL is not part of the cache).
//! - A syntax error is `JsErrorScriptCompile` with the `SyntaxError` recorded, as `JsRun`.
//! - The buffer is copied: everything is read into GC cells before the call returns, so the
//!   host may free or reuse it (ChakraCore requires it to stay valid; read-only memory is
//!   fine). The pointer-only APIs read the 56-byte header first (magic first), check it (its
//!   own hash covers the declared length), and then read the length it declares: a buffer
//!   shorter than a valid header says is the host's error (undefined, as in ChakraCore).
//! - A buffer that is not a cache of this engine build (magic, format version, engine
//!   identity), or is damaged (length, checksum, structure, bytecode verification), is
//!   `JsErrorBadSerializedScript`; nothing is run.
//! - Lazy source: the code carries its line/column table, so running it, error positions and
//!   stack traces need no source. The source is requested from the host once, the first time
//!   something needs the text (`Function.prototype.toString` of a function of the script, the
//!   `source` line of `JsGetAndClearExceptionWithMetadata`): through the load callback (or,
//!   for `JsRunSerializedScript`/`JsParseSerializedScript`, from the `script` pointer, which
//!   must then stay valid while the script's functions live, as in ChakraCore). A callback
//!   that returns false is the "Out of memory" error (as ChakraCore's); text that is not the
//!   one the cache was made from is a TypeError.
//! - Unload: the callbacks live in a hidden function held by the script; when the script is
//!   collected (or the runtime disposed) the `JsSerializedScriptUnloadCallback` runs once
//!   with the source context, whether or not the source was loaded (ChakraCore's
//!   `JsrtSourceHolder::Finalize`). `JsRunSerialized`/`JsParseSerialized` have no unload
//!   callback; the value their callback returns is kept alive with the script.

use crate::api::{script, val, Fail, Ref, Res};
use crate::script::{compile_text, finish, source_string, wide_text, with_value_text, Mode, Text};
use crate::strings::string_from_utf16;
use crate::{guard, out, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_mm::Arena;
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::cache::{self, CacheError, HEADER, MAGIC};
use conch_vm::{Cx, JsResult, JsString, Name, Object, Throw};

type LoadWide = unsafe extern "C" fn(usize, *mut *const u16) -> bool;
type LoadValue = unsafe extern "C" fn(usize, *mut Ref, *mut u32) -> bool;
type Unload = unsafe extern "C" fn(usize);

pub(crate) fn cache_error(e: CacheError) -> Fail {
    match e {
        CacheError::Bad => Fail::Code(E::BadSerializedScript),
        // Code the format cannot hold: nothing Conch's compiler makes today.
        CacheError::Unsupported => Fail::Code(E::NotImplemented),
        CacheError::Throw(t) => Fail::Throw(t),
    }
}

/// Compiles `text` and returns its cache bytes (in `arena`).
pub(crate) fn serialize_text<'a>(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    text: Text<'_>,
    attributes: u32,
    arena: &'a Arena,
) -> Res<allocator_api2::vec::Vec<u8, &'a Arena>> {
    if rt.vm.is_disabled() {
        return Err(Throw::Terminated.into());
    }
    let url = JsString::from_str(cx.heap(), "")?;
    let code = compile_text(cx, rt, text, url, attributes)?;
    cache::serialize(cx, code, arena).map_err(cache_error)
}

/// Serializes a script (NUL-terminated UTF-16) into `buffer`; see the module docs.
#[no_mangle]
pub extern "C" fn JsSerializeScript(
    script_text: *const u16,
    buffer: *mut u8,
    buffer_size: *mut u32,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if script_text.is_null() {
                return Err(E::NullArgument.into());
            }
            let size = out(buffer_size)?;
            let room = *size as usize;
            if room > 0 {
                if buffer.is_null() {
                    return Err(E::NullArgument.into());
                }
                // SAFETY: the host passes `*bufferSize` writable bytes at `buffer`.
                unsafe { std::ptr::write_bytes(buffer, 0, room) };
            }
            // SAFETY: the host passes a NUL-terminated WCHAR string (JsRT contract).
            let text = unsafe { wide_text(script_text) }?;
            let arena = Arena::new(cx.rt.memory_manager().clone());
            let bytes = serialize_text(cx, rt, Text::Utf16(text), 0, &arena)?;
            let n = u32::try_from(bytes.len()).map_err(|_| Fail::Code(E::OutOfMemory))?;
            *size = n;
            if buffer.is_null() {
                return Ok(());
            }
            if room < bytes.len() {
                return Err(E::InvalidArgument.into());
            }
            // SAFETY: `room >= bytes.len()` writable bytes at `buffer` (checked above); the
            // arena's bytes do not overlap host memory.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer, bytes.len()) };
            Ok(())
        })
    })
}

/// Serializes a script (a string, or an ArrayBuffer as `JsRun` takes it) into a new
/// ArrayBuffer.
#[no_mangle]
pub extern "C" fn JsSerialize(
    script_value: Ref,
    buffer_value: *mut Ref,
    parse_attributes: u32,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if script_value.is_null() {
                return Err(E::NullArgument.into());
            }
            crate::api::clear(buffer_value)?;
            let s = val(rt, script_value)?;
            let arena = Arena::new(cx.rt.memory_manager().clone());
            let bytes = with_value_text(cx, s, parse_attributes, |cx, text| {
                serialize_text(cx, rt, text, parse_attributes, &arena)
            })?;
            let ab = conch_vm::array_buffer::create(cx, bytes.len())?;
            let data = conch_vm::array_buffer::data_of(ab).ok_or(Fail::Code(E::Fatal))?;
            if let Some((p, n)) = data.bytes() {
                if n == bytes.len() && n > 0 {
                    // SAFETY: the new buffer's `n` bytes; nothing else has seen it yet.
                    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, n) };
                }
            }
            crate::api::put(buffer_value, ab.to_value())
        })
    })
}

// ---- loading ----

/// The hidden function a cached script calls for its source (`Script::loader`):
/// `internal(0)` the load callback's address, `internal(1)` the unload callback's (0: none),
/// the host word the source context.
fn make_loader(
    cx: &mut Cx,
    entry: conch_vm::NativeFn,
    load: usize,
    unload: usize,
    context: usize,
) -> Res<Value> {
    let name = cx.name(Name::empty).to_raw();
    let f = create_function(
        cx,
        entry,
        FunctionOptions {
            name,
            length: 0,
            constructor: false,
        },
    )?;
    // Code addresses are below 2^47 (ARCHITECTURE.md §13): exact as doubles.
    Object::set_internal(f, 0, Value::number(load as f64));
    Object::set_internal(f, 1, Value::number(unload as f64));
    Object::set_external_data(f, context);
    if unload != 0 {
        cx.heap().register_finalizer(f.addr(), run_unload)?;
    }
    Ok(f.to_value())
}

/// The loader's finalizer: the host's unload callback with the source context.
///
/// # Safety
/// Registered only for loader functions ([`make_loader`]); the cell is still allocated.
unsafe fn run_unload(addr: usize) {
    let Some(f) = Object::from_value(Value::from_cell_addr(addr)) else {
        return;
    };
    let unload = f.internal(1).as_number().unwrap_or(0.0) as usize;
    if unload != 0 {
        // SAFETY: a non-null `JsSerializedScriptUnloadCallback` the host gave.
        let cb: Unload = unsafe { std::mem::transmute(unload) };
        // SAFETY: the host's callback with the host's cookie.
        unsafe { cb(f.external_data()) };
    }
}

fn callback_of(callee: Gc<Object>) -> usize {
    callee.internal(0).as_number().unwrap_or(0.0) as usize
}

fn load_failed(cx: &Cx) -> Throw {
    let _ = cx;
    Throw::OutOfMemory
}

/// Loader of the UTF-16 family: `bool load(JsSourceContext, const WCHAR **)`.
fn load_wide(cx: &mut Cx, callee: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let addr = callback_of(callee);
    if addr == 0 {
        return Err(load_failed(cx));
    }
    // SAFETY: a non-null `JsSerializedScriptLoadSourceCallback` (or `wide_from_context`).
    let cb: LoadWide = unsafe { std::mem::transmute(addr) };
    let mut p: *const u16 = std::ptr::null();
    // SAFETY: the host's callback with its cookie and a writable out-pointer.
    let ok = unsafe { cb(callee.external_data(), &mut p) };
    if !ok || p.is_null() {
        return Err(load_failed(cx));
    }
    // SAFETY: the callback's contract: a NUL-terminated UTF-16 text.
    let units = unsafe { wide_text(p) }.map_err(|_| load_failed(cx))?;
    match source_string(cx, Text::Utf16(units)) {
        Ok(s) => Ok(s.to_value()),
        Err(Fail::Throw(t)) => Err(t),
        Err(Fail::Code(_)) => Err(load_failed(cx)),
    }
}

/// Loader of `JsRunSerialized`/`JsParseSerialized`:
/// `bool load(JsSourceContext, JsValueRef *, JsParseScriptAttributes *)`.
fn load_value(cx: &mut Cx, callee: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let addr = callback_of(callee);
    if addr == 0 {
        return Err(load_failed(cx));
    }
    // SAFETY: a non-null `JsSerializedLoadScriptCallback`.
    let cb: LoadValue = unsafe { std::mem::transmute(addr) };
    let mut v: Ref = std::ptr::null_mut();
    let mut attributes = 0u32;
    // SAFETY: the host's callback with its cookie and writable out-pointers.
    let ok = unsafe { cb(callee.external_data(), &mut v, &mut attributes) };
    if !ok || v.is_null() {
        return Err(load_failed(cx));
    }
    let v = match Value::from_bits(v as u64) {
        Some(v) if v.cell_addr().is_some_and(|a| cx.heap().is_cell(a)) => v,
        _ => return Err(load_failed(cx)),
    };
    match with_value_text(cx, v, attributes, source_string) {
        Ok(s) => Ok(s.to_value()),
        Err(Fail::Throw(t)) => Err(t),
        Err(Fail::Code(_)) => Err(load_failed(cx)),
    }
}

/// The load callback of `JsRunSerializedScript`/`JsParseSerializedScript`: the context is
/// the source pointer itself (ChakraCore's `DummyScriptLoadSourceCallback`).
unsafe extern "C" fn wide_from_context(context: usize, out: *mut *const u16) -> bool {
    // SAFETY: `out` is the loader's local out-pointer.
    unsafe { *out = context as *const u16 };
    true
}

/// Reads and runs (or parses) the cache at `bytes` with `loader` as its source loader.
fn load_core(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    bytes: &[u8],
    url: Gc<JsString>,
    loader: Value,
    mode: Mode,
    result: *mut Ref,
) -> Res<()> {
    if rt.vm.is_disabled() {
        return Err(Throw::Terminated.into());
    }
    let code = cache::deserialize(cx, bytes, url.to_value(), loader).map_err(cache_error)?;
    finish(cx, rt, code, mode, result)
}

/// The bytes of a cache given by pointer only: the header, then the length it declares.
///
/// # Safety
/// `buffer` points to a serialized script (at least its declared length readable), or to at
/// least [`HEADER`] readable bytes that are not one.
unsafe fn host_cache<'a>(buffer: *const u8) -> Res<&'a [u8]> {
    // SAFETY: the caller's contract; the magic is checked before reading further.
    let magic = unsafe { std::slice::from_raw_parts(buffer, MAGIC.len()) };
    if magic != MAGIC {
        return Err(E::BadSerializedScript.into());
    }
    // SAFETY: as above (a buffer with our magic has a whole header).
    let header = unsafe { std::slice::from_raw_parts(buffer, HEADER) };
    let n = cache::declared_length(header).ok_or(Fail::Code(E::BadSerializedScript))?;
    // SAFETY: as above (the declared length of one of our buffers).
    Ok(unsafe { std::slice::from_raw_parts(buffer, n) })
}

#[allow(clippy::too_many_arguments)]
fn load_wide_api(
    load: usize,
    unload: usize,
    context: usize,
    buffer: *const u8,
    source_url: *const u16,
    mode: Mode,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if !result.is_null() {
                crate::api::clear(result)?;
            }
            if buffer.is_null() || load == 0 {
                return Err(E::NullArgument.into());
            }
            // SAFETY: the host passes a NUL-terminated WCHAR URL (JsRT contract).
            let url = unsafe { wide_text(source_url) }?;
            let url = string_from_utf16(cx.heap(), url)?;
            // SAFETY: the host passes a serialized script (JsRT contract).
            let bytes = unsafe { host_cache(buffer) }?;
            let loader = make_loader(cx, load_wide, load, unload, context)?;
            load_core(cx, rt, bytes, url, loader, mode, result)
        })
    })
}

/// Parses a serialized script into a function; the source comes from `script` when needed.
#[no_mangle]
pub extern "C" fn JsParseSerializedScript(
    script_text: *const u16,
    buffer: *const u8,
    _source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    if script_text.is_null() || result.is_null() {
        return guard(|| E::NullArgument);
    }
    let load = wide_from_context as LoadWide as usize;
    let ctx = script_text as usize;
    load_wide_api(load, 0, ctx, buffer, source_url, Mode::Parse, result)
}

/// Runs a serialized script; the source comes from `script` when needed.
#[no_mangle]
pub extern "C" fn JsRunSerializedScript(
    script_text: *const u16,
    buffer: *const u8,
    _source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    if script_text.is_null() {
        return guard(|| E::NullArgument);
    }
    let load = wide_from_context as LoadWide as usize;
    let ctx = script_text as usize;
    load_wide_api(load, 0, ctx, buffer, source_url, Mode::Run, result)
}

/// Parses a serialized script into a function; the source is loaded lazily.
#[no_mangle]
pub extern "C" fn JsParseSerializedScriptWithCallback(
    load: Option<LoadWide>,
    unload: Option<Unload>,
    buffer: *const u8,
    source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    let (Some(load), Some(unload)) = (load, unload) else {
        return guard(|| E::NullArgument);
    };
    if result.is_null() {
        return guard(|| E::NullArgument);
    }
    let (l, u) = (load as usize, unload as usize);
    load_wide_api(
        l,
        u,
        source_context,
        buffer,
        source_url,
        Mode::Parse,
        result,
    )
}

/// Runs a serialized script; the source is loaded lazily.
#[no_mangle]
pub extern "C" fn JsRunSerializedScriptWithCallback(
    load: Option<LoadWide>,
    unload: Option<Unload>,
    buffer: *const u8,
    source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    let (Some(load), Some(unload)) = (load, unload) else {
        return guard(|| E::NullArgument);
    };
    let (l, u) = (load as usize, unload as usize);
    load_wide_api(l, u, source_context, buffer, source_url, Mode::Run, result)
}

fn load_value_api(
    buffer_value: Ref,
    load: Option<LoadValue>,
    context: usize,
    source_url: Ref,
    mode: Mode,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if mode == Mode::Parse || !result.is_null() {
                crate::api::clear(result)?;
            }
            if buffer_value.is_null() || source_url.is_null() {
                return Err(E::NullArgument.into());
            }
            let load = load.ok_or(Fail::Code(E::NullArgument))?;
            let u = val(rt, source_url)?;
            let url = JsString::from_value(u).ok_or(Fail::Code(E::InvalidArgument))?;
            let url = JsString::flatten(cx.heap(), url)?;
            let b = val(rt, buffer_value)?;
            let data = Object::from_value(b)
                .and_then(conch_vm::array_buffer::data_of)
                .ok_or(Fail::Code(E::InvalidArgument))?;
            let (p, n) = data.bytes().ok_or(Fail::Code(E::InvalidArgument))?;
            let bytes: &[u8] = if n == 0 {
                &[]
            } else {
                // SAFETY: the buffer's live contents; it stays alive (on this stack) and no
                // script runs while the slice is read (deserialization copies everything
                // before `load_core` runs the code).
                unsafe { std::slice::from_raw_parts(p, n) }
            };
            let loader = make_loader(cx, load_value, load as usize, 0, context)?;
            load_core(cx, rt, bytes, url, loader, mode, result)
        })
    })
}

/// Parses a serialized script (an ArrayBuffer) into a function; the source is loaded lazily.
#[no_mangle]
pub extern "C" fn JsParseSerialized(
    buffer: Ref,
    load: Option<LoadValue>,
    source_context: usize,
    source_url: Ref,
    result: *mut Ref,
) -> JsErrorCode {
    load_value_api(
        buffer,
        load,
        source_context,
        source_url,
        Mode::Parse,
        result,
    )
}

/// Runs a serialized script (an ArrayBuffer); the source is loaded lazily.
#[no_mangle]
pub extern "C" fn JsRunSerialized(
    buffer: Ref,
    load: Option<LoadValue>,
    source_context: usize,
    source_url: Ref,
    result: *mut Ref,
) -> JsErrorCode {
    load_value_api(buffer, load, source_context, source_url, Mode::Run, result)
}
