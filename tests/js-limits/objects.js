// Allocation-heavy workload for the memory-limit sweep (tools/conch-cli/tests/limits.rs).
var a = [];
for (var i = 0; i < 20000; i++) a.push({ x: i, s: "str" + i, arr: [i, i + 1] });
print(a.length);
