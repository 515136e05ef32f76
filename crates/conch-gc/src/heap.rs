//! The heap: allocation (size-class blocks and large objects), roots, weak references and
//! callbacks. Collection itself is in `collect.rs`.
//!
//! The heap is single-threaded (one runtime, used by one thread at a time) and its methods take
//! `&self`: host callbacks run during collection may re-enter it (AddRef, allocate). The
//! internals are reached only through [`Heap::with`], a closure that gets `&mut HeapInner` for
//! work that calls no heap method and no host code the heap does not control: so no `&mut` to
//! the internals is ever held across a callback the heap runs. The memory manager's host
//! callback (an `Allocate`/`Free` event) can run inside such a closure; it must not re-enter the
//! engine (ARCHITECTURE.md §2): if it does anyway, every public entry point sees the heap busy
//! and fails (allocation refused, collection skipped, validation false) instead of aliasing.

use crate::block::{class_for, BlockHeader, LargeHeader, LARGE_HEADER, MAX_SMALL, SIZE_CLASSES};
use crate::cell::{CellBox, CellType, Gc, Trace, VTable};
use crate::mark_stack::MarkStack;
use crate::Value;
use allocator_api2::vec::Vec as AVec;
use conch_mm::{BlockPool, Mapping, MemoryManager, OutOfMemory, ScratchAlloc, BLOCK_SIZE};
use std::cell::{Cell, UnsafeCell};
use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::Arc;

/// A host callback with a state pointer (`JsBeforeCollectCallback`'s ABI).
pub type HostCallback = unsafe extern "C" fn(*mut c_void);
/// An embedder's weak-table processor (see [`Heap::set_weak_processor`]).
pub type WeakProcessor = fn(&Heap, usize);
/// An embedder's marking hook (see [`Heap::set_marking_hook`]).
pub type MarkingHook = fn(&Heap, usize);
/// `JsObjectBeforeCollectCallback`'s ABI: `(object, state)`.
pub type ObjectCallback = unsafe extern "C" fn(*mut c_void, *mut c_void);
/// An embedder finalizer, called with the dead cell's address before it is swept.
pub type Finalizer = unsafe fn(usize);
/// Traces part of a big array cell at `addr`: items `from..from + max` (clamped to its length),
/// returning its length in items. Lets the collector mark a huge array in slices, remembering
/// `(cell, next index)`, instead of pushing every element at once.
pub type SliceTrace = unsafe fn(addr: usize, from: usize, max: usize, tracer: &mut Tracer) -> usize;
/// Finds the [`SliceTrace`] of a cell type from its vtable (`None`: the cell is traced whole).
pub type SliceLookup = fn(&'static VTable) -> Option<SliceTrace>;

/// The default lookup: the vtable's own `trace_slice` (set by `GcArray` of references).
fn vtable_slice(vt: &'static VTable) -> Option<SliceTrace> {
    vt.trace_slice
}

/// Items traced per slice of a big array.
pub(crate) const SLICE: usize = 1024;
/// Big arrays whose remaining slices can be remembered at once; more are traced whole.
const MAX_SLICES: usize = 32;

/// Why a collection did not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionError {
    /// The stack pointer was outside the thread's known stack (a host running the runtime on a
    /// fiber or a stack of its own without declaring it with
    /// `conch_mm::stack::set_stack_bounds`): the conservative scanner cannot tell what to read,
    /// and freeing anything could free what that stack holds, so nothing was collected.
    StackOutOfBounds,
}

#[derive(Clone, Copy)]
pub(crate) struct PendingSlice {
    pub addr: usize,
    pub next: usize,
    pub trace: SliceTrace,
}

type Roots = hashbrown::HashMap<usize, u32, hashbrown::DefaultHashBuilder, ScratchAlloc>;

/// Collection trigger floor: at least this many bytes are allocated between collections.
pub(crate) const MIN_TRIGGER: usize = 2 * 1024 * 1024;

#[derive(Clone, Copy)]
pub(crate) struct ObjCallbackEntry {
    pub obj: usize,
    pub cb: ObjectCallback,
    pub state: usize,
}

pub(crate) struct FinalizerEntry {
    pub obj: usize,
    pub f: Finalizer,
}

#[derive(Default, Clone, Copy)]
pub(crate) struct ClassState {
    pub current: usize,
    pub available: usize,
}

pub(crate) struct HeapInner {
    pub pool: BlockPool,
    pub classes: [ClassState; SIZE_CLASSES.len()],
    /// Head of the list of all blocks (linked through `next_all`).
    pub all_blocks: usize,
    /// Blocks taken from the pool so far (paces `clear_dead_stack`).
    new_blocks: u32,
    /// Sorted bases of the large-object mappings.
    pub large: AVec<usize, ScratchAlloc>,
    pub roots: Roots,
    pub weak: AVec<usize, ScratchAlloc>,
    pub obj_callbacks: AVec<ObjCallbackEntry, ScratchAlloc>,
    /// Always has capacity for every registration, so collection can move entries without
    /// allocating.
    pub pending_callbacks: AVec<ObjCallbackEntry, ScratchAlloc>,
    pub finalizers: AVec<FinalizerEntry, ScratchAlloc>,
    pub mark_stack: MarkStack,
    /// A cell was marked but could not be pushed: its block (or large header) is flagged.
    pub mark_overflow: bool,
    /// Big arrays being traced slice by slice.
    pub slices: [Option<PendingSlice>; MAX_SLICES],
    pub slice_count: usize,
    pub slice_lookup: Option<SliceLookup>,
    /// Why the last collection attempt did not run (cleared by one that runs).
    pub collection_error: Option<CollectionError>,
    pub before_collect: Option<(HostCallback, usize)>,
    pub before_sweep: Option<(HostCallback, usize)>,
    pub weak_processor: Option<(WeakProcessor, usize)>,
    pub marking_hook: Option<(MarkingHook, usize)>,
    /// Whether [`Heap::mark_external`] may mark now: from the start of marking until the last
    /// drain of the marking phase (every mark made meanwhile is traced before the sweep).
    pub external_open: bool,
    /// Cells newly marked through [`Heap::mark_external`] (monotonic; see
    /// [`Heap::external_marks`]).
    pub external_marks: usize,
    /// Allocations are black while a collection is between marking and sweeping.
    pub marking: bool,
    pub in_gc: bool,
    pub allocated_since_gc: usize,
    pub live_bytes: usize,
    pub trigger: usize,
    pub collections: usize,
    pub stress: usize,
    pub stress_counter: usize,
}

/// New roots the root table can always take without growing (see `add_root`).
pub const ROOT_SLACK: usize = 16;

/// A garbage-collected heap over one runtime's memory manager.
pub struct Heap {
    inner: UnsafeCell<HeapInner>,
    /// Set while a [`Heap::with`] closure runs (see the module doc).
    busy: Cell<bool>,
    scratch: ScratchAlloc,
    mm: Arc<MemoryManager>,
}

/// Heap statistics.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapStats {
    /// Completed collections.
    pub collections: usize,
    /// Bytes of cells live after the last collection, plus those allocated since.
    pub live_bytes: usize,
    /// Chunks the block pool holds.
    pub chunks: usize,
    /// Large objects alive.
    pub large_objects: usize,
    /// Mark-stack segments mapped (1 between collections: the reserve).
    pub mark_stack_segments: usize,
}

// Read once per heap at creation; the variable is the host's, not script-growable.
#[allow(clippy::disallowed_methods)]
fn stress_from_env() -> usize {
    match std::env::var("CONCH_GC_STRESS") {
        Ok(s) => s.trim().parse::<usize>().unwrap_or(1),
        Err(_) => 0,
    }
}

impl Heap {
    /// A new heap. Maps only its bookkeeping until the first allocation.
    pub fn new(mm: Arc<MemoryManager>) -> Result<Heap, OutOfMemory> {
        let scratch = ScratchAlloc::new(mm.clone());
        // Marking runs precisely when memory is refused: reserve its stack up front.
        let mark_stack = MarkStack::new(mm.clone())?;
        let inner = HeapInner {
            pool: BlockPool::new(mm.clone()),
            classes: [ClassState::default(); SIZE_CLASSES.len()],
            all_blocks: 0,
            new_blocks: 0,
            large: AVec::new_in(scratch.clone()),
            roots: {
                let mut r = Roots::with_hasher_in(Default::default(), scratch.clone());
                r.try_reserve(2 * ROOT_SLACK).map_err(|_| OutOfMemory)?;
                r
            },
            weak: AVec::new_in(scratch.clone()),
            obj_callbacks: AVec::new_in(scratch.clone()),
            pending_callbacks: AVec::new_in(scratch.clone()),
            finalizers: AVec::new_in(scratch.clone()),
            mark_stack,
            mark_overflow: false,
            slices: [None; MAX_SLICES],
            slice_count: 0,
            slice_lookup: Some(vtable_slice),
            collection_error: None,
            before_collect: None,
            before_sweep: None,
            weak_processor: None,
            marking_hook: None,
            external_open: false,
            external_marks: 0,
            marking: false,
            in_gc: false,
            allocated_since_gc: 0,
            live_bytes: 0,
            trigger: MIN_TRIGGER,
            collections: 0,
            stress: stress_from_env(),
            stress_counter: 0,
        };
        Ok(Heap {
            inner: UnsafeCell::new(inner),
            busy: Cell::new(false),
            scratch,
            mm,
        })
    }

    /// Runs `f` on the internals. `f` must not call a method of the heap nor run host code the
    /// heap controls (callbacks, finalizers, tracers): the reference lives only for the
    /// closure, so none outlives a point where the heap may be re-entered.
    #[inline]
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut HeapInner) -> R) -> R {
        debug_assert!(!self.busy.get(), "nested access to the heap's internals");
        self.busy.set(true);
        // SAFETY: the heap is single-threaded (`UnsafeCell` makes it `!Sync`); internal code never
        // nests `with` (checked in debug builds), and public entry points that could be reached
        // re-entrantly from a memory-manager callback inside `f` check `reentered` first, so this
        // is the only reference to the internals while `f` runs.
        let r = f(unsafe { &mut *self.inner.get() });
        self.busy.set(false);
        r
    }

    /// True inside a [`with`](Self::with) closure: a host callback of the memory manager
    /// re-entered the heap. Public entry points then fail instead of touching the internals.
    #[inline]
    pub(crate) fn reentered(&self) -> bool {
        self.busy.get()
    }

    /// The memory manager.
    pub fn memory_manager(&self) -> &Arc<MemoryManager> {
        &self.mm
    }

    /// The scratch allocator for the embedder's non-GC bookkeeping.
    pub fn scratch(&self) -> &ScratchAlloc {
        &self.scratch
    }

    /// Statistics.
    pub fn stats(&self) -> HeapStats {
        if self.reentered() {
            return HeapStats::default();
        }
        self.with(|i| HeapStats {
            collections: i.collections,
            live_bytes: i.live_bytes + i.allocated_since_gc,
            chunks: i.pool.chunk_count(),
            large_objects: i.large.len(),
            mark_stack_segments: i.mark_stack.segments(),
        })
    }

    /// Sets GC-stress mode: collect every `n`-th allocation (0 = off). The initial value comes
    /// from the `CONCH_GC_STRESS` environment variable (`1` = every allocation).
    pub fn set_stress(&self, n: usize) {
        if !self.reentered() {
            self.with(|i| i.stress = n);
        }
    }

    /// The current GC-stress interval (0 = off).
    pub fn stress(&self) -> usize {
        if self.reentered() {
            return 0;
        }
        self.with(|i| i.stress)
    }

    /// Lets the next new block come from the emergency reserve of the block pool. The heap turns
    /// it on itself when an allocation fails after a collection and a retry, so that the
    /// out-of-memory path's few small allocations (building and rooting the error it delivers)
    /// succeed; taking that one block, or the next collection, turns it off. Embedders rarely
    /// need to call this.
    pub fn set_emergency(&self, on: bool) {
        if !self.reentered() {
            self.with(|i| i.pool.set_emergency(on));
        }
    }

    /// Whether the emergency reserve is in use (an allocation failed since the last
    /// collection).
    pub fn emergency(&self) -> bool {
        !self.reentered() && self.with(|i| i.pool.emergency())
    }

    /// Sets (or clears) how the collector finds the [`SliceTrace`] of big array cells.
    pub fn set_slice_lookup(&self, f: Option<SliceLookup>) {
        if !self.reentered() {
            self.with(|i| i.slice_lookup = f);
        }
    }

    /// Why the last collection attempt did not run, if it did not (see [`CollectionError`]);
    /// `None` once a collection ran.
    pub fn collection_error(&self) -> Option<CollectionError> {
        if self.reentered() {
            return None;
        }
        self.with(|i| i.collection_error)
    }

    /// Allocates a cell holding `value`.
    #[inline]
    pub fn alloc<T: CellType>(&self, value: T) -> Result<Gc<T>, OutOfMemory> {
        self.alloc_with_extra(value, 0)
    }

    /// Allocates a cell holding `value` followed by `extra` zeroed bytes (variable-size cells:
    /// strings, arrays). The payload type must know its own length to trace it.
    pub fn alloc_with_extra<T: CellType>(
        &self,
        value: T,
        extra: usize,
    ) -> Result<Gc<T>, OutOfMemory> {
        const {
            assert!(
                !std::mem::needs_drop::<T>(),
                "cell types must not need Drop"
            );
            assert!(
                std::mem::align_of::<CellBox<T>>() <= crate::block::GRANULE,
                "cells are only 8-byte aligned"
            )
        };
        let size = std::mem::size_of::<CellBox<T>>()
            .checked_add(extra)
            .ok_or(OutOfMemory)?;
        let addr = self.alloc_raw(size)?;
        let p = std::ptr::with_exposed_provenance_mut::<CellBox<T>>(addr);
        // SAFETY: `alloc_raw` returned `size` bytes, 8-aligned (enough for `CellBox<T>`, checked above), exclusively ours; the trailing
        // `extra` bytes are zeroed so the payload's tracer sees no garbage.
        unsafe {
            p.write(CellBox {
                header: T::VTABLE,
                value,
            });
            if extra > 0 {
                let tail = p.cast::<u8>().add(std::mem::size_of::<CellBox<T>>());
                std::ptr::write_bytes(tail, 0, extra);
            }
            Ok(Gc::from_box(NonNull::new_unchecked(p)))
        }
    }

    fn alloc_raw(&self, size: usize) -> Result<usize, OutOfMemory> {
        if self.reentered() {
            return Err(OutOfMemory);
        }
        let stress_due = self.with(|i| {
            if i.stress == 0 || i.in_gc {
                return false;
            }
            i.stress_counter += 1;
            let due = i.stress_counter >= i.stress;
            if due {
                i.stress_counter = 0;
            }
            due
        });
        if stress_due {
            self.collect();
        }
        if size > MAX_SMALL {
            return self.alloc_large(size);
        }
        let class = class_for(size);
        if let Some(a) = self.with(|i| i.alloc_current(class)) {
            return Ok(a);
        }
        self.alloc_small_slow(class)
    }

    /// The slow path: a free cell elsewhere, a block the pool holds, or a new chunk.
    ///
    /// A collection runs only when the trigger is reached, or when a new chunk is needed and the
    /// limit would refuse it (so the collection, not the refusal, is the first thing that
    /// happens near the limit); and at most once more when the chunk is refused. Then the
    /// allocation fails, at most 2 collections later, and the emergency reserve opens for the
    /// out-of-memory path (ARCHITECTURE.md §3) until the next collection.
    #[inline(never)]
    fn alloc_small_slow(&self, class: usize) -> Result<usize, OutOfMemory> {
        let (emergency, trigger_hit, in_gc) = self.with(|i| {
            (
                i.pool.emergency(),
                i.allocated_since_gc >= i.trigger,
                i.in_gc,
            )
        });
        let mut collected = false;
        if let Some(a) = self.with(|i| i.alloc_from_available(class)) {
            return Ok(a);
        }
        if emergency {
            // The out-of-memory path: blocks of the reserve, without collecting (that would
            // close it). The reserve stays open until the next collection: after the error
            // path, the host must still be able to run a small script that drops what filled
            // the heap (`hog = null`), which needs cells of a few size classes.
            if let Ok(a) = self.alloc_in_new_block(class) {
                return Ok(a);
            }
        }
        if trigger_hit && !in_gc {
            self.collect();
            collected = true;
            if let Some(a) = self.with(|i| i.alloc_from_available(class)) {
                return Ok(a);
            }
        }
        if !in_gc && !collected && !self.with(|i| i.pool.has_usable_block()) {
            // A new chunk (at least a block of one) is needed: collect first if the limit would
            // refuse it.
            if self.mm.usage().saturating_add(BLOCK_SIZE) > self.mm.limit() {
                self.collect();
                collected = true;
                if let Some(a) = self.with(|i| i.alloc_from_available(class)) {
                    return Ok(a);
                }
            }
        }
        if let Ok(a) = self.alloc_in_new_block(class) {
            return Ok(a);
        }
        if !collected && !in_gc {
            self.collect();
            if let Some(a) = self.with(|i| i.alloc_from_available(class)) {
                return Ok(a);
            }
            if let Ok(a) = self.alloc_in_new_block(class) {
                return Ok(a);
            }
        }
        self.with(|i| i.pool.set_emergency(true));
        Err(OutOfMemory)
    }

    fn alloc_in_new_block(&self, class: usize) -> Result<usize, OutOfMemory> {
        // Every 8th new block, not every one: clearing is 32 KiB of stores, and start-up alone
        // takes a few dozen blocks.
        if self.with(|i| {
            i.new_blocks = i.new_blocks.wrapping_add(1);
            i.new_blocks % 8 == 1
        }) {
            crate::scan::clear_dead_stack();
        }
        self.with(|i| i.alloc_in_new_block(class))
    }

    fn alloc_large(&self, size: usize) -> Result<usize, OutOfMemory> {
        let total = size.checked_add(LARGE_HEADER).ok_or(OutOfMemory)?;
        let (trigger_hit, in_gc) = self.with(|i| (i.allocated_since_gc >= i.trigger, i.in_gc));
        let mut collected = false;
        let near_limit = self.mm.usage().saturating_add(total) > self.mm.limit();
        if !in_gc && (trigger_hit || near_limit) {
            self.collect();
            collected = true;
        }
        let m = match self.mm.map(total, BLOCK_SIZE) {
            Ok(m) => m,
            Err(_) if !collected && !in_gc => {
                self.collect();
                self.mm.map(total, BLOCK_SIZE)?
            }
            Err(e) => return Err(e),
        };
        self.with(|i| i.insert_large(m, &self.mm))
    }

    /// Is `addr` the start of a live cell of this heap? (Validation of handles from a host.)
    /// O(1) for cells in blocks (one hash probe of the block pool), O(log n) for large objects.
    pub fn is_cell(&self, addr: usize) -> bool {
        if !addr.is_multiple_of(crate::block::GRANULE) || addr == 0 || self.reentered() {
            return false;
        }
        self.with(|i| i.is_cell(addr))
    }

    /// Adds a persistent root (refcounted); returns the new count. Up to [`ROOT_SLACK`] new
    /// roots can always be added without allocating (the table keeps that much room).
    pub fn add_root(&self, addr: usize) -> Result<u32, OutOfMemory> {
        if self.reentered() {
            return Err(OutOfMemory);
        }
        self.with(|i| {
            if let Some(c) = i.roots.get_mut(&addr) {
                *c = c.saturating_add(1);
                return Ok(*c);
            }
            i.roots.try_reserve(1).map_err(|_| OutOfMemory)?;
            i.roots.insert(addr, 1);
            // Keep slack, so that rooting the value an out-of-memory (or any) exception
            // delivers while memory is refused needs no allocation: the host must get the
            // thrown value.
            if i.roots.capacity() - i.roots.len() < ROOT_SLACK {
                let _ = i.roots.try_reserve(2 * ROOT_SLACK);
            }
            Ok(1)
        })
    }

    /// Drops one reference of a persistent root; returns the remaining count (`None` if the
    /// address was not rooted).
    pub fn release_root(&self, addr: usize) -> Option<u32> {
        if self.reentered() {
            return None;
        }
        self.with(|i| {
            let c = i.roots.get_mut(&addr)?;
            *c -= 1;
            let left = *c;
            if left == 0 {
                i.roots.remove(&addr);
            }
            Some(left)
        })
    }

    /// The root count of `addr` (0 if not rooted).
    pub fn root_count(&self, addr: usize) -> u32 {
        if self.reentered() {
            return 0;
        }
        self.with(|i| i.roots.get(&addr).copied().unwrap_or(0))
    }

    /// Creates a weak reference to the cell `target`.
    pub fn create_weak(&self, target: Value) -> Result<Gc<WeakRef>, OutOfMemory> {
        if self.reentered() {
            return Err(OutOfMemory);
        }
        self.with(|i| i.weak.try_reserve(1).map_err(|_| OutOfMemory))?;
        let w = self.alloc(WeakRef {
            target: std::cell::Cell::new(target.to_bits()),
        })?;
        self.with(|i| {
            i.weak.try_reserve(1).map_err(|_| OutOfMemory)?;
            i.weak.push(w.addr());
            Ok(w)
        })
    }

    /// Sets (or clears) the callback run at the start of every collection.
    pub fn set_before_collect(&self, cb: Option<(HostCallback, usize)>) {
        if !self.reentered() {
            self.with(|i| i.before_collect = cb);
        }
    }

    /// Sets (or clears) the embedder's weak-table processor: called once per collection after
    /// marking (and after weak references are cleared), before finalizers and sweeping, so it
    /// can drop entries of weak tables whose cells do not [`survive`](Heap::survives). It must
    /// not allocate.
    pub fn set_weak_processor(&self, p: Option<(WeakProcessor, usize)>) {
        if !self.reentered() {
            self.with(|i| i.weak_processor = p);
        }
    }

    /// Sets (or clears) the embedder's marking hook: called once per collection after the roots
    /// and everything they reach are marked (before object-before-collect callbacks), so it can
    /// mark more cells with [`mark_external`](Heap::mark_external) and trace them with
    /// [`drain_marking`](Heap::drain_marking), as often as it likes. Whatever it marks survives
    /// this collection, with everything reachable from it.
    pub fn set_marking_hook(&self, h: Option<(MarkingHook, usize)>) {
        if !self.reentered() {
            self.with(|i| i.marking_hook = h);
        }
    }

    /// Marks `v`'s cell as reachable from outside the heap (a host's tracing of the values it
    /// holds), if a collection is marking; its children are traced by the next drain (the
    /// collector's own, or [`drain_marking`](Heap::drain_marking)). Anything else — no
    /// collection under way, marking already finished, a value that is not a live cell of this
    /// heap — does nothing. Returns whether the cell was newly marked.
    pub fn mark_external(&self, v: Value) -> bool {
        let Some(addr) = v.cell_addr() else {
            return false;
        };
        if self.reentered()
            || !self.with(|i| i.external_open && i.is_cell(addr))
            || self.is_marked(addr)
        {
            return false;
        }
        self.mark_precise(addr);
        self.with(|i| i.external_marks += 1);
        true
    }

    /// How many cells [`mark_external`](Heap::mark_external) has newly marked so far (a
    /// monotonic count: compare two readings to see whether a tracing round found anything).
    pub fn external_marks(&self) -> usize {
        if self.reentered() {
            return 0;
        }
        self.with(|i| i.external_marks)
    }

    /// Whether [`mark_external`](Heap::mark_external) would mark now.
    pub fn is_marking(&self) -> bool {
        !self.reentered() && self.with(|i| i.external_open)
    }

    /// From a marking hook (or a trace function): traces everything marked but not yet traced,
    /// transitively. Does nothing outside the marking phase.
    pub fn drain_marking(&self) {
        if self.is_marking() {
            self.drain();
        }
    }

    /// Bytes allocated since the last collection finished (what the collection trigger
    /// counts).
    pub fn allocated_since_collection(&self) -> usize {
        if self.reentered() {
            return 0;
        }
        self.with(|i| i.allocated_since_gc)
    }

    /// During a [`WeakProcessor`] call: whether the cell at `addr` survives this collection.
    /// `addr` must be a cell of this heap that was live when the collection started.
    pub fn survives(&self, addr: usize) -> bool {
        debug_assert!(self.in_collection());
        self.is_marked(addr)
    }

    /// Sets the before-sweep callback.
    pub fn set_before_sweep(&self, cb: Option<(HostCallback, usize)>) {
        if !self.reentered() {
            self.with(|i| i.before_sweep = cb);
        }
    }

    /// Registers a one-shot callback for when `obj` is found unreachable; `None` removes every
    /// registration for `obj`.
    pub fn set_object_callback(
        &self,
        obj: usize,
        cb: Option<ObjectCallback>,
        state: usize,
    ) -> Result<(), OutOfMemory> {
        if self.reentered() {
            return Err(OutOfMemory);
        }
        self.with(|i| match cb {
            None => {
                i.obj_callbacks.retain(|e| e.obj != obj);
                Ok(())
            }
            Some(cb) => {
                i.obj_callbacks.try_reserve(1).map_err(|_| OutOfMemory)?;
                let need = i.obj_callbacks.len() + 1;
                let have = i.pending_callbacks.len();
                i.pending_callbacks
                    .try_reserve(need.saturating_sub(have))
                    .map_err(|_| OutOfMemory)?;
                i.obj_callbacks.push(ObjCallbackEntry { obj, cb, state });
                Ok(())
            }
        })
    }

    /// Registers a finalizer run once `obj` is unreachable (after marking, before sweeping),
    /// or at heap teardown.
    pub fn register_finalizer(&self, obj: usize, f: Finalizer) -> Result<(), OutOfMemory> {
        if self.reentered() {
            return Err(OutOfMemory);
        }
        self.with(|i| {
            i.finalizers.try_reserve(1).map_err(|_| OutOfMemory)?;
            i.finalizers.push(FinalizerEntry { obj, f });
            Ok(())
        })
    }

    /// Runs every pending object-before-collect callback (reachable or not) and then every
    /// finalizer: the teardown order of `JsDisposeRuntime`.
    pub fn run_all_callbacks_for_teardown(&self) {
        if self.reentered() {
            return;
        }
        // The internals are borrowed only to pop: the host callback may re-enter the heap.
        while let Some(e) = self.with(|i| i.obj_callbacks.pop()) {
            // SAFETY: host callback registered for this object; the object is still allocated.
            unsafe {
                (e.cb)(
                    std::ptr::with_exposed_provenance_mut(e.obj),
                    e.state as *mut c_void,
                )
            };
        }
        while let Some(e) = self.with(|i| i.finalizers.pop()) {
            // SAFETY: the embedder's finalizer for a still-allocated cell.
            unsafe { (e.f)(e.obj) };
        }
    }

    /// Returns the block pool's wholly free chunks to the OS, but for the emergency reserve
    /// (for a host's explicit collection: see `BlockPool::release_free_chunks`). Returns the
    /// chunks released.
    pub fn release_free_memory(&self) -> usize {
        if self.reentered() || self.in_collection() {
            return 0;
        }
        self.with(|i| i.pool.release_free_chunks())
    }

    /// Whether a collection is under way (host callbacks inside it may ask).
    pub fn in_collection(&self) -> bool {
        !self.reentered() && self.with(|i| i.in_gc)
    }
}

impl HeapInner {
    #[inline]
    fn alloc_current(&mut self, class: usize) -> Option<usize> {
        let cur = self.classes[class].current;
        if cur == 0 {
            return None;
        }
        // SAFETY: `current` is always an initialised block of this heap.
        let b = unsafe { BlockHeader::at(cur) };
        let a = b.alloc(self.marking)?;
        self.allocated_since_gc += b.cell_size as usize;
        Some(a)
    }

    fn alloc_from_available(&mut self, class: usize) -> Option<usize> {
        loop {
            let b = self.classes[class].available;
            if b == 0 {
                return None;
            }
            // SAFETY: blocks on the available list are initialised blocks of this heap.
            let h = unsafe { BlockHeader::at(b) };
            self.classes[class].available = h.next_available;
            h.next_available = 0;
            self.classes[class].current = b;
            if let Some(a) = h.alloc(self.marking) {
                self.allocated_since_gc += h.cell_size as usize;
                return Some(a);
            }
        }
    }

    fn alloc_in_new_block(&mut self, class: usize) -> Result<usize, OutOfMemory> {
        let block = self.pool.alloc_block()?;
        let base = block.as_ptr().expose_provenance();
        // SAFETY: a fresh block from our pool, exclusively ours.
        let h = unsafe { BlockHeader::init(base, class) };
        h.next_all = self.all_blocks;
        self.all_blocks = base;
        self.classes[class].current = base;
        let a = h.alloc(self.marking).ok_or(OutOfMemory)?;
        self.allocated_since_gc += h.cell_size as usize;
        Ok(a)
    }

    fn insert_large(&mut self, m: Mapping, mm: &MemoryManager) -> Result<usize, OutOfMemory> {
        let base = m.ptr().as_ptr().expose_provenance();
        let pos = self.large.binary_search(&base).unwrap_or_else(|p| p);
        if self.large.try_reserve(1).is_err() {
            // SAFETY: the mapping is fresh and unused.
            unsafe { mm.unmap(m) };
            return Err(OutOfMemory);
        }
        self.large.insert(pos, base);
        let map_size = m.size();
        let cell_size = map_size - LARGE_HEADER;
        let _ = m.into_raw();
        // SAFETY: fresh mapping, at least LARGE_HEADER + size bytes.
        let h = unsafe { LargeHeader::at(base) };
        *h = LargeHeader {
            magic: crate::block::LARGE_MAGIC,
            marked: self.marking as u32,
            overflow: 0,
            next: 0,
            map_size,
            cell_size,
        };
        self.allocated_since_gc += map_size;
        Ok(base + LARGE_HEADER)
    }

    pub(crate) fn is_cell(&self, addr: usize) -> bool {
        if !addr.is_multiple_of(crate::block::GRANULE) || addr == 0 {
            return false;
        }
        if let Some(base) = self.pool.block_of(addr) {
            // SAFETY: blocks handed out by our pool are initialised heap blocks.
            let h = unsafe { BlockHeader::at(base) };
            return h.cell_index_exact(addr).is_some();
        }
        let base = addr.wrapping_sub(LARGE_HEADER);
        self.large.binary_search(&base).is_ok()
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        let i = self.inner.get_mut();
        // Large objects: own mappings.
        let bases: &[usize] = &i.large;
        for &base in bases {
            // SAFETY: every entry is the base of a live large mapping of ours.
            unsafe {
                let h = LargeHeader::at(base);
                let size = h.map_size;
                let p = NonNull::new_unchecked(std::ptr::with_exposed_provenance_mut::<u8>(base));
                self.mm.unmap(Mapping::from_raw(p, size));
            }
        }
        i.large.clear();
        // Blocks go back with the pool (dropped with `inner`), scratch with its last handle.
    }
}

/// A weak reference cell: does not keep its target alive; cleared when the target dies.
pub struct WeakRef {
    target: std::cell::Cell<u64>,
}

impl WeakRef {
    /// The target, or `None` once it was collected.
    pub fn get(&self) -> Option<Value> {
        Value::from_bits(self.target.get())
    }
    pub(crate) fn clear(&self) {
        self.target.set(0);
    }
}

// SAFETY: deliberately reports nothing: the target is weak.
unsafe impl Trace for WeakRef {
    fn trace(&self, _: &mut Tracer) {}
}

impl CellType for WeakRef {
    const KIND: u16 = crate::KIND_WEAK_REF;
    const NAME: &'static str = "WeakRef";
}

/// Marks cells during a collection.
pub struct Tracer<'a> {
    pub(crate) heap: &'a Heap,
}

impl Tracer<'_> {
    /// Marks a value's cell, if it is one.
    #[inline]
    pub fn mark_value(&mut self, v: Value) {
        if let Some(a) = v.cell_addr() {
            self.mark_addr(a);
        }
    }

    /// Marks a value's cell only if it really is a live cell of this heap: for value bits that
    /// a host wrote into heap memory (e.g. a trap table it fills in place), which may be
    /// anything.
    pub fn mark_value_checked(&mut self, v: Value) {
        if let Some(a) = v.cell_addr() {
            if self.heap.is_cell(a) {
                self.mark_addr(a);
            }
        }
    }

    /// Marks the cell at `addr` (a cell start).
    #[inline]
    pub fn mark_addr(&mut self, addr: usize) {
        self.heap.mark_precise(addr);
    }

    /// The vtable of a cell (for embedders' type tests while tracing).
    pub fn vtable(&self, addr: usize) -> &'static VTable {
        // SAFETY: only called on cells reported by a traced payload, which are live.
        unsafe { crate::cell::vtable_of(addr) }
    }
}
