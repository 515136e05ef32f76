// RegExp exec/test, captures, named groups, indices, lastIndex rules, lookaround, case
// folding and unicode mode, against node's answers.
function show(m) {
  if (m === null) return "null";
  var parts = [];
  for (var i = 0; i < m.length; i++) parts.push(m[i] === undefined ? "-" : JSON.stringify(m[i]));
  var s = "[" + parts.join(",") + "]@" + m.index;
  if (m.groups) s += " groups=" + JSON.stringify(m.groups);
  if (m.indices) s += " indices=" + JSON.stringify(m.indices);
  return s;
}
var cases = [
  [/a(b)?c/, "xacz"],
  [/(a|ab)(c|bcd)(d*)/, "abcd"],
  [/(z)((a+)?(b+)?(c))*/, "zaacbbbcac"],
  [/(a*)*/, "b"],
  [/(a*)+/, "b"],
  [/(?=(a+))a*b\1/, "baaabac"],
  [/(?<=\$)\d+(\.\d*)?/, "cost: $10.53"],
  [/(?<!\$)\b\d+/, "$4 and 12"],
  [/(?<=(\d+)(\d+))$/, "1053"],
  [/(?<year>\d{4})-(?<month>\d{2})/, "on 2024-05-06"],
  [/(?<a>.)\k<a>/, "xyzzy"],
  [/\bfoo\b/i, "a FOO b"],
  [/[^a-c]+/i, "ABxyC"],
  [/\u{1F600}+/u, "a\u{1F600}\u{1F600}b"],
  [/^.$/u, "\u{1F600}"],
  [/^.$/, "\u{1F600}"],
  [/[\u{1F600}-\u{1F64F}]/u, "x\u{1F610}"],
  [/s/iu, "\u017F"],
  [/s/i, "\u017F"],
  [/\w/iu, "\u212A"],
  [/[[a-z]--[aeiou]]+/v, "aexyz"],
  [/[\q{abc|d}x]/v, "zabc"],
  [/a{2,3}?/, "aaaa"],
  [/(?:a|b)*?c/, "abac"],
  [/x*y+$/m, "xy\nxxyy"],
  [/^b/m, "a\nb"],
  [/.+/s, "a\nb"],
  [/\cJ\x41\u0042\103\0/, "\nABC\0"],
  [/a]b}c{/, "a]b}c{"],
  [/[\d-z]+/, "1-z"],
  [/\8/, "8"],
  [/b(c)/d, "abc"],
  [/(?<x>b)(c)?/d, "abd"],
  [/(a)|b/, "b"],
  [/((a)|b)+/, "ab"],
  [/(?!(a))\1b/, "b"],
];
for (var i = 0; i < cases.length; i++) {
  print(String(cases[i][0]) + " " + show(cases[i][0].exec(cases[i][1])));
}
var r = /a/g;
print([r.test("aa"), r.lastIndex, r.test("aa"), r.lastIndex, r.test("aa"), r.lastIndex].join());
var y = /b/y;
print([y.test("ab"), y.lastIndex, (y.lastIndex = 1, y.test("ab")), y.lastIndex].join());
var lit = function () { return /q/g; };
var l1 = lit(), l2 = lit();
print([l1 !== l2, l1.test("q"), l1.lastIndex, l2.lastIndex].join());
print(/a\/b/gimsuyd.flags, new RegExp("a/b\n", "g").toString(), new RegExp("").source);
print(String(RegExp.prototype.global), RegExp.prototype.source, String(RegExp.prototype));
print(new RegExp(/ab/g, "i").toString(), RegExp(/x/) === RegExp(/x/));
try { new RegExp("("); } catch (e) { print(e.name); }
try { new RegExp("a", "gg"); } catch (e) { print(e.name); }
try { RegExp.prototype.exec.call({}, "a"); } catch (e) { print(e.name); }
