// structuredClone: what is copied, what is shared, what throws (checked against node).
function t(label, f) {
  try { console.log(label, f()); } catch (e) { console.log(label, "threw", e.name + ": " + e.message, e.code, e instanceof Error); }
}
const d = Object.getOwnPropertyDescriptor(globalThis, "structuredClone");
console.log(typeof d.value, d.writable, d.enumerable, d.configurable, structuredClone.length, structuredClone.name);
t("primitives", () => [1, "s", null, undefined, true, 10n, -0, NaN].map((v) => structuredClone(v)));
t("negative zero", () => Object.is(structuredClone(-0), -0));
t("wrappers", () => [new Number(3), new String("ab"), new Boolean(false), Object(5n)].map((v) => structuredClone(v)));
t("wrapper is new", () => { const n = new Number(1); return structuredClone(n) !== n; });
t("date", () => { const x = new Date(86400000); const c = structuredClone(x); return [c.getTime(), c !== x, c instanceof Date]; });
const re = /a+/gi; re.lastIndex = 3; re.extra = 1;
t("regexp", () => { const c = structuredClone(re); return [String(c), c.lastIndex, c.extra, c.flags, c !== re]; });
t("array buffer", () => { const b = new ArrayBuffer(4); new Uint8Array(b)[0] = 7; const c = structuredClone(b); new Uint8Array(b)[0] = 8; return [c.byteLength, new Uint8Array(c)[0], c.resizable]; });
t("resizable buffer", () => { const c = structuredClone(new ArrayBuffer(2, { maxByteLength: 8 })); return [c.byteLength, c.resizable, c.maxByteLength]; });
t("shared buffer", () => { const s = new SharedArrayBuffer(2); const c = structuredClone(s); new Uint8Array(s)[1] = 9; return [c !== s, c instanceof SharedArrayBuffer, new Uint8Array(c)[1]]; });
t("views", () => {
  const b = new ArrayBuffer(8); const u = new Uint16Array(b, 2, 2); u[0] = 9;
  const c = structuredClone({ u, v: new DataView(b, 1, 3), b, f: new Float64Array([1.5]) });
  return [Array.from(c.u), c.u.byteOffset, c.u.buffer === c.b, c.v.buffer === c.b, c.v.byteOffset, c.v.byteLength, c.f[0], c.f.constructor.name];
});
t("map and set", () => { const k = { k: 1 }; const c = structuredClone(new Map([[k, [1]], ["x", new Set([1, "a", k])]])); const [[ck, cv], [, cs]] = c; return [ck, cv, [...cs], [...cs][2] === ck, c.size]; });
const arr = [1, , 3]; arr.extra = "e"; arr[10] = 5;
t("array", () => { const c = structuredClone(arr); return [c.length, 1 in c, Object.keys(c), c.extra, Array.isArray(c)]; });
t("object", () => structuredClone({ b: 1, a: 2, 1: "one", [Symbol("s")]: 3, get g() { return "got"; } }));
t("non-enumerable", () => structuredClone(Object.defineProperty({ x: 1 }, "h", { value: 2, enumerable: false })));
class K { constructor() { this.v = 1; } m() {} }
t("class instance", () => { const c = structuredClone(new K()); return [c, Object.getPrototypeOf(c) === Object.prototype]; });
t("null prototype", () => { const c = structuredClone(Object.assign(Object.create(null), { a: 1 })); return [c.a, Object.getPrototypeOf(c) === Object.prototype]; });
t("Math", () => structuredClone(Math));
const cyc = { name: "c" }; cyc.self = cyc; cyc.list = [cyc, cyc];
t("cycle", () => { const c = structuredClone(cyc); return [c !== cyc, c.self === c, c.list[0] === c, c.list[1] === c]; });
t("shared reference", () => { const s = {}; const c = structuredClone([s, s, { s }]); return [c[0] === c[1], c[2].s === c[0], c[0] !== s]; });
t("getter order", () => { const log = []; structuredClone({ get a() { log.push("a"); return { get c() { log.push("c"); return 1; } }; }, get b() { log.push("b"); return 2; } }); return log.join(); });
t("getter deletes", () => structuredClone({ get a() { delete this.b; return 1; }, b: 2, c: 3 }));
t("error", () => { const e = new TypeError("bad", { cause: { n: 42 } }); e.extra = 1; const c = structuredClone(e); return [c.name, c.message, c.cause, c.cause !== e.cause, c.extra, c.stack === e.stack, Object.getPrototypeOf(c) === TypeError.prototype, c instanceof TypeError]; });
t("error without message", () => { const c = structuredClone(new RangeError()); return [Object.hasOwn(c, "message"), c.message, c.name]; });
t("error custom name", () => { const e = new Error("m"); e.name = "Custom"; const c = structuredClone(e); return [c.name, String(c)]; });
t("error subclass", () => { class MyE extends Error {} const c = structuredClone(new MyE("q")); return [c.name, c.constructor.name, c.message]; });
t("error message object", () => { const e = new Error("m"); e.message = { toString() { return "x"; } }; return structuredClone(e).message; });
t("error in object", () => { const c = structuredClone({ e: new SyntaxError("s") }); return [c.e instanceof SyntaxError, c.e.message]; });
for (const [label, v] of [["symbol", Symbol("x")], ["symbol wrapper", Object(Symbol("x"))], ["function", function foo() {}],
  ["arrow in object", { a: () => 1 }], ["class", class A {}], ["bound", function x() {}.bind(null)], ["WeakMap", new WeakMap()],
  ["WeakSet", new WeakSet()], ["WeakRef", new WeakRef({})], ["Promise", Promise.resolve()], ["Proxy", new Proxy({}, {})],
  ["generator", (function* () {})()], ["arguments", (function () { return arguments; })(1)], ["nested", { a: [{ b: Symbol("deep") }] }],
  ["long function", function abcdefghij() { return 1111111111 + 2222222222 + 3333333333 + 4444444444 + 5555555555 + 6666666666 + 7777777777 + 8888888888 + 9999999999; }]]) {
  t("not cloneable: " + label, () => structuredClone(v));
}
t("transfer", () => { const b = new ArrayBuffer(4); new Uint8Array(b)[1] = 5; const u = new Uint8Array(b); const c = structuredClone({ b, u }, { transfer: [b] }); return [b.byteLength, c.b.byteLength, c.u[1], c.u.buffer === c.b, u.length, c.b !== b]; });
t("transfer only", () => { const b = new ArrayBuffer(4); const r = structuredClone(1, { transfer: [b] }); return [r, b.byteLength]; });
t("transfer resizable", () => { const b = new ArrayBuffer(2, { maxByteLength: 4 }); const c = structuredClone(b, { transfer: [b] }); return [c.byteLength, c.maxByteLength, b.byteLength]; });
t("transfer failing clone", () => { const b = new ArrayBuffer(4); try { structuredClone({ b, f() {} }, { transfer: [b] }); } catch (e) { return [e.name, b.byteLength]; } });
t("transfer invalid", () => structuredClone(1, { transfer: [1] }));
t("transfer duplicate", () => { const b = new ArrayBuffer(1); return structuredClone(1, { transfer: [b, b] }); });
t("transfer not iterable", () => structuredClone(1, { transfer: 5 }));
t("transfer detached", () => { const b = new ArrayBuffer(1); structuredClone(b, { transfer: [b] }); return structuredClone(1, { transfer: [b] }); });
t("clone detached", () => { const b = new ArrayBuffer(1); structuredClone(b, { transfer: [b] }); return structuredClone(b); });
t("bad options", () => structuredClone(1, 5));
t("null options", () => structuredClone(1, null));
t("no argument", () => structuredClone());
t("getter throws", () => structuredClone({ get x() { throw new Error("inner"); } }));
t("deep", () => { let o = {}; const root = o; for (let i = 0; i < 1000; i++) { o.n = {}; o = o.n; } const c = structuredClone(root); let n = 0; for (let x = c; x; x = x.n) n++; return n; });
t("deep array", () => { let a = []; const root = a; for (let i = 0; i < 1000; i++) { a[0] = []; a = a[0]; } const c = structuredClone(root); let n = 0; for (let x = c; x; x = x[0]) n++; return n; });
