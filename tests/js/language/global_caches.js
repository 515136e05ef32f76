// Global variable accesses through the inline caches: lexical bindings shadowing later,
// TDZ, constants, deleted and redefined globals, accessors on the global object.
var g1 = 1;
function readG1() { return g1; }
print(readG1(), readG1());
g1 = 2;
print(readG1());
let lex = "a";
function readLex() { return lex; }
function writeLex(v) { lex = v; }
print(readLex()); writeLex("b"); writeLex("c"); print(readLex());
const K = 5;
function writeK() { try { K = 6; } catch (e) { return e.name; } }
print(writeK(), writeK(), K);
globalThis.late = 1;
function readLate() { return late; }
print(readLate(), readLate());
delete globalThis.late;
try { readLate(); } catch (e) { print(e.name); }
Object.defineProperty(globalThis, "late", { get: function () { return "getter"; }, configurable: true });
print(readLate());
function readTdz() { try { return tdz; } catch (e) { return e.name; } }
print(readTdz());
let tdz = "init";
print(readTdz(), readTdz());
var sh = "global";
function readSh() { return sh; }
print(readSh(), readSh());
for (var i = 0, t = 0; i < 1000; i++) t += i;
print(t);
