//! Matcher tests: pattern, flags, subject → captures (as strings, or `-` when unset).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use crate::{compile_in, exec, ExecError, Flags, Host, Input, NoInterrupt, Program, UNSET};
use conch_mm::{Arena, MemoryManager};

fn flags(s: &str) -> Flags {
    Flags::parse(s.encode_utf16()).expect("flags")
}

/// Runs `pattern` on `subject` (UTF-16, or Latin-1 when every unit fits): the captures joined
/// by `,` (`-` for unset), or `None` for no match.
fn run(pattern: &str, fl: &str, subject: &str) -> Option<String> {
    let arena = Arena::new(MemoryManager::new());
    let words = compile_in(pattern.as_bytes(), flags(fl), &arena)
        .unwrap_or_else(|e| panic!("{pattern}: {e:?}"));
    let prog = Program::new(words).unwrap();
    let units: Vec<u16> = subject.encode_utf16().collect();
    let latin: Option<Vec<u8>> = units.iter().map(|&u| u8::try_from(u).ok()).collect();
    let sticky = flags(fl).sticky;
    let a = exec(
        prog,
        Input::Utf16(&units),
        0,
        sticky,
        &arena,
        &mut NoInterrupt,
    )
    .unwrap();
    if let Some(l) = latin {
        let b = exec(prog, Input::Latin1(&l), 0, sticky, &arena, &mut NoInterrupt).unwrap();
        assert_eq!(a.as_deref(), b.as_deref(), "latin1 vs utf16 for {pattern}");
    }
    let caps = a?;
    let mut out = Vec::new();
    for i in 0..caps.len() / 2 {
        if caps[2 * i] == UNSET {
            out.push("-".to_string());
        } else {
            out.push(String::from_utf16_lossy(
                &units[caps[2 * i] as usize..caps[2 * i + 1] as usize],
            ));
        }
    }
    Some(out.join(","))
}

fn yes(p: &str, f: &str, s: &str, expect: &str) {
    assert_eq!(run(p, f, s).as_deref(), Some(expect), "/{p}/{f} on {s:?}");
}

fn no(p: &str, f: &str, s: &str) {
    assert_eq!(run(p, f, s), None, "/{p}/{f} on {s:?} should not match");
}

#[test]
fn literals_and_alternatives() {
    yes("abc", "", "xxabcxx", "abc");
    no("abd", "", "abc");
    yes("a|b|c", "", "xxc", "c");
    yes("ab|a", "", "ab", "ab");
    yes("", "", "x", "");
    yes("(a)|(b)", "", "b", "b,-,b");
}

#[test]
fn quantifiers() {
    yes("a*", "", "aaab", "aaa");
    yes("a*?", "", "aaab", "");
    yes("a+?b", "", "aaab", "aaab");
    yes("a{2,3}", "", "aaaa", "aaa");
    yes("a{2,3}?", "", "aaaa", "aa");
    yes("a{2}", "", "a aa", "aa");
    yes("(ab)+", "", "ababx", "abab,ab");
    yes("(a|ab)(c|bcd)(d*)", "", "abcd", "abcd,a,bcd,");
    yes("(a*)*", "", "b", ",-");
    yes("(a*)+", "", "b", ",");
    yes(
        "(z)((a+)?(b+)?(c))*",
        "",
        "zaacbbbcac",
        "zaacbbbcac,z,ac,a,-,c",
    );
    yes("(?:a|b)*?c", "", "abac", "abac");
    yes("x{0}y", "", "xy", "y");
    yes("(a){0}", "", "a", ",-");
    yes(".*b", "", "aaabxb", "aaabxb");
    yes("a{,2}", "", "a{,2}", "a{,2}");
    yes("(?:a*?)*?b", "", "aab", "aab");
    yes("(a?)??b", "", "ab", "ab,a");
}

#[test]
fn classes_and_escapes() {
    yes("[a-c]+", "", "xxbcad", "bca");
    yes("[^a-c]+", "", "abxyc", "xy");
    yes("\\d+\\s\\w+", "", "ab 12 cd", "12 cd");
    yes("[\\d-z]+", "", "1-z", "1-z");
    yes("\\bfoo\\b", "", "a foo b", "foo");
    no("\\Bfoo", "", "a foo b");
    yes("\\x41\\u0042\\103", "", "ABC", "ABC");
    yes("\\cJ", "", "\n", "\n");
    yes("\\c", "", "\\c", "\\c");
    yes("[\\b]", "", "\u{8}", "\u{8}");
    yes("\\0", "", "\0", "\0");
    yes(".", "", "\na", "a");
    yes(".", "s", "\na", "\n");
    yes("\\8", "", "8", "8");
    yes("a]b}", "", "a]b}", "a]b}");
}

#[test]
fn anchors_and_multiline() {
    yes("^b", "m", "a\nb", "b");
    no("^b", "", "a\nb");
    yes("a$", "m", "a\nb", "a");
    no("a$", "", "a\nb");
}

#[test]
fn ignore_case() {
    yes("abc", "i", "xABC", "ABC");
    yes("[a-z]+", "i", "HeLLo!", "HeLLo");
    yes("\u{3c3}", "i", "\u{3a3}", "\u{3a3}");
    no("s", "i", "\u{17f}");
    yes("s", "iu", "\u{17f}", "\u{17f}");
    yes("\\w", "iu", "\u{17f}", "\u{17f}");
    no("\\W", "iu", "\u{17f}");
    yes("[^a]", "i", "Ab", "b");
    yes("(a)\\1", "i", "aA", "aA,a");
    yes("(?i:a)b", "", "Ab", "Ab");
    no("(?i:a)b", "", "AB");
    yes("a(?-i:b)", "i", "Ab", "Ab");
    no("a(?-i:b)", "i", "AB");
}

#[test]
fn groups_and_backreferences() {
    yes("(a)(b)?\\2", "", "ac", "a,a,-");
    yes("\\1(a)", "", "aa", "a,a");
    yes("(?<x>a)\\k<x>", "", "aa", "aa,a");
    yes("(?<x>a)|(?<x>b)", "", "b", "b,-,b");
    yes("(?:(?<x>a)|(?<x>b))\\k<x>", "", "bb", "bb,-,b");
    yes("(a)|\\1b", "", "b", "b,-");
    yes("\\k<a>(?<a>x)", "", "x", "x,x");
}

#[test]
fn lookaround() {
    yes("a(?=b)", "", "acab", "a");
    yes("(?=(a+))a*b\\1", "", "baaabac", "aba,a");
    yes("(?!a)\\w", "", "ab", "b");
    yes("(?<=\\$)\\d+", "", "cost $42", "42");
    yes("(?<!\\$)\\b\\d+", "", "$4 12", "12");
    yes("(?<=(\\d+)(\\d+))$", "", "1053", ",1,053");
    yes("(?<=\\1(a))b", "", "aab", "b,a");
    yes("(?<=a(?=b)b)c", "", "abc", "c");
    yes("(?=(a))?b", "", "ab", "b,-");
    yes("(?!(a))\\1b", "", "b", "b,-");
}

#[test]
fn unicode_mode() {
    let s = "\u{1F600}";
    yes(".", "u", s, s);
    yes("^.$", "u", s, s);
    no("^.$", "", s);
    yes(
        "\u{1F600}+",
        "u",
        "\u{1F600}\u{1F600}",
        "\u{1F600}\u{1F600}",
    );
    yes("\\u{1F600}", "u", s, s);
    yes("\\uD83D\\uDE00", "u", s, s);
    yes("[\u{1F600}-\u{1F64F}]", "u", "a\u{1F610}", "\u{1F610}");
    yes("(?<=\u{1F600})a", "u", "\u{1F600}a", "a");
}

#[test]
fn unicode_sets() {
    yes("[[a-z]--[aeiou]]+", "v", "aexyz", "xyz");
    yes("[[a-z]&&[a-c]]+", "v", "xabcd", "abc");
    yes("[\\q{abc|d}x]", "v", "zabc", "abc");
    yes("[\\q{abc|d}x]", "v", "zd", "d");
}

#[test]
fn sticky() {
    no("b", "y", "ab");
    yes("a", "y", "ab", "a");
}

#[test]
fn property_escapes() {
    yes("\\p{Lu}+", "u", "abCDe", "CD");
    yes("\\P{Lu}+", "u", "ABcdE", "cd");
    yes("[\\p{Script=Greek}\\d]+", "u", "xαβ1γ!", "αβ1γ");
    no("\\p{Script=Greek}", "u", "abc");
    yes("\\p{Lu}", "ui", "a", "a");
    // Under u+i a negated property still matches case variants (its complement has them)…
    yes("\\P{Ll}", "ui", "a", "a");
    // …but not under v+i (CharacterComplement of the folded set).
    no("\\P{Ll}", "vi", "a");
    no("[^\\p{Ll}]", "vi", "A");
    yes("[\\p{Lu}&&\\p{Ll}]", "vi", "a", "a");
    no("[\\p{Lu}&&\\p{Ll}]", "v", "a");
    yes("[[^a]]", "v", "A", "A");
    no("[[^a]]", "vi", "A");
    yes(
        "^\\p{RGI_Emoji_Flag_Sequence}$",
        "v",
        "\u{1F1EB}\u{1F1F7}",
        "\u{1F1EB}\u{1F1F7}",
    );
    yes(
        "\\p{RGI_Emoji}+",
        "v",
        "x#\u{FE0F}\u{20E3}\u{231A}y",
        "#\u{FE0F}\u{20E3}\u{231A}",
    );
    yes(
        "[\\p{Emoji_Keycap_Sequence}--\\q{#\u{FE0F}\u{20E3}}]",
        "v",
        "#\u{FE0F}\u{20E3}1\u{FE0F}\u{20E3}",
        "1\u{FE0F}\u{20E3}",
    );
    assert!(crate::validate("\\P{RGI_Emoji}", false, true).is_err());
    // String sets: longest first, backtracking to shorter ones, lookbehind, case, empty.
    yes("^[\\q{abc|ab}]c$", "v", "abc", "abc");
    yes("^[\\q{abc|ab|a}]+$", "v", "aabab", "aabab");
    yes("(?<=[\\q{ab|xyz}])!", "v", "xyz!", "!");
    no("(?<=[\\q{ab|xyz}])!", "v", "xy!");
    yes("[\\q{AB|cd}]+", "vi", "-abCD-", "abCD");
    yes("^[\\q{|ab}]x", "v", "x", "x");
    yes("^[\\q{|ab}]x", "v", "abx", "abx");
    yes(
        "[\\q{\u{1F600}\u{1F601}|zz}]",
        "v",
        "a\u{1F600}\u{1F601}",
        "\u{1F600}\u{1F601}",
    );
    assert!(crate::validate("[^\\p{RGI_Emoji}]", false, true).is_err());
    assert!(crate::validate("\\p{RGI_Emoji}", true, false).is_err());
}

struct Countdown(u32);

impl Host for Countdown {
    fn interrupted(&mut self) -> bool {
        self.0 = self.0.saturating_sub(1);
        self.0 == 0
    }
}

#[test]
fn catastrophic_pattern_is_interruptible() {
    let arena = Arena::new(MemoryManager::new());
    let words = compile_in(b"(a+)+$", Flags::default(), &arena).unwrap();
    let prog = Program::new(words).unwrap();
    let mut s = vec![b'a'; 40];
    s.push(b'b');
    let r = exec(
        prog,
        Input::Latin1(&s),
        0,
        false,
        &arena,
        &mut Countdown(10),
    );
    assert_eq!(r.unwrap_err(), ExecError::Interrupted);
}

#[test]
fn backtracking_stack_is_limited_by_memory() {
    let mm = MemoryManager::new();
    let arena = Arena::new(mm.clone());
    let words = compile_in(b"(?:a|b)*c", Flags::default(), &arena).unwrap();
    let prog = Program::new(words).unwrap();
    let s = vec![b'a'; 4 << 20];
    mm.set_limit(mm.usage() + (8 << 20));
    let r = exec(prog, Input::Latin1(&s), 0, true, &arena, &mut NoInterrupt);
    assert_eq!(r.unwrap_err(), ExecError::OutOfMemory);
}

#[test]
fn deep_nesting_is_a_stack_error_not_a_crash() {
    let p = "(".repeat(200_000) + &")".repeat(200_000);
    let arena = Arena::new(MemoryManager::new());
    let r = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || {
            let arena = Arena::new(MemoryManager::new());
            compile_in(p.as_bytes(), Flags::default(), &arena).map(|_| ())
        })
        .unwrap()
        .join()
        .unwrap();
    drop(arena);
    assert!(r.unwrap_err().stack_overflow);
}
