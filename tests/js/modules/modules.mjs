// Static imports, live bindings, namespaces, re-exports, cycles, top-level await,
// import.meta, import() and JSON modules.
import Point, { counter, bump, list, renamed } from './lib.mjs';
import * as lib from './lib.mjs';
import { Point2, bumpAgain, libNs, ns, counter as c2 } from './reexport.mjs';
import { seen } from './cycle_a.mjs';
import { ready, value } from './tla.mjs';
import data from './data.json' with { type: 'json' };

print('default:', new Point(3).x, Point.name);
print('live before:', counter, renamed, lib.counter);
bump();
bumpAgain();
print('live after:', counter, renamed, lib.counter, c2);
print('list:', list.join(','));
print('same default:', Point2 === Point, libNs === lib, ns === lib);
print('namespace keys:', Object.keys(lib).join(','));
print('namespace tag:', Object.prototype.toString.call(lib));
print('namespace frozen-ish:', Object.isExtensible(lib), Object.getPrototypeOf(lib));
try {
  lib.counter = 5;
} catch (e) {
  print('assign to namespace:', e.constructor.name);
}
try {
  counter = 1;
} catch (e) {
  print('assign to import:', e.constructor.name);
}
print('delete export:', Reflect.deleteProperty(lib, 'counter'), Reflect.deleteProperty(lib, 'nope'));
print('cycle:', seen);
print('tla:', ready, value);
print('json:', data.name, data.list.length);
print('this at top level:', this);
print('meta:', typeof import.meta, Object.getPrototypeOf(import.meta), import.meta.url.endsWith('/modules.mjs'));

const again = await import('./lib.mjs');
print('import() namespace is the same:', again === lib);
try {
  await import('./throws.mjs');
} catch (e) {
  print('import() of a throwing module:', e.constructor.name, e.message);
}
try {
  await import('./throws.mjs');
} catch (e) {
  print('the same error again:', e.message);
}
try {
  await import('./missing.mjs');
} catch (e) {
  print('missing export:', e.constructor.name);
}
try {
  await import('./no-such-file.mjs');
} catch (e) {
  print('missing file:', e instanceof Error);
}
const j = await import('./data.json', { with: { type: 'json' } });
print('dynamic json:', j.default === data);
let order = [];
const p = import('./lib.mjs').then(() => order.push('import'));
order.push('sync');
await p;
print('import() settles later:', order.join(','));
