function mx(a, b, c) { return a > b ? (a > c ? a : c) : (b > c ? b : c); }
function F(a, b) { this.sum = a + b; }
print(Reflect.apply(mx, null, [1, 5, 3]), Reflect.apply(function () { return this.x; }, { x: 7 }, []));
var o = Reflect.construct(F, [1, 2]);
print(o.sum, o instanceof F);
function G() {}
var o2 = Reflect.construct(F, [3, 4], G);
print(o2.sum, Object.getPrototypeOf(o2) === G.prototype);
try { Reflect.construct(function () {}.bind(null), [], () => 0); } catch (e) { print('ctor', e instanceof TypeError); }
try { Reflect.apply(1, null, []); } catch (e) { print('apply', e instanceof TypeError); }
try { Reflect.apply(mx, null, 1); } catch (e) { print('list', e instanceof TypeError); }
var t = {};
print(Reflect.defineProperty(t, 'a', { value: 1 }), t.a, Reflect.defineProperty(t, 'a', { value: 2 }), t.a);
print(Reflect.deleteProperty(t, 'a'), Reflect.deleteProperty({ b: 1 }, 'b'));
var proto = { get g() { return this.v; } };
var r = Object.create(proto); r.v = 1;
print(Reflect.get(r, 'g'), Reflect.get(r, 'g', { v: 2 }));
var d = Reflect.getOwnPropertyDescriptor({ x: 1 }, 'x');
print(d.value, d.writable, d.enumerable, d.configurable, Reflect.getOwnPropertyDescriptor({}, 'x'));
print(Reflect.getPrototypeOf(r) === proto, Reflect.has(r, 'g'), Reflect.has(r, 'zz'));
var ne = {};
print(Reflect.isExtensible(ne), Reflect.preventExtensions(ne), Reflect.isExtensible(ne));
var sym = Symbol('k');
var ko = { b: 1, a: 2, 1: 0, 0: 0 }; ko[sym] = 1;
print(Reflect.ownKeys(ko).map(String).join(','));
var recv = {};
var setter = { set s(v) { this.got = v; } };
print(Reflect.set(setter, 's', 5, recv), recv.got, Reflect.set(Object.freeze({ q: 1 }), 'q', 2));
print(Reflect.setPrototypeOf({}, null), Reflect.setPrototypeOf(Object.preventExtensions({}), {}));
var cyc = {}; print(Reflect.setPrototypeOf(Object.prototype === cyc ? {} : cyc, Object.create(cyc)));
try { Reflect.setPrototypeOf({}, 1); } catch (e) { print('proto', e instanceof TypeError); }
var names = ['apply', 'construct', 'defineProperty', 'deleteProperty', 'get', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has', 'isExtensible', 'ownKeys', 'preventExtensions', 'set', 'setPrototypeOf'];
print(names.map(function (n) { return n + Reflect[n].length; }).join(' '));
print(Object.prototype.toString.call(Reflect), typeof Reflect, Reflect.get.name);
try { Reflect.getPrototypeOf(1); } catch (e) { print('target', e instanceof TypeError); }
try { Reflect.ownKeys('s'); } catch (e) { print('target2', e instanceof TypeError); }
