//! `conch FILE.js` / `conch -e CODE`: runs a classic script with the shell's globals (`print`,
//! `console`, and with `--test262` the `$262` host object) and reports an uncaught exception
//! as `Name: message` plus its location on stderr.

use conch_gc::{Gc, Value};
use conch_vm::builtins::{create_function, create_realm, FunctionOptions};
use conch_vm::script::eval_script;
use conch_vm::{convert, ops, Context, Cx, JsResult, JsString, NativeFn, Object, Runtime, Throw};
use std::io::Write;
use std::process::ExitCode;

/// Options of a run.
#[derive(Default)]
pub struct Options {
    /// Source text given with `-e`.
    pub eval: Option<String>,
    /// The script file.
    pub file: Option<String>,
    /// Memory limit in bytes.
    pub memory_limit: Option<usize>,
    /// Register stack size in bytes.
    pub stack_size: Option<usize>,
    /// Install `$262`.
    pub test262: bool,
    /// Run as a module.
    pub module: bool,
    /// Classic scripts run first, in order, in the same realm (`--prelude FILE`).
    pub preludes: Vec<String>,
}

/// Parses `N`, `NK`, `NM`, `NG` (bytes).
pub fn parse_size(s: &str) -> Option<usize> {
    let (num, mul) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1usize << 10),
        'm' | 'M' => (&s[..s.len() - 1], 1 << 20),
        'g' | 'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<usize>().ok()?.checked_mul(mul)
}

fn rust_string(s: Gc<JsString>) -> String {
    let mut out = String::new();
    s.to_rust(&mut |c| out.push(c));
    out
}

fn display(cx: &mut Cx, v: Value) -> JsResult<String> {
    let s = convert::to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(rust_string(s))
}

fn print_args(cx: &mut Cx, args: &[Value], err: bool) -> JsResult<Value> {
    let mut line = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let s = if let Some(sym) = conch_vm::Symbol::from_value(a) {
            // SymbolDescriptiveString, as String(symbol) gives.
            let d = JsString::from_value(sym.description)
                .map(|d| display(cx, d.to_value()))
                .transpose()?
                .unwrap_or_default();
            format!("Symbol({d})")
        } else {
            display(cx, a)?
        };
        line.push_str(&s);
    }
    line.push('\n');
    if err {
        let _ = std::io::stderr().write_all(line.as_bytes());
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }
    Ok(Value::UNDEFINED)
}

fn print(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    print_args(cx, args, false)
}

fn gc(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    cx.rt.collect_garbage();
    Ok(Value::UNDEFINED)
}

/// `$262.detachArrayBuffer(buffer)`: DetachArrayBuffer.
fn detach_fn(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let b = args.first().copied().unwrap_or(Value::UNDEFINED);
    match Object::from_value(b).and_then(conch_vm::array_buffer::data_of) {
        Some(d) => {
            conch_vm::array_buffer::detach(d);
            Ok(Value::NULL)
        }
        None => Err(cx.type_error("detachArrayBuffer: not an ArrayBuffer")),
    }
}

fn eval_script_fn(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let src = display(cx, args.first().copied().unwrap_or(Value::UNDEFINED))?;
    let mut pos = None;
    eval_script(cx, &src, "evalScript", &mut pos)
}

fn create_realm_fn(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let realm = create_realm(cx.rt)?;
    let mut cx2 = Cx::new(cx.rt, realm);
    let d = install(&mut cx2, true)?;
    Ok(d)
}

fn func(cx: &mut Cx, name: &str, length: u32, f: NativeFn) -> JsResult<Value> {
    let n = cx.string(name)?.to_value();
    Ok(create_function(
        cx,
        f,
        FunctionOptions {
            name: n,
            length,
            constructor: false,
        },
    )?
    .to_value())
}

fn put(cx: &mut Cx, o: Gc<Object>, name: &str, v: Value) -> JsResult<()> {
    let k = cx.rt.key(name)?;
    let d = ops::PropertyDescriptor::data(v, conch_vm::attrs::HIDDEN);
    ops::define_property_or_throw(cx, o, k, &d)
}

/// Installs the shell globals in the current realm; returns its `$262` (or undefined).
fn install(cx: &mut Cx, test262: bool) -> JsResult<Value> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let p = func(cx, "print", 1, print)?;
    put(cx, global, "print", p)?;
    let console = crate::console::create(cx)?;
    put(cx, global, "console", console.to_value())?;
    if !test262 {
        return Ok(Value::UNDEFINED);
    }
    let d = cx.new_object()?;
    put(cx, d, "global", global.to_value())?;
    let g = func(cx, "gc", 0, gc)?;
    put(cx, d, "gc", g)?;
    let e = func(cx, "evalScript", 1, eval_script_fn)?;
    put(cx, d, "evalScript", e)?;
    let c = func(cx, "createRealm", 0, create_realm_fn)?;
    put(cx, d, "createRealm", c)?;
    let da = func(cx, "detachArrayBuffer", 1, detach_fn)?;
    put(cx, d, "detachArrayBuffer", da)?;
    put(cx, global, "$262", d.to_value())?;
    Ok(d.to_value())
}

/// Runs the script; the process exit status.
pub fn run(opts: &Options) -> ExitCode {
    let (source, file) = match (&opts.eval, &opts.file) {
        (Some(code), _) => (code.clone(), "<eval>".to_string()),
        (None, Some(f)) => match std::fs::read(f) {
            Ok(b) => match String::from_utf8(b) {
                Ok(s) => (s, f.clone()),
                Err(_) => {
                    eprintln!("conch: {f}: not valid UTF-8");
                    return ExitCode::from(2);
                }
            },
            Err(e) => {
                eprintln!("conch: {f}: {e}");
                return ExitCode::from(2);
            }
        },
        (None, None) => {
            eprintln!("conch: no script given");
            return ExitCode::from(2);
        }
    };
    let rt = match Runtime::new(conch_vm::RuntimeAttributes(0)) {
        Ok(rt) => rt,
        Err(_) => {
            eprintln!("Error: Out of memory");
            return ExitCode::from(1);
        }
    };
    if let Some(n) = opts.stack_size {
        rt.set_stack_size(n);
    }
    let realm: Gc<Context> = match create_realm(&rt) {
        Ok(r) => r,
        Err(_) => {
            eprintln!("Error: Out of memory");
            return ExitCode::from(1);
        }
    };
    if let Some(l) = opts.memory_limit {
        rt.memory_manager().set_limit(l);
    }
    let cx = &mut Cx::new(&rt, realm);
    if let Err(t) = install(cx, opts.test262) {
        return crate::report::report(cx, t, None, &file, opts.test262);
    }
    let global = Object::from_value(cx.realm.global()).expect("global");
    if let Err(t) = crate::event_loop::install(cx, global, !opts.test262) {
        return crate::report::report(cx, t, None, &file, opts.test262);
    }
    rt.set_module_loader(Some(std::rc::Rc::new(crate::loader::FsLoader)));
    for p in &opts.preludes {
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("conch: {p}: {e}");
                return ExitCode::from(2);
            }
        };
        crate::report::remember_source(p, &text);
        let mut pos = None;
        if let Err(t) = eval_script(cx, &text, p, &mut pos) {
            let t = cx.materialize(t);
            return crate::report::report(cx, t, pos, p, opts.test262);
        }
    }
    crate::report::remember_source(&file, &source);
    let mut pos = None;
    let r = if opts.module {
        let name = if opts.eval.is_some() {
            crate::loader::absolute(std::path::Path::new("<eval>.mjs"))
        } else {
            crate::loader::absolute(std::path::Path::new(&file))
        };
        let name = name.to_string_lossy().into_owned();
        conch_vm::module::run_source(cx, &source, &name, &mut pos).and_then(|p| {
            crate::event_loop::run(cx)?;
            // The module's evaluation promise: rejected is an uncaught error.
            match Object::from_value(p).map(conch_vm::builtins::promise::state) {
                Some((2, e)) => Err(Throw::Value(e)),
                _ => Ok(Value::UNDEFINED),
            }
        })
    } else {
        eval_script(cx, &source, &file, &mut pos)
            .and_then(|_| crate::event_loop::run(cx))
            .map(|_| Value::UNDEFINED)
    };
    match r {
        Ok(_) => ExitCode::SUCCESS,
        Err(t) => {
            let t = cx.materialize(t);
            crate::report::report(cx, t, pos, &file, opts.test262)
        }
    }
}
