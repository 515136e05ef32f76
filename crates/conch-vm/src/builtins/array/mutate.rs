//! `Array.prototype` methods that add, remove or move elements (§23.1.3): `push`, `pop`,
//! `shift`, `unshift`, `slice`, `splice`, `concat`, `fill`, `reverse`, `copyWithin`, and the
//! copying `toReversed`, `toSpliced`, `with`.

use super::{
    array_create, array_species_create, create_index, delete_index, get_index, has_index, num,
    relative_end, relative_index, set_index, set_length, tick, to_integer_or_infinity,
    MAX_ARRAY_LENGTH, MAX_SAFE,
};
use crate::builtins::arg;
use crate::convert::{length_of_array_like, to_boolean, to_object};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// `ArrayCreate(len)` with `%Array.prototype%`, a RangeError past 2^32 − 1.
pub(crate) fn array_create_len(cx: &mut Cx, len: u64) -> JsResult<Gc<Object>> {
    if len > MAX_ARRAY_LENGTH {
        return Err(cx.range_error("Invalid array length"));
    }
    let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
    array_create(cx, len as u32, proto)
}

/// Moves element `from` to `to`, or deletes `to` when `from` is absent (the loop body shared
/// by `shift`, `unshift`, `splice` and `copyWithin`).
fn move_element(cx: &mut Cx, o: Gc<Object>, from: u64, to: u64) -> JsResult<()> {
    if has_index(cx, o, from)? {
        let v = get_index(cx, o, from)?;
        set_index(cx, o, to, v)
    } else {
        delete_index(cx, o, to)
    }
}

/// `Array.prototype.push ( ...items )`.
pub(super) fn push(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let mut len = length_of_array_like(cx, o)?;
    if len + args.len() as u64 > MAX_SAFE {
        return Err(cx.type_error("Pushing past the maximum length of an array-like"));
    }
    for &e in args {
        set_index(cx, o, len, e)?;
        len += 1;
    }
    set_length(cx, o, len)?;
    Ok(num(len))
}

/// `Array.prototype.pop ( )`.
pub(super) fn pop(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    if len == 0 {
        set_length(cx, o, 0)?;
        return Ok(Value::UNDEFINED);
    }
    let new_len = len - 1;
    let element = get_index(cx, o, new_len)?;
    delete_index(cx, o, new_len)?;
    set_length(cx, o, new_len)?;
    Ok(element)
}

/// `Array.prototype.shift ( )`.
pub(super) fn shift(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    if len == 0 {
        set_length(cx, o, 0)?;
        return Ok(Value::UNDEFINED);
    }
    let first = get_index(cx, o, 0)?;
    for k in 1..len {
        tick(cx, k)?;
        move_element(cx, o, k, k - 1)?;
    }
    delete_index(cx, o, len - 1)?;
    set_length(cx, o, len - 1)?;
    Ok(first)
}

/// `Array.prototype.unshift ( ...items )`.
pub(super) fn unshift(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let count = args.len() as u64;
    if count > 0 {
        if len + count > MAX_SAFE {
            return Err(cx.type_error("Unshifting past the maximum length of an array-like"));
        }
        let mut k = len;
        while k > 0 {
            tick(cx, k)?;
            move_element(cx, o, k - 1, k + count - 1)?;
            k -= 1;
        }
        for (j, &e) in args.iter().enumerate() {
            set_index(cx, o, j as u64, e)?;
        }
    }
    set_length(cx, o, len + count)?;
    Ok(num(len + count))
}

/// `Array.prototype.slice ( start, end )`.
pub(super) fn slice(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let mut k = relative_index(cx, arg(args, 0), len)?;
    let fin = relative_end(cx, arg(args, 1), len)?;
    let count = fin.saturating_sub(k);
    let a = array_species_create(cx, o, count)?;
    let mut n = 0;
    while k < fin {
        tick(cx, n)?;
        if has_index(cx, o, k)? {
            let v = get_index(cx, o, k)?;
            create_index(cx, a, n, v)?;
        }
        k += 1;
        n += 1;
    }
    set_length(cx, a, n)?;
    Ok(a.to_value())
}

/// The `actualSkipCount` of `splice` and `toSpliced`.
fn skip_count(cx: &mut Cx, args: &[Value], len: u64, start: u64) -> JsResult<u64> {
    Ok(match args.len() {
        0 => 0,
        1 => len - start,
        _ => {
            let dc = to_integer_or_infinity(cx, args[1])?;
            dc.clamp(0.0, (len - start) as f64) as u64
        }
    })
}

/// `Array.prototype.splice ( start, deleteCount, ...items )`.
pub(super) fn splice(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let start = relative_index(cx, arg(args, 0), len)?;
    let items = args.get(2..).unwrap_or(&[]);
    let item_count = items.len() as u64;
    let skip = skip_count(cx, args, len, start)?;
    if len + item_count - skip > MAX_SAFE {
        return Err(cx.type_error("Splicing past the maximum length of an array-like"));
    }
    let a = array_species_create(cx, o, skip)?;
    for k in 0..skip {
        tick(cx, k)?;
        let from = start + k;
        if has_index(cx, o, from)? {
            let v = get_index(cx, o, from)?;
            create_index(cx, a, k, v)?;
        }
    }
    set_length(cx, a, skip)?;
    if item_count < skip {
        for k in start..len - skip {
            tick(cx, k)?;
            move_element(cx, o, k + skip, k + item_count)?;
        }
        let mut k = len;
        while k > len - skip + item_count {
            tick(cx, k)?;
            delete_index(cx, o, k - 1)?;
            k -= 1;
        }
    } else if item_count > skip {
        let mut k = len - skip;
        while k > start {
            tick(cx, k)?;
            move_element(cx, o, k + skip - 1, k + item_count - 1)?;
            k -= 1;
        }
    }
    for (i, &e) in items.iter().enumerate() {
        set_index(cx, o, start + i as u64, e)?;
    }
    set_length(cx, o, len - skip + item_count)?;
    Ok(a.to_value())
}

/// `IsConcatSpreadable(O)`.
fn is_concat_spreadable(cx: &mut Cx, v: Value) -> JsResult<bool> {
    let Some(o) = Object::from_value(v) else {
        return Ok(false);
    };
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::isConcatSpreadable));
    let s = ops::get_v(cx, o, key)?;
    if !s.is_undefined() {
        return Ok(to_boolean(s));
    }
    ops::is_array(cx, v)
}

/// `Array.prototype.concat ( ...items )`.
pub(super) fn concat(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = super::this_object(cx, this, "concat")?;
    let a = array_species_create(cx, o, 0)?;
    let mut n: u64 = 0;
    for i in 0..=args.len() {
        let e = if i == 0 { o.to_value() } else { args[i - 1] };
        if is_concat_spreadable(cx, e)? {
            let eo = Object::from_value(e).expect("spreadable is an object");
            let len = length_of_array_like(cx, eo)?;
            if n + len > MAX_SAFE {
                return Err(cx.type_error("Concatenating past the maximum length of an array-like"));
            }
            for k in 0..len {
                tick(cx, k)?;
                if has_index(cx, eo, k)? {
                    let v = get_index(cx, eo, k)?;
                    create_index(cx, a, n, v)?;
                }
                n += 1;
            }
        } else {
            if n >= MAX_SAFE {
                return Err(cx.type_error("Concatenating past the maximum length of an array-like"));
            }
            create_index(cx, a, n, e)?;
            n += 1;
        }
    }
    set_length(cx, a, n)?;
    Ok(a.to_value())
}

/// `Array.prototype.fill ( value, start, end )`.
pub(super) fn fill(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let start = relative_index(cx, arg(args, 1), len)?;
    let fin = relative_end(cx, arg(args, 2), len)?;
    let value = arg(args, 0);
    for k in start..fin {
        tick(cx, k)?;
        set_index(cx, o, k, value)?;
    }
    Ok(o.to_value())
}

/// `Array.prototype.reverse ( )`.
pub(super) fn reverse(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let middle = len / 2;
    for lower in 0..middle {
        tick(cx, lower)?;
        let upper = len - lower - 1;
        let lower_exists = has_index(cx, o, lower)?;
        let lower_value = if lower_exists {
            get_index(cx, o, lower)?
        } else {
            Value::UNDEFINED
        };
        let upper_exists = has_index(cx, o, upper)?;
        let upper_value = if upper_exists {
            get_index(cx, o, upper)?
        } else {
            Value::UNDEFINED
        };
        match (lower_exists, upper_exists) {
            (true, true) => {
                set_index(cx, o, lower, upper_value)?;
                set_index(cx, o, upper, lower_value)?;
            }
            (false, true) => {
                set_index(cx, o, lower, upper_value)?;
                delete_index(cx, o, upper)?;
            }
            (true, false) => {
                delete_index(cx, o, lower)?;
                set_index(cx, o, upper, lower_value)?;
            }
            (false, false) => {}
        }
    }
    Ok(o.to_value())
}

/// `Array.prototype.copyWithin ( target, start, end )`.
pub(super) fn copy_within(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let to = relative_index(cx, arg(args, 0), len)? as i64;
    let from = relative_index(cx, arg(args, 1), len)? as i64;
    let fin = relative_end(cx, arg(args, 2), len)? as i64;
    let mut count = (fin - from).min(len as i64 - to);
    let (mut from, mut to, dir) = if from < to && to < from + count {
        (from + count - 1, to + count - 1, -1)
    } else {
        (from, to, 1)
    };
    let mut i = 0;
    while count > 0 {
        tick(cx, i)?;
        move_element(cx, o, from as u64, to as u64)?;
        from += dir;
        to += dir;
        count -= 1;
        i += 1;
    }
    Ok(o.to_value())
}

/// `Array.prototype.toReversed ( )`.
pub(super) fn to_reversed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let a = array_create_len(cx, len)?;
    for k in 0..len {
        tick(cx, k)?;
        let v = get_index(cx, o, len - k - 1)?;
        create_index(cx, a, k, v)?;
    }
    Ok(a.to_value())
}

/// `Array.prototype.toSpliced ( start, skipCount, ...items )`.
pub(super) fn to_spliced(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let start = relative_index(cx, arg(args, 0), len)?;
    let items = args.get(2..).unwrap_or(&[]);
    let skip = skip_count(cx, args, len, start)?;
    let new_len = len + items.len() as u64 - skip;
    if new_len > MAX_SAFE {
        return Err(cx.type_error("toSpliced past the maximum length of an array-like"));
    }
    let a = array_create_len(cx, new_len)?;
    let mut i = 0;
    while i < start {
        tick(cx, i)?;
        let v = get_index(cx, o, i)?;
        create_index(cx, a, i, v)?;
        i += 1;
    }
    for &e in items {
        create_index(cx, a, i, e)?;
        i += 1;
    }
    let mut r = start + skip;
    while i < new_len {
        tick(cx, i)?;
        let v = get_index(cx, o, r)?;
        create_index(cx, a, i, v)?;
        i += 1;
        r += 1;
    }
    Ok(a.to_value())
}

/// `Array.prototype.with ( index, value )`.
pub(super) fn with(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    if actual >= len as f64 || actual < 0.0 {
        return Err(cx.range_error("Invalid index"));
    }
    let actual = actual as u64;
    let a = array_create_len(cx, len)?;
    for k in 0..len {
        tick(cx, k)?;
        let v = if k == actual {
            arg(args, 1)
        } else {
            get_index(cx, o, k)?
        };
        create_index(cx, a, k, v)?;
    }
    Ok(a.to_value())
}
