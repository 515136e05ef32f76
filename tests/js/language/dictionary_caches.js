// Objects past MAX_FAST_PROPERTIES (250) in dictionary mode, as receivers and as prototypes.
function Big() { for (let i = 0; i < 300; i++) this["p" + i] = i; this.x = 1; }
Big.prototype.m = function () { return this.x; };
const b = new Big(), out = [];
function rd(o) { return o.x + o.p5; }
function wr(o, v) { o.x = v; }
for (let i = 0; i < 3; i++) { wr(b, i); out.push(rd(b), b.m()); }
delete b.p3; delete b.p4;
for (let i = 0; i < 300; i++) b["q" + i] = i;    // rehash: positions move
out.push(rd(b));
delete b.x; out.push(rd(b)); b.x = 5; out.push(rd(b));
Object.defineProperty(b, "x", { get() { return 42; }, configurable: true });
out.push(rd(b)); wr(b, 7); out.push(rd(b));
Object.defineProperty(b, "x", { value: 9, writable: false, configurable: true });
wr(b, 10); out.push(rd(b));
// dictionary prototype holding methods
const P = {}; for (let i = 0; i < 300; i++) P["f" + i] = function () { return i; };
function C() {} C.prototype = P;
const c = new C(); function call(o) { return o.f7() + o.f299(); }
for (let i = 0; i < 3; i++) out.push(call(c));
P.f7 = function () { return 100; }; out.push(call(c));
delete P.f7; P.f7 = () => 1000; out.push(call(c));
print(out.join(" "));
