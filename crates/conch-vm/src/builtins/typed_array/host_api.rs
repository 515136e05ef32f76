//! What a host (the JsRT layer) reads of typed arrays and DataViews: the element type, the
//! buffer, and where the viewed bytes are (`JsGetTypedArrayInfo`, `JsGetTypedArrayStorage`,
//! `JsGetDataViewInfo`, `JsGetDataViewStorage`), and the constructors it creates them with.

use super::{ctor_of, elements, kind_of, slot, KINDS};
use crate::cx::Cx;
use crate::host::ElementType;
use crate::object::{Object, ObjectClass};
use conch_gc::{Gc, Value};

/// A view's buffer and bytes as a host sees them. A view whose buffer is detached (or too
/// small for it) has no bytes: `data` is null and `byte_length` 0.
#[derive(Clone, Copy)]
pub struct ViewInfo {
    /// The element type (`Uint8` for a DataView).
    pub kind: ElementType,
    /// The viewed ArrayBuffer.
    pub buffer: Gc<Object>,
    /// Where the view starts in the buffer.
    pub byte_offset: usize,
    /// How many bytes the view covers now.
    pub byte_length: usize,
    /// The address of the first viewed byte (null when there are none to see).
    pub data: *mut u8,
}

/// The view of a typed array object (`None` for anything else).
pub fn typed_array_info(o: &Object) -> Option<ViewInfo> {
    let e = elements(o)?;
    let buffer = Object::from_value(o.internal(0))?;
    let kind = kind_of(o);
    let byte_length = e.length as usize * kind.size();
    Some(ViewInfo {
        kind,
        buffer,
        byte_offset: slot(o, 1),
        byte_length,
        data: if byte_length == 0 {
            std::ptr::null_mut()
        } else {
            e.data as *mut u8
        },
    })
}

/// The view of a DataView object (`None` for anything else).
pub fn data_view_info(o: &Object) -> Option<ViewInfo> {
    if o.class() != ObjectClass::DataView {
        return None;
    }
    let buffer = Object::from_value(o.internal(0))?;
    let (data, byte_length) = match crate::builtins::data_view::view_bytes(o) {
        Some((p, n)) => (p as *mut u8, n),
        None => (std::ptr::null_mut(), 0),
    };
    Some(ViewInfo {
        kind: ElementType::Uint8,
        buffer,
        byte_offset: slot(o, 1),
        byte_length,
        data,
    })
}

/// The element type numbered `n` in `JsTypedArrayType` order, extended past Float64 (8)
/// with BigInt64 (9), BigUint64 (10) and Float16 (11).
pub fn element_type_of_index(n: u32) -> Option<ElementType> {
    KINDS.get(n as usize).copied()
}

/// The number of `kind` in that order.
pub fn element_type_index(kind: ElementType) -> u32 {
    KINDS.iter().position(|&k| k == kind).unwrap_or(0) as u32
}

/// The current realm's constructor of `kind`'s typed arrays.
pub fn typed_array_constructor(cx: &Cx, kind: ElementType) -> Value {
    ctor_of(cx, kind)
}
