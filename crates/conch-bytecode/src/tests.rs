use super::*;

struct Buf(Vec<u8>);

impl Sink for Buf {
    fn extend(&mut self, bytes: &[u8]) -> Result<(), ()> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }
    fn bytes(&self) -> &[u8] {
        &self.0
    }
    fn patch(&mut self, at: usize, bytes: [u8; 4]) {
        self.0[at..at + 4].copy_from_slice(&bytes);
    }
}

fn sample(k: Operand, scale: i64) -> i64 {
    match k {
        Operand::Imm => -3 * scale,
        Operand::Jump => 70_000,
        _ => 5 * scale,
    }
}

#[test]
fn every_instruction_round_trips_at_every_width() {
    for &scale in &[1i64, 100, 100_000] {
        let mut b = Buf(Vec::new());
        let mut expect = Vec::new();
        for &op in Op::ALL {
            if op == Op::Wide || op == Op::ExtraWide {
                continue;
            }
            let ops: Vec<i64> = op.operands().iter().map(|&k| sample(k, scale)).collect();
            let e = encode(&mut b, op, &ops).unwrap();
            expect.push((e.start, op, ops));
        }
        let mut pc = 0;
        for (start, op, ops) in expect {
            assert_eq!(pc, start);
            let insn = decode(&b.0, pc).unwrap();
            assert_eq!(insn.op, op);
            assert_eq!(&insn.operands[..ops.len()], &ops[..]);
            let scalable = op.operands().iter().any(|&k| k != Operand::Jump);
            let w = match scale {
                1 => Width::Narrow,
                100 => Width::Narrow,
                _ => Width::ExtraWide,
            };
            if scalable {
                // -300 needs two bytes, 500 too.
                let w = if scale == 100 { Width::Wide } else { w };
                assert_eq!(insn.width, w, "{}", op.name());
            }
            pc += insn.len;
        }
        assert_eq!(pc, b.0.len());
    }
}

#[test]
fn width_is_the_narrowest_that_fits() {
    let mut b = Buf(Vec::new());
    encode(&mut b, Op::LdaInt, &[127]).unwrap();
    encode(&mut b, Op::LdaInt, &[128]).unwrap();
    encode(&mut b, Op::LdaInt, &[-129]).unwrap();
    encode(&mut b, Op::Ldar, &[255]).unwrap();
    encode(&mut b, Op::Ldar, &[256]).unwrap();
    encode(&mut b, Op::LdaConst, &[70_000]).unwrap();
    assert_eq!(
        b.0,
        vec![
            Op::LdaInt as u8,
            127, //
            Op::Wide as u8,
            Op::LdaInt as u8,
            128,
            0, //
            Op::Wide as u8,
            Op::LdaInt as u8,
            0x7f,
            0xff, //
            Op::Ldar as u8,
            255, //
            Op::Wide as u8,
            Op::Ldar as u8,
            0,
            1, //
            Op::ExtraWide as u8,
            Op::LdaConst as u8,
            0x70,
            0x11,
            1,
            0,
        ]
    );
}

#[test]
fn jumps_are_patched_in_place() {
    let mut b = Buf(Vec::new());
    let j = encode(&mut b, Op::JumpIfFalse, &[0]).unwrap();
    encode(&mut b, Op::LdaTrue, &[]).unwrap();
    let end = b.0.len() as u32;
    patch_jump(&mut b, j.jump_at.unwrap(), end);
    let insn = decode(&b.0, 0).unwrap();
    assert_eq!(insn.operands[0], end as i64);
    assert_eq!(insn.len, 5);
}

#[test]
fn truncated_and_unknown_bytes_do_not_decode() {
    assert!(decode(&[Op::LdaConst as u8], 0).is_none());
    assert!(decode(&[Op::Wide as u8, Op::Wide as u8, 0], 0).is_none());
    assert!(decode(&[255], 0).is_none());
    assert!(decode(&[], 0).is_none());
}

#[test]
fn disassembly_prints_operands_by_kind() {
    let mut b = Buf(Vec::new());
    encode(&mut b, Op::GetNamed, &[1, 3, 0]).unwrap();
    encode(&mut b, Op::LdaInt, &[-1]).unwrap();
    encode(&mut b, Op::Jump, &[0]).unwrap();
    encode(&mut b, Op::Return, &[]).unwrap();
    let mut s = String::new();
    disassemble(&mut s, &b.0, &mut |i| Some(format!("\"k{i}\""))).unwrap();
    assert_eq!(
        s,
        "      0  GetNamed r1, [3] \"k3\", {0}\n      4  LdaInt #-1\n      6  Jump @0\n     11  Return\n"
    );
}

#[test]
fn opcodes_fit_one_byte() {
    assert!(Op::ALL.len() <= 256);
    for (i, &op) in Op::ALL.iter().enumerate() {
        assert_eq!(op as usize, i);
        assert_eq!(Op::from_u8(i as u8), Some(op));
    }
}
