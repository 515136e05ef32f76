//! The JS end-to-end tests: every `tests/js/**/NAME.js` that has a sibling `NAME.expected`
//! runs under `conch NAME.js`; its stdout must equal the expected file exactly and the run
//! must succeed. (Expected files are checked against node: `globalThis.print = console.log`.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "js") && p.with_extension("expected").exists()
        {
            out.push(p);
        }
    }
}

#[test]
fn js_files_print_what_they_expect() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/js");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no JS tests under {}", root.display());
    let mut failures = Vec::new();
    for f in &files {
        let out = Command::new(env!("CARGO_BIN_EXE_conch"))
            .arg(f)
            .output()
            .unwrap();
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || stdout != expected {
            failures.push(format!(
                "{}: status {:?}\n--- stdout\n{}--- expected\n{}--- stderr\n{}",
                f.display(),
                out.status.code(),
                stdout,
                expected,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
