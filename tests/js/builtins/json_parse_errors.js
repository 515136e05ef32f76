// JSON.parse errors in V8's words (node's output): what was expected where, or the unexpected
// token shown within the source text.
const srcs = ["", "{\"a\":1,}", "[1,]", "tru", "{bad", "\"abc", "1 2", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "\"a\\x\"", "\"\\u12G4\"", "-", "-a", "1.", "1.e5", "1e", "1e+", "\"a\nb\"", "[", "{", "{\"a\":", "[1,2,3,4,5,6,7,8,9,10,11,12,x]", "{\"key\": \"value\", \"other\": undefined}", "nul", "[tru]", "x", "  {\"abcdefghijklmn\": 1}} ", "\u00e9", "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,x]", "{\"a\":1}x", "01", "[01]", "+1", "'a'", "[,]"];
for (const s of srcs) { try { JSON.parse(s); console.log("ok"); } catch (e) { console.log(e.name + ": " + e.message); } }
// At the end of the input V8 still names a missing separator or property name; a whole
// input of "undefined", "NaN", "Infinity" or "[object Object]" is named as such.
for (const s of ["[1, 2", '{"a"', '{"a":1', '{"a":1,', "[true", '"\\u12', "undefined", "NaN",
  "Infinity", "[object Object]", String({}), "[1,", "tru", '"ab\\']) {
  try { JSON.parse(s); } catch (e) { console.log(JSON.stringify(s), e.message); }
}
