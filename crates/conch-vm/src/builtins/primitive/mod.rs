//! `Boolean`, `Number` and `String` wrappers: constructors and `valueOf`/`toString` (the rest
//! of their prototypes comes with the interpreter).

use super::{arg, constructor, link_constructor, method, Lazy};
use crate::convert::{to_boolean, to_string};
use crate::cx::{Cx, JsResult};
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, Value};

fn wrap(cx: &mut Cx, nt: Value, class: ObjectClass, proto: Intrinsic, v: Value) -> JsResult<Value> {
    let proto = ops::prototype_from_constructor(cx, nt, proto)?;
    let o = crate::convert::wrap_primitive(cx, class, proto, v)?;
    Ok(o.to_value())
}

fn boolean_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    let b = Value::bool(to_boolean(arg(args, 0)));
    if nt.is_undefined() {
        return Ok(b);
    }
    wrap(cx, nt, ObjectClass::Boolean, Intrinsic::BooleanPrototype, b)
}

fn number_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    let n = if args.is_empty() {
        Value::int(0)
    } else {
        // ToNumeric, then a BigInt becomes the Number nearest to it (§21.1.1.1).
        match crate::convert::to_numeric(cx, args[0])? {
            crate::convert::Numeric::Number(d) => Value::number(d),
            crate::convert::Numeric::BigInt(b) => Value::number(crate::bigint::convert::to_f64(&b)),
        }
    };
    if nt.is_undefined() {
        return Ok(n);
    }
    wrap(cx, nt, ObjectClass::Number, Intrinsic::NumberPrototype, n)
}

fn string_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    let s = if args.is_empty() {
        cx.name(crate::Name::empty).to_raw()
    } else if nt.is_undefined() {
        if let Some(sym) = crate::key::Symbol::from_value(args[0]) {
            return Ok(super::symbol::descriptive_string(cx, sym)?.to_value());
        }
        to_string(cx, args[0])?.to_value()
    } else {
        to_string(cx, args[0])?.to_value()
    };
    if nt.is_undefined() {
        return Ok(s);
    }
    wrap(cx, nt, ObjectClass::String, Intrinsic::StringPrototype, s)
}

fn this_value(
    cx: &Cx,
    v: Value,
    class: ObjectClass,
    test: fn(Value) -> bool,
    what: &str,
    method: &str,
) -> JsResult<Value> {
    if test(v) {
        return Ok(v);
    }
    if let Some(o) = Object::from_value(v).filter(|o| o.class() == class) {
        return Ok(o.internal(0));
    }
    Err(crate::builtins::error::shown::requires_this(
        cx,
        &[what, ".prototype.", method],
        what,
    ))
}

fn is_bool(v: Value) -> bool {
    v.is_bool()
}

fn boolean_value_of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    this_value(
        cx,
        this,
        ObjectClass::Boolean,
        is_bool,
        "Boolean",
        "valueOf",
    )
}

fn boolean_to_string(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let b = this_value(
        cx,
        this,
        ObjectClass::Boolean,
        is_bool,
        "Boolean",
        "toString",
    )?;
    Ok(to_string(cx, b)?.to_value())
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    // Each prototype is itself a wrapper of the zero value (§20.3.3, §21.1.3, §22.1.3).
    let bp = cx.new_singleton(ObjectClass::Boolean, op)?;
    Object::set_internal(bp, 0, Value::FALSE);
    Context::set_intrinsic(cx.realm, Intrinsic::BooleanPrototype, bp.to_value());
    let c = constructor(
        cx,
        global,
        "Boolean",
        boolean_ctor,
        bp,
        fp,
        Lazy::BooleanCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::Boolean, c.to_value());
    Object::set_lazy(bp, Lazy::BooleanProto as u8);

    let np = cx.new_singleton(ObjectClass::Number, op)?;
    Object::set_internal(np, 0, Value::int(0));
    Context::set_intrinsic(cx.realm, Intrinsic::NumberPrototype, np.to_value());
    let c = constructor(cx, global, "Number", number_ctor, np, fp, Lazy::NumberCtor)?;
    Context::set_intrinsic(cx.realm, Intrinsic::Number, c.to_value());
    Object::set_lazy(np, Lazy::NumberProto as u8);

    let empty = cx.name(crate::Name::empty).to_raw();
    let sp = cx.new_singleton(ObjectClass::String, op)?;
    Object::set_internal(sp, 0, empty);
    Context::set_intrinsic(cx.realm, Intrinsic::StringPrototype, sp.to_value());
    let c = constructor(cx, global, "String", string_ctor, sp, fp, Lazy::StringCtor)?;
    Context::set_intrinsic(cx.realm, Intrinsic::String, c.to_value());
    Object::set_lazy(sp, Lazy::StringProto as u8);
    Ok(())
}

pub(super) fn fill_boolean_proto(cx: &mut Cx, bp: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, bp, Intrinsic::Boolean)?;
    method(cx, bp, "valueOf", 0, boolean_value_of)?;
    method(cx, bp, "toString", 0, boolean_to_string)?;
    Ok(())
}
