//! The natives behind the shell's `process` and `performance` (`process.js`, loaded on first
//! use by `lazy.rs`): writing to stdout/stderr without a newline, exiting, the monotonic
//! clock, the environment, the arguments and the memory in use.

use conch_gc::{Gc, Value};
use conch_vm::{convert, ops, Cx, JsResult, NativeFn, Object, PropertyKey};
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// What the natives report about the run.
struct RunInfo {
    /// `process.argv[1..]`: the script's absolute path (when it is a file) and its arguments.
    argv: Vec<String>,
    /// The script's absolute path.
    file: Option<String>,
    start: Option<Instant>,
    /// `performance.timeOrigin` (ms since the epoch).
    origin: f64,
}

thread_local! {
    static ARGS: RefCell<RunInfo> = const {
        RefCell::new(RunInfo { argv: Vec::new(), file: None, start: None, origin: 0.0 })
    };
}

/// Remembers the script and its arguments, and starts the clock (before the script runs).
pub(crate) fn set_args(file: Option<&str>, args: &[String]) {
    let mut argv = Vec::new();
    let file = file.map(|f| {
        let p = crate::loader::absolute(std::path::Path::new(f));
        p.to_string_lossy().into_owned()
    });
    if let Some(f) = &file {
        argv.push(f.clone());
        // `scriptArgs` starts with the file.
        argv.extend(args.iter().skip(1).cloned());
    } else {
        argv.extend(args.iter().cloned());
    }
    let origin = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    ARGS.with(|a| {
        *a.borrow_mut() = RunInfo {
            argv,
            file,
            start: Some(Instant::now()),
            origin,
        }
    });
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// `host.write(fd, string)`.
fn write(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let fd = convert::to_number(cx, arg(args, 0))?;
    let s = crate::run::display(cx, arg(args, 1))?;
    if fd == 2.0 {
        let _ = std::io::stderr().write_all(s.as_bytes());
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(s.as_bytes());
        let _ = out.flush();
    }
    Ok(Value::UNDEFINED)
}

/// `host.exit(code)`: ends the process now, as node's `process.exit` does.
fn exit(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let code = convert::to_number(cx, arg(args, 0))?;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(if code.is_finite() { code as i32 } else { 0 })
}

/// `host.nanoseconds()`: nanoseconds since the start (a double: exact for 104 days).
fn nanoseconds(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let start = ARGS.with(|a| a.borrow().start).unwrap_or_else(Instant::now);
    Ok(Value::number(start.elapsed().as_nanos() as f64))
}

fn is_tty(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let fd = convert::to_number(cx, arg(args, 0))?;
    let t = if fd == 2.0 {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    Ok(Value::bool(t))
}

fn columns(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let n = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u32>().ok())
        .unwrap_or(80);
    Ok(Value::number(f64::from(n)))
}

fn cwd(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let d = std::env::current_dir().unwrap_or_default();
    Ok(cx.string(&d.to_string_lossy())?.to_value())
}

/// The resident set size in bytes (Linux's /proc; 0 elsewhere).
fn rss() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0
}

fn memory_usage(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let o = cx.new_object()?;
    let used = cx.rt.memory_manager().usage() as f64;
    for (k, v) in [
        ("rss", rss()),
        ("heapTotal", used),
        ("heapUsed", used),
        ("external", 0.0),
        ("arrayBuffers", 0.0),
    ] {
        let key = cx.rt.key(k)?;
        ops::create_data_property(cx, o, key, Value::number(v))?;
    }
    Ok(o.to_value())
}

fn put(cx: &mut Cx, o: Gc<Object>, name: &str, v: Value) -> JsResult<()> {
    let k = cx.rt.key(name)?;
    ops::create_data_property(cx, o, k, v)?;
    Ok(())
}

fn string_array(cx: &mut Cx, items: &[String]) -> JsResult<Value> {
    let proto = cx.intrinsic(conch_vm::Intrinsic::ArrayPrototype);
    let a = conch_vm::builtins::array_create(cx, 0, proto)?;
    for (i, s) in items.iter().enumerate() {
        let v = cx.string(s)?.to_value();
        ops::create_data_property(cx, a, PropertyKey::index(i as u32), v)?;
    }
    Ok(a.to_value())
}

/// The object of natives and values `process.js` is called with.
pub(crate) fn host(cx: &mut Cx) -> JsResult<Value> {
    let h = cx.new_object()?;
    let table: [(&str, u32, NativeFn); 8] = [
        ("write", 2, write),
        ("exit", 1, exit),
        ("nanoseconds", 0, nanoseconds),
        ("isTTY", 1, is_tty),
        ("columns", 0, columns),
        ("cwd", 0, cwd),
        ("memoryUsage", 0, memory_usage),
        ("nextTick", 1, crate::event_loop::next_tick),
    ];
    for (name, len, f) in table {
        let fv = crate::run::func(cx, name, len, f)?;
        put(cx, h, name, fv)?;
    }
    let (script, origin) = ARGS.with(|a| {
        let a = a.borrow();
        (a.argv.clone(), a.origin)
    });
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "conch".to_string());
    let mut argv = vec![exe];
    argv.extend(script);
    let av = string_array(cx, &argv)?;
    put(cx, h, "argv", av)?;
    let env = cx.new_object()?;
    for (k, v) in std::env::vars() {
        let key = cx.rt.key(&k)?;
        let val = cx.string(&v)?.to_value();
        ops::create_data_property(cx, env, key, val)?;
    }
    put(cx, h, "env", env.to_value())?;
    put(cx, h, "pid", Value::number(f64::from(std::process::id())))?;
    #[cfg(unix)]
    let ppid = f64::from(std::os::unix::process::parent_id());
    #[cfg(not(unix))]
    let ppid = 0.0;
    put(cx, h, "ppid", Value::number(ppid))?;
    let platform = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        os => os,
    };
    let pv = cx.string(platform)?.to_value();
    put(cx, h, "platform", pv)?;
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        a => a,
    };
    let av = cx.string(arch)?.to_value();
    put(cx, h, "arch", av)?;
    put(cx, h, "timeOrigin", Value::number(origin))?;
    Ok(h.to_value())
}

/// `host.inspect(value, depth, showHidden, colors, breakLength, compact, maxArrayLength,
/// maxStringLength)` (`require.js` normalises node's options into these).
fn inspect(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let mut o = crate::inspect::Options::default();
    let count = |cx: &mut Cx, v: Value| -> JsResult<Option<f64>> {
        if v.is_undefined() {
            Ok(None)
        } else if v.is_null() {
            Ok(Some(f64::INFINITY))
        } else {
            convert::to_number(cx, v).map(Some)
        }
    };
    let limit = |n: f64| {
        if n.is_nan() || n < 0.0 {
            0
        } else if n >= usize::MAX as f64 / 4.0 {
            usize::MAX / 4
        } else {
            n as usize
        }
    };
    if let Some(d) = count(cx, arg(args, 1))? {
        o.depth = if d.is_infinite() && d > 0.0 {
            None
        } else {
            Some(d as i64)
        };
    }
    o.show_hidden = convert::to_boolean(arg(args, 2));
    o.colors = convert::to_boolean(arg(args, 3));
    if let Some(n) = count(cx, arg(args, 4))? {
        o.break_length = limit(n);
    }
    if let Some(n) = count(cx, arg(args, 5))? {
        o.compact = limit(n);
    }
    if let Some(n) = count(cx, arg(args, 6))? {
        o.max_array_length = limit(n);
    }
    if let Some(n) = count(cx, arg(args, 7))? {
        o.max_string_length = limit(n);
    }
    let s = crate::inspect::inspect(cx, arg(args, 0), &o)?;
    Ok(cx.string(&s)?.to_value())
}

/// `host.format(...args)`: `util.format`.
fn format(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let s = crate::console::format_args(cx, args, &crate::inspect::Options::default())?;
    Ok(cx.string(&s)?.to_value())
}

/// `host.hash(algorithm, data)`: the hex digest of a string (as UTF-8) or a Uint8Array, or
/// undefined for an unknown algorithm.
fn hash(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let alg = crate::run::display(cx, arg(args, 0))?;
    let mut data = Vec::new();
    if conch_vm::JsString::from_value(arg(args, 1)).is_some() {
        data = crate::run::display(cx, arg(args, 1))?.into_bytes();
    } else if let Some(e) =
        Object::from_value(arg(args, 1)).and_then(|o| conch_vm::builtins::typed_array_elements(&o))
    {
        for i in 0..e.length {
            let v = conch_vm::builtins::typed_array_read(cx, &e, i)?;
            data.push(v.as_number().unwrap_or(0.0) as u8);
        }
    }
    let Some(d) = crate::hash::digest(&alg.to_ascii_lowercase(), &data) else {
        return Ok(Value::UNDEFINED);
    };
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(cx.string(&hex)?.to_value())
}

/// The object of natives `require.js` is called with: `inspect`, `format`, `cwd`, `hash`, and
/// the script's `filename` and `dirname`.
pub(crate) fn require_host(cx: &mut Cx) -> JsResult<Value> {
    let h = cx.new_object()?;
    let table: [(&str, u32, NativeFn); 4] = [
        ("inspect", 2, inspect),
        ("format", 0, format),
        ("cwd", 0, cwd),
        ("hash", 2, hash),
    ];
    for (name, len, f) in table {
        let fv = crate::run::func(cx, name, len, f)?;
        put(cx, h, name, fv)?;
    }
    let file = ARGS.with(|a| a.borrow().file.clone());
    let (filename, dirname) = match file {
        Some(f) => {
            let d = std::path::Path::new(&f)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            (f, d)
        }
        // As node's `-e`.
        None => ("[eval]".to_string(), ".".to_string()),
    };
    let f = cx.string(&filename)?.to_value();
    put(cx, h, "filename", f)?;
    let d = cx.string(&dirname)?.to_value();
    put(cx, h, "dirname", d)?;
    Ok(h.to_value())
}
