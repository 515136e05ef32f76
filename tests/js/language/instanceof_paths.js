// instanceof through the plain-function shortcut and every way around it.
function A() {}
const a = new A();
print(a instanceof A, {} instanceof A, 1 instanceof A, a instanceof Object);
// An own @@hasInstance (static class method) wins.
class B { static [Symbol.hasInstance](v) { return v === 42; } }
print(42 instanceof B, new B() instanceof B);
// Defined on the function itself.
function C() {}
Object.defineProperty(C, Symbol.hasInstance, { value: () => true });
print(1 instanceof C);
// On a prototype between the function and Function.prototype.
function D() {}
const mid = Object.create(Function.prototype, { [Symbol.hasInstance]: { value: () => 'yes' } });
Object.setPrototypeOf(D, mid);
print({} instanceof D);
// A function whose prototype is null or another function's.
function E() {}
Object.setPrototypeOf(E, null);
print(new E() instanceof E);
// `prototype` as an accessor, and a non-object prototype.
const F = () => {};
let gets = 0;
Object.defineProperty(F, 'prototype', { get() { gets++; return Object.prototype; } });
print(({}) instanceof F, Object.create(null) instanceof F, gets);
function G() {}
G.prototype = 3;
try { ({}) instanceof G; } catch (e) { print(e.constructor.name); }
// Bound functions and proxies.
const bound = A.bind(null);
print(a instanceof bound, new bound() instanceof A);
const p = new Proxy(A, { get(t, k, r) { if (k === Symbol.hasInstance) print('trap'); return Reflect.get(t, k, r); } });
print(a instanceof p);
// Arrow functions have no prototype property: TypeError only when the left side is an object.
const arrow = () => {};
print(1 instanceof arrow);
try { ({}) instanceof arrow; } catch (e) { print(e.constructor.name); }
// Non-callable right-hand sides.
try { a instanceof {}; } catch (e) { print(e.constructor.name); }
// Function.prototype[@@hasInstance] cannot be replaced.
print(Reflect.defineProperty(Function.prototype, Symbol.hasInstance, { value: () => false }), a instanceof A);
