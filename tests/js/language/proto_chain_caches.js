// Inline caches for loads through several prototypes and for stores that add a property:
// every change to the chain must be seen.
class A { m() { return "A"; } }
class B extends A {}
class C extends B {}
class D extends C {}
const out = [];
function call(o) { return o.m(); }
const d = new D();
for (let i = 0; i < 3; i++) out.push(call(d));
B.prototype.m = function () { return "B"; };      // shadows A's on an intermediate
out.push(call(d));
delete B.prototype.m;
out.push(call(d));
Object.setPrototypeOf(C.prototype, { m() { return "X"; } });
out.push(call(d));
print(out.join(" "));

// Transitions: `this.x = v` adds properties; a setter or read-only property appearing on the
// prototype chain later must be honoured.
function P(v) { this.x = v; this.y = v + 1; }
const ps = [];
for (let i = 0; i < 3; i++) ps.push(new P(i));
Object.defineProperty(Object.prototype, "y", {
  set(v) { this.seen = v; }, configurable: true,
});
const q = new P(10);
ps.push(q);
print(ps.map(p => `${p.x}/${Object.hasOwn(p, "y") ? p.y : "-"}/${p.seen}`).join(" "));
delete Object.prototype.y;
Object.defineProperty(P.prototype, "x", { value: 0, writable: false, configurable: true });
try {
  (function () { "use strict"; new P(5); })();
  print("no error");
} catch (e) {
  print(e.constructor.name);
}
const sloppy = new P(6);
print(Object.hasOwn(sloppy, "x"), sloppy.x, sloppy.y);
delete P.prototype.x;

// Out-of-line slots, frozen and non-extensible receivers.
function grow(o) { o.a = 1; o.b = 2; o.c = 3; o.d = 4; o.e = 5; o.f = 6; o.g = 7; o.h = 8; o.i = 9; o.j = 10; return o; }
const g1 = grow({}), g2 = grow({}), g3 = grow({});
print(JSON.stringify(g3), Object.keys(g2).length);
const frozen = Object.preventExtensions({});
try { (function () { "use strict"; grow(frozen); })(); } catch (e) { print(e.constructor.name); }
print(Object.keys(frozen).length);

// Array length is never cached as a stored property along the chain.
const arrs = [[1, 2], Object.create([1, 2, 3]), [4]];
print(arrs.map(a => a.length).join());

// A strict constructor whose cached transition meets a read-only inherited property.
function PS(v) { "use strict"; this.x = v; }
for (let i = 0; i < 3; i++) new PS(i);
Object.defineProperty(PS.prototype, "x", { value: 0, writable: false });
try { new PS(1); print("no error"); } catch (e) { print(e.constructor.name); }
