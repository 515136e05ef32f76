// `this` captured by arrows: the owning function reads its frame's receiver, arrows the environment.
class A {
  constructor() { this.v = 1; const f = () => this.v; this.g = f; }
  m() { const arrow = () => this; return [this === arrow(), this.v, this.g()]; }
  *gen() { const a = () => this.v; yield a(); yield this.v + 1; yield (() => this)() === this; }
  async am() { const a = () => this.v; await null; return [a(), this.v]; }
  ev() { const a = () => 1; return eval('this.v') + a(); }
}
class B extends A {
  constructor() { const early = () => { try { return this.v } catch (e) { return e.constructor.name } }; const r = early(); super(); this.r = r; this.late = (() => this.v)(); }
  m() { const a = () => super.m(); return a(); }
}
const a = new A(), b = new B();
console.log(a.m(), [...a.gen()], b.r, b.late, b.m());
a.am().then(v => console.log(v));
function sloppy() { const f = () => typeof this; return [typeof this, f()]; }
console.log(sloppy(), sloppy.call(5), sloppy.call('s'));
function strict() { 'use strict'; const f = () => this; return [this, f()]; }
console.log(strict(), strict.call(7));
const top = () => typeof this; console.log(top());
function Ctor() { this.x = 2; const f = () => this.x; this.y = f(); } console.log(new Ctor());
const o = { n: 3, m() { return [1,2].map(() => this.n); } }; console.log(o.m());
