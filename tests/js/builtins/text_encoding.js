// The shell's TextEncoder/TextDecoder (UTF-8): encode, encodeInto, decode with U+FFFD for
// malformed input (or a TypeError when fatal), BOM handling. Expected output from node 20.
const te = new TextEncoder(), td = new TextDecoder();
for (const s of ['hello', 'héllo wörld', '€', '😀', '日本語', '\ud800x', '']) { const b = te.encode(s); console.log(JSON.stringify(s), b.length, Array.from(b).join(','), td.decode(b) === s.replace(/\ud800/, '\ufffd')); }
console.log(te.encode('abc'), td.decode(new Uint8Array([0xe2, 0x82, 0xac, 0xff, 0x41, 0xc3])), td.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), td.decode(new Uint8Array([0xed, 0xa0, 0x80, 0x42])), td.decode(new Uint8Array([0xf0, 0x9f, 0x98])));
const dest = new Uint8Array(5); console.log(te.encodeInto('a€b', dest), dest, te.encoding, td.encoding, Object.prototype.toString.call(te));
try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { console.log(e.name, e.message); }
console.log(new TextDecoder().decode(new Uint8Array([0xe0, 0x80, 0x80, 0x41, 0xc0, 0xaf])), new TextDecoder().decode(te.encode('x').buffer));
