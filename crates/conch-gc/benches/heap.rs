//! Heap benchmarks (criterion): small-object allocation rate in steady state (collections
//! included) and full-collection time with a large live set.
//!
//! Run: `cargo bench -p conch-gc --bench heap`. Results: docs/performance.md, "Heap (conch-gc)".
//! Set-up data lives in GC cells; the only std collections are criterion's own.

use conch_gc::{
    clear_dead_stack, CellType, Gc, GcVec, Heap, Trace, Tracer, Value, FIRST_EMBEDDER_KIND,
};
use conch_mm::MemoryManager;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::cell::Cell;
use std::hint::black_box;
use std::time::Duration;

/// A 32-byte cell (8-byte header + two values): the size of a small object with two slots.
struct Pair {
    a: Cell<Value>,
    b: Cell<Value>,
}

// SAFETY: reports both values.
unsafe impl Trace for Pair {
    fn trace(&self, t: &mut Tracer) {
        self.a.trace(t);
        self.b.trace(t);
    }
}

impl CellType for Pair {
    const KIND: u16 = FIRST_EMBEDDER_KIND + 100;
    const NAME: &'static str = "BenchPair";
}

/// A root cell holding a GC-resident vector of values.
struct Holder {
    items: GcVec<Value>,
}

// SAFETY: reports the vector (which reports its items).
unsafe impl Trace for Holder {
    fn trace(&self, t: &mut Tracer) {
        self.items.trace(t);
    }
}

impl CellType for Holder {
    const KIND: u16 = FIRST_EMBEDDER_KIND + 101;
    const NAME: &'static str = "BenchHolder";
}

/// Allocations per criterion iteration of the allocation benchmarks.
const ALLOCS_PER_ITER: u64 = 100_000;
/// Live objects for the full-collection benchmarks.
const LIVE: usize = 1_000_000;

fn new_heap() -> Heap {
    let heap = Heap::new(MemoryManager::new()).expect("heap");
    heap.set_stress(0);
    heap
}

#[inline(always)]
fn pair(heap: &Heap, a: Value, b: Value) -> Gc<Pair> {
    heap.alloc(Pair {
        a: Cell::new(a),
        b: Cell::new(b),
    })
    .expect("allocation")
}

/// Allocates `n` pairs that die at once (each links to its predecessor only while both are
/// young, as a short-lived temporary would).
#[inline(never)]
fn churn(heap: &Heap, n: u64) {
    let mut prev = Value::UNDEFINED;
    for k in 0..n {
        let p = pair(heap, prev, Value::int(k as i32));
        prev = if k % 16 == 15 {
            Value::UNDEFINED
        } else {
            p.to_value()
        };
    }
    black_box(prev);
}

/// A rooted holder whose vector keeps `n` pairs alive (a long-lived live set).
#[inline(never)]
fn live_set(heap: &Heap, n: usize) -> Gc<Holder> {
    let holder = heap
        .alloc(Holder {
            items: GcVec::new(),
        })
        .expect("holder");
    heap.add_root(holder.addr()).expect("root");
    holder.items.reserve(heap, n).expect("reserve");
    for k in 0..n {
        let p = pair(heap, Value::UNDEFINED, Value::int(k as i32));
        holder.items.push(heap, p.to_value()).expect("push");
    }
    clear_dead_stack();
    holder
}

/// A chain of `n` pairs (each `a` points at the previous one), rooted at its head: marking
/// follows one pointer at a time.
#[inline(never)]
fn live_chain(heap: &Heap, n: usize) -> usize {
    let mut head = pair(heap, Value::UNDEFINED, Value::int(0));
    heap.add_root(head.addr()).expect("root");
    for k in 1..n {
        let p = pair(heap, head.to_value(), Value::int(k as i32));
        heap.add_root(p.addr()).expect("root");
        heap.release_root(head.addr());
        head = p;
    }
    clear_dead_stack();
    head.addr()
}

fn alloc_rate(c: &mut Criterion) {
    let mut g = c.benchmark_group("alloc_32b");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(ALLOCS_PER_ITER));

    // Pure garbage: collections are triggered normally (every ~2 MiB) and find nothing alive.
    let heap = new_heap();
    g.bench_function("garbage", |b| b.iter(|| churn(&heap, ALLOCS_PER_ITER)));
    report(&heap, "alloc_32b/garbage");
    drop(heap);

    // Same, next to a rooted live set of 100 k pairs that every collection marks again.
    let heap = new_heap();
    let holder = live_set(&heap, 100_000);
    g.bench_function("garbage_with_100k_live", |b| {
        b.iter(|| churn(&heap, ALLOCS_PER_ITER))
    });
    report(&heap, "alloc_32b/garbage_with_100k_live");
    black_box(holder);
    drop(heap);

    // Allocation without collection cost: a fresh heap per batch, far below the trigger.
    g.throughput(Throughput::Elements(50_000));
    g.bench_function("no_gc_fresh_heap", |b| {
        b.iter_batched(
            new_heap,
            |heap| {
                churn(&heap, 50_000);
                assert_eq!(heap.stats().collections, 0);
                heap
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn full_gc(c: &mut Criterion) {
    let mut g = c.benchmark_group("full_gc_1m_live");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));

    // One root cell whose vector holds 1 M pairs (a wide object graph: 1 M mark-stack pushes).
    let heap = new_heap();
    let holder = live_set(&heap, LIVE);
    heap.collect();
    let live = heap.stats().live_bytes;
    g.bench_function("vec_of_1m", |b| b.iter(|| heap.collect()));
    assert_eq!(holder.items.len(), LIVE);
    assert_eq!(
        heap.stats().live_bytes,
        live,
        "the live set survived every collection"
    );
    eprintln!("full_gc_1m_live/vec_of_1m: live bytes after collection {live}");
    black_box(holder);
    drop(heap);

    // A chain of 1 M pairs (a deep object graph).
    let heap = new_heap();
    let head = live_chain(&heap, LIVE);
    heap.collect();
    let live = heap.stats().live_bytes;
    g.bench_function("chain_of_1m", |b| b.iter(|| heap.collect()));
    assert_eq!(heap.root_count(head), 1);
    assert_eq!(
        heap.stats().live_bytes,
        live,
        "the live set survived every collection"
    );
    eprintln!("full_gc_1m_live/chain_of_1m: live bytes after collection {live}");
    drop(heap);

    // Baseline: an empty heap (root table, stack scan, fixed costs).
    let heap = new_heap();
    g.bench_function("empty_heap", |b| b.iter(|| heap.collect()));
    g.finish();
}

fn report(heap: &Heap, name: &str) {
    let s = heap.stats();
    eprintln!(
        "{name}: {} collections, {} live bytes, {} chunks",
        s.collections, s.live_bytes, s.chunks
    );
}

criterion_group!(benches, alloc_rate, full_gc);
criterion_main!(benches);
