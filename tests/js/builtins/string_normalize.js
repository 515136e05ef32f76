// String.prototype.normalize in the four forms (ICU4X data), the accent-stripping idiom,
// and localeCompare treating canonically equivalent strings as equal. Expected output: node.
const s = 'Crème Brûlée, Ångström, ﬁ ½ ℌ, 한국어, e\u0301\u0323, \u1E9B\u0323';
for (const f of ['NFC', 'NFD', 'NFKC', 'NFKD']) {
  const n = s.normalize(f);
  print(f, n.length, [...n].map(c => c.codePointAt(0).toString(16)).join(' '));
}
print('Crème Brûlée'.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
print('\u00e9'.normalize('NFD').length, 'e\u0301'.normalize() === '\u00e9');
try { 'x'.normalize('nfc'); } catch (e) { print(e.name); }
print(''.normalize('NFKD') === '', 'abc'.normalize('NFKD'));
print('o\u0308'.localeCompare('\u00f6'), 'a'.localeCompare('b'), 'b'.localeCompare('a'));
// Final_Sigma with case-ignorable characters between (a FULL STOP, U+180E) and after.
print('A.Σ'.toLowerCase(), 'A\u180EΣ'.toLowerCase(), 'ΑΣ.Α'.toLowerCase(), 'Σ'.toLowerCase(), 'ΑΣ'.toLowerCase());
