//! The helpers whose results the spec pins.

use super::*;

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn round_halves_and_zeros() {
    assert!(same(round_f(0.5), 1.0));
    assert!(same(round_f(-0.5), -0.0));
    assert!(same(round_f(-0.0), -0.0));
    assert!(same(round_f(2.5), 3.0));
    assert!(same(round_f(-2.5), -2.0));
    assert!(same(round_f(0.49999999999999994), 0.0));
    assert!(same(round_f(4503599627370495.5), 4503599627370496.0));
    assert!(same(round_f(-4503599627370495.5), -4503599627370495.0));
}

#[test]
fn f16_rounding() {
    assert!(same(f16round_f(65504.0), 65504.0));
    assert!(same(f16round_f(65519.99), 65504.0));
    assert!(same(f16round_f(65520.0), f64::INFINITY));
    assert!(same(f16round_f(5.960464477539063e-8), 5.960464477539063e-8));
    assert!(same(f16round_f(2.9802322387695312e-8), 0.0));
    assert!(same(f16round_f(-1.337), -1.3369140625));
    // Double rounding through f32 would give 1.0009765625 here.
    assert!(same(f16round_f(1.0004882812500002), 1.0009765625));
}

#[test]
fn exponentiate_edges() {
    assert!(exponentiate(1.0, f64::INFINITY).is_nan());
    assert!(exponentiate(-1.0, f64::NEG_INFINITY).is_nan());
    assert!(exponentiate(1.0, f64::NAN).is_nan());
    assert!(same(exponentiate(f64::NAN, 0.0), 1.0));
    assert!(same(exponentiate(-0.0, -3.0), f64::NEG_INFINITY));
    assert!(same(exponentiate(-0.0, 3.0), -0.0));
}

fn exact(xs: &[f64]) -> f64 {
    let mut s = super::sum_precise::ExactSum::new();
    for &x in xs {
        s.add(x);
    }
    s.to_f64()
}

#[test]
fn exact_sums_round_once() {
    assert!(same(exact(&[1.0, 2.0, 3.0]), 6.0));
    assert!(same(exact(&[0.1, 0.2]), 0.30000000000000004));
    assert!(same(exact(&[1e308, 1e308, -1e308]), 1e308));
    assert!(same(exact(&[f64::MAX, f64::MAX]), f64::INFINITY));
    assert!(same(exact(&[-f64::MAX, -f64::MAX]), f64::NEG_INFINITY));
    assert!(same(exact(&[1e20, 1.0, -1e20]), 1.0));
    assert!(same(exact(&[5e-324, 5e-324]), 1e-323));
    assert!(same(exact(&[5e-324, -5e-324]), 0.0));
    assert!(same(exact(&[-5e-324]), -5e-324));
    // 2^53 + 1 is a tie: to even (2^53); 2^53 + 1 + tiny is above it.
    let two53 = 9007199254740992.0;
    assert!(same(exact(&[two53, 1.0]), two53));
    assert!(same(exact(&[two53, 1.0, 5e-324]), two53 + 2.0));
    assert!(same(exact(&[two53, 3.0]), two53 + 4.0));
    // Cancellation far apart in magnitude.
    assert!(same(exact(&[1e-300, 1e300, -1e300]), 1e-300));
    // The largest double plus half an ulp below the overflow threshold rounds to it.
    assert!(same(
        exact(&[f64::MAX, 9.9792015476736e291 - 1e276]),
        f64::MAX
    ));
    assert!(same(exact(&[f64::MAX, 9.9792015476736e291]), f64::INFINITY));
}
