//! `Set` (§24.2): the constructor, `Set.prototype` (the ES2025 set methods are in
//! `set_methods`) and %SetIteratorPrototype%.

use super::map::{
    create_from_constructor, create_iterator, fill_from_iterable, for_each_entry, getter,
    iterator_next, species, to_string_tag,
};
use super::{
    canonicalize, normalize, set_methods, table, this_collection, IterKind, MapTable, Tag,
};
use crate::builtins::{arg, data, fill_constructor, link_constructor, method};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object};
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::{Gc, Value};

pub(super) fn set_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let s = create_from_constructor(cx, nt, Intrinsic::SetPrototype, Tag::Set, "Set")?;
    fill_from_iterable(cx, s, arg(args, 0), "add", false)
}

pub(super) fn this_set(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<Object>> {
    this_collection(cx, this, Tag::Set, what)
}

fn add(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.add")?;
    let k = normalize(cx, canonicalize(arg(args, 0)))?;
    let t = table(cx, s)?;
    if !t.has(k) {
        t.set(cx.heap(), k, Value::UNDEFINED)?;
    }
    Ok(this)
}

fn clear(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.clear")?;
    MapTable::clear(cx.heap(), s)?;
    Ok(Value::UNDEFINED)
}

fn delete(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.delete")?;
    let k = normalize(cx, arg(args, 0))?;
    let found = table(cx, s)?.remove(k);
    MapTable::maybe_compact(cx.heap(), s);
    Ok(Value::bool(found))
}

fn entries(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.entries")?;
    create_iterator(cx, s, IterKind::SetEntries)
}

fn for_each(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.forEach")?;
    for_each_entry(cx, s, args, true)
}

fn has(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.has")?;
    let k = normalize(cx, arg(args, 0))?;
    Ok(Value::bool(table(cx, s)?.has(k)))
}

fn size(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "get Set.prototype.size")?;
    Ok(Value::number(table(cx, s)?.size() as f64))
}

fn values(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let s = this_set(cx, this, "Set.prototype.values")?;
    create_iterator(cx, s, IterKind::SetValues)
}

fn set_iterator_next(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    iterator_next(cx, this, true)
}

pub(crate) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 0)?;
    species(cx, c)
}

pub(crate) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::Set)?;
    method(cx, p, "add", 1, add)?;
    method(cx, p, "clear", 0, clear)?;
    method(cx, p, "delete", 1, delete)?;
    method(cx, p, "difference", 1, set_methods::difference)?;
    method(cx, p, "entries", 0, entries)?;
    method(cx, p, "forEach", 1, for_each)?;
    method(cx, p, "has", 1, has)?;
    method(cx, p, "intersection", 1, set_methods::intersection)?;
    method(cx, p, "isDisjointFrom", 1, set_methods::is_disjoint_from)?;
    method(cx, p, "isSubsetOf", 1, set_methods::is_subset_of)?;
    method(cx, p, "isSupersetOf", 1, set_methods::is_superset_of)?;
    getter(cx, p, "size", size)?;
    method(
        cx,
        p,
        "symmetricDifference",
        1,
        set_methods::symmetric_difference,
    )?;
    method(cx, p, "union", 1, set_methods::union)?;
    let v = method(cx, p, "values", 0, values)?;
    let kk = cx.rt.key("keys")?;
    data(cx, p, kk, v.to_value(), attrs::HIDDEN)?;
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    data(cx, p, ik, v.to_value(), attrs::HIDDEN)?;
    to_string_tag(cx, p, "Set")
}

pub(crate) fn fill_iterator_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "next", 0, set_iterator_next)?;
    to_string_tag(cx, p, "Set Iterator")
}
