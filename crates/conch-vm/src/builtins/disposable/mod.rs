//! `DisposableStack` and `AsyncDisposableStack` (Explicit Resource Management, §12.3–12.4 of
//! the proposal). A stack is an object of class `IteratorHelper` whose `internal(0)` is
//! `kind << 2 | state` (`SYNC_KIND`/`ASYNC_KIND`; state 0 pending, 3 disposed) and whose
//! `internal(1)` is its `[[DisposeCapability]]`: a resource stack as `using` declarations
//! build it, disposed by the same steps (`interp::dispose`).

#[cfg(test)]
mod tests;

use super::{
    arg, array_create, constructor, create_function, data, fill_constructor, link_constructor,
    method, method_key, FunctionOptions, Lazy,
};
use crate::builtins::collection::map::getter;
use crate::builtins::promise;
use crate::cx::{Cx, JsResult, Throw};
use crate::interp::dispose;
use crate::key::PropertyKey;
use crate::object::{attrs, NativeFn, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, GcArray, Value};

/// The kind tag of a `DisposableStack` (after the iterator helper kinds).
const SYNC_KIND: i32 = 7;
/// The kind tag of an `AsyncDisposableStack`.
const ASYNC_KIND: i32 = 8;
const PENDING: i32 = 0;
const DISPOSED: i32 = 3;

/// Creates both (lazy) constructors and prototypes and binds the constructors globally.
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    for (name, f, pi, ci, lp, lc) in [
        (
            "DisposableStack",
            sync_ctor as NativeFn,
            Intrinsic::DisposableStackPrototype,
            Intrinsic::DisposableStack,
            Lazy::DisposableStackProto,
            Lazy::DisposableStackCtor,
        ),
        (
            "AsyncDisposableStack",
            async_ctor as NativeFn,
            Intrinsic::AsyncDisposableStackPrototype,
            Intrinsic::AsyncDisposableStack,
            Lazy::AsyncDisposableStackProto,
            Lazy::AsyncDisposableStackCtor,
        ),
    ] {
        let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
        Object::set_lazy(proto, lp as u8);
        Context::set_intrinsic(cx.realm, pi, proto.to_value());
        let c = constructor(cx, global, name, f, proto, fp, lc)?;
        Context::set_intrinsic(cx.realm, ci, c.to_value());
    }
    Ok(())
}

/// Either constructor's own properties.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 0)
}

/// `DisposableStack.prototype`.
pub(super) fn fill_sync_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "adopt", 2, sync_adopt)?;
    link_constructor(cx, p, Intrinsic::DisposableStack)?;
    method(cx, p, "defer", 1, sync_defer)?;
    let d = method(cx, p, "dispose", 0, dispose_sync)?;
    getter(cx, p, "disposed", sync_disposed)?;
    method(cx, p, "move", 0, sync_move)?;
    method(cx, p, "use", 1, sync_use)?;
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::dispose));
    data(cx, p, key, d.to_value(), attrs::HIDDEN)?;
    tag(cx, p, "DisposableStack")
}

/// `AsyncDisposableStack.prototype`.
pub(super) fn fill_async_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "adopt", 2, async_adopt)?;
    link_constructor(cx, p, Intrinsic::AsyncDisposableStack)?;
    method(cx, p, "defer", 1, async_defer)?;
    let d = method(cx, p, "disposeAsync", 0, dispose_async)?;
    getter(cx, p, "disposed", async_disposed)?;
    method(cx, p, "move", 0, async_move)?;
    method(cx, p, "use", 1, async_use)?;
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::asyncDispose));
    data(cx, p, key, d.to_value(), attrs::HIDDEN)?;
    tag(cx, p, "AsyncDisposableStack")
}

fn tag(cx: &mut Cx, o: Gc<Object>, text: &str) -> JsResult<()> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string(text)?;
    data(cx, o, key, s.to_value(), attrs::CONFIGURABLE)
}

/// A new pending stack of `kind` with prototype `proto` and an empty resource stack.
fn create(cx: &mut Cx, kind: i32, proto: Value) -> JsResult<Gc<Object>> {
    let resources = array_create(cx, 0, Value::NULL)?;
    let s = cx.new_object_with(ObjectClass::IteratorHelper, proto)?;
    Object::set_internal(s, 0, Value::int(kind << 2 | PENDING));
    Object::set_internal(s, 1, resources.to_value());
    Ok(s)
}

fn construct(cx: &mut Cx, nt: Value, kind: i32) -> JsResult<Value> {
    let (name, proto) = if kind == SYNC_KIND {
        ("DisposableStack", Intrinsic::DisposableStackPrototype)
    } else {
        (
            "AsyncDisposableStack",
            Intrinsic::AsyncDisposableStackPrototype,
        )
    };
    if nt.is_undefined() {
        let _ = name;
        return Err(cx.type_error("Constructor requires 'new'"));
    }
    let p = ops::prototype_from_constructor(cx, nt, proto)?;
    Ok(create(cx, kind, p)?.to_value())
}

/// `DisposableStack ( )`.
fn sync_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], nt: Value) -> JsResult<Value> {
    construct(cx, nt, SYNC_KIND)
}

/// `AsyncDisposableStack ( )`.
fn async_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], nt: Value) -> JsResult<Value> {
    construct(cx, nt, ASYNC_KIND)
}

/// Like [`this_stack`], for methods of the prototype of `kind` only.
fn this_kind(cx: &Cx, this: Value, kind: i32) -> JsResult<(Gc<Object>, i32)> {
    match Object::from_value(this)
        .filter(|o| o.class() == ObjectClass::IteratorHelper)
        .and_then(|o| o.internal(0).as_int().map(|b| (o, b >> 2, b & 3)))
    {
        Some((o, k, st)) if k == kind => Ok((o, st)),
        _ => Err(cx.type_error(if kind == SYNC_KIND {
            "DisposableStack method called on an incompatible receiver"
        } else {
            "AsyncDisposableStack method called on an incompatible receiver"
        })),
    }
}

fn not_disposed(cx: &Cx, state: i32) -> JsResult<()> {
    if state == DISPOSED {
        return Err(cx.throw(
            crate::ErrorKind::ReferenceError,
            "The stack is already disposed",
        ));
    }
    Ok(())
}

fn is_callable(v: Value) -> bool {
    Object::from_value(v).is_some_and(|f| f.is_callable())
}

/// Pushes a resource record (value, method, async hint).
fn push(cx: &mut Cx, stack: Gc<Object>, v: Value, m: Value, kind: i32) -> JsResult<()> {
    let list = stack.internal(1);
    for x in [v, m, Value::bool(kind == ASYNC_KIND)] {
        crate::interp::ops::array_push(cx, list, x)?;
    }
    Ok(())
}

/// `use ( value )`.
fn use_(cx: &mut Cx, kind: i32, this: Value, args: &[Value]) -> JsResult<Value> {
    let (s, state) = this_kind(cx, this, kind)?;
    not_disposed(cx, state)?;
    let v = arg(args, 0);
    let hint = (kind == ASYNC_KIND) as usize;
    dispose::add(cx, s.internal(1), v, hint)?;
    Ok(v)
}

/// `adopt ( value, onDispose )`.
fn adopt(cx: &mut Cx, kind: i32, this: Value, args: &[Value]) -> JsResult<Value> {
    let (s, state) = this_kind(cx, this, kind)?;
    not_disposed(cx, state)?;
    let (v, on) = (arg(args, 0), arg(args, 1));
    if !is_callable(on) {
        return Err(cx.type_error("The onDispose callback is not a function"));
    }
    let name = cx.name(Name::empty).to_raw();
    let g = create_function(
        cx,
        adopted,
        FunctionOptions {
            name,
            length: 0,
            constructor: false,
        },
    )?;
    Object::set_internal(g, 0, on);
    Object::set_internal(g, 1, v);
    push(cx, s, Value::UNDEFINED, g.to_value(), kind)?;
    Ok(v)
}

/// The closure `adopt` registers: `onDispose(value)`.
fn adopted(cx: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    ops::call(cx, f.internal(0), Value::UNDEFINED, &[f.internal(1)])
}

/// `defer ( onDispose )`.
fn defer(cx: &mut Cx, kind: i32, this: Value, args: &[Value]) -> JsResult<Value> {
    let (s, state) = this_kind(cx, this, kind)?;
    not_disposed(cx, state)?;
    let on = arg(args, 0);
    if !is_callable(on) {
        return Err(cx.type_error("The onDispose callback is not a function"));
    }
    push(cx, s, Value::UNDEFINED, on, kind)?;
    Ok(Value::UNDEFINED)
}

/// `get disposed`.
fn disposed(cx: &mut Cx, kind: i32, this: Value, _: &[Value]) -> JsResult<Value> {
    let (_, state) = this_kind(cx, this, kind)?;
    Ok(Value::bool(state == DISPOSED))
}

/// `move ( )`.
fn move_(cx: &mut Cx, kind: i32, this: Value, _: &[Value]) -> JsResult<Value> {
    let (s, state) = this_kind(cx, this, kind)?;
    not_disposed(cx, state)?;
    let proto = cx.intrinsic(if kind == SYNC_KIND {
        Intrinsic::DisposableStackPrototype
    } else {
        Intrinsic::AsyncDisposableStackPrototype
    });
    let n = create(cx, kind, proto)?;
    let fresh = n.internal(1);
    Object::set_internal(n, 1, s.internal(1));
    Object::set_internal(s, 1, fresh);
    Object::set_internal(s, 0, Value::int(kind << 2 | DISPOSED));
    Ok(n.to_value())
}

fn sync_use(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    use_(cx, SYNC_KIND, this, args)
}

fn async_use(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    use_(cx, ASYNC_KIND, this, args)
}

fn sync_adopt(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    adopt(cx, SYNC_KIND, this, args)
}

fn async_adopt(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    adopt(cx, ASYNC_KIND, this, args)
}

fn sync_defer(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    defer(cx, SYNC_KIND, this, args)
}

fn async_defer(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    defer(cx, ASYNC_KIND, this, args)
}

fn sync_disposed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    disposed(cx, SYNC_KIND, this, args)
}

fn async_disposed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    disposed(cx, ASYNC_KIND, this, args)
}

fn sync_move(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    move_(cx, SYNC_KIND, this, args)
}

fn async_move(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    move_(cx, ASYNC_KIND, this, args)
}

/// Folds a dispose error into the pending completion: `Some` error so far.
fn fold(cx: &mut Cx, pending: Option<Value>, e: Value) -> JsResult<Option<Value>> {
    Ok(Some(match pending {
        Some(p) => crate::builtins::error::suppressed_error(cx, e, p)?,
        None => e,
    }))
}

/// `DisposableStack.prototype.dispose ( )`.
fn dispose_sync(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let (s, state) = this_kind(cx, this, SYNC_KIND)?;
    if state == DISPOSED {
        return Ok(Value::UNDEFINED);
    }
    Object::set_internal(s, 0, Value::int(SYNC_KIND << 2 | DISPOSED));
    let list = s.internal(1);
    let mut st = 0;
    let mut pending = None;
    loop {
        match dispose::next(cx, list, &mut st) {
            Ok(None) => break,
            Ok(Some(_)) => {}
            Err(Throw::Value(e)) => pending = fold(cx, pending, e)?,
            Err(t) => return Err(t),
        }
    }
    let fresh = array_create(cx, 0, Value::NULL)?;
    Object::set_internal(s, 1, fresh.to_value());
    match pending {
        Some(e) => Err(Throw::Value(e)),
        None => Ok(Value::UNDEFINED),
    }
}

// The asynchronous disposal's state: a GC array of these.
const D_LIST: usize = 0;
const D_STATE: usize = 1;
const D_ERROR: usize = 2;
const D_HAS_ERROR: usize = 3;
const D_PROMISE: usize = 4;
const D_ON_FULFILLED: usize = 5;
const D_ON_REJECTED: usize = 6;

/// `AsyncDisposableStack.prototype.disposeAsync ( )`.
fn dispose_async(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = promise::new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
    let (s, state) = match this_kind(cx, this, ASYNC_KIND) {
        Ok(x) => x,
        Err(Throw::Value(e)) => {
            promise::reject_promise(cx, p, e)?;
            return Ok(p.to_value());
        }
        Err(t) => return Err(t),
    };
    if state == DISPOSED {
        promise::resolve_promise(cx, p, Value::UNDEFINED)?;
        return Ok(p.to_value());
    }
    Object::set_internal(s, 0, Value::int(ASYNC_KIND << 2 | DISPOSED));
    let list = s.internal(1);
    let fresh = array_create(cx, 0, Value::NULL)?;
    Object::set_internal(s, 1, fresh.to_value());
    let u = Value::UNDEFINED;
    let d = GcArray::<Value>::from_slice(
        cx.heap(),
        &[list, Value::int(0), u, Value::FALSE, p.to_value(), u, u],
    )?;
    for (i, f) in [
        (D_ON_FULFILLED, on_fulfilled as NativeFn),
        (D_ON_REJECTED, on_rejected),
    ] {
        let name = cx.name(Name::empty).to_raw();
        let g = create_function(
            cx,
            f,
            FunctionOptions {
                name,
                length: 1,
                constructor: false,
            },
        )?;
        Object::set_internal(g, 0, d.to_value());
        d.set(i, g.to_value());
    }
    run(cx, d)?;
    Ok(p.to_value())
}

fn driver(f: Gc<Object>) -> Option<Gc<GcArray<Value>>> {
    let a = f.internal(0).cell_addr()?;
    // SAFETY: the continuations' `internal(0)` is the driver array `dispose_async` made.
    unsafe { Gc::<GcArray<Value>>::from_addr(a) }
}

fn get(d: Gc<GcArray<Value>>, i: usize) -> Value {
    d.get(i).unwrap_or(Value::UNDEFINED)
}

fn on_fulfilled(cx: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    if let Some(d) = driver(f) {
        run(cx, d)?;
    }
    Ok(Value::UNDEFINED)
}

fn on_rejected(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if let Some(d) = driver(f) {
        record_error(cx, d, arg(args, 0))?;
        run(cx, d)?;
    }
    Ok(Value::UNDEFINED)
}

fn record_error(cx: &mut Cx, d: Gc<GcArray<Value>>, e: Value) -> JsResult<()> {
    let pending = (get(d, D_HAS_ERROR) == Value::TRUE).then(|| get(d, D_ERROR));
    if let Some(x) = fold(cx, pending, e)? {
        d.set(D_ERROR, x);
        d.set(D_HAS_ERROR, Value::TRUE);
    }
    Ok(())
}

/// `DisposeResources` from where it stopped, up to its next `Await` (or its end, which
/// settles the promise).
fn run(cx: &mut Cx, d: Gc<GcArray<Value>>) -> JsResult<()> {
    let list = get(d, D_LIST);
    loop {
        let mut st = get(d, D_STATE).as_int().unwrap_or(0);
        let r = dispose::next(cx, list, &mut st);
        d.set(D_STATE, Value::int(st));
        match r {
            Ok(None) => {
                let Some(p) = Object::from_value(get(d, D_PROMISE)) else {
                    return Ok(());
                };
                return if get(d, D_HAS_ERROR) == Value::TRUE {
                    promise::reject_promise(cx, p, get(d, D_ERROR))
                } else {
                    promise::resolve_promise(cx, p, Value::UNDEFINED)
                };
            }
            Ok(Some((v, true))) => {
                let c = cx.intrinsic(Intrinsic::Promise);
                match promise::promise_resolve(cx, c, v) {
                    Ok(pv) => {
                        let Some(po) = Object::from_value(pv) else {
                            return Ok(());
                        };
                        let u = Value::UNDEFINED;
                        let (f, r) = (get(d, D_ON_FULFILLED), get(d, D_ON_REJECTED));
                        return promise::perform_then(cx, po, f, r, [u, u, u]);
                    }
                    Err(Throw::Value(e)) => record_error(cx, d, e)?,
                    Err(t) => return Err(t),
                }
            }
            Ok(Some(_)) => {}
            Err(Throw::Value(e)) => record_error(cx, d, e)?,
            Err(t) => return Err(t),
        }
    }
}

/// `%AsyncIteratorPrototype% [ %Symbol.asyncDispose% ] ( )`.
pub(crate) fn async_iterator_dispose(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = promise::new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
    let step = |cx: &mut Cx| -> JsResult<()> {
        let rk = cx.name(crate::runtime::Name::return_);
        let m = crate::ops::iteration::get_method(cx, this, rk)?;
        if m.is_undefined() {
            return promise::resolve_promise(cx, p, Value::UNDEFINED);
        }
        let result = ops::call(cx, m, this, &[])?;
        let c = cx.intrinsic(Intrinsic::Promise);
        let w = promise::promise_resolve(cx, c, result)?;
        let Some(wo) = Object::from_value(w) else {
            return Ok(());
        };
        let name = cx.name(Name::empty).to_raw();
        let g = create_function(
            cx,
            to_undefined,
            FunctionOptions {
                name,
                length: 1,
                constructor: false,
            },
        )?;
        let (res, rej) = promise::resolving_functions(cx, p)?;
        promise::perform_then(
            cx,
            wo,
            g.to_value(),
            Value::UNDEFINED,
            [p.to_value(), res, rej],
        )
    };
    match step(cx) {
        Ok(()) => {}
        Err(Throw::Value(e)) => promise::reject_promise(cx, p, e)?,
        Err(t) => return Err(t),
    }
    Ok(p.to_value())
}

fn to_undefined(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

/// Installs `[Symbol.asyncDispose]` on `%AsyncIteratorPrototype%`.
pub(crate) fn fill_async_iterator_dispose(cx: &mut Cx, o: Gc<Object>) -> JsResult<()> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::asyncDispose));
    method_key(cx, o, key, 0, async_iterator_dispose)?;
    Ok(())
}
