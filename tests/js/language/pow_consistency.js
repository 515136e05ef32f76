// `x ** y` and Math.pow are the same Number::exponentiate.
let seed = 12345, same = 0, n = 0;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
for (let i = 0; i < 2000; i++) {
  const x = rnd() * 100 - 50, y = rnd() * 20 - 10;
  n++;
  if (x ** y === Math.pow(x, y) || (Number.isNaN(x ** y) && Number.isNaN(Math.pow(x, y)))) same++;
}
print(same === n, 2 ** 0.5 === Math.SQRT2, (-8) ** (1 / 3), 1 ** Infinity, NaN ** 0, (-0) ** -1);
let b = 3; b **= 2; print(b, 2n ** 10n);
