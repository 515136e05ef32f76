//! ArrayBuffers. Contents are acquired through the memory manager as their own mapping
//! (ARCHITECTURE.md §2: they show in the host's events and usage); memory a host lends with an
//! external buffer is the host's and is not counted.
//!
//! The buffer object (class `ArrayBuffer`, also for SharedArrayBuffers: a flag tells them
//! apart) holds a [`BufferData`] cell in `internal[0]`; the data cell owns the mapping and has
//! a finalizer, so the contents are unmapped when the buffer is collected (or the runtime
//! disposed). Detaching or externalizing gives the contents up without freeing them twice.
//!
//! Resizable ArrayBuffers map only their current length (rounded to the page), never
//! their `maxByteLength`: a resize past the mapping maps a new region through the memory
//! manager, copies and unmaps the old one; a shrink to half the mapping or less moves to a
//! smaller one. Invariants: the bytes of the mapping past `len` are zero (a shrink zeroes
//! what it cuts off), so growing inside the mapping needs no clearing; the contents' address
//! may change on every resize, so nobody keeps it across anything that can run script.
//!
//! A SharedArrayBuffer's contents are a [`SharedBlock`] (`block.rs`): reference counted,
//! possibly mapped by other runtimes on other threads, never moved (a growable one reserves
//! its maximum), its length read atomically. Other agents may write the bytes at any time:
//! the engine's ordinary reads and writes of them are the memory model's Unordered accesses
//! (plain loads and stores through raw pointers, never references, so no Rust reference ever
//! covers memory another thread writes); `Atomics` uses real atomic instructions.

pub use super::block::{GrowError, SharedBlock};
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

const RESIZABLE: u8 = 1;
const SHARED: u8 = 2;
const IMMUTABLE: u8 = 4;

/// The largest byte length (or `maxByteLength`) a buffer may have: 2^47 bytes, the user
/// address space of the 64-bit platforms Conch runs on. Larger requests are impossible
/// (CreateByteDataBlock's RangeError); smaller ones the memory manager refuses are the
/// engine's out-of-memory error.
pub const MAX_BYTE_LENGTH: u64 = 1 << 47;

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
    /// `RESIZABLE`, `SHARED`, `IMMUTABLE`.
    flags: Cell<u8>,
    /// `[[ArrayBufferMaxByteLength]]` of a resizable (growable) buffer.
    max_len: Cell<usize>,
    /// A SharedArrayBuffer's block (a reference from [`SharedBlock::into_raw`], 0 = none):
    /// `ptr` is its contents and its length is the block's.
    block: Cell<usize>,
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

/// Gives the contents up: unmaps our mapping, drops our reference to a shared block, or runs
/// the host's free callback.
fn release(d: Gc<BufferData>) {
    let mapping = d.mapping.replace(0);
    let ptr = d.ptr.replace(0);
    d.len.set(0);
    let block = d.block.replace(0);
    if block != 0 {
        // SAFETY: the reference `with_block` stored, taken back once (cleared above).
        drop(unsafe { SharedBlock::from_raw(block as *mut std::ffi::c_void) });
    } else if mapping != 0 {
        // SAFETY: ptr/mapping came from `mm.map` and are given up exactly once (cleared
        // above); the memory manager outlives the heap's cells.
        unsafe { unmap(d.mm, ptr, mapping) };
    } else if let Some(f) = d.free.take() {
        // SAFETY: the host's free callback for the memory it lent us.
        unsafe { f(d.free_state as *mut std::ffi::c_void) };
    }
}

/// Unmaps `size` bytes at `ptr`.
///
/// # Safety
/// `ptr`/`size` are a mapping of `mm` that nothing uses any more.
unsafe fn unmap(mm: *const MemoryManager, ptr: usize, size: usize) {
    if let Some(p) = NonNull::new(ptr as *mut u8) {
        // SAFETY: the caller's promise; `mm` outlives every buffer (see `BufferData::mm`).
        unsafe { (*mm).unmap(Mapping::from_raw(p, size)) };
    }
}

impl BufferData {
    /// The contents (`None` when detached). An empty buffer gives a dangling, aligned,
    /// non-null address, so zero-length copies from it are sound.
    pub fn bytes(&self) -> Option<(*mut u8, usize)> {
        if self.detached.get() {
            return None;
        }
        let p = match self.ptr.get() {
            0 => NonNull::<u64>::dangling().as_ptr() as *mut u8,
            p => p as *mut u8,
        };
        Some((p, self.len()))
    }
    /// Byte length (0 when detached); a growable shared buffer's is read atomically (another
    /// agent may grow it).
    pub fn len(&self) -> usize {
        if self.flags.get() & (SHARED | RESIZABLE) == SHARED | RESIZABLE {
            if let Some(b) = self.block() {
                return b.len();
            }
        }
        self.len.get()
    }
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// A SharedArrayBuffer's block, borrowed (no reference is taken).
    fn block(&self) -> Option<std::mem::ManuallyDrop<SharedBlock>> {
        // SAFETY: `block` is a live reference we own until `release`; ManuallyDrop keeps the
        // borrowed view from dropping it.
        unsafe { SharedBlock::from_raw(self.block.get() as *mut std::ffi::c_void) }
            .map(std::mem::ManuallyDrop::new)
    }
    /// A new reference to a SharedArrayBuffer's block (`None` for other buffers): what
    /// another runtime maps to share the contents (`JsGetSharedArrayBufferContent`,
    /// `$262.agent.broadcast`).
    pub fn shared_block(&self) -> Option<SharedBlock> {
        self.block().map(|b| SharedBlock::clone(&b))
    }
    /// The identity of a SharedArrayBuffer's block ([`SharedBlock::id`]; 0 for others).
    pub fn block_id(&self) -> usize {
        self.block.get()
    }
    /// Whether detached.
    pub fn is_detached(&self) -> bool {
        self.detached.get()
    }
    /// Whether the contents are the host's (external).
    pub fn is_external(&self) -> bool {
        self.mapping.get() == 0 && self.block.get() == 0 && self.len.get() != 0
    }
    /// The host free callback of an external buffer.
    pub fn free_fn(&self) -> Option<FreeFn> {
        self.free.get()
    }
    /// Whether this is a SharedArrayBuffer's data (IsSharedArrayBuffer).
    pub fn is_shared(&self) -> bool {
        self.flags.get() & SHARED != 0
    }
    /// The contents' address for a fixed-length buffer's cached views, if its byte length is
    /// still `len`: `None` when detached, (with `write`) immutable, or of another length (the
    /// contents moved in from a transfer).
    #[inline]
    pub fn fixed_addr(&self, write: bool, len: usize) -> Option<usize> {
        let f = self.flags.get();
        if self.detached.get()
            || (write && f & IMMUTABLE != 0)
            || f & RESIZABLE != 0
            || self.len.get() != len
        {
            return None;
        }
        Some(match self.ptr.get() {
            0 => NonNull::<u64>::dangling().as_ptr() as usize,
            p => p,
        })
    }
    /// Whether the buffer is immutable (IsImmutableBuffer).
    pub fn is_immutable(&self) -> bool {
        self.flags.get() & IMMUTABLE != 0
    }
    /// `[[ArrayBufferMaxByteLength]]`: `None` for a fixed-length buffer.
    pub fn max_len(&self) -> Option<usize> {
        (self.flags.get() & RESIZABLE != 0).then(|| self.max_len.get())
    }
    /// IsFixedLengthArrayBuffer.
    pub fn is_fixed_length(&self) -> bool {
        self.flags.get() & RESIZABLE == 0
    }
}

fn make(cx: &Cx, data: BufferData, always_finalize: bool) -> JsResult<Gc<Object>> {
    let heap = cx.heap();
    let owns = data.mapping.get() != 0 || data.free.get().is_some() || data.block.get() != 0;
    let d = heap.alloc(data)?;
    if owns || always_finalize {
        heap.register_finalizer(d.addr(), finalize)
            .inspect_err(|_| release(d))?;
    }
    let proto = if d.is_shared() {
        Intrinsic::SharedArrayBufferPrototype
    } else {
        Intrinsic::ArrayBufferPrototype
    };
    let o = cx.new_object_with(ObjectClass::ArrayBuffer, cx.intrinsic(proto))?;
    Object::set_internal(o, 0, d.to_value());
    Ok(o)
}

/// Maps `len` zeroed bytes (0: none); on refusal a full collection runs and the request is
/// retried once. Returns (address, mapping size).
fn map_zeroed(cx: &Cx, len: usize) -> JsResult<(usize, usize)> {
    if len == 0 {
        return Ok((0, 0));
    }
    let mm = cx.heap().memory_manager();
    let m = match mm.map(len, 16) {
        Ok(m) => m,
        Err(_) => {
            cx.heap().collect();
            mm.map(len, 16)?
        }
    };
    let (p, size) = m.into_raw();
    Ok((p.as_ptr() as usize, size))
}

fn fresh(cx: &Cx, len: usize, max: Option<usize>, flags: u8) -> JsResult<BufferData> {
    let (ptr, mapping) = map_zeroed(cx, len)?;
    let resizable = if max.is_some() { RESIZABLE } else { 0 };
    Ok(BufferData {
        ptr: Cell::new(ptr),
        len: Cell::new(len),
        mapping: Cell::new(mapping),
        mm: std::sync::Arc::as_ptr(cx.heap().memory_manager()),
        free: Cell::new(None),
        free_state: 0,
        extra_info: Cell::new(0),
        detached: Cell::new(false),
        flags: Cell::new(flags | resizable),
        max_len: Cell::new(max.unwrap_or(0)),
        block: Cell::new(0),
    })
}

/// A SharedArrayBuffer's data over `block` (taking over that reference).
fn with_block(mm: &std::sync::Arc<MemoryManager>, block: SharedBlock) -> BufferData {
    let max = block.max_len();
    let resizable = if max.is_some() { RESIZABLE } else { 0 };
    BufferData {
        ptr: Cell::new(block.data() as usize),
        len: Cell::new(block.len()),
        mapping: Cell::new(0),
        mm: std::sync::Arc::as_ptr(mm),
        free: Cell::new(None),
        free_state: 0,
        extra_info: Cell::new(0),
        detached: Cell::new(false),
        flags: Cell::new(SHARED | resizable),
        max_len: Cell::new(max.unwrap_or(0)),
        block: Cell::new(block.into_raw() as usize),
    }
}

/// A new SharedArrayBuffer over an existing block (shared with whoever else holds it); the
/// buffer takes over the reference.
pub fn create_shared(cx: &Cx, block: SharedBlock) -> JsResult<Gc<Object>> {
    let data = with_block(cx.heap().memory_manager(), block);
    make(cx, data, false)
}

/// A new zeroed shared block of `len` bytes (growable up to `max`) from this runtime's memory
/// manager; on refusal a full collection runs and the request is retried once.
fn new_block(cx: &Cx, len: usize, max: Option<usize>) -> JsResult<SharedBlock> {
    let mm = cx.heap().memory_manager();
    Ok(match SharedBlock::new(mm, len, max) {
        Ok(b) => b,
        Err(_) => {
            cx.heap().collect();
            SharedBlock::new(mm, len, max)?
        }
    })
}

/// A new zeroed ArrayBuffer of `len` bytes (memory from the memory manager; on refusal a full
/// collection runs and the request is retried once).
pub fn create(cx: &Cx, len: usize) -> JsResult<Gc<Object>> {
    create_with(cx, len, None, false)
}

/// A new zeroed ArrayBuffer (or, `shared`, SharedArrayBuffer) of `len` bytes, resizable
/// (growable) up to `max` when given (the caller checked `len <= max`). Only `len` bytes are
/// mapped.
pub fn create_with(cx: &Cx, len: usize, max: Option<usize>, shared: bool) -> JsResult<Gc<Object>> {
    if shared {
        let block = new_block(cx, len, max)?;
        return create_shared(cx, block);
    }
    let data = fresh(cx, len, max, 0)?;
    make(cx, data, max.is_some())
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
            flags: Cell::new(0),
            max_len: Cell::new(0),
            block: Cell::new(0),
        },
        false,
    )
}

/// The data of an ArrayBuffer or SharedArrayBuffer object.
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
/// zero-length detached buffer. SharedArrayBuffers cannot be detached: callers check
/// [`BufferData::is_shared`] first (and throw).
pub fn detach(d: Gc<BufferData>) {
    debug_assert!(!d.is_shared());
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

/// Grows a growable SharedArrayBuffer in place (its block's compare-and-exchange loop).
pub fn grow_shared(d: Gc<BufferData>, new_len: usize) -> Result<(), super::block::GrowError> {
    match d.block() {
        Some(b) => b.grow(new_len),
        None => Err(super::block::GrowError::TooLarge),
    }
}

/// Marks the buffer immutable (its contents never change again).
pub fn set_immutable(d: Gc<BufferData>) {
    d.flags.set(d.flags.get() | IMMUTABLE);
}

/// Changes the byte length of an engine-owned buffer (a resize, a grow, or the new length of
/// moved contents): grows inside the mapping when it can, else maps anew through the memory
/// manager (a refusal is the engine's out-of-memory error; nothing has changed then); a
/// shrink zeroes the bytes it cuts off, and moves to a smaller mapping when that halves the
/// memory held (if that mapping is refused, the old one is kept).
pub fn set_len(cx: &Cx, d: Gc<BufferData>, new_len: usize) -> JsResult<()> {
    debug_assert!(!d.is_external() && !d.is_detached() && !d.is_shared());
    let (ptr, len, cap) = (d.ptr.get(), d.len.get(), d.mapping.get());
    if new_len <= cap {
        if new_len < len {
            // SAFETY: `new_len..len` lies inside the live mapping.
            unsafe { std::ptr::write_bytes((ptr + new_len) as *mut u8, 0, len - new_len) };
        }
        d.len.set(new_len);
        let page = cx.heap().memory_manager().page_size();
        let want = new_len.div_ceil(page) * page;
        if want <= cap / 2 {
            let (np, ncap) = if want == 0 {
                (0, 0)
            } else {
                match cx.heap().memory_manager().map(want, 16) {
                    Ok(m) => {
                        let (p, size) = m.into_raw();
                        (p.as_ptr() as usize, size)
                    }
                    Err(_) => return Ok(()),
                }
            };
            move_into(d, np, ncap, new_len);
        }
        return Ok(());
    }
    let (np, ncap) = map_zeroed(cx, new_len)?;
    move_into(d, np, ncap, len);
    d.len.set(new_len);
    Ok(())
}

/// Copies the first `n` bytes into the new mapping `np`/`ncap`, unmaps the old one and
/// installs the new one.
fn move_into(d: Gc<BufferData>, np: usize, ncap: usize, n: usize) {
    let (ptr, cap) = (d.ptr.get(), d.mapping.get());
    if n > 0 {
        // SAFETY: `n` bytes are live in the old mapping and fit the new one; distinct regions.
        unsafe { std::ptr::copy_nonoverlapping(ptr as *const u8, np as *mut u8, n) };
    }
    d.ptr.set(np);
    d.mapping.set(ncap);
    if cap != 0 {
        // SAFETY: the old mapping is ours and no longer referenced (replaced just above).
        unsafe { unmap(d.mm, ptr, cap) };
    }
}

/// ArrayBufferCopyAndDetach's allocation, copy and detach: a new ArrayBuffer of `new_len`
/// bytes (resizable up to `max` when given; the caller checked `new_len <= max`) holding the
/// old contents, which is detached. Engine-owned contents move without copying when they
/// fit; host-lent ones are copied (and handed back to the host by the detach). If memory is
/// refused, the old buffer is left as it was.
pub fn transfer(
    cx: &Cx,
    d: Gc<BufferData>,
    new_len: usize,
    max: Option<usize>,
) -> JsResult<Gc<Object>> {
    // The new buffer owns nothing yet, but has its finalizer before it takes anything over.
    let o = make(cx, fresh(cx, 0, max, 0)?, true)?;
    let nd = data_of(o).expect("array buffer");
    move_buffer(cx, d, nd, new_len)?;
    Ok(o)
}

/// An empty ArrayBuffer, resizable like `d`, to receive `d`'s contents later
/// ([`move_contents`]; the transfer list of `structuredClone`).
pub fn transfer_target(cx: &Cx, d: Gc<BufferData>) -> JsResult<Gc<Object>> {
    let max = if d.is_fixed_length() {
        None
    } else {
        d.max_len()
    };
    make(cx, fresh(cx, 0, max, 0)?, true)
}

/// Moves `from`'s contents into `to` (made by [`transfer_target`]) and detaches `from`.
pub fn move_contents(cx: &Cx, from: Gc<BufferData>, to: Gc<BufferData>) -> JsResult<()> {
    move_buffer(cx, from, to, from.len.get())
}

/// [`transfer`]'s move of `d`'s contents (the first `new_len` bytes, zero-extended) into the
/// empty `nd`, then the detach of `d`.
fn move_buffer(cx: &Cx, d: Gc<BufferData>, nd: Gc<BufferData>, new_len: usize) -> JsResult<()> {
    let (ptr, len, cap) = (d.ptr.get(), d.len.get(), d.mapping.get());
    if cap != 0 && new_len <= cap {
        d.ptr.set(0);
        d.mapping.set(0);
        d.len.set(0);
        nd.ptr.set(ptr);
        nd.mapping.set(cap);
        nd.len.set(len);
        set_len(cx, nd, new_len)?;
    } else {
        let (np, ncap) = map_zeroed(cx, new_len)?;
        let n = len.min(new_len);
        if n > 0 {
            // SAFETY: `n` live bytes of the old contents into the fresh mapping.
            unsafe { std::ptr::copy_nonoverlapping(ptr as *const u8, np as *mut u8, n) };
        }
        nd.ptr.set(np);
        nd.mapping.set(ncap);
        nd.len.set(new_len);
    }
    detach(d);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::test_support::with_realm;

    #[test]
    fn resize_maps_only_the_current_length() {
        with_realm(|cx| {
            let mm = cx.heap().memory_manager().clone();
            let before = mm.usage();
            // A huge maximum reserves nothing.
            let o = create_with(cx, 16, Some(1 << 40), false).unwrap();
            let d = data_of(o).unwrap();
            let page = mm.page_size();
            // Only the 16 bytes' page is mapped, not the 1 TiB maximum. The object itself may
            // take a new heap chunk (its prototype is created on first use, and under GC
            // stress a collection can leave the current chunk unusable): allow one MiB.
            assert!(
                mm.usage() - before < (1 << 20),
                "grew {}",
                mm.usage() - before
            );
            let created = mm.usage();
            let (p, _) = d.bytes().unwrap();
            // SAFETY: 16 live bytes.
            unsafe { *p.add(3) = 7 };
            set_len(cx, d, 10 * page).unwrap();
            let (p, n) = d.bytes().unwrap();
            assert_eq!(n, 10 * page);
            // SAFETY: in bounds.
            unsafe {
                assert_eq!(*p.add(3), 7);
                assert_eq!(*p.add(9 * page), 0);
            }
            // Shrink: cut bytes are zeroed, and the memory goes back.
            set_len(cx, d, 2).unwrap();
            set_len(cx, d, 16).unwrap();
            let (p, _) = d.bytes().unwrap();
            // SAFETY: in bounds.
            unsafe { assert_eq!(*p.add(3), 0) };
            assert!(mm.usage() <= created + page + 4096);
        });
    }

    #[test]
    fn a_growable_shared_buffer_reserves_its_maximum_and_never_moves() {
        with_realm(|cx| {
            let mm = cx.heap().memory_manager().clone();
            let before = mm.usage();
            let o = create_with(cx, 8, Some(1 << 20), true).unwrap();
            let d = data_of(o).unwrap();
            assert!(mm.usage() - before >= 1 << 20, "the maximum is reserved");
            let (p, n) = d.bytes().unwrap();
            assert_eq!(n, 8);
            // Another holder (another runtime's buffer, a JsRT handle) sees the same block.
            let b = d.shared_block().unwrap();
            assert_eq!((b.data(), b.id()), (p, d.block_id()));
            grow_shared(d, 1 << 19).unwrap();
            assert_eq!(d.bytes().unwrap(), (p, 1 << 19));
            assert_eq!(b.len(), 1 << 19);
            assert_eq!(grow_shared(d, 8), Err(GrowError::Smaller));
            assert_eq!(grow_shared(d, (1 << 20) + 1), Err(GrowError::TooLarge));
            assert!(!d.is_external());
        });
    }

    #[test]
    fn a_refused_grow_changes_nothing() {
        with_realm(|cx| {
            let mm = cx.heap().memory_manager().clone();
            let o = create_with(cx, 8, Some(1 << 30), false).unwrap();
            let d = data_of(o).unwrap();
            mm.set_limit(mm.usage());
            assert!(set_len(cx, d, 1 << 29).is_err());
            mm.set_limit(usize::MAX);
            assert_eq!(d.len(), 8);
        });
    }
}
