function f() { f(); }
try { f(); } catch (e) { print(e instanceof RangeError, e.message); }
var o = { get x() { return this.x; } };
try { o.x; } catch (e) { print(e.name, e.message); }
print("still running");
