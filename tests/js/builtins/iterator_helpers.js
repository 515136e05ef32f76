// Iterator helpers (ES2025 §27.1): laziness, closing, the running check, Iterator.from,
// Iterator.concat and the prototype's accessors.
function* count(n, log) {
  try {
    for (let i = 0; i < n; i++) {
      log.push('yield ' + i);
      yield i;
    }
  } finally {
    log.push('finally');
  }
}

let log = [];
let it = count(10, log).map((x, i) => x * 10 + i).filter(x => x % 4 === 0).take(2);
print(log.length, String(it), typeof it.next);
print(JSON.stringify(it.next()), log.join());
print(JSON.stringify(it.next()), JSON.stringify(it.next()));
print(log.join());

log = [];
print(count(5, log).drop(3).toArray().join(), log.join());

log = [];
let fm = count(3, log).flatMap(x => [x, x]);
print(fm.next().value, fm.next().value, fm.next().value);
print(JSON.stringify(fm.return()), log.join());

print([1, 2, 3, 4].values().reduce((a, b) => a + b), [].values().reduce((a, b) => a + b, 'init'));
try {
  [].values().reduce((a, b) => a + b);
} catch (e) {
  print(e.constructor.name);
}
let seen = [];
[5, 6].values().forEach((v, i) => seen.push(v + ':' + i));
print(seen.join(), [1, 2].values().some(x => x > 1), [1, 2].values().every(x => x > 1));
log = [];
print(count(9, log).find(x => x === 2), log.join());

// A helper is running while its mapper runs: re-entering throws.
let self;
self = [1].values().map(() => self.next());
try {
  self.next();
} catch (e) {
  print('reentry', e.constructor.name);
}
print(JSON.stringify(self.next()));

// Argument validation closes the receiver.
let closed = 0;
let src = { __proto__: Iterator.prototype, next() { return { done: false, value: 1 }; }, return() { closed++; return {}; } };
for (let f of [() => src.map(1), () => src.take(-1), () => src.drop(NaN), () => src.some()]) {
  try {
    f();
  } catch (e) {
    print(e.constructor.name, closed);
  }
}

// Iterator, Iterator.from, Iterator.concat.
try {
  new Iterator();
} catch (e) {
  print('abstract', e.constructor.name);
}
class Counter extends Iterator {
  n = 0;
  next() { return { done: this.n >= 3, value: this.n++ }; }
}
print(new Counter().map(x => x * 2).toArray().join(), new Counter() instanceof Iterator);
let plain = { i: 0, next() { return { done: this.i > 1, value: this.i++ }; } };
let wrapped = Iterator.from(plain);
print(wrapped === plain, Object.getPrototypeOf(Object.getPrototypeOf(wrapped)) === Iterator.prototype, wrapped.toArray().join());
print(Iterator.from('héllo').toArray().join('.'), Iterator.from(new Counter()) instanceof Counter);
print(Iterator.concat([1, 2], new Set([3]), 'ab'.split('')).toArray().join());
try {
  Iterator.concat('ab');
} catch (e) {
  print('concat', e.constructor.name);
}

// The accessors on Iterator.prototype.
print(Iterator.prototype[Symbol.toStringTag], Iterator.prototype.constructor === Iterator);
let o = Object.create(Iterator.prototype);
o[Symbol.toStringTag] = 'Mine';
o.constructor = 42;
print(String(o), o.constructor, Object.keys(o).join());
try {
  Iterator.prototype.constructor = 1;
} catch (e) {
  print('home', e.constructor.name);
}
let d = Object.getOwnPropertyDescriptor(Iterator.prototype, Symbol.toStringTag);
print(typeof d.get, typeof d.set, d.enumerable, d.configurable, d.get.name, d.set.name);

// [Symbol.dispose] calls return.
let r = 0;
({ __proto__: Iterator.prototype, return() { r++; } })[Symbol.dispose]();
print('dispose', r);

// Proposals: includes, join, chunks, windows.
print([1, NaN, -0].values().includes(NaN), [1, 2].values().includes(1, 1), [0].values().includes(-0));
print(['a', null, 1, undefined].values().join(), [1, 2, 3].values().join(' - '));
print(JSON.stringify([1, 2, 3, 4, 5].values().chunks(2).toArray()));
print(JSON.stringify([1, 2, 3, 4].values().windows(3).toArray()), JSON.stringify([1, 2].values().windows(3, 'allow-partial').toArray()));
try {
  [].values().chunks(Infinity);
} catch (e) {
  print('chunks', e.constructor.name);
}

// Iterator.zip and Iterator.zipKeyed.
print(JSON.stringify(Iterator.zip([[1, 2, 3], 'ab'.split('')]).toArray()));
print(JSON.stringify(Iterator.zip([[1, 2, 3], [4]], { mode: 'longest', padding: ['p', 'q'] }).toArray()));
try {
  Iterator.zip([[1, 2], [3]], { mode: 'strict' }).toArray();
} catch (e) {
  print('strict', e.constructor.name);
}
let keyed = Iterator.zipKeyed({ a: [1, 2], b: [3, 4, 5] }).toArray();
print(JSON.stringify(keyed), Object.getPrototypeOf(keyed[0]));
