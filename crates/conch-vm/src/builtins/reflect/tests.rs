//! `Reflect` from Rust (behaviour tests: `tests/js/builtins/reflect.js`).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::convert::to_string;
use crate::script::eval_script;
use crate::*;

fn run(src: &str) -> std::string::String {
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

#[test]
fn booleans_instead_of_throws() {
    let src = "var o = Object.freeze({a: 1});
        [Reflect.set(o, 'a', 2), Reflect.defineProperty(o, 'b', {value: 1}),
         Reflect.deleteProperty(o, 'a'), Reflect.ownKeys({b: 1, [Symbol.iterator]: 0, 1: 2}).length].join()";
    assert_eq!(run(src), "false,false,false,3");
}

#[test]
fn non_object_targets_throw() {
    assert_eq!(
        run("try { Reflect.get(1, 'a') } catch (e) { e instanceof TypeError }"),
        "true"
    );
}
