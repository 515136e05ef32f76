// The v flag with i: class operands are simple-case-folded (MaybeSimpleCaseFolding) and
// complements are taken within the code points folding leaves unchanged (CharacterComplement),
// unlike the u flag, where a complement keeps case variants. Expected output written from
// ECMA-262 §22.2.2.9 (not from an engine).

function t(re, s) {
  print(re, JSON.stringify(s), re.test(s));
}

// u+i: \P{Ll} contains "A", whose canonical form is "a": matches "a".
t(/\P{Ll}/iu, "a");
// v+i: \P{Ll} is the unfolded-and-unchanged code points minus scf(Ll): not "a" nor "A".
t(/\P{Ll}/iv, "a");
t(/\P{Ll}/iv, "A");
t(/\P{Ll}/iv, "1");
// Intersection of folded operands: scf(Lu) and scf(Ll) share "a".
t(/[\p{Lu}&&\p{Ll}]/iv, "A");
t(/[\p{Lu}&&\p{Ll}]/v, "A");
// Difference: [a-z] minus the folded \p{Lu} is empty under i.
t(/[[a-z]--\p{Lu}]/iv, "q");
t(/[[a-z]--\p{Lu}]/v, "q");
// Nested complement.
t(/[[^a]]/v, "A");
t(/[[^a]]/iv, "A");
t(/[[^a]]/iv, "b");
// Kelvin sign and long s fold to k and s.
t(/[\p{ASCII}&&k]/iv, "\u212A");
t(/[^\P{ASCII}]/iv, "\u017F");
t(/\p{Lu}/iv, "\u017F");
