//! A segmented stack: the interpreter's register stack (ARCHITECTURE.md §9, "a traced,
//! accounted, chunk-growable structure").
//!
//! Items have global indices `0..len`; chunk `k` (a [`GcArray`]) holds the indices
//! `starts[k] .. starts[k] + capacity(k)`, and the chunks' ranges follow each other without
//! holes, so items pushed one by one have consecutive indices across chunk boundaries. A
//! *frame* ([`SegStack::push_frame`]) is always placed inside one chunk: when the current chunk
//! has no room for it, the frame starts the next chunk and the indices in between are a gap
//! nobody reads (they are past the lower chunk's length, so `get` answers `None`).
//!
//! Chunks never move and stay allocated while they are in the list; they leave it only in
//! [`SegStack::shrink`], which is allowed when the stack is empty. That is what lets a
//! [`FrameRef`] address a frame's items directly (no bounds check against the stack and no
//! reload of the backing array on every access, which growing a contiguous vector needs).

use crate::collections::{GcArray, GcVec};
use crate::heap::Heap;
use crate::{Gc, OutOfMemory, Trace, Tracer};
use std::cell::Cell;
use std::ptr::NonNull;

/// Items in the first chunk.
const FIRST_CHUNK: usize = 1024;
/// Chunks double up to this many items (larger ones only for a frame that needs it).
const MAX_CHUNK: usize = 64 * 1024;

/// A stack of `T` in chunks that never move (see the module documentation).
pub struct SegStack<T: Trace + Copy + 'static> {
    chunks: GcVec<Gc<GcArray<T>>>,
    /// Global index of each chunk's first item.
    starts: GcVec<usize>,
    /// The chunk the top of the stack is in (where `len` falls, or the full chunk below it).
    top: Cell<usize>,
    len: Cell<usize>,
    /// The top chunk, its start and capacity, and its first item's address (null when there
    /// is no chunk): the fast paths work on the top chunk without the lists.
    top_chunk: Cell<Option<Gc<GcArray<T>>>>,
    top_start: Cell<usize>,
    top_cap: Cell<usize>,
    top_items: Cell<*mut Cell<T>>,
}

impl<T: Trace + Copy + 'static> Default for SegStack<T> {
    fn default() -> Self {
        SegStack {
            chunks: GcVec::new(),
            starts: GcVec::new(),
            top: Cell::new(0),
            len: Cell::new(0),
            top_chunk: Cell::new(None),
            top_start: Cell::new(0),
            top_cap: Cell::new(0),
            top_items: Cell::new(std::ptr::null_mut()),
        }
    }
}

// SAFETY: traces every chunk (each traces its initialised items) and the starts' array.
unsafe impl<T: Trace + Copy + 'static> Trace for SegStack<T> {
    fn trace(&self, tracer: &mut Tracer) {
        self.chunks.trace(tracer);
        self.starts.trace(tracer);
    }
}

impl<T: Trace + Copy + 'static> SegStack<T> {
    /// An empty stack (allocates nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// One past the highest index in use.
    #[inline]
    pub fn len(&self) -> usize {
        self.len.get()
    }
    /// Whether nothing is on the stack.
    pub fn is_empty(&self) -> bool {
        self.len.get() == 0
    }

    fn chunk(&self, k: usize) -> Option<(Gc<GcArray<T>>, usize)> {
        Some((self.chunks.get(k)?, self.starts.get(k)?))
    }

    /// Makes chunk `k` (`c`, starting at `s`) the top.
    fn set_top(&self, k: usize, c: Gc<GcArray<T>>, s: usize) {
        self.top.set(k);
        self.top_chunk.set(Some(c));
        self.top_start.set(s);
        self.top_cap.set(c.capacity());
        self.top_items.set(c.items_ptr());
    }

    /// The top chunk and its start.
    #[inline]
    fn top_chunk(&self) -> Option<(Gc<GcArray<T>>, usize)> {
        Some((self.top_chunk.get()?, self.top_start.get()))
    }

    /// The chunk holding global index `i` and `i`'s offset in it.
    #[inline]
    fn locate(&self, i: usize) -> Option<(Gc<GcArray<T>>, usize)> {
        if let Some((c, s)) = self.top_chunk() {
            if i >= s {
                return Some((c, i - s));
            }
        }
        let mut k = self.top.get();
        loop {
            let (c, s) = self.chunk(k)?;
            if i >= s {
                return Some((c, i - s));
            }
            k = k.checked_sub(1)?;
        }
    }

    /// Item `i` (`None` past the top or in a gap).
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        if i >= self.len.get() {
            return None;
        }
        let s = self.top_start.get();
        if i >= s {
            // SAFETY: s ≤ i < len, and the top chunk's initialised items are `len - s`
            // (its length follows the stack's), so item `i - s` is initialised.
            return Some(unsafe { (*self.top_items.get().add(i - s)).get() });
        }
        let (c, o) = self.locate(i)?;
        c.get(o)
    }

    /// Sets item `i`; false past the top or in a gap.
    #[inline]
    pub fn set(&self, i: usize, v: T) -> bool {
        if i >= self.len.get() {
            return false;
        }
        let s = self.top_start.get();
        if i >= s {
            // SAFETY: as in `get`.
            unsafe { (*self.top_items.get().add(i - s)).set(v) };
            return true;
        }
        match self.locate(i) {
            Some((c, o)) => c.set(o, v),
            None => false,
        }
    }

    /// Chunk `top + 1`, emptied (allocated, or replacing a kept one too small for `need`
    /// items): its number, the chunk and its start. The caller makes it the top once it has
    /// written to it.
    fn next_chunk(
        &self,
        heap: &Heap,
        need: usize,
    ) -> Result<(usize, Gc<GcArray<T>>, usize), OutOfMemory> {
        let (k, start, want) = match self.top_chunk() {
            Some((c, s)) => (
                self.top.get() + 1,
                s + c.capacity(),
                (c.capacity() * 2).min(MAX_CHUNK),
            ),
            None => (0, 0, FIRST_CHUNK),
        };
        if let Some((c, s)) = self.chunk(k) {
            if c.capacity() >= need {
                debug_assert_eq!(s, start);
                c.truncate(0);
                return Ok((k, c, s));
            }
        }
        let c = GcArray::new(heap, want.max(need))?;
        self.starts.reserve(heap, 1)?;
        // Chunks from `k` on start where the old chunk `k` ended: drop them.
        self.chunks.truncate(k);
        self.starts.truncate(k);
        self.chunks.push(heap, c)?;
        self.starts.push(heap, start)?;
        Ok((k, c, start))
    }

    /// Appends one item.
    pub fn push(&self, heap: &Heap, v: T) -> Result<(), OutOfMemory> {
        let len = self.len.get();
        let (k, c, s) = match self.top_chunk() {
            Some((c, s)) if len < s + self.top_cap.get() => (self.top.get(), c, s),
            _ => self.next_chunk(heap, 1)?,
        };
        // A new chunk starts exactly at `len` (pushes never leave a gap).
        debug_assert_eq!(c.len() + s, len);
        c.push_within_capacity(v);
        if k != self.top.get() || self.top_chunk.get().is_none() {
            self.set_top(k, c, s);
        }
        self.len.set(len + 1);
        Ok(())
    }

    /// Appends a frame of `n` items inside one chunk: `head`, then `copy` items read from
    /// index `from` (below the top), then `fill`. Returns the index of its first item.
    /// Nothing is appended on failure (`head.len() + copy > n`, `from + copy > len`, or no
    /// memory).
    #[inline]
    pub fn push_frame(
        &self,
        heap: &Heap,
        head: &[T],
        from: usize,
        copy: usize,
        n: usize,
        fill: T,
    ) -> Result<usize, OutOfMemory> {
        let len = self.len.get();
        if head.len() + copy > n || from.checked_add(copy).is_none_or(|e| e > len) {
            return Err(OutOfMemory);
        }
        let (k, c, s) = match self.top_chunk() {
            Some((c, s)) if len + n <= s + self.top_cap.get() => (self.top.get(), c, s),
            _ => self.next_chunk(heap, n)?,
        };
        // In the same chunk the frame follows the top; in the next one it starts the chunk.
        let base = len.max(s);
        if from >= s {
            if !c.extend_frame(head, from - s, copy, n, fill) {
                return Err(OutOfMemory);
            }
        } else {
            // The copied items are in a lower chunk: write them one by one.
            if !c.extend_frame(head, 0, 0, n, fill) {
                return Err(OutOfMemory);
            }
            for i in 0..copy {
                let v = self.get(from + i).unwrap_or(fill);
                c.set(base - s + head.len() + i, v);
            }
        }
        if k != self.top.get() || self.top_chunk.get().is_none() {
            self.set_top(k, c, s);
        }
        self.len.set(base + n);
        Ok(base)
    }

    /// Shortens the stack to `n` items (no-op if already shorter). Chunks above the new top
    /// are kept (emptied) for reuse; [`shrink`](Self::shrink) gives them back.
    #[inline]
    pub fn truncate(&self, n: usize) {
        if n >= self.len.get() {
            return;
        }
        self.len.set(n);
        if let Some((c, s)) = self.top_chunk() {
            if s <= n {
                c.truncate(n - s);
                return;
            }
        }
        let mut k = self.top.get();
        while let Some((c, s)) = self.chunk(k) {
            if s <= n || k == 0 {
                c.truncate(n.saturating_sub(s));
                self.set_top(k, c, s);
                break;
            }
            c.truncate(0);
            k -= 1;
        }
    }

    /// Gives back the chunks above the first when the stack is empty (after a deep
    /// recursion). Does nothing otherwise: a running frame may address its chunk directly.
    pub fn shrink(&self) {
        if self.len.get() == 0 && self.chunks.len() > 1 {
            self.chunks.truncate(1);
            self.starts.truncate(1);
            if let Some((c, s)) = self.chunk(0) {
                self.set_top(0, c, s);
            }
        }
    }

    /// Direct access to the frame at `fp`: the `BELOW` items under it and the `above` items
    /// from it, all inside one chunk (as [`push_frame`](Self::push_frame) places them).
    /// `None` if they are not all on the stack in one chunk.
    #[inline]
    pub fn frame<const BELOW: usize>(&self, fp: usize, above: usize) -> Option<FrameRef<T, BELOW>> {
        let lo = fp.checked_sub(BELOW)?;
        let s = self.top_start.get();
        if lo >= s && fp + above <= self.len.get() {
            if let Some(c) = self.top_chunk.get() {
                // SAFETY: s ≤ lo and fp + above ≤ len: the frame's items are initialised items
                // of the top chunk (see `get`).
                let base = unsafe { self.top_items.get().add(lo - s + BELOW) };
                return Some(FrameRef {
                    base: NonNull::new(base).expect("chunk items"),
                    above,
                    _chunk: c,
                });
            }
        }
        let (c, o) = self.locate(lo)?;
        if o + BELOW + above > c.len() {
            return None;
        }
        // SAFETY: `o + BELOW ≤ len` of the chunk, so the pointer stays inside its items.
        let base = unsafe { c.items_ptr().add(o + BELOW) };
        Some(FrameRef {
            base: NonNull::new(base).expect("chunk items"),
            above,
            _chunk: c,
        })
    }
}

/// A frame's items addressed directly: indices `0..above` and headers `1..=BELOW` below.
///
/// Sound while the chunk stays allocated: it is in the stack's chunk list from before the
/// frame was pushed until [`SegStack::shrink`], which happens only with the stack empty (no
/// frame, so no `FrameRef` in use). Items are initialised values (written by `push_frame`);
/// after the frame is popped they keep their last values, so a stale `FrameRef` reads old
/// values, never uninitialised or freed memory — as long as the chunk is reachable, which the
/// caller ensures by not keeping a `FrameRef` across an empty stack.
#[derive(Clone, Copy)]
pub struct FrameRef<T: Trace + Copy + 'static, const BELOW: usize> {
    base: NonNull<Cell<T>>,
    above: usize,
    _chunk: Gc<GcArray<T>>,
}

impl<T: Trace + Copy + 'static, const BELOW: usize> FrameRef<T, BELOW> {
    /// Item `r` of the frame (`r < above`, else a panic: bytecode verification keeps
    /// register operands inside the frame).
    #[inline(always)]
    pub fn get(&self, r: usize) -> T {
        assert!(r < self.above, "register out of frame");
        // SAFETY: r < above: inside the frame's initialised items (see the type's docs).
        unsafe { (*self.base.as_ptr().add(r)).get() }
    }
    /// Sets item `r` (`r < above`, else a panic).
    #[inline(always)]
    pub fn set(&self, r: usize, v: T) {
        assert!(r < self.above, "register out of frame");
        // SAFETY: as in `get`.
        unsafe { (*self.base.as_ptr().add(r)).set(v) }
    }
    /// Item `r` of the frame without the bounds check (for register operands of verified
    /// bytecode, which the verifier keeps below the frame's size).
    ///
    /// # Safety
    /// `r < above`.
    #[inline(always)]
    pub unsafe fn get_unchecked(&self, r: usize) -> T {
        debug_assert!(r < self.above, "register out of frame");
        // SAFETY: the caller guarantees r < above (see `get`).
        unsafe { (*self.base.as_ptr().add(r)).get() }
    }
    /// Sets item `r` without the bounds check.
    ///
    /// # Safety
    /// `r < above`.
    #[inline(always)]
    pub unsafe fn set_unchecked(&self, r: usize, v: T) {
        debug_assert!(r < self.above, "register out of frame");
        // SAFETY: the caller guarantees r < above (see `get`).
        unsafe { (*self.base.as_ptr().add(r)).set(v) }
    }
    /// Header item `h` below the frame (`1 ≤ h ≤ BELOW`).
    #[inline(always)]
    pub fn header(&self, h: usize) -> T {
        assert!(h >= 1 && h <= BELOW);
        // SAFETY: the BELOW items under `base` are part of the frame (see `frame`).
        unsafe { (*self.base.as_ptr().sub(h)).get() }
    }
    /// Sets header item `h` (`1 ≤ h ≤ BELOW`).
    #[inline(always)]
    pub fn set_header(&self, h: usize, v: T) {
        assert!(h >= 1 && h <= BELOW);
        // SAFETY: as in `header`.
        unsafe { (*self.base.as_ptr().sub(h)).set(v) }
    }
    /// Number of items from the frame pointer up.
    pub fn above(&self) -> usize {
        self.above
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use conch_mm::MemoryManager;

    fn heap() -> Heap {
        let h = Heap::new(MemoryManager::new()).unwrap();
        h.set_stress(0);
        h
    }

    #[test]
    fn pushes_have_consecutive_indices_across_chunks() {
        let heap = heap();
        let s = SegStack::<usize>::new();
        for i in 0..3 * FIRST_CHUNK {
            s.push(&heap, i).unwrap();
        }
        assert_eq!(s.len(), 3 * FIRST_CHUNK);
        for i in 0..3 * FIRST_CHUNK {
            assert_eq!(s.get(i), Some(i));
        }
        assert!(s.set(FIRST_CHUNK, 7));
        assert_eq!(s.get(FIRST_CHUNK), Some(7));
        assert_eq!(s.get(3 * FIRST_CHUNK), None);
        s.truncate(10);
        assert_eq!(s.len(), 10);
        assert_eq!(s.get(9), Some(9));
        assert_eq!(s.get(10), None);
    }

    #[test]
    fn a_frame_never_straddles_chunks_and_copies_arguments_from_below() {
        let heap = heap();
        let s = SegStack::<usize>::new();
        for i in 0..FIRST_CHUNK - 1 {
            s.push(&heap, i).unwrap();
        }
        // Two "arguments": the last item of chunk 0 and the first of chunk 1.
        let args = s.len();
        s.push(&heap, 100).unwrap();
        s.push(&heap, 101).unwrap();
        assert_eq!(s.len(), FIRST_CHUNK + 1);
        let base = s.push_frame(&heap, &[1, 2], args, 2, 8, 0).unwrap();
        assert_eq!(base, FIRST_CHUNK + 1);
        let f = s.frame::<2>(base + 2, 6).unwrap();
        assert_eq!((f.header(2), f.header(1)), (1, 2));
        assert_eq!((f.get(0), f.get(1), f.get(2)), (100, 101, 0));
        f.set(5, 55);
        assert_eq!(s.get(base + 7), Some(55));
        // A frame too big for what is left of a chunk leaves a gap.
        let before = s.len();
        let big = s.push_frame(&heap, &[], 0, 0, 3000, 9).unwrap();
        assert!(big > before);
        assert_eq!(s.get(before), None, "gap");
        assert_eq!(s.get(big + 2999), Some(9));
        s.truncate(before);
        assert_eq!(s.get(base + 7), Some(55));
        assert_eq!(s.get(before), None);
        // The kept chunk is reused for the next frame.
        let again = s.push_frame(&heap, &[], 0, 0, 3000, 4).unwrap();
        assert_eq!(again, big);
        s.truncate(0);
        s.shrink();
        assert!(s.is_empty());
        s.push(&heap, 5).unwrap();
        assert_eq!(s.get(0), Some(5));
    }

    #[test]
    fn frame_refs_check_their_range() {
        let heap = heap();
        let s = SegStack::<usize>::new();
        let base = s.push_frame(&heap, &[3], 0, 0, 4, 0).unwrap();
        assert!(s.frame::<1>(base + 1, 4).is_none(), "past the top");
        let f = s.frame::<1>(base + 1, 3).unwrap();
        assert_eq!(f.header(1), 3);
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f.get(3))).is_err());
        assert!(s.push_frame(&heap, &[1, 2], 0, 5, 4, 0).is_err());
    }
}
