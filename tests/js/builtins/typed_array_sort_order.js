// %TypedArray%.prototype.sort/toSorted with a comparator is V8's merge sort: the same calls in
// the same order as node. Expected output from node 20.
let seed = 7; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (const n of [2, 3, 7, 16, 33, 100]) for (const c of [(a, b) => a - b, (a, b) => a > b, (a, b) => b - a, () => (rnd() < 0.5 ? -1 : 1)]) {
  const ta = Float64Array.from({ length: n }, () => Math.floor(rnd() * 50)); let calls = 0; const log = [];
  ta.sort((a, b) => { calls++; if (n < 8) log.push(a + ':' + b); return c(a, b); });
  console.log(n, calls, Array.from(ta.slice(0, 10)).join(','), log.join(' '));
  console.log(Array.from(Int8Array.from([3, -1, 2]).toSorted((a, b) => b - a)).join());
}
