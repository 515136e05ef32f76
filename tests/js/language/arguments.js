function f(a, b) { arguments[0] = 2; b = 9; return [a, arguments[1], arguments.length, Object.prototype.toString.call(arguments)].join(); }
print(f(1, 5));
print(f(1));
function g(a) { "use strict"; arguments[0] = 2; return a; }
print(g(1));
function h(a) { delete arguments[0]; arguments[0] = 7; return a; }
print(h(1));
function k(a) { Object.defineProperty(arguments, "0", {value: 3, writable: false}); a = 4; return arguments[0]; }
print(k(1));
function dup(a, a) { arguments[1] = 5; return a + "," + arguments[0]; }
print(dup(1, 2));
function cal() { return arguments.callee === cal; }
print(cal());
function scal() { "use strict"; try { arguments.callee } catch (e) { return e.constructor.name } }
print(scal());
function clo(a) { var r = function() { return a; }; arguments[0] = "x"; return r(); }
print(clo(1));
function late(a) { a = 3; return arguments[0]; } print(late(1), late());
print((function(){ return typeof arguments[Symbol.iterator] })());
print([...(function(a,b){ return arguments })(1,2)].join());
print(JSON.stringify((function(a){return arguments})(1,2)));
print(Object.keys((function(a){return arguments})(1,2)));
// Sloppy code may assign `arguments` itself (the binding, not the object's contents).
function assignArgs() { arguments = 42; return arguments; }
function assignAfterRead(a) { var x = arguments; arguments = 'new'; return [x.length, arguments, a].join(); }
function assignForArrow() { arguments = 7; return (() => arguments)(); }
function assignPattern() { [arguments] = [8]; return arguments; }
function assignInEval() { eval('arguments = 9'); return arguments; }
function assignOnly() { arguments = 5; }
assignOnly();
print(assignArgs(), assignAfterRead(1, 2), assignForArrow(), assignPattern(), assignInEval(), typeof globalThis.arguments);
