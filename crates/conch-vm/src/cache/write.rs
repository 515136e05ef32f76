//! Writing a script's compiled code in the cache format (see the module docs of
//! [`crate::cache`]). Output and scratch live in an arena over the memory manager.

use super::{
    checksum, engine_identity, header_check, source_fingerprint, tag, CacheError, FORMAT_VERSION,
};
use super::{HEADER, MAGIC};
use crate::bigint::BigInt;
use crate::cx::{Cx, Throw};
use crate::interp::code::{flags, Code};
use crate::string::{Chars, JsString};
use crate::{Object, ObjectClass};
use allocator_api2::vec::Vec;
use conch_gc::{Gc, GcArray, Value};
use conch_mm::Arena;

type Out<'a> = Vec<u8, &'a Arena>;
type R<T> = Result<T, CacheError>;

fn oom<E>(_: E) -> CacheError {
    CacheError::Throw(Throw::OutOfMemory)
}

fn put(out: &mut Out, b: &[u8]) -> R<()> {
    out.try_reserve(b.len()).map_err(oom)?;
    out.extend_from_slice(b);
    Ok(())
}

fn u32_(out: &mut Out, v: u32) -> R<()> {
    put(out, &v.to_le_bytes())
}

fn len_(out: &mut Out, n: usize) -> R<()> {
    u32_(out, u32::try_from(n).map_err(|_| CacheError::Unsupported)?)
}

fn words(out: &mut Out, a: Gc<GcArray<u32>>) -> R<()> {
    len_(out, a.len())?;
    for c in a.cells() {
        u32_(out, c.get())?;
    }
    Ok(())
}

/// Serializes the script whose top-level code is `top` (and every function nested in it)
/// into a buffer in `arena`. The script's source text must be loaded (it is for code just
/// compiled from source): the line table and the source fingerprint come from it.
pub fn serialize<'a>(cx: &mut Cx, top: Gc<Code>, arena: &'a Arena) -> R<Out<'a>> {
    if !top.has(flags::SCRIPT) {
        return Err(CacheError::Unsupported);
    }
    let source = match top.script.source_text(cx)? {
        Some(s) => JsString::flatten(cx.heap(), s)?,
        None => return Err(CacheError::Unsupported),
    };
    let order = code_order(top, arena)?;
    let mut out: Out = Vec::new_in(arena);
    put(&mut out, &[0u8; HEADER])?;
    line_table(&mut out, &order, source.chars(), arena)?;
    len_(&mut out, order.len())?;
    for &c in order.iter() {
        code(cx, &mut out, c, &order)?;
    }
    let total = u32::try_from(out.len()).map_err(|_| CacheError::Unsupported)?;
    let (slen, shash) = source_fingerprint(source.chars());
    let h = &mut out[..HEADER];
    h[0..8].copy_from_slice(&MAGIC);
    h[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    h[12..16].copy_from_slice(&total.to_le_bytes());
    h[16..24].copy_from_slice(&engine_identity().to_le_bytes());
    h[32..40].copy_from_slice(&slen.to_le_bytes());
    h[40..48].copy_from_slice(&shash.to_le_bytes());
    let hc = header_check(h);
    h[48..56].copy_from_slice(&hc.to_le_bytes());
    let sum = checksum(&out[32..]);
    out[24..32].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// Every code reachable from `top` through constant pools, children before parents, `top`
/// last (an explicit stack: no native recursion).
fn code_order(top: Gc<Code>, arena: &Arena) -> R<Vec<Gc<Code>, &Arena>> {
    let mut order: Vec<Gc<Code>, &Arena> = Vec::new_in(arena);
    let mut stack: Vec<(Gc<Code>, usize), &Arena> = Vec::new_in(arena);
    stack.try_reserve(1).map_err(oom)?;
    stack.push((top, 0));
    while let Some(&(c, from)) = stack.last() {
        let n = c.constants.len();
        let mut next = None;
        let mut i = from;
        while i < n {
            if let Some(child) = Code::from_value(c.constant(i)) {
                let seen = order.iter().any(|o| o.addr() == child.addr())
                    || stack.iter().any(|(s, _)| s.addr() == child.addr());
                if !seen {
                    next = Some(child);
                    i += 1;
                    break;
                }
            }
            i += 1;
        }
        let last = stack.len() - 1;
        stack[last].1 = i;
        match next {
            Some(child) => {
                stack.try_reserve(1).map_err(oom)?;
                stack.push((child, 0));
            }
            None => {
                stack.pop();
                order.try_reserve(1).map_err(oom)?;
                order.push(c);
            }
        }
    }
    Ok(order)
}

/// The (offset, line, column) of every source offset the code records (positions and span
/// starts), computed in one walk over the source exactly as `Script::line_col` does.
fn line_table(out: &mut Out, order: &[Gc<Code>], c: Chars, arena: &Arena) -> R<()> {
    let mut offs: Vec<u32, &Arena> = Vec::new_in(arena);
    for code in order {
        offs.try_reserve(1 + code.positions.len() / 2)
            .map_err(oom)?;
        offs.push(code.span.0);
        let p = code.positions;
        let mut i = 1;
        while i < p.len() {
            offs.push(p.get(i).unwrap_or(0));
            i += 2;
        }
    }
    offs.sort_unstable();
    offs.dedup();
    len_(out, offs.len())?;
    let mut w = crate::interp::code::SourceWalk::new();
    for &at in offs.iter() {
        w.advance_to(&c, at);
        u32_(out, at)?;
        u32_(out, w.line)?;
        u32_(out, w.col)?;
    }
    Ok(())
}

fn code(cx: &mut Cx, out: &mut Out, c: Gc<Code>, order: &[Gc<Code>]) -> R<()> {
    for v in [
        c.flags,
        c.registers,
        c.params,
        c.length,
        c.span.0,
        c.span.1,
        c.feedback_slots,
    ] {
        u32_(out, v)?;
    }
    value(cx, out, c.name, order)?;
    let bc = c.bytes();
    len_(out, bc.len())?;
    put(out, bc)?;
    words(out, c.handlers)?;
    words(out, c.positions)?;
    len_(out, c.constants.len())?;
    for i in 0..c.constants.len() {
        value(cx, out, c.constant(i), order)?;
    }
    Ok(())
}

fn string(cx: &Cx, out: &mut Out, s: Gc<JsString>) -> R<()> {
    let atom = s.is_atom();
    let s = JsString::flatten(cx.heap(), s)?;
    match s.chars() {
        Chars::One(b) => {
            put(out, &[if atom { tag::ATOM1 } else { tag::STRING1 }])?;
            len_(out, b.len())?;
            put(out, b)
        }
        Chars::Two(u) => {
            put(out, &[if atom { tag::ATOM2 } else { tag::STRING2 }])?;
            len_(out, u.len())?;
            out.try_reserve(u.len() * 2).map_err(oom)?;
            for &x in u {
                out.extend_from_slice(&x.to_le_bytes());
            }
            Ok(())
        }
    }
}

/// A constant. Objects other than the compiler's plain arrays and template objects, and
/// symbols, are [`CacheError::Unsupported`].
fn value(cx: &mut Cx, out: &mut Out, v: Value, order: &[Gc<Code>]) -> R<()> {
    if v.is_undefined() {
        return put(out, &[tag::UNDEFINED]);
    }
    if v.is_null() {
        return put(out, &[tag::NULL]);
    }
    if v.is_hole() {
        return put(out, &[tag::HOLE]);
    }
    if let Some(b) = v.as_bool() {
        return put(out, &[if b { tag::TRUE } else { tag::FALSE }]);
    }
    if let Some(i) = v.as_int() {
        put(out, &[tag::INT])?;
        return put(out, &i.to_le_bytes());
    }
    if let Some(d) = v.as_number() {
        put(out, &[tag::DOUBLE])?;
        return put(out, &d.to_bits().to_le_bytes());
    }
    if let Some(s) = JsString::from_value(v) {
        return string(cx, out, s);
    }
    if let Some(b) = BigInt::from_value(v) {
        put(out, &[tag::BIGINT, b.is_neg() as u8])?;
        let d = b.digits();
        len_(out, d.len())?;
        for &x in d {
            put(out, &x.to_le_bytes())?;
        }
        return Ok(());
    }
    if let Some(c) = Code::from_value(v) {
        let i = order
            .iter()
            .position(|o| o.addr() == c.addr())
            .ok_or(CacheError::Unsupported)?;
        put(out, &[tag::CODE])?;
        return len_(out, i);
    }
    let Some(o) = Object::from_value(v).filter(|o| o.class() == ObjectClass::Array) else {
        return Err(CacheError::Unsupported);
    };
    cx.check()?;
    let n = o.array_length();
    if o.is_extensible() {
        // A declaration list or an eval-site descriptor.
        put(out, &[tag::ARRAY])?;
        u32_(out, n)?;
        for i in 0..n {
            let e = o.get_element(i).ok_or(CacheError::Unsupported)?;
            value(cx, out, e.value, order)?;
        }
        return Ok(());
    }
    // A template object: frozen strings (cooked may be undefined) with a frozen `raw`.
    let rk = cx.rt.key("raw")?;
    let raw = Object::get_named(cx.heap(), o, rk.to_raw())
        .and_then(|p| Object::from_value(p.value))
        .filter(|r| r.class() == ObjectClass::Array && r.array_length() == n)
        .ok_or(CacheError::Unsupported)?;
    put(out, &[tag::TEMPLATE])?;
    u32_(out, n)?;
    for i in 0..n {
        let cooked = o.get_element(i).ok_or(CacheError::Unsupported)?.value;
        let r = raw.get_element(i).ok_or(CacheError::Unsupported)?.value;
        if !(cooked.is_undefined() || JsString::from_value(cooked).is_some())
            || JsString::from_value(r).is_none()
        {
            return Err(CacheError::Unsupported);
        }
        value(cx, out, cooked, order)?;
        value(cx, out, r, order)?;
    }
    Ok(())
}
