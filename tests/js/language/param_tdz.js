function f(a = b, b) { return [a, b]; }
try { f(); } catch (e) { print(e.name); }
print(f(1, 2).join());
function g(a, b = a + 1, { c } = { c: b }) { a = 5; return [a, b, c].join(); }
print(g(1));
var h = (x = 1, y = x * 2) => x + y;
print(h());
