//! `WeakMap` (§24.3) and `WeakSet` (§24.4).
//!
//! Keys must satisfy `CanBeHeldWeakly` (objects, and symbols not in the global registry);
//! `set`/`add` throw a TypeError for others, `get`/`has`/`delete` answer "absent".
//!
//! LIMITATION (a memory leak, not a wrong answer): the entries live in the same strong
//! [`MapTable`] as Map's, so a key stays alive as long as the collection does. Real ephemeron
//! semantics need a collector hook (entries whose key is unreachable are dropped, and a value
//! is marked only once its key is) that conch-gc does not offer yet: it has weak references
//! and a weak processor, but no ephemeron marking step. Nothing here can observe the
//! difference except memory use.

use super::map::{create_from_constructor, fill_from_iterable, to_string_tag};
use super::{can_be_held_weakly, table, this_collection, MapTable, Tag};
use crate::builtins::{arg, fill_constructor, link_constructor, method};
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use crate::realm::Intrinsic;
use conch_gc::{Gc, Value};

pub(super) fn weak_map_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let m = create_from_constructor(cx, nt, Intrinsic::WeakMapPrototype, Tag::WeakMap, "WeakMap")?;
    fill_from_iterable(cx, m, arg(args, 0), "set", true)
}

pub(super) fn weak_set_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let s = create_from_constructor(cx, nt, Intrinsic::WeakSetPrototype, Tag::WeakSet, "WeakSet")?;
    fill_from_iterable(cx, s, arg(args, 0), "add", false)
}

/// The receiver's table, and `key` if it can be held weakly (the table's form of an object
/// or symbol is the value itself).
fn prologue(
    cx: &Cx,
    this: Value,
    tag: Tag,
    what: &str,
    key: Value,
) -> JsResult<(Gc<Object>, Gc<MapTable>, Option<Value>)> {
    let o = this_collection(cx, this, tag, what)?;
    let t = table(cx, o)?;
    Ok((o, t, can_be_held_weakly(key).then_some(key)))
}

fn wm_delete(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (o, t, k) = prologue(
        cx,
        this,
        Tag::WeakMap,
        "WeakMap.prototype.delete",
        arg(a, 0),
    )?;
    let found = k.is_some_and(|k| t.remove(k));
    MapTable::maybe_compact(cx.heap(), o);
    Ok(Value::bool(found))
}

fn wm_get(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (_, t, k) = prologue(cx, this, Tag::WeakMap, "WeakMap.prototype.get", arg(a, 0))?;
    Ok(k.and_then(|k| t.get(k)).unwrap_or(Value::UNDEFINED))
}

/// `WeakMap.prototype.getOrInsert(key, value)` (upsert proposal).
fn wm_get_or_insert(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let what = "WeakMap.prototype.getOrInsert";
    let (_, t, k) = prologue(cx, this, Tag::WeakMap, what, arg(a, 0))?;
    let Some(k) = k else {
        return Err(cx.type_error("Invalid value used as weak map key"));
    };
    if let Some(v) = t.get(k) {
        return Ok(v);
    }
    t.set(cx.heap(), k, arg(a, 1))?;
    Ok(arg(a, 1))
}

/// `WeakMap.prototype.getOrInsertComputed(key, callbackfn)`: the key is checked before the
/// callback, and the callback's result overwrites whatever it stored under `key`.
fn wm_get_or_insert_computed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let what = "WeakMap.prototype.getOrInsertComputed";
    let (o, t, k) = prologue(cx, this, Tag::WeakMap, what, arg(a, 0))?;
    let Some(k) = k else {
        return Err(cx.type_error("Invalid value used as weak map key"));
    };
    let f = arg(a, 1);
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Err(
            cx.type_error("WeakMap.prototype.getOrInsertComputed: the callback is not a function")
        );
    }
    if let Some(v) = t.get(k) {
        return Ok(v);
    }
    let v = ops::call(cx, f, Value::UNDEFINED, &[k])?;
    table(cx, o)?.set(cx.heap(), k, v)?;
    Ok(v)
}

fn wm_has(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (_, t, k) = prologue(cx, this, Tag::WeakMap, "WeakMap.prototype.has", arg(a, 0))?;
    Ok(Value::bool(k.is_some_and(|k| t.has(k))))
}

fn wm_set(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (_, t, k) = prologue(cx, this, Tag::WeakMap, "WeakMap.prototype.set", arg(a, 0))?;
    let Some(k) = k else {
        return Err(cx.type_error("Invalid value used as weak map key"));
    };
    t.set(cx.heap(), k, arg(a, 1))?;
    Ok(this)
}

fn ws_add(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (_, t, k) = prologue(cx, this, Tag::WeakSet, "WeakSet.prototype.add", arg(a, 0))?;
    let Some(k) = k else {
        return Err(cx.type_error("Invalid value used in weak set"));
    };
    if !t.has(k) {
        t.set(cx.heap(), k, Value::UNDEFINED)?;
    }
    Ok(this)
}

fn ws_delete(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (o, t, k) = prologue(
        cx,
        this,
        Tag::WeakSet,
        "WeakSet.prototype.delete",
        arg(a, 0),
    )?;
    let found = k.is_some_and(|k| t.remove(k));
    MapTable::maybe_compact(cx.heap(), o);
    Ok(Value::bool(found))
}

fn ws_has(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let (_, t, k) = prologue(cx, this, Tag::WeakSet, "WeakSet.prototype.has", arg(a, 0))?;
    Ok(Value::bool(k.is_some_and(|k| t.has(k))))
}

pub(crate) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 0)
}

pub(crate) fn fill_weak_map_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::WeakMap)?;
    method(cx, p, "delete", 1, wm_delete)?;
    method(cx, p, "get", 1, wm_get)?;
    method(cx, p, "getOrInsert", 2, wm_get_or_insert)?;
    method(cx, p, "getOrInsertComputed", 2, wm_get_or_insert_computed)?;
    method(cx, p, "has", 1, wm_has)?;
    method(cx, p, "set", 2, wm_set)?;
    to_string_tag(cx, p, "WeakMap")
}

pub(crate) fn fill_weak_set_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::WeakSet)?;
    method(cx, p, "add", 1, ws_add)?;
    method(cx, p, "delete", 1, ws_delete)?;
    method(cx, p, "has", 1, ws_has)?;
    to_string_tag(cx, p, "WeakSet")
}
