//! Reporting an uncaught exception or a syntax error on stderr.
//!
//! For a person (the default), like node: the source line with a caret under the column,
//! a blank line, then the error — its `stack` when it has one, else `Name: message` and
//! `    at FILE:LINE:COLUMN`; a thrown non-error is shown by the inspector after `Uncaught `.
//!
//! With `--test262` (the runner reads the error's constructor name from stderr's first line),
//! the first line is `Name: message` (or `Uncaught VALUE`), then `    at FILE:LINE:COLUMN`.

use crate::inspect::{inspect, rust_string, Options};
use conch_gc::Value;
use conch_vm::script::SyntaxPosition;
use conch_vm::{convert, ops, Cx, Intrinsic, JsResult, JsString, Object, ObjectClass, Throw};
use std::cell::RefCell;
use std::io::Write;

thread_local! {
    /// Source texts the shell ran, by file name (for the source line of a report).
    static SOURCES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Remembers the text of `file` (a script, a prelude, `-e` code or a REPL input).
pub fn remember_source(file: &str, text: &str) {
    SOURCES.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|(f, _)| f != file);
        s.push((file.to_string(), text.to_string()));
    });
}

/// Line `line` (1-based) of `file`: a remembered text, else the file read from disk.
fn source_line(file: &str, line: u32) -> Option<String> {
    let text = SOURCES
        .with(|s| {
            s.borrow()
                .iter()
                .rev()
                .find(|(f, _)| f == file)
                .map(|(_, t)| t.clone())
        })
        .or_else(|| std::fs::read_to_string(file).ok())?;
    let l = text
        .split('\n')
        .nth(line.checked_sub(1)? as usize)?
        .trim_end_matches('\r');
    Some(l.to_string())
}

/// The source line with a caret under 1-based `column` (UTF-16 units); tabs are kept so the
/// caret lines up. Long lines are cut to a window around the column.
pub fn caret_lines(text: &str, column: u32) -> String {
    let units: Vec<char> = text.chars().collect();
    let mut col = 0usize; // index in chars
    let mut u = 1u32;
    while col < units.len() && u < column {
        u += units[col].len_utf16() as u32;
        col += 1;
    }
    let (start, end) = if units.len() > 160 {
        let s = col.saturating_sub(60);
        (s, (s + 160).min(units.len()))
    } else {
        (0, units.len())
    };
    let shown: String = units[start..end].iter().collect();
    let pad: String = units[start..col.min(end)]
        .iter()
        .map(|&c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let prefix = if start > 0 { "..." } else { "" };
    let pad_prefix = if start > 0 { "   " } else { "" };
    format!("{prefix}{shown}\n{pad_prefix}{pad}^")
}

/// Test262's first line for an uncaught value: `Name: message` for objects (the name of the
/// object's constructor, as test262's `negative.type` names it), `Uncaught VALUE` for
/// primitives.
fn describe_for_test262(cx: &mut Cx, v: Value) -> JsResult<String> {
    let Some(o) = Object::from_value(v) else {
        if conch_vm::Symbol::from_value(v).is_some() {
            return Ok("Uncaught Symbol()".to_string());
        }
        return Ok(format!("Uncaught {}", display(cx, v)?));
    };
    let ck = cx.rt.key("constructor")?;
    let ctor = ops::get(cx, o, ck, v)?;
    let mut name = String::new();
    if let Some(c) = Object::from_value(ctor) {
        let nk = cx.rt.key("name")?;
        let n = ops::get(cx, c, nk, ctor)?;
        if JsString::from_value(n).is_some() {
            name = display(cx, n)?;
        }
    }
    if name.is_empty() {
        return Ok(format!("Uncaught {}", display(cx, v)?));
    }
    let mk = cx.rt.key("message")?;
    let m = ops::get(cx, o, mk, v)?;
    if m.is_undefined() {
        return Ok(name);
    }
    Ok(format!("{name}: {}", display(cx, m)?))
}

fn display(cx: &mut Cx, v: Value) -> JsResult<String> {
    let s = convert::to_string(cx, v)?;
    rust_string(cx, s)
}

/// A data property along the prototype chain (no getter runs).
fn data(cx: &Cx, o: conch_gc::Gc<Object>, name: &str) -> JsResult<Option<Value>> {
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

fn is_error(cx: &Cx, o: conch_gc::Gc<Object>) -> bool {
    if o.class() == ObjectClass::Error {
        return true;
    }
    let ep = cx.intrinsic(Intrinsic::ErrorPrototype);
    let mut cur = o.prototype();
    let mut n = 0;
    while let Some(c) = Object::from_value(cur) {
        if cur == ep {
            return true;
        }
        n += 1;
        if n > 10_000 {
            break;
        }
        cur = c.prototype();
    }
    false
}

fn is_syntax_error(cx: &Cx, v: Value) -> bool {
    let Some(o) = Object::from_value(v) else {
        return false;
    };
    let sp = cx.intrinsic(Intrinsic::SyntaxErrorPrototype);
    o.prototype() == sp
}

/// Where an imported module fails to parse (the engine's SyntaxError for it carries no
/// location): the first loaded module that does not parse, re-parsed.
fn module_syntax_location() -> Option<(String, u32, u32)> {
    for name in crate::loader::loaded_modules() {
        let Ok(text) = std::fs::read_to_string(&name) else {
            continue;
        };
        let arena = conch_mm::Arena::new(conch_mm::MemoryManager::new());
        if let Err(e) = conch_parser::parse_module(&text, &arena) {
            if e.kind == conch_parser::ErrorKind::SyntaxError {
                let e = e.locate(&text);
                return Some((name, e.line, e.column));
            }
        }
    }
    None
}

/// A person's view of an uncaught value: `(text, has_stack)`.
fn describe_for_person(cx: &mut Cx, v: Value) -> JsResult<(String, bool)> {
    if let Some(o) = Object::from_value(v).filter(|o| is_error(cx, *o)) {
        if let Some(s) = data(cx, o, "stack")?.and_then(JsString::from_value) {
            let s = rust_string(cx, s)?;
            if !s.is_empty() {
                return Ok((s, true));
            }
        }
        if o.class() == ObjectClass::Error && data(cx, o, "stack")?.is_none() {
            // The trace the `Error.prototype.stack` accessor would give.
            let s = conch_vm::interp::stack_trace::stack_string(cx, o)?;
            let s = rust_string(cx, s)?;
            if s.contains("\n    at ") {
                return Ok((s, true));
            }
        }
        let name = match data(cx, o, "name")? {
            Some(n) if !n.is_undefined() => display(cx, n)?,
            _ => "Error".into(),
        };
        let msg = match data(cx, o, "message")? {
            Some(m) if !m.is_undefined() => display(cx, m)?,
            _ => String::new(),
        };
        let text = match (name.is_empty(), msg.is_empty()) {
            (true, _) => msg,
            (false, true) => name,
            (false, false) => format!("{name}: {msg}"),
        };
        return Ok((text, false));
    }
    let opts = Options::default();
    Ok((format!("Uncaught {}", inspect(cx, v, &opts)?), false))
}

/// Where an uncaught exception comes from: the innermost frame of an error's stack trace
/// (where it was made), else where the value was last thrown.
fn throw_location(cx: &Cx, t: Throw) -> Option<(conch_gc::Gc<JsString>, u32, u32)> {
    let own = match t {
        Throw::Value(v) => {
            Object::from_value(v).and_then(conch_vm::interp::stack_trace::error_location)
        }
        _ => None,
    };
    own.or_else(|| cx.rt.last_throw_location())
}

/// Prints an uncaught exception (or syntax error, with its position in `file`); the exit
/// status (1).
pub fn report(
    cx: &mut Cx,
    t: Throw,
    syntax: Option<SyntaxPosition>,
    file: &str,
    test262: bool,
) -> std::process::ExitCode {
    let location = match syntax {
        Some(p) => Some((file.to_string(), p.line, p.column)),
        None => throw_location(cx, t).map(|(f, line, col)| {
            let f = JsString::flatten(cx.heap(), f)
                .ok()
                .map(|f| {
                    let mut s = String::new();
                    f.to_rust(&mut |c| s.push(c));
                    s
                })
                .unwrap_or_default();
            (f, line, col)
        }),
    };
    let location = location.or_else(|| match t {
        Throw::Value(v) if is_syntax_error(cx, v) => module_syntax_location(),
        _ => None,
    });
    let oom = || ("Error: Out of memory".to_string(), false);
    let (text, has_stack) = match t {
        Throw::Terminated => ("Error: Script terminated".to_string(), false),
        Throw::OutOfMemory => oom(),
        Throw::Value(v) => {
            let r = if test262 {
                describe_for_test262(cx, v).map(|s| (s, false))
            } else {
                describe_for_person(cx, v)
            };
            match r {
                Ok(s) => s,
                Err(Throw::OutOfMemory) => oom(),
                Err(_) => ("Uncaught exception".to_string(), false),
            }
        }
    };
    let mut out = String::new();
    if !test262 {
        if let Some((f, line, col)) = &location {
            if let Some(l) = source_line(f, *line) {
                out.push_str(&format!("{f}:{line}\n{}\n\n", caret_lines(&l, *col)));
            }
        }
    }
    out.push_str(&text);
    out.push('\n');
    if !has_stack {
        if let Some((f, line, col)) = &location {
            out.push_str(&format!("    at {f}:{line}:{col}\n"));
        }
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
    std::process::ExitCode::from(1)
}

/// Prints an error of a REPL input as node's REPL does: `Uncaught Name: message` (a syntax
/// error with its source line and caret first), then the location.
pub fn report_uncaught(
    cx: &mut Cx,
    t: Throw,
    syntax: Option<SyntaxPosition>,
    file: &str,
    test262: bool,
) {
    if test262 {
        let _ = report(cx, t, syntax, file, true);
        return;
    }
    let mut out = String::new();
    if let Some(p) = syntax {
        if let Some(l) = source_line(file, p.line) {
            out.push_str(&format!("{}\n\n", caret_lines(&l, p.column)));
        }
    }
    let location = match syntax {
        Some(p) => Some(format!("{file}:{}:{}", p.line, p.column)),
        None => throw_location(cx, t).map(|(f, line, col)| {
            let f = crate::inspect::rust_string(cx, f).unwrap_or_default();
            format!("{f}:{line}:{col}")
        }),
    };
    let (text, has_stack) = match t {
        Throw::Terminated => ("Error: Script terminated".to_string(), false),
        Throw::OutOfMemory => ("Error: Out of memory".to_string(), false),
        Throw::Value(v) => match describe_for_person(cx, v) {
            Ok((s, st)) => (s, st),
            Err(_) => ("exception".to_string(), false),
        },
    };
    if text.starts_with("Uncaught ") {
        out.push_str(&text);
    } else {
        out.push_str(&format!("Uncaught {text}"));
    }
    out.push('\n');
    if let (false, Some(l)) = (has_stack, location) {
        out.push_str(&format!("    at {l}\n"));
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
}
