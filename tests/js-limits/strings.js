var s = "";
for (var i = 0; i < 20000; i++) s += String.fromCharCode(65 + (i % 26));
print(s.length);
var parts = [];
for (var i = 0; i < 5000; i++) parts.push(JSON.stringify({ i: i, t: [1, 2, 3] }));
print(JSON.parse("[" + parts.join(",") + "]").length);
