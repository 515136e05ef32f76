// Frames across the register stack's chunks: recursion with frames of different sizes,
// arguments read back through `arguments` and rest parameters, generators resumed at every
// depth, exceptions unwinding many frames, and recursion to the limit and back.
function big(n, a, b, c) {
  var x0 = n, x1 = a, x2 = b, x3 = c, x4 = 0, x5 = 0, x6 = 0, x7 = 0, x8 = 0, x9 = 0;
  var y0 = 1, y1 = 2, y2 = 3, y3 = 4, y4 = 5, y5 = 6, y6 = 7, y7 = 8, y8 = 9, y9 = 10;
  if (n === 0) return x1 + x2 + x3 + y9;
  return small(n - 1, a + 1, b, c) + x0 + y0;
}
function small(n, a, b, c) {
  if (n === 0) return a + b + c;
  return big(n - 1, a, b + 1, c) + arguments.length + rest(n, a, b, c);
}
function rest(...xs) { return xs.length; }
print(big(3000, 1, 2, 3));

// Each level of yield* resumes its inner generator from native code: keep it shallow.
function* walk(n) {
  if (n > 0) yield* walk(n - 1);
  yield n;
}
let total = 0;
for (const v of walk(60)) total += v;
print(total);

function thrower(n) {
  if (n === 0) throw new Error('deep');
  try { return thrower(n - 1); } finally { total++; }
}
try { thrower(4000); } catch (e) { print(e.message, total); }

let depth = 0;
function forever() { depth++; forever(); }
try { forever(); } catch (e) { print(e instanceof RangeError, depth > 1000); }
// The stack is usable again after the overflow.
print(big(2000, 1, 1, 1));

function args() { return Array.prototype.slice.call(arguments).join(','); }
function spreadDeep(n) { return n === 0 ? args(...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) : spreadDeep(n - 1); }
print(spreadDeep(2500));
