class A { constructor() { this.v = 2; } m(x) { return this.v * x; } n(...a) { return this.m(...a) + this.o?.() + (this.p?.q ?? 1); } o() { return this.v; } }
const a = new A();
print(a.n(3), a.m(4));
function f() { return this.k; }
const o = { k: 5, g() { return f.call(this) + this.h(); }, h() { return this === o; } };
print(o.g());
function sloppy() { return typeof this; } print(sloppy.call(1));
