//! Read-only views of builtin objects' internal state for hosts that display values (the
//! shell's inspector): a collection's entries, a collection iterator's remaining entries, a
//! Date's ISO text. Nothing here runs script code, calls a getter or allocates on the GC heap.

use super::collection::{table_of, Cursor};
use super::date::time;
use crate::object::{Object, ObjectClass};
use conch_gc::{Gc, Value};

/// Which keyed collection an object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CollectionKind {
    /// A `Map`.
    Map,
    /// A `Set`.
    Set,
    /// A `WeakMap`.
    WeakMap,
    /// A `WeakSet`.
    WeakSet,
}

/// The kind of a collection object (`None` for any other object).
pub fn collection_kind(o: &Object) -> Option<CollectionKind> {
    if o.class() != ObjectClass::Collection {
        return None;
    }
    Some(match o.internal(1).as_int()? {
        0 => CollectionKind::Map,
        1 => CollectionKind::Set,
        2 => CollectionKind::WeakMap,
        3 => CollectionKind::WeakSet,
        _ => return None,
    })
}

/// Calls `f(key, value)` for each live entry of a collection, in insertion order (a Set's
/// value is its key); `f` returns `false` to stop. The caller must not change the collection
/// meanwhile.
pub fn for_each_collection_entry(o: Gc<Object>, mut f: impl FnMut(Value, Value) -> bool) {
    if o.class() != ObjectClass::Collection {
        return;
    }
    let Some(t) = table_of(o) else { return };
    let mut c = Cursor::new(t);
    while let Some((k, v)) = c.next() {
        if !f(k, v) {
            break;
        }
    }
}

/// What a Map or Set Iterator yields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IteratorKind {
    /// Keys (a Map's keys).
    Keys,
    /// Values (a Map's or a Set's values).
    Values,
    /// `[key, value]` pairs (a Map's or a Set's entries).
    Entries,
}

/// A Map or Set Iterator's kind and whether it iterates a Map (`None` for other objects).
pub fn collection_iterator_kind(o: &Object) -> Option<(bool, IteratorKind)> {
    if o.class() != ObjectClass::CollectionIterator {
        return None;
    }
    let k = o.internal(2).as_int()?;
    // `collection::IterKind`: 0 map keys, 1 map values, 2 map entries, 3 set values,
    // 4 set entries.
    Some(match k {
        0 => (true, IteratorKind::Keys),
        1 => (true, IteratorKind::Values),
        2 => (true, IteratorKind::Entries),
        3 => (false, IteratorKind::Values),
        _ => (false, IteratorKind::Entries),
    })
}

/// Calls `f(key, value)` for each entry a Map or Set Iterator has still to yield, without
/// advancing it; `f` returns `false` to stop.
pub fn for_each_iterator_entry(o: Gc<Object>, mut f: impl FnMut(Value, Value) -> bool) {
    if o.class() != ObjectClass::CollectionIterator {
        return;
    }
    let Some(a) = o.internal(0).cell_addr() else {
        return;
    };
    // SAFETY: `internal(0)` of a collection iterator holds a live cell (its table); the kind
    // check decides.
    let Some(t) = (unsafe { Gc::<super::collection::MapTable>::from_addr(a) }) else {
        return;
    };
    let mut c = Cursor {
        table: t,
        pos: o.internal(1).as_int().unwrap_or(0).max(0) as usize,
    };
    while let Some((k, v)) = c.next() {
        if !f(k, v) {
            break;
        }
    }
}

/// A Date object's time value (`None` for other objects; NaN for an invalid date).
pub fn date_value(o: &Object) -> Option<f64> {
    if o.class() != ObjectClass::Date {
        return None;
    }
    Some(o.internal(0).as_number().unwrap_or(f64::NAN))
}

/// Passes `Date.prototype.toISOString`'s text of a time value (ASCII) to `f`; `false` (and
/// no call) when the time value is NaN.
pub fn date_iso_string(tv: f64, f: &mut dyn FnMut(&[u8])) -> bool {
    if tv.is_nan() {
        return false;
    }
    let mut b = time::Buf::new();
    time::iso_string(&mut b, tv);
    f(b.as_bytes());
    true
}
