//! Contexts (realms): the global object, the intrinsics, and the pre-allocated errors that are
//! thrown when memory or stack runs out (ARCHITECTURE.md §3: nothing may be allocated between
//! "allocation failed" and "error delivered").

use crate::kinds;
use crate::object::Shape;
use crate::object::{Object, ObjectClass};
use conch_gc::{CellType, Gc, GcHashMap, GcKey, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};
use std::cell::Cell;

macro_rules! intrinsics {
    ($($name:ident),* $(,)?) => {
        /// The intrinsic objects of a realm.
        #[allow(missing_docs)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Intrinsic { $($name),* }
        /// Number of intrinsics.
        pub const INTRINSIC_COUNT: usize = [$(Intrinsic::$name),*].len();
    };
}

intrinsics! {
    ObjectPrototype,
    FunctionPrototype,
    ArrayPrototype,
    ErrorPrototype,
    EvalErrorPrototype,
    RangeErrorPrototype,
    ReferenceErrorPrototype,
    SyntaxErrorPrototype,
    TypeErrorPrototype,
    UriErrorPrototype,
    SuppressedErrorPrototype,
    SymbolPrototype,
    BooleanPrototype,
    NumberPrototype,
    StringPrototype,
    IteratorPrototype,
    ArrayIteratorPrototype,
    ArrayProtoForEach,
    ArrayIteratorNext,
    ArrayProtoKeys,
    ArrayProtoValues,
    ArrayProtoEntries,
    ArrayBufferPrototype,
    Object,
    Function,
    Array,
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    UriError,
    SuppressedError,
    Symbol,
    Boolean,
    Number,
    String,
    ArrayBuffer,
    GeneratorFunctionPrototype,
    AsyncIteratorPrototype,
    AsyncGeneratorFunctionPrototype,
    AsyncGeneratorPrototype,
    AsyncFunctionPrototype,
    AsyncFromSyncIteratorPrototype,
    Eval,
    Promise,
    PromisePrototype,
    GeneratorPrototype,
    ParseInt,
    ParseFloat,
    Math,
    StringIteratorPrototype,
    Map,
    MapPrototype,
    MapIteratorPrototype,
    Set,
    SetPrototype,
    SetIteratorPrototype,
    WeakMap,
    WeakMapPrototype,
    WeakSet,
    WeakSetPrototype,
    Date,
    DatePrototype,
    RegExp,
    RegExpPrototype,
    RegExpStringIteratorPrototype,
    // Compiled regexp literals: a GcArray of (pattern, flags, program) triples.
    RegExpCache,
    // The legacy static properties' state (`builtins::regexp::legacy`; made on first use).
    RegExpLegacy,
    // The global declarative record: global `let`/`const`/`class` bindings (a
    // null-prototype object; holes for uninitialised bindings).
    GlobalLexicals,
    // The realm's module map: a null-prototype object, canonical name → module record
    // (created on first use).
    ModuleMap,
    // The pre-allocated "Out of memory" Error, then "Maximum call stack size exceeded" RangeError.
    OutOfMemoryError,
    StackOverflowError,
    BigInt,
    BigIntPrototype,
    TypedArray,
    TypedArrayPrototype,
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    Int8ArrayPrototype,
    Uint8ArrayPrototype,
    Uint8ClampedArrayPrototype,
    Int16ArrayPrototype,
    Uint16ArrayPrototype,
    Int32ArrayPrototype,
    Uint32ArrayPrototype,
    Float32ArrayPrototype,
    Float64ArrayPrototype,
    DataView,
    DataViewPrototype,
    BigInt64Array,
    BigUint64Array,
    BigInt64ArrayPrototype,
    BigUint64ArrayPrototype,
    Float16Array,
    Float16ArrayPrototype,
    ThrowTypeError,
    AggregateError,
    AggregateErrorPrototype,
    Iterator,
    // Created on first use (undefined until then).
    IteratorHelperPrototype,
    WrapForValidIteratorPrototype,
    DisposableStack,
    DisposableStackPrototype,
    AsyncDisposableStack,
    AsyncDisposableStackPrototype,
    WeakRef,
    WeakRefPrototype,
    FinalizationRegistry,
    FinalizationRegistryPrototype,
    SharedArrayBuffer,
    SharedArrayBufferPrototype,
    Atomics,
    // `Atomics.waitAsync`'s waiters: a GcArray of (buffer, byte index, resolve) triples
    // (undefined until the first one).
    AtomicsWaiters,
    ShadowRealm,
    ShadowRealmPrototype,
    // The shapes of a mapped and an unmapped arguments object (`length`, @@iterator,
    // `callee`: see `interp::arguments`), and the unmapped one's `callee` accessor cell;
    // undefined until the first one is made.
    ArgumentsShape,
    ArgumentsStrictShape,
    ArgumentsCalleeAccessor,
    // `%TypedArray.prototype%.length`'s getter (see `interp::ic::length`).
    TypedArrayLengthGetter,
}

/// The key of a realm's root-shape cache: (prototype, class).
#[derive(Clone, Copy, PartialEq, Eq)]
struct RootKey {
    proto: u64,
    class: u8,
}

// SAFETY: holds no traced references (the cache is weak; a live root keeps its prototype).
unsafe impl Trace for RootKey {
    const LEAF: bool = true;
    fn trace(&self, _: &mut Tracer) {}
}

impl GcKey for RootKey {
    fn hash_key(&self) -> u64 {
        self.proto.hash_key() ^ (self.class as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// A context (realm).
pub struct Context {
    global: Cell<Value>,
    intrinsics: [Cell<Value>; INTRINSIC_COUNT],
    /// `JsSetContextData`'s pointer.
    data: Cell<usize>,
    /// `Math.random`'s xorshift64* state (never 0; seeded lazily on first use).
    random: Cell<u64>,
    /// Cells the host refers to by raw pointer for the context's whole life (the trap tables
    /// of custom external objects, which hosts reuse across objects).
    host_cells: GcVec<Value>,
    /// (prototype, class) → root shape address. Weak: entries of dead roots are dropped after
    /// each collection's marking (`prune_roots`).
    roots: GcHashMap<RootKey, usize>,
    /// Shapes of this realm that have transitions (see `object::mark_transitions`).
    shapes: GcVec<usize>,
}

// SAFETY: reports every value field and the storage of the weak tables.
unsafe impl Trace for Context {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.global.get());
        for v in &self.intrinsics {
            t.mark_value(v.get());
        }
        self.host_cells.trace(t);
        self.roots.trace(t);
        self.shapes.trace(t);
    }
}

impl CellType for Context {
    const KIND: u16 = kinds::CONTEXT;
    const NAME: &'static str = "Context";
}

fn shape_at(addr: usize) -> Gc<Shape> {
    // SAFETY: the root cache holds addresses of live shapes (pruned before they die).
    unsafe { Gc::<Shape>::from_addr_unchecked(addr) }
}

impl Context {
    /// An empty context cell; `crate::builtins::init_realm` fills it.
    /// The next `Math.random` value in [0, 1): xorshift64* over a per-realm state, seeded on
    /// first use from the clock and the realm's address (splitmix64-mixed).
    pub(crate) fn next_random(this: Gc<Context>) -> f64 {
        let mut x = this.random.get();
        if x == 0 {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            let mut z = t ^ (this.to_value().to_bits()).rotate_left(32) ^ 0x9e37_79b9_7f4a_7c15;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            x = (z ^ (z >> 31)) | 1;
        }
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        this.random.set(x);
        // The top 53 bits of the scrambled output, scaled to [0, 1).
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn alloc(heap: &Heap) -> Result<Gc<Context>, OutOfMemory> {
        heap.alloc(Context {
            global: Cell::new(Value::UNDEFINED),
            intrinsics: [const { Cell::new(Value::UNDEFINED) }; INTRINSIC_COUNT],
            data: Cell::new(0),
            random: Cell::new(0),
            host_cells: GcVec::new(),
            roots: GcHashMap::new(),
            shapes: GcVec::new(),
        })
    }

    /// Downcasts a cell address.
    pub fn from_value(v: Value) -> Option<Gc<Context>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Context>::from_addr(a) })
    }

    /// The root shape for new objects of (this realm, `class`, `proto`), with as many inline
    /// slots as objects of that tree have needed so far (up to `MAX_INLINE_SLOTS`).
    pub fn root_for(
        this: Gc<Context>,
        heap: &Heap,
        class: ObjectClass,
        proto: Value,
    ) -> Result<Gc<Shape>, OutOfMemory> {
        let key = RootKey {
            proto: proto.to_bits(),
            class: class as u8,
        };
        let cap = match this.roots.get(&key) {
            Some(r) => {
                let r = shape_at(r);
                let b = r.base();
                if b.hint() <= b.inline_cap() {
                    return Ok(r);
                }
                b.hint()
            }
            None => 0,
        };
        let root = Shape::new_root(heap, this.to_value(), class, proto, cap, 0)?;
        this.roots.insert(heap, key, root.addr())?;
        Ok(root)
    }

    /// A root shape for (this realm, `class`, `proto`) with exactly `cap` inline slots.
    pub fn root_with_cap(
        this: Gc<Context>,
        heap: &Heap,
        class: ObjectClass,
        proto: Value,
        cap: u8,
    ) -> Result<Gc<Shape>, OutOfMemory> {
        let key = RootKey {
            proto: proto.to_bits(),
            class: class as u8,
        };
        if let Some(r) = this.roots.get(&key).map(shape_at) {
            if r.base().inline_cap() == cap {
                return Ok(r);
            }
        }
        Shape::new_root(heap, this.to_value(), class, proto, cap, 0)
    }

    /// The registry of this realm's shapes with transitions.
    pub(crate) fn shape_registry(&self) -> &GcVec<usize> {
        &self.shapes
    }

    /// After marking: drops root-cache entries whose root died, and marks the transition
    /// tables still in use (called by the runtime's marking hook).
    pub(crate) fn mark_weak_shapes(&self, heap: &Heap) {
        crate::object::mark_transitions(heap, &self.shapes);
    }

    /// Drops root-cache entries whose root shape did not survive (weak processor).
    pub(crate) fn prune_roots(&self, heap: &Heap) {
        let mut i = 0;
        while let Some((k, r, next)) = self.roots.entry_at(i) {
            if !heap.survives(r) {
                self.roots.remove(&k);
            }
            i = next;
        }
    }

    /// `JsSetContextData`'s pointer.
    pub fn data(&self) -> usize {
        self.data.get()
    }
    /// Sets `JsSetContextData`'s pointer.
    pub fn set_data(&self, d: usize) {
        self.data.set(d);
    }
    /// The global object.
    pub fn global(&self) -> Value {
        self.global.get()
    }
    pub(crate) fn set_global(this: Gc<Context>, g: Value) {
        this.global.set(g);
    }
    /// An intrinsic.
    pub fn intrinsic(&self, i: Intrinsic) -> Value {
        self.intrinsics[i as usize].get()
    }
    /// An intrinsic that is an object.
    pub fn intrinsic_object(&self, i: Intrinsic) -> Gc<Object> {
        Object::from_value(self.intrinsic(i)).expect("intrinsic is initialised")
    }
    pub(crate) fn set_intrinsic(this: Gc<Context>, i: Intrinsic, v: Value) {
        this.intrinsics[i as usize].set(v);
    }
    /// Keeps `v` alive as long as this context (see `host_cells`).
    pub fn keep_alive(this: Gc<Context>, heap: &Heap, v: Value) -> Result<(), OutOfMemory> {
        this.host_cells.push(heap, v)
    }
    /// `%Object.prototype%`.
    pub fn object_prototype(&self) -> Value {
        self.intrinsic(Intrinsic::ObjectPrototype)
    }
    /// `%Array.prototype%`.
    pub fn array_prototype(&self) -> Value {
        self.intrinsic(Intrinsic::ArrayPrototype)
    }

    /// A new object of this realm with the given class and prototype.
    pub fn new_object(
        this: Gc<Context>,
        heap: &Heap,
        class: ObjectClass,
        proto: Value,
    ) -> Result<Gc<Object>, OutOfMemory> {
        Object::new(heap, this, class, proto)
    }
}
