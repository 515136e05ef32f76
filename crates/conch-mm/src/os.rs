//! The OS boundary: the only place Conch maps and unmaps memory.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Maps and unmaps memory. A trait so tests can make the OS fail.
pub trait Os: Send + Sync {
    /// The page size (a power of two).
    fn page_size(&self) -> usize;
    /// Maps `size` zeroed, read-write bytes (`size` a multiple of the page) aligned to `align`
    /// (a power of two, at least the page). `None` if the OS refuses.
    fn map(&self, size: usize, align: usize) -> Option<NonNull<u8>>;
    /// Unmaps a region returned by `map`.
    ///
    /// # Safety
    /// `ptr`/`size` are exactly a live region from `map`, no longer used.
    unsafe fn unmap(&self, ptr: NonNull<u8>, size: usize);
    /// Drops the contents of part of a mapping (it reads back as zero).
    ///
    /// # Safety
    /// The range is page-aligned, inside a live region from `map`, and unused.
    unsafe fn discard(&self, ptr: NonNull<u8>, size: usize);
}

/// The real OS (`mmap`/`munmap`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemOs;

/// Pointers above this would not fit the 48-bit payload of a NaN-boxed value.
#[cfg(not(miri))]
const MAX_ADDRESS: usize = 1 << 47;

#[cfg(not(miri))]
fn os_page_size() -> usize {
    static PAGE: AtomicUsize = AtomicUsize::new(0);
    let p = PAGE.load(Ordering::Relaxed);
    if p != 0 {
        return p;
    }
    // SAFETY: sysconf has no preconditions.
    let v = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    let v = if v > 0 { v as usize } else { 4096 };
    PAGE.store(v, Ordering::Relaxed);
    v
}

/// Under Miri (which cannot trim mappings or `madvise`), the global allocator stands in for
/// the OS, with one alignment for every region so that `unmap` can rebuild the layout.
#[cfg(miri)]
impl Os for SystemOs {
    fn page_size(&self) -> usize {
        4096
    }

    fn map(&self, size: usize, align: usize) -> Option<NonNull<u8>> {
        if align > MIRI_ALIGN {
            return None;
        }
        let layout = std::alloc::Layout::from_size_align(size, MIRI_ALIGN).ok()?;
        // SAFETY: `size` is non-zero (a multiple of the page, checked by the memory manager).
        NonNull::new(unsafe { std::alloc::alloc_zeroed(layout) })
    }

    unsafe fn unmap(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract: a live region from `map`, which used this layout.
        unsafe {
            std::alloc::dealloc(
                ptr.as_ptr(),
                std::alloc::Layout::from_size_align_unchecked(size, MIRI_ALIGN),
            )
        };
    }

    unsafe fn discard(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract: inside one of our regions, unused.
        unsafe { std::ptr::write_bytes(ptr.as_ptr(), 0, size) };
    }
}

/// The alignment of every region under Miri (the largest any caller asks for: a chunk).
#[cfg(miri)]
const MIRI_ALIGN: usize = crate::CHUNK_SIZE;

#[cfg(not(miri))]
impl Os for SystemOs {
    fn page_size(&self) -> usize {
        os_page_size()
    }

    fn map(&self, size: usize, align: usize) -> Option<NonNull<u8>> {
        let page = self.page_size();
        let align = align.max(page);
        // Over-map by `align - page` and trim both ends, so the kept region is aligned.
        let total = size.checked_add(align - page)?;
        // SAFETY: an anonymous private mapping with no address hint touches no existing memory.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                total,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return None;
        }
        let start = raw as usize;
        let aligned = (start + align - 1) & !(align - 1);
        let head = aligned - start;
        let tail = total - head - size;
        if head > 0 {
            // SAFETY: [start, aligned) is part of the mapping we just made and is unused.
            unsafe { libc::munmap(raw, head) };
        }
        if tail > 0 {
            // SAFETY: the tail beyond the kept region is part of our fresh mapping, unused.
            unsafe { libc::munmap((aligned + size) as *mut libc::c_void, tail) };
        }
        if aligned + size > MAX_ADDRESS {
            // SAFETY: the kept region is ours and unused; a value could not encode it.
            unsafe { libc::munmap(aligned as *mut libc::c_void, size) };
            return None;
        }
        // SAFETY: `head` stays within the mapping we made (derived from its pointer).
        let q = unsafe { (raw as *mut u8).add(head) };
        NonNull::new(q)
    }

    unsafe fn unmap(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract: a live region from `map`.
        unsafe { libc::munmap(ptr.as_ptr().cast(), size) };
    }

    unsafe fn discard(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract: page-aligned range inside one of our mappings, unused.
        unsafe { libc::madvise(ptr.as_ptr().cast(), size, libc::MADV_DONTNEED) };
    }
}

/// An OS that refuses the N-th and later maps (or only the N-th), for fault-injection tests.
#[derive(Debug, Default)]
pub struct FailingOs {
    maps: AtomicUsize,
    fail_at: AtomicUsize,
    only_once: bool,
}

impl FailingOs {
    /// Fails the `n`-th map (1-based) and, unless `only_once`, every later one. `n == 0` never fails.
    pub fn new(n: usize, only_once: bool) -> FailingOs {
        FailingOs {
            maps: AtomicUsize::new(0),
            fail_at: AtomicUsize::new(n),
            only_once,
        }
    }
    /// How many maps were attempted.
    pub fn attempts(&self) -> usize {
        self.maps.load(Ordering::Relaxed)
    }
}

impl Os for FailingOs {
    fn page_size(&self) -> usize {
        SystemOs.page_size()
    }
    fn map(&self, size: usize, align: usize) -> Option<NonNull<u8>> {
        let k = self.maps.fetch_add(1, Ordering::Relaxed) + 1;
        let n = self.fail_at.load(Ordering::Relaxed);
        if n != 0 && (k == n || (!self.only_once && k > n)) {
            return None;
        }
        SystemOs.map(size, align)
    }
    unsafe fn unmap(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded contract.
        unsafe { SystemOs.unmap(ptr, size) }
    }
    unsafe fn discard(&self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded contract.
        unsafe { SystemOs.discard(ptr, size) }
    }
}
