// Literals, operators, variables.
print(1 + 2, "a" + "b", 2 ** 10, 7 / 2, 7 % 3, -7 % 3, 5 - 8);
print(typeof null, typeof undefined, typeof 1, typeof "s", typeof {}, typeof print, typeof notDeclared);
print(1 < 2, "b" > "a", 2 <= 2, null == undefined, null === undefined, NaN == NaN, "1" == 1);
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 31, -16 >> 2, -16 >>> 28);
print(0.1 + 0.2, 1e21, 1 / 3, 1 / -0, 2147483647 + 1);
var a = 1; let b = 2; const c = 3;
a += 10; b *= 5;
print(a, b, c);
var i = 0; print(i++, i, ++i, i--, --i);
print(!0, !!"", void 0, (1, 2, 3));
print(null ?? "d", 0 ?? "d", 0 || "d", 1 && "e");
var x = null; x ??= 5; x ||= 6; x &&= 7; print(x);
print(`t${1 + 1}x${"y"}`, `plain`);
print("abc".length, "abc"[1]);
