//! Runtime lifecycle, memory, GC, roots and execution control.

use crate::registry::{self, Ranges, TrackingOs};
use crate::{
    claim_handle, code, current_rt, guard, out, runtime_from_handle, Claim, JsErrorCode,
    JsErrorCode as E, JsrtRuntime,
};
use conch_gc::Value;
use conch_mm::MemoryEvent;
use conch_vm::{Runtime, RuntimeAttributes};
use std::ffi::c_void;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

type RuntimeHandle = *mut c_void;
type AllocCallback = Option<unsafe extern "C" fn(*mut c_void, u32, usize) -> bool>;
type HostCallback = Option<unsafe extern "C" fn(*mut c_void)>;
type ObjectCallback = Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>;

/// Creates a runtime (not bound to any thread).
#[no_mangle]
pub extern "C" fn JsCreateRuntime(
    attributes: u32,
    _thread_service: *mut c_void,
    runtime: *mut RuntimeHandle,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(runtime)?;
            *slot = std::ptr::null_mut();
            if attributes & !RuntimeAttributes::ALL != 0 {
                return Err(E::InvalidArgument);
            }
            let ranges = Arc::new(Ranges::default());
            let mm = conch_mm::MemoryManager::with_os(tracking_os(ranges.clone()));
            let vm = Runtime::with_memory_manager(mm, RuntimeAttributes(attributes))
                .map_err(|_| E::OutOfMemory)?;
            let p = into_handle(JsrtRuntime {
                vm,
                thread: AtomicU64::new(0),
                host: Default::default(),
                ranges,
                promises: Default::default(),
                modules: Default::default(),
            });
            // SAFETY: just made by `into_handle`; the address is final.
            crate::promises::install(unsafe { &*p });
            if !registry::register(p as usize) {
                // SAFETY: just made by `into_handle` and never published.
                unsafe { free_handle(p) };
                return Err(E::OutOfMemory);
            }
            *slot = p.cast();
            Ok(())
        })())
    })
}

/// The OS object of a runtime's memory manager (one per runtime, boxed once: not
/// script-controlled).
#[allow(clippy::disallowed_types)]
fn tracking_os(ranges: Arc<Ranges>) -> Box<dyn conch_mm::Os> {
    Box::new(TrackingOs { ranges })
}

/// The heap allocation a `JsRuntimeHandle` points to (one per runtime, made and freed by the
/// host's JsCreateRuntime/JsDisposeRuntime calls: not script-controlled).
#[allow(clippy::disallowed_types)]
fn into_handle(rt: JsrtRuntime) -> *mut JsrtRuntime {
    Box::into_raw(Box::new(rt))
}

/// Frees what [`into_handle`] made.
///
/// # Safety
/// `p` came from `into_handle` and nothing uses it any more.
#[allow(clippy::disallowed_types)]
unsafe fn free_handle(p: *mut JsrtRuntime) {
    // SAFETY: caller contract.
    drop(unsafe { Box::from_raw(p) });
}

/// Disposes a runtime: runs pending object-before-collect callbacks and finalizers, then
/// returns every byte (Free events) before returning.
#[no_mangle]
pub extern "C" fn JsDisposeRuntime(runtime: RuntimeHandle) -> JsErrorCode {
    guard(|| {
        let Some(rt) = runtime_from_handle(runtime) else {
            return E::InvalidArgument;
        };
        // Claimed by this thread for good: nobody can bind or claim it any more.
        if let Err(e) = registry::claim_for_disposal(rt) {
            return e;
        }
        rt.vm.heap().run_all_callbacks_for_teardown();
        registry::unregister(runtime as usize);
        // SAFETY: the handle came from `into_handle` in JsCreateRuntime and is now unregistered
        // (and claimed by this call), so no other call can reach it.
        unsafe { free_handle(runtime as *mut JsrtRuntime) };
        E::NoError
    })
}

/// Runs a full collection (scanning the calling thread's stack).
#[no_mangle]
pub extern "C" fn JsCollectGarbage(runtime: RuntimeHandle) -> JsErrorCode {
    guard(|| {
        let rt = match claim_handle(runtime) {
            Ok(rt) => rt,
            Err(e) => return e,
        };
        rt.vm.collect_garbage();
        E::NoError
    })
}

/// Bytes the runtime's memory manager holds (any thread).
#[no_mangle]
pub extern "C" fn JsGetRuntimeMemoryUsage(
    runtime: RuntimeHandle,
    usage: *mut usize,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let rt = runtime_from_handle(runtime).ok_or(E::InvalidArgument)?;
            *out(usage)? = rt.vm.memory_manager().usage();
            Ok(())
        })())
    })
}

/// The memory limit (`(size_t)-1` = none; any thread).
#[no_mangle]
pub extern "C" fn JsGetRuntimeMemoryLimit(
    runtime: RuntimeHandle,
    limit: *mut usize,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let rt = runtime_from_handle(runtime).ok_or(E::InvalidArgument)?;
            *out(limit)? = rt.vm.memory_manager().limit();
            Ok(())
        })())
    })
}

/// Sets the memory limit; may be below current usage (any thread).
#[no_mangle]
pub extern "C" fn JsSetRuntimeMemoryLimit(runtime: RuntimeHandle, limit: usize) -> JsErrorCode {
    guard(|| {
        let Some(rt) = runtime_from_handle(runtime) else {
            return E::InvalidArgument;
        };
        rt.vm.memory_manager().set_limit(limit);
        E::NoError
    })
}

/// Installs (or with NULL removes) the allocation callback (any thread).
#[no_mangle]
pub extern "C" fn JsSetRuntimeMemoryAllocationCallback(
    runtime: RuntimeHandle,
    state: *mut c_void,
    callback: AllocCallback,
) -> JsErrorCode {
    guard(|| {
        let Some(rt) = runtime_from_handle(runtime) else {
            return E::InvalidArgument;
        };
        let state = state as usize;
        let cb = callback.map(|f| {
            Arc::new(move |ev: MemoryEvent, n: usize| {
                // SAFETY: the host's callback with the state it registered.
                unsafe { f(state as *mut c_void, ev as u32, n) }
            }) as conch_mm::AllocationCallback
        });
        rt.vm.memory_manager().set_callback(cb);
        E::NoError
    })
}

/// Stores a host GC callback on the runtime through `set` (shared by the two setters below).
fn set_gc_callback(
    runtime: RuntimeHandle,
    state: *mut c_void,
    callback: HostCallback,
    set: fn(&conch_gc::Heap, Option<(conch_gc::HostCallback, usize)>),
) -> JsErrorCode {
    guard(|| {
        let Some(rt) = runtime_from_handle(runtime) else {
            return E::InvalidArgument;
        };
        set(rt.vm.heap(), callback.map(|f| (f, state as usize)));
        E::NoError
    })
}

/// Sets the callback run at the start of every collection.
#[no_mangle]
pub extern "C" fn JsSetRuntimeBeforeCollectCallback(
    runtime: RuntimeHandle,
    state: *mut c_void,
    callback: HostCallback,
) -> JsErrorCode {
    set_gc_callback(runtime, state, callback, conch_gc::Heap::set_before_collect)
}

/// Sets the callback run before the sweep of every collection.
#[no_mangle]
pub extern "C" fn JsSetRuntimeBeforeSweepCallback(
    runtime: RuntimeHandle,
    state: *mut c_void,
    callback: HostCallback,
) -> JsErrorCode {
    set_gc_callback(runtime, state, callback, conch_gc::Heap::set_before_sweep)
}

/// The runtime a reference belongs to: contexts work without a current context (and from
/// another runtime); other cells need one (ChakraCore's rule), and must belong to it: anything
/// else is silently nothing (`None`), as in ChakraCore.
fn runtime_for_ref(r: u64) -> Result<(Option<Claim>, Value), JsErrorCode> {
    let v = Value::from_bits(r).ok_or(E::InvalidArgument)?;
    let Some(addr) = v.cell_addr() else {
        return Ok((None, v));
    };
    let cur = current_rt();
    if let Some(rt) = cur {
        // A `JsAllocRawData` buffer is handed out as the address of its bytes: pin its cell.
        let (addr, v) = crate::host_objects::raw_data_ref(rt, addr, v);
        if rt.vm.heap().is_cell(addr) {
            return Ok((Some(registry::claim(rt)?), v));
        }
    }
    // A runtime in use on another thread cannot be examined: `JsErrorWrongThread`.
    if let Some(c) = registry::claim_foreign_owner(addr)? {
        if c.vm.heap().is_cell(addr) {
            // SAFETY: checked just above to be a live cell of `c`, which this thread holds.
            let vt = unsafe { conch_gc::vtable_of(addr) };
            if vt.kind == conch_vm::kinds::CONTEXT {
                return Ok((Some(c), v));
            }
        }
    }
    if cur.is_none() {
        return Err(E::NoCurrentContext);
    }
    Ok((None, v))
}

/// Pins a value (refcounted) so it survives outside the stack.
#[no_mangle]
pub extern "C" fn JsAddRef(r: *mut c_void, count: *mut u32) -> JsErrorCode {
    guard(|| {
        code((|| {
            if !count.is_null() {
                *out(count)? = 0;
            }
            let (rt, v) = runtime_for_ref(r as u64)?;
            let n = match (rt, v.cell_addr()) {
                (Some(rt), Some(addr)) => {
                    rt.vm.heap().add_root(addr).map_err(|_| E::OutOfMemory)?
                }
                _ => 1,
            };
            if !count.is_null() {
                *out(count)? = n;
            }
            Ok(())
        })())
    })
}

/// Releases a pin taken with `JsAddRef`.
#[no_mangle]
pub extern "C" fn JsRelease(r: *mut c_void, count: *mut u32) -> JsErrorCode {
    guard(|| {
        code((|| {
            if !count.is_null() {
                *out(count)? = 0;
            }
            let (rt, v) = runtime_for_ref(r as u64)?;
            let n = match (rt, v.cell_addr()) {
                (Some(rt), Some(addr)) => rt.vm.heap().release_root(addr).unwrap_or(u32::MAX),
                _ => 1,
            };
            if !count.is_null() {
                *out(count)? = n;
            }
            Ok(())
        })())
    })
}

/// Registers a one-shot callback for when the object is found unreachable (NULL removes all
/// registrations for it).
#[no_mangle]
pub extern "C" fn JsSetObjectBeforeCollectCallback(
    r: *mut c_void,
    state: *mut c_void,
    callback: ObjectCallback,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let (rt, v) = runtime_for_ref(r as u64)?;
            let (Some(rt), Some(addr)) = (rt, v.cell_addr()) else {
                return Err(E::InvalidArgument);
            };
            rt.vm
                .heap()
                .set_object_callback(addr, callback, state as usize)
                .map_err(|_| E::OutOfMemory)
        })())
    })
}

/// Asks running script to stop (any thread). Needs `JsRuntimeAttributeAllowScriptInterrupt`.
#[no_mangle]
pub extern "C" fn JsDisableRuntimeExecution(runtime: RuntimeHandle) -> JsErrorCode {
    guard(|| {
        let Some(rt) = runtime_from_handle(runtime) else {
            return E::InvalidArgument;
        };
        if !rt
            .vm
            .attributes()
            .has(RuntimeAttributes::ALLOW_SCRIPT_INTERRUPT)
        {
            return E::CannotDisableExecution;
        }
        rt.vm.disabled_flag().store(true, Ordering::Release);
        E::NoError
    })
}

/// Lets script run again after `JsDisableRuntimeExecution`.
#[no_mangle]
pub extern "C" fn JsEnableRuntimeExecution(runtime: RuntimeHandle) -> JsErrorCode {
    guard(|| {
        let Some(rt) = runtime_from_handle(runtime) else {
            return E::InvalidArgument;
        };
        if !rt
            .vm
            .attributes()
            .has(RuntimeAttributes::ALLOW_SCRIPT_INTERRUPT)
        {
            return E::NoError;
        }
        if let Err(e) = crate::registry::claim(rt) {
            return e;
        }
        rt.vm.disabled_flag().store(false, Ordering::Release);
        E::NoError
    })
}

/// Whether execution is disabled (any thread).
#[no_mangle]
pub extern "C" fn JsIsRuntimeExecutionDisabled(
    runtime: RuntimeHandle,
    is_disabled: *mut bool,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let rt = runtime_from_handle(runtime).ok_or(E::InvalidArgument)?;
            *out(is_disabled)? = rt.vm.is_disabled();
            Ok(())
        })())
    })
}

/// Creates a weak reference to a GC value (`JsNoWeakRefRequired` for numbers and other
/// immediates).
#[no_mangle]
pub extern "C" fn JsCreateWeakReference(value: *mut c_void, weak: *mut *mut c_void) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(weak)?;
            *slot = std::ptr::null_mut();
            let rt = crate::current_runtime()?;
            let v = crate::value_in(rt, value as u64)?;
            if !v.is_cell() {
                return Err(E::NoWeakRefRequired);
            }
            let w = rt.vm.heap().create_weak(v).map_err(|_| E::OutOfMemory)?;
            *slot = w.addr() as *mut c_void;
            Ok(())
        })())
    })
}

/// The target of a weak reference, or `JS_INVALID_REFERENCE` once collected.
#[no_mangle]
pub extern "C" fn JsGetWeakReferenceValue(
    weak: *mut c_void,
    value: *mut *mut c_void,
) -> JsErrorCode {
    guard(|| {
        code((|| {
            let slot = out(value)?;
            *slot = std::ptr::null_mut();
            let rt = crate::current_runtime()?;
            let addr = weak as usize;
            if !rt.vm.heap().is_cell(addr) {
                return Err(E::InvalidArgument);
            }
            // SAFETY: a live cell of this runtime; from_addr checks its type.
            let w = unsafe { conch_gc::Gc::<conch_gc::WeakRef>::from_addr(addr) }
                .ok_or(E::InvalidArgument)?;
            *slot = w.get().map_or(0, |v| v.to_bits()) as *mut c_void;
            Ok(())
        })())
    })
}
