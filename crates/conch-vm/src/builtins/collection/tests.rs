//! Keyed collections from Rust: the table's List semantics across compaction and clearing,
//! GC stress. (The behaviour tests proper are `tests/js/builtins/map_set.js` and
//! `set_methods.js`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn iterators_survive_compaction_and_clear() {
    let src = "var m = new Map(); for (var i = 0; i < 1000; i++) m.set(i, i);
        var it = m.keys(); it.next();
        for (var i = 0; i < 990; i += 2) m.delete(i);
        var r = []; for (var k of it) { r.push(k); if (r.length > 3) break; }
        var it2 = m.values(); it2.next(); m.clear(); m.set('a', 'b');
        r.join() + '|' + it2.next().value + '|' + m.size";
    assert_eq!(run(src), "1,3,5,7|b|1");
}

#[test]
fn keys_compare_with_same_value_zero() {
    let src = "var m = new Map([[0, 'z'], ['ab', 1], [1.5, 2]]);
        [m.get(-0), m.get('a' + 'b'), m.get(3 / 2), m.has(NaN), new Set([NaN, NaN, 0, -0]).size].join()";
    assert_eq!(run(src), "z,1,2,false,2");
}

#[test]
fn many_entries_and_deletes() {
    let src = "var s = new Set(); for (var i = 0; i < 20000; i++) { s.add('k' + i); if (i % 3) s.delete('k' + (i - 1)); }
        var n = 0; s.forEach(function () { n++; }); n + ':' + s.size";
    let r = run(src);
    let (a, b) = r.split_once(':').unwrap();
    assert_eq!(a, b);
}
