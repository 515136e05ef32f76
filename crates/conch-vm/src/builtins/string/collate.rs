//! `String.prototype.localeCompare`: the Unicode Collation Algorithm with CLDR's root order
//! (what node's ICU gives for "en"; there is no Intl and every locale uses the root order),
//! with ECMA-402's options (`sensitivity`, `numeric`, `caseFirst`, `ignorePunctuation`), read
//! as `Intl.Collator` reads them, since programs sort with `{ numeric: true }` or
//! `{ sensitivity: "base" }`.

use super::{str_arg, this_str};
use crate::builtins::arg;
use crate::convert;
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use crate::string::{Chars, JsString};
use conch_gc::{Gc, Value};
use icu_collator::options::{AlternateHandling, CaseLevel, CollatorOptions, Strength};
use icu_collator::preferences::{CollationCaseFirst, CollationNumericOrdering};
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use std::sync::OnceLock;

/// The options that select a collator.
#[derive(Clone, Copy, Default)]
struct Key {
    /// 0 base, 1 accent, 2 case, 3 variant (the default).
    sensitivity: u8,
    numeric: bool,
    /// 0 unset ("false"), 1 upper, 2 lower.
    case_first: u8,
    ignore_punctuation: bool,
}

impl Key {
    fn index(self) -> usize {
        ((self.sensitivity as usize * 2 + self.numeric as usize) * 3 + self.case_first as usize) * 2
            + self.ignore_punctuation as usize
    }
}

/// One collator per combination of options, built on first use (the data is compiled in,
/// building is not free).
fn collator(k: Key) -> &'static CollatorBorrowed<'static> {
    static CACHE: [OnceLock<CollatorBorrowed<'static>>; 48] = [const { OnceLock::new() }; 48];
    CACHE[k.index()].get_or_init(|| {
        let mut prefs = CollatorPreferences::default();
        if k.numeric {
            prefs.numeric_ordering = Some(CollationNumericOrdering::True);
        }
        prefs.case_first = match k.case_first {
            1 => Some(CollationCaseFirst::Upper),
            2 => Some(CollationCaseFirst::Lower),
            _ => None,
        };
        let mut o = CollatorOptions::default();
        (o.strength, o.case_level) = match k.sensitivity {
            0 => (Some(Strength::Primary), None),
            1 => (Some(Strength::Secondary), None),
            2 => (Some(Strength::Primary), Some(CaseLevel::On)),
            _ => (Some(Strength::Tertiary), None),
        };
        if k.ignore_punctuation {
            o.alternate_handling = Some(AlternateHandling::Shifted);
        }
        CollatorBorrowed::try_new(prefs, o).expect("compiled root collation data")
    })
}

/// GetOption(options, name, string, values, undefined): the index of the value in `values`.
fn string_option(
    cx: &mut Cx,
    o: Option<Gc<Object>>,
    name: &str,
    values: &[&str],
) -> JsResult<Option<usize>> {
    let Some(o) = o else { return Ok(None) };
    let k = cx.rt.key(name)?;
    let v = ops::get(cx, o, k, o.to_value())?;
    if v.is_undefined() {
        return Ok(None);
    }
    let s = convert::to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    match values.iter().position(|x| s.chars().eq_ascii(x)) {
        Some(i) => Ok(Some(i)),
        None => Err(cx.range_error("Value out of range for Intl.Collator options property")),
    }
}

/// GetOption(options, name, boolean, empty, undefined).
fn bool_option(cx: &mut Cx, o: Option<Gc<Object>>, name: &str) -> JsResult<Option<bool>> {
    let Some(o) = o else { return Ok(None) };
    let k = cx.rt.key(name)?;
    let v = ops::get(cx, o, k, o.to_value())?;
    Ok((!v.is_undefined()).then(|| convert::to_boolean(v)))
}

/// The collator options of `options` in `Intl.Collator`'s reading order (usage,
/// localeMatcher, collation, numeric, caseFirst, sensitivity, ignorePunctuation).
fn read_options(cx: &mut Cx, options: Value) -> JsResult<Key> {
    let mut k = Key {
        sensitivity: 3,
        ..Key::default()
    };
    if options.is_undefined() {
        return Ok(k);
    }
    let o = Some(convert::to_object(cx, options)?);
    string_option(cx, o, "usage", &["sort", "search"])?;
    string_option(cx, o, "localeMatcher", &["lookup", "best fit"])?;
    let ck = cx.rt.key("collation")?;
    if let Some(obj) = o {
        let v = ops::get(cx, obj, ck, obj.to_value())?;
        if !v.is_undefined() {
            convert::to_string(cx, v)?;
        }
    }
    k.numeric = bool_option(cx, o, "numeric")?.unwrap_or(false);
    k.case_first = match string_option(cx, o, "caseFirst", &["upper", "lower", "false"])? {
        Some(0) => 1,
        Some(1) => 2,
        _ => 0,
    };
    if let Some(i) = string_option(cx, o, "sensitivity", &["base", "accent", "case", "variant"])? {
        k.sensitivity = i as u8;
    }
    k.ignore_punctuation = bool_option(cx, o, "ignorePunctuation")?.unwrap_or(false);
    Ok(k)
}

/// `String.prototype.localeCompare ( that [ , locales [ , options ] ] )`; canonically
/// equivalent strings compare equal (§22.1.3.12).
pub(super) fn locale_compare(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let s = this_str(cx, this, "localeCompare")?;
    let t = str_arg(cx, arg(args, 0))?;
    let key = read_options(cx, arg(args, 2))?;
    let c = collator(key);
    let ord = match (s.chars(), t.chars()) {
        (Chars::One(a), Chars::One(b)) => c.compare_latin1(a, b),
        (Chars::Two(a), Chars::Two(b)) => c.compare_utf16(a, b),
        (Chars::One(a), Chars::Two(b)) => c.compare_latin1_utf16(a, b),
        (Chars::Two(a), Chars::One(b)) => c.compare_latin1_utf16(b, a).reverse(),
    };
    Ok(Value::int(match ord {
        core::cmp::Ordering::Less => -1,
        core::cmp::Ordering::Equal => 0,
        core::cmp::Ordering::Greater => 1,
    }))
}
