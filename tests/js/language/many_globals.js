// More global variables than a fast-mode object holds: the global object is a dictionary and
// global reads and writes are cached by dictionary position (checked against the name).
for (let i = 0; i < 400; i++) globalThis['g' + i] = i;
var counter = 0;
function bump() { counter = counter + 1; return g7 + g399; }
let s = 0;
for (let i = 0; i < 1000; i++) s += bump();
print(s, counter);
// Deleting a global moves later entries; the cached positions must not read the wrong one.
delete globalThis.g5;
delete globalThis.counter;
try { bump(); } catch (e) { print(e.constructor.name, e.message); }
globalThis.counter = 10;
print(bump(), counter);
// An accessor in place of a data property is read through the getter.
let reads = 0;
Object.defineProperty(globalThis, 'g7', { get() { reads++; return 1000; }, configurable: true });
print(bump(), reads);
// A lexical binding declared later shadows the global property.
(0, eval)('let g399 = -1;');
print(bump());
// Read-only globals are not written by sloppy assignment.
Object.defineProperty(globalThis, 'counter', { value: 5, writable: false });
print(bump(), counter);
// A deleted and re-added global lives at a new position.
function readG9() { return g9; }
for (let i = 0; i < 3; i++) readG9();
delete globalThis.g9;
try { readG9(); } catch (e) { print(e.constructor.name, e.message); }
globalThis.g9 = 'again';
print(readG9());
function writeG10(v) { g10 = v; }
writeG10(1); delete globalThis.g10; writeG10(2);
print(g10, Object.getOwnPropertyDescriptor(globalThis, 'g10').configurable);
