//! The `String.prototype` methods that delegate to a searcher's symbol methods (§22.1.3):
//! `match`, `matchAll`, `replace`, `replaceAll`, `search` (`split` is in `methods.rs`), with
//! the string-pattern paths of `replace`/`replaceAll`.

use super::methods::index_from;
use super::{str_arg, substring, this_str, StrBuf};
use crate::builtins::arg;
use crate::builtins::array::tick;
use crate::builtins::regexp::{get_substitution, is_regexp, regexp_create};
use crate::convert::to_string;
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

type R = JsResult<Value>;

fn require_coercible(cx: &Cx, this: Value, name: &str) -> JsResult<()> {
    if this.is_nullish() {
        let mut buf = [0u8; 96];
        let msg = crate::builtins::array::format_into(
            &mut buf,
            &["String.prototype.", name, " called on null or undefined"],
        );
        return Err(cx.type_error(msg));
    }
    Ok(())
}

/// If `v` is not nullish and has a `@@w` method: calls it with `args`.
/// (Only objects are asked: a primitive's prototype methods are not looked up.)
fn delegate(cx: &mut Cx, v: Value, w: WellKnown, args: &[Value]) -> JsResult<Option<Value>> {
    if Object::from_value(v).is_none() {
        return Ok(None);
    }
    let key = PropertyKey::symbol(cx.rt.well_known(w));
    let m = ops::iteration::get_method(cx, v, key)?;
    if m.is_undefined() {
        return Ok(None);
    }
    Ok(Some(ops::call(cx, m, v, args)?))
}

/// `Invoke(rx, @@w, «S»)`.
fn invoke(cx: &mut Cx, rx: Value, w: WellKnown, s: Value) -> R {
    let key = PropertyKey::symbol(cx.rt.well_known(w));
    let f = ops::iteration::get_v(cx, rx, key)?;
    ops::call(cx, f, rx, &[s])
}

/// Throws unless a regexp searcher has the `g` flag (`matchAll`, `replaceAll`).
fn require_global(cx: &mut Cx, v: Value, name: &str) -> JsResult<()> {
    if !v.is_nullish() && is_regexp(cx, v)? {
        let o = Object::from_value(v).expect("IsRegExp implies an object");
        let fk = cx.rt.key("flags")?;
        let f = ops::get(cx, o, fk, v)?;
        if f.is_nullish() {
            return Err(cx.type_error("RegExp flags are null or undefined"));
        }
        let f = str_arg(cx, f)?;
        if !f.chars().units().any(|u| u == u16::from(b'g')) {
            let mut buf = [0u8; 96];
            let msg = crate::builtins::array::format_into(
                &mut buf,
                &[
                    "String.prototype.",
                    name,
                    " called with a non-global RegExp argument",
                ],
            );
            return Err(cx.type_error(msg));
        }
    }
    Ok(())
}

/// `String.prototype.match ( regexp )`.
pub(super) fn match_(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    require_coercible(cx, this, "match")?;
    let re = arg(args, 0);
    if let Some(v) = delegate(cx, re, WellKnown::match_, &[this])? {
        return Ok(v);
    }
    let s = to_string(cx, this)?;
    let rx = regexp_create(cx, re, Value::UNDEFINED)?;
    invoke(cx, rx, WellKnown::match_, s.to_value())
}

/// `String.prototype.matchAll ( regexp )`.
pub(super) fn match_all(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    require_coercible(cx, this, "matchAll")?;
    let re = arg(args, 0);
    require_global(cx, re, "matchAll")?;
    if let Some(v) = delegate(cx, re, WellKnown::matchAll, &[this])? {
        return Ok(v);
    }
    let s = to_string(cx, this)?;
    let g = cx.string("g")?;
    let rx = regexp_create(cx, re, g.to_value())?;
    invoke(cx, rx, WellKnown::matchAll, s.to_value())
}

/// `String.prototype.search ( regexp )`.
pub(super) fn search(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    require_coercible(cx, this, "search")?;
    let re = arg(args, 0);
    if let Some(v) = delegate(cx, re, WellKnown::search, &[this])? {
        return Ok(v);
    }
    let s = to_string(cx, this)?;
    let rx = regexp_create(cx, re, Value::UNDEFINED)?;
    invoke(cx, rx, WellKnown::search, s.to_value())
}

/// `String.prototype.replace ( searchValue, replaceValue )`.
pub(super) fn replace(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    replace_impl(cx, this, args, false)
}

/// `String.prototype.replaceAll ( searchValue, replaceValue )`.
pub(super) fn replace_all(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    replace_impl(cx, this, args, true)
}

fn replace_impl(cx: &mut Cx, this: Value, args: &[Value], all: bool) -> R {
    let name = if all { "replaceAll" } else { "replace" };
    require_coercible(cx, this, name)?;
    let (search_value, mut replace_value) = (arg(args, 0), arg(args, 1));
    if all {
        require_global(cx, search_value, name)?;
    }
    if let Some(v) = delegate(cx, search_value, WellKnown::replace, &[this, replace_value])? {
        return Ok(v);
    }
    let s = this_str(cx, this, name)?;
    let search = str_arg(cx, search_value)?;
    let functional = Object::from_value(replace_value).is_some_and(|f| f.is_callable());
    if !functional {
        replace_value = str_arg(cx, replace_value)?.to_value();
    }
    let slen = search.len();
    let advance = slen.max(1);
    let positions: GcVec<u32> = GcVec::new();
    let mut p = index_from(&s.chars(), &search.chars(), 0);
    while let Some(at) = p {
        tick(cx, positions.len() as u64)?;
        positions.push(cx.heap(), at as u32)?;
        if !all {
            break;
        }
        p = index_from(&s.chars(), &search.chars(), at + advance);
    }
    if positions.is_empty() {
        return Ok(s.to_value());
    }
    let no_caps: GcVec<Value> = GcVec::new();
    let mut out = StrBuf::new();
    let mut end_of_last = 0usize;
    for k in 0..positions.len() {
        let at = positions.get(k).unwrap_or(0) as usize;
        let kept = substring(cx, s, end_of_last.min(at), at)?;
        out.push_chars(cx, kept.chars())?;
        if functional {
            let v = ops::call(
                cx,
                replace_value,
                Value::UNDEFINED,
                &[search.to_value(), Value::number(at as f64), s.to_value()],
            )?;
            let r = str_arg(cx, v)?;
            out.push_chars(cx, r.chars())?;
        } else {
            let t = crate::string::JsString::from_value(replace_value).expect("a string");
            get_substitution(cx, &mut out, search, s, at, &no_caps, Value::UNDEFINED, t)?;
        }
        end_of_last = at + slen;
    }
    if end_of_last < s.len() {
        let rest = substring(cx, s, end_of_last, s.len())?;
        out.push_chars(cx, rest.chars())?;
    }
    Ok(out.finish(cx)?.to_value())
}
