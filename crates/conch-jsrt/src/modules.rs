//! The JsRT module API (ChakraCore.h: `JsInitializeModuleRecord`, `JsParseModuleSource`,
//! `JsModuleEvaluation`, `JsSetModuleHostInfo`, `JsGetModuleHostInfo`,
//! `JsGetModuleNamespace`), with ChakraCore's host-driven protocol
//! (`SourceTextModuleRecord.cpp`):
//!
//! 1. the host creates a record (`JsInitializeModuleRecord`) and gives it source
//!    (`JsParseModuleSource`); a record parsed while nothing imports it is a root;
//! 2. for each specifier the source imports, the engine asks the context's
//!    `FetchImportedModuleCallback` for the dependency's record (the host creates it and
//!    later parses its source);
//! 3. once every module a root reaches is parsed, the root is linked and the host's
//!    `NotifyModuleReadyCallback` called with it (and the exception when parsing or linking
//!    failed); the host then calls `JsModuleEvaluation` on the root, whose completion goes to
//!    the `ReportModuleCompletionCallback` when set (else a synchronous error is the runtime's
//!    exception).
//!
//! A `JsModuleRecord` is the module cell's value; records live as long as their context.
//! `JsExperimentalApiRunModule` runs a module given as UTF-16 text in one call (see there).
//!
//! Not yet: the `FetchImportedModuleFromScript` and `InitializeImportMeta` callbacks are stored
//! and reported back but not called (`import()` under JsRT rejects: no module loader).

use crate::api::{clear, script, val, Fail, Ref, Res};
use crate::context::current_context;
use crate::{current_runtime, guard, out, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Value};
use conch_mm::Arena;
use conch_vm::builtins::promise;
use conch_vm::module::record::status;
use conch_vm::module::Module;
use conch_vm::{Context, Cx, JsString, Throw};
use std::cell::RefCell;
use std::ffi::c_void;

const EXCEPTION: i32 = 1;
const HOST_DEFINED: i32 = 2;
const NOTIFY_READY: i32 = 3;
const FETCH: i32 = 4;
const FETCH_FROM_SCRIPT: i32 = 5;
const URL: i32 = 6;
const IMPORT_META: i32 = 7;
const REPORT_COMPLETION: i32 = 8;

type FetchFn = extern "C" fn(Ref, Ref, *mut Ref) -> JsErrorCode;
type NotifyFn = extern "C" fn(Ref, Ref) -> JsErrorCode;

/// The module callbacks of one context.
#[derive(Clone, Copy, Default)]
struct Callbacks {
    fetch: usize,
    fetch_from_script: usize,
    notify_ready: usize,
    import_meta: usize,
    report_completion: usize,
}

/// Per-context module callbacks, keyed by context address.
#[derive(Default)]
pub(crate) struct ModuleHooks {
    table: RefCell<hashbrown::HashMap<usize, Callbacks>>,
}

impl ModuleHooks {
    fn get(&self, ctx: usize) -> Callbacks {
        self.table.borrow().get(&ctx).copied().unwrap_or_default()
    }

    fn update(&self, ctx: usize, f: impl FnOnce(&mut Callbacks)) -> Result<(), JsErrorCode> {
        let mut t = self.table.borrow_mut();
        t.try_reserve(1).map_err(|_| E::OutOfMemory)?;
        f(t.entry(ctx).or_default());
        Ok(())
    }
}

/// A module record argument of the current runtime.
fn record(rt: &JsrtRuntime, r: Ref) -> Res<Gc<Module>> {
    if r.is_null() {
        return Err(E::InvalidArgument.into());
    }
    let v = val(rt, r)?;
    Module::from_value(v).ok_or(Fail::Code(E::InvalidArgument))
}

fn ctx_of(m: Gc<Module>) -> Gc<Context> {
    Context::from_value(m.realm).expect("module realm")
}

/// Creates a module record for the host (the specifier or URL is its name in errors).
#[no_mangle]
pub extern "C" fn JsInitializeModuleRecord(
    _referencing: Ref,
    specifier: Ref,
    module_record: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        if module_record.is_null() {
            return E::NullArgument;
        }
        script(|cx, rt| {
            clear(module_record)?;
            let name = if specifier.is_null() {
                Value::UNDEFINED
            } else {
                val(rt, specifier)?
            };
            let m = cx.heap().alloc(Module::blank(name, cx.realm.to_value()))?;
            Context::keep_alive(cx.realm, cx.heap(), m.to_value())?;
            *out(module_record)? = m.to_value().to_bits() as Ref;
            Ok(())
        })
    })
}

/// Whether every module `m` reaches is parsed (`seen` guards cycles).
fn graph_parsed(m: Gc<Module>, seen: &conch_gc::GcVec<Value>, cx: &Cx) -> Result<bool, Throw> {
    if seen.iter().any(|v| v == m.to_value()) {
        return Ok(true);
    }
    seen.push(cx.heap(), m.to_value())?;
    if !m.parsed.get() {
        return Ok(false);
    }
    for i in 0..m.requests.len() {
        match m.requested(i) {
            Some(d) => {
                if !graph_parsed(d, seen, cx)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// The roots above `m` (itself included) not yet notified.
fn pending_roots(m: Gc<Module>, cx: &Cx, out: &conch_gc::GcVec<Value>) -> Result<(), Throw> {
    let seen = conch_gc::GcVec::<Value>::new();
    let work = conch_gc::GcVec::<Value>::new();
    work.push(cx.heap(), m.to_value())?;
    while let Some(v) = work.pop() {
        let Some(x) = Module::from_value(v) else {
            continue;
        };
        if seen.iter().any(|s| s == v) {
            continue;
        }
        seen.push(cx.heap(), v)?;
        if x.root.get() && !x.notified.get() {
            out.push(cx.heap(), v)?;
        }
        for p in x.parents.iter() {
            work.push(cx.heap(), p)?;
        }
    }
    Ok(())
}

fn notify(rt: &JsrtRuntime, m: Gc<Module>, exception: Value) {
    m.notified.set(true);
    let cbs = rt
        .modules
        .get(ctx_of(m).to_value().cell_addr().unwrap_or(0));
    if cbs.notify_ready != 0 {
        // SAFETY: the host registered this pointer as a `NotifyModuleReadyCallback`.
        let f: NotifyFn = unsafe { std::mem::transmute::<usize, NotifyFn>(cbs.notify_ready) };
        let e = if exception.is_undefined() {
            std::ptr::null_mut()
        } else {
            exception.to_bits() as Ref
        };
        let _ = f(m.to_value().to_bits() as Ref, e);
    }
}

/// After `m` was parsed (or failed): links and notifies every root whose graph is complete.
fn check_roots(cx: &mut Cx, rt: &JsrtRuntime, m: Gc<Module>, failure: Value) -> Res<()> {
    let roots = conch_gc::GcVec::<Value>::new();
    pending_roots(m, cx, &roots)?;
    for v in roots.iter() {
        let Some(root) = Module::from_value(v) else {
            continue;
        };
        if !failure.is_undefined() {
            root.error.set(failure);
            notify(rt, root, failure);
            continue;
        }
        if !graph_parsed(root, &conch_gc::GcVec::new(), cx)? {
            continue;
        }
        match conch_vm::module::link(cx, root) {
            Ok(()) => notify(rt, root, Value::UNDEFINED),
            Err(Throw::Value(e)) => {
                root.error.set(e);
                notify(rt, root, e);
            }
            Err(t) => return Err(t.into()),
        }
    }
    Ok(())
}

/// Parses a module's source (UTF-16LE bytes, or UTF-8 with flag 1), asks the host for its
/// dependencies, and links and announces each root whose graph is now complete.
#[no_mangle]
pub extern "C" fn JsParseModuleSource(
    module: Ref,
    _source_context: usize,
    source: *const u8,
    length: u32,
    flags: u32,
    exception: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        if module.is_null() || exception.is_null() {
            return E::NullArgument;
        }
        if flags > 1 {
            return E::InvalidArgument;
        }
        let rt = match current_runtime() {
            Ok(rt) => rt,
            Err(e) => return e,
        };
        // SAFETY: checked non-null; the host's out-parameter.
        unsafe { *exception = std::ptr::null_mut() };
        let m = match record(rt, module) {
            Ok(m) => m,
            Err(Fail::Code(e)) => return e,
            Err(_) => return E::InvalidArgument,
        };
        if m.parsed.get() {
            return E::ModuleParsed;
        }
        if source.is_null() && length > 0 {
            return E::NullArgument;
        }
        let mut cx = Cx::new(&rt.vm, ctx_of(m));
        let r = parse_module(&mut cx, rt, m, source, length, flags, exception);
        match r {
            Ok(code) => code,
            Err(Fail::Code(e)) => e,
            Err(Fail::Throw(Throw::OutOfMemory)) => E::OutOfMemory,
            Err(Fail::Throw(Throw::Terminated)) => crate::terminated(),
            Err(Fail::Throw(Throw::Value(v))) => {
                rt.vm.set_exception(v);
                E::ScriptException
            }
        }
    })
}

fn parse_module(
    cx: &mut Cx,
    rt: &JsrtRuntime,
    m: Gc<Module>,
    source: *const u8,
    length: u32,
    flags: u32,
    exception: *mut Ref,
) -> Res<JsErrorCode> {
    let bytes: &[u8] = if length == 0 {
        &[]
    } else {
        // SAFETY: the host passes `length` readable bytes at `source` (checked non-null).
        unsafe { std::slice::from_raw_parts(source, length as usize) }
    };
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let text = if flags == 1 {
        crate::script::utf8_text(bytes, &arena)?
    } else {
        crate::script::utf16le_text(bytes, &arena)?
    };
    if m.parents.is_empty() {
        m.root.set(true);
    }
    let mut position = None;
    match conch_vm::script::compile_module_into(cx, m, text, &mut position) {
        Ok(()) => {}
        Err(Throw::Value(e)) => {
            m.parsed.set(true);
            m.error.set(e);
            // SAFETY: checked non-null by the caller.
            unsafe { *exception = e.to_bits() as Ref };
            check_roots(cx, rt, m, e)?;
            return Ok(E::ScriptCompile);
        }
        Err(t) => return Err(t.into()),
    }
    // Dependencies, through the host.
    let cbs = rt.modules.get(cx.realm.to_value().cell_addr().unwrap_or(0));
    for i in 0..m.requests.len() {
        if m.requested(i).is_some() {
            continue;
        }
        if cbs.fetch == 0 {
            let e = cx.type_error("The host has no FetchImportedModuleCallback");
            let Throw::Value(ev) = e else {
                return Err(e.into());
            };
            m.error.set(ev);
            check_roots(cx, rt, m, ev)?;
            return Ok(E::ScriptCompile);
        }
        // SAFETY: the host registered this pointer as a `FetchImportedModuleCallBack`.
        let f: FetchFn = unsafe { std::mem::transmute::<usize, FetchFn>(cbs.fetch) };
        let spec = m.requests.get(i).unwrap_or(Value::UNDEFINED);
        let mut dep: Ref = std::ptr::null_mut();
        let code = f(
            m.to_value().to_bits() as Ref,
            spec.to_bits() as Ref,
            &mut dep,
        );
        let d = if code == E::NoError {
            record(rt, dep).ok()
        } else {
            None
        };
        let Some(d) = d else {
            let e = cx.type_error("The host could not fetch an imported module");
            let Throw::Value(ev) = e else {
                return Err(e.into());
            };
            m.error.set(ev);
            check_roots(cx, rt, m, ev)?;
            return Ok(E::ScriptCompile);
        };
        m.loaded.set(i, d.to_value());
        if !d.parents.iter().any(|p| p == m.to_value()) {
            d.parents.push(cx.heap(), m.to_value())?;
        }
        // A dependency that failed earlier fails this graph.
        let de = d.error.get();
        if !de.is_hole() && d.status.get() == status::NEW {
            check_roots(cx, rt, m, de)?;
            return Ok(E::NoError);
        }
    }
    check_roots(cx, rt, m, Value::UNDEFINED)?;
    Ok(E::NoError)
}

fn report(rt: &JsrtRuntime, m: Gc<Module>, exception: Value) -> bool {
    let cbs = rt
        .modules
        .get(ctx_of(m).to_value().cell_addr().unwrap_or(0));
    if cbs.report_completion == 0 {
        return false;
    }
    // SAFETY: the host registered this pointer as a `ReportModuleCompletionCallback`.
    let f: NotifyFn = unsafe { std::mem::transmute::<usize, NotifyFn>(cbs.report_completion) };
    let e = if exception.is_undefined() {
        std::ptr::null_mut()
    } else {
        exception.to_bits() as Ref
    };
    let _ = f(m.to_value().to_bits() as Ref, e);
    true
}

fn completion_ok(
    cx: &mut Cx,
    callee: Gc<conch_vm::Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> conch_vm::JsResult<Value> {
    if let (Some(m), Ok(rt)) = (Module::from_value(callee.internal(0)), current_runtime()) {
        let _ = cx;
        report(rt, m, Value::UNDEFINED);
    }
    Ok(Value::UNDEFINED)
}

fn completion_err(
    _: &mut Cx,
    callee: Gc<conch_vm::Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> conch_vm::JsResult<Value> {
    if let (Some(m), Ok(rt)) = (Module::from_value(callee.internal(0)), current_runtime()) {
        report(rt, m, args.first().copied().unwrap_or(Value::UNDEFINED));
    }
    Ok(Value::UNDEFINED)
}

fn native(cx: &mut Cx, f: conch_vm::NativeFn, m: Gc<Module>) -> Res<Value> {
    let name = cx.name(conch_vm::Name::empty).to_raw();
    let fo = conch_vm::builtins::create_function(
        cx,
        f,
        conch_vm::builtins::FunctionOptions {
            name,
            length: 1,
            constructor: false,
        },
    )?;
    conch_vm::Object::set_internal(fo, 0, m.to_value());
    Ok(fo.to_value())
}

/// Evaluates a linked root module (once): its completion goes to the host's
/// `ReportModuleCompletionCallback`, or a synchronous error becomes the runtime's exception.
#[no_mangle]
pub extern "C" fn JsModuleEvaluation(module: Ref, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        let rt = match current_runtime() {
            Ok(rt) => rt,
            Err(e) => return e,
        };
        let m = match record(rt, module) {
            Ok(m) => m,
            Err(Fail::Code(e)) => return e,
            Err(_) => return E::InvalidArgument,
        };
        if !result.is_null() {
            // SAFETY: the host's out-parameter, checked non-null.
            unsafe { *result = std::ptr::null_mut() };
        }
        let saved = current_context().ok();
        let _ = saved;
        let mut cx = Cx::new(&rt.vm, ctx_of(m));
        rt.vm.clear_throw_location();
        let r = (|| -> Res<Value> {
            if matches!(
                m.status.get(),
                status::EVALUATING | status::EVALUATING_ASYNC | status::EVALUATED
            ) {
                return Ok(Value::UNDEFINED);
            }
            if m.status.get() == status::NEW {
                if !m.error.get().is_hole() {
                    return Err(Throw::Value(m.error.get()).into());
                }
                conch_vm::module::link(&mut cx, m)?;
            }
            let p = conch_vm::module::evaluate(&mut cx, m)?;
            let po = conch_vm::Object::from_value(p).expect("evaluation promise");
            match promise::state(po) {
                (promise::PENDING, _) => {
                    let ok = native(&mut cx, completion_ok, m)?;
                    let err = native(&mut cx, completion_err, m)?;
                    promise::perform_then(&mut cx, po, ok, err, [Value::UNDEFINED; 3])?;
                }
                (2, e) => {
                    // The host hears of it here (no job: the host may have no queue).
                    promise::mark_handled(po);
                    if !report(rt, m, e) {
                        return Err(Throw::Value(e).into());
                    }
                }
                _ => {
                    report(rt, m, Value::UNDEFINED);
                }
            }
            Ok(Value::UNDEFINED)
        })();
        match r {
            Ok(v) => {
                if !result.is_null() {
                    // SAFETY: as above.
                    unsafe { *result = v.to_bits() as Ref };
                }
                E::NoError
            }
            Err(Fail::Code(e)) => e,
            Err(Fail::Throw(Throw::Terminated)) => crate::terminated(),
            Err(Fail::Throw(t)) => {
                if let Throw::Value(v) = cx.materialize(t) {
                    rt.vm.set_exception_from_throw(v);
                }
                E::ScriptException
            }
        }
    })
}

/// Sets a module's host info, or (with a null record) the current context's module
/// callbacks.
#[no_mangle]
pub extern "C" fn JsSetModuleHostInfo(module: Ref, kind: i32, info: *mut c_void) -> JsErrorCode {
    guard(|| {
        let rt = match current_runtime() {
            Ok(rt) => rt,
            Err(e) => return e,
        };
        let m = if module.is_null() {
            None
        } else {
            record(rt, module).ok()
        };
        let ctx = match m {
            Some(m) => ctx_of(m),
            None => {
                if matches!(kind, EXCEPTION | HOST_DEFINED | URL) {
                    return E::InvalidArgument;
                }
                match current_context() {
                    Ok(c) => c,
                    Err(e) => return e,
                }
            }
        };
        let key = ctx.to_value().cell_addr().unwrap_or(0);
        let p = info as usize;
        let set = |f: fn(&mut Callbacks, usize)| match rt.modules.update(key, |c| f(c, p)) {
            Ok(()) => E::NoError,
            Err(e) => e,
        };
        match kind {
            NOTIFY_READY => set(|c, p| c.notify_ready = p),
            FETCH => set(|c, p| c.fetch = p),
            FETCH_FROM_SCRIPT => set(|c, p| c.fetch_from_script = p),
            IMPORT_META => set(|c, p| c.import_meta = p),
            REPORT_COMPLETION => set(|c, p| c.report_completion = p),
            HOST_DEFINED => {
                if let Some(m) = m {
                    m.host_word.set(p);
                }
                E::NoError
            }
            URL => {
                let Some(m) = m else {
                    return E::InvalidArgument;
                };
                if m.parsed.get() {
                    return E::NoError;
                }
                match val(rt, info as Ref) {
                    Ok(v) if JsString::from_value(v).is_some() => {
                        m.name.set(v);
                        E::NoError
                    }
                    _ => E::InvalidArgument,
                }
            }
            EXCEPTION => {
                // The host could not load the module: its graph fails with this error.
                let Some(m) = m else {
                    return E::InvalidArgument;
                };
                let Ok(e) = val(rt, info as Ref) else {
                    return E::InvalidArgument;
                };
                if m.parsed.get() {
                    return E::InvalidArgument;
                }
                m.parsed.set(true);
                m.error.set(e);
                let mut cx = Cx::new(&rt.vm, ctx_of(m));
                match check_roots(&mut cx, rt, m, e) {
                    Ok(()) => E::NoError,
                    Err(_) => E::OutOfMemory,
                }
            }
            _ => E::InvalidModuleHostInfoKind,
        }
    })
}

/// Reads back what [`JsSetModuleHostInfo`] set (the exception: the module's error).
#[no_mangle]
pub extern "C" fn JsGetModuleHostInfo(
    module: Ref,
    kind: i32,
    info: *mut *mut c_void,
) -> JsErrorCode {
    guard(|| {
        if info.is_null() {
            return E::InvalidArgument;
        }
        let rt = match current_runtime() {
            Ok(rt) => rt,
            Err(e) => return e,
        };
        let m = match record(rt, module) {
            Ok(m) => m,
            Err(_) => return E::InvalidArgument,
        };
        // SAFETY: checked non-null; the host's out-parameter.
        unsafe { *info = std::ptr::null_mut() };
        let cbs = rt
            .modules
            .get(ctx_of(m).to_value().cell_addr().unwrap_or(0));
        let v: usize = match kind {
            EXCEPTION => {
                let e = m.error.get();
                if e.is_hole() {
                    0
                } else {
                    e.to_bits() as usize
                }
            }
            HOST_DEFINED => m.host_word.get(),
            NOTIFY_READY => cbs.notify_ready,
            FETCH => cbs.fetch,
            FETCH_FROM_SCRIPT => cbs.fetch_from_script,
            IMPORT_META => cbs.import_meta,
            REPORT_COMPLETION => cbs.report_completion,
            URL => {
                let n = m.name.get();
                if n.is_undefined() {
                    0
                } else {
                    n.to_bits() as usize
                }
            }
            _ => return E::InvalidModuleHostInfoKind,
        };
        // SAFETY: as above.
        unsafe { *info = v as *mut c_void };
        E::NoError
    })
}

/// The namespace object of an evaluated module (`JsErrorModuleNotEvaluated` before; an
/// evaluation that failed is `JsErrorInvalidArgument`).
#[no_mangle]
pub extern "C" fn JsGetModuleNamespace(module: Ref, namespace: *mut Ref) -> JsErrorCode {
    guard(|| {
        if namespace.is_null() {
            return E::NullArgument;
        }
        script(|cx, rt| {
            clear(namespace)?;
            let m = record(rt, module)?;
            if !matches!(m.status.get(), status::EVALUATED | status::EVALUATING_ASYNC) {
                return Err(E::ModuleNotEvaluated.into());
            }
            if !m.error.get().is_hole() {
                return Err(E::InvalidArgument.into());
            }
            let ns = conch_vm::module::namespace_of(cx, m)?;
            *out(namespace)? = ns.to_value().to_bits() as Ref;
            Ok(())
        })
    })
}

/// Parses `script` (NUL-terminated UTF-16) as a module named `sourceUrl` and evaluates it
/// (ChakraCore's `RunScriptCore` with `isSourceModule`, Windows-only there). `*result`
/// (optional) is `undefined` once the module has run, or the evaluation promise while a
/// top-level `await` keeps it pending. A syntax error is `JsErrorScriptCompile`; an exception
/// the module throws is `JsErrorScriptException`. Imports go through the runtime's module
/// loader, which JsRT runtimes do not have: a module that imports fails with a TypeError (JsRT
/// hosts load module graphs with `JsParseModuleSource`).
#[no_mangle]
pub extern "C" fn JsExperimentalApiRunModule(
    script_text: *const u16,
    _source_context: usize,
    source_url: *const u16,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if !result.is_null() {
                clear(result)?;
            }
            if script_text.is_null() || source_url.is_null() {
                return Err(E::NullArgument.into());
            }
            if rt.vm.is_disabled() {
                return Err(Throw::Terminated.into());
            }
            // SAFETY: NUL-terminated UTF-16 texts (JsRT contract).
            let (text, url) = unsafe {
                (
                    crate::script::wide_text(script_text)?,
                    crate::script::wide_text(source_url)?,
                )
            };
            let arena = Arena::new(cx.rt.memory_manager().clone());
            let source = crate::script::Text::Utf16(text).to_utf8(&arena)?;
            let name = crate::script::Text::Utf16(url).to_utf8(&arena)?;
            let mut position = None;
            let p = match conch_vm::module::run_source(cx, source, name, &mut position) {
                Ok(p) => p,
                Err(Throw::Value(e)) if position.is_some() => {
                    rt.vm.set_exception(e);
                    return Err(E::ScriptCompile.into());
                }
                Err(t) => return Err(t.into()),
            };
            let Some(po) = conch_vm::Object::from_value(p).filter(|_| promise::is_promise(p))
            else {
                return Ok(());
            };
            let (state, value) = promise::state(po);
            if state == promise::REJECTED {
                promise::mark_handled(po);
                return Err(Throw::Value(value).into());
            }
            if !result.is_null() {
                let r = if state == promise::PENDING {
                    p
                } else {
                    Value::UNDEFINED
                };
                crate::api::put(result, r)?;
            }
            Ok(())
        })
    })
}
