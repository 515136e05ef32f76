function* count(n) { for (let i = 0; i < n; i++) { const got = yield i; if (got) print("got", got); } return "end"; }
const g = count(3);
print(typeof g.next);
let r = g.next(); print(r.value, r.done);
r = g.next("a"); print(r.value, r.done);
r = g.next(); print(r.value, r.done);
r = g.next(); print(r.value, r.done);
r = g.next(); print(r.value, r.done);
print([...count(4)].join());
function* inner() { try { yield 1; yield 2; } finally { print("inner cleanup"); } }
function* outer() { yield 0; const v = yield* inner(); yield 3; }
for (const x of outer()) { print("x", x); if (x === 2) break; }
const t = outer(); t.next(); t.next();
try { t.throw(new Error("boom")); } catch (e) { print("caught", e.message); }
print(t.next().done);
const obj = { *gen() { yield* [10, 20]; } };
print([...obj.gen()].join());
class K { *[Symbol.iterator]() { yield "k1"; yield "k2"; } }
print([...new K()].join());
const it = count(5); it.next(); print(it.return(42).value, it.next().done);
function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
const fs = []; for (const f of fib()) { if (f > 50) break; fs.push(f); } print(fs.join(" "));
print(Object.getPrototypeOf(count) === Object.getPrototypeOf(function*(){}), count.prototype !== undefined);
