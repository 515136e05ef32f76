//! The function properties of the global object (ECMA-262 §19.2): `isNaN`, `isFinite`,
//! `parseInt`, `parseFloat` (the last two are also `Number.parseInt`/`Number.parseFloat`, the
//! same function objects: realm intrinsics) and the URI functions (`uri.rs`).

mod escape;
#[cfg(test)]
mod tests;
mod uri;

use super::{arg, method};
use crate::convert::{to_int32, to_number, to_string};
use crate::cx::{Cx, JsResult};
use crate::numconv::{self, is_str_whitespace};
use crate::object::Object;
use crate::realm::{Context, Intrinsic};
use crate::string::{Chars, JsString};
use conch_gc::{Gc, Value};

/// `isNaN ( number )`.
fn is_nan(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(to_number(cx, arg(args, 0))?.is_nan()))
}

/// `isFinite ( number )`.
fn is_finite(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(to_number(cx, arg(args, 0))?.is_finite()))
}

/// The value of an ASCII letter or digit as a digit (36 for anything else).
fn digit(c: u16) -> u32 {
    match c {
        0x30..=0x39 => u32::from(c - 0x30),
        0x41..=0x5a => u32::from(c - 0x41) + 10,
        0x61..=0x7a => u32::from(c - 0x61) + 10,
        _ => 36,
    }
}

/// `parseInt ( string, radix )` (§19.2.5) on the flat characters of the converted string.
pub(crate) fn parse_int_chars(c: Chars<'_>, radix: i32) -> f64 {
    let len = c.len();
    let mut i = 0;
    while i < len && is_str_whitespace(c.at(i)) {
        i += 1;
    }
    let mut sign = 1.0;
    if i < len && c.at(i) == u16::from(b'-') {
        sign = -1.0;
    }
    if i < len && (c.at(i) == u16::from(b'-') || c.at(i) == u16::from(b'+')) {
        i += 1;
    }
    let mut r = radix;
    let mut strip_prefix = true;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return f64::NAN;
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    if strip_prefix
        && i + 1 < len
        && c.at(i) == u16::from(b'0')
        && (c.at(i + 1) | 0x20) == u16::from(b'x')
    {
        i += 2;
        r = 16;
    }
    let r = r as u32;
    let start = i;
    while i < len && digit(c.at(i)) < r {
        i += 1;
    }
    if i == start {
        return f64::NAN;
    }
    let v = numconv::parse_int_digits((start..i).map(|j| digit(c.at(j))), r);
    sign * v
}

/// `parseInt ( string, radix )`.
fn parse_int(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = to_string(cx, arg(args, 0))?;
    let radix = to_int32(cx, arg(args, 1))?;
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(Value::number(parse_int_chars(s.chars(), radix)))
}

/// The longest prefix of `c[i..]` that is a StrDecimalLiteral (without its sign), as an end
/// index; `i` when there is none.
fn decimal_prefix_end(c: &Chars<'_>, mut i: usize) -> usize {
    let len = c.len();
    let is_digit = |i: usize| i < len && (0x30..=0x39).contains(&c.at(i));
    let start = i;
    let mut digits = false;
    while is_digit(i) {
        i += 1;
        digits = true;
    }
    if i < len && c.at(i) == u16::from(b'.') {
        let mut j = i + 1;
        while is_digit(j) {
            j += 1;
            digits = true;
        }
        if !digits {
            return start;
        }
        i = j;
    }
    if !digits {
        return start;
    }
    if i < len && (c.at(i) | 0x20) == u16::from(b'e') {
        let mut j = i + 1;
        if j < len && (c.at(j) == u16::from(b'+') || c.at(j) == u16::from(b'-')) {
            j += 1;
        }
        if is_digit(j) {
            while is_digit(j) {
                j += 1;
            }
            i = j;
        }
    }
    i
}

/// `parseFloat ( string )` (§19.2.4) on flat characters.
pub(crate) fn parse_float_chars(cx: &Cx, c: Chars<'_>) -> JsResult<f64> {
    let len = c.len();
    let mut i = 0;
    while i < len && is_str_whitespace(c.at(i)) {
        i += 1;
    }
    let negative = i < len && c.at(i) == u16::from(b'-');
    let body = if i < len && (c.at(i) == u16::from(b'-') || c.at(i) == u16::from(b'+')) {
        i + 1
    } else {
        i
    };
    let sign = if negative { -1.0 } else { 1.0 };
    const INF: &[u8] = b"Infinity";
    if len - body >= INF.len() && (0..INF.len()).all(|k| c.at(body + k) == u16::from(INF[k])) {
        return Ok(sign * f64::INFINITY);
    }
    let end = decimal_prefix_end(&c, body);
    if end == body {
        return Ok(f64::NAN);
    }
    // StringToNumber of the unsigned prefix (decimal digits only: correctly rounded), copied
    // to the stack when short; long Latin-1 prefixes go through a two-byte (accounted) copy.
    let mut buf = [0u16; 256];
    let n = end - body;
    let v = if n <= buf.len() {
        for (k, d) in buf[..n].iter_mut().enumerate() {
            *d = c.at(body + k);
        }
        numconv::string_to_number(&buf[..n])
    } else {
        match c {
            Chars::Two(w) => numconv::string_to_number(&w[body..end]),
            Chars::One(b) => {
                let w = JsString::build_utf16(cx.heap(), n, false, |k| u16::from(b[body + k]))?;
                match w.chars() {
                    Chars::Two(w) => numconv::string_to_number(w),
                    Chars::One(_) => unreachable!("built two-byte"),
                }
            }
        }
    };
    Ok(sign * v)
}

/// `parseFloat ( string )`.
fn parse_float(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = to_string(cx, arg(args, 0))?;
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(Value::number(parse_float_chars(cx, s.chars())?))
}

/// Defines the global functions on `global` (eagerly: they are global bindings) and records
/// `parseInt`/`parseFloat` as intrinsics for `Number`.
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    method(cx, global, "isNaN", 1, is_nan)?;
    method(cx, global, "isFinite", 1, is_finite)?;
    let pf = method(cx, global, "parseFloat", 1, parse_float)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ParseFloat, pf.to_value());
    let pi = method(cx, global, "parseInt", 2, parse_int)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ParseInt, pi.to_value());
    method(cx, global, "decodeURI", 1, uri::decode_uri)?;
    method(
        cx,
        global,
        "decodeURIComponent",
        1,
        uri::decode_uri_component,
    )?;
    method(cx, global, "encodeURI", 1, uri::encode_uri)?;
    method(
        cx,
        global,
        "encodeURIComponent",
        1,
        uri::encode_uri_component,
    )?;
    method(cx, global, "escape", 1, escape::escape)?;
    method(cx, global, "unescape", 1, escape::unescape)?;
    Ok(())
}
