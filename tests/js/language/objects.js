// Object literals, properties, destructuring, getters.
var o = { a: 1, b: { c: 2 }, ["x" + 1]: 5, get g() { return 7; }, set s(v) { this.a = v; } };
print(o.a, o.b.c, o.x1, o.g);
o.s = 10;
print(o.a, "a" in o, "zz" in o, delete o.a, "a" in o);
var { b: { c }, x1, missing = "dflt" } = o;
print(c, x1, missing);
var { g, ...others } = { g: 1, h: 2, i: 3 };
print(g, Object.keys(others).length);
var s = { ...{ p: 1, q: 2 }, q: 3 };
print(s.p, s.q);
var proto = { hello() { return "hi " + this.name; } };
var obj = { __proto__: proto, name: "x" };
print(obj.hello(), Object.getPrototypeOf(obj) === proto);
var f = function () {};
var anon = { m: function () {}, n: () => 1 };
print(anon.m.name, anon.n.name);
print(o?.b?.c, o?.nope?.c, o.nope?.());
