// Functions, closures, recursion, arguments, rest, defaults.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print(fib(20));
function counter() { var n = 0; return function () { return ++n; }; }
var c1 = counter(), c2 = counter();
print(c1(), c1(), c2());
var fs = [];
for (let i = 0; i < 3; i++) fs[i] = () => i;
print(fs[0](), fs[1](), fs[2]());
function args() { return arguments.length + ":" + arguments[1]; }
print(args(1, 2, 3));
function rest(a, ...r) { return a + "|" + r.length + "|" + r[1]; }
print(rest(1, 2, 3));
function defaults(a, b = a + 1, { c } = { c: 9 }) { return [a, b, c].length + " " + a + b + c; }
print(defaults(1));
var o = { v: 42, get() { return this.v; }, arrow() { return (() => this.v)(); } };
print(o.get(), o.arrow());
var named = function self(n) { return n ? self(n - 1) + 1 : 0; };
print(named(5), named.name, fib.length, rest.length);
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.sum = function () { return this.x + this.y; };
var p = new Point(3, 4);
print(p.sum(), p instanceof Point, p.constructor === Point);
print((function () { return typeof this; })(), (function () { "use strict"; return typeof this; })());
function deep(n) { return n === 0 ? 0 : 1 + deep(n - 1); }
print(deep(10000));
