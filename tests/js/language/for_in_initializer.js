var c = 0;
for (var x = "init" in {}) c++;
print(x, c);
for (var y = 1 in { a: 1 }) print(y);
