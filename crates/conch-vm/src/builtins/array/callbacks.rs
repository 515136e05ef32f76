//! `Array.prototype` methods that call a function for each element (§23.1.3): `forEach`,
//! `map`, `filter`, `some`, `every`, `reduce`, `reduceRight`, and `flat`/`flatMap`.

use super::{
    array_species_create, callback, create_index, get_index, has_index, is_array_value, num, tick,
    to_integer_or_infinity, MAX_SAFE,
};
use crate::builtins::arg;
use crate::convert::{length_of_array_like, to_boolean, to_object};
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use conch_gc::{Gc, Value};

/// The common start: (O, len, callback, thisArg).
fn setup(
    cx: &mut Cx,
    this: Value,
    args: &[Value],
    name: &str,
) -> JsResult<(Gc<Object>, u64, Value, Value)> {
    let o = if name == "flatMap" {
        to_object(cx, this)?
    } else {
        super::this_object(cx, this, name)?
    };
    let len = length_of_array_like(cx, o)?;
    let f = callback(cx, arg(args, 0), name)?;
    Ok((o, len, f, arg(args, 1)))
}

/// Calls `f(kValue, k, O)` for each present element in order, until `each` says stop.
fn each_present(
    cx: &mut Cx,
    o: Gc<Object>,
    len: u64,
    f: Value,
    this_arg: Value,
    mut each: impl FnMut(&mut Cx, u64, Value, Value) -> JsResult<bool>,
) -> JsResult<()> {
    for k in 0..len {
        tick(cx, k)?;
        if has_index(cx, o, k)? {
            let v = get_index(cx, o, k)?;
            let r = ops::call(cx, f, this_arg, &[v, num(k), o.to_value()])?;
            if !each(cx, k, v, r)? {
                break;
            }
        }
    }
    Ok(())
}

/// `Array.prototype.forEach ( callbackfn [ , thisArg ] )`.
pub(super) fn for_each(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, len, f, t) = setup(cx, this, args, "forEach")?;
    each_present(cx, o, len, f, t, |_, _, _, _| Ok(true))?;
    Ok(Value::UNDEFINED)
}

/// `Array.prototype.map ( callbackfn [ , thisArg ] )`.
pub(super) fn map(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, len, f, t) = setup(cx, this, args, "map")?;
    let a = array_species_create(cx, o, len)?;
    each_present(cx, o, len, f, t, |cx, k, _, mapped| {
        create_index(cx, a, k, mapped)?;
        Ok(true)
    })?;
    Ok(a.to_value())
}

/// `Array.prototype.filter ( callbackfn [ , thisArg ] )`.
pub(super) fn filter(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, len, f, t) = setup(cx, this, args, "filter")?;
    let a = array_species_create(cx, o, 0)?;
    let mut to = 0;
    each_present(cx, o, len, f, t, |cx, _, v, selected| {
        if to_boolean(selected) {
            create_index(cx, a, to, v)?;
            to += 1;
        }
        Ok(true)
    })?;
    Ok(a.to_value())
}

/// `Array.prototype.some ( callbackfn [ , thisArg ] )`.
pub(super) fn some(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, len, f, t) = setup(cx, this, args, "some")?;
    let mut found = false;
    each_present(cx, o, len, f, t, |_, _, _, r| {
        found = to_boolean(r);
        Ok(!found)
    })?;
    Ok(Value::bool(found))
}

/// `Array.prototype.every ( callbackfn [ , thisArg ] )`.
pub(super) fn every(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, len, f, t) = setup(cx, this, args, "every")?;
    let mut all = true;
    each_present(cx, o, len, f, t, |_, _, _, r| {
        all = to_boolean(r);
        Ok(all)
    })?;
    Ok(Value::bool(all))
}

/// `reduce` (`right` = false) and `reduceRight`.
fn reduce_impl(cx: &mut Cx, this: Value, args: &[Value], right: bool) -> JsResult<Value> {
    let name = if right { "reduceRight" } else { "reduce" };
    let o = super::this_object(cx, this, name)?;
    let len = length_of_array_like(cx, o)?;
    let f = callback(cx, arg(args, 0), name)?;
    if len == 0 && args.len() < 2 {
        return Err(cx.type_error("Reduce of empty array with no initial value"));
    }
    // `i` counts steps; the index is `i` (left) or `len - 1 - i` (right).
    let at = |i: u64| if right { len - 1 - i } else { i };
    let mut i = 0;
    let mut acc = Value::UNDEFINED;
    if args.len() >= 2 {
        acc = args[1];
    } else {
        let mut present = false;
        while !present && i < len {
            tick(cx, i)?;
            present = has_index(cx, o, at(i))?;
            if present {
                acc = get_index(cx, o, at(i))?;
            }
            i += 1;
        }
        if !present {
            return Err(cx.type_error("Reduce of empty array with no initial value"));
        }
    }
    while i < len {
        tick(cx, i)?;
        let k = at(i);
        if has_index(cx, o, k)? {
            let v = get_index(cx, o, k)?;
            acc = ops::call(cx, f, Value::UNDEFINED, &[acc, v, num(k), o.to_value()])?;
        }
        i += 1;
    }
    Ok(acc)
}

/// `Array.prototype.reduce ( callbackfn [ , initialValue ] )`.
pub(super) fn reduce(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    reduce_impl(cx, this, args, false)
}

/// `Array.prototype.reduceRight ( callbackfn [ , initialValue ] )`.
pub(super) fn reduce_right(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    reduce_impl(cx, this, args, true)
}

/// `FlattenIntoArray(target, source, sourceLen, start, depth [ , mapperFunction, thisArg ])`;
/// returns the next target index. Recursion is bounded by the native stack check.
#[allow(clippy::too_many_arguments)]
fn flatten_into_array(
    cx: &mut Cx,
    target: Gc<Object>,
    source: Gc<Object>,
    source_len: u64,
    start: u64,
    depth: f64,
    mapper: Option<(Value, Value)>,
) -> JsResult<u64> {
    cx.check()?;
    let mut target_index = start;
    for si in 0..source_len {
        tick(cx, si)?;
        if !has_index(cx, source, si)? {
            continue;
        }
        let mut element = get_index(cx, source, si)?;
        if let Some((f, t)) = mapper {
            element = ops::call(cx, f, t, &[element, num(si), source.to_value()])?;
        }
        if depth > 0.0 && is_array_value(cx, element)? {
            let eo = Object::from_value(element).expect("array");
            let new_depth = if depth == f64::INFINITY {
                depth
            } else {
                depth - 1.0
            };
            let len = length_of_array_like(cx, eo)?;
            target_index = flatten_into_array(cx, target, eo, len, target_index, new_depth, None)?;
        } else {
            if target_index >= MAX_SAFE {
                return Err(cx.type_error("Flattening past the maximum length of an array-like"));
            }
            create_index(cx, target, target_index, element)?;
            target_index += 1;
        }
    }
    Ok(target_index)
}

/// `Array.prototype.flat ( [ depth ] )`.
pub(super) fn flat(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let mut depth = 1.0;
    let d = arg(args, 0);
    if !d.is_undefined() {
        depth = to_integer_or_infinity(cx, d)?.max(0.0);
    }
    let a = array_species_create(cx, o, 0)?;
    flatten_into_array(cx, a, o, len, 0, depth, None)?;
    Ok(a.to_value())
}

/// `Array.prototype.flatMap ( mapperFunction [ , thisArg ] )`.
pub(super) fn flat_map(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (o, len, f, t) = setup(cx, this, args, "flatMap")?;
    let a = array_species_create(cx, o, 0)?;
    flatten_into_array(cx, a, o, len, 0, 1.0, Some((f, t)))?;
    Ok(a.to_value())
}
