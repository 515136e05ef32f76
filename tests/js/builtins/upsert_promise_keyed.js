// Map/WeakMap upsert (getOrInsert, getOrInsertComputed), Promise.try, Promise.allKeyed,
// Promise.allSettledKeyed, and the one-argument `then` of Promise.prototype.finally.
// Node 20 has none of these: the expected output was written by hand from the proposals.

const m = new Map([['a', 1]]);
print(m.getOrInsert('a', 2), m.getOrInsert('b', 3), [...m].join(';'));
print(m.getOrInsertComputed('a', () => { throw new Error('not called'); }));
print(m.getOrInsertComputed(-0, (k) => Object.is(k, 0) ? 'plus zero' : 'minus zero'));
print(m.has(0), m.get(0));
// The callback changes the map: its result overwrites what it stored.
print(m.getOrInsertComputed('c', (k) => { m.set(k, 'inner'); m.delete('a'); return 'outer'; }));
print([...m.keys()].join(), m.get('c'));
try { m.getOrInsertComputed('z', 42); } catch (e) { print(e.constructor.name); }
try { Map.prototype.getOrInsert.call({}, 1, 2); } catch (e) { print(e.constructor.name); }
print(Map.prototype.getOrInsert.length, Map.prototype.getOrInsertComputed.length);

const wm = new WeakMap();
const k1 = {};
print(wm.getOrInsert(k1, 'one'), wm.getOrInsert(k1, 'two'), wm.get(k1));
print(wm.getOrInsertComputed({}, () => 'computed'));
try { wm.getOrInsert(1, 2); } catch (e) { print(e.constructor.name); }
// The key is checked before the callback.
try { wm.getOrInsertComputed('s', 1); } catch (e) { print(e.constructor.name, 'key first'); }
try { wm.getOrInsertComputed({}, 1); } catch (e) { print(e.constructor.name, 'callback'); }
print(wm.getOrInsertComputed(Symbol('local'), () => 'symbol key'));

const log = [];
Promise.try((a, b) => a + b, 2, 3).then((v) => log.push('try ' + v));
Promise.try(() => { throw new RangeError('boom'); }).catch((e) => log.push('try threw ' + e.name));
Promise.try(() => Promise.resolve('inner')).then((v) => log.push('try ' + v));
try { Promise.try.call(1, () => 0); } catch (e) { log.push('try on 1: ' + e.constructor.name); }

const sym = Symbol('s');
const input = { second: Promise.resolve(2), first: 1, [sym]: Promise.resolve('sym') };
Object.defineProperty(input, 'hidden', { value: Promise.reject(new Error('skipped')), enumerable: false });
input.hidden.catch(() => {});
Promise.allKeyed(input).then((r) => {
  log.push('allKeyed proto ' + Object.getPrototypeOf(r));
  log.push('allKeyed ' + Reflect.ownKeys(r).map(String).join() + ' = ' + r.second + ',' + r.first + ',' + r[sym]);
});
Promise.allKeyed({ ok: 1, bad: Promise.reject('no') }).catch((e) => log.push('allKeyed rejected ' + e));
Promise.allKeyed(5).catch((e) => log.push('allKeyed(5) ' + e.constructor.name));
Promise.allKeyed({}).then((r) => log.push('allKeyed({}) ' + Object.keys(r).length));
Promise.allSettledKeyed({ x: Promise.reject('r'), y: 'v' }).then((r) => {
  log.push('allSettledKeyed ' + JSON.stringify(r));
});

// finally's closures call `then` with one argument; `finally` itself with two.
const thenArgs = [];
class P extends Promise {
  then(...args) { thenArgs.push(args.length); return super.then(...args); }
}
P.resolve(1).finally(() => {});
P.reject(2).finally(() => {}).catch(() => {});

setTimeout(() => {
  // Sorted: the settlement order of independent promises is not what this test checks.
  log.sort().forEach((l) => print(l));
  print('finally then arities', thenArgs.join());
}, 0);
