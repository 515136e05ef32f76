// "x is not iterable" and destructuring messages naming the expression as V8 does.
function t(label, f) { try { f(); console.log(label, "ok"); } catch (e) { console.log(label, "|", e.name + ": " + e.message); } }
t("1", () => [...{}]);
t("2", () => { const o = {}; [...o]; });
t("3", () => { const o = {}; for (const x of o); });
t("4", () => { const o = { a: {} }; for (const x of o.a); });
t("5", () => { for (const x of f()); function f() { return 1; } });
t("6", () => { const [a] = {}; });
t("7", () => { let v; const [a] = v; });
t("8", () => { const o = { a: 1 }; [...o.a]; });
t("9", () => { for (const x of 5); });
t("10", () => { for (const x of null); });
t("11", () => { const m = {}; for (const [k, v] of m.entries); });
t("12", () => { const o = {}; for (const x of o["k"]); });
t("13", () => { function* g() { yield* 5; } g().next(); });
t("15", () => { const [a] = 1; });
t("16", () => { const o = {}; [1, ...o]; });
t("17", () => { const o = { x: { y: 1 } }; for (const z of o.x.y); });
t("18", () => { for (const z of {a: 1}); });
t("19", () => { const arr = [[1]]; for (const [[a]] of [[1]]); });
t("20", () => { const {a} = f(); function f() {} });
t("21", () => { const v = null; const {a} = v || null; });
t("23", () => { new AggregateError(5); });
t("24", () => { Array.from({[Symbol.iterator]: 5}); });
t("25", () => { const {a} = (null); });
t("26", () => { for (const x of undefined); });
