//! `eval` (PerformEval, §19.2.1.1): indirect eval runs in the global scope; a direct eval
//! (a call named `eval` that reaches %eval%) sees its caller's bindings through the
//! descriptor its call site compiled (every binding a direct eval can see lives in an
//! environment, so it is reached by position).

use super::{ops::call_native, Stack};
use crate::compiler::{compile_program, EvalCaller, Loc, Program};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::object::Object;
use crate::realm::Intrinsic;
use crate::runtime::RuntimeAttributes;
use crate::string::{Chars, JsString};
use allocator_api2::vec::Vec;
use conch_gc::Value;
use conch_mm::Arena;
use conch_parser::scope::BindingKind;
use conch_parser::ErrorKind as ParseKind;

/// `CallEval`: a direct eval when `f` is the realm's %eval%, else an ordinary call.
#[allow(clippy::too_many_arguments)]
pub(super) fn call_eval(
    cx: &mut Cx,
    f: Value,
    this: Value,
    st: &Stack,
    at: usize,
    argc: usize,
    desc: (Value, conch_gc::Gc<super::code::Script>),
    env: Value,
) -> JsResult<Value> {
    if f != cx.intrinsic(Intrinsic::Eval) {
        return call_native(cx, f, Value::UNDEFINED, st, at, argc, None);
    }
    let x = if argc > 0 {
        st.get(at)
    } else {
        Value::UNDEFINED
    };
    perform_eval(cx, x, Some(desc), this, env)
}

/// The global `eval` function (an indirect eval).
pub fn eval_native(
    cx: &mut Cx,
    _: conch_gc::Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let x = args.first().copied().unwrap_or(Value::UNDEFINED);
    let this = cx.realm.global();
    perform_eval(cx, x, None, this, Value::UNDEFINED)
}

fn arena_str(arena: &Arena, s: conch_gc::Gc<JsString>) -> JsResult<&str> {
    let mut units: Vec<u16, &Arena> = Vec::new_in(arena);
    let c = s.chars();
    units.try_reserve(c.len()).map_err(|_| Throw::OutOfMemory)?;
    units.extend(c.units());
    conch_parser::utf16_to_source(&units, arena).map_err(|_| Throw::OutOfMemory)
}

/// PerformEval(x, strictCaller, direct): `direct` is the direct call site's descriptor and
/// the caller's script (eval code's `import()` resolves against it).
pub fn perform_eval(
    cx: &mut Cx,
    x: Value,
    direct: Option<(Value, conch_gc::Gc<super::code::Script>)>,
    this: Value,
    env: Value,
) -> JsResult<Value> {
    let Some(s) = JsString::from_value(x) else {
        return Ok(x);
    };
    let desc = direct.map(|d| d.0);
    if cx.rt.attributes().has(RuntimeAttributes::DISABLE_EVAL) {
        return Err(cx.rt.refuse_eval());
    }
    cx.check()?;
    let s = JsString::flatten(cx.heap(), s)?;
    let code = {
        let arena = Arena::new(cx.rt.memory_manager().clone());
        let source = source_in(&arena, s)?;
        let caller = match desc.and_then(Object::from_value) {
            Some(d) => Some(decode(cx, &arena, d)?),
            None => None,
        };
        let mut names: Vec<&str, &Arena> = Vec::new_in(&arena);
        if let Some(c) = caller.as_ref() {
            names
                .try_reserve(c.privates.len())
                .map_err(|_| Throw::OutOfMemory)?;
            names.extend(c.privates.iter().map(|p| p.0));
        }
        let ctx = conch_parser::EvalContext {
            strict: caller.as_ref().is_some_and(|c| c.strict),
            new_target: caller.as_ref().is_some_and(|c| c.in_function),
            super_property: caller.as_ref().is_some_and(|c| c.super_property),
            super_call: caller.as_ref().is_some_and(|c| c.super_call),
            class_field_initializer: caller.as_ref().is_some_and(|c| c.field_initializer),
            private_names: &names,
        };
        let parsed =
            conch_parser::parse_eval(source, &arena, ctx).map_err(|e| parse_error(cx, e))?;
        let file = match direct.and_then(|d| JsString::from_value(d.1.file)) {
            Some(f) => f,
            None => cx.string("eval")?,
        };
        compile_program(
            cx,
            &parsed,
            source,
            &arena,
            s,
            file,
            Program::Eval {
                caller: caller.as_ref(),
            },
        )?
    };
    if let Some((_, caller)) = direct {
        code.script.module.set(caller.module.get());
    }
    let f = super::ops::make_closure(cx, code, env)?;
    super::call_closure(cx, f, this, &[], Value::UNDEFINED)
}

/// The eval source text of `s` as UTF-8 in `arena`.
fn source_in(arena: &Arena, s: conch_gc::Gc<JsString>) -> JsResult<&str> {
    match s.chars() {
        Chars::One(b) if b.is_ascii() => {
            let mut v: Vec<u8, &Arena> = Vec::new_in(arena);
            v.try_reserve(b.len()).map_err(|_| Throw::OutOfMemory)?;
            v.extend_from_slice(b);
            let v = v.leak();
            std::str::from_utf8(v).map_err(|_| Throw::OutOfMemory)
        }
        _ => arena_str(arena, s),
    }
}

/// The throw for a parse failure of eval code: a SyntaxError of the current realm.
fn parse_error(cx: &Cx, e: conch_parser::ParseError) -> Throw {
    match e.kind {
        ParseKind::OutOfMemory => Throw::OutOfMemory,
        ParseKind::StackOverflow => Throw::Value(cx.intrinsic(Intrinsic::StackOverflowError)),
        ParseKind::SyntaxError => {
            let mut buf = [0u8; 256];
            let mut w = Writer { b: &mut buf, n: 0 };
            let _ = std::fmt::Write::write_fmt(&mut w, format_args!("{}", e.message()));
            let n = w.n;
            let msg = std::str::from_utf8(&buf[..n]).unwrap_or("Syntax error");
            cx.throw(ErrorKind::SyntaxError, msg)
        }
    }
}

/// The evaluation part of `PerformShadowRealmEval` (ShadowRealm proposal §3.1.2): `source` is
/// parsed as an indirect eval's Script in the current (caller's) realm, so a SyntaxError is the
/// caller's, then compiled and run in `eval_realm` with that realm's global environment (its
/// lexical declarations in a fresh declarative environment, as indirect eval's). The result is
/// the raw completion of the other realm (the inner result): wrapping it is the caller's
/// business. The outer result is the caller's own failure (a SyntaxError, memory).
pub(crate) fn shadow_realm_eval(
    cx: &mut Cx,
    source: conch_gc::Gc<JsString>,
    eval_realm: conch_gc::Gc<crate::Context>,
) -> JsResult<JsResult<Value>> {
    if cx.rt.attributes().has(RuntimeAttributes::DISABLE_EVAL) {
        return Err(cx.rt.refuse_eval());
    }
    cx.check()?;
    let s = JsString::flatten(cx.heap(), source)?;
    let caller = cx.realm;
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let text = source_in(&arena, s)?;
    let ctx = conch_parser::EvalContext {
        strict: false,
        new_target: false,
        super_property: false,
        super_call: false,
        class_field_initializer: false,
        private_names: &[],
    };
    let parsed = conch_parser::parse_eval(text, &arena, ctx).map_err(|e| parse_error(cx, e))?;
    cx.realm = eval_realm;
    let r = (|| {
        let file = cx.string("ShadowRealm")?;
        let code = compile_program(
            cx,
            &parsed,
            text,
            &arena,
            s,
            file,
            Program::Eval { caller: None },
        )?;
        let f = super::ops::make_closure(cx, code, Value::UNDEFINED)?;
        super::call_closure(cx, f, eval_realm.global(), &[], Value::UNDEFINED)
    })();
    cx.realm = caller;
    Ok(r)
}

struct Writer<'b> {
    b: &'b mut [u8],
    n: usize,
}

impl std::fmt::Write for Writer<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for c in s.chars() {
            let mut t = [0u8; 4];
            let e = c.encode_utf8(&mut t);
            if self.n + e.len() > self.b.len() {
                return Ok(());
            }
            self.b[self.n..self.n + e.len()].copy_from_slice(e.as_bytes());
            self.n += e.len();
        }
        Ok(())
    }
}

fn loc(d: Object2, i: u32) -> Loc {
    let p = d.int(i);
    let s = d.int(i + 1);
    if p < 0 {
        Loc::None
    } else {
        Loc::Env(p as u32, s as u32)
    }
}

/// A descriptor array.
#[derive(Clone, Copy)]
struct Object2(conch_gc::Gc<Object>);

impl Object2 {
    fn get(&self, i: u32) -> Value {
        self.0
            .get_element(i)
            .map(|p| p.value)
            .unwrap_or(Value::UNDEFINED)
    }
    fn int(&self, i: u32) -> i32 {
        self.get(i).as_int().unwrap_or(-1)
    }
}

/// Decodes a call site's descriptor (see `Fc::eval_descriptor`).
fn decode<'a>(cx: &mut Cx, arena: &'a Arena, d: conch_gc::Gc<Object>) -> JsResult<EvalCaller<'a>> {
    let d = Object2(d);
    let flags = d.int(0);
    let mut bindings = Vec::new_in(arena);
    let mut privates = Vec::new_in(arena);
    let n = d.0.array_length();
    let mut i = 9;
    while i + 3 < n + 1 && i + 3 <= n {
        let Some(name) = JsString::from_value(d.get(i)) else {
            break;
        };
        let name = JsString::flatten(cx.heap(), name)?;
        let name = arena_str(arena, name)?;
        // Kind 5: a var object (see `compiler::Unit::eval_vars`), kept with an empty name.
        let l = Loc::Env(d.int(i + 1) as u32, d.int(i + 2) as u32);
        if d.int(i + 3) == 4 {
            privates.try_reserve(1).map_err(|_| Throw::OutOfMemory)?;
            privates.push((name, l));
            i += 4;
            continue;
        }
        let kind = match d.int(i + 3) {
            1 => BindingKind::Let,
            2 => BindingKind::Const,
            3 => BindingKind::SelfName,
            6 => BindingKind::Param,
            _ => BindingKind::Var,
        };
        bindings.try_reserve(1).map_err(|_| Throw::OutOfMemory)?;
        bindings.push((name, l, kind));
        i += 4;
    }
    Ok(EvalCaller {
        bindings,
        env_depth: d.int(1).max(0) as u32,
        this_loc: loc(d, 2),
        new_target_loc: loc(d, 4),
        arguments_loc: loc(d, 6),
        strict: flags & 1 != 0,
        in_function: flags & 2 != 0,
        super_property: flags & 4 != 0,
        super_call: flags & 8 != 0,
        field_initializer: flags & 16 != 0,
        home_static: flags & 32 != 0,
        class_env: (d.int(8) >= 0).then(|| d.int(8) as u32),
        privates,
        in_params: flags & 64 != 0,
        own_arguments: flags & 128 != 0,
    })
}
