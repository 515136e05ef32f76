//! Conch's JsRT C API (ChakraCore-compatible), declared in `include/jsrt.h`.
//!
//! Every export validates its arguments and runs its body under `catch_unwind`: a bad call is an
//! error code, never a crash of the host; a panic becomes `JsErrorFatal`.
//!
//! Handles: a `JsRuntimeHandle` is a pointer to a heap-allocated [`JsrtRuntime`] registered in a
//! process-wide list (so a disposed or foreign handle is `JsErrorInvalidArgument`, not a crash);
//! a `JsContextRef` is the address of a `Context` cell; a `JsValueRef` is the 64-bit `Value`.
//!
//! Validation is per thread and takes no shared lock on the common path: the current runtime
//! and context are thread-locals, and a value is checked against the current runtime's heap
//! only. Only on an error path, or for the few APIs that name a runtime through a handle or a
//! context, is the process-wide registry consulted (`registry.rs`).

#![allow(non_snake_case)]

mod api;
mod array_buffer;
mod background_parse;
mod context;
mod errors;
mod functions;
mod host_objects;
mod interceptors;
mod modules;
mod not_yet;
mod objects;
mod parser_state;
mod promises;
mod properties;
mod propids;
mod registry;
mod runtime;
mod script;
mod serialize;
mod strings;
mod tls;
mod typed_arrays;
mod values;
mod var_serializer;

use conch_gc::Value;
use conch_vm::Runtime;
pub(crate) use registry::{claim_handle, runtime_from_handle, Claim};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// `JsErrorCode` (values from ChakraCommon.h).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum JsErrorCode {
    NoError = 0,
    InvalidArgument = 0x10001,
    NullArgument = 0x10002,
    NoCurrentContext = 0x10003,
    InExceptionState = 0x10004,
    NotImplemented = 0x10005,
    WrongThread = 0x10006,
    RuntimeInUse = 0x10007,
    BadSerializedScript = 0x10008,
    InDisabledState = 0x10009,
    CannotDisableExecution = 0x1000A,
    IdleNotEnabled = 0x10012,
    ArgumentNotObject = 0x1000C,
    InObjectBeforeCollectCallback = 0x10015,
    PropertyNotSymbol = 0x10017,
    PropertyNotString = 0x10018,
    InvalidModuleHostInfoKind = 0x1001A,
    ModuleParsed = 0x1001B,
    NoWeakRefRequired = 0x1001C,
    PromisePending = 0x1001D,
    ModuleNotEvaluated = 0x1001E,
    CannotSerializeDebugScript = 0x1000F,
    OutOfMemory = 0x20001,
    ScriptException = 0x30001,
    ScriptCompile = 0x30002,
    ScriptTerminated = 0x30003,
    ScriptEvalDisabled = 0x30004,
    Fatal = 0x40001,
    WrongRuntime = 0x40002,
    SerializerNotSupported = 0x50007,
    TransferableNotSupported = 0x50008,
    TransferableAlreadyDetached = 0x50009,
}

use JsErrorCode as E;

/// One runtime as the C API sees it.
pub struct JsrtRuntime {
    pub(crate) vm: Runtime,
    /// Id of the thread the runtime is current on or claimed by (0 = none); see `registry.rs`.
    pub(crate) thread: AtomicU64,
    /// Host-object state: wrapper-tracing callbacks, idle schedule (`host_objects.rs`).
    pub(crate) host: host_objects::RuntimeHostState,
    /// The memory the runtime's memory manager has mapped (for telling apart a value of another
    /// runtime from an invalid one without reading that runtime's heap).
    pub(crate) ranges: Arc<registry::Ranges>,
    /// Per-context promise continuation callbacks and rejection trackers (`promises.rs`).
    pub(crate) promises: promises::PromiseHooks,
    /// Per-context module callbacks (`modules.rs`).
    pub(crate) modules: modules::ModuleHooks,
}

thread_local! {
    static THREAD_ID: Cell<u64> = const { Cell::new(0) };
}

static NEXT_THREAD_ID: AtomicU64 = AtomicU64::new(1);

pub(crate) fn thread_id() -> u64 {
    THREAD_ID.with(|t| {
        if t.get() == 0 {
            t.set(NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed));
        }
        t.get()
    })
}

/// The current context on this thread (cell address, 0 = none) and its runtime. While set, the
/// runtime is bound to this thread (its `thread` field), so it cannot be disposed, and the
/// context is pinned: both addresses stay valid without any lookup.
#[inline]
pub(crate) fn current() -> (usize, usize) {
    tls::get()
}

pub(crate) fn set_current(ctx: usize, rt: usize) {
    tls::set(ctx, rt)
}

/// The runtime current on this thread, if any.
#[inline]
pub(crate) fn current_rt() -> Option<&'static JsrtRuntime> {
    let rt = current().1;
    // SAFETY: the thread-local holds a live runtime while it is set (see `current`).
    (rt != 0).then(|| unsafe { &*(rt as *const JsrtRuntime) })
}

/// Runs an export's body, turning a panic into `JsErrorFatal`.
#[inline]
pub(crate) fn guard(f: impl FnOnce() -> JsErrorCode) -> JsErrorCode {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(E::Fatal)
}

/// The current runtime, requiring a current context on this thread.
#[inline]
pub(crate) fn current_runtime() -> Result<&'static JsrtRuntime, JsErrorCode> {
    current_rt().ok_or(E::NoCurrentContext)
}

/// Validates a `JsValueRef` against the current runtime.
#[inline]
pub(crate) fn value_in(rt: &JsrtRuntime, bits: u64) -> Result<Value, JsErrorCode> {
    let v = Value::from_bits(bits).ok_or(E::InvalidArgument)?;
    if let Some(addr) = v.cell_addr() {
        if !rt.vm.heap().is_cell(addr) {
            return Err(foreign_or_invalid(addr));
        }
    }
    Ok(v)
}

/// The error for an address that is not a cell of the current runtime.
#[cold]
pub(crate) fn foreign_or_invalid(addr: usize) -> JsErrorCode {
    if registry::in_foreign_runtime(addr) {
        E::WrongRuntime
    } else {
        E::InvalidArgument
    }
}

/// The runtime whose cell `addr` is, usable on this thread for this call: the current runtime,
/// or another one claimed (`JsErrorWrongThread` if another thread uses it). Not a cell of any
/// live runtime: `JsErrorInvalidArgument`.
pub(crate) fn owner_of_cell(addr: usize) -> Result<Claim, JsErrorCode> {
    if let Some(rt) = current_rt() {
        if rt.vm.heap().is_cell(addr) {
            return registry::claim(rt);
        }
    }
    let c = registry::claim_foreign_owner(addr)?.ok_or(E::InvalidArgument)?;
    if !c.vm.heap().is_cell(addr) {
        return Err(E::InvalidArgument);
    }
    Ok(c)
}

/// Writes an out-parameter after checking it for null.
pub(crate) fn out<T>(p: *mut T) -> Result<&'static mut T, JsErrorCode> {
    if p.is_null() {
        Err(E::NullArgument)
    } else {
        // SAFETY: the host passed a non-null pointer to writable storage (JsRT contract).
        Ok(unsafe { &mut *p })
    }
}

/// Collapses a `Result` into the error code.
pub(crate) fn code(r: Result<(), JsErrorCode>) -> JsErrorCode {
    match r {
        Ok(()) => E::NoError,
        Err(e) => e,
    }
}

/// The code for a termination: `JsErrorScriptEvalDisabled` when it was `eval` or `Function`
/// meeting `JsRuntimeAttributeDisableEval`, else `JsErrorScriptTerminated`.
pub(crate) fn terminated() -> JsErrorCode {
    match current_runtime() {
        Ok(rt) if rt.vm.take_eval_refused() => JsErrorCode::ScriptEvalDisabled,
        _ => JsErrorCode::ScriptTerminated,
    }
}
