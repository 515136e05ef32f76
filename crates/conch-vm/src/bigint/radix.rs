//! Magnitudes to digit strings in any radix 2–36:
//!
//! - power-of-two radixes read the digits straight out of the bits (linear);
//! - other radixes below [`DC_THRESHOLD`] limbs divide by `radix^k` (the largest power in one
//!   limb) repeatedly, `k` digits per single-limb division pass (quadratic, small constant);
//! - larger values are split in two by dividing by `radix^(k·2^i)` (the largest such power
//!   about the square root of the value, precomputed by squaring), and each half converted
//!   recursively, the low half padded with zeros to its exact width. The divisions are Knuth's
//!   (multiply-subtract passes), much cheaper per limb than the single-limb divisions they
//!   replace.

use super::{buf, digits, Buf};
use crate::cx::{Cx, JsResult};
use conch_mm::ScratchAlloc;

/// Below this many limbs, conversion is by repeated single-limb division.
pub const DC_THRESHOLD: usize = 48;

/// Above this many digits, parsing divides and conquers.
pub const DC_PARSE_DIGITS: usize = 1000;

/// An output buffer of ASCII digits.
pub type Bytes = allocator_api2::vec::Vec<u8, ScratchAlloc>;

/// `(k, radix^k)`: the most digits of `radix` one limb holds, and that power.
pub fn chunk(radix: u32) -> (usize, u64) {
    let mut k = 0;
    let mut p: u64 = 1;
    while let Some(n) = p.checked_mul(radix as u64) {
        p = n;
        k += 1;
    }
    (k, p)
}

fn digit_char(d: u8) -> u8 {
    if d < 10 {
        b'0' + d
    } else {
        b'a' + d - 10
    }
}

/// Appends the digits of the normalized, non-zero magnitude `mag` in `radix`, most significant
/// first. `out` must have room for them (`digits::bit_len(mag) / floor(log2(radix)) + 1`).
pub fn write_digits(cx: &Cx, mag: &[u64], radix: u32, out: &mut Bytes) -> JsResult<()> {
    if radix.is_power_of_two() {
        pow2(mag, radix.trailing_zeros(), out);
        return Ok(());
    }
    if mag.len() < DC_THRESHOLD {
        return chunked(cx, mag, radix, None, out);
    }
    // powers[i] = radix^(k·2^i), up to about the square root of the value.
    let (_, big) = chunk(radix);
    let mut powers = allocator_api2::vec::Vec::new_in(cx.heap().scratch().clone());
    let mut p = buf(cx.heap(), 1)?;
    p[0] = big;
    loop {
        let len = p.len();
        if 2 * len > mag.len() + 1 {
            break;
        }
        let mut sq = buf(cx.heap(), 2 * len)?;
        let mut scratch = buf(cx.heap(), digits::mul_scratch_len(len))?;
        let poll = || cx.rt.is_disabled();
        digits::mul(&p, &p, &mut sq, &mut scratch, &digits::Stop::new(&poll));
        let t = digits::trim(&sq).len();
        sq.truncate(t);
        powers.try_reserve(1).map_err(|_| conch_gc::OutOfMemory)?;
        powers.push(p);
        p = sq;
        cx.check()?;
    }
    powers.try_reserve(1).map_err(|_| conch_gc::OutOfMemory)?;
    powers.push(p);
    split(cx, mag, radix, &powers, None, out)
}

/// Digits of `mag`, exactly `width` of them (zero-padded) when given.
fn split(
    cx: &Cx,
    mag: &[u64],
    radix: u32,
    powers: &[Buf],
    width: Option<usize>,
    out: &mut Bytes,
) -> JsResult<()> {
    cx.check()?;
    let mag = digits::trim(mag);
    if mag.len() < DC_THRESHOLD {
        return chunked(cx, mag, radix, width, out);
    }
    // The largest power with at most half the limbs (and at most the value).
    let Some(level) = (0..powers.len())
        .rev()
        .find(|&i| 2 * powers[i].len() <= mag.len() + 1 && powers[i].len() <= mag.len())
    else {
        return chunked(cx, mag, radix, width, out);
    };
    let (k, _) = chunk(radix);
    let low_width = k << level;
    let p = &powers[level];
    let (q, r) = super::div::divrem(cx, mag, p)?;
    let high_width = width.map(|w| w.saturating_sub(low_width));
    if digits::trim(&q).is_empty() {
        pad(out, high_width.unwrap_or(0));
    } else {
        split(cx, &q, radix, powers, high_width, out)?;
    }
    drop(q);
    split(cx, &r, radix, powers, Some(low_width), out)
}

fn pad(out: &mut Bytes, n: usize) {
    for _ in 0..n {
        out.push(b'0');
    }
}

/// Repeated single-limb division; digits come out least significant first and are reversed
/// in place.
fn chunked(
    cx: &Cx,
    mag: &[u64],
    radix: u32,
    width: Option<usize>,
    out: &mut Bytes,
) -> JsResult<()> {
    let (k, big) = chunk(radix);
    let start = out.len();
    let mut m = buf(cx.heap(), mag.len())?;
    m.copy_from_slice(mag);
    let mut n = digits::trim(&m).len();
    let mut polls = 0u32;
    while n > 0 {
        let mut r = digits::div_small(&mut m[..n], big);
        n = digits::trim(&m[..n]).len();
        for _ in 0..k {
            if n == 0 && r == 0 {
                break;
            }
            out.push(digit_char((r % radix as u64) as u8));
            r /= radix as u64;
        }
        polls += 1;
        if polls.is_multiple_of(4096) {
            cx.check()?;
        }
    }
    if let Some(w) = width {
        let have = out.len() - start;
        pad(out, w.saturating_sub(have));
    }
    out[start..].reverse();
    Ok(())
}

/// Digits of a power-of-two radix (`b` bits each), straight from the bits.
fn pow2(mag: &[u64], b: u32, out: &mut Bytes) {
    let bits = digits::bit_len(mag);
    let n = bits.div_ceil(b as u64);
    let mask = (1u64 << b) - 1;
    for i in (0..n).rev() {
        let bit = i * b as u64;
        let limb = (bit / 64) as usize;
        let off = (bit % 64) as u32;
        let mut v = mag[limb] >> off;
        if off + b > 64 && limb + 1 < mag.len() {
            v |= mag[limb + 1] << (64 - off);
        }
        out.push(digit_char((v & mask) as u8));
    }
}

/// Parses digits of a power-of-two radix (`b` bits each, `len` of them, most significant
/// first) into `mag` (zeroed, at least `len·b/64 + 1` limbs); `false` if a unit is not a
/// digit.
pub fn parse_pow2(units: impl Iterator<Item = u16>, len: usize, b: u32, mag: &mut [u64]) -> bool {
    let radix = 1u32 << b;
    for (j, c) in units.enumerate() {
        let Some(d) = char::from_u32(c as u32).and_then(|c| c.to_digit(radix)) else {
            return false;
        };
        let bit = (len - 1 - j) as u64 * b as u64;
        let limb = (bit / 64) as usize;
        let off = (bit % 64) as u32;
        mag[limb] |= (d as u64) << off;
        if off + b > 64 {
            mag[limb + 1] |= (d as u64) >> (64 - off);
        }
    }
    true
}

/// The magnitude spelled by digit values `d` (most significant first) in a non-power-of-two
/// radix: `value(high) · radix^len(low) + value(low)`, halves split at `k·2^i` digits so that
/// the powers (`radix^(k·2^i)`, by repeated squaring) are shared by every split.
pub fn parse_dc(cx: &Cx, d: &[u8], radix: u32) -> JsResult<Buf> {
    let (k, big) = chunk(radix);
    let mut powers = allocator_api2::vec::Vec::new_in(cx.heap().scratch().clone());
    let mut p = buf(cx.heap(), 1)?;
    p[0] = big;
    let mut width = k;
    while width < d.len() {
        let len = digits::trim(&p).len();
        let mut sq = buf(cx.heap(), 2 * len)?;
        let mut scratch = buf(cx.heap(), digits::mul_scratch_len(len))?;
        let poll = || cx.rt.is_disabled();
        digits::mul(
            &p[..len],
            &p[..len],
            &mut sq,
            &mut scratch,
            &digits::Stop::new(&poll),
        );
        cx.check()?;
        powers.try_reserve(1).map_err(|_| conch_gc::OutOfMemory)?;
        powers.push(p);
        p = sq;
        width *= 2;
    }
    parse_split(cx, d, radix, &powers)
}

fn parse_split(cx: &Cx, d: &[u8], radix: u32, powers: &[Buf]) -> JsResult<Buf> {
    cx.check()?;
    let (k, _) = chunk(radix);
    if d.len() <= DC_PARSE_DIGITS {
        // Chunks of k digits, each one pass of single-limb multiply-add.
        let bits = 32 - (radix - 1).leading_zeros() as usize;
        let mut mag = buf(cx.heap(), (d.len() * bits).div_ceil(64) + 1)?;
        let mut used = 0;
        for c in d.chunks(k) {
            let mut acc = 0u64;
            for &v in c {
                acc = acc * radix as u64 + v as u64;
            }
            let end = (used + 1).min(mag.len());
            digits::mul_small_add(&mut mag[..end], (radix as u64).pow(c.len() as u32), acc);
            used = digits::trim(&mag[..end]).len();
        }
        return Ok(mag);
    }
    // The largest k·2^i below the length: the low part's width.
    let mut i = 0;
    while (k << (i + 1)) < d.len() {
        i += 1;
    }
    let low_len = k << i;
    let (high, low) = d.split_at(d.len() - low_len);
    let h = parse_split(cx, high, radix, powers)?;
    let l = parse_split(cx, low, radix, powers)?;
    let (ht, pt) = (digits::trim(&h), digits::trim(&powers[i]));
    let mut out = buf(cx.heap(), ht.len() + pt.len() + 1)?;
    if !ht.is_empty() {
        let mut scratch = buf(cx.heap(), digits::mul_scratch_len(ht.len().max(pt.len())))?;
        let poll = || cx.rt.is_disabled();
        digits::mul(ht, pt, &mut out, &mut scratch, &digits::Stop::new(&poll));
        cx.check()?;
    }
    digits::add_assign(&mut out, &l);
    Ok(out)
}
