//! `Atomics.wait`, `Atomics.waitAsync` and `Atomics.notify` (§25.4.3.14 DoWait, §25.4.15).
//!
//! `wait` (the agent can block) waits in the process-wide waiter list (`waiters`) until
//! another thread's `notify`, its timeout, or its runtime's interrupt flag (polled: see
//! `waiters::POLL`; a disabled runtime's wait ends with the termination).
//!
//! A `waitAsync` waiter is an entry of the same list (so any thread's `notify` counts and
//! wakes it in order) plus a pair in its realm's `AtomicsWaiters` list (entry id, resolve
//! function). The engine has no timers or cross-thread job posting: the promise is resolved
//! ("ok" or "timed-out") when the runtime polls its waiters — on every `Atomics.notify` and
//! `Atomics.waitAsync` in it, and whenever the host calls [`poll_async_waiters`] (the shell's
//! event loop does while any is pending). A JsRT host has no such call yet, so there an
//! async waiter settles only at this runtime's next `notify`/`waitAsync`.

use super::{load_at, validate_access, validate_integer, waiters, R};
use crate::builtins::arg;
use crate::cx::{Cx, JsResult};
use crate::host::ElementType;
use crate::object::Object;
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, GcArray, Value};
use std::time::{Duration, Instant};

/// What DoWait finds before it blocks: the validated location, the timeout in milliseconds
/// (+∞ for none), and whether the location holds the expected value.
struct Request {
    /// The shared block's identity (the waiter list's key).
    block: usize,
    byte: usize,
    /// The element's address and size, and the expected bits.
    addr: usize,
    size: usize,
    value: u64,
    timeout: f64,
}

impl Request {
    /// Whether the location holds the expected value (an atomic read).
    fn equal(&self) -> bool {
        load_at(self.addr, self.size) == self.value
    }
}

/// DoWait's steps 1–13 (the comparison, steps 14–15, is `Request::equal`).
fn prepare(cx: &mut Cx, args: &[Value], what: &str) -> JsResult<Request> {
    let (o, e) = validate_integer(cx, arg(args, 0), true, false)?;
    let d = super::buffer_of(&o).expect("typed array");
    if !d.is_shared() {
        let _ = what;
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Shown(o.to_value()),
                crate::builtins::error::shown::Part::Text(" is not a shared typed array."),
            ],
        ));
    }
    let byte = validate_access(cx, &o, &e, arg(args, 1))?;
    let value = if e.kind == ElementType::BigInt64 {
        let b = crate::convert::to_bigint(cx, arg(args, 2))?;
        match crate::builtins::typed_array::elem_of(b.to_value()) {
            crate::builtins::typed_array::Elem::Big(w) => w,
            crate::builtins::typed_array::Elem::Num(_) => 0,
        }
    } else {
        crate::ops::conversion::to_int32(cx, arg(args, 2))? as u32 as u64
    };
    let q = crate::convert::to_number(cx, arg(args, 3))?;
    let timeout = if q.is_nan() || q == f64::INFINITY {
        f64::INFINITY
    } else if q == f64::NEG_INFINITY {
        0.0
    } else {
        q.max(0.0)
    };
    // A shared buffer never shrinks, moves or detaches: the location is still in bounds.
    let (p, _) = d.bytes().expect("shared buffers never detach");
    Ok(Request {
        block: d.block_id(),
        byte,
        addr: p as usize + byte,
        size: e.kind.size(),
        value,
        timeout,
    })
}

/// `Atomics.wait ( typedArray, index, value, timeout )`.
pub(super) fn wait(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let r = prepare(cx, args, "Atomics.wait")?;
    // None: forever (an infinite timeout, or one past what `Instant` can represent).
    let deadline = Duration::try_from_secs_f64(r.timeout / 1000.0)
        .ok()
        .and_then(|d| Instant::now().checked_add(d));
    let rt = cx.rt;
    let outcome = waiters::wait(r.block, r.byte, || r.equal(), deadline, || rt.is_disabled());
    let s = match outcome {
        waiters::Outcome::NotEqual => "not-equal",
        waiters::Outcome::Ok => "ok",
        waiters::Outcome::TimedOut => "timed-out",
        waiters::Outcome::Interrupted => return Err(crate::cx::Throw::Terminated),
        waiters::Outcome::OutOfMemory => return Err(crate::cx::Throw::OutOfMemory),
    };
    Ok(cx.string(s)?.to_value())
}

/// `{ async, value }`.
fn result(cx: &mut Cx, is_async: bool, value: Value) -> R {
    let o = cx.new_object()?;
    let k = cx.rt.key("async")?;
    ops::create_data_property(cx, o, k, Value::bool(is_async))?;
    let k = cx.name(crate::runtime::Name::value);
    ops::create_data_property(cx, o, k, value)?;
    Ok(o.to_value())
}

/// This realm's `waitAsync` list: (entry id, resolve function) pairs.
fn async_list(cx: &Cx) -> Option<Gc<GcArray<Value>>> {
    let v = cx.intrinsic(Intrinsic::AtomicsWaiters);
    // SAFETY: the intrinsic is undefined or the waiter list this module stored (a live cell,
    // kept by the realm).
    v.cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

/// The finalizer of a realm's `waitAsync` list: when the realm is collected or its runtime
/// disposed, its unsettled waiters leave the process-wide list (a `notify` must not count
/// them).
unsafe fn forget_waiters(addr: usize) {
    // SAFETY: registered only for `waitAsync` lists; the cell is still allocated while its
    // finalizer runs. Only numbers (the ids) are read.
    let Some(l) = (unsafe { Gc::<GcArray<Value>>::from_addr(addr) }) else {
        return;
    };
    for i in 0..l.len() / 2 {
        if let Some(id) = l.get(2 * i).and_then(|v| v.as_number()) {
            waiters::forget(id as u64);
        }
    }
}

/// Resolves the current realm's `Atomics.waitAsync` promises whose waiters were notified (by
/// any thread) or timed out; returns how many it resolved and how many still wait. Hosts with
/// an event loop call it while some wait (resolving queues promise jobs: run them afterwards).
pub fn poll_async_waiters(cx: &mut Cx) -> JsResult<(usize, usize)> {
    let Some(list) = async_list(cx) else {
        return Ok((0, 0));
    };
    // Settle first (compacting the list in place), then call the resolve functions.
    let settled = conch_gc::GcVec::<Value>::new();
    let mut kept = 0;
    for i in 0..list.len() / 2 {
        let id = list.get(2 * i).unwrap_or(Value::UNDEFINED);
        let res = list.get(2 * i + 1).unwrap_or(Value::UNDEFINED);
        let outcome = id.as_number().and_then(|n| waiters::settle(n as u64));
        match outcome {
            Some(o) => {
                let ok = o == waiters::Outcome::Ok;
                settled.push(cx.heap(), res)?;
                settled.push(cx.heap(), Value::bool(ok))?;
            }
            None => {
                list.set(2 * kept, id);
                list.set(2 * kept + 1, res);
                kept += 1;
            }
        }
    }
    list.truncate(2 * kept);
    for i in 0..settled.len() / 2 {
        let res = settled.get(2 * i).unwrap_or(Value::UNDEFINED);
        let ok = settled.get(2 * i + 1) == Some(Value::TRUE);
        let s = cx.string(if ok { "ok" } else { "timed-out" })?.to_value();
        ops::call(cx, res, Value::UNDEFINED, &[s])?;
    }
    Ok((settled.len() / 2, kept))
}

/// `Atomics.waitAsync ( typedArray, index, value, timeout )`.
pub(super) fn wait_async(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let r = prepare(cx, args, "Atomics.waitAsync")?;
    poll_async_waiters(cx)?;
    if r.timeout == 0.0 {
        let s = cx.string(if r.equal() { "timed-out" } else { "not-equal" })?;
        return result(cx, false, s.to_value());
    }
    let pc = cx.intrinsic(Intrinsic::Promise);
    let [promise, resolve, _] = crate::builtins::promise::new_capability(cx, pc)?;
    // Room for the pair first, so that an entry once added is always tracked here.
    let list = match async_list(cx) {
        Some(l) if l.len() + 2 <= l.capacity() => l,
        old => {
            let n = old.map_or(0, |l| l.len());
            let l = GcArray::<Value>::new(cx.heap(), n * 2 + 4)?;
            cx.heap().register_finalizer(l.addr(), forget_waiters)?;
            if let Some(old) = old {
                for c in old.cells() {
                    l.push_within_capacity(c.get());
                }
                // The waiters moved: the old list's finalizer must not forget them.
                old.truncate(0);
            }
            Context::set_intrinsic(cx.realm, Intrinsic::AtomicsWaiters, l.to_value());
            l
        }
    };
    let deadline = Duration::try_from_secs_f64(r.timeout / 1000.0)
        .ok()
        .and_then(|d| Instant::now().checked_add(d));
    let id = match waiters::add_async(r.block, r.byte, || r.equal(), deadline) {
        Ok(id) => id,
        Err(waiters::Outcome::NotEqual) => {
            let s = cx.string("not-equal")?.to_value();
            return result(cx, false, s);
        }
        Err(_) => return Err(crate::cx::Throw::OutOfMemory),
    };
    list.push_within_capacity(Value::number(id as f64));
    list.push_within_capacity(resolve);
    result(cx, true, promise)
}

/// `Atomics.notify ( typedArray, index, count )`: wakes up to `count` waiters on the location
/// — blocked ones on any thread and async ones of any runtime — in the order they started
/// waiting, and resolves this runtime's woken async ones.
pub(super) fn notify(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let (o, e) = validate_integer(cx, arg(args, 0), true, false)?;
    let byte = validate_access(cx, &o, &e, arg(args, 1))?;
    let count = arg(args, 2);
    let c = if count.is_undefined() {
        f64::INFINITY
    } else {
        crate::builtins::array::to_integer_or_infinity(cx, count)?.max(0.0)
    };
    let Some(d) = super::buffer_of(&o).filter(|d| d.is_shared()) else {
        return Ok(Value::int(0));
    };
    let n = waiters::notify(d.block_id(), byte, c);
    poll_async_waiters(cx)?;
    Ok(Value::number(n as f64))
}
