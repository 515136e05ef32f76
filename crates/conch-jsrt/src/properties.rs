//! Property access: by property id (`JsGetProperty`, …), by key value (`JsObject*`), by index
//! (`Js*IndexedProperty`, `JsHasOwnItem`), descriptors and key lists.

use crate::api::{clear, obj, put, script, val, Ref, Res};
use crate::propids::key_of_id;
use crate::{guard, out, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_vm::convert::{self, to_property_key};
use conch_vm::ops::{self, PropertyDescriptor};
use conch_vm::{Cx, Object, PropertyKey};

type KeyFn = fn(&mut Cx, &JsrtRuntime, Ref) -> Res<PropertyKey>;

fn by_id(_: &mut Cx, rt: &JsrtRuntime, id: Ref) -> Res<PropertyKey> {
    key_of_id(rt, id)
}

fn by_value(cx: &mut Cx, rt: &JsrtRuntime, key: Ref) -> Res<PropertyKey> {
    let v = val(rt, key)?;
    Ok(to_property_key(cx, v)?)
}

fn get_impl(object: Ref, key: Ref, value: *mut Ref, k: KeyFn) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(value)?;
            let o = obj(rt, object)?;
            let key = k(cx, rt, key)?;
            put(value, ops::get_v(cx, o, key)?)
        })
    })
}

fn set_impl(object: Ref, key: Ref, value: Ref, strict: bool, k: KeyFn) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let key = k(cx, rt, key)?;
            let v = val(rt, value)?;
            let ok = ops::set(cx, o, key, v, o.to_value())?;
            if !ok && strict {
                return Err(cx.type_error("Cannot assign to read only property").into());
            }
            Ok(())
        })
    })
}

fn has_impl(object: Ref, key: Ref, result: *mut bool, own: bool, k: KeyFn) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(result)?;
            *slot = false;
            let o = obj(rt, object)?;
            let key = k(cx, rt, key)?;
            *slot = if own && ops::is_proxy(&o) {
                // A proxy's own properties are its `getOwnPropertyDescriptor` trap's.
                ops::get_own_property(cx, o, key)?.is_some()
            } else if own {
                ops::own_prop(cx, o, key)?.is_some()
            } else {
                ops::has_property(cx, o, key)?
            };
            Ok(())
        })
    })
}

fn delete_impl(object: Ref, key: Ref, strict: bool, result: *mut Ref, k: KeyFn) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(result)?;
            let o = obj(rt, object)?;
            let key = k(cx, rt, key)?;
            let ok = ops::delete(cx, o, key)?;
            if !ok && strict {
                return Err(cx
                    .type_error("Cannot delete non-configurable property")
                    .into());
            }
            put(result, Value::bool(ok))
        })
    })
}

/// `ToPropertyDescriptor` (§6.2.6.5).
pub(crate) fn to_descriptor(cx: &mut Cx, v: Value) -> Res<PropertyDescriptor> {
    Ok(ops::to_property_descriptor(cx, v)?)
}

/// `FromPropertyDescriptor` (§6.2.6.4).
pub(crate) fn from_descriptor(cx: &mut Cx, d: &PropertyDescriptor) -> Res<Gc<Object>> {
    Ok(ops::from_property_descriptor(cx, d)?)
}

fn define_impl(object: Ref, key: Ref, desc: Ref, result: *mut bool, k: KeyFn) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(result)?;
            *slot = false;
            let o = obj(rt, object)?;
            let key = k(cx, rt, key)?;
            let dv = val(rt, desc)?;
            let d = to_descriptor(cx, dv)?;
            *slot = ops::define_own_property(cx, o, key, &d)?;
            Ok(())
        })
    })
}

fn own_descriptor_impl(object: Ref, key: Ref, result: *mut Ref, k: KeyFn) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(result)?;
            let o = obj(rt, object)?;
            let key = k(cx, rt, key)?;
            let r = match ops::get_own_property(cx, o, key)? {
                Some(d) => from_descriptor(cx, &d)?.to_value(),
                None => Value::UNDEFINED,
            };
            put(result, r)
        })
    })
}

/// Gets `object[propertyId]`.
#[no_mangle]
pub extern "C" fn JsGetProperty(object: Ref, property_id: Ref, value: *mut Ref) -> JsErrorCode {
    get_impl(object, property_id, value, by_id)
}

/// Sets `object[propertyId] = value`; with `useStrictRules` a failed assignment throws.
#[no_mangle]
pub extern "C" fn JsSetProperty(
    object: Ref,
    property_id: Ref,
    value: Ref,
    use_strict_rules: bool,
) -> JsErrorCode {
    set_impl(object, property_id, value, use_strict_rules, by_id)
}

/// `propertyId in object`.
#[no_mangle]
pub extern "C" fn JsHasProperty(object: Ref, property_id: Ref, result: *mut bool) -> JsErrorCode {
    has_impl(object, property_id, result, false, by_id)
}

/// Whether `object` has an own property `propertyId`.
#[no_mangle]
pub extern "C" fn JsHasOwnProperty(
    object: Ref,
    property_id: Ref,
    result: *mut bool,
) -> JsErrorCode {
    has_impl(object, property_id, result, true, by_id)
}

/// `delete object[propertyId]`; the result is a JS boolean.
#[no_mangle]
pub extern "C" fn JsDeleteProperty(
    object: Ref,
    property_id: Ref,
    use_strict_rules: bool,
    result: *mut Ref,
) -> JsErrorCode {
    delete_impl(object, property_id, use_strict_rules, result, by_id)
}

/// `[[DefineOwnProperty]]` from a descriptor object.
#[no_mangle]
pub extern "C" fn JsDefineProperty(
    object: Ref,
    property_id: Ref,
    descriptor: Ref,
    result: *mut bool,
) -> JsErrorCode {
    define_impl(object, property_id, descriptor, result, by_id)
}

/// The own property descriptor as an object (`undefined` if absent).
#[no_mangle]
pub extern "C" fn JsGetOwnPropertyDescriptor(
    object: Ref,
    property_id: Ref,
    descriptor: *mut Ref,
) -> JsErrorCode {
    own_descriptor_impl(object, property_id, descriptor, by_id)
}

/// Gets `object[key]` (key: a string or symbol value).
#[no_mangle]
pub extern "C" fn JsObjectGetProperty(object: Ref, key: Ref, value: *mut Ref) -> JsErrorCode {
    get_impl(object, key, value, by_value)
}

/// Sets `object[key] = value`.
#[no_mangle]
pub extern "C" fn JsObjectSetProperty(
    object: Ref,
    key: Ref,
    value: Ref,
    use_strict_rules: bool,
) -> JsErrorCode {
    set_impl(object, key, value, use_strict_rules, by_value)
}

/// `key in object`.
#[no_mangle]
pub extern "C" fn JsObjectHasProperty(object: Ref, key: Ref, result: *mut bool) -> JsErrorCode {
    has_impl(object, key, result, false, by_value)
}

/// Whether `object` has an own property `key`.
#[no_mangle]
pub extern "C" fn JsObjectHasOwnProperty(object: Ref, key: Ref, result: *mut bool) -> JsErrorCode {
    has_impl(object, key, result, true, by_value)
}

/// `delete object[key]`.
#[no_mangle]
pub extern "C" fn JsObjectDeleteProperty(
    object: Ref,
    key: Ref,
    use_strict_rules: bool,
    result: *mut Ref,
) -> JsErrorCode {
    delete_impl(object, key, use_strict_rules, result, by_value)
}

/// `[[DefineOwnProperty]]` from a descriptor object.
#[no_mangle]
pub extern "C" fn JsObjectDefineProperty(
    object: Ref,
    key: Ref,
    descriptor: Ref,
    result: *mut bool,
) -> JsErrorCode {
    define_impl(object, key, descriptor, result, by_value)
}

/// `[[DefineOwnProperty]]` from explicit fields: a data property when `value` is given (getter
/// and setter `JS_INVALID_REFERENCE`), an accessor property otherwise.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn JsObjectDefinePropertyFull(
    object: Ref,
    key: Ref,
    value: Ref,
    getter: Ref,
    setter: Ref,
    writable: bool,
    enumerable: bool,
    configurable: bool,
    result: *mut bool,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(result)?;
            *slot = false;
            let o = obj(rt, object)?;
            let key = by_value(cx, rt, key)?;
            let opt = |r: Ref| -> Res<Option<Value>> {
                if r.is_null() {
                    Ok(None)
                } else {
                    Ok(Some(val(rt, r)?))
                }
            };
            let (v, g, s) = (opt(value)?, opt(getter)?, opt(setter)?);
            let mut d = PropertyDescriptor {
                enumerable: Some(enumerable),
                configurable: Some(configurable),
                ..Default::default()
            };
            if g.is_some() || s.is_some() {
                if v.is_some() {
                    return Err(E::InvalidArgument.into());
                }
                d.get = Some(g.unwrap_or(Value::UNDEFINED));
                d.set = Some(s.unwrap_or(Value::UNDEFINED));
            } else {
                d.value = Some(v.unwrap_or(Value::UNDEFINED));
                d.writable = Some(writable);
            }
            let dv = from_descriptor(cx, &d)?.to_value();
            let d = to_descriptor(cx, dv)?;
            *slot = ops::define_own_property(cx, o, key, &d)?;
            Ok(())
        })
    })
}

/// The own property descriptor of `object[key]` as an object (`undefined` if absent).
#[no_mangle]
pub extern "C" fn JsObjectGetOwnPropertyDescriptor(
    object: Ref,
    key: Ref,
    descriptor: *mut Ref,
) -> JsErrorCode {
    own_descriptor_impl(object, key, descriptor, by_value)
}

fn key_list(object: Ref, result: *mut Ref, symbols: bool) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(result)?;
            let o = obj(rt, object)?;
            let keys = ops::own_property_keys(cx, o)?;
            let p = cx.intrinsic(conch_vm::Intrinsic::ArrayPrototype);
            let a = conch_vm::builtins::array_create(cx, 0, p)?;
            let mut n = 0;
            for k in keys.iter() {
                let key = PropertyKey::from_raw(k);
                if key.is_symbol() != symbols {
                    continue;
                }
                let v = convert::key_to_value(cx, key)?;
                ops::create_data_property(cx, a, PropertyKey::index(n), v)?;
                n += 1;
            }
            put(result, a.to_value())
        })
    })
}

/// The own string-keyed property names (indices as strings), as an array.
#[no_mangle]
pub extern "C" fn JsGetOwnPropertyNames(object: Ref, names: *mut Ref) -> JsErrorCode {
    key_list(object, names, false)
}

/// The own symbol-keyed properties' symbols, as an array.
#[no_mangle]
pub extern "C" fn JsGetOwnPropertySymbols(object: Ref, symbols: *mut Ref) -> JsErrorCode {
    key_list(object, symbols, true)
}

/// Whether `object[index]` exists (own or inherited).
#[no_mangle]
pub extern "C" fn JsHasIndexedProperty(object: Ref, index: Ref, result: *mut bool) -> JsErrorCode {
    has_impl(object, index, result, false, by_value)
}

/// Gets `object[index]` (any key value).
#[no_mangle]
pub extern "C" fn JsGetIndexedProperty(object: Ref, index: Ref, result: *mut Ref) -> JsErrorCode {
    get_impl(object, index, result, by_value)
}

/// Sets `object[index] = value` (sloppy-mode assignment).
#[no_mangle]
pub extern "C" fn JsSetIndexedProperty(object: Ref, index: Ref, value: Ref) -> JsErrorCode {
    set_impl(object, index, value, false, by_value)
}

/// `delete object[index]` (sloppy mode).
#[no_mangle]
pub extern "C" fn JsDeleteIndexedProperty(object: Ref, index: Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let key = by_value(cx, rt, index)?;
            ops::delete(cx, o, key)?;
            Ok(())
        })
    })
}

/// Whether `object` has an own element `index`.
#[no_mangle]
pub extern "C" fn JsHasOwnItem(object: Ref, index: u32, result: *mut bool) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let slot = out(result)?;
            *slot = false;
            let o = obj(rt, object)?;
            let key = if index <= PropertyKey::MAX_INDEX {
                PropertyKey::index(index)
            } else {
                let s = convert::number_to_js_string(cx, index as f64)?;
                cx.rt.key_from_string(s)?
            };
            *slot = if ops::is_proxy(&o) {
                ops::get_own_property(cx, o, key)?.is_some()
            } else {
                ops::own_prop(cx, o, key)?.is_some()
            };
            Ok(())
        })
    })
}
