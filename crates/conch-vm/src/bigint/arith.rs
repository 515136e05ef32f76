//! The spec's `BigInt::*` operations (ECMA-262 §6.1.6.2) on cells: sign-magnitude arithmetic
//! over [`digits`], results built from scratch buffers.

use super::{buf, digits, result_buf, too_big, BigInt, MAX_BITS};
use crate::cx::{Cx, JsResult};
use conch_gc::Gc;
use std::cmp::Ordering;

type R = JsResult<Gc<BigInt>>;

/// Results of at most this many limbs are computed in a stack buffer.
const SMALL: usize = 8;

/// A BigInt computed by `f` into `n` zeroed limbs (`f` returns the sign): on the stack when
/// small, else in a scratch buffer.
fn build(cx: &Cx, n: usize, f: impl FnOnce(&mut [u64]) -> bool) -> R {
    if n <= SMALL {
        let mut out = [0u64; SMALL];
        let neg = f(&mut out[..n]);
        return BigInt::from_buf(cx, neg, &out[..n]);
    }
    let mut out = result_buf(cx, n)?;
    let neg = f(&mut out);
    BigInt::from_buf(cx, neg, &out)
}

/// `(an ? −a : a) + (bn ? −b : b)`.
fn add_signed(cx: &Cx, an: bool, a: &[u64], bn: bool, b: &[u64]) -> R {
    if an == bn {
        return build(cx, a.len().max(b.len()) + 1, |out| {
            digits::add(a, b, out);
            an
        });
    }
    let (big, small, neg) = match digits::cmp(a, b) {
        Ordering::Less => (b, a, bn),
        _ => (a, b, an),
    };
    build(cx, big.len(), |out| {
        digits::sub(big, small, out);
        neg
    })
}

/// `BigInt::add`.
pub fn add(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    add_signed(cx, x.is_neg(), x.digits(), y.is_neg(), y.digits())
}

/// `BigInt::subtract`.
pub fn sub(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    add_signed(cx, x.is_neg(), x.digits(), !y.is_neg(), y.digits())
}

/// `x + d` for a small `d` (`++`/`--`).
pub fn add_small(cx: &Cx, x: Gc<BigInt>, d: i64) -> R {
    add_signed(cx, x.is_neg(), x.digits(), d < 0, &[d.unsigned_abs()])
}

/// `BigInt::unaryMinus`.
pub fn neg(cx: &Cx, x: Gc<BigInt>) -> R {
    if x.is_zero() {
        return Ok(x);
    }
    Ok(BigInt::new(cx.heap(), !x.is_neg(), x.digits())?)
}

/// `BigInt::bitwiseNOT`: `−x − 1`.
pub fn not(cx: &Cx, x: Gc<BigInt>) -> R {
    add_signed(cx, !x.is_neg(), x.digits(), true, &[1])
}

/// The product of two magnitudes in a fresh buffer.
fn mul_mag(cx: &Cx, a: &[u64], b: &[u64]) -> JsResult<super::Buf> {
    let mut out = result_buf(cx, a.len() + b.len())?;
    let mut scratch = buf(cx.heap(), digits::mul_scratch_len(a.len().max(b.len())))?;
    let poll = || cx.rt.is_disabled();
    digits::mul(a, b, &mut out, &mut scratch, &digits::Stop::new(&poll));
    cx.check()?;
    Ok(out)
}

/// `BigInt::multiply`.
pub fn mul(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    if x.is_zero() || y.is_zero() {
        return Ok(BigInt::new(cx.heap(), false, &[])?);
    }
    let (a, b) = (x.digits(), y.digits());
    let neg = x.is_neg() != y.is_neg();
    if a.len() + b.len() <= SMALL {
        return build(cx, a.len() + b.len(), |out| {
            digits::mul(a, b, out, &mut [], &digits::Stop::never());
            neg
        });
    }
    let out = mul_mag(cx, a, b)?;
    BigInt::from_buf(cx, neg, &out)
}

/// Quotient and remainder magnitudes of `a / b` (`b` non-zero).
fn divrem_mag(cx: &Cx, a: &[u64], b: &[u64]) -> JsResult<(super::Buf, super::Buf)> {
    super::div::divrem(cx, a, b)
}

/// Quotient and remainder of short magnitudes (both at most `SMALL` limbs, `b` non-zero) on
/// the stack.
fn divrem_small(a: &[u64], b: &[u64]) -> ([u64; SMALL + 1], [u64; SMALL]) {
    let b = digits::trim(b);
    let mut q = [0u64; SMALL + 1];
    let mut r = [0u64; SMALL];
    let mut s = [0u64; 2 * SMALL + 2];
    let ql = (a.len() + 1).saturating_sub(b.len()).max(1);
    digits::divrem(
        a,
        b,
        &mut q[..ql],
        &mut r[..b.len()],
        &mut s,
        &digits::Stop::never(),
    );
    (q, r)
}

fn division_by_zero(cx: &Cx) -> crate::Throw {
    cx.range_error("Division by zero")
}

/// `BigInt::divide` (truncating).
pub fn div(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    if y.is_zero() {
        return Err(division_by_zero(cx));
    }
    let neg = x.is_neg() != y.is_neg();
    if x.digits().len() <= SMALL && y.digits().len() <= SMALL {
        let (q, _) = divrem_small(x.digits(), y.digits());
        return BigInt::from_buf(cx, neg, &q);
    }
    let (q, _) = divrem_mag(cx, x.digits(), y.digits())?;
    BigInt::from_buf(cx, neg, &q)
}

/// `BigInt::remainder` (the sign of the dividend).
pub fn rem(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    if y.is_zero() {
        return Err(division_by_zero(cx));
    }
    if x.digits().len() <= SMALL && y.digits().len() <= SMALL {
        let (_, r) = divrem_small(x.digits(), y.digits());
        return BigInt::from_buf(cx, x.is_neg(), &r);
    }
    let (_, r) = divrem_mag(cx, x.digits(), y.digits())?;
    BigInt::from_buf(cx, x.is_neg(), &r)
}

/// `BigInt::exponentiate`.
pub fn pow(cx: &Cx, base: Gc<BigInt>, exp: Gc<BigInt>) -> R {
    if exp.is_neg() {
        return Err(cx.range_error("Exponent must be non-negative"));
    }
    if exp.is_zero() {
        return Ok(BigInt::from_u64(cx.heap(), 1)?);
    }
    let odd = exp.digits()[0] & 1 == 1;
    let b = base.digits();
    if b.is_empty() {
        return Ok(base);
    }
    if b == [1] {
        return Ok(BigInt::new(cx.heap(), base.is_neg() && odd, &[1])?);
    }
    let bits = digits::bit_len(b);
    let e = match exp.digits() {
        [e] if *e <= MAX_BITS => *e,
        _ => return Err(too_big(cx)),
    };
    if (bits - 1).saturating_mul(e) >= MAX_BITS {
        return Err(too_big(cx));
    }
    let neg = base.is_neg() && odd;
    if b.len() == 1 && b[0].is_power_of_two() {
        // (2^k)^e = 1 << k·e.
        let shift = (bits - 1) * e;
        let mut out = result_buf(cx, (shift / 64) as usize + 2)?;
        digits::shl(&[1], shift, &mut out);
        return BigInt::from_buf(cx, neg, &out);
    }
    // Left-to-right square-and-multiply.
    let mut acc = buf(cx.heap(), 1)?;
    acc[0] = 1;
    for i in (0..64 - e.leading_zeros()).rev() {
        cx.check()?;
        let t = digits::trim(&acc).len();
        acc = mul_mag(cx, &acc[..t], &acc[..t])?;
        if (e >> i) & 1 == 1 {
            let t = digits::trim(&acc).len();
            acc = mul_mag(cx, &acc[..t], b)?;
        }
    }
    BigInt::from_buf(cx, neg, &acc)
}

/// Writes the two's complement of `x` into `out` (`out.len()` > `x`'s limbs, sign-extended).
fn twos(x: &BigInt, out: &mut [u64]) {
    let d = x.digits();
    let n = d.len().min(out.len());
    out[..n].copy_from_slice(&d[..n]);
    for v in &mut out[n..] {
        *v = 0;
    }
    if x.is_neg() {
        // −m = !(m − 1)
        let mut borrow = true;
        for v in out.iter_mut() {
            let was = *v;
            if borrow {
                *v = was.wrapping_sub(1);
                borrow = was == 0;
            }
            *v = !*v;
        }
    }
}

/// The BigInt whose two's complement (sign = the top bit of `t`) is `t`.
fn from_twos(cx: &Cx, t: &mut [u64]) -> R {
    let neg = t.last().is_some_and(|&top| top >> 63 == 1);
    if neg {
        for v in t.iter_mut() {
            *v = !*v;
        }
        digits::add_assign(t, &[1]);
    }
    BigInt::from_buf(cx, neg, t)
}

/// A bitwise operation on two's-complement representations.
fn bitwise(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>, f: fn(u64, u64) -> u64) -> R {
    let n = x.digits().len().max(y.digits().len()) + 1;
    let mut a = result_buf(cx, n)?;
    let mut b = buf(cx.heap(), n)?;
    twos(&x, &mut a);
    twos(&y, &mut b);
    for (p, q) in a.iter_mut().zip(b.iter()) {
        *p = f(*p, *q);
    }
    from_twos(cx, &mut a)
}

/// `BigInt::bitwiseAND`.
pub fn and(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    bitwise(cx, x, y, |p, q| p & q)
}

/// `BigInt::bitwiseOR`.
pub fn or(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    bitwise(cx, x, y, |p, q| p | q)
}

/// `BigInt::bitwiseXOR`.
pub fn xor(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    bitwise(cx, x, y, |p, q| p ^ q)
}

/// `x · 2^bits`.
fn shift_left(cx: &Cx, x: Gc<BigInt>, bits: u64) -> R {
    if x.is_zero() {
        return Ok(x);
    }
    if bits > MAX_BITS {
        return Err(too_big(cx));
    }
    let d = x.digits();
    let mut out = result_buf(cx, d.len() + (bits / 64) as usize + 1)?;
    digits::shl(d, bits, &mut out);
    BigInt::from_buf(cx, x.is_neg(), &out)
}

/// `floor(x / 2^bits)`.
fn shift_right(cx: &Cx, x: Gc<BigInt>, bits: u64) -> R {
    let d = x.digits();
    let keep = (d.len() as u64).saturating_sub(bits / 64) as usize;
    let mut out = buf(cx.heap(), keep + 1)?;
    let lost = digits::shr(d, bits, &mut out[..keep]);
    if x.is_neg() && lost {
        digits::add_assign(&mut out, &[1]);
    }
    BigInt::from_buf(cx, x.is_neg(), &out)
}

/// A shift count's magnitude, saturated (counts beyond `u64` shift everything out anyway).
fn count(y: &BigInt) -> u64 {
    match y.digits() {
        [] => 0,
        [c] => *c,
        _ => u64::MAX,
    }
}

/// `BigInt::leftShift`.
pub fn shl(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    if y.is_neg() {
        shift_right(cx, x, count(&y))
    } else {
        shift_left(cx, x, count(&y))
    }
}

/// `BigInt::signedRightShift`.
pub fn shr(cx: &Cx, x: Gc<BigInt>, y: Gc<BigInt>) -> R {
    if y.is_neg() {
        shift_left(cx, x, count(&y))
    } else {
        shift_right(cx, x, count(&y))
    }
}

/// `x` modulo `2^bits` in `⌈bits / 64⌉` limbs of two's complement (the caller interprets
/// the top bits).
fn low_bits(cx: &Cx, x: Gc<BigInt>, bits: u64) -> JsResult<super::Buf> {
    let n = bits.div_ceil(64);
    if n > super::MAX_LIMBS as u64 + 1 {
        return Err(too_big(cx));
    }
    let n = n as usize;
    let mut t = result_buf(cx, n.max(x.digits().len() + 1))?;
    twos(&x, &mut t);
    t.truncate(n);
    let rem = bits % 64;
    if rem != 0 {
        t[n - 1] &= (1u64 << rem) - 1;
    }
    Ok(t)
}

/// `BigInt.asUintN(bits, x)`: `x` modulo `2^bits`.
pub fn as_uint_n(cx: &Cx, bits: u64, x: Gc<BigInt>) -> R {
    if bits == 0 {
        return Ok(BigInt::new(cx.heap(), false, &[])?);
    }
    if !x.is_neg() && digits::bit_len(x.digits()) <= bits {
        return Ok(x);
    }
    let t = low_bits(cx, x, bits)?;
    BigInt::from_buf(cx, false, &t)
}

/// `BigInt.asIntN(bits, x)`: `x` modulo `2^bits`, as a signed `bits`-bit integer.
pub fn as_int_n(cx: &Cx, bits: u64, x: Gc<BigInt>) -> R {
    if bits == 0 {
        return Ok(BigInt::new(cx.heap(), false, &[])?);
    }
    if digits::bit_len(x.digits()) < bits {
        return Ok(x);
    }
    let mut t = low_bits(cx, x, bits)?;
    let n = t.len();
    let sign_bit = (bits - 1) % 64;
    let top = &mut t[n - 1];
    if (*top >> sign_bit) & 1 == 1 {
        if sign_bit < 63 {
            *top |= !((1u64 << (sign_bit + 1)) - 1);
        }
        from_twos(cx, &mut t)
    } else {
        BigInt::from_buf(cx, false, &t)
    }
}
