//! The module record (ECMA-262 §16.2.1.5, Source Text Module Records): what the compiler
//! found in a module's source (requests, imports, exports) and the state of its linking and
//! evaluation. One GC cell per module; lists are GC vectors (accounted, fallible).

use crate::kinds;
use conch_gc::{CellType, Gc, GcArray, GcVec, Trace, Tracer, Value};
use std::cell::Cell;

/// `[[Status]]` values.
pub mod status {
    /// Compiled, not linked.
    pub const NEW: u8 = 0;
    /// In `Link()`'s depth-first walk.
    pub const LINKING: u8 = 1;
    /// Linked: its environment is set up.
    pub const LINKED: u8 = 2;
    /// In `Evaluate()`'s depth-first walk.
    pub const EVALUATING: u8 = 3;
    /// Waiting for its own or a dependency's top-level `await`.
    pub const EVALUATING_ASYNC: u8 = 4;
    /// Evaluated (successfully or with `error`).
    pub const EVALUATED: u8 = 5;
}

/// Where the module environment's fixed slots are (array indices: slot 0 is the parent).
pub mod env {
    /// The import table: `[env or value, index]` pairs, one per imported binding.
    pub const IMPORTS: usize = 1;
    /// `this` (undefined) for arrow functions at the top level.
    pub const THIS: usize = 2;
    /// `new.target` (undefined).
    pub const NEW_TARGET: usize = 3;
    /// The first binding.
    pub const FIRST: usize = 4;
}

/// A module record.
pub struct Module {
    /// The canonical name the host resolved it to (a string; JsRT's specifier or URL).
    pub name: Cell<Value>,
    /// Its source has been compiled into it (or it is synthetic).
    pub parsed: Cell<bool>,
    /// Host-driven loading (JsRT): the modules that requested this one.
    pub parents: GcVec<Value>,
    /// Host-driven loading: a root of a graph (parsed with no parent).
    pub root: Cell<bool>,
    /// Host-driven loading: the host was told the graph is ready (or failed).
    pub notified: Cell<bool>,
    /// The host's word (`JsModuleHostInfo_HostDefined`).
    pub host_word: Cell<usize>,
    /// [`status`].
    pub status: Cell<u8>,
    /// Contains a top-level `await` (`[[HasTLA]]`).
    pub has_tla: Cell<bool>,
    /// The code that instantiates its functions (a closure over `env`), or undefined.
    pub init: Cell<Value>,
    /// The code of its body (a closure over `env`), or undefined (a synthetic module).
    pub body: Cell<Value>,
    /// The module environment (a GC array, [`env`] layout).
    pub env: Cell<Value>,
    /// The namespace object, once asked for.
    pub namespace: Cell<Value>,
    /// The deferred namespace object (`import defer`), once asked for.
    pub deferred: Cell<Value>,
    /// `[[EvaluationError]]` (the hole when none).
    pub error: Cell<Value>,
    /// `import.meta`, once asked for.
    pub meta: Cell<Value>,
    /// The realm (context) it belongs to.
    pub realm: Value,
    /// Host data (`JsSetModuleHostInfo`).
    pub host_defined: Cell<Value>,
    /// Requested specifiers (strings), unique, in source order.
    pub requests: GcVec<Value>,
    /// Per request (an int): the module kind in the low 4 bits (0 JavaScript, 1 JSON — `with
    /// { type: "json" }` —, 2 text), the phase above them (0 evaluation, 1 defer, 2 source).
    pub request_types: GcVec<Value>,
    /// Per request: the loaded module record, or undefined.
    pub loaded: GcVec<Value>,
    /// Import entries, three values each: request index, imported name (a string; null for
    /// `* as ns`, true for `defer * as ns`, false for `source x`), and the destination: the import-table entry (an int) or, for a namespace
    /// import, the environment index of the binding.
    pub imports: GcVec<Value>,
    /// Local exports, two values each: export name, environment index of the binding.
    pub local_exports: GcVec<Value>,
    /// Indirect exports, three values each: export name, request index, imported name (null:
    /// `export * as name from`).
    pub indirect_exports: GcVec<Value>,
    /// Star exports: request indices (ints).
    pub star_exports: GcVec<Value>,
    /// `[[DFSIndex]]` (-1: empty).
    pub dfs_index: Cell<i32>,
    /// `[[DFSAncestorIndex]]`.
    pub dfs_ancestor: Cell<i32>,
    /// `[[CycleRoot]]` (a module or undefined).
    pub cycle_root: Cell<Value>,
    /// `[[AsyncEvaluation]]`: 0 when false, else its order (the spec's counter).
    pub async_order: Cell<u64>,
    /// `[[PendingAsyncDependencies]]`.
    pub pending_deps: Cell<u32>,
    /// `[[AsyncParentModules]]`.
    pub async_parents: GcVec<Value>,
    /// `[[TopLevelCapability]]`: the promise `Evaluate()` returned (undefined until then).
    pub capability: Cell<Value>,
}

// SAFETY: reports every value and vector it holds.
unsafe impl Trace for Module {
    fn trace(&self, t: &mut Tracer) {
        for v in [
            self.name.get(),
            self.init.get(),
            self.body.get(),
            self.env.get(),
            self.namespace.get(),
            self.deferred.get(),
            self.error.get(),
            self.meta.get(),
            self.realm,
            self.host_defined.get(),
            self.cycle_root.get(),
            self.capability.get(),
        ] {
            t.mark_value(v);
        }
        self.requests.trace(t);
        self.request_types.trace(t);
        self.loaded.trace(t);
        self.imports.trace(t);
        self.local_exports.trace(t);
        self.indirect_exports.trace(t);
        self.star_exports.trace(t);
        self.async_parents.trace(t);
        self.parents.trace(t);
    }
}

impl CellType for Module {
    const KIND: u16 = kinds::MODULE;
    const NAME: &'static str = "Module";
}

impl Module {
    /// A new record named `name` of `realm`, with empty lists.
    pub fn blank(name: Value, realm: Value) -> Module {
        Module {
            name: Cell::new(name),
            parsed: Cell::new(false),
            parents: GcVec::new(),
            root: Cell::new(false),
            notified: Cell::new(false),
            host_word: Cell::new(0),
            status: Cell::new(status::NEW),
            has_tla: Cell::new(false),
            init: Cell::new(Value::UNDEFINED),
            body: Cell::new(Value::UNDEFINED),
            env: Cell::new(Value::UNDEFINED),
            namespace: Cell::new(Value::UNDEFINED),
            deferred: Cell::new(Value::UNDEFINED),
            error: Cell::new(Value::HOLE),
            meta: Cell::new(Value::UNDEFINED),
            realm,
            host_defined: Cell::new(Value::UNDEFINED),
            requests: GcVec::new(),
            request_types: GcVec::new(),
            loaded: GcVec::new(),
            imports: GcVec::new(),
            local_exports: GcVec::new(),
            indirect_exports: GcVec::new(),
            star_exports: GcVec::new(),
            dfs_index: Cell::new(-1),
            dfs_ancestor: Cell::new(-1),
            cycle_root: Cell::new(Value::UNDEFINED),
            async_order: Cell::new(0),
            pending_deps: Cell::new(0),
            async_parents: GcVec::new(),
            capability: Cell::new(Value::UNDEFINED),
        }
    }

    /// Downcasts a value.
    pub fn from_value(v: Value) -> Option<Gc<Module>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Module>::from_addr(a) })
    }

    /// The module environment.
    pub fn env_array(&self) -> Option<Gc<GcArray<Value>>> {
        crate::interp::ops::env_of(self.env.get())
    }

    /// The phase of request `i` (0 evaluation, 1 defer, 2 source).
    pub fn request_phase(&self, i: usize) -> i32 {
        self.request_types
            .get(i)
            .and_then(|v| v.as_int())
            .unwrap_or(0)
            >> 4
    }

    /// The loaded module of request `i`.
    pub fn requested(&self, i: usize) -> Option<Gc<Module>> {
        self.loaded.get(i).and_then(Module::from_value)
    }
}
