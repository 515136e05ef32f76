// Number and BigInt toLocaleString without Intl: the "en-US" default format, as node prints it
// (grouping commas, at most three fraction digits rounded half away from zero from the
// shortest round-trip digits, -0, ∞). Expected output from node 20.
const xs = [0, -0, 1, -1, 0.5, 1234, 12345.6789, 1234567.891, -1234.5, 0.0001, -0.0001, 0.0005,
  1.0005, 2.5, 1e21, 1.5e300, 123456789012345680000, NaN, Infinity, -Infinity, 0.1 + 0.2,
  999.9996, 5e-324, 1e-7, 100, 1000, 999999.9999, 1.7976931348623157e308, -987654.3215, 0.9995,
  12.3456, 0.125, 1e6, -1e-3];
for (const x of xs) console.log(x.toLocaleString());
console.log((12n ** 20n).toLocaleString(), (-1234n).toLocaleString(), 0n.toLocaleString(),
  (-123n).toLocaleString(), 999n.toLocaleString(), (-1000n).toLocaleString());
console.log([1234, 5.5, null, "x", 1234567n, undefined, -0].toLocaleString());
console.log(Number.prototype.toLocaleString.call(new Number(4321.5)));
try { Number.prototype.toLocaleString.call("1"); } catch (e) { console.log(e.name); }
