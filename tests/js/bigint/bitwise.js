// Bitwise operators and shifts on two's-complement semantics.
const vals = [0n, 1n, -1n, 5n, -5n, 255n, -256n, 2n ** 64n - 1n, -(2n ** 64n), 123456789012345678901234567890n, -98765432109876543210n];
for (const a of vals) {
  const row = [];
  for (const b of vals.slice(0, 6)) row.push(a & b, a | b, a ^ b);
  print(row.join(' '));
}
for (const a of vals) print(a << 3n, a >> 3n, a << -3n, a >> -3n, a >> 200n, a << 0n, ~a);
print(-1n >> 1000000000000n, 1n >> 1000000000000n, 0n << 1000000000000n);
print(-(2n ** 64n) >> 64n, -(2n ** 64n + 1n) >> 64n, (2n ** 64n + 1n) >> 64n);
try { 1n >>> 0n; } catch (e) { print(e.name, e.message.length > 0); }
