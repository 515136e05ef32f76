//! A general-purpose allocator for non-GC engine data, over the memory manager.
//!
//! Small requests (≤ 4 KiB) come from power-of-two size classes carved out of 64 KiB slabs, with
//! an intrusive free list per class; larger requests get a mapping of their own, prefixed by a
//! header that links it into a list so that dropping the allocator returns everything.
//! Implements `allocator_api2::alloc::Allocator`, so `allocator_api2::vec::Vec` and `hashbrown`
//! collections can live in accounted memory; every growth is fallible (`try_reserve`).
//!
//! Single-threaded (`Rc` + `Cell`): it belongs to one runtime, used by the thread running it.

use crate::{Mapping, MemoryManager, OutOfMemory};
use allocator_api2::alloc::{AllocError, Allocator, Layout};
use std::cell::{Cell, UnsafeCell};
use std::ptr::NonNull;
use std::rc::Rc;
use std::sync::Arc;

const SLAB_SIZE: usize = 64 * 1024;
const CLASSES: usize = 9; // 16 .. 4096
const MAX_SMALL: usize = 4096;
const LARGE_HEADER: usize = 64;

struct Inner {
    mm: Arc<MemoryManager>,
    free: [Cell<usize>; CLASSES],
    bump: Cell<usize>,
    bump_end: Cell<usize>,
    /// Intrusive singly linked list of slabs (first word of each slab).
    slabs: Cell<usize>,
    /// Intrusive doubly linked list of large mappings (their headers).
    large: Cell<usize>,
    /// Bytes handed out and not returned (for tests and statistics).
    live: Cell<usize>,
    _not_sync: UnsafeCell<()>,
}

/// Handle to a runtime's scratch allocator (cheap to clone).
#[derive(Clone)]
pub struct ScratchAlloc(Rc<Inner>);

impl std::fmt::Debug for ScratchAlloc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScratchAlloc")
            .field("live", &self.0.live.get())
            .finish()
    }
}

#[repr(C)]
struct LargeHeader {
    prev: usize,
    next: usize,
    size: usize,
}

fn class_of(size: usize, align: usize) -> Option<usize> {
    let s = size.max(align).max(16);
    if s > MAX_SMALL {
        return None;
    }
    Some(s.next_power_of_two().trailing_zeros() as usize - 4)
}

fn ptr_at(addr: usize) -> *mut u8 {
    std::ptr::with_exposed_provenance_mut(addr)
}

impl ScratchAlloc {
    /// A new, empty allocator over `mm`.
    pub fn new(mm: Arc<MemoryManager>) -> ScratchAlloc {
        ScratchAlloc(Rc::new(Inner {
            mm,
            free: Default::default(),
            bump: Cell::new(0),
            bump_end: Cell::new(0),
            slabs: Cell::new(0),
            large: Cell::new(0),
            live: Cell::new(0),
            _not_sync: UnsafeCell::new(()),
        }))
    }

    /// Bytes currently allocated (rounded to classes).
    pub fn live_bytes(&self) -> usize {
        self.0.live.get()
    }

    fn alloc_small(&self, class: usize) -> Result<NonNull<u8>, OutOfMemory> {
        let inner = &*self.0;
        let size = 16usize << class;
        let head = inner.free[class].get();
        if head != 0 {
            // SAFETY: free-list entries are blocks of this class we handed out and got back;
            // their first word holds the next entry.
            let next = unsafe { ptr_at(head).cast::<usize>().read() };
            inner.free[class].set(next);
            inner.live.set(inner.live.get() + size);
            return NonNull::new(ptr_at(head)).ok_or(OutOfMemory);
        }
        let mut p = (inner.bump.get() + size - 1) & !(size - 1);
        if inner.bump.get() == 0 || p + size > inner.bump_end.get() {
            let m = inner.mm.map(SLAB_SIZE, SLAB_SIZE)?;
            let base = m.ptr().as_ptr().expose_provenance();
            let _ = m.into_raw();
            // SAFETY: fresh slab; its first word links the slab list.
            unsafe { ptr_at(base).cast::<usize>().write(inner.slabs.get()) };
            inner.slabs.set(base);
            // Class sizes are powers of two ≤ 4096, so aligning past the link word suffices.
            inner.bump.set(base + 16);
            inner.bump_end.set(base + SLAB_SIZE);
            p = (base + 16 + size - 1) & !(size - 1);
        }
        inner.bump.set(p + size);
        inner.live.set(inner.live.get() + size);
        NonNull::new(ptr_at(p)).ok_or(OutOfMemory)
    }

    fn alloc_large(&self, size: usize, align: usize) -> Result<NonNull<u8>, OutOfMemory> {
        if align > LARGE_HEADER {
            return Err(OutOfMemory);
        }
        let inner = &*self.0;
        let total = size.checked_add(LARGE_HEADER).ok_or(OutOfMemory)?;
        let m = inner.mm.map(total, inner.mm.page_size())?;
        let base = m.ptr().as_ptr().expose_provenance();
        let mapped = m.size();
        let _ = m.into_raw();
        let old = inner.large.get();
        // SAFETY: fresh mapping of at least LARGE_HEADER bytes; `old` is a live header or 0.
        unsafe {
            ptr_at(base).cast::<LargeHeader>().write(LargeHeader {
                prev: 0,
                next: old,
                size: mapped,
            });
            if old != 0 {
                (*ptr_at(old).cast::<LargeHeader>()).prev = base;
            }
        }
        inner.large.set(base);
        inner.live.set(inner.live.get() + mapped);
        NonNull::new(ptr_at(base + LARGE_HEADER)).ok_or(OutOfMemory)
    }

    /// # Safety
    /// `p` is a live large allocation of this allocator.
    unsafe fn free_large(&self, p: NonNull<u8>) {
        let inner = &*self.0;
        let base = p.as_ptr().expose_provenance() - LARGE_HEADER;
        // SAFETY: caller contract; headers of live large allocations are valid.
        unsafe {
            let h = ptr_at(base).cast::<LargeHeader>().read();
            if h.prev != 0 {
                (*ptr_at(h.prev).cast::<LargeHeader>()).next = h.next;
            } else {
                inner.large.set(h.next);
            }
            if h.next != 0 {
                (*ptr_at(h.next).cast::<LargeHeader>()).prev = h.prev;
            }
            inner.live.set(inner.live.get() - h.size);
            let nn = NonNull::new_unchecked(ptr_at(base));
            inner.mm.unmap(Mapping::from_raw(nn, h.size));
        }
    }
}

// SAFETY: blocks returned are valid for the requested layout until deallocated or until the last
// handle is dropped; clones share one `Inner`, so memory from one handle may be freed by another.
unsafe impl Allocator for ScratchAlloc {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let (p, n) = match class_of(layout.size(), layout.align()) {
            Some(c) => (self.alloc_small(c), 16usize << c),
            None => (
                self.alloc_large(layout.size(), layout.align()),
                layout.size(),
            ),
        };
        let p = p.map_err(|_| AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, n))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        match class_of(layout.size(), layout.align()) {
            Some(c) => {
                let inner = &*self.0;
                let addr = ptr.as_ptr().expose_provenance();
                // SAFETY: the block is ours and at least 16 bytes; link it into the free list.
                unsafe { ptr.as_ptr().cast::<usize>().write(inner.free[c].get()) };
                inner.free[c].set(addr);
                inner.live.set(inner.live.get() - (16usize << c));
            }
            // SAFETY: a large layout means it came from `alloc_large`.
            None => unsafe { self.free_large(ptr) },
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        let mut large = self.large.get();
        while large != 0 {
            // SAFETY: walking our own list of live large mappings.
            unsafe {
                let h = ptr_at(large).cast::<LargeHeader>().read();
                let nn = NonNull::new_unchecked(ptr_at(large));
                self.mm.unmap(Mapping::from_raw(nn, h.size));
                large = h.next;
            }
        }
        let mut slab = self.slabs.get();
        while slab != 0 {
            // SAFETY: walking our own list of slabs; the link is the first word.
            unsafe {
                let next = ptr_at(slab).cast::<usize>().read();
                let nn = NonNull::new_unchecked(ptr_at(slab));
                self.mm.unmap(Mapping::from_raw(nn, SLAB_SIZE));
                slab = next;
            }
        }
    }
}
