//! `Reflect` from Rust (behaviour tests: `tests/js/builtins/reflect.js`).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

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
