// Resizable ArrayBuffers, growable SharedArrayBuffers, length-tracking and out-of-bounds
// views, and Atomics (expected output from node 20).
var rab = new ArrayBuffer(8, { maxByteLength: 32 });
var track = new Uint16Array(rab);
var fixed = new Uint16Array(rab, 2, 2);
var tail = new Uint8Array(rab, 4);
var dv = new DataView(rab, 2);
var dvFixed = new DataView(rab, 0, 6);
function show(label) {
  print(label, rab.byteLength, track.length, track.byteLength, fixed.length, fixed.byteOffset,
    tail.length, tail.byteOffset, dv.byteLength);
  try { print("  dvFixed", dvFixed.byteLength, dvFixed.byteOffset); } catch (e) { print("  dvFixed", e.name); }
}
print(rab.resizable, rab.maxByteLength, new ArrayBuffer(4).resizable, new ArrayBuffer(4).maxByteLength);
for (var i = 0; i < track.length; i++) track[i] = i + 1;
show("start");
rab.resize(20);
show("grown");
print(" ", track.join(), tail.join());
rab.resize(5);
show("shrunk");
print(" ", track.join(), Array.prototype.join.call(fixed), tail.join());
rab.resize(3);
show("below");
["fixed.fill(1)", "fixed.at(0)", "track.at(0)", "tail.join()", "dvFixed.getInt8(0)",
 "dv.getInt8(0)", "dv.getInt8(1)", "rab.resize(33)", "rab.resize(-1)",
 "new Uint8Array(rab, 4)", "new DataView(rab, 4)"].forEach(function (s) {
  try { print(s, String(eval(s))); } catch (e) { print(s, e.name); }
});
rab.resize(12);
show("again");
print(" ", track.join(), Array.prototype.join.call(fixed));
// Methods on length-tracking views.
var r2 = new ArrayBuffer(4, { maxByteLength: 8 });
var a = new Uint8Array(r2);
a.set([4, 3, 2, 1]);
print(a.slice(1).join(), a.subarray(1).length, a.map(function (x) { return x * 2; }).join());
var sub = a.subarray(1);
r2.resize(8);
print(sub.length, a.subarray(1, 3).length, a.sort().join(), a.indexOf(0), a.includes(4));
r2.resize(2);
print(sub.length, a.length, Array.from(a).join(), Object.keys(a).join());
// Callbacks that shrink the buffer mid-iteration.
var r3 = new ArrayBuffer(4, { maxByteLength: 4 });
var b = new Uint8Array(r3);
b.set([1, 2, 3, 4]);
var seen = [];
b.forEach(function (v, i) { if (i === 1) r3.resize(2); seen.push(String(v)); });
print(seen.join(), b.length);
// SharedArrayBuffer.
var sab = new SharedArrayBuffer(4, { maxByteLength: 16 });
var s32 = new Int32Array(sab);
print(sab.growable, sab.maxByteLength, sab.byteLength, s32.length, Object.prototype.toString.call(sab));
sab.grow(12);
print(sab.byteLength, s32.length, new SharedArrayBuffer(2).growable);
["sab.grow(8)", "sab.grow(17)", "ArrayBuffer.prototype.slice.call(sab)",
 "SharedArrayBuffer.prototype.slice.call(rab)", "SharedArrayBuffer(1)"].forEach(function (s) {
  try { print(s, String(eval(s))); } catch (e) { print(s, e.name); }
});
print(sab.slice(4).byteLength, sab.slice(-8, -4).byteLength, sab.slice(1) instanceof SharedArrayBuffer);
// Atomics.
var ia = new Int32Array(new SharedArrayBuffer(16));
print(Atomics.add(ia, 0, 5), Atomics.sub(ia, 0, 2), Atomics.and(ia, 0, 6), Atomics.or(ia, 0, 8),
  Atomics.xor(ia, 0, 1), Atomics.exchange(ia, 0, 42), Atomics.compareExchange(ia, 0, 42, 7),
  Atomics.compareExchange(ia, 0, 1, 9), Atomics.load(ia, 0), Atomics.store(ia, 1, -0),
  Atomics.store(ia, 1, 3.9));
var u8 = new Uint8Array(4);
print(Atomics.add(u8, 0, 300), u8[0], Atomics.sub(u8, 1, 1), u8[1]);
var big = new BigInt64Array(new SharedArrayBuffer(16));
print(Atomics.add(big, 0, 5n), Atomics.load(big, 0), Atomics.exchange(big, 1, -1n), Atomics.load(big, 1));
print([1, 2, 3, 4, 5, 8].map(function (n) { return Atomics.isLockFree(n); }).join() !== "", Atomics.isLockFree(4));
print(Atomics.wait(ia, 0, 0), Atomics.wait(ia, 0, 7, 0), Atomics.notify(ia, 0), Atomics.notify(new Int32Array(4), 0));
["Atomics.add(new Float64Array(1), 0, 1)", "Atomics.load(ia, 4)", "Atomics.wait(new Int32Array(4), 0, 0, 0)",
 "Atomics.wait(new Int16Array(new SharedArrayBuffer(4)), 0, 0, 0)", "Atomics.store(ia, -1, 0)",
 "Atomics.notify(new Float32Array(4), 0)"].forEach(function (s) {
  try { print(s, String(eval(s))); } catch (e) { print(s, e.name); }
});
var w = Atomics.waitAsync(ia, 2, 0);
var w2 = Atomics.waitAsync(ia, 2, 1);
print(w.async, w2.async, w2.value, Atomics.waitAsync(ia, 2, 0, 0).value);
w.value.then(function (v) { print("waitAsync resolved", v); });
print("notified", Atomics.notify(ia, 2, 1), Atomics.notify(ia, 2));
print(Object.prototype.toString.call(Atomics), Atomics[Symbol.toStringTag]);
