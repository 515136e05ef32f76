// FinalizationRegistry: the API (callbacks after a collection are tested from Rust).
var calls = [];
var r = new FinalizationRegistry(function (held) { calls.push(held); });
var target = {}, token = {};
print(r.register(target, 'a', token), r.register(target, 'b'), r.register(Symbol('s'), 'c', token));
print(r.unregister(token), r.unregister(token), r.unregister({}));
print(Object.prototype.toString.call(r), FinalizationRegistry.name, FinalizationRegistry.length);
print(FinalizationRegistry.prototype.register.length, FinalizationRegistry.prototype.unregister.length);
[[1, 'x'], [target, target], [target, 1, 'tok'], [Symbol.for('g'), 1]].forEach(function (args) {
  try { r.register.apply(r, args); print('accepted'); } catch (e) { print(e.constructor.name); }
});
try { r.unregister('x'); } catch (e) { print('unregister:', e.constructor.name); }
try { new FinalizationRegistry(); } catch (e) { print('ctor:', e.constructor.name); }
try { FinalizationRegistry(function () {}); } catch (e) { print('call:', e.constructor.name); }
try { FinalizationRegistry.prototype.register.call({}, target, 1); } catch (e) { print('brand:', e.constructor.name); }
print(calls.length);
