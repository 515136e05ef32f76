function mk(n) { return n ? [mk(n - 1), mk(n - 1)] : null; }
print(mk(12).length);
var m = new Map();
for (var i = 0; i < 10000; i++) m.set("k" + i, { v: i });
print(m.size);
function* g() { for (var i = 0; ; i++) yield [i]; }
var c = 0;
for (var x of g()) { if (++c > 10000) break; }
var clos = [];
for (let i = 0; i < 10000; i++) clos.push(() => i);
print(c, clos.length);
