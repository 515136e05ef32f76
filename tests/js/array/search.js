var a = [1, 2, NaN, 2, "2", undefined, -0];
print(a.indexOf(2), a.lastIndexOf(2), a.indexOf("2"), a.indexOf(NaN), a.includes(NaN));
print(a.indexOf(2, 2), a.indexOf(2, -4), a.lastIndexOf(2, 2), a.lastIndexOf(2, -5), a.lastIndexOf(2, -100));
print(a.indexOf(0), a.includes(0), a.indexOf(undefined), a.includes(undefined, 100));
print([, 1].indexOf(undefined), [, 1].includes(undefined));
print([1, 2, 3].indexOf(3, Infinity), [1, 2, 3].lastIndexOf(1, -Infinity));
print([1, 2, 3].at(0), [1, 2, 3].at(-1), [1, 2, 3].at(3), [1, 2, 3].at(-4), [1, 2, 3].at("1"));
var b = [5, 12, 8, 130, 44];
print(b.find(function (x) { return x > 10; }), b.findIndex(function (x) { return x > 10; }));
print(b.findLast(function (x) { return x > 10; }), b.findLastIndex(function (x) { return x > 10; }));
print(b.find(function (x) { return x > 1000; }), b.findIndex(function (x) { return x > 1000; }));
print([, 1].find(function (x, i) { return i === 0; }), [, 1].findIndex(function (x) { return x === undefined; }));
try { b.find(); } catch (e) { print(e instanceof TypeError); }
var self = { limit: 100 };
print(b.findLast(function (x) { return x < this.limit; }, self));
// join / toString
print([1, 2, 3].join(), [1, 2, 3].join(""), [1, 2, 3].join(" - "), [].join(), [null, undefined, 1].join());
print([1, , 3].join("|"), [[1, 2], [3]].join(";"), String([1, [2, [3]]]));
print(Array.prototype.join.call({ length: 3, 0: "a", 2: "c" }, "-"));
print([1, 2].toString(), Array.prototype.toString.call({ join: function () { return "J"; } }));
print(Array.prototype.toString.call({}));
print(["é", "ü"].join("€"));
print(new Array(4).join("ab"));
