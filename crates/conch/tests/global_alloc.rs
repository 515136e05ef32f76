//! The engine makes no global-allocator allocation that grows with the work (issue 2, "What it
//! must show"; ARCHITECTURE.md §4): a counting `#[global_allocator]` sees the same number of
//! allocations for building N objects as for 2N.
//!
//! The workload goes through the public Rust API, which allocates nothing from the global
//! allocator per value, object or handle (handles are an `Rc` clone plus a root-table entry in
//! memory-manager memory), so what is counted is the engine's own growth: object cells, slots,
//! elements, strings, atoms, the root table, collections. Each run creates and drops its own
//! runtime, so per-runtime constants (the shared state, the memory manager) appear in both
//! counts alike. Only allocations made by this test's thread while measuring are counted.

use conch::{JsError, Runtime};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
}

fn count(size: usize) {
    if MEASURING.try_with(|m| m.get()).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(size, Ordering::Relaxed);
    }
}

// SAFETY: forwards every call to `System` unchanged; counting touches only atomics and a
// const-initialised thread-local `Cell<bool>` (no allocation, no destructor).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded contract.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: forwarded contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Formats `value <i> of <p>` into a stack buffer (the test itself must not allocate per
/// object either).
fn distinct_text(buf: &mut [u8; 48], i: usize, p: usize) -> &str {
    let mut w = &mut buf[..];
    write!(w, "value {i} of property {p}").expect("fits");
    let n = 48 - w.len();
    std::str::from_utf8(&buf[..n]).expect("ascii")
}

/// A fresh runtime builds `n` objects with four distinct string properties each, kept in one
/// array; along the way it also grows one object to `n` distinct property names (dictionary
/// mode, atoms), fills a sparse array, deletes properties, constructs errors through the global
/// constructor and converts numbers to strings. Then it collects and is dropped.
fn workload(n: usize) -> Result<(), JsError> {
    const NAMES: [&str; 4] = ["alpha", "beta", "gamma", "delta"];
    let rt = Runtime::new()?;
    let ctx = rt.context()?;
    let list = ctx.array(0)?;
    let big = ctx.object()?;
    let sparse = ctx.array(0)?;
    let error_ctor = ctx.global()?.get("Error")?;
    let mut buf = [0u8; 48];
    for i in 0..n {
        let o = ctx.object()?;
        for (p, name) in NAMES.iter().enumerate() {
            let s = ctx.string(distinct_text(&mut buf, i, p))?;
            o.set(*name, &s)?;
        }
        let num = ctx.number(i as f64 + 0.5);
        o.set("index", &num)?;
        o.set("text", &num.to_js_string()?)?;
        list.set(i, &o)?;
        let name = distinct_text(&mut buf, i, 9);
        big.set(name, &o)?;
        sparse.set(i * 4099, &num)?;
        if i % 16 == 0 {
            o.delete("beta")?;
            let e = error_ctor.construct(std::slice::from_ref(&num))?;
            o.set("error", &e)?;
        }
    }
    rt.collect_garbage();
    let last = list.get(n - 1)?;
    assert_eq!(last.get("index")?.as_f64(), Some((n - 1) as f64 + 0.5));
    assert!(big.has(distinct_text(&mut buf, n / 2, 9))?);
    Ok(())
}

/// (allocations, bytes) the workload made through the global allocator.
fn measure(n: usize) -> (usize, usize) {
    ALLOCATIONS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    MEASURING.with(|m| m.set(true));
    let r = workload(n);
    MEASURING.with(|m| m.set(false));
    r.expect("workload");
    (
        ALLOCATIONS.load(Ordering::SeqCst),
        BYTES.load(Ordering::SeqCst),
    )
}

#[test]
fn global_allocations_do_not_grow_with_the_work() {
    let n = if std::env::var_os("CONCH_GC_STRESS").is_some() {
        2_000
    } else {
        50_000
    };
    // Warm-up: one-time lazy initialisation (thread-locals, stack bounds) is not the work.
    measure(100);
    let (a1, b1) = measure(n);
    let (a2, b2) = measure(2 * n);
    println!(
        "global allocations: {a1} ({b1} bytes) for {n} objects, {a2} ({b2} bytes) for {}",
        2 * n
    );
    assert_eq!(
        a1,
        a2,
        "global-allocator allocations grew with the work: {a1} for {n} objects, {a2} for {}",
        2 * n
    );
    assert_eq!(b1, b2, "bytes allocated through the global allocator grew");
}
