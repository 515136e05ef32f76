//! Shapes (hidden classes) and their transition tree (ARCHITECTURE.md §8).
//!
//! A shape is the last property added to an object (key, attributes) plus a link to the shape
//! before it, so a chain from a realm's root shape spells an object's named properties in
//! insertion order; property `n` of the chain lives in slot `n` of the object. Objects that add
//! the same keys in the same order share shapes through the transition table of each shape.
//!
//! Lookup walks the chain for short chains and builds a key → slot table on first use for long
//! ones (built lazily; if building runs out of memory the walk is used instead, so lookup
//! never fails). Objects leave the tree for dictionary mode (see `object.rs`) when they delete
//! a property other than the last, change attributes, or exceed [`MAX_FAST_PROPERTIES`].

use crate::kinds;
use conch_gc::{CellType, Gc, GcHashMap, GcKey, Heap, OutOfMemory, Trace, Tracer, Value};

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

/// Objects with more named properties than this go to dictionary mode.
pub const MAX_FAST_PROPERTIES: u32 = 128;

/// Chains up to this long are searched by walking.
const LINEAR_LOOKUP: u32 = 8;

/// A transition's key: the property key and its attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
struct TransitionKey {
    key: Value,
    attrs: u8,
}

// SAFETY: reports the key.
unsafe impl Trace for TransitionKey {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.key);
    }
}

impl GcKey for TransitionKey {
    fn hash_key(&self) -> u64 {
        (self.key.hash_key()) ^ (self.attrs as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// A shape.
pub struct Shape {
    parent: Option<Gc<Shape>>,
    key: Value,
    attrs: u8,
    count: u32,
    realm: Value,
    transitions: GcHashMap<TransitionKey, Gc<Shape>>,
    /// key → slot << 8 | attrs, built lazily for long chains.
    table: GcHashMap<Value, u32>,
}

// SAFETY: reports parent, key, realm, transitions and table.
unsafe impl Trace for Shape {
    fn trace(&self, t: &mut Tracer) {
        self.parent.trace(t);
        t.mark_value(self.key);
        t.mark_value(self.realm);
        self.transitions.trace(t);
        self.table.trace(t);
    }
}

impl CellType for Shape {
    const KIND: u16 = kinds::SHAPE;
    const NAME: &'static str = "Shape";
}

impl Shape {
    /// A realm's root shape (no properties).
    pub fn root(heap: &Heap, realm: Value) -> Result<Gc<Shape>, OutOfMemory> {
        heap.alloc(Shape {
            parent: None,
            key: Value::UNDEFINED,
            attrs: 0,
            count: 0,
            realm,
            transitions: GcHashMap::new(),
            table: GcHashMap::new(),
        })
    }

    /// Number of properties.
    pub fn count(&self) -> u32 {
        self.count
    }
    /// The realm of the objects that have this shape.
    pub fn realm(&self) -> Value {
        self.realm
    }
    /// The shape before the last property was added.
    pub fn parent(&self) -> Option<Gc<Shape>> {
        self.parent
    }
    /// The last property's key (raw) and attributes.
    pub fn last(&self) -> (Value, u8) {
        (self.key, self.attrs)
    }

    /// The root of this shape's tree.
    pub fn root_of(mut s: Gc<Shape>) -> Gc<Shape> {
        while let Some(p) = s.parent {
            s = p;
        }
        s
    }

    /// Slot and attributes of `key`.
    pub fn lookup(heap: &Heap, this: Gc<Shape>, key: Value) -> Option<(u32, u8)> {
        if this.count > LINEAR_LOOKUP {
            if this.table.is_empty() && Self::build_table(heap, this).is_err() {
                this.get_mut().table = GcHashMap::new();
                return Self::walk(this, key);
            }
            return this.table.get(&key).map(|v| (v >> 8, v as u8));
        }
        Self::walk(this, key)
    }

    fn walk(mut s: Gc<Shape>, key: Value) -> Option<(u32, u8)> {
        while s.count > 0 {
            if s.key == key {
                return Some((s.count - 1, s.attrs));
            }
            s = s.parent.expect("non-root has a parent");
        }
        None
    }

    fn build_table(heap: &Heap, this: Gc<Shape>) -> Result<(), OutOfMemory> {
        let mut table = GcHashMap::<Value, u32>::new();
        let mut s = this;
        while s.count > 0 {
            table.insert(heap, s.key, (s.count - 1) << 8 | s.attrs as u32)?;
            s = s.parent.expect("non-root has a parent");
        }
        this.get_mut().table = table;
        Ok(())
    }

    /// The shape with `key` (not present yet) added with `attrs`.
    pub fn add(
        heap: &Heap,
        this: Gc<Shape>,
        key: Value,
        attrs: u8,
    ) -> Result<Gc<Shape>, OutOfMemory> {
        let tk = TransitionKey { key, attrs };
        if let Some(s) = this.transitions.get(&tk) {
            return Ok(s);
        }
        let child = heap.alloc(Shape {
            parent: Some(this),
            key,
            attrs,
            count: this.count + 1,
            realm: this.realm,
            transitions: GcHashMap::new(),
            table: GcHashMap::new(),
        })?;
        this.get_mut().transitions.insert(heap, tk, child)?;
        Ok(child)
    }

    /// Calls `f(key, slot, attrs)` for every property in insertion order.
    pub fn for_each(this: Gc<Shape>, mut f: impl FnMut(Value, u32, u8)) {
        // Chains are at most MAX_FAST_PROPERTIES long: collect them on the stack.
        let mut chain = [None::<Gc<Shape>>; MAX_FAST_PROPERTIES as usize + 1];
        let mut s = this;
        while s.count > 0 {
            chain[s.count as usize - 1] = Some(s);
            s = s.parent.expect("non-root has a parent");
        }
        for sh in chain.iter().take(this.count as usize).flatten() {
            f(sh.key, sh.count - 1, sh.attrs);
        }
    }
}
