print([3, 1, 2].sort().join());
print([10, 9, 1, 100].sort().join());
print([10, 9, 1, 100].sort(function (a, b) { return a - b; }).join());
print(["b", undefined, "a", , "c"].sort().join("|"));
var h = [3, , undefined, 1];
h.sort();
print(h.length, h[0], h[1], h[2], h.hasOwnProperty(3));
// Stability.
var recs = [];
for (var i = 0; i < 20; i++) recs.push({ k: i % 3, i: i });
recs.sort(function (a, b) { return a.k - b.k; });
var ok = true;
for (var j = 1; j < recs.length; j++) {
  if (recs[j - 1].k === recs[j].k && recs[j - 1].i > recs[j].i) ok = false;
}
print(ok, recs[0].i, recs[19].i);
// Comparator that mutates the array: no crash, all original values kept.
var mut = [5, 4, 3, 2, 1];
mut.sort(function (a, b) { mut.length = 0; mut.push("junk"); return a - b; });
print(mut.join());
// Inconsistent comparator terminates.
var inc = [];
for (var z = 0; z < 50; z++) inc.push(z);
inc.sort(function () { return 1; });
print(inc.length);
// NaN from the comparator counts as 0.
print([2, 1].sort(function () { return NaN; }).join());
try { [1].sort(1); } catch (e) { print(e instanceof TypeError); }
try { [1].sort(null); } catch (e) { print(e instanceof TypeError); }
print([1].sort(undefined).join());
// Comparator throws: propagates.
try { [1, 2].sort(function () { throw "boom"; }); } catch (e) { print(e); }
// toSorted
var orig = [3, 1, , 2];
var ts = orig.toSorted();
print(ts.join(), ts.length, orig.join(), ts.hasOwnProperty(3));
try { orig.toSorted("x"); } catch (e) { print(e instanceof TypeError); }
// Array-likes.
var al = { length: 3, 0: "c", 1: "a", 2: "b" };
Array.prototype.sort.call(al);
print(al[0], al[1], al[2]);
// Strings compare by code units.
print(["\u00e9", "z", "a", "\ud83d\ude00", "\uffff"].sort().join(","));
print(Array.prototype.sort.length, Array.prototype.toSorted.name);
// One element: nothing to compare, so no toString call.
var calls = 0;
[{ toString: function () { calls++; return "x"; } }].sort();
print(calls);
