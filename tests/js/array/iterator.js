// Array iterators: values/keys/entries, Symbol.iterator, for-of, spread, destructuring.
var a = ["x", "y"];
for (var v of a) print(v);
for (var k of a.keys()) print(k);
for (var e of a.entries()) print(e[0] + "=" + e[1]);
print([...a, "z"].join());
var [p, q = "dflt", r = "dflt"] = a;
print(p, q, r);
print(Array.prototype[Symbol.iterator] === Array.prototype.values);
var it = a.values();
print(Object.prototype.toString.call(it));
print(it[Symbol.iterator]() === it);
var s = it.next();
print(s.value, s.done);
s = it.next();
print(s.value, s.done);
s = it.next();
print(s.value, s.done);
// Exhausted stays exhausted even if the array grows.
a.push("w");
s = it.next();
print(s.value, s.done);
// Growing during iteration is seen.
var b = [1];
var seen = [];
for (var x of b) { seen.push(x); if (b.length < 4) b.push(x + 1); }
print(seen.join());
// Array-likes.
var al = { length: 2, 0: "a", 1: "b" };
print([...Array.prototype.values.call(al)].join("+"));
// The prototype chain: %ArrayIteratorPrototype% -> %IteratorPrototype%.
var aip = Object.getPrototypeOf([][Symbol.iterator]());
var ip = Object.getPrototypeOf(aip);
print(aip.hasOwnProperty("next"), ip.hasOwnProperty(Symbol.iterator));
print(aip[Symbol.toStringTag]);
print(aip.propertyIsEnumerable("next"));
print(aip.next.name, aip.next.length);
try { aip.next.call({}); } catch (err) { print(err instanceof TypeError); }
print(Array.prototype.values.name, Array.prototype.entries.length);
// Holes read as undefined.
print([...[1, , 3]].length, [...[1, , 3]][1]);
