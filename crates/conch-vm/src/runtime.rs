//! A runtime: one memory manager, one heap, the atom table and well-known symbols, the recorded
//! exception; its contexts are GC cells.

use crate::key::{AtomTable, PropertyKey, Symbol};
use crate::kinds;
use crate::string::{Chars, JsString};
use conch_gc::{CellType, Gc, GcHashMap, Heap, Trace, Tracer, Value};
use conch_mm::{MemoryManager, OutOfMemory};
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
}

/// The runtime's own cell (rooted): atoms, names, well-known symbols, the symbol registry and
/// the recorded exception.
pub struct RuntimeData {
    pub(crate) atoms: AtomTable,
    names: [Value; NAME_COUNT],
    symbols: [Value; WELL_KNOWN_COUNT],
    pub(crate) registry: GcHashMap<Value, Value>,
    exception: Value,
    has_exception: bool,
    /// String cell address → its NUL-terminated two-byte copy (`wide_copy`). Weak in the
    /// key: entries of dead strings are dropped when they die (`prune_weak`).
    wide: GcHashMap<usize, Value>,
    /// Set while `wide` is being inserted into: an insertion may allocate, the allocation may
    /// collect, and the collection must not prune the map under the half-done insertion.
    wide_busy: bool,
}

// SAFETY: reports every value.
unsafe impl Trace for RuntimeData {
    fn trace(&self, t: &mut Tracer) {
        self.atoms.trace(t);
        self.names.trace(t);
        self.symbols.trace(t);
        self.registry.trace(t);
        t.mark_value(self.exception);
        self.wide.trace(t);
    }
}

impl CellType for RuntimeData {
    const KIND: u16 = kinds::RUNTIME_DATA;
    const NAME: &'static str = "RuntimeData";
}

/// The runtime's weak processor: drops atoms nothing else references and the NUL-terminated
/// copies of strings that died.
fn prune_weak(heap: &Heap, data: usize) {
    // SAFETY: registered with the address of the runtime's rooted RuntimeData cell.
    if let Some(d) = unsafe { Gc::<RuntimeData>::from_addr(data) } {
        let d = d.get_mut();
        d.atoms.prune(heap);
        if d.wide_busy {
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
}

/// A runtime. Used by one thread at a time; the memory manager's queries work from any thread.
pub struct Runtime {
    mm: Arc<MemoryManager>,
    heap: Heap,
    data: Gc<RuntimeData>,
    attributes: RuntimeAttributes,
    disabled: Arc<AtomicBool>,
}

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
        let d = self.data.get_mut();
        d.wide_busy = true;
        let r = d.wide.insert(&self.heap, s.addr(), copy.to_value());
        self.data.get_mut().wide_busy = false;
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
            names: [Value::UNDEFINED; NAME_COUNT],
            symbols: [Value::UNDEFINED; WELL_KNOWN_COUNT],
            registry: GcHashMap::new(),
            exception: Value::UNDEFINED,
            has_exception: false,
            wide: GcHashMap::new(),
            wide_busy: false,
        })?;
        heap.add_root(data.addr())?;
        heap.set_weak_processor(Some((prune_weak, data.addr())));
        for (i, text) in NAME_TEXT.iter().enumerate() {
            let a = data
                .get_mut()
                .atoms
                .intern_chars(&heap, Chars::One(text.as_bytes()))?;
            data.get_mut().names[i] = a.to_value();
        }
        for (i, text) in WELL_KNOWN_TEXT.iter().enumerate() {
            let d = JsString::from_latin1(&heap, text.as_bytes())?;
            let s = Symbol::new(&heap, d.to_value())?;
            data.get_mut().symbols[i] = s.to_value();
        }
        Ok(Runtime {
            mm,
            heap,
            data,
            attributes,
            disabled: Arc::new(AtomicBool::new(false)),
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
    /// The execution-disabled flag (shared so another thread can set it).
    pub fn disabled_flag(&self) -> &Arc<AtomicBool> {
        &self.disabled
    }
    /// Whether execution is disabled.
    pub fn is_disabled(&self) -> bool {
        self.disabled.load(Ordering::Acquire)
    }

    /// The key of an engine name.
    pub fn name(&self, n: Name) -> PropertyKey {
        PropertyKey::from_raw(self.data.names[n as usize])
    }
    /// A well-known symbol.
    pub fn well_known(&self, w: WellKnown) -> Gc<Symbol> {
        Symbol::from_value(self.data.symbols[w as usize]).expect("symbol")
    }
    /// Whether `s` is a well-known symbol (their descriptions print as `Symbol.x`).
    pub fn is_well_known(&self, s: Gc<Symbol>) -> bool {
        self.data.symbols.contains(&s.to_value())
    }

    /// Number of interned atoms.
    pub fn atom_count(&self) -> usize {
        self.data.atoms.len()
    }
    /// The atom for a string.
    pub fn intern(&self, s: Gc<JsString>) -> Result<Gc<JsString>, OutOfMemory> {
        self.data.get_mut().atoms.intern(&self.heap, s)
    }
    /// The atom for some characters.
    pub fn intern_chars(&self, c: Chars) -> Result<Gc<JsString>, OutOfMemory> {
        self.data.get_mut().atoms.intern_chars(&self.heap, c)
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
        s.get_mut().registered = true;
        self.data
            .get_mut()
            .registry
            .insert(&self.heap, atom.to_value(), s.to_value())?;
        Ok(s)
    }

    /// Records an exception (JsRT's exception state).
    pub fn set_exception(&self, v: Value) {
        let d = self.data.get_mut();
        d.exception = v;
        d.has_exception = true;
    }
    /// Whether an exception is recorded.
    pub fn has_exception(&self) -> bool {
        self.data.has_exception
    }
    /// Takes the recorded exception.
    pub fn take_exception(&self) -> Option<Value> {
        let d = self.data.get_mut();
        if !d.has_exception {
            return None;
        }
        d.has_exception = false;
        Some(std::mem::replace(&mut d.exception, Value::UNDEFINED))
    }
}
