//! A growable list in the arena that never moves its elements: segment `k` holds
//! `FIRST << k` elements, so growing leaves no abandoned copies behind in the arena, small lists
//! stay small, and indexing is O(1) (the parser's long-lived, ever-growing tables: scopes,
//! bindings, references).

use crate::error::ParseError;
use allocator_api2::vec::Vec;
use conch_mm::Arena;
use std::ops::{Index, IndexMut};

const FIRST_LOG2: u32 = 3;
const FIRST: usize = 1 << FIRST_LOG2;

/// (segment, offset) of element `i`.
#[inline]
fn locate(i: usize) -> (usize, usize) {
    let j = i + FIRST;
    let log = usize::BITS - 1 - j.leading_zeros();
    let k = (log - FIRST_LOG2) as usize;
    (k, j - (1 << log))
}

pub(crate) struct SegVec<'a, T> {
    segments: Vec<Vec<T, &'a Arena>, &'a Arena>,
    len: usize,
    arena: &'a Arena,
}

impl<'a, T> SegVec<'a, T> {
    pub(crate) fn new_in(arena: &'a Arena) -> Self {
        SegVec {
            segments: Vec::new_in(arena),
            len: 0,
            arena,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(crate) fn push(&mut self, x: T) -> Result<(), ParseError> {
        let j = self.len + FIRST;
        if j.is_power_of_two() {
            // A new segment as large as all the previous ones together (plus FIRST).
            let mut seg = Vec::new_in(self.arena);
            seg.try_reserve_exact(j).map_err(|_| ParseError::oom())?;
            self.segments
                .try_reserve(1)
                .map_err(|_| ParseError::oom())?;
            self.segments.push(seg);
        }
        if let Some(seg) = self.segments.last_mut() {
            // Never grows: the segment was reserved with all its slots.
            seg.push(x);
        }
        self.len += 1;
        Ok(())
    }

    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        let (k, off) = locate(i);
        self.segments.get_mut(k)?.get_mut(off)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.segments.iter().flat_map(|s| s.iter())
    }
}

impl<T> Index<usize> for SegVec<'_, T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        let (k, off) = locate(i);
        &self.segments[k][off]
    }
}

impl<T> IndexMut<usize> for SegVec<'_, T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        let (k, off) = locate(i);
        &mut self.segments[k][off]
    }
}

#[cfg(test)]
mod tests {
    use super::SegVec;
    use conch_mm::{Arena, MemoryManager};

    #[test]
    fn push_index_iterate_across_segments() {
        let arena = Arena::new(MemoryManager::new());
        let mut v = SegVec::new_in(&arena);
        for i in 0..5000u32 {
            v.push(i).unwrap();
            assert_eq!(v[i as usize], i);
        }
        assert_eq!(v.len(), 5000);
        assert!((0..5000).all(|i| v[i] == i as u32));
        assert!(v.iter().copied().eq(0..5000u32));
        v[1024] = 7;
        assert_eq!(*v.get_mut(1024).unwrap(), 7);
        assert!(v.get_mut(5000).is_none());
        assert_eq!(v.iter().count(), 5000);
    }
}
