print(Object.is(NaN, NaN), Object.is(0, -0), Object.is("a", "a"), Object.is({}, {}));
print(Object.hasOwn({ a: 1 }, "a"), Object.hasOwn({ a: 1 }, "toString"), Object.hasOwn([1], 0));
print(JSON.stringify(Object.fromEntries([["a", 1], ["b", [2]]])), JSON.stringify(Object.fromEntries(new Map([["k", "v"]]))));
try { Object.fromEntries([1]); } catch (e) { print(e.name); }
var closed = false;
var it = { [Symbol.iterator]() { return { next() { return { value: 5, done: false }; }, return() { closed = true; return {}; } }; } };
try { Object.fromEntries(it); } catch (e) { print(e.name, closed); }
print([1, "a", null, undefined, { toLocaleString() { return "L"; } }].toLocaleString(), ({}).toLocaleString());
print(String.prototype.trimLeft === String.prototype.trimStart, "  x ".trimLeft() + "|", "  x ".trimRight() + "|");
print("t".anchor('a"b'), "t".big(), "t".bold(), "t".fontcolor("red"), "t".link("u"), "t".sub(), "t".sup());
