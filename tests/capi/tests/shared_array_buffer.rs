//! The SharedArrayBuffer C scenarios (`c/shared_array_buffer.c`): contents shared between
//! runtimes through JsRT content handles, on one thread and across threads. Each runs in a
//! child process: the test binary re-executes itself with `CONCH_SCENARIO` set, and the child
//! test `child` runs the scenario and exits with its status.

// The library links in the compiled C scenarios and the JsRT exports.
use conch_capi_tests::check_in_child as check;

extern "C" {
    fn scenario_sab_two_runtimes() -> i32;
    fn scenario_sab_wait_notify() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/shared_array_buffer.c).
    let status = unsafe {
        match name.as_str() {
            "two_runtimes" => scenario_sab_two_runtimes(),
            "wait_notify" => scenario_sab_wait_notify(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

#[test]
fn shared_contents_between_two_runtimes() {
    check("two_runtimes");
}

#[test]
fn atomics_wait_and_notify_across_runtimes_and_threads() {
    check("wait_notify");
}
