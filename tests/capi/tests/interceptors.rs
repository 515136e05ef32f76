//! The custom-external-object (host traps) and external-indexed-storage C scenarios
//! (`c/interceptors.c`), each run in a child process: the test binary re-executes itself with
//! `CONCH_SCENARIO` set, and the child test `child` runs that scenario and exits with its
//! status.

use std::process::Command;

// Keep the library (the compiled C scenarios and the JsRT exports) linked in.
use conch_capi_tests as _;

extern "C" {
    fn scenario_custom_external() -> i32;
    fn scenario_external_indexed() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API.
    let status = unsafe {
        match name.as_str() {
            "custom_external" => scenario_custom_external(),
            "external_indexed" => scenario_external_indexed(),
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
fn custom_external_objects_call_the_host_traps() {
    check("custom_external");
}

#[test]
fn external_indexed_storage_reads_and_writes_host_memory() {
    check("external_indexed");
}
