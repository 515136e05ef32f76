// Legacy RegExp static properties (Annex B proposal "Legacy RegExp features").

function dump(label) {
  print(label, JSON.stringify([RegExp.$1, RegExp.$2, RegExp.$3, RegExp.$9, RegExp.input,
    RegExp.$_, RegExp.lastMatch, RegExp["$&"], RegExp.lastParen, RegExp["$+"],
    RegExp.leftContext, RegExp["$`"], RegExp.rightContext, RegExp["$'"]]));
}

dump("initial");
/(\d+)-(\d+)/.exec("tel: 555-1234 ok");
dump("exec");
/(a)|(b)/.test("xxbyy");
dump("unmatched group");
/zzz/.test("abc");
dump("failed match keeps");
"hello world".replace(/o(.)/g, "0$1");
dump("replace");
"a1b2c3".match(/\d/g);
dump("match g");
/no groups/.exec("has no groups here");
dump("no groups");
new RegExp("(x)(y)(z)(1)(2)(3)(4)(5)(6)(7)").exec("__xyz1234567__");
dump("ten groups");
RegExp.input = 42;
dump("input set");
RegExp.$_ = "via $_";
print(RegExp.input, typeof RegExp.input);

// Descriptors.
["$1", "$9", "input", "$_", "lastMatch", "$&", "lastParen", "$+", "leftContext", "$`",
 "rightContext", "$'"].forEach(function (k) {
  var d = Object.getOwnPropertyDescriptor(RegExp, k);
  print(k, typeof d.get, typeof d.set, d.enumerable, d.configurable, d.get.name,
    d.set ? d.set.name : "-");
});

// The receiver must be %RegExp% itself.
var get1 = Object.getOwnPropertyDescriptor(RegExp, "$1").get;
[undefined, {}, RegExp.prototype, /x/].forEach(function (r) {
  try {
    get1.call(r);
    print("no error");
  } catch (e) {
    print(e.name);
  }
});
class Sub extends RegExp {}
try {
  print(Sub.$1);
} catch (e) {
  print("Sub.$1", e.name);
}

// A match by a subclass instance invalidates the statics (reading throws) until the next
// match by a plain RegExp; `input` can be set meanwhile. Expected output written from the
// proposal (engines differ here).
new Sub("(s)").exec("xsx");
["$1", "input", "lastMatch", "leftContext"].forEach(function (k) {
  try {
    print(k, RegExp[k]);
  } catch (e) {
    print(k, e.name);
  }
});
RegExp.input = "set again";
print(RegExp.input);
try {
  print(RegExp.lastMatch);
} catch (e) {
  print("lastMatch", e.name);
}
/(b)/.exec("abc");
dump("revalidated");
try {
  new Sub("a").compile("b");
} catch (e) {
  print("compile on subclass", e.name);
}
print(/a/.compile("b").source);
