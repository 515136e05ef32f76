class A {
  x = 1;
  static s = "st";
  constructor(y) { this.y = y; }
  sum() { return this.x + this.y; }
  get double() { return this.sum() * 2; }
  static make() { return new this(10); }
  static { print("static block", this.s); }
}
class B extends A {
  z = this.x + 100;
  constructor(y) { super(y); this.w = 5; }
  sum() { return super.sum() + this.w; }
}
class C extends B {}
const a = A.make();
print(a.sum(), a.double, A.s, A.name, typeof A);
const b = new B(2);
print(b.sum(), b.z, b instanceof A, b instanceof B, Object.getPrototypeOf(B) === A);
const c = new C(3);
print(c.sum(), c.z, C.name, c.constructor === C);
try { A(); } catch (e) { print(e.name); }
try { class D extends B { constructor() { this.x = 1; } } new D(); } catch (e) { print(e.name); }
const E = class { m() { return "m"; } };
