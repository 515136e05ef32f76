//! `atob` and `btoa`, the HTML standard's base64 functions that node and browsers put on the
//! global object (scripts use them to encode small strings).

use conch_gc::{Gc, Value};
use conch_vm::{convert, ops, Chars, Cx, ErrorKind, JsResult, JsString, Object, Throw};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A thrown error named like node's DOMException (there is no DOMException here).
fn invalid_character(cx: &mut Cx, message: &str) -> Throw {
    let t = cx.throw(ErrorKind::Error, message);
    let Throw::Value(v) = t else { return t };
    let Some(o) = Object::from_value(v) else {
        return t;
    };
    let named = (|| -> JsResult<()> {
        let k = cx.rt.key("name")?;
        let n = cx.string("InvalidCharacterError")?;
        let d = ops::PropertyDescriptor::data(n.to_value(), conch_vm::attrs::HIDDEN);
        ops::define_property_or_throw(cx, o, k, &d)
    })();
    match named {
        Ok(()) => t,
        Err(e) => e,
    }
}

/// The code units of `ToString(v)`.
fn units(cx: &mut Cx, v: Value) -> JsResult<Vec<u16>> {
    let s = convert::to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(match s.chars() {
        Chars::One(b) => b.iter().map(|&c| u16::from(c)).collect(),
        Chars::Two(w) => w.to_vec(),
    })
}

/// `btoa(data)`: base64 of a string of Latin-1 characters.
pub fn btoa(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if args.is_empty() {
        return Err(cx.type_error("The \"input\" argument must be specified"));
    }
    let u = units(cx, args[0])?;
    let mut bytes = Vec::with_capacity(u.len());
    for c in u {
        match u8::try_from(c) {
            Ok(b) => bytes.push(b),
            Err(_) => return Err(invalid_character(cx, "Invalid character")),
        }
    }
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i)) as usize & 63]
            } else {
                b'='
            });
        }
    }
    Ok(JsString::from_latin1(cx.heap(), &out)?.to_value())
}

/// `atob(data)`: the forgiving-base64 decode of a string, as a string of Latin-1 characters.
pub fn atob(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if args.is_empty() {
        return Err(cx.type_error("The \"input\" argument must be specified"));
    }
    // Node's checks (simdutf's forgiving base64) and messages: ASCII white space is ignored;
    // at most two trailing '=' that complete a group of four; one character left over is its
    // own error.
    let s: Vec<u16> = units(cx, args[0])?
        .into_iter()
        .filter(|&c| !matches!(c, 0x09 | 0x0a | 0x0c | 0x0d | 0x20))
        .collect();
    let eq = s
        .iter()
        .rev()
        .take_while(|&&c| c == u16::from(b'='))
        .count();
    let s = &s[..s.len() - eq];
    let in_alphabet = |c: u16| u8::try_from(c).is_ok_and(|b| ALPHABET.contains(&b));
    if eq > 2 || !s.iter().all(|&c| in_alphabet(c)) {
        return Err(invalid_character(cx, "Invalid character"));
    }
    if s.len() % 4 == 1 {
        return Err(invalid_character(
            cx,
            "The string to be decoded is not correctly encoded.",
        ));
    }
    if eq > 0 && !(s.len() + eq).is_multiple_of(4) {
        return Err(invalid_character(cx, "Invalid character"));
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for &c in s {
        let v = u8::try_from(c)
            .ok()
            .and_then(|b| ALPHABET.iter().position(|&a| a == b))
            .unwrap_or(0);
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(JsString::from_latin1(cx.heap(), &out)?.to_value())
}
