//! The ES2025 set methods (§24.2.4): `union`, `intersection`, `difference`,
//! `symmetricDifference`, `isSubsetOf`, `isSupersetOf`, `isDisjointFrom`, over a Set Record
//! of the argument (`GetSetRecord`: `size`, `has`, `keys` read in that order).
//!
//! The spec's index loops over `O.[[SetData]]` (re-reading its length after each call into
//! script) are [`Cursor`] walks, which see the same List.

use super::set::this_set;
use super::{canonicalize, new_collection, normalize, table, Cursor, MapTable, Tag};
use crate::builtins::arg;
use crate::builtins::array::to_integer_or_infinity;
use crate::convert::{to_boolean, to_number};
use crate::cx::{Cx, JsResult};
use crate::interp::ops::iterator_close;
use crate::object::Object;
use crate::ops;
use crate::ops::iteration::{get_iterator_from_method, iterator_step_value, IteratorRecord};
use crate::realm::Intrinsic;
use conch_gc::{Gc, Value};

/// A Set Record.
struct SetRecord {
    set: Value,
    size: f64,
    has: Value,
    keys: Value,
}

/// `GetSetRecord(obj)`.
fn get_set_record(cx: &mut Cx, obj: Value) -> JsResult<SetRecord> {
    let Some(o) = Object::from_value(obj) else {
        return Err(cx.type_error("The argument of a set method is not an object"));
    };
    let sk = cx.rt.key("size")?;
    let raw = ops::get(cx, o, sk, obj)?;
    let num = to_number(cx, raw)?;
    if num.is_nan() {
        return Err(cx.type_error("The size of the set-like argument is not a number"));
    }
    let size = to_integer_or_infinity(cx, Value::number(num))?;
    if size < 0.0 {
        return Err(cx.range_error("The size of the set-like argument is negative"));
    }
    let hk = cx.rt.key("has")?;
    let has = ops::get(cx, o, hk, obj)?;
    if !Object::from_value(has).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("The 'has' of the set-like argument is not a function"));
    }
    let kk = cx.rt.key("keys")?;
    let keys = ops::get(cx, o, kk, obj)?;
    if !Object::from_value(keys).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("The 'keys' of the set-like argument is not a function"));
    }
    Ok(SetRecord {
        set: obj,
        size,
        has,
        keys,
    })
}

/// `GetIteratorFromMethod(rec.[[SetObject]], rec.[[Keys]])`.
fn keys_iter(cx: &mut Cx, rec: &SetRecord) -> JsResult<IteratorRecord> {
    get_iterator_from_method(cx, rec.set, rec.keys)
}

/// `ToBoolean(? Call(rec.[[Has]], rec.[[SetObject]], « e »))`.
fn other_has(cx: &mut Cx, rec: &SetRecord, e: Value) -> JsResult<bool> {
    Ok(to_boolean(ops::call(cx, rec.has, rec.set, &[e])?))
}

/// The receiver, its table and the argument's Set Record.
fn prologue(
    cx: &mut Cx,
    this: Value,
    args: &[Value],
    what: &str,
) -> JsResult<(Gc<MapTable>, SetRecord)> {
    let o = this_set(cx, this, what)?;
    let rec = get_set_record(cx, arg(args, 0))?;
    Ok((table(cx, o)?, rec))
}

/// A new Set over `t`.
fn result(cx: &Cx, t: Gc<MapTable>) -> JsResult<Value> {
    let s = new_collection(cx, Tag::Set, cx.intrinsic(Intrinsic::SetPrototype))?;
    Object::set_internal(s, 0, t.to_value());
    Ok(s.to_value())
}

/// The next value of the keys iterator, canonicalised and in table form.
fn next_key(cx: &mut Cx, r: IteratorRecord) -> JsResult<Option<Value>> {
    match iterator_step_value(cx, r)? {
        Some(v) => Ok(Some(normalize(cx, canonicalize(v))?)),
        None => Ok(None),
    }
}

pub(super) fn union(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.union")?;
    let r = keys_iter(cx, &rec)?;
    let (t, _) = MapTable::resolve(t, 0);
    let out = MapTable::copy(cx.heap(), t)?;
    while let Some(k) = next_key(cx, r)? {
        cx.check()?;
        if !out.has(k) {
            out.set(cx.heap(), k, Value::UNDEFINED)?;
        }
    }
    result(cx, out)
}

pub(super) fn intersection(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.intersection")?;
    let out = MapTable::new(cx.heap())?;
    if t.size() as f64 <= rec.size {
        let mut cur = Cursor::new(t);
        while let Some((e, _)) = cur.next() {
            cx.check()?;
            if other_has(cx, &rec, e)? && !out.has(e) {
                out.set(cx.heap(), e, Value::UNDEFINED)?;
            }
        }
    } else {
        let r = keys_iter(cx, &rec)?;
        while let Some(k) = next_key(cx, r)? {
            cx.check()?;
            // `t` may have been replaced meanwhile: look in the live table.
            let (live, _) = MapTable::resolve(t, 0);
            if live.has(k) && !out.has(k) {
                out.set(cx.heap(), k, Value::UNDEFINED)?;
            }
        }
    }
    result(cx, out)
}

pub(super) fn difference(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.difference")?;
    let out = MapTable::copy(cx.heap(), t)?;
    if t.size() as f64 <= rec.size {
        // The spec walks the copy's first `thisSize` positions; the copy only loses entries
        // meanwhile, so that is all of it.
        let mut cur = Cursor::new(out);
        while let Some((e, _)) = cur.next() {
            cx.check()?;
            if other_has(cx, &rec, e)? {
                out.remove(e);
            }
        }
    } else {
        let r = keys_iter(cx, &rec)?;
        while let Some(k) = next_key(cx, r)? {
            cx.check()?;
            out.remove(k);
        }
    }
    result(cx, out)
}

pub(super) fn symmetric_difference(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.symmetricDifference")?;
    let r = keys_iter(cx, &rec)?;
    let (t, _) = MapTable::resolve(t, 0);
    let out = MapTable::copy(cx.heap(), t)?;
    while let Some(k) = next_key(cx, r)? {
        cx.check()?;
        let (live, _) = MapTable::resolve(t, 0);
        let in_result = out.has(k);
        if live.has(k) {
            if in_result {
                out.remove(k);
            }
        } else if !in_result {
            out.set(cx.heap(), k, Value::UNDEFINED)?;
        }
    }
    result(cx, out)
}

pub(super) fn is_subset_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.isSubsetOf")?;
    if t.size() as f64 > rec.size {
        return Ok(Value::FALSE);
    }
    let mut cur = Cursor::new(t);
    while let Some((e, _)) = cur.next() {
        cx.check()?;
        if !other_has(cx, &rec, e)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

pub(super) fn is_superset_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.isSupersetOf")?;
    if (t.size() as f64) < rec.size {
        return Ok(Value::FALSE);
    }
    let r = keys_iter(cx, &rec)?;
    while let Some(k) = next_key(cx, r)? {
        cx.check()?;
        let (live, _) = MapTable::resolve(t, 0);
        if !live.has(k) {
            iterator_close(cx, r.iterator)?;
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

pub(super) fn is_disjoint_from(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (t, rec) = prologue(cx, this, args, "Set.prototype.isDisjointFrom")?;
    if t.size() as f64 <= rec.size {
        let mut cur = Cursor::new(t);
        while let Some((e, _)) = cur.next() {
            cx.check()?;
            if other_has(cx, &rec, e)? {
                return Ok(Value::FALSE);
            }
        }
    } else {
        let r = keys_iter(cx, &rec)?;
        while let Some(k) = next_key(cx, r)? {
            cx.check()?;
            let (live, _) = MapTable::resolve(t, 0);
            if live.has(k) {
                iterator_close(cx, r.iterator)?;
                return Ok(Value::FALSE);
            }
        }
    }
    Ok(Value::TRUE)
}
