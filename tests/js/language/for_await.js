async function* nums() { try { yield 1; yield 2; yield 3; } finally { print("nums closed"); } }
(async () => {
  for await (const n of nums()) print("n", n);
  for await (const x of [Promise.resolve("a"), "b"]) print("x", x);
  for await (const n of nums()) { if (n === 2) break; print("early", n); }
  try { for await (const n of nums()) { throw new Error("body"); } } catch (e) { print("caught", e.message); }
  const it = { [Symbol.asyncIterator]() { let i = 0; return { next() { i++; return Promise.resolve({ value: i, done: i > 2 }); }, return() { print("custom return"); return {}; } }; } };
  for await (const v of it) print("custom", v);
  for await (const v of it) { print("first", v); break; }
  print("done");
})();
