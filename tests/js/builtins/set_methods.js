// Set methods (ES2025) and Map.groupBy: node 20 lacks them, the expected output is
// written by hand from the spec.
// groupBy
var g = Map.groupBy([1, 2, 3, 4, 5], function (x) { return x % 2 ? 'odd' : 'even'; });
print([...g.keys()].join(','), g.get('odd').join(','), g.get('even').join(','));
var A = new Set([1, 2, 3, 4]), B = new Set([3, 4, 5]);
print([...A.union(B)].join(','));
print([...A.intersection(B)].join(','));
print([...A.difference(B)].join(','));
print([...A.symmetricDifference(B)].join(','));
print(A.isSubsetOf(B), new Set([3]).isSubsetOf(B), A.isSupersetOf(new Set([1, 2])), A.isDisjointFrom(new Set([9])));
print([...B.intersection(A)].join(','), [...new Set([1,2,3,4,5,6]).difference(new Set([2]))].join(','));
// set-like argument
var log = [];
var like = { size: 2, has: function (x) { log.push('has' + x); return x === 1; }, keys: function () { log.push('keys'); return [1, 7][Symbol.iterator](); } };
print([...new Set([1, 2, 3]).intersection(like)].join(','), log.join(' '));
log = [];
print([...new Set([1]).union(like)].join(','), log.join(' '));
try { new Set().union({ size: NaN, has() {}, keys() {} }); } catch (e) { print(e instanceof TypeError); }
try { new Set().union({ size: -1, has() {}, keys() {} }); } catch (e) { print(e instanceof RangeError); }
try { new Set().union({ size: 1, has: 1, keys() {} }); } catch (e) { print(e instanceof TypeError); }
print(Set.prototype.union.length, Set.prototype.isSubsetOf.name);
