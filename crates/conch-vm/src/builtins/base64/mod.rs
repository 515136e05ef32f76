//! `Uint8Array` to and from base64 and hex (ECMA-262 2026, the arraybuffer-base64 proposal):
//! `Uint8Array.fromBase64`, `Uint8Array.fromHex`, and `Uint8Array.prototype.toBase64`,
//! `toHex`, `setFromBase64`, `setFromHex`. The algorithms are in `codec`; decoding runs
//! once to count and once to write, straight into the typed array's (accounted) buffer, and
//! encoding writes straight into the result string, so nothing here holds storage.

mod codec;
#[cfg(test)]
mod tests;

use super::typed_array::{allocate, default_proto, elements, is_immutable, is_out_of_bounds};
use super::{arg, method};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::host::ElementType;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::string::{JsString, MAX_LENGTH};
use codec::{DecodeError, Decoded, LastChunk};
use conch_gc::{Gc, Value};

type R = JsResult<Value>;

/// A decoding run that sends its bytes to the sink it is given.
type Decode<'a> = dyn Fn(&mut dyn FnMut(u8)) -> Decoded + 'a;

/// `ValidateUint8Array(ta)` (`write`: not over an immutable buffer).
fn validate_u8(cx: &Cx, v: Value, what: &str, write: bool) -> JsResult<Gc<Object>> {
    let o = Object::from_value(v).filter(|o| {
        o.class() == ObjectClass::TypedArray && super::typed_array::kind_of(o) == ElementType::Uint8
    });
    let Some(o) = o else {
        let mut buf = [0u8; 96];
        let msg = super::array::format_into(&mut buf, &[what, ": this is not a Uint8Array"]);
        return Err(cx.type_error(msg));
    };
    if write && is_immutable(&o) {
        let mut buf = [0u8; 96];
        let msg = super::array::format_into(&mut buf, &[what, ": the buffer is immutable"]);
        return Err(cx.type_error(msg));
    }
    Ok(o)
}

/// The string argument (a String, or a TypeError), flattened.
fn string_arg(cx: &Cx, v: Value, what: &str) -> JsResult<Gc<JsString>> {
    let Some(s) = JsString::from_value(v) else {
        let mut buf = [0u8; 96];
        let msg = super::array::format_into(&mut buf, &[what, ": the input is not a string"]);
        return Err(cx.type_error(msg));
    };
    Ok(JsString::flatten(cx.heap(), s)?)
}

/// `GetOptionsObject(options)`: `None` for undefined (every option then reads undefined).
fn options(cx: &Cx, v: Value) -> JsResult<Option<Gc<Object>>> {
    if v.is_undefined() {
        return Ok(None);
    }
    match Object::from_value(v) {
        Some(o) => Ok(Some(o)),
        None => Err(cx.type_error("The options argument must be an object")),
    }
}

fn get_option(cx: &mut Cx, opts: Option<Gc<Object>>, name: &str) -> R {
    match opts {
        None => Ok(Value::UNDEFINED),
        Some(o) => {
            let k = cx.rt.key(name)?;
            ops::get(cx, o, k, o.to_value())
        }
    }
}

/// Whether the option value is the string `text`.
fn is_text(v: Value, text: &str) -> bool {
    JsString::from_value(v).is_some_and(|s| s.try_chars().is_some_and(|c| c.eq_ascii(text)))
}

/// The `alphabet` option: `true` for "base64url".
fn alphabet(cx: &mut Cx, opts: Option<Gc<Object>>) -> JsResult<bool> {
    let v = get_option(cx, opts, "alphabet")?;
    if v.is_undefined() || is_text(v, "base64") {
        return Ok(false);
    }
    if is_text(v, "base64url") {
        return Ok(true);
    }
    Err(cx.type_error("The alphabet option must be \"base64\" or \"base64url\""))
}

/// The `lastChunkHandling` option.
fn last_chunk(cx: &mut Cx, opts: Option<Gc<Object>>) -> JsResult<LastChunk> {
    let v = get_option(cx, opts, "lastChunkHandling")?;
    if v.is_undefined() || is_text(v, "loose") {
        Ok(LastChunk::Loose)
    } else if is_text(v, "strict") {
        Ok(LastChunk::Strict)
    } else if is_text(v, "stop-before-partial") {
        Ok(LastChunk::StopBeforePartial)
    } else {
        Err(cx.type_error(
            "The lastChunkHandling option must be \"loose\", \"strict\" or \"stop-before-partial\"",
        ))
    }
}

fn decode_error(cx: &Cx, e: DecodeError) -> Throw {
    cx.throw(
        ErrorKind::SyntaxError,
        match e {
            DecodeError::BadCharacter => "Invalid character in the encoded input",
            DecodeError::BadChunk => "Invalid or incomplete final chunk in the base64 input",
            DecodeError::OddLength => "A hex string must have an even length",
        },
    )
}

/// Runs `decode` once to count, allocates a Uint8Array of that length, and runs it again
/// into its memory.
fn decode_new(cx: &mut Cx, decode: &Decode) -> R {
    let r = decode(&mut |_| {});
    if let Some(e) = r.error {
        return Err(decode_error(cx, e));
    }
    let proto = default_proto(cx, ElementType::Uint8)?;
    let ta = allocate(cx, ElementType::Uint8, proto, r.written as u64)?;
    write_into(&ta, r.written, decode);
    Ok(ta.to_value())
}

/// Runs `decode` into the first `max` bytes of `ta` (its live storage, which decoding cannot
/// change: it runs no script).
fn write_into(ta: &Object, max: usize, decode: &Decode) {
    let e = elements(ta).expect("typed array");
    let (p, n) = (e.data as *mut u8, (e.length as usize).min(max));
    let mut k = 0;
    decode(&mut |b| {
        if k < n {
            // SAFETY: `k < n` bytes of the view's live storage.
            unsafe { *p.add(k) = b };
            k += 1;
        }
    });
}

fn from_base64(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let s = string_arg(cx, arg(args, 0), "Uint8Array.fromBase64")?;
    let opts = options(cx, arg(args, 1))?;
    let url = alphabet(cx, opts)?;
    let last = last_chunk(cx, opts)?;
    let chars = s.chars();
    decode_new(cx, &|out| {
        codec::from_base64(&chars, url, last, usize::MAX, out)
    })
}

fn from_hex(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let s = string_arg(cx, arg(args, 0), "Uint8Array.fromHex")?;
    let chars = s.chars();
    decode_new(cx, &|out| codec::from_hex(&chars, usize::MAX, out))
}

/// `{ read, written }`.
fn read_written(cx: &mut Cx, r: Decoded) -> R {
    let o = cx.new_object()?;
    let k = cx.rt.key("read")?;
    ops::create_data_property(cx, o, k, Value::number(r.read as f64))?;
    let k = cx.rt.key("written")?;
    ops::create_data_property(cx, o, k, Value::number(r.written as f64))?;
    Ok(o.to_value())
}

/// The target's length, or a TypeError when it is detached or out of bounds.
fn target_len(cx: &Cx, ta: &Object, what: &str) -> JsResult<usize> {
    if is_out_of_bounds(ta) {
        let mut buf = [0u8; 96];
        let msg = super::array::format_into(
            &mut buf,
            &[what, ": the buffer is detached or the view out of bounds"],
        );
        return Err(cx.type_error(msg));
    }
    Ok(elements(ta).map_or(0, |e| e.length as usize))
}

fn set_from_base64(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let what = "Uint8Array.prototype.setFromBase64";
    let ta = validate_u8(cx, this, what, true)?;
    let s = string_arg(cx, arg(args, 0), what)?;
    let opts = options(cx, arg(args, 1))?;
    let url = alphabet(cx, opts)?;
    let last = last_chunk(cx, opts)?;
    let max = target_len(cx, &ta, what)?;
    let chars = s.chars();
    let decode = |out: &mut dyn FnMut(u8)| codec::from_base64(&chars, url, last, max, out);
    let r = decode(&mut |_| {});
    write_into(&ta, r.written, &decode);
    if let Some(e) = r.error {
        return Err(decode_error(cx, e));
    }
    read_written(cx, r)
}

fn set_from_hex(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let what = "Uint8Array.prototype.setFromHex";
    let ta = validate_u8(cx, this, what, true)?;
    let s = string_arg(cx, arg(args, 0), what)?;
    let max = target_len(cx, &ta, what)?;
    let chars = s.chars();
    let decode = |out: &mut dyn FnMut(u8)| codec::from_hex(&chars, max, out);
    let r = decode(&mut |_| {});
    write_into(&ta, r.written, &decode);
    if let Some(e) = r.error {
        return Err(decode_error(cx, e));
    }
    read_written(cx, r)
}

/// The bytes of a Uint8Array (GetUint8ArrayBytes), valid until script runs. Read one by one
/// through the raw pointer, never as a slice: over a SharedArrayBuffer, other threads may
/// write them meanwhile.
struct Bytes {
    data: usize,
    len: usize,
}

impl Bytes {
    fn get(&self, i: usize) -> Option<u8> {
        // SAFETY: `i < len` bytes of the view's live storage; the callers only read them
        // while building the result string, which runs no script and cannot move the buffer.
        (i < self.len).then(|| unsafe { ((self.data + i) as *const u8).read() })
    }
}

fn bytes_of(cx: &Cx, ta: &Object, what: &str) -> JsResult<Bytes> {
    let len = target_len(cx, ta, what)?;
    let e = elements(ta).expect("typed array");
    Ok(Bytes { data: e.data, len })
}

fn string_of(cx: &Cx, len: Option<usize>, fill: impl FnMut(usize) -> u16) -> R {
    match len.filter(|&n| n <= MAX_LENGTH) {
        Some(n) => Ok(JsString::build_utf16(cx.heap(), n, true, fill)?.to_value()),
        None => Err(cx.range_error("Invalid string length")),
    }
}

fn to_base64(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let what = "Uint8Array.prototype.toBase64";
    let ta = validate_u8(cx, this, what, false)?;
    let opts = options(cx, arg(args, 0))?;
    let url = alphabet(cx, opts)?;
    let omit = crate::convert::to_boolean(get_option(cx, opts, "omitPadding")?);
    let bytes = bytes_of(cx, &ta, what)?;
    string_of(cx, codec::base64_len(bytes.len, !omit), |i| {
        codec::base64_at(|j| bytes.get(j), url, i)
    })
}

fn to_hex(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let what = "Uint8Array.prototype.toHex";
    let ta = validate_u8(cx, this, what, false)?;
    let bytes = bytes_of(cx, &ta, what)?;
    string_of(cx, bytes.len.checked_mul(2), |i| {
        codec::hex_at(|j| bytes.get(j).unwrap_or(0), i)
    })
}

/// `Uint8Array.fromBase64`, `Uint8Array.fromHex`.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    method(cx, c, "fromBase64", 1, from_base64)?;
    method(cx, c, "fromHex", 1, from_hex)?;
    Ok(())
}

/// `Uint8Array.prototype`'s `setFromBase64`, `setFromHex`, `toBase64`, `toHex`.
pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "setFromBase64", 1, set_from_base64)?;
    method(cx, p, "setFromHex", 1, set_from_hex)?;
    method(cx, p, "toBase64", 0, to_base64)?;
    method(cx, p, "toHex", 0, to_hex)?;
    Ok(())
}
