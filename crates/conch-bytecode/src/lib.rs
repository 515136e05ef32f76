//! Conch's instruction set (ARCHITECTURE.md §9): a register machine with an accumulator, as
//! V8's Ignition. Every instruction is defined once, in the table in [`ops`]; the table
//! generates the [`Op`] enum, each instruction's operand layout, the [`encode`] function, the
//! [`decode`] function and the [`disassemble`] printer.
//!
//! Encoding: one opcode byte, then the operands. Register, index, count and immediate operands
//! are one byte each, or two after the [`Op::Wide`] prefix, or four after [`Op::ExtraWide`]
//! (the encoder picks the narrowest width that fits all of them). Jump targets are always four
//! bytes (absolute offsets into the function's bytecode), so forward jumps can be patched in
//! place. Everything is little-endian.
//!
//! The crate allocates nothing itself: the encoder writes into a [`Sink`] the caller provides
//! (the compiler's arena buffer), so a refused allocation is an error, never an abort.

#![warn(missing_docs)]

mod ops;
#[cfg(test)]
mod tests;

pub use ops::Op;

use std::fmt;

/// What an operand means (its printing and signedness; the width comes from the prefix).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// A register of the frame (`r3`).
    Reg,
    /// An index into the constant pool (`[7]`).
    Const,
    /// An unsigned count or small index (`#2`): argument counts, environment depths and slots.
    Count,
    /// A signed immediate (`#-1`).
    Imm,
    /// A feedback slot (`{4}`).
    Slot,
    /// An absolute jump target, always four bytes (`@120`).
    Jump,
}

impl Operand {
    fn signed(self) -> bool {
        self == Operand::Imm
    }
}

/// The most operands any instruction has.
pub const MAX_OPERANDS: usize = 5;

/// Operand scale: 1, 2 or 4 bytes per scalable operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// One byte.
    Narrow = 1,
    /// Two bytes (after `Wide`).
    Wide = 2,
    /// Four bytes (after `ExtraWide`).
    ExtraWide = 4,
}

/// A byte buffer the encoder writes into; pushing may fail (memory refused).
pub trait Sink {
    /// Appends bytes; `Err(())` if memory was refused (the buffer is then unchanged).
    #[allow(clippy::result_unit_err)]
    fn extend(&mut self, bytes: &[u8]) -> Result<(), ()>;
    /// The bytes written so far.
    fn bytes(&self) -> &[u8];
    /// Overwrites four bytes at `at` (jump patching).
    fn patch(&mut self, at: usize, bytes: [u8; 4]);
}

/// Where the encoder put an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Emitted {
    /// Offset of the instruction's first byte (its prefix, if any).
    pub start: usize,
    /// Offset of its jump operand, if it has one (for [`patch_jump`]).
    pub jump_at: Option<usize>,
}

fn width_for(kind: Operand, v: i64) -> Width {
    if kind.signed() {
        if i8::try_from(v).is_ok() {
            Width::Narrow
        } else if i16::try_from(v).is_ok() {
            Width::Wide
        } else {
            Width::ExtraWide
        }
    } else if v <= u8::MAX as i64 {
        Width::Narrow
    } else if v <= u16::MAX as i64 {
        Width::Wide
    } else {
        Width::ExtraWide
    }
}

/// Encodes `op` with `operands` (as many as the table says, in order; unsigned ones must be in
/// `0..=u32::MAX`, signed ones in `i32`'s range) and returns where it went.
///
/// # Panics
/// If the operand count does not match the table or a value is out of range: those are
/// compiler bugs, not conditions a script can cause.
#[allow(clippy::result_unit_err)]
pub fn encode(sink: &mut impl Sink, op: Op, operands: &[i64]) -> Result<Emitted, ()> {
    let kinds = op.operands();
    assert_eq!(
        kinds.len(),
        operands.len(),
        "operand count of {}",
        op.name()
    );
    let mut width = Width::Narrow;
    for (&k, &v) in kinds.iter().zip(operands) {
        if k == Operand::Jump {
            assert!((0..=u32::MAX as i64).contains(&v), "jump target");
            continue;
        }
        if k.signed() {
            assert!(i32::try_from(v).is_ok(), "immediate range");
        } else {
            assert!((0..=u32::MAX as i64).contains(&v), "operand range");
        }
        let w = width_for(k, v);
        if w as u8 > width as u8 {
            width = w;
        }
    }
    let mut buf = [0u8; 2 + 4 * MAX_OPERANDS];
    let mut n = 0;
    match width {
        Width::Narrow => {}
        Width::Wide => {
            buf[0] = Op::Wide as u8;
            n = 1;
        }
        Width::ExtraWide => {
            buf[0] = Op::ExtraWide as u8;
            n = 1;
        }
    }
    let start = sink.bytes().len();
    buf[n] = op as u8;
    n += 1;
    let mut jump_at = None;
    for (&k, &v) in kinds.iter().zip(operands) {
        let w = if k == Operand::Jump {
            jump_at = Some(start + n);
            4
        } else {
            width as usize
        };
        let bytes = (v as u32).to_le_bytes();
        buf[n..n + w].copy_from_slice(&bytes[..w]);
        n += w;
    }
    sink.extend(&buf[..n])?;
    Ok(Emitted { start, jump_at })
}

/// Points the jump operand at `at` (from [`Emitted::jump_at`]) to `target`.
pub fn patch_jump(sink: &mut impl Sink, at: usize, target: u32) {
    sink.patch(at, target.to_le_bytes());
}

/// One decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Insn {
    /// The operation.
    pub op: Op,
    /// Operand values (signed ones sign-extended); only the first `op.operands().len()` count.
    pub operands: [i64; MAX_OPERANDS],
    /// Operand width used.
    pub width: Width,
    /// Total length in bytes, prefix included.
    pub len: usize,
}

/// Reads an operand of `width` bytes at `at` (unsigned unless `signed`).
#[inline]
pub fn read_operand(code: &[u8], at: usize, width: usize, signed: bool) -> Option<i64> {
    let b = code.get(at..at + width)?;
    Some(match (width, signed) {
        (1, false) => b[0] as i64,
        (1, true) => b[0] as i8 as i64,
        (2, false) => u16::from_le_bytes([b[0], b[1]]) as i64,
        (2, true) => i16::from_le_bytes([b[0], b[1]]) as i64,
        (_, false) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64,
        (_, true) => i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64,
    })
}

/// Decodes the instruction at `pc`; `None` if the bytes there are not a whole instruction.
pub fn decode(code: &[u8], pc: usize) -> Option<Insn> {
    let mut at = pc;
    let mut width = Width::Narrow;
    let mut op = Op::from_u8(*code.get(at)?)?;
    if op == Op::Wide || op == Op::ExtraWide {
        width = if op == Op::Wide {
            Width::Wide
        } else {
            Width::ExtraWide
        };
        at += 1;
        op = Op::from_u8(*code.get(at)?)?;
        if op == Op::Wide || op == Op::ExtraWide {
            return None;
        }
    }
    at += 1;
    let mut operands = [0i64; MAX_OPERANDS];
    for (i, &k) in op.operands().iter().enumerate() {
        let w = if k == Operand::Jump {
            4
        } else {
            width as usize
        };
        operands[i] = read_operand(code, at, w, k.signed())?;
        at += w;
    }
    Some(Insn {
        op,
        operands,
        width,
        len: at - pc,
    })
}

/// Prints one instruction (without its offset): `GetNamed r1, [3], {0}`. `constant` prints
/// constant-pool entries (e.g. `"name"`) after the index.
pub fn format_insn(
    out: &mut impl fmt::Write,
    insn: &Insn,
    constant: &mut dyn FnMut(u32) -> Option<String>,
) -> fmt::Result {
    write!(out, "{}", insn.op.name())?;
    for (i, &k) in insn.op.operands().iter().enumerate() {
        out.write_str(if i == 0 { " " } else { ", " })?;
        let v = insn.operands[i];
        match k {
            Operand::Reg => write!(out, "r{v}")?,
            Operand::Const => {
                write!(out, "[{v}]")?;
                if let Some(s) = constant(v as u32) {
                    write!(out, " {s}")?;
                }
            }
            Operand::Count | Operand::Imm => write!(out, "#{v}")?,
            Operand::Slot => write!(out, "{{{v}}}")?,
            Operand::Jump => write!(out, "@{v}")?,
        }
    }
    Ok(())
}

/// Prints a whole function's bytecode, one instruction per line as `  offset  Insn`; stops at
/// the first undecodable byte with a `<bad bytecode>` line.
pub fn disassemble(
    out: &mut impl fmt::Write,
    code: &[u8],
    constant: &mut dyn FnMut(u32) -> Option<String>,
) -> fmt::Result {
    let mut pc = 0;
    while pc < code.len() {
        let Some(insn) = decode(code, pc) else {
            return writeln!(out, "  {pc:5}  <bad bytecode>");
        };
        write!(out, "  {pc:5}  ")?;
        format_insn(out, &insn, constant)?;
        out.write_char('\n')?;
        pc += insn.len;
    }
    Ok(())
}
