//! The structured-clone value serializer C scenarios (`c/var_serializer.c`), each run in a
//! child process: the test binary re-executes itself with `CONCH_SCENARIO` set, and the child
//! test `child` runs the scenario and exits with its status.

// The library links in the compiled C scenarios and the JsRT exports.
use conch_capi_tests::check_in_child as check;

extern "C" {
    fn scenario_sca_round_trip() -> i32;
    fn scenario_sca_transfer_and_shared() -> i32;
    fn scenario_sca_host_objects() -> i32;
    fn scenario_sca_unsupported() -> i32;
    fn scenario_sca_argument_errors() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/var_serializer.c).
    let status = unsafe {
        match name.as_str() {
            "round_trip" => scenario_sca_round_trip(),
            "transfer_and_shared" => scenario_sca_transfer_and_shared(),
            "host_objects" => scenario_sca_host_objects(),
            "unsupported" => scenario_sca_unsupported(),
            "argument_errors" => scenario_sca_argument_errors(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

#[test]
fn every_supported_type_round_trips_between_runtimes() {
    check("round_trip");
}

#[test]
fn transferred_buffers_and_shared_memory() {
    check("transfer_and_shared");
}

#[test]
fn host_objects_go_through_the_callbacks() {
    check("host_objects");
}

#[test]
fn values_that_cannot_be_cloned_and_damaged_input() {
    check("unsupported");
}

#[test]
fn argument_errors() {
    check("argument_errors");
}
