//! `conch-test262`: runs a test262 checkout against Conch.
//!
//! ```text
//! conch-test262 [--test262 DIR] [--parse-only] [--json FILE] [--threads N] [-v] [PATH...]
//! ```
//!
//! The checkout comes from `--test262` or `TEST262_DIR`. PATHs (relative to the checkout, or
//! absolute) select tests; the default is `test/language`, `test/built-ins` and `test/annexB`.
//! `*_FIXTURE.js` files are not tests; tests whose `features` are in the "Proposed language
//! features" (stage 3) section of `features.txt` are skipped.
//!
//! Parse-only mode (the only mode so far): a test whose `negative.phase` is `parse` must be
//! rejected with a SyntaxError; every other test must parse, once per mode its flags call for
//! (`module`: as a module; `raw`: unmodified; `onlyStrict`: with `"use strict";` prepended;
//! `noStrict`: as is; otherwise both).

mod frontmatter;
mod report;

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, ErrorKind, Options, SourceType};
use frontmatter::Meta;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The outcome of one test (all its modes).
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Path relative to the checkout.
    pub path: String,
    /// Expected to fail parsing.
    pub negative: bool,
    /// Passed in every mode.
    pub passed: bool,
    /// Skipped (stage-3 feature).
    pub skipped: bool,
    /// Why it failed.
    pub detail: String,
}

struct Config {
    root: PathBuf,
    paths: Vec<PathBuf>,
    json: Option<PathBuf>,
    threads: usize,
    verbose: bool,
}

fn parse_args() -> Result<Config, String> {
    let mut root = std::env::var_os("TEST262_DIR").map(PathBuf::from);
    let mut paths = Vec::new();
    let mut json = None;
    let mut threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--test262" => root = Some(PathBuf::from(args.next().ok_or("--test262 needs a directory")?)),
            "--json" => json = Some(PathBuf::from(args.next().ok_or("--json needs a file")?)),
            "--threads" | "-j" => {
                threads = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--threads needs a number")?
            }
            "--parse-only" => {}
            "-v" | "--verbose" => verbose = true,
            "-h" | "--help" => {
                return Err("usage: conch-test262 [--test262 DIR] [--parse-only] [--json FILE] [--threads N] [-v] [PATH...]".into())
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => paths.push(PathBuf::from(s)),
        }
    }
    let root = root.ok_or("no test262 checkout: pass --test262 DIR or set TEST262_DIR")?;
    if !root.join("test").is_dir() {
        return Err(format!(
            "{}: not a test262 checkout (no test/ directory)",
            root.display()
        ));
    }
    if paths.is_empty() {
        paths = ["test/language", "test/built-ins", "test/annexB"]
            .iter()
            .map(PathBuf::from)
            .collect();
    }
    Ok(Config {
        root,
        paths,
        json,
        threads: threads.max(1),
        verbose,
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "js")
            && !p.to_string_lossy().ends_with("_FIXTURE.js")
        {
            out.push(p);
        }
    }
}

/// Stage-3 feature names from features.txt.
fn proposed_features(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("features.txt")).unwrap_or_default();
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let l = line.trim();
        // Section headers are "## ... features"; other "##" lines are comments.
        if l.starts_with("## ") && l.to_ascii_lowercase().ends_with("features") {
            inside = l.contains("Proposed language features");
            continue;
        }
        if inside && !l.is_empty() && !l.starts_with('#') {
            if let Some(name) = l.split_whitespace().next() {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Parses `source`; Ok(()) or the error text.
fn try_parse(
    mm: &Arc<MemoryManager>,
    source: &str,
    module: bool,
) -> Result<(), (ErrorKind, String)> {
    let arena = Arena::new(mm.clone());
    let options = Options {
        source_type: if module {
            SourceType::Module
        } else {
            SourceType::Script
        },
        strict: module,
    };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse(source, &arena, options)
            .map(|_| ())
            .map_err(|e| (e.kind, e.to_string()))
    }));
    match r {
        Ok(r) => r,
        Err(_) => Err((ErrorKind::SyntaxError, "PANIC".to_string())),
    }
}

fn run_test(mm: &Arc<MemoryManager>, root: &Path, path: &Path, proposed: &[String]) -> Outcome {
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let mut out = Outcome {
        path: rel,
        negative: false,
        passed: false,
        skipped: false,
        detail: String::new(),
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            out.detail = format!("read error: {e}");
            return out;
        }
    };
    let meta = Meta::parse(&source);
    if meta.features.iter().any(|f| proposed.contains(f)) {
        out.skipped = true;
        out.passed = true;
        return out;
    }
    out.negative = meta.negative_phase.as_deref() == Some("parse");
    let has = |f: &str| meta.flags.iter().any(|x| x == f);
    let mut modes: Vec<(bool, bool)> = Vec::new(); // (module, strict prefix)
    if has("module") {
        modes.push((true, false));
    } else if has("raw") || has("noStrict") {
        modes.push((false, false));
    } else if has("onlyStrict") {
        modes.push((false, true));
    } else {
        modes.push((false, false));
        modes.push((false, true));
    }
    let mut ok = true;
    for (module, strict) in modes {
        let text;
        let src = if strict {
            text = format!("\"use strict\";\n{source}");
            text.as_str()
        } else {
            source.as_str()
        };
        let r = try_parse(mm, src, module);
        let mode = if module {
            "module"
        } else if strict {
            "strict"
        } else {
            "sloppy"
        };
        match (&r, out.negative) {
            (Ok(()), true) => {
                ok = false;
                out.detail = format!("[{mode}] parsed, expected SyntaxError");
            }
            (Err((_, msg)), false) => {
                ok = false;
                out.detail = format!("[{mode}] {msg}");
            }
            (Err((kind, msg)), true) if *kind != ErrorKind::SyntaxError || msg == "PANIC" => {
                ok = false;
                out.detail = format!("[{mode}] {msg}");
            }
            _ => {}
        }
        if !ok {
            break;
        }
    }
    out.passed = ok;
    out
}

fn main() -> ExitCode {
    let cfg = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("conch-test262: {e}");
            return ExitCode::from(2);
        }
    };
    let mut files = Vec::new();
    for p in &cfg.paths {
        let full = if p.is_absolute() {
            p.clone()
        } else {
            cfg.root.join(p)
        };
        collect(&full, &mut files);
    }
    let proposed = Arc::new(proposed_features(&cfg.root));
    let files = Arc::new(files);
    let next = Arc::new(AtomicUsize::new(0));
    let results = Arc::new(Mutex::new(Vec::with_capacity(files.len())));
    // Panics are caught per test and reported as failures; keep their messages quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let mut handles = Vec::new();
    for _ in 0..cfg.threads {
        let (files, next, results, proposed, root) = (
            files.clone(),
            next.clone(),
            results.clone(),
            proposed.clone(),
            cfg.root.clone(),
        );
        let h = std::thread::Builder::new()
            .stack_size(16 * 1024 * 1024)
            .spawn(move || {
                let mm = MemoryManager::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let o = run_test(&mm, &root, path, &proposed);
                    results.lock().unwrap_or_else(|e| e.into_inner()).push(o);
                }
            });
        match h {
            Ok(h) => handles.push(h),
            Err(e) => {
                eprintln!("conch-test262: cannot start a thread: {e}");
                return ExitCode::from(2);
            }
        }
    }
    for h in handles {
        let _ = h.join();
    }
    let mut results = std::mem::take(&mut *results.lock().unwrap_or_else(|e| e.into_inner()));
    results.sort_by(|a, b| a.path.cmp(&b.path));
    report::print(&results, cfg.verbose);
    if let Some(json) = &cfg.json {
        if let Err(e) = std::fs::write(json, report::json(&results)) {
            eprintln!("conch-test262: {}: {e}", json.display());
            return ExitCode::from(2);
        }
    }
    if results.iter().all(|r| r.passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
