//! `Proxy` from Rust (behaviour tests: `tests/js/proxy.js`).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn proxy_forwards_without_traps() {
    let src = "var t = {a: 1}; var p = new Proxy(t, {}); p.b = 2;
        [p.a, t.b, 'a' in p, Object.keys(p).join('+'), delete p.a, 'a' in t].join()";
    assert_eq!(run(src), "1,2,true,a+b,true,false");
}
