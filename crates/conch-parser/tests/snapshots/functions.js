function f(a, b = 1, { c }, ...d) { return arguments; }
function s(x) { "use strict"; return x; }
const g = async (x, y) => await x + y;
function* gen() { const v = yield* inner(); yield v; }
const o = { m() { return super.m(); }, get p() { return 1; }, set p(v) {}, [k]: 2, async *ag() {} };
let counter = (() => { let n = 0; return () => n++; })();
