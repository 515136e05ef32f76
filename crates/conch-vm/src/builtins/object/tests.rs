//! `Object` additions from Rust: Annex B accessors, `groupBy`, `fromEntries`, the immutable
//! `Object.prototype`. (The behaviour test proper is `tests/js/builtins/object_lib.js`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn proto_accessor_reads_and_writes_the_prototype() {
    let src = "var o = {}; var a = [o.__proto__ === Object.prototype];
        o.__proto__ = Array.prototype; a.push(o instanceof Array);
        o.__proto__ = 5; a.push(o instanceof Array);
        var n = Object.create(null); a.push(n.__proto__);
        a.push((1).__proto__ === Number.prototype);
        try { Object.prototype.__proto__ = {}; } catch (e) { a.push(e.name); }
        try { Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').set.call(undefined, {}); }
        catch (e) { a.push(e.name); }
        a.push(Object.getPrototypeOf({ __proto__: Array.prototype }) === Array.prototype);
        a.join()";
    assert_eq!(run(src), "true,true,true,,true,TypeError,TypeError,true");
}

#[test]
fn legacy_accessor_methods() {
    let src = "var p = {}; p.__defineGetter__('x', function () { return 1; });
        var o = Object.create(p); var s;
        o.__defineSetter__('y', function (v) { s = v; }); o.y = 9;
        var d = Object.getOwnPropertyDescriptor(o, 'y');
        [o.x, s, d.enumerable, d.configurable, o.__lookupGetter__('x') === p.__lookupGetter__('x'),
         o.__lookupSetter__('x'), o.__lookupGetter__('nope'),
         (function () { try { o.__defineGetter__('z', 1); } catch (e) { return e.name; } })()].join()";
    assert_eq!(run(src), "1,9,true,true,true,,,TypeError");
}

#[test]
fn group_by_and_from_entries() {
    let src =
        "var g = Object.groupBy([1, 2, 3, 4, 5], function (v) { return v % 2 ? 'odd' : 'even'; });
        var f = Object.fromEntries(new Map([['a', 1], [2, 'b']]));
        [Object.getPrototypeOf(g), Object.keys(g), g.odd, g.even, JSON.stringify(f),
         Object.is(NaN, NaN), Object.is(0, -0), Object.hasOwn(f, 'a'),
         Object.keys(Object.getOwnPropertyDescriptors([1])).join('/')].join('|')";
    assert_eq!(
        run(src),
        "|odd,even|1,3,5|2,4|{\"2\":\"b\",\"a\":1}|true|false|true|0/length"
    );
}

#[test]
fn group_by_closes_the_iterator_on_a_throwing_callback() {
    let src = "var closed = false;
        var it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; },
            return() { closed = true; return {}; } }; } };
        try { Object.groupBy(it, function () { throw 'x'; }); } catch (e) {}
        closed";
    assert_eq!(run(src), "true");
}
