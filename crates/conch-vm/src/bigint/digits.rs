//! Arithmetic on magnitudes: little-endian slices of 64-bit digits ("limbs"), with `u128`
//! intermediates. Nothing here allocates: callers pass output and scratch slices sized by the
//! functions' contracts (see [`mul_scratch_len`]), so the same code serves GC cells, scratch
//! buffers and unit tests.
//!
//! A *normalized* magnitude has no most-significant zero limb (zero is the empty slice). Inputs
//! may carry leading zeros unless a function says otherwise; outputs are full-width and the
//! caller trims them ([`trim`]).

use std::cell::Cell;
use std::cmp::Ordering;

/// Operands at least this long poll for interruption (multiplication at each recursion,
/// division every few quotient limbs).
const POLL_LIMBS: usize = 256;

/// An interruption poll for long operations: once it reports a stop, the operation returns
/// early with an unspecified result (the caller discards it and reports the termination).
pub struct Stop<'a> {
    poll: Option<&'a dyn Fn() -> bool>,
    hit: Cell<bool>,
}

impl<'a> Stop<'a> {
    /// Polls `f` (true: stop).
    pub fn new(f: &'a dyn Fn() -> bool) -> Stop<'a> {
        Stop {
            poll: Some(f),
            hit: Cell::new(false),
        }
    }

    /// Never stops.
    pub fn never() -> Stop<'static> {
        Stop {
            poll: None,
            hit: Cell::new(false),
        }
    }

    /// Whether to stop now (latched: once true, always true).
    pub fn check(&self) -> bool {
        if !self.hit.get() && self.poll.is_some_and(|f| f()) {
            self.hit.set(true);
        }
        self.hit.get()
    }

    /// Whether a poll has reported a stop.
    pub fn stopped(&self) -> bool {
        self.hit.get()
    }
}

/// Below this many limbs (of the shorter operand) multiplication is schoolbook.
pub const KARATSUBA_THRESHOLD: usize = 32;

/// `a` without its most-significant zero limbs.
#[inline]
pub fn trim(a: &[u64]) -> &[u64] {
    let mut n = a.len();
    while n > 0 && a[n - 1] == 0 {
        n -= 1;
    }
    &a[..n]
}

/// Number of significant bits of `a`.
pub fn bit_len(a: &[u64]) -> u64 {
    let a = trim(a);
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * 64 + (64 - top.leading_zeros() as u64),
    }
}

/// Compares two magnitudes (leading zeros allowed).
pub fn cmp(a: &[u64], b: &[u64]) -> Ordering {
    let (a, b) = (trim(a), trim(b));
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for i in (0..a.len()).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    Ordering::Equal
}

/// `out = a + b`; `out.len() ≥ max(a.len(), b.len()) + 1` (the excess is zeroed).
pub fn add(a: &[u64], b: &[u64], out: &mut [u64]) {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    debug_assert!(out.len() > long.len());
    let mut carry = 0u64;
    for i in 0..long.len() {
        let (s1, c1) = long[i].overflowing_add(short.get(i).copied().unwrap_or(0));
        let (s2, c2) = s1.overflowing_add(carry);
        out[i] = s2;
        carry = (c1 as u64) + (c2 as u64);
    }
    out[long.len()] = carry;
    for d in &mut out[long.len() + 1..] {
        *d = 0;
    }
}

/// `a += b` in place; the sum must fit in `a` (leading zeros of `b` beyond `a` are allowed).
pub fn add_assign(a: &mut [u64], b: &[u64]) {
    let b = trim(b);
    debug_assert!(b.len() <= a.len());
    let mut carry = 0u64;
    let mut i = 0;
    while i < b.len() {
        let (s1, c1) = a[i].overflowing_add(b[i]);
        let (s2, c2) = s1.overflowing_add(carry);
        a[i] = s2;
        carry = (c1 as u64) + (c2 as u64);
        i += 1;
    }
    while carry != 0 && i < a.len() {
        let (s, c) = a[i].overflowing_add(carry);
        a[i] = s;
        carry = c as u64;
        i += 1;
    }
    debug_assert!(carry == 0, "add_assign overflow");
}

/// `a -= b` in place; requires `a ≥ b` (leading zeros of `b` beyond `a` are allowed).
pub fn sub_assign(a: &mut [u64], b: &[u64]) {
    let b = trim(b);
    debug_assert!(b.len() <= a.len());
    let mut borrow = 0u64;
    let mut i = 0;
    while i < b.len() {
        let (d1, b1) = a[i].overflowing_sub(b[i]);
        let (d2, b2) = d1.overflowing_sub(borrow);
        a[i] = d2;
        borrow = (b1 as u64) + (b2 as u64);
        i += 1;
    }
    while borrow != 0 && i < a.len() {
        let (d, b1) = a[i].overflowing_sub(borrow);
        a[i] = d;
        borrow = b1 as u64;
        i += 1;
    }
    debug_assert!(borrow == 0, "sub_assign underflow");
}

/// `out = a - b`; requires `a ≥ b`, `out.len() ≥ a.len()` (the excess is zeroed).
pub fn sub(a: &[u64], b: &[u64], out: &mut [u64]) {
    out[..a.len()].copy_from_slice(a);
    for d in &mut out[a.len()..] {
        *d = 0;
    }
    sub_assign(out, b);
}

/// `a = a * m + add` in place; returns the carry out of the top limb.
pub fn mul_small_add(a: &mut [u64], m: u64, add: u64) -> u64 {
    let mut carry = add as u128;
    for d in a.iter_mut() {
        let t = (*d as u128) * (m as u128) + carry;
        *d = t as u64;
        carry = t >> 64;
    }
    carry as u64
}

/// `a = a / d` in place; returns the remainder. `d ≠ 0`.
pub fn div_small(a: &mut [u64], d: u64) -> u64 {
    debug_assert!(d != 0);
    let mut rem = 0u128;
    for x in a.iter_mut().rev() {
        let cur = (rem << 64) | (*x as u128);
        *x = (cur / d as u128) as u64;
        rem = cur % d as u128;
    }
    rem as u64
}

/// Scratch limbs [`mul`] needs for operands of at most `n` limbs.
pub fn mul_scratch_len(n: usize) -> usize {
    if n < KARATSUBA_THRESHOLD {
        0
    } else {
        4 * n + 64 * 16
    }
}

/// `out = a * b`; `out.len() ≥ a.len() + b.len()`, `scratch.len() ≥
/// mul_scratch_len(max(a.len(), b.len()))`.
pub fn mul(a: &[u64], b: &[u64], out: &mut [u64], scratch: &mut [u64], stop: &Stop) {
    let (a, b) = (trim(a), trim(b));
    for d in out.iter_mut() {
        *d = 0;
    }
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if b.is_empty() {
        return;
    }
    mul_into(a, b, out, scratch, stop);
}

/// `out[..a.len() + b.len()] = a * b` with `a.len() ≥ b.len() ≥ 1`; `out` is zeroed.
fn mul_into(a: &[u64], b: &[u64], out: &mut [u64], scratch: &mut [u64], stop: &Stop) {
    if b.len() >= POLL_LIMBS && stop.check() {
        return;
    }
    if b.len() < KARATSUBA_THRESHOLD {
        schoolbook(a, b, out);
    } else if 2 * b.len() <= a.len() {
        // Unbalanced: multiply `b` by `a` in chunks of `b.len()` limbs.
        let n = b.len();
        let (tmp, rest) = scratch.split_at_mut(2 * n);
        let mut off = 0;
        while off < a.len() {
            let end = (off + n).min(a.len());
            let chunk = trim(&a[off..end]);
            if !chunk.is_empty() {
                let t = &mut tmp[..chunk.len() + n];
                for d in t.iter_mut() {
                    *d = 0;
                }
                if chunk.len() >= n {
                    mul_into(chunk, b, t, rest, stop);
                } else {
                    mul_into(b, chunk, t, rest, stop);
                }
                if stop.stopped() {
                    return;
                }
                add_assign(&mut out[off..], t);
            }
            off = end;
        }
    } else {
        karatsuba(a, b, out, scratch, stop);
    }
}

fn schoolbook(a: &[u64], b: &[u64], out: &mut [u64]) {
    for (j, &bj) in b.iter().enumerate() {
        if bj == 0 {
            continue;
        }
        let mut carry = 0u128;
        for (i, &ai) in a.iter().enumerate() {
            let t = (ai as u128) * (bj as u128) + (out[i + j] as u128) + carry;
            out[i + j] = t as u64;
            carry = t >> 64;
        }
        out[j + a.len()] = carry as u64;
    }
}

/// Karatsuba on `a.len() ≥ b.len() > a.len() / 2`: with `m = a.len() / 2`,
/// `a·b = z2·B^2m + ((a0+a1)(b0+b1) − z0 − z2)·B^m + z0`.
fn karatsuba(a: &[u64], b: &[u64], out: &mut [u64], scratch: &mut [u64], stop: &Stop) {
    let m = a.len() / 2;
    let (a0, a1) = a.split_at(m);
    let (b0, b1) = b.split_at(m);
    let (b0, a0) = (trim(b0), trim(a0));
    // z0 → out[..2m], z2 → out[2m..].
    {
        let (lo, hi) = out.split_at_mut(2 * m);
        if !a0.is_empty() && !b0.is_empty() {
            mul_ordered(a0, b0, &mut lo[..a0.len() + b0.len()], scratch, stop);
        }
        let b1t = trim(b1);
        if !b1t.is_empty() {
            mul_ordered(a1, b1t, &mut hi[..a1.len() + b1t.len()], scratch, stop);
        }
    }
    let h = a1.len() + 1;
    let (sa, rest) = scratch.split_at_mut(h);
    let (sb, rest) = rest.split_at_mut(h);
    let (z1, rest) = rest.split_at_mut(2 * h);
    add(a0, a1, sa);
    add(b0, b1, sb);
    for d in z1.iter_mut() {
        *d = 0;
    }
    let (sat, sbt) = (trim(sa), trim(sb));
    if !sat.is_empty() && !sbt.is_empty() {
        mul_ordered(sat, sbt, &mut z1[..sat.len() + sbt.len()], rest, stop);
    }
    if stop.stopped() {
        return;
    }
    sub_assign(z1, &out[..2 * m]);
    sub_assign(z1, &out[2 * m..]);
    add_assign(&mut out[m..], z1);
}

/// `mul_into` with the operands in either order (`out` zeroed, both non-empty).
fn mul_ordered(x: &[u64], y: &[u64], out: &mut [u64], scratch: &mut [u64], stop: &Stop) {
    if x.len() >= y.len() {
        mul_into(x, y, out, scratch, stop)
    } else {
        mul_into(y, x, out, scratch, stop)
    }
}

/// Scratch limbs [`divrem`] needs for a dividend of `a_len` and a divisor of `b_len` limbs.
pub fn divrem_scratch_len(a_len: usize, b_len: usize) -> usize {
    a_len + 1 + b_len
}

/// Knuth's algorithm D: `q = a / b`, `r = a % b` for normalized `b` of at least one limb.
/// `q.len() ≥ a.len() − b.len() + 1` (when `a.len() ≥ b.len()`), `r.len() ≥ b.len()`; both are
/// fully written. `scratch.len() ≥ divrem_scratch_len(a.len(), b.len())`.
pub fn divrem(
    a: &[u64],
    b: &[u64],
    q: &mut [u64],
    r: &mut [u64],
    scratch: &mut [u64],
    stop: &Stop,
) {
    let a = trim(a);
    let b = trim(b);
    assert!(!b.is_empty(), "division by zero");
    for d in q.iter_mut() {
        *d = 0;
    }
    for d in r.iter_mut() {
        *d = 0;
    }
    if cmp(a, b) == Ordering::Less {
        r[..a.len()].copy_from_slice(a);
        return;
    }
    if b.len() == 1 {
        q[..a.len()].copy_from_slice(a);
        r[0] = div_small(&mut q[..a.len()], b[0]);
        return;
    }
    let n = b.len();
    let m = a.len() - n;
    let s = b[n - 1].leading_zeros();
    let (un, rest) = scratch.split_at_mut(a.len() + 1);
    let vn = &mut rest[..n];
    shl_bits(b, s, vn);
    un[a.len()] = shl_bits(a, s, &mut un[..a.len()]);
    let vtop = vn[n - 1] as u128;
    let vnext = vn[n - 2] as u128;
    // Poll every 64 quotient limbs, or every one when each costs a long pass.
    let poll_mask = if n >= 4096 { 0 } else { 63 };
    let polling = m + n >= POLL_LIMBS;
    for j in (0..=m).rev() {
        if polling && j & poll_mask == 0 && stop.check() {
            return;
        }
        let num = ((un[j + n] as u128) << 64) | un[j + n - 1] as u128;
        let mut qhat = num / vtop;
        let mut rhat = num % vtop;
        while qhat >> 64 != 0 || qhat * vnext > ((rhat << 64) | un[j + n - 2] as u128) {
            qhat -= 1;
            rhat += vtop;
            if rhat >> 64 != 0 {
                break;
            }
        }
        // un[j..j+n+1] -= qhat * vn
        let mut borrow: u64 = 0;
        let mut carry: u128 = 0;
        for i in 0..n {
            let p = qhat * vn[i] as u128 + carry;
            carry = p >> 64;
            let (d1, b1) = un[i + j].overflowing_sub(p as u64);
            let (d2, b2) = d1.overflowing_sub(borrow);
            un[i + j] = d2;
            borrow = (b1 as u64) + (b2 as u64);
        }
        let (d1, b1) = un[j + n].overflowing_sub(carry as u64);
        let (d2, b2) = d1.overflowing_sub(borrow);
        un[j + n] = d2;
        if b1 || b2 {
            // qhat was one too large: add the divisor back.
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let (s1, c1) = un[i + j].overflowing_add(vn[i]);
                let (s2, c2) = s1.overflowing_add(c);
                un[i + j] = s2;
                c = (c1 as u64) + (c2 as u64);
            }
            un[j + n] = un[j + n].wrapping_add(c);
        }
        q[j] = qhat as u64;
    }
    shr_bits(&un[..n], s, &mut r[..n]);
}

/// `out = a << s` for `s < 64`, `out.len() == a.len()`; returns the bits shifted out of the top.
pub fn shl_bits(a: &[u64], s: u32, out: &mut [u64]) -> u64 {
    if s == 0 {
        out[..a.len()].copy_from_slice(a);
        return 0;
    }
    let mut carry = 0u64;
    for i in 0..a.len() {
        out[i] = (a[i] << s) | carry;
        carry = a[i] >> (64 - s);
    }
    carry
}

/// `out = a >> s` for `s < 64`, `out.len() == a.len()`.
pub fn shr_bits(a: &[u64], s: u32, out: &mut [u64]) {
    if s == 0 {
        out[..a.len()].copy_from_slice(a);
        return;
    }
    let n = a.len();
    for i in 0..n {
        let hi = if i + 1 < n { a[i + 1] << (64 - s) } else { 0 };
        out[i] = (a[i] >> s) | hi;
    }
}

/// `out = a << bits`; `out.len() ≥ a.len() + bits / 64 + 1`.
pub fn shl(a: &[u64], bits: u64, out: &mut [u64]) {
    let limbs = (bits / 64) as usize;
    let s = (bits % 64) as u32;
    for d in out.iter_mut() {
        *d = 0;
    }
    let top = shl_bits(a, s, &mut out[limbs..limbs + a.len()]);
    out[limbs + a.len()] = top;
}

/// `out = a >> bits` (`out.len() ≥ a.len() − bits / 64`, at least 0); returns whether any
/// one bit was shifted out.
pub fn shr(a: &[u64], bits: u64, out: &mut [u64]) -> bool {
    for d in out.iter_mut() {
        *d = 0;
    }
    let limbs = bits / 64;
    if limbs >= a.len() as u64 {
        return a.iter().any(|&d| d != 0);
    }
    let limbs = limbs as usize;
    let s = (bits % 64) as u32;
    let lost_limbs = a[..limbs].iter().any(|&d| d != 0);
    let lost_bits = s != 0 && a[limbs] & ((1u64 << s) - 1) != 0;
    let n = a.len() - limbs;
    shr_bits(&a[limbs..], s, &mut out[..n]);
    lost_limbs || lost_bits
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_types, clippy::disallowed_macros)] // test-sized data
    use super::*;

    /// A deterministic pseudo-random limb sequence.
    fn limbs(seed: u64, n: usize) -> std::vec::Vec<u64> {
        let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut v = std::vec::Vec::new();
        for _ in 0..n {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            v.push(s);
        }
        v
    }

    fn product(a: &[u64], b: &[u64], karatsuba: bool) -> std::vec::Vec<u64> {
        let mut out = std::vec![0u64; a.len() + b.len()];
        if karatsuba {
            let mut scratch = std::vec![0u64; mul_scratch_len(a.len().max(b.len()))];
            mul(a, b, &mut out, &mut scratch, &Stop::never());
        } else {
            schoolbook(
                if a.len() >= b.len() { a } else { b },
                if a.len() >= b.len() { b } else { a },
                &mut out,
            );
        }
        out
    }

    #[test]
    fn small_products() {
        let mut out = [0u64; 2];
        mul(&[u64::MAX], &[u64::MAX], &mut out, &mut [], &Stop::never());
        assert_eq!(out, [1, u64::MAX - 1]);
    }

    #[test]
    fn karatsuba_matches_schoolbook() {
        for &(n, m) in &[
            (32, 32),
            (40, 33),
            (100, 64),
            (257, 130),
            (300, 31),
            (500, 200),
        ] {
            let a = limbs(n as u64, n);
            let b = limbs(m as u64 + 7, m);
            assert_eq!(product(&a, &b, true), product(&a, &b, false), "{n}x{m}");
        }
    }

    #[test]
    fn karatsuba_with_zero_halves() {
        let mut a = limbs(3, 80);
        for d in &mut a[..40] {
            *d = 0;
        }
        let mut b = limbs(4, 70);
        for d in &mut b[35..60] {
            *d = 0;
        }
        assert_eq!(product(&a, &b, true), product(&a, &b, false));
        let ones = [u64::MAX; 64];
        assert_eq!(product(&ones, &ones, true), product(&ones, &ones, false));
    }

    fn check_div(a: &[u64], b: &[u64]) {
        let bt = trim(b);
        let mut q = std::vec![0u64; a.len() + 1];
        let mut r = std::vec![0u64; bt.len()];
        let mut s = std::vec![0u64; divrem_scratch_len(a.len(), bt.len())];
        divrem(a, bt, &mut q, &mut r, &mut s, &Stop::never());
        assert_eq!(cmp(&r, bt), Ordering::Less);
        // q * b + r == a
        let mut p = product(&q, bt, true);
        p.push(0);
        add_assign(&mut p, &r);
        assert_eq!(cmp(&p, a), Ordering::Equal);
    }

    #[test]
    fn division_reconstructs() {
        for &(n, m) in &[
            (1, 1),
            (2, 1),
            (5, 2),
            (10, 3),
            (40, 39),
            (64, 8),
            (200, 100),
        ] {
            check_div(&limbs(n as u64 * 31, n), &limbs(m as u64 * 17 + 1, m));
        }
        // The add-back case: divisors with a top limb just above a power of two.
        check_div(
            &[0, 0, 0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff],
            &[1, 0x8000_0000_0000_0000],
        );
        check_div(&[u64::MAX, u64::MAX, u64::MAX], &[u64::MAX, u64::MAX]);
        check_div(&[0, 0, 1], &[1, 1]);
    }

    #[test]
    fn shifts_round_trip() {
        let a = limbs(9, 5);
        for bits in [0u64, 1, 63, 64, 65, 130] {
            let mut out = std::vec![0u64; a.len() + bits as usize / 64 + 1];
            shl(&a, bits, &mut out);
            let mut back = std::vec![0u64; out.len()];
            assert!(!shr(&out, bits, &mut back));
            assert_eq!(trim(&back), trim(&a));
        }
        let mut o = [0u64; 1];
        assert!(shr(&[0b101], 1, &mut o));
        assert_eq!(o, [0b10]);
        assert_eq!(bit_len(&[0, 1]), 65);
    }

    #[test]
    fn small_ops() {
        let mut a = [u64::MAX, 5];
        assert_eq!(mul_small_add(&mut a, 10, 3), 0);
        assert_eq!(div_small(&mut a, 10), 3);
        assert_eq!(a, [u64::MAX, 5]);
    }
}
