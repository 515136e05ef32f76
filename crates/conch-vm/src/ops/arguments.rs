//! The mapped arguments exotic object (ECMA-262 §10.4.4): while an index is mapped, it reads
//! and writes the parameter's slot in the function's environment. The internal methods in
//! `object.rs` call these hooks for objects of class `Arguments`; an unmapped arguments object
//! (strict code, non-simple parameters) has no map and stays ordinary.

use super::object::{own_prop, validate_and_apply, PropertyDescriptor};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use conch_gc::{Gc, GcArray, Value};

fn array_in(o: &Object, i: usize) -> Option<Gc<GcArray<Value>>> {
    // SAFETY: internal slots 0 and 1 of an arguments object hold GC arrays of values made by
    // the interpreter (the function's environment, the map) or undefined; no script can
    // reach them.
    o.internal(i)
        .cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

fn env_of(o: &Object) -> Option<Gc<GcArray<Value>>> {
    array_in(o, 0)
}

/// The environment index index `key` of `o` aliases, if mapped.
pub(crate) fn mapped(o: &Object, key: PropertyKey) -> Option<usize> {
    if o.class() != ObjectClass::Arguments {
        return None;
    }
    let i = key.as_index()?;
    let slot = array_in(o, 1)?.get(i as usize)?.as_int()?;
    // Environment arrays hold the parent first, then the slots.
    (slot >= 0).then(|| slot as usize + 1)
}

/// The current value of a mapped index.
pub(crate) fn read(o: &Object, at: usize) -> Value {
    env_of(o)
        .and_then(|e| e.get(at))
        .unwrap_or(Value::UNDEFINED)
}

/// Writes a mapped index through to the parameter.
pub(crate) fn write(o: &Object, at: usize, v: Value) {
    if let Some(e) = env_of(o) {
        e.set(at, v);
    }
}

/// Removes index `key` from the map (it keeps its last value as an ordinary property).
pub(crate) fn unmap(o: &Object, key: PropertyKey) {
    if o.class() != ObjectClass::Arguments {
        return;
    }
    if let (Some(i), Some(map)) = (key.as_index(), array_in(o, 1)) {
        map.set(i as usize, Value::int(-1));
    }
}

/// `[[DefineOwnProperty]]` of a mapped arguments object (§10.4.4.2); `None`: ordinary.
pub(crate) fn define_own(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<Option<bool>> {
    let Some(at) = mapped(&o, key) else {
        return Ok(None);
    };
    let mut new_desc = *desc;
    if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
        new_desc.value = Some(read(&o, at));
    }
    let current = own_prop(cx, o, key)?;
    if !validate_and_apply(cx, o, key, o.is_extensible(), &new_desc, current)? {
        return Ok(Some(false));
    }
    if desc.is_accessor() {
        unmap(&o, key);
    } else {
        if let Some(v) = desc.value {
            write(&o, at, v);
        }
        if desc.writable == Some(false) {
            unmap(&o, key);
        }
    }
    Ok(Some(true))
}
