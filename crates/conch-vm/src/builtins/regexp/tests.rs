//! RegExp through scripts (the matcher itself is tested in `conch-regexp`).

use crate::builtins::test_support::run;

#[test]
fn exec_and_result_array() {
    assert_eq!(run("/a(b)?c/.exec('xacz') + ''"), "ac,");
    assert_eq!(run("var m = /(?<y>\\d{4})-(?<m>\\d\\d)/.exec('on 2024-05'); m.index + m.groups.y + m.groups.m"), "3202405");
    assert_eq!(
        run("var m = /b(c)/d.exec('abc'); m.indices[0] + '|' + m.indices[1]"),
        "1,3|2,3"
    );
    assert_eq!(run("/x/.exec('y')"), "null");
}

#[test]
fn global_and_sticky_last_index() {
    assert_eq!(
        run("var r = /a/g; r.test('aa'); r.test('aa'); r.lastIndex"),
        "2"
    );
    assert_eq!(
        run("var r = /a/g; r.test('aa'); r.test('aa'); r.test('aa'); r.lastIndex"),
        "0"
    );
    assert_eq!(
        run("var r = /b/y; r.test('ab') + ',' + r.lastIndex"),
        "false,0"
    );
}

#[test]
fn flags_source_to_string() {
    assert_eq!(run("/a\\/b/gimsuyd.flags"), "dgimsuy");
    assert_eq!(run("String(new RegExp('a/b\\n', 'g'))"), "/a\\/b\\n/g");
    assert_eq!(run("new RegExp('').source"), "(?:)");
    assert_eq!(run("RegExp.prototype.global"), "undefined");
    assert_eq!(
        run("try { new RegExp('(') } catch (e) { e.name }"),
        "SyntaxError"
    );
    assert_eq!(
        run("try { new RegExp('a', 'gg') } catch (e) { e.name }"),
        "SyntaxError"
    );
    assert_eq!(run("new RegExp('\\\\p{L}+', 'u').exec('12abc3')[0]"), "abc");
    assert_eq!(
        run("try { new RegExp('\\\\p{Latin}', 'u') } catch (e) { e.message }"),
        "Invalid regular expression: /\\p{Latin}/u: Invalid property name"
    );
}

#[test]
fn legacy_statics() {
    assert_eq!(
        run("/(\\d+)-(\\d+)/.exec('a 12-34 b'); [RegExp.$1, RegExp.$2, RegExp.lastMatch, RegExp['$`'], RegExp.rightContext, RegExp.lastParen].join('|')"),
        "12|34|12-34|a | b|34"
    );
    assert_eq!(
        run("class S extends RegExp {}; new S('a').exec('a'); try { RegExp.$1 } catch (e) { e.name }"),
        "TypeError"
    );
}

#[test]
fn string_methods() {
    assert_eq!(run("'a1b22c'.match(/\\d+/g) + ''"), "1,22");
    assert_eq!(run("'a1b22c'.replace(/(\\d+)/g, '<$1>')"), "a<1>b<22>c");
    assert_eq!(run("'abc'.replace('b', '$&$&')"), "abbc");
    assert_eq!(run("'a.b.c'.replaceAll('.', '-')"), "a-b-c");
    assert_eq!(
        run("'x-y'.replace(/(?<l>\\w)-(?<r>\\w)/, '$<r>-$<l>')"),
        "y-x"
    );
    assert_eq!(run("'abc'.replace(/b/, (m, i, s) => m + i + s)"), "ab1abcc");
    assert_eq!(run("'a, b,c'.split(/\\s*,\\s*/) + ''"), "a,b,c");
    assert_eq!(run("'abc'.split(/(b)/) + ''"), "a,b,c");
    assert_eq!(run("'hello'.search(/l/)"), "2");
    assert_eq!(
        run("[...'a1b2'.matchAll(/\\d/g)].map(m => m[0] + m.index).join()"),
        "11,23"
    );
}

#[test]
fn literal_sites_share_programs_but_not_objects() {
    assert_eq!(run("function f() { return /a/g } var a = f(), b = f(); (a !== b) + ',' + a.test('a') + ',' + b.lastIndex"), "true,true,0");
}

#[test]
fn escape() {
    assert_eq!(run("RegExp.escape('a.b*c')"), "\\x61\\.b\\*c");
}
