//! Iterator Helper objects (§27.1.2.1) and wrap-for-valid iterators (§27.1.3.2.1.1), both of
//! class `IteratorHelper`.
//!
//! A helper is the spec's generator built from an abstract closure; here the closure is a
//! state machine. `internal(0)` is `kind << 2 | state` (see [`Kind`] and the `START`…`DONE`
//! states, the `[[GeneratorState]]`), `internal(1)`/`internal(2)` the underlying iterator
//! record (`[[UnderlyingIterator]]`), `internal(3)` a GC array of the closure's variables:
//! `[argument, counter, inner iterator, inner next]`. The argument is the mapper or predicate,
//! the remaining count of `take`/`drop`, or for `concat` an array of (method, iterable)
//! pairs with the counter as the index of the next one; the inner iterator is `flatMap`'s
//! and `concat`'s current one (`undefined` when none). While a helper runs its state is
//! `RUNNING`, and `next`/`return` on it throw, as on a running generator.

use super::{
    callable_or_close, close_with, get_iterator_direct, get_iterator_flattenable, iterator_close,
    iterator_step, tag, this_object,
};
use crate::builtins::array::tick;
use crate::builtins::{arg, iter_result, method};
use crate::convert::{to_boolean, to_number};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::numconv::to_integer_or_infinity;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::ops::iteration::{
    get_method, iterator_close_throw, iterator_step_value, IteratorRecord,
};
use crate::realm::{Context, Intrinsic};
use crate::WellKnown;
use conch_gc::{Gc, GcArray, Value};

/// What an `IteratorHelper` object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Map = 0,
    Filter = 1,
    Take = 2,
    Drop = 3,
    FlatMap = 4,
    Concat = 5,
    /// A wrap-for-valid iterator (`Iterator.from`), not a helper.
    Wrap = 6,
    // 7 and 8 are the disposable stacks (`builtins::disposable`).
    /// `chunks`: the argument is the size, the inner iterator `true` once the last partial
    /// chunk is out, the inner next the buffer (an array).
    Chunks = 9,
    /// `windows`: as `chunks`; the counter is whether partial windows are allowed.
    Windows = 10,
    /// `Iterator.zip`/`zipKeyed` (see `zip`); the underlying iterator record is unused.
    Zip = 11,
    // 12 marks the `[[IsRawJSON]]` objects of `JSON.rawJSON` (`builtins::json`).
    // 13 marks ShadowRealm objects (`builtins::shadow_realm`).
}

impl Kind {
    fn from_bits(k: i32) -> Option<Kind> {
        Some(match k {
            0 => Kind::Map,
            1 => Kind::Filter,
            2 => Kind::Take,
            3 => Kind::Drop,
            4 => Kind::FlatMap,
            5 => Kind::Concat,
            6 => Kind::Wrap,
            9 => Kind::Chunks,
            10 => Kind::Windows,
            11 => Kind::Zip,
            _ => return None,
        })
    }
}

/// `suspended-start`.
const START: i32 = 0;
/// `suspended-yield`.
const YIELD: i32 = 1;
/// `executing`.
const RUNNING: i32 = 2;
/// `completed`.
const DONE: i32 = 3;

pub(super) const ARG: usize = 0;
pub(super) const COUNTER: usize = 1;
pub(super) const INNER: usize = 2;
pub(super) const INNER_NEXT: usize = 3;

/// `%IteratorHelperPrototype%` of the current realm (created on first use).
fn helper_proto(cx: &mut Cx) -> JsResult<Value> {
    let p = cx.intrinsic(Intrinsic::IteratorHelperPrototype);
    if !p.is_undefined() {
        return Ok(p);
    }
    let o = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::IteratorPrototype),
    )?;
    method(cx, o, "next", 0, helper_next)?;
    method(cx, o, "return", 0, helper_return)?;
    tag(cx, o, "Iterator Helper")?;
    Context::set_intrinsic(cx.realm, Intrinsic::IteratorHelperPrototype, o.to_value());
    Ok(o.to_value())
}

/// `%WrapForValidIteratorPrototype%` of the current realm (created on first use).
fn wrap_proto(cx: &mut Cx) -> JsResult<Value> {
    let p = cx.intrinsic(Intrinsic::WrapForValidIteratorPrototype);
    if !p.is_undefined() {
        return Ok(p);
    }
    let o = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::IteratorPrototype),
    )?;
    method(cx, o, "next", 0, wrap_next)?;
    method(cx, o, "return", 0, wrap_return)?;
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::WrapForValidIteratorPrototype,
        o.to_value(),
    );
    Ok(o.to_value())
}

/// A new helper of `kind` over `r` with closure argument `a`.
pub(super) fn create(cx: &mut Cx, kind: Kind, r: IteratorRecord, a: Value) -> JsResult<Value> {
    let proto = helper_proto(cx)?;
    let u = Value::UNDEFINED;
    let vars = GcArray::<Value>::from_slice(cx.heap(), &[a, Value::int(0), u, u])?;
    let h = cx.new_object_with(ObjectClass::IteratorHelper, proto)?;
    Object::set_internal(h, 0, Value::int((kind as i32) << 2 | START));
    Object::set_internal(h, 1, r.iterator);
    Object::set_internal(h, 2, r.next);
    Object::set_internal(h, 3, vars.to_value());
    Ok(h.to_value())
}

/// `Iterator.from`'s wrapper of `r`.
pub(crate) fn wrap(cx: &mut Cx, r: IteratorRecord) -> JsResult<Value> {
    let proto = wrap_proto(cx)?;
    let w = cx.new_object_with(ObjectClass::IteratorHelper, proto)?;
    Object::set_internal(w, 0, Value::int((Kind::Wrap as i32) << 2));
    Object::set_internal(w, 1, r.iterator);
    Object::set_internal(w, 2, r.next);
    Ok(w.to_value())
}

/// The object, kind and state of an `IteratorHelper` receiver.
fn decode(this: Value) -> Option<(Gc<Object>, Kind, i32)> {
    let o = Object::from_value(this).filter(|o| o.class() == ObjectClass::IteratorHelper)?;
    let bits = o.internal(0).as_int()?;
    let kind = Kind::from_bits(bits >> 2)?;
    Some((o, kind, bits & 3))
}

fn set_state(h: Gc<Object>, kind: Kind, state: i32) {
    Object::set_internal(h, 0, Value::int((kind as i32) << 2 | state));
}

/// The closure variables of helper `h`.
pub(super) fn vars_of(h: Gc<Object>) -> Option<Gc<GcArray<Value>>> {
    vars(h)
}

fn vars(h: Gc<Object>) -> Option<Gc<GcArray<Value>>> {
    let a = h.internal(3).cell_addr()?;
    // SAFETY: `internal(3)` of a helper is its variables array (set by `create`).
    unsafe { Gc::<GcArray<Value>>::from_addr(a) }
}

pub(super) fn var(v: Gc<GcArray<Value>>, i: usize) -> Value {
    v.get(i).unwrap_or(Value::UNDEFINED)
}

fn this_helper(cx: &Cx, this: Value) -> JsResult<(Gc<Object>, Kind, i32)> {
    match decode(this) {
        Some(d) if d.1 != Kind::Wrap => Ok(d),
        _ => {
            Err(cx
                .type_error("%IteratorHelperPrototype% method called on an incompatible receiver"))
        }
    }
}

/// `%IteratorHelperPrototype%.next ( )`: `GeneratorResume(this, empty, "Iterator Helper")`.
fn helper_next(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let (h, kind, state) = this_helper(cx, this)?;
    match state {
        RUNNING => Err(cx.type_error("Iterator helper is already running")),
        DONE => iter_result(cx, Value::UNDEFINED, true),
        _ => {
            set_state(h, kind, RUNNING);
            match step(cx, h, kind, state == YIELD) {
                Ok(Some(v)) => {
                    set_state(h, kind, YIELD);
                    iter_result(cx, v, false)
                }
                Ok(None) => {
                    set_state(h, kind, DONE);
                    iter_result(cx, Value::UNDEFINED, true)
                }
                Err(e) => {
                    set_state(h, kind, DONE);
                    Err(e)
                }
            }
        }
    }
}

/// `%IteratorHelperPrototype%.return ( )`.
fn helper_return(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (h, kind, state) = this_helper(cx, this)?;
    match state {
        RUNNING => return Err(cx.type_error("Iterator helper is already running")),
        START => {
            set_state(h, kind, DONE);
            if kind == Kind::Zip {
                close_suspended(cx, h, kind)?;
            } else if kind != Kind::Concat {
                iterator_close(cx, h.internal(1), Ok(Value::UNDEFINED))?;
            }
        }
        YIELD => {
            set_state(h, kind, RUNNING);
            let r = close_suspended(cx, h, kind);
            set_state(h, kind, DONE);
            r?;
        }
        _ => {}
    }
    iter_result(cx, Value::UNDEFINED, true)
}

/// A return completion resuming a helper suspended at a yield: closes what the yield was
/// inside (`flatMap`: the inner iterator, then the underlying one).
fn close_suspended(cx: &mut Cx, h: Gc<Object>, kind: Kind) -> JsResult<Value> {
    let inner = vars(h).map_or(Value::UNDEFINED, |v| var(v, INNER));
    match kind {
        Kind::Concat if !inner.is_undefined() => iterator_close(cx, inner, Ok(Value::UNDEFINED)),
        Kind::Concat => Ok(Value::UNDEFINED),
        Kind::Zip => match vars(h).and_then(|v| Object::from_value(var(v, ARG))) {
            Some(iters) => super::zip::close_all(cx, iters, Ok(Value::UNDEFINED)),
            None => Ok(Value::UNDEFINED),
        },
        // After the last partial chunk or window the closure ignores a return.
        Kind::Chunks | Kind::Windows if inner == Value::TRUE => Ok(Value::UNDEFINED),
        _ => {
            if kind == Kind::FlatMap && !inner.is_undefined() {
                if let Err(e) = iterator_close(cx, inner, Ok(Value::UNDEFINED)) {
                    return Err(close_with(cx, h.internal(1), e));
                }
            }
            iterator_close(cx, h.internal(1), Ok(Value::UNDEFINED))
        }
    }
}

/// Runs helper `h`'s closure to its next yield (`Some`) or its end (`None`); `resumed`: it
/// resumes after a yield (rather than starting).
fn step(cx: &mut Cx, h: Gc<Object>, kind: Kind, resumed: bool) -> JsResult<Option<Value>> {
    let Some(v) = vars(h) else {
        return Ok(None);
    };
    let r = IteratorRecord {
        iterator: h.internal(1),
        next: h.internal(2),
    };
    let counter = var(v, COUNTER).as_number().unwrap_or(0.0);
    let f = var(v, ARG);
    match kind {
        Kind::Map => {
            let c = if resumed { counter + 1.0 } else { counter };
            v.set(COUNTER, Value::number(c));
            let Some(x) = iterator_step_value(cx, r)? else {
                return Ok(None);
            };
            match ops::call(cx, f, Value::UNDEFINED, &[x, Value::number(c)]) {
                Ok(m) => Ok(Some(m)),
                Err(e) => Err(iterator_close_throw(cx, r, e)),
            }
        }
        Kind::Filter => {
            let mut c = if resumed { counter + 1.0 } else { counter };
            let mut k = 0;
            loop {
                tick(cx, k)?;
                k += 1;
                v.set(COUNTER, Value::number(c));
                let Some(x) = iterator_step_value(cx, r)? else {
                    return Ok(None);
                };
                match ops::call(cx, f, Value::UNDEFINED, &[x, Value::number(c)]) {
                    Ok(s) if to_boolean(s) => return Ok(Some(x)),
                    Ok(_) => c += 1.0,
                    Err(e) => return Err(iterator_close_throw(cx, r, e)),
                }
            }
        }
        Kind::Take => {
            let remaining = f.as_number().unwrap_or(0.0);
            if remaining == 0.0 {
                iterator_close(cx, r.iterator, Ok(Value::UNDEFINED))?;
                return Ok(None);
            }
            if remaining != f64::INFINITY {
                v.set(ARG, Value::number(remaining - 1.0));
            }
            iterator_step_value(cx, r)
        }
        Kind::Drop => {
            if !resumed {
                let mut remaining = f.as_number().unwrap_or(0.0);
                let mut k = 0;
                while remaining > 0.0 {
                    tick(cx, k)?;
                    k += 1;
                    if remaining != f64::INFINITY {
                        remaining -= 1.0;
                        v.set(ARG, Value::number(remaining));
                    }
                    if iterator_step(cx, r)?.is_none() {
                        return Ok(None);
                    }
                }
            }
            iterator_step_value(cx, r)
        }
        Kind::FlatMap => flat_map_step(cx, r, v),
        Kind::Concat => concat_step(cx, v),
        Kind::Zip => super::zip::step(cx, v),
        Kind::Chunks | Kind::Windows => super::chunking::step(cx, r, v, kind == Kind::Windows),
        Kind::Wrap => Ok(None),
    }
}

/// `flatMap`'s closure from where it stopped.
fn flat_map_step(cx: &mut Cx, r: IteratorRecord, v: Gc<GcArray<Value>>) -> JsResult<Option<Value>> {
    let f = var(v, ARG);
    let mut k = 0;
    loop {
        tick(cx, k)?;
        k += 1;
        let inner = var(v, INNER);
        if !inner.is_undefined() {
            let ir = IteratorRecord {
                iterator: inner,
                next: var(v, INNER_NEXT),
            };
            match iterator_step_value(cx, ir) {
                Ok(Some(x)) => return Ok(Some(x)),
                Ok(None) => {
                    v.set(INNER, Value::UNDEFINED);
                    v.set(INNER_NEXT, Value::UNDEFINED);
                    let c = var(v, COUNTER).as_number().unwrap_or(0.0);
                    v.set(COUNTER, Value::number(c + 1.0));
                }
                Err(e) => return Err(iterator_close_throw(cx, r, e)),
            }
        }
        let Some(x) = iterator_step_value(cx, r)? else {
            return Ok(None);
        };
        let c = var(v, COUNTER);
        let mapped = match ops::call(cx, f, Value::UNDEFINED, &[x, c]) {
            Ok(m) => m,
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        };
        match get_iterator_flattenable(cx, mapped, false) {
            Ok(ir) => {
                v.set(INNER, ir.iterator);
                v.set(INNER_NEXT, ir.next);
            }
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        }
    }
}

/// `Iterator.concat`'s closure from where it stopped.
fn concat_step(cx: &mut Cx, v: Gc<GcArray<Value>>) -> JsResult<Option<Value>> {
    let Some(list) = var(v, ARG)
        .cell_addr()
        // SAFETY: `concat` stores its (method, iterable) pairs array as the argument.
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
    else {
        return Ok(None);
    };
    let mut k = 0;
    loop {
        tick(cx, k)?;
        k += 1;
        let inner = var(v, INNER);
        if !inner.is_undefined() {
            let ir = IteratorRecord {
                iterator: inner,
                next: var(v, INNER_NEXT),
            };
            if let Some(x) = iterator_step_value(cx, ir)? {
                return Ok(Some(x));
            }
            v.set(INNER, Value::UNDEFINED);
            v.set(INNER_NEXT, Value::UNDEFINED);
        }
        let i = var(v, COUNTER).as_number().unwrap_or(0.0) as usize;
        if 2 * i >= list.len() {
            return Ok(None);
        }
        v.set(COUNTER, Value::number((i + 1) as f64));
        let m = var(list, 2 * i);
        let iterable = var(list, 2 * i + 1);
        let iter = ops::call(cx, m, iterable, &[])?;
        if Object::from_value(iter).is_none() {
            return Err(cx.type_error("Iterator.concat: the iterator is not an object"));
        }
        let ir = get_iterator_direct(cx, iter)?;
        v.set(INNER, ir.iterator);
        v.set(INNER_NEXT, ir.next);
    }
}

/// `%WrapForValidIteratorPrototype%`'s receiver: its iterator and `next`.
fn this_wrap(cx: &Cx, this: Value) -> JsResult<Gc<Object>> {
    match decode(this) {
        Some((o, Kind::Wrap, _)) => Ok(o),
        _ => Err(cx.type_error(
            "%WrapForValidIteratorPrototype% method called on an incompatible receiver",
        )),
    }
}

/// `%WrapForValidIteratorPrototype%.next ( )`.
fn wrap_next(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let w = this_wrap(cx, this)?;
    ops::call(cx, w.internal(2), w.internal(1), &[])
}

/// `%WrapForValidIteratorPrototype%.return ( )`.
fn wrap_return(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let w = this_wrap(cx, this)?;
    let iterator = w.internal(1);
    let rk = cx.name(crate::runtime::Name::return_);
    let m = get_method(cx, iterator, rk)?;
    if m.is_undefined() {
        return iter_result(cx, Value::UNDEFINED, true);
    }
    ops::call(cx, m, iterator, &[])
}

/// `Iterator.prototype.map ( mapper )` (§27.1.4.8).
pub(super) fn map(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    lazy_with_fn(cx, this, arg(args, 0), Kind::Map)
}

/// `Iterator.prototype.filter ( predicate )` (§27.1.4.5).
pub(super) fn filter(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    lazy_with_fn(cx, this, arg(args, 0), Kind::Filter)
}

/// `Iterator.prototype.flatMap ( mapper )` (§27.1.4.7).
pub(super) fn flat_map(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    lazy_with_fn(cx, this, arg(args, 0), Kind::FlatMap)
}

fn lazy_with_fn(cx: &mut Cx, this: Value, f: Value, kind: Kind) -> JsResult<Value> {
    let o = this_object(cx, this, "")?;
    callable_or_close(cx, o, f)?;
    let r = get_iterator_direct(cx, o)?;
    create(cx, kind, r, f)
}

/// `Iterator.prototype.take ( limit )` (§27.1.4.11).
pub(super) fn take(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "")?;
    let n = limit(cx, o, arg(args, 0))?;
    let r = get_iterator_direct(cx, o)?;
    create(cx, Kind::Take, r, Value::number(n))
}

/// `Iterator.prototype.drop ( limit )` (§27.1.4.3).
pub(super) fn drop(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "")?;
    let n = limit(cx, o, arg(args, 0))?;
    let r = get_iterator_direct(cx, o)?;
    create(cx, Kind::Drop, r, Value::number(n))
}

/// `take`'s and `drop`'s limit: a non-negative integer or +∞; anything else closes `o` and
/// throws a RangeError.
fn limit(cx: &mut Cx, o: Value, v: Value) -> JsResult<f64> {
    let n = match to_number(cx, v) {
        Ok(n) => n,
        Err(e) => return Err(close_with(cx, o, e)),
    };
    const MAX_SAFE: f64 = 9007199254740991.0;
    if n.is_nan() || (n.is_finite() && n > MAX_SAFE) {
        let e = cx.range_error("Iterator limit must be a number no greater than 2^53 - 1");
        return Err(close_with(cx, o, e));
    }
    let i = to_integer_or_infinity(n);
    if i < 0.0 {
        let e = cx.range_error("Iterator limit must not be negative");
        return Err(close_with(cx, o, e));
    }
    Ok(i)
}

/// `Iterator.concat ( ...items )`.
pub(super) fn concat(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let n = args.len().checked_mul(2).ok_or(conch_gc::OutOfMemory)?;
    let list = GcArray::<Value>::new(cx.heap(), n)?;
    list.resize_within_capacity(n, Value::UNDEFINED);
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    for (i, &item) in args.iter().enumerate() {
        if Object::from_value(item).is_none() {
            return Err(cx.type_error("Iterator.concat: an argument is not an object"));
        }
        let m = get_method(cx, item, ik)?;
        if m.is_undefined() {
            return Err(cx.type_error("Iterator.concat: an argument is not iterable"));
        }
        list.set(2 * i, m);
        list.set(2 * i + 1, item);
    }
    let r = IteratorRecord {
        iterator: Value::UNDEFINED,
        next: Value::UNDEFINED,
    };
    create(cx, Kind::Concat, r, list.to_value())
}
