//! `%TypedArray%.from`, `%TypedArray%.of` (§23.2.2) and the species machinery
//! (TypedArraySpeciesCreate, TypedArrayCreateFromConstructor).

use super::{ctor_of, kind_of, set_el, validate};
use crate::builtins::arg;
use crate::builtins::array::{get_index, tick};
use crate::convert::length_of_array_like;
use crate::convert::to_object;
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::ops;
use crate::runtime::Name;
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

/// `TypedArrayCreateFromConstructor(C, args, accessMode)` with a length argument (or a list
/// of args): the new object, validated (`write`: not over an immutable buffer), with at
/// least `min_len` elements when given.
pub(crate) fn create_from_ctor(
    cx: &mut Cx,
    c: Value,
    args: &[Value],
    min_len: Option<u64>,
    write: bool,
) -> JsResult<Gc<Object>> {
    let v = ops::construct(cx, c, args, c)?;
    let (o, e) = if write {
        super::validate_write(cx, v, "TypedArray constructor")?
    } else {
        validate(cx, v, "TypedArray constructor")?
    };
    if let Some(n) = min_len {
        if (e.length as u64) < n {
            return Err(cx.type_error(
                "Derived TypedArray constructor created an array which was too small",
            ));
        }
    }
    Ok(o)
}

/// `TypedArraySpeciesCreate(exemplar, args, accessMode)` (`write`: the result must not be
/// a view of an immutable buffer).
pub(crate) fn species_create(
    cx: &mut Cx,
    exemplar: Gc<Object>,
    args: &[Value],
    min_len: Option<u64>,
    write: bool,
) -> JsResult<Gc<Object>> {
    let kind = kind_of(&exemplar);
    let default = ctor_of(cx, kind);
    let ck = cx.name(Name::constructor);
    let c = ops::get(cx, exemplar, ck, exemplar.to_value())?;
    let c = if c.is_undefined() {
        default
    } else {
        let Some(co) = Object::from_value(c) else {
            return Err(cx.type_error("The constructor property is not an object"));
        };
        let sk = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
        let s = ops::get(cx, co, sk, c)?;
        if s.is_nullish() {
            default
        } else if Object::from_value(s).is_some_and(|f| f.is_constructor()) {
            s
        } else {
            return Err(cx.type_error("object.constructor[Symbol.species] is not a constructor"));
        }
    };
    let r = create_from_ctor(cx, c, args, min_len, write)?;
    if super::is_big(kind_of(&r)) != super::is_big(kind) {
        return Err(cx.type_error("TypedArray species created an array of another content type"));
    }
    Ok(r)
}

fn this_ctor(cx: &Cx, this: Value, what: &str) -> JsResult<Value> {
    if Object::from_value(this).is_some_and(|c| c.is_constructor()) {
        return Ok(this);
    }
    let mut buf = [0u8; 96];
    let msg = crate::builtins::array::format_into(
        &mut buf,
        &["%TypedArray%.", what, ": this is not a constructor"],
    );
    Err(cx.type_error(msg))
}

/// `%TypedArray%.from ( source [ , mapfn [ , thisArg ] ] )`.
pub(super) fn from(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let c = this_ctor(cx, this, "from")?;
    let (source, mapfn, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let mapping = !mapfn.is_undefined();
    if mapping && !Object::from_value(mapfn).is_some_and(|f| f.is_callable()) {
        return Err(crate::builtins::array::not_a_function(cx, "", mapfn));
    }
    let ik = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    let using = ops::iteration::get_method(cx, source, ik)?;
    if !using.is_undefined() {
        let values = GcVec::<Value>::new();
        let r = ops::iteration::get_iterator_from_method(cx, source, using)?;
        while let Some(v) = ops::iteration::iterator_step_value(cx, r)? {
            values.push(cx.heap(), v)?;
        }
        let len = values.len() as u64;
        let t = create_from_ctor(cx, c, &[Value::number(len as f64)], Some(len), true)?;
        for (k, v) in values.iter().enumerate() {
            tick(cx, k as u64)?;
            let kv = Value::number(k as f64);
            let v = if mapping {
                ops::call(cx, mapfn, this_arg, &[v, kv])?
            } else {
                v
            };
            let key = PropertyKey::index(k as u32);
            crate::builtins::array::set_key(cx, t, key, v)?;
        }
        return Ok(t.to_value());
    }
    let o = to_object(cx, source)?;
    let len = length_of_array_like(cx, o)?;
    let t = create_from_ctor(cx, c, &[Value::number(len as f64)], Some(len), true)?;
    for k in 0..len {
        tick(cx, k)?;
        let v = get_index(cx, o, k)?;
        let v = if mapping {
            ops::call(cx, mapfn, this_arg, &[v, Value::number(k as f64)])?
        } else {
            v
        };
        crate::builtins::array::set_index(cx, t, k, v)?;
    }
    Ok(t.to_value())
}

/// `%TypedArray%.of ( ...items )`.
pub(super) fn of(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let c = this_ctor(cx, this, "of")?;
    let len = args.len() as u64;
    let t = create_from_ctor(cx, c, &[Value::number(len as f64)], Some(len), true)?;
    for (k, &v) in args.iter().enumerate() {
        set_el(cx, &t, k as u64, v)?;
    }
    Ok(t.to_value())
}
