//! Generator objects (§27.5): `%GeneratorFunction.prototype%` (the [[Prototype]] of every
//! generator function) and `%GeneratorPrototype%` (`next`, `return`, `throw`). The machinery
//! that suspends and resumes frames is `interp::generator`.

use super::{data, method, Lazy};
use crate::cx::{Cx, JsResult};
use crate::interp::async_gen::request;
use crate::interp::generator::{resume, Mode};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// Creates the two prototype objects (their properties come on first use).
pub(super) fn init(cx: &mut Cx) -> JsResult<()> {
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let gfp = cx.new_singleton(ObjectClass::Ordinary, fp)?;
    Object::set_lazy(gfp, Lazy::GeneratorFunctionProto as u8);
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::GeneratorFunctionPrototype,
        gfp.to_value(),
    );
    let ip = cx.intrinsic(Intrinsic::IteratorPrototype);
    let gp = cx.new_singleton(ObjectClass::Ordinary, ip)?;
    Object::set_lazy(gp, Lazy::GeneratorProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::GeneratorPrototype, gp.to_value());
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let aip = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(aip, Lazy::AsyncIteratorProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::AsyncIteratorPrototype, aip.to_value());
    let agfp = cx.new_singleton(ObjectClass::Ordinary, fp)?;
    Object::set_lazy(agfp, Lazy::AsyncGeneratorFunctionProto as u8);
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::AsyncGeneratorFunctionPrototype,
        agfp.to_value(),
    );
    let agp = cx.new_singleton(ObjectClass::Ordinary, aip.to_value())?;
    Object::set_lazy(agp, Lazy::AsyncGeneratorProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::AsyncGeneratorPrototype, agp.to_value());
    let afp = cx.new_singleton(ObjectClass::Ordinary, fp)?;
    Object::set_lazy(afp, Lazy::AsyncFunctionProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::AsyncFunctionPrototype, afp.to_value());
    let afs = cx.new_singleton(ObjectClass::Ordinary, aip.to_value())?;
    Object::set_lazy(afs, Lazy::AsyncFromSyncIteratorProto as u8);
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::AsyncFromSyncIteratorPrototype,
        afs.to_value(),
    );
    Ok(())
}

pub(super) fn fill_async_from_sync_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    use crate::interp::async_iter as ai;
    method(cx, o, "next", 1, ai::next)?;
    method(cx, o, "return", 1, ai::return_)?;
    method(cx, o, "throw", 1, ai::throw)?;
    Ok(())
}

pub(super) fn fill_async_iterator_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::asyncIterator));
    super::method_key(cx, o, key, 0, return_this)?;
    super::disposable::fill_async_iterator_dispose(cx, o)
}

fn return_this(_: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this)
}

pub(super) fn fill_async_function_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    link_dynamic_ctor(
        cx,
        o,
        "AsyncGeneratorFunction",
        super::function::async_generator_function_ctor,
    )?;
    let pk = cx.name(Name::prototype);
    data(
        cx,
        o,
        pk,
        cx.intrinsic(Intrinsic::AsyncGeneratorPrototype),
        attrs::CONFIGURABLE,
    )?;
    tag(cx, o, "AsyncGeneratorFunction")
}

pub(super) fn fill_async_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    let ck = cx.name(Name::constructor);
    data(
        cx,
        o,
        ck,
        cx.intrinsic(Intrinsic::AsyncGeneratorFunctionPrototype),
        attrs::CONFIGURABLE,
    )?;
    method(cx, o, "next", 1, async_next)?;
    method(cx, o, "return", 1, async_return)?;
    method(cx, o, "throw", 1, async_throw)?;
    tag(cx, o, "AsyncGenerator")
}

fn async_next(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    request(cx, this, Mode::Next, arg0(args))
}

fn async_return(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    request(cx, this, Mode::Return, arg0(args))
}

fn async_throw(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    request(cx, this, Mode::Throw, arg0(args))
}

fn tag(cx: &mut Cx, o: Gc<Object>, text: &str) -> JsResult<()> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string(text)?;
    data(cx, o, key, s.to_value(), attrs::CONFIGURABLE)
}

/// The (non-global) constructor of a kind of function, linked both ways with its
/// prototype `o`.
fn link_dynamic_ctor(
    cx: &mut Cx,
    o: Gc<Object>,
    name: &str,
    f: crate::object::NativeFn,
) -> JsResult<()> {
    let n = cx.string(name)?;
    let c = super::function::create_function(
        cx,
        f,
        super::function::FunctionOptions {
            name: n.to_value(),
            length: 1,
            constructor: true,
        },
    )?;
    let func = cx.intrinsic(Intrinsic::Function);
    crate::ops::set_prototype_of(cx, c, func)?;
    let pk = cx.name(Name::prototype);
    data(cx, c, pk, o.to_value(), 0)?;
    let ck = cx.name(Name::constructor);
    data(cx, o, ck, c.to_value(), attrs::CONFIGURABLE)
}

pub(super) fn fill_async_fn_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    link_dynamic_ctor(cx, o, "AsyncFunction", super::function::async_function_ctor)?;
    tag(cx, o, "AsyncFunction")
}

pub(super) fn fill_function_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    link_dynamic_ctor(
        cx,
        o,
        "GeneratorFunction",
        super::function::generator_function_ctor,
    )?;
    let pk = cx.name(Name::prototype);
    data(
        cx,
        o,
        pk,
        cx.intrinsic(Intrinsic::GeneratorPrototype),
        attrs::CONFIGURABLE,
    )?;
    tag(cx, o, "GeneratorFunction")
}

pub(super) fn fill_proto(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    let ck = cx.name(Name::constructor);
    data(
        cx,
        o,
        ck,
        cx.intrinsic(Intrinsic::GeneratorFunctionPrototype),
        attrs::CONFIGURABLE,
    )?;
    method(cx, o, "next", 1, next)?;
    method(cx, o, "return", 1, return_)?;
    method(cx, o, "throw", 1, throw)?;
    tag(cx, o, "Generator")
}

fn arg0(args: &[Value]) -> Value {
    args.first().copied().unwrap_or(Value::UNDEFINED)
}

fn next(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    resume(cx, this, Mode::Next, arg0(args))
}

fn return_(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    resume(cx, this, Mode::Return, arg0(args))
}

fn throw(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    resume(cx, this, Mode::Throw, arg0(args))
}
