//! `conch-test262`: runs a test262 checkout against Conch.
//!
//! ```text
//! conch-test262 [--test262 DIR] [--parse-only] [--engine CMD] [--timeout SECS] [--prelude]
//!               [--threads N] [--json FILE] [--baseline FILE] [--write-baseline FILE] [-v]
//!               [PATH...]
//! ```
//!
//! The checkout comes from `--test262` or `TEST262_DIR`. PATHs (relative to the checkout, or
//! absolute) select tests; the default is `test/language`, `test/built-ins` and `test/annexB`.
//! `*_FIXTURE.js` files are not tests.
//!
//! Execution mode (the default) runs every test in each mode its flags ask for, each run a
//! separate engine process (`ENGINE --test262 [--module] FILE`, the contract in README.md).
//! Parse-only mode (`--parse-only`) runs the parser in-process: a test whose
//! `negative.phase` is `parse` must be rejected with a SyntaxError, every other test must
//! parse; it skips tests using a stage-3 feature ("Proposed language features" in
//! `features.txt`), which execution mode runs and reports as a group of their own.

mod baseline;
mod exec;
mod frontmatter;
mod parse_only;
mod report;

use conch_mm::MemoryManager;
use frontmatter::Mode;
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The outcome of one run (execution mode: a test in one mode; parse-only: all its modes).
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Path relative to the checkout.
    pub path: String,
    /// The mode of this run; None in parse-only mode.
    pub mode: Option<Mode>,
    /// A negative test (expected to throw; parse-only: to be rejected).
    pub negative: bool,
    /// Passed.
    pub passed: bool,
    /// Skipped (parse-only: stage-3 feature).
    pub skipped: bool,
    /// Uses a stage-3 feature.
    pub stage3: bool,
    /// Why it failed.
    pub detail: String,
}

impl Outcome {
    /// A failed outcome with no detail yet.
    pub fn new(path: String, mode: Option<Mode>) -> Outcome {
        Outcome {
            path,
            mode,
            negative: false,
            passed: false,
            skipped: false,
            stage3: false,
            detail: String::new(),
        }
    }
}

const USAGE: &str = "usage: conch-test262 [--test262 DIR] [--parse-only] [--engine CMD] \
[--timeout SECS] [--prelude] [--threads N] [--json FILE] [--baseline FILE] \
[--write-baseline FILE] [-v] [PATH...]";

struct Config {
    root: PathBuf,
    paths: Vec<PathBuf>,
    json: Option<PathBuf>,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    threads: usize,
    verbose: bool,
    /// None: parse-only mode.
    exec: Option<exec::ExecConfig>,
}

fn default_engine() -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own executable: {e}"))?;
    let conch = exe
        .with_file_name(format!("conch{}", std::env::consts::EXE_SUFFIX))
        .to_string_lossy()
        .into_owned();
    Ok(conch)
}

fn parse_args() -> Result<Config, String> {
    let mut root = std::env::var_os("TEST262_DIR").map(PathBuf::from);
    let mut paths = Vec::new();
    let (mut json, mut baseline, mut write_baseline, mut engine) = (None, None, None, None);
    let mut threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let (mut verbose, mut parse_only, mut prelude) = (false, false, false);
    let mut timeout = Duration::from_secs(10);
    let mut args = std::env::args().skip(1);
    let value = |args: &mut dyn Iterator<Item = String>, what: &str| {
        args.next().ok_or_else(|| format!("{what} needs a value"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--test262" => root = Some(PathBuf::from(value(&mut args, &a)?)),
            "--json" => json = Some(PathBuf::from(value(&mut args, &a)?)),
            "--baseline" => baseline = Some(PathBuf::from(value(&mut args, &a)?)),
            "--write-baseline" => write_baseline = Some(PathBuf::from(value(&mut args, &a)?)),
            "--engine" => engine = Some(value(&mut args, &a)?),
            "--timeout" => {
                let secs: f64 = value(&mut args, &a)?
                    .parse()
                    .map_err(|_| "--timeout needs a number of seconds")?;
                timeout = Duration::try_from_secs_f64(secs)
                    .ok()
                    .filter(|d| !d.is_zero())
                    .ok_or("--timeout needs a positive number of seconds")?;
            }
            "--threads" | "-j" => {
                threads = value(&mut args, &a)?
                    .parse()
                    .map_err(|_| "--threads needs a number")?
            }
            "--parse-only" => parse_only = true,
            "--prelude" => prelude = true,
            "-v" | "--verbose" => verbose = true,
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
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
    let exec = if parse_only {
        None
    } else {
        let spec = match engine {
            Some(e) => e,
            None => default_engine()?,
        };
        let engine = exec::Engine::parse(&spec)?;
        if engine.program.components().count() > 1 && !engine.program.is_file() {
            return Err(format!(
                "engine {} not found (build it, or pass --engine)",
                engine.program.display()
            ));
        }
        Some(exec::ExecConfig {
            root: root.clone(),
            engine,
            timeout,
            prelude,
        })
    };
    Ok(Config {
        root,
        paths,
        json,
        baseline,
        write_baseline,
        threads: threads.max(1),
        verbose,
        exec,
    })
}

/// Whether a file is a test (not a fixture, not a runner's temporary file).
fn is_test(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".js") && !name.ends_with("_FIXTURE.js") && !name.contains(exec::TEMP_MARKER)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        if is_test(dir) {
            out.push(dir.to_path_buf());
        }
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
        } else if is_test(&p) {
            out.push(p);
        } else if exec::is_stale_temp(&p) {
            // Left behind by an interrupted run (its runner no longer exists).
            let _ = std::fs::remove_file(&p);
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

/// Runs one test file: one outcome per run.
fn run_file(
    cfg: &Config,
    mm: &Arc<MemoryManager>,
    harness: &mut HashMap<String, String>,
    path: &Path,
    proposed: &[String],
) -> Vec<Outcome> {
    let rel = path
        .strip_prefix(&cfg.root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            let mut o = Outcome::new(rel, None);
            o.detail = format!("read error: {e}");
            return vec![o];
        }
    };
    let meta = frontmatter::Meta::parse(&source);
    let stage3 = meta.features.iter().any(|f| proposed.contains(f));
    match &cfg.exec {
        Some(ec) => exec::run_test(ec, harness, path, &rel, &source, stage3),
        None => vec![parse_only::run_test(mm, rel, &source, stage3)],
    }
}

fn main() -> ExitCode {
    let cfg = match parse_args() {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("conch-test262: {e}");
            return ExitCode::from(2);
        }
    };
    let baseline = match &cfg.baseline {
        None => None,
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| baseline::parse(&t))
        {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("conch-test262: {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
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
    let started = Instant::now();
    let proposed = Arc::new(proposed_features(&cfg.root));
    let files = Arc::new(files);
    let next = Arc::new(AtomicUsize::new(0));
    let results = Arc::new(Mutex::new(Vec::with_capacity(files.len())));
    let progress = cfg.exec.is_some() && std::io::stderr().is_terminal();
    // Panics are caught per test and reported as failures; keep their messages quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let mut handles = Vec::new();
    for _ in 0..cfg.threads {
        let (files, next, results, proposed, cfg) = (
            files.clone(),
            next.clone(),
            results.clone(),
            proposed.clone(),
            cfg.clone(),
        );
        let h = std::thread::Builder::new()
            .stack_size(16 * 1024 * 1024)
            .spawn(move || {
                let mm = MemoryManager::new();
                let mut harness = HashMap::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let o = run_file(&cfg, &mm, &mut harness, path, &proposed);
                    results.lock().unwrap_or_else(|e| e.into_inner()).extend(o);
                    if progress && i % 100 == 0 {
                        eprint!("\r{i}/{} files", files.len());
                    }
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
    if progress {
        eprintln!();
    }
    let mut results = std::mem::take(&mut *results.lock().unwrap_or_else(|e| e.into_inner()));
    results.sort_by(|a, b| (&a.path, a.mode).cmp(&(&b.path, b.mode)));
    report::print(&results, cfg.verbose, cfg.exec.is_some());
    println!("time: {:.1} s", started.elapsed().as_secs_f64());
    let writes = [
        (&cfg.json, report::json(&results)),
        (&cfg.write_baseline, baseline::write(&results)),
    ];
    for (path, text) in writes {
        if let Some(path) = path {
            if let Err(e) = std::fs::write(path, text) {
                eprintln!("conch-test262: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    match baseline {
        Some(b) => check_baseline(&b, &results),
        None if results.iter().all(|r| r.passed) => ExitCode::SUCCESS,
        None => ExitCode::from(1),
    }
}

/// Prints the differences from the baseline; fails on a regression.
fn check_baseline(b: &BTreeSet<String>, results: &[Outcome]) -> ExitCode {
    let d = baseline::diff(b, results);
    for p in &d.unexpected_passes {
        println!("UNEXPECTED PASS {p}");
    }
    let details: HashMap<String, &str> = results
        .iter()
        .map(|o| (baseline::key(o), o.detail.as_str()))
        .collect();
    for r in &d.regressions {
        println!("REGRESSION {r}: {}", details.get(r).copied().unwrap_or(""));
    }
    println!(
        "baseline: {} regressions, {} unexpected passes (remove them from the baseline)",
        d.regressions.len(),
        d.unexpected_passes.len()
    );
    if d.regressions.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::is_test;
    use std::path::Path;

    #[test]
    fn tests_are_js_files_but_not_fixtures_or_temporaries() {
        assert!(is_test(Path::new("test/language/a.js")));
        assert!(!is_test(Path::new("test/language/a_FIXTURE.js")));
        assert!(!is_test(Path::new("test/language/a.json")));
        assert!(!is_test(Path::new(
            "test/language/a.conch-t262-tmp-12-0.js"
        )));
    }
}
