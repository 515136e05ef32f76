// The interpreter's fast path for `a[i] = v` on existing elements must respect frozen and
// sealed arrays, holes, accessors and non-array objects.
var a = [1, 2, 3];
for (var i = 0; i < 3; i++) a[i] = a[i] * 10;
print(a.join());
var f = Object.freeze([1, 2]); f[0] = 9; print(f.join());
(function () { "use strict"; try { f[1] = 9; } catch (e) { print(e.name); } })();
var s = Object.seal([1, 2]); s[0] = 5; s[5] = 6; print(s.join(), s.length);
var h = [1, , 3]; h[1] = 2; print(h.join());
var o = { 0: "a", 1: "b" }; o[1] = "c"; print(o[0] + o[1]);
var g = [0]; Object.defineProperty(g, 0, { get: function () { return 7; }, set: function (v) { print("set", v); } }); g[0] = 1; print(g[0]);
var ro = [1, 2]; Object.defineProperty(ro, 1, { writable: false }); ro[1] = 3; print(ro.join());
var flags = new Array(10); flags.fill(true); for (var k = 2; k < 10; k += 2) flags[k - 1] = false; print(flags.join());
