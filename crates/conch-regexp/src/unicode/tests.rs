use super::{add_chars, contains, lookup, strings, Property};
use crate::charset::CharSet;
use conch_mm::{Arena, MemoryManager};

fn p(name: &str, value: Option<&str>) -> Property {
    lookup(name, value, true).unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn names_follow_the_spec_tables() {
    assert_eq!(lookup("L", None, false), lookup("Letter", None, false));
    assert_eq!(lookup("gc", Some("Lu"), false), lookup("Lu", None, false));
    assert_eq!(
        lookup("General_Category", Some("digit"), false),
        lookup("Nd", None, false)
    );
    assert!(lookup("Script", Some("Latn"), false).is_some());
    assert!(lookup("scx", Some("Zyyy"), false).is_some());
    assert!(lookup("Script", Some("latin"), false).is_none());
    assert!(lookup("Latin", None, false).is_none());
    assert!(lookup("AHex", None, false).is_some());
    assert!(lookup("space", None, false).is_some());
    assert!(lookup("WSpace", None, false).is_none());
    assert!(lookup("ascii", None, false).is_none());
    assert!(lookup("Block", Some("Basic_Latin"), false).is_none());
    assert!(lookup("RGI_Emoji", None, false).is_none());
    assert!(lookup("RGI_Emoji", None, true).is_some());
    // Unicode 17 scripts.
    for s in ["Beria_Erfe", "Berf", "Sidetic", "Tai_Yo", "Tolong_Siki"] {
        assert!(lookup("sc", Some(s), false).is_some(), "{s}");
    }
}

#[test]
fn sets() {
    assert!(contains(p("Lu", None), 'A' as u32));
    assert!(!contains(p("Lu", None), 'a' as u32));
    assert!(contains(p("L", None), 'a' as u32));
    assert!(contains(p("LC", None), 0x1C5)); // Lt
    assert!(!contains(p("LC", None), 0x2B0)); // Lm
    assert!(contains(p("Cn", None), 0x378));
    assert!(contains(p("Assigned", None), 0x41));
    assert!(!contains(p("Assigned", None), 0x378));
    assert!(contains(p("sc", Some("Greek")), 0x3B1));
    assert!(!contains(p("sc", Some("Deva")), 0x964)); // Common…
    assert!(contains(p("scx", Some("Deva")), 0x964)); // …used by Devanagari
    assert!(contains(p("Any", None), 0x10FFFF));
    assert!(contains(p("ASCII_Hex_Digit", None), 'f' as u32));
    assert!(!contains(p("ASCII_Hex_Digit", None), 'g' as u32));
    assert!(contains(p("sc", Some("Berf")), 0x16EA0));
    let arena = Arena::new(MemoryManager::new());
    let mut s = CharSet::new(&arena);
    add_chars(p("ASCII", None), &mut s).unwrap();
    s.normalize();
    assert_eq!(s.ranges(), &[(0, 0x7F)]);
    let mut s = CharSet::new(&arena);
    add_chars(p("Any", None), &mut s).unwrap();
    s.normalize();
    assert_eq!(s.ranges(), &[(0, 0x10FFFF)]);
}

#[test]
fn properties_of_strings() {
    let keycaps = strings(p("Emoji_Keycap_Sequence", None));
    assert_eq!(keycaps.count(), 12);
    let mut first = strings(p("Emoji_Keycap_Sequence", None));
    assert_eq!(first.next(), Some(&['#' as u32, 0xFE0F, 0x20E3][..]));
    let flags = strings(p("RGI_Emoji_Flag_Sequence", None)).count();
    let all = strings(p("RGI_Emoji", None)).count();
    assert!(flags > 250 && all > 2500, "{flags} {all}");
    assert!(contains(p("Basic_Emoji", None), 0x231A));
    assert!(contains(p("RGI_Emoji", None), 0x231A));
    assert_eq!(strings(p("Lu", None)).count(), 0);
}
