//! The pattern grammar (ECMA-262 §22.2.1, and Annex B §B.1.2 for patterns without the `u`/`v`
//! flags), written once: the parser's early errors for regexp literals and the compiler both
//! run it. It walks the pattern once (after a quick pre-scan that counts capture groups and
//! notes named groups, needed for backreference rules) and emits the matcher's code as it goes:
//! a quantifier wraps the code of its atom, an alternative is prefixed with a `SPLIT`, and the
//! terms of a lookbehind are emitted in reverse order (it matches right to left).
//!
//! The pattern is WTF-8 (UTF-8 that may encode lone surrogates), so a JS string's units all
//! survive. No native recursion beyond the pattern's nesting, which is checked against the
//! stack limit.

mod class;
mod escape;

use crate::program::{bit, op, HEADER, INFINITE, MAGIC};
use crate::Flags;
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
    let flags = Flags {
        unicode,
        unicode_sets,
        ..Flags::default()
    };
    let mut p = Parser::new(pattern.as_bytes(), flags, arena);
    p.run()?;
    Ok(())
}

/// Compiles `pattern` (WTF-8) under `flags` into a program (see [`crate::program`]), in
/// `arena`.
pub fn compile_in<'a>(pattern: &[u8], flags: Flags, arena: &'a Arena) -> R<&'a [u32]> {
    let mut p = Parser::new(pattern, flags, arena);
    p.run()?;
    p.finish()
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

/// Decodes one WTF-8 sequence at `b[i..]`: (code point, length).
pub(crate) fn decode(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let c0 = *b.get(i)? as u32;
    if c0 < 0x80 {
        return Some((c0, 1));
    }
    let cont = |k: usize| b.get(i + k).map(|&x| (x & 0x3F) as u32);
    if c0 < 0xE0 {
        Some((((c0 & 0x1F) << 6) | cont(1)?, 2))
    } else if c0 < 0xF0 {
        Some((((c0 & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?, 3))
    } else {
        Some((
            ((c0 & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?,
            4,
        ))
    }
}

pub(crate) struct Parser<'s, 'a> {
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
    // Code generation.
    code: Vec<u32, &'a Arena>,
    next_group: u32,
    regs: u32,
    icase: bool,
    multi: bool,
    dotall: bool,
    back: bool,
    /// Distinct group names (a name's id is its index).
    distinct: Vec<&'a str, &'a Arena>,
    /// Named groups: (group, name id).
    decl: Vec<(u32, u32), &'a Arena>,
    /// The low surrogate of an astral literal without `u`: the next atom.
    pending: Option<u32>,
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

/// What an atom compiled to, for its quantifier.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Atom {
    /// Not quantifiable (assertion, lookbehind, lookahead under `u`).
    Fixed,
    /// One character matcher (one CHAR/ANY/CLASS instruction, no captures).
    Single,
    /// Anything else.
    Complex,
}

impl<'s, 'a> Parser<'s, 'a> {
    fn new(b: &'s [u8], flags: Flags, arena: &'a Arena) -> Parser<'s, 'a> {
        let (groups, named) = prescan(b);
        Parser {
            b,
            pos: 0,
            u: flags.unicode || flags.unicode_sets,
            v: flags.unicode_sets,
            groups,
            named_groups: named,
            names: Vec::new_in(arena),
            active: hashbrown::HashMap::new_in(arena),
            refs: Vec::new_in(arena),
            arena,
            stack: StackLimit::current_thread(),
            code: Vec::new_in(arena),
            next_group: 1,
            regs: 0,
            icase: flags.ignore_case,
            multi: flags.multiline,
            dotall: flags.dot_all,
            back: false,
            distinct: Vec::new_in(arena),
            decl: Vec::new_in(arena),
            pending: None,
        }
    }

    fn run(&mut self) -> R<()> {
        self.parse_disjunction()?;
        if self.pos < self.b.len() {
            return self.err(if self.b[self.pos] == b')' {
                "Unmatched ')'"
            } else {
                "Unexpected character"
            });
        }
        for &(name, at) in self.refs.iter() {
            if !self.active.contains_key(name) {
                return Err(RegExpError {
                    message: "Invalid named capture referenced",
                    offset: at,
                    stack_overflow: false,
                });
            }
        }
        self.emit(&[op::MATCH])
    }

    /// Lays out the program: header, names, code.
    fn finish(self) -> R<&'a [u32]> {
        let mut out: Vec<u32, &'a Arena> = Vec::new_in(self.arena);
        let oom = self.oom();
        let mut names_len = 0;
        for &(_, id) in self.decl.iter() {
            names_len += 3 + self.distinct[id as usize].encode_utf16().count();
        }
        out.try_reserve(HEADER + names_len + self.code.len())
            .map_err(|_| oom)?;
        let flags = Flags {
            unicode: self.u && !self.v,
            unicode_sets: self.v,
            ignore_case: self.icase,
            multiline: self.multi,
            dot_all: self.dotall,
            ..Flags::default()
        };
        out.extend_from_slice(&[
            MAGIC,
            self.next_group,
            self.regs,
            flags.bits(),
            self.decl.len() as u32,
            (HEADER + names_len) as u32,
        ]);
        for &(group, id) in self.decl.iter() {
            let name = self.distinct[id as usize];
            out.extend_from_slice(&[group, id, name.encode_utf16().count() as u32]);
            for unit in name.encode_utf16() {
                out.push(unit as u32);
            }
        }
        out.extend_from_slice(&self.code);
        Ok(out.leak())
    }

    fn err<T>(&self, message: &'static str) -> R<T> {
        Err(RegExpError {
            message,
            offset: self.pos,
            stack_overflow: false,
        })
    }

    fn oom(&self) -> RegExpError {
        RegExpError {
            message: "Out of memory",
            offset: self.pos,
            stack_overflow: false,
        }
    }

    fn check_stack(&self) -> R<()> {
        if self.stack.exceeded() {
            return Err(RegExpError {
                message: "Maximum call stack size exceeded",
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
        let (c, n) = decode(self.b, self.pos)?;
        self.pos += n;
        Some(c)
    }

    // ---- Emission ----

    fn emit(&mut self, words: &[u32]) -> R<()> {
        self.code.try_reserve(words.len()).map_err(|_| self.oom())?;
        self.code.extend_from_slice(words);
        Ok(())
    }

    /// Inserts `words` at `at` (code after it moves; jumps are relative, so it stays valid).
    fn insert(&mut self, at: usize, words: &[u32]) -> R<()> {
        self.emit(words)?;
        self.code[at..].rotate_right(words.len());
        Ok(())
    }

    /// The modifier bits of a character matcher in the current state.
    fn bits(&self) -> u32 {
        let mut b = 0;
        if self.back {
            b |= bit::BACK;
        }
        if self.icase {
            b |= bit::ICASE;
        }
        if self.multi {
            b |= bit::MULTI;
        }
        if self.dotall {
            b |= bit::DOTALL;
        }
        b
    }

    fn emit_char(&mut self, c: u32) -> R<()> {
        if self.icase {
            let k = crate::casefold::canonicalize(c, self.u);
            self.emit(&[op::CHAR | self.bits(), k])
        } else {
            self.emit(&[op::CHAR | (self.bits() & bit::BACK), c])
        }
    }

    fn new_reg(&mut self) -> u32 {
        self.regs += 1;
        self.regs - 1
    }

    fn name_id(&mut self, name: &'a str) -> R<u32> {
        if let Some(i) = self.distinct.iter().position(|&n| n == name) {
            return Ok(i as u32);
        }
        self.distinct.try_reserve(1).map_err(|_| self.oom())?;
        self.distinct.push(name);
        Ok(self.distinct.len() as u32 - 1)
    }

    // ---- Grammar ----

    fn parse_disjunction(&mut self) -> R<()> {
        self.check_stack()?;
        let start_idx = self.names.len();
        let mut alt_start = start_idx;
        // Positions of the JMPs ending each alternative but the last.
        let mut jumps: Vec<usize, &'a Arena> = Vec::new_in(self.arena);
        loop {
            let code_start = self.code.len();
            self.parse_alternative()?;
            if self.eat(b'|') {
                // Names of the finished alternative do not clash with the next ones.
                for n in self.names[alt_start..].iter() {
                    if let Some(c) = self.active.get_mut(n) {
                        *c -= 1;
                    }
                }
                alt_start = self.names.len();
                let len = (self.code.len() - code_start) as u32;
                self.insert(code_start, &[op::SPLIT, len + 2])?;
                jumps.try_reserve(1).map_err(|_| self.oom())?;
                jumps.push(self.code.len());
                self.emit(&[op::JMP, 0])?;
                continue;
            }
            break;
        }
        let end = self.code.len();
        for &j in jumps.iter() {
            self.code[j + 1] = (end - (j + 2)) as u32;
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
        let alt_start = self.code.len();
        loop {
            if self.pending.is_none() && matches!(self.peek(), None | Some(b'|') | Some(b')')) {
                break;
            }
            let t = self.code.len();
            self.parse_term()?;
            if self.back {
                // Right to left: this term runs before the ones to its left.
                let n = self.code.len() - t;
                self.code[alt_start..].rotate_right(n);
            }
        }
        Ok(())
    }

    fn parse_term(&mut self) -> R<()> {
        self.check_stack()?;
        let atom_start = self.code.len();
        let caps_before = self.next_group;
        if let Some(lo) = self.pending.take() {
            self.emit_char(lo)?;
            return self.parse_quantifier(atom_start, caps_before, Atom::Single);
        }
        let Some(c) = self.peek() else { return Ok(()) };
        let atom = match c {
            b'^' => {
                self.pos += 1;
                self.emit(&[op::BOL | (self.bits() & bit::MULTI)])?;
                Atom::Fixed
            }
            b'$' => {
                self.pos += 1;
                self.emit(&[op::EOL | (self.bits() & bit::MULTI)])?;
                Atom::Fixed
            }
            b'\\' if matches!(self.peek_at(1), Some(b'b' | b'B')) => {
                let neg = if self.peek_at(1) == Some(b'B') {
                    bit::NEG
                } else {
                    0
                };
                self.pos += 2;
                self.emit(&[op::WORDB | neg | (self.bits() & bit::ICASE)])?;
                Atom::Fixed
            }
            b'\\' => {
                self.pos += 1;
                self.parse_atom_escape()?
            }
            b'(' => self.parse_group()?,
            b'[' => {
                self.pos += 1;
                self.parse_class_atom()?
            }
            b'.' => {
                self.pos += 1;
                self.emit(&[op::ANY | (self.bits() & (bit::BACK | bit::DOTALL))])?;
                Atom::Single
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
                self.emit_char(b'{' as u32)?;
                Atom::Single
            }
            b'}' | b']' if self.u => return self.err("Lone quantifier brackets"),
            _ => {
                let cp = self.next_cp().unwrap_or(0);
                if !self.u && cp > 0xFFFF {
                    // Two code units: the quantifier (if any) applies to the second.
                    let hi = 0xD800 + ((cp - 0x10000) >> 10);
                    let lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
                    self.emit_char(hi)?;
                    self.pending = Some(lo);
                    return Ok(());
                }
                self.emit_char(cp)?;
                Atom::Single
            }
        };
        self.parse_quantifier(atom_start, caps_before, atom)
    }

    /// Parses an optional quantifier after an atom and wraps the atom's code.
    fn parse_quantifier(&mut self, atom_start: usize, caps_before: u32, atom: Atom) -> R<()> {
        let (min, max) = match self.peek() {
            Some(b'*') => (0, INFINITE),
            Some(b'+') => (1, INFINITE),
            Some(b'?') => (0, 1),
            Some(b'{') => {
                let save = self.pos;
                match self.try_braced_quantifier()? {
                    Some(q) => {
                        self.pos = save;
                        q
                    }
                    None => {
                        if self.u {
                            return self.err("Incomplete quantifier");
                        }
                        self.pos = save;
                        return Ok(());
                    }
                }
            }
            _ => return Ok(()),
        };
        if self.peek() == Some(b'{') {
            self.try_braced_quantifier()?;
        } else {
            self.pos += 1;
        }
        if atom == Atom::Fixed {
            return self.err("Nothing to repeat");
        }
        let lazy = self.eat(b'?');
        self.quantify(
            atom_start,
            caps_before,
            atom == Atom::Single,
            min,
            max,
            lazy,
        )
    }

    fn quantify(
        &mut self,
        start: usize,
        caps_before: u32,
        single: bool,
        min: u32,
        max: u32,
        lazy: bool,
    ) -> R<()> {
        let lazy_bit = if lazy { bit::LAZY } else { 0 };
        if max == 0 {
            self.code.truncate(start);
            return Ok(());
        }
        if min == 1 && max == 1 {
            return Ok(());
        }
        if single {
            return self.insert(start, &[op::STAR | lazy_bit, min, max]);
        }
        let cnt = self.new_reg();
        let posreg = self.new_reg();
        let mut prefix = [0u32; 10];
        let mut n = 0;
        prefix[n..n + 2].copy_from_slice(&[op::REG_ZERO, cnt]);
        n += 2;
        let head = n;
        // LOOP_HEAD's offset is patched below.
        prefix[n..n + 5].copy_from_slice(&[op::LOOP_HEAD | lazy_bit, cnt, min, max, 0]);
        n += 5;
        prefix[n..n + 2].copy_from_slice(&[op::REG_POS, posreg]);
        n += 2;
        let caps_after = self.next_group;
        let reset = caps_after > caps_before;
        self.insert(start, &prefix[..n])?;
        if reset {
            self.insert(start + n, &[op::RESET, 2 * caps_before, 2 * caps_after])?;
        }
        let tail = self.code.len();
        self.emit(&[op::LOOP_TAIL, cnt, posreg, min, 0])?;
        let exit = self.code.len();
        let head_at = start + head;
        self.code[head_at + 4] = (exit - (head_at + 5)) as u32;
        self.code[tail + 4] = (head_at as isize - exit as isize) as i32 as u32;
        Ok(())
    }

    /// `{n}`, `{n,}`, `{n,m}`: Some((min, max)) if well-formed (consumed), None otherwise
    /// (position unspecified); an error if out of order.
    fn try_braced_quantifier(&mut self) -> R<Option<(u32, u32)>> {
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
        let clamp = |v: u64| v.min(INFINITE as u64 - 1) as u32;
        Ok(Some((clamp(min), max.map_or(INFINITE, clamp))))
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

    fn parse_group(&mut self) -> R<Atom> {
        self.pos += 1; // (
        let saved = (self.icase, self.multi, self.dotall, self.back);
        let mut look: Option<(bool, bool)> = None; // (behind, negative)
        let mut capture = None;
        if self.eat(b'?') {
            match self.peek() {
                Some(b'=') | Some(b'!') => {
                    look = Some((false, self.peek() == Some(b'!')));
                    self.pos += 1;
                }
                Some(b'<') if matches!(self.peek_at(1), Some(b'=' | b'!')) => {
                    look = Some((true, self.peek_at(1) == Some(b'!')));
                    self.pos += 2;
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
                    let id = self.name_id(name)?;
                    self.decl.try_reserve(1).map_err(|_| self.oom())?;
                    self.decl.push((self.next_group, id));
                    capture = Some(self.next_group);
                    self.next_group += 1;
                }
                _ => self.parse_modifiers()?,
            }
        } else {
            capture = Some(self.next_group);
            self.next_group += 1;
        }
        let atom = if let Some((behind, neg)) = look {
            let reg = self.new_reg();
            let start = self.code.len();
            let negb = if neg { bit::NEG } else { 0 };
            self.emit(&[op::LOOK | negb, reg, 0])?;
            self.back = behind;
            self.parse_disjunction()?;
            self.emit(&[op::LOOK_END | negb, reg])?;
            let end = self.code.len();
            self.code[start + 2] = (end - (start + 3)) as u32;
            if behind || self.u {
                Atom::Fixed
            } else {
                Atom::Complex
            }
        } else if let Some(g) = capture {
            let (first, second) = if self.back {
                (2 * g + 1, 2 * g)
            } else {
                (2 * g, 2 * g + 1)
            };
            self.emit(&[op::SAVE, first])?;
            self.parse_disjunction()?;
            self.emit(&[op::SAVE, second])?;
            Atom::Complex
        } else {
            self.parse_disjunction()?;
            Atom::Complex
        };
        (self.icase, self.multi, self.dotall, self.back) = saved;
        if !self.eat(b')') {
            return self.err("Unterminated group");
        }
        Ok(atom)
    }

    /// `(?ims-ims:` after `(?`: applies the modifiers to the parser state (restored by the
    /// caller at the group's end).
    fn parse_modifiers(&mut self) -> R<()> {
        let mut seen = 0u8;
        let mut add = 0;
        let mut remove = 0;
        let mut dash = false;
        loop {
            let bitv = match self.peek() {
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
            if seen & bitv != 0 {
                return self.err("Repeated flag in modifiers");
            }
            seen |= bitv;
            if dash {
                remove += 1;
            } else {
                add += 1;
            }
            match bitv {
                1 => self.icase = !dash,
                2 => self.multi = !dash,
                _ => self.dotall = !dash,
            }
            self.pos += 1;
        }
        if dash && add == 0 && remove == 0 {
            return self.err("Invalid group modifiers");
        }
        Ok(())
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
                    Some(c) if (0xD800..0xDC00).contains(&c) => {
                        // A surrogate pair spelled as two WTF-8 sequences.
                        match decode(self.b, self.pos) {
                            Some((t, n)) if (0xDC00..0xE000).contains(&t) => {
                                self.pos += n;
                                0x10000 + ((c - 0xD800) << 10) + (t - 0xDC00)
                            }
                            _ => c,
                        }
                    }
                    Some(c) => c,
                    None => return self.err("Invalid capture group name"),
                }
            };
            let ok = char::from_u32(cp).is_some_and(|c| {
                if first {
                    c == '$' || c == '_' || unicode_id_start::is_id_start(c)
                } else {
                    c == '$'
                        || c == '\u{200c}'
                        || c == '\u{200d}'
                        || unicode_id_start::is_id_continue(c)
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
}

#[cfg(test)]
mod tests;
