//! Element storage: dense (`GcArray<Value>` with `HOLE` for absent elements) or sparse (a
//! [`Sparse`] table of index → property), with a way back to dense when density returns.
//!
//! Dense elements all have the same attributes ([`dense_attrs`] of the base's flags), so
//! sealed and frozen objects stay dense. An element with attributes of its own, or a write
//! far past the end (more than [`MAX_DENSE_GAP`] holes), moves the elements to the sparse
//! table; once at least half of `0..=max index` is present again they move back.
//!
//! Arrays track an [`ElementKind`] (packed/holey × small-integer/double/any), the lattice
//! the interpreter's element fast paths key on; it only ever widens.

use super::{dense_attrs, Object, Prop};
use crate::key::PropertyKey;
use crate::kinds;
use crate::object::attrs;
use conch_gc::{CellType, Gc, GcArray, GcHashMap, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};

/// Dense elements may grow by at most this many holes at once; farther writes go sparse.
pub const MAX_DENSE_GAP: usize = 1024;

/// An array's element kind (only widens: packed → holey, small integer → double → any).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u32)]
pub enum ElementKind {
    /// No holes; every element an int32.
    PackedSmi = 0,
    /// No holes; every element a number.
    PackedDouble = 1,
    /// No holes.
    PackedAny = 2,
    /// Holes; every present element an int32.
    HoleySmi = 3,
    /// Holes; every present element a number.
    HoleyDouble = 4,
    /// Holes, anything (also sparse storage).
    HoleyAny = 5,
}

impl ElementKind {
    pub(super) fn from_u32(k: u32) -> ElementKind {
        use ElementKind::*;
        match k {
            0 => PackedSmi,
            1 => PackedDouble,
            2 => PackedAny,
            3 => HoleySmi,
            4 => HoleyDouble,
            _ => HoleyAny,
        }
    }
    fn holey(self) -> bool {
        self as u32 >= 3
    }
    fn value_rank(self) -> u32 {
        self as u32 % 3
    }
    fn make(rank: u32, holey: bool) -> ElementKind {
        Self::from_u32(rank.min(2) + if holey { 3 } else { 0 })
    }
    /// This kind widened to hold `v` (and a hole if `hole`).
    fn with(self, v: Value, hole: bool) -> ElementKind {
        let rank = if v.as_int().is_some() {
            0
        } else if v.as_number().is_some() {
            1
        } else {
            2
        };
        Self::make(self.value_rank().max(rank), self.holey() || hole)
    }
}

/// Sparse elements.
pub struct Sparse {
    map: GcHashMap<u32, Prop>,
}

// SAFETY: reports the map.
unsafe impl Trace for Sparse {
    fn trace(&self, t: &mut Tracer) {
        self.map.trace(t);
    }
}

impl CellType for Sparse {
    const KIND: u16 = kinds::SPARSE;
    const NAME: &'static str = "Sparse";
}

enum Storage {
    None,
    Dense(Gc<GcArray<Value>>),
    Sparse(Gc<Sparse>),
}

impl Object {
    fn storage(&self) -> Storage {
        let a = self.elements_word();
        if a == 0 {
            return Storage::None;
        }
        // SAFETY: the elements word is 0, a dense `GcArray<Value>` or a `Sparse` cell (invariant).
        unsafe {
            if conch_gc::kind_of(a) == kinds::SPARSE {
                Storage::Sparse(Gc::from_addr_unchecked(a))
            } else {
                Storage::Dense(Gc::from_addr_unchecked(a))
            }
        }
    }

    fn widen_kind(&self, v: Value, hole: bool) {
        if let Some(a) = self.array_ext() {
            let k = ElementKind::from_u32(a.kind.get());
            let w = k.with(v, hole);
            if w != k {
                a.kind.set(w as u32);
            }
        }
    }

    /// Whether elements are sparse.
    pub fn has_sparse_elements(&self) -> bool {
        matches!(self.storage(), Storage::Sparse(_))
    }
    /// Number of dense element slots (holes included).
    pub fn dense_len(&self) -> usize {
        match self.storage() {
            Storage::Dense(a) => a.len(),
            _ => 0,
        }
    }
    /// Capacity of the dense element storage (measurements).
    pub fn dense_capacity(&self) -> usize {
        match self.storage() {
            Storage::Dense(a) => a.capacity(),
            _ => 0,
        }
    }

    /// The own element `i`.
    #[inline]
    pub fn get_element(&self, i: u32) -> Option<Prop> {
        match self.storage() {
            Storage::None => None,
            Storage::Dense(a) => match a.get(i as usize) {
                Some(v) if !v.is_hole() => Some(Prop {
                    value: v,
                    attrs: dense_attrs(self.shape.get().base().flags()),
                }),
                _ => None,
            },
            Storage::Sparse(s) => s.map.get(&i),
        }
    }

    /// Replaces the value of existing dense element `i` if it is a writable data element;
    /// returns whether it did (the interpreter's fast path for `o[i] = v`).
    #[inline]
    pub fn try_set_dense_element(&self, i: u32, v: Value) -> bool {
        let Storage::Dense(a) = self.storage() else {
            return false;
        };
        match a.get(i as usize) {
            Some(old) if !old.is_hole() => {}
            _ => return false,
        }
        if dense_attrs(self.shape.get().base().flags()) & attrs::WRITABLE == 0 {
            return false;
        }
        self.widen_kind(v, false);
        a.set(i as usize, v);
        true
    }

    /// `o[i] = v` on an array that has no element `i`, when `[[Set]]` comes down to adding
    /// it: the array is extensible, its elements have the default attributes, its `length`
    /// is writable if `i` extends it, and no prototype has indexed properties or exotic index
    /// behaviour (so no setter can intercept). Whether it did (else the generic path runs).
    pub fn try_add_element(heap: &Heap, this: Gc<Object>, i: u32, v: Value) -> bool {
        if this.class() != crate::ObjectClass::Array || this.host_data().is_some() {
            return false;
        }
        let flags = this.shape.get().base().flags();
        if dense_attrs(flags) != attrs::DEFAULT || !this.is_extensible() {
            return false;
        }
        if i >= this.array_length() && (!this.length_writable() || i == u32::MAX) {
            return false;
        }
        match this.storage() {
            Storage::None => {}
            Storage::Dense(a) => {
                if a.get(i as usize).is_some_and(|x| !x.is_hole()) {
                    return false;
                }
            }
            Storage::Sparse(_) => return false,
        }
        let mut p = this.prototype();
        let mut depth = 0;
        while let Some(o) = Object::from_value(p) {
            depth += 1;
            let plain = matches!(
                o.class(),
                crate::ObjectClass::Ordinary
                    | crate::ObjectClass::Array
                    | crate::ObjectClass::Function
                    | crate::ObjectClass::Error
            );
            if depth > 8 || !plain || o.host_data().is_some() {
                return false;
            }
            match o.storage() {
                Storage::None => {}
                Storage::Dense(a) if a.is_empty() => {}
                _ => return false,
            }
            p = o.prototype();
        }
        Self::put_element(
            heap,
            this,
            i,
            Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )
        .is_ok()
    }

    /// Gives a new non-array object that has no elements yet the dense elements
    /// `value(0..n)`, with the default attributes (one allocation, no per-element checks).
    pub(crate) fn init_dense_elements(
        heap: &Heap,
        this: Gc<Object>,
        n: usize,
        value: impl Fn(usize) -> Value,
    ) -> Result<(), OutOfMemory> {
        debug_assert!(this.array_ext().is_none() && matches!(this.storage(), Storage::None));
        debug_assert_eq!(dense_attrs(this.shape.get().base().flags()), attrs::DEFAULT);
        if n == 0 {
            return Ok(());
        }
        let a = GcArray::<Value>::new(heap, n)?;
        for i in 0..n {
            a.push_within_capacity(value(i));
        }
        Self::set_elements_word(heap, this, a.addr())
    }

    /// Stores element `i` with `p` (adds or replaces). Arrays' `length` grows to cover it.
    pub fn put_element(heap: &Heap, this: Gc<Object>, i: u32, p: Prop) -> Result<(), OutOfMemory> {
        let idx = i as usize;
        let uniform = dense_attrs(this.shape.get().base().flags());
        let st = this.storage();
        if let Storage::None | Storage::Dense(_) = st {
            let (len, cap) = match st {
                Storage::Dense(a) => (a.len(), a.capacity()),
                _ => (0, 0),
            };
            if p.attrs == uniform && idx < len + MAX_DENSE_GAP {
                if idx >= cap {
                    // Grow geometrically so appends are amortised O(1).
                    let want = (idx + 1).max(cap * 2).max(4);
                    let new = GcArray::<Value>::new(heap, want)?;
                    if let Storage::Dense(old) = st {
                        for c in old.cells() {
                            new.push_within_capacity(c.get());
                        }
                    }
                    Self::set_elements_word(heap, this, new.addr())?;
                }
                let Storage::Dense(a) = this.storage() else {
                    return Err(OutOfMemory);
                };
                if idx >= a.len() {
                    let hole = idx > a.len();
                    a.resize_within_capacity(idx + 1, Value::HOLE);
                    this.widen_kind(p.value, hole);
                } else {
                    this.widen_kind(p.value, false);
                }
                a.set(idx, p.value);
                Self::grow_length(this, i);
                return Ok(());
            }
            Self::to_sparse(heap, this)?;
        }
        let Storage::Sparse(s) = this.storage() else {
            return Err(OutOfMemory);
        };
        s.map.insert(heap, i, p)?;
        this.widen_kind(Value::UNDEFINED, true);
        Self::grow_length(this, i);
        Self::maybe_densify(heap, this, s)?;
        Ok(())
    }

    fn grow_length(this: Gc<Object>, i: u32) {
        if let Some(a) = this.array_ext() {
            if i >= a.length.get() {
                a.length.set(i + 1);
            }
        }
    }

    /// Back to dense storage once at least half of `0..=max index` is present and every
    /// element has the uniform attributes.
    fn maybe_densify(heap: &Heap, this: Gc<Object>, s: Gc<Sparse>) -> Result<(), OutOfMemory> {
        let n = s.map.len();
        // Cheap bound first: the table must be at least half of the array's length (for
        // arrays) before the exact scan runs.
        let bound = this.array_ext().map_or(0, |a| a.length.get() as usize);
        if n < 64 || (bound != 0 && n * 2 < bound) {
            return Ok(());
        }
        let uniform = dense_attrs(this.shape.get().base().flags());
        let mut max = 0u32;
        let mut ok = true;
        s.map.for_each(|i, p| {
            max = max.max(i);
            ok &= p.attrs == uniform;
        });
        let span = max as usize + 1;
        if !ok || n * 2 < span {
            return Ok(());
        }
        let a = GcArray::<Value>::new(heap, span)?;
        a.resize_within_capacity(span, Value::HOLE);
        s.map.for_each(|i, p| {
            a.set(i as usize, p.value);
        });
        Self::set_elements_word(heap, this, a.addr())?;
        Ok(())
    }

    /// Removes element `i`; returns whether it existed.
    pub fn remove_element(this: Gc<Object>, i: u32) -> bool {
        match this.storage() {
            Storage::None => false,
            Storage::Sparse(s) => s.map.remove(&i).is_some(),
            Storage::Dense(a) => match a.get(i as usize) {
                Some(v) if !v.is_hole() => {
                    if i as usize + 1 == a.len() {
                        a.truncate(i as usize);
                    } else {
                        a.set(i as usize, Value::HOLE);
                        this.widen_kind(Value::UNDEFINED, true);
                    }
                    true
                }
                _ => false,
            },
        }
    }

    /// Moves elements into the sparse table.
    pub fn to_sparse(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        let st = this.storage();
        if let Storage::Sparse(_) = st {
            return Ok(());
        }
        let s = heap.alloc(Sparse {
            map: GcHashMap::new(),
        })?;
        if let Storage::Dense(a) = st {
            let attrs_ = dense_attrs(this.shape.get().base().flags());
            for (i, c) in a.cells().iter().enumerate() {
                let v = c.get();
                if !v.is_hole() {
                    s.map.insert(
                        heap,
                        i as u32,
                        Prop {
                            value: v,
                            attrs: attrs_,
                        },
                    )?;
                }
            }
        }
        Self::set_elements_word(heap, this, s.addr())?;
        this.widen_kind(Value::UNDEFINED, true);
        Ok(())
    }

    /// Dense storage trimmed to its length (before freezing: the elements will not grow).
    pub(crate) fn shrink_elements(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        if let Storage::Dense(a) = this.storage() {
            if a.capacity() > a.len() + a.len() / 8 + 4 {
                let new = GcArray::<Value>::new(heap, a.len())?;
                for c in a.cells() {
                    new.push_within_capacity(c.get());
                }
                Self::set_elements_word(heap, this, new.addr())?;
            }
        }
        Ok(())
    }

    /// Arrays: sets `length` to `n`, removing elements at or above it from the end down. Stops
    /// at the first non-configurable element and returns `false` with `length` just above it
    /// (ArraySetLength steps 17–19).
    pub fn truncate_elements(this: Gc<Object>, n: u32) -> bool {
        let Some(ext) = this.array_ext() else {
            return true;
        };
        let uniform = dense_attrs(this.shape.get().base().flags());
        match this.storage() {
            Storage::None => {
                ext.length.set(n);
                true
            }
            Storage::Dense(a) => {
                if uniform & attrs::CONFIGURABLE == 0 {
                    // Sealed: the highest present element blocks the truncation.
                    let mut floor = n as usize;
                    for k in (n as usize..a.len()).rev() {
                        if !a.get(k).is_some_and(|v| v.is_hole()) {
                            floor = k + 1;
                            break;
                        }
                    }
                    a.truncate(floor);
                    ext.length.set(floor as u32);
                    return floor == n as usize;
                }
                a.truncate(n as usize);
                ext.length.set(n);
                true
            }
            Storage::Sparse(s) => {
                // Find the highest non-configurable index ≥ n.
                let mut floor = n;
                let mut blocked = false;
                s.map.for_each(|i, p| {
                    if i >= n && p.attrs & attrs::CONFIGURABLE == 0 && i + 1 > floor {
                        floor = i + 1;
                        blocked = true;
                    }
                });
                // Remove everything at or above `floor`.
                let mut pos = 0;
                while let Some((i, _, next)) = s.map.entry_at(pos) {
                    if i >= floor {
                        s.map.remove(&i);
                    }
                    pos = next;
                }
                ext.length.set(floor);
                !blocked
            }
        }
    }

    /// Own element indices in ascending order, into `out`.
    pub fn element_indices(
        heap: &Heap,
        this: Gc<Object>,
        out: &GcVec<u32>,
    ) -> Result<(), OutOfMemory> {
        match this.storage() {
            Storage::None => {}
            Storage::Sparse(s) => {
                out.reserve(heap, s.map.len())?;
                let mut err = Ok(());
                s.map.for_each(|i, _| {
                    if err.is_ok() {
                        err = out.push(heap, i);
                    }
                });
                err?;
                sort_u32(out.cells());
            }
            Storage::Dense(a) => {
                for (i, c) in a.cells().iter().enumerate() {
                    if !c.get().is_hole() {
                        out.push(heap, i as u32)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the key is an index key stored in elements.
    pub fn key_is_element(key: PropertyKey) -> Option<u32> {
        key.as_index()
    }

    /// Whether every element is non-configurable (and non-writable if `frozen`) — for
    /// `TestIntegrityLevel` without visiting each element.
    pub fn elements_have_level(&self, frozen: bool) -> Option<bool> {
        let f = self.shape.get().base().flags();
        match self.storage() {
            Storage::None => Some(true),
            Storage::Dense(_) => Some(if frozen {
                f & super::base_flags::ELEMENTS_FROZEN != 0
            } else {
                f & (super::base_flags::ELEMENTS_FROZEN | super::base_flags::ELEMENTS_SEALED) != 0
            }),
            Storage::Sparse(_) => None,
        }
    }
}

/// In-place heapsort over cells (no allocation; `slice::sort` may allocate).
fn sort_u32(s: &[std::cell::Cell<u32>]) {
    let n = s.len();
    let sift = |mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && s[child].get() < s[child + 1].get() {
            child += 1;
        }
        if s[root].get() >= s[child].get() {
            break;
        }
        s[root].swap(&s[child]);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift(start, n);
    }
    for end in (1..n).rev() {
        s[0].swap(&s[end]);
        sift(0, end);
    }
}

/// Copies `src`'s elements into the fresh object `dst` (same storage mode).
pub(super) fn clone_elements(
    heap: &Heap,
    src: Gc<Object>,
    dst: Gc<Object>,
) -> Result<(), OutOfMemory> {
    match src.storage() {
        Storage::None => {}
        Storage::Dense(a) => {
            let b = GcArray::<Value>::new(heap, a.len())?;
            for c in a.cells() {
                b.push_within_capacity(c.get());
            }
            Object::set_elements_word(heap, dst, b.addr())?;
        }
        Storage::Sparse(s) => {
            let t = heap.alloc(Sparse {
                map: GcHashMap::new(),
            })?;
            let mut err = Ok(());
            s.map.for_each(|i, p| {
                if err.is_ok() {
                    err = t.map.insert(heap, i, p).map(|_| ());
                }
            });
            err?;
            Object::set_elements_word(heap, dst, t.addr())?;
        }
    }
    Ok(())
}
