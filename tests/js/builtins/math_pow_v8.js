// V8's pow (fdlibm with a different grouping in the last step) differs from fdlibm's in the
// last bit for a few percent of arguments; programs print these doubles in full.
console.log(Math.pow(4.177961349487305, -2.8199291229248047), 4.177961349487305 ** -2.8199291229248047);
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const out = [];
for (let i = 0; i < 400; i++) out.push(Math.pow(rnd() * 10, (rnd() - 0.5) * 10));
for (let i = 0; i < 200; i++) out.push((1 + rnd() * 0.2) ** Math.floor(rnd() * 40));
for (let i = 0; i < 100; i++) out.push(Math.pow(Math.floor(rnd() * 100), 1 / Math.floor(1 + rnd() * 5)));
console.log(out.join('\n'));
const principal = 1000;
for (const years of [1, 5, 10, 30]) console.log(years, principal * Math.pow(1 + 0.05 / 12, 12 * years));
console.log(2 ** -1074, 2 ** 1023, (-2) ** 3, (-8) ** (1 / 3), 0.1 ** 0.5, 10 ** -5, 10 ** 21, 1.0000001 ** 1e7);
