//! BigInt conversions (ECMA-262 §6.1.6.2.23 `BigInt::toString`, §7.1.14 `StringToBigInt`,
//! §21.2.1.1.1 `NumberToBigInt`, §21.1.1.1 `Number(bigint)`) and comparison with Numbers.
//!
//! Strings are converted in chunks: as many digits as fit in one limb at a time (`radix^k ≤
//! 2^64`), so each chunk costs one pass of single-limb multiplication or division.

use super::{digits, radix, result_buf, BigInt, MAX_BITS};
use crate::cx::{Cx, JsResult};
use crate::numconv::is_str_whitespace;
use crate::string::{Chars, JsString, MAX_LENGTH};
use conch_gc::Gc;
use std::cmp::Ordering;

/// The digit value of a code unit in `radix`, if it is one.
fn digit_value(c: u16, radix: u32) -> Option<u32> {
    let c = char::from_u32(c as u32)?;
    c.to_digit(radix)
}

/// The BigInt spelled by `units` (digits of `radix` only, at least one), or `None` if a unit
/// is not a digit.
pub fn parse_digits(
    cx: &Cx,
    units: impl Iterator<Item = u16> + Clone,
    len: usize,
    radix: u32,
    neg: bool,
) -> JsResult<Option<Gc<BigInt>>> {
    // Limbs needed: len · log2(radix) / 64, rounded up, plus one for the carry.
    let bits_per_digit = 32 - (radix - 1).leading_zeros() as usize;
    let limbs = (len * bits_per_digit).div_ceil(64) + 1;
    if (limbs as u64 - 1) * 64 > MAX_BITS + 64 {
        // Leading zeros could make it fit: count significant digits first.
        let sig = units.clone().skip_while(|&c| c == u16::from(b'0')).count();
        if (sig * bits_per_digit) as u64 > MAX_BITS + radix as u64 {
            return Err(super::too_big(cx));
        }
    }
    let mut mag = result_buf(cx, limbs.min(super::MAX_LIMBS + 2))?;
    if radix.is_power_of_two() && limbs <= super::MAX_LIMBS + 2 {
        if !radix::parse_pow2(units, len, radix.trailing_zeros(), &mut mag) {
            return Ok(None);
        }
        return Ok(Some(BigInt::from_buf(cx, neg, &mag)?));
    }
    if len > radix::DC_PARSE_DIGITS {
        // Digit values first (validated), then divide and conquer.
        let mut vals = allocator_api2::vec::Vec::new_in(cx.heap().scratch().clone());
        vals.try_reserve_exact(len)
            .map_err(|_| conch_gc::OutOfMemory)?;
        for c in units {
            match digit_value(c, radix) {
                Some(d) => vals.push(d as u8),
                None => return Ok(None),
            }
        }
        drop(mag);
        let m = radix::parse_dc(cx, &vals, radix)?;
        return Ok(Some(BigInt::from_buf(cx, neg, &m)?));
    }
    let (k, _) = radix::chunk(radix);
    let mut used = 0usize; // significant limbs so far
    let mut acc: u64 = 0;
    let mut acc_digits = 0;
    let flush = |mag: &mut super::Buf, acc: u64, n: usize, used: &mut usize| {
        let mul = (radix as u64).pow(n as u32);
        let end = (*used + 1).min(mag.len());
        let carry = digits::mul_small_add(&mut mag[..end], mul, acc);
        *used = digits::trim(&mag[..end]).len();
        debug_assert!(carry == 0);
    };
    for c in units {
        let d = match digit_value(c, radix) {
            Some(d) => d,
            None => return Ok(None),
        };
        acc = acc * radix as u64 + d as u64;
        acc_digits += 1;
        if acc_digits == k {
            flush(&mut mag, acc, k, &mut used);
            acc = 0;
            acc_digits = 0;
        }
    }
    if acc_digits > 0 {
        flush(&mut mag, acc, acc_digits, &mut used);
    }
    Ok(Some(BigInt::from_buf(cx, neg, &mag)?))
}

/// A BigInt literal's value (the parser hands over its decimal digits).
pub fn from_decimal(cx: &Cx, s: &str) -> JsResult<Gc<BigInt>> {
    let units = s.bytes().map(u16::from);
    match parse_digits(cx, units, s.len(), 10, false)? {
        Some(b) => Ok(b),
        None => Err(cx.throw(crate::ErrorKind::SyntaxError, "Invalid BigInt literal")),
    }
}

/// `StringToBigInt`: `None` where the spec gives undefined (not a valid integer literal).
pub fn string_to_bigint(cx: &Cx, s: Gc<JsString>) -> JsResult<Option<Gc<BigInt>>> {
    let flat = JsString::flatten(cx.heap(), s)?;
    let chars = flat.chars();
    let mut start = 0;
    let mut end = chars.len();
    while start < end && is_str_whitespace(chars.at(start)) {
        start += 1;
    }
    while end > start && is_str_whitespace(chars.at(end - 1)) {
        end -= 1;
    }
    if start == end {
        return Ok(Some(BigInt::new(cx.heap(), false, &[])?));
    }
    let at = |i: usize| chars.at(i);
    let mut radix = 10;
    let mut neg = false;
    if end - start > 2 && at(start) == u16::from(b'0') {
        radix = match at(start + 1) | 0x20 {
            0x78 => 16,
            0x6f => 8,
            0x62 => 2,
            _ => 10,
        };
        if radix != 10 {
            start += 2;
        }
    } else if at(start) == u16::from(b'+') || at(start) == u16::from(b'-') {
        neg = at(start) == u16::from(b'-');
        start += 1;
        if start == end {
            return Ok(None);
        }
    }
    let units = ChunkUnits {
        chars,
        i: start,
        end,
    };
    parse_digits(cx, units, end - start, radix, neg)
}

/// The code units `i..end` of flat characters.
#[derive(Clone)]
struct ChunkUnits<'a> {
    chars: Chars<'a>,
    i: usize,
    end: usize,
}

impl Iterator for ChunkUnits<'_> {
    type Item = u16;
    fn next(&mut self) -> Option<u16> {
        if self.i < self.end {
            self.i += 1;
            Some(self.chars.at(self.i - 1))
        } else {
            None
        }
    }
}

/// `BigInt::toString(x, radix)`.
pub fn to_string(cx: &Cx, x: Gc<BigInt>, radix: u32) -> JsResult<Gc<JsString>> {
    let d = x.digits();
    if d.is_empty() {
        return Ok(cx.rt.intern_chars(Chars::One(b"0"))?);
    }
    if let (Some(v), 10) = (x.to_i64(), radix) {
        let mut b = [0u8; 24];
        let mut i = b.len();
        let mut m = v.unsigned_abs();
        while m > 0 {
            i -= 1;
            b[i] = b'0' + (m % 10) as u8;
            m /= 10;
        }
        if v < 0 {
            i -= 1;
            b[i] = b'-';
        }
        return Ok(JsString::from_latin1(cx.heap(), &b[i..])?);
    }
    let bits = digits::bit_len(d);
    // Digits ≤ bits / log2(radix) + 1 (one more for the rounding of the logarithm).
    let max_len = (bits as f64 / (radix as f64).log2()) as usize + 3;
    if max_len > MAX_LENGTH + 2 {
        return Err(cx.range_error("Invalid string length"));
    }
    let mut out = allocator_api2::vec::Vec::new_in(cx.heap().scratch().clone());
    out.try_reserve_exact(max_len)
        .map_err(|_| conch_gc::OutOfMemory)?;
    if x.is_neg() {
        out.push(b'-');
    }
    radix::write_digits(cx, d, radix, &mut out)?;
    if out.len() > MAX_LENGTH {
        return Err(cx.range_error("Invalid string length"));
    }
    Ok(JsString::from_latin1(cx.heap(), &out)?)
}

/// The exact integer value of an integral finite double, as a magnitude in `out` (at most
/// 17 limbs); returns the limbs used.
fn integral_mag(d: f64, out: &mut [u64; 18]) -> usize {
    let bits = d.abs().to_bits();
    let exp = (bits >> 52) as i64;
    if exp == 0 {
        return 0; // zero (subnormals are not integral unless zero)
    }
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let shift = exp - 1075;
    *out = [0; 18];
    if shift <= 0 {
        out[0] = mant >> (-shift).min(63);
        return digits::trim(&out[..1]).len();
    }
    digits::shl(&[mant], shift as u64, &mut out[..(shift as usize / 64) + 2]);
    digits::trim(&out[..]).len()
}

/// `NumberToBigInt`: a RangeError unless `d` is an integer.
pub fn from_number(cx: &Cx, d: f64) -> JsResult<Gc<BigInt>> {
    if !d.is_finite() || d.trunc() != d {
        let mut b = [0u8; 32];
        let s = crate::numconv::number_to_string(d, &mut b);
        let msg = cx.string("The number ")?;
        let num = JsString::from_latin1(cx.heap(), s.as_bytes())?;
        let tail = cx.string(" cannot be converted to a BigInt because it is not an integer")?;
        let m = JsString::concat(cx.heap(), msg, num)?;
        let m = JsString::concat(cx.heap(), m, tail)?;
        return Err(crate::Throw::Value(
            cx.error_object_with(crate::ErrorKind::RangeError, m.to_value())?
                .to_value(),
        ));
    }
    let mut mag = [0u64; 18];
    let n = integral_mag(d, &mut mag);
    Ok(BigInt::new(cx.heap(), d < 0.0, &mag[..n])?)
}

/// The Number nearest to `x` (ties to even; beyond the double range, ±Infinity).
pub fn to_f64(x: &BigInt) -> f64 {
    let d = x.digits();
    let bits = digits::bit_len(d);
    let m = if bits <= 64 {
        d.first().copied().unwrap_or(0) as f64
    } else if bits > 1024 {
        f64::INFINITY
    } else {
        // The top 64 bits, with a sticky bit for everything below them: rounding 64 bits to
        // 53 then sees the exact tie/above-tie distinction.
        let shift = bits - 64;
        let limb = (shift / 64) as usize;
        let s = (shift % 64) as u32;
        let mut top = d[limb] >> s;
        if s != 0 {
            top |= d[limb + 1] << (64 - s);
        }
        let below =
            d[..limb].iter().any(|&v| v != 0) || (s != 0 && d[limb] & ((1u64 << s) - 1) != 0);
        if below {
            top |= 1;
        }
        let scale = f64::from_bits((shift + 1023) << 52);
        top as f64 * scale
    };
    if x.is_neg() {
        -m
    } else {
        m
    }
}

/// Compares a BigInt with a Number: `None` when the Number is NaN.
pub fn compare_number(x: &BigInt, d: f64) -> Option<Ordering> {
    if d.is_nan() {
        return None;
    }
    if d.is_infinite() {
        return Some(if d > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let f = d.floor();
    let mut mag = [0u64; 18];
    let n = integral_mag(f, &mut mag);
    let fneg = f < 0.0 && n > 0;
    let c = match (x.is_neg(), fneg) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => digits::cmp(x.digits(), &mag[..n]),
        (true, true) => digits::cmp(&mag[..n], x.digits()),
    };
    Some(if c == Ordering::Equal && f != d {
        Ordering::Less
    } else {
        c
    })
}
