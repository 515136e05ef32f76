//! Parse errors.

use std::fmt;

/// What kind of error the parser reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// An early `SyntaxError` (including lexical errors and regexp pattern errors).
    SyntaxError,
    /// The memory manager refused memory for the AST (report as "Out of memory").
    OutOfMemory,
    /// Nesting too deep for the native stack: `RangeError: Out of stack space`.
    StackOverflow,
}

/// A parse failure. `line` and `column` are 1-based; the column counts UTF-16 code units.
/// Building one never allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Kind.
    pub kind: ErrorKind,
    /// Human-readable message.
    pub message: &'static str,
    /// Byte offset in the source.
    pub offset: u32,
    /// 1-based line (0 until [`ParseError::locate`] ran).
    pub line: u32,
    /// 1-based column in UTF-16 code units (0 until [`ParseError::locate`] ran).
    pub column: u32,
}

impl ParseError {
    /// A syntax error at `offset`.
    pub fn syntax(offset: u32, message: &'static str) -> ParseError {
        ParseError {
            kind: ErrorKind::SyntaxError,
            message,
            offset,
            line: 0,
            column: 0,
        }
    }

    /// Out of memory.
    pub fn oom() -> ParseError {
        ParseError {
            kind: ErrorKind::OutOfMemory,
            message: "Out of memory",
            offset: 0,
            line: 0,
            column: 0,
        }
    }

    /// Out of stack space.
    pub fn stack(offset: u32) -> ParseError {
        ParseError {
            kind: ErrorKind::StackOverflow,
            message: "Out of stack space",
            offset,
            line: 0,
            column: 0,
        }
    }

    /// The JavaScript error constructor name: "SyntaxError", "RangeError" or "Error".
    pub fn name(&self) -> &'static str {
        match self.kind {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::StackOverflow => "RangeError",
            ErrorKind::OutOfMemory => "Error",
        }
    }

    /// Fills `line`/`column` from `offset`.
    pub fn locate(mut self, source: &str) -> ParseError {
        let (l, c) = crate::line_col(source, self.offset as usize);
        self.line = l;
        self.column = c;
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.message)?;
        if self.kind == ErrorKind::SyntaxError {
            write!(f, " ({}:{})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}
