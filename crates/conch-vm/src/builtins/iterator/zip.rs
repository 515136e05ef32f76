//! `Iterator.zip` and `Iterator.zipKeyed` (proposal joint-iteration): helpers of kind
//! `helper::Kind::Zip` whose closure variables are `[iterators, mode, padding, keys]`:
//! arrays (null prototype) of the open iterators as (iterator, next) pairs (`null` once
//! closed: the spec's openIters are the non-null ones), of the padding values and, for
//! `zipKeyed`, of the result keys (`undefined` for `zip`).

use super::helper::{create, Kind};
use super::{get_iterator_flattenable, iterator_close};
use crate::builtins::collection::map::get_iterator;
use crate::builtins::{arg, array_create};
use crate::convert::to_property_key;
use crate::cx::{Cx, JsResult};
use crate::interp::ops::array_push;
use crate::key::PropertyKey;
use crate::object::{attrs, Object, Prop};
use crate::ops;
use crate::ops::iteration::{iterator_step_value, IteratorRecord};
use crate::realm::Intrinsic;
use crate::JsString;
use conch_gc::{Gc, Value};

const SHORTEST: i32 = 0;
const LONGEST: i32 = 1;
const STRICT: i32 = 2;

fn el(a: Gc<Object>, i: u32) -> Value {
    a.get_element(i).map_or(Value::UNDEFINED, |p| p.value)
}

fn put(cx: &Cx, a: Gc<Object>, i: u32, v: Value) -> JsResult<()> {
    Object::put_element(
        cx.heap(),
        a,
        i,
        Prop {
            value: v,
            attrs: attrs::DEFAULT,
        },
    )?;
    Ok(())
}

/// `IteratorCloseAll(openIters, completion)`: closes the open iterators of `iters` (pairs)
/// in reverse order.
pub(super) fn close_all(
    cx: &mut Cx,
    iters: Gc<Object>,
    mut completion: JsResult<Value>,
) -> JsResult<Value> {
    let n = iters.array_length() / 2;
    for i in (0..n).rev() {
        let it = el(iters, 2 * i);
        if it.is_null() || it.is_undefined() {
            continue;
        }
        put(cx, iters, 2 * i, Value::NULL)?;
        completion = iterator_close(cx, it, completion);
    }
    completion
}

/// `GetOptionsObject(options)`, then the mode and the padding option.
fn options(cx: &mut Cx, options: Value) -> JsResult<(i32, Value)> {
    let o = if options.is_undefined() {
        None
    } else if let Some(o) = Object::from_value(options) {
        Some(o)
    } else {
        return Err(cx.type_error("The options must be an object"));
    };
    let Some(o) = o else {
        return Ok((SHORTEST, Value::UNDEFINED));
    };
    let mk = cx.rt.key("mode")?;
    let m = ops::get(cx, o, mk, options)?;
    let mode = if m.is_undefined() {
        SHORTEST
    } else {
        let mut found = None;
        for (text, v) in [
            ("shortest", SHORTEST),
            ("longest", LONGEST),
            ("strict", STRICT),
        ] {
            let t = cx.string(text)?;
            if let Some(s) = JsString::from_value(m) {
                if JsString::equals(cx.heap(), s, t)? {
                    found = Some(v);
                }
            }
        }
        match found {
            Some(v) => v,
            None => {
                return Err(cx.type_error("mode must be \"shortest\", \"longest\" or \"strict\""))
            }
        }
    };
    let mut padding = Value::UNDEFINED;
    if mode == LONGEST {
        let pk = cx.rt.key("padding")?;
        padding = ops::get(cx, o, pk, options)?;
        if !padding.is_undefined() && Object::from_value(padding).is_none() {
            return Err(cx.type_error("padding must be an object"));
        }
    }
    Ok((mode, padding))
}

/// Appends an opened iterator to `iters`.
fn push_iter(cx: &mut Cx, iters: Gc<Object>, r: IteratorRecord) -> JsResult<()> {
    array_push(cx, iters.to_value(), r.iterator)?;
    array_push(cx, iters.to_value(), r.next)
}

/// `Iterator.zip ( iterables [ , options ] )`.
pub(super) fn zip(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let iterables = arg(args, 0);
    if Object::from_value(iterables).is_none() {
        return Err(cx.type_error("Iterator.zip: iterables is not an object"));
    }
    let (mode, pad_opt) = options(cx, arg(args, 1))?;
    let iters = array_create(cx, 0, Value::NULL)?;
    let input = get_iterator(cx, iterables)?;
    loop {
        let next = match iterator_step_value(cx, input) {
            Ok(n) => n,
            Err(e) => return close_all(cx, iters, Err(e)),
        };
        let Some(x) = next else { break };
        match get_iterator_flattenable(cx, x, false) {
            Ok(r) => push_iter(cx, iters, r)?,
            Err(e) => {
                // IteratorCloseAll(« inputIter » + iters): the input iterator last.
                let e = close_all(cx, iters, Err(e));
                return iterator_close(cx, input.iterator, e);
            }
        }
    }
    let count = iters.array_length() / 2;
    let padding = array_create(cx, 0, Value::NULL)?;
    if mode == LONGEST {
        if pad_opt.is_undefined() {
            for _ in 0..count {
                array_push(cx, padding.to_value(), Value::UNDEFINED)?;
            }
        } else {
            let pi = match get_iterator(cx, pad_opt) {
                Ok(p) => p,
                Err(e) => return close_all(cx, iters, Err(e)),
            };
            let mut using = true;
            for _ in 0..count {
                let mut v = Value::UNDEFINED;
                if using {
                    match iterator_step_value(cx, pi) {
                        Ok(Some(x)) => v = x,
                        Ok(None) => using = false,
                        Err(e) => return close_all(cx, iters, Err(e)),
                    }
                }
                array_push(cx, padding.to_value(), v)?;
            }
            if using {
                let c = iterator_close(cx, pi.iterator, Ok(Value::UNDEFINED));
                if c.is_err() {
                    return close_all(cx, iters, c);
                }
            }
        }
    }
    finish(cx, iters, mode, padding, Value::UNDEFINED)
}

/// `Iterator.zipKeyed ( iterables [ , options ] )`.
pub(super) fn zip_keyed(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let iterables = arg(args, 0);
    let Some(io) = Object::from_value(iterables) else {
        return Err(cx.type_error("Iterator.zipKeyed: iterables is not an object"));
    };
    let (mode, pad_opt) = options(cx, arg(args, 1))?;
    let iters = array_create(cx, 0, Value::NULL)?;
    let keys = array_create(cx, 0, Value::NULL)?;
    let all = ops::own_property_keys(cx, io)?;
    for i in 0..all.len() {
        let kv = all.get(i).unwrap_or(Value::UNDEFINED);
        let step = |cx: &mut Cx| -> JsResult<Option<IteratorRecord>> {
            let key = to_property_key(cx, kv)?;
            let Some(d) = ops::get_own_property(cx, io, key)? else {
                return Ok(None);
            };
            if d.enumerable != Some(true) {
                return Ok(None);
            }
            let v = ops::get(cx, io, key, iterables)?;
            if v.is_undefined() {
                return Ok(None);
            }
            Ok(Some(get_iterator_flattenable(cx, v, false)?))
        };
        match step(cx) {
            Ok(Some(r)) => {
                array_push(cx, keys.to_value(), kv)?;
                push_iter(cx, iters, r)?;
            }
            Ok(None) => {}
            Err(e) => return close_all(cx, iters, Err(e)),
        }
    }
    let count = keys.array_length();
    let padding = array_create(cx, 0, Value::NULL)?;
    if mode == LONGEST {
        for i in 0..count {
            let v = match Object::from_value(pad_opt) {
                None => Value::UNDEFINED,
                Some(po) => {
                    let got = match to_property_key(cx, el(keys, i)) {
                        Ok(k) => ops::get(cx, po, k, pad_opt),
                        Err(e) => Err(e),
                    };
                    match got {
                        Ok(v) => v,
                        Err(e) => return close_all(cx, iters, Err(e)),
                    }
                }
            };
            array_push(cx, padding.to_value(), v)?;
        }
    }
    finish(cx, iters, mode, padding, keys.to_value())
}

fn finish(
    cx: &mut Cx,
    iters: Gc<Object>,
    mode: i32,
    padding: Gc<Object>,
    keys: Value,
) -> JsResult<Value> {
    let r = IteratorRecord {
        iterator: Value::UNDEFINED,
        next: Value::UNDEFINED,
    };
    let h = create(cx, Kind::Zip, r, iters.to_value())?;
    if let Some(v) = Object::from_value(h).and_then(super::helper::vars_of) {
        v.set(super::helper::COUNTER, Value::int(mode));
        v.set(super::helper::INNER, padding.to_value());
        v.set(super::helper::INNER_NEXT, keys);
    }
    Ok(h)
}

/// The zip closure, one round: the results of every iterator (`None`: finished).
pub(super) fn step(cx: &mut Cx, v: Gc<conch_gc::GcArray<Value>>) -> JsResult<Option<Value>> {
    use super::helper::{var, ARG, COUNTER, INNER, INNER_NEXT};
    let (Some(iters), Some(padding)) = (
        Object::from_value(var(v, ARG)),
        Object::from_value(var(v, INNER)),
    ) else {
        return Ok(None);
    };
    let mode = var(v, COUNTER).as_int().unwrap_or(SHORTEST);
    let keys = Object::from_value(var(v, INNER_NEXT));
    let count = iters.array_length() / 2;
    if count == 0 {
        return Ok(None);
    }
    let results = array_create(cx, 0, Value::NULL)?;
    for i in 0..count {
        let it = el(iters, 2 * i);
        let result = if it.is_null() {
            el(padding, i)
        } else {
            let r = IteratorRecord {
                iterator: it,
                next: el(iters, 2 * i + 1),
            };
            match iterator_step_value(cx, r) {
                Err(e) => {
                    put(cx, iters, 2 * i, Value::NULL)?;
                    return close_all(cx, iters, Err(e)).map(|_| None);
                }
                Ok(Some(x)) => x,
                Ok(None) => {
                    put(cx, iters, 2 * i, Value::NULL)?;
                    match mode {
                        SHORTEST => {
                            return close_all(cx, iters, Ok(Value::UNDEFINED)).map(|_| None)
                        }
                        STRICT => return strict_end(cx, iters, i, count),
                        _ => {}
                    }
                    if (0..count).all(|k| el(iters, 2 * k).is_null()) {
                        return Ok(None);
                    }
                    el(padding, i)
                }
            }
        };
        array_push(cx, results.to_value(), result)?;
    }
    let out = match keys {
        None => {
            let ap = cx.intrinsic(Intrinsic::ArrayPrototype);
            let a = array_create(cx, 0, ap)?;
            for i in 0..count {
                array_push(cx, a.to_value(), el(results, i))?;
            }
            a
        }
        Some(keys) => {
            let o = cx.new_object_with(crate::object::ObjectClass::Ordinary, Value::NULL)?;
            for i in 0..count {
                let k: PropertyKey = to_property_key(cx, el(keys, i))?;
                ops::create_data_property(cx, o, k, el(results, i))?;
            }
            o
        }
    };
    Ok(Some(out.to_value()))
}

/// Strict mode: iterator `i` is done; every other must be too.
fn strict_end(cx: &mut Cx, iters: Gc<Object>, i: u32, count: u32) -> JsResult<Option<Value>> {
    if i != 0 {
        let e = cx.type_error("Iterator.zip: the iterators have different lengths");
        return close_all(cx, iters, Err(e)).map(|_| None);
    }
    for k in 1..count {
        let r = IteratorRecord {
            iterator: el(iters, 2 * k),
            next: el(iters, 2 * k + 1),
        };
        match super::iterator_step(cx, r) {
            Err(e) => {
                put(cx, iters, 2 * k, Value::NULL)?;
                return close_all(cx, iters, Err(e)).map(|_| None);
            }
            Ok(None) => put(cx, iters, 2 * k, Value::NULL)?,
            Ok(Some(_)) => {
                let e = cx.type_error("Iterator.zip: the iterators have different lengths");
                return close_all(cx, iters, Err(e)).map(|_| None);
            }
        }
    }
    Ok(None)
}
