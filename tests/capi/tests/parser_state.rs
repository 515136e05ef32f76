//! Parser-state caches, background parsing and `JsExperimentalApiRunModule`
//! (`c/parser_state.c`), each scenario run in a child process: the test binary re-executes
//! itself with `CONCH_SCENARIO` set, and the child test `child` runs the scenario and exits
//! with its status.

// The library links in the compiled C scenarios and the JsRT exports.
use conch_capi_tests::check_in_child as check;

extern "C" {
    fn scenario_parser_state() -> i32;
    fn scenario_background_parse() -> i32;
    fn scenario_run_module() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: self-contained C functions using only the public API (c/parser_state.c).
    let status = unsafe {
        match name.as_str() {
            "parser_state" => scenario_parser_state(),
            "background_parse" => scenario_background_parse(),
            "run_module" => scenario_run_module(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

#[test]
fn parser_state_round_trip_stale_damaged_and_argument_errors() {
    check("parser_state");
}

#[test]
fn background_parse_cookies_execute_and_discard() {
    check("background_parse");
}

#[test]
fn experimental_run_module() {
    check("run_module");
}
