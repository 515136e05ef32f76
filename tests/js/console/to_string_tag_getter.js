class A { get [Symbol.toStringTag]() { return 'Tagged'; } }
class B { constructor() { this.v = 1; } get [Symbol.toStringTag]() { return 'BTag'; } }
const o = { get [Symbol.toStringTag]() { return 'ObjTag'; }, x: 1 };
console.log(new A(), new B(), o, [new B()], { b: new B() }, Object.create(B.prototype));
class C { static get [Symbol.toStringTag]() { return 'StaticTag'; } } console.log(C, new C());
