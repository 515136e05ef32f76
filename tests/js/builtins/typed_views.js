// Element reads and writes of typed arrays whose view is worked out once (fixed-length
// buffers), through detaching, immutable buffers, offsets and every kind.
const buf = new ArrayBuffer(32);
const all = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array];
for (const C of all) {
  const a = new C(buf, 8, 2);
  for (let i = 0; i < 4; i++) a[i] = 300.75 * (i + 1) * (i % 2 ? -1 : 1);
  print(C.name, a.length, a[0], a[1], a[2], a[3]);
}
const tracking = new Int32Array(buf, 16);
tracking[0] = 7;
print(tracking.length, tracking[0], new Int32Array(buf)[4]);
function sum(t) { let s = 0; for (let i = 0; i < t.length; i++) s += t[i]; return s; }
const u = new Uint8Array(buf);
for (let i = 0; i < u.length; i++) u[i] = i;
print(sum(u));
// Detached: no elements, writes ignored, length 0.
const moved = buf.transfer();
print(u.length, u[3], sum(u), (u[3] = 9, u[3]), new Uint8Array(moved)[3]);
// Immutable buffers refuse writes (TypedArraySetElement does nothing).
if (ArrayBuffer.prototype.transferToImmutable) {
  const im = new Uint8Array(new Uint8Array([1, 2, 3]).buffer.transferToImmutable());
  im[1] = 50;
  print(im[1], Reflect.set(im, 1, 60), im[1]);
} else {
  print(2, false, 2);
}
// Resizable buffers keep the full computation (length follows the buffer).
const rb = new ArrayBuffer(8, { maxByteLength: 16 });
const rv = new Uint16Array(rb);
rv[3] = 5;
rb.resize(16);
rv[7] = 6;
print(rv.length, rv[3], rv[7]);
rb.resize(4);
print(rv.length, rv[3], rv[1]);
// Shared buffers.
const sab = new Int16Array(new SharedArrayBuffer(8));
sab[2] = -3;
print(sab[2], sab.length);
// A view made before structuredClone moves a transferred buffer's contents in.
const src = new ArrayBuffer(4);
new Uint8Array(src)[1] = 5;
const cl = structuredClone({ b: src, u: new Uint8Array(src) }, { transfer: [src] });
print(cl.u.length, cl.u[1], (cl.u[2] = 7, new Uint8Array(cl.b)[2]));
