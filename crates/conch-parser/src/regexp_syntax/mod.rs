//! Early-error checking of regular expression literal patterns (ECMA-262 §22.2.1 and Annex B
//! §B.1.2 for patterns without the `u`/`v` flags). Self-contained so the regexp engine crate can
//! take it over: it only needs an arena for the group-name table.
//!
//! The checker does not build a tree; it walks the pattern once after a quick pre-scan that
//! counts capture groups and notes named groups (needed for backreference rules).

mod tables;

use allocator_api2::vec::Vec;
use conch_mm::stack::StackLimit;
use conch_mm::Arena;

/// A pattern error: message and byte offset within the pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegExpError {
    /// What is wrong.
    pub message: &'static str,
    /// Byte offset in the pattern.
    pub offset: usize,
    /// The nesting was too deep for the native stack (report as RangeError).
    pub stack_overflow: bool,
}

type R<T> = Result<T, RegExpError>;

/// Checks `pattern` (the text between the slashes) under the `u` or `v` flag.
pub fn validate(pattern: &str, unicode: bool, unicode_sets: bool) -> R<()> {
    let mm = conch_mm::MemoryManager::new();
    let arena = Arena::new(mm);
    validate_in(pattern, unicode, unicode_sets, &arena)
}

/// Like [`validate`], with the caller's arena for scratch data.
pub fn validate_in(pattern: &str, unicode: bool, unicode_sets: bool, arena: &Arena) -> R<()> {
    let (groups, named) = prescan(pattern.as_bytes());
    let mut c = Checker {
        src: pattern,
        b: pattern.as_bytes(),
        pos: 0,
        u: unicode || unicode_sets,
        v: unicode_sets,
        groups,
        named_groups: named,
        names: Vec::new_in(arena),
        active: hashbrown::HashMap::new_in(arena),
        refs: Vec::new_in(arena),
        arena,
        stack: StackLimit::current_thread(),
    };
    c.parse_disjunction()?;
    if c.pos < c.b.len() {
        return c.err(if c.b[c.pos] == b')' {
            "Unmatched ')'"
        } else {
            "Unexpected character"
        });
    }
    for &(name, at) in c.refs.iter() {
        if !c.active.contains_key(name) {
            return Err(RegExpError {
                message: "Invalid named capture referenced",
                offset: at,
                stack_overflow: false,
            });
        }
    }
    Ok(())
}

/// Counts capturing groups and notes whether any is named (skipping escapes and classes).
fn prescan(b: &[u8]) -> (u32, bool) {
    let mut i = 0;
    let mut groups = 0;
    let mut named = false;
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'(' if !in_class => {
                if b.get(i + 1) == Some(&b'?') {
                    if b.get(i + 2) == Some(&b'<')
                        && !matches!(b.get(i + 3), Some(b'=') | Some(b'!'))
                    {
                        groups += 1;
                        named = true;
                    }
                } else {
                    groups += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (groups, named)
}

struct Checker<'s, 'a> {
    src: &'s str,
    b: &'s [u8],
    pos: usize,
    u: bool,
    v: bool,
    groups: u32,
    named_groups: bool,
    /// Group names in order of declaration.
    names: Vec<&'a str, &'a Arena>,
    /// How many declarations of each name are active (not in an earlier alternative of an
    /// enclosing disjunction); a new declaration of an active name is a duplicate.
    active: hashbrown::HashMap<&'a str, u32, hashbrown::DefaultHashBuilder, &'a Arena>,
    refs: Vec<(&'a str, usize), &'a Arena>,
    arena: &'a Arena,
    stack: StackLimit,
}

fn is_syntax_char(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some(
            '^' | '$'
                | '\\'
                | '.'
                | '*'
                | '+'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '|'
                | '/'
        )
    )
}

fn hex(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// Result of a class atom: a single character, or a set (class escape, property, string...).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClassAtom {
    Char(u32),
    Set { strings: bool },
}

impl<'s, 'a> Checker<'s, 'a> {
    fn err<T>(&self, message: &'static str) -> R<T> {
        Err(RegExpError {
            message,
            offset: self.pos,
            stack_overflow: false,
        })
    }

    fn check_stack(&self) -> R<()> {
        if self.stack.exceeded() {
            return Err(RegExpError {
                message: "Out of stack space",
                offset: self.pos,
                stack_overflow: true,
            });
        }
        Ok(())
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.pos + n).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Next code point.
    fn next_cp(&mut self) -> Option<u32> {
        let c = self.src.get(self.pos..)?.chars().next()?;
        self.pos += c.len_utf8();
        Some(c as u32)
    }

    fn parse_disjunction(&mut self) -> R<()> {
        self.check_stack()?;
        let start_idx = self.names.len();
        let mut alt_start = start_idx;
        loop {
            self.parse_alternative()?;
            if self.eat(b'|') {
                // Names of the finished alternative do not clash with the next ones.
                for n in self.names[alt_start..].iter() {
                    if let Some(c) = self.active.get_mut(n) {
                        *c -= 1;
                    }
                }
                alt_start = self.names.len();
                continue;
            }
            break;
        }
        // After the disjunction all its names are visible again.
        for n in self.names[start_idx..alt_start].iter() {
            if let Some(c) = self.active.get_mut(n) {
                *c += 1;
            }
        }
        Ok(())
    }

    fn parse_alternative(&mut self) -> R<()> {
        while let Some(c) = self.peek() {
            if c == b'|' || c == b')' {
                break;
            }
            self.parse_term()?;
        }
        Ok(())
    }

    fn parse_term(&mut self) -> R<()> {
        self.check_stack()?;

        let Some(c) = self.peek() else { return Ok(()) };
        let quantifiable = match c {
            b'^' | b'$' => {
                self.pos += 1;
                false
            }
            b'\\' if matches!(self.peek_at(1), Some(b'b' | b'B')) => {
                self.pos += 2;
                false
            }
            b'\\' => {
                self.pos += 1;
                self.parse_atom_escape()?;
                true
            }
            b'(' => self.parse_group()?,
            b'[' => {
                self.pos += 1;
                self.parse_class()?;
                true
            }
            b'*' | b'+' | b'?' => return self.err("Nothing to repeat"),
            b'{' => {
                if self.u {
                    return self.err("Nothing to repeat");
                }
                let save = self.pos;
                if self.try_braced_quantifier()?.is_some() {
                    self.pos = save;
                    return self.err("Nothing to repeat");
                }
                self.pos = save + 1;
                true
            }
            b'}' | b']' if self.u => return self.err("Lone quantifier brackets"),
            _ => {
                self.next_cp();
                true
            }
        };
        // Quantifier.
        let q = match self.peek() {
            Some(b'*' | b'+' | b'?') => {
                self.pos += 1;
                true
            }
            Some(b'{') => {
                let save = self.pos;
                match self.try_braced_quantifier()? {
                    Some(()) => true,
                    None => {
                        if self.u {
                            return self.err("Incomplete quantifier");
                        }
                        self.pos = save;
                        false
                    }
                }
            }
            _ => false,
        };
        if q {
            if !quantifiable {
                return self.err("Nothing to repeat");
            }
            self.eat(b'?');
        }
        Ok(())
    }

    /// `{n}`, `{n,}`, `{n,m}`: Some if well-formed (consumed), None otherwise (position
    /// unspecified); an error if out of order.
    fn try_braced_quantifier(&mut self) -> R<Option<()>> {
        if !self.eat(b'{') {
            return Ok(None);
        }
        let Some(min) = self.decimal() else {
            return Ok(None);
        };
        let mut max = Some(min);
        if self.eat(b',') {
            max = if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.decimal()
            } else {
                None
            };
        }
        if !self.eat(b'}') {
            return Ok(None);
        }
        if let Some(m) = max {
            if m < min {
                return self.err("numbers out of order in {} quantifier");
            }
        }
        Ok(Some(()))
    }

    /// Decimal digits (saturating).
    fn decimal(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut v: u64 = 0;
        while let Some(c) = self.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            v = v.saturating_mul(10).saturating_add((c - b'0') as u64);
            self.pos += 1;
        }
        if self.pos == start {
            None
        } else {
            Some(v)
        }
    }

    /// Returns whether the group is quantifiable.
    fn parse_group(&mut self) -> R<bool> {
        self.pos += 1; // (
        let mut quantifiable = true;
        if self.eat(b'?') {
            match self.peek() {
                Some(b'=') | Some(b'!') => {
                    self.pos += 1;
                    quantifiable = !self.u;
                }
                Some(b'<') if matches!(self.peek_at(1), Some(b'=' | b'!')) => {
                    self.pos += 2;
                    quantifiable = false;
                }
                Some(b':') => self.pos += 1,
                Some(b'<') => {
                    self.pos += 1;
                    let name = self.parse_group_name()?;
                    if self.active.get(name).is_some_and(|&c| c > 0) {
                        return self.err("Duplicate capture group name");
                    }
                    self.names.try_reserve(1).map_err(|_| self.oom())?;
                    self.active.try_reserve(1).map_err(|_| self.oom())?;
                    self.names.push(name);
                    *self.active.entry(name).or_insert(0) += 1;
                }
                _ => self.parse_modifiers()?,
            }
        }
        self.parse_disjunction()?;
        if !self.eat(b')') {
            return self.err("Unterminated group");
        }
        Ok(quantifiable)
    }

    /// `(?ims-ims:` after `(?`.
    fn parse_modifiers(&mut self) -> R<()> {
        let mut seen = 0u8;
        let mut add = 0;
        let mut remove = 0;
        let mut dash = false;
        loop {
            let bit = match self.peek() {
                Some(b'i') => 1,
                Some(b'm') => 2,
                Some(b's') => 4,
                Some(b'-') if !dash => {
                    dash = true;
                    self.pos += 1;
                    continue;
                }
                Some(b':') => {
                    self.pos += 1;
                    break;
                }
                _ => return self.err("Invalid group"),
            };
            if seen & bit != 0 {
                return self.err("Repeated flag in modifiers");
            }
            seen |= bit;
            if dash {
                remove += 1;
            } else {
                add += 1;
            }
            self.pos += 1;
        }
        if dash && add == 0 && remove == 0 {
            return self.err("Invalid group modifiers");
        }
        Ok(())
    }

    fn oom(&self) -> RegExpError {
        RegExpError {
            message: "Out of memory",
            offset: self.pos,
            stack_overflow: false,
        }
    }

    /// RegExpIdentifierName then `>`; returns the decoded name.
    fn parse_group_name(&mut self) -> R<&'a str> {
        let mut buf: Vec<u8, &'a Arena> = Vec::new_in(self.arena);
        let mut first = true;
        loop {
            if self.eat(b'>') {
                break;
            }
            let cp = if self.peek() == Some(b'\\') {
                self.pos += 1;
                if !self.eat(b'u') {
                    return self.err("Invalid capture group name");
                }
                match self.unicode_escape_body(true) {
                    Some(cp) => cp,
                    None => return self.err("Invalid Unicode escape in capture group name"),
                }
            } else {
                match self.next_cp() {
                    Some(c) => c,
                    None => return self.err("Invalid capture group name"),
                }
            };
            let ok = char::from_u32(cp).is_some_and(|c| {
                if first {
                    crate::lexer::is_id_start(c)
                } else {
                    crate::lexer::is_id_continue(c)
                }
            });
            if !ok {
                return self.err("Invalid capture group name");
            }
            first = false;
            let mut tmp = [0u8; 4];
            let s = char::from_u32(cp)
                .unwrap_or('\u{FFFD}')
                .encode_utf8(&mut tmp);
            buf.try_reserve(s.len()).map_err(|_| self.oom())?;
            buf.extend_from_slice(s.as_bytes());
        }
        if first {
            return self.err("Invalid capture group name");
        }
        let bytes: &'a [u8] = buf.leak();
        std::str::from_utf8(bytes).map_err(|_| self.oom())
    }

    /// After `\u`: `XXXX` (joining a following `\uXXXX` trail surrogate when `join`) or, in
    /// unicode mode or when `join` (group names), `{X...}`.
    fn unicode_escape_body(&mut self, join: bool) -> Option<u32> {
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

    /// After `\` outside a class.
    fn parse_atom_escape(&mut self) -> R<()> {
        let Some(c) = self.peek() else {
            return self.err("\\ at end of pattern");
        };
        match c {
            b'1'..=b'9' => {
                let save = self.pos;
                let n = self.decimal().unwrap_or(0);
                if n <= self.groups as u64 {
                    return Ok(());
                }
                if self.u {
                    return self.err("Invalid escape");
                }
                // Annex B: a legacy octal escape or an identity escape.
                self.pos = save;
                let mut k = 0;
                while k < 3 && matches!(self.peek(), Some(b'0'..=b'7')) {
                    self.pos += 1;
                    k += 1;
                }
                if k == 0 {
                    self.pos += 1;
                }
                Ok(())
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
                }
                Ok(())
            }
            _ => self.parse_character_escape(false).map(|_| ()),
        }
    }

    /// A CharacterEscape or CharacterClassEscape after `\` (current byte is the escape letter).
    /// Returns the class atom it denotes.
    fn parse_character_escape(&mut self, in_class: bool) -> R<ClassAtom> {
        let Some(c) = self.peek() else {
            return self.err("\\ at end of pattern");
        };
        self.pos += 1;
        let ch = match c {
            b'd' | b'D' | b's' | b'S' | b'w' | b'W' => {
                return Ok(ClassAtom::Set { strings: false })
            }
            b'p' | b'P' if self.u => {
                let strings = self.parse_property(c == b'P')?;
                return Ok(ClassAtom::Set { strings });
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
                // Legacy octal (classes; outside classes `\1`.. were handled by the caller).
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

    /// `{Name}`, `{Name=Value}` after `\p`/`\P`; returns whether it is a property of strings.
    fn parse_property(&mut self, negated: bool) -> R<bool> {
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
        let body = &self.src[start..self.pos];
        if !self.eat(b'}') {
            return self.err("Invalid property name");
        }
        let ok_in = |table: &[&str], s: &str| table.binary_search(&s).is_ok();
        if let Some((name, value)) = body.split_once('=') {
            let ok = match name {
                "General_Category" | "gc" => ok_in(tables::GENERAL_CATEGORY, value),
                "Script" | "sc" | "Script_Extensions" | "scx" => ok_in(tables::SCRIPT, value),
                _ => false,
            };
            if !ok {
                return self.err("Invalid property name");
            }
            return Ok(false);
        }
        if ok_in(tables::GENERAL_CATEGORY, body) || ok_in(tables::BINARY, body) {
            return Ok(false);
        }
        if self.v && ok_in(tables::STRINGS, body) {
            if negated {
                return self.err("Invalid property name");
            }
            return Ok(true);
        }
        self.err("Invalid property name")
    }

    /// After `[`.
    fn parse_class(&mut self) -> R<bool> {
        self.check_stack()?;
        let negated = self.eat(b'^');
        if self.v {
            let strings = self.parse_class_set()?;
            if negated && strings {
                return self.err("Negated character class may contain strings");
            }
            return Ok(strings);
        }
        loop {
            match self.peek() {
                None => return self.err("Unterminated character class"),
                Some(b']') => {
                    self.pos += 1;
                    return Ok(false);
                }
                _ => {}
            }
            let a = self.class_atom()?;
            if self.peek() == Some(b'-') && self.peek_at(1).is_some_and(|c| c != b']') {
                self.pos += 1;
                let b = self.class_atom()?;
                match (a, b) {
                    (ClassAtom::Char(x), ClassAtom::Char(y)) => {
                        if x > y {
                            return self.err("Range out of order in character class");
                        }
                    }
                    _ => {
                        if self.u {
                            return self.err("Invalid character class");
                        }
                    }
                }
            }
        }
    }

    /// One ClassAtom (non-v mode).
    fn class_atom(&mut self) -> R<ClassAtom> {
        if self.eat(b'\\') {
            return self.parse_character_escape(true);
        }
        let cp = self.next_cp().unwrap_or(0);
        if !self.u && cp > 0xFFFF {
            // Without `u`, a supplementary character is two code units; a range uses the
            // nearer one.
            let lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            let hi = 0xD800 + ((cp - 0x10000) >> 10);
            let is_range_end = self.peek() == Some(b'-');
            return Ok(ClassAtom::Char(if is_range_end { lo } else { hi }));
        }
        Ok(ClassAtom::Char(cp))
    }

    /// ClassSetExpression after `[` or `[^` (v mode), through `]`. Returns MayContainStrings.
    fn parse_class_set(&mut self) -> R<bool> {
        self.check_stack()?;
        if self.eat(b']') {
            return Ok(false);
        }
        let (first, first_single) = self.class_set_operand()?;
        let mut strings = first;
        // Decide the expression form from what follows the first operand.
        if self.b[self.pos..].starts_with(b"&&") {
            let mut all = first;
            while self.b[self.pos..].starts_with(b"&&") {
                self.pos += 2;
                if self.peek() == Some(b'&') {
                    return self.err("Invalid set operation in character class");
                }
                let (s, _) = self.class_set_operand()?;
                all = all && s;
            }
            if !self.eat(b']') {
                return self.err("Invalid set operation in character class");
            }
            return Ok(all);
        }
        if self.b[self.pos..].starts_with(b"--") {
            while self.b[self.pos..].starts_with(b"--") {
                self.pos += 2;
                self.class_set_operand()?;
            }
            if !self.eat(b']') {
                return self.err("Invalid set operation in character class");
            }
            return Ok(first);
        }
        // Union (with ranges).
        let mut prev_single = first_single;
        loop {
            if self.eat(b']') {
                return Ok(strings);
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
                prev_single = None;
                continue;
            }
            let (s, single) = self.class_set_operand()?;
            strings |= s;
            prev_single = single;
        }
    }

    /// One operand: nested class, `\q{..}`, escape, or a ClassSetCharacter. Returns
    /// (MayContainStrings, the single character if it is one).
    fn class_set_operand(&mut self) -> R<(bool, Option<u32>)> {
        let Some(c) = self.peek() else {
            return self.err("Unterminated character class");
        };
        match c {
            b'[' => {
                self.pos += 1;
                let s = self.parse_class()?;
                Ok((s, None))
            }
            b'\\' => {
                self.pos += 1;
                if self.eat(b'q') {
                    if !self.eat(b'{') {
                        return self.err("Invalid escape");
                    }
                    return self.parse_class_string_disjunction().map(|s| (s, None));
                }
                match self.parse_character_escape(true)? {
                    ClassAtom::Char(ch) => Ok((false, Some(ch))),
                    ClassAtom::Set { strings } => Ok((strings, None)),
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
                Ok((false, Some(cp)))
            }
        }
    }

    /// After `\q{`: strings separated by `|`, through `}`. Returns whether any string is not
    /// exactly one character.
    fn parse_class_string_disjunction(&mut self) -> R<bool> {
        let mut strings = false;
        let mut len = 0;
        loop {
            match self.peek() {
                None => return self.err("Unterminated class string disjunction"),
                Some(b'}') => {
                    self.pos += 1;
                    if len != 1 {
                        strings = true;
                    }
                    return Ok(strings);
                }
                Some(b'|') => {
                    self.pos += 1;
                    if len != 1 {
                        strings = true;
                    }
                    len = 0;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.parse_character_escape(true)? {
                        ClassAtom::Char(_) => len += 1,
                        ClassAtom::Set { .. } => return self.err("Invalid escape"),
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
                    len += 1;
                }
            }
        }
    }
}

/// ClassSetReservedPunctuator (may be escaped in v-mode classes).
fn is_class_set_reserved_punct(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some('&' | '-' | '!' | '#' | '%' | ',' | ':' | ';' | '<' | '=' | '>' | '@' | '`' | '~')
    )
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

#[cfg(test)]
mod tests;
