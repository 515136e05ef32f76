//! `Array`: the constructor and its statics, `Array.prototype` and the Array Iterator.
//!
//! Split by feature: `iter` (Array Iterator, `values`/`keys`/`entries`), `ctor`
//! (`Array.of`/`Array.from`), `mutate` (methods that add, remove or move elements),
//! `search` (lookups, `join`), `callbacks` (methods that call a function per element,
//! `flat`), `sort`. This file holds the abstract operations they share.
//!
//! Every method follows its ECMAScript 2025 algorithm step by step through the internal
//! methods (`ops::get`, `ops::set`, `ops::has_property`, `ops::delete`, CreateDataProperty),
//! so array-likes, holes, accessors and prototype elements behave as the spec says. Lengths
//! and indices are `u64` (≤ 2^53 − 1); element values collected on the way live in `GcVec`s
//! (traced through the conservatively scanned native stack, ARCHITECTURE.md §6).

mod callbacks;
mod ctor;
mod from_async;
pub(crate) mod iter;
pub(crate) use iter::iter_result;
mod mutate;
pub(crate) mod search;
pub(crate) mod sort;
#[cfg(test)]
mod tests;
pub(crate) mod timsort;

pub(super) use iter::fill_array_iterator_proto;

use super::{
    arg, constructor, create_function, fill_constructor, link_constructor, method, FunctionOptions,
    Lazy,
};
use crate::convert::{to_number, to_property_key, to_uint32};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::numconv;
use crate::object::attrs;
use crate::object::{Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// 2^53 − 1, the largest length of an array-like.
pub(crate) const MAX_SAFE: u64 = 9_007_199_254_740_991;
/// 2^32 − 1, the largest array length.
pub(crate) const MAX_ARRAY_LENGTH: u64 = 4_294_967_295;
/// How many loop iterations run between two interrupt checks.
const CHECK_EVERY: u64 = 1024;

/// Polls the interrupt flag (and the native stack) every [`CHECK_EVERY`] iterations.
#[inline]
pub(crate) fn tick(cx: &Cx, k: u64) -> JsResult<()> {
    if k.is_multiple_of(CHECK_EVERY) {
        cx.check()?;
    }
    Ok(())
}

/// A number value for an index or length.
#[inline]
pub(crate) fn num(k: u64) -> Value {
    Value::number(k as f64)
}

/// `! ToString(𝔽(k))` as a property key.
pub(crate) fn index_key(cx: &mut Cx, k: u64) -> JsResult<PropertyKey> {
    if k < MAX_ARRAY_LENGTH {
        Ok(PropertyKey::index(k as u32))
    } else {
        to_property_key(cx, num(k))
    }
}

/// `Get(O, ! ToString(𝔽(k)))`.
pub(crate) fn get_index(cx: &mut Cx, o: Gc<Object>, k: u64) -> JsResult<Value> {
    // An existing data element of an array needs no lookup.
    if k < MAX_ARRAY_LENGTH && o.class() == ObjectClass::Array && o.host_data().is_none() {
        if let Some(p) = o.get_element(k as u32) {
            if p.attrs & attrs::ACCESSOR == 0 {
                return Ok(p.value);
            }
        }
    }
    let key = index_key(cx, k)?;
    ops::get(cx, o, key, o.to_value())
}

/// `HasProperty(O, ! ToString(𝔽(k)))`.
pub(crate) fn has_index(cx: &mut Cx, o: Gc<Object>, k: u64) -> JsResult<bool> {
    // An own element of an array answers without a key (a hole asks the prototypes).
    if k < MAX_ARRAY_LENGTH
        && o.class() == ObjectClass::Array
        && o.host_data().is_none()
        && o.get_element(k as u32).is_some()
    {
        return Ok(true);
    }
    let key = index_key(cx, k)?;
    ops::has_property(cx, o, key)
}

/// `Set(O, P, V, true)`.
pub(crate) fn set_key(cx: &mut Cx, o: Gc<Object>, key: PropertyKey, v: Value) -> JsResult<()> {
    if ops::set(cx, o, key, v, o.to_value())? {
        return Ok(());
    }
    Err(crate::builtins::error::shown::set_failure(cx, o, key))
}

/// `Set(O, ! ToString(𝔽(k)), V, true)`.
pub(crate) fn set_index(cx: &mut Cx, o: Gc<Object>, k: u64, v: Value) -> JsResult<()> {
    // An existing writable element, or a new one no prototype can intercept.
    if k < MAX_ARRAY_LENGTH
        && o.class() == ObjectClass::Array
        && o.host_data().is_none()
        && (o.try_set_dense_element(k as u32, v)
            || Object::try_add_element(cx.heap(), o, k as u32, v))
    {
        return Ok(());
    }
    let key = index_key(cx, k)?;
    set_key(cx, o, key, v)
}

/// `Set(O, "length", 𝔽(len), true)`.
pub(crate) fn set_length(cx: &mut Cx, o: Gc<Object>, len: u64) -> JsResult<()> {
    let key = cx.name(Name::length);
    set_key(cx, o, key, num(len))
}

/// `DeletePropertyOrThrow(O, ! ToString(𝔽(k)))`.
pub(crate) fn delete_index(cx: &mut Cx, o: Gc<Object>, k: u64) -> JsResult<()> {
    let key = index_key(cx, k)?;
    if ops::delete(cx, o, key)? {
        return Ok(());
    }
    Err(crate::builtins::error::shown::delete_failure(cx, o, key))
}

/// `CreateDataPropertyOrThrow(A, ! ToString(𝔽(k)), V)`.
pub(crate) fn create_index(cx: &mut Cx, a: Gc<Object>, k: u64, v: Value) -> JsResult<()> {
    // A new element of a plain extensible array: no descriptor to validate.
    if k < MAX_ARRAY_LENGTH && Object::try_add_element(cx.heap(), a, k as u32, v) {
        return Ok(());
    }
    let key = index_key(cx, k)?;
    let ok = ops::create_data_property(cx, a, key, v)?;
    ops::or_throw(cx, ok, "Cannot define property")
}

/// `ToIntegerOrInfinity(v)`.
pub(crate) fn to_integer_or_infinity(cx: &mut Cx, v: Value) -> JsResult<f64> {
    Ok(numconv::to_integer_or_infinity(to_number(cx, v)?))
}

/// A relative index (`start`, `end`, `target`…) resolved against `len`: negative values
/// count from the end; the result is clamped to `0 ..= len`.
pub(crate) fn relative_index(cx: &mut Cx, v: Value, len: u64) -> JsResult<u64> {
    let rel = to_integer_or_infinity(cx, v)?;
    Ok(clamp_relative(rel, len))
}

/// [`relative_index`] for an already converted integer.
pub(crate) fn clamp_relative(rel: f64, len: u64) -> u64 {
    if rel < 0.0 {
        let r = len as f64 + rel;
        if r < 0.0 {
            0
        } else {
            r as u64
        }
    } else {
        rel.min(len as f64) as u64
    }
}

/// [`relative_index`] for an `end` argument: `undefined` means `len`.
pub(crate) fn relative_end(cx: &mut Cx, v: Value, len: u64) -> JsResult<u64> {
    if v.is_undefined() {
        Ok(len)
    } else {
        relative_index(cx, v, len)
    }
}

/// ToObject(this) for the methods V8 names when `this` is null or undefined ("Array.prototype.
/// forEach called on null or undefined").
pub(crate) fn this_object(cx: &mut Cx, this: Value, method: &str) -> JsResult<Gc<Object>> {
    if this.is_nullish() {
        let mut buf = [0u8; 96];
        let m = format_into(
            &mut buf,
            &["Array.prototype.", method, " called on null or undefined"],
        );
        return Err(cx.type_error(m));
    }
    crate::convert::to_object(cx, this)
}

/// The callback argument of an iteration method, or V8's TypeError ("1 is not a function";
/// `flatMap` has its own words).
pub(crate) fn callback(cx: &Cx, v: Value, method: &str) -> JsResult<Value> {
    if Object::from_value(v).is_some_and(|f| f.is_callable()) {
        return Ok(v);
    }
    if method == "flatMap" {
        return Err(cx.type_error("flatMap mapper function is not callable"));
    }
    Err(not_a_function(cx, "", v))
}

/// V8's TypeError for a value given where a function was needed: `prefix`, the value as V8
/// shows it without running code ("1", "abc", "undefined", "Symbol(s)", "#<Object>",
/// "[object Array]", see `error::shown`), then " is not a function".
pub(crate) fn not_a_function(cx: &Cx, prefix: &str, v: Value) -> crate::cx::Throw {
    use crate::builtins::error::shown::{error, Part};
    error(
        cx,
        crate::cx::ErrorKind::TypeError,
        &[
            Part::Text(prefix),
            Part::Shown(v),
            Part::Text(" is not a function"),
        ],
    )
}

/// V8's TypeError for a callback some builtins (Map and Set `forEach`) call without checking
/// it first: the value's type, then the value for a primitive ("number 1", `string "abc"`,
/// "object null", "object"), then " is not a function".
pub(crate) fn called_non_callable(cx: &Cx, v: Value) -> crate::cx::Throw {
    use crate::builtins::error::shown::{error, Part};
    use crate::convert::{type_of, Type};
    let ty = match type_of(v) {
        Type::Undefined => "undefined",
        Type::Null => "object null",
        Type::Boolean if v == Value::TRUE => "boolean true",
        Type::Boolean => "boolean false",
        Type::Number => "number ",
        Type::String => "string \"",
        Type::Symbol => "symbol",
        Type::BigInt => "bigint",
        Type::Object if Object::from_value(v).is_some_and(|o| o.is_callable()) => "function",
        Type::Object | Type::Internal => "object",
    };
    let parts: &[Part<'_>] = match type_of(v) {
        Type::Number => &[
            Part::Text(ty),
            Part::Shown(v),
            Part::Text(" is not a function"),
        ],
        Type::String => &[
            Part::Text(ty),
            Part::Shown(v),
            Part::Text("\" is not a function"),
        ],
        _ => &[Part::Text(ty), Part::Text(" is not a function")],
    };
    error(cx, crate::cx::ErrorKind::TypeError, parts)
}

/// Concatenates `parts` into `buf` (truncating), for error messages without allocation.
pub(crate) fn format_into<'a>(buf: &'a mut [u8], parts: &[&str]) -> &'a str {
    let mut n = 0;
    for p in parts {
        for &b in p.as_bytes() {
            if n < buf.len() {
                buf[n] = b;
                n += 1;
            }
        }
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("callback is not a function")
}

/// `IsArray(argument)`: sees through proxies (a TypeError for a revoked one).
pub(crate) fn is_array_value(cx: &Cx, v: Value) -> JsResult<bool> {
    ops::is_array(cx, v)
}

/// `ArraySpeciesCreate(originalArray, length)` (§10.4.2.3).
pub(crate) fn array_species_create(
    cx: &mut Cx,
    original: Gc<Object>,
    length: u64,
) -> JsResult<Gc<Object>> {
    let plain = |cx: &mut Cx| -> JsResult<Gc<Object>> {
        if length > MAX_ARRAY_LENGTH {
            return Err(cx.range_error("Invalid array length"));
        }
        let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
        array_create(cx, length as u32, proto)
    };
    if !ops::is_array(cx, original.to_value())? {
        return plain(cx);
    }
    let ck = cx.name(Name::constructor);
    let mut c = ops::get_v(cx, original, ck)?;
    if let Some(co) = Object::from_value(c).filter(|o| o.is_constructor()) {
        // A constructor from another realm that is that realm's %Array% counts as absent.
        let realm = ops::function_realm(cx, co)?;
        if realm != cx.realm && realm.intrinsic(Intrinsic::Array) == c {
            c = Value::UNDEFINED;
        }
    }
    if let Some(co) = Object::from_value(c) {
        let sk = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
        c = ops::get_v(cx, co, sk)?;
        if c.is_null() {
            c = Value::UNDEFINED;
        }
    }
    // `Construct(%Array%, « length »)` of the current realm is ArrayCreate with
    // %Array.prototype% (`Array.prototype` cannot change): take the short way.
    if c.is_undefined() || c == cx.intrinsic(Intrinsic::Array) {
        return plain(cx);
    }
    if !Object::from_value(c).is_some_and(|o| o.is_constructor()) {
        return Err(cx.type_error("object.constructor[Symbol.species] is not a constructor"));
    }
    let a = ops::construct(cx, c, &[num(length)], Value::UNDEFINED)?;
    Object::from_value(a).ok_or_else(|| cx.type_error("species constructor returned a non-object"))
}

/// `CreateArrayFromList(elements)`.
pub(crate) fn array_from_list(cx: &mut Cx, items: &[Value]) -> JsResult<Gc<Object>> {
    let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
    let a = array_create(cx, 0, proto)?;
    for (i, &v) in items.iter().enumerate() {
        Object::put_element(
            cx.heap(),
            a,
            i as u32,
            Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )?;
    }
    Ok(a)
}

/// `ArrayCreate(length, proto)`.
pub fn array_create(cx: &Cx, length: u32, proto: Value) -> JsResult<Gc<Object>> {
    let a = cx.new_object_with(ObjectClass::Array, proto)?;
    Object::set_length_raw(a, length);
    Ok(a)
}

fn array_ctor(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let nt = if nt.is_undefined() {
        callee.to_value()
    } else {
        nt
    };
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::ArrayPrototype)?;
    if args.len() == 1 {
        let len = args[0];
        let a = array_create(cx, 0, proto)?;
        if len.as_number().is_none() {
            Object::put_element(
                cx.heap(),
                a,
                0,
                Prop {
                    value: len,
                    attrs: attrs::DEFAULT,
                },
            )?;
        } else {
            let n = to_uint32(cx, len)?;
            if n as f64 != len.as_number().expect("number") {
                return Err(cx.range_error("Invalid array length"));
            }
            Object::set_length_raw(a, n);
        }
        return Ok(a.to_value());
    }
    let a = array_create(cx, 0, proto)?;
    for (i, &v) in args.iter().enumerate() {
        Object::put_element(
            cx.heap(),
            a,
            i as u32,
            Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )?;
    }
    Ok(a.to_value())
}

fn is_array(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(ops::is_array(cx, arg(args, 0))?))
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.realm.intrinsic_object(Intrinsic::ArrayPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(cx, global, "Array", array_ctor, proto, fp, Lazy::ArrayCtor)?;
    Context::set_intrinsic(cx.realm, Intrinsic::Array, c.to_value());
    Object::set_lazy(proto, Lazy::ArrayProto as u8);
    Ok(())
}

/// `Array.prototype`'s properties, in the spec's order of sections (§23.1.3).
pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::Array)?;
    method(cx, proto, "at", 1, search::at)?;
    method(cx, proto, "concat", 1, mutate::concat)?;
    method(cx, proto, "copyWithin", 2, mutate::copy_within)?;
    let f = method(cx, proto, "entries", 0, iter::entries)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ArrayProtoEntries, f.to_value());
    method(cx, proto, "every", 1, callbacks::every)?;
    method(cx, proto, "fill", 1, mutate::fill)?;
    method(cx, proto, "filter", 1, callbacks::filter)?;
    method(cx, proto, "find", 1, search::find)?;
    method(cx, proto, "findIndex", 1, search::find_index)?;
    method(cx, proto, "findLast", 1, search::find_last)?;
    method(cx, proto, "findLastIndex", 1, search::find_last_index)?;
    method(cx, proto, "flat", 0, callbacks::flat)?;
    method(cx, proto, "flatMap", 1, callbacks::flat_map)?;
    let f = method(cx, proto, "forEach", 1, callbacks::for_each)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ArrayProtoForEach, f.to_value());
    method(cx, proto, "includes", 1, search::includes)?;
    method(cx, proto, "indexOf", 1, search::index_of)?;
    method(cx, proto, "join", 1, search::join)?;
    let f = method(cx, proto, "keys", 0, iter::keys)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ArrayProtoKeys, f.to_value());
    method(cx, proto, "lastIndexOf", 1, search::last_index_of)?;
    method(cx, proto, "map", 1, callbacks::map)?;
    method(cx, proto, "pop", 0, mutate::pop)?;
    method(cx, proto, "push", 1, mutate::push)?;
    method(cx, proto, "reduce", 1, callbacks::reduce)?;
    method(cx, proto, "reduceRight", 1, callbacks::reduce_right)?;
    method(cx, proto, "reverse", 0, mutate::reverse)?;
    method(cx, proto, "shift", 0, mutate::shift)?;
    method(cx, proto, "slice", 2, mutate::slice)?;
    method(cx, proto, "some", 1, callbacks::some)?;
    method(cx, proto, "sort", 1, sort::sort)?;
    method(cx, proto, "splice", 2, mutate::splice)?;
    method(cx, proto, "toReversed", 0, mutate::to_reversed)?;
    method(cx, proto, "toSorted", 1, sort::to_sorted)?;
    method(cx, proto, "toSpliced", 2, mutate::to_spliced)?;
    method(cx, proto, "toString", 0, search::to_string_)?;
    method(cx, proto, "toLocaleString", 0, search::to_locale_string)?;
    method(cx, proto, "unshift", 1, mutate::unshift)?;
    let values = method(cx, proto, "values", 0, iter::values)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ArrayProtoValues, values.to_value());
    method(cx, proto, "with", 2, mutate::with)?;
    // `Array.prototype[@@iterator]` is the same function object as `values`.
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    super::data(cx, proto, ik, values.to_value(), attrs::HIDDEN)?;
    // `Array.prototype[@@unscopables]` (§23.1.3.41): a null-prototype object.
    let u = cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?;
    for name in [
        "at",
        "copyWithin",
        "entries",
        "fill",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flat",
        "flatMap",
        "includes",
        "keys",
        "toReversed",
        "toSorted",
        "toSpliced",
        "values",
    ] {
        let k = cx.rt.key(name)?;
        ops::create_data_property(cx, u, k, Value::TRUE)?;
    }
    let uk = PropertyKey::symbol(cx.rt.well_known(WellKnown::unscopables));
    super::data(cx, proto, uk, u.to_value(), attrs::CONFIGURABLE)
}

/// `get Array [ @@species ]`: returns the this value.
fn species(_: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "from", 1, ctor::from)?;
    method(cx, c, "fromAsync", 1, from_async::from_async)?;
    method(cx, c, "isArray", 1, is_array)?;
    method(cx, c, "of", 0, ctor::of)?;
    let getter = create_function(
        cx,
        species,
        FunctionOptions {
            name: cx.string("get [Symbol.species]")?.to_value(),
            length: 0,
            constructor: false,
        },
    )?;
    let sk = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
    let d = ops::PropertyDescriptor {
        get: Some(getter.to_value()),
        set: Some(Value::UNDEFINED),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, c, sk, &d)
}

/// The realm's original `Array.prototype.forEach`/`keys`/`values`/`entries` (`which` is one of
/// the `ArrayProto*` intrinsics), whatever script has since done to `Array.prototype`
/// (`JsGetArrayForEachFunction` and friends).
pub fn original_method(cx: &Cx, which: Intrinsic) -> JsResult<Value> {
    ops::materialize(cx, cx.realm.intrinsic_object(Intrinsic::ArrayPrototype))?;
    Ok(cx.intrinsic(which))
}
