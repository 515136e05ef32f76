//! `JSON.parse ( text [ , reviver ] )` (§25.5.1): a recursive-descent parser over the flat
//! string's one-byte or two-byte units (generic over the unit type), building values as it
//! goes (objects through CreateDataProperty, so `"__proto__"` is an own property and the last
//! duplicate key wins), then the reviver's InternalizeJSONProperty walk.

use crate::builtins::arg;
use crate::builtins::array::{array_from_list, index_key, is_array_value, tick};
use crate::convert::{key_to_value, length_of_array_like, to_string};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::string::{Chars, JsString};
use conch_gc::{Gc, GcVec, Value};
use std::io::Write;

pub(super) fn parse(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let text = to_string(cx, arg(args, 0))?;
    let text = JsString::flatten(cx.heap(), text)?;
    let v = match text.chars() {
        Chars::One(b) => Parser { src: b, pos: 0 }.run(cx)?,
        Chars::Two(w) => Parser { src: w, pos: 0 }.run(cx)?,
    };
    let reviver = arg(args, 1);
    if !Object::from_value(reviver).is_some_and(|f| f.is_callable()) {
        return Ok(v);
    }
    let root = cx.new_object()?;
    let empty = cx.rt.key("")?;
    ops::create_data_property(cx, root, empty, v)?;
    internalize(cx, root, empty, reviver)
}

/// `JSON.parse(text)` without a reviver (JSON modules).
pub(crate) fn parse_text(cx: &mut Cx, text: Gc<JsString>) -> JsResult<Value> {
    let text = JsString::flatten(cx.heap(), text)?;
    match text.chars() {
        Chars::One(b) => Parser { src: b, pos: 0 }.run(cx),
        Chars::Two(w) => Parser { src: w, pos: 0 }.run(cx),
    }
}

/// `InternalizeJSONProperty(holder, name, reviver)`.
fn internalize(
    cx: &mut Cx,
    holder: Gc<Object>,
    name: PropertyKey,
    reviver: Value,
) -> JsResult<Value> {
    cx.check()?;
    let val = ops::get(cx, holder, name, holder.to_value())?;
    if let Some(o) = Object::from_value(val) {
        if is_array_value(cx, val)? {
            let len = length_of_array_like(cx, o)?;
            for i in 0..len {
                tick(cx, i)?;
                let key = index_key(cx, i)?;
                revive_property(cx, o, key, reviver)?;
            }
        } else {
            let keys = ops::own_property_keys(cx, o)?;
            let list = GcVec::<Value>::new();
            for k in keys.iter() {
                let key = PropertyKey::from_raw(k);
                if key.is_symbol() {
                    continue;
                }
                if let Some(d) = ops::get_own_property(cx, o, key)? {
                    if d.enumerable == Some(true) {
                        list.push(cx.heap(), k)?;
                    }
                }
            }
            for (i, k) in list.iter().enumerate() {
                tick(cx, i as u64)?;
                revive_property(cx, o, PropertyKey::from_raw(k), reviver)?;
            }
        }
    }
    let nv = key_to_value(cx, name)?;
    ops::call(cx, reviver, holder.to_value(), &[nv, val])
}

/// One property of the walk: revive it, then delete it (`undefined`) or redefine it.
fn revive_property(cx: &mut Cx, o: Gc<Object>, key: PropertyKey, reviver: Value) -> JsResult<()> {
    let v = internalize(cx, o, key, reviver)?;
    if v.is_undefined() {
        ops::delete(cx, o, key)?;
    } else {
        ops::create_data_property(cx, o, key, v)?;
    }
    Ok(())
}

/// A code unit of the source (one-byte or two-byte).
trait Unit: Copy + Into<u32> {}
impl Unit for u8 {}
impl Unit for u16 {}

struct Parser<'a, T: Unit> {
    src: &'a [T],
    pos: usize,
}

impl<T: Unit> Parser<'_, T> {
    fn run(mut self, cx: &mut Cx) -> JsResult<Value> {
        let v = self.value(cx)?;
        self.skip_ws();
        if self.pos < self.src.len() {
            return Err(self.unexpected(cx));
        }
        Ok(v)
    }

    fn peek(&self) -> Option<u32> {
        self.src.get(self.pos).map(|&c| c.into())
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(0x20 | 0x09 | 0x0a | 0x0d)) {
            self.pos += 1;
        }
    }

    /// A SyntaxError naming the unit at the current position (or the end of input).
    fn unexpected(&self, cx: &Cx) -> Throw {
        let mut buf = [0u8; 128];
        let mut w = &mut buf[..];
        let _ = match self.peek() {
            None => write!(w, "Unexpected end of JSON input"),
            Some(c) => {
                let ch = char::from_u32(c)
                    .filter(|c| !c.is_control())
                    .unwrap_or('\u{fffd}');
                write!(
                    w,
                    "Unexpected token '{ch}' in JSON at position {}",
                    self.pos
                )
            }
        };
        let n = 128 - w.len();
        cx.throw(
            ErrorKind::SyntaxError,
            std::str::from_utf8(&buf[..n]).unwrap_or("Invalid JSON"),
        )
    }

    fn expect(&mut self, cx: &Cx, c: u8) -> JsResult<()> {
        if self.peek() != Some(c as u32) {
            return Err(self.unexpected(cx));
        }
        self.pos += 1;
        Ok(())
    }

    fn literal(&mut self, cx: &Cx, word: &[u8], v: Value) -> JsResult<Value> {
        for &b in word {
            self.expect(cx, b)?;
        }
        Ok(v)
    }

    fn value(&mut self, cx: &mut Cx) -> JsResult<Value> {
        cx.check()?;
        self.skip_ws();
        match self.peek() {
            Some(0x7b) => self.object(cx),
            Some(0x5b) => self.array(cx),
            Some(0x22) => Ok(self.string(cx)?.to_value()),
            Some(0x74) => self.literal(cx, b"true", Value::TRUE),
            Some(0x66) => self.literal(cx, b"false", Value::FALSE),
            Some(0x6e) => self.literal(cx, b"null", Value::NULL),
            Some(0x2d | 0x30..=0x39) => self.number(cx),
            _ => Err(self.unexpected(cx)),
        }
    }

    fn object(&mut self, cx: &mut Cx) -> JsResult<Value> {
        self.pos += 1;
        let o = cx.new_object()?;
        self.skip_ws();
        if self.peek() == Some(0x7d) {
            self.pos += 1;
            return Ok(o.to_value());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(0x22) {
                return Err(self.unexpected(cx));
            }
            let name = self.string(cx)?;
            let key = cx.rt.key_from_string(name)?;
            self.skip_ws();
            self.expect(cx, b':')?;
            let v = self.value(cx)?;
            ops::create_data_property(cx, o, key, v)?;
            self.skip_ws();
            match self.peek() {
                Some(0x2c) => self.pos += 1,
                Some(0x7d) => {
                    self.pos += 1;
                    return Ok(o.to_value());
                }
                _ => return Err(self.unexpected(cx)),
            }
        }
    }

    fn array(&mut self, cx: &mut Cx) -> JsResult<Value> {
        self.pos += 1;
        let items = GcVec::<Value>::new();
        self.skip_ws();
        if self.peek() == Some(0x5d) {
            self.pos += 1;
        } else {
            loop {
                let v = self.value(cx)?;
                items.push(cx.heap(), v)?;
                self.skip_ws();
                match self.peek() {
                    Some(0x2c) => self.pos += 1,
                    Some(0x5d) => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected(cx)),
                }
            }
        }
        if items.len() > u32::MAX as usize - 1 {
            return Err(cx.range_error("Invalid array length"));
        }
        // SAFETY: `items` is this frame's own vector, not written while the slice lives.
        Ok(array_from_list(cx, unsafe { items.as_slice() })?.to_value())
    }

    /// A string literal (at its opening quote). A first pass validates it and counts its
    /// units; a literal without escapes is copied straight from the source, one with escapes
    /// is decoded by a second pass into the new string.
    fn string(&mut self, cx: &Cx) -> JsResult<Gc<JsString>> {
        self.pos += 1;
        let start = self.pos;
        let mut len = 0usize;
        let mut escapes = false;
        let mut wide = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.unexpected(cx));
            };
            match c {
                0x22 => break,
                0x00..=0x1f => return Err(self.unexpected(cx)),
                0x5c => {
                    escapes = true;
                    self.pos += 1;
                    match self.peek() {
                        Some(0x22 | 0x5c | 0x2f | 0x62 | 0x66 | 0x6e | 0x72 | 0x74) => {
                            self.pos += 1
                        }
                        Some(0x75) => {
                            self.pos += 1;
                            let u = self.hex4(cx)?;
                            wide |= u > 0xff;
                        }
                        _ => return Err(self.unexpected(cx)),
                    }
                }
                c => {
                    wide |= c > 0xff;
                    self.pos += 1;
                }
            }
            len += 1;
        }
        let end = self.pos;
        self.pos += 1;
        if len > crate::MAX_STRING_LENGTH {
            return Err(cx.range_error("Invalid string length"));
        }
        let src = &self.src[start..end];
        if !escapes {
            return Ok(JsString::build_utf16(cx.heap(), len, !wide, |i| {
                src[i].into() as u16
            })?);
        }
        let mut p = 0usize;
        let hex = |p: usize| -> u16 {
            (0..4).fold(0u16, |acc, k| {
                let d = char::from_u32(src[p + k].into())
                    .and_then(|c| c.to_digit(16))
                    .unwrap_or(0);
                acc * 16 + d as u16
            })
        };
        Ok(JsString::build_utf16(cx.heap(), len, !wide, |_| {
            let c: u32 = src[p].into();
            if c != 0x5c {
                p += 1;
                return c as u16;
            }
            let e: u32 = src[p + 1].into();
            p += 2;
            match e {
                0x62 => 0x08,
                0x66 => 0x0c,
                0x6e => 0x0a,
                0x72 => 0x0d,
                0x74 => 0x09,
                0x75 => {
                    let u = hex(p);
                    p += 4;
                    u
                }
                other => other as u16,
            }
        })?)
    }

    fn hex4(&mut self, cx: &Cx) -> JsResult<u32> {
        let mut u = 0;
        for _ in 0..4 {
            let d = self
                .peek()
                .and_then(char::from_u32)
                .and_then(|c| c.to_digit(16));
            let Some(d) = d else {
                return Err(self.unexpected(cx));
            };
            u = u * 16 + d;
            self.pos += 1;
        }
        Ok(u)
    }

    fn digits(&mut self) -> usize {
        let s = self.pos;
        while matches!(self.peek(), Some(0x30..=0x39)) {
            self.pos += 1;
        }
        self.pos - s
    }

    fn number(&mut self, cx: &Cx) -> JsResult<Value> {
        let start = self.pos;
        if self.peek() == Some(0x2d) {
            self.pos += 1;
        }
        match self.peek() {
            Some(0x30) => self.pos += 1,
            Some(0x31..=0x39) => {
                self.digits();
            }
            _ => return Err(self.unexpected(cx)),
        }
        if self.peek() == Some(0x2e) {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.unexpected(cx));
            }
        }
        if matches!(self.peek(), Some(0x65 | 0x45)) {
            self.pos += 1;
            if matches!(self.peek(), Some(0x2b | 0x2d)) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.unexpected(cx));
            }
        }
        let src = &self.src[start..self.pos];
        // The literal is ASCII: Rust's correctly rounded parser reads it from a byte copy (on
        // the stack when short, else in a GC buffer).
        let mut small = [0u8; 64];
        let big = GcVec::<u8>::new();
        let bytes: &[u8] = if src.len() <= small.len() {
            for (d, &s) in small.iter_mut().zip(src) {
                *d = s.into() as u8;
            }
            &small[..src.len()]
        } else {
            big.reserve(cx.heap(), src.len())?;
            for &s in src {
                big.push(cx.heap(), s.into() as u8)?;
            }
            // SAFETY: `big` is this frame's own vector, not written while the slice lives.
            unsafe { big.as_slice() }
        };
        let d = std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(f64::NAN);
        Ok(Value::number(d))
    }
}
