//! The serialized form of the structured clone (JsRT's `JsVarSerializer*`/`JsVarDeserializer*`),
//! laid out as ChakraCore's SCA stream (lib/SCACore): little-endian `u32` words, a version word
//! at the start of each value, then the value depth first.
//!
//! ```text
//! value      := u32 type id, then what the type has (below)
//! string     := u32 byte length, UTF-16 units, zero padding to a multiple of 4
//! bytes      := u32 length, the bytes, zero padding to a multiple of 4
//! properties := { string name, value } u32 0xFFFFFFFF
//! ```
//!
//! | id | value | then |
//! |---|---|---|
//! | 0 | an array hole (dense arrays only) | |
//! | 1 | a reference to an object or string written earlier | u32 stream position of its id |
//! | 2, 3, 4, 5 | null, undefined, true, false | |
//! | 6 / 7 | a number (an int / a double) | i32 / f64 |
//! | 8 | a string | string |
//! | 21, 22 | `new Boolean(true)`, `new Boolean(false)` | |
//! | 23 | a Date | f64 time value |
//! | 24 / 25 | a Number / String wrapper | f64 / string |
//! | 26 | a RegExp | string source, u32 flags (bits: i g m u y s, then Conch's d v) |
//! | 27 | an ordinary object | properties |
//! | 28 | a transferred ArrayBuffer | u32 index in the transfer list |
//! | 50 | a dense array | u32 length, length × value (0 for a hole), properties |
//! | 51 | a sparse array | u32 length, { u32 index, value } 0xFFFFFFFF, properties |
//! | 60 | an ArrayBuffer | bytes |
//! | 61–68, 70 | Int8 Uint8 Int16 Uint16 Int32 Uint32 Float32 Float64 / Uint8Clamped arrays | value buffer, u32 byte offset, u32 length |
//! | 69 | a DataView | value buffer, u32 byte offset, u32 byte length |
//! | 80 / 81 | a Map / Set | i32 count, count × (key value) / count × value |
//! | 82 | a SharedArrayBuffer | u32 id (see `WireSink::shared_buffer`) |
//! | 90 / 91 | a BigInt / BigInt wrapper (Conch) | u32 sign, u32 n, n × u64 magnitude limbs |
//! | 92 | an Error (Conch) | u32 kind, u32 has message, [string], u32 has cause, [value] |
//! | 93 | a resizable ArrayBuffer (Conch) | u32 max length, bytes |
//! | 94, 95, 96 | BigInt64, BigUint64, Float16 arrays (Conch) | as 61 |
//! | 100 | a host object | whatever the host writes |
//!
//! A view whose length tracks a resizable buffer has length 0xFFFFFFFF. Ids 90–96 are Conch's:
//! ChakraCore has no BigInt, Error, resizable buffer or those element types in its stream.
//! Lengths and offsets are 32-bit: a larger buffer or string cannot be serialized.

use super::{data_clone_error, is_tag, not_cloneable};
use crate::array_buffer as ab;
use crate::array_buffer::SharedBlock;
use crate::bigint::BigInt;
use crate::builtins::collection::{self, Cursor, Tag};
use crate::builtins::error::shown::Part;
use crate::cx::{Cx, ErrorKind, JsResult};
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::runtime::Name;
use crate::string::JsString;
use crate::PropertyKey;
use conch_gc::{Gc, GcHashMap, Value};

/// The version word (ChakraCore's `SCA_FORMAT_VERSION`: major 1, minor 0).
pub const VERSION: u32 = 0x0100_0000;
/// Ends a property list or a sparse array's elements.
pub const TERMINATOR: u32 = 0xFFFF_FFFF;
/// The length of a view that tracks its buffer's length.
pub const TRACKING: u32 = 0xFFFF_FFFF;

/// Type ids.
#[allow(missing_docs)]
pub mod id {
    pub const HOLE: u32 = 0;
    pub const REFERENCE: u32 = 1;
    pub const NULL: u32 = 2;
    pub const UNDEFINED: u32 = 3;
    pub const TRUE: u32 = 4;
    pub const FALSE: u32 = 5;
    pub const INT32: u32 = 6;
    pub const DOUBLE: u32 = 7;
    pub const STRING: u32 = 8;
    pub const TRUE_OBJECT: u32 = 21;
    pub const FALSE_OBJECT: u32 = 22;
    pub const DATE: u32 = 23;
    pub const NUMBER_OBJECT: u32 = 24;
    pub const STRING_OBJECT: u32 = 25;
    pub const REGEXP: u32 = 26;
    pub const OBJECT: u32 = 27;
    pub const TRANSFERRED: u32 = 28;
    pub const DENSE_ARRAY: u32 = 50;
    pub const SPARSE_ARRAY: u32 = 51;
    pub const ARRAY_BUFFER: u32 = 60;
    pub const DATA_VIEW: u32 = 69;
    pub const MAP: u32 = 80;
    pub const SET: u32 = 81;
    pub const SHARED_ARRAY_BUFFER: u32 = 82;
    pub const BIGINT: u32 = 90;
    pub const BIGINT_OBJECT: u32 = 91;
    pub const ERROR: u32 = 92;
    pub const RESIZABLE_ARRAY_BUFFER: u32 = 93;
    pub const HOST_OBJECT: u32 = 100;
}

/// RegExp flag bits (ChakraCore's `UnifiedRegex::RegexFlags`, then Conch's `d` and `v`).
pub const REGEXP_FLAGS: [(u8, u32); 8] = [
    (b'i', 1),
    (b'g', 2),
    (b'm', 4),
    (b'u', 8),
    (b'y', 16),
    (b's', 32),
    (b'd', 64),
    (b'v', 128),
];

/// Error kinds by their number in the stream.
pub const ERROR_KINDS: [ErrorKind; 7] = [
    ErrorKind::Error,
    ErrorKind::EvalError,
    ErrorKind::RangeError,
    ErrorKind::ReferenceError,
    ErrorKind::SyntaxError,
    ErrorKind::TypeError,
    ErrorKind::UriError,
];
const ERROR_NAMES: [&str; 7] = [
    "Error",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
];

/// The type id of a typed array of element type `e` (index: `host::ElementType as usize`).
pub const VIEW_IDS: [u32; 12] = [61, 62, 70, 63, 64, 65, 66, 67, 68, 94, 95, 96];

/// Where the serialized bytes go, and the host's part of serializing.
pub trait WireSink {
    /// Appends `bytes`.
    fn write(&self, cx: &mut Cx, bytes: &[u8]) -> JsResult<()>;
    /// How many bytes the stream holds (a reference names the position of an earlier value).
    fn position(&self) -> usize;
    /// Lets the host write the host object `o` (after its id); `Ok(false)`: it cannot.
    fn host_object(&self, cx: &mut Cx, o: Gc<Object>) -> JsResult<bool>;
    /// The id a reader resolves to a SharedArrayBuffer over `block`.
    fn shared_buffer(&self, cx: &mut Cx, block: SharedBlock) -> JsResult<u32>;
}

/// Serializes `v` (a version word, then the value) into `sink`. ArrayBuffers in `transfer`
/// are written as their index there. Values that cannot be cloned (functions, symbols,
/// proxies, weak collections, promises, detached buffers, …) throw a `DataCloneError`; getters
/// run in the order the properties are written.
pub fn write(cx: &mut Cx, sink: &dyn WireSink, v: Value, transfer: &[Value]) -> JsResult<()> {
    let mut w = Writer {
        sink,
        transfer,
        memo: GcHashMap::new(),
    };
    w.u32(cx, VERSION)?;
    w.value(cx, v)
}

struct Writer<'s> {
    sink: &'s dyn WireSink,
    transfer: &'s [Value],
    /// Objects and strings written so far → the position of their type id.
    memo: GcHashMap<Value, Value>,
}

impl Writer<'_> {
    fn u32(&mut self, cx: &mut Cx, n: u32) -> JsResult<()> {
        self.sink.write(cx, &n.to_le_bytes())
    }

    fn f64(&mut self, cx: &mut Cx, d: f64) -> JsResult<()> {
        self.sink.write(cx, &d.to_le_bytes())
    }

    fn padding(&mut self, cx: &mut Cx, n: usize) -> JsResult<()> {
        let pad = (4 - n % 4) % 4;
        self.sink.write(cx, &[0u8; 3][..pad])
    }

    fn len32(&self, cx: &mut Cx, n: usize) -> JsResult<u32> {
        u32::try_from(n)
            .ok()
            .filter(|&n| n != TERMINATOR)
            .ok_or_else(|| data_clone_error(cx, &[Part::Text("Data is too large to be cloned.")]))
    }

    /// A string's UTF-16 units with their byte length and padding.
    fn string(&mut self, cx: &mut Cx, s: Gc<JsString>) -> JsResult<()> {
        let s = JsString::flatten(cx.heap(), s)?;
        let c = s.chars();
        let bytes = c.len().saturating_mul(2);
        let n = self.len32(cx, bytes)?;
        self.u32(cx, n)?;
        let mut buf = [0u8; 512];
        let mut i = 0;
        while i < c.len() {
            let k = (c.len() - i).min(buf.len() / 2);
            for j in 0..k {
                buf[2 * j..2 * j + 2].copy_from_slice(&c.at(i + j).to_le_bytes());
            }
            self.sink.write(cx, &buf[..2 * k])?;
            i += k;
        }
        self.padding(cx, bytes)
    }

    fn bytes(&mut self, cx: &mut Cx, p: *const u8, n: usize) -> JsResult<()> {
        let len = self.len32(cx, n)?;
        self.u32(cx, len)?;
        if n > 0 {
            // SAFETY: the caller passes a live buffer's contents (`n` bytes at `p`); nothing
            // runs script while they are copied out.
            let s = unsafe { std::slice::from_raw_parts(p, n) };
            self.sink.write(cx, s)?;
        }
        self.padding(cx, n)
    }

    fn value(&mut self, cx: &mut Cx, v: Value) -> JsResult<()> {
        cx.check()?;
        if v.is_undefined() {
            return self.u32(cx, id::UNDEFINED);
        }
        if v.is_null() {
            return self.u32(cx, id::NULL);
        }
        if let Some(b) = v.as_bool() {
            return self.u32(cx, if b { id::TRUE } else { id::FALSE });
        }
        if let Some(i) = v.as_int() {
            self.u32(cx, id::INT32)?;
            return self.sink.write(cx, &i.to_le_bytes());
        }
        if let Some(d) = v.as_number() {
            self.u32(cx, id::DOUBLE)?;
            return self.f64(cx, d);
        }
        if let Some(b) = BigInt::from_value(v) {
            self.u32(cx, id::BIGINT)?;
            return self.bigint(cx, b);
        }
        if crate::Symbol::from_value(v).is_some() {
            return Err(not_cloneable(cx, v));
        }
        if let Some(at) = self.memo.get(&v) {
            let at = at.as_number().unwrap_or(0.0) as u32;
            self.u32(cx, id::REFERENCE)?;
            return self.u32(cx, at);
        }
        let at = self.sink.position();
        let at = self.len32(cx, at)?;
        if let Some(s) = JsString::from_value(v) {
            self.memo.insert(cx.heap(), v, Value::number(at as f64))?;
            self.u32(cx, id::STRING)?;
            return self.string(cx, s);
        }
        let Some(o) = Object::from_value(v) else {
            return Err(not_cloneable(cx, v));
        };
        // Memoised before its contents: a cycle back to it is a reference.
        self.memo.insert(cx.heap(), v, Value::number(at as f64))?;
        self.object(cx, o)
    }

    fn bigint(&mut self, cx: &mut Cx, b: Gc<BigInt>) -> JsResult<()> {
        self.u32(cx, b.is_neg() as u32)?;
        let d = b.digits();
        let n = self.len32(cx, d.len())?;
        self.u32(cx, n)?;
        for &limb in d {
            self.sink.write(cx, &limb.to_le_bytes())?;
        }
        Ok(())
    }

    fn object(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        let v = o.to_value();
        if o.class() == ObjectClass::ArrayBuffer {
            if let Some(i) = self.transfer.iter().position(|&t| t == v) {
                self.u32(cx, id::TRANSFERRED)?;
                return self.u32(cx, i as u32);
            }
        }
        if o.is_callable() {
            return Err(not_cloneable(cx, v));
        }
        match o.class() {
            ObjectClass::Ordinary => {
                self.u32(cx, id::OBJECT)?;
                self.properties(cx, o, false)
            }
            ObjectClass::Array => self.array(cx, o),
            ObjectClass::Boolean => {
                let t = o.internal(0).as_bool() == Some(true);
                self.u32(cx, if t { id::TRUE_OBJECT } else { id::FALSE_OBJECT })
            }
            ObjectClass::Number => {
                self.u32(cx, id::NUMBER_OBJECT)?;
                self.f64(cx, o.internal(0).as_number().unwrap_or(f64::NAN))
            }
            ObjectClass::String => {
                self.u32(cx, id::STRING_OBJECT)?;
                let s = JsString::from_value(o.internal(0)).expect("string wrapper");
                self.string(cx, s)
            }
            ObjectClass::BigInt => {
                self.u32(cx, id::BIGINT_OBJECT)?;
                let b = BigInt::from_value(o.internal(0)).expect("bigint wrapper");
                self.bigint(cx, b)
            }
            ObjectClass::Date => {
                self.u32(cx, id::DATE)?;
                self.f64(cx, o.internal(0).as_number().unwrap_or(f64::NAN))
            }
            ObjectClass::RegExp => self.regexp(cx, o),
            ObjectClass::ArrayBuffer => self.buffer(cx, o),
            ObjectClass::TypedArray | ObjectClass::DataView => self.view(cx, o),
            ObjectClass::Collection if is_tag(o, Tag::Map) || is_tag(o, Tag::Set) => {
                self.collection(cx, o)
            }
            ObjectClass::Error => self.error(cx, o),
            ObjectClass::External | ObjectClass::CustomExternal => {
                self.u32(cx, id::HOST_OBJECT)?;
                if self.sink.host_object(cx, o)? {
                    Ok(())
                } else {
                    Err(not_cloneable(cx, v))
                }
            }
            _ => Err(not_cloneable(cx, v)),
        }
    }

    fn regexp(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        self.u32(cx, id::REGEXP)?;
        let src = JsString::from_value(o.internal(1)).expect("regexp source");
        self.string(cx, src)?;
        let mut bits = 0;
        if let Some(f) = JsString::from_value(o.internal(2)) {
            let f = JsString::flatten(cx.heap(), f)?;
            for u in f.chars().units() {
                if let Some(&(_, b)) = REGEXP_FLAGS.iter().find(|(c, _)| *c as u16 == u) {
                    bits |= b;
                }
            }
        }
        self.u32(cx, bits)
    }

    fn buffer(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        let d = ab::data_of(o).expect("array buffer");
        if let Some(block) = d.shared_block() {
            let id = self.sink.shared_buffer(cx, block)?;
            self.u32(cx, id::SHARED_ARRAY_BUFFER)?;
            return self.u32(cx, id);
        }
        let Some((p, n)) = d.bytes() else {
            return Err(data_clone_error(
                cx,
                &[Part::Text(
                    "An ArrayBuffer is detached and could not be cloned.",
                )],
            ));
        };
        match d.max_len().filter(|_| !d.is_fixed_length()) {
            Some(max) => {
                self.u32(cx, id::RESIZABLE_ARRAY_BUFFER)?;
                let max = self.len32(cx, max)?;
                self.u32(cx, max)?;
            }
            None => self.u32(cx, id::ARRAY_BUFFER)?,
        }
        self.bytes(cx, p, n)
    }

    fn view(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        let tid = if o.class() == ObjectClass::DataView {
            id::DATA_VIEW
        } else {
            VIEW_IDS[crate::builtins::typed_array::kind_of(&o) as usize]
        };
        self.u32(cx, tid)?;
        self.value(cx, o.internal(0))?;
        let offset = o.internal(1).as_number().unwrap_or(0.0) as usize;
        let offset = self.len32(cx, offset)?;
        self.u32(cx, offset)?;
        let len = match o.internal(2).as_number() {
            Some(n) => self.len32(cx, n as usize)?,
            None => TRACKING,
        };
        self.u32(cx, len)
    }

    fn collection(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        let map = is_tag(o, Tag::Map);
        self.u32(cx, if map { id::MAP } else { id::SET })?;
        // The entries as they are now ([k0, v0, k1, v1, …] or the keys): writing one may run
        // getters that change the collection.
        let entries = crate::builtins::array::array_create(cx, 0, Value::NULL)?;
        let mut cur = Cursor::new(collection::table(cx, o)?);
        let mut n = 0u32;
        while let Some((k, val)) = cur.next() {
            let pair = [k, val];
            for &x in &pair[..if map { 2 } else { 1 }] {
                append(cx, entries, n, x)?;
                n += 1;
            }
        }
        let count = if map { n / 2 } else { n };
        self.sink.write(cx, &(count as i32).to_le_bytes())?;
        for i in 0..n {
            let x = entries.get_element(i).map_or(Value::UNDEFINED, |p| p.value);
            self.value(cx, x)?;
        }
        Ok(())
    }

    fn error(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        self.u32(cx, id::ERROR)?;
        let nk = cx.name(Name::name);
        let name = ops::get(cx, o, nk, o.to_value())?;
        let mut kind = 0u32;
        if let Some(n) = JsString::from_value(name) {
            let n = JsString::flatten(cx.heap(), n)?;
            if let Some(i) = ERROR_NAMES.iter().position(|s| n.chars().eq_ascii(s)) {
                kind = i as u32;
            }
        }
        self.u32(cx, kind)?;
        let mk = cx.name(Name::message);
        match ops::get_own_property(cx, o, mk)?.and_then(|d| d.value) {
            Some(m) => {
                let m = crate::convert::to_string(cx, m)?;
                self.u32(cx, 1)?;
                self.string(cx, m)?;
            }
            None => self.u32(cx, 0)?,
        }
        let ck = cx.rt.key("cause")?;
        match ops::get_own_property(cx, o, ck)?.and_then(|d| d.value) {
            Some(c) => {
                self.u32(cx, 1)?;
                self.value(cx, c)
            }
            None => self.u32(cx, 0),
        }
    }

    fn array(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        let len = o.array_length();
        let keys = ops::own_property_keys(cx, o)?;
        let indices = (0..keys.len())
            .filter(|&i| {
                keys.get(i)
                    .is_some_and(|k| PropertyKey::from_raw(k).as_index().is_some())
            })
            .count();
        // Sparse when large with few elements (ChakraCore samples for holes instead).
        let sparse = len > 64 && (indices as u64) * 2 < len as u64;
        self.u32(
            cx,
            if sparse {
                id::SPARSE_ARRAY
            } else {
                id::DENSE_ARRAY
            },
        )?;
        self.u32(cx, len)?;
        if sparse {
            for i in 0..keys.len() {
                let k = PropertyKey::from_raw(keys.get(i).expect("in range"));
                let Some(ix) = k.as_index() else { continue };
                if !enumerable_own(cx, o, k)? {
                    continue;
                }
                let v = ops::get(cx, o, k, o.to_value())?;
                self.u32(cx, ix)?;
                self.value(cx, v)?;
            }
            self.u32(cx, TERMINATOR)?;
        } else {
            for i in 0..len {
                let k = PropertyKey::index(i);
                if enumerable_own(cx, o, k)? {
                    let v = ops::get(cx, o, k, o.to_value())?;
                    self.value(cx, v)?;
                } else {
                    self.u32(cx, id::HOLE)?;
                }
            }
        }
        self.properties(cx, o, true)
    }

    /// The own enumerable string-keyed properties (read with Get, so getters run), then the
    /// terminator; `skip_indices` for arrays, whose elements were written already.
    fn properties(&mut self, cx: &mut Cx, o: Gc<Object>, skip_indices: bool) -> JsResult<()> {
        let keys = ops::own_property_keys(cx, o)?;
        for i in 0..keys.len() {
            let k = PropertyKey::from_raw(keys.get(i).expect("in range"));
            if k.is_symbol() || (skip_indices && k.as_index().is_some()) {
                continue;
            }
            // A property deleted meanwhile (by a getter) is left out.
            if !enumerable_own(cx, o, k)? {
                continue;
            }
            let v = ops::get(cx, o, k, o.to_value())?;
            let name = crate::convert::key_to_value(cx, k)?;
            let name = JsString::from_value(name).expect("string key");
            self.string(cx, name)?;
            self.value(cx, v)?;
        }
        self.u32(cx, TERMINATOR)
    }
}

fn enumerable_own(cx: &mut Cx, o: Gc<Object>, k: PropertyKey) -> JsResult<bool> {
    Ok(matches!(ops::get_own_property(cx, o, k)?, Some(d) if d.enumerable == Some(true)))
}

fn append(cx: &Cx, list: Gc<Object>, i: u32, v: Value) -> JsResult<()> {
    Object::put_element(
        cx.heap(),
        list,
        i,
        crate::object::Prop {
            value: v,
            attrs: crate::object::attrs::DEFAULT,
        },
    )?;
    Object::set_length_raw(list, i + 1);
    Ok(())
}
