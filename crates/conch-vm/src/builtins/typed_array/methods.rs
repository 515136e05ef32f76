//! `%TypedArray%.prototype` methods (§23.2.3). Each validates its receiver
//! (ValidateTypedArray), takes the length once, and reads elements through [`get_el`], which
//! re-reads the storage: a callback that detaches the buffer makes later reads `undefined`,
//! as the spec's `Get` of an out-of-bounds index.

use super::statics::species_create;
use super::{
    allocate, copy_elements, default_proto, elem_of, elements, get_el, is_big, kind_of, set_el,
    to_elem, validate, validate_write, write_at,
};
use crate::builtins::array::iter::{create_array_iterator, Kind};
use crate::builtins::array::{
    clamp_relative, relative_end, relative_index, tick, to_integer_or_infinity,
};
use crate::builtins::{arg, data, method};
use crate::convert::{same_value_zero, to_boolean, to_number, to_object};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

type R = JsResult<Value>;

fn num(k: u64) -> Value {
    Value::number(k as f64)
}

fn callable(cx: &Cx, v: Value, what: &str) -> JsResult<Value> {
    if Object::from_value(v).is_some_and(|f| f.is_callable()) {
        return Ok(v);
    }
    let _ = what;
    Err(crate::builtins::array::not_a_function(cx, "", v))
}

fn at(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.at")?;
    let len = e.length as u64;
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len as f64 + rel };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::UNDEFINED);
    }
    get_el(cx, &o, k as u64)
}

fn copy_within(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate_write(cx, this, "%TypedArray%.prototype.copyWithin")?;
    let len = e.length as u64;
    let to = relative_index(cx, arg(args, 0), len)?;
    let from = relative_index(cx, arg(args, 1), len)?;
    let fin = relative_end(cx, arg(args, 2), len)?;
    let count = fin.saturating_sub(from).min(len - to);
    if count > 0 {
        let (_, e) = validate(cx, this, "%TypedArray%.prototype.copyWithin")?;
        let size = e.kind.size() as u64;
        let cur = e.length as u64;
        // The buffer may have shrunk: clamp to what is still there.
        let end_byte = cur * size;
        let (from_b, to_b) = (from * size, to * size);
        let mut n = count * size;
        if from_b + n > end_byte {
            n = end_byte.saturating_sub(from_b);
        }
        if to_b + n > end_byte {
            n = end_byte.saturating_sub(to_b);
        }
        if n > 0 {
            // SAFETY: both byte ranges lie within the view's live storage (clamped above).
            unsafe {
                std::ptr::copy(
                    (e.data as *const u8).add(from_b as usize),
                    (e.data as *mut u8).add(to_b as usize),
                    n as usize,
                )
            };
        }
    }
    Ok(o.to_value())
}

fn iter(cx: &mut Cx, this: Value, kind: Kind, what: &str) -> R {
    let (o, _) = validate(cx, this, what)?;
    create_array_iterator(cx, o, kind)
}

fn entries(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    iter(cx, this, Kind::Entries, "%TypedArray%.prototype.entries")
}
fn keys(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    iter(cx, this, Kind::Keys, "%TypedArray%.prototype.keys")
}
fn values(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    iter(cx, this, Kind::Values, "%TypedArray%.prototype.values")
}

/// What a per-element predicate loop does on a hit.
#[derive(Clone, Copy, PartialEq)]
enum Pred {
    Every,
    Some,
    Find,
    FindIndex,
    FindLast,
    FindLastIndex,
    ForEach,
}

fn pred_loop(cx: &mut Cx, this: Value, args: &[Value], p: Pred, name: &str) -> R {
    let mut buf = [0u8; 64];
    let what = crate::builtins::array::format_into(&mut buf, &["%TypedArray%.prototype.", name]);
    let (o, e) = validate(cx, this, what)?;
    let len = e.length as u64;
    let f = callable(cx, arg(args, 0), name)?;
    let this_arg = arg(args, 1);
    let rev = matches!(p, Pred::FindLast | Pred::FindLastIndex);
    for i in 0..len {
        tick(cx, i)?;
        let k = if rev { len - 1 - i } else { i };
        let v = get_el(cx, &o, k)?;
        let r = ops::call(cx, f, this_arg, &[v, num(k), o.to_value()])?;
        let t = to_boolean(r);
        match p {
            Pred::Every if !t => return Ok(Value::FALSE),
            Pred::Some if t => return Ok(Value::TRUE),
            Pred::Find | Pred::FindLast if t => return Ok(v),
            Pred::FindIndex | Pred::FindLastIndex if t => return Ok(num(k)),
            _ => {}
        }
    }
    Ok(match p {
        Pred::Every => Value::TRUE,
        Pred::Some => Value::FALSE,
        Pred::FindIndex | Pred::FindLastIndex => Value::int(-1),
        _ => Value::UNDEFINED,
    })
}

macro_rules! preds {
    ($($f:ident = $p:ident, $n:literal;)*) => {$(
        fn $f(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
            pred_loop(cx, this, args, Pred::$p, $n)
        }
    )*};
}
preds! {
    every = Every, "every";
    some = Some, "some";
    find = Find, "find";
    find_index = FindIndex, "findIndex";
    find_last = FindLast, "findLast";
    find_last_index = FindLastIndex, "findLastIndex";
    for_each = ForEach, "forEach";
}

fn fill(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate_write(cx, this, "%TypedArray%.prototype.fill")?;
    let len = e.length as u64;
    let v = to_elem(cx, e.kind, arg(args, 0))?;
    let k = relative_index(cx, arg(args, 1), len)?;
    let fin = relative_end(cx, arg(args, 2), len)?;
    let (_, e) = validate(cx, this, "%TypedArray%.prototype.fill")?;
    let fin = fin.min(e.length as u64);
    for i in k..fin {
        super::write_elem(&e, i as u32, v);
    }
    Ok(o.to_value())
}

fn filter(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.filter")?;
    let len = e.length as u64;
    let f = callable(cx, arg(args, 0), "filter")?;
    let kept = GcVec::<Value>::new();
    for k in 0..len {
        tick(cx, k)?;
        let v = get_el(cx, &o, k)?;
        let r = ops::call(cx, f, arg(args, 1), &[v, num(k), o.to_value()])?;
        if to_boolean(r) {
            kept.push(cx.heap(), v)?;
        }
    }
    let n = kept.len() as u64;
    let a = species_create(cx, o, &[num(n)], Some(n), true)?;
    for (i, v) in kept.iter().enumerate() {
        set_el(cx, &a, i as u64, v)?;
    }
    Ok(a.to_value())
}

/// `indexOf` / `lastIndexOf` / `includes`.
fn search(cx: &mut Cx, this: Value, args: &[Value], mode: u8) -> R {
    let what = [
        "%TypedArray%.prototype.indexOf",
        "%TypedArray%.prototype.lastIndexOf",
        "%TypedArray%.prototype.includes",
    ][mode as usize];
    let (o, e) = validate(cx, this, what)?;
    let len = e.length as u64;
    let miss = if mode == 2 {
        Value::FALSE
    } else {
        Value::int(-1)
    };
    if len == 0 {
        return Ok(miss);
    }
    let target = arg(args, 0);
    if mode == 1 {
        let from = if args.len() > 1 {
            to_integer_or_infinity(cx, arg(args, 1))?
        } else {
            len as f64 - 1.0
        };
        if from == f64::NEG_INFINITY {
            return Ok(miss);
        }
        let mut k = if from >= 0.0 {
            from.min(len as f64 - 1.0)
        } else {
            len as f64 + from
        };
        while k >= 0.0 {
            let ku = k as u64;
            let v = get_el(cx, &o, ku)?;
            if !v.is_undefined() && strict_eq(v, target) {
                return Ok(num(ku));
            }
            k -= 1.0;
        }
        return Ok(miss);
    }
    let n = to_integer_or_infinity(cx, arg(args, 1))?;
    if n == f64::INFINITY {
        return Ok(miss);
    }
    let start = clamp_relative(if n == f64::NEG_INFINITY { 0.0 } else { n }, len);
    for k in start..len {
        let v = get_el(cx, &o, k)?;
        if mode == 2 {
            if same_value_zero(cx, v, target)? {
                return Ok(Value::TRUE);
            }
        } else if !v.is_undefined() && strict_eq(v, target) {
            return Ok(num(k));
        }
    }
    Ok(miss)
}

fn strict_eq(a: Value, b: Value) -> bool {
    use crate::bigint::BigInt;
    match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x == y,
        _ => match (BigInt::from_value(a), BigInt::from_value(b)) {
            (Some(x), Some(y)) => BigInt::equals(&x, &y),
            _ => false,
        },
    }
}

fn index_of(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    search(cx, this, args, 0)
}
fn last_index_of(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    search(cx, this, args, 1)
}
fn includes(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    search(cx, this, args, 2)
}

fn join(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.join")?;
    let len = e.length as u64;
    // The separator is converted before any element is read.
    let sep = match arg(args, 0) {
        s if s.is_undefined() => s,
        s => crate::convert::to_string(cx, s)?.to_value(),
    };
    // Array.prototype.join over a plain array of the elements (read with the typed array's
    // own length; elements of a detached buffer read as undefined, joined as "").
    let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
    let arr = crate::builtins::array_create(cx, 0, proto)?;
    for k in 0..len {
        tick(cx, k)?;
        let v = get_el(cx, &o, k)?;
        crate::builtins::array::create_index(cx, arr, k, v)?;
    }
    crate::builtins::array::search::join(cx, arr, arr.to_value(), &[sep], Value::UNDEFINED)
}

fn map(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.map")?;
    let len = e.length as u64;
    let f = callable(cx, arg(args, 0), "map")?;
    let a = species_create(cx, o, &[num(len)], Some(len), true)?;
    for k in 0..len {
        tick(cx, k)?;
        let v = get_el(cx, &o, k)?;
        let r = ops::call(cx, f, arg(args, 1), &[v, num(k), o.to_value()])?;
        crate::builtins::array::set_index(cx, a, k, r)?;
    }
    Ok(a.to_value())
}

fn reduce_impl(cx: &mut Cx, this: Value, args: &[Value], right: bool) -> R {
    let name = if right { "reduceRight" } else { "reduce" };
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.reduce")?;
    let len = e.length as u64;
    let f = callable(cx, arg(args, 0), name)?;
    let mut k = 0;
    let mut acc = if args.len() >= 2 {
        args[1]
    } else {
        if len == 0 {
            return Err(cx.type_error("Reduce of empty array with no initial value"));
        }
        k = 1;
        get_el(cx, &o, if right { len - 1 } else { 0 })?
    };
    while k < len {
        tick(cx, k)?;
        let i = if right { len - 1 - k } else { k };
        let v = get_el(cx, &o, i)?;
        acc = ops::call(cx, f, Value::UNDEFINED, &[acc, v, num(i), o.to_value()])?;
        k += 1;
    }
    Ok(acc)
}

fn reduce(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    reduce_impl(cx, this, args, false)
}
fn reduce_right(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    reduce_impl(cx, this, args, true)
}

fn reverse(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let (o, e) = validate_write(cx, this, "%TypedArray%.prototype.reverse")?;
    let (n, size) = (e.length as usize, e.kind.size());
    for i in 0..n / 2 {
        let (a, b) = (e.data + i * size, e.data + (n - 1 - i) * size);
        // SAFETY: two distinct elements inside the live view.
        unsafe { std::ptr::swap_nonoverlapping(a as *mut u8, b as *mut u8, size) };
    }
    Ok(o.to_value())
}

/// `%TypedArray%.prototype.set ( source [ , offset ] )`.
fn set(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let Some(t) = Object::from_value(this).filter(|o| o.class() == ObjectClass::TypedArray) else {
        return Err(cx.type_error("this is not a typed array."));
    };
    if super::is_immutable(&t) {
        return Err(cx.type_error("%TypedArray%.prototype.set: the buffer is immutable"));
    }
    let off = to_integer_or_infinity(cx, arg(args, 1))?;
    if off < 0.0 {
        return Err(cx.range_error("offset is out of bounds"));
    }
    let source = arg(args, 0);
    if super::is_out_of_bounds(&t) {
        return Err(cx.type_error("%TypedArray%.prototype.set: the buffer is detached"));
    }
    let tlen = elements(&t).map_or(0, |e| e.length) as f64;
    if let Some(s) = Object::from_value(source).filter(|o| o.class() == ObjectClass::TypedArray) {
        if super::is_out_of_bounds(&s) {
            return Err(cx.type_error("%TypedArray%.prototype.set: the source is detached"));
        }
        if is_big(kind_of(&s)) != is_big(kind_of(&t)) {
            return Err(cx.type_error("Content types of source and target typed arrays differ"));
        }
        let slen = elements(&s).map_or(0, |e| e.length) as f64;
        if off == f64::INFINITY || slen + off > tlen {
            return Err(cx.range_error("offset is out of bounds"));
        }
        let off = off as u64;
        // A view of the target starting at `off`: copy through a temporary object.
        let e = elements(&t).expect("typed array");
        let view = super::make_view(
            cx,
            e.kind,
            Value::NULL,
            Object::from_value(t.internal(0)).expect("buffer"),
            t.internal(1).as_number().unwrap_or(0.0) as u64 + off * e.kind.size() as u64,
            Some(slen as u64),
        )?;
        copy_elements(cx, &view, &s, slen as u64)?;
        return Ok(Value::UNDEFINED);
    }
    let src = to_object(cx, source)?;
    let slen = crate::convert::length_of_array_like(cx, src)? as f64;
    if off == f64::INFINITY || slen + off > tlen {
        return Err(cx.range_error("offset is out of bounds"));
    }
    let off = off as u64;
    for k in 0..slen as u64 {
        tick(cx, k)?;
        let v = crate::builtins::array::get_index(cx, src, k)?;
        set_el(cx, &t, off + k, v)?;
    }
    Ok(Value::UNDEFINED)
}

fn slice(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.slice")?;
    let len = e.length as u64;
    let k = relative_index(cx, arg(args, 0), len)?;
    let fin = relative_end(cx, arg(args, 1), len)?;
    let count = fin.saturating_sub(k);
    let a = species_create(cx, o, &[num(count)], Some(count), true)?;
    if count > 0 {
        let (_, e) = validate(cx, this, "%TypedArray%.prototype.slice")?;
        let fin = fin.min(e.length as u64);
        let ae = elements(&a).expect("typed array");
        if ae.kind == e.kind {
            let size = e.kind.size();
            let n = (fin.saturating_sub(k) as usize * size).min(ae.length as usize * size);
            // Byte by byte, upwards (the spec's order: a species result over the same
            // buffer may overlap the source and then sees its own earlier writes).
            let (src, dst) = (
                (e.data + k as usize * size) as *const u8,
                ae.data as *mut u8,
            );
            for b in 0..n {
                // SAFETY: `b < n` lies inside the source's live storage (clamped to its
                // current length) and inside the target's `n` bytes.
                unsafe { *dst.add(b) = *src.add(b) };
            }
        } else {
            for (n, i) in (k..fin).enumerate() {
                let v = get_el(cx, &o, i)?;
                set_el(cx, &a, n as u64, v)?;
            }
        }
    }
    Ok(a.to_value())
}

/// Total order of the default sort: numeric, −0 before +0, NaN last.
fn default_gt(x: f64, y: f64) -> bool {
    if x.is_nan() {
        return !y.is_nan();
    }
    if y.is_nan() {
        return false;
    }
    if x == y {
        return x.is_sign_positive() && y.is_sign_negative();
    }
    x > y
}

/// Sorts `len` values of `o` into a new list with `cmp` (`undefined`: numeric order).
fn sorted_values(cx: &mut Cx, o: Gc<Object>, len: u64, cmp: Value) -> JsResult<GcVec<Value>> {
    let items = GcVec::<Value>::new();
    items.reserve(cx.heap(), len as usize)?;
    for k in 0..len {
        items.push(cx.heap(), get_el(cx, &o, k)?)?;
    }
    if !cmp.is_undefined() {
        // V8's merge sort, so that the comparator's calls (and an inconsistent comparator's
        // result) are node's.
        crate::builtins::array::timsort::typed_array_merge_sort(cx, &items, |cx, a, b| {
            let r = ops::call(cx, cmp, Value::UNDEFINED, &[a, b])?;
            let v = to_number(cx, r)?;
            Ok(if v.is_nan() { 0.0 } else { v })
        })?;
        return Ok(items);
    }
    crate::builtins::array::sort::merge_sort(cx, &items, |_, a, b| {
        use crate::bigint::BigInt;
        if let (Some(x), Some(y)) = (BigInt::from_value(a), BigInt::from_value(b)) {
            return Ok(BigInt::compare(&x, &y) == std::cmp::Ordering::Greater);
        }
        let (x, y) = (a.as_number().unwrap_or(0.0), b.as_number().unwrap_or(0.0));
        Ok(default_gt(x, y))
    })?;
    Ok(items)
}

fn comparator(cx: &Cx, v: Value) -> JsResult<Value> {
    if v.is_undefined() || Object::from_value(v).is_some_and(|f| f.is_callable()) {
        return Ok(v);
    }
    Err(cx.type_error("The comparison function must be either a function or undefined"))
}

fn sort(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let cmp = comparator(cx, arg(args, 0))?;
    let (o, e) = validate_write(cx, this, "%TypedArray%.prototype.sort")?;
    let items = sorted_values(cx, o, e.length as u64, cmp)?;
    for (k, v) in items.iter().enumerate() {
        write_at(&o, k as u64, elem_of(v));
    }
    Ok(o.to_value())
}

fn to_sorted(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let cmp = comparator(cx, arg(args, 0))?;
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.toSorted")?;
    let kind = kind_of(&o);
    let a = allocate(cx, kind, default_proto(cx, kind)?, e.length as u64)?;
    let items = sorted_values(cx, o, e.length as u64, cmp)?;
    for (k, v) in items.iter().enumerate() {
        write_at(&a, k as u64, elem_of(v));
    }
    Ok(a.to_value())
}

fn to_reversed(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.toReversed")?;
    let kind = kind_of(&o);
    let len = e.length as u64;
    let a = allocate(cx, kind, default_proto(cx, kind)?, len)?;
    for k in 0..len {
        let v = get_el(cx, &o, len - 1 - k)?;
        write_at(&a, k, elem_of(v));
    }
    Ok(a.to_value())
}

fn with(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.with")?;
    let len = e.length as u64;
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    let v = to_elem(cx, e.kind, arg(args, 1))?;
    let cur = elements(&o).map_or(0, |e| e.length) as f64;
    if !(actual >= 0.0 && actual < cur) {
        return Err(cx.range_error("Invalid typed array index"));
    }
    let kind = kind_of(&o);
    let a = allocate(cx, kind, default_proto(cx, kind)?, len)?;
    for k in 0..len {
        let x = if k == actual as u64 {
            v
        } else {
            elem_of(get_el(cx, &o, k)?)
        };
        write_at(&a, k, x);
    }
    Ok(a.to_value())
}

fn subarray(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let Some(o) = Object::from_value(this).filter(|o| o.class() == ObjectClass::TypedArray) else {
        // V8 shows the receiver as `undefined` here.
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["%TypedArray%.prototype.subarray"],
            Value::UNDEFINED,
        ));
    };
    let buffer = o.internal(0);
    let len = elements(&o).map_or(0, |e| e.length) as u64;
    let begin = relative_index(cx, arg(args, 0), len)?;
    let end = arg(args, 1);
    let size = kind_of(&o).size() as u64;
    let off = o.internal(1).as_number().unwrap_or(0.0) as u64;
    let start = num(off + begin * size);
    let a = if super::fixed_length(&o).is_none() && end.is_undefined() {
        species_create(cx, o, &[buffer, start], None, false)?
    } else {
        let fin = relative_end(cx, end, len)?;
        let new_len = fin.saturating_sub(begin);
        species_create(cx, o, &[buffer, start, num(new_len)], None, false)?
    };
    Ok(a.to_value())
}

fn to_locale_string(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let (o, e) = validate(cx, this, "%TypedArray%.prototype.toLocaleString")?;
    let len = e.length as u64;
    let parts = GcVec::<Value>::new();
    let lk = cx.rt.key("toLocaleString")?;
    for k in 0..len {
        tick(cx, k)?;
        let v = get_el(cx, &o, k)?;
        let s = if v.is_undefined() {
            cx.string("")?.to_value()
        } else {
            let f = ops::iteration::get_v(cx, v, lk)?;
            ops::call(cx, f, v, &[])?
        };
        parts.push(cx.heap(), s)?;
    }
    let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
    let arr = crate::builtins::array_create(cx, 0, proto)?;
    for (i, s) in parts.iter().enumerate() {
        crate::builtins::array::create_index(cx, arr, i as u64, s)?;
    }
    crate::builtins::array::search::join(cx, arr, arr.to_value(), &[], Value::UNDEFINED)
}

/// Defines the prototype methods.
pub(super) fn fill_methods(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "at", 1, at)?;
    method(cx, p, "copyWithin", 2, copy_within)?;
    method(cx, p, "entries", 0, entries)?;
    method(cx, p, "every", 1, every)?;
    method(cx, p, "fill", 1, fill)?;
    method(cx, p, "filter", 1, filter)?;
    method(cx, p, "find", 1, find)?;
    method(cx, p, "findIndex", 1, find_index)?;
    method(cx, p, "findLast", 1, find_last)?;
    method(cx, p, "findLastIndex", 1, find_last_index)?;
    method(cx, p, "forEach", 1, for_each)?;
    method(cx, p, "includes", 1, includes)?;
    method(cx, p, "indexOf", 1, index_of)?;
    method(cx, p, "join", 1, join)?;
    method(cx, p, "keys", 0, keys)?;
    method(cx, p, "lastIndexOf", 1, last_index_of)?;
    method(cx, p, "map", 1, map)?;
    method(cx, p, "reduce", 1, reduce)?;
    method(cx, p, "reduceRight", 1, reduce_right)?;
    method(cx, p, "reverse", 0, reverse)?;
    method(cx, p, "set", 1, set)?;
    method(cx, p, "slice", 2, slice)?;
    method(cx, p, "some", 1, some)?;
    method(cx, p, "sort", 1, sort)?;
    method(cx, p, "subarray", 2, subarray)?;
    method(cx, p, "toLocaleString", 0, to_locale_string)?;
    method(cx, p, "toReversed", 0, to_reversed)?;
    method(cx, p, "toSorted", 1, to_sorted)?;
    // `toString` is the same function object as `Array.prototype.toString` (§23.2.3.32).
    let ap = cx.realm.intrinsic_object(Intrinsic::ArrayPrototype);
    let tk = cx.rt.key("toString")?;
    let ts = ops::get(cx, ap, tk, ap.to_value())?;
    data(cx, p, tk, ts, attrs::HIDDEN)?;
    let v = method(cx, p, "values", 0, values)?;
    method(cx, p, "with", 2, with)?;
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    data(cx, p, ik, v.to_value(), attrs::HIDDEN)
}
