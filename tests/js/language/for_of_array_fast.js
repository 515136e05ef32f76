const out = [];
for (const x of [1, 2, 3]) out.push(x);
const a = [1, 2]; let n = 0;
for (const x of a) { if (n++ < 2) a.push(x * 10); out.push(x); }
const it = [7, 8][Symbol.iterator]();
for (const x of it) { out.push(x); break; }
out.push(JSON.stringify(it.next()));
const saved = Object.getPrototypeOf([][Symbol.iterator]()).next;
Object.getPrototypeOf([][Symbol.iterator]()).next = function () { const r = saved.call(this); if (!r.done) r.value *= 2; return r; };
for (const x of [1, 2]) out.push(x);
Object.getPrototypeOf([][Symbol.iterator]()).next = saved;
out.push([...new Set([3, 3, 4])].join("+"), [..."ab"].join("+"), Math.max(...[5, 9]));
const [p, , q] = [1, 2, 3]; out.push(p, q);
for (const [k, v] of [[1, 2]].entries()) out.push(k, v.join());
print(out.join(" "));
