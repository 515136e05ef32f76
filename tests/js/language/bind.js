function f(a, b) { return this.x + a + b; }
var g = f.bind({ x: 1 }, 2);
print(g(3), g.name, g.length);
function P(a) { this.a = a; }
var BP = P.bind(null, 7);
var o = new BP();
print(o.a, o instanceof P);
