// Typed arrays and DataView: constructors, conversions, element access, methods.
var kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array];
var vals = [0, 1, -1, 127, 128, 255, 256, -129, 65535, 65536, 2147483648, -2147483649, 1.5, 2.5,
  -1.5, 0.1, NaN, Infinity, -Infinity, -0, 1e10, "7", true, null, undefined];
kinds.forEach(function (K) {
  var a = new K(vals.length);
  for (var i = 0; i < vals.length; i++) a[i] = vals[i];
  print(K.name, K.BYTES_PER_ELEMENT, K.prototype.BYTES_PER_ELEMENT, K.length, a.length,
    a.byteLength, Array.prototype.join.call(a, " "));
  print(Object.prototype.toString.call(a), a[Symbol.toStringTag], 1 / a[19]);
});
// Constructors.
var buf = new ArrayBuffer(16);
var u8 = new Uint8Array(buf, 4, 8);
u8[0] = 1; u8[7] = 0xff;
print(u8.byteOffset, u8.byteLength, u8.length, u8.buffer === buf, new Uint8Array(buf).join());
print(new Int16Array(buf, 2).length, new Float64Array(buf, 8).length);
["new Int16Array(buf, 1)", "new Int32Array(new ArrayBuffer(6))", "new Uint8Array(buf, 17)",
 "new Uint8Array(buf, 8, 9)", "new Uint8Array(-1)", "Uint8Array(2)", "new (Object.getPrototypeOf(Int8Array))()",
 "new DataView(buf, 17)", "new DataView({})"].forEach(function (s) {
  try { eval(s); print(s, "ok"); } catch (e) { print(s, e.name); }
});
print(new Int8Array([1, 2, 3]).join(), new Float32Array(new Set([1.5, 2])).join(),
  new Uint16Array({ length: 2, 0: 7, 1: "8" }).join(), new Int8Array(new Uint8Array([200, 100])).join());
print(new Uint8Array(new Float64Array([1.9, -1.2, 300])).join());
// Element access and out-of-range indices.
var t = new Int32Array(2);
t[5] = 1; t[-1] = 2; t["1.5"] = 3; t.x = 4;
print(t[5], t[-1], t["-0"], t.x, 5 in t, 1 in t, Object.keys(t).join(), JSON.stringify(t));
print(delete t[0], delete t[7], Object.getOwnPropertyDescriptor(t, 0).writable);
print(Reflect.defineProperty(t, 0, { value: 9 }), t[0], Reflect.defineProperty(t, 0, { value: 1, writable: false }));
// Prototype methods.
var a = new Int16Array([5, -3, 8, 0, 12, -7]);
print(a.at(-1), a.at(10), a.indexOf(8), a.lastIndexOf(5), a.includes(0), a.includes(NaN));
print(a.slice(1, 4).join(), a.slice(-2).join(), a.subarray(2).join(), a.subarray(1, -1).byteOffset);
print(a.map(function (x) { return x * 2; }).join(), a.filter(function (x) { return x > 0; }).join());
print(a.reduce(function (s, x) { return s + x; }), a.reduceRight(function (s, x) { return s + "," + x; }, ""));
print(a.every(function (x) { return x < 20; }), a.some(function (x) { return x > 10; }),
  a.find(function (x) { return x < 0; }), a.findIndex(function (x) { return x === 12; }),
  a.findLast(function (x) { return x > 0; }), a.findLastIndex(function (x) { return x > 100; }));
var s = [];
a.forEach(function (x, i, o) { s.push(i + ":" + x + (o === a)); });
print(s.join(" "));
print(a.slice().sort().join(), a.slice().sort(function (x, y) { return y - x; }).join(), a.slice().reverse().join());
print(new Float64Array([3, NaN, -0, 0, -Infinity, 1]).sort().join(), a.toSorted().join(), a.toReversed().join(), a.with(0, 100).join());
print(new Uint8Array(5).fill(7).join(), new Uint8Array(5).fill(9, 1, -1).join(), new Uint8Array([1, 2, 3, 4, 5]).copyWithin(0, 3).join());
print(new Uint8Array([1, 2, 3, 4, 5]).copyWithin(1, 0, 3).join(), a.join("-"), a.toString(), [...a.keys()].join(), [...a.values()].join());
print([...a.entries()].join(";"), a[Symbol.iterator] === a.values, Int8Array.prototype.toString === Array.prototype.toString);
var dst = new Uint8Array(6);
dst.set([1, 2]); dst.set(new Int8Array([-1, -2]), 3); print(dst.join());
var shared = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
new Uint16Array(shared.buffer, 0, 2).set(new Uint8Array(shared.buffer, 1, 2)); print(shared.join());
try { dst.set([1, 2, 3], 4); } catch (e) { print(e.name); }
print(Int8Array.from([1, 2, 3], function (x) { return x * 3; }).join(), Uint8Array.of(1, 2, 300).join(), Float32Array.from("123").join());
// Species.
class MyArray extends Uint8Array {}
var m = new MyArray([1, 2, 3]);
print(m.map(function (x) { return x; }) instanceof MyArray, m.slice(1) instanceof MyArray, m.subarray(1).constructor.name);
print(ArrayBuffer.isView(a), ArrayBuffer.isView(new DataView(buf)), ArrayBuffer.isView(buf), ArrayBuffer.isView([]));
print(Object.getPrototypeOf(Int8Array) === Object.getPrototypeOf(Float64Array), Object.getPrototypeOf(Int8Array.prototype) === Object.getPrototypeOf(Uint8Array.prototype));
var TA = Object.getPrototypeOf(Int8Array);
print(TA.name, TA.length, Object.getOwnPropertyNames(TA.prototype).sort().join());
// DataView.
var dv = new DataView(new ArrayBuffer(16), 2, 12);
print(dv.byteOffset, dv.byteLength, dv.buffer.byteLength, Object.prototype.toString.call(dv));
dv.setInt8(0, -1); dv.setUint16(1, 0x1234); dv.setUint16(3, 0x1234, true);
print(dv.getInt8(0), dv.getUint8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3), dv.getUint8(4), dv.getUint16(1, true));
dv.setInt32(0, -123456789); print(dv.getInt32(0), dv.getUint32(0), dv.getInt32(0, true));
dv.setFloat32(4, Math.PI, true); print(dv.getFloat32(4, true), dv.getFloat32(4));
dv.setFloat64(4, -1e300); print(dv.getFloat64(4), dv.getFloat64(4, true), dv.getUint8(4), dv.getUint8(11));
try { dv.getFloat64(5); } catch (e) { print(e.name); }
try { dv.setInt8(-1, 0); } catch (e) { print(e.name); }
// BigInt arrays.
var bi = new BigInt64Array([1n, -1n, 2n ** 63n, 2n ** 64n + 5n]);
print(bi.join(), new BigUint64Array(bi.buffer).join(), bi[1] === -1n, typeof bi[0]);
try { bi[0] = 1; } catch (e) { print(e.name); }
try { new BigInt64Array([1]); } catch (e) { print(e.name); }
try { new Int8Array(bi); } catch (e) { print(e.name); }
print(bi.slice().sort().join(), bi.indexOf(-1n), bi.includes(5n), bi.map(function (x) { return x * 2n; }).join(), bi.fill(7n, 2).join());
var dvb = new DataView(new ArrayBuffer(8));
dvb.setBigInt64(0, -2n); print(dvb.getBigInt64(0), dvb.getBigUint64(0), dvb.getBigInt64(0, true));
