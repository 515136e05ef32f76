//! Property keys: interned atoms (strings), symbols, and integer indices kept apart
//! (ARCHITECTURE.md §8).
//!
//! A [`PropertyKey`] is one `Value`: a number for an array index (0 ..= 2^32 − 2), otherwise a
//! cell that is either an atom string (the one interned `JsString` for its contents) or a
//! [`Symbol`]. Keys compare by bits: atoms make content equality pointer equality.
//!
//! The atom table is a weak open-addressing hash set of atom strings in one GC array, owned by
//! the runtime's root cell: an atom nothing else references is dropped at the next collection.

use crate::kinds;
use crate::string::{hash_units, Chars, JsString};
use conch_gc::{CellType, Gc, GcArray, Heap, OutOfMemory, Trace, Tracer, Value};
use std::cell::Cell;

/// A symbol.
pub struct Symbol {
    /// `[[Description]]`: a string or `undefined`.
    pub description: Value,
    /// Whether the symbol is in the global registry (`Symbol.for`).
    pub registered: std::cell::Cell<bool>,
    /// A private name (`#x` of a class): its properties are private elements, never listed
    /// by `[[OwnPropertyKeys]]` and reached only by the private-element instructions.
    pub private: bool,
}

// SAFETY: reports the description.
unsafe impl Trace for Symbol {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.description);
    }
}

impl CellType for Symbol {
    const KIND: u16 = kinds::SYMBOL;
    const NAME: &'static str = "Symbol";
}

impl Symbol {
    /// A new symbol.
    pub fn new(heap: &Heap, description: Value) -> Result<Gc<Symbol>, OutOfMemory> {
        heap.alloc(Symbol {
            description,
            registered: std::cell::Cell::new(false),
            private: false,
        })
    }

    /// A new private name.
    pub fn new_private(heap: &Heap, description: Value) -> Result<Gc<Symbol>, OutOfMemory> {
        heap.alloc(Symbol {
            description,
            registered: std::cell::Cell::new(false),
            private: true,
        })
    }

    /// Whether `key` is a private name.
    pub fn is_private_key(key: Value) -> bool {
        Symbol::from_value(key).is_some_and(|s| s.private)
    }
    /// Downcasts a value.
    pub fn from_value(v: Value) -> Option<Gc<Symbol>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Symbol>::from_addr(a) })
    }
}

/// A property key (see the module docs).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PropertyKey(Value);

impl PropertyKey {
    /// The largest array index.
    pub const MAX_INDEX: u32 = u32::MAX - 1;

    /// An index key.
    pub fn index(i: u32) -> PropertyKey {
        debug_assert!(i <= Self::MAX_INDEX);
        PropertyKey(Value::number(i as f64))
    }
    /// A symbol key.
    pub fn symbol(s: Gc<Symbol>) -> PropertyKey {
        PropertyKey(s.to_value())
    }
    /// The key of an atom string (an index if it spells one).
    pub fn from_atom(s: Gc<JsString>) -> PropertyKey {
        debug_assert!(s.is_atom());
        match s.atom_index() {
            Some(i) => PropertyKey::index(i),
            None => PropertyKey(s.to_value()),
        }
    }
    /// The array index, if this is one.
    pub fn as_index(self) -> Option<u32> {
        self.0.as_number().map(|d| d as u32)
    }
    /// The atom string, if this is a string key that is not an index.
    pub fn as_atom(self) -> Option<Gc<JsString>> {
        JsString::from_value(self.0)
    }
    /// The symbol, if this is one.
    pub fn as_symbol(self) -> Option<Gc<Symbol>> {
        if self.0.is_cell() && self.as_atom().is_none() {
            Symbol::from_value(self.0)
        } else {
            None
        }
    }
    /// Whether this is a symbol key.
    pub fn is_symbol(self) -> bool {
        self.as_symbol().is_some()
    }
    /// The raw value (for storage in shapes and tables).
    pub fn to_raw(self) -> Value {
        self.0
    }
    /// From a raw stored value.
    pub fn from_raw(v: Value) -> PropertyKey {
        PropertyKey(v)
    }
    /// Whether the key is the atom for `name` (ASCII).
    pub fn is_name(self, name: &str) -> bool {
        self.as_atom().is_some_and(|s| s.chars().eq_ascii(name))
    }
}

/// `CanonicalNumericIndexString` restricted to array indices: "0" ..= "4294967294" with no
/// leading zeros.
pub fn array_index_of(c: Chars) -> Option<u32> {
    let n = c.len();
    if n == 0 || n > 10 {
        return None;
    }
    let first = c.at(0);
    if first == b'0' as u16 && n > 1 {
        return None;
    }
    let mut v: u64 = 0;
    for u in c.units() {
        if !(b'0' as u16..=b'9' as u16).contains(&u) {
            return None;
        }
        v = v * 10 + (u - b'0' as u16) as u64;
    }
    (v <= PropertyKey::MAX_INDEX as u64).then_some(v as u32)
}

/// The atom table (see the module docs). Lives in the runtime's root cell. Weak: the slot array
/// holds raw value bits (a leaf array the collector does not trace), and after marking
/// [`AtomTable::prune`] drops atoms nothing else kept alive.
#[derive(Default)]
pub struct AtomTable {
    /// Live atoms.
    count: Cell<usize>,
    /// Live atoms plus tombstones (for the load factor).
    used: Cell<usize>,
    slots: Cell<Option<Gc<GcArray<u64>>>>,
}

const EMPTY: u64 = 0;
/// A removed atom's slot (not a valid value encoding of a cell).
const TOMB: u64 = u64::MAX;
/// The table never shrinks below this many slots.
const MIN_SLOTS: usize = 256;

// SAFETY: reports the slot array itself (its contents are weak).
unsafe impl Trace for AtomTable {
    fn trace(&self, t: &mut Tracer) {
        self.slots.get().trace(t);
    }
}

fn atom_at(bits: u64) -> Gc<JsString> {
    JsString::from_value(Value::from_bits(bits).expect("atom bits")).expect("atom")
}

impl AtomTable {
    /// Number of atoms.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.count.get()
    }

    fn find(&self, hash: u32, c: &Chars) -> Result<Gc<JsString>, usize> {
        let slots = self.slots.get().expect("table allocated");
        let s = slots.cells();
        let mask = s.len() - 1;
        let mut i = hash as usize & mask;
        let mut free = usize::MAX;
        loop {
            match s[i].get() {
                EMPTY => return Err(if free != usize::MAX { free } else { i }),
                TOMB => {
                    if free == usize::MAX {
                        free = i;
                    }
                }
                bits => {
                    let a = atom_at(bits);
                    if a.hash_cached() == hash && a.chars().same(c) {
                        return Ok(a);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn rebuild(&self, heap: &Heap, new_cap: usize) -> Result<(), OutOfMemory> {
        let arr = GcArray::<u64>::new(heap, new_cap)?;
        arr.resize_within_capacity(new_cap, EMPTY);
        if let Some(old) = self.slots.get() {
            let mask = new_cap - 1;
            let s = arr.cells();
            for c in old.cells() {
                let bits = c.get();
                if bits != EMPTY && bits != TOMB {
                    let mut i = atom_at(bits).hash_cached() as usize & mask;
                    while s[i].get() != EMPTY {
                        i = (i + 1) & mask;
                    }
                    s[i].set(bits);
                }
            }
        }
        self.slots.set(Some(arr));
        self.used.set(self.count.get());
        Ok(())
    }

    fn grow_if_needed(&self, heap: &Heap) -> Result<(), OutOfMemory> {
        let cap = self.slots.get().map_or(0, |s| s.len());
        if (self.used.get() + 1) * 2 <= cap {
            return Ok(());
        }
        let new_cap = ((self.count.get() + 1) * 4)
            .max(MIN_SLOTS)
            .next_power_of_two();
        self.rebuild(heap, new_cap)
    }

    /// Gives memory back when most atoms died (after a collection; best effort). Returns
    /// whether it rebuilt the table (the old one is then garbage).
    pub fn shrink(&self, heap: &Heap) -> bool {
        let cap = self.slots.get().map_or(0, |s| s.len());
        let want = ((self.count.get() + 1) * 4)
            .max(MIN_SLOTS)
            .next_power_of_two();
        want < cap / 2 && self.rebuild(heap, want).is_ok()
    }

    /// Drops atoms that do not survive the collection under way (called by the heap's weak
    /// processor; allocates nothing).
    pub fn prune(&self, heap: &Heap) {
        let Some(slots) = self.slots.get() else {
            return;
        };
        for slot in slots.cells() {
            let bits = slot.get();
            if bits != EMPTY && bits != TOMB {
                let addr = Value::from_bits(bits).and_then(|v| v.cell_addr());
                if addr.is_some_and(|a| !heap.survives(a)) {
                    slot.set(TOMB);
                    self.count.set(self.count.get() - 1);
                }
            }
        }
    }

    /// The atom for `s`'s contents (`s` itself becomes the atom when none exists yet).
    pub fn intern(&self, heap: &Heap, s: Gc<JsString>) -> Result<Gc<JsString>, OutOfMemory> {
        if s.is_atom() {
            return Ok(s);
        }
        self.grow_if_needed(heap)?;
        let flat = JsString::flatten(heap, s)?;
        let hash = JsString::hash(heap, flat)?;
        match self.find(hash, &flat.chars()) {
            Ok(a) => Ok(a),
            Err(i) => {
                let index = array_index_of(flat.chars()).unwrap_or(u32::MAX);
                JsString::mark_atom(flat, index);
                let arr = self.slots.get().expect("allocated");
                if arr.get(i) == Some(EMPTY) {
                    self.used.set(self.used.get() + 1);
                }
                arr.set(i, flat.to_value().to_bits());
                self.count.set(self.count.get() + 1);
                Ok(flat)
            }
        }
    }

    /// The atom for `text` (Latin-1 or UTF-16 code units), allocated only when new.
    pub fn intern_chars(&self, heap: &Heap, c: Chars) -> Result<Gc<JsString>, OutOfMemory> {
        self.grow_if_needed(heap)?;
        let hash = hash_units(c.units());
        match self.find(hash, &c) {
            Ok(a) => Ok(a),
            Err(_) => {
                let s = match c {
                    Chars::One(b) => JsString::from_latin1(heap, b)?,
                    Chars::Two(w) => JsString::from_utf16(heap, w)?,
                };
                self.intern(heap, s)
            }
        }
    }
}
