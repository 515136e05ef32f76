// ArrayBuffer transfer and the immutable-ArrayBuffer proposal, Uint8Array base64/hex and
// Atomics.pause. Node 20 has none of these: the expected output is written by hand from the
// specification (ECMA-262 2026 and the proposals).
var b = new ArrayBuffer(4, { maxByteLength: 8 });
new Uint8Array(b).set([1, 2, 3, 4]);
var view = new Uint8Array(b);
var t = b.transfer(6);
print(b.detached, b.byteLength, b.maxByteLength, view.length, t.resizable, t.maxByteLength,
  new Uint8Array(t).join());
var f = t.transferToFixedLength(2);
print(t.detached, f.resizable, f.byteLength, new Uint8Array(f).join());
["b.transfer()", "b.slice()", "new ArrayBuffer(2, { maxByteLength: 4 }).transfer(5)",
 "ArrayBuffer.prototype.transfer.call(new SharedArrayBuffer(1))"].forEach(function (s) {
  try { print(s, String(eval(s))); } catch (e) { print(s, e.name); }
});
// Immutable buffers.
var src = new ArrayBuffer(4);
new Uint8Array(src).set([9, 8, 7, 6]);
var im = src.transferToImmutable();
var u = new Uint8Array(im);
u[0] = 1;
print(im.immutable, src.detached, im.resizable, u.join(), Object.isFrozen(u),
  JSON.stringify(Object.getOwnPropertyDescriptor(u, 0)));
["u.fill(0)", "u.set([1])", "u.reverse()", "new DataView(im).setInt8(0, 1)", "im.resize(2)",
 "im.transfer()", "(function () { 'use strict'; u[1] = 5; })()", "Atomics.store(u, 0, 1)",
 "Atomics.load(u, 0)", "u.slice(1).join()", "im.slice(2).immutable"].forEach(function (s) {
  try { print(s, String(eval(s))); } catch (e) { print(s, e.name); }
});
var part = src === im ? null : new ArrayBuffer(6);
new Uint8Array(part).set([0, 1, 2, 3, 4, 5]);
var sl = part.sliceToImmutable(1, -1);
print(sl.immutable, sl.byteLength, new Uint8Array(sl).join(), part.detached);
// base64 and hex.
var bytes = new Uint8Array([72, 101, 108, 108, 111, 251, 255]);
print(bytes.toBase64(), bytes.toBase64({ alphabet: "base64url" }),
  bytes.toBase64({ omitPadding: true }), bytes.toHex());
print(Uint8Array.fromBase64("SGVs bG8\n").join(), Uint8Array.fromBase64("SGVsbA").join(),
  Uint8Array.fromHex("00ff7F").join(), Uint8Array.fromBase64("-_8", { alphabet: "base64url" }).join());
["Uint8Array.fromBase64('SGVsbA', { lastChunkHandling: 'strict' })",
 "Uint8Array.fromBase64('SGVsbA', { lastChunkHandling: 'stop-before-partial' }).join()",
 "Uint8Array.fromBase64('SGVsbB==', { lastChunkHandling: 'strict' })",
 "Uint8Array.fromBase64('SGVsbB==').join()", "Uint8Array.fromBase64('S')",
 "Uint8Array.fromBase64('a+b/', { alphabet: 'base64url' })", "Uint8Array.fromBase64(1)",
 "Uint8Array.fromBase64('', { alphabet: 'hex' })", "Uint8Array.fromHex('abc')",
 "Uint8Array.fromHex('zz')", "new Int8Array(1).toHex()"].forEach(function (s) {
  try { print(s, String(eval(s))); } catch (e) { print(s, e.name); }
});
var into = new Uint8Array(5);
var r = into.setFromBase64("SGVsbG8gV29ybGQ=");
print(r.read, r.written, into.join());
r = into.setFromHex("0a0b0c");
print(r.read, r.written, into.join());
try { into.setFromHex("0102zz"); } catch (e) { print(e.name, into.join()); }
print(Atomics.pause(), Atomics.pause(3));
try { Atomics.pause(1.5); } catch (e) { print("pause(1.5)", e.name); }
