//! Division of magnitudes: Knuth's algorithm D ([`digits::divrem`]) for short divisors or
//! quotients, Burnikel and Ziegler's recursive division ("Fast Recursive Division", 1998) for
//! long ones. The recursion turns a 2n-by-n division into two 3n/2-by-n divisions, each one
//! n-by-n/2 division and one n/2-by-n/2 multiplication, so division costs about two
//! multiplications (Karatsuba) times `log n` instead of `n²`.
//!
//! Intermediate values are scratch buffers ([`Buf`]) allocated at each step: fallible and
//! accounted like every other temporary.

use super::{buf, digits, Buf};
use crate::cx::{Cx, JsResult};
use std::cmp::Ordering;

/// Divisors (and quotients) shorter than this use Knuth's algorithm.
pub const BZ_THRESHOLD: usize = 48;

/// `(a / b, a % b)` for a non-zero divisor (leading zeros allowed in both); the quotient has
/// `a.len() − b.len() + 1` limbs (at least one), the remainder `b.len()`.
pub fn divrem(cx: &Cx, a: &[u64], b: &[u64]) -> JsResult<(Buf, Buf)> {
    let a = digits::trim(a);
    let b = digits::trim(b);
    let qlen = (a.len() + 1).saturating_sub(b.len()).max(1);
    if b.len() < BZ_THRESHOLD || a.len() < b.len() + BZ_THRESHOLD {
        return knuth(cx, a, b, qlen);
    }
    let (q, r) = burnikel_ziegler(cx, a, b)?;
    Ok((fit(cx, &q, qlen)?, fit(cx, &r, b.len())?))
}

fn knuth(cx: &Cx, a: &[u64], b: &[u64], qlen: usize) -> JsResult<(Buf, Buf)> {
    let mut q = buf(cx.heap(), qlen)?;
    let mut r = buf(cx.heap(), b.len().max(1))?;
    let mut s = buf(cx.heap(), digits::divrem_scratch_len(a.len(), b.len()))?;
    let poll = || cx.rt.is_disabled();
    digits::divrem(a, b, &mut q, &mut r, &mut s, &digits::Stop::new(&poll));
    cx.check()?;
    Ok((q, r))
}

/// `x` in a buffer of exactly `n` limbs (`x` fits).
fn fit(cx: &Cx, x: &[u64], n: usize) -> JsResult<Buf> {
    let x = digits::trim(x);
    debug_assert!(x.len() <= n);
    let mut out = buf(cx.heap(), n)?;
    out[..x.len()].copy_from_slice(x);
    Ok(out)
}

/// `x` as a fresh buffer.
fn copy(cx: &Cx, x: &[u64]) -> JsResult<Buf> {
    fit(cx, x, digits::trim(x).len())
}

/// `hi · β^shift + lo` (`lo` shorter than `shift` limbs after trimming).
fn join(cx: &Cx, hi: &[u64], lo: &[u64], shift: usize) -> JsResult<Buf> {
    let hi = digits::trim(hi);
    let lo = digits::trim(lo);
    debug_assert!(lo.len() <= shift);
    let mut out = buf(cx.heap(), shift + hi.len())?;
    out[..lo.len()].copy_from_slice(lo);
    out[shift..].copy_from_slice(hi);
    Ok(out)
}

fn add(cx: &Cx, x: &[u64], y: &[u64]) -> JsResult<Buf> {
    let (x, y) = (digits::trim(x), digits::trim(y));
    let mut out = buf(cx.heap(), x.len().max(y.len()) + 1)?;
    digits::add(x, y, &mut out);
    Ok(out)
}

/// `x − y` for `x ≥ y`.
fn sub(cx: &Cx, x: &[u64], y: &[u64]) -> JsResult<Buf> {
    let x = digits::trim(x);
    let mut out = buf(cx.heap(), x.len())?;
    digits::sub(x, y, &mut out);
    Ok(out)
}

fn mul(cx: &Cx, x: &[u64], y: &[u64]) -> JsResult<Buf> {
    let (x, y) = (digits::trim(x), digits::trim(y));
    let mut out = buf(cx.heap(), x.len() + y.len())?;
    let mut scratch = buf(cx.heap(), digits::mul_scratch_len(x.len().max(y.len())))?;
    let poll = || cx.rt.is_disabled();
    digits::mul(x, y, &mut out, &mut scratch, &digits::Stop::new(&poll));
    cx.check()?;
    Ok(out)
}

/// Limbs `from..from + n` of `x` (zeros beyond its end).
fn part(x: &[u64], from: usize, n: usize) -> &[u64] {
    let end = (from + n).min(x.len());
    if from >= end {
        &[]
    } else {
        &x[from..end]
    }
}

/// The division proper: `b` is scaled so that its length is `j · 2^k` limbs with `j` below
/// the threshold and its top bit set, `a` by the same factor; then `a` is divided block by
/// block (blocks of `b`'s length, most significant first) with [`div_2n_1n`].
fn burnikel_ziegler(cx: &Cx, a: &[u64], b: &[u64]) -> JsResult<(Buf, Buf)> {
    let n = b.len();
    let mut m = 1usize;
    while n.div_ceil(m) >= BZ_THRESHOLD {
        m *= 2;
    }
    let n2 = n.div_ceil(m) * m;
    let limb_shift = n2 - n;
    let bit_shift = b[n - 1].leading_zeros();
    let total = (limb_shift * 64) as u64 + bit_shift as u64;
    let mut bs = buf(cx.heap(), n2 + 1)?;
    digits::shl(b, total, &mut bs);
    bs.truncate(n2);
    let abits = digits::bit_len(a) + total;
    // Blocks so that the top block's top bit is clear (then it is below the divisor).
    let t = ((abits + 1).div_ceil(64 * n2 as u64) as usize).max(2);
    let mut ash = buf(cx.heap(), (t * n2).max(a.len() + (total / 64) as usize + 1))?;
    digits::shl(a, total, &mut ash[..a.len() + (total / 64) as usize + 1]);
    let mut q = buf(cx.heap(), (t - 1) * n2)?;
    // z = the top two blocks.
    let mut z = copy(cx, &ash[(t - 2) * n2..])?;
    for i in (0..t - 1).rev() {
        let (qi, r) = div_2n_1n(cx, &z, &bs, n2)?;
        let qi = digits::trim(&qi);
        q[i * n2..i * n2 + qi.len()].copy_from_slice(qi);
        if i > 0 {
            z = join(cx, &r, &ash[(i - 1) * n2..i * n2], n2)?;
        } else {
            z = r;
        }
    }
    // Unscale the remainder.
    let zt = digits::trim(&z);
    let mut r = buf(cx.heap(), zt.len().max(1))?;
    digits::shr(zt, total, &mut r);
    Ok((q, r))
}

/// `a / b` for `b` of `n` limbs with its top bit set and `a < b · β^n`: `(q, r)`.
fn div_2n_1n(cx: &Cx, a: &[u64], b: &[u64], n: usize) -> JsResult<(Buf, Buf)> {
    if n % 2 == 1 || n < BZ_THRESHOLD {
        let a = digits::trim(a);
        let qlen = (a.len() + 1).saturating_sub(n).max(1);
        return knuth(cx, a, b, qlen);
    }
    cx.check()?;
    let h = n / 2;
    // a = [a1 a2 a3 a4], h limbs each.
    let top = join(cx, part(a, 3 * h, h), part(a, 2 * h, h), h)?;
    let a123 = join(cx, &top, part(a, h, h), h)?;
    let (q1, r) = div_3n_2n(cx, &a123, b, h)?;
    let ra4 = join(cx, &r, part(a, 0, h), h)?;
    let (q2, s) = div_3n_2n(cx, &ra4, b, h)?;
    let q = join(cx, &q1, &q2, h)?;
    Ok((q, s))
}

/// `a / b` for `b = [b1 b2]` of `2h` limbs (top bit set) and `a = [a1 a2 a3]` of `3h` limbs
/// with `a < b · β^h`: `(q, r)`, `q < β^h`.
fn div_3n_2n(cx: &Cx, a: &[u64], b: &[u64], h: usize) -> JsResult<(Buf, Buf)> {
    let b1 = part(b, h, h);
    let b2 = part(b, 0, h);
    let a1 = part(a, 2 * h, h);
    let a12 = copy(cx, part(a, h, 2 * h))?;
    let (mut q, r1) = if digits::cmp(a1, b1) == Ordering::Less {
        div_2n_1n(cx, &a12, b1, h)?
    } else {
        // q = β^h − 1; r1 = a12 − q·b1 = a12 − b1·β^h + b1.
        let mut q = buf(cx.heap(), h)?;
        for d in q.iter_mut() {
            *d = u64::MAX;
        }
        let shifted = join(cx, b1, &[], h)?;
        let s = add(cx, &a12, b1)?;
        let r1 = sub(cx, &s, &shifted)?;
        (q, r1)
    };
    let d = mul(cx, &q, b2)?;
    let mut t = join(cx, &r1, part(a, 0, h), h)?;
    while digits::cmp(&t, &d) == Ordering::Less {
        t = add(cx, &t, b)?;
        let qt = digits::trim(&q).len();
        digits::sub_assign(&mut q[..qt], &[1]);
    }
    let r = sub(cx, &t, &d)?;
    Ok((q, r))
}
