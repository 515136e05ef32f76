//! Syntax errors: message and 1-based line/column (UTF-16 columns), and regressions found
//! while bringing test262 to 100%.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

mod common;
use common::{module_error, script_error};

fn expect_error(src: &str, message: &str, line: u32, column: u32) {
    let e = script_error(src).unwrap_or_else(|| panic!("{src:?} should fail"));
    assert_eq!(
        (e.message().to_string().as_str(), e.line, e.column),
        (message, line, column),
        "{src:?}"
    );
    assert!(e.message() == message);
}

fn rejects(src: &str) {
    assert!(script_error(src).is_some(), "{src:?} should be rejected");
}

fn accepts_in_test(src: &str) {
    accepts(src)
}

fn accepts(src: &str) {
    if let Some(e) = script_error(src) {
        panic!("{src:?} should parse, got {e}");
    }
}

#[test]
fn positions_are_one_based_utf16() {
    expect_error(
        "let x;\nlet x;",
        "Identifier 'x' has already been declared",
        2,
        5,
    );
    // U+1F600 is two UTF-16 code units.
    expect_error("'😀' @", "Invalid or unexpected token", 1, 6);
    expect_error("a\r\nb\u{2028}  ;;@", "Invalid or unexpected token", 3, 5);
    expect_error("return", "Illegal return statement", 1, 1);
    expect_error("a: { break b; }", "Undefined label 'b'", 1, 12);
    expect_error(
        "class C { #p; #p; }",
        "Identifier '#p' has already been declared",
        1,
        15,
    );
    let long = format!("let {0}; let {0};", "x".repeat(100));
    let e = script_error(&long).unwrap();
    assert_eq!(
        e.message().to_string(),
        format!("Identifier '{}' has already been declared", "x".repeat(40))
    );
}

#[test]
fn messages() {
    expect_error(
        "'use strict'; with (a) {}",
        "Strict mode code may not include a with statement",
        1,
        15,
    );
    expect_error("a => { break; }", "Illegal break statement", 1, 8);
    expect_error("({a = 1})", "Invalid shorthand property initializer", 1, 5);
    expect_error(
        "function f(a = 1) { 'use strict' }",
        "Illegal 'use strict' directive in function with non-simple parameter list",
        1,
        21,
    );
    expect_error("/(/", "Unterminated group", 1, 3);
    expect_error("x = `\\u{g}`", "Invalid escape sequence in template", 1, 6);
}

#[test]
fn early_errors() {
    rejects("'use strict'; var eval;");
    rejects("'use strict'; 010");
    rejects("'\\07'; 'use strict';");
    rejects("function f(a, a) { 'use strict' }");
    rejects("(a, a) => 1");
    rejects("class C { constructor() {} constructor() {} }");
    rejects("class C { #a; #a; }");
    rejects("class C { m() { this.#b } }");
    rejects("({__proto__: 1, __proto__: 2})");
    accepts("({__proto__: a, __proto__: b} = {})");
    rejects("let let = 1");
    rejects("for (let of x);");
    rejects("a ?? b || c");
    rejects("-a ** 2");
    rejects("new.target");
    rejects("super.x");
    rejects("function* g(a = yield) {}");
    accepts_in_test("function* g() { function f(a = yield) {} }");
    rejects("async function f() { (a = await 1) => 1 }");
    rejects("class C { static { arguments } }");
    rejects("x = { get a(b) {} }");
    rejects("/a/gg");
    rejects("/\\p{Foo}/u");
    rejects("import.meta");
    rejects("label: label: ;");
    rejects("while (1) l: function f() {}");
    rejects("switch (0) { case 0: using x = null; }");
    rejects("0_1");
    rejects("#x in () => {}");
    // Cover-grammar errors inside an operand that is not itself a pattern.
    for src in [
        "[{a=1}.b] = x",
        "({a=1}.b = 1)",
        "({b: {a=1}.c} = x)",
        "[...{a=1}.b] = x",
        "[{a=1}, {b=2}.c] = x",
        "for ({a=1}.b of x);",
        "for ([{a=1}.b] of x);",
        "({a=1}).b",
        "({__proto__: a, __proto__: b}.x = 1)",
        "[{a=1}] + 1",
        "[f() = 1] = x",
        "for ([(f()) = 1] in z);",
        "({a: f() = 1} = x)",
        "((a) = 1) => 0",
        "async ((a) = 1) => 0",
        "([(a) = 1]) => 0",
        "({b: (a) = 1}) => 0",
    ] {
        rejects(src);
    }
    accepts("[{a=1}] = x");
    accepts("({b: {a=1}} = x)");
    accepts("({a=1}) => 1");
    accepts("for ([{a=1}] of x);");
    accepts("async ({a=1}) => a");
    // Annex B.3.4 (since ES2021, for-of included): `var` may redeclare a simple catch parameter.
    accepts("try {} catch (e) { for (var e of []) {} for (var e in {}) {} var e; }");
    rejects("try {} catch ([e]) { var e; }");
    rejects("!() => {}");
    rejects("class C { static 'prototype'; }");
}

#[test]
fn accepted_edge_cases() {
    accepts("if (a) function f() {}");
    accepts("l: function f() {}");
    accepts("var yield, await, let, async, of, get, set, static;");
    accepts("async\nfunction f() {}");
    accepts("a\n++b");
    accepts("x = y / z / w; x = /re/g;");
    accepts("for (var x = 1 in {});");
    accepts("f() = 1;");
    accepts("class C { get\n*m() {} }");
    accepts("class C { static { (() => { class await {} }); } }");
    accepts("<!-- html comment\n--> also a comment\nx");
    accepts("({ async *[x]() {}, get 1() {}, set 'a'(v) {} })");
    accepts("a?.b?.[c]?.(d)");
    accepts("async function f() { let async; for await (async of []); }");
    rejects("let async; for (async of []);");
}

#[test]
fn modules() {
    assert!(module_error("import x, { y as z, 'a b' as c } from 'm' with { type: 'json' }; export { x as default, z }; export * as ns from 'm';").is_none());
    assert!(module_error("export { undeclared };").is_some());
    assert!(module_error("export let a; export let a;").is_some());
    assert!(module_error("await 1;").is_none());
    assert!(module_error("var await;").is_some());
    assert!(module_error("<!-- x").is_some());
    assert!(module_error("export default function () {} export default 1;").is_some());
}

/// Inputs found by the fuzzer (`fuzz/`): each once crashed the parser.
#[test]
fn fuzz_regressions() {
    // A tagged-template-style invalid escape at the very end of the input (index out of range).
    rejects("`\\");
    rejects("class C { x\n`\\");
    rejects("`${a}\\");
    let crash = "class C {\n  #\\u{13470};\n  #\\u{13471};\n  `\\";
    assert!(script_error(crash).is_some());
}
