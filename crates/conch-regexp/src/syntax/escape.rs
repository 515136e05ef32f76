//! Escapes: atom escapes (backreferences, class escapes, character escapes), character escapes
//! shared with classes, `\u` bodies and `\p{…}` names.

use super::{hex, is_syntax_char, Atom, Parser, R};
use crate::charset::{self, CharSet, MAX_CP};
use crate::program::{bit, op};
use crate::unicode::{self, Property};

/// What a character escape or class atom denotes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ClassAtom {
    /// One character.
    Char(u32),
    /// `\d`, `\s`, `\w` (letter lowercased) and whether negated (`\D`…).
    Escape(u8, bool),
    /// `\p{…}` or (negated) `\P{…}`.
    Property { prop: Property, negated: bool },
}

impl<'s, 'a> Parser<'s, 'a> {
    /// After `\u`: `XXXX` (joining a following `\uXXXX` trail surrogate when `join`) or, in
    /// unicode mode or when `join` (group names), `{X...}`.
    pub(super) fn unicode_escape_body(&mut self, join: bool) -> Option<u32> {
        if self.peek() == Some(b'{') && (self.u || join) {
            self.pos += 1;
            let mut v: u32 = 0;
            let mut n = 0;
            while let Some(d) = self.peek().and_then(hex) {
                v = v.saturating_mul(16).saturating_add(d);
                if v > 0x10FFFF {
                    return None;
                }
                n += 1;
                self.pos += 1;
            }
            if n == 0 || !self.eat(b'}') {
                return None;
            }
            return Some(v);
        }
        let v = self.hex4()?;
        if (0xD800..0xDC00).contains(&v) && (self.u || join) {
            let save = self.pos;
            if self.eat(b'\\') && self.eat(b'u') {
                if let Some(t) = self.hex4() {
                    if (0xDC00..0xE000).contains(&t) {
                        return Some(0x10000 + ((v - 0xD800) << 10) + (t - 0xDC00));
                    }
                }
            }
            self.pos = save;
        }
        Some(v)
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut v = 0;
        for i in 0..4 {
            v = v * 16 + self.peek_at(i).and_then(hex)?;
        }
        self.pos += 4;
        Some(v)
    }

    /// After `\` outside a class: emits the atom.
    pub(super) fn parse_atom_escape(&mut self) -> R<Atom> {
        let Some(c) = self.peek() else {
            return self.err("\\ at end of pattern");
        };
        let back = self.bits() & (bit::BACK | bit::ICASE);
        match c {
            b'1'..=b'9' => {
                let save = self.pos;
                let n = self.decimal().unwrap_or(0);
                if n <= self.groups as u64 {
                    self.emit(&[op::BACKREF | back, n as u32])?;
                    return Ok(Atom::Complex);
                }
                if self.u {
                    return self.err("Invalid escape");
                }
                // Annex B: a legacy octal escape or an identity escape.
                self.pos = save;
            }
            b'k' => {
                self.pos += 1;
                if self.u || self.named_groups {
                    let at = self.pos;
                    if !self.eat(b'<') {
                        return self.err("Invalid named reference");
                    }
                    let name = self.parse_group_name()?;
                    self.refs.try_reserve(1).map_err(|_| self.oom())?;
                    self.refs.push((name, at));
                    let id = self.name_id(name)?;
                    self.emit(&[op::BACKREF_NAMED | back, id])?;
                    return Ok(Atom::Complex);
                }
                self.emit_char(b'k' as u32)?;
                return Ok(Atom::Single);
            }
            _ => {}
        }
        let at = self.pos;
        match self.parse_character_escape(false)? {
            ClassAtom::Char(ch) => self.emit_char(ch)?,
            atom if self.v => return self.emit_escape_class(atom, at),
            atom => {
                let mut set = CharSet::new(self.arena);
                self.add_class_atom(&mut set, atom, at)?;
                set.normalize();
                self.emit_set(&set, false)?;
            }
        }
        Ok(Atom::Single)
    }

    /// Adds a class escape's characters to `set` (not normalized).
    pub(super) fn add_class_atom(
        &mut self,
        set: &mut CharSet,
        atom: ClassAtom,
        at: usize,
    ) -> R<()> {
        let oom = self.oom();
        match atom {
            ClassAtom::Char(c) => set.add(c, c).map_err(|_| oom),
            ClassAtom::Escape(letter, negated) => {
                let ui = self.u && self.icase;
                if negated {
                    let mut s = CharSet::new(self.arena);
                    charset::add_escape(&mut s, letter, ui).map_err(|_| oom)?;
                    self.add_complement(set, s)
                } else {
                    charset::add_escape(set, letter, ui).map_err(|_| oom)
                }
            }
            ClassAtom::Property { prop, negated } => {
                let _ = at;
                if negated {
                    let mut s = CharSet::new(self.arena);
                    unicode::add_chars(prop, &mut s).map_err(|_| oom)?;
                    self.add_complement(set, s)
                } else {
                    unicode::add_chars(prop, set).map_err(|_| oom)
                }
            }
        }
    }

    /// Adds CharacterComplement(s) to `set`: all characters of the mode but those of `s`
    /// (under `v` and `i`, all code points that simple case folding leaves unchanged but the
    /// folded `s`).
    fn add_complement(&mut self, set: &mut CharSet, mut s: CharSet) -> R<()> {
        let oom = self.oom();
        s.normalize();
        let c = if self.v && self.icase {
            s.fold().map_err(|_| oom)?;
            s.complement_folded().map_err(|_| oom)?
        } else {
            let max = if self.u { MAX_CP } else { 0xFFFF };
            s.complement(max).map_err(|_| oom)?
        };
        set.add_set(&c).map_err(|_| oom)
    }

    /// Emits a matcher for a normalized set: CHAR for one character, else CLASS (closed under
    /// case when ignoring case).
    pub(super) fn emit_set(&mut self, set: &CharSet, negated: bool) -> R<()> {
        let r = set.ranges();
        if !negated && r.len() == 1 && r[0].0 == r[0].1 {
            return self.emit_char(r[0].0);
        }
        let oom = self.oom();
        let mut closed;
        let ranges = if self.icase {
            closed = CharSet::new(self.arena);
            closed.add_set(set).map_err(|_| oom)?;
            closed.close_case(self.u).map_err(|_| oom)?;
            closed.ranges()
        } else {
            r
        };
        let mut b = self.bits() & (bit::BACK | bit::ICASE);
        if negated {
            b |= bit::NEG;
        }
        self.code
            .try_reserve(2 + 2 * ranges.len())
            .map_err(|_| oom)?;
        self.code.push(op::CLASS | b);
        self.code.push(ranges.len() as u32);
        for &(lo, hi) in ranges {
            self.code.push(lo);
            self.code.push(hi);
        }
        Ok(())
    }

    /// A CharacterEscape or CharacterClassEscape after `\` (current byte is the escape letter).
    /// Returns the class atom it denotes.
    pub(super) fn parse_character_escape(&mut self, in_class: bool) -> R<ClassAtom> {
        let Some(c) = self.peek() else {
            return self.err("\\ at end of pattern");
        };
        self.pos += 1;
        let ch = match c {
            b'd' | b'D' | b's' | b'S' | b'w' | b'W' => {
                return Ok(ClassAtom::Escape(
                    c.to_ascii_lowercase(),
                    c.is_ascii_uppercase(),
                ))
            }
            b'p' | b'P' if self.u => {
                let negated = c == b'P';
                let prop = self.parse_property(negated)?;
                return Ok(ClassAtom::Property { prop, negated });
            }
            b'f' => 0x0C,
            b'n' => 0x0A,
            b'r' => 0x0D,
            b't' => 0x09,
            b'v' => 0x0B,
            b'b' if in_class => 0x08,
            b'-' if in_class && self.u => b'-' as u32,
            b'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    (l % 32) as u32
                }
                Some(l) if in_class && !self.u && (l.is_ascii_digit() || l == b'_') => {
                    self.pos += 1;
                    (l % 32) as u32
                }
                _ => {
                    if self.u {
                        return self.err("Invalid unicode escape");
                    }
                    // `\c` is a literal backslash; the `c` is read again as a character.
                    self.pos -= 1;
                    b'\\' as u32
                }
            },
            b'0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => 0,
            b'0'..=b'7' if !self.u => {
                // Legacy octal (Annex B).
                let mut v = (c - b'0') as u32;
                let max = if c <= b'3' { 3 } else { 2 };
                let mut k = 1;
                while k < max && matches!(self.peek(), Some(b'0'..=b'7')) {
                    v = v * 8 + (self.b[self.pos] - b'0') as u32;
                    self.pos += 1;
                    k += 1;
                }
                v
            }
            b'x' => match (self.peek().and_then(hex), self.peek_at(1).and_then(hex)) {
                (Some(h), Some(l)) => {
                    self.pos += 2;
                    h * 16 + l
                }
                _ => {
                    if self.u {
                        return self.err("Invalid escape");
                    }
                    b'x' as u32
                }
            },
            b'u' => match self.unicode_escape_body(false) {
                Some(cp) => cp,
                None => {
                    if self.u {
                        return self.err("Invalid Unicode escape");
                    }
                    b'u' as u32
                }
            },
            _ => {
                self.pos -= 1;
                let cp = self.next_cp().unwrap_or(0);
                if self.u {
                    let ok = is_syntax_char(cp)
                        || (self.v && in_class && is_class_set_reserved_punct(cp))
                        || (!self.v && in_class && cp == '-' as u32);
                    if !ok {
                        return self.err("Invalid escape");
                    }
                } else if cp == 'k' as u32 && self.named_groups {
                    return self.err("Invalid named reference");
                }
                cp
            }
        };
        Ok(ClassAtom::Char(ch))
    }

    /// `{Name}`, `{Name=Value}` after `\p`/`\P`: the property, if ECMA-262 accepts the
    /// spelling (a property of strings only under `v`, and never negated).
    fn parse_property(&mut self, negated: bool) -> R<Property> {
        if !self.eat(b'{') {
            return self.err("Invalid property name");
        }
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == b'}' {
                break;
            }
            if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'=') {
                return self.err("Invalid property name");
            }
            self.pos += 1;
        }
        // ASCII only (checked above).
        let body = core::str::from_utf8(&self.b[start..self.pos]).unwrap_or("");
        if !self.eat(b'}') {
            return self.err("Invalid property name");
        }
        let prop = match body.split_once('=') {
            Some((name, value)) => unicode::lookup(name, Some(value), false),
            None => unicode::lookup(body, None, self.v),
        };
        match prop {
            Some(p) if p.is_strings() && negated => self.err("Invalid property name"),
            Some(p) => Ok(p),
            None => self.err("Invalid property name"),
        }
    }
}

/// ClassSetReservedPunctuator (may be escaped in v-mode classes).
pub(super) fn is_class_set_reserved_punct(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some('&' | '-' | '!' | '#' | '%' | ',' | ':' | ';' | '<' | '=' | '>' | '@' | '`' | '~')
    )
}
