#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use super::arith;
use super::convert::{compare_number, from_decimal, from_number, string_to_bigint, to_f64};
use super::*;
use crate::builtins::create_realm;
use crate::string::JsString;
use crate::{Runtime, RuntimeAttributes};

fn with_cx(f: impl FnOnce(&mut Cx)) {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    f(&mut cx)
}

fn text(cx: &Cx, s: Gc<JsString>) -> std::string::String {
    let flat = JsString::flatten(cx.heap(), s).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

fn big(cx: &Cx, s: &str) -> Gc<BigInt> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let b = from_decimal(cx, digits).unwrap();
    if neg {
        arith::neg(cx, b).unwrap()
    } else {
        b
    }
}

fn dec(cx: &Cx, b: Gc<BigInt>) -> std::string::String {
    text(cx, convert::to_string(cx, b, 10).unwrap())
}

#[test]
fn decimal_round_trip() {
    with_cx(|cx| {
        for s in [
            "0",
            "1",
            "-1",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551616",
            "123456789012345678901234567890123456789012345678901234567890",
            "-340282366920938463463374607431768211456",
        ] {
            assert_eq!(dec(cx, big(cx, s)), s);
        }
    });
}

#[test]
fn radix_round_trips() {
    with_cx(|cx| {
        let x = big(cx, "-98765432109876543210987654321098765432109876543210");
        for radix in 2..=36 {
            let s = convert::to_string(cx, x, radix).unwrap();
            let t = text(cx, s);
            let digits = t.strip_prefix('-').unwrap();
            let units = digits.bytes().map(u16::from);
            let back = convert::parse_digits(cx, units, digits.len(), radix, true)
                .unwrap()
                .unwrap();
            assert!(BigInt::equals(&back, &x), "radix {radix}: {t}");
        }
        let ff = big(cx, "255");
        assert_eq!(text(cx, convert::to_string(cx, ff, 16).unwrap()), "ff");
        assert_eq!(text(cx, convert::to_string(cx, ff, 2).unwrap()), "11111111");
        assert_eq!(text(cx, convert::to_string(cx, ff, 36).unwrap()), "73");
    });
}

#[test]
fn large_radix_round_trips() {
    with_cx(|cx| {
        // 3^5000 has 124 limbs: the divide-and-conquer path (and padding of inner zeros).
        let three = big(cx, "3");
        let e = big(cx, "5000");
        let p = arith::pow(cx, three, e).unwrap();
        let x = arith::neg(cx, p).unwrap();
        for radix in [2, 3, 7, 10, 16, 32, 36] {
            let t = text(cx, convert::to_string(cx, x, radix).unwrap());
            let digits = t.strip_prefix('-').unwrap();
            let units = digits.bytes().map(u16::from);
            let back = convert::parse_digits(cx, units, digits.len(), radix, true)
                .unwrap()
                .unwrap();
            assert!(BigInt::equals(&back, &x), "radix {radix}");
        }
        assert_eq!(dec(cx, p).len(), 2386);
        // Long runs of zero digits inside: 10^3000 + 7.
        let ten = big(cx, "10");
        let e = big(cx, "3000");
        let t = arith::pow(cx, ten, e).unwrap();
        let seven = big(cx, "7");
        let y = arith::add(cx, t, seven).unwrap();
        let s = dec(cx, y);
        assert_eq!(s.len(), 3001);
        assert!(s.starts_with("10000") && s.ends_with("0007"));
        assert_eq!(s.bytes().filter(|&b| b == b'0').count(), 2999);
    });
}

#[test]
fn arithmetic_known_results() {
    with_cx(|cx| {
        let a = big(cx, "123456789012345678901234567890");
        let b = big(cx, "-987654321098765432109876543210");
        let r = |x| dec(cx, x);
        assert_eq!(
            r(arith::add(cx, a, b).unwrap()),
            "-864197532086419753208641975320"
        );
        assert_eq!(
            r(arith::sub(cx, a, b).unwrap()),
            "1111111110111111111011111111100"
        );
        assert_eq!(
            r(arith::mul(cx, a, b).unwrap()),
            "-121932631137021795226185032733622923332237463801111263526900"
        );
        assert_eq!(r(arith::div(cx, b, a).unwrap()), "-8");
        assert_eq!(r(arith::rem(cx, b, a).unwrap()), "-9000000000900000000090");
        let two = big(cx, "2");
        let e = big(cx, "100");
        assert_eq!(
            r(arith::pow(cx, two, e).unwrap()),
            "1267650600228229401496703205376"
        );
        let three = big(cx, "-3");
        let e = big(cx, "41");
        assert_eq!(
            r(arith::pow(cx, three, e).unwrap()),
            "-36472996377170786403"
        );
    });
}

#[test]
fn large_multiplication_and_division_agree() {
    with_cx(|cx| {
        // (10^600 + 7)^2 / (10^600 + 7) == 10^600 + 7, with Karatsuba-sized operands.
        let ten = big(cx, "10");
        let e = big(cx, "600");
        let p = arith::pow(cx, ten, e).unwrap();
        let seven = big(cx, "7");
        let x = arith::add(cx, p, seven).unwrap();
        let sq = arith::mul(cx, x, x).unwrap();
        let q = arith::div(cx, sq, x).unwrap();
        assert!(BigInt::equals(&q, &x));
        assert!(arith::rem(cx, sq, x).unwrap().is_zero());
        let s = dec(cx, sq);
        assert_eq!(s.len(), 1201);
        assert!(s.starts_with("1000") && s.ends_with("00049"));
        assert_eq!(&s[599..601], "14");
    });
}

#[test]
fn bitwise_and_shifts() {
    with_cx(|cx| {
        let r = |x| dec(cx, x);
        let a = big(cx, "-12345678901234567890");
        let b = big(cx, "98765432109876543210");
        assert_eq!(r(arith::and(cx, a, b).unwrap()), "98043720335850763306");
        assert_eq!(r(arith::or(cx, a, b).unwrap()), "-11623967127208787986");
        assert_eq!(r(arith::xor(cx, a, b).unwrap()), "-109667687463059551292");
        assert_eq!(r(arith::not(cx, a).unwrap()), "12345678901234567889");
        let s = big(cx, "70");
        assert_eq!(
            r(arith::shl(cx, a, s).unwrap()),
            "-14575205062865268097443949312730317455360"
        );
        assert_eq!(r(arith::shr(cx, a, s).unwrap()), "-1");
        let s = big(cx, "3");
        assert_eq!(r(arith::shr(cx, a, s).unwrap()), "-1543209862654320987");
        let m = big(cx, "-3");
        assert_eq!(r(arith::shl(cx, a, m).unwrap()), "-1543209862654320987");
    });
}

#[test]
fn as_int_n_and_as_uint_n() {
    with_cx(|cx| {
        let r = |x| dec(cx, x);
        let m1 = big(cx, "-1");
        assert_eq!(
            r(arith::as_uint_n(cx, 64, m1).unwrap()),
            "18446744073709551615"
        );
        assert_eq!(r(arith::as_int_n(cx, 64, m1).unwrap()), "-1");
        let x = big(cx, "18446744073709551615");
        assert_eq!(r(arith::as_int_n(cx, 64, x).unwrap()), "-1");
        assert_eq!(
            r(arith::as_int_n(cx, 65, x).unwrap()),
            "18446744073709551615"
        );
        let y = big(cx, "255");
        assert_eq!(r(arith::as_int_n(cx, 8, y).unwrap()), "-1");
        assert_eq!(r(arith::as_uint_n(cx, 3, y).unwrap()), "7");
        let z = big(cx, "-129");
        assert_eq!(r(arith::as_int_n(cx, 8, z).unwrap()), "127");
        assert_eq!(r(arith::as_uint_n(cx, 8, z).unwrap()), "127");
        assert_eq!(r(arith::as_int_n(cx, 0, z).unwrap()), "0");
        let two63 = big(cx, "9223372036854775808");
        assert_eq!(
            r(arith::as_int_n(cx, 64, two63).unwrap()),
            "-9223372036854775808"
        );
        assert!(arith::as_uint_n(cx, 1 << 40, m1).is_err());
    });
}

#[test]
fn numbers_both_ways() {
    with_cx(|cx| {
        let r = |x| dec(cx, x);
        assert_eq!(r(from_number(cx, 1e21).unwrap()), "1000000000000000000000");
        assert_eq!(
            r(from_number(cx, -2f64.powi(70)).unwrap()),
            "-1180591620717411303424"
        );
        assert_eq!(r(from_number(cx, -0.0).unwrap()), "0");
        assert!(from_number(cx, 0.5).is_err());
        assert!(from_number(cx, f64::NAN).is_err());
        let m = from_number(cx, f64::MAX).unwrap();
        assert_eq!(to_f64(&m), f64::MAX);
        // 2^53 + 1 rounds to even (2^53); 2^53 + 3 rounds up to 2^53 + 4.
        assert_eq!(to_f64(&big(cx, "9007199254740993")), 9007199254740992.0);
        assert_eq!(to_f64(&big(cx, "9007199254740995")), 9007199254740996.0);
        // A tie broken by a low bit far below the top 64.
        let t = big(cx, "1180591620717411303425"); // 2^70 + 1
        assert_eq!(to_f64(&t), 2f64.powi(70));
        let t = big(cx, "1180591620717411434497"); // 2^70 + 2^17 + 1: above the tie
        assert_eq!(to_f64(&t), 2f64.powi(70) + 2f64.powi(18));
        let huge = arith::shl(cx, big(cx, "1"), big(cx, "1024")).unwrap();
        assert_eq!(to_f64(&huge), f64::INFINITY);
        use std::cmp::Ordering::*;
        let one = big(cx, "1");
        assert_eq!(compare_number(&one, 1.5), Some(Less));
        assert_eq!(compare_number(&one, 0.5), Some(Greater));
        assert_eq!(compare_number(&one, 1.0), Some(Equal));
        assert_eq!(compare_number(&big(cx, "-1"), -1.5), Some(Greater));
        assert_eq!(compare_number(&one, f64::NAN), None);
        assert_eq!(compare_number(&huge, f64::MAX), Some(Greater));
        assert_eq!(compare_number(&huge, f64::INFINITY), Some(Less));
    });
}

#[test]
fn string_to_bigint_syntax() {
    with_cx(|cx| {
        let parse = |cx: &Cx, s: &str| {
            let js = JsString::from_str(cx.heap(), s).unwrap();
            string_to_bigint(cx, js).unwrap().map(|b| dec(cx, b))
        };
        assert_eq!(parse(cx, "  123 ").as_deref(), Some("123"));
        assert_eq!(parse(cx, "-0x10"), None);
        assert_eq!(parse(cx, "0x10").as_deref(), Some("16"));
        assert_eq!(parse(cx, "0b101").as_deref(), Some("5"));
        assert_eq!(parse(cx, "0o17").as_deref(), Some("15"));
        assert_eq!(parse(cx, "").as_deref(), Some("0"));
        assert_eq!(parse(cx, "-").as_deref(), None);
        assert_eq!(parse(cx, "1n"), None);
        assert_eq!(parse(cx, "1.0"), None);
        assert_eq!(parse(cx, "1e3"), None);
        assert_eq!(parse(cx, "0x"), None);
        assert_eq!(parse(cx, "-12").as_deref(), Some("-12"));
        assert_eq!(parse(cx, "00012").as_deref(), Some("12"));
    });
}

#[test]
fn size_limit_is_a_range_error() {
    with_cx(|cx| {
        let one = big(cx, "1");
        let s = big(cx, "1073741824"); // 2^30
        assert!(arith::shl(cx, one, s).is_err());
        let two = big(cx, "2");
        assert!(arith::pow(cx, two, s).is_err());
        let ten = big(cx, "10");
        let e = big(cx, "1000000000");
        assert!(arith::pow(cx, ten, e).is_err());
    });
}

#[test]
fn long_operations_stop_when_execution_is_disabled() {
    with_cx(|cx| {
        // A 4M-bit by 2M-bit Knuth division takes minutes; a watchdog disables execution.
        let one = big(cx, "1");
        let a = arith::shl(cx, one, big(cx, "4000000")).unwrap();
        let a = arith::sub(cx, a, one).unwrap();
        let b = arith::shl(cx, one, big(cx, "2000000")).unwrap();
        let b = arith::sub(cx, b, big(cx, "12345")).unwrap();
        let flag = cx.rt.disabled_flag().clone();
        let watchdog = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            flag.store(true, std::sync::atomic::Ordering::Release);
        });
        let start = std::time::Instant::now();
        let r = arith::div(cx, a, b);
        watchdog.join().unwrap();
        assert!(matches!(r, Err(crate::Throw::Terminated)));
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        // Squaring a 40M-bit value (Karatsuba) stops as well.
        cx.rt
            .disabled_flag()
            .store(false, std::sync::atomic::Ordering::Release);
        let c = arith::shl(cx, one, big(cx, "40000000")).unwrap();
        let c = arith::sub(cx, c, one).unwrap();
        let flag = cx.rt.disabled_flag().clone();
        let watchdog = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            flag.store(true, std::sync::atomic::Ordering::Release);
        });
        let start = std::time::Instant::now();
        let r = arith::mul(cx, c, c);
        watchdog.join().unwrap();
        assert!(matches!(r, Err(crate::Throw::Terminated)));
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    });
}

/// A deterministic pseudo-random magnitude of `n` limbs.
fn limbs(seed: u64, n: usize) -> std::vec::Vec<u64> {
    let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        })
        .collect()
}

/// Burnikel–Ziegler against Knuth over many shapes, including quotients of all-ones limbs
/// (the `q = β^h − 1` branch) and divisors of all-ones and power-of-two-like tops.
#[test]
fn recursive_division_matches_knuth() {
    with_cx(|cx| {
        let mut cases = std::vec::Vec::new();
        for &(an, bn) in &[
            (100, 50),
            (200, 60),
            (300, 97),
            (512, 256),
            (1000, 333),
            (130, 49),
        ] {
            cases.push((limbs(an as u64, an), limbs(bn as u64 + 3, bn)));
        }
        // a = b · (β^k − 1) + (b − 1).
        for &(bn, k) in &[(64, 64), (96, 100), (50, 200)] {
            let mut b = limbs(7, bn);
            b[bn - 1] |= 1 << 63;
            let q = std::vec![u64::MAX; k];
            let mut a = std::vec![0u64; bn + k + 1];
            let mut s = std::vec![0u64; digits::mul_scratch_len(bn.max(k))];
            digits::mul(&b, &q, &mut a, &mut s, &digits::Stop::never());
            let mut bm1 = b.clone();
            digits::sub_assign(&mut bm1, &[1]);
            digits::add_assign(&mut a, &bm1);
            cases.push((a, b.clone()));
            let ones = std::vec![u64::MAX; bn];
            cases.push((limbs(9, bn * 3), ones));
        }
        for (a, b) in &cases {
            let (q, r) = div::divrem(cx, a, b).unwrap();
            let b = digits::trim(b);
            let mut q2 = std::vec![0u64; a.len() + 1];
            let mut r2 = std::vec![0u64; b.len()];
            let mut s = std::vec![0u64; digits::divrem_scratch_len(a.len(), b.len())];
            digits::divrem(a, b, &mut q2, &mut r2, &mut s, &digits::Stop::never());
            assert_eq!(
                digits::trim(&q),
                digits::trim(&q2),
                "{}/{}",
                a.len(),
                b.len()
            );
            assert_eq!(
                digits::trim(&r),
                digits::trim(&r2),
                "{}/{}",
                a.len(),
                b.len()
            );
        }
    });
}
