print(Array.from([1, 2, 3]).join(), Array.from("abc").join());
print(Array.from({ length: 3 }).length, Array.from({ length: 2, 0: "x" }).join("|"));
print(Array.from([1, 2], function (x, i) { return x * 10 + i; }).join());
print(Array.from({ length: 2, 0: 5, 1: 6 }, function (x) { return this.m * x; }, { m: 2 }).join());
var iterable = {};
iterable[Symbol.iterator] = function () {
  var i = 0;
  return { next: function () { i++; return { value: i, done: i > 3 }; } };
};
print(Array.from(iterable).join());
// The iterator is closed when the mapper throws.
var closed = false;
var it2 = {};
it2[Symbol.iterator] = function () {
  return {
    next: function () { return { value: 1, done: false }; },
    return: function () { closed = true; return {}; },
  };
};
try { Array.from(it2, function () { throw "stop"; }); } catch (e) { print(e, closed); }
try { Array.from([], 5); } catch (e) { print(e instanceof TypeError); }
print(Array.from.length, Array.from.name);
print(Array.of(7).length, Array.of(7)[0], Array.of(1, 2, 3).join(), Array.of().length);
print(Array.of.length, Array.isArray(Array.of()));
// A non-constructor this gives a plain array.
var of = Array.of;
print(Array.isArray(of(1, 2)), of(1, 2).join());
function C() { this.made = true; }
var c = Array.of.call(C, "a", "b");
print(c.made, c.length, c[1], Array.isArray(c));
var f = Array.from.call(C, { length: 1, 0: "z" });
print(f.made, f.length, f[0]);
