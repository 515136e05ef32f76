//! Inline caches for named property loads and stores (`GetNamed`, `SetNamed`) and globals.
//!
//! Each such instruction has a feedback slot; a code's feedback vector (allocated on the first
//! fill) holds [`WAYS`] entries of [`WIDTH`] values per slot. A fast-mode shape fixes the
//! layout and attributes of an object's named properties *and its prototype* (a prototype
//! changes in place only in dictionary mode, `Object::set_prototype_raw`), so a chain of shapes
//! proves a whole lookup path:
//!
//! - own load: `[shape, undefined, …, slot]`;
//! - load from the prototype chain: `[shape, S1, …, Sd, …, slot]` where `Si` is the shape of
//!   the i-th prototype and the property is in the last one (depth ≤ [`MAX_DEPTH`]);
//! - store to an own writable data property: `[shape, hole, …, slot]`;
//! - store adding a property (a transition): `[shape, true, new shape, S1, S2, S3]`: the
//!   shapes of the whole prototype chain (it ends where the entries do), which proves that no
//!   prototype has a setter or a read-only property of that name.
//!
//! - dictionary mode (a shape of the object's own, whose contents change without a new
//!   shape): loads and stores of the receiver's own property `[shape, null | false, key, …,
//!   position]` and loads from a dictionary-mode holder at the end of a chain of fast
//!   objects `[shape, S1, …, Sd, key, …, position]`; the entry position in the dictionary is
//!   checked to still hold that key.
//!
//! Only classes whose named properties are plain storage take part, on the receiver and on
//! every prototype passed: exotic classes (typed arrays, namespaces, host-trapped objects)
//! always take the generic path. Caches are filled after the generic path ran, so they never
//! run user code.

use super::code::Code;
use crate::cx::Cx;
use crate::key::PropertyKey;
use crate::object::Shape;
use crate::object::{attrs, Object, ObjectClass};
use conch_gc::{Gc, GcArray, Value};

const WIDTH: usize = 6;
/// Entries per slot (a site seeing two shapes, such as two classes sharing a method name,
/// stays cached).
const WAYS: usize = 2;
const SLOT: usize = WIDTH * WAYS;
/// Prototypes a cached load may pass (the property is in the last).
const MAX_DEPTH: usize = WIDTH - 2;
/// Prototypes a cached transition's chain may have.
const MAX_CHAIN: usize = WIDTH - 3;

/// `length` of an array or a string: not a slot a cache can name (arrays keep it beside
/// their elements, strings are primitives), and loops read it on every iteration.
#[inline]
pub(super) fn length(cx: &Cx, o: Value, key: PropertyKey) -> Option<Value> {
    if key != cx.name(crate::runtime::Name::length) {
        return None;
    }
    if let Some(ob) = Object::from_value(o) {
        return match ob.class() {
            ObjectClass::Array => {
                let n = ob.array_length();
                Some(if n <= i32::MAX as u32 {
                    Value::int(n as i32)
                } else {
                    Value::number(n as f64)
                })
            }
            ObjectClass::TypedArray => typed_array_length(cx, ob, key),
            _ => None,
        };
    }
    crate::string::JsString::from_value(o).map(|s| Value::number(s.len() as f64))
}

/// `ta.length` when it still comes to `%TypedArray.prototype%`'s own getter: no own
/// `length` on the typed array, none on its prototype, and that prototype's prototype holds
/// the original accessor. (Typed arrays are exotic, so they never enter the caches.)
#[inline(never)]
fn typed_array_length(cx: &Cx, ob: Gc<Object>, key: PropertyKey) -> Option<Value> {
    let heap = cx.heap();
    let k = key.to_raw();
    if Object::get_named(heap, ob, k).is_some() {
        return None;
    }
    let p1 = Object::from_value(ob.prototype()).filter(|p| p.lazy_id() == 0)?;
    if !plain_storage(&p1) || Object::get_named(heap, p1, k).is_some() {
        return None;
    }
    let p2 = Object::from_value(p1.prototype()).filter(|p| p.lazy_id() == 0)?;
    let prop = Object::get_named(heap, p2, k).filter(|p| p.attrs & attrs::ACCESSOR != 0)?;
    let original = p2
        .realm()
        .intrinsic(crate::Intrinsic::TypedArrayLengthGetter);
    if crate::object::Accessor::of(&prop).get != original || original.is_undefined() {
        return None;
    }
    let n = match crate::builtins::typed_array::fast_elements(&ob, false) {
        Some(e) => e.length,
        None => crate::builtins::typed_array::elements(&ob)?.length,
    };
    Some(Value::number(n as f64))
}

#[inline(always)]
fn vector(code: &Code) -> Option<Gc<GcArray<Value>>> {
    code.feedback.get()
}

/// Whether `o`'s named properties are plain storage (fast or dictionary mode).
#[inline]
fn plain_storage(o: &Object) -> bool {
    matches!(
        o.class(),
        ObjectClass::Ordinary
            | ObjectClass::Array
            | ObjectClass::Function
            | ObjectClass::Error
            | ObjectClass::Arguments
    ) && o.lazy_id() == 0
        && o.host_data().is_none()
}

/// Whether `o`'s named properties are fast-mode storage a cache may read and write by slot.
#[inline]
fn plain(o: &Object) -> bool {
    plain_storage(o) && !o.shape().is_dictionary()
}

/// A dictionary-mode property at entry position `index`, if it still is `key`'s data property.
#[inline]
fn dict_value(o: Gc<Object>, index: u32, key: Value) -> Option<Value> {
    let p = Object::dict_at(o, index, key)?;
    (p.attrs & attrs::ACCESSOR == 0).then_some(p.value)
}

/// The prototype of `o` if it is an object with shape `s`.
#[inline]
fn proto_with_shape(o: Gc<Object>, s: Value) -> Option<Gc<Object>> {
    let p = Object::from_value(o.prototype())?;
    (p.shape().to_value() == s).then_some(p)
}

/// A cached load of slot `slot`'s property from `o`, if the cache holds for it. The newest
/// entry for an own property or one on the direct prototype is checked inline; everything
/// else in [`load_entry`].
#[inline(always)]
pub(super) fn load(code: &Code, slot: usize, o: Value) -> Option<Value> {
    let ob = Object::from_value(o)?;
    let fb = vector(code)?;
    let shape = ob.shape().to_value();
    let at = slot * SLOT;
    // The newest entry, read with one bounds check.
    let e: &[std::cell::Cell<Value>; WIDTH] = fb.cells().get(at..)?.first_chunk()?;
    if e[0].get() == shape {
        let s1 = e[1].get();
        if s1 == Value::UNDEFINED {
            let index = e[WIDTH - 1].get().as_int()? as u32;
            return Some(Object::slot(ob, index));
        }
        // A fast-mode holder right on the prototype (methods): `[shape, S1, undefined, …]`.
        if s1.is_cell() && e[2].get() == Value::UNDEFINED {
            let holder = proto_with_shape(ob, s1)?;
            let index = e[WIDTH - 1].get().as_int()? as u32;
            return Some(Object::slot(holder, index));
        }
    }
    load_entry(fb, slot, ob, shape)
}

/// The general case of [`load`].
#[inline(never)]
fn load_entry(fb: Gc<GcArray<Value>>, slot: usize, ob: Gc<Object>, shape: Value) -> Option<Value> {
    // The slot's entries, read with one bounds check.
    let entries: &[std::cell::Cell<Value>; SLOT] = fb.cells().get(slot * SLOT..)?.first_chunk()?;
    for e in entries.chunks_exact(WIDTH) {
        if e[0].get() != shape {
            continue;
        }
        let index = e[WIDTH - 1].get().as_int()? as u32;
        let mut holder = ob;
        for d in 1..=MAX_DEPTH {
            let s = e[d].get();
            if s.is_undefined() {
                break;
            }
            if s.is_null() {
                // An own property of a dictionary-mode receiver (its shape is its own).
                return dict_value(ob, index, e[2].get());
            }
            if !s.is_cell() {
                // A store entry for this shape.
                return None;
            }
            holder = proto_with_shape(holder, s)?;
            if holder.is_dictionary() {
                // A dictionary-mode holder (its shape is its own): its key follows.
                return dict_value(holder, index, e[d + 1].get());
            }
        }
        return Some(Object::slot(holder, index));
    }
    None
}

/// A cached store: to an existing own writable data property, or adding one through a cached
/// transition; whether it was done.
#[inline]
pub(super) fn store(code: &Code, slot: usize, o: Value, v: Value) -> bool {
    let Some(ob) = Object::from_value(o) else {
        return false;
    };
    let Some(fb) = vector(code) else {
        return false;
    };
    let shape = ob.shape().to_value();
    let Some(entries) = fb
        .cells()
        .get(slot * SLOT..)
        .and_then(|c| c.first_chunk::<SLOT>())
    else {
        return false;
    };
    for way in 0..WAYS {
        let e = &entries[way * WIDTH..(way + 1) * WIDTH];
        if e[0].get() != shape {
            continue;
        }
        match e[1].get() {
            Value::HOLE => {
                let Some(index) = e[WIDTH - 1].get().as_int() else {
                    return false;
                };
                Object::set_slot(ob, index as u32, v);
                return true;
            }
            Value::TRUE => return transition(fb, slot * SLOT + way * WIDTH, ob, v),
            Value::FALSE => {
                // An own property of a dictionary-mode receiver.
                let Some(index) = e[WIDTH - 1].get().as_int() else {
                    return false;
                };
                return Object::dict_set_at(ob, index as u32, e[2].get(), v);
            }
            _ => continue,
        }
    }
    false
}

/// A cached transition at entry `at` for `ob` (whose shape matched).
fn transition(fb: Gc<GcArray<Value>>, at: usize, ob: Gc<Object>, v: Value) -> bool {
    // SAFETY: feedback values are values of this heap, so a cell value is a live cell.
    let child = fb
        .get(at + 2)
        .and_then(|c| c.cell_addr())
        .and_then(|a| unsafe { Gc::<Shape>::from_addr(a) });
    let Some(child) = child else {
        return false;
    };
    let mut o = ob;
    for d in 0..MAX_CHAIN {
        let Some(s) = fb.get(at + 3 + d) else {
            return false;
        };
        if s.is_undefined() {
            if !o.prototype().is_null() {
                return false;
            }
            return Object::add_with_child(ob, child, v);
        }
        match proto_with_shape(o, s) {
            Some(p) => o = p,
            None => return false,
        }
    }
    o.prototype().is_null() && Object::add_with_child(ob, child, v)
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
            code.feedback.set(Some(fb));
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

/// Whether `o` may synthesize `key` without storing it (an array's `length`).
fn synthesized(cx: &Cx, o: &Object, key: PropertyKey) -> bool {
    o.class() == ObjectClass::Array && key == cx.name(crate::runtime::Name::length)
}

/// After a generic load of `key` from `o`: caches where the property was found, if it is a
/// stored data property of `o` or of a prototype at most [`MAX_DEPTH`] away, every object on
/// the way being plain.
pub(super) fn fill_load(cx: &Cx, code: &Code, slot: usize, o: Value, key: PropertyKey) {
    let Some(ob) = Object::from_value(o) else {
        return;
    };
    if key.as_index().is_some() {
        return;
    }
    let mut e = [Value::UNDEFINED; WIDTH];
    e[0] = ob.shape().to_value();
    let mut holder = ob;
    for d in 0..=MAX_DEPTH {
        if !plain_storage(&holder) || synthesized(cx, &holder, key) {
            return;
        }
        if d > 0 {
            e[d] = holder.shape().to_value();
        }
        if holder.is_dictionary() {
            // Only as the holder: a dictionary can gain properties without a new shape.
            let Some(index) = Object::dict_position(holder, key.to_raw()) else {
                return;
            };
            if dict_value(holder, index, key.to_raw()).is_none() || d + 1 > WIDTH - 2 {
                return;
            }
            if d == 0 {
                e[1] = Value::NULL;
                e[2] = key.to_raw();
            } else {
                e[d + 1] = key.to_raw();
            }
            e[WIDTH - 1] = Value::int(index as i32);
            put(cx, code, slot, e);
            return;
        }
        if let Some((index, a)) = Shape::lookup(cx.heap(), holder.shape(), key.to_raw()) {
            if a & attrs::ACCESSOR == 0 {
                e[WIDTH - 1] = Value::int(index as i32);
                put(cx, code, slot, e);
            }
            return;
        }
        match Object::from_value(holder.prototype()) {
            Some(p) => holder = p,
            None => return,
        }
    }
}

/// After a generic store of `key` on `o`, whose shape before the store was `before`: caches
/// an own writable data property, or the transition that added one.
pub(super) fn fill_store(
    cx: &Cx,
    code: &Code,
    slot: usize,
    o: Value,
    key: PropertyKey,
    before: Option<Gc<Shape>>,
) {
    let Some(ob) = Object::from_value(o) else {
        return;
    };
    if !plain_storage(&ob) || key.as_index().is_some() {
        return;
    }
    let shape = ob.shape();
    if shape.is_dictionary() {
        let Some(index) = Object::dict_position(ob, key.to_raw()) else {
            return;
        };
        let mut e = [Value::UNDEFINED; WIDTH];
        e[0] = shape.to_value();
        e[1] = Value::FALSE;
        e[2] = key.to_raw();
        e[WIDTH - 1] = Value::int(index as i32);
        put(cx, code, slot, e);
        return;
    }
    let Some((index, a)) = Shape::lookup(cx.heap(), shape, key.to_raw()) else {
        return;
    };
    if a & attrs::ACCESSOR != 0 || a & attrs::WRITABLE == 0 {
        return;
    }
    let mut e = [Value::UNDEFINED; WIDTH];
    match before {
        Some(b) if b != shape => {
            // Added: `shape` must extend `b` by exactly this property, in its last slot.
            if b.is_dictionary()
                || shape.parent() != Some(b)
                || index + 1 != shape.count()
                || a != attrs::DEFAULT
                || synthesized(cx, &ob, key)
            {
                return;
            }
            e[0] = b.to_value();
            e[1] = Value::TRUE;
            e[2] = shape.to_value();
            let mut p = ob.prototype();
            let mut d = 0;
            while let Some(po) = Object::from_value(p) {
                if d == MAX_CHAIN || !plain(&po) {
                    return;
                }
                e[3 + d] = po.shape().to_value();
                d += 1;
                p = po.prototype();
            }
            if !p.is_null() {
                return;
            }
        }
        _ => {
            e[0] = shape.to_value();
            e[1] = Value::HOLE;
            e[WIDTH - 1] = Value::int(index as i32);
        }
    }
    put(cx, code, slot, e);
}

/// The shape of `o` before a generic store (for [`fill_store`]).
#[inline]
pub(super) fn shape_before(o: Value) -> Option<Gc<Shape>> {
    Object::from_value(o).map(|ob| ob.shape())
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

/// Where a cached global binding lives.
enum GlobalSlot {
    /// Fast-mode slot of the holder.
    Slot(Gc<Object>, u32),
    /// Entry position of the global object's dictionary, and the binding's name.
    Dict(Gc<Object>, u32, Value),
}

#[inline]
fn global_entry(cx: &Cx, code: &Code, slot: usize) -> Option<GlobalSlot> {
    let fb = vector(code)?;
    let entries = fb.cells().get(slot * SLOT..(slot + 1) * SLOT)?;
    let lexv = cx.realm.intrinsic(crate::realm::Intrinsic::GlobalLexicals);
    let lex = Object::from_value(lexv)?;
    let shape = lex.shape().to_value();
    for e in entries.chunks_exact(WIDTH) {
        if e[0].get() != shape {
            continue;
        }
        let holder = e[1].get();
        let index = e[WIDTH - 1].get().as_int()? as u32;
        if holder == lexv {
            return Some(GlobalSlot::Slot(lex, index));
        }
        let g = Object::from_value(cx.realm.global())?;
        if holder != g.to_value() {
            return None;
        }
        let holder_shape = e[2].get();
        if holder_shape.is_undefined() {
            // A dictionary-mode global object (more globals than a fast object holds): the
            // entry is checked against the name when it is used.
            return Some(GlobalSlot::Dict(g, index, e[3].get()));
        }
        if g.shape().to_value() == holder_shape {
            return Some(GlobalSlot::Slot(g, index));
        }
        return None;
    }
    None
}

/// A cached read of a global variable.
#[inline]
pub(super) fn load_global(cx: &Cx, code: &Code, slot: usize) -> Option<Value> {
    match global_entry(cx, code, slot)? {
        GlobalSlot::Slot(holder, index) => {
            let v = Object::slot(holder, index);
            (!v.is_hole()).then_some(v)
        }
        GlobalSlot::Dict(g, pos, key) => {
            let p = Object::dict_at(g, pos, key)?;
            (p.attrs & attrs::ACCESSOR == 0).then_some(p.value)
        }
    }
}

/// A cached write of a global variable; whether it was done.
#[inline]
pub(super) fn store_global(cx: &Cx, code: &Code, slot: usize, v: Value) -> bool {
    match global_entry(cx, code, slot) {
        Some(GlobalSlot::Slot(holder, index)) => {
            if Object::slot(holder, index).is_hole() {
                return false;
            }
            Object::set_slot(holder, index, v);
            true
        }
        Some(GlobalSlot::Dict(g, pos, key)) => Object::dict_set_at(g, pos, key, v),
        None => false,
    }
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
            let e = global_entry_value(
                lex.shape().to_value(),
                lex.to_value(),
                Value::UNDEFINED,
                index,
            );
            put(cx, code, slot, e);
        }
        return;
    }
    if g.host_data().is_some() || g.lazy_id() != 0 {
        return;
    }
    if g.shape().is_dictionary() {
        let Some(pos) = Object::dict_position(g, name) else {
            return;
        };
        if Object::dict_at(g, pos, name).is_some_and(|p| ok(p.attrs)) {
            let mut e =
                global_entry_value(lex.shape().to_value(), g.to_value(), Value::UNDEFINED, pos);
            e[3] = name;
            put(cx, code, slot, e);
        }
        return;
    }
    if let Some((index, a)) = Shape::lookup(cx.heap(), g.shape(), name) {
        if ok(a) {
            let e = global_entry_value(
                lex.shape().to_value(),
                g.to_value(),
                g.shape().to_value(),
                index,
            );
            put(cx, code, slot, e);
        }
    }
}

fn global_entry_value(
    lex_shape: Value,
    holder: Value,
    holder_shape: Value,
    index: u32,
) -> [Value; WIDTH] {
    let mut e = [Value::UNDEFINED; WIDTH];
    e[0] = lex_shape;
    e[1] = holder;
    e[2] = holder_shape;
    e[WIDTH - 1] = Value::int(index as i32);
    e
}
