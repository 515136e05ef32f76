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
    pub traps: [u64; 9],
}

// SAFETY: reports every trap that is one of this heap's cells (the host may have written
// anything into the struct; `mark_value_checked` ignores what is not a cell).
unsafe impl Trace for Interceptor {
    fn trace(&self, t: &mut Tracer) {
        for &b in &self.traps {
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
        heap.alloc(Interceptor { traps: [0; 9] })
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
    let Some(i) = Interceptor::from_value(h.interceptor) else {
        return Ok(None);
    };
    if !h.initialized {
        if let Some(init) = checked_trap(cx, i, Trap::Initialize)? {
            h.get_mut().initialized = true;
            ops::call(cx, init, o.to_value(), &[])?;
        } else {
            h.get_mut().initialized = true;
        }
    }
    checked_trap(cx, i, t)
}

fn checked_trap(cx: &mut Cx, i: Gc<Interceptor>, t: Trap) -> JsResult<Option<Value>> {
    let Some(v) = Value::from_bits(i.traps[t as usize]) else {
        return Ok(None);
    };
    let ok = v
        .cell_addr()
        .is_some_and(|a| cx.heap().is_cell(a) && Object::from_value(v).is_some_and(|f| f.is_callable()));
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
        return Err(cx.type_error("getOwnPropertyDescriptor trap returned neither object nor undefined"));
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
            let compatible = ops::is_compatible_descriptor(cx, o.is_extensible(), desc, &t);
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
    let mut out = GcVec::<Value>::new();
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
        if out.as_slice().contains(&key.to_raw()) {
            return Err(cx.type_error("ownKeys trap result contains a duplicate key"));
        }
        out.push(cx.heap(), key.to_raw())?;
    }
    Ok(Some(out))
}
