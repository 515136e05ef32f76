var add = new Function("a", "b", "return a + b");
print(add(2, 3), add.length, add.name);
print(Function("return this")() === globalThis);
try { Function("}", ""); } catch (e) { print(e.name); }
