//! Each scenario runs in a child process: the test binary re-executes itself with
//! `CONCH_SCENARIO` set, and the child test `child` runs that scenario and exits with its status.

use std::process::Command;

extern "C" {
    fn scenario_threads() -> i32;
}

fn run_child(name: &str, arg: i32) -> (i32, String) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("CONCH_SCENARIO", name)
        .env("CONCH_SCENARIO_ARG", arg.to_string())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    let arg = std::env::var("CONCH_SCENARIO_ARG")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    let status = match name.as_str() {
        // SAFETY: a self-contained C function using only the public API (c/threads.c).
        "threads" => unsafe { scenario_threads() },
        _ => conch_capi_tests::run_scenario(&name, arg),
    };
    std::process::exit(status);
}

fn check(name: &str) {
    let (status, text) = run_child(name, 0);
    assert_eq!(status, 0, "scenario {name} failed:\n{text}");
}

#[test]
fn event_contract() {
    check("events");
}

#[test]
fn stack_values_roots_weak_refs_and_callbacks() {
    check("gc_roots");
}

#[test]
fn out_of_memory_under_a_10_mib_limit_is_an_error_and_recoverable() {
    check("oom_array");
}

#[test]
fn a_thousand_contexts_stay_under_10_mib() {
    check("many_contexts");
}

#[test]
fn argument_errors_are_codes() {
    check("argument_errors");
}

#[test]
fn fault_injection_refusing_each_acquisition_in_turn() {
    // N = 0 counts the acquisitions the workload makes.
    let (count, text) = run_child("fault_injection", 0);
    assert!(
        count > 0 && count < 200,
        "workload made {count} acquisitions:\n{text}"
    );
    for n in 1..=count {
        let (status, text) = run_child("fault_injection", n);
        assert_eq!(status, 0, "refusing acquisition {n} failed:\n{text}");
    }
}

#[test]
fn fault_injection_over_a_script_workload() {
    // N = 0 counts the acquisitions the workload makes; then each one is refused in turn, in
    // its own child process (a crash fails only that N).
    let (count, text) = run_child("fault_injection_script", 0);
    assert!(
        count > 0 && count < 400,
        "workload made {count} acquisitions:\n{text}"
    );
    let mut bad = Vec::new();
    // Under GC stress each run is slow: a sample of the refusal points (every eighth).
    let step = if std::env::var_os("CONCH_GC_STRESS").is_some() {
        (count / 8).max(1)
    } else {
        1
    };
    for n in (1..=count).step_by(step as usize) {
        let (status, text) = run_child("fault_injection_script", n);
        if status != 0 {
            bad.push(format!("refusing acquisition {n}: status {status}\n{text}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn objects_properties_functions_and_exceptions() {
    check("objects");
}

#[test]
fn out_of_memory_in_script_apis_is_a_thrown_error_and_recoverable() {
    check("oom_exception");
}

#[test]
fn array_buffers_are_accounted_and_external_ones_are_the_hosts() {
    check("array_buffer");
}

// The limits scenarios (tests/c/limits.c) are declared here rather than in the crate's
// `run_scenario`; the crate links the compiled C library.
extern "C" {
    fn scenario_limits_fill(mib: i32) -> i32;
    fn scenario_limits_churn() -> i32;
}

#[test]
fn limits_child() {
    let Ok(name) = std::env::var("CONCH_LIMITS_SCENARIO") else {
        return;
    };
    let arg = std::env::var("CONCH_SCENARIO_ARG")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    // SAFETY: self-contained C scenarios using only the public API.
    let status = unsafe {
        match name.as_str() {
            "fill" => scenario_limits_fill(arg),
            "churn" => scenario_limits_churn(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

fn check_limits(name: &str, arg: i32) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["--exact", "limits_child", "--nocapture", "--test-threads=1"])
        .env("CONCH_LIMITS_SCENARIO", name)
        .env("CONCH_SCENARIO_ARG", arg.to_string())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "limits {name} {arg}:\n{text}");
}

#[test]
fn filling_to_out_of_memory_is_one_signal_and_memory_comes_back() {
    check_limits("fill", 4);
}

#[test]
fn near_the_limit_collections_follow_the_garbage() {
    check_limits("churn", 0);
}

#[test]
fn two_threads_with_a_runtime_each() {
    check("threads");
}
