// Arguments objects made from the realm's cached shape, and Function.prototype.apply's dense fast path
// (arrays and arguments objects), checked against the generic paths they must equal.
function f(a,b){ arguments[0]=9; return [a, arguments.length, typeof arguments[Symbol.iterator], arguments.callee===f, [...arguments], Object.getOwnPropertyNames(arguments), JSON.stringify(Object.getOwnPropertyDescriptor(arguments,'length'))]; }
console.log(f(1,2,3));
function g(){ 'use strict'; try { arguments.callee } catch(e) { return e.constructor.name } }
console.log(g(), Object.getOwnPropertyNames((function(){return arguments})(1)));
Array.prototype.values = function(){ return 'x' };
console.log([...(function(){return arguments})(5,6)]);
function h(a){ return arguments }
for (let i = 0; i < 3; i++) { const a = h(i, 'x'); console.log(a.length, a[0], a[1], a.callee === h, Object.getOwnPropertyNames(a), [...a]); a[0] = 5; delete a.callee; console.log(Object.keys(a), a.callee); }
function s(){ 'use strict'; return arguments }
for (let i = 0; i < 3; i++) { const a = s(i); console.log(Object.getOwnPropertyNames(a), JSON.stringify(Object.getOwnPropertyDescriptor(a, 'callee')), Object.getOwnPropertyDescriptor(a,'callee').get === Object.getOwnPropertyDescriptor(s(),'callee').set); }
function m(a, b) { arguments[1] = 7; b = 8; return [a, b, arguments[1], arguments.length]; }
console.log(m(1), m(1,2), m(1,2,3));
function f() { return [...arguments].join(',') + '|' + arguments.length; }
function g(a, b) { return f.apply(null, arguments); }
function g2(a, b) { a = 'A'; return f.apply(null, arguments); }
function g3() { 'use strict'; return f.apply(null, arguments); }
function g4() { arguments.length = 1; return f.apply(null, arguments); }
function g5() { Object.defineProperty(arguments, 'length', {get(){return 2}}); return f.apply(null, arguments); }
for (let i = 0; i < 3; i++) console.log(g(1,2,3), g2(1,2,3), g3(4,5), g4(7,8), g5(1,2,3), f.apply(null, [1,,3]), f.apply(null, [9, 8]), f.apply(null, {length: 2, 0: 'x'}));
Array.prototype[1] = 'P'; console.log(f.apply(null, [1,,3])); delete Array.prototype[1];
console.log(Math.max.apply(null, [1, 5, 3]), String.fromCharCode.apply(null, [72, 105]));
