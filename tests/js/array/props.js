// Every method: name, length, non-enumerable.
var names = ["at", "concat", "copyWithin", "entries", "every", "fill", "filter", "find",
  "findIndex", "findLast", "findLastIndex", "flat", "flatMap", "forEach", "includes",
  "indexOf", "join", "keys", "lastIndexOf", "map", "pop", "push", "reduce", "reduceRight",
  "reverse", "shift", "slice", "some", "sort", "splice", "toReversed", "toSorted",
  "toSpliced", "toString", "unshift", "values", "with"];
for (var i = 0; i < names.length; i++) {
  var n = names[i];
  var f = Array.prototype[n];
  print(n, typeof f, f.name, f.length, Array.prototype.propertyIsEnumerable(n));
}
print(Array.prototype.propertyIsEnumerable(Symbol.iterator));
print(Array.from.length, Array.of.length, Array.isArray.length);
print(Array.propertyIsEnumerable("from"), Array.propertyIsEnumerable("of"));
