//! Objects: a small header, a per-class extension, inline slots; named properties through the
//! shape (fast mode) or a dictionary; elements dense or sparse (ARCHITECTURE.md §8).
//!
//! This module is the storage layer: it finds, adds, replaces and removes own properties
//! without the spec's validation. The spec's internal methods, which validate and may run
//! script, are in `ops`.
//!
//! Layout of an object cell (`ObjectCell<E, C>`, C = the class):
//! `[vtable][shape][slots][class extension E][inline slot 0 .. inline_cap)`: a 24-byte
//! header, so an object with four inline slots is a 56-byte cell. The class is the cell's
//! kind (type tests read the vtable only); the realm, prototype and inline capacity are in the
//! shape's base.
//!
//! Where the elements are: arrays keep the elements word in their extension ([`ArrayExt`],
//! the interpreter's fast paths read it directly); every other class, whose objects rarely
//! get indexed properties, keeps it in a [`Spill`] cell made the first time it needs one:
//! the `slots` word then holds the spill's address tagged with [`SPILL_TAG`], and the spill
//! holds the real slots word next to the elements word. Once made, a spill stays.
//!
//! Invariants:
//! - the *slots word* is `slots` itself, or the spill's `slots` when `slots` is tagged;
//! - fast mode: the shape is a tree shape; property `n` of the shape lives in inline slot `n`
//!   if `n < inline_cap`, else in the slots word's `GcArray<Value>` at `n − inline_cap`;
//! - dictionary mode: the shape is the object's own (dictionary flag, unique base) and
//!   the slots word is a [`Dict`] cell; inline slots are unused;
//! - elements (the array extension's word, the spill's, or none): 0, a dense
//!   `GcArray<Value>` (`HOLE` = absent; every element has the attributes [`dense_attrs`]
//!   gives for the base's flags), or a [`Sparse`] cell;
//! - an accessor property's stored value is an [`Accessor`] cell;
//! - arrays: every element index is `< length`;
//! - every field is a `Cell`: no `&mut` to an object exists (GC.md).

mod elements;
mod shape;

pub use elements::{ElementKind, MAX_DENSE_GAP};
pub use shape::{
    attrs, base_flags, mark_transitions, BaseShape, Shape, MAX_FAST_PROPERTIES, MAX_INLINE_SLOTS,
};

use crate::host_data::{HostData, HostTraceFn};
use crate::kinds;
use crate::Context;
use conch_gc::{
    CellType, Gc, GcArray, GcHashMap, Heap, OutOfMemory, Trace, Tracer, Value, PAYLOAD_OFFSET,
};
use std::cell::Cell;

/// What kind of object (the cell's kind is `kinds::OBJECT_FIRST + class`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ObjectClass {
    /// An ordinary object.
    Ordinary = 0,
    /// An Array exotic object.
    Array = 1,
    /// A function (native: builtin or host).
    Function = 2,
    /// An Error instance (`[[ErrorData]]`): `internal(0)` is its stack trace (see
    /// `interp::stack_trace`).
    Error = 3,
    /// A Boolean wrapper (`internal(0)` is the boolean).
    Boolean = 4,
    /// A Number wrapper (`internal(0)` is the number).
    Number = 5,
    /// A String wrapper (`internal(0)` is the string).
    String = 6,
    /// A Symbol wrapper (`internal(0)` is the symbol).
    Symbol = 7,
    /// A host object with external data and an optional finalizer.
    External = 8,
    /// An ArrayBuffer (see `array_buffer.rs`; `internal(0)` is its data cell).
    ArrayBuffer = 9,
    /// A host object whose property operations go through host traps first
    /// (`JsCreateCustomExternalObject`; the traps are in its `HostData::interceptor`).
    CustomExternal = 10,
    /// An Array Iterator (§23.1.5): `internal(0)` `[[IteratedObject]]` (`undefined` once
    /// done), `internal(1)` the next index (a number), `internal(2)` the kind (an int: 0 keys,
    /// 1 values, 2 entries). Its own class so the state sits in traced internal slots that no
    /// script can reach, and `next` can tell its receiver apart from any other object.
    ArrayIterator = 11,
    /// A generator object (§27.5): `internal(0)` the state (an int, see
    /// `interp::generator`), `internal(1)` the suspended frame (a GC array of its header and
    /// registers), `internal(2)` the pc to resume at.
    Generator = 12,
    /// A Promise (§27.2): `internal(0)` the state (an int: 0 pending, 1 fulfilled, 2 rejected;
    /// +4 once handled), `internal(1)` the result, `internal(2)` the reactions while pending
    /// (an array of reaction records).
    Promise = 13,
    /// An async-from-sync iterator (§27.1.6): `internal(0)` the sync iterator, `internal(1)`
    /// its `next` method.
    AsyncFromSyncIterator = 14,
    /// A String Iterator (§22.1.5): `internal(0)` the iterated string (`undefined` once
    /// done), `internal(1)` the next code unit index.
    StringIterator = 15,
    /// A keyed collection (§24.1–24.4): `internal(0)` the entry table (a
    /// `builtins::collection::MapTable` cell), `internal(1)` which collection it is (an int:
    /// 0 Map, 1 Set, 2 WeakMap, 3 WeakSet; see `builtins::collection::Tag`).
    Collection = 16,
    /// A Map or Set Iterator (§24.1.5, §24.2.6): `internal(0)` the table being iterated
    /// (`undefined` once done), `internal(1)` the next entry position, `internal(2)` the kind
    /// (an int, see `builtins::collection::IterKind`).
    CollectionIterator = 17,
    /// A Date instance (§21.4): `internal(0)` is `[[DateValue]]` (a number, the time value).
    Date = 18,
    /// A module namespace object (§10.4.6): `internal(0)` its export table (see
    /// `module::namespace`).
    ModuleNamespace = 19,
    /// A RegExp instance (§22.2): `internal(0)` the compiled program (a `GcArray<u32>`, see
    /// `conch_regexp::program`), `internal(1)` `[[OriginalSource]]`, `internal(2)`
    /// `[[OriginalFlags]]` (strings); `undefined` program until initialised; `internal(3)` the
    /// legacy-features mark of its realm (see `builtins::regexp::legacy::alloc_mark`).
    RegExp = 20,
    /// A RegExp String Iterator (§22.2.9): `internal(0)` the matcher, `internal(1)` the
    /// string, `internal(2)` an int: bit 0 global, bit 1 full unicode, bit 2 done.
    RegExpStringIterator = 21,
    /// A BigInt wrapper (`internal(0)` is the BigInt).
    BigInt = 22,
    /// A TypedArray (§23.2, see `builtins::typed_array`): `internal(0)` the ArrayBuffer,
    /// `internal(1)` `[[ByteOffset]]`, `internal(2)` `[[ArrayLength]]` (numbers),
    /// `internal(3)` the element type (an int, `host::ElementType`).
    TypedArray = 23,
    /// A DataView (§25.3): `internal(0)` the ArrayBuffer, `internal(1)` `[[ByteOffset]]`,
    /// `internal(2)` `[[ByteLength]]` (numbers).
    DataView = 24,
    /// An arguments object (§10.4.4): `internal(0)` the function's environment and
    /// `internal(1)` the parameter map (an array: the environment slot each mapped index
    /// aliases, -1 once unmapped) for a mapped one; both undefined for an unmapped one.
    Arguments = 25,
    /// A Proxy exotic object (§10.5): `internal(0)` `[[ProxyTarget]]`, `internal(1)`
    /// `[[ProxyHandler]]` (both `null` once revoked). It has a function's extension: its entry
    /// point is set iff the target is callable (`[[Call]]`), and its constructor flag iff the
    /// target is a constructor (`[[Construct]]`); see `ops::proxy`.
    Proxy = 26,
    /// A builtin object whose whole state is internal slots, told apart by `internal(0)`
    /// (an int: `kind << 2 | state`, see `builtins::iterator::helper`): an Iterator Helper
    /// (§27.1.2.1: generator-like, `state` is its `[[GeneratorState]]`) or a
    /// wrap-for-valid iterator (§27.1.3.2.1.1): `internal(1)` and `internal(2)` are the
    /// underlying iterator and its `next` method, `internal(3)` a GC array of the helper's
    /// closure state. Kinds 7 and 8 are a `DisposableStack` and an `AsyncDisposableStack`
    /// (`builtins::disposable`): `internal(1)` is the resource stack.
    IteratorHelper = 27,
}

/// Number of object classes (object kinds are `OBJECT_FIRST .. OBJECT_FIRST + CLASS_COUNT`).
pub const CLASS_COUNT: u16 = 28;

impl ObjectClass {
    fn from_kind(kind: u16) -> Option<ObjectClass> {
        use ObjectClass::*;
        Some(match kind.checked_sub(kinds::OBJECT_FIRST)? {
            0 => Ordinary,
            1 => Array,
            2 => Function,
            3 => Error,
            4 => Boolean,
            5 => Number,
            6 => String,
            7 => Symbol,
            8 => External,
            9 => ArrayBuffer,
            10 => CustomExternal,
            11 => ArrayIterator,
            12 => Generator,
            13 => Promise,
            14 => AsyncFromSyncIterator,
            15 => StringIterator,
            16 => Collection,
            17 => CollectionIterator,
            18 => Date,
            19 => ModuleNamespace,
            20 => RegExp,
            21 => RegExpStringIterator,
            22 => BigInt,
            23 => TypedArray,
            24 => DataView,
            25 => Arguments,
            26 => Proxy,
            27 => IteratorHelper,
            _ => return None,
        })
    }
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

/// An accessor property's functions (`undefined` when absent). Never mutated: a changed
/// accessor is a new cell (so clones may share them).
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

/// A dictionary-mode object's named properties (insertion-ordered).
pub struct Dict {
    map: GcHashMap<Value, Prop>,
}

// SAFETY: reports the map.
unsafe impl Trace for Dict {
    fn trace(&self, t: &mut Tracer) {
        self.map.trace(t);
    }
}

impl CellType for Dict {
    const KIND: u16 = kinds::DICT;
    const NAME: &'static str = "Dict";
}

/// The common header of every object cell.
#[repr(C)]
pub struct Object {
    shape: Cell<Gc<Shape>>,
    /// The slots word (fast mode: 0 or the out-of-line `GcArray<Value>`; dictionary mode: the
    /// `Dict` cell), or a [`Spill`]'s address tagged with [`SPILL_TAG`] (module docs).
    slots: Cell<usize>,
}

/// Set in `Object::slots` when it holds a [`Spill`]'s address (cells are 8-byte aligned).
pub const SPILL_TAG: usize = 1;

/// The out-of-line words of an object whose class has no elements word: the slots word and
/// the elements word (module docs).
pub struct Spill {
    slots: Cell<usize>,
    elements: Cell<usize>,
}

// SAFETY: reports the slots and elements cells.
unsafe impl Trace for Spill {
    fn trace(&self, t: &mut Tracer) {
        if self.slots.get() != 0 {
            t.mark_addr(self.slots.get());
        }
        if self.elements.get() != 0 {
            t.mark_addr(self.elements.get());
        }
    }
}

impl CellType for Spill {
    const KIND: u16 = kinds::OBJECT_SPILL;
    const NAME: &'static str = "Spill";
}

impl Object {
    fn trace_header(&self, t: &mut Tracer) {
        t.mark_addr(self.shape.get().addr());
        let s = self.slots.get() & !SPILL_TAG;
        if s != 0 {
            t.mark_addr(s);
        }
    }

    #[inline]
    fn spill(&self) -> Option<Gc<Spill>> {
        let s = self.slots.get();
        // SAFETY: a tagged slots word is a live `Spill`'s address (module invariant).
        (s & SPILL_TAG != 0).then(|| unsafe { Gc::<Spill>::from_addr_unchecked(s & !SPILL_TAG) })
    }

    /// The slots word (module docs).
    #[inline]
    fn slots_word(&self) -> usize {
        match self.spill() {
            None => self.slots.get(),
            Some(sp) => sp.slots.get(),
        }
    }

    fn set_slots_word(&self, v: usize) {
        match self.spill() {
            None => self.slots.set(v),
            Some(sp) => sp.slots.set(v),
        }
    }

    /// The elements word: 0, a dense `GcArray<Value>` or a `Sparse` cell.
    #[inline]
    fn elements_word(&self) -> usize {
        if let Some(a) = self.array_ext() {
            return a.elements.get();
        }
        self.spill().map_or(0, |sp| sp.elements.get())
    }

    /// Sets the elements word, making the object's spill first if it needs one (the only
    /// allocation: on failure nothing changed).
    fn set_elements_word(heap: &Heap, this: Gc<Object>, v: usize) -> Result<(), OutOfMemory> {
        if let Some(a) = this.array_ext() {
            a.elements.set(v);
            return Ok(());
        }
        if let Some(sp) = this.spill() {
            sp.elements.set(v);
            return Ok(());
        }
        if v == 0 {
            return Ok(());
        }
        let sp = heap.alloc(Spill {
            slots: Cell::new(0),
            elements: Cell::new(v),
        })?;
        // Read the slots word after the allocation (nothing changes it in a collection, but
        // nothing is carried across one either).
        sp.slots.set(this.slots.get());
        this.slots.set(sp.addr() | SPILL_TAG);
        Ok(())
    }
}

/// A class extension (the fields after the header).
pub trait Ext: Sized + 'static {
    /// Diagnostics name of the cell type.
    const NAME: &'static str;
    /// The initial extension.
    fn init() -> Self;
    /// Reports the extension's references (`obj` is the object's header).
    fn trace(&self, t: &mut Tracer, obj: &Object);
}

/// No extension (ordinary objects, errors).
pub struct NoExt;
impl Ext for NoExt {
    const NAME: &'static str = "Object";
    fn init() -> Self {
        NoExt
    }
    fn trace(&self, _: &mut Tracer, _: &Object) {}
}

/// Arrays: the elements word, `length` and the element kind.
pub struct ArrayExt {
    elements: Cell<usize>,
    length: Cell<u32>,
    kind: Cell<u32>,
}
impl Ext for ArrayExt {
    const NAME: &'static str = "Array";
    fn init() -> Self {
        ArrayExt {
            elements: Cell::new(0),
            length: Cell::new(0),
            kind: Cell::new(ElementKind::PackedSmi as u32),
        }
    }
    fn trace(&self, t: &mut Tracer, _: &Object) {
        if self.elements.get() != 0 {
            t.mark_addr(self.elements.get());
        }
    }
}

/// Functions: the entry point, two internal values and a host word.
pub struct FunctionExt {
    native: Cell<Option<NativeFn>>,
    internal: [Cell<Value>; 2],
    data: Cell<usize>,
    constructor: Cell<bool>,
}
impl Ext for FunctionExt {
    const NAME: &'static str = "Function";
    fn init() -> Self {
        FunctionExt {
            native: Cell::new(None),
            internal: [Cell::new(Value::UNDEFINED), Cell::new(Value::UNDEFINED)],
            data: Cell::new(0),
            constructor: Cell::new(false),
        }
    }
    fn trace(&self, t: &mut Tracer, _: &Object) {
        t.mark_value(self.internal[0].get());
        t.mark_value(self.internal[1].get());
    }
}

/// Wrappers and buffers: one internal value.
pub struct ValueExt {
    value: Cell<Value>,
}
impl Ext for ValueExt {
    const NAME: &'static str = "Wrapper";
    fn init() -> Self {
        ValueExt {
            value: Cell::new(Value::UNDEFINED),
        }
    }
    fn trace(&self, t: &mut Tracer, _: &Object) {
        t.mark_value(self.value.get());
    }
}

/// Iterators, generators and promises: four internal values (see `ObjectClass::ArrayIterator`).
pub struct IterExt {
    internal: [Cell<Value>; 4],
}
impl Ext for IterExt {
    const NAME: &'static str = "Iterator";
    fn init() -> Self {
        IterExt {
            internal: [const { Cell::new(Value::UNDEFINED) }; 4],
        }
    }
    fn trace(&self, t: &mut Tracer, _: &Object) {
        for c in &self.internal {
            t.mark_value(c.get());
        }
    }
}

/// Typed arrays: the four internal values of [`IterExt`] and, for a view whose element count
/// is fixed while its buffer is attached (a fixed-length buffer), that view's elements worked
/// out once: the buffer's data cell (undefined when not fixed), its byte length then (the view
/// is valid while it is unchanged), the byte offset, the element count and the element type's
/// `JsTypedArrayType` number.
pub struct TypedExt {
    base: IterExt,
    view: Cell<Value>,
    view_buffer_len: Cell<usize>,
    view_offset: Cell<usize>,
    view_len: Cell<u32>,
    view_kind: Cell<u8>,
}
impl Ext for TypedExt {
    const NAME: &'static str = "TypedArray";
    fn init() -> Self {
        TypedExt {
            base: IterExt::init(),
            view: Cell::new(Value::UNDEFINED),
            view_buffer_len: Cell::new(0),
            view_offset: Cell::new(0),
            view_len: Cell::new(0),
            view_kind: Cell::new(0),
        }
    }
    fn trace(&self, t: &mut Tracer, o: &Object) {
        self.base.trace(t, o);
        t.mark_value(self.view.get());
    }
}

/// Host objects: external data, finalizer, host extras.
pub struct HostExt {
    data: Cell<usize>,
    finalizer: Cell<usize>,
    host: Cell<Option<Gc<HostData>>>,
}
impl Ext for HostExt {
    const NAME: &'static str = "External";
    fn init() -> Self {
        HostExt {
            data: Cell::new(0),
            finalizer: Cell::new(0),
            host: Cell::new(None),
        }
    }
    fn trace(&self, t: &mut Tracer, _: &Object) {
        if let Some(h) = self.host.get() {
            t.mark_addr(h.addr());
            if let (Some(f), cb) = (h.trace_fn.get(), h.trace_cb.get()) {
                f(t, cb, self.data.get());
            }
        }
    }
}

/// An object cell of class `C` with extension `E`.
#[repr(C)]
pub struct ObjectCell<E: Ext, const C: u8> {
    header: Object,
    ext: E,
}

// SAFETY: reports the header, the extension and the inline slots.
unsafe impl<E: Ext, const C: u8> Trace for ObjectCell<E, C> {
    fn trace(&self, t: &mut Tracer) {
        self.header.trace_header(t);
        self.ext.trace(t, &self.header);
        let base = self.header.shape.get().base();
        let addr = (self as *const Self).addr() - PAYLOAD_OFFSET;
        // SAFETY: this is a live object cell (we are tracing it).
        let g = unsafe { Gc::<Object>::from_addr_unchecked(addr) };
        let off = inline_offset(base.class());
        for i in 0..base.inline_cap() as usize {
            // SAFETY: the cell was allocated with `inline_cap` initialised inline slots.
            t.mark_value(unsafe { g.read_at::<Value>(off + 8 * i) });
        }
    }
}

impl<E: Ext, const C: u8> CellType for ObjectCell<E, C> {
    const KIND: u16 = kinds::OBJECT_FIRST + C as u16;
    const NAME: &'static str = E::NAME;
}

const fn cell_size<T>() -> usize {
    // `CellBox<T>`: the vtable word, the payload, rounded to the 8-byte cell alignment.
    (PAYLOAD_OFFSET + std::mem::size_of::<T>() + 7) & !7
}

const _: () = assert!(cell_size::<ObjectCell<NoExt, 0>>() == 24);

const INLINE_OFFSET: [usize; CLASS_COUNT as usize] = [
    cell_size::<ObjectCell<NoExt, 0>>(),
    cell_size::<ObjectCell<ArrayExt, 1>>(),
    cell_size::<ObjectCell<FunctionExt, 2>>(),
    cell_size::<ObjectCell<ValueExt, 3>>(),
    cell_size::<ObjectCell<ValueExt, 4>>(),
    cell_size::<ObjectCell<ValueExt, 5>>(),
    cell_size::<ObjectCell<ValueExt, 6>>(),
    cell_size::<ObjectCell<ValueExt, 7>>(),
    cell_size::<ObjectCell<HostExt, 8>>(),
    cell_size::<ObjectCell<ValueExt, 9>>(),
    cell_size::<ObjectCell<HostExt, 10>>(),
    cell_size::<ObjectCell<IterExt, 11>>(),
    cell_size::<ObjectCell<IterExt, 12>>(),
    cell_size::<ObjectCell<IterExt, 13>>(),
    cell_size::<ObjectCell<IterExt, 14>>(),
    cell_size::<ObjectCell<IterExt, 15>>(),
    cell_size::<ObjectCell<IterExt, 16>>(),
    cell_size::<ObjectCell<IterExt, 17>>(),
    cell_size::<ObjectCell<ValueExt, 18>>(),
    cell_size::<ObjectCell<IterExt, 19>>(),
    cell_size::<ObjectCell<IterExt, 20>>(),
    cell_size::<ObjectCell<IterExt, 21>>(),
    cell_size::<ObjectCell<ValueExt, 22>>(),
    cell_size::<ObjectCell<TypedExt, 23>>(),
    cell_size::<ObjectCell<IterExt, 24>>(),
    cell_size::<ObjectCell<IterExt, 25>>(),
    cell_size::<ObjectCell<FunctionExt, 26>>(),
    cell_size::<ObjectCell<IterExt, 27>>(),
];

/// Offset of the first inline slot from the cell's start.
#[inline]
fn inline_offset(class: ObjectClass) -> usize {
    INLINE_OFFSET[class as usize]
}

/// Attributes of every dense element under the base's flags.
#[inline]
pub fn dense_attrs(base_flags: u8) -> u8 {
    if base_flags & base_flags::ELEMENTS_FROZEN != 0 {
        attrs::ENUMERABLE
    } else if base_flags & base_flags::ELEMENTS_SEALED != 0 {
        attrs::WRITABLE | attrs::ENUMERABLE
    } else {
        attrs::DEFAULT
    }
}

fn alloc_cell<E: Ext, const C: u8>(
    heap: &Heap,
    shape: Gc<Shape>,
    inline: usize,
) -> Result<Gc<Object>, OutOfMemory> {
    let g = heap.alloc_with_extra(
        ObjectCell::<E, C> {
            header: Object {
                shape: Cell::new(shape),
                slots: Cell::new(0),
            },
            ext: E::init(),
        },
        inline * 8,
    )?;
    debug_assert_eq!(
        g.tail_start::<u8>().addr() - g.addr(),
        INLINE_OFFSET[C as usize]
    );
    // SAFETY: an object cell starts with its `Object` header.
    let o = unsafe { g.cast::<Object>() };
    for i in 0..inline {
        // SAFETY: the cell was allocated with `inline` tail slots.
        unsafe { o.write_at(INLINE_OFFSET[C as usize] + 8 * i, Value::UNDEFINED) };
    }
    Ok(o)
}

impl Object {
    /// A new empty object of `realm` with the given class and prototype. Its inline slots
    /// (0 ..= MAX_INLINE_SLOTS) are what objects of the same (realm, class, prototype) have
    /// needed so far.
    pub fn new(
        heap: &Heap,
        realm: Gc<Context>,
        class: ObjectClass,
        proto: Value,
    ) -> Result<Gc<Object>, OutOfMemory> {
        let root = Context::root_for(realm, heap, class, proto)?;
        Self::with_shape(heap, root)
    }

    /// A new object with the given (root) shape.
    pub fn with_shape(heap: &Heap, shape: Gc<Shape>) -> Result<Gc<Object>, OutOfMemory> {
        let base = shape.base();
        let n = base.inline_cap() as usize;
        use ObjectClass::*;
        match base.class() {
            Ordinary => alloc_cell::<NoExt, 0>(heap, shape, n),
            Array => alloc_cell::<ArrayExt, 1>(heap, shape, n),
            Function => alloc_cell::<FunctionExt, 2>(heap, shape, n),
            Error => alloc_cell::<ValueExt, 3>(heap, shape, n),
            Boolean => alloc_cell::<ValueExt, 4>(heap, shape, n),
            Number => alloc_cell::<ValueExt, 5>(heap, shape, n),
            String => alloc_cell::<ValueExt, 6>(heap, shape, n),
            Symbol => alloc_cell::<ValueExt, 7>(heap, shape, n),
            External => alloc_cell::<HostExt, 8>(heap, shape, n),
            ArrayBuffer => alloc_cell::<ValueExt, 9>(heap, shape, n),
            CustomExternal => alloc_cell::<HostExt, 10>(heap, shape, n),
            ArrayIterator => alloc_cell::<IterExt, 11>(heap, shape, n),
            Generator => alloc_cell::<IterExt, 12>(heap, shape, n),
            Promise => alloc_cell::<IterExt, 13>(heap, shape, n),
            AsyncFromSyncIterator => alloc_cell::<IterExt, 14>(heap, shape, n),
            StringIterator => alloc_cell::<IterExt, 15>(heap, shape, n),
            Collection => alloc_cell::<IterExt, 16>(heap, shape, n),
            CollectionIterator => alloc_cell::<IterExt, 17>(heap, shape, n),
            Date => alloc_cell::<ValueExt, 18>(heap, shape, n),
            ModuleNamespace => alloc_cell::<IterExt, 19>(heap, shape, n),
            RegExp => alloc_cell::<IterExt, 20>(heap, shape, n),
            RegExpStringIterator => alloc_cell::<IterExt, 21>(heap, shape, n),
            BigInt => alloc_cell::<ValueExt, 22>(heap, shape, n),
            TypedArray => alloc_cell::<TypedExt, 23>(heap, shape, n),
            DataView => alloc_cell::<IterExt, 24>(heap, shape, n),
            Arguments => alloc_cell::<IterExt, 25>(heap, shape, n),
            Proxy => alloc_cell::<FunctionExt, 26>(heap, shape, n),
            IteratorHelper => alloc_cell::<IterExt, 27>(heap, shape, n),
        }
    }

    /// Downcasts a value to an object.
    #[inline]
    pub fn from_value(v: Value) -> Option<Gc<Object>> {
        let a = v.cell_addr()?;
        // SAFETY: cell values reaching the VM are cells of a live heap.
        let k = unsafe { conch_gc::kind_of(a) };
        if k.wrapping_sub(kinds::OBJECT_FIRST) < CLASS_COUNT {
            // SAFETY: every object cell starts with the `Object` header.
            Some(unsafe { Gc::<Object>::from_addr_unchecked(a) })
        } else {
            None
        }
    }

    fn this(&self) -> Gc<Object> {
        let addr = (self as *const Self).addr() - PAYLOAD_OFFSET;
        // SAFETY: `self` is the header of a live object cell.
        unsafe { Gc::<Object>::from_addr_unchecked(addr) }
    }

    fn ext<E: Ext, const C: u8>(&self) -> &E {
        debug_assert_eq!(self.class() as u8, C);
        // SAFETY: the caller checked the class, so the cell is an `ObjectCell<E, C>`; the
        // reference lives no longer than `self`'s.
        unsafe { &(*self.this().cast::<ObjectCell<E, C>>().payload_ptr()).ext }
    }

    fn array_ext(&self) -> Option<&ArrayExt> {
        (self.class() == ObjectClass::Array).then(|| self.ext::<ArrayExt, 1>())
    }
    fn function_ext(&self) -> Option<&FunctionExt> {
        match self.class() {
            ObjectClass::Function => Some(self.ext::<FunctionExt, 2>()),
            ObjectClass::Proxy => Some(self.ext::<FunctionExt, 26>()),
            _ => None,
        }
    }
    fn iter_ext(&self) -> Option<&IterExt> {
        match self.class() {
            ObjectClass::ArrayIterator => Some(self.ext::<IterExt, 11>()),
            ObjectClass::Generator => Some(self.ext::<IterExt, 12>()),
            ObjectClass::Promise => Some(self.ext::<IterExt, 13>()),
            ObjectClass::AsyncFromSyncIterator => Some(self.ext::<IterExt, 14>()),
            ObjectClass::StringIterator => Some(self.ext::<IterExt, 15>()),
            ObjectClass::Collection => Some(self.ext::<IterExt, 16>()),
            ObjectClass::CollectionIterator => Some(self.ext::<IterExt, 17>()),
            ObjectClass::ModuleNamespace => Some(self.ext::<IterExt, 19>()),
            ObjectClass::RegExp => Some(self.ext::<IterExt, 20>()),
            ObjectClass::RegExpStringIterator => Some(self.ext::<IterExt, 21>()),
            ObjectClass::TypedArray => Some(&self.ext::<TypedExt, 23>().base),
            ObjectClass::DataView => Some(self.ext::<IterExt, 24>()),
            ObjectClass::Arguments => Some(self.ext::<IterExt, 25>()),
            ObjectClass::IteratorHelper => Some(self.ext::<IterExt, 27>()),
            _ => None,
        }
    }
    fn host_ext(&self) -> Option<&HostExt> {
        match self.class() {
            ObjectClass::External => Some(self.ext::<HostExt, 8>()),
            ObjectClass::CustomExternal => Some(self.ext::<HostExt, 10>()),
            _ => None,
        }
    }
    fn value_ext(&self) -> Option<&ValueExt> {
        use ObjectClass::*;
        Some(match self.class() {
            Error => self.ext::<ValueExt, 3>(),
            Boolean => self.ext::<ValueExt, 4>(),
            Number => self.ext::<ValueExt, 5>(),
            String => self.ext::<ValueExt, 6>(),
            Symbol => self.ext::<ValueExt, 7>(),
            ArrayBuffer => self.ext::<ValueExt, 9>(),
            Date => self.ext::<ValueExt, 18>(),
            BigInt => self.ext::<ValueExt, 22>(),
            _ => return None,
        })
    }

    /// The object's class (its cell kind).
    #[inline]
    pub fn class(&self) -> ObjectClass {
        ObjectClass::from_kind(self.this().kind()).expect("object kind")
    }
    /// The shape.
    #[inline]
    pub fn shape(&self) -> Gc<Shape> {
        self.shape.get()
    }
    /// The realm (context) the object was created in.
    pub fn realm(&self) -> Gc<Context> {
        Context::from_value(self.shape.get().base().realm()).expect("realm is a context")
    }
    /// `[[Prototype]]`.
    #[inline]
    pub fn prototype(&self) -> Value {
        self.shape.get().base().proto()
    }
    /// Whether new properties may be added.
    pub fn is_extensible(&self) -> bool {
        self.shape.get().base().flags() & base_flags::NOT_EXTENSIBLE == 0
    }
    /// Whether the object has `[[IsHTMLDDA]]` (Annex B.3.6).
    #[inline]
    pub fn is_html_dda(&self) -> bool {
        self.shape.get().base().flags() & base_flags::HTML_DDA != 0
    }
    /// Gives the object `[[IsHTMLDDA]]` (Annex B.3.6; hosts use it for `document.all`-like
    /// objects, test262's host for `$262.IsHTMLDDA`).
    pub fn make_html_dda(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        Self::add_base_flags(heap, this, base_flags::HTML_DDA)
    }
    /// Whether named properties are in dictionary mode.
    pub fn is_dictionary(&self) -> bool {
        self.shape.get().is_dictionary()
    }

    /// The filler id of a builtin holder whose properties are not created yet (0 = none):
    /// realms create their prototypes' and constructors' contents on first use.
    #[inline]
    pub fn lazy_id(&self) -> u8 {
        self.shape.get().base().lazy()
    }
    /// Marks (or unmarks, with 0) an object as a lazy builtin holder. The object must own its
    /// base (made with its own root shape, or in dictionary mode), since the base holds the id.
    pub fn set_lazy(this: Gc<Object>, id: u8) {
        this.shape.get().base().set_lazy(id);
    }

    /// The four internal values of a class with an iterator-style extension (typed arrays,
    /// DataViews, iterators, …), read with one class dispatch; `None` for other classes.
    #[inline]
    pub fn iter_internals(&self) -> Option<&[Cell<Value>; 4]> {
        self.iter_ext().map(|e| &e.internal)
    }
    /// A typed array's cached view (see [`TypedExt`]): the buffer's data cell (undefined when
    /// the view is not fixed), the buffer's byte length, byte offset, element count and element
    /// type number.
    #[inline]
    pub fn typed_view(&self) -> Option<(Value, usize, usize, u32, u8)> {
        if self.class() != ObjectClass::TypedArray {
            return None;
        }
        let t = self.ext::<TypedExt, 23>();
        Some((
            t.view.get(),
            t.view_buffer_len.get(),
            t.view_offset.get(),
            t.view_len.get(),
            t.view_kind.get(),
        ))
    }
    /// Sets a typed array's cached view (nothing for other classes).
    pub fn set_typed_view(
        &self,
        data: Value,
        buffer_len: usize,
        offset: usize,
        len: u32,
        kind: u8,
    ) {
        if self.class() == ObjectClass::TypedArray {
            let t = self.ext::<TypedExt, 23>();
            t.view.set(data);
            t.view_buffer_len.set(buffer_len);
            t.view_offset.set(offset);
            t.view_len.set(len);
            t.view_kind.set(kind);
        }
    }
    /// The two internal values of a plain function object (a script function's code and
    /// environment), read with one class check; `None` for other classes (proxies too).
    #[inline]
    pub fn function_internals(&self) -> Option<&[Cell<Value>; 2]> {
        (self.class() == ObjectClass::Function).then(|| &self.ext::<FunctionExt, 2>().internal)
    }
    /// Internal value `i` (functions: 0 and 1; wrappers and buffers: 0; iterators: 0 to 2).
    pub fn internal(&self, i: usize) -> Value {
        if let Some(f) = self.function_ext() {
            return f.internal.get(i).map_or(Value::UNDEFINED, Cell::get);
        }
        if let Some(it) = self.iter_ext() {
            return it.internal.get(i).map_or(Value::UNDEFINED, Cell::get);
        }
        match self.value_ext() {
            Some(v) if i == 0 => v.value.get(),
            _ => Value::UNDEFINED,
        }
    }
    /// Sets internal value `i` (see [`internal`](Object::internal)); ignored for classes
    /// without one.
    pub fn set_internal(this: Gc<Object>, i: usize, v: Value) {
        if let Some(f) = this.function_ext() {
            if let Some(c) = f.internal.get(i) {
                c.set(v);
            }
            return;
        }
        if let Some(it) = this.iter_ext() {
            if let Some(c) = it.internal.get(i) {
                c.set(v);
            }
            return;
        }
        if let (Some(e), 0) = (this.value_ext(), i) {
            e.value.set(v);
        }
    }

    /// The host word of an external object or a function (0 for other classes).
    pub fn external_data(&self) -> usize {
        if let Some(h) = self.host_ext() {
            return h.data.get();
        }
        self.function_ext().map_or(0, |f| f.data.get())
    }
    /// Sets the host word (external objects and functions only).
    pub fn set_external_data(this: Gc<Object>, data: usize) {
        if let Some(h) = this.host_ext() {
            h.data.set(data);
        } else if let Some(f) = this.function_ext() {
            f.data.set(data);
        }
    }
    /// The host finalize callback's address (0 = none).
    pub fn finalizer(&self) -> usize {
        self.host_ext().map_or(0, |h| h.finalizer.get())
    }
    /// Sets the host finalize callback's address (external objects only).
    pub fn set_finalizer(this: Gc<Object>, f: usize) {
        if let Some(h) = this.host_ext() {
            h.finalizer.set(f);
        }
    }
    /// The host-object extras, if any were ever set.
    pub fn host_data(&self) -> Option<Gc<HostData>> {
        match self.host_ext() {
            Some(h) => h.host.get(),
            None => self.shape.get().base().host(),
        }
    }
    /// The host-object extras, allocated now if absent. Objects of other classes than the
    /// external ones keep them in a unique base, so they go to dictionary mode first.
    pub fn host_data_mut(this: Gc<Object>, heap: &Heap) -> Result<Gc<HostData>, OutOfMemory> {
        if let Some(h) = this.host_data() {
            return Ok(h);
        }
        if let Some(ext) = this.host_ext() {
            let h = HostData::new(heap)?;
            ext.host.set(Some(h));
            return Ok(h);
        }
        Self::to_dictionary(heap, this)?;
        let h = HostData::new(heap)?;
        this.shape.get().base().set_host(h);
        Ok(h)
    }
    /// Installs the VM-side function that calls a host trace callback (external objects).
    pub fn set_host_trace(h: Gc<HostData>, f: Option<HostTraceFn>, cb: usize) {
        h.trace_fn.set(f);
        h.trace_cb.set(cb);
    }

    /// A function's entry point.
    pub fn native(&self) -> Option<NativeFn> {
        self.function_ext().and_then(|f| f.native.get())
    }
    /// Makes this function callable (and a constructor if `ctor`). Ignored for other classes.
    pub fn set_native(this: Gc<Object>, f: NativeFn, ctor: bool) {
        if let Some(e) = this.function_ext() {
            e.native.set(Some(f));
            if ctor {
                e.constructor.set(true);
            }
        }
    }
    /// `IsCallable`.
    pub fn is_callable(&self) -> bool {
        self.native().is_some()
    }
    /// `IsConstructor`.
    pub fn is_constructor(&self) -> bool {
        self.function_ext().is_some_and(|f| f.constructor.get())
    }

    /// Arrays: `length`.
    pub fn array_length(&self) -> u32 {
        self.array_ext().map_or(0, |a| a.length.get())
    }
    /// Arrays: whether `length` is writable.
    pub fn length_writable(&self) -> bool {
        self.shape.get().base().flags() & base_flags::LENGTH_READONLY == 0
    }
    pub(crate) fn set_length_readonly(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        Self::add_base_flags(heap, this, base_flags::LENGTH_READONLY)
    }
    /// Sets an array's `length` without removing anything (caller ensures no element ≥ n).
    pub(crate) fn set_length_raw(this: Gc<Object>, n: u32) {
        if let Some(a) = this.array_ext() {
            a.length.set(n);
        }
    }
    /// Arrays: the element kind (the interpreter's fast paths key on it).
    pub fn element_kind(&self) -> Option<ElementKind> {
        self.array_ext()
            .map(|a| ElementKind::from_u32(a.kind.get()))
    }

    /// Turns on base flags (the object gets a unique base first).
    pub(crate) fn add_base_flags(heap: &Heap, this: Gc<Object>, f: u8) -> Result<(), OutOfMemory> {
        let base = this.shape.get().base();
        if base.flags() & f == f {
            return Ok(());
        }
        Self::to_dictionary(heap, this)?;
        let base = this.shape.get().base();
        base.set_flags(base.flags() | f);
        Ok(())
    }

    /// `[[PreventExtensions]]` for ordinary objects.
    pub fn prevent_extensions(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        Self::add_base_flags(heap, this, base_flags::NOT_EXTENSIBLE)
    }

    /// Sets `[[Prototype]]` (callers check for cycles and extensibility). The object leaves
    /// its shape tree (the prototype is part of the tree): an empty fast object moves to the
    /// new prototype's root, any other goes to dictionary mode.
    pub fn set_prototype_raw(
        heap: &Heap,
        this: Gc<Object>,
        proto: Value,
    ) -> Result<(), OutOfMemory> {
        let shape = this.shape.get();
        let base = shape.base();
        if base.proto() == proto {
            return Ok(());
        }
        if !shape.is_dictionary() && shape.count() == 0 && base.flags() == 0 && base.lazy() == 0 {
            let root =
                Context::root_with_cap(this.realm(), heap, base.class(), proto, base.inline_cap())?;
            this.shape.set(root);
            return Ok(());
        }
        Self::to_dictionary(heap, this)?;
        this.shape.get().base().set_proto(proto);
        Ok(())
    }

    // ---- named properties ----

    fn ool(&self) -> Option<Gc<GcArray<Value>>> {
        let a = self.slots_word();
        // SAFETY: in fast mode `slots` is 0 or a `GcArray<Value>` (module invariant).
        (a != 0).then(|| unsafe { Gc::<GcArray<Value>>::from_addr_unchecked(a) })
    }

    fn dict(&self) -> Option<Gc<Dict>> {
        if !self.is_dictionary() {
            return None;
        }
        // SAFETY: in dictionary mode `slots` is the `Dict` cell (module invariant).
        Some(unsafe { Gc::<Dict>::from_addr_unchecked(self.slots_word()) })
    }

    /// Dictionary mode: the position of `key`'s entry (for inline caches).
    pub(crate) fn dict_position(this: Gc<Object>, key: Value) -> Option<u32> {
        let p = this.dict()?.map.position(&key)?;
        u32::try_from(p).ok()
    }

    /// Dictionary mode: the property at entry position `i` if that entry is `key`'s.
    #[inline]
    pub(crate) fn dict_at(this: Gc<Object>, i: u32, key: Value) -> Option<Prop> {
        let (k, p) = this.dict()?.map.live_at(i as usize)?;
        (k == key).then_some(p)
    }

    /// Dictionary mode: sets the value of `key`'s writable data property at entry position
    /// `i`; whether it did.
    #[inline]
    pub(crate) fn dict_set_at(this: Gc<Object>, i: u32, key: Value, v: Value) -> bool {
        let Some(d) = this.dict() else {
            return false;
        };
        match d.map.live_at(i as usize) {
            Some((k, p))
                if k == key && p.attrs & (attrs::ACCESSOR | attrs::WRITABLE) == attrs::WRITABLE =>
            {
                d.map.set_value_at(
                    i as usize,
                    Prop {
                        value: v,
                        attrs: p.attrs,
                    },
                )
            }
            _ => false,
        }
    }

    /// Fast-mode slot `n`.
    #[inline(always)]
    pub fn slot(this: Gc<Object>, n: u32) -> Value {
        let base = this.shape.get().base();
        let cap = base.inline_cap() as u32;
        if n < cap {
            // SAFETY: inline slot `n < inline_cap` exists and holds a value.
            unsafe { this.read_at::<Value>(inline_offset(base.class()) + 8 * n as usize) }
        } else {
            this.ool()
                .and_then(|a| a.get((n - cap) as usize))
                .unwrap_or(Value::UNDEFINED)
        }
    }

    /// Sets fast-mode slot `n` (which must exist).
    #[inline(always)]
    pub fn set_slot(this: Gc<Object>, n: u32, v: Value) {
        let base = this.shape.get().base();
        let cap = base.inline_cap() as u32;
        if n < cap {
            // SAFETY: as in `slot`.
            unsafe { this.write_at(inline_offset(base.class()) + 8 * n as usize, v) };
        } else if let Some(a) = this.ool() {
            a.set((n - cap) as usize, v);
        }
    }

    /// The own named property `key` (not an index).
    pub fn get_named(heap: &Heap, this: Gc<Object>, key: Value) -> Option<Prop> {
        if let Some(d) = this.dict() {
            return d.map.get(&key);
        }
        let (slot, attrs) = Shape::lookup(heap, this.shape.get(), key)?;
        Some(Prop {
            value: Self::slot(this, slot),
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
        if !this.is_dictionary() {
            let shape = this.shape.get();
            match Shape::lookup(heap, shape, key) {
                Some((slot, a)) if a == p.attrs => {
                    Self::set_slot(this, slot, p.value);
                    return Ok(());
                }
                Some(_) => Self::to_dictionary(heap, this)?,
                None if shape.count() < MAX_FAST_PROPERTIES => {
                    return Self::add_fast(heap, this, key, p);
                }
                None => Self::to_dictionary(heap, this)?,
            }
        }
        let d = this.dict().ok_or(OutOfMemory)?;
        d.map.insert(heap, key, p)?;
        Ok(())
    }

    fn add_fast(heap: &Heap, this: Gc<Object>, key: Value, p: Prop) -> Result<(), OutOfMemory> {
        let shape = this.shape.get();
        let base = shape.base();
        let n = shape.count();
        let cap = base.inline_cap() as u32;
        // Room first (nothing is published until every allocation succeeded).
        if n >= cap {
            let need = (n - cap + 1) as usize;
            let have = this.ool().map_or(0, |a| a.capacity());
            if need > have {
                let new = GcArray::<Value>::new(heap, (have * 2).max(need).max(4))?;
                if let Some(old) = this.ool() {
                    for c in old.cells() {
                        new.push_within_capacity(c.get());
                    }
                }
                this.set_slots_word(new.addr());
            }
        }
        let realm = this.realm();
        let child = Shape::add(heap, realm.shape_registry(), shape, key, p.attrs)?;
        if n >= cap {
            let a = this.ool().ok_or(OutOfMemory)?;
            a.resize_within_capacity((n - cap) as usize, Value::UNDEFINED);
            a.push_within_capacity(p.value);
        } else {
            // SAFETY: inline slot `n < inline_cap` exists.
            unsafe { this.write_at(inline_offset(base.class()) + 8 * n as usize, p.value) };
        }
        this.shape.set(child);
        base.note_count(n + 1);
        Ok(())
    }

    /// Adds to `this` the property by which `child` extends `this`'s shape (the caller checked
    /// that it does, for a data property), with value `v`, when the room for its slot exists
    /// already; whether it did (an inline cache's transition: no allocation, no lookup).
    pub(crate) fn add_with_child(this: Gc<Object>, child: Gc<Shape>, v: Value) -> bool {
        let shape = this.shape.get();
        let base = shape.base();
        let n = shape.count();
        let cap = base.inline_cap() as u32;
        if n < cap {
            // SAFETY: inline slot `n < inline_cap` exists.
            unsafe { this.write_at(inline_offset(base.class()) + 8 * n as usize, v) };
        } else {
            let Some(a) = this.ool() else {
                return false;
            };
            let at = (n - cap) as usize;
            if a.capacity() <= at {
                return false;
            }
            a.resize_within_capacity(at, Value::UNDEFINED);
            a.push_within_capacity(v);
        }
        this.shape.set(child);
        true
    }

    /// Removes the own named property `key`; returns whether it existed.
    pub fn remove_named(heap: &Heap, this: Gc<Object>, key: Value) -> Result<bool, OutOfMemory> {
        if !this.is_dictionary() {
            let shape = this.shape.get();
            let Some((slot, _)) = Shape::lookup(heap, shape, key) else {
                return Ok(false);
            };
            if slot + 1 == shape.count() {
                // The last property: step back to the parent shape.
                Self::set_slot(this, slot, Value::UNDEFINED);
                let cap = shape.base().inline_cap() as u32;
                if slot >= cap {
                    if let Some(a) = this.ool() {
                        a.truncate((slot - cap) as usize);
                    }
                }
                this.shape.set(shape.parent().expect("non-root shape"));
                return Ok(true);
            }
            Self::to_dictionary(heap, this)?;
        }
        let d = this.dict().ok_or(OutOfMemory)?;
        Ok(d.map.remove(&key).is_some())
    }

    /// Moves named properties into a dictionary (insertion order kept), under a unique base
    /// and shape of the object's own. Does nothing if already in dictionary mode.
    pub fn to_dictionary(heap: &Heap, this: Gc<Object>) -> Result<(), OutOfMemory> {
        if this.is_dictionary() {
            return Ok(());
        }
        let shape = this.shape.get();
        let base = shape.base();
        let dict = heap.alloc(Dict {
            map: GcHashMap::new(),
        })?;
        let mut err = Ok(());
        Shape::for_each(shape, |k, slot, attrs| {
            if err.is_ok() {
                let value = Self::slot(this, slot);
                err = dict.map.insert(heap, k, Prop { value, attrs }).map(|_| ());
            }
        });
        err?;
        let root = Shape::new_root(
            heap,
            base.realm(),
            base.class(),
            base.proto(),
            base.inline_cap(),
            base.flags() | base_flags::UNIQUE,
        )?;
        root.base().set_lazy(base.lazy());
        // Every allocation succeeded: switch over (inline slots are unused from now on).
        for i in 0..base.inline_cap() as u32 {
            Self::set_slot(this, i, Value::UNDEFINED);
        }
        this.set_slots_word(dict.addr());
        this.shape.set(root);
        Ok(())
    }

    /// Calls `f(key, prop)` for each own named property in insertion order.
    pub fn for_each_named(this: Gc<Object>, mut f: impl FnMut(Value, Prop)) {
        if let Some(d) = this.dict() {
            d.map.for_each(f);
        } else {
            Shape::for_each(this.shape.get(), |k, slot, attrs| {
                f(
                    k,
                    Prop {
                        value: Self::slot(this, slot),
                        attrs,
                    },
                )
            });
        }
    }

    /// Bytes of this object's own storage: the cell (header, extension, inline slots) and
    /// its out-of-line slots (measurements; elements not included).
    pub fn storage_bytes(&self) -> usize {
        let base = self.shape.get().base();
        let cell = inline_offset(base.class()) + 8 * base.inline_cap() as usize;
        let ool = if self.is_dictionary() {
            0
        } else {
            self.ool().map_or(0, |a| 16 + 8 * a.capacity())
        };
        let spill = if self.spill().is_some() { 24 } else { 0 };
        cell + ool + spill
    }

    /// Number of own named properties.
    pub fn named_count(&self) -> usize {
        match self.dict() {
            Some(d) => d.map.len(),
            None => self.shape.get().count() as usize,
        }
    }

    /// A shallow copy of `this` (for `JsCloneObject`): same class, prototype, realm,
    /// extensibility, own properties (named and indexed, same attributes; accessors share their
    /// `Accessor` cells, which are never mutated in place), internal values, native entry
    /// point, external data and finalizer address. The host-object extras (`host_data`) are
    /// not copied: the caller decides what a copy of them means. Registers no finalizer.
    pub fn clone_storage(heap: &Heap, this: Gc<Object>) -> Result<Gc<Object>, OutOfMemory> {
        let shape = this.shape.get();
        let base = shape.base();
        let dict = shape.is_dictionary();
        let start = if dict {
            Shape::new_root(
                heap,
                base.realm(),
                base.class(),
                base.proto(),
                base.inline_cap(),
                base.flags(),
            )?
        } else if base.lazy() != 0 {
            // A builtin holder's own tree carries its filler id: the copy gets a tree of its
            // own (callers fill the holder first; see `ops::materialize`).
            Shape::new_root(
                heap,
                base.realm(),
                base.class(),
                base.proto(),
                base.inline_cap(),
                base.flags(),
            )?
        } else {
            base.root()
        };
        let c = Self::with_shape(heap, start)?;
        if let Some(f) = this.function_ext() {
            let g = c.function_ext().ok_or(OutOfMemory)?;
            g.native.set(f.native.get());
            g.constructor.set(f.constructor.get());
        }
        Self::set_internal(c, 0, this.internal(0));
        Self::set_internal(c, 1, this.internal(1));
        Self::set_internal(c, 2, this.internal(2));
        Self::set_external_data(c, this.external_data());
        Self::set_finalizer(c, this.finalizer());
        if let (Some(a), Some(b)) = (this.array_ext(), c.array_ext()) {
            b.length.set(a.length.get());
            b.kind.set(a.kind.get());
        }
        // Named properties: replay the same keys (the same shape for fast objects).
        if dict {
            let d = heap.alloc(Dict {
                map: GcHashMap::new(),
            })?;
            let mut err = Ok(());
            this.dict().ok_or(OutOfMemory)?.map.for_each(|k, p| {
                if err.is_ok() {
                    err = d.map.insert(heap, k, p).map(|_| ());
                }
            });
            err?;
            c.set_slots_word(d.addr());
        } else {
            let mut err = Ok(());
            Shape::for_each(shape, |k, slot, a| {
                if err.is_ok() {
                    let value = Self::slot(this, slot);
                    err = Self::add_fast(heap, c, k, Prop { value, attrs: a });
                }
            });
            err?;
        }
        elements::clone_elements(heap, this, c)?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests;
