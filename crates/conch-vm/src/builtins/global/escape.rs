//! Annex B.2.1 `escape` and `unescape`: the legacy `%XX` / `%uXXXX` encoding.

use crate::builtins::arg;
use crate::builtins::string::StrBuf;
use crate::convert::to_string;
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::string::JsString;
use conch_gc::{Gc, Value};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `escape(string)` (B.2.1.1): everything but `A–Z a–z 0–9 @*_+-./` as `%XX` or `%uXXXX`.
pub(super) fn escape(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let s = to_string(cx, arg(args, 0))?;
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let mut r = StrBuf::new();
    for u in c.units() {
        if u < 0x80 && ((u as u8).is_ascii_alphanumeric() || b"@*_+-./".contains(&(u as u8))) {
            r.push(cx, u)?;
        } else if u < 0x100 {
            r.push_ascii(cx, &[b'%', HEX[(u >> 4) as usize], HEX[(u & 15) as usize]])?;
        } else {
            r.push_ascii(
                cx,
                &[
                    b'%',
                    b'u',
                    HEX[(u >> 12) as usize],
                    HEX[((u >> 8) & 15) as usize],
                    HEX[((u >> 4) & 15) as usize],
                    HEX[(u & 15) as usize],
                ],
            )?;
        }
    }
    Ok(r.finish(cx)?.to_value())
}

fn hex(u: u16) -> Option<u16> {
    (u < 0x80).then_some(())?;
    (u as u8 as char).to_digit(16).map(|d| d as u16)
}

/// `unescape(string)` (B.2.1.2): `%uXXXX` and `%XX` decoded, anything else kept.
pub(super) fn unescape(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let s = to_string(cx, arg(args, 0))?;
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let len = c.len();
    let mut r = StrBuf::new();
    let mut k = 0;
    while k < len {
        let mut u = c.at(k);
        if u == u16::from(b'%') {
            let digits = |from: usize, n: usize| -> Option<u16> {
                (from + n <= len).then_some(())?;
                (from..from + n).try_fold(0u16, |acc, i| Some(acc * 16 + hex(c.at(i))?))
            };
            if k + 6 <= len && c.at(k + 1) == u16::from(b'u') {
                if let Some(v) = digits(k + 2, 4) {
                    u = v;
                    k += 5;
                }
            } else if let Some(v) = digits(k + 1, 2) {
                u = v;
                k += 2;
            }
        }
        r.push(cx, u)?;
        k += 1;
    }
    Ok(r.finish(cx)?.to_value())
}
