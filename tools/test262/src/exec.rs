//! Execution mode: each run of a test is a separate engine process
//! (`ENGINE --test262 [--module] [--prelude FILE]... FILE`, see README.md for the contract).

use crate::frontmatter::{Meta, Mode};
use crate::Outcome;
use std::collections::HashMap;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Marker in the names of the temporary files the runner writes next to tests.
pub const TEMP_MARKER: &str = ".conch-t262-tmp-";

/// Most bytes kept of an engine's stdout or stderr (the rest is read and dropped).
const OUTPUT_CAP: usize = 1 << 20;

/// The engine command: a program and the arguments that come before ours.
#[derive(Clone, Debug)]
pub struct Engine {
    /// Program to run.
    pub program: PathBuf,
    /// Leading arguments (e.g. the adapter script for `node adapter.js`).
    pub args: Vec<String>,
}

impl Engine {
    /// `spec` is a path (used as is if it names a file) or a command line split at whitespace.
    pub fn parse(spec: &str) -> Result<Engine, String> {
        if Path::new(spec).is_file() {
            return Ok(Engine {
                program: PathBuf::from(spec),
                args: Vec::new(),
            });
        }
        let mut words = spec.split_whitespace().map(str::to_string);
        let program = words.next().ok_or("--engine: empty command")?;
        Ok(Engine {
            program: PathBuf::from(program),
            args: words.collect(),
        })
    }
}

/// Settings of an execution run.
#[derive(Clone, Debug)]
pub struct ExecConfig {
    /// The checkout (its `harness/` directory).
    pub root: PathBuf,
    /// The engine command.
    pub engine: Engine,
    /// Per-run timeout; the process (group) is killed when it is reached.
    pub timeout: Duration,
    /// Pass harness files as `--prelude FILE` instead of concatenating them with the test.
    pub prelude: bool,
}

/// How an engine process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Exited with this code.
    Code(i32),
    /// Killed by this signal (a crash).
    Signal(i32),
    /// Did not finish in time (killed by the runner).
    Timeout,
}

/// What one engine process did.
#[derive(Clone, Debug)]
pub struct Run {
    /// How it ended.
    pub exit: Exit,
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
}

/// The error name in the first line of the engine's stderr: `TypeError` in
/// `TypeError: message` (or a bare `TypeError`); None for `Uncaught VALUE` and anything else.
pub fn error_name(first_line: &str) -> Option<&str> {
    let line = first_line.trim_end();
    let name = match line.split_once(':') {
        Some((name, _)) => name,
        None => line,
    };
    let mut chars = name.chars();
    let first = chars.next()?;
    let ident = (first.is_alphabetic() || first == '_' || first == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    (ident && name != "Uncaught").then_some(name)
}

/// Whether `run` passes, given the test's metadata: Ok, or why it failed.
pub fn judge(meta: &Meta, run: &Run) -> Result<(), String> {
    let first = run.stderr.lines().next().unwrap_or("").trim_end();
    let code = match run.exit {
        Exit::Timeout => return Err("timeout".into()),
        Exit::Signal(s) => return Err(format!("crashed (signal {s}); stderr: {first}")),
        Exit::Code(c @ (0 | 1)) => c,
        Exit::Code(c) => return Err(format!("exit code {c}; stderr: {first}")),
    };
    if code == 1 && first == "Error: Out of memory" {
        return Err("out of memory".into());
    }
    if let Some(ty) = meta.negative_type.as_deref() {
        let phase = meta.negative_phase.as_deref().unwrap_or("?");
        if code == 0 {
            return Err(format!("expected {ty} ({phase}), completed normally"));
        }
        return match error_name(first) {
            Some(name) if name == ty => Ok(()),
            _ if first.is_empty() => Err(format!("expected {ty} ({phase}), exit 1, empty stderr")),
            _ => Err(format!("expected {ty} ({phase}), got: {first}")),
        };
    }
    if code == 1 {
        return Err(if first.is_empty() {
            "exit 1, empty stderr".into()
        } else {
            first.to_string()
        });
    }
    if meta.has_flag("async") {
        let lines = || run.stdout.lines().map(str::trim_end);
        if let Some(failure) = lines().find(|l| l.starts_with("Test262:AsyncTestFailure")) {
            return Err(failure.to_string());
        }
        if !lines().any(|l| l == "Test262:AsyncTestComplete") {
            return Err("async test did not print Test262:AsyncTestComplete".into());
        }
    }
    Ok(())
}

/// Harness files for a test, in order: `assert.js`, `sta.js`, `doneprintHandle.js` for async
/// tests, then `includes`; none for `raw` tests.
pub fn harness_files(meta: &Meta) -> Vec<String> {
    if meta.has_flag("raw") {
        return Vec::new();
    }
    let mut files: Vec<String> = vec!["assert.js".into(), "sta.js".into()];
    if meta.has_flag("async") {
        files.push("doneprintHandle.js".into());
    }
    for inc in &meta.includes {
        if !files.contains(inc) {
            files.push(inc.clone());
        }
    }
    files
}

/// A temporary file, removed when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `text` next to `test` (so that `./x_FIXTURE.js` imports resolve as for the test),
/// under a name no other run uses and that the collector never takes for a test.
fn write_temp(test: &Path, text: &str) -> std::io::Result<TempFile> {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let stem = test.file_stem().unwrap_or_default().to_string_lossy();
    let name = format!("{stem}{TEMP_MARKER}{}-{n}.js", std::process::id());
    let path = test.with_file_name(name);
    std::fs::write(&path, text)?;
    Ok(TempFile(path))
}

/// Whether `path` is a temporary file of a runner process that no longer exists (left behind
/// by an interrupted run).
pub fn is_stale_temp(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let Some((_, rest)) = name.split_once(TEMP_MARKER) else {
        return false;
    };
    let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    cfg!(target_os = "linux") && !Path::new(&format!("/proc/{pid}")).exists()
}

/// Reads `r` to the end on a thread, keeping at most [`OUTPUT_CAP`] bytes.
fn drain<R: Read + Send + 'static>(mut r: R) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        let _ = tx.send(kept);
    });
    rx
}

/// Kills the process group `pgid` (the engine and anything it started).
fn kill_group(pgid: u32) {
    let Ok(pgid) = i32::try_from(pgid) else {
        return;
    };
    // SAFETY: kill(2) has no memory-safety preconditions; the group is the one the runner
    // created for this child (process_group(0)), and the child is not reaped yet, so its id
    // cannot have been reused.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

/// Runs `cmd` with a timeout, collecting its output.
pub fn run_process(mut cmd: Command, timeout: Duration) -> std::io::Result<Run> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let out = drain(child.stdout.take().expect("piped stdout"));
    let err = drain(child.stderr.take().expect("piped stderr"));
    let mut nap = Duration::from_micros(200);
    let exit = loop {
        let status = match child.try_wait() {
            Ok(s) => s,
            Err(e) => {
                kill_group(child.id());
                let _ = child.wait();
                return Err(e);
            }
        };
        if let Some(status) = status {
            break match (status.code(), status.signal()) {
                (Some(c), _) => Exit::Code(c),
                (None, Some(s)) => Exit::Signal(s),
                (None, None) => Exit::Code(-1),
            };
        }
        if start.elapsed() >= timeout {
            kill_group(child.id());
            let _ = child.wait();
            break Exit::Timeout;
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(10));
    };
    // Output is complete once every writer has closed the pipes; something the engine left
    // running may keep them open, so wait only a little.
    let grace = Duration::from_secs(1);
    let text = |rx: mpsc::Receiver<Vec<u8>>| {
        String::from_utf8_lossy(&rx.recv_timeout(grace).unwrap_or_default()).into_owned()
    };
    Ok(Run {
        exit,
        stdout: text(out),
        stderr: text(err),
    })
}

/// Runs a test once per mode its flags ask for; `harness` caches harness file contents.
pub fn run_test(
    cfg: &ExecConfig,
    harness: &mut HashMap<String, String>,
    path: &Path,
    rel: &str,
    source: &str,
    stage3: bool,
) -> Vec<Outcome> {
    let meta = Meta::parse(source);
    let negative = meta.negative_type.is_some();
    meta.modes()
        .into_iter()
        .map(|mode| {
            let mut out = Outcome::new(rel.to_string(), Some(mode));
            out.negative = negative;
            out.stage3 = stage3;
            match run_mode(cfg, harness, &meta, path, source, mode) {
                Ok(()) => out.passed = true,
                Err(e) => out.detail = e,
            }
            out
        })
        .collect()
}

fn run_mode(
    cfg: &ExecConfig,
    harness: &mut HashMap<String, String>,
    meta: &Meta,
    path: &Path,
    source: &str,
    mode: Mode,
) -> Result<(), String> {
    let files = harness_files(meta);
    let harness_dir = cfg.root.join("harness");
    let mut cmd = Command::new(&cfg.engine.program);
    cmd.args(&cfg.engine.args).arg("--test262");
    if mode == Mode::Module {
        cmd.arg("--module");
    }
    let strict = if mode == Mode::Strict {
        "\"use strict\";\n"
    } else {
        ""
    };
    let temp;
    // Modules always get the harness as preludes: a test that imports itself (or is imported
    // by its fixtures) must see its own file, and the harness is global script code anyway.
    let file: &Path = if cfg.prelude || mode == Mode::Module {
        for f in &files {
            cmd.arg("--prelude").arg(harness_dir.join(f));
        }
        if strict.is_empty() {
            path
        } else {
            temp = write_temp(path, &format!("{strict}{source}"))
                .map_err(|e| format!("cannot write a temporary file: {e}"))?;
            &temp.0
        }
    } else if files.is_empty() && strict.is_empty() {
        path
    } else {
        let mut text = String::from(strict);
        for f in &files {
            if !harness.contains_key(f) {
                let body = std::fs::read_to_string(harness_dir.join(f))
                    .map_err(|e| format!("harness/{f}: {e}"))?;
                harness.insert(f.clone(), body);
            }
            text.push_str(&harness[f]);
            text.push('\n');
        }
        text.push_str(source);
        temp =
            write_temp(path, &text).map_err(|e| format!("cannot write a temporary file: {e}"))?;
        &temp.0
    };
    cmd.arg(file);
    let run = run_process(cmd, cfg.timeout).map_err(|e| {
        format!(
            "cannot start the engine {}: {e}",
            cfg.engine.program.display()
        )
    })?;
    judge(meta, &run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(yaml: &str) -> Meta {
        Meta::parse(&format!("/*---\n{yaml}\n---*/\n"))
    }

    fn run(exit: Exit, stdout: &str, stderr: &str) -> Run {
        Run {
            exit,
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    #[test]
    fn error_names() {
        assert_eq!(
            error_name("TypeError: x is not a function"),
            Some("TypeError")
        );
        assert_eq!(
            error_name("Test262Error: Expected SameValue"),
            Some("Test262Error")
        );
        assert_eq!(error_name("SyntaxError"), Some("SyntaxError"));
        assert_eq!(error_name("Uncaught 42"), None);
        assert_eq!(
            error_name("Uncaught Test262: This statement should not be evaluated."),
            None
        );
        assert_eq!(error_name("Uncaught: x"), None);
        assert_eq!(error_name("thread 'main' panicked at x.rs:1:1:"), None);
        assert_eq!(error_name(""), None);
    }

    #[test]
    fn positive_tests() {
        let m = meta("description: x");
        assert!(judge(&m, &run(Exit::Code(0), "", "")).is_ok());
        let e = judge(
            &m,
            &run(Exit::Code(1), "", "Test262Error: boom\n    at x.js:1:1\n"),
        );
        assert_eq!(e.unwrap_err(), "Test262Error: boom");
        assert_eq!(
            judge(&m, &run(Exit::Timeout, "", "")).unwrap_err(),
            "timeout"
        );
        assert!(judge(&m, &run(Exit::Signal(11), "", ""))
            .unwrap_err()
            .contains("signal 11"));
        assert!(judge(&m, &run(Exit::Code(101), "", "panicked"))
            .unwrap_err()
            .contains("exit code 101"));
        let oom = run(Exit::Code(1), "", "Error: Out of memory\n");
        assert_eq!(judge(&m, &oom).unwrap_err(), "out of memory");
    }

    #[test]
    fn negative_tests() {
        let parse = meta("negative:\n  phase: parse\n  type: SyntaxError");
        let syntax = run(
            Exit::Code(1),
            "",
            "SyntaxError: unexpected token\n    at t.js:3:5\n",
        );
        assert!(judge(&parse, &syntax).is_ok());
        assert!(judge(&parse, &run(Exit::Code(0), "", ""))
            .unwrap_err()
            .contains("completed normally"));
        let dne = run(
            Exit::Code(1),
            "",
            "Uncaught Test262: This statement should not be evaluated.\n",
        );
        assert!(judge(&parse, &dne).is_err());
        let wrong = run(Exit::Code(1), "", "ReferenceError: x is not defined\n");
        assert!(judge(&parse, &wrong)
            .unwrap_err()
            .contains("got: ReferenceError"));
        // A crash is never the expected error, even with the right text.
        assert!(judge(&parse, &run(Exit::Signal(6), "", "SyntaxError: x\n")).is_err());
        assert!(judge(&parse, &run(Exit::Code(2), "", "SyntaxError: x\n")).is_err());
        let runtime =
            meta("negative:\n  phase: runtime\n  type: ReferenceError\nflags: [onlyStrict]");
        assert!(judge(&runtime, &wrong).is_ok());
        assert!(judge(&runtime, &syntax).is_err());
        let resolution =
            meta("negative:\n  phase: resolution\n  type: SyntaxError\nflags: [module]");
        assert!(judge(&resolution, &syntax).is_ok());
        let t262 = meta("negative:\n  phase: runtime\n  type: Test262Error");
        assert!(judge(&t262, &run(Exit::Code(1), "", "Test262Error: \n")).is_ok());
        assert!(judge(&t262, &run(Exit::Code(1), "", "Test262Error\n")).is_ok());
    }

    #[test]
    fn async_tests() {
        let m = meta("flags: [async]");
        assert!(judge(&m, &run(Exit::Code(0), "Test262:AsyncTestComplete\n", "")).is_ok());
        assert!(judge(
            &m,
            &run(Exit::Code(0), "other\nTest262:AsyncTestComplete\r\n", "")
        )
        .is_ok());
        assert!(judge(&m, &run(Exit::Code(0), "", ""))
            .unwrap_err()
            .contains("did not print"));
        let failed = "Test262:AsyncTestFailure:Test262Error: nope\nTest262:AsyncTestComplete\n";
        let e = judge(&m, &run(Exit::Code(0), failed, "")).unwrap_err();
        assert_eq!(e, "Test262:AsyncTestFailure:Test262Error: nope");
        let thrown = run(
            Exit::Code(1),
            "Test262:AsyncTestComplete\n",
            "TypeError: late\n",
        );
        assert_eq!(judge(&m, &thrown).unwrap_err(), "TypeError: late");
    }

    #[test]
    fn harness_file_lists() {
        assert_eq!(harness_files(&meta("flags: [raw]")), Vec::<String>::new());
        assert_eq!(
            harness_files(&meta("description: x")),
            ["assert.js", "sta.js"]
        );
        let m = meta("includes: [asyncHelpers.js, sta.js]\nflags: [async, module]");
        assert_eq!(
            harness_files(&m),
            [
                "assert.js",
                "sta.js",
                "doneprintHandle.js",
                "asyncHelpers.js"
            ]
        );
    }

    #[test]
    fn engine_commands() {
        let e = Engine::parse("node tools/test262/node-adapter.js").unwrap();
        assert_eq!(e.program, PathBuf::from("node"));
        assert_eq!(e.args, ["tools/test262/node-adapter.js"]);
        assert!(Engine::parse("  ").is_err());
    }

    #[test]
    fn processes_exit_crash_and_timeout() {
        let sh = |script: &str| {
            let mut c = Command::new("sh");
            c.arg("-c").arg(script);
            c
        };
        let r = run_process(
            sh("echo out; echo err >&2; exit 1"),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(
            (r.exit, r.stdout.as_str(), r.stderr.as_str()),
            (Exit::Code(1), "out\n", "err\n")
        );
        let r = run_process(sh("kill -SEGV $$"), Duration::from_secs(10)).unwrap();
        assert_eq!(r.exit, Exit::Signal(libc::SIGSEGV));
        // The grandchild (sleep) holds the pipes; killing the group ends it too.
        let t = Instant::now();
        let r = run_process(sh("sleep 30 & sleep 30"), Duration::from_millis(200)).unwrap();
        assert_eq!(r.exit, Exit::Timeout);
        assert!(t.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn stale_temp_names() {
        let live = format!("a{TEMP_MARKER}{}-3.js", std::process::id());
        assert!(!is_stale_temp(Path::new(&live)));
        assert!(!is_stale_temp(Path::new("a.js")));
        if cfg!(target_os = "linux") {
            // Far above any pid_max.
            assert!(is_stale_temp(Path::new(&format!(
                "a{TEMP_MARKER}4000000000-1.js"
            ))));
        }
    }
}
