// Mixing rules: BigInt with Number is a TypeError, except comparisons; strings concatenate.
const ops = [
  ['+', (a, b) => a + b], ['-', (a, b) => a - b], ['*', (a, b) => a * b], ['/', (a, b) => a / b],
  ['%', (a, b) => a % b], ['**', (a, b) => a ** b], ['&', (a, b) => a & b], ['|', (a, b) => a | b],
  ['^', (a, b) => a ^ b], ['<<', (a, b) => a << b], ['>>', (a, b) => a >> b], ['>>>', (a, b) => a >>> b],
];
for (const [name, f] of ops) {
  const out = [];
  for (const [a, b] of [[1n, 1], [1, 1n], [1n, true], [1n, null], [1n, undefined]]) {
    try { out.push(String(f(a, b))); } catch (e) { out.push(e.name); }
  }
  print(name, out.join(' '));
}
try { +1n; } catch (e) { print('unary +', e.name); }
try { Math.max(1n); } catch (e) { print('Math.max', e.name); }
try { isNaN(1n); } catch (e) { print('isNaN', e.name); }
print(1n + '', '' + -2n, `${3n}`, 'x' + 10n ** 20n, [1n, 2n].join(), String([3n]));
print(1n + { valueOf() { return 2n; } }, { toString() { return 'o'; } } + 1n);
try { 1n + { valueOf() { return 2; } }; } catch (e) { print(e.name); }
const objs = [Object(5n), { valueOf: () => 5n }, { [Symbol.toPrimitive]: () => 5n }];
for (const o of objs) print(o * 2n, -o, ~o, o == 5n, o === 5n, typeof o);
print(Number(1n), Number(-(2n ** 53n) - 1n), Number(2n ** 53n + 1n), Number(2n ** 53n + 3n), Number(2n ** 1024n), Number(-(2n ** 1023n) * 3n / 2n));
print(parseInt('12n'), parseFloat('1.5n'), Number('1n'));
