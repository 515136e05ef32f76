//! Modules at run time (ECMA-262 §16.2): loading through the host's [`ModuleLoader`], the
//! realm's module map, linking (`link.rs`), evaluation with top-level `await`
//! (`evaluate.rs`), namespace objects (`namespace.rs`), `import()` and `import.meta`.
//!
//! Loading is synchronous: the loader returns source text, so a whole graph is loaded, linked
//! and evaluated in one go; `import()` still answers with a promise, settled as the spec's
//! `ContinueDynamicImport` does.

pub(crate) mod evaluate;
mod link;
pub(crate) mod namespace;
pub mod record;

pub use namespace::namespace_of;
pub use record::Module;

use crate::builtins::function::{create_function, FunctionOptions};
use crate::builtins::promise;
use crate::convert::to_string;
use crate::cx::{Cx, JsResult, Throw};
use crate::interp::code::Code;
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::script::SyntaxPosition;
use crate::string::JsString;
use allocator_api2::vec::Vec as ArenaVec;
use conch_gc::{Gc, GcArray, Value};
use conch_mm::Arena;

/// The host's module loader: how `import` finds modules. Names are the host's (paths, URLs);
/// the engine keeps one module per canonical name and realm. The strings it returns are the
/// host's memory; the engine copies them into its heap at once.
#[allow(clippy::disallowed_types)]
pub trait ModuleLoader {
    /// The canonical name of the module `specifier` names when imported by `referrer` (a
    /// module's canonical name, or a script's file name); `Err` is a message for a TypeError.
    fn resolve(&self, referrer: &str, specifier: &str) -> Result<String, String>;
    /// The source text of the module with canonical name `name`.
    fn load(&self, name: &str) -> Result<String, String>;
}

/// The string value `v` as UTF-8 in `arena` (lone surrogates become U+FFFD); empty for a
/// non-string.
pub(crate) fn utf8_in<'a>(cx: &Cx, arena: &'a Arena, v: Value) -> JsResult<&'a str> {
    let Some(s) = JsString::from_value(v) else {
        return Ok("");
    };
    let s = JsString::flatten(cx.heap(), s)?;
    let mut buf: ArenaVec<u8, &Arena> = ArenaVec::new_in(arena);
    let mut err = false;
    s.to_rust(&mut |c| {
        let mut t = [0u8; 4];
        let e = c.encode_utf8(&mut t);
        if buf.try_reserve(e.len()).is_err() {
            err = true;
            return;
        }
        buf.extend_from_slice(e.as_bytes());
    });
    if err {
        return Err(Throw::OutOfMemory);
    }
    let bytes = buf.leak();
    Ok(std::str::from_utf8(bytes).unwrap_or(""))
}

/// A string made of pieces: Rust text and string values.
pub(crate) enum Piece<'p> {
    /// Rust text.
    S(&'p str),
    /// A string value (anything else adds nothing).
    V(Value),
}

/// Concatenates `pieces` into one string.
pub(crate) fn concat(cx: &Cx, pieces: &[Piece]) -> JsResult<Gc<JsString>> {
    let mut out = cx.string("")?;
    for p in pieces {
        let s = match *p {
            Piece::S(t) => cx.string(t)?,
            Piece::V(v) => match JsString::from_value(v) {
                Some(s) => s,
                None => continue,
            },
        };
        out = JsString::concat(cx.heap(), out, s)?;
    }
    Ok(JsString::flatten(cx.heap(), out)?)
}

/// A thrown error of `kind` whose message is made of `pieces`.
pub(crate) fn throw_msg(cx: &Cx, kind: crate::ErrorKind, pieces: &[Piece]) -> Throw {
    match concat(cx, pieces).and_then(|m| cx.error_object_with(kind, m.to_value())) {
        Ok(e) => Throw::Value(e.to_value()),
        Err(t) => t,
    }
}

/// The realm's module map (created on first use).
fn module_map(cx: &Cx) -> JsResult<Gc<Object>> {
    let v = cx.realm.intrinsic(Intrinsic::ModuleMap);
    if let Some(o) = Object::from_value(v) {
        return Ok(o);
    }
    let o = cx.new_singleton(ObjectClass::Ordinary, Value::NULL)?;
    Context::set_intrinsic(cx.realm, Intrinsic::ModuleMap, o.to_value());
    Ok(o)
}

fn map_get(cx: &Cx, key: Gc<JsString>) -> JsResult<Option<Gc<Module>>> {
    let map = module_map(cx)?;
    let k = cx.rt.key_from_string(key)?;
    Ok(ops::own_prop(cx, map, k)?.and_then(|p| Module::from_value(p.value)))
}

fn map_put(cx: &Cx, key: Gc<JsString>, m: Gc<Module>) -> JsResult<()> {
    let map = module_map(cx)?;
    let k = cx.rt.key_from_string(key)?;
    let p = Prop {
        value: m.to_value(),
        attrs: attrs::DEFAULT,
    };
    match k.as_index() {
        Some(i) => Object::put_element(cx.heap(), map, i, p)?,
        None => Object::put_named(cx.heap(), map, k.to_raw(), p)?,
    }
    Ok(())
}

/// The binding behind entry `i` of the import table of the module environment `depth` levels
/// up from `env` (the hole while uninitialised).
pub(crate) fn import_value(env: Value, depth: usize, i: usize) -> Value {
    let table = crate::interp::ops::env_up(env, depth)
        .and_then(|e| e.get(record::env::IMPORTS))
        .and_then(crate::interp::ops::env_of);
    let Some(t) = table else {
        return Value::HOLE;
    };
    let target = t.get(2 * i).unwrap_or(Value::HOLE);
    match t.get(2 * i + 1).and_then(|v| v.as_int()) {
        Some(idx) if idx >= 0 => crate::interp::ops::env_of(target)
            .and_then(|e| e.get(idx as usize))
            .unwrap_or(Value::HOLE),
        Some(_) => target,
        None => Value::HOLE,
    }
}

/// The module record of the running code, if it is a module's.
fn module_of_code(code: Gc<Code>) -> Option<Gc<Module>> {
    Module::from_value(code.script.module.get())
}

/// `import.meta` of the module `code` belongs to: a null-prototype object, one per module,
/// with `url` (the module's name; a `file://` URL for an absolute path).
pub(crate) fn import_meta(cx: &mut Cx, code: Gc<Code>) -> JsResult<Value> {
    let Some(m) = module_of_code(code) else {
        return Err(cx.throw(
            crate::ErrorKind::SyntaxError,
            "import.meta may only appear in module code",
        ));
    };
    if let Some(o) = Object::from_value(m.meta.get()) {
        return Ok(o.to_value());
    }
    let o = cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?;
    let absolute = JsString::from_value(m.name.get())
        .and_then(|s| {
            s.try_chars()
                .map(|c| !c.is_empty() && c.at(0) == b'/' as u16)
        })
        .unwrap_or(false);
    let u = if absolute {
        concat(cx, &[Piece::S("file://"), Piece::V(m.name.get())])?
    } else {
        concat(cx, &[Piece::V(m.name.get())])?
    };
    let k = cx.rt.key("url")?;
    ops::create_data_property(cx, o, k, u.to_value())?;
    m.meta.set(o.to_value());
    Ok(o.to_value())
}

/// What `with { type }` asks for.
const KIND_JSON: i32 = 1;
const KIND_TEXT: i32 = 2;

/// Finds or loads (resolve, fetch, compile) the module `specifier` names from `referrer`
/// (`kind`: 0 JavaScript, [`KIND_JSON`], [`KIND_TEXT`]).
#[allow(clippy::disallowed_types)] // the loader's answers are host strings, copied at once
fn load_module(cx: &mut Cx, referrer: Value, specifier: Value, kind: i32) -> JsResult<Gc<Module>> {
    let Some(loader) = cx.rt.module_loader() else {
        return Err(cx.type_error("Cannot import modules: the host has no module loader"));
    };
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let r = utf8_in(cx, &arena, referrer)?;
    let sp = utf8_in(cx, &arena, specifier)?;
    let name = loader.resolve(r, sp).map_err(|e| cx.type_error(&e))?;
    let name_v = cx.string(&name)?;
    let key = match kind {
        KIND_JSON => concat(cx, &[Piece::S("json:"), Piece::V(name_v.to_value())])?,
        KIND_TEXT => concat(cx, &[Piece::S("text:"), Piece::V(name_v.to_value())])?,
        _ => name_v,
    };
    if let Some(m) = map_get(cx, key)? {
        return Ok(m);
    }
    let source = loader.load(&name).map_err(|e| cx.type_error(&e))?;
    let m = match kind {
        KIND_JSON => {
            let text = cx.string(&source)?;
            let value = crate::builtins::json::parse_text(cx, text)?;
            synthetic_module(cx, &name, value)?
        }
        KIND_TEXT => {
            let text = cx.string(&source)?;
            synthetic_module(cx, &name, text.to_value())?
        }
        _ => {
            let mut pos = None;
            crate::script::compile_module(cx, &source, &name, &mut pos)?
        }
    };
    map_put(cx, key, m)?;
    Ok(m)
}

/// A JSON or text module: its only export is `default`, `value`.
fn synthetic_module(cx: &mut Cx, name: &str, value: Value) -> JsResult<Gc<Module>> {
    let name = cx.string(name)?;
    let heap = cx.heap();
    let m = heap.alloc(Module::blank(name.to_value(), cx.realm.to_value()))?;
    let n = record::env::FIRST + 1;
    let env = GcArray::<Value>::new(heap, n)?;
    env.push_within_capacity(Value::UNDEFINED);
    env.resize_within_capacity(n, Value::UNDEFINED);
    env.set(record::env::FIRST, value);
    m.env.set(env.to_value());
    let d = cx.rt.key("default")?;
    m.local_exports.push(heap, d.to_raw())?;
    m.local_exports
        .push(heap, Value::int(record::env::FIRST as i32))?;
    m.parsed.set(true);
    Ok(m)
}

/// Registers `m` (compiled by the host) under `name` in the realm's module map, so that
/// imports of that name find it.
pub fn register(cx: &mut Cx, name: &str, m: Gc<Module>) -> JsResult<()> {
    let k = cx.string(name)?;
    map_put(cx, k, m)
}

/// Loads every module `m` depends on, transitively (`LoadRequestedModules`).
fn load_requested(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    let work = conch_gc::GcVec::<Value>::new();
    work.push(cx.heap(), m.to_value())?;
    while let Some(v) = work.pop() {
        let Some(cur) = Module::from_value(v) else {
            continue;
        };
        for i in 0..cur.requests.len() {
            if !cur.loaded.get(i).unwrap_or(Value::UNDEFINED).is_undefined() {
                continue;
            }
            cx.check()?;
            let spec = cur.requests.get(i).unwrap_or(Value::UNDEFINED);
            let kind = cur
                .request_types
                .get(i)
                .and_then(|v| v.as_int())
                .unwrap_or(0)
                & 15;
            let dep = load_module(cx, cur.name.get(), spec, kind)?;
            cur.loaded.set(i, dep.to_value());
            if (0..dep.loaded.len()).any(|k| dep.loaded.get(k) == Some(Value::UNDEFINED)) {
                work.push(cx.heap(), dep.to_value())?;
            }
        }
    }
    Ok(())
}

/// `Link()`: links `m` and the modules it imports (all loaded).
pub fn link(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    link::link(cx, m)
}

/// `Evaluate()`: the promise of `m`'s evaluation (linked first).
pub fn evaluate(cx: &mut Cx, m: Gc<Module>) -> JsResult<Value> {
    evaluate::evaluate(cx, m)
}

/// Loads `m`'s dependencies, links and evaluates it: the promise `Evaluate()` returns.
pub fn run(cx: &mut Cx, m: Gc<Module>) -> JsResult<Value> {
    load_requested(cx, m)?;
    link::link(cx, m)?;
    evaluate::evaluate(cx, m)
}

/// Parses, compiles, registers (under `name`) and runs the module `source`: the promise of
/// its evaluation. A syntax error is thrown (its position in `position`).
pub fn run_source(
    cx: &mut Cx,
    source: &str,
    name: &str,
    position: &mut Option<SyntaxPosition>,
) -> JsResult<Value> {
    let m = crate::script::compile_module(cx, source, name, position)?;
    register(cx, name, m)?;
    run(cx, m)
}

/// The `type` of `import()`'s options (`with: { type }`): the kind of module it asks for.
fn import_attributes(cx: &mut Cx, options: Value) -> JsResult<i32> {
    if options.is_undefined() {
        return Ok(0);
    }
    let Some(o) = Object::from_value(options) else {
        return Err(cx.type_error("The second argument of import() must be an object"));
    };
    let wk = cx.rt.key("with")?;
    let with = ops::get_v(cx, o, wk)?;
    if with.is_undefined() {
        return Ok(0);
    }
    let Some(w) = Object::from_value(with) else {
        return Err(cx.type_error("The 'with' option of import() must be an object"));
    };
    let keys = ops::own_property_keys(cx, w)?;
    let mut kind = 0;
    for k in keys.iter() {
        let key = crate::PropertyKey::from_raw(k);
        if key.is_symbol() {
            continue;
        }
        let Some(d) = ops::get_own_property(cx, w, key)? else {
            continue;
        };
        if d.enumerable != Some(true) {
            continue;
        }
        let v = ops::get_v(cx, w, key)?;
        let Some(s) = JsString::from_value(v) else {
            return Err(cx.type_error("Import attribute values must be strings"));
        };
        if key.is_name("type") {
            let s = JsString::flatten(cx.heap(), s)?;
            kind = if s.chars().eq_ascii("json") {
                KIND_JSON
            } else if s.chars().eq_ascii("text") {
                KIND_TEXT
            } else {
                return Err(cx.type_error("Unsupported import type"));
            };
        } else {
            return Err(cx.throw(
                crate::ErrorKind::SyntaxError,
                "Unsupported import attribute",
            ));
        }
    }
    Ok(kind)
}

/// `import(specifier, options)` from `code`: a promise for the namespace.
pub(crate) fn dynamic_import(
    cx: &mut Cx,
    code: Gc<Code>,
    specifier: Value,
    options: Value,
    phase: usize,
) -> JsResult<Value> {
    import_from(cx, code.script.file, specifier, options, phase)
}

/// `import(specifier, options)` with `referrer` (a file name) as the importing script, in the
/// current realm (its module map): a promise for the namespace. The host-level loads of
/// `ShadowRealm.prototype.importValue` come here with the caller's file.
pub(crate) fn import_from(
    cx: &mut Cx,
    referrer: Value,
    specifier: Value,
    options: Value,
    phase: usize,
) -> JsResult<Value> {
    let p = promise::new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
    let r = (|| -> JsResult<Gc<Module>> {
        let spec = to_string(cx, specifier)?;
        let kind = import_attributes(cx, options)?;
        let m = load_module(cx, referrer, spec.to_value(), kind)?;
        if phase == 2 {
            return Err(cx.throw(
                crate::ErrorKind::SyntaxError,
                "Source phase imports are not available for JavaScript modules",
            ));
        }
        load_requested(cx, m)?;
        Ok(m)
    })();
    match r {
        Ok(m) => {
            // Loading is done; linking and evaluation follow in a job, as after the spec's
            // `LoadRequestedModules` promise settles.
            let loaded = promise::new_promise(cx, cx.intrinsic(Intrinsic::PromisePrototype))?;
            promise::resolve_promise(cx, loaded, Value::UNDEFINED)?;
            let go = native(
                cx,
                if phase == 1 {
                    import_loaded_deferred
                } else {
                    import_loaded
                },
                p.to_value(),
                m.to_value(),
            )?;
            promise::perform_then(cx, loaded, go, Value::UNDEFINED, [Value::UNDEFINED; 3])?;
        }
        Err(Throw::Value(v)) => promise::reject_promise(cx, p, v)?,
        Err(t) => return Err(t),
    }
    Ok(p.to_value())
}

/// Settles `p` with the outcome of `r`: fulfilled with its value or rejected with what it
/// threw (engine failures — memory, termination — propagate).
fn settle(cx: &mut Cx, p: Gc<Object>, r: JsResult<Value>) -> JsResult<()> {
    match r {
        Ok(v) => promise::resolve_promise(cx, p, v),
        Err(Throw::Value(e)) => promise::reject_promise(cx, p, e),
        Err(t) => Err(t),
    }
}

/// A native function holding `a` and `b` in its internal slots (a promise reaction).
pub(super) fn native(cx: &mut Cx, f: crate::NativeFn, a: Value, b: Value) -> JsResult<Value> {
    let name = cx.name(Name::empty).to_raw();
    let fo = create_function(
        cx,
        f,
        FunctionOptions {
            name,
            length: 1,
            constructor: false,
        },
    )?;
    Object::set_internal(fo, 0, a);
    Object::set_internal(fo, 1, b);
    Ok(fo.to_value())
}

/// `ContinueDynamicImport` once loaded: link, evaluate, settle the promise with the namespace.
fn import_loaded(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = Object::from_value(callee.internal(0)).expect("promise");
    let m = Module::from_value(callee.internal(1)).expect("module");
    let r = link::link(cx, m).and_then(|_| evaluate::evaluate(cx, m));
    match r {
        Ok(e) => {
            let on_ok = native(cx, import_fulfilled, p.to_value(), m.to_value())?;
            let on_err = native(cx, import_rejected, p.to_value(), Value::UNDEFINED)?;
            let ep = Object::from_value(e).expect("evaluation promise");
            promise::perform_then(cx, ep, on_ok, on_err, [Value::UNDEFINED; 3])?;
        }
        Err(Throw::Value(v)) => promise::reject_promise(cx, p, v)?,
        Err(t) => return Err(t),
    }
    Ok(Value::UNDEFINED)
}

/// `import.defer()` once loaded: link, then settle with the deferred namespace.
fn import_loaded_deferred(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = Object::from_value(callee.internal(0)).expect("promise");
    let m = Module::from_value(callee.internal(1)).expect("module");
    let r = link::link(cx, m).and_then(|_| namespace::deferred_namespace_of(cx, m));
    settle(cx, p, r.map(|ns| ns.to_value()))?;
    Ok(Value::UNDEFINED)
}

fn import_fulfilled(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    _: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = Object::from_value(callee.internal(0)).expect("promise");
    let m = Module::from_value(callee.internal(1)).expect("module");
    settle(cx, p, namespace_of(cx, m).map(|ns| ns.to_value()))?;
    Ok(Value::UNDEFINED)
}

fn import_rejected(
    cx: &mut Cx,
    callee: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let p = Object::from_value(callee.internal(0)).expect("promise");
    let e = args.first().copied().unwrap_or(Value::UNDEFINED);
    promise::reject_promise(cx, p, e)?;
    Ok(Value::UNDEFINED)
}
