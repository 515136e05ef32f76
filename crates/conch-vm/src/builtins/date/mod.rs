//! `Date` (ECMA-262 §21.4, with Annex B's `getYear`, `setYear` and `toGMTString`).
//!
//! Instances are `ObjectClass::Date` objects whose `internal(0)` is `[[DateValue]]` (a
//! number). The time value algorithms, the local time zone (the OS database through
//! `localtime_r`), the string formats and `Date.parse` are in `time.rs`; every string is
//! formatted into a fixed stack buffer (the formats are bounded).

mod legacy_parse;
mod locale;
#[cfg(test)]
mod tests;
pub(crate) mod time;

use super::{arg, constructor, data, fill_constructor, link_constructor, method, method_key, Lazy};
use crate::builtins::error::shown::{error, incompatible_receiver, incompatible_receiver_of, Part};
use crate::convert::{to_number, to_primitive, Hint};
use crate::cx::{Cx, ErrorKind, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::string::{Chars, JsString};
use crate::WellKnown;
use conch_gc::{Gc, Value};
use time::*;

/// The current time value (ms since the epoch, integral).
fn now() -> f64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_millis() as f64,
        Err(e) => -(e.duration().as_millis() as f64),
    }
}

/// `thisTimeValue(value)`: the `[[DateValue]]` of a Date instance, else a TypeError.
fn this_time(cx: &Cx, v: Value) -> JsResult<f64> {
    match Object::from_value(v).filter(|o| o.class() == ObjectClass::Date) {
        Some(o) => Ok(o.internal(0).as_number().unwrap_or(f64::NAN)),
        None => Err(cx.type_error("this is not a Date object.")),
    }
}

/// The Date behind `v`, or V8's "Method Date.prototype.NAME called on incompatible receiver"
/// naming the method `callee`.
fn this_date(cx: &Cx, callee: Gc<Object>, v: Value) -> JsResult<Gc<Object>> {
    Object::from_value(v)
        .filter(|o| o.class() == ObjectClass::Date)
        .ok_or_else(|| incompatible_receiver_of(cx, "Date.prototype.", callee, v))
}

/// [`this_time`] with [`this_date`]'s error.
fn this_time_of(cx: &Cx, callee: Gc<Object>, v: Value) -> JsResult<f64> {
    let o = this_date(cx, callee, v)?;
    Ok(o.internal(0).as_number().unwrap_or(f64::NAN))
}

fn ascii(cx: &Cx, b: &Buf) -> JsResult<Value> {
    Ok(JsString::from_latin1(cx.heap(), b.as_bytes())?.to_value())
}

fn invalid(cx: &Cx) -> JsResult<Value> {
    Ok(cx.string("Invalid Date")?.to_value())
}

/// `Date.parse`'s algorithm on a string value.
fn parse_string(cx: &Cx, s: Gc<JsString>) -> JsResult<f64> {
    let flat = JsString::flatten(cx.heap(), s)?;
    let mut buf = [0u8; 128];
    let chars = flat.chars();
    if chars.len() > buf.len() {
        return Ok(f64::NAN);
    }
    for (i, d) in buf.iter_mut().enumerate().take(chars.len()) {
        let c = match chars {
            Chars::One(b) => b[i] as u16,
            Chars::Two(w) => w[i],
        };
        // Non-ASCII characters only matter as white space (node's toLocaleTimeString puts
        // U+202F before "PM") or as letters of words that are not keywords.
        *d = if c < 0x80 {
            c as u8
        } else if crate::numconv::is_str_whitespace(c) {
            b' '
        } else {
            0xff
        };
    }
    Ok(time::parse(&buf[..chars.len()]))
}

/// The `Date` constructor (§21.4.2.1).
fn date_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    if nt.is_undefined() {
        let mut b = Buf::new();
        to_date_string(&mut b, now());
        return ascii(cx, &b);
    }
    let dv = match args.len() {
        0 => now(),
        1 => {
            let v = args[0];
            let tv = match Object::from_value(v).filter(|o| o.class() == ObjectClass::Date) {
                Some(o) => o.internal(0).as_number().unwrap_or(f64::NAN),
                None => {
                    let p = to_primitive(cx, v, Hint::Default)?;
                    match JsString::from_value(p) {
                        Some(s) => parse_string(cx, s)?,
                        None => to_number(cx, p)?,
                    }
                }
            };
            time_clip(tv)
        }
        _ => {
            let f = fields_from_args(cx, args)?;
            time_clip(utc(f))
        }
    };
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::DatePrototype)?;
    let o = cx.new_object_with(ObjectClass::Date, proto)?;
    Object::set_internal(o, 0, Value::number(dv));
    Ok(o.to_value())
}

/// Steps shared by `new Date(y, m, …)` and `Date.UTC`: ToNumber of each argument in order
/// (month 0, date 1, the rest 0 when absent), MakeFullYear, MakeDate (not yet clipped).
fn fields_from_args(cx: &mut Cx, args: &[Value]) -> JsResult<f64> {
    let y = to_number(cx, arg(args, 0))?;
    let mut f = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, slot) in f.iter_mut().enumerate().skip(1) {
        if let Some(&v) = args.get(i) {
            *slot = to_number(cx, v)?;
        }
    }
    let yr = make_full_year(y);
    Ok(make_date(
        make_day(yr, f[1], f[2]),
        make_time(f[3], f[4], f[5], f[6]),
    ))
}

fn date_now(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::number(now()))
}

fn date_parse(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = crate::convert::to_string(cx, arg(args, 0))?;
    Ok(Value::number(time_clip(parse_string(cx, s)?)))
}

fn date_utc(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let t = fields_from_args(cx, args)?;
    Ok(Value::number(time_clip(t)))
}

/// Defines a getter reading one field of the (local or UTC) time.
macro_rules! getters {
    ($($name:ident => $local:expr, $f:expr;)*) => {$(
        fn $name(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
            let t = this_time(cx, this)?;
            if t.is_nan() {
                return Ok(Value::number(f64::NAN));
            }
            let t = if $local { local_time(t) } else { t };
            let f: fn(f64) -> f64 = $f;
            Ok(Value::number(f(t)))
        }
    )*};
}

getters! {
    get_date => true, date_from_time;
    get_day => true, week_day;
    get_full_year => true, year_from_time;
    get_hours => true, hour_from_time;
    get_milliseconds => true, ms_from_time;
    get_minutes => true, min_from_time;
    get_month => true, month_from_time;
    get_seconds => true, sec_from_time;
    get_utc_date => false, date_from_time;
    get_utc_day => false, week_day;
    get_utc_full_year => false, year_from_time;
    get_utc_hours => false, hour_from_time;
    get_utc_milliseconds => false, ms_from_time;
    get_utc_minutes => false, min_from_time;
    get_utc_month => false, month_from_time;
    get_utc_seconds => false, sec_from_time;
    get_year => true, |t| year_from_time(t) - 1900.0;
}

fn get_time(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::number(this_time(cx, this)?))
}

fn get_timezone_offset(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let t = this_time(cx, this)?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    Ok(Value::number((t - local_time(t)) / MS_PER_MINUTE))
}

/// The fields a setter may replace, in MakeDay/MakeTime order.
const YEAR: usize = 0;
const MONTH: usize = 1;
const DATE: usize = 2;
const HOURS: usize = 3;
const MINUTES: usize = 4;
const SECONDS: usize = 5;
const MS: usize = 6;

/// The `set…` methods: read `[[DateValue]]`, convert the present arguments in order (the
/// first always), then — unless the date is NaN (setFullYear: which starts from +0) — replace
/// fields `first ..` of the local (or UTC) time and store the clipped result.
fn set_fields(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    args: &[Value],
    local: bool,
    first: usize,
    count: usize,
) -> JsResult<Value> {
    let o = this_date(cx, callee, this)?;
    let mut t = o.internal(0).as_number().unwrap_or(f64::NAN);
    let mut vals = [0.0; 4];
    vals[0] = to_number(cx, arg(args, 0))?;
    for (i, v) in vals.iter_mut().enumerate().take(count).skip(1) {
        if let Some(&a) = args.get(i) {
            *v = to_number(cx, a)?;
        }
    }
    if t.is_nan() {
        if first != YEAR {
            return Ok(Value::number(f64::NAN));
        }
        t = 0.0;
    } else if local {
        t = local_time(t);
    }
    let mut f = [
        year_from_time(t),
        month_from_time(t),
        date_from_time(t),
        hour_from_time(t),
        min_from_time(t),
        sec_from_time(t),
        ms_from_time(t),
    ];
    for (i, &v) in vals.iter().enumerate().take(count.min(args.len().max(1))) {
        f[first + i] = v;
    }
    let d = make_date(
        make_day(f[0], f[1], f[2]),
        make_time(f[3], f[4], f[5], f[6]),
    );
    let u = time_clip(if local { utc(d) } else { d });
    Object::set_internal(o, 0, Value::number(u));
    Ok(Value::number(u))
}

macro_rules! setters {
    ($($name:ident => $local:expr, $first:expr, $count:expr;)*) => {$(
        fn $name(cx: &mut Cx, f: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
            set_fields(cx, f, this, args, $local, $first, $count)
        }
    )*};
}

setters! {
    set_date => true, DATE, 1;
    set_full_year => true, YEAR, 3;
    set_hours => true, HOURS, 4;
    set_milliseconds => true, MS, 1;
    set_minutes => true, MINUTES, 3;
    set_month => true, MONTH, 2;
    set_seconds => true, SECONDS, 2;
    set_utc_date => false, DATE, 1;
    set_utc_full_year => false, YEAR, 3;
    set_utc_hours => false, HOURS, 4;
    set_utc_milliseconds => false, MS, 1;
    set_utc_minutes => false, MINUTES, 3;
    set_utc_month => false, MONTH, 2;
    set_utc_seconds => false, SECONDS, 2;
}

fn set_time(cx: &mut Cx, f: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let o = this_date(cx, f, this)?;
    let t = to_number(cx, arg(args, 0))?;
    let v = time_clip(t);
    Object::set_internal(o, 0, Value::number(v));
    Ok(Value::number(v))
}

/// Annex B `setYear(year)`.
fn set_year(cx: &mut Cx, f: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let o = this_date(cx, f, this)?;
    let t = o.internal(0).as_number().unwrap_or(f64::NAN);
    let y = to_number(cx, arg(args, 0))?;
    let t = if t.is_nan() { 0.0 } else { local_time(t) };
    let yyyy = make_full_year(y);
    let d = make_day(yyyy, month_from_time(t), date_from_time(t));
    let date = make_date(d, time_within_day(t));
    let u = time_clip(utc(date));
    Object::set_internal(o, 0, Value::number(u));
    Ok(Value::number(u))
}

/// Defines a string-producing method: `$f(buf, tv)` for a valid time value.
macro_rules! formats {
    ($($name:ident => $f:expr;)*) => {$(
        fn $name(cx: &mut Cx, f: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
            let tv = this_time_of(cx, f, this)?;
            if tv.is_nan() {
                return invalid(cx);
            }
            let mut b = Buf::new();
            let f: fn(&mut Buf, f64) = $f;
            f(&mut b, tv);
            ascii(cx, &b)
        }
    )*};
}

formats! {
    to_string => to_date_string;
    to_date_string_m => |b, tv| date_string(b, local_time(tv));
    to_time_string => |b, tv| {
        time_string(b, local_time(tv));
        time_zone_string(b, tv);
    };
    to_utc_string => utc_string;
}

/// `toLocaleString`, `toLocaleDateString`, `toLocaleTimeString` without Intl: the "en-US"
/// formats of `Intl.DateTimeFormat`'s defaults (what node prints in that locale), or with
/// options those `locale.rs` reads (of the locales, only "en-GB" is told apart).
fn locale_method(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    args: &[Value],
    required: locale::Required,
) -> JsResult<Value> {
    let tv = this_time_of(cx, f, this)?;
    let gb = locale::is_gb(cx, arg(args, 0))?;
    let options = arg(args, 1);
    let format = if options.is_undefined() && !gb {
        None
    } else {
        Some(locale::read(cx, options, required, gb)?)
    };
    if tv.is_nan() {
        return invalid(cx);
    }
    let mut b = Buf::new();
    match format {
        Some(fmt) => locale::format(&mut b, tv, &fmt),
        None => {
            let t = local_time(tv);
            if required != locale::Required::Time {
                locale_date(&mut b, t);
            }
            if required == locale::Required::Any {
                b.str(", ");
            }
            if required != locale::Required::Date {
                locale_time(&mut b, t);
            }
        }
    }
    ascii(cx, &b)
}

fn to_locale_string(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    locale_method(cx, f, this, args, locale::Required::Any)
}

fn to_locale_date_string(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    locale_method(cx, f, this, args, locale::Required::Date)
}

fn to_locale_time_string(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    locale_method(cx, f, this, args, locale::Required::Time)
}

fn to_iso_string(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let tv = this_time_of(cx, f, this)?;
    if tv.is_nan() {
        return Err(cx.range_error("Invalid time value"));
    }
    let mut b = Buf::new();
    iso_string(&mut b, tv);
    ascii(cx, &b)
}

fn to_json(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let o = crate::convert::to_object(cx, this)?;
    let tv = to_primitive(cx, o.to_value(), Hint::Number)?;
    if tv.as_number().is_some_and(|n| !n.is_finite()) {
        return Ok(Value::NULL);
    }
    let key = cx.rt.key("toISOString")?;
    let f = ops::get_v(cx, o, key)?;
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("toISOString is not a function"));
    }
    ops::call(cx, f, o.to_value(), &[])
}

fn value_of(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::number(this_time(cx, this)?))
}

/// `Date.prototype[@@toPrimitive](hint)`.
fn to_primitive_m(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(o) = Object::from_value(this) else {
        return Err(incompatible_receiver(
            cx,
            &["Date.prototype [ @@toPrimitive ]"],
            this,
        ));
    };
    let hint = match JsString::from_value(arg(args, 0)) {
        Some(h) => Some(JsString::flatten(cx.heap(), h)?),
        None => None,
    };
    let is = |w: &str| hint.is_some_and(|h| h.chars().eq_ascii(w));
    let string_first = match () {
        _ if is("string") || is("default") => true,
        _ if is("number") => false,
        _ => {
            let h = arg(args, 0);
            return Err(error(
                cx,
                ErrorKind::TypeError,
                &[Part::Text("Invalid hint: "), Part::Shown(h)],
            ));
        }
    };
    // OrdinaryToPrimitive(O, tryFirst).
    let order = if string_first {
        [Name::toString, Name::valueOf]
    } else {
        [Name::valueOf, Name::toString]
    };
    for n in order {
        let key = cx.name(n);
        let f = ops::get_v(cx, o, key)?;
        if Object::from_value(f).is_some_and(|f| f.is_callable()) {
            let r = ops::call(cx, f, this, &[])?;
            if Object::from_value(r).is_none() {
                return Ok(r);
            }
        }
    }
    Err(cx.type_error("Cannot convert object to primitive value"))
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    // Date.prototype is an ordinary object (no [[DateValue]]).
    let dp = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Context::set_intrinsic(cx.realm, Intrinsic::DatePrototype, dp.to_value());
    let c = constructor(cx, global, "Date", date_ctor, dp, fp, Lazy::DateCtor)?;
    Context::set_intrinsic(cx.realm, Intrinsic::Date, c.to_value());
    Object::set_lazy(dp, Lazy::DateProto as u8);
    Ok(())
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 7)?;
    method(cx, c, "now", 0, date_now)?;
    method(cx, c, "parse", 1, date_parse)?;
    method(cx, c, "UTC", 7, date_utc)?;
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::Date)?;
    type F = crate::object::NativeFn;
    let methods: [(&str, u32, F); 44] = [
        ("getDate", 0, get_date),
        ("getDay", 0, get_day),
        ("getFullYear", 0, get_full_year),
        ("getHours", 0, get_hours),
        ("getMilliseconds", 0, get_milliseconds),
        ("getMinutes", 0, get_minutes),
        ("getMonth", 0, get_month),
        ("getSeconds", 0, get_seconds),
        ("getTime", 0, get_time),
        ("getTimezoneOffset", 0, get_timezone_offset),
        ("getUTCDate", 0, get_utc_date),
        ("getUTCDay", 0, get_utc_day),
        ("getUTCFullYear", 0, get_utc_full_year),
        ("getUTCHours", 0, get_utc_hours),
        ("getUTCMilliseconds", 0, get_utc_milliseconds),
        ("getUTCMinutes", 0, get_utc_minutes),
        ("getUTCMonth", 0, get_utc_month),
        ("getUTCSeconds", 0, get_utc_seconds),
        ("getYear", 0, get_year),
        ("setDate", 1, set_date),
        ("setFullYear", 3, set_full_year),
        ("setHours", 4, set_hours),
        ("setMilliseconds", 1, set_milliseconds),
        ("setMinutes", 3, set_minutes),
        ("setMonth", 2, set_month),
        ("setSeconds", 2, set_seconds),
        ("setTime", 1, set_time),
        ("setUTCDate", 1, set_utc_date),
        ("setUTCFullYear", 3, set_utc_full_year),
        ("setUTCHours", 4, set_utc_hours),
        ("setUTCMilliseconds", 1, set_utc_milliseconds),
        ("setUTCMinutes", 3, set_utc_minutes),
        ("setUTCMonth", 2, set_utc_month),
        ("setUTCSeconds", 2, set_utc_seconds),
        ("setYear", 1, set_year),
        ("toDateString", 0, to_date_string_m),
        ("toISOString", 0, to_iso_string),
        ("toJSON", 1, to_json),
        ("toLocaleDateString", 0, to_locale_date_string),
        ("toLocaleString", 0, to_locale_string),
        ("toLocaleTimeString", 0, to_locale_time_string),
        ("toString", 0, to_string),
        ("toTimeString", 0, to_time_string),
        ("valueOf", 0, value_of),
    ];
    for (name, len, f) in methods {
        method(cx, p, name, len, f)?;
    }
    // toGMTString is the same function object as toUTCString (Annex B.2.3.3).
    let utc_fn = method(cx, p, "toUTCString", 0, to_utc_string)?;
    let gk = cx.rt.key("toGMTString")?;
    data(cx, p, gk, utc_fn.to_value(), attrs::HIDDEN)?;
    let tp = PropertyKey::symbol(cx.rt.well_known(WellKnown::toPrimitive));
    let f = method_key(cx, p, tp, 1, to_primitive_m)?;
    // { [[Writable]]: false, [[Configurable]]: true }.
    data(cx, p, tp, f.to_value(), attrs::CONFIGURABLE)
}
