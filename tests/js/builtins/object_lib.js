// Annex B Object.prototype members and the newer Object statics.
var o = {};
print(o.__proto__ === Object.prototype);
o.__proto__ = Array.prototype;
print(Array.isArray(o), o instanceof Array);
o.__proto__ = 'ignored';
print(o instanceof Array);
print(Object.getPrototypeOf({ __proto__: null }));
print(Object.create(null).__proto__);
var d = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__');
print(d.get.name, d.set.name, d.get.length, d.set.length, d.enumerable, d.configurable);
try { Object.setPrototypeOf(Object.prototype, {}); } catch (e) { print(e.constructor.name); }
print(Object.setPrototypeOf(Object.prototype, null) === Object.prototype);

var x = {};
x.__defineGetter__('a', function () { return 42; });
x.__defineSetter__('b', function (v) { this.seen = v; });
x.b = 'set!';
print(x.a, x.seen, typeof x.__lookupGetter__('a'), x.__lookupSetter__('a'));
print(Object.create(x).__lookupSetter__('b') === x.__lookupSetter__('b'));
print(Object.keys(x).join());
try { x.__defineGetter__('c', 'no'); } catch (e) { print(e.constructor.name); }

var descs = Object.getOwnPropertyDescriptors({ a: 1, get b() { return 2; } });
print(JSON.stringify(descs), typeof descs.b.get);
print(Object.keys(Object.getOwnPropertyDescriptors('hi')).join());

print(JSON.stringify(Object.fromEntries([['x', 1], ['y', [2]]])));
print(Object.is(NaN, NaN), Object.is(0, -0), Object.hasOwn({ q: 1 }, 'q'), Object.hasOwn([], 'length'));
print({ toString() { return 'custom'; } }.toLocaleString());
