//! The host-object C scenarios (`c/host_objects.c`: traced external objects, wrapper tracing,
//! raw data, idle processing, embedder data, private properties, cloning, proxy queries), each
//! run in a child process: the test binary re-executes itself with `CONCH_SCENARIO` set, and
//! the child test `child` runs the scenario and exits with its status.

use std::process::Command;

// Keep the library (the compiled C scenarios and the JsRT exports) linked in.
use conch_capi_tests as _;

extern "C" {
    fn scenario_traced_objects() -> i32;
    fn scenario_dom_wrapper_tracing() -> i32;
    fn scenario_raw_data() -> i32;
    fn scenario_idle() -> i32;
    fn scenario_embedder_data() -> i32;
    fn scenario_private_properties() -> i32;
    fn scenario_clone_object() -> i32;
    fn scenario_proxy_properties() -> i32;
}

#[test]
fn child() {
    let Ok(name) = std::env::var("CONCH_SCENARIO") else {
        return;
    };
    // SAFETY (each call): a self-contained C function using only the public API.
    let status = match name.as_str() {
        "traced_objects" => unsafe { scenario_traced_objects() },
        "dom_wrapper_tracing" => unsafe { scenario_dom_wrapper_tracing() },
        "raw_data" => unsafe { scenario_raw_data() },
        "idle" => unsafe { scenario_idle() },
        "embedder_data" => unsafe { scenario_embedder_data() },
        "private_properties" => unsafe { scenario_private_properties() },
        "clone_object" => unsafe { scenario_clone_object() },
        "proxy_properties" => unsafe { scenario_proxy_properties() },
        _ => 99,
    };
    std::process::exit(status);
}

fn run(name: &str) {
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
fn traced_external_objects_inline_slots_tracing_and_finalizers() {
    run("traced_objects");
}

#[test]
fn dom_wrapper_tracing_keeps_host_held_values_alive() {
    run("dom_wrapper_tracing");
}

#[test]
fn raw_data_buffers_are_pinned_by_addref() {
    run("raw_data");
}

#[test]
fn idle_processing() {
    run("idle");
}

#[test]
fn embedder_data_round_trip() {
    run("embedder_data");
}

#[test]
fn private_properties_are_hidden() {
    run("private_properties");
}

#[test]
fn clone_object_copies_properties_and_host_data() {
    run("clone_object");
}

#[test]
fn proxy_properties() {
    run("proxy_properties");
}
