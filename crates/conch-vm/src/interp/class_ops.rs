//! The class and private-element operations of the dispatch loop: `super` property access,
//! class creation, instance fields, private names (split from `ops.rs` by feature).

use super::code::Code;
use super::ops::{error_msg, make_closure};
use crate::convert;
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops::{self, PropertyDescriptor};
use crate::realm::Intrinsic;
use crate::string::JsString;
use conch_gc::{Gc, Value};

// ---- classes ----

/// `super[key]` read: Get(home.[[Prototype]], key, receiver).
pub(super) fn super_get(cx: &mut Cx, home: Value, rcv: Value, key: Value) -> JsResult<Value> {
    let home = Object::from_value(home).expect("home object");
    let key = convert::to_property_key(cx, key)?;
    let proto = ops::get_prototype_of(cx, home)?;
    let Some(p) = Object::from_value(proto) else {
        if proto.is_null() {
            let k = convert::key_to_value(cx, key)?;
            return Err(error_msg(
                cx,
                ErrorKind::TypeError,
                &["Cannot read properties of null (reading '", "')"],
                k,
            ));
        }
        return Ok(Value::UNDEFINED);
    };
    ops::get(cx, p, key, rcv)
}

/// `super[key] = v`: Set(home.[[Prototype]], key, v, receiver), strict.
pub(super) fn super_set(
    cx: &mut Cx,
    home: Value,
    rcv: Value,
    key: Value,
    v: Value,
) -> JsResult<()> {
    let home = Object::from_value(home).expect("home object");
    let key = convert::to_property_key(cx, key)?;
    let Some(p) = Object::from_value(ops::get_prototype_of(cx, home)?) else {
        return Err(cx.type_error("Cannot set properties of null"));
    };
    if !ops::set(cx, p, key, v, rcv)? {
        let s = convert::key_to_value(cx, key)?;
        return Err(error_msg(
            cx,
            ErrorKind::TypeError,
            &["Cannot assign to read only property '", "' of object"],
            s,
        ));
    }
    Ok(())
}

/// `F.[[GetPrototypeOf]]()` for `super()`, which must be a constructor.
pub(super) fn super_constructor(cx: &mut Cx, f: Value) -> JsResult<Value> {
    let fo = Object::from_value(f).expect("class constructor");
    let sc = ops::get_prototype_of(cx, fo)?;
    if Object::from_value(sc).is_none_or(|o| !o.is_constructor()) {
        return Err(not_super_constructor(cx, sc, fo));
    }
    Ok(sc)
}

/// V8's "Super constructor X of C is not a constructor" (`of anonymous class` for a class
/// without a name); X is a function's name (`null` when it has none), else the value shown.
fn not_super_constructor(cx: &mut Cx, sc: Value, class: Gc<Object>) -> Throw {
    use crate::builtins::error::shown::{data_property, error, Part};
    let name_of = |cx: &Cx, f: Gc<Object>| {
        JsString::from_value(data_property(cx, f, cx.name(crate::runtime::Name::name)))
            .filter(|n| !n.is_empty())
    };
    let sup = match Object::from_value(sc) {
        Some(f) if f.is_callable() && !crate::builtins::function::is_bound(&f) => {
            name_of(cx, f).map(|n| n.to_value())
        }
        _ if sc.is_null() => None,
        _ => Some(sc),
    };
    let sup = sup.map_or(Part::Text("null"), Part::Shown);
    match name_of(cx, class) {
        Some(n) => error(
            cx,
            ErrorKind::TypeError,
            &[
                Part::Text("Super constructor "),
                sup,
                Part::Text(" of "),
                Part::Str(n),
                Part::Text(" is not a constructor"),
            ],
        ),
        None => error(
            cx,
            ErrorKind::TypeError,
            &[
                Part::Text("Super constructor "),
                sup,
                Part::Text(" of anonymous class is not a constructor"),
            ],
        ),
    }
}

/// The constructor and prototype of a class (ClassDefinitionEvaluation steps 5-18):
/// `heritage` is the hole when there is no `extends`.
pub(super) fn create_class(
    cx: &mut Cx,
    code: Gc<Code>,
    env: Value,
    heritage: Value,
) -> JsResult<(Value, Value)> {
    let (proto_parent, ctor_parent) = if heritage.is_hole() {
        (
            cx.intrinsic(Intrinsic::ObjectPrototype),
            cx.intrinsic(Intrinsic::FunctionPrototype),
        )
    } else if heritage.is_null() {
        (Value::NULL, cx.intrinsic(Intrinsic::FunctionPrototype))
    } else {
        let Some(h) = Object::from_value(heritage).filter(|o| o.is_constructor()) else {
            return Err(crate::builtins::error::shown::error(
                cx,
                ErrorKind::TypeError,
                &[
                    crate::builtins::error::shown::Part::Text("Class extends value "),
                    crate::builtins::error::shown::Part::Shown(heritage),
                    crate::builtins::error::shown::Part::Text(" is not a constructor or null"),
                ],
            ));
        };
        let pk = cx.name(crate::runtime::Name::prototype);
        let pp = ops::get(cx, h, pk, heritage)?;
        if !pp.is_null() && Object::from_value(pp).is_none() {
            return Err(crate::builtins::error::shown::error(
                cx,
                ErrorKind::TypeError,
                &[
                    crate::builtins::error::shown::Part::Text(
                        "Class extends value does not have valid prototype property ",
                    ),
                    crate::builtins::error::shown::Part::Shown(pp),
                ],
            ));
        }
        (pp, heritage)
    };
    let proto = cx.new_object_with(ObjectClass::Ordinary, proto_parent)?;
    let f = make_closure(cx, code, env)?;
    ops::set_prototype_of(cx, f, ctor_parent)?;
    let pk = cx.name(crate::runtime::Name::prototype);
    ops::define_property_or_throw(cx, f, pk, &PropertyDescriptor::data(proto.to_value(), 0))?;
    let ck = cx.rt.key("constructor")?;
    ops::define_property_or_throw(
        cx,
        proto,
        ck,
        &PropertyDescriptor::data(f.to_value(), attrs::HIDDEN),
    )?;
    Ok((f.to_value(), proto.to_value()))
}

/// Defines the instance elements listed in `fields` on `o`: triples (key, value, kind) where
/// kind 0 is a field (value: its initialiser or undefined) and 1..=3 a private method, getter
/// or setter. Methods are added first, then fields in order (InitializeInstanceElements).
pub(super) fn init_fields(cx: &mut Cx, o: Value, fields: Value) -> JsResult<()> {
    let Some(list) = Object::from_value(fields) else {
        return Ok(());
    };
    if Object::from_value(o).is_none() {
        return Ok(());
    }
    let n = list.array_length();
    let at = |i: u32| {
        list.get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED)
    };
    for pass in 0..2 {
        let mut i = 0;
        while i + 2 < n {
            let (k, v, kind) = (at(i), at(i + 1), at(i + 2).as_int().unwrap_or(0));
            i += 3;
            match (pass, kind) {
                (0, 1..=3) => private_method_add(cx, o, k, v, (kind - 1) as usize)?,
                (1, 0) => {
                    let v = if v.is_undefined() {
                        Value::UNDEFINED
                    } else {
                        ops::call(cx, v, o, &[])?
                    };
                    define_field(cx, o, k, v)?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn private_description(cx: &mut Cx, name: Value) -> Value {
    crate::Symbol::from_value(name)
        .map(|s| s.description)
        .filter(|d| !d.is_undefined())
        .unwrap_or_else(|| {
            cx.string("#<private>")
                .map(|s| s.to_value())
                .unwrap_or(Value::UNDEFINED)
        })
}

// An error path: kept out of the callers, which the dispatch loop inlines.
#[cold]
#[inline(never)]
fn no_private(cx: &mut Cx, o: Value, name: Value, verb: &'static str) -> Throw {
    let d = private_description(cx, name);
    if o.is_nullish() {
        // V8 words a null or undefined receiver as a property access:
        // "Cannot read properties of undefined (reading '#p')".
        let read = verb == "read";
        let parts: [&str; 2] = match (o.is_null(), read) {
            (true, true) => ["Cannot read properties of null (reading '", "')"],
            (false, true) => ["Cannot read properties of undefined (reading '", "')"],
            (true, false) => ["Cannot set properties of null (setting '", "')"],
            (false, false) => ["Cannot set properties of undefined (setting '", "')"],
        };
        return error_msg(cx, ErrorKind::TypeError, &parts, d);
    }
    let parts: [&str; 2] = if verb == "read" {
        [
            "Cannot read private member ",
            " from an object whose class did not declare it",
        ]
    } else {
        [
            "Cannot write private member ",
            " to an object whose class did not declare it",
        ]
    };
    error_msg(cx, ErrorKind::TypeError, &parts, d)
}

/// `PrivateGet(O, P)`.
pub(super) fn private_get(cx: &mut Cx, o: Value, name: Value) -> JsResult<Value> {
    let found = Object::from_value(o).and_then(|obj| Object::get_named(cx.heap(), obj, name));
    let Some(p) = found else {
        return Err(no_private(cx, o, name, "read"));
    };
    if p.attrs & attrs::ACCESSOR == 0 {
        return Ok(p.value);
    }
    let g = crate::object::Accessor::of(&p).get;
    if g.is_undefined() {
        let d = private_description(cx, name);
        return Err(error_msg(
            cx,
            ErrorKind::TypeError,
            &["'", "' was defined without a getter"],
            d,
        ));
    }
    ops::call(cx, g, o, &[])
}

/// `PrivateSet(O, P, value)`.
pub(super) fn private_set(cx: &mut Cx, o: Value, name: Value, v: Value) -> JsResult<()> {
    let obj = Object::from_value(o);
    let found = obj.and_then(|x| Object::get_named(cx.heap(), x, name));
    let (Some(obj), Some(p)) = (obj, found) else {
        return Err(no_private(cx, o, name, "write"));
    };
    if p.attrs & attrs::ACCESSOR != 0 {
        let s = crate::object::Accessor::of(&p).set;
        if s.is_undefined() {
            let d = private_description(cx, name);
            return Err(error_msg(
                cx,
                ErrorKind::TypeError,
                &["'", "' was defined without a setter"],
                d,
            ));
        }
        ops::call(cx, s, o, &[v])?;
        return Ok(());
    }
    if p.attrs & attrs::WRITABLE == 0 {
        let d = private_description(cx, name);
        return Err(error_msg(
            cx,
            ErrorKind::TypeError,
            &["Private method '", "' is not writable"],
            d,
        ));
    }
    Object::put_named(
        cx.heap(),
        obj,
        name,
        Prop {
            value: v,
            attrs: p.attrs,
        },
    )?;
    Ok(())
}

/// Defines a field: `PrivateFieldAdd` for a private name, else CreateDataPropertyOrThrow.
pub(super) fn define_field(cx: &mut Cx, o: Value, key: Value, v: Value) -> JsResult<()> {
    let Some(obj) = Object::from_value(o) else {
        return Err(cx.type_error("Cannot define a field on a non-object"));
    };
    if crate::Symbol::is_private_key(key) {
        if Object::get_named(cx.heap(), obj, key).is_some() {
            let d = private_description(cx, key);
            return Err(error_msg(
                cx,
                ErrorKind::TypeError,
                &["Cannot initialize ", " twice on the same object"],
                d,
            ));
        }
        Object::put_named(
            cx.heap(),
            obj,
            key,
            Prop {
                value: v,
                attrs: attrs::WRITABLE,
            },
        )?;
        return Ok(());
    }
    let k = convert::to_property_key(cx, key)?;
    let d = PropertyDescriptor::data(v, attrs::DEFAULT);
    ops::define_property_or_throw(cx, obj, k, &d)
}

/// `PrivateMethodOrAccessorAdd`: kind 0 method, 1 getter, 2 setter (a getter and a setter of
/// one name share an accessor).
pub(super) fn private_method_add(
    cx: &mut Cx,
    o: Value,
    name: Value,
    f: Value,
    kind: usize,
) -> JsResult<()> {
    let Some(obj) = Object::from_value(o) else {
        return Ok(());
    };
    let existing = Object::get_named(cx.heap(), obj, name);
    let prop = match (kind, existing) {
        (0, None) => Prop { value: f, attrs: 0 },
        (1 | 2, None) => {
            let (get, set) = if kind == 1 {
                (f, Value::UNDEFINED)
            } else {
                (Value::UNDEFINED, f)
            };
            let a = cx.heap().alloc(crate::object::Accessor { get, set })?;
            Prop {
                value: a.to_value(),
                attrs: attrs::ACCESSOR,
            }
        }
        (1 | 2, Some(p)) if p.attrs & attrs::ACCESSOR != 0 && pairs_with(&p, kind) => {
            let old = crate::object::Accessor::of(&p);
            let (get, set) = if kind == 1 {
                (f, old.set)
            } else {
                (old.get, f)
            };
            let a = cx.heap().alloc(crate::object::Accessor { get, set })?;
            Prop {
                value: a.to_value(),
                attrs: attrs::ACCESSOR,
            }
        }
        _ => {
            let d = private_description(cx, name);
            return Err(error_msg(
                cx,
                ErrorKind::TypeError,
                &["Cannot initialize ", " twice on the same object"],
                d,
            ));
        }
    };
    Object::put_named(cx.heap(), obj, name, prop)?;
    Ok(())
}

/// Whether an accessor added so far lacks the half `kind` adds (the other half of its pair,
/// added by the same class for the same instance).
fn pairs_with(p: &Prop, kind: usize) -> bool {
    let a = crate::object::Accessor::of(p);
    if kind == 1 {
        a.get.is_undefined()
    } else {
        a.set.is_undefined()
    }
}
