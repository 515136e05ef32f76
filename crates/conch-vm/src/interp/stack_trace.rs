//! Stack traces of errors (`Error.prototype.stack`, the shell's report of an uncaught error).
//!
//! An error object (class `Error`) keeps its trace in `internal(0)`:
//! - `undefined`: not captured yet. Errors the engine throws are captured when the interpreter
//!   first unwinds them (the innermost frame's exact pc is known there); the `Error`
//!   constructors capture at construction, from the native call site.
//! - a GC array of [`WIDTH`] values per frame (code, pc, constructed?), innermost first;
//! - a string: the formatted trace, cached at the first read.
//!
//! Frames are walked on the register stack through the caller links of frame headers. A frame
//! entered from native code (a callback, a getter) links to the script frame that called that
//! native (the runtime's `native_site`), encoded as a caller of `-(fp + 2)` whose return pc
//! is the call instruction itself.

use super::code::Code;
use super::{code_of, Stack, H_CALLEE, H_CALLER, H_NEW_TARGET, H_RET_PC};
use crate::cx::{Cx, JsResult};
use crate::object::{Object, ObjectClass};
use crate::runtime::Name;
use crate::string::JsString;
use conch_gc::{Gc, GcArray, Value};

/// Frames kept per trace by default (`Error.stackTraceLimit`'s initial value, as in V8).
pub const LIMIT: usize = 10;
/// The most frames a trace keeps whatever `Error.stackTraceLimit` says.
const MAX_LIMIT: usize = 1000;
const WIDTH: usize = 3;

/// How many frames to keep: `Error.stackTraceLimit` of the realm's `%Error%` read without
/// running code (an accessor or a lazy constructor: the default; not a number: none).
fn limit(cx: &Cx) -> JsResult<usize> {
    let Some(e) = Object::from_value(cx.intrinsic(crate::realm::Intrinsic::Error)) else {
        return Ok(LIMIT);
    };
    if e.lazy_id() != 0 {
        return Ok(LIMIT);
    }
    let key = cx.rt.key("stackTraceLimit")?;
    Ok(match Object::get_named(cx.heap(), e, key.to_raw()) {
        None => 0,
        Some(p) if p.attrs & crate::object::attrs::ACCESSOR != 0 => LIMIT,
        Some(p) => match p.value.as_number() {
            Some(n) if n >= 1.0 => n.min(MAX_LIMIT as f64) as usize,
            _ => 0,
        },
    })
}

/// The frames from script frame `fp` at `pc` outwards, at most `max`: (code, pc, constructed)
/// for each, pushed to `out`.
fn walk(
    cx: &Cx,
    mut fp: usize,
    mut pc: usize,
    max: usize,
    out: &conch_gc::GcVec<Value>,
) -> JsResult<()> {
    let st = Stack { v: cx.rt.stack() };
    let mut n = 0;
    while n < max {
        let Some(callee) = Object::from_value(st.header(fp, H_CALLEE)) else {
            break;
        };
        let Some(code) = code_of(&callee) else {
            break;
        };
        out.push(cx.heap(), code.to_value())?;
        out.push(cx.heap(), Value::int(pc as i32))?;
        out.push(
            cx.heap(),
            Value::bool(!st.header(fp, H_NEW_TARGET).is_undefined()),
        )?;
        n += 1;
        let caller = st.int(fp, H_CALLER);
        let ret = st.int(fp, H_RET_PC);
        let (next, next_pc) = match caller {
            c if c >= 0 => (c as usize, ret.saturating_sub(1) as usize),
            c if c <= -2 => ((-c - 2) as usize, ret as usize),
            _ => break,
        };
        // Callers sit strictly below their callees; anything else is not a live link.
        if next >= fp {
            break;
        }
        fp = next;
        pc = next_pc;
    }
    Ok(())
}

/// The trace from frame `fp` at `pc` as a GC array value.
pub(crate) fn capture_at(cx: &Cx, fp: usize, pc: usize) -> JsResult<Value> {
    let max = limit(cx)?;
    let buf = conch_gc::GcVec::<Value>::new();
    buf.reserve(cx.heap(), max.min(LIMIT) * WIDTH)?;
    walk(cx, fp, pc, max, &buf)?;
    // SAFETY: `buf` is this frame's own vector, not written while the slice lives.
    Ok(GcArray::<Value>::from_slice(cx.heap(), unsafe { buf.as_slice() })?.to_value())
}

/// The trace from the script frame calling the running native function (empty when none).
pub(crate) fn capture_here(cx: &Cx) -> JsResult<Value> {
    let site = cx.rt.native_site();
    if site < 0 {
        return Ok(GcArray::<Value>::from_slice(cx.heap(), &[])?.to_value());
    }
    capture_at(cx, (site >> 32) as usize, (site & 0xffff_ffff) as usize)
}

/// The file name of the script whose code called the running native function (a string), or
/// `None` when no script frame is on the stack: the referrer of a host-level module load such
/// as `ShadowRealm.prototype.importValue`'s.
pub(crate) fn calling_script_file(cx: &Cx) -> Option<Value> {
    let site = cx.rt.native_site();
    if site < 0 {
        return None;
    }
    let st = Stack { v: cx.rt.stack() };
    let callee = Object::from_value(st.header((site >> 32) as usize, H_CALLEE))?;
    Some(code_of(&callee)?.script.file)
}

/// Records the trace of `e` (taken at construction) unless it has one.
pub(crate) fn capture_error_here(cx: &Cx, e: Gc<Object>) -> JsResult<()> {
    if e.class() == ObjectClass::Error && e.internal(0).is_undefined() {
        let t = capture_here(cx)?;
        Object::set_internal(e, 0, t);
    }
    Ok(())
}

/// Called as the interpreter starts unwinding `v` from frame `fp` at `pc`: an error without a
/// trace gets one from there.
pub(super) fn on_throw(cx: &Cx, v: Value, fp: usize, pc: usize) {
    if let Some(e) = Object::from_value(v) {
        if e.class() == ObjectClass::Error && e.internal(0).is_undefined() {
            // Out of memory here only costs the trace.
            if let Ok(t) = capture_at(cx, fp, pc) {
                Object::set_internal(e, 0, t);
            }
        }
    }
}

fn frames(v: Value) -> Option<Gc<GcArray<Value>>> {
    if JsString::from_value(v).is_some() || v.is_undefined() {
        return None;
    }
    // SAFETY: an error's `internal(0)` holds only undefined, a string, or the GC array of
    // values `capture_at` made (no script can reach the slot).
    v.cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

/// (file, line, column) of the innermost frame of `e`'s trace, if it has one that was not
/// formatted yet or formatted ones' first frame is unknown.
pub fn error_location(e: Gc<Object>) -> Option<(Gc<JsString>, u32, u32)> {
    if e.class() != ObjectClass::Error {
        return None;
    }
    let f = frames(e.internal(0))?;
    let code = Code::from_value(f.get(0)?)?;
    let pc = f.get(1)?.as_int()? as u32;
    let (line, col) = code.script.line_col(code.position_of(pc));
    Some((JsString::from_value(code.script.file)?, line, col))
}

/// A string data property of `o` or its prototypes, read without running any code.
fn quiet_string(cx: &Cx, o: Gc<Object>, key: Value) -> Option<Gc<JsString>> {
    let mut cur = Some(o);
    let mut depth = 0;
    while let Some(c) = cur {
        if let Some(p) = Object::get_named(cx.heap(), c, key) {
            if p.attrs & crate::object::attrs::ACCESSOR != 0 {
                return None;
            }
            return JsString::from_value(p.value);
        }
        depth += 1;
        if depth > 64 {
            return None;
        }
        cur = Object::from_value(c.prototype());
    }
    None
}

/// The `stack` string of error `e`: `Name: message` and one `    at …` line per frame.
pub fn stack_string(cx: &Cx, e: Gc<Object>) -> JsResult<Gc<JsString>> {
    let slot = e.internal(0);
    if let Some(s) = JsString::from_value(slot) {
        return Ok(s);
    }
    let mut b = Builder::new(cx.heap());
    let name = quiet_string(cx, e, cx.name(Name::name).to_raw());
    let msg = quiet_string(cx, e, cx.name(Name::message).to_raw());
    match (name, msg) {
        (None, None) => b.ascii("Error"),
        (Some(n), None) => b.js(n),
        (None, Some(m)) if m.is_empty() => b.ascii("Error"),
        (None, Some(m)) => {
            b.ascii("Error: ");
            b.js(m);
        }
        (Some(n), Some(m)) => {
            b.js(n);
            if !n.is_empty() && !m.is_empty() {
                b.ascii(": ");
            }
            b.js(m);
        }
    }
    let captured = frames(slot);
    if let Some(f) = captured {
        let mut i = 0;
        while i + WIDTH <= f.len() {
            let (Some(code), Some(pc)) = (
                f.get(i).and_then(Code::from_value),
                f.get(i + 1).and_then(|v| v.as_int()),
            ) else {
                break;
            };
            let constructed = f.get(i + 2) == Some(Value::TRUE);
            b.ascii("\n    at ");
            let (line, col) = code.script.line_col(code.position_of(pc as u32));
            let named = JsString::from_value(code.name).filter(|n| !n.is_empty());
            if let Some(n) = named {
                if constructed {
                    b.ascii("new ");
                }
                b.js(n);
                b.ascii(" (");
            }
            if let Some(file) = JsString::from_value(code.script.file) {
                b.js(file);
            }
            b.ascii(":");
            b.num(line);
            b.ascii(":");
            b.num(col);
            if named.is_some() {
                b.ascii(")");
            }
            i += WIDTH;
        }
    }
    let s = b.finish()?;
    // Cache the text once the frames are known (an error never captured stays open).
    if captured.is_some() {
        Object::set_internal(e, 0, s.to_value());
    }
    Ok(s)
}

/// Collects the UTF-16 units of the text in a GC vector (the storage rule: script-sized
/// text never lives in a `std` collection); the first failure to allocate is kept.
struct Builder<'h> {
    heap: &'h conch_gc::Heap,
    units: conch_gc::GcVec<u16>,
    failed: Option<crate::Throw>,
}

impl<'h> Builder<'h> {
    fn new(heap: &'h conch_gc::Heap) -> Builder<'h> {
        Builder {
            heap,
            units: conch_gc::GcVec::new(),
            failed: None,
        }
    }
    fn unit(&mut self, u: u16) {
        if self.failed.is_none() {
            if let Err(e) = self.units.push(self.heap, u) {
                self.failed = Some(e.into());
            }
        }
    }
    fn ascii(&mut self, s: &str) {
        for b in s.bytes() {
            self.unit(u16::from(b));
        }
    }
    fn num(&mut self, n: u32) {
        let mut digits = [0u8; 10];
        let (mut i, mut n) = (digits.len(), n);
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.unit(u16::from(d));
        }
    }
    fn js(&mut self, s: Gc<JsString>) {
        match JsString::flatten(self.heap, s) {
            Ok(f) => {
                for u in f.chars().units() {
                    self.unit(u);
                }
            }
            Err(e) => self.failed = Some(e.into()),
        }
    }
    fn finish(self) -> JsResult<Gc<JsString>> {
        if let Some(t) = self.failed {
            return Err(t);
        }
        // SAFETY: `units` is this builder's own vector; nothing else writes it meanwhile.
        let s = unsafe { self.units.as_slice() };
        Ok(JsString::from_utf16(self.heap, s)?)
    }
}
