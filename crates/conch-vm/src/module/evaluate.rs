//! Evaluation (ECMA-262 §16.2.1.5.3 `Evaluate()`, `InnerModuleEvaluation`,
//! `ExecuteAsyncModule`, `AsyncModuleExecutionFulfilled`/`Rejected`): a depth-first walk
//! that runs each module once, dependencies first; modules with a top-level `await` (and those
//! waiting on them) finish through promise reactions, in the order they started.

use super::record::{status, Module};
use crate::builtins::promise;
use crate::cx::{Cx, JsResult, Throw};
use crate::object::Object;
use crate::realm::Intrinsic;
use conch_gc::{Gc, GcVec, Value};
use std::cell::Cell;

/// `[[AsyncEvaluationOrder]]` once the module finished (not "unset", not an integer).
const DONE: u64 = u64::MAX;

thread_local! {
    /// The spec's async evaluation counter (only the order matters).
    static ORDER: Cell<u64> = const { Cell::new(1) };
}

fn next_order() -> u64 {
    ORDER.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    })
}

/// `[[AsyncEvaluationOrder]]` is an integer (the module waits on an async evaluation).
fn is_async(m: Gc<Module>) -> bool {
    let o = m.async_order.get();
    o != 0 && o != DONE
}

fn cycle_root(m: Gc<Module>) -> Gc<Module> {
    Module::from_value(m.cycle_root.get()).unwrap_or(m)
}

/// `Evaluate()`: the promise of `m`'s evaluation (the same one on every call).
pub(super) fn evaluate(cx: &mut Cx, m: Gc<Module>) -> JsResult<Value> {
    let m = if matches!(m.status.get(), status::EVALUATING_ASYNC | status::EVALUATED) {
        cycle_root(m)
    } else {
        m
    };
    if !m.capability.get().is_undefined() {
        return Ok(m.capability.get());
    }
    let p = promise::new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
    m.capability.set(p.to_value());
    let stack = GcVec::<Value>::new();
    match inner(cx, m, &stack, 0) {
        Ok(_) => {
            if !is_async(m) {
                promise::resolve_promise(cx, p, Value::UNDEFINED)?;
            }
        }
        Err(t) => {
            let e = match t {
                Throw::Value(v) => v,
                Throw::OutOfMemory => cx.intrinsic(Intrinsic::OutOfMemoryError),
                Throw::Terminated => return Err(Throw::Terminated),
            };
            for v in stack.iter() {
                if let Some(x) = Module::from_value(v) {
                    x.status.set(status::EVALUATED);
                    x.error.set(e);
                }
            }
            // The failed module itself may be off the stack (a cycle root reached again).
            if m.error.get().is_hole() {
                m.status.set(status::EVALUATED);
                m.error.set(e);
            }
            promise::reject_promise(cx, p, e)?;
        }
    }
    Ok(p.to_value())
}

/// `InnerModuleEvaluation(module, stack, index)`.
fn inner(cx: &mut Cx, m: Gc<Module>, stack: &GcVec<Value>, index: i32) -> JsResult<i32> {
    cx.check()?;
    match m.status.get() {
        status::EVALUATING_ASYNC | status::EVALUATED => {
            let e = m.error.get();
            return if e.is_hole() {
                Ok(index)
            } else {
                Err(Throw::Value(e))
            };
        }
        status::EVALUATING => return Ok(index),
        _ => {}
    }
    m.status.set(status::EVALUATING);
    m.dfs_index.set(index);
    m.dfs_ancestor.set(index);
    m.pending_deps.set(0);
    let mut index = index + 1;
    stack.push(cx.heap(), m.to_value())?;
    for i in 0..m.requests.len() {
        let Some(mut r) = m.requested(i) else {
            continue;
        };
        if m.request_phase(i) == 1 && !needs_async(cx, r, &GcVec::new())? {
            // `import defer`: evaluated on first use of its namespace, unless part of it
            // must run asynchronously (then it is evaluated now).
            continue;
        }
        index = inner(cx, r, stack, index)?;
        if r.status.get() == status::EVALUATING {
            m.dfs_ancestor
                .set(m.dfs_ancestor.get().min(r.dfs_ancestor.get()));
        } else {
            r = cycle_root(r);
            let e = r.error.get();
            if !e.is_hole() {
                return Err(Throw::Value(e));
            }
        }
        if is_async(r) {
            m.pending_deps.set(m.pending_deps.get() + 1);
            r.async_parents.push(cx.heap(), m.to_value())?;
        }
    }
    if m.pending_deps.get() > 0 || m.has_tla.get() {
        m.async_order.set(next_order());
        if m.pending_deps.get() == 0 {
            execute_async(cx, m)?;
        }
    } else {
        execute(cx, m)?;
    }
    if m.dfs_ancestor.get() == m.dfs_index.get() {
        while let Some(v) = stack.pop() {
            let Some(x) = Module::from_value(v) else {
                break;
            };
            x.status.set(if is_async(x) {
                status::EVALUATING_ASYNC
            } else {
                status::EVALUATED
            });
            x.cycle_root.set(m.to_value());
            if x.to_value() == m.to_value() {
                break;
            }
        }
    }
    Ok(index)
}

/// Whether evaluating `m` would run a top-level `await` (in it or an unevaluated dependency).
pub(super) fn needs_async(cx: &Cx, m: Gc<Module>, seen: &GcVec<Value>) -> JsResult<bool> {
    cx.check()?;
    if seen.iter().any(|v| v == m.to_value()) {
        return Ok(false);
    }
    seen.push(cx.heap(), m.to_value())?;
    match m.status.get() {
        status::EVALUATED => return Ok(false),
        status::EVALUATING_ASYNC => return Ok(true),
        _ => {}
    }
    if m.has_tla.get() {
        return Ok(true);
    }
    for i in 0..m.requests.len() {
        if let Some(r) = m.requested(i) {
            if needs_async(cx, r, seen)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// `EnsureDeferredNamespaceEvaluation`: evaluates a deferred module synchronously on first
/// use of its namespace (a TypeError when that is not possible now).
pub(super) fn ensure_evaluated(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    match m.status.get() {
        status::EVALUATED => {
            let e = m.error.get();
            return if e.is_hole() {
                Ok(())
            } else {
                Err(Throw::Value(e))
            };
        }
        status::EVALUATING | status::EVALUATING_ASYNC => {
            return Err(
                cx.type_error("A deferred module cannot be evaluated while it is evaluating")
            )
        }
        _ => {}
    }
    if needs_async(cx, m, &GcVec::new())? {
        return Err(cx.type_error(
            "A deferred module with a top-level await cannot be evaluated synchronously",
        ));
    }
    let p = evaluate(cx, m)?;
    match Object::from_value(p).map(promise::state) {
        Some((2, e)) => Err(Throw::Value(e)),
        _ => Ok(()),
    }
}

/// Runs a module without a top-level `await`.
fn execute(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    let body = m.body.get();
    if !body.is_undefined() {
        crate::ops::call(cx, body, Value::UNDEFINED, &[])?;
    }
    Ok(())
}

/// `ExecuteAsyncModule(module)`: starts the async body; its promise's reactions finish it.
fn execute_async(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    let p = crate::ops::call(cx, m.body.get(), Value::UNDEFINED, &[])?;
    let Some(p) = Object::from_value(p).filter(|o| promise::is_promise(o.to_value())) else {
        return Ok(());
    };
    let on_ok = super::native(cx, on_fulfilled, m.to_value(), Value::UNDEFINED)?;
    let on_err = super::native(cx, on_rejected, m.to_value(), Value::UNDEFINED)?;
    promise::perform_then(cx, p, on_ok, on_err, [Value::UNDEFINED; 3])
}

fn module_of(callee: Gc<Object>) -> Gc<Module> {
    Module::from_value(callee.internal(0)).expect("module")
}

fn on_fulfilled(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    fulfilled(cx, module_of(callee))?;
    Ok(Value::UNDEFINED)
}

fn on_rejected(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let e = args.first().copied().unwrap_or(Value::UNDEFINED);
    rejected(cx, module_of(callee), e)?;
    Ok(Value::UNDEFINED)
}

/// `GatherAvailableAncestors(module, execList)`.
fn gather(cx: &Cx, m: Gc<Module>, list: &GcVec<Value>) -> JsResult<()> {
    cx.check()?;
    for p in m.async_parents.iter() {
        let Some(pm) = Module::from_value(p) else {
            continue;
        };
        if list.iter().any(|v| v == p) || !cycle_root(pm).error.get().is_hole() {
            continue;
        }
        let n = pm.pending_deps.get().saturating_sub(1);
        pm.pending_deps.set(n);
        if n == 0 {
            list.push(cx.heap(), p)?;
            if !pm.has_tla.get() {
                gather(cx, pm, list)?;
            }
        }
    }
    Ok(())
}

/// `AsyncModuleExecutionFulfilled(module)`.
fn fulfilled(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    if m.status.get() == status::EVALUATED {
        return Ok(());
    }
    m.async_order.set(DONE);
    m.status.set(status::EVALUATED);
    if let Some(p) = Object::from_value(m.capability.get()) {
        promise::resolve_promise(cx, p, Value::UNDEFINED)?;
    }
    let list = GcVec::<Value>::new();
    gather(cx, m, &list)?;
    // In the order the modules started their async evaluation (insertion sort: short lists).
    let n = list.len();
    for i in 1..n {
        let mut j = i;
        while j > 0 {
            let a = Module::from_value(list.get(j - 1).unwrap_or(Value::UNDEFINED));
            let b = Module::from_value(list.get(j).unwrap_or(Value::UNDEFINED));
            match (a, b) {
                (Some(a), Some(b)) if a.async_order.get() > b.async_order.get() => {
                    list.set(j - 1, b.to_value());
                    list.set(j, a.to_value());
                    j -= 1;
                }
                _ => break,
            }
        }
    }
    for v in list.iter() {
        let Some(x) = Module::from_value(v) else {
            continue;
        };
        if x.status.get() == status::EVALUATED {
            continue;
        }
        if x.has_tla.get() {
            execute_async(cx, x)?;
        } else {
            match execute(cx, x) {
                Ok(()) => {
                    x.async_order.set(DONE);
                    x.status.set(status::EVALUATED);
                    if let Some(p) = Object::from_value(x.capability.get()) {
                        promise::resolve_promise(cx, p, Value::UNDEFINED)?;
                    }
                }
                Err(Throw::Value(e)) => rejected(cx, x, e)?,
                Err(t) => return Err(t),
            }
        }
    }
    Ok(())
}

/// `AsyncModuleExecutionRejected(module, error)`.
fn rejected(cx: &mut Cx, m: Gc<Module>, e: Value) -> JsResult<()> {
    cx.check()?;
    if m.status.get() == status::EVALUATED {
        return Ok(());
    }
    m.error.set(e);
    m.status.set(status::EVALUATED);
    m.async_order.set(DONE);
    for p in m.async_parents.iter() {
        if let Some(pm) = Module::from_value(p) {
            rejected(cx, pm, e)?;
        }
    }
    if let Some(p) = Object::from_value(m.capability.get()) {
        promise::reject_promise(cx, p, e)?;
    }
    Ok(())
}
