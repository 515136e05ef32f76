//! Promises: `JsCreatePromise`, `JsGetPromiseState`, `JsGetPromiseResult`, and the per-context
//! host hooks `JsSetPromiseContinuationCallback` and `JsSetHostPromiseRejectionTracker`
//! (JSRT.md §3.13, ChakraCore's JsrtCore.cpp:963-1048, Jsrt.cpp:3538, JsrtCore.cpp:1235).
//!
//! Every JsRT runtime sends its promise jobs to [`job_hook`] (installed at `JsCreateRuntime`
//! through `conch_vm::Runtime::set_job_hook`): each job arrives as a function object, which is
//! passed to the continuation callback of the realm queueing it; the host calls it later with
//! `JsCallFunction` (the job runs each time it is called). With no callback set for that realm,
//! queueing a job throws ChakraCore's Error "Host may not have set any promise continuation
//! callback. Promises may not be executed." at that point in script, so the running API
//! returns `JsErrorScriptException` (ChakraCore's `JavascriptLibrary::EnqueueTask`).
//!
//! The callbacks are per context, as in ChakraCore: a table in the runtime keyed by context
//! address (an entry is dropped when its address is given to a new context, and entries of
//! dead contexts are pruned when the table grows).

use crate::api::{clear, no_script, put, script, val, Fail, Ref};
use crate::{guard, out, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_vm::builtins::promise;
use conch_vm::{Context, Cx, Intrinsic, JsResult, Object};
use std::cell::RefCell;
use std::ffi::c_void;

/// `JsPromiseContinuationCallback`.
pub(crate) type ContinuationCallback = unsafe extern "C" fn(Ref, *mut c_void);
/// `JsHostPromiseRejectionTrackerCallback`.
pub(crate) type RejectionCallback = unsafe extern "C" fn(Ref, Ref, bool, *mut c_void);

/// One context's promise callbacks (with their states).
#[derive(Clone, Copy, Default)]
pub(crate) struct ContextHooks {
    continuation: Option<(ContinuationCallback, usize)>,
    rejection: Option<(RejectionCallback, usize)>,
}

/// Context address → its callbacks.
#[derive(Default)]
pub(crate) struct PromiseHooks {
    table: RefCell<hashbrown::HashMap<usize, ContextHooks>>,
}

impl PromiseHooks {
    fn get(&self, ctx: usize) -> ContextHooks {
        self.table.borrow().get(&ctx).copied().unwrap_or_default()
    }

    /// Updates the entry of `ctx`; a refused allocation is `JsErrorOutOfMemory`.
    fn update(
        &self,
        rt: &JsrtRuntime,
        ctx: usize,
        f: impl FnOnce(&mut ContextHooks),
    ) -> Result<(), JsErrorCode> {
        let mut t = self.table.borrow_mut();
        if !t.contains_key(&ctx) {
            // Drop the entries of contexts that died.
            t.retain(|&addr, _| {
                // SAFETY: `is_cell` says the address is a live cell of this runtime;
                // `from_addr` checks its kind.
                rt.vm.heap().is_cell(addr) && unsafe { Gc::<Context>::from_addr(addr) }.is_some()
            });
            t.try_reserve(1).map_err(|_| E::OutOfMemory)?;
        }
        let e = t.entry(ctx).or_default();
        f(e);
        if e.continuation.is_none() && e.rejection.is_none() {
            t.remove(&ctx);
        }
        Ok(())
    }

    /// Forgets the callbacks of a context address (a new context was made there).
    pub(crate) fn forget(&self, ctx: usize) {
        self.table.borrow_mut().remove(&ctx);
    }
}

/// The runtime's job hook: hands the job to the queueing realm's continuation callback.
pub(crate) fn job_hook(cx: &mut Cx, job: Gc<Object>, state: usize) -> JsResult<()> {
    // SAFETY: `state` is the address of the JsrtRuntime owning this VM runtime (set at
    // JsCreateRuntime; the VM runtime is dropped with it).
    let rt = unsafe { &*(state as *const JsrtRuntime) };
    let Some((cb, cb_state)) = rt.promises.get(cx.realm.addr()).continuation else {
        // ChakraCore's JSERR_HostMaybeMissingPromiseContinuationCallback surfaces as an Error.
        return Err(cx.throw(
            conch_vm::ErrorKind::Error,
            "Host may not have set any promise continuation callback. Promises may not be executed.",
        ));
    };
    let task = job.to_value().to_bits() as Ref;
    // SAFETY: the host's callback, with a value it must AddRef to keep (JSRT.md §2.4); the job
    // stays alive during the call (on this stack).
    unsafe { cb(task, cb_state as *mut c_void) };
    std::hint::black_box(job);
    Ok(())
}

/// The runtime's rejection hook: reports to the realm's rejection tracker, if any.
pub(crate) fn rejection_hook(
    cx: &mut Cx,
    promise: Gc<Object>,
    reason: Value,
    handled: bool,
    state: usize,
) {
    // SAFETY: as in `job_hook`.
    let rt = unsafe { &*(state as *const JsrtRuntime) };
    if let Some((cb, cb_state)) = rt.promises.get(cx.realm.addr()).rejection {
        let p = promise.to_value().to_bits() as Ref;
        // SAFETY: the host's callback; both values are alive on this stack during the call.
        unsafe { cb(p, reason.to_bits() as Ref, handled, cb_state as *mut c_void) };
        std::hint::black_box((promise, reason));
    }
}

/// Installs the hooks on a new runtime (its address must not change afterwards).
pub(crate) fn install(rt: &JsrtRuntime) {
    let state = rt as *const JsrtRuntime as usize;
    rt.vm.set_job_hook(Some((job_hook, state)));
    rt.vm.set_rejection_hook(Some((rejection_hook, state)));
}

/// Sets (or with `NULL` removes) the current context's promise continuation callback.
#[no_mangle]
pub extern "C" fn JsSetPromiseContinuationCallback(
    callback: Option<ContinuationCallback>,
    callback_state: *mut c_void,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, rt| {
            let ctx = cx.realm.addr();
            rt.promises.update(rt, ctx, |h| {
                h.continuation = callback.map(|c| (c, callback_state as usize));
            })?;
            Ok(())
        })
    })
}

/// Sets (or with `NULL` removes) the current context's promise rejection tracker.
#[no_mangle]
pub extern "C" fn JsSetHostPromiseRejectionTracker(
    callback: Option<RejectionCallback>,
    callback_state: *mut c_void,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, rt| {
            let ctx = cx.realm.addr();
            rt.promises.update(rt, ctx, |h| {
                h.rejection = callback.map(|c| (c, callback_state as usize));
            })?;
            Ok(())
        })
    })
}

/// A new pending promise and its resolve and reject functions.
#[no_mangle]
pub extern "C" fn JsCreatePromise(
    promise_out: *mut Ref,
    resolve: *mut Ref,
    reject: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, _| {
            out(promise_out)?;
            out(resolve)?;
            out(reject)?;
            clear(promise_out)?;
            clear(resolve)?;
            clear(reject)?;
            let proto = cx.intrinsic(Intrinsic::PromisePrototype);
            let p = promise::new_promise(cx, proto)?;
            let (res, rej) = promise::resolving_functions(cx, p)?;
            put(promise_out, p.to_value())?;
            put(resolve, res)?;
            put(reject, rej)
        })
    })
}

/// `promise` as a promise object (`JsErrorInvalidArgument` otherwise, as ChakraCore).
fn promise_arg(rt: &JsrtRuntime, r: Ref) -> Result<Gc<Object>, Fail> {
    let v = val(rt, r)?;
    match Object::from_value(v) {
        Some(o) if promise::is_promise(v) => Ok(o),
        _ => Err(E::InvalidArgument.into()),
    }
}

/// The state of a promise (`JsPromiseState`).
#[no_mangle]
pub extern "C" fn JsGetPromiseState(promise_ref: Ref, state: *mut i32) -> JsErrorCode {
    guard(|| {
        script(|_, rt| {
            val(rt, promise_ref)?;
            let slot = out(state)?;
            // A non-promise leaves `*state` as it was (as ChakraCore does).
            let p = promise_arg(rt, promise_ref)?;
            *slot = promise::state(p).0;
            Ok(())
        })
    })
}

/// The fulfilment value or rejection reason of a settled promise (`JsErrorPromisePending`
/// while pending).
#[no_mangle]
pub extern "C" fn JsGetPromiseResult(promise_ref: Ref, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|_, rt| {
            val(rt, promise_ref)?;
            clear(result)?;
            let p = promise_arg(rt, promise_ref)?;
            let (st, v) = promise::state(p);
            if st == promise::PENDING {
                return Err(E::PromisePending.into());
            }
            put(result, v)
        })
    })
}
