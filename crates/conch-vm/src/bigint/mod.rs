//! BigInt, the primitive (ECMA-262 §6.1.6.2): a GC cell holding a sign and a magnitude of
//! 64-bit digits, and the arithmetic on it.
//!
//! - [`digits`]: magnitude arithmetic on limb slices (schoolbook and Karatsuba multiplication,
//!   Knuth division, shifts), allocation-free;
//! - [`div`]: division dispatch, with Burnikel–Ziegler recursive division for long operands;
//! - [`arith`]: the spec's `BigInt::*` operations on cells (signed arithmetic, exponentiation,
//!   two's-complement bitwise operations and shifts, `asIntN`/`asUintN`);
//! - [`radix`]: magnitudes to digits in any radix (linear for powers of two, divide and
//!   conquer for large values);
//! - [`convert`]: strings in any radix both ways (`StringToBigInt`, `BigInt::toString`),
//!   `NumberToBigInt`, `BigInt` → Number with round-half-even, comparison with Numbers.
//!
//! Layout of a cell: the fixed payload below, then `len` limbs inline, least significant first.
//! Invariants: the magnitude is normalized (its top limb is non-zero; zero has no limbs) and
//! zero is never negative; a cell never changes once built, so equal values may be different
//! cells (compare with [`BigInt::equals`], never by identity). Temporaries live in scratch
//! buffers over the memory manager ([`Buf`]), so every allocation is accounted and fallible.

pub mod arith;
pub mod convert;
pub mod digits;
pub mod div;
pub mod radix;
#[cfg(test)]
mod tests;

use crate::cx::{Cx, JsResult};
use crate::kinds;
use conch_gc::{CellType, Gc, Heap, OutOfMemory, Trace, Tracer, Value, PAYLOAD_OFFSET};
use conch_mm::ScratchAlloc;
use std::cmp::Ordering;

/// Largest magnitude in bits (as V8): larger results are a RangeError.
pub const MAX_BITS: u64 = 1 << 30;
/// Largest magnitude in limbs.
pub const MAX_LIMBS: usize = (MAX_BITS / 64) as usize;

/// A BigInt cell (see the module docs).
#[repr(C)]
pub struct BigInt {
    len: u32,
    neg: bool,
    _pad: [u8; 3],
}

const TAIL: usize = std::mem::size_of::<BigInt>();
const _: () = assert!(TAIL.is_multiple_of(8) && (PAYLOAD_OFFSET + TAIL).is_multiple_of(8));

// SAFETY: a BigInt holds no references.
unsafe impl Trace for BigInt {
    const LEAF: bool = true;
    fn trace(&self, _: &mut Tracer) {}
}

impl CellType for BigInt {
    const KIND: u16 = kinds::BIGINT;
    const NAME: &'static str = "BigInt";
}

/// A scratch buffer of limbs in memory the memory manager accounts.
pub type Buf = allocator_api2::vec::Vec<u64, ScratchAlloc>;

/// A zeroed scratch buffer of `n` limbs (out-of-memory as an error, never an abort). When the
/// memory manager refuses, a full collection runs first (dead BigInts free their cells) and the
/// request is retried once.
pub fn buf(heap: &Heap, n: usize) -> Result<Buf, OutOfMemory> {
    let mut b = Buf::new_in(heap.scratch().clone());
    if b.try_reserve_exact(n).is_err() {
        heap.collect();
        b.try_reserve_exact(n).map_err(|_| OutOfMemory)?;
    }
    b.resize(n, 0);
    Ok(b)
}

/// A zeroed scratch buffer of `n` limbs for a result; `n` above [`MAX_LIMBS`] + 2 is the
/// RangeError "Maximum BigInt size exceeded".
pub fn result_buf(cx: &Cx, n: usize) -> JsResult<Buf> {
    if n > MAX_LIMBS + 2 {
        return Err(too_big(cx));
    }
    Ok(buf(cx.heap(), n)?)
}

/// The RangeError for a result above [`MAX_BITS`].
pub fn too_big(cx: &Cx) -> crate::Throw {
    cx.range_error("Maximum BigInt size exceeded")
}

impl BigInt {
    /// A BigInt of sign `neg` and magnitude `mag` (leading zeros are dropped; a zero is
    /// positive). Fails only on out-of-memory; callers check [`MAX_LIMBS`].
    pub fn new(heap: &Heap, neg: bool, mag: &[u64]) -> Result<Gc<BigInt>, OutOfMemory> {
        let mag = digits::trim(mag);
        let g = heap.alloc_with_extra(
            BigInt {
                len: mag.len() as u32,
                neg: neg && !mag.is_empty(),
                _pad: [0; 3],
            },
            mag.len() * 8,
        )?;
        // SAFETY: the fresh cell has `mag.len()` limbs of tail reserved, 8-aligned (checked
        // above); nothing else has seen the cell yet.
        unsafe {
            std::ptr::copy_nonoverlapping(mag.as_ptr(), g.tail_start::<u64>(), mag.len());
        }
        Ok(g)
    }

    /// A BigInt from a result computed in a scratch buffer, with the size limit checked.
    pub fn from_buf(cx: &Cx, neg: bool, mag: &[u64]) -> JsResult<Gc<BigInt>> {
        let mag = digits::trim(mag);
        if mag.len() > MAX_LIMBS || digits::bit_len(mag) > MAX_BITS {
            return Err(too_big(cx));
        }
        Ok(BigInt::new(cx.heap(), neg, mag)?)
    }

    /// The BigInt of an `i64`.
    pub fn from_i64(heap: &Heap, v: i64) -> Result<Gc<BigInt>, OutOfMemory> {
        BigInt::new(heap, v < 0, &[v.unsigned_abs()])
    }

    /// The BigInt of a `u64`.
    pub fn from_u64(heap: &Heap, v: u64) -> Result<Gc<BigInt>, OutOfMemory> {
        BigInt::new(heap, false, &[v])
    }

    /// The magnitude's limbs, least significant first (normalized).
    pub fn digits(&self) -> &[u64] {
        // SAFETY: the cell was allocated with `len` limbs of tail, written before it was
        // published and never mutated afterwards; the slice lives as long as the borrow of
        // the cell (the heap does not move cells).
        unsafe {
            std::slice::from_raw_parts(
                std::ptr::with_exposed_provenance::<u64>((self as *const BigInt).addr() + TAIL),
                self.len as usize,
            )
        }
    }

    /// Whether the value is negative.
    pub fn is_neg(&self) -> bool {
        self.neg
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.len == 0
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        match self.digits() {
            [] => Some(0),
            [d] if !self.neg => i64::try_from(*d).ok(),
            [d] if *d <= 1 << 63 => Some((*d as i128).wrapping_neg() as i64),
            _ => None,
        }
    }

    /// Numeric comparison of two BigInts.
    pub fn compare(a: &BigInt, b: &BigInt) -> Ordering {
        match (a.neg, b.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => digits::cmp(a.digits(), b.digits()),
            (true, true) => digits::cmp(b.digits(), a.digits()),
        }
    }

    /// `BigInt::equal`.
    pub fn equals(a: &BigInt, b: &BigInt) -> bool {
        a.neg == b.neg && a.digits() == b.digits()
    }

    /// A hash of the value (equal values hash equally).
    pub fn hash(&self) -> u64 {
        let mut h: u64 = if self.neg { 0x51_7cc1_b727_220a } else { 0 };
        for &d in self.digits() {
            h = (h.rotate_left(5) ^ d).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        h
    }

    /// The BigInt a value is, if it is one.
    pub fn from_value(v: Value) -> Option<Gc<BigInt>> {
        let addr = v.cell_addr()?;
        // SAFETY: a cell value of a live heap (values reaching the VM are validated).
        unsafe { Gc::<BigInt>::from_addr(addr) }
    }
}

/// Whether `v` is a BigInt.
pub fn is_bigint(v: Value) -> bool {
    BigInt::from_value(v).is_some()
}
