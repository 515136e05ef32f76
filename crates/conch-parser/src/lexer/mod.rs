//! The lexer: UTF-8 source text to tokens.
//!
//! The lexer does not know whether `/` starts a regular expression or whether `}` resumes a
//! template: it always produces [`Tok::Slash`]/[`Tok::SlashEq`]/[`Tok::RBrace`], and the parser
//! asks for a rescan ([`Lexer::rescan_regexp`], [`Lexer::rescan_template`]) where the grammar
//! allows one. Its state is a few integers, so the parser peeks by copying it.

mod literals;
pub mod token;

use crate::error::ParseError;
use crate::JsStr;
use allocator_api2::vec::Vec;
use conch_mm::Arena;
pub use token::{Tok, TokValue, Token};

/// The lexer.
#[derive(Clone, Copy)]
pub struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    arena: &'a Arena,
    /// Module goal: no HTML-like comments.
    pub module: bool,
}

impl std::fmt::Debug for Lexer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexer").field("pos", &self.pos).finish()
    }
}

/// Is `c` a line terminator (LF, CR, LS, PS)?
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// White space other than line terminators (TAB, VT, FF, ZWNBSP, and category Zs).
pub fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | ' ' | '\u{a0}' | '\u{feff}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// IdentifierStartChar.
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '$' || c == '_'
    } else {
        unicode_id_start::is_id_start_unicode(c)
    }
}

/// IdentifierPartChar.
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '$' || c == '_'
    } else {
        unicode_id_start::is_id_continue_unicode(c) || c == '\u{200c}' || c == '\u{200d}'
    }
}

/// ASCII identifier parts (`[A-Za-z0-9$_]`); false for every other byte.
static ASCII_ID: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'$' || c == b'_';
        b += 1;
    }
    t
};

/// A growable byte buffer in the arena (WTF-8 for string values).
pub(crate) struct Buf<'a> {
    v: Vec<u8, &'a Arena>,
}

impl<'a> Buf<'a> {
    pub(crate) fn new(arena: &'a Arena) -> Self {
        Buf {
            v: Vec::new_in(arena),
        }
    }

    pub(crate) fn extend(&mut self, b: &[u8]) -> Result<(), ParseError> {
        self.v.try_reserve(b.len()).map_err(|_| ParseError::oom())?;
        self.v.extend_from_slice(b);
        Ok(())
    }

    pub(crate) fn push(&mut self, b: u8) -> Result<(), ParseError> {
        self.v.try_reserve(1).map_err(|_| ParseError::oom())?;
        self.v.push(b);
        Ok(())
    }

    /// Appends a code point (surrogates allowed: WTF-8; a trail surrogate after a lead one joins
    /// it into one supplementary code point).
    pub(crate) fn push_cp(&mut self, cp: u32) -> Result<(), ParseError> {
        let mut cp = cp;
        if (0xDC00..0xE000).contains(&cp) {
            let n = self.v.len();
            if n >= 3 && self.v[n - 3] == 0xED && (0xA0..0xB0).contains(&self.v[n - 2]) {
                let lead =
                    0xD000 | ((self.v[n - 2] as u32 & 0x3F) << 6) | (self.v[n - 1] as u32 & 0x3F);
                self.v.truncate(n - 3);
                cp = 0x10000 + ((lead - 0xD800) << 10) + (cp - 0xDC00);
            }
        }
        let mut tmp = [0u8; 4];
        let bytes: &[u8] = if cp < 0x80 {
            tmp[0] = cp as u8;
            &tmp[..1]
        } else if cp < 0x800 {
            tmp[0] = 0xC0 | (cp >> 6) as u8;
            tmp[1] = 0x80 | (cp & 0x3F) as u8;
            &tmp[..2]
        } else if cp < 0x10000 {
            tmp[0] = 0xE0 | (cp >> 12) as u8;
            tmp[1] = 0x80 | ((cp >> 6) & 0x3F) as u8;
            tmp[2] = 0x80 | (cp & 0x3F) as u8;
            &tmp[..3]
        } else {
            tmp[0] = 0xF0 | (cp >> 18) as u8;
            tmp[1] = 0x80 | ((cp >> 12) & 0x3F) as u8;
            tmp[2] = 0x80 | ((cp >> 6) & 0x3F) as u8;
            tmp[3] = 0x80 | (cp & 0x3F) as u8;
            &tmp[..4]
        };
        self.extend(bytes)
    }

    pub(crate) fn finish(self) -> &'a [u8] {
        self.v.leak()
    }
}

impl<'a> Lexer<'a> {
    /// A lexer over `src`.
    pub fn new(src: &'a str, arena: &'a Arena, module: bool) -> Self {
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            arena,
            module,
        }
    }

    /// The source.
    pub fn source(&self) -> &'a str {
        self.src
    }

    /// The arena.
    pub fn arena(&self) -> &'a Arena {
        self.arena
    }

    /// Current byte offset.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn peek_byte(&self, off: usize) -> u8 {
        self.bytes.get(self.pos + off).copied().unwrap_or(0)
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    fn err(&self, offset: usize, msg: &'static str) -> ParseError {
        ParseError::syntax(offset as u32, msg)
    }

    /// Skips a `#!` comment at the very start; returns its text.
    pub fn skip_hashbang(&mut self) -> Option<&'a str> {
        if self.pos == 0 && self.bytes.starts_with(b"#!") {
            let start = 2;
            let mut end = start;
            while let Some(c) = self.char_at(end) {
                if is_line_terminator(c) {
                    break;
                }
                end += c.len_utf8();
            }
            self.pos = end;
            return self.src.get(start..end);
        }
        None
    }

    /// Skips white space and comments; returns whether a line terminator was crossed.
    fn skip_trivia(&mut self, mut newline: bool) -> Result<bool, ParseError> {
        // At the start of input, `-->` counts as being at the start of a line.
        if self.pos == 0 {
            newline = true;
        }
        loop {
            let b = self.peek_byte(0);
            match b {
                b' ' | b'\t' | 0x0B | 0x0C => {
                    // Runs of indentation: skip them in one tight loop.
                    let rest = self.bytes.get(self.pos + 1..).unwrap_or(&[]);
                    self.pos += 1 + rest
                        .iter()
                        .position(|&b| b != b' ' && b != b'\t')
                        .unwrap_or(rest.len());
                }
                b'\n' | b'\r' => {
                    self.pos += 1;
                    newline = true;
                }
                b'/' => match self.peek_byte(1) {
                    b'/' => self.skip_line_comment(2),
                    b'*' => {
                        if self.skip_block_comment()? {
                            newline = true;
                        }
                    }
                    _ => return Ok(newline),
                },
                b'<' if !self.module && self.bytes.get(self.pos..self.pos + 4) == Some(b"<!--") => {
                    self.skip_line_comment(4)
                }
                b'-' if !self.module
                    && newline
                    && self.bytes.get(self.pos..self.pos + 3) == Some(b"-->") =>
                {
                    self.skip_line_comment(3)
                }
                0 if self.pos >= self.bytes.len() => return Ok(newline),
                b if b < 0x80 => return Ok(newline),
                _ => {
                    let c = match self.char_at(self.pos) {
                        Some(c) => c,
                        None => return Ok(newline),
                    };
                    if c == '\u{2028}' || c == '\u{2029}' {
                        newline = true;
                    } else if !is_whitespace(c) {
                        return Ok(newline);
                    }
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn skip_line_comment(&mut self, skip: usize) {
        self.pos += skip;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if b == b'\n' || b == b'\r' {
                return;
            }
            if b == 0xE2
                && self.peek_byte(1) == 0x80
                && (self.peek_byte(2) == 0xA8 || self.peek_byte(2) == 0xA9)
            {
                return;
            }
            self.pos += 1;
        }
    }

    /// Skips `/* ... */`; returns whether it contained a line terminator.
    fn skip_block_comment(&mut self) -> Result<bool, ParseError> {
        let start = self.pos;
        self.pos += 2;
        let mut newline = false;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.err(start, "Unterminated comment"));
            };
            match b {
                b'*' if self.peek_byte(1) == b'/' => {
                    self.pos += 2;
                    break;
                }
                b'\n' | b'\r' => newline = true,
                0xE2 if self.peek_byte(1) == 0x80
                    && (self.peek_byte(2) == 0xA8 || self.peek_byte(2) == 0xA9) =>
                {
                    newline = true
                }
                _ => {}
            }
            self.pos += 1;
        }
        // An HTML close comment may follow a multi-line comment on the same line.
        if newline && !self.module {
            let save = self.pos;
            loop {
                match self.peek_byte(0) {
                    b' ' | b'\t' | 0x0B | 0x0C => self.pos += 1,
                    b'/' if self.peek_byte(1) == b'*' => {
                        // A single-line block comment keeps us on the line.
                        if self.skip_block_comment()? {
                            return Ok(true);
                        }
                    }
                    _ => break,
                }
            }
            if self.bytes.get(self.pos..self.pos + 3) == Some(b"-->") {
                self.skip_line_comment(3);
            } else {
                self.pos = save;
            }
        }
        Ok(newline)
    }

    /// The next token.
    pub fn next_token(&mut self) -> Result<Token<'a>, ParseError> {
        let mut tok = Token {
            kind: Tok::Eof,
            start: 0,
            end: 0,
            newline_before: false,
            escaped: false,
            legacy_octal: None,
            value: TokValue::None,
        };
        self.next_token_into(&mut tok)?;
        Ok(tok)
    }

    /// Lexes the next token into `tok` (the parser's current token: no copy through a return
    /// value). On error `tok` is unspecified.
    pub fn next_token_into(&mut self, tok: &mut Token<'a>) -> Result<(), ParseError> {
        let newline = self.skip_trivia(false)?;
        let start = self.pos;
        *tok = Token {
            kind: Tok::Eof,
            start: start as u32,
            end: start as u32,
            newline_before: newline,
            escaped: false,
            legacy_octal: None,
            value: TokValue::None,
        };
        let Some(&b) = self.bytes.get(start) else {
            return Ok(());
        };
        let kind = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'$' | b'_' | b'\\' => {
                self.scan_identifier(tok)?;
                tok.end = self.pos as u32;
                return Ok(());
            }
            b'0'..=b'9' => {
                self.scan_number(tok)?;
                tok.end = self.pos as u32;
                return Ok(());
            }
            b'"' | b'\'' => {
                self.scan_string(tok, b)?;
                tok.end = self.pos as u32;
                return Ok(());
            }
            b'`' => {
                self.pos += 1;
                tok.kind = self.scan_template(tok, true)?;
                tok.end = self.pos as u32;
                return Ok(());
            }
            b'#' => {
                self.pos += 1;
                let c = self.char_at(self.pos);
                if !matches!(c, Some(c) if is_id_start(c) || c == '\\') {
                    return Err(self.err(start, "Invalid or unexpected token"));
                }
                let mut t2 = *tok;
                self.scan_identifier(&mut t2)?;
                if t2.kind != Tok::Ident && !t2.kind.is_keyword() {
                    return Err(self.err(start, "Invalid or unexpected token"));
                }
                tok.kind = Tok::PrivateName;
                tok.escaped = t2.escaped;
                tok.value = t2.value;
                if let TokValue::None = tok.value {
                    let s = self.src.get(start + 1..self.pos).unwrap_or("");
                    tok.value = TokValue::Name(s);
                }
                tok.end = self.pos as u32;
                return Ok(());
            }
            b'.' => {
                if self.peek_byte(1).is_ascii_digit() {
                    self.scan_number(tok)?;
                    tok.end = self.pos as u32;
                    return Ok(());
                }
                if self.peek_byte(1) == b'.' && self.peek_byte(2) == b'.' {
                    self.pos += 3;
                    Tok::Ellipsis
                } else {
                    self.pos += 1;
                    Tok::Dot
                }
            }
            b'{' => self.one(Tok::LBrace),
            b'}' => self.one(Tok::RBrace),
            b'(' => self.one(Tok::LParen),
            b')' => self.one(Tok::RParen),
            b'[' => self.one(Tok::LBracket),
            b']' => self.one(Tok::RBracket),
            b';' => self.one(Tok::Semi),
            b',' => self.one(Tok::Comma),
            b':' => self.one(Tok::Colon),
            b'~' => self.one(Tok::Tilde),
            b'?' => match self.peek_byte(1) {
                b'?' => {
                    if self.peek_byte(2) == b'=' {
                        self.n(3, Tok::QuestionQuestionEq)
                    } else {
                        self.n(2, Tok::QuestionQuestion)
                    }
                }
                b'.' if !self.peek_byte(2).is_ascii_digit() => self.n(2, Tok::QuestionDot),
                _ => self.one(Tok::Question),
            },
            b'<' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'<', b'=') => self.n(3, Tok::ShlEq),
                (b'<', _) => self.n(2, Tok::Shl),
                (b'=', _) => self.n(2, Tok::LtEq),
                _ => self.one(Tok::Lt),
            },
            b'>' => match (self.peek_byte(1), self.peek_byte(2), self.peek_byte(3)) {
                (b'>', b'>', b'=') => self.n(4, Tok::UShrEq),
                (b'>', b'>', _) => self.n(3, Tok::UShr),
                (b'>', b'=', _) => self.n(3, Tok::ShrEq),
                (b'>', _, _) => self.n(2, Tok::Shr),
                (b'=', _, _) => self.n(2, Tok::GtEq),
                _ => self.one(Tok::Gt),
            },
            b'=' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'=', b'=') => self.n(3, Tok::EqEqEq),
                (b'=', _) => self.n(2, Tok::EqEq),
                (b'>', _) => self.n(2, Tok::Arrow),
                _ => self.one(Tok::Eq),
            },
            b'!' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'=', b'=') => self.n(3, Tok::NotEqEq),
                (b'=', _) => self.n(2, Tok::NotEq),
                _ => self.one(Tok::Bang),
            },
            b'+' => match self.peek_byte(1) {
                b'+' => self.n(2, Tok::PlusPlus),
                b'=' => self.n(2, Tok::PlusEq),
                _ => self.one(Tok::Plus),
            },
            b'-' => match self.peek_byte(1) {
                b'-' => self.n(2, Tok::MinusMinus),
                b'=' => self.n(2, Tok::MinusEq),
                _ => self.one(Tok::Minus),
            },
            b'*' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'*', b'=') => self.n(3, Tok::StarStarEq),
                (b'*', _) => self.n(2, Tok::StarStar),
                (b'=', _) => self.n(2, Tok::StarEq),
                _ => self.one(Tok::Star),
            },
            b'/' => match self.peek_byte(1) {
                b'=' => self.n(2, Tok::SlashEq),
                _ => self.one(Tok::Slash),
            },
            b'%' => match self.peek_byte(1) {
                b'=' => self.n(2, Tok::PercentEq),
                _ => self.one(Tok::Percent),
            },
            b'&' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'&', b'=') => self.n(3, Tok::AmpAmpEq),
                (b'&', _) => self.n(2, Tok::AmpAmp),
                (b'=', _) => self.n(2, Tok::AmpEq),
                _ => self.one(Tok::Amp),
            },
            b'|' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'|', b'=') => self.n(3, Tok::PipePipeEq),
                (b'|', _) => self.n(2, Tok::PipePipe),
                (b'=', _) => self.n(2, Tok::PipeEq),
                _ => self.one(Tok::Pipe),
            },
            b'^' => match self.peek_byte(1) {
                b'=' => self.n(2, Tok::CaretEq),
                _ => self.one(Tok::Caret),
            },
            _ => {
                let c = self.char_at(start);
                match c {
                    Some(c) if is_id_start(c) => {
                        self.scan_identifier(tok)?;
                        tok.end = self.pos as u32;
                        return Ok(());
                    }
                    _ => return Err(self.err(start, "Invalid or unexpected token")),
                }
            }
        };
        tok.kind = kind;
        tok.end = self.pos as u32;
        Ok(())
    }

    fn one(&mut self, t: Tok) -> Tok {
        self.pos += 1;
        t
    }

    fn n(&mut self, n: usize, t: Tok) -> Tok {
        self.pos += n;
        t
    }

    /// Reads `\uXXXX` or `\u{X...}` at `self.pos` (pointing at the backslash); returns the code
    /// point or None when malformed.
    fn read_unicode_escape(&mut self) -> Option<u32> {
        if self.peek_byte(0) != b'\\' || self.peek_byte(1) != b'u' {
            return None;
        }
        self.pos += 2;
        self.read_unicode_escape_body()
    }

    /// After `\u`: `XXXX` or `{X...}`.
    fn read_unicode_escape_body(&mut self) -> Option<u32> {
        if self.peek_byte(0) == b'{' {
            self.pos += 1;
            let mut v: u32 = 0;
            let mut digits = 0;
            loop {
                let b = self.peek_byte(0);
                if b == b'}' {
                    self.pos += 1;
                    break;
                }
                let d = (b as char).to_digit(16)?;
                v = v.checked_mul(16)?.checked_add(d)?;
                if v > 0x10FFFF {
                    return None;
                }
                digits += 1;
                self.pos += 1;
            }
            if digits == 0 {
                return None;
            }
            Some(v)
        } else {
            let mut v = 0;
            for _ in 0..4 {
                let d = (self.peek_byte(0) as char).to_digit(16)?;
                v = v * 16 + d;
                self.pos += 1;
            }
            Some(v)
        }
    }

    fn scan_identifier(&mut self, tok: &mut Token<'a>) -> Result<(), ParseError> {
        let start = self.pos;
        // Fast path: ASCII without escapes.
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        self.pos += rest
            .iter()
            .position(|&b| !ASCII_ID[b as usize])
            .unwrap_or(rest.len());
        let next = self.peek_byte(0);
        if next != b'\\' && next < 0x80 {
            let text = &self.src[start..self.pos];
            tok.kind = token::keyword_at(self.bytes, start, self.pos).unwrap_or(Tok::Ident);
            tok.value = TokValue::Name(text);
            return Ok(());
        }
        // Slow path: escapes or non-ASCII.
        let mut buf = Buf::new(self.arena);
        buf.extend(&self.bytes[start..self.pos])?;
        let mut escaped = false;
        loop {
            let at = self.pos;
            let first = at == start;
            let cp = if self.peek_byte(0) == b'\\' {
                escaped = true;
                match self.read_unicode_escape() {
                    Some(cp) => cp,
                    None => return Err(self.err(at, "Invalid Unicode escape sequence")),
                }
            } else {
                match self.char_at(at) {
                    Some(c) if (first && is_id_start(c)) || (!first && is_id_continue(c)) => {
                        self.pos += c.len_utf8();
                        buf.push_cp(c as u32)?;
                        continue;
                    }
                    _ => break,
                }
            };
            let ok = char::from_u32(cp).is_some_and(|c| {
                if first {
                    is_id_start(c)
                } else {
                    is_id_continue(c)
                }
            });
            if !ok {
                return Err(self.err(at, "Invalid Unicode escape sequence"));
            }
            buf.push_cp(cp)?;
        }
        let bytes = buf.finish();
        let name = std::str::from_utf8(bytes).map_err(|_| self.err(start, "Invalid identifier"))?;
        tok.escaped = escaped;
        tok.kind = if escaped {
            Tok::Ident
        } else {
            token::keyword(name.as_bytes()).unwrap_or(Tok::Ident)
        };
        tok.value = TokValue::Name(name);
        Ok(())
    }

    /// Rescans the current `/` or `/=` token (starting at `start`) as a regular expression.
    pub fn rescan_regexp(&mut self, tok: &mut Token<'a>) -> Result<(), ParseError> {
        self.pos = tok.start as usize + 1;
        let body_start = self.pos;
        let mut in_class = false;
        loop {
            let Some(c) = self.char_at(self.pos) else {
                return Err(self.err(tok.start as usize, "Invalid regular expression: missing /"));
            };
            if is_line_terminator(c) {
                return Err(self.err(tok.start as usize, "Invalid regular expression: missing /"));
            }
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    let Some(n) = self.char_at(self.pos) else {
                        continue;
                    };
                    if is_line_terminator(n) {
                        return Err(
                            self.err(tok.start as usize, "Invalid regular expression: missing /")
                        );
                    }
                    self.pos += n.len_utf8();
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                _ => {}
            }
        }
        let pattern = &self.src[body_start..self.pos - 1];
        let flags_start = self.pos;
        while let Some(c) = self.char_at(self.pos) {
            if c == '\\' {
                return Err(self.err(self.pos, "Invalid regular expression flags"));
            }
            if !is_id_continue(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let flags = &self.src[flags_start..self.pos];
        let mut seen = 0u32;
        for b in flags.bytes() {
            let bit = match b {
                b'd' => 1,
                b'g' => 2,
                b'i' => 4,
                b'm' => 8,
                b's' => 16,
                b'u' => 32,
                b'v' => 64,
                b'y' => 128,
                _ => return Err(self.err(flags_start, "Invalid regular expression flags")),
            };
            if seen & bit != 0 {
                return Err(self.err(flags_start, "Invalid regular expression flags"));
            }
            seen |= bit;
        }
        if seen & 96 == 96 {
            return Err(self.err(flags_start, "Invalid regular expression flags"));
        }
        if let Err(e) =
            conch_regexp::validate_in(pattern, seen & 32 != 0, seen & 64 != 0, self.arena)
        {
            if e.stack_overflow {
                return Err(ParseError::stack(tok.start));
            }
            if e.message == "Out of memory" {
                return Err(ParseError::oom());
            }
            return Err(self.err(body_start + e.offset, e.message));
        }
        tok.kind = Tok::RegExp;
        tok.end = self.pos as u32;
        tok.value = TokValue::RegExp(pattern, flags);
        Ok(())
    }

    /// Rescans from the current `}` token as a template continuation.
    pub fn rescan_template(&mut self, tok: &mut Token<'a>) -> Result<(), ParseError> {
        self.pos = tok.start as usize + 1;
        tok.kind = self.scan_template(tok, false)?;
        tok.end = self.pos as u32;
        Ok(())
    }

    /// Resets the position (for the parser's lookahead undo).
    pub fn reset_to(&mut self, pos: usize) {
        self.pos = pos;
    }
}

/// Wraps `bytes` in a JsStr (helper for literals).
pub(crate) fn js(bytes: &[u8]) -> JsStr<'_> {
    JsStr(bytes)
}
