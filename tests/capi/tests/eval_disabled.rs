//! The DisableEval C scenario (`c/eval_disabled.c`), run in a child process (see
//! `conch_capi_tests::check_in_child`).

// The library links in the compiled C scenarios and the JsRT exports.
use conch_capi_tests::check_in_child as check;

extern "C" {
    fn scenario_eval_disabled() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY: a self-contained C function using only the public API (c/eval_disabled.c).
    let status = unsafe {
        match name.as_str() {
            "eval_disabled" => scenario_eval_disabled(),
            _ => 99,
        }
    };
    std::process::exit(status);
}

#[test]
fn disabled_eval_and_function_end_the_call_with_eval_disabled() {
    check("eval_disabled");
}
