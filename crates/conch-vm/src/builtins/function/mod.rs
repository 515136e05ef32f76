//! `Function`, `Function.prototype` and native function objects.

use super::{arg, constructor, data, link_constructor, method, Lazy};
use crate::convert::{key_to_value, length_of_array_like, to_string};
use crate::cx::{Cx, JsResult};
use crate::key::{PropertyKey, Symbol};
use crate::object::attrs;
use crate::object::{NativeFn, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::Name;
use crate::string::JsString;
use conch_gc::{Gc, GcVec, Value};

/// How to make a native function.
#[derive(Clone, Copy, Debug)]
pub struct FunctionOptions {
    /// The `name` property (a string value).
    pub name: Value,
    /// The `length` property.
    pub length: u32,
    /// Whether it has `[[Construct]]`.
    pub constructor: bool,
}

/// Creates a native function object of the current realm (`CreateBuiltinFunction`): `length`
/// then `name`, both non-writable, non-enumerable, configurable.
pub fn create_function(cx: &mut Cx, f: NativeFn, opts: FunctionOptions) -> JsResult<Gc<Object>> {
    let fo = cx.new_object_with(
        ObjectClass::Function,
        cx.intrinsic(Intrinsic::FunctionPrototype),
    )?;
    Object::set_native(fo, f, opts.constructor);
    let lk = cx.name(Name::length);
    data(
        cx,
        fo,
        lk,
        Value::number(opts.length as f64),
        attrs::CONFIGURABLE,
    )?;
    let nk = cx.name(Name::name);
    data(cx, fo, nk, opts.name, attrs::CONFIGURABLE)?;
    Ok(fo)
}

/// The `name` of a function stored under `key`: the key's string, or `[description]` for a
/// symbol, the description for a private name (`SetFunctionName`).
pub fn key_name(cx: &mut Cx, key: PropertyKey) -> JsResult<Value> {
    if let Some(sym) = key.as_symbol() {
        let Some(d) = JsString::from_value(sym.description) else {
            return Ok(cx.name(Name::empty).to_raw());
        };
        if Symbol::is_private_key(key.to_raw()) {
            // A private name's function name is its description (`#m`), unbracketed.
            return Ok(d.to_value());
        }
        let open = cx.string("[")?;
        let close = cx.string("]")?;
        let s = JsString::concat(cx.heap(), open, d)?;
        return Ok(JsString::concat(cx.heap(), s, close)?.to_value());
    }
    key_to_value(cx, key)
}

/// `%Function.prototype%` itself: accepts any arguments and returns `undefined`.
pub(super) fn function_prototype_call(
    _: &mut Cx,
    _: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

/// `Function(p1, …, pn, body)` (CreateDynamicFunction for normal functions): the function is
/// created in the global scope of the current realm.
fn function_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    create_dynamic_function(cx, args, nt, conch_parser::DynamicFunctionKind::Normal)
}

/// `GeneratorFunction(…)`.
pub(crate) fn generator_function_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    create_dynamic_function(cx, args, nt, conch_parser::DynamicFunctionKind::Generator)
}

/// `AsyncFunction(…)`.
pub(crate) fn async_function_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    create_dynamic_function(cx, args, nt, conch_parser::DynamicFunctionKind::Async)
}

/// `AsyncGeneratorFunction(…)`.
pub(crate) fn async_generator_function_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    create_dynamic_function(
        cx,
        args,
        nt,
        conch_parser::DynamicFunctionKind::AsyncGenerator,
    )
}

/// CreateDynamicFunction(constructor, newTarget, kind, args).
fn create_dynamic_function(
    cx: &mut Cx,
    args: &[Value],
    nt: Value,
    kind: conch_parser::DynamicFunctionKind,
) -> JsResult<Value> {
    use crate::runtime::RuntimeAttributes;
    if cx.rt.attributes().has(RuntimeAttributes::DISABLE_EVAL) {
        return Err(cx.rt.refuse_eval());
    }
    let arena = conch_mm::Arena::new(cx.rt.memory_manager().clone());
    // Parameters joined with ",", then the body (each ToString'd in order).
    let mut params: allocator_api2::vec::Vec<u16, &conch_mm::Arena> =
        allocator_api2::vec::Vec::new_in(&arena);
    let n = args.len();
    for (i, &a) in args.iter().enumerate().take(n.saturating_sub(1)) {
        let s = to_string(cx, a)?;
        let s = JsString::flatten(cx.heap(), s)?;
        let c = s.chars();
        params
            .try_reserve(c.len() + 1)
            .map_err(|_| crate::Throw::OutOfMemory)?;
        if i > 0 {
            params.push(b',' as u16);
        }
        params.extend(c.units());
    }
    let body = match args.last() {
        Some(&b) if n > 0 => {
            let s = to_string(cx, b)?;
            JsString::flatten(cx.heap(), s)?
        }
        _ => cx.string("")?,
    };
    let mut bu: allocator_api2::vec::Vec<u16, &conch_mm::Arena> =
        allocator_api2::vec::Vec::new_in(&arena);
    bu.try_reserve(body.len())
        .map_err(|_| crate::Throw::OutOfMemory)?;
    bu.extend(body.chars().units());
    let oom = |_| crate::Throw::OutOfMemory;
    let p = conch_parser::utf16_to_source(&params, &arena).map_err(oom)?;
    let b = conch_parser::utf16_to_source(&bu, &arena).map_err(oom)?;
    let (text, parsed) = match conch_parser::parse_dynamic_function(p, b, kind, &arena) {
        Ok(r) => r,
        Err(e) if e.kind == conch_parser::ErrorKind::SyntaxError => {
            // The message with its subject filled in ("Unexpected identifier 'b'").
            let mut buf = crate::script::MsgBuf { b: [0; 256], n: 0 };
            let _ = std::fmt::Write::write_fmt(&mut buf, format_args!("{}", e.message()));
            return Err(cx.throw(crate::ErrorKind::SyntaxError, buf.as_str()));
        }
        Err(e) if e.kind == conch_parser::ErrorKind::StackOverflow => {
            return Err(crate::Throw::Value(
                cx.intrinsic(Intrinsic::StackOverflowError),
            ));
        }
        Err(_) => return Err(crate::Throw::OutOfMemory),
    };
    let src = JsString::from_str(cx.heap(), text)?;
    let file = cx.string("anonymous")?;
    let code = crate::compiler::compile_program(
        cx,
        &parsed,
        text,
        &arena,
        src,
        file,
        crate::compiler::Program::Eval { caller: None },
    )?;
    let realm = cx.realm;
    let runner = crate::interp::ops::make_closure(cx, code, Value::UNDEFINED)?;
    let f = crate::interp::call_closure(cx, runner, realm.global(), &[], Value::UNDEFINED)?;
    if !nt.is_undefined() {
        if let Some(fo) = Object::from_value(f) {
            use conch_parser::DynamicFunctionKind as K;
            let fallback = match kind {
                K::Normal => Intrinsic::FunctionPrototype,
                K::Generator => Intrinsic::GeneratorFunctionPrototype,
                K::Async => Intrinsic::AsyncFunctionPrototype,
                K::AsyncGenerator => Intrinsic::AsyncGeneratorFunctionPrototype,
            };
            let proto = ops::prototype_from_constructor(cx, nt, fallback)?;
            ops::set_prototype_of(cx, fo, proto)?;
        }
    }
    Ok(f)
}

fn to_string_(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(f) = Object::from_value(this).filter(|f| f.is_callable()) else {
        return Err(cx.type_error("Function.prototype.toString requires that 'this' be a Function"));
    };
    Ok(source_text(cx, f)?.to_value())
}

/// Whether `f` is a bound function exotic object.
pub(crate) fn is_bound(f: &Object) -> bool {
    f.native()
        .is_some_and(|n| std::ptr::fn_addr_eq(n, bound_call as crate::object::NativeFn))
}

/// `Function.prototype.toString` of the callable `f` (runs no script, but may ask the host's
/// source loader for a script's text).
pub(crate) fn source_text(cx: &mut Cx, f: Gc<Object>) -> JsResult<Gc<JsString>> {
    // Functions made from source text return that text (§20.2.3.5 step 2).
    if let Some(code) = crate::interp::code_of(&f) {
        let script = code.script;
        if let Some(src) = script.source_text(cx)? {
            if let Some(t) = span_text(cx, code, src)? {
                return Ok(t);
            }
        }
    }
    native_text(cx, f)
}

/// [`source_text`] without asking a host loader: a function whose script text is not loaded
/// shows as native code (for error messages).
pub(crate) fn loaded_source_text(cx: &Cx, f: Gc<Object>) -> JsResult<Gc<JsString>> {
    if let Some(code) = crate::interp::code_of(&f) {
        if let Some(src) = JsString::from_value(code.script.source.get()) {
            if let Some(t) = span_text(cx, code, src)? {
                return Ok(t);
            }
        }
    }
    native_text(cx, f)
}

/// The text of `code`'s function within its script's source `src`.
fn span_text(
    cx: &Cx,
    code: Gc<crate::interp::code::Code>,
    src: Gc<JsString>,
) -> JsResult<Option<Gc<JsString>>> {
    let script = code.script;
    let (a, b) = code.span;
    if a < b {
        let src = JsString::flatten(cx.heap(), src)?;
        let (start, end) = (script.unit_index(a), script.unit_index(b));
        if start < end && end <= src.len() {
            return Ok(Some(crate::builtins::string::substring(
                cx, src, start, end,
            )?));
        }
    }
    Ok(None)
}

/// `function NAME() { [native code] }`.
fn native_text(cx: &Cx, f: Gc<Object>) -> JsResult<Gc<JsString>> {
    let nk = cx.name(Name::name);
    let name = match Object::get_named(cx.heap(), f, nk.to_raw()) {
        Some(p) if JsString::from_value(p.value).is_some() && p.attrs & attrs::ACCESSOR == 0 => {
            p.value
        }
        _ => cx.name(Name::empty).to_raw(),
    };
    let head = cx.string("function ")?;
    let tail = cx.string("() { [native code] }")?;
    let mut name = JsString::from_value(name).expect("string");
    // The result must match the NativeFunction grammar: a name that is not a property name
    // (a bound function's `bound f`, say) is left out.
    if !native_name_ok(&JsString::flatten(cx.heap(), name)?.chars()) {
        name = cx.string("")?;
    }
    let s = JsString::concat(cx.heap(), head, name)?;
    Ok(JsString::concat(cx.heap(), s, tail)?)
}

/// Whether `n` can stand as the name in NativeFunction: `[get |set ]IdentifierName` or a
/// bracketed computed name (symbol-keyed functions).
fn native_name_ok(n: &crate::string::Chars<'_>) -> bool {
    let units: &mut dyn Iterator<Item = u16> = &mut n.units();
    let mut all = units.peekable();
    let len = n.len();
    let starts = |p: &str| len > p.len() && p.bytes().enumerate().all(|(i, b)| n.at(i) == b as u16);
    let skip = if starts("get ") || starts("set ") {
        4
    } else {
        0
    };
    for _ in 0..skip {
        all.next();
    }
    if len > skip && n.at(skip) == b'[' as u16 {
        return n.at(len - 1) == b']' as u16;
    }
    let mut first = true;
    for u in all {
        let ok = matches!(u, 0x24 | 0x5f | 0x41..=0x5a | 0x61..=0x7a)
            || (!first && (0x30..=0x39).contains(&u))
            || (u > 0x7f
                && !(0xd800..0xe000).contains(&u)
                && u != 0x2028
                && u != 0x2029
                && u != 0xa0
                && u != 0xfeff
                && u != 0x3000);
        if !ok {
            return false;
        }
        first = false;
    }
    true
}

fn call_(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let rest = if args.is_empty() { args } else { &args[1..] };
    ops::call(cx, this, arg(args, 0), rest)
}

fn apply(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if !Object::from_value(this).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("Function.prototype.apply was called on a non-function"));
    }
    let list = arg(args, 1);
    if list.is_nullish() {
        return ops::call(cx, this, arg(args, 0), &[]);
    }
    let Some(lo) = Object::from_value(list) else {
        return Err(cx.type_error("CreateListFromArrayLike called on non-object"));
    };
    if let Some(n) = crate::interp::arguments::dense_list_len(cx, lo) {
        if n <= 65_535 {
            let buf = GcVec::<Value>::new();
            buf.reserve(cx.heap(), n as usize)?;
            for i in 0..n {
                let v = lo.get_element(i).map_or(Value::UNDEFINED, |p| p.value);
                buf.push(cx.heap(), v)?;
            }
            // SAFETY: `buf` is this frame's own vector; nothing else can reach it.
            return ops::call(cx, this, arg(args, 0), unsafe { buf.as_slice() });
        }
    }
    let n = length_of_array_like(cx, lo)?;
    if n > 65_535 {
        return Err(cx.range_error("Too many arguments in function call"));
    }
    // The argument list lives in a GC vector (reachable from this frame's stack).
    let buf = GcVec::<Value>::new();
    buf.reserve(cx.heap(), n as usize)?;
    for i in 0..n as u32 {
        let v = ops::get_v(cx, lo, PropertyKey::index(i))?;
        buf.push(cx.heap(), v)?;
    }
    // SAFETY: `buf` is this frame's own vector; nothing else can reach it during the call.
    ops::call(cx, this, arg(args, 0), unsafe { buf.as_slice() })
}

/// A bound function's call: `internal(0)` the target, `internal(1)` an array of the bound
/// this and arguments.
fn bound_call(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Value> {
    let target = callee.internal(0);
    let Some(bound) = Object::from_value(callee.internal(1)) else {
        return Err(cx.type_error("Bound function has no target"));
    };
    let n = bound.array_length();
    let all = GcVec::<Value>::new();
    all.reserve(cx.heap(), (n as usize).saturating_sub(1) + args.len())?;
    for i in 1..n {
        let v = bound
            .get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED);
        all.push(cx.heap(), v)?;
    }
    for &a in args {
        all.push(cx.heap(), a)?;
    }
    // SAFETY: `all` is this call's own local vector.
    let list = unsafe { all.as_slice() };
    if new_target.is_undefined() {
        let this = bound
            .get_element(0)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED);
        return ops::call(cx, target, this, list);
    }
    let nt = if new_target == callee.to_value() {
        target
    } else {
        new_target
    };
    ops::construct(cx, target, list, nt)
}

/// `Function.prototype.bind (thisArg, ...args)` (BoundFunctionCreate, then `length` and
/// `name` from the target).
fn bind(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(target) = Object::from_value(this).filter(|f| f.is_callable()) else {
        return Err(cx.type_error("Bind must be called on a function"));
    };
    let proto = ops::get_prototype_of(cx, target)?;
    let f = cx.new_object_with(ObjectClass::Function, proto)?;
    Object::set_native(f, bound_call, target.is_constructor());
    let bound = super::array_create(cx, 0, cx.intrinsic(Intrinsic::ArrayPrototype))?;
    let this_arg = arg(args, 0);
    let mut n = 0;
    for v in std::iter::once(this_arg).chain(args.iter().skip(1).copied()) {
        Object::put_element(
            cx.heap(),
            bound,
            n,
            crate::object::Prop {
                value: v,
                attrs: attrs::DEFAULT,
            },
        )?;
        n += 1;
    }
    Object::set_length_raw(bound, n);
    Object::set_internal(f, 0, this);
    Object::set_internal(f, 1, bound.to_value());
    // length: max(0, target length - bound args) when the target has an own numeric length.
    let lk = cx.name(Name::length);
    let mut len = 0.0;
    if ops::get_own_property(cx, target, lk)?.is_some() {
        let tl = ops::get(cx, target, lk, this)?;
        if let Some(x) = tl.as_number() {
            if x == f64::INFINITY {
                len = f64::INFINITY;
            } else if x.is_finite() {
                let l = x.trunc();
                len = (l - (args.len().saturating_sub(1)) as f64).max(0.0);
            }
        }
    }
    let d = ops::PropertyDescriptor::data(Value::number(len), attrs::CONFIGURABLE);
    ops::define_property_or_throw(cx, f, lk, &d)?;
    let nk = cx.name(Name::name);
    let tn = ops::get(cx, target, nk, this)?;
    let tn = match JsString::from_value(tn) {
        Some(s) => s,
        None => cx.string("")?,
    };
    let prefix = cx.string("bound ")?;
    let name = JsString::concat(cx.heap(), prefix, tn)?;
    let d = ops::PropertyDescriptor::data(name.to_value(), attrs::CONFIGURABLE);
    ops::define_property_or_throw(cx, f, nk, &d)?;
    Ok(f.to_value())
}

fn has_instance(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    Ok(Value::bool(ops::ordinary_has_instance(
        cx,
        this,
        arg(args, 0),
    )?))
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let proto = cx.realm.intrinsic_object(Intrinsic::FunctionPrototype);
    let f = constructor(
        cx,
        global,
        "Function",
        function_ctor,
        proto,
        proto.to_value(),
        Lazy::FunctionCtor,
    )?;
    crate::realm::Context::set_intrinsic(cx.realm, Intrinsic::Function, f.to_value());
    Object::set_lazy(proto, Lazy::FunctionProto as u8);
    Ok(())
}

fn throw_type_error_fn(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    Err(cx.type_error(
        "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them",
    ))
}

/// The realm's %ThrowTypeError% (§10.2.4.1): one frozen, nameless function per realm.
pub(crate) fn throw_type_error(cx: &mut Cx) -> JsResult<Value> {
    let have = cx.intrinsic(Intrinsic::ThrowTypeError);
    if !have.is_undefined() {
        return Ok(have);
    }
    let f = create_function(
        cx,
        throw_type_error_fn,
        FunctionOptions {
            name: cx.name(Name::empty).to_raw(),
            length: 0,
            constructor: false,
        },
    )?;
    for k in [cx.name(Name::length), cx.name(Name::name)] {
        let d = ops::PropertyDescriptor {
            writable: Some(false),
            configurable: Some(false),
            ..Default::default()
        };
        ops::define_property_or_throw(cx, f, k, &d)?;
    }
    ops::prevent_extensions(cx, f)?;
    crate::realm::Context::set_intrinsic(cx.realm, Intrinsic::ThrowTypeError, f.to_value());
    Ok(f.to_value())
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    // AddRestrictedFunctionProperties (§10.2.4).
    let tte = throw_type_error(cx)?;
    for name in ["caller", "arguments"] {
        let k = cx.rt.key(name)?;
        let d = ops::PropertyDescriptor {
            get: Some(tte),
            set: Some(tte),
            enumerable: Some(false),
            configurable: Some(true),
            ..Default::default()
        };
        ops::define_property_or_throw(cx, proto, k, &d)?;
    }
    let lk = cx.name(Name::length);
    data(cx, proto, lk, Value::int(0), attrs::CONFIGURABLE)?;
    let nk = cx.name(Name::name);
    data(
        cx,
        proto,
        nk,
        cx.name(Name::empty).to_raw(),
        attrs::CONFIGURABLE,
    )?;
    link_constructor(cx, proto, Intrinsic::Function)?;
    method(cx, proto, "toString", 0, to_string_)?;
    method(cx, proto, "call", 1, call_)?;
    method(cx, proto, "apply", 2, apply)?;
    method(cx, proto, "bind", 1, bind)?;
    let hi = PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::hasInstance));
    let name = key_name(cx, hi)?;
    let hf = create_function(
        cx,
        has_instance,
        FunctionOptions {
            name,
            length: 1,
            constructor: false,
        },
    )?;
    data(cx, proto, hi, hf.to_value(), 0)?;
    let _ = to_string;
    Ok(())
}
