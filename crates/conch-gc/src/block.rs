//! Size-class blocks (16 KiB, from the block pool) and large-object mappings.
//!
//! ```text
//! block (BLOCK_SIZE-aligned)                 large object (own mapping, BLOCK_SIZE-aligned)
//! +-------------------------------+          +------------------------------+
//! | BlockHeader (magic, class,    |          | LargeHeader (magic, links,   |
//! |   alloc bits, mark bits, …)   |          |   sizes, mark)   64 bytes    |
//! +-------------------------------+ FIRST    +------------------------------+ +64
//! | cell 0 | cell 1 | … | cell n-1|          | the cell                     |
//! +-------------------------------+          +------------------------------+
//! ```
//!
//! Invariants: a cell is live iff its alloc bit is set; after a collection's sweep,
//! `alloc = alloc & mark`, so a stale pointer (on the stack, say) never revives a dead cell —
//! conservative scanning checks the alloc bit. Magic words tell blocks and large objects apart
//! from the 16 KiB-aligned base of any cell address.

use conch_mm::BLOCK_SIZE;

pub(crate) const BLOCK_MAGIC: u32 = 0xC0_4C_B1_0C;
pub(crate) const LARGE_MAGIC: u32 = 0xC0_4C_1A_46;

/// Smallest cell (a vtable word and one payload word); bounds the cells per block, and so
/// the bitmaps.
const MIN_CELL: usize = 16;
/// Cells are 8-byte aligned: a cell is a vtable word followed by words.
pub(crate) const GRANULE: usize = 8;
const BITMAP_WORDS: usize = BLOCK_SIZE / MIN_CELL / 64;
/// Sizes up to this are rounded to the granule.
const FINE_MAX: usize = 128;
/// Classes per doubling above [`FINE_MAX`].
const STEPS: usize = 8;
const FINE_CLASSES: usize = (FINE_MAX - MIN_CELL) / GRANULE + 1;

/// Size classes: 8-byte granules from 16 to 128 bytes, then eight steps per power of two up
/// to 8 KiB. Rounding loses at most one granule in the fine range (≤ 12.5% from 64 bytes up)
/// and at most one eighth of a power of two above it (< 12.5%).
pub(crate) const SIZE_CLASSES: [u32; FINE_CLASSES + 6 * STEPS] = {
    let mut c = [0u32; FINE_CLASSES + 6 * STEPS];
    let mut i = 0;
    while i < FINE_CLASSES {
        c[i] = (MIN_CELL + i * GRANULE) as u32;
        i += 1;
    }
    let mut p = FINE_MAX;
    while i < c.len() {
        let step = p / STEPS;
        let mut k = 1;
        while k <= STEPS {
            c[i] = (p + k * step) as u32;
            i += 1;
            k += 1;
        }
        p *= 2;
    }
    c
};
/// Cells above this get their own mapping.
pub(crate) const MAX_SMALL: usize = 8192;
const _: () = assert!(SIZE_CLASSES[SIZE_CLASSES.len() - 1] as usize == MAX_SMALL);

/// The size class for `size` bytes (`size <= MAX_SMALL`).
#[inline]
pub(crate) fn class_for(size: usize) -> usize {
    if size <= FINE_MAX {
        return size.max(MIN_CELL).div_ceil(GRANULE) - MIN_CELL / GRANULE;
    }
    // Above FINE_MAX: `p` = the power of two below `size` (exclusive of `size` itself).
    let s = size - 1;
    let log = usize::BITS - 1 - s.leading_zeros();
    let p = 1usize << log;
    let step = p / STEPS;
    FINE_CLASSES + (log as usize - FINE_MAX.trailing_zeros() as usize) * STEPS + (s - p) / step
}

#[repr(C)]
pub(crate) struct BlockHeader {
    pub magic: u32,
    pub cell_size: u32,
    pub cells: u32,
    pub class: u16,
    pub first: u16,
    /// Bitmap word where the next free cell search starts.
    pub cursor: u16,
    /// Holds a cell marked but not traced (the mark stack was full): the next rescan of
    /// overflowed blocks traces its marked cells.
    pub overflow: u16,
    pub live_cells: u32,
    /// Next block of the same class with free cells (the class's available list).
    pub next_available: usize,
    /// Next block in the heap's list of all blocks.
    pub next_all: usize,
    pub alloc: [u64; BITMAP_WORDS],
    pub mark: [u64; BITMAP_WORDS],
}

pub(crate) const FIRST_CELL: usize = std::mem::size_of::<BlockHeader>().next_multiple_of(16);
const _: () = assert!((BLOCK_SIZE - FIRST_CELL) / MIN_CELL <= BITMAP_WORDS * 64);
const _: () = assert!(FIRST_CELL < 512);

impl BlockHeader {
    /// Initialises a fresh block for `class` in place.
    ///
    /// # Safety
    /// `base` is a BLOCK_SIZE block exclusively ours.
    pub unsafe fn init(base: usize, class: usize) -> &'static mut BlockHeader {
        let cell_size = SIZE_CLASSES[class];
        let cells = ((BLOCK_SIZE - FIRST_CELL) / cell_size as usize) as u32;
        let h = std::ptr::with_exposed_provenance_mut::<BlockHeader>(base);
        // SAFETY: the block is ours and large enough for the header.
        unsafe {
            h.write(BlockHeader {
                magic: BLOCK_MAGIC,
                cell_size,
                cells,
                class: class as u16,
                first: FIRST_CELL as u16,
                cursor: 0,
                overflow: 0,
                live_cells: 0,
                next_available: 0,
                next_all: 0,
                alloc: [0; BITMAP_WORDS],
                mark: [0; BITMAP_WORDS],
            });
            &mut *h
        }
    }

    /// # Safety
    /// `base` is the base of an initialised block.
    pub unsafe fn at(base: usize) -> &'static mut BlockHeader {
        // SAFETY: caller contract.
        unsafe { &mut *std::ptr::with_exposed_provenance_mut::<BlockHeader>(base) }
    }

    pub fn base(&self) -> usize {
        (self as *const BlockHeader).expose_provenance()
    }

    pub fn words(&self) -> usize {
        (self.cells as usize).div_ceil(64)
    }

    fn valid_mask(&self, w: usize) -> u64 {
        let last = self.cells as usize - w * 64;
        if last >= 64 {
            u64::MAX
        } else {
            (1u64 << last) - 1
        }
    }

    /// Takes a free cell, returning its address.
    #[inline]
    pub fn alloc(&mut self, black: bool) -> Option<usize> {
        let words = self.words();
        let mut w = self.cursor as usize;
        while w < words {
            let free = !self.alloc[w] & self.valid_mask(w);
            if free != 0 {
                let bit = free.trailing_zeros() as usize;
                self.alloc[w] |= 1 << bit;
                if black {
                    self.mark[w] |= 1 << bit;
                }
                self.cursor = w as u16;
                self.live_cells += 1;
                let idx = w * 64 + bit;
                return Some(self.base() + FIRST_CELL + idx * self.cell_size as usize);
            }
            w += 1;
        }
        self.cursor = words as u16;
        None
    }

    /// Index of the cell containing `addr` (an address within this block), accepting a pointer
    /// to a cell's end as that cell. Only allocated cells count.
    pub fn cell_index_conservative(&self, addr: usize) -> Option<usize> {
        let off = addr.checked_sub(self.base() + FIRST_CELL)?;
        let size = self.cell_size as usize;
        let idx = off / size;
        if idx < self.cells as usize && self.is_allocated(idx) {
            return Some(idx);
        }
        // One past the end of the previous cell.
        if off % size == 0 && idx > 0 && idx - 1 < self.cells as usize && self.is_allocated(idx - 1)
        {
            return Some(idx - 1);
        }
        None
    }

    /// Index of the cell starting exactly at `addr`, if allocated.
    pub fn cell_index_exact(&self, addr: usize) -> Option<usize> {
        let off = addr.checked_sub(self.base() + FIRST_CELL)?;
        let size = self.cell_size as usize;
        let idx = off / size;
        (off % size == 0 && idx < self.cells as usize && self.is_allocated(idx)).then_some(idx)
    }

    pub fn cell_addr(&self, idx: usize) -> usize {
        self.base() + FIRST_CELL + idx * self.cell_size as usize
    }

    pub fn is_allocated(&self, idx: usize) -> bool {
        self.alloc[idx / 64] & (1 << (idx % 64)) != 0
    }

    pub fn is_marked(&self, idx: usize) -> bool {
        self.mark[idx / 64] & (1 << (idx % 64)) != 0
    }

    /// Sets the mark bit; true if it was clear.
    #[inline]
    pub fn set_mark(&mut self, idx: usize) -> bool {
        let (w, b) = (idx / 64, 1u64 << (idx % 64));
        let fresh = self.mark[w] & b == 0;
        self.mark[w] |= b;
        fresh
    }

    pub fn clear_marks(&mut self) {
        self.mark = [0; BITMAP_WORDS];
    }

    /// Frees unmarked cells. Returns the number of live cells left.
    pub fn sweep(&mut self) -> u32 {
        let mut live = 0;
        for w in 0..self.words() {
            self.alloc[w] &= self.mark[w];
            live += self.alloc[w].count_ones();
        }
        self.live_cells = live;
        self.cursor = 0;
        live
    }

    /// The marked, allocated cells of bitmap word `w`.
    pub fn marked_word(&self, w: usize) -> u64 {
        self.mark[w] & self.alloc[w]
    }

    pub fn has_free(&self) -> bool {
        self.live_cells < self.cells
    }
}

/// Header of a large-object mapping; the cell follows at `+LARGE_HEADER`.
#[repr(C)]
pub(crate) struct LargeHeader {
    pub magic: u32,
    pub marked: u32,
    /// Marked but not traced (the mark stack was full): the next rescan traces it.
    pub overflow: usize,
    pub next: usize,
    pub map_size: usize,
    pub cell_size: usize,
}

pub(crate) const LARGE_HEADER: usize = 64;
const _: () = assert!(std::mem::size_of::<LargeHeader>() <= LARGE_HEADER);

impl LargeHeader {
    /// # Safety
    /// `base` is the base of a live large-object mapping.
    pub unsafe fn at(base: usize) -> &'static mut LargeHeader {
        // SAFETY: caller contract.
        unsafe { &mut *std::ptr::with_exposed_provenance_mut::<LargeHeader>(base) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_sizes() {
        for size in 1..=MAX_SMALL {
            let c = class_for(size);
            assert!(SIZE_CLASSES[c] as usize >= size, "{size}");
            if c > 0 {
                assert!((SIZE_CLASSES[c - 1] as usize) < size, "{size}");
            }
        }
        assert_eq!(FIRST_CELL % 16, 0);
    }

    #[test]
    fn rounding_loss_is_at_most_an_eighth_from_64_bytes_up() {
        for size in 64..=MAX_SMALL {
            let class = SIZE_CLASSES[class_for(size)] as usize;
            assert!((class - size) * 8 <= size, "{size} -> {class}");
        }
        assert!(SIZE_CLASSES
            .iter()
            .all(|&c| (c as usize).is_multiple_of(GRANULE)));
    }
}
