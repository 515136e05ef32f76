//! Executed-instruction counts for profiling (feature `op-stats`): each instruction and each
//! pair of consecutive instructions, printed by [`dump`] to stderr. Not built by default.

use conch_bytecode::Op;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

static OPS: [AtomicU64; 256] = [const { AtomicU64::new(0) }; 256];
static PAIRS: [AtomicU64; 65536] = [const { AtomicU64::new(0) }; 65536];
static LAST: AtomicU64 = AtomicU64::new(0);

/// Counts one executed instruction (and the pair it forms with the one before).
#[inline]
pub(crate) fn count(op: u8) {
    OPS[op as usize].fetch_add(1, Relaxed);
    let last = LAST.swap(op as u64, Relaxed);
    PAIRS[(last as usize) << 8 | op as usize].fetch_add(1, Relaxed);
}

/// Prints the 60 most executed instructions and pairs.
pub fn dump() {
    let total: u64 = OPS.iter().map(|c| c.load(Relaxed)).sum();
    let name = |b: usize| Op::from_byte(b as u8).name();
    let mut ops: Vec<(u64, usize)> = (0..256).map(|i| (OPS[i].load(Relaxed), i)).collect();
    ops.sort_unstable_by(|a, b| b.cmp(a));
    eprintln!("op-stats: {total} instructions");
    for &(n, i) in ops.iter().take(60).filter(|p| p.0 > 0) {
        eprintln!(
            "{:>14} {:5.2}% {}",
            n,
            n as f64 * 100.0 / total as f64,
            name(i)
        );
    }
    let mut pairs: Vec<(u64, usize)> = (0..65536).map(|i| (PAIRS[i].load(Relaxed), i)).collect();
    pairs.sort_unstable_by(|a, b| b.cmp(a));
    eprintln!("pairs:");
    for &(n, i) in pairs.iter().take(60).filter(|p| p.0 > 0) {
        eprintln!(
            "{:>14} {:5.2}% {} {}",
            n,
            n as f64 * 100.0 / total as f64,
            name(i >> 8),
            name(i & 255)
        );
    }
}
