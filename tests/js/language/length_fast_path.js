// `x.length` on arrays and strings skips the inline cache; everything else must not.
function len(x) { return x.length; }
var a = [1, 2, 3];
var holey = [];
holey[100] = 1;
var big = [];
big.length = 4294967295;
class MyArray extends Array {}
var sub = MyArray.from([1, 2]);
var out = [len(a), len(holey), len(big), len(sub), len("héllo"), len(""), len("😀")];
a.length = 1;
out.push(len(a));
out.push(len(new String("abcd")), len(function (p, q) {}), len({ length: "own" }));
out.push(len(new Uint8Array(7)), len(Object.create([1, 2, 3])), len(Object.create("xyz".split(""))));
var p = new Proxy([1, 2], { get: (t, k) => (k === "length" ? 42 : t[k]) });
out.push(len(p));
(function () { out.push(len(arguments)); })(1, 2, 3, 4, 5);
Object.defineProperty(Array.prototype, "length2", { get() { return "proto"; }, configurable: true });
out.push([].length2);
try { len(null); } catch (e) { out.push(e.constructor.name); }
print(out.join(" "));
