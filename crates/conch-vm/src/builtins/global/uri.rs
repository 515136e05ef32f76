//! URI handling functions (§19.2.6): `encodeURI`, `encodeURIComponent`, `decodeURI`,
//! `decodeURIComponent` — the spec's Encode and Decode over UTF-16, URIError for lone
//! surrogates, malformed escapes and invalid UTF-8.

use crate::builtins::arg;
use crate::builtins::array::tick;
use crate::builtins::string::StrBuf;
use crate::convert::to_string;
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::Object;
use crate::string::{Chars, JsString};
use conch_gc::{Gc, Value};

/// uriReserved plus `#`: what `encodeURI` leaves alone besides the unreserved set, and what
/// `decodeURI` does not decode.
const RESERVED_AND_HASH: &[u8] = b";/?:@&=+$,#";

fn is_unreserved(u: u16) -> bool {
    u < 0x80 && ((u as u8).is_ascii_alphanumeric() || b"-_.!~*'()".contains(&(u as u8)))
}

fn uri_error(cx: &Cx, msg: &str) -> Throw {
    cx.throw(ErrorKind::UriError, msg)
}

/// Encode ( string, extraUnescaped ).
fn encode(cx: &mut Cx, v: Value, extra: &[u8]) -> JsResult<Value> {
    let s = to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let len = c.len();
    let mut r = StrBuf::new();
    let mut k = 0;
    while k < len {
        let u = c.at(k);
        if is_unreserved(u) || (u < 0x80 && extra.contains(&(u as u8))) {
            r.push(cx, u)?;
            k += 1;
            continue;
        }
        let cp = match u {
            0xd800..=0xdbff if k + 1 < len && (0xdc00..=0xdfff).contains(&c.at(k + 1)) => {
                let lo = c.at(k + 1);
                k += 2;
                0x10000 + ((u32::from(u) - 0xd800) << 10) + (u32::from(lo) - 0xdc00)
            }
            0xd800..=0xdfff => return Err(uri_error(cx, "URI malformed")),
            _ => {
                k += 1;
                u32::from(u)
            }
        };
        let mut bytes = [0u8; 4];
        let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
        for &b in ch.encode_utf8(&mut bytes).as_bytes() {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            r.push_ascii(cx, &[b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]])?;
        }
        tick(cx, k as u64)?;
    }
    Ok(r.finish(cx)?.to_value())
}

fn hex(u: u16) -> Option<u8> {
    match u {
        0x30..=0x39 => Some((u - 0x30) as u8),
        0x41..=0x46 => Some((u - 0x41 + 10) as u8),
        0x61..=0x66 => Some((u - 0x61 + 10) as u8),
        _ => None,
    }
}

/// The byte of the escape `%XY` at `k` (which holds `%`), or a URIError.
fn escape_byte(cx: &Cx, c: &Chars<'_>, k: usize) -> JsResult<u8> {
    if k + 2 >= c.len() {
        return Err(uri_error(cx, "URI malformed"));
    }
    match (hex(c.at(k + 1)), hex(c.at(k + 2))) {
        (Some(h), Some(l)) => Ok(h << 4 | l),
        _ => Err(uri_error(cx, "URI malformed")),
    }
}

/// Decode ( string, preserveEscapeSet ).
fn decode(cx: &mut Cx, v: Value, preserve: &[u8]) -> JsResult<Value> {
    let s = to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let len = c.len();
    let mut r = StrBuf::new();
    let mut k = 0;
    while k < len {
        tick(cx, k as u64)?;
        let u = c.at(k);
        if u != u16::from(b'%') {
            r.push(cx, u)?;
            k += 1;
            continue;
        }
        let start = k;
        let b = escape_byte(cx, &c, k)?;
        k += 2;
        let n = b.leading_ones() as usize;
        if n == 0 {
            if preserve.contains(&b) {
                for j in start..=k {
                    r.push(cx, c.at(j))?;
                }
            } else {
                r.push(cx, u16::from(b))?;
            }
            k += 1;
            continue;
        }
        if n == 1 || n > 4 {
            return Err(uri_error(cx, "URI malformed"));
        }
        let mut octets = [b, 0, 0, 0];
        if k + 3 * (n - 1) >= len {
            return Err(uri_error(cx, "URI malformed"));
        }
        for o in octets.iter_mut().take(n).skip(1) {
            k += 1;
            if c.at(k) != u16::from(b'%') {
                return Err(uri_error(cx, "URI malformed"));
            }
            *o = escape_byte(cx, &c, k)?;
            k += 2;
        }
        let Some(ch) = core::str::from_utf8(&octets[..n])
            .ok()
            .and_then(|s| s.chars().next())
        else {
            return Err(uri_error(cx, "URI malformed"));
        };
        r.push_code_point(cx, ch as u32)?;
        k += 1;
    }
    Ok(r.finish(cx)?.to_value())
}

/// `encodeURI ( uri )`.
pub(super) fn encode_uri(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    encode(cx, arg(args, 0), RESERVED_AND_HASH)
}

/// `encodeURIComponent ( uriComponent )`.
pub(super) fn encode_uri_component(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    encode(cx, arg(args, 0), b"")
}

/// `decodeURI ( encodedURI )`.
pub(super) fn decode_uri(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    decode(cx, arg(args, 0), RESERVED_AND_HASH)
}

/// `decodeURIComponent ( encodedURIComponent )`.
pub(super) fn decode_uri_component(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    decode(cx, arg(args, 0), b"")
}
