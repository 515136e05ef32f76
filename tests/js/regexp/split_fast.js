// String.prototype.split with a RegExp: the fast path for built-in splitters (one search per
// piece) must give the spec loop's results, captures, limits, empty matches and legacy statics.
var cases = [
  ["a,b,,c", /,/], ["abc", /(?:)/], ["abc", /(?:)/u], ["a\u{1F600}b", /(?:)/u], ["a\u{1F600}b", /(?:)/],
  ["a1b22c", /(\d)/], ["a1b22c", /(\d)(x)?/], ["test", /t/], ["", /x/], ["", /(?:)/],
  ["one  two three", /\s+/], ["aXbxc", /x/i], ["a,b,c", /,/, 2], ["a,b,c", /(,)/, 2],
  ["xaxbx", /x*/], ["abc", /$/], ["abc", /^/m], ["a\nb", /^/m],
];
cases.forEach(function (c) {
  print(JSON.stringify(c[0]), c[1], JSON.stringify(c[0].split(c[1], c[2])));
});
"x1y2z".split(/(\d)/);
print(RegExp.$1, RegExp.lastMatch, RegExp.leftContext, RegExp.rightContext);
// A replaced exec disables the fast path and is called.
var calls = 0, orig = RegExp.prototype.exec;
RegExp.prototype.exec = function (s) { calls++; return orig.call(this, s); };
print(JSON.stringify("a,b".split(/,/)), calls > 0);
RegExp.prototype.exec = orig;
