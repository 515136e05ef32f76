//! `Map` (§24.1): the constructor, `Map.groupBy`, `Map.prototype` and %MapIteratorPrototype%,
//! plus the iterator machinery Set shares.

use super::{
    canonicalize, new_collection, normalize, table, this_collection, Cursor, IterKind, MapTable,
    Tag,
};
use crate::builtins::array::{array_from_list, iter_result, MAX_SAFE};
use crate::builtins::{
    arg, array_create, constructor, create_function, data, fill_constructor, link_constructor,
    method, FunctionOptions, Lazy,
};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops;
use crate::ops::iteration::{
    get_iterator_from_method, get_method, iterator_close_throw, iterator_step_value, IteratorRecord,
};
use crate::realm::{Context, Intrinsic};
use crate::WellKnown;
use conch_gc::{Gc, Value};

pub(crate) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let ip = cx.intrinsic(Intrinsic::IteratorPrototype);
    let make = |cx: &mut Cx,
                name: &str,
                f: crate::object::NativeFn,
                pi: Intrinsic,
                ci: Intrinsic,
                lp: Lazy,
                lc: Lazy|
     -> JsResult<()> {
        let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
        Object::set_lazy(proto, lp as u8);
        Context::set_intrinsic(cx.realm, pi, proto.to_value());
        let c = constructor(cx, global, name, f, proto, fp, lc)?;
        Context::set_intrinsic(cx.realm, ci, c.to_value());
        Ok(())
    };
    make(
        cx,
        "Map",
        map_ctor,
        Intrinsic::MapPrototype,
        Intrinsic::Map,
        Lazy::MapProto,
        Lazy::MapCtor,
    )?;
    make(
        cx,
        "Set",
        super::set::set_ctor,
        Intrinsic::SetPrototype,
        Intrinsic::Set,
        Lazy::SetProto,
        Lazy::SetCtor,
    )?;
    make(
        cx,
        "WeakMap",
        super::weak::weak_map_ctor,
        Intrinsic::WeakMapPrototype,
        Intrinsic::WeakMap,
        Lazy::WeakMapProto,
        Lazy::WeakMapCtor,
    )?;
    make(
        cx,
        "WeakSet",
        super::weak::weak_set_ctor,
        Intrinsic::WeakSetPrototype,
        Intrinsic::WeakSet,
        Lazy::WeakSetProto,
        Lazy::WeakSetCtor,
    )?;
    for (i, l) in [
        (Intrinsic::MapIteratorPrototype, Lazy::MapIteratorProto),
        (Intrinsic::SetIteratorPrototype, Lazy::SetIteratorProto),
    ] {
        let p = cx.new_singleton(ObjectClass::Ordinary, ip)?;
        Object::set_lazy(p, l as u8);
        Context::set_intrinsic(cx.realm, i, p.to_value());
    }
    Ok(())
}

/// `OrdinaryCreateFromConstructor(newTarget, proto, «[[MapData]]»)` for a collection
/// constructor (TypeError when called without `new`).
pub(super) fn create_from_constructor(
    cx: &mut Cx,
    nt: Value,
    proto: Intrinsic,
    tag: Tag,
    name: &str,
) -> JsResult<Gc<Object>> {
    if nt.is_undefined() {
        let mut buf = [0u8; 64];
        let pre = b"Constructor ";
        let post = b" requires 'new'";
        let n = name.len().min(32);
        buf[..pre.len()].copy_from_slice(pre);
        buf[pre.len()..pre.len() + n].copy_from_slice(&name.as_bytes()[..n]);
        let e = pre.len() + n;
        buf[e..e + post.len()].copy_from_slice(post);
        let msg = std::str::from_utf8(&buf[..e + post.len()]).unwrap_or("requires 'new'");
        return Err(cx.type_error(msg));
    }
    let p = ops::prototype_from_constructor(cx, nt, proto)?;
    new_collection(cx, tag, p)
}

/// The constructors' common tail: `adder = Get(target, adder_name)`, then
/// `AddEntriesFromIterable` (pairs) or the Set constructors' loop (single values).
pub(super) fn fill_from_iterable(
    cx: &mut Cx,
    target: Gc<Object>,
    iterable: Value,
    adder_name: &str,
    pairs: bool,
) -> JsResult<Value> {
    if iterable.is_nullish() {
        return Ok(target.to_value());
    }
    let ak = cx.rt.key(adder_name)?;
    let adder = ops::get(cx, target, ak, target.to_value())?;
    if !Object::from_value(adder).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("The collection's adder method is not callable"));
    }
    let r = get_iterator(cx, iterable)?;
    let mut k: u64 = 0;
    loop {
        crate::builtins::array::tick(cx, k)?;
        k += 1;
        let Some(next) = iterator_step_value(cx, r)? else {
            return Ok(target.to_value());
        };
        let step = |cx: &mut Cx| -> JsResult<()> {
            if !pairs {
                ops::call(cx, adder, target.to_value(), &[next])?;
                return Ok(());
            }
            let Some(item) = Object::from_value(next) else {
                return Err(crate::builtins::error::shown::not_an_entry(cx, next));
            };
            let key = ops::get(cx, item, PropertyKey::index(0), next)?;
            let value = ops::get(cx, item, PropertyKey::index(1), next)?;
            ops::call(cx, adder, target.to_value(), &[key, value])?;
            Ok(())
        };
        if let Err(e) = step(cx) {
            return Err(iterator_close_throw(cx, r, e));
        }
    }
}

/// V8's words for a value a built-in cannot iterate: "number 5 is not iterable (cannot read
/// property Symbol(Symbol.iterator))", "object is not iterable (…)", "object null …".
pub(crate) fn not_iterable(cx: &Cx, v: Value) -> crate::cx::Throw {
    let mut nb = [0u8; 32];
    let (kind, shown): (&str, &str) = if let Some(n) = v.as_number() {
        ("number ", crate::numconv::number_to_string(n, &mut nb))
    } else if v == Value::TRUE || v == Value::FALSE {
        ("boolean ", if v == Value::TRUE { "true" } else { "false" })
    } else if v.is_undefined() {
        ("undefined", "")
    } else if v.is_null() {
        ("object ", "null")
    } else if crate::bigint::is_bigint(v) {
        ("bigint", "")
    } else if crate::Symbol::from_value(v).is_some() {
        ("symbol", "")
    } else if Object::from_value(v).is_some_and(|o| o.is_callable()) {
        ("function", "")
    } else {
        ("object", "")
    };
    let mut buf = [0u8; 128];
    let msg = crate::builtins::array::format_into(
        &mut buf,
        &[
            kind,
            shown,
            " is not iterable (cannot read property Symbol(Symbol.iterator))",
        ],
    );
    cx.type_error(msg)
}

/// `GetIterator(obj, sync)`.
pub(crate) fn get_iterator(cx: &mut Cx, obj: Value) -> JsResult<IteratorRecord> {
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    let m = get_method(cx, obj, ik)?;
    if m.is_undefined() {
        return Err(not_iterable(cx, obj));
    }
    get_iterator_from_method(cx, obj, m)
}

fn map_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    let m = create_from_constructor(cx, nt, Intrinsic::MapPrototype, Tag::Map, "Map")?;
    fill_from_iterable(cx, m, arg(args, 0), "set", true)
}

fn this_map(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<Object>> {
    this_collection(cx, this, Tag::Map, what)
}

fn clear(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.clear")?;
    MapTable::clear(cx.heap(), m)?;
    Ok(Value::UNDEFINED)
}

fn delete(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.delete")?;
    let k = normalize(cx, arg(args, 0))?;
    let found = table(cx, m)?.remove(k);
    MapTable::maybe_compact(cx.heap(), m);
    Ok(Value::bool(found))
}

fn get(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.get")?;
    let k = normalize(cx, arg(args, 0))?;
    Ok(table(cx, m)?.get(k).unwrap_or(Value::UNDEFINED))
}

fn has(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.has")?;
    let k = normalize(cx, arg(args, 0))?;
    Ok(Value::bool(table(cx, m)?.has(k)))
}

fn set(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.set")?;
    let k = normalize(cx, arg(args, 0))?;
    table(cx, m)?.set(cx.heap(), k, arg(args, 1))?;
    Ok(this)
}

/// `Map.prototype.getOrInsert(key, value)` (upsert proposal): the value under `key`,
/// inserting `value` first if there is none.
fn get_or_insert(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.getOrInsert")?;
    let k = normalize(cx, arg(args, 0))?;
    let t = table(cx, m)?;
    if let Some(v) = t.get(k) {
        return Ok(v);
    }
    t.set(cx.heap(), k, arg(args, 1))?;
    Ok(arg(args, 1))
}

/// `Map.prototype.getOrInsertComputed(key, callbackfn)`: as `getOrInsert`, with the value
/// computed by `callbackfn(key)` only when missing. The callback may change the map: its
/// result then overwrites whatever it stored under `key`.
fn get_or_insert_computed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.getOrInsertComputed")?;
    let f = arg(args, 1);
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Err(
            cx.type_error("Map.prototype.getOrInsertComputed: the callback is not a function")
        );
    }
    let k = normalize(cx, arg(args, 0))?;
    if let Some(v) = table(cx, m)?.get(k) {
        return Ok(v);
    }
    let v = ops::call(cx, f, Value::UNDEFINED, &[k])?;
    table(cx, m)?.set(cx.heap(), k, v)?;
    Ok(v)
}

fn size(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "get Map.prototype.size")?;
    Ok(Value::number(table(cx, m)?.size() as f64))
}

/// `forEach` of Map and Set: calls `f(value, key, o)` per entry, in List order.
pub(super) fn for_each_entry(
    cx: &mut Cx,
    o: Gc<Object>,
    args: &[Value],
    set: bool,
) -> JsResult<Value> {
    let f = arg(args, 0);
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Err(crate::builtins::array::called_non_callable(cx, f));
    }
    let this_arg = arg(args, 1);
    let mut cur = Cursor::new(table(cx, o)?);
    let mut k = 0u64;
    while let Some((key, value)) = cur.next() {
        crate::builtins::array::tick(cx, k)?;
        k += 1;
        let value = if set { key } else { value };
        ops::call(cx, f, this_arg, &[value, key, o.to_value()])?;
    }
    Ok(Value::UNDEFINED)
}

fn for_each(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.forEach")?;
    for_each_entry(cx, m, args, false)
}

/// `CreateMapIterator` / `CreateSetIterator`.
pub(super) fn create_iterator(cx: &Cx, o: Gc<Object>, kind: IterKind) -> JsResult<Value> {
    let proto = match kind {
        IterKind::SetValues | IterKind::SetEntries => Intrinsic::SetIteratorPrototype,
        _ => Intrinsic::MapIteratorPrototype,
    };
    let t = table(cx, o)?;
    let it = cx.new_object_with(ObjectClass::CollectionIterator, cx.intrinsic(proto))?;
    Object::set_internal(it, 0, t.to_value());
    Object::set_internal(it, 1, Value::int(0));
    Object::set_internal(it, 2, Value::int(kind as i32));
    Ok(it.to_value())
}

fn keys(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.keys")?;
    create_iterator(cx, m, IterKind::MapKeys)
}

fn values(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.values")?;
    create_iterator(cx, m, IterKind::MapValues)
}

fn entries(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let m = this_map(cx, this, "Map.prototype.entries")?;
    create_iterator(cx, m, IterKind::MapEntries)
}

/// `%MapIteratorPrototype%.next` and `%SetIteratorPrototype%.next` (`set` selects which
/// receivers are compatible).
pub(super) fn iterator_next(cx: &mut Cx, this: Value, set: bool) -> JsResult<Value> {
    let kind = Object::from_value(this)
        .filter(|o| o.class() == ObjectClass::CollectionIterator)
        .and_then(|it| it.internal(2).as_int().map(|k| (it, k)))
        .filter(|&(_, k)| (k >= IterKind::SetValues as i32) == set);
    let Some((it, kind)) = kind else {
        let what = if set {
            "Set Iterator.prototype.next"
        } else {
            "Map Iterator.prototype.next"
        };
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &[what],
            this,
        ));
    };
    let Some(a) = it.internal(0).cell_addr() else {
        return iter_result(cx, Value::UNDEFINED, true);
    };
    // SAFETY: `internal(0)` of a live collection iterator is its table (or undefined).
    let Some(t) = (unsafe { Gc::<MapTable>::from_addr(a) }) else {
        return iter_result(cx, Value::UNDEFINED, true);
    };
    let pos = it.internal(1).as_number().unwrap_or(0.0) as usize;
    let mut cur = Cursor { table: t, pos };
    let Some((k, v)) = cur.next() else {
        Object::set_internal(it, 0, Value::UNDEFINED);
        return iter_result(cx, Value::UNDEFINED, true);
    };
    Object::set_internal(it, 0, cur.table.to_value());
    Object::set_internal(it, 1, Value::number(cur.pos as f64));
    let r = match kind {
        x if x == IterKind::MapKeys as i32 || x == IterKind::SetValues as i32 => k,
        x if x == IterKind::MapValues as i32 => v,
        x if x == IterKind::SetEntries as i32 => array_from_list(cx, &[k, k])?.to_value(),
        _ => array_from_list(cx, &[k, v])?.to_value(),
    };
    iter_result(cx, r, false)
}

fn map_iterator_next(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    iterator_next(cx, this, false)
}

/// `Map.groupBy ( items, callback )`.
fn group_by(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let items = arg(args, 0);
    let callback = arg(args, 1);
    if items.is_nullish() {
        return Err(cx.type_error("Map.groupBy called on null or undefined"));
    }
    if !Object::from_value(callback).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("Map.groupBy: the callback is not a function"));
    }
    // The groups are the result map itself: key → array of values, in first-seen order.
    let map = new_collection(cx, Tag::Map, cx.intrinsic(Intrinsic::MapPrototype))?;
    let t = table(cx, map)?;
    let r = get_iterator(cx, items)?;
    let mut k: u64 = 0;
    loop {
        if k >= MAX_SAFE {
            let e = cx.type_error("Map.groupBy: too many elements");
            return Err(iterator_close_throw(cx, r, e));
        }
        let Some(value) = iterator_step_value(cx, r)? else {
            return Ok(map.to_value());
        };
        let key = match ops::call(
            cx,
            callback,
            Value::UNDEFINED,
            &[value, Value::number(k as f64)],
        ) {
            Ok(key) => canonicalize(key),
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        };
        let nk = normalize(cx, key)?;
        let group = match t.get(nk).and_then(Object::from_value) {
            Some(g) => g,
            None => {
                let g = array_create(cx, 0, cx.intrinsic(Intrinsic::ArrayPrototype))?;
                t.set(cx.heap(), nk, g.to_value())?;
                g
            }
        };
        let n = group.array_length();
        Object::put_element(
            cx.heap(),
            group,
            n,
            Prop {
                value,
                attrs: attrs::DEFAULT,
            },
        )?;
        Object::set_length_raw(group, n + 1);
        k += 1;
    }
}

/// A `get [Symbol.species]() { return this }` accessor on constructor `c`.
pub(crate) fn species(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fn getter(_: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
        Ok(this)
    }
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
    let name = cx.string("get [Symbol.species]")?;
    let g = create_function(
        cx,
        getter,
        FunctionOptions {
            name: name.to_value(),
            length: 0,
            constructor: false,
        },
    )?;
    let d = ops::PropertyDescriptor {
        get: Some(g.to_value()),
        set: Some(Value::UNDEFINED),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, c, key, &d)
}

/// A getter `get name` on `o` (configurable, not enumerable, no setter).
pub(crate) fn getter(
    cx: &mut Cx,
    o: Gc<Object>,
    name: &str,
    f: crate::object::NativeFn,
) -> JsResult<()> {
    let key = cx.rt.key(name)?;
    let mut buf = [0u8; 40];
    let n = name.len().min(36);
    buf[..4].copy_from_slice(b"get ");
    buf[4..4 + n].copy_from_slice(&name.as_bytes()[..n]);
    let fname = cx.string(std::str::from_utf8(&buf[..4 + n]).unwrap_or("get"))?;
    let g = create_function(
        cx,
        f,
        FunctionOptions {
            name: fname.to_value(),
            length: 0,
            constructor: false,
        },
    )?;
    let d = ops::PropertyDescriptor {
        get: Some(g.to_value()),
        set: Some(Value::UNDEFINED),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, o, key, &d)
}

/// `@@toStringTag` = `tag` (configurable only).
pub(crate) fn to_string_tag(cx: &mut Cx, o: Gc<Object>, tag: &str) -> JsResult<()> {
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string(tag)?;
    data(cx, o, tk, s.to_value(), attrs::CONFIGURABLE)
}

pub(crate) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 0)?;
    method(cx, c, "groupBy", 2, group_by)?;
    species(cx, c)
}

pub(crate) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::Map)?;
    method(cx, p, "clear", 0, clear)?;
    method(cx, p, "delete", 1, delete)?;
    let e = method(cx, p, "entries", 0, entries)?;
    method(cx, p, "forEach", 1, for_each)?;
    method(cx, p, "get", 1, get)?;
    method(cx, p, "getOrInsert", 2, get_or_insert)?;
    method(cx, p, "getOrInsertComputed", 2, get_or_insert_computed)?;
    method(cx, p, "has", 1, has)?;
    method(cx, p, "keys", 0, keys)?;
    method(cx, p, "set", 2, set)?;
    getter(cx, p, "size", size)?;
    method(cx, p, "values", 0, values)?;
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    data(cx, p, ik, e.to_value(), attrs::HIDDEN)?;
    to_string_tag(cx, p, "Map")
}

pub(crate) fn fill_iterator_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "next", 0, map_iterator_next)?;
    to_string_tag(cx, p, "Map Iterator")
}
