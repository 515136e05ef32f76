use super::validate;

fn ok(p: &str, u: bool, v: bool) {
    assert_eq!(validate(p, u, v), Ok(()), "{p}");
}

fn bad(p: &str, u: bool, v: bool) {
    assert!(validate(p, u, v).is_err(), "{p} should fail");
}

#[test]
fn basic_patterns() {
    ok("a|b*c+?", false, false);
    ok("(?<x>a)\\k<x>", true, false);
    ok("a{1,2}", true, false);
    ok("a{", false, false);
    bad("a{", true, false);
    bad("a{2,1}", false, false);
    bad("*", false, false);
    bad("(", false, false);
    bad(")", false, false);
    bad("[b-a]", false, false);
    ok("\\1(a)", true, false);
    bad("\\2(a)", true, false);
    ok("\\2(a)", false, false);
}

#[test]
fn named_groups() {
    bad("(?<a>x)(?<a>y)", false, false);
    ok("(?<a>x)|(?<a>y)", false, false);
    bad("(?:(?<a>x)|(?<a>y))(?<a>z)", false, false);
    bad("\\k<b>(?<a>x)", false, false);
    ok("\\k", false, false);
    bad("(?<a>.)\\k", false, false);
}

#[test]
fn properties_and_sets() {
    ok("\\p{Script=Latin}", true, false);
    bad("\\p{Script=latin}", true, false);
    ok("\\p{L}", true, false);
    ok("\\p{RGI_Emoji}", false, true);
    bad("\\p{RGI_Emoji}", true, false);
    ok("[\\p{L}--[a-z]]", false, true);
    ok("[[a-z]&&[aeiou]]", false, true);
    bad("[a&&&b]", false, true);
    bad("[^\\q{ab}]", false, true);
    ok("[\\q{a|b}]", false, true);
    bad("[(]", false, true);
}

#[test]
fn modifiers() {
    ok("(?i:a)", false, false);
    ok("(?i-s:a)", false, false);
    bad("(?ii:a)", false, false);
    bad("(?-:a)", false, false);
}
