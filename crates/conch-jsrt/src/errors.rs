//! Error creation and the runtime's exception state (JSRT.md §3.11).

use crate::api::{clear, no_script, put, script, val, Ref, Res};
use crate::{guard, out, JsErrorCode, JsErrorCode as E};
use conch_gc::{Gc, Value};
use conch_vm::{convert, ops, Chars, Cx, ErrorKind, JsString, Object, ThrowSite};

fn create(kind: ErrorKind, message: Ref, error: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(error)?;
            let m = val(rt, message)?;
            let m = if m.is_undefined() {
                m
            } else {
                conch_vm::convert::to_string(cx, m)?.to_value()
            };
            put(error, cx.error_object_with(kind, m)?.to_value())
        })
    })
}

macro_rules! error_ctor {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {$(
        $(#[$doc])*
        #[no_mangle]
        pub extern "C" fn $name(message: Ref, error: *mut Ref) -> JsErrorCode {
            create(ErrorKind::$kind, message, error)
        }
    )*};
}

error_ctor! {
    /// A new `Error` with `message`.
    JsCreateError => Error;
    /// A new `RangeError` with `message`.
    JsCreateRangeError => RangeError;
    /// A new `ReferenceError` with `message`.
    JsCreateReferenceError => ReferenceError;
    /// A new `SyntaxError` with `message`.
    JsCreateSyntaxError => SyntaxError;
    /// A new `TypeError` with `message`.
    JsCreateTypeError => TypeError;
    /// A new `URIError` with `message`.
    JsCreateURIError => UriError;
}

/// Whether the runtime has a recorded exception.
#[no_mangle]
pub extern "C" fn JsHasException(has_exception: *mut bool) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let slot = out(has_exception)?;
            *slot = false;
            if rt.vm.is_disabled() {
                return Err(E::InDisabledState.into());
            }
            *slot = rt.vm.has_exception();
            Ok(())
        })
    })
}

/// Returns and clears the recorded exception (`JsErrorInvalidArgument` if there is none).
#[no_mangle]
pub extern "C" fn JsGetAndClearException(exception: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            clear(exception)?;
            if rt.vm.is_disabled() {
                return Err(E::InDisabledState.into());
            }
            let v = rt.vm.take_exception().ok_or(E::InvalidArgument)?;
            put(exception, v)
        })
    })
}

/// Records `exception` as the runtime's exception: a host callback uses it to throw.
#[no_mangle]
pub extern "C" fn JsSetException(exception: Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let v = val(rt, exception)?;
            rt.vm.set_exception(v);
            Ok(())
        })
    })
}

/// Returns and clears the recorded exception as an object `{exception, line, column, length,
/// source, url}` (ChakraCore's JsrtCore.cpp:1106-1193, JavascriptExceptionMetadata.cpp):
/// - thrown by script: `line`/`column` of the throw site (0-based, UTF-16 units), `length` 0,
///   `url` the script's URL, `source` the text of that line;
/// - otherwise (a compile error, or an exception the host set): `line`, `column`, `length`
///   are `ToNumber` and `source`, `url` `ToString` of the exception's own properties of those
///   names (a compile error carries them; anything else gives `NaN` and `"undefined"`).
///
/// Errors: `JsErrorNullArgument`, `JsErrorNoCurrentContext`, `JsErrorInDisabledState` while
/// execution is disabled, `JsErrorInvalidArgument` when no exception is recorded.
#[no_mangle]
pub extern "C" fn JsGetAndClearExceptionWithMetadata(metadata: *mut Ref) -> JsErrorCode {
    guard(|| {
        if metadata.is_null() {
            return E::NullArgument;
        }
        // SAFETY: checked non-null; the host passes writable storage.
        unsafe { *metadata = std::ptr::null_mut() };
        script(|cx, rt| {
            if rt.vm.is_disabled() {
                return Err(E::InDisabledState.into());
            }
            let (exception, site) = rt.vm.take_exception_with_site().ok_or(E::InvalidArgument)?;
            let m = cx.new_object()?;
            set(cx, m, "exception", exception)?;
            match site {
                Some(site) => from_site(cx, m, site)?,
                None => from_properties(cx, m, exception)?,
            }
            put(metadata, m.to_value())
        })
    })
}

fn set(cx: &mut Cx, o: Gc<Object>, name: &str, v: Value) -> Res<()> {
    let k = cx.rt.key(name)?;
    ops::create_data_property(cx, o, k, v)?;
    Ok(())
}

fn from_site(cx: &mut Cx, m: Gc<Object>, site: ThrowSite) -> Res<()> {
    set(
        cx,
        m,
        "line",
        Value::number(site.line.saturating_sub(1) as f64),
    )?;
    set(
        cx,
        m,
        "column",
        Value::number(site.column.saturating_sub(1) as f64),
    )?;
    set(cx, m, "length", Value::number(0.0))?;
    set(cx, m, "url", site.file.to_value())?;
    // A cached script's text is loaded from the host here, the first time it is needed.
    let source = match site.script.source_text(cx)? {
        Some(s) => s,
        None => cx.string("")?,
    };
    let source = JsString::flatten(cx.heap(), source)?;
    let line = line_text(cx, source, site.line)?;
    set(cx, m, "source", line.to_value())
}

/// The text of 1-based line `line` of `source` (terminators: LF, CR, CRLF, U+2028, U+2029).
fn line_text(cx: &Cx, source: Gc<JsString>, line: u32) -> Res<Gc<JsString>> {
    let c = source.chars();
    let n = c.len();
    let (mut i, mut current) = (0usize, 1u32);
    while current < line && i < n {
        let u = c.at(i);
        i += 1;
        if u == b'\r' as u16 && i < n && c.at(i) == b'\n' as u16 {
            i += 1;
        }
        if matches!(u, 0x0a | 0x0d | 0x2028 | 0x2029) {
            current += 1;
        }
    }
    let start = i;
    while i < n && !matches!(c.at(i), 0x0a | 0x0d | 0x2028 | 0x2029) {
        i += 1;
    }
    Ok(match c {
        Chars::One(b) => JsString::from_latin1(cx.heap(), &b[start..i])?,
        Chars::Two(u) => JsString::from_utf16(cx.heap(), &u[start..i])?,
    })
}

fn from_properties(cx: &mut Cx, m: Gc<Object>, exception: Value) -> Res<()> {
    let get = |cx: &mut Cx, name: &str| -> Res<Value> {
        let k = cx.rt.key(name)?;
        match Object::from_value(exception) {
            Some(o) => Ok(ops::get(cx, o, k, exception)?),
            None => Ok(Value::UNDEFINED),
        }
    };
    for name in ["line", "column", "length"] {
        let v = get(cx, name)?;
        let n = convert::to_number(cx, v)?;
        set(cx, m, name, Value::number(n))?;
    }
    for name in ["source", "url"] {
        let v = get(cx, name)?;
        let s = convert::to_string(cx, v)?;
        set(cx, m, name, s.to_value())?;
    }
    Ok(())
}
