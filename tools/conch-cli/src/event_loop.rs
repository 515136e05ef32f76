//! The shell's event loop: `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval` and
//! `queueMicrotask`, run after the script until no job or timer is left; and the tracking of
//! unhandled promise rejections (reported like an uncaught exception once the job queue is
//! empty, unless `--test262`).
//!
//! Callbacks and tracked promises live in a null-prototype object of the realm (kept alive by
//! it), keyed by timer id; the Rust side only keeps ids and due times.

use conch_gc::{Gc, Value};
use conch_vm::builtins::promise;
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::{ops, Context, Cx, JsResult, NativeFn, Object, ObjectClass, PropertyKey, Throw};
use std::cell::RefCell;
use std::time::{Duration, Instant};

struct Timer {
    due: Instant,
    seq: u64,
    id: u32,
    interval: Option<Duration>,
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
    for (name, len, f) in [
        ("setTimeout", 2, set_timeout as NativeFn),
        ("setInterval", 2, set_interval),
        ("clearTimeout", 1, clear_timer),
        ("clearInterval", 1, clear_timer),
        ("queueMicrotask", 1, queue_microtask),
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
    let f = arg(args, 0);
    if !Object::from_value(f).is_some_and(|o| o.is_callable()) {
        return Err(cx.type_error("The callback of a timer must be a function"));
    }
    let delay = conch_vm::convert::to_number(cx, arg(args, 1))?;
    // Node's range: a delay below 1 (or NaN, or above 2^31 - 1) is 1 ms, so `setTimeout(f, 0)`
    // and `setTimeout(g, 1)` run in creation order.
    let ms = if (1.0..=2_147_483_647.0).contains(&delay) {
        delay as u64
    } else {
        1
    };
    let extra = cx.new_object()?;
    for (i, &a) in args.iter().skip(2).enumerate() {
        ops::create_data_property(cx, extra, PropertyKey::index(i as u32), a)?;
    }
    let entry = cx.new_object()?;
    ops::create_data_property(cx, entry, PropertyKey::index(0), f)?;
    ops::create_data_property(cx, entry, PropertyKey::index(1), extra.to_value())?;
    let n = (args.len().saturating_sub(2)) as f64;
    ops::create_data_property(cx, entry, PropertyKey::index(2), Value::number(n))?;
    let (id, table) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.next_id += 1;
        s.seq += 1;
        let (id, seq) = (s.next_id, s.seq);
        let d = Duration::from_millis(ms);
        s.timers.push(Timer {
            due: Instant::now() + d,
            seq,
            id,
            interval: repeat.then_some(d),
        });
        (id, s.table)
    });
    if let Some(t) = table.and_then(Object::from_value) {
        ops::create_data_property(cx, t, PropertyKey::index(id), entry.to_value())?;
    }
    Ok(Value::number(id as f64))
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

/// Runs jobs, timers and pending `Atomics.waitAsync` waiters until none is left. An unhandled rejection (when tracked) ends the
/// loop as an uncaught exception of its reason.
pub fn run(cx: &mut Cx) -> JsResult<()> {
    loop {
        promise::run_jobs(cx)?;
        if let Some(reason) = unhandled(cx) {
            return Err(Throw::Value(reason));
        }
        // `Atomics.waitAsync` promises settled (notified by any thread, or timed out) resolve
        // now; their jobs run on the next turn.
        let (resolved, waiting) = conch_vm::builtins::poll_async_waiters(cx)?;
        if resolved > 0 {
            continue;
        }
        let due = STATE.with(|s| s.borrow().timers.iter().map(|t| t.due).min());
        if waiting > 0 && due.is_none_or(|d| d > Instant::now() + ASYNC_WAITER_POLL) {
            // Nothing else to do before the next poll of the async waiters.
            cx.check()?;
            std::thread::sleep(ASYNC_WAITER_POLL);
            continue;
        }
        let next = STATE.with(|s| {
            let mut s = s.borrow_mut();
            let i = (0..s.timers.len()).min_by_key(|&i| (s.timers[i].due, s.timers[i].seq))?;
            Some(s.timers.remove(i))
        });
        let Some(t) = next else {
            return Ok(());
        };
        // Sleep in slices so that the interrupt flag (Ctrl-C in the REPL, `--timeout`) ends
        // the wait.
        loop {
            let now = Instant::now();
            if t.due <= now {
                break;
            }
            cx.check()?;
            std::thread::sleep((t.due - now).min(Duration::from_millis(20)));
        }
        let table = STATE
            .with(|s| s.borrow().table)
            .and_then(Object::from_value);
        let Some(table) = table else {
            return Ok(());
        };
        let entry = ops::get_v(cx, table, PropertyKey::index(t.id))?;
        let Some(entry) = Object::from_value(entry) else {
            continue;
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
        match t.interval {
            Some(d) => STATE.with(|s| {
                let mut s = s.borrow_mut();
                s.seq += 1;
                let seq = s.seq;
                s.timers.push(Timer {
                    due: Instant::now() + d,
                    seq,
                    id: t.id,
                    interval: Some(d),
                });
            }),
            None => {
                ops::delete(cx, table, PropertyKey::index(t.id))?;
            }
        }
        ops::call(cx, f, Value::UNDEFINED, &args)?;
        // The arguments stay reachable through `extra` (on this stack) during the call.
        std::hint::black_box(extra);
    }
}
