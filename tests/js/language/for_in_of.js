var r = [];
for (const k in { a: 1, b: 2 }) r[r.length] = () => k;
print(r[0](), r[1]());
var it = { [Symbol.iterator]() { var i = 0; return { next() { i++; return { done: i > 2, value: { a: i, b: i * 2 } }; }, return() { print("closed"); return {}; } }; } };
for (let { a, b } of it) print(a, b);
for (const x of it) { print(x.a); break; }
try { for (const x of it) throw new Error("inside"); } catch (e) { print(e.message); }
