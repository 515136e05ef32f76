var g = 1;
print(eval("g + 1"), eval(42), eval("var h = 5; h * 2"), h);
function f(a) { var x = 10; let y = 20; const k = () => eval("x + y + a"); return [eval("x * a"), k(), eval("arguments.length"), eval("this === undefined")]; }
print(f(3).join());
function g2() { "use strict"; var z = 1; eval("var z = 2; var local = 3"); return [z, typeof local].join(); }
print(g2());
var indirect = eval;
function g3() { var g = "local"; return [eval("g"), indirect("g")].join(); }
print(g3());
try { eval("let q = ;"); } catch (e) { print(e.name); }
eval("function declared() { return 'd'; }");
print(declared(), delete globalThis.declared, typeof declared);
function g4() { var v = 1; eval("v = 7"); return v; }
print(g4());
let lx = "outer-let"; print(eval("lx"));
print(eval("let inner = 5; inner"), typeof inner);
const obj = { m() { return eval("this.tag"); }, tag: "T" };
print(obj.m());
