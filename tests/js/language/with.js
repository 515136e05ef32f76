var o = { a: 1, f() { return this === o; } };
var a = "global a", b = "global b";
with (o) {
  print(a, b, f(), typeof a, typeof zz);
  a = 2; b = "set b";
  var c = 3;
}
print(o.a, b, c, o.c);
function inner() { with (o) { return () => a; } }
print(inner()());
var arr = [1, 2]; with (arr) { print(typeof values, length); }
with ({ x: 1 }) { for (var k = 0; k < 2; k++) { if (k) break; } print("loop ok", x); }
