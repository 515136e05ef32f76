print(Number.EPSILON, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
print(Number.parseInt === parseInt, Number.parseFloat === parseFloat);
print(Number.isFinite(1), Number.isFinite("1"), Number.isNaN(NaN), Number.isNaN("x"), Number.isInteger(5.0), Number.isInteger(5.5), Number.isInteger(Infinity));
print(Number.isSafeInteger(2 ** 53 - 1), Number.isSafeInteger(2 ** 53), Number.isSafeInteger(-0), Number.isSafeInteger(1.5));
var vals = [0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 1.005, 1.255, 123.456, 0.000001234, 1e-7, 1e21, 1.23e20, 9.995, 99.995, 5e-324, 1.7976931348623157e308, 0.1, 1/3, -1234.5678, 4.35, 1.45, 8.345, NaN, Infinity, -Infinity];
for (var v of vals) {
  print(String(v), v.toFixed(), v.toFixed(2), v.toFixed(20), v.toExponential(), v.toExponential(0), v.toExponential(3), v.toExponential(20), v.toPrecision(), v.toPrecision(1), v.toPrecision(3), v.toPrecision(21));
}
print((0.1).toFixed(100));
print((5e-324).toExponential(100));
print((1.7976931348623157e308).toPrecision(100));
print((123.456).toPrecision(4), (0.00001).toPrecision(1), (1e-7).toPrecision(1), (123456).toPrecision(2), (-0.000001).toFixed(3));
for (var bad of [[1, "toFixed", 101], [1, "toFixed", -1], [1, "toExponential", 101], [1, "toPrecision", 0], [1, "toPrecision", 101], [1, "toFixed", Infinity], [NaN, "toPrecision", 0]]) {
  try { print(bad[0][bad[1]](bad[2])); } catch (e) { print(e.name); }
}
print(NaN.toExponential(Infinity), Infinity.toFixed(50));
try { Number.prototype.toFixed.call("1", 1); } catch (e) { print(e.name); }
print(Number.prototype.toFixed.call(new Number(1.5), 1));
print((255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (3.14159).toString(8), (2 ** 50).toString(36), (0.1).toString(3));
print(Number.prototype.toFixed.length, Number.prototype.toPrecision.length, Number.prototype.toExponential.name, (12.5).toLocaleString());
