// atob/btoa as node has them on the global object. Expected output from node 20.
console.log(btoa("hello"), btoa(""), btoa("a"), btoa("ab"), btoa("abc"), btoa("\xff\xfe\x00"));
console.log(atob("aGVsbG8="), atob("aGVsbG8"), atob(" aG Vs\nbG8= "), atob(""), atob("YQ==").length);
console.log(JSON.stringify(atob("//79")), btoa(12345), atob(btoa("round trip ✓".replace(/✓/, "v"))));
const enc = (s) => btoa(String.fromCharCode(...new TextEncoderLike().encode(s)));
function TextEncoderLike() { this.encode = (s) => [...unescape(encodeURIComponent(s))].map((c) => c.charCodeAt(0)); }
console.log(enc("héllo wörld"), decodeURIComponent(escape(atob(enc("héllo wörld")))));
for (const bad of ["€"]) try { btoa(bad); } catch (e) { console.log(e.name, e.message); }
for (const bad of ["a", "ab!c", "abcde", "====", "s=", "sEop=", "YQ="]) try { atob(bad); } catch (e) { console.log(e.name, e.message); }
try { atob(); } catch (e) { console.log(e.name); }
console.log(typeof atob, typeof btoa, atob.length, btoa.name);
