//! Conversions between Numbers and strings (ECMA-262 2025), without any heap allocation.
//!
//! Every function here is pure and writes only into a caller-provided fixed-size buffer or onto
//! the stack:
//!
//! - [`number_to_string`]: `Number::toString(x, 10)` (§6.1.6.1.20).
//! - [`number_to_string_radix`]: `Number.prototype.toString(radix)` for radix 2..=36, as V8
//!   prints it.
//! - [`string_to_number`]: StringToNumber (§7.1.4.1.1), correctly rounded for every input length.
//! - [`to_int32`], [`to_uint32`], [`to_integer_or_infinity`] (§7.1.6, §7.1.7, §7.1.5).
//! - [`exact_decimal`], [`round_half_up`], [`parse_int_digits`] (`exact.rs`): exact decimal
//!   expansions for `toFixed`/`toExponential`/`toPrecision`, parseInt's digits in any radix.
//! - [`array_index`]: whether a property-key string is an array index (§6.1.7).

use core::fmt::{self, Write as _};

mod exact;
#[cfg(test)]
mod tests;

pub use exact::{exact_decimal, parse_int_digits, round_half_up, MAX_EXACT_DIGITS};

const DIGIT_CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Writes into a fixed byte buffer; writing past its end is an error rather than a panic.
struct Cursor<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> Cursor<'a> {
    fn new(buf: &'a mut [u8]) -> Self {
        Cursor { buf, len: 0 }
    }

    /// Appends one byte. Every caller sizes its buffer for the longest possible output, so the
    /// bounds check never fails.
    fn push(&mut self, b: u8) {
        self.buf[self.len] = b;
        self.len += 1;
    }

    fn push_all(&mut self, bytes: &[u8]) {
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }
}

impl fmt::Write for Cursor<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        if end > self.buf.len() {
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The ASCII bytes `buf[..len]` as a string slice.
fn ascii(buf: &[u8], len: usize) -> &str {
    // Only ASCII is ever written by this module, so this cannot fail.
    core::str::from_utf8(&buf[..len]).unwrap_or("")
}

// ---------------------------------------------------------------------------------------------
// Number::toString, radix 10
// ---------------------------------------------------------------------------------------------

/// `Number::toString(x, 10)` (ECMA-262 §6.1.6.1.20): `"NaN"`, `"0"` for ±0, `"Infinity"`,
/// `"-Infinity"`, otherwise the shortest digit string that round-trips, laid out by the
/// spec's k/n rules (plain notation for 1e-6 <= |x| < 1e21, exponent notation otherwise).
///
/// The result is at most 25 bytes long (a sign, `0.00000` and 17 digits).
pub fn number_to_string(x: f64, buf: &mut [u8; 32]) -> &str {
    let len = write_decimal(x, buf);
    ascii(buf, len)
}

/// Writes `Number::toString(x, 10)` into `out` (at least 32 bytes); returns its length.
fn write_decimal(x: f64, out: &mut [u8]) -> usize {
    let special: &[u8] = if x.is_nan() {
        b"NaN"
    } else if x == 0.0 {
        b"0"
    } else if x == f64::INFINITY {
        b"Infinity"
    } else if x == f64::NEG_INFINITY {
        b"-Infinity"
    } else {
        b""
    };
    if !special.is_empty() {
        out[..special.len()].copy_from_slice(special);
        return special.len();
    }

    let mut digits = [0u8; 18];
    let (k, n) = shortest_digits(x.abs(), &mut digits);
    let digits = &digits[..k];
    let k = k as i32;

    let mut o = Cursor::new(out);
    if x < 0.0 {
        o.push(b'-');
    }
    if k <= n && n <= 21 {
        // Step 7: integer digits followed by n - k zeros.
        o.push_all(digits);
        for _ in 0..n - k {
            o.push(b'0');
        }
    } else if 0 < n && n <= 21 {
        // Step 8: the decimal point falls inside the digits.
        o.push_all(&digits[..n as usize]);
        o.push(b'.');
        o.push_all(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        // Step 9: "0." followed by -n zeros and the digits.
        o.push_all(b"0.");
        for _ in 0..-n {
            o.push(b'0');
        }
        o.push_all(digits);
    } else {
        // Steps 10-12: exponent notation.
        o.push(digits[0]);
        if k > 1 {
            o.push(b'.');
            o.push_all(&digits[1..]);
        }
        o.push(b'e');
        let e = n - 1;
        o.push(if e < 0 { b'-' } else { b'+' });
        let _ = write!(o, "{}", e.unsigned_abs());
    }
    o.len
}

/// Formats `x` (finite, > 0) with Rust's `{:e}` or `{:.P$e}` into `tmp`; returns the digits
/// (into `digits`, at most 18) and the decimal exponent of the first one.
fn rust_exp_digits(x: f64, precision: Option<usize>, digits: &mut [u8; 18]) -> (usize, i32) {
    let mut tmp = [0u8; 40];
    let mut w = Cursor::new(&mut tmp);
    // Cannot fail: at most 18 digits, '.', 'e', '-' and 3 exponent digits.
    let _ = match precision {
        None => write!(w, "{:e}", x),
        Some(p) => write!(w, "{:.*e}", p, x),
    };
    let printed = &w.buf[..w.len];
    let mut k = 0usize;
    let mut i = 0;
    while i < printed.len() && printed[i] != b'e' {
        if printed[i].is_ascii_digit() {
            digits[k] = printed[i];
            k += 1;
        }
        i += 1;
    }
    let mut exp_negative = false;
    let mut exp = 0i32;
    for &c in &printed[(i + 1).min(printed.len())..] {
        if c == b'-' {
            exp_negative = true;
        } else {
            exp = exp * 10 + i32::from(c - b'0');
        }
    }
    (k, if exp_negative { -exp } else { exp })
}

/// Parses `digits` × 10^(n - len) (a stack buffer and `f64::from_str`).
fn digits_value(digits: &[u8], n: i32) -> f64 {
    let mut tmp = [0u8; 40];
    let mut w = Cursor::new(&mut tmp);
    w.push_all(digits);
    let _ = write!(w, "e{}", n - digits.len() as i32);
    let len = w.len;
    ascii(&tmp, len).parse().unwrap_or(f64::NAN)
}

/// The spec's k digits s (into `digits`) and n of `x` (finite, > 0): the fewest digits such
/// that s × 10^(n-k) rounds to x; among those the closest to x; on an exact tie the even one
/// (§6.1.6.1.20 step 5). Returns (k, n).
pub fn shortest_digits(x: f64, digits: &mut [u8; 18]) -> (usize, i32) {
    // Rust's `{:e}` prints the shortest digits that round-trip, the closest to x among them;
    // it does not settle an exact tie between two candidates the way the spec does.
    let (k, exp) = rust_exp_digits(x, None, digits);
    let n = exp + 1;

    // x = m × 2^e. With t = k - n, the two nearest k-digit candidates tie exactly when
    // x × 10^t = m × 5^t × 2^(e+t) has fractional part 1/2: then m × 5^t (or m / 5^-t, which
    // must be an integer) is an odd number times 2^tz(m), so tz(m) + e + t = -1.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let stored = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (stored, -1074)
    } else {
        (stored | (1u64 << 52), biased - 1075)
    };
    let t = k as i32 - n;
    let tie = m.trailing_zeros() as i32 + e + t + 1 == 0
        && (t >= 0
            || 5u64
                .checked_pow(t.unsigned_abs())
                .is_some_and(|p| m % p == 0));
    if !tie {
        return (k, n);
    }

    // x has exactly k + 1 significant digits, the last a 5: printing k + 1 digits is exact and
    // gives the lower candidate s; the upper one is s + 1. Take the even one if it also rounds
    // to x (near a power of two only one of them may).
    let mut exact = [0u8; 18];
    let (k1, exp1) = rust_exp_digits(x, Some(k), &mut exact);
    debug_assert!(k1 == k + 1 && exact[k] == b'5');
    let mut cand = [0u8; 18];
    cand[..k].copy_from_slice(&exact[..k]);
    let mut cand_n = exp1 + 1;
    let mut cand_k = k;
    if (cand[k - 1] - b'0') % 2 == 1 {
        // s + 1, with carry.
        let mut i = k;
        loop {
            if i == 0 {
                // 99…9 + 1 = 10…0: one more place.
                cand[0] = b'1';
                cand_n += 1;
                break;
            }
            i -= 1;
            if cand[i] == b'9' {
                cand[i] = b'0';
            } else {
                cand[i] += 1;
                break;
            }
        }
    }
    while cand_k > 1 && cand[cand_k - 1] == b'0' {
        cand_k -= 1;
    }
    if digits_value(&cand[..cand_k], cand_n) == x {
        digits[..cand_k].copy_from_slice(&cand[..cand_k]);
        return (cand_k, cand_n);
    }
    (k, n)
}

// ---------------------------------------------------------------------------------------------
// Number.prototype.toString(radix)
// ---------------------------------------------------------------------------------------------

/// `Number.prototype.toString(radix)` for `radix` in 2..=36 (radix 10 is
/// [`number_to_string`]).
///
/// For other radixes ECMA-262 leaves the algorithm implementation-defined ("should be a
/// generalization of" Number::toString). This is V8's `DoubleToRadixCString`, digit for digit,
/// since programs print such strings and compare them with node's:
///
/// - `"NaN"`, `"0"` for ±0, `"Infinity"`, `"-Infinity"`;
/// - fractional digits are generated with doubles while the remainder exceeds half an ulp of
///   the value (scaled along), the last one rounded to nearest (ties to even), carrying into
///   earlier digits and the integer part;
/// - integer digits beyond the double's precision (where `integer / radix` is still ≥ 2^53)
///   are printed as zeros, the rest exactly.
///
/// No exponent notation is used; the longest output is `(-5e-324).toString(2)`: 1077 bytes.
///
/// # Panics
///
/// If `radix` is not in 2..=36.
pub fn number_to_string_radix(x: f64, radix: u32, buf: &mut [u8; 1100]) -> &str {
    assert!((2..=36).contains(&radix), "radix {radix} out of range");
    let len = if radix == 10 || !x.is_finite() || x == 0.0 {
        write_decimal(x, buf)
    } else {
        write_radix(x, radix, buf)
    };
    ascii(buf, len)
}

/// The radix conversion of a finite nonzero `x` for radix != 10; returns the length written.
fn write_radix(x: f64, radix: u32, out: &mut [u8; 1100]) -> usize {
    let r = f64::from(radix);
    let value = x.abs();
    let mut integer = value.floor();
    let mut fraction = value - integer;
    // Fractional digits only up to the input's precision: half the gap to the next double.
    let mut delta = (0.5 * (value.next_up() - value)).max(f64::from_bits(1));
    // The fraction goes to the end of `out` first (at most 1074 digits), the integer part
    // (at most 1024 digits, and then there is no fraction) after the sign at the start.
    let mut frac = [0u8; 1076];
    let mut fl = 0;
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as u32;
            frac[fl] = DIGIT_CHARS[digit as usize];
            fl += 1;
            fraction -= f64::from(digit);
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, carrying through (radix-1) digits into the integer part.
                loop {
                    if fl == 0 {
                        integer += 1.0;
                        break;
                    }
                    fl -= 1;
                    let d = digit_value(frac[fl]);
                    if d + 1 < radix {
                        frac[fl] = DIGIT_CHARS[d as usize + 1];
                        fl += 1;
                        break;
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    // Integer digits, least significant first: zeros while integer / radix is at least 2^53
    // (the digits a double does not determine), then exact remainders.
    let mut int_digits = [0u8; 1100];
    let mut il = 0;
    while integer / r >= 9_007_199_254_740_992.0 {
        integer /= r;
        int_digits[il] = b'0';
        il += 1;
    }
    loop {
        let rem = integer % r;
        int_digits[il] = DIGIT_CHARS[rem as usize];
        il += 1;
        integer = (integer - rem) / r;
        if integer <= 0.0 {
            break;
        }
    }
    let mut o = Cursor::new(&mut out[..]);
    if x < 0.0 {
        o.push(b'-');
    }
    for &d in int_digits[..il].iter().rev() {
        o.push(d);
    }
    if fl > 0 {
        o.push(b'.');
        for &d in &frac[..fl] {
            o.push(d);
        }
    }
    o.len
}

/// Value of an ASCII digit this module wrote (0-9, a-z).
fn digit_value(c: u8) -> u32 {
    if c.is_ascii_digit() {
        u32::from(c - b'0')
    } else {
        u32::from(c - b'a') + 10
    }
}

// ---------------------------------------------------------------------------------------------
// StringToNumber
// ---------------------------------------------------------------------------------------------

/// Whether `c` is a StrWhiteSpaceChar: WhiteSpace (TAB, VT, FF, ZWNBSP and every `Zs` code
/// point) or LineTerminator (LF, CR, LS, PS). U+180E is not `Zs` since Unicode 6.3.
pub fn is_str_whitespace(c: u16) -> bool {
    matches!(
        c,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

/// Significant decimal digits kept before the rest are folded into a sticky digit. Deciding the
/// correct rounding of a decimal string to a double never needs more than 768 significant
/// digits (the longest exact halfway point between two doubles has 767), see below.
const MAX_SIG_DIGITS: usize = 800;

/// StringToNumber (ECMA-262 §7.1.4.1.1) of a UTF-16 string.
///
/// - Leading and trailing StrWhiteSpaceChar are ignored; an empty (or all-space) string is `0`.
/// - `0x`/`0X`, `0o`/`0O`, `0b`/`0B` followed by at least one digit of that base: the integer,
///   correctly rounded (round half to even, using every dropped bit). No sign, no separators.
/// - `Infinity`, `+Infinity`, `-Infinity` (case-sensitive).
/// - StrDecimalLiteral: optional sign, decimal digits with an optional `.` (at least one digit
///   on either side), optional exponent `e`/`E` with optional sign and at least one digit.
///   Correctly rounded to the nearest double (`"-0"` is -0, overflow gives ±Infinity).
/// - Anything else (including numeric separators `_`, `"."`, `"e5"`, `"1e"`) is NaN.
///
/// Decimal rounding is delegated to Rust's correctly rounded `f64::from_str` on an ASCII copy
/// on the stack, in the canonical form `DIGITSeEXP`. Inputs with more than
/// 800 significant digits keep the first 800 and, if any dropped digit is
/// nonzero, append one `1` as a sticky digit. This cannot change the result: every halfway
/// point h between adjacent doubles has at most 767 significant digits, so h is a multiple of
/// the unit in the 800th significant place of the input (its leading digit is at least as
/// high); the truncated value t is also such a multiple, and both the true value and t plus the
/// sticky digit lie strictly between t and the next multiple — on the same side of every h.
/// The decimal exponent is clamped to ±10000, far beyond where every value is 0 or Infinity.
pub fn string_to_number(s: &[u16]) -> f64 {
    let mut start = 0;
    let mut end = s.len();
    while start < end && is_str_whitespace(s[start]) {
        start += 1;
    }
    while end > start && is_str_whitespace(s[end - 1]) {
        end -= 1;
    }
    let t = &s[start..end];
    if t.is_empty() {
        return 0.0;
    }

    if t.len() >= 2 && t[0] == u16::from(b'0') {
        let bits = match t[1] | 0x20 {
            0x78 => 4, // x
            0x6f => 3, // o
            0x62 => 1, // b
            _ => 0,
        };
        if bits != 0 {
            return parse_power_of_two_radix(&t[2..], bits);
        }
    }

    let (negative, rest) = match t[0] {
        0x2b => (false, &t[1..]),
        0x2d => (true, &t[1..]),
        _ => (false, t),
    };
    let magnitude = if eq_ascii(rest, b"Infinity") {
        f64::INFINITY
    } else {
        parse_unsigned_decimal(rest)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

fn eq_ascii(s: &[u16], lit: &[u8]) -> bool {
    s.len() == lit.len() && s.iter().zip(lit).all(|(&a, &b)| a == u16::from(b))
}

fn decimal_digit(c: u16) -> Option<u8> {
    if (0x30..=0x39).contains(&c) {
        Some((c - 0x30) as u8)
    } else {
        None
    }
}

/// StrUnsignedDecimalLiteral (without `Infinity`) → its correctly rounded value, or NaN.
fn parse_unsigned_decimal(s: &[u16]) -> f64 {
    // The kept significant digits D; the value is D × 10^exp10 (before the literal exponent).
    let mut digits = [0u8; MAX_SIG_DIGITS + 1];
    let mut kept = 0usize;
    let mut sticky = false;
    let mut exp10: i64 = 0;
    let mut any_digit = false;

    let mut i = 0;
    // Integer part.
    while let Some(d) = s.get(i).copied().and_then(decimal_digit) {
        any_digit = true;
        if kept > 0 || d != 0 {
            if kept < MAX_SIG_DIGITS {
                digits[kept] = b'0' + d;
                kept += 1;
            } else {
                exp10 += 1;
                sticky |= d != 0;
            }
        }
        i += 1;
    }
    // Fraction part.
    if s.get(i) == Some(&u16::from(b'.')) {
        i += 1;
        while let Some(d) = s.get(i).copied().and_then(decimal_digit) {
            any_digit = true;
            if kept > 0 || d != 0 {
                if kept < MAX_SIG_DIGITS {
                    digits[kept] = b'0' + d;
                    kept += 1;
                    exp10 -= 1;
                } else {
                    sticky |= d != 0;
                }
            } else {
                exp10 -= 1; // a leading zero after the point
            }
            i += 1;
        }
    }
    if !any_digit {
        return f64::NAN;
    }
    // Exponent part.
    if matches!(s.get(i), Some(&0x65) | Some(&0x45)) {
        i += 1;
        let exp_negative = match s.get(i) {
            Some(&0x2b) => {
                i += 1;
                false
            }
            Some(&0x2d) => {
                i += 1;
                true
            }
            _ => false,
        };
        let mut lit: i64 = 0;
        let mut exp_digits = false;
        while let Some(d) = s.get(i).copied().and_then(decimal_digit) {
            exp_digits = true;
            // Saturate: anything past 10^12 means 0 or Infinity anyway.
            lit = (lit * 10 + i64::from(d)).min(1_000_000_000_000);
            i += 1;
        }
        if !exp_digits {
            return f64::NAN;
        }
        exp10 += if exp_negative { -lit } else { lit };
    }
    if i != s.len() {
        return f64::NAN;
    }
    if kept == 0 {
        return 0.0;
    }
    if sticky {
        digits[kept] = b'1';
        kept += 1;
        exp10 -= 1;
    }

    let mut text = [0u8; MAX_SIG_DIGITS + 1 + 8];
    let mut w = Cursor::new(&mut text);
    w.push_all(&digits[..kept]);
    // Cannot fail: at most 'e', '-' and 5 digits.
    let _ = write!(w, "e{}", exp10.clamp(-10_000, 10_000));
    let len = w.len;
    ascii(&text, len).parse::<f64>().unwrap_or(f64::NAN)
}

/// The digits of a `0x`/`0o`/`0b` literal (`bits` per digit) → the correctly rounded value, or
/// NaN.
fn parse_power_of_two_radix(s: &[u16], bits: u32) -> f64 {
    if s.is_empty() {
        return f64::NAN;
    }
    let radix = 1u32 << bits;
    // The leading bits (up to 60) in `mant`; later digits only scale by 2^bits and leave a
    // sticky bit when nonzero.
    let mut mant: u64 = 0;
    let mut exp2: u64 = 0;
    let mut sticky = false;
    for &c in s {
        let d = match c {
            0x30..=0x39 => u32::from(c - 0x30),
            0x41..=0x5a => u32::from(c - 0x41) + 10,
            0x61..=0x7a => u32::from(c - 0x61) + 10,
            _ => return f64::NAN,
        };
        if d >= radix {
            return f64::NAN;
        }
        if mant < 1 << 56 {
            mant = (mant << bits) | u64::from(d);
        } else {
            exp2 = exp2.saturating_add(u64::from(bits));
            sticky |= d != 0;
        }
    }
    if mant == 0 {
        return 0.0;
    }
    let width = 64 - mant.leading_zeros();
    let (q, e) = if width > 53 {
        let shift = width - 53;
        let q = mant >> shift;
        let dropped = mant & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        let up = dropped > half || (dropped == half && (sticky || q & 1 == 1));
        (q + u64::from(up), exp2.saturating_add(u64::from(shift)))
    } else {
        // Fewer than 57 bits were read, so no digit was dropped: exact.
        (mant, exp2)
    };
    // q <= 2^53 is exact as a double; q × 2^e is exact or overflows to Infinity.
    if e > 1023 {
        return f64::INFINITY;
    }
    q as f64 * f64::from_bits((e + 1023) << 52)
}

// ---------------------------------------------------------------------------------------------
// Integer conversions and array indices
// ---------------------------------------------------------------------------------------------

/// ToUint32 (§7.1.7) of a Number: NaN, ±0 and ±Infinity give 0; otherwise the truncated value
/// modulo 2^32.
pub fn to_uint32(x: f64) -> u32 {
    if !x.is_finite() {
        return 0;
    }
    // `%` on doubles is exact, so this is the true truncate(x) mod 2^32 (in (-2^32, 2^32)).
    let mut r = x.trunc() % 4_294_967_296.0;
    if r < 0.0 {
        r += 4_294_967_296.0;
    }
    r as u32
}

/// ToInt32 (§7.1.6) of a Number: ToUint32 reinterpreted as two's complement.
pub fn to_int32(x: f64) -> i32 {
    to_uint32(x) as i32
}

/// ToIntegerOrInfinity (§7.1.5) of a Number: NaN and ±0 give +0, ±Infinity stay, everything
/// else is truncated toward zero (never -0).
pub fn to_integer_or_infinity(x: f64) -> f64 {
    if x.is_nan() {
        return 0.0;
    }
    // Adding +0 turns -0 (from -0 or e.g. -0.5) into +0 and leaves everything else alone.
    x.trunc() + 0.0
}

/// Whether the property-key string `s` is an array index (§6.1.7): the canonical decimal form
/// (no sign, no leading zeros except `"0"` itself) of an integer in 0..=2^32 - 2. Returns the
/// index; `"4294967295"` (2^32 - 1) is not an index.
pub fn array_index(s: &[u16]) -> Option<u32> {
    if s.is_empty() || s.len() > 10 || (s[0] == u16::from(b'0') && s.len() > 1) {
        return None;
    }
    let mut v: u64 = 0;
    for &c in s {
        v = v * 10 + u64::from(decimal_digit(c)?);
    }
    if v <= 4_294_967_294 {
        Some(v as u32)
    } else {
        None
    }
}
