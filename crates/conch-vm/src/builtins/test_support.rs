//! Shared by the builtins' Rust tests: run a script in a fresh runtime and read its
//! completion value (or the thrown value) as text.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::convert::to_string;
use crate::script::eval_script;
use crate::*;

/// The script's completion value (or thrown value, or engine completion) as text.
pub(crate) fn run(src: &str) -> std::string::String {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    let mut pos = None;
    let v = match eval_script(&mut cx, src, "test.js", &mut pos) {
        Ok(v) => v,
        Err(Throw::Value(e)) => e,
        Err(t) => return format!("{t:?}"),
    };
    let js = to_string(&mut cx, v).unwrap();
    let flat = JsString::flatten(cx.heap(), js).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

/// Runs `f` in a fresh runtime and realm.
pub(crate) fn with_realm(f: impl FnOnce(&mut Cx)) {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    f(&mut cx);
}
