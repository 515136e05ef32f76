//! Conch's runtime memory manager.
//!
//! One [`MemoryManager`] per runtime is the only code that asks the OS for memory. Every
//! acquisition is first *requested* (limit check, then the host's `Allocate` event, which may
//! refuse), then mapped; every release is unmapped, then reported (`Free`). The event contract is
//! ChakraCore's `AllocationPolicyManager` (JSRT.md §3.1.2):
//!
//! ```text
//! request(n):   usage + n overflows or exceeds limit  → Failure(n); refuse   (no Allocate!)
//!               Allocate(n) returns false            → Failure(n); refuse
//!               usage += n
//! os_failed(n): usage -= n; Failure(n)                 (the OS refused after we granted)
//! release(n):   usage -= n; Free(n)                    (after the memory went back to the OS)
//! ```
//!
//! Usage is "reserved = committed": memory is mapped in whole chunks, so the figure is exactly
//! what the host accepted minus what was reported freed.

#![warn(missing_docs)]

mod arena;
mod blocks;
mod os;
mod scratch;
pub mod stack;

pub use arena::Arena;
pub use blocks::{BlockPool, BLOCK_SIZE, CHUNK_SIZE};
pub use os::{FailingOs, Os, SystemOs};
pub use scratch::ScratchAlloc;

use std::fmt;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What the host's allocation callback is told (values are `JsMemoryEventType`'s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum MemoryEvent {
    /// About to acquire this many bytes; the callback may refuse by returning `false`.
    Allocate = 0,
    /// This many bytes went back to the OS.
    Free = 1,
    /// An acquisition of this many bytes failed (refused, over the limit, or the OS failed).
    Failure = 2,
}

/// The host's allocation callback. Its return value matters only for [`MemoryEvent::Allocate`].
pub type AllocationCallback = Arc<dyn Fn(MemoryEvent, usize) -> bool + Send + Sync>;

/// An acquisition was refused (by the limit, the host or the OS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

impl fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Out of memory")
    }
}

impl std::error::Error for OutOfMemory {}

/// A region the memory manager mapped. Not `Copy`: handing it back to
/// [`MemoryManager::unmap`] consumes it, so it cannot be released twice.
#[derive(Debug)]
pub struct Mapping {
    ptr: NonNull<u8>,
    size: usize,
}

impl Mapping {
    /// First byte of the region.
    pub fn ptr(&self) -> NonNull<u8> {
        self.ptr
    }
    /// Size in bytes (what was accounted).
    pub fn size(&self) -> usize {
        self.size
    }
    /// Gives up the handle, keeping the memory mapped; rebuild it with [`Mapping::from_raw`] to
    /// release it.
    pub fn into_raw(self) -> (NonNull<u8>, usize) {
        (self.ptr, self.size)
    }
    /// Rebuilds a mapping from its parts (the owner stored them elsewhere, e.g. intrusively).
    ///
    /// # Safety
    /// `ptr`/`size` must be exactly a region returned by [`MemoryManager::map`] of the manager it
    /// will be given back to, and no other `Mapping` for it may exist.
    pub unsafe fn from_raw(ptr: NonNull<u8>, size: usize) -> Mapping {
        Mapping { ptr, size }
    }
}

/// Accounting, limit and host callback for one runtime. Shared (`Arc`) so the thread-free
/// queries (`usage`, `limit`, `set_limit`, `set_callback`) work from any thread.
pub struct MemoryManager {
    // One OS object per runtime, boxed once at creation: fixed size, not script-growable.
    #[allow(clippy::disallowed_types)]
    os: Box<dyn Os>,
    usage: AtomicUsize,
    limit: AtomicUsize,
    /// Held only long enough to clone the `Arc`: the callback itself runs with no lock held.
    callback: Mutex<Option<AllocationCallback>>,
    /// Mappings given back by arenas, kept mapped (and accounted) for the next arena.
    pool: Mutex<Pool>,
}

/// Recycled mappings: an intrusive list (each mapping's first word links the next, its second
/// word holds its size), so the pool itself never allocates.
struct Pool {
    head: usize,
    bytes: usize,
}

/// The most the recycling pool keeps; a mapping that would push it past this goes back to the OS.
/// Sized so that the arena of one very large parse fits (typescript.js, 8.9 MB of source, takes
/// about 72 MB of arena chunks; with a 64 MiB cap its last chunks were unmapped and faulted in
/// again on every parse). The pool never causes a refusal (see [`MemoryManager::request`]).
pub const POOL_MAX_BYTES: usize = 128 * 1024 * 1024;

impl fmt::Debug for MemoryManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryManager")
            .field("usage", &self.usage())
            .field("limit", &self.limit())
            .finish()
    }
}

impl MemoryManager {
    /// A manager over the real OS, with no limit and no callback.
    // `SystemOs` is zero-sized: boxing it allocates nothing.
    #[allow(clippy::disallowed_types)]
    pub fn new() -> Arc<MemoryManager> {
        Self::with_os(Box::new(SystemOs))
    }

    /// A manager over the given OS (tests inject failures with [`FailingOs`]).
    // Takes the host's one OS object, boxed once per runtime: not script-growable.
    #[allow(clippy::disallowed_types)]
    pub fn with_os(os: Box<dyn Os>) -> Arc<MemoryManager> {
        Arc::new(MemoryManager {
            os,
            usage: AtomicUsize::new(0),
            limit: AtomicUsize::new(usize::MAX),
            callback: Mutex::new(None),
            pool: Mutex::new(Pool { head: 0, bytes: 0 }),
        })
    }

    /// Bytes currently accounted (accepted Allocates − Frees − OS failures).
    pub fn usage(&self) -> usize {
        self.usage.load(Ordering::Acquire)
    }

    /// The limit (`usize::MAX` = unlimited).
    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Acquire)
    }

    /// Sets the limit; it may be below the current usage (then every acquisition fails).
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit, Ordering::Release);
    }

    /// Installs (or with `None` removes) the host's allocation callback.
    pub fn set_callback(&self, callback: Option<AllocationCallback>) {
        let old = {
            let mut slot = self.callback.lock().unwrap_or_else(|e| e.into_inner());
            std::mem::replace(&mut *slot, callback)
        };
        drop(old); // outside the lock: dropping a closure may run arbitrary code
    }

    /// The OS page size.
    pub fn page_size(&self) -> usize {
        self.os.page_size()
    }

    fn callback(&self) -> Option<AllocationCallback> {
        self.callback
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn notify(&self, event: MemoryEvent, n: usize) -> bool {
        match self.callback() {
            Some(cb) => cb(event, n),
            None => true,
        }
    }

    /// Asks for permission to take `n` more bytes. On success usage has grown by `n` and the
    /// caller must either obtain the memory or call [`os_failed`](Self::os_failed).
    ///
    /// If the limit would refuse while the recycling pool holds memory, the pool goes back to the
    /// OS first (its `Free` events come before this request's events): pooled memory never causes
    /// a refusal.
    pub fn request(&self, n: usize) -> bool {
        let fits = || match self.usage().checked_add(n) {
            Some(new) => new <= self.limit(),
            None => false,
        };
        let mut within = fits();
        if !within && self.pooled_bytes() > 0 {
            self.release_pooled();
            within = fits();
        }
        // Short-circuit as ChakraCore does: a limit refusal never asks the host.
        if !within || !self.notify(MemoryEvent::Allocate, n) {
            self.notify(MemoryEvent::Failure, n);
            return false;
        }
        // Only the runtime's own thread acquires, so add rather than compare-and-swap; the
        // atomic is for readers on other threads.
        self.usage.fetch_add(n, Ordering::AcqRel);
        true
    }

    /// A granted request's OS call failed: undo the accounting and report `Failure`.
    pub fn os_failed(&self, n: usize) {
        self.sub_usage(n);
        self.notify(MemoryEvent::Failure, n);
    }

    /// `n` bytes went back to the OS: undo the accounting and report `Free`.
    pub fn release(&self, n: usize) {
        self.sub_usage(n);
        self.notify(MemoryEvent::Free, n);
    }

    fn sub_usage(&self, n: usize) {
        let mut cur = self.usage();
        loop {
            let new = cur.saturating_sub(n);
            match self
                .usage
                .compare_exchange_weak(cur, new, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return,
                Err(actual) => cur = actual,
            }
        }
    }

    /// Requests, then maps `size` bytes (rounded up to the page) aligned to `align` (a power of
    /// two). Zeroed memory.
    pub fn map(&self, size: usize, align: usize) -> Result<Mapping, OutOfMemory> {
        let page = self.page_size();
        let size = size
            .checked_add(page - 1)
            .map(|s| s & !(page - 1))
            .ok_or(OutOfMemory)?;
        if size == 0 || !align.is_power_of_two() {
            return Err(OutOfMemory);
        }
        if !self.request(size) {
            return Err(OutOfMemory);
        }
        match self.os.map(size, align.max(page)) {
            Some(ptr) => Ok(Mapping { ptr, size }),
            None => {
                self.os_failed(size);
                Err(OutOfMemory)
            }
        }
    }

    /// Unmaps a region and reports it freed.
    ///
    /// # Safety
    /// `m` came from this manager's [`map`](Self::map) and nothing uses its memory any more.
    pub unsafe fn unmap(&self, m: Mapping) {
        // SAFETY: the caller guarantees the region is ours and unused.
        unsafe { self.os.unmap(m.ptr, m.size) };
        self.release(m.size);
    }

    fn pool(&self) -> std::sync::MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Bytes held by the recycling pool (mapped, accounted in [`usage`](Self::usage), unused).
    pub fn pooled_bytes(&self) -> usize {
        self.pool().bytes
    }

    /// Gives a mapping back for reuse by [`take_recycled`](Self::take_recycled). It stays mapped
    /// with its pages resident (that is the point: the next user does not fault them in again)
    /// and stays accounted; if the pool would grow past [`POOL_MAX_BYTES`], or usage is above the
    /// limit, it is unmapped instead (a `Free` event). Its contents are kept, so only recycle
    /// memory whose next user does not expect zeroes.
    ///
    /// # Safety
    /// As for [`unmap`](Self::unmap): `m` came from this manager's [`map`](Self::map) and nothing
    /// uses its memory any more.
    pub unsafe fn recycle(&self, m: Mapping) {
        {
            let mut pool = self.pool();
            // Over the limit (it may have been set below usage), memory goes straight back.
            if pool.bytes + m.size <= POOL_MAX_BYTES && self.usage() <= self.limit() {
                let base = m.ptr.as_ptr();
                // SAFETY: the mapping is ours, unused, page-aligned and at least a page long, so
                // its first two words are writable; they hold the list link and the size.
                unsafe {
                    base.cast::<usize>().write(pool.head);
                    base.cast::<usize>().add(1).write(m.size);
                }
                pool.head = base.expose_provenance();
                pool.bytes += m.size;
                return;
            }
        }
        // SAFETY: forwarded contract (and the pool's lock is released: `unmap` runs the callback).
        unsafe { self.unmap(m) };
    }

    /// Takes a recycled mapping of at least `min_size` bytes, if the pool has one (first fit).
    /// Its contents are whatever its last user left (not zeroed); usage does not change, and no
    /// event is reported (the memory was accounted all along).
    pub fn take_recycled(&self, min_size: usize) -> Option<Mapping> {
        let mut pool = self.pool();
        let mut link: *mut usize = &mut pool.head;
        loop {
            // SAFETY: `link` points at the pool's head or at the first word of a pooled mapping
            // (written by `recycle`, and the pool's lock is held).
            let cur = unsafe { link.read() };
            if cur == 0 {
                return None;
            }
            let p = std::ptr::with_exposed_provenance_mut::<usize>(cur);
            // SAFETY: `cur` is a pooled mapping; its first two words are the link and the size.
            let (next, size) = unsafe { (p.read(), p.add(1).read()) };
            if size >= min_size {
                // SAFETY: as above; unlinking under the lock.
                unsafe { link.write(next) };
                pool.bytes -= size;
                let ptr = NonNull::new(p.cast::<u8>())?;
                return Some(Mapping { ptr, size });
            }
            link = p;
        }
    }

    /// Returns everything in the recycling pool to the OS (`Free` events).
    pub fn release_pooled(&self) {
        let mut cur = {
            let mut pool = self.pool();
            pool.bytes = 0;
            std::mem::replace(&mut pool.head, 0)
        };
        while cur != 0 {
            let p = std::ptr::with_exposed_provenance_mut::<usize>(cur);
            // SAFETY: the list was detached under the lock, so these mappings are ours alone;
            // each one's first two words are the link and the size written by `recycle`.
            unsafe {
                let (next, size) = (p.read(), p.add(1).read());
                self.unmap(Mapping {
                    ptr: NonNull::new_unchecked(p.cast::<u8>()),
                    size,
                });
                cur = next;
            }
        }
    }

    /// Tells the OS the contents of a region (inside a live mapping) are no longer needed; it
    /// reads back as zero. Accounting does not change (the region stays reserved).
    ///
    /// # Safety
    /// The range lies within a live mapping of this manager and nothing uses it.
    pub unsafe fn discard(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded contract.
        unsafe { self.os.discard(ptr, size) };
    }
}

impl Drop for MemoryManager {
    fn drop(&mut self) {
        self.release_pooled();
    }
}

#[cfg(test)]
mod tests;
