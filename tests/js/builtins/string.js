function show(a) { return '[' + a.map(function (x) { return '"' + x + '"'; }).join(',') + ']'; }
function res(r) { return r.value + '/' + r.done; }
print(String.fromCharCode(72, 105, 0x10041), String.fromCodePoint(0x1F600, 65).length, String.raw`a\n${1}b${2}`, String.raw({ raw: ["x", "y", "z"] }, 1));
try { String.fromCodePoint(-1); } catch (e) { print(e.name); }
try { String.fromCodePoint(1.5); } catch (e) { print(e.name); }
var s = "Hello, World";
print(s.at(0), s.at(-1), s.at(99), s.charAt(4), s.charAt(-1) === "", s.charCodeAt(1), s.charCodeAt(99), "😀".codePointAt(0), "😀".codePointAt(1), "a".codePointAt(5));
print(s.concat("!", 1, null), s.endsWith("World"), s.endsWith("Hello", 5), s.startsWith("World", 7), s.includes("lo, W"), s.includes("x"));
print(s.indexOf("o"), s.indexOf("o", 5), s.indexOf(""), s.indexOf("", 99), s.lastIndexOf("o"), s.lastIndexOf("o", 5), s.lastIndexOf("", 3), s.lastIndexOf("z"));
print("abc".padStart(6, "12"), "abc".padEnd(7, "xy"), "abc".padStart(2), "abc".padEnd(5), "abc".padStart(5, ""));
print("ab".repeat(3), "x".repeat(0) === "");
for (var n of [-1, Infinity]) { try { "a".repeat(n); } catch (e) { print(e.name); } }
try { "abc".repeat(2 ** 30); } catch (e) { print(e.name); }
print(s.slice(-5), s.slice(2, -2), s.slice(5, 2) === "", s.substring(5, 2), s.substring(-3, 3), s.substr(-5, 3), s.substr(2), s.substr(1, -1) === "");
print("ÄÖÜ straße ǅ".toUpperCase(), "ÀÉÎ İ ΣΑΣ".toLowerCase(), "ÿ".toUpperCase());
print("[" + " \t\n\u00a0\u2028\ufeff x y \u3000".trim() + "]", "[" + "  x ".trimStart() + "]", "[" + "  x ".trimEnd() + "]");
print(show("a,b,,c".split(",")), show("a,b,c".split(",", 2)), show("abc".split("")), show("abc".split()), show("".split(",")), show("".split("")), show("abc".split("", 0)));
print(show("a--b--c".split("--", -1)), show("test".split("t")));
print("a".localeCompare("b"), "b".localeCompare("a"), "a".localeCompare("a"), "abc".normalize(), "café".normalize("NFC"));
try { "a".normalize("bad"); } catch (e) { print(e.name); }
print("ab\uD800".isWellFormed(), "ab😀".isWellFormed(), "a\uDC00b\uD800".toWellFormed().charCodeAt(1), "a\uDC00b\uD800".toWellFormed().charCodeAt(3));
var parts = [];
for (var c of "a😀\uD800b") parts.push(c.length);
print(parts.join(","));
var it = "xy"[Symbol.iterator]();
print(Object.prototype.toString.call(it), res(it.next()), res(it.next()), res(it.next()), res(it.next()));
print(Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
try { String.prototype.trim.call(null); } catch (e) { print(e.name); }
try { String.prototype.toString.call({}); } catch (e) { print(e.name); }
try { "a".startsWith({ [Symbol.match]: true }); } catch (e) { print(e.name); }
print(String.prototype.padStart.length, String.prototype.slice.length, String.prototype.split.length, String.prototype[Symbol.iterator].name, String.fromCharCode.length, String.raw.length);
print(Object.getOwnPropertyDescriptor(String.prototype, "at").enumerable, String.prototype.substr.length, String.prototype.concat.length);
print("x".split({ [Symbol.split](s, l) { return "custom " + s + l; } }, 3));
var big = "ab"; for (var i = 0; i < 5; i++) big = big + big; print(big.length, big.indexOf("ba", 20), big.slice(60));
