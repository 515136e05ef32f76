//! Type tests, conversions and comparisons (ECMA-262 §7.1, §7.2).

use crate::bigint::convert as bigint_convert;
use crate::bigint::BigInt;
use crate::cx::{Cx, JsResult};
use crate::key::{PropertyKey, Symbol};
use crate::kinds;
use crate::numconv;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::{Name, WellKnown};
use crate::string::{Chars, JsString};
use conch_gc::{Gc, Value};

/// The language type of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// A symbol.
    Symbol,
    /// An object.
    Object,
    /// An engine-internal cell that is not a language value (never handed out).
    Internal,
    /// A BigInt.
    BigInt,
}

/// The language type of `v`.
pub fn type_of(v: Value) -> Type {
    if let Some(addr) = v.cell_addr() {
        // SAFETY: cell values reaching the VM are live cells of this runtime's heap.
        let kind = unsafe { conch_gc::vtable_of(addr) }.kind;
        return match kind {
            kinds::STRING => Type::String,
            kinds::SYMBOL => Type::Symbol,
            kinds::BIGINT => Type::BigInt,
            k if (kinds::OBJECT_FIRST..kinds::OBJECT_FIRST + crate::object::CLASS_COUNT)
                .contains(&k) =>
            {
                Type::Object
            }
            _ => Type::Internal,
        };
    }
    if v.is_number() {
        Type::Number
    } else if v.is_bool() {
        Type::Boolean
    } else if v.is_null() {
        Type::Null
    } else {
        Type::Undefined
    }
}

/// `ToBoolean`.
pub fn to_boolean(v: Value) -> bool {
    if let Some(b) = v.as_bool() {
        return b;
    }
    if let Some(d) = v.as_number() {
        return !(d == 0.0 || d.is_nan());
    }
    if let Some(s) = JsString::from_value(v) {
        return !s.is_empty();
    }
    if let Some(b) = BigInt::from_value(v) {
        return !b.is_zero();
    }
    // Annex B.3.6.1: an object with [[IsHTMLDDA]] is falsy.
    v.is_cell() && !Object::from_value(v).is_some_and(|o| o.is_html_dda())
}

/// The hint of `ToPrimitive`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// No preference (`default`).
    Default,
    /// `number`.
    Number,
    /// `string`.
    String,
}

/// `ToPrimitive`.
pub fn to_primitive(cx: &mut Cx, v: Value, hint: Hint) -> JsResult<Value> {
    let Some(o) = Object::from_value(v) else {
        return Ok(v);
    };
    let tp = PropertyKey::symbol(cx.rt.well_known(WellKnown::toPrimitive));
    let exotic = ops::get_v(cx, o, tp)?;
    if !exotic.is_nullish() {
        let h = match hint {
            Hint::Default => "default",
            Hint::Number => "number",
            Hint::String => "string",
        };
        let hs = cx.string(h)?;
        let r = ops::call(cx, exotic, v, &[hs.to_value()])?;
        if Object::from_value(r).is_some() {
            return Err(cx.type_error("Cannot convert object to primitive value"));
        }
        return Ok(r);
    }
    let order = if hint == Hint::String {
        [Name::toString, Name::valueOf]
    } else {
        [Name::valueOf, Name::toString]
    };
    for n in order {
        let key = cx.name(n);
        let f = ops::get_v(cx, o, key)?;
        if Object::from_value(f).is_some_and(|f| f.is_callable()) {
            let r = ops::call(cx, f, v, &[])?;
            if Object::from_value(r).is_none() {
                return Ok(r);
            }
        }
    }
    Err(cx.type_error("Cannot convert object to primitive value"))
}

/// `StringToNumber` of a string cell.
pub fn string_to_number(cx: &Cx, s: Gc<JsString>) -> JsResult<f64> {
    let flat = JsString::flatten(cx.heap(), s)?;
    Ok(match flat.chars() {
        Chars::Two(w) => numconv::string_to_number(w),
        Chars::One(b) => {
            let mut buf = [0u16; 128];
            if b.len() <= buf.len() {
                for (d, &c) in buf.iter_mut().zip(b) {
                    *d = c as u16;
                }
                numconv::string_to_number(&buf[..b.len()])
            } else {
                let wide = JsString::build_utf16(cx.heap(), b.len(), false, |i| b[i] as u16)?;
                match wide.chars() {
                    Chars::Two(w) => numconv::string_to_number(w),
                    Chars::One(_) => unreachable!("built two-byte"),
                }
            }
        }
    })
}

/// `ToNumber`.
pub fn to_number(cx: &mut Cx, v: Value) -> JsResult<f64> {
    if let Some(d) = v.as_number() {
        return Ok(d);
    }
    match type_of(v) {
        Type::Undefined => Ok(f64::NAN),
        Type::Null => Ok(0.0),
        Type::Boolean => Ok(if v.as_bool() == Some(true) { 1.0 } else { 0.0 }),
        Type::String => string_to_number(cx, JsString::from_value(v).expect("string")),
        Type::Symbol => Err(cx.type_error("Cannot convert a Symbol value to a number")),
        Type::BigInt => Err(cx.type_error("Cannot convert a BigInt value to a number")),
        Type::Object => {
            let p = to_primitive(cx, v, Hint::Number)?;
            to_number(cx, p)
        }
        Type::Number | Type::Internal => Ok(f64::NAN),
    }
}

/// `ToUint32`.
pub fn to_uint32(cx: &mut Cx, v: Value) -> JsResult<u32> {
    Ok(numconv::to_uint32(to_number(cx, v)?))
}

/// `ToInt32`.
pub fn to_int32(cx: &mut Cx, v: Value) -> JsResult<i32> {
    Ok(numconv::to_int32(to_number(cx, v)?))
}

/// `Number::toString(x)` as a string cell.
pub fn number_to_js_string(cx: &Cx, d: f64) -> JsResult<Gc<JsString>> {
    if let Some(i) = Value::number(d).as_int() {
        if (0..10).contains(&i) {
            let digit = [b'0' + i as u8];
            return Ok(cx.rt.intern_chars(Chars::One(&digit))?);
        }
    }
    let mut buf = [0u8; 32];
    let s = numconv::number_to_string(d, &mut buf);
    Ok(JsString::from_latin1(cx.heap(), s.as_bytes())?)
}

/// `ToString`.
pub fn to_string(cx: &mut Cx, v: Value) -> JsResult<Gc<JsString>> {
    if let Some(d) = v.as_number() {
        return number_to_js_string(cx, d);
    }
    let text = match type_of(v) {
        Type::String => return Ok(JsString::from_value(v).expect("string")),
        Type::Undefined => "undefined",
        Type::Null => "null",
        Type::Boolean => {
            if v.as_bool() == Some(true) {
                "true"
            } else {
                "false"
            }
        }
        Type::Symbol => return Err(cx.type_error("Cannot convert a Symbol value to a string")),
        Type::BigInt => {
            let b = BigInt::from_value(v).expect("bigint");
            return crate::bigint::convert::to_string(cx, b, 10);
        }
        Type::Object => {
            let p = to_primitive(cx, v, Hint::String)?;
            return to_string(cx, p);
        }
        Type::Number | Type::Internal => "",
    };
    Ok(cx.rt.intern_chars(Chars::One(text.as_bytes()))?)
}

/// `ToObject`.
pub fn to_object(cx: &mut Cx, v: Value) -> JsResult<Gc<Object>> {
    let (class, proto) = match type_of(v) {
        Type::Object => return Ok(Object::from_value(v).expect("object")),
        Type::Undefined | Type::Null | Type::Internal => {
            return Err(cx.type_error("Cannot convert undefined or null to object"))
        }
        Type::Boolean => (ObjectClass::Boolean, Intrinsic::BooleanPrototype),
        Type::Number => (ObjectClass::Number, Intrinsic::NumberPrototype),
        Type::String => (ObjectClass::String, Intrinsic::StringPrototype),
        Type::Symbol => (ObjectClass::Symbol, Intrinsic::SymbolPrototype),
        Type::BigInt => (ObjectClass::BigInt, Intrinsic::BigIntPrototype),
    };
    wrap_primitive(cx, class, cx.intrinsic(proto), v)
}

/// A wrapper object of `class` for the primitive `v` (String wrappers get their own
/// non-writable `length`).
pub(crate) fn wrap_primitive(
    cx: &Cx,
    class: ObjectClass,
    proto: Value,
    v: Value,
) -> JsResult<Gc<Object>> {
    let o = cx.new_object_with(class, proto)?;
    Object::set_internal(o, 0, v);
    if class == ObjectClass::String {
        let len = JsString::from_value(v).expect("string").len();
        let key = cx.name(Name::length).to_raw();
        Object::put_named(
            cx.heap(),
            o,
            key,
            crate::object::Prop {
                value: Value::number(len as f64),
                attrs: 0,
            },
        )?;
    }
    Ok(o)
}

/// `ToPropertyKey`.
pub fn to_property_key(cx: &mut Cx, v: Value) -> JsResult<PropertyKey> {
    if let Some(i) = v.as_int() {
        if i >= 0 {
            return Ok(PropertyKey::index(i as u32));
        }
    }
    let p = to_primitive(cx, v, Hint::String)?;
    if let Some(s) = Symbol::from_value(p) {
        return Ok(PropertyKey::symbol(s));
    }
    let s = to_string(cx, p)?;
    Ok(cx.rt.key_from_string(s)?)
}

/// A property key as a value (strings for names and indices, symbols as themselves).
pub fn key_to_value(cx: &Cx, key: PropertyKey) -> JsResult<Value> {
    match key.as_index() {
        Some(i) => Ok(number_to_js_string(cx, i as f64)?.to_value()),
        None => Ok(key.to_raw()),
    }
}

fn number_same(a: f64, b: f64, zeros_equal: bool) -> bool {
    if a.is_nan() && b.is_nan() {
        return !zeros_equal;
    }
    if a == b {
        return zeros_equal || a != 0.0 || a.is_sign_negative() == b.is_sign_negative();
    }
    false
}

/// Equality of two strings' contents. Comparing ropes flattens them, which allocates: on
/// out-of-memory the comparison fails with the error rather than answer wrongly.
fn strings_equal(cx: &Cx, a: Value, b: Value) -> JsResult<bool> {
    match (JsString::from_value(a), JsString::from_value(b)) {
        (Some(x), Some(y)) => Ok(JsString::equals(cx.heap(), x, y)?),
        _ => Ok(false),
    }
}

/// `SameValue`. (Fails only if comparing ropes runs out of memory.)
pub fn same_value(cx: &Cx, a: Value, b: Value) -> JsResult<bool> {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(number_same(x, y, false));
    }
    Ok(a == b || (type_of(a) == Type::String && strings_equal(cx, a, b)?) || bigints_equal(a, b))
}

/// Equality of two BigInts' values (false unless both are BigInts).
fn bigints_equal(a: Value, b: Value) -> bool {
    match (BigInt::from_value(a), BigInt::from_value(b)) {
        (Some(x), Some(y)) => BigInt::equals(&x, &y),
        _ => false,
    }
}

/// `SameValueZero`. (Fails only if comparing ropes runs out of memory.)
pub fn same_value_zero(cx: &Cx, a: Value, b: Value) -> JsResult<bool> {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(x == y || (x.is_nan() && y.is_nan()));
    }
    same_value(cx, a, b)
}

/// `IsStrictlyEqual` (`===`). (Fails only if comparing ropes runs out of memory.)
pub fn strict_equals(cx: &Cx, a: Value, b: Value) -> JsResult<bool> {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(x == y);
    }
    Ok(a == b || (type_of(a) == Type::String && strings_equal(cx, a, b)?) || bigints_equal(a, b))
}

/// `IsLooselyEqual` (`==`).
pub fn loose_equals(cx: &mut Cx, a: Value, b: Value) -> JsResult<bool> {
    let (ta, tb) = (type_of(a), type_of(b));
    if ta == tb {
        return strict_equals(cx, a, b);
    }
    match (ta, tb) {
        (Type::Undefined | Type::Null, Type::Undefined | Type::Null) => Ok(true),
        // Annex B.3.6.2: an object with [[IsHTMLDDA]] equals null and undefined.
        (Type::Object, Type::Undefined | Type::Null) => {
            Ok(Object::from_value(a).is_some_and(|o| o.is_html_dda()))
        }
        (Type::Undefined | Type::Null, Type::Object) => {
            Ok(Object::from_value(b).is_some_and(|o| o.is_html_dda()))
        }
        (Type::Number, Type::String) => {
            let y = string_to_number(cx, JsString::from_value(b).expect("string"))?;
            Ok(a.as_number() == Some(y))
        }
        (Type::String, Type::Number) => loose_equals(cx, b, a),
        (Type::BigInt, Type::String) => {
            let y = bigint_convert::string_to_bigint(cx, JsString::from_value(b).expect("string"))?;
            let x = BigInt::from_value(a).expect("bigint");
            Ok(y.is_some_and(|y| BigInt::equals(&x, &y)))
        }
        (Type::String, Type::BigInt) => loose_equals(cx, b, a),
        (Type::BigInt, Type::Number) | (Type::Number, Type::BigInt) => {
            let (x, d) = match BigInt::from_value(a) {
                Some(x) => (x, b.as_number().expect("number")),
                None => (
                    BigInt::from_value(b).expect("bigint"),
                    a.as_number().expect("number"),
                ),
            };
            Ok(bigint_convert::compare_number(&x, d) == Some(std::cmp::Ordering::Equal))
        }
        (Type::Boolean, _) => {
            let n = Value::number(to_number(cx, a)?);
            loose_equals(cx, n, b)
        }
        (_, Type::Boolean) => {
            let n = Value::number(to_number(cx, b)?);
            loose_equals(cx, a, n)
        }
        (Type::Number | Type::String | Type::Symbol | Type::BigInt, Type::Object) => {
            let p = to_primitive(cx, b, Hint::Default)?;
            loose_equals(cx, a, p)
        }
        (Type::Object, Type::Number | Type::String | Type::Symbol | Type::BigInt) => {
            let p = to_primitive(cx, a, Hint::Default)?;
            loose_equals(cx, p, b)
        }
        _ => Ok(false),
    }
}

/// `IsLessThan(x, y, leftFirst)`: `Some(true/false)`, or `None` for undefined (NaN involved).
pub fn is_less_than(cx: &mut Cx, x: Value, y: Value, left_first: bool) -> JsResult<Option<bool>> {
    let (px, py) = if left_first {
        let px = to_primitive(cx, x, Hint::Number)?;
        (px, to_primitive(cx, y, Hint::Number)?)
    } else {
        let py = to_primitive(cx, y, Hint::Number)?;
        (to_primitive(cx, x, Hint::Number)?, py)
    };
    if let (Some(sx), Some(sy)) = (JsString::from_value(px), JsString::from_value(py)) {
        let fx = JsString::flatten(cx.heap(), sx)?;
        let fy = JsString::flatten(cx.heap(), sy)?;
        return Ok(Some(
            fx.chars().compare(&fy.chars()) == std::cmp::Ordering::Less,
        ));
    }
    let (bx, by) = (BigInt::from_value(px), BigInt::from_value(py));
    if let (Some(x), Some(s)) = (bx, JsString::from_value(py)) {
        let Some(y) = bigint_convert::string_to_bigint(cx, s)? else {
            return Ok(None);
        };
        return Ok(Some(BigInt::compare(&x, &y) == std::cmp::Ordering::Less));
    }
    if let (Some(s), Some(y)) = (JsString::from_value(px), by) {
        let Some(x) = bigint_convert::string_to_bigint(cx, s)? else {
            return Ok(None);
        };
        return Ok(Some(BigInt::compare(&x, &y) == std::cmp::Ordering::Less));
    }
    let nx = to_numeric(cx, px)?;
    let ny = to_numeric(cx, py)?;
    match (nx, ny) {
        (Numeric::Number(x), Numeric::Number(y)) => {
            if x.is_nan() || y.is_nan() {
                return Ok(None);
            }
            Ok(Some(x < y))
        }
        (Numeric::BigInt(x), Numeric::BigInt(y)) => {
            Ok(Some(BigInt::compare(&x, &y) == std::cmp::Ordering::Less))
        }
        (Numeric::BigInt(x), Numeric::Number(y)) => {
            Ok(bigint_convert::compare_number(&x, y).map(|o| o == std::cmp::Ordering::Less))
        }
        (Numeric::Number(x), Numeric::BigInt(y)) => {
            Ok(bigint_convert::compare_number(&y, x).map(|o| o == std::cmp::Ordering::Greater))
        }
    }
}

/// A numeric value: the result of `ToNumeric`.
#[derive(Clone, Copy, Debug)]
pub enum Numeric {
    /// A Number.
    Number(f64),
    /// A BigInt.
    BigInt(Gc<BigInt>),
}

/// `ToNumeric`: a BigInt stays one, everything else becomes a Number.
pub fn to_numeric(cx: &mut Cx, v: Value) -> JsResult<Numeric> {
    if let Some(d) = v.as_number() {
        return Ok(Numeric::Number(d));
    }
    let p = to_primitive(cx, v, Hint::Number)?;
    if let Some(b) = BigInt::from_value(p) {
        return Ok(Numeric::BigInt(b));
    }
    Ok(Numeric::Number(to_number(cx, p)?))
}

/// `ToBigInt` (§7.1.13).
pub fn to_bigint(cx: &mut Cx, v: Value) -> JsResult<Gc<BigInt>> {
    let p = to_primitive(cx, v, Hint::Number)?;
    if let Some(b) = BigInt::from_value(p) {
        return Ok(b);
    }
    match type_of(p) {
        Type::Boolean => Ok(BigInt::from_u64(cx.heap(), u64::from(p == Value::TRUE))?),
        Type::String => {
            let s = JsString::from_value(p).expect("string");
            match bigint_convert::string_to_bigint(cx, s)? {
                Some(b) => Ok(b),
                None => Err(crate::builtins::error::shown::error(
                    cx,
                    crate::ErrorKind::SyntaxError,
                    &[
                        crate::builtins::error::shown::Part::Text("Cannot convert "),
                        crate::builtins::error::shown::Part::Str(s),
                        crate::builtins::error::shown::Part::Text(" to a BigInt"),
                    ],
                )),
            }
        }
        Type::Number => Err(cx.type_error("Cannot convert a Number value to a BigInt")),
        Type::Symbol => Err(crate::builtins::error::shown::error(
            cx,
            crate::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Text("Cannot convert "),
                crate::builtins::error::shown::Part::Shown(p),
                crate::builtins::error::shown::Part::Text(" to a BigInt"),
            ],
        )),
        Type::Undefined => Err(cx.type_error("Cannot convert undefined to a BigInt")),
        Type::Null => Err(cx.type_error("Cannot convert null to a BigInt")),
        _ => Err(cx.type_error("Cannot convert value to a BigInt")),
    }
}

/// `LengthOfArrayLike`.
pub fn length_of_array_like(cx: &mut Cx, o: Gc<Object>) -> JsResult<u64> {
    let key = cx.name(Name::length);
    let v = ops::get_v(cx, o, key)?;
    let n = numconv::to_integer_or_infinity(to_number(cx, v)?);
    Ok(n.clamp(0.0, 9_007_199_254_740_991.0) as u64)
}
