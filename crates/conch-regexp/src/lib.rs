//! Conch's ECMAScript regular expressions (ECMA-262 §22.2): the pattern grammar (also the
//! parser's early errors for regexp literals), a compiler from pattern and flags to a compact,
//! position-independent bytecode ([`program`]), and a backtracking matcher ([`exec`]) over
//! Latin-1 and UTF-16 strings as stored.
//!
//! Storage rule: compile data lives in the caller's arena (memory-manager chunks); the
//! matcher's backtracking stack and captures grow fallibly in the caller's allocator, so a
//! runtime accounts them and a pattern that needs more than its limit fails with
//! [`ExecError::OutOfMemory`]. The matcher never recurses natively and polls [`Host`] so a
//! catastrophic pattern can be interrupted.
//!
//! Unicode property escapes (`\p{…}`, including the `v` flag's properties of strings) use the
//! generated Unicode 17.0.0 tables of [`unicode`].

mod casefold;
#[rustfmt::skip]
mod casefold_table;
pub mod charset;
pub mod exec;
pub mod program;
pub mod syntax;
pub mod unicode;

pub use casefold::canonicalize;
pub use exec::{exec, Captures, ExecError, Host, Input, NoInterrupt, UNSET};
pub use program::Program;
pub use syntax::{compile_in, validate, validate_in, RegExpError};

/// The flags of a regular expression.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `d`
    pub has_indices: bool,
    /// `g`
    pub global: bool,
    /// `i`
    pub ignore_case: bool,
    /// `m`
    pub multiline: bool,
    /// `s`
    pub dot_all: bool,
    /// `u`
    pub unicode: bool,
    /// `v`
    pub unicode_sets: bool,
    /// `y`
    pub sticky: bool,
}

impl Flags {
    /// Parses a flags string (as code units); `None` for an unknown or repeated flag or `u`
    /// with `v`.
    pub fn parse(units: impl Iterator<Item = u16>) -> Option<Flags> {
        let mut f = Flags::default();
        for u in units {
            let slot = match u {
                0x64 => &mut f.has_indices,
                0x67 => &mut f.global,
                0x69 => &mut f.ignore_case,
                0x6D => &mut f.multiline,
                0x73 => &mut f.dot_all,
                0x75 => &mut f.unicode,
                0x76 => &mut f.unicode_sets,
                0x79 => &mut f.sticky,
                _ => return None,
            };
            if *slot {
                return None;
            }
            *slot = true;
        }
        if f.unicode && f.unicode_sets {
            return None;
        }
        Some(f)
    }

    /// As bits (`d g i m s u v y` = bits 0..8).
    pub fn bits(self) -> u32 {
        (self.has_indices as u32)
            | (self.global as u32) << 1
            | (self.ignore_case as u32) << 2
            | (self.multiline as u32) << 3
            | (self.dot_all as u32) << 4
            | (self.unicode as u32) << 5
            | (self.unicode_sets as u32) << 6
            | (self.sticky as u32) << 7
    }

    /// From [`Flags::bits`].
    pub fn from_bits(b: u32) -> Flags {
        Flags {
            has_indices: b & 1 != 0,
            global: b & 2 != 0,
            ignore_case: b & 4 != 0,
            multiline: b & 8 != 0,
            dot_all: b & 16 != 0,
            unicode: b & 32 != 0,
            unicode_sets: b & 64 != 0,
            sticky: b & 128 != 0,
        }
    }
}

#[cfg(test)]
mod tests;
