//! Compiles the C scenarios against include/jsrt.h (C99, -Wall -Werror).
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut b = cc::Build::new();
    b.include(root.join("include"))
        .flag("-std=c99")
        .flag("-Wall")
        .flag("-Wextra")
        .flag("-Werror");
    for entry in std::fs::read_dir("c").expect("tests/capi/c") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "c") {
            println!("cargo:rerun-if-changed={}", p.display());
            b.file(p);
        }
    }
    println!("cargo:rerun-if-changed=../../include");
    b.compile("capi_scenarios");
}
