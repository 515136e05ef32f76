//! `JSON.stringify ( value [ , replacer [ , space ] ] )` (§25.5.2).
//!
//! The result is written unit by unit into one GC vector (`out`), so memory is accounted and
//! a failed growth is an out-of-memory error, never an abort; past the string length limit
//! the call ends in a RangeError. A property whose value serialises to `undefined` is rolled
//! back by truncating `out` to where its member started.

use crate::builtins::arg;
use crate::builtins::array::{index_key, is_array_value, tick, to_integer_or_infinity};
use crate::convert::{
    key_to_value, length_of_array_like, number_to_js_string, to_number, to_string,
};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::string::JsString;
use conch_gc::{Gc, GcVec, Value};

/// The serialisation state (JSON Serialization Record) and the output.
struct State {
    out: GcVec<u16>,
    stack: GcVec<Value>,
    /// The key that led to each object on `stack`, then the key being serialised (for the
    /// circular-structure message).
    path: GcVec<Value>,
    indent: GcVec<u16>,
    gap: GcVec<u16>,
    replacer: Value,
    /// `[[PropertyList]]` (raw property keys) when the replacer is an array.
    list: Option<GcVec<Value>>,
}

pub(super) fn stringify(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let (value, replacer) = (arg(args, 0), arg(args, 1));
    let mut st = State {
        out: GcVec::new(),
        stack: GcVec::new(),
        path: GcVec::new(),
        indent: GcVec::new(),
        gap: GcVec::new(),
        replacer: Value::UNDEFINED,
        list: None,
    };
    if let Some(r) = Object::from_value(replacer) {
        if r.is_callable() {
            st.replacer = replacer;
        } else if is_array_value(cx, replacer)? {
            let list = GcVec::<Value>::new();
            let len = length_of_array_like(cx, r)?;
            for k in 0..len {
                tick(cx, k)?;
                let key = index_key(cx, k)?;
                let v = ops::get(cx, r, key, replacer)?;
                let item = if JsString::from_value(v).is_some() || v.is_number() {
                    Some(to_string(cx, v)?)
                } else {
                    match Object::from_value(v).map(|o| o.class()) {
                        Some(ObjectClass::String | ObjectClass::Number) => Some(to_string(cx, v)?),
                        _ => None,
                    }
                };
                if let Some(s) = item {
                    let raw = cx.rt.key_from_string(s)?.to_raw();
                    if !list.iter().any(|x| x == raw) {
                        list.push(cx.heap(), raw)?;
                    }
                }
            }
            st.list = Some(list);
        }
    }
    let mut space = arg(args, 2);
    if let Some(o) = Object::from_value(space) {
        match o.class() {
            ObjectClass::Number => space = Value::number(to_number(cx, space)?),
            ObjectClass::String => space = to_string(cx, space)?.to_value(),
            _ => {}
        }
    }
    if space.is_number() {
        let n = to_integer_or_infinity(cx, space)?.min(10.0);
        for _ in 0..(n.max(0.0) as usize) {
            st.gap.push(cx.heap(), 0x20)?;
        }
    } else if let Some(s) = JsString::from_value(space) {
        let s = JsString::flatten(cx.heap(), s)?;
        for u in s.chars().units().take(10) {
            st.gap.push(cx.heap(), u)?;
        }
    }
    let wrapper = cx.new_object()?;
    let empty = cx.rt.key("")?;
    ops::create_data_property(cx, wrapper, empty, value)?;
    if !serialize_property(cx, &st, empty, wrapper)? {
        return Ok(Value::UNDEFINED);
    }
    // SAFETY: `st.out` is this frame's own vector, not written while the slice lives.
    Ok(JsString::from_utf16(cx.heap(), unsafe { st.out.as_slice() })?.to_value())
}

/// Appends units, failing with a RangeError past the string length limit.
fn put(cx: &Cx, st: &State, units: impl IntoIterator<Item = u16>) -> JsResult<()> {
    for u in units {
        st.out.push(cx.heap(), u)?;
    }
    if st.out.len() > crate::MAX_STRING_LENGTH {
        return Err(cx.range_error("Invalid string length"));
    }
    Ok(())
}

fn put_ascii(cx: &Cx, st: &State, s: &str) -> JsResult<()> {
    put(cx, st, s.bytes().map(u16::from))
}

/// A newline and the current indentation (only with a gap).
fn put_newline_indent(cx: &Cx, st: &State, indent: &GcVec<u16>) -> JsResult<()> {
    put(cx, st, [0x0a])?;
    put(cx, st, indent.iter())
}

/// `SerializeJSONProperty(state, key, holder)`, written to the output; `false` for
/// `undefined` (nothing written).
fn serialize_property(
    cx: &mut Cx,
    st: &State,
    key: PropertyKey,
    holder: Gc<Object>,
) -> JsResult<bool> {
    cx.check()?;
    let mut value = ops::get(cx, holder, key, holder.to_value())?;
    if Object::from_value(value).is_some() || crate::bigint::is_bigint(value) {
        let tk = cx.rt.key("toJSON")?;
        let to_json = crate::interp::get_value(cx, value, tk)?;
        if Object::from_value(to_json).is_some_and(|f| f.is_callable()) {
            let kv = key_to_value(cx, key)?;
            value = ops::call(cx, to_json, value, &[kv])?;
        }
    }
    if !st.replacer.is_undefined() {
        let kv = key_to_value(cx, key)?;
        value = ops::call(cx, st.replacer, holder.to_value(), &[kv, value])?;
    }
    if super::parse::is_raw_json(value) {
        let o = Object::from_value(value).expect("raw JSON object");
        let k = cx.rt.key("rawJSON")?;
        let raw = ops::get(cx, o, k, value)?;
        let raw = to_string(cx, raw)?;
        let raw = JsString::flatten(cx.heap(), raw)?;
        put(cx, st, raw.chars().units())?;
        return Ok(true);
    }
    if let Some(o) = Object::from_value(value) {
        match o.class() {
            ObjectClass::Number => value = Value::number(to_number(cx, value)?),
            ObjectClass::String => value = to_string(cx, value)?.to_value(),
            ObjectClass::Boolean | ObjectClass::BigInt => value = o.internal(0),
            _ => {}
        }
    }
    if value.is_null() {
        put_ascii(cx, st, "null")?;
    } else if let Some(b) = value.as_bool() {
        put_ascii(cx, st, if b { "true" } else { "false" })?;
    } else if let Some(s) = JsString::from_value(value) {
        quote(cx, st, s)?;
    } else if let Some(d) = value.as_number() {
        if d.is_finite() {
            let s = number_to_js_string(cx, d)?;
            put(cx, st, s.chars().units())?;
        } else {
            put_ascii(cx, st, "null")?;
        }
    } else if crate::bigint::is_bigint(value) {
        return Err(cx.type_error("Do not know how to serialize a BigInt"));
    } else if let Some(o) = Object::from_value(value).filter(|o| !o.is_callable()) {
        st.path.push(cx.heap(), key.to_raw())?;
        let r = if is_array_value(cx, value)? {
            serialize_array(cx, st, o)
        } else {
            serialize_object(cx, st, o)
        };
        st.path.pop();
        r?;
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// `QuoteJSONString(value)`: well-formed (lone surrogates as `\uXXXX`).
fn quote(cx: &Cx, st: &State, s: Gc<JsString>) -> JsResult<()> {
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    put(cx, st, [0x22])?;
    let n = c.len();
    let mut i = 0;
    while i < n {
        let u = c.at(i);
        i += 1;
        let esc: Option<u8> = match u {
            0x08 => Some(b'b'),
            0x09 => Some(b't'),
            0x0a => Some(b'n'),
            0x0c => Some(b'f'),
            0x0d => Some(b'r'),
            0x22 => Some(b'"'),
            0x5c => Some(b'\\'),
            _ => None,
        };
        if let Some(e) = esc {
            put(cx, st, [0x5c, e as u16])?;
            continue;
        }
        let lone = match u {
            0xd800..=0xdbff => {
                if i < n && (0xdc00..=0xdfff).contains(&c.at(i)) {
                    put(cx, st, [u, c.at(i)])?;
                    i += 1;
                    continue;
                }
                true
            }
            0xdc00..=0xdfff => true,
            _ => false,
        };
        if u < 0x20 || lone {
            let hex = |d: u16| -> u16 {
                let d = d & 0xf;
                if d < 10 {
                    0x30 + d
                } else {
                    0x61 + d - 10
                }
            };
            put(
                cx,
                st,
                [0x5c, 0x75, hex(u >> 12), hex(u >> 8), hex(u >> 4), hex(u)],
            )?;
        } else {
            put(cx, st, [u])?;
        }
    }
    put(cx, st, [0x22])
}

/// Cycle check, push, and the deeper indentation; returns the previous indentation's length.
fn enter(cx: &Cx, st: &State, o: Gc<Object>) -> JsResult<usize> {
    let v = o.to_value();
    if let Some(i) = st.stack.iter().position(|x| x == v) {
        return Err(super::circular::error(cx, &st.stack, &st.path, i));
    }
    st.stack.push(cx.heap(), v)?;
    let stepback = st.indent.len();
    for g in st.gap.iter() {
        st.indent.push(cx.heap(), g)?;
    }
    Ok(stepback)
}

fn leave(st: &State, stepback: usize) {
    st.stack.pop();
    st.indent.truncate(stepback);
}

/// `SerializeJSONObject(state, value)`.
fn serialize_object(cx: &mut Cx, st: &State, o: Gc<Object>) -> JsResult<()> {
    let stepback = enter(cx, st, o)?;
    let keys = match &st.list {
        Some(l) => {
            let k = GcVec::<Value>::new();
            for x in l.iter() {
                k.push(cx.heap(), x)?;
            }
            k
        }
        None => {
            let own = ops::own_property_keys(cx, o)?;
            let k = GcVec::<Value>::new();
            for raw in own.iter() {
                let key = PropertyKey::from_raw(raw);
                if key.is_symbol() {
                    continue;
                }
                if let Some(d) = ops::get_own_property(cx, o, key)? {
                    if d.enumerable == Some(true) {
                        k.push(cx.heap(), raw)?;
                    }
                }
            }
            k
        }
    };
    put(cx, st, [0x7b])?;
    let gap = !st.gap.is_empty();
    let mut any = false;
    for (i, raw) in keys.iter().enumerate() {
        tick(cx, i as u64)?;
        let mark = st.out.len();
        if any {
            put(cx, st, [0x2c])?;
        }
        if gap {
            put_newline_indent(cx, st, &st.indent)?;
        }
        let key = PropertyKey::from_raw(raw);
        let kv = key_to_value(cx, key)?;
        let ks = JsString::from_value(kv).ok_or(conch_gc::OutOfMemory)?;
        quote(cx, st, ks)?;
        put(cx, st, [0x3a])?;
        if gap {
            put(cx, st, [0x20])?;
        }
        if serialize_property(cx, st, key, o)? {
            any = true;
        } else {
            st.out.truncate(mark);
        }
    }
    if any && gap {
        st.indent.truncate(stepback);
        put_newline_indent(cx, st, &st.indent)?;
    }
    put(cx, st, [0x7d])?;
    leave(st, stepback);
    Ok(())
}

/// `SerializeJSONArray(state, value)`.
fn serialize_array(cx: &mut Cx, st: &State, a: Gc<Object>) -> JsResult<()> {
    let stepback = enter(cx, st, a)?;
    let len = length_of_array_like(cx, a)?;
    put(cx, st, [0x5b])?;
    let gap = !st.gap.is_empty();
    for i in 0..len {
        tick(cx, i)?;
        if i > 0 {
            put(cx, st, [0x2c])?;
        }
        if gap {
            put_newline_indent(cx, st, &st.indent)?;
        }
        let key = index_key(cx, i)?;
        if !serialize_property(cx, st, key, a)? {
            put_ascii(cx, st, "null")?;
        }
    }
    if len > 0 && gap {
        st.indent.truncate(stepback);
        put_newline_indent(cx, st, &st.indent)?;
    }
    put(cx, st, [0x5d])?;
    leave(st, stepback);
    Ok(())
}
