//! End-to-end JS tests: runs every `tests/js/**/*.js` (and `*.mjs`, as modules) with the `conch` shell (from the test
//! file's directory) and compares with the sibling `.expected` file: stdout, then — when the
//! exit status is not 0 — `[exit N]` and stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "js" || x == "mjs")
            && p.with_extension("expected").exists()
        {
            out.push(p);
        }
    }
}

fn run(p: &Path, stress: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_conch"));
    if let Some(n) = stress {
        cmd.env("CONCH_GC_STRESS", n);
    }
    let out = cmd
        .arg(p.file_name().unwrap())
        .current_dir(p.parent().unwrap())
        .output()
        .expect("run conch");
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = out.status.code();
    if code != Some(0) {
        s.push_str(&format!(
            "[exit {}]\n",
            code.map_or("signal".into(), |c| c.to_string())
        ));
        s.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    s
}

#[test]
fn js_tests_match_expected_output() {
    check_all(None);
}

/// The same under GC stress (a collection every 7th allocation): a value the interpreter
/// forgets to keep reachable shows up here.
#[test]
fn js_tests_match_expected_output_under_gc_stress() {
    check_all(Some("7"));
}

fn check_all(stress: Option<&str>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/js");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert!(files.len() >= 5, "tests/js holds the end-to-end tests");
    let mut failures = Vec::new();
    for f in &files {
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap();
        let got = run(f, stress);
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                f.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
