//! The heap: allocation (size-class blocks and large objects), roots, weak references and
//! callbacks. Collection itself is in `collect.rs`.
//!
//! The heap is single-threaded (one runtime, used by one thread at a time) and its methods take
//! `&self`: host callbacks run during collection may re-enter it (AddRef, allocate), so no
//! `&mut` to the internals is ever held across a callback.

use crate::block::{class_for, BlockHeader, LargeHeader, LARGE_HEADER, MAX_SMALL, SIZE_CLASSES};
use crate::cell::{CellBox, CellType, Gc, Trace, VTable};
use crate::Value;
use allocator_api2::vec::Vec as AVec;
use conch_mm::{
    BlockPool, Mapping, MemoryManager, OutOfMemory, ScratchAlloc, BLOCK_SIZE, CHUNK_SIZE,
};
use std::cell::UnsafeCell;
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
    pub scratch: ScratchAlloc,
    pub classes: [ClassState; SIZE_CLASSES.len()],
    /// Head of the list of all blocks (linked through `next_all`).
    pub all_blocks: usize,
    /// Sorted bases of the large-object mappings.
    pub large: AVec<usize, ScratchAlloc>,
    pub roots: Roots,
    pub weak: AVec<usize, ScratchAlloc>,
    pub obj_callbacks: AVec<ObjCallbackEntry, ScratchAlloc>,
    /// Always has capacity for every registration, so collection can move entries without
    /// allocating.
    pub pending_callbacks: AVec<ObjCallbackEntry, ScratchAlloc>,
    pub finalizers: AVec<FinalizerEntry, ScratchAlloc>,
    pub mark_stack: AVec<usize, ScratchAlloc>,
    pub mark_overflow: bool,
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
        let mut mark_stack = AVec::new_in(scratch.clone());
        // Marking runs precisely when memory is refused: reserve its stack up front.
        mark_stack.try_reserve(4096).map_err(|_| OutOfMemory)?;
        let inner = HeapInner {
            pool: BlockPool::new(mm.clone()),
            classes: [ClassState::default(); SIZE_CLASSES.len()],
            all_blocks: 0,
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
            scratch,
            mark_overflow: false,
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
            mm,
        })
    }

    /// # Safety (internal)
    /// Callers never hold the returned reference across a call that may re-enter the heap
    /// (host callbacks, `collect`).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn inner(&self) -> &mut HeapInner {
        // SAFETY: single-threaded; see the method's contract on not holding it across re-entry.
        unsafe { &mut *self.inner.get() }
    }

    /// The memory manager.
    pub fn memory_manager(&self) -> &Arc<MemoryManager> {
        &self.mm
    }

    /// The scratch allocator for the embedder's non-GC bookkeeping.
    pub fn scratch(&self) -> &ScratchAlloc {
        &self.inner().scratch
    }

    /// Statistics.
    pub fn stats(&self) -> HeapStats {
        let i = self.inner();
        HeapStats {
            collections: i.collections,
            live_bytes: i.live_bytes + i.allocated_since_gc,
            chunks: i.pool.chunk_count(),
            large_objects: i.large.len(),
        }
    }

    /// Sets GC-stress mode: collect every `n`-th allocation (0 = off). The initial value comes
    /// from the `CONCH_GC_STRESS` environment variable (`1` = every allocation).
    pub fn set_stress(&self, n: usize) {
        self.inner().stress = n;
    }

    /// The current GC-stress interval (0 = off).
    pub fn stress(&self) -> usize {
        self.inner().stress
    }

    /// Lets allocation use the emergency reserve (the out-of-memory path turns this on to
    /// build and deliver its error; the next collection turns it off).
    pub fn set_emergency(&self, on: bool) {
        self.inner().pool.set_emergency(on);
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
            )
        };
        let size = std::mem::size_of::<CellBox<T>>()
            .checked_add(extra)
            .ok_or(OutOfMemory)?;
        let addr = self.alloc_raw(size)?;
        let p = std::ptr::with_exposed_provenance_mut::<CellBox<T>>(addr);
        // SAFETY: `alloc_raw` returned `size` bytes, 16-aligned, exclusively ours; the trailing
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
        let i = self.inner();
        if i.stress != 0 && !i.in_gc {
            i.stress_counter += 1;
            if i.stress_counter >= i.stress {
                i.stress_counter = 0;
                self.collect();
            }
        }
        if size > MAX_SMALL {
            return self.alloc_large(size);
        }
        let class = class_for(size);
        let i = self.inner();
        let cur = i.classes[class].current;
        if cur != 0 {
            // SAFETY: `current` is always an initialised block of this heap.
            let b = unsafe { BlockHeader::at(cur) };
            if let Some(a) = b.alloc(i.marking) {
                i.allocated_since_gc += b.cell_size as usize;
                return Ok(a);
            }
        }
        self.alloc_small_slow(class)
    }

    #[inline(never)]
    fn alloc_small_slow(&self, class: usize) -> Result<usize, OutOfMemory> {
        if let Some(a) = self.alloc_from_available(class) {
            return Ok(a);
        }
        let must_collect = {
            let i = self.inner();
            let near_limit = self.mm.usage().saturating_add(CHUNK_SIZE) > self.mm.limit();
            !i.in_gc && (i.allocated_since_gc >= i.trigger || near_limit)
        };
        if must_collect {
            self.collect();
            if let Some(a) = self.alloc_from_available(class) {
                return Ok(a);
            }
        }
        for attempt in 0..2 {
            if let Ok(a) = self.alloc_in_new_block(class) {
                return Ok(a);
            }
            if attempt == 0 && !self.inner().in_gc {
                self.collect();
                if let Some(a) = self.alloc_from_available(class) {
                    return Ok(a);
                }
            }
        }
        Err(OutOfMemory)
    }

    fn alloc_from_available(&self, class: usize) -> Option<usize> {
        let i = self.inner();
        loop {
            let b = i.classes[class].available;
            if b == 0 {
                return None;
            }
            // SAFETY: blocks on the available list are initialised blocks of this heap.
            let h = unsafe { BlockHeader::at(b) };
            i.classes[class].available = h.next_available;
            h.next_available = 0;
            i.classes[class].current = b;
            if let Some(a) = h.alloc(i.marking) {
                i.allocated_since_gc += h.cell_size as usize;
                return Some(a);
            }
        }
    }

    fn alloc_in_new_block(&self, class: usize) -> Result<usize, OutOfMemory> {
        conch_mm_clear_dead_stack();
        let i = self.inner();
        let block = i.pool.alloc_block()?;
        let base = block.as_ptr().expose_provenance();
        // SAFETY: a fresh block from our pool, exclusively ours.
        let h = unsafe { BlockHeader::init(base, class) };
        h.next_all = i.all_blocks;
        i.all_blocks = base;
        i.classes[class].current = base;
        let a = h.alloc(i.marking).ok_or(OutOfMemory)?;
        i.allocated_since_gc += h.cell_size as usize;
        Ok(a)
    }

    fn alloc_large(&self, size: usize) -> Result<usize, OutOfMemory> {
        let total = size.checked_add(LARGE_HEADER).ok_or(OutOfMemory)?;
        {
            let i = self.inner();
            let near_limit = self.mm.usage().saturating_add(total) > self.mm.limit();
            if !i.in_gc && (i.allocated_since_gc >= i.trigger || near_limit) {
                self.collect();
            }
        }
        let m = match self.map_large(total) {
            Ok(m) => m,
            Err(_) if !self.inner().in_gc => {
                self.collect();
                self.map_large(total)?
            }
            Err(e) => return Err(e),
        };
        let i = self.inner();
        let base = m.ptr().as_ptr().expose_provenance();
        let pos = i.large.binary_search(&base).unwrap_or_else(|p| p);
        if i.large.try_reserve(1).is_err() {
            // SAFETY: the mapping is fresh and unused.
            unsafe { self.mm.unmap(m) };
            return Err(OutOfMemory);
        }
        i.large.insert(pos, base);
        let map_size = m.size();
        let _ = m.into_raw();
        // SAFETY: fresh mapping, at least LARGE_HEADER + size bytes.
        let h = unsafe { LargeHeader::at(base) };
        *h = LargeHeader {
            magic: crate::block::LARGE_MAGIC,
            marked: i.marking as u32,
            prev: 0,
            next: 0,
            map_size,
            cell_size: size,
        };
        i.allocated_since_gc += map_size;
        Ok(base + LARGE_HEADER)
    }

    fn map_large(&self, total: usize) -> Result<Mapping, OutOfMemory> {
        self.mm.map(total, BLOCK_SIZE)
    }

    /// Is `addr` the start of a live cell of this heap? (Validation of handles from a host.)
    pub fn is_cell(&self, addr: usize) -> bool {
        let i = self.inner();
        if addr & 0xf != 0 || addr == 0 {
            return false;
        }
        if let Some(base) = i.pool.block_of(addr) {
            // SAFETY: blocks handed out by our pool are initialised heap blocks.
            let h = unsafe { BlockHeader::at(base) };
            return h.cell_index_exact(addr).is_some();
        }
        let base = addr.wrapping_sub(LARGE_HEADER);
        i.large.binary_search(&base).is_ok()
    }

    /// Adds a persistent root (refcounted); returns the new count. Up to [`ROOT_SLACK`] new
    /// roots can always be added without allocating (the table keeps that much room).
    pub fn add_root(&self, addr: usize) -> Result<u32, OutOfMemory> {
        let i = self.inner();
        if let Some(c) = i.roots.get_mut(&addr) {
            *c = c.saturating_add(1);
            return Ok(*c);
        }
        i.roots.try_reserve(1).map_err(|_| OutOfMemory)?;
        i.roots.insert(addr, 1);
        // Keep slack, so that rooting the value an out-of-memory (or any) exception delivers
        // while memory is refused needs no allocation: the host must get the thrown value.
        if i.roots.capacity() - i.roots.len() < ROOT_SLACK {
            let _ = i.roots.try_reserve(2 * ROOT_SLACK);
        }
        Ok(1)
    }

    /// Drops one reference of a persistent root; returns the remaining count (`None` if the
    /// address was not rooted).
    pub fn release_root(&self, addr: usize) -> Option<u32> {
        let i = self.inner();
        let c = i.roots.get_mut(&addr)?;
        *c -= 1;
        let left = *c;
        if left == 0 {
            i.roots.remove(&addr);
        }
        Some(left)
    }

    /// The root count of `addr` (0 if not rooted).
    pub fn root_count(&self, addr: usize) -> u32 {
        self.inner().roots.get(&addr).copied().unwrap_or(0)
    }

    /// Creates a weak reference to the cell `target`.
    pub fn create_weak(&self, target: Value) -> Result<Gc<WeakRef>, OutOfMemory> {
        self.inner().weak.try_reserve(1).map_err(|_| OutOfMemory)?;
        let w = self.alloc(WeakRef {
            target: std::cell::Cell::new(target.to_bits()),
        })?;
        let i = self.inner();
        if i.weak.try_reserve(1).is_err() {
            return Err(OutOfMemory);
        }
        i.weak.push(w.addr());
        Ok(w)
    }

    /// Sets (or clears) the callback run at the start of every collection.
    pub fn set_before_collect(&self, cb: Option<(HostCallback, usize)>) {
        self.inner().before_collect = cb;
    }

    /// Sets (or clears) the embedder's weak-table processor: called once per collection after
    /// marking (and after weak references are cleared), before finalizers and sweeping, so it
    /// can drop entries of weak tables whose cells do not [`survive`](Heap::survives). It must
    /// not allocate.
    pub fn set_weak_processor(&self, p: Option<(WeakProcessor, usize)>) {
        self.inner().weak_processor = p;
    }

    /// Sets (or clears) the embedder's marking hook: called once per collection after the roots
    /// and everything they reach are marked (before object-before-collect callbacks), so it can
    /// mark more cells with [`mark_external`](Heap::mark_external) and trace them with
    /// [`drain_marking`](Heap::drain_marking), as often as it likes. Whatever it marks survives
    /// this collection, with everything reachable from it.
    pub fn set_marking_hook(&self, h: Option<(MarkingHook, usize)>) {
        self.inner().marking_hook = h;
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
        if !self.inner().external_open || !self.is_cell(addr) || self.is_marked(addr) {
            return false;
        }
        self.mark_precise(addr);
        self.inner().external_marks += 1;
        true
    }

    /// How many cells [`mark_external`](Heap::mark_external) has newly marked so far (a
    /// monotonic count: compare two readings to see whether a tracing round found anything).
    pub fn external_marks(&self) -> usize {
        self.inner().external_marks
    }

    /// Whether [`mark_external`](Heap::mark_external) would mark now.
    pub fn is_marking(&self) -> bool {
        self.inner().external_open
    }

    /// From a marking hook (or a trace function): traces everything marked but not yet traced,
    /// transitively. Does nothing outside the marking phase.
    pub fn drain_marking(&self) {
        if self.inner().external_open {
            self.drain();
        }
    }

    /// Bytes allocated since the last collection finished (what the collection trigger
    /// counts).
    pub fn allocated_since_collection(&self) -> usize {
        self.inner().allocated_since_gc
    }

    /// During a [`WeakProcessor`] call: whether the cell at `addr` survives this collection.
    /// `addr` must be a cell of this heap that was live when the collection started.
    pub fn survives(&self, addr: usize) -> bool {
        debug_assert!(self.inner().in_gc);
        self.is_marked(addr)
    }

    /// Sets the before-sweep callback.
    pub fn set_before_sweep(&self, cb: Option<(HostCallback, usize)>) {
        self.inner().before_sweep = cb;
    }

    /// Registers a one-shot callback for when `obj` is found unreachable; `None` removes every
    /// registration for `obj`.
    pub fn set_object_callback(
        &self,
        obj: usize,
        cb: Option<ObjectCallback>,
        state: usize,
    ) -> Result<(), OutOfMemory> {
        let i = self.inner();
        match cb {
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
        }
    }

    /// Registers a finalizer run once `obj` is unreachable (after marking, before sweeping),
    /// or at heap teardown.
    pub fn register_finalizer(&self, obj: usize, f: Finalizer) -> Result<(), OutOfMemory> {
        let i = self.inner();
        i.finalizers.try_reserve(1).map_err(|_| OutOfMemory)?;
        i.finalizers.push(FinalizerEntry { obj, f });
        Ok(())
    }

    /// Runs every pending object-before-collect callback (reachable or not) and then every
    /// finalizer: the teardown order of `JsDisposeRuntime`.
    // `loop` + `let else` (not `while let`): the borrow of the internals must end before the
    // host callback runs, which may re-enter the heap.
    #[allow(clippy::while_let_loop)]
    pub fn run_all_callbacks_for_teardown(&self) {
        loop {
            let Some(e) = self.inner().obj_callbacks.pop() else {
                break;
            };
            // SAFETY: host callback registered for this object; the object is still allocated.
            unsafe {
                (e.cb)(
                    std::ptr::with_exposed_provenance_mut(e.obj),
                    e.state as *mut c_void,
                )
            };
        }
        loop {
            let Some(e) = self.inner().finalizers.pop() else {
                break;
            };
            // SAFETY: the embedder's finalizer for a still-allocated cell.
            unsafe { (e.f)(e.obj) };
        }
    }

    /// Whether a collection is under way (host callbacks inside it may ask).
    pub fn in_collection(&self) -> bool {
        self.inner().in_gc
    }
}

fn conch_mm_clear_dead_stack() {
    crate::scan::clear_dead_stack();
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
