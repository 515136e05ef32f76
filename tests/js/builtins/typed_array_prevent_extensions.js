// A typed array can be made non-extensible only when its length is fixed (IsTypedArrayFixedLength):
// not a length-tracking view, and not a view over a resizable non-shared buffer.
// (ECMAScript 2024; node 20 predates it. Sealing a non-empty typed array fails: its elements
// cannot be made non-configurable.)
function attempt(f) {
  try { f(); return "ok"; } catch (e) { return e.name; }
}
const rab = new ArrayBuffer(8, { maxByteLength: 16 });
const views = {
  fixedOverResizable: new Uint8Array(rab, 0, 4),
  emptyOverResizable: new Uint8Array(rab, 0, 0),
  tracking: new Uint8Array(rab),
  plain: new Uint8Array(4),
  empty: new Uint8Array(0),
  shared: new Uint8Array(new SharedArrayBuffer(4)),
};
for (const [name, v] of Object.entries(views)) {
  console.log(name, attempt(() => Object.preventExtensions(v)), Reflect.preventExtensions(v),
    Object.isExtensible(v), attempt(() => Object.freeze(v)), attempt(() => Object.seal(v)));
}
