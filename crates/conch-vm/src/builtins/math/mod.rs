//! The `Math` object (ECMA-262 §21.3): its value properties, `@@toStringTag` and every
//! function of ECMAScript 2025 plus `f16round`.
//!
//! Transcendental functions follow V8's (fdlibm, `src/base/ieee754.cc`), since programs print
//! their results in full and compare them with node's: the `libm` crate (musl's port of
//! FreeBSD's fdlibm) where it is the same algorithm, `fdlibm.rs` where musl departs from it
//! (log, log10, log1p, cbrt, the hyperbolic functions and their inverses). `pow` is the `libm`
//! crate's (closer to node than the platform's, though not always equal). Where the spec pins
//! a result (signed zeros, infinities, NaN, `round`'s halves, `pow`'s ±1 ** ±Infinity,
//! `max`/`min` of ±0) the code here decides it explicitly.
//! `Math.random` is xorshift64* with per-realm state (`Context::next_random`).

#[cfg(test)]
mod tests;

mod fdlibm;
mod sum_precise;

use super::{arg, data, method};
use crate::convert::{to_number, to_uint32};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::realm::{Context, Intrinsic};
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// Defines a native function applying `$f` to `ToNumber(x)`.
macro_rules! unary {
    ($($name:ident => $f:expr;)*) => {$(
        fn $name(
            cx: &mut Cx,
            _: Gc<Object>,
            _: Value,
            args: &[Value],
            _: Value,
        ) -> JsResult<Value> {
            let x = to_number(cx, arg(args, 0))?;
            let f: fn(f64) -> f64 = $f;
            Ok(Value::number(f(x)))
        }
    )*};
}

unary! {
    abs => f64::abs;
    acos => libm::acos;
    acosh => fdlibm::acosh;
    asin => libm::asin;
    asinh => fdlibm::asinh;
    atan => libm::atan;
    atanh => fdlibm::atanh;
    cbrt => fdlibm::cbrt;
    ceil => f64::ceil;
    cos => fdlibm::cos;
    cosh => fdlibm::cosh;
    exp => fdlibm::exp;
    expm1 => libm::expm1;
    floor => f64::floor;
    fround => fround_f;
    f16round => f16round_f;
    log => fdlibm::log;
    log1p => fdlibm::log1p;
    log10 => fdlibm::log10;
    log2 => libm::log2;
    round => round_f;
    sign => sign_f;
    sin => fdlibm::sin;
    sinh => fdlibm::sinh;
    sqrt => f64::sqrt;
    tan => libm::tan;
    tanh => fdlibm::tanh;
    trunc => f64::trunc;
}

/// `Math.fround`: to the nearest binary32 (ties to even), back to a Number.
fn fround_f(x: f64) -> f64 {
    x as f32 as f64
}

/// `Math.f16round`: to the nearest binary16 (ties to even) in one rounding step from the
/// double (going through f32 would round twice).
fn f16round_f(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 || x.is_infinite() {
        return x;
    }
    let a = x.abs();
    // 65520 is halfway between the largest half (65504, odd significand) and 2^16.
    let r = if a >= 65520.0 {
        f64::INFINITY
    } else {
        // The quantum: 2^-24 for subnormal halves, otherwise 2^(e - 10) for a in [2^e, 2^(e+1)).
        let e = (((a.to_bits() >> 52) & 0x7ff) as i32 - 1023).max(-14);
        let q = 2f64.powi(e - 10);
        (a / q).round_ties_even() * q
    };
    r.copysign(x)
}

/// `Math.round`: the integer closest to x, halves toward +Infinity; -0 for x in [-0.5, -0].
fn round_f(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if (-0.5..0.0).contains(&x) {
        return -0.0;
    }
    let r = x.floor();
    // Exact: for |x| < 2^52 the fraction x − floor(x) is representable; above, x is integral.
    if x - r >= 0.5 {
        r + 1.0
    } else {
        r
    }
}

/// `Math.sign`.
fn sign_f(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        x
    } else {
        1.0f64.copysign(x)
    }
}

/// Number::exponentiate (§6.1.6.1.3) for the cases where it differs from C's `pow`.
pub(crate) fn exponentiate(base: f64, exponent: f64) -> f64 {
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    if base.is_nan() {
        return f64::NAN;
    }
    if exponent.is_infinite() && base.abs() == 1.0 {
        return f64::NAN;
    }
    fdlibm::pow(base, exponent)
}

/// `Math.atan2 ( y, x )`.
fn atan2(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let y = to_number(cx, arg(args, 0))?;
    let x = to_number(cx, arg(args, 1))?;
    Ok(Value::number(libm::atan2(y, x)))
}

/// `Math.pow ( base, exponent )`.
fn pow(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let b = to_number(cx, arg(args, 0))?;
    let e = to_number(cx, arg(args, 1))?;
    Ok(Value::number(exponentiate(b, e)))
}

/// `Math.clz32 ( x )`.
fn clz32(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let n = to_uint32(cx, arg(args, 0))?;
    Ok(Value::int(n.leading_zeros() as i32))
}

/// `Math.imul ( x, y )`.
fn imul(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let a = to_uint32(cx, arg(args, 0))?;
    let b = to_uint32(cx, arg(args, 1))?;
    Ok(Value::int(a.wrapping_mul(b) as i32))
}

/// `Math.hypot ( ...args )`: every argument is converted first; then Infinity wins over NaN;
/// the sum of squares is scaled by the largest magnitude and Kahan-compensated (V8's
/// algorithm, so results agree with it to the bit).
fn hypot(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let mut nan = false;
    let mut inf = false;
    let mut max = 0.0f64;
    let nums = conch_gc::GcVec::<f64>::new();
    if args.len() > 2 {
        nums.reserve(cx.heap(), args.len())?;
    }
    let (mut a0, mut a1) = (0.0, 0.0);
    for (i, &v) in args.iter().enumerate() {
        let n = to_number(cx, v)?;
        nan |= n.is_nan();
        inf |= n.is_infinite();
        max = max.max(n.abs());
        match i {
            0 => a0 = n,
            1 => a1 = n,
            _ => nums.push(cx.heap(), n)?,
        }
    }
    if inf {
        return Ok(Value::number(f64::INFINITY));
    }
    if nan {
        return Ok(Value::number(f64::NAN));
    }
    if max == 0.0 {
        return Ok(Value::int(0));
    }
    let mut sum = 0.0f64;
    let mut comp = 0.0f64;
    let firsts = [a0, a1];
    let rest = nums.iter();
    for n in firsts.iter().copied().take(args.len().min(2)).chain(rest) {
        let r = n / max;
        let summand = r * r - comp;
        let prelim = sum + summand;
        comp = (prelim - sum) - summand;
        sum = prelim;
    }
    Ok(Value::number(sum.sqrt() * max))
}

/// `Math.max`/`Math.min`: every argument is converted, then NaN wins; +0 > -0.
fn extremum(cx: &mut Cx, args: &[Value], want_max: bool) -> JsResult<Value> {
    let mut r = if want_max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    for &v in args {
        let n = to_number(cx, v)?;
        if r.is_nan() {
            continue;
        }
        if n.is_nan() {
            r = n;
        } else if want_max {
            if n > r || (n == 0.0 && r == 0.0 && r.is_sign_negative()) {
                r = n;
            }
        } else if n < r || (n == 0.0 && r == 0.0 && n.is_sign_negative()) {
            r = n;
        }
    }
    Ok(Value::number(r))
}

fn max(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    extremum(cx, args, true)
}

fn min(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    extremum(cx, args, false)
}

/// `Math.random ( )`: the state of the function's realm.
fn random(_: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::number(Context::next_random(f.realm())))
}

/// Creates the `Math` object (its properties come on first use) and binds it globally.
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let m = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(m, super::Lazy::Math as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::Math, m.to_value());
    let key = cx.rt.key("Math")?;
    data(cx, global, key, m.to_value(), attrs::HIDDEN)
}

/// `Math`'s properties, in the spec's order.
pub(super) fn fill(cx: &mut Cx, m: Gc<Object>) -> JsResult<()> {
    use core::f64::consts;
    for (name, v) in [
        ("E", consts::E),
        ("LN10", consts::LN_10),
        ("LN2", consts::LN_2),
        ("LOG10E", consts::LOG10_E),
        ("LOG2E", consts::LOG2_E),
        ("PI", consts::PI),
        ("SQRT1_2", consts::FRAC_1_SQRT_2),
        ("SQRT2", consts::SQRT_2),
    ] {
        let key = cx.rt.key(name)?;
        data(cx, m, key, Value::number(v), 0)?;
    }
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let tag = cx.string("Math")?;
    data(cx, m, tk, tag.to_value(), attrs::CONFIGURABLE)?;
    type F = crate::object::NativeFn;
    let table: [(&str, u32, F); 37] = [
        ("abs", 1, abs),
        ("acos", 1, acos),
        ("acosh", 1, acosh),
        ("asin", 1, asin),
        ("asinh", 1, asinh),
        ("atan", 1, atan),
        ("atanh", 1, atanh),
        ("atan2", 2, atan2),
        ("cbrt", 1, cbrt),
        ("ceil", 1, ceil),
        ("clz32", 1, clz32),
        ("cos", 1, cos),
        ("cosh", 1, cosh),
        ("exp", 1, exp),
        ("expm1", 1, expm1),
        ("floor", 1, floor),
        ("fround", 1, fround),
        ("f16round", 1, f16round),
        ("hypot", 2, hypot),
        ("imul", 2, imul),
        ("log", 1, log),
        ("log1p", 1, log1p),
        ("log10", 1, log10),
        ("log2", 1, log2),
        ("max", 2, max),
        ("min", 2, min),
        ("pow", 2, pow),
        ("random", 0, random),
        ("round", 1, round),
        ("sign", 1, sign),
        ("sin", 1, sin),
        ("sinh", 1, sinh),
        ("sqrt", 1, sqrt),
        ("sumPrecise", 1, sum_precise::sum_precise),
        ("tan", 1, tan),
        ("tanh", 1, tanh),
        ("trunc", 1, trunc),
    ];
    for (name, len, f) in table {
        method(cx, m, name, len, f)?;
    }
    Ok(())
}
