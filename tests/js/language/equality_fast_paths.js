// `==`/`!=` against null/undefined and identical objects take the interpreter's fast path;
// every pair of kinds must still give the spec's answer (expected output from node).
var o = {}, u, n = null, vals = [o, u, n, 0, "", NaN, "a", 1, true, false, [], {}, 1n];
var out = [];
for (var a of vals) for (var b of vals) out.push((a == b ? 1 : 0) + "" + (a != b ? 1 : 0) + (a === b ? 1 : 0) + (a !== b ? 1 : 0));
print(out.join(","));
for (var a of vals) { print(a == null, a != null, null == a, undefined != a, a === a, a !== a); }
