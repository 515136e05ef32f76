// Array.prototype.sort with a comparator is V8's TimSort: the same comparator calls in the
// same order as node, and the same result for inconsistent comparators. Expected output from
// node 20.
let seed = 99;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
console.log([3, 1, 2].sort((a, b) => b > a), [3, 1, 2].sort((a, b) => a > b), [3, 1, 2].sort(() => -1));
console.log(["B", "a", "C", "b"].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1)));
const log = [];
[5, 2, 8, 1, 9, 3].sort((a, b) => { log.push(`${a}:${b}`); return a - b; });
console.log(log.join(" "));
const cmps = [(a, b) => a > b, (a, b) => (a < b ? -1 : 1), () => (rnd() < 0.5 ? -1 : 1), (a, b) => (a % 7) - (b % 7)];
for (const n of [10, 40, 70, 300]) {
  for (const c of cmps) {
    const a = Array.from({ length: n }, () => Math.floor(rnd() * 100));
    let calls = 0;
    const out = a.sort((x, y) => { calls++; return c(x, y); });
    console.log(n, calls, out.slice(0, 12).join(","), out.slice(-6).join(","));
  }
}
const big = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1009);
let calls = 0;
big.toSorted((a, b) => { calls++; return a - b; });
console.log("calls for 1000", calls);
