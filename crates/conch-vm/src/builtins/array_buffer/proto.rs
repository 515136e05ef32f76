//! `ArrayBuffer.prototype` methods that copy, move or resize contents: `resize`, `slice`,
//! `transfer`, `transferToFixedLength` and the immutable-ArrayBuffer proposal's
//! `transferToImmutable` and `sliceToImmutable`.

use super::this_buffer;
use crate::array_buffer::{self as data, data_of, BufferData, MAX_BYTE_LENGTH};
use crate::builtins::arg;
use crate::builtins::array::{relative_end, relative_index};
use crate::builtins::typed_array::to_index;
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops;
use crate::realm::Intrinsic;
use conch_gc::{Gc, Value};

type R = JsResult<Value>;

/// Copies `n` bytes between two live buffers (the caller checked both ranges).
pub(crate) fn copy_bytes(
    from: Gc<BufferData>,
    at: usize,
    to: Gc<BufferData>,
    to_at: usize,
    n: usize,
) {
    let (Some((src, slen)), Some((dst, dlen))) = (from.bytes(), to.bytes()) else {
        return;
    };
    if n == 0 || at + n > slen || to_at + n > dlen {
        return;
    }
    // SAFETY: both ranges were checked against the live lengths just above; `copy` allows
    // the two to be the same buffer.
    unsafe { std::ptr::copy(src.add(at), dst.add(to_at), n) };
}

fn detached_error(cx: &Cx, what: &str) -> crate::cx::Throw {
    let mut buf = [0u8; 96];
    let msg = crate::builtins::array::format_into(
        &mut buf,
        &[
            "Cannot perform ArrayBuffer.prototype.",
            what,
            " on a detached ArrayBuffer",
        ],
    );
    cx.type_error(msg)
}

/// `ArrayBuffer.prototype.resize ( newLength )`.
pub(super) fn resize(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "resize")?;
    let Some(max) = d.max_len() else {
        return Err(cx.type_error("ArrayBuffer.prototype.resize: the buffer is not resizable"));
    };
    let new_len = to_index(cx, arg(args, 0))?;
    if d.is_detached() {
        return Err(detached_error(cx, "resize"));
    }
    if new_len > max as u64 {
        return Err(
            cx.range_error("ArrayBuffer.prototype.resize: new length exceeds maxByteLength")
        );
    }
    data::set_len(cx, d, new_len as usize)?;
    Ok(Value::UNDEFINED)
}

/// `ArrayBuffer.prototype.slice ( start, end )`.
pub(super) fn slice(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let d = this_buffer(cx, this, "slice")?;
    if d.is_detached() {
        return Err(detached_error(cx, "slice"));
    }
    let len = d.len() as u64;
    let first = relative_index(cx, arg(args, 0), len)?;
    let fin = relative_end(cx, arg(args, 1), len)?;
    let new_len = fin.saturating_sub(first);
    let o = Object::from_value(this).expect("buffer");
    let c = ops::species_constructor(cx, o, Intrinsic::ArrayBuffer)?;
    let nv = ops::construct(cx, c, &[Value::number(new_len as f64)], c)?;
    let Some(nd) = Object::from_value(nv).and_then(data_of) else {
        return Err(
            cx.type_error("ArrayBuffer.prototype.slice: species did not make an ArrayBuffer")
        );
    };
    if nd.is_shared() || nd.is_immutable() {
        return Err(
            cx.type_error("ArrayBuffer.prototype.slice: species made a shared or immutable buffer")
        );
    }
    if nd.is_detached() {
        return Err(cx.type_error("ArrayBuffer.prototype.slice: the new buffer is detached"));
    }
    if nv == this {
        return Err(cx.type_error("ArrayBuffer.prototype.slice: species returned the same buffer"));
    }
    if (nd.len() as u64) < new_len {
        return Err(cx.type_error("ArrayBuffer.prototype.slice: the new buffer is too small"));
    }
    if d.is_detached() {
        return Err(detached_error(cx, "slice"));
    }
    let cur = d.len() as u64;
    if first < cur {
        let count = new_len.min(cur - first);
        copy_bytes(d, first as usize, nd, 0, count as usize);
    }
    Ok(nv)
}

/// What ArrayBufferCopyAndDetach keeps of the buffer's kind.
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    Resizability,
    FixedLength,
    Immutable,
}

/// `ArrayBufferCopyAndDetach(O, newLength, preserveResizability)`.
fn copy_and_detach(cx: &mut Cx, this: Value, new_length: Value, keep: Keep, what: &str) -> R {
    let d = this_buffer(cx, this, what)?;
    let new_len = if new_length.is_undefined() {
        d.len() as u64
    } else {
        to_index(cx, new_length)?
    };
    if d.is_detached() {
        return Err(detached_error(cx, what));
    }
    if d.is_immutable() {
        let mut buf = [0u8; 96];
        let msg = crate::builtins::array::format_into(
            &mut buf,
            &["ArrayBuffer.prototype.", what, ": the buffer is immutable"],
        );
        return Err(cx.type_error(msg));
    }
    let max = match keep {
        Keep::Resizability => d.max_len(),
        _ => None,
    };
    if max.is_some_and(|m| new_len > m as u64) {
        return Err(cx.range_error("Invalid array buffer length: larger than maxByteLength"));
    }
    if new_len > MAX_BYTE_LENGTH {
        return Err(cx.range_error("Invalid array buffer length"));
    }
    let o = data::transfer(cx, d, new_len as usize, max)?;
    if keep == Keep::Immutable {
        data::set_immutable(data_of(o).expect("array buffer"));
    }
    Ok(o.to_value())
}

/// `ArrayBuffer.prototype.transfer ( [ newLength ] )`.
pub(super) fn transfer(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    copy_and_detach(cx, this, arg(args, 0), Keep::Resizability, "transfer")
}

/// `ArrayBuffer.prototype.transferToFixedLength ( [ newLength ] )`.
pub(super) fn transfer_to_fixed(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    copy_and_detach(
        cx,
        this,
        arg(args, 0),
        Keep::FixedLength,
        "transferToFixedLength",
    )
}

/// `ArrayBuffer.prototype.transferToImmutable ( [ newLength ] )`.
pub(super) fn transfer_to_immutable(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    copy_and_detach(
        cx,
        this,
        arg(args, 0),
        Keep::Immutable,
        "transferToImmutable",
    )
}

/// `ArrayBuffer.prototype.sliceToImmutable ( start, end )`.
pub(super) fn slice_to_immutable(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    let d = this_buffer(cx, this, "sliceToImmutable")?;
    if d.is_detached() {
        return Err(detached_error(cx, "sliceToImmutable"));
    }
    let len = d.len() as u64;
    let first = relative_index(cx, arg(args, 0), len)?;
    let fin = relative_end(cx, arg(args, 1), len)?;
    let new_len = fin.saturating_sub(first);
    if d.is_detached() {
        return Err(detached_error(cx, "sliceToImmutable"));
    }
    if (d.len() as u64) < fin {
        return Err(cx.range_error(
            "ArrayBuffer.prototype.sliceToImmutable: the buffer shrank below the slice",
        ));
    }
    let o = data::create(cx, new_len as usize)?;
    let nd = data_of(o).expect("array buffer");
    copy_bytes(d, first as usize, nd, 0, new_len as usize);
    data::set_immutable(nd);
    Ok(o.to_value())
}
