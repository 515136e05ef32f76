//! `Symbol` and `Symbol.prototype`.

use super::{arg, constructor, data, fill_constructor, link_constructor, method, method_key, Lazy};
use crate::convert::to_string;
use crate::cx::{Cx, JsResult};
use crate::key::{PropertyKey, Symbol};
use crate::object::attrs;
use crate::object::{Object, ObjectClass};
use crate::realm::{Context, Intrinsic};
use crate::runtime::{Name, WellKnown};
use crate::string::JsString;
use conch_gc::{Gc, Value};

fn symbol_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    if !nt.is_undefined() {
        return Err(cx.type_error("Symbol is not a constructor"));
    }
    let d = arg(args, 0);
    let desc = if d.is_undefined() {
        Value::UNDEFINED
    } else {
        to_string(cx, d)?.to_value()
    };
    Ok(Symbol::new(cx.heap(), desc)?.to_value())
}

/// `thisSymbolValue`.
fn this_symbol(cx: &Cx, v: Value, method: &str) -> JsResult<Gc<Symbol>> {
    if let Some(s) = Symbol::from_value(v) {
        return Ok(s);
    }
    if let Some(o) = Object::from_value(v).filter(|o| o.class() == ObjectClass::Symbol) {
        return Ok(Symbol::from_value(o.internal(0)).expect("symbol wrapper"));
    }
    Err(crate::builtins::error::shown::requires_this(
        cx,
        &["Symbol.prototype.", method],
        "Symbol",
    ))
}

/// `SymbolDescriptiveString`.
pub fn descriptive_string(cx: &Cx, s: Gc<Symbol>) -> JsResult<Gc<JsString>> {
    let open = cx.string("Symbol(")?;
    let close = cx.string(")")?;
    let r = match JsString::from_value(s.description) {
        Some(d) => JsString::concat(cx.heap(), open, d)?,
        None => open,
    };
    Ok(JsString::concat(cx.heap(), r, close)?)
}

fn to_string_(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let s = this_symbol(cx, this, "toString")?;
    Ok(descriptive_string(cx, s)?.to_value())
}

fn value_of(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this_symbol(cx, this, "valueOf")?.to_value())
}

fn description(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this_symbol(cx, this, "description")?.description)
}

fn for_(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let key = to_string(cx, arg(args, 0))?;
    Ok(cx.rt.registered_symbol(key)?.to_value())
}

fn key_for(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(s) = Symbol::from_value(arg(args, 0)) else {
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Shown(arg(args, 0)),
                crate::builtins::error::shown::Part::Text(" is not a symbol"),
            ],
        ));
    };
    Ok(if s.registered.get() {
        s.description
    } else {
        Value::UNDEFINED
    })
}

fn to_primitive(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this_symbol(cx, this, "[Symbol.toPrimitive]")?.to_value())
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::SymbolPrototype, proto.to_value());
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "Symbol",
        symbol_ctor,
        proto,
        fp,
        Lazy::SymbolCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::Symbol, c.to_value());
    Object::set_lazy(proto, Lazy::SymbolProto as u8);
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::Symbol)?;
    method(cx, proto, "toString", 0, to_string_)?;
    method(cx, proto, "valueOf", 0, value_of)?;
    // `description` accessor.
    let gname = cx.string("get description")?.to_value();
    let getter = super::create_function(
        cx,
        description,
        super::FunctionOptions {
            name: gname,
            length: 0,
            constructor: false,
        },
    )?;
    let acc = cx.heap().alloc(crate::object::Accessor {
        get: getter.to_value(),
        set: Value::UNDEFINED,
    })?;
    let dk = cx.name(Name::description);
    data(
        cx,
        proto,
        dk,
        acc.to_value(),
        attrs::CONFIGURABLE | attrs::ACCESSOR,
    )?;
    let tp = PropertyKey::symbol(cx.rt.well_known(WellKnown::toPrimitive));
    let f = method_key(cx, proto, tp, 1, to_primitive)?;
    let _ = f;
    // Make @@toPrimitive non-writable (spec: { [[Writable]]: false, [[Configurable]]: true }).
    let fv = crate::ops::own_prop(cx, proto, tp)?
        .expect("just defined")
        .value;
    data(cx, proto, tp, fv, attrs::CONFIGURABLE)?;
    let tag = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let ts = cx.string("Symbol")?;
    data(cx, proto, tag, ts.to_value(), attrs::CONFIGURABLE)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 0)?;
    method(cx, c, "for", 1, for_)?;
    method(cx, c, "keyFor", 1, key_for)?;
    // The well-known symbols as non-writable, non-configurable properties of Symbol.
    let names: [(&str, WellKnown); 15] = [
        ("asyncIterator", WellKnown::asyncIterator),
        ("asyncDispose", WellKnown::asyncDispose),
        ("dispose", WellKnown::dispose),
        ("hasInstance", WellKnown::hasInstance),
        ("isConcatSpreadable", WellKnown::isConcatSpreadable),
        ("iterator", WellKnown::iterator),
        ("match", WellKnown::match_),
        ("matchAll", WellKnown::matchAll),
        ("replace", WellKnown::replace),
        ("search", WellKnown::search),
        ("species", WellKnown::species),
        ("split", WellKnown::split),
        ("toPrimitive", WellKnown::toPrimitive),
        ("toStringTag", WellKnown::toStringTag),
        ("unscopables", WellKnown::unscopables),
    ];
    for (n, w) in names {
        let k = cx.rt.key(n)?;
        data(cx, c, k, cx.rt.well_known(w).to_value(), 0)?;
    }
    Ok(())
}
