//! ArrayBuffers. Contents are acquired through the memory manager as their own mapping
//! (ARCHITECTURE.md §2: they show in the host's events and usage); memory a host lends with an
//! external buffer is the host's and is not counted.
//!
//! The buffer object (class `ArrayBuffer`) holds a [`BufferData`] cell in `internal[0]`; the
//! data cell owns the mapping and has a finalizer, so the contents are unmapped when the
//! buffer is collected (or the runtime disposed). Detaching or externalizing gives the
//! contents up without freeing them twice.

use crate::cx::{Cx, JsResult};
use crate::kinds;
use crate::object::{Object, ObjectClass};
use crate::realm::Intrinsic;
use conch_gc::{CellType, Gc, Trace, Tracer};
use conch_mm::{Mapping, MemoryManager};
use std::cell::Cell;
use std::ptr::NonNull;

/// A host callback that frees lent memory (`JsFinalizeCallback`).
pub type FreeFn = unsafe extern "C" fn(*mut std::ffi::c_void);

/// The contents of an ArrayBuffer.
pub struct BufferData {
    ptr: Cell<usize>,
    len: Cell<usize>,
    /// Size of our own mapping (0 = none: empty, external, detached or externalized).
    mapping: Cell<usize>,
    /// The memory manager of the mapping (the heap, which owns an `Arc` of it, outlives every
    /// cell and finalizer).
    mm: *const MemoryManager,
    /// External buffers: the host's free callback and its argument.
    free: Cell<Option<FreeFn>>,
    free_state: usize,
    /// `JsSetArrayBufferExtraInfo`'s byte.
    pub extra_info: Cell<u8>,
    detached: Cell<bool>,
}

// SAFETY: holds no references.
unsafe impl Trace for BufferData {
    const LEAF: bool = true;
    fn trace(&self, _: &mut Tracer) {}
}

impl CellType for BufferData {
    const KIND: u16 = kinds::BUFFER_DATA;
    const NAME: &'static str = "BufferData";
}

unsafe fn finalize(addr: usize) {
    // SAFETY: registered only for BufferData cells; the cell is still allocated.
    let Some(d) = (unsafe { Gc::<BufferData>::from_addr(addr) }) else {
        return;
    };
    release(d);
}

fn release(d: Gc<BufferData>) {
    let mapping = d.mapping.replace(0);
    let ptr = d.ptr.replace(0);
    d.len.set(0);
    if mapping != 0 {
        if let Some(p) = NonNull::new(ptr as *mut u8) {
            // SAFETY: ptr/mapping came from `mm.map` and are given up exactly once (cleared
            // above); the memory manager outlives the heap's cells.
            unsafe { (*d.mm).unmap(Mapping::from_raw(p, mapping)) };
        }
    } else if let Some(f) = d.free.take() {
        // SAFETY: the host's free callback for the memory it lent us.
        unsafe { f(d.free_state as *mut std::ffi::c_void) };
    }
}

impl BufferData {
    /// The contents (`None` when detached).
    pub fn bytes(&self) -> Option<(*mut u8, usize)> {
        (!self.detached.get()).then_some((self.ptr.get() as *mut u8, self.len.get()))
    }
    /// Byte length (0 when detached).
    pub fn len(&self) -> usize {
        self.len.get()
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len.get() == 0
    }
    /// Whether detached.
    pub fn is_detached(&self) -> bool {
        self.detached.get()
    }
    /// Whether the contents are the host's (external).
    pub fn is_external(&self) -> bool {
        self.mapping.get() == 0 && self.len.get() != 0
    }
    /// The host free callback of an external buffer.
    pub fn free_fn(&self) -> Option<FreeFn> {
        self.free.get()
    }
}

fn make(cx: &Cx, data: BufferData) -> JsResult<Gc<Object>> {
    let heap = cx.heap();
    let owns = data.mapping.get() != 0 || data.free.get().is_some();
    let d = heap.alloc(data)?;
    if owns {
        heap.register_finalizer(d.addr(), finalize)
            .inspect_err(|_| release(d))?;
    }
    let o = cx.new_object_with(
        ObjectClass::ArrayBuffer,
        cx.intrinsic(Intrinsic::ArrayBufferPrototype),
    )?;
    Object::set_internal(o, 0, d.to_value());
    Ok(o)
}

/// A new zeroed ArrayBuffer of `len` bytes (memory from the memory manager; on refusal a full
/// collection runs and the request is retried once).
pub fn create(cx: &Cx, len: usize) -> JsResult<Gc<Object>> {
    let mm = cx.heap().memory_manager().clone();
    let (ptr, mapping) = if len == 0 {
        (0, 0)
    } else {
        let m = match mm.map(len, 16) {
            Ok(m) => m,
            Err(_) => {
                cx.heap().collect();
                mm.map(len, 16)?
            }
        };
        let (p, size) = m.into_raw();
        (p.as_ptr() as usize, size)
    };
    make(
        cx,
        BufferData {
            ptr: Cell::new(ptr),
            len: Cell::new(len),
            mapping: Cell::new(mapping),
            mm: std::sync::Arc::as_ptr(&mm),
            free: Cell::new(None),
            free_state: 0,
            extra_info: Cell::new(0),
            detached: Cell::new(false),
        },
    )
}

/// An ArrayBuffer over host memory; `free(state)` runs when it is collected.
pub fn create_external(
    cx: &Cx,
    ptr: *mut u8,
    len: usize,
    free: Option<FreeFn>,
    state: usize,
) -> JsResult<Gc<Object>> {
    let mm = cx.heap().memory_manager();
    make(
        cx,
        BufferData {
            ptr: Cell::new(ptr as usize),
            len: Cell::new(len),
            mapping: Cell::new(0),
            mm: std::sync::Arc::as_ptr(mm),
            free: Cell::new(free),
            free_state: state,
            extra_info: Cell::new(0),
            detached: Cell::new(false),
        },
    )
}

/// The data of an ArrayBuffer object.
pub fn data_of(o: Gc<Object>) -> Option<Gc<BufferData>> {
    if o.class() != ObjectClass::ArrayBuffer {
        return None;
    }
    // SAFETY: ArrayBuffer objects hold their BufferData cell in internal[0].
    o.internal(0)
        .cell_addr()
        .and_then(|a| unsafe { Gc::<BufferData>::from_addr(a) })
}

/// `DetachArrayBuffer`: frees our own contents (or runs the host's free callback) and leaves a
/// zero-length detached buffer.
pub fn detach(d: Gc<BufferData>) {
    release(d);
    d.detached.set(true);
}

/// Gives the contents to the host (`JsExternalizeArrayBuffer`): they are no longer freed by
/// the engine. Only host-lent buffers can be externalized: an engine mapping belongs to the
/// memory manager's accounting and has no host-callable free function, so it is refused
/// (returns `false`).
pub fn externalize(d: Gc<BufferData>) -> bool {
    if d.mapping.get() != 0 {
        return false;
    }
    d.free.set(None);
    true
}
