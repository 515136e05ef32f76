//! Cells: the header every GC allocation starts with, the `Trace` trait, and `Gc<T>`.
//!
//! Layout of a cell: `[&'static VTable][payload T]` (`CellBox<T>`, 8-byte aligned). The vtable
//! tells the collector how to trace the payload and carries a `kind` tag the VM uses for type
//! tests. Cell types must not need `Drop` (checked at compile time): a cell owns no memory
//! outside the heap, so sweeping is just clearing bits. Resources a host owns (external data)
//! are released through the heap's finalizer list instead.

use crate::heap::Tracer;
use crate::Value;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// Per-type information shared by every cell of that type.
#[derive(Debug)]
pub struct VTable {
    /// A tag for the embedder's type tests (the VM's `CellKind`).
    pub kind: u16,
    /// Traces the payload of the cell at the given address (its header).
    pub trace: unsafe fn(usize, &mut Tracer),
    /// A short name for diagnostics.
    pub name: &'static str,
    /// For big arrays of references: traces items `from..from + max` of the cell at the given
    /// address and returns the item count, so the collector can mark it in slices
    /// (`crate::SliceTrace`; `None`: the cell is traced whole).
    pub trace_slice: Option<crate::SliceTrace>,
}

/// A type that can live in a cell.
///
/// # Safety
/// `trace` must report every `Value`/`Gc` the payload holds that must stay alive; missing one is
/// a use-after-free.
pub unsafe trait Trace {
    /// True if the type never holds references (arrays of it are not scanned).
    const LEAF: bool = false;
    /// Reports the payload's references.
    fn trace(&self, tracer: &mut Tracer);
}

/// A cell type: a `Trace` type with a kind tag.
pub trait CellType: Trace + Sized + 'static {
    /// The embedder's kind tag.
    const KIND: u16;
    /// A name for diagnostics.
    const NAME: &'static str;
    /// Variable-size cells report how many bytes follow the fixed payload (0 for fixed-size).
    /// Only used when tracing needs the length (it is stored in the payload).
    /// See [`VTable::trace_slice`].
    const TRACE_SLICE: Option<crate::SliceTrace> = None;
    /// The type's vtable.
    const VTABLE: &'static VTable = &VTable {
        kind: Self::KIND,
        trace: trace_thunk::<Self>,
        name: Self::NAME,
        trace_slice: Self::TRACE_SLICE,
    };
}

unsafe fn trace_thunk<T: CellType>(addr: usize, tracer: &mut Tracer) {
    // SAFETY: the collector calls this only for allocated cells whose header is T's vtable.
    let cell = unsafe { &*std::ptr::with_exposed_provenance::<CellBox<T>>(addr) };
    cell.value.trace(tracer);
}

/// The in-memory layout of a cell.
#[repr(C)]
pub struct CellBox<T> {
    pub(crate) header: &'static VTable,
    pub(crate) value: T,
}

/// Offset of the payload from the cell start.
pub const PAYLOAD_OFFSET: usize = std::mem::offset_of!(CellBox<u64>, value);

/// A pointer to a live cell holding a `T`. `Copy`; it keeps nothing alive by itself: it must be
/// on the stack (scanned conservatively), in a traced cell, or rooted.
pub struct Gc<T> {
    ptr: NonNull<CellBox<T>>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}
impl<T> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for Gc<T> {}
impl<T> std::hash::Hash for Gc<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ptr.hash(state)
    }
}
impl<T: CellType> std::fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc<{}>({:#x})", T::NAME, self.addr())
    }
}

impl<T> Gc<T> {
    pub(crate) fn from_box(ptr: NonNull<CellBox<T>>) -> Gc<T> {
        Gc {
            ptr,
            _marker: PhantomData,
        }
    }

    /// The cell's address (its header).
    #[inline]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr().expose_provenance()
    }

    /// The cell as a `Value`.
    #[inline]
    pub fn to_value(self) -> Value {
        Value::from_cell_addr(self.addr())
    }

    /// Item `i` of the cell's tail: the `U`s that follow the payload in a cell allocated with
    /// [`Heap::alloc_with_extra`](crate::Heap::alloc_with_extra) (inline slots, inline
    /// characters).
    ///
    /// # Safety
    /// The cell was allocated with room for at least `i + 1` tail items of type `U` after
    /// `T`, and that tail holds initialised `U`s (zeroed counts as initialised for the plain
    /// types used here).
    #[inline]
    pub unsafe fn tail_get<U: Copy>(self, i: usize) -> U {
        // SAFETY: caller contract; the payload pointer carries the whole cell's provenance
        // and the tail is only accessed through reads and writes of whole items.
        unsafe { self.tail_start::<U>().add(i).read() }
    }

    /// Sets item `i` of the cell's tail (see [`tail_get`](Gc::tail_get)).
    ///
    /// # Safety
    /// As [`tail_get`](Gc::tail_get).
    #[inline]
    pub unsafe fn tail_set<U: Copy>(self, i: usize, v: U) {
        // SAFETY: as `tail_get`; no reference to the tail is ever formed, so the write
        // aliases nothing.
        unsafe { self.tail_start::<U>().add(i).write(v) }
    }

    /// The `U` at `offset` bytes from the cell's start.
    ///
    /// # Safety
    /// The cell holds an initialised `U` at that offset, accessed only by value (never
    /// through a reference).
    #[inline]
    pub unsafe fn read_at<U: Copy>(self, offset: usize) -> U {
        // SAFETY: caller contract; the cell pointer carries the whole allocation's provenance.
        unsafe {
            self.ptr
                .as_ptr()
                .cast::<u8>()
                .add(offset)
                .cast::<U>()
                .read()
        }
    }

    /// Writes the `U` at `offset` bytes from the cell's start.
    ///
    /// # Safety
    /// As [`read_at`](Gc::read_at).
    #[inline]
    pub unsafe fn write_at<U: Copy>(self, offset: usize, v: U) {
        // SAFETY: as `read_at`.
        unsafe {
            self.ptr
                .as_ptr()
                .cast::<u8>()
                .add(offset)
                .cast::<U>()
                .write(v)
        }
    }

    /// Pointer to the start of the tail (right after the payload, aligned for `U`).
    #[inline]
    pub fn tail_start<U>(self) -> *mut U {
        let off = std::mem::size_of::<CellBox<T>>();
        debug_assert!(off.is_multiple_of(std::mem::align_of::<U>()));
        // SAFETY: one past the fixed part of the cell: in bounds of (or one past) the
        // allocation; only dereferenced under `tail_get`/`tail_set`'s contract.
        unsafe { self.ptr.as_ptr().cast::<u8>().add(off).cast::<U>() }
    }

    /// Raw pointer to the payload.
    #[inline]
    pub fn payload_ptr(self) -> *mut T {
        // SAFETY: the pointer is to a live CellBox; taking a field address does not read.
        unsafe { &raw mut (*self.ptr.as_ptr()).value }
    }
}

impl<T: CellType> Gc<T> {
    /// Reinterprets a cell address as a `Gc<T>` if the cell's kind is `T`'s (a type test by
    /// kind alone: cell types that share a kind, like every `GcArray<T>`, must not be told
    /// apart this way).
    ///
    /// # Safety
    /// `addr` is the address of a live cell of this heap.
    pub unsafe fn from_addr(addr: usize) -> Option<Gc<T>> {
        let p = std::ptr::with_exposed_provenance_mut::<CellBox<T>>(addr);
        // SAFETY: caller contract: a live cell, whose first word is a vtable reference.
        let vt = unsafe { (*p.cast::<CellBox<()>>()).header };
        if vt.kind == T::KIND {
            NonNull::new(p).map(Gc::from_box)
        } else {
            None
        }
    }
}

impl<T> Gc<T> {
    /// Reinterprets a cell address as a `Gc<T>` without a type test.
    ///
    /// # Safety
    /// `addr` is a live cell whose payload starts with a `T` (e.g. the common header of a
    /// family of cell types, checked by the caller through the kind).
    pub unsafe fn from_addr_unchecked(addr: usize) -> Gc<T> {
        let p = std::ptr::with_exposed_provenance_mut::<CellBox<T>>(addr);
        // SAFETY: a live cell's address is never null.
        Gc::from_box(unsafe { NonNull::new_unchecked(p) })
    }

    /// Reinterprets this handle as one to a `U` (a cell type sharing `T`'s prefix).
    ///
    /// # Safety
    /// The cell's payload starts with a `U`.
    pub unsafe fn cast<U>(self) -> Gc<U> {
        Gc::from_box(self.ptr.cast())
    }

    /// The cell's kind tag.
    #[inline]
    pub fn kind(self) -> u16 {
        // SAFETY: a Gc names a live cell, whose first word is its vtable.
        unsafe { vtable_of(self.addr()) }.kind
    }
}

/// The kind tag of the live cell at `addr`.
///
/// # Safety
/// `addr` is a live cell of some heap.
#[inline]
pub unsafe fn kind_of(addr: usize) -> u16 {
    // SAFETY: caller contract.
    unsafe { vtable_of(addr) }.kind
}

impl<T> std::ops::Deref for Gc<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: a Gc names a live, initialised cell.
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}

/// The vtable of the live cell at `addr`.
///
/// # Safety
/// `addr` is a live cell of some heap.
pub unsafe fn vtable_of(addr: usize) -> &'static VTable {
    // SAFETY: caller contract; every cell starts with its vtable reference.
    unsafe { *std::ptr::with_exposed_provenance::<&'static VTable>(addr) }
}

// Leaf payloads.
macro_rules! leaf_trace {
    ($($t:ty),*) => {$(
        // SAFETY: holds no references.
        unsafe impl Trace for $t { const LEAF: bool = true; fn trace(&self, _: &mut Tracer) {} }
    )*};
}
leaf_trace!(u8, u16, u32, u64, usize, i32, i64, f64, bool, ());

// SAFETY: reports the value itself.
unsafe impl Trace for Value {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(*self);
    }
}

// SAFETY: reports the cell.
unsafe impl<T> Trace for Gc<T> {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_addr(self.addr());
    }
}

// SAFETY: reports the contents if present.
unsafe impl<T: Trace> Trace for Option<T> {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(v) = self {
            v.trace(tracer)
        }
    }
}

// SAFETY: reports the contents.
unsafe impl<T: Trace> Trace for std::cell::Cell<T>
where
    T: Copy,
{
    fn trace(&self, tracer: &mut Tracer) {
        self.get().trace(tracer)
    }
}

// SAFETY: reports every element.
unsafe impl<T: Trace, const N: usize> Trace for [T; N] {
    fn trace(&self, tracer: &mut Tracer) {
        for v in self {
            v.trace(tracer)
        }
    }
}
