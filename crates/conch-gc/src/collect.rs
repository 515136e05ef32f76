//! Mark-sweep collection.
//!
//! Order (each host callback runs with no internal borrow held):
//! 1. before-collect callback;
//! 2. clear marks; mark roots (root table, conservative stack + registers); drain; the
//!    embedder's marking hook (it may mark more with `mark_external` and drain);
//! 3. object-before-collect callbacks for unmarked objects (one-shot, removed first); then
//!    re-mark the root table and every object re-registered during the callbacks
//!    (resurrection, as ChakraCore does); drain;
//! 4. clear weak references to unmarked cells; run finalizers of unmarked cells;
//! 5. before-sweep callback; sweep (alloc &= mark; empty blocks and dead large objects go back);
//!    the mark stack shrinks back to its reserve.
//!
//! Marking is iterative over a segmented mark stack (`mark_stack.rs`). Big arrays (cells with a
//! [`SliceTrace`](crate::SliceTrace)) are traced [`SLICE`] items at a time, their progress kept
//! as `(cell, next index)`. When a marked cell cannot be pushed (the stack is full and may not
//! grow), it stays marked, its block (or large-object header) is flagged, and once the stack is
//! empty the flagged blocks alone are rescanned, as ChakraCore does; the marked set only grows,
//! so this terminates.

use crate::block::{BlockHeader, LargeHeader, BLOCK_MAGIC, LARGE_HEADER, LARGE_MAGIC};
use crate::heap::{CollectionError, Heap, HeapInner, PendingSlice, SliceTrace, Tracer, SLICE};
use crate::mark_stack::MarkStack;
use conch_mm::{Mapping, BLOCK_SIZE};
use std::ffi::c_void;
use std::ptr::NonNull;

impl Heap {
    /// Runs a full collection. Does nothing if one is already under way (a host callback
    /// asked for it), if called re-entrantly from a memory-manager callback, or if the stack
    /// pointer lies outside the thread's known stack (then
    /// [`collection_error`](Heap::collection_error) says so).
    pub fn collect(&self) {
        if self.reentered() || self.with(|i| i.in_gc) {
            return;
        }
        if !crate::scan::stack_scannable() {
            self.with(|i| i.collection_error = Some(CollectionError::StackOutOfBounds));
            return;
        }
        let before_collect = self.with(|i| {
            i.in_gc = true;
            i.collection_error = None;
            i.before_collect
        });
        if let Some((cb, state)) = before_collect {
            // SAFETY: host callback with the state it registered.
            unsafe { cb(state as *mut c_void) };
        }
        self.with(|i| {
            i.clear_marks();
            i.marking = true;
            i.external_open = true;
        });
        self.mark_roots_fast();
        self.scan_stack();
        self.drain();
        if let Some((h, state)) = self.with(|i| i.marking_hook) {
            h(self, state);
            self.drain();
        }

        self.run_object_callbacks();
        // Marking is complete: later marks would not be traced before the sweep.
        self.with(|i| i.external_open = false);

        self.process_weak();
        if let Some((f, state)) = self.with(|i| i.weak_processor) {
            f(self, state);
        }
        self.run_finalizers();
        if let Some((cb, state)) = self.with(|i| i.before_sweep) {
            // SAFETY: host callback with the state it registered.
            unsafe { cb(state as *mut c_void) };
        }
        self.with(|i| {
            i.marking = false;
            i.sweep(self.memory_manager());
            i.mark_stack.reset();
            i.collections += 1;
            i.allocated_since_gc = 0;
            i.trigger = i.live_bytes.max(crate::heap::MIN_TRIGGER);
            i.pool.set_emergency(false);
            i.in_gc = false;
        });
    }

    fn mark_roots_fast(&self) {
        self.with(|i| {
            // Disjoint fields: the table is read while the mark stack takes the pushes.
            let HeapInner {
                roots,
                mark_stack,
                mark_overflow,
                ..
            } = i;
            for &addr in roots.keys() {
                mark_precise_into(mark_stack, mark_overflow, addr);
            }
        });
    }

    #[inline(never)]
    fn scan_stack(&self) {
        self.with(|i| crate::scan::scan_stack(&mut |w| i.mark_conservative(w)));
    }

    /// Marks the cell starting at `addr` (precise: from a traced field or a root).
    pub(crate) fn mark_precise(&self, addr: usize) {
        self.with(|i| i.mark_precise_in(addr));
    }

    /// Traces everything marked but not yet traced, including what overflowed.
    pub(crate) fn drain(&self) {
        loop {
            self.drain_stack();
            if !self.with(|i| std::mem::take(&mut i.mark_overflow)) {
                return;
            }
            self.rescan_overflowed();
        }
    }

    fn drain_stack(&self) {
        loop {
            if let Some((addr, lookup)) =
                self.with(|i| i.mark_stack.pop().map(|a| (a, i.slice_lookup)))
            {
                self.trace_cell(addr, lookup);
                continue;
            }
            let Some(s) = self.with(|i| {
                if i.slice_count == 0 {
                    return None;
                }
                i.slice_count -= 1;
                i.slices[i.slice_count].take()
            }) else {
                return;
            };
            self.trace_slices(s.trace, s.addr, s.next);
        }
    }

    fn trace_cell(&self, addr: usize, lookup: Option<crate::heap::SliceLookup>) {
        // SAFETY: only live, marked cells are pushed.
        let vt = unsafe { crate::cell::vtable_of(addr) };
        if let Some(st) = lookup.and_then(|f| f(vt)) {
            self.trace_slices(st, addr, 0);
            return;
        }
        // SAFETY: the vtable belongs to this cell.
        unsafe { (vt.trace)(addr, &mut Tracer { heap: self }) };
    }

    /// Traces one slice of a big array from `from`, remembering where the rest starts.
    fn trace_slices(&self, st: SliceTrace, addr: usize, from: usize) {
        let mut t = Tracer { heap: self };
        // SAFETY: `st` is the slice tracer of this live, marked cell's type.
        let len = unsafe { st(addr, from, SLICE, &mut t) };
        let next = from.saturating_add(SLICE);
        if next >= len {
            return;
        }
        let kept = self.with(|i| {
            if i.slice_count == i.slices.len() {
                return false;
            }
            i.slices[i.slice_count] = Some(PendingSlice {
                addr,
                next,
                trace: st,
            });
            i.slice_count += 1;
            true
        });
        if !kept {
            // No room to remember it: trace the rest now (what cannot be pushed overflows).
            // SAFETY: as above.
            unsafe { st(addr, next, usize::MAX, &mut t) };
        }
    }

    /// Traces the marked cells of every flagged block (and flagged large object) again: their
    /// unmarked children get marked and pushed, or flag their own blocks.
    fn rescan_overflowed(&self) {
        let lookup = self.with(|i| i.slice_lookup);
        let mut b = self.with(|i| i.all_blocks);
        while b != 0 {
            // SAFETY: the all-blocks list holds initialised blocks of this heap; the reference
            // is dropped before any tracing (which reads the same header).
            let (next, flagged, words) = {
                // SAFETY: as above.
                let h = unsafe { BlockHeader::at(b) };
                let f = std::mem::take(&mut h.overflow) != 0;
                (h.next_all, f, h.words())
            };
            if flagged {
                for w in 0..words {
                    // SAFETY: as above; a fresh, short-lived reference per word.
                    let (mut bits, first, size) = {
                        // SAFETY: as above.
                        let h = unsafe { BlockHeader::at(b) };
                        (h.marked_word(w), h.cell_addr(0), h.cell_size as usize)
                    };
                    while bits != 0 {
                        let k = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        self.trace_cell(first + (w * 64 + k) * size, lookup);
                    }
                    self.drain_stack();
                }
            }
            b = next;
        }
        let mut k = 0;
        while let Some(base) = self.with(|i| i.large.get(k).copied()) {
            // SAFETY: live large mapping of ours; short-lived reference.
            let flagged = std::mem::take(&mut unsafe { LargeHeader::at(base) }.overflow) != 0;
            if flagged {
                self.trace_cell(base + LARGE_HEADER, lookup);
                self.drain_stack();
            }
            k += 1;
        }
    }

    /// Whether the live cell at `addr` is marked.
    pub(crate) fn is_marked(&self, addr: usize) -> bool {
        is_marked(addr)
    }

    fn run_object_callbacks(&self) {
        let any = self.with(|i| {
            // Move the entries of unmarked objects to `pending` (one-shot: they are removed
            // before their callbacks run). `pending` has capacity for every registration, so
            // this never allocates.
            let mut w = 0;
            for r in 0..i.obj_callbacks.len() {
                let e = i.obj_callbacks[r];
                if is_marked(e.obj) {
                    i.obj_callbacks[w] = e;
                    w += 1;
                } else if i.pending_callbacks.len() < i.pending_callbacks.capacity() {
                    i.pending_callbacks.push(e);
                }
            }
            i.obj_callbacks.truncate(w);
            !i.pending_callbacks.is_empty()
        });
        if !any {
            return;
        }
        while let Some(e) = self.with(|i| i.pending_callbacks.pop()) {
            // SAFETY: the host's callback with its state; the object is still allocated (it is
            // not swept before the sweep step).
            unsafe {
                (e.cb)(
                    std::ptr::with_exposed_provenance_mut(e.obj),
                    e.state as *mut c_void,
                )
            };
        }
        // Resurrection: objects re-registered during the callbacks, and anything the host
        // rooted meanwhile, stay alive for this cycle.
        self.with(|i| {
            for k in 0..i.obj_callbacks.len() {
                let obj = i.obj_callbacks[k].obj;
                i.mark_precise_in(obj);
            }
        });
        self.mark_roots_fast();
        self.drain();
    }

    fn process_weak(&self) {
        self.with(|i| {
            let mut w = 0;
            for r in 0..i.weak.len() {
                let cell = i.weak[r];
                if !is_marked(cell) {
                    continue; // the weak reference itself died
                }
                // SAFETY: a marked, live WeakRef cell.
                let weak = unsafe { crate::cell::Gc::<crate::heap::WeakRef>::from_addr(cell) };
                if let Some(weak) = weak {
                    if let Some(a) = weak.get().and_then(|v| v.cell_addr()) {
                        if !is_marked(a) {
                            weak.clear();
                        }
                    }
                }
                i.weak[w] = cell;
                w += 1;
            }
            i.weak.truncate(w);
        });
    }

    fn run_finalizers(&self) {
        let mut k = 0;
        loop {
            let e = self.with(|i| {
                while k < i.finalizers.len() {
                    if !is_marked(i.finalizers[k].obj) {
                        return Some(i.finalizers.swap_remove(k));
                    }
                    k += 1;
                }
                None
            });
            let Some(e) = e else { break };
            // SAFETY: the embedder's finalizer for an allocated (not yet swept) cell.
            unsafe { (e.f)(e.obj) };
        }
    }
}

#[inline]
fn push_into(ms: &mut MarkStack, overflow: &mut bool, addr: usize, flag: &mut impl FnMut()) {
    if !ms.push(addr) {
        flag();
        *overflow = true;
    }
}

/// Marks the cell starting at `addr` (a traced field or a root) and pushes it if newly marked.
fn mark_precise_into(ms: &mut MarkStack, overflow: &mut bool, addr: usize) {
    let base = addr & !(BLOCK_SIZE - 1);
    // SAFETY: `addr` is a live cell of this heap (traced fields and roots only hold those),
    // so its 16 KiB-aligned base is a block header or a large-object header.
    let magic = unsafe { *std::ptr::with_exposed_provenance::<u32>(base) };
    if magic == BLOCK_MAGIC {
        // SAFETY: as above; the reference ends before `push`.
        let fresh = {
            // SAFETY: as above.
            let h = unsafe { BlockHeader::at(base) };
            let idx = (addr - base - h.first as usize) / h.cell_size as usize;
            h.set_mark(idx)
        };
        if fresh {
            push_into(ms, overflow, addr, &mut || flag_block(base));
        }
    } else if magic == LARGE_MAGIC && addr == base + LARGE_HEADER {
        // SAFETY: as above.
        let h = unsafe { LargeHeader::at(base) };
        if h.marked == 0 {
            h.marked = 1;
            push_into(ms, overflow, addr, &mut || flag_large(base));
        }
    } else {
        debug_assert!(false, "mark_precise on a non-cell {addr:#x}");
    }
}

/// Flags the block at `base` (holding a marked cell that could not be pushed) for a rescan.
fn flag_block(base: usize) {
    // SAFETY: only called with the base of a live block of this heap; short-lived reference.
    unsafe { BlockHeader::at(base) }.overflow = 1;
}

/// Flags the large object at `base` (marked, not pushed) for a rescan.
fn flag_large(base: usize) {
    // SAFETY: only called with the base of a live large mapping of this heap.
    unsafe { LargeHeader::at(base) }.overflow = 1;
}

/// Whether the live cell at `addr` is marked.
fn is_marked(addr: usize) -> bool {
    let base = addr & !(BLOCK_SIZE - 1);
    // SAFETY: `addr` is a live cell (see `mark_precise_in`).
    let magic = unsafe { *std::ptr::with_exposed_provenance::<u32>(base) };
    if magic == BLOCK_MAGIC {
        // SAFETY: as above.
        let h = unsafe { BlockHeader::at(base) };
        let idx = (addr - base - h.first as usize) / h.cell_size as usize;
        h.is_marked(idx)
    } else {
        // SAFETY: as above.
        unsafe { LargeHeader::at(base) }.marked != 0
    }
}

impl HeapInner {
    fn clear_marks(&mut self) {
        let mut b = self.all_blocks;
        while b != 0 {
            // SAFETY: the all-blocks list holds initialised blocks of this heap.
            let h = unsafe { BlockHeader::at(b) };
            h.clear_marks();
            h.overflow = 0;
            b = h.next_all;
        }
        for &base in self.large.iter() {
            // SAFETY: live large mapping of ours.
            let h = unsafe { LargeHeader::at(base) };
            h.marked = 0;
            h.overflow = 0;
        }
        self.mark_overflow = false;
    }

    /// Pushes the marked cell `addr`, or flags it for a rescan if the stack is full.
    #[inline]
    fn push(&mut self, addr: usize, overflow_flag: &mut impl FnMut()) {
        push_into(
            &mut self.mark_stack,
            &mut self.mark_overflow,
            addr,
            overflow_flag,
        );
    }

    /// Marks the cell starting at `addr` (a traced field or a root) and pushes it if newly
    /// marked.
    pub(crate) fn mark_precise_in(&mut self, addr: usize) {
        mark_precise_into(&mut self.mark_stack, &mut self.mark_overflow, addr);
    }

    /// Marks the cell containing `word`, if `word` points into (or just past) a live cell.
    pub(crate) fn mark_conservative(&mut self, word: usize) {
        if word >> 48 != 0 || word < BLOCK_SIZE {
            return;
        }
        if let Some(base) = self.pool.block_of(word) {
            // SAFETY: blocks handed out by our pool are initialised heap blocks.
            let h = unsafe { BlockHeader::at(base) };
            if let Some(idx) = h.cell_index_conservative(word) {
                if h.set_mark(idx) {
                    let addr = h.cell_addr(idx);
                    self.push(addr, &mut || flag_block(base));
                }
            }
            return;
        }
        // Large objects: the greatest base ≤ word.
        let pos = match self.large.binary_search(&word) {
            Ok(p) => p,
            Err(0) => return,
            Err(p) => p - 1,
        };
        let base = self.large[pos];
        // SAFETY: live large mapping of ours.
        let h = unsafe { LargeHeader::at(base) };
        if word >= base + LARGE_HEADER && word <= base + LARGE_HEADER + h.cell_size && h.marked == 0
        {
            h.marked = 1;
            self.push(base + LARGE_HEADER, &mut || flag_large(base));
        }
    }

    fn sweep(&mut self, mm: &conch_mm::MemoryManager) {
        let i = self;
        for c in i.classes.iter_mut() {
            c.current = 0;
            c.available = 0;
        }
        let mut live_bytes = 0usize;
        let mut prev = 0usize;
        let mut b = i.all_blocks;
        while b != 0 {
            // SAFETY: the all-blocks list holds initialised blocks of this heap.
            let h = unsafe { BlockHeader::at(b) };
            let next = h.next_all;
            let live = h.sweep();
            if live == 0 {
                if prev == 0 {
                    i.all_blocks = next;
                } else {
                    // SAFETY: `prev` is a block of the list.
                    unsafe { BlockHeader::at(prev) }.next_all = next;
                }
                h.magic = 0;
                let p = std::ptr::with_exposed_provenance_mut::<u8>(b);
                // SAFETY: the block is empty and unlinked; it came from our pool.
                unsafe { i.pool.free_block(NonNull::new_unchecked(p)) };
            } else {
                live_bytes += live as usize * h.cell_size as usize;
                if h.has_free() {
                    let class = h.class as usize;
                    h.next_available = i.classes[class].available;
                    i.classes[class].available = b;
                }
                prev = b;
            }
            b = next;
        }
        let mut w = 0;
        for r in 0..i.large.len() {
            let base = i.large[r];
            // SAFETY: live large mapping of ours.
            let h = unsafe { LargeHeader::at(base) };
            if h.marked != 0 {
                live_bytes += h.map_size;
                i.large[w] = base;
                w += 1;
            } else {
                let size = h.map_size;
                h.magic = 0;
                // SAFETY: unreachable large object: nothing uses its mapping.
                unsafe {
                    let p = NonNull::new_unchecked(std::ptr::with_exposed_provenance_mut(base));
                    mm.unmap(Mapping::from_raw(p, size));
                }
            }
        }
        i.large.truncate(w);
        i.live_bytes = live_bytes;
    }
}
