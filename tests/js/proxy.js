// Proxy exotic objects (ECMA-262 §10.5) and the Proxy constructor (§28.2): traps in spec
// order, invariants, revocation, proxies on prototype chains, callable proxies, and the
// library and language operations that go through the internal methods.

function err(f) {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e.constructor.name;
  }
}

// A handler that logs every trap and forwards to Reflect.
function logging(log, name) {
  return new Proxy({}, {
    get(_, trap) {
      return function (...args) {
        var k = args[1];
        log.push(name + ':' + trap + (typeof k === 'string' || typeof k === 'symbol' ? ' ' + String(k) : ''));
        return Reflect[trap](...args);
      };
    }
  });
}

// 1. Constructor and revocable.
print('typeof Proxy', typeof Proxy, Proxy.length, Proxy.name, 'prototype' in Proxy);
print('call without new', err(() => Proxy({}, {})));
print('non-object target', err(() => new Proxy(1, {})), err(() => new Proxy({}, null)));
var r = Proxy.revocable({ a: 1 }, {});
print('revocable keys', Object.keys(r).join(), r.revoke.length, JSON.stringify(r.revoke.name));
print('before revoke', r.proxy.a);
r.revoke();
r.revoke();
print('after revoke', err(() => r.proxy.a), err(() => 'a' in r.proxy), err(() => Object.keys(r.proxy)));
print('revoked typeof', typeof r.proxy, err(() => Array.isArray(r.proxy)));
print('proxy of revoked', err(() => new Proxy(r.proxy, {})), err(() => new Proxy({}, r.proxy)));

// 2. Trap order for common operations.
var log = [];
var target = { x: 1, y: 2 };
var p = new Proxy(target, logging(log, 't'));
p.x;
p.z = 3;
'y' in p;
delete p.y;
Object.keys(p);
print(log.join(' | '));
log.length = 0;
var copy = { ...p };
print('spread', JSON.stringify(copy), log.join(' | '));
log.length = 0;
Object.assign({}, p);
print('assign', log.join(' | '));
log.length = 0;
JSON.stringify(p);
print('stringify', log.join(' | '));
log.length = 0;
var forIn = [];
for (var k in p) forIn.push(k);
// The interleaving of traps with the loop body is implementation-defined; the keys and the
// first trap are not.
print('for-in', forIn.join(), log[0], log.includes('t:getOwnPropertyDescriptor x'));
log.length = 0;
var { x, ...rest } = p;
print('destructuring', x, JSON.stringify(rest), log.join(' | '));

// 3. Proxies on the prototype chain see the receiver.
var seen = [];
var protoProxy = new Proxy({ inherited: 'i' }, {
  get(t, k, rcv) { seen.push('get ' + String(k) + ' ' + (rcv === child)); return Reflect.get(t, k, rcv); },
  set(t, k, v, rcv) { seen.push('set ' + String(k) + ' ' + (rcv === child)); return Reflect.set(t, k, v, rcv); },
  has(t, k) { seen.push('has ' + String(k)); return Reflect.has(t, k); }
});
var child = Object.create(protoProxy);
child.own = 1;
print('chain', child.inherited, child.own, 'inherited' in child, 'nothing' in child);
child.newProp = 5;
print('set on receiver', Object.getOwnPropertyNames(child).join(), Object.keys(protoProxy).join());
print(seen.join(' | '));

// 4. Callable proxies.
function add(a, b) { return a + b; }
var f = new Proxy(add, {});
print('callable', typeof f, f(2, 3), f.call(null, 4, 5), f.apply(null, [6, 7]), f.length, f.name);
var applyLog = [];
var g = new Proxy(add, {
  apply(t, thisArg, args) { applyLog.push(args.length); return t.apply(thisArg, args) * 10; },
  construct(t, args, nt) { return { made: args.join('+'), nt: nt === g }; }
});
print('apply trap', g(1, 2), g.call(null, 3, 4), Reflect.apply(g, null, [5, 6]), applyLog.join());
print('construct trap', JSON.stringify(new g(1, 2)));
print('arrow proxy', typeof new Proxy(() => 1, {}), err(() => new (new Proxy(() => 1, {}))()));
print('non-callable', typeof new Proxy({}, {}), err(() => new Proxy({}, {})()));
print('construct returns primitive', err(() => new (new Proxy(function () {}, { construct() { return 1; } }))()));
class Base { constructor(v) { this.v = v; } }
var PBase = new Proxy(Base, {});
class Derived extends PBase { constructor() { super(42); } }
print('extends proxy', new Derived().v, new Derived() instanceof Base, new PBase(1) instanceof Base);
print('Function.prototype.toString', /native code/.test(Function.prototype.toString.call(f)));
print('bind', f.bind(null, 10)(5));

// 5. Array.isArray and Object.prototype.toString.
var pa = new Proxy([1, 2, 3], {});
print('isArray', Array.isArray(pa), Array.isArray(new Proxy(pa, {})), Array.isArray(new Proxy({}, {})));
print('toString', Object.prototype.toString.call(pa), Object.prototype.toString.call(f), Object.prototype.toString.call(new Proxy({}, {})));
print('array ops', pa.length, pa.map(v => v * 2).join(), JSON.stringify(pa), [].concat(pa).length, Array.from(pa).join());
print('spread array', [...pa].join(), Math.max(...pa));

// 6. Invariants.
var frozen = Object.freeze({ a: 1 });
print('get invariant', err(() => new Proxy(frozen, { get() { return 2; } }).a),
  new Proxy(frozen, { get() { return 1; } }).a);
print('has invariant', err(() => 'a' in new Proxy(frozen, { has() { return false; } })));
print('delete invariant', err(() => delete new Proxy(frozen, { deleteProperty() { return true; } }).a));
print('ownKeys invariant', err(() => Object.keys(new Proxy(frozen, { ownKeys() { return []; } }))),
  err(() => Reflect.ownKeys(new Proxy({}, { ownKeys() { return ['a', 'a']; } }))),
  err(() => Reflect.ownKeys(new Proxy({}, { ownKeys() { return [1]; } }))));
var nonExt = Object.preventExtensions({ q: 1 });
print('ownKeys non-extensible', err(() => Reflect.ownKeys(new Proxy(nonExt, { ownKeys() { return ['q', 'extra']; } }))),
  Reflect.ownKeys(new Proxy(nonExt, { ownKeys() { return ['q']; } })).join());
print('getPrototypeOf invariant', err(() => Object.getPrototypeOf(new Proxy(nonExt, { getPrototypeOf() { return Array.prototype; } }))),
  err(() => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf() { return 1; } }))));
print('isExtensible invariant', err(() => Object.isExtensible(new Proxy({}, { isExtensible() { return false; } }))));
print('preventExtensions invariant', err(() => Object.preventExtensions(new Proxy({}, { preventExtensions() { return true; } }))),
  err(() => Object.preventExtensions(new Proxy({}, { preventExtensions() { return false; } }))),
  Reflect.preventExtensions(new Proxy({}, { preventExtensions() { return false; } })));
print('defineProperty invariant', err(() => Object.defineProperty(new Proxy({}, { defineProperty() { return true; } }), 'a', { value: 1, configurable: false })),
  err(() => Object.defineProperty(new Proxy({}, { defineProperty() { return false; } }), 'a', { value: 1 })),
  Reflect.defineProperty(new Proxy({}, { defineProperty() { return false; } }), 'a', { value: 1 }));
print('gOPD invariant', err(() => Object.getOwnPropertyDescriptor(new Proxy(frozen, { getOwnPropertyDescriptor() { return undefined; } }), 'a')),
  err(() => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor() { return { value: 1, configurable: false }; } }), 'a')),
  JSON.stringify(Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor() { return { value: 1, configurable: true }; } }), 'a')));
print('set invariant', err(() => { 'use strict'; new Proxy(frozen, { set() { return true; } }).a = 2; }),
  err(() => { 'use strict'; new Proxy({}, { set() { return false; } }).a = 2; }),
  Reflect.set(new Proxy({}, { set() { return false; } }), 'a', 1));
print('trap not callable', err(() => new Proxy({}, { get: 1 }).a), new Proxy({ a: 7 }, { get: null }).a);

// 7. Prototype operations, instanceof, in, with.
var protoLog = [];
var pp = new Proxy({}, {
  getPrototypeOf(t) { protoLog.push('getPrototypeOf'); return Array.prototype; },
  setPrototypeOf(t, v) { protoLog.push('setPrototypeOf'); return Reflect.setPrototypeOf(t, v); }
});
print('instanceof', pp instanceof Array, Array.prototype.isPrototypeOf(pp), Object.getPrototypeOf(pp) === Array.prototype);
Object.setPrototypeOf(pp, null);
print(protoLog.join());
var withLog = [];
var env = new Proxy({ v: 1 }, {
  has(t, k) { withLog.push('has ' + String(k)); return k in t; },
  get(t, k) { withLog.push('get ' + String(k)); return t[k]; }
});
var withValue = (function () { with (env) { return v; } })();
// HasBinding then GetBindingValue (the spec's second `has` is V8's known deviation).
print('with', withValue, withLog.slice(0, 2).join(' | '), withLog[withLog.length - 1]);

// 8. Chains of proxies forward through every level (100,000 levels throw a RangeError: the
// Rust tests check that, outside GC stress).
var deep = { x: 'bottom' };
for (var i = 0; i < 1000; i++) deep = new Proxy(deep, {});
print('chain get', deep.x, 'x' in deep, Object.keys(deep).join(), Object.getPrototypeOf(deep) === Object.prototype);
var deepFn = function (a) { return a + 1; };
for (var i = 0; i < 1000; i++) deepFn = new Proxy(deepFn, {});
print('chain call', deepFn(1), typeof deepFn, new deepFn(1) instanceof Object);

// 9. Proxy as handler and as target of itself in meta operations.
var metaLog = [];
var meta = new Proxy({}, { get(t, k) { metaLog.push(k); return undefined; } });
var viaMeta = new Proxy({ a: 1 }, meta);
viaMeta.a;
'a' in viaMeta;
Object.keys(viaMeta);
print('handler proxy', metaLog.join());
