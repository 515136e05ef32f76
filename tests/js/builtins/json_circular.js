// JSON.stringify of a circular structure: V8's message with the path of the cycle.
function t(label, f) { try { f(); console.log(label, "ok"); } catch (e) { console.log(label, e.name + ": " + e.message); } }
t("self", () => { const o = {}; o.c = o; JSON.stringify(o); });
t("nested", () => { const o = { a: [{}] }; o.a[0].b = o; JSON.stringify(o); });
t("long", () => { const a = {}; let cur = a; for (let i = 0; i < 5; i++) { cur.n = {}; cur = cur.n; } cur.back = a; JSON.stringify({ root: a }); });
t("four levels", () => { const a = {}; a.b = { c: { d: {} } }; a.b.c.d.e = a; JSON.stringify(a); });
t("class", () => { class K {} const k = new K(); k.arr = [k]; JSON.stringify(k); });
t("null prototype", () => { const n = Object.create(null); n.self = n; JSON.stringify(n); });
t("inner cycle", () => { const x = {}; x.y = { z: [1, {}] }; x.y.z[1].w = x.y; JSON.stringify(x); });
t("array root", () => { const a = [1]; a.push(a); JSON.stringify(a); });
t("toJSON", () => { const o = { toJSON() { return o; } }; JSON.stringify({ o }); });
t("replacer", () => { const o = {}; JSON.stringify({ a: 1 }, () => o.x = o); });
