//! Shared Data Blocks (§6.2.9): the contents of SharedArrayBuffers, which several runtimes on
//! different threads (agents, or JsRT hosts with `JsGetSharedArrayBufferContent`) map into
//! SharedArrayBuffer objects of their own.
//!
//! A block is one mapping of the creating runtime's memory manager, accounted to that runtime
//! for as long as the block lives (whichever thread releases it last). Its header — reference
//! count, current length, capacity, and one strong count of the memory manager — sits in the
//! first [`HEADER`] bytes of the mapping, so a block allocates nothing outside the memory
//! manager; the contents follow, 64-byte aligned (the mapping is page aligned), so every
//! element of a typed array over a block is naturally aligned for the atomics.
//!
//! A growable block maps its maximum length up front (the spec allows reserving it,
//! §25.2.2.1 note): growing only publishes a larger length, the contents never move, and an
//! agent holding the old length keeps reading valid memory. The mapping is accounted at its
//! full size (the memory manager's usage is what it mapped); since mappings are
//! `MAP_NORESERVE`, pages never touched cost no physical memory. Bytes past the length are
//! zero: the mapping starts zeroed and nothing writes past the length (no shrink exists).

use conch_mm::{Mapping, MemoryManager, OutOfMemory};
use std::ptr::NonNull;
use std::sync::atomic::{fence, AtomicUsize, Ordering};
use std::sync::Arc;

/// Size of the header in front of the contents (a multiple of 64: keeps them aligned).
const HEADER: usize = 64;

#[repr(C)]
struct Header {
    /// Holders: [`SharedBlock`] values (buffer objects, content handles, messages).
    refs: AtomicUsize,
    /// The current byte length (only ever grows).
    len: AtomicUsize,
    /// The most the length may become (`[[ArrayBufferMaxByteLength]]`, or the length).
    cap: usize,
    /// Whether the buffer is growable (a SharedArrayBuffer made from the block again is).
    growable: bool,
    /// Size of the whole mapping.
    mapping: usize,
    /// The creating runtime's memory manager: one strong count, given back with the block.
    mm: *const MemoryManager,
}

const _: () = assert!(std::mem::size_of::<Header>() <= HEADER);

/// One counted reference to a shared block: cloning adds a holder, dropping removes one, and
/// the last drop unmaps the block through its memory manager (on whatever thread that is).
pub struct SharedBlock {
    h: NonNull<Header>,
}

// SAFETY: the header's mutable fields are atomics, the others are written once before the
// block is shared; the memory manager is `Send + Sync`. The contents are shared memory by
// design: see `data` for how they are accessed.
unsafe impl Send for SharedBlock {}
// SAFETY: as for `Send`: `&SharedBlock` offers only atomic or immutable header accesses.
unsafe impl Sync for SharedBlock {}

/// Why a grow was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrowError {
    /// The new length is below the current one (another agent may have grown it meanwhile).
    Smaller,
    /// The new length is above the capacity, or the block is not growable.
    TooLarge,
}

impl SharedBlock {
    /// A zeroed block of `len` bytes, growable up to `max` when given (`len <= max`), mapped
    /// through `mm` (and accounted to it).
    pub fn new(
        mm: &Arc<MemoryManager>,
        len: usize,
        max: Option<usize>,
    ) -> Result<SharedBlock, OutOfMemory> {
        let cap = max.unwrap_or(len);
        debug_assert!(len <= cap);
        let size = cap.checked_add(HEADER).ok_or(OutOfMemory)?;
        let (p, mapping) = mm.map(size, 64)?.into_raw();
        let h = p.cast::<Header>();
        // SAFETY: a fresh, page-aligned, writable mapping of at least HEADER bytes, which
        // nobody else knows about yet.
        unsafe {
            h.as_ptr().write(Header {
                refs: AtomicUsize::new(1),
                len: AtomicUsize::new(len),
                cap,
                growable: max.is_some(),
                mapping,
                mm: Arc::into_raw(mm.clone()),
            })
        };
        Ok(SharedBlock { h })
    }

    fn header(&self) -> &Header {
        // SAFETY: the header lives as long as any holder (we are one).
        unsafe { self.h.as_ref() }
    }

    /// The first byte of the contents (fixed for the block's whole life).
    pub fn data(&self) -> *mut u8 {
        // SAFETY: HEADER bytes into the block's own mapping (which is at least that large).
        unsafe { self.h.as_ptr().cast::<u8>().add(HEADER) }
    }

    /// The current byte length (ArrayBufferByteLength with seq-cst order).
    pub fn len(&self) -> usize {
        self.header().len.load(Ordering::SeqCst)
    }

    /// Whether the current length is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `[[ArrayBufferMaxByteLength]]` of a growable block, `None` for a fixed-length one.
    pub fn max_len(&self) -> Option<usize> {
        let h = self.header();
        h.growable.then_some(h.cap)
    }

    /// An identity for the block (its address), the same in every runtime that maps it: the
    /// key of `Atomics.wait`'s waiter lists.
    pub fn id(&self) -> usize {
        self.h.as_ptr() as usize
    }

    /// How many holders the block has (for tests and diagnostics; may change concurrently).
    pub fn holders(&self) -> usize {
        self.header().refs.load(Ordering::Acquire)
    }

    /// `SharedArrayBuffer.prototype.grow`'s compare-and-exchange loop: sets the length to
    /// `new_len` unless it is below the current length or above the capacity. Growing to the
    /// current length succeeds without a change.
    pub fn grow(&self, new_len: usize) -> Result<(), GrowError> {
        let h = self.header();
        if !h.growable || new_len > h.cap {
            return Err(GrowError::TooLarge);
        }
        let mut cur = h.len.load(Ordering::SeqCst);
        loop {
            if new_len == cur {
                return Ok(());
            }
            if new_len < cur {
                return Err(GrowError::Smaller);
            }
            // The bytes up to `cap` are mapped and zero: publishing the length is the grow.
            match h
                .len
                .compare_exchange(cur, new_len, Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => return Ok(()),
                Err(actual) => cur = actual,
            }
        }
    }

    /// Gives up this reference as a raw pointer (a JsRT content handle, or a buffer's field);
    /// [`SharedBlock::from_raw`] takes it back.
    pub fn into_raw(self) -> *mut std::ffi::c_void {
        let p = self.h.as_ptr().cast();
        std::mem::forget(self);
        p
    }

    /// Takes back a reference given up by [`SharedBlock::into_raw`].
    ///
    /// # Safety
    /// `p` came from `into_raw` and this is the only `from_raw` for that reference.
    pub unsafe fn from_raw(p: *mut std::ffi::c_void) -> Option<SharedBlock> {
        NonNull::new(p.cast::<Header>()).map(|h| SharedBlock { h })
    }

    /// A new reference to the block behind a raw reference, which stays as it was.
    ///
    /// # Safety
    /// `p` is a live reference from `into_raw` (not yet taken back).
    pub unsafe fn clone_raw(p: *const std::ffi::c_void) -> Option<SharedBlock> {
        let h = NonNull::new(p as *mut Header)?;
        let b = std::mem::ManuallyDrop::new(SharedBlock { h });
        Some(SharedBlock::clone(&b))
    }
}

impl Clone for SharedBlock {
    fn clone(&self) -> SharedBlock {
        // Relaxed, as `Arc` does: the new holder comes from an existing one.
        self.header().refs.fetch_add(1, Ordering::Relaxed);
        SharedBlock { h: self.h }
    }
}

impl Drop for SharedBlock {
    fn drop(&mut self) {
        if self.header().refs.fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        // Every other holder's accesses happen before the unmap (as `Arc`'s drop).
        fence(Ordering::Acquire);
        let (mapping, mm) = {
            let h = self.header();
            (h.mapping, h.mm)
        };
        // SAFETY: `mm` is the strong count `new` gave up with `Arc::into_raw`, taken back once
        // (we are the last holder).
        let mm = unsafe { Arc::from_raw(mm) };
        // SAFETY: the block is exactly a mapping of `mm` and nobody holds it any more.
        unsafe { mm.unmap(Mapping::from_raw(self.h.cast::<u8>(), mapping)) };
    }
}

impl std::fmt::Debug for SharedBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBlock")
            .field("len", &self.len())
            .field("max_len", &self.max_len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[test]
    fn accounted_to_the_creator_and_freed_by_the_last_holder() {
        let mm = MemoryManager::new();
        let before = mm.usage();
        let b = SharedBlock::new(&mm, 100, None).unwrap();
        assert!(mm.usage() >= before + 100 + HEADER);
        assert_eq!(b.len(), 100);
        assert_eq!(b.data() as usize % 64, 0);
        let c = b.clone();
        assert_eq!(b.holders(), 2);
        let raw = c.into_raw();
        drop(b);
        assert!(mm.usage() > before, "a raw holder keeps the block");
        // SAFETY: `raw` came from `into_raw` just above.
        let c = unsafe { SharedBlock::from_raw(raw) }.unwrap();
        assert_eq!(c.holders(), 1);
        drop(c);
        assert_eq!(mm.usage(), before);
    }

    #[test]
    fn shared_between_threads() {
        let mm = MemoryManager::new();
        let b = SharedBlock::new(&mm, 8, None).unwrap();
        let threads: [_; 4] = std::array::from_fn(|_| {
            let b = b.clone();
            std::thread::spawn(move || {
                // SAFETY: 4 aligned bytes inside the block, accessed only atomically.
                let a = unsafe { AtomicU32::from_ptr(b.data().cast::<u32>()) };
                for _ in 0..1000 {
                    a.fetch_add(1, Ordering::SeqCst);
                }
            })
        });
        for t in threads {
            t.join().unwrap();
        }
        // SAFETY: as above; the threads are done.
        let a = unsafe { AtomicU32::from_ptr(b.data().cast::<u32>()) };
        assert_eq!(a.load(Ordering::SeqCst), 4000);
        drop(b);
        assert_eq!(mm.usage(), 0);
    }

    #[test]
    fn grows_in_place_up_to_the_maximum() {
        let mm = MemoryManager::new();
        let b = SharedBlock::new(&mm, 4, Some(10_000)).unwrap();
        let p = b.data();
        assert_eq!(b.max_len(), Some(10_000));
        assert_eq!(b.grow(3), Err(GrowError::Smaller));
        assert_eq!(b.grow(10_001), Err(GrowError::TooLarge));
        assert_eq!(b.grow(4), Ok(()));
        assert_eq!(b.grow(9000), Ok(()));
        assert_eq!((b.data(), b.len()), (p, 9000));
        // SAFETY: in bounds of the (grown) length.
        assert_eq!(unsafe { *p.add(8999) }, 0);
        let fixed = SharedBlock::new(&mm, 4, None).unwrap();
        assert_eq!(fixed.grow(5), Err(GrowError::TooLarge));
        assert_eq!(fixed.max_len(), None);
    }
}
