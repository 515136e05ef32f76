// BigInt arithmetic: + - * / % ** and unary operators, small and large values.
print(1n + 2n, 10n - 20n, -3n * 4n, 7n / 2n, -7n / 2n, 7n % -2n, -7n % 2n, 2n ** 10n);
print(0n - 0n, -0n, 0n * -5n, (-1n) ** 3n, (-1n) ** 4n, 0n ** 0n, 1n ** 100000000n);
const big = 2n ** 200n + 12345678901234567890n;
print(big, big * big / big === big, big % 97n, -big % 97n);
print((big * big).toString().length, (big ** 5n).toString(36).slice(0, 20));
print(18446744073709551615n + 1n, 18446744073709551616n - 1n, -(2n ** 64n) * -(2n ** 64n));
let f = 1n;
for (let i = 1n; i <= 60n; i++) f *= i;
print(f);
print(f / (2n ** 50n), f % (10n ** 20n + 7n));
// Large products and quotients (Karatsuba-sized operands) agree with each other.
const a = 3n ** 5000n, b = 7n ** 3000n + 1n;
const p = a * b;
print(p / a === b, p / b === a, p % a, (p + 5n) % b, p.toString().length);
const q = (a + 12345n) / b, r = (a + 12345n) % b;
print(q * b + r === a + 12345n, r < b, r >= 0n);
let x = 5n; x++; ++x; x--; print(x, -x, ~x, ~-x, - -x);
let y = 10n; y += 5n; y -= 1n; y *= 3n; y /= 4n; y %= 7n; y **= 3n; print(y);
for (const [n, d] of [[1n, 0n], [0n, 0n], [-5n, 0n]]) {
  try { n / d; } catch (e) { print(e.name); }
  try { n % d; } catch (e) { print(e.name); }
}
try { 2n ** -1n; } catch (e) { print(e.name); }
try { 2n ** (2n ** 40n); } catch (e) { print(e.name); }
try { 1n << (2n ** 32n); } catch (e) { print(e.name); }
