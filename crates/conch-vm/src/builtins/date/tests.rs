//! The pure time value algorithms, parsing and the UTC formats.

use super::time::*;

fn iso(tv: f64) -> [u8; 80] {
    let mut b = Buf::new();
    iso_string(&mut b, tv);
    let mut out = [0u8; 80];
    out[..b.len].copy_from_slice(b.as_bytes());
    out
}

fn check_iso(tv: f64, expect: &str) {
    let out = iso(tv);
    assert_eq!(&out[..expect.len()], expect.as_bytes(), "{tv}");
    assert_eq!(out[expect.len()], 0);
}

#[test]
fn years_and_days() {
    assert_eq!(days_in_year(2000.0), 366.0);
    assert_eq!(days_in_year(1900.0), 365.0);
    assert_eq!(days_in_year(2024.0), 366.0);
    assert_eq!(days_in_year(-4.0), 366.0);
    assert_eq!(day_from_year(1970.0), 0.0);
    assert_eq!(day_from_year(1971.0), 365.0);
    assert_eq!(day_from_year(1969.0), -365.0);
    assert_eq!(year_from_time(-1.0), 1969.0);
    assert_eq!(year_from_time(8.64e15), 275760.0);
    assert_eq!(year_from_time(-8.64e15), -271821.0);
    assert_eq!(time_within_day(-1.0), 86_399_999.0);
    assert_eq!(day(-1.0), -1.0);
    assert_eq!(week_day(0.0), 4.0);
    assert_eq!(week_day(-1.0), 3.0);
    // 2000-02-29.
    let t = make_date(make_day(2000.0, 1.0, 29.0), 0.0);
    assert_eq!(month_from_time(t), 1.0);
    assert_eq!(date_from_time(t), 29.0);
    assert_eq!(t, 951_782_400_000.0);
}

#[test]
fn make_functions() {
    assert_eq!(make_day(1970.0, 0.0, 1.0), 0.0);
    assert_eq!(make_day(1970.0, 12.0, 1.0), 365.0);
    assert_eq!(make_day(1971.0, -12.0, 1.0), 0.0);
    assert_eq!(make_day(1970.0, 0.5, 1.9), 0.0);
    assert!(make_day(f64::INFINITY, 0.0, 1.0).is_nan());
    assert_eq!(make_time(1.0, 1.0, 1.0, 1.5), 3_661_001.0);
    assert!(make_time(0.0, f64::NAN, 0.0, 0.0).is_nan());
    assert!(time_clip(8.64e15 + 1.0).is_nan());
    assert_eq!(time_clip(-0.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(time_clip(1.9), 1.0);
    assert_eq!(make_full_year(99.9), 1999.0);
    assert_eq!(make_full_year(100.0), 100.0);
    assert_eq!(make_full_year(-1.0), -1.0);
}

#[test]
fn iso_format() {
    check_iso(0.0, "1970-01-01T00:00:00.000Z");
    check_iso(-1.0, "1969-12-31T23:59:59.999Z");
    check_iso(8.64e15, "+275760-09-13T00:00:00.000Z");
    check_iso(-8.64e15, "-271821-04-20T00:00:00.000Z");
    check_iso(-62198755200000.0, "-000001-01-01T00:00:00.000Z");
    check_iso(253402300800000.0, "+010000-01-01T00:00:00.000Z");
}

#[test]
fn utc_format() {
    let mut b = Buf::new();
    utc_string(&mut b, 0.0);
    assert_eq!(b.as_bytes(), b"Thu, 01 Jan 1970 00:00:00 GMT");
    let mut b = Buf::new();
    utc_string(&mut b, -62198755200000.0);
    assert_eq!(b.as_bytes(), b"Fri, 01 Jan -0001 00:00:00 GMT");
}

#[test]
fn parse_iso_forms() {
    assert_eq!(parse(b"1970-01-01T00:00:00.000Z"), 0.0);
    assert_eq!(parse(b"1970"), 0.0);
    assert_eq!(parse(b"1970-02"), 31.0 * 86_400_000.0);
    assert_eq!(parse(b"1970-01-01"), 0.0);
    assert_eq!(parse(b"1970-01-01T01:00+01:00"), 0.0);
    assert_eq!(parse(b"1970-01-01T00:00:00.5Z"), 500.0);
    assert!(parse(b"1970-01-02T00:00:00-24:00").is_nan());
    assert_eq!(parse(b"1970-01-01T24:00:00Z"), 86_400_000.0);
    assert!(parse(b"1970-01-01T24:00:01Z").is_nan());
    assert_eq!(parse(b"+275760-09-13T00:00:00.000Z"), 8.64e15);
    assert_eq!(parse(b"-271821-04-20T00:00:00Z"), -8.64e15);
    assert!(parse(b"-000000-01-01T00:00:00Z").is_nan());
    assert_eq!(parse(b"2019-02-29"), parse(b"2019-03-01"));
    assert!(parse(b"2019-02-32").is_nan());
    assert!(parse(b"2019-13-01").is_nan());
    assert!(parse(b"2019-00-01").is_nan());
    assert!(parse(b"2019-01-01T10:60Z").is_nan());
    assert!(parse(b"2019-01-01T10Z").is_nan());
    assert!(parse(b"").is_nan());
}

#[test]
fn parse_own_formats() {
    assert_eq!(parse(b"Thu, 01 Jan 1970 00:00:00 GMT"), 0.0);
    assert_eq!(parse(b"Thu Jan 01 1970 01:00:00 GMT+0100 (CET)"), 0.0);
    assert_eq!(parse(b"Thu Jan 01 1970 00:00:00 GMT+0000"), 0.0);
    assert_eq!(parse(b"Fri, 01 Jan -0001 00:00:00 GMT"), -62198755200000.0);
    assert!(parse(b"Thu Jan 32 1970 00:00:00 GMT").is_nan());
}

#[test]
fn parse_v8_legacy_forms() {
    // Explicit offsets, so the results do not depend on the local time zone.
    assert_eq!(parse(b"Jan 1 1970 00:00:00 GMT"), 0.0);
    assert_eq!(parse(b"1/1/1970 01:00 GMT+0100"), 0.0);
    assert_eq!(parse(b"1970-01-01 00:00:00Z"), 0.0);
    assert_eq!(parse(b"Thu, 1 Jan 1970 12:00:00 AM UTC"), 0.0);
    assert_eq!(parse(b"Jan 1 1970 00:00:00.250 GMT"), 250.0);
    assert!(parse(b"1970-01-01T00:00:00Z ").is_nan());
    assert!(parse(b"Jan 1 1970 13:00 PM GMT").is_nan());
    assert!(parse(b"foo 1 bar").is_nan());
}
