// The BigInt built-in, its prototype, wrappers, conversions and JSON.
print(typeof BigInt, BigInt.length, BigInt.name, BigInt.prototype.constructor === BigInt);
print(BigInt(0), BigInt(-0), BigInt(42), BigInt(-1e21), BigInt(Number.MAX_SAFE_INTEGER), BigInt(2 ** 100));
print(BigInt(true), BigInt(false), BigInt(''), BigInt('  -123  '), BigInt('0b1010'), BigInt('0o777'), BigInt('0xFFFFffffFFFFffffF'));
for (const v of [1.5, NaN, Infinity, -Infinity, 1e-7]) { try { BigInt(v); } catch (e) { print(v, e.name); } }
for (const v of ['1.0', '1e3', '0x', '-0x1', '1n', '1_000', 'abc']) { try { BigInt(v); } catch (e) { print(JSON.stringify(v), e.name); } }
for (const v of [undefined, null, Symbol()]) { try { BigInt(v); } catch (e) { print(String(v), e.name); } }
try { new BigInt(1); } catch (e) { print('new', e.name); }
print(BigInt({ valueOf() { return 7; } }), BigInt({ toString() { return '8'; } }), BigInt([9]));
print(BigInt.asIntN(64, 2n ** 63n), BigInt.asIntN(64, 2n ** 64n - 1n), BigInt.asUintN(64, -1n), BigInt.asUintN(0, 5n), BigInt.asIntN(1, 1n));
print(BigInt.asIntN(200, -(2n ** 199n)), BigInt.asUintN(130, -(2n ** 129n)), BigInt.asIntN(3, 25n), BigInt.asUintN(2 ** 53 - 1, 5n));
for (const bits of [-1, 2 ** 53, Infinity]) { try { BigInt.asIntN(bits, 1n); } catch (e) { print(bits, e.name); } }
try { BigInt.asUintN(8, 1); } catch (e) { print('asUintN number', e.name); }
print(BigInt.asUintN('8', '257'), BigInt.asIntN(8.9, true));
const n = -123456789012345678901234567890n;
for (const r of [2, 3, 8, 10, 16, 32, 36]) print(r, n.toString(r));
for (const r of [1, 37, 0]) { try { n.toString(r); } catch (e) { print(r, e.name); } }
print((0n).toString(2), (255n).toString(undefined), typeof n.toLocaleString(), n.valueOf() === n);
try { BigInt.prototype.valueOf.call(1); } catch (e) { print('valueOf', e.name); }
try { BigInt.prototype.toString.call({}); } catch (e) { print('toString', e.name); }
print(Object.prototype.toString.call(1n), Object.prototype.toString.call(Object(1n)), String(Object(2n)));
const w = Object(3n);
print(typeof w, w instanceof BigInt, w.valueOf() === 3n, w + 1n, Object.getPrototypeOf(3n) === BigInt.prototype);
print((5n).constructor === BigInt, 5n.toString === BigInt.prototype.toString, 'toString' in Object(5n));
print({ [10n]: 'ten' }[10], { 20n: 'twenty' }['20'], [0, 1, 2][1n], 'abc'[2n]);
try { JSON.stringify({ a: 1n }); } catch (e) { print('JSON', e.name); }
try { JSON.stringify(Object(1n)); } catch (e) { print('JSON wrapper', e.name); }
BigInt.prototype.toJSON = function () { return this.toString() + 'n'; };
print(JSON.stringify({ a: 1n, b: [2n ** 70n], c: Object(3n) }));
delete BigInt.prototype.toJSON;
print(JSON.stringify({ a: 1 }, (k, v) => (typeof v === 'bigint' ? String(v) : v)));
print(JSON.stringify({ a: 5n }, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
