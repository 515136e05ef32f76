//! Contexts and objects (first slice).
//!
//! An object here is a prototype link, an extensible flag, a GC-resident property table keyed
//! by interned property keys, and — for arrays — a dense element vector. Shapes with a
//! transition tree replace the property table in the next step (ARCHITECTURE.md §8); the
//! public surface below stays.

use crate::kinds;
use conch_gc::{CellType, Gc, GcArray, GcHashMap, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};

/// What kind of object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ObjectClass {
    /// An ordinary object.
    Ordinary,
    /// An Array exotic object (dense elements).
    Array,
    /// A host object with external data and an optional finalizer.
    External,
}

/// A context (realm): its global object and the host's data pointer.
pub struct Context {
    global: Value,
    object_prototype: Value,
    array_prototype: Value,
    /// `JsSetContextData`'s pointer.
    pub data: usize,
}

// SAFETY: reports every value field.
unsafe impl Trace for Context {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.global);
        t.mark_value(self.object_prototype);
        t.mark_value(self.array_prototype);
    }
}

impl CellType for Context {
    const KIND: u16 = kinds::CONTEXT;
    const NAME: &'static str = "Context";
}

impl Context {
    /// Creates a context with its prototypes and global object.
    pub fn new(heap: &Heap) -> Result<Gc<Context>, OutOfMemory> {
        let object_prototype = Object::new(heap, ObjectClass::Ordinary, Value::NULL)?;
        let array_prototype = Object::new(heap, ObjectClass::Array, object_prototype.to_value())?;
        let global = Object::new(heap, ObjectClass::Ordinary, object_prototype.to_value())?;
        heap.alloc(Context {
            global: global.to_value(),
            object_prototype: object_prototype.to_value(),
            array_prototype: array_prototype.to_value(),
            data: 0,
        })
    }

    /// The global object.
    pub fn global(&self) -> Value {
        self.global
    }
    /// `%Object.prototype%`.
    pub fn object_prototype(&self) -> Value {
        self.object_prototype
    }
    /// `%Array.prototype%`.
    pub fn array_prototype(&self) -> Value {
        self.array_prototype
    }
}

/// An interned property key: a name (UTF-16) or a symbol with a description.
pub struct PropertyKey {
    name: Gc<GcArray<u16>>,
    symbol: bool,
}

// SAFETY: reports the name storage.
unsafe impl Trace for PropertyKey {
    fn trace(&self, t: &mut Tracer) {
        self.name.trace(t);
    }
}

impl CellType for PropertyKey {
    const KIND: u16 = kinds::PROPERTY_KEY;
    const NAME: &'static str = "PropertyKey";
}

impl PropertyKey {
    /// The name (or a symbol's description) as UTF-16.
    pub fn name(&self) -> &[u16] {
        self.name.as_slice()
    }
    /// Whether this key is a symbol.
    pub fn is_symbol(&self) -> bool {
        self.symbol
    }
}

/// An object.
pub struct Object {
    class: ObjectClass,
    extensible: bool,
    proto: Value,
    props: GcHashMap<Value, Value>,
    elements: GcVec<Value>,
    external_data: usize,
    /// The host's finalize callback (a `JsFinalizeCallback`, as an address; 0 = none).
    finalizer: usize,
}

// SAFETY: reports the prototype, property table and elements.
unsafe impl Trace for Object {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.proto);
        self.props.trace(t);
        self.elements.trace(t);
    }
}

impl CellType for Object {
    const KIND: u16 = kinds::OBJECT;
    const NAME: &'static str = "Object";
}

impl Object {
    /// A new empty object.
    pub fn new(heap: &Heap, class: ObjectClass, proto: Value) -> Result<Gc<Object>, OutOfMemory> {
        heap.alloc(Object {
            class,
            extensible: true,
            proto,
            props: GcHashMap::new(),
            elements: GcVec::new(),
            external_data: 0,
            finalizer: 0,
        })
    }

    /// The host finalize callback's address (0 = none).
    pub fn finalizer(&self) -> usize {
        self.finalizer
    }
    /// Sets the host finalize callback's address.
    pub fn set_finalizer(this: Gc<Object>, f: usize) {
        this.get_mut().finalizer = f;
    }

    /// The object's class.
    pub fn class(&self) -> ObjectClass {
        self.class
    }
    /// `[[Prototype]]`.
    pub fn prototype(&self) -> Value {
        self.proto
    }
    /// Whether new properties may be added.
    pub fn is_extensible(&self) -> bool {
        self.extensible
    }
    /// The host data of an external object.
    pub fn external_data(&self) -> usize {
        self.external_data
    }
    /// Sets the host data of an external object.
    pub fn set_external_data(this: Gc<Object>, data: usize) {
        this.get_mut().external_data = data;
    }
    /// `[[PreventExtensions]]`.
    pub fn prevent_extensions(this: Gc<Object>) {
        this.get_mut().extensible = false;
    }
    /// Sets `[[Prototype]]` (no cycle check yet: callers check).
    pub fn set_prototype(this: Gc<Object>, proto: Value) {
        this.get_mut().proto = proto;
    }

    /// Array length (number of dense elements).
    pub fn array_length(&self) -> usize {
        self.elements.len()
    }

    /// Dense elements grow by at most this many holes at once; larger gaps need the sparse
    /// (dictionary) elements kind, which is not built yet.
    pub const MAX_DENSE_GAP: usize = 1 << 20;

    /// Whether element `i` can be stored densely (within the gap limit).
    pub fn fits_dense(&self, i: usize) -> bool {
        i < self.elements.len() + Self::MAX_DENSE_GAP
    }

    /// Element `i`, or `undefined` (holes read as undefined).
    pub fn get_element(&self, i: usize) -> Value {
        match self.elements.get(i) {
            Some(v) if !v.is_hole() => v,
            _ => Value::UNDEFINED,
        }
    }

    /// Sets element `i`, growing the element vector with holes.
    pub fn set_element(
        this: Gc<Object>,
        heap: &Heap,
        i: usize,
        v: Value,
    ) -> Result<(), OutOfMemory> {
        let obj = this.get_mut();
        if i >= obj.elements.len() {
            if !obj.extensible {
                return Ok(());
            }
            obj.elements.resize(heap, i + 1, Value::HOLE)?;
        }
        this.get_mut().elements.set(i, v);
        Ok(())
    }
}
