//! Parser-state caches (`JsSerializeParserState`, `JsRunScriptWithParserState`,
//! `JsDeserializeParserState`; ChakraCore's Jsrt.cpp:5245-5520).
//!
//! ChakraCore's parser state is a bytecode buffer made with `fscrCreateParserState` that is
//! always used together with the script's source. Conch's is its bytecode cache
//! (`serialize.rs`, `conch_vm::cache`), whose header carries the length and hash of the source
//! it was compiled from:
//!
//! - `JsSerializeParserState` compiles the script (a string, or an ArrayBuffer as `JsRun` takes
//!   it) and returns the cache as a new ArrayBuffer. A syntax error is `JsErrorScriptCompile`
//!   with the `SyntaxError` recorded.
//! - `JsRunScriptWithParserState`/`JsDeserializeParserState` check the cache against the
//!   source given with it. A cache of this engine build made from that very text is loaded
//!   without parsing or compiling (the given source serves `toString` and error lines). A cache
//!   made from another text, or by another engine build, is stale: the source is compiled
//!   instead, with the same result as `JsRun`/`JsParse` (ChakraCore would run the stale cache).
//!   Bytes that are not a cache (no magic), or a damaged cache of this build, are
//!   `JsErrorBadSerializedScript`, as in ChakraCore; a `parserState` that is not an ArrayBuffer
//!   is `JsErrorInvalidArgument`.
//! - `sourceUrl` must be a string (else `JsErrorInvalidArgument`, checked first as ChakraCore
//!   does); `script` and `parserState` must not be null (`JsErrorNullArgument`).

use crate::api::{clear, script, val, Fail, Ref, Res};
use crate::script::{compile_text, finish, source_string, with_value_text, Mode, Text};
use crate::serialize::{cache_error, serialize_text};
use crate::{guard, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_mm::Arena;
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::cache::{self, HEADER, MAGIC};
use conch_vm::{Cx, JsResult, JsString, Name, Object, Throw};

/// Compiles a script and returns its parser-state cache as a new ArrayBuffer.
#[no_mangle]
pub extern "C" fn JsSerializeParserState(
    script_value: Ref,
    buffer_value: *mut Ref,
    parse_attributes: u32,
) -> JsErrorCode {
    guard(|| {
        if script_value.is_null() || buffer_value.is_null() {
            return E::NullArgument;
        }
        script(|cx, rt| {
            clear(buffer_value)?;
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

/// Runs a script with its parser-state cache; see the module docs.
#[no_mangle]
pub extern "C" fn JsRunScriptWithParserState(
    script_value: Ref,
    _source_context: usize,
    source_url: Ref,
    parse_attributes: u32,
    parser_state: Ref,
    result: *mut Ref,
) -> JsErrorCode {
    with_parser_state(
        script_value,
        source_url,
        parse_attributes,
        parser_state,
        Mode::Run,
        result,
    )
}

/// Returns a function running a script, loaded from its parser-state cache; see the module
/// docs.
#[no_mangle]
pub extern "C" fn JsDeserializeParserState(
    script_value: Ref,
    _source_context: usize,
    source_url: Ref,
    parse_attributes: u32,
    parser_state: Ref,
    result: *mut Ref,
) -> JsErrorCode {
    with_parser_state(
        script_value,
        source_url,
        parse_attributes,
        parser_state,
        Mode::Parse,
        result,
    )
}

fn with_parser_state(
    script_value: Ref,
    source_url: Ref,
    attributes: u32,
    parser_state: Ref,
    mode: Mode,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if mode == Mode::Parse || !result.is_null() {
                clear(result)?;
            }
            let url = match (!source_url.is_null())
                .then(|| val(rt, source_url))
                .transpose()?
                .and_then(JsString::from_value)
            {
                Some(u) => JsString::flatten(cx.heap(), u)?,
                None => return Err(E::InvalidArgument.into()),
            };
            if script_value.is_null() || parser_state.is_null() {
                return Err(E::NullArgument.into());
            }
            let s = val(rt, script_value)?;
            let state = val(rt, parser_state)?;
            let data = Object::from_value(state)
                .and_then(conch_vm::array_buffer::data_of)
                .ok_or(Fail::Code(E::InvalidArgument))?;
            let (p, n) = data.bytes().ok_or(Fail::Code(E::InvalidArgument))?;
            let bytes: &[u8] = if n == 0 {
                &[]
            } else {
                // SAFETY: the buffer's live contents; it stays alive (on this stack) and no
                // script runs while the slice is read (the cache is copied into cells first).
                unsafe { std::slice::from_raw_parts(p, n) }
            };
            with_value_text(cx, s, attributes, |cx, text| {
                run_cached(cx, rt, text, bytes, url, attributes, mode, result)
            })
        })
    })
}

/// Loads the cache if it is this build's, made from `text`; compiles `text` if the cache is
/// stale; refuses what is not a cache.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_cached(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    text: Text<'_>,
    bytes: &[u8],
    url: Gc<JsString>,
    attributes: u32,
    mode: Mode,
    result: *mut Ref,
) -> Res<()> {
    if rt.vm.is_disabled() {
        return Err(Throw::Terminated.into());
    }
    if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(E::BadSerializedScript.into());
    }
    let source = source_string(cx, text)?;
    if fresh(bytes, source) {
        let loader = holder(cx, source.to_value())?;
        let code = cache::deserialize(cx, bytes, url.to_value(), loader).map_err(cache_error)?;
        return finish(cx, rt, code, mode, result);
    }
    let code = compile_text(cx, rt, text, url, attributes)?;
    finish(cx, rt, code, mode, result)
}

/// Whether `bytes` is a cache of this engine build made from `source`.
pub(crate) fn fresh(bytes: &[u8], source: Gc<JsString>) -> bool {
    if cache::declared_length(bytes).is_none() || bytes.len() < HEADER {
        return false;
    }
    let (len, hash) = cache::source_fingerprint(source.chars());
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    word(32) == len && word(40) == hash
}

/// A source loader for a cached script whose source is at hand: returns `internal(0)`.
pub(crate) fn holder(cx: &mut Cx, source: Value) -> Res<Value> {
    let name = cx.name(Name::empty).to_raw();
    let f = create_function(
        cx,
        held_source,
        FunctionOptions {
            name,
            length: 0,
            constructor: false,
        },
    )?;
    Object::set_internal(f, 0, source);
    Ok(f.to_value())
}

fn held_source(_: &mut Cx, callee: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(callee.internal(0))
}
