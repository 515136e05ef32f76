//! Shapes (hidden classes), base shapes and the transition tree (ARCHITECTURE.md §8).
//!
//! A [`BaseShape`] holds what every object of a shape tree shares: realm, class, prototype,
//! how many inline slots the objects have, and flags. Objects of one (realm, class,
//! prototype) share one tree, so a cache keyed by the shape alone knows the prototype too.
//! A dictionary-mode object owns a *unique* base (flag [`base_flags::UNIQUE`]) whose
//! prototype, flags and host data may change in place.
//!
//! A [`Shape`] is one step of a tree: the key and attributes of the last property added, and
//! `count`, the number of named properties; property `n` of an object lives in slot `n`
//! (inline slots first, then the out-of-line slot array).
//!
//! Invariants:
//! - every shape of a tree has the same base; a root has `count == 0` and no key;
//! - a non-root shape's [`PropTable`] lists the shapes of its line in order: entry `i` is the
//!   ancestor (or itself) with `count == i + 1`. Lines share one table: a child appends to its
//!   parent's table when the parent is its tip, and copies the prefix otherwise. Entries past a
//!   shape's own `count` belong to other lines and may be dead: they are never read through
//!   that shape;
//! - each shape keeps its parent alive (entry `count − 2`, or the base's root), so a live
//!   shape's table prefix is live;
//! - a single child is held strongly (a chain of single children lives as long as any of its
//!   shapes: cheap, and a pure chain is what objects built the same way share); a shape with
//!   several children holds them weakly in a [`Transitions`] table, is listed in its realm's
//!   registry, and after marking [`mark_transitions`] drops the children that died and the
//!   table itself once empty (no allocation). So garbage objects with unique keys leave no
//!   shapes behind;
//! - shapes are immutable once published, except for their transitions and their table's tail.
//!
//! A property cache hit is therefore one shape compare plus one slot load.

use crate::kinds;
use crate::object::ObjectClass;
use conch_gc::{
    CellType, Gc, GcArray, GcHashMap, GcKey, GcVec, Heap, OutOfMemory, Trace, Tracer, Value,
};
use std::cell::Cell;

/// Property attribute bits.
pub mod attrs {
    /// `[[Writable]]` (data properties).
    pub const WRITABLE: u8 = 1;
    /// `[[Enumerable]]`.
    pub const ENUMERABLE: u8 = 2;
    /// `[[Configurable]]`.
    pub const CONFIGURABLE: u8 = 4;
    /// The slot holds an `Accessor` cell.
    pub const ACCESSOR: u8 = 8;
    /// Writable, enumerable, configurable: what assignment creates.
    pub const DEFAULT: u8 = WRITABLE | ENUMERABLE | CONFIGURABLE;
    /// Writable and configurable, not enumerable: builtin methods.
    pub const HIDDEN: u8 = WRITABLE | CONFIGURABLE;
}

/// Base-shape flags.
pub mod base_flags {
    /// Owned by one dictionary-mode object: the fields may change in place.
    pub const UNIQUE: u8 = 1;
    /// `[[Extensible]]` is false.
    pub const NOT_EXTENSIBLE: u8 = 2;
    /// Every element is non-configurable (sealed elements stay dense).
    pub const ELEMENTS_SEALED: u8 = 4;
    /// Every element is non-configurable and non-writable (frozen elements stay dense).
    pub const ELEMENTS_FROZEN: u8 = 8;
    /// Arrays: `length` is not writable.
    pub const LENGTH_READONLY: u8 = 16;
    /// The object has `[[IsHTMLDDA]]` (Annex B.3.6): `typeof` says "undefined", ToBoolean
    /// gives false and `==` equals `null` and `undefined`.
    pub const HTML_DDA: u8 = 32;
}

/// Objects with more named properties than this go to dictionary mode.
pub const MAX_FAST_PROPERTIES: u32 = 512;

const _: () = assert!(MAX_FAST_PROPERTIES < u16::MAX as u32);

/// The most inline slots an object gets (more go out of line).
pub const MAX_INLINE_SLOTS: u8 = 8;

/// Chains up to this long are searched by walking the table; longer ones through its index.
const LINEAR_LOOKUP: u32 = 8;

/// What the objects of a shape tree share (see the module docs).
pub struct BaseShape {
    realm: Value,
    proto: Cell<Value>,
    /// The tree's root shape (a weak-free back link: the root keeps the base alive and the
    /// base the root, which is fine for a tracing collector).
    root: Cell<Option<Gc<Shape>>>,
    /// Host-object extras of a dictionary-mode object of an ordinary class (unique bases).
    host: Cell<Option<Gc<crate::host_data::HostData>>>,
    class: ObjectClass,
    flags: Cell<u8>,
    /// Inline slots of every object of this tree.
    inline_cap: u8,
    /// Most named properties seen on an object of this tree (capped at MAX_INLINE_SLOTS):
    /// the next root for (realm, class, prototype) gets that many inline slots.
    hint: Cell<u8>,
    /// A builtin holder whose properties are created on first use: the id of its filler
    /// (0 = none). Only on bases a single object owns (singletons, dictionary mode).
    lazy: Cell<u8>,
}

// SAFETY: reports realm, prototype, root and host data.
unsafe impl Trace for BaseShape {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.realm);
        t.mark_value(self.proto.get());
        self.root.get().trace(t);
        self.host.get().trace(t);
    }
}

impl CellType for BaseShape {
    const KIND: u16 = kinds::BASE_SHAPE;
    const NAME: &'static str = "BaseShape";
}

impl BaseShape {
    /// The realm (a `Context` cell).
    pub fn realm(&self) -> Value {
        self.realm
    }
    /// `[[Prototype]]` of the objects.
    pub fn proto(&self) -> Value {
        self.proto.get()
    }
    /// The class of the objects.
    pub fn class(&self) -> ObjectClass {
        self.class
    }
    /// `base_flags` bits.
    pub fn flags(&self) -> u8 {
        self.flags.get()
    }
    /// Inline slots per object.
    pub fn inline_cap(&self) -> u8 {
        self.inline_cap
    }
    pub(crate) fn hint(&self) -> u8 {
        self.hint.get()
    }
    pub(crate) fn note_count(&self, n: u32) {
        let n = n.min(MAX_INLINE_SLOTS as u32) as u8;
        if n > self.hint.get() {
            self.hint.set(n);
        }
    }
    /// The lazy filler id of a builtin holder (0 = none; see `Object::lazy_id`).
    pub fn lazy(&self) -> u8 {
        self.lazy.get()
    }
    pub(crate) fn set_lazy(&self, id: u8) {
        self.lazy.set(id);
    }
    /// Host data (unique bases only).
    pub fn host(&self) -> Option<Gc<crate::host_data::HostData>> {
        self.host.get()
    }
    /// The root shape of this base's tree.
    pub fn root(&self) -> Gc<Shape> {
        self.root.get().expect("base has a root")
    }
    pub(crate) fn is_unique(&self) -> bool {
        self.flags.get() & base_flags::UNIQUE != 0
    }
    /// Changes in place; only for unique bases.
    pub(crate) fn set_proto(&self, p: Value) {
        debug_assert!(self.is_unique());
        self.proto.set(p);
    }
    pub(crate) fn set_flags(&self, f: u8) {
        debug_assert!(self.is_unique());
        self.flags.set(f);
    }
    pub(crate) fn set_host(&self, h: Gc<crate::host_data::HostData>) {
        debug_assert!(self.is_unique());
        self.host.set(Some(h));
    }
}

/// A shape (see the module docs): 40 bytes with its vtable word.
pub struct Shape {
    base: Gc<BaseShape>,
    /// The last property's key (`undefined` for roots and dictionary shapes).
    key: Value,
    /// Weak: 0, the address of the single child, or of a [`Transitions`] cell.
    transitions: Cell<usize>,
    /// The line's [`PropTable`] address (0 = none) divided by 8 (cells are 8-byte aligned) in
    /// bits 0..45, `count` in bits 45..56, the last property's attributes in 56..60,
    /// [`PACKED_DICT`] at bit 60. Fixed once the shape is made.
    packed: u64,
}

const PACKED_ADDR: u64 = (1 << 45) - 1;
const PACKED_COUNT_SHIFT: u32 = 45;
const PACKED_COUNT_MASK: u64 = (1 << 11) - 1;
const PACKED_ATTRS_SHIFT: u32 = 56;
/// A dictionary-mode object's unique shape.
const PACKED_DICT: u64 = 1 << 60;
const _: () = assert!(MAX_FAST_PROPERTIES as u64 <= PACKED_COUNT_MASK && attrs::ACCESSOR < 16);

fn pack(table: Option<Gc<PropTable>>, count: u32, attrs: u8, dict: bool) -> u64 {
    let addr = table.map_or(0, |t| t.addr() as u64);
    debug_assert!(addr & 7 == 0 && (addr >> 3) & !PACKED_ADDR == 0);
    debug_assert!(count as u64 <= PACKED_COUNT_MASK && attrs < 16);
    addr >> 3
        | (count as u64) << PACKED_COUNT_SHIFT
        | (attrs as u64) << PACKED_ATTRS_SHIFT
        | if dict { PACKED_DICT } else { 0 }
}

// SAFETY: reports base, key, table, parent and a single child; a `Transitions` cell is weak
// (not reported here: `mark_transitions` keeps the ones still needed).
unsafe impl Trace for Shape {
    fn trace(&self, t: &mut Tracer) {
        t.mark_addr(self.base.addr());
        t.mark_value(self.key);
        if let Some(tab) = self.table() {
            t.mark_addr(tab.addr());
        }
        if let Some(p) = self.parent() {
            t.mark_addr(p.addr());
        }
        let tr = self.transitions.get();
        // SAFETY: a non-zero transitions word names a live cell.
        if tr != 0 && unsafe { conch_gc::kind_of(tr) } == kinds::SHAPE {
            t.mark_addr(tr);
        }
    }
}

impl CellType for Shape {
    const KIND: u16 = kinds::SHAPE;
    const NAME: &'static str = "Shape";
}

/// The shapes of a line, in order, plus a lazily built hash index over a prefix of them.
pub struct PropTable {
    /// Shape addresses (not traced: see the module invariants).
    entries: GcVec<usize>,
    /// Open addressing: 0 = empty, else entry index + 1 (a line has at most
    /// MAX_FAST_PROPERTIES entries). Covers `entries[..indexed]`.
    index: Cell<Option<Gc<GcArray<u16>>>>,
    indexed: Cell<u32>,
}

// SAFETY: reports its storage only; entries are kept alive by the shapes (module docs).
unsafe impl Trace for PropTable {
    fn trace(&self, t: &mut Tracer) {
        self.entries.trace(t);
        self.index.get().trace(t);
    }
}

impl CellType for PropTable {
    const KIND: u16 = kinds::PROP_TABLE;
    const NAME: &'static str = "PropTable";
}

/// A transition's key: raw key bits and attributes (not traced: the child holds its key).
#[derive(Clone, Copy, PartialEq, Eq)]
struct TransitionKey {
    key: u64,
    attrs: u8,
}

// SAFETY: holds no traced references (see the type's docs).
unsafe impl Trace for TransitionKey {
    const LEAF: bool = true;
    fn trace(&self, _: &mut Tracer) {}
}

impl GcKey for TransitionKey {
    fn hash_key(&self) -> u64 {
        self.key.hash_key() ^ (self.attrs as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// The children of a shape with more than one (weak: values are shape addresses).
pub struct Transitions {
    map: GcHashMap<TransitionKey, usize>,
}

// SAFETY: reports the map's storage; its keys and values are weak.
unsafe impl Trace for Transitions {
    fn trace(&self, t: &mut Tracer) {
        self.map.trace(t);
    }
}

impl CellType for Transitions {
    const KIND: u16 = kinds::TRANSITIONS;
    const NAME: &'static str = "Transitions";
}

fn shape_at(addr: usize) -> Gc<Shape> {
    // SAFETY: callers pass addresses of live shapes (table prefixes, unpruned transitions).
    unsafe { Gc::<Shape>::from_addr_unchecked(addr) }
}

fn hash_of(key: Value) -> usize {
    key.hash_key() as usize
}

impl Shape {
    /// A new base and its root shape.
    pub fn new_root(
        heap: &Heap,
        realm: Value,
        class: ObjectClass,
        proto: Value,
        inline_cap: u8,
        flags: u8,
    ) -> Result<Gc<Shape>, OutOfMemory> {
        let base = heap.alloc(BaseShape {
            realm,
            proto: Cell::new(proto),
            root: Cell::new(None),
            host: Cell::new(None),
            class,
            flags: Cell::new(flags),
            inline_cap,
            hint: Cell::new(0),
            lazy: Cell::new(0),
        })?;
        let root = heap.alloc(Shape {
            base,
            key: Value::UNDEFINED,
            transitions: Cell::new(0),
            packed: pack(None, 0, 0, flags & base_flags::UNIQUE != 0),
        })?;
        base.root.set(Some(root));
        Ok(root)
    }

    /// The base.
    #[inline]
    pub fn base(&self) -> Gc<BaseShape> {
        self.base
    }
    /// Number of named properties (0 for dictionary shapes).
    #[inline]
    pub fn count(&self) -> u32 {
        ((self.packed >> PACKED_COUNT_SHIFT) & PACKED_COUNT_MASK) as u32
    }
    #[inline]
    fn attrs(&self) -> u8 {
        ((self.packed >> PACKED_ATTRS_SHIFT) & 0xf) as u8
    }
    #[inline]
    fn table(&self) -> Option<Gc<PropTable>> {
        let a = ((self.packed & PACKED_ADDR) << 3) as usize;
        // SAFETY: a non-zero table address names the live `PropTable` this shape keeps
        // alive (traced).
        (a != 0).then(|| unsafe { Gc::<PropTable>::from_addr_unchecked(a) })
    }
    /// Whether this is a dictionary-mode object's unique shape.
    #[inline]
    pub fn is_dictionary(&self) -> bool {
        self.packed & PACKED_DICT != 0
    }
    /// The last property's key (raw) and attributes.
    pub fn last(&self) -> (Value, u8) {
        (self.key, self.attrs())
    }

    /// The shape before the last property was added.
    pub fn parent(&self) -> Option<Gc<Shape>> {
        match self.count() {
            0 => None,
            1 => self.base.root.get(),
            n => {
                let t = self.table()?;
                t.entries.get(n as usize - 2).map(shape_at)
            }
        }
    }

    /// Slot and attributes of `key`.
    pub fn lookup(heap: &Heap, this: Gc<Shape>, key: Value) -> Option<(u32, u8)> {
        let n = this.count();
        if n == 0 {
            return None;
        }
        let table = this.table()?;
        if this.key == key {
            return Some((n - 1, this.attrs()));
        }
        if n <= LINEAR_LOOKUP {
            for i in (0..n as usize - 1).rev() {
                let s = shape_at(table.entries.get(i)?);
                if s.key == key {
                    return Some((i as u32, s.attrs()));
                }
            }
            return None;
        }
        let indexed = table.indexed.get().min(n);
        if indexed < n && table.extend_index(heap, n).is_err() {
            // No memory for the index: walk instead (lookup never fails).
            return Self::walk(table, 0, n, key);
        }
        let Some(index) = table.index.get() else {
            return Self::walk(table, 0, n, key);
        };
        let slots = index.cells();
        let mask = slots.len() - 1;
        let mut pos = hash_of(key) & mask;
        loop {
            let e = slots[pos].get();
            if e == 0 {
                return None;
            }
            let i = e as u32 - 1;
            if i < n {
                let s = shape_at(table.entries.get(i as usize)?);
                if s.key == key {
                    return Some((i, s.attrs()));
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    fn walk(table: Gc<PropTable>, from: u32, to: u32, key: Value) -> Option<(u32, u8)> {
        for i in (from..to).rev() {
            let s = shape_at(table.entries.get(i as usize)?);
            if s.key == key {
                return Some((i, s.attrs()));
            }
        }
        None
    }

    /// The child of `this` with `key` (not present yet) added with `attrs`. `registry` is the
    /// runtime's list of shapes with transitions.
    pub fn add(
        heap: &Heap,
        registry: &GcVec<usize>,
        this: Gc<Shape>,
        key: Value,
        attrs: u8,
    ) -> Result<Gc<Shape>, OutOfMemory> {
        debug_assert!(!this.is_dictionary());
        let tk = TransitionKey {
            key: key.to_bits(),
            attrs,
        };
        let tr = this.transitions.get();
        if tr != 0 {
            // SAFETY: unpruned transition words name live cells.
            if unsafe { conch_gc::kind_of(tr) } == kinds::SHAPE {
                let c = shape_at(tr);
                if c.key == key && c.attrs() == attrs {
                    return Ok(c);
                }
            } else {
                // SAFETY: as above; the kind says it is a Transitions cell.
                let t = unsafe { Gc::<Transitions>::from_addr_unchecked(tr) };
                if let Some(c) = t.map.get(&tk) {
                    return Ok(shape_at(c));
                }
            }
        }
        // Every allocation first: a collection in between may prune `this`'s transitions, so
        // the transition word is read again once nothing can allocate any more.
        // The line's table: shared when `this` is its tip, else a copy of the prefix.
        let n = this.count() as usize;
        let table = match this.table() {
            Some(t) if t.entries.len() == n => t,
            old => {
                let t = heap.alloc(PropTable {
                    entries: GcVec::new(),
                    index: Cell::new(None),
                    indexed: Cell::new(0),
                })?;
                t.entries.reserve_exact_to(heap, (n + 1).max(4))?;
                if let Some(old) = old {
                    for i in 0..n {
                        t.entries.push(heap, old.entries.get(i).unwrap_or(0))?;
                    }
                }
                t
            }
        };
        if table.entries.capacity() == n {
            // Double, up to the longest line there can be: the copies a line leaves behind
            // add up to about its final size (growing by a quarter left four times that as
            // garbage, which stays as free cells in the blocks), and a line of
            // MAX_FAST_PROPERTIES fills its last table exactly.
            let cap = (2 * n).clamp(4, MAX_FAST_PROPERTIES as usize).max(n + 1);
            table.entries.reserve_exact_to(heap, cap)?;
        }
        let child = heap.alloc(Shape {
            base: this.base,
            key,
            transitions: Cell::new(0),
            packed: pack(Some(table), this.count() + 1, attrs, false),
        })?;
        // A second child turns the single link into a table; a table gets one more entry.
        // (Read the word again: the allocations above may have pruned a table.) A collection
        // while the table grows may also leave it a single link (one child survived): then
        // prepare again, for a link.
        let spare = loop {
            let tr = this.transitions.get();
            let spare = if tr == 0 {
                None
            // SAFETY: unpruned transition words name live cells.
            } else if unsafe { conch_gc::kind_of(tr) } == kinds::SHAPE {
                let t = heap.alloc(Transitions {
                    map: GcHashMap::new(),
                })?;
                t.map.reserve(heap, 2)?;
                registry.reserve(heap, 1)?;
                Some(t)
            } else {
                // SAFETY: the kind says it is a Transitions cell.
                let t = unsafe { Gc::<Transitions>::from_addr_unchecked(tr) };
                t.map.reserve(heap, 1)?;
                None
            };
            let now = this.transitions.get();
            // SAFETY: as above.
            if spare.is_some() || now == 0 || unsafe { conch_gc::kind_of(now) } != kinds::SHAPE {
                break spare;
            }
        };
        // Nothing below allocates.
        let tr = this.transitions.get();
        if tr == 0 {
            this.transitions.set(child.addr());
        // SAFETY: unpruned transition words name live cells.
        } else if unsafe { conch_gc::kind_of(tr) } == kinds::SHAPE {
            let first = shape_at(tr);
            let t = spare.ok_or(OutOfMemory)?;
            let k0 = TransitionKey {
                key: first.key.to_bits(),
                attrs: first.attrs(),
            };
            t.map.insert(heap, k0, tr)?;
            t.map.insert(heap, tk, child.addr())?;
            // Invariant: a shape with a Transitions table is in the registry.
            this.transitions.set(t.addr());
            registry.push(heap, this.addr())?;
        } else {
            // SAFETY: the kind says it is a Transitions cell.
            let t = unsafe { Gc::<Transitions>::from_addr_unchecked(tr) };
            t.map.insert(heap, tk, child.addr())?;
        }
        table.entries.push(heap, child.addr())?;
        Ok(child)
    }

    /// Calls `f(key, slot, attrs)` for every property in insertion order.
    pub fn for_each(this: Gc<Shape>, mut f: impl FnMut(Value, u32, u8)) {
        let Some(t) = this.table() else { return };
        for i in 0..this.count() as usize {
            if let Some(a) = t.entries.get(i) {
                let s = shape_at(a);
                f(s.key, i as u32, s.attrs());
            }
        }
    }

    /// How many children this shape records (tests, diagnostics).
    pub fn transition_count(&self) -> usize {
        match self.transitions.get() {
            0 => 0,
            // SAFETY: a non-zero transitions word names a live cell.
            tr if unsafe { conch_gc::kind_of(tr) } == kinds::SHAPE => 1,
            // SAFETY: as above; the kind says it is a Transitions cell.
            tr => unsafe { Gc::<Transitions>::from_addr_unchecked(tr) }
                .map
                .len(),
        }
    }
}

impl PropTable {
    /// Makes the index cover `entries[..n]` (every one of them live: the caller's prefix).
    fn extend_index(&self, heap: &Heap, n: u32) -> Result<(), OutOfMemory> {
        let cap = self.index.get().map_or(0, |i| i.len());
        if (n as usize) * 2 > cap {
            // Rebuild over the caller's prefix only: entries past it may be dead.
            let slots = ((n as usize) * 2).next_power_of_two().max(16);
            let index = GcArray::<u16>::new(heap, slots)?;
            index.resize_within_capacity(slots, 0);
            self.index.set(Some(index));
            self.indexed.set(0);
        }
        let index = self.index.get().ok_or(OutOfMemory)?;
        let mask = index.len() - 1;
        for i in self.indexed.get()..n {
            let s = shape_at(self.entries.get(i as usize).ok_or(OutOfMemory)?);
            let mut pos = hash_of(s.key) & mask;
            while index.get(pos) != Some(0) {
                pos = (pos + 1) & mask;
            }
            index.set(pos, i as u16 + 1);
        }
        self.indexed.set(n);
        Ok(())
    }
}

/// Called once marking has found every strongly reachable cell (the runtime's marking hook):
/// drops the weak transitions to shapes that are not marked, and the registry entries of
/// shapes that are not marked or have no table left; then marks the `Transitions` cells still
/// in use, so that a table whose children all died (or all but one: that one becomes a single
/// link again) is freed by this very collection. A shape
/// that is marked later (resurrected by an object-before-collect callback) has lost its
/// transitions, which only costs a cache entry. Allocates nothing.
pub fn mark_transitions(heap: &Heap, registry: &GcVec<usize>) {
    let cells = registry.cells();
    let mut w = 0;
    for r in 0..cells.len() {
        let addr = cells[r].get();
        let s = shape_at(addr);
        let tr = s.transitions.get();
        if tr == 0 {
            continue;
        }
        if !heap.survives(addr) {
            s.transitions.set(0);
            continue;
        }
        // SAFETY: the transitions word names a live cell (cleared whenever it could die).
        if unsafe { conch_gc::kind_of(tr) } == kinds::SHAPE {
            // A single child (strong): no longer weak bookkeeping to do.
            continue;
        } else {
            // SAFETY: the kind says it is a Transitions cell.
            let t = unsafe { Gc::<Transitions>::from_addr_unchecked(tr) };
            let mut i = 0;
            while let Some((k, c, next)) = t.map.entry_at(i) {
                if !heap.survives(c) {
                    t.map.remove(&k);
                }
                i = next;
            }
            if t.map.is_empty() {
                s.transitions.set(0);
                continue;
            }
            if t.map.len() == 1 {
                // One child left: back to a single (strong) link, so the table, which may
                // have grown large, is freed by this collection.
                if let Some((_, c, _)) = t.map.entry_at(0) {
                    s.transitions.set(c);
                    continue;
                }
            }
            heap.mark_external(t.to_value());
        }
        cells[w].set(addr);
        w += 1;
    }
    registry.truncate(w);
    heap.drain_marking();
}
