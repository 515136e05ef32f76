//! Contexts (realms): the global object, the intrinsics, and the pre-allocated errors that are
//! thrown when memory or stack runs out (ARCHITECTURE.md §3: nothing may be allocated between
//! "allocation failed" and "error delivered").

use crate::kinds;
use crate::object::{Object, ObjectClass};
use crate::shape::Shape;
use conch_gc::{CellType, Gc, GcVec, Heap, OutOfMemory, Trace, Tracer, Value};

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
    SymbolPrototype,
    BooleanPrototype,
    NumberPrototype,
    StringPrototype,
    IteratorPrototype,
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
    Symbol,
    Boolean,
    Number,
    String,
    ArrayBuffer,
    // The pre-allocated "Out of memory" Error, then "Out of stack space" RangeError.
    OutOfMemoryError,
    StackOverflowError,
}

/// A context (realm).
pub struct Context {
    root_shape: Option<Gc<Shape>>,
    global: Value,
    intrinsics: [Value; INTRINSIC_COUNT],
    /// `JsSetContextData`'s pointer.
    pub data: usize,
    /// Cells the host refers to by raw pointer for the context's whole life (the trap tables
    /// of custom external objects, which hosts reuse across objects).
    host_cells: GcVec<Value>,
}

// SAFETY: reports every value field.
unsafe impl Trace for Context {
    fn trace(&self, t: &mut Tracer) {
        self.root_shape.trace(t);
        t.mark_value(self.global);
        self.intrinsics.trace(t);
        self.host_cells.trace(t);
    }
}

impl CellType for Context {
    const KIND: u16 = kinds::CONTEXT;
    const NAME: &'static str = "Context";
}

impl Context {
    /// An empty context cell; `crate::builtins::init_realm` fills it.
    pub(crate) fn alloc(heap: &Heap) -> Result<Gc<Context>, OutOfMemory> {
        let ctx = heap.alloc(Context {
            root_shape: None,
            global: Value::UNDEFINED,
            intrinsics: [Value::UNDEFINED; INTRINSIC_COUNT],
            data: 0,
            host_cells: GcVec::new(),
        })?;
        let root = Shape::root(heap, ctx.to_value())?;
        ctx.get_mut().root_shape = Some(root);
        Ok(ctx)
    }

    /// Downcasts a cell address.
    pub fn from_value(v: Value) -> Option<Gc<Context>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Context>::from_addr(a) })
    }

    /// The realm's root shape.
    pub fn root_shape(&self) -> Gc<Shape> {
        self.root_shape.expect("initialised")
    }
    /// The global object.
    pub fn global(&self) -> Value {
        self.global
    }
    pub(crate) fn set_global(this: Gc<Context>, g: Value) {
        this.get_mut().global = g;
    }
    /// An intrinsic.
    pub fn intrinsic(&self, i: Intrinsic) -> Value {
        self.intrinsics[i as usize]
    }
    /// An intrinsic that is an object.
    pub fn intrinsic_object(&self, i: Intrinsic) -> Gc<Object> {
        Object::from_value(self.intrinsics[i as usize]).expect("intrinsic is initialised")
    }
    pub(crate) fn set_intrinsic(this: Gc<Context>, i: Intrinsic, v: Value) {
        this.get_mut().intrinsics[i as usize] = v;
    }
    /// Keeps `v` alive as long as this context (see `host_cells`).
    pub fn keep_alive(this: Gc<Context>, heap: &Heap, v: Value) -> Result<(), OutOfMemory> {
        this.get_mut().host_cells.push(heap, v)
    }
    /// `%Object.prototype%`.
    pub fn object_prototype(&self) -> Value {
        self.intrinsic(Intrinsic::ObjectPrototype)
    }
    /// `%Array.prototype%`.
    pub fn array_prototype(&self) -> Value {
        self.intrinsic(Intrinsic::ArrayPrototype)
    }

    /// A new ordinary object of this realm with the given prototype.
    pub fn new_object(
        this: Gc<Context>,
        heap: &Heap,
        class: ObjectClass,
        proto: Value,
    ) -> Result<Gc<Object>, OutOfMemory> {
        Object::new_in(heap, this.root_shape(), class, proto)
    }
}
