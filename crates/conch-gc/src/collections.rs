//! GC-resident collections: every byte in heap cells, every growth fallible.
//!
//! - [`GcArray<T>`]: a variable-size cell `[len, cap, items…]` (also string storage: `u8`/`u16`).
//! - [`GcVec<T>`]: a growable vector stored inline in a cell, backed by a `GcArray`.
//! - [`GcHashMap<K, V>`]: an insertion-ordered hash map (compact entries + open-addressing
//!   index), the layout of Map/Set and dictionary-mode property tables.
//!
//! A collection inside a cell is traced by that cell's `trace` calling the collection's.

use crate::cell::{CellType, Gc, Trace};
use crate::heap::{Heap, Tracer};
use crate::{OutOfMemory, Value};
use std::cell::Cell;
use std::marker::PhantomData;

/// A fixed-capacity array cell; `len ≤ cap` items are initialised.
///
/// Items are shared-mutable (as if `[Cell<T>]`): every access goes through the cell's
/// [`Gc`] handle, whose pointer covers the whole allocation (a `&GcArray` covers only the
/// fixed part), and no `&mut` to the items is ever formed (GC.md).
#[repr(C)]
pub struct GcArray<T> {
    len: Cell<u32>,
    cap: u32,
    _items: PhantomData<Cell<T>>,
}

// SAFETY: traces the initialised items.
unsafe impl<T: Trace + Copy + 'static> Trace for GcArray<T> {
    const LEAF: bool = T::LEAF;
    fn trace(&self, tracer: &mut Tracer) {
        if T::LEAF {
            return;
        }
        // The items lie past `self` (which covers only the fixed part): reach them through
        // the cell's address, whose exposed provenance covers the whole allocation.
        let addr = (self as *const Self).addr() - crate::PAYLOAD_OFFSET;
        // SAFETY: the collector traces only live cells; this one is a `GcArray<T>`.
        let a = unsafe { Gc::<GcArray<T>>::from_addr_unchecked(addr) };
        for c in a.cells() {
            c.get().trace(tracer);
        }
    }
}

impl<T: Trace + Copy + 'static> CellType for GcArray<T> {
    const KIND: u16 = crate::KIND_ARRAY;
    const NAME: &'static str = "GcArray";
    // Arrays of references are marked a slice at a time (a million elements must not need a
    // million mark-stack entries); leaf arrays are not traced at all.
    const TRACE_SLICE: Option<crate::SliceTrace> = if T::LEAF {
        None
    } else {
        Some(trace_slice::<T>)
    };
}

/// Traces items `from..from + max` of the `GcArray<T>` at `addr`; returns its length.
unsafe fn trace_slice<T: Trace + Copy + 'static>(
    addr: usize,
    from: usize,
    max: usize,
    tracer: &mut Tracer,
) -> usize {
    // SAFETY: the collector calls this only for live cells whose vtable is `GcArray<T>`'s.
    let a = unsafe { Gc::<GcArray<T>>::from_addr_unchecked(addr) };
    let cells = a.cells();
    for c in cells.iter().skip(from).take(max) {
        c.get().trace(tracer);
    }
    cells.len()
}

impl<T: Trace + Copy + 'static> GcArray<T> {
    /// An empty array with room for `cap` items.
    pub fn new(heap: &Heap, cap: usize) -> Result<Gc<GcArray<T>>, OutOfMemory> {
        let cap32 = u32::try_from(cap).map_err(|_| OutOfMemory)?;
        let bytes = cap
            .checked_mul(std::mem::size_of::<T>())
            .ok_or(OutOfMemory)?;
        heap.alloc_with_extra(
            GcArray {
                len: Cell::new(0),
                cap: cap32,
                _items: PhantomData,
            },
            bytes,
        )
    }

    /// An array holding a copy of `items`.
    pub fn from_slice(heap: &Heap, items: &[T]) -> Result<Gc<GcArray<T>>, OutOfMemory> {
        let a = Self::new(heap, items.len())?;
        for &v in items {
            a.push_within_capacity(v);
        }
        Ok(a)
    }
}

impl<T: Trace + Copy + 'static> Gc<GcArray<T>> {
    /// The first item's address (for `SegStack`'s frames).
    pub(crate) fn items_ptr(self) -> *mut Cell<T> {
        self.items()
    }

    fn items(self) -> *mut Cell<T> {
        // SAFETY: the payload pointer carries the provenance of the whole cell; the items
        // follow the fixed part inside it.
        unsafe {
            self.payload_ptr()
                .cast::<u8>()
                .add(std::mem::size_of::<GcArray<T>>())
                .cast::<Cell<T>>()
        }
    }

    /// Number of initialised items.
    #[inline]
    pub fn len(self) -> usize {
        self.len.get() as usize
    }
    /// Whether there are no items.
    pub fn is_empty(self) -> bool {
        self.len.get() == 0
    }
    /// Capacity.
    pub fn capacity(self) -> usize {
        self.cap as usize
    }

    /// The initialised items, as cells (shared-mutable).
    #[inline]
    pub fn cells(&self) -> &[Cell<T>] {
        // SAFETY: `len` items are initialised and only ever accessed through `Cell`s.
        unsafe { std::slice::from_raw_parts(self.items(), self.len()) }
    }

    /// The initialised items as a plain slice.
    ///
    /// # Safety
    /// No item of this array may be written while the slice lives (e.g. string storage,
    /// which is immutable once built).
    pub unsafe fn as_slice(&self) -> &[T] {
        // SAFETY: `Cell<T>` has `T`'s layout; the caller guarantees no concurrent writes.
        unsafe { std::slice::from_raw_parts(self.items().cast::<T>(), self.len()) }
    }

    /// Item `i`.
    #[inline]
    pub fn get(self, i: usize) -> Option<T> {
        if i < self.len() {
            // SAFETY: i < len.
            Some(unsafe { (*self.items().add(i)).get() })
        } else {
            None
        }
    }

    /// Sets item `i < len`; returns false if out of range.
    #[inline]
    pub fn set(self, i: usize, v: T) -> bool {
        if i < self.len() {
            // SAFETY: i < len.
            unsafe { (*self.items().add(i)).set(v) };
            true
        } else {
            false
        }
    }

    /// Appends if there is room; returns false when full.
    pub fn push_within_capacity(self, v: T) -> bool {
        let len = self.len.get();
        if len == self.cap {
            return false;
        }
        // SAFETY: index `len` < `cap` lies within the allocation.
        unsafe { self.items().add(len as usize).write(Cell::new(v)) };
        self.len.set(len + 1);
        true
    }

    /// Sets the length to `n ≤ capacity`, filling new items with `fill`.
    pub fn resize_within_capacity(self, n: usize, fill: T) {
        let n = n.min(self.cap as usize);
        for k in self.len()..n {
            // SAFETY: k < cap.
            unsafe { self.items().add(k).write(Cell::new(fill)) };
        }
        self.len.set(n as u32);
    }

    /// Shortens to `n` items (no-op if already shorter).
    #[inline]
    pub fn truncate(self, n: usize) {
        if n < self.len() {
            self.len.set(n as u32);
        }
    }

    /// Appends `n` items, each written once: `head`, then `copy` items read from index
    /// `from` of this array, then `fill`. False (nothing appended) unless `n` more items
    /// fit, `head.len() + copy ≤ n` and `from + copy ≤ len`.
    #[inline]
    pub fn extend_frame(self, head: &[T], from: usize, copy: usize, n: usize, fill: T) -> bool {
        let len = self.len();
        let fits = len
            .checked_add(n)
            .is_some_and(|end| end <= self.cap as usize);
        if !fits || head.len() + copy > n || from.checked_add(copy).is_none_or(|e| e > len) {
            return false;
        }
        let items = self.items();
        // SAFETY: every index written is in len..len + n ≤ cap (checked above), and every
        // index read is in from..from + copy ≤ len (initialised items, not being written).
        unsafe {
            let mut at = items.add(len);
            for &h in head {
                at.write(Cell::new(h));
                at = at.add(1);
            }
            for k in 0..copy {
                at.write(Cell::new((*items.add(from + k)).get()));
                at = at.add(1);
            }
            for _ in head.len() + copy..n {
                at.write(Cell::new(fill));
                at = at.add(1);
            }
        }
        self.len.set((len + n) as u32);
        true
    }
}

/// A growable vector stored inline in a cell (trace it from the cell's `trace`).
///
/// All methods take `&self`: a vector in a cell is reached through a shared reference, and
/// growth replaces the backing array only after the new one is complete, so a collection
/// during growth sees a consistent vector (GC.md). The backing array belongs to this vector
/// alone (it is never handed out).
pub struct GcVec<T: Trace + Copy + 'static> {
    arr: Cell<Option<Gc<GcArray<T>>>>,
}

impl<T: Trace + Copy + 'static> Default for GcVec<T> {
    fn default() -> Self {
        GcVec {
            arr: Cell::new(None),
        }
    }
}

// SAFETY: traces the backing array.
unsafe impl<T: Trace + Copy + 'static> Trace for GcVec<T> {
    fn trace(&self, tracer: &mut Tracer) {
        self.arr.get().trace(tracer)
    }
}

impl<T: Trace + Copy + 'static> GcVec<T> {
    /// An empty vector (allocates nothing).
    pub fn new() -> GcVec<T> {
        Self::default()
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.arr.get().map_or(0, |a| a.len())
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Capacity.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.arr.get().map_or(0, |a| a.capacity())
    }

    /// The items, as cells. A `push` that grows the vector moves later items to a new array:
    /// re-read the cells after growing.
    pub fn cells(&self) -> &[Cell<T>] {
        match self.arr.get() {
            // SAFETY: `len` items are initialised and only ever accessed through `Cell`s; the
            // array stays allocated while this vector (or the slice on the stack) refers to it.
            Some(a) => unsafe { std::slice::from_raw_parts(a.items(), a.len()) },
            None => &[],
        }
    }

    /// The items as a plain slice.
    ///
    /// # Safety
    /// The vector must not be modified while the slice lives (e.g. a local vector of
    /// arguments passed on to a call that cannot reach it).
    pub unsafe fn as_slice(&self) -> &[T] {
        match self.arr.get() {
            // SAFETY: as `cells`; the caller guarantees no writes meanwhile.
            Some(a) => unsafe { std::slice::from_raw_parts(a.items().cast::<T>(), a.len()) },
            None => &[],
        }
    }

    /// Copies the items out, in order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.cells().iter().map(Cell::get)
    }

    /// Item `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        self.arr.get().and_then(|a| a.get(i))
    }

    /// Sets item `i` (must exist); returns false if out of range.
    #[inline]
    pub fn set(&self, i: usize, v: T) -> bool {
        self.arr.get().is_some_and(|a| a.set(i, v))
    }

    /// The last item.
    pub fn last(&self) -> Option<T> {
        let n = self.len();
        if n == 0 {
            None
        } else {
            self.get(n - 1)
        }
    }

    /// Appends `n` copies of `fill` (one capacity check, not one per item).
    pub fn extend_filled(&self, heap: &Heap, n: usize, fill: T) -> Result<(), OutOfMemory> {
        self.reserve(heap, n)?;
        let a = self.arr.get().ok_or(OutOfMemory)?;
        let len = a.len();
        a.resize_within_capacity(len + n, fill);
        if a.len() == len + n {
            Ok(())
        } else {
            Err(OutOfMemory)
        }
    }

    /// Appends `n` items in one step (see [`GcArray::extend_frame`]): `head`, then `copy`
    /// items copied from index `from`, then `fill`.
    #[inline]
    pub fn extend_frame(
        &self,
        heap: &Heap,
        head: &[T],
        from: usize,
        copy: usize,
        n: usize,
        fill: T,
    ) -> Result<(), OutOfMemory> {
        self.reserve(heap, n)?;
        let a = self.arr.get().ok_or(OutOfMemory)?;
        if a.extend_frame(head, from, copy, n, fill) {
            Ok(())
        } else {
            Err(OutOfMemory)
        }
    }

    /// Ensures room for `extra` more items.
    #[inline]
    pub fn reserve(&self, heap: &Heap, extra: usize) -> Result<(), OutOfMemory> {
        let len = self.len();
        let need = len.checked_add(extra).ok_or(OutOfMemory)?;
        if need <= self.capacity() {
            return Ok(());
        }
        let cap = need.max(self.capacity().saturating_mul(2)).max(4);
        self.reserve_exact_to(heap, cap)
    }

    /// Ensures a capacity of exactly `cap` (if larger than now), without the doubling.
    pub fn reserve_exact_to(&self, heap: &Heap, cap: usize) -> Result<(), OutOfMemory> {
        if cap <= self.capacity() {
            return Ok(());
        }
        let new = GcArray::<T>::new(heap, cap)?;
        for c in self.cells() {
            new.push_within_capacity(c.get());
        }
        self.arr.set(Some(new));
        Ok(())
    }

    /// Appends `v`.
    pub fn push(&self, heap: &Heap, v: T) -> Result<(), OutOfMemory> {
        if let Some(a) = self.arr.get() {
            if a.push_within_capacity(v) {
                return Ok(());
            }
        }
        // `v` stays on the stack (conservatively scanned) while growth may collect.
        self.reserve(heap, 1)?;
        if self.arr.get().is_some_and(|a| a.push_within_capacity(v)) {
            Ok(())
        } else {
            Err(OutOfMemory)
        }
    }

    /// Removes and returns the last item.
    pub fn pop(&self) -> Option<T> {
        let a = self.arr.get()?;
        let n = a.len();
        let v = a.get(n.checked_sub(1)?)?;
        a.truncate(n - 1);
        Some(v)
    }

    /// Shortens to `n` items.
    #[inline]
    pub fn truncate(&self, n: usize) {
        if let Some(a) = self.arr.get() {
            a.truncate(n);
        }
    }

    /// Drops every item and the backing array.
    pub fn clear(&self) {
        self.arr.set(None);
    }

    /// Moves the contents out, leaving this vector empty.
    pub fn take(&self) -> GcVec<T> {
        GcVec {
            arr: Cell::new(self.arr.take()),
        }
    }

    /// Replaces the contents with `other`'s (which is consumed).
    pub fn replace_with(&self, other: GcVec<T>) {
        self.arr.set(other.arr.get());
    }

    /// Inserts at `i ≤ len`, shifting later items.
    pub fn insert(&self, heap: &Heap, i: usize, v: T) -> Result<(), OutOfMemory> {
        if i > self.len() {
            return Err(OutOfMemory);
        }
        self.push(heap, v)?;
        let s = self.cells();
        for k in (i + 1..s.len()).rev() {
            s[k].set(s[k - 1].get());
        }
        s[i].set(v);
        Ok(())
    }

    /// Removes item `i`, shifting later items.
    pub fn remove(&self, i: usize) -> Option<T> {
        let s = self.cells();
        if i >= s.len() {
            return None;
        }
        let v = s[i].get();
        for k in i..s.len() - 1 {
            s[k].set(s[k + 1].get());
        }
        self.truncate(s.len() - 1);
        Some(v)
    }

    /// Resizes to `n` items, filling with `fill`.
    pub fn resize(&self, heap: &Heap, n: usize, fill: T) -> Result<(), OutOfMemory> {
        if n <= self.len() {
            self.truncate(n);
            return Ok(());
        }
        self.reserve(heap, n - self.len())?;
        if let Some(a) = self.arr.get() {
            a.resize_within_capacity(n, fill);
        }
        Ok(())
    }
}

/// Keys of a [`GcHashMap`]: hashable by value, compared with `==`.
pub trait GcKey: Copy + Eq + Trace + 'static {
    /// The key's hash.
    fn hash_key(&self) -> u64;
}

fn mix(mut x: u64) -> u64 {
    // A 64-bit finalizer (splitmix64's): good spread for pointers and small integers.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl GcKey for u64 {
    fn hash_key(&self) -> u64 {
        mix(*self)
    }
}
impl GcKey for u32 {
    fn hash_key(&self) -> u64 {
        mix(*self as u64)
    }
}
impl GcKey for usize {
    fn hash_key(&self) -> u64 {
        mix(*self as u64)
    }
}
impl GcKey for Value {
    fn hash_key(&self) -> u64 {
        mix(self.to_bits())
    }
}
impl<T: 'static> GcKey for Gc<T> {
    fn hash_key(&self) -> u64 {
        mix(self.addr() as u64)
    }
}

/// One entry of a [`GcHashMap`]; `live == false` marks a removed entry.
#[derive(Clone, Copy)]
pub struct MapEntry<K, V> {
    key: K,
    value: V,
    live: bool,
}

// SAFETY: traces key and value of live entries (removed entries hold stale data).
unsafe impl<K: Trace, V: Trace> Trace for MapEntry<K, V> {
    fn trace(&self, tracer: &mut Tracer) {
        if self.live {
            self.key.trace(tracer);
            self.value.trace(tracer);
        }
    }
}

const EMPTY: u32 = 0;
const DELETED: u32 = u32::MAX;

/// An insertion-ordered hash map stored inline in a cell. Methods take `&self` (see
/// [`GcVec`]).
pub struct GcHashMap<K: GcKey, V: Trace + Copy + 'static> {
    entries: GcVec<MapEntry<K, V>>,
    /// Open-addressing index: 0 = empty, `DELETED`, else entry index + 1. Power-of-two size.
    index: Cell<Option<Gc<GcArray<u32>>>>,
    live: Cell<u32>,
}

impl<K: GcKey, V: Trace + Copy + 'static> Default for GcHashMap<K, V> {
    fn default() -> Self {
        GcHashMap {
            entries: GcVec::new(),
            index: Cell::new(None),
            live: Cell::new(0),
        }
    }
}

// SAFETY: traces the entries and the index.
unsafe impl<K: GcKey, V: Trace + Copy + 'static> Trace for GcHashMap<K, V> {
    fn trace(&self, tracer: &mut Tracer) {
        self.entries.trace(tracer);
        self.index.get().trace(tracer);
    }
}

impl<K: GcKey, V: Trace + Copy + 'static> GcHashMap<K, V> {
    /// An empty map (allocates nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live.get() as usize
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.live.get() == 0
    }

    fn find(&self, key: &K) -> Result<(usize, usize), usize> {
        let Some(index) = self.index.get() else {
            return Err(usize::MAX);
        };
        let slots = index.cells();
        let mask = slots.len() - 1;
        let entries = self.entries.cells();
        let mut pos = key.hash_key() as usize & mask;
        let mut first_deleted = usize::MAX;
        for _ in 0..slots.len() {
            match slots[pos].get() {
                EMPTY => {
                    return Err(if first_deleted != usize::MAX {
                        first_deleted
                    } else {
                        pos
                    })
                }
                DELETED => {
                    if first_deleted == usize::MAX {
                        first_deleted = pos;
                    }
                }
                n => {
                    let e = entries[n as usize - 1].get();
                    if e.live && e.key == *key {
                        return Ok((pos, n as usize - 1));
                    }
                }
            }
            pos = (pos + 1) & mask;
        }
        Err(first_deleted)
    }

    /// The value for `key`.
    pub fn get(&self, key: &K) -> Option<V> {
        let (_, e) = self.find(key).ok()?;
        self.entries.get(e).map(|e| e.value)
    }

    /// The position of `key`'s entry in the entry list (stable until a removal is followed
    /// by a rehash; check with [`GcHashMap::live_at`]).
    pub fn position(&self, key: &K) -> Option<usize> {
        self.find(key).ok().map(|(_, e)| e)
    }

    /// The live entry at position `i` of the entry list.
    #[inline]
    pub fn live_at(&self, i: usize) -> Option<(K, V)> {
        let e = self.entries.get(i)?;
        e.live.then_some((e.key, e.value))
    }

    /// Replaces the value of the live entry at position `i`; whether there was one.
    pub fn set_value_at(&self, i: usize, value: V) -> bool {
        match self.entries.get(i) {
            Some(mut e) if e.live => {
                e.value = value;
                self.entries.set(i, e);
                true
            }
            _ => false,
        }
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_ok()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&self, heap: &Heap, key: K, value: V) -> Result<Option<V>, OutOfMemory> {
        if let Ok((_, e)) = self.find(&key) {
            let mut slot = self.entries.get(e).ok_or(OutOfMemory)?;
            let old = slot.value;
            slot.value = value;
            self.entries.set(e, slot);
            return Ok(Some(old));
        }
        // Keep the index at most half full (counting removed entries still in `entries`).
        let slots = self.index.get().map_or(0, |i| i.len());
        if (self.entries.len() + 1) * 2 > slots {
            self.rehash(heap, (self.len() + 1) * 4)?;
        }
        self.entries.push(
            heap,
            MapEntry {
                key,
                value,
                live: true,
            },
        )?;
        let n = self.entries.len() as u32;
        let pos = match self.find(&key) {
            Err(p) if p != usize::MAX => p,
            _ => return Err(OutOfMemory),
        };
        if let Some(index) = self.index.get() {
            index.set(pos, n);
        }
        self.live.set(self.live.get() + 1);
        Ok(None)
    }

    /// Makes room for `additional` more insertions that then cannot fail or allocate.
    pub fn reserve(&self, heap: &Heap, additional: usize) -> Result<(), OutOfMemory> {
        let need = self
            .entries
            .len()
            .checked_add(additional)
            .ok_or(OutOfMemory)?;
        let slots = self.index.get().map_or(0, |i| i.len());
        if need * 2 > slots {
            self.rehash(heap, (self.len() + additional) * 4)?;
        }
        self.entries.reserve(heap, additional)
    }

    /// Removes `key`; returns its value.
    pub fn remove(&self, key: &K) -> Option<V> {
        let (pos, e) = self.find(key).ok()?;
        if let Some(index) = self.index.get() {
            index.set(pos, DELETED);
        }
        let mut slot = self.entries.get(e)?;
        slot.live = false;
        self.entries.set(e, slot);
        self.live.set(self.live.get() - 1);
        Some(slot.value)
    }

    /// Removes everything (keeps nothing allocated).
    pub fn clear(&self) {
        self.entries.clear();
        self.index.set(None);
        self.live.set(0);
    }

    /// Moves the contents out, leaving this map empty.
    pub fn take(&self) -> Self {
        GcHashMap {
            entries: self.entries.take(),
            index: Cell::new(self.index.take()),
            live: Cell::new(self.live.replace(0)),
        }
    }

    /// Replaces the contents with `other`'s (which is consumed).
    pub fn replace_with(&self, other: Self) {
        self.entries.replace_with(other.entries);
        self.index.set(other.index.get());
        self.live.set(other.live.get());
    }

    fn rehash(&self, heap: &Heap, min_slots: usize) -> Result<(), OutOfMemory> {
        let slots = min_slots
            .max(8)
            .checked_next_power_of_two()
            .ok_or(OutOfMemory)?;
        // Allocate everything before reading the entries: a collection during an allocation
        // may prune a weak map (remove entries whose target died), and a copy taken before
        // that would bring the dead entries back.
        let entries = GcVec::<MapEntry<K, V>>::new();
        entries.reserve(heap, self.len().max(4))?;
        let index = GcArray::<u32>::new(heap, slots)?;
        index.resize_within_capacity(slots, EMPTY);
        if entries.capacity() < self.len() {
            // Entries were added meanwhile? Not possible (we are inside one call), but never
            // copy into an array that could need to grow.
            return Err(OutOfMemory);
        }
        for e in self.entries.iter() {
            if e.live {
                entries.push(heap, e)?;
            }
        }
        let mask = slots - 1;
        for (n, e) in entries.iter().enumerate() {
            let mut pos = e.key.hash_key() as usize & mask;
            while index.get(pos) != Some(EMPTY) {
                pos = (pos + 1) & mask;
            }
            index.set(pos, n as u32 + 1);
        }
        // Both are complete: swap them in.
        self.entries.replace_with(entries);
        self.index.set(Some(index));
        Ok(())
    }

    /// Calls `f` with every live entry in insertion order. Entries added by `f` are visited
    /// too; the map must not be rehashed by `f` (use indices for that).
    pub fn for_each(&self, mut f: impl FnMut(K, V)) {
        let mut i = 0;
        while let Some(e) = self.entries.get(i) {
            if e.live {
                f(e.key, e.value);
            }
            i += 1;
        }
    }

    /// The live entry at or after position `i` of the entry list, and the next position.
    /// Iteration that tolerates mutation (Map/Set iterators).
    pub fn entry_at(&self, mut i: usize) -> Option<(K, V, usize)> {
        while let Some(e) = self.entries.get(i) {
            if e.live {
                return Some((e.key, e.value, i + 1));
            }
            i += 1;
        }
        None
    }
}
