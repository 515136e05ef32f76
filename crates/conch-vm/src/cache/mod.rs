//! The bytecode cache: a script's compiled code as bytes (JsRT's `JsSerializeScript`,
//! `JsSerialize`), and back (`JsRunSerialized*`, `JsParseSerialized*`) without parsing or
//! compiling the source.
//!
//! # Format (version [`FORMAT_VERSION`], all integers little-endian)
//!
//! ```text
//! header (56 bytes)
//!   0  magic             "ConchBC\0"
//!   8  format version    u32
//!   12 total length      u32   (the whole buffer, header included)
//!   16 engine identity   u64   (see `engine_identity`: crate version, format version and
//!                                the instruction table; a foreign build's buffer is refused)
//!   24 checksum          u64   (FNV-1a of bytes 32..total)
//!   32 source length     u64   (UTF-8 bytes of the source the code was compiled from)
//!   40 source hash       u64   (FNV-1a of that UTF-8 text: a lazily loaded source must match)
//!   48 header check      u64   (FNV-1a of bytes 0..24 and 32..48: the pointer-only JsRT APIs
//!                                learn the length from the header, so it is checked before
//!                                anything past the header is read)
//! payload
//!   u32 n; n × (u32 byte offset, u32 line, u32 column)  the source positions the code uses,
//!                                                       strictly increasing offsets
//!   u32 n; n × code                                     children before parents; the last
//!                                                       one is the script's top level
//! code
//!   u32 flags, registers, params, length, span start, span end, feedback slots
//!   value name
//!   u32 n; n bytes        bytecode
//!   u32 n; n × u32        handler table (four words per handler)
//!   u32 n; n × u32        position table ((pc, source offset) pairs)
//!   u32 n; n × value      constant pool
//! value: a tag byte, then
//!   undefined, null, true, false, hole: nothing    int: i32    double: f64 bits
//!   string/atom: u32 length, then Latin-1 bytes or UTF-16 units (by tag); atoms are re-interned
//!   bigint: u8 sign, u32 n, n × u64 limbs (least significant first)
//!   code: u32 index of an earlier code
//!   array: u32 n, n × value          (the compiler's declaration lists, eval-site descriptors)
//!   template: u32 n, n × (value cooked, value raw)   (a tagged template's frozen strings)
//! ```
//!
//! Everything is copied out of the buffer while reading ([`read::deserialize`]), into GC cells:
//! the host's buffer is not referenced afterwards. The reader checks every length against the
//! bytes left before allocating, every index, every tag, and verifies each function's bytecode
//! (whole instructions; register, constant and feedback operands in range; jump and handler
//! targets on instruction boundaries; a final `Return`), so a truncated, corrupted or foreign
//! buffer is [`CacheError::Bad`], never a crash. A malicious buffer with a recomputed checksum
//! that passes these checks can still make code misbehave (e.g. a descriptor array of the wrong
//! shape makes the operation using it fail), not corrupt memory.

pub mod read;
#[cfg(test)]
mod tests;
pub mod write;

use crate::cx::Throw;
use crate::string::Chars;
use conch_bytecode::{Op, Operand};
use conch_gc::{Gc, GcArray};

pub use read::{declared_length, deserialize};
pub use write::serialize;

/// The magic bytes.
pub const MAGIC: [u8; 8] = *b"ConchBC\0";
/// The format version (bump on any change of the layout or of what the code means).
pub const FORMAT_VERSION: u32 = 1;
/// The header's size.
pub const HEADER: usize = 56;

/// Why a cache operation failed.
#[derive(Debug)]
pub enum CacheError {
    /// The buffer is not one this engine build made, or it is damaged.
    Bad,
    /// The code holds something the format cannot represent.
    Unsupported,
    /// Out of memory, or another engine throw.
    Throw(Throw),
}

impl From<Throw> for CacheError {
    fn from(t: Throw) -> Self {
        CacheError::Throw(t)
    }
}

impl From<conch_gc::OutOfMemory> for CacheError {
    fn from(_: conch_gc::OutOfMemory) -> Self {
        CacheError::Throw(Throw::OutOfMemory)
    }
}

/// Value tags.
mod tag {
    pub const UNDEFINED: u8 = 0;
    pub const NULL: u8 = 1;
    pub const TRUE: u8 = 2;
    pub const FALSE: u8 = 3;
    pub const INT: u8 = 4;
    pub const DOUBLE: u8 = 5;
    pub const STRING1: u8 = 6;
    pub const STRING2: u8 = 7;
    pub const ATOM1: u8 = 8;
    pub const ATOM2: u8 = 9;
    pub const BIGINT: u8 = 10;
    pub const CODE: u8 = 11;
    pub const ARRAY: u8 = 12;
    pub const TEMPLATE: u8 = 13;
    pub const HOLE: u8 = 14;
}

/// FNV-1a, 64 bits.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(mut self, b: &[u8]) -> Fnv {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
}

/// The checksum of a payload.
fn checksum(b: &[u8]) -> u64 {
    Fnv::new().bytes(b).0
}

/// The header check of a header (`h` holds at least [`HEADER`] bytes).
fn header_check(h: &[u8]) -> u64 {
    Fnv::new().bytes(&h[0..24]).bytes(&h[32..48]).0
}

/// This build's identity: the crate version, the format version and the instruction table
/// (names and operand layouts), so a buffer from an engine whose bytecode differs is refused.
pub fn engine_identity() -> u64 {
    let mut h = Fnv::new()
        .bytes(env!("CARGO_PKG_VERSION").as_bytes())
        .bytes(&FORMAT_VERSION.to_le_bytes());
    for op in Op::ALL {
        h = h.bytes(op.name().as_bytes()).bytes(&[0xff]);
        for k in op.operands() {
            let b = match k {
                Operand::Reg => 1u8,
                Operand::Const => 2,
                Operand::Count => 3,
                Operand::Imm => 4,
                Operand::Slot => 5,
                Operand::Jump => 6,
            };
            h = h.bytes(&[b]);
        }
    }
    h.0
}

/// The UTF-8 length and FNV-1a hash of a source text (as the parser saw it: UTF-8, each
/// surrogate pair one 4-byte sequence, a lone surrogate its 3-byte WTF-8 form).
pub fn source_fingerprint(c: Chars) -> (u64, u64) {
    let (mut len, mut h) = (0u64, Fnv::new());
    let n = c.len();
    let mut i = 0;
    while i < n {
        let u = c.at(i) as u32;
        let cp = if (0xD800..0xDC00).contains(&u)
            && i + 1 < n
            && (0xDC00..0xE000).contains(&(c.at(i + 1) as u32))
        {
            let lo = c.at(i + 1) as u32;
            i += 1;
            0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            u
        };
        i += 1;
        let mut buf = [0u8; 4];
        let k = encode_wtf8(cp, &mut buf);
        h = h.bytes(&buf[..k]);
        len += k as u64;
    }
    (len, h.0)
}

fn encode_wtf8(cp: u32, b: &mut [u8; 4]) -> usize {
    if cp < 0x80 {
        b[0] = cp as u8;
        1
    } else if cp < 0x800 {
        b[0] = 0xC0 | (cp >> 6) as u8;
        b[1] = 0x80 | (cp & 0x3F) as u8;
        2
    } else if cp < 0x10000 {
        b[0] = 0xE0 | (cp >> 12) as u8;
        b[1] = 0x80 | ((cp >> 6) & 0x3F) as u8;
        b[2] = 0x80 | (cp & 0x3F) as u8;
        3
    } else {
        b[0] = 0xF0 | (cp >> 18) as u8;
        b[1] = 0x80 | ((cp >> 12) & 0x3F) as u8;
        b[2] = 0x80 | ((cp >> 6) & 0x3F) as u8;
        b[3] = 0x80 | (cp & 0x3F) as u8;
        4
    }
}

/// (line, column) of source offset `at` from a cached script's line table: the entry for the
/// last recorded offset at or before `at` (columns advanced by the distance, which is exact
/// for the offsets the code records and a close guess otherwise).
pub fn lookup_line(t: Gc<GcArray<u32>>, at: u32) -> (u32, u32) {
    let n = t.len() / 3;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if t.get(mid * 3).unwrap_or(0) <= at {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if lo == 0 {
        return (1, 1);
    }
    let i = (lo - 1) * 3;
    let (off, line, col) = (
        t.get(i).unwrap_or(0),
        t.get(i + 1).unwrap_or(1),
        t.get(i + 2).unwrap_or(1),
    );
    (line, col.saturating_add(at - off))
}
