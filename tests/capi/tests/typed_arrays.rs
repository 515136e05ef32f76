//! The typed-array C scenarios (`c/typed_arrays.c`), each run in a child process: the test
//! binary re-executes itself with `CONCH_SCENARIO` set, and the child test `child` runs the
//! scenario and exits with its status.

use std::process::Command;

// Keep the library (the compiled C scenarios and the JsRT exports) linked in.
use conch_capi_tests as _;

extern "C" {
    fn scenario_typed_array_views() -> i32;
    fn scenario_array_functions() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/typed_arrays.c).
    let status = unsafe {
        match name.as_str() {
            "views" => scenario_typed_array_views(),
            "array_functions" => scenario_array_functions(),
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
fn typed_arrays_and_data_views_through_jsrt() {
    check("views");
}

#[test]
fn original_array_iteration_functions() {
    check("array_functions");
}
