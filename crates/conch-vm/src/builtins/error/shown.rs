//! Values shown in error messages the way V8 shows them (its `NoSideEffectsToString`), so that
//! scripts that print a caught error's message print what node prints: `1`, `abc` (strings
//! unquoted), `-12` (BigInts without `n`), `Symbol(s)`, a function's source text (cut to
//! 111 units + `...<omitted>...` + its last 2 past 128), `TypeError: boom` for errors,
//! `#<Foo>` for an object whose `toString` is `Object.prototype.toString` and whose
//! `constructor` is a named function, else `[object Tag]`.
//!
//! Nothing here runs script: properties are read as V8's `GetDataProperty` reads them (data
//! properties along the prototype chain; an accessor, a proxy or a host object ends the
//! search with `undefined`). The text is built as a heap string (accounted memory).

use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::{attrs, Object, ObjectClass};
use crate::runtime::{Name, WellKnown};
use crate::string::JsString;
use crate::{PropertyKey, Symbol};
use conch_gc::{Gc, Value};

/// Longest function source V8 shows whole; longer ones keep [`FN_HEAD`] units and the last 2.
const FN_MAX: usize = 128;
const FN_HEAD: usize = 111;
/// Proxies unwrapped before giving up (a chain of proxies of proxies).
const PROXY_DEPTH: u32 = 64;

/// A piece of an error message.
#[derive(Clone, Copy)]
pub(crate) enum Part<'a> {
    /// Literal text.
    Text(&'a str),
    /// A string value as it is.
    Str(Gc<JsString>),
    /// A value shown as V8 shows it ([`shown`]).
    Shown(Value),
}

/// The message made of `parts`.
pub(crate) fn message(cx: &Cx, parts: &[Part<'_>]) -> JsResult<Gc<JsString>> {
    let mut s = cx.string("")?;
    for p in parts {
        let t = match *p {
            Part::Text(t) => cx.string(t)?,
            Part::Str(t) => t,
            Part::Shown(v) => shown(cx, v)?,
        };
        s = JsString::concat(cx.heap(), s, t)?;
    }
    Ok(s)
}

/// A thrown error of `kind` whose message is made of `parts`.
pub(crate) fn error(cx: &Cx, kind: ErrorKind, parts: &[Part<'_>]) -> Throw {
    let m = match message(cx, parts) {
        Ok(m) => m,
        Err(t) => return t,
    };
    match cx.error_object_with(kind, m.to_value()) {
        Ok(e) => Throw::Value(e.to_value()),
        Err(t) => t,
    }
}

/// V8's "Method NAME called on incompatible receiver RECV" TypeError.
/// `method` is given in pieces (`["get ", "ArrayBuffer.prototype.", "byteLength"]`).
pub(crate) fn incompatible_receiver(cx: &Cx, method: &[&str], receiver: Value) -> Throw {
    let m = (|| {
        let mut s = cx.string("Method ")?;
        for p in method {
            s = JsString::concat(cx.heap(), s, cx.string(p)?)?;
        }
        message(
            cx,
            &[
                Part::Str(s),
                Part::Text(" called on incompatible receiver "),
                Part::Shown(receiver),
            ],
        )
    })();
    match m.and_then(|m| cx.error_object_with(ErrorKind::TypeError, m.to_value())) {
        Ok(e) => Throw::Value(e.to_value()),
        Err(t) => t,
    }
}

/// [`incompatible_receiver`] naming the native function `callee` by its `name` property,
/// after `holder` (`"Date.prototype."`); a getter's `get ` goes first, as V8 writes it.
pub(crate) fn incompatible_receiver_of(
    cx: &Cx,
    holder: &str,
    callee: Gc<Object>,
    receiver: Value,
) -> Throw {
    let name = data_property(cx, callee, cx.name(Name::name));
    let mut buf = [0u8; 64];
    let mut n = 0;
    let name = JsString::from_value(name);
    if let Some(s) = name.as_ref().and_then(|s| s.try_chars()) {
        for u in s.units() {
            match u8::try_from(u) {
                Ok(b) if b.is_ascii() && n < buf.len() => {
                    buf[n] = b;
                    n += 1;
                }
                _ => break,
            }
        }
    }
    let name = std::str::from_utf8(&buf[..n]).unwrap_or("");
    match name.strip_prefix("get ") {
        Some(g) => incompatible_receiver(cx, &["get ", holder, g], receiver),
        None => incompatible_receiver(cx, &[holder, name], receiver),
    }
}

/// V8's "NAME requires that 'this' be a TYPE" TypeError (the primitive wrappers' methods).
pub(crate) fn requires_this(cx: &Cx, method: &[&str], ty: &str) -> Throw {
    let mut buf = [0u8; 160];
    let mut parts = [""; 8];
    let n = method.len().min(5);
    parts[..n].copy_from_slice(&method[..n]);
    parts[n] = " requires that 'this' be a ";
    parts[n + 1] = ty;
    let m = crate::builtins::array::format_into(&mut buf, &parts[..n + 2]);
    cx.type_error(m)
}

/// `v` as V8 shows it in a message, without running script.
pub(crate) fn shown(cx: &Cx, v: Value) -> JsResult<Gc<JsString>> {
    if let Some(s) = JsString::from_value(v) {
        return Ok(s);
    }
    if let Some(sym) = Symbol::from_value(v) {
        return crate::builtins::symbol::descriptive_string(cx, sym);
    }
    if let Some(b) = crate::bigint::BigInt::from_value(v) {
        return crate::bigint::convert::to_string(cx, b, 10);
    }
    let Some(mut o) = Object::from_value(v) else {
        let mut nb = [0u8; 32];
        let t = match v.as_number() {
            Some(n) => crate::numconv::number_to_string(n, &mut nb),
            None if v == Value::TRUE => "true",
            None if v == Value::FALSE => "false",
            None if v.is_null() => "null",
            None => "undefined",
        };
        return cx.string(t);
    };
    // A proxy shows as its target (a callable one as the target function).
    let mut depth = 0;
    while o.class() == ObjectClass::Proxy {
        match Object::from_value(o.internal(0)) {
            Some(t) if depth < PROXY_DEPTH => o = t,
            _ => return cx.string("#<Object>"),
        }
        depth += 1;
    }
    if o.is_callable() {
        return function_text(cx, o);
    }
    let heap = cx.heap();
    let to_string = data_property(cx, o, cx.name(Name::toString));
    let native_of = |v: Value| Object::from_value(v).and_then(|f| f.native());
    let error_to_string = crate::builtins::error::to_string_native();
    let object_to_string = crate::builtins::object::to_string_native();
    let ts = native_of(to_string);
    if o.class() == ObjectClass::Error
        || ts.is_some_and(|f| std::ptr::fn_addr_eq(f, error_to_string))
    {
        return error_text(cx, o);
    }
    if ts.is_some_and(|f| std::ptr::fn_addr_eq(f, object_to_string)) {
        let ctor = data_property(cx, o, cx.name(Name::constructor));
        if let Some(c) = Object::from_value(ctor).filter(|c| c.is_callable()) {
            let name = data_property(cx, c, cx.name(Name::name));
            if let Some(n) = JsString::from_value(name).filter(|n| !n.is_empty()) {
                let a = cx.string("#<")?;
                let b = cx.string(">")?;
                let s = JsString::concat(heap, a, n)?;
                return Ok(JsString::concat(heap, s, b)?);
            }
        }
    }
    let tag_key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let tag = match JsString::from_value(data_property(cx, o, tag_key)) {
        Some(t) => t,
        None => cx.string(class_name(o))?,
    };
    let a = cx.string("[object ")?;
    let b = cx.string("]")?;
    let s = JsString::concat(heap, a, tag)?;
    Ok(JsString::concat(heap, s, b)?)
}

/// V8's class name of an object (the tag `[object …]` falls back to).
fn class_name(o: Gc<Object>) -> &'static str {
    match o.class() {
        ObjectClass::Array => "Array",
        ObjectClass::Error => "Error",
        ObjectClass::Arguments => "Arguments",
        ObjectClass::Boolean => "Boolean",
        ObjectClass::Number => "Number",
        ObjectClass::String => "String",
        ObjectClass::Symbol => "Symbol",
        ObjectClass::BigInt => "BigInt",
        ObjectClass::Date => "Date",
        ObjectClass::RegExp => "RegExp",
        ObjectClass::Generator => "Generator",
        // Its @@toStringTag, not read (a deferred namespace would evaluate).
        ObjectClass::ModuleNamespace => "Module",
        ObjectClass::TypedArray => {
            crate::builtins::typed_array::kind_name(crate::builtins::typed_array::kind_of(&o))
        }
        _ if o.is_callable() => "Function",
        _ => "Object",
    }
}

/// V8's `GetDataProperty`: the value of the data property `key` found along the prototype
/// chain, `undefined` past an accessor, a proxy or an object with host traps.
pub(crate) fn data_property(cx: &Cx, o: Gc<Object>, key: PropertyKey) -> Value {
    let raw = key.to_raw();
    let mut cur = Some(o);
    // Prototype chains are finite (SetPrototypeOf refuses cycles); the bound is a safeguard.
    let mut steps = 0u32;
    while let Some(c) = cur {
        if matches!(
            c.class(),
            ObjectClass::Proxy | ObjectClass::CustomExternal | ObjectClass::ModuleNamespace
        ) || steps > 10_000
        {
            return Value::UNDEFINED;
        }
        // A lazy builtin holder gets its properties first (no script runs); without memory
        // for them the property is not found.
        if crate::ops::materialize(cx, c).is_err() {
            return Value::UNDEFINED;
        }
        if let Some(p) = Object::get_named(cx.heap(), c, raw) {
            if p.attrs & attrs::ACCESSOR != 0 {
                return Value::UNDEFINED;
            }
            return p.value;
        }
        cur = Object::from_value(c.prototype());
        steps += 1;
    }
    Value::UNDEFINED
}

/// A function's source text (`function () { [native code] }` for a bound one), cut as V8
/// cuts it.
fn function_text(cx: &Cx, f: Gc<Object>) -> JsResult<Gc<JsString>> {
    if crate::builtins::function::is_bound(&f) {
        return cx.string("function () { [native code] }");
    }
    let t = crate::builtins::function::loaded_source_text(cx, f)?;
    let t = JsString::flatten(cx.heap(), t)?;
    let n = t.len();
    if n <= FN_MAX {
        return Ok(t);
    }
    let head = crate::builtins::string::substring(cx, t, 0, FN_HEAD)?;
    let mid = cx.string("...<omitted>...")?;
    let tail = crate::builtins::string::substring(cx, t, n - 2, n)?;
    let s = JsString::concat(cx.heap(), head, mid)?;
    Ok(JsString::concat(cx.heap(), s, tail)?)
}

/// V8's side-effect-free `Error.prototype.toString`: `name: message`, either alone when the
/// other is empty (a non-string counts as empty).
fn error_text(cx: &Cx, e: Gc<Object>) -> JsResult<Gc<JsString>> {
    let name = JsString::from_value(data_property(cx, e, cx.name(Name::name)));
    let msg = JsString::from_value(data_property(cx, e, cx.name(Name::message)));
    match (
        name.filter(|s| !s.is_empty()),
        msg.filter(|s| !s.is_empty()),
    ) {
        (Some(n), Some(m)) => {
            let sep = cx.string(": ")?;
            let s = JsString::concat(cx.heap(), n, sep)?;
            Ok(JsString::concat(cx.heap(), s, m)?)
        }
        (Some(n), None) => Ok(n),
        (None, Some(m)) => Ok(m),
        (None, None) => cx.string(""),
    }
}

/// V8's TypeError for a failed strict-mode `o[key] = v` (Set returned false), by the reason
/// found looking up `key` along `o`'s prototype chain without running script: a getter
/// without setter, a read-only property, or a new property on a non-extensible object.
pub(crate) fn set_failure(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> Throw {
    let k = match crate::convert::key_to_value(cx, key) {
        Ok(k) => k,
        Err(t) => return t,
    };
    let mut cur = Some(o);
    let mut steps = 0u32;
    while let Some(c) = cur {
        // Proxies (traps) and module namespaces (a deferred one would evaluate) are not
        // asked.
        if crate::ops::is_proxy(&c) || c.class() == ObjectClass::ModuleNamespace || steps > 10_000 {
            break;
        }
        let d = match crate::ops::get_own_property(cx, c, key) {
            Ok(d) => d,
            Err(t) => return t,
        };
        if let Some(d) = d {
            if d.get.is_some() || d.set.is_some() {
                if d.set.is_none_or(|s| s.is_undefined()) {
                    return error(
                        cx,
                        ErrorKind::TypeError,
                        &[
                            Part::Text("Cannot set property "),
                            Part::Shown(k),
                            Part::Text(" of "),
                            Part::Shown(o.to_value()),
                            Part::Text(" which has only a getter"),
                        ],
                    );
                }
            } else if d.writable == Some(false) {
                return error(
                    cx,
                    ErrorKind::TypeError,
                    &[
                        Part::Text("Cannot assign to read only property '"),
                        Part::Shown(k),
                        Part::Text("' of object '"),
                        Part::Shown(o.to_value()),
                        Part::Text("'"),
                    ],
                );
            }
            break;
        }
        cur = Object::from_value(c.prototype());
        steps += 1;
    }
    if !crate::ops::is_proxy(&o) && o.class() != ObjectClass::ModuleNamespace && !o.is_extensible()
    {
        return error(
            cx,
            ErrorKind::TypeError,
            &[
                Part::Text("Cannot add property "),
                Part::Shown(k),
                Part::Text(", object is not extensible"),
            ],
        );
    }
    error(
        cx,
        ErrorKind::TypeError,
        &[
            Part::Text("Cannot assign to read only property '"),
            Part::Shown(k),
            Part::Text("' of object '"),
            Part::Shown(o.to_value()),
            Part::Text("'"),
        ],
    )
}

/// V8's TypeError for a failed strict-mode `delete o[key]`.
pub(crate) fn delete_failure(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> Throw {
    match crate::convert::key_to_value(cx, key) {
        Ok(k) => error(
            cx,
            ErrorKind::TypeError,
            &[
                Part::Text("Cannot delete property '"),
                Part::Shown(k),
                Part::Text("' of "),
                Part::Shown(o.to_value()),
            ],
        ),
        Err(t) => t,
    }
}

/// V8's TypeError for a refused DefinePropertyOrThrow: redefining a property, or adding one
/// to a non-extensible object.
pub(crate) fn define_failure(cx: &mut Cx, o: Gc<Object>, key: PropertyKey) -> Throw {
    let k = match crate::convert::key_to_value(cx, key) {
        Ok(k) => k,
        Err(t) => return t,
    };
    let exists = crate::ops::is_proxy(&o)
        || o.class() == ObjectClass::ModuleNamespace
        || !matches!(crate::ops::get_own_property(cx, o, key), Ok(None));
    if exists || o.is_extensible() {
        return error(
            cx,
            ErrorKind::TypeError,
            &[Part::Text("Cannot redefine property: "), Part::Shown(k)],
        );
    }
    error(
        cx,
        ErrorKind::TypeError,
        &[
            Part::Text("Cannot define property "),
            Part::Shown(k),
            Part::Text(", object is not extensible"),
        ],
    )
}

/// V8's TypeError for a refused `Object.setPrototypeOf(o, …)` / `o.__proto__ = …`: an
/// immutable prototype object, a non-extensible object, else a cycle.
pub(crate) fn set_prototype_failure(cx: &mut Cx, o: Gc<Object>) -> Throw {
    if o.to_value() == cx.intrinsic(crate::realm::Intrinsic::ObjectPrototype) {
        return cx.type_error(
            "Immutable prototype object 'Object.prototype' cannot have their prototype set",
        );
    }
    if !crate::ops::is_proxy(&o) && !o.is_extensible() {
        return error(
            cx,
            ErrorKind::TypeError,
            &[Part::Shown(o.to_value()), Part::Text(" is not extensible")],
        );
    }
    cx.type_error("Cyclic __proto__ value")
}

/// V8's "Iterator result 1 is not an object".
pub(crate) fn iterator_result_not_object(cx: &Cx, v: Value) -> Throw {
    error(
        cx,
        ErrorKind::TypeError,
        &[
            Part::Text("Iterator result "),
            Part::Shown(v),
            Part::Text(" is not an object"),
        ],
    )
}

/// V8's "Iterator value 1 is not an entry object".
pub(crate) fn not_an_entry(cx: &Cx, v: Value) -> Throw {
    error(
        cx,
        ErrorKind::TypeError,
        &[
            Part::Text("Iterator value "),
            Part::Shown(v),
            Part::Text(" is not an entry object"),
        ],
    )
}
