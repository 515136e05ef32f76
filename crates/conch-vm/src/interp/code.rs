//! Compiled code cells (ARCHITECTURE.md §9 "Code cells"): a function's bytecode, constant pool,
//! handler table and position table, shared by all its closures; and the script a function
//! came from (source text for `toString` and error positions, and the file name).

use super::verify::Invalid;
use crate::kinds;
use crate::string::JsString;
use conch_gc::{CellType, Gc, GcArray, Heap, Trace, Tracer, Value};
use std::cell::Cell;

/// Code flags.
pub mod flags {
    /// Strict mode code.
    pub const STRICT: u32 = 1;
    /// An arrow function (lexical `this`, `arguments`, `new.target`).
    pub const ARROW: u32 = 1 << 1;
    /// Has `[[Construct]]` (an ordinary function or a class constructor).
    pub const CONSTRUCTOR: u32 = 1 << 2;
    /// A class constructor (calling it without `new` is a TypeError).
    pub const CLASS_CONSTRUCTOR: u32 = 1 << 3;
    /// A derived class constructor (`this` starts uninitialised).
    pub const DERIVED: u32 = 1 << 4;
    /// A script's top level (not a function).
    pub const SCRIPT: u32 = 1 << 5;
    /// A method (no `prototype` property).
    pub const METHOD: u32 = 1 << 6;
    /// A generator function.
    pub const GENERATOR: u32 = 1 << 7;
    /// An async function (with GENERATOR: an async generator function).
    pub const ASYNC: u32 = 1 << 8;
}

/// A script: its source text and file name.
///
/// A script compiled from source holds its text from the start. A script read from a bytecode
/// cache ([`crate::cache`]) starts without it: `lines` maps the source offsets its code uses to
/// lines and columns (so error positions and stack traces need no source), and `loader` is a
/// function the host gave that returns the text when something needs it
/// ([`Script::source_text`]: `Function.prototype.toString`, error metadata).
pub struct Script {
    /// The source text (a string), or undefined while not loaded.
    pub source: Cell<Value>,
    /// The file name or URL (a string).
    pub file: Value,
    /// The module record when the script is a module's (else undefined).
    pub module: Cell<Value>,
    /// A callable returning the source text (a cached script's), else undefined. Kept after
    /// loading: the host may tie resources to its lifetime (JsRT's unload callback).
    pub loader: Cell<Value>,
    /// (byte offset, line, column) triples in offset order for the offsets the code uses (a
    /// cached script's).
    pub lines: Option<Gc<GcArray<u32>>>,
    /// The UTF-8 length and FNV-1a hash the loaded text must have (a cached script's).
    pub source_check: Option<(u64, u64)>,
}

// SAFETY: reports every value.
unsafe impl Trace for Script {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.source.get());
        t.mark_value(self.file);
        t.mark_value(self.module.get());
        t.mark_value(self.loader.get());
        if let Some(l) = self.lines {
            t.mark_addr(l.addr());
        }
    }
}

impl CellType for Script {
    const KIND: u16 = kinds::SCRIPT;
    const NAME: &'static str = "Script";
}

impl Script {
    /// A script compiled from `source` (a string) in `file`.
    pub fn new(source: Value, file: Value) -> Script {
        Script {
            source: Cell::new(source),
            file,
            module: Cell::new(Value::UNDEFINED),
            loader: Cell::new(Value::UNDEFINED),
            lines: None,
            source_check: None,
        }
    }

    /// The source text, loading it through `loader` the first time it is needed (`None` for
    /// a script without one). A loader that throws, returns something other than a string,
    /// or text other than the one the code was compiled from, is an error.
    pub fn source_text(&self, cx: &mut crate::Cx) -> crate::JsResult<Option<Gc<JsString>>> {
        if let Some(s) = JsString::from_value(self.source.get()) {
            return Ok(Some(s));
        }
        let loader = self.loader.get();
        if loader.is_undefined() {
            return Ok(None);
        }
        let v = crate::ops::call(cx, loader, Value::UNDEFINED, &[])?;
        let Some(s) = JsString::from_value(v) else {
            return Err(cx.type_error("the script source loader did not return a string"));
        };
        let s = JsString::flatten(cx.heap(), s)?;
        if let Some(expected) = self.source_check {
            if crate::cache::source_fingerprint(s.chars()) != expected {
                return Err(cx.type_error(
                    "the loaded script source is not the one the serialized script was made from",
                ));
            }
        }
        self.source.set(s.to_value());
        Ok(Some(s))
    }

    /// Downcasts a value.
    pub fn from_value(v: Value) -> Option<Gc<Script>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Script>::from_addr(a) })
    }

    /// The code-unit index in the source string of byte offset `at` of the UTF-8 source the
    /// parser saw.
    pub fn unit_index(&self, at: u32) -> usize {
        let Some(s) = JsString::from_value(self.source.get()) else {
            return 0;
        };
        let c = s.chars();
        let (mut i, mut bytes, n) = (0usize, 0u32, c.len());
        while i < n && bytes < at {
            let u = c.at(i);
            if (0xD800..0xDC00).contains(&u) && i + 1 < n && (0xDC00..0xE000).contains(&c.at(i + 1))
            {
                bytes += 4;
                i += 2;
            } else {
                bytes += if u < 0x80 {
                    1
                } else if u < 0x800 {
                    2
                } else {
                    3
                };
                i += 1;
            }
        }
        i
    }

    /// The 1-based line and column (UTF-16 units) of source offset `at` (a byte offset into
    /// the UTF-8 source the parser saw, which is the one this string holds).
    pub fn line_col(&self, at: u32) -> (u32, u32) {
        if let Some(t) = self.lines {
            return crate::cache::lookup_line(t, at);
        }
        let Some(s) = JsString::from_value(self.source.get()) else {
            return (1, 1);
        };
        let c = s.chars();
        let mut w = SourceWalk::new();
        w.advance_to(&c, at);
        (w.line, w.col)
    }
}

/// A walk over a source string held as UTF-16 (or Latin-1), re-encoding to UTF-8 lengths, that
/// turns the parser's byte offsets into 1-based lines and columns (UTF-16 units). Offsets are
/// visited in increasing order (`Script::line_col`, the bytecode cache's line table).
pub(crate) struct SourceWalk {
    /// The line at the walk's position.
    pub line: u32,
    /// The column at the walk's position.
    pub col: u32,
    bytes: u32,
    i: usize,
}

impl SourceWalk {
    pub(crate) fn new() -> SourceWalk {
        SourceWalk {
            line: 1,
            col: 1,
            bytes: 0,
            i: 0,
        }
    }

    /// Moves to byte offset `at` (no further than the end of `c`).
    pub(crate) fn advance_to(&mut self, c: &crate::string::Chars<'_>, at: u32) {
        let n = c.len();
        while self.i < n && self.bytes < at {
            let i = self.i;
            let u = c.at(i);
            let (len, units) = if (0xD800..0xDC00).contains(&u)
                && i + 1 < n
                && (0xDC00..0xE000).contains(&c.at(i + 1))
            {
                (4, 2)
            } else if u < 0x80 {
                (1, 1)
            } else if u < 0x800 {
                (2, 1)
            } else {
                (3, 1)
            };
            if u == b'\n' as u16
                || u == 0x2028
                || u == 0x2029
                || (u == b'\r' as u16 && !(i + 1 < n && c.at(i + 1) == b'\n' as u16))
            {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += units as u32;
            }
            self.bytes += len;
            self.i += units;
        }
    }
}

/// A function's (or a script's) compiled form.
pub struct Code {
    /// The instructions.
    pub bytecode: Gc<GcArray<u8>>,
    /// The constant pool.
    pub constants: Gc<GcArray<Value>>,
    /// Exception handlers, four words each: start pc, end pc, handler pc, register holding
    /// the environment to restore. Inner handlers come first.
    pub handlers: Gc<GcArray<u32>>,
    /// (pc, source offset) pairs in pc order: the source position of each instruction that
    /// can throw or call.
    pub positions: Gc<GcArray<u32>>,
    /// Registers the frame needs.
    pub registers: u32,
    /// Declared parameters (the registers the arguments are copied to).
    pub params: u32,
    /// The function's `length`.
    pub length: u32,
    /// [`flags`].
    pub flags: u32,
    /// The function's name (a string; empty when anonymous).
    pub name: Value,
    /// The script it came from.
    pub script: Gc<Script>,
    /// Its source span (for `Function.prototype.toString`).
    pub span: (u32, u32),
    /// Feedback slots (inline caches) of this code, allocated on first use.
    pub feedback: Cell<Option<Gc<GcArray<Value>>>>,
    /// The number of feedback slots.
    pub feedback_slots: u32,
}

// SAFETY: reports every cell it holds.
unsafe impl Trace for Code {
    fn trace(&self, t: &mut Tracer) {
        t.mark_addr(self.bytecode.addr());
        t.mark_addr(self.constants.addr());
        t.mark_addr(self.handlers.addr());
        t.mark_addr(self.positions.addr());
        t.mark_value(self.name);
        t.mark_addr(self.script.addr());
        self.feedback.get().trace(t);
    }
}

impl CellType for Code {
    const KIND: u16 = kinds::CODE;
    const NAME: &'static str = "Code";
}

impl Code {
    /// Downcasts a value.
    pub fn from_value(v: Value) -> Option<Gc<Code>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<Code>::from_addr(a) })
    }

    /// Verifies `code` ([`super::verify`]; positions point into a source of `source_len`
    /// units; `registers` grows to cover every register operand) and allocates its cell. This is the only way to make a code cell, so the
    /// interpreter runs verified bytecode only.
    pub(crate) fn new(heap: &Heap, code: Code, source_len: u64) -> Result<Gc<Code>, Invalid> {
        let lim = super::verify::Limits {
            registers: code.registers,
            constants: code.constants.len(),
            slots: code.feedback_slots,
            source_len,
        };
        // SAFETY: the arrays were just built by the caller and are not written while these
        // borrows live (nothing else holds them yet).
        let (bc, handlers, positions) = unsafe {
            (
                code.bytecode.as_slice(),
                code.handlers.as_slice(),
                code.positions.as_slice(),
            )
        };
        let registers = super::verify::verify(heap.scratch(), bc, &lim, handlers, positions)?;
        heap.alloc(Code { registers, ..code })
            .map_err(|_| Invalid::OutOfMemory)
    }

    /// Whether `f` is set.
    #[inline]
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    /// The bytecode as bytes.
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: bytecode arrays are written once, when the code cell is built, and never
        // again; the slice borrows `self`, which keeps the array alive (traced field).
        unsafe { self.bytecode.as_slice() }
    }

    /// The constant at `i`.
    #[inline]
    pub fn constant(&self, i: usize) -> Value {
        self.constants.get(i).unwrap_or(Value::UNDEFINED)
    }

    /// The source offset of the instruction at `pc` (the last recorded position at or
    /// before it).
    pub fn position_of(&self, pc: u32) -> u32 {
        let n = self.positions.len() / 2;
        // Binary search over pairs.
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.positions.get(mid * 2).unwrap_or(0) <= pc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo == 0 {
            return self.span.0;
        }
        self.positions.get((lo - 1) * 2 + 1).unwrap_or(self.span.0)
    }

    /// The handler covering `pc`: (handler pc, environment register).
    pub fn handler_for(&self, pc: u32) -> Option<(u32, u32)> {
        let h = self.handlers;
        let mut i = 0;
        while i + 3 < h.len() {
            let (s, e) = (h.get(i).unwrap_or(0), h.get(i + 1).unwrap_or(0));
            if s <= pc && pc < e {
                return Some((h.get(i + 2).unwrap_or(0), h.get(i + 3).unwrap_or(0)));
            }
            i += 4;
        }
        None
    }
}
