//! The typed-array C scenarios (`c/typed_arrays.c`), each run in a child process: the test
//! binary re-executes itself with `CONCH_SCENARIO` set, and the child test `child` runs the
//! scenario and exits with its status.

// The library links in the compiled C scenarios and the JsRT exports.
use conch_capi_tests::check_in_child as check;

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

#[test]
fn typed_arrays_and_data_views_through_jsrt() {
    check("views");
}

#[test]
fn original_array_iteration_functions() {
    check("array_functions");
}
