// A non-callable callback in V8's words: the value as V8 shows it, then "is not a function".
for (const v of [1, undefined, null, "abc", {}, [1, 2], Symbol("s"), 2n, true, /x/, new Date(0)]) {
  try { [1].forEach(v); } catch (e) { console.log(e.name + ": " + e.message); }
}
for (const f of [() => [1].map(1), () => [1].filter(null), () => [1].reduce(1), () => [1].find({}),
  () => new Promise(1), () => new Promise({}), () => [1].some()]) {
  try { f(); } catch (e) { console.log(e.name + ": " + e.message); }
}
