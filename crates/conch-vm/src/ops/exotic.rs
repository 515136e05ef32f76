//! The own-property behaviour of exotic objects, dispatched through a table indexed by class
//! (ECMA-262 §10.4): the internal methods in `object.rs` ask the object's class what it adds
//! to ordinary storage, instead of testing classes one by one. Arrays synthesize `length` and
//! guard indices past a read-only length (§10.4.2); String wrappers synthesize their index
//! properties (§10.4.3). Custom external objects (host traps) are dispatched in
//! `host_traps.rs`, before any of this.

use super::object::{array_set_length, is_compatible, own_prop, PropertyDescriptor};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::runtime::Name;
use crate::string::JsString;
use conch_gc::{Gc, GcVec, Value};

/// What a class answers for `[[GetOwnProperty]]` of a key.
pub(crate) enum Own {
    /// The class synthesizes this property.
    Found(Prop),
    /// Ordinary storage decides.
    Storage,
}

type GetOwn = fn(&Cx, Gc<Object>, PropertyKey) -> JsResult<Own>;
type DefineOwn =
    fn(&mut Cx, Gc<Object>, PropertyKey, &PropertyDescriptor) -> JsResult<Option<bool>>;
type Keys = fn(&Cx, Gc<Object>, &GcVec<Value>) -> JsResult<()>;

/// The exotic parts of a class's internal methods (`None` = ordinary).
pub(crate) struct ClassOps {
    /// Own properties the class synthesizes (after ordinary storage found nothing).
    pub get_own: Option<GetOwn>,
    /// `[[DefineOwnProperty]]` for keys the class handles itself (`None` result = ordinary).
    pub define_own: Option<DefineOwn>,
    /// Index keys listed before the stored elements (string indices).
    pub keys_first: Option<Keys>,
    /// Name keys listed after the elements, before stored names (array `length`).
    pub keys_after_elements: Option<Keys>,
}

const ORDINARY: ClassOps = ClassOps {
    get_own: None,
    define_own: None,
    keys_first: None,
    keys_after_elements: None,
};

const ARRAY: ClassOps = ClassOps {
    get_own: Some(array_get_own),
    define_own: Some(array_define_own),
    keys_first: None,
    keys_after_elements: Some(array_keys),
};

const STRING: ClassOps = ClassOps {
    get_own: Some(string_get_own),
    define_own: Some(string_define_own),
    keys_first: Some(string_keys),
    keys_after_elements: None,
};

const NAMESPACE: ClassOps = ClassOps {
    get_own: Some(namespace_get_own),
    define_own: Some(crate::module::namespace::define_own),
    keys_first: Some(crate::module::namespace::keys),
    keys_after_elements: None,
};

const ARGUMENTS: ClassOps = ClassOps {
    get_own: None,
    define_own: Some(super::arguments::define_own),
    keys_first: None,
    keys_after_elements: None,
};

fn namespace_get_own(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Own> {
    Ok(match crate::module::namespace::get_own(cx, o, key)? {
        Some(p) => Own::Found(p),
        None => Own::Storage,
    })
}

/// The exotic parts of `o`'s class.
#[inline]
pub(crate) fn class_ops(o: &Object) -> &'static ClassOps {
    match o.class() {
        ObjectClass::Array => &ARRAY,
        ObjectClass::String => &STRING,
        ObjectClass::ModuleNamespace => &NAMESPACE,
        ObjectClass::Arguments => &ARGUMENTS,
        _ => &ORDINARY,
    }
}

fn array_get_own(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Own> {
    if key != cx.name(Name::length) {
        return Ok(Own::Storage);
    }
    let w = if o.length_writable() {
        attrs::WRITABLE
    } else {
        0
    };
    Ok(Own::Found(Prop {
        value: Value::number(o.array_length() as f64),
        attrs: w,
    }))
}

fn array_define_own(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<Option<bool>> {
    if key == cx.name(Name::length) {
        return array_set_length(cx, o, desc).map(Some);
    }
    match key.as_index() {
        Some(i) if i >= o.array_length() && !o.length_writable() => Ok(Some(false)),
        _ => Ok(None),
    }
}

fn array_keys(cx: &Cx, _: Gc<Object>, out: &GcVec<Value>) -> JsResult<()> {
    Ok(out.push(cx.heap(), cx.name(Name::length).to_raw())?)
}

fn wrapped(o: Gc<Object>) -> Gc<JsString> {
    JsString::from_value(o.internal(0)).expect("string wrapper")
}

fn string_get_own(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Own> {
    let Some(i) = key.as_index() else {
        return Ok(Own::Storage);
    };
    let s = wrapped(o);
    if (i as usize) >= s.len() {
        return Ok(Own::Storage);
    }
    let flat = JsString::flatten(cx.heap(), s)?;
    let unit = flat.chars().at(i as usize);
    let ch = JsString::build_utf16(cx.heap(), 1, unit <= 0xff, |_| unit)?;
    Ok(Own::Found(Prop {
        value: ch.to_value(),
        attrs: attrs::ENUMERABLE,
    }))
}

fn string_define_own(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<Option<bool>> {
    match key.as_index() {
        Some(i) if (i as usize) < wrapped(o).len() => {
            // String indices are non-writable, non-configurable: only a compatible definition
            // succeeds, and it changes nothing.
            let cur = own_prop(cx, o, key)?.expect("index in range");
            is_compatible(cx, desc, cur).map(Some)
        }
        _ => Ok(None),
    }
}

fn string_keys(cx: &Cx, o: Gc<Object>, out: &GcVec<Value>) -> JsResult<()> {
    let n = wrapped(o).len() as u32;
    out.reserve(cx.heap(), n as usize)?;
    for i in 0..n {
        out.push(cx.heap(), PropertyKey::index(i).to_raw())?;
    }
    Ok(())
}
