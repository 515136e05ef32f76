// Typed-array element reads and writes through the interpreter's fast paths, every kind.
const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
const vals = [0, -1, 1.5, 255, 256, -129, 65535, 2147483647, 4294967295, -0, NaN, 1e10, -2.5, 0.5];
const out = [];
for (const K of kinds) { const a = new K(vals.length); for (let i = 0; i < vals.length; i++) a[i] = vals[i]; const r = []; for (let i = 0; i < a.length + 1; i++) r.push(Object.is(a[i], -0) ? '-0' : a[i]); out.push(K.name + ': ' + r.join(',')); }
const b = new BigInt64Array(2); b[0] = 5n; out.push(typeof b[0], b[0], b[1]);
const rab = new ArrayBuffer(4, { maxByteLength: 8 }); const v = new Uint8Array(rab, 2); v[0] = 7; out.push(v[0], v.length); rab.resize(2); out.push(v[0], v.length); rab.resize(8); out.push(v[0], v.length);
const o = new Uint16Array(new ArrayBuffer(8), 2, 2); o[1] = 65537; out.push(o[1], o[2]);
console.log(out.join('\n'));
