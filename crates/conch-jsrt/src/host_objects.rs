//! Traced external objects, wrapper tracing, raw data, idle processing, embedder data, cloning,
//! private properties and proxy queries.
//!
//! Tracing: a traced external object's `HostData` carries the host's `JsTraceCallback` and
//! [`call_host_trace`], which the object's `Trace` impl calls whenever the collector traces the
//! object. From inside it (and from the wrapper-tracing callbacks, run by the heap's marking
//! hook, [`dom_tracing_hook`]) the host calls `JsTraceExternalReference`, which marks through
//! `Heap::mark_external`; the collector traces what it marked before the sweep. Outside a
//! collection's marking phase `JsTraceExternalReference` does nothing.
//!
//! Host callbacks run during a collection like the object-before-collect callbacks do: with the
//! heap's `in_gc` set, so a host that allocates from one cannot start a nested collection (its
//! allocations are marked live for this cycle).

use crate::api::{clear, no_script, obj, put, script, val, Fail, Ref, Res};
use crate::{claim_handle, code, guard, out, Claim, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Heap, Tracer, Value};
use conch_vm::convert::to_property_key;
use conch_vm::host_data::RawData;
use conch_vm::{ops, Cx, Intrinsic, Object, ObjectClass, RuntimeAttributes};
use std::cell::Cell;
use std::ffi::c_void;

type HostCb = unsafe extern "C" fn(*mut c_void);
type DoneCb = unsafe extern "C" fn(*mut c_void) -> bool;

/// The wrapper-tracing callbacks of a runtime (`JsSetRuntimeDomWrapperTracingCallbacks`).
#[derive(Clone, Copy)]
struct DomTracing {
    state: usize,
    trace: Option<HostCb>,
    done: Option<DoneCb>,
    enter_final_pause: Option<HostCb>,
}

/// Per-runtime state of this module (a field of [`JsrtRuntime`]).
pub(crate) struct RuntimeHostState {
    dom: Cell<Option<DomTracing>>,
    /// The tick at which `JsIdle` should collect (`u32::MAX` = nothing scheduled).
    idle_next: Cell<u32>,
}

impl Default for RuntimeHostState {
    fn default() -> Self {
        RuntimeHostState {
            dom: Cell::new(None),
            idle_next: Cell::new(u32::MAX),
        }
    }
}

/// The runtime behind a handle, claimed for this call (`JsErrorWrongThread` if it is in use on
/// another thread).
fn runtime_here(runtime: *mut c_void) -> Result<Claim, JsErrorCode> {
    claim_handle(runtime)
}

// ---- traced external objects ----

/// A traced object's `HostTraceFn`: calls the host's trace callback with the object's external
/// data. The host marks what it holds with `JsTraceExternalReference` (which reaches the heap
/// through the runtime handle, so the tracer itself is not needed here).
fn call_host_trace(_t: &mut Tracer, cb: usize, data: usize) {
    // SAFETY: `cb` was stored from a non-null `JsTraceCallback` (an `extern "C" fn(void*)`).
    let f: HostCb = unsafe { std::mem::transmute::<usize, HostCb>(cb) };
    // SAFETY: the host's callback with the object's external data, as ChakraCore calls it.
    unsafe { f(data as *mut c_void) };
}

/// A zeroed raw buffer of `len` bytes, filled from `src` when `src` is not null.
fn raw_copy(heap: &Heap, len: usize, src: usize) -> Res<Gc<RawData>> {
    let raw = RawData::new(heap, len)?;
    if src != 0 && len > 0 {
        // SAFETY: `src` points to at least `len` readable bytes (the JsRT contract for
        // `data` with `inlineSlotSize`, or another object's inline slots of that length), and
        // the fresh buffer's `len` bytes are ours; the two cannot overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(
                std::ptr::with_exposed_provenance::<u8>(src),
                std::ptr::with_exposed_provenance_mut::<u8>(RawData::bytes_addr(raw)),
                len,
            )
        };
    }
    Ok(raw)
}

/// The prototype argument of the external-object constructors (`JS_INVALID_REFERENCE`:
/// `Object.prototype`; an object or `null`), after checking `inlineSlotSize` fits 32 bits.
pub(crate) fn host_object_proto(
    cx: &Cx,
    rt: &JsrtRuntime,
    prototype: Ref,
    inline_slot_size: usize,
) -> Res<Value> {
    let proto = if prototype.is_null() {
        cx.intrinsic(Intrinsic::ObjectPrototype)
    } else {
        let p = val(rt, prototype)?;
        if !p.is_null() && Object::from_value(p).is_none() {
            return Err(E::InvalidArgument.into());
        }
        p
    };
    if inline_slot_size > u32::MAX as usize {
        return Err(E::InvalidArgument.into());
    }
    Ok(proto)
}

/// A host object of `class` (traced or custom external): external data (or inline slots
/// copied from `data`), trace callback, finalizer.
pub(crate) fn new_host_object(
    cx: &mut Cx,
    class: ObjectClass,
    proto: Value,
    data: *mut c_void,
    inline_slot_size: usize,
    trace_callback: Option<HostCb>,
    finalize_callback: Option<HostCb>,
) -> Res<Gc<Object>> {
    let heap = cx.heap();
    let o = cx.new_object_with(class, proto)?;
    let mut external = data as usize;
    if inline_slot_size > 0 || trace_callback.is_some() {
        let h = Object::host_data_mut(o, heap)?;
        if inline_slot_size > 0 {
            let raw = raw_copy(heap, inline_slot_size, data as usize)?;
            h.inline_slots.set(raw.to_value());
            external = RawData::bytes_addr(raw);
        }
        if let Some(t) = trace_callback {
            Object::set_host_trace(h, Some(call_host_trace), t as usize);
        }
    }
    Object::set_external_data(o, external);
    if let Some(f) = finalize_callback {
        Object::set_finalizer(o, f as usize);
        heap.register_finalizer(o.addr(), crate::objects::run_host_finalizer)?;
    }
    Ok(o)
}

/// An external object whose host data is traced (and optionally stored inline).
#[no_mangle]
pub extern "C" fn JsCreateTracedExternalObject(
    data: *mut c_void,
    inline_slot_size: usize,
    trace_callback: Option<HostCb>,
    finalize_callback: Option<HostCb>,
    prototype: Ref,
    object: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, rt| {
            clear(object)?;
            let proto = host_object_proto(cx, rt, prototype, inline_slot_size)?;
            let o = new_host_object(
                cx,
                ObjectClass::External,
                proto,
                data,
                inline_slot_size,
                trace_callback,
                finalize_callback,
            )?;
            put(object, o.to_value())
        })
    })
}

// ---- wrapper tracing ----

/// The heap's marking hook while wrapper-tracing callbacks are set (`state`: the
/// `JsrtRuntime`'s address). ChakraCore's order: enter-final-pause once, then trace + mark
/// until the done callback says so. Also stops when a round marks nothing new (the next round
/// would see the same heap), so a host whose done callback never returns true cannot hang the
/// collector.
fn dom_tracing_hook(heap: &Heap, state: usize) {
    // SAFETY: the hook is installed with the address of the runtime owning this heap, which
    // outlives its heap's collections.
    let rt = unsafe { &*(state as *const JsrtRuntime) };
    let Some(d) = rt.host.dom.get() else {
        return;
    };
    let s = d.state as *mut c_void;
    if let Some(p) = d.enter_final_pause {
        // SAFETY: the host's callback with the state it registered.
        unsafe { p(s) };
    }
    loop {
        let before = heap.external_marks();
        if let Some(t) = d.trace {
            // SAFETY: as above.
            unsafe { t(s) };
        }
        heap.drain_marking();
        // SAFETY: as above.
        let done = d.done.is_none_or(|f| unsafe { f(s) });
        if done || heap.external_marks() == before {
            break;
        }
    }
}

/// Installs (or, with every callback NULL, removes) the host's wrapper-tracing callbacks, run
/// during every collection's marking.
#[no_mangle]
pub extern "C" fn JsSetRuntimeDomWrapperTracingCallbacks(
    runtime: *mut c_void,
    state: Ref,
    tracing: Option<HostCb>,
    done: Option<DoneCb>,
    enter_final_pause: Option<HostCb>,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let rt = runtime_here(runtime)?;
            if tracing.is_none() && done.is_none() && enter_final_pause.is_none() {
                rt.host.dom.set(None);
                rt.vm.set_host_marking_hook(None);
            } else {
                rt.host.dom.set(Some(DomTracing {
                    state: state as usize,
                    trace: tracing,
                    done,
                    enter_final_pause,
                }));
                let addr = rt.runtime() as *const JsrtRuntime as usize;
                rt.vm.set_host_marking_hook(Some((dom_tracing_hook, addr)));
            }
            Ok(())
        })())
    })
}

/// Marks a value the host holds, from a trace or wrapper-tracing callback; anywhere else (no
/// collection marking) it does nothing.
#[no_mangle]
pub extern "C" fn JsTraceExternalReference(runtime: *mut c_void, value: Ref) -> JsErrorCode {
    guard(|| {
        code((|| {
            let rt = runtime_here(runtime)?;
            // Like ChakraCore, anything that is not a live cell of this heap (including
            // JS_INVALID_REFERENCE and numbers) is silently not marked.
            if let Some(v) = Value::from_bits(value as u64) {
                rt.vm.heap().mark_external(v);
            }
            Ok(())
        })())
    })
}

// ---- raw data ----

/// Offset of a `RawData` cell's bytes from the cell's start.
const RAW_BYTES_OFFSET: usize = conch_gc::PAYLOAD_OFFSET + std::mem::size_of::<RawData>();

/// For `JsAddRef`/`JsRelease`: a reference that is the byte address of a `JsAllocRawData`
/// buffer of `rt` (the caller's runtime) stands for its cell. Anything else is returned
/// unchanged.
pub(crate) fn raw_data_ref(rt: &JsrtRuntime, addr: usize, v: Value) -> (usize, Value) {
    let heap = rt.vm.heap();
    if heap.is_cell(addr) {
        return (addr, v);
    }
    let Some(cell) = addr.checked_sub(RAW_BYTES_OFFSET) else {
        return (addr, v);
    };
    if heap.is_cell(cell) {
        // SAFETY: a live cell of the caller's runtime; `from_addr` checks its type.
        if let Some(raw) = unsafe { Gc::<RawData>::from_addr(cell) } {
            return (cell, raw.to_value());
        }
    }
    (addr, v)
}

/// A buffer of collector-managed memory (always zero-filled), alive while reachable from the
/// stack or pinned with `JsAddRef`. `*buffer` is the address of its first byte.
#[no_mangle]
pub extern "C" fn JsAllocRawData(
    runtime: *mut c_void,
    size: usize,
    _zeroed: bool,
    buffer: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(buffer)?;
            *slot = std::ptr::null_mut();
            let rt = runtime_here(runtime)?;
            // At least one byte: the bytes then lie strictly inside the cell, so their address
            // is never another cell's start (JsAddRef tells the two apart).
            let raw = RawData::new(rt.vm.heap(), size.max(1)).map_err(|_| E::OutOfMemory)?;
            *slot = std::ptr::with_exposed_provenance_mut(RawData::bytes_addr(raw));
            Ok(())
        })())
    })
}

// ---- idle processing ----

/// Bytes allocated since the last collection above which `JsIdle` collects at once.
const IDLE_COLLECT_BYTES: usize = 512 * 1024;
/// How long after the first `JsIdle` that sees new allocations it collects them anyway.
const IDLE_DELAY_MS: u32 = 250;

/// A `GetTickCount`-like clock: milliseconds of `CLOCK_MONOTONIC`, wrapping at 2^32.
fn tick_count() -> u32 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a pointer to a timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64)
        .wrapping_mul(1000)
        .wrapping_add(ts.tv_nsec as u64 / 1_000_000) as u32
}

/// Whether `now` is at or after `due` (wrapping comparison, as for `GetTickCount`).
fn tick_reached(now: u32, due: u32) -> bool {
    (now.wrapping_sub(due) as i32) >= 0
}

/// Idle work: collects when enough was allocated since the last collection, or when an idle
/// collection scheduled by an earlier call is due; `*next_idle_tick` is when to call again
/// (`UINT_MAX`: nothing to do until more is allocated). Needs
/// `JsRuntimeAttributeEnableIdleProcessing`.
#[no_mangle]
pub extern "C" fn JsIdle(next_idle_tick: *mut u32) -> JsErrorCode {
    guard(|| {
        if next_idle_tick.is_null() {
            return E::NullArgument;
        }
        no_script(|cx, rt| {
            let slot = out(next_idle_tick)?;
            *slot = 0;
            if !rt
                .vm
                .attributes()
                .has(RuntimeAttributes::ENABLE_IDLE_PROCESSING)
            {
                return Err(E::IdleNotEnabled.into());
            }
            let heap = cx.heap();
            let now = tick_count();
            let due = rt.host.idle_next.get();
            let allocated = heap.allocated_since_collection();
            let next = if allocated >= IDLE_COLLECT_BYTES
                || (due != u32::MAX && tick_reached(now, due) && allocated > 0)
            {
                heap.collect();
                u32::MAX
            } else if allocated > 0 {
                if due != u32::MAX {
                    due
                } else {
                    match now.wrapping_add(IDLE_DELAY_MS) {
                        u32::MAX => 0,
                        t => t,
                    }
                }
            } else {
                u32::MAX
            };
            rt.host.idle_next.set(next);
            *slot = next;
            Ok(())
        })
    })
}

// ---- embedder data ----

/// The value stored with `JsSetEmbedderData` (`JS_INVALID_REFERENCE` if none).
#[no_mangle]
pub extern "C" fn JsGetEmbedderData(instance: Ref, embedder_data: *mut Ref) -> JsErrorCode {
    guard(|| {
        if instance.is_null() {
            return E::InvalidArgument;
        }
        if embedder_data.is_null() {
            return E::NullArgument;
        }
        no_script(|_, rt| {
            clear(embedder_data)?;
            let o = Object::from_value(val(rt, instance)?).ok_or(E::InvalidArgument)?;
            let v = o
                .host_data()
                .map_or(Value::UNDEFINED, |h| h.embedder_data.get());
            if !v.is_undefined() {
                put(embedder_data, v)?;
            }
            Ok(())
        })
    })
}

/// Stores a value with an object, kept alive by it and invisible to script
/// (`JS_INVALID_REFERENCE` clears it).
#[no_mangle]
pub extern "C" fn JsSetEmbedderData(instance: Ref, embedder_data: Ref) -> JsErrorCode {
    guard(|| {
        if instance.is_null() {
            return E::InvalidArgument;
        }
        no_script(|cx, rt| {
            let o = Object::from_value(val(rt, instance)?).ok_or(E::InvalidArgument)?;
            let v = if embedder_data.is_null() {
                Value::UNDEFINED
            } else {
                val(rt, embedder_data)?
            };
            let h = Object::host_data_mut(o, cx.heap())?;
            h.embedder_data.set(v);
            Ok(())
        })
    })
}

// ---- cloning ----

/// A shallow copy of an ordinary or (custom) external object.
#[no_mangle]
pub extern "C" fn JsCloneObject(source: Ref, cloned_object: *mut Ref) -> JsErrorCode {
    guard(|| {
        if source.is_null() {
            return E::InvalidArgument;
        }
        no_script(|cx, rt| {
            clear(cloned_object)?;
            let src = Object::from_value(val(rt, source)?).ok_or(E::InvalidArgument)?;
            match src.class() {
                ObjectClass::Ordinary | ObjectClass::External | ObjectClass::CustomExternal => {}
                _ => return Err(E::InvalidArgument.into()),
            }
            // A builtin prototype whose properties are not created yet gets them first.
            conch_vm::ops::materialize(cx, src)?;
            let c = clone_object(cx.heap(), src)?;
            put(cloned_object, c.to_value())
        })
    })
}

/// The copy: storage (`Object::clone_storage`), then the host extras: inline slots in use are
/// copied (the clone's external data then points into its own copy), the interceptor, its initialized state, embedder data and external elements are
/// shared, the private store is copied, the trace callback and finalizer carry over.
fn clone_object(heap: &Heap, src: Gc<Object>) -> Res<Gc<Object>> {
    let c = Object::clone_storage(heap, src)?;
    if let Some(h) = src.host_data() {
        let nh = Object::host_data_mut(c, heap)?;
        // Inline slots count only while the external data points into them (JsSetExternalData
        // switches an object to an external pointer, which the clone then shares).
        if let Some(raw) = RawData::from_value(h.inline_slots.get()) {
            if src.external_data() == RawData::bytes_addr(raw) {
                let copy = raw_copy(heap, raw.len(), RawData::bytes_addr(raw))?;
                nh.inline_slots.set(copy.to_value());
                Object::set_external_data(c, RawData::bytes_addr(copy));
            }
        }
        if let Some(store) = Object::from_value(h.private_store.get()) {
            let s = Object::clone_storage(heap, store)?;
            nh.private_store.set(s.to_value());
        }
        nh.interceptor.set(h.interceptor.get());
        nh.initialized.set(h.initialized.get());
        nh.embedder_data.set(h.embedder_data.get());
        nh.external_elements.set(h.external_elements.get());
        Object::set_host_trace(nh, h.trace_fn.get(), h.trace_cb.get());
    }
    if c.finalizer() != 0 {
        heap.register_finalizer(c.addr(), crate::objects::run_host_finalizer)?;
    }
    Ok(c)
}

// ---- private properties ----

fn private_store(o: Gc<Object>) -> Option<Gc<Object>> {
    o.host_data()
        .and_then(|h| Object::from_value(h.private_store.get()))
}

/// Whether the object's private store has `key` (converted with `ToPropertyKey`).
#[no_mangle]
pub extern "C" fn JsPrivateHasProperty(
    object: Ref,
    key: Ref,
    has_property: *mut bool,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let k = val(rt, key)?;
            let slot = out(has_property)?;
            *slot = false;
            if let Some(store) = private_store(o) {
                let k = to_property_key(cx, k)?;
                *slot = ops::own_prop(cx, store, k)?.is_some();
            }
            Ok(())
        })
    })
}

/// The private property `key` of the object (`undefined` if absent).
#[no_mangle]
pub extern "C" fn JsPrivateGetProperty(object: Ref, key: Ref, value: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let k = val(rt, key)?;
            clear(value)?;
            let v = match private_store(o) {
                Some(store) => {
                    let k = to_property_key(cx, k)?;
                    ops::get_v(cx, store, k)?
                }
                None => Value::UNDEFINED,
            };
            put(value, v)
        })
    })
}

/// Sets the private property `key` of the object (creating its private store).
#[no_mangle]
pub extern "C" fn JsPrivateSetProperty(object: Ref, key: Ref, value: Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let k = val(rt, key)?;
            let v = val(rt, value)?;
            let k = to_property_key(cx, k)?;
            let store = match private_store(o) {
                Some(s) => s,
                None => {
                    let s = cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?;
                    Object::host_data_mut(o, cx.heap())?
                        .private_store
                        .set(s.to_value());
                    s
                }
            };
            if !ops::create_data_property(cx, store, k, v)? {
                return Err(Fail::Code(E::InvalidArgument));
            }
            Ok(())
        })
    })
}

/// Deletes the private property `key`; `*result` is a boolean value (`false` without a store).
#[no_mangle]
pub extern "C" fn JsPrivateDeleteProperty(object: Ref, key: Ref, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            let o = obj(rt, object)?;
            let k = val(rt, key)?;
            clear(result)?;
            let ok = match private_store(o) {
                Some(store) => {
                    let k = to_property_key(cx, k)?;
                    ops::delete(cx, store, k)?
                }
                None => false,
            };
            put(result, Value::bool(ok))
        })
    })
}

// ---- proxies ----

/// Whether a value is a Proxy, and its target and handler (`JS_INVALID_REFERENCE` for a
/// value that is no proxy, and for a revoked proxy's).
#[no_mangle]
pub extern "C" fn JsGetProxyProperties(
    object: Ref,
    is_proxy: *mut bool,
    target: *mut Ref,
    handler: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let v = val(rt, object)?;
            let slot = out(is_proxy)?;
            if !target.is_null() {
                clear(target)?;
            }
            if !handler.is_null() {
                clear(handler)?;
            }
            *slot = false;
            let Some(p) = Object::from_value(v).filter(|o| ops::is_proxy(o)) else {
                return Ok(());
            };
            *slot = true;
            if let (false, Some(t)) = (target.is_null(), ops::proxy::proxy_target(&p)) {
                put(target, t.to_value())?;
            }
            if let (false, Some(h)) = (handler.is_null(), ops::proxy::proxy_handler(&p)) {
                put(handler, h.to_value())?;
            }
            Ok(())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::tests::Env;
    use std::ptr::null_mut;

    #[test]
    fn ticks_compare_across_the_wrap() {
        assert!(tick_reached(10, 10));
        assert!(tick_reached(11, 10));
        assert!(!tick_reached(9, 10));
        assert!(tick_reached(5, u32::MAX - 5), "after the wrap");
        assert!(!tick_reached(u32::MAX - 5, 5));
    }

    /// The runtime-handle functions refuse a runtime that is current on another thread.
    #[test]
    fn runtime_functions_check_the_thread() {
        let e = Env::new();
        let rt = e.rt as usize;
        std::thread::spawn(move || {
            let rt = rt as *mut c_void;
            let mut buf = null_mut();
            assert_eq!(JsAllocRawData(rt, 8, true, &mut buf), E::WrongThread);
            assert_eq!(JsTraceExternalReference(rt, null_mut()), E::WrongThread);
            assert_eq!(
                JsSetRuntimeDomWrapperTracingCallbacks(rt, null_mut(), None, None, None),
                E::WrongThread
            );
        })
        .join()
        .unwrap();
        let mut buf = null_mut();
        assert_eq!(JsAllocRawData(e.rt, 8, true, &mut buf), E::NoError);
        assert!(!buf.is_null());
        // Its byte address stands for its cell.
        let v = Value::from_bits(buf as u64).unwrap();
        let rt = crate::current_rt().unwrap();
        let (cell, _) = raw_data_ref(rt, buf as usize, v);
        assert_eq!(cell + RAW_BYTES_OFFSET, buf as usize);
        std::hint::black_box(buf);
    }
}
