//! Compiles the C scenarios against include/jsrt.h (C99, -Wall -Werror), and c/header_cpp.cpp
//! against the same header as C++ (C++11 -pedantic, and C++17 with stricter warnings), all with
//! -Werror so a header warning fails the build of the test suite.
use std::path::PathBuf;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = std::path::Path::new(&manifest).join("../..");
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
    // The directory too, so that a new scenario file is picked up.
    println!("cargo:rerun-if-changed=c");
    b.compile("capi_scenarios");

    // The C++ translation unit, once per dialect. Each build gets its own output directory
    // (the object files would share a name) and its own entry point name. The unit uses no
    // C++ runtime, so libstdc++ is not linked.
    println!("cargo:rerun-if-changed=c/header_cpp.cpp");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let dialects: [(&str, &[&str]); 2] = [
        ("cpp11", &["-std=c++11", "-pedantic"]),
        (
            "cpp17",
            &[
                "-std=c++17",
                "-pedantic",
                "-Wold-style-cast",
                "-Wzero-as-null-pointer-constant",
                "-Wshadow",
            ],
        ),
    ];
    for (name, flags) in dialects {
        let mut cpp = cc::Build::new();
        cpp.cpp(true)
            .cpp_link_stdlib(None)
            .out_dir(out.join(name))
            .include(root.join("include"))
            .define(
                "CONCH_HEADER_CPP_CHECK",
                format!("conch_header_{name}_check").as_str(),
            )
            .flag("-Wall")
            .flag("-Wextra")
            .flag("-Werror")
            .file("c/header_cpp.cpp");
        for f in flags {
            cpp.flag(f);
        }
        cpp.compile(&format!("capi_header_{name}"));
    }
}
