//! `Promise` (§27.2): promise objects, resolving functions, reactions and the job queue.
//!
//! A promise is an object of class `Promise` (state, result and pending reactions in traced
//! internal slots). A reaction record is an array `[capability promise, resolve, reject,
//! onFulfilled, onRejected]` (capability parts `undefined` for the engine's own `await`).
//! Jobs go to the runtime's FIFO queue ([`Runtime::enqueue_job`]); [`run_jobs`] drains it.
//!
//! Embedder hooks (JsRT): when a job hook is set ([`Runtime::set_job_hook`]), each job is
//! instead wrapped in a native function (its entry in a small array in `internal(0)`, see
//! [`job_fn`]) and handed to the hook, which the host calls later to run the job. When a
//! rejection hook is set ([`Runtime::set_rejection_hook`]), `RejectPromise` on a promise
//! without handlers and `PerformPromiseThen` on such a rejected promise report to it
//! (HostPromiseRejectionTracker).
//!
//! [`Runtime::enqueue_job`]: crate::Runtime
//! [`Runtime::set_job_hook`]: crate::Runtime::set_job_hook
//! [`Runtime::set_rejection_hook`]: crate::Runtime::set_rejection_hook

mod combinators;

use super::{arg, constructor, data, fill_constructor, link_constructor, method, Lazy};
use crate::builtins::function::{create_function, FunctionOptions};
use crate::cx::{Cx, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::{attrs, NativeFn, Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// Promise states (`internal(0)`, plus [`HANDLED`]).
pub const PENDING: i32 = 0;
/// Fulfilled.
pub const FULFILLED: i32 = 1;
/// Rejected.
pub const REJECTED: i32 = 2;
/// `[[PromiseIsHandled]]` flag.
const HANDLED: i32 = 4;

/// Job kinds in the queue.
const JOB_REACTION: i32 = 0;
const JOB_THENABLE: i32 = 1;

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::PromisePrototype, proto.to_value());
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "Promise",
        promise_ctor,
        proto,
        fp,
        Lazy::PromiseCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::Promise, c.to_value());
    Object::set_lazy(proto, Lazy::PromiseProto as u8);
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::Promise)?;
    method(cx, proto, "then", 2, then)?;
    method(cx, proto, "catch", 1, catch)?;
    method(cx, proto, "finally", 1, finally)?;
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string("Promise")?;
    data(cx, proto, key, s.to_value(), attrs::CONFIGURABLE)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "resolve", 1, resolve_static)?;
    method(cx, c, "reject", 1, reject_static)?;
    method(cx, c, "withResolvers", 0, with_resolvers)?;
    combinators::fill(cx, c)?;
    // get [Symbol.species]() { return this; }
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
    let name = cx.string("get [Symbol.species]")?;
    let g = create_function(
        cx,
        species_getter,
        FunctionOptions {
            name: name.to_value(),
            length: 0,
            constructor: false,
        },
    )?;
    let d = ops::PropertyDescriptor {
        get: Some(g.to_value()),
        set: Some(Value::UNDEFINED),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, c, key, &d)
}

fn species_getter(
    _: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(this)
}

/// Whether `v` is a promise object.
pub fn is_promise(v: Value) -> bool {
    Object::from_value(v).is_some_and(|o| o.class() == ObjectClass::Promise)
}

/// Marks `p` as handled without adding a reaction (a host that takes its result itself).
pub fn mark_handled(p: Gc<Object>) {
    let flags = p.internal(0).as_int().unwrap_or(0);
    Object::set_internal(p, 0, Value::int(flags | HANDLED));
}

/// The state of a promise (without the handled flag) and its result.
pub fn state(p: Gc<Object>) -> (i32, Value) {
    (p.internal(0).as_int().unwrap_or(0) & 3, p.internal(1))
}

fn new_array(cx: &Cx) -> JsResult<Gc<Object>> {
    super::array_create(cx, 0, cx.intrinsic(Intrinsic::ArrayPrototype))
}

fn push(cx: &Cx, a: Gc<Object>, v: Value) -> JsResult<()> {
    let n = a.array_length();
    Object::put_element(
        cx.heap(),
        a,
        n,
        Prop {
            value: v,
            attrs: attrs::DEFAULT,
        },
    )?;
    Object::set_length_raw(a, n + 1);
    Ok(())
}

fn at(a: Gc<Object>, i: u32) -> Value {
    a.get_element(i)
        .map(|p| p.value)
        .unwrap_or(Value::UNDEFINED)
}

/// A new pending promise with `proto`.
pub fn new_promise(cx: &mut Cx, proto: Value) -> JsResult<Gc<Object>> {
    let p = cx.new_object_with(ObjectClass::Promise, proto)?;
    Object::set_internal(p, 0, Value::int(PENDING));
    let r = new_array(cx)?;
    Object::set_internal(p, 2, r.to_value());
    Ok(p)
}

fn native(cx: &mut Cx, f: NativeFn, length: u32) -> JsResult<Gc<Object>> {
    let name = cx.name(Name::empty).to_raw();
    create_function(
        cx,
        f,
        FunctionOptions {
            name,
            length,
            constructor: false,
        },
    )
}

/// `CreateResolvingFunctions(promise)`: (resolve, reject), sharing an "already resolved"
/// record.
pub fn resolving_functions(cx: &mut Cx, p: Gc<Object>) -> JsResult<(Value, Value)> {
    let done = new_array(cx)?;
    push(cx, done, Value::FALSE)?;
    let res = native(cx, resolve_fn, 1)?;
    Object::set_internal(res, 0, p.to_value());
    Object::set_internal(res, 1, done.to_value());
    let rej = native(cx, reject_fn, 1)?;
    Object::set_internal(rej, 0, p.to_value());
    Object::set_internal(rej, 1, done.to_value());
    Ok((res.to_value(), rej.to_value()))
}

fn already_resolved(cx: &Cx, f: Gc<Object>) -> JsResult<bool> {
    let Some(done) = Object::from_value(f.internal(1)) else {
        return Ok(true);
    };
    if at(done, 0) == Value::TRUE {
        return Ok(true);
    }
    Object::put_element(
        cx.heap(),
        done,
        0,
        Prop {
            value: Value::TRUE,
            attrs: attrs::DEFAULT,
        },
    )?;
    Ok(false)
}

fn resolve_fn(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if already_resolved(cx, f)? {
        return Ok(Value::UNDEFINED);
    }
    let p = Object::from_value(f.internal(0)).expect("promise");
    resolve_promise(cx, p, arg(args, 0))?;
    Ok(Value::UNDEFINED)
}

fn reject_fn(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if already_resolved(cx, f)? {
        return Ok(Value::UNDEFINED);
    }
    let p = Object::from_value(f.internal(0)).expect("promise");
    reject_promise(cx, p, arg(args, 0))?;
    Ok(Value::UNDEFINED)
}

/// The resolve function's steps 7–16: self-resolution, non-thenables, thenables (a job).
pub fn resolve_promise(cx: &mut Cx, p: Gc<Object>, resolution: Value) -> JsResult<()> {
    if resolution == p.to_value() {
        let e = cx.error_object(
            crate::ErrorKind::TypeError,
            "Chaining cycle detected for promise",
        )?;
        return reject_promise(cx, p, e.to_value());
    }
    let Some(ro) = Object::from_value(resolution) else {
        return settle(cx, p, FULFILLED, resolution);
    };
    let tk = cx.name(crate::runtime::Name::then);
    let then = match ops::get(cx, ro, tk, resolution) {
        Ok(t) => t,
        Err(Throw::Value(e)) => return reject_promise(cx, p, e),
        Err(t) => return Err(t),
    };
    if Object::from_value(then).is_none_or(|f| !f.is_callable()) {
        return settle(cx, p, FULFILLED, resolution);
    }
    let realm = cx.realm.to_value();
    enqueue(
        cx,
        [
            Value::int(JOB_THENABLE),
            realm,
            p.to_value(),
            resolution,
            then,
        ],
    )
}

/// Queues a job: on the runtime's queue, or through the embedder's job hook as a function.
fn enqueue(cx: &mut Cx, entry: [Value; crate::runtime::JOB_WIDTH]) -> JsResult<()> {
    let Some((hook, state)) = cx.rt.job_hook() else {
        cx.rt.enqueue_job(entry)?;
        return Ok(());
    };
    let record = new_array(cx)?;
    for v in entry {
        push(cx, record, v)?;
    }
    let f = native(cx, job_fn, 0)?;
    Object::set_internal(f, 0, record.to_value());
    hook(cx, f, state)
}

/// A job handed to the embedder: runs the job in its realm (each call runs it again, as
/// ChakraCore's task functions do); returns `undefined`.
fn job_fn(cx: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(record) = Object::from_value(f.internal(0)) else {
        return Ok(Value::UNDEFINED);
    };
    let mut job = [Value::UNDEFINED; crate::runtime::JOB_WIDTH];
    for (i, v) in job.iter_mut().enumerate() {
        *v = at(record, i as u32);
    }
    let saved = cx.realm;
    let r = run_job(cx, job);
    cx.realm = saved;
    r.map(|()| Value::UNDEFINED)
}

/// Runs one job entry (in the entry's realm; the caller restores `cx.realm`).
fn run_job(cx: &mut Cx, job: [Value; crate::runtime::JOB_WIDTH]) -> JsResult<()> {
    if let Some(realm) = Context::from_value(job[1]) {
        cx.realm = realm;
    }
    cx.check()?;
    match job[0].as_int() {
        Some(JOB_REACTION) => reaction_job(cx, job[2], job[3].as_int().unwrap_or(1), job[4]),
        Some(JOB_THENABLE) => thenable_job(cx, job[2], job[3], job[4]),
        Some(crate::builtins::weak_ref::finalization::JOB_CLEANUP) => {
            crate::builtins::weak_ref::finalization::cleanup_job(cx, job[2])
        }
        _ => Ok(()),
    }
}

/// `RejectPromise`.
pub fn reject_promise(cx: &mut Cx, p: Gc<Object>, reason: Value) -> JsResult<()> {
    settle(cx, p, REJECTED, reason)
}

/// `FulfillPromise` / `RejectPromise`: records the result and queues the reactions.
fn settle(cx: &mut Cx, p: Gc<Object>, st: i32, v: Value) -> JsResult<()> {
    let flags = p.internal(0).as_int().unwrap_or(0);
    if flags & 3 != PENDING {
        return Ok(());
    }
    let reactions = Object::from_value(p.internal(2));
    Object::set_internal(p, 1, v);
    Object::set_internal(p, 0, Value::int((flags & HANDLED) | st));
    Object::set_internal(p, 2, Value::UNDEFINED);
    if st == REJECTED && flags & HANDLED == 0 {
        if let Some((hook, state)) = cx.rt.rejection_hook() {
            hook(cx, p, v, false, state);
        }
    }
    if let Some(list) = reactions {
        for i in 0..list.array_length() {
            enqueue_reaction(cx, at(list, i), st, v)?;
        }
    }
    Ok(())
}

fn enqueue_reaction(cx: &mut Cx, reaction: Value, st: i32, v: Value) -> JsResult<()> {
    let realm = cx.realm.to_value();
    enqueue(
        cx,
        [Value::int(JOB_REACTION), realm, reaction, Value::int(st), v],
    )
}

/// `PerformPromiseThen(promise, onFulfilled, onRejected, capability)`; the capability is
/// (promise, resolve, reject) or all `undefined`.
pub fn perform_then(
    cx: &mut Cx,
    p: Gc<Object>,
    on_fulfilled: Value,
    on_rejected: Value,
    cap: [Value; 3],
) -> JsResult<()> {
    let callable = |v: Value| Object::from_value(v).is_some_and(|f| f.is_callable());
    let onf = if callable(on_fulfilled) {
        on_fulfilled
    } else {
        Value::UNDEFINED
    };
    let onr = if callable(on_rejected) {
        on_rejected
    } else {
        Value::UNDEFINED
    };
    let r = new_array(cx)?;
    for v in [cap[0], cap[1], cap[2], onf, onr] {
        push(cx, r, v)?;
    }
    let flags = p.internal(0).as_int().unwrap_or(0);
    match flags & 3 {
        PENDING => {
            let list = Object::from_value(p.internal(2)).expect("reactions");
            push(cx, list, r.to_value())?;
        }
        st => {
            if st == REJECTED && flags & HANDLED == 0 {
                if let Some((hook, state)) = cx.rt.rejection_hook() {
                    hook(cx, p, p.internal(1), true, state);
                }
            }
            enqueue_reaction(cx, r.to_value(), st, p.internal(1))?
        }
    }
    Object::set_internal(p, 0, Value::int(flags | HANDLED));
    Ok(())
}

/// Drains the job queue: runs every queued job (and the jobs they queue) in order.
pub fn run_jobs(cx: &mut Cx) -> JsResult<()> {
    let saved = cx.realm;
    let r = (|| {
        loop {
            while let Some(job) = cx.rt.dequeue_job() {
                run_job(cx, job)?;
            }
            // Registries whose targets a collection found dead queue their cleanup jobs.
            if !crate::builtins::weak_ref::finalization::enqueue_cleanups(cx)? {
                return Ok(());
            }
        }
    })();
    cx.rt.clear_kept();
    cx.realm = saved;
    r
}

/// `PromiseReactionJob`.
fn reaction_job(cx: &mut Cx, reaction: Value, st: i32, v: Value) -> JsResult<()> {
    let r = Object::from_value(reaction).expect("reaction");
    let handler = at(r, if st == FULFILLED { 3 } else { 4 });
    let outcome = if handler.is_undefined() {
        if st == FULFILLED {
            Ok(v)
        } else {
            Err(Throw::Value(v))
        }
    } else {
        ops::call(cx, handler, Value::UNDEFINED, &[v])
    };
    let (cp, res, rej) = (at(r, 0), at(r, 1), at(r, 2));
    if cp.is_undefined() && res.is_undefined() {
        // An engine-internal reaction (await): nothing to settle.
        return match outcome {
            Err(t @ (Throw::Terminated | Throw::OutOfMemory)) => Err(t),
            _ => Ok(()),
        };
    }
    match outcome {
        Ok(x) => ops::call(cx, res, Value::UNDEFINED, &[x]).map(|_| ()),
        Err(Throw::Value(e)) => ops::call(cx, rej, Value::UNDEFINED, &[e]).map(|_| ()),
        Err(t) => Err(t),
    }
}

/// `PromiseResolveThenableJob`.
fn thenable_job(cx: &mut Cx, p: Value, thenable: Value, then: Value) -> JsResult<()> {
    let p = Object::from_value(p).expect("promise");
    let (res, rej) = resolving_functions(cx, p)?;
    match ops::call(cx, then, thenable, &[res, rej]) {
        Ok(_) => Ok(()),
        Err(Throw::Value(e)) => ops::call(cx, rej, Value::UNDEFINED, &[e]).map(|_| ()),
        Err(t) => Err(t),
    }
}

fn promise_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    if nt.is_undefined() {
        return Err(cx.type_error("Promise constructor cannot be invoked without 'new'"));
    }
    let executor = arg(args, 0);
    if Object::from_value(executor).is_none_or(|f| !f.is_callable()) {
        return Err(crate::builtins::array::not_a_function(
            cx,
            "Promise resolver ",
            executor,
        ));
    }
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::PromisePrototype)?;
    let p = new_promise(cx, proto)?;
    let (res, rej) = resolving_functions(cx, p)?;
    match ops::call(cx, executor, Value::UNDEFINED, &[res, rej]) {
        Ok(_) => {}
        Err(Throw::Value(e)) => {
            ops::call(cx, rej, Value::UNDEFINED, &[e])?;
        }
        Err(t) => return Err(t),
    }
    Ok(p.to_value())
}

/// `NewPromiseCapability(C)`: (promise, resolve, reject).
pub fn new_capability(cx: &mut Cx, c: Value) -> JsResult<[Value; 3]> {
    if c == cx.intrinsic(Intrinsic::Promise) {
        let p = new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
        let (res, rej) = resolving_functions(cx, p)?;
        return Ok([p.to_value(), res, rej]);
    }
    if Object::from_value(c).is_none_or(|f| !f.is_constructor()) {
        return Err(cx.type_error("Promise capability constructor is not a constructor"));
    }
    let slots = new_array(cx)?;
    push(cx, slots, Value::UNDEFINED)?;
    push(cx, slots, Value::UNDEFINED)?;
    let exec = native(cx, capability_executor, 2)?;
    Object::set_internal(exec, 0, slots.to_value());
    let p = ops::construct(cx, c, &[exec.to_value()], Value::UNDEFINED)?;
    let (res, rej) = (at(slots, 0), at(slots, 1));
    let callable = |v: Value| Object::from_value(v).is_some_and(|f| f.is_callable());
    if !callable(res) || !callable(rej) {
        return Err(cx.type_error("Promise resolve or reject function is not callable"));
    }
    Ok([p, res, rej])
}

fn capability_executor(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let slots = Object::from_value(f.internal(0)).expect("capability slots");
    if !at(slots, 0).is_undefined() || !at(slots, 1).is_undefined() {
        return Err(cx.type_error("Promise executor has already been invoked"));
    }
    for (i, v) in [arg(args, 0), arg(args, 1)].into_iter().enumerate() {
        Object::put_element(
            cx.heap(),
            slots,
            i as u32,
            Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )?;
    }
    Ok(Value::UNDEFINED)
}

/// `SpeciesConstructor(O, %Promise%)`.
fn species_constructor(cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
    let ck = cx.name(Name::constructor);
    let c = ops::get(cx, o, ck, o.to_value())?;
    if c.is_undefined() {
        return Ok(cx.intrinsic(Intrinsic::Promise));
    }
    let Some(co) = Object::from_value(c) else {
        return Err(cx.type_error("The constructor property is not an object"));
    };
    let sk = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
    let s = ops::get(cx, co, sk, c)?;
    if s.is_nullish() {
        return Ok(cx.intrinsic(Intrinsic::Promise));
    }
    if Object::from_value(s).is_some_and(|f| f.is_constructor()) {
        return Ok(s);
    }
    Err(cx.type_error("object.constructor[Symbol.species] is not a constructor"))
}

fn then(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(p) = Object::from_value(this).filter(|o| o.class() == ObjectClass::Promise) else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["Promise.prototype.then"],
            this,
        ));
    };
    let c = species_constructor(cx, p)?;
    let cap = new_capability(cx, c)?;
    perform_then(cx, p, arg(args, 0), arg(args, 1), cap)?;
    Ok(cap[0])
}

fn invoke_then(cx: &mut Cx, this: Value, a: Value, b: Value) -> JsResult<Value> {
    invoke_then_with(cx, this, &[a, b])
}

/// `Invoke(this, "then", args)` (`finally`'s closures pass one argument, observably).
fn invoke_then_with(cx: &mut Cx, this: Value, args: &[Value]) -> JsResult<Value> {
    let tk = cx.name(crate::runtime::Name::then);
    let t = crate::interp::get_value(cx, this, tk)?;
    ops::call(cx, t, this, args)
}

fn catch(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    invoke_then(cx, this, Value::UNDEFINED, arg(args, 0))
}

fn finally(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(p) = Object::from_value(this) else {
        return Err(cx.type_error("Promise.prototype.finally called on non-object"));
    };
    let c = species_constructor(cx, p)?;
    let on_finally = arg(args, 0);
    if Object::from_value(on_finally).is_none_or(|f| !f.is_callable()) {
        return invoke_then(cx, this, on_finally, on_finally);
    }
    let tf = native(cx, then_finally, 1)?;
    Object::set_internal(tf, 0, on_finally);
    Object::set_internal(tf, 1, c);
    let cf = native(cx, catch_finally, 1)?;
    Object::set_internal(cf, 0, on_finally);
    Object::set_internal(cf, 1, c);
    invoke_then(cx, this, tf.to_value(), cf.to_value())
}

fn then_finally(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let result = ops::call(cx, f.internal(0), Value::UNDEFINED, &[])?;
    let p = promise_resolve(cx, f.internal(1), result)?;
    let value_thunk = native(cx, return_value, 0)?;
    Object::set_internal(value_thunk, 0, arg(args, 0));
    invoke_then_with(cx, p, &[value_thunk.to_value()])
}

fn catch_finally(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let result = ops::call(cx, f.internal(0), Value::UNDEFINED, &[])?;
    let p = promise_resolve(cx, f.internal(1), result)?;
    let thrower = native(cx, throw_value, 0)?;
    Object::set_internal(thrower, 0, arg(args, 0));
    invoke_then_with(cx, p, &[thrower.to_value()])
}

fn return_value(_: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(f.internal(0))
}

fn throw_value(_: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Err(Throw::Value(f.internal(0)))
}

/// `PromiseResolve(C, x)`.
pub fn promise_resolve(cx: &mut Cx, c: Value, x: Value) -> JsResult<Value> {
    if let Some(xo) = Object::from_value(x).filter(|o| o.class() == ObjectClass::Promise) {
        let ck = cx.name(Name::constructor);
        let xc = ops::get(cx, xo, ck, x)?;
        if xc == c {
            return Ok(x);
        }
    }
    let cap = new_capability(cx, c)?;
    ops::call(cx, cap[1], Value::UNDEFINED, &[x])?;
    Ok(cap[0])
}

fn resolve_static(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    if Object::from_value(this).is_none() {
        return Err(cx.type_error("PromiseResolve called on non-object"));
    }
    promise_resolve(cx, this, arg(args, 0))
}

fn reject_static(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cap = new_capability(cx, this)?;
    ops::call(cx, cap[2], Value::UNDEFINED, &[arg(args, 0)])?;
    Ok(cap[0])
}

fn with_resolvers(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cap = new_capability(cx, this)?;
    let o = cx.new_object()?;
    for (name, v) in [("promise", cap[0]), ("resolve", cap[1]), ("reject", cap[2])] {
        let k = cx.rt.key(name)?;
        ops::create_data_property(cx, o, k, v)?;
    }
    Ok(o.to_value())
}
