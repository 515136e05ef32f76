//! parseInt / parseFloat on raw characters.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use super::{parse_float_chars, parse_int_chars};
use crate::builtins::create_realm;
use crate::string::Chars;
use crate::{Cx, Runtime, RuntimeAttributes};

fn pi(s: &str, r: i32) -> f64 {
    let w: Vec<u16> = s.encode_utf16().collect();
    parse_int_chars(Chars::Two(&w), r)
}

fn pf(s: &str) -> f64 {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let cx = Cx::new(&rt, realm);
    let w: Vec<u16> = s.encode_utf16().collect();
    parse_float_chars(&cx, Chars::Two(&w)).unwrap()
}

#[test]
fn parse_int_radix_and_prefixes() {
    assert_eq!(pi("  \n\u{2028}42px", 0), 42.0);
    assert_eq!(pi("0x1F", 0), 31.0);
    assert_eq!(pi("0x1F", 16), 31.0);
    assert!(pi("0x1F", 10) == 0.0);
    assert_eq!(pi("-ff", 16), -255.0);
    assert!(pi("-0", 0).is_sign_negative());
    assert!(pi("", 0).is_nan());
    assert!(pi("12", 1).is_nan());
    assert!(pi("12", 37).is_nan());
    assert_eq!(pi("zz", 36), 1295.0);
    // Correctly rounded beyond 2^53: 2^53 + 1 rounds to even.
    assert_eq!(pi("9007199254740993", 10), 9007199254740992.0);
    assert_eq!(pi("9007199254740995", 10), 9007199254740996.0);
    assert_eq!(pi(&"1".repeat(400), 10), f64::INFINITY);
}

#[test]
fn parse_float_prefixes() {
    assert_eq!(pf("  3.25abc"), 3.25);
    assert_eq!(pf(".5"), 0.5);
    assert_eq!(pf("5."), 5.0);
    assert_eq!(pf("1e3x"), 1000.0);
    assert_eq!(pf("1e"), 1.0);
    assert_eq!(pf("1e+"), 1.0);
    assert_eq!(pf("-Infinityx"), f64::NEG_INFINITY);
    assert!(pf("-0").is_sign_negative());
    assert!(pf(".").is_nan());
    assert!(pf("e5").is_nan());
    assert_eq!(pf("0x10"), 0.0);
    assert_eq!(pf("1_000"), 1.0);
    let long = format!("0.{}1", "0".repeat(300));
    assert_eq!(pf(&long), 1e-301);
}
