//! Objects: storage of named properties (shape + slots, or a dictionary) and of elements
//! (dense with holes, or sparse), plus the class-specific internal slots.
//!
//! This file is the storage layer: it finds, adds, replaces and removes own properties without
//! the spec's validation. The spec's internal methods, which validate and may run script, are in
//! `ops.rs`.
//!
//! Invariants:
//! - named (non-index) keys live in the shape chain + `slots` (fast mode) or in `dict`
//!   (dictionary mode, `flags & DICT`); index keys live in `elements` (dense: every element
//!   has the default attributes; `HOLE` is absent) or in `sparse` (`flags & SPARSE`);
//! - in fast mode `slots.len() == shape.count()`;
//! - an accessor property's stored value is an [`Accessor`] cell;
//! - for arrays, every index is `< length`.

use crate::host_data::HostData;
use crate::key::PropertyKey;
use crate::kinds;
use crate::shape::{attrs, Shape, MAX_FAST_PROPERTIES};
use crate::Context;
use conch_gc::{CellType, Gc, GcHashMap, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};

/// What kind of object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ObjectClass {
    /// An ordinary object.
    Ordinary,
    /// An Array exotic object.
    Array,
    /// A function (native: builtin or host).
    Function,
    /// An Error instance (`[[ErrorData]]`).
    Error,
    /// A Boolean wrapper (`internal[0]` is the boolean).
    Boolean,
    /// A Number wrapper (`internal[0]` is the number).
    Number,
    /// A String wrapper (`internal[0]` is the string).
    String,
    /// A Symbol wrapper (`internal[0]` is the symbol).
    Symbol,
    /// A host object with external data and an optional finalizer.
    External,
    /// An ArrayBuffer (see `array_buffer.rs`).
    ArrayBuffer,
    /// A host object whose property operations go through host traps first
    /// (`JsCreateCustomExternalObject`; the traps are in its `HostData::interceptor`).
    CustomExternal,
}

/// A property as stored: a value (an `Accessor` cell for accessors) and attribute bits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Prop {
    /// The value, or the `Accessor` cell.
    pub value: Value,
    /// `attrs::*` bits.
    pub attrs: u8,
}

// SAFETY: reports the value.
unsafe impl Trace for Prop {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.value);
    }
}

/// An accessor property's functions (`undefined` when absent).
pub struct Accessor {
    /// `[[Get]]`.
    pub get: Value,
    /// `[[Set]]`.
    pub set: Value,
}

// SAFETY: reports both functions.
unsafe impl Trace for Accessor {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.get);
        t.mark_value(self.set);
    }
}

impl CellType for Accessor {
    const KIND: u16 = kinds::ACCESSOR;
    const NAME: &'static str = "Accessor";
}

impl Accessor {
    /// The accessor cell stored in a property's value.
    pub fn of(p: &Prop) -> Gc<Accessor> {
        debug_assert!(p.attrs & attrs::ACCESSOR != 0);
        // SAFETY: accessor properties store an Accessor cell (module invariant).
        unsafe { Gc::<Accessor>::from_addr(p.value.cell_addr().expect("accessor cell")) }
            .expect("accessor cell")
    }
}

/// A native function's entry point: `(cx, callee, this, args, new_target)`; `new_target` is
/// `undefined` for a call.
pub type NativeFn =
    fn(&mut crate::Cx, Gc<Object>, Value, &[Value], Value) -> crate::JsResult<Value>;

const EXTENSIBLE: u8 = 1;
const DICT: u8 = 2;
const SPARSE: u8 = 4;
const CONSTRUCTOR: u8 = 8;
const LENGTH_READONLY: u8 = 16;

/// Dense elements may grow by at most this many holes at once; farther writes go sparse.
pub const MAX_DENSE_GAP: usize = 1024;

/// An object.
pub struct Object {
    class: ObjectClass,
    flags: u8,
    /// Arrays: `length`.
    length: u32,
    shape: Gc<Shape>,
    proto: Value,
    slots: GcVec<Value>,
    dict: GcHashMap<Value, Prop>,
    elements: GcVec<Value>,
    sparse: GcHashMap<u32, Prop>,
    /// Functions: the entry point.
    native: Option<NativeFn>,
    /// Class-specific values (wrapped primitive, host callback state, …).
    pub internal: [Value; 2],
    external_data: usize,
    /// The host's finalize callback (a `JsFinalizeCallback`, as an address; 0 = none).
    finalizer: usize,
    /// Host-object extras (see `host_data.rs`), allocated on first use.
    host: Option<Gc<HostData>>,
}

// SAFETY: reports shape, prototype, slots, dictionary, elements and internal values.
unsafe impl Trace for Object {
    fn trace(&self, t: &mut Tracer) {
        t.mark_addr(self.shape.addr());
        t.mark_value(self.proto);
        self.slots.trace(t);
        self.dict.trace(t);
        self.elements.trace(t);
        self.sparse.trace(t);
        self.internal.trace(t);
        if let Some(h) = self.host {
            t.mark_addr(h.addr());
            if let (Some(f), cb) = (h.trace_fn, h.trace_cb) {
                f(t, cb, self.external_data);
            }
        }
    }
}

impl CellType for Object {
    const KIND: u16 = kinds::OBJECT;
    const NAME: &'static str = "Object";
}

impl Object {
    /// A new empty object of `realm` (its root shape) with the given prototype.
    pub fn new_in(
        heap: &Heap,
        realm_root: Gc<Shape>,
        class: ObjectClass,
        proto: Value,
    ) -> Result<Gc<Object>, OutOfMemory> {
        heap.alloc(Object {
            class,
            flags: EXTENSIBLE,
            length: 0,
            shape: realm_root,
            proto,
            slots: GcVec::new(),
            dict: GcHashMap::new(),
            elements: GcVec::new(),
            sparse: GcHashMap::new(),
            native: None,
            internal: [Value::UNDEFINED; 2],
            external_data: 0,
            finalizer: 0,
            host: None,
        })
    }

    /// A shallow copy of `this` (for `JsCloneObject`): same class, prototype, realm,
    /// extensibility, own properties (named and indexed, same attributes; accessors share their
    /// `Accessor` cells, which are never mutated in place), internal values, native entry
    /// point, external data and finalizer address. The host-object extras (`host_data`) are
    /// not copied: the caller decides what a copy of them means. Registers no finalizer.
    pub fn clone_storage(heap: &Heap, this: Gc<Object>) -> Result<Gc<Object>, OutOfMemory> {
        let c = heap.alloc(Object {
            class: this.class,
            flags: this.flags,
            length: this.length,
            shape: this.shape,
            proto: this.proto,
            slots: GcVec::new(),
            dict: GcHashMap::new(),
            elements: GcVec::new(),
            sparse: GcHashMap::new(),
            native: this.native,
            internal: this.internal,
            external_data: this.external_data,
            finalizer: this.finalizer,
            host: None,
        })?;
        // Each copy is built in a local (the conservative scan keeps its storage alive) and
        // stored only when complete, so the clone is consistent whenever a collection looks.
        let mut slots = GcVec::new();
        slots.reserve(heap, this.slots.len())?;
        for &v in this.slots.as_slice() {
            slots.push(heap, v)?;
        }
        c.get_mut().slots = slots;
        let mut dict = GcHashMap::<Value, Prop>::new();
        let mut err = Ok(());
        this.dict.for_each(|k, p| {
            if err.is_ok() {
                err = dict.insert(heap, k, p).map(|_| ());
            }
        });
        err?;
        c.get_mut().dict = dict;
        let mut elements = GcVec::new();
        elements.reserve(heap, this.elements.len())?;
        for &v in this.elements.as_slice() {
            elements.push(heap, v)?;
        }
        c.get_mut().elements = elements;
        let mut sparse = GcHashMap::<u32, Prop>::new();
        let mut err = Ok(());
        this.sparse.for_each(|i, p| {
            if err.is_ok() {
                err = sparse.insert(heap, i, p).map(|_| ());
            }
        });
        err?;
        c.get_mut().sparse = sparse;
        Ok(c)
    }

    /// Downcasts a value to an object.
    pub fn from_value(v: Value) -> Option<Gc<Object>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Object>::from_addr(a) })
    }

    /// The realm (context) the object was created in.
    pub fn realm(&self) -> Gc<Context> {
        // SAFETY: a shape's realm is always a Context cell.
        unsafe { Gc::<Context>::from_addr(self.shape.realm().cell_addr().expect("realm")) }
            .expect("realm is a context")
    }
    /// The object's class.
    pub fn class(&self) -> ObjectClass {
        self.class
    }
    /// `[[Prototype]]`.
    pub fn prototype(&self) -> Value {
        self.proto
    }
    /// Sets `[[Prototype]]` (callers check for cycles and extensibility).
    pub fn set_prototype_raw(this: Gc<Object>, proto: Value) {
        this.get_mut().proto = proto;
    }
    /// Whether new properties may be added.
    pub fn is_extensible(&self) -> bool {
        self.flags & EXTENSIBLE != 0
    }
    /// `[[PreventExtensions]]` for ordinary objects.
    pub fn prevent_extensions(this: Gc<Object>) {
        this.get_mut().flags &= !EXTENSIBLE;
    }
    /// The host data of an external object.
    pub fn external_data(&self) -> usize {
        self.external_data
    }
    /// Sets the host data.
    pub fn set_external_data(this: Gc<Object>, data: usize) {
        this.get_mut().external_data = data;
    }
    /// The host finalize callback's address (0 = none).
    pub fn finalizer(&self) -> usize {
        self.finalizer
    }
    /// Sets the host finalize callback's address.
    pub fn set_finalizer(this: Gc<Object>, f: usize) {
        this.get_mut().finalizer = f;
    }
    /// The host-object extras, if any were ever set.
    pub fn host_data(&self) -> Option<Gc<HostData>> {
        self.host
    }
    /// The host-object extras, allocated now if absent.
    pub fn host_data_mut(this: Gc<Object>, heap: &Heap) -> Result<Gc<HostData>, OutOfMemory> {
        if let Some(h) = this.host {
            return Ok(h);
        }
        let h = HostData::new(heap)?;
        this.get_mut().host = Some(h);
        Ok(h)
    }
    /// A function's entry point.
    pub fn native(&self) -> Option<NativeFn> {
        self.native
    }
    /// Makes this object callable (and a constructor if `ctor`).
    pub fn set_native(this: Gc<Object>, f: NativeFn, ctor: bool) {
        let o = this.get_mut();
        o.native = Some(f);
        if ctor {
            o.flags |= CONSTRUCTOR;
        }
    }
    /// `IsCallable`.
    pub fn is_callable(&self) -> bool {
        self.native.is_some()
    }
    /// `IsConstructor`.
    pub fn is_constructor(&self) -> bool {
        self.flags & CONSTRUCTOR != 0
    }
    /// Arrays: `length`.
    pub fn array_length(&self) -> u32 {
        self.length
    }
    /// Arrays: whether `length` is writable.
    pub fn length_writable(&self) -> bool {
        self.flags & LENGTH_READONLY == 0
    }
    pub(crate) fn set_length_readonly(this: Gc<Object>) {
        this.get_mut().flags |= LENGTH_READONLY;
    }
    /// Whether named properties are in dictionary mode.
    pub fn is_dictionary(&self) -> bool {
        self.flags & DICT != 0
    }
    /// Whether elements are sparse.
    pub fn has_sparse_elements(&self) -> bool {
        self.flags & SPARSE != 0
    }
    /// The shape (fast mode) — the realm's root shape in dictionary mode.
    pub fn shape(&self) -> Gc<Shape> {
        self.shape
    }
    /// Number of dense element slots (holes included).
    pub fn dense_len(&self) -> usize {
        self.elements.len()
    }

    // ---- named properties ----

    /// The own named property `key` (not an index).
    pub fn get_named(heap: &Heap, this: Gc<Object>, key: Value) -> Option<Prop> {
        if this.flags & DICT != 0 {
            return this.dict.get(&key);
        }
        let (slot, attrs) = Shape::lookup(heap, this.shape, key)?;
        Some(Prop {
            value: this.slots.as_slice()[slot as usize],
            attrs,
        })
    }

    /// Stores `p` as the own named property `key`, adding it or replacing value and attributes.
    pub fn put_named(
        heap: &Heap,
        this: Gc<Object>,
        key: Value,
        p: Prop,
    ) -> Result<(), OutOfMemory> {
        if this.flags & DICT == 0 {
            match Shape::lookup(heap, this.shape, key) {
                Some((slot, a)) if a == p.attrs => {
                    this.get_mut().slots.set(slot as usize, p.value);
                    return Ok(());
                }
                Some(_) => Self::to_dictionary(heap, this)?,
                None if this.shape.count() < MAX_FAST_PROPERTIES => {
                    this.get_mut().slots.reserve(heap, 1)?;
                    let shape = Shape::add(heap, this.shape, key, p.attrs)?;
                    let o = this.get_mut();
                    o.slots.push(heap, p.value)?;
                    o.shape = shape;
                    return Ok(());
                }
                None => Self::to_dictionary(heap, this)?,
            }
        }
        this.get_mut().dict.insert(heap, key, p)?;
        Ok(())
    }

    /// Removes the own named property `key`; returns whether it existed.
    pub fn remove_named(heap: &Heap, this: Gc<Object>, key: Value) -> Result<bool, OutOfMemory> {
        if this.flags & DICT == 0 {
            let Some((slot, _)) = Shape::lookup(heap, this.shape, key) else {
                return Ok(false);
            };
            if slot + 1 == this.shape.count() {
                // The last property: step back to the parent shape.
                let o = this.get_mut();
                o.shape = o.shape.parent().expect("non-root shape");
                o.slots.pop();
                return Ok(true);
            }
            Self::to_dictionary(heap, this)?;
        }
        Ok(this.get_mut().dict.remove(&key).is_some())
    }

    /// Moves named properties into a dictionary (insertion order kept).
    fn to_dictionary(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        let mut dict = GcHashMap::<Value, Prop>::new();
        let slots = this.slots;
        let mut err = Ok(());
        Shape::for_each(this.shape, |k, slot, attrs| {
            if err.is_ok() {
                let value = slots.as_slice()[slot as usize];
                err = dict.insert(heap, k, Prop { value, attrs }).map(|_| ());
            }
        });
        err?;
        let o = this.get_mut();
        o.dict = dict;
        o.slots = GcVec::new();
        o.shape = Shape::root_of(o.shape);
        o.flags |= DICT;
        Ok(())
    }

    /// Calls `f(key, prop)` for each own named property in insertion order.
    pub fn for_each_named(this: Gc<Object>, mut f: impl FnMut(Value, Prop)) {
        if this.flags & DICT != 0 {
            this.dict.for_each(f);
        } else {
            let slots = this.slots;
            Shape::for_each(this.shape, |k, slot, attrs| {
                f(
                    k,
                    Prop {
                        value: slots.as_slice()[slot as usize],
                        attrs,
                    },
                )
            });
        }
    }

    // ---- elements ----

    /// The own element `i`.
    pub fn get_element(&self, i: u32) -> Option<Prop> {
        if self.flags & SPARSE != 0 {
            return self.sparse.get(&i);
        }
        match self.elements.get(i as usize) {
            Some(v) if !v.is_hole() => Some(Prop {
                value: v,
                attrs: attrs::DEFAULT,
            }),
            _ => None,
        }
    }

    /// Stores element `i` with `p` (adds or replaces). Arrays' `length` grows to cover it.
    pub fn put_element(heap: &Heap, this: Gc<Object>, i: u32, p: Prop) -> Result<(), OutOfMemory> {
        let idx = i as usize;
        if this.flags & SPARSE == 0 {
            let len = this.elements.len();
            let dense_ok = p.attrs == attrs::DEFAULT && idx < len + MAX_DENSE_GAP;
            if dense_ok {
                if idx >= len {
                    let o = this.get_mut();
                    // Grow geometrically so appends are amortised O(1).
                    if idx >= o.elements.capacity() {
                        let want = (idx + 1).max(o.elements.capacity() * 2).max(4);
                        o.elements.reserve(heap, want - len)?;
                    }
                    o.elements.resize(heap, idx + 1, Value::HOLE)?;
                }
                this.get_mut().elements.set(idx, p.value);
                Self::grow_length(this, i);
                return Ok(());
            }
            Self::to_sparse(heap, this)?;
        }
        this.get_mut().sparse.insert(heap, i, p)?;
        Self::grow_length(this, i);
        Ok(())
    }

    fn grow_length(this: Gc<Object>, i: u32) {
        if this.class == ObjectClass::Array && i >= this.length {
            this.get_mut().length = i + 1;
        }
    }

    /// Removes element `i`; returns whether it existed.
    pub fn remove_element(this: Gc<Object>, i: u32) -> bool {
        if this.flags & SPARSE != 0 {
            return this.get_mut().sparse.remove(&i).is_some();
        }
        let o = this.get_mut();
        match o.elements.get(i as usize) {
            Some(v) if !v.is_hole() => {
                if i as usize + 1 == o.elements.len() {
                    o.elements.pop();
                } else {
                    o.elements.set(i as usize, Value::HOLE);
                }
                true
            }
            _ => false,
        }
    }

    /// Moves elements into the sparse table.
    pub fn to_sparse(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        if this.flags & SPARSE != 0 {
            return Ok(());
        }
        let mut sparse = GcHashMap::<u32, Prop>::new();
        for (i, &v) in this.elements.as_slice().iter().enumerate() {
            if !v.is_hole() {
                sparse.insert(
                    heap,
                    i as u32,
                    Prop {
                        value: v,
                        attrs: attrs::DEFAULT,
                    },
                )?;
            }
        }
        let o = this.get_mut();
        o.sparse = sparse;
        o.elements = GcVec::new();
        o.flags |= SPARSE;
        Ok(())
    }

    /// Arrays: sets `length` to `n`, removing elements at or above it from the end down. Stops
    /// at the first non-configurable element and returns `false` with `length` just above it
    /// (ArraySetLength steps 17–19).
    pub fn truncate_elements(this: Gc<Object>, n: u32) -> bool {
        let o = this.get_mut();
        if o.flags & SPARSE == 0 {
            if (n as usize) < o.elements.len() {
                o.elements.truncate(n as usize);
            }
            o.length = n;
            return true;
        }
        // Sparse: find the highest non-configurable index ≥ n.
        let mut floor = n;
        let mut blocked = false;
        o.sparse.for_each(|i, p| {
            if i >= n && p.attrs & attrs::CONFIGURABLE == 0 && i + 1 > floor {
                floor = i + 1;
                blocked = true;
            }
        });
        // Remove everything at or above `floor`.
        let mut pos = 0;
        while let Some((i, _, next)) = o.sparse.entry_at(pos) {
            if i >= floor {
                o.sparse.remove(&i);
            }
            pos = next;
        }
        o.length = floor;
        !blocked
    }

    /// Sets an array's `length` without removing anything (caller ensures no element ≥ n).
    pub(crate) fn set_length_raw(this: Gc<Object>, n: u32) {
        this.get_mut().length = n;
    }

    /// Own element indices in ascending order, into `out`.
    pub fn element_indices(
        heap: &Heap,
        this: Gc<Object>,
        out: &mut GcVec<u32>,
    ) -> Result<(), OutOfMemory> {
        if this.flags & SPARSE != 0 {
            out.reserve(heap, this.sparse.len())?;
            let mut err = Ok(());
            this.sparse.for_each(|i, _| {
                if err.is_ok() {
                    err = out.push(heap, i);
                }
            });
            err?;
            out.as_mut_slice().sort_unstable();
        } else {
            for (i, v) in this.elements.as_slice().iter().enumerate() {
                if !v.is_hole() {
                    out.push(heap, i as u32)?;
                }
            }
        }
        Ok(())
    }

    /// Whether the key is an index key stored in elements.
    pub fn key_is_element(key: PropertyKey) -> Option<u32> {
        key.as_index()
    }
}

#[cfg(test)]
mod clone_tests {
    #![allow(clippy::disallowed_macros, clippy::disallowed_methods)] // test-sized keys

    use crate::builtins::create_realm;
    use crate::ops;
    use crate::*;
    use conch_gc::Value;

    fn with_realm(f: impl FnOnce(&mut Cx)) {
        let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
        let realm = create_realm(&rt).unwrap();
        let mut cx = Cx::new(&rt, realm);
        f(&mut cx);
    }

    /// Clones one object per storage mode (fast, dictionary; dense, sparse elements) and
    /// checks the copy has the same properties and is independent of the source.
    #[test]
    fn clone_storage_copies_every_storage_mode() {
        with_realm(|cx| {
            for (named, index) in [(3, 2u32), (200, 5000)] {
                let o = cx.new_object().unwrap();
                for i in 0..named {
                    let k = cx.rt.key(&format!("p{i}")).unwrap();
                    ops::create_data_property(cx, o, k, Value::int(i)).unwrap();
                }
                ops::create_data_property(cx, o, PropertyKey::index(index), Value::TRUE).unwrap();
                ops::create_data_property(cx, o, PropertyKey::index(0), Value::FALSE).unwrap();
                Object::prevent_extensions(o);
                let c = Object::clone_storage(cx.heap(), o).unwrap();
                assert_eq!(c.is_dictionary(), o.is_dictionary());
                assert_eq!(c.has_sparse_elements(), o.has_sparse_elements());
                assert!(!c.is_extensible());
                assert_eq!(c.prototype(), o.prototype());
                assert_eq!(c.class(), o.class());
                let keys = ops::own_property_keys(cx, c).unwrap();
                assert_eq!(keys.len(), named as usize + 2);
                let last = cx.rt.key(&format!("p{}", named - 1)).unwrap();
                assert_eq!(ops::get_v(cx, c, last).unwrap(), Value::int(named - 1));
                let ki = PropertyKey::index(index);
                assert_eq!(ops::get_v(cx, c, ki).unwrap(), Value::TRUE);
                // Independent storage.
                assert!(ops::delete(cx, c, last).unwrap());
                assert!(ops::delete(cx, c, ki).unwrap());
                assert_eq!(ops::get_v(cx, o, last).unwrap(), Value::int(named - 1));
                assert_eq!(ops::get_v(cx, o, ki).unwrap(), Value::TRUE);
            }
        });
    }
}
