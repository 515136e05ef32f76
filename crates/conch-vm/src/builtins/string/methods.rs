//! `String.prototype` methods (§22.1.3), each in its spec's step order.
//!
//! Case mapping: every code point goes through Rust's `char::to_{lower,upper}case` (Unicode's unconditional full
//! mappings); of the context-sensitive rules only Final_Sigma (`final_sigma`);
//! no locale rules; lone surrogates stay.
//! `normalize` is in `normalize` (ICU4X), `localeCompare` in `collate` (ICU4X).

use super::{code_point_at, str_arg, substring, this_str, StrBuf};
use crate::builtins::array::tick;
use crate::builtins::{arg, array_create};
use crate::convert::{to_number, to_uint32};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::numconv::{self, is_str_whitespace};
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::string::{Chars, JsString};
use crate::WellKnown;
use conch_gc::{Gc, Value};

type R = JsResult<Value>;

fn int_arg(cx: &mut Cx, v: Value) -> JsResult<f64> {
    Ok(numconv::to_integer_or_infinity(to_number(cx, v)?))
}

/// A relative position clamped to 0..=len (negative counts from the end).
fn relative(p: f64, len: usize) -> usize {
    let len_f = len as f64;
    if p < 0.0 {
        (len_f + p).max(0.0) as usize
    } else {
        p.min(len_f) as usize
    }
}

fn clamp(p: f64, len: usize) -> usize {
    p.clamp(0.0, len as f64) as usize
}

/// `thisStringValue` (`toString`/`valueOf`).
pub(super) fn string_value_of(cx: &mut Cx, f: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    if JsString::from_value(this).is_some() {
        return Ok(this);
    }
    if let Some(o) = Object::from_value(this).filter(|o| o.class() == ObjectClass::String) {
        return Ok(o.internal(0));
    }
    // Named after the method called (`toString` and `valueOf` share this function).
    let to_string = crate::builtins::error::shown::data_property(cx, f, cx.name(crate::Name::name))
        == cx.name(crate::Name::toString).to_raw();
    let m = if to_string { "toString" } else { "valueOf" };
    Err(crate::builtins::error::shown::requires_this(
        cx,
        &["String.prototype.", m],
        "String",
    ))
}

fn unit_string(cx: &Cx, u: u16) -> R {
    Ok(JsString::from_utf16(cx.heap(), &[u])?.to_value())
}

pub(super) fn at(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "at")?;
    let len = s.len() as f64;
    let rel = int_arg(cx, arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    if k < 0.0 || k >= len {
        return Ok(Value::UNDEFINED);
    }
    unit_string(cx, s.chars().at(k as usize))
}

pub(super) fn char_at(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "charAt")?;
    let p = int_arg(cx, arg(args, 0))?;
    if p < 0.0 || p >= s.len() as f64 {
        return Ok(cx.string("")?.to_value());
    }
    unit_string(cx, s.chars().at(p as usize))
}

pub(super) fn char_code_at(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "charCodeAt")?;
    let p = int_arg(cx, arg(args, 0))?;
    if p < 0.0 || p >= s.len() as f64 {
        return Ok(Value::number(f64::NAN));
    }
    Ok(Value::int(i32::from(s.chars().at(p as usize))))
}

pub(super) fn code_point_at_m(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    let s = this_str(cx, this, "codePointAt")?;
    let p = int_arg(cx, arg(args, 0))?;
    if p < 0.0 || p >= s.len() as f64 {
        return Ok(Value::UNDEFINED);
    }
    Ok(Value::int(code_point_at(&s.chars(), p as usize).0 as i32))
}

pub(super) fn concat(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let mut r = this_str(cx, this, "concat")?;
    for &a in args {
        let s = crate::convert::to_string(cx, a)?;
        if r.len() + s.len() > crate::string::MAX_LENGTH {
            return Err(cx.range_error("Invalid string length"));
        }
        r = JsString::concat(cx.heap(), r, s)?;
    }
    Ok(r.to_value())
}

/// IsRegExp ( argument ).
fn is_regexp(cx: &mut Cx, v: Value) -> JsResult<bool> {
    crate::builtins::regexp::is_regexp(cx, v)
}

fn no_regexp(cx: &mut Cx, v: Value, name: &str) -> JsResult<()> {
    if is_regexp(cx, v)? {
        let mut buf = [0u8; 112];
        let m = crate::builtins::array::format_into(
            &mut buf,
            &[
                "First argument to String.prototype.",
                name,
                " must not be a regular expression",
            ],
        );
        return Err(cx.type_error(m));
    }
    Ok(())
}

/// Whether `hay[at..]` starts with `needle`.
fn matches_at(hay: &Chars<'_>, needle: &Chars<'_>, at: usize) -> bool {
    at + needle.len() <= hay.len() && (0..needle.len()).all(|i| hay.at(at + i) == needle.at(i))
}

/// StringIndexOf ( string, searchValue, fromIndex ).
pub(super) fn index_from(hay: &Chars<'_>, needle: &Chars<'_>, from: usize) -> Option<usize> {
    if needle.is_empty() && from <= hay.len() {
        return Some(from);
    }
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| matches_at(hay, needle, i))
}

pub(super) fn ends_with(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "endsWith")?;
    no_regexp(cx, arg(args, 0), "endsWith")?;
    let search = str_arg(cx, arg(args, 0))?;
    let len = s.len();
    let end = match arg(args, 1) {
        v if v.is_undefined() => len,
        v => clamp(int_arg(cx, v)?, len),
    };
    let sl = search.len();
    if sl > end {
        return Ok(Value::FALSE);
    }
    Ok(Value::bool(matches_at(
        &s.chars(),
        &search.chars(),
        end - sl,
    )))
}

pub(super) fn starts_with(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "startsWith")?;
    no_regexp(cx, arg(args, 0), "startsWith")?;
    let search = str_arg(cx, arg(args, 0))?;
    let start = clamp(int_arg(cx, arg(args, 1))?, s.len());
    Ok(Value::bool(matches_at(&s.chars(), &search.chars(), start)))
}

pub(super) fn includes(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "includes")?;
    no_regexp(cx, arg(args, 0), "includes")?;
    let search = str_arg(cx, arg(args, 0))?;
    let start = clamp(int_arg(cx, arg(args, 1))?, s.len());
    Ok(Value::bool(
        index_from(&s.chars(), &search.chars(), start).is_some(),
    ))
}

pub(super) fn index_of(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "indexOf")?;
    let search = str_arg(cx, arg(args, 0))?;
    let start = clamp(int_arg(cx, arg(args, 1))?, s.len());
    Ok(match index_from(&s.chars(), &search.chars(), start) {
        Some(i) => Value::number(i as f64),
        None => Value::int(-1),
    })
}

pub(super) fn last_index_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    let s = this_str(cx, this, "lastIndexOf")?;
    let search = str_arg(cx, arg(args, 0))?;
    let num_pos = to_number(cx, arg(args, 1))?;
    let pos = if num_pos.is_nan() {
        f64::INFINITY
    } else {
        numconv::to_integer_or_infinity(num_pos)
    };
    let len = s.len();
    let sl = search.len();
    if sl > len {
        return Ok(Value::int(-1));
    }
    let start = clamp(pos, len).min(len - sl);
    let (h, n) = (s.chars(), search.chars());
    Ok(match (0..=start).rev().find(|&i| matches_at(&h, &n, i)) {
        Some(i) => Value::number(i as f64),
        None => Value::int(-1),
    })
}

fn pad(cx: &mut Cx, this: Value, args: &[Value], at_start: bool) -> R {
    let s = this_str(cx, this, if at_start { "padStart" } else { "padEnd" })?;
    let int_max = int_arg(cx, arg(args, 0))?.clamp(0.0, 9_007_199_254_740_991.0);
    let len = s.len() as f64;
    if int_max <= len {
        return Ok(s.to_value());
    }
    let filler = match arg(args, 1) {
        v if v.is_undefined() => cx.string(" ")?,
        v => str_arg(cx, v)?,
    };
    if filler.is_empty() {
        return Ok(s.to_value());
    }
    if int_max > crate::string::MAX_LENGTH as f64 {
        return Err(cx.range_error("Invalid string length"));
    }
    let fill_len = int_max as usize - s.len();
    let mut b = StrBuf::new();
    b.reserve(cx, int_max as usize)?;
    if !at_start {
        b.push_chars(cx, s.chars())?;
    }
    let fc = filler.chars();
    for i in 0..fill_len {
        tick(cx, i as u64)?;
        b.push(cx, fc.at(i % fc.len()))?;
    }
    if at_start {
        b.push_chars(cx, s.chars())?;
    }
    Ok(b.finish(cx)?.to_value())
}

pub(super) fn pad_end(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    pad(cx, this, args, false)
}

pub(super) fn pad_start(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    pad(cx, this, args, true)
}

pub(super) fn repeat(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "repeat")?;
    let x = to_number(cx, arg(args, 0))?;
    let n = numconv::to_integer_or_infinity(x);
    if n < 0.0 || n == f64::INFINITY {
        // V8's words, with the count as given: "Invalid count value: -1.5".
        let mut nb = [0u8; 32];
        let mut buf = [0u8; 64];
        let msg = crate::builtins::array::format_into(
            &mut buf,
            &[
                "Invalid count value: ",
                numconv::number_to_string(x, &mut nb),
            ],
        );
        return Err(cx.range_error(msg));
    }
    if n == 0.0 || s.is_empty() {
        return Ok(cx.string("")?.to_value());
    }
    if n * s.len() as f64 > crate::string::MAX_LENGTH as f64 {
        return Err(cx.range_error("Invalid string length"));
    }
    let mut b = StrBuf::new();
    b.reserve(cx, n as usize * s.len())?;
    for i in 0..n as u64 {
        tick(cx, i)?;
        b.push_chars(cx, s.chars())?;
    }
    Ok(b.finish(cx)?.to_value())
}

pub(super) fn slice(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "slice")?;
    let len = s.len();
    let from = relative(int_arg(cx, arg(args, 0))?, len);
    let to = match arg(args, 1) {
        v if v.is_undefined() => len,
        v => relative(int_arg(cx, v)?, len),
    };
    Ok(substring(cx, s, from, to.max(from))?.to_value())
}

pub(super) fn substring_m(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "substring")?;
    let len = s.len();
    let a = clamp(int_arg(cx, arg(args, 0))?, len);
    let b = match arg(args, 1) {
        v if v.is_undefined() => len,
        v => clamp(int_arg(cx, v)?, len),
    };
    Ok(substring(cx, s, a.min(b), a.max(b))?.to_value())
}

/// Annex B `substr ( start, length )`.
pub(super) fn substr(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "substr")?;
    let size = s.len();
    let start = relative(int_arg(cx, arg(args, 0))?, size);
    let l = match arg(args, 1) {
        v if v.is_undefined() => size as f64,
        v => int_arg(cx, v)?,
    };
    let end = (start as f64 + l).clamp(start as f64, size as f64) as usize;
    Ok(substring(cx, s, start, end)?.to_value())
}

fn trim_impl(cx: &mut Cx, this: Value, start: bool, end: bool, name: &str) -> R {
    let s = this_str(cx, this, name)?;
    let c = s.chars();
    let (mut a, mut b) = (0, c.len());
    if start {
        while a < b && is_str_whitespace(c.at(a)) {
            a += 1;
        }
    }
    if end {
        while b > a && is_str_whitespace(c.at(b - 1)) {
            b -= 1;
        }
    }
    Ok(substring(cx, s, a, b)?.to_value())
}

pub(super) fn trim(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    trim_impl(cx, this, true, true, "trim")
}

pub(super) fn trim_start(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    trim_impl(cx, this, true, false, "trimStart")
}

pub(super) fn trim_end(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    trim_impl(cx, this, false, true, "trimEnd")
}

fn map_case(cx: &mut Cx, this: Value, upper: bool) -> R {
    let s = this_str(cx, this, if upper { "toUpperCase" } else { "toLowerCase" })?;
    let c = s.chars();
    let mut b = StrBuf::new();
    b.reserve(cx, c.len())?;
    let mut i = 0;
    while i < c.len() {
        tick(cx, i as u64)?;
        let (cp, n, lone) = code_point_at(&c, i);
        i += n;
        if lone {
            b.push(cx, cp as u16)?;
            continue;
        }
        let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
        if !upper && cp == 0x3a3 && final_sigma(&c, i - n, i) {
            b.push(cx, 0x3c2)?;
            continue;
        }
        if upper {
            for m in ch.to_uppercase() {
                b.push_code_point(cx, m as u32)?;
            }
        } else {
            for m in ch.to_lowercase() {
                b.push_code_point(cx, m as u32)?;
            }
        }
    }
    Ok(b.finish(cx)?.to_value())
}

/// Unicode's Final_Sigma condition (Table 3-17) for the Σ at `at..end`: preceded by a cased
/// letter and then any case-ignorable characters, and not followed by any case-ignorable
/// characters and then a cased letter (properties from ICU4X's compiled data).
fn final_sigma(c: &Chars<'_>, at: usize, end: usize) -> bool {
    use icu_properties::{props, CodePointSetData};
    let cased = CodePointSetData::new::<props::Cased>();
    let ignorable = CodePointSetData::new::<props::CaseIgnorable>();
    // Backwards: skip case-ignorable code points; the one before must be cased.
    let mut i = at;
    let before = loop {
        if i == 0 {
            break false;
        }
        let mut j = i - 1;
        if j > 0 && (0xdc00..=0xdfff).contains(&c.at(j)) && (0xd800..=0xdbff).contains(&c.at(j - 1))
        {
            j -= 1;
        }
        let (cp, _, _) = code_point_at(c, j);
        if !ignorable.contains32(cp) {
            break cased.contains32(cp);
        }
        i = j;
    };
    if !before {
        return false;
    }
    // Forwards: skip case-ignorable code points; the one after must not be cased.
    let mut i = end;
    while i < c.len() {
        let (cp, n, _) = code_point_at(c, i);
        if !ignorable.contains32(cp) {
            return !cased.contains32(cp);
        }
        i += n;
    }
    true
}

pub(super) fn to_lower_case(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    map_case(cx, this, false)
}

pub(super) fn to_upper_case(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    map_case(cx, this, true)
}

pub(super) fn is_well_formed(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "isWellFormed")?;
    let c = s.chars();
    let mut i = 0;
    while i < c.len() {
        let (_, n, lone) = code_point_at(&c, i);
        if lone {
            return Ok(Value::FALSE);
        }
        i += n;
    }
    Ok(Value::TRUE)
}

pub(super) fn to_well_formed(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let s = this_str(cx, this, "toWellFormed")?;
    let c = s.chars();
    let mut b = StrBuf::new();
    b.reserve(cx, c.len())?;
    let mut i = 0;
    while i < c.len() {
        let (_, n, lone) = code_point_at(&c, i);
        for j in 0..n {
            b.push(cx, if lone { 0xfffd } else { c.at(i + j) })?;
        }
        i += n;
    }
    Ok(b.finish(cx)?.to_value())
}

/// `split ( separator, limit )`: the non-RegExp path (a separator with a `@@split` method is
/// called, as the spec says; RegExp objects do not exist yet).
pub(super) fn split(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    if this.is_nullish() {
        return Err(cx.type_error("String.prototype.split called on null or undefined"));
    }
    let sep = arg(args, 0);
    let limit = arg(args, 1);
    if Object::from_value(sep).is_some() {
        let sk = PropertyKey::symbol(cx.rt.well_known(WellKnown::split));
        let o = crate::convert::to_object(cx, sep)?;
        let splitter = ops::get(cx, o, sk, sep)?;
        if !splitter.is_nullish() {
            if !Object::from_value(splitter).is_some_and(|f| f.is_callable()) {
                return Err(cx.type_error("Symbol.split is not a function"));
            }
            return ops::call(cx, splitter, sep, &[this, limit]);
        }
    }
    let s = this_str(cx, this, "split")?;
    let lim = if limit.is_undefined() {
        u32::MAX
    } else {
        to_uint32(cx, limit)?
    };
    let r = str_arg(cx, sep)?;
    let ap = cx.intrinsic(crate::realm::Intrinsic::ArrayPrototype);
    let a = array_create(cx, 0, ap)?;
    if lim == 0 {
        return Ok(a.to_value());
    }
    let push = |cx: &mut Cx, k: u32, v: Value| -> JsResult<()> {
        let ok = ops::create_data_property(cx, a, PropertyKey::index(k), v)?;
        ops::or_throw(cx, ok, "Cannot define property")
    };
    if sep.is_undefined() {
        push(cx, 0, s.to_value())?;
        return Ok(a.to_value());
    }
    let (sc, rc) = (s.chars(), r.chars());
    let size = sc.len();
    if size == 0 {
        if !rc.is_empty() {
            push(cx, 0, s.to_value())?;
        }
        return Ok(a.to_value());
    }
    let mut count = 0u32;
    if rc.is_empty() {
        for i in 0..size.min(lim as usize) {
            tick(cx, i as u64)?;
            let sub = substring(cx, s, i, i + 1)?;
            push(cx, i as u32, sub.to_value())?;
        }
        return Ok(a.to_value());
    }
    let mut p = 0;
    let mut q = index_from(&sc, &rc, 0);
    while let Some(e) = q {
        tick(cx, u64::from(count))?;
        let t = substring(cx, s, p, e)?;
        push(cx, count, t.to_value())?;
        count += 1;
        if count == lim {
            return Ok(a.to_value());
        }
        p = e + rc.len();
        q = index_from(&sc, &rc, p);
    }
    let t = substring(cx, s, p, size)?;
    push(cx, count, t.to_value())?;
    Ok(a.to_value())
}
