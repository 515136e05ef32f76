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
use std::marker::PhantomData;

/// A fixed-capacity array cell; `len ≤ cap` items are initialised.
#[repr(C)]
pub struct GcArray<T> {
    len: u32,
    cap: u32,
    _items: PhantomData<T>,
}

// SAFETY: traces the initialised items.
unsafe impl<T: Trace + Copy + 'static> Trace for GcArray<T> {
    const LEAF: bool = T::LEAF;
    fn trace(&self, tracer: &mut Tracer) {
        if T::LEAF {
            return;
        }
        for v in self.as_slice() {
            v.trace(tracer);
        }
    }
}

impl<T: Trace + Copy + 'static> CellType for GcArray<T> {
    const KIND: u16 = crate::KIND_ARRAY;
    const NAME: &'static str = "GcArray";
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
                len: 0,
                cap: cap32,
                _items: PhantomData,
            },
            bytes,
        )
    }

    /// An array holding a copy of `items`.
    pub fn from_slice(heap: &Heap, items: &[T]) -> Result<Gc<GcArray<T>>, OutOfMemory> {
        let a = Self::new(heap, items.len())?;
        let arr = a.get_mut();
        // SAFETY: capacity is `items.len()`; the regions are distinct.
        unsafe { std::ptr::copy_nonoverlapping(items.as_ptr(), arr.items_ptr(), items.len()) };
        arr.len = items.len() as u32;
        Ok(a)
    }

    fn items_ptr(&self) -> *mut T {
        let p = (self as *const Self).cast::<u8>();
        // SAFETY: items follow the fixed part inside the same cell allocation.
        unsafe { p.add(std::mem::size_of::<Self>()).cast::<T>().cast_mut() }
    }

    /// Number of initialised items.
    pub fn len(&self) -> usize {
        self.len as usize
    }
    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Capacity.
    pub fn capacity(&self) -> usize {
        self.cap as usize
    }

    /// The initialised items.
    pub fn as_slice(&self) -> &[T] {
        // SAFETY: `len` items are initialised.
        unsafe { std::slice::from_raw_parts(self.items_ptr(), self.len as usize) }
    }

    /// The initialised items, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: `len` items are initialised; `&mut self` is exclusive.
        unsafe { std::slice::from_raw_parts_mut(self.items_ptr(), self.len as usize) }
    }

    /// Appends if there is room; returns false when full.
    pub fn push_within_capacity(&mut self, v: T) -> bool {
        if self.len == self.cap {
            return false;
        }
        // SAFETY: index `len` < `cap` lies within the allocation.
        unsafe { self.items_ptr().add(self.len as usize).write(v) };
        self.len += 1;
        true
    }

    /// Sets the length to `n ≤ capacity`, filling new items with `fill`.
    pub fn resize_within_capacity(&mut self, n: usize, fill: T) {
        let n = n.min(self.cap as usize);
        for k in self.len as usize..n {
            // SAFETY: k < cap.
            unsafe { self.items_ptr().add(k).write(fill) };
        }
        self.len = n as u32;
    }
}

/// A growable vector stored inline in a cell (trace it from the cell's `trace`).
pub struct GcVec<T: Trace + Copy + 'static> {
    arr: Option<Gc<GcArray<T>>>,
}

impl<T: Trace + Copy + 'static> Clone for GcVec<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Trace + Copy + 'static> Copy for GcVec<T> {}

impl<T: Trace + Copy + 'static> Default for GcVec<T> {
    fn default() -> Self {
        GcVec { arr: None }
    }
}

// SAFETY: traces the backing array.
unsafe impl<T: Trace + Copy + 'static> Trace for GcVec<T> {
    fn trace(&self, tracer: &mut Tracer) {
        self.arr.trace(tracer)
    }
}

impl<T: Trace + Copy + 'static> GcVec<T> {
    /// An empty vector (allocates nothing).
    pub fn new() -> GcVec<T> {
        GcVec { arr: None }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.arr.map_or(0, |a| a.len())
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Capacity.
    pub fn capacity(&self) -> usize {
        self.arr.map_or(0, |a| a.capacity())
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        match &self.arr {
            Some(a) => a.get_mut().as_slice(),
            None => &[],
        }
    }

    /// The items, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        match &self.arr {
            Some(a) => a.get_mut().as_mut_slice(),
            None => &mut [],
        }
    }

    /// Item `i`.
    pub fn get(&self, i: usize) -> Option<T> {
        self.as_slice().get(i).copied()
    }

    /// Sets item `i` (must exist); returns false if out of range.
    pub fn set(&mut self, i: usize, v: T) -> bool {
        match self.as_mut_slice().get_mut(i) {
            Some(slot) => {
                *slot = v;
                true
            }
            None => false,
        }
    }

    /// Ensures room for `extra` more items.
    pub fn reserve(&mut self, heap: &Heap, extra: usize) -> Result<(), OutOfMemory> {
        let len = self.len();
        let need = len.checked_add(extra).ok_or(OutOfMemory)?;
        if need <= self.capacity() {
            return Ok(());
        }
        let cap = need.max(self.capacity().saturating_mul(2)).max(4);
        let new = GcArray::<T>::new(heap, cap)?;
        let dst = new.get_mut();
        for &v in self.as_slice() {
            dst.push_within_capacity(v);
        }
        self.arr = Some(new);
        Ok(())
    }

    /// Appends `v`.
    pub fn push(&mut self, heap: &Heap, v: T) -> Result<(), OutOfMemory> {
        if let Some(a) = self.arr {
            if a.get_mut().push_within_capacity(v) {
                return Ok(());
            }
        }
        // `v` stays on the stack (conservatively scanned) while growth may collect.
        self.reserve(heap, 1)?;
        let ok = self
            .arr
            .is_some_and(|a| a.get_mut().push_within_capacity(v));
        if ok {
            Ok(())
        } else {
            Err(OutOfMemory)
        }
    }

    /// Removes and returns the last item.
    pub fn pop(&mut self) -> Option<T> {
        let a = self.arr?;
        let arr = a.get_mut();
        let v = arr.as_slice().last().copied()?;
        arr.len -= 1;
        Some(v)
    }

    /// Shortens to `n` items.
    pub fn truncate(&mut self, n: usize) {
        if let Some(a) = self.arr {
            let arr = a.get_mut();
            arr.len = arr.len.min(n as u32);
        }
    }

    /// Inserts at `i ≤ len`, shifting later items.
    pub fn insert(&mut self, heap: &Heap, i: usize, v: T) -> Result<(), OutOfMemory> {
        if i > self.len() {
            return Err(OutOfMemory);
        }
        self.push(heap, v)?;
        let s = self.as_mut_slice();
        s[i..].rotate_right(1);
        Ok(())
    }

    /// Removes item `i`, shifting later items.
    pub fn remove(&mut self, i: usize) -> Option<T> {
        let s = self.as_mut_slice();
        if i >= s.len() {
            return None;
        }
        let v = s[i];
        s[i..].rotate_left(1);
        self.truncate(self.len() - 1);
        Some(v)
    }

    /// Resizes to `n` items, filling with `fill`.
    pub fn resize(&mut self, heap: &Heap, n: usize, fill: T) -> Result<(), OutOfMemory> {
        if n <= self.len() {
            self.truncate(n);
            return Ok(());
        }
        self.reserve(heap, n - self.len())?;
        if let Some(a) = self.arr {
            a.get_mut().resize_within_capacity(n, fill);
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

/// An insertion-ordered hash map stored inline in a cell.
pub struct GcHashMap<K: GcKey, V: Trace + Copy + 'static> {
    entries: GcVec<MapEntry<K, V>>,
    /// Open-addressing index: 0 = empty, `DELETED`, else entry index + 1. Power-of-two size.
    index: Option<Gc<GcArray<u32>>>,
    live: u32,
}

impl<K: GcKey, V: Trace + Copy + 'static> Clone for GcHashMap<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K: GcKey, V: Trace + Copy + 'static> Copy for GcHashMap<K, V> {}

impl<K: GcKey, V: Trace + Copy + 'static> Default for GcHashMap<K, V> {
    fn default() -> Self {
        GcHashMap {
            entries: GcVec::new(),
            index: None,
            live: 0,
        }
    }
}

// SAFETY: traces the entries and the index.
unsafe impl<K: GcKey, V: Trace + Copy + 'static> Trace for GcHashMap<K, V> {
    fn trace(&self, tracer: &mut Tracer) {
        self.entries.trace(tracer);
        self.index.trace(tracer);
    }
}

impl<K: GcKey, V: Trace + Copy + 'static> GcHashMap<K, V> {
    /// An empty map (allocates nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live as usize
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    fn find(&self, key: &K) -> Result<(usize, usize), usize> {
        let Some(index) = self.index else {
            return Err(usize::MAX);
        };
        let slots = index.as_slice();
        let mask = slots.len() - 1;
        let entries = self.entries.as_slice();
        let mut pos = key.hash_key() as usize & mask;
        let mut first_deleted = usize::MAX;
        for _ in 0..slots.len() {
            match slots[pos] {
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
                    let e = &entries[n as usize - 1];
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
        Some(self.entries.as_slice()[e].value)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_ok()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, heap: &Heap, key: K, value: V) -> Result<Option<V>, OutOfMemory> {
        if let Ok((_, e)) = self.find(&key) {
            let slot = &mut self.entries.as_mut_slice()[e];
            let old = slot.value;
            slot.value = value;
            return Ok(Some(old));
        }
        // Keep the index at most half full (counting removed entries still in `entries`).
        let slots = self.index.map_or(0, |i| i.len());
        if (self.entries.len() + 1) * 2 > slots {
            self.rehash(heap, (self.live as usize + 1) * 4)?;
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
        if let Some(index) = self.index {
            index.get_mut().as_mut_slice()[pos] = n;
        }
        self.live += 1;
        Ok(None)
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let (pos, e) = self.find(key).ok()?;
        if let Some(index) = self.index {
            index.get_mut().as_mut_slice()[pos] = DELETED;
        }
        let slot = &mut self.entries.as_mut_slice()[e];
        slot.live = false;
        self.live -= 1;
        Some(slot.value)
    }

    /// Removes everything (keeps nothing allocated).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    fn rehash(&mut self, heap: &Heap, min_slots: usize) -> Result<(), OutOfMemory> {
        let slots = min_slots
            .max(8)
            .checked_next_power_of_two()
            .ok_or(OutOfMemory)?;
        let mut entries = GcVec::<MapEntry<K, V>>::new();
        entries.reserve(heap, (self.live as usize).max(4))?;
        for e in self.entries.as_slice() {
            if e.live {
                entries.push(heap, *e)?;
            }
        }
        let index = GcArray::<u32>::new(heap, slots)?;
        let idx = index.get_mut();
        idx.resize_within_capacity(slots, EMPTY);
        let mask = slots - 1;
        for (n, e) in entries.as_slice().iter().enumerate() {
            let mut pos = e.key.hash_key() as usize & mask;
            while idx.as_slice()[pos] != EMPTY {
                pos = (pos + 1) & mask;
            }
            idx.as_mut_slice()[pos] = n as u32 + 1;
        }
        self.entries = entries;
        self.index = Some(index);
        Ok(())
    }

    /// Calls `f` with every live entry in insertion order. Entries added by `f` are visited
    /// too; the map must not be rehashed by `f` (use indices for that).
    pub fn for_each(&self, mut f: impl FnMut(K, V)) {
        for e in self.entries.as_slice() {
            if e.live {
                f(e.key, e.value);
            }
        }
    }

    /// The live entry at or after position `i` of the entry list, and the next position.
    /// Iteration that tolerates mutation (Map/Set iterators).
    pub fn entry_at(&self, mut i: usize) -> Option<(K, V, usize)> {
        let s = self.entries.as_slice();
        while i < s.len() {
            if s[i].live {
                return Some((s[i].key, s[i].value, i + 1));
            }
            i += 1;
        }
        None
    }
}
