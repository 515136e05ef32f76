//! The mark stack: segments mapped through the memory manager, the first one (the reserve)
//! mapped when the heap is created, so marking always has room to start even when every
//! acquisition is refused (ARCHITECTURE.md §13).
//!
//! Growth is polite: a segment is asked for only while the limit leaves room for it, and after
//! one refusal (the host's veto) nothing more is asked until the collection ends. A push that
//! finds no room returns `false`; the collector then leaves the cell marked but untraced and
//! flags its block for a rescan (see `collect.rs`). After each collection the stack shrinks back
//! to its reserve.
//!
//! Segment layout: `[prev segment base, entries…]`, `SEGMENT_BYTES` long.

use conch_mm::{Mapping, MemoryManager, OutOfMemory};
use std::ptr::NonNull;
use std::sync::Arc;

/// Bytes per segment (the reserve is one segment).
pub(crate) const SEGMENT_BYTES: usize = 64 * 1024;
const SEGMENT_WORDS: usize = SEGMENT_BYTES / 8 - 1;

pub(crate) struct MarkStack {
    mm: Arc<MemoryManager>,
    /// Base of the top segment (its first word links the one below; the reserve links 0).
    top: usize,
    /// Entries used in the top segment.
    len: usize,
    /// Segments above the reserve.
    extra: usize,
    /// An emptied segment kept for the next growth (no map/unmap churn at a boundary).
    spare: usize,
    /// A segment request was refused in this collection: ask no more until `reset`.
    refused: bool,
}

impl MarkStack {
    pub fn new(mm: Arc<MemoryManager>) -> Result<MarkStack, OutOfMemory> {
        let m = mm.map(SEGMENT_BYTES, mm.page_size())?;
        let (p, _) = m.into_raw();
        // Fresh mappings are zeroed: the reserve's link is already 0.
        Ok(MarkStack {
            mm,
            top: p.as_ptr().expose_provenance(),
            len: 0,
            extra: 0,
            spare: 0,
            refused: false,
        })
    }

    fn slot(&self, k: usize) -> *mut usize {
        std::ptr::with_exposed_provenance_mut::<usize>(self.top + 8 * (1 + k))
    }

    /// Pushes `w`; false if there is no room (and none may be asked for).
    #[inline]
    pub fn push(&mut self, w: usize) -> bool {
        if self.len == SEGMENT_WORDS && !self.grow() {
            return false;
        }
        // SAFETY: `len < SEGMENT_WORDS`, so the slot lies inside the top segment, which is ours.
        unsafe { self.slot(self.len).write(w) };
        self.len += 1;
        true
    }

    #[inline]
    pub fn pop(&mut self) -> Option<usize> {
        if self.len == 0 && !self.drop_top() {
            return None;
        }
        self.len -= 1;
        // SAFETY: `len` indexes a written entry of the top segment.
        Some(unsafe { self.slot(self.len).read() })
    }

    /// Segments mapped, the reserve included.
    pub fn segments(&self) -> usize {
        self.extra + 1 + (self.spare != 0) as usize
    }

    #[cold]
    fn grow(&mut self) -> bool {
        if self.spare != 0 {
            let base = std::mem::replace(&mut self.spare, 0);
            self.link(base);
            return true;
        }
        if self.refused {
            return false;
        }
        // A request the limit would refuse is not made: that refusal would only tell the host
        // what the collection is about to find out anyway.
        let fits = self
            .mm
            .usage()
            .checked_add(SEGMENT_BYTES)
            .is_some_and(|u| u <= self.mm.limit());
        let m = if fits {
            self.mm.map(SEGMENT_BYTES, self.mm.page_size()).ok()
        } else {
            None
        };
        let Some(m) = m else {
            self.refused = true;
            return false;
        };
        let (p, _) = m.into_raw();
        self.link(p.as_ptr().expose_provenance());
        true
    }

    fn link(&mut self, base: usize) {
        // SAFETY: a segment of ours that is not in the stack; its first word is the link.
        unsafe { std::ptr::with_exposed_provenance_mut::<usize>(base).write(self.top) };
        self.top = base;
        self.len = 0;
        self.extra += 1;
    }

    /// Moves down to the segment below a now empty top one (freeing the top); false at the
    /// reserve.
    fn drop_top(&mut self) -> bool {
        if self.extra == 0 {
            return false;
        }
        let old = self.top;
        // SAFETY: the top segment is ours; its first word links the one below.
        self.top = unsafe { std::ptr::with_exposed_provenance::<usize>(old).read() };
        self.len = SEGMENT_WORDS;
        self.extra -= 1;
        if self.spare == 0 {
            self.spare = old;
        } else {
            self.unmap(old);
        }
        true
    }

    fn unmap(&self, base: usize) {
        if let Some(p) = NonNull::new(std::ptr::with_exposed_provenance_mut::<u8>(base)) {
            // SAFETY: `base` is a segment mapped by `new`/`grow` with this size; nothing else
            // refers to it once unlinked.
            unsafe { self.mm.unmap(Mapping::from_raw(p, SEGMENT_BYTES)) };
        }
    }

    /// Empties the stack, frees every segment above the reserve and allows requests again.
    pub fn reset(&mut self) {
        while self.extra > 0 {
            self.len = 0;
            self.drop_top();
        }
        if self.spare != 0 {
            let spare = std::mem::replace(&mut self.spare, 0);
            self.unmap(spare);
        }
        self.len = 0;
        self.refused = false;
    }
}

impl Drop for MarkStack {
    fn drop(&mut self) {
        self.reset();
        self.unmap(self.top);
    }
}
