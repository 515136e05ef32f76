//! V8's message for `JSON.stringify` of a circular structure: where the cycle starts, the
//! keys along it (the middle elided past three), and the key that closes it.
//!
//! ```text
//! Converting circular structure to JSON
//!     --> starting at object with constructor 'Object'
//!     |     property 'a' -> object with constructor 'Array'
//!     |     index 0 -> object with constructor 'Object'
//!     --- property 'b' closes the circle
//! ```

use crate::builtins::error::shown::data_property;
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::{Object, ObjectClass};
use crate::runtime::Name;
use crate::string::JsString;
use crate::PropertyKey;
use conch_gc::{Gc, GcVec, Value};

/// Lines kept before the elision, and after it.
const PREFIX: usize = 2;
const POSTFIX: usize = 1;

/// The TypeError for a cycle: `stack[start]` is the object met again, `path[j]` the key that
/// led to `stack[j]` and `path[stack.len()]` the key being serialised.
pub(super) fn error(cx: &Cx, stack: &GcVec<Value>, path: &GcVec<Value>, start: usize) -> Throw {
    match message(cx, stack, path, start) {
        Ok(m) => match cx.error_object_with(ErrorKind::TypeError, m.to_value()) {
            Ok(e) => Throw::Value(e.to_value()),
            Err(t) => t,
        },
        Err(t) => t,
    }
}

fn message(
    cx: &Cx,
    stack: &GcVec<Value>,
    path: &GcVec<Value>,
    start: usize,
) -> JsResult<Gc<JsString>> {
    let n = stack.len();
    let at = |i: usize| Object::from_value(stack.get(i).unwrap_or(Value::UNDEFINED));
    let mut m = cx.string(
        "Converting circular structure to JSON\n    --> starting at object with constructor '",
    )?;
    if let Some(o) = at(start) {
        m = cat(cx, m, ctor_name(cx, o)?)?;
    }
    m = cat_str(cx, m, "'")?;
    let levels = n - start - 1;
    for (k, j) in (start + 1..n).enumerate() {
        if levels > PREFIX + POSTFIX && k >= PREFIX && k < levels - POSTFIX {
            if k == PREFIX {
                m = cat_str(cx, m, "\n    |     ...")?;
            }
            continue;
        }
        m = cat_str(cx, m, "\n    |     ")?;
        m = key_text(cx, m, at(j - 1), path.get(j))?;
        m = cat_str(cx, m, " -> object with constructor '")?;
        if let Some(o) = at(j) {
            m = cat(cx, m, ctor_name(cx, o)?)?;
        }
        m = cat_str(cx, m, "'")?;
    }
    m = cat_str(cx, m, "\n    --- ")?;
    m = key_text(cx, m, at(n - 1), path.get(n))?;
    cat_str(cx, m, " closes the circle")
}

/// `index 0` under an array, else `property 'k'`.
fn key_text(
    cx: &Cx,
    m: Gc<JsString>,
    holder: Option<Gc<Object>>,
    key: Option<Value>,
) -> JsResult<Gc<JsString>> {
    let k = match key {
        Some(k) => crate::convert::key_to_value(cx, PropertyKey::from_raw(k))?,
        None => Value::UNDEFINED,
    };
    let k = JsString::from_value(k).unwrap_or(cx.string("")?);
    if holder.is_some_and(|h| h.class() == ObjectClass::Array) {
        let m = cat_str(cx, m, "index ")?;
        return cat(cx, m, k);
    }
    let m = cat_str(cx, m, "property '")?;
    let m = cat(cx, m, k)?;
    cat_str(cx, m, "'")
}

/// V8's constructor name of `o`: its `constructor`'s name, else "Object".
fn ctor_name(cx: &Cx, o: Gc<Object>) -> JsResult<Gc<JsString>> {
    let c = data_property(cx, o, cx.name(Name::constructor));
    if let Some(f) = Object::from_value(c).filter(|f| f.is_callable()) {
        if let Some(n) = JsString::from_value(data_property(cx, f, cx.name(Name::name))) {
            if !n.is_empty() {
                return Ok(n);
            }
        }
    }
    cx.string(if o.class() == ObjectClass::Array {
        "Array"
    } else {
        "Object"
    })
}

fn cat(cx: &Cx, a: Gc<JsString>, b: Gc<JsString>) -> JsResult<Gc<JsString>> {
    Ok(JsString::concat(cx.heap(), a, b)?)
}

fn cat_str(cx: &Cx, a: Gc<JsString>, b: &str) -> JsResult<Gc<JsString>> {
    let b = cx.string(b)?;
    cat(cx, a, b)
}
