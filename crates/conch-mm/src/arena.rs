//! A bump arena over memory-manager mappings, for data that dies all at once (parser AST,
//! compiler scratch). Every allocation is accounted and fallible; nothing is ever dropped
//! individually (destructors of values placed in the arena do not run).
//!
//! Chunks come from the manager's recycling pool when it has one large enough, and go back to it
//! when the arena is dropped ([`MemoryManager::recycle`]): a parse after a parse reuses resident
//! memory instead of faulting fresh pages in (which was a fifth of a large parse's time).

use crate::{Mapping, MemoryManager, OutOfMemory};
use allocator_api2::alloc::{AllocError, Allocator, Layout};
use std::cell::Cell;
use std::ptr::NonNull;
use std::sync::Arc;

/// Small, so that compiling a short script needs little headroom (right after an
/// out-of-memory error the host must still be able to run `x = null`); chunks double from here.
const FIRST_CHUNK: usize = 4 * 1024;
const MAX_CHUNK: usize = 4 * 1024 * 1024;
/// Chunk header: link to the previous chunk and this chunk's mapped size.
const HEADER: usize = 16;

/// A bump arena. `&Arena` implements `allocator_api2::alloc::Allocator`, so
/// `allocator_api2::vec::Vec<T, &Arena>` works (freeing is a no-op; growing the last
/// allocation happens in place).
pub struct Arena {
    mm: Arc<MemoryManager>,
    ptr: Cell<usize>,
    end: Cell<usize>,
    /// Most recent chunk (its header links the older ones), or 0.
    chunks: Cell<usize>,
    next_size: Cell<usize>,
    allocated: Cell<usize>,
}

// SAFETY: the arena exclusively owns its chunks; moving it to another thread moves them all.
// It is not `Sync` (the `Cell`s), so it is used by one thread at a time.
unsafe impl Send for Arena {}

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Arena")
            .field("allocated", &self.allocated.get())
            .finish()
    }
}

fn ptr_at(addr: usize) -> *mut u8 {
    std::ptr::with_exposed_provenance_mut(addr)
}

impl Arena {
    /// An empty arena over `mm` (maps nothing until the first allocation).
    pub fn new(mm: Arc<MemoryManager>) -> Arena {
        Arena {
            mm,
            ptr: Cell::new(0),
            end: Cell::new(0),
            chunks: Cell::new(0),
            next_size: Cell::new(FIRST_CHUNK),
            allocated: Cell::new(0),
        }
    }

    /// The memory manager the arena draws from.
    pub fn memory_manager(&self) -> &Arc<MemoryManager> {
        &self.mm
    }

    /// Bytes handed out so far.
    pub fn allocated_bytes(&self) -> usize {
        self.allocated.get()
    }

    /// Allocates uninitialised memory for `layout`.
    pub fn alloc_layout(&self, layout: Layout) -> Result<NonNull<u8>, OutOfMemory> {
        let align = layout.align();
        let size = layout.size().max(1);
        let start = self.ptr.get().checked_add(align - 1).ok_or(OutOfMemory)? & !(align - 1);
        let start = if self.ptr.get() != 0
            && start.checked_add(size).is_some_and(|e| e <= self.end.get())
        {
            start
        } else {
            self.new_chunk(size, align)?
        };
        self.ptr.set(start + size);
        self.allocated.set(self.allocated.get() + size);
        NonNull::new(ptr_at(start)).ok_or(OutOfMemory)
    }

    fn new_chunk(&self, size: usize, align: usize) -> Result<usize, OutOfMemory> {
        let need = size
            .checked_add(align)
            .and_then(|s| s.checked_add(HEADER))
            .ok_or(OutOfMemory)?;
        let chunk = self.next_size.get().max(need);
        // A chunk another arena gave back is already mapped, accounted and resident: no new
        // mapping, no event, no page faults.
        let m = match self.mm.take_recycled(need) {
            Some(m) => m,
            None => self.mm.map(chunk, self.mm.page_size())?,
        };
        let base = m.ptr().as_ptr().expose_provenance();
        let mapped = m.size();
        let _ = m.into_raw();
        // SAFETY: fresh mapping of at least HEADER bytes.
        unsafe {
            ptr_at(base).cast::<usize>().write(self.chunks.get());
            ptr_at(base + 8).cast::<usize>().write(mapped);
        }
        self.chunks.set(base);
        self.end.set(base + mapped);
        self.next_size
            .set((self.next_size.get() * 2).min(MAX_CHUNK));
        Ok((base + HEADER + align - 1) & !(align - 1))
    }

    /// Moves `value` into the arena. Its destructor will never run.
    // Each call returns a distinct, fresh region, so the `&mut`s never alias.
    #[allow(clippy::mut_from_ref)]
    pub fn alloc<T>(&self, value: T) -> Result<&mut T, OutOfMemory> {
        let p = self.alloc_layout(Layout::new::<T>())?.cast::<T>();
        // SAFETY: fresh, aligned, exclusively ours for the arena's lifetime.
        unsafe {
            p.as_ptr().write(value);
            Ok(&mut *p.as_ptr())
        }
    }

    /// Copies a slice into the arena.
    // Each call returns a distinct, fresh region, so the `&mut`s never alias.
    #[allow(clippy::mut_from_ref)]
    pub fn alloc_slice_copy<T: Copy>(&self, src: &[T]) -> Result<&mut [T], OutOfMemory> {
        let layout = Layout::array::<T>(src.len()).map_err(|_| OutOfMemory)?;
        let p = self.alloc_layout(layout)?.cast::<T>();
        // SAFETY: fresh region large enough for `src.len()` values of T.
        unsafe {
            std::ptr::copy_nonoverlapping(src.as_ptr(), p.as_ptr(), src.len());
            Ok(std::slice::from_raw_parts_mut(p.as_ptr(), src.len()))
        }
    }

    /// Copies a string into the arena.
    // Each call returns a distinct, fresh region, so the `&mut`s never alias.
    #[allow(clippy::mut_from_ref)]
    pub fn alloc_str(&self, s: &str) -> Result<&mut str, OutOfMemory> {
        let bytes = self.alloc_slice_copy(s.as_bytes())?;
        // SAFETY: copied from a valid `str`.
        Ok(unsafe { std::str::from_utf8_unchecked_mut(bytes) })
    }

    fn is_last(&self, ptr: NonNull<u8>, size: usize) -> bool {
        ptr.as_ptr().expose_provenance() + size == self.ptr.get()
    }
}

// SAFETY: blocks stay valid until the arena is dropped; `&Arena` cannot outlive it.
unsafe impl Allocator for &Arena {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let p = self.alloc_layout(layout).map_err(|_| AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, layout.size()))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // Give back the tail if this was the last allocation; otherwise it dies with the arena.
        if self.is_last(ptr, layout.size().max(1)) {
            self.ptr.set(ptr.as_ptr().expose_provenance());
        }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let addr = ptr.as_ptr().expose_provenance();
        if self.is_last(ptr, old.size().max(1))
            && addr.is_multiple_of(new.align())
            && addr
                .checked_add(new.size())
                .is_some_and(|e| e <= self.end.get())
        {
            self.ptr.set(addr + new.size());
            self.allocated
                .set(self.allocated.get() + new.size() - old.size().max(1));
            return Ok(NonNull::slice_from_raw_parts(ptr, new.size()));
        }
        let p = self.alloc_layout(new).map_err(|_| AllocError)?;
        // SAFETY: distinct regions; `old.size()` bytes are initialised at `ptr`.
        unsafe { std::ptr::copy_nonoverlapping(ptr.as_ptr(), p.as_ptr(), old.size()) };
        Ok(NonNull::slice_from_raw_parts(p, new.size()))
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        let mut c = self.chunks.get();
        while c != 0 {
            // SAFETY: walking our own chunk list; header words were written in `new_chunk`.
            unsafe {
                let prev = ptr_at(c).cast::<usize>().read();
                let size = ptr_at(c + 8).cast::<usize>().read();
                self.mm
                    .recycle(Mapping::from_raw(NonNull::new_unchecked(ptr_at(c)), size));
                c = prev;
            }
        }
    }
}
