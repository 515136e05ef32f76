//! The storage of the keyed collections (`Map`, `Set`, `WeakMap`, `WeakSet`): an
//! insertion-ordered table of entries in GC cells, with the spec's List semantics for
//! iteration (§24.1.3.5, §24.2.3.6): an iteration sees entries added while it runs and skips
//! entries deleted before it reaches them.
//!
//! A [`MapTable`] holds the entries in order (`entries`: key, value, key, value, …; a deleted
//! entry's key is `HOLE`) and an index from each live key to its entry number. Keys are
//! stored normalised for SameValueZero ([`normalize`]): `-0` becomes `+0`, numbers take their
//! canonical encoding (so `1` and `1.0`, and every NaN, are the same bits) and strings are
//! interned, so equal keys are equal values and the index hashes bits — except BigInts, which
//! the index compares and hashes by value ([`MapKey`]).
//!
//! Deleted entries are reclaimed by *compaction*, and `clear` empties a table, both by moving
//! the collection to a new table (as V8's OrderedHashTable does). The old table is kept (by
//! the iterators that still point into it, nothing else) with a link to its successor and the
//! positions that were deleted when it was replaced; an iterator at position `p` of an old
//! table continues at `p − (deleted positions below p)` of the new one (at 0 after a clear).
//! A [`Cursor`] follows these links, so iterators, `forEach` and the Set methods see exactly
//! the List the spec describes.
//!
//! Invariants: `index` maps exactly the live keys to their entry numbers; `live` = number of
//! live entries; a table with a successor has no entries and is never written again.

pub(crate) mod map;
pub(crate) mod set;
mod set_methods;
#[cfg(test)]
mod tests;
pub(crate) mod weak;

use crate::bigint::BigInt;
use crate::cx::{Cx, JsResult};
use crate::kinds;
use crate::object::{Object, ObjectClass};
use crate::string::JsString;
use conch_gc::{CellType, Gc, GcHashMap, GcKey, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};
use std::cell::Cell;

/// Which collection an object of class `Collection` is (its `internal(1)`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tag {
    Map = 0,
    Set = 1,
    WeakMap = 2,
    WeakSet = 3,
    /// A `WeakRef` (`builtins::weak_ref`): `internal(0)` is a `conch_gc::WeakRef` cell.
    WeakRef = 4,
    /// A `FinalizationRegistry` (`builtins::weak_ref::finalization`).
    FinalizationRegistry = 5,
}

/// The kind of a Map or Set Iterator (its `internal(2)`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum IterKind {
    MapKeys = 0,
    MapValues = 1,
    MapEntries = 2,
    SetValues = 3,
    SetEntries = 4,
}

/// Deleted entries beyond which a table is compacted (when they also outnumber the live ones).
const COMPACT_MIN_DEAD: usize = 16;

/// A normalised key in a table's index: bit equality, except that BigInts (which are not
/// interned: equal values may be different cells) compare and hash by value.
#[derive(Clone, Copy)]
struct MapKey(Value);

impl PartialEq for MapKey {
    fn eq(&self, other: &MapKey) -> bool {
        if self.0 == other.0 {
            return true;
        }
        match (BigInt::from_value(self.0), BigInt::from_value(other.0)) {
            (Some(a), Some(b)) => BigInt::equals(&a, &b),
            _ => false,
        }
    }
}
impl Eq for MapKey {}

// SAFETY: reports the key value.
unsafe impl Trace for MapKey {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.0);
    }
}

impl GcKey for MapKey {
    fn hash_key(&self) -> u64 {
        match BigInt::from_value(self.0) {
            Some(b) => b.hash(),
            None => self.0.hash_key(),
        }
    }
}

/// An entry table (see the module docs).
pub struct MapTable {
    entries: GcVec<Value>,
    index: GcHashMap<MapKey, u32>,
    /// The table that replaced this one (this one is then obsolete and empty).
    next: Cell<Option<Gc<MapTable>>>,
    /// Obsolete by compaction: the entry numbers that were deleted, ascending.
    removed: GcVec<u32>,
    /// Obsolete by `clear`: every position maps to 0.
    cleared: Cell<bool>,
}

// SAFETY: reports the entries, the index, the successor and the removed list.
unsafe impl Trace for MapTable {
    fn trace(&self, t: &mut Tracer) {
        self.entries.trace(t);
        self.index.trace(t);
        self.next.get().trace(t);
        self.removed.trace(t);
    }
}

impl CellType for MapTable {
    const KIND: u16 = kinds::MAP_TABLE;
    const NAME: &'static str = "MapTable";
}

impl MapTable {
    /// An empty table.
    pub fn new(heap: &Heap) -> Result<Gc<MapTable>, OutOfMemory> {
        heap.alloc(MapTable {
            entries: GcVec::new(),
            index: GcHashMap::new(),
            next: Cell::new(None),
            removed: GcVec::new(),
            cleared: Cell::new(false),
        })
    }

    /// Number of live entries.
    pub fn size(&self) -> usize {
        self.index.len()
    }

    /// Number of entry positions (live and deleted).
    fn positions(&self) -> usize {
        self.entries.len() / 2
    }

    /// The value of the normalised key `k`.
    pub fn get(&self, k: Value) -> Option<Value> {
        let n = self.index.get(&MapKey(k))? as usize;
        self.entries.get(2 * n + 1)
    }

    /// Whether the normalised key `k` is present.
    pub fn has(&self, k: Value) -> bool {
        self.index.contains_key(&MapKey(k))
    }

    /// Sets the value of the normalised key `k`, appending a new entry if absent.
    pub fn set(&self, heap: &Heap, k: Value, v: Value) -> Result<(), OutOfMemory> {
        if let Some(n) = self.index.get(&MapKey(k)) {
            self.entries.set(2 * n as usize + 1, v);
            return Ok(());
        }
        let n = u32::try_from(self.positions()).map_err(|_| OutOfMemory)?;
        // Room first, so that nothing is half added when memory runs out.
        self.entries.reserve(heap, 2)?;
        self.index.insert(heap, MapKey(k), n)?;
        self.entries.push(heap, k)?;
        self.entries.push(heap, v)?;
        Ok(())
    }

    /// Deletes the normalised key `k`; whether it was present.
    pub fn remove(&self, k: Value) -> bool {
        let Some(n) = self.index.remove(&MapKey(k)) else {
            return false;
        };
        self.entries.set(2 * n as usize, Value::HOLE);
        self.entries.set(2 * n as usize + 1, Value::UNDEFINED);
        true
    }

    /// The live entry at or after position `pos`: (key, value, next position).
    fn entry_from(&self, mut pos: usize) -> Option<(Value, Value, usize)> {
        while let Some(k) = self.entries.get(2 * pos) {
            if !k.is_hole() {
                let v = self.entries.get(2 * pos + 1).unwrap_or(Value::UNDEFINED);
                return Some((k, v, pos + 1));
            }
            pos += 1;
        }
        None
    }

    /// Follows the successor links from `(t, pos)` to the live table.
    fn resolve(mut t: Gc<MapTable>, mut pos: usize) -> (Gc<MapTable>, usize) {
        while let Some(n) = t.next.get() {
            pos = if t.cleared.get() {
                0
            } else {
                let below = t
                    .removed
                    .cells()
                    .partition_point(|c| (c.get() as usize) < pos);
                pos - below
            };
            t = n;
        }
        (t, pos)
    }

    /// Replaces `this` (the live table of collection `o`) by `new`; `removed` lists the
    /// positions of `this` that `new` leaves out (`None`: all of them, a clear).
    fn retire(o: Gc<Object>, this: Gc<MapTable>, new: Gc<MapTable>, removed: Option<GcVec<u32>>) {
        match removed {
            Some(r) => this.removed.replace_with(r),
            None => this.cleared.set(true),
        }
        this.next.set(Some(new));
        this.entries.clear();
        this.index.clear();
        Object::set_internal(o, 0, new.to_value());
    }

    /// Compacts the table of `o` when deleted entries dominate (best effort: nothing changes
    /// if memory runs out).
    pub fn maybe_compact(heap: &Heap, o: Gc<Object>) {
        let Some(t) = table_of(o) else { return };
        let dead = t.positions() - t.size();
        if dead < COMPACT_MIN_DEAD || dead <= t.size() {
            return;
        }
        let _ = Self::compact(heap, o, t);
    }

    fn compact(heap: &Heap, o: Gc<Object>, t: Gc<MapTable>) -> Result<(), OutOfMemory> {
        let new = MapTable::new(heap)?;
        new.entries.reserve(heap, 2 * t.size())?;
        new.index.reserve(heap, t.size())?;
        let removed = GcVec::<u32>::new();
        removed.reserve(heap, t.positions() - t.size())?;
        let mut pos = 0;
        while let Some(k) = t.entries.get(2 * pos) {
            if k.is_hole() {
                removed.push(heap, pos as u32)?;
            } else {
                let v = t.entries.get(2 * pos + 1).unwrap_or(Value::UNDEFINED);
                new.set(heap, k, v)?;
            }
            pos += 1;
        }
        Self::retire(o, t, new, Some(removed));
        Ok(())
    }

    /// Empties the collection `o` (its iterators continue at the start of the new table).
    pub fn clear(heap: &Heap, o: Gc<Object>) -> Result<(), OutOfMemory> {
        let Some(t) = table_of(o) else { return Ok(()) };
        let new = MapTable::new(heap)?;
        Self::retire(o, t, new, None);
        Ok(())
    }

    /// A new table with the same live entries.
    pub fn copy(heap: &Heap, t: Gc<MapTable>) -> Result<Gc<MapTable>, OutOfMemory> {
        let new = MapTable::new(heap)?;
        new.entries.reserve(heap, 2 * t.size())?;
        let mut pos = 0;
        while let Some((k, v, next)) = t.entry_from(pos) {
            new.set(heap, k, v)?;
            pos = next;
        }
        Ok(new)
    }
}

/// A position in a collection's entry List that survives compaction and clearing.
#[derive(Clone, Copy)]
pub(crate) struct Cursor {
    pub table: Gc<MapTable>,
    pub pos: usize,
}

impl Cursor {
    /// A cursor at the start of `t`.
    pub fn new(t: Gc<MapTable>) -> Cursor {
        Cursor { table: t, pos: 0 }
    }

    /// The next live entry (key, value), advancing past it; `None` at the end.
    pub fn next(&mut self) -> Option<(Value, Value)> {
        let (t, pos) = MapTable::resolve(self.table, self.pos);
        self.table = t;
        self.pos = pos;
        let (k, v, next) = t.entry_from(pos)?;
        self.pos = next;
        Some((k, v))
    }
}

/// The table of a collection object.
pub(crate) fn table_of(o: Gc<Object>) -> Option<Gc<MapTable>> {
    let a = o.internal(0).cell_addr()?;
    // SAFETY: `internal(0)` of a collection holds a live cell; the kind check decides.
    unsafe { Gc::<MapTable>::from_addr(a) }
}

/// The collection object behind `this` if it is a collection of kind `tag`.
pub(crate) fn this_collection(cx: &Cx, this: Value, tag: Tag, what: &str) -> JsResult<Gc<Object>> {
    match Object::from_value(this) {
        Some(o)
            if o.class() == ObjectClass::Collection && o.internal(1) == Value::int(tag as i32) =>
        {
            Ok(o)
        }
        _ => Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &[what],
            this,
        )),
    }
}

/// A new collection object of kind `tag` with prototype `proto` and an empty table.
pub(crate) fn new_collection(cx: &Cx, tag: Tag, proto: Value) -> JsResult<Gc<Object>> {
    let t = MapTable::new(cx.heap())?;
    let o = cx.new_object_with(ObjectClass::Collection, proto)?;
    Object::set_internal(o, 0, t.to_value());
    Object::set_internal(o, 1, Value::int(tag as i32));
    Ok(o)
}

/// The table of a collection known to be one.
pub(crate) fn table(cx: &Cx, o: Gc<Object>) -> JsResult<Gc<MapTable>> {
    table_of(o).ok_or_else(|| cx.type_error("collection without a table"))
}

/// `CanonicalizeKeyedCollectionKey` (`-0` → `+0`), as the value stored and returned.
pub(crate) fn canonicalize(v: Value) -> Value {
    match v.as_number() {
        Some(0.0) => Value::int(0),
        Some(d) => Value::number(d),
        None => v,
    }
}

/// The table's form of a key: canonicalised, numbers in canonical encoding, strings interned
/// (SameValueZero becomes bit equality).
pub(crate) fn normalize(cx: &Cx, v: Value) -> JsResult<Value> {
    if let Some(s) = JsString::from_value(v) {
        if s.is_atom() {
            return Ok(v);
        }
        return Ok(cx.rt.intern(s)?.to_value());
    }
    Ok(canonicalize(v))
}

/// `CanBeHeldWeakly(v)`: an object, or a symbol that is not in the global registry.
pub(crate) fn can_be_held_weakly(v: Value) -> bool {
    if Object::from_value(v).is_some() {
        return true;
    }
    crate::key::Symbol::from_value(v).is_some_and(|s| !s.registered.get())
}
