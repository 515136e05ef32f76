//! Arguments objects (ECMA-262 §10.4.4): made by `CreateArguments` on the entry of a function
//! that uses `arguments`.
//!
//! Every arguments object of a realm has the same three named properties in the same order
//! (`length`, `@@iterator`, `callee`), so after the first one is built property by property
//! its shape is cached in the realm and later ones are allocated with it directly: three slot
//! writes instead of three shape transitions.

use super::Stack;
use crate::cx::{Cx, JsResult};
use crate::object::{attrs, Object, ObjectClass, Prop, Shape};
use crate::ops::{self, PropertyDescriptor};
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::PropertyKey;
use conch_gc::{Gc, GcArray, Value};

/// The slots of the cached shape: `length`, `@@iterator`, `callee`.
const SLOTS: u32 = 3;

/// An arguments object: unmapped (`mapping` none), or mapped onto the parameters' slots of
/// environment `env` (`list` the compiler's array of slots per parameter, -1 for none).
pub(super) fn create_arguments(
    cx: &mut Cx,
    st: &Stack,
    at: usize,
    argc: usize,
    callee: Value,
    mapping: Option<(Value, Value)>,
) -> JsResult<Gc<Object>> {
    let (which, callee_slot) = match mapping {
        Some(_) => (Intrinsic::ArgumentsShape, callee),
        None => (
            Intrinsic::ArgumentsStrictShape,
            cx.intrinsic(Intrinsic::ArgumentsCalleeAccessor),
        ),
    };
    let o = match cached_shape(cx, which) {
        Some(shape) => {
            let o = Object::with_shape(cx.heap(), shape)?;
            Object::set_slot(o, 0, Value::int(argc as i32));
            Object::set_slot(o, 1, cx.intrinsic(Intrinsic::ArrayProtoValues));
            Object::set_slot(o, 2, callee_slot);
            o
        }
        None => build(cx, argc, callee, mapping.is_some(), which)?,
    };
    Object::init_dense_elements(cx.heap(), o, argc, |i| st.get(at + i))?;
    if let Some((env, list)) = mapping {
        // The map covers the parameters that received an argument.
        let list = Object::from_value(list).expect("parameter map");
        let n = (list.array_length() as usize).min(argc);
        let map = GcArray::<Value>::new(cx.heap(), n)?;
        for i in 0..n {
            let slot = list
                .get_element(i as u32)
                .map_or(Value::int(-1), |p| p.value);
            map.push_within_capacity(slot);
        }
        Object::set_internal(o, 0, env);
        Object::set_internal(o, 1, map.to_value());
    }
    Ok(o)
}

/// The realm's cached arguments shape `which`, if one was recorded.
fn cached_shape(cx: &Cx, which: Intrinsic) -> Option<Gc<Shape>> {
    let v = cx.intrinsic(which);
    // SAFETY: the intrinsic slot holds undefined or a live shape cell of this heap (only
    // `build` stores it); `from_addr` checks the kind.
    v.cell_addr()
        .and_then(|a| unsafe { Gc::<Shape>::from_addr(a) })
}

/// The first arguments object of its kind in a realm: built property by property, in the
/// spec's order; its shape is then recorded when every slot is inline.
fn build(
    cx: &mut Cx,
    argc: usize,
    callee: Value,
    mapped: bool,
    which: Intrinsic,
) -> JsResult<Gc<Object>> {
    let o = cx.new_object_with(
        ObjectClass::Arguments,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    let hidden = |value| Prop {
        value,
        attrs: attrs::HIDDEN,
    };
    Object::put_named(
        cx.heap(),
        o,
        cx.name(Name::length).to_raw(),
        hidden(Value::int(argc as i32)),
    )?;
    // @@iterator is %Array.prototype.values% itself (the intrinsic, not a lookup); it is
    // recorded when the realm's lazy Array.prototype is filled.
    let mut values = cx.intrinsic(Intrinsic::ArrayProtoValues);
    if values.is_undefined() {
        let ap = Object::from_value(cx.intrinsic(Intrinsic::ArrayPrototype)).expect("proto");
        ops::materialize(cx, ap)?;
        values = cx.intrinsic(Intrinsic::ArrayProtoValues);
    }
    if values.is_undefined() {
        return Err(cx.type_error("Array.prototype.values is not available"));
    }
    let it = PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::iterator));
    Object::put_named(cx.heap(), o, it.to_raw(), hidden(values))?;
    let ck = cx.name(Name::callee);
    if mapped {
        Object::put_named(cx.heap(), o, ck.to_raw(), hidden(callee))?;
    } else {
        let tte = crate::builtins::function_throw_type_error(cx)?;
        let d = PropertyDescriptor {
            get: Some(tte),
            set: Some(tte),
            enumerable: Some(false),
            configurable: Some(false),
            ..Default::default()
        };
        ops::define_property_or_throw(cx, o, ck, &d)?;
    }
    let shape = o.shape();
    let cacheable =
        !o.is_dictionary() && shape.count() == SLOTS && shape.base().inline_cap() as u32 >= SLOTS;
    if cacheable {
        Context::set_intrinsic(cx.realm, which, shape.to_value());
        if !mapped {
            let accessor = Object::slot(o, 2);
            Context::set_intrinsic(cx.realm, Intrinsic::ArgumentsCalleeAccessor, accessor);
        }
    }
    Ok(o)
}

/// The length of `o` when `CreateListFromArrayLike(o)` can read its elements straight from
/// dense storage with nothing observable skipped: an array or an unmodified arguments
/// object whose elements `0..length` are all present data elements, none of them mapped to
/// a parameter. `None`: take the generic path.
pub(crate) fn dense_list_len(cx: &Cx, o: Gc<Object>) -> Option<u32> {
    let n = match o.class() {
        ObjectClass::Array if o.host_data().is_none() => o.array_length(),
        ObjectClass::Arguments => {
            let shape = o.shape().to_value();
            if shape != cx.intrinsic(Intrinsic::ArgumentsShape)
                && shape != cx.intrinsic(Intrinsic::ArgumentsStrictShape)
            {
                return None;
            }
            let n = u32::try_from(Object::slot(o, 0).as_int()?).ok()?;
            // SAFETY: a mapped arguments object's internal 1 is its `GcArray<Value>` map.
            let map = o
                .internal(1)
                .cell_addr()
                .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) });
            if let Some(map) = map {
                let mapped = map.cells().iter().take(n as usize);
                if mapped.into_iter().any(|c| c.get() != Value::int(-1)) {
                    return None;
                }
            }
            n
        }
        _ => return None,
    };
    if o.dense_len() < n as usize {
        return None;
    }
    let data = (0..n).all(|i| {
        o.get_element(i)
            .is_some_and(|p| p.attrs & attrs::ACCESSOR == 0)
    });
    data.then_some(n)
}
