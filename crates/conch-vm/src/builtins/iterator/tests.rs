//! Iterator helpers, `Iterator.from`/`concat` and the prototype's accessors.

#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn helpers_are_lazy_and_chain() {
    assert_eq!(
        run(
            "let log = []; function* g() { for (let i = 0; i < 10; i++) { log.push(i); yield i; } }
             let it = g().map(x => x * 2).filter(x => x % 3 != 0).drop(1).take(3);
             let first = log.length;
             [first, it.toArray().join(), log.join(), String(it)].join('|')"
        ),
        "0|4,8,10|0,1,2,3,4,5|[object Iterator Helper]"
    );
}

#[test]
fn flat_map_and_consumers() {
    assert_eq!(
        run(
            "let a = [1, 2].values().flatMap(x => [x, x * 10]).toArray().join();
             let r = [1, 2, 3].values().reduce((s, x) => s + x);
             let f = [1, 2, 3].values().find(x => x > 1);
             let s = [1, 2, 3].values().some(x => x > 2) + ',' + [1].values().every(x => x > 2);
             [a, r, f, s].join('|')"
        ),
        "1,10,2,20|6|2|true,false"
    );
}

#[test]
fn running_helper_throws_and_return_closes() {
    assert_eq!(
        run(
            "let closed = 0; let it; let src = { __proto__: Iterator.prototype,
               next() { return { value: 1, done: false }; }, return() { closed++; return {}; } };
             it = src.map(() => it.next());
             let e; try { it.next(); } catch (x) { e = x.constructor.name; }
             let h = src.take(5); h.next(); h.return(); h.return();
             [e, closed, JSON.stringify(h.next())].join('|')"
        ),
        "TypeError|2|{\"done\":true}"
    );
}

#[test]
fn abstract_constructor_from_and_concat() {
    assert_eq!(
        run(
            "let e; try { new Iterator(); } catch (x) { e = x.constructor.name; }
             class C extends Iterator {} let c = new C();
             let w = Iterator.from({ next() { return { done: true }; } });
             [e, c instanceof Iterator, Object.getPrototypeOf(Object.getPrototypeOf(w)) === Iterator.prototype,
              Iterator.from('ab').toArray().join(), Iterator.concat([1], new Set([2])).toArray().join(),
              Iterator.prototype[Symbol.toStringTag], Iterator.prototype.constructor === Iterator].join('|')"
        ),
        "TypeError|true|true|a,b|1,2|Iterator|true"
    );
}

#[test]
fn accessors_ignore_the_prototype() {
    assert_eq!(
        run(
            "let o = Object.create(Iterator.prototype); o[Symbol.toStringTag] = 'x';
             let e; try { Iterator.prototype.constructor = 1; } catch (x) { e = x.constructor.name; }
             [Object.getOwnPropertyDescriptor(o, Symbol.toStringTag).value, e, Iterator.prototype[Symbol.toStringTag]].join('|')"
        ),
        "x|TypeError|Iterator"
    );
}

#[test]
fn zip_modes_and_chunking() {
    assert_eq!(
        run(
            "let z = Iterator.zip([[1, 2], [3, 4, 5]], { mode: 'longest' }).toArray();
             let k = Iterator.zipKeyed({ x: [1], y: [2, 3] }).toArray();
             let c = [1, 2, 3].values().chunks(2).toArray();
             let w = [1, 2, 3].values().windows(2).toArray();
             JSON.stringify([z, k, c, w, [1, 2].values().join('+'), [3].values().includes(3)])"
        ),
        "[[[1,3],[2,4],[null,5]],[{\"x\":1,\"y\":2}],[[1,2],[3]],[[1,2],[2,3]],\"1+2\",true]"
    );
}
