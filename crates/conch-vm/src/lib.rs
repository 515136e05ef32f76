//! Conch's runtime and object model: strings, property keys and symbols, shapes, objects and
//! arrays with the spec's internal methods, realms with their intrinsics, native functions,
//! conversions and comparisons. The interpreter joins later.
//!
//! GC rule (from `conch-gc`): a `Gc`/`Value` stays alive while it is on the native stack, in a
//! traced cell or rooted; never keep one anywhere else.

#![warn(missing_docs)]

pub mod array_buffer;
pub mod builtins;
pub mod convert;
mod cx;
pub mod host_data;
pub mod interceptor;
mod key;
pub mod numconv;
mod object;
pub mod ops;
mod realm;
mod runtime;
mod shape;
mod string;

pub use cx::{Cx, ErrorKind, JsResult, Throw};
pub use key::{array_index_of, PropertyKey, Symbol};
pub use object::{Accessor, NativeFn, Object, ObjectClass, Prop, MAX_DENSE_GAP};
pub use realm::{Context, Intrinsic};
pub use runtime::{Name, Runtime, RuntimeAttributes, WellKnown};
pub use shape::{attrs, Shape, MAX_FAST_PROPERTIES};
pub use string::{Chars, JsString, MAX_LENGTH as MAX_STRING_LENGTH};

/// Cell kinds of the VM (the heap's vtable `kind` tags).
pub mod kinds {
    use conch_gc::FIRST_EMBEDDER_KIND as F;
    /// A context (realm).
    pub const CONTEXT: u16 = F;
    /// An object.
    pub const OBJECT: u16 = F + 1;
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
}

#[cfg(test)]
mod tests;
