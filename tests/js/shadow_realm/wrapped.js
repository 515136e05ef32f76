// Wrapped function exotic objects: calls, argument and result wrapping, errors, name/length.
var r = new ShadowRealm();
var add = r.evaluate('(function add(a, b) { return a + b; })');
print(typeof add, add(2, 3), add.name, add.length);
print(Object.getPrototypeOf(add) === Function.prototype, add instanceof Function);
print(Object.getOwnPropertyNames(add).join());
var d = Object.getOwnPropertyDescriptor(add, 'length');
print(d.writable, d.enumerable, d.configurable);
try { new add(); } catch (e) { print('new:', e.constructor === TypeError); }

// Each evaluation wraps anew; wrappers share no properties with their targets.
var f1 = r.evaluate('globalThis.fn = function fn() { return 1; }; fn');
var f2 = r.evaluate('fn');
print(f1 === f2, 'prototype' in f1);
f1.extra = 1;
print(r.evaluate('"extra" in fn'));

// Callables passed in are wrapped the other way; objects are refused.
var apply = r.evaluate('(f, x) => f(x) + 1');
print(apply(function (x) { return x * 10; }, 4));
try { apply({}, 1); } catch (e) { print('object argument:', e.constructor === TypeError); }
var getObj = r.evaluate('() => ({})');
try { getObj(); } catch (e) { print('object result:', e.constructor === TypeError); }
var thrower = r.evaluate('() => { throw new Error("inside"); }');
try { thrower(); } catch (e) { print('throws:', e.constructor === TypeError, e.message); }
var inThis = r.evaluate('(function () { return typeof this; })');
print(inThis());

// Errors from functions passed in are TypeErrors on the other side too.
var callIt = r.evaluate('(f) => { try { f(); } catch (e) { return e.constructor === TypeError; } }');
print(callIt(function () { throw new Error('outside'); }));

// A returned function can be called back and forth.
var counter = r.evaluate('var n = 0; () => () => ++n');
var inc = counter();
inc(); inc();
print(inc(), r.evaluate('n'));

// CopyNameAndLength: length clamped, non-string names become "".
function lengthOf(src) { return r.evaluate('var g = function () {}; Object.defineProperty(g, "length", { get: () => ' + src + ' }); g').length; }
print(lengthOf('Infinity'), lengthOf('-Infinity'), lengthOf('-1'), lengthOf('2.7'), lengthOf('"3"'), lengthOf('NaN'));
print(r.evaluate('var h = function () {}; delete h.length; h').length);
print(JSON.stringify(r.evaluate('var k = function () {}; Object.defineProperty(k, "name", { value: 42 }); k').name));
try {
  r.evaluate('var t = function () {}; Object.defineProperty(t, "name", { get() { throw 0; } }); t');
} catch (e) { print('name getter throws:', e.constructor === TypeError); }

// The observable order: has length, get length, get name.
var log = r.evaluate('globalThis.log = []; () => log.join()');
r.evaluate('new Proxy(function () {}, { getOwnPropertyDescriptor(t, k) { log.push("gopd " + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); }, get(t, k) { log.push("get " + String(k)); return Reflect.get(t, k); } })');
print(log());

// A revoked proxy's realm cannot be found.
var p = r.evaluate('globalThis.rev = Proxy.revocable(() => 1, {}); rev.proxy');
r.evaluate('rev.revoke()');
try { p(); } catch (e) { print('revoked:', e.constructor === TypeError); }
