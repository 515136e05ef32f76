// Array.fromAsync over async iterables, sync iterables (values awaited) and array-likes.
async function* gen() { yield 1; yield Promise.resolve(2); yield 3; }
var log = [];
Array.fromAsync(gen()).then(function (a) { log.push('async: ' + a.join()); });
Array.fromAsync([Promise.resolve('a'), 'b']).then(function (a) { log.push('sync: ' + a.join()); });
Array.fromAsync({ length: 2, 0: 'x', 1: Promise.resolve('y') }, function (v, i) { return v + i; })
  .then(function (a) { log.push('array-like: ' + a.join()); });
Array.fromAsync([1], 'nope').catch(function (e) { log.push('mapper: ' + e.constructor.name); });
Array.fromAsync(null).catch(function (e) { log.push('null: ' + e.constructor.name); });
function C() { this.made = true; }
Array.fromAsync.call(C, [7, 8]).then(function (o) { log.push('ctor: ' + o.made + ' ' + o.length + ' ' + o[1]); });
var closed = false;
var it = { [Symbol.asyncIterator]() { return { next() { return Promise.resolve({ value: 1, done: false }); },
  return() { closed = true; return Promise.resolve({}); } }; } };
Array.fromAsync(it, function () { throw new Error('boom'); }).catch(function (e) {
  log.push('close: ' + e.message + ' ' + closed);
});
print(Array.fromAsync.name, Array.fromAsync.length, 'prototype' in Array.fromAsync,
  Array.fromAsync(gen()) instanceof Promise);
setTimeout(function () { log.sort(); log.forEach(function (l) { print(l); }); }, 0);
