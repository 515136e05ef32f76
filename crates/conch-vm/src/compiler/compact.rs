//! The last step of a function's compilation: instructions that do nothing are removed and
//! every jump target, handler range and source position is moved to match.
//!
//! The compiler leaves such instructions where it learns too late that code it emitted is not
//! needed: a `let` whose TDZ hole nobody can observe has its hole store patched into
//! `Mov r, r` (or a `Jump` over `Nop`s), and a value stored to a register is often loaded
//! right back (`Star r; Ldar r`). Each costs a dispatch every time it runs, in loops too.
//! Removed are `Nop`, `Mov r, r`, a `Jump` to where execution falls through once the rest
//! is removed, and an `Ldar r` right after `Star r` that no jump or handler enters; and
//! `Ldar a; Star b` becomes `Mov a, b` where the next instruction sets acc without reading it.

use super::{oom, CResult};
use allocator_api2::vec::Vec;
use conch_bytecode::{decode, encode, Op, Operand, Sink};
use conch_mm::{Arena, ScratchAlloc};

/// Removes the do-nothing instructions of `code` (whole, verified instructions from the
/// compiler; the working tables are `scratch` memory, returned at the end), rewriting jump targets, `handlers` (start, end, handler, env words) and
/// `positions` (pc, source offset pairs).
pub(super) fn compact(
    scratch: &ScratchAlloc,
    code: &mut Vec<u8, &Arena>,
    handlers: &mut [u32],
    positions: &mut Vec<u32, &Arena>,
) -> CResult<()> {
    let len = code.len();
    // Instruction starts, and which instructions go.
    let mut starts: Vec<u32, ScratchAlloc> = Vec::new_in(scratch.clone());
    let mut drop: Vec<bool, ScratchAlloc> = Vec::new_in(scratch.clone());
    // Pcs entered other than by falling through (jump targets, handler entries).
    let mut entered: Vec<bool, ScratchAlloc> = Vec::new_in(scratch.clone());
    entered.try_reserve(len + 1).map_err(oom)?;
    entered.resize(len + 1, false);
    let mut any = false;
    let mut pc = 0;
    while pc < len {
        let insn = decode(code, pc).expect("compiler output decodes");
        let dead = match insn.op {
            Op::Nop => true,
            Op::Mov => insn.operands[0] == insn.operands[1],
            _ => false,
        };
        if let Some(t) = jump_target(&insn) {
            entered[t as usize] = true;
        }
        any |= dead || matches!(insn.op, Op::Jump | Op::Ldar);
        starts.try_reserve(1).map_err(oom)?;
        starts.push(pc as u32);
        drop.try_reserve(1).map_err(oom)?;
        drop.push(dead);
        pc += insn.len;
    }
    if !any {
        return Ok(());
    }
    for h in handlers.chunks(4) {
        entered[h[2] as usize] = true;
    }
    // Jumps to the next kept instruction (scanning backwards, so a run of removed
    // instructions after the jump is already known), and `Ldar r` after `Star r`.
    let n = starts.len();
    let mut next_kept = len as u32;
    for i in (0..n).rev() {
        let insn = decode(code, starts[i] as usize).expect("decodes");
        if insn.op == Op::Jump && jump_target(&insn) == Some(next_kept) {
            drop[i] = true;
        }
        if !drop[i] {
            next_kept = starts[i];
        }
    }
    // `Ldar a; Star b` whose acc value nobody reads becomes `Mov a, b` (merged[i]: the index
    // of the dropped Star whose place the Ldar at i takes; NONE if not merged).
    const NONE: u32 = u32::MAX;
    let mut merged: Vec<u32, ScratchAlloc> = Vec::new_in(scratch.clone());
    merged.try_reserve(n).map_err(oom)?;
    merged.resize(n, NONE);
    let next_kept = |drop: &[bool], from: usize| (from..n).find(|&k| !drop[k]);
    let mut last_star: Option<i64> = None;
    for i in 0..n {
        if drop[i] {
            continue;
        }
        let at = starts[i] as usize;
        let insn = decode(code, at).expect("decodes");
        if entered[at] {
            last_star = None;
        }
        if insn.op == Op::Ldar && last_star == Some(insn.operands[0]) {
            drop[i] = true;
            continue;
        }
        last_star = (insn.op == Op::Star).then_some(insn.operands[0]);
        if insn.op == Op::Ldar {
            if let Some(j) = next_kept(&drop, i + 1) {
                let star = decode(code, starts[j] as usize).expect("decodes");
                let after = next_kept(&drop, j + 1)
                    .map(|k| decode(code, starts[k] as usize).expect("decodes").op);
                if star.op == Op::Star
                    && !entered[starts[j] as usize]
                    && after.is_some_and(overwrites_acc)
                {
                    merged[i] = j as u32;
                    drop[j] = true;
                    last_star = None;
                }
            }
        }
    }
    if !drop.iter().any(|&d| d) {
        return Ok(());
    }
    // New pc of every old instruction start (a removed one: that of the next kept one).
    let mut map: Vec<u32, ScratchAlloc> = Vec::new_in(scratch.clone());
    map.try_reserve(len + 1).map_err(oom)?;
    map.resize(len + 1, 0);
    // The `Mov` of each merged pair (encoded once: sizes first, then the bytes).
    let mov_of = |code: &[u8], i: usize| -> Fixed {
        let a = decode(code, starts[i] as usize).expect("decodes").operands[0];
        let b = decode(code, starts[merged[i] as usize] as usize)
            .expect("decodes")
            .operands[0];
        let mut f = Fixed::default();
        encode(&mut f, Op::Mov, &[a, b]).expect("fits");
        f
    };
    let mut out = 0u32;
    for i in 0..n {
        // Every byte of the instruction, not only its start: a position recorded inside a
        // region `drop_dead_holes` rewrote (inside a `Jump` over `Nop`s) maps to the
        // instruction holding it, or the next kept one.
        let end = starts.get(i + 1).map_or(len, |&e| e as usize);
        map[starts[i] as usize..end].fill(out);
        if merged[i] != NONE {
            out += mov_of(code, i).len as u32;
        } else if !drop[i] {
            let end = starts.get(i + 1).map_or(len as u32, |&e| e);
            out += end - starts[i];
        }
    }
    map[len] = out;
    let mut w = 0usize;
    for i in 0..n {
        let at = starts[i] as usize;
        let end = starts.get(i + 1).map_or(len, |&e| e as usize);
        if drop[i] {
            continue;
        }
        if merged[i] != NONE {
            // The pair's bytes are read before the Mov (never longer than both) is written.
            let f = mov_of(code, i);
            code[w..w + f.len].copy_from_slice(&f.buf[..f.len]);
            w += f.len;
            continue;
        }
        let insn = decode(code, at).expect("decodes");
        code.copy_within(at..end, w);
        if let Some(t) = jump_target(&insn) {
            // Every jump instruction ends with its four-byte target.
            let nt = map[t as usize];
            code[w + (end - at) - 4..w + (end - at)].copy_from_slice(&nt.to_le_bytes());
        }
        w += end - at;
    }
    code.truncate(w);
    for h in handlers.chunks_mut(4) {
        h[0] = map[h[0] as usize];
        h[1] = map[h[1] as usize];
        h[2] = map[h[2] as usize];
    }
    // Positions: when removed instructions leave two entries at one pc, the later one (the
    // kept instruction's own) wins.
    let mut k = 0;
    let mut i = 0;
    while i + 1 < positions.len() {
        let (p, at) = (map[positions[i] as usize], positions[i + 1]);
        if k >= 2 && positions[k - 2] == p {
            positions[k - 1] = at;
        } else {
            positions[k] = p;
            positions[k + 1] = at;
            k += 2;
        }
        i += 2;
    }
    positions.truncate(k);
    Ok(())
}

/// The target of a jump instruction (its last operand).
fn jump_target(insn: &conch_bytecode::Insn) -> Option<u32> {
    let kinds = insn.op.operands();
    (kinds.last() == Some(&Operand::Jump)).then(|| insn.operands[kinds.len() - 1] as u32)
}

/// Whether `op` sets acc without reading it (so acc is dead just before it).
fn overwrites_acc(op: Op) -> bool {
    matches!(
        op,
        Op::Ldar
            | Op::LdaInt
            | Op::LdaConst
            | Op::LdaUndefined
            | Op::LdaNull
            | Op::LdaTrue
            | Op::LdaFalse
            | Op::LdaThis
            | Op::LdaEnv
            | Op::LdaGlobal
            | Op::GetNamed
            | Op::GetNamedThis
            | Op::PreInc
            | Op::PreDec
            | Op::PostInc
            | Op::PostDec
    )
}

/// A one-instruction encoding buffer.
#[derive(Default)]
struct Fixed {
    buf: [u8; 16],
    len: usize,
}

impl Sink for Fixed {
    fn extend(&mut self, bytes: &[u8]) -> Result<(), ()> {
        let end = self.len + bytes.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(())?
            .copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn patch(&mut self, at: usize, bytes: [u8; 4]) {
        self.buf[at..at + 4].copy_from_slice(&bytes);
    }
}
