var a = [1, 2, 3];
print(a.push(4, 5), a.join());
print(a.pop(), a.length);
print(a.shift(), a.join());
print(a.unshift(0, 1), a.join());
print([].pop(), [].shift());
var o = { length: 2, 0: "a", 1: "b" };
print(Array.prototype.push.call(o, "c"), o.length, o[2]);
print(Array.prototype.pop.call(o), o.length, o.hasOwnProperty(2));
var n = {};
print(Array.prototype.push.call(n), n.length);
// slice
var s = [1, 2, 3, 4, 5];
print(s.slice(1, 3).join(), s.slice(-2).join(), s.slice().join(), s.slice(3, 1).length);
print(s.slice(-Infinity, Infinity).join(), s.slice(1.7).join());
print([1, , 3].slice(0, 3).hasOwnProperty(1));
// splice
var t = [1, 2, 3, 4, 5];
print(t.splice(1, 2).join(), t.join());
print(t.splice(1, 0, "a", "b").length, t.join());
print(t.splice(-1).join(), t.join());
print(t.splice().length, t.join());
print(t.splice(0, 1, "x", "y", "z").join(), t.join());
// concat and isConcatSpreadable
print([1].concat(2, [3, [4]], []).length);
var sp = { length: 2, 0: "p", 1: "q" };
sp[Symbol.isConcatSpreadable] = true;
print([0].concat(sp).join());
var ns = [7, 8];
ns[Symbol.isConcatSpreadable] = false;
print([0].concat(ns).length);
var c = [1, , 3].concat([4]);
print(c.length, c.hasOwnProperty(1));
// fill
print([1, 2, 3, 4].fill(0, 1, -1).join(), [1, 2].fill(9).join(), [1, 2, 3].fill(5, -1).join());
// reverse (with holes)
var r = [1, , 3, 4];
r.reverse();
print(r.join(), r.hasOwnProperty(2), r.hasOwnProperty(1));
// copyWithin
print([1, 2, 3, 4, 5].copyWithin(0, 3).join());
print([1, 2, 3, 4, 5].copyWithin(1, 0, 3).join());
print([1, 2, 3, 4, 5].copyWithin(-2, -3, -1).join());
// toReversed / toSpliced / with
var base = [1, 2, 3];
print(base.toReversed().join(), base.join());
print(base.toSpliced(1, 1, "a", "b").join(), base.join());
print(base.toSpliced().join(), base.toSpliced(1).join());
print(base.with(-1, 9).join(), base.with(0, 0).join());
try { base.with(3, 0); } catch (e) { print(e instanceof RangeError); }
print([, 1].toReversed().hasOwnProperty(1));
// frozen length: a failing Set throws
var f = Object.freeze([1]);
try { f.push(2); } catch (e) { print(e instanceof TypeError); }
