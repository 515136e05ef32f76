//! `conch FILE.js` / `conch -e CODE` / stdin / the REPL: sets up the runtime (recording its
//! memory for `--stats` and `--memory-report`, with the `--timeout` watchdog), installs the
//! shell's globals (`print`, `console`, `atob`/`btoa`, `scriptArgs`, timers, and with `--test262` the `$262`
//! host object), runs the preludes and the script, reports an uncaught exception
//! (`report.rs`), then starts the REPL when asked.

use conch_gc::{Gc, Value};
use conch_vm::builtins::{create_function, create_realm, FunctionOptions};
use conch_vm::script::eval_script;
use conch_vm::{
    convert, ops, Context, Cx, Intrinsic, JsResult, JsString, NativeFn, Object, ObjectClass,
    Runtime, Throw,
};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

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
    /// `scriptArgs`: the file and the arguments after it (or the arguments after `-e CODE`).
    pub args: Vec<String>,
    /// Start the REPL after the script (`-i`).
    pub interactive: bool,
    /// Terminate the script after this many seconds (`--timeout`).
    pub timeout: Option<f64>,
    /// Print statistics at exit (`--stats`).
    pub stats: bool,
    /// Write an HTML memory report here (`--memory-report`).
    pub memory_report: Option<String>,
}

impl Options {
    /// Sets the script file (`.mjs` files are modules).
    pub fn set_file(&mut self, file: &str) {
        if file.ends_with(".mjs") {
            self.module = true;
        }
        self.file = Some(file.to_string());
    }
}

/// Set by the `--timeout` watchdog when it fires.
static TIMED_OUT: AtomicBool = AtomicBool::new(false);
/// Set when the script (and its jobs) ended: the watchdog then does nothing (a REPL that
/// follows with `-i` is not timed).
static SCRIPT_DONE: AtomicBool = AtomicBool::new(false);

/// Starts the `--timeout` watchdog: after `seconds` it sets the runtime's interrupt flag (the
/// interpreter then ends the script with `Throw::Terminated`); if the process is still running
/// two seconds later (blocked outside the interpreter, e.g. sleeping for a timer), it exits.
fn start_watchdog(flag: Arc<AtomicBool>, seconds: f64) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs_f64(seconds));
        if SCRIPT_DONE.load(Ordering::Acquire) {
            return;
        }
        TIMED_OUT.store(true, Ordering::Release);
        flag.store(true, Ordering::Release);
        std::thread::sleep(Duration::from_secs(2));
        if SCRIPT_DONE.load(Ordering::Acquire) {
            return;
        }
        eprintln!("{}", timeout_message(seconds));
        std::process::exit(124);
    });
}

fn timeout_message(seconds: f64) -> String {
    format!("conch: terminated: the script ran longer than --timeout {seconds} s")
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

pub(crate) fn display(cx: &mut Cx, v: Value) -> JsResult<String> {
    let s = convert::to_string(cx, v)?;
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(rust_string(s))
}

/// `print(...)`: `String(value)`s separated by spaces, on stdout (as d8 and qjs print).
fn print(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
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
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(line.as_bytes());
    let _ = out.flush();
    Ok(Value::UNDEFINED)
}

fn gc(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    cx.rt.collect_garbage();
    Ok(Value::UNDEFINED)
}

/// `$262.IsHTMLDDA`: an object with `[[IsHTMLDDA]]` that, called, returns null (test262's
/// INTERPRETING.md).
fn html_dda(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(Value::NULL)
}

/// `$262.detachArrayBuffer(buffer)`: DetachArrayBuffer.
fn detach_fn(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let b = args.first().copied().unwrap_or(Value::UNDEFINED);
    match Object::from_value(b).and_then(conch_vm::array_buffer::data_of) {
        Some(d) if d.is_shared() => Err(cx.type_error("detachArrayBuffer: a SharedArrayBuffer")),
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

pub(crate) fn func(cx: &mut Cx, name: &str, length: u32, f: NativeFn) -> JsResult<Value> {
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

pub(crate) fn put(cx: &mut Cx, o: Gc<Object>, name: &str, v: Value) -> JsResult<()> {
    let k = cx.rt.key(name)?;
    let d = ops::PropertyDescriptor::data(v, conch_vm::attrs::HIDDEN);
    ops::define_property_or_throw(cx, o, k, &d)
}

/// Installs the shell globals in the current realm; returns its `$262` (or undefined).
fn install(cx: &mut Cx, test262: bool) -> JsResult<Value> {
    install_host(cx, test262, false)
}

/// The globals of an agent's realm (`$262.agent.start`): the shell's, `$262` with the agent
/// side of `$262.agent`, and the timers.
pub(crate) fn install_agent_globals(cx: &mut Cx) -> JsResult<()> {
    install_host(cx, true, true)?;
    let global = Object::from_value(cx.realm.global()).expect("global");
    crate::event_loop::install(cx, global, false)
}

/// `install`; `in_agent`: `$262.agent` is an agent's.
fn install_host(cx: &mut Cx, test262: bool, in_agent: bool) -> JsResult<Value> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let p = func(cx, "print", 1, print)?;
    put(cx, global, "print", p)?;
    let console = crate::console::create(cx)?;
    put(cx, global, "console", console.to_value())?;
    if !test262 {
        let a = func(cx, "atob", 1, crate::web::atob)?;
        put(cx, global, "atob", a)?;
        let b = func(cx, "btoa", 1, crate::web::btoa)?;
        put(cx, global, "btoa", b)?;
        // Node's other name of the global object.
        put(cx, global, "global", global.to_value())?;
        return Ok(Value::UNDEFINED);
    }
    // A one-of-a-kind object with many properties: its own shape tree, so that it does
    // not teach every `{}` to reserve inline slots (see `Cx::new_singleton`).
    let d = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    put(cx, d, "global", global.to_value())?;
    let g = func(cx, "gc", 0, gc)?;
    put(cx, d, "gc", g)?;
    let e = func(cx, "evalScript", 1, eval_script_fn)?;
    put(cx, d, "evalScript", e)?;
    let c = func(cx, "createRealm", 0, create_realm_fn)?;
    put(cx, d, "createRealm", c)?;
    let da = func(cx, "detachArrayBuffer", 1, detach_fn)?;
    put(cx, d, "detachArrayBuffer", da)?;
    let dda = func(cx, "IsHTMLDDA", 0, html_dda)?;
    let dda_obj = Object::from_value(dda).expect("function");
    Object::make_html_dda(cx.heap(), dda_obj)?;
    put(cx, d, "IsHTMLDDA", dda)?;
    crate::agent::install(cx, d, in_agent)?;
    put(cx, global, "$262", d.to_value())?;
    Ok(d.to_value())
}

/// The script to run: (file name, text); `None` for none (the REPL); `Err` an exit status.
fn main_source(opts: &Options) -> Result<Option<(String, String)>, ExitCode> {
    match (&opts.eval, &opts.file) {
        (Some(code), _) => Ok(Some(("<eval>".to_string(), code.clone()))),
        (None, Some(f)) => match std::fs::read(f) {
            Ok(b) => match String::from_utf8(b) {
                Ok(s) => Ok(Some((f.clone(), s))),
                Err(_) => {
                    eprintln!("conch: {f}: not valid UTF-8");
                    Err(ExitCode::from(2))
                }
            },
            Err(e) => {
                eprintln!("conch: {f}: {e}");
                Err(ExitCode::from(2))
            }
        },
        (None, None) if opts.interactive || std::io::stdin().is_terminal() => Ok(None),
        (None, None) => {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("conch: stdin: {e}");
                return Err(ExitCode::from(2));
            }
            Ok(Some(("<stdin>".to_string(), text)))
        }
    }
}

/// Defines the global `scriptArgs` (an array of strings).
fn install_script_args(cx: &mut Cx, args: &[String]) -> JsResult<()> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let proto = cx.intrinsic(conch_vm::Intrinsic::ArrayPrototype);
    let a = conch_vm::builtins::array_create(cx, 0, proto)?;
    for (i, s) in args.iter().enumerate() {
        let v = cx.string(s)?.to_value();
        ops::create_data_property(cx, a, conch_vm::PropertyKey::index(i as u32), v)?;
    }
    put(cx, global, "scriptArgs", a.to_value())
}

/// Runs the script (and the REPL); the process exit status.
pub fn run(opts: &Options) -> ExitCode {
    let source = match main_source(opts) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let repl = opts.interactive || source.is_none();
    let recording = opts.stats || opts.memory_report.is_some();
    let mm = if recording {
        crate::stats::recording_manager(opts.memory_report.is_some())
    } else {
        conch_mm::MemoryManager::new()
    };
    let rt = match Runtime::with_memory_manager(mm.clone(), conch_vm::RuntimeAttributes(0)) {
        Ok(rt) => rt,
        Err(_) => {
            eprintln!("Error: Out of memory");
            return ExitCode::from(1);
        }
    };
    if recording {
        crate::stats::watch_heap(rt.heap());
    }
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
    let code = run_in(cx, opts, source.as_ref(), repl);
    if recording {
        if let Some(r) = crate::stats::finish(&mm) {
            if opts.stats {
                eprint!("{}", crate::stats::summary(&r, &mm, rt.heap()));
            }
            if let Some(path) = &opts.memory_report {
                let html = crate::memory_report::render(&r, &mm, rt.heap(), source.as_ref());
                if let Err(e) = std::fs::write(path, html) {
                    eprintln!("conch: {path}: {e}");
                }
            }
        }
    }
    ExitCode::from(code)
}

fn run_in(cx: &mut Cx, opts: &Options, source: Option<&(String, String)>, repl: bool) -> u8 {
    let file = source.map_or("<repl>", |(f, _)| f.as_str());
    crate::process::set_args(
        opts.file.as_deref().filter(|_| opts.eval.is_none()),
        &opts.args,
    );
    let report = |cx: &mut Cx, t, pos, f: &str| {
        let _ = crate::report::report(cx, t, pos, f, opts.test262);
        1u8
    };
    if let Err(t) = install(cx, opts.test262).and_then(|_| install_script_args(cx, &opts.args)) {
        return report(cx, t, None, file);
    }
    let global = Object::from_value(cx.realm.global()).expect("global");
    if let Err(t) = crate::event_loop::install(cx, global, !opts.test262) {
        return report(cx, t, None, file);
    }
    if !opts.test262 {
        // The shell's partial Intl and its TextEncoder/TextDecoder, loaded on first use.
        if let Err(t) = crate::lazy::install(cx, !opts.module) {
            return report(cx, t, None, file);
        }
    }
    cx.rt
        .set_module_loader(Some(std::rc::Rc::new(crate::loader::FsLoader)));
    if let (Some(t), Some(_)) = (opts.timeout, source) {
        start_watchdog(cx.rt.disabled_flag().clone(), t);
    }
    for p in &opts.preludes {
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("conch: {p}: {e}");
                return 2;
            }
        };
        crate::report::remember_source(p, &text);
        let mut pos = None;
        if let Err(t) = eval_script(cx, &text, p, &mut pos) {
            let t = cx.materialize(t);
            return finish_error(cx, opts, t, pos, p);
        }
    }
    let mut code = 0;
    if let Some((file, text)) = source {
        crate::report::remember_source(file, text);
        let mut pos = None;
        let r = if opts.module {
            let name = if opts.eval.is_some() {
                crate::loader::absolute(std::path::Path::new("<eval>.mjs"))
            } else {
                crate::loader::absolute(std::path::Path::new(file))
            };
            let name = name.to_string_lossy().into_owned();
            conch_vm::module::run_source(cx, text, &name, &mut pos).and_then(|p| {
                crate::event_loop::run(cx)?;
                // The module's evaluation promise: rejected is an uncaught error.
                match Object::from_value(p).map(conch_vm::builtins::promise::state) {
                    Some((2, e)) => Err(Throw::Value(e)),
                    _ => Ok(Value::UNDEFINED),
                }
            })
        } else {
            eval_script(cx, text, file, &mut pos)
                .and_then(|_| crate::event_loop::run(cx))
                .map(|_| Value::UNDEFINED)
        };
        // `process.exitCode`, after the `process.on('exit')` listeners.
        let r = r.and_then(|_| crate::lazy::finish(cx));
        match r {
            Ok(c) => code = c,
            Err(t) => {
                let t = cx.materialize(t);
                code = finish_error(cx, opts, t, pos, file);
                if code == 124 {
                    return code;
                }
            }
        }
    }
    SCRIPT_DONE.store(true, Ordering::Release);
    if repl {
        // A timeout that fired just as the script ended must not end the first input.
        cx.rt.disabled_flag().store(false, Ordering::Release);
        return crate::repl::run(cx, opts.test262);
    }
    code
}

/// Reports an error that ended the script: 124 (with the timeout's message) when the
/// `--timeout` watchdog terminated it, else the report's status.
fn finish_error(
    cx: &mut Cx,
    opts: &Options,
    t: Throw,
    pos: Option<conch_vm::script::SyntaxPosition>,
    file: &str,
) -> u8 {
    if matches!(t, Throw::Terminated) && TIMED_OUT.load(Ordering::Acquire) {
        eprintln!("{}", timeout_message(opts.timeout.unwrap_or(0.0)));
        return 124;
    }
    let _ = crate::report::report(cx, t, pos, file, opts.test262);
    1
}
