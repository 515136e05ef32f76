//! Conch's runtime and object model (first slice; see README.md for what exists).

#![warn(missing_docs)]

mod object;
mod runtime;

pub use object::{Context, Object, ObjectClass, PropertyKey};
pub use runtime::{Runtime, RuntimeAttributes};

/// Cell kinds of the VM (the heap's vtable `kind` tags).
pub mod kinds {
    use conch_gc::FIRST_EMBEDDER_KIND as F;
    /// A context (realm).
    pub const CONTEXT: u16 = F;
    /// An object.
    pub const OBJECT: u16 = F + 1;
    /// A property key (interned).
    pub const PROPERTY_KEY: u16 = F + 2;
}
