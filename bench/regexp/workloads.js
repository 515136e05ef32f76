// RegExp workloads for bench/regexp/run.sh: each builds its input deterministically, runs a
// fixed amount of matching, checks its result and prints `name ms`. Runs on conch, node and
// QuickJS (`print` or `console.log`).
var out = typeof print === "function" ? print : function (s) { console.log(s); };
var scale = typeof SCALE === "number" ? SCALE : 1;

// A pseudo-random text of words, numbers, punctuation and some non-ASCII.
function lcg(seed) {
  var x = seed >>> 0;
  return function () {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}
var rnd = lcg(42);
var words = ["the", "and", "of", "regexp", "engine", "match", "Conch", "value", "string",
  "αλφα", "βήτα", "жизнь", "中文", "naïve", "café", "x1", "42", "3.14", "foo@example.com",
  "https://example.org/a/b?c=d", "$12.50", "2024-05-06", "déjà", "vu"];
function text(n) {
  var parts = [];
  for (var i = 0; i < n; i++) {
    parts.push(words[Math.floor(rnd() * words.length)]);
    parts.push(rnd() < 0.1 ? ", " : " ");
  }
  return parts.join("");
}
var T = text(60000 * scale);

function bench(name, f, expect) {
  var t0 = Date.now();
  var r = f();
  var ms = Date.now() - t0;
  if (expect !== undefined && r !== expect) {
    throw new Error(name + ": got " + r + ", expected " + expect);
  }
  out(name + " " + ms);
  return r;
}

function count(re, s) {
  var n = 0;
  re.lastIndex = 0;
  while (re.exec(s) !== null) n++;
  return n;
}

var reps = 3;
bench("literal", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/engine/g, T);
  return n;
});
bench("words", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/\w+/g, T);
  return n;
});
bench("ignore-case", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/\b(?:the|and|of)\b/gi, T);
  return n;
});
bench("email-url", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) {
    n += count(/[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/[^\s,]+/g, T);
  }
  return n;
});
bench("replace-captures", function () {
  var s = "";
  for (var i = 0; i < reps; i++) s = T.replace(/(\d{4})-(\d\d)-(\d\d)/g, "$3/$2/$1");
  return s.length === T.length;
}, true);
bench("split", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += T.split(/\s*,\s*/).length;
  return n > 0;
}, true);
bench("lookbehind", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/(?<=\$)\d+(?:\.\d\d)?/g, T);
  return n;
});
bench("unicode-letters", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/\p{L}+/gu, T);
  return n;
});
bench("unicode-script", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/[\p{Script=Greek}\p{Script=Cyrillic}]+/gu, T);
  return n;
});
var E = "";
var emoji = ["\u{1F468}\u200D\u{1F469}\u200D\u{1F467}", "\u231A", "#\uFE0F\u20E3",
  "\u{1F1EB}\u{1F1F7}", "\u{1F44D}\u{1F3FD}", "abc "];
for (var i = 0; i < 20000 * scale; i++) E += emoji[i % emoji.length];
bench("emoji-strings", function () {
  var n = 0;
  for (var i = 0; i < reps; i++) n += count(/\p{RGI_Emoji}/gv, E);
  return n;
});
bench("backtracking", function () {
  var s = "";
  for (var i = 0; i < 2000; i++) s += "ab";
  var n = 0;
  for (var i = 0; i < 20 * scale; i++) n += /^(?:a|b)*c/.test(s + "c") ? 1 : 0;
  return n;
});
bench("compile", function () {
  var n = 0;
  for (var i = 0; i < 3000 * scale; i++) {
    n += new RegExp("(\\d+)-" + i + "|[a-z]{" + (i % 7) + "}\\p{Lu}", "u").source.length;
  }
  return n > 0;
}, true);
