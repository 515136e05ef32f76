//! Exact decimal expansion and half-up rounding.
#![allow(clippy::disallowed_types)] // test-sized data

use crate::numconv::{exact_decimal, round_half_up, MAX_EXACT_DIGITS};

fn digits(x: f64, keep: Option<i32>) -> (std::string::String, i32) {
    let mut d = [0u8; MAX_EXACT_DIGITS];
    let (mut k, mut n) = exact_decimal(x, &mut d);
    if let Some(keep) = keep {
        (k, n) = round_half_up(&mut d, k, n, keep);
    }
    (core::str::from_utf8(&d[..k]).unwrap().into(), n)
}

#[test]
fn exact_expansions() {
    assert_eq!(digits(0.5, None), ("5".into(), 0));
    assert_eq!(digits(1.25, None), ("125".into(), 1));
    assert_eq!(
        digits(0.1, None).0,
        "1000000000000000055511151231257827021181583404541015625"
    );
    assert_eq!(digits(5e-324, None).0.len(), 751);
    assert_eq!(
        digits(2f64.powi(70), None),
        ("1180591620717411303424".into(), 22)
    );
}

#[test]
fn halves_round_up() {
    assert_eq!(digits(0.5, Some(0)), ("1".into(), 1));
    assert_eq!(digits(2.5, Some(1)), ("3".into(), 1));
    assert_eq!(digits(1.25, Some(2)), ("13".into(), 1));
    assert_eq!(digits(9.995, Some(3)), ("999".into(), 1)); // 9.99499999…
    assert_eq!(digits(99.5, Some(2)), ("1".into(), 3));
    assert_eq!(digits(0.04, Some(-1)), ("".into(), -1));
}
