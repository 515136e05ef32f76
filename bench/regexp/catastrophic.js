// An exponential-time match: (a+)+b against a's without a b. Stopped by `conch --timeout`;
// bench/regexp/run.sh measures how long after the deadline the process ends.
var s = "";
for (var i = 0; i < 40; i++) s += "a";
/^(a+)+b$/.test(s);
print("finished (unexpected)");
