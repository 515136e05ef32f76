async function f(i) { await null; return [i]; }
var ps = [];
for (var i = 0; i < 5000; i++) ps.push(f(i));
Promise.all(ps).then(v => print(v.length));
class P { #x = [1, 2]; constructor(i) { this.i = i; } }
var objs = [];
for (var i = 0; i < 10000; i++) objs.push(new P(i));
print(objs.length);
function rec(n) { return n === 0 ? 0 : 1 + rec(n - 1); }
try { rec(1e9); } catch (e) { print(e.name); }
