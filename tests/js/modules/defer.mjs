// import defer (stage 3): the module runs on first use of its namespace; `then` and symbols
// do not trigger it. (node 20 has no import defer: this output was checked by hand against
// the proposal.)
import defer * as lazy from './defer_dep.mjs';
print('before use');
print('symbol:', lazy[Symbol.toStringTag]);
print('then:', lazy.then);
print('value:', lazy.value);
print('again:', lazy.value);
const d = await import.defer('./defer_dep.mjs');
print('import.defer gives the deferred namespace:', d === lazy);
try {
  await import.source('./defer_dep.mjs');
} catch (e) {
  print('import.source of JavaScript:', e.constructor.name);
}
