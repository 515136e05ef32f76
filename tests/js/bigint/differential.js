// Differential check against node: random operands of 1 to ~440 limbs (Karatsuba and
// Burnikel–Ziegler sizes) through every operator, asIntN/asUintN, radix conversion, Number
// conversion and comparison, folded into one hash printed along the way.
let seed = 12345;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
function big() {
  // Random-looking limbs from a few squarings with random perturbations (cheap to build).
  const sizes = [1, 2, 5, 16, 40, 100, 300, 440];
  const bits = 64 * sizes[rnd(sizes.length)] - rnd(64);
  let v = BigInt(1 + rnd(1 << 30));
  while (v >> BigInt(bits) === 0n) v = v * v + BigInt(rnd(1 << 30)) * (v >> 7n) + BigInt(rnd(1 << 30));
  v = BigInt.asUintN(bits, v);
  if (rnd(3) === 0) v = -v;
  if (rnd(7) === 0) v = v * (1n << BigInt(rnd(200)));
  return v;
}
let h = 0n;
const M = (1n << 61n) - 1n;
function mix(v) { h = (h * 1000003n + (v % M + M) % M) % M; }
for (let i = 0; i < 120; i++) {
  const a = big(), b = big();
  mix(a + b); mix(a - b); mix(a * b);
  if (b !== 0n) { mix(a / b); mix(a % b); }
  mix(a & b); mix(a | b); mix(a ^ b); mix(~a);
  const sh = BigInt(rnd(300)) - 100n;
  mix(a << sh); mix(a >> sh);
  mix(BigInt.asIntN(rnd(500), a)); mix(BigInt.asUintN(rnd(500), b));
  const r = 2 + rnd(35);
  const s = a.toString(r);
  mix(BigInt(s.length));
  const back = r === 10 ? BigInt(s) : r === 16 ? (a < 0n ? -BigInt('0x' + s.slice(1)) : BigInt('0x' + s)) : a;
  mix(back === a ? 1n : 0n);
  mix(BigInt(Number(a) === Number(a) ? String(Number(a)).length : 0));
  mix(a < b ? 1n : 0n); mix(a == Number(b) ? 1n : 0n);
  if (i % 20 === 0) print(i, h);
}
print('final', h);
print(5n / (2n ** 1000n), -5n % (2n ** 1000n), (2n ** 1000n) % 7n, 7n / -(2n ** 600n));
