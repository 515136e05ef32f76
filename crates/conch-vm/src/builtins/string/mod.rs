//! `String`: the constructor's statics (`fromCharCode`, `fromCodePoint`, `raw`),
//! `String.prototype` (`methods.rs`: lookups, slicing, padding, case, trimming, `split`,
//! well-formedness) and the String Iterator (`iter.rs`). The constructor itself is with the
//! other wrappers in `primitive/`.
//!
//! Strings may be ropes: every method flattens its receiver once (`this_str`) and reads code
//! units from the flat characters. Results are built with `StrBuf` (accounted, fallible) or
//! copied from a flat range (`substring`).

mod builder;
mod collate;
mod html;
mod iter;
mod methods;
mod normalize;
mod regexp_methods;

pub(crate) use builder::StrBuf;
pub(super) use iter::fill_iterator_proto;

use super::array::{get_index, tick};
use super::{arg, link_constructor, method, method_key};
use crate::convert::{length_of_array_like, to_number, to_object, to_string, to_uint32};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::realm::Intrinsic;
use crate::string::{Chars, JsString};
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// RequireObjectCoercible(this) then ToString, flattened.
pub(crate) fn this_str(cx: &mut Cx, this: Value, name: &str) -> JsResult<Gc<JsString>> {
    if this.is_nullish() {
        let mut buf = [0u8; 96];
        let mut n = 0;
        for part in ["String.prototype.", name, " called on null or undefined"] {
            for &b in part.as_bytes() {
                if n < buf.len() {
                    buf[n] = b;
                    n += 1;
                }
            }
        }
        return Err(cx.type_error(core::str::from_utf8(&buf[..n]).unwrap_or("")));
    }
    let s = to_string(cx, this)?;
    Ok(JsString::flatten(cx.heap(), s)?)
}

/// The flat string of `v` (ToString), flattened.
pub(crate) fn str_arg(cx: &mut Cx, v: Value) -> JsResult<Gc<JsString>> {
    let s = to_string(cx, v)?;
    Ok(JsString::flatten(cx.heap(), s)?)
}

/// The code units `start..end` of a flat string as a new string (the string itself when the
/// range is all of it).
pub(crate) fn substring(
    cx: &Cx,
    s: Gc<JsString>,
    start: usize,
    end: usize,
) -> JsResult<Gc<JsString>> {
    if start == 0 && end == s.len() {
        return Ok(s);
    }
    let c = s.chars();
    let end = end.max(start);
    Ok(match c {
        Chars::One(b) => JsString::from_latin1(cx.heap(), &b[start..end])?,
        Chars::Two(w) => JsString::from_utf16(cx.heap(), &w[start..end])?,
    })
}

/// CodePointAt ( string, position ): (code point, code unit count, is unpaired surrogate).
pub(crate) fn code_point_at(c: &Chars<'_>, i: usize) -> (u32, usize, bool) {
    let first = c.at(i);
    if !(0xd800..=0xdfff).contains(&first) {
        return (u32::from(first), 1, false);
    }
    if first >= 0xdc00 || i + 1 == c.len() {
        return (u32::from(first), 1, true);
    }
    let second = c.at(i + 1);
    if !(0xdc00..=0xdfff).contains(&second) {
        return (u32::from(first), 1, true);
    }
    let cp = 0x10000 + ((u32::from(first) - 0xd800) << 10) + (u32::from(second) - 0xdc00);
    (cp, 2, false)
}

/// `String.fromCharCode ( ...codeUnits )`.
fn from_char_code(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let mut b = StrBuf::new();
    b.reserve(cx, args.len())?;
    for &v in args {
        let u = to_uint32(cx, v)? as u16;
        b.push(cx, u)?;
    }
    Ok(b.finish(cx)?.to_value())
}

/// `String.fromCodePoint ( ...codePoints )`.
fn from_code_point(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let mut b = StrBuf::new();
    for &v in args {
        let n = to_number(cx, v)?;
        if !(n.is_finite() && n.trunc() == n && (0.0..=1_114_111.0).contains(&n)) {
            let mut buf = [0u8; 32];
            let s = crate::numconv::number_to_string(n, &mut buf);
            let mut msg = [0u8; 64];
            let head = b"Invalid code point ";
            msg[..head.len()].copy_from_slice(head);
            msg[head.len()..head.len() + s.len()].copy_from_slice(s.as_bytes());
            let text = core::str::from_utf8(&msg[..head.len() + s.len()]).unwrap_or("");
            return Err(cx.range_error(text));
        }
        b.push_code_point(cx, n as u32)?;
    }
    Ok(b.finish(cx)?.to_value())
}

/// `String.raw ( template, ...substitutions )`.
fn raw(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let subs = args.get(1..).unwrap_or(&[]);
    let cooked = to_object(cx, arg(args, 0))?;
    let rk = cx.rt.key("raw")?;
    let rv = crate::ops::get_v(cx, cooked, rk)?;
    let literals = to_object(cx, rv)?;
    let count = length_of_array_like(cx, literals)?;
    let mut r = StrBuf::new();
    let mut i = 0u64;
    while i < count {
        tick(cx, i)?;
        let seg = get_index(cx, literals, i)?;
        let seg = str_arg(cx, seg)?;
        r.push_chars(cx, seg.chars())?;
        if i + 1 == count {
            break;
        }
        if let Some(&s) = subs.get(i as usize) {
            let s = str_arg(cx, s)?;
            r.push_chars(cx, s.chars())?;
        }
        i += 1;
    }
    Ok(r.finish(cx)?.to_value())
}

/// `String`'s own properties: `length`, `name`, `prototype`, then the statics.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    super::fill_constructor(cx, c, 1)?;
    method(cx, c, "fromCharCode", 1, from_char_code)?;
    method(cx, c, "fromCodePoint", 1, from_code_point)?;
    method(cx, c, "raw", 1, raw)?;
    Ok(())
}

/// `String.prototype`'s properties.
pub(super) fn fill_proto(cx: &mut Cx, sp: Gc<Object>) -> JsResult<()> {
    use collate::locale_compare;
    use methods::*;
    let lk = cx.name(crate::Name::length);
    super::data(cx, sp, lk, Value::int(0), 0)?;
    link_constructor(cx, sp, Intrinsic::String)?;
    type F = crate::object::NativeFn;
    let table: [(&str, u32, F); 35] = [
        ("at", 1, at),
        ("charAt", 1, char_at),
        ("charCodeAt", 1, char_code_at),
        ("codePointAt", 1, code_point_at_m),
        ("concat", 1, concat),
        ("endsWith", 1, ends_with),
        ("includes", 1, includes),
        ("indexOf", 1, index_of),
        ("isWellFormed", 0, is_well_formed),
        ("lastIndexOf", 1, last_index_of),
        ("localeCompare", 1, locale_compare),
        ("match", 1, regexp_methods::match_),
        ("matchAll", 1, regexp_methods::match_all),
        ("normalize", 0, normalize::normalize),
        ("padEnd", 1, pad_end),
        ("padStart", 1, pad_start),
        ("repeat", 1, repeat),
        ("replace", 2, regexp_methods::replace),
        ("replaceAll", 2, regexp_methods::replace_all),
        ("search", 1, regexp_methods::search),
        ("slice", 2, slice),
        ("split", 2, split),
        ("startsWith", 1, starts_with),
        ("substr", 2, substr),
        ("substring", 2, substring_m),
        ("toLocaleLowerCase", 0, to_lower_case),
        ("toLocaleUpperCase", 0, to_upper_case),
        ("toLowerCase", 0, to_lower_case),
        ("toString", 0, string_value_of),
        ("toUpperCase", 0, to_upper_case),
        ("toWellFormed", 0, to_well_formed),
        ("trim", 0, trim),
        ("trimEnd", 0, trim_end),
        ("trimStart", 0, trim_start),
        ("valueOf", 0, string_value_of),
    ];
    for (name, len, f) in table {
        method(cx, sp, name, len, f)?;
    }
    // Annex B: trimLeft and trimRight are the same functions as trimStart and trimEnd.
    for (alias, of) in [("trimLeft", "trimStart"), ("trimRight", "trimEnd")] {
        let k = cx.rt.key(of)?;
        let f = crate::ops::get_v(cx, sp, k)?;
        let ak = cx.rt.key(alias)?;
        super::data(cx, sp, ak, f, crate::object::attrs::HIDDEN)?;
    }
    let html: [(&str, u32, F); 13] = [
        ("anchor", 1, html::anchor),
        ("big", 0, html::big),
        ("blink", 0, html::blink),
        ("bold", 0, html::bold),
        ("fixed", 0, html::fixed),
        ("fontcolor", 1, html::fontcolor),
        ("fontsize", 1, html::fontsize),
        ("italics", 0, html::italics),
        ("link", 1, html::link),
        ("small", 0, html::small),
        ("strike", 0, html::strike),
        ("sub", 0, html::sub),
        ("sup", 0, html::sup),
    ];
    for (name, len, f) in html {
        method(cx, sp, name, len, f)?;
    }
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    method_key(cx, sp, ik, 0, iter::string_iterator)?;
    Ok(())
}
