//! Builtins: one file per constructor family, and realm initialisation.

mod array;
pub mod array_buffer;
mod error;
mod function;
mod object;
mod primitive;
mod symbol;

pub use array::array_create;
pub use function::{create_function, FunctionOptions};

use crate::cx::{Cx, ErrorKind, JsResult};
use crate::key::PropertyKey;
use crate::object::attrs;
use crate::object::{NativeFn, Object, ObjectClass, Prop};
use crate::realm::{Context, Intrinsic};
use crate::runtime::{Name, Runtime};
use conch_gc::{Gc, Value};

/// Creates and initialises a realm: intrinsics, global object, pre-allocated errors.
pub fn create_realm(rt: &Runtime) -> JsResult<Gc<Context>> {
    let heap = rt.heap();
    let realm = Context::alloc(heap)?;
    rt.register_context(realm)?;
    let cx = &mut Cx::new(rt, realm);
    let set = |i: Intrinsic, o: Gc<Object>| Context::set_intrinsic(realm, i, o.to_value());

    // Prototypes first: everything else hangs off them.
    let object_proto = cx.new_singleton(ObjectClass::Ordinary, Value::NULL)?;
    set(Intrinsic::ObjectPrototype, object_proto);
    let function_proto = cx.new_singleton(ObjectClass::Function, object_proto.to_value())?;
    Object::set_native(function_proto, function::function_prototype_call, false);
    set(Intrinsic::FunctionPrototype, function_proto);
    let p = object_proto.to_value();
    let array_proto = cx.new_singleton(ObjectClass::Array, p)?;
    set(Intrinsic::ArrayPrototype, array_proto);
    let iterator_proto = cx.new_singleton(ObjectClass::Ordinary, p)?;
    set(Intrinsic::IteratorPrototype, iterator_proto);

    let global = cx.new_singleton(ObjectClass::Ordinary, p)?;
    Context::set_global(realm, global.to_value());

    object::init(cx, global)?;
    function::init(cx, global)?;
    array::init(cx, global)?;
    error::init(cx, global)?;
    symbol::init(cx, global)?;
    primitive::init(cx, global)?;
    array_buffer::init(cx, global)?;

    let key = rt.key("globalThis")?;
    data(cx, global, key, global.to_value(), attrs::HIDDEN)?;
    for (name, v) in [
        ("NaN", Value::number(f64::NAN)),
        ("Infinity", Value::number(f64::INFINITY)),
        ("undefined", Value::UNDEFINED),
    ] {
        let key = rt.key(name)?;
        data(cx, global, key, v, 0)?;
    }

    let oom = cx.error_object(ErrorKind::Error, "Out of memory")?;
    Context::set_intrinsic(realm, Intrinsic::OutOfMemoryError, oom.to_value());
    let so = cx.error_object(ErrorKind::RangeError, "Out of stack space")?;
    Context::set_intrinsic(realm, Intrinsic::StackOverflowError, so.to_value());
    Ok(realm)
}

/// Stores a data property directly (realm setup: the object is fresh, nothing can fail but
/// memory).
pub(crate) fn data(cx: &Cx, o: Gc<Object>, key: PropertyKey, value: Value, a: u8) -> JsResult<()> {
    match key.as_index() {
        Some(i) => Object::put_element(cx.heap(), o, i, Prop { value, attrs: a })?,
        None => Object::put_named(cx.heap(), o, key.to_raw(), Prop { value, attrs: a })?,
    }
    Ok(())
}

/// Defines a builtin method `name` (writable, configurable, not enumerable).
pub(crate) fn method(
    cx: &mut Cx,
    o: Gc<Object>,
    name: &str,
    length: u32,
    f: NativeFn,
) -> JsResult<Gc<Object>> {
    let key = cx.rt.key(name)?;
    method_key(cx, o, key, length, f)
}

/// Defines a builtin method under any key (symbols get `[description]` names).
pub(crate) fn method_key(
    cx: &mut Cx,
    o: Gc<Object>,
    key: PropertyKey,
    length: u32,
    f: NativeFn,
) -> JsResult<Gc<Object>> {
    let name = function::key_name(cx, key)?;
    let func = create_function(
        cx,
        f,
        FunctionOptions {
            name,
            length,
            constructor: false,
        },
    )?;
    data(cx, o, key, func.to_value(), attrs::HIDDEN)?;
    Ok(func)
}

/// Defines a builtin constructor with its prototype, links `constructor`/`prototype`, and puts
/// it on the global object.
pub(crate) fn constructor(
    cx: &mut Cx,
    global: Gc<Object>,
    name: &str,
    length: u32,
    f: NativeFn,
    proto: Gc<Object>,
    ctor_proto: Value,
) -> JsResult<Gc<Object>> {
    let name_s = cx.string(name)?;
    let c = create_function(
        cx,
        f,
        FunctionOptions {
            name: name_s.to_value(),
            length,
            constructor: true,
        },
    )?;
    Object::set_prototype_raw(cx.heap(), c, ctor_proto)?;
    let pk = cx.name(Name::prototype);
    data(cx, c, pk, proto.to_value(), 0)?;
    let ck = cx.name(Name::constructor);
    data(cx, proto, ck, c.to_value(), attrs::HIDDEN)?;
    let gk = cx.rt.key(name)?;
    data(cx, global, gk, c.to_value(), attrs::HIDDEN)?;
    Ok(c)
}

/// Argument `i` or `undefined`.
#[inline]
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}
