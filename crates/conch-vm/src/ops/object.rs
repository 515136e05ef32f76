//! The spec's object internal methods for ordinary objects and the exotic objects built so far
//! (arrays, string wrappers): `[[GetOwnProperty]]`, `[[DefineOwnProperty]]`, `[[HasProperty]]`,
//! `[[Get]]`, `[[Set]]`, `[[Delete]]`, `[[OwnPropertyKeys]]`, `[[GetPrototypeOf]]`,
//! `[[SetPrototypeOf]]`, `[[PreventExtensions]]`, plus `Call` and `Construct` (ECMA-262 §10).

use super::exotic::{class_ops, Own};
use super::proxy::{self, is_proxy};
use crate::convert::{same_value, to_boolean, to_number, to_uint32};
use crate::cx::{Cx, JsResult};
use crate::host::ExternalElements;
use crate::interceptor::{self, is_intercepted};
use crate::key::{PropertyKey, Symbol};
use crate::object::attrs;
use crate::object::{Accessor, Object, ObjectClass, Prop};
use crate::runtime::Name;
use conch_gc::{Gc, GcVec, Value};

/// The external indexed storage of `o`, if set (`JsSetIndexedPropertiesToExternalData`).
#[inline]
pub fn external_elements(o: &Object) -> Option<ExternalElements> {
    if o.class() == ObjectClass::TypedArray {
        // Typed arrays: a view of their ArrayBuffer's contents (`builtins::typed_array`).
        return crate::builtins::typed_array_elements(o);
    }
    o.host_data().and_then(|h| h.external_elements.get())
}

/// A typed array's numeric key (integer-indexed exotic objects, §10.4.5): `None` when `o` is
/// not a typed array or `key` is not numeric; otherwise the element index if it is valid.
#[inline]
fn typed_numeric(o: &Object, key: PropertyKey) -> Option<Option<u32>> {
    if o.class() != ObjectClass::TypedArray {
        return None;
    }
    match key.as_index() {
        Some(i) => Some(external_elements(o).filter(|e| i < e.length).map(|_| i)),
        None if crate::builtins::typed_array_is_numeric_key(key) => Some(None),
        None => None,
    }
}

/// A property descriptor (fields absent = `None`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PropertyDescriptor {
    /// `[[Value]]`.
    pub value: Option<Value>,
    /// `[[Writable]]`.
    pub writable: Option<bool>,
    /// `[[Get]]` (a function or `undefined`).
    pub get: Option<Value>,
    /// `[[Set]]` (a function or `undefined`).
    pub set: Option<Value>,
    /// `[[Enumerable]]`.
    pub enumerable: Option<bool>,
    /// `[[Configurable]]`.
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    /// A complete data descriptor.
    pub fn data(value: Value, attrs_: u8) -> PropertyDescriptor {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(attrs_ & attrs::WRITABLE != 0),
            get: None,
            set: None,
            enumerable: Some(attrs_ & attrs::ENUMERABLE != 0),
            configurable: Some(attrs_ & attrs::CONFIGURABLE != 0),
        }
    }
    /// `IsAccessorDescriptor`.
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }
    /// `IsDataDescriptor`.
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }
    /// `IsGenericDescriptor`.
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }
    fn from_prop(p: Prop) -> PropertyDescriptor {
        if p.attrs & attrs::ACCESSOR != 0 {
            let a = Accessor::of(&p);
            PropertyDescriptor {
                value: None,
                writable: None,
                get: Some(a.get),
                set: Some(a.set),
                enumerable: Some(p.attrs & attrs::ENUMERABLE != 0),
                configurable: Some(p.attrs & attrs::CONFIGURABLE != 0),
            }
        } else {
            PropertyDescriptor::data(p.value, p.attrs)
        }
    }
}

/// Creates the properties of a lazy builtin holder (a prototype or constructor whose contents
/// a realm defers to first use), in the holder's realm. Every internal method that can see
/// own properties calls this first.
#[inline]
pub fn materialize(cx: &Cx, o: Gc<Object>) -> JsResult<()> {
    if o.lazy_id() == 0 {
        return Ok(());
    }
    materialize_slow(cx, o)
}

#[cold]
fn materialize_slow(cx: &Cx, o: Gc<Object>) -> JsResult<()> {
    let id = o.lazy_id();
    let Some(fill) = cx.rt.filler() else {
        return Ok(());
    };
    // Cleared first: the filler reads and writes the holder through the same operations.
    Object::set_lazy(o, 0);
    let mut fcx = Cx::new(cx.rt, o.realm());
    let r = fill(&mut fcx, o, id);
    if r.is_err() {
        // Out of memory half-way: try again on the next use (the filler only stores).
        Object::set_lazy(o, id);
    }
    r
}

/// `[[GetOwnProperty]]` as a stored property (accessors as `Accessor` cells).
pub fn own_prop(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<Prop>> {
    materialize(cx, o)?;
    let stored = match key.as_index() {
        Some(i) => {
            if let Some(e) = external_elements(&o) {
                // External indexed storage owns every index (typed-array element semantics).
                if i >= e.length {
                    return Ok(None);
                }
                // Elements of a view of an immutable buffer are frozen.
                let a = if crate::builtins::typed_array_is_immutable(&o) {
                    attrs::ENUMERABLE
                } else {
                    attrs::WRITABLE | attrs::ENUMERABLE | attrs::CONFIGURABLE
                };
                return Ok(Some(Prop {
                    value: crate::builtins::typed_array_read(cx, &e, i)?,
                    attrs: a,
                }));
            }
            o.get_element(i)
        }
        None if typed_numeric(&o, key).is_some() => return Ok(None),
        None => Object::get_named(cx.heap(), o, key.to_raw()),
    };
    if let Some(p) = stored {
        // A mapped arguments index reads its parameter (§10.4.4.1 step 3).
        if let Some(at) = super::arguments::mapped(&o, key) {
            return Ok(Some(Prop {
                value: super::arguments::read(&o, at),
                ..p
            }));
        }
        return Ok(stored);
    }
    // Ordinary storage first, then what the class synthesizes (StringGetOwnProperty, §10.4.3.5).
    match class_ops(&o).get_own {
        Some(get_own) => match get_own(cx, o, key)? {
            Own::Found(p) => Ok(Some(p)),
            Own::Storage => Ok(None),
        },
        None => Ok(None),
    }
}

/// `[[GetOwnProperty]]`.
pub fn get_own_property(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
) -> JsResult<Option<PropertyDescriptor>> {
    if is_proxy(&o) {
        return proxy::get_own_property(cx, o, key);
    }
    if is_intercepted(o) {
        if let Some(r) = interceptor::get_own_property(cx, o, key)? {
            return Ok(r);
        }
    }
    ordinary_get_own_property(cx, o, key)
}

/// `OrdinaryGetOwnProperty` (no host traps).
pub fn ordinary_get_own_property(
    cx: &Cx,
    o: Gc<Object>,
    key: PropertyKey,
) -> JsResult<Option<PropertyDescriptor>> {
    let p = own_prop(cx, o, key)?;
    if let Some(p) = p.filter(|p| p.value.is_hole()) {
        // A module namespace's export in its TDZ.
        let _ = p;
        return Err(crate::module::namespace::tdz(cx, key));
    }
    Ok(p.map(PropertyDescriptor::from_prop))
}

fn store(cx: &Cx, o: Gc<Object>, key: PropertyKey, p: Prop) -> JsResult<()> {
    match key.as_index() {
        Some(i) => Object::put_element(cx.heap(), o, i, p)?,
        None => Object::put_named(cx.heap(), o, key.to_raw(), p)?,
    }
    Ok(())
}

fn new_accessor(cx: &Cx, get: Value, set: Value) -> JsResult<Value> {
    Ok(cx.heap().alloc(Accessor { get, set })?.to_value())
}

fn flag(b: Option<bool>, bit: u8) -> u8 {
    if b == Some(true) {
        bit
    } else {
        0
    }
}

/// `ValidateAndApplyPropertyDescriptor` (§10.1.6.3) with `O` present.
pub(crate) fn validate_and_apply(
    cx: &Cx,
    o: Gc<Object>,
    key: PropertyKey,
    extensible: bool,
    desc: &PropertyDescriptor,
    current: Option<Prop>,
) -> JsResult<bool> {
    let Some(cur) = current else {
        if !extensible {
            return Ok(false);
        }
        let a =
            flag(desc.enumerable, attrs::ENUMERABLE) | flag(desc.configurable, attrs::CONFIGURABLE);
        let p = if desc.is_accessor() {
            let acc = new_accessor(
                cx,
                desc.get.unwrap_or(Value::UNDEFINED),
                desc.set.unwrap_or(Value::UNDEFINED),
            )?;
            Prop {
                value: acc,
                attrs: a | attrs::ACCESSOR,
            }
        } else {
            Prop {
                value: desc.value.unwrap_or(Value::UNDEFINED),
                attrs: a | flag(desc.writable, attrs::WRITABLE),
            }
        };
        store(cx, o, key, p)?;
        return Ok(true);
    };
    let cur_acc = cur.attrs & attrs::ACCESSOR != 0;
    let cur_conf = cur.attrs & attrs::CONFIGURABLE != 0;
    let cur_enum = cur.attrs & attrs::ENUMERABLE != 0;
    if !cur_conf {
        if desc.configurable == Some(true) {
            return Ok(false);
        }
        if desc.enumerable.is_some_and(|e| e != cur_enum) {
            return Ok(false);
        }
        if !desc.is_generic() && desc.is_accessor() != cur_acc {
            return Ok(false);
        }
        if cur_acc {
            let a = Accessor::of(&cur);
            if let Some(true) = desc
                .get
                .map(|g| same_value(cx, g, a.get))
                .transpose()?
                .map(|e| !e)
            {
                return Ok(false);
            }
            if let Some(true) = desc
                .set
                .map(|s| same_value(cx, s, a.set))
                .transpose()?
                .map(|e| !e)
            {
                return Ok(false);
            }
        } else if cur.attrs & attrs::WRITABLE == 0 {
            if desc.writable == Some(true) {
                return Ok(false);
            }
            if let Some(true) = desc
                .value
                .map(|v| same_value(cx, v, cur.value))
                .transpose()?
                .map(|e| !e)
            {
                return Ok(false);
            }
        }
    }
    let enum_bit = match desc.enumerable {
        Some(e) => flag(Some(e), attrs::ENUMERABLE),
        None => cur.attrs & attrs::ENUMERABLE,
    };
    let conf_bit = match desc.configurable {
        Some(c) => flag(Some(c), attrs::CONFIGURABLE),
        None => cur.attrs & attrs::CONFIGURABLE,
    };
    let p = if desc.is_accessor() {
        let (g0, s0) = if cur_acc {
            let a = Accessor::of(&cur);
            (a.get, a.set)
        } else {
            (Value::UNDEFINED, Value::UNDEFINED)
        };
        let (g, s) = (desc.get.unwrap_or(g0), desc.set.unwrap_or(s0));
        let value = if cur_acc && g == g0 && s == s0 {
            cur.value
        } else {
            new_accessor(cx, g, s)?
        };
        Prop {
            value,
            attrs: enum_bit | conf_bit | attrs::ACCESSOR,
        }
    } else if desc.is_data() || !cur_acc {
        let (v0, w0) = if cur_acc {
            (Value::UNDEFINED, 0)
        } else {
            (cur.value, cur.attrs & attrs::WRITABLE)
        };
        let w = match desc.writable {
            Some(w) => flag(Some(w), attrs::WRITABLE),
            None => w0,
        };
        Prop {
            value: desc.value.unwrap_or(v0),
            attrs: enum_bit | conf_bit | w,
        }
    } else {
        // Generic descriptor on an accessor: attributes only.
        Prop {
            value: cur.value,
            attrs: enum_bit | conf_bit | attrs::ACCESSOR,
        }
    };
    if p != cur {
        store(cx, o, key, p)?;
    }
    Ok(true)
}

/// `[[DefineOwnProperty]]`.
pub fn define_own_property(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<bool> {
    if is_proxy(&o) {
        return proxy::define_own_property(cx, o, key, desc);
    }
    if is_intercepted(o) {
        if let Some(r) = interceptor::define_own_property(cx, o, key, desc)? {
            return Ok(r);
        }
    }
    if let (Some(None), None) = (typed_numeric(&o, key), key.as_index()) {
        return Ok(false);
    }
    if let (Some(i), Some(e)) = (key.as_index(), external_elements(&o)) {
        if i < e.length && crate::builtins::typed_array_is_immutable(&o) {
            // A frozen element: only a compatible (no-change) definition succeeds.
            let cur = Prop {
                value: crate::builtins::typed_array_read(cx, &e, i)?,
                attrs: attrs::ENUMERABLE,
            };
            return is_compatible(cx, desc, cur);
        }
        // Typed-array element rules ([[DefineOwnProperty]] of an integer index).
        if i >= e.length
            || desc.is_accessor()
            || desc.configurable == Some(false)
            || desc.enumerable == Some(false)
            || desc.writable == Some(false)
        {
            return Ok(false);
        }
        if let Some(v) = desc.value {
            // Converts (ToNumber or ToBigInt), then stores if still in bounds: the conversion
            // may have run script that replaced the storage.
            crate::builtins::typed_array_store(cx, &o, i, v)?;
        }
        return Ok(true);
    }
    if let Some(define_own) = class_ops(&o).define_own {
        if let Some(r) = define_own(cx, o, key, desc)? {
            return Ok(r);
        }
    }
    let current = own_prop(cx, o, key)?;
    validate_and_apply(cx, o, key, o.is_extensible(), desc, current)
}

pub(crate) fn is_compatible(cx: &Cx, desc: &PropertyDescriptor, cur: Prop) -> JsResult<bool> {
    // Validation without application: a non-configurable, non-writable data property.
    Ok(desc.configurable != Some(true)
        && desc
            .enumerable
            .is_none_or(|e| e == (cur.attrs & attrs::ENUMERABLE != 0))
        && !desc.is_accessor()
        && desc.writable != Some(true)
        && desc
            .value
            .map(|v| same_value(cx, v, cur.value))
            .transpose()?
            .unwrap_or(true))
}

/// `IsCompatiblePropertyDescriptor(Extensible, Desc, Current)` (§10.1.6.2) for a complete
/// `current`.
pub fn is_compatible_descriptor(
    cx: &Cx,
    extensible: bool,
    desc: &PropertyDescriptor,
    current: &PropertyDescriptor,
) -> JsResult<bool> {
    let _ = extensible; // Only matters when there is no current property.
    if current.configurable == Some(true) {
        return Ok(true);
    }
    if desc.configurable == Some(true) {
        return Ok(false);
    }
    if desc
        .enumerable
        .is_some_and(|e| Some(e) != current.enumerable)
    {
        return Ok(false);
    }
    if desc.is_generic() {
        return Ok(true);
    }
    if desc.is_accessor() != current.is_accessor() {
        return Ok(false);
    }
    let differs = |a: Option<Value>, b: Option<Value>| -> JsResult<bool> {
        Ok(match (a, b) {
            (Some(x), Some(y)) => !same_value(cx, x, y)?,
            (Some(_), None) => true,
            _ => false,
        })
    };
    if current.is_accessor() {
        return Ok(!differs(desc.get, current.get)? && !differs(desc.set, current.set)?);
    }
    if current.writable != Some(true) {
        if desc.writable == Some(true) {
            return Ok(false);
        }
        return Ok(!differs(desc.value, current.value)?);
    }
    Ok(true)
}

/// `ToPropertyDescriptor` (§6.2.6.5).
pub fn to_property_descriptor(cx: &mut Cx, v: Value) -> JsResult<PropertyDescriptor> {
    use crate::builtins::error::shown::{error, Part};
    let Some(o) = Object::from_value(v) else {
        return Err(error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                Part::Text("Property description must be an object: "),
                Part::Shown(v),
            ],
        ));
    };
    let mut d = PropertyDescriptor::default();
    let field = |cx: &mut Cx, n: Name| -> JsResult<Option<Value>> {
        let key = cx.name(n);
        if has_property(cx, o, key)? {
            Ok(Some(get_v(cx, o, key)?))
        } else {
            Ok(None)
        }
    };
    d.enumerable = field(cx, Name::enumerable)?.map(to_boolean);
    d.configurable = field(cx, Name::configurable)?.map(to_boolean);
    d.value = field(cx, Name::value)?;
    d.writable = field(cx, Name::writable)?.map(to_boolean);
    d.get = field(cx, Name::get)?;
    d.set = field(cx, Name::set)?;
    for (f, what) in [
        (d.get, "Getter must be a function: "),
        (d.set, "Setter must be a function: "),
    ] {
        let Some(f) = f else { continue };
        if !f.is_undefined() && !Object::from_value(f).is_some_and(|f| f.is_callable()) {
            return Err(error(
                cx,
                crate::cx::ErrorKind::TypeError,
                &[Part::Text(what), Part::Shown(f)],
            ));
        }
    }
    if d.is_accessor() && d.is_data() {
        return Err(error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                Part::Text("Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, "),
                Part::Shown(v),
            ],
        ));
    }
    Ok(d)
}

/// `FromPropertyDescriptor` (§6.2.6.4).
pub fn from_property_descriptor(cx: &mut Cx, d: &PropertyDescriptor) -> JsResult<Gc<Object>> {
    let o = cx.new_object()?;
    let fields = [
        (Name::value, d.value),
        (Name::writable, d.writable.map(Value::bool)),
        (Name::get, d.get),
        (Name::set, d.set),
        (Name::enumerable, d.enumerable.map(Value::bool)),
        (Name::configurable, d.configurable.map(Value::bool)),
    ];
    for (n, v) in fields {
        if let Some(v) = v {
            let key = cx.name(n);
            create_data_property(cx, o, key, v)?;
        }
    }
    Ok(o)
}

/// `ArraySetLength` (§10.4.2.4).
pub(crate) fn array_set_length(
    cx: &mut Cx,
    a: Gc<Object>,
    desc: &PropertyDescriptor,
) -> JsResult<bool> {
    let Some(v) = desc.value else {
        let old_writable = a.length_writable();
        // Attributes only: validate against the virtual length property.
        if desc.configurable == Some(true)
            || desc.enumerable == Some(true)
            || desc.is_accessor()
            || (!old_writable && desc.writable == Some(true))
        {
            return Ok(false);
        }
        if desc.writable == Some(false) {
            Object::set_length_readonly(cx.heap(), a)?;
        }
        return Ok(true);
    };
    let new_len = to_uint32(cx, v)?;
    let number_len = to_number(cx, v)?;
    if new_len as f64 != number_len {
        return Err(cx.range_error("Invalid array length"));
    }
    // Steps 7–8: the length property as it is after the conversions (a `valueOf` may have
    // changed it).
    let old_len = a.array_length();
    let old_writable = a.length_writable();
    if desc.configurable == Some(true) || desc.enumerable == Some(true) || desc.is_accessor() {
        return Ok(false);
    }
    if new_len == old_len {
        if !old_writable && desc.writable == Some(true) {
            return Ok(false);
        }
        if desc.writable == Some(false) {
            Object::set_length_readonly(cx.heap(), a)?;
        }
        return Ok(true);
    }
    if !old_writable {
        return Ok(false);
    }
    if new_len > old_len {
        Object::set_length_raw(a, new_len);
    } else if !Object::truncate_elements(a, new_len) {
        if desc.writable == Some(false) {
            Object::set_length_readonly(cx.heap(), a)?;
        }
        return Ok(false);
    }
    if desc.writable == Some(false) {
        Object::set_length_readonly(cx.heap(), a)?;
    }
    Ok(true)
}

/// `[[GetPrototypeOf]]`.
pub fn get_prototype_of(cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
    if is_proxy(&o) {
        return proxy::get_prototype_of(cx, o);
    }
    Ok(o.prototype())
}

/// `[[SetPrototypeOf]]` (OrdinarySetPrototypeOf: fails for non-extensible objects and cycles).
pub fn set_prototype_of(cx: &mut Cx, o: Gc<Object>, proto: Value) -> JsResult<bool> {
    if is_proxy(&o) {
        return proxy::set_prototype_of(cx, o, proto);
    }
    // A lazy holder fills first: its filler id lives in the base the object may leave.
    materialize(cx, o)?;
    if o.prototype() == proto {
        return Ok(true);
    }
    // %Object.prototype% is an immutable prototype exotic object (§10.4.7).
    if o.prototype().is_null()
        && o.to_value()
            == o.realm()
                .intrinsic(crate::realm::Intrinsic::ObjectPrototype)
    {
        return Ok(false);
    }
    if !o.is_extensible() {
        return Ok(false);
    }
    let mut p = proto;
    while let Some(po) = Object::from_value(p) {
        if po == o {
            return Ok(false);
        }
        if is_proxy(&po) {
            // A non-ordinary [[GetPrototypeOf]] ends the cycle check.
            break;
        }
        p = po.prototype();
    }
    Object::set_prototype_raw(cx.heap(), o, proto)?;
    Ok(true)
}

/// `IsExtensible(O)` (`[[IsExtensible]]`).
pub fn is_extensible(cx: &mut Cx, o: Gc<Object>) -> JsResult<bool> {
    if is_proxy(&o) {
        return proxy::is_extensible(cx, o);
    }
    Ok(o.is_extensible())
}

/// `[[PreventExtensions]]`.
pub fn prevent_extensions(cx: &mut Cx, o: Gc<Object>) -> JsResult<bool> {
    if is_proxy(&o) {
        return proxy::prevent_extensions(cx, o);
    }
    // A typed array's [[PreventExtensions]] (§10.4.5.?): refused unless IsTypedArrayFixedLength
    // (a view whose length could change — length-tracking, or over a resizable non-shared
    // buffer — could gain elements after it).
    if o.class() == ObjectClass::TypedArray {
        use crate::builtins::typed_array as ta;
        let fixed = ta::fixed_length(&o).is_some()
            && ta::buffer_of(&o).is_none_or(|b| b.is_fixed_length() || b.is_shared());
        if !fixed {
            return Ok(false);
        }
    }
    materialize(cx, o)?;
    Object::prevent_extensions(cx.heap(), o)?;
    Ok(true)
}

/// `SetIntegrityLevel(O, sealed | frozen)` (§7.3.15). Dense elements of ordinary objects and
/// arrays stay dense: the base records that every element is sealed or frozen.
pub fn set_integrity_level(cx: &mut Cx, o: Gc<Object>, frozen: bool) -> JsResult<bool> {
    if !prevent_extensions(cx, o)? {
        return Ok(false);
    }
    let plain = !is_intercepted(o)
        && !is_proxy(&o)
        && external_elements(&o).is_none()
        && !o.has_sparse_elements();
    let fast_elements = plain && matches!(o.class(), ObjectClass::Ordinary | ObjectClass::Array);
    if fast_elements {
        let f = if frozen {
            crate::object::base_flags::ELEMENTS_FROZEN
        } else {
            crate::object::base_flags::ELEMENTS_SEALED
        };
        Object::shrink_elements(cx.heap(), o)?;
        Object::add_base_flags(cx.heap(), o, f)?;
    }
    let keys = own_property_keys(cx, o)?;
    let mut i = 0;
    while let Some(k) = keys.get(i) {
        i += 1;
        let key = PropertyKey::from_raw(k);
        if fast_elements && key.as_index().is_some() {
            continue;
        }
        let mut desc = PropertyDescriptor {
            configurable: Some(false),
            ..Default::default()
        };
        if frozen {
            match get_own_property(cx, o, key)? {
                None => continue,
                Some(cur) if !cur.is_accessor() => desc.writable = Some(false),
                Some(_) => {}
            }
        }
        define_property_or_throw(cx, o, key, &desc)?;
    }
    Ok(true)
}

/// `TestIntegrityLevel(O, sealed | frozen)` (§7.3.16).
pub fn test_integrity_level(cx: &mut Cx, o: Gc<Object>, frozen: bool) -> JsResult<bool> {
    if is_extensible(cx, o)? {
        return Ok(false);
    }
    let skip_elements = !is_intercepted(o)
        && !is_proxy(&o)
        && external_elements(&o).is_none()
        && o.elements_have_level(frozen) == Some(true);
    let keys = own_property_keys(cx, o)?;
    let mut i = 0;
    while let Some(k) = keys.get(i) {
        i += 1;
        let key = PropertyKey::from_raw(k);
        if skip_elements && key.as_index().is_some() && o.class() != ObjectClass::String {
            continue;
        }
        if let Some(d) = get_own_property(cx, o, key)? {
            if d.configurable == Some(true) {
                return Ok(false);
            }
            if frozen && d.is_data() && d.writable == Some(true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `[[HasProperty]]`.
pub fn has_property(cx: &mut Cx, mut o: Gc<Object>, key: PropertyKey) -> JsResult<bool> {
    loop {
        if is_proxy(&o) {
            return proxy::has(cx, o, key);
        }
        let trapped = if is_intercepted(o) {
            interceptor::has(cx, o, key)?
        } else {
            None
        };
        if trapped.is_none() {
            if let Some(i) = typed_numeric(&o, key) {
                return Ok(i.is_some());
            }
        }
        let found = match trapped {
            Some(b) => b,
            None => own_prop(cx, o, key)?.is_some(),
        };
        if found {
            return Ok(true);
        }
        match Object::from_value(o.prototype()) {
            Some(p) => o = p,
            None => return Ok(false),
        }
    }
}

/// `[[Get]]`.
pub fn get(cx: &mut Cx, mut o: Gc<Object>, key: PropertyKey, receiver: Value) -> JsResult<Value> {
    loop {
        if is_proxy(&o) {
            return proxy::get(cx, o, key, receiver);
        }
        if is_intercepted(o) {
            match interceptor::get(cx, o, key)? {
                Some(Some(v)) => return Ok(v),
                Some(None) => match Object::from_value(o.prototype()) {
                    Some(p) => {
                        o = p;
                        continue;
                    }
                    None => return Ok(Value::UNDEFINED),
                },
                None => {}
            }
        }
        if let Some(i) = typed_numeric(&o, key) {
            // TypedArrayGetElement: no prototype walk for numeric keys.
            return Ok(match (i, external_elements(&o)) {
                (Some(i), Some(e)) => crate::builtins::typed_array_read(cx, &e, i)?,
                _ => Value::UNDEFINED,
            });
        }
        if let Some(p) = own_prop(cx, o, key)? {
            if p.attrs & attrs::ACCESSOR == 0 {
                if p.value.is_hole() {
                    // A module namespace's export in its TDZ.
                    return Err(crate::module::namespace::tdz(cx, key));
                }
                return Ok(p.value);
            }
            let getter = Accessor::of(&p).get;
            if getter.is_undefined() {
                return Ok(Value::UNDEFINED);
            }
            return call(cx, getter, receiver, &[]);
        }
        match Object::from_value(o.prototype()) {
            Some(p) => o = p,
            None => return Ok(Value::UNDEFINED),
        }
    }
}

/// `[[Get]]` with the object as receiver.
pub fn get_v(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Value> {
    get(cx, o, key, o.to_value())
}

/// A property found by `[[Set]]`'s walk up the prototype chain.
enum Found {
    /// A stored property of an ordinary lookup.
    Stored(Prop),
    /// A data property reported by a prototype's host trap.
    Data { writable: bool },
    /// An accessor property reported by a prototype's host trap.
    Setter(Value),
}

/// `[[Set]]` (OrdinarySet, with host traps and external indexed storage); returns success.
pub fn set(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    v: Value,
    receiver: Value,
) -> JsResult<bool> {
    if is_proxy(&o) {
        return proxy::set(cx, o, key, v, receiver);
    }
    if is_intercepted(o) {
        if let Some(r) = interceptor::set(cx, o, key, v)? {
            return Ok(r);
        }
    }
    if o.class() == ObjectClass::ModuleNamespace {
        return Ok(false);
    }
    if receiver == o.to_value() {
        // A mapped arguments index writes its parameter too (§10.4.4.4).
        if let Some(at) = super::arguments::mapped(&o, key) {
            super::arguments::write(&o, at, v);
        }
    }
    if let (Some(None), None) = (typed_numeric(&o, key), key.as_index()) {
        // A numeric key that is no integer index: converted, then ignored.
        if receiver == o.to_value() {
            crate::builtins::typed_array_store(cx, &o, u32::MAX, v)?;
        }
        return Ok(true);
    }
    if let (Some(i), Some(e)) = (key.as_index(), external_elements(&o)) {
        // TypedArray [[Set]]: the element itself, or nothing when out of range; the
        // elements of a view of an immutable buffer are read-only.
        if receiver == o.to_value() {
            if i < e.length && crate::builtins::typed_array_is_immutable(&o) {
                return Ok(false);
            }
            crate::builtins::typed_array_store(cx, &o, i, v)?;
            return Ok(true);
        }
        if i >= e.length {
            return Ok(true);
        }
    }
    // Find the property along the chain; prototypes with host traps answer through their
    // [[GetOwnProperty]].
    let mut holder = o;
    let own = loop {
        if holder != o && is_proxy(&holder) {
            // OrdinarySet: the rest of the lookup is the prototype's own [[Set]].
            return proxy::set(cx, holder, key, v, receiver);
        }
        if holder != o {
            // A typed array on the chain answers numeric keys itself (its [[Set]]): an
            // invalid index ends the assignment, a valid one is a writable data property.
            match typed_numeric(&holder, key) {
                // The typed array is the receiver: TypedArraySetElement (converts, then
                // stores if the index is valid).
                Some(_) if receiver == holder.to_value() => {
                    if crate::builtins::typed_array_is_immutable(&holder)
                        && typed_numeric(&holder, key) != Some(None)
                    {
                        return Ok(false);
                    }
                    let i = key.as_index().unwrap_or(u32::MAX);
                    crate::builtins::typed_array_store(cx, &holder, i, v)?;
                    return Ok(true);
                }
                Some(None) => return Ok(true),
                Some(Some(_)) => {
                    let writable = !crate::builtins::typed_array_is_immutable(&holder);
                    break Some(Found::Data { writable });
                }
                None => {}
            }
        }
        if holder != o && is_intercepted(holder) {
            if let Some(d) = get_own_property(cx, holder, key)? {
                break Some(match d.set {
                    Some(s) => Found::Setter(s),
                    None if d.get.is_some() => Found::Setter(Value::UNDEFINED),
                    None => Found::Data {
                        writable: d.writable == Some(true),
                    },
                });
            }
        } else if let Some(p) = own_prop(cx, holder, key)? {
            break Some(if p.attrs & attrs::ACCESSOR != 0 {
                Found::Setter(Accessor::of(&p).set)
            } else {
                Found::Stored(p)
            });
        }
        match Object::from_value(holder.prototype()) {
            Some(p) => holder = p,
            None => break None,
        }
    };
    match own {
        Some(Found::Setter(setter)) => {
            if setter.is_undefined() {
                return Ok(false);
            }
            call(cx, setter, receiver, &[v])?;
            return Ok(true);
        }
        Some(Found::Data { writable: false }) => return Ok(false),
        Some(Found::Stored(p)) if p.attrs & attrs::WRITABLE == 0 => return Ok(false),
        _ => {}
    }
    let Some(r) = Object::from_value(receiver) else {
        return Ok(false);
    };
    // Fast path: an own writable data property of an ordinary receiver.
    if let (true, Some(Found::Stored(p))) = (
        r == holder && r.class() != ObjectClass::Array && !is_intercepted(r),
        &own,
    ) {
        if external_elements(&r).is_none() || key.as_index().is_none() {
            store(cx, r, key, Prop { value: v, ..*p })?;
            return Ok(true);
        }
    }
    match get_own_property(cx, r, key)? {
        Some(existing) => {
            if existing.is_accessor() || existing.writable != Some(true) {
                return Ok(false);
            }
            let d = PropertyDescriptor {
                value: Some(v),
                ..Default::default()
            };
            define_own_property(cx, r, key, &d)
        }
        None => create_data_property(cx, r, key, v),
    }
}

/// `CreateDataProperty`.
pub fn create_data_property(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    v: Value,
) -> JsResult<bool> {
    let d = PropertyDescriptor::data(v, attrs::DEFAULT);
    define_own_property(cx, o, key, &d)
}

/// `DefinePropertyOrThrow`.
pub fn define_property_or_throw(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<()> {
    if define_own_property(cx, o, key, desc)? {
        Ok(())
    } else {
        Err(crate::builtins::error::shown::define_failure(cx, o, key))
    }
}

/// `[[Delete]]`; returns success.
pub fn delete(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<bool> {
    if is_proxy(&o) {
        return proxy::delete(cx, o, key);
    }
    if is_intercepted(o) {
        if let Some(r) = interceptor::delete(cx, o, key)? {
            return Ok(r);
        }
    }
    if let (Some(i), Some(e)) = (key.as_index(), external_elements(&o)) {
        return Ok(i >= e.length);
    }
    if let Some(None) = typed_numeric(&o, key) {
        return Ok(true);
    }
    let Some(p) = own_prop(cx, o, key)? else {
        return Ok(true);
    };
    if p.attrs & attrs::CONFIGURABLE == 0 {
        return Ok(false);
    }
    super::arguments::unmap(&o, key);
    match key.as_index() {
        Some(i) => {
            Object::remove_element(o, i);
        }
        None => {
            Object::remove_named(cx.heap(), o, key.to_raw())?;
        }
    }
    Ok(true)
}

/// `[[OwnPropertyKeys]]`: index keys ascending, then string keys, then symbols, each in
/// creation order. Keys are raw `PropertyKey` values.
pub fn own_property_keys(cx: &mut Cx, o: Gc<Object>) -> JsResult<GcVec<Value>> {
    if is_proxy(&o) {
        return proxy::own_property_keys(cx, o);
    }
    if is_intercepted(o) {
        if let Some(keys) = interceptor::own_keys(cx, o)? {
            return Ok(keys);
        }
    }
    ordinary_own_property_keys(cx, o)
}

/// `OrdinaryOwnPropertyKeys` (no host traps).
pub fn ordinary_own_property_keys(cx: &Cx, o: Gc<Object>) -> JsResult<GcVec<Value>> {
    materialize(cx, o)?;
    let heap = cx.heap();
    let out = GcVec::<Value>::new();
    if let Some(e) = external_elements(&o) {
        out.reserve(heap, e.length as usize)?;
        for i in 0..e.length {
            out.push(heap, PropertyKey::index(i).to_raw())?;
        }
    }
    let ops = class_ops(&o);
    if let Some(keys_first) = ops.keys_first {
        keys_first(cx, o, &out)?;
    }
    let idx = GcVec::<u32>::new();
    if external_elements(&o).is_none() {
        Object::element_indices(heap, o, &idx)?;
    }
    out.reserve(heap, idx.len())?;
    for i in idx.iter() {
        out.push(heap, PropertyKey::index(i).to_raw())?;
    }
    if let Some(keys_after) = ops.keys_after_elements {
        keys_after(cx, o, &out)?;
    }
    let mut err = Ok(());
    Object::for_each_named(o, |k, _| {
        if err.is_ok() && !PropertyKey::from_raw(k).is_symbol() {
            err = out.push(heap, k);
        }
    });
    Object::for_each_named(o, |k, _| {
        if err.is_ok() && PropertyKey::from_raw(k).is_symbol() && !Symbol::is_private_key(k) {
            err = out.push(heap, k);
        }
    });
    err?;
    Ok(out)
}

/// `Call(F, V, args)`.
pub fn call(cx: &mut Cx, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
    let Some(fo) = Object::from_value(f).filter(|o| o.is_callable()) else {
        return Err(cx.type_error("Function expected"));
    };
    call_object(cx, fo, this, args, Value::UNDEFINED)
}

/// `Construct(F, args, newTarget)`.
pub fn construct(cx: &mut Cx, f: Value, args: &[Value], new_target: Value) -> JsResult<Value> {
    let Some(fo) = Object::from_value(f).filter(|o| o.is_constructor()) else {
        return Err(cx.type_error("Function is not a constructor"));
    };
    let nt = if new_target.is_undefined() {
        f
    } else {
        new_target
    };
    call_object(cx, fo, Value::UNDEFINED, args, nt)
}

fn call_object(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Value> {
    cx.check()?;
    let native = f.native().expect("callable");
    if is_proxy(&f) {
        // A proxy has no realm of its own: its traps run in theirs, its errors in the caller's.
        return native(cx, f, this, args, new_target);
    }
    let saved = cx.realm;
    cx.realm = f.realm();
    let r = native(cx, f, this, args, new_target);
    cx.realm = saved;
    r
}

/// `GetPrototypeFromConstructor(constructor, fallback)`.
pub fn prototype_from_constructor(
    cx: &mut Cx,
    ctor: Value,
    fallback: crate::Intrinsic,
) -> JsResult<Value> {
    if let Some(c) = Object::from_value(ctor) {
        let key = cx.name(Name::prototype);
        // A script function's own data property (the common case) without the generic
        // [[Get]]; lazy builtin holders, proxies and accessors go the long way.
        if c.class() == crate::ObjectClass::Function && c.lazy_id() == 0 {
            if let Some(p) = Object::get_named(cx.heap(), c, key.to_raw()) {
                if p.attrs & attrs::ACCESSOR == 0 && Object::from_value(p.value).is_some() {
                    return Ok(p.value);
                }
            }
        }
        let p = get_v(cx, c, key)?;
        if Object::from_value(p).is_some() {
            return Ok(p);
        }
        return Ok(proxy::function_realm(cx, c)?.intrinsic(fallback));
    }
    Ok(cx.intrinsic(fallback))
}

/// `SpeciesConstructor(O, defaultConstructor)`.
pub fn species_constructor(
    cx: &mut Cx,
    o: Gc<Object>,
    default: crate::Intrinsic,
) -> JsResult<Value> {
    let ck = cx.name(Name::constructor);
    let c = get(cx, o, ck, o.to_value())?;
    if c.is_undefined() {
        return Ok(cx.intrinsic(default));
    }
    let Some(co) = Object::from_value(c) else {
        return Err(cx.type_error("The constructor property is not an object"));
    };
    let sk = PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::species));
    let s = get(cx, co, sk, c)?;
    if s.is_nullish() {
        return Ok(cx.intrinsic(default));
    }
    if Object::from_value(s).is_some_and(|f| f.is_constructor()) {
        return Ok(s);
    }
    Err(cx.type_error("object.constructor[Symbol.species] is not a constructor"))
}

/// `OrdinaryHasInstance(C, O)`.
pub fn ordinary_has_instance(cx: &mut Cx, c: Value, o: Value) -> JsResult<bool> {
    let Some(cf) = Object::from_value(c).filter(|f| f.is_callable()) else {
        return Ok(false);
    };
    // A bound function: InstanceofOperator(O, its target).
    if crate::builtins::function::is_bound(&cf) {
        let target = cf.internal(0);
        return Ok(crate::interp::ops::instance_of(cx, o, target)? == Value::TRUE);
    }
    let Some(mut obj) = Object::from_value(o) else {
        return Ok(false);
    };
    let key = cx.name(Name::prototype);
    // A function's own data property `prototype` (the usual case) is read directly.
    let own = (cf.class() == ObjectClass::Function && cf.lazy_id() == 0)
        .then(|| Object::get_named(cx.heap(), cf, key.to_raw()))
        .flatten()
        .filter(|p| p.attrs & crate::object::attrs::ACCESSOR == 0);
    let proto = match own {
        Some(p) => p.value,
        None => get_v(cx, cf, key)?,
    };
    if Object::from_value(proto).is_none() {
        return Err(cx.type_error("Function.prototype is not an object"));
    }
    loop {
        let p = get_prototype_of(cx, obj)?;
        if p.is_null() {
            return Ok(false);
        }
        if p == proto {
            return Ok(true);
        }
        obj = Object::from_value(p).expect("prototype is an object or null");
    }
}

/// Throws a TypeError unless `ok` (for strict-mode failures of `[[Set]]` / `[[Delete]]`).
pub fn or_throw(cx: &Cx, ok: bool, message: &str) -> JsResult<()> {
    if ok {
        Ok(())
    } else {
        Err(cx.type_error(message))
    }
}
