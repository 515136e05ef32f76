// Test code: its logs and scratch lists hold test-sized data, never script-controlled data, so
// the storage rule's std-collection lints (clippy.toml) do not apply here.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use super::*;
use conch_mm::MemoryManager;
use std::cell::Cell as StdCell;
use std::sync::Arc;

struct Node {
    next: StdCell<Value>,
    other: StdCell<Value>,
    n: u64,
}

// SAFETY: reports both references.
unsafe impl Trace for Node {
    fn trace(&self, t: &mut Tracer) {
        self.next.trace(t);
        self.other.trace(t);
    }
}
impl CellType for Node {
    const KIND: u16 = FIRST_EMBEDDER_KIND;
    const NAME: &'static str = "Node";
}

struct Big {
    link: StdCell<Value>,
    _pad: [u64; 2000],
}
// SAFETY: reports the link.
unsafe impl Trace for Big {
    fn trace(&self, t: &mut Tracer) {
        self.link.trace(t);
    }
}
impl CellType for Big {
    const KIND: u16 = FIRST_EMBEDDER_KIND + 1;
    const NAME: &'static str = "Big";
}

fn node(heap: &Heap, n: u64) -> Gc<Node> {
    heap.alloc(Node {
        next: StdCell::new(Value::UNDEFINED),
        other: StdCell::new(Value::UNDEFINED),
        n,
    })
    .unwrap()
}

/// Builds garbage in its own frame and returns only the addresses (disguised so the stack does
/// not hold the pointers themselves).
#[inline(never)]
fn make_garbage(heap: &Heap, count: usize) -> usize {
    let mut first = 0;
    for i in 0..count {
        let g = node(heap, i as u64);
        if i == 0 {
            first = g.addr() ^ 0xffff_0000_0000_0000;
        }
    }
    clear_dead_stack();
    first
}

#[inline(never)]
fn collect_clean(heap: &Heap) {
    clear_dead_stack();
    heap.collect();
}

/// Conservative scanning makes "is it dead?" assertions fragile on the test's own thread (the test
/// frame may hold a stale copy of any address it handled), so such collections run elsewhere.
/// Runs `f` on a fresh thread (joined before returning): whatever it leaves in registers or on
/// its stack cannot retain anything, since a collection scans only the collecting thread.
fn elsewhere<R: Send>(heap: &Heap, f: impl FnOnce(&Heap) -> R + Send) -> R {
    struct SendPtr(*const Heap);
    // SAFETY: the heap is used by one thread at a time: this one blocks until the other joins.
    unsafe impl Send for SendPtr {}
    let p = SendPtr(heap);
    std::thread::scope(|s| {
        s.spawn(move || {
            let p = p;
            // SAFETY: the heap outlives the scope and nobody else uses it meanwhile.
            f(unsafe { &*p.0 })
        })
        .join()
        .unwrap()
    })
}

fn heap() -> Heap {
    let h = Heap::new(MemoryManager::new()).unwrap();
    h.set_stress(0);
    h
}

#[test]
#[cfg_attr(miri, ignore)] // tests the stack scan, which Miri cannot run
fn stack_values_survive_and_garbage_is_collected() {
    let heap = heap();
    let kept = node(&heap, 7);
    let child = node(&heap, 8);
    kept.next.set(child.to_value());
    let disguised = make_garbage(&heap, 10_000);
    collect_clean(&heap);
    assert!(heap.is_cell(kept.addr()));
    assert!(
        heap.is_cell(child.addr()),
        "reachable through a traced field"
    );
    assert_eq!(std::hint::black_box(kept).n, 7);
    let dead = disguised ^ 0xffff_0000_0000_0000;
    assert!(!heap.is_cell(dead), "unreachable cell was swept");
    assert!(heap.stats().live_bytes < 100_000);
}

#[test]
#[cfg_attr(miri, ignore)] // tests the stack scan, which Miri cannot run
fn interior_pointers_and_nan_boxed_values_on_the_stack_keep_cells_alive() {
    let heap = heap();
    let a = node(&heap, 1);
    let interior = std::hint::black_box(a.addr() + 8);
    let as_value = std::hint::black_box(node(&heap, 2).to_value().to_bits());
    let addr_a = a.addr() ^ 1;
    #[allow(unused_assignments)]
    let mut a = Some(a);
    a = None;
    std::hint::black_box(&a);
    collect_clean(&heap);
    assert!(heap.is_cell(addr_a ^ 1));
    assert!(heap.is_cell(as_value as usize));
    std::hint::black_box(interior);
}

#[test]
fn roots_keep_cells_alive_until_released() {
    let heap = heap();
    let hidden = elsewhere(&heap, rooted);
    collect_clean(&heap);
    assert!(alive(&heap, hidden));
    assert_eq!(heap.add_root(hidden ^ MASK).unwrap(), 2);
    assert_eq!(heap.release_root(hidden ^ MASK), Some(1));
    assert_eq!(heap.release_root(hidden ^ MASK), Some(0));
    assert_eq!(heap.release_root(hidden ^ MASK), None);
    elsewhere(&heap, collect_clean);
    assert!(!alive(&heap, hidden));
}

#[inline(never)]
fn rooted(heap: &Heap) -> usize {
    let n = node(heap, 3);
    let child = node(heap, 4);
    n.other.set(child.to_value());
    heap.add_root(n.addr()).unwrap();
    n.addr() ^ MASK
}

/// Addresses kept in tests are XOR-ed with this so the test's own stack does not root them.
const MASK: usize = 0x5a5a_0000_0000_0000;

#[inline(never)]
fn alive(heap: &Heap, hidden: usize) -> bool {
    heap.is_cell(hidden ^ MASK)
}

#[inline(never)]
fn weak_to_garbage(heap: &Heap) -> Gc<WeakRef> {
    let target = node(heap, 5);
    heap.create_weak(target.to_value()).unwrap()
}

#[test]
fn weak_references_are_cleared_when_the_target_dies() {
    let heap = heap();
    let w_dead = elsewhere(&heap, |h| weak_to_garbage(h).addr() ^ MASK);
    // SAFETY: the WeakRef cell is live (nothing collected since it was made).
    let w_dead = unsafe { Gc::<WeakRef>::from_addr(w_dead ^ MASK) }.unwrap();
    let keep = node(&heap, 9);
    let w_live = heap.create_weak(keep.to_value()).unwrap();
    heap.add_root(keep.addr()).unwrap();
    heap.add_root(w_live.addr()).unwrap();
    heap.add_root(w_dead.addr()).unwrap();
    elsewhere(&heap, collect_clean);
    assert_eq!(w_live.get(), Some(keep.to_value()));
    assert_eq!(w_dead.get(), None);
    std::hint::black_box(keep);
}

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
static ONE_SHOT_CALLS: AtomicUsize = AtomicUsize::new(0);
static RESURRECT_CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn count_cb(_obj: *mut std::ffi::c_void, state: *mut std::ffi::c_void) {
    let counter = if state.is_null() {
        &ONE_SHOT_CALLS
    } else {
        &RESURRECT_CALLS
    };
    counter.fetch_add(1, SeqCst);
}

unsafe extern "C" fn resurrect_cb(obj: *mut std::ffi::c_void, state: *mut std::ffi::c_void) {
    RESURRECT_CALLS.fetch_add(1, SeqCst);
    // SAFETY: the test passes its heap's address as state.
    let heap = unsafe { &*(state as *const Heap) };
    heap.set_object_callback(obj as usize, Some(count_cb), state as usize)
        .unwrap();
}

#[inline(never)]
fn register(heap: &Heap, cb: ObjectCallback, state: usize) -> usize {
    let n = node(heap, 1);
    let c = node(heap, 2);
    n.next.set(c.to_value());
    heap.set_object_callback(n.addr(), Some(cb), state).unwrap();
    n.addr() ^ MASK
}

#[test]
fn object_before_collect_callback_is_one_shot() {
    let heap = heap();
    let hidden = elsewhere(&heap, |h| register(h, count_cb, 0));
    elsewhere(&heap, collect_clean);
    assert_eq!(ONE_SHOT_CALLS.load(SeqCst), 1);
    assert!(!alive(&heap, hidden));
    elsewhere(&heap, collect_clean);
    assert_eq!(ONE_SHOT_CALLS.load(SeqCst), 1, "called exactly once");
}

#[inline(never)]
fn child_alive(heap: &Heap, hidden: usize) -> bool {
    // SAFETY: the caller checked the cell is live.
    let n = unsafe { Gc::<Node>::from_addr(hidden ^ MASK) }.unwrap();
    heap.is_cell(n.next.get().cell_addr().unwrap())
}

#[test]
fn re_registering_in_the_callback_resurrects() {
    let heap = heap();
    let state = &heap as *const Heap as usize;
    let hidden = elsewhere(&heap, move |h| register(h, resurrect_cb, state));
    // On a fresh thread: this worker thread's stack may hold stale words of an earlier test
    // whose heap had mapped the same addresses.
    elsewhere(&heap, collect_clean);
    assert_eq!(RESURRECT_CALLS.load(SeqCst), 1);
    assert!(alive(&heap, hidden), "resurrected");
    assert!(
        child_alive(&heap, hidden),
        "its child was resurrected with it"
    );
    elsewhere(&heap, collect_clean);
    assert_eq!(RESURRECT_CALLS.load(SeqCst), 2);
    elsewhere(&heap, collect_clean);
    assert!(!alive(&heap, hidden));
}

#[test]
fn large_objects_are_collected_and_returned_to_the_os() {
    let mm = MemoryManager::new();
    let heap = Heap::new(mm.clone()).unwrap();
    heap.set_stress(0);
    let keep = heap
        .alloc(Big {
            link: StdCell::new(Value::UNDEFINED),
            _pad: [0; 2000],
        })
        .unwrap();
    let inner = node(&heap, 1);
    keep.link.set(inner.to_value());
    // Rooted: the collection below runs on another thread (a stale word on this one could keep
    // a garbage object alive and make the count flaky), whose stack does not hold `keep`.
    heap.add_root(keep.addr()).unwrap();
    let before = mm.usage();
    make_big_garbage(&heap);
    assert!(mm.usage() > before);
    elsewhere(&heap, collect_clean);
    assert_eq!(heap.stats().large_objects, 1);
    assert!(heap.is_cell(std::hint::black_box(keep).addr()));
    assert!(heap.is_cell(inner.addr()));
}

#[inline(never)]
fn make_big_garbage(heap: &Heap) {
    for _ in 0..20 {
        heap.alloc(Big {
            link: StdCell::new(Value::UNDEFINED),
            _pad: [0; 2000],
        })
        .unwrap();
    }
}

#[test]
fn out_of_memory_under_a_limit_is_an_error_and_the_heap_recovers() {
    let mm = MemoryManager::new();
    let heap = Heap::new(mm.clone()).unwrap();
    heap.set_stress(0);
    // Miri: a 4 MiB fill takes over a quarter of an hour; 1 MiB (about 25,000 nodes) still
    // fills several chunks.
    let limit = if cfg!(miri) { 1 << 20 } else { 4 << 20 };
    mm.set_limit(limit);
    let head = node(&heap, 0);
    heap.add_root(head.addr()).unwrap();
    let n = fill_until_oom(&heap, head);
    assert!(n > 10_000, "allocated {n}");
    assert!(mm.usage() <= mm.limit());
    // Drop the chain and collect: allocation works again.
    head.next.set(Value::UNDEFINED);
    collect_clean(&heap);
    for i in 0..10_000 {
        node(&heap, i);
    }
    drop(heap);
    assert_eq!(mm.usage(), 0, "every byte returned");
}

#[inline(never)]
fn fill_until_oom(heap: &Heap, head: Gc<Node>) -> usize {
    let mut n = 0;
    loop {
        match heap.alloc(Node {
            next: StdCell::new(head.next.get()),
            other: StdCell::new(Value::UNDEFINED),
            n: 0,
        }) {
            Ok(c) => {
                head.next.set(c.to_value());
                n += 1;
            }
            Err(OutOfMemory) => return n,
        }
    }
}

#[test]
// Under GC stress, each new node lives only in a local until it is inserted: only the stack
// scan, which Miri cannot run, keeps it.
#[cfg_attr(miri, ignore)]
fn gc_vec_and_hash_map_survive_collections() {
    struct Holder {
        v: GcVec<Value>,
        m: GcHashMap<u64, Value>,
    }
    // SAFETY: traces both collections.
    unsafe impl Trace for Holder {
        fn trace(&self, t: &mut Tracer) {
            self.v.trace(t);
            self.m.trace(t);
        }
    }
    impl CellType for Holder {
        const KIND: u16 = FIRST_EMBEDDER_KIND + 2;
        const NAME: &'static str = "Holder";
    }
    let heap = heap();
    heap.set_stress(97);
    let h = heap
        .alloc(Holder {
            v: GcVec::new(),
            m: GcHashMap::new(),
        })
        .unwrap();
    for i in 0..5000u64 {
        let n = node(&heap, i);
        h.v.push(&heap, n.to_value()).unwrap();
        let m = node(&heap, i * 2);
        h.m.insert(&heap, i, m.to_value()).unwrap();
    }
    for i in (0..5000u64).step_by(2) {
        assert!(h.m.remove(&i).is_some());
    }
    heap.set_stress(0);
    collect_clean(&heap);
    assert_eq!(h.v.len(), 5000);
    for (i, v) in h.v.iter().enumerate() {
        // SAFETY: values stored are live Node cells.
        let n = unsafe { Gc::<Node>::from_addr(v.cell_addr().unwrap()) }.unwrap();
        assert_eq!(n.n, i as u64);
    }
    assert_eq!(h.m.len(), 2500);
    let mut order = std::vec::Vec::new();
    h.m.for_each(|k, v| {
        // SAFETY: values stored are live Node cells.
        let n = unsafe { Gc::<Node>::from_addr(v.cell_addr().unwrap()) }.unwrap();
        assert_eq!(n.n, k * 2);
        order.push(k);
    });
    assert!(order.windows(2).all(|w| w[0] < w[1]), "insertion order");
    assert!(h.m.get(&1).is_some());
    assert_eq!(h.m.get(&2), None);
}

#[test]
fn string_storage_arrays() {
    let heap = heap();
    let s = GcArray::<u16>::from_slice(&heap, &[104, 105]).unwrap();
    let b = GcArray::<u8>::from_slice(&heap, b"hello world").unwrap();
    // Rooted, so the test is precise (it also runs under Miri, where nothing is scanned).
    heap.add_root(s.addr()).unwrap();
    heap.add_root(b.addr()).unwrap();
    collect_clean(&heap);
    // SAFETY: nothing writes to these arrays.
    unsafe {
        assert_eq!(s.as_slice(), &[104, 105]);
        assert_eq!(b.as_slice(), b"hello world");
    }
}

#[test]
fn mark_stack_overflow_is_handled_by_rescanning() {
    // A long chain marks depth-first through the mark stack; make it much longer than the
    // reserved capacity and refuse growth via the limit.
    let mm = MemoryManager::new();
    let heap = Heap::new(mm.clone()).unwrap();
    heap.set_stress(0);
    let head = node(&heap, 0);
    // A wide fan-out: one node pointing to many through a GcVec stresses the stack.
    let mut prev = head;
    let length = if cfg!(miri) { 3_000 } else { 50_000 }; // Miri: 50,000 take tens of minutes
    for i in 0..length {
        let n = node(&heap, i);
        n.other.set(prev.to_value());
        prev = n;
    }
    // Rooted, so the test is precise (it also runs under Miri, where nothing is scanned).
    heap.add_root(prev.addr()).unwrap();
    mm.set_limit(mm.usage());
    collect_clean(&heap);
    let mut count = 0;
    let mut cur = prev.to_value();
    while let Some(a) = cur.cell_addr() {
        assert!(heap.is_cell(a));
        // SAFETY: live Node.
        cur = unsafe { Gc::<Node>::from_addr(a) }.unwrap().other.get();
        count += 1;
    }
    assert_eq!(count, length + 1);
}

#[test]
fn memory_is_returned_when_the_heap_drops() {
    let mm = MemoryManager::new();
    {
        let heap = Heap::new(mm.clone()).unwrap();
        // Miri: 100,000 take over four minutes; 5,000 still fill more than one block.
        for i in 0..if cfg!(miri) { 5_000 } else { 100_000 } {
            node(&heap, i);
        }
        make_big_garbage(&heap);
        heap.add_root(node(&heap, 1).addr()).unwrap();
    }
    assert_eq!(mm.usage(), 0);
    let _ = Arc::strong_count(&mm);
}

static HOOK_TARGET: AtomicUsize = AtomicUsize::new(0);
static HOOK_CALLS: AtomicUsize = AtomicUsize::new(0);

fn marking_hook(heap: &Heap, state: usize) {
    assert_eq!(state, 42);
    assert!(heap.is_marking());
    HOOK_CALLS.fetch_add(1, SeqCst);
    let hidden = HOOK_TARGET.load(SeqCst);
    if hidden != 0 {
        let before = heap.external_marks();
        // SAFETY: the test keeps the target alive through this hook only; it is live here.
        let n = unsafe { Gc::<Node>::from_addr(hidden ^ MASK) }.unwrap();
        assert!(heap.mark_external(n.to_value()));
        assert!(!heap.mark_external(n.to_value()), "already marked");
        assert_eq!(heap.external_marks(), before + 1);
        heap.drain_marking();
    }
}

#[test]
fn the_marking_hook_keeps_what_it_marks_alive() {
    let heap = heap();
    let hidden = elsewhere(&heap, |h| {
        let n = node(h, 1);
        n.next.set(node(h, 2).to_value());
        n.addr() ^ MASK
    });
    HOOK_TARGET.store(hidden, SeqCst);
    heap.set_marking_hook(Some((marking_hook, 42)));
    elsewhere(&heap, collect_clean);
    assert!(HOOK_CALLS.load(SeqCst) >= 1);
    assert!(alive(&heap, hidden));
    assert!(child_alive(&heap, hidden), "traced from the hook's mark");
    // Outside a collection, marking does nothing.
    assert!(!heap.is_marking());
    // SAFETY: still live (checked above).
    let n = unsafe { Gc::<Node>::from_addr(hidden ^ MASK) }.unwrap();
    assert!(!heap.mark_external(n.to_value()));
    HOOK_TARGET.store(0, SeqCst);
    elsewhere(&heap, collect_clean);
    assert!(!alive(&heap, hidden));
    heap.set_marking_hook(None);
}

#[test]
fn new_roots_need_no_memory_while_memory_is_refused() {
    let heap = heap();
    let n = 300;
    let cells: Vec<usize> = (0..n + crate::ROOT_SLACK as u64)
        .map(|i| node(&heap, i).addr())
        .collect();
    let mm = heap.memory_manager().clone();
    // At every fill level of the table (so also right at each growth boundary), ROOT_SLACK
    // more roots go in with memory refused.
    for k in 0..n as usize {
        heap.add_root(cells[k]).unwrap();
        mm.set_limit(mm.usage());
        for &c in &cells[n as usize..] {
            heap.add_root(c).expect("slack in the root table");
        }
        mm.set_limit(usize::MAX);
        for &c in &cells[n as usize..] {
            assert_eq!(heap.release_root(c), Some(0));
        }
    }
}

// ---- Limits (issue 8): flood-free out-of-memory, bounded collections, mark stack ----

/// A big array cell: `len` values follow the payload (allocated with `alloc_with_extra`).
struct Slots {
    len: StdCell<usize>,
}

impl Slots {
    /// Item `i` by address: the cell's memory was exposed when it was allocated, and a pointer
    /// derived from `&self` would not cover the items beyond the fixed payload.
    fn item(&self, i: usize) -> *mut Value {
        let base = (self as *const Slots).expose_provenance() + std::mem::size_of::<Slots>();
        std::ptr::with_exposed_provenance_mut::<Value>(base + 8 * i)
    }
    fn get(&self, i: usize) -> Value {
        // SAFETY: `i < len`, initialised (zeroed bits read as a non-cell by the tracer).
        unsafe { self.item(i).read() }
    }
    fn set(&self, i: usize, v: Value) {
        // SAFETY: `i` lies within the capacity the cell was allocated with.
        unsafe { self.item(i).write(v) }
    }
}

// SAFETY: reports every value.
unsafe impl Trace for Slots {
    fn trace(&self, t: &mut Tracer) {
        for i in 0..self.len.get() {
            t.mark_value(self.get(i));
        }
    }
}
impl CellType for Slots {
    const KIND: u16 = FIRST_EMBEDDER_KIND + 2;
    const NAME: &'static str = "Slots";
}

unsafe fn slots_slice(addr: usize, from: usize, max: usize, t: &mut Tracer) -> usize {
    // SAFETY: the collector calls this only for live `Slots` cells.
    let s = unsafe { Gc::<Slots>::from_addr(addr) }.unwrap();
    let len = s.len.get();
    for i in from..len.min(from.saturating_add(max)) {
        t.mark_value(s.get(i));
    }
    len
}

fn slots_lookup(vt: &'static VTable) -> Option<SliceTrace> {
    (vt.kind == Slots::KIND).then_some(slots_slice as SliceTrace)
}

fn slots(heap: &Heap, cap: usize) -> Gc<Slots> {
    let s = heap
        .alloc_with_extra(
            Slots {
                len: StdCell::new(0),
            },
            cap * 8,
        )
        .unwrap();
    heap.add_root(s.addr()).unwrap();
    s
}

/// Counts Failure events.
fn count_failures(mm: &Arc<MemoryManager>) -> Arc<std::sync::atomic::AtomicUsize> {
    let n = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let c = n.clone();
    mm.set_callback(Some(Arc::new(move |ev, _| {
        if ev == conch_mm::MemoryEvent::Failure {
            c.fetch_add(1, SeqCst);
        }
        true
    })));
    n
}

/// Fills `s` with fresh nodes until an allocation fails; returns (filled, most collections in
/// one allocation, collections in the failing one).
#[inline(never)]
fn fill_slots(heap: &Heap, s: Gc<Slots>, cap: usize) -> (usize, usize, usize) {
    let mut most = 0;
    for i in 0..cap {
        let before = heap.stats().collections;
        let r = heap.alloc(Node {
            next: StdCell::new(Value::UNDEFINED),
            other: StdCell::new(Value::UNDEFINED),
            n: i as u64,
        });
        let n = heap.stats().collections - before;
        most = most.max(n);
        match r {
            Ok(c) => {
                s.set(i, c.to_value());
                s.len.set(i + 1);
            }
            Err(OutOfMemory) => return (i, most, n),
        }
    }
    (cap, most, 0)
}

fn fill_to_oom_under(limit: usize, sliced: bool) {
    let mm = MemoryManager::new();
    let heap = heap_over(&mm);
    if sliced {
        heap.set_slice_lookup(Some(slots_lookup));
    }
    let start = mm.usage();
    let cap = limit / 32;
    let s = slots(&heap, cap);
    let failures = count_failures(&mm);
    mm.set_limit(start + limit);
    let (filled, most, failing) = fill_slots(&heap, s, cap);
    assert!(filled > 1000 && filled < cap, "filled {filled}");
    let failures = failures.load(SeqCst);
    assert!(failures <= 4, "{failures} Failure events");
    assert!(failing <= 2 && most <= 2, "{failing} / {most} collections");
    assert!(heap.emergency(), "the failed allocation opened the reserve");
    // Every node survived the collections (sliced or overflowed marking saw them all).
    for i in (0..filled).step_by(97) {
        assert!(heap.is_cell(s.get(i).cell_addr().unwrap()));
    }
    heap.release_root(s.addr());
    elsewhere(&heap, collect_clean);
    assert!(!heap.emergency(), "a collection closes the reserve");
    assert_eq!(heap.stats().mark_stack_segments, 1, "shrunk to its reserve");
    let after = mm.usage();
    assert!(
        after <= start + (1 << 20),
        "usage {after} after the drop, {start} before the fill"
    );
}

fn heap_over(mm: &Arc<MemoryManager>) -> Heap {
    let h = Heap::new(mm.clone()).unwrap();
    h.set_stress(0);
    h
}

#[test]
fn filling_to_out_of_memory_is_one_signal_not_a_flood() {
    // Miri: each 1 MiB fill takes about two minutes there, a 4 MiB one much longer.
    let limits: &[usize] = if cfg!(miri) {
        &[1 << 20]
    } else {
        &[1 << 20, 4 << 20]
    };
    for &limit in limits {
        fill_to_oom_under(limit, true);
        fill_to_oom_under(limit, false);
    }
}

#[test]
fn near_the_limit_collections_follow_the_garbage_not_the_allocations() {
    let mm = MemoryManager::new();
    let heap = heap_over(&mm);
    let live = if cfg!(miri) { 2_000 } else { 60_000 };
    let churn = if cfg!(miri) { 5_000 } else { 100_000 };
    let s = slots(&heap, live);
    let (filled, _, _) = fill_slots(&heap, s, live);
    assert_eq!(filled, live);
    heap.collect();
    mm.set_limit(mm.usage() + 200 * 1024);
    let before = heap.stats().collections;
    short_lived(&heap, churn);
    let n = heap.stats().collections - before;
    // 100k cells of 32 bytes are ~16 headrooms' worth of garbage.
    assert!(n <= 30, "{n} collections");
    assert!(heap.is_cell(s.get(live - 1).cell_addr().unwrap()));
}

#[inline(never)]
fn short_lived(heap: &Heap, n: usize) {
    for i in 0..n {
        node(heap, i as u64);
    }
}

#[test]
fn a_wide_array_overflows_the_reserve_and_is_rescanned() {
    let mm = MemoryManager::new();
    let heap = heap_over(&mm);
    let n = if cfg!(miri) { 9_000 } else { 40_000 };
    let s = slots(&heap, n);
    fill_slots(&heap, s, n);
    let failures = count_failures(&mm);
    // No segment beyond the reserve fits: the array's 40k children overflow it.
    mm.set_limit(mm.usage());
    heap.collect();
    assert_eq!(
        failures.load(SeqCst),
        0,
        "no request the limit would refuse"
    );
    assert_eq!(heap.stats().mark_stack_segments, 1);
    for i in 0..n {
        assert!(heap.is_cell(s.get(i).cell_addr().unwrap()), "{i}");
    }
}

#[test]
#[cfg_attr(miri, ignore)] // the stack bounds and the scan: Miri has neither
fn a_collection_on_an_unknown_stack_is_refused_and_reported() {
    let heap = heap();
    let here = conch_mm::stack::current_sp();
    conch_mm::stack::set_stack_bounds(here + (1 << 20), here + (2 << 20));
    heap.collect();
    let err = heap.collection_error();
    let collections = heap.stats().collections;
    conch_mm::stack::reset_stack_bounds();
    assert_eq!(err, Some(CollectionError::StackOutOfBounds));
    assert_eq!(collections, 0);
    heap.collect();
    assert_eq!(heap.collection_error(), None);
    assert_eq!(heap.stats().collections, 1);
}

#[test]
fn a_memory_callback_that_re_enters_the_heap_is_refused() {
    let mm = MemoryManager::new();
    let heap = heap_over(&mm);
    let addr = &heap as *const Heap as usize;
    let saw = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let s2 = saw.clone();
    mm.set_callback(Some(Arc::new(move |ev, _| {
        if ev == conch_mm::MemoryEvent::Allocate {
            // SAFETY: the heap outlives the callback (removed below) and is on this thread.
            let h = unsafe { &*(addr as *const Heap) };
            let r = h.alloc(Node {
                next: StdCell::new(Value::UNDEFINED),
                other: StdCell::new(Value::UNDEFINED),
                n: 0,
            });
            if r.is_err() && h.add_root(16).is_err() && !h.is_cell(addr) {
                s2.fetch_add(1, SeqCst);
            }
        }
        true
    })));
    node(&heap, 1); // maps the first chunk
    mm.set_callback(None);
    assert!(saw.load(SeqCst) >= 1);
}

#[test]
fn extend_frame_writes_head_copy_and_fill_once_and_checks_its_bounds() {
    let heap = heap();
    let v = GcVec::<Value>::new();
    v.extend_filled(&heap, 3, Value::int(7)).unwrap();
    v.set(1, Value::int(8));
    // head [1, 2], then items 1..3 copied ([8, 7]), then fill up to 6.
    v.extend_frame(&heap, &[Value::int(1), Value::int(2)], 1, 2, 6, Value::NULL)
        .unwrap();
    let got: std::vec::Vec<Value> = v.cells().iter().map(|c| c.get()).collect();
    let want = [7, 8, 7, 1, 2, 8, 7]
        .iter()
        .map(|&i| Value::int(i))
        .chain([Value::NULL, Value::NULL])
        .collect::<std::vec::Vec<_>>();
    assert_eq!(got, want);
    // A copy past the end, or a head and copy longer than n: refused, nothing appended.
    assert!(v.extend_frame(&heap, &[], 8, 2, 4, Value::NULL).is_err());
    assert!(v
        .extend_frame(&heap, &[Value::TRUE; 3], 0, 2, 4, Value::NULL)
        .is_err());
    assert_eq!(v.len(), 9);
}

struct StackHolder {
    s: SegStack<Value>,
}
// SAFETY: reports the stack.
unsafe impl Trace for StackHolder {
    fn trace(&self, t: &mut Tracer) {
        self.s.trace(t);
    }
}
impl CellType for StackHolder {
    const KIND: u16 = FIRST_EMBEDDER_KIND + 2;
    const NAME: &'static str = "StackHolder";
}

#[inline(never)]
fn rooted_stack(heap: &Heap) -> usize {
    let h = heap.alloc(StackHolder { s: SegStack::new() }).unwrap();
    for i in 0..5000 {
        h.s.push(heap, node(heap, i).to_value()).unwrap();
    }
    heap.add_root(h.addr()).unwrap();
    h.addr() ^ MASK
}

#[test]
fn a_segmented_stack_keeps_its_chunks_their_starts_and_items() {
    let heap = heap();
    let hidden = elsewhere(&heap, rooted_stack);
    elsewhere(&heap, collect_clean);
    // Reuse the freed memory, so a swept array would show garbage.
    for i in 0..20_000 {
        node(&heap, i);
        let a = GcArray::<usize>::new(&heap, 4).unwrap();
        a.resize_within_capacity(4, usize::MAX / 3);
    }
    // SAFETY: rooted above; a StackHolder cell.
    let h = unsafe { Gc::<StackHolder>::from_addr(hidden ^ MASK) }.unwrap();
    for i in 0..5000 {
        let v = h.s.get(i as usize).unwrap();
        // SAFETY: the stack holds Node cells only.
        let n = unsafe { Gc::<Node>::from_addr(v.cell_addr().unwrap()) }.unwrap();
        assert_eq!(n.n, i);
    }
}
