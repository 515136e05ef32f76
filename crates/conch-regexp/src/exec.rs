//! The backtracking matcher. It runs a program (see [`crate::program`]) over a one-byte
//! (Latin-1) or two-byte (UTF-16) string as it is stored, with no native recursion: choice
//! points, capture undo records and lookaround marks live on one explicit stack, grown
//! fallibly in the caller's allocator (accounted memory), and the host is polled every few
//! thousand steps so that a runaway pattern can be interrupted.
//!
//! Stack entries are four words `[kind, a, b, c]`:
//! - `BRANCH pc pos`: resume there;
//! - `CAP slot old` / `REG reg old`: undo records, applied while backtracking;
//! - `LOOK pc pos neg`: the start of a lookaround (a negative one succeeds when its body fails:
//!   resume at `pc`, after it, at `pos`);
//! - `STAR_GREEDY pc limit cur`: a simple loop that can give back characters down to `limit`;
//! - `STAR_LAZY pc count pos`: a lazy simple loop that can take one more character;
//! - `STRSET pc pos group`: a string set that can still match a shorter string from `group` on.

use crate::casefold::canonicalize;
use crate::program::{bit, insn_len, op, Program};
use allocator_api2::alloc::Allocator;
use allocator_api2::vec::Vec;

/// The subject string, as stored.
#[derive(Clone, Copy, Debug)]
pub enum Input<'t> {
    /// One byte per character (Latin-1).
    Latin1(&'t [u8]),
    /// UTF-16 code units.
    Utf16(&'t [u16]),
}

impl Input<'_> {
    /// Length in code units.
    pub fn len(&self) -> usize {
        match self {
            Input::Latin1(s) => s.len(),
            Input::Utf16(s) => s.len(),
        }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a match ended without an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecError {
    /// The backtracking state could not grow (the runtime's memory limit).
    OutOfMemory,
    /// The host asked to stop.
    Interrupted,
}

/// What the matcher needs from its host.
pub trait Host {
    /// Polled every few thousand steps; `true` ends the match with
    /// [`ExecError::Interrupted`].
    fn interrupted(&mut self) -> bool;
}

/// A host that never interrupts.
#[derive(Debug, Default)]
pub struct NoInterrupt;

impl Host for NoInterrupt {
    fn interrupted(&mut self) -> bool {
        false
    }
}

/// Capture positions: `2 × capture count` entries, [`UNSET`] where a group did not
/// participate; entries 0 and 1 are the match's start and end.
pub type Captures<A> = Vec<u32, A>;

/// An unset capture position.
pub const UNSET: u32 = u32::MAX;

const POLL_MASK: u32 = 0xFFF;

const K_BRANCH: u32 = 0;
const K_CAP: u32 = 1;
const K_REG: u32 = 2;
const K_LOOK: u32 = 3;
const K_STAR_GREEDY: u32 = 4;
const K_STAR_LAZY: u32 = 5;
const K_STRSET: u32 = 6;

trait Text {
    fn len(&self) -> usize;
    fn unit(&self, i: usize) -> u32;
}

impl Text for [u8] {
    #[inline(always)]
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    #[inline(always)]
    fn unit(&self, i: usize) -> u32 {
        self[i] as u32
    }
}

impl Text for [u16] {
    #[inline(always)]
    fn len(&self) -> usize {
        <[u16]>::len(self)
    }
    #[inline(always)]
    fn unit(&self, i: usize) -> u32 {
        self[i] as u32
    }
}

/// Looks for a match of `prog` in `input`, trying positions from `start` on (only `start` if
/// `sticky`). Returns the captures of the first match, or `None`.
pub fn exec<A: Allocator + Clone>(
    prog: Program,
    input: Input,
    start: usize,
    sticky: bool,
    alloc: A,
    host: &mut dyn Host,
) -> Result<Option<Captures<A>>, ExecError> {
    match input {
        Input::Latin1(s) => run_all(prog, s, start, sticky, alloc, host),
        Input::Utf16(s) => run_all(prog, s, start, sticky, alloc, host),
    }
}

fn run_all<T: Text + ?Sized, A: Allocator + Clone>(
    prog: Program,
    text: &T,
    start: usize,
    sticky: bool,
    alloc: A,
    host: &mut dyn Host,
) -> Result<Option<Captures<A>>, ExecError> {
    let flags = prog.flags();
    let ncaps = 2 * prog.capture_count();
    let mut caps = Vec::new_in(alloc.clone());
    caps.try_reserve_exact(ncaps)
        .map_err(|_| ExecError::OutOfMemory)?;
    caps.resize(ncaps, UNSET);
    let mut regs = Vec::new_in(alloc.clone());
    regs.try_reserve_exact(prog.register_count())
        .map_err(|_| ExecError::OutOfMemory)?;
    regs.resize(prog.register_count(), 0);
    let mut m = Matcher {
        prog,
        code: prog.code(),
        text,
        unicode: flags.unicode || flags.unicode_sets,
        caps,
        regs,
        stack: Vec::new_in(alloc),
        steps: 0,
        host,
    };
    let first = first_char(m.code);
    let len = text.len();
    let mut at = start;
    while at <= len {
        if !sticky {
            if let Some(c) = first {
                // Skip ahead to the next possible start.
                match (at..len).find(|&i| text.unit(i) == c) {
                    Some(i) => at = i,
                    None => return Ok(None),
                }
            }
        }
        for c in m.caps.iter_mut() {
            *c = UNSET;
        }
        m.stack.clear();
        if m.run(at)? {
            m.caps[0] = at as u32;
            return Ok(Some(m.caps));
        }
        if sticky {
            break;
        }
        at = if m.unicode {
            match m.read_fwd(at) {
                Some((_, n)) => n,
                None => at + 1,
            }
        } else {
            at + 1
        };
    }
    Ok(None)
}

/// The code unit every match must start with, when the program begins with a plain
/// (case-sensitive, forward) CHAR of one unit.
fn first_char(code: &[u32]) -> Option<u32> {
    // Not a surrogate: under `u` a match may not start inside a pair.
    if code.len() >= 2
        && code[0] == op::CHAR
        && code[1] <= 0xFFFF
        && !(0xD800..0xE000).contains(&code[1])
    {
        Some(code[1])
    } else {
        None
    }
}

fn is_line_terminator(c: u32) -> bool {
    matches!(c, 0x0A | 0x0D | 0x2028 | 0x2029)
}

fn is_word(c: u32, unicode_icase: bool) -> bool {
    matches!(c, 0x30..=0x39 | 0x41..=0x5A | 0x5F | 0x61..=0x7A)
        || (unicode_icase && (c == 0x17F || c == 0x212A))
}

struct Matcher<'p, 'h, T: ?Sized, A: Allocator> {
    prog: Program<'p>,
    code: &'p [u32],
    text: &'p T,
    unicode: bool,
    caps: Vec<u32, A>,
    regs: Vec<u32, A>,
    stack: Vec<u32, A>,
    steps: u32,
    host: &'h mut dyn Host,
}

impl<T: Text + ?Sized, A: Allocator> Matcher<'_, '_, T, A> {
    #[inline(always)]
    fn read_fwd(&self, pos: usize) -> Option<(u32, usize)> {
        let t = self.text;
        if pos >= t.len() {
            return None;
        }
        let c = t.unit(pos);
        if self.unicode && (0xD800..0xDC00).contains(&c) && pos + 1 < t.len() {
            let d = t.unit(pos + 1);
            if (0xDC00..0xE000).contains(&d) {
                return Some((0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00), pos + 2));
            }
        }
        Some((c, pos + 1))
    }

    #[inline(always)]
    fn read_back(&self, pos: usize) -> Option<(u32, usize)> {
        let t = self.text;
        if pos == 0 {
            return None;
        }
        let c = t.unit(pos - 1);
        if self.unicode && (0xDC00..0xE000).contains(&c) && pos >= 2 {
            let h = t.unit(pos - 2);
            if (0xD800..0xDC00).contains(&h) {
                return Some((0x10000 + ((h - 0xD800) << 10) + (c - 0xDC00), pos - 2));
            }
        }
        Some((c, pos - 1))
    }

    /// Runs the single-character matcher at `pc` at `pos`: the new position.
    #[inline(always)]
    fn step_char(&self, pc: usize, pos: usize) -> Option<usize> {
        let w = self.code[pc];
        let (c, np) = if w & bit::BACK != 0 {
            self.read_back(pos)?
        } else {
            self.read_fwd(pos)?
        };
        let ok = match w & 0xFF {
            op::CHAR => {
                if w & bit::ICASE != 0 {
                    canonicalize(c, self.unicode) == self.code[pc + 1]
                } else {
                    c == self.code[pc + 1]
                }
            }
            op::ANY => w & bit::DOTALL != 0 || !is_line_terminator(c),
            op::CLASS => {
                let n = self.code[pc + 1] as usize;
                let words = &self.code[pc + 2..pc + 2 + 2 * n];
                let c = if w & bit::ICASE != 0 {
                    canonicalize(c, self.unicode)
                } else {
                    c
                };
                class_contains(words, c) != (w & bit::NEG != 0)
            }
            _ => false,
        };
        if ok {
            Some(np)
        } else {
            None
        }
    }

    /// Matches the longest string of the STRSET at `pc` in its groups from `first` on, at
    /// `pos`: the new position, with a choice point for the shorter groups left.
    fn strset(&mut self, pc: usize, pos: usize, first: usize) -> Result<Option<usize>, ExecError> {
        let code = self.code;
        let w = code[pc];
        let groups = code[pc + 2] as usize;
        let mut data = pc + 3 + 2 * groups;
        for g in 0..groups {
            let (len, count) = (code[pc + 3 + 2 * g] as usize, code[pc + 4 + 2 * g] as usize);
            let strings = &code[data..data + len * count];
            data += len * count;
            if g < first {
                continue;
            }
            if let Some(np) = self.find_string(strings, len, pos, w) {
                if g + 1 < groups {
                    self.push([K_STRSET, pc as u32, pos as u32, g as u32 + 1])?;
                }
                return Ok(Some(np));
            }
        }
        Ok(None)
    }

    /// Binary search of the input at `pos` among sorted strings of `len` code points each:
    /// the position after the one it starts with (ends with, under BACK).
    fn find_string(&self, strings: &[u32], len: usize, pos: usize, w: u32) -> Option<usize> {
        let back = w & bit::BACK != 0;
        let icase = w & bit::ICASE != 0;
        let (mut lo, mut hi) = (0, strings.len() / len.max(1));
        if len == 0 {
            return Some(pos);
        }
        while lo < hi {
            let mid = (lo + hi) / 2;
            let s = &strings[mid * len..(mid + 1) * len];
            let mut p = pos;
            let mut ord = core::cmp::Ordering::Equal;
            for &want in s {
                let next = if back {
                    self.read_back(p)
                } else {
                    self.read_fwd(p)
                };
                let Some((c, np)) = next else {
                    // The input ends first: it sorts before every string.
                    ord = core::cmp::Ordering::Greater;
                    break;
                };
                let c = if icase { canonicalize(c, true) } else { c };
                ord = want.cmp(&c);
                if ord != core::cmp::Ordering::Equal {
                    break;
                }
                p = np;
            }
            match ord {
                core::cmp::Ordering::Equal => return Some(p),
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
            }
        }
        None
    }

    fn push(&mut self, entry: [u32; 4]) -> Result<(), ExecError> {
        self.stack
            .try_reserve(4)
            .map_err(|_| ExecError::OutOfMemory)?;
        self.stack.extend_from_slice(&entry);
        Ok(())
    }

    fn set_cap(&mut self, slot: usize, v: u32) -> Result<(), ExecError> {
        let old = self.caps[slot];
        self.push([K_CAP, slot as u32, old, 0])?;
        self.caps[slot] = v;
        Ok(())
    }

    fn set_reg(&mut self, reg: usize, v: u32) -> Result<(), ExecError> {
        let old = self.regs[reg];
        self.push([K_REG, reg as u32, old, 0])?;
        self.regs[reg] = v;
        Ok(())
    }

    fn poll(&mut self) -> Result<(), ExecError> {
        self.steps = self.steps.wrapping_add(1);
        if self.steps & POLL_MASK == 0 && self.host.interrupted() {
            return Err(ExecError::Interrupted);
        }
        Ok(())
    }

    /// Pops the stack to the next place to resume: (pc, pos), or `None` when exhausted.
    fn backtrack(&mut self) -> Result<Option<(usize, usize)>, ExecError> {
        self.poll()?;
        loop {
            let n = self.stack.len();
            if n == 0 {
                return Ok(None);
            }
            let e = [
                self.stack[n - 4],
                self.stack[n - 3],
                self.stack[n - 2],
                self.stack[n - 1],
            ];
            self.stack.truncate(n - 4);
            match e[0] {
                K_BRANCH => return Ok(Some((e[1] as usize, e[2] as usize))),
                K_CAP => self.caps[e[1] as usize] = e[2],
                K_REG => self.regs[e[1] as usize] = e[2],
                K_LOOK if e[3] != 0 => return Ok(Some((e[1] as usize, e[2] as usize))),
                K_STAR_GREEDY => {
                    let pc = e[1] as usize;
                    let (limit, cur) = (e[2] as usize, e[3] as usize);
                    if cur == limit {
                        continue;
                    }
                    let atom = pc + 3;
                    let back = self.code[atom] & bit::BACK != 0;
                    // Give back one character.
                    let np = if back {
                        self.read_fwd(cur).map_or(cur + 1, |(_, p)| p)
                    } else if self.unicode {
                        self.read_back(cur)
                            .map_or(cur - 1, |(_, p)| if p < limit { cur - 1 } else { p })
                    } else {
                        cur - 1
                    };
                    if np != limit {
                        self.push([K_STAR_GREEDY, pc as u32, limit as u32, np as u32])?;
                    }
                    return Ok(Some((atom + insn_len(self.code, atom), np)));
                }
                K_STRSET => {
                    let (pc, pos) = (e[1] as usize, e[2] as usize);
                    if let Some(np) = self.strset(pc, pos, e[3] as usize)? {
                        return Ok(Some((pc + insn_len(self.code, pc), np)));
                    }
                }
                K_STAR_LAZY => {
                    let pc = e[1] as usize;
                    let (count, pos) = (e[2], e[3] as usize);
                    let atom = pc + 3;
                    if let Some(np) = self.step_char(atom, pos) {
                        if count + 1 < self.code[pc + 2] && np != pos {
                            self.push([K_STAR_LAZY, pc as u32, count + 1, np as u32])?;
                        }
                        return Ok(Some((atom + insn_len(self.code, atom), np)));
                    }
                }
                _ => {}
            }
        }
    }

    /// Runs from `pos`; on success the captures are set (caps[1] = end).
    fn run(&mut self, start: usize) -> Result<bool, ExecError> {
        let code = self.code;
        let mut pc = 0usize;
        let mut pos = start;
        loop {
            let w = code[pc];
            let ok = match w & 0xFF {
                op::CHAR | op::ANY | op::CLASS => match self.step_char(pc, pos) {
                    Some(np) => {
                        pos = np;
                        pc += insn_len(code, pc);
                        true
                    }
                    None => false,
                },
                op::STRSET => match self.strset(pc, pos, 0)? {
                    Some(np) => {
                        pos = np;
                        pc += insn_len(code, pc);
                        true
                    }
                    None => false,
                },
                op::SPLIT => {
                    let target = pc + 2 + code[pc + 1] as usize;
                    self.push([K_BRANCH, target as u32, pos as u32, 0])?;
                    pc += 2;
                    true
                }
                op::JMP => {
                    pc = pc + 2 + code[pc + 1] as usize;
                    true
                }
                op::SAVE => {
                    self.set_cap(code[pc + 1] as usize, pos as u32)?;
                    pc += 2;
                    true
                }
                op::RESET => {
                    for slot in code[pc + 1] as usize..code[pc + 2] as usize {
                        if self.caps[slot] != UNSET {
                            self.set_cap(slot, UNSET)?;
                        }
                    }
                    pc += 3;
                    true
                }
                op::BOL => {
                    let ok = pos == 0
                        || (w & bit::MULTI != 0 && is_line_terminator(self.text.unit(pos - 1)));
                    pc += 1;
                    ok
                }
                op::EOL => {
                    let ok = pos == self.text.len()
                        || (w & bit::MULTI != 0 && is_line_terminator(self.text.unit(pos)));
                    pc += 1;
                    ok
                }
                op::WORDB => {
                    let ui = self.unicode && w & bit::ICASE != 0;
                    let a = pos > 0 && is_word(self.text.unit(pos - 1), ui);
                    let b = pos < self.text.len() && is_word(self.text.unit(pos), ui);
                    pc += 1;
                    (a != b) != (w & bit::NEG != 0)
                }
                op::BACKREF | op::BACKREF_NAMED => {
                    let group = if w & 0xFF == op::BACKREF {
                        Some(code[pc + 1] as usize)
                    } else {
                        self.named_group(code[pc + 1])
                    };
                    pc += 2;
                    match group {
                        Some(g) => match self.backref(w, g, pos) {
                            Some(np) => {
                                pos = np;
                                true
                            }
                            None => false,
                        },
                        None => true,
                    }
                }
                op::LOOK => {
                    let reg = code[pc + 1] as usize;
                    let after = pc + 3 + code[pc + 2] as usize;
                    self.regs[reg] = self.stack.len() as u32;
                    let neg = (w & bit::NEG != 0) as u32;
                    self.push([K_LOOK, after as u32, pos as u32, neg])?;
                    pc += 3;
                    true
                }
                op::LOOK_END => {
                    let mark = self.regs[code[pc + 1] as usize] as usize;
                    if w & bit::NEG != 0 {
                        // The body matched: the negative lookaround fails.
                        while self.stack.len() > mark {
                            let n = self.stack.len();
                            let (k, a, b) =
                                (self.stack[n - 4], self.stack[n - 3], self.stack[n - 2]);
                            match k {
                                K_CAP => self.caps[a as usize] = b,
                                K_REG => self.regs[a as usize] = b,
                                _ => {}
                            }
                            self.stack.truncate(n - 4);
                        }
                        false
                    } else {
                        // Keep the undo records of the body, drop its choice points.
                        pos = self.stack[mark + 2] as usize;
                        let mut w_at = mark;
                        let mut r = mark + 4;
                        while r < self.stack.len() {
                            let k = self.stack[r];
                            if k == K_CAP || k == K_REG {
                                self.stack.copy_within(r..r + 4, w_at);
                                w_at += 4;
                            }
                            r += 4;
                        }
                        self.stack.truncate(w_at);
                        pc += 2;
                        true
                    }
                }
                op::REG_ZERO => {
                    self.set_reg(code[pc + 1] as usize, 0)?;
                    pc += 2;
                    true
                }
                op::REG_POS => {
                    self.set_reg(code[pc + 1] as usize, pos as u32)?;
                    pc += 2;
                    true
                }
                op::LOOP_HEAD => {
                    let cnt = self.regs[code[pc + 1] as usize];
                    let (min, max) = (code[pc + 2], code[pc + 3]);
                    let body = pc + 5;
                    let exit = body + code[pc + 4] as usize;
                    if cnt < min {
                        pc = body;
                    } else if cnt >= max {
                        pc = exit;
                    } else if w & bit::LAZY == 0 {
                        self.push([K_BRANCH, exit as u32, pos as u32, 0])?;
                        pc = body;
                    } else {
                        self.push([K_BRANCH, body as u32, pos as u32, 0])?;
                        pc = exit;
                    }
                    true
                }
                op::LOOP_TAIL => {
                    let cnt_reg = code[pc + 1] as usize;
                    let cnt = self.regs[cnt_reg];
                    let min = code[pc + 3];
                    if cnt >= min && pos as u32 == self.regs[code[pc + 2] as usize] {
                        false
                    } else {
                        self.poll()?;
                        self.set_reg(cnt_reg, cnt.saturating_add(1))?;
                        pc = (pc as isize + 5 + code[pc + 4] as i32 as isize) as usize;
                        true
                    }
                }
                op::STAR => {
                    let (min, max) = (code[pc + 1], code[pc + 2]);
                    let atom = pc + 3;
                    let cont = atom + insn_len(code, atom);
                    let mut p = pos;
                    let mut ok = true;
                    for _ in 0..min {
                        match self.step_char(atom, p) {
                            Some(np) => p = np,
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    if ok {
                        if w & bit::LAZY == 0 {
                            let limit = p;
                            let mut count = min;
                            while count < max {
                                match self.step_char(atom, p) {
                                    Some(np) => {
                                        p = np;
                                        count += 1;
                                    }
                                    None => break,
                                }
                            }
                            if p != limit {
                                self.push([K_STAR_GREEDY, pc as u32, limit as u32, p as u32])?;
                            }
                        } else if min < max {
                            self.push([K_STAR_LAZY, pc as u32, min, p as u32])?;
                        }
                        pos = p;
                        pc = cont;
                    }
                    ok
                }
                op::MATCH => {
                    self.caps[1] = pos as u32;
                    return Ok(true);
                }
                _ => false,
            };
            if !ok {
                match self.backtrack()? {
                    Some((p, q)) => {
                        pc = p;
                        pos = q;
                    }
                    None => return Ok(false),
                }
            }
        }
    }

    /// The participating group named by `id`, if any.
    fn named_group(&self, id: u32) -> Option<usize> {
        self.prog
            .names()
            .filter(|n| n.id == id)
            .map(|n| n.group as usize)
            .find(|&g| self.caps[2 * g] != UNSET && self.caps[2 * g + 1] != UNSET)
    }

    /// Matches the text of group `g` at `pos` (ending there when BACK): the new position.
    fn backref(&self, w: u32, g: usize, pos: usize) -> Option<usize> {
        let (s, e) = (self.caps[2 * g], self.caps[2 * g + 1]);
        if s == UNSET || e == UNSET {
            return Some(pos);
        }
        let (s, e) = (s as usize, e as usize);
        let len = e - s;
        let t = self.text;
        let icase = w & bit::ICASE != 0;
        let from = if w & bit::BACK != 0 {
            pos.checked_sub(len)?
        } else {
            if pos + len > t.len() {
                return None;
            }
            pos
        };
        if icase {
            let (mut a, mut b) = (s, from);
            while a < e {
                let (ca, na) = self.read_fwd(a)?;
                let (cb, nb) = self.read_fwd(b)?;
                if canonicalize(ca, self.unicode) != canonicalize(cb, self.unicode) {
                    return None;
                }
                a = na;
                b = nb;
            }
            if b != from + len {
                return None;
            }
        } else {
            for i in 0..len {
                if t.unit(s + i) != t.unit(from + i) {
                    return None;
                }
            }
        }
        Some(if w & bit::BACK != 0 { from } else { from + len })
    }
}

/// Whether `c` is in the ranges `[lo, hi, lo, hi, …]`.
#[inline]
fn class_contains(words: &[u32], c: u32) -> bool {
    let n = words.len() / 2;
    if n <= 4 {
        for i in 0..n {
            if c >= words[2 * i] && c <= words[2 * i + 1] {
                return true;
            }
            if c < words[2 * i] {
                return false;
            }
        }
        return false;
    }
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if c < words[2 * mid] {
            hi = mid;
        } else if c > words[2 * mid + 1] {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}
