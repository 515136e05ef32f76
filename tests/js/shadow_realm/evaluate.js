// ShadowRealm: construction, brand checks, evaluate's completion values and its boundary.
var r = new ShadowRealm();
print(Object.prototype.toString.call(r), ShadowRealm.name, ShadowRealm.length);
print(ShadowRealm.prototype.evaluate.length, ShadowRealm.prototype.importValue.length);
print(Object.getPrototypeOf(r) === ShadowRealm.prototype, ShadowRealm.prototype.constructor === ShadowRealm);
try { ShadowRealm(); } catch (e) { print('call:', e.constructor === TypeError); }
try { ShadowRealm.prototype.evaluate.call({}, '1'); } catch (e) { print('brand:', e.constructor === TypeError); }
try { r.evaluate(1); } catch (e) { print('not a string:', e.constructor === TypeError); }

// Primitives cross as they are.
print(r.evaluate('1 + 1'), r.evaluate('"s"'), r.evaluate('null'), r.evaluate(''), typeof r.evaluate('10n'));
var sym = r.evaluate('Symbol.for("x")');
print(sym === Symbol.for('x'), typeof r.evaluate('Symbol("local")'));

// Objects do not: a TypeError of this realm.
try { r.evaluate('({})'); } catch (e) { print('object:', e.constructor === TypeError); }
try { r.evaluate('globalThis'); } catch (e) { print('global:', e.constructor === TypeError); }

// A SyntaxError is this realm's; an exception over there becomes a TypeError here.
try { r.evaluate('...'); } catch (e) { print('syntax:', e.constructor === SyntaxError); }
try { r.evaluate('throw new RangeError("far")'); } catch (e) { print('throw:', e.constructor === TypeError, e.message); }
try { r.evaluate('throw 1'); } catch (e) { print('throw 1:', e.constructor === TypeError); }
try { r.evaluate('new.target'); } catch (e) { print('new.target:', e.constructor === SyntaxError); }

// A separate global: its own intrinsics and bindings; var persists, let/const do not.
globalThis.here = 'outer';
print(r.evaluate('typeof here'), r.evaluate('Array === globalThis.Array'));
r.evaluate('var v = 1; let l = 2;');
print(r.evaluate('typeof v'), r.evaluate('typeof l'));
print(r.evaluate('typeof print'), r.evaluate('Object.getPrototypeOf(globalThis) === Object.prototype'));
print(r.evaluate('Object.getOwnPropertyDescriptor(globalThis, "Array").configurable'));

// Sloppy code over there whatever this code is.
print(r.evaluate('(function () { return this === globalThis; })()'));
print(r.evaluate('var public = 3; public'));

// Two realms do not share a global; nested realms work.
var r2 = new ShadowRealm();
r.evaluate('globalThis.mark = "one"');
print(r2.evaluate('typeof mark'), r.evaluate('mark'));
var inner = r.evaluate('var nested = new ShadowRealm(); (s) => nested.evaluate(s)');
inner('globalThis.mark = "nested"');
print(inner('mark'), r.evaluate('mark'));

// Subclassing.
class MyRealm extends ShadowRealm { twice(s) { return this.evaluate(s) * 2; } }
print(new MyRealm().twice('21'));
