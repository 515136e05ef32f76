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
