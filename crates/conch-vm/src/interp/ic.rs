//! Monomorphic inline caches for named property loads and stores (`GetNamed`, `SetNamed`).
//!
//! Each such instruction has a feedback slot; a code's feedback vector (allocated on the first
//! fill) holds [`WIDTH`] values per slot: the receiver's shape, the holder (undefined: the
//! receiver itself; else its direct prototype), the holder's shape, and the property's slot
//! number. A fast-mode shape fixes the layout and attributes of an object's named properties,
//! so a shape match means the cached slot holds the property. Prototype hits also check that
//! the receiver's prototype is still the holder (a base may change its prototype in place)
//! and the holder's shape. Only classes whose named properties are plain storage take part:
//! exotic classes (typed arrays, namespaces, host-trapped objects) always take the generic
//! path. Caches are filled after the generic path ran, so they never run user code.

use super::code::Code;
use crate::cx::Cx;
use crate::key::PropertyKey;
use crate::object::Shape;
use crate::object::{attrs, Object, ObjectClass};
use conch_gc::{Gc, GcArray, Value};

const WIDTH: usize = 4;
/// Entries per slot (a site seeing two shapes, such as two classes sharing a method name,
/// stays cached).
const WAYS: usize = 2;
const SLOT: usize = WIDTH * WAYS;

fn vector(code: &Code) -> Option<Gc<GcArray<Value>>> {
    // SAFETY: a code's feedback cell holds undefined or the GC array of values `fill` made
    // for it; nothing else writes it.
    code.feedback
        .get()
        .cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

/// Whether `o`'s named properties are plain storage a cache may read and write.
#[inline]
fn plain(o: &Object) -> bool {
    matches!(
        o.class(),
        ObjectClass::Ordinary
            | ObjectClass::Array
            | ObjectClass::Function
            | ObjectClass::Error
            | ObjectClass::Arguments
    ) && !o.shape().is_dictionary()
        && o.lazy_id() == 0
        && o.host_data().is_none()
}

/// A cached load of slot `slot`'s property from `o`, if the cache holds for it.
#[inline]
pub(super) fn load(code: &Code, slot: usize, o: Value) -> Option<Value> {
    let ob = Object::from_value(o)?;
    let fb = vector(code)?;
    let shape = ob.shape().to_value();
    for way in 0..WAYS {
        let at = slot * SLOT + way * WIDTH;
        if fb.get(at)? != shape {
            continue;
        }
        let index = fb.get(at + 3)?.as_int()? as u32;
        let holder = fb.get(at + 1)?;
        if holder.is_undefined() {
            return Some(Object::slot(ob, index));
        }
        let h = Object::from_value(holder)?;
        if ob.prototype() != holder || h.shape().to_value() != fb.get(at + 2)? {
            return None;
        }
        return Some(Object::slot(h, index));
    }
    None
}

/// A cached store to an existing own writable data property; whether it was done.
#[inline]
pub(super) fn store(code: &Code, slot: usize, o: Value, v: Value) -> bool {
    let Some(ob) = Object::from_value(o) else {
        return false;
    };
    let Some(fb) = vector(code) else {
        return false;
    };
    let shape = ob.shape().to_value();
    for way in 0..WAYS {
        let at = slot * SLOT + way * WIDTH;
        if fb.get(at) != Some(shape) || fb.get(at + 1) != Some(Value::HOLE) {
            continue;
        }
        let Some(index) = fb.get(at + 3).and_then(|i| i.as_int()) else {
            return false;
        };
        Object::set_slot(ob, index as u32, v);
        return true;
    }
    false
}

fn put(cx: &Cx, code: &Code, slot: usize, entry: [Value; WIDTH]) {
    if slot >= code.feedback_slots as usize {
        return;
    }
    let fb = match vector(code) {
        Some(fb) => fb,
        None => {
            let n = code.feedback_slots as usize * SLOT;
            // Out of memory only costs the cache.
            let Ok(fb) = GcArray::<Value>::new(cx.heap(), n) else {
                return;
            };
            fb.resize_within_capacity(n, Value::UNDEFINED);
            code.feedback.set(fb.to_value());
            fb
        }
    };
    // The newest entry goes first; the older one moves down (the oldest is dropped).
    let at = slot * SLOT;
    for i in (0..(WAYS - 1) * WIDTH).rev() {
        if let Some(v) = fb.get(at + i) {
            fb.set(at + WIDTH + i, v);
        }
    }
    for (i, v) in entry.into_iter().enumerate() {
        fb.set(at + i, v);
    }
}

/// After a generic load of `key` from `o`: caches where the property was found, if it is a
/// stored data property of `o` or of its direct prototype.
pub(super) fn fill_load(cx: &Cx, code: &Code, slot: usize, o: Value, key: PropertyKey) {
    let Some(ob) = Object::from_value(o) else {
        return;
    };
    if !plain(&ob) || key.as_index().is_some() {
        return;
    }
    let shape = ob.shape();
    if let Some((index, a)) = Shape::lookup(cx.heap(), shape, key.to_raw()) {
        if a & attrs::ACCESSOR == 0 {
            let e = [
                shape.to_value(),
                Value::UNDEFINED,
                Value::UNDEFINED,
                Value::int(index as i32),
            ];
            put(cx, code, slot, e);
        }
        return;
    }
    // Not an own property (array `length` is synthesized, never stored: no cache).
    if ob.class() == ObjectClass::Array && key == cx.name(crate::runtime::Name::length) {
        return;
    }
    let Some(p) = Object::from_value(ob.prototype()) else {
        return;
    };
    if !plain(&p) {
        return;
    }
    if let Some((index, a)) = Shape::lookup(cx.heap(), p.shape(), key.to_raw()) {
        if a & attrs::ACCESSOR == 0 {
            let e = [
                shape.to_value(),
                p.to_value(),
                p.shape().to_value(),
                Value::int(index as i32),
            ];
            put(cx, code, slot, e);
        }
    }
}

/// After a generic store of `key` on `o`: caches an own writable data property (the holder
/// entry is the hole, which marks store entries).
pub(super) fn fill_store(cx: &Cx, code: &Code, slot: usize, o: Value, key: PropertyKey) {
    let Some(ob) = Object::from_value(o) else {
        return;
    };
    if !plain(&ob) || key.as_index().is_some() {
        return;
    }
    let shape = ob.shape();
    if let Some((index, a)) = Shape::lookup(cx.heap(), shape, key.to_raw()) {
        if a & attrs::ACCESSOR == 0 && a & attrs::WRITABLE != 0 {
            let e = [
                shape.to_value(),
                Value::HOLE,
                Value::UNDEFINED,
                Value::int(index as i32),
            ];
            put(cx, code, slot, e);
        }
    }
}

// ---- global variables (`LdaGlobal`, `StaGlobal`) ----
//
// An entry is [shape of the global lexical environment, holder (that environment or the global
// object), holder's shape, slot]. The lexical environment's shape proves that no lexical
// binding was added (which would shadow a global object property); a hole read from a lexical
// binding (its TDZ) falls back to the generic path, which throws.

fn globals(cx: &Cx) -> Option<(Gc<Object>, Gc<Object>)> {
    let lex = cx
        .realm
        .intrinsic_object(crate::realm::Intrinsic::GlobalLexicals);
    let g = Object::from_value(cx.realm.global())?;
    Some((lex, g))
}

fn global_entry(cx: &Cx, code: &Code, slot: usize) -> Option<(Gc<Object>, u32)> {
    let fb = vector(code)?;
    let (lex, g) = globals(cx)?;
    let shape = lex.shape().to_value();
    for way in 0..WAYS {
        let at = slot * SLOT + way * WIDTH;
        if fb.get(at)? != shape {
            continue;
        }
        let holder = fb.get(at + 1)?;
        let index = fb.get(at + 3)?.as_int()? as u32;
        if holder == lex.to_value() {
            return Some((lex, index));
        }
        if holder == g.to_value() && g.shape().to_value() == fb.get(at + 2)? {
            return Some((g, index));
        }
        return None;
    }
    None
}

/// A cached read of a global variable.
#[inline]
pub(super) fn load_global(cx: &Cx, code: &Code, slot: usize) -> Option<Value> {
    let (holder, index) = global_entry(cx, code, slot)?;
    let v = Object::slot(holder, index);
    (!v.is_hole()).then_some(v)
}

/// A cached write of a global variable; whether it was done.
#[inline]
pub(super) fn store_global(cx: &Cx, code: &Code, slot: usize, v: Value) -> bool {
    let Some((holder, index)) = global_entry(cx, code, slot) else {
        return false;
    };
    if Object::slot(holder, index).is_hole() {
        return false;
    }
    Object::set_slot(holder, index, v);
    true
}

/// After a generic access to global `name` (`store`: an assignment): caches where it lives
/// if that is a (writable, for stores) data property of a fast-mode holder.
pub(super) fn fill_global(cx: &Cx, code: &Code, slot: usize, name: Value, store: bool) {
    let Some((lex, g)) = globals(cx) else {
        return;
    };
    let fast = |o: &Object| !o.shape().is_dictionary() && o.lazy_id() == 0;
    if !fast(&lex) {
        return;
    }
    let ok = |a: u8| a & attrs::ACCESSOR == 0 && (!store || a & attrs::WRITABLE != 0);
    if let Some((index, a)) = Shape::lookup(cx.heap(), lex.shape(), name) {
        if ok(a) {
            let e = [
                lex.shape().to_value(),
                lex.to_value(),
                Value::UNDEFINED,
                Value::int(index as i32),
            ];
            put(cx, code, slot, e);
        }
        return;
    }
    if !fast(&g) || g.host_data().is_some() {
        return;
    }
    if let Some((index, a)) = Shape::lookup(cx.heap(), g.shape(), name) {
        if ok(a) {
            let e = [
                lex.shape().to_value(),
                g.to_value(),
                g.shape().to_value(),
                Value::int(index as i32),
            ];
            put(cx, code, slot, e);
        }
    }
}
