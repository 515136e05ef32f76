//! The shell's `console`, after node's (`lib/internal/console/constructor.js`): `log`, `info`,
//! `debug`, `dirxml` (stdout), `error`, `warn`, `trace` (stderr), `dir`, `assert`, `count`,
//! `countReset`, `time`, `timeEnd`, `timeLog`, `group`, `groupCollapsed`, `groupEnd`, `table`,
//! `clear`; with node's format specifiers (`%s %d %i %f %j %o %O %c %%`) and its inspector's
//! formatting (`crate::inspect`). Colours when the stream is a terminal (and `NO_COLOR` is not
//! set), none when it is piped.

use crate::inspect::{self, inspect, number_text, rust_string, Options};
use conch_gc::{Gc, Value};
use conch_vm::{convert, ops, Cx, Intrinsic, JsResult, JsString, NativeFn, Object, ObjectClass};
use conch_vm::{PropertyKey, Throw};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::Instant;

#[derive(Default)]
struct State {
    group_indent: String,
    counts: HashMap<String, u64>,
    timers: HashMap<String, Instant>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Whether output to stdout (`err` false) or stderr is coloured (decided once per stream).
pub fn use_colors(err: bool) -> bool {
    static DECIDED: [std::sync::OnceLock<bool>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    *DECIDED[err as usize].get_or_init(|| decide_colors(err))
}

fn decide_colors(err: bool) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    match std::env::var("FORCE_COLOR").ok().as_deref() {
        Some("0") | Some("false") => return false,
        Some(_) => return true,
        None => {}
    }
    if std::env::var("TERM").ok().as_deref() == Some("dumb") {
        return false;
    }
    if err {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    }
}

/// Writes one console line (with the group indentation) to stdout or stderr.
pub fn write_line(text: &str, err: bool) {
    let indent = STATE.with(|s| s.borrow().group_indent.clone());
    let mut line = if indent.is_empty() {
        text.to_string()
    } else {
        format!("{indent}{}", text.replace('\n', &format!("\n{indent}")))
    };
    line.push('\n');
    if err {
        let _ = std::io::stderr().write_all(line.as_bytes());
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

fn is_symbol(v: Value) -> bool {
    conch_vm::Symbol::from_value(v).is_some()
}

/// `String(v)` (symbols as `Symbol(description)`, like `String(symbol)`).
fn string_of(cx: &mut Cx, v: Value) -> JsResult<String> {
    if let Some(sym) = conch_vm::Symbol::from_value(v) {
        let d = match JsString::from_value(sym.description) {
            Some(d) => rust_string(cx, d)?,
            None => String::new(),
        };
        return Ok(format!("Symbol({d})"));
    }
    let s = convert::to_string(cx, v)?;
    rust_string(cx, s)
}

/// A data property read along the prototype chain (getters are not run).
fn get_data(cx: &Cx, o: Gc<Object>, name: &str) -> JsResult<Option<Value>> {
    let k = cx.rt.key(name)?;
    let mut cur = Some(o);
    let mut n = 0;
    while let Some(c) = cur {
        if let Some(d) = ops::ordinary_get_own_property(cx, c, k)? {
            return Ok(d.value);
        }
        n += 1;
        if n > 10_000 {
            break;
        }
        cur = Object::from_value(c.prototype());
    }
    Ok(None)
}

/// node's `hasBuiltInToString`: the object's `toString` (or `Symbol.toPrimitive`) is a
/// builtin's, so `%s` inspects it instead of calling it.
fn has_builtin_to_string(cx: &Cx, o: Gc<Object>) -> JsResult<bool> {
    let tk = cx.rt.key("toString")?;
    let pk = PropertyKey::symbol(cx.rt.well_known(conch_vm::WellKnown::toPrimitive));
    let mut cur = Some(o);
    let mut n = 0;
    while let Some(c) = cur {
        let own_ts = ops::ordinary_get_own_property(cx, c, tk)?.is_some();
        let own_tp = ops::ordinary_get_own_property(cx, c, pk)?.is_some();
        if own_ts || own_tp {
            if c == o {
                return Ok(false);
            }
            let Some(ctor) = get_data(cx, c, "constructor")?
                .and_then(Object::from_value)
                .filter(|f| f.is_callable())
            else {
                return Ok(false);
            };
            let name = match get_data(cx, ctor, "name")?.and_then(JsString::from_value) {
                Some(s) => rust_string(cx, s)?,
                None => return Ok(false),
            };
            return Ok(inspect::BUILTIN_NAMES.contains(&name.as_str()));
        }
        n += 1;
        if n > 10_000 {
            break;
        }
        cur = Object::from_value(c.prototype());
    }
    Ok(true)
}

fn call_intrinsic(cx: &mut Cx, i: Intrinsic, v: Value) -> JsResult<Value> {
    let f = cx.intrinsic(i);
    ops::call(cx, f, Value::UNDEFINED, &[v])
}

fn number_or_bigint(cx: &mut Cx, v: Value) -> JsResult<String> {
    if conch_vm::bigint::is_bigint(v) {
        return Ok(format!("{}n", string_of(cx, v)?));
    }
    Ok(number_text(v.as_number().unwrap_or(f64::NAN)))
}

fn json_stringify(cx: &mut Cx, v: Value) -> JsResult<String> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let json = get_data(cx, global, "JSON")?.and_then(Object::from_value);
    let f = match json {
        Some(j) => get_data(cx, j, "stringify")?,
        None => None,
    };
    let Some(f) = f else {
        return Ok("undefined".into());
    };
    match ops::call(cx, f, Value::UNDEFINED, &[v]) {
        Ok(r) => string_of(cx, r),
        Err(Throw::Value(e)) => {
            // node prints `[Circular]` for the cyclic-structure TypeError.
            let msg = Object::from_value(e)
                .filter(|o| o.class() == ObjectClass::Error)
                .map(|o| get_data(cx, o, "message"))
                .transpose()?
                .flatten();
            if let Some(m) = msg.and_then(JsString::from_value) {
                if rust_string(cx, m)?
                    .to_ascii_lowercase()
                    .contains("circular")
                {
                    return Ok("[Circular]".into());
                }
            }
            Err(Throw::Value(e))
        }
        Err(t) => Err(t),
    }
}

/// node's `formatWithOptions`: format specifiers in a first string argument, then the other
/// arguments (strings as they are, other values inspected), separated by spaces.
pub fn format_args(cx: &mut Cx, args: &[Value], opts: &Options) -> JsResult<String> {
    let mut a = 0;
    let mut out: Vec<u16> = Vec::new();
    let mut join = false;
    if let Some(first) = args.first().and_then(|v| JsString::from_value(*v)) {
        let f = inspect::units(cx, first)?;
        if args.len() == 1 {
            return Ok(String::from_utf16_lossy(&f));
        }
        let mut last_pos = 0;
        let mut i = 0;
        while i + 1 < f.len() {
            if f[i] == b'%' as u16 {
                i += 1;
                let next = f[i];
                if a + 1 != args.len() {
                    let temp: String = match next as u8 {
                        b's' if next < 128 => {
                            a += 1;
                            let v = args[a];
                            if v.as_number().is_some() || conch_vm::bigint::is_bigint(v) {
                                number_or_bigint(cx, v)?
                            } else if let Some(o) = Object::from_value(v).filter(|o| {
                                // Node inspects objects only; a function (typeof "function")
                                // is String(f), its source text.
                                !o.is_callable() && has_builtin_to_string(cx, *o).unwrap_or(false)
                            }) {
                                let o2 = Options {
                                    depth: Some(0),
                                    colors: false,
                                    compact: 3,
                                    ..opts.clone()
                                };
                                inspect(cx, o.to_value(), &o2)?
                            } else {
                                string_of(cx, v)?
                            }
                        }
                        b'j' if next < 128 => {
                            a += 1;
                            json_stringify(cx, args[a])?
                        }
                        b'd' if next < 128 => {
                            a += 1;
                            let v = args[a];
                            if conch_vm::bigint::is_bigint(v) {
                                number_or_bigint(cx, v)?
                            } else if is_symbol(v) {
                                "NaN".into()
                            } else {
                                number_text(convert::to_number(cx, v)?)
                            }
                        }
                        b'O' if next < 128 => {
                            a += 1;
                            inspect(cx, args[a], opts)?
                        }
                        b'o' if next < 128 => {
                            a += 1;
                            let o2 = Options {
                                show_hidden: true,
                                depth: Some(4),
                                ..opts.clone()
                            };
                            inspect(cx, args[a], &o2)?
                        }
                        b'i' if next < 128 => {
                            a += 1;
                            let v = args[a];
                            if conch_vm::bigint::is_bigint(v) {
                                number_or_bigint(cx, v)?
                            } else if is_symbol(v) {
                                "NaN".into()
                            } else {
                                let r = call_intrinsic(cx, Intrinsic::ParseInt, v)?;
                                number_text(r.as_number().unwrap_or(f64::NAN))
                            }
                        }
                        b'f' if next < 128 => {
                            a += 1;
                            let v = args[a];
                            if is_symbol(v) {
                                "NaN".into()
                            } else {
                                let r = call_intrinsic(cx, Intrinsic::ParseFloat, v)?;
                                number_text(r.as_number().unwrap_or(f64::NAN))
                            }
                        }
                        b'c' if next < 128 => {
                            a += 1;
                            String::new()
                        }
                        b'%' if next < 128 => {
                            out.extend_from_slice(&f[last_pos..i]);
                            last_pos = i + 1;
                            i += 1;
                            continue;
                        }
                        _ => {
                            i += 1;
                            continue;
                        }
                    };
                    if last_pos != i - 1 {
                        out.extend_from_slice(&f[last_pos..i - 1]);
                    }
                    out.extend(temp.encode_utf16());
                    last_pos = i + 1;
                } else if next == b'%' as u16 {
                    out.extend_from_slice(&f[last_pos..i]);
                    last_pos = i + 1;
                }
            }
            i += 1;
        }
        if last_pos != 0 {
            a += 1;
            join = true;
            if last_pos < f.len() {
                out.extend_from_slice(&f[last_pos..]);
            }
        }
    }
    let mut s = String::from_utf16_lossy(&out);
    while a < args.len() {
        let v = args[a];
        if join {
            s.push(' ');
        }
        match JsString::from_value(v) {
            Some(js) => s.push_str(&rust_string(cx, js)?),
            None => s.push_str(&inspect(cx, v, opts)?),
        }
        join = true;
        a += 1;
    }
    Ok(s)
}

fn stream_options(err: bool) -> Options {
    Options {
        colors: use_colors(err),
        ..Options::default()
    }
}

fn log_to(cx: &mut Cx, args: &[Value], err: bool) -> JsResult<Value> {
    let s = format_args(cx, args, &stream_options(err))?;
    write_line(&s, err);
    Ok(Value::UNDEFINED)
}

fn log(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    log_to(cx, args, false)
}

fn warn(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    log_to(cx, args, true)
}

fn dir(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let mut o = stream_options(false);
    if let Some(opts) = Object::from_value(arg(args, 1)) {
        if let Some(d) = get_data(cx, opts, "depth")? {
            if d.is_null() {
                o.depth = None;
            } else if let Some(n) = d.as_number() {
                o.depth = if n.is_infinite() && n > 0.0 {
                    None
                } else {
                    Some(n as i64)
                };
            }
        }
        if let Some(h) = get_data(cx, opts, "showHidden")? {
            o.show_hidden = convert::to_boolean(h);
        }
        if let Some(c) = get_data(cx, opts, "colors")? {
            o.colors = convert::to_boolean(c);
        }
    }
    let s = inspect(cx, arg(args, 0), &o)?;
    write_line(&s, false);
    Ok(Value::UNDEFINED)
}

fn label_of(cx: &mut Cx, args: &[Value]) -> JsResult<String> {
    let v = arg(args, 0);
    if v.is_undefined() {
        return Ok("default".into());
    }
    if is_symbol(v) {
        return Err(cx.type_error("Cannot convert a Symbol value to a string"));
    }
    string_of(cx, v)
}

fn warning(text: &str) {
    let _ = writeln!(std::io::stderr(), "Warning: {text}");
}

fn time(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let label = label_of(cx, args)?;
    let exists = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.timers.contains_key(&label) {
            true
        } else {
            s.timers.insert(label.clone(), Instant::now());
            false
        }
    });
    if exists {
        warning(&format!(
            "Label '{label}' already exists for console.time()"
        ));
    }
    Ok(Value::UNDEFINED)
}

/// node's `formatTime`.
fn format_time(ms: f64) -> String {
    let (mut hours, mut minutes, mut seconds) = (0.0f64, 0.0f64, 0.0f64);
    let mut ms = ms;
    if ms >= 1000.0 {
        if ms >= 60_000.0 {
            if ms >= 3_600_000.0 {
                hours = (ms / 3_600_000.0).floor();
                ms %= 3_600_000.0;
            }
            minutes = (ms / 60_000.0).floor();
            ms %= 60_000.0;
        }
        seconds = ms / 1000.0;
    }
    if hours != 0.0 || minutes != 0.0 {
        let fixed = format!("{seconds:.3}");
        let (s, m) = fixed.split_once('.').unwrap_or((&fixed, "000"));
        let res = if hours != 0.0 {
            format!("{hours}:{minutes:02}")
        } else {
            format!("{minutes}")
        };
        let unit = if hours != 0.0 { "h:m" } else { "" };
        return format!("{res}:{s:0>2}.{m} ({unit}m:ss.mmm)");
    }
    if seconds != 0.0 {
        return format!("{seconds:.3}s");
    }
    let r: f64 = format!("{ms:.3}").parse().unwrap_or(ms);
    format!("{}ms", number_text(r))
}

fn time_log_impl(cx: &mut Cx, name: &str, args: &[Value], end: bool) -> JsResult<Value> {
    let label = label_of(cx, args)?;
    let start = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if end {
            s.timers.remove(&label)
        } else {
            s.timers.get(&label).copied()
        }
    });
    let Some(start) = start else {
        warning(&format!("No such label '{label}' for console.{name}()"));
        return Ok(Value::UNDEFINED);
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut line = format!("{label}: {}", format_time(ms));
    if !end && args.len() > 1 {
        let rest = args[1..]
            .iter()
            .map(|&v| match JsString::from_value(v) {
                Some(s) => rust_string(cx, s),
                None => inspect(cx, v, &stream_options(false)),
            })
            .collect::<JsResult<Vec<_>>>()?;
        line.push(' ');
        line.push_str(&rest.join(" "));
    }
    write_line(&line, false);
    Ok(Value::UNDEFINED)
}

fn time_end(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    time_log_impl(cx, "timeEnd", args, true)
}

fn time_log(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    time_log_impl(cx, "timeLog", args, false)
}

fn count(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let label = label_of(cx, args)?;
    let n = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let c = s.counts.entry(label.clone()).or_insert(0);
        *c += 1;
        *c
    });
    write_line(&format!("{label}: {n}"), false);
    Ok(Value::UNDEFINED)
}

fn count_reset(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let label = label_of(cx, args)?;
    if STATE
        .with(|s| s.borrow_mut().counts.remove(&label))
        .is_none()
    {
        warning(&format!("Count for '{label}' does not exist"));
    }
    Ok(Value::UNDEFINED)
}

fn group(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if !args.is_empty() {
        log_to(cx, args, false)?;
    }
    STATE.with(|s| s.borrow_mut().group_indent.push_str("  "));
    Ok(Value::UNDEFINED)
}

fn group_end(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let n = s.group_indent.len().saturating_sub(2);
        s.group_indent.truncate(n);
    });
    Ok(Value::UNDEFINED)
}

fn assert(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if convert::to_boolean(arg(args, 0)) {
        return Ok(Value::UNDEFINED);
    }
    let mut rest: Vec<Value> = args.iter().skip(1).copied().collect();
    let head = match rest.first() {
        None => "Assertion failed".to_string(),
        Some(&v) => {
            if is_symbol(v) {
                return Err(cx.type_error("Cannot convert a Symbol value to a string"));
            }
            format!("Assertion failed: {}", string_of(cx, v)?)
        }
    };
    let h = cx.string(&head)?.to_value();
    if rest.is_empty() {
        rest.push(h);
    } else {
        rest[0] = h;
    }
    log_to(cx, &rest, true)
}

fn trace(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let msg = format_args(cx, args, &stream_options(true))?;
    let line = if msg.is_empty() {
        "Trace".to_string()
    } else {
        format!("Trace: {msg}")
    };
    write_line(&line, true);
    Ok(Value::UNDEFINED)
}

fn clear(_: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    if std::io::stdout().is_terminal() && std::env::var("TERM").ok().as_deref() != Some("dumb") {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(b"\x1b[1;1H\x1b[0J");
        let _ = out.flush();
    }
    Ok(Value::UNDEFINED)
}

fn table(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let data = arg(args, 0);
    let Some(o) = Object::from_value(data) else {
        return log_to(cx, &args[..args.len().min(1)], false);
    };
    let s = crate::table::render(cx, o, arg(args, 1), use_colors(false))?;
    write_line(&s, false);
    Ok(Value::UNDEFINED)
}

fn func(cx: &mut Cx, name: &str, length: u32, f: NativeFn) -> JsResult<Value> {
    let n = cx.string(name)?.to_value();
    Ok(conch_vm::builtins::create_function(
        cx,
        f,
        conch_vm::builtins::FunctionOptions {
            name: n,
            length,
            constructor: false,
        },
    )?
    .to_value())
}

/// A new `console` object with node's methods.
pub fn create(cx: &mut Cx) -> JsResult<Gc<Object>> {
    // A one-of-a-kind object with many properties: its own shape tree, so that it does
    // not teach every `{}` to reserve inline slots (see `Cx::new_singleton`).
    let console = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    // Node's order (scripts list `Object.keys(console)`).
    let methods: [(&str, NativeFn); 19] = [
        ("log", log),
        ("warn", warn),
        ("dir", dir),
        ("time", time),
        ("timeEnd", time_end),
        ("timeLog", time_log),
        ("trace", trace),
        ("assert", assert),
        ("clear", clear),
        ("count", count),
        ("countReset", count_reset),
        ("group", group),
        ("groupEnd", group_end),
        ("table", table),
        ("debug", log),
        ("info", log),
        ("dirxml", log),
        ("error", warn),
        ("groupCollapsed", group),
    ];
    for (name, f) in methods {
        let fv = func(cx, name, 0, f)?;
        let k = cx.rt.key(name)?;
        let d = ops::PropertyDescriptor::data(
            fv,
            conch_vm::attrs::HIDDEN | conch_vm::attrs::ENUMERABLE,
        );
        ops::define_property_or_throw(cx, console, k, &d)?;
    }
    Ok(console)
}
