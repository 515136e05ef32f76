// Unicode property escapes: \p{…}/\P{…} under u and v, names and aliases, Script_Extensions,
// binary properties, properties of strings, set operations, and ignore-case rules.
// (Only code points whose properties are stable across Unicode versions.)

function show(re, s) {
  var m = s.match(re);
  print(re, JSON.stringify(s), m ? JSON.stringify(m[0]) : "null");
}

show(/\p{Lu}+/u, "abCDEf");
show(/\p{gc=Lu}+/u, "abCDEf");
show(/\p{General_Category=Uppercase_Letter}+/u, "abCDEf");
show(/\P{L}+/u, "ab12!?cd");
show(/\p{Letter}+/u, "12αβγ34");
show(/\p{Nd}+/u, "x٣٤5y");
show(/\p{digit}+/u, "x٣٤5y");
show(/\p{Script=Greek}+/u, "abc αβγ def");
show(/\p{sc=Cyrl}+/u, "abc жзи def");
show(/\p{Script=Devanagari}/u, "\u0964");
show(/\p{scx=Deva}/u, "\u0964");
show(/\p{Script_Extensions=Bengali}/u, "\u0964");
show(/\p{ASCII_Hex_Digit}+/u, "xyzBEEFcafe!");
show(/\p{AHex}+/u, "xyzBEEFcafe!");
show(/\p{White_Space}+/u, "a \t\u3000b");
show(/\p{space}+/u, "a \t\u3000b");
show(/^\p{Any}$/u, "\u{10FFFF}");
show(/\p{ASCII}+/u, "éabcé");
show(/\P{ASCII}+/u, "abcéèz");
show(/\p{Emoji_Presentation}/u, "a\u231Ab");
show(/[\p{Lu}\d]+/u, "xY7Z!");
show(/[^\p{L}]+/u, "ab12!c");
show(/\p{Cn}/u, "a\u0378b");
show(/\p{Assigned}+/u, "\u0378ab\u0378");

// Without u, \p is an identity escape (Annex B).
show(/\p{L}/, "p{L}");

// Ignore case.
show(/\p{Lu}/iu, "a");
show(/\p{Ll}+/iu, "ABC");
show(/[\p{Lu}]/iu, "z");

// v flag: set operations and properties of strings.
show(/[\p{L}--\p{Lu}]+/v, "ABcdEF");
show(/[\p{L}&&\p{Script=Greek}]+/v, "abαβγcd");
show(/[\p{ASCII}--[a-z]]+/v, "abcDEF123ghi");
show(/^\p{Emoji_Keycap_Sequence}$/v, "#\uFE0F\u20E3");
show(/\p{Emoji_Keycap_Sequence}+/v, "x1\uFE0F\u20E32\uFE0F\u20E3y");
show(/\p{RGI_Emoji_Flag_Sequence}/v, "flag: \u{1F1EB}\u{1F1F7}!");
show(/^\p{RGI_Emoji}$/v, "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}");
show(/^\p{RGI_Emoji}$/v, "\u231A");
show(/[\p{RGI_Emoji_Flag_Sequence}--\q{\u{1F1EB}\u{1F1F7}}]/v, "\u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA}");
show(/[\p{Basic_Emoji}&&\q{\u231A}]/v, "a\u231A");

// Early errors.
var bad = [
  "\\p{Lu", "\\p{lu}", "\\p{Script=latin}", "\\p{Latin}", "\\p{sc}", "\\p{Block=Basic_Latin}",
  "\\p{ASCII=Yes}", "\\p{gc=}", "\\p{=Lu}", "\\p{RGI_Emoji}", "\\p{InLatin}",
];
bad.forEach(function (p) {
  try {
    new RegExp(p, "u");
    print("u", p, "accepted");
  } catch (e) {
    print("u", p, e.name);
  }
});
["\\P{RGI_Emoji}", "[^\\p{RGI_Emoji}]", "[^\\p{Emoji_Keycap_Sequence}]", "\\p{RGI_Emoji}"].forEach(function (p) {
  try {
    new RegExp(p, "v");
    print("v", p, "accepted");
  } catch (e) {
    print("v", p, e.name);
  }
});
