//! The never-abort promise under memory limits (issue 9, "Never abort, running scripts"):
//! every script of `tests/js-limits`, `tests/js/language` and `tests/js/modules` runs under a sweep of memory
//! limits; each run must complete or report an error (exit status 0 or 1) — never abort, crash
//! or hang. Scaled to CI's time (the full 12-limit sweep over 300+ scripts is run locally with
//! the release build; figures in docs/status.md).

use std::path::{Path, PathBuf};
use std::process::Command;

fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "js" || x == "mjs") {
            out.push(p);
        }
    }
}

#[test]
fn scripts_never_abort_under_memory_limits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    scripts(&root.join("tests/js-limits"), &mut files);
    scripts(&root.join("tests/js/language"), &mut files);
    scripts(&root.join("tests/js/modules"), &mut files);
    files.sort();
    assert!(files.len() >= 10);
    let mut bad = Vec::new();
    for limit in ["256K", "1M", "4M", "16M"] {
        for f in &files {
            let out = Command::new(env!("CARGO_BIN_EXE_conch"))
                .args(["--memory-limit", limit])
                .arg(f.file_name().unwrap())
                .current_dir(f.parent().unwrap())
                .output()
                .expect("run conch");
            let code = out.status.code();
            if code != Some(0) && code != Some(1) {
                bad.push(format!(
                    "{} at {limit}: {:?}\n{}",
                    f.display(),
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
