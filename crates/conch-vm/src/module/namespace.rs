//! Module namespace exotic objects (ECMA-262 §10.4.6): a null-prototype, non-extensible
//! object whose string-keyed properties are the module's exports in code-unit order, each a
//! live view of its binding (writable, enumerable, not configurable; reading one in its TDZ
//! is a ReferenceError), plus `@@toStringTag` "Module".
//!
//! `internal(0)` holds the export table: a GC array of triples (property key, environment or
//! module, environment index; index -1 means "the namespace of that module").

use super::link::{exported_names, resolve_export, Resolution};
use super::record::Module;
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops::PropertyDescriptor;
use crate::runtime::WellKnown;
use crate::string::JsString;
use conch_gc::{Gc, GcArray, GcVec, Value};

fn table(o: Gc<Object>) -> Option<Gc<GcArray<Value>>> {
    crate::interp::ops::env_of(o.internal(0))
}

/// `GetModuleNamespace(module)`.
pub fn namespace_of(cx: &Cx, m: Gc<Module>) -> JsResult<Gc<Object>> {
    if let Some(o) = Object::from_value(m.namespace.get()) {
        return Ok(o);
    }
    let ns = cx.new_object_with(ObjectClass::ModuleNamespace, Value::NULL)?;
    // Set first: a namespace reached again while filling this one is this one.
    m.namespace.set(ns.to_value());
    fill(cx, m, ns, false)?;
    Ok(ns)
}

/// `GetModuleNamespace(module, defer)`: the deferred namespace (`import defer`), whose use
/// evaluates the module; `internal(1)` is the module. It has no `then` export.
pub fn deferred_namespace_of(cx: &Cx, m: Gc<Module>) -> JsResult<Gc<Object>> {
    if let Some(o) = Object::from_value(m.deferred.get()) {
        return Ok(o);
    }
    let ns = cx.new_object_with(ObjectClass::ModuleNamespace, Value::NULL)?;
    m.deferred.set(ns.to_value());
    Object::set_internal(ns, 1, m.to_value());
    fill(cx, m, ns, true)?;
    Ok(ns)
}

/// A key that does not make a deferred namespace evaluate its module.
fn symbol_like(key: PropertyKey) -> bool {
    key.is_symbol() || key.is_name("then")
}

/// Evaluates the module of a deferred namespace (`EnsureDeferredNamespaceEvaluation`).
fn ensure(cx: &Cx, o: Gc<Object>) -> JsResult<()> {
    let Some(m) = Module::from_value(o.internal(1)) else {
        return Ok(());
    };
    let mut c = Cx::new(cx.rt, cx.realm);
    super::evaluate::ensure_evaluated(&mut c, m)
}

/// Fills the export table and `@@toStringTag` of a new namespace.
fn fill(cx: &Cx, m: Gc<Module>, ns: Gc<Object>, deferred: bool) -> JsResult<()> {
    let names = GcVec::<Value>::new();
    exported_names(cx, m, &GcVec::new(), &names)?;
    // Unambiguous names, sorted by code units (insertion sort over flat strings).
    let keep = GcVec::<Value>::new();
    for n in names.iter() {
        let r = resolve_export(cx, m, n, &GcVec::new())?;
        let then = JsString::from_value(n)
            .and_then(|s| s.try_chars().map(|c| c.eq_ascii("then")))
            .unwrap_or(false);
        if deferred && then {
            continue;
        }
        if matches!(r, Resolution::Binding(..) | Resolution::Namespace(_)) {
            let flat = JsString::flatten(cx.heap(), JsString::from_value(n).expect("name"))?;
            keep.push(cx.heap(), flat.to_value())?;
        }
    }
    let n = keep.len();
    for i in 1..n {
        let mut j = i;
        while j > 0 {
            let a = JsString::from_value(keep.get(j - 1).unwrap_or(Value::UNDEFINED));
            let b = JsString::from_value(keep.get(j).unwrap_or(Value::UNDEFINED));
            match (a, b) {
                (Some(a), Some(b)) if a.chars().compare(&b.chars()).is_gt() => {
                    keep.set(j - 1, b.to_value());
                    keep.set(j, a.to_value());
                    j -= 1;
                }
                _ => break,
            }
        }
    }
    let t = GcArray::<Value>::new(cx.heap(), 3 * n)?;
    for name in keep.iter() {
        let s = JsString::from_value(name).expect("name");
        let key = cx.rt.key_from_string(s)?;
        let (target, idx) = match resolve_export(cx, m, name, &GcVec::new())? {
            Resolution::Binding(tm, slot) => (tm.env.get(), slot),
            Resolution::Namespace(tm) => (tm.to_value(), -1),
            _ => continue,
        };
        t.push_within_capacity(key.to_raw());
        t.push_within_capacity(target);
        t.push_within_capacity(Value::int(idx));
    }
    Object::set_internal(ns, 0, t.to_value());
    let tag = cx.rt.well_known(WellKnown::toStringTag);
    let module = cx.string(if deferred {
        "Deferred Module"
    } else {
        "Module"
    })?;
    Object::put_named(
        cx.heap(),
        ns,
        PropertyKey::symbol(tag).to_raw(),
        Prop {
            value: module.to_value(),
            attrs: 0,
        },
    )?;
    Object::prevent_extensions(cx.heap(), ns)?;
    Ok(())
}

/// The current value of export `key` of the namespace `o` (`None`: not an export; the hole:
/// in its TDZ).
fn export_value(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<Value>> {
    let Some(t) = table(o) else {
        return Ok(None);
    };
    let k = key.to_raw();
    for i in 0..t.len() / 3 {
        if t.get(3 * i) != Some(k) {
            continue;
        }
        let target = t.get(3 * i + 1).unwrap_or(Value::UNDEFINED);
        let idx = t.get(3 * i + 2).and_then(|v| v.as_int()).unwrap_or(0);
        if idx < 0 {
            let m = Module::from_value(target).expect("module");
            return Ok(Some(namespace_of(cx, m)?.to_value()));
        }
        let v = crate::interp::ops::env_of(target)
            .and_then(|e| e.get(idx as usize))
            .unwrap_or(Value::HOLE);
        return Ok(Some(v));
    }
    Ok(None)
}

/// `[[GetOwnProperty]]` of a string key: the export's data property (its value the hole in
/// the TDZ: callers that read it throw the ReferenceError).
pub(crate) fn get_own(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<Prop>> {
    if key.is_symbol() {
        return Ok(None);
    }
    if !o.internal(1).is_undefined() {
        if symbol_like(key) {
            return Ok(None);
        }
        ensure(cx, o)?;
    }
    Ok(export_value(cx, o, key)?.map(|value| Prop {
        value,
        attrs: attrs::WRITABLE | attrs::ENUMERABLE,
    }))
}

/// `[[DefineOwnProperty]]` (§10.4.6.6) for string keys.
pub(crate) fn define_own(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    desc: &PropertyDescriptor,
) -> JsResult<Option<bool>> {
    if key.is_symbol() {
        return Ok(None);
    }
    if !o.internal(1).is_undefined() && !symbol_like(key) {
        ensure(cx, o)?;
    }
    let Some(v) = export_value(cx, o, key)? else {
        return Ok(Some(false));
    };
    if v.is_hole() {
        return Err(tdz(cx, key));
    }
    if desc.configurable == Some(true)
        || desc.enumerable == Some(false)
        || desc.is_accessor()
        || desc.writable == Some(false)
    {
        return Ok(Some(false));
    }
    Ok(Some(match desc.value {
        Some(x) => crate::convert::same_value(cx, x, v)?,
        None => true,
    }))
}

/// The export names, in order (`[[OwnPropertyKeys]]`' string keys).
pub(crate) fn keys(cx: &Cx, o: Gc<Object>, out: &GcVec<Value>) -> JsResult<()> {
    if !o.internal(1).is_undefined() {
        ensure(cx, o)?;
    }
    let Some(t) = table(o) else {
        return Ok(());
    };
    for i in 0..t.len() / 3 {
        out.push(cx.heap(), t.get(3 * i).unwrap_or(Value::UNDEFINED))?;
    }
    Ok(())
}

/// The ReferenceError for reading export `key` before its initialisation.
pub(crate) fn tdz(cx: &Cx, key: PropertyKey) -> crate::Throw {
    use super::Piece::{S, V};
    let name = key.as_atom().map_or(Value::UNDEFINED, |a| a.to_value());
    super::throw_msg(
        cx,
        crate::ErrorKind::ReferenceError,
        &[S("Cannot access '"), V(name), S("' before initialization")],
    )
}
