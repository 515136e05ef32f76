//! Runs the C scenarios of `c/*.c`, each in a child process (re-exec of the test binary), so a
//! crash is a failed test rather than a dead harness.

// Keep the JsRT exports linked in.
pub use conch_jsrt::JsErrorCode;

extern "C" {
    fn scenario_events() -> i32;
    fn scenario_gc_roots() -> i32;
    fn scenario_oom_array() -> i32;
    fn scenario_many_contexts() -> i32;
    fn scenario_fault_injection(n: i32) -> i32;
    fn scenario_fault_injection_script(n: i32) -> i32;
    fn scenario_argument_errors() -> i32;
    fn scenario_objects() -> i32;
    fn scenario_oom_exception() -> i32;
    fn scenario_array_buffer() -> i32;
}

/// Runs the named scenario in this process; returns its status (0 = pass).
pub fn run_scenario(name: &str, arg: i32) -> i32 {
    // SAFETY: the scenarios are self-contained C functions using only the public API.
    unsafe {
        match name {
            "events" => scenario_events(),
            "gc_roots" => scenario_gc_roots(),
            "oom_array" => scenario_oom_array(),
            "many_contexts" => scenario_many_contexts(),
            "fault_injection" => scenario_fault_injection(arg),
            "fault_injection_script" => scenario_fault_injection_script(arg),
            "argument_errors" => scenario_argument_errors(),
            "objects" => scenario_objects(),
            "oom_exception" => scenario_oom_exception(),
            "array_buffer" => scenario_array_buffer(),
            _ => 99,
        }
    }
}

/// Runs scenario `name` in a child process: the current test binary re-executed with
/// `CONCH_SCENARIO=name`, where its `child` test runs the scenario and exits with its status.
/// Panics with the child's output unless it exits 0.
pub fn check_in_child(name: &str) {
    let exe = std::env::current_exe().expect("test binary");
    let out = std::process::Command::new(exe)
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("CONCH_SCENARIO", name)
        .output()
        .expect("child process");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "scenario {name} failed:\n{text}"
    );
}
