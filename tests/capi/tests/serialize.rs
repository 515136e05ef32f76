//! The bytecode-cache C scenarios (`c/serialize.c`), each run in a child process: the test
//! binary re-executes itself with `CONCH_SCENARIO` set, and the child test `child` runs the
//! scenario and exits with its status.

// The library links in the compiled C scenarios and the JsRT exports.
use conch_capi_tests::check_in_child as check;

extern "C" {
    fn scenario_serialize_run() -> i32;
    fn scenario_serialize_bad_buffers() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/serialize.c).
    let status = unsafe {
        match name.as_str() {
            "run" => scenario_serialize_run(),
            "bad_buffers" => scenario_serialize_bad_buffers(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

#[test]
fn serialize_size_query_run_parse_lazy_source_and_unload() {
    check("run");
}

#[test]
fn bad_and_damaged_serialized_scripts_are_refused() {
    check("bad_buffers");
}
