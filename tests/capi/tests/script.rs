//! The script, error-metadata, promise and termination C scenarios (`c/script.c`), each run in
//! a child process: the test binary re-executes itself with `CONCH_SCENARIO` set, and the child
//! test `child` runs that scenario and exits with its status.

use std::process::Command;

// Keep the library (the compiled C scenarios and the JsRT exports) linked in.
use conch_capi_tests as _;

extern "C" {
    fn scenario_script_run() -> i32;
    fn scenario_script_metadata() -> i32;
    fn scenario_script_promises() -> i32;
    fn scenario_script_termination() -> i32;
    fn scenario_script_oom() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/script.c).
    let status = unsafe {
        match name.as_str() {
            "run" => scenario_script_run(),
            "metadata" => scenario_script_metadata(),
            "promises" => scenario_script_promises(),
            "termination" => scenario_script_termination(),
            "oom" => scenario_script_oom(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

fn check(name: &str) -> String {
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
    text
}

#[test]
fn run_and_parse_scripts() {
    check("run");
}

#[test]
fn exception_metadata_for_compile_and_runtime_errors() {
    check("metadata");
}

#[test]
fn promises_continuations_and_rejection_tracking() {
    check("promises");
}

#[test]
fn termination_from_a_watchdog_thread_and_recovery() {
    let text = check("termination");
    for line in text.lines().filter(|l| l.contains("latency")) {
        println!("{line}");
    }
}

#[test]
fn out_of_memory_in_a_script_is_an_exception_and_recoverable() {
    check("oom");
}
