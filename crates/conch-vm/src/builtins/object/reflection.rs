//! `Object` static methods over property descriptors and key lists: `keys`, `values`,
//! `entries`, `getOwnPropertyNames`, `getOwnPropertySymbols`, `getOwnPropertyDescriptor`,
//! `defineProperty`, `defineProperties`, `create`, `assign`.

use super::super::arg;
use crate::builtins::array_create;
use crate::convert::{key_to_value, to_object, to_property_key};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::Intrinsic;
use conch_gc::{Gc, Value};

fn push(cx: &Cx, a: Gc<Object>, v: Value) -> JsResult<()> {
    let n = a.array_length();
    Object::put_element(
        cx.heap(),
        a,
        n,
        Prop {
            value: v,
            attrs: attrs::DEFAULT,
        },
    )?;
    Object::set_length_raw(a, n + 1);
    Ok(())
}

fn new_array(cx: &Cx) -> JsResult<Gc<Object>> {
    array_create(cx, 0, cx.intrinsic(Intrinsic::ArrayPrototype))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Keys,
    Values,
    Entries,
}

/// `EnumerableOwnProperties(O, kind)` as an array.
fn enumerable_own(cx: &mut Cx, v: Value, kind: Kind) -> JsResult<Value> {
    let o = to_object(cx, v)?;
    let keys = ops::own_property_keys(cx, o)?;
    let out = new_array(cx)?;
    for k in keys.iter() {
        let key = PropertyKey::from_raw(k);
        if key.is_symbol() {
            continue;
        }
        let Some(d) = ops::get_own_property(cx, o, key)? else {
            continue;
        };
        if d.enumerable != Some(true) {
            continue;
        }
        let kv = key_to_value(cx, key)?;
        match kind {
            Kind::Keys => push(cx, out, kv)?,
            Kind::Values => {
                let val = ops::get(cx, o, key, o.to_value())?;
                push(cx, out, val)?;
            }
            Kind::Entries => {
                let val = ops::get(cx, o, key, o.to_value())?;
                let e = new_array(cx)?;
                push(cx, e, kv)?;
                push(cx, e, val)?;
                push(cx, out, e.to_value())?;
            }
        }
    }
    Ok(out.to_value())
}

pub(super) fn keys(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    enumerable_own(cx, arg(a, 0), Kind::Keys)
}

pub(super) fn values(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    enumerable_own(cx, arg(a, 0), Kind::Values)
}

pub(super) fn entries(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    enumerable_own(cx, arg(a, 0), Kind::Entries)
}

/// `GetOwnPropertyKeys(O, type)`.
fn own_keys(cx: &mut Cx, v: Value, symbols: bool) -> JsResult<Value> {
    let o = to_object(cx, v)?;
    let keys = ops::own_property_keys(cx, o)?;
    let out = new_array(cx)?;
    for k in keys.iter() {
        let key = PropertyKey::from_raw(k);
        if key.is_symbol() == symbols {
            let kv = key_to_value(cx, key)?;
            push(cx, out, kv)?;
        }
    }
    Ok(out.to_value())
}

pub(super) fn get_own_property_names(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    own_keys(cx, arg(a, 0), false)
}

pub(super) fn get_own_property_symbols(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    own_keys(cx, arg(a, 0), true)
}

pub(super) fn get_own_property_descriptor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, arg(a, 0))?;
    let key = to_property_key(cx, arg(a, 1))?;
    match ops::get_own_property(cx, o, key)? {
        Some(d) => Ok(ops::from_property_descriptor(cx, &d)?.to_value()),
        None => Ok(Value::UNDEFINED),
    }
}

pub(super) fn define_property(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(o) = Object::from_value(arg(a, 0)) else {
        return Err(cx.type_error("Object.defineProperty called on non-object"));
    };
    let key = to_property_key(cx, arg(a, 1))?;
    let d = ops::to_property_descriptor(cx, arg(a, 2))?;
    ops::define_property_or_throw(cx, o, key, &d)?;
    Ok(o.to_value())
}

/// `ObjectDefineProperties(O, Properties)`.
fn define_properties_of(cx: &mut Cx, o: Gc<Object>, props: Value) -> JsResult<()> {
    let p = to_object(cx, props)?;
    let keys = ops::own_property_keys(cx, p)?;
    // Descriptors are read first, then defined (the spec's two passes).
    let descs = new_array(cx)?;
    for k in keys.iter() {
        let key = PropertyKey::from_raw(k);
        if let Some(d) = ops::get_own_property(cx, p, key)? {
            if d.enumerable == Some(true) {
                let dv = ops::get(cx, p, key, p.to_value())?;
                // Validate now (ToPropertyDescriptor throws early).
                ops::to_property_descriptor(cx, dv)?;
                push(cx, descs, k)?;
                push(cx, descs, dv)?;
            }
        }
    }
    let n = descs.array_length();
    let mut i = 0;
    while i < n {
        let k = descs
            .get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED);
        let dv = descs
            .get_element(i + 1)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED);
        let d = ops::to_property_descriptor(cx, dv)?;
        ops::define_property_or_throw(cx, o, PropertyKey::from_raw(k), &d)?;
        i += 2;
    }
    Ok(())
}

pub(super) fn define_properties(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(o) = Object::from_value(arg(a, 0)) else {
        return Err(cx.type_error("Object.defineProperties called on non-object"));
    };
    define_properties_of(cx, o, arg(a, 1))?;
    Ok(o.to_value())
}

pub(super) fn create(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let proto = arg(a, 0);
    if !proto.is_null() && Object::from_value(proto).is_none() {
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Text(
                    "Object prototype may only be an Object or null: ",
                ),
                crate::builtins::error::shown::Part::Shown(proto),
            ],
        ));
    }
    let o = cx.new_object_with(ObjectClass::Ordinary, proto)?;
    let props = arg(a, 1);
    if !props.is_undefined() {
        define_properties_of(cx, o, props)?;
    }
    Ok(o.to_value())
}

pub(super) fn assign(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let to = to_object(cx, arg(a, 0))?;
    for &src in a.iter().skip(1) {
        if src.is_nullish() {
            continue;
        }
        let from = to_object(cx, src)?;
        let keys = ops::own_property_keys(cx, from)?;
        for k in keys.iter() {
            let key = PropertyKey::from_raw(k);
            if let Some(d) = ops::get_own_property(cx, from, key)? {
                if d.enumerable == Some(true) {
                    let v = ops::get(cx, from, key, from.to_value())?;
                    if !ops::set(cx, to, key, v, to.to_value())? {
                        return Err(cx.type_error("Cannot assign to read only property"));
                    }
                }
            }
        }
    }
    Ok(to.to_value())
}

/// `Object.getOwnPropertyDescriptors ( O )`.
pub(super) fn get_own_property_descriptors(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, arg(a, 0))?;
    let keys = ops::own_property_keys(cx, o)?;
    let out = cx.new_object()?;
    for k in keys.iter() {
        let key = PropertyKey::from_raw(k);
        if let Some(d) = ops::get_own_property(cx, o, key)? {
            let dv = ops::from_property_descriptor(cx, &d)?;
            if !ops::create_data_property(cx, out, key, dv.to_value())? {
                return Err(cx.type_error("Cannot define property"));
            }
        }
    }
    Ok(out.to_value())
}

/// `Object.groupBy ( items, callback )`: `GroupBy(items, callback, property)` collected into
/// a null-prototype object. The result object itself holds the groups while they grow: it is
/// not observable before it is returned, and an ordinary object orders its keys the same way
/// whatever the order of creation among equal kinds.
pub(super) fn group_by(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    use crate::builtins::array::MAX_SAFE;
    use crate::ops::iteration::{iterator_close_throw, iterator_step_value};
    let items = arg(a, 0);
    let callback = arg(a, 1);
    if items.is_nullish() {
        return Err(cx.type_error("Object.groupBy called on null or undefined"));
    }
    if !Object::from_value(callback).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("Object.groupBy: the callback is not a function"));
    }
    let out = cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?;
    let r = crate::builtins::collection::map::get_iterator(cx, items)?;
    let mut k: u64 = 0;
    loop {
        if k >= MAX_SAFE {
            let e = cx.type_error("Object.groupBy: too many elements");
            return Err(iterator_close_throw(cx, r, e));
        }
        let Some(value) = iterator_step_value(cx, r)? else {
            return Ok(out.to_value());
        };
        let key = match ops::call(
            cx,
            callback,
            Value::UNDEFINED,
            &[value, Value::number(k as f64)],
        ) {
            Ok(key) => key,
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        };
        let key = match to_property_key(cx, key) {
            Ok(key) => key,
            Err(e) => return Err(iterator_close_throw(cx, r, e)),
        };
        let group = ops::own_prop(cx, out, key)?.and_then(|p| Object::from_value(p.value));
        let group = match group {
            Some(g) => g,
            None => {
                let g = new_array(cx)?;
                ops::create_data_property(cx, out, key, g.to_value())?;
                g
            }
        };
        push(cx, group, value)?;
        k += 1;
    }
}

/// `Object.is ( value1, value2 )`.
pub(super) fn is(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(crate::ops::conversion::same_value(
        cx,
        arg(a, 0),
        arg(a, 1),
    )?))
}

/// `Object.hasOwn ( O, P )`.
pub(super) fn has_own(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = to_object(cx, arg(a, 0))?;
    let key = to_property_key(cx, arg(a, 1))?;
    Ok(Value::bool(ops::get_own_property(cx, o, key)?.is_some()))
}

/// `Object.fromEntries ( iterable )` (AddEntriesFromIterable with CreateDataPropertyOrThrow).
pub(super) fn from_entries(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    a: &[Value],
    _: Value,
) -> JsResult<Value> {
    use crate::ops::iteration::{iterator_close_throw, iterator_step_value};
    let iterable = arg(a, 0);
    if iterable.is_nullish() {
        return Err(cx.type_error("Object.fromEntries called on null or undefined"));
    }
    let out = cx.new_object()?;
    let r = crate::builtins::collection::map::get_iterator(cx, iterable)?;
    loop {
        let Some(next) = iterator_step_value(cx, r)? else {
            return Ok(out.to_value());
        };
        let step = |cx: &mut Cx| -> JsResult<()> {
            let Some(entry) = Object::from_value(next) else {
                return Err(crate::builtins::error::shown::not_an_entry(cx, next));
            };
            let k = ops::get(cx, entry, PropertyKey::index(0), next)?;
            let v = ops::get(cx, entry, PropertyKey::index(1), next)?;
            let key = to_property_key(cx, k)?;
            if !ops::create_data_property(cx, out, key, v)? {
                return Err(cx.type_error("Cannot define property"));
            }
            Ok(())
        };
        if let Err(e) = step(cx) {
            return Err(iterator_close_throw(cx, r, e));
        }
    }
}
