// Objects with hundreds of named properties (fast mode up to 512): reads, writes, deletes
// and the switch to dictionary mode keep every property and the insertion order.
function Big(n) { for (let i = 0; i < n; i++) this['p' + i] = i; }
for (const n of [100, 300, 511, 512, 513, 700]) {
  const o = new Big(n);
  let s = 0;
  for (let r = 0; r < 3; r++) for (let i = 0; i < n; i += 7) s += o['p' + i];
  o.p5 = -5;
  delete o.p6;
  o.extra = 'x';
  const keys = Object.keys(o);
  print(n, s, keys.length, keys[5], keys[6], keys[keys.length - 1], o.p5, o.p6, o['p' + (n - 1)]);
}
// A constructor assigning 300 named properties, read through a method (inline caches).
const names = [];
for (let i = 0; i < 300; i++) names.push('f' + i);
const Ctor = new Function(names.map((k, i) => 'this.' + k + ' = ' + i + ';').join('\n'));
Ctor.prototype.sum = new Function('return ' + names.map(k => 'this.' + k).join(' + ') + ';');
const objs = [new Ctor(), new Ctor()];
objs[1].f299 = 1000;
print(objs[0].sum(), objs[1].sum());
