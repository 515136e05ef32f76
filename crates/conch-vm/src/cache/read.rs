//! Reading a cached script back into code cells (see the module docs of [`crate::cache`]):
//! every length is checked against the bytes left before anything is allocated, every index
//! and tag is checked, and each function's bytecode is verified.

use super::{
    checksum, engine_identity, header_check, tag, CacheError, FORMAT_VERSION, HEADER, MAGIC,
};
use crate::bigint::{BigInt, MAX_LIMBS};
use crate::cx::Cx;
use crate::interp::code::{flags, Code, Script};
use crate::interp::verify::Invalid;
use crate::string::{Chars, JsString};
use conch_gc::{Gc, GcArray, GcVec, Value};
use std::cell::Cell;

type R<T> = Result<T, CacheError>;

/// Largest register count a cached function may ask for (the compiler's frames are far
/// smaller; a bigger count is a damaged buffer, not a reason to reserve gigabytes).
const MAX_REGISTERS: u32 = 1 << 20;
/// Every flag [`flags`] defines.
const ALL_FLAGS: u32 = (flags::ASYNC << 1) - 1;
/// Arrays and templates nest at most this deep (the compiler's nest one level).
const MAX_DEPTH: u32 = 8;

/// The buffer's total length as its header declares it, once the magic, format version and
/// engine identity match this build (`None`: not a buffer of this engine). Hosts of the
/// pointer-only APIs pass no length: the header says how much to read.
pub fn declared_length(header: &[u8]) -> Option<usize> {
    let h = header.get(..HEADER)?;
    if h[0..8] != MAGIC
        || u32::from_le_bytes(h[8..12].try_into().ok()?) != FORMAT_VERSION
        || u64::from_le_bytes(h[16..24].try_into().ok()?) != engine_identity()
        || u64::from_le_bytes(h[48..56].try_into().ok()?) != header_check(h)
    {
        return None;
    }
    let total = u32::from_le_bytes(h[12..16].try_into().ok()?) as usize;
    (total >= HEADER).then_some(total)
}

/// A bounds-checked cursor.
struct Reader<'b> {
    b: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn bytes(&mut self, n: usize) -> R<&'b [u8]> {
        let end = self.at.checked_add(n).ok_or(CacheError::Bad)?;
        let s = self.b.get(self.at..end).ok_or(CacheError::Bad)?;
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> R<u8> {
        Ok(self.bytes(1)?[0])
    }
    fn u32(&mut self) -> R<u32> {
        let s = self.bytes(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> R<u64> {
        let s = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
    /// A count of items of `size` bytes each that must fit in what is left.
    fn count(&mut self, size: usize) -> R<usize> {
        let n = self.u32()? as usize;
        if n.checked_mul(size).ok_or(CacheError::Bad)? > self.b.len() - self.at {
            return Err(CacheError::Bad);
        }
        Ok(n)
    }
    fn words(&mut self, cx: &Cx) -> R<Gc<GcArray<u32>>> {
        let n = self.count(4)?;
        let a = GcArray::<u32>::new(cx.heap(), n)?;
        for _ in 0..n {
            let w = self.u32()?;
            a.push_within_capacity(w);
        }
        Ok(a)
    }
}

/// Reads the cached script in `bytes` (exactly the declared length, or more) as code of the
/// current realm: `file` is its file name, `loader` a callable returning its source text when
/// needed (or undefined). Returns the top-level code, ready for
/// [`crate::interp::run_script`] or [`crate::interp::ops::make_closure`].
pub fn deserialize(cx: &mut Cx, bytes: &[u8], file: Value, loader: Value) -> R<Gc<Code>> {
    let total = declared_length(bytes).ok_or(CacheError::Bad)?;
    let b = bytes.get(..total).ok_or(CacheError::Bad)?;
    if u64::from_le_bytes(b[24..32].try_into().map_err(|_| CacheError::Bad)?) != checksum(&b[32..])
    {
        return Err(CacheError::Bad);
    }
    let mut r = Reader { b, at: 32 };
    let source_check = (r.u64()?, r.u64()?);
    r.u64()?; // the header check
              // The line table.
    let nl = r.count(12)?;
    let lines = GcArray::<u32>::new(cx.heap(), nl * 3)?;
    let mut prev = None;
    for _ in 0..nl {
        let (off, line, col) = (r.u32()?, r.u32()?, r.u32()?);
        if prev.is_some_and(|p| p >= off) || off as u64 > source_check.0 || line == 0 || col == 0 {
            return Err(CacheError::Bad);
        }
        prev = Some(off);
        lines.push_within_capacity(off);
        lines.push_within_capacity(line);
        lines.push_within_capacity(col);
    }
    let mut script = Script::new(Value::UNDEFINED, file);
    script.loader = Cell::new(loader);
    script.lines = Some(lines);
    script.source_check = Some(source_check);
    let script = cx.heap().alloc(script)?;
    // The codes, children first (a GC vector on this stack: the collector sees it).
    let n = r.count(1)?;
    let codes: GcVec<Value> = GcVec::new();
    codes.reserve(cx.heap(), n)?;
    for _ in 0..n {
        let c = code(cx, &mut r, script, &codes, source_check.0)?;
        codes.push(cx.heap(), c.to_value())?;
    }
    if r.at != b.len() {
        return Err(CacheError::Bad);
    }
    let top = codes
        .last()
        .and_then(Code::from_value)
        .ok_or(CacheError::Bad)?;
    if !top.has(flags::SCRIPT) {
        return Err(CacheError::Bad);
    }
    Ok(top)
}

fn code(
    cx: &mut Cx,
    r: &mut Reader,
    script: Gc<Script>,
    codes: &GcVec<Value>,
    source_len: u64,
) -> R<Gc<Code>> {
    let mut f = [0u32; 7];
    for x in f.iter_mut() {
        *x = r.u32()?;
    }
    let [fl, registers, params, length, span0, span1, feedback_slots] = f;
    if fl & !ALL_FLAGS != 0
        || registers > MAX_REGISTERS
        || params > registers
        || span0 > span1
        || span1 as u64 > source_len
    {
        return Err(CacheError::Bad);
    }
    let name = value(cx, r, codes, 0)?;
    if JsString::from_value(name).is_none() {
        return Err(CacheError::Bad);
    }
    let nb = r.count(1)?;
    let bc = r.bytes(nb)?;
    let handlers = r.words(cx)?;
    let positions = r.words(cx)?;
    let nk = r.count(1)?;
    let consts: GcVec<Value> = GcVec::new();
    consts.reserve(cx.heap(), nk)?;
    for _ in 0..nk {
        let v = value(cx, r, codes, 0)?;
        consts.push(cx.heap(), v)?;
    }
    let bytecode = GcArray::<u8>::from_slice(cx.heap(), bc)?;
    // SAFETY: `consts` is this function's own local vector; nothing writes it meanwhile.
    let constants = GcArray::<Value>::from_slice(cx.heap(), unsafe { consts.as_slice() })?;
    Code::new(
        cx.heap(),
        Code {
            bytecode,
            constants,
            handlers,
            positions,
            registers,
            params,
            length,
            flags: fl,
            name,
            script,
            span: (span0, span1),
            feedback: Cell::new(None),
            feedback_slots,
        },
        source_len,
    )
    .map_err(|e| match e {
        Invalid::Bad => CacheError::Bad,
        Invalid::OutOfMemory => CacheError::Throw(crate::Throw::OutOfMemory),
    })
}

/// A value (`depth`: nesting of arrays and templates).
fn value(cx: &mut Cx, r: &mut Reader, codes: &GcVec<Value>, depth: u32) -> R<Value> {
    let t = r.u8()?;
    Ok(match t {
        tag::UNDEFINED => Value::UNDEFINED,
        tag::NULL => Value::NULL,
        tag::TRUE => Value::TRUE,
        tag::FALSE => Value::FALSE,
        tag::HOLE => Value::HOLE,
        tag::INT => Value::int(r.u32()? as i32),
        tag::DOUBLE => {
            let d = f64::from_bits(r.u64()?);
            let v = Value::number(d);
            // Only non-int32 numbers are written as doubles.
            if v.as_int().is_some() && !(d == 0.0 && d.is_sign_negative()) {
                return Err(CacheError::Bad);
            }
            v
        }
        tag::STRING1 | tag::ATOM1 => {
            let n = r.count(1)?;
            let b = r.bytes(n)?;
            if t == tag::ATOM1 {
                cx.rt.intern_chars(Chars::One(b))?.to_value()
            } else {
                JsString::from_latin1(cx.heap(), b)?.to_value()
            }
        }
        tag::STRING2 | tag::ATOM2 => {
            let n = r.count(2)?;
            let b = r.bytes(n * 2)?;
            let mut units: allocator_api2::vec::Vec<u16, conch_mm::ScratchAlloc> =
                allocator_api2::vec::Vec::new_in(cx.heap().scratch().clone());
            units
                .try_reserve_exact(n)
                .map_err(|_| CacheError::Throw(crate::Throw::OutOfMemory))?;
            for p in b.chunks_exact(2) {
                units.push(u16::from_le_bytes([p[0], p[1]]));
            }
            if t == tag::ATOM2 {
                cx.rt.intern_chars(Chars::Two(&units))?.to_value()
            } else {
                JsString::from_utf16(cx.heap(), &units)?.to_value()
            }
        }
        tag::BIGINT => {
            let neg = match r.u8()? {
                0 => false,
                1 => true,
                _ => return Err(CacheError::Bad),
            };
            let n = r.count(8)?;
            if n > MAX_LIMBS {
                return Err(CacheError::Bad);
            }
            let mut limbs = crate::bigint::buf(cx.heap(), n)?;
            for l in limbs.iter_mut() {
                *l = r.u64()?;
            }
            BigInt::new(cx.heap(), neg, &limbs)?.to_value()
        }
        tag::CODE => {
            let i = r.u32()? as usize;
            codes.get(i).ok_or(CacheError::Bad)?
        }
        tag::ARRAY | tag::TEMPLATE if depth < MAX_DEPTH => {
            let per = if t == tag::TEMPLATE { 2 } else { 1 };
            let n = r.count(per)?;
            let a = crate::interp::ops::new_array(cx)?;
            let raw = crate::interp::ops::new_array(cx)?;
            for _ in 0..n {
                let v = value(cx, r, codes, depth + 1)?;
                if t == tag::TEMPLATE {
                    let rv = value(cx, r, codes, depth + 1)?;
                    if !(v.is_undefined() || JsString::from_value(v).is_some())
                        || JsString::from_value(rv).is_none()
                    {
                        return Err(CacheError::Bad);
                    }
                    crate::interp::ops::array_push(cx, raw.to_value(), rv)?;
                }
                crate::interp::ops::array_push(cx, a.to_value(), v)?;
            }
            if t == tag::TEMPLATE {
                // As the compiler's `template_object`.
                crate::ops::set_integrity_level(cx, raw, true)?;
                let rk = cx.rt.key("raw")?;
                let d = crate::ops::PropertyDescriptor::data(raw.to_value(), 0);
                crate::ops::define_property_or_throw(cx, a, rk, &d)?;
                crate::ops::set_integrity_level(cx, a, true)?;
            }
            a.to_value()
        }
        _ => return Err(CacheError::Bad),
    })
}
