//! `Array.prototype.sort` and `toSorted` (§23.1.3.30, §23.1.3.34): `SortIndexedProperties`
//! with a stable bottom-up merge sort for the default order and V8's TimSort (`timsort.rs`)
//! with a comparator.
//!
//! The elements are copied into a `GcVec` first, so a comparator that mutates (or shrinks)
//! the array cannot disturb the sort; a comparator that is not consistent gets some
//! permutation (the spec's "implementation-defined" order) and the sort still terminates.
//! `undefined` values are set aside and put last without calling the comparator (SortCompare
//! never calls it for them); `sort` skips holes and deletes the tail, `toSorted` reads holes
//! as `undefined`.

use super::mutate::array_create_len;
use super::{create_index, delete_index, get_index, has_index, set_index, tick};
use crate::builtins::arg;
use crate::convert::{length_of_array_like, to_number, to_object, to_string};
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use crate::string::JsString;
use conch_gc::{Gc, GcVec, Value};
use std::cmp::Ordering;

/// The comparator argument: `undefined` or a function, else a TypeError.
fn comparator(cx: &Cx, v: Value, name: &str) -> JsResult<Value> {
    if v.is_undefined() || Object::from_value(v).is_some_and(|f| f.is_callable()) {
        return Ok(v);
    }
    let _ = name;
    Err(cx.type_error("The comparison function must be either a function or undefined"))
}

/// `SortIndexedProperties(obj, len, SortCompare, holes)`: the sorted values.
fn sort_indexed_properties(
    cx: &mut Cx,
    o: Gc<Object>,
    len: u64,
    cmp: Value,
    skip_holes: bool,
) -> JsResult<GcVec<Value>> {
    let items = GcVec::<Value>::new();
    let mut undefineds: u64 = 0;
    for k in 0..len {
        tick(cx, k)?;
        if skip_holes && !has_index(cx, o, k)? {
            continue;
        }
        let v = get_index(cx, o, k)?;
        if v.is_undefined() {
            undefineds += 1;
        } else {
            items.push(cx.heap(), v)?;
        }
    }
    if items.len() < 2 {
        // Nothing to compare: no SortCompare call, so no ToString either.
    } else if cmp.is_undefined() {
        // Default order: by ToString, computed once per element.
        let keys = GcVec::<Value>::new();
        keys.reserve(cx.heap(), items.len())?;
        for (i, v) in items.iter().enumerate() {
            tick(cx, i as u64)?;
            let s = to_string(cx, v)?;
            let s = JsString::flatten(cx.heap(), s)?;
            keys.push(cx.heap(), s.to_value())?;
        }
        // Sort (key, value) pairs by sorting indices.
        let idx = GcVec::<Value>::new();
        idx.reserve(cx.heap(), items.len())?;
        for i in 0..items.len() {
            idx.push(cx.heap(), Value::number(i as f64))?;
        }
        merge_sort(cx, &idx, |_, a, b| {
            let ka = key_at(&keys, a);
            let kb = key_at(&keys, b);
            Ok(ka.chars().compare(&kb.chars()) == Ordering::Greater)
        })?;
        let sorted = GcVec::<Value>::new();
        sorted.reserve(cx.heap(), items.len())?;
        for i in idx.iter() {
            let v = items
                .get(i.as_number().unwrap_or(0.0) as usize)
                .unwrap_or(Value::UNDEFINED);
            sorted.push(cx.heap(), v)?;
        }
        items.replace_with(sorted.take());
    } else {
        // V8's TimSort, so that the comparator's calls and an inconsistent comparator's
        // result are node's.
        super::timsort::timsort(cx, &items, |cx, x, y| {
            let r = ops::call(cx, cmp, Value::UNDEFINED, &[x, y])?;
            let v = to_number(cx, r)?;
            // NaN counts as +0.
            Ok(if v.is_nan() { 0.0 } else { v })
        })?;
    }
    for i in 0..undefineds {
        tick(cx, i)?;
        items.push(cx.heap(), Value::UNDEFINED)?;
    }
    Ok(items)
}

fn key_at(keys: &GcVec<Value>, i: Value) -> Gc<JsString> {
    keys.get(i.as_number().unwrap_or(0.0) as usize)
        .and_then(JsString::from_value)
        .expect("sort key")
}

/// Stable bottom-up merge sort of `v`; `gt(x, y)` says `x` sorts after `y`.
pub(crate) fn merge_sort(
    cx: &mut Cx,
    v: &GcVec<Value>,
    mut gt: impl FnMut(&mut Cx, Value, Value) -> JsResult<bool>,
) -> JsResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let tmp = GcVec::<Value>::new();
    tmp.resize(cx.heap(), n, Value::UNDEFINED)?;
    let (mut src, mut dst) = (v, &tmp);
    let mut steps: u64 = 0;
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for out in lo..hi {
                steps += 1;
                tick(cx, steps)?;
                let take_left = if i >= mid {
                    false
                } else if j >= hi {
                    true
                } else {
                    let (x, y) = (src.get(i).expect("in range"), src.get(j).expect("in range"));
                    !gt(cx, x, y)?
                };
                if take_left {
                    dst.set(out, src.get(i).expect("in range"));
                    i += 1;
                } else {
                    dst.set(out, src.get(j).expect("in range"));
                    j += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    if !std::ptr::eq(src, v) {
        for i in 0..n {
            v.set(i, src.get(i).expect("in range"));
        }
    }
    Ok(())
}

/// `Array.prototype.sort ( comparefn )`.
pub(super) fn sort(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cmp = comparator(cx, arg(args, 0), "sort")?;
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let sorted = sort_indexed_properties(cx, o, len, cmp, true)?;
    let count = sorted.len() as u64;
    for (j, v) in sorted.iter().enumerate() {
        tick(cx, j as u64)?;
        set_index(cx, o, j as u64, v)?;
    }
    // Holes were skipped: delete the tail so that their number stays the same.
    for j in count..len {
        tick(cx, j)?;
        delete_index(cx, o, j)?;
    }
    Ok(o.to_value())
}

/// `Array.prototype.toSorted ( comparefn )`.
pub(super) fn to_sorted(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cmp = comparator(cx, arg(args, 0), "toSorted")?;
    let o = to_object(cx, this)?;
    let len = length_of_array_like(cx, o)?;
    let a = array_create_len(cx, len)?;
    let sorted = sort_indexed_properties(cx, o, len, cmp, false)?;
    for (j, v) in sorted.iter().enumerate() {
        tick(cx, j as u64)?;
        create_index(cx, a, j as u64, v)?;
    }
    Ok(a.to_value())
}
