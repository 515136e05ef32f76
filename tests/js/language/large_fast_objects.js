// Objects with up to MAX_FAST_PROPERTIES (250) named properties stay in fast mode (shared
// shapes, inline caches); one more property moves them to dictionary mode.
function Wide(n) { for (let i = 0; i < n; i++) this["p" + i] = i; this.last = n; }
const a = new Wide(240), b = new Wide(240), out = [];
function rd(o) { return o.p0 + o.p120 + o.p239 + o.last; }
function wr(o, v) { o.p200 = v; }
for (let i = 0; i < 3; i++) { wr(a, i); out.push(rd(a), a.p200, rd(b)); }
out.push(Object.keys(a).length, Object.keys(a)[239], JSON.stringify(Object.getOwnPropertyDescriptor(a, "p7")));
a.extra1 = 1; a.extra2 = 2; a.extra3 = 3; a.extra4 = 4; a.extra5 = 5; a.extra6 = 6; a.extra7 = 7; a.extra8 = 8; a.extra9 = 9; a.extra10 = 10; a.extra11 = 11;
out.push(rd(a), a.extra11, Object.keys(a).length, Object.keys(a).slice(-2).join());
delete a.p120; out.push(rd(a), "p120" in a, Object.keys(a).length);
for (let i = 0; i < 3; i++) out.push(rd(b));
console.log(out.join(" "));
