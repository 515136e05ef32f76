//! The public header and the shared library agree:
//!
//! - the `Js*` symbols that `libconch_jsrt.so` exports (`nm -D --defined-only`) are exactly
//!   the functions declared in include/jsrt.h and include/jsrt/*.h (`CHAKRA_API JsXxx(`);
//! - the header compiled as C++ (build.rs: C++11 and C++17, -Wall -Wextra -Werror) links
//!   against the engine and its calls work.
//!
//! Which library file: `cargo test -p conch-capi-tests` builds conch-jsrt as a dependency, and
//! cargo builds a dependency with every crate type it declares (cdylib, staticlib, rlib) but
//! leaves the outputs in `target/<profile>/deps/` (without a hash in the cdylib's name); only
//! `cargo build -p conch-jsrt` (conch-jsrt as a root) copies them up to `target/<profile>/`,
//! where they can be stale when only the tests were rebuilt since. So the test looks in the
//! directory of its own executable (`deps/`) and in its parent, and takes the newer file.
//! Nothing is built here: a missing library is a failure with a message.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

// Links the library crate, which carries the C++ objects compiled by build.rs.
use conch_capi_tests as _;

extern "C" {
    fn conch_header_cpp11_check() -> i32;
    fn conch_header_cpp17_check() -> i32;
}

/// The newest `libconch_jsrt.so` among `deps/` and its parent (see the module comment).
fn shared_library() -> PathBuf {
    let name = format!(
        "{}conch_jsrt{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let exe = std::env::current_exe().expect("current_exe");
    let deps = exe.parent().expect("the test executable's directory");
    let candidates: Vec<PathBuf> = [Some(deps), deps.parent()]
        .into_iter()
        .flatten()
        .map(|d| d.join(&name))
        .collect();
    let newest = candidates
        .iter()
        .filter_map(|p| {
            let modified = std::fs::metadata(p).and_then(|m| m.modified()).ok()?;
            Some((modified, p))
        })
        .max_by_key(|&(modified, _)| modified);
    match newest {
        Some((_, p)) => p.clone(),
        None => panic!(
            "{name} not found (looked at {}); it is built by `cargo test -p conch-capi-tests` \
             (conch-jsrt is a cdylib dependency) or `cargo build -p conch-jsrt`",
            candidates
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

/// Defined dynamic symbols starting with `Js`, with their `nm` type letter.
fn exported_js_symbols(lib: &Path) -> BTreeMap<String, String> {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib)
        .output()
        .unwrap_or_else(|e| panic!("running `nm -D --defined-only {}`: {e}", lib.display()));
    assert!(
        out.status.success(),
        "nm -D --defined-only {} failed:\n{}",
        lib.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut symbols = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // "<address> <type> <name>[@version]"
        let fields: Vec<&str> = line.split_whitespace().collect();
        if let [_, kind, name] = fields[..] {
            let name = name.split('@').next().unwrap_or(name);
            if name.starts_with("Js") {
                symbols.insert(name.to_owned(), kind.to_owned());
            }
        }
    }
    symbols
}

/// Function names declared in the public headers: every line that starts with `CHAKRA_API`
/// (other than its `#define`) must read `CHAKRA_API <name>(`, like include/check-header.sh
/// expects.
fn declared_functions() -> BTreeSet<String> {
    let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../include");
    let mut headers = vec![include.join("jsrt.h")];
    let mut parts: Vec<PathBuf> = std::fs::read_dir(include.join("jsrt"))
        .expect("include/jsrt")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "h"))
        .collect();
    parts.sort();
    headers.extend(parts);

    let mut names = BTreeSet::new();
    let mut problems = Vec::new();
    for header in &headers {
        let text = std::fs::read_to_string(header).expect("header");
        for (i, line) in text.lines().enumerate() {
            let Some(rest) = line.strip_prefix("CHAKRA_API") else {
                continue;
            };
            let parsed = rest
                .strip_prefix(|c: char| c.is_ascii_whitespace())
                .map(str::trim_start)
                .and_then(|rest| {
                    let end = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    let (name, after) = rest.split_at(end);
                    let valid = !name.is_empty()
                        && !name.starts_with(|c: char| c.is_ascii_digit())
                        && after.trim_start().starts_with('(');
                    valid.then_some(name)
                });
            match parsed {
                Some(name) => {
                    if !names.insert(name.to_owned()) {
                        problems.push(format!(
                            "{}:{}: {name} declared twice",
                            header.display(),
                            i + 1
                        ));
                    }
                }
                None => problems.push(format!(
                    "{}:{}: not of the form `CHAKRA_API JsXxx(`: {line}",
                    header.display(),
                    i + 1
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        !names.is_empty(),
        "no CHAKRA_API declarations found under {}",
        include.display()
    );
    names
}

#[test]
#[cfg(target_os = "linux")]
fn exported_js_functions_are_exactly_the_declared_ones() {
    let lib = shared_library();
    let exported = exported_js_symbols(&lib);
    let declared = declared_functions();

    let missing: Vec<&String> = declared
        .iter()
        .filter(|n| !exported.contains_key(*n))
        .collect();
    let extra: Vec<String> = exported
        .iter()
        .filter(|(n, _)| !declared.contains(*n))
        .map(|(n, kind)| format!("{n} ({kind})"))
        .collect();
    // Functions are in the text section (T), or weak (W) / indirect (i).
    let not_functions: Vec<String> = exported
        .iter()
        .filter(|(_, kind)| !matches!(kind.as_str(), "T" | "W" | "i"))
        .map(|(n, kind)| format!("{n} ({kind})"))
        .collect();
    println!(
        "{}: {} Js* exports, {} declarations",
        lib.display(),
        exported.len(),
        declared.len()
    );
    assert!(
        missing.is_empty() && extra.is_empty() && not_functions.is_empty(),
        "{} and include/jsrt.h disagree\n\
         declared but not exported ({}): {missing:?}\n\
         exported but not declared ({}): {extra:?}\n\
         exported Js* symbols that are not functions: {not_functions:?}",
        lib.display(),
        missing.len(),
        extra.len(),
    );
}

#[test]
fn the_header_compiled_as_cpp_links_and_works() {
    // SAFETY: self-contained C++ functions using only the public API (see c/header_cpp.cpp).
    let (cpp11, cpp17) = unsafe { (conch_header_cpp11_check(), conch_header_cpp17_check()) };
    assert_eq!(cpp11, 0, "C++11 check failed at step {cpp11}");
    assert_eq!(cpp17, 0, "C++17 check failed at step {cpp17}");
}
