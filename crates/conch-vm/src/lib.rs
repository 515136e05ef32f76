//! Conch's runtime and object model: strings, property keys and symbols, shapes, objects and
//! arrays with the spec's internal methods, realms with their intrinsics, native functions,
//! conversions and comparisons. The interpreter joins later.
//!
//! Layout, bottom to top (each folder imports only from the ones listed before it; `object/`
//! also reaches the realm's shape cache and the `Cx` type of native entry points, the core
//! files listed after it):
//! - `string/`: strings and ropes, property keys, symbols, the atom table; `numconv/`: number
//!   ↔ string conversions;
//! - `host/`: per-object data only host objects need (JsRT's external objects);
//! - `object/`: the storage layer — objects (header, class extensions, inline slots), shapes
//!   and base shapes, elements — with no spec validation;
//! - `runtime.rs`, `realm.rs`, `cx.rs`: the runtime, realms and their intrinsics, the execution
//!   context and completion types;
//! - `ops/`: the spec's abstract operations and internal methods, by chapter;
//! - `builtins/<name>/`: one folder per builtin.
//!
//! GC rules (`conch-gc/GC.md`): a `Gc`/`Value` stays alive while it is on the native stack, in
//! a traced cell or rooted; cells change only through `Cell` fields.

#![warn(missing_docs)]

pub mod bigint;
pub mod builtins;
pub mod cache;
pub mod compiler;
mod cx;
pub mod host;
pub mod interp;
pub mod module;
pub mod numconv;
mod object;
pub mod ops;
mod realm;
mod runtime;
pub mod script;
mod string;

pub use builtins::array_buffer::data as array_buffer;
pub use host as host_data;
pub use ops::conversion as convert;
pub use ops::host_traps as interceptor;
use string::key;

pub use cx::{Cx, ErrorKind, JsResult, Throw};
pub use key::{array_index_of, PropertyKey, Symbol};
pub use object::{
    attrs, base_flags, Accessor, BaseShape, ElementKind, NativeFn, Object, ObjectClass, Prop,
    Shape, MAX_DENSE_GAP, MAX_FAST_PROPERTIES, MAX_INLINE_SLOTS,
};
pub use realm::{Context, Intrinsic};
pub use runtime::{JobHook, Name, RejectionHook, Runtime, RuntimeAttributes, ThrowSite, WellKnown};
pub use string::{Chars, JsString, MAX_LENGTH as MAX_STRING_LENGTH};

/// Cell kinds of the VM (the heap's vtable `kind` tags).
pub mod kinds {
    use conch_gc::FIRST_EMBEDDER_KIND as F;
    /// A context (realm).
    pub const CONTEXT: u16 = F;
    /// A dictionary-mode object's property table.
    pub const DICT: u16 = F + 1;
    /// A string.
    pub const STRING: u16 = F + 2;
    /// A symbol.
    pub const SYMBOL: u16 = F + 3;
    /// A shape.
    pub const SHAPE: u16 = F + 4;
    /// An accessor pair.
    pub const ACCESSOR: u16 = F + 5;
    /// The runtime's own data.
    pub const RUNTIME_DATA: u16 = F + 6;
    /// An ArrayBuffer's contents.
    pub const BUFFER_DATA: u16 = F + 7;
    /// Host-object extras of an object.
    pub const HOST_DATA: u16 = F + 8;
    /// An untyped byte buffer.
    pub const RAW_DATA: u16 = F + 9;
    /// A custom external object's interceptor (9 trap values).
    pub const INTERCEPTOR: u16 = F + 10;
    /// A shape tree's shared part.
    pub const BASE_SHAPE: u16 = F + 11;
    /// A line of shapes' property table.
    pub const PROP_TABLE: u16 = F + 12;
    /// A shape's transitions (when more than one).
    pub const TRANSITIONS: u16 = F + 13;
    /// Sparse elements.
    pub const SPARSE: u16 = F + 14;
    /// A function's compiled code.
    pub const CODE: u16 = F + 15;
    /// A script's source text and name.
    pub const SCRIPT: u16 = F + 16;
    /// A Map/Set/WeakMap/WeakSet entry table.
    pub const MAP_TABLE: u16 = F + 17;
    /// An object's out-of-line words when it has elements but no elements field of its own.
    pub const OBJECT_SPILL: u16 = F + 18;
    /// A module record.
    pub const MODULE: u16 = F + 21;
    /// A BigInt (sign and magnitude limbs).
    pub const BIGINT: u16 = F + 19;
    /// The first object kind: objects are `OBJECT_FIRST + class` (`object::CLASS_COUNT` classes).
    pub const OBJECT_FIRST: u16 = F + 32;
}

#[cfg(test)]
mod tests;
