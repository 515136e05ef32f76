outer: for (let i = 0; i < 3; i++) {
  for (const k in obj) { if (k) continue outer; else break outer; }
}
for (var [a, b] of pairs) ;
switch (x) { case 1: { let y; } default: z(); }
try { risky(); } catch { recover(); } finally { done(); }
do x--; while (x > 0)
while (false) {}
if (a) function annexB() {}
with (scope) { name; }
label: { break label; }
debugger;
{ for (using of of [0, 1, 2]) ; }
