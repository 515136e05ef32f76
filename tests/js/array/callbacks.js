var a = [1, 2, 3, 4];
var out = [];
a.forEach(function (v, i, arr) { out.push(v * i + (arr === a ? 0 : 100)); });
print(out.join());
print(a.map(function (x) { return x * x; }).join());
var m = [1, , 3].map(function (x) { return x; });
print(m.length, m.hasOwnProperty(1));
print(a.filter(function (x) { return x % 2; }).join());
print(a.some(function (x) { return x > 3; }), a.some(function (x) { return x > 4; }), [].some(function () { return true; }));
print(a.every(function (x) { return x > 0; }), a.every(function (x) { return x > 1; }), [].every(function () { return false; }));
print(a.reduce(function (s, x) { return s + x; }), a.reduce(function (s, x) { return s + x; }, 10));
print(a.reduceRight(function (s, x) { return s + x; }, ""), ["a", "b", "c"].reduceRight(function (s, x) { return s + x; }));
print([, , 5].reduce(function (s, x) { return s + x; }));
try { [].reduce(function () {}); } catch (e) { print(e instanceof TypeError, e.message); }
try { [, ,].reduceRight(function () {}); } catch (e) { print(e instanceof TypeError); }
try { a.map(null); } catch (e) { print(e instanceof TypeError); }
try { a.forEach({}); } catch (e) { print(e instanceof TypeError); }
var ctx = { k: 10 };
print(a.map(function (x) { return x + this.k; }, ctx).join());
// The callback sees mutations.
var g = [1, 2, 3];
var visits = [];
g.forEach(function (x, i) { visits.push(x); if (i === 0) { g.push(99); g[2] = 30; } });
print(visits.join());
var d = [1, 2, 3];
var visits2 = [];
d.forEach(function (x, i) { visits2.push(x); if (i === 0) delete d[1]; });
print(visits2.join());
// flat / flatMap
var nested = [1, [2, [3, [4, [5]]]]];
print(nested.flat().length, nested.flat(2).length, nested.flat(Infinity).join(), nested.flat(0).length, nested.flat(-1).length);
print([1, , [2, , 3]].flat().join(), [1, , [2, , 3]].flat().length);
print([1, 2, 3].flatMap(function (x) { return [x, x * 10]; }).join());
print([1, 2].flatMap(function (x) { return [[x]]; }).length, [1, 2].flatMap(function (x) { return [[x]]; })[0].length);
print(["a b", "c"].flatMap(function (s, i) { return i; }).join());
try { [1].flatMap(); } catch (e) { print(e instanceof TypeError); }
