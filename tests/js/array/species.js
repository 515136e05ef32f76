// ArraySpeciesCreate: constructor / @@species lookups.
print(Array[Symbol.species] === Array);
function F(n) { this.len = n; }
var a = [1, 2, 3];
a.constructor = {};
a.constructor[Symbol.species] = F;
var m = a.map(function (x) { return x * 2; });
print(m instanceof F, m.len, m[0], m[2], Array.isArray(m));
var f = a.filter(function (x) { return x > 1; });
print(f instanceof F, f.len, f[0], f.length);
var s = a.slice(1);
print(s instanceof F, s.len, s.length);
var sp = a.splice(0, 1);
print(sp instanceof F, sp.len, sp.length);
var c = a.concat([9]);
print(c instanceof F, c.len, c.length);
// null species: plain arrays.
var b = [1];
b.constructor = {};
b.constructor[Symbol.species] = null;
print(Array.isArray(b.map(function (x) { return x; })));
// undefined constructor: plain arrays.
var e = [1];
e.constructor = undefined;
print(Array.isArray(e.slice()));
// Non-constructor species: TypeError.
var g = [1];
g.constructor = {};
g.constructor[Symbol.species] = function () {}.bind ? 5 : 5;
try { g.flat(); } catch (err) { print(err instanceof TypeError); }
// A non-object constructor: TypeError.
var h = [1];
h.constructor = 1;
try { h.slice(); } catch (err) { print(err instanceof TypeError); }
// Non-arrays never look: plain arrays.
var al = { length: 1, 0: "x", constructor: { } };
print(Array.isArray(Array.prototype.map.call(al, function (x) { return x; })));
// Unscopables.
var u = Array.prototype[Symbol.unscopables];
print(Object.getPrototypeOf(u), u.flat, u.toSorted, u.map, u.with);
print(Array.prototype.propertyIsEnumerable(Symbol.unscopables));
