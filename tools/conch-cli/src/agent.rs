//! `$262.agent` (test262's INTERPRETING.md): concurrent agents for the Atomics and
//! SharedArrayBuffer tests. Each agent is a runtime of its own on a thread of its own; what
//! crosses threads is only the shared block of a broadcast SharedArrayBuffer
//! (`conch_vm::array_buffer::SharedBlock`, which the receiving runtime maps into a
//! SharedArrayBuffer object of its own), numbers and report strings.
//!
//! The hub — one per process, under one lock with one condition variable — holds every
//! agent's mailbox and the queue of reports. `broadcast` puts the message into the mailbox of
//! every agent still alive and waits until each has taken it (or ended). An agent runs its
//! source and its jobs, then waits for a message, calls its `receiveBroadcast` callback with
//! it, runs the jobs, and waits again unless it called `leaving()` (or registered no
//! callback). When the main script ends the process exits, taking any waiting agent with it.

use crate::run::{display, func, put};
use conch_gc::{Gc, Value};
use conch_vm::builtins::create_realm;
use conch_vm::script::eval_script;
use conch_vm::{convert, ops, Cx, Intrinsic, JsResult, Object, ObjectClass, Runtime};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// The number sent with a broadcast.
#[derive(Clone)]
enum Num {
    Undefined,
    Number(f64),
    /// A BigInt, as its decimal text (rebuilt in the receiving runtime).
    BigInt(String),
}

#[derive(Clone)]
struct Message {
    block: conch_vm::array_buffer::SharedBlock,
    num: Num,
}

struct Slot {
    alive: bool,
    mailbox: Option<Message>,
}

struct Hub {
    agents: Vec<Slot>,
    reports: VecDeque<String>,
}

static HUB: Mutex<Hub> = Mutex::new(Hub {
    agents: Vec::new(),
    reports: VecDeque::new(),
});
static CHANGED: Condvar = Condvar::new();

fn hub() -> MutexGuard<'static, Hub> {
    HUB.lock().unwrap_or_else(|e| e.into_inner())
}

fn wait(g: MutexGuard<'static, Hub>) -> MutexGuard<'static, Hub> {
    CHANGED
        .wait_timeout(g, Duration::from_millis(50))
        .unwrap_or_else(|e| e.into_inner())
        .0
}

/// Milliseconds since the first call (a monotonic clock).
fn now_ms() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// `sleep(ms)`: in slices, so the interrupt flag (`--timeout`) ends it.
fn sleep(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let ms = convert::to_number(cx, arg(args, 0))?;
    let end = Instant::now() + Duration::from_secs_f64((ms.max(0.0) / 1000.0).min(1e6));
    loop {
        cx.check()?;
        let now = Instant::now();
        if now >= end {
            return Ok(Value::UNDEFINED);
        }
        std::thread::sleep((end - now).min(Duration::from_millis(20)));
    }
}

fn monotonic_now(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::number(now_ms()))
}

/// `start(source)`: runs `source` in a new agent; returns once the agent's runtime is up.
fn start(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let source = display(cx, arg(args, 0))?;
    let index = {
        let mut h = hub();
        h.agents.push(Slot {
            alive: true,
            mailbox: None,
        });
        h.agents.len() - 1
    };
    let (tx, rx) = std::sync::mpsc::channel::<bool>();
    let spawned = std::thread::Builder::new()
        .name(format!("agent {index}"))
        .stack_size(8 << 20)
        .spawn(move || agent_main(index, &source, tx));
    let up = spawned.is_ok() && rx.recv().unwrap_or(false);
    if !up {
        end_agent(index);
        return Err(cx.type_error("$262.agent.start: the agent could not be started"));
    }
    Ok(Value::UNDEFINED)
}

/// `broadcast(sab, num)`: hands the buffer's block and the number to every agent alive and
/// waits until all have taken them.
fn broadcast(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let block = Object::from_value(arg(args, 0))
        .and_then(conch_vm::array_buffer::data_of)
        .and_then(|d| d.shared_block());
    let Some(block) = block else {
        return Err(cx.type_error("$262.agent.broadcast: not a SharedArrayBuffer"));
    };
    let n = arg(args, 1);
    let num = if n.is_undefined() {
        Num::Undefined
    } else if conch_vm::bigint::is_bigint(n) {
        Num::BigInt(display(cx, n)?)
    } else {
        Num::Number(convert::to_number(cx, n)?)
    };
    let msg = Message { block, num };
    let mut h = hub();
    for s in h.agents.iter_mut().filter(|s| s.alive) {
        s.mailbox = Some(msg.clone());
    }
    drop(msg);
    CHANGED.notify_all();
    while h.agents.iter().any(|s| s.alive && s.mailbox.is_some()) {
        if cx.rt.is_disabled() {
            drop(h);
            cx.check()?;
            return Ok(Value::UNDEFINED);
        }
        h = wait(h);
    }
    Ok(Value::UNDEFINED)
}

/// `getReport()`: the oldest report not yet read, or null.
fn get_report(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let r = hub().reports.pop_front();
    match r {
        Some(s) => Ok(cx.string(&s)?.to_value()),
        None => Ok(Value::NULL),
    }
}

/// `report(value)` (in an agent): queues `String(value)` for the main script.
fn report(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = display(cx, arg(args, 0))?;
    hub().reports.push_back(s);
    CHANGED.notify_all();
    Ok(Value::UNDEFINED)
}

thread_local! {
    /// Set by `leaving()` in this agent.
    static LEAVING: AtomicBool = const { AtomicBool::new(false) };
}

fn leaving(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    LEAVING.with(|l| l.store(true, Ordering::Relaxed));
    Ok(Value::UNDEFINED)
}

/// The property of the agent's `$262.agent` object that keeps the callback (reachable, so
/// the collector keeps it).
const CALLBACK: &str = "receiveBroadcast callback";

/// `receiveBroadcast(callback)` (in an agent): the callback gets each broadcast.
fn receive_broadcast(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let cb = arg(args, 0);
    if !Object::from_value(cb).is_some_and(|o| o.is_callable()) {
        return Err(cx.type_error("$262.agent.receiveBroadcast: not a function"));
    }
    let Some(agent) = agent_object(cx).or_else(|| Object::from_value(this)) else {
        return Err(cx.type_error("$262.agent.receiveBroadcast: no $262.agent"));
    };
    put(cx, agent, CALLBACK, cb)?;
    Ok(Value::UNDEFINED)
}

/// `$262.agent` of the current realm.
fn agent_object(cx: &mut Cx) -> Option<Gc<Object>> {
    let global = Object::from_value(cx.realm.global())?;
    let k = cx.rt.key("$262").ok()?;
    let d = Object::from_value(ops::get_v(cx, global, k).ok()?)?;
    let k = cx.rt.key("agent").ok()?;
    Object::from_value(ops::get_v(cx, d, k).ok()?)
}

/// Installs `$262.agent` on `d` (the main script's, or, `in_agent`, an agent's).
pub fn install(cx: &mut Cx, d: Gc<Object>, in_agent: bool) -> JsResult<()> {
    // A one-of-a-kind object with many properties: its own shape tree, so that it does
    // not teach every `{}` to reserve inline slots (see `Cx::new_singleton`).
    let a = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    let f = func(cx, "sleep", 1, sleep)?;
    put(cx, a, "sleep", f)?;
    let f = func(cx, "monotonicNow", 0, monotonic_now)?;
    put(cx, a, "monotonicNow", f)?;
    if in_agent {
        let f = func(cx, "receiveBroadcast", 1, receive_broadcast)?;
        put(cx, a, "receiveBroadcast", f)?;
        let f = func(cx, "report", 1, report)?;
        put(cx, a, "report", f)?;
        let f = func(cx, "leaving", 0, leaving)?;
        put(cx, a, "leaving", f)?;
    } else {
        let f = func(cx, "start", 1, start)?;
        put(cx, a, "start", f)?;
        let f = func(cx, "broadcast", 2, broadcast)?;
        put(cx, a, "broadcast", f)?;
        let f = func(cx, "getReport", 0, get_report)?;
        put(cx, a, "getReport", f)?;
    }
    put(cx, d, "agent", a.to_value())
}

/// Marks the agent ended (a broadcast no longer waits for it).
fn end_agent(index: usize) {
    let mut h = hub();
    if let Some(s) = h.agents.get_mut(index) {
        s.alive = false;
        s.mailbox = None;
    }
    drop(h);
    CHANGED.notify_all();
}

/// Ends the agent's slot however the thread ends (errors, panics).
struct Alive(usize);

impl Drop for Alive {
    fn drop(&mut self) {
        end_agent(self.0);
    }
}

/// Waits for this agent's next message.
fn next_message(index: usize) -> Message {
    let mut h = hub();
    loop {
        if let Some(m) = h.agents.get_mut(index).and_then(|s| s.mailbox.take()) {
            drop(h);
            CHANGED.notify_all();
            return m;
        }
        h = wait(h);
    }
}

fn agent_main(index: usize, source: &str, started: std::sync::mpsc::Sender<bool>) {
    let _alive = Alive(index);
    let Ok(rt) = Runtime::new(conch_vm::RuntimeAttributes(0)) else {
        let _ = started.send(false);
        return;
    };
    let Ok(realm) = create_realm(&rt) else {
        let _ = started.send(false);
        return;
    };
    let cx = &mut Cx::new(&rt, realm);
    if crate::run::install_agent_globals(cx).is_err() {
        let _ = started.send(false);
        return;
    }
    let _ = started.send(true);
    if let Err(e) = run_agent(cx, index, source) {
        let t = cx.materialize(e);
        eprint!("agent {index}: ");
        let _ = crate::report::report(cx, t, None, "agent", true);
    }
    // Disposal's finalizers: the agent's SharedArrayBuffers give their blocks back, its
    // unsettled `waitAsync` waiters leave the process-wide list.
    rt.heap().run_all_callbacks_for_teardown();
}

fn run_agent(cx: &mut Cx, index: usize, source: &str) -> JsResult<()> {
    let mut pos = None;
    eval_script(cx, source, "agent", &mut pos)?;
    crate::event_loop::run(cx)?;
    loop {
        if LEAVING.with(|l| l.load(Ordering::Relaxed)) {
            return Ok(());
        }
        let cb = match agent_object(cx) {
            Some(a) => {
                let k = cx.rt.key(CALLBACK)?;
                ops::get_v(cx, a, k)?
            }
            None => Value::UNDEFINED,
        };
        if !Object::from_value(cb).is_some_and(|o| o.is_callable()) {
            return Ok(());
        }
        let m = next_message(index);
        let sab = conch_vm::array_buffer::create_shared(cx, m.block)?;
        let num = match m.num {
            Num::Undefined => Value::UNDEFINED,
            Num::Number(n) => Value::number(n),
            Num::BigInt(s) => {
                let s = cx.string(&s)?.to_value();
                convert::to_bigint(cx, s)?.to_value()
            }
        };
        ops::call(cx, cb, Value::UNDEFINED, &[sab.to_value(), num])?;
        crate::event_loop::run(cx)?;
    }
}
