//! The proposal's decoding algorithms (FromBase64, FromHex) and the encoders, over UTF-16
//! input and into a byte sink, so they run twice without storage of their own: once to
//! count (and find the error), once to write into the typed array's memory.

use crate::string::Chars;

/// Why decoding stopped early (the spec's `[[Error]]`, always a SyntaxError).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DecodeError {
    /// A character outside the alphabet, or misplaced padding.
    BadCharacter,
    /// An incomplete or over-long final chunk, or non-zero padding bits in strict mode.
    BadChunk,
    /// An odd number of hex digits.
    OddLength,
}

/// The result of FromBase64 / FromHex: characters consumed, bytes produced, the error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decoded {
    pub read: usize,
    pub written: usize,
    pub error: Option<DecodeError>,
}

/// `lastChunkHandling`.
#[derive(Clone, Copy, PartialEq)]
pub enum LastChunk {
    Loose,
    Strict,
    StopBeforePartial,
}

fn is_ws(c: u16) -> bool {
    matches!(c, 0x09 | 0x0a | 0x0c | 0x0d | 0x20)
}

fn skip_ws(s: &Chars, mut i: usize) -> usize {
    while i < s.len() && is_ws(s.at(i)) {
        i += 1;
    }
    i
}

/// The 6-bit value of a standard-alphabet character.
fn sextet(c: u16) -> Option<u32> {
    Some(match c {
        0x41..=0x5a => c - 0x41,
        0x61..=0x7a => c - 0x61 + 26,
        0x30..=0x39 => c - 0x30 + 52,
        0x2b => 62,
        0x2f => 63,
        _ => return None,
    } as u32)
}

/// `FromBase64(string, alphabet, lastChunkHandling, maxLength)`; every decoded byte goes to
/// `out` in order.
pub fn from_base64(
    s: &Chars,
    url: bool,
    last: LastChunk,
    max: usize,
    out: &mut dyn FnMut(u8),
) -> Decoded {
    let mut written = 0usize;
    let mut emit = |b: u8, w: &mut usize| {
        out(b);
        *w += 1;
    };
    let done = |read, written, error| Decoded {
        read,
        written,
        error,
    };
    if max == 0 {
        return done(0, 0, None);
    }
    let (mut read, mut chunk, mut chunk_len, mut i) = (0usize, 0u32, 0usize, 0usize);
    let len = s.len();
    // DecodeFinalBase64Chunk: the 2 or 3 characters of `chunk` (left-aligned in 24 bits).
    let final_chunk = |chunk: u32, n: usize, strict: bool| -> Result<(u8, Option<u8>), ()> {
        let bits = chunk << (6 * (4 - n));
        let (b0, b1, b2) = ((bits >> 16) as u8, (bits >> 8) as u8, bits as u8);
        if n == 2 {
            if strict && b1 != 0 {
                return Err(());
            }
            Ok((b0, None))
        } else {
            if strict && b2 != 0 {
                return Err(());
            }
            Ok((b0, Some(b1)))
        }
    };
    loop {
        i = skip_ws(s, i);
        if i == len {
            if chunk_len > 0 {
                match last {
                    LastChunk::StopBeforePartial => return done(read, written, None),
                    LastChunk::Loose => {
                        if chunk_len == 1 {
                            return done(read, written, Some(DecodeError::BadChunk));
                        }
                        let (b0, b1) = final_chunk(chunk, chunk_len, false).unwrap_or((0, None));
                        emit(b0, &mut written);
                        if let Some(b1) = b1 {
                            emit(b1, &mut written);
                        }
                    }
                    LastChunk::Strict => {
                        return done(read, written, Some(DecodeError::BadChunk));
                    }
                }
            }
            return done(len, written, None);
        }
        let mut c = s.at(i);
        i += 1;
        if c == b'=' as u16 {
            if chunk_len < 2 {
                return done(read, written, Some(DecodeError::BadCharacter));
            }
            i = skip_ws(s, i);
            if chunk_len == 2 {
                if i == len {
                    if last == LastChunk::StopBeforePartial {
                        return done(read, written, None);
                    }
                    return done(read, written, Some(DecodeError::BadChunk));
                }
                if s.at(i) == b'=' as u16 {
                    i = skip_ws(s, i + 1);
                }
            }
            if i < len {
                return done(read, written, Some(DecodeError::BadCharacter));
            }
            match final_chunk(chunk, chunk_len, last == LastChunk::Strict) {
                Ok((b0, b1)) => {
                    emit(b0, &mut written);
                    if let Some(b1) = b1 {
                        emit(b1, &mut written);
                    }
                }
                Err(()) => return done(read, written, Some(DecodeError::BadChunk)),
            }
            return done(len, written, None);
        }
        if url {
            if c == b'+' as u16 || c == b'/' as u16 {
                return done(read, written, Some(DecodeError::BadCharacter));
            } else if c == b'-' as u16 {
                c = b'+' as u16;
            } else if c == b'_' as u16 {
                c = b'/' as u16;
            }
        }
        let Some(v) = sextet(c) else {
            return done(read, written, Some(DecodeError::BadCharacter));
        };
        let remaining = max - written;
        if (remaining == 1 && chunk_len == 2) || (remaining == 2 && chunk_len == 3) {
            return done(read, written, None);
        }
        chunk = (chunk << 6) | v;
        chunk_len += 1;
        if chunk_len == 4 {
            emit((chunk >> 16) as u8, &mut written);
            emit((chunk >> 8) as u8, &mut written);
            emit(chunk as u8, &mut written);
            chunk = 0;
            chunk_len = 0;
            read = i;
            if written == max {
                return done(read, written, None);
            }
        }
    }
}

fn hexit(c: u16) -> Option<u8> {
    Some(match c {
        0x30..=0x39 => c - 0x30,
        0x41..=0x46 => c - 0x41 + 10,
        0x61..=0x66 => c - 0x61 + 10,
        _ => return None,
    } as u8)
}

/// `FromHex(string, maxLength)`.
pub fn from_hex(s: &Chars, max: usize, out: &mut dyn FnMut(u8)) -> Decoded {
    let len = s.len();
    if !len.is_multiple_of(2) {
        return Decoded {
            read: 0,
            written: 0,
            error: Some(DecodeError::OddLength),
        };
    }
    let (mut read, mut written) = (0, 0);
    while read < len && written < max {
        let (Some(hi), Some(lo)) = (hexit(s.at(read)), hexit(s.at(read + 1))) else {
            return Decoded {
                read,
                written,
                error: Some(DecodeError::BadCharacter),
            };
        };
        read += 2;
        out(hi << 4 | lo);
        written += 1;
    }
    Decoded {
        read,
        written,
        error: None,
    }
}

const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Length of the base64 text of `n` bytes.
pub fn base64_len(n: usize, pad: bool) -> Option<usize> {
    if pad {
        n.div_ceil(3).checked_mul(4)
    } else {
        (n / 3).checked_mul(4)?.checked_add(match n % 3 {
            0 => 0,
            1 => 2,
            _ => 3,
        })
    }
}

/// Character `i` of the base64 text of the bytes `byte(j)` gives (`None` past the end).
pub fn base64_at(byte: impl Fn(usize) -> Option<u8>, url: bool, i: usize) -> u16 {
    let table = if url { URL } else { STD };
    let (group, k) = (i / 4, i % 4);
    let at = |j: usize| byte(group * 3 + j);
    let Some(b0) = at(0) else {
        return b'=' as u16;
    };
    let (b1, b2) = (at(1), at(2));
    let v = match k {
        0 => b0 >> 2,
        1 => (b0 & 3) << 4 | b1.unwrap_or(0) >> 4,
        2 => match b1 {
            None => return b'=' as u16,
            Some(b1) => (b1 & 15) << 2 | b2.unwrap_or(0) >> 6,
        },
        _ => match b2 {
            None => return b'=' as u16,
            Some(b2) => b2 & 63,
        },
    };
    table[v as usize] as u16
}

/// Character `i` of the lowercase hex text of the bytes `byte(j)` gives.
pub fn hex_at(byte: impl Fn(usize) -> u8, i: usize) -> u16 {
    let b = byte(i / 2);
    let d = if i.is_multiple_of(2) { b >> 4 } else { b & 15 };
    b"0123456789abcdef"[d as usize] as u16
}
