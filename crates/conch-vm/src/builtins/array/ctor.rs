//! `Array.from` and `Array.of` (§23.1.2).

use super::mutate::array_create_len;
use super::{create_index, get_index, num, set_length, tick, MAX_SAFE};
use crate::builtins::arg;
use crate::convert::{length_of_array_like, to_object};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::ops::iteration::{get_iterator_from_method, iterator_close_throw, iterator_step_value};
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// `IsConstructor(C) ? Construct(C, args) : ArrayCreate(len)`.
fn construct_or_array(cx: &mut Cx, c: Value, args: &[Value], len: u64) -> JsResult<Gc<Object>> {
    if Object::from_value(c).is_some_and(|o| o.is_constructor()) {
        let a = ops::construct(cx, c, args, Value::UNDEFINED)?;
        return Object::from_value(a)
            .ok_or_else(|| cx.type_error("constructor returned a non-object"));
    }
    array_create_len(cx, len)
}

/// `Array.from ( items [ , mapper [ , thisArg ] ] )`.
pub(super) fn from(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let c = this;
    let items = arg(args, 0);
    let mapper = arg(args, 1);
    let this_arg = arg(args, 2);
    let mapping = !mapper.is_undefined();
    if mapping && !Object::from_value(mapper).is_some_and(|f| f.is_callable()) {
        return Err(super::not_a_function(cx, "", mapper));
    }
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    let using_iterator = ops::iteration::get_v(cx, items, ik)?;
    let using_iterator = if using_iterator.is_nullish() {
        Value::UNDEFINED
    } else if Object::from_value(using_iterator).is_some_and(|f| f.is_callable()) {
        using_iterator
    } else {
        return Err(cx.type_error(
            "%Array%.from requires that the property of the first argument, items[Symbol.iterator], when exists, be a function",
        ));
    };
    if !using_iterator.is_undefined() {
        let a = construct_or_array(cx, c, &[], 0)?;
        let r = get_iterator_from_method(cx, items, using_iterator)?;
        let mut k: u64 = 0;
        loop {
            if k >= MAX_SAFE {
                let e = cx.type_error("Array.from: too many elements");
                return Err(iterator_close_throw(cx, r, e));
            }
            let Some(next) = iterator_step_value(cx, r)? else {
                set_length(cx, a, k)?;
                return Ok(a.to_value());
            };
            let step = |cx: &mut Cx| -> JsResult<()> {
                let v = if mapping {
                    ops::call(cx, mapper, this_arg, &[next, num(k)])?
                } else {
                    next
                };
                create_index(cx, a, k, v)
            };
            if let Err(e) = step(cx) {
                return Err(iterator_close_throw(cx, r, e));
            }
            k += 1;
        }
    }
    // Not iterable: an array-like.
    let array_like = to_object(cx, items)?;
    let len = length_of_array_like(cx, array_like)?;
    let a = construct_or_array(cx, c, &[num(len)], len)?;
    for k in 0..len {
        tick(cx, k)?;
        let v = get_index(cx, array_like, k)?;
        let v = if mapping {
            ops::call(cx, mapper, this_arg, &[v, num(k)])?
        } else {
            v
        };
        create_index(cx, a, k, v)?;
    }
    set_length(cx, a, len)?;
    Ok(a.to_value())
}

/// `Array.of ( ...items )`.
pub(super) fn of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let len = args.len() as u64;
    let a = construct_or_array(cx, this, &[num(len)], len)?;
    for (k, &v) in args.iter().enumerate() {
        create_index(cx, a, k as u64, v)?;
    }
    set_length(cx, a, len)?;
    Ok(a.to_value())
}
