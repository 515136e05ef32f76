//! Background parsing (experimental; ChakraCore's `JsQueueBackgroundParse_Experimental`,
//! `JsDiscardBackgroundParse_Experimental`, `JsExecuteBackgroundParse_Experimental` over its
//! `BGParseManager`).
//!
//! Like ChakraCore, the work done in the background is parsing *and* compiling into a bytecode
//! buffer, which the runtime's thread then loads: engine values never cross threads, only
//! bytes. Each queued script gets a thread of its own with a private runtime (whose memory is
//! not counted against the host's runtimes) that compiles the host's UTF-8 text as a classic
//! script and writes Conch's bytecode cache (`conch_vm::cache`), then ends.
//!
//! - Queue: `contents` must be UTF-8 (`Utf8`), `HeapAllocatedBuffer`, with source context 0 and
//!   a non-empty buffer, else `JsErrorFatal` (ChakraCore's answer for what it does not
//!   support); null `contents`, `container`, `fullPath` or cookie pointer:
//!   `JsErrorNullArgument`. No current context is needed; any thread may queue. The host's
//!   buffer is read in place: it must stay valid until the parse is executed or discarded.
//!   Cookies are nonzero and unique (wrapping after 2^32 − 1).
//! - Execute (needs a current context): waits for the background work, then loads the bytecode
//!   if `script` (a string, or an ArrayBuffer as `JsRun` takes it) is the text that was queued
//!   and no strict-mode attribute asks for other code; otherwise (another text, a syntax error
//!   found in the background, a thread that could not be started) it compiles `script` itself,
//!   so errors are exactly `JsRun`'s. The URL is the `fullPath` given when queueing (as
//!   ChakraCore; the `url` argument is not used), `parserState` is ignored. An unknown cookie is
//!   `JsErrorFatal`, as in ChakraCore. Execute does not consume the cookie: the host discards
//!   it when done (it may execute it again meanwhile).
//! - Discard: forgets the cookie after the background work is done with the buffer (waiting
//!   for it if needed), so `*callerOwnsBuffer` is always true: Conch never frees the host's
//!   buffer (ChakraCore frees it itself when discarded mid-parse). An unknown cookie is
//!   `JsNoError` with `*callerOwnsBuffer` true (ChakraCore); a `buffer` that is not the queued
//!   one is `JsErrorInvalidArgument`.

use crate::api::{script, val, Ref};
use crate::parser_state::fresh;
use crate::script::{compile_text, finish, source_string, utf8_text, with_value_text, Mode};
use crate::strings::string_from_utf16;
use crate::{guard, out, JsErrorCode, JsErrorCode as E};
use allocator_api2::alloc::Global;
use allocator_api2::vec::Vec as TryVec;
use conch_mm::Arena;
use conch_vm::{Cx, JsString, Runtime, RuntimeAttributes, Throw};
use std::ffi::c_void;
use std::sync::{Arc, Condvar, Mutex};

const UTF8: u32 = 0;
const HEAP_ALLOCATED_BUFFER: u32 = 0;
const STRICT: u32 = 0x4;

/// `JsScriptContents`.
#[repr(C)]
pub struct JsScriptContents {
    container: *mut c_void,
    encoding_type: u32,
    container_type: u32,
    source_context: usize,
    content_length_in_bytes: usize,
    full_path: *const u16,
}

enum Outcome {
    Pending,
    /// The bytecode cache of the script.
    Compiled(Arc<TryVec<u8, Global>>),
    /// Nothing usable: the script is compiled at execute time.
    Uncached,
}

struct Job {
    cookie: u32,
    buffer: usize,
    len: usize,
    url: TryVec<u16, Global>,
    outcome: Mutex<Outcome>,
    done: Condvar,
}

impl Job {
    /// Waits for the background work; returns the bytecode it made, if any.
    fn finished(&self) -> Option<Arc<TryVec<u8, Global>>> {
        let mut g = self.outcome.lock().unwrap_or_else(|e| e.into_inner());
        while matches!(*g, Outcome::Pending) {
            g = self.done.wait(g).unwrap_or_else(|e| e.into_inner());
        }
        match &*g {
            Outcome::Compiled(b) => Some(b.clone()),
            _ => None,
        }
    }
}

/// The last cookie given and the jobs not discarded (one entry per queued script: host-sized).
#[allow(clippy::disallowed_methods)] // empty: allocates nothing
static JOBS: Mutex<(u32, TryVec<Arc<Job>>)> = Mutex::new((0, TryVec::new()));

fn jobs() -> std::sync::MutexGuard<'static, (u32, TryVec<Arc<Job>>)> {
    JOBS.lock().unwrap_or_else(|e| e.into_inner())
}

fn find(cookie: u32) -> Option<Arc<Job>> {
    jobs().1.iter().find(|j| j.cookie == cookie).cloned()
}

/// Queues `contents` for compiling on a background thread; see the module docs.
///
/// # Safety
/// `contents` is null or points to a `JsScriptContents` whose buffer and path are valid as
/// documented.
#[no_mangle]
pub unsafe extern "C" fn JsQueueBackgroundParse_Experimental(
    contents: *const JsScriptContents,
    cookie: *mut u32,
) -> JsErrorCode {
    guard(|| {
        if contents.is_null() || cookie.is_null() {
            return E::NullArgument;
        }
        // SAFETY: non-null, and a `JsScriptContents` by the caller's contract.
        let c = unsafe { &*contents };
        if c.container.is_null() || c.full_path.is_null() {
            return E::NullArgument;
        }
        if c.encoding_type != UTF8
            || c.container_type != HEAP_ALLOCATED_BUFFER
            || c.source_context != 0
            || c.content_length_in_bytes == 0
        {
            return E::Fatal;
        }
        // SAFETY: a NUL-terminated UTF-16 path (JsRT contract).
        let path = match unsafe { crate::script::wide_text(c.full_path) } {
            Ok(p) => p,
            Err(_) => return E::InvalidArgument,
        };
        let mut url = TryVec::new_in(Global);
        if url.try_reserve(path.len()).is_err() {
            return E::OutOfMemory;
        }
        url.extend_from_slice(path);
        let mut g = jobs();
        if g.1.try_reserve(1).is_err() {
            return E::OutOfMemory;
        }
        g.0 = g.0.checked_add(1).unwrap_or(1);
        // Fixed-size bookkeeping for one host request.
        let job = Arc::new(Job {
            cookie: g.0,
            buffer: c.container as usize,
            len: c.content_length_in_bytes,
            url,
            outcome: Mutex::new(Outcome::Pending),
            done: Condvar::new(),
        });
        g.1.push(job.clone());
        *out(cookie).expect("checked") = job.cookie;
        drop(g);
        let worker = job.clone();
        let spawned = std::thread::Builder::new()
            .name("conch-bgparse".into())
            .spawn(move || work(&worker));
        if spawned.is_err() {
            settle(&job, Outcome::Uncached);
        }
        E::NoError
    })
}

fn settle(job: &Job, outcome: Outcome) {
    *job.outcome.lock().unwrap_or_else(|e| e.into_inner()) = outcome;
    job.done.notify_all();
}

/// The background thread: compiles the script in a private runtime.
fn work(job: &Job) {
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compile(job)));
    settle(
        job,
        match r {
            Ok(Some(bytes)) => Outcome::Compiled(Arc::new(bytes)),
            _ => Outcome::Uncached,
        },
    );
}

fn compile(job: &Job) -> Option<TryVec<u8, Global>> {
    let rt = Runtime::new(RuntimeAttributes(0)).ok()?;
    let realm = conch_vm::builtins::create_realm(&rt).ok()?;
    let mut cx = Cx::new(&rt, realm);
    let arena = Arena::new(rt.memory_manager().clone());
    // SAFETY: the host's `len` bytes at `buffer`, valid until the job is executed or discarded,
    // both of which wait for this thread to settle the job first.
    let bytes = unsafe { std::slice::from_raw_parts(job.buffer as *const u8, job.len) };
    let source = utf8_text(bytes, &arena).ok()?;
    let file = JsString::from_str(cx.heap(), "").ok()?;
    let mut position = None;
    let code =
        conch_vm::script::compile_classic(&mut cx, source, &arena, file, false, &mut position)
            .ok()?;
    let cache = conch_vm::cache::serialize(&mut cx, code, &arena).ok()?;
    let mut v = TryVec::new_in(Global);
    v.try_reserve(cache.len()).ok()?;
    v.extend_from_slice(&cache);
    Some(v)
}

/// Forgets a queued parse; see the module docs.
#[no_mangle]
pub extern "C" fn JsDiscardBackgroundParse_Experimental(
    cookie: u32,
    buffer: *mut c_void,
    caller_owns_buffer: *mut bool,
) -> JsErrorCode {
    guard(|| {
        if caller_owns_buffer.is_null() {
            return E::NullArgument;
        }
        let job = {
            let mut g = jobs();
            let Some(i) = g.1.iter().position(|j| j.cookie == cookie) else {
                *out(caller_owns_buffer).expect("checked") = true;
                return E::NoError;
            };
            if g.1[i].buffer != buffer as usize {
                return E::InvalidArgument;
            }
            g.1.swap_remove(i)
        };
        // The background thread may still read the buffer: the host frees it only after.
        drop(job.finished());
        *out(caller_owns_buffer).expect("checked") = true;
        E::NoError
    })
}

/// Runs a script queued with `JsQueueBackgroundParse_Experimental`; see the module docs.
#[no_mangle]
pub extern "C" fn JsExecuteBackgroundParse_Experimental(
    cookie: u32,
    script_value: Ref,
    _source_context: usize,
    _url: *const u16,
    parse_attributes: u32,
    _parser_state: Ref,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        let Some(job) = find(cookie) else {
            return E::Fatal;
        };
        if script_value.is_null() {
            return E::NullArgument;
        }
        script(|cx, rt| {
            if !result.is_null() {
                crate::api::clear(result)?;
            }
            if rt.vm.is_disabled() {
                return Err(Throw::Terminated.into());
            }
            let s = val(rt, script_value)?;
            let url = string_from_utf16(cx.heap(), &job.url)?;
            let compiled = job.finished();
            with_value_text(cx, s, parse_attributes, |cx, text| {
                if let Some(bytes) = &compiled {
                    let source = source_string(cx, text)?;
                    if parse_attributes & STRICT == 0 && fresh(bytes, source) {
                        let loader = crate::parser_state::holder(cx, source.to_value())?;
                        let code = conch_vm::cache::deserialize(cx, bytes, url.to_value(), loader)
                            .map_err(crate::serialize::cache_error)?;
                        return finish(cx, rt, code, Mode::Run, result);
                    }
                }
                let code = compile_text(cx, rt, text, url, parse_attributes)?;
                finish(cx, rt, code, Mode::Run, result)
            })
        })
    })
}
