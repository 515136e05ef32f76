// String.prototype.localeCompare: the Unicode Collation Algorithm with CLDR's root order
// (what node's ICU gives for "en"): case and accents are secondary to the base letters,
// punctuation sorts before digits, digits before letters; canonically equivalent strings
// compare equal. Expected output from node 20.
const words = ["b", "a", "C", "ä", "A", "_x", "1", "-", "Z", "é", "e", "f", "résumé", "resume",
  "Resume", "a b", "ab", "Ångström", "angstrom", "zebra", "Zebra", "10", "9", "ß", "ss", "Œuvre",
  "oeuvre", "日本", "中文", "ελληνικά", "русский", "apple", "Apple", "APPLE", "ａ"];
console.log(words.slice().sort((x, y) => x.localeCompare(y)).join(" "));
console.log("a".localeCompare("B"), "B".localeCompare("a"), "a".localeCompare("a"));
console.log("\u0041\u030a".localeCompare("\u00c5"), "\u00c5".localeCompare("\u0041\u030a"));
console.log("a".localeCompare("A"), "A".localeCompare("a"), "".localeCompare("a"), "a".localeCompare(""));
console.log("résumé".localeCompare("resume"), "resume".localeCompare("résumé"));
const people = [{ name: "émile" }, { name: "Zoë" }, { name: "adam" }, { name: "Ösel" }, { name: "Bob" }];
console.log(people.sort((p, q) => p.name.localeCompare(q.name)).map((p) => p.name).join(","));
