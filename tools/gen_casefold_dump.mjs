const base = process.argv[2];
const load = async (p) => (await import(`${base}/${p}/code-points.mjs`)).default;
const out = {};
for (const p of ['Case_Folding/C', 'Case_Folding/S', 'Simple_Case_Mapping/Uppercase', 'Special_Casing/Uppercase']) {
  const m = await load(p);
  out[p] = [...m.entries()];
}
console.log(JSON.stringify(out));
