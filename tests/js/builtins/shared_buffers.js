// SharedArrayBuffers over shared blocks: growable ones grow in place (views see the same
// contents, length-tracking views follow), never shrink; Atomics on every integer size;
// Atomics.wait / notify within one agent.
var sab = new SharedArrayBuffer(4, { maxByteLength: 64 });
var track = new Uint8Array(sab);
var fixed = new Int32Array(sab, 0, 1);
track[0] = 1; track[3] = 2;
print(sab.growable, sab.byteLength, sab.maxByteLength, track.length, fixed[0]);
sab.grow(40);
print(sab.byteLength, track.length, track[0], track[3], track[39]);
sab.grow(40);
for (var bad of [39, 65]) {
  try { sab.grow(bad); } catch (e) { print(bad, e.name); }
}
var copy = sab.slice(0, 4);
print(copy.growable, copy.byteLength, new Uint8Array(copy).join());
var kinds = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array];
for (var K of kinds) {
  var a = new K(new SharedArrayBuffer(8 * K.BYTES_PER_ELEMENT));
  print(K.name, Atomics.add(a, 1, 200), Atomics.sub(a, 1, 1), Atomics.and(a, 1, 0x7f),
    Atomics.or(a, 1, 0x100), Atomics.xor(a, 1, 3), Atomics.exchange(a, 1, -1),
    Atomics.compareExchange(a, 1, -1, 5), Atomics.compareExchange(a, 1, a[1], 6),
    Atomics.load(a, 1), Atomics.store(a, 2, 7.9));
}
var b = new BigInt64Array(new SharedArrayBuffer(16));
print(Atomics.add(b, 1, 5n), Atomics.sub(b, 1, 7n), Atomics.load(b, 1),
  Atomics.compareExchange(b, 1, -2n, 1n), Atomics.wait(b, 1, 0n, 0), Atomics.wait(b, 1, 1n, 1));
var w = new Int32Array(new SharedArrayBuffer(8));
print(Atomics.wait(w, 0, 1), Atomics.wait(w, 0, 0, 5), Atomics.notify(w, 0), Atomics.notify(w, 0, 0));
