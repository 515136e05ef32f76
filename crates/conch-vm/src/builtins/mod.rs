//! Builtins: one file per constructor family, and realm initialisation.

mod array;
pub mod array_buffer;
mod atomics;
mod base64;
mod bigint;
mod collection;
mod data_view;
mod date;
mod disposable;
pub(crate) mod error;
pub(crate) mod function;
mod generator;
mod global;
pub mod introspect;
mod iterator;
pub(crate) mod json;
pub(crate) mod math;
mod number;
mod object;
mod primitive;
pub mod promise;
mod proxy;
mod reflect;
pub(crate) mod regexp;
mod shadow_realm;
mod string;
pub mod structured_clone;
pub(crate) mod symbol;
#[cfg(test)]
mod test_support;
pub(crate) mod typed_array;
mod weak_ref;

pub(crate) use array::iter::step_value as array_iter_step;
pub use array::{array_create, original_method as original_array_method};
pub(crate) use array::{array_from_list, iter_result};
pub use atomics::poll_async_waiters;
pub(crate) use collection::map::not_iterable;
pub(crate) use function::throw_type_error as function_throw_type_error;
pub use function::{create_function, FunctionOptions};
pub use typed_array::elements as typed_array_elements;
pub use typed_array::host_api as views;
pub use typed_array::is_canonical_numeric as typed_array_is_numeric_key;
pub(crate) use typed_array::is_immutable as typed_array_is_immutable;
pub use typed_array::{convert_and_store as typed_array_store, read_value as typed_array_read};

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
    rt.set_filler(fill);
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
    Object::set_lazy(iterator_proto, Lazy::IteratorProto as u8);
    set(Intrinsic::IteratorPrototype, iterator_proto);
    let array_iterator_proto =
        cx.new_singleton(ObjectClass::Ordinary, iterator_proto.to_value())?;
    Object::set_lazy(array_iterator_proto, Lazy::ArrayIteratorProto as u8);
    set(Intrinsic::ArrayIteratorPrototype, array_iterator_proto);
    let string_iterator_proto =
        cx.new_singleton(ObjectClass::Ordinary, iterator_proto.to_value())?;
    Object::set_lazy(string_iterator_proto, Lazy::StringIteratorProto as u8);
    set(Intrinsic::StringIteratorPrototype, string_iterator_proto);
    generator::init(cx)?;

    let global = cx.new_singleton(ObjectClass::Ordinary, p)?;
    Context::set_global(realm, global.to_value());

    object::init(cx, global)?;
    function::init(cx, global)?;
    array::init(cx, global)?;
    error::init(cx, global)?;
    symbol::init(cx, global)?;
    primitive::init(cx, global)?;
    array_buffer::init(cx, global)?;
    promise::init(cx, global)?;
    global::init(cx, global)?;
    math::init(cx, global)?;
    date::init(cx, global)?;
    regexp::init(cx, global)?;
    bigint::init(cx, global)?;
    typed_array::init(cx, global)?;
    atomics::init(cx, global)?;
    data_view::init(cx, global)?;

    let ev = create_function(
        cx,
        crate::interp::eval::eval_native,
        FunctionOptions {
            name: rt.key("eval")?.to_raw(),
            length: 1,
            constructor: false,
        },
    )?;
    set(Intrinsic::Eval, ev);
    let ek = rt.key("eval")?;
    data(cx, global, ek, ev.to_value(), attrs::HIDDEN)?;
    collection::map::init(cx, global)?;
    reflect::init(cx, global)?;
    proxy::init(cx, global)?;
    json::init(cx, global)?;
    iterator::init(cx, global)?;
    disposable::init(cx, global)?;
    weak_ref::init(cx, global)?;
    shadow_realm::init(cx, global)?;
    structured_clone::init(cx, global)?;

    let lex = cx.new_singleton(ObjectClass::Ordinary, Value::NULL)?;
    set(Intrinsic::GlobalLexicals, lex);

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
    let so = cx.error_object(ErrorKind::RangeError, "Maximum call stack size exceeded")?;
    // These two are thrown again and again: no trace is ever captured into them.
    let none = conch_gc::GcArray::<Value>::from_slice(cx.heap(), &[])?.to_value();
    Object::set_internal(oom, 0, none);
    Object::set_internal(so, 0, none);
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

/// The lazy builtin holders: a realm creates each prototype and constructor object up
/// front (they are intrinsics and global bindings) but their properties only when first
/// used (`ops::materialize` calls [`fill`] with the holder's id), as ChakraCore defers type
/// initialisation. A realm that touches few builtins pays for few.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Lazy {
    ObjectProto = 1,
    ObjectCtor,
    FunctionProto,
    FunctionCtor,
    ArrayProto,
    ArrayCtor,
    ErrorProto,
    ErrorCtor,
    SymbolProto,
    SymbolCtor,
    BooleanProto,
    BooleanCtor,
    NumberProto,
    NumberCtor,
    StringProto,
    StringCtor,
    ArrayBufferProto,
    ArrayBufferCtor,
    IteratorProto,
    ArrayIteratorProto,
    GeneratorFunctionProto,
    GeneratorProto,
    PromiseProto,
    PromiseCtor,
    AsyncIteratorProto,
    AsyncGeneratorFunctionProto,
    AsyncGeneratorProto,
    AsyncFromSyncIteratorProto,
    Math,
    StringIteratorProto,
    MapProto,
    MapCtor,
    SetProto,
    SetCtor,
    WeakMapProto,
    WeakMapCtor,
    WeakSetProto,
    WeakSetCtor,
    MapIteratorProto,
    SetIteratorProto,
    Reflect,
    Json,
    DateProto,
    DateCtor,
    AsyncFunctionProto,
    RegExpProto,
    RegExpCtor,
    RegExpStringIteratorProto,
    BigIntProto,
    BigIntCtor,
    TypedArrayProto,
    TypedArrayCtor,
    ConcreteTypedArrayProto,
    ConcreteTypedArrayCtor,
    DataViewProto,
    DataViewCtor,
    ProxyCtor,
    IteratorCtor,
    DisposableStackProto,
    DisposableStackCtor,
    AsyncDisposableStackProto,
    AsyncDisposableStackCtor,
    WeakRefProto,
    WeakRefCtor,
    FinalizationRegistryProto,
    FinalizationRegistryCtor,
    SharedArrayBufferProto,
    SharedArrayBufferCtor,
    Atomics,
    ShadowRealmProto,
    ShadowRealmCtor,
}

const LAZY: [Lazy; 71] = [
    Lazy::ObjectProto,
    Lazy::ObjectCtor,
    Lazy::FunctionProto,
    Lazy::FunctionCtor,
    Lazy::ArrayProto,
    Lazy::ArrayCtor,
    Lazy::ErrorProto,
    Lazy::ErrorCtor,
    Lazy::SymbolProto,
    Lazy::SymbolCtor,
    Lazy::BooleanProto,
    Lazy::BooleanCtor,
    Lazy::NumberProto,
    Lazy::NumberCtor,
    Lazy::StringProto,
    Lazy::StringCtor,
    Lazy::ArrayBufferProto,
    Lazy::ArrayBufferCtor,
    Lazy::IteratorProto,
    Lazy::ArrayIteratorProto,
    Lazy::GeneratorFunctionProto,
    Lazy::GeneratorProto,
    Lazy::PromiseProto,
    Lazy::PromiseCtor,
    Lazy::AsyncIteratorProto,
    Lazy::AsyncGeneratorFunctionProto,
    Lazy::AsyncGeneratorProto,
    Lazy::AsyncFromSyncIteratorProto,
    Lazy::Math,
    Lazy::StringIteratorProto,
    Lazy::MapProto,
    Lazy::MapCtor,
    Lazy::SetProto,
    Lazy::SetCtor,
    Lazy::WeakMapProto,
    Lazy::WeakMapCtor,
    Lazy::WeakSetProto,
    Lazy::WeakSetCtor,
    Lazy::MapIteratorProto,
    Lazy::SetIteratorProto,
    Lazy::Reflect,
    Lazy::Json,
    Lazy::DateProto,
    Lazy::DateCtor,
    Lazy::AsyncFunctionProto,
    Lazy::RegExpProto,
    Lazy::RegExpCtor,
    Lazy::RegExpStringIteratorProto,
    Lazy::BigIntProto,
    Lazy::BigIntCtor,
    Lazy::TypedArrayProto,
    Lazy::TypedArrayCtor,
    Lazy::ConcreteTypedArrayProto,
    Lazy::ConcreteTypedArrayCtor,
    Lazy::DataViewProto,
    Lazy::DataViewCtor,
    Lazy::ProxyCtor,
    Lazy::IteratorCtor,
    Lazy::DisposableStackProto,
    Lazy::DisposableStackCtor,
    Lazy::AsyncDisposableStackProto,
    Lazy::AsyncDisposableStackCtor,
    Lazy::WeakRefProto,
    Lazy::WeakRefCtor,
    Lazy::FinalizationRegistryProto,
    Lazy::FinalizationRegistryCtor,
    Lazy::SharedArrayBufferProto,
    Lazy::SharedArrayBufferCtor,
    Lazy::Atomics,
    Lazy::ShadowRealmProto,
    Lazy::ShadowRealmCtor,
];

/// Creates the properties of the lazy holder `o` (a [`Lazy`] id); `cx` is in `o`'s realm.
fn fill(cx: &mut Cx, o: Gc<Object>, id: u8) -> JsResult<()> {
    let Some(&which) = LAZY.get((id as usize).wrapping_sub(1)) else {
        return Ok(());
    };
    use Lazy::*;
    match which {
        ObjectProto => object::fill_proto(cx, o),
        ObjectCtor => object::fill_ctor(cx, o),
        FunctionProto => function::fill_proto(cx, o),
        FunctionCtor => fill_constructor(cx, o, 1),
        ArrayProto => array::fill_proto(cx, o),
        ArrayCtor => array::fill_ctor(cx, o),
        ErrorProto => error::fill_proto(cx, o),
        ErrorCtor => error::fill_ctor(cx, o),
        SymbolProto => symbol::fill_proto(cx, o),
        SymbolCtor => symbol::fill_ctor(cx, o),
        BooleanProto => primitive::fill_boolean_proto(cx, o),
        BooleanCtor => fill_constructor(cx, o, 1),
        StringCtor => string::fill_ctor(cx, o),
        NumberCtor => number::fill_ctor(cx, o),
        NumberProto => number::fill_proto(cx, o),
        StringProto => string::fill_proto(cx, o),
        ArrayBufferProto => array_buffer::fill_proto(cx, o),
        ArrayBufferCtor => array_buffer::fill_ctor(cx, o),
        IteratorProto => iterator::fill_proto(cx, o),
        ArrayIteratorProto => array::fill_array_iterator_proto(cx, o),
        GeneratorFunctionProto => generator::fill_function_proto(cx, o),
        GeneratorProto => generator::fill_proto(cx, o),
        PromiseProto => promise::fill_proto(cx, o),
        PromiseCtor => promise::fill_ctor(cx, o),
        AsyncIteratorProto => generator::fill_async_iterator_proto(cx, o),
        AsyncGeneratorFunctionProto => generator::fill_async_function_proto(cx, o),
        AsyncGeneratorProto => generator::fill_async_proto(cx, o),
        AsyncFromSyncIteratorProto => generator::fill_async_from_sync_proto(cx, o),
        Math => math::fill(cx, o),
        StringIteratorProto => string::fill_iterator_proto(cx, o),
        MapProto => collection::map::fill_proto(cx, o),
        MapCtor => collection::map::fill_ctor(cx, o),
        SetProto => collection::set::fill_proto(cx, o),
        SetCtor => collection::set::fill_ctor(cx, o),
        WeakMapProto => collection::weak::fill_weak_map_proto(cx, o),
        WeakSetProto => collection::weak::fill_weak_set_proto(cx, o),
        WeakMapCtor | WeakSetCtor => collection::weak::fill_ctor(cx, o),
        MapIteratorProto => collection::map::fill_iterator_proto(cx, o),
        SetIteratorProto => collection::set::fill_iterator_proto(cx, o),
        Reflect => reflect::fill(cx, o),
        Json => json::fill(cx, o),
        DateProto => date::fill_proto(cx, o),
        DateCtor => date::fill_ctor(cx, o),
        AsyncFunctionProto => generator::fill_async_fn_proto(cx, o),
        RegExpProto => regexp::fill_proto(cx, o),
        RegExpCtor => regexp::fill_ctor(cx, o),
        RegExpStringIteratorProto => regexp::fill_iterator_proto(cx, o),
        BigIntProto => bigint::fill_proto(cx, o),
        BigIntCtor => bigint::fill_ctor(cx, o),
        TypedArrayProto => typed_array::fill_proto(cx, o),
        TypedArrayCtor => typed_array::fill_ctor(cx, o),
        ConcreteTypedArrayProto => typed_array::fill_concrete_proto(cx, o),
        ConcreteTypedArrayCtor => typed_array::fill_concrete_ctor(cx, o),
        DataViewProto => data_view::fill_proto(cx, o),
        DataViewCtor => data_view::fill_ctor(cx, o),
        ProxyCtor => proxy::fill_ctor(cx, o),
        IteratorCtor => iterator::fill_ctor(cx, o),
        DisposableStackProto => disposable::fill_sync_proto(cx, o),
        AsyncDisposableStackProto => disposable::fill_async_proto(cx, o),
        DisposableStackCtor | AsyncDisposableStackCtor => disposable::fill_ctor(cx, o),
        WeakRefProto => weak_ref::fill_proto(cx, o),
        WeakRefCtor => fill_constructor(cx, o, 1),
        FinalizationRegistryProto => weak_ref::finalization::fill_proto(cx, o),
        FinalizationRegistryCtor => fill_constructor(cx, o, 1),
        SharedArrayBufferProto => array_buffer::shared::fill_proto(cx, o),
        SharedArrayBufferCtor => array_buffer::shared::fill_ctor(cx, o),
        Atomics => atomics::fill(cx, o),
        ShadowRealmProto => shadow_realm::fill_proto(cx, o),
        ShadowRealmCtor => fill_constructor(cx, o, 0),
    }
}

/// Defines a builtin constructor for `proto` and binds it on the global object; its own
/// properties (`length`, `name`, `prototype`, statics: the `lazy` filler) come on first use.
#[allow(clippy::too_many_arguments)]
pub(crate) fn constructor(
    cx: &mut Cx,
    global: Gc<Object>,
    name: &str,
    f: NativeFn,
    proto: Gc<Object>,
    ctor_proto: Value,
    lazy: Lazy,
) -> JsResult<Gc<Object>> {
    let key = cx.rt.key(name)?;
    let c = cx.new_singleton(ObjectClass::Function, ctor_proto)?;
    Object::set_native(c, f, true);
    // What the filler needs: the prototype and the name (an atom is a string).
    Object::set_internal(c, 0, proto.to_value());
    Object::set_internal(c, 1, key.to_raw());
    Object::set_lazy(c, lazy as u8);
    data(cx, global, key, c.to_value(), attrs::HIDDEN)?;
    Ok(c)
}

/// A constructor's own `length`, `name` and `prototype` (CreateBuiltinFunction's order, then
/// the prototype link), from what [`constructor`] stored.
pub(crate) fn fill_constructor(cx: &mut Cx, c: Gc<Object>, length: u32) -> JsResult<()> {
    let lk = cx.name(Name::length);
    data(cx, c, lk, Value::number(length as f64), attrs::CONFIGURABLE)?;
    let nk = cx.name(Name::name);
    data(cx, c, nk, c.internal(1), attrs::CONFIGURABLE)?;
    let pk = cx.name(Name::prototype);
    data(cx, c, pk, c.internal(0), 0)
}

/// A prototype's `constructor` link.
pub(crate) fn link_constructor(cx: &Cx, proto: Gc<Object>, ctor: Intrinsic) -> JsResult<()> {
    let ck = cx.name(Name::constructor);
    data(cx, proto, ck, cx.intrinsic(ctor), attrs::HIDDEN)
}

/// Argument `i` or `undefined`.
#[inline]
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

#[cfg(test)]
mod tests;
