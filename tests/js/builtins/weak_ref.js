// WeakRef: construction, deref, brand checks (collection itself is tested from Rust).
var o = { name: 'target' };
var w = new WeakRef(o);
print(w.deref() === o, w.deref().name);
print(Object.prototype.toString.call(w), WeakRef.name, WeakRef.length);
print(Object.getPrototypeOf(w) === WeakRef.prototype, WeakRef.prototype.constructor === WeakRef);
var s = Symbol('local');
print(new WeakRef(s).deref() === s);
[1, 'x', null, undefined, true, Symbol.for('registered')].forEach(function (v) {
  try { new WeakRef(v); print('accepted', String(v)); } catch (e) { print(e.constructor.name); }
});
try { WeakRef(o); } catch (e) { print('call:', e.constructor.name); }
try { WeakRef.prototype.deref.call({}); } catch (e) { print('deref:', e.constructor.name); }
class MyRef extends WeakRef { hello() { return 'hi ' + this.deref().name; } }
print(new MyRef(o).hello());
Promise.resolve().then(function () { print('later', w.deref() === o); });
