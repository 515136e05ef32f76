//! Custom external objects (`JsCreateCustomExternalObject`): host objects whose property
//! operations call host-supplied trap functions first, as ChakraCore's
//! `CustomExternalWrapperObject` does.
//!
//! The traps live in an [`Interceptor`] cell whose payload is exactly the C struct
//! `JsGetterSetterInterceptor` (nine `JsValueRef`s), so the host fills it in place through the
//! pointer it gets back. Every trap is called with the object as `this`; name-based traps get
//! `(name, isNumeric, numericValue)` first, where `name` is the key as a string or symbol and,
//! for an array index, `isNumeric` is `true` and `numericValue` the index (else `false`,
//! `undefined`). A trap that is absent (null) leaves the operation to the ordinary object.
//!
//! Semantics (ChakraCore's): `get` → `undefined` means "no own property here" (the lookup goes
//! on to the prototype); `has`, `set`, `deleteProperty`, `defineProperty` → ToBoolean of the
//! result; `getOwnPropertyDescriptor` → `undefined` or a descriptor object; `ownKeys` → an
//! array-like of strings and symbols; `initializer` runs once, before the first trapped
//! operation. A `defineProperty` trap that reports failure is checked against the object's own
//! property the way a Proxy's is; a `deleteProperty` trap that reports success for an own
//! non-configurable property is a TypeError. (`enumerate` is stored for `for-in`, which
//! arrives with the interpreter.)

use crate::convert::{key_to_value, length_of_array_like, to_boolean};
use crate::cx::{Cx, JsResult};
use crate::key::{PropertyKey, Symbol};
use crate::kinds;
use crate::object::{Object, ObjectClass};
use crate::ops::{self, PropertyDescriptor};
use crate::string::JsString;
use conch_gc::{CellType, Gc, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};

/// The trap slots, in `JsGetterSetterInterceptor` field order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
#[allow(missing_docs)]
pub enum Trap {
    Get = 0,
    Set = 1,
    DeleteProperty = 2,
    Enumerate = 3,
    OwnKeys = 4,
    Has = 5,
    GetOwnPropertyDescriptor = 6,
    DefineProperty = 7,
    Initialize = 8,
}

/// A trap table. The host writes raw `JsValueRef` bits into `traps` (0 = no trap); they are
/// validated on every use, and traced only if they are cells of this heap.
#[repr(C)]
pub struct Interceptor {
    /// Raw value bits, as the C struct holds them.
    pub traps: [std::cell::Cell<u64>; 9],
}

// SAFETY: reports every trap that is one of this heap's cells (the host may have written
// anything into the struct; `mark_value_checked` ignores what is not a cell).
unsafe impl Trace for Interceptor {
    fn trace(&self, t: &mut Tracer) {
        for b in self.traps.iter().map(std::cell::Cell::get) {
            if let Some(v) = Value::from_bits(b) {
                t.mark_value_checked(v);
            }
        }
    }
}

impl CellType for Interceptor {
    const KIND: u16 = kinds::INTERCEPTOR;
    const NAME: &'static str = "Interceptor";
}

impl Interceptor {
    /// An empty trap table.
    pub fn new(heap: &Heap) -> Result<Gc<Interceptor>, OutOfMemory> {
        heap.alloc(Interceptor {
            traps: [const { std::cell::Cell::new(0) }; 9],
        })
    }
    /// Downcasts a value.
    pub fn from_value(v: Value) -> Option<Gc<Interceptor>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Interceptor>::from_addr(a) })
    }
}

/// The trap function of `o` for `t`, if `o` is a custom external object with that trap.
fn trap_of(cx: &mut Cx, o: Gc<Object>, t: Trap) -> JsResult<Option<Value>> {
    if o.class() != ObjectClass::CustomExternal {
        return Ok(None);
    }
    let Some(h) = o.host_data() else {
        return Ok(None);
    };
    let Some(i) = Interceptor::from_value(h.interceptor.get()) else {
        return Ok(None);
    };
    // ChakraCore's EnsureInitialized: the initializer runs once, before the first trapped
    // operation after it was installed.
    if !h.initialized.get() {
        if let Some(init) = checked_trap(cx, i, Trap::Initialize)? {
            h.initialized.set(true);
            ops::call(cx, init, o.to_value(), &[])?;
        }
    }
    checked_trap(cx, i, t)
}

fn checked_trap(cx: &mut Cx, i: Gc<Interceptor>, t: Trap) -> JsResult<Option<Value>> {
    let Some(v) = Value::from_bits(i.traps[t as usize].get()) else {
        return Ok(None);
    };
    let ok = v.cell_addr().is_some_and(|a| {
        cx.heap().is_cell(a) && Object::from_value(v).is_some_and(|f| f.is_callable())
    });
    if !ok {
        return Err(cx.type_error("Interceptor trap is not a function"));
    }
    Ok(Some(v))
}

/// Whether `o` may have traps (cheap test for the hot paths).
#[inline]
pub fn is_intercepted(o: Gc<Object>) -> bool {
    o.class() == ObjectClass::CustomExternal
}

/// `(name, isNumeric, numericValue)` for a key.
fn name_args(cx: &Cx, key: PropertyKey) -> JsResult<[Value; 3]> {
    let name = key_to_value(cx, key)?;
    Ok(match key.as_index() {
        Some(i) => [name, Value::TRUE, Value::number(i as f64)],
        None => [name, Value::FALSE, Value::UNDEFINED],
    })
}

fn call_named(
    cx: &mut Cx,
    f: Value,
    o: Gc<Object>,
    key: PropertyKey,
    extra: Option<Value>,
) -> JsResult<Value> {
    let [a, b, c] = name_args(cx, key)?;
    match extra {
        Some(d) => ops::call(cx, f, o.to_value(), &[a, b, c, d]),
        None => ops::call(cx, f, o.to_value(), &[a, b, c]),
    }
}

/// The `get` trap: `Some(Some(v))` found, `Some(None)` not here, `None` no trap.
pub fn get(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<Option<Value>>> {
    let Some(f) = trap_of(cx, o, Trap::Get)? else {
        return Ok(None);
    };
    let r = call_named(cx, f, o, key, None)?;
    Ok(Some(if r.is_undefined() { None } else { Some(r) }))
}

/// The `has` trap (`None`: no trap).
pub fn has(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<bool>> {
    let Some(f) = trap_of(cx, o, Trap::Has)? else {
        return Ok(None);
    };
    Ok(Some(to_boolean(call_named(cx, f, o, key, None)?)))
}

/// The `set` trap (`None`: no trap).
pub fn set(cx: &mut Cx, o: Gc<Object>, key: PropertyKey, v: Value) -> JsResult<Option<bool>> {
    let Some(f) = trap_of(cx, o, Trap::Set)? else {
        return Ok(None);
    };
    Ok(Some(to_boolean(call_named(cx, f, o, key, Some(v))?)))
}

/// The `getOwnPropertyDescriptor` trap (`None`: no trap; `Some(None)`: no such property).
pub fn get_own_property(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
) -> JsResult<Option<Option<PropertyDescriptor>>> {
    let Some(f) = trap_of(cx, o, Trap::GetOwnPropertyDescriptor)? else {
        return Ok(None);
    };
    let r = call_named(cx, f, o, key, None)?;
    if r.is_undefined() {
        return Ok(Some(None));
    }
    if Object::from_value(r).is_none() {
        return Err(
            cx.type_error("getOwnPropertyDescriptor trap returned neither object nor undefined")
        );
    }
    let mut d = ops::to_property_descriptor(cx, r)?;
    // CompletePropertyDescriptor.
    if d.is_generic() || d.is_data() {
        d.value.get_or_insert(Value::UNDEFINED);
        d.writable.get_or_insert(false);
    } else {
        d.get.get_or_insert(Value::UNDEFINED);
        d.set.get_or_insert(Value::UNDEFINED);
    }
    d.enumerable.get_or_insert(false);
    d.configurable.get_or_insert(false);
    Ok(Some(Some(d)))
}

/// The `defineProperty` trap (`None`: no trap).
pub fn define_own_property(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<Option<bool>> {
    let Some(f) = trap_of(cx, o, Trap::DefineProperty)? else {
        return Ok(None);
    };
    let dv = ops::from_property_descriptor(cx, desc)?.to_value();
    if to_boolean(call_named(cx, f, o, key, Some(dv))?) {
        return Ok(Some(true));
    }
    // The trap reported failure: it must not contradict the object's own property.
    let target = ops::ordinary_get_own_property(cx, o, key)?;
    let setting_config_false = desc.configurable == Some(false);
    match target {
        None => {
            if !o.is_extensible() || setting_config_false {
                return Err(cx.type_error("Inconsistent result of the defineProperty trap"));
            }
            Ok(Some(false))
        }
        Some(t) => {
            let compatible = ops::is_compatible_descriptor(cx, o.is_extensible(), desc, &t)?;
            if !compatible || (setting_config_false && t.configurable == Some(true)) {
                return Err(cx.type_error("Inconsistent result of the defineProperty trap"));
            }
            Ok(Some(true))
        }
    }
}

/// The `deleteProperty` trap (`None`: no trap).
pub fn delete(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<bool>> {
    let Some(f) = trap_of(cx, o, Trap::DeleteProperty)? else {
        return Ok(None);
    };
    if !to_boolean(call_named(cx, f, o, key, None)?) {
        return Ok(Some(false));
    }
    if let Some(t) = ops::ordinary_get_own_property(cx, o, key)? {
        if t.configurable == Some(false) {
            return Err(cx.type_error("Inconsistent result of the deleteProperty trap"));
        }
    }
    Ok(Some(true))
}

/// The `ownKeys` trap (`None`: no trap): the keys as raw `PropertyKey` values.
pub fn own_keys(cx: &mut Cx, o: Gc<Object>) -> JsResult<Option<GcVec<Value>>> {
    let Some(f) = trap_of(cx, o, Trap::OwnKeys)? else {
        return Ok(None);
    };
    let r = ops::call(cx, f, o.to_value(), &[])?;
    let Some(list) = Object::from_value(r) else {
        return Err(cx.type_error("ownKeys trap result must be an object"));
    };
    let n = length_of_array_like(cx, list)?;
    let out = GcVec::<Value>::new();
    for i in 0..n {
        let ik = crate::convert::to_property_key(cx, Value::number(i as f64))?;
        let k = ops::get_v(cx, list, ik)?;
        let key = if let Some(s) = Symbol::from_value(k) {
            PropertyKey::symbol(s)
        } else if let Some(s) = JsString::from_value(k) {
            cx.rt.key_from_string(s)?
        } else {
            return Err(cx.type_error("ownKeys trap result must contain only strings and symbols"));
        };
        // CreateListFromArrayLike + the Proxy rule: no duplicates.
        if out.iter().any(|k| k == key.to_raw()) {
            return Err(cx.type_error("ownKeys trap result contains a duplicate key"));
        }
        out.push(cx.heap(), key.to_raw())?;
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_types, clippy::disallowed_methods)]
    use super::*;
    use crate::builtins::{self, create_realm, FunctionOptions};
    use crate::host_data::{ElementType, ExternalElements};
    use crate::{Runtime, RuntimeAttributes};

    fn with_realm(f: impl FnOnce(&mut Cx)) {
        let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
        let realm = create_realm(&rt).unwrap();
        let mut cx = Cx::new(&rt, realm);
        f(&mut cx);
    }

    fn func(cx: &mut Cx, f: crate::NativeFn) -> Value {
        let o = builtins::create_function(
            cx,
            f,
            FunctionOptions {
                name: Value::UNDEFINED,
                length: 0,
                constructor: false,
            },
        )
        .unwrap();
        o.to_value()
    }

    fn custom(cx: &mut Cx, traps: &[(Trap, Value)]) -> Gc<Object> {
        let proto = cx.intrinsic(crate::Intrinsic::ObjectPrototype);
        let o = cx
            .new_object_with(ObjectClass::CustomExternal, proto)
            .unwrap();
        let i = Interceptor::new(cx.heap()).unwrap();
        for &(t, f) in traps {
            i.traps[t as usize].set(f.to_bits());
        }
        let h = Object::host_data_mut(o, cx.heap()).unwrap();
        h.interceptor.set(i.to_value());
        o
    }

    fn yes(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
        Ok(Value::TRUE)
    }
    fn no(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
        Ok(Value::FALSE)
    }
    /// ownKeys → ["k", "k"].
    fn dup_keys(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
        let a = builtins::array_create(cx, 0, cx.intrinsic(crate::Intrinsic::ArrayPrototype))?;
        let k = cx.rt.key("k")?;
        for i in 0..2 {
            ops::create_data_property(cx, a, PropertyKey::index(i), k.to_raw())?;
        }
        Ok(a.to_value())
    }
    /// getOwnPropertyDescriptor → {value: 1, writable: false, configurable: true}.
    fn readonly_desc(
        cx: &mut Cx,
        _: Gc<Object>,
        _: Value,
        _: &[Value],
        _: Value,
    ) -> JsResult<Value> {
        let d = PropertyDescriptor {
            value: Some(Value::int(1)),
            writable: Some(false),
            configurable: Some(true),
            ..Default::default()
        };
        Ok(ops::from_property_descriptor(cx, &d)?.to_value())
    }

    #[test]
    fn inconsistent_trap_results_are_type_errors() {
        with_realm(|cx| {
            let (y, n) = (func(cx, yes), func(cx, no));
            let k = cx.rt.key("p").unwrap();
            // defineProperty reports failure for a non-configurable definition of an absent
            // property: inconsistent.
            let o = custom(cx, &[(Trap::DefineProperty, n)]);
            let d = PropertyDescriptor::data(Value::int(1), 0);
            assert!(ops::define_own_property(cx, o, k, &d).is_err());
            // deleteProperty reports success for an own non-configurable property.
            let o = custom(cx, &[]);
            assert!(ops::define_own_property(cx, o, k, &d).unwrap());
            let h = o.host_data().unwrap();
            let i = Interceptor::from_value(h.interceptor.get()).unwrap();
            i.traps[Trap::DeleteProperty as usize].set(y.to_bits());
            assert!(ops::delete(cx, o, k).is_err());
            // ...and reporting failure is just failure.
            i.traps[Trap::DeleteProperty as usize].set(n.to_bits());
            assert!(!ops::delete(cx, o, k).unwrap());
        });
    }

    #[test]
    fn own_keys_must_be_unique_strings_or_symbols() {
        with_realm(|cx| {
            let f = func(cx, dup_keys);
            let o = custom(cx, &[(Trap::OwnKeys, f)]);
            assert!(ops::own_property_keys(cx, o).is_err());
        });
    }

    #[test]
    fn a_trapped_prototype_answers_set_through_its_descriptor() {
        with_realm(|cx| {
            let f = func(cx, readonly_desc);
            let p = custom(cx, &[(Trap::GetOwnPropertyDescriptor, f)]);
            let child = cx
                .new_object_with(ObjectClass::Ordinary, p.to_value())
                .unwrap();
            let k = cx.rt.key("q").unwrap();
            // The prototype reports a read-only data property: the assignment fails.
            assert!(!ops::set(cx, child, k, Value::int(2), child.to_value()).unwrap());
            assert!(ops::own_prop(cx, child, k).unwrap().is_none());
        });
    }

    #[test]
    fn external_elements_follow_typed_array_rules() {
        with_realm(|cx| {
            let mut buf = [0f32; 3];
            let o = cx.new_object().unwrap();
            let h = Object::host_data_mut(o, cx.heap()).unwrap();
            h.external_elements.set(Some(ExternalElements {
                data: buf.as_mut_ptr() as usize,
                kind: ElementType::Float32,
                length: 3,
            }));
            let recv = o.to_value();
            assert!(ops::set(cx, o, PropertyKey::index(1), Value::number(0.1), recv).unwrap());
            assert_eq!(
                ops::get_v(cx, o, PropertyKey::index(1))
                    .unwrap()
                    .as_number(),
                Some(0.1f32 as f64)
            );
            // Out of range: ignored, reported as success, nothing stored.
            assert!(ops::set(cx, o, PropertyKey::index(7), Value::int(1), recv).unwrap());
            assert!(!ops::has_property(cx, o, PropertyKey::index(7)).unwrap());
            // Elements cannot become accessors, read-only or non-configurable, nor be deleted.
            let ro = PropertyDescriptor {
                writable: Some(false),
                ..Default::default()
            };
            assert!(!ops::define_own_property(cx, o, PropertyKey::index(0), &ro).unwrap());
            assert!(!ops::delete(cx, o, PropertyKey::index(0)).unwrap());
            assert!(ops::delete(cx, o, PropertyKey::index(5)).unwrap());
            let d = PropertyDescriptor {
                value: Some(Value::int(4)),
                ..Default::default()
            };
            assert!(ops::define_own_property(cx, o, PropertyKey::index(2), &d).unwrap());
            let keys = ops::own_property_keys(cx, o).unwrap();
            assert_eq!(keys.len(), 3);
            let _ = &mut buf; // the buffer outlives every access above
            assert_eq!(buf, [0.0, 0.1, 4.0]);
        });
    }
}
