function f(a, b) { return a + b; }
print(f.toString());
print((x => x * 2).toString());
print((async function* g() {}).toString());
class A { constructor() { this.x = 1 } static m() { return 1 } get y() { return 2 } #p() {} }
print(A.toString());
print(A.m.toString());
print(Object.getOwnPropertyDescriptor(A.prototype, 'y').get.toString());
var o = { m() {}, ['x' + 1]: function() {}, async *n() {} };
print(o.m.toString()); print(o.x1.toString()); print(o.n.toString());
print(Math.max.toString());
print((function(){}).bind().toString());
print(new Function("a", "b", "return a").toString());
var s = "héllo"; function g2() { return "é😀" }
print(g2.toString());
class B extends A {}
print(B.toString());
