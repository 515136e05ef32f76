//! `JSON` from Rust: deep nesting ends in an error (never a crash), two-byte input,
//! error positions. (Behaviour tests: `tests/js/builtins/json.js`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn deep_parse_is_a_range_error() {
    let src = "var d = '['; while (d.length < 1000000) d += d;
        try { JSON.parse(d); 'parsed' } catch (e) { e.name }";
    assert_eq!(run(src), "RangeError");
    let src = "var d = '{\"a\":'; while (d.length < 1000000) d += d;
        try { JSON.parse(d); 'parsed' } catch (e) { e.name }";
    assert_eq!(run(src), "RangeError");
}

#[test]
fn deep_stringify_is_a_range_error() {
    // 200k nested arrays under GC stress (every few allocations marks the whole chain) is
    // quadratic: hours. The native-stack check it exercises does not depend on the collector.
    if std::env::var_os("CONCH_GC_STRESS").is_some() {
        return;
    }
    let src =
        "var a = []; var c = a; for (var i = 0; i < 200000; i++) { var n = []; c.push(n); c = n; }
        try { JSON.stringify(a); 'done' } catch (e) { e.name }";
    assert_eq!(run(src), "RangeError");
}

#[test]
fn two_byte_input_and_escapes() {
    let src =
        "JSON.stringify(JSON.parse('{\"\\u65e5\":\"\\u672c\\\\n\\\\ud800\",\"n\":[1.5,-2e3]}'))";
    assert_eq!(run(src), "{\"日\":\"本\\n\\ud800\",\"n\":[1.5,-2000]}");
}

#[test]
fn errors_name_the_position() {
    let src = "try { JSON.parse('[1, x]') } catch (e) { e.message }";
    assert_eq!(
        run(src),
        "Unexpected token 'x', \"[1, x]\" is not valid JSON"
    );
    let src = "try { JSON.parse('[1') } catch (e) { e.message }";
    assert_eq!(
        run(src),
        "Expected ',' or ']' after array element in JSON at position 2"
    );
    let src = "try { JSON.parse('[1,') } catch (e) { e.message }";
    assert_eq!(run(src), "Unexpected end of JSON input");
}
