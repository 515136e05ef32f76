//! `structuredClone(value [, { transfer }])`: the HTML structured clone algorithm (not part of
//! ECMAScript, but node and browsers have it and scripts use it), checked against node 20.
//!
//! The copy is made directly (no serialized form in between), depth first in the order V8's
//! serializer visits values — getters run in that order — with an explicit stack of frames
//! instead of native recursion, so any nesting depth works. A memo (heap map, accounted)
//! keeps shared references and cycles.
//!
//! Cloned: primitives (not symbols); Boolean/Number/String/BigInt wrappers; Date; RegExp
//! (source and flags, `lastIndex` 0); ArrayBuffer (resizable ones stay resizable);
//! SharedArrayBuffer (the copy shares the memory, as in node); typed arrays and DataViews
//! (over the cloned buffer); Map; Set; arrays (length, holes and extra properties); Error
//! objects (a standard `name`, else `Error`; `message`, `cause`, the stack); any other ordinary
//! object becomes a plain object with its own enumerable string-keyed properties (read with
//! Get, so getters run). Anything else throws a `DataCloneError`: node throws a DOMException,
//! which Conch does not have, so it is an `Error` whose `name` is "DataCloneError", `code` is
//! 25 and whose message is V8's ("function foo() {} could not be cloned.").
//!
//! `transfer`: ArrayBuffers listed there are detached and their contents move to the clones.
//! The transfers happen once the whole value has been copied (a failed clone detaches
//! nothing).

pub mod read;
#[cfg(test)]
mod tests;
pub mod wire;

use super::{arg, data};
use crate::array_buffer::{self as ab, BufferData};
use crate::builtins::collection::{self, Cursor, Tag};
use crate::builtins::error::shown::{message, Part};
use crate::convert;
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::{Name, WellKnown};
use crate::string::JsString;
use crate::PropertyKey;
use conch_gc::{Gc, GcHashMap, GcVec, Value};

/// Values per frame on the work stack: source, copy, list (keys or entries), next index,
/// pending map key.
const FRAME: usize = 5;

/// Installs `structuredClone` on the global object (writable, enumerable and configurable,
/// as node has it).
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let key = cx.rt.key("structuredClone")?;
    let name = super::function::key_name(cx, key)?;
    let f = super::create_function(
        cx,
        structured_clone,
        super::FunctionOptions {
            name,
            length: 0,
            constructor: false,
        },
    )?;
    // Defined once with its attributes (changing them would turn the global object's
    // properties into a dictionary).
    data(cx, global, key, f.to_value(), attrs::DEFAULT)
}

/// `structuredClone(value, options)`.
fn structured_clone(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    if args.is_empty() {
        return Err(node_type_error(
            cx,
            "The value argument must be specified",
            "ERR_MISSING_ARGS",
        ));
    }
    let transfer = transfer_list(cx, arg(args, 1))?;
    let mut c = Cloner {
        memo: GcHashMap::new(),
        stack: GcVec::new(),
    };
    // The transferred buffers' copies exist (empty) from the start, so views and other
    // references to them find them in the memo; their contents move in at the end.
    for i in 0..transfer.len() {
        let b = transfer.get(i).expect("in range");
        let d = buffer_data(b);
        let copy = ab::transfer_target(cx, d)?;
        c.memo.insert(cx.heap(), b, copy.to_value())?;
    }
    let r = c.clone_value(cx, arg(args, 0))?;
    c.drain(cx)?;
    for i in 0..transfer.len() {
        let b = transfer.get(i).expect("in range");
        let copy = c
            .memo
            .get(&b)
            .and_then(Object::from_value)
            .expect("memoised");
        ab::move_contents(cx, buffer_data(b), buffer_data(copy.to_value()))?;
    }
    Ok(r)
}

/// The data of a value known to be an ArrayBuffer.
fn buffer_data(b: Value) -> Gc<BufferData> {
    Object::from_value(b)
        .and_then(ab::data_of)
        .expect("array buffer")
}

/// The ArrayBuffers of `options.transfer` (node's checks and words).
fn transfer_list(cx: &mut Cx, options: Value) -> JsResult<GcVec<Value>> {
    let out = GcVec::new();
    if options.is_nullish() {
        return Ok(out);
    }
    let Some(o) = Object::from_value(options) else {
        return Err(node_type_error(
            cx,
            "The options argument must be either an object or undefined",
            "ERR_INVALID_ARG_TYPE",
        ));
    };
    let tk = cx.rt.key("transfer")?;
    let list = ops::get(cx, o, tk, options)?;
    if list.is_undefined() {
        return Ok(out);
    }
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    let m = match Object::from_value(list) {
        Some(l) => ops::get_v(cx, l, ik)?,
        None => Value::UNDEFINED,
    };
    if !Object::from_value(m).is_some_and(|f| f.is_callable()) {
        return Err(node_type_error(
            cx,
            "Optional transferList argument must be an iterable",
            "ERR_INVALID_ARG_TYPE",
        ));
    }
    let rec = ops::iteration::get_iterator_from_method(cx, list, m)?;
    while let Some(v) = ops::iteration::iterator_step_value(cx, rec)? {
        let d = Object::from_value(v).and_then(ab::data_of);
        match d {
            // A detached buffer may be listed (its copy is empty), as in node.
            Some(d) if !d.is_shared() => {
                if (0..out.len()).any(|i| out.get(i) == Some(v)) {
                    return Err(data_clone_error(
                        cx,
                        &[Part::Text("Transfer list contains duplicate ArrayBuffer")],
                    ));
                }
                out.push(cx.heap(), v)?;
            }
            _ => {
                return Err(node_type_error(
                    cx,
                    "Found invalid object in transferList",
                    "ERR_INVALID_TRANSFER_OBJECT",
                ))
            }
        }
    }
    Ok(out)
}

/// A TypeError with node's `code` property.
fn node_type_error(cx: &mut Cx, msg: &str, code: &str) -> Throw {
    let r = (|| -> JsResult<Value> {
        let e = cx.error_object(ErrorKind::TypeError, msg)?;
        let c = cx.string(code)?;
        let ck = cx.rt.key("code")?;
        data(cx, e, ck, c.to_value(), attrs::HIDDEN)?;
        Ok(e.to_value())
    })();
    match r {
        Ok(e) => Throw::Value(e),
        Err(t) => t,
    }
}

/// A `DataCloneError` (see the module comment) with the message made of `parts`.
fn data_clone_error(cx: &mut Cx, parts: &[Part<'_>]) -> Throw {
    let r = (|| -> JsResult<Value> {
        let m = message(cx, parts)?;
        let e = cx.error_object_with(ErrorKind::Error, m.to_value())?;
        let name = cx.string("DataCloneError")?;
        let nk = cx.name(Name::name);
        data(cx, e, nk, name.to_value(), attrs::HIDDEN)?;
        let ck = cx.rt.key("code")?;
        data(cx, e, ck, Value::int(25), attrs::HIDDEN)?;
        Ok(e.to_value())
    })();
    match r {
        Ok(e) => Throw::Value(e),
        Err(t) => t,
    }
}

/// "`v` could not be cloned."
fn not_cloneable(cx: &mut Cx, v: Value) -> Throw {
    data_clone_error(cx, &[Part::Shown(v), Part::Text(" could not be cloned.")])
}

/// The memo and the frames of objects whose contents are still to be copied.
struct Cloner {
    memo: GcHashMap<Value, Value>,
    stack: GcVec<Value>,
}

impl Cloner {
    /// The copy of `v`: a primitive itself, an object's copy from the memo, or a new copy
    /// (its contents copied later by [`Cloner::drain`] when it has any).
    fn clone_value(&mut self, cx: &mut Cx, v: Value) -> JsResult<Value> {
        // Recursion is one level for views and one per `cause` of an error: a long chain of
        // causes ends in the stack-space RangeError.
        cx.check()?;
        let Some(o) = Object::from_value(v) else {
            if crate::Symbol::from_value(v).is_some() {
                return Err(not_cloneable(cx, v));
            }
            return Ok(v);
        };
        if let Some(c) = self.memo.get(&v) {
            return Ok(c);
        }
        let copy = self.shell(cx, o)?;
        self.memo.insert(cx.heap(), v, copy)?;
        Ok(copy)
    }

    /// A new copy of `o` with what it holds itself; objects with properties or entries to
    /// copy get a frame.
    fn shell(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
        let v = o.to_value();
        if o.is_callable() {
            return Err(not_cloneable(cx, v));
        }
        let heap = cx.heap();
        Ok(match o.class() {
            ObjectClass::Ordinary => {
                let copy = cx.new_object()?;
                self.push_keys(cx, o, copy)?;
                copy.to_value()
            }
            ObjectClass::Array => {
                let len = o.array_length();
                let copy =
                    super::array::array_create(cx, len, cx.intrinsic(Intrinsic::ArrayPrototype))?;
                self.push_keys(cx, o, copy)?;
                copy.to_value()
            }
            ObjectClass::Boolean
            | ObjectClass::Number
            | ObjectClass::String
            | ObjectClass::BigInt => convert::to_object(cx, o.internal(0))?.to_value(),
            ObjectClass::Date => {
                let copy =
                    cx.new_object_with(ObjectClass::Date, cx.intrinsic(Intrinsic::DatePrototype))?;
                Object::set_internal(copy, 0, o.internal(0));
                copy.to_value()
            }
            ObjectClass::RegExp => {
                let (src, flags) = (o.internal(1), o.internal(2));
                super::regexp::create_from_literal(cx, src, flags)?
            }
            ObjectClass::ArrayBuffer => self.buffer(cx, o)?,
            ObjectClass::TypedArray => {
                let buffer = self.clone_value(cx, o.internal(0))?;
                let buffer = Object::from_value(buffer).expect("array buffer copy");
                let kind = super::typed_array::kind_of(&o);
                let proto = super::typed_array::default_proto(cx, kind)?;
                let offset = o.internal(1).as_number().unwrap_or(0.0) as u64;
                let len = o.internal(2).as_number().map(|n| n as u64);
                super::typed_array::make_view(cx, kind, proto, buffer, offset, len)?.to_value()
            }
            ObjectClass::DataView => {
                let buffer = self.clone_value(cx, o.internal(0))?;
                let copy = cx.new_object_with(
                    ObjectClass::DataView,
                    cx.intrinsic(Intrinsic::DataViewPrototype),
                )?;
                Object::set_internal(copy, 0, buffer);
                Object::set_internal(copy, 1, o.internal(1));
                Object::set_internal(copy, 2, o.internal(2));
                copy.to_value()
            }
            ObjectClass::Collection if is_tag(o, Tag::Map) || is_tag(o, Tag::Set) => {
                let map = is_tag(o, Tag::Map);
                let (tag, proto) = if map {
                    (Tag::Map, Intrinsic::MapPrototype)
                } else {
                    (Tag::Set, Intrinsic::SetPrototype)
                };
                let copy = collection::new_collection(cx, tag, cx.intrinsic(proto))?;
                // The entries as they are now: [k0, v0, k1, v1, …] for a Map, the keys for a
                // Set (V8 copies them first too).
                let entries = super::array::array_create(cx, 0, Value::NULL)?;
                let mut cur = Cursor::new(collection::table(cx, o)?);
                let mut n = 0u32;
                while let Some((k, val)) = cur.next() {
                    let pair = [k, val];
                    for &x in &pair[..if map { 2 } else { 1 }] {
                        Object::put_element(
                            heap,
                            entries,
                            n,
                            crate::object::Prop {
                                value: x,
                                attrs: attrs::DEFAULT,
                            },
                        )?;
                        n += 1;
                    }
                }
                Object::set_length_raw(entries, n);
                self.push_frame(cx, v, copy.to_value(), entries.to_value())?;
                copy.to_value()
            }
            ObjectClass::Error => self.error(cx, o)?,
            _ => return Err(not_cloneable(cx, v)),
        })
    }

    /// A copy of an ArrayBuffer (the same memory for a SharedArrayBuffer).
    fn buffer(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
        let d = ab::data_of(o).expect("array buffer");
        if let Some(block) = d.shared_block() {
            return Ok(ab::create_shared(cx, block)?.to_value());
        }
        let Some((p, len)) = d.bytes() else {
            return Err(data_clone_error(
                cx,
                &[Part::Text(
                    "An ArrayBuffer is detached and could not be cloned.",
                )],
            ));
        };
        let max = if d.is_fixed_length() {
            None
        } else {
            d.max_len()
        };
        let copy = ab::create_with(cx, len, max, false)?;
        let (q, _) = ab::data_of(copy)
            .and_then(|c| c.bytes())
            .expect("fresh buffer");
        if len > 0 {
            // SAFETY: both buffers are live and `len` bytes long; they are distinct mappings.
            unsafe { std::ptr::copy_nonoverlapping(p as *const u8, q, len) };
        }
        Ok(copy.to_value())
    }

    /// A copy of an Error object: the prototype of its standard `name` (else Error), its own
    /// `message`, its stack, then `cause` copied like any value.
    fn error(&mut self, cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
        let nk = cx.name(Name::name);
        let name = ops::get(cx, o, nk, o.to_value())?;
        let kind = match JsString::from_value(name) {
            Some(n) => {
                let n = JsString::flatten(cx.heap(), n)?;
                let c = n.chars();
                [
                    ("EvalError", ErrorKind::EvalError),
                    ("RangeError", ErrorKind::RangeError),
                    ("ReferenceError", ErrorKind::ReferenceError),
                    ("SyntaxError", ErrorKind::SyntaxError),
                    ("TypeError", ErrorKind::TypeError),
                    ("URIError", ErrorKind::UriError),
                ]
                .into_iter()
                .find(|(s, _)| c.eq_ascii(s))
                .map_or(ErrorKind::Error, |(_, k)| k)
            }
            None => ErrorKind::Error,
        };
        let mk = cx.name(Name::message);
        let msg = match ops::get_own_property(cx, o, mk)?.and_then(|d| d.value) {
            Some(m) => convert::to_string(cx, m)?.to_value(),
            None => Value::UNDEFINED,
        };
        let copy = cx.error_object_with(kind, msg)?;
        // The trace (what `stack` shows) is shared: it is never modified.
        Object::set_internal(copy, 0, o.internal(0));
        let ck = cx.rt.key("cause")?;
        if let Some(d) = ops::get_own_property(cx, o, ck)? {
            if let Some(c) = d.value {
                let c = self.clone_value(cx, c)?;
                data(cx, copy, ck, c, attrs::HIDDEN)?;
            }
        }
        Ok(copy.to_value())
    }

    /// A frame copying `o`'s own enumerable string-keyed properties into `copy`.
    fn push_keys(&mut self, cx: &mut Cx, o: Gc<Object>, copy: Gc<Object>) -> JsResult<()> {
        let keys = ops::own_property_keys(cx, o)?;
        let list = super::array::array_create(cx, 0, Value::NULL)?;
        let mut n = 0u32;
        for i in 0..keys.len() {
            let k = keys.get(i).expect("in range");
            let key = PropertyKey::from_raw(k);
            if key.is_symbol() {
                continue;
            }
            match ops::get_own_property(cx, o, key)? {
                Some(d) if d.enumerable == Some(true) => {}
                _ => continue,
            }
            Object::put_element(
                cx.heap(),
                list,
                n,
                crate::object::Prop {
                    value: k,
                    attrs: attrs::DEFAULT,
                },
            )?;
            n += 1;
        }
        Object::set_length_raw(list, n);
        self.push_frame(cx, o.to_value(), copy.to_value(), list.to_value())
    }

    fn push_frame(&mut self, cx: &Cx, src: Value, copy: Value, list: Value) -> JsResult<()> {
        for v in [src, copy, list, Value::int(0), Value::UNDEFINED] {
            self.stack.push(cx.heap(), v)?;
        }
        Ok(())
    }

    /// Copies the contents of the objects on the stack, the most recent first (so a nested
    /// object is finished before its parent's next property, as V8 does).
    fn drain(&mut self, cx: &mut Cx) -> JsResult<()> {
        while self.stack.len() >= FRAME {
            cx.check()?;
            let base = self.stack.len() - FRAME;
            let at = |i: usize| self.stack.get(base + i).expect("frame");
            let (src, copy, list) = (at(0), at(1), at(2));
            let i = at(3).as_int().unwrap_or(0) as u32;
            let list = Object::from_value(list).expect("frame list");
            if i >= list.array_length() {
                self.stack.truncate(base);
                continue;
            }
            self.stack.set(base + 3, Value::int(i as i32 + 1));
            let item = list.get_element(i).map_or(Value::UNDEFINED, |p| p.value);
            let src = Object::from_value(src).expect("frame source");
            let copy = Object::from_value(copy).expect("frame copy");
            if src.class() == ObjectClass::Collection {
                let map = is_tag(src, Tag::Map);
                // Map entries take two steps (key, then value), a Set's one each.
                if map && i.is_multiple_of(2) {
                    let k = self.clone_value(cx, item)?;
                    self.stack.set(base + 4, k);
                    continue;
                }
                let t = collection::table(cx, copy)?;
                let c = self.clone_value(cx, item)?;
                if map {
                    let k = self.stack.get(base + 4).expect("frame");
                    let k = collection::normalize(cx, k)?;
                    t.set(cx.heap(), k, c)?;
                } else {
                    let c = collection::normalize(cx, c)?;
                    t.set(cx.heap(), c, Value::UNDEFINED)?;
                }
                continue;
            }
            let key = PropertyKey::from_raw(item);
            // A property deleted meanwhile (by a getter) is left out, as V8 does.
            if ops::get_own_property(cx, src, key)?.is_none() {
                continue;
            }
            let v = ops::get(cx, src, key, src.to_value())?;
            let c = self.clone_value(cx, v)?;
            ops::create_data_property(cx, copy, key, c)?;
        }
        Ok(())
    }
}

/// Whether the collection `o` is of kind `tag`.
fn is_tag(o: Gc<Object>, tag: Tag) -> bool {
    o.internal(1) == Value::int(tag as i32)
}
