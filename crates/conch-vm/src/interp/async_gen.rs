//! Async generators (§27.6): a generator object whose `next`/`return`/`throw` return promises
//! and queue requests (internal slot 3: an array of `[mode, value, promise, resolve,
//! reject]`). The body runs on the generator machinery; `await` inside it keeps the state
//! "executing" (flag [`AWAITING`]) while the frame is parked in the generator.

use super::generator::{
    restore_and_run, Mode, COMPLETED, EXECUTING, SUSPENDED_START, SUSPENDED_YIELD,
};
use crate::builtins::iter_result;
use crate::builtins::promise::{new_capability, perform_then, promise_resolve};
use crate::cx::{Cx, JsResult, Throw};
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::Intrinsic;
use conch_gc::{Gc, Value};

/// Flag: an async generator.
pub const ASYNC_GEN: i32 = 16;
/// Flag: parked at an `await` (the state is still "executing").
pub const AWAITING: i32 = 32;
/// State: waiting for a `return(v)` value to settle before completing.
const AWAITING_RETURN: i32 = 5;

fn state(g: Gc<Object>) -> i32 {
    g.internal(0).as_int().unwrap_or(COMPLETED) & 7
}

fn set_state(g: Gc<Object>, s: i32) {
    Object::set_internal(g, 0, Value::int(s | ASYNC_GEN));
}

fn queue(g: Gc<Object>) -> Option<Gc<Object>> {
    Object::from_value(g.internal(3))
}

fn at(a: Gc<Object>, i: u32) -> Value {
    a.get_element(i)
        .map(|p| p.value)
        .unwrap_or(Value::UNDEFINED)
}

/// Removes and returns the first request.
fn shift(cx: &Cx, q: Gc<Object>) -> JsResult<Option<Gc<Object>>> {
    let n = q.array_length();
    if n == 0 {
        return Ok(None);
    }
    let first = Object::from_value(at(q, 0));
    for i in 1..n {
        let v = at(q, i);
        Object::put_element(
            cx.heap(),
            q,
            i - 1,
            Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )?;
    }
    Object::truncate_elements(q, n - 1);
    Object::set_length_raw(q, n - 1);
    Ok(first)
}

fn first(g: Gc<Object>) -> Option<Gc<Object>> {
    let q = queue(g)?;
    if q.array_length() == 0 {
        return None;
    }
    Object::from_value(at(q, 0))
}

/// The first queued request's mode and value (for a yield that continues at once).
pub(super) fn next_request(g: Gc<Object>) -> Option<(Mode, Value)> {
    let r = first(g)?;
    let mode = match at(r, 0).as_int() {
        Some(1) => Mode::Throw,
        Some(2) => Mode::Return,
        _ => Mode::Next,
    };
    Some((mode, at(r, 1)))
}

/// `AsyncGeneratorCompleteStep`: settles the first request's promise.
pub(super) fn complete_step(
    cx: &mut Cx,
    g: Gc<Object>,
    throw: bool,
    v: Value,
    done: bool,
) -> JsResult<()> {
    let Some(q) = queue(g) else { return Ok(()) };
    let Some(r) = shift(cx, q)? else {
        return Ok(());
    };
    if throw {
        ops::call(cx, at(r, 4), Value::UNDEFINED, &[v])?;
    } else {
        let res = iter_result(cx, v, done)?;
        ops::call(cx, at(r, 3), Value::UNDEFINED, &[res])?;
    }
    Ok(())
}

/// `AsyncGeneratorDrainQueue`.
fn drain_queue(cx: &mut Cx, g: Gc<Object>) -> JsResult<()> {
    while let Some((mode, v)) = next_request(g) {
        match mode {
            Mode::Return => {
                set_state(g, AWAITING_RETURN);
                return await_return(cx, g);
            }
            Mode::Throw => complete_step(cx, g, true, v, true)?,
            Mode::Next => complete_step(cx, g, false, Value::UNDEFINED, true)?,
        }
    }
    Ok(())
}

/// `AsyncGeneratorAwaitReturn`: waits for the return value, then completes.
fn await_return(cx: &mut Cx, g: Gc<Object>) -> JsResult<()> {
    let Some((_, v)) = next_request(g) else {
        return Ok(());
    };
    let c = cx.intrinsic(Intrinsic::Promise);
    let p = match promise_resolve(cx, c, v) {
        Ok(p) => p,
        Err(Throw::Value(e)) => {
            set_state(g, COMPLETED);
            complete_step(cx, g, true, e, true)?;
            return drain_queue(cx, g);
        }
        Err(t) => return Err(t),
    };
    let p = Object::from_value(p).expect("promise");
    let mut fns = [Value::UNDEFINED; 2];
    for (i, f) in fns.iter_mut().enumerate() {
        let nf = crate::builtins::create_function(
            cx,
            return_settled,
            crate::builtins::FunctionOptions {
                name: cx.name(crate::Name::empty).to_raw(),
                length: 1,
                constructor: false,
            },
        )?;
        Object::set_internal(nf, 0, g.to_value());
        Object::set_internal(nf, 1, Value::int(i as i32));
        *f = nf.to_value();
    }
    perform_then(cx, p, fns[0], fns[1], [Value::UNDEFINED; 3])
}

fn return_settled(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let g = Object::from_value(f.internal(0)).expect("async generator");
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    set_state(g, COMPLETED);
    complete_step(cx, g, f.internal(1).as_int() == Some(1), v, true)?;
    drain_queue(cx, g)?;
    Ok(Value::UNDEFINED)
}

/// Runs the body (resumed with `mode`/`value`) and handles how it stopped.
fn run(cx: &mut Cx, g: Gc<Object>, mode: Mode, value: Value, set_mode: bool) -> JsResult<()> {
    set_state(g, EXECUTING);
    let r = restore_and_run(cx, g, mode, value, set_mode);
    let raw = g.internal(0).as_int().unwrap_or(0);
    match r {
        Ok(_) if raw & AWAITING != 0 || raw & 7 == SUSPENDED_YIELD => Ok(()),
        Ok(v) => {
            set_state(g, COMPLETED);
            complete_step(cx, g, false, v, true)?;
            drain_queue(cx, g)
        }
        Err(Throw::Value(e)) => {
            set_state(g, COMPLETED);
            Object::set_internal(g, 1, Value::UNDEFINED);
            complete_step(cx, g, true, e, true)?;
            drain_queue(cx, g)
        }
        Err(t) => {
            set_state(g, COMPLETED);
            Err(t)
        }
    }
}

/// An `await` inside the body settled: continue the body.
pub(super) fn resume_after_await(
    cx: &mut Cx,
    g: Gc<Object>,
    mode: Mode,
    v: Value,
) -> JsResult<Value> {
    run(cx, g, mode, v, true)?;
    Ok(Value::UNDEFINED)
}

/// `next`/`return`/`throw` of an async generator: queue the request, resume if suspended;
/// returns the request's promise.
pub fn request(cx: &mut Cx, this: Value, mode: Mode, value: Value) -> JsResult<Value> {
    let c = cx.intrinsic(Intrinsic::Promise);
    let cap = new_capability(cx, c)?;
    let g = Object::from_value(this).filter(|o| {
        o.class() == ObjectClass::Generator && o.internal(0).as_int().unwrap_or(0) & ASYNC_GEN != 0
    });
    let Some(g) = g else {
        let e = crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["[AsyncGenerator].prototype.", mode.name()],
            this,
        );
        let Throw::Value(e) = e else { return Err(e) };
        ops::call(cx, cap[2], Value::UNDEFINED, &[e])?;
        return Ok(cap[0]);
    };
    let mut st = state(g);
    if mode == Mode::Throw && st == SUSPENDED_START {
        set_state(g, COMPLETED);
        st = COMPLETED;
    }
    if st == COMPLETED && mode != Mode::Return {
        if mode == Mode::Next {
            let r = iter_result(cx, Value::UNDEFINED, true)?;
            ops::call(cx, cap[1], Value::UNDEFINED, &[r])?;
        } else {
            ops::call(cx, cap[2], Value::UNDEFINED, &[value])?;
        }
        return Ok(cap[0]);
    }
    let q = match queue(g) {
        Some(q) => q,
        None => {
            let q = crate::interp::ops::new_array(cx)?;
            Object::set_internal(g, 3, q.to_value());
            q
        }
    };
    let r = crate::interp::ops::new_array(cx)?;
    for v in [Value::int(mode as i32), value, cap[0], cap[1], cap[2]] {
        crate::interp::ops::array_push(cx, r.to_value(), v)?;
    }
    crate::interp::ops::array_push(cx, q.to_value(), r.to_value())?;
    match mode {
        Mode::Return if st == SUSPENDED_START || st == COMPLETED => {
            set_state(g, AWAITING_RETURN);
            await_return(cx, g)?;
        }
        _ if st == SUSPENDED_START || st == SUSPENDED_YIELD => {
            run(cx, g, mode, value, st == SUSPENDED_YIELD)?;
        }
        _ => {}
    }
    Ok(cap[0])
}
