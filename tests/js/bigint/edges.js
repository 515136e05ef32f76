// Differential check against node at the algorithms' edges: operand sizes around the Karatsuba
// (32 limbs) and Burnikel–Ziegler (48 limbs) thresholds and the 8-limb stack path, limbs of
// all ones, zeros and lone top bits, powers of two ± 1.
let seed = 777;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
function limb() {
  switch (rnd(6)) {
    case 0: return 0n;
    case 1: return (1n << 64n) - 1n;
    case 2: return 1n << 63n;
    case 3: return BigInt(rnd(1 << 30));
    default: return (BigInt(rnd(1 << 30)) << 34n) ^ (BigInt(rnd(1 << 30)) << 4n) ^ BigInt(rnd(16));
  }
}
function big() {
  const sizes = [1, 2, 3, 7, 8, 9, 31, 32, 33, 47, 48, 49, 50, 95, 96, 97, 100, 129, 200];
  const n = sizes[rnd(sizes.length)];
  let v = 0n;
  const mode = rnd(4);
  for (let i = 0; i < n; i++) v = (v << 64n) | (mode === 0 ? (1n << 64n) - 1n : mode === 1 && i > 0 ? 0n : limb());
  if (v === 0n) v = 1n;
  if (rnd(5) === 0) v = (1n << BigInt(64 * n - rnd(3))) + BigInt(rnd(3)) - 1n;
  if (rnd(3) === 0) v = -v;
  return v;
}
let h = 0n;
const M = (1n << 61n) - 1n;
function mix(v) { h = (h * 1000003n + (v % M + M) % M) % M; }
for (let i = 0; i < 100; i++) {
  const a = big(), b = big();
  mix(a * b); mix(a / b); mix(a % b); mix((a * b + a) / b); mix((a * b - 1n) % b);
  mix(a & b); mix(a | b); mix(a ^ b);
  const s = a.toString(10); mix(BigInt(s) === a ? 1n : 7n);
  const t = (a * b).toString(7); mix(BigInt(t.length));
  mix(BigInt.asIntN(64 * (1 + rnd(4)) + rnd(3) - 1, a));
  mix(a > b ? 1n : 0n); mix(BigInt(String(Number(b)).length));
  if (i % 25 === 0) print(i, h);
}
print('final', h);
