//! The operations the dispatch loop calls out to: environments, globals, property access,
//! operators, closures, iteration. Each follows the spec's algorithm; fast paths first.

use super::code::{flags, Code};
use super::Stack;
use crate::builtins::function::key_name;
use crate::compiler::decl;
use crate::convert::{self, Hint};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::numconv;
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops::{self, numeric, PropertyDescriptor};
use crate::realm::Intrinsic;
use crate::runtime::Name;
use crate::string::JsString;
use crate::PropertyKey;
use conch_gc::{Gc, GcArray, GcVec, Value};

pub(super) use super::class_ops::*;
pub(super) use super::errors::*;

// ---- environments: a GcArray<Value> of [parent, slots...] ----

pub(crate) fn env_of(v: Value) -> Option<Gc<GcArray<Value>>> {
    // SAFETY: environment values are only ever `GcArray<Value>` cells made by `new_env` (the
    // compiler never lets another value reach an env register or header slot).
    v.cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

/// A new environment of `n` slots (holes) under `parent`.
pub(super) fn new_env(cx: &mut Cx, parent: Value, n: usize) -> JsResult<Value> {
    let e = GcArray::<Value>::new(cx.heap(), n + 1)?;
    e.push_within_capacity(parent);
    e.resize_within_capacity(n + 1, Value::HOLE);
    Ok(e.to_value())
}

/// A copy of an environment (a new iteration of a `for (let …)` loop).
pub(super) fn copy_env(cx: &mut Cx, e: Value) -> JsResult<Value> {
    let Some(src) = env_of(e) else { return Ok(e) };
    let n = src.len();
    let c = GcArray::<Value>::new(cx.heap(), n)?;
    for i in 0..n {
        c.push_within_capacity(src.get(i).unwrap_or(Value::UNDEFINED));
    }
    Ok(c.to_value())
}

/// The parent of an environment.
pub(super) fn env_parent(e: Value) -> Value {
    env_of(e).and_then(|a| a.get(0)).unwrap_or(Value::UNDEFINED)
}

pub(crate) fn env_up(mut e: Value, depth: usize) -> Option<Gc<GcArray<Value>>> {
    for _ in 0..depth {
        e = env_parent(e);
    }
    env_of(e)
}

/// Slot `slot` of the environment `depth` levels up.
pub(super) fn env_get(e: Value, depth: usize, slot: usize) -> Value {
    env_up(e, depth)
        .and_then(|a| a.get(slot + 1))
        .unwrap_or(Value::UNDEFINED)
}

/// Sets slot `slot` of the environment `depth` levels up.
pub(super) fn env_set(e: Value, depth: usize, slot: usize, v: Value) {
    if let Some(a) = env_up(e, depth) {
        a.set(slot + 1, v);
    }
}

// ---- globals ----

fn lexicals(cx: &Cx) -> Gc<Object> {
    cx.realm.intrinsic_object(Intrinsic::GlobalLexicals)
}

fn global_object(cx: &Cx) -> Gc<Object> {
    Object::from_value(cx.realm.global()).expect("global object")
}

fn not_defined(cx: &mut Cx, name: Value) -> Throw {
    let s = convert::key_to_value(cx, PropertyKey::from_raw(name)).unwrap_or(name);
    error_msg(cx, ErrorKind::ReferenceError, &["", " is not defined"], s)
}

/// Reads the global binding `name` (a raw key).
pub(super) fn load_global(cx: &mut Cx, name: Value, typeof_: bool) -> JsResult<Value> {
    if let Some(p) = Object::get_named(cx.heap(), lexicals(cx), name) {
        if p.value.is_hole() {
            let s = convert::key_to_value(cx, PropertyKey::from_raw(name))?;
            return Err(tdz_error(cx, s));
        }
        return Ok(p.value);
    }
    let g = global_object(cx);
    let key = PropertyKey::from_raw(name);
    // Own data properties of the global object: one lookup.
    if let Some(p) = Object::get_named(cx.heap(), g, name) {
        if p.attrs & attrs::ACCESSOR == 0 {
            return Ok(p.value);
        }
    }
    if !ops::has_property(cx, g, key)? {
        if typeof_ {
            return Ok(Value::UNDEFINED);
        }
        return Err(not_defined(cx, name));
    }
    ops::get(cx, g, key, g.to_value())
}

/// Assigns the global binding `name`.
pub(super) fn store_global(cx: &mut Cx, name: Value, v: Value, strict: bool) -> JsResult<()> {
    let lex = lexicals(cx);
    if let Some(p) = Object::get_named(cx.heap(), lex, name) {
        if p.value.is_hole() {
            let s = convert::key_to_value(cx, PropertyKey::from_raw(name))?;
            return Err(tdz_error(cx, s));
        }
        if p.attrs & attrs::WRITABLE == 0 {
            return Err(cx.type_error("Assignment to constant variable."));
        }
        Object::put_named(
            cx.heap(),
            lex,
            name,
            Prop {
                value: v,
                attrs: p.attrs,
            },
        )?;
        return Ok(());
    }
    let g = global_object(cx);
    let key = PropertyKey::from_raw(name);
    if strict && !ops::has_property(cx, g, key)? {
        return Err(not_defined(cx, name));
    }
    let ok = ops::set(cx, g, key, v, g.to_value())?;
    if !ok && strict {
        return Err(crate::builtins::error::shown::set_failure(cx, g, key));
    }
    Ok(())
}

fn redeclared(cx: &mut Cx, name: Value) -> Throw {
    error_msg(
        cx,
        ErrorKind::SyntaxError,
        &["Identifier '", "' has already been declared"],
        name,
    )
}

/// GlobalDeclarationInstantiation: `list` is an array of (name string, kind) pairs.
pub(super) fn declare_globals(cx: &mut Cx, list: Value) -> JsResult<()> {
    let list = Object::from_value(list).expect("declaration list");
    let n = list.array_length() / 2;
    let lex = lexicals(cx);
    let g = global_object(cx);
    let item = |i: u32| {
        list.get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED)
    };
    // Checks first: nothing is created if any fails.
    for i in 0..n {
        let name_s = JsString::from_value(item(2 * i)).expect("name");
        let key = cx.rt.key_from_string(name_s)?;
        let kind = item(2 * i + 1).as_int().unwrap_or(0);
        let lexical = kind == decl::LET || kind == decl::CONST;
        let kind = kind & !decl::DELETABLE;
        if Object::get_named(cx.heap(), lex, key.to_raw()).is_some() {
            return Err(redeclared(cx, name_s.to_value()));
        }
        let own = ops::get_own_property(cx, g, key)?;
        if lexical {
            // HasRestrictedGlobalProperty.
            if own.as_ref().is_some_and(|d| d.configurable == Some(false)) {
                return Err(redeclared(cx, name_s.to_value()));
            }
            // A var of the same script is an early error; an earlier script's var is not a
            // restricted property if configurable.
        } else if kind == decl::FUNCTION {
            let ok = match &own {
                None => g.is_extensible(),
                Some(d) if d.configurable == Some(true) => true,
                Some(d) => d.is_data() && d.writable == Some(true) && d.enumerable == Some(true),
            };
            if !ok {
                return Err(error_msg(
                    cx,
                    ErrorKind::TypeError,
                    &["Cannot declare global function '", "'"],
                    name_s.to_value(),
                ));
            }
        } else if own.is_none() && !g.is_extensible() {
            return Err(error_msg(
                cx,
                ErrorKind::TypeError,
                &["Cannot declare global variable '", "'"],
                name_s.to_value(),
            ));
        }
    }
    for i in 0..n {
        let name_s = JsString::from_value(item(2 * i)).expect("name");
        let key = cx.rt.key_from_string(name_s)?;
        let kind = item(2 * i + 1).as_int().unwrap_or(0);
        match kind {
            decl::LET | decl::CONST => {
                let a = if kind == decl::CONST {
                    0
                } else {
                    attrs::WRITABLE
                };
                Object::put_named(
                    cx.heap(),
                    lex,
                    key.to_raw(),
                    Prop {
                        value: Value::HOLE,
                        attrs: a,
                    },
                )?;
            }
            k if k & !decl::DELETABLE == decl::VAR
                && ops::get_own_property(cx, g, key)?.is_none() =>
            {
                let mut a = attrs::WRITABLE | attrs::ENUMERABLE;
                if k & decl::DELETABLE != 0 {
                    a |= attrs::CONFIGURABLE;
                }
                let d = PropertyDescriptor::data(Value::UNDEFINED, a);
                ops::define_property_or_throw(cx, g, key, &d)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Initialises a global function (kind 0) or lexical binding (1 let, 2 const).
pub(super) fn init_global(cx: &mut Cx, name: Value, kind: usize, v: Value) -> JsResult<()> {
    let key = PropertyKey::from_raw(name);
    if kind == 0 || kind == 3 {
        // CreateGlobalFunctionBinding (kind 3: from eval code, deletable).
        let g = global_object(cx);
        let own = ops::get_own_property(cx, g, key)?;
        let c = if kind == 3 { attrs::CONFIGURABLE } else { 0 };
        let d = match own {
            Some(d) if d.configurable != Some(true) => PropertyDescriptor {
                value: Some(v),
                ..PropertyDescriptor::default()
            },
            _ => PropertyDescriptor::data(v, attrs::WRITABLE | attrs::ENUMERABLE | c),
        };
        ops::define_property_or_throw(cx, g, key, &d)?;
        return ops::set(cx, g, key, v, g.to_value()).map(|_| ());
    }
    let a = if kind == 2 { 0 } else { attrs::WRITABLE };
    Object::put_named(cx.heap(), lexicals(cx), name, Prop { value: v, attrs: a })?;
    Ok(())
}

/// `delete name` for an unqualified name that is not a declared binding.
pub(super) fn delete_global(cx: &mut Cx, name: Value) -> JsResult<Value> {
    if Object::get_named(cx.heap(), lexicals(cx), name).is_some() {
        return Ok(Value::FALSE);
    }
    let g = global_object(cx);
    Ok(Value::bool(ops::delete(
        cx,
        g,
        PropertyKey::from_raw(name),
    )?))
}

// ---- properties ----

/// `GetValue` of `base[key]` for any base.
pub(crate) fn get_value(cx: &mut Cx, base: Value, key: PropertyKey) -> JsResult<Value> {
    if let Some(o) = Object::from_value(base) {
        return ops::get(cx, o, key, base);
    }
    if let Some(s) = JsString::from_value(base) {
        if key == cx.name(Name::length) {
            return Ok(Value::int(s.len() as i32));
        }
        if let Some(i) = key.as_index() {
            if (i as usize) < s.len() {
                let s = JsString::flatten(cx.heap(), s)?;
                let u = s.chars().at(i as usize);
                return Ok(JsString::from_utf16(cx.heap(), &[u])?.to_value());
            }
        }
    }
    if base.is_nullish() {
        let k = convert::key_to_value(cx, key).unwrap_or(Value::UNDEFINED);
        let what = if base.is_null() {
            &["Cannot read properties of null (reading '", "')"]
        } else {
            &["Cannot read properties of undefined (reading '", "')"]
        };
        let k = match crate::Symbol::from_value(k) {
            Some(sym) => crate::builtins::symbol::descriptive_string(cx, sym)?.to_value(),
            None => k,
        };
        return Err(error_msg(cx, ErrorKind::TypeError, what, k));
    }
    // A primitive's wrapper has no own properties besides a string's `length` and indices
    // (handled above), so the lookup starts at its prototype, with the primitive as the
    // receiver, and no wrapper is made.
    let proto = match convert::type_of(base) {
        convert::Type::Boolean => Intrinsic::BooleanPrototype,
        convert::Type::Number => Intrinsic::NumberPrototype,
        convert::Type::String => Intrinsic::StringPrototype,
        convert::Type::Symbol => Intrinsic::SymbolPrototype,
        convert::Type::BigInt => Intrinsic::BigIntPrototype,
        _ => {
            let o = convert::to_object(cx, base)?;
            return ops::get(cx, o, key, base);
        }
    };
    match Object::from_value(cx.intrinsic(proto)) {
        Some(p) => ops::get(cx, p, key, base),
        None => {
            let o = convert::to_object(cx, base)?;
            ops::get(cx, o, key, base)
        }
    }
}

/// `base[key]` with a key value.
pub(super) fn get_keyed(cx: &mut Cx, base: Value, key: Value) -> JsResult<Value> {
    if let (Some(o), Some(i)) = (Object::from_value(base), key.as_int()) {
        if i >= 0 && o.class() == ObjectClass::Array {
            if let Some(p) = o.get_element(i as u32) {
                if p.attrs & attrs::ACCESSOR == 0 {
                    return Ok(p.value);
                }
            }
        }
    }
    if base.is_nullish() {
        let k = convert::to_property_key(cx, key)?;
        return get_value(cx, base, k);
    }
    let k = convert::to_property_key(cx, key)?;
    get_value(cx, base, k)
}

/// `PutValue` of `base[key] = v`.
pub(super) fn put_value(
    cx: &mut Cx,
    base: Value,
    key: PropertyKey,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    let ok = if let Some(o) = Object::from_value(base) {
        ops::set(cx, o, key, v, base)?
    } else if base.is_nullish() {
        let k = convert::key_to_value(cx, key).unwrap_or(Value::UNDEFINED);
        let what = if base.is_null() {
            &["Cannot set properties of null (setting '", "')"]
        } else {
            &["Cannot set properties of undefined (setting '", "')"]
        };
        return Err(error_msg(cx, ErrorKind::TypeError, what, k));
    } else {
        let o = convert::to_object(cx, base)?;
        ops::set(cx, o, key, v, base)?
    };
    if !ok && strict {
        return Err(match Object::from_value(base) {
            Some(o) => crate::builtins::error::shown::set_failure(cx, o, key),
            None => cannot_create_property(cx, base, key),
        });
    }
    Ok(())
}

/// Defines a data property (object literals, class bodies).
pub(super) fn define_data(
    cx: &mut Cx,
    o: Value,
    key: PropertyKey,
    v: Value,
    enumerable: bool,
) -> JsResult<()> {
    let o = Object::from_value(o).expect("object literal");
    let a = if enumerable {
        attrs::DEFAULT
    } else {
        attrs::HIDDEN
    };
    ops::define_property_or_throw(cx, o, key, &PropertyDescriptor::data(v, a))
}

/// Defines a getter or setter.
pub(super) fn define_accessor(
    cx: &mut Cx,
    o: Value,
    key: PropertyKey,
    f: Value,
    getter: bool,
    enumerable: bool,
) -> JsResult<()> {
    let o = Object::from_value(o).expect("object literal");
    let d = PropertyDescriptor {
        get: if getter { Some(f) } else { None },
        set: if getter { None } else { Some(f) },
        enumerable: Some(enumerable),
        configurable: Some(true),
        ..PropertyDescriptor::default()
    };
    ops::define_property_or_throw(cx, o, key, &d)
}

/// `SetFunctionName(f, key, prefix)` for a function that has no own name yet.
pub(super) fn set_function_name(cx: &mut Cx, f: Value, key: Value, prefix: usize) -> JsResult<()> {
    let Some(fo) = Object::from_value(f) else {
        return Ok(());
    };
    let key = convert::to_property_key(cx, key)?;
    let mut name = key_name(cx, key)?;
    if prefix != 0 {
        let p = cx.string(if prefix == 1 { "get " } else { "set " })?;
        let n = JsString::from_value(name).expect("name string");
        name = JsString::concat(cx.heap(), p, n)?.to_value();
    }
    let nk = cx.name(Name::name);
    let d = PropertyDescriptor::data(name, attrs::CONFIGURABLE);
    ops::define_property_or_throw(cx, fo, nk, &d)
}

/// `delete base[key]`.
pub(super) fn delete_property(
    cx: &mut Cx,
    base: Value,
    key: PropertyKey,
    strict: bool,
) -> JsResult<Value> {
    let o = convert::to_object(cx, base)?;
    let ok = ops::delete(cx, o, key)?;
    if !ok && strict {
        return Err(crate::builtins::error::shown::delete_failure(cx, o, key));
    }
    Ok(Value::bool(ok))
}

/// `CopyDataProperties(target, source, excluded)`.
pub(super) fn copy_data_properties(
    cx: &mut Cx,
    target: Value,
    source: Value,
    excluded: &[Value],
) -> JsResult<()> {
    if source.is_nullish() {
        return Ok(());
    }
    let t = Object::from_value(target).expect("target object");
    let from = convert::to_object(cx, source)?;
    let keys = ops::own_property_keys(cx, from)?;
    for k in keys.iter() {
        if excluded.contains(&k) {
            continue;
        }
        let key = PropertyKey::from_raw(k);
        if let Some(d) = ops::get_own_property(cx, from, key)? {
            if d.enumerable == Some(true) {
                let v = ops::get(cx, from, key, from.to_value())?;
                ops::create_data_property(cx, t, key, v)?;
            }
        }
    }
    Ok(())
}

/// `key in o`.
pub(super) fn has_in(cx: &mut Cx, key: Value, o: Value) -> JsResult<Value> {
    let Some(obj) = Object::from_value(o) else {
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Text(
                    "Cannot use 'in' operator to search for '",
                ),
                crate::builtins::error::shown::Part::Shown(key),
                crate::builtins::error::shown::Part::Text("' in "),
                crate::builtins::error::shown::Part::Shown(o),
            ],
        ));
    };
    let k = convert::to_property_key(cx, key)?;
    Ok(Value::bool(ops::has_property(cx, obj, k)?))
}

/// `v instanceof target` (InstanceofOperator).
pub(crate) fn instance_of(cx: &mut Cx, v: Value, target: Value) -> JsResult<Value> {
    let Some(t) = Object::from_value(target) else {
        return Err(cx.type_error("Right-hand side of 'instanceof' is not an object"));
    };
    let hi = PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::hasInstance));
    // A plain function without an own @@hasInstance whose prototype is its realm's
    // %Function.prototype%: the method found is that prototype's original (non-writable,
    // non-configurable), which is OrdinaryHasInstance itself; no lookup needed.
    if t.class() == crate::ObjectClass::Function
        && t.lazy_id() == 0
        && t.prototype() == t.realm().intrinsic(crate::Intrinsic::FunctionPrototype)
        && Object::get_named(cx.heap(), t, hi.to_raw()).is_none()
    {
        return Ok(Value::bool(ops::ordinary_has_instance(cx, target, v)?));
    }
    let h = ops::get(cx, t, hi, target)?;
    if !h.is_nullish() {
        let r = ops::call(cx, h, target, &[v])?;
        return Ok(Value::bool(convert::to_boolean(r)));
    }
    if !t.is_callable() {
        return Err(cx.type_error("Right-hand side of 'instanceof' is not callable"));
    }
    Ok(Value::bool(ops::ordinary_has_instance(cx, target, v)?))
}

// ---- operators ----

/// `(x, y)` as Numbers after `ToNumeric`, or returns the BigInt result of `op`.
macro_rules! numbers {
    ($cx:expr, $a:expr, $b:expr, $op:ident) => {
        match numeric::operands($cx, $a, $b, numeric::BinOp::$op)? {
            numeric::Operands::Numbers(x, y) => (x, y),
            numeric::Operands::Done(v) => return Ok(v),
        }
    };
}

/// `a + b`.
pub(super) fn add(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(match x.checked_add(y) {
            Some(s) => Value::int(s),
            None => Value::number(x as f64 + y as f64),
        });
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Value::number(x + y));
    }
    if let (Some(x), Some(y)) = (JsString::from_value(a), JsString::from_value(b)) {
        return Ok(JsString::concat(cx.heap(), x, y)?.to_value());
    }
    let pa = convert::to_primitive(cx, a, Hint::Default)?;
    let pb = convert::to_primitive(cx, b, Hint::Default)?;
    if JsString::from_value(pa).is_some() || JsString::from_value(pb).is_some() {
        let x = convert::to_string(cx, pa)?;
        let y = convert::to_string(cx, pb)?;
        return Ok(JsString::concat(cx.heap(), x, y)?.to_value());
    }
    let (x, y) = numbers!(cx, pa, pb, Add);
    Ok(Value::number(x + y))
}

/// `a - b`.
pub(super) fn sub(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        if let Some(s) = x.checked_sub(y) {
            return Ok(Value::int(s));
        }
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Value::number(x - y));
    }
    let (x, y) = numbers!(cx, a, b, Sub);
    Ok(Value::number(x - y))
}

/// `a * b`.
pub(super) fn mul(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        if let Some(s) = x.checked_mul(y) {
            if s != 0 || (x >= 0 && y >= 0) {
                return Ok(Value::int(s));
            }
        }
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Value::number(x * y));
    }
    let (x, y) = numbers!(cx, a, b, Mul);
    Ok(Value::number(x * y))
}

/// `a / b`.
pub(super) fn div(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Value::number(x / y));
    }
    let (x, y) = numbers!(cx, a, b, Div);
    Ok(Value::number(x / y))
}

/// `a % b`.
pub(super) fn rem(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        if x >= 0 && y > 0 {
            return Ok(Value::int(x % y));
        }
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Value::number(js_rem(x, y)));
    }
    let (x, y) = numbers!(cx, a, b, Rem);
    Ok(Value::number(js_rem(x, y)))
}

fn js_rem(x: f64, y: f64) -> f64 {
    if y.is_infinite() && x.is_finite() {
        return x;
    }
    x % y
}

/// `a ** b`.
pub(super) fn exp(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = numbers!(cx, a, b, Exp);
    Ok(Value::number(js_pow(x, y)))
}

/// `Number::exponentiate`.
pub fn js_pow(x: f64, y: f64) -> f64 {
    // Number::exponentiate, the same one `Math.pow` uses (`x ** y === Math.pow(x, y)`).
    crate::builtins::math::exponentiate(x, y)
}

/// `(ToInt32(x), ToInt32(y))` after `ToNumeric`, or returns the BigInt result of `op`.
macro_rules! int32s {
    ($cx:expr, $a:expr, $b:expr, $op:ident) => {
        if let (Some(x), Some(y)) = ($a.as_int(), $b.as_int()) {
            (x, y)
        } else {
            let (x, y) = numbers!($cx, $a, $b, $op);
            (numconv::to_int32(x), numconv::to_int32(y))
        }
    };
}

/// `a | b`.
pub(super) fn bit_or(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = int32s!(cx, a, b, Or);
    Ok(Value::int(x | y))
}

/// `a ^ b`.
pub(super) fn bit_xor(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = int32s!(cx, a, b, Xor);
    Ok(Value::int(x ^ y))
}

/// `a & b`.
pub(super) fn bit_and(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = int32s!(cx, a, b, And);
    Ok(Value::int(x & y))
}

/// `a << b`.
pub(super) fn shl(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = int32s!(cx, a, b, Shl);
    Ok(Value::int(x.wrapping_shl(y as u32 & 31)))
}

/// `a >> b`.
pub(super) fn shr(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = int32s!(cx, a, b, Shr);
    Ok(Value::int(x >> (y as u32 & 31)))
}

/// `a >>> b`.
pub(super) fn ushr(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let (x, y) = numbers!(cx, a, b, UShr);
    let (x, y) = (numconv::to_uint32(x), numconv::to_uint32(y));
    Ok(Value::number((x >> (y & 31)) as f64))
}

/// `a == b`.
pub(super) fn eq(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    Ok(Value::bool(convert::loose_equals(cx, a, b)?))
}

/// `a != b`.
pub(super) fn ne(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    Ok(Value::bool(!convert::loose_equals(cx, a, b)?))
}

/// `a === b`.
pub(super) fn strict_eq(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if a == b && !a.is_double() {
        return Ok(Value::TRUE);
    }
    Ok(Value::bool(convert::strict_equals(cx, a, b)?))
}

/// `a !== b`.
pub(super) fn strict_ne(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    let r = strict_eq(cx, a, b)?;
    Ok(Value::bool(r != Value::TRUE))
}

/// `a < b`.
pub(super) fn lt(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Value::bool(x < y));
    }
    Ok(Value::bool(
        convert::is_less_than(cx, a, b, true)? == Some(true),
    ))
}

/// `a > b`.
pub(super) fn gt(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Value::bool(x > y));
    }
    Ok(Value::bool(
        convert::is_less_than(cx, b, a, false)? == Some(true),
    ))
}

/// `a <= b`.
pub(super) fn le(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Value::bool(x <= y));
    }
    Ok(Value::bool(
        convert::is_less_than(cx, b, a, false)? == Some(false),
    ))
}

/// `a >= b`.
pub(super) fn ge(cx: &mut Cx, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Value::bool(x >= y));
    }
    Ok(Value::bool(
        convert::is_less_than(cx, a, b, true)? == Some(false),
    ))
}

/// `v + d` for a numeric `v` (`++`/`--`).
pub(super) fn inc(cx: &mut Cx, v: Value, d: i32) -> JsResult<Value> {
    if let Some(x) = v.as_int() {
        if let Some(s) = x.checked_add(d) {
            return Ok(Value::int(s));
        }
    }
    match numeric::increment(cx, v, d)? {
        Ok(x) => Ok(Value::number(x + d as f64)),
        Err(big) => Ok(big),
    }
}

/// `-v`.
pub(super) fn negate(cx: &mut Cx, v: Value) -> JsResult<Value> {
    if let Some(x) = v.as_int() {
        if x != 0 && x != i32::MIN {
            return Ok(Value::int(-x));
        }
    }
    match numeric::negate(cx, v)? {
        Ok(x) => Ok(Value::number(-x)),
        Err(big) => Ok(big),
    }
}

/// `~v`.
pub(super) fn bit_not(cx: &mut Cx, v: Value) -> JsResult<Value> {
    if let Some(x) = v.as_int() {
        return Ok(Value::int(!x));
    }
    match numeric::bit_not(cx, v)? {
        Ok(x) => Ok(Value::int(!numconv::to_int32(x))),
        Err(big) => Ok(big),
    }
}

/// `typeof v`.
pub(super) fn type_of(cx: &mut Cx, v: Value) -> JsResult<Value> {
    use convert::Type;
    let s = match convert::type_of(v) {
        Type::Undefined => "undefined",
        Type::Null => "object",
        Type::Boolean => "boolean",
        Type::Number => "number",
        Type::String => "string",
        Type::Symbol => "symbol",
        Type::BigInt => "bigint",
        Type::Object => {
            let o = Object::from_value(v);
            if o.is_some_and(|o| o.is_html_dda()) {
                "undefined" // Annex B.3.6.3
            } else if o.is_some_and(|o| o.is_callable()) {
                "function"
            } else {
                "object"
            }
        }
        _ => "undefined",
    };
    Ok(cx.rt.key(s)?.to_raw())
}

// ---- calls ----

/// Copies `argc` values from the stack at `at` into a GC vector (native calls get a slice
/// that stays valid while the callee pushes frames).
pub(super) fn arg_vec(cx: &Cx, st: &Stack, at: usize, argc: usize) -> JsResult<GcVec<Value>> {
    let v = GcVec::<Value>::new();
    v.reserve(cx.heap(), argc)?;
    for i in 0..argc {
        v.push(cx.heap(), st.get(at + i))?;
    }
    Ok(v)
}

/// Calls a native function with arguments on the stack.
pub(crate) fn call_native(
    cx: &mut Cx,
    f: Value,
    this: Value,
    st: &Stack,
    at: usize,
    argc: usize,
    new_target: Option<Value>,
) -> JsResult<Value> {
    let mut buf = [Value::UNDEFINED; 8];
    if argc <= buf.len() {
        for (i, b) in buf.iter_mut().enumerate().take(argc) {
            *b = st.get(at + i);
        }
        return match new_target {
            None => ops::call(cx, f, this, &buf[..argc]),
            Some(nt) => ops::construct(cx, f, &buf[..argc], nt),
        };
    }
    let v = arg_vec(cx, st, at, argc)?;
    // SAFETY: `v` is this call's own local vector; nothing else writes it.
    let args = unsafe { v.as_slice() };
    match new_target {
        None => ops::call(cx, f, this, args),
        Some(nt) => ops::construct(cx, f, args, nt),
    }
}

/// The elements of an array made by the compiler (spread arguments) as a vector.
pub(super) fn array_values(cx: &mut Cx, a: Value) -> JsResult<GcVec<Value>> {
    let o = Object::from_value(a).expect("argument array");
    let n = o.array_length();
    let v = GcVec::<Value>::new();
    v.reserve(cx.heap(), n as usize)?;
    for i in 0..n {
        let x = o
            .get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED);
        v.push(cx.heap(), if x.is_hole() { Value::UNDEFINED } else { x })?;
    }
    Ok(v)
}

/// A closure of `code` over `env`: a function object with `length`, `name` and, for
/// constructors, `prototype`.
pub fn make_closure(cx: &mut Cx, code: Gc<Code>, env: Value) -> JsResult<Gc<Object>> {
    let fproto = if code.has(flags::GENERATOR) && code.has(flags::ASYNC) {
        Intrinsic::AsyncGeneratorFunctionPrototype
    } else if code.has(flags::GENERATOR) {
        Intrinsic::GeneratorFunctionPrototype
    } else if code.has(flags::ASYNC) {
        Intrinsic::AsyncFunctionPrototype
    } else {
        Intrinsic::FunctionPrototype
    };
    let f = cx.new_object_with(ObjectClass::Function, cx.intrinsic(fproto))?;
    Object::set_native(f, super::call_closure, code.has(flags::CONSTRUCTOR));
    Object::set_internal(f, 0, code.to_value());
    Object::set_internal(f, 1, env);
    let heap = cx.heap();
    let lk = cx.name(Name::length).to_raw();
    Object::put_named(
        heap,
        f,
        lk,
        Prop {
            value: Value::int(code.length as i32),
            attrs: attrs::CONFIGURABLE,
        },
    )?;
    let nk = cx.name(Name::name).to_raw();
    Object::put_named(
        heap,
        f,
        nk,
        Prop {
            value: code.name,
            attrs: attrs::CONFIGURABLE,
        },
    )?;
    // A sloppy-mode plain function has own `arguments` and `caller`, as in V8 and
    // SpiderMonkey (an extension §17.1 allows; strict functions, arrows, methods, generators
    // and async functions have none and inherit %ThrowTypeError% accessors). Their value is
    // null: Conch does not expose a running function's arguments or caller.
    let plain_sloppy = flags::STRICT
        | flags::ARROW
        | flags::METHOD
        | flags::GENERATOR
        | flags::ASYNC
        | flags::CLASS_CONSTRUCTOR;
    if code.flags & plain_sloppy == 0 {
        for n in [Name::arguments, Name::caller] {
            Object::put_named(
                heap,
                f,
                cx.name(n).to_raw(),
                Prop {
                    value: Value::NULL,
                    attrs: 0,
                },
            )?;
        }
    }
    if code.has(flags::GENERATOR) {
        // A generator function's own `prototype`: the prototype of the generators it makes.
        let gp = if code.has(flags::ASYNC) {
            Intrinsic::AsyncGeneratorPrototype
        } else {
            Intrinsic::GeneratorPrototype
        };
        let proto = cx.new_object_with(ObjectClass::Ordinary, cx.intrinsic(gp))?;
        let pk = cx.name(crate::runtime::Name::prototype).to_raw();
        Object::put_named(
            heap,
            f,
            pk,
            Prop {
                value: proto.to_value(),
                attrs: attrs::WRITABLE,
            },
        )?;
    }
    if code.has(flags::CONSTRUCTOR) && !code.has(flags::CLASS_CONSTRUCTOR) {
        let proto = cx.new_object()?;
        let ck = cx.name(Name::constructor).to_raw();
        Object::put_named(
            heap,
            proto,
            ck,
            Prop {
                value: f.to_value(),
                attrs: attrs::HIDDEN,
            },
        )?;
        let pk = cx.name(crate::runtime::Name::prototype).to_raw();
        Object::put_named(
            heap,
            f,
            pk,
            Prop {
                value: proto.to_value(),
                attrs: attrs::WRITABLE,
            },
        )?;
    }
    Ok(f)
}

// ---- arrays and arguments ----

/// A new empty array.
pub(crate) fn new_array(cx: &mut Cx) -> JsResult<Gc<Object>> {
    crate::builtins::array_create(cx, 0, cx.intrinsic(Intrinsic::ArrayPrototype))
}

/// Appends `v` to a compiler-made array.
pub(crate) fn array_push(cx: &mut Cx, a: Value, v: Value) -> JsResult<()> {
    let o = Object::from_value(a).expect("array");
    let n = o.array_length();
    Object::put_element(
        cx.heap(),
        o,
        n,
        Prop {
            value: v,
            attrs: attrs::DEFAULT,
        },
    )?;
    Object::set_length_raw(o, n + 1);
    Ok(())
}

/// Appends a hole (an elision).
pub(super) fn array_push_hole(a: Value) {
    let o = Object::from_value(a).expect("array");
    Object::set_length_raw(o, o.array_length() + 1);
}

/// Appends everything `iterable` yields.
pub(super) fn array_spread(
    cx: &mut Cx,
    a: Value,
    iterable: Value,
    at: (Gc<Code>, usize),
) -> JsResult<()> {
    let (it, next) = get_iterator_at(cx, iterable, Some(at))?;
    while let Some(v) = iterator_step(cx, it, next)? {
        array_push(cx, a, v)?;
    }
    Ok(())
}

/// The rest parameter: the arguments from `from` on.
pub(super) fn create_rest(
    cx: &mut Cx,
    st: &Stack,
    at: usize,
    argc: usize,
    from: usize,
) -> JsResult<Gc<Object>> {
    let a = new_array(cx)?;
    for i in from..argc {
        array_push(cx, a.to_value(), st.get(at + i))?;
    }
    Ok(a)
}

// ---- iteration ----

/// TypeError "number 5 is not iterable (cannot read property Symbol(Symbol.iterator))", V8's
/// words when the iterable's expression is not known.
pub(super) fn not_iterable(cx: &mut Cx, v: Value) -> Throw {
    crate::builtins::not_iterable(cx, v)
}

/// `GetIterator(v, sync)`: (iterator, next method).
pub(crate) fn get_iterator(cx: &mut Cx, v: Value) -> JsResult<(Value, Value)> {
    get_iterator_at(cx, v, None)
}

/// [`get_iterator`] for the instruction at `at` (code, pc), whose source position is the
/// iterable's: a failure names the expression as V8 does ("o.a is not iterable").
pub(super) fn get_iterator_at(
    cx: &mut Cx,
    v: Value,
    at: Option<(Gc<Code>, usize)>,
) -> JsResult<(Value, Value)> {
    // "undefined is not iterable", "5 is not iterable": V8's words for the value when the
    // expression is not known.
    let fail = |cx: &mut Cx| match at {
        Some((code, pc)) => not_iterable_at(cx, code, pc, v),
        None => not_iterable(cx, v),
    };
    if v.is_nullish() {
        return Err(fail(cx));
    }
    let key = PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::iterator));
    let m = get_value(cx, v, key)?;
    if Object::from_value(m).is_none_or(|f| !f.is_callable()) {
        return Err(fail(cx));
    }
    let it = ops::call(cx, m, v, &[])?;
    if Object::from_value(it).is_none() {
        return Err(cx.type_error("Result of the Symbol.iterator method is not an object"));
    }
    let nk = cx.name(crate::runtime::Name::next);
    let next = get_value(cx, it, nk)?;
    Ok((it, next))
}

/// `IteratorStep` + `IteratorValue`: the next value, or `None` when done.
pub(crate) fn iterator_step(cx: &mut Cx, it: Value, next: Value) -> JsResult<Option<Value>> {
    if next.is_cell() && next == cx.intrinsic(Intrinsic::ArrayIteratorNext) {
        if let Some(o) = Object::from_value(it).filter(|o| o.class() == ObjectClass::ArrayIterator)
        {
            return crate::builtins::array_iter_step(cx, o);
        }
    }
    let r = ops::call(cx, next, it, &[])?;
    let Some(ro) = Object::from_value(r) else {
        return Err(crate::builtins::error::shown::iterator_result_not_object(
            cx, r,
        ));
    };
    let dk = cx.name(crate::runtime::Name::done);
    let done = ops::get(cx, ro, dk, r)?;
    if convert::to_boolean(done) {
        return Ok(None);
    }
    let vk = cx.name(crate::runtime::Name::value);
    Ok(Some(ops::get(cx, ro, vk, r)?))
}

/// `IteratorClose` for a normal completion.
pub(crate) fn iterator_close(cx: &mut Cx, it: Value) -> JsResult<()> {
    let rk = cx.name(crate::runtime::Name::return_);
    let m = get_value(cx, it, rk)?;
    if m.is_nullish() {
        return Ok(());
    }
    let r = ops::call(cx, m, it, &[])?;
    if Object::from_value(r).is_none() {
        return Err(crate::builtins::error::shown::iterator_result_not_object(
            cx, r,
        ));
    }
    Ok(())
}

/// A for-in enumerator: an array of the enumerable string keys along the prototype chain
/// (each once, shadowed ones skipped), in the spec's order; `null`/`undefined` enumerate
/// nothing.
pub(super) fn for_in_prepare(cx: &mut Cx, v: Value) -> JsResult<Value> {
    let keys = new_array(cx)?;
    if v.is_nullish() {
        return Ok(keys.to_value());
    }
    let visited = new_array(cx)?;
    let mut o = Some(convert::to_object(cx, v)?);
    let mut pairs = 0u32;
    while let Some(obj) = o {
        let own = ops::own_property_keys(cx, obj)?;
        for k in own.iter() {
            let key = PropertyKey::from_raw(k);
            if key.is_symbol() {
                continue;
            }
            let kv = convert::key_to_value(cx, key)?;
            let mut seen = false;
            for i in 0..visited.array_length() {
                let s = visited
                    .get_element(i)
                    .map(|p| p.value)
                    .unwrap_or(Value::UNDEFINED);
                if convert::strict_equals(cx, s, kv)? {
                    seen = true;
                    break;
                }
            }
            if seen {
                continue;
            }
            array_push(cx, visited.to_value(), kv)?;
            if let Some(d) = ops::get_own_property(cx, obj, key)? {
                if d.enumerable == Some(true) {
                    array_push(cx, keys.to_value(), kv)?;
                    pairs += 1;
                }
            }
        }
        o = Object::from_value(ops::get_prototype_of(cx, obj)?);
    }
    let _ = pairs;
    // [keys, object]: keys deleted during the loop are skipped.
    let e = new_array(cx)?;
    array_push(cx, e.to_value(), keys.to_value())?;
    let target = convert::to_object(cx, v)?.to_value();
    array_push(cx, e.to_value(), target)?;
    Ok(e.to_value())
}

/// The next key of a for-in enumerator from position `i`: (key, next position).
pub(super) fn for_in_next(cx: &mut Cx, e: Value, i: i32) -> JsResult<Option<(Value, i32)>> {
    let eo = Object::from_value(e).expect("enumerator");
    if eo.array_length() < 2 {
        return Ok(None);
    }
    let keys = Object::from_value(
        eo.get_element(0)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED),
    )
    .expect("keys");
    let obj = Object::from_value(
        eo.get_element(1)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED),
    )
    .expect("object");
    let mut i = i as u32;
    while i < keys.array_length() {
        let k = keys
            .get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED);
        i += 1;
        // A key deleted before it is reached is not visited.
        let key = convert::to_property_key(cx, k)?;
        if ops::has_property(cx, obj, key)? {
            return Ok(Some((k, i as i32)));
        }
    }
    Ok(None)
}

// ---- generators ----

/// One step of `yield*` (§15.5.5): `mode` 0 next, 1 throw, 2 return, `v` the received
/// value. Returns (the inner result object, None) to yield it, or (value, Some(is_return))
/// when the delegation ends.
pub(super) fn delegate_step(
    cx: &mut Cx,
    it: Value,
    next: Value,
    mode: i32,
    v: Value,
) -> JsResult<(Value, Option<bool>)> {
    let result = match mode {
        0 => ops::call(cx, next, it, &[v])?,
        1 => {
            let tk = cx.rt.key("throw")?;
            let m = get_value(cx, it, tk)?;
            if m.is_nullish() {
                iterator_close(cx, it)?;
                return Err(cx.type_error("The iterator does not provide a 'throw' method"));
            }
            ops::call(cx, m, it, &[v])?
        }
        _ => {
            let rk = cx.name(crate::runtime::Name::return_);
            let m = get_value(cx, it, rk)?;
            if m.is_nullish() {
                return Ok((v, Some(true)));
            }
            ops::call(cx, m, it, &[v])?
        }
    };
    let Some(ro) = Object::from_value(result) else {
        return Err(crate::builtins::error::shown::iterator_result_not_object(
            cx, result,
        ));
    };
    let dk = cx.name(crate::runtime::Name::done);
    let done = ops::get(cx, ro, dk, result)?;
    if convert::to_boolean(done) {
        let vk = cx.name(crate::runtime::Name::value);
        let value = ops::get(cx, ro, vk, result)?;
        return Ok((value, Some(mode == 2)));
    }
    Ok((result, None))
}

/// `Await(v)`'s registration: PromiseResolve(%Promise%, v), then continuations that resume
/// the async function `g`.
pub(super) fn await_value(cx: &mut Cx, g: Gc<Object>, v: Value) -> JsResult<()> {
    use crate::builtins::promise;
    let c = cx.intrinsic(Intrinsic::Promise);
    let p = promise::promise_resolve(cx, c, v)?;
    let p = Object::from_value(p).expect("promise");
    let mut fns = [Value::UNDEFINED; 2];
    for (i, f) in fns.iter_mut().enumerate() {
        let nf = crate::builtins::create_function(
            cx,
            super::generator::async_continue,
            crate::builtins::FunctionOptions {
                name: cx.name(Name::empty).to_raw(),
                length: 1,
                constructor: false,
            },
        )?;
        Object::set_internal(nf, 0, g.to_value());
        Object::set_internal(nf, 1, Value::int(i as i32));
        *f = nf.to_value();
    }
    promise::perform_then(cx, p, fns[0], fns[1], [Value::UNDEFINED; 3])
}

/// An iterator result's value, or `None` when it is done (TypeError for a non-object).
pub(super) fn iter_result_value(cx: &mut Cx, r: Value) -> JsResult<Option<Value>> {
    let Some(ro) = Object::from_value(r) else {
        return Err(crate::builtins::error::shown::iterator_result_not_object(
            cx, r,
        ));
    };
    let dk = cx.name(crate::runtime::Name::done);
    let done = ops::get(cx, ro, dk, r)?;
    if convert::to_boolean(done) {
        return Ok(None);
    }
    let vk = cx.name(crate::runtime::Name::value);
    Ok(Some(ops::get(cx, ro, vk, r)?))
}

/// Calls the iterator's `return` method: its result, or `None` when there is none.
pub(super) fn iterator_return_call(cx: &mut Cx, it: Value) -> JsResult<Option<Value>> {
    let rk = cx.name(crate::runtime::Name::return_);
    let m = get_value(cx, it, rk)?;
    if m.is_nullish() {
        return Ok(None);
    }
    Ok(Some(ops::call(cx, m, it, &[])?))
}

/// The call of one async `yield*` step: `None` when mode is throw (1) or return (2) and the
/// inner iterator lacks that method.
pub(super) fn delegate_call(
    cx: &mut Cx,
    it: Value,
    next: Value,
    mode: i32,
    v: Value,
) -> JsResult<Option<Value>> {
    if mode == 0 {
        return Ok(Some(ops::call(cx, next, it, &[v])?));
    }
    let k = cx.rt.key(if mode == 1 { "throw" } else { "return" })?;
    let m = get_value(cx, it, k)?;
    if m.is_nullish() {
        return Ok(None);
    }
    Ok(Some(ops::call(cx, m, it, &[v])?))
}

/// An object environment's GetBindingValue for `with` (§9.1.1.2.6).
pub(super) fn with_get(cx: &mut Cx, o: Value, key: PropertyKey, strict: bool) -> JsResult<Value> {
    let Some(obj) = Object::from_value(o) else {
        return get_value(cx, o, key);
    };
    if !ops::has_property(cx, obj, key)? {
        if strict {
            let name = key.to_raw();
            return Err(not_defined(cx, name));
        }
        return Ok(Value::UNDEFINED);
    }
    ops::get(cx, obj, key, o)
}

/// An object environment's SetMutableBinding for `with` (§9.1.1.2.5).
pub(super) fn with_set(
    cx: &mut Cx,
    o: Value,
    key: PropertyKey,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    if let Some(obj) = Object::from_value(o) {
        if !ops::has_property(cx, obj, key)? && strict {
            let name = key.to_raw();
            return Err(not_defined(cx, name));
        }
    }
    put_value(cx, o, key, v, strict)
}

/// An object environment's HasBinding for `with`: HasProperty, unless `@@unscopables` blocks
/// the name.
pub(super) fn with_has(cx: &mut Cx, o: Value, key: PropertyKey) -> JsResult<bool> {
    let Some(obj) = Object::from_value(o) else {
        return Ok(false);
    };
    if !ops::has_property(cx, obj, key)? {
        return Ok(false);
    }
    let uk = PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::unscopables));
    let u = ops::get(cx, obj, uk, o)?;
    if let Some(uo) = Object::from_value(u) {
        let blocked = ops::get(cx, uo, key, u)?;
        if convert::to_boolean(blocked) {
            return Ok(false);
        }
    }
    Ok(true)
}
