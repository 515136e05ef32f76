//! A runtime: one memory manager, one heap, the atom table and well-known symbols, the recorded
//! exception; its contexts are GC cells.

use crate::key::{AtomTable, PropertyKey, Symbol};
use crate::kinds;
use crate::realm::Context;
use crate::string::{Chars, JsString};
use conch_gc::{CellType, Gc, GcHashMap, GcVec, Heap, MarkingHook, SegStack, Trace, Tracer, Value};
use conch_mm::{MemoryManager, OutOfMemory};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// `JsRuntimeAttributes` bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuntimeAttributes(pub u32);

impl RuntimeAttributes {
    /// Every defined bit (ChakraCore's `JsRuntimeAttributeDisableExecutablePageAllocation` is the
    /// highest, 0x100).
    pub const ALL: u32 = 0x1ff;
    /// `JsRuntimeAttributeAllowScriptInterrupt`.
    pub const ALLOW_SCRIPT_INTERRUPT: u32 = 0x2;
    /// `JsRuntimeAttributeEnableIdleProcessing`.
    pub const ENABLE_IDLE_PROCESSING: u32 = 0x4;
    /// `JsRuntimeAttributeDisableEval`.
    pub const DISABLE_EVAL: u32 = 0x10;

    /// Whether `bit` is set.
    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

macro_rules! names {
    ($($id:ident = $text:literal),* $(,)?) => {
        /// Property names the engine uses itself, interned at runtime creation.
        #[allow(missing_docs, non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Name { $($id),* }
        const NAME_TEXT: &[&str] = &[$($text),*];
        const NAME_COUNT: usize = NAME_TEXT.len();
    };
}

names! {
    length = "length",
    name = "name",
    prototype = "prototype",
    constructor = "constructor",
    message = "message",
    cause = "cause",
    toString = "toString",
    valueOf = "valueOf",
    value = "value",
    writable = "writable",
    enumerable = "enumerable",
    configurable = "configurable",
    get = "get",
    set = "set",
    description = "description",
    empty = "",
    lastIndex = "lastIndex",
    index = "index",
    input = "input",
    groups = "groups",
    done = "done",
    next = "next",
    return_ = "return",
    then = "then",
    arguments = "arguments",
    caller = "caller",
    callee = "callee",
}

macro_rules! well_known {
    ($($id:ident = $text:literal),* $(,)?) => {
        /// The well-known symbols (shared by all realms of a runtime).
        #[allow(missing_docs, non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum WellKnown { $($id),* }
        const WELL_KNOWN_TEXT: &[&str] = &[$($text),*];
        const WELL_KNOWN_COUNT: usize = WELL_KNOWN_TEXT.len();
    };
}

well_known! {
    asyncIterator = "Symbol.asyncIterator",
    hasInstance = "Symbol.hasInstance",
    isConcatSpreadable = "Symbol.isConcatSpreadable",
    iterator = "Symbol.iterator",
    match_ = "Symbol.match",
    matchAll = "Symbol.matchAll",
    replace = "Symbol.replace",
    search = "Symbol.search",
    species = "Symbol.species",
    split = "Symbol.split",
    toPrimitive = "Symbol.toPrimitive",
    toStringTag = "Symbol.toStringTag",
    unscopables = "Symbol.unscopables",
    dispose = "Symbol.dispose",
    asyncDispose = "Symbol.asyncDispose",
}

/// The runtime's own cell (rooted): atoms, names, well-known symbols, the symbol registry,
/// the recorded exception and the list of realms.
pub struct RuntimeData {
    pub(crate) atoms: AtomTable,
    names: [Cell<Value>; NAME_COUNT],
    symbols: [Cell<Value>; WELL_KNOWN_COUNT],
    pub(crate) registry: GcHashMap<Value, Value>,
    exception: Cell<Value>,
    has_exception: Cell<bool>,
    /// String cell address → its NUL-terminated two-byte copy (`wide_copy`). Weak in the
    /// key: entries of dead strings are dropped when they die (`prune_weak`).
    wide: GcHashMap<usize, Value>,
    /// Set while `wide` is being inserted into: an insertion may allocate, the allocation may
    /// collect, and the collection must not prune the map under the half-done insertion.
    wide_busy: Cell<bool>,
    /// Context cell addresses (weak: dead realms are dropped after marking).
    contexts: GcVec<usize>,
    /// The embedder's marking hook, run first by the runtime's own (see
    /// [`Runtime::set_host_marking_hook`]).
    host_hook: Cell<Option<(MarkingHook, usize)>>,
    /// The interpreter's register stack (frames of running script functions).
    pub(crate) stack: SegStack<Value>,
    /// Most values the register stack may hold ("Maximum call stack size exceeded" beyond).
    pub(crate) stack_cap: Cell<usize>,
    /// Where the last uncaught-so-far throw happened: the code cell and the pc.
    pub(crate) throw_code: Cell<Value>,
    pub(crate) throw_pc: Cell<u32>,
    /// The bits of the value last noted as thrown (compared only, never dereferenced).
    throw_value: Cell<u64>,
    /// The script frame that is calling a native function right now and the pc of its call
    /// instruction (`fp << 32 | pc`; -1 when none): where a stack trace taken inside a
    /// native starts, and what a script frame entered from native code links back to.
    pub(crate) native_site: Cell<i64>,
    /// Where the recorded exception was thrown (the code cell and pc; `undefined` when it was
    /// not thrown by script, e.g. recorded by the host).
    exception_code: Cell<Value>,
    exception_pc: Cell<u32>,
    /// The job queue (promise jobs): entries of [`JOB_WIDTH`] values from `jobs_head` on.
    jobs: GcVec<Value>,
    jobs_head: Cell<usize>,
    /// `[[KeptAlive]]`: WeakRef targets kept alive until the job queue drains (AddToKeptObjects;
    /// cleared by `builtins::promise::run_jobs`).
    kept: GcVec<Value>,
    /// Live FinalizationRegistry objects, as `conch_gc::WeakRef` cells (a registry no script
    /// can reach anymore is not kept for its callbacks).
    registries: GcVec<Value>,
    /// `heap.stats().collections` when the registries were last scanned for dead targets.
    registries_seen: Cell<usize>,
}

/// Values per job-queue entry: kind, realm, three arguments.
pub const JOB_WIDTH: usize = 5;

// SAFETY: reports every value, and the storage of the weak tables.
unsafe impl Trace for RuntimeData {
    fn trace(&self, t: &mut Tracer) {
        self.atoms.trace(t);
        for v in &self.names {
            t.mark_value(v.get());
        }
        for v in &self.symbols {
            t.mark_value(v.get());
        }
        self.registry.trace(t);
        t.mark_value(self.exception.get());
        self.wide.trace(t);
        self.contexts.trace(t);
        self.stack.trace(t);
        t.mark_value(self.throw_code.get());
        t.mark_value(self.exception_code.get());
        self.jobs.trace(t);
        self.kept.trace(t);
        self.registries.trace(t);
    }
}

impl CellType for RuntimeData {
    const KIND: u16 = kinds::RUNTIME_DATA;
    const NAME: &'static str = "RuntimeData";
}

fn data_at(addr: usize) -> Option<Gc<RuntimeData>> {
    // SAFETY: registered with the address of the runtime's rooted RuntimeData cell.
    unsafe { Gc::<RuntimeData>::from_addr(addr) }
}

fn context_at(addr: usize) -> Gc<Context> {
    // SAFETY: the context list holds live contexts (pruned before they die).
    unsafe { Gc::<Context>::from_addr_unchecked(addr) }
}

/// The runtime's marking hook: the embedder's hook first (it may mark more), then the weak
/// transitions of every realm's shapes.
fn mark_weak(heap: &Heap, data: usize) {
    let Some(d) = data_at(data) else { return };
    if let Some((h, state)) = d.host_hook.get() {
        h(heap, state);
        heap.drain_marking();
    }
    for c in d.contexts.iter() {
        context_at(c).mark_weak_shapes(heap);
    }
}

/// The runtime's weak processor: drops atoms nothing else references, the NUL-terminated
/// copies of strings that died, dead realms and dead root shapes.
fn prune_weak(heap: &Heap, data: usize) {
    let Some(d) = data_at(data) else { return };
    d.atoms.prune(heap);
    let cells = d.contexts.cells();
    let mut w = 0;
    for r in 0..cells.len() {
        let c = cells[r].get();
        if heap.survives(c) {
            context_at(c).prune_roots(heap);
            cells[w].set(c);
            w += 1;
        }
    }
    d.contexts.truncate(w);
    if d.wide_busy.get() {
        // Pruned by the next collection instead.
        return;
    }
    let mut i = 0;
    while let Some((k, _, next)) = d.wide.entry_at(i) {
        if !heap.survives(k) {
            d.wide.remove(&k);
        }
        i = next;
    }
}

/// The register stack's default size: 4 MiB (512 Ki values).
pub const DEFAULT_STACK_BYTES: usize = 4 << 20;

/// A runtime. Used by one thread at a time; the memory manager's queries work from any thread.
pub struct Runtime {
    mm: Arc<MemoryManager>,
    heap: Heap,
    data: Gc<RuntimeData>,
    attributes: RuntimeAttributes,
    disabled: Arc<AtomicBool>,
    /// Set when `eval`/`Function` met [`RuntimeAttributes::DISABLE_EVAL`]: the unwinding
    /// termination is reported to the host as "eval disabled" (see [`Runtime::refuse_eval`]).
    eval_refused: Cell<bool>,
    /// Creates the properties of a lazy builtin holder (set by realm creation).
    filler: Cell<Option<Filler>>,
    /// The embedder's promise hooks (see [`Runtime::set_job_hook`]).
    job_hook: Cell<Option<(JobHook, usize)>>,
    rejection_hook: Cell<Option<(RejectionHook, usize)>>,
    /// The host's module loader (see [`Runtime::set_module_loader`]).
    module_loader: std::cell::RefCell<Option<std::rc::Rc<dyn crate::module::ModuleLoader>>>,
}

/// Receives each promise job instead of the runtime's queue (JsRT's
/// `JsSetPromiseContinuationCallback`): `job` is a function object that runs the job when
/// called (with any `this` and arguments); `state` is the word given to
/// [`Runtime::set_job_hook`]. `cx.realm` is the realm queueing the job. An error the hook
/// returns is thrown where the job was queued (JsRT: "no continuation callback" TypeError).
pub type JobHook =
    fn(cx: &mut crate::Cx, job: Gc<crate::Object>, state: usize) -> crate::JsResult<()>;

/// The host's promise rejection tracker (ECMA-262 HostPromiseRejectionTracker): called with
/// `handled = false` when a promise without handlers is rejected, and `handled = true` when a
/// handler is added to a promise that was rejected without one. Must not run script.
pub type RejectionHook =
    fn(cx: &mut crate::Cx, promise: Gc<crate::Object>, reason: Value, handled: bool, state: usize);

/// Where a recorded exception was thrown by script: file, source text, 1-based line and column.
#[derive(Clone, Copy, Debug)]
pub struct ThrowSite {
    /// The script's file name or URL.
    pub file: Gc<JsString>,
    /// The script (its source text through [`crate::interp::code::Script::source_text`]).
    pub script: Gc<crate::interp::code::Script>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (UTF-16 units).
    pub column: u32,
}

/// Creates the properties of a lazy builtin holder: `(cx in the holder's realm, holder, id)`.
pub type Filler = fn(&mut crate::Cx, Gc<crate::Object>, u8) -> crate::JsResult<()>;

impl Runtime {
    /// A NUL-terminated two-byte copy of `s`, made once and kept while `s` is alive (for
    /// hosts that read strings in place: `JsStringToPointer`). Lives in the heap, so it is
    /// accounted like every other byte.
    pub fn wide_copy(&self, s: Gc<JsString>) -> Result<Gc<JsString>, OutOfMemory> {
        if let Some(c) = self.data.wide.get(&s.addr()) {
            return Ok(JsString::from_value(c).expect("copy is a string"));
        }
        let f = JsString::flatten(&self.heap, s)?;
        let c = f.chars();
        let len = c.len();
        let copy = JsString::build_utf16(&self.heap, len + 1, false, |i| {
            if i < len {
                c.at(i)
            } else {
                0
            }
        })?;
        let d = self.data;
        d.wide_busy.set(true);
        let r = d.wide.insert(&self.heap, s.addr(), copy.to_value());
        d.wide_busy.set(false);
        r?;
        Ok(copy)
    }

    /// How many strings have a `wide_copy` now (tests, diagnostics).
    pub fn wide_copy_count(&self) -> usize {
        self.data.wide.len()
    }

    /// A new runtime over a fresh memory manager.
    pub fn new(attributes: RuntimeAttributes) -> Result<Runtime, OutOfMemory> {
        Self::with_memory_manager(MemoryManager::new(), attributes)
    }

    /// A new runtime over the given memory manager (tests inject OS failures this way).
    pub fn with_memory_manager(
        mm: Arc<MemoryManager>,
        attributes: RuntimeAttributes,
    ) -> Result<Runtime, OutOfMemory> {
        let heap = Heap::new(mm.clone())?;
        let data = heap.alloc(RuntimeData {
            atoms: AtomTable::default(),
            names: [const { Cell::new(Value::UNDEFINED) }; NAME_COUNT],
            symbols: [const { Cell::new(Value::UNDEFINED) }; WELL_KNOWN_COUNT],
            registry: GcHashMap::new(),
            exception: Cell::new(Value::UNDEFINED),
            has_exception: Cell::new(false),
            wide: GcHashMap::new(),
            wide_busy: Cell::new(false),
            contexts: GcVec::new(),
            host_hook: Cell::new(None),
            stack: SegStack::new(),
            stack_cap: Cell::new(DEFAULT_STACK_BYTES / 8),
            throw_code: Cell::new(Value::UNDEFINED),
            throw_pc: Cell::new(0),
            throw_value: Cell::new(0),
            native_site: Cell::new(-1),
            exception_code: Cell::new(Value::UNDEFINED),
            exception_pc: Cell::new(0),
            jobs: GcVec::new(),
            jobs_head: Cell::new(0),
            kept: GcVec::new(),
            registries: GcVec::new(),
            registries_seen: Cell::new(0),
        })?;
        heap.add_root(data.addr())?;
        heap.set_weak_processor(Some((prune_weak, data.addr())));
        heap.set_marking_hook(Some((mark_weak, data.addr())));
        for (i, text) in NAME_TEXT.iter().enumerate() {
            let a = data
                .atoms
                .intern_chars(&heap, Chars::One(text.as_bytes()))?;
            data.names[i].set(a.to_value());
        }
        for (i, text) in WELL_KNOWN_TEXT.iter().enumerate() {
            let d = JsString::from_latin1(&heap, text.as_bytes())?;
            let s = Symbol::new(&heap, d.to_value())?;
            data.symbols[i].set(s.to_value());
        }
        Ok(Runtime {
            mm,
            heap,
            data,
            attributes,
            disabled: Arc::new(AtomicBool::new(false)),
            eval_refused: Cell::new(false),
            filler: Cell::new(None),
            job_hook: Cell::new(None),
            rejection_hook: Cell::new(None),
            module_loader: std::cell::RefCell::new(None),
        })
    }

    /// The memory manager.
    pub fn memory_manager(&self) -> &Arc<MemoryManager> {
        &self.mm
    }
    /// The heap.
    pub fn heap(&self) -> &Heap {
        &self.heap
    }
    /// The attributes it was created with.
    pub fn attributes(&self) -> RuntimeAttributes {
        self.attributes
    }
    /// The interpreter's register stack.
    pub(crate) fn stack(&self) -> &SegStack<Value> {
        &self.data.stack
    }

    /// Most values the register stack may hold.
    pub(crate) fn stack_cap(&self) -> usize {
        self.data.stack_cap.get()
    }

    /// Appends a job to the queue (FIFO).
    pub(crate) fn enqueue_job(&self, entry: [Value; JOB_WIDTH]) -> Result<(), OutOfMemory> {
        let q = &self.data.jobs;
        q.reserve(&self.heap, JOB_WIDTH)?;
        for v in entry {
            q.push(&self.heap, v)?;
        }
        Ok(())
    }

    /// `AddToKeptObjects(value)`: keeps a WeakRef target alive until the queue drains.
    pub(crate) fn keep_alive(&self, v: Value) -> Result<(), OutOfMemory> {
        self.data.kept.push(&self.heap, v)
    }

    /// The FinalizationRegistry list (weak cells) and the collection count of its last scan.
    pub(crate) fn registries(&self) -> (&GcVec<Value>, &Cell<usize>) {
        (&self.data.registries, &self.data.registries_seen)
    }

    /// `ClearKeptObjects()`.
    pub(crate) fn clear_kept(&self) {
        self.data.kept.clear();
    }

    /// Takes the oldest job.
    pub(crate) fn dequeue_job(&self) -> Option<[Value; JOB_WIDTH]> {
        let q = &self.data.jobs;
        let h = self.data.jobs_head.get();
        if h >= q.len() {
            return None;
        }
        let mut e = [Value::UNDEFINED; JOB_WIDTH];
        for (i, v) in e.iter_mut().enumerate() {
            *v = q.get(h + i).unwrap_or(Value::UNDEFINED);
        }
        if h + JOB_WIDTH >= q.len() {
            q.clear();
            self.data.jobs_head.set(0);
        } else {
            // Clear the taken slots so they do not keep values alive.
            for i in 0..JOB_WIDTH {
                q.set(h + i, Value::UNDEFINED);
            }
            self.data.jobs_head.set(h + JOB_WIDTH);
        }
        Some(e)
    }

    /// Sends promise jobs to `hook` instead of the runtime's queue (`None`: the queue, drained
    /// by `builtins::promise::run_jobs`). Jobs already queued stay queued.
    pub fn set_job_hook(&self, hook: Option<(JobHook, usize)>) {
        self.job_hook.set(hook);
    }
    /// The job hook, if set.
    pub fn job_hook(&self) -> Option<(JobHook, usize)> {
        self.job_hook.get()
    }
    /// Installs (or removes) the promise rejection tracker.
    pub fn set_rejection_hook(&self, hook: Option<(RejectionHook, usize)>) {
        self.rejection_hook.set(hook);
    }
    /// The rejection tracker, if set.
    pub fn rejection_hook(&self) -> Option<(RejectionHook, usize)> {
        self.rejection_hook.get()
    }
    /// Installs (or removes) the host's module loader: `import` declarations and `import()`
    /// reach modules through it. Without one, importing fails with a TypeError.
    pub fn set_module_loader(&self, loader: Option<std::rc::Rc<dyn crate::module::ModuleLoader>>) {
        *self.module_loader.borrow_mut() = loader;
    }
    /// The module loader, if set.
    pub fn module_loader(&self) -> Option<std::rc::Rc<dyn crate::module::ModuleLoader>> {
        self.module_loader.borrow().clone()
    }

    /// Whether promise jobs are waiting.
    pub fn has_pending_jobs(&self) -> bool {
        self.data.jobs_head.get() < self.data.jobs.len()
    }

    /// Marks frame `fp` as calling a native function from its instruction at `pc`; returns
    /// the previous mark, which [`Runtime::leave_native`] puts back when the call returns.
    #[inline]
    pub(crate) fn enter_native(&self, fp: usize, pc: usize) -> i64 {
        self.data
            .native_site
            .replace(((fp as i64) << 32) | (pc as i64 & 0xffff_ffff))
    }

    /// The current native call site (`fp << 32 | pc`, or -1).
    #[inline]
    pub(crate) fn native_site(&self) -> i64 {
        self.data.native_site.get()
    }

    /// Restores the native call site saved by [`Runtime::enter_native`].
    #[inline]
    pub(crate) fn leave_native(&self, saved: i64) {
        self.data.native_site.set(saved);
    }

    /// Records where a throw started (the innermost frame's code and pc).
    /// A handler caught the exception: the next throw of the same value is a new one.
    pub(crate) fn note_caught(&self) {
        self.data.throw_value.set(0);
    }

    /// A value unwinding through several interpreter activations keeps the innermost place.
    pub(crate) fn note_throw(&self, v: Value, code: Value, pc: u32) {
        if self.data.throw_value.replace(v.to_bits()) == v.to_bits()
            && !self.data.throw_code.get().is_undefined()
        {
            return;
        }
        self.data.throw_code.set(code);
        self.data.throw_pc.set(pc);
    }

    /// Where the most recent exception was thrown from script: (file, line, column), 1-based.
    pub fn last_throw_location(&self) -> Option<(Gc<JsString>, u32, u32)> {
        let s = Self::site(self.data.throw_code.get(), self.data.throw_pc.get())?;
        Some((s.file, s.line, s.column))
    }

    fn site(code: Value, pc: u32) -> Option<ThrowSite> {
        let code = crate::interp::code::Code::from_value(code)?;
        let at = code.position_of(pc);
        let (line, column) = code.script.line_col(at);
        Some(ThrowSite {
            file: JsString::from_value(code.script.file)?,
            script: code.script,
            line,
            column,
        })
    }

    /// Forgets the last throw location (an embedder calls this before running script, so that
    /// [`Runtime::set_exception_from_throw`] sees only throws of that run).
    pub fn clear_throw_location(&self) {
        self.data.throw_code.set(Value::UNDEFINED);
    }

    /// Sets the register stack's size in bytes (at least 64 KiB): JS recursion deeper than it
    /// allows is the catchable RangeError "Maximum call stack size exceeded".
    pub fn set_stack_size(&self, bytes: usize) {
        self.data.stack_cap.set(bytes.max(64 << 10) / 8);
    }

    /// The execution-disabled flag (shared so another thread can set it).
    pub fn disabled_flag(&self) -> &Arc<AtomicBool> {
        &self.disabled
    }
    /// `eval` or the `Function` constructor under [`RuntimeAttributes::DISABLE_EVAL`]: an
    /// uncatchable unwind (as ChakraCore's `EvalDisabledException`) that the host API reports
    /// as "eval disabled" ([`Runtime::take_eval_refused`]).
    pub fn refuse_eval(&self) -> crate::cx::Throw {
        self.eval_refused.set(true);
        crate::cx::Throw::Terminated
    }
    /// Whether the last termination was [`Runtime::refuse_eval`]'s (clears the mark).
    pub fn take_eval_refused(&self) -> bool {
        self.eval_refused.replace(false)
    }
    /// Whether execution is disabled.
    pub fn is_disabled(&self) -> bool {
        self.disabled.load(Ordering::Acquire)
    }

    /// The key of an engine name.
    pub fn name(&self, n: Name) -> PropertyKey {
        PropertyKey::from_raw(self.data.names[n as usize].get())
    }
    /// A well-known symbol.
    pub fn well_known(&self, w: WellKnown) -> Gc<Symbol> {
        Symbol::from_value(self.data.symbols[w as usize].get()).expect("symbol")
    }
    /// Whether `s` is a well-known symbol (their descriptions print as `Symbol.x`).
    pub fn is_well_known(&self, s: Gc<Symbol>) -> bool {
        self.data.symbols.iter().any(|c| c.get() == s.to_value())
    }

    /// Number of interned atoms.
    pub fn atom_count(&self) -> usize {
        self.data.atoms.len()
    }
    /// The atom for a string.
    pub fn intern(&self, s: Gc<JsString>) -> Result<Gc<JsString>, OutOfMemory> {
        self.data.atoms.intern(&self.heap, s)
    }
    /// The atom for some characters.
    pub fn intern_chars(&self, c: Chars) -> Result<Gc<JsString>, OutOfMemory> {
        self.data.atoms.intern_chars(&self.heap, c)
    }
    /// The property key for a string (an index key if it spells an array index).
    pub fn key_from_string(&self, s: Gc<JsString>) -> Result<PropertyKey, OutOfMemory> {
        Ok(PropertyKey::from_atom(self.intern(s)?))
    }
    /// The property key for ASCII/Latin-1 text.
    pub fn key(&self, text: &str) -> Result<PropertyKey, OutOfMemory> {
        let a = if text.is_ascii() {
            self.intern_chars(Chars::One(text.as_bytes()))?
        } else {
            self.intern(JsString::from_str(&self.heap, text)?)?
        };
        Ok(PropertyKey::from_atom(a))
    }
    /// `Symbol.for` registry lookup / insertion.
    pub fn registered_symbol(&self, key: Gc<JsString>) -> Result<Gc<Symbol>, OutOfMemory> {
        let atom = self.intern(key)?;
        if let Some(s) = self.data.registry.get(&atom.to_value()) {
            return Ok(Symbol::from_value(s).expect("symbol"));
        }
        let s = Symbol::new(&self.heap, atom.to_value())?;
        s.registered.set(true);
        self.data
            .registry
            .insert(&self.heap, atom.to_value(), s.to_value())?;
        Ok(s)
    }

    /// Records an exception (JsRT's exception state), with no throw site.
    pub fn set_exception(&self, v: Value) {
        self.data.exception.set(v);
        self.data.has_exception.set(true);
        self.data.exception_code.set(Value::UNDEFINED);
    }
    /// Records an exception that script threw, with the site of the last throw (if any since
    /// [`Runtime::clear_throw_location`]).
    pub fn set_exception_from_throw(&self, v: Value) {
        self.set_exception(v);
        self.data.exception_code.set(self.data.throw_code.get());
        self.data.exception_pc.set(self.data.throw_pc.get());
    }
    /// Takes the recorded exception with the site it was thrown at (if thrown by script).
    pub fn take_exception_with_site(&self) -> Option<(Value, Option<ThrowSite>)> {
        let site = Self::site(self.data.exception_code.get(), self.data.exception_pc.get());
        self.data.exception_code.set(Value::UNDEFINED);
        Some((self.take_exception()?, site))
    }
    /// Whether an exception is recorded.
    pub fn has_exception(&self) -> bool {
        self.data.has_exception.get()
    }
    /// Takes the recorded exception.
    pub fn take_exception(&self) -> Option<Value> {
        let d = self.data;
        if !d.has_exception.get() {
            return None;
        }
        d.has_exception.set(false);
        Some(d.exception.replace(Value::UNDEFINED))
    }

    /// Sets the function that fills lazy builtin holders (realm creation does).
    pub(crate) fn set_filler(&self, f: Filler) {
        self.filler.set(Some(f));
    }
    pub(crate) fn filler(&self) -> Option<Filler> {
        self.filler.get()
    }

    /// Adds a new realm to the runtime's list (for the weak shape tables).
    pub(crate) fn register_context(&self, c: Gc<Context>) -> Result<(), OutOfMemory> {
        self.data.contexts.push(&self.heap, c.addr())
    }

    /// Sets (or clears) the embedder's marking hook (JsRT's DOM wrapper tracing): run at
    /// the marking point of every collection, before the runtime's own weak-table work (see
    /// `conch_gc::Heap::set_marking_hook` for what it may do).
    pub fn set_host_marking_hook(&self, h: Option<(MarkingHook, usize)>) {
        self.data.host_hook.set(h);
    }

    /// Runs a full collection, then gives the memory of weak tables that became sparse back,
    /// and the wholly free chunks to the OS (`JsCollectGarbage`).
    pub fn collect_garbage(&self) {
        self.heap.collect();
        // A table that most atoms left is rebuilt smaller; the old one is garbage that only a
        // collection returns, so run one more (rare: only after atoms died in bulk).
        if self.data.atoms.shrink(&self.heap) {
            self.heap.collect();
        }
        // An explicit collection gives free memory back, not just to the pool.
        self.heap.release_free_memory();
    }
}
