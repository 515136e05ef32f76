//! Conch's garbage-collected heap (ARCHITECTURE.md §5–7).
//!
//! - [`Value`]: the NaN-boxed value encoding.
//! - [`Heap`]: size-class blocks and large objects over the memory manager; non-moving
//!   mark-sweep; conservative scanning of the owning thread's stack and registers; precise
//!   tracing of cells ([`Trace`]); a refcounted root table; weak references; finalizers;
//!   object-before-collect, before-collect and before-sweep callbacks; GC-stress mode
//!   (`CONCH_GC_STRESS=N`: collect every N-th allocation).
//! - GC-resident collections: [`GcVec`], [`GcHashMap`], [`GcArray`] (string storage), each
//!   growth returning a `Result`.
//!
//! Rule for users: a `Gc`/`Value` is kept alive only by the stack, a traced cell or a root —
//! never store one in memory the collector cannot see.

#![warn(missing_docs)]

mod block;
mod cell;
mod collect;
mod collections;
mod heap;
mod mark_stack;
mod scan;
mod seg_stack;
mod value;

pub use cell::{kind_of, vtable_of, CellType, Gc, Trace, VTable, PAYLOAD_OFFSET};
pub use collections::{GcArray, GcHashMap, GcKey, GcVec};
pub use conch_mm::OutOfMemory;
pub use heap::{
    CollectionError, Finalizer, Heap, HeapStats, HostCallback, MarkingHook, ObjectCallback,
    SliceLookup, SliceTrace, Tracer, WeakProcessor, WeakRef, ROOT_SLACK,
};
pub use scan::clear_dead_stack;
pub use seg_stack::{FrameRef, SegStack};
pub use value::Value;

/// Kind tags below this are the heap's own; embedders number their kinds from here.
pub const FIRST_EMBEDDER_KIND: u16 = 16;
/// Kind of [`WeakRef`] cells.
pub const KIND_WEAK_REF: u16 = 1;
/// Kind of [`GcArray`] storage cells.
pub const KIND_ARRAY: u16 = 2;

#[cfg(test)]
mod tests;
