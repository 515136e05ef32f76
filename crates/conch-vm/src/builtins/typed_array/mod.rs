//! `%TypedArray%` and the nine concrete constructors (§23.2) over ArrayBuffers.
//!
//! A typed array is an object of class `TypedArray` (see `ObjectClass::TypedArray` for its
//! internal slots). Its element semantics (integer-indexed exotic object, §10.4.5) are the
//! object model's external indexed storage: [`elements`] describes the view's bytes as an
//! `ExternalElements` (zero elements when the buffer is detached), which `ops::object` already
//! treats with typed-array rules for every internal method. The contents are the buffer's own
//! accounted mapping, so nothing here allocates element storage of its own.
//!
//! Split: this file holds the model, the constructors and the getters; `methods` the
//! prototype methods; `statics` `from`/`of` and the species machinery.

pub mod host_api;
mod methods;
mod statics;
#[cfg(test)]
mod tests;

use super::{
    arg, create_function, data, fill_constructor, link_constructor, method, FunctionOptions, Lazy,
};
use crate::array_buffer::{create as create_buffer, data_of};
use crate::convert::{length_of_array_like, to_number};
use crate::cx::{Cx, JsResult};
use crate::host::{ElementType, ExternalElements};
use crate::key::PropertyKey;
use crate::numconv::to_integer_or_infinity;
use crate::object::{attrs, Accessor, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

/// The element types in `JsTypedArrayType` order.
pub(crate) const KINDS: [ElementType; 12] = [
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

/// The constructor name of an element type.
pub(crate) fn kind_name(k: ElementType) -> &'static str {
    use ElementType::*;
    match k {
        Int8 => "Int8Array",
        Uint8 => "Uint8Array",
        Uint8Clamped => "Uint8ClampedArray",
        Int16 => "Int16Array",
        Uint16 => "Uint16Array",
        Int32 => "Int32Array",
        Uint32 => "Uint32Array",
        Float32 => "Float32Array",
        Float64 => "Float64Array",
        BigInt64 => "BigInt64Array",
        BigUint64 => "BigUint64Array",
        Float16 => "Float16Array",
    }
}

const CTORS: [Intrinsic; 12] = [
    Intrinsic::Int8Array,
    Intrinsic::Uint8Array,
    Intrinsic::Uint8ClampedArray,
    Intrinsic::Int16Array,
    Intrinsic::Uint16Array,
    Intrinsic::Int32Array,
    Intrinsic::Uint32Array,
    Intrinsic::Float32Array,
    Intrinsic::Float64Array,
    Intrinsic::BigInt64Array,
    Intrinsic::BigUint64Array,
    Intrinsic::Float16Array,
];

const PROTOS: [Intrinsic; 12] = [
    Intrinsic::Int8ArrayPrototype,
    Intrinsic::Uint8ArrayPrototype,
    Intrinsic::Uint8ClampedArrayPrototype,
    Intrinsic::Int16ArrayPrototype,
    Intrinsic::Uint16ArrayPrototype,
    Intrinsic::Int32ArrayPrototype,
    Intrinsic::Uint32ArrayPrototype,
    Intrinsic::Float32ArrayPrototype,
    Intrinsic::Float64ArrayPrototype,
    Intrinsic::BigInt64ArrayPrototype,
    Intrinsic::BigUint64ArrayPrototype,
    Intrinsic::Float16ArrayPrototype,
];

/// The element type of a typed array object.
pub(crate) fn kind_of(o: &Object) -> ElementType {
    let i = o.internal(3).as_int().unwrap_or(0);
    KINDS.get(i as usize).copied().unwrap_or(ElementType::Uint8)
}

/// Whether elements of `k` are BigInts (content type BigInt).
pub(crate) fn is_big(k: ElementType) -> bool {
    matches!(k, ElementType::BigInt64 | ElementType::BigUint64)
}

/// An element value converted for storage.
#[derive(Clone, Copy)]
pub(crate) enum Elem {
    Num(f64),
    /// The BigInt modulo 2^64.
    Big(u64),
}

/// The low 64 bits (two's complement) of a BigInt.
fn bigint_word(b: &crate::bigint::BigInt) -> u64 {
    let low = b.digits().first().copied().unwrap_or(0);
    if b.is_neg() {
        low.wrapping_neg()
    } else {
        low
    }
}

/// The spec's conversion for storing into a `kind` element: ToNumber or ToBigInt.
pub(crate) fn to_elem(cx: &mut Cx, kind: ElementType, v: Value) -> JsResult<Elem> {
    if is_big(kind) {
        let b = crate::convert::to_bigint(cx, v)?;
        Ok(Elem::Big(bigint_word(&b)))
    } else {
        Ok(Elem::Num(to_number(cx, v)?))
    }
}

/// An already converted element value (a Number or a BigInt) for storage.
pub(crate) fn elem_of(v: Value) -> Elem {
    match crate::bigint::BigInt::from_value(v) {
        Some(b) => Elem::Big(bigint_word(&b)),
        None => Elem::Num(v.as_number().unwrap_or(0.0)),
    }
}

/// Stores a converted value into element `i` (caller checks `i < length`).
pub fn write_elem(e: &ExternalElements, i: u32, x: Elem) {
    match x {
        Elem::Num(d) => e.write(i, d),
        Elem::Big(w) => e.write_u64(i, w),
    }
}

/// Element `i` as a value (caller checks `i < length`); BigInt elements allocate.
pub fn read_value(cx: &Cx, e: &ExternalElements, i: u32) -> JsResult<Value> {
    Ok(match e.kind {
        ElementType::BigInt64 => {
            crate::bigint::BigInt::from_i64(cx.heap(), e.read_u64(i) as i64)?.to_value()
        }
        ElementType::BigUint64 => {
            crate::bigint::BigInt::from_u64(cx.heap(), e.read_u64(i))?.to_value()
        }
        _ => Value::number(e.read(i)),
    })
}

/// The conversion of `[[Set]]`/`[[DefineOwnProperty]]` on `o`'s elements, then the store
/// if `i` is still in bounds (used by `ops::object`).
pub fn convert_and_store(cx: &mut Cx, o: &Object, i: u32, v: Value) -> JsResult<()> {
    let kind = match elements(o) {
        Some(e) => e.kind,
        None => match crate::ops::external_elements(o) {
            Some(e) => e.kind,
            None => return Ok(()),
        },
    };
    let x = to_elem(cx, kind, v)?;
    if let Some(e) = crate::ops::external_elements(o).filter(|e| i < e.length) {
        write_elem(&e, i, x);
    }
    Ok(())
}

fn slot(o: &Object, i: usize) -> usize {
    o.internal(i).as_number().unwrap_or(0.0) as usize
}

/// `[[ArrayLength]]`: `None` for a length-tracking view (`auto`, stored as `undefined`).
pub(crate) fn fixed_length(o: &Object) -> Option<usize> {
    let v = o.internal(2);
    (!v.is_undefined()).then(|| v.as_number().unwrap_or(0.0) as usize)
}

/// The length of a view of `blen` bytes' buffer (TypedArrayLength), or `None` when the view
/// is out of bounds (IsTypedArrayOutOfBounds).
fn length_in(o: &Object, size: usize, blen: usize) -> Option<usize> {
    view_length(slot(o, 1), fixed_length(o), size, blen)
}

/// [`length_in`] from the view's byte offset and `[[ArrayLength]]`.
#[inline]
fn view_length(off: usize, fixed: Option<usize>, size: usize, blen: usize) -> Option<usize> {
    match fixed {
        None => (off <= blen).then(|| (blen - off) / size),
        Some(n) => n
            .checked_mul(size)
            .and_then(|b| b.checked_add(off))
            .filter(|&end| end <= blen)
            .map(|_| n),
    }
}

/// The element storage of a typed array (`None` for other objects): zero elements when its
/// buffer is detached or the view out of bounds (IsTypedArrayOutOfBounds); a length-tracking
/// view's length follows its buffer's (TypedArrayLength).
pub fn elements(o: &Object) -> Option<ExternalElements> {
    elements_and_data(o).map(|(e, _)| e)
}

/// [`elements`] and the buffer's data (`None` when detached): the interpreter's element
/// fast paths, which also need the buffer's immutability for stores.
#[inline]
pub(crate) fn elements_and_data(
    o: &Object,
) -> Option<(
    ExternalElements,
    Option<Gc<crate::array_buffer::BufferData>>,
)> {
    if o.class() != ObjectClass::TypedArray {
        return None;
    }
    // Every element access comes here: the four internal values are read once (buffer,
    // byte offset, length or undefined, kind), not through `internal(i)` each.
    let [buf, off, fixed, k] = o.iter_internals()?;
    let kind = KINDS
        .get(k.get().as_int().unwrap_or(0) as usize)
        .copied()
        .unwrap_or(ElementType::Uint8);
    let empty = ExternalElements {
        data: 0,
        kind,
        length: 0,
    };
    let Some(d) = Object::from_value(buf.get()).and_then(data_of) else {
        return Some((empty, None));
    };
    let Some((ptr, blen)) = d.bytes() else {
        return Some((empty, None));
    };
    // Offsets and lengths are int32 values unless past 2^31 (no float conversion then).
    let size = |v: Value| match v.as_int() {
        Some(i) => i as usize,
        None => v.as_number().unwrap_or(0.0) as usize,
    };
    let off = size(off.get());
    let fixed = fixed.get();
    let fixed = (!fixed.is_undefined()).then(|| size(fixed));
    let Some(len) = view_length(off, fixed, kind.size(), blen) else {
        return Some((empty, Some(d)));
    };
    let e = ExternalElements {
        data: ptr as usize + off,
        kind,
        length: len.min(u32::MAX as usize) as u32,
    };
    Some((e, Some(d)))
}

/// The buffer data of a typed array or DataView (`internal(0)`).
pub(crate) fn buffer_of(o: &Object) -> Option<Gc<crate::array_buffer::BufferData>> {
    Object::from_value(o.internal(0)).and_then(data_of)
}

/// `CanonicalNumericIndexString` for a string key that is not an array index: whether the
/// key is the canonical text of a number ("-0", "1.5", "-1", "Infinity", "4294967295", …).
pub fn is_canonical_numeric(key: PropertyKey) -> bool {
    let Some(s) = key.as_atom() else {
        return false;
    };
    let Some(chars) = s.try_chars() else {
        return false;
    };
    let n = chars.len();
    let first = if n == 0 { 0 } else { chars.at(0) };
    if n == 0
        || n > 32
        || !(first == b'-' as u16
            || first == b'I' as u16
            || first == b'N' as u16
            || (b'0' as u16..=b'9' as u16).contains(&first))
    {
        return false;
    }
    let mut units = [0u16; 32];
    for (i, u) in units.iter_mut().enumerate().take(n) {
        *u = chars.at(i);
    }
    let units = &units[..n];
    if units == [b'-' as u16, b'0' as u16] {
        return true;
    }
    let d = crate::numconv::string_to_number(units);
    let mut buf = [0u8; 32];
    let text = crate::numconv::number_to_string(d, &mut buf);
    text.len() == n && text.bytes().zip(units).all(|(b, &u)| b as u16 == u)
}

/// IsTypedArrayOutOfBounds: whether the buffer is detached or the view out of its bounds.
pub(crate) fn is_out_of_bounds(o: &Object) -> bool {
    let Some(d) = buffer_of(o) else {
        return true;
    };
    match d.bytes() {
        None => true,
        Some((_, blen)) => length_in(o, kind_of(o).size(), blen).is_none(),
    }
}

/// `ValidateTypedArray(O)`: the typed array and its elements, or a TypeError.
pub(crate) fn validate(cx: &Cx, v: Value, what: &str) -> JsResult<(Gc<Object>, ExternalElements)> {
    validate_mode(cx, v, what, false)
}

/// `ValidateTypedArray(O, order, write)`: also refuses a view of an immutable buffer.
pub(crate) fn validate_write(
    cx: &Cx,
    v: Value,
    what: &str,
) -> JsResult<(Gc<Object>, ExternalElements)> {
    validate_mode(cx, v, what, true)
}

/// Whether `o`'s buffer is immutable (IsImmutableBuffer of its `[[ViewedArrayBuffer]]`).
pub(crate) fn is_immutable(o: &Object) -> bool {
    buffer_of(o).is_some_and(|d| d.is_immutable())
}

fn validate_mode(
    cx: &Cx,
    v: Value,
    what: &str,
    write: bool,
) -> JsResult<(Gc<Object>, ExternalElements)> {
    let Some(o) = Object::from_value(v).filter(|o| o.class() == ObjectClass::TypedArray) else {
        // V8's words: most methods say "this is not a typed array.", a few name themselves.
        let named = what
            .strip_prefix("%TypedArray%.prototype.")
            .is_some_and(|m| {
                matches!(
                    m,
                    "at" | "join" | "slice" | "sort" | "toLocaleString" | "toReversed" | "toSorted"
                )
            });
        if named {
            return Err(crate::builtins::error::shown::incompatible_receiver(
                cx,
                &[what],
                v,
            ));
        }
        if what.starts_with('%') {
            return Err(cx.type_error("this is not a typed array."));
        }
        let mut buf = [0u8; 128];
        let msg = super::array::format_into(&mut buf, &[what, ": this is not a typed array"]);
        return Err(cx.type_error(msg));
    };
    if write && is_immutable(&o) {
        let mut buf = [0u8; 128];
        let msg = super::array::format_into(&mut buf, &[what, ": the buffer is immutable"]);
        return Err(cx.type_error(msg));
    }
    if is_out_of_bounds(&o) {
        let mut buf = [0u8; 128];
        let msg = if buffer_of(&o).is_none_or(|d| d.bytes().is_none()) {
            // V8's words for a detached buffer.
            super::array::format_into(
                &mut buf,
                &["Cannot perform ", what, " on a detached ArrayBuffer"],
            )
        } else {
            super::array::format_into(
                &mut buf,
                &[what, ": the buffer is detached or the view out of bounds"],
            )
        };
        return Err(cx.type_error(msg));
    }
    Ok((o, elements(&o).expect("typed array")))
}

/// Element `i` as a value (`undefined` out of bounds; the storage is re-read every time, since
/// script may have detached the buffer).
pub(crate) fn get_el(cx: &Cx, o: &Object, i: u64) -> JsResult<Value> {
    match elements(o) {
        Some(e) if i < e.length as u64 => read_value(cx, &e, i as u32),
        _ => Ok(Value::UNDEFINED),
    }
}

/// `TypedArraySetElement(O, i, v)`: converts first, then stores if still in bounds.
pub(crate) fn set_el(cx: &mut Cx, o: &Object, i: u64, v: Value) -> JsResult<()> {
    let x = to_elem(cx, kind_of(o), v)?;
    write_at(o, i, x);
    Ok(())
}

/// Stores an already converted value if `i` is in bounds.
pub(crate) fn write_at(o: &Object, i: u64, x: Elem) {
    if let Some(e) = elements(o).filter(|e| i < e.length as u64) {
        write_elem(&e, i as u32, x);
    }
}

/// `ToIndex(v)`.
pub(crate) fn to_index(cx: &mut Cx, v: Value) -> JsResult<u64> {
    to_index_or(cx, v, &["Invalid index"], false)
}

/// `ToIndex(v)` whose RangeError is `words` (V8's for the argument at hand), with the
/// integer between the first and the rest when `show` ("Invalid typed array length: -1",
/// "Start offset -1 is outside the bounds of the buffer").
pub(crate) fn to_index_or(cx: &mut Cx, v: Value, words: &[&str], show: bool) -> JsResult<u64> {
    if v.is_undefined() {
        return Ok(0);
    }
    let n = to_integer_or_infinity(to_number(cx, v)?);
    if !(0.0..=9_007_199_254_740_991.0).contains(&n) {
        let mut nb = [0u8; 32];
        let mut buf = [0u8; 128];
        let shown = if show {
            crate::numconv::number_to_string(n, &mut nb)
        } else {
            ""
        };
        let parts = [
            words.first().copied().unwrap_or(""),
            shown,
            words.get(1).copied().unwrap_or(""),
        ];
        let m = super::array::format_into(&mut buf, &parts);
        return Err(cx.range_error(m));
    }
    Ok(n as u64)
}

/// A new typed array object of `kind` over `buffer` (no checks: the caller validated).
pub(crate) fn make_view(
    cx: &Cx,
    kind: ElementType,
    proto: Value,
    buffer: Gc<Object>,
    offset: u64,
    len: Option<u64>,
) -> JsResult<Gc<Object>> {
    let o = cx.new_object_with(ObjectClass::TypedArray, proto)?;
    Object::set_internal(o, 0, buffer.to_value());
    Object::set_internal(o, 1, Value::number(offset as f64));
    let l = len.map_or(Value::UNDEFINED, |n| Value::number(n as f64));
    Object::set_internal(o, 2, l);
    Object::set_internal(o, 3, Value::int(kind as i32));
    cache_view(&o);
    Ok(o)
}

/// V8's RangeError for a view starting past its buffer: "Start offset 5 is outside the bounds
/// of the buffer" (typed arrays and DataViews).
pub(crate) fn start_offset_error(cx: &Cx, offset: u64) -> crate::Throw {
    let mut buf = [0u8; 96];
    let mut nb = [0u8; 32];
    let m = super::array::format_into(
        &mut buf,
        &[
            "Start offset ",
            crate::numconv::number_to_string(offset as f64, &mut nb),
            " is outside the bounds of the buffer",
        ],
    );
    cx.range_error(m)
}

/// Works out the elements of a view over a fixed-length buffer once (the interpreter's
/// element accesses then read [`fast_elements`]); other views keep the full computation.
fn cache_view(o: &Object) {
    let Some((e, Some(d))) = elements_and_data(o) else {
        return;
    };
    if !d.is_fixed_length() {
        return;
    }
    let len = d.len();
    let Some(base) = d.fixed_addr(false, len) else {
        return;
    };
    // An out-of-bounds view (no elements, address 0) is not cached.
    let Some(offset) = e.data.checked_sub(base) else {
        return;
    };
    let kind = KINDS.iter().position(|&k| k == e.kind).unwrap_or(1) as u8;
    o.set_typed_view(d.to_value(), len, offset, e.length, kind);
}

/// The elements of a typed array whose view is cached (see `cache_view`), if its buffer is
/// still attached (and, for `write`, mutable); `None` sends the caller to [`elements`].
#[inline]
pub(crate) fn fast_elements(o: &Object, write: bool) -> Option<ExternalElements> {
    let (d, buffer_len, offset, length, kind) = o.typed_view()?;
    // SAFETY: the cached view holds undefined or the buffer's `BufferData` cell (`cache_view`).
    let d = unsafe { Gc::<crate::array_buffer::BufferData>::from_addr(d.cell_addr()?) }?;
    let base = d.fixed_addr(write, buffer_len)?;
    Some(ExternalElements {
        data: base + offset,
        kind: *KINDS.get(kind as usize)?,
        length,
    })
}

/// `AllocateTypedArrayBuffer`: a fresh zeroed buffer for `len` elements.
pub(crate) fn allocate(cx: &Cx, kind: ElementType, proto: Value, len: u64) -> JsResult<Gc<Object>> {
    let bytes = len.checked_mul(kind.size() as u64);
    let Some(bytes) = bytes.filter(|_| len <= u32::MAX as u64) else {
        return Err(cx.range_error("Invalid typed array length"));
    };
    if bytes > crate::array_buffer::MAX_BYTE_LENGTH {
        return Err(cx.range_error("Invalid typed array length"));
    }
    let buf = create_buffer(cx, bytes as usize)?;
    make_view(cx, kind, proto, buf, 0, Some(len))
}

/// The default prototype of `kind`'s typed arrays in the current realm. The prototypes
/// (`%TypedArray.prototype%` and the nine concrete ones) are made on first use, so that a
/// realm that never touches typed arrays does not pay for ten more objects.
pub(crate) fn default_proto(cx: &Cx, kind: ElementType) -> JsResult<Value> {
    let v = cx.intrinsic(PROTOS[kind as usize]);
    if !v.is_undefined() {
        return Ok(v);
    }
    let base = typed_array_proto(cx)?;
    let p = cx.new_singleton(ObjectClass::Ordinary, base)?;
    Object::set_lazy(p, Lazy::ConcreteTypedArrayProto as u8);
    Context::set_intrinsic(cx.realm, PROTOS[kind as usize], p.to_value());
    Ok(p.to_value())
}

/// `%TypedArray.prototype%`, made on first use (see [`default_proto`]).
fn typed_array_proto(cx: &Cx) -> JsResult<Value> {
    let v = cx.intrinsic(Intrinsic::TypedArrayPrototype);
    if !v.is_undefined() {
        return Ok(v);
    }
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let p = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(p, Lazy::TypedArrayProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::TypedArrayPrototype, p.to_value());
    Ok(p.to_value())
}

/// `GetPrototypeFromConstructor(newTarget, kind's prototype)` with the lazily made default.
fn proto_from_ctor(cx: &mut Cx, nt: Value, kind: ElementType) -> JsResult<Value> {
    default_proto(cx, kind)?;
    let p = ops::prototype_from_constructor(cx, nt, PROTOS[kind as usize])?;
    if Object::from_value(p).is_some() {
        return Ok(p);
    }
    // `newTarget`'s realm has not made its prototype yet: make it there.
    match Object::from_value(nt) {
        Some(c) => {
            let realm = ops::function_realm(cx, c)?;
            default_proto(&Cx::new(cx.rt, realm), kind)
        }
        None => default_proto(cx, kind),
    }
}

/// The concrete constructor of `kind` in the current realm.
pub(crate) fn ctor_of(cx: &Cx, kind: ElementType) -> Value {
    cx.intrinsic(CTORS[kind as usize])
}

/// The shared constructor steps (§23.2.5.1).
fn construct(cx: &mut Cx, kind: ElementType, args: &[Value], nt: Value) -> JsResult<Value> {
    if nt.is_undefined() {
        let mut buf = [0u8; 64];
        let msg = super::array::format_into(
            &mut buf,
            &["Constructor ", kind_name(kind), " requires 'new'"],
        );
        return Err(cx.type_error(msg));
    }
    let first = arg(args, 0);
    let Some(src) = Object::from_value(first) else {
        let len = to_index_or(cx, first, &["Invalid typed array length: "], true)?;
        let proto = proto_from_ctor(cx, nt, kind)?;
        return Ok(allocate(cx, kind, proto, len)?.to_value());
    };
    let proto = proto_from_ctor(cx, nt, kind)?;
    match src.class() {
        ObjectClass::TypedArray => {
            let (_, e) = validate(cx, first, kind_name(kind))?;
            if is_big(e.kind) != is_big(kind) {
                return Err(cx.type_error("Content types of source and new typed array differ"));
            }
            let o = allocate(cx, kind, proto, e.length as u64)?;
            copy_elements(cx, &o, &src, e.length as u64)?;
            Ok(o.to_value())
        }
        ObjectClass::ArrayBuffer => from_buffer(cx, kind, proto, src, arg(args, 1), arg(args, 2)),
        _ => {
            let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
            let using = ops::iteration::get_method(cx, first, ik)?;
            let values = GcVec::<Value>::new();
            if !using.is_undefined() {
                let r = ops::iteration::get_iterator_from_method(cx, first, using)?;
                while let Some(v) = ops::iteration::iterator_step_value(cx, r)? {
                    values.push(cx.heap(), v)?;
                }
                let o = allocate(cx, kind, proto, values.len() as u64)?;
                for (i, v) in values.iter().enumerate() {
                    super::array::tick(cx, i as u64)?;
                    set_el(cx, &o, i as u64, v)?;
                }
                return Ok(o.to_value());
            }
            let len = length_of_array_like(cx, src)?;
            let o = allocate(cx, kind, proto, len)?;
            for i in 0..len {
                super::array::tick(cx, i)?;
                let v = super::array::get_index(cx, src, i)?;
                set_el(cx, &o, i, v)?;
            }
            Ok(o.to_value())
        }
    }
}

/// Copies `n` elements from `src` into `dst` (both in bounds), converting through numbers, or
/// byte-wise when that gives the same result. Views of one buffer that overlap are read from
/// a copy of the source (an accounted buffer), as the spec's CloneArrayBuffer.
pub(crate) fn copy_elements(cx: &Cx, dst: &Object, src: &Object, n: u64) -> JsResult<()> {
    let (Some(d), Some(mut s)) = (elements(dst), elements(src)) else {
        return Ok(());
    };
    let n = n.min(d.length as u64).min(s.length as u64) as u32;
    if same_bits(d.kind, s.kind) {
        // SAFETY: both ranges lie inside live buffers (checked against their lengths just
        // above); `copy` allows overlap.
        unsafe {
            std::ptr::copy(
                s.data as *const u8,
                d.data as *mut u8,
                n as usize * d.kind.size(),
            )
        };
        return Ok(());
    }
    let sbytes = n as usize * s.kind.size();
    let _keep;
    if d.data < s.data + sbytes && s.data < d.data + n as usize * d.kind.size() {
        let tmp = create_buffer(cx, sbytes)?;
        _keep = tmp;
        let (p, _) = data_of(tmp).and_then(|t| t.bytes()).expect("fresh buffer");
        // SAFETY: `tmp` is a fresh buffer of `sbytes` bytes; the source range is in bounds.
        unsafe { std::ptr::copy_nonoverlapping(s.data as *const u8, p, sbytes) };
        s.data = p as usize;
    }
    for i in 0..n {
        d.write(i, s.read(i));
    }
    Ok(())
}

/// Whether storing `src`'s values into `dst` through numbers copies their bytes unchanged.
fn same_bits(dst: ElementType, src: ElementType) -> bool {
    use ElementType::*;
    let float = |k| matches!(k, Float16 | Float32 | Float64);
    let ints = dst.size() == src.size() && !float(dst) && !float(src) && is_big(dst) == is_big(src);
    dst == src || (ints && !(dst == Uint8Clamped && src == Int8))
}

/// InitializeTypedArrayFromArrayBuffer.
fn from_buffer(
    cx: &mut Cx,
    kind: ElementType,
    proto: Value,
    buf: Gc<Object>,
    byte_offset: Value,
    length: Value,
) -> JsResult<Value> {
    let size = kind.size() as u64;
    let offset = to_index_or(
        cx,
        byte_offset,
        &["Start offset ", " is outside the bounds of the buffer"],
        true,
    )?;
    if !offset.is_multiple_of(size) {
        let mut buf = [0u8; 96];
        let mut nb = [0u8; 32];
        let m = super::array::format_into(
            &mut buf,
            &[
                "start offset of ",
                kind_name(kind),
                " should be a multiple of ",
                crate::numconv::number_to_string(size as f64, &mut nb),
            ],
        );
        return Err(cx.range_error(m));
    }
    let new_len = if length.is_undefined() {
        None
    } else {
        Some(to_index_or(
            cx,
            length,
            &["Invalid typed array length: "],
            true,
        )?)
    };
    let d = data_of(buf).expect("array buffer");
    if d.is_detached() {
        return Err(cx.type_error("Cannot perform Construct on a detached ArrayBuffer"));
    }
    let blen = d.len() as u64;
    if new_len.is_none() && !d.is_fixed_length() {
        if offset > blen {
            return Err(cx.range_error("Start offset is outside the bounds of the buffer"));
        }
        return Ok(make_view(cx, kind, proto, buf, offset, None)?.to_value());
    }
    let len = match new_len {
        None => {
            if !blen.is_multiple_of(size) {
                let mut buf = [0u8; 96];
                let mut nb = [0u8; 32];
                let m = super::array::format_into(
                    &mut buf,
                    &[
                        "byte length of ",
                        kind_name(kind),
                        " should be a multiple of ",
                        crate::numconv::number_to_string(size as f64, &mut nb),
                    ],
                );
                return Err(cx.range_error(m));
            }
            if offset > blen {
                return Err(start_offset_error(cx, offset));
            }
            (blen - offset) / size
        }
        Some(n) => {
            if offset.saturating_add(n.saturating_mul(size)) > blen {
                let mut buf = [0u8; 96];
                let mut nb = [0u8; 32];
                let m = super::array::format_into(
                    &mut buf,
                    &[
                        "Invalid typed array length: ",
                        crate::numconv::number_to_string(n as f64, &mut nb),
                    ],
                );
                return Err(cx.range_error(m));
            }
            n
        }
    };
    if len > u32::MAX as u64 {
        return Err(cx.range_error("Invalid typed array length"));
    }
    Ok(make_view(cx, kind, proto, buf, offset, Some(len))?.to_value())
}

macro_rules! ctors {
    ($($f:ident = $k:ident),*) => {
        $(fn $f(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
            construct(cx, ElementType::$k, args, nt)
        })*
        const CTOR_FNS: [crate::object::NativeFn; 12] = [$($f),*];
    };
}
ctors!(
    int8 = Int8,
    uint8 = Uint8,
    uint8_clamped = Uint8Clamped,
    int16 = Int16,
    uint16 = Uint16,
    int32 = Int32,
    uint32 = Uint32,
    float32 = Float32,
    float64 = Float64,
    big_int64 = BigInt64,
    big_uint64 = BigUint64,
    float16 = Float16
);

/// `%TypedArray%` (§23.2.1.1): abstract, always throws.
fn abstract_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Err(cx.type_error("Abstract class TypedArray not directly constructable"))
}

fn this_ta(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<Object>> {
    match Object::from_value(this).filter(|o| o.class() == ObjectClass::TypedArray) {
        Some(o) => Ok(o),
        // V8 names `buffer`'s holder `%TypedArray%`, the other getters' `TypedArray`.
        None if what == "buffer" => Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["get %TypedArray%.prototype.", what],
            this,
        )),
        None => Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["get TypedArray.prototype.", what],
            this,
        )),
    }
}

fn get_buffer(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this_ta(cx, this, "buffer")?.internal(0))
}

fn get_byte_length(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_ta(cx, this, "byteLength")?;
    let e = elements(&o).expect("typed array");
    Ok(Value::number(e.length as f64 * e.kind.size() as f64))
}

fn get_byte_offset(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_ta(cx, this, "byteOffset")?;
    if is_out_of_bounds(&o) {
        return Ok(Value::int(0));
    }
    Ok(o.internal(1))
}

fn get_length(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let o = this_ta(cx, this, "length")?;
    Ok(Value::number(
        elements(&o).expect("typed array").length as f64,
    ))
}

fn get_tag(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    match Object::from_value(this).filter(|o| o.class() == ObjectClass::TypedArray) {
        Some(o) => Ok(cx.string(kind_name(kind_of(&o)))?.to_value()),
        None => Ok(Value::UNDEFINED),
    }
}

/// Defines a getter-only accessor `key` named `get <name>`.
pub(crate) fn getter(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    name: &str,
    f: crate::object::NativeFn,
) -> JsResult<()> {
    let mut buf = [0u8; 64];
    let full = super::array::format_into(&mut buf, &["get ", name]);
    let gname = cx.string(full)?.to_value();
    let g = create_function(
        cx,
        f,
        FunctionOptions {
            name: gname,
            length: 0,
            constructor: false,
        },
    )?;
    let acc = cx.heap().alloc(Accessor {
        get: g.to_value(),
        set: Value::UNDEFINED,
    })?;
    data(
        cx,
        o,
        key,
        acc.to_value(),
        attrs::CONFIGURABLE | attrs::ACCESSOR,
    )
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    // %TypedArray% is not a global binding: made like a constructor, then unbound. Its
    // `prototype` (internal 0) and the concrete prototypes come on first use.
    let ta = cx.new_singleton(ObjectClass::Function, fp)?;
    Object::set_native(ta, abstract_ctor, true);
    Object::set_internal(ta, 1, cx.rt.key("TypedArray")?.to_raw());
    Object::set_lazy(ta, Lazy::TypedArrayCtor as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::TypedArray, ta.to_value());
    for (i, &k) in KINDS.iter().enumerate() {
        let key = cx.rt.key(kind_name(k))?;
        let c = cx.new_singleton(ObjectClass::Function, ta.to_value())?;
        Object::set_native(c, CTOR_FNS[i], true);
        Object::set_internal(c, 1, key.to_raw());
        Object::set_lazy(c, Lazy::ConcreteTypedArrayCtor as u8);
        data(cx, global, key, c.to_value(), attrs::HIDDEN)?;
        Context::set_intrinsic(cx.realm, CTORS[i], c.to_value());
    }
    Ok(())
}

fn bytes_per_element(cx: &mut Cx, o: Gc<Object>, k: ElementType) -> JsResult<()> {
    let key = cx.rt.key("BYTES_PER_ELEMENT")?;
    data(cx, o, key, Value::int(k.size() as i32), 0)
}

/// A concrete constructor's properties (`length` 3, `BYTES_PER_ELEMENT`).
pub(super) fn fill_concrete_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    let i = CTORS
        .iter()
        .position(|&i| cx.intrinsic(i) == c.to_value())
        .unwrap_or(0);
    let p = default_proto(cx, KINDS[i])?;
    Object::set_internal(c, 0, p);
    fill_constructor(cx, c, 3)?;
    bytes_per_element(cx, c, KINDS[i])?;
    if KINDS[i] == ElementType::Uint8 {
        super::base64::fill_ctor(cx, c)?;
    }
    Ok(())
}

/// A concrete prototype's properties (`constructor`, `BYTES_PER_ELEMENT`).
pub(super) fn fill_concrete_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    let i = PROTOS
        .iter()
        .position(|&i| cx.intrinsic(i) == p.to_value())
        .unwrap_or(0);
    link_constructor(cx, p, CTORS[i])?;
    bytes_per_element(cx, p, KINDS[i])?;
    if KINDS[i] == ElementType::Uint8 {
        super::base64::fill_proto(cx, p)?;
    }
    Ok(())
}

/// `%TypedArray%`'s properties.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    let p = typed_array_proto(cx)?;
    Object::set_internal(c, 0, p);
    fill_constructor(cx, c, 0)?;
    method(cx, c, "from", 1, statics::from)?;
    method(cx, c, "of", 0, statics::of)?;
    super::collection::map::species(cx, c)
}

/// `%TypedArray.prototype%`'s properties.
pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::TypedArray)?;
    let k = cx.rt.key("buffer")?;
    getter(cx, p, k, "buffer", get_buffer)?;
    let k = cx.rt.key("byteLength")?;
    getter(cx, p, k, "byteLength", get_byte_length)?;
    let k = cx.rt.key("byteOffset")?;
    getter(cx, p, k, "byteOffset", get_byte_offset)?;
    let k = cx.name(Name::length);
    getter(cx, p, k, "length", get_length)?;
    // Recorded so that the interpreter can answer `ta.length` while this getter is in place.
    if let Some(prop) = Object::get_named(cx.heap(), p, k.to_raw()) {
        if prop.attrs & crate::object::attrs::ACCESSOR != 0 {
            let g = crate::object::Accessor::of(&prop).get;
            Context::set_intrinsic(cx.realm, Intrinsic::TypedArrayLengthGetter, g);
        }
    }
    let k = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    getter(cx, p, k, "[Symbol.toStringTag]", get_tag)?;
    methods::fill_methods(cx, p)
}
