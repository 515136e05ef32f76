// `x++` / `x--` / `++x` / `--x` on local registers (PostInc/PostDec), over every kind of value,
// and keyed stores whose key needs (or needs no) ToPropertyKey before the right side runs.
function show(v) { return Object.is(v, -0) ? "-0" : typeof v === "bigint" ? v + "n" : String(v); }
function f(v) {
  let a = v, b = v, c = v, d = v;
  const r = [a++, a, b--, b, ++c, c, --d, d];
  return r.map(show).join(" ");
}
var log = [];
var obj = { valueOf() { log.push("valueOf"); return 41; } };
for (const v of [0, -0, 1.5, 2147483647, -2147483648, "7", "x", "", null, undefined, true, 10n, obj]) {
  print(f(v));
}
print(log.join());
try { (function () { let s = Symbol(); s++; })(); } catch (e) { print(e.constructor.name); }
(function () {
  let i = 0, j = 5;
  const arr = [];
  while (j-- > 0) arr[i++] = j;
  print(arr.join(), i, j);
})();
var order = [];
var key = { toString() { order.push("key"); return "k"; } };
var target = {};
target[key] = (order.push("rhs"), 1);
var n = 2;
target[n * 2] = (order.push("rhs2"), 2);
target[`t${n}`] = 3;
print(order.join(), JSON.stringify(target));
