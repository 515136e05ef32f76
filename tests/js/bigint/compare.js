// Comparisons and equality across BigInt, Number, String, Boolean, objects.
const xs = [0n, -0n, 1n, -1n, 2n ** 64n, 0, -0, 1, 1.5, -1, NaN, Infinity, -Infinity, 2 ** 64, '1', '1.5', '0x10', ' 16 ', 'x', '', true, false, null, undefined];
for (const a of xs.slice(0, 5)) {
  const row = [];
  for (const b of xs) row.push(+(a == b), +(a === b), +(a < b), +(a <= b), +(a > b), +(a >= b));
  print(row.join(''));
}
for (const b of xs) {
  const a = 16n;
  print(String(b), a == b, b == a, a < b, b < a, a > b, b > a);
}
print(2n ** 64n == 2 ** 64, 2n ** 64n + 1n == 2 ** 64, 2n ** 64n + 1n > 2 ** 64, 9007199254740993n > 9007199254740992);
print(1n < 1.0000000001, -1n > -1.0000000001, 10n ** 400n > Number.MAX_VALUE, -(10n ** 400n) < -Number.MAX_VALUE);
print([10n, 9n, 1n, 2n, -3n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join());
print(0n ? 'y' : 'n', -0n ? 'y' : 'n', 1n ? 'y' : 'n', !0n, !!(2n ** 70n), 0n || 'or', 1n && 'and', 0n ?? 'nn');
const m = new Map([[1n, 'a'], [2n ** 80n, 'b']]);
m.set(1n, 'c');
print(m.size, m.get(1n), m.get(2n ** 80n), m.get(1), m.has(BigInt(1)), m.has('1'));
const s = new Set([0n, -0n, 0, 1n, BigInt('1'), 1]);
print(s.size, [...s].map(v => typeof v).join());
print([1n, 2n, 3n].indexOf(2n), [1n, 2n].includes(BigInt(2)), [1n].indexOf(1));
switch (3n) { case 3: print('number case'); break; case 3n: print('bigint case'); break; }
