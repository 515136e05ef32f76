//! Running and parsing scripts: `JsRunScript`, `JsParseScript`, `JsParseScriptWithAttributes`
//! (NUL-terminated UTF-16 text), `JsRun`, `JsParse` (a string, or an ArrayBuffer holding UTF-8
//! or, with `JsParseScriptAttributeArrayBufferIsUtf16Encoded`, UTF-16LE text), following
//! ChakraCore's `RunScriptCore`/`CompileRun` (Jsrt.cpp:3547-3719, 4953-5043):
//!
//! - argument errors: a null script pointer or URL is `JsErrorNullArgument`; for `JsRun`/
//!   `JsParse` a `JS_INVALID_REFERENCE` script is `JsErrorNullArgument`, a script that is
//!   neither a string nor an ArrayBuffer (or a detached one) and a URL that is not a string are
//!   `JsErrorInvalidArgument`. `JsParse*` with a null `result` is `JsErrorNullArgument` (checked
//!   after compiling, as ChakraCore does); `JsRun*`'s `result` is optional.
//! - a syntax error is `JsErrorScriptCompile`, with the `SyntaxError` recorded as the exception.
//!   Like ChakraCore's `CreateFromCompileScriptException` it carries own properties `line`,
//!   `column` (0-based, UTF-16 units), `length` (of the offending token, see [`token_len`]),
//!   `source` (the text of that line) and `url`. The messages are Conch's parser's, not
//!   ChakraCore's.
//! - an exception thrown while running is `JsErrorScriptException` (recorded with its throw site
//!   for `JsGetAndClearExceptionWithMetadata`); memory refused while parsing, compiling or
//!   running is the realm's "Out of memory" error, also `JsErrorScriptException` (JSRT.md
//!   §3.1.6 with `DisableFatalOnOOM`: Conch never aborts); termination
//!   (`JsDisableRuntimeExecution`, also already disabled on entry) is `JsErrorScriptTerminated`.
//! - `sourceUrl` is the script's file name in stack traces, throw sites and error metadata;
//!   `sourceContext` is accepted and not used (Conch has no per-source caches or debugger).
//!   `JsParseScriptAttributeStrictMode` parses the script as strict mode code;
//!   `JsParseScriptAttributeLibraryCode` is accepted (no debugger to hide it from); other bits
//!   are ignored, as in ChakraCore.
//! - `JsParse*` returns a function that runs the script each time it is called (its `this` is
//!   the global object, whatever the call passes).

use crate::api::{clear, put, script, val, Fail, Ref, Res};
use crate::strings::{host_units, string_from_utf16};
use crate::{guard, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_mm::Arena;
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::script::{compile_classic, SyntaxPosition};
use conch_vm::{ops, Chars, Cx, JsResult, JsString, Name, Object, Throw};
use std::alloc::Layout;

/// `JsParseScriptAttributeArrayBufferIsUtf16Encoded`.
const UTF16_BUFFER: u32 = 0x2;
/// `JsParseScriptAttributeStrictMode`.
const STRICT: u32 = 0x4;

/// The script text as the host gave it.
#[derive(Clone, Copy)]
pub(crate) enum Text<'a> {
    Utf16(&'a [u16]),
    Latin1(&'a [u8]),
    Utf8(&'a [u8]),
    Utf16Le(&'a [u8]),
}

impl Text<'_> {
    /// The text's characters (unpaired surrogates and invalid UTF-8 as U+FFFD).
    fn for_each(self, mut f: impl FnMut(char)) {
        match self {
            Text::Utf16(u) => {
                for c in char::decode_utf16(u.iter().copied()) {
                    f(c.unwrap_or('\u{FFFD}'));
                }
            }
            Text::Latin1(b) => b.iter().for_each(|&c| f(c as char)),
            Text::Utf8(b) => {
                for chunk in b.utf8_chunks() {
                    chunk.valid().chars().for_each(&mut f);
                    if !chunk.invalid().is_empty() {
                        f('\u{FFFD}');
                    }
                }
            }
            Text::Utf16Le(b) => {
                let units = b.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]]));
                for c in char::decode_utf16(units) {
                    f(c.unwrap_or('\u{FFFD}'));
                }
            }
        }
    }

    /// The text as UTF-8 in `arena` (accounted to the runtime; refusal is out of memory).
    pub(crate) fn to_utf8(self, arena: &Arena) -> Res<&str> {
        let mut n = 0usize;
        self.for_each(|c| n += c.len_utf8());
        if n == 0 {
            return Ok("");
        }
        let layout = Layout::array::<u8>(n).map_err(|_| Fail::Throw(Throw::OutOfMemory))?;
        let p = arena.alloc_layout(layout)?;
        // SAFETY: `n` freshly allocated bytes, written below before being read.
        let buf = unsafe { std::slice::from_raw_parts_mut(p.as_ptr(), n) };
        let mut at = 0;
        self.for_each(|c| {
            at += c.encode_utf8(&mut buf[at..]).len();
        });
        // Always valid: only whole characters were encoded.
        std::str::from_utf8(buf).map_err(|_| Fail::Code(E::Fatal))
    }
}

/// UTF-8 host text (invalid sequences as U+FFFD) as a `&str` in `arena`.
pub(crate) fn utf8_text<'a>(bytes: &[u8], arena: &'a Arena) -> Res<&'a str> {
    Text::Utf8(bytes).to_utf8(arena)
}

/// UTF-16LE host bytes as a `&str` in `arena`.
pub(crate) fn utf16le_text<'a>(bytes: &[u8], arena: &'a Arena) -> Res<&'a str> {
    Text::Utf16Le(bytes).to_utf8(arena)
}

/// What to do with the compiled script.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Run,
    Parse,
}

/// Compiles `text` (and runs it, or returns it as a function), as `RunScriptCore`.
fn run_core(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    text: Text<'_>,
    url: Gc<JsString>,
    attributes: u32,
    mode: Mode,
    result: *mut Ref,
) -> Res<()> {
    if rt.vm.is_disabled() {
        return Err(Throw::Terminated.into());
    }
    let code = compile_text(cx, rt, text, url, attributes)?;
    finish(cx, rt, code, mode, result)
}

/// Compiles `text` as a classic script of the current realm; a syntax error is
/// `JsErrorScriptCompile` with the decorated `SyntaxError` recorded as the exception.
pub(crate) fn compile_text(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    text: Text<'_>,
    url: Gc<JsString>,
    attributes: u32,
) -> Res<Gc<conch_vm::interp::code::Code>> {
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let source = text.to_utf8(&arena)?;
    let mut position = None;
    match compile_classic(
        cx,
        source,
        &arena,
        url,
        attributes & STRICT != 0,
        &mut position,
    ) {
        Ok(code) => Ok(code),
        Err(Throw::Value(e)) => {
            if let Some(at) = position {
                decorate_syntax_error(cx, e, source, at, url)?;
            }
            rt.vm.set_exception(e);
            Err(E::ScriptCompile.into())
        }
        Err(t) => Err(t.into()),
    }
}

/// The source text as a string, exactly as [`compile_text`] gives it to the compiler (the
/// UTF-8 text the parser saw, so source offsets agree).
pub(crate) fn source_string(cx: &mut Cx, text: Text<'_>) -> Res<Gc<JsString>> {
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let source = text.to_utf8(&arena)?;
    Ok(JsString::from_str(cx.heap(), source)?)
}

/// Runs compiled top-level code, or (`Mode::Parse`) stores a function running it in `result`.
pub(crate) fn finish(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    code: Gc<conch_vm::interp::code::Code>,
    mode: Mode,
    result: *mut Ref,
) -> Res<()> {
    match mode {
        Mode::Parse => {
            clear(result)?;
            let script_fn = conch_vm::interp::ops::make_closure(cx, code, Value::UNDEFINED)?;
            // The host gets a native function running the script with the global object as
            // `this`, whatever the call passes (as ChakraCore's global-code functions).
            let empty = cx.name(Name::empty).to_raw();
            let f = create_function(
                cx,
                parsed_entry,
                FunctionOptions {
                    name: empty,
                    length: 0,
                    constructor: false,
                },
            )?;
            Object::set_internal(f, 0, script_fn.to_value());
            put(result, f.to_value())
        }
        Mode::Run => {
            rt.vm.clear_throw_location();
            let r = conch_vm::interp::run_script(cx, code)?;
            if !result.is_null() {
                put(result, r)?;
            }
            Ok(())
        }
    }
}

/// The function `JsParse*` returns: runs the script (`internal(0)`) with the global `this`.
fn parsed_entry(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let global = callee.realm().global();
    ops::call(cx, callee.internal(0), global, &[])
}

/// Gives a compile error ChakraCore's own properties: `line`, `column` (0-based), `length`,
/// `source` (the line's text) and `url`.
fn decorate_syntax_error(
    cx: &mut Cx,
    e: Value,
    source: &str,
    at: SyntaxPosition,
    url: Gc<JsString>,
) -> Res<()> {
    let Some(o) = Object::from_value(e) else {
        return Ok(());
    };
    let offset = (at.offset as usize).min(source.len());
    let (start, end) = line_bounds(source, offset);
    let line_text = JsString::from_str(cx.heap(), &source[start..end])?;
    let props = [
        ("line", Value::number(at.line.saturating_sub(1) as f64)),
        ("column", Value::number(at.column.saturating_sub(1) as f64)),
        ("length", Value::number(token_len(source, offset) as f64)),
        ("source", line_text.to_value()),
        ("url", url.to_value()),
    ];
    for (name, v) in props {
        let k = cx.rt.key(name)?;
        ops::create_data_property(cx, o, k, v)?;
    }
    Ok(())
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The byte range of the line holding byte `offset` (without its terminator).
fn line_bounds(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset;
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = source[..offset]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_line_terminator(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = source[offset..]
        .char_indices()
        .find(|&(_, c)| is_line_terminator(c))
        .map_or(source.len(), |(i, _)| offset + i);
    (start, end)
}

/// Punctuators longest first (for [`token_len`]).
const PUNCTUATORS: [&str; 48] = [
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "<<", ">>", "**", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "=", "!",
];

/// The length in UTF-16 units of the token starting at byte `offset` (ChakraCore reports the
/// offending token's extent; Conch's parser gives only its start, so the token is re-scanned
/// roughly: an identifier or keyword, a number, a string up to its quote on the same line, a
/// punctuator, else one character; 0 at the end of the source).
fn token_len(source: &str, offset: usize) -> usize {
    let mut offset = offset;
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let rest = &source[offset..];
    let Some(first) = rest.chars().next() else {
        return 0;
    };
    let units = |s: &str| s.encode_utf16().count();
    let ident = |c: char| c == '$' || c == '_' || c.is_alphanumeric() || c == '\\';
    if ident(first) || first == '#' {
        let end = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| !ident(c))
            .map_or(rest.len(), |(i, _)| i);
        return units(&rest[..end]);
    }
    if first == '"' || first == '\'' || first == '`' {
        let mut escaped = false;
        for (i, c) in rest.char_indices().skip(1) {
            if is_line_terminator(c) && first != '`' {
                return units(&rest[..i]);
            }
            if c == first && !escaped {
                return units(&rest[..i + 1]);
            }
            escaped = c == '\\' && !escaped;
        }
        return units(rest);
    }
    PUNCTUATORS
        .iter()
        .find(|p| rest.starts_with(*p))
        .map_or(first.len_utf16(), |p| p.len())
}

/// The NUL-terminated UTF-16 text at `p` (null: `JsErrorNullArgument`).
///
/// # Safety
/// `p` is null or NUL-terminated.
pub(crate) unsafe fn wide_text<'a>(p: *const u16) -> Res<&'a [u16]> {
    // SAFETY: the caller's contract.
    unsafe { host_units(p, usize::MAX, true) }
}

/// `JsRunScript`/`JsParseScript*`: UTF-16 text and URL.
fn run_wide(
    script_text: *const u16,
    source_url: *const u16,
    attributes: u32,
    mode: Mode,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if mode == Mode::Parse && !result.is_null() {
                clear(result)?;
            }
            // SAFETY: the host passes NUL-terminated WCHAR strings (JsRT contract).
            let text = unsafe { wide_text(script_text) }?;
            // SAFETY: as above.
            let url = unsafe { wide_text(source_url) }?;
            let url = string_from_utf16(cx.heap(), url)?;
            run_core(cx, rt, Text::Utf16(text), url, attributes, mode, result)
        })
    })
}

/// `JsRun`/`JsParse`: the script is a string or an ArrayBuffer, the URL a string.
fn run_value(
    script_value: Ref,
    source_url: Ref,
    attributes: u32,
    mode: Mode,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if mode == Mode::Parse && !result.is_null() {
                clear(result)?;
            }
            if script_value.is_null() || source_url.is_null() {
                return Err(E::NullArgument.into());
            }
            let s = val(rt, script_value)?;
            let u = val(rt, source_url)?;
            let url = JsString::from_value(u).ok_or(Fail::Code(E::InvalidArgument))?;
            let url = JsString::flatten(cx.heap(), url)?;
            with_value_text(cx, s, attributes, |cx, text| {
                run_core(cx, rt, text, url, attributes, mode, result)
            })
        })
    })
}

/// Calls `f` with the text of a script value: a string, or an ArrayBuffer of UTF-8 (or, with
/// `JsParseScriptAttributeArrayBufferIsUtf16Encoded`, UTF-16LE) bytes; anything else is
/// `JsErrorInvalidArgument`.
pub(crate) fn with_value_text<T>(
    cx: &mut Cx,
    s: Value,
    attributes: u32,
    f: impl FnOnce(&mut Cx, Text<'_>) -> Res<T>,
) -> Res<T> {
    if let Some(s) = JsString::from_value(s) {
        let s = JsString::flatten(cx.heap(), s)?;
        let text = match s.chars() {
            Chars::One(b) => Text::Latin1(b),
            Chars::Two(u) => Text::Utf16(u),
        };
        return f(cx, text);
    }
    let data = Object::from_value(s)
        .and_then(conch_vm::array_buffer::data_of)
        .ok_or(Fail::Code(E::InvalidArgument))?;
    let (p, n) = data.bytes().ok_or(Fail::Code(E::InvalidArgument))?;
    let bytes: &[u8] = if n == 0 {
        &[]
    } else {
        // SAFETY: the buffer's live contents; the buffer stays alive (it is on this stack) and
        // no script runs before the text is copied (`Text::to_utf8`, the compiler).
        unsafe { std::slice::from_raw_parts(p, n) }
    };
    let text = if attributes & UTF16_BUFFER != 0 {
        Text::Utf16Le(bytes)
    } else {
        Text::Utf8(bytes)
    };
    f(cx, text)
}

/// Runs a script (NUL-terminated UTF-16); `result` (optional) receives its completion value.
#[no_mangle]
pub extern "C" fn JsRunScript(
    script: *const u16,
    _source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    run_wide(script, source_url, 0, Mode::Run, result)
}

/// Parses a script (NUL-terminated UTF-16) into a function that runs it.
#[no_mangle]
pub extern "C" fn JsParseScript(
    script: *const u16,
    _source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    run_wide(script, source_url, 0, Mode::Parse, result)
}

/// `JsParseScript` with `JsParseScriptAttributes`.
#[no_mangle]
pub extern "C" fn JsParseScriptWithAttributes(
    script: *const u16,
    _source_context: usize,
    source_url: *const u16,
    parse_attributes: u32,
    result: *mut Ref,
) -> JsErrorCode {
    run_wide(script, source_url, parse_attributes, Mode::Parse, result)
}

/// Runs a script given as a string or an ArrayBuffer; `result` is optional.
#[no_mangle]
pub extern "C" fn JsRun(
    script: Ref,
    _source_context: usize,
    source_url: Ref,
    parse_attributes: u32,
    result: *mut Ref,
) -> JsErrorCode {
    run_value(script, source_url, parse_attributes, Mode::Run, result)
}

/// Parses a script given as a string or an ArrayBuffer into a function that runs it.
#[no_mangle]
pub extern "C" fn JsParse(
    script: Ref,
    _source_context: usize,
    source_url: Ref,
    parse_attributes: u32,
    result: *mut Ref,
) -> JsErrorCode {
    run_value(script, source_url, parse_attributes, Mode::Parse, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lengths() {
        assert_eq!(token_len("var for = 10;", 4), 3);
        assert_eq!(token_len("}}", 1), 1);
        assert_eq!(token_len("a >>>= 1", 2), 4);
        assert_eq!(token_len("x 'abc' y", 2), 5);
        assert_eq!(token_len("x 'abc\n", 2), 4);
        assert_eq!(token_len("x 123 y", 2), 3);
        assert_eq!(token_len("ab", 2), 0);
        assert_eq!(token_len("é€", 0), 1);
    }

    /// Every context has node's `structuredClone`.
    #[test]
    fn contexts_have_structured_clone() {
        use crate::strings::tests::{utf8, Env};
        let _e = Env::new();
        let src = utf8(
            b"const o = { a: [1, 2], m: new Map([[1, 'x']]) }; o.self = o; \
              const c = structuredClone(o); \
              (c.self === c && c !== o && c.m.get(1) === 'x') ? c.a[1] : -1",
        );
        let url = utf8(b"clone.js");
        let mut r = std::ptr::null_mut();
        assert_eq!(JsRun(src, 0, url, 0, &mut r), JsErrorCode::NoError);
        let mut n = 0;
        assert_eq!(
            crate::values::JsNumberToInt(r, &mut n),
            JsErrorCode::NoError
        );
        assert_eq!(n, 2);
    }

    #[test]
    fn line_bounds_handle_every_terminator() {
        let s = "one\r\ntwo\u{2028}three\nfour";
        assert_eq!(&s[line_bounds(s, 0).0..line_bounds(s, 0).1], "one");
        let (a, b) = line_bounds(s, 6);
        assert_eq!(&s[a..b], "two");
        let (a, b) = line_bounds(s, 12);
        assert_eq!(&s[a..b], "three");
        let (a, b) = line_bounds(s, s.len());
        assert_eq!(&s[a..b], "four");
    }
}
