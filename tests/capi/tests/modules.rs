//! The module API C scenarios (`c/modules.c`), each run in a child process: the test binary
//! re-executes itself with `CONCH_SCENARIO` set, and the child test `child` runs that scenario
//! and exits with its status.

use std::process::Command;

// Keep the library (the compiled C scenarios and the JsRT exports) linked in.
use conch_capi_tests as _;

extern "C" {
    fn scenario_modules_graph() -> i32;
    fn scenario_modules_errors() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/modules.c).
    let status = unsafe {
        match name.as_str() {
            "graph" => scenario_modules_graph(),
            "errors" => scenario_modules_errors(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

fn check(name: &str) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("CONCH_SCENARIO", name)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "scenario {name} failed:\n{text}"
    );
}

#[test]
fn module_graph_through_host_callbacks() {
    check("graph");
}

#[test]
fn module_errors_parse_link_and_evaluation() {
    check("errors");
}
