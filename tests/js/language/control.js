// Control flow: loops, labels, switch, exceptions, finally.
outer: for (var i = 0; i < 3; i++) {
  for (var j = 0; j < 3; j++) {
    if (j == 1) continue outer;
    if (i == 2) break outer;
    print(i, j);
  }
}
var n = 0;
do { n++; } while (n < 5);
while (true) { if (++n > 8) break; }
print(n);
function sw(x) {
  switch (x) {
    case 1: return "one";
    case "2": return "two";
    default: return "other";
    case 3: return "three";
  }
}
print(sw(1), sw("2"), sw(2), sw(3));
function fin() { try { return "try"; } finally { print("finally runs"); } }
print(fin());
function fin2() { try { throw new Error("x"); } catch (e) { return "caught " + e.message; } finally { print("f2"); } }
print(fin2());
function fin3() { for (var k = 0; k < 3; k++) { try { if (k == 1) break; } finally { print("k", k); } } return k; }
print(fin3());
try { null.x; } catch (e) { print(e instanceof TypeError, e.message); }
try { undefinedVariable; } catch (e) { print(e.name, e.message); }
try { let t = t; } catch (e) { print(e.name); }
try { const k2 = 1; k2 = 2; } catch (e) { print(e.name, e.message); }
var r = (function () { try { throw 1; } catch { return 2; } })();
print(r);
var keys = [];
for (var k in { a: 1, b: 2, c: 3 }) keys[keys.length] = k;
print(keys.length, keys[0], keys[2]);
