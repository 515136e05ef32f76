//! The BigInt C scenario (`c/bigint.c`), run in a child process: the test binary re-executes
//! itself with `CONCH_SCENARIO` set, and the child test `child` runs the scenario and exits
//! with its status.

use std::process::Command;

// Keep the library (the compiled C scenarios and the JsRT exports) linked in.
use conch_capi_tests as _;

extern "C" {
    fn scenario_bigint_values() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: a self-contained C function using only the public API (c/bigint.c).
    let status = unsafe {
        match name.as_str() {
            "values" => scenario_bigint_values(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

#[test]
fn bigint_values_through_jsrt() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("CONCH_SCENARIO", "values")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "scenario failed:\n{text}");
}
