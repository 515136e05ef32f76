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
//! 5. before-sweep callback; sweep (alloc &= mark; empty blocks and dead large objects go back).
//!
//! Marking is iterative with a reserved mark stack; when it cannot grow, cells are still marked
//! but not pushed, and the heap is rescanned for marked cells until no overflow remains.

use crate::block::{BlockHeader, LargeHeader, BLOCK_MAGIC, LARGE_HEADER, LARGE_MAGIC};
use crate::heap::{Heap, Tracer};
use conch_mm::{Mapping, BLOCK_SIZE};
use std::ffi::c_void;
use std::ptr::NonNull;

impl Heap {
    /// Runs a full collection. Does nothing if one is already under way (a host callback
    /// asked for it).
    pub fn collect(&self) {
        if self.inner().in_gc {
            return;
        }
        self.inner().in_gc = true;
        if let Some((cb, state)) = self.inner().before_collect {
            // SAFETY: host callback with the state it registered.
            unsafe { cb(state as *mut c_void) };
        }
        self.clear_marks();
        self.inner().marking = true;
        self.inner().external_open = true;
        self.mark_roots_fast();
        self.scan_stack();
        self.drain();
        if let Some((h, state)) = self.inner().marking_hook {
            h(self, state);
            self.drain();
        }

        self.run_object_callbacks();
        // Marking is complete: later marks would not be traced before the sweep.
        self.inner().external_open = false;

        self.process_weak();
        if let Some((f, state)) = self.inner().weak_processor {
            f(self, state);
        }
        self.run_finalizers();
        if let Some((cb, state)) = self.inner().before_sweep {
            // SAFETY: host callback with the state it registered.
            unsafe { cb(state as *mut c_void) };
        }
        self.inner().marking = false;
        self.sweep();
        let i = self.inner();
        i.collections += 1;
        i.allocated_since_gc = 0;
        i.trigger = i.live_bytes.max(crate::heap::MIN_TRIGGER);
        i.pool.set_emergency(false);
        i.in_gc = false;
    }

    fn clear_marks(&self) {
        let i = self.inner();
        let mut b = i.all_blocks;
        while b != 0 {
            // SAFETY: the all-blocks list holds initialised blocks of this heap.
            let h = unsafe { BlockHeader::at(b) };
            h.clear_marks();
            b = h.next_all;
        }
        for &base in i.large.iter() {
            // SAFETY: live large mapping of ours.
            unsafe { LargeHeader::at(base) }.marked = 0;
        }
    }

    fn mark_roots_fast(&self) {
        let i = self.inner();
        let keys: *const _ = &i.roots;
        // SAFETY: marking does not mutate the root table, so iterating it while marking is
        // sound; the raw pointer sidesteps the borrow of `inner`.
        for &addr in unsafe { &*keys }.keys() {
            self.mark_precise(addr);
        }
    }

    #[inline(never)]
    fn scan_stack(&self) {
        crate::scan::scan_stack(&mut |w| self.mark_conservative(w));
    }

    /// Marks the cell containing `word`, if `word` points into (or just past) a live cell.
    pub(crate) fn mark_conservative(&self, word: usize) {
        if word >> 48 != 0 || word < BLOCK_SIZE {
            return;
        }
        let i = self.inner();
        if let Some(base) = i.pool.block_of(word) {
            // SAFETY: blocks handed out by our pool are initialised heap blocks.
            let h = unsafe { BlockHeader::at(base) };
            if let Some(idx) = h.cell_index_conservative(word) {
                if h.set_mark(idx) {
                    self.push(h.cell_addr(idx));
                }
            }
            return;
        }
        // Large objects: the greatest base ≤ word.
        let pos = match i.large.binary_search(&word) {
            Ok(p) => p,
            Err(0) => return,
            Err(p) => p - 1,
        };
        let base = i.large[pos];
        // SAFETY: live large mapping of ours.
        let h = unsafe { LargeHeader::at(base) };
        if word >= base + LARGE_HEADER && word <= base + LARGE_HEADER + h.cell_size && h.marked == 0
        {
            h.marked = 1;
            self.push(base + LARGE_HEADER);
        }
    }

    /// Marks the cell starting at `addr` (precise: from a traced field or a root).
    pub(crate) fn mark_precise(&self, addr: usize) {
        let base = addr & !(BLOCK_SIZE - 1);
        // SAFETY: `addr` is a live cell of this heap (traced fields and roots only hold those),
        // so its 16 KiB-aligned base is a block header or a large-object header.
        let magic = unsafe { *std::ptr::with_exposed_provenance::<u32>(base) };
        if magic == BLOCK_MAGIC {
            // SAFETY: as above.
            let h = unsafe { BlockHeader::at(base) };
            let off = addr - base - h.first as usize;
            let idx = off / h.cell_size as usize;
            if h.set_mark(idx) {
                self.push(addr);
            }
        } else if magic == LARGE_MAGIC && addr == base + LARGE_HEADER {
            // SAFETY: as above.
            let h = unsafe { LargeHeader::at(base) };
            if h.marked == 0 {
                h.marked = 1;
                self.push(addr);
            }
        } else {
            debug_assert!(false, "mark_precise on a non-cell {addr:#x}");
        }
    }

    fn push(&self, addr: usize) {
        let i = self.inner();
        if i.mark_stack.len() == i.mark_stack.capacity() && i.mark_stack.try_reserve(1).is_err() {
            i.mark_overflow = true;
            return;
        }
        i.mark_stack.push(addr);
    }

    pub(crate) fn drain(&self) {
        loop {
            while let Some(addr) = self.inner().mark_stack.pop() {
                // SAFETY: only live, marked cells are pushed.
                let vt = unsafe { crate::cell::vtable_of(addr) };
                let mut t = Tracer { heap: self };
                // SAFETY: the vtable belongs to this cell.
                unsafe { (vt.trace)(addr, &mut t) };
            }
            if !self.inner().mark_overflow {
                return;
            }
            self.inner().mark_overflow = false;
            self.retrace_marked();
        }
    }

    /// After a mark-stack overflow: trace every marked cell again (their unmarked children get
    /// marked and pushed, or overflow again; the marked set only grows, so this terminates).
    fn retrace_marked(&self) {
        let mut b = self.inner().all_blocks;
        while b != 0 {
            // SAFETY: the all-blocks list holds initialised blocks of this heap.
            let h = unsafe { BlockHeader::at(b) };
            h.for_each_marked(|addr| {
                // SAFETY: marked cells are live.
                let vt = unsafe { crate::cell::vtable_of(addr) };
                let mut t = Tracer { heap: self };
                // SAFETY: the vtable belongs to this cell.
                unsafe { (vt.trace)(addr, &mut t) };
            });
            b = h.next_all;
        }
        let n = self.inner().large.len();
        for k in 0..n {
            let base = self.inner().large[k];
            // SAFETY: live large mapping of ours.
            if unsafe { LargeHeader::at(base) }.marked != 0 {
                let addr = base + LARGE_HEADER;
                // SAFETY: marked cells are live.
                let vt = unsafe { crate::cell::vtable_of(addr) };
                // SAFETY: the vtable belongs to this cell.
                unsafe { (vt.trace)(addr, &mut Tracer { heap: self }) };
            }
        }
    }

    /// Whether the live cell at `addr` is marked.
    pub(crate) fn is_marked(&self, addr: usize) -> bool {
        let base = addr & !(BLOCK_SIZE - 1);
        // SAFETY: `addr` is a live cell (see `mark_precise`).
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

    fn run_object_callbacks(&self) {
        {
            let i = self.inner();
            // Move the entries of unmarked objects to `pending` (one-shot: they are removed
            // before their callbacks run). `pending` has capacity for every registration, so
            // this never allocates.
            let mut w = 0;
            for r in 0..i.obj_callbacks.len() {
                let e = i.obj_callbacks[r];
                if self.is_marked(e.obj) {
                    i.obj_callbacks[w] = e;
                    w += 1;
                } else if i.pending_callbacks.len() < i.pending_callbacks.capacity() {
                    i.pending_callbacks.push(e);
                }
            }
            i.obj_callbacks.truncate(w);
            if i.pending_callbacks.is_empty() {
                return;
            }
        }
        while let Some(e) = self.inner().pending_callbacks.pop() {
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
        let n = self.inner().obj_callbacks.len();
        for k in 0..n {
            let obj = self.inner().obj_callbacks[k].obj;
            self.mark_precise(obj);
        }
        self.mark_roots_fast();
        self.drain();
    }

    fn process_weak(&self) {
        let i = self.inner();
        let mut w = 0;
        for r in 0..i.weak.len() {
            let cell = i.weak[r];
            if !self.is_marked(cell) {
                continue; // the weak reference itself died
            }
            // SAFETY: a marked, live WeakRef cell.
            let weak = unsafe { crate::cell::Gc::<crate::heap::WeakRef>::from_addr(cell) };
            if let Some(weak) = weak {
                if let Some(a) = weak.get().and_then(|v| v.cell_addr()) {
                    if !self.is_marked(a) {
                        weak.clear();
                    }
                }
            }
            i.weak[w] = cell;
            w += 1;
        }
        i.weak.truncate(w);
    }

    fn run_finalizers(&self) {
        let mut k = 0;
        loop {
            let e = {
                let i = self.inner();
                if k >= i.finalizers.len() {
                    break;
                }
                if self.is_marked(i.finalizers[k].obj) {
                    k += 1;
                    continue;
                }
                i.finalizers.swap_remove(k)
            };
            // SAFETY: the embedder's finalizer for an allocated (not yet swept) cell.
            unsafe { (e.f)(e.obj) };
        }
    }

    fn sweep(&self) {
        let i = self.inner();
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
                    self.memory_manager().unmap(Mapping::from_raw(p, size));
                }
            }
        }
        i.large.truncate(w);
        i.live_bytes = live_bytes;
    }
}
