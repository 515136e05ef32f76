//! Conch's JsRT C API (ChakraCore-compatible), declared in `include/jsrt.h`.
//!
//! Every export validates its arguments and runs its body under `catch_unwind`: a bad call is an
//! error code, never a crash of the host; a panic becomes `JsErrorFatal`.
//!
//! Handles: a `JsRuntimeHandle` is a pointer to a heap-allocated [`JsrtRuntime`] registered in a
//! process-wide list (so a disposed or foreign handle is `JsErrorInvalidArgument`, not a crash);
//! a `JsContextRef` is the address of a `Context` cell; a `JsValueRef` is the 64-bit `Value`.

#![allow(non_snake_case)]

mod api;
mod array_buffer;
mod context;
mod errors;
mod functions;
mod host_objects;
mod interceptors;
mod not_yet;
mod objects;
mod properties;
mod propids;
mod runtime;
mod strings;
mod values;

use conch_gc::Value;
use conch_vm::Runtime;
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

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
    InDisabledState = 0x10009,
    CannotDisableExecution = 0x1000A,
    IdleNotEnabled = 0x10012,
    ArgumentNotObject = 0x1000C,
    InObjectBeforeCollectCallback = 0x10015,
    PropertyNotSymbol = 0x10017,
    PropertyNotString = 0x10018,
    NoWeakRefRequired = 0x1001C,
    OutOfMemory = 0x20001,
    ScriptException = 0x30001,
    ScriptCompile = 0x30002,
    ScriptTerminated = 0x30003,
    ScriptEvalDisabled = 0x30004,
    Fatal = 0x40001,
    WrongRuntime = 0x40002,
}

use JsErrorCode as E;

/// One runtime as the C API sees it.
pub struct JsrtRuntime {
    pub(crate) vm: Runtime,
    /// Id of the thread the runtime is current on (0 = none).
    pub(crate) thread: AtomicU64,
    /// Host-object state: wrapper-tracing callbacks, idle schedule (`host_objects.rs`).
    pub(crate) host: host_objects::RuntimeHostState,
}

/// Live runtimes (addresses of `JsrtRuntime`s). Host-controlled, not script-controlled, so a
/// std collection is fine here.
static RUNTIMES: Mutex<Vec<usize>> = Mutex::new(Vec::new());

thread_local! {
    /// The current context on this thread (cell address, 0 = none) and its runtime.
    static CURRENT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
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

pub(crate) fn current() -> (usize, usize) {
    CURRENT.with(|c| c.get())
}

pub(crate) fn set_current(ctx: usize, rt: usize) {
    CURRENT.with(|c| c.set((ctx, rt)));
}

fn registry() -> std::sync::MutexGuard<'static, Vec<usize>> {
    RUNTIMES.lock().unwrap_or_else(|e| e.into_inner())
}

/// The live runtime behind a handle, or `None` if it is null, disposed or not ours.
pub(crate) fn runtime_from_handle<'a>(h: *mut std::ffi::c_void) -> Option<&'a JsrtRuntime> {
    let addr = h as usize;
    if addr == 0 || !registry().contains(&addr) {
        return None;
    }
    // SAFETY: registered addresses are live `JsrtRuntime`s (removed before they are freed).
    Some(unsafe { &*(h as *const JsrtRuntime) })
}

/// Which runtime's heap holds the cell at `addr`.
pub(crate) fn runtime_of_cell<'a>(addr: usize) -> Option<&'a JsrtRuntime> {
    let reg = registry();
    for &rt in reg.iter() {
        // SAFETY: registered addresses are live runtimes.
        let r = unsafe { &*(rt as *const JsrtRuntime) };
        if r.vm.heap().is_cell(addr) {
            return Some(r);
        }
    }
    None
}

/// Runs an export's body, turning a panic into `JsErrorFatal`.
pub(crate) fn guard(f: impl FnOnce() -> JsErrorCode) -> JsErrorCode {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(E::Fatal)
}

/// The current runtime, requiring a current context on this thread.
pub(crate) fn current_runtime<'a>() -> Result<&'a JsrtRuntime, JsErrorCode> {
    let (ctx, rt) = current();
    if ctx == 0 {
        return Err(E::NoCurrentContext);
    }
    runtime_from_handle(rt as *mut _).ok_or(E::NoCurrentContext)
}

/// Validates a `JsValueRef` against the current runtime.
pub(crate) fn value_in(rt: &JsrtRuntime, bits: u64) -> Result<Value, JsErrorCode> {
    let v = Value::from_bits(bits).ok_or(E::InvalidArgument)?;
    if let Some(addr) = v.cell_addr() {
        if !rt.vm.heap().is_cell(addr) {
            return Err(if runtime_of_cell(addr).is_some() {
                E::WrongRuntime
            } else {
                E::InvalidArgument
            });
        }
    }
    Ok(v)
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
