//! The time value algorithms of ECMA-262 §21.4.1 (pure: no realm, no allocation), the local
//! time zone through the OS (`localtime_r`'s `tm_gmtoff`), the string formats the prototype
//! produces and `Date.parse`.

use crate::numconv::to_integer_or_infinity;

pub const MS_PER_SECOND: f64 = 1000.0;
pub const MS_PER_MINUTE: f64 = 60_000.0;
pub const MS_PER_HOUR: f64 = 3_600_000.0;
pub const MS_PER_DAY: f64 = 86_400_000.0;

/// `Day(t)`.
pub fn day(t: f64) -> f64 {
    (t / MS_PER_DAY).floor()
}

/// `TimeWithinDay(t)`: ℝ(t) modulo msPerDay (always ≥ 0).
pub fn time_within_day(t: f64) -> f64 {
    t.rem_euclid(MS_PER_DAY)
}

/// `DaysInYear(y)`.
pub fn days_in_year(y: f64) -> f64 {
    if y % 4.0 != 0.0 {
        365.0
    } else if y % 100.0 != 0.0 {
        366.0
    } else if y % 400.0 != 0.0 {
        365.0
    } else {
        366.0
    }
}

/// `DayFromYear(y)`.
pub fn day_from_year(y: f64) -> f64 {
    365.0 * (y - 1970.0) + ((y - 1969.0) / 4.0).floor() - ((y - 1901.0) / 100.0).floor()
        + ((y - 1601.0) / 400.0).floor()
}

/// `YearFromTime(t)`: the largest integral y with TimeFromYear(y) ≤ t.
pub fn year_from_time(t: f64) -> f64 {
    let d = day(t);
    let mut y = (d / 365.2425).floor() + 1970.0;
    while day_from_year(y) > d {
        y -= 1.0;
    }
    while day_from_year(y + 1.0) <= d {
        y += 1.0;
    }
    y
}

/// `InLeapYear(t)` as 0 or 1.
fn in_leap_year(t: f64) -> f64 {
    days_in_year(year_from_time(t)) - 365.0
}

/// `DayWithinYear(t)`.
pub fn day_within_year(t: f64) -> f64 {
    day(t) - day_from_year(year_from_time(t))
}

/// Day-of-year starts of months 0..=12 in a common year.
const MONTH_START: [f64; 13] = [
    0.0, 31.0, 59.0, 90.0, 120.0, 151.0, 181.0, 212.0, 243.0, 273.0, 304.0, 334.0, 365.0,
];

/// The day within the year on which month `m` (0..=12) starts.
fn month_start(m: usize, leap: f64) -> f64 {
    MONTH_START[m] + if m >= 2 { leap } else { 0.0 }
}

/// `MonthFromTime(t)` (0..=11).
pub fn month_from_time(t: f64) -> f64 {
    let d = day_within_year(t);
    let leap = in_leap_year(t);
    let mut m = 0;
    while m < 11 && d >= month_start(m + 1, leap) {
        m += 1;
    }
    m as f64
}

/// `DateFromTime(t)` (1..=31).
pub fn date_from_time(t: f64) -> f64 {
    let m = month_from_time(t) as usize;
    day_within_year(t) - month_start(m, in_leap_year(t)) + 1.0
}

/// `WeekDay(t)` (0 = Sunday).
pub fn week_day(t: f64) -> f64 {
    (day(t) + 4.0).rem_euclid(7.0)
}

/// `HourFromTime(t)`.
pub fn hour_from_time(t: f64) -> f64 {
    (t / MS_PER_HOUR).floor().rem_euclid(24.0)
}

/// `MinFromTime(t)`.
pub fn min_from_time(t: f64) -> f64 {
    (t / MS_PER_MINUTE).floor().rem_euclid(60.0)
}

/// `SecFromTime(t)`.
pub fn sec_from_time(t: f64) -> f64 {
    (t / MS_PER_SECOND).floor().rem_euclid(60.0)
}

/// `msFromTime(t)`.
pub fn ms_from_time(t: f64) -> f64 {
    t.rem_euclid(MS_PER_SECOND)
}

/// `MakeTime(hour, min, sec, ms)`.
pub fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> f64 {
    if !(hour.is_finite() && min.is_finite() && sec.is_finite() && ms.is_finite()) {
        return f64::NAN;
    }
    let h = to_integer_or_infinity(hour);
    let m = to_integer_or_infinity(min);
    let s = to_integer_or_infinity(sec);
    let milli = to_integer_or_infinity(ms);
    // IEEE 754 arithmetic, as the ECMAScript operators * and + (left to right).
    ((h * MS_PER_HOUR + m * MS_PER_MINUTE) + s * MS_PER_SECOND) + milli
}

/// `MakeDay(year, month, date)`.
pub fn make_day(year: f64, month: f64, date: f64) -> f64 {
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return f64::NAN;
    }
    let y = to_integer_or_infinity(year);
    let m = to_integer_or_infinity(month);
    let dt = to_integer_or_infinity(date);
    let ym = y + (m / 12.0).floor();
    // Beyond this, DayFromYear is no longer exact in doubles (and any resulting time value
    // is far outside TimeClip's range for every date that is itself a double's integer).
    if !ym.is_finite() || ym.abs() > 1e13 {
        return f64::NAN;
    }
    let mn = m.rem_euclid(12.0) as usize;
    let leap = days_in_year(ym) - 365.0;
    let t = day_from_year(ym) + month_start(mn, leap);
    t + dt - 1.0
}

/// `MakeDate(day, time)`.
pub fn make_date(day: f64, time: f64) -> f64 {
    if !(day.is_finite() && time.is_finite()) {
        return f64::NAN;
    }
    let tv = day * MS_PER_DAY + time;
    if !tv.is_finite() {
        return f64::NAN;
    }
    tv
}

/// `MakeFullYear(year)` (0..=99 → 1900 + year).
pub fn make_full_year(year: f64) -> f64 {
    if year.is_nan() {
        return f64::NAN;
    }
    let t = to_integer_or_infinity(year);
    if (0.0..=99.0).contains(&t) {
        1900.0 + t
    } else {
        t
    }
}

/// `TimeClip(time)`.
pub fn time_clip(time: f64) -> f64 {
    if !time.is_finite() || time.abs() > 8.64e15 {
        return f64::NAN;
    }
    to_integer_or_infinity(time)
}

/// The local time zone's offset from UTC (ms) at the UTC instant `t` (finite), from the OS
/// time zone database (`localtime_r`).
#[cfg(unix)]
pub fn offset_at_utc(t: f64) -> f64 {
    let secs = (t / 1000.0).floor();
    if !secs.is_finite() || secs.abs() > 1e15 {
        return 0.0;
    }
    let tt = secs as libc::time_t;
    // SAFETY: `tm` is plain data (all-zero is a valid value); `localtime_r` writes it and
    // keeps no pointer to either argument.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&tt, &mut tm).is_null() {
            return 0.0;
        }
        tm.tm_gmtoff as f64 * 1000.0
    }
}

/// Without an OS time zone database: UTC.
#[cfg(not(unix))]
pub fn offset_at_utc(_t: f64) -> f64 {
    0.0
}

/// `LocalTime(t)`: t + the offset at the instant t.
pub fn local_time(t: f64) -> f64 {
    if !t.is_finite() {
        return f64::NAN;
    }
    t + offset_at_utc(t)
}

/// `UTC(t)` for a local time `t`: a local time repeated at a negative transition is the
/// earlier instant, a skipped one is interpreted with the offset before the transition.
pub fn utc(t: f64) -> f64 {
    if !t.is_finite() {
        return f64::NAN;
    }
    let before = offset_at_utc(t - MS_PER_DAY);
    let after = offset_at_utc(t + MS_PER_DAY);
    let mut best = f64::NAN;
    for off in [before, after] {
        let u = t - off;
        if offset_at_utc(u) == off && (best.is_nan() || u < best) {
            best = u;
        }
    }
    if best.is_nan() {
        // A skipped local time: the offset before the transition.
        t - before
    } else {
        best
    }
}

/// A small fixed ASCII buffer (every date string is bounded).
pub struct Buf {
    pub bytes: [u8; 120],
    pub len: usize,
}

impl Buf {
    pub fn new() -> Buf {
        Buf {
            bytes: [0; 120],
            len: 0,
        }
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
    pub fn push(&mut self, b: u8) {
        if self.len < self.bytes.len() {
            self.bytes[self.len] = b;
            self.len += 1;
        }
    }
    pub fn str(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.push(b);
        }
    }
    /// `v` (a non-negative integer) in decimal, at least `width` digits.
    pub fn num(&mut self, v: f64, width: usize) {
        let mut tmp = [b'0'; 20];
        let mut i = tmp.len();
        let mut v = v.abs() as u64;
        loop {
            i -= 1;
            tmp[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        let digits = tmp.len() - i;
        for _ in digits..width {
            self.push(b'0');
        }
        for &d in &tmp[i..] {
            self.push(d);
        }
    }
}

impl Default for Buf {
    fn default() -> Self {
        Buf::new()
    }
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn year_field(b: &mut Buf, y: f64) {
    if y < 0.0 {
        b.push(b'-');
    }
    b.num(y, 4);
}

/// `DateString(tv)`: "Www Mmm DD YYYY".
pub fn date_string(b: &mut Buf, tv: f64) {
    b.str(DAYS[week_day(tv) as usize]);
    b.push(b' ');
    b.str(MONTHS[month_from_time(tv) as usize]);
    b.push(b' ');
    b.num(date_from_time(tv), 2);
    b.push(b' ');
    year_field(b, year_from_time(tv));
}

/// `TimeString(tv)`: "HH:mm:ss GMT".
pub fn time_string(b: &mut Buf, tv: f64) {
    b.num(hour_from_time(tv), 2);
    b.push(b':');
    b.num(min_from_time(tv), 2);
    b.push(b':');
    b.num(sec_from_time(tv), 2);
    b.str(" GMT");
}

/// `TimeZoneString(tv)` for the UTC instant `tv`: "+hhmm" and the zone's abbreviation in
/// parentheses when the OS has one.
pub fn time_zone_string(b: &mut Buf, tv: f64) {
    let off = offset_at_utc(tv);
    b.push(if off >= 0.0 { b'+' } else { b'-' });
    let a = off.abs();
    b.num((a / MS_PER_HOUR).floor(), 2);
    b.num(((a / MS_PER_MINUTE).floor()) % 60.0, 2);
    zone_name(b, tv);
}

#[cfg(unix)]
fn zone_name(b: &mut Buf, tv: f64) {
    let secs = (tv / 1000.0).floor();
    let tt = secs as libc::time_t;
    // SAFETY: as in `offset_at_utc`; `tm_zone` points to a NUL-terminated string that lives
    // as long as the process's time zone data, read right away.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&tt, &mut tm).is_null() || tm.tm_zone.is_null() {
            return;
        }
        let name = std::ffi::CStr::from_ptr(tm.tm_zone).to_bytes();
        if name.is_empty() || name.len() > 16 || !name.iter().all(|c| c.is_ascii_graphic()) {
            return;
        }
        b.str(" (");
        match long_zone_name(name, tm.tm_gmtoff / 60) {
            Some(long) => b.str(long),
            None => {
                for &c in name {
                    b.push(c);
                }
            }
        }
        b.push(b')');
    }
}

#[cfg(not(unix))]
fn zone_name(_: &mut Buf, _: f64) {}

/// The local zone's name at `tv` as ICU's "en-US" `timeZoneName` prints it, when it has one:
/// short, "UTC" and the US abbreviations ("EST"); long, the names of [`long_zone_name`].
/// `false` (nothing written) for the others, which ICU shows as a GMT offset.
#[cfg(unix)]
pub fn locale_zone_name(b: &mut Buf, tv: f64, long: bool) -> bool {
    let secs = (tv / 1000.0).floor();
    let tt = secs as libc::time_t;
    // SAFETY: as in `zone_name`.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&tt, &mut tm).is_null() || tm.tm_zone.is_null() {
            return false;
        }
        let name = std::ffi::CStr::from_ptr(tm.tm_zone).to_bytes();
        let minutes = tm.tm_gmtoff / 60;
        if long {
            if let Some(l) = long_zone_name(name, minutes) {
                b.str(l);
                return true;
            }
            return false;
        }
        let us = matches!(
            (name, minutes),
            (b"UTC", 0)
                | (b"EST", -300)
                | (b"EDT", -240)
                | (b"CST", -360)
                | (b"CDT", -300)
                | (b"MST", -420)
                | (b"MDT", -360)
                | (b"PST", -480)
                | (b"PDT", -420)
                | (b"AKST", -540)
                | (b"AKDT", -480)
                | (b"HST", -600)
        );
        if us {
            for &c in name {
                b.push(c);
            }
        }
        us
    }
}

#[cfg(not(unix))]
pub fn locale_zone_name(_: &mut Buf, _: f64, _: bool) -> bool {
    false
}

/// The long name ICU gives (what node prints in `Date.prototype.toString`) for a common zone
/// abbreviation at UTC offset `minutes`; `None` keeps the abbreviation.
#[cfg_attr(not(unix), allow(dead_code))]
fn long_zone_name(abbrev: &[u8], minutes: i64) -> Option<&'static str> {
    Some(match (abbrev, minutes) {
        (b"UTC" | b"UCT" | b"Zulu", _) => "Coordinated Universal Time",
        (b"GMT", _) => "Greenwich Mean Time",
        (b"BST", 60) => "British Summer Time",
        (b"IST", 60) => "Irish Standard Time",
        (b"IST", 120) => "Israel Standard Time",
        (b"IDT", 180) => "Israel Daylight Time",
        (b"IST", 330) => "India Standard Time",
        (b"WET", _) => "Western European Standard Time",
        (b"WEST", _) => "Western European Summer Time",
        (b"CET", _) => "Central European Standard Time",
        (b"CEST", _) => "Central European Summer Time",
        (b"EET", _) => "Eastern European Standard Time",
        (b"EEST", _) => "Eastern European Summer Time",
        (b"MSK", _) => "Moscow Standard Time",
        (b"SAST", _) => "South Africa Standard Time",
        (b"EST", -300) => "Eastern Standard Time",
        (b"EDT", -240) => "Eastern Daylight Time",
        (b"CST", -360) => "Central Standard Time",
        (b"CDT", -300) => "Central Daylight Time",
        (b"MST", -420) => "Mountain Standard Time",
        (b"MDT", -360) => "Mountain Daylight Time",
        (b"PST", -480) => "Pacific Standard Time",
        (b"PDT", -420) => "Pacific Daylight Time",
        (b"AKST", _) => "Alaska Standard Time",
        (b"AKDT", _) => "Alaska Daylight Time",
        (b"HST", _) => "Hawaii-Aleutian Standard Time",
        (b"CST", 480) => "China Standard Time",
        (b"HKT", _) => "Hong Kong Standard Time",
        (b"JST", _) => "Japan Standard Time",
        (b"KST", _) => "Korean Standard Time",
        (b"AWST", _) => "Australian Western Standard Time",
        (b"ACST", _) => "Australian Central Standard Time",
        (b"ACDT", _) => "Australian Central Daylight Time",
        (b"AEST", _) => "Australian Eastern Standard Time",
        (b"AEDT", _) => "Australian Eastern Daylight Time",
        (b"NZST", _) => "New Zealand Standard Time",
        (b"NZDT", _) => "New Zealand Daylight Time",
        _ => return None,
    })
}

/// The "en-US" date of local time `t` as ICU formats it by default: `M/D/Y`, unpadded
/// (years before 1 as era years, without the era, as ICU prints them).
pub fn locale_date(b: &mut Buf, t: f64) {
    b.num(month_from_time(t) + 1.0, 1);
    b.push(b'/');
    b.num(date_from_time(t), 1);
    b.push(b'/');
    let y = year_from_time(t);
    b.num(if y <= 0.0 { 1.0 - y } else { y }, 1);
}

/// The "en-US" time of local time `t`: `h:mm:ss AM` (12-hour clock).
pub fn locale_time(b: &mut Buf, t: f64) {
    let h = hour_from_time(t);
    let h12 = h % 12.0;
    b.num(if h12 == 0.0 { 12.0 } else { h12 }, 1);
    b.push(b':');
    b.num(min_from_time(t), 2);
    b.push(b':');
    b.num(sec_from_time(t), 2);
    b.str(if h < 12.0 { " AM" } else { " PM" });
}

/// `ToDateString(tv)` for a valid `tv`: DateString, a space, TimeString, TimeZoneString of
/// local time.
pub fn to_date_string(b: &mut Buf, tv: f64) {
    let t = local_time(tv);
    date_string(b, t);
    b.push(b' ');
    time_string(b, t);
    time_zone_string(b, tv);
}

/// `toUTCString`'s format: "Www, DD Mmm YYYY HH:mm:ss GMT".
pub fn utc_string(b: &mut Buf, tv: f64) {
    b.str(DAYS[week_day(tv) as usize]);
    b.str(", ");
    b.num(date_from_time(tv), 2);
    b.push(b' ');
    b.str(MONTHS[month_from_time(tv) as usize]);
    b.push(b' ');
    year_field(b, year_from_time(tv));
    b.push(b' ');
    time_string(b, tv);
}

/// `toISOString`'s format (§21.4.1.32) of a valid time value.
pub fn iso_string(b: &mut Buf, tv: f64) {
    let y = year_from_time(tv);
    if (0.0..=9999.0).contains(&y) {
        b.num(y, 4);
    } else {
        b.push(if y < 0.0 { b'-' } else { b'+' });
        b.num(y, 6);
    }
    b.push(b'-');
    b.num(month_from_time(tv) + 1.0, 2);
    b.push(b'-');
    b.num(date_from_time(tv), 2);
    b.push(b'T');
    b.num(hour_from_time(tv), 2);
    b.push(b':');
    b.num(min_from_time(tv), 2);
    b.push(b':');
    b.num(sec_from_time(tv), 2);
    b.push(b'.');
    b.num(ms_from_time(tv), 3);
    b.push(b'Z');
}

/// A cursor over an ASCII date string.
struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.i == self.s.len()
    }
    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<f64> {
        let mut v = 0.0;
        for _ in 0..n {
            let c = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10.0 + (c - b'0') as f64;
            self.i += 1;
        }
        Some(v)
    }
    /// One or more digits (at most 9 kept significant).
    fn number(&mut self) -> Option<(f64, usize)> {
        let start = self.i;
        let mut v = 0.0;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            v = v * 10.0 + (c - b'0') as f64;
            self.i += 1;
        }
        let n = self.i - start;
        (n > 0 && n <= 9).then_some((v, n))
    }
    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }
}

/// Parses the Date Time String Format (§21.4.1.32). `None` if `s` is not in it.
fn parse_iso(s: &[u8]) -> Option<f64> {
    let mut p = P { s, i: 0 };
    let year = match p.peek()? {
        c @ (b'+' | b'-') => {
            p.i += 1;
            let y = p.digits(6)?;
            if c == b'-' {
                if y == 0.0 {
                    return None;
                }
                -y
            } else {
                y
            }
        }
        _ => p.digits(4)?,
    };
    let (mut month, mut date) = (1.0, 1.0);
    if p.eat(b'-') {
        month = p.digits(2)?;
        if p.eat(b'-') {
            date = p.digits(2)?;
        }
    }
    // DD is "from 01 to 31" (§21.4.1.32): a day past the month's end carries over, as
    // MakeDay does (V8 agrees).
    if !(1.0..=12.0).contains(&month) || !(1.0..=31.0).contains(&date) {
        return None;
    }
    let (mut h, mut mi, mut sec, mut ms) = (0.0, 0.0, 0.0, 0.0);
    let mut offset = Some(0.0);
    if p.eat(b'T') {
        h = p.digits(2)?;
        if !p.eat(b':') {
            return None;
        }
        mi = p.digits(2)?;
        if p.eat(b':') {
            sec = p.digits(2)?;
            if p.eat(b'.') {
                let (v, n) = p.number()?;
                ms = (v / 10f64.powi(n as i32 - 3)).floor();
            }
        }
        if h > 24.0 || mi > 59.0 || sec > 59.0 || (h == 24.0 && (mi, sec, ms) != (0.0, 0.0, 0.0)) {
            return None;
        }
        offset = None;
        if p.eat(b'Z') {
            offset = Some(0.0);
        } else if let Some(c @ (b'+' | b'-')) = p.peek() {
            p.i += 1;
            let oh = p.digits(2)?;
            if !p.eat(b':') {
                return None;
            }
            let om = p.digits(2)?;
            if oh > 23.0 || om > 59.0 {
                return None;
            }
            let o = oh * MS_PER_HOUR + om * MS_PER_MINUTE;
            offset = Some(if c == b'-' { -o } else { o });
        }
    }
    if !p.done() {
        return None;
    }
    let t = make_date(make_day(year, month - 1.0, date), make_time(h, mi, sec, ms));
    Some(match offset {
        Some(o) => t - o,
        None => utc(t),
    })
}

fn name_index(word: &[u8], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .position(|n| word.len() >= 3 && n.as_bytes().eq_ignore_ascii_case(&word[..3]))
}

/// Parses what `toString`, `toDateString` and `toUTCString` produce (the weekday optional):
/// "Www Mmm DD YYYY[ HH:mm[:ss][ GMT±hhmm][ (name)]]" and
/// "Www, DD Mmm YYYY HH:mm[:ss] GMT".
fn parse_legacy(s: &[u8]) -> Option<f64> {
    let mut p = P { s, i: 0 };
    let word = |p: &mut P| {
        let start = p.i;
        while p.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            p.i += 1;
        }
        start..p.i
    };
    p.skip_spaces();
    let w = word(&mut p);
    if !w.is_empty() && name_index(&s[w.clone()], &DAYS).is_some() {
        p.eat(b',');
        p.skip_spaces();
    } else {
        p.i = w.start;
    }
    let (month, date);
    let w = word(&mut p);
    if !w.is_empty() {
        month = name_index(&s[w], &MONTHS)?;
        p.skip_spaces();
        date = p.number()?.0;
    } else {
        date = p.number()?.0;
        p.skip_spaces();
        let w = word(&mut p);
        month = name_index(&s[w], &MONTHS)?;
    }
    p.skip_spaces();
    let neg = p.eat(b'-');
    let (mut year, _) = p.number()?;
    if neg {
        year = -year;
    }
    if !(1.0..=31.0).contains(&date) {
        return None;
    }
    p.skip_spaces();
    let (mut h, mut mi, mut sec) = (0.0, 0.0, 0.0);
    let mut offset = None;
    if p.peek().is_some_and(|c| c.is_ascii_digit()) {
        h = p.digits(2)?;
        if !p.eat(b':') {
            return None;
        }
        mi = p.digits(2)?;
        if p.eat(b':') {
            sec = p.digits(2)?;
        }
        if h > 23.0 || mi > 59.0 || sec > 59.0 {
            return None;
        }
        p.skip_spaces();
        let w = word(&mut p);
        let z = &s[w];
        if z.eq_ignore_ascii_case(b"GMT") || z.eq_ignore_ascii_case(b"UTC") || z == b"Z" {
            offset = Some(0.0);
            if let Some(c @ (b'+' | b'-')) = p.peek() {
                p.i += 1;
                let oh = p.digits(2)?;
                p.eat(b':');
                let om = p.digits(2)?;
                if om > 59.0 {
                    return None;
                }
                let o = oh * MS_PER_HOUR + om * MS_PER_MINUTE;
                offset = Some(if c == b'-' { -o } else { o });
            }
        } else if !z.is_empty() {
            return None;
        }
        p.skip_spaces();
    }
    if p.eat(b'(') {
        while p.peek().is_some_and(|c| c != b')') {
            p.i += 1;
        }
        if !p.eat(b')') {
            return None;
        }
        p.skip_spaces();
    }
    if !p.done() {
        return None;
    }
    let t = make_date(
        make_day(year, month as f64, date),
        make_time(h, mi, sec, 0.0),
    );
    Some(match offset {
        Some(o) => t - o,
        None => utc(t),
    })
}

/// `Date.parse`'s result for the ASCII string `s` (not yet TimeClipped).
pub fn parse(s: &[u8]) -> f64 {
    // No trimming: V8 reads " 2024-06-01" as a legacy (local) date and rejects a trailing
    // space after an ISO string.
    parse_iso(s)
        .or_else(|| parse_legacy(s))
        .or_else(|| super::legacy_parse::parse(s))
        .unwrap_or(f64::NAN)
}
