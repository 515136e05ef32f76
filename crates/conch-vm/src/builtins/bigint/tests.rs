//! `BigInt`, its prototype, and BigInt values in the language's operators.

use crate::builtins::test_support::run;

#[test]
fn literals_typeof_and_strings() {
    assert_eq!(run("typeof 1n"), "bigint");
    assert_eq!(run("String(0x1fn) + ' ' + `${-12n}`"), "31 -12");
    assert_eq!(
        run("(2n ** 100n).toString()"),
        "1267650600228229401496703205376"
    );
    assert_eq!(
        run("(255n).toString(16) + (-255n).toString(2)"),
        "ff-11111111"
    );
    assert_eq!(run("Object.prototype.toString.call(1n)"), "[object BigInt]");
}

#[test]
fn constructor_rules() {
    assert_eq!(run("BigInt(12) === 12n"), "true");
    assert_eq!(run("BigInt(' 0x10 ') + BigInt(true)"), "17");
    assert_eq!(
        run("try { BigInt(1.5) } catch (e) { e.name }"),
        "RangeError"
    );
    assert_eq!(
        run("try { new BigInt(1) } catch (e) { e.name }"),
        "TypeError"
    );
    assert_eq!(
        run("try { BigInt('1.5') } catch (e) { e.name }"),
        "SyntaxError"
    );
    assert_eq!(
        run("try { BigInt(undefined) } catch (e) { e.name }"),
        "TypeError"
    );
    assert_eq!(
        run("BigInt.asIntN(8, 255n) + ',' + BigInt.asUintN(8, -1n)"),
        "-1,255"
    );
    assert_eq!(
        run("try { BigInt.asIntN(-1, 0n) } catch (e) { e.name }"),
        "RangeError"
    );
    assert_eq!(run("BigInt.length + BigInt.asIntN.length"), "3");
}

#[test]
fn operators_and_mixing() {
    assert_eq!(
        run("7n / 2n + ',' + -7n % 2n + ',' + (-7n >> 1n)"),
        "3,-1,-4"
    );
    assert_eq!(run("try { 1n + 1 } catch (e) { e.name }"), "TypeError");
    assert_eq!(run("try { +1n } catch (e) { e.name }"), "TypeError");
    assert_eq!(run("try { 1n >>> 0n } catch (e) { e.name }"), "TypeError");
    assert_eq!(run("try { 1n / 0n } catch (e) { e.name }"), "RangeError");
    assert_eq!(run("try { 2n ** -1n } catch (e) { e.name }"), "RangeError");
    assert_eq!(run("let x = 1n; x++; ++x; x"), "3");
    assert_eq!(run("-(-5n) + ~5n"), "-1");
    assert_eq!(run("1n + 'x'"), "1x");
    assert_eq!(
        run("try { 1n() } catch (e) { e.message }"),
        "(intermediate value) is not a function"
    );
    assert_eq!(
        run("[1n == 1, 1n === 1, 2n > 1, 1n < 1.5, '10' > 9n, 0n ? 1 : 2]"),
        "true,false,true,true,true,2"
    );
    assert_eq!(
        run("[1n == '1', 1n == 'x', Object(1n) == 1n, -0 == 0n]"),
        "true,false,true,true"
    );
}

#[test]
fn collections_compare_by_value() {
    assert_eq!(
        run("const m = new Map([[10n ** 30n, 'a']]); m.get(10n ** 30n) + m.has(1n) + new Set([1n, 1n, 2n ** 64n, 2n ** 64n]).size"),
        "afalse2"
    );
    assert_eq!(run("[0n].includes(-0n) && [5n, 6n].indexOf(6n)"), "1");
}
