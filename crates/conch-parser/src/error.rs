//! Parse errors.

use std::fmt;

/// What kind of error the parser reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// An early `SyntaxError` (including lexical errors and regexp pattern errors).
    SyntaxError,
    /// The memory manager refused memory for the AST (report as "Out of memory").
    OutOfMemory,
    /// Nesting too deep for the native stack: `RangeError: Maximum call stack size exceeded`.
    StackOverflow,
}

/// The name an error message is about (an identifier, label or export name), stored inline so
/// building an error never allocates; longer names are cut at a character boundary.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ErrorName {
    len: u8,
    bytes: [u8; 40],
}

impl ErrorName {
    const EMPTY: ErrorName = ErrorName {
        len: 0,
        bytes: [0; 40],
    };

    fn new(name: &str) -> ErrorName {
        let mut n = ErrorName::EMPTY;
        let mut end = name.len().min(40);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        n.bytes[..end].copy_from_slice(&name.as_bytes()[..end]);
        n.len = end as u8;
        n
    }

    /// The (possibly shortened) name.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

impl fmt::Debug for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A parse failure. `line` and `column` are 1-based; the column counts UTF-16 code units.
/// Building one never allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Kind.
    pub kind: ErrorKind,
    /// Message template: a `{}` in it stands for [`ParseError::subject`]; [`ParseError::message`]
    /// (and `Display`) substitute it.
    pub template: &'static str,
    /// The identifier, label or export name the message is about, if any.
    pub subject: Option<ErrorName>,
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
            template: message,
            subject: None,
            offset,
            line: 0,
            column: 0,
        }
    }

    /// Out of memory.
    pub fn oom() -> ParseError {
        ParseError {
            kind: ErrorKind::OutOfMemory,
            template: "Out of memory",
            subject: None,
            offset: 0,
            line: 0,
            column: 0,
        }
    }

    /// Maximum call stack size exceeded.
    pub fn stack(offset: u32) -> ParseError {
        ParseError {
            kind: ErrorKind::StackOverflow,
            template: "Maximum call stack size exceeded",
            subject: None,
            offset,
            line: 0,
            column: 0,
        }
    }

    /// A syntax error whose message template names `name` (its `{}`).
    pub fn syntax_named(offset: u32, template: &'static str, name: &str) -> ParseError {
        let mut e = ParseError::syntax(offset, template);
        e.subject = Some(ErrorName::new(name));
        e
    }

    /// The message with the name filled in.
    pub fn message(&self) -> Message<'_> {
        Message(self)
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

/// [`ParseError::message`]: displays the message with the name filled in.
#[derive(Clone, Copy, Debug)]
pub struct Message<'e>(&'e ParseError);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        match (e.template.split_once("{}"), e.subject) {
            (Some((before, after)), Some(n)) => write!(f, "{before}{}{after}", n.as_str()),
            _ => f.write_str(e.template),
        }
    }
}

impl PartialEq<&str> for Message<'_> {
    fn eq(&self, other: &&str) -> bool {
        let e = self.0;
        match (e.template.split_once("{}"), e.subject) {
            (Some((before, after)), Some(n)) => {
                other.len() == before.len() + n.as_str().len() + after.len()
                    && other.starts_with(before)
                    && other.ends_with(after)
                    && &other[before.len()..other.len() - after.len()] == n.as_str()
            }
            _ => *other == e.template,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.message())?;
        if self.kind == ErrorKind::SyntaxError {
            write!(f, " ({}:{})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}
