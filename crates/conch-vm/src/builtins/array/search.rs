//! `Array.prototype` lookups (§23.1.3): `at`, `indexOf`, `lastIndexOf`, `includes`, `find`,
//! `findIndex`, `findLast`, `findLastIndex`; and the string conversions `join`, `toString`.

use super::{callback, get_index, has_index, num, tick, to_integer_or_infinity};
use crate::builtins::arg;
use crate::convert::{
    length_of_array_like, same_value_zero, strict_equals, to_boolean, to_object, to_string,
};
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use crate::string::{Chars, JsString};
use crate::MAX_STRING_LENGTH;
use conch_gc::{Gc, GcVec, Value};

/// `Array.prototype.at ( index )`.
pub(super) fn at(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len as f64 + rel };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::UNDEFINED);
    }
    get_index(cx, o, k as u64)
}

/// The start index of `indexOf` and `includes` from `fromIndex`, or `None` (search nothing).
fn forward_start(cx: &mut Cx, from: Value, len: u64) -> JsResult<Option<u64>> {
    let n = to_integer_or_infinity(cx, from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    let n = if n == f64::NEG_INFINITY { 0.0 } else { n };
    Ok(Some(if n >= 0.0 {
        n as u64
    } else {
        (len as f64 + n).max(0.0) as u64
    }))
}

/// `Array.prototype.indexOf ( searchElement [ , fromIndex ] )`.
pub(super) fn index_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = super::this_object(cx, this, "indexOf")?;
    let len = length_of_array_like(cx, o)?;
    if len == 0 {
        return Ok(Value::int(-1));
    }
    let Some(mut k) = forward_start(cx, arg(args, 1), len)? else {
        return Ok(Value::int(-1));
    };
    let target = arg(args, 0);
    while k < len {
        tick(cx, k)?;
        if has_index(cx, o, k)? {
            let e = get_index(cx, o, k)?;
            if strict_equals(cx, target, e)? {
                return Ok(num(k));
            }
        }
        k += 1;
    }
    Ok(Value::int(-1))
}

/// `Array.prototype.lastIndexOf ( searchElement [ , fromIndex ] )`.
pub(super) fn last_index_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    if len == 0 {
        return Ok(Value::int(-1));
    }
    let n = if args.len() > 1 {
        to_integer_or_infinity(cx, args[1])?
    } else {
        len as f64 - 1.0
    };
    if n == f64::NEG_INFINITY {
        return Ok(Value::int(-1));
    }
    let k = if n >= 0.0 {
        n.min(len as f64 - 1.0)
    } else {
        len as f64 + n
    };
    if k < 0.0 {
        return Ok(Value::int(-1));
    }
    let target = arg(args, 0);
    let mut k = k as u64;
    loop {
        tick(cx, k)?;
        if has_index(cx, o, k)? {
            let e = get_index(cx, o, k)?;
            if strict_equals(cx, target, e)? {
                return Ok(num(k));
            }
        }
        if k == 0 {
            return Ok(Value::int(-1));
        }
        k -= 1;
    }
}

/// `Array.prototype.includes ( searchElement [ , fromIndex ] )`.
pub(super) fn includes(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    if len == 0 {
        return Ok(Value::FALSE);
    }
    let Some(mut k) = forward_start(cx, arg(args, 1), len)? else {
        return Ok(Value::FALSE);
    };
    let target = arg(args, 0);
    while k < len {
        tick(cx, k)?;
        let e = get_index(cx, o, k)?;
        if same_value_zero(cx, target, e)? {
            return Ok(Value::TRUE);
        }
        k += 1;
    }
    Ok(Value::FALSE)
}

/// `FindViaPredicate(O, len, direction, predicate, thisArg)`: (index, value).
fn find_via_predicate(
    cx: &mut Cx,
    this: Value,
    args: &[Value],
    ascending: bool,
    name: &str,
) -> JsResult<(f64, Value)> {
    let o = super::this_object(cx, this, name)?;
    let len = length_of_array_like(cx, o)?;
    let pred = callback(cx, arg(args, 0), name)?;
    let this_arg = arg(args, 1);
    for i in 0..len {
        tick(cx, i)?;
        let k = if ascending { i } else { len - 1 - i };
        let v = get_index(cx, o, k)?;
        let r = ops::call(cx, pred, this_arg, &[v, num(k), o.to_value()])?;
        if to_boolean(r) {
            return Ok((k as f64, v));
        }
    }
    Ok((-1.0, Value::UNDEFINED))
}

/// `Array.prototype.find ( predicate [ , thisArg ] )`.
pub(super) fn find(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(find_via_predicate(cx, this, args, true, "find")?.1)
}

/// `Array.prototype.findIndex ( predicate [ , thisArg ] )`.
pub(super) fn find_index(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::number(
        find_via_predicate(cx, this, args, true, "findIndex")?.0,
    ))
}

/// `Array.prototype.findLast ( predicate [ , thisArg ] )`.
pub(super) fn find_last(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(find_via_predicate(cx, this, args, false, "findLast")?.1)
}

/// `Array.prototype.findLastIndex ( predicate [ , thisArg ] )`.
pub(super) fn find_last_index(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::number(
        find_via_predicate(cx, this, args, false, "findLastIndex")?.0,
    ))
}

/// `Array.prototype.join ( separator )`.
///
/// The spec concatenates step by step; here the element strings are collected first (only
/// the non-empty ones, with their indices, in a `GcVec`) and the result is written once,
/// which reads the same properties in the same order (unless the separators alone are
/// too long: see below).
pub(crate) fn join(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let sep = match arg(args, 0) {
        s if s.is_undefined() => cx.string(",")?,
        s => to_string(cx, s)?,
    };
    let sep = JsString::flatten(cx.heap(), sep)?;
    // [index, string] pairs of the non-empty element strings.
    let parts = GcVec::<Value>::new();
    let too_long = |cx: &Cx| cx.range_error("Invalid string length");
    let mut total = (sep.len() as u64).saturating_mul(len.saturating_sub(1));
    if total > MAX_STRING_LENGTH as u64 {
        // The separators alone pass the string limit. The spec's loop would read every
        // element first (running getters and `toString`s) and fail at the same point; up
        // to 2^53 reads is not a wait worth imposing, so this fails at once (as V8 does).
        return Err(too_long(cx));
    }
    let mut one_byte = matches!(sep.chars(), Chars::One(_));
    for k in 0..len {
        tick(cx, k)?;
        let e = get_index(cx, o, k)?;
        if e.is_nullish() {
            continue;
        }
        let s = to_string(cx, e)?;
        if s.is_empty() {
            continue;
        }
        total += s.len() as u64;
        if total > MAX_STRING_LENGTH as u64 {
            return Err(too_long(cx));
        }
        let s = JsString::flatten(cx.heap(), s)?;
        one_byte &= matches!(s.chars(), Chars::One(_));
        parts.push(cx.heap(), num(k))?;
        parts.push(cx.heap(), s.to_value())?;
    }
    if len == 0 {
        return Ok(cx.string("")?.to_value());
    }
    let r = JsString::build_utf16(
        cx.heap(),
        total as usize,
        one_byte,
        Writer::new(sep, &parts).fill(),
    )?;
    Ok(r.to_value())
}

/// `Array.prototype.toLocaleString()`: each element's `toLocaleString()` (empty for
/// `undefined` and `null`), joined with commas.
pub(super) fn to_locale_string(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let lk = cx.rt.key("toLocaleString")?;
    let strings = crate::interp::ops::new_array(cx)?;
    for k in 0..len {
        tick(cx, k)?;
        let e = get_index(cx, o, k)?;
        let s = if e.is_nullish() {
            cx.string("")?.to_value()
        } else {
            let f = crate::ops::iteration::get_v(cx, e, lk)?;
            let r = crate::ops::call(cx, f, e, &[])?;
            to_string(cx, r)?.to_value()
        };
        crate::interp::ops::array_push(cx, strings.to_value(), s)?;
    }
    join(cx, strings, strings.to_value(), &[], Value::UNDEFINED)
}

/// Writes the joined string unit by unit: for each index `k`, the separator (if `k > 0`),
/// then the element string if `parts` has one for `k`.
struct Writer<'a> {
    sep: Gc<JsString>,
    parts: &'a GcVec<Value>,
    /// The element index being written.
    k: u64,
    /// Whether the separator before `k` is done (the part of `k` comes next).
    sep_done: bool,
    /// Pair number of the next part in `parts`.
    pi: usize,
    /// The string being copied and the position in it.
    cur: Option<Gc<JsString>>,
    pos: usize,
}

impl<'a> Writer<'a> {
    fn new(sep: Gc<JsString>, parts: &'a GcVec<Value>) -> Self {
        Writer {
            sep,
            parts,
            k: 0,
            sep_done: false,
            pi: 0,
            cur: None,
            pos: 0,
        }
    }

    fn part_index(&self) -> Option<u64> {
        self.parts
            .get(2 * self.pi)
            .and_then(|v| v.as_number())
            .map(|n| n as u64)
    }

    /// Moves to the next non-empty string to copy (`cur` stays `None` at the end).
    fn advance(&mut self) {
        self.cur = None;
        self.pos = 0;
        loop {
            if !self.sep_done {
                self.sep_done = true;
                if self.k > 0 && !self.sep.is_empty() {
                    self.cur = Some(self.sep);
                    return;
                }
                continue;
            }
            self.sep_done = false;
            let k = self.k;
            self.k += 1;
            if self.part_index() == Some(k) {
                self.cur = self
                    .parts
                    .get(2 * self.pi + 1)
                    .and_then(JsString::from_value);
                self.pi += 1;
                return;
            }
            if self.sep.is_empty() {
                // Nothing but parts to write: jump to the next one.
                match self.part_index() {
                    Some(pk) => self.k = pk,
                    None => return,
                }
            }
        }
    }

    fn fill(mut self) -> impl FnMut(usize) -> u16 + 'a {
        move |_| loop {
            if let Some(c) = self.cur {
                if self.pos < c.len() {
                    let u = c.chars().at(self.pos);
                    self.pos += 1;
                    return u;
                }
            }
            self.advance();
            if self.cur.is_none() {
                return 0;
            }
        }
    }
}

/// `Array.prototype.toString ( )`.
pub(super) fn to_string_(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let array = to_object(cx, this)?;
    let jk = cx.rt.key("join")?;
    let func = ops::get_v(cx, array, jk)?;
    if Object::from_value(func).is_some_and(|f| f.is_callable()) {
        return ops::call(cx, func, array.to_value(), &[]);
    }
    // %Object.prototype.toString%, called directly (same result, no lookup).
    crate::builtins::object::to_string_(cx, callee, array.to_value(), &[], Value::UNDEFINED)
}
