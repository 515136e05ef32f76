//! The `Iterator.prototype` methods that consume their receiver at once (§27.1.4):
//! `reduce`, `toArray`, `forEach`, `some`, `every`, `find`, and the proposals' `includes` and
//! `join`.

use super::{callable_or_close, close_with, get_iterator_direct, iterator_close, this_object};
use crate::builtins::array::tick;
use crate::builtins::{arg, array_create};
use crate::convert::{to_boolean, to_string};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::ops::iteration::{iterator_close_throw, iterator_step_value};
use crate::realm::Intrinsic;
use crate::{JsString, MAX_STRING_LENGTH};
use conch_gc::{Gc, Value};

/// `Iterator.prototype.reduce ( reducer [ , initialValue ] )` (§27.1.4.9).
pub(super) fn reduce(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "reduce")?;
    let f = arg(args, 0);
    callable_or_close(cx, o, f)?;
    let r = get_iterator_direct(cx, o)?;
    let (mut acc, mut counter) = if args.len() < 2 {
        match iterator_step_value(cx, r)? {
            Some(v) => (v, 1.0),
            None => return Err(cx.type_error("Reduce of an empty iterator with no initial value")),
        }
    } else {
        (arg(args, 1), 0.0)
    };
    let mut k = 0;
    loop {
        tick(cx, k)?;
        k += 1;
        let Some(v) = iterator_step_value(cx, r)? else {
            return Ok(acc);
        };
        match ops::call(cx, f, Value::UNDEFINED, &[acc, v, Value::number(counter)]) {
            Ok(x) => acc = x,
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        }
        counter += 1.0;
    }
}

/// `Iterator.prototype.toArray ( )` (§27.1.4.12).
pub(super) fn to_array(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "toArray")?;
    let r = get_iterator_direct(cx, o)?;
    let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
    let a = array_create(cx, 0, proto)?;
    let mut k: u32 = 0;
    loop {
        tick(cx, k as u64)?;
        let Some(v) = iterator_step_value(cx, r)? else {
            return Ok(a.to_value());
        };
        if k == u32::MAX {
            return Err(cx.range_error("Invalid array length"));
        }
        ops::create_data_property(cx, a, PropertyKey::index(k), v)?;
        k += 1;
    }
}

/// What `forEach`, `some`, `every` and `find` do with each predicate result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    ForEach,
    Some,
    Every,
    Find,
}

fn visit(cx: &mut Cx, this: Value, f: Value, how: Visit) -> JsResult<Value> {
    let o = this_object(cx, this, "")?;
    callable_or_close(cx, o, f)?;
    let r = get_iterator_direct(cx, o)?;
    let mut counter = 0.0;
    let mut k = 0;
    loop {
        tick(cx, k)?;
        k += 1;
        let Some(v) = iterator_step_value(cx, r)? else {
            return Ok(match how {
                Visit::ForEach | Visit::Find => Value::UNDEFINED,
                Visit::Some => Value::bool(false),
                Visit::Every => Value::bool(true),
            });
        };
        let result = match ops::call(cx, f, Value::UNDEFINED, &[v, Value::number(counter)]) {
            Ok(x) => x,
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        };
        let hit = to_boolean(result);
        match how {
            Visit::Some if hit => return iterator_close(cx, o, Ok(Value::bool(true))),
            Visit::Every if !hit => return iterator_close(cx, o, Ok(Value::bool(false))),
            Visit::Find if hit => return iterator_close(cx, o, Ok(v)),
            _ => {}
        }
        counter += 1.0;
    }
}

/// `Iterator.prototype.forEach ( procedure )` (§27.1.4.6).
pub(super) fn for_each(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    visit(cx, this, arg(args, 0), Visit::ForEach)
}

/// `Iterator.prototype.some ( predicate )` (§27.1.4.10).
pub(super) fn some(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    visit(cx, this, arg(args, 0), Visit::Some)
}

/// `Iterator.prototype.every ( predicate )` (§27.1.4.4).
pub(super) fn every(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    visit(cx, this, arg(args, 0), Visit::Every)
}

/// `Iterator.prototype.find ( predicate )` (§27.1.4.6).
pub(super) fn find(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    visit(cx, this, arg(args, 0), Visit::Find)
}

/// `Iterator.prototype.includes ( searchElement [ , skippedElements ] )` (proposal
/// iterator-includes).
pub(super) fn includes(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "includes")?;
    let search = arg(args, 0);
    let skip = arg(args, 1);
    let to_skip = if skip.is_undefined() {
        0.0
    } else {
        match skip.as_number() {
            Some(n) if n.is_infinite() || (n.is_finite() && n.trunc() == n) => n,
            _ => {
                let e = cx.type_error("skippedElements must be an integral number");
                return Err(close_with(cx, o, e));
            }
        }
    };
    if to_skip < 0.0 || (to_skip.is_finite() && to_skip > 9007199254740991.0) {
        let e = cx.range_error("skippedElements is out of range");
        return Err(close_with(cx, o, e));
    }
    let r = get_iterator_direct(cx, o)?;
    let mut skipped = 0.0;
    let mut k = 0;
    loop {
        tick(cx, k)?;
        k += 1;
        let Some(v) = iterator_step_value(cx, r)? else {
            return Ok(Value::bool(false));
        };
        if skipped < to_skip {
            skipped += 1.0;
        } else if crate::convert::same_value_zero(cx, v, search)? {
            return iterator_close(cx, o, Ok(Value::bool(true)));
        }
    }
}

/// `Iterator.prototype.join ( separator )` (proposal Iterator.prototype.join).
pub(super) fn join(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "join")?;
    let s = arg(args, 0);
    let sep = if s.is_undefined() {
        cx.string(",")?
    } else {
        match to_string(cx, s) {
            Ok(x) => x,
            Err(e) => return Err(close_with(cx, o, e)),
        }
    };
    let r = get_iterator_direct(cx, o)?;
    let mut out = cx.string("")?;
    let mut k: u64 = 0;
    loop {
        tick(cx, k)?;
        let Some(v) = iterator_step_value(cx, r)? else {
            return Ok(out.to_value());
        };
        if k > 0 {
            out = append(cx, o, out, sep)?;
        }
        k += 1;
        if v.is_nullish() {
            continue;
        }
        let piece = match to_string(cx, v) {
            Ok(x) => x,
            Err(e) => return Err(close_with(cx, o, e)),
        };
        out = append(cx, o, out, piece)?;
    }
}

/// `a + b` for `join`: too long a result closes `o` and throws a RangeError.
fn append(cx: &mut Cx, o: Value, a: Gc<JsString>, b: Gc<JsString>) -> JsResult<Gc<JsString>> {
    if a.len() + b.len() > MAX_STRING_LENGTH {
        let e = cx.range_error("Invalid string length");
        return Err(close_with(cx, o, e));
    }
    Ok(JsString::concat(cx.heap(), a, b)?)
}
