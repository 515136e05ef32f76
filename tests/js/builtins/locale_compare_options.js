// localeCompare reads Intl.Collator's options (numeric, sensitivity, caseFirst,
// ignorePunctuation) even without Intl. Expected output from node 20.
const files = ["file10.txt", "file2.txt", "File1.txt", "file1.txt", "file20.txt", "file3.txt"];
console.log(files.slice().sort((a, b) => a.localeCompare(b)).join(" "));
console.log(files.slice().sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).join(" "));
console.log(["a10", "a2", "a1", "a02"].sort((a, b) => a.localeCompare(b, "en", { numeric: true })).join(" "));
const pairs = [["a", "A"], ["a", "á"], ["a", "b"], ["résumé", "Resume"], ["e", "E"], ["ss", "ß"]];
for (const sensitivity of ["base", "accent", "case", "variant"]) {
  console.log(sensitivity, pairs.map(([x, y]) => x.localeCompare(y, "en", { sensitivity })).join(" "));
}
console.log(["b", "B", "a", "A"].sort((a, b) => a.localeCompare(b, "en", { caseFirst: "upper" })).join(""));
console.log(["b", "B", "a", "A"].sort((a, b) => a.localeCompare(b, "en", { caseFirst: "lower" })).join(""));
console.log("a-b".localeCompare("ab", "en", { ignorePunctuation: true }), "a-b".localeCompare("ab"));
const names = ["Émile", "eve", "Eve", "edgar", "Ève"];
console.log(names.sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }) || a.localeCompare(b)).join(" "));
try { "a".localeCompare("b", "en", { sensitivity: "bogus" }); } catch (e) { console.log(e.name); }
