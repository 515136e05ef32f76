//! `Atomics` (§25.4), in the spec's order of validation and conversion. A SharedArrayBuffer's
//! contents may be mapped by runtimes on other threads (`array_buffer/block.rs`), so every
//! access here is a sequentially consistent atomic instruction of the element's size. `wait`
//! blocks on the process-wide waiter list (`waiters`), `notify` wakes other threads' waiters
//! and this runtime's `waitAsync` ones (`wait`).

mod wait;
pub mod waiters;

pub use wait::poll_async_waiters;

use super::typed_array::{buffer_of, elem_of, is_big, is_out_of_bounds, read_value};
use super::typed_array::{to_index, validate, validate_write, write_elem, Elem};
use super::{arg, data, method};
use crate::cx::{Cx, JsResult};
use crate::host::{ElementType, ExternalElements};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::realm::{Context, Intrinsic};
use crate::WellKnown;
use conch_gc::{Gc, Value};
use std::sync::atomic::Ordering::SeqCst;

type R = JsResult<Value>;

/// `ValidateIntegerTypedArray(typedArray, waitable, accessMode)`: the typed array and its
/// elements (`write`: not over an immutable buffer).
fn validate_integer(
    cx: &Cx,
    v: Value,
    waitable: bool,
    write: bool,
) -> JsResult<(Gc<Object>, ExternalElements)> {
    // V8's words: "#<Object> is not an integer typed array."
    let wrong = |cx: &Cx| {
        use crate::builtins::error::shown::{error, Part};
        let what = if waitable {
            " is not an int32 or BigInt64 typed array."
        } else {
            " is not an integer typed array."
        };
        error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[Part::Shown(v), Part::Text(what)],
        )
    };
    if Object::from_value(v).is_none_or(|o| o.class() != crate::object::ObjectClass::TypedArray) {
        return Err(wrong(cx));
    }
    let (o, e) = if write {
        validate_write(cx, v, "Atomics")?
    } else {
        validate(cx, v, "Atomics")?
    };
    use ElementType::*;
    let ok = if waitable {
        matches!(e.kind, Int32 | BigInt64)
    } else {
        matches!(
            e.kind,
            Int8 | Uint8 | Int16 | Uint16 | Int32 | Uint32 | BigInt64 | BigUint64
        )
    };
    if !ok {
        return Err(wrong(cx));
    }
    Ok((o, e))
}

/// `ValidateAtomicAccess(taRecord, requestIndex)`: the byte index in the buffer.
fn validate_access(cx: &mut Cx, o: &Object, e: &ExternalElements, index: Value) -> JsResult<usize> {
    let i = to_index(cx, index)?;
    if i >= e.length as u64 {
        return Err(cx.range_error("Atomics: index out of range"));
    }
    let off = o.internal(1).as_number().unwrap_or(0.0) as usize;
    Ok(i as usize * e.kind.size() + off)
}

/// `RevalidateAtomicAccess(typedArray, byteIndexInBuffer)`, then the element's address.
fn revalidate(cx: &Cx, o: &Object, byte: usize, size: usize) -> JsResult<usize> {
    if is_out_of_bounds(o) {
        return Err(cx.type_error("Atomics: the typed array is detached or out of bounds"));
    }
    let (p, blen) = buffer_of(o)
        .and_then(|d| d.bytes())
        .expect("in-bounds view");
    if byte + size > blen {
        return Err(cx.range_error("Atomics: index out of range"));
    }
    Ok(p as usize + byte)
}

/// The raw bits of the element at `addr` (`size` bytes, zero-extended).
fn raw_read(addr: usize, size: usize) -> u64 {
    // SAFETY: `addr .. addr + size` lies in a live buffer (checked by `revalidate`, or is a
    // local temporary); unaligned access is allowed.
    unsafe {
        match size {
            1 => *(addr as *const u8) as u64,
            2 => (addr as *const u16).read_unaligned() as u64,
            4 => (addr as *const u32).read_unaligned() as u64,
            _ => (addr as *const u64).read_unaligned(),
        }
    }
}

/// Runs `$body` with `$a` the atomic integer of `$size` bytes at `$addr` (aligned) and `$u`
/// its unsigned integer type.
macro_rules! on_atomic {
    ($addr:expr, $size:expr, |$a:ident, $u:ident| $body:expr) => {{
        let addr: usize = $addr;
        // SAFETY (every arm): `addr` is aligned to the size (checked by the callers) and lies
        // in a live buffer (checked by `revalidate`); every access other threads make to the
        // location through Atomics is atomic too, and the memory model leaves mixed
        // non-atomic accesses (plain typed-array reads and writes) racy by design.
        match $size {
            1 => {
                #[allow(dead_code)]
                type $u = u8;
                // SAFETY: see above.
                let $a = unsafe { std::sync::atomic::AtomicU8::from_ptr(addr as *mut u8) };
                $body
            }
            2 => {
                #[allow(dead_code)]
                type $u = u16;
                // SAFETY: see above.
                let $a = unsafe { std::sync::atomic::AtomicU16::from_ptr(addr as *mut u16) };
                $body
            }
            4 => {
                #[allow(dead_code)]
                type $u = u32;
                // SAFETY: see above.
                let $a = unsafe { std::sync::atomic::AtomicU32::from_ptr(addr as *mut u32) };
                $body
            }
            _ => {
                #[allow(dead_code)]
                type $u = u64;
                // SAFETY: see above.
                let $a = unsafe { std::sync::atomic::AtomicU64::from_ptr(addr as *mut u64) };
                $body
            }
        }
    }};
}

/// An element's address is misaligned only in host-lent ArrayBuffer memory (a shared block's
/// contents are 64-byte aligned, the engine's mappings page aligned), which no other thread
/// sees: plain accesses are atomic enough there.
fn aligned(addr: usize, size: usize) -> bool {
    addr.is_multiple_of(size)
}

/// Atomic load of the element at `addr` (zero-extended bits).
// The `as u64` casts are needed for the narrower widths `on_atomic!` expands to.
#[allow(clippy::unnecessary_cast)]
fn load_at(addr: usize, size: usize) -> u64 {
    if !aligned(addr, size) {
        return raw_read(addr, size);
    }
    on_atomic!(addr, size, |a, U| a.load(SeqCst) as u64)
}

/// Atomic store.
fn store_at(addr: usize, size: usize, w: u64) {
    if !aligned(addr, size) {
        return raw_write(addr, size, w);
    }
    on_atomic!(addr, size, |a, U| a.store(w as U, SeqCst))
}

/// Atomic read-modify-write with `f` (old bits to new bits); returns the old bits.
// The `as u64` casts are needed for the narrower widths `on_atomic!` expands to.
#[allow(clippy::unnecessary_cast)]
fn update_at(addr: usize, size: usize, f: impl Fn(u64) -> u64) -> u64 {
    if !aligned(addr, size) {
        let old = raw_read(addr, size);
        raw_write(addr, size, f(old));
        return old;
    }
    on_atomic!(
        addr,
        size,
        |a, U| match a.fetch_update(SeqCst, SeqCst, |o| Some(f(o as u64) as U)) {
            Ok(o) | Err(o) => o as u64,
        }
    )
}

/// Atomic compare-and-exchange; returns the old bits.
// The `as u64` casts are needed for the narrower widths `on_atomic!` expands to.
#[allow(clippy::unnecessary_cast)]
fn compare_exchange_at(addr: usize, size: usize, expected: u64, new: u64) -> u64 {
    if !aligned(addr, size) {
        let old = raw_read(addr, size);
        if old == expected {
            raw_write(addr, size, new);
        }
        return old;
    }
    on_atomic!(
        addr,
        size,
        |a, U| match a.compare_exchange(expected as U, new as U, SeqCst, SeqCst) {
            Ok(o) | Err(o) => o as u64,
        }
    )
}

fn raw_write(addr: usize, size: usize, w: u64) {
    // SAFETY: as in `raw_read`.
    unsafe {
        match size {
            1 => *(addr as *mut u8) = w as u8,
            2 => (addr as *mut u16).write_unaligned(w as u16),
            4 => (addr as *mut u32).write_unaligned(w as u32),
            _ => (addr as *mut u64).write_unaligned(w),
        }
    }
}

/// NumericToRawBytes: the bits `kind` stores for `x`.
fn to_raw(kind: ElementType, x: Elem) -> u64 {
    let mut tmp = [0u8; 8];
    let e = ExternalElements {
        data: tmp.as_mut_ptr() as usize,
        kind,
        length: 1,
    };
    write_elem(&e, 0, x);
    raw_read(tmp.as_ptr() as usize, kind.size())
}

/// RawBytesToNumeric: the value of `kind`'s bits `w`.
fn from_raw(cx: &Cx, kind: ElementType, w: u64) -> R {
    let mut tmp = [0u8; 8];
    raw_write(tmp.as_mut_ptr() as usize, kind.size(), w);
    let e = ExternalElements {
        data: tmp.as_mut_ptr() as usize,
        kind,
        length: 1,
    };
    read_value(cx, &e, 0)
}

/// The value argument's conversion: ToBigInt, or ToIntegerOrInfinity as a Number.
fn convert(cx: &mut Cx, kind: ElementType, v: Value) -> JsResult<(Elem, Value)> {
    if is_big(kind) {
        let b = crate::convert::to_bigint(cx, v)?.to_value();
        Ok((elem_of(b), b))
    } else {
        let n = crate::builtins::array::to_integer_or_infinity(cx, v)?;
        // ToIntegerOrInfinity gives +0 for -0.
        let n = if n == 0.0 { 0.0 } else { n };
        Ok((Elem::Num(n), Value::number(n)))
    }
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    And,
    Exchange,
    Or,
    Sub,
    Xor,
}

/// `AtomicReadModifyWrite(typedArray, index, value, op)`.
fn rmw(cx: &mut Cx, args: &[Value], op: Op) -> R {
    let (o, e) = validate_integer(cx, arg(args, 0), false, true)?;
    let byte = validate_access(cx, &o, &e, arg(args, 1))?;
    let (x, _) = convert(cx, e.kind, arg(args, 2))?;
    let size = e.kind.size();
    let addr = revalidate(cx, &o, byte, size)?;
    let v = to_raw(e.kind, x);
    let old = update_at(addr, size, |old| match op {
        Op::Add => old.wrapping_add(v),
        Op::And => old & v,
        Op::Exchange => v,
        Op::Or => old | v,
        Op::Sub => old.wrapping_sub(v),
        Op::Xor => old ^ v,
    });
    from_raw(cx, e.kind, old)
}

macro_rules! rmw_fns {
    ($($f:ident = $op:ident;)*) => {$(
        fn $f(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
            rmw(cx, args, Op::$op)
        }
    )*};
}
rmw_fns! {
    add = Add;
    and = And;
    exchange = Exchange;
    or = Or;
    sub = Sub;
    xor = Xor;
}

/// `Atomics.compareExchange ( typedArray, index, expectedValue, replacementValue )`.
fn compare_exchange(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate_integer(cx, arg(args, 0), false, true)?;
    let byte = validate_access(cx, &o, &e, arg(args, 1))?;
    let (expected, _) = convert(cx, e.kind, arg(args, 2))?;
    let (replacement, _) = convert(cx, e.kind, arg(args, 3))?;
    let size = e.kind.size();
    let addr = revalidate(cx, &o, byte, size)?;
    let old = compare_exchange_at(
        addr,
        size,
        to_raw(e.kind, expected),
        to_raw(e.kind, replacement),
    );
    from_raw(cx, e.kind, old)
}

/// `Atomics.load ( typedArray, index )`.
fn load(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate_integer(cx, arg(args, 0), false, false)?;
    let byte = validate_access(cx, &o, &e, arg(args, 1))?;
    let size = e.kind.size();
    let addr = revalidate(cx, &o, byte, size)?;
    from_raw(cx, e.kind, load_at(addr, size))
}

/// `Atomics.store ( typedArray, index, value )`.
fn store(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate_integer(cx, arg(args, 0), false, true)?;
    let byte = validate_access(cx, &o, &e, arg(args, 1))?;
    let (x, v) = convert(cx, e.kind, arg(args, 2))?;
    let size = e.kind.size();
    let addr = revalidate(cx, &o, byte, size)?;
    store_at(addr, size, to_raw(e.kind, x));
    Ok(v)
}

/// `Atomics.isLockFree ( size )`: every size the typed arrays have is lock-free here.
fn is_lock_free(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let n = crate::builtins::array::to_integer_or_infinity(cx, arg(args, 0))?;
    Ok(Value::bool(n == 1.0 || n == 2.0 || n == 4.0 || n == 8.0))
}

/// `Atomics.pause ( [ N ] )`: a spin-wait hint.
fn pause(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let n = arg(args, 0);
    if !n.is_undefined() {
        let integral = n
            .as_number()
            .is_some_and(|d| d.is_finite() && d.trunc() == d);
        if !integral {
            return Err(cx.type_error("Atomics.pause: the argument must be an integral Number"));
        }
    }
    std::hint::spin_loop();
    Ok(Value::UNDEFINED)
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let a = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(a, super::Lazy::Atomics as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::Atomics, a.to_value());
    let key = cx.rt.key("Atomics")?;
    data(cx, global, key, a.to_value(), attrs::HIDDEN)
}

/// `Atomics`'s properties.
pub(super) fn fill(cx: &mut Cx, a: Gc<Object>) -> JsResult<()> {
    type F = crate::object::NativeFn;
    let table: [(&str, u32, F); 14] = [
        ("add", 3, add),
        ("and", 3, and),
        ("compareExchange", 4, compare_exchange),
        ("exchange", 3, exchange),
        ("isLockFree", 1, is_lock_free),
        ("load", 2, load),
        ("or", 3, or),
        ("store", 3, store),
        ("sub", 3, sub),
        ("wait", 4, wait::wait),
        ("waitAsync", 4, wait::wait_async),
        ("notify", 3, wait::notify),
        ("pause", 0, pause),
        ("xor", 3, xor),
    ];
    for (name, len, f) in table {
        method(cx, a, name, len, f)?;
    }
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let tag = cx.string("Atomics")?;
    data(cx, a, tk, tag.to_value(), attrs::CONFIGURABLE)
}

#[cfg(test)]
mod tests;
