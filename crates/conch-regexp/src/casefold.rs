//! The spec's Canonicalize (ECMA-262 §22.2.2.7.3): simple case folding under the `u`/`v` flags,
//! toUppercase (one code unit, never non-ASCII to ASCII) otherwise. Tables in
//! `casefold_table.rs` (generated).

use crate::casefold_table::{FOLD, UPPER};

/// The (code point, canonical) pairs of the mode, sorted by code point.
pub fn table(unicode: bool) -> &'static [(u32, u32)] {
    if unicode {
        &FOLD
    } else {
        &UPPER
    }
}

/// Canonicalize(c) for the mode.
#[inline]
pub fn canonicalize(c: u32, unicode: bool) -> u32 {
    if c < 128 {
        let b = c as u8;
        return if unicode {
            b.to_ascii_lowercase() as u32
        } else {
            b.to_ascii_uppercase() as u32
        };
    }
    let t = table(unicode);
    match t.binary_search_by_key(&c, |e| e.0) {
        Ok(i) => t[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::canonicalize;

    #[test]
    fn modes() {
        assert_eq!(canonicalize('a' as u32, false), 'A' as u32);
        assert_eq!(canonicalize('A' as u32, true), 'a' as u32);
        // ſ: folds to s, but its uppercase S is ASCII, so it stays itself without u.
        assert_eq!(canonicalize(0x17F, true), 's' as u32);
        assert_eq!(canonicalize(0x17F, false), 0x17F);
        // Kelvin sign folds to k.
        assert_eq!(canonicalize(0x212A, true), 'k' as u32);
        assert_eq!(canonicalize(0x212A, false), 0x212A);
        // ß has a two-character uppercase: unchanged without u.
        assert_eq!(canonicalize(0xDF, false), 0xDF);
        assert_eq!(canonicalize(0x1E9E, true), 0xDF);
        assert_eq!(canonicalize(0x3C3, false), 0x3A3);
        assert_eq!(canonicalize(0x10428, true), 0x10428);
        assert_eq!(canonicalize(0x10400, true), 0x10428);
    }
}
