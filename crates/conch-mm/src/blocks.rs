//! The block pool: 16 KiB blocks cut from 256 KiB chunks that the memory manager mapped.
//!
//! Invariants:
//! - every chunk starts at a `CHUNK_SIZE`-aligned address, so `addr & !(CHUNK_SIZE - 1)` names
//!   the only chunk that can hold `addr`, and blocks are `BLOCK_SIZE`-aligned likewise;
//! - a chunk is normally whole (`CHUNK_SIZE` bytes); when a whole chunk would not fit under the
//!   limit, a *partial* chunk of the blocks that fit is mapped instead (its `valid` mask names
//!   them), so that the last stretch of headroom is usable;
//! - the chunk table is an open-addressing hash set keyed by chunk base (linear probing,
//!   backward-shift deletion, load ≤ 1/2) in a mapping of its own (accounted): `block_of`, which
//!   validates every host handle and every conservatively scanned word, is O(1), and so are
//!   insertion and removal;
//! - `free_blocks` equals the number of set bits over all `free_mask`s, and `free_chunks` the
//!   number of entries with `free_mask == valid`;
//! - unless in emergency mode, `alloc_block` never takes the last `RESERVE_BLOCKS` free blocks:
//!   they are what the out-of-memory path runs on once the host or the limit refuses everything.

use crate::{Mapping, MemoryManager, OutOfMemory};
use std::ptr::NonNull;
use std::sync::Arc;

/// Size of a block (the unit the GC heap works in).
pub const BLOCK_SIZE: usize = 16 * 1024;
/// Size of a chunk (the unit taken from the OS for blocks, and reported to the host).
pub const CHUNK_SIZE: usize = 256 * 1024;
const BLOCKS_PER_CHUNK: usize = CHUNK_SIZE / BLOCK_SIZE;
const ALL_BLOCKS: u32 = (1u32 << BLOCKS_PER_CHUNK) - 1;
/// Blocks held back for the emergency path.
pub const RESERVE_BLOCKS: usize = 4;
/// Wholly free chunks kept pooled (contents discarded) instead of going back to the OS.
const KEEP_FREE_CHUNKS: usize = 2;

#[derive(Clone, Copy)]
#[repr(C)]
struct ChunkEntry {
    /// Chunk base; 0 marks an empty slot.
    base: usize,
    free_mask: u32,
    /// The blocks this chunk has (all of them unless it is a partial chunk).
    valid: u32,
}

impl ChunkEntry {
    fn bytes(&self) -> usize {
        self.valid.count_ones() as usize * BLOCK_SIZE
    }
}

/// Hands out `BLOCK_SIZE` blocks; see the module doc for the invariants.
pub struct BlockPool {
    mm: Arc<MemoryManager>,
    table: Option<Mapping>,
    /// Slots in the table (a power of two, or 0).
    cap: usize,
    len: usize,
    free_blocks: usize,
    free_chunks: usize,
    emergency: bool,
    /// Slot where the last allocation found a free block (allocation starts looking there).
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

fn hash(base: usize, mask: usize) -> usize {
    ((base / CHUNK_SIZE).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) & mask
}

impl BlockPool {
    /// An empty pool over `mm` (maps nothing until the first block is needed).
    pub fn new(mm: Arc<MemoryManager>) -> BlockPool {
        BlockPool {
            mm,
            table: None,
            cap: 0,
            len: 0,
            free_blocks: 0,
            free_chunks: 0,
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

    /// Whether [`alloc_block`](Self::alloc_block) can succeed without mapping a chunk.
    pub fn has_usable_block(&self) -> bool {
        self.usable() > 0
    }

    fn usable(&self) -> usize {
        if self.emergency {
            self.free_blocks
        } else {
            self.free_blocks.saturating_sub(RESERVE_BLOCKS)
        }
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

    fn slots(&self) -> &[ChunkEntry] {
        match &self.table {
            // SAFETY: the table mapping holds `cap` initialised slots (zeroed = empty) and is ours.
            Some(t) => unsafe {
                std::slice::from_raw_parts(t.ptr().as_ptr().cast::<ChunkEntry>(), self.cap)
            },
            None => &[],
        }
    }

    fn slots_mut(&mut self) -> &mut [ChunkEntry] {
        match &self.table {
            // SAFETY: as in `slots`, and `&mut self` makes the access exclusive.
            Some(t) => unsafe {
                std::slice::from_raw_parts_mut(t.ptr().as_ptr().cast::<ChunkEntry>(), self.cap)
            },
            None => &mut [],
        }
    }

    /// The slot holding chunk `base`.
    fn find(&self, base: usize) -> Option<usize> {
        let slots = self.slots();
        if slots.is_empty() {
            return None;
        }
        let mask = self.cap - 1;
        let mut i = hash(base, mask);
        loop {
            let e = &slots[i];
            if e.base == base {
                return Some(i);
            }
            if e.base == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// If `addr` lies in a block currently handed out by this pool, that block's base address.
    /// O(1): one hash probe sequence (load ≤ 1/2).
    #[inline]
    pub fn block_of(&self, addr: usize) -> Option<usize> {
        let base = addr & !(CHUNK_SIZE - 1);
        if base == 0 {
            return None;
        }
        let e = self.slots()[self.find(base)?];
        let bit = 1u32 << ((addr - base) / BLOCK_SIZE);
        if e.valid & !e.free_mask & bit == 0 {
            return None;
        }
        Some(addr & !(BLOCK_SIZE - 1))
    }

    /// Takes a block. Its contents are unspecified (zero when fresh from the OS).
    pub fn alloc_block(&mut self) -> Result<NonNull<u8>, OutOfMemory> {
        if self.usable() == 0 {
            self.add_chunk()?;
        }
        let cap = self.cap;
        // Blocks of chunks already in use go first: wholly free chunks stay whole, so that a
        // later explicit collection can give them back (`release_free_chunks`), and live
        // cells gather in fewer chunks. (`free_chunks * BLOCKS_PER_CHUNK` bounds the blocks of
        // wholly free chunks from above, so when this says a partly used chunk has a free
        // block, one has; near the limit, with partial chunks, it may miss one: no harm.)
        let partial_exists = self.free_blocks > self.free_chunks * BLOCKS_PER_CHUNK;
        for k in 0..cap {
            let i = (self.hint + k) & (cap - 1);
            let e = &mut self.slots_mut()[i];
            if e.base != 0 && e.free_mask != 0 && !(partial_exists && e.free_mask == e.valid) {
                let was_whole = e.free_mask == e.valid;
                let bit = e.free_mask.trailing_zeros() as usize;
                e.free_mask &= !(1 << bit);
                let addr = e.base + bit * BLOCK_SIZE;
                self.free_blocks -= 1;
                if was_whole {
                    self.free_chunks -= 1;
                }
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
        let Some(i) = self.find(base) else {
            debug_assert!(false, "free_block of a foreign block");
            return;
        };
        let bit = (addr - base) / BLOCK_SIZE;
        let e = &mut self.slots_mut()[i];
        debug_assert!(e.free_mask & (1 << bit) == 0, "double free of a block");
        e.free_mask |= 1 << bit;
        let whole = e.free_mask == e.valid;
        self.free_blocks += 1;
        if whole {
            self.free_chunks += 1;
            self.chunk_became_free(i);
        }
    }

    fn chunk_became_free(&mut self, i: usize) {
        let e = self.slots()[i];
        let keep_reserve = self.free_blocks >= RESERVE_BLOCKS + e.valid.count_ones() as usize;
        let p = NonNull::new(std::ptr::with_exposed_provenance_mut::<u8>(e.base));
        if self.free_chunks > KEEP_FREE_CHUNKS && keep_reserve {
            self.remove(i);
            self.free_blocks -= e.valid.count_ones() as usize;
            self.free_chunks -= 1;
            if let Some(p) = p {
                // SAFETY: the chunk was mapped by `add_chunk` with exactly this size and all its
                // blocks are free.
                unsafe { self.mm.unmap(Mapping::from_raw(p, e.bytes())) };
            }
        } else if let Some(p) = p {
            // Pooled: keep the reservation (and its accounting), drop the pages' contents.
            // SAFETY: the whole chunk is free and lies inside its own mapping.
            unsafe { self.mm.discard(p, e.bytes()) };
        }
    }

    /// Returns every wholly free chunk to the OS (with its Free event) but for what the
    /// emergency reserve needs: for a host's explicit collection, after which memory that is
    /// not in use should not stay reported (ChakraCore decommits its free pages then too).
    /// Allocation-triggered collections keep up to `KEEP_FREE_CHUNKS` pooled instead, so a
    /// heap that breathes does not map and unmap a chunk per cycle. Returns the chunks
    /// released. O(table size).
    pub fn release_free_chunks(&mut self) -> usize {
        let mut released = 0;
        let mut i = 0;
        while i < self.cap {
            let e = self.slots()[i];
            let n = e.valid.count_ones() as usize;
            if e.base == 0 || e.free_mask != e.valid || self.free_blocks < RESERVE_BLOCKS + n {
                i += 1;
                continue;
            }
            // Slot `i` is refilled by the backward shift (from later slots, or wrapping from
            // the start, already seen): look at it again rather than moving on.
            self.remove(i);
            self.free_blocks -= n;
            self.free_chunks -= 1;
            released += 1;
            if let Some(p) = NonNull::new(std::ptr::with_exposed_provenance_mut::<u8>(e.base)) {
                // SAFETY: the chunk was mapped by `add_chunk` with exactly this size and all
                // its blocks are free.
                unsafe { self.mm.unmap(Mapping::from_raw(p, e.bytes())) };
            }
        }
        released
    }

    /// Removes slot `i` (backward-shift deletion keeps every probe sequence unbroken).
    fn remove(&mut self, mut i: usize) {
        let mask = self.cap - 1;
        let slots = self.slots_mut();
        let mut j = i;
        loop {
            j = (j + 1) & mask;
            if slots[j].base == 0 {
                break;
            }
            let home = hash(slots[j].base, mask);
            // Move `j` into the hole at `i` unless its home lies cyclically in (i, j].
            let between = if i <= j {
                i < home && home <= j
            } else {
                i < home || home <= j
            };
            if !between {
                slots[i] = slots[j];
                i = j;
            }
        }
        slots[i] = ChunkEntry {
            base: 0,
            free_mask: 0,
            valid: 0,
        };
        self.len -= 1;
    }

    fn insert(&mut self, entry: ChunkEntry) {
        let mask = self.cap - 1;
        let slots = self.slots_mut();
        let mut i = hash(entry.base, mask);
        while slots[i].base != 0 {
            i = (i + 1) & mask;
        }
        slots[i] = entry;
        self.len += 1;
    }

    /// Maps a chunk: a whole one, or, when a whole one would pass the limit, as many blocks as
    /// fit (a request of a whole chunk is made, and refused, only when not one block fits).
    fn add_chunk(&mut self) -> Result<(), OutOfMemory> {
        if (self.len + 1) * 2 > self.cap {
            self.grow_table()?;
        }
        let room = self.mm.limit().saturating_sub(self.mm.usage());
        let blocks = if !(BLOCK_SIZE..CHUNK_SIZE).contains(&room) {
            BLOCKS_PER_CHUNK
        } else {
            room / BLOCK_SIZE
        };
        let m = self.mm.map(blocks * BLOCK_SIZE, CHUNK_SIZE)?;
        let base = m.ptr().as_ptr().expose_provenance();
        let _ = m.into_raw(); // re-created from the table entry when released
        let valid = if blocks == BLOCKS_PER_CHUNK {
            ALL_BLOCKS
        } else {
            (1u32 << blocks) - 1
        };
        self.insert(ChunkEntry {
            base,
            free_mask: valid,
            valid,
        });
        self.free_blocks += blocks;
        self.free_chunks += 1;
        Ok(())
    }

    fn grow_table(&mut self) -> Result<(), OutOfMemory> {
        let page = self.mm.page_size();
        let new_cap = (self.cap * 2).max(page / std::mem::size_of::<ChunkEntry>());
        let new = self
            .mm
            .map(new_cap * std::mem::size_of::<ChunkEntry>(), page)?;
        let old = self.table.replace(new);
        let old_cap = std::mem::replace(&mut self.cap, new_cap);
        self.len = 0;
        self.hint = 0;
        if let Some(old) = old {
            // SAFETY: the old table holds `old_cap` initialised slots and is no longer the
            // pool's table; it is ours until unmapped below.
            let entries = unsafe {
                std::slice::from_raw_parts(old.ptr().as_ptr().cast::<ChunkEntry>(), old_cap)
            };
            for &e in entries {
                if e.base != 0 {
                    self.insert(e);
                }
            }
            // SAFETY: the old table is our own mapping and nothing refers to it any more.
            unsafe { self.mm.unmap(old) };
        }
        Ok(())
    }
}

impl Drop for BlockPool {
    fn drop(&mut self) {
        for k in 0..self.cap {
            let e = self.slots()[k];
            if e.base == 0 {
                continue;
            }
            if let Some(p) = NonNull::new(std::ptr::with_exposed_provenance_mut::<u8>(e.base)) {
                // SAFETY: every chunk in the table was mapped by `add_chunk` with this size; the
                // pool's owner is gone, so nothing uses the blocks.
                unsafe { self.mm.unmap(Mapping::from_raw(p, e.bytes())) };
            }
        }
        self.len = 0;
        if let Some(t) = self.table.take() {
            // SAFETY: the table is our own mapping.
            unsafe { self.mm.unmap(t) };
        }
    }
}
