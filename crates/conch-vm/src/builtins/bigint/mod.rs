//! `BigInt` and `BigInt.prototype` (ECMA-262 §21.2). The values and their arithmetic are in
//! `crate::bigint`; wrappers are `ObjectClass::BigInt` objects whose `internal(0)` is the
//! BigInt, as the other primitive wrappers.

use super::{arg, constructor, data, fill_constructor, link_constructor, method, Lazy};
use crate::bigint::{arith, convert as bconv, BigInt};
use crate::convert::{to_bigint, to_number, to_primitive, Hint};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::numconv;
use crate::object::{attrs, Object, ObjectClass};
use crate::realm::{Context, Intrinsic};
use crate::runtime::WellKnown;
use conch_gc::{Gc, Value};

/// `BigInt ( value )`: callable, not a constructor.
fn bigint_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    if !nt.is_undefined() {
        return Err(cx.type_error("BigInt is not a constructor"));
    }
    let prim = to_primitive(cx, arg(args, 0), Hint::Number)?;
    if let Some(d) = prim.as_number() {
        return Ok(bconv::from_number(cx, d)?.to_value());
    }
    Ok(to_bigint(cx, prim)?.to_value())
}

/// `ToIndex` (§7.1.22) of a bit count.
fn to_index(cx: &mut Cx, v: Value) -> JsResult<u64> {
    let d = numconv::to_integer_or_infinity(to_number(cx, v)?);
    if !(0.0..=9_007_199_254_740_991.0).contains(&d) {
        return Err(cx.range_error("Invalid index: must be an integer between 0 and 2^53 - 1"));
    }
    Ok(d as u64)
}

/// `BigInt.asIntN ( bits, bigint )`.
fn as_int_n(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let bits = to_index(cx, arg(args, 0))?;
    let x = to_bigint(cx, arg(args, 1))?;
    Ok(arith::as_int_n(cx, bits, x)?.to_value())
}

/// `BigInt.asUintN ( bits, bigint )`.
fn as_uint_n(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let bits = to_index(cx, arg(args, 0))?;
    let x = to_bigint(cx, arg(args, 1))?;
    Ok(arith::as_uint_n(cx, bits, x)?.to_value())
}

/// `thisBigIntValue`; `what` is the TypeError's message.
fn this_bigint(cx: &Cx, v: Value, what: &str) -> JsResult<Gc<BigInt>> {
    if let Some(b) = BigInt::from_value(v) {
        return Ok(b);
    }
    if let Some(o) = Object::from_value(v).filter(|o| o.class() == ObjectClass::BigInt) {
        if let Some(b) = BigInt::from_value(o.internal(0)) {
            return Ok(b);
        }
    }
    Err(cx.type_error(what))
}

/// `BigInt.prototype.toString ( [ radix ] )`.
fn to_string_(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let x = this_bigint(
        cx,
        this,
        "BigInt.prototype.toString requires that 'this' be a BigInt",
    )?;
    let r = arg(args, 0);
    let radix = if r.is_undefined() {
        10.0
    } else {
        numconv::to_integer_or_infinity(to_number(cx, r)?)
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(cx.range_error("toString() radix argument must be between 2 and 36"));
    }
    Ok(bconv::to_string(cx, x, radix as u32)?.to_value())
}

/// `BigInt.prototype.toLocaleString ( )`. Without Intl: the "en-US" default format, as node
/// prints it (the decimal digits with grouping commas; the arguments are not read).
fn to_locale_string(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let x = this_bigint(
        cx,
        this,
        "BigInt.prototype.toLocaleString requires that 'this' be a BigInt",
    )?;
    let s = bconv::to_string(cx, x, 10)?;
    let chars = s.chars();
    let n = chars.len();
    let neg = n > 0 && chars.at(0) == u16::from(b'-');
    let d = n - usize::from(neg);
    let out = conch_gc::GcVec::<u8>::new();
    out.reserve(cx.heap(), n + d / 3)?;
    for (i, u) in chars.units().enumerate() {
        // Digit j (0-based, after the sign) starts a group when d - j is a multiple of 3.
        let j = i.wrapping_sub(usize::from(neg));
        if j != 0 && j < d && (d - j).is_multiple_of(3) {
            out.push(cx.heap(), b',')?;
        }
        out.push(cx.heap(), u as u8)?;
    }
    // SAFETY: `out` is this frame's own vector, not written while the slice lives.
    let bytes = unsafe { out.as_slice() };
    Ok(crate::string::JsString::from_latin1(cx.heap(), bytes)?.to_value())
}

/// `BigInt.prototype.valueOf ( )`.
fn value_of(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this_bigint(
        cx,
        this,
        "BigInt.prototype.valueOf requires that 'this' be a BigInt",
    )?
    .to_value())
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    // BigInt.prototype is an ordinary object (§21.2.3), not a wrapper.
    let proto = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::BigIntPrototype, proto.to_value());
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let c = constructor(
        cx,
        global,
        "BigInt",
        bigint_ctor,
        proto,
        fp,
        Lazy::BigIntCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::BigInt, c.to_value());
    Object::set_lazy(proto, Lazy::BigIntProto as u8);
    Ok(())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, proto, Intrinsic::BigInt)?;
    method(cx, proto, "toLocaleString", 0, to_locale_string)?;
    method(cx, proto, "toString", 0, to_string_)?;
    method(cx, proto, "valueOf", 0, value_of)?;
    let tag = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let ts = cx.string("BigInt")?;
    data(cx, proto, tag, ts.to_value(), attrs::CONFIGURABLE)
}

pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 1)?;
    method(cx, c, "asIntN", 2, as_int_n)?;
    method(cx, c, "asUintN", 2, as_uint_n)?;
    Ok(())
}

#[cfg(test)]
mod tests;
