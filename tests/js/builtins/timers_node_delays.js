// Timer delays as node reads them: below 1 (0, negative, NaN, non-numbers) and above
// 2^31 - 1 mean 1 ms, so such timers run in creation order with 1 ms ones. Expected output
// from node 20 (which also warns about the overflowing delay on stderr).
const out = [];
setTimeout(() => out.push("a1"), 1);
setTimeout(() => out.push("b0"), 0);
setTimeout(() => out.push("c-neg"), -5);
setTimeout(() => out.push("d-nan"), NaN);
setTimeout(() => out.push("e-str"), "x");
setTimeout(() => out.push("f-huge"), 2 ** 31);
setTimeout(() => out.push("g1"), 1);
setTimeout(() => console.log(out.join(" ")), 30);
