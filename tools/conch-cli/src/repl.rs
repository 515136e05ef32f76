//! The REPL: line editing and persistent history (`~/.conch_history`, through rustyline),
//! input continued on `... ` lines while it is incomplete (the parser's error is at the end of
//! the input: an unfinished block, string, template or expression), results printed by the
//! inspector (coloured on a terminal), `_` for the last result, top-level `await` (the input
//! runs in an async function; `let`/`const`/`var NAME = await …` still defines NAME), and
//! `.help`, `.exit`, `.load FILE`, Tab completion of global and property names. Ctrl-C during
//! an evaluation ends it (the runtime's interrupt flag) and keeps the REPL; Ctrl-C on an empty
//! line twice, or Ctrl-D, exits.
//!
//! Each input is a classic script of the same realm, so global `let`/`const`/`class`
//! declarations persist from one input to the next.

use crate::inspect::{inspect, Options};
use conch_gc::Gc;
use conch_gc::Value;
use conch_vm::script::eval_script;
use conch_vm::{ops, Cx, JsResult, Object, PropertyKey, Throw};
use rustyline::error::ReadlineError;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

const HELP: &str = "\
.exit        leave the REPL (or press Ctrl-D)
.help        this text
.load FILE   run FILE in this REPL's realm
Ctrl-C ends a running evaluation; on an empty line, twice, it leaves.
Input continues on `...` lines while it is incomplete. `_` is the last result.";

/// The interrupt flag the SIGINT handler sets (the runtime's `disabled_flag`).
static FLAG: AtomicPtr<AtomicBool> = AtomicPtr::new(std::ptr::null_mut());

extern "C" fn on_sigint(_: libc::c_int) {
    let p = FLAG.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: `p` points into the runtime's `Arc<AtomicBool>`, kept alive (a clone is
        // held by `run`) until the handler is reset.
        unsafe { (*p).store(true, Ordering::Release) };
    }
}

/// Routes SIGINT to the interrupt flag while `run` is active.
struct SigintGuard {
    _flag: std::sync::Arc<AtomicBool>,
}

impl SigintGuard {
    fn install(flag: std::sync::Arc<AtomicBool>) -> SigintGuard {
        FLAG.store(
            std::sync::Arc::as_ptr(&flag) as *mut AtomicBool,
            Ordering::Release,
        );
        let handler: extern "C" fn(libc::c_int) = on_sigint;
        // SAFETY: installs an async-signal-safe handler (one atomic store).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = handler as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
        }
        SigintGuard { _flag: flag }
    }
}

impl Drop for SigintGuard {
    fn drop(&mut self) {
        // SAFETY: restores the default action.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
        }
        FLAG.store(std::ptr::null_mut(), Ordering::Release);
    }
}

/// Whether `text` is an unfinished script: it fails to parse at its very end.
pub fn is_incomplete(text: &str) -> bool {
    let trimmed = text.trim_end();
    if trimmed.is_empty() {
        return false;
    }
    let mm = conch_mm::MemoryManager::new();
    let arena = conch_mm::Arena::new(mm);
    match conch_parser::parse_script(text, &arena) {
        Ok(_) => false,
        Err(e) => {
            if e.kind != conch_parser::ErrorKind::SyntaxError {
                return false;
            }
            let at_end = e.offset as usize >= trimmed.len();
            // An unterminated template or comment is reported where it starts.
            let msg = e.message().to_string().to_ascii_lowercase();
            at_end || msg.contains("unterminated template") || msg.contains("unterminated comment")
        }
    }
}

/// Whether `text` parses as a classic script.
fn parses(text: &str) -> bool {
    let mm = conch_mm::MemoryManager::new();
    let arena = conch_mm::Arena::new(mm);
    conch_parser::parse_script(text, &arena).is_ok()
}

/// Rewrites an input that uses top-level `await` into one that runs in an async function:
/// `(code, binding)`: the code evaluates to a promise of the result; with `binding`, the
/// input was `let|const|var NAME = EXPR` and NAME is to be defined from the result.
fn rewrite_await(text: &str) -> Option<(String, Option<(String, String)>)> {
    if !text.contains("await") {
        return None;
    }
    let t = text.trim().trim_end_matches(';').trim_end();
    for kw in ["let ", "const ", "var "] {
        if let Some(rest) = t.strip_prefix(kw) {
            if let Some((name, expr)) = rest.split_once('=') {
                let name = name.trim();
                let ident = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    && !name.starts_with(|c: char| c.is_ascii_digit());
                let code = format!("(async () => {{ return ({}\n); }})()", expr.trim());
                if ident && !expr.starts_with('=') && parses(&code) {
                    return Some((code, Some((kw.trim().to_string(), name.to_string()))));
                }
            }
        }
    }
    let expr = format!("(async () => {{ return ({t}\n); }})()");
    if parses(&expr) {
        return Some((expr, None));
    }
    let body = format!("(async () => {{ {text}\n}})()");
    parses(&body).then_some((body, None))
}

struct Repl<'rt> {
    /// The REPL's context. A raw pointer: the completer reads it too, while `readline` runs
    /// (when no evaluation does).
    cx: *mut Cx<'rt>,
    n: u32,
    colors: bool,
    test262: bool,
}

impl<'rt> Repl<'rt> {
    fn cx(&mut self) -> &mut Cx<'rt> {
        // SAFETY: `run`'s context outlives the REPL; only one reference is in use at a time.
        unsafe { &mut *self.cx }
    }

    fn opts(&self) -> Options {
        let width = terminal_width().unwrap_or(80);
        Options {
            colors: self.colors,
            break_length: width,
            ..Options::default()
        }
    }

    fn set_global(&mut self, name: &str, v: Value) -> JsResult<()> {
        let global = Object::from_value(self.cx().realm.global()).expect("global");
        let k = self.cx().rt.key(name)?;
        let d = ops::PropertyDescriptor::data(v, conch_vm::attrs::DEFAULT);
        ops::define_property_or_throw(self.cx(), global, k, &d)
    }

    /// Evaluates one input and prints its result or error.
    fn eval(&mut self, text: &str, file_name: Option<&str>) {
        self.n += 1;
        let file = file_name.map_or_else(|| format!("REPL{}", self.n), str::to_string);
        self.cx().rt.disabled_flag().store(false, Ordering::Release);
        // `{ a: 1 }` is an object, not a block (as in node's REPL).
        let t = text.trim();
        let wrapped = format!("({t}\n)");
        let text = if t.starts_with('{') && !t.ends_with(';') && parses(&wrapped) {
            wrapped.as_str()
        } else {
            text
        };
        let (code, awaited, binding) = if parses(text) {
            (text.to_string(), false, None)
        } else {
            match rewrite_await(text) {
                Some((c, b)) => (c, true, b),
                None => (text.to_string(), false, None),
            }
        };
        crate::report::remember_source(&file, &code);
        let mut pos = None;
        let r = eval_script(self.cx(), &code, &file, &mut pos).and_then(|v| {
            crate::event_loop::run(self.cx())?;
            if !awaited {
                return Ok(v);
            }
            let Some(p) = Object::from_value(v) else {
                return Ok(v);
            };
            match conch_vm::builtins::promise::state(p) {
                (1, r) => Ok(r),
                (2, e) => Err(Throw::Value(e)),
                _ => Ok(Value::UNDEFINED),
            }
        });
        let r = r.and_then(|v| match &binding {
            Some((kw, name)) => {
                self.set_global("__conch_await", v)?;
                let mut p = None;
                let def = format!(
                    "{kw} {name} = globalThis.__conch_await; delete globalThis.__conch_await;"
                );
                eval_script(self.cx(), &def, &file, &mut p)?;
                Ok(Value::UNDEFINED)
            }
            None => Ok(v),
        });
        match r {
            Ok(v) => {
                let _ = self.set_global("_", v);
                let opts = self.opts();
                match inspect(self.cx(), v, &opts) {
                    Ok(s) => print_line(&s),
                    Err(_) => print_line("<uninspectable value>"),
                }
            }
            Err(t) => {
                let t = self.cx().materialize(t);
                if matches!(t, Throw::Terminated) {
                    eprintln!("Script execution interrupted.");
                } else {
                    let test262 = self.test262;
                    crate::report::report_uncaught(self.cx(), t, pos, &file, test262);
                }
            }
        }
        self.cx().rt.disabled_flag().store(false, Ordering::Release);
    }

    fn load(&mut self, path: &str) {
        match std::fs::read_to_string(path) {
            Ok(text) => self.eval(&text, Some(path)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }

    /// Handles a `.command`; `false` to exit.
    fn command(&mut self, line: &str) -> bool {
        let (cmd, arg) = line.split_once(' ').unwrap_or((line, ""));
        match cmd {
            ".exit" => return false,
            ".help" => println!("{HELP}"),
            ".load" => self.load(arg.trim()),
            _ => eprintln!("Invalid REPL keyword"),
        }
        true
    }
}

fn print_line(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{s}");
    let _ = out.flush();
}

fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    // SAFETY: TIOCGWINSZ fills a winsize.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        if libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_col > 0 {
            return Some(ws.ws_col as usize);
        }
    }
    None
}

fn history_path() -> Option<std::path::PathBuf> {
    std::env::var_os("CONCH_HISTORY")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".conch_history"))
        })
}

/// Runs the REPL on the current realm until `.exit` or end of input; the exit status.
pub fn run(cx: &mut Cx, test262: bool) -> u8 {
    let _guard = SigintGuard::install(cx.rt.disabled_flag().clone());
    // SAFETY (for the raw pointer below and its copies): `cx` outlives this function; the
    // REPL and the completer use it one at a time.
    let cx: *mut Cx = cx;
    let mut ed = match rustyline::Editor::<Completion, rustyline::history::DefaultHistory>::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("conch: cannot start the REPL: {e}");
            return 2;
        }
    };
    ed.set_helper(Some(Completion { cx }));
    let history = history_path();
    if let Some(h) = &history {
        let _ = ed.load_history(h);
    }
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        println!(
            "Welcome to conch {}.\nType \".help\" for more information.",
            env!("CARGO_PKG_VERSION")
        );
    }
    let mut repl = Repl {
        cx,
        n: 0,
        colors: crate::console::use_colors(false),
        test262,
    };
    let mut buffer = String::new();
    let mut interrupted = false;
    loop {
        let prompt = if buffer.is_empty() { "> " } else { "... " };
        match ed.readline(prompt) {
            Ok(line) => {
                interrupted = false;
                if buffer.is_empty() && line.trim_start().starts_with('.') {
                    let l = line.trim();
                    let _ = ed.add_history_entry(l);
                    if !repl.command(l) {
                        break;
                    }
                    continue;
                }
                buffer.push_str(&line);
                buffer.push('\n');
                if is_incomplete(&buffer) {
                    continue;
                }
                let text = std::mem::take(&mut buffer);
                if text.trim().is_empty() {
                    continue;
                }
                let _ = ed.add_history_entry(text.trim_end());
                if let Some(h) = &history {
                    let _ = ed.save_history(h);
                }
                repl.eval(&text, None);
            }
            Err(ReadlineError::Interrupted) => {
                if !buffer.is_empty() {
                    buffer.clear();
                    interrupted = false;
                    continue;
                }
                if interrupted {
                    break;
                }
                interrupted = true;
                println!("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
            }
            Err(ReadlineError::Eof) => {
                if !buffer.is_empty() {
                    let text = std::mem::take(&mut buffer);
                    repl.eval(&text, None);
                }
                break;
            }
            Err(e) => {
                eprintln!("conch: {e}");
                return 2;
            }
        }
    }
    if interactive {
        println!();
    }
    0
}

/// Tab completion: global names (and keywords), or after `a.b.` the property names of the
/// object that chain names — read as data properties along prototype chains, so no getter runs.
struct Completion<'rt> {
    cx: *const Cx<'rt>,
}

const KEYWORDS: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "null",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// String keys of `o` and its prototypes.
fn chain_names(cx: &Cx, o: Gc<Object>, out: &mut Vec<String>) {
    let mut cur = Some(o);
    let mut n = 0;
    while let Some(c) = cur {
        if let Ok(keys) = ops::ordinary_own_property_keys(cx, c) {
            for k in keys.iter() {
                if let Some(a) = PropertyKey::from_raw(k).as_atom() {
                    if let Ok(s) = crate::inspect::rust_string(cx, a) {
                        out.push(s);
                    }
                }
            }
        }
        n += 1;
        if n > 100 {
            break;
        }
        cur = Object::from_value(c.prototype());
    }
}

/// A data property of `o` or its prototypes.
fn data_property(cx: &Cx, o: Gc<Object>, name: &str) -> Option<Value> {
    let k = cx.rt.key(name).ok()?;
    let mut cur = Some(o);
    let mut n = 0;
    while let Some(c) = cur {
        if let Some(d) = ops::ordinary_get_own_property(cx, c, k).ok()? {
            return d.value;
        }
        n += 1;
        if n > 100 {
            return None;
        }
        cur = Object::from_value(c.prototype());
    }
    None
}

/// Completions of the word before the cursor: (where it starts, candidates).
fn complete(cx: &Cx, before: &str) -> (usize, Vec<String>) {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let prefix = &before[start..];
    let mut names = Vec::new();
    let lexicals = cx
        .realm
        .intrinsic_object(conch_vm::Intrinsic::GlobalLexicals);
    let global = Object::from_value(cx.realm.global()).expect("global");
    if let Some(chain) = before[..start].strip_suffix('.') {
        let from = chain
            .char_indices()
            .rev()
            .find(|&(_, c)| !(is_word(c) || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut parts = chain[from..].split('.');
        let first = parts.next().unwrap_or("");
        let mut v = data_property(cx, lexicals, first).or_else(|| data_property(cx, global, first));
        for p in parts {
            v = v
                .and_then(Object::from_value)
                .and_then(|o| data_property(cx, o, p));
        }
        let Some(o) = v.and_then(Object::from_value) else {
            return (start, Vec::new());
        };
        chain_names(cx, o, &mut names);
    } else {
        chain_names(cx, lexicals, &mut names);
        chain_names(cx, global, &mut names);
        names.extend(KEYWORDS.iter().map(|k| k.to_string()));
    }
    names.retain(|n| n.starts_with(prefix) && n.chars().all(is_word) && !n.is_empty());
    names.sort();
    names.dedup();
    (start, names)
}

impl rustyline::completion::Completer for Completion<'_> {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        // SAFETY: called inside `readline`, while no evaluation uses the context.
        let cx = unsafe { &*self.cx };
        Ok(complete(cx, &line[..pos]))
    }
}

impl rustyline::hint::Hinter for Completion<'_> {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for Completion<'_> {}
impl rustyline::validate::Validator for Completion<'_> {}
impl rustyline::Helper for Completion<'_> {}
