//! Which runtimes exist, which thread uses each, and which memory each owns.
//!
//! The hot path of every export needs none of this: the thread's current runtime and context
//! live in a thread-local ([`crate::current`]), the runtime cannot be disposed while it is
//! current, and a handle is validated against that runtime alone (`Heap::is_cell`). What is here
//! serves the rarer questions:
//!
//! - **Is this runtime handle live?** The process-wide [`REGISTRY`] (a read-mostly `RwLock`,
//!   written only by `JsCreateRuntime`/`JsDisposeRuntime`) answers; each thread caches the
//!   handles it validated (a few) together with the disposal epoch [`DISPOSALS`], so repeated
//!   calls on them take no lock at all.
//! - **Does this value belong to another runtime?** (`JsErrorWrongRuntime` versus
//!   `JsErrorInvalidArgument`, or which runtime a context or string argument names when there is
//!   no current context.) Every runtime's memory manager maps through a [`TrackingOs`] that
//!   records its mappings in the runtime's own [`Ranges`]. A lookup reads those address ranges
//!   under their lock, never another runtime's heap, which its thread may be changing.
//! - **May this thread use that runtime now?** [`claim`] takes it (compare-and-swap of its
//!   `thread` field from "none" to this thread) for one call, so two threads never work in one
//!   heap at once, and disposal cannot interleave (it claims the runtime the same way).

use crate::{current_rt, thread_id, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use allocator_api2::vec::Vec as TryVec;
use conch_mm::{Os, SystemOs};
use std::cell::Cell;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

/// Live runtimes (addresses of `JsrtRuntime`s). Grown fallibly by `JsCreateRuntime` (host
/// memory, one word per runtime the host made).
#[allow(clippy::disallowed_methods)] // empty: allocates nothing
static REGISTRY: RwLock<TryVec<usize>> = RwLock::new(TryVec::new());

/// Bumped by every disposal (after the runtime left [`REGISTRY`]): a handle a thread validated
/// at an older epoch must be looked up again.
static DISPOSALS: AtomicU64 = AtomicU64::new(0);

/// Entries of the per-thread handle cache (direct-mapped by address).
const CACHE_WAYS: usize = 4;

thread_local! {
    /// Runtime handles this thread found in the registry, each with the epoch it did so at.
    static HANDLE_CACHE: Cell<[(usize, u64); CACHE_WAYS]> =
        const { Cell::new([(0, u64::MAX); CACHE_WAYS]) };
}

fn cache_way(addr: usize) -> usize {
    // Runtime allocations are at least 16-byte aligned.
    (addr >> 4) % CACHE_WAYS
}

fn read() -> std::sync::RwLockReadGuard<'static, TryVec<usize>> {
    REGISTRY.read().unwrap_or_else(|e| e.into_inner())
}

fn write() -> std::sync::RwLockWriteGuard<'static, TryVec<usize>> {
    REGISTRY.write().unwrap_or_else(|e| e.into_inner())
}

/// Registers a new runtime (`false` if the registry could not grow).
pub(crate) fn register(rt: usize) -> bool {
    let mut reg = write();
    if reg.try_reserve(1).is_err() {
        return false;
    }
    reg.push(rt);
    true
}

/// Claims a runtime for disposal: fails with `JsErrorRuntimeInUse` while it is current on any
/// thread (or claimed by another call). On success no other thread can claim it any more.
pub(crate) fn claim_for_disposal(rt: &JsrtRuntime) -> Result<(), JsErrorCode> {
    // Under the write lock, so no lookup is between finding the runtime and claiming it.
    let _reg = write();
    rt.thread
        .compare_exchange(0, thread_id(), Ordering::AcqRel, Ordering::Acquire)
        .map(drop)
        .map_err(|_| E::RuntimeInUse)
}

/// Removes a disposed runtime, so its handle and its memory are no longer recognised.
pub(crate) fn unregister(rt: usize) {
    let mut reg = write();
    reg.retain(|&a| a != rt);
    DISPOSALS.fetch_add(1, Ordering::AcqRel);
}

/// The live runtime behind a handle, or `None` if it is null, disposed or not ours.
///
/// The reference is valid until the runtime is disposed, which the host must not do while
/// another of its calls uses the handle (as in ChakraCore).
pub(crate) fn runtime_from_handle(h: *mut std::ffi::c_void) -> Option<&'static JsrtRuntime> {
    let addr = h as usize;
    if addr == 0 {
        return None;
    }
    if let Some(rt) = current_rt() {
        if std::ptr::eq(rt, h as *const JsrtRuntime) {
            return Some(rt);
        }
    }
    // Read the epoch before the registry: a disposal after this point changes the epoch, so a
    // stale cache entry is never trusted.
    let epoch = DISPOSALS.load(Ordering::Acquire);
    let way = cache_way(addr);
    let mut cache = HANDLE_CACHE.with(|c| c.get());
    if cache[way] != (addr, epoch) {
        if !read().contains(&addr) {
            return None;
        }
        cache[way] = (addr, epoch);
        HANDLE_CACHE.with(|c| c.set(cache));
    }
    // SAFETY: registered addresses are live `JsrtRuntime`s (unregistered before they are freed).
    Some(unsafe { &*(h as *const JsrtRuntime) })
}

/// A runtime this thread may use for the duration of one call: current on this thread, or
/// claimed by this call (and released when the claim is dropped).
pub(crate) struct Claim {
    rt: &'static JsrtRuntime,
    release: bool,
}

impl std::ops::Deref for Claim {
    type Target = JsrtRuntime;
    fn deref(&self) -> &JsrtRuntime {
        self.rt
    }
}

impl Claim {
    /// The runtime, for as long as it lives.
    pub(crate) fn runtime(&self) -> &'static JsrtRuntime {
        self.rt
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // A host callback run during the call may have made the runtime current on this thread
        // (`JsSetCurrentContext`): then it stays bound.
        let bound_here = current_rt().is_some_and(|c| std::ptr::eq(c, self.rt));
        if self.release && !bound_here {
            self.rt.thread.store(0, Ordering::Release);
        }
    }
}

/// Takes `rt` for this thread: `JsErrorWrongThread` if another thread uses it.
pub(crate) fn claim(rt: &'static JsrtRuntime) -> Result<Claim, JsErrorCode> {
    let me = thread_id();
    match rt
        .thread
        .compare_exchange(0, me, Ordering::AcqRel, Ordering::Acquire)
    {
        Ok(_) => Ok(Claim { rt, release: true }),
        Err(t) if t == me => Ok(Claim { rt, release: false }),
        Err(_) => Err(E::WrongThread),
    }
}

/// The live runtime behind a handle, claimed for this call. Errors: `JsErrorInvalidArgument`
/// (null, disposed, not a runtime), `JsErrorWrongThread` (in use on another thread).
pub(crate) fn claim_handle(h: *mut std::ffi::c_void) -> Result<Claim, JsErrorCode> {
    claim(runtime_from_handle(h).ok_or(E::InvalidArgument)?)
}

/// The runtime other than this thread's current one whose memory holds `addr`, claimed for this
/// call. `Ok(None)`: no live runtime's memory holds it. The caller still has to check that `addr`
/// is a cell of the runtime (`Heap::is_cell`), which the claim makes safe.
pub(crate) fn claim_foreign_owner(addr: usize) -> Result<Option<Claim>, JsErrorCode> {
    let cur = current_rt().map_or(0, |r| r as *const JsrtRuntime as usize);
    let reg = read();
    for &p in reg.iter() {
        // SAFETY: registered addresses are live runtimes; the read lock keeps them registered.
        let rt: &'static JsrtRuntime = unsafe { &*(p as *const JsrtRuntime) };
        if p != cur && rt.ranges.contains(addr) {
            // Claimed under the read lock: disposal (which claims under the write lock) cannot
            // come between the lookup and the claim.
            return claim(rt).map(Some);
        }
    }
    Ok(None)
}

/// Whether `addr` lies in the memory of a live runtime other than this thread's current one
/// (then a value there is `JsErrorWrongRuntime`). Reads address ranges only.
pub(crate) fn in_foreign_runtime(addr: usize) -> bool {
    let cur = current_rt().map_or(0, |r| r as *const JsrtRuntime as usize);
    read().iter().any(|&p| {
        // SAFETY: registered addresses are live runtimes; the read lock keeps them registered.
        p != cur && unsafe { &*(p as *const JsrtRuntime) }.ranges.contains(addr)
    })
}

/// Every mapping starts on a multiple of this (the OS layer over-maps and trims, so this costs
/// address space only), so no two mappings share a granule of this size.
const GRANULE_SHIFT: u32 = 14;
const GRANULE: usize = 1 << GRANULE_SHIFT;

/// The memory a runtime's memory manager has mapped: for each 16 KiB granule a mapping touches,
/// that mapping's `(start, end)`. Insertion and removal cost one entry per granule (24 bytes per
/// 16 KiB mapped, 0.15%), a lookup one probe, whatever the number of mappings. Grown fallibly
/// (a refusal fails the mapping); outside the runtime's accounting, like the memory manager's
/// own bookkeeping.
pub(crate) struct Ranges(Mutex<Granules>);

type Granules = hashbrown::HashMap<usize, (usize, usize)>;

impl Default for Ranges {
    fn default() -> Ranges {
        // Empty: allocates nothing; grown with `try_reserve` only.
        #[allow(clippy::disallowed_methods)]
        Ranges(Mutex::new(Granules::default()))
    }
}

impl Ranges {
    fn lock(&self) -> std::sync::MutexGuard<'_, Granules> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn granules(start: usize, len: usize) -> std::ops::RangeInclusive<usize> {
        (start >> GRANULE_SHIFT)..=((start + len.max(1) - 1) >> GRANULE_SHIFT)
    }

    /// Records `[start, start + len)`, `start` a multiple of [`GRANULE`] (`false` if the table
    /// could not grow).
    fn insert(&self, start: usize, len: usize) -> bool {
        debug_assert_eq!(start % GRANULE, 0);
        let g = Self::granules(start, len);
        let mut m = self.lock();
        if m.try_reserve(g.clone().count()).is_err() {
            return false;
        }
        for k in g {
            m.insert(k, (start, start + len));
        }
        true
    }

    fn remove(&self, start: usize, len: usize) {
        let mut m = self.lock();
        for k in Self::granules(start, len) {
            m.remove(&k);
        }
    }

    /// Whether `addr` lies in one of the mappings.
    pub(crate) fn contains(&self, addr: usize) -> bool {
        self.lock()
            .get(&(addr >> GRANULE_SHIFT))
            .is_some_and(|&(s, e)| s <= addr && addr < e)
    }

    /// How many granules are recorded.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}

/// The OS a runtime's memory manager maps through: the system's, recording every mapping in the
/// runtime's [`Ranges`] (a range is removed before its memory goes back, so an address is never
/// attributed to two runtimes).
pub(crate) struct TrackingOs {
    pub(crate) ranges: std::sync::Arc<Ranges>,
}

impl Os for TrackingOs {
    fn page_size(&self) -> usize {
        SystemOs.page_size()
    }

    fn map(&self, size: usize, align: usize) -> Option<NonNull<u8>> {
        let p = SystemOs.map(size, align.max(GRANULE))?;
        if !self.ranges.insert(p.as_ptr().expose_provenance(), size) {
            // SAFETY: the region was just mapped and nothing has seen it.
            unsafe { SystemOs.unmap(p, size) };
            return None;
        }
        Some(p)
    }

    unsafe fn unmap(&self, ptr: NonNull<u8>, size: usize) {
        self.ranges.remove(ptr.as_ptr().expose_provenance(), size);
        // SAFETY: forwarded contract: a live region from `map`, no longer used.
        unsafe { SystemOs.unmap(ptr, size) }
    }

    unsafe fn discard(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded contract.
        unsafe { SystemOs.discard(ptr, size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::JsSetCurrentContext;
    use crate::objects::JsCreateObject;
    use crate::runtime::{JsDisposeRuntime, JsGetRuntimeMemoryUsage};
    use crate::strings::tests::{utf8, Env};
    use crate::strings::JsGetStringLength;
    use crate::values::{JsGetValueType, JsIntToNumber, JsNumberToInt};
    use std::ffi::c_void;
    use std::ptr::null_mut;

    fn object() -> *mut c_void {
        let mut o = null_mut();
        assert_eq!(JsCreateObject(&mut o), E::NoError);
        o
    }

    #[test]
    fn ranges_find_the_mapping_holding_an_address() {
        let r = Ranges::default();
        assert!(r.insert(0x10000, 0x4000)); // one granule, exactly
        assert!(r.insert(0x40000, 0x1000)); // part of one
        assert!(r.insert(0x80000, 0x9000)); // three, the last partly
        assert!(r.contains(0x10000) && r.contains(0x13fff) && r.contains(0x40fff));
        assert!(r.contains(0x80000) && r.contains(0x84000) && r.contains(0x88fff));
        assert!(!r.contains(0x14000) && !r.contains(0xffff) && !r.contains(0x41000));
        assert!(!r.contains(0x89000) && !r.contains(0x8c000));
        assert_eq!(r.len(), 5);
        r.remove(0x80000, 0x9000);
        r.remove(0x10000, 0x4000);
        assert!(!r.contains(0x10000) && !r.contains(0x84000) && r.contains(0x40000));
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn a_runtime_records_its_mappings_and_forgets_them_when_disposed() {
        let e = Env::new();
        let rt = current_rt().unwrap();
        assert!(rt.ranges.len() > 0);
        let o = object();
        assert!(rt.ranges.contains(o as usize));
        drop(e);
    }

    #[test]
    fn another_runtimes_value_is_wrong_runtime_and_garbage_is_invalid() {
        let b = Env::new();
        let foreign = object();
        let foreign_str = utf8(&[b'x'; 100_000]); // a large cell: its own mapping
        let a = Env::new(); // now current
        let mine = object();
        let mut t = 0u32;
        assert_eq!(JsGetValueType(mine, &mut t), E::NoError);
        assert_eq!(JsGetValueType(foreign, &mut t), E::WrongRuntime);
        assert_eq!(JsGetValueType(foreign_str, &mut t), E::WrongRuntime);
        // Inside this runtime's memory but not a cell, or nobody's memory: invalid.
        assert_eq!(
            JsGetValueType((mine as usize + 16) as *mut c_void, &mut t),
            E::InvalidArgument
        );
        let local = [0u128; 2];
        let addr = std::ptr::addr_of!(local) as usize;
        assert_eq!(
            JsGetValueType(addr as *mut c_void, &mut t),
            E::InvalidArgument
        );
        // `b`'s runtime is not current anywhere: its strings are usable here (claimed for the
        // call, released after).
        let mut len = 0;
        assert_eq!(JsGetStringLength(foreign_str, &mut len), E::NoError);
        assert_eq!(len, 100_000);
        // SAFETY: `b.rt` is live.
        let brt = unsafe { &*(b.rt as *const JsrtRuntime) };
        assert_eq!(brt.thread.load(Ordering::Acquire), 0);
        // Disposed: its values are nobody's.
        assert_eq!(JsSetCurrentContext(null_mut()), E::NoError);
        assert_eq!(JsDisposeRuntime(b.rt), E::NoError);
        std::mem::forget(b);
        assert_eq!(JsSetCurrentContext(a.ctx), E::NoError);
        assert_eq!(JsGetValueType(foreign, &mut t), E::InvalidArgument);
        std::hint::black_box(&local);
    }

    #[test]
    fn a_runtime_current_on_another_thread_is_not_examined() {
        let b = Env::new();
        let s = utf8(b"abc") as usize;
        let (ctx, rt) = (b.ctx as usize, b.rt as usize);
        assert_eq!(JsSetCurrentContext(null_mut()), E::NoError);
        let (bound_tx, bound_rx) = std::sync::mpsc::channel();
        let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
        let t = std::thread::spawn(move || {
            assert_eq!(JsSetCurrentContext(ctx as *mut c_void), E::NoError);
            bound_tx.send(()).unwrap();
            done_rx.recv().unwrap();
            assert_eq!(JsSetCurrentContext(null_mut()), E::NoError);
        });
        bound_rx.recv().unwrap();
        let mut len = 0;
        assert_eq!(
            JsGetStringLength(s as *mut c_void, &mut len),
            E::WrongThread
        );
        assert_eq!(JsSetCurrentContext(ctx as *mut c_void), E::WrongThread);
        assert_eq!(JsDisposeRuntime(rt as *mut c_void), E::RuntimeInUse);
        let mut usage = 0;
        assert_eq!(
            JsGetRuntimeMemoryUsage(rt as *mut c_void, &mut usage),
            E::NoError
        );
        done_tx.send(()).unwrap();
        t.join().unwrap();
        assert_eq!(JsGetStringLength(s as *mut c_void, &mut len), E::NoError);
        assert_eq!(len, 3);
        assert_eq!(JsSetCurrentContext(b.ctx), E::NoError);
        drop(b);
    }

    #[test]
    fn a_cached_handle_is_dropped_by_disposal() {
        let b = Env::new();
        let rt = b.rt;
        assert_eq!(JsSetCurrentContext(null_mut()), E::NoError);
        let mut usage = 0;
        // Twice: the second lookup comes from this thread's cache.
        assert_eq!(JsGetRuntimeMemoryUsage(rt, &mut usage), E::NoError);
        assert_eq!(JsGetRuntimeMemoryUsage(rt, &mut usage), E::NoError);
        let way = cache_way(rt as usize);
        assert_eq!(HANDLE_CACHE.with(|c| c.get())[way].0, rt as usize);
        assert_eq!(JsDisposeRuntime(rt), E::NoError);
        std::mem::forget(b);
        assert_eq!(JsGetRuntimeMemoryUsage(rt, &mut usage), E::InvalidArgument);
        assert_eq!(JsDisposeRuntime(rt), E::InvalidArgument);
    }

    /// The call path takes no shared lock: calls with a current context run at full speed while
    /// another thread holds the registry's write lock.
    #[test]
    fn calls_with_a_current_context_take_no_registry_lock() {
        let e = Env::new();
        let mine = object();
        let (locked_tx, locked_rx) = std::sync::mpsc::channel();
        let holder = std::thread::spawn(move || {
            let _w = write();
            locked_tx.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(1500));
        });
        locked_rx.recv().unwrap();
        let start = std::time::Instant::now();
        for i in 0..1000 {
            let mut n = null_mut();
            let mut back = 0;
            assert_eq!(JsIntToNumber(i, &mut n), E::NoError);
            assert_eq!(JsNumberToInt(n, &mut back), E::NoError);
            assert_eq!(back, i);
            let mut t = 0u32;
            assert_eq!(JsGetValueType(mine, &mut t), E::NoError);
            let mut usage = 0;
            assert_eq!(JsGetRuntimeMemoryUsage(e.rt, &mut usage), E::NoError);
            object();
        }
        let took = start.elapsed();
        holder.join().unwrap();
        assert!(
            took < std::time::Duration::from_millis(1000),
            "took {took:?}"
        );
        drop(e);
    }
}
