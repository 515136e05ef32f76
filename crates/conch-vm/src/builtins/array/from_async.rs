//! `Array.fromAsync ( asyncItems [ , mapper [ , thisArg ] ] )` (ES2026 §23.1.2.2).
//!
//! The algorithm awaits at every step, so it is written as an async function (below, in JS)
//! that the native `Array.fromAsync` compiles once per realm on first call, caches in its
//! `internal(0)` and calls with its own `this` and arguments: the visible function stays a
//! builtin (name, length, no `prototype`, `[native code]`). The JS reaches no global binding:
//! every operation a script could patch (`Function.prototype.call`, `Object.defineProperty`,
//! `TypeError`, …) goes through the native helpers passed to the factory, and `await` is the
//! spec's `Await`.

use super::array_create;
use crate::builtins::{arg, create_function, FunctionOptions};
use crate::convert::{to_object, to_property_key};
use crate::cx::{Cx, JsResult};
use crate::object::{NativeFn, Object};
use crate::ops;
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::{Gc, Value};

const SOURCE: &str = r#"(function (call, construct, isConstructor, arrayCreate, defineData, setLength,
    getMethod, getIterator, toObject, lengthOf, typeError, symAsync, symIter) {
  'use strict';
  async function close(iter, e) {
    try {
      var ret = iter.return;
      if (ret !== void 0 && ret !== null) await call(ret, iter);
    } catch (_) {}
    throw e;
  }
  return async function (asyncItems, mapfn, thisArg) {
    var C = this;
    var mapping = mapfn !== void 0;
    if (mapping && typeof mapfn !== 'function') typeError(0);
    var usingAsync = getMethod(asyncItems, symAsync);
    var usingSync = usingAsync === void 0 ? getMethod(asyncItems, symIter) : void 0;
    var A, k = 0;
    if (usingAsync !== void 0 || usingSync !== void 0) {
      var rec = usingAsync !== void 0
        ? getIterator(asyncItems, usingAsync, false)
        : getIterator(asyncItems, usingSync, true);
      var iter = rec[0], next = rec[1];
      A = isConstructor(C) ? construct(C) : arrayCreate(0);
      for (;;) {
        if (k >= 9007199254740991) {
          try { typeError(2); } catch (e) { await close(iter, e); }
        }
        var r = await call(next, iter);
        if ((typeof r !== 'object' || r === null) && typeof r !== 'function') typeError(1);
        if (r.done) { setLength(A, k); return A; }
        var v = r.value;
        if (mapping) {
          try { v = await call(mapfn, thisArg, v, k); } catch (e) { await close(iter, e); }
        }
        try { defineData(A, k, v); } catch (e) { await close(iter, e); }
        k++;
      }
    }
    var arrayLike = toObject(asyncItems);
    var len = lengthOf(arrayLike);
    A = isConstructor(C) ? construct(C, len) : arrayCreate(len);
    while (k < len) {
      var kValue = await arrayLike[k];
      if (mapping) kValue = await call(mapfn, thisArg, kValue, k);
      defineData(A, k, kValue);
      k++;
    }
    setLength(A, len);
    return A;
  };
})"#;

fn h_call(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    ops::call(cx, arg(a, 0), arg(a, 1), a.get(2..).unwrap_or(&[]))
}

fn h_construct(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let c = arg(a, 0);
    ops::construct(cx, c, a.get(1..).unwrap_or(&[]), c)
}

fn h_is_constructor(_: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::bool(
        Object::from_value(arg(a, 0)).is_some_and(|c| c.is_constructor()),
    ))
}

fn h_array_create(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let n = arg(a, 0).as_number().unwrap_or(0.0);
    if n > u32::MAX as f64 {
        return Err(cx.range_error("Invalid array length"));
    }
    Ok(array_create(cx, n as u32, cx.intrinsic(Intrinsic::ArrayPrototype))?.to_value())
}

fn h_define(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let Some(o) = Object::from_value(arg(a, 0)) else {
        return Err(cx.type_error("Array.fromAsync: not an object"));
    };
    let key = to_property_key(cx, arg(a, 1))?;
    if !ops::create_data_property(cx, o, key, arg(a, 2))? {
        return Err(cx.type_error("Array.fromAsync: cannot define an element"));
    }
    Ok(Value::UNDEFINED)
}

fn h_set_length(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let Some(o) = Object::from_value(arg(a, 0)) else {
        return Err(cx.type_error("Array.fromAsync: not an object"));
    };
    let key = cx.name(crate::runtime::Name::length);
    if !ops::set(cx, o, key, arg(a, 1), o.to_value())? {
        return Err(cx.type_error("Array.fromAsync: cannot set length"));
    }
    Ok(Value::UNDEFINED)
}

fn h_get_method(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let key = to_property_key(cx, arg(a, 1))?;
    ops::iteration::get_method(cx, arg(a, 0), key)
}

fn h_get_iterator(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let r = ops::iteration::get_iterator_from_method(cx, arg(a, 0), arg(a, 1))?;
    let (it, next) = if arg(a, 2) == Value::TRUE {
        crate::interp::async_iter::wrap_sync(cx, r.iterator, r.next)?
    } else {
        (r.iterator, r.next)
    };
    Ok(super::array_from_list(cx, &[it, next])?.to_value())
}

fn h_to_object(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    Ok(to_object(cx, arg(a, 0))?.to_value())
}

fn h_length_of(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = to_object(cx, arg(a, 0))?;
    Ok(Value::number(
        ops::conversion::length_of_array_like(cx, o)? as f64
    ))
}

fn h_type_error(cx: &mut Cx, _: Gc<Object>, _: Value, a: &[Value], _: Value) -> JsResult<Value> {
    Err(cx.type_error(match arg(a, 0).as_int() {
        Some(0) => "Array.fromAsync: the mapper is not a function",
        Some(1) => "Array.fromAsync: the iterator result is not an object",
        _ => "Array.fromAsync: too many elements",
    }))
}

/// Compiles the implementation (the factory applied to the helpers).
fn implementation(cx: &mut Cx) -> JsResult<Value> {
    let mut pos = None;
    let factory = crate::script::eval_script(cx, SOURCE, "Array.fromAsync", &mut pos)?;
    let helpers: [(NativeFn, u32); 11] = [
        (h_call, 2),
        (h_construct, 1),
        (h_is_constructor, 1),
        (h_array_create, 1),
        (h_define, 3),
        (h_set_length, 2),
        (h_get_method, 2),
        (h_get_iterator, 3),
        (h_to_object, 1),
        (h_length_of, 1),
        (h_type_error, 1),
    ];
    let mut args = [Value::UNDEFINED; 13];
    for (slot, (f, length)) in args.iter_mut().zip(helpers) {
        *slot = create_function(
            cx,
            f,
            FunctionOptions {
                name: cx.string("")?.to_value(),
                length,
                constructor: false,
            },
        )?
        .to_value();
    }
    args[11] = cx.rt.well_known(WellKnown::asyncIterator).to_value();
    args[12] = cx.rt.well_known(WellKnown::iterator).to_value();
    ops::call(cx, factory, Value::UNDEFINED, &args)
}

/// `Array.fromAsync`.
pub(super) fn from_async(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let mut f = callee.internal(0);
    if f.is_undefined() {
        f = implementation(cx)?;
        Object::set_internal(callee, 0, f);
    }
    ops::call(cx, f, this, &[arg(args, 0), arg(args, 1), arg(args, 2)])
}
