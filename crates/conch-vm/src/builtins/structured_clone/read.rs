//! Reading the serialized structured clone (`wire.rs` has the format). Every length, index,
//! offset and reference is checked against the input and what was read: damaged or foreign
//! data throws a `DataCloneError` ("Unable to deserialize cloned data."), never reads past the
//! input.

use super::data_clone_error;
use super::wire::{id, ERROR_KINDS, REGEXP_FLAGS, TERMINATOR, TRACKING, VERSION, VIEW_IDS};
use crate::array_buffer as ab;
use crate::bigint::BigInt;
use crate::builtins::collection::{self, Tag};
use crate::builtins::error::shown::Part;
use crate::cx::{Cx, JsResult, Throw};
use crate::host::ElementType;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::PropertyKey;
use allocator_api2::vec::Vec as AVec;
use conch_gc::{Gc, GcHashMap, Value};
use conch_mm::Arena;

/// Where the serialized bytes come from, and the host's part of deserializing.
pub trait WireSource {
    /// The next `n` bytes, consumed (`None`: fewer are left; nothing is consumed).
    fn take(&self, n: usize) -> Option<&[u8]>;
    /// How many bytes were consumed (references name positions).
    fn position(&self) -> usize;
    /// The host reads a host object (the bytes after its id) and returns it.
    fn host_object(&self, cx: &mut Cx) -> JsResult<Value>;
    /// The SharedArrayBuffer a writer's `WireSink::shared_buffer` gave `id` for.
    fn shared_buffer(&self, cx: &mut Cx, id: u32) -> JsResult<Value>;
}

/// Reads one value (its version word first). ArrayBuffers that were transferred are taken from
/// `transfer` (the receiving side's buffers, in the writer's order).
pub fn read(cx: &mut Cx, src: &dyn WireSource, transfer: &[Value]) -> JsResult<Value> {
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let mut r = Reader {
        src,
        transfer,
        memo: GcHashMap::new(),
        units: AVec::new_in(&arena),
    };
    let version = r.u32(cx)?;
    if version >> 24 > VERSION >> 24 {
        return Err(data_clone_error(
            cx,
            &[Part::Text(
                "Unable to deserialize cloned data due to invalid or unsupported version.",
            )],
        ));
    }
    r.required(cx)
}

/// The error for damaged data (also for a host's part of it that cannot be used).
pub fn damaged(cx: &mut Cx) -> Throw {
    corrupt(cx)
}

fn corrupt(cx: &mut Cx) -> Throw {
    data_clone_error(cx, &[Part::Text("Unable to deserialize cloned data.")])
}

struct Reader<'s, 'a> {
    src: &'s dyn WireSource,
    transfer: &'s [Value],
    /// Position of a value's type id → the value read there.
    memo: GcHashMap<Value, Value>,
    /// Scratch space for string units.
    units: AVec<u16, &'a Arena>,
}

impl Reader<'_, '_> {
    fn take(&self, cx: &mut Cx, n: usize) -> JsResult<&[u8]> {
        self.src.take(n).ok_or_else(|| corrupt(cx))
    }

    fn u32(&self, cx: &mut Cx) -> JsResult<u32> {
        let b = self.take(cx, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&self, cx: &mut Cx) -> JsResult<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(cx, 8)?);
        Ok(u64::from_le_bytes(a))
    }

    fn f64(&self, cx: &mut Cx) -> JsResult<f64> {
        Ok(f64::from_bits(self.u64(cx)?))
    }

    fn padding(&self, cx: &mut Cx, n: usize) -> JsResult<()> {
        self.take(cx, (4 - n % 4) % 4).map(drop)
    }

    /// A string of `bytes` bytes (its length word read already).
    fn string_of(&mut self, cx: &mut Cx, bytes: u32) -> JsResult<Gc<JsString>> {
        let n = bytes as usize;
        if !n.is_multiple_of(2) || n / 2 > crate::MAX_STRING_LENGTH {
            return Err(corrupt(cx));
        }
        let src = self.src;
        let b = src.take(n).ok_or_else(|| corrupt(cx))?;
        self.units.clear();
        self.units
            .try_reserve(n / 2)
            .map_err(|_| Throw::OutOfMemory)?;
        self.units
            .extend(b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])));
        let s = JsString::from_utf16(cx.heap(), &self.units)?;
        self.padding(cx, n)?;
        Ok(s)
    }

    fn string(&mut self, cx: &mut Cx) -> JsResult<Gc<JsString>> {
        let n = self.u32(cx)?;
        self.string_of(cx, n)
    }

    fn bigint(&self, cx: &mut Cx) -> JsResult<Gc<BigInt>> {
        let neg = match self.u32(cx)? {
            0 => false,
            1 => true,
            _ => return Err(corrupt(cx)),
        };
        let n = self.u32(cx)? as usize;
        let b = self
            .src
            .take(n.checked_mul(8).ok_or_else(|| corrupt(cx))?)
            .ok_or_else(|| corrupt(cx))?;
        let arena = Arena::new(cx.rt.memory_manager().clone());
        let mut limbs: AVec<u64, &Arena> = AVec::new_in(&arena);
        limbs.try_reserve(n).map_err(|_| Throw::OutOfMemory)?;
        limbs.extend(
            b.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))),
        );
        BigInt::from_buf(cx, neg, &limbs)
    }

    /// A value that must be there (not an array hole).
    fn required(&mut self, cx: &mut Cx) -> JsResult<Value> {
        self.value(cx)?.ok_or_else(|| corrupt(cx))
    }

    fn remember(&mut self, cx: &mut Cx, at: usize, v: Value) -> JsResult<()> {
        self.memo.insert(cx.heap(), Value::number(at as f64), v)?;
        Ok(())
    }

    /// The next value; `None` for an array hole.
    fn value(&mut self, cx: &mut Cx) -> JsResult<Option<Value>> {
        cx.check()?;
        let at = self.src.position();
        let tid = self.u32(cx)?;
        let v = match tid {
            id::HOLE => return Ok(None),
            id::REFERENCE => {
                let pos = self.u32(cx)?;
                let v = self.memo.get(&Value::number(pos as f64));
                return v.map(Some).ok_or_else(|| corrupt(cx));
            }
            id::NULL => Value::NULL,
            id::UNDEFINED => Value::UNDEFINED,
            id::TRUE => Value::TRUE,
            id::FALSE => Value::FALSE,
            id::INT32 => Value::int(self.u32(cx)? as i32),
            id::DOUBLE => Value::number(self.f64(cx)?),
            id::BIGINT => self.bigint(cx)?.to_value(),
            id::STRING => {
                let s = self.string(cx)?.to_value();
                self.remember(cx, at, s)?;
                s
            }
            _ => return self.object(cx, tid, at).map(Some),
        };
        Ok(Some(v))
    }

    fn object(&mut self, cx: &mut Cx, tid: u32, at: usize) -> JsResult<Value> {
        let wrap = |cx: &mut Cx, v: Value| crate::convert::to_object(cx, v).map(|o| o.to_value());
        let v = match tid {
            id::TRUE_OBJECT => wrap(cx, Value::TRUE)?,
            id::FALSE_OBJECT => wrap(cx, Value::FALSE)?,
            id::NUMBER_OBJECT => {
                let d = self.f64(cx)?;
                wrap(cx, Value::number(d))?
            }
            id::STRING_OBJECT => {
                let s = self.string(cx)?;
                wrap(cx, s.to_value())?
            }
            id::BIGINT_OBJECT => {
                let b = self.bigint(cx)?;
                wrap(cx, b.to_value())?
            }
            id::DATE => {
                let t = time_clip(self.f64(cx)?);
                let o =
                    cx.new_object_with(ObjectClass::Date, cx.intrinsic(Intrinsic::DatePrototype))?;
                Object::set_internal(o, 0, Value::number(t));
                o.to_value()
            }
            id::REGEXP => self.regexp(cx)?,
            id::TRANSFERRED => {
                let i = self.u32(cx)? as usize;
                *self.transfer.get(i).ok_or_else(|| corrupt(cx))?
            }
            id::ARRAY_BUFFER | id::RESIZABLE_ARRAY_BUFFER => self.buffer(cx, tid)?,
            id::SHARED_ARRAY_BUFFER => {
                let n = self.u32(cx)?;
                self.src.shared_buffer(cx, n)?
            }
            id::HOST_OBJECT => self.src.host_object(cx)?,
            id::OBJECT => {
                let o = cx.new_object()?;
                self.remember(cx, at, o.to_value())?;
                self.properties(cx, o)?;
                return Ok(o.to_value());
            }
            id::DENSE_ARRAY | id::SPARSE_ARRAY => return self.array(cx, tid, at),
            id::MAP | id::SET => return self.collection(cx, tid, at),
            id::ERROR => return self.error(cx, at),
            _ => return self.view(cx, tid, at),
        };
        self.remember(cx, at, v)?;
        Ok(v)
    }

    fn regexp(&mut self, cx: &mut Cx) -> JsResult<Value> {
        let src = self.string(cx)?;
        let bits = self.u32(cx)?;
        let mut flags = [0u8; 8];
        let mut n = 0;
        for &(c, b) in &REGEXP_FLAGS {
            if bits & b != 0 {
                flags[n] = c;
                n += 1;
            }
        }
        if bits >> REGEXP_FLAGS.len() != 0 {
            return Err(corrupt(cx));
        }
        let f = JsString::from_latin1(cx.heap(), &flags[..n])?;
        crate::builtins::regexp::create_from_literal(cx, src.to_value(), f.to_value())
    }

    fn buffer(&mut self, cx: &mut Cx, tid: u32) -> JsResult<Value> {
        let max = if tid == id::RESIZABLE_ARRAY_BUFFER {
            Some(self.u32(cx)? as usize)
        } else {
            None
        };
        let n = self.u32(cx)? as usize;
        if max.is_some_and(|m| n > m) {
            return Err(corrupt(cx));
        }
        let b = self.src.take(n).ok_or_else(|| corrupt(cx))?;
        let o = ab::create_with(cx, n, max, false)?;
        let (p, len) = ab::data_of(o)
            .and_then(|d| d.bytes())
            .ok_or_else(|| corrupt(cx))?;
        if n > 0 && len == n {
            // SAFETY: the fresh buffer's `n` bytes; `b` is host input, a different mapping.
            unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p, n) };
        }
        self.padding(cx, n)?;
        Ok(o.to_value())
    }

    fn view(&mut self, cx: &mut Cx, tid: u32, at: usize) -> JsResult<Value> {
        let kind = if tid == id::DATA_VIEW {
            None
        } else {
            let i = VIEW_IDS
                .iter()
                .position(|&t| t == tid)
                .ok_or_else(|| corrupt(cx))?;
            Some(KINDS[i])
        };
        let buffer = self.required(cx)?;
        let offset = self.u32(cx)? as u64;
        let len = self.u32(cx)?;
        let b = Object::from_value(buffer).ok_or_else(|| corrupt(cx))?;
        let d = ab::data_of(b).ok_or_else(|| corrupt(cx))?;
        let size = kind.map_or(1, |k| k.size()) as u64;
        let avail = d.len() as u64;
        let fits = if len == TRACKING {
            !d.is_fixed_length() && offset <= avail
        } else {
            offset
                .checked_add(len as u64 * size)
                .is_some_and(|end| end <= avail)
        };
        if d.is_detached() || !offset.is_multiple_of(size) || !fits {
            return Err(corrupt(cx));
        }
        let len = (len != TRACKING).then_some(len as u64);
        let v = match kind {
            Some(k) => {
                let proto = crate::builtins::typed_array::default_proto(cx, k)?;
                crate::builtins::typed_array::make_view(cx, k, proto, b, offset, len)?.to_value()
            }
            None => {
                let o = cx.new_object_with(
                    ObjectClass::DataView,
                    cx.intrinsic(Intrinsic::DataViewPrototype),
                )?;
                Object::set_internal(o, 0, buffer);
                Object::set_internal(o, 1, Value::number(offset as f64));
                let l = len.map_or(Value::UNDEFINED, |n| Value::number(n as f64));
                Object::set_internal(o, 2, l);
                o.to_value()
            }
        };
        self.remember(cx, at, v)?;
        Ok(v)
    }

    fn array(&mut self, cx: &mut Cx, tid: u32, at: usize) -> JsResult<Value> {
        let len = self.u32(cx)?;
        let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
        let a = crate::builtins::array::array_create(cx, len, proto)?;
        self.remember(cx, at, a.to_value())?;
        if tid == id::DENSE_ARRAY {
            for i in 0..len {
                if let Some(v) = self.value(cx)? {
                    ops::create_data_property(cx, a, PropertyKey::index(i), v)?;
                }
            }
        } else {
            loop {
                let i = self.u32(cx)?;
                if i == TERMINATOR {
                    break;
                }
                if i >= len {
                    return Err(corrupt(cx));
                }
                let v = self.required(cx)?;
                ops::create_data_property(cx, a, PropertyKey::index(i), v)?;
            }
        }
        self.properties(cx, a)?;
        Ok(a.to_value())
    }

    fn properties(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
        loop {
            let n = self.u32(cx)?;
            if n == TERMINATOR {
                return Ok(());
            }
            let name = self.string_of(cx, n)?;
            let key = crate::convert::to_property_key(cx, name.to_value())?;
            let v = self.required(cx)?;
            ops::create_data_property(cx, o, key, v)?;
        }
    }

    fn collection(&mut self, cx: &mut Cx, tid: u32, at: usize) -> JsResult<Value> {
        let map = tid == id::MAP;
        let (tag, proto) = if map {
            (Tag::Map, Intrinsic::MapPrototype)
        } else {
            (Tag::Set, Intrinsic::SetPrototype)
        };
        let o = collection::new_collection(cx, tag, cx.intrinsic(proto))?;
        self.remember(cx, at, o.to_value())?;
        let count = self.u32(cx)? as i32;
        if count < 0 {
            return Err(corrupt(cx));
        }
        for _ in 0..count {
            let k = self.required(cx)?;
            let v = if map {
                self.required(cx)?
            } else {
                Value::UNDEFINED
            };
            let k = collection::normalize(cx, k)?;
            collection::table(cx, o)?.set(cx.heap(), k, v)?;
        }
        Ok(o.to_value())
    }

    fn error(&mut self, cx: &mut Cx, at: usize) -> JsResult<Value> {
        let kind = *ERROR_KINDS
            .get(self.u32(cx)? as usize)
            .ok_or_else(|| corrupt(cx))?;
        let msg = match self.u32(cx)? {
            0 => Value::UNDEFINED,
            1 => self.string(cx)?.to_value(),
            _ => return Err(corrupt(cx)),
        };
        let e = cx.error_object_with(kind, msg)?;
        self.remember(cx, at, e.to_value())?;
        match self.u32(cx)? {
            0 => {}
            1 => {
                let c = self.required(cx)?;
                let ck = cx.rt.key("cause")?;
                super::super::data(cx, e, ck, c, attrs::HIDDEN)?;
            }
            _ => return Err(corrupt(cx)),
        }
        Ok(e.to_value())
    }
}

/// Element types by their place in `VIEW_IDS`.
const KINDS: [ElementType; 12] = [
    ElementType::Int8,
    ElementType::Uint8,
    ElementType::Uint8Clamped,
    ElementType::Int16,
    ElementType::Uint16,
    ElementType::Int32,
    ElementType::Uint32,
    ElementType::Float32,
    ElementType::Float64,
    ElementType::BigInt64,
    ElementType::BigUint64,
    ElementType::Float16,
];

/// TimeClip (§21.4.1.31).
fn time_clip(t: f64) -> f64 {
    if !t.is_finite() || t.abs() > 8.64e15 {
        f64::NAN
    } else {
        t.trunc() + 0.0
    }
}
