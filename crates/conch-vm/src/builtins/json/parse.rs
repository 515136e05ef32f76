//! `JSON.parse ( text [ , reviver ] )` (§25.5.1): a recursive-descent parser over the flat
//! string's one-byte or two-byte units (generic over the unit type), building values as it
//! goes (objects through CreateDataProperty, so `"__proto__"` is an own property and the last
//! duplicate key wins), then the reviver's InternalizeJSONProperty walk.
//!
//! With a reviver the parser also builds the JSON Parse Records of the source-text-access
//! proposal: per value a GC array `[value, start, end, children]` (the code-unit range of its
//! source; children: the element records of an array, or `key, record` pairs of an object in
//! source order, the last duplicate winning), so the reviver's `context.source` is the
//! literal's text while the value is unchanged.

use crate::builtins::arg;
use crate::builtins::array::{array_from_list, index_key, is_array_value, tick};
use crate::convert::{key_to_value, length_of_array_like, to_string};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::string::{Chars, JsString};
use conch_gc::{Gc, GcVec, Value};
use std::io::Write;

/// A source unit as text for a message (a control character or lone surrogate as U+FFFD).
fn unit_char(c: u32) -> char {
    char::from_u32(c)
        .filter(|c| !c.is_control())
        .unwrap_or('\u{fffd}')
}

pub(super) fn parse(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let text = to_string(cx, arg(args, 0))?;
    let text = JsString::flatten(cx.heap(), text)?;
    let reviver = arg(args, 1);
    let rec = Object::from_value(reviver).is_some_and(|f| f.is_callable());
    let (v, record) = match text.chars() {
        Chars::One(b) => Parser::new(b, rec).run_rec(cx)?,
        Chars::Two(w) => Parser::new(w, rec).run_rec(cx)?,
    };
    if !rec {
        return Ok(v);
    }
    let root = cx.new_object()?;
    let empty = cx.rt.key("")?;
    ops::create_data_property(cx, root, empty, v)?;
    internalize(cx, text, root, empty, reviver, record)
}

/// `JSON.rawJSON(text)`: a frozen null-prototype object whose `rawJSON` is `text`, which must
/// be the JSON text of a primitive without surrounding whitespace.
pub(super) fn raw_json(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let s = to_string(cx, arg(args, 0))?;
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let n = s.len();
    let ws = |u: u16| matches!(u, 0x09 | 0x0a | 0x0d | 0x20);
    if n == 0 || ws(c.at(0)) || ws(c.at(n - 1)) {
        return Err(cx.throw(
            ErrorKind::SyntaxError,
            "JSON.rawJSON: invalid raw JSON text",
        ));
    }
    let first = c.at(0);
    if first == b'{' as u16 || first == b'[' as u16 {
        return Err(cx.throw(
            ErrorKind::SyntaxError,
            "JSON.rawJSON: raw JSON text must be a primitive value",
        ));
    }
    match c {
        Chars::One(b) => Parser::new(b, false).run(cx)?,
        Chars::Two(w) => Parser::new(w, false).run(cx)?,
    };
    let o = cx.new_object_with(ObjectClass::IteratorHelper, Value::NULL)?;
    Object::set_internal(o, 0, Value::int(RAW_JSON_KIND << 2));
    let k = cx.rt.key("rawJSON")?;
    ops::create_data_property(cx, o, k, s.to_value())?;
    ops::set_integrity_level(cx, o, true)?;
    Ok(o.to_value())
}

/// The `IteratorHelper`-class kind that marks `[[IsRawJSON]]` objects (see
/// `builtins::iterator::helper::Kind`).
const RAW_JSON_KIND: i32 = 12;

/// Whether `v` has `[[IsRawJSON]]`.
pub(super) fn is_raw_json(v: Value) -> bool {
    Object::from_value(v).is_some_and(|o| {
        o.class() == ObjectClass::IteratorHelper
            && o.internal(0).as_int() == Some(RAW_JSON_KIND << 2)
    })
}

/// `JSON.isRawJSON(O)`.
pub(super) fn is_raw_json_m(
    _: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::bool(is_raw_json(arg(args, 0))))
}

/// `JSON.parse(text)` without a reviver (JSON modules).
pub(crate) fn parse_text(cx: &mut Cx, text: Gc<JsString>) -> JsResult<Value> {
    let text = JsString::flatten(cx.heap(), text)?;
    match text.chars() {
        Chars::One(b) => Parser::new(b, false).run(cx),
        Chars::Two(w) => Parser::new(w, false).run(cx),
    }
}

/// Field `i` of a parse record (`undefined` without one).
fn field(record: Value, i: u32) -> Value {
    Object::from_value(record)
        .and_then(|r| r.get_element(i))
        .map_or(Value::UNDEFINED, |p| p.value)
}

/// `InternalizeJSONProperty(holder, name, reviver, parseRecord)`: the reviver is called with
/// `(name, value, context)`, `context.source` being the source text of a primitive the walk
/// has not seen replaced.
fn internalize(
    cx: &mut Cx,
    text: Gc<JsString>,
    holder: Gc<Object>,
    name: PropertyKey,
    reviver: Value,
    record: Value,
) -> JsResult<Value> {
    cx.check()?;
    let val = ops::get(cx, holder, name, holder.to_value())?;
    let context = cx.new_object()?;
    let mut children = Value::UNDEFINED;
    if !record.is_undefined() && crate::convert::same_value(cx, field(record, 0), val)? {
        if Object::from_value(val).is_none() {
            let start = field(record, 1).as_int().unwrap_or(0) as usize;
            let end = field(record, 2).as_int().unwrap_or(0) as usize;
            let src = crate::builtins::string::substring(cx, text, start, end)?;
            let sk = cx.rt.key("source")?;
            ops::create_data_property(cx, context, sk, src.to_value())?;
        }
        children = field(record, 3);
    }
    if let Some(o) = Object::from_value(val) {
        if is_array_value(cx, val)? {
            let len = length_of_array_like(cx, o)?;
            for i in 0..len {
                tick(cx, i)?;
                let key = index_key(cx, i)?;
                let r = if i < u32::MAX as u64 {
                    field(children, i as u32)
                } else {
                    Value::UNDEFINED
                };
                revive_property(cx, text, o, key, reviver, r)?;
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
                let r = entry_record(children, k);
                revive_property(cx, text, o, PropertyKey::from_raw(k), reviver, r)?;
            }
        }
    }
    let nv = key_to_value(cx, name)?;
    ops::call(
        cx,
        reviver,
        holder.to_value(),
        &[nv, val, context.to_value()],
    )
}

/// The record of an object's entry `key` (the last duplicate's), `undefined` if none.
fn entry_record(children: Value, key: Value) -> Value {
    let Some(c) = Object::from_value(children) else {
        return Value::UNDEFINED;
    };
    let n = c.array_length();
    let mut i = n;
    while i >= 2 {
        i -= 2;
        if field(children, i) == key {
            return field(children, i + 1);
        }
    }
    Value::UNDEFINED
}

/// One property of the walk: revive it, then delete it (`undefined`) or redefine it.
fn revive_property(
    cx: &mut Cx,
    text: Gc<JsString>,
    o: Gc<Object>,
    key: PropertyKey,
    reviver: Value,
    record: Value,
) -> JsResult<()> {
    let v = internalize(cx, text, o, key, reviver, record)?;
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
    /// Whether to build parse records.
    rec: bool,
    /// The record of the value just parsed (with `rec`).
    last: Value,
}

impl<'a, T: Unit> Parser<'a, T> {
    fn new(src: &'a [T], rec: bool) -> Self {
        Parser {
            src,
            pos: 0,
            rec,
            last: Value::UNDEFINED,
        }
    }

    fn run(self, cx: &mut Cx) -> JsResult<Value> {
        Ok(self.run_rec(cx)?.0)
    }

    /// The value and (with `rec`) its parse record.
    fn run_rec(mut self, cx: &mut Cx) -> JsResult<(Value, Value)> {
        let v = self.value(cx)?;
        self.skip_ws();
        if self.pos < self.src.len() {
            let at = self.pos;
            return Err(self.fail(
                cx,
                "Unexpected non-whitespace character after JSON",
                at,
                false,
            ));
        }
        Ok((v, self.last))
    }

    /// Sets `last` to the record `[v, start, end, children]`.
    fn record(&mut self, cx: &mut Cx, v: Value, start: usize, children: Value) -> JsResult<()> {
        let end = self.pos;
        if start > i32::MAX as usize || end > i32::MAX as usize {
            return Err(cx.range_error("Invalid string length"));
        }
        let items = [
            v,
            Value::int(start as i32),
            Value::int(end as i32),
            children,
        ];
        self.last = array_from_list(cx, &items)?.to_value();
        Ok(())
    }

    fn peek(&self) -> Option<u32> {
        self.src.get(self.pos).map(|&c| c.into())
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(0x20 | 0x09 | 0x0a | 0x0d)) {
            self.pos += 1;
        }
    }

    /// A SyntaxError naming the unit at the current position (or the end of input), in V8's
    /// words: the unexpected token shown within the source text (all of it when short, else
    /// ten units either side).
    fn unexpected(&self, cx: &Cx) -> Throw {
        let Some(c) = self.peek() else {
            return cx.throw(ErrorKind::SyntaxError, "Unexpected end of JSON input");
        };
        // V8 names the whole input when it is one of these (often a value passed to
        // JSON.parse by mistake): "\"[object Object]\" is not valid JSON".
        for special in ["[object Object]", "undefined", "Infinity", "NaN"] {
            if self.src.len() == special.len()
                && self
                    .src
                    .iter()
                    .zip(special.bytes())
                    .all(|(&u, b)| u.into() == u32::from(b))
            {
                let mut buf = [0u8; 40];
                let mut w = &mut buf[..];
                let _ = write!(w, "\"{special}\" is not valid JSON");
                let len = 40 - w.len();
                return cx.throw(
                    ErrorKind::SyntaxError,
                    std::str::from_utf8(&buf[..len]).unwrap_or("Invalid JSON"),
                );
            }
        }
        const CTX: usize = 10;
        let mut buf = [0u8; 256];
        let mut w = &mut buf[..];
        let _ = write!(w, "Unexpected token '{}', ", unit_char(c));
        let n = self.src.len();
        let (from, to, pre, post) = if n <= 2 * CTX {
            (0, n, "", "")
        } else if self.pos < CTX {
            (0, self.pos + CTX, "", "...")
        } else if self.pos + CTX < n {
            (self.pos - CTX, self.pos + CTX, "...", "...")
        } else {
            (self.pos - CTX, n, "...", "")
        };
        let _ = write!(w, "{pre}\"");
        for &u in &self.src[from..to] {
            let _ = write!(w, "{}", unit_char(u.into()));
        }
        let _ = write!(w, "\"{post} is not valid JSON");
        let len = 256 - w.len();
        cx.throw(
            ErrorKind::SyntaxError,
            std::str::from_utf8(&buf[..len]).unwrap_or("Invalid JSON"),
        )
    }

    /// A SyntaxError with V8's message for a malformed part, `what` then " at position `at`"
    /// ("Unterminated string in JSON at position 4"); the end of the input is "Unexpected end
    /// of JSON input" unless `at_end_too` (V8 names the missing separator or name even at
    /// the end: "Expected ',' or ']' after array element in JSON at position 5").
    fn fail(&self, cx: &Cx, what: &str, at: usize, at_end_too: bool) -> Throw {
        if self.peek().is_none() && !at_end_too {
            return cx.throw(ErrorKind::SyntaxError, "Unexpected end of JSON input");
        }
        let mut buf = [0u8; 160];
        let mut w = &mut buf[..];
        let _ = write!(w, "{what} at position {at}");
        let len = 160 - w.len();
        cx.throw(
            ErrorKind::SyntaxError,
            std::str::from_utf8(&buf[..len]).unwrap_or("Invalid JSON"),
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
        let start = self.pos;
        let v = match self.peek() {
            Some(0x7b) => return self.object(cx),
            Some(0x5b) => return self.array(cx),
            Some(0x22) => self.string(cx)?.to_value(),
            Some(0x74) => self.literal(cx, b"true", Value::TRUE)?,
            Some(0x66) => self.literal(cx, b"false", Value::FALSE)?,
            Some(0x6e) => self.literal(cx, b"null", Value::NULL)?,
            Some(0x2d | 0x30..=0x39) => self.number(cx)?,
            _ => return Err(self.unexpected(cx)),
        };
        if self.rec {
            self.record(cx, v, start, Value::UNDEFINED)?;
        }
        Ok(v)
    }

    fn object(&mut self, cx: &mut Cx) -> JsResult<Value> {
        let start = self.pos;
        self.pos += 1;
        let o = cx.new_object()?;
        let entries = GcVec::<Value>::new();
        self.skip_ws();
        if self.peek() == Some(0x7d) {
            self.pos += 1;
            return self.close(cx, o.to_value(), start, &entries);
        }
        let mut first = true;
        loop {
            self.skip_ws();
            if self.peek() != Some(0x22) {
                let what = if first {
                    "Expected property name or '}' in JSON"
                } else {
                    "Expected double-quoted property name in JSON"
                };
                return Err(self.fail(cx, what, self.pos, true));
            }
            first = false;
            let name = self.string(cx)?;
            let key = cx.rt.key_from_string(name)?;
            self.skip_ws();
            if self.peek() != Some(b':' as u32) {
                let what = "Expected ':' after property name in JSON";
                return Err(self.fail(cx, what, self.pos, true));
            }
            self.pos += 1;
            let v = self.value(cx)?;
            ops::create_data_property(cx, o, key, v)?;
            if self.rec {
                entries.push(cx.heap(), key.to_raw())?;
                entries.push(cx.heap(), self.last)?;
            }
            self.skip_ws();
            match self.peek() {
                Some(0x2c) => self.pos += 1,
                Some(0x7d) => {
                    self.pos += 1;
                    return self.close(cx, o.to_value(), start, &entries);
                }
                _ => {
                    let what = "Expected ',' or '}' after property value in JSON";
                    return Err(self.fail(cx, what, self.pos, true));
                }
            }
        }
    }

    /// The end of an object or array: its record (with `rec`), and the value.
    fn close(
        &mut self,
        cx: &mut Cx,
        v: Value,
        start: usize,
        children: &GcVec<Value>,
    ) -> JsResult<Value> {
        if self.rec {
            // SAFETY: `children` is the caller's own vector, not written while the slice lives.
            let c = array_from_list(cx, unsafe { children.as_slice() })?;
            self.record(cx, v, start, c.to_value())?;
        }
        Ok(v)
    }

    fn array(&mut self, cx: &mut Cx) -> JsResult<Value> {
        let start = self.pos;
        self.pos += 1;
        let items = GcVec::<Value>::new();
        let records = GcVec::<Value>::new();
        self.skip_ws();
        if self.peek() == Some(0x5d) {
            self.pos += 1;
        } else {
            loop {
                let v = self.value(cx)?;
                items.push(cx.heap(), v)?;
                if self.rec {
                    records.push(cx.heap(), self.last)?;
                }
                self.skip_ws();
                match self.peek() {
                    Some(0x2c) => self.pos += 1,
                    Some(0x5d) => {
                        self.pos += 1;
                        break;
                    }
                    _ => {
                        let what = "Expected ',' or ']' after array element in JSON";
                        return Err(self.fail(cx, what, self.pos, true));
                    }
                }
            }
        }
        if items.len() > u32::MAX as usize - 1 {
            return Err(cx.range_error("Invalid array length"));
        }
        // SAFETY: `items` is this frame's own vector, not written while the slice lives.
        let a = array_from_list(cx, unsafe { items.as_slice() })?.to_value();
        self.close(cx, a, start, &records)
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
                let what = "Unterminated string in JSON";
                return Err(self.fail(cx, what, self.pos, true));
            };
            match c {
                0x22 => break,
                0x00..=0x1f => {
                    let what = "Bad control character in string literal in JSON";
                    return Err(self.fail(cx, what, self.pos, false));
                }
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
                        _ => {
                            let what = "Bad escaped character in JSON";
                            return Err(self.fail(cx, what, self.pos, false));
                        }
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
                let what = "Bad Unicode escape in JSON";
                return Err(self.fail(cx, what, self.pos, true));
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
            Some(0x30) => {
                self.pos += 1;
                if matches!(self.peek(), Some(0x30..=0x39)) {
                    return Err(self.fail(cx, "Unexpected number in JSON", self.pos, false));
                }
            }
            Some(0x31..=0x39) => {
                self.digits();
            }
            _ => {
                let what = "No number after minus sign in JSON";
                return Err(self.fail(cx, what, self.pos, true));
            }
        }
        if self.peek() == Some(0x2e) {
            self.pos += 1;
            if self.digits() == 0 {
                let what = "Unterminated fractional number in JSON";
                return Err(self.fail(cx, what, self.pos, true));
            }
        }
        if matches!(self.peek(), Some(0x65 | 0x45)) {
            self.pos += 1;
            if matches!(self.peek(), Some(0x2b | 0x2d)) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                let what = "Exponent part is missing a number in JSON";
                return Err(self.fail(cx, what, self.pos, true));
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
