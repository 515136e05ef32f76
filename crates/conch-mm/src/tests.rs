// Test code: its logs and scratch lists hold test-sized data, never script-controlled data, so
// the storage rule's std-collection lints (clippy.toml) do not apply here.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use super::*;
use allocator_api2::alloc::Layout;
use std::sync::Mutex as StdMutex;

type Log = Arc<StdMutex<std::vec::Vec<(MemoryEvent, usize, usize)>>>;

/// Installs a recording callback; each entry also records the usage seen *inside* the callback.
fn recorder(mm: &Arc<MemoryManager>, refuse_over: usize) -> Log {
    let log: Log = Arc::default();
    let l = log.clone();
    let weak = Arc::downgrade(mm);
    mm.set_callback(Some(Arc::new(move |ev, n| {
        let usage = weak.upgrade().map_or(0, |m| m.usage());
        l.lock().unwrap().push((ev, n, usage));
        !(ev == MemoryEvent::Allocate && n > refuse_over)
    })));
    log
}

#[test]
fn allocate_before_usage_grows_and_free_after_release() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, usize::MAX);
    let m = mm.map(10_000, 4096).unwrap();
    assert_eq!(m.size(), 12_288);
    assert_eq!(mm.usage(), 12_288);
    // SAFETY: fresh mapping, unused.
    unsafe { mm.unmap(m) };
    assert_eq!(mm.usage(), 0);
    let log = log.lock().unwrap();
    assert_eq!(
        *log,
        vec![
            (MemoryEvent::Allocate, 12_288, 0),
            (MemoryEvent::Free, 12_288, 0)
        ]
    );
}

#[test]
fn refused_allocate_is_followed_by_failure_of_same_size() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, 8192);
    assert!(mm.map(4096, 4096).is_ok_and(|m| {
        // SAFETY: fresh mapping, unused.
        unsafe { mm.unmap(m) };
        true
    }));
    assert_eq!(mm.map(100_000, 4096).unwrap_err(), OutOfMemory);
    assert_eq!(mm.usage(), 0);
    let log = log.lock().unwrap();
    assert_eq!(log[2], (MemoryEvent::Allocate, 102_400, 0));
    assert_eq!(log[3], (MemoryEvent::Failure, 102_400, 0));
    assert_eq!(log.len(), 4);
}

#[test]
fn limit_refusal_reports_failure_without_allocate() {
    let mm = MemoryManager::new();
    mm.set_limit(8192);
    let log = recorder(&mm, usize::MAX);
    let a = mm.map(8192, 4096).unwrap(); // exactly the limit: allowed
    assert!(mm.map(4096, 4096).is_err());
    assert_eq!(
        *log.lock().unwrap(),
        vec![
            (MemoryEvent::Allocate, 8192, 0),
            (MemoryEvent::Failure, 4096, 8192)
        ]
    );
    // A limit below usage refuses everything but breaks nothing.
    mm.set_limit(100);
    assert!(mm.map(4096, 4096).is_err());
    // SAFETY: fresh mapping, unused.
    unsafe { mm.unmap(a) };
    assert_eq!(mm.usage(), 0);
}

#[test]
fn overflow_is_a_refusal() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, usize::MAX);
    assert!(mm.request(1));
    assert!(!mm.request(usize::MAX));
    mm.release(1);
    let log = log.lock().unwrap();
    assert_eq!(log[1], (MemoryEvent::Failure, usize::MAX, 1));
}

#[test]
fn os_failure_after_grant_reports_failure_and_restores_usage() {
    let mm = MemoryManager::with_os(Box::new(FailingOs::new(2, true)));
    let log = recorder(&mm, usize::MAX);
    let a = mm.map(4096, 4096).unwrap();
    assert!(mm.map(4096, 4096).is_err());
    assert_eq!(mm.usage(), 4096);
    let b = mm.map(4096, 4096).unwrap();
    // SAFETY: fresh mappings, unused.
    unsafe {
        mm.unmap(a);
        mm.unmap(b);
    }
    let log = log.lock().unwrap();
    let kinds: std::vec::Vec<_> = log.iter().map(|e| e.0).collect();
    use MemoryEvent::*;
    assert_eq!(kinds, [Allocate, Allocate, Failure, Allocate, Free, Free]);
    assert_eq!(
        log[2],
        (Failure, 4096, 4096),
        "usage already restored, as ChakraCore does"
    );
    assert_eq!(mm.usage(), 0);
}

#[test]
fn mappings_are_aligned_and_zeroed() {
    let mm = MemoryManager::new();
    let m = mm.map(CHUNK_SIZE, CHUNK_SIZE).unwrap();
    let addr = m.ptr().as_ptr() as usize;
    assert_eq!(addr % CHUNK_SIZE, 0);
    assert!(addr + CHUNK_SIZE <= 1 << 47);
    // SAFETY: fresh mapping of CHUNK_SIZE bytes.
    let bytes = unsafe { std::slice::from_raw_parts(m.ptr().as_ptr(), CHUNK_SIZE) };
    assert!(bytes.iter().all(|&b| b == 0));
    // SAFETY: unused.
    unsafe { mm.unmap(m) };
}

#[test]
fn callback_can_be_replaced_and_removed() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, 0);
    assert!(!mm.request(4096));
    mm.set_callback(None);
    assert!(mm.request(4096));
    mm.release(4096);
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[test]
fn block_pool_reuses_releases_and_keeps_a_reserve() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, usize::MAX);
    let mut pool = BlockPool::new(mm.clone());
    let mut blocks = std::vec::Vec::new();
    for _ in 0..100 {
        let b = pool.alloc_block().unwrap();
        assert_eq!(b.as_ptr() as usize % BLOCK_SIZE, 0);
        assert!(pool.block_of(b.as_ptr() as usize + 100).is_some());
        blocks.push(b);
    }
    let chunks = pool.chunk_count();
    // 100 blocks at 16 per chunk, with 4 held in reserve.
    assert_eq!(chunks, 7);
    for b in blocks.drain(..) {
        // SAFETY: from this pool, unused.
        unsafe { pool.free_block(b) };
        assert!(pool.block_of(b.as_ptr() as usize).is_none());
    }
    assert!(
        pool.chunk_count() <= 3,
        "free chunks go back to the OS above the threshold"
    );
    let usage = mm.usage();
    assert!(usage >= CHUNK_SIZE);
    drop(pool);
    assert_eq!(mm.usage(), 0);
    let log = log.lock().unwrap();
    let alloc: usize = log
        .iter()
        .filter(|e| e.0 == MemoryEvent::Allocate)
        .map(|e| e.1)
        .sum();
    let free: usize = log
        .iter()
        .filter(|e| e.0 == MemoryEvent::Free)
        .map(|e| e.1)
        .sum();
    assert_eq!(alloc, free);
}

#[test]
fn block_pool_reserve_is_usable_only_in_emergency() {
    let mm = MemoryManager::new();
    let mut pool = BlockPool::new(mm.clone());
    let first = pool.alloc_block().unwrap();
    mm.set_limit(mm.usage()); // nothing more may be mapped
    let mut got = 1;
    while pool.alloc_block().is_ok() {
        got += 1;
    }
    assert_eq!(got, BLOCK_SIZE_PER_CHUNK - 4);
    pool.set_emergency(true);
    for _ in 0..4 {
        pool.alloc_block().unwrap();
    }
    assert!(pool.alloc_block().is_err());
    // SAFETY: from this pool, unused.
    unsafe { pool.free_block(first) };
}

const BLOCK_SIZE_PER_CHUNK: usize = CHUNK_SIZE / BLOCK_SIZE;

#[test]
fn scratch_collections_are_accounted_and_returned() {
    use allocator_api2::vec::Vec as AVec;
    let mm = MemoryManager::new();
    {
        let a = ScratchAlloc::new(mm.clone());
        let mut v: AVec<u64, ScratchAlloc> = AVec::new_in(a.clone());
        for i in 0..100_000u64 {
            v.try_reserve(1).unwrap();
            v.push(i);
        }
        assert!(mm.usage() >= 800_000);
        let mut small = std::vec::Vec::new();
        for i in 0..1000usize {
            let mut w: AVec<u8, ScratchAlloc> = AVec::new_in(a.clone());
            w.try_reserve(i % 300 + 1).unwrap();
            small.push(w);
        }
        assert_eq!(v.iter().sum::<u64>(), 99_999 * 100_000 / 2);
        drop(small);
        drop(v);
        assert_eq!(a.live_bytes(), 0);
        // A refusal is an error, not an abort.
        mm.set_limit(mm.usage());
        let mut big: AVec<u64, ScratchAlloc> = AVec::new_in(a.clone());
        assert!(big.try_reserve(10_000_000).is_err());
    }
    assert_eq!(mm.usage(), 0);
}

#[test]
fn arena_allocates_grows_and_returns_everything() {
    use allocator_api2::vec::Vec as AVec;
    let mm = MemoryManager::new();
    {
        let arena = Arena::new(mm.clone());
        let x = arena.alloc(42u32).unwrap();
        *x += 1;
        let s = arena.alloc_str("hello").unwrap();
        assert_eq!(s, "hello");
        let mut v: AVec<u32, &Arena> = AVec::new_in(&arena);
        for i in 0..1_000_000 {
            v.try_reserve(1).unwrap();
            v.push(i);
        }
        assert_eq!(v[999_999], 999_999);
        assert_eq!(*x, 43);
        assert!(mm.usage() >= 4_000_000);
        mm.set_limit(mm.usage());
        assert!(arena
            .alloc_layout(Layout::from_size_align(100 << 20, 8).unwrap())
            .is_err());
    }
    // The chunks went to the recycling pool (still accounted) or, past its cap, to the OS.
    assert!(mm.pooled_bytes() > 0);
    assert_eq!(mm.usage(), mm.pooled_bytes());
    mm.release_pooled();
    assert_eq!(mm.usage(), 0);
}

#[test]
fn arena_chunks_are_recycled_without_new_mappings_or_events() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, usize::MAX);
    {
        let arena = Arena::new(mm.clone());
        arena
            .alloc_layout(Layout::from_size_align(1000, 8).unwrap())
            .unwrap();
        arena
            .alloc_layout(Layout::from_size_align(200_000, 8).unwrap())
            .unwrap();
    }
    let usage = mm.usage();
    assert!(usage > 200_000);
    assert_eq!(mm.pooled_bytes(), usage);
    let events = log.lock().unwrap().len();
    {
        // Both requests fit recycled chunks: no mapping, no event, usage unchanged.
        let arena = Arena::new(mm.clone());
        let a = arena
            .alloc_layout(Layout::from_size_align(150_000, 8).unwrap())
            .unwrap();
        // Recycled memory is usable (and not necessarily zero).
        // SAFETY: 150,000 fresh bytes from the arena.
        unsafe { a.as_ptr().write_bytes(7, 150_000) };
        arena
            .alloc_layout(Layout::from_size_align(10_000, 8).unwrap())
            .unwrap();
        assert_eq!(mm.usage(), usage);
        assert_eq!(log.lock().unwrap().len(), events);
    }
    assert_eq!(mm.pooled_bytes(), usage);
    // Dropping the manager gives the pool back with Free events.
    drop(mm);
    let log = log.lock().unwrap();
    let freed: usize = log[events..]
        .iter()
        .map(|&(ev, n, _)| {
            assert_eq!(ev, MemoryEvent::Free);
            n
        })
        .sum();
    assert_eq!(freed, usage);
}

#[test]
fn pooled_memory_never_causes_a_refusal() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, usize::MAX);
    {
        let arena = Arena::new(mm.clone());
        arena
            .alloc_layout(Layout::from_size_align(1 << 20, 8).unwrap())
            .unwrap();
    }
    let pooled = mm.pooled_bytes();
    assert!(pooled > 1 << 20);
    assert_eq!(mm.usage(), pooled);
    mm.set_limit(pooled);
    // Over the limit only because of the pool: the pool is released first (Free), then the
    // request is granted (Allocate).
    let m = mm.map(8192, 4096).unwrap();
    assert_eq!(mm.pooled_bytes(), 0);
    assert_eq!(mm.usage(), 8192);
    {
        let log = log.lock().unwrap();
        let n = log.len();
        assert_eq!(log[n - 1].0, MemoryEvent::Allocate);
        assert_eq!(log[n - 2].0, MemoryEvent::Free);
    }
    // SAFETY: fresh mapping, unused.
    unsafe { mm.unmap(m) };
    assert_eq!(mm.usage(), 0);
}

#[test]
fn nothing_is_pooled_while_usage_is_over_the_limit() {
    let mm = MemoryManager::new();
    let m = mm.map(8192, 4096).unwrap();
    mm.set_limit(4096);
    // SAFETY: fresh mapping, unused.
    unsafe { mm.recycle(m) };
    assert_eq!(mm.pooled_bytes(), 0);
    assert_eq!(mm.usage(), 0);
}

#[test]
fn recycling_pool_is_capped() {
    let mm = MemoryManager::new();
    let a = mm.map(POOL_MAX_BYTES - 4096, 4096).unwrap();
    let b = mm.map(8192, 4096).unwrap();
    // SAFETY: fresh mappings, unused.
    unsafe {
        mm.recycle(a);
        mm.recycle(b);
    }
    assert_eq!(mm.pooled_bytes(), POOL_MAX_BYTES - 4096);
    assert_eq!(mm.usage(), POOL_MAX_BYTES - 4096);
    assert!(mm.take_recycled(POOL_MAX_BYTES).is_none());
    let a = mm.take_recycled(4096).unwrap();
    assert_eq!(a.size(), POOL_MAX_BYTES - 4096);
    assert_eq!(mm.pooled_bytes(), 0);
    // SAFETY: taken from the pool, unused.
    unsafe { mm.unmap(a) };
    assert_eq!(mm.usage(), 0);
}

#[test]
fn block_pool_table_survives_many_chunks_freed_in_any_order() {
    let mm = MemoryManager::new();
    let mut pool = BlockPool::new(mm.clone());
    let n = 16 * 300; // 300 chunks
    let mut blocks = std::vec::Vec::new();
    for _ in 0..n {
        blocks.push(pool.alloc_block().unwrap());
    }
    assert!(pool.chunk_count() >= 300);
    // Free every other block first, then the rest in reverse: every lookup stays right while
    // chunks leave the hash table (backward-shift deletion) in a scattered order.
    let (even, odd): (std::vec::Vec<_>, std::vec::Vec<_>) =
        blocks.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    for (_, b) in &even {
        // SAFETY: from this pool, unused.
        unsafe { pool.free_block(**b) };
        assert!(pool.block_of(b.as_ptr() as usize + 5).is_none());
    }
    for (_, b) in &odd {
        assert!(pool.block_of(b.as_ptr() as usize + 5).is_some());
    }
    for (_, b) in odd.iter().rev() {
        // SAFETY: from this pool, unused.
        unsafe { pool.free_block(**b) };
    }
    assert!(pool.chunk_count() <= 3);
    assert!(pool.block_of(0).is_none() && pool.block_of(usize::MAX).is_none());
    drop(pool);
    assert_eq!(mm.usage(), 0);
}

#[test]
fn block_pool_maps_a_partial_chunk_when_a_whole_one_would_pass_the_limit() {
    let mm = MemoryManager::new();
    let log = recorder(&mm, usize::MAX);
    let mut pool = BlockPool::new(mm.clone());
    let first = pool.alloc_block().unwrap();
    // Room for 6 more blocks: a partial chunk of 6, no Failure event.
    mm.set_limit(mm.usage() + 6 * BLOCK_SIZE + 100);
    let mut got = std::vec::Vec::new();
    while let Ok(b) = pool.alloc_block() {
        got.push(b);
    }
    // 15 left in the first chunk and 6 in the partial one, less the reserve of 4.
    assert_eq!(got.len(), 15 + 6 - 4);
    assert_eq!(pool.chunk_count(), 2);
    let failures = log
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.0 == MemoryEvent::Failure)
        .count();
    assert_eq!(
        failures, 1,
        "only the request that fits not one block is refused"
    );
    for b in got {
        assert!(pool.block_of(b.as_ptr() as usize).is_some());
        // SAFETY: from this pool, unused.
        unsafe { pool.free_block(b) };
    }
    // SAFETY: from this pool, unused.
    unsafe { pool.free_block(first) };
    drop(pool);
    assert_eq!(mm.usage(), 0);
}

#[test]
fn releasing_free_chunks_keeps_only_the_reserve() {
    let mm = MemoryManager::new();
    let mut pool = BlockPool::new(mm.clone());
    let mut blocks = std::vec::Vec::new();
    for _ in 0..100 {
        blocks.push(pool.alloc_block().unwrap());
    }
    // Keep one block in the third chunk; free the rest (two whole chunks stay pooled).
    let kept = blocks.remove(40);
    for b in blocks.drain(..) {
        // SAFETY: from this pool, unused.
        unsafe { pool.free_block(b) };
    }
    let pooled = pool.chunk_count();
    assert!(pooled >= 3, "{pooled}");
    let usage = mm.usage();
    let released = pool.release_free_chunks();
    assert!(released >= 1);
    assert_eq!(pool.chunk_count(), pooled - released);
    assert_eq!(mm.usage(), usage - released * CHUNK_SIZE);
    assert!(
        pool.free_blocks() >= crate::blocks::RESERVE_BLOCKS,
        "the reserve stays"
    );
    assert!(pool.block_of(kept.as_ptr() as usize).is_some());
    // Everything is still usable: blocks come back, new chunks are mapped as needed.
    let again: std::vec::Vec<_> = (0..40).map(|_| pool.alloc_block().unwrap()).collect();
    for b in again {
        // SAFETY: from this pool, unused.
        unsafe { pool.free_block(b) };
    }
    // SAFETY: as above.
    unsafe { pool.free_block(kept) };
    pool.release_free_chunks();
    assert_eq!(pool.chunk_count(), 1, "one chunk holds the reserve");
    assert!(mm.usage() < 2 * CHUNK_SIZE, "one chunk and the chunk table");
    drop(pool);
    assert_eq!(mm.usage(), 0);
}

#[test]
fn blocks_come_from_partly_used_chunks_before_wholly_free_ones() {
    let mm = MemoryManager::new();
    let mut pool = BlockPool::new(mm.clone());
    let blocks: std::vec::Vec<_> = (0..40).map(|_| pool.alloc_block().unwrap()).collect();
    let chunk_of = |b: &std::ptr::NonNull<u8>| b.as_ptr() as usize & !(CHUNK_SIZE - 1);
    // Free one chunk wholly and one block of another.
    let whole = chunk_of(&blocks[0]);
    let partly = blocks.iter().map(chunk_of).find(|&c| c != whole).unwrap();
    let mut freed_partly = None;
    for b in &blocks {
        if chunk_of(b) == whole || (chunk_of(b) == partly && freed_partly.is_none()) {
            if chunk_of(b) == partly {
                freed_partly = Some(*b);
            }
            // SAFETY: from this pool, unused.
            unsafe { pool.free_block(*b) };
        }
    }
    assert!(freed_partly.is_some());
    // The partly used chunks hold 9 free blocks (8 of the third chunk, the one freed).
    for _ in 0..9 {
        let got = pool.alloc_block().unwrap();
        assert_ne!(
            chunk_of(&got),
            whole,
            "a partly used chunk's free block first"
        );
    }
}
