//! `Error`, its native subclasses, and `Error.prototype.toString`.

use super::{arg, constructor, data, link_constructor, method, Lazy};
use crate::convert::to_string;
use crate::cx::{Cx, ErrorKind, JsResult};
use crate::object::attrs;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::string::JsString;
use conch_gc::{Gc, Value};

pub(crate) mod shown;

const KINDS: [(ErrorKind, &str, Intrinsic); 9] = [
    (ErrorKind::Error, "Error", Intrinsic::Error),
    (ErrorKind::EvalError, "EvalError", Intrinsic::EvalError),
    (ErrorKind::RangeError, "RangeError", Intrinsic::RangeError),
    (
        ErrorKind::ReferenceError,
        "ReferenceError",
        Intrinsic::ReferenceError,
    ),
    (
        ErrorKind::SyntaxError,
        "SyntaxError",
        Intrinsic::SyntaxError,
    ),
    (ErrorKind::TypeError, "TypeError", Intrinsic::TypeError),
    (ErrorKind::UriError, "URIError", Intrinsic::UriError),
    (
        ErrorKind::SuppressedError,
        "SuppressedError",
        Intrinsic::SuppressedError,
    ),
    (
        ErrorKind::AggregateError,
        "AggregateError",
        Intrinsic::AggregateError,
    ),
];

fn kind_of_ctor(cx: &Cx, callee: Gc<Object>) -> ErrorKind {
    let realm = callee.realm();
    for (k, _, i) in KINDS {
        if realm.intrinsic(i) == callee.to_value() {
            return k;
        }
    }
    let _ = cx;
    ErrorKind::Error
}

/// The `Error` constructors (§20.5.1.1, §20.5.6.1).
fn error_ctor(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let kind = kind_of_ctor(cx, callee);
    let nt = if nt.is_undefined() {
        callee.to_value()
    } else {
        nt
    };
    let proto = ops::prototype_from_constructor(cx, nt, kind.prototype())?;
    let o = cx.new_object_with(ObjectClass::Error, proto)?;
    crate::interp::stack_trace::capture_error_here(cx, o)?;
    if kind == ErrorKind::SuppressedError {
        // SuppressedError(error, suppressed, message) (Explicit Resource Management).
        let msg = arg(args, 2);
        if !msg.is_undefined() {
            let s = to_string(cx, msg)?;
            let key = cx.name(Name::message);
            super::data(cx, o, key, s.to_value(), attrs::HIDDEN)?;
        }
        let ek = cx.rt.key("error")?;
        super::data(cx, o, ek, arg(args, 0), attrs::HIDDEN)?;
        let sk = cx.rt.key("suppressed")?;
        super::data(cx, o, sk, arg(args, 1), attrs::HIDDEN)?;
        return Ok(o.to_value());
    }
    // AggregateError(errors, message, options); the others (message, options).
    let first = usize::from(kind == ErrorKind::AggregateError);
    let msg = arg(args, first);
    if !msg.is_undefined() {
        let s = to_string(cx, msg)?;
        let key = cx.name(Name::message);
        super::data(cx, o, key, s.to_value(), attrs::HIDDEN)?;
    }
    // InstallErrorCause.
    if let Some(opts) = Object::from_value(arg(args, first + 1)) {
        let ck = cx.name(Name::cause);
        if ops::has_property(cx, opts, ck)? {
            let cause = ops::get_v(cx, opts, ck)?;
            super::data(cx, o, ck, cause, attrs::HIDDEN)?;
        }
    }
    if kind == ErrorKind::AggregateError {
        let list = crate::interp::ops::new_array(cx)?;
        let (it, next) = crate::interp::ops::get_iterator(cx, arg(args, 0))?;
        while let Some(v) = crate::interp::ops::iterator_step(cx, it, next)? {
            crate::interp::ops::array_push(cx, list.to_value(), v)?;
        }
        let ek = cx.rt.key("errors")?;
        super::data(cx, o, ek, list.to_value(), attrs::HIDDEN)?;
    }
    Ok(o.to_value())
}

/// `Error.prototype.toString`'s entry point (to recognise it without calling it).
pub(crate) fn to_string_native() -> crate::object::NativeFn {
    to_string_
}

/// `Error.prototype.toString`.
fn to_string_(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(o) = Object::from_value(this) else {
        return Err(shown::incompatible_receiver(
            cx,
            &["Error.prototype.toString"],
            this,
        ));
    };
    let nk = cx.name(Name::name);
    let name = ops::get_v(cx, o, nk)?;
    let name = if name.is_undefined() {
        cx.string("Error")?
    } else {
        to_string(cx, name)?
    };
    let mk = cx.name(Name::message);
    let msg = ops::get_v(cx, o, mk)?;
    let msg = if msg.is_undefined() {
        cx.string("")?
    } else {
        to_string(cx, msg)?
    };
    if name.is_empty() {
        return Ok(msg.to_value());
    }
    if msg.is_empty() {
        return Ok(name.to_value());
    }
    let sep = cx.string(": ")?;
    let s = JsString::concat(cx.heap(), name, sep)?;
    Ok(JsString::concat(cx.heap(), s, msg)?.to_value())
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let mut base_ctor = Value::UNDEFINED;
    let mut base_proto = Value::UNDEFINED;
    for (kind, name, ctor_intrinsic) in KINDS {
        let is_base = kind == ErrorKind::Error;
        let proto =
            cx.new_singleton(ObjectClass::Ordinary, if is_base { op } else { base_proto })?;
        Context::set_intrinsic(cx.realm, kind.prototype(), proto.to_value());
        let c = constructor(
            cx,
            global,
            name,
            error_ctor,
            proto,
            if is_base { fp } else { base_ctor },
            Lazy::ErrorCtor,
        )?;
        Context::set_intrinsic(cx.realm, ctor_intrinsic, c.to_value());
        Object::set_lazy(proto, Lazy::ErrorProto as u8);
        if is_base {
            base_ctor = c.to_value();
            base_proto = proto.to_value();
        }
    }
    Ok(())
}

/// A new SuppressedError of `error` over `suppressed` (no message), as `DisposeResources`
/// makes them.
pub(crate) fn suppressed_error(cx: &mut Cx, error: Value, suppressed: Value) -> JsResult<Value> {
    let o = cx.new_object_with(
        ObjectClass::Error,
        cx.intrinsic(Intrinsic::SuppressedErrorPrototype),
    )?;
    let ek = cx.rt.key("error")?;
    super::data(cx, o, ek, error, attrs::HIDDEN)?;
    let sk = cx.rt.key("suppressed")?;
    super::data(cx, o, sk, suppressed, attrs::HIDDEN)?;
    Ok(o.to_value())
}

/// A lazy error constructor's own properties (`SuppressedError.length` is 3, the others' 1;
/// `Error.captureStackTrace`).
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    let len = if cx.intrinsic(Intrinsic::SuppressedError) == c.to_value() {
        3
    } else if cx.intrinsic(Intrinsic::AggregateError) == c.to_value() {
        2
    } else {
        1
    };
    super::fill_constructor(cx, c, len)?;
    if cx.intrinsic(Intrinsic::Error) == c.to_value() {
        method(cx, c, "isError", 1, is_error)?;
        method(cx, c, "captureStackTrace", 2, capture_stack_trace)?;
        // V8's `Error.stackTraceLimit`: how many frames new traces keep.
        let k = cx.rt.key("stackTraceLimit")?;
        let limit = Value::int(crate::interp::stack_trace::LIMIT as i32);
        super::data(cx, c, k, limit, crate::object::attrs::DEFAULT)?;
    }
    Ok(())
}

/// `Error.isError(arg)`: whether `arg` has `[[ErrorData]]`.
fn is_error(_: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(
        Object::from_value(arg(args, 0)).is_some_and(|o| o.class() == ObjectClass::Error),
    ))
}

/// `get Error.prototype.stack` (proposal-error-stack-accessor): the trace of an object with
/// `[[ErrorData]]`, else undefined.
fn get_stack(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(o) = Object::from_value(this) else {
        return Err(cx.type_error("Error.prototype.stack getter called on non-object"));
    };
    if o.class() != ObjectClass::Error {
        return Ok(Value::UNDEFINED);
    }
    Ok(crate::interp::stack_trace::stack_string(cx, o)?.to_value())
}

/// `set Error.prototype.stack`: SetterThatIgnoresPrototypeProperties(this, %Error.prototype%,
/// "stack", v) for a string `v`.
fn set_stack(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(o) = Object::from_value(this) else {
        return Err(cx.type_error("Error.prototype.stack setter called on non-object"));
    };
    let v = arg(args, 0);
    if JsString::from_value(v).is_none() {
        return Err(cx.type_error("Error.prototype.stack must be set to a string"));
    }
    if this == cx.intrinsic(Intrinsic::ErrorPrototype) {
        return Err(cx.type_error("Cannot set stack on Error.prototype"));
    }
    let key = cx.rt.key("stack")?;
    if ops::get_own_property(cx, o, key)?.is_none() {
        if !ops::create_data_property(cx, o, key, v)? {
            return Err(cx.type_error("Cannot define property stack, object is not extensible"));
        }
    } else {
        let ok = ops::set(cx, o, key, v, this)?;
        ops::or_throw(cx, ok, "Cannot assign to read only property 'stack'")?;
    }
    Ok(Value::UNDEFINED)
}

/// `Error.captureStackTrace(object)` (as V8 has it, which libraries call from their error
/// classes): gives `object` an own `stack` string for the current call stack.
fn capture_stack_trace(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(o) = Object::from_value(arg(args, 0)) else {
        return Err(cx.type_error("Invalid argument: Error.captureStackTrace needs an object"));
    };
    let tmp = cx.new_object_with(ObjectClass::Error, cx.intrinsic(Intrinsic::ErrorPrototype))?;
    crate::interp::stack_trace::capture_error_here(cx, tmp)?;
    // The header line is the target's own name and message.
    let nk = cx.name(Name::name);
    let mk = cx.name(Name::message);
    for k in [nk, mk] {
        let v = ops::get_v(cx, o, k)?;
        if JsString::from_value(v).is_some() {
            super::data(cx, tmp, k, v, attrs::HIDDEN)?;
        }
    }
    let s = crate::interp::stack_trace::stack_string(cx, tmp)?;
    let key = cx.rt.key("stack")?;
    let d = ops::PropertyDescriptor {
        value: Some(s.to_value()),
        writable: Some(true),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, o, key, &d)?;
    Ok(Value::UNDEFINED)
}

/// The contents of one of the error prototypes (which one: the realm's intrinsics say).
pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    let Some(&(kind, name, ctor)) = KINDS
        .iter()
        .find(|(k, _, _)| cx.intrinsic(k.prototype()) == proto.to_value())
    else {
        return Ok(());
    };
    link_constructor(cx, proto, ctor)?;
    let nk = cx.name(Name::name);
    let ns = cx.string(name)?;
    data(cx, proto, nk, ns.to_value(), attrs::HIDDEN)?;
    let mk = cx.name(Name::message);
    data(cx, proto, mk, cx.name(Name::empty).to_raw(), attrs::HIDDEN)?;
    if kind == ErrorKind::Error {
        method(cx, proto, "toString", 0, to_string_)?;
        let get = super::create_function(
            cx,
            get_stack,
            super::FunctionOptions {
                name: cx.string("get stack")?.to_value(),
                length: 0,
                constructor: false,
            },
        )?;
        let set = super::create_function(
            cx,
            set_stack,
            super::FunctionOptions {
                name: cx.string("set stack")?.to_value(),
                length: 1,
                constructor: false,
            },
        )?;
        let d = ops::PropertyDescriptor {
            get: Some(get.to_value()),
            set: Some(set.to_value()),
            enumerable: Some(false),
            configurable: Some(true),
            ..Default::default()
        };
        let key = cx.rt.key("stack")?;
        ops::define_property_or_throw(cx, proto, key, &d)?;
    }
    Ok(())
}
