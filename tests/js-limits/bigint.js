// BigInt-heavy allocation: growing values, their strings, collections keyed by them.
var f = 1n;
for (var i = 1n; i <= 2000n; i++) f *= i;
print(f.toString().length);
var keys = new Map();
for (var i = 0; i < 3000; i++) keys.set(BigInt(i) ** 5n, i);
print(keys.size, keys.get(10n ** 5n));
var parts = [];
for (var i = 0; i < 300; i++) parts.push((3n ** BigInt(200 + i)).toString(36));
print(parts.length, BigInt(parts[299].length));
var x = 7n ** 40000n;
var s = x.toString();
print(s.length, BigInt(s) === x, x / (x >> 1000n), x % 1000003n);
var big = 1n;
for (var i = 0; i < 20; i++) big = big * big + 1n;
print(big.toString(16).length);
