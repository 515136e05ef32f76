// Property loads and stores through the interpreter's inline caches must see every change:
// new shapes, prototype swaps, deletions, accessors replacing data, frozen objects, and sites
// that see several shapes.
function getX(o) { return o.x; }
function setX(o, v) { o.x = v; return o.x; }
var a = { x: 1 }, b = { y: 0, x: 2 }, c = { z: 0, w: 0, x: 3 };
var r = [];
for (var i = 0; i < 3; i++) r.push(getX(a), getX(b), getX(c));
print(r.join());
// Prototype hits, then the prototype changes or gets a shadowing own property.
function P() {}
P.prototype.m = function () { return "P"; };
var p = new P();
function callM(o) { return o.m(); }
print(callM(p), callM(p));
P.prototype.m = function () { return "P2"; };
print(callM(p));
p.m = function () { return "own"; };
print(callM(p));
delete p.m;
print(callM(p));
Object.setPrototypeOf(p, { m: function () { return "swapped"; } });
print(callM(p));
// Accessor replacing a data property on the prototype.
var proto = { v: 1 };
var child = Object.create(proto);
function getV(o) { return o.v; }
print(getV(child), getV(child));
Object.defineProperty(proto, "v", { get: function () { return "getter"; } });
print(getV(child));
// Stores: cached, then the object is frozen, then made non-writable.
var s = { x: 0 };
print(setX(s, 1), setX(s, 2));
Object.freeze(s);
print(setX(s, 3));
var t = { x: 0 };
setX(t, 5);
Object.defineProperty(t, "x", { writable: false });
print(setX(t, 6));
// A setter on the prototype is not an own property.
var ps = { set x(v) { this._x = v * 10; }, get x() { return this._x; } };
var q = Object.create(ps);
print(setX(q, 4), Object.keys(q).join());
// Many properties (dictionary mode) and deletions.
var d = {};
for (var k = 0; k < 200; k++) d["p" + k] = k;
function getP5(o) { return o.p5; }
print(getP5(d), getP5(d));
delete d.p5;
print(getP5(d));
d.p5 = "back";
print(getP5(d));
// Arrays: length is not a stored property; methods come from Array.prototype.
function len(x) { return x.length; }
var arr = [1, 2, 3];
print(len(arr), len(arr));
arr.push(4);
print(len(arr), len("abcde"), len({ length: 9 }));
// Classes and subclasses share method sites.
class A { f() { return "A"; } }
class B extends A { g() { return "B"; } }
function callF(o) { return o.f(); }
print(callF(new A()), callF(new B()), callF(new B()), callF(new A()));
A.prototype.f = function () { return "A2"; };
print(callF(new A()), callF(new B()));
