// Math functions give V8's (fdlibm's) doubles to the bit, and Number#toString(radix) V8's
// digits: programs print these values in full. Expected output from node 20.
const xs = [0.1, 0.5, 0.7853981633974483, 1, 1.5, 2, 2.5, 3, Math.PI, 5, 7.25, 10, 22.5, 100, 1234.5678, 1e6];
for (const f of ["sin", "cos", "tan", "exp", "log", "log10", "log1p", "log2", "cbrt", "sinh", "cosh", "tanh", "asinh", "atan", "expm1"]) {
  console.log(f, xs.map((x) => Math[f](x)).join(" "));
  console.log(f, xs.map((x) => Math[f](-x / 7)).join(" "));
}
for (const f of ["asin", "acos", "atanh"]) console.log(f, [0.1, 0.25, 0.5, 0.75, 0.9, -0.3].map((x) => Math[f](x)).join(" "));
console.log("acosh", [1.5, 2, 3, 10, 1e3, 1e10].map(Math.acosh).join(" "));
console.log(Math.exp(1), Math.cosh(1), Math.pow(10, -5), Math.pow(1.1, 10), Math.atan2(1, 3));
// Physics-style output: angles around a circle.
for (let deg = 0; deg < 360; deg += 30) {
  const r = (deg * Math.PI) / 180;
  console.log(deg, Math.sin(r), Math.cos(r), 10 * Math.cos(r) + 10 * Math.sin(r));
}
console.log((1e21).toString(36), (2 ** 70 + 2 ** 20).toString(3), (1e-7).toString(36), (123.456).toString(36));
console.log((0.1).toString(3), (1 / 3).toString(2), (255.255).toString(16), (-1e100).toString(7));
