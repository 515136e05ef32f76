// Error messages in V8's words (node prints these; scripts compare them): values shown as V8
// shows them, receiver checks, callbacks, classes, stack overflow.
function t(label, f) {
  try { f(); console.log(label, "ok"); } catch (e) { console.log(label, e.name + ": " + e.message); }
}
const desc = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
// How a receiver is shown.
const shown = {
  number: 1, negzero: -0, nan: NaN, string: "str", undef: undefined, nul: null, bool: true,
  symbol: Symbol("q"), wellKnown: Symbol.iterator, bigint: -12n, plain: {}, array: [1],
  nullProto: Object.create(null), instance: new (class Foo {})(), map: new Map(), date: new Date(0),
  regexp: /x/, fn: function foo() {}, arrow: (a) => a, cls: class K { m() {} }, native: Math.max,
  bound: function b() {}.bind(null), error: new TypeError("boom"), numberObj: new Number(3),
  stringObj: new String("s"), boolObj: new Boolean(false), symbolObj: Object(Symbol("w")),
  bigintObj: Object(1n), typed: new Uint8Array(2), buffer: new ArrayBuffer(2), promise: Promise.resolve(),
  proxy: new Proxy({}, {}), fnProxy: new Proxy(function p() {}, {}), generator: (function* () {})(),
  math: Math, args: (function () { return arguments; })(), ctorAnon: { constructor: function () {} },
  ctorNotFn: { constructor: 5 }, errorLike: { toString: Error.prototype.toString, name: "N", message: "M" },
  emptyError: Object.assign(new Error(""), { name: "" }),
  long: function abcdefghij() { return 1111111111 + 2222222222 + 3333333333 + 4444444444 + 5555555555 + 6666666666 + 7777777777 + 8888888888 + 9999999999; },
};
for (const [k, v] of Object.entries(shown)) t("receiver " + k, () => Set.prototype.add.call(v));
const TA = Object.getPrototypeOf(Uint8Array.prototype);
const receivers = {
  mapGet: () => Map.prototype.get.call({}), mapSize: () => desc(Map.prototype, "size").call([]),
  weakMapSet: () => WeakMap.prototype.set.call({}), weakSetHas: () => WeakSet.prototype.has.call(1),
  weakRefDeref: () => WeakRef.prototype.deref.call({}),
  finRegister: () => FinalizationRegistry.prototype.register.call({}),
  promiseThen: () => Promise.prototype.then.call(1), promiseFinally: () => Promise.prototype.finally.call(1),
  arrayIter: () => [][Symbol.iterator]().next.call(1), stringIter: () => ""[Symbol.iterator]().next.call({}),
  mapIter: () => new Map().keys().next.call({}), setIter: () => new Set().values().next.call({}),
  regexpStringIter: () => "a".matchAll(/a/g).next.call({}),
  genNext: () => (function* () {})().next.call(1), genReturn: () => (function* () {})().return.call({}),
  genThrow: () => (function* () {})().throw.call({}),
  symbolToString: () => Symbol.prototype.toString.call(1), symbolValueOf: () => Symbol.prototype.valueOf.call({}),
  symbolDescription: () => desc(Symbol.prototype, "description").call({}),
  booleanToString: () => Boolean.prototype.toString.call(1), booleanValueOf: () => Boolean.prototype.valueOf.call("x"),
  stringToString: () => String.prototype.toString.call(1), stringValueOf: () => String.prototype.valueOf.call({}),
  errorToString: () => Error.prototype.toString.call(1),
  dateGetTime: () => Date.prototype.getTime.call({}), dateToString: () => Date.prototype.toString.call(1),
  dateToISOString: () => Date.prototype.toISOString.call({}), dateSetFullYear: () => Date.prototype.setFullYear.call({}),
  dateSetTime: () => Date.prototype.setTime.call({}), dateToUTCString: () => Date.prototype.toUTCString.call([]),
  dateToPrimitive: () => Date.prototype[Symbol.toPrimitive].call(1, "number"),
  dateBadHint: () => new Date()[Symbol.toPrimitive]("x"),
  regexpExec: () => RegExp.prototype.exec.call({}), regexpTest: () => RegExp.prototype.test.call({}),
  regexpTestPrimitive: () => RegExp.prototype.test.call(1), regexpToString: () => RegExp.prototype.toString.call(1),
  regexpCompile: () => RegExp.prototype.compile.call({}), regexpFlags: () => desc(RegExp.prototype, "flags").call(1),
  regexpSource: () => desc(RegExp.prototype, "source").call({}), regexpGlobal: () => desc(RegExp.prototype, "global").call({}),
  regexpMatch: () => RegExp.prototype[Symbol.match].call(1, ""), regexpReplace: () => RegExp.prototype[Symbol.replace].call(1, ""),
  regexpSplit: () => RegExp.prototype[Symbol.split].call(1, ""), regexpSearch: () => RegExp.prototype[Symbol.search].call(1, ""),
  taAt: () => TA.at.call({}), taMap: () => TA.map.call(1, (x) => x), taFill: () => TA.fill.call([]),
  taSet: () => TA.set.call({}, []), taSubarray: () => TA.subarray.call({}), taJoin: () => TA.join.call({}),
  taBuffer: () => desc(TA, "buffer").call({}), taLength: () => desc(TA, "length").call({}),
  taByteLength: () => desc(TA, "byteLength").call(1),
  bufferSlice: () => ArrayBuffer.prototype.slice.call(1), bufferResize: () => ArrayBuffer.prototype.resize.call({}),
  bufferByteLength: () => desc(ArrayBuffer.prototype, "byteLength").call({}),
  sharedSlice: () => SharedArrayBuffer.prototype.slice.call(new ArrayBuffer(1)),
  sharedGrowable: () => desc(SharedArrayBuffer.prototype, "growable").call({}),
  viewGetInt8: () => DataView.prototype.getInt8.call({}), viewByteLength: () => desc(DataView.prototype, "byteLength").call({}),
  viewBuffer: () => desc(DataView.prototype, "buffer").call({}),
};
for (const [k, f] of Object.entries(receivers)) t(k, f);
// Detached buffers.
const detachedBuffer = () => { const b = new ArrayBuffer(8); structuredClone(b, { transfer: [b] }); return b; };
t("detached fill", () => new Uint8Array(1).fill.call(new Uint8Array(detachedBuffer()), 0));
t("detached slice", () => detachedBuffer().slice());
t("detached view", () => { const b = new ArrayBuffer(8); const d = new DataView(b); structuredClone(b, { transfer: [b] }); d.getInt8(0); });
// Callbacks.
for (const v of [1, "abc", null, undefined, true, {}, [], Symbol("s"), 2n]) {
  t("Map forEach", () => new Map([[1, 2]]).forEach(v));
  t("Set forEach", () => new Set().forEach(v));
  t("flatMap", () => [1].flatMap(v));
  t("Array.from", () => Array.from([1], v));
  t("findLast", () => new Uint8Array(1).findLast(v));
  t("keyFor", () => Symbol.keyFor(v));
  t("in", () => "x" in v);
  t("setPrototypeOf", () => Object.setPrototypeOf({}, v));
  t("create", () => Object.create(v));
  t("Reflect.construct", () => Reflect.construct(v, []));
  t("Reflect.apply", () => Reflect.apply(v, null, []));
  t("sort", () => [2, 1].sort(v));
}
for (const m of ["forEach", "map", "filter", "some", "every", "reduce", "find", "findLastIndex", "indexOf", "concat"]) {
  t("null this " + m, () => Array.prototype[m].call(null, (x) => x));
}
t("BigInt string", () => BigInt("abc"));
t("BigInt symbol", () => BigInt(Symbol("s")));
t("FinalizationRegistry", () => new FinalizationRegistry(1));
// Classes.
t("extends null", () => { class B extends null {} new B(); });
t("extends null anonymous", () => new (class extends null {})());
t("extends null named by property", () => { const o = { C: class extends null {} }; new o.C(); });
t("super non-constructor", () => { class C extends Object {} Object.setPrototypeOf(C, Math.max); new C(); });
t("super object", () => { class C extends Object {} Object.setPrototypeOf(C, {}); new C(); });
t("super arrow", () => { class C extends Object { constructor() { super(); } } Object.setPrototypeOf(C, () => 1); new C(); });
t("extends number", () => { class B extends 1 {} });
t("extends native", () => { class B extends Math.max {} });
t("extends bad prototype", () => { function F() {} F.prototype = 1; class B extends F {} });
// Stack overflow.
t("recursion", () => { function f() { f(); } f(); });
