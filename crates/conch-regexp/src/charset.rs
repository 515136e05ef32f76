//! Sets of characters as sorted, disjoint, non-adjacent inclusive ranges, in arena memory.
//! Built by pushing ranges in any order, then [`CharSet::normalize`]; the set operations of
//! character classes (union, intersection, difference, complement) and the case closure of
//! ignore-case classes work on normalized sets.

use crate::casefold;
use allocator_api2::vec::Vec;
use conch_mm::{Arena, OutOfMemory};

/// The largest code point.
pub const MAX_CP: u32 = 0x10FFFF;

/// A set of code points (or code units).
pub struct CharSet<'a> {
    ranges: Vec<(u32, u32), &'a Arena>,
}

impl<'a> CharSet<'a> {
    /// The empty set.
    pub fn new(arena: &'a Arena) -> CharSet<'a> {
        CharSet {
            ranges: Vec::new_in(arena),
        }
    }

    /// The normalized ranges.
    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Adds `lo..=hi` (call [`CharSet::normalize`] before reading).
    pub fn add(&mut self, lo: u32, hi: u32) -> Result<(), OutOfMemory> {
        self.ranges.try_reserve(1).map_err(|_| OutOfMemory)?;
        self.ranges.push((lo, hi));
        Ok(())
    }

    /// Adds every range of a slice (any order).
    pub fn add_ranges(&mut self, ranges: &[(u32, u32)]) -> Result<(), OutOfMemory> {
        self.ranges
            .try_reserve(ranges.len())
            .map_err(|_| OutOfMemory)?;
        self.ranges.extend_from_slice(ranges);
        Ok(())
    }

    /// Adds every range of `other`.
    pub fn add_set(&mut self, other: &CharSet) -> Result<(), OutOfMemory> {
        self.ranges
            .try_reserve(other.ranges.len())
            .map_err(|_| OutOfMemory)?;
        self.ranges.extend_from_slice(&other.ranges);
        Ok(())
    }

    /// Sorts and merges overlapping or adjacent ranges.
    pub fn normalize(&mut self) {
        self.ranges.sort_unstable();
        let mut w = 0;
        for i in 0..self.ranges.len() {
            let (lo, hi) = self.ranges[i];
            if w > 0 && lo <= self.ranges[w - 1].1.saturating_add(1) {
                if hi > self.ranges[w - 1].1 {
                    self.ranges[w - 1].1 = hi;
                }
            } else {
                self.ranges[w] = (lo, hi);
                w += 1;
            }
        }
        self.ranges.truncate(w);
    }

    /// Whether `c` is in the (normalized) set.
    pub fn contains(&self, c: u32) -> bool {
        contains(&self.ranges, c)
    }

    /// The complement within `0..=max` (normalized input and output).
    pub fn complement(&self, max: u32) -> Result<CharSet<'a>, OutOfMemory> {
        let mut out = CharSet::new(self.ranges.allocator());
        let mut next = 0u32;
        for &(lo, hi) in self.ranges.iter() {
            if lo > next {
                out.add(next, lo - 1)?;
            }
            next = hi.saturating_add(1);
        }
        if next <= max {
            out.add(next, max)?;
        }
        Ok(out)
    }

    /// The intersection with `other` (both normalized).
    pub fn intersect(&self, other: &CharSet) -> Result<CharSet<'a>, OutOfMemory> {
        let mut out = CharSet::new(self.ranges.allocator());
        let (a, b) = (&self.ranges, &other.ranges);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            let lo = a[i].0.max(b[j].0);
            let hi = a[i].1.min(b[j].1);
            if lo <= hi {
                out.add(lo, hi)?;
            }
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        Ok(out)
    }

    /// The difference `self − other` (both normalized).
    pub fn subtract(&self, other: &CharSet) -> Result<CharSet<'a>, OutOfMemory> {
        let c = other.complement(MAX_CP)?;
        self.intersect(&c)
    }

    /// Adds Canonicalize(c) for every c of the set (normalized input and output), so that a
    /// character matches when its canonical form is in the result.
    pub fn close_case(&mut self, unicode: bool) -> Result<(), OutOfMemory> {
        let n = self.ranges.len();
        for &(lo, hi) in casefold::table(unicode) {
            if contains(&self.ranges[..n], lo) {
                self.add(hi, hi)?;
            }
        }
        // ASCII letters are not in the tables.
        for c in b'A'..=b'Z' {
            let (from, to) = if unicode {
                (c as u32, c.to_ascii_lowercase() as u32)
            } else {
                (c.to_ascii_lowercase() as u32, c as u32)
            };
            if contains(&self.ranges[..n], from) {
                self.add(to, to)?;
            }
        }
        self.normalize();
        Ok(())
    }
}

impl<'a> CharSet<'a> {
    /// MaybeSimpleCaseFolding (`v` and `i` flags): every code point c replaced by scf(c)
    /// (normalized input and output).
    pub fn fold(&mut self) -> Result<(), OutOfMemory> {
        let keys = fold_keys(self.ranges.allocator())?;
        let mut out = self.subtract(&keys)?;
        for &(c, k) in casefold::table(true) {
            if self.contains(c) {
                out.add(k, k)?;
            }
        }
        for c in b'A'..=b'Z' {
            if self.contains(c as u32) {
                let l = c.to_ascii_lowercase() as u32;
                out.add(l, l)?;
            }
        }
        out.normalize();
        *self = out;
        Ok(())
    }

    /// CharacterComplement under the `v` and `i` flags: the code points that simple case
    /// folding leaves unchanged, less the (folded, normalized) set.
    pub fn complement_folded(&self) -> Result<CharSet<'a>, OutOfMemory> {
        let keys = fold_keys(self.ranges.allocator())?;
        let mut all = keys.complement(MAX_CP)?;
        all = all.subtract(self)?;
        Ok(all)
    }
}

/// The code points that simple case folding changes (normalized).
fn fold_keys<'a>(arena: &'a Arena) -> Result<CharSet<'a>, OutOfMemory> {
    let mut keys = CharSet::new(arena);
    let t = casefold::table(true);
    keys.ranges
        .try_reserve(t.len() + 1)
        .map_err(|_| OutOfMemory)?;
    for &(c, _) in t {
        keys.ranges.push((c, c));
    }
    keys.ranges.push((b'A' as u32, b'Z' as u32));
    keys.normalize();
    Ok(keys)
}

/// Binary search in normalized ranges.
pub fn contains(ranges: &[(u32, u32)], c: u32) -> bool {
    let mut lo = 0;
    let mut hi = ranges.len();
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (a, b) = ranges[mid];
        if c < a {
            hi = mid;
        } else if c > b {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}

/// Adds the ranges of a class escape (`\d`, `\s`, `\w`) to `set`.
pub fn add_escape(set: &mut CharSet, letter: u8, unicode_icase: bool) -> Result<(), OutOfMemory> {
    match letter {
        b'd' => set.add('0' as u32, '9' as u32),
        b's' => {
            for &(lo, hi) in SPACE {
                set.add(lo, hi)?;
            }
            Ok(())
        }
        b'w' => {
            set.add('0' as u32, '9' as u32)?;
            set.add('A' as u32, 'Z' as u32)?;
            set.add('_' as u32, '_' as u32)?;
            set.add('a' as u32, 'z' as u32)?;
            if unicode_icase {
                set.add(0x17F, 0x17F)?;
                set.add(0x212A, 0x212A)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// WhiteSpace and LineTerminator (`\s`).
pub const SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let arena = Arena::new(conch_mm::MemoryManager::new());
        let mut a = CharSet::new(&arena);
        a.add(10, 20).unwrap();
        a.add(5, 9).unwrap();
        a.add(30, 40).unwrap();
        a.normalize();
        assert_eq!(a.ranges(), &[(5, 20), (30, 40)]);
        let mut b = CharSet::new(&arena);
        b.add(15, 35).unwrap();
        b.normalize();
        assert_eq!(a.intersect(&b).unwrap().ranges(), &[(15, 20), (30, 35)]);
        assert_eq!(a.subtract(&b).unwrap().ranges(), &[(5, 14), (36, 40)]);
        assert_eq!(
            a.complement(100).unwrap().ranges(),
            &[(0, 4), (21, 29), (41, 100)]
        );
        let mut k = CharSet::new(&arena);
        k.add('k' as u32, 'k' as u32).unwrap();
        k.normalize();
        k.close_case(true).unwrap();
        assert!(k.contains('k' as u32));
        assert!(!k.contains('K' as u32)); // matching canonicalizes the input first
    }
}
