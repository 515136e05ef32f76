// Private member access on null/undefined reads like a property access in V8's messages;
// on an object without the member, the private-member message. Expected output from node 20.
class A {
  #p = 1;
  static g(o) { return o.#p; }
  static s(o) { o.#p = 2; }
}
for (const f of [() => A.g(undefined), () => A.g(null), () => A.g(1), () => A.g({}), () => A.s(undefined), () => A.s(null), () => A.s({})]) {
  try { f(); } catch (e) { console.log(e.name, e.message); }
}
// Typed array views past the end of their buffer name the length or offset.
for (const f of [() => new Uint8Array(new ArrayBuffer(4), 1, 8), () => new Uint8Array(new ArrayBuffer(4), 5), () => new Int32Array(new ArrayBuffer(8), 4, 2)]) {
  try { f(); } catch (e) { console.log(e.name, e.message); }
}
