// Arithmetic, bitwise and comparison operators on every pairing of numbers (int32, doubles,
// -0, NaN, infinities, int32 edges) and other types: the interpreter's inline number paths
// must agree with the generic ones. One line per pair (checked against node).
var vals = [0, -0, 1, -1, 1.5, NaN, Infinity, 2147483647, -2147483648, "1", "a", null, undefined, true, {}, 1n];
function show(v) { return Object.is(v, -0) ? "-0" : typeof v === "bigint" ? v + "n" : String(v); }
for (var a of vals) for (var b of vals) {
  var row = [a < b, a <= b, a > b, a >= b, a == b, a != b, a === b, a !== b].map(Number).join("");
  var s = 0;
  if (a < b) s |= 1; if (a <= b) s |= 2; if (a > b) s |= 4; if (a >= b) s |= 8;
  if (a == b) s |= 16; if (a != b) s |= 32; if (a === b) s |= 64; if (a !== b) s |= 128;
  var ops;
  try {
    ops = [a + b, a - b, a * b, a / b, a | b, a & b, a ^ b, a << b, a >> b].map(show).join(" ");
  } catch (e) { ops = e.name; }
  print(show(a), show(b), row, s, ops);
}
var x = 2147483647, y = -2147483648;
print([x + 1, y - 1, x * x, y * -1, 0 * -1, -1 * 0, x | 0, 1 << 31, -1 >> 31, 5 / 2, -5 / 0].map(show).join(" "));
// A literal int32 right operand (AddInt, …, UShrInt), over the same values.
for (var a of vals) {
  var lit;
  try {
    lit = [a + 1, a - 1, a * 2, a * 0, a * -1, a | 0, a ^ 5, a & 0x3fff, a << 3, a >> 1, a >>> 0, a + 2147483647, a - -2147483648, a + 1.5].map(show).join(" ");
  } catch (e) { lit = e.name; }
  print("lit", show(a), lit);
}
var o = { valueOf() { print("valueOf"); return 3; } };
print(o + 1, o * 2, o >>> 1, "s" + 1, 1 + "s");
