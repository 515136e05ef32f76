//! Strings: one-byte (Latin-1) and two-byte (UTF-16) flat strings and ropes (ARCHITECTURE.md §8).
//!
//! Layout of a `JsString` cell: the fixed payload below, then the characters inline (flat
//! strings) or the right child (ropes). Invariants:
//! - `len` is the length in UTF-16 code units, at most [`MAX_LENGTH`];
//! - a one-byte string holds only code units ≤ 0xFF (creation narrows when it can, so equal
//!   strings may still differ in width: compare through [`Chars`]);
//! - a rope's `left` and right child are non-empty; flattening turns the rope into an
//!   *indirect* string whose `left` is the flat copy, so every holder sees the flat form;
//! - `hash` is 0 until computed (a computed hash is never 0).
//!
//! Ropes are flattened by recursing into the shorter child and looping on the longer one, so the
//! native recursion depth is at most log2(length) whatever the shape of the rope.

pub(crate) mod key;

use crate::kinds;
use conch_gc::{CellType, Gc, Heap, OutOfMemory, Trace, Tracer, Value, PAYLOAD_OFFSET};
use std::cell::Cell;

/// Longest string (code units), as V8's limit on 64-bit targets; longer is a RangeError.
pub const MAX_LENGTH: usize = (1 << 29) - 24;

const ONE_BYTE: u8 = 1;
const TWO_BYTE: u8 = 2;
const ROPE: u8 = 3;
const INDIRECT: u8 = 4;

/// Flag: the string is the interned atom for its contents.
pub(crate) const FLAG_ATOM: u8 = 1;

/// A string cell.
#[repr(C)]
pub struct JsString {
    len: u32,
    hash: std::cell::Cell<u32>,
    repr: Cell<u8>,
    flags: Cell<u8>,
    _pad: u16,
    /// For atoms: the array index the string spells (`u32::MAX` if none).
    index: Cell<u32>,
    /// A rope's left child, or an indirect string's flat target.
    left: Cell<Option<Gc<JsString>>>,
}

/// Offset of the inline tail from the payload (the cell is 8-aligned, so the tail follows
/// the payload at the next 8-byte boundary; checked below).
const TAIL: usize = std::mem::size_of::<JsString>();
const _: () = assert!(TAIL.is_multiple_of(8) && (PAYLOAD_OFFSET + TAIL).is_multiple_of(8));

// SAFETY: reports the left child and, for ropes, the right child stored in the tail.
unsafe impl Trace for JsString {
    fn trace(&self, t: &mut Tracer) {
        if let Some(l) = self.left.get() {
            t.mark_addr(l.addr());
        }
        if self.repr.get() == ROPE {
            t.mark_addr(self.right().addr());
        }
    }
}

impl CellType for JsString {
    const KIND: u16 = kinds::STRING;
    const NAME: &'static str = "String";
}

/// The characters of a flat string.
#[derive(Clone, Copy, Debug)]
pub enum Chars<'a> {
    /// Latin-1 code units.
    One(&'a [u8]),
    /// UTF-16 code units.
    Two(&'a [u16]),
}

impl<'a> Chars<'a> {
    /// Length in code units.
    pub fn len(&self) -> usize {
        match self {
            Chars::One(s) => s.len(),
            Chars::Two(s) => s.len(),
        }
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Code unit `i`.
    #[inline]
    pub fn at(&self, i: usize) -> u16 {
        match self {
            Chars::One(s) => s[i] as u16,
            Chars::Two(s) => s[i],
        }
    }
    /// Iterates over the code units.
    pub fn units(self) -> impl Iterator<Item = u16> + 'a {
        let (a, b) = match self {
            Chars::One(s) => (Some(s.iter().map(|&c| c as u16)), None),
            Chars::Two(s) => (None, Some(s.iter().copied())),
        };
        a.into_iter().flatten().chain(b.into_iter().flatten())
    }
    /// Code-unit equality across widths.
    pub fn same(&self, other: &Chars) -> bool {
        match (self, other) {
            (Chars::One(a), Chars::One(b)) => a == b,
            (Chars::Two(a), Chars::Two(b)) => a == b,
            _ => self.len() == other.len() && self.units().eq(other.units()),
        }
    }
    /// Code-unit order (the spec's string comparison).
    pub fn compare(&self, other: &Chars) -> std::cmp::Ordering {
        match (self, other) {
            (Chars::One(a), Chars::One(b)) => a.cmp(b),
            _ => self.units().cmp(other.units()),
        }
    }
    /// Whether the text equals an ASCII string.
    pub fn eq_ascii(&self, s: &str) -> bool {
        self.len() == s.len() && self.units().zip(s.bytes()).all(|(a, b)| a == b as u16)
    }
}

/// The hash of a sequence of code units (FNV-1a over 16-bit units, never 0): the same for both
/// widths.
pub fn hash_units(units: impl Iterator<Item = u16>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for u in units {
        h = (h ^ (u & 0xff) as u32).wrapping_mul(0x0100_0193);
        h = (h ^ (u >> 8) as u32).wrapping_mul(0x0100_0193);
    }
    if h == 0 {
        1
    } else {
        h
    }
}

impl JsString {
    fn header(len: usize, repr: u8) -> JsString {
        JsString {
            len: len as u32,
            hash: std::cell::Cell::new(0),
            repr: Cell::new(repr),
            flags: Cell::new(0),
            _pad: 0,
            index: Cell::new(u32::MAX),
            left: Cell::new(None),
        }
    }

    fn tail_ptr(&self) -> *const u8 {
        // The tail starts right after the payload inside the same allocation
        // (`alloc_with_extra`); the heap exposed the provenance of its chunks, so the tail is
        // reached through the exposed provenance rather than `self`'s (which covers the payload).
        std::ptr::with_exposed_provenance((self as *const JsString).addr() + TAIL)
    }

    fn right(&self) -> Gc<JsString> {
        debug_assert_eq!(self.repr.get(), ROPE);
        // SAFETY: ropes are allocated with 8 tail bytes holding the right child (see `concat`),
        // written before the cell became reachable; 8-aligned (checked above).
        unsafe { *(self.tail_ptr() as *const Gc<JsString>) }
    }

    /// A flat one-byte string. Fails only on out-of-memory; callers check [`MAX_LENGTH`].
    pub fn from_latin1(heap: &Heap, s: &[u8]) -> Result<Gc<JsString>, OutOfMemory> {
        let g = heap.alloc_with_extra(JsString::header(s.len(), ONE_BYTE), s.len())?;
        // SAFETY: the tail has `s.len()` bytes reserved for this fresh cell.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), g.tail_ptr() as *mut u8, s.len());
        }
        Ok(g)
    }

    /// A flat string from UTF-16, one-byte when every unit fits.
    pub fn from_utf16(heap: &Heap, s: &[u16]) -> Result<Gc<JsString>, OutOfMemory> {
        if s.iter().all(|&c| c <= 0xff) {
            let g = heap.alloc_with_extra(JsString::header(s.len(), ONE_BYTE), s.len())?;
            let p = g.tail_ptr() as *mut u8;
            for (i, &c) in s.iter().enumerate() {
                // SAFETY: `i < s.len()`, the reserved tail length.
                unsafe { *p.add(i) = c as u8 };
            }
            return Ok(g);
        }
        let g = heap.alloc_with_extra(JsString::header(s.len(), TWO_BYTE), s.len() * 2)?;
        // SAFETY: the tail has `2 * s.len()` bytes, 8-aligned, reserved for this fresh cell.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), g.tail_ptr() as *mut u16, s.len());
        }
        Ok(g)
    }

    /// A flat string from Rust text (UTF-8 → UTF-16).
    pub fn from_str(heap: &Heap, s: &str) -> Result<Gc<JsString>, OutOfMemory> {
        if s.is_ascii() {
            return Self::from_latin1(heap, s.as_bytes());
        }
        let n = s.encode_utf16().count();
        let wide = s.chars().any(|c| c as u32 > 0xff);
        if !wide {
            let g = heap.alloc_with_extra(JsString::header(n, ONE_BYTE), n)?;
            let p = g.tail_ptr() as *mut u8;
            for (i, c) in s.chars().enumerate() {
                // SAFETY: one unit per char (all ≤ 0xFF); `i < n`.
                unsafe { *p.add(i) = c as u8 };
            }
            return Ok(g);
        }
        let g = heap.alloc_with_extra(JsString::header(n, TWO_BYTE), n * 2)?;
        let p = g.tail_ptr() as *mut u16;
        for (i, c) in s.encode_utf16().enumerate() {
            // SAFETY: `i < n` units reserved.
            unsafe { *p.add(i) = c };
        }
        Ok(g)
    }

    /// A flat string built by a writer that fills `len` UTF-16 units (for conversions).
    pub fn build_utf16(
        heap: &Heap,
        len: usize,
        one_byte: bool,
        mut fill: impl FnMut(usize) -> u16,
    ) -> Result<Gc<JsString>, OutOfMemory> {
        if one_byte {
            let g = heap.alloc_with_extra(JsString::header(len, ONE_BYTE), len)?;
            let p = g.tail_ptr() as *mut u8;
            for i in 0..len {
                // SAFETY: `i < len` reserved.
                unsafe { *p.add(i) = fill(i) as u8 };
            }
            Ok(g)
        } else {
            let g = heap.alloc_with_extra(JsString::header(len, TWO_BYTE), len * 2)?;
            let p = g.tail_ptr() as *mut u16;
            for i in 0..len {
                // SAFETY: `i < len` reserved.
                unsafe { *p.add(i) = fill(i) };
            }
            Ok(g)
        }
    }

    /// `a + b`: a rope when both are non-empty and the result is long enough to be worth it;
    /// short results are copied flat. The caller checks the length against [`MAX_LENGTH`].
    pub fn concat(
        heap: &Heap,
        a: Gc<JsString>,
        b: Gc<JsString>,
    ) -> Result<Gc<JsString>, OutOfMemory> {
        if a.len == 0 {
            return Ok(b);
        }
        if b.len == 0 {
            return Ok(a);
        }
        let len = a.len as usize + b.len as usize;
        if len < 24 {
            let fa = Self::flatten(heap, a)?;
            let fb = Self::flatten(heap, b)?;
            let (ca, cb) = (fa.chars(), fb.chars());
            let one = matches!((ca, cb), (Chars::One(_), Chars::One(_)));
            let al = ca.len();
            return Self::build_utf16(heap, len, one, |i| {
                if i < al {
                    ca.at(i)
                } else {
                    cb.at(i - al)
                }
            });
        }
        let h = JsString::header(len, ROPE);
        h.left.set(Some(a));
        let g = heap.alloc_with_extra(h, 8)?;
        // SAFETY: 8 tail bytes reserved, 8-aligned, for the right child.
        unsafe { *(g.tail_ptr() as *mut Gc<JsString>) = b };
        Ok(g)
    }

    /// Length in code units.
    pub fn len(&self) -> usize {
        self.len as usize
    }
    /// The cached hash (0 = not computed yet).
    pub(crate) fn hash_cached(&self) -> u32 {
        self.hash.get()
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Whether this string is its contents' interned atom.
    pub fn is_atom(&self) -> bool {
        self.flags.get() & FLAG_ATOM != 0
    }
    pub(crate) fn mark_atom(this: Gc<JsString>, index: u32) {
        this.flags.set(this.flags.get() | FLAG_ATOM);
        this.index.set(index);
    }
    /// For an atom: the array index it spells, if any.
    pub fn atom_index(&self) -> Option<u32> {
        (self.index.get() != u32::MAX).then_some(self.index.get())
    }

    /// Whether the characters are stored flat in this cell (or reachable by one indirection).
    pub fn is_flat(&self) -> bool {
        self.repr.get() != ROPE
    }

    /// The characters of a flat (or already flattened) string; `None` for an unflattened rope.
    pub fn try_chars(&self) -> Option<Chars<'_>> {
        match self.repr.get() {
            ONE_BYTE => {
                // SAFETY: a one-byte string has `len` bytes in its tail, initialised at creation
                // and never mutated; the slice lives as long as the cell borrow.
                Some(Chars::One(unsafe {
                    std::slice::from_raw_parts(self.tail_ptr(), self.len as usize)
                }))
            }
            TWO_BYTE => {
                // SAFETY: as above with `len` u16 units, 8-aligned.
                Some(Chars::Two(unsafe {
                    std::slice::from_raw_parts(self.tail_ptr() as *const u16, self.len as usize)
                }))
            }
            INDIRECT => {
                let target = self.left.get().expect("indirect string has a target");
                // SAFETY: the target is flat and kept alive by this cell (traced `left`), which
                // the caller's borrow keeps alive; flat cells never change.
                let t: &JsString = unsafe { &*target.payload_ptr() };
                t.try_chars()
            }
            _ => None,
        }
    }

    /// The characters; the string must be flat (see [`JsString::flatten`]).
    pub fn chars(&self) -> Chars<'_> {
        self.try_chars().expect("string is flat")
    }

    /// Makes `this` flat (ropes copy their leaves once; the rope becomes indirect) and returns a
    /// string with the same contents whose `chars()` work.
    pub fn flatten(heap: &Heap, this: Gc<JsString>) -> Result<Gc<JsString>, OutOfMemory> {
        if this.repr.get() != ROPE {
            return Ok(this);
        }
        let one = Self::all_one_byte(this);
        let len = this.len as usize;
        let flat = if one {
            let g = heap.alloc_with_extra(JsString::header(len, ONE_BYTE), len)?;
            // SAFETY: `len` bytes reserved; the writer stays within them (leaf lengths sum to
            // `len`).
            unsafe { Self::write_one(this, g.tail_ptr() as *mut u8) };
            g
        } else {
            let g = heap.alloc_with_extra(JsString::header(len, TWO_BYTE), len * 2)?;
            // SAFETY: as above, `len` units.
            unsafe { Self::write_two(this, g.tail_ptr() as *mut u16) };
            g
        };
        flat.hash.set(this.hash.get());
        // The flat copy is complete: publish it, then switch the representation.
        this.left.set(Some(flat));
        this.repr.set(INDIRECT);
        Ok(flat)
    }

    fn all_one_byte(mut s: Gc<JsString>) -> bool {
        loop {
            match s.repr.get() {
                ONE_BYTE => return true,
                TWO_BYTE => return false,
                INDIRECT => s = s.left.get().expect("target"),
                _ => {
                    let (l, r) = (s.left.get().expect("left"), s.right());
                    let (small, big) = if l.len <= r.len { (l, r) } else { (r, l) };
                    if !Self::all_one_byte(small) {
                        return false;
                    }
                    s = big;
                }
            }
        }
    }

    /// # Safety
    /// `dst` has room for `s.len` bytes and every leaf of `s` is one-byte.
    unsafe fn write_one(mut s: Gc<JsString>, mut dst: *mut u8) {
        loop {
            if let Some(c) = s.try_chars() {
                if let Chars::One(b) = c {
                    // SAFETY: caller guarantees room for `s.len` bytes.
                    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), dst, b.len()) };
                }
                return;
            }
            let (l, r) = (s.left.get().expect("left"), s.right());
            if l.len <= r.len {
                // SAFETY: l fills the first l.len bytes, r the rest.
                unsafe {
                    Self::write_one(l, dst);
                    dst = dst.add(l.len as usize);
                }
                s = r;
            } else {
                // SAFETY: as above.
                unsafe { Self::write_one(r, dst.add(l.len as usize)) };
                s = l;
            }
        }
    }

    /// # Safety
    /// `dst` has room for `s.len` units.
    unsafe fn write_two(mut s: Gc<JsString>, mut dst: *mut u16) {
        loop {
            if let Some(c) = s.try_chars() {
                match c {
                    Chars::One(b) => {
                        for (i, &x) in b.iter().enumerate() {
                            // SAFETY: caller guarantees room.
                            unsafe { *dst.add(i) = x as u16 };
                        }
                    }
                    // SAFETY: caller guarantees room.
                    Chars::Two(w) => unsafe {
                        std::ptr::copy_nonoverlapping(w.as_ptr(), dst, w.len())
                    },
                }
                return;
            }
            let (l, r) = (s.left.get().expect("left"), s.right());
            if l.len <= r.len {
                // SAFETY: l fills the first l.len units, r the rest.
                unsafe {
                    Self::write_two(l, dst);
                    dst = dst.add(l.len as usize);
                }
                s = r;
            } else {
                // SAFETY: as above.
                unsafe { Self::write_two(r, dst.add(l.len as usize)) };
                s = l;
            }
        }
    }

    /// The content hash (flattening first). Never 0.
    pub fn hash(heap: &Heap, this: Gc<JsString>) -> Result<u32, OutOfMemory> {
        let h = this.hash.get();
        if h != 0 {
            return Ok(h);
        }
        let flat = Self::flatten(heap, this)?;
        let h = hash_units(flat.chars().units());
        this.hash.set(h);
        flat.hash.set(h);
        Ok(h)
    }

    /// Content equality (flattening both).
    pub fn equals(heap: &Heap, a: Gc<JsString>, b: Gc<JsString>) -> Result<bool, OutOfMemory> {
        if a == b {
            return Ok(true);
        }
        if a.len != b.len || (a.is_atom() && b.is_atom()) {
            return Ok(false);
        }
        let (ha, hb) = (a.hash.get(), b.hash.get());
        if ha != 0 && hb != 0 && ha != hb {
            return Ok(false);
        }
        let fa = Self::flatten(heap, a)?;
        let fb = Self::flatten(heap, b)?;
        Ok(fa.chars().same(&fb.chars()))
    }

    /// Writes the string as UTF-8 (lone surrogates become U+FFFD) into `out` via `f`.
    pub fn to_rust(&self, f: &mut dyn FnMut(char)) {
        let c = self.chars();
        for r in char::decode_utf16(c.units()) {
            f(r.unwrap_or('\u{FFFD}'));
        }
    }

    /// Downcasts a value to a string cell.
    pub fn from_value(v: Value) -> Option<Gc<JsString>> {
        let addr = v.cell_addr()?;
        // SAFETY: a cell value of a live heap (values reaching the VM are validated).
        unsafe { Gc::<JsString>::from_addr(addr) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use conch_mm::MemoryManager;

    #[test]
    fn flat_and_rope() {
        let heap = Heap::new(MemoryManager::new()).unwrap();
        let a = JsString::from_str(&heap, "hello, ").unwrap();
        let b = JsString::from_str(&heap, "wörld and more text to make a rope").unwrap();
        let c = JsString::concat(&heap, a, b).unwrap();
        assert!(!c.is_flat());
        let f = JsString::flatten(&heap, c).unwrap();
        assert!(!f
            .chars()
            .eq_ascii("hello, w\u{f6}rld and more text to make a rope"));
        assert_eq!(f.len(), 41);
        assert_eq!(f.chars().at(8), 0xf6);
        assert!(matches!(f.chars(), Chars::One(_)));
        assert!(c.try_chars().is_some());
        let snow = JsString::from_str(&heap, "☃").unwrap();
        assert!(matches!(snow.chars(), Chars::Two(_)));
        let d = JsString::concat(&heap, c, snow).unwrap();
        let d2 = JsString::concat(&heap, d, a).unwrap();
        let fd = JsString::flatten(&heap, d2).unwrap();
        assert_eq!(fd.len(), 49);
        assert_eq!(fd.chars().at(41), 0x2603);
        assert_eq!(fd.chars().at(42), b'h' as u16);
    }

    #[test]
    fn deep_ropes_flatten_without_deep_recursion() {
        let heap = Heap::new(MemoryManager::new()).unwrap();
        let piece = JsString::from_str(&heap, "abcdefghijklmnopqrstuvwxyz").unwrap();
        let mut left = piece;
        let mut right = piece;
        // Scaled down under GC stress (a collection every few allocations).
        let n = if heap.stress() != 0 { 5_000 } else { 100_000 };
        for _ in 0..n {
            left = JsString::concat(&heap, left, piece).unwrap();
            right = JsString::concat(&heap, piece, right).unwrap();
        }
        let fl = JsString::flatten(&heap, left).unwrap();
        let fr = JsString::flatten(&heap, right).unwrap();
        assert!(JsString::equals(&heap, fl, fr).unwrap());
        assert_eq!(
            JsString::hash(&heap, left).unwrap(),
            JsString::hash(&heap, right).unwrap()
        );
    }

    #[test]
    fn hash_is_width_independent() {
        let heap = Heap::new(MemoryManager::new()).unwrap();
        let a = JsString::from_latin1(&heap, b"abc").unwrap();
        let b = JsString::build_utf16(&heap, 3, false, |i| b"abc"[i] as u16).unwrap();
        assert_eq!(
            JsString::hash(&heap, a).unwrap(),
            JsString::hash(&heap, b).unwrap()
        );
        assert!(JsString::equals(&heap, a, b).unwrap());
    }
}
