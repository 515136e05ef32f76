// What V8 (node) says when a value cannot be iterated: the value for spread, for-of and
// destructuring, "<type> <value> is not iterable (cannot read property Symbol(Symbol.iterator))"
// from built-ins; a symbol key is shown as Symbol(description).
const cases = [
  () => [...undefined], () => { for (const x of null); }, () => { const [a] = 5; },
  () => { const [b] = undefined; }, () => new Map(5), () => new Set(true), () => new WeakSet(1n),
  () => new Set(Symbol("q")), () => new Map(5.5), () => new Set({}), () => new Set(function () {}),
  () => null[Symbol("d")], () => new Set([1]).size,
];
for (const c of cases) {
  try { console.log("ok", c()); } catch (e) { console.log(e.name + ": " + e.message); }
}
