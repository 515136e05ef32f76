//! Cells: the header every GC allocation starts with, the `Trace` trait, and `Gc<T>`.
//!
//! Layout of a cell: `[&'static VTable][payload T]` (`CellBox<T>`, 16-byte aligned). The vtable
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
    const VTABLE: &'static VTable = &VTable {
        kind: Self::KIND,
        trace: trace_thunk::<Self>,
        name: Self::NAME,
    };
}

unsafe fn trace_thunk<T: CellType>(addr: usize, tracer: &mut Tracer) {
    // SAFETY: the collector calls this only for allocated cells whose header is T's vtable.
    let cell = unsafe { &*std::ptr::with_exposed_provenance::<CellBox<T>>(addr) };
    cell.value.trace(tracer);
}

/// The in-memory layout of a cell.
#[repr(C, align(16))]
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

    /// The payload, mutably. Cells are shared by design (a non-moving heap with many pointers
    /// to each cell): the caller must not keep two overlapping `&mut` to one cell alive.
    #[allow(clippy::mut_from_ref)]
    #[inline]
    pub fn get_mut(&self) -> &mut T {
        // SAFETY: the cell is live (contract of Gc) and the payload initialised; exclusivity is
        // the caller's documented obligation (single-threaded heap, no overlapping borrows).
        unsafe { &mut (*self.ptr.as_ptr()).value }
    }

    /// Raw pointer to the payload.
    #[inline]
    pub fn payload_ptr(self) -> *mut T {
        // SAFETY: the pointer is to a live CellBox; taking a field address does not read.
        unsafe { &raw mut (*self.ptr.as_ptr()).value }
    }
}

impl<T: CellType> Gc<T> {
    /// Reinterprets a cell address as a `Gc<T>` if the cell's vtable is `T`'s.
    ///
    /// # Safety
    /// `addr` is the address of a live cell of this heap.
    pub unsafe fn from_addr(addr: usize) -> Option<Gc<T>> {
        let p = std::ptr::with_exposed_provenance_mut::<CellBox<T>>(addr);
        // SAFETY: caller contract: a live cell, whose first word is a vtable reference.
        let vt = unsafe { (*p.cast::<CellBox<()>>()).header };
        if std::ptr::eq(vt, T::VTABLE) || vt.kind == T::KIND && vt.name == T::NAME {
            NonNull::new(p).map(Gc::from_box)
        } else {
            None
        }
    }
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
