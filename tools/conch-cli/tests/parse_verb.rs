//! The `conch parse` verb end to end.

use std::path::PathBuf;
use std::process::Command;

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("conch-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn conch(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_conch"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn reports_each_failing_file_and_exits_nonzero() {
    let good = write("good.js", "let a = 1;\n");
    let bad = write("bad.js", "let a = 1;\nlet a = 2;\n");
    let (code, out, _) = conch(&["parse", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{}: SyntaxError: Identifier 'a' has already been declared (2:5)\n",
            bad.display()
        )
    );
    let (code, out, _) = conch(&["parse", good.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn module_flag_selects_the_module_goal() {
    let m = write("m.js", "import x from 'y'; export { x };\n");
    assert_eq!(conch(&["parse", m.to_str().unwrap()]).0, 1);
    assert_eq!(conch(&["parse", "--module", m.to_str().unwrap()]).0, 0);
}

#[test]
fn deep_nesting_reports_a_range_error() {
    let deep = write("deep.js", &"[".repeat(200_000));
    let (code, out, _) = conch(&["parse", deep.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("RangeError: Maximum call stack size exceeded\n"),
        "{out}"
    );
}

#[test]
fn running_a_script_prints_and_exits_zero() {
    let s = write("s.js", "print(6 * 7)");
    let (code, out, err) = conch(&[s.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "42\n");
}

#[test]
fn missing_file_is_a_usage_error() {
    assert_eq!(conch(&["parse", "/nonexistent/file.js"]).0, 2);
    assert_eq!(conch(&["parse"]).0, 2);
}

#[test]
fn ast_flag_prints_the_tree() {
    let f = write("ast.js", "x = 1;\n");
    let (code, out, _) = conch(&["parse", "--ast", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Program script @0..7\n  ExprStmt @0..6\n    Assign Assign @0..5\n      Name x @0..1\n      Number 1 @4..5\n"
    );
}
