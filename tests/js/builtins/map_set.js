var m = new Map([[1, 'a'], [2, 'b'], [NaN, 'n'], [-0, 'z']]);
print(m.size, m.get(1), m.get(NaN), m.get(0), m.has(-0), m.get('1'));
m.set('x' + 'y', 1);
print(m.get('xy'), m.has('x'), [...m.keys()].join(','));
print(1 / [...m.keys()][3]);
// iteration sees additions, skips deletions
var seen = [];
var m2 = new Map([[1, 1], [2, 2], [3, 3]]);
for (var [k] of m2) { seen.push(k); if (k === 1) { m2.delete(2); m2.set(4, 4); } }
print(seen.join(','));
// deletion of many entries during iteration (compaction)
var big = new Map();
for (var i = 0; i < 100; i++) big.set(i, i);
var it = big.keys();
print(it.next().value, it.next().value);
for (var i = 0; i < 90; i++) big.delete(i);
print(it.next().value, it.next().value, big.size);
big.clear();
print(it.next().done, big.size);
var it2 = big.entries(); big.set('a', 1); print(JSON_like(it2.next().value));
function JSON_like(a) { return '[' + a.join(',') + ']'; }
// clear during iteration then re-add
var c = new Map([[1, 1], [2, 2]]);
var it3 = c.values(); it3.next(); c.clear(); c.set(5, 5);
print(it3.next().value, it3.next().done);
// forEach
var out = [];
new Map([['a', 1], ['b', 2]]).forEach(function (v, k, mm) { out.push(k + v + (mm instanceof Map)); });
print(out.join(' '));
print(Map.prototype[Symbol.iterator] === Map.prototype.entries, Map.length, Map.name);
print(Object.prototype.toString.call(new Map), Object.prototype.toString.call(new Map().keys()));
print(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.name);
try { Map(); } catch (e) { print(e instanceof TypeError); }
try { Map.prototype.get.call(new Set, 1); } catch (e) { print(e instanceof TypeError); }
try { new Map([1]); } catch (e) { print(e instanceof TypeError); }
// adder lookup
var calls = [];
class M2 extends Map { set(k, v) { calls.push(k); return super.set(k, v); } }
new M2([[1, 2], [3, 4]]);
print(calls.join(','));
print(Map[Symbol.species] === Map);
// Set
var s = new Set([1, 2, 2, 3, -0, NaN, NaN]);
print(s.size, s.has(0), s.has(NaN), [...s].join(','));
print(Set.prototype.keys === Set.prototype.values, Set.prototype[Symbol.iterator] === Set.prototype.values);
print([...new Set([1, 2]).entries()].map(function (e) { return e.join(':'); }).join(' '));
s.delete(2);
print([...s].join(','));
var s2 = new Set([1, 2, 3]);
var sv = []; s2.forEach(function (v, k) { sv.push(v + '=' + k); if (v === 1) s2.add(4); });
print(sv.join(' '));
// WeakMap / WeakSet
var o1 = {}, o2 = {};
var wm = new WeakMap([[o1, 1]]);
wm.set(o2, 2);
print(wm.get(o1), wm.get(o2), wm.has(o1), wm.get(1), wm.has('x'), wm.delete(o1), wm.has(o1), wm.delete(1));
try { wm.set(1, 1); } catch (e) { print(e instanceof TypeError); }
try { wm.set(Symbol.for('reg'), 1); } catch (e) { print(e instanceof TypeError); }
var sym = Symbol('s'); wm.set(sym, 3); print(wm.get(sym));
var ws = new WeakSet([o1]);
print(ws.has(o1), ws.has(o2), ws.add(o2) === ws, ws.has(o2), ws.delete(o2), ws.has(o2));
try { ws.add(1); } catch (e) { print(e instanceof TypeError); }
print(Object.prototype.toString.call(wm), Object.prototype.toString.call(ws), WeakMap.length, WeakSet.name);
print(typeof WeakMap.prototype.clear, typeof WeakMap.prototype.size);
