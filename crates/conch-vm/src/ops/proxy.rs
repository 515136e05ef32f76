//! The internal methods of Proxy exotic objects (ECMA-262 §10.5) and `ProxyCreate` (§10.5.14).
//!
//! A proxy is an object of class `Proxy` whose `internal(0)` is `[[ProxyTarget]]` and
//! `internal(1)` `[[ProxyHandler]]` (`null` once revoked). The internal methods in `object.rs`
//! send a proxy here first, including when a prototype-chain walk reaches one. Each method
//! checks the native stack first, so a chain of proxies 100,000 deep throws a RangeError
//! instead of overflowing. Every invariant check is the spec's, in the spec's order.
//!
//! `[[Call]]` and `[[Construct]]`: a proxy gets the function entry point [`proxy_call`] when
//! its target is callable (and the constructor flag when the target is a constructor), so the
//! interpreter's call paths reach it like any native function; the entry point tells a call
//! from a construction by `new_target` (never `undefined` for a construction).

use super::object::{
    call, construct, from_property_descriptor, is_compatible_descriptor, to_property_descriptor,
    PropertyDescriptor,
};
use crate::convert::{length_of_array_like, same_value, to_boolean};
use crate::cx::{Cx, JsResult};
use crate::key::{PropertyKey, Symbol};
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::string::JsString;
use conch_gc::{Gc, GcVec, Value};

/// Whether `o` is a Proxy exotic object.
#[inline]
pub fn is_proxy(o: &Object) -> bool {
    o.class() == ObjectClass::Proxy
}

/// `[[ProxyTarget]]` (`None` once revoked).
pub fn proxy_target(o: &Object) -> Option<Gc<Object>> {
    Object::from_value(o.internal(0))
}

/// `[[ProxyHandler]]` (`None` once revoked).
pub fn proxy_handler(o: &Object) -> Option<Gc<Object>> {
    Object::from_value(o.internal(1))
}

/// `ProxyCreate(target, handler)` (§10.5.14).
pub fn proxy_create(cx: &mut Cx, target: Value, handler: Value) -> JsResult<Gc<Object>> {
    let Some(t) = Object::from_value(target) else {
        return Err(cx.type_error("Cannot create proxy with a non-object as target or handler"));
    };
    if Object::from_value(handler).is_none() {
        return Err(cx.type_error("Cannot create proxy with a non-object as target or handler"));
    }
    let p = cx.new_object_with(ObjectClass::Proxy, Value::NULL)?;
    Object::set_internal(p, 0, target);
    Object::set_internal(p, 1, handler);
    if t.is_callable() {
        Object::set_native(p, proxy_call, t.is_constructor());
    }
    Ok(p)
}

/// Revokes a proxy: `[[ProxyTarget]]` and `[[ProxyHandler]]` become `null`.
pub fn revoke(p: Gc<Object>) {
    Object::set_internal(p, 0, Value::NULL);
    Object::set_internal(p, 1, Value::NULL);
}

/// The (target, handler) of a live proxy (ValidateNonRevokedProxy, §10.5.15), after checking
/// the native stack: every proxy operation passes here first.
fn parts(cx: &Cx, p: Gc<Object>, trap: &str) -> JsResult<(Gc<Object>, Gc<Object>)> {
    cx.check()?;
    match (proxy_target(&p), proxy_handler(&p)) {
        (Some(t), Some(h)) => Ok((t, h)),
        _ => {
            // V8's words, naming the trap.
            use crate::builtins::error::shown::{error, Part};
            Err(error(
                cx,
                crate::cx::ErrorKind::TypeError,
                &[
                    Part::Text("Cannot perform '"),
                    Part::Text(trap),
                    Part::Text("' on a proxy that has been revoked"),
                ],
            ))
        }
    }
}

/// `GetMethod(handler, name)`: the trap, or `None` when it is `undefined` or `null`.
fn trap(cx: &mut Cx, handler: Gc<Object>, name: &str) -> JsResult<Option<Value>> {
    let key = cx.rt.key(name)?;
    let f = ops::get_v(cx, handler, key)?;
    if f.is_nullish() {
        return Ok(None);
    }
    if !Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("Proxy trap is not a function"));
    }
    Ok(Some(f))
}

/// `P` as a value for a trap's argument list.
fn key_value(cx: &Cx, key: PropertyKey) -> JsResult<Value> {
    crate::convert::key_to_value(cx, key)
}

fn invariant(cx: &Cx, what: &str) -> crate::cx::Throw {
    cx.type_error(what)
}

/// `[[GetPrototypeOf]]` (§10.5.1).
pub fn get_prototype_of(cx: &mut Cx, p: Gc<Object>) -> JsResult<Value> {
    let (target, handler) = parts(cx, p, "getPrototypeOf")?;
    let Some(f) = trap(cx, handler, "getPrototypeOf")? else {
        return ops::get_prototype_of(cx, target);
    };
    let proto = call(cx, f, handler.to_value(), &[target.to_value()])?;
    if !proto.is_null() && Object::from_value(proto).is_none() {
        return Err(invariant(
            cx,
            "'getPrototypeOf' on proxy: trap returned neither object nor null",
        ));
    }
    if ops::is_extensible(cx, target)? {
        return Ok(proto);
    }
    let target_proto = ops::get_prototype_of(cx, target)?;
    if !same_value(cx, proto, target_proto)? {
        return Err(invariant(
            cx,
            "'getPrototypeOf' on proxy: proxy target is non-extensible but the trap did not return its actual prototype",
        ));
    }
    Ok(proto)
}

/// `[[SetPrototypeOf]]` (§10.5.2).
pub fn set_prototype_of(cx: &mut Cx, p: Gc<Object>, proto: Value) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "setPrototypeOf")?;
    let Some(f) = trap(cx, handler, "setPrototypeOf")? else {
        return ops::set_prototype_of(cx, target, proto);
    };
    let r = call(cx, f, handler.to_value(), &[target.to_value(), proto])?;
    if !to_boolean(r) {
        return Ok(false);
    }
    if ops::is_extensible(cx, target)? {
        return Ok(true);
    }
    let target_proto = ops::get_prototype_of(cx, target)?;
    if !same_value(cx, proto, target_proto)? {
        return Err(invariant(
            cx,
            "'setPrototypeOf' on proxy: trap returned truish for setting a new prototype on the non-extensible proxy target",
        ));
    }
    Ok(true)
}

/// `[[IsExtensible]]` (§10.5.3).
pub fn is_extensible(cx: &mut Cx, p: Gc<Object>) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "isExtensible")?;
    let Some(f) = trap(cx, handler, "isExtensible")? else {
        return ops::is_extensible(cx, target);
    };
    let r = to_boolean(call(cx, f, handler.to_value(), &[target.to_value()])?);
    if r != ops::is_extensible(cx, target)? {
        return Err(invariant(
            cx,
            "'isExtensible' on proxy: trap result does not reflect extensibility of proxy target",
        ));
    }
    Ok(r)
}

/// `[[PreventExtensions]]` (§10.5.4).
pub fn prevent_extensions(cx: &mut Cx, p: Gc<Object>) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "preventExtensions")?;
    let Some(f) = trap(cx, handler, "preventExtensions")? else {
        return ops::prevent_extensions(cx, target);
    };
    let r = to_boolean(call(cx, f, handler.to_value(), &[target.to_value()])?);
    if r && ops::is_extensible(cx, target)? {
        return Err(invariant(
            cx,
            "'preventExtensions' on proxy: trap returned truish but the proxy target is extensible",
        ));
    }
    Ok(r)
}

/// `CompletePropertyDescriptor` (§6.2.6.6).
fn complete(d: &mut PropertyDescriptor) {
    if d.is_generic() || d.is_data() {
        d.value.get_or_insert(Value::UNDEFINED);
        d.writable.get_or_insert(false);
    } else {
        d.get.get_or_insert(Value::UNDEFINED);
        d.set.get_or_insert(Value::UNDEFINED);
    }
    d.enumerable.get_or_insert(false);
    d.configurable.get_or_insert(false);
}

/// `IsCompatiblePropertyDescriptor(Extensible, Desc, Current)` (§10.1.6.2).
fn compatible(
    cx: &Cx,
    extensible: bool,
    desc: &PropertyDescriptor,
    current: Option<&PropertyDescriptor>,
) -> JsResult<bool> {
    match current {
        None => Ok(extensible),
        Some(c) => is_compatible_descriptor(cx, extensible, desc, c),
    }
}

/// `[[GetOwnProperty]]` (§10.5.5).
pub fn get_own_property(
    cx: &mut Cx,
    p: Gc<Object>,
    key: PropertyKey,
) -> JsResult<Option<PropertyDescriptor>> {
    let (target, handler) = parts(cx, p, "getOwnPropertyDescriptor")?;
    let Some(f) = trap(cx, handler, "getOwnPropertyDescriptor")? else {
        return ops::get_own_property(cx, target, key);
    };
    let k = key_value(cx, key)?;
    let result = call(cx, f, handler.to_value(), &[target.to_value(), k])?;
    if !result.is_undefined() && Object::from_value(result).is_none() {
        return Err(invariant(
            cx,
            "'getOwnPropertyDescriptor' on proxy: trap returned neither object nor undefined",
        ));
    }
    let target_desc = ops::get_own_property(cx, target, key)?;
    if result.is_undefined() {
        let Some(td) = target_desc else {
            return Ok(None);
        };
        if td.configurable == Some(false) {
            return Err(invariant(
                cx,
                "'getOwnPropertyDescriptor' on proxy: trap returned undefined for a non-configurable property of the proxy target",
            ));
        }
        if !ops::is_extensible(cx, target)? {
            return Err(invariant(
                cx,
                "'getOwnPropertyDescriptor' on proxy: trap returned undefined for a property of the non-extensible proxy target",
            ));
        }
        return Ok(None);
    }
    let extensible = ops::is_extensible(cx, target)?;
    let mut desc = to_property_descriptor(cx, result)?;
    complete(&mut desc);
    if !compatible(cx, extensible, &desc, target_desc.as_ref())? {
        return Err(invariant(
            cx,
            "'getOwnPropertyDescriptor' on proxy: trap returned a descriptor incompatible with the proxy target's property",
        ));
    }
    if desc.configurable == Some(false) {
        match target_desc {
            Some(td) if td.configurable == Some(false) => {
                if desc.writable == Some(false) && td.writable == Some(true) {
                    return Err(invariant(
                        cx,
                        "'getOwnPropertyDescriptor' on proxy: trap reported non-configurable and non-writable for a writable property of the proxy target",
                    ));
                }
            }
            _ => {
                return Err(invariant(
                    cx,
                    "'getOwnPropertyDescriptor' on proxy: trap reported non-configurability for a property that is configurable or absent on the proxy target",
                ))
            }
        }
    }
    Ok(Some(desc))
}

/// `[[DefineOwnProperty]]` (§10.5.6).
pub fn define_own_property(
    cx: &mut Cx,
    p: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "defineProperty")?;
    let Some(f) = trap(cx, handler, "defineProperty")? else {
        return ops::define_own_property(cx, target, key, desc);
    };
    let desc_obj = from_property_descriptor(cx, desc)?;
    let k = key_value(cx, key)?;
    let r = call(
        cx,
        f,
        handler.to_value(),
        &[target.to_value(), k, desc_obj.to_value()],
    )?;
    if !to_boolean(r) {
        return Ok(false);
    }
    let target_desc = ops::get_own_property(cx, target, key)?;
    let extensible = ops::is_extensible(cx, target)?;
    let setting_config_false = desc.configurable == Some(false);
    match target_desc {
        None => {
            if !extensible {
                return Err(invariant(
                    cx,
                    "'defineProperty' on proxy: trap returned truish for adding a property to the non-extensible proxy target",
                ));
            }
            if setting_config_false {
                return Err(invariant(
                    cx,
                    "'defineProperty' on proxy: trap returned truish for defining a non-configurable property that does not exist on the proxy target",
                ));
            }
        }
        Some(td) => {
            if !compatible(cx, extensible, desc, Some(&td))? {
                return Err(invariant(
                    cx,
                    "'defineProperty' on proxy: trap returned truish for adding a property that is incompatible with the proxy target's property",
                ));
            }
            if setting_config_false && td.configurable == Some(true) {
                return Err(invariant(
                    cx,
                    "'defineProperty' on proxy: trap returned truish for defining a non-configurable property that is configurable on the proxy target",
                ));
            }
            if td.is_data()
                && td.configurable == Some(false)
                && td.writable == Some(true)
                && desc.writable == Some(false)
            {
                return Err(invariant(
                    cx,
                    "'defineProperty' on proxy: trap returned truish for making a non-configurable writable property of the proxy target non-writable",
                ));
            }
        }
    }
    Ok(true)
}

/// `[[HasProperty]]` (§10.5.7).
pub fn has(cx: &mut Cx, p: Gc<Object>, key: PropertyKey) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "has")?;
    let Some(f) = trap(cx, handler, "has")? else {
        return ops::has_property(cx, target, key);
    };
    let k = key_value(cx, key)?;
    let r = to_boolean(call(cx, f, handler.to_value(), &[target.to_value(), k])?);
    if !r {
        if let Some(td) = ops::get_own_property(cx, target, key)? {
            if td.configurable == Some(false) {
                return Err(invariant(
                    cx,
                    "'has' on proxy: trap returned falsish for a non-configurable property of the proxy target",
                ));
            }
            if !ops::is_extensible(cx, target)? {
                return Err(invariant(
                    cx,
                    "'has' on proxy: trap returned falsish for a property of the non-extensible proxy target",
                ));
            }
        }
    }
    Ok(r)
}

/// `[[Get]]` (§10.5.8).
pub fn get(cx: &mut Cx, p: Gc<Object>, key: PropertyKey, receiver: Value) -> JsResult<Value> {
    let (target, handler) = parts(cx, p, "get")?;
    let Some(f) = trap(cx, handler, "get")? else {
        return ops::get(cx, target, key, receiver);
    };
    let k = key_value(cx, key)?;
    let v = call(cx, f, handler.to_value(), &[target.to_value(), k, receiver])?;
    if let Some(td) = ops::get_own_property(cx, target, key)? {
        if td.configurable == Some(false) {
            if td.is_data() && td.writable == Some(false) {
                let tv = td.value.unwrap_or(Value::UNDEFINED);
                if !same_value(cx, v, tv)? {
                    return Err(invariant(
                        cx,
                        "'get' on proxy: the value reported for a non-writable, non-configurable data property of the proxy target differs from its actual value",
                    ));
                }
            }
            if td.is_accessor() && td.get.is_none_or(|g| g.is_undefined()) && !v.is_undefined() {
                return Err(invariant(
                    cx,
                    "'get' on proxy: a non-configurable accessor property of the proxy target without a getter must report undefined",
                ));
            }
        }
    }
    Ok(v)
}

/// `[[Set]]` (§10.5.9).
pub fn set(
    cx: &mut Cx,
    p: Gc<Object>,
    key: PropertyKey,
    v: Value,
    receiver: Value,
) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "set")?;
    let Some(f) = trap(cx, handler, "set")? else {
        return ops::set(cx, target, key, v, receiver);
    };
    let k = key_value(cx, key)?;
    let r = call(
        cx,
        f,
        handler.to_value(),
        &[target.to_value(), k, v, receiver],
    )?;
    if !to_boolean(r) {
        return Ok(false);
    }
    if let Some(td) = ops::get_own_property(cx, target, key)? {
        if td.configurable == Some(false) {
            if td.is_data() && td.writable == Some(false) {
                let tv = td.value.unwrap_or(Value::UNDEFINED);
                if !same_value(cx, v, tv)? {
                    return Err(invariant(
                        cx,
                        "'set' on proxy: trap returned truish for a non-writable, non-configurable data property of the proxy target with a different value",
                    ));
                }
            }
            if td.is_accessor() && td.set.is_none_or(|s| s.is_undefined()) {
                return Err(invariant(
                    cx,
                    "'set' on proxy: trap returned truish for a non-configurable accessor property of the proxy target without a setter",
                ));
            }
        }
    }
    Ok(true)
}

/// `[[Delete]]` (§10.5.10).
pub fn delete(cx: &mut Cx, p: Gc<Object>, key: PropertyKey) -> JsResult<bool> {
    let (target, handler) = parts(cx, p, "deleteProperty")?;
    let Some(f) = trap(cx, handler, "deleteProperty")? else {
        return ops::delete(cx, target, key);
    };
    let k = key_value(cx, key)?;
    let r = call(cx, f, handler.to_value(), &[target.to_value(), k])?;
    if !to_boolean(r) {
        return Ok(false);
    }
    let Some(td) = ops::get_own_property(cx, target, key)? else {
        return Ok(true);
    };
    if td.configurable == Some(false) {
        return Err(invariant(
            cx,
            "'deleteProperty' on proxy: trap returned truish for a non-configurable property of the proxy target",
        ));
    }
    if !ops::is_extensible(cx, target)? {
        return Err(invariant(
            cx,
            "'deleteProperty' on proxy: trap returned truish for a property of the non-extensible proxy target",
        ));
    }
    Ok(true)
}

/// Removes `key` from the unchecked keys (`HOLE` marks a removed one); whether it was there.
fn take(unchecked: &GcVec<Value>, key: Value) -> bool {
    for i in 0..unchecked.len() {
        if unchecked.get(i) == Some(key) {
            unchecked.set(i, Value::HOLE);
            return true;
        }
    }
    false
}

/// `[[OwnPropertyKeys]]` (§10.5.11): raw `PropertyKey` values, in the trap's order.
pub fn own_property_keys(cx: &mut Cx, p: Gc<Object>) -> JsResult<GcVec<Value>> {
    let (target, handler) = parts(cx, p, "ownKeys")?;
    let Some(f) = trap(cx, handler, "ownKeys")? else {
        return ops::own_property_keys(cx, target);
    };
    let r = call(cx, f, handler.to_value(), &[target.to_value()])?;
    // CreateListFromArrayLike(trapResultArray, « String, Symbol »).
    let Some(list) = Object::from_value(r) else {
        return Err(cx.type_error("'ownKeys' on proxy: trap returned a non-object"));
    };
    let n = length_of_array_like(cx, list)?;
    if n > u32::MAX as u64 {
        return Err(cx.range_error("Invalid array length"));
    }
    let keys = GcVec::<Value>::new();
    let seen = conch_gc::GcHashMap::<Value, ()>::new();
    for i in 0..n as u32 {
        let k = ops::get_v(cx, list, PropertyKey::index(i))?;
        let key = if let Some(s) = Symbol::from_value(k) {
            PropertyKey::symbol(s)
        } else if let Some(s) = JsString::from_value(k) {
            cx.rt.key_from_string(s)?
        } else {
            return Err(cx.type_error(
                "'ownKeys' on proxy: trap result elements must be strings or symbols",
            ));
        };
        keys.push(cx.heap(), key.to_raw())?;
    }
    // No duplicates (checked after the whole list was read, as the spec orders it).
    for k in keys.iter() {
        if seen.get(&k).is_some() {
            return Err(cx.type_error("'ownKeys' on proxy: trap returned duplicate entries"));
        }
        seen.insert(cx.heap(), k, ())?;
    }
    let extensible = ops::is_extensible(cx, target)?;
    let target_keys = ops::own_property_keys(cx, target)?;
    let configurable = GcVec::<Value>::new();
    let nonconfigurable = GcVec::<Value>::new();
    for k in target_keys.iter() {
        let d = ops::get_own_property(cx, target, PropertyKey::from_raw(k))?;
        if d.is_some_and(|d| d.configurable == Some(false)) {
            nonconfigurable.push(cx.heap(), k)?;
        } else {
            configurable.push(cx.heap(), k)?;
        }
    }
    if extensible && nonconfigurable.is_empty() {
        return Ok(keys);
    }
    let unchecked = GcVec::<Value>::new();
    unchecked.reserve(cx.heap(), keys.len())?;
    for k in keys.iter() {
        unchecked.push(cx.heap(), k)?;
    }
    for k in nonconfigurable.iter() {
        if !take(&unchecked, k) {
            return Err(cx.type_error(
                "'ownKeys' on proxy: trap result did not include a non-configurable key of the proxy target",
            ));
        }
    }
    if extensible {
        return Ok(keys);
    }
    for k in configurable.iter() {
        if !take(&unchecked, k) {
            return Err(cx.type_error(
                "'ownKeys' on proxy: trap result did not include a key of the non-extensible proxy target",
            ));
        }
    }
    if unchecked.iter().any(|k| !k.is_hole()) {
        return Err(cx.type_error(
            "'ownKeys' on proxy: trap returned extra keys but the proxy target is non-extensible",
        ));
    }
    Ok(keys)
}

/// The entry point of a callable proxy: `[[Call]]` (§10.5.12) when `new_target` is
/// `undefined`, else `[[Construct]]` (§10.5.13).
pub fn proxy_call(
    cx: &mut Cx,
    p: Gc<Object>,
    this: Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Value> {
    let (target, handler) = parts(cx, p, "apply")?;
    let name = if new_target.is_undefined() {
        "apply"
    } else {
        "construct"
    };
    let Some(f) = trap(cx, handler, name)? else {
        return if new_target.is_undefined() {
            call(cx, target.to_value(), this, args)
        } else {
            construct(cx, target.to_value(), args, new_target)
        };
    };
    let arr = crate::builtins::array_from_list(cx, args)?;
    if new_target.is_undefined() {
        return call(
            cx,
            f,
            handler.to_value(),
            &[target.to_value(), this, arr.to_value()],
        );
    }
    let o = call(
        cx,
        f,
        handler.to_value(),
        &[target.to_value(), arr.to_value(), new_target],
    )?;
    if Object::from_value(o).is_none() {
        return Err(cx.type_error("'construct' on proxy: trap returned non-object"));
    }
    Ok(o)
}

/// `GetFunctionRealm` through proxies (§7.3.24): the realm of the innermost target; a TypeError
/// for a revoked proxy.
pub fn function_realm(cx: &Cx, mut o: Gc<Object>) -> JsResult<Gc<crate::Context>> {
    while is_proxy(&o) {
        cx.check()?;
        match proxy_target(&o) {
            Some(t) => o = t,
            None => return Err(cx.type_error("Cannot perform operation on a revoked proxy")),
        }
    }
    Ok(o.realm())
}

/// `IsArray(argument)` (§7.2.2): sees through proxies; a TypeError for a revoked one.
pub fn is_array(cx: &Cx, v: Value) -> JsResult<bool> {
    let Some(mut o) = Object::from_value(v) else {
        return Ok(false);
    };
    loop {
        match o.class() {
            ObjectClass::Array => return Ok(true),
            ObjectClass::Proxy => {
                cx.check()?;
                match proxy_target(&o) {
                    Some(t) => o = t,
                    None => {
                        return Err(cx.type_error("Cannot perform 'IsArray' on a revoked proxy"))
                    }
                }
            }
            _ => return Ok(false),
        }
    }
}
