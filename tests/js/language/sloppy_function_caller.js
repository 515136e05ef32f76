// Sloppy-mode plain functions have own non-writable, non-configurable `arguments` and `caller`
// (null here), as in V8 and SpiderMonkey; strict functions, arrows, methods, classes,
// generators, async functions and accessors have none, and reading them on a strict function
// throws (%ThrowTypeError% on Function.prototype).
function f() { return f.caller; }
function g() { "use strict"; return f(); }
console.log(Object.getOwnPropertyNames(function () {}), Object.getOwnPropertyNames(() => 1),
  Object.getOwnPropertyNames(function* () {}));
console.log(Object.getOwnPropertyDescriptor(function () {}, "caller"), g(), f.arguments);
console.log(Object.getOwnPropertyNames({ m() {} }.m), Object.getOwnPropertyNames(class {}),
  Object.getOwnPropertyNames(async function () {}));
console.log(Object.getOwnPropertyNames(new Function("a", "return a")),
  Object.getOwnPropertyNames(function () { "use strict"; }));
try { (function () { "use strict"; }).caller; } catch (e) { console.log(e.name); }
console.log(Object.getOwnPropertyNames({ get x() { return 1; } }.__lookupGetter__("x")),
  delete f.caller, f.hasOwnProperty("arguments"));
try { (function () { "use strict"; f.caller = 1; })(); } catch (e) { console.log(e.name); }
