//! Element fast paths of `GetKeyed` and `SetKeyed` with a non-negative int32 key: dense array
//! elements and typed-array elements, read and written without the generic `[[Get]]`/`[[Set]]`
//! (no property key, no descriptor). Anything they do not cover returns `None`/`false` and the
//! generic path runs.

use crate::builtins::typed_array;
use crate::cx::Cx;
use crate::object::{attrs, Object, ObjectClass};
use conch_gc::{Gc, Value};

/// `o[i]` when it needs no lookup beyond `o`: an existing data element of an array, or any
/// index of a typed array (out of bounds: undefined, as TypedArrayGetElement says).
#[inline]
pub(super) fn get(o: Gc<Object>, i: u32) -> Option<Value> {
    match o.class() {
        ObjectClass::Array => {
            let p = o.get_element(i)?;
            (p.attrs & attrs::ACCESSOR == 0).then_some(p.value)
        }
        ObjectClass::TypedArray => {
            let e = match typed_array::fast_elements(&o, false) {
                Some(e) => e,
                None => typed_array::elements(&o)?,
            };
            if i >= e.length {
                return Some(Value::UNDEFINED);
            }
            if typed_array::is_big(e.kind) {
                return None;
            }
            Some(e.read_value(i))
        }
        _ => None,
    }
}

/// `o[i] = v` when it needs no lookup beyond `o`: an existing writable element of an array or
/// plain object, a new element of an array whose prototypes have no elements, or a number
/// stored into a (non-BigInt) typed array (out of bounds: nothing, as TypedArraySetElement
/// says). Whether it was done.
#[inline]
pub(super) fn set(cx: &Cx, o: Gc<Object>, i: u32, v: Value) -> bool {
    match o.class() {
        ObjectClass::Array | ObjectClass::Ordinary if o.host_data().is_none() => {
            o.try_set_dense_element(i, v) || Object::try_add_element(cx.heap(), o, i, v)
        }
        ObjectClass::TypedArray => {
            if let Some(e) = typed_array::fast_elements(&o, true) {
                if typed_array::is_big(e.kind) {
                    return false;
                }
                return store_number(e, i, v);
            }
            let Some((e, data)) = typed_array::elements_and_data(&o) else {
                return false;
            };
            if typed_array::is_big(e.kind)
                || (i < e.length && data.is_some_and(|d| d.is_immutable()))
            {
                return false;
            }
            store_number(e, i, v)
        }
        _ => false,
    }
}

/// Stores number `v` at `i` of typed-array elements `e` (nothing out of bounds); false (not
/// done) when `v` is not a number.
#[inline]
fn store_number(e: crate::host::ExternalElements, i: u32, v: Value) -> bool {
    if let Some(n) = v.as_int() {
        if i < e.length {
            e.write_int(i, n);
        }
        return true;
    }
    let Some(d) = v.as_number() else {
        return false;
    };
    if i < e.length {
        e.write(i, d);
    }
    true
}
