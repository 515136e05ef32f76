//! Character classes: `[…]` with ranges and class escapes, and under `v` the set notation
//! (nested classes, `&&`, `--`, `\q{…}` strings).

use super::escape::ClassAtom;
use super::{Atom, Parser, R};
use crate::charset::{CharSet, MAX_CP};
use crate::program::op;
use crate::unicode;
use allocator_api2::vec::Vec;
use conch_mm::Arena;

type Str<'a> = Vec<u32, &'a Arena>;

/// A v-mode class value: characters and strings (of length ≠ 1).
struct ClassVal<'a> {
    set: CharSet<'a>,
    strings: Vec<Str<'a>, &'a Arena>,
    /// The static semantics MayContainStrings (negation is an early error when true).
    may: bool,
}

impl<'a> ClassVal<'a> {
    fn new(arena: &'a Arena) -> ClassVal<'a> {
        ClassVal {
            set: CharSet::new(arena),
            strings: Vec::new_in(arena),
            may: false,
        }
    }
}

impl<'s, 'a> Parser<'s, 'a> {
    /// After `[`: parses the class and emits its matcher.
    pub(super) fn parse_class_atom(&mut self) -> R<Atom> {
        self.check_stack()?;
        let negated = self.eat(b'^');
        if self.v {
            let val = self.parse_class_set()?;
            if negated && val.may {
                return self.err("Negated character class may contain strings");
            }
            return self.emit_class_val(val, negated);
        }
        let mut set = CharSet::new(self.arena);
        let oom = self.oom();
        loop {
            match self.peek() {
                None => return self.err("Unterminated character class"),
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            let at = self.pos;
            let (a, extra) = self.class_atom()?;
            if let Some(x) = extra {
                set.add(x, x).map_err(|_| oom)?;
            }
            if self.peek() == Some(b'-') && self.peek_at(1).is_some_and(|c| c != b']') {
                self.pos += 1;
                let at_b = self.pos;
                let (b, b_extra) = self.class_atom()?;
                match (a, b) {
                    (ClassAtom::Char(x), ClassAtom::Char(y)) => {
                        // An astral right end without `u`: its high surrogate ends the range.
                        let (y, tail) = match b_extra {
                            Some(lo) => (y, Some(lo)),
                            None => (y, None),
                        };
                        if x > y {
                            return self.err("Range out of order in character class");
                        }
                        set.add(x, y).map_err(|_| oom)?;
                        if let Some(t) = tail {
                            set.add(t, t).map_err(|_| oom)?;
                        }
                    }
                    _ => {
                        if self.u {
                            return self.err("Invalid character class");
                        }
                        // Annex B: the escape, `-` and the other atom.
                        self.add_class_atom(&mut set, a, at)?;
                        set.add('-' as u32, '-' as u32).map_err(|_| oom)?;
                        self.add_class_atom(&mut set, b, at_b)?;
                        if let Some(t) = b_extra {
                            set.add(t, t).map_err(|_| oom)?;
                        }
                    }
                }
            } else {
                self.add_class_atom(&mut set, a, at)?;
            }
        }
        set.normalize();
        self.emit_set(&set, negated)?;
        Ok(Atom::Single)
    }

    /// One ClassAtom (non-v mode). Without `u`, an astral literal is two code units: the atom
    /// is the one next to a following `-` (for ranges) and the other is returned beside it.
    fn class_atom(&mut self) -> R<(ClassAtom, Option<u32>)> {
        if self.eat(b'\\') {
            return Ok((self.parse_character_escape(true)?, None));
        }
        let cp = self.next_cp().unwrap_or(0);
        if !self.u && cp > 0xFFFF {
            let lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            let hi = 0xD800 + ((cp - 0x10000) >> 10);
            if self.peek() == Some(b'-') {
                return Ok((ClassAtom::Char(lo), Some(hi)));
            }
            return Ok((ClassAtom::Char(hi), Some(lo)));
        }
        Ok((ClassAtom::Char(cp), None))
    }

    fn emit_class_val(&mut self, val: ClassVal<'a>, negated: bool) -> R<Atom> {
        let mut set = val.set;
        set.normalize();
        if val.strings.is_empty() {
            self.emit_set(&set, negated)?;
            return Ok(Atom::Single);
        }
        // The strings (longest first), then the single characters.
        let start = self.code.len();
        self.emit_strset(val.strings)?;
        if !set.is_empty() {
            let len = (self.code.len() - start) as u32;
            self.insert(start, &[op::SPLIT, len + 2])?;
            let j = self.code.len();
            self.emit(&[op::JMP, 0])?;
            self.emit_set(&set, false)?;
            self.code[j + 1] = (self.code.len() - (j + 2)) as u32;
        }
        Ok(Atom::Complex)
    }

    /// Emits a STRSET for `strings` (see [`op::STRSET`]): canonicalized under `i`, reversed
    /// in a lookbehind, grouped by decreasing length, sorted and deduplicated.
    fn emit_strset(&mut self, mut strings: Vec<Str<'a>, &'a Arena>) -> R<()> {
        for s in strings.iter_mut() {
            if self.icase {
                for c in s.iter_mut() {
                    *c = crate::casefold::canonicalize(*c, true);
                }
            }
            if self.back {
                s.reverse();
            }
        }
        strings.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[..].cmp(&b[..])));
        strings.dedup();
        let mut groups = 0;
        let mut words = 0;
        for (i, s) in strings.iter().enumerate() {
            if i == 0 || strings[i - 1].len() != s.len() {
                groups += 1;
            }
            words += s.len();
        }
        let size = 3 + 2 * groups + words;
        let oom = self.oom();
        self.code.try_reserve(size).map_err(|_| oom)?;
        let mut b = 0;
        if self.back {
            b |= crate::program::bit::BACK;
        }
        if self.icase {
            b |= crate::program::bit::ICASE;
        }
        self.code.push(op::STRSET | b);
        self.code.push(size as u32);
        self.code.push(groups as u32);
        let mut i = 0;
        while i < strings.len() {
            let len = strings[i].len();
            let count = strings[i..].iter().take_while(|s| s.len() == len).count();
            self.code.push(len as u32);
            self.code.push(count as u32);
            i += count;
        }
        for s in strings.iter() {
            self.code.extend_from_slice(s);
        }
        Ok(())
    }

    /// ClassSetExpression after `[` or `[^` (v mode), through `]`.
    fn parse_class_set(&mut self) -> R<ClassVal<'a>> {
        self.check_stack()?;
        if self.eat(b']') {
            return Ok(ClassVal::new(self.arena));
        }
        let (mut acc, first_single) = self.class_set_operand()?;
        let oom = self.oom();
        if self.b[self.pos..].starts_with(b"&&") {
            while self.b[self.pos..].starts_with(b"&&") {
                self.pos += 2;
                if self.peek() == Some(b'&') {
                    return self.err("Invalid set operation in character class");
                }
                let (mut other, _) = self.class_set_operand()?;
                acc.may &= other.may;
                self.fold_val(&mut acc)?;
                self.fold_val(&mut other)?;
                acc.set = acc.set.intersect(&other.set).map_err(|_| oom)?;
                let mut kept: Vec<Str<'a>, &'a Arena> = Vec::new_in(self.arena);
                for s in acc.strings.drain(..) {
                    if other.strings.iter().any(|t| **t == *s) {
                        kept.try_reserve(1).map_err(|_| oom)?;
                        kept.push(s);
                    }
                }
                acc.strings = kept;
            }
            if !self.eat(b']') {
                return self.err("Invalid set operation in character class");
            }
            return Ok(acc);
        }
        if self.b[self.pos..].starts_with(b"--") {
            while self.b[self.pos..].starts_with(b"--") {
                self.pos += 2;
                let (mut other, _) = self.class_set_operand()?;
                self.fold_val(&mut acc)?;
                self.fold_val(&mut other)?;
                acc.set = acc.set.subtract(&other.set).map_err(|_| oom)?;
                acc.strings
                    .retain(|s| !other.strings.iter().any(|t| **t == **s));
            }
            if !self.eat(b']') {
                return self.err("Invalid set operation in character class");
            }
            return Ok(acc);
        }
        // Union (with ranges).
        let mut prev_single = first_single;
        loop {
            if self.eat(b']') {
                return Ok(acc);
            }
            if self.peek().is_none() {
                return self.err("Unterminated character class");
            }
            if self.b[self.pos..].starts_with(b"&&")
                || self.b[self.pos..].starts_with(b"--") && prev_single.is_none()
            {
                return self.err("Invalid set operation in character class");
            }
            if self.peek() == Some(b'-') {
                let Some(lo) = prev_single else {
                    return self.err("Invalid character class");
                };
                self.pos += 1;
                let (_, hi) = self.class_set_operand()?;
                let Some(hi) = hi else {
                    return self.err("Invalid character class");
                };
                if lo > hi {
                    return self.err("Range out of order in character class");
                }
                acc.set.add(lo, hi).map_err(|_| oom)?;
                prev_single = None;
                continue;
            }
            let (other, single) = self.class_set_operand()?;
            acc.may |= other.may;
            acc.set.add_set(&other.set).map_err(|_| oom)?;
            acc.strings
                .try_reserve(other.strings.len())
                .map_err(|_| oom)?;
            for s in other.strings {
                acc.strings.push(s);
            }
            prev_single = single;
        }
    }

    /// One operand: nested class, `\q{..}`, escape, or a ClassSetCharacter. Returns its value
    /// and the single character if it is one (then the value is left empty: the caller adds
    /// it, possibly as a range end).
    fn class_set_operand(&mut self) -> R<(ClassVal<'a>, Option<u32>)> {
        let Some(c) = self.peek() else {
            return self.err("Unterminated character class");
        };
        let oom = self.oom();
        let mut val = ClassVal::new(self.arena);
        match c {
            b'[' => {
                self.pos += 1;
                self.check_stack()?;
                let negated = self.eat(b'^');
                let mut inner = self.parse_class_set()?;
                if negated {
                    if inner.may {
                        return self.err("Negated character class may contain strings");
                    }
                    inner.set.normalize();
                    inner.set = if self.icase {
                        inner.set.fold().map_err(|_| oom)?;
                        inner.set.complement_folded().map_err(|_| oom)?
                    } else {
                        inner.set.complement(MAX_CP).map_err(|_| oom)?
                    };
                }
                Ok((inner, None))
            }
            b'\\' => {
                self.pos += 1;
                if self.eat(b'q') {
                    if !self.eat(b'{') {
                        return self.err("Invalid escape");
                    }
                    self.parse_class_string_disjunction(&mut val)?;
                    return Ok((val, None));
                }
                let at = self.pos;
                match self.parse_character_escape(true)? {
                    ClassAtom::Char(ch) => {
                        val.set.add(ch, ch).map_err(|_| oom)?;
                        Ok((val, Some(ch)))
                    }
                    atom => Ok((self.escape_val(atom, at)?, None)),
                }
            }
            _ => {
                let cp = self.next_cp().unwrap_or(0);
                if matches!(
                    char::from_u32(cp),
                    Some('(' | ')' | '[' | ']' | '{' | '}' | '/' | '-' | '|')
                ) {
                    self.pos -= 1;
                    return self.err("Invalid character in character class");
                }
                if is_class_set_reserved_double(cp) && self.peek() == Some(cp as u8) {
                    return self.err("Invalid set operation in character class");
                }
                val.set.add(cp, cp).map_err(|_| oom)?;
                Ok((val, Some(cp)))
            }
        }
    }

    /// After `\q{`: strings separated by `|`, through `}`.
    fn parse_class_string_disjunction(&mut self, val: &mut ClassVal<'a>) -> R<()> {
        let oom = self.oom();
        let mut cur: Str<'a> = Vec::new_in(self.arena);
        loop {
            match self.peek() {
                None => return self.err("Unterminated class string disjunction"),
                Some(c @ (b'}' | b'|')) => {
                    self.pos += 1;
                    let s = core::mem::replace(&mut cur, Vec::new_in(self.arena));
                    if s.len() == 1 {
                        val.set.add(s[0], s[0]).map_err(|_| oom)?;
                    } else {
                        val.may = true;
                        val.strings.try_reserve(1).map_err(|_| oom)?;
                        val.strings.push(s);
                    }
                    if c == b'}' {
                        return Ok(());
                    }
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.parse_character_escape(true)? {
                        ClassAtom::Char(ch) => {
                            cur.try_reserve(1).map_err(|_| oom)?;
                            cur.push(ch);
                        }
                        _ => return self.err("Invalid escape"),
                    }
                }
                Some(_) => {
                    let cp = self.next_cp().unwrap_or(0);
                    if matches!(
                        char::from_u32(cp),
                        Some('(' | ')' | '[' | ']' | '{' | '}' | '/' | '-' | '|')
                    ) {
                        return self.err("Invalid character in class string");
                    }
                    if is_class_set_reserved_double(cp) && self.peek() == Some(cp as u8) {
                        return self.err("Invalid set operation in character class");
                    }
                    cur.try_reserve(1).map_err(|_| oom)?;
                    cur.push(cp);
                }
            }
        }
    }
}

impl<'s, 'a> Parser<'s, 'a> {
    /// A class escape (`\d`, `\p{…}`, …) as a v-mode class value, with the strings of a
    /// property of strings.
    fn escape_val(&mut self, atom: ClassAtom, at: usize) -> R<ClassVal<'a>> {
        let oom = self.oom();
        let mut val = ClassVal::new(self.arena);
        self.add_class_atom(&mut val.set, atom, at)?;
        if let ClassAtom::Property { prop, .. } = atom {
            if prop.is_strings() {
                val.may = true;
                for s in unicode::strings(prop) {
                    let mut v: Str<'a> = Vec::new_in(self.arena);
                    v.try_reserve_exact(s.len()).map_err(|_| oom)?;
                    v.extend_from_slice(s);
                    val.strings.try_reserve(1).map_err(|_| oom)?;
                    val.strings.push(v);
                }
            }
        }
        Ok(val)
    }

    /// Emits a class escape outside a class in v mode (a property of strings is an
    /// alternation).
    pub(super) fn emit_escape_class(&mut self, atom: ClassAtom, at: usize) -> R<Atom> {
        let val = self.escape_val(atom, at)?;
        self.emit_class_val(val, false)
    }

    /// Normalizes a value's set and, under the `i` flag, applies simple case folding to its
    /// characters and strings (MaybeSimpleCaseFolding), as set operations need.
    fn fold_val(&self, val: &mut ClassVal<'a>) -> R<()> {
        val.set.normalize();
        if self.icase {
            val.set.fold().map_err(|_| self.oom())?;
            for s in val.strings.iter_mut() {
                for c in s.iter_mut() {
                    *c = crate::casefold::canonicalize(*c, true);
                }
            }
        }
        Ok(())
    }
}

/// Characters whose doubling is a ClassSetReservedDoublePunctuator.
fn is_class_set_reserved_double(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some(
            '&' | '!'
                | '#'
                | '$'
                | '%'
                | '*'
                | '+'
                | ','
                | '.'
                | ':'
                | ';'
                | '<'
                | '='
                | '>'
                | '?'
                | '@'
                | '^'
                | '`'
                | '~'
        )
    )
}
