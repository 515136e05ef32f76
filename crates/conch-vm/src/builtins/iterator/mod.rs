//! `Iterator` (ES2025 §27.1.3) and `%Iterator.prototype%` (§27.1.4): the abstract constructor,
//! `Iterator.from`, `Iterator.concat`, the prototype's lazy helpers (`helper`) and eager
//! consumers (`eager`), its two odd accessors (`constructor`, `[Symbol.toStringTag]`) and
//! `[Symbol.iterator]` / `[Symbol.dispose]`, which every builtin iterator inherits.

mod chunking;
mod eager;
pub(crate) mod helper;
#[cfg(test)]
mod tests;
mod zip;

use super::{
    arg, constructor, create_function, data, fill_constructor, method, method_key, FunctionOptions,
    Lazy,
};
use crate::cx::{Cx, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::{attrs, NativeFn, Object, ObjectClass};
use crate::ops;
use crate::ops::iteration::{get_method, get_v, iterator_close_throw, IteratorRecord};
use crate::realm::{Context, Intrinsic};
use crate::string::JsString;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// Creates the (lazy) `Iterator` constructor over the realm's `%Iterator.prototype%` and
/// binds it on the global object.
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.intrinsic(Intrinsic::IteratorPrototype);
    let Some(proto) = Object::from_value(proto) else {
        return Err(cx.type_error("%Iterator.prototype% is missing"));
    };
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "Iterator",
        iterator_ctor,
        proto,
        fp,
        Lazy::IteratorCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::Iterator, c.to_value());
    Ok(())
}

/// `Iterator`'s own properties.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 0)?;
    method(cx, c, "from", 1, from)?;
    method(cx, c, "concat", 0, helper::concat)?;
    method(cx, c, "zip", 1, zip::zip)?;
    method(cx, c, "zipKeyed", 1, zip::zip_keyed)?;
    Ok(())
}

/// `%Iterator.prototype%`'s properties.
pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    let ck = cx.rt.key("constructor")?;
    accessor(cx, proto, ck, "constructor", ctor_get, ctor_set)?;
    method(cx, proto, "chunks", 1, chunking::chunks)?;
    method(cx, proto, "drop", 1, helper::drop)?;
    method(cx, proto, "every", 1, eager::every)?;
    method(cx, proto, "filter", 1, helper::filter)?;
    method(cx, proto, "find", 1, eager::find)?;
    method(cx, proto, "flatMap", 1, helper::flat_map)?;
    method(cx, proto, "forEach", 1, eager::for_each)?;
    method(cx, proto, "includes", 1, eager::includes)?;
    method(cx, proto, "join", 1, eager::join)?;
    method(cx, proto, "map", 1, helper::map)?;
    method(cx, proto, "reduce", 1, eager::reduce)?;
    method(cx, proto, "some", 1, eager::some)?;
    method(cx, proto, "take", 1, helper::take)?;
    method(cx, proto, "toArray", 0, eager::to_array)?;
    method(cx, proto, "windows", 1, chunking::windows)?;
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    accessor(cx, proto, tk, "[Symbol.toStringTag]", tag_get, tag_set)?;
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    method_key(cx, proto, key, 0, iterator)?;
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::dispose));
    method_key(cx, proto, key, 0, dispose)?;
    Ok(())
}

/// An accessor pair `get <name>` / `set <name>` under `key` (configurable, not enumerable).
fn accessor(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    name: &str,
    get: NativeFn,
    set: NativeFn,
) -> JsResult<()> {
    let make = |cx: &mut Cx, prefix: &str, f: NativeFn, length: u32| -> JsResult<Value> {
        let p = cx.string(prefix)?;
        let n = cx.string(name)?;
        let full = JsString::concat(cx.heap(), p, n)?;
        let g = create_function(
            cx,
            f,
            FunctionOptions {
                name: full.to_value(),
                length,
                constructor: false,
            },
        )?;
        Ok(g.to_value())
    };
    let g = make(cx, "get ", get, 0)?;
    let s = make(cx, "set ", set, 1)?;
    let d = ops::PropertyDescriptor {
        get: Some(g),
        set: Some(s),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, o, key, &d)
}

/// `Iterator ( )` (§27.1.3.1): only for subclasses.
fn iterator_ctor(cx: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], nt: Value) -> JsResult<Value> {
    if nt.is_undefined() || nt == f.to_value() {
        return Err(cx.type_error("Iterator is an abstract class: construct a subclass"));
    }
    let p = ops::prototype_from_constructor(cx, nt, Intrinsic::IteratorPrototype)?;
    Ok(cx.new_object_with(ObjectClass::Ordinary, p)?.to_value())
}

/// `Iterator.from ( O )` (§27.1.3.2.1).
fn from(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let r = get_iterator_flattenable(cx, arg(args, 0), true)?;
    let c = cx.intrinsic(Intrinsic::Iterator);
    if ops::ordinary_has_instance(cx, c, r.iterator)? {
        return Ok(r.iterator);
    }
    helper::wrap(cx, r)
}

/// `get %Iterator.prototype%.constructor`.
fn ctor_get(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(cx.intrinsic(Intrinsic::Iterator))
}

/// `set %Iterator.prototype%.constructor`.
fn ctor_set(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let key = cx.rt.key("constructor")?;
    setter_that_ignores_prototype_properties(cx, this, key, arg(args, 0))
}

/// `get %Iterator.prototype% [ %Symbol.toStringTag% ]`.
fn tag_get(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(cx.string("Iterator")?.to_value())
}

/// `set %Iterator.prototype% [ %Symbol.toStringTag% ]`.
fn tag_set(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    setter_that_ignores_prototype_properties(cx, this, key, arg(args, 0))
}

/// `SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, p, v)` (§27.1.4.13.1):
/// assigning through the prototype chain defines an own property on the receiver.
fn setter_that_ignores_prototype_properties(
    cx: &mut Cx,
    this: Value,
    key: PropertyKey,
    v: Value,
) -> JsResult<Value> {
    let Some(o) = Object::from_value(this) else {
        return Err(cx.type_error("Iterator.prototype setter called on a non-object"));
    };
    if this == cx.intrinsic(Intrinsic::IteratorPrototype) {
        return Err(cx.type_error("Cannot assign to this property of Iterator.prototype"));
    }
    let ok = match ops::get_own_property(cx, o, key)? {
        None => ops::create_data_property(cx, o, key, v)?,
        Some(_) => ops::set(cx, o, key, v, this)?,
    };
    if !ok {
        return Err(cx.type_error("Cannot assign to a read-only property"));
    }
    Ok(Value::UNDEFINED)
}

/// `%Iterator.prototype% [ %Symbol.iterator% ] ( )`: returns the this value.
fn iterator(_: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this)
}

/// `%Iterator.prototype% [ %Symbol.dispose% ] ( )`: calls `return` if there is one.
fn dispose(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let rk = cx.name(crate::runtime::Name::return_);
    let m = get_method(cx, this, rk)?;
    if !m.is_undefined() {
        ops::call(cx, m, this, &[])?;
    }
    Ok(Value::UNDEFINED)
}

/// `GetIteratorDirect(obj)` (§7.4.2; `obj` is an object).
pub(crate) fn get_iterator_direct(cx: &mut Cx, obj: Value) -> JsResult<IteratorRecord> {
    let nk = cx.name(crate::runtime::Name::next);
    let next = get_v(cx, obj, nk)?;
    Ok(IteratorRecord {
        iterator: obj,
        next,
    })
}

/// `GetIteratorFlattenable(obj, primitiveHandling)` (§7.4.4); `strings`: iterate string
/// primitives (otherwise every primitive is rejected).
pub(crate) fn get_iterator_flattenable(
    cx: &mut Cx,
    obj: Value,
    strings: bool,
) -> JsResult<IteratorRecord> {
    if Object::from_value(obj).is_none() && !(strings && JsString::from_value(obj).is_some()) {
        return Err(cx.type_error("Value is not an object or iterable string"));
    }
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    let m = get_method(cx, obj, ik)?;
    let iterator = if m.is_undefined() {
        obj
    } else {
        ops::call(cx, m, obj, &[])?
    };
    if Object::from_value(iterator).is_none() {
        return Err(cx.type_error("Iterator is not an object"));
    }
    get_iterator_direct(cx, iterator)
}

/// `IteratorStep(iteratorRecord)` (§7.4.9): the result object, or `None` when done.
pub(crate) fn iterator_step(cx: &mut Cx, r: IteratorRecord) -> JsResult<Option<Gc<Object>>> {
    let result = ops::call(cx, r.next, r.iterator, &[])?;
    let Some(ro) = Object::from_value(result) else {
        return Err(crate::builtins::error::shown::iterator_result_not_object(
            cx, result,
        ));
    };
    let dk = cx.name(crate::runtime::Name::done);
    let done = ops::get_v(cx, ro, dk)?;
    Ok(if crate::convert::to_boolean(done) {
        None
    } else {
        Some(ro)
    })
}

/// `IteratorClose(iteratorRecord, completion)` (§7.4.11) for any completion (a return
/// completion is passed as a normal one: they close alike).
pub(crate) fn iterator_close(
    cx: &mut Cx,
    iterator: Value,
    completion: JsResult<Value>,
) -> JsResult<Value> {
    if let Err(e) = completion {
        let r = IteratorRecord {
            iterator,
            next: Value::UNDEFINED,
        };
        return Err(iterator_close_throw(cx, r, e));
    }
    let rk = cx.name(crate::runtime::Name::return_);
    let m = get_method(cx, iterator, rk)?;
    if m.is_undefined() {
        return completion;
    }
    let inner = ops::call(cx, m, iterator, &[])?;
    if Object::from_value(inner).is_none() {
        return Err(cx.type_error("The iterator's return() result is not an object"));
    }
    completion
}

/// `IteratorClose(iterated, ThrowCompletion(e))` for a record holding only `o`: the helpers'
/// argument validation failures close the receiver.
pub(crate) fn close_with(cx: &mut Cx, o: Value, e: Throw) -> Throw {
    let r = IteratorRecord {
        iterator: o,
        next: Value::UNDEFINED,
    };
    iterator_close_throw(cx, r, e)
}

/// The receiver of an `Iterator.prototype` method: it must be an object.
pub(crate) fn this_object(cx: &Cx, this: Value, what: &str) -> JsResult<Value> {
    if Object::from_value(this).is_some() {
        return Ok(this);
    }
    let _ = what;
    Err(cx.type_error("Iterator.prototype method called on a non-object"))
}

/// A helper's function argument: callable, or the receiver is closed and a TypeError thrown.
pub(crate) fn callable_or_close(cx: &mut Cx, o: Value, f: Value) -> JsResult<()> {
    if Object::from_value(f).is_some_and(|f| f.is_callable()) {
        return Ok(());
    }
    let e = cx.type_error("Iterator helper argument is not a function");
    Err(close_with(cx, o, e))
}

/// Stores a data property (used by the helper prototypes' tags).
pub(crate) fn tag(cx: &mut Cx, o: Gc<Object>, text: &str) -> JsResult<()> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string(text)?;
    data(cx, o, key, s.to_value(), attrs::CONFIGURABLE)
}
