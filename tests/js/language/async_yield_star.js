async function* inner() { try { const x = yield 1; print("inner got", x); yield 2; return "inner-ret"; } finally { print("inner finally"); } }
async function* outer() { const r = yield* inner(); print("r", r); yield* [10, Promise.resolve(20)]; }
(async () => {
  const g = outer();
  print((await g.next()).value);
  print((await g.next("X")).value);
  print((await g.next()).value);
  print((await g.next()).value);
  print((await g.next()).done);
  const h = outer();
  await h.next();
  const rr = await h.return("stop");
  print("return", rr.value, rr.done);
})();
