//! `Iterator.prototype.chunks` and `windows` (proposal iterator-chunking): two more helper
//! kinds of `helper` (their closure state is described at `helper::Kind::Chunks`).

use super::helper::{create, var, Kind, ARG, COUNTER, INNER, INNER_NEXT};
use super::{close_with, get_iterator_direct, this_object};
use crate::builtins::array::tick;
use crate::builtins::{arg, array_create};
use crate::cx::{Cx, JsResult};
use crate::interp::ops::array_push;
use crate::object::Object;
use crate::ops::iteration::{iterator_step_value, IteratorRecord};
use crate::realm::Intrinsic;
use crate::JsString;
use conch_gc::{Gc, GcArray, Value};

/// The size argument: an integral Number from 1 to 2^32 − 1, or the receiver is closed.
fn size(cx: &mut Cx, o: Value, v: Value) -> JsResult<f64> {
    let n = match v.as_number() {
        Some(n) if n.is_finite() && n.trunc() == n => n,
        _ => {
            let e = cx.type_error("The size must be an integral number");
            return Err(close_with(cx, o, e));
        }
    };
    if !(1.0..=4294967295.0).contains(&n) {
        let e = cx.range_error("The size must be between 1 and 2^32 - 1");
        return Err(close_with(cx, o, e));
    }
    Ok(n)
}

/// `Iterator.prototype.chunks ( chunkSize )`.
pub(super) fn chunks(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "chunks")?;
    let n = size(cx, o, arg(args, 0))?;
    let r = get_iterator_direct(cx, o)?;
    create(cx, Kind::Chunks, r, Value::number(n))
}

/// `Iterator.prototype.windows ( windowSize [ , undersized ] )`.
pub(super) fn windows(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let o = this_object(cx, this, "windows")?;
    let n = size(cx, o, arg(args, 0))?;
    let u = arg(args, 1);
    let partial = if u.is_undefined() {
        false
    } else {
        let s = JsString::from_value(u);
        let is = |cx: &mut Cx, text: &str| -> JsResult<bool> {
            let t = cx.string(text)?;
            match s {
                Some(s) => Ok(JsString::equals(cx.heap(), s, t)?),
                None => Ok(false),
            }
        };
        if is(cx, "allow-partial")? {
            true
        } else if is(cx, "only-full")? {
            false
        } else {
            let e = cx.type_error("undersized must be \"only-full\" or \"allow-partial\"");
            return Err(close_with(cx, o, e));
        }
    };
    let r = get_iterator_direct(cx, o)?;
    let h = create(cx, Kind::Windows, r, Value::number(n))?;
    if let Some(v) = Object::from_value(h).and_then(vars) {
        v.set(COUNTER, Value::bool(partial));
    }
    Ok(h)
}

fn vars(h: Gc<Object>) -> Option<Gc<GcArray<Value>>> {
    let a = h.internal(3).cell_addr()?;
    // SAFETY: `internal(3)` of a helper is its variables array (set by `helper::create`).
    unsafe { Gc::<GcArray<Value>>::from_addr(a) }
}

/// A fresh array of the first `len` elements of `b` from `from`.
fn copy(cx: &mut Cx, b: Gc<Object>, from: u32, proto: Value) -> JsResult<Gc<Object>> {
    let a = array_create(cx, 0, proto)?;
    for i in from..b.array_length() {
        let x = b.get_element(i).map_or(Value::UNDEFINED, |p| p.value);
        array_push(cx, a.to_value(), x)?;
    }
    Ok(a)
}

/// The closure of `chunks` (`windows`: of `windows`) from where it stopped.
pub(super) fn step(
    cx: &mut Cx,
    r: IteratorRecord,
    v: Gc<GcArray<Value>>,
    windows: bool,
) -> JsResult<Option<Value>> {
    if var(v, INNER) == Value::TRUE {
        return Ok(None);
    }
    let n = var(v, ARG).as_number().unwrap_or(1.0);
    let ap = cx.intrinsic(Intrinsic::ArrayPrototype);
    let mut k = 0;
    loop {
        tick(cx, k)?;
        k += 1;
        let buf = Object::from_value(var(v, INNER_NEXT));
        let Some(x) = iterator_step_value(cx, r)? else {
            let Some(b) = buf.filter(|b| b.array_length() > 0) else {
                return Ok(None);
            };
            if !windows {
                v.set(INNER, Value::TRUE);
                v.set(INNER_NEXT, Value::UNDEFINED);
                return Ok(Some(b.to_value()));
            }
            if var(v, COUNTER) == Value::TRUE && (b.array_length() as f64) < n {
                v.set(INNER, Value::TRUE);
                return Ok(Some(copy(cx, b, 0, ap)?.to_value()));
            }
            return Ok(None);
        };
        if !windows {
            let b = match buf {
                Some(b) => b,
                None => array_create(cx, 0, ap)?,
            };
            array_push(cx, b.to_value(), x)?;
            if b.array_length() as f64 >= n {
                v.set(INNER_NEXT, Value::UNDEFINED);
                return Ok(Some(b.to_value()));
            }
            v.set(INNER_NEXT, b.to_value());
            continue;
        }
        let b = match buf {
            Some(b) if b.array_length() as f64 >= n => copy(cx, b, 1, Value::NULL)?,
            Some(b) => b,
            None => array_create(cx, 0, Value::NULL)?,
        };
        array_push(cx, b.to_value(), x)?;
        v.set(INNER_NEXT, b.to_value());
        if b.array_length() as f64 >= n {
            return Ok(Some(copy(cx, b, 0, ap)?.to_value()));
        }
    }
}
