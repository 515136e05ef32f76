//! `ShadowRealm` (the stage-3 ShadowRealm proposal, as test262 tests it).
//!
//! A ShadowRealm object is an object of class `IteratorHelper` whose `internal(0)` is
//! `KIND << 2` and whose `internal(1)` is its `[[ShadowRealm]]`: a realm of its own, made by
//! `builtins::create_realm` like any context (standard globals only; the host adds nothing).
//! Its `[[ExecutionContext]]` is that realm's global environment, which is all the engine
//! needs of it.
//!
//! Only primitives and callables cross the boundary: a callable becomes a wrapped function
//! ([`wrap`]), any other object is refused with a TypeError of the receiving side, and an
//! abrupt completion on the far side becomes a TypeError of the near side (the thrown value
//! itself never crosses).

#[cfg(test)]
mod tests;

use super::{arg, constructor, create_function, data, link_constructor, method, Lazy};
use crate::builtins::function::FunctionOptions;
use crate::builtins::promise;
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::string::JsString;
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

/// The `IteratorHelper`-class kind of a ShadowRealm object (see
/// `builtins::iterator::helper::Kind`).
const KIND: i32 = 13;

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(proto, Lazy::ShadowRealmProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::ShadowRealmPrototype, proto.to_value());
    let c = constructor(
        cx,
        global,
        "ShadowRealm",
        shadow_realm_ctor,
        proto,
        fp,
        Lazy::ShadowRealmCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::ShadowRealm, c.to_value());
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::ShadowRealm)?;
    method(cx, p, "evaluate", 1, evaluate)?;
    method(cx, p, "importValue", 2, import_value)?;
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string("ShadowRealm")?;
    data(cx, p, key, s.to_value(), attrs::CONFIGURABLE)
}

/// The realm of a ShadowRealm object (`ValidateShadowRealmObject`).
fn realm_of(v: Value) -> Option<Gc<Context>> {
    let o = Object::from_value(v)?;
    if o.class() != ObjectClass::IteratorHelper || o.internal(0).as_int() != Some(KIND << 2) {
        return None;
    }
    Context::from_value(o.internal(1))
}

/// `ShadowRealm ( )`.
fn shadow_realm_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    _: &[Value],
    nt: Value,
) -> JsResult<Value> {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor ShadowRealm requires 'new'"));
    }
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::ShadowRealmPrototype)?;
    let o = cx.new_object_with(ObjectClass::IteratorHelper, proto)?;
    Object::set_internal(o, 0, Value::int(KIND << 2));
    let realm = super::create_realm(cx.rt)?;
    Object::set_internal(o, 1, realm.to_value());
    Ok(o.to_value())
}

/// `ShadowRealm.prototype.evaluate ( sourceText )`: `PerformShadowRealmEval`.
fn evaluate(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(eval_realm) = realm_of(this) else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["ShadowRealm.prototype.evaluate"],
            this,
        ));
    };
    let Some(source) = JsString::from_value(arg(args, 0)) else {
        return Err(
            cx.type_error("ShadowRealm.prototype.evaluate: the source text must be a string")
        );
    };
    let caller = cx.realm;
    let r = crate::interp::eval::shadow_realm_eval(cx, source, eval_realm)?;
    let v = across(cx, r)?;
    get_wrapped_value(cx, caller, v)
}

/// `ShadowRealm.prototype.importValue ( specifier, exportName )`: `ShadowRealmImportValue`.
fn import_value(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(eval_realm) = realm_of(this) else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["ShadowRealm.prototype.importValue"],
            this,
        ));
    };
    let specifier = ops::conversion::to_string(cx, arg(args, 0))?;
    let Some(export_name) = JsString::from_value(arg(args, 1)) else {
        return Err(
            cx.type_error("ShadowRealm.prototype.importValue: the export name must be a string")
        );
    };
    // HostLoadImportedModule with the realm as referrer: relative specifiers resolve against
    // the calling script's file, as the caller's own `import()` would.
    let referrer = match crate::interp::stack_trace::calling_script_file(cx) {
        Some(f) => f,
        None => cx.name(Name::empty).to_raw(),
    };
    let caller = cx.realm;
    cx.realm = eval_realm;
    let inner = crate::module::import_from(cx, referrer, specifier.to_value(), Value::UNDEFINED, 0);
    cx.realm = caller;
    let inner = Object::from_value(inner?).expect("import promise");
    let on_fulfilled = reaction(cx, export_getter)?;
    Object::set_internal(on_fulfilled, 0, export_name.to_value());
    let on_rejected = reaction(cx, import_failed)?;
    let cap = promise::new_capability(cx, cx.intrinsic(Intrinsic::Promise))?;
    promise::perform_then(
        cx,
        inner,
        on_fulfilled.to_value(),
        on_rejected.to_value(),
        cap,
    )?;
    Ok(cap[0])
}

/// An anonymous builtin function of length 1 in the current realm.
fn reaction(cx: &mut Cx, f: crate::object::NativeFn) -> JsResult<Gc<Object>> {
    let name = cx.name(Name::empty).to_raw();
    create_function(
        cx,
        f,
        FunctionOptions {
            name,
            length: 1,
            constructor: false,
        },
    )
}

/// The ExportGetter steps: the export `internal(0)` names, wrapped into this function's realm.
fn export_getter(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(exports) = Object::from_value(arg(args, 0)) else {
        return Err(cx.type_error("ShadowRealm.prototype.importValue: no module namespace"));
    };
    let key = ops::conversion::to_property_key(cx, callee.internal(0))?;
    if ops::get_own_property(cx, exports, key)?.is_none() {
        return Err(
            cx.type_error("ShadowRealm.prototype.importValue: the module has no such export")
        );
    }
    let v = ops::get(cx, exports, key, exports.to_value())?;
    get_wrapped_value(cx, callee.realm(), v)
}

/// The rejection steps: whatever the module load threw stays in its realm.
fn import_failed(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Err(cx.type_error(
        "ShadowRealm.prototype.importValue: the module could not be loaded or evaluated",
    ))
}

/// The completion `r` of work in another realm, seen from the current one: a thrown value
/// becomes a TypeError of the current realm (memory and termination pass as they are).
fn across(cx: &mut Cx, r: JsResult<Value>) -> JsResult<Value> {
    match r {
        Ok(v) => Ok(v),
        Err(Throw::Value(e)) => Err(boundary_error(cx, e)),
        Err(t) => Err(t),
    }
}

/// The TypeError that stands for `e`, thrown on the other side. Its message quotes `e`'s own
/// `message` when that is a plain data string (read without running code: nothing observable
/// happens on the other side).
fn boundary_error(cx: &mut Cx, e: Value) -> Throw {
    let r = (|| {
        let head = cx.string("ShadowRealm: an error crossed the realm boundary")?;
        let mut msg = head;
        if let Some(o) = Object::from_value(e).filter(|o| o.class() == ObjectClass::Error) {
            let mk = cx.name(Name::message).to_raw();
            if let Some(p) = Object::get_named(cx.heap(), o, mk) {
                if let Some(s) = JsString::from_value(p.value) {
                    if p.attrs & attrs::ACCESSOR == 0 {
                        let sep = cx.string(": ")?;
                        msg = JsString::concat(cx.heap(), msg, sep)?;
                        msg = JsString::concat(cx.heap(), msg, s)?;
                    }
                }
            }
        }
        Ok(Throw::Value(
            cx.error_object_with(ErrorKind::TypeError, msg.to_value())?
                .to_value(),
        ))
    })();
    r.unwrap_or_else(|t| t)
}

/// `GetWrappedValue(callerRealm, value)`: primitives as they are, callables wrapped for
/// `realm`, other objects refused (a TypeError of the current realm).
pub(crate) fn get_wrapped_value(cx: &mut Cx, realm: Gc<Context>, v: Value) -> JsResult<Value> {
    let Some(o) = Object::from_value(v) else {
        return Ok(v);
    };
    if !o.is_callable() {
        return Err(cx.type_error(
            "ShadowRealm: only primitives and callables can cross the realm boundary",
        ));
    }
    Ok(wrap(cx, realm, o)?.to_value())
}

/// `WrappedFunctionCreate(callerRealm, Target)`: a function of `realm` with `[[Call]]` only,
/// `internal(0)` its `[[WrappedTargetFunction]]`, `length` and `name` copied from the target.
fn wrap(cx: &mut Cx, realm: Gc<Context>, target: Gc<Object>) -> JsResult<Gc<Object>> {
    let fp = realm.intrinsic(Intrinsic::FunctionPrototype);
    let f = Context::new_object(realm, cx.heap(), ObjectClass::Function, fp)?;
    Object::set_native(f, wrapped_call, false);
    Object::set_internal(f, 0, target.to_value());
    match copy_name_and_length(cx, f, target) {
        Ok(()) => Ok(f),
        Err(Throw::Value(_)) => {
            Err(cx.type_error("ShadowRealm: the name or length of a function could not be copied"))
        }
        Err(t) => Err(t),
    }
}

/// `CopyNameAndLength(F, Target)` (no prefix, no argument count): in this observable order,
/// HasOwnProperty(length), Get(length), Get(name).
fn copy_name_and_length(cx: &mut Cx, f: Gc<Object>, target: Gc<Object>) -> JsResult<()> {
    let lk = cx.name(Name::length);
    let mut len = 0.0;
    if ops::get_own_property(cx, target, lk)?.is_some() {
        let tl = ops::get(cx, target, lk, target.to_value())?;
        if let Some(x) = tl.as_number() {
            len = if x == f64::INFINITY {
                f64::INFINITY
            } else if x == f64::NEG_INFINITY {
                0.0
            } else {
                crate::numconv::to_integer_or_infinity(x).max(0.0)
            };
        }
    }
    let d = ops::PropertyDescriptor::data(Value::number(len), attrs::CONFIGURABLE);
    ops::define_property_or_throw(cx, f, lk, &d)?;
    let nk = cx.name(Name::name);
    let tn = ops::get(cx, target, nk, target.to_value())?;
    let name = if JsString::from_value(tn).is_some() {
        tn
    } else {
        cx.name(Name::empty).to_raw()
    };
    let d = ops::PropertyDescriptor::data(name, attrs::CONFIGURABLE);
    ops::define_property_or_throw(cx, f, nk, &d)
}

/// A wrapped function's `[[Call]]` (`OrdinaryWrappedFunctionCall`); the current realm is the
/// wrapper's, the caller's side of the boundary.
fn wrapped_call(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let Some(target) = Object::from_value(callee.internal(0)) else {
        return Err(cx.type_error("ShadowRealm: a wrapped function without a target"));
    };
    let caller = callee.realm();
    let target_realm = ops::function_realm(cx, target)?;
    // The wrapped arguments live in a GC vector reachable from this frame's stack.
    let wrapped = GcVec::<Value>::new();
    wrapped.reserve(cx.heap(), args.len())?;
    for &a in args {
        let w = get_wrapped_value(cx, target_realm, a)?;
        wrapped.push(cx.heap(), w)?;
    }
    let this = get_wrapped_value(cx, target_realm, this)?;
    // SAFETY: `wrapped` is this call's own vector, not written while the slice lives.
    let r = ops::call(cx, target.to_value(), this, unsafe { wrapped.as_slice() });
    let v = across(cx, r)?;
    get_wrapped_value(cx, caller, v)
}
