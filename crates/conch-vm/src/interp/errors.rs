//! Errors the dispatch loop throws: messages built from values and names without allocation
//! beyond the message itself, and the callee named as written for a failed call.

use super::code::Code;
use crate::convert;
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::Object;
use crate::string::JsString;
use crate::PropertyKey;
use conch_gc::{Gc, Value};

/// A thrown error of `kind` whose message is the string value `m`.
pub(super) fn error_with(cx: &mut Cx, kind: ErrorKind, m: Value) -> Throw {
    match cx.error_object_with(kind, m) {
        Ok(e) => Throw::Value(e.to_value()),
        Err(t) => t,
    }
}

pub(super) fn message(cx: &mut Cx, parts: &[&str], name: Value) -> Throw {
    // "<a><name><b>" built from string pieces.
    let r = (|| -> JsResult<Value> {
        let mut s = cx.string(parts[0])?;
        if let Some(n) = JsString::from_value(name) {
            s = JsString::concat(cx.heap(), s, n)?;
        }
        if parts.len() > 1 {
            let tail = cx.string(parts[1])?;
            s = JsString::concat(cx.heap(), s, tail)?;
        }
        Ok(s.to_value())
    })();
    match r {
        Ok(v) => v_to_throw(cx, v),
        Err(t) => t,
    }
}

pub(super) fn v_to_throw(_: &mut Cx, v: Value) -> Throw {
    Throw::Value(v)
}

pub(super) fn error_msg(cx: &mut Cx, kind: ErrorKind, parts: &[&str], name: Value) -> Throw {
    match message(cx, parts, name) {
        Throw::Value(m) => error_with(cx, kind, m),
        t => t,
    }
}

/// ReferenceError for a binding read before its initialisation.
pub(super) fn tdz_error(cx: &mut Cx, name: Value) -> Throw {
    // `this` of a derived constructor before `super()` (no binding can be named `this`).
    if JsString::from_value(name).is_some_and(|s| s.chars().eq_ascii("this")) {
        return cx.throw(
            ErrorKind::ReferenceError,
            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
        );
    }
    error_msg(
        cx,
        ErrorKind::ReferenceError,
        &["Cannot access '", "' before initialization"],
        name,
    )
}

/// TypeError for calling a non-function: the callee named as written when the source allows
/// (`o.f is not a function`, V8's wording), else the value described.
pub(super) fn not_callable(cx: &mut Cx, code: Gc<Code>, pc: usize, f: Value) -> Throw {
    callee_error(cx, code, pc, f, " is not a function")
}

/// TypeError for `new` on a non-constructor (named as [`not_callable`] does).
pub(super) fn not_constructor(cx: &mut Cx, code: Gc<Code>, pc: usize, f: Value) -> Throw {
    callee_error(cx, code, pc, f, " is not a constructor")
}

pub(super) fn callee_error(cx: &mut Cx, code: Gc<Code>, pc: usize, f: Value, tail: &str) -> Throw {
    let what = match callee_name(cx, &code, pc) {
        Some(s) => s.to_value(),
        None => describe(cx, f),
    };
    error_msg(cx, ErrorKind::TypeError, &["", tail], what)
}

/// The callee of the call instruction at `pc` rendered from the source text (when it is
/// loaded: a cached script's is not loaded for this).
pub(super) fn callee_name(cx: &mut Cx, code: &Code, pc: usize) -> Option<Gc<JsString>> {
    let script = code.script;
    let src = JsString::from_value(script.source.get())?;
    let at = code.position_of(u32::try_from(pc).ok()?);
    let nth = calls_before(code, pc, at)?;
    let start = script.unit_index(at);
    let r = super::callee_text::render(src.try_chars()?, start, nth)?;
    JsString::from_utf16(cx.heap(), r.units()).ok()
}

/// How many call instructions recorded at source offset `at` come before `pc`: calls in a
/// chain (`g().a.b()`) share their start.
pub(super) fn calls_before(code: &Code, pc: usize, at: u32) -> Option<usize> {
    use conch_bytecode::Op as B;
    let bytes = code.bytes();
    // The chain's code has positions at or after `at`: decoding starts at the last position
    // entry before `pc` that is earlier in the source (an instruction boundary), so an error
    // costs the chain's code, not the whole function's.
    let ps = code.positions;
    // Entries before `e` have a pc at or before `pc`.
    let (mut lo, mut hi) = (0usize, ps.len() / 2);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if ps.get(mid * 2)? as usize <= pc {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let (mut e, mut i) = (lo, 0usize);
    while e > 0 {
        e -= 1;
        if ps.get(e * 2 + 1)? < at {
            i = ps.get(e * 2)? as usize;
            break;
        }
    }
    let mut n = 0usize;
    while i < pc {
        let insn = conch_bytecode::decode(bytes, i)?;
        if matches!(
            insn.op,
            B::Call
                | B::CallThis
                | B::CallUndefined
                | B::CallSpread
                | B::CallEval
                | B::New
                | B::NewSpread
                | B::SuperCall
                | B::SuperCallSpread
        ) && code.position_of(i as u32) == at
        {
            n += 1;
        }
        i += insn.len;
    }
    (i == pc).then_some(n)
}

/// A short description of a value for error messages.
pub(super) fn describe(cx: &mut Cx, v: Value) -> Value {
    if Object::from_value(v).is_some() {
        return cx
            .string("object")
            .map(|s| s.to_value())
            .unwrap_or(Value::UNDEFINED);
    }
    if crate::Symbol::from_value(v).is_some() {
        return cx
            .string("symbol")
            .map(|s| s.to_value())
            .unwrap_or(Value::UNDEFINED);
    }
    match convert::to_string(cx, v) {
        Ok(s) if JsString::from_value(v).is_some() => {
            let q = cx.string("\"").ok();
            match q {
                Some(q) => JsString::concat(cx.heap(), q, s)
                    .and_then(|a| JsString::concat(cx.heap(), a, q))
                    .map(|x| x.to_value())
                    .unwrap_or(Value::UNDEFINED),
                None => Value::UNDEFINED,
            }
        }
        Ok(s) if crate::bigint::is_bigint(v) => cx
            .string("n")
            .and_then(|n| Ok(JsString::concat(cx.heap(), s, n)?))
            .map(|x| x.to_value())
            .unwrap_or(Value::UNDEFINED),
        Ok(s) => s.to_value(),
        Err(_) => Value::UNDEFINED,
    }
}

/// V8's "Cannot create property 'x' on string 'abc'" for a strict-mode write to a primitive.
pub(super) fn cannot_create_property(cx: &mut Cx, base: Value, key: PropertyKey) -> Throw {
    use crate::builtins::error::shown::{error, Part};
    let k = match convert::key_to_value(cx, key) {
        Ok(k) => k,
        Err(t) => return t,
    };
    let ty = match convert::type_of(base) {
        convert::Type::Boolean => "boolean",
        convert::Type::Number => "number",
        convert::Type::String => "string",
        convert::Type::Symbol => "symbol",
        convert::Type::BigInt => "bigint",
        _ => "object",
    };
    error(
        cx,
        ErrorKind::TypeError,
        &[
            Part::Text("Cannot create property '"),
            Part::Shown(k),
            Part::Text("' on "),
            Part::Text(ty),
            Part::Text(" '"),
            Part::Shown(base),
            Part::Text("'"),
        ],
    )
}

/// V8's TypeError for destructuring `null` or `undefined` (the ToObject of the object pattern
/// at `pc` failed): "Cannot destructure property 'a' of 'v' as it is undefined.", with the
/// pattern's first key and the initializer when the source shows them plainly (a name or a
/// member chain after `=`), else the value.
pub(super) fn destructure_error(cx: &mut Cx, code: Gc<Code>, pc: usize, v: Value) -> Throw {
    use crate::builtins::error::shown::{error, Part};
    let script = code.script;
    let src = JsString::from_value(script.source.get());
    let chars = src.as_ref().and_then(|s| s.try_chars());
    let (mut key, mut init) = (None, None);
    if let (Some(c), Ok(at)) = (chars, u32::try_from(pc)) {
        let start = script.unit_index(code.position_of(at));
        if start < c.len() && c.at(start) == u16::from(b'{') {
            key = pattern_key(&c, start + 1);
            init = initializer_start(&c, start, 0x7b, 0x7d)
                .and_then(|i| super::callee_text::render_expr(c, i));
        }
    }
    let as_it = if v.is_null() {
        "' as it is null."
    } else {
        "' as it is undefined."
    };
    let sub = |cx: &Cx, r: Option<(usize, usize)>| -> JsResult<Option<Gc<JsString>>> {
        match (r, &src) {
            (Some((a, b)), Some(s)) => Ok(Some(units_of(cx, *s, a, b)?)),
            _ => Ok(None),
        }
    };
    let init = init.and_then(|r| JsString::from_utf16(cx.heap(), r.units()).ok());
    let key = match sub(cx, key) {
        Ok(k) => k,
        Err(t) => return t,
    };
    let what = match init {
        Some(i) => Part::Str(i),
        None => Part::Shown(v),
    };
    match key {
        Some(k) => error(
            cx,
            ErrorKind::TypeError,
            &[
                Part::Text("Cannot destructure property '"),
                Part::Str(k),
                Part::Text("' of '"),
                what,
                Part::Text(as_it),
            ],
        ),
        None => error(
            cx,
            ErrorKind::TypeError,
            &[Part::Text("Cannot destructure '"), what, Part::Text(as_it)],
        ),
    }
}

fn is_ws(u: u16) -> bool {
    matches!(u, 0x09..=0x0d | 0x20 | 0xa0 | 0x2028 | 0x2029 | 0xfeff)
}

fn is_name_unit(u: u16) -> bool {
    u >= 0x80 || u == u16::from(b'$') || u == u16::from(b'_') || (u as u8).is_ascii_alphanumeric()
}

/// The first key of an object pattern whose `{` is just before `i`: a plain name followed by
/// `:`, `,`, `=` or `}` (a range of units).
fn pattern_key(c: &crate::string::Chars<'_>, mut i: usize) -> Option<(usize, usize)> {
    while i < c.len() && is_ws(c.at(i)) {
        i += 1;
    }
    let a = i;
    while i < c.len() && is_name_unit(c.at(i)) {
        i += 1;
    }
    let b = i;
    while i < c.len() && is_ws(c.at(i)) {
        i += 1;
    }
    let ends = i < c.len() && b"=:,}".iter().any(|&x| u16::from(x) == c.at(i));
    (b > a && ends).then_some((a, b))
}

/// Where the initializer after the pattern opened by `l` at `open` (closed by `r`) starts:
/// `{…} = v`, `[…] = v` (not `==` or `=>`).
fn initializer_start(c: &crate::string::Chars<'_>, open: usize, l: u16, r: u16) -> Option<usize> {
    // The matching close (patterns hold no strings or comments worth tracking for this).
    let (mut depth, mut i) = (0usize, open);
    while i < c.len() {
        match c.at(i) {
            u if u == l => depth += 1,
            u if u == r => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            0x22 | 0x27 | 0x60 | 0x2f => return None,
            _ => {}
        }
        i += 1;
    }
    i += 1;
    while i < c.len() && is_ws(c.at(i)) {
        i += 1;
    }
    if i + 1 >= c.len() || c.at(i) != u16::from(b'=') || matches!(c.at(i + 1), 0x3d | 0x3e) {
        return None;
    }
    i += 1;
    while i < c.len() && is_ws(c.at(i)) {
        i += 1;
    }
    (i < c.len()).then_some(i)
}

/// "x is not iterable" for the GetIterator at `pc`, naming the iterable as V8 does: the
/// expression at the instruction's position ("o.a is not iterable"; a call: "f is not a
/// function or its return value is not iterable"), or for an array pattern `[a] = v` its
/// plain initializer; the value when the source does not show it.
pub(super) fn not_iterable_at(cx: &mut Cx, code: Gc<Code>, pc: usize, v: Value) -> Throw {
    use crate::builtins::error::shown::{error, Part};
    let script = code.script;
    let Some(src) = JsString::from_value(script.source.get()) else {
        return super::ops::not_iterable(cx, v);
    };
    let Some(c) = src.try_chars() else {
        return super::ops::not_iterable(cx, v);
    };
    let Ok(at) = u32::try_from(pc) else {
        return super::ops::not_iterable(cx, v);
    };
    let start = script.unit_index(code.position_of(at));
    if start >= c.len() {
        return super::ops::not_iterable(cx, v);
    }
    let text = if c.at(start) == u16::from(b'[') {
        // An array pattern: its initializer, when plain.
        initializer_start(&c, start, 0x5b, 0x5d)
            .and_then(|i| super::callee_text::render_expr(c, i))
            .and_then(|r| JsString::from_utf16(cx.heap(), r.units()).ok())
    } else if is_word_at(&c, start, "yield") {
        None
    } else {
        super::callee_text::render_expr(c, start)
            .and_then(|r| JsString::from_utf16(cx.heap(), r.units()).ok())
    };
    let Some(text) = text else {
        return super::ops::not_iterable(cx, v);
    };
    // A call: V8 names its callee.
    let units = text.chars();
    let n = units.len();
    if n == 0 {
        return super::ops::not_iterable(cx, v);
    }
    let call = n > 5 && (0..5).all(|i| units.at(n - 5 + i) == u16::from(b"(...)"[i]));
    if call {
        return match units_of(cx, text, 0, n - 5) {
            Ok(f) => error(
                cx,
                ErrorKind::TypeError,
                &[
                    Part::Str(f),
                    Part::Text(" is not a function or its return value is not iterable"),
                ],
            ),
            Err(t) => t,
        };
    }
    error(
        cx,
        ErrorKind::TypeError,
        &[Part::Str(text), Part::Text(" is not iterable")],
    )
}

/// Whether the word `w` stands at `i`.
fn is_word_at(c: &crate::string::Chars<'_>, i: usize, w: &str) -> bool {
    let b = w.as_bytes();
    i + b.len() <= c.len()
        && (0..b.len()).all(|k| c.at(i + k) == u16::from(b[k]))
        && (i + b.len() == c.len() || !is_name_unit(c.at(i + b.len())))
}

/// Code units `a..b` of `s` as a new string.
fn units_of(cx: &Cx, s: Gc<JsString>, a: usize, b: usize) -> JsResult<Gc<JsString>> {
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(match s.chars() {
        crate::string::Chars::One(u) => JsString::from_latin1(cx.heap(), &u[a..b])?,
        crate::string::Chars::Two(u) => JsString::from_utf16(cx.heap(), &u[a..b])?,
    })
}
