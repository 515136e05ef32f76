//! The compiled form of a pattern: one flat array of `u32` words, position independent (jumps
//! are relative), so the VM can keep it in any accounted buffer and hand it back as a slice.
//!
//! ```text
//! header:  [MAGIC, capture count (incl. group 0), register count, flags, name count,
//!           code start]
//! names:   name count × [group index, name id, length, units…]   (declaration order)
//! code:    instructions: word 0 = opcode | modifier bits, then operands
//! ```
//! Offsets in jump operands are relative to the end of their instruction.

/// First header word.
pub const MAGIC: u32 = 0x5245_7830;
/// Header length in words.
pub const HEADER: usize = 6;

/// Opcodes (low 8 bits of an instruction's first word).
pub mod op {
    /// `CHAR c`: one character equal to `c` (canonicalized first under ICASE).
    pub const CHAR: u32 = 1;
    /// `ANY`: any character but line terminators (any at all under DOTALL).
    pub const ANY: u32 = 2;
    /// `CLASS n lo hi…`: a character in the n ranges (NEG: not in; ICASE: canonicalized).
    pub const CLASS: u32 = 3;
    /// `SPLIT off`: try the next instruction, on failure the target.
    pub const SPLIT: u32 = 4;
    /// `JMP off`.
    pub const JMP: u32 = 5;
    /// `SAVE slot`: capture slot = position (undone on backtracking).
    pub const SAVE: u32 = 6;
    /// `RESET from to`: capture slots from..to = undefined.
    pub const RESET: u32 = 7;
    /// `BOL`: start of input (of a line under MULTI).
    pub const BOL: u32 = 8;
    /// `EOL`: end of input (of a line under MULTI).
    pub const EOL: u32 = 9;
    /// `WORDB`: word boundary (NEG: not one).
    pub const WORDB: u32 = 10;
    /// `BACKREF group`.
    pub const BACKREF: u32 = 11;
    /// `BACKREF_NAMED name-id`: the participating group of that name.
    pub const BACKREF_NAMED: u32 = 12;
    /// `LOOK reg off`: start of a lookaround (NEG: negative); target after its LOOK_END.
    pub const LOOK: u32 = 13;
    /// `LOOK_END reg`: the lookaround's body matched.
    pub const LOOK_END: u32 = 14;
    /// `REG_ZERO reg`.
    pub const REG_ZERO: u32 = 15;
    /// `LOOP_HEAD cnt min max off`: choose between another iteration and the exit (target).
    pub const LOOP_HEAD: u32 = 16;
    /// `LOOP_TAIL cnt posreg min off`: end of an iteration (empty check), back to the head.
    pub const LOOP_TAIL: u32 = 17;
    /// `REG_POS reg`: reg = position.
    pub const REG_POS: u32 = 18;
    /// `MATCH`.
    pub const MATCH: u32 = 19;
    /// `STAR min max`: the single-character matcher that follows repeated, then continue
    /// after it; backtracking gives back (or, LAZY, takes) one character at a time.
    pub const STAR: u32 = 20;
    /// `FAIL`.
    pub const FAIL: u32 = 21;
    /// `STRSET size groups (len count)×groups strings…`: one of a set of strings (of code
    /// points), longest first: the groups hold the strings of one length each, in decreasing
    /// length, each group sorted (canonicalized under ICASE, reversed under BACK) for binary
    /// search; backtracking tries the next shorter group that matches. `size` is the
    /// instruction's length in words.
    pub const STRSET: u32 = 22;
}

/// Modifier bits of an instruction word.
pub mod bit {
    /// Matches right to left (lookbehind).
    pub const BACK: u32 = 1 << 8;
    /// Ignore case.
    pub const ICASE: u32 = 1 << 9;
    /// Multiline `^`/`$`.
    pub const MULTI: u32 = 1 << 10;
    /// `.` matches line terminators.
    pub const DOTALL: u32 = 1 << 11;
    /// Negated class, assertion or lookaround.
    pub const NEG: u32 = 1 << 12;
    /// Lazy quantifier.
    pub const LAZY: u32 = 1 << 13;
}

/// "No register" operand.
pub const NO_REG: u32 = u32::MAX;
/// An unbounded quantifier's max.
pub const INFINITE: u32 = u32::MAX;

/// Length in words of the instruction at `code[pc]`.
pub fn insn_len(code: &[u32], pc: usize) -> usize {
    match code[pc] & 0xFF {
        op::CHAR | op::SPLIT | op::JMP | op::SAVE | op::BACKREF | op::BACKREF_NAMED => 2,
        op::REG_ZERO | op::REG_POS | op::LOOK_END => 2,
        op::CLASS => 2 + 2 * code[pc + 1] as usize,
        op::RESET | op::LOOK | op::STAR => 3,
        op::LOOP_HEAD | op::LOOP_TAIL => 5,
        op::STRSET => code[pc + 1] as usize,
        _ => 1,
    }
}

/// A compiled pattern (a view of its words).
#[derive(Clone, Copy, Debug)]
pub struct Program<'p> {
    /// All words (header, names, code).
    pub words: &'p [u32],
}

impl<'p> Program<'p> {
    /// Wraps words produced by [`crate::compile`]; `None` if they are not a program.
    pub fn new(words: &'p [u32]) -> Option<Program<'p>> {
        if words.len() < HEADER || words[0] != MAGIC || words[5] as usize > words.len() {
            return None;
        }
        Some(Program { words })
    }

    /// Number of captures including group 0.
    pub fn capture_count(&self) -> usize {
        self.words[1] as usize
    }

    /// Number of registers the matcher needs.
    pub fn register_count(&self) -> usize {
        self.words[2] as usize
    }

    /// The flags the pattern was compiled with.
    pub fn flags(&self) -> crate::Flags {
        crate::Flags::from_bits(self.words[3])
    }

    /// The code.
    pub fn code(&self) -> &'p [u32] {
        &self.words[self.words[5] as usize..]
    }

    /// Named groups in declaration order: (group index, name id, name as UTF-16 units). Names
    /// with the same id are the same name (duplicates in different alternatives).
    pub fn names(&self) -> NameIter<'p> {
        NameIter {
            words: self.words,
            pos: HEADER,
            left: self.words[4] as usize,
        }
    }
}

/// Iterator over a program's group names.
pub struct NameIter<'p> {
    words: &'p [u32],
    pos: usize,
    left: usize,
}

/// One named group.
#[derive(Clone, Copy, Debug)]
pub struct GroupName<'p> {
    /// The capture group's index.
    pub group: u32,
    /// Equal for equal names.
    pub id: u32,
    /// UTF-16 code units, one per word.
    pub units: &'p [u32],
}

impl<'p> Iterator for NameIter<'p> {
    type Item = GroupName<'p>;
    fn next(&mut self) -> Option<GroupName<'p>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let w = self.words;
        let p = self.pos;
        let len = w[p + 2] as usize;
        self.pos = p + 3 + len;
        Some(GroupName {
            group: w[p],
            id: w[p + 1],
            units: &w[p + 3..p + 3 + len],
        })
    }
}
