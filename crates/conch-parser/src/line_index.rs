//! Byte offsets to 1-based line and UTF-16 column.

use crate::error::ParseError;
use allocator_api2::vec::Vec;
use conch_mm::Arena;

/// `(line, column)` of a byte offset: both 1-based, the column in UTF-16 code units. Line
/// terminators are LF, CR, CRLF, LS and PS.
pub fn line_col(source: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(source.len());
    let mut line = 1u32;
    let mut line_start = 0usize;
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9))
                && i + 3 <= offset =>
            {
                line += 1;
                line_start = i + 3;
            }
            _ => {}
        }
        i += 1;
    }
    (line, column(source, line_start, offset))
}

fn column(source: &str, line_start: usize, offset: usize) -> u32 {
    let mut col = 1u32;
    let mut i = line_start;
    while i < offset {
        let b = source.as_bytes()[i];
        let (units, len) = match b {
            0x00..=0x7F => (1, 1),
            0xC0..=0xDF => (1, 2),
            0xE0..=0xEF => (1, 3),
            0xF0..=0xF7 => (2, 4),
            _ => (0, 1),
        };
        col += units;
        i += len;
    }
    col
}

/// Line starts of a source, for converting many offsets (e.g. every AST node's span).
#[derive(Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<u32, &'a Arena>,
}

impl<'a> LineIndex<'a> {
    /// Scans `source` once.
    pub fn new(source: &'a str, arena: &'a Arena) -> Result<Self, ParseError> {
        let mut starts = Vec::new_in(arena);
        starts.try_reserve(1).map_err(|_| ParseError::oom())?;
        starts.push(0);
        let b = source.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let next = match b[i] {
                b'\n' => Some(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => Some(i + 1),
                0xE2 if b.get(i + 1) == Some(&0x80)
                    && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    Some(i + 3)
                }
                _ => None,
            };
            if let Some(n) = next {
                starts.try_reserve(1).map_err(|_| ParseError::oom())?;
                starts.push(n as u32);
            }
            i += 1;
        }
        Ok(LineIndex { source, starts })
    }

    /// `(line, column)` of `offset`, as [`line_col`].
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[idx] as usize;
        (
            idx as u32 + 1,
            column(self.source, start, (offset as usize).min(self.source.len())),
        )
    }
}
