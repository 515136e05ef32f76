// Property reads on primitives start at the prototype with the primitive as receiver (no wrapper).
String.prototype.me = function () { return typeof this; };
Object.defineProperty(String.prototype, 'g', { get() { return [typeof this, this.length]; } });
Object.defineProperty(Number.prototype, 'h', { get() { 'use strict'; return [typeof this, this + 1]; } });
console.log('abc'.me(), 'abc'.g, (5).h, (5).toFixed(1), true.toString(), Symbol('q').description, 10n.toString(), 'x'.length, 'xy'[1], 'xy'[5], 'ab'.constructor === String, (1).constructor.name);
try { null.x } catch (e) { console.log(e.message) }
console.log('abc'.missing, (1).missing, Symbol.iterator.toString());
