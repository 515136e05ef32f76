//! Unit tests of the Number/string conversions. Expected strings come from the spec's rules and
//! were cross-checked against node v20.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use super::*;

fn to_s(x: f64) -> String {
    let mut buf = [0u8; 32];
    number_to_string(x, &mut buf).to_owned()
}

fn to_radix(x: f64, radix: u32) -> String {
    let mut buf = [0u8; 1100];
    number_to_string_radix(x, radix, &mut buf).to_owned()
}

fn num(s: &str) -> f64 {
    let units: Vec<u16> = s.encode_utf16().collect();
    string_to_number(&units)
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[track_caller]
fn assert_num(s: &str, expected: f64) {
    let got = num(s);
    assert!(
        same(got, expected),
        "StringToNumber({s:?}) = {got:?}, expected {expected:?}"
    );
}

#[test]
fn to_string_special_values() {
    assert_eq!(to_s(f64::NAN), "NaN");
    assert_eq!(to_s(0.0), "0");
    assert_eq!(to_s(-0.0), "0");
    assert_eq!(to_s(f64::INFINITY), "Infinity");
    assert_eq!(to_s(f64::NEG_INFINITY), "-Infinity");
}

#[test]
fn to_string_integers_and_plain_notation() {
    let cases: &[(f64, &str)] = &[
        (1.0, "1"),
        (-1.0, "-1"),
        (42.0, "42"),
        (100.0, "100"),
        (123456789.0, "123456789"),
        (9007199254740992.0, "9007199254740992"),
        (9007199254740993.0, "9007199254740992"),
        (123456789012345680000.0, "123456789012345680000"),
        (1e20, "100000000000000000000"),
        (999999999999999900000.0, "999999999999999900000"),
        (1.5, "1.5"),
        (-1.5, "-1.5"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1.0 / 3.0, "0.3333333333333333"),
        (2.0 / 3.0, "0.6666666666666666"),
        (123.456, "123.456"),
        (0.5, "0.5"),
        (0.000001, "0.000001"),
        (0.0000012345, "0.0000012345"),
        (-0.000001, "-0.000001"),
        (4294967295.0, "4294967295"),
        // Exact ties between two shortest candidates go to the even one (node agrees).
        (-(2425509921.0 + 133.0 / 256.0), "-2425509921.5195312"),
        (1711805983675435.0 + 0.25, "1711805983675435.2"),
        (1711805983675435.0 + 0.75, "1711805983675435.8"),
        (0.5, "0.5"),
        (4294967296.0, "4294967296"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (-1.7976931348623157e308, "-1.7976931348623157e+308"),
    ];
    for &(x, s) in cases {
        assert_eq!(to_s(x), s, "{x:?}");
    }
}

#[test]
fn to_string_exponent_notation() {
    let cases: &[(f64, &str)] = &[
        (1e21, "1e+21"),
        (-1e21, "-1e+21"),
        (1.5e21, "1.5e+21"),
        (123e20, "1.23e+22"),
        (1e100, "1e+100"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (-1.5e-7, "-1.5e-7"),
        (1.2345678901234568e-300, "1.2345678901234568e-300"),
        (5e-324, "5e-324"),
        (-5e-324, "-5e-324"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
        (2.225073858507201e-308, "2.225073858507201e-308"),
        (9.99e-7, "9.99e-7"),
        (0.00000099, "9.9e-7"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
    ];
    for &(x, s) in cases {
        assert_eq!(to_s(x), s, "{x:?}");
    }
}

#[test]
fn to_string_round_trips() {
    // The digits are the shortest that round-trip.
    let mut x = 1.0e-320f64;
    while x < 1e300 {
        for v in [x, -x, x * 1.000000001, x / 3.0] {
            let s = to_s(v);
            assert!(same(num(&s), v), "{v:?} -> {s} does not round-trip");
        }
        x *= 7.3;
    }
}

#[test]
fn radix_basics() {
    assert_eq!(to_radix(255.0, 16), "ff");
    assert_eq!(to_radix(255.0, 2), "11111111");
    assert_eq!(to_radix(-255.0, 16), "-ff");
    assert_eq!(to_radix(-255.0, 36), "-73");
    assert_eq!(to_radix(35.0, 36), "z");
    assert_eq!(to_radix(36.0, 36), "10");
    assert_eq!(to_radix(0.5, 2), "0.1");
    assert_eq!(to_radix(0.25, 2), "0.01");
    assert_eq!(to_radix(-0.5, 2), "-0.1");
    assert_eq!(to_radix(0.5, 16), "0.8");
    assert_eq!(to_radix(3.75, 2), "11.11");
    assert_eq!(
        to_radix(0.1, 2),
        "0.0001100110011001100110011001100110011001100110011001101"
    );
    assert_eq!(to_radix(0.1, 16), "0.1999999999999a");
    assert_eq!(to_radix(0.1, 3), "0.0022002200220022002200220022002201");
    assert_eq!(to_radix(0.1, 36), "0.3lllllllllm");
    assert_eq!(to_radix(1.0 / 3.0, 3), "0.1");
    assert_eq!(to_radix(2.0 / 3.0, 3), "0.2");
    assert_eq!(to_radix(123.456, 36), "3f.gez4w97ry");
    assert_eq!(
        to_radix(9007199254740992.0, 2),
        "100000000000000000000000000000000000000000000000000000"
    );
    assert_eq!(
        to_radix(f64::MAX, 16),
        format!("{}{}", "f".repeat(13), "8".to_owned() + &"0".repeat(242))
    );
}

#[test]
fn radix_special_values_and_radix_10() {
    for radix in 2..=36 {
        assert_eq!(to_radix(f64::NAN, radix), "NaN");
        assert_eq!(to_radix(0.0, radix), "0");
        assert_eq!(to_radix(-0.0, radix), "0");
        assert_eq!(to_radix(f64::INFINITY, radix), "Infinity");
        assert_eq!(to_radix(f64::NEG_INFINITY, radix), "-Infinity");
    }
    assert_eq!(to_radix(1e21, 10), "1e+21");
    assert_eq!(to_radix(0.1 + 0.2, 10), "0.30000000000000004");
}

#[test]
fn radix_extremes_fit_the_buffer() {
    let s = to_radix(-5e-324, 2);
    assert_eq!(s.len(), 1077);
    assert!(s.starts_with("-0.0000"));
    assert!(s.ends_with("0001"));
    assert_eq!(s.matches('1').count(), 1);
    let s = to_radix(f64::MAX, 2);
    assert_eq!(s.len(), 1024);
    assert_eq!(to_radix(-f64::MAX, 2).len(), 1025);
    assert_eq!(to_radix(5e-324, 36), format!("0.{}3", "0".repeat(207)));
}

#[test]
fn radix_matches_v8() {
    // From node 20: integer digits beyond the double's precision are zeros, fraction digits
    // are generated in floating point.
    assert_eq!(to_radix(1e21, 36), "5v1j4f4ds7c000");
    assert_eq!(
        to_radix(2f64.powi(70) + 2f64.powi(20), 3),
        "101210022122111122111122201121112210000000000"
    );
    assert_eq!(
        to_radix(2f64.powi(64), 3),
        "11112220022122120101211020120210122000000"
    );
    assert_eq!(to_radix(2f64.powi(100), 2), format!("1{}", "0".repeat(100)));
    let s = to_radix(2f64.powi(1023), 7);
    assert_eq!(s.len(), 365);
    assert!(s.starts_with("211464453353025605120000000000"));
    assert_eq!(to_radix(1e-7, 36), "0.000061oezo085tl");
    assert_eq!(to_radix(f64::MAX, 36)[..25], *"1a1e4vngaiqo0000000000000");
}

#[test]
fn string_to_number_decimal() {
    assert_num("", 0.0);
    assert_num("   ", 0.0);
    assert_num("0", 0.0);
    assert_num("-0", -0.0);
    assert_num("+0", 0.0);
    assert_num("-0.0e5", -0.0);
    assert_num("12", 12.0);
    assert_num("  12  ", 12.0);
    assert_num("-12", -12.0);
    assert_num("+12", 12.0);
    assert_num("1.5", 1.5);
    assert_num(".5", 0.5);
    assert_num("5.", 5.0);
    assert_num("-.5e-3", -0.0005);
    assert_num("1e3", 1000.0);
    assert_num("1E3", 1000.0);
    assert_num("1e+3", 1000.0);
    assert_num("1e-3", 0.001);
    assert_num("0.1", 0.1);
    assert_num("00012", 12.0);
    assert_num("0012.50", 12.5);
    assert_num("0.30000000000000004", 0.1 + 0.2);
    assert_num("123456789012345680000", 123456789012345680000.0);
    assert_num("9007199254740993", 9007199254740992.0);
    assert_num("9007199254740995", 9007199254740996.0);
    assert_num("1.7976931348623157e308", f64::MAX);
    assert_num("1.7976931348623158e308", f64::MAX);
    assert_num("1.7976931348623159e308", f64::INFINITY);
    assert_num("5e-324", 5e-324);
    assert_num("2.4703282292062328e-324", 5e-324);
    assert_num("2.4703282292062327e-324", 0.0);
    assert_num("1e1000", f64::INFINITY);
    assert_num("-1e1000", f64::NEG_INFINITY);
    assert_num("1e-1000", 0.0);
    assert_num("-1e-1000", -0.0);
    assert_num("1e999999999999999999999999", f64::INFINITY);
    assert_num("0e999999999999999999999999", 0.0);
    assert_num("1e-999999999999999999999999", 0.0);
    assert_num("Infinity", f64::INFINITY);
    assert_num("+Infinity", f64::INFINITY);
    assert_num("-Infinity", f64::NEG_INFINITY);
    assert_num("  -Infinity\n", f64::NEG_INFINITY);
}

#[test]
fn string_to_number_invalid() {
    for s in [
        ".",
        "+",
        "-",
        "e5",
        "1e",
        "1e+",
        "1e-",
        "1_000",
        "1__0",
        "1.2.3",
        "1e5.5",
        "++1",
        "+-1",
        "- 1",
        "1 2",
        "0x",
        "0b",
        "0o",
        "0b102",
        "0o8",
        "0xg",
        "+0x10",
        "-0x10",
        "0x1.5",
        "0x_1",
        "0b1_0",
        "infinity",
        "INFINITY",
        "Inf",
        "-inf",
        "NaN",
        "nan",
        "1f",
        "1.5f",
        "abc",
        "٣",
        "1\u{0}",
        "\u{180E}1",
        "1n",
        "0x1p3",
        "1e5e5",
        ".e1",
        "-.e1",
        "Infinityx",
        "--Infinity",
    ] {
        assert!(
            num(s).is_nan(),
            "StringToNumber({s:?}) should be NaN, got {:?}",
            num(s)
        );
    }
}

#[test]
fn string_to_number_whitespace() {
    let spaces = [
        "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", " ", "\u{A0}", "\u{1680}", "\u{2000}",
        "\u{2001}", "\u{2005}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
        "\u{3000}", "\u{FEFF}",
    ];
    for sp in spaces {
        assert_num(&format!("{sp}42{sp}"), 42.0);
        assert_num(&format!("{sp}{sp}-1.5e1{sp}"), -15.0);
        assert_num(sp, 0.0);
        assert_num(&format!("{sp}0x10{sp}"), 16.0);
    }
    // Not whitespace: U+180E (no longer Zs), U+200B (Cf), U+0085 (NEL is not a
    // LineTerminator in ECMAScript).
    for sp in ["\u{180E}", "\u{200B}", "\u{85}"] {
        assert!(num(&format!("{sp}42")).is_nan(), "{sp:?}");
        assert!(num(&format!("42{sp}")).is_nan(), "{sp:?}");
    }
    // Space inside the literal is not allowed.
    assert!(num("4 2").is_nan());
    assert!(num("0x 10").is_nan());
}

#[test]
fn string_to_number_non_decimal() {
    assert_num("0x10", 16.0);
    assert_num("0X10", 16.0);
    assert_num("0xff", 255.0);
    assert_num("0xFF", 255.0);
    assert_num("0xAbC", 2748.0);
    assert_num("0o17", 15.0);
    assert_num("0O17", 15.0);
    assert_num("0b101", 5.0);
    assert_num("0B101", 5.0);
    assert_num("0x0", 0.0);
    assert_num("0x000000000000000000000000000001", 1.0);
    assert_num("0x1fffffffffffff", 9007199254740991.0);
    // 57 bits: the top 53 are all ones, the dropped 0001 is below half: round down.
    assert_num("0x1fffffffffffff1", 144115188075855856.0);
    // Dropped bits exactly half: ties to even.
    assert_num("0x20000000000001", 9007199254740992.0); // 2^53 + 1 -> 2^53
    assert_num("0x20000000000003", 9007199254740996.0); // 2^53 + 3 -> 2^53 + 4
    assert_num("0x200000000000010", 144115188075855872.0); // 2^57 + 16: tie, even is down
    assert_num("0x200000000000030", 144115188075855936.0); // 2^57 + 48: tie, odd rounds up
                                                           // Dropped bits half plus a sticky far-away one: up.
    assert_num(
        "0x2000000000000100000000000000001",
        2f64.powi(121) + 2f64.powi(69),
    );
    assert_num("0x20000000000001000000000000000000", 2f64.powi(125));
    assert_num(
        "0x20000000000001000000000000000001",
        2f64.powi(125) + 2f64.powi(73),
    );
    assert_num(
        "0b11111111111111111111111111111111111111111111111111111",
        9007199254740991.0,
    );
    assert_num(
        "0b100000000000000000000000000000000000000000000000000001",
        9007199254740992.0,
    );
    assert_num(
        "0b100000000000000000000000000000000000000000000000000011",
        9007199254740996.0,
    );
    assert_num("0o777777777777777777777", 9223372036854775808.0);
    // Around the top of the range.
    let max_hex = format!("0x{}{}", "f".repeat(13), "8".to_owned() + &"0".repeat(242));
    assert_num(&max_hex, f64::MAX);
    let below_overflow = format!("0x{}{}", "f".repeat(13), "b".to_owned() + &"f".repeat(242));
    assert_num(&below_overflow, f64::MAX);
    let overflow = format!("0x{}{}", "f".repeat(14), "0".repeat(242));
    assert_num(&overflow, f64::INFINITY);
    assert_num(&format!("0x1{}", "0".repeat(256)), f64::INFINITY);
    assert_num(&format!("0x1{}", "0".repeat(255)), 2f64.powi(1020));
    assert_num(&format!("0b1{}", "0".repeat(100_000)), f64::INFINITY);
}

#[test]
fn string_to_number_long_inputs() {
    // 2^-1074 + 2^-1075 (the midpoint between the two smallest subnormals) is exact in 752
    // significant digits; anything above it rounds up, anything at or below rounds to even.
    let exact_mid = "7.4109846876186981626485318930233205854758970392148714663837852375101326090531312779794975454245398856969484704316857659638998506553390969459816219401617281718945106978546710679176872575177347315553307795408549809608457500958111373034747658096871009590975442271004757307809711118935784838675653998783503015228055934046593739791790738723868299395818481660169122019456499931289798411362062484498678713572180352209017023903285791732520220528974020802906854021606612375549983402671300035812486479041385743401875520901590172592547146296175134159774938718574737870961645638908718119841271673056017045493004705269590165763776884908267986972573366521765567941072508764337560846003984904972149117463085539556354188641513168478436313080237596295773983001708984375e-324";
    assert_num(exact_mid, 1e-323);
    assert_num(&exact_mid.replace("375e-324", "374e-324"), 5e-324);
    // Beyond the 800 kept digits: a far-away nonzero digit still breaks the tie.
    let zeros = "0".repeat(2000);
    let below = exact_mid.replace("375e-324", &format!("374{}1e-324", "9".repeat(3000)));
    assert_num(&below, 5e-324);
    let above = exact_mid.replace("375e-324", &format!("375{zeros}1e-324"));
    assert_num(&above, 1e-323);
    let tie = exact_mid.replace("375e-324", &format!("375{zeros}e-324"));
    assert_num(&tie, 1e-323);
    // Same for 2^53 + 1 (a tie, even is 2^53), written with thousands of digits.
    assert_num(&format!("9007199254740993.{zeros}"), 9007199254740992.0);
    assert_num(&format!("9007199254740993.{zeros}1"), 9007199254740994.0);
    assert_num(
        &format!("9007199254740993{zeros}e-2000"),
        9007199254740992.0,
    );
    assert_num(
        &format!("9007199254740993{zeros}1e-2001"),
        9007199254740994.0,
    );
    assert_num(
        &format!("0.{zeros}9007199254740993e2016"),
        9007199254740992.0,
    );
    // Long integers: the digits after the 800th only matter through the sticky digit.
    let long = format!("1{}", "0".repeat(5000));
    assert_num(&long, f64::INFINITY);
    assert_num(&format!("0.{}1", "0".repeat(5000)), 0.0);
    assert_num(&format!("{}e-5000", long), 1.0);
    assert_num(&format!("{}.{}e-5000", long, "9".repeat(3000)), 1.0);
}

#[test]
fn string_to_number_round_trips_to_string() {
    let mut state = 0x2545f4914f6cdd1du64;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let x = f64::from_bits(state);
        if x.is_nan() {
            continue;
        }
        let s = to_s(x);
        assert!(
            same(num(&s), if x == 0.0 { 0.0 } else { x }),
            "{x:?} -> {s}"
        );
    }
}

#[test]
fn integer_conversions() {
    let cases: &[(f64, i32, u32)] = &[
        (0.0, 0, 0),
        (-0.0, 0, 0),
        (f64::NAN, 0, 0),
        (f64::INFINITY, 0, 0),
        (f64::NEG_INFINITY, 0, 0),
        (1.9, 1, 1),
        (-1.9, -1, 4294967295),
        (2147483647.0, 2147483647, 2147483647),
        (2147483648.0, -2147483648, 2147483648),
        (4294967295.0, -1, 4294967295),
        (4294967296.0, 0, 0),
        (4294967297.5, 1, 1),
        (-4294967297.0, -1, 4294967295),
        (-2147483649.0, 2147483647, 2147483647),
        (9007199254740993.0, 0, 0),
        (9007199254740995.0, 4, 4),
        (1e21, -559939584, 3735027712),
        (-1e21, 559939584, 559939584),
        (f64::MAX, 0, 0),
        (5e-324, 0, 0),
    ];
    for &(x, i, u) in cases {
        assert_eq!(to_int32(x), i, "ToInt32({x:?})");
        assert_eq!(to_uint32(x), u, "ToUint32({x:?})");
    }
    assert!(same(to_integer_or_infinity(f64::NAN), 0.0));
    assert!(same(to_integer_or_infinity(-0.0), 0.0));
    assert!(same(to_integer_or_infinity(-0.5), 0.0));
    assert!(same(to_integer_or_infinity(0.5), 0.0));
    assert!(same(to_integer_or_infinity(-1.5), -1.0));
    assert!(same(to_integer_or_infinity(2.9), 2.0));
    assert!(same(to_integer_or_infinity(f64::INFINITY), f64::INFINITY));
    assert!(same(
        to_integer_or_infinity(f64::NEG_INFINITY),
        f64::NEG_INFINITY
    ));
    assert!(same(to_integer_or_infinity(1e300), 1e300));
}

#[test]
fn array_indices() {
    let idx = |s: &str| array_index(&s.encode_utf16().collect::<Vec<u16>>());
    assert_eq!(idx("0"), Some(0));
    assert_eq!(idx("1"), Some(1));
    assert_eq!(idx("42"), Some(42));
    assert_eq!(idx("4294967294"), Some(4294967294));
    assert_eq!(idx("4294967295"), None);
    assert_eq!(idx("4294967296"), None);
    assert_eq!(idx("9999999999"), None);
    assert_eq!(idx("10000000000"), None);
    for s in [
        "", "00", "01", "-0", "-1", "+1", "1.0", "1e3", " 1", "1 ", "0x1", "١", "a",
    ] {
        assert_eq!(idx(s), None, "{s:?}");
    }
}

/// Cross-check against V8, run by hand (needs `node` on PATH):
///
/// `cargo test -p conch-vm --lib numconv::tests::compare_with_node -- --ignored --nocapture`
///
/// `compare_with_node.js gen` makes random doubles and strings (including exact decimal and
/// hexadecimal halfway cases), this test converts them, and `compare_with_node.js check`
/// compares with V8 and checks with BigInt arithmetic that every radix string identifies its
/// double. `NUMCONV_CASES` (default 5000) and `NUMCONV_SEED` (default 1) vary the run.
#[test]
#[ignore = "needs node; run by hand"]
fn compare_with_node() {
    use std::fmt::Write as _;
    use std::process::Command;
    // Next to this file (file!() is absolute when the module is included through #[path]).
    let script = [
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/numconv/compare_with_node.js"),
        std::path::Path::new(file!()).with_file_name("compare_with_node.js"),
    ]
    .into_iter()
    .find(|p| p.exists())
    .expect("compare_with_node.js");
    let cases = std::env::var("NUMCONV_CASES").unwrap_or_else(|_| "5000".into());
    let seed = std::env::var("NUMCONV_SEED").unwrap_or_else(|_| "1".into());
    let dir = std::env::temp_dir().join(format!("numconv-node-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cases_file, results_file) = (dir.join("cases.txt"), dir.join("results.txt"));

    let generated = Command::new("node")
        .arg(&script)
        .args(["gen", &cases, &seed])
        .output()
        .expect("running node");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    std::fs::write(&cases_file, &generated.stdout).unwrap();

    let mut results = String::new();
    for line in String::from_utf8(generated.stdout).unwrap().lines() {
        let (kind, arg) = line.split_once(' ').unwrap_or((line, ""));
        if kind == "D" {
            let x = f64::from_bits(u64::from_str_radix(arg, 16).unwrap());
            write!(results, "D {arg} {}", to_s(x)).unwrap();
            for radix in 2..=36 {
                write!(results, " {}", to_radix(x, radix)).unwrap();
            }
            writeln!(results, " {} {}", to_int32(x), to_uint32(x)).unwrap();
        } else {
            let units: Vec<u16> = arg
                .split(',')
                .filter(|h| !h.is_empty())
                .map(|h| u16::from_str_radix(h, 16).unwrap())
                .collect();
            writeln!(results, "S {:016x}", string_to_number(&units).to_bits()).unwrap();
        }
    }
    std::fs::write(&results_file, results).unwrap();

    let status = Command::new("node")
        .arg(&script)
        .arg("check")
        .args([&cases_file, &results_file])
        .status()
        .expect("running node");
    std::fs::remove_dir_all(&dir).ok();
    assert!(status.success(), "differences from V8, see above");
}
