//! `Number.prototype.toLocaleString(locales, options)` without Intl: the options of
//! `Intl.NumberFormat` that programs pass most (`style` decimal/percent/currency/unit,
//! `currency`, `currencyDisplay`, `currencySign`, `unit`, `unitDisplay`, `notation` with
//! `compactDisplay`, the digit options, `useGrouping`, `signDisplay`), read in ECMA-402's
//! order, and the separators of a few locales (English, with India's lakh grouping for
//! "en-IN"; German; French); any other locale formats as "en-US" (and the words of compact
//! notation, units and currency names are English's). Digits come from the shortest
//! round-trip decimal of the value, rounded half away from zero, as ICU does.

use crate::convert::{to_boolean, to_number, to_object, to_string};
use crate::cx::{Cx, JsResult};
use crate::numconv::{self, round_half_up, MAX_EXACT_DIGITS};
use crate::object::Object;
use crate::ops;
use crate::string::JsString;
use conch_gc::{Gc, Value};

#[derive(Clone, Copy, PartialEq)]
enum Loc {
    En,
    EnIn,
    De,
    Fr,
    /// es, it: German separators, no grouping of four-digit numbers.
    Es,
    It,
    /// pt-BR, nl, id, tr, da: German separators with their own affixes.
    PtBr,
    Nl,
    Id,
    Tr,
    Da,
    /// pt-PT, pl: no-break-space groups, none for four digits.
    PtPt,
    Pl,
    /// sv, nb, fi: no-break-space groups and U+2212 for minus.
    Nordic,
    /// ru, cs, de-AT: no-break-space groups.
    Ru,
    DeAt,
    /// de-CH: apostrophe groups, a decimal point, currency codes.
    DeCh,
}

/// A locale's symbols: group separator, decimal separator, whether four-digit numbers stay
/// ungrouped, the minus sign, the percent prefix and suffix, and whether the currency comes
/// before the number (and then with a no-break space).
struct Symbols {
    group: &'static str,
    decimal: &'static str,
    min2: bool,
    minus: &'static str,
    percent: (&'static str, &'static str),
    currency_before: bool,
    currency_space: bool,
}

fn symbols(loc: Loc) -> Symbols {
    let s = |group, decimal, min2, minus, percent, currency_before, currency_space| Symbols {
        group,
        decimal,
        min2,
        minus,
        percent,
        currency_before,
        currency_space,
    };
    const NB: &str = "\u{a0}";
    match loc {
        Loc::En | Loc::EnIn => s(",", ".", false, "-", ("", "%"), true, false),
        Loc::De => s(".", ",", false, "-", ("", "\u{a0}%"), false, true),
        Loc::Fr => s("\u{202f}", ",", false, "-", ("", "\u{a0}%"), false, true),
        Loc::Es => s(".", ",", true, "-", ("", "\u{a0}%"), false, true),
        Loc::It => s(".", ",", true, "-", ("", "%"), false, true),
        Loc::PtBr | Loc::Nl => s(".", ",", false, "-", ("", "%"), true, true),
        Loc::Id => s(".", ",", false, "-", ("", "%"), true, false),
        Loc::Tr => s(".", ",", false, "-", ("%", ""), true, false),
        Loc::Da => s(".", ",", false, "-", ("", "\u{a0}%"), false, true),
        Loc::PtPt | Loc::Pl => s(NB, ",", true, "-", ("", "%"), false, true),
        Loc::Nordic => s(NB, ",", false, "\u{2212}", ("", "\u{a0}%"), false, true),
        Loc::Ru => s(NB, ",", false, "-", ("", "\u{a0}%"), false, true),
        Loc::DeAt => s(NB, ",", false, "-", ("", "\u{a0}%"), true, true),
        Loc::DeCh => s("'", ".", false, "-", ("", "%"), true, true),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Decimal,
    Percent,
    Currency,
    Unit,
}

#[derive(Clone, Copy, PartialEq)]
enum Notation {
    Standard,
    Scientific,
    Engineering,
    Compact,
}

#[derive(Clone, Copy, PartialEq)]
enum Sign {
    Auto,
    Always,
    ExceptZero,
    Never,
    Negative,
}

/// A resolved number format.
pub(super) struct NumberFormat {
    loc: Loc,
    style: Style,
    currency: [u8; 3],
    /// `currencyDisplay`: 0 code, 1 symbol, 2 narrowSymbol, 3 name.
    display: usize,
    /// `currencySign: "accounting"`: negative amounts in parentheses (English).
    accounting: bool,
    /// The unit (an index in `UNITS`) and the unit it is per, if any.
    unit: (usize, Option<usize>),
    /// `unitDisplay`: 0 short, 1 narrow, 2 long.
    unit_display: usize,
    notation: Notation,
    compact_long: bool,
    /// Compact notation's own rounding (no digit option given): two significant digits
    /// below 100, else whole numbers.
    compact_rounding: bool,
    sign: Sign,
    min_int: u32,
    min_fd: u32,
    max_fd: u32,
    /// (minimum, maximum) significant digits, when given.
    sig: Option<(u32, u32)>,
    grouping: bool,
    /// Grouping only from five integer digits ("min2", compact notation's default).
    min2: bool,
}

/// The units of ECMA-402's sanctioned list (and two compound ones with their own words):
/// the identifier, then the text after the number: short singular and plural, long singular
/// and plural, narrow.
const UNITS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("acre", " ac", " ac", " acre", " acres", "ac"),
    ("bit", " bit", " bit", " bit", " bits", "bit"),
    ("byte", " byte", " byte", " byte", " bytes", "B"),
    (
        "celsius",
        "°C",
        "°C",
        " degree Celsius",
        " degrees Celsius",
        "°C",
    ),
    (
        "centimeter",
        " cm",
        " cm",
        " centimeter",
        " centimeters",
        "cm",
    ),
    ("day", " day", " days", " day", " days", "d"),
    ("degree", " deg", " deg", " degree", " degrees", "°"),
    (
        "fahrenheit",
        "°F",
        "°F",
        " degree Fahrenheit",
        " degrees Fahrenheit",
        "°",
    ),
    (
        "fluid-ounce",
        " fl oz",
        " fl oz",
        " fluid ounce",
        " fluid ounces",
        "fl oz",
    ),
    ("foot", " ft", " ft", " foot", " feet", "′"),
    ("gallon", " gal", " gal", " gallon", " gallons", "gal"),
    ("gigabit", " Gb", " Gb", " gigabit", " gigabits", "Gb"),
    ("gigabyte", " GB", " GB", " gigabyte", " gigabytes", "GB"),
    ("gram", " g", " g", " gram", " grams", "g"),
    ("hectare", " ha", " ha", " hectare", " hectares", "ha"),
    ("hour", " hr", " hr", " hour", " hours", "h"),
    ("inch", " in", " in", " inch", " inches", "″"),
    ("kilobit", " kb", " kb", " kilobit", " kilobits", "kb"),
    ("kilobyte", " kB", " kB", " kilobyte", " kilobytes", "kB"),
    ("kilogram", " kg", " kg", " kilogram", " kilograms", "kg"),
    ("kilometer", " km", " km", " kilometer", " kilometers", "km"),
    ("liter", " L", " L", " liter", " liters", "L"),
    ("megabit", " Mb", " Mb", " megabit", " megabits", "Mb"),
    ("megabyte", " MB", " MB", " megabyte", " megabytes", "MB"),
    ("meter", " m", " m", " meter", " meters", "m"),
    (
        "microsecond",
        " μs",
        " μs",
        " microsecond",
        " microseconds",
        "μs",
    ),
    ("mile", " mi", " mi", " mile", " miles", "mi"),
    (
        "mile-scandinavian",
        " smi",
        " smi",
        " mile-scandinavian",
        " miles-scandinavian",
        "smi",
    ),
    (
        "milliliter",
        " mL",
        " mL",
        " milliliter",
        " milliliters",
        "mL",
    ),
    (
        "millimeter",
        " mm",
        " mm",
        " millimeter",
        " millimeters",
        "mm",
    ),
    (
        "millisecond",
        " ms",
        " ms",
        " millisecond",
        " milliseconds",
        "ms",
    ),
    ("minute", " min", " min", " minute", " minutes", "m"),
    ("month", " mth", " mths", " month", " months", "m"),
    (
        "nanosecond",
        " ns",
        " ns",
        " nanosecond",
        " nanoseconds",
        "ns",
    ),
    ("ounce", " oz", " oz", " ounce", " ounces", "oz"),
    ("percent", "%", "%", " percent", " percent", "%"),
    ("petabyte", " PB", " PB", " petabyte", " petabytes", "PB"),
    ("pound", " lb", " lb", " pound", " pounds", "#"),
    ("second", " sec", " sec", " second", " seconds", "s"),
    ("stone", " st", " st", " stone", " stones", "st"),
    ("terabit", " Tb", " Tb", " terabit", " terabits", "Tb"),
    ("terabyte", " TB", " TB", " terabyte", " terabytes", "TB"),
    ("week", " wk", " wks", " week", " weeks", "w"),
    ("yard", " yd", " yd", " yard", " yards", "yd"),
    ("year", " yr", " yrs", " year", " years", "y"),
    (
        "mile-per-hour",
        " mph",
        " mph",
        " mile per hour",
        " miles per hour",
        "mph",
    ),
    (
        "mile-per-gallon",
        " mpg",
        " mpg",
        " mile per gallon",
        " miles per gallon",
        "mpg",
    ),
];

/// The English names of common currencies (singular, plural).
fn currency_name(c: &[u8; 3]) -> Option<(&'static str, &'static str)> {
    Some(match c {
        b"USD" => ("US dollar", "US dollars"),
        b"EUR" => ("euro", "euros"),
        b"GBP" => ("British pound", "British pounds"),
        b"JPY" => ("Japanese yen", "Japanese yen"),
        b"INR" => ("Indian rupee", "Indian rupees"),
        b"CNY" => ("Chinese yuan", "Chinese yuan"),
        b"CAD" => ("Canadian dollar", "Canadian dollars"),
        b"AUD" => ("Australian dollar", "Australian dollars"),
        b"CHF" => ("Swiss franc", "Swiss francs"),
        b"MXN" => ("Mexican peso", "Mexican pesos"),
        b"BRL" => ("Brazilian real", "Brazilian reals"),
        b"KRW" => ("South Korean won", "South Korean won"),
        b"RUB" => ("Russian ruble", "Russian rubles"),
        b"SEK" => ("Swedish krona", "Swedish kronor"),
        b"NOK" => ("Norwegian krone", "Norwegian kroner"),
        b"DKK" => ("Danish krone", "Danish kroner"),
        b"PLN" => ("Polish zloty", "Polish zlotys"),
        b"NZD" => ("New Zealand dollar", "New Zealand dollars"),
        b"HKD" => ("Hong Kong dollar", "Hong Kong dollars"),
        b"SGD" => ("Singapore dollar", "Singapore dollars"),
        b"ZAR" => ("South African rand", "South African rand"),
        b"TRY" => ("Turkish lira", "Turkish Lira"),
        b"BTC" => ("BTC", "BTC"),
        _ => return None,
    })
}

/// The index in `UNITS` of a unit identifier.
fn unit_index(u: &[u16]) -> Option<usize> {
    UNITS.iter().position(|(id, ..)| {
        id.len() == u.len() && id.bytes().zip(u).all(|(a, &b)| u16::from(a) == b)
    })
}

/// The locale of the first of `locales` (a string or a list), by its language and region.
fn locale(cx: &mut Cx, locales: Value) -> JsResult<Loc> {
    let first = if locales.is_undefined() {
        return Ok(Loc::En);
    } else if JsString::from_value(locales).is_some() {
        locales
    } else {
        let o = to_object(cx, locales)?;
        ops::get_v(cx, o, crate::key::PropertyKey::index(0))?
    };
    if first.is_undefined() {
        return Ok(Loc::En);
    }
    let s = to_string(cx, first)?;
    let s = JsString::flatten(cx.heap(), s)?;
    let tag = |p: &str| {
        let c = s.chars();
        c.len() >= p.len()
            && (0..p.len()).all(|i| c.at(i) == u16::from(p.as_bytes()[i]))
            && (c.len() == p.len() || c.at(p.len()) == u16::from(b'-'))
    };
    Ok(if tag("en-IN") || tag("hi") {
        Loc::EnIn
    } else if tag("de-AT") {
        Loc::DeAt
    } else if tag("de-CH") {
        Loc::DeCh
    } else if tag("de") {
        Loc::De
    } else if tag("fr") {
        Loc::Fr
    } else if tag("es-ES") || tag("es") && !tag("es-MX") && !tag("es-US") && !tag("es-419") {
        Loc::Es
    } else if tag("it") {
        Loc::It
    } else if tag("pt-PT") {
        Loc::PtPt
    } else if tag("pt") {
        Loc::PtBr
    } else if tag("nl") {
        Loc::Nl
    } else if tag("id") {
        Loc::Id
    } else if tag("tr") {
        Loc::Tr
    } else if tag("da") {
        Loc::Da
    } else if tag("pl") {
        Loc::Pl
    } else if tag("sv") || tag("nb") || tag("no") || tag("fi") {
        Loc::Nordic
    } else if tag("ru") || tag("cs") || tag("uk") {
        Loc::Ru
    } else {
        Loc::En
    })
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

/// GetOption(options, name, string, values, default): the index in `values`.
fn string_option(
    cx: &mut Cx,
    o: Option<Gc<Object>>,
    name: &str,
    values: &[&str],
    default: usize,
) -> JsResult<usize> {
    let v = get(cx, o, name)?;
    if v.is_undefined() {
        return Ok(default);
    }
    let s = to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    if let Some(i) = values.iter().position(|x| s.chars().eq_ascii(x)) {
        return Ok(i);
    }
    // V8's words: "Value bogus out of range for Number.prototype.toLocaleString options
    // property style".
    let mut b = Buf::new();
    b.push_str("Value ");
    for u in s.chars().units().take(200) {
        b.push_unit(u);
    }
    b.push_str(" out of range for Number.prototype.toLocaleString options property ");
    b.push_str(name);
    let msg = JsString::from_utf16(cx.heap(), b.units())?;
    let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, msg.to_value())?;
    Err(crate::cx::Throw::Value(e.to_value()))
}

/// GetNumberOption(options, name, min, max, fallback).
fn number_option(
    cx: &mut Cx,
    o: Option<Gc<Object>>,
    name: &str,
    min: u32,
    max: u32,
) -> JsResult<Option<u32>> {
    let v = get(cx, o, name)?;
    if v.is_undefined() {
        return Ok(None);
    }
    let n = to_number(cx, v)?;
    if n.is_nan() || n < f64::from(min) || n > f64::from(max) {
        let mut b = Buf::new();
        b.push_str(name);
        b.push_str(" value is out of range.");
        let msg = JsString::from_utf16(cx.heap(), b.units())?;
        let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, msg.to_value())?;
        return Err(crate::cx::Throw::Value(e.to_value()));
    }
    Ok(Some(n.floor() as u32))
}

/// The fraction digits of a currency (ISO 4217's minor units).
fn currency_digits(c: &[u8; 3]) -> u32 {
    match c {
        b"JPY" | b"KRW" | b"VND" | b"CLP" | b"ISK" | b"UGX" | b"PYG" | b"XAF" | b"XOF" => 0,
        b"BHD" | b"KWD" | b"JOD" | b"OMR" | b"TND" | b"IQD" | b"LYD" => 3,
        _ => 2,
    }
}

/// Reads `options` as `Intl.NumberFormat` does (the options it does not support are read
/// and ignored).
pub(super) fn read(cx: &mut Cx, locales: Value, options: Value) -> JsResult<NumberFormat> {
    let loc = locale(cx, locales)?;
    let o = if options.is_undefined() {
        None
    } else {
        Some(to_object(cx, options)?)
    };
    string_option(cx, o, "localeMatcher", &["lookup", "best fit"], 1)?;
    get(cx, o, "numberingSystem")?;
    let style = match string_option(
        cx,
        o,
        "style",
        &["decimal", "percent", "currency", "unit"],
        0,
    )? {
        1 => Style::Percent,
        2 => Style::Currency,
        3 => Style::Unit,
        _ => Style::Decimal,
    };
    let cv = get(cx, o, "currency")?;
    let mut currency = *b"USD";
    if !cv.is_undefined() {
        let s = to_string(cx, cv)?;
        let s = JsString::flatten(cx.heap(), s)?;
        let c = s.chars();
        if c.len() != 3 || !(0..3).all(|i| (c.at(i) as u8).is_ascii_alphabetic() && c.at(i) < 0x80)
        {
            let mut b = Buf::new();
            b.push_str("Invalid currency code : ");
            for u in c.units().take(200) {
                b.push_unit(u);
            }
            let msg = JsString::from_utf16(cx.heap(), b.units())?;
            let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, msg.to_value())?;
            return Err(crate::cx::Throw::Value(e.to_value()));
        }
        for (i, slot) in currency.iter_mut().enumerate() {
            *slot = (c.at(i) as u8).to_ascii_uppercase();
        }
    } else if style == Style::Currency {
        return Err(cx.type_error("Currency code is required with currency style."));
    }
    let display = string_option(
        cx,
        o,
        "currencyDisplay",
        &["code", "symbol", "narrowSymbol", "name"],
        1,
    )?;
    let accounting = string_option(cx, o, "currencySign", &["standard", "accounting"], 0)? == 1;
    let uv = get(cx, o, "unit")?;
    let mut unit = (0, None);
    if !uv.is_undefined() {
        let s = to_string(cx, uv)?;
        let s = JsString::flatten(cx.heap(), s)?;
        let mut units = [0u16; 64];
        let n = s.chars().len().min(64);
        for (i, u) in s.chars().units().take(64).enumerate() {
            units[i] = u;
        }
        let units = &units[..n];
        // "X-per-Y" of two sanctioned units, unless it has words of its own.
        let per = (0..n.saturating_sub(4)).find(|&i| {
            units[i..i + 5]
                .iter()
                .zip(b"-per-")
                .all(|(&a, &b)| a == u16::from(b))
        });
        unit = match (unit_index(units), per) {
            (Some(i), _) => (i, None),
            (None, Some(p)) => match (unit_index(&units[..p]), unit_index(&units[p + 5..])) {
                (Some(a), Some(b)) => (a, Some(b)),
                _ => return Err(invalid_unit(cx, s)?),
            },
            _ => return Err(invalid_unit(cx, s)?),
        };
    } else if style == Style::Unit {
        return Err(cx.type_error("Invalid unit argument for Number.prototype.toLocaleString() ''"));
    }
    let unit_display = string_option(cx, o, "unitDisplay", &["short", "narrow", "long"], 0)?;
    let notation = match string_option(
        cx,
        o,
        "notation",
        &["standard", "scientific", "engineering", "compact"],
        0,
    )? {
        1 => Notation::Scientific,
        2 => Notation::Engineering,
        3 => Notation::Compact,
        _ => Notation::Standard,
    };
    let min_int = number_option(cx, o, "minimumIntegerDigits", 1, 21)?.unwrap_or(1);
    let mnfd = number_option(cx, o, "minimumFractionDigits", 0, 100)?;
    let mxfd = number_option(cx, o, "maximumFractionDigits", 0, 100)?;
    let mnsd = number_option(cx, o, "minimumSignificantDigits", 1, 21)?;
    let mxsd = number_option(cx, o, "maximumSignificantDigits", 1, 21)?;
    let compact_rounding = notation == Notation::Compact
        && mnfd.is_none()
        && mxfd.is_none()
        && mnsd.is_none()
        && mxsd.is_none();
    let (d_min, d_max) = match style {
        _ if notation == Notation::Compact => (0, 0),
        Style::Currency => {
            let d = currency_digits(&currency);
            (d, d)
        }
        Style::Percent => (0, 0),
        Style::Decimal | Style::Unit => (0, 3),
    };
    let (min_fd, max_fd) = match (mnfd, mxfd) {
        (None, None) => (d_min, d_max),
        (None, Some(mx)) => (d_min.min(mx), mx),
        (Some(mn), None) => (mn, d_max.max(mn)),
        (Some(mn), Some(mx)) => {
            if mn > mx {
                return Err(cx.range_error("maximumFractionDigits value is out of range."));
            }
            (mn, mx)
        }
    };
    let sig = if mnsd.is_some() || mxsd.is_some() {
        let mn = mnsd.unwrap_or(1);
        let mx = mxsd.unwrap_or(21);
        if mn > mx {
            return Err(cx.range_error("maximumSignificantDigits value is out of range."));
        }
        Some((mn, mx))
    } else {
        None
    };
    let compact_long = string_option(cx, o, "compactDisplay", &["short", "long"], 0)? == 1;
    let gv = get(cx, o, "useGrouping")?;
    let mut min2 = notation == Notation::Compact;
    let grouping = if gv.is_undefined() {
        true
    } else if let Some(s) = JsString::from_value(gv) {
        // "always", "auto", "min2"; "false" and "" are false.
        let s = JsString::flatten(cx.heap(), s)?;
        min2 = s.chars().eq_ascii("min2");
        !(s.chars().eq_ascii("false") || s.chars().is_empty())
    } else {
        min2 = false;
        to_boolean(gv)
    };
    let sign = match string_option(
        cx,
        o,
        "signDisplay",
        &["auto", "never", "always", "exceptZero", "negative"],
        0,
    )? {
        1 => Sign::Never,
        2 => Sign::Always,
        3 => Sign::ExceptZero,
        4 => Sign::Negative,
        _ => Sign::Auto,
    };
    Ok(NumberFormat {
        loc,
        style,
        currency,
        display,
        accounting,
        unit,
        unit_display,
        notation,
        compact_long,
        compact_rounding,
        sign,
        min_int,
        min_fd,
        max_fd,
        sig,
        grouping,
        min2,
    })
}

/// V8's RangeError for an unknown unit.
fn invalid_unit(cx: &mut Cx, s: Gc<JsString>) -> JsResult<crate::cx::Throw> {
    let mut b = Buf::new();
    b.push_str("Invalid unit argument for Number.prototype.toLocaleString() '");
    for u in s.chars().units().take(200) {
        b.push_unit(u);
    }
    b.push_str("'");
    let msg = JsString::from_utf16(cx.heap(), b.units())?;
    let e = cx.error_object_with(crate::cx::ErrorKind::RangeError, msg.to_value())?;
    Ok(crate::cx::Throw::Value(e.to_value()))
}

/// A bounded UTF-16 output buffer (a formatted number is at most a few hundred units: 309
/// integer digits, their separators and 100 fraction digits).
struct Buf {
    b: [u16; 768],
    n: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf { b: [0; 768], n: 0 }
    }
    fn push_str(&mut self, s: &str) {
        for u in s.encode_utf16() {
            if self.n < self.b.len() {
                self.b[self.n] = u;
                self.n += 1;
            }
        }
    }
    fn push_byte(&mut self, c: u8) {
        self.push_unit(u16::from(c));
    }
    fn push_unit(&mut self, u: u16) {
        if self.n < self.b.len() {
            self.b[self.n] = u;
            self.n += 1;
        }
    }
    fn units(&self) -> &[u16] {
        &self.b[..self.n]
    }
}

/// The currency symbol in `loc` (the ISO code when there is none).
fn symbol(f: &NumberFormat) -> Option<&'static str> {
    if f.display == 0 || f.loc == Loc::DeCh {
        return None;
    }
    let en = f.loc == Loc::En || f.loc == Loc::EnIn;
    if f.display == 2
        && matches!(
            &f.currency,
            b"CAD" | b"AUD" | b"MXN" | b"NZD" | b"HKD" | b"TWD" | b"SGD"
        )
    {
        return Some("$");
    }
    Some(match &f.currency {
        b"USD" => match f.loc {
            Loc::Fr => "$US",
            Loc::Es | Loc::PtBr | Loc::PtPt | Loc::Nl | Loc::Id | Loc::Da => "US$",
            Loc::It | Loc::Pl => "USD",
            Loc::Nordic | Loc::Ru => return None,
            _ => "$",
        },
        b"EUR" => "€",
        b"GBP" => "£",
        b"JPY" => "¥",
        b"INR" => "₹",
        b"KRW" => "₩",
        b"ILS" => "₪",
        b"VND" => "₫",
        b"NGN" if !en => "NGN",
        b"CNY" => "CN¥",
        b"CAD" if en => "CA$",
        b"AUD" if en => "A$",
        b"MXN" if en => "MX$",
        b"BRL" => "R$",
        b"NZD" if en => "NZ$",
        b"HKD" if en => "HK$",
        b"TWD" if en => "NT$",
        _ => return None,
    })
}

/// Formats `x` with `f`.
pub(super) fn format(cx: &Cx, x: f64, f: &NumberFormat) -> JsResult<Value> {
    let sy = symbols(f.loc);
    let (group, decimal) = (sy.group, sy.decimal);
    let en = matches!(f.loc, Loc::En | Loc::EnIn);
    // The number itself (digits, compact suffix or exponent), then its sign and affixes.
    let mut body = Buf::new();
    let nonzero = if x.is_nan() {
        body.push_str("NaN");
        true
    } else if x.is_infinite() {
        body.push_str("∞");
        true
    } else {
        number_part(&mut body, x.abs(), f, group, decimal)
    };
    let negative = x.is_sign_negative() && !x.is_nan();
    let minus = sy.minus;
    let sign = match f.sign {
        Sign::Auto => negative.then_some(minus),
        Sign::Always => Some(if negative { minus } else { "+" }),
        Sign::ExceptZero if !nonzero || x.is_nan() => None,
        Sign::ExceptZero => Some(if negative { minus } else { "+" }),
        Sign::Never => None,
        Sign::Negative => (negative && nonzero).then_some(minus),
    };
    let parens = sign == Some("-") && f.accounting && f.style == Style::Currency && en;
    let mut out = Buf::new();
    match sign {
        Some(_) if parens => out.push_str("("),
        Some(s) => out.push_str(s),
        None => {}
    }
    let name = if f.style == Style::Currency && f.display == 3 {
        Some(currency_name(&f.currency))
    } else {
        None
    };
    let cur_sym = symbol(f);
    if f.style == Style::Percent {
        out.push_str(sy.percent.0);
    }
    if f.style == Style::Currency && sy.currency_before && name.is_none() {
        match cur_sym {
            Some(s) => {
                out.push_str(s);
                if sy.currency_space {
                    out.push_str("\u{a0}");
                }
            }
            None => {
                out.push_str(core::str::from_utf8(&f.currency).unwrap_or("XXX"));
                // A code before the number is followed by a no-break space, except before
                // NaN and ∞.
                if x.is_finite() || sy.currency_space {
                    out.push_str("\u{a0}");
                }
            }
        }
    }
    for &u in body.units() {
        out.push_unit(u);
    }
    // English plurals: singular for exactly "1".
    let one = body.units() == [u16::from(b'1')];
    match f.style {
        Style::Percent => out.push_str(sy.percent.1),
        Style::Currency if name.is_some() => {
            out.push_str(" ");
            match name.flatten() {
                Some((sg, pl)) => out.push_str(if one { sg } else { pl }),
                None => out.push_str(core::str::from_utf8(&f.currency).unwrap_or("XXX")),
            }
        }
        Style::Currency if !sy.currency_before => {
            out.push_str("\u{a0}");
            out.push_str(cur_sym.unwrap_or(core::str::from_utf8(&f.currency).unwrap_or("XXX")));
        }
        Style::Unit => push_unit(&mut out, f, one),
        _ => {}
    }
    if parens {
        out.push_str(")");
    }
    Ok(JsString::from_utf16(cx.heap(), out.units())?.to_value())
}

/// The unit after the number (a compound one from its parts: "km/h", "meters per second").
fn push_unit(out: &mut Buf, f: &NumberFormat, one: bool) {
    let (a, per) = f.unit;
    let (_, s1, s2, l1, l2, narrow) = UNITS[a];
    match (per, f.unit_display) {
        (None, 0) => out.push_str(if one { s1 } else { s2 }),
        (None, 1) => out.push_str(narrow),
        (None, _) => out.push_str(if one { l1 } else { l2 }),
        (Some(b), d) => {
            let (_, _, _, pl1, _, pn) = UNITS[b];
            match d {
                0 => {
                    out.push_str(s2);
                    out.push_str("/");
                    out.push_str(pn);
                }
                1 => {
                    out.push_str(narrow);
                    out.push_str("/");
                    out.push_str(pn);
                }
                _ => {
                    out.push_str(if one { l1 } else { l2 });
                    out.push_str(" per");
                    out.push_str(pl1);
                }
            }
        }
    }
}

/// Rounds `digits` (`k` of them, the point after `n`) as `f` asks, with `n` shifted by
/// `shift` (compact and scientific notation); the rounded (k, n) and the fraction digits to
/// show.
fn round(
    digits: &mut [u8; MAX_EXACT_DIGITS],
    (k, n): (usize, i32),
    f: &NumberFormat,
    compact: bool,
) -> (usize, i32, usize) {
    let (mut k, mut n) = (k, n);
    let sig = if compact && f.compact_rounding {
        // Two significant digits below 100, else whole numbers.
        if n >= 3 {
            None
        } else {
            Some((1, 2))
        }
    } else {
        f.sig
    };
    let (min_fd, max_fd) = if compact && f.compact_rounding {
        (0, 0)
    } else {
        (f.min_fd, f.max_fd)
    };
    let frac = if let Some((mn, mx)) = sig {
        if k > 0 {
            (k, n) = round_half_up(digits, k, n, mx as i32);
        }
        let shown = (k as i32).max(mn as i32);
        (shown - n.max(if k == 0 { 1 } else { n })).max(0) as usize
    } else {
        if k > 0 {
            (k, n) = round_half_up(digits, k, n, n + max_fd as i32);
        }
        if k == 0 {
            // Zero, or rounded to zero.
            min_fd as usize
        } else {
            ((k as i32 - n).max(0) as usize).clamp(min_fd as usize, max_fd.max(min_fd) as usize)
        }
    };
    (k, n, frac)
}

/// Writes the number part of a finite `a ≥ 0` (grouped digits, with the compact suffix or the
/// exponent); whether it is not zero once rounded.
fn number_part(out: &mut Buf, a: f64, f: &NumberFormat, group: &str, decimal: &str) -> bool {
    let mut short = [0u8; 18];
    let mut digits = [b'0'; MAX_EXACT_DIGITS];
    let (k0, mut n0) = if a == 0.0 {
        (0, 1)
    } else {
        let (k, n) = numconv::shortest_digits(a, &mut short);
        digits[..k].copy_from_slice(&short[..k]);
        (k, n)
    };
    if f.style == Style::Percent && k0 > 0 {
        n0 += 2;
    }
    let original = digits;
    match f.notation {
        Notation::Standard => {
            let (k, n, frac) = round(&mut digits, (k0, n0), f, false);
            write_digits(out, &digits, k, n, frac, f, group, decimal);
            k > 0
        }
        Notation::Compact => {
            // Thousands, millions, billions, trillions: by the magnitude once rounded.
            let mut e = if k0 == 0 {
                0
            } else {
                ((n0 - 1) / 3 * 3).clamp(0, 12)
            };
            loop {
                digits = original;
                let (k, n, frac) = round(&mut digits, (k0, n0 - e), f, true);
                if k > 0 && n > 3 && e < 12 {
                    e += 3;
                    continue;
                }
                write_digits(out, &digits, k, n, frac, f, group, decimal);
                if k > 0 && e > 0 {
                    let i = (e / 3 - 1) as usize;
                    out.push_str(if f.compact_long {
                        [" thousand", " million", " billion", " trillion"][i]
                    } else {
                        ["K", "M", "B", "T"][i]
                    });
                }
                return k > 0;
            }
        }
        Notation::Scientific | Notation::Engineering => {
            let step = if f.notation == Notation::Engineering {
                3
            } else {
                1
            };
            let mut e = if k0 == 0 {
                0
            } else {
                (n0 - 1).div_euclid(step) * step
            };
            loop {
                digits = original;
                let (k, n, frac) = round(&mut digits, (k0, n0 - e), f, false);
                if k > 0 && n > step {
                    e += step;
                    continue;
                }
                write_digits(out, &digits, k, n, frac, f, group, decimal);
                out.push_str("E");
                let e = if k == 0 { 0 } else { e };
                if e < 0 {
                    out.push_str("-");
                }
                let mut b = [0u8; 4];
                let mut len = 0;
                let mut m = e.unsigned_abs();
                loop {
                    b[len] = b'0' + (m % 10) as u8;
                    len += 1;
                    m /= 10;
                    if m == 0 {
                        break;
                    }
                }
                for i in (0..len).rev() {
                    out.push_byte(b[i]);
                }
                return k > 0;
            }
        }
    }
}

/// The digits `digits[..k]` with the point after `n`, `frac` fraction digits, grouped.
#[allow(clippy::too_many_arguments)]
fn write_digits(
    out: &mut Buf,
    digits: &[u8; MAX_EXACT_DIGITS],
    k: usize,
    n: i32,
    frac: usize,
    f: &NumberFormat,
    group: &str,
    decimal: &str,
) {
    let n = if k == 0 { 1 } else { n };
    let digit = |i: i32| -> u8 {
        if i >= 0 && (i as usize) < k {
            digits[i as usize]
        } else {
            b'0'
        }
    };
    // Integer digits: positions 0..n, padded with zeros to the minimum.
    let int_len = (n.max(0) as usize).max(f.min_int as usize).max(1);
    let lead = int_len as i32 - n.max(0);
    let grouping = f.grouping && !((f.min2 || symbols(f.loc).min2) && int_len < 5);
    for p in 0..int_len {
        let from_end = int_len - p;
        if grouping && p > 0 {
            let sep = match f.loc {
                Loc::EnIn => from_end == 3 || (from_end > 3 && (from_end - 3).is_multiple_of(2)),
                _ => from_end.is_multiple_of(3),
            };
            if sep {
                out.push_str(group);
            }
        }
        let d = if (p as i32) < lead {
            b'0'
        } else {
            digit(p as i32 - lead)
        };
        out.push_byte(d);
    }
    if frac > 0 {
        out.push_str(decimal);
        for i in 0..frac {
            out.push_byte(digit(n + i as i32));
        }
    }
}
