//! The structured-clone value serializer (`JsVarSerializer*`, `JsVarDeserializer*`; ChakraCore's
//! lib/Jsrt/Core/JsrtCore.cpp over lib/SCACore). The stream format and what can be cloned are
//! `conch_vm::builtins::structured_clone::wire`; this module holds the handles and the host's
//! callbacks.
//!
//! - **Output memory** is the host's: every growth goes through its `ReallocateBufferMemory`
//!   (asked for `max(needed, 2 × capacity) + 100` bytes, as ChakraCore does); a null return (or
//!   a size below the one asked) is `JsErrorOutOfMemory` (ChakraCore ends the process).
//!   `JsVarSerializerReleaseData` hands the buffer over and the serializer starts a new one on
//!   its next write; with nothing written it is `JsErrorInvalidArgument`, as ChakraCore.
//! - **Errors.** All calls need a current context (as ChakraCore's no-script wrapper). A value
//!   that cannot be cloned (function, symbol, proxy, promise, weak collection, detached buffer, a
//!   host object the host refuses, …) throws a `DataCloneError` (an `Error` named so, V8's
//!   messages): the call returns `JsErrorScriptException` with it recorded. Getters run while
//!   writing; what they throw is recorded the same way. Damaged input throws a `DataCloneError`
//!   "Unable to deserialize cloned data.". (ChakraCore means to throw in these cases but its
//!   JsRT host context swallows the error; Conch reports it.)
//! - **Host objects** (external objects) are written as id 100 followed by whatever the host's
//!   `WriteHostObject(state, object)` writes with `JsVarSerializerWriteRawBytes`; returning
//!   false (or setting an exception) fails the write. The reader calls `ReadHostObject(state)`,
//!   which reads its bytes with `JsVarDeserializerReadBytes`/`ReadRawBytes` and returns the
//!   object.
//! - **Transfer.** `SetTransferableVars` takes ArrayBuffers (anything else:
//!   `JsTransferableNotSupported`; detached: `JsTransferableAlreadyDetached`; a second
//!   non-empty list: `JsSerializerNotSupported`). They are written as their index; the
//!   deserializer's list supplies the receiving side's buffers in the same order (the host moves
//!   or copies the contents). `JsVarSerializerDetachArrayBuffer` detaches the listed buffers
//!   (ChakraCore's is a no-op). The lists are pinned while the handle lives.
//! - **SharedArrayBuffers** are written as an id. The serializer keeps a reference to their
//!   memory under that id (process-wide) until it is freed. The reader first asks the host's
//!   `GetSharedArrayBufferFromId(state, id)`; if that returns no SharedArrayBuffer, the id is
//!   resolved to the same memory while the serializer that wrote it lives (in any runtime of
//!   the process), and is a `DataCloneError` after.
//! - **Handles** are checked against a list of live ones (a stale or foreign handle is
//!   `JsErrorInvalidArgument`); freeing one while its own callback runs is refused the same way.
//!   The deserializer reads the host's `data` in place: it must stay valid until it is freed.

use crate::api::{no_script, put, Fail, Ref, Res};
use crate::{guard, out, value_in, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use allocator_api2::alloc::Global;
use allocator_api2::boxed::Box as TryBox;
use allocator_api2::vec::Vec as TryVec;
use conch_gc::Value;
use conch_vm::array_buffer::{self as ab, SharedBlock};
use conch_vm::builtins::structured_clone::read::{self, WireSource};
use conch_vm::builtins::structured_clone::wire::{self, WireSink};
use conch_vm::{Cx, JsResult, Object, ObjectClass, Throw};
use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::sync::Mutex;

type Realloc = unsafe extern "C" fn(*mut c_void, *mut u8, usize, *mut usize) -> *mut u8;
type WriteHost = unsafe extern "C" fn(*mut c_void, *mut c_void) -> bool;
type ReadHost = unsafe extern "C" fn(*mut c_void) -> Ref;
type SharedFromId = unsafe extern "C" fn(*mut c_void, u32) -> Ref;

/// Live handles: (address, is a serializer). Host memory, one entry per live handle.
#[allow(clippy::disallowed_methods)] // empty: allocates nothing
static HANDLES: Mutex<TryVec<(usize, bool)>> = Mutex::new(TryVec::new());

/// SharedArrayBuffer memory written by live serializers: (id, `SharedBlock::into_raw`).
#[allow(clippy::disallowed_methods)] // empty: allocates nothing
static SHARED: Mutex<(u32, TryVec<(u32, usize)>)> = Mutex::new((0, TryVec::new()));

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The values of a transfer list, pinned in their runtime while listed.
struct Pinned {
    values: TryVec<Value>,
    runtime: usize,
}

impl Pinned {
    fn new() -> Pinned {
        Pinned {
            values: TryVec::new_in(Global),
            runtime: 0,
        }
    }

    /// Validates and pins a host list (`ChakraCore`'s `ValidateTransferableVars`).
    fn set(&mut self, rt: &JsrtRuntime, vars: *const Ref, n: usize) -> Res<()> {
        if n == 0 {
            return Ok(());
        }
        if !self.values.is_empty() {
            return Err(E::SerializerNotSupported.into());
        }
        if vars.is_null() {
            return Err(E::NullArgument.into());
        }
        // SAFETY: the host passes `n` readable JsValueRefs at `vars`.
        let list = unsafe { std::slice::from_raw_parts(vars, n) };
        for &r in list {
            let v = value_in(rt, r as u64)?;
            let d = Object::from_value(v)
                .and_then(ab::data_of)
                .filter(|d| !d.is_shared())
                .ok_or(E::TransferableNotSupported)?;
            if d.is_detached() {
                return Err(E::TransferableAlreadyDetached.into());
            }
        }
        self.values
            .try_reserve(n)
            .map_err(|_| Fail::Code(E::OutOfMemory))?;
        let heap = rt.vm.heap();
        // Set first, so that a failure part way unpins what was pinned.
        self.runtime = rt as *const JsrtRuntime as usize;
        for &r in list {
            let v = Value::from_bits(r as u64).ok_or(E::InvalidArgument)?;
            let addr = v.cell_addr().ok_or(E::InvalidArgument)?;
            if heap.add_root(addr).is_err() {
                self.release(rt);
                return Err(E::OutOfMemory.into());
            }
            self.values.push(v);
        }
        Ok(())
    }

    /// Unpins (only in the runtime they belong to, which is then current).
    fn release(&mut self, rt: &JsrtRuntime) {
        if self.runtime == rt as *const JsrtRuntime as usize {
            for v in self.values.iter() {
                if let Some(a) = v.cell_addr() {
                    rt.vm.heap().release_root(a);
                }
            }
        }
        self.values.clear();
        self.runtime = 0;
    }
}

struct Serializer {
    realloc: Realloc,
    write_host: WriteHost,
    state: *mut c_void,
    buf: Cell<*mut u8>,
    cap: Cell<usize>,
    len: Cell<usize>,
    transfer: RefCell<Pinned>,
    /// Ids of the shared memory this serializer registered in [`SHARED`].
    shared: RefCell<TryVec<u32>>,
    /// Calls of this handle in progress (it is not freed under them).
    busy: Cell<u32>,
}

struct Deserializer {
    data: *const u8,
    size: usize,
    pos: Cell<usize>,
    read_host: ReadHost,
    shared_from_id: SharedFromId,
    state: *mut c_void,
    transfer: RefCell<Pinned>,
    busy: Cell<u32>,
}

fn register<T>(x: T, serializer: bool) -> Res<*mut T> {
    let mut list = lock(&HANDLES);
    list.try_reserve(1)
        .map_err(|_| Fail::Code(E::OutOfMemory))?;
    let b = TryBox::try_new_in(x, Global).map_err(|_| Fail::Code(E::OutOfMemory))?;
    let p = TryBox::into_raw(b);
    list.push((p as usize, serializer));
    Ok(p)
}

/// The live handle `h` of the given kind.
fn handle<'a, T>(h: *mut c_void, serializer: bool) -> Res<&'a T> {
    if h.is_null() {
        return Err(E::NullArgument.into());
    }
    if !lock(&HANDLES).contains(&(h as usize, serializer)) {
        return Err(E::InvalidArgument.into());
    }
    // SAFETY: a live handle made by `register` for a `T` of this kind (checked above); it is
    // freed only by the matching Free, never while a call on it is in progress.
    Ok(unsafe { &*(h as *const T) })
}

/// Takes `h` out of the live list and returns its box.
fn unregister<T>(h: *mut c_void, serializer: bool) -> TryBox<T, Global> {
    lock(&HANDLES).retain(|&e| e != (h as usize, serializer));
    // SAFETY: `h` came from `register` for a `T` (the caller checked it was live); it is no
    // longer listed, so nothing else reaches it.
    unsafe { TryBox::from_raw_in(h as *mut T, Global) }
}

/// Runs `f` on the handle with its busy count raised.
fn with_busy<T>(busy: &Cell<u32>, f: impl FnOnce() -> T) -> T {
    busy.set(busy.get() + 1);
    let r = f();
    busy.set(busy.get() - 1);
    r
}

impl Serializer {
    fn append(&self, bytes: &[u8]) -> Result<(), Throw> {
        let (len, cap) = (self.len.get(), self.cap.get());
        let need = len.checked_add(bytes.len()).ok_or(Throw::OutOfMemory)?;
        if need > cap || self.buf.get().is_null() {
            let want = need
                .max(cap.saturating_mul(2))
                .checked_add(100)
                .ok_or(Throw::OutOfMemory)?;
            let mut got = 0usize;
            // SAFETY: the host's callback with its state, its own buffer (or null) and a
            // writable out-parameter.
            let p = unsafe { (self.realloc)(self.state, self.buf.get(), want, &mut got) };
            if p.is_null() || got < need {
                return Err(Throw::OutOfMemory);
            }
            self.buf.set(p);
            self.cap.set(got);
        }
        if !bytes.is_empty() {
            // SAFETY: the buffer holds `cap >= len + bytes.len()` bytes (checked above); the
            // source is engine or host memory other than this buffer.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.buf.get().add(len), bytes.len())
            };
        }
        self.len.set(need);
        Ok(())
    }
}

impl WireSink for Serializer {
    fn write(&self, _: &mut Cx, bytes: &[u8]) -> JsResult<()> {
        self.append(bytes)
    }

    fn position(&self) -> usize {
        self.len.get()
    }

    fn host_object(&self, cx: &mut Cx, o: conch_gc::Gc<Object>) -> JsResult<bool> {
        let pending = cx.rt.has_exception();
        // SAFETY: the host's callback with its state and the object as a JsValueRef.
        let ok = unsafe { (self.write_host)(self.state, o.to_value().to_bits() as *mut c_void) };
        if !pending {
            if let Some(e) = cx.rt.take_exception() {
                return Err(Throw::Value(e));
            }
        }
        Ok(ok)
    }

    fn shared_buffer(&self, _: &mut Cx, block: SharedBlock) -> JsResult<u32> {
        let mut g = lock(&SHARED);
        g.1.try_reserve(1).map_err(|_| Throw::OutOfMemory)?;
        let mut own = self.shared.borrow_mut();
        own.try_reserve(1).map_err(|_| Throw::OutOfMemory)?;
        g.0 = g.0.wrapping_add(1);
        let id = g.0;
        g.1.push((id, block.into_raw() as usize));
        own.push(id);
        Ok(id)
    }
}

impl WireSource for Deserializer {
    fn take(&self, n: usize) -> Option<&[u8]> {
        let at = self.pos.get();
        let end = at.checked_add(n).filter(|&e| e <= self.size)?;
        self.pos.set(end);
        if n == 0 {
            return Some(&[]);
        }
        // SAFETY: `at..end` lies within the host's `size` bytes at `data` (JsRT contract: valid
        // until the deserializer is freed).
        Some(unsafe { std::slice::from_raw_parts(self.data.add(at), n) })
    }

    fn position(&self) -> usize {
        self.pos.get()
    }

    fn host_object(&self, cx: &mut Cx) -> JsResult<Value> {
        let pending = cx.rt.has_exception();
        // SAFETY: the host's callback with its state.
        let r = unsafe { (self.read_host)(self.state) };
        self.host_value(cx, r, false, pending)
    }

    fn shared_buffer(&self, cx: &mut Cx, id: u32) -> JsResult<Value> {
        let pending = cx.rt.has_exception();
        // SAFETY: the host's callback with its state.
        let r = unsafe { (self.shared_from_id)(self.state, id) };
        if !r.is_null() || (!pending && cx.rt.has_exception()) {
            return self.host_value(cx, r, true, pending);
        }
        let block = {
            let g = lock(&SHARED);
            let raw = g.1.iter().find(|e| e.0 == id).map_or(0, |e| e.1);
            // SAFETY: a live reference registered by a live serializer, taken back only when
            // that serializer is freed, under this lock (held while the clone is made).
            unsafe { SharedBlock::clone_raw(raw as *const c_void) }
        };
        let Some(block) = block else {
            return Err(bad_data(cx));
        };
        Ok(ab::create_shared(cx, block)?.to_value())
    }
}

impl Deserializer {
    /// A value the host returned: it must be a value of this runtime (a SharedArrayBuffer if
    /// `shared`); an exception the host set (none was `pending` before its callback) is thrown.
    fn host_value(&self, cx: &mut Cx, r: Ref, shared: bool, pending: bool) -> JsResult<Value> {
        if !pending {
            if let Some(e) = cx.rt.take_exception() {
                return Err(Throw::Value(e));
            }
        }
        let v = Value::from_bits(r as u64)
            .filter(|v| v.cell_addr().is_none_or(|a| cx.heap().is_cell(a)))
            .filter(|&v| !r.is_null() && (!shared || is_shared_buffer(v)));
        v.ok_or_else(|| bad_data(cx))
    }
}

fn is_shared_buffer(v: Value) -> bool {
    Object::from_value(v)
        .filter(|o| o.class() == ObjectClass::ArrayBuffer)
        .and_then(ab::data_of)
        .is_some_and(|d| d.is_shared())
}

/// The thrown error for data the deserializer cannot use.
fn bad_data(cx: &mut Cx) -> Throw {
    read::damaged(cx)
}

// ---- serializer exports ----

/// Creates a serializer; see the module docs.
#[no_mangle]
pub extern "C" fn JsVarSerializer(
    reallocate_buffer_memory: Option<Realloc>,
    write_host_object: Option<WriteHost>,
    callback_state: *mut c_void,
    serializer_handle: *mut *mut c_void,
) -> JsErrorCode {
    guard(|| {
        let (Some(realloc), Some(write_host)) = (reallocate_buffer_memory, write_host_object)
        else {
            return E::NullArgument;
        };
        if serializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, _| {
            let s = Serializer {
                realloc,
                write_host,
                state: callback_state,
                buf: Cell::new(std::ptr::null_mut()),
                cap: Cell::new(0),
                len: Cell::new(0),
                transfer: RefCell::new(Pinned::new()),
                shared: RefCell::new(TryVec::new_in(Global)),
                busy: Cell::new(0),
            };
            *out(serializer_handle)? = register(s, true)?.cast();
            Ok(())
        })
    })
}

/// Appends `length` bytes from `source` (typically from a `WriteHostObject` callback).
#[no_mangle]
pub extern "C" fn JsVarSerializerWriteRawBytes(
    serializer_handle: *mut c_void,
    source: *const c_void,
    length: usize,
) -> JsErrorCode {
    guard(|| {
        if serializer_handle.is_null() || source.is_null() {
            return E::NullArgument;
        }
        no_script(|_, _| {
            let s: &Serializer = handle(serializer_handle, true)?;
            // SAFETY: the host passes `length` readable bytes at `source`.
            let bytes = unsafe { std::slice::from_raw_parts(source.cast::<u8>(), length) };
            with_busy(&s.busy, || s.append(bytes)).map_err(Fail::Throw)
        })
    })
}

/// Serializes `rootObject` (a version word, then the value) after what was written so far.
#[no_mangle]
pub extern "C" fn JsVarSerializerWriteValue(
    serializer_handle: *mut c_void,
    root_object: Ref,
) -> JsErrorCode {
    guard(|| {
        if serializer_handle.is_null() || root_object.is_null() {
            return E::NullArgument;
        }
        no_script(|cx, rt| {
            let s: &Serializer = handle(serializer_handle, true)?;
            let v = value_in(rt, root_object as u64)?;
            let transfer = s.transfer.try_borrow().map_err(|_| E::InvalidArgument)?;
            with_busy(&s.busy, || wire::write(cx, s, v, &transfer.values)).map_err(Fail::Throw)
        })
    })
}

/// Hands the serialized bytes (allocated with the host's `ReallocateBufferMemory`) to the host.
#[no_mangle]
pub extern "C" fn JsVarSerializerReleaseData(
    serializer_handle: *mut c_void,
    data: *mut *mut u8,
    data_length: *mut usize,
) -> JsErrorCode {
    guard(|| {
        if serializer_handle.is_null() || data.is_null() || data_length.is_null() {
            return E::NullArgument;
        }
        no_script(|_, _| {
            let s: &Serializer = handle(serializer_handle, true)?;
            if s.buf.get().is_null() {
                return Err(E::InvalidArgument.into());
            }
            *out(data)? = s.buf.replace(std::ptr::null_mut());
            *out(data_length)? = s.len.replace(0);
            s.cap.set(0);
            Ok(())
        })
    })
}

/// Detaches the ArrayBuffers given to `JsVarSerializerSetTransferableVars` (those not detached
/// already).
#[no_mangle]
pub extern "C" fn JsVarSerializerDetachArrayBuffer(serializer_handle: *mut c_void) -> JsErrorCode {
    guard(|| {
        if serializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, _| {
            let s: &Serializer = handle(serializer_handle, true)?;
            let t = s.transfer.try_borrow().map_err(|_| E::InvalidArgument)?;
            for &v in t.values.iter() {
                if let Some(d) = Object::from_value(v).and_then(ab::data_of) {
                    if !d.is_detached() && !d.is_shared() {
                        ab::detach(d);
                    }
                }
            }
            Ok(())
        })
    })
}

/// Lists the ArrayBuffers to transfer; see the module docs.
#[no_mangle]
pub extern "C" fn JsVarSerializerSetTransferableVars(
    serializer_handle: *mut c_void,
    transferable_vars: *const Ref,
    transferable_vars_count: usize,
) -> JsErrorCode {
    guard(|| {
        if serializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, rt| {
            let s: &Serializer = handle(serializer_handle, true)?;
            let mut t = s
                .transfer
                .try_borrow_mut()
                .map_err(|_| E::InvalidArgument)?;
            t.set(rt, transferable_vars, transferable_vars_count)
        })
    })
}

/// Frees a serializer (and its pins and shared-memory ids; not a buffer not yet released,
/// which is the host's memory).
#[no_mangle]
pub extern "C" fn JsVarSerializerFree(serializer_handle: *mut c_void) -> JsErrorCode {
    guard(|| {
        if serializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, rt| {
            let s: &Serializer = handle(serializer_handle, true)?;
            if s.busy.get() != 0 {
                return Err(E::InvalidArgument.into());
            }
            let s = unregister::<Serializer>(serializer_handle, true);
            s.transfer.borrow_mut().release(rt);
            let mut g = lock(&SHARED);
            for &id in s.shared.borrow().iter() {
                if let Some(i) = g.1.iter().position(|e| e.0 == id) {
                    let (_, raw) = g.1.swap_remove(i);
                    // SAFETY: registered by this serializer from `into_raw`, taken back once.
                    drop(unsafe { SharedBlock::from_raw(raw as *mut c_void) });
                }
            }
            Ok(())
        })
    })
}

// ---- deserializer exports ----

/// Creates a deserializer over `size` bytes at `data` (read in place; see the module docs).
#[no_mangle]
pub extern "C" fn JsVarDeserializer(
    data: *mut c_void,
    size: usize,
    read_host_object: Option<ReadHost>,
    get_shared_array_buffer_from_id: Option<SharedFromId>,
    callback_state: *mut c_void,
    deserializer_handle: *mut *mut c_void,
) -> JsErrorCode {
    guard(|| {
        let (Some(read_host), Some(shared_from_id)) =
            (read_host_object, get_shared_array_buffer_from_id)
        else {
            return E::NullArgument;
        };
        if data.is_null() || deserializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, _| {
            let d = Deserializer {
                data: data.cast::<u8>(),
                size,
                pos: Cell::new(0),
                read_host,
                shared_from_id,
                state: callback_state,
                transfer: RefCell::new(Pinned::new()),
                busy: Cell::new(0),
            };
            *out(deserializer_handle)? = register(d, false)?.cast();
            Ok(())
        })
    })
}

fn read_bytes(h: *mut c_void, length: usize, data: *mut *mut c_void, copy: bool) -> JsErrorCode {
    guard(|| {
        if h.is_null() || data.is_null() {
            return E::NullArgument;
        }
        no_script(|_, _| {
            let d: &Deserializer = handle(h, false)?;
            let slot = out(data)?;
            if copy && slot.is_null() && length > 0 {
                return Err(E::NullArgument.into());
            }
            let b = d.take(length).ok_or(E::InvalidArgument)?;
            if copy {
                if length > 0 {
                    // SAFETY: the host's buffer of `length` bytes at `*data` (JsRT contract);
                    // `b` is the input, which the host does not pass as its own target.
                    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), slot.cast::<u8>(), length) };
                }
            } else {
                *slot = b.as_ptr() as *mut c_void;
            }
            Ok(())
        })
    })
}

/// Stores in `*data` a pointer to the next `length` bytes of the input (no copy) and moves
/// past them; fewer left: `JsErrorInvalidArgument`.
#[no_mangle]
pub extern "C" fn JsVarDeserializerReadRawBytes(
    deserializer_handle: *mut c_void,
    length: usize,
    data: *mut *mut c_void,
) -> JsErrorCode {
    read_bytes(deserializer_handle, length, data, false)
}

/// Copies the next `length` bytes of the input into the host's buffer `*data`.
#[no_mangle]
pub extern "C" fn JsVarDeserializerReadBytes(
    deserializer_handle: *mut c_void,
    length: usize,
    data: *mut *mut c_void,
) -> JsErrorCode {
    read_bytes(deserializer_handle, length, data, true)
}

/// Reads the next value (a version word, then the value).
#[no_mangle]
pub extern "C" fn JsVarDeserializerReadValue(
    deserializer_handle: *mut c_void,
    value: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        if deserializer_handle.is_null() || value.is_null() {
            return E::NullArgument;
        }
        no_script(|cx, _| {
            crate::api::clear(value)?;
            let d: &Deserializer = handle(deserializer_handle, false)?;
            let transfer = d.transfer.try_borrow().map_err(|_| E::InvalidArgument)?;
            let v = with_busy(&d.busy, || read::read(cx, d, &transfer.values))?;
            put(value, v)
        })
    })
}

/// Gives the receiving side's ArrayBuffers for the transferred ones, in the writer's order.
#[no_mangle]
pub extern "C" fn JsVarDeserializerSetTransferableVars(
    deserializer_handle: *mut c_void,
    transferable_vars: *const Ref,
    transferable_vars_count: usize,
) -> JsErrorCode {
    guard(|| {
        if deserializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, rt| {
            let d: &Deserializer = handle(deserializer_handle, false)?;
            let mut t = d
                .transfer
                .try_borrow_mut()
                .map_err(|_| E::InvalidArgument)?;
            t.set(rt, transferable_vars, transferable_vars_count)
        })
    })
}

/// Frees a deserializer (and its pins).
#[no_mangle]
pub extern "C" fn JsVarDeserializerFree(deserializer_handle: *mut c_void) -> JsErrorCode {
    guard(|| {
        if deserializer_handle.is_null() {
            return E::NullArgument;
        }
        no_script(|_, rt| {
            let d: &Deserializer = handle(deserializer_handle, false)?;
            if d.busy.get() != 0 {
                return Err(E::InvalidArgument.into());
            }
            let d = unregister::<Deserializer>(deserializer_handle, false);
            d.transfer.borrow_mut().release(rt);
            Ok(())
        })
    })
}
