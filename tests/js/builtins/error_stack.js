// Stack traces: captured where the error is made, frames linked across native calls
// (callbacks, getters), constructors marked `new`, at most 10 frames.
function a() { throw new Error("deep"); }
function b() { a(); }
class K { constructor() { b(); } }
try { new K(); } catch (e) { print(e.stack); }
try { [1, 2].map(function inner(x) { return null.x; }); } catch (e) { print(e.stack); }
var g = { get x() { throw new Error("getter"); } };
try { g.x; } catch (e) { print(e.stack); }
class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; } }
function mk() { return new MyErr("custom"); }
print(mk().stack);
function rec(n) { return n ? rec(n - 1) : new Error("r").stack.split("\n").length; }
print(rec(50));
// The accessor lives on Error.prototype; instances have no own `stack`.
var e = new TypeError("t");
print(Object.prototype.hasOwnProperty.call(e, "stack"), typeof e.stack);
e.stack = "replaced";
print(e.stack, Object.getOwnPropertyDescriptor(e, "stack").enumerable);
var o = { name: "Custom", message: "m" };
Error.captureStackTrace(o);
print(o.stack.split("\n")[0], o.stack.split("\n").length);
print(Object.getOwnPropertyDescriptor(Error.prototype, "stack").get.call({}));
// AggregateError and Error.isError.
var ag = new AggregateError(new Set([1, 2]), "many", { cause: "c" });
print(ag.name, ag.message, ag.errors.join(), ag.cause, ag instanceof Error, AggregateError.length);
Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function (e) {
  print(e.constructor === AggregateError, e.errors.join(), e.message);
});
print(Error.isError(ag), Error.isError({ __proto__: Error.prototype }), Error.isError(1));
