//! The shell's event loop: `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval`,
//! `setImmediate`, `clearImmediate`, `queueMicrotask` (and `process.nextTick`), run after the
//! script until no job or timer is left; and the tracking of unhandled promise rejections
//! (reported like an uncaught exception once the job queue is empty, unless `--test262`).
//!
//! The order is node's: each turn runs the timers due at its start, then the immediates queued
//! before the turn; after every callback, the `nextTick` queue and then the promise jobs
//! (again while ticks were queued).
//!
//! Callbacks and tracked promises live in a null-prototype object of the realm (kept alive by
//! it), keyed by id; the Rust side only keeps ids and due times.

use conch_gc::{Gc, Value};
use conch_vm::builtins::promise;
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::{ops, Context, Cx, JsResult, NativeFn, Object, ObjectClass, PropertyKey, Throw};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

struct Timer {
    due: Instant,
    seq: u64,
    id: u32,
    interval: Option<Duration>,
    delay: Duration,
    /// Keeps the loop alive (`unref()` clears it: the loop may end while it waits).
    refed: bool,
}

#[derive(Default)]
struct State {
    timers: Vec<Timer>,
    next_id: u32,
    seq: u64,
    /// The object holding `[callback, args]` per timer id.
    table: Option<Value>,
    /// The object holding unhandled rejected promises (by a counter key).
    rejected: Option<Value>,
    next_rejection: u32,
    /// Ids of the pending `setImmediate` callbacks, in order.
    immediates: VecDeque<u32>,
    /// Ids of the pending `process.nextTick` callbacks, in order.
    ticks: VecDeque<u32>,
    /// The prototype of the objects `setTimeout` and `setInterval` return (node's Timeout:
    /// `ref`, `unref`, `hasRef`, `refresh`, `close`, and the id as its primitive value).
    timeout_proto: Option<Value>,
    /// The symbol under which such an object keeps its timer id.
    id_key: Option<Value>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn func(cx: &mut Cx, name: &str, length: u32, f: NativeFn) -> JsResult<Value> {
    let n = cx.string(name)?.to_value();
    Ok(create_function(
        cx,
        f,
        FunctionOptions {
            name: n,
            length,
            constructor: false,
        },
    )?
    .to_value())
}

fn holder(cx: &mut Cx) -> JsResult<Value> {
    let o = cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?;
    Context::keep_alive(cx.realm, cx.heap(), o.to_value())?;
    Ok(o.to_value())
}

/// Installs the timer functions on the global object and the rejection tracker.
pub fn install(cx: &mut Cx, global: Gc<Object>, track_rejections: bool) -> JsResult<()> {
    let table = holder(cx)?;
    let rejected = holder(cx)?;
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.table = Some(table);
        s.rejected = Some(rejected);
    });
    let proto = cx.new_object()?;
    Context::keep_alive(cx.realm, cx.heap(), proto.to_value())?;
    let desc = cx.string("timer id")?.to_value();
    let sym = conch_vm::Symbol::new(cx.heap(), desc)?;
    Context::keep_alive(cx.realm, cx.heap(), sym.to_value())?;
    for (name, len, f) in [
        ("ref", 0, timer_ref as NativeFn),
        ("unref", 0, timer_unref),
        ("hasRef", 0, timer_has_ref),
        ("refresh", 0, timer_refresh),
        ("close", 0, timer_close),
    ] {
        let fv = func(cx, name, len, f)?;
        let k = cx.rt.key(name)?;
        let d = ops::PropertyDescriptor::data(fv, conch_vm::attrs::HIDDEN);
        ops::define_property_or_throw(cx, proto, k, &d)?;
    }
    let tp = func(cx, "[Symbol.toPrimitive]", 1, timer_id)?;
    let k = PropertyKey::symbol(cx.rt.well_known(conch_vm::WellKnown::toPrimitive));
    let d = ops::PropertyDescriptor::data(tp, conch_vm::attrs::HIDDEN);
    ops::define_property_or_throw(cx, proto, k, &d)?;
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.timeout_proto = Some(proto.to_value());
        s.id_key = Some(sym.to_value());
    });
    for (name, len, f) in [
        ("setTimeout", 2, set_timeout as NativeFn),
        ("setInterval", 2, set_interval),
        ("clearTimeout", 1, clear_timer),
        ("clearInterval", 1, clear_timer),
        ("queueMicrotask", 1, queue_microtask),
        ("setImmediate", 1, set_immediate),
        ("clearImmediate", 1, clear_immediate),
    ] {
        let fv = func(cx, name, len, f)?;
        let k = cx.rt.key(name)?;
        let d = ops::PropertyDescriptor::data(fv, conch_vm::attrs::HIDDEN);
        ops::define_property_or_throw(cx, global, k, &d)?;
    }
    if track_rejections {
        cx.rt.set_rejection_hook(Some((on_rejection, 0)));
    }
    Ok(())
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

fn add_timer(cx: &mut Cx, args: &[Value], repeat: bool) -> JsResult<Value> {
    let f = callback_arg(cx, args)?;
    let delay = conch_vm::convert::to_number(cx, arg(args, 1))?;
    // Node's range: a delay below 1 (or NaN, or above 2^31 - 1) is 1 ms, so `setTimeout(f, 0)`
    // and `setTimeout(g, 1)` run in creation order.
    let ms = if (1.0..=2_147_483_647.0).contains(&delay) {
        delay as u64
    } else {
        1
    };
    let id = store(cx, f, args.get(2..).unwrap_or(&[]))?;
    let (proto, key) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.seq += 1;
        let seq = s.seq;
        let d = Duration::from_millis(ms);
        s.timers.push(Timer {
            due: Instant::now() + d,
            seq,
            id,
            interval: repeat.then_some(d),
            delay: d,
            refed: true,
        });
        (s.timeout_proto, s.id_key)
    });
    // Node's Timeout object (a plain id where there is no prototype yet).
    let (Some(proto), Some(key)) = (proto, key.and_then(conch_vm::Symbol::from_value)) else {
        return Ok(Value::number(id as f64));
    };
    let o = cx.new_object_with(ObjectClass::Ordinary, proto)?;
    let d = ops::PropertyDescriptor::data(Value::number(id as f64), conch_vm::attrs::HIDDEN);
    ops::define_property_or_throw(cx, o, PropertyKey::symbol(key), &d)?;
    Ok(o.to_value())
}

/// The timer id of a Timeout object (`this`).
fn this_id(cx: &mut Cx, this: Value) -> JsResult<Option<u32>> {
    let key = STATE.with(|s| s.borrow().id_key);
    let (Some(o), Some(key)) = (
        Object::from_value(this),
        key.and_then(conch_vm::Symbol::from_value),
    ) else {
        return Ok(None);
    };
    let v = ops::get_v(cx, o, PropertyKey::symbol(key))?;
    Ok(v.as_number().map(|n| n as u32))
}

fn set_refed(cx: &mut Cx, this: Value, refed: bool) -> JsResult<Value> {
    if let Some(id) = this_id(cx, this)? {
        STATE.with(|s| {
            for t in s.borrow_mut().timers.iter_mut().filter(|t| t.id == id) {
                t.refed = refed;
            }
        });
    }
    Ok(this)
}

fn timer_ref(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    set_refed(cx, this, true)
}

fn timer_unref(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    set_refed(cx, this, false)
}

fn timer_has_ref(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let id = this_id(cx, this)?;
    let refed = STATE.with(|s| {
        s.borrow()
            .timers
            .iter()
            .find(|t| Some(t.id) == id)
            .is_some_and(|t| t.refed)
    });
    Ok(Value::bool(refed))
}

/// `refresh()`: the timer starts over from now (a fired one-shot timer stays done).
fn timer_refresh(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    if let Some(id) = this_id(cx, this)? {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.seq += 1;
            let seq = s.seq;
            for t in s.timers.iter_mut().filter(|t| t.id == id) {
                t.due = Instant::now() + t.delay;
                t.seq = seq;
            }
        });
    }
    Ok(this)
}

fn timer_close(cx: &mut Cx, f: Gc<Object>, this: Value, _: &[Value], nt: Value) -> JsResult<Value> {
    clear_timer(cx, f, Value::UNDEFINED, &[this], nt)?;
    Ok(this)
}

fn timer_id(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this_id(cx, this)?.map_or(Value::number(f64::NAN), |id| Value::number(id as f64)))
}

/// Keeps `[f, {extra args}, count]` in the table under a new id.
fn store(cx: &mut Cx, f: Value, rest: &[Value]) -> JsResult<u32> {
    let extra = cx.new_object()?;
    for (i, &a) in rest.iter().enumerate() {
        ops::create_data_property(cx, extra, PropertyKey::index(i as u32), a)?;
    }
    let entry = cx.new_object()?;
    ops::create_data_property(cx, entry, PropertyKey::index(0), f)?;
    ops::create_data_property(cx, entry, PropertyKey::index(1), extra.to_value())?;
    let n = rest.len() as f64;
    ops::create_data_property(cx, entry, PropertyKey::index(2), Value::number(n))?;
    let (id, table) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.next_id += 1;
        (s.next_id, s.table)
    });
    if let Some(t) = table.and_then(Object::from_value) {
        ops::create_data_property(cx, t, PropertyKey::index(id), entry.to_value())?;
    }
    Ok(id)
}

/// Calls the callback stored under `id` (gone when cleared), forgetting it unless `keep`.
fn call_entry(cx: &mut Cx, id: u32, keep: bool) -> JsResult<()> {
    let table = STATE
        .with(|s| s.borrow().table)
        .and_then(Object::from_value);
    let Some(table) = table else {
        return Ok(());
    };
    let entry = ops::get_v(cx, table, PropertyKey::index(id))?;
    let Some(entry) = Object::from_value(entry) else {
        return Ok(());
    };
    let f = ops::get_v(cx, entry, PropertyKey::index(0))?;
    let extra = ops::get_v(cx, entry, PropertyKey::index(1))?;
    let n = ops::get_v(cx, entry, PropertyKey::index(2))?;
    let n = conch_vm::convert::to_number(cx, n)? as u32;
    let mut args = Vec::with_capacity(n as usize);
    if let Some(e) = Object::from_value(extra) {
        for i in 0..n {
            args.push(ops::get_v(cx, e, PropertyKey::index(i))?);
        }
    }
    if !keep {
        ops::delete(cx, table, PropertyKey::index(id))?;
    }
    ops::call(cx, f, Value::UNDEFINED, &args)?;
    // The arguments stay reachable through `extra` (on this stack) during the call.
    std::hint::black_box(extra);
    Ok(())
}

/// The callback argument, or node's ERR_INVALID_ARG_TYPE TypeError.
fn callback_arg(cx: &mut Cx, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if Object::from_value(f).is_some_and(|o| o.is_callable()) {
        return Ok(f);
    }
    let got = received(cx, f)?;
    let msg = format!("The \"callback\" argument must be of type function. Received {got}");
    Err(cx.type_error(&msg))
}

/// How node's argument errors describe a value: `type string ('x')`, `undefined`, `an
/// instance of Foo`.
pub(crate) fn received(cx: &mut Cx, v: Value) -> JsResult<String> {
    if v.is_undefined() {
        return Ok("undefined".into());
    }
    if v.is_null() {
        return Ok("null".into());
    }
    if let Some(o) = Object::from_value(v) {
        let k = cx.rt.key("constructor")?;
        let c = ops::get_v(cx, o, k)?;
        let name = match Object::from_value(c) {
            Some(c) => {
                let k = cx.rt.key("name")?;
                let n = ops::get_v(cx, c, k)?;
                crate::run::display(cx, n)?
            }
            None => String::new(),
        };
        return Ok(if name.is_empty() {
            "an instance of Object".into()
        } else {
            format!("an instance of {name}")
        });
    }
    // A string past 28 characters is cut to 25 and "..." before it is quoted.
    let mut v = v;
    if let Some(s) = conch_vm::JsString::from_value(v) {
        let text = crate::run::display(cx, s.to_value())?;
        if text.chars().count() > 28 {
            let cut = format!("{}...", text.chars().take(25).collect::<String>());
            v = cx.string(&cut)?.to_value();
        }
    }
    let shown = crate::inspect::inspect(cx, v, &crate::inspect::Options::default())?;
    let ty = if v.is_number() {
        "number"
    } else if conch_vm::Symbol::from_value(v).is_some() {
        "symbol"
    } else if conch_vm::JsString::from_value(v).is_some() {
        "string"
    } else if v.is_bool() {
        "boolean"
    } else {
        "bigint"
    };
    Ok(format!("type {ty} ({shown})"))
}

fn set_immediate(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let f = callback_arg(cx, args)?;
    let id = store(cx, f, args.get(1..).unwrap_or(&[]))?;
    STATE.with(|s| s.borrow_mut().immediates.push_back(id));
    Ok(Value::number(id as f64))
}

fn clear_immediate(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let id = conch_vm::convert::to_number(cx, arg(args, 0))?;
    if !(id >= 1.0 && id <= u32::MAX as f64) {
        return Ok(Value::UNDEFINED);
    }
    let id = id as u32;
    let (found, table) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let before = s.immediates.len();
        s.immediates.retain(|&i| i != id);
        (s.immediates.len() != before, s.table)
    });
    if let (true, Some(t)) = (found, table.and_then(Object::from_value)) {
        ops::delete(cx, t, PropertyKey::index(id))?;
    }
    Ok(Value::UNDEFINED)
}

/// `process.nextTick(f, ...args)`.
pub(crate) fn next_tick(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let f = callback_arg(cx, args)?;
    let id = store(cx, f, args.get(1..).unwrap_or(&[]))?;
    STATE.with(|s| s.borrow_mut().ticks.push_back(id));
    Ok(Value::UNDEFINED)
}

fn set_timeout(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    add_timer(cx, args, false)
}

fn set_interval(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    add_timer(cx, args, true)
}

fn clear_timer(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let id = conch_vm::convert::to_number(cx, arg(args, 0))?;
    if !(id >= 1.0 && id <= u32::MAX as f64) {
        return Ok(Value::UNDEFINED);
    }
    let id = id as u32;
    let table = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.timers.retain(|t| t.id != id);
        s.table
    });
    if let Some(t) = table.and_then(Object::from_value) {
        ops::delete(cx, t, PropertyKey::index(id))?;
    }
    Ok(Value::UNDEFINED)
}

fn queue_microtask(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let f = arg(args, 0);
    if !Object::from_value(f).is_some_and(|o| o.is_callable()) {
        return Err(cx.type_error("queueMicrotask needs a function"));
    }
    // A reaction job on a fulfilled promise runs `f` in the job queue's order.
    let p = promise::new_promise(cx, cx.intrinsic(conch_vm::Intrinsic::PromisePrototype))?;
    promise::resolve_promise(cx, p, Value::UNDEFINED)?;
    promise::perform_then(cx, p, f, Value::UNDEFINED, [Value::UNDEFINED; 3])?;
    Ok(Value::UNDEFINED)
}

fn on_rejection(cx: &mut Cx, p: Gc<Object>, _: Value, handled: bool, _: usize) {
    let Some(rejected) = STATE
        .with(|s| s.borrow().rejected)
        .and_then(Object::from_value)
    else {
        return;
    };
    if handled {
        // Forget it (a linear scan: few promises are ever rejected without a handler).
        let n = STATE.with(|s| s.borrow().next_rejection);
        for i in 0..n {
            let k = PropertyKey::index(i);
            if ops::get_v(cx, rejected, k).ok() == Some(p.to_value()) {
                let _ = ops::delete(cx, rejected, k);
            }
        }
        return;
    }
    let i = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.next_rejection += 1;
        s.next_rejection - 1
    });
    let _ = ops::create_data_property(cx, rejected, PropertyKey::index(i), p.to_value());
}

/// The first promise still rejected without a handler: its reason (forgotten once reported).
fn unhandled(cx: &mut Cx) -> Option<Value> {
    let rejected = STATE
        .with(|s| s.borrow().rejected)
        .and_then(Object::from_value)?;
    let n = STATE.with(|s| s.borrow().next_rejection);
    for i in 0..n {
        let k = PropertyKey::index(i);
        let v = ops::get_v(cx, rejected, k).ok()?;
        if let Some(p) = Object::from_value(v) {
            let _ = ops::delete(cx, rejected, k);
            return Some(promise::state(p).1);
        }
    }
    None
}

/// How often the loop polls pending `Atomics.waitAsync` waiters when it has nothing else to do.
const ASYNC_WAITER_POLL: Duration = Duration::from_millis(1);

/// Runs the `nextTick` queue, then the promise jobs, again while they queued ticks; then
/// reports an unhandled rejection (when tracked) as an uncaught exception of its reason.
fn settle(cx: &mut Cx) -> JsResult<()> {
    loop {
        while let Some(id) = STATE.with(|s| s.borrow_mut().ticks.pop_front()) {
            call_entry(cx, id, false)?;
        }
        promise::run_jobs(cx)?;
        if STATE.with(|s| s.borrow().ticks.is_empty()) {
            break;
        }
    }
    match unhandled(cx) {
        Some(reason) => Err(Throw::Value(reason)),
        None => Ok(()),
    }
}

/// Runs jobs, timers, immediates and pending `Atomics.waitAsync` waiters until none is left.
pub fn run(cx: &mut Cx) -> JsResult<()> {
    // Node's first turn starts after the rest of its bootstrap, which outlasts a millisecond:
    // the script's `setTimeout(f, 0)` runs there, before its `setImmediate`s.
    let mut head_start = Duration::from_millis(1);
    loop {
        settle(cx)?;
        // `Atomics.waitAsync` promises settled (notified by any thread, or timed out) resolve
        // now; their jobs run on the next turn.
        let (resolved, waiting) = conch_vm::builtins::poll_async_waiters(cx)?;
        if resolved > 0 {
            continue;
        }
        let now = Instant::now();
        let phase_now = now + std::mem::take(&mut head_start);
        // The timers due at the turn's start (not those their callbacks set).
        let mut ran = false;
        while let Some(t) = STATE.with(|s| {
            let mut s = s.borrow_mut();
            let i = (0..s.timers.len())
                .filter(|&i| s.timers[i].due <= phase_now)
                .min_by_key(|&i| (s.timers[i].due, s.timers[i].seq))?;
            let t = s.timers.remove(i);
            if let Some(d) = t.interval {
                s.seq += 1;
                let seq = s.seq;
                s.timers.push(Timer {
                    due: phase_now + d,
                    seq,
                    id: t.id,
                    interval: Some(d),
                    delay: d,
                    refed: t.refed,
                });
            }
            Some(t)
        }) {
            ran = true;
            call_entry(cx, t.id, t.interval.is_some())?;
            settle(cx)?;
        }
        // The immediates queued before this point (those they queue wait for the next turn).
        let batch = STATE.with(|s| s.borrow().immediates.len());
        for _ in 0..batch {
            let Some(id) = STATE.with(|s| s.borrow_mut().immediates.pop_front()) else {
                break;
            };
            ran = true;
            call_entry(cx, id, false)?;
            settle(cx)?;
        }
        if ran {
            continue;
        }
        // Unreferenced timers fire only while referenced ones keep the loop alive.
        let (due, idle) = STATE.with(|s| {
            let s = s.borrow();
            let alive = s.timers.iter().any(|t| t.refed);
            let due = s.timers.iter().map(|t| t.due).min().filter(|_| alive);
            (due, s.immediates.is_empty() && s.ticks.is_empty())
        });
        if !idle {
            continue;
        }
        if waiting > 0 && due.is_none_or(|d| d > Instant::now() + ASYNC_WAITER_POLL) {
            // Nothing else to do before the next poll of the async waiters.
            cx.check()?;
            std::thread::sleep(ASYNC_WAITER_POLL);
            continue;
        }
        let Some(due) = due else {
            return Ok(());
        };
        // Sleep in slices so that the interrupt flag (Ctrl-C in the REPL, `--timeout`) ends
        // the wait.
        loop {
            let now = Instant::now();
            if due <= now {
                break;
            }
            cx.check()?;
            std::thread::sleep((due - now).min(Duration::from_millis(20)));
        }
    }
}
