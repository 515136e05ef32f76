//! Bytecode verification. Every [`Code`](super::code::Code) passes it when it is built —
//! compiler output and cached code alike (`Code::new`) — and the dispatch loop relies on it:
//! it reads opcodes, operands and single-register operands without bounds checks.
//!
//! What a verified function guarantees:
//! - the bytes are whole instructions (no reserved opcode, no double prefix, no truncated
//!   operand), the last one `Return`, so sequential execution never runs off the end;
//! - every jump target and handler entry is the start of an instruction;
//! - every register operand is below the frame's register count (so `r`, and the end of an
//!   empty argument range, lie inside the frame), every constant index inside the pool, every
//!   feedback slot below the slot count;
//! - handler ranges and source positions lie inside the code, positions in pc order.

use conch_bytecode::{decode, Op, Operand};
use conch_mm::ScratchAlloc;

/// Why a function failed verification.
#[derive(Debug, PartialEq, Eq)]
pub enum Invalid {
    /// The bytes break one of the rules above.
    Bad,
    /// Scratch memory for the check was refused.
    OutOfMemory,
}

/// What the instructions may refer to.
pub(crate) struct Limits {
    /// Registers of the frame (at least; see [`verify`]).
    pub registers: u32,
    /// Entries of the constant pool.
    pub constants: usize,
    /// Feedback slots.
    pub slots: u32,
    /// Length of the source text positions point into.
    pub source_len: u64,
}

/// Checks `bc` with its `handlers` (start, end, handler, environment register words) and
/// `positions` ((pc, source offset) pairs) against the rules in the module docs. Returns the
/// register count the frame needs: `lim.registers`, or one more than the highest register
/// operand if that is more (the compiler's count is one short when a call passes an empty
/// argument range starting at the next free register).
pub(crate) fn verify(
    scratch: &ScratchAlloc,
    bc: &[u8],
    lim: &Limits,
    handlers: &[u32],
    positions: &[u32],
) -> Result<u32, Invalid> {
    let n = bc.len();
    // Instruction starts, one bit each, and jump targets, in accounted scratch memory.
    let mut bits = allocator_api2::vec::Vec::new_in(scratch.clone());
    bits.try_reserve_exact(n.div_ceil(64))
        .map_err(|_| Invalid::OutOfMemory)?;
    bits.resize(n.div_ceil(64), 0u64);
    let mut targets: allocator_api2::vec::Vec<u32, _> =
        allocator_api2::vec::Vec::new_in(scratch.clone());
    let mut registers = lim.registers as i64;
    let mut pc = 0usize;
    let mut last = None;
    while pc < n {
        let insn = decode(bc, pc).ok_or(Invalid::Bad)?;
        bits[pc / 64] |= 1 << (pc % 64);
        for (i, &k) in insn.op.operands().iter().enumerate() {
            let v = insn.operands[i];
            let ok = match k {
                Operand::Reg => {
                    registers = registers.max(v + 1);
                    v >= 0
                }
                Operand::Const => v >= 0 && (v as u64) < lim.constants as u64,
                Operand::Slot => v >= 0 && v < lim.slots as i64,
                Operand::Jump => {
                    targets.try_reserve(1).map_err(|_| Invalid::OutOfMemory)?;
                    targets.push(v as u32);
                    v >= 0 && (v as u64) < n as u64
                }
                Operand::Count | Operand::Imm => true,
            };
            if !ok {
                return Err(Invalid::Bad);
            }
        }
        last = Some(insn.op);
        pc += insn.len;
    }
    if last != Some(Op::Return) || registers > u32::MAX as i64 {
        return Err(Invalid::Bad);
    }
    let registers = registers as u32;
    let is_start = |p: u64| p < n as u64 && bits[p as usize / 64] & (1 << (p % 64)) != 0;
    if !targets.iter().all(|&t| is_start(t as u64)) {
        return Err(Invalid::Bad);
    }
    if !handlers.len().is_multiple_of(4) || !positions.len().is_multiple_of(2) {
        return Err(Invalid::Bad);
    }
    for h in handlers.chunks_exact(4) {
        if h[0] > h[1] || h[1] as usize > n || !is_start(h[2] as u64) || h[3] >= registers {
            return Err(Invalid::Bad);
        }
    }
    let mut prev = 0;
    for p in positions.chunks_exact(2) {
        if p[0] as usize > n || p[1] as u64 > lim.source_len || p[0] < prev {
            return Err(Invalid::Bad);
        }
        prev = p[0];
    }
    Ok(registers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use conch_mm::MemoryManager;

    fn check(bc: &[u8], registers: u32, handlers: &[u32]) -> Result<u32, Invalid> {
        let heap = conch_gc::Heap::new(MemoryManager::new()).unwrap();
        let lim = Limits {
            registers,
            constants: 1,
            slots: 1,
            source_len: 10,
        };
        verify(heap.scratch(), bc, &lim, handlers, &[])
    }

    const LDAR: u8 = Op::Ldar as u8;
    const RET: u8 = Op::Return as u8;

    #[test]
    fn the_frame_holds_every_register_operand() {
        assert_eq!(check(&[LDAR, 0, RET], 1, &[]), Ok(1));
        assert_eq!(check(&[LDAR, 1, RET], 1, &[]), Ok(2));
        assert_eq!(check(&[RET], 3, &[]), Ok(3));
        let wide = [Op::Wide as u8, LDAR, 0, 1, RET];
        assert_eq!(check(&wide, 2, &[]), Ok(257));
    }

    #[test]
    fn code_must_end_in_return_and_be_whole() {
        assert_eq!(check(&[LDAR, 0], 1, &[]), Err(Invalid::Bad));
        assert_eq!(check(&[RET, LDAR], 1, &[]), Err(Invalid::Bad));
        assert_eq!(check(&[], 1, &[]), Err(Invalid::Bad));
        assert_eq!(check(&[0xff, RET], 1, &[]), Err(Invalid::Bad));
        let prefixes = [Op::Wide as u8, Op::Wide as u8, LDAR, 0, 0, RET];
        assert_eq!(check(&prefixes, 1, &[]), Err(Invalid::Bad));
    }

    #[test]
    fn jumps_and_handlers_land_on_instruction_starts() {
        let jump = |t: u8| [Op::Jump as u8, t, 0, 0, 0, LDAR, 0, RET];
        assert_eq!(check(&jump(5), 1, &[]), Ok(1));
        assert_eq!(check(&jump(6), 1, &[]), Err(Invalid::Bad));
        assert_eq!(check(&jump(8), 1, &[]), Err(Invalid::Bad));
        let bc = [LDAR, 0, RET];
        assert_eq!(check(&bc, 1, &[0, 2, 2, 0]), Ok(1));
        assert_eq!(check(&bc, 1, &[0, 2, 1, 0]), Err(Invalid::Bad));
        assert_eq!(check(&bc, 1, &[0, 2, 2, 1]), Err(Invalid::Bad));
        assert_eq!(check(&bc, 1, &[0, 2, 2]), Err(Invalid::Bad));
    }
}
