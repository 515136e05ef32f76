//! `Number`'s statics (§21.1.2) and `Number.prototype` (§21.1.3). The constructor itself is
//! with the other wrappers in `primitive/`.
//!
//! `toFixed`, `toExponential` and `toPrecision` round the *exact* decimal expansion of the
//! double (`numconv::exact_decimal`) half up, as the spec's "pick the larger n" says; the
//! shortest round-trip digits (`toExponential()` without an argument) come from numconv's
//! `shortest_digits`.

#[cfg(test)]
mod tests;

mod locale;

use super::{arg, data, fill_constructor, method};
use crate::convert::{number_to_js_string, to_number};
use crate::cx::{Cx, JsResult};
use crate::numconv::{self, exact_decimal, round_half_up, MAX_EXACT_DIGITS};
use crate::object::{Object, ObjectClass};
use crate::realm::Intrinsic;
use crate::string::JsString;
use conch_gc::{Gc, Value};

/// thisNumberValue ( value ).
fn this_number(cx: &Cx, v: Value, method: &str) -> JsResult<f64> {
    if let Some(n) = v.as_number() {
        return Ok(n);
    }
    if let Some(o) = Object::from_value(v).filter(|o| o.class() == ObjectClass::Number) {
        if let Some(n) = o.internal(0).as_number() {
            return Ok(n);
        }
    }
    let mut buf = [0u8; 96];
    let msg = fmt_msg(
        &mut buf,
        &[
            "Number.prototype.",
            method,
            " requires that 'this' be a Number",
        ],
    );
    Err(cx.type_error(msg))
}

/// Concatenates ASCII pieces on the stack (messages).
fn fmt_msg<'a>(buf: &'a mut [u8; 96], parts: &[&str]) -> &'a str {
    let mut n = 0;
    for p in parts {
        for &b in p.as_bytes() {
            if n < buf.len() {
                buf[n] = b;
                n += 1;
            }
        }
    }
    core::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// A small ASCII output buffer (every result here is < 1100 bytes).
struct Out {
    buf: [u8; 1200],
    len: usize,
}

impl Out {
    fn new() -> Out {
        Out {
            buf: [0; 1200],
            len: 0,
        }
    }
    fn push(&mut self, b: u8) {
        self.buf[self.len] = b;
        self.len += 1;
    }
    fn push_all(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }
    fn zeros(&mut self, n: usize) {
        for _ in 0..n {
            self.push(b'0');
        }
    }
    fn int(&mut self, v: u32) {
        let mut tmp = [0u8; 10];
        let mut i = tmp.len();
        let mut v = v;
        loop {
            i -= 1;
            tmp[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.push_all(&tmp[i..]);
    }
    fn finish(&self, cx: &Cx) -> JsResult<Value> {
        Ok(JsString::from_latin1(cx.heap(), &self.buf[..self.len])?.to_value())
    }
}

/// The digit at position `i` (0-based) of `digits[..k]`, zero beyond.
fn digit_at(digits: &[u8], k: usize, i: usize) -> u8 {
    if i < k {
        digits[i]
    } else {
        b'0'
    }
}

/// `Number.prototype.toFixed ( fractionDigits )`.
fn to_fixed(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let x = this_number(cx, this, "toFixed")?;
    let f = numconv::to_integer_or_infinity(to_number(cx, arg(args, 0))?);
    if !f.is_finite() || !(0.0..=100.0).contains(&f) {
        return Err(cx.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    let f = f as i32;
    if !x.is_finite() {
        return Ok(number_to_js_string(cx, x)?.to_value());
    }
    let mut out = Out::new();
    let mut x = x;
    if x < 0.0 {
        out.push(b'-');
        x = -x;
    }
    if x >= 1e21 {
        let s = number_to_js_string(cx, x)?;
        let mut p = [0u8; 32];
        let k = s.len();
        for (i, d) in p.iter_mut().enumerate().take(k) {
            *d = s.chars().at(i) as u8;
        }
        out.push_all(&p[..k]);
        return out.finish(cx);
    }
    // n = round(x × 10^f) as digits: x = 0.d × 10^e.
    let mut digits = [0u8; MAX_EXACT_DIGITS];
    let (k, e) = if x == 0.0 {
        (0, 0)
    } else {
        let (k, e) = exact_decimal(x, &mut digits);
        round_half_up(&mut digits, k, e, e + f)
    };
    // Integer part: digits 0..e (or "0").
    if k == 0 || e <= 0 {
        out.push(b'0');
    } else {
        for i in 0..e as usize {
            out.push(digit_at(&digits, k, i));
        }
    }
    if f > 0 {
        out.push(b'.');
        for j in 0..f {
            // Fraction digit j is at position e + j of the digit string.
            let pos = e + j;
            out.push(if k == 0 || pos < 0 {
                b'0'
            } else {
                digit_at(&digits, k, pos as usize)
            });
        }
    }
    out.finish(cx)
}

/// Writes `d.ddd…e±x` with `p` significant digits (digits[..k], zero-padded) and exponent e.
fn write_exponential(out: &mut Out, digits: &[u8], k: usize, p: usize, e: i32) {
    out.push(digit_at(digits, k, 0));
    if p > 1 {
        out.push(b'.');
        for i in 1..p {
            out.push(digit_at(digits, k, i));
        }
    }
    out.push(b'e');
    out.push(if e < 0 { b'-' } else { b'+' });
    out.int(e.unsigned_abs());
}

/// `Number.prototype.toExponential ( fractionDigits )`.
fn to_exponential(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let x = this_number(cx, this, "toExponential")?;
    let fd = arg(args, 0);
    let f = numconv::to_integer_or_infinity(to_number(cx, fd)?);
    if !x.is_finite() {
        return Ok(number_to_js_string(cx, x)?.to_value());
    }
    if !f.is_finite() || !(0.0..=100.0).contains(&f) {
        return Err(cx.range_error("toExponential() argument must be between 0 and 100"));
    }
    let mut out = Out::new();
    let mut x = x;
    if x < 0.0 {
        out.push(b'-');
        x = -x;
    }
    let mut digits = [0u8; MAX_EXACT_DIGITS];
    let (k, p, e) = if x == 0.0 {
        (0, f as usize + 1, 0)
    } else if fd.is_undefined() {
        let mut short = [0u8; 18];
        let (k, n) = numconv::shortest_digits(x, &mut short);
        digits[..k].copy_from_slice(&short[..k]);
        (k, k, n - 1)
    } else {
        let (k, n) = exact_decimal(x, &mut digits);
        let (k, n) = round_half_up(&mut digits, k, n, f as i32 + 1);
        (k, f as usize + 1, n - 1)
    };
    write_exponential(&mut out, &digits, k, p, e);
    out.finish(cx)
}

/// `Number.prototype.toPrecision ( precision )`.
fn to_precision(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let x = this_number(cx, this, "toPrecision")?;
    let pv = arg(args, 0);
    if pv.is_undefined() {
        return Ok(number_to_js_string(cx, x)?.to_value());
    }
    let p = numconv::to_integer_or_infinity(to_number(cx, pv)?);
    if !x.is_finite() {
        return Ok(number_to_js_string(cx, x)?.to_value());
    }
    if !p.is_finite() || !(1.0..=100.0).contains(&p) {
        return Err(cx.range_error("toPrecision() argument must be between 1 and 100"));
    }
    let p = p as usize;
    let mut out = Out::new();
    let mut x = x;
    if x < 0.0 {
        out.push(b'-');
        x = -x;
    }
    let mut digits = [0u8; MAX_EXACT_DIGITS];
    let (k, e) = if x == 0.0 {
        (0, 0)
    } else {
        let (k, n) = exact_decimal(x, &mut digits);
        let (k, n) = round_half_up(&mut digits, k, n, p as i32);
        (k, n - 1)
    };
    if e < -6 || e >= p as i32 {
        write_exponential(&mut out, &digits, k, p, e);
    } else if e >= 0 {
        let e = e as usize;
        for i in 0..=e {
            out.push(digit_at(&digits, k, i));
        }
        if e + 1 < p {
            out.push(b'.');
            for i in e + 1..p {
                out.push(digit_at(&digits, k, i));
            }
        }
    } else {
        out.push_all(b"0.");
        out.zeros((-(e + 1)) as usize);
        for i in 0..p {
            out.push(digit_at(&digits, k, i));
        }
    }
    out.finish(cx)
}

/// `Number.prototype.toLocaleString ( [ locales [ , options ] ] )`. Without Intl: with no
/// arguments the "en-US" format of `Intl.NumberFormat`'s defaults, as node prints it; with
/// locales or options, `locale.rs` reads the common options. The defaults: grouping commas, at most three fraction digits rounded half away from zero from
/// the shortest digits that round-trip (as ICU rounds), `-0`, `∞`.
fn to_locale_string(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let x = this_number(cx, this, "toLocaleString")?;
    let (locales, options) = (arg(args, 0), arg(args, 1));
    if locales.is_undefined() && options.is_undefined() {
        return locale_format(cx, x);
    }
    let f = locale::read(cx, locales, options)?;
    locale::format(cx, x, &f)
}

/// The "en-US" default format of `x` (see [`to_locale_string`]).
pub(crate) fn locale_format(cx: &Cx, x: f64) -> JsResult<Value> {
    if x.is_nan() {
        return Ok(cx.string("NaN")?.to_value());
    }
    if x.is_infinite() {
        return Ok(cx.string(if x > 0.0 { "∞" } else { "-∞" })?.to_value());
    }
    let mut out = Out::new();
    if x.is_sign_negative() {
        out.push(b'-');
    }
    let mut digits = [b'0'; MAX_EXACT_DIGITS];
    let (k, n) = if x == 0.0 {
        (0, 0)
    } else {
        let mut short = [0u8; 18];
        let (k, n) = numconv::shortest_digits(x.abs(), &mut short);
        digits[..k].copy_from_slice(&short[..k]);
        round_half_up(&mut digits, k, n, n + 3)
    };
    if k == 0 || n <= 0 {
        out.push(b'0');
    } else {
        for i in 0..n as usize {
            if i > 0 && (n as usize - i).is_multiple_of(3) {
                out.push(b',');
            }
            out.push(digit_at(&digits, k, i));
        }
    }
    if k > 0 && k as i32 > n {
        out.push(b'.');
        for pos in n..k as i32 {
            out.push(if pos < 0 { b'0' } else { digits[pos as usize] });
        }
    }
    out.finish(cx)
}

/// `Number.prototype.valueOf ( )`.
fn value_of(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::number(this_number(cx, this, "valueOf")?))
}

/// `Number.prototype.toString ( [ radix ] )`.
fn to_string(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let x = this_number(cx, this, "toString")?;
    let r = arg(args, 0);
    let radix = if r.is_undefined() {
        10.0
    } else {
        numconv::to_integer_or_infinity(to_number(cx, r)?)
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(cx.range_error("toString() radix argument must be between 2 and 36"));
    }
    if radix == 10.0 {
        return Ok(number_to_js_string(cx, x)?.to_value());
    }
    let mut buf = [0u8; 1100];
    let s = numconv::number_to_string_radix(x, radix as u32, &mut buf);
    Ok(JsString::from_latin1(cx.heap(), s.as_bytes())?.to_value())
}

fn arg_number(v: Value) -> Option<f64> {
    v.as_number()
}

/// `Number.isFinite ( number )`.
fn is_finite(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(
        arg_number(arg(args, 0)).is_some_and(f64::is_finite),
    ))
}

/// `Number.isNaN ( number )`.
fn is_nan(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(
        arg_number(arg(args, 0)).is_some_and(f64::is_nan),
    ))
}

fn is_integral(n: f64) -> bool {
    n.is_finite() && n.trunc() == n
}

/// `Number.isInteger ( number )`.
fn is_integer(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(
        arg_number(arg(args, 0)).is_some_and(is_integral),
    ))
}

/// `Number.isSafeInteger ( number )`.
fn is_safe_integer(
    _: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let safe = |n: f64| is_integral(n) && n.abs() <= 9_007_199_254_740_991.0;
    Ok(Value::bool(arg_number(arg(args, 0)).is_some_and(safe)))
}

/// `Number`'s own properties: `length`, `name`, `prototype`, then the statics.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    for (name, v) in [
        ("EPSILON", f64::EPSILON),
        ("MAX_SAFE_INTEGER", 9_007_199_254_740_991.0),
        ("MAX_VALUE", f64::MAX),
        ("MIN_SAFE_INTEGER", -9_007_199_254_740_991.0),
        ("MIN_VALUE", 5e-324),
        ("NaN", f64::NAN),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("POSITIVE_INFINITY", f64::INFINITY),
    ] {
        let key = cx.rt.key(name)?;
        data(cx, c, key, Value::number(v), 0)?;
    }
    method(cx, c, "isFinite", 1, is_finite)?;
    method(cx, c, "isInteger", 1, is_integer)?;
    method(cx, c, "isNaN", 1, is_nan)?;
    method(cx, c, "isSafeInteger", 1, is_safe_integer)?;
    for (name, i) in [
        ("parseFloat", Intrinsic::ParseFloat),
        ("parseInt", Intrinsic::ParseInt),
    ] {
        let key = cx.rt.key(name)?;
        data(cx, c, key, cx.intrinsic(i), crate::object::attrs::HIDDEN)?;
    }
    Ok(())
}

/// `Number.prototype`'s properties.
pub(super) fn fill_proto(cx: &mut Cx, np: Gc<Object>) -> JsResult<()> {
    super::link_constructor(cx, np, Intrinsic::Number)?;
    method(cx, np, "toExponential", 1, to_exponential)?;
    method(cx, np, "toFixed", 1, to_fixed)?;
    method(cx, np, "toLocaleString", 0, to_locale_string)?;
    method(cx, np, "toPrecision", 1, to_precision)?;
    method(cx, np, "toString", 1, to_string)?;
    method(cx, np, "valueOf", 0, value_of)?;
    Ok(())
}
