//! `toLocaleString`, `toLocaleDateString` and `toLocaleTimeString` with options, without
//! Intl: `Intl.DateTimeFormat`'s component options (weekday, year, month, day, hour, minute,
//! second, timeZoneName), `hour12`/`hourCycle`, `dateStyle`/`timeStyle` and the "UTC" time
//! zone, formatted with the "en-US" patterns node (ICU) uses for them, or "en-GB"'s (day
//! first, 24-hour clock). Other locales format as "en-US"; other time zones as local time.

use super::time::{
    date_from_time, hour_from_time, local_time, min_from_time, month_from_time, offset_at_utc,
    sec_from_time, week_day, year_from_time, Buf, MS_PER_MINUTE,
};
use crate::convert::{to_boolean, to_object, to_string};
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use crate::string::JsString;
use conch_gc::{Gc, Value};

/// Which method: the defaults it adds and the style it refuses.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Required {
    Date,
    Time,
    Any,
}

#[derive(Clone, Copy, PartialEq)]
enum Cycle {
    H11,
    H12,
    H23,
    H24,
}

/// A resolved format. Component widths: 0 absent; weekday 1 narrow, 2 short, 3 long; year,
/// day, hour, minute, second 1 numeric, 2 2-digit; month 1 numeric, 2 2-digit, 3 narrow,
/// 4 short, 5 long; styles 1 full, 2 long, 3 medium, 4 short.
#[derive(Clone, Copy, Default)]
pub(super) struct DateFormat {
    weekday: u8,
    year: u8,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    zone_name: bool,
    date_style: u8,
    time_style: u8,
    cycle: Option<Cycle>,
    utc: bool,
    /// British English: day before month, two-digit numeric days and months, 24-hour clock.
    gb: bool,
}

/// Whether the first of `locales` is British English ("en-GB", "en-GB-…").
pub(super) fn is_gb(cx: &mut Cx, locales: Value) -> JsResult<bool> {
    let first = if locales.is_undefined() || JsString::from_value(locales).is_some() {
        locales
    } else {
        let o = to_object(cx, locales)?;
        ops::get_v(cx, o, crate::key::PropertyKey::index(0))?
    };
    let Some(s) = JsString::from_value(first) else {
        return Ok(false);
    };
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let tag = b"en-gb";
    Ok(c.len() >= 5
        && (0..5).all(|i| c.at(i) < 0x80 && (c.at(i) as u8).to_ascii_lowercase() == tag[i])
        && (c.len() == 5 || c.at(5) == u16::from(b'-')))
}

fn get(cx: &mut Cx, o: Option<Gc<Object>>, name: &str) -> JsResult<Value> {
    match o {
        None => Ok(Value::UNDEFINED),
        Some(o) => {
            let k = cx.rt.key(name)?;
            ops::get_v(cx, o, k)
        }
    }
}

/// GetOption for a string: 1 + the index in `values`, 0 when absent.
fn pick(cx: &mut Cx, o: Option<Gc<Object>>, name: &str, values: &[&str]) -> JsResult<u8> {
    let v = get(cx, o, name)?;
    if v.is_undefined() {
        return Ok(0);
    }
    let s = to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    if let Some(i) = values.iter().position(|x| s.chars().eq_ascii(x)) {
        return Ok(i as u8 + 1);
    }
    // V8's words: "Value bogus out of range for Date.prototype.toLocaleString options
    // property month".
    let mut msg = [0u16; 320];
    let mut n = 0;
    let mut put = |u: u16| {
        if n < msg.len() {
            msg[n] = u;
            n += 1;
        }
    };
    "Value ".encode_utf16().for_each(&mut put);
    s.chars().units().take(200).for_each(&mut put);
    " out of range for Date.prototype.toLocaleString options property "
        .encode_utf16()
        .chain(name.encode_utf16())
        .for_each(&mut put);
    let m = JsString::from_utf16(cx.heap(), &msg[..n])?;
    let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, m.to_value())?;
    Err(crate::cx::Throw::Value(e.to_value()))
}

/// Reads `options` as `Intl.DateTimeFormat` does, then ToDateTimeOptions' defaults.
pub(super) fn read(
    cx: &mut Cx,
    options: Value,
    required: Required,
    gb: bool,
) -> JsResult<DateFormat> {
    let o = if options.is_undefined() {
        None
    } else {
        Some(to_object(cx, options)?)
    };
    let mut f = DateFormat {
        gb,
        ..DateFormat::default()
    };
    pick(cx, o, "localeMatcher", &["lookup", "best fit"])?;
    get(cx, o, "calendar")?;
    get(cx, o, "numberingSystem")?;
    let h12 = get(cx, o, "hour12")?;
    let hc = pick(cx, o, "hourCycle", &["h11", "h12", "h23", "h24"])?;
    f.cycle = if !h12.is_undefined() {
        // V8 with node 20's ICU: hour12 false is the "k" (1-24) cycle in en-US; en-GB's
        // 12-hour clock is "K" (0-11).
        Some(match (to_boolean(h12), gb) {
            (true, false) => Cycle::H12,
            (true, true) => Cycle::H11,
            (false, false) => Cycle::H24,
            (false, true) => Cycle::H23,
        })
    } else {
        [
            None,
            Some(Cycle::H11),
            Some(Cycle::H12),
            Some(Cycle::H23),
            Some(Cycle::H24),
        ][hc as usize]
    };
    let tz = get(cx, o, "timeZone")?;
    if !tz.is_undefined() {
        let s = to_string(cx, tz)?;
        let s = JsString::flatten(cx.heap(), s)?;
        let c = s.chars();
        f.utc = [
            "UTC",
            "Etc/UTC",
            "GMT",
            "Etc/GMT",
            "Etc/Universal",
            "Etc/Zulu",
            "Zulu",
        ]
        .iter()
        .any(|z| {
            c.len() == z.len()
                && (0..z.len()).all(|i| {
                    let u = c.at(i);
                    u < 0x80 && (u as u8).eq_ignore_ascii_case(&z.as_bytes()[i])
                })
        });
    }
    f.weekday = pick(cx, o, "weekday", &["narrow", "short", "long"])?;
    pick(cx, o, "era", &["narrow", "short", "long"])?;
    f.year = pick(cx, o, "year", &["numeric", "2-digit"])?;
    f.month = pick(
        cx,
        o,
        "month",
        &["numeric", "2-digit", "narrow", "short", "long"],
    )?;
    f.day = pick(cx, o, "day", &["numeric", "2-digit"])?;
    let day_period = pick(cx, o, "dayPeriod", &["narrow", "short", "long"])?;
    f.hour = pick(cx, o, "hour", &["numeric", "2-digit"])?;
    f.minute = pick(cx, o, "minute", &["numeric", "2-digit"])?;
    f.second = pick(cx, o, "second", &["numeric", "2-digit"])?;
    let fsd = get(cx, o, "fractionalSecondDigits")?;
    f.zone_name = pick(
        cx,
        o,
        "timeZoneName",
        &[
            "short",
            "long",
            "shortOffset",
            "longOffset",
            "shortGeneric",
            "longGeneric",
        ],
    )? != 0;
    pick(cx, o, "formatMatcher", &["basic", "best fit"])?;
    f.date_style = pick(cx, o, "dateStyle", &["full", "long", "medium", "short"])?;
    f.time_style = pick(cx, o, "timeStyle", &["full", "long", "medium", "short"])?;
    if required == Required::Time && f.date_style != 0 {
        return Err(cx.type_error("Invalid option : dateStyle"));
    }
    if required == Required::Date && f.time_style != 0 {
        return Err(cx.type_error("Invalid option : timeStyle"));
    }
    if f.date_style != 0 || f.time_style != 0 {
        return Ok(f);
    }
    let has_date = f.weekday != 0 || f.year != 0 || f.month != 0 || f.day != 0;
    let has_time =
        day_period != 0 || f.hour != 0 || f.minute != 0 || f.second != 0 || !fsd.is_undefined();
    let need = match required {
        Required::Date => !has_date,
        Required::Time => !has_time,
        Required::Any => !has_date && !has_time,
    };
    if need && required != Required::Time {
        (f.year, f.month, f.day) = (1, 1, 1);
    }
    if need && required != Required::Date {
        (f.hour, f.minute, f.second) = (1, 1, 1);
    }
    Ok(f)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A name at width 1 (narrow: the first letter), 2 (short: three letters) or 3 (long).
fn name(b: &mut Buf, full: &str, width: u8) {
    b.str(match width {
        1 => &full[..1],
        2 => &full[..3],
        _ => full,
    });
}

fn num(b: &mut Buf, v: f64, width: u8) {
    b.num(v, if width == 2 { 2 } else { 1 });
}

/// Formats the valid time value `tv`.
pub(super) fn format(b: &mut Buf, tv: f64, f: &DateFormat) {
    let mut f = *f;
    let (mut join_at, mut tz_long) = (false, false);
    if f.gb && f.date_style == 4 {
        // "09/02/2024".
        f.year = 1;
        (f.month, f.day) = (1, 1);
        f.date_style = 0;
    }
    match f.date_style {
        1 => (f.weekday, f.month, f.day, f.year, join_at) = (3, 5, 1, 1, true),
        2 => (f.month, f.day, f.year, join_at) = (5, 1, 1, true),
        3 => (f.month, f.day, f.year) = (4, 1, 1),
        4 => (f.month, f.day, f.year) = (1, 1, 2),
        _ => join_at = f.month == 5,
    }
    match f.time_style {
        1 => (f.hour, f.minute, f.second, f.zone_name, tz_long) = (1, 2, 2, true, true),
        2 => (f.hour, f.minute, f.second, f.zone_name) = (1, 2, 2, true),
        3 => (f.hour, f.minute, f.second) = (1, 2, 2),
        4 => (f.hour, f.minute) = (1, 2),
        _ => {}
    }
    let t = if f.utc { tv } else { local_time(tv) };
    let has_date = f.weekday != 0 || f.year != 0 || f.month != 0 || f.day != 0;
    let has_time = f.hour != 0 || f.minute != 0 || f.second != 0;
    if has_date {
        date_part(b, t, &f);
    }
    let weekday_only = f.year == 0 && f.month == 0 && f.day == 0;
    let joiner = if join_at {
        " at "
    } else if weekday_only && !f.gb {
        " "
    } else {
        ", "
    };
    if has_time {
        if has_date {
            b.str(joiner);
        }
        time_part(b, t, &f);
    }
    if f.zone_name {
        // After a time a space; after a date alone the date-time joiner.
        b.str(if has_date && !has_time { joiner } else { " " });
        zone(b, tv, f.utc, tz_long);
    }
}

fn date_part(b: &mut Buf, t: f64, f: &DateFormat) {
    if f.gb {
        return date_part_gb(b, t, f);
    }
    let y = year_from_time(t);
    let year = |b: &mut Buf| {
        if f.year == 2 {
            b.num(y.rem_euclid(100.0), 2);
        } else {
            b.num(if y <= 0.0 { 1.0 - y } else { y }, 1);
        }
    };
    if f.weekday != 0 {
        name(b, DAYS[week_day(t) as usize], f.weekday);
        if f.year == 0 && f.month == 0 && f.day == 0 {
            return;
        }
        b.str(", ");
    }
    let m = month_from_time(t);
    if f.month >= 3 {
        name(b, MONTHS[m as usize], f.month - 2);
        if f.day != 0 {
            b.push(b' ');
            num(b, date_from_time(t), f.day);
            if f.year != 0 {
                b.push(b',');
            }
        }
        if f.year != 0 {
            b.push(b' ');
            year(b);
        }
        return;
    }
    let mut first = true;
    let mut sep = |b: &mut Buf| {
        if !first {
            b.push(b'/');
        }
        first = false;
    };
    if f.month != 0 {
        sep(b);
        num(b, m + 1.0, f.month);
    }
    if f.day != 0 {
        sep(b);
        num(b, date_from_time(t), f.day);
    }
    if f.year != 0 {
        sep(b);
        year(b);
    }
}

/// "Friday, 9 February 2024", "Fri 9 Feb", "09/02/2024".
fn date_part_gb(b: &mut Buf, t: f64, f: &DateFormat) {
    let y = year_from_time(t);
    let year = |b: &mut Buf| {
        if f.year == 2 {
            b.num(y.rem_euclid(100.0), 2);
        } else {
            b.num(if y <= 0.0 { 1.0 - y } else { y }, 1);
        }
    };
    let m = month_from_time(t);
    if f.weekday != 0 {
        name(b, DAYS[week_day(t) as usize], f.weekday);
        if f.year == 0 && f.month == 0 && f.day == 0 {
            return;
        }
        b.str(if f.year != 0 { ", " } else { " " });
    }
    if f.month >= 3 {
        if f.day != 0 {
            num(b, date_from_time(t), f.day);
            b.push(b' ');
        }
        name(b, MONTHS[m as usize], f.month - 2);
        if f.year != 0 {
            b.push(b' ');
            year(b);
        }
        return;
    }
    let mut first = true;
    let mut sep = |b: &mut Buf| {
        if !first {
            b.push(b'/');
        }
        first = false;
    };
    // Two digits, except for a day or a month alone.
    let alone = [f.day, f.month, f.year].iter().filter(|&&w| w != 0).count() == 1;
    let width = |w: u8| if alone { w } else { 2 };
    if f.day != 0 {
        sep(b);
        num(b, date_from_time(t), width(f.day));
    }
    if f.month != 0 {
        sep(b);
        num(b, m + 1.0, width(f.month));
    }
    if f.year != 0 {
        sep(b);
        year(b);
    }
}

fn time_part(b: &mut Buf, t: f64, f: &DateFormat) {
    let cycle = f
        .cycle
        .unwrap_or(if f.gb { Cycle::H23 } else { Cycle::H12 });
    let h = hour_from_time(t);
    if f.hour != 0 {
        let (shown, pad) = match cycle {
            Cycle::H12 => (if h % 12.0 == 0.0 { 12.0 } else { h % 12.0 }, f.hour),
            Cycle::H11 => (h % 12.0, f.hour),
            Cycle::H23 => (h, 2),
            Cycle::H24 => (if h == 0.0 { 24.0 } else { h }, 2),
        };
        num(b, shown, pad);
    }
    if f.minute != 0 {
        if f.hour != 0 {
            b.push(b':');
        }
        b.num(
            min_from_time(t),
            if f.hour != 0 || f.second != 0 { 2 } else { 1 },
        );
    }
    if f.second != 0 {
        if f.hour != 0 || f.minute != 0 {
            b.push(b':');
        }
        b.num(
            sec_from_time(t),
            if f.hour != 0 || f.minute != 0 { 2 } else { 1 },
        );
    }
    if f.hour != 0 && matches!(cycle, Cycle::H12 | Cycle::H11) {
        b.str(match (h < 12.0, f.gb) {
            (true, false) => " AM",
            (false, false) => " PM",
            (true, true) => " am",
            (false, true) => " pm",
        });
    }
}

/// "UTC" (or "Coordinated Universal Time"), else the local zone's name, or its offset.
fn zone(b: &mut Buf, tv: f64, utc: bool, long: bool) {
    if utc {
        b.str(if long {
            "Coordinated Universal Time"
        } else {
            "UTC"
        });
        return;
    }
    if super::time::locale_zone_name(b, tv, long) {
        return;
    }
    // "GMT+1", "GMT-5:30"; long: "GMT+01:00".
    let off = offset_at_utc(tv) / MS_PER_MINUTE;
    b.str("GMT");
    if off != 0.0 {
        b.push(if off < 0.0 { b'-' } else { b'+' });
        let a = off.abs();
        b.num((a / 60.0).floor(), if long { 2 } else { 1 });
        if long || a % 60.0 != 0.0 {
            b.push(b':');
            b.num(a % 60.0, 2);
        }
    }
}
