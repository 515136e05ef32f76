// String.prototype methods that take a RegExp, and the symbol methods' protocol.
function j(v) { return JSON.stringify(v); }
print(j("a1b22c333".match(/\d+/g)), j("abc".match(/x/g)), j("abc".match(/(b)/).slice()));
print("a1b22c".replace(/(\d+)/g, "<$1>"), "abc".replace(/b/, "[$`|$&|$']"));
print("x-y".replace(/(?<l>\w)-(?<r>\w)/, "$<r>-$<l>"), "abc".replace(/(b)/, "$2$1$$"));
print("abc".replace(/b/, function (m, i, s) { return m + i + s; }));
print("aaa".replace(/a*?/g, "-"), "abc".replace(/(?:)/g, "."), "\u{1F600}".replace(/(?:)/gu, "."));
print("a.b.c".replaceAll(".", "-"), "a.b.c".replaceAll(/\./g, "+"), "abc".replace("b", "$&$&"));
try { "a".replaceAll(/a/, "b"); } catch (e) { print(e.name); }
print(j("a, b,c".split(/\s*,\s*/)), j("abc".split(/(b)/)), j("abc".split(/(?:)/)), j("".split(/x/)));
print(j("a1b2c3".split(/\d/, 2)), j("test".split(/(?:)/u)));
print("hello".search(/l+/), "hello".search(/z/), "hello".search("l"));
print(j([..."a1b22".matchAll(/\d+/g)].map(function (m) { return m[0] + "@" + m.index; })));
try { "a".matchAll(/a/); } catch (e) { print(e.name); }
var it = /./g[Symbol.matchAll]("ab");
print(Object.prototype.toString.call(it), j(it.next().value.slice()), j(it.next().value.slice()), it.next().done);
print(j("aBc".match(/b/i).slice()), "x".replace(/x/, "$0$1$01"), "ab".replace(/(a)(b)/, "$02$11"));
