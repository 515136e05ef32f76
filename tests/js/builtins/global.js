print(isNaN("abc"), isNaN("12"), isNaN(undefined), isNaN(null), isFinite("1e308"), isFinite("1e309"));
print(isNaN.length, isFinite.name, parseInt.length, parseFloat.length, encodeURI.length);
print(Object.getOwnPropertyDescriptor(globalThis, "parseInt").enumerable);
print(parseInt("  42px"), parseInt("0x1f"), parseInt("-0x1f"), parseInt("0x1f", 10), parseInt("11", 2));
print(parseInt("z", 36), parseInt("12", 1), parseInt("12", 37), parseInt(""), parseInt("-"), 1 / parseInt("-0"));
print(parseInt("123456789012345678901234567890"), parseInt("9007199254740993"), parseInt("\u2028\uFEFF7"));
print(parseInt("1e21"), parseInt(1e21), parseInt(0.0000005), parseInt("10", 4294967312));
print(parseInt("zzzzzzzzzzzzzzzzzzz", 36), parseInt("777777777777777777777777", 8));
print(parseFloat("3.14abc"), parseFloat(".5"), parseFloat("-.5e-3x"), parseFloat("Infinityx"), parseFloat("-Infinity"));
print(parseFloat("1e"), parseFloat("e1"), parseFloat("0x10"), 1 / parseFloat("-0"), parseFloat("  \n 2.5"));
print(parseFloat("1.7976931348623159e308"), parseFloat("2.4703282292062328e-324"), parseFloat("0.1e-400"));
print(encodeURIComponent("a b&c=d/é€😀;,/?:@&=+$#-_.!~*'()"));
print(encodeURI("http://x.y/a b?q=1&r=é#frag[]"));
print(decodeURIComponent("a%20b%26%e2%82%AC%F0%9F%98%80"), decodeURI("%3B%2f%23%41%20%e2%82%ac"));
for (const bad of ["%", "%a", "%zz", "%C0%80", "%E2%82", "%ED%A0%80", "%F8%80%80%80", "%80"]) {
  try { decodeURIComponent(bad); print("no error", bad); } catch (e) { print(e.name, bad); }
}
for (const bad of ["\uD800", "a\uDC00b"]) {
  try { encodeURIComponent(bad); print("no error"); } catch (e) { print(e.name); }
}
print(encodeURIComponent("\uD83D\uDE00"));
