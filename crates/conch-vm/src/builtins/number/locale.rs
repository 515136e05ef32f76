//! `Number.prototype.toLocaleString(locales, options)` without Intl: the options of
//! `Intl.NumberFormat` that programs pass most (`style` decimal/percent/currency, `currency`,
//! `currencyDisplay`, the digit options, `useGrouping`), read in ECMA-402's order, and the
//! separators of a few locales (English, with India's lakh grouping for "en-IN"; German;
//! French); any other locale formats as "en-US". Digits come from the shortest round-trip
//! decimal of the value, rounded half away from zero, as ICU does.

use crate::convert::{to_boolean, to_number, to_object, to_string};
use crate::cx::{Cx, JsResult};
use crate::numconv::{self, round_half_up, MAX_EXACT_DIGITS};
use crate::object::Object;
use crate::ops;
use crate::string::JsString;
use conch_gc::{Gc, Value};

#[derive(Clone, Copy, PartialEq)]
enum Loc {
    En,
    EnIn,
    De,
    Fr,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Decimal,
    Percent,
    Currency,
}

/// A resolved number format.
pub(super) struct NumberFormat {
    loc: Loc,
    style: Style,
    currency: [u8; 3],
    /// Show the ISO code instead of the symbol.
    code: bool,
    min_int: u32,
    min_fd: u32,
    max_fd: u32,
    /// (minimum, maximum) significant digits, when given.
    sig: Option<(u32, u32)>,
    grouping: bool,
}

/// The locale of the first of `locales` (a string or a list), by its language and region.
fn locale(cx: &mut Cx, locales: Value) -> JsResult<Loc> {
    let first = if locales.is_undefined() {
        return Ok(Loc::En);
    } else if JsString::from_value(locales).is_some() {
        locales
    } else {
        let o = to_object(cx, locales)?;
        ops::get_v(cx, o, crate::key::PropertyKey::index(0))?
    };
    if first.is_undefined() {
        return Ok(Loc::En);
    }
    let s = to_string(cx, first)?;
    let s = JsString::flatten(cx.heap(), s)?;
    let tag = |p: &str| {
        let c = s.chars();
        c.len() >= p.len()
            && (0..p.len()).all(|i| c.at(i) == u16::from(p.as_bytes()[i]))
            && (c.len() == p.len() || c.at(p.len()) == u16::from(b'-'))
    };
    Ok(if tag("en-IN") || tag("hi") {
        Loc::EnIn
    } else if tag("de") {
        Loc::De
    } else if tag("fr") {
        Loc::Fr
    } else {
        Loc::En
    })
}

fn get(cx: &mut Cx, o: Option<Gc<Object>>, name: &str) -> JsResult<Value> {
    match o {
        None => Ok(Value::UNDEFINED),
        Some(o) => {
            let k = cx.rt.key(name)?;
            ops::get_v(cx, o, k)
        }
    }
}

/// GetOption(options, name, string, values, default): the index in `values`.
fn string_option(
    cx: &mut Cx,
    o: Option<Gc<Object>>,
    name: &str,
    values: &[&str],
    default: usize,
) -> JsResult<usize> {
    let v = get(cx, o, name)?;
    if v.is_undefined() {
        return Ok(default);
    }
    let s = to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    if let Some(i) = values.iter().position(|x| s.chars().eq_ascii(x)) {
        return Ok(i);
    }
    // V8's words: "Value bogus out of range for Number.prototype.toLocaleString options
    // property style".
    let mut b = Buf::new();
    b.push_str("Value ");
    for u in s.chars().units().take(200) {
        b.push_unit(u);
    }
    b.push_str(" out of range for Number.prototype.toLocaleString options property ");
    b.push_str(name);
    let msg = JsString::from_utf16(cx.heap(), b.units())?;
    let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, msg.to_value())?;
    Err(crate::cx::Throw::Value(e.to_value()))
}

/// GetNumberOption(options, name, min, max, fallback).
fn number_option(
    cx: &mut Cx,
    o: Option<Gc<Object>>,
    name: &str,
    min: u32,
    max: u32,
) -> JsResult<Option<u32>> {
    let v = get(cx, o, name)?;
    if v.is_undefined() {
        return Ok(None);
    }
    let n = to_number(cx, v)?;
    if n.is_nan() || n < f64::from(min) || n > f64::from(max) {
        let mut b = Buf::new();
        b.push_str(name);
        b.push_str(" value is out of range.");
        let msg = JsString::from_utf16(cx.heap(), b.units())?;
        let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, msg.to_value())?;
        return Err(crate::cx::Throw::Value(e.to_value()));
    }
    Ok(Some(n.floor() as u32))
}

/// The fraction digits of a currency (ISO 4217's minor units).
fn currency_digits(c: &[u8; 3]) -> u32 {
    match c {
        b"JPY" | b"KRW" | b"VND" | b"CLP" | b"ISK" | b"UGX" | b"PYG" | b"XAF" | b"XOF" => 0,
        b"BHD" | b"KWD" | b"JOD" | b"OMR" | b"TND" | b"IQD" | b"LYD" => 3,
        _ => 2,
    }
}

/// Reads `options` as `Intl.NumberFormat` does (the options it does not support are read
/// and ignored).
pub(super) fn read(cx: &mut Cx, locales: Value, options: Value) -> JsResult<NumberFormat> {
    let loc = locale(cx, locales)?;
    let o = if options.is_undefined() {
        None
    } else {
        Some(to_object(cx, options)?)
    };
    string_option(cx, o, "localeMatcher", &["lookup", "best fit"], 1)?;
    get(cx, o, "numberingSystem")?;
    let style = match string_option(
        cx,
        o,
        "style",
        &["decimal", "percent", "currency", "unit"],
        0,
    )? {
        1 => Style::Percent,
        2 => Style::Currency,
        _ => Style::Decimal,
    };
    let cv = get(cx, o, "currency")?;
    let mut currency = *b"USD";
    if !cv.is_undefined() {
        let s = to_string(cx, cv)?;
        let s = JsString::flatten(cx.heap(), s)?;
        let c = s.chars();
        if c.len() != 3 || !(0..3).all(|i| (c.at(i) as u8).is_ascii_alphabetic() && c.at(i) < 0x80)
        {
            return Err(cx.range_error("Invalid currency code"));
        }
        for (i, slot) in currency.iter_mut().enumerate() {
            *slot = (c.at(i) as u8).to_ascii_uppercase();
        }
    } else if style == Style::Currency {
        return Err(cx.type_error("Currency code is required with currency style."));
    }
    let display = string_option(
        cx,
        o,
        "currencyDisplay",
        &["code", "symbol", "narrowSymbol", "name"],
        1,
    )?;
    string_option(cx, o, "currencySign", &["standard", "accounting"], 0)?;
    get(cx, o, "unit")?;
    string_option(cx, o, "unitDisplay", &["short", "narrow", "long"], 0)?;
    string_option(
        cx,
        o,
        "notation",
        &["standard", "scientific", "engineering", "compact"],
        0,
    )?;
    let min_int = number_option(cx, o, "minimumIntegerDigits", 1, 21)?.unwrap_or(1);
    let mnfd = number_option(cx, o, "minimumFractionDigits", 0, 100)?;
    let mxfd = number_option(cx, o, "maximumFractionDigits", 0, 100)?;
    let mnsd = number_option(cx, o, "minimumSignificantDigits", 1, 21)?;
    let mxsd = number_option(cx, o, "maximumSignificantDigits", 1, 21)?;
    let (d_min, d_max) = match style {
        Style::Currency => {
            let d = currency_digits(&currency);
            (d, d)
        }
        Style::Percent => (0, 0),
        Style::Decimal => (0, 3),
    };
    let (min_fd, max_fd) = match (mnfd, mxfd) {
        (None, None) => (d_min, d_max),
        (None, Some(mx)) => (d_min.min(mx), mx),
        (Some(mn), None) => (mn, d_max.max(mn)),
        (Some(mn), Some(mx)) => {
            if mn > mx {
                return Err(cx.range_error("maximumFractionDigits value is out of range."));
            }
            (mn, mx)
        }
    };
    let sig = if mnsd.is_some() || mxsd.is_some() {
        let mn = mnsd.unwrap_or(1);
        let mx = mxsd.unwrap_or(21);
        if mn > mx {
            return Err(cx.range_error("maximumSignificantDigits value is out of range."));
        }
        Some((mn, mx))
    } else {
        None
    };
    let gv = get(cx, o, "useGrouping")?;
    let grouping = if gv.is_undefined() {
        true
    } else if let Some(s) = JsString::from_value(gv) {
        // "always", "auto", "min2"; "false" and "" are false.
        let s = JsString::flatten(cx.heap(), s)?;
        !(s.chars().eq_ascii("false") || s.chars().is_empty())
    } else {
        to_boolean(gv)
    };
    Ok(NumberFormat {
        loc,
        style,
        currency,
        code: display == 0,
        min_int,
        min_fd,
        max_fd,
        sig,
        grouping,
    })
}

/// A bounded UTF-16 output buffer (a formatted number is at most a few hundred units: 309
/// integer digits, their separators and 100 fraction digits).
struct Buf {
    b: [u16; 768],
    n: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf { b: [0; 768], n: 0 }
    }
    fn push_str(&mut self, s: &str) {
        for u in s.encode_utf16() {
            if self.n < self.b.len() {
                self.b[self.n] = u;
                self.n += 1;
            }
        }
    }
    fn push_byte(&mut self, c: u8) {
        self.push_unit(u16::from(c));
    }
    fn push_unit(&mut self, u: u16) {
        if self.n < self.b.len() {
            self.b[self.n] = u;
            self.n += 1;
        }
    }
    fn units(&self) -> &[u16] {
        &self.b[..self.n]
    }
}

/// The currency symbol in `loc` (the ISO code when there is none).
fn symbol(f: &NumberFormat) -> Option<&'static str> {
    if f.code {
        return None;
    }
    let en = f.loc == Loc::En || f.loc == Loc::EnIn;
    Some(match &f.currency {
        b"USD" => "$",
        b"EUR" => "€",
        b"GBP" => "£",
        b"JPY" => "¥",
        b"INR" => "₹",
        b"KRW" => "₩",
        b"ILS" => "₪",
        b"VND" => "₫",
        b"NGN" if !en => "NGN",
        b"CNY" => "CN¥",
        b"CAD" if en => "CA$",
        b"AUD" if en => "A$",
        b"MXN" if en => "MX$",
        b"BRL" => "R$",
        b"NZD" if en => "NZ$",
        b"HKD" if en => "HK$",
        b"TWD" if en => "NT$",
        _ => return None,
    })
}

/// Formats `x` with `f`.
pub(super) fn format(cx: &Cx, x: f64, f: &NumberFormat) -> JsResult<Value> {
    let mut out = Buf::new();
    let (group, decimal): (&str, &str) = match f.loc {
        Loc::En | Loc::EnIn => (",", "."),
        Loc::De => (".", ","),
        Loc::Fr => ("\u{202f}", ","),
    };
    let prefix_currency = matches!(f.loc, Loc::En | Loc::EnIn);
    let cur_sym = symbol(f);
    // A code before the number is followed by a no-break space, except before NaN and ∞.
    let push_currency = |out: &mut Buf, before: bool| match cur_sym {
        Some(s) => out.push_str(s),
        None => {
            out.push_str(core::str::from_utf8(&f.currency).unwrap_or("XXX"));
            if before && x.is_finite() {
                out.push_str("\u{a0}");
            }
        }
    };
    if x.is_sign_negative() && !x.is_nan() {
        out.push_str("-");
    }
    if f.style == Style::Currency && prefix_currency {
        push_currency(&mut out, true);
    }
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str("∞");
    } else {
        number_part(&mut out, x.abs(), f, group, decimal);
    }
    match f.style {
        Style::Percent => out.push_str(match f.loc {
            Loc::En | Loc::EnIn => "%",
            Loc::De => "\u{a0}%",
            Loc::Fr => "\u{202f}%",
        }),
        Style::Currency if !prefix_currency => {
            out.push_str("\u{a0}");
            push_currency(&mut out, false);
        }
        _ => {}
    }
    Ok(JsString::from_utf16(cx.heap(), out.units())?.to_value())
}

/// The digits of a finite `a ≥ 0` with grouping and the decimal separator.
fn number_part(out: &mut Buf, a: f64, f: &NumberFormat, group: &str, decimal: &str) {
    let mut digits = [b'0'; MAX_EXACT_DIGITS];
    let (mut k, mut n) = if a == 0.0 {
        (0, 1)
    } else {
        let mut short = [0u8; 18];
        let (k, n) = numconv::shortest_digits(a, &mut short);
        digits[..k].copy_from_slice(&short[..k]);
        (k, n)
    };
    if f.style == Style::Percent && k > 0 {
        n += 2;
    }
    // Fraction digits shown.
    let frac = if let Some((mn, mx)) = f.sig {
        if k > 0 {
            (k, n) = round_half_up(&mut digits, k, n, mx as i32);
        }
        let shown = (k as i32).max(mn as i32);
        (shown - n.max(if k == 0 { 1 } else { n })).max(0) as usize
    } else {
        if k > 0 {
            (k, n) = round_half_up(&mut digits, k, n, n + f.max_fd as i32);
        }
        if k == 0 {
            // Zero, or rounded to zero.
            f.min_fd as usize
        } else {
            ((k as i32 - n).max(0) as usize)
                .clamp(f.min_fd as usize, f.max_fd.max(f.min_fd) as usize)
        }
    };
    if k == 0 {
        n = 1;
    }
    let digit = |i: i32| -> u8 {
        if i >= 0 && (i as usize) < k {
            digits[i as usize]
        } else {
            b'0'
        }
    };
    // Integer digits: positions 0..n, padded with zeros to the minimum.
    let int_len = (n.max(0) as usize).max(f.min_int as usize).max(1);
    let lead = int_len as i32 - n.max(0);
    for p in 0..int_len {
        let from_end = int_len - p;
        if f.grouping && p > 0 {
            let sep = match f.loc {
                Loc::EnIn => from_end == 3 || (from_end > 3 && (from_end - 3).is_multiple_of(2)),
                _ => from_end.is_multiple_of(3),
            };
            if sep {
                out.push_str(group);
            }
        }
        let d = if (p as i32) < lead {
            b'0'
        } else {
            digit(p as i32 - lead)
        };
        out.push_byte(d);
    }
    if frac > 0 {
        out.push_str(decimal);
        for i in 0..frac {
            out.push_byte(digit(n + i as i32));
        }
    }
}
