//! The block pool: 16 KiB blocks cut from 256 KiB chunks that the memory manager mapped.
//!
//! Invariants:
//! - every chunk is `CHUNK_SIZE`-aligned, so `addr & !(CHUNK_SIZE - 1)` finds the chunk of any
//!   interior address, and blocks are `BLOCK_SIZE`-aligned likewise;
//! - the chunk table is sorted by base address and lives in a mapping of its own (accounted);
//! - `free_blocks` equals the number of set bits over all `free_mask`s;
//! - unless in emergency mode, `alloc_block` never takes the last `reserve` free blocks: they are
//!   what the out-of-memory path runs on once the host or the limit refuses everything.

use crate::{Mapping, MemoryManager, OutOfMemory};
use std::ptr::NonNull;
use std::sync::Arc;

/// Size of a block (the unit the GC heap works in).
pub const BLOCK_SIZE: usize = 16 * 1024;
/// Size of a chunk (the unit taken from the OS for blocks, and reported to the host).
pub const CHUNK_SIZE: usize = 256 * 1024;
const BLOCKS_PER_CHUNK: usize = CHUNK_SIZE / BLOCK_SIZE;
const ALL_FREE: u32 = (1u32 << BLOCKS_PER_CHUNK) - 1;
/// Blocks held back for the emergency path.
const RESERVE_BLOCKS: usize = 4;
/// Wholly free chunks kept pooled (contents discarded) instead of going back to the OS.
const KEEP_FREE_CHUNKS: usize = 2;

#[derive(Clone, Copy)]
#[repr(C)]
struct ChunkEntry {
    base: usize,
    free_mask: u32,
    _pad: u32,
}

/// Hands out `BLOCK_SIZE` blocks; see the module doc for the invariants.
pub struct BlockPool {
    mm: Arc<MemoryManager>,
    table: Option<Mapping>,
    len: usize,
    free_blocks: usize,
    emergency: bool,
    /// Index where the last allocation found a free block (allocation starts looking there).
    hint: usize,
}

// SAFETY: the pool owns its chunks exclusively; the raw pointers it holds are not shared.
unsafe impl Send for BlockPool {}

impl std::fmt::Debug for BlockPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockPool")
            .field("chunks", &self.len)
            .field("free_blocks", &self.free_blocks)
            .finish()
    }
}

impl BlockPool {
    /// An empty pool over `mm` (maps nothing until the first block is needed).
    pub fn new(mm: Arc<MemoryManager>) -> BlockPool {
        BlockPool {
            mm,
            table: None,
            len: 0,
            free_blocks: 0,
            emergency: false,
            hint: 0,
        }
    }

    /// The memory manager.
    pub fn memory_manager(&self) -> &Arc<MemoryManager> {
        &self.mm
    }

    /// Number of chunks mapped.
    pub fn chunk_count(&self) -> usize {
        self.len
    }

    /// Free blocks pooled (including the reserve).
    pub fn free_blocks(&self) -> usize {
        self.free_blocks
    }

    /// In emergency mode the reserve may be used. The heap enters it after an acquisition was
    /// refused even after a collection, and leaves it once memory was freed again.
    pub fn set_emergency(&mut self, on: bool) {
        self.emergency = on;
    }

    /// Whether emergency mode is on.
    pub fn emergency(&self) -> bool {
        self.emergency
    }

    fn entries(&self) -> &[ChunkEntry] {
        match &self.table {
            // SAFETY: the table mapping holds `len` initialised entries and is ours.
            Some(t) => unsafe {
                std::slice::from_raw_parts(t.ptr().as_ptr().cast::<ChunkEntry>(), self.len)
            },
            None => &[],
        }
    }

    fn entries_mut(&mut self) -> &mut [ChunkEntry] {
        match &self.table {
            // SAFETY: as in `entries`, and `&mut self` makes the access exclusive.
            Some(t) => unsafe {
                std::slice::from_raw_parts_mut(t.ptr().as_ptr().cast::<ChunkEntry>(), self.len)
            },
            None => &mut [],
        }
    }

    fn capacity(&self) -> usize {
        self.table
            .as_ref()
            .map_or(0, |t| t.size() / std::mem::size_of::<ChunkEntry>())
    }

    fn find(&self, base: usize) -> Result<usize, usize> {
        self.entries().binary_search_by(|e| e.base.cmp(&base))
    }

    /// If `addr` lies in a block currently handed out by this pool, that block's base address.
    pub fn block_of(&self, addr: usize) -> Option<usize> {
        let base = addr & !(CHUNK_SIZE - 1);
        let i = self.find(base).ok()?;
        let idx = (addr - base) / BLOCK_SIZE;
        if self.entries()[i].free_mask & (1 << idx) != 0 {
            return None;
        }
        Some(base + idx * BLOCK_SIZE)
    }

    /// Takes a block. Its contents are unspecified (zero when fresh from the OS).
    pub fn alloc_block(&mut self) -> Result<NonNull<u8>, OutOfMemory> {
        let usable = if self.emergency {
            self.free_blocks
        } else {
            self.free_blocks.saturating_sub(RESERVE_BLOCKS)
        };
        if usable == 0 {
            self.add_chunk()?;
        }
        let n = self.len;
        for k in 0..n {
            let i = (self.hint + k) % n;
            let e = &mut self.entries_mut()[i];
            if e.free_mask != 0 {
                let bit = e.free_mask.trailing_zeros() as usize;
                e.free_mask &= !(1 << bit);
                let addr = e.base + bit * BLOCK_SIZE;
                self.free_blocks -= 1;
                self.hint = i;
                let p = std::ptr::with_exposed_provenance_mut::<u8>(addr);
                return NonNull::new(p).ok_or(OutOfMemory);
            }
        }
        Err(OutOfMemory)
    }

    /// Returns a block taken with [`alloc_block`](Self::alloc_block).
    ///
    /// # Safety
    /// `block` came from this pool and nothing uses it any more.
    pub unsafe fn free_block(&mut self, block: NonNull<u8>) {
        let addr = block.as_ptr().expose_provenance();
        let base = addr & !(CHUNK_SIZE - 1);
        let Ok(i) = self.find(base) else {
            debug_assert!(false, "free_block of a foreign block");
            return;
        };
        let bit = (addr - base) / BLOCK_SIZE;
        let e = &mut self.entries_mut()[i];
        debug_assert!(e.free_mask & (1 << bit) == 0, "double free of a block");
        e.free_mask |= 1 << bit;
        let whole = e.free_mask == ALL_FREE;
        self.free_blocks += 1;
        if whole {
            self.chunk_became_free(i);
        }
    }

    fn chunk_became_free(&mut self, i: usize) {
        let free_chunks = self
            .entries()
            .iter()
            .filter(|e| e.free_mask == ALL_FREE)
            .count();
        let keep_reserve = self.free_blocks >= RESERVE_BLOCKS + BLOCKS_PER_CHUNK;
        let base = self.entries()[i].base;
        if free_chunks > KEEP_FREE_CHUNKS && keep_reserve {
            let len = self.len;
            self.entries_mut().copy_within(i + 1..len, i);
            self.len -= 1;
            self.free_blocks -= BLOCKS_PER_CHUNK;
            self.hint = 0;
            let p = std::ptr::with_exposed_provenance_mut::<u8>(base);
            if let Some(p) = NonNull::new(p) {
                // SAFETY: the chunk was mapped by `add_chunk` with exactly these parameters and
                // all its blocks are free.
                unsafe { self.mm.unmap(Mapping::from_raw(p, CHUNK_SIZE)) };
            }
        } else if let Some(p) = NonNull::new(std::ptr::with_exposed_provenance_mut::<u8>(base)) {
            // Pooled: keep the reservation (and its accounting), drop the pages' contents.
            // SAFETY: the whole chunk is free and lies inside its own mapping.
            unsafe { self.mm.discard(p, CHUNK_SIZE) };
        }
    }

    fn add_chunk(&mut self) -> Result<(), OutOfMemory> {
        if self.len == self.capacity() {
            self.grow_table()?;
        }
        let m = self.mm.map(CHUNK_SIZE, CHUNK_SIZE)?;
        let base = m.ptr().as_ptr().expose_provenance();
        let _ = m.into_raw(); // re-created from the table entry when released
        let pos = self.find(base).unwrap_or_else(|p| p);
        let entry = ChunkEntry {
            base,
            free_mask: ALL_FREE,
            _pad: 0,
        };
        let len = self.len;
        self.len += 1;
        let entries = self.entries_mut();
        entries.copy_within(pos..len, pos + 1);
        entries[pos] = entry;
        self.free_blocks += BLOCKS_PER_CHUNK;
        Ok(())
    }

    fn grow_table(&mut self) -> Result<(), OutOfMemory> {
        let old_bytes = self.table.as_ref().map_or(0, |t| t.size());
        let new_bytes = (old_bytes * 2).max(self.mm.page_size());
        let new = self.mm.map(new_bytes, self.mm.page_size())?;
        if let Some(old) = self.table.take() {
            // SAFETY: distinct mappings; the old one holds `len` entries.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    old.ptr().as_ptr(),
                    new.ptr().as_ptr(),
                    self.len * std::mem::size_of::<ChunkEntry>(),
                );
                self.mm.unmap(old);
            }
        }
        self.table = Some(new);
        Ok(())
    }
}

impl Drop for BlockPool {
    fn drop(&mut self) {
        let n = self.len;
        for i in 0..n {
            let base = self.entries()[i].base;
            if let Some(p) = NonNull::new(std::ptr::with_exposed_provenance_mut::<u8>(base)) {
                // SAFETY: every chunk in the table was mapped by `add_chunk`; the pool's owner
                // is gone, so nothing uses the blocks.
                unsafe { self.mm.unmap(Mapping::from_raw(p, CHUNK_SIZE)) };
            }
        }
        self.len = 0;
        if let Some(t) = self.table.take() {
            // SAFETY: the table is our own mapping.
            unsafe { self.mm.unmap(t) };
        }
    }
}
