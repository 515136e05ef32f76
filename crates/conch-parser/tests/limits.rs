//! Deep nesting and memory limits: errors, never aborts.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, parse_script, utf16_to_source, ErrorKind, Options};

fn parse_on_small_stack(src: String) -> Option<ErrorKind> {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let arena = Arena::new(MemoryManager::new());
            parse(&src, &arena, Options::default())
                .err()
                .map(|e| e.kind)
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_a_range_error() {
    let n = 100_000;
    for (open, close) in [("[", "]"), ("(", ")"), ("{", "}"), ("x=>", ""), ("-", "1")] {
        let src = format!("{}{}", open.repeat(n), close.repeat(n));
        assert_eq!(
            parse_on_small_stack(src),
            Some(ErrorKind::StackOverflow),
            "{open}"
        );
    }
    let src = format!("/{}{}/", "(".repeat(n), ")".repeat(n));
    assert_eq!(
        parse_on_small_stack(src),
        Some(ErrorKind::StackOverflow),
        "regexp"
    );
    let src = format!("{}1{}", "a?".repeat(n), ":b".repeat(n));
    assert_eq!(parse_on_small_stack(src), Some(ErrorKind::StackOverflow));
    let src = "function f(){".repeat(n / 2) + &"}".repeat(n / 2);
    assert_eq!(parse_on_small_stack(src), Some(ErrorKind::StackOverflow));
}

#[test]
fn long_flat_input_is_fine() {
    let src = "x".to_string() + &"+x".repeat(100_000) + ";" + "a.b" + &".c".repeat(100_000);
    assert_eq!(parse_on_small_stack(src), None);
}

#[test]
fn out_of_memory_is_an_error() {
    // About 10 MB of source.
    let line = "var a = [1, 2, 3, {b: 'c', d: function (e) { return e * 2; }}];\n";
    let src = line.repeat(10 * 1024 * 1024 / line.len());
    let mm = MemoryManager::new();
    mm.set_limit(4 * 1024 * 1024);
    let arena = Arena::new(mm.clone());
    let err = parse(&src, &arena, Options::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::OutOfMemory);
    assert_eq!(err.to_string(), "Error: Out of memory");
    drop(arena);
    // The arena's chunks went to the manager's recycling pool (still accounted).
    assert_eq!(mm.usage(), mm.pooled_bytes());
    mm.release_pooled();
    assert_eq!(mm.usage(), 0);
    // With enough memory it parses.
    mm.set_limit(usize::MAX);
    let arena = Arena::new(mm.clone());
    assert!(parse(&src, &arena, Options::default()).is_ok());
}

#[test]
fn every_limit_gives_ok_or_oom() {
    let src = "function f(a, {b, c = [1, 2]}) { let x = `t${a}`; return class { #p = /re/u; m() { return this.#p; } }; }\n".repeat(50);
    let mut limit = 0;
    while limit < 2 * 1024 * 1024 {
        let mm = MemoryManager::new();
        mm.set_limit(limit);
        let arena = Arena::new(mm.clone());
        match parse(&src, &arena, Options::default()) {
            Ok(_) => {}
            Err(e) => assert_eq!(e.kind, ErrorKind::OutOfMemory),
        }
        limit += 64 * 1024;
    }
}

#[test]
fn utf16_source() {
    let units: Vec<u16> = "let s = '\u{1F600}'; s".encode_utf16().collect();
    let arena = Arena::new(MemoryManager::new());
    let src = utf16_to_source(&units, &arena).unwrap();
    assert!(parse_script(src, &arena).is_ok());
}

#[test]
fn many_names_stay_linear() {
    // Each of these was quadratic once (private names, exports, regexp group names).
    let t = std::time::Instant::now();
    let class: String = format!(
        "class C {{ {} }}",
        (0..50_000).map(|i| format!("#f{i}; ")).collect::<String>()
    );
    assert_eq!(parse_on_small_stack(class), None);
    let regexp: String = format!(
        "/{}/",
        (0..20_000)
            .map(|i| format!("(?<g{i}>a)|"))
            .collect::<String>()
    );
    assert_eq!(parse_on_small_stack(regexp), None);
    let exports: String = (0..50_000).map(|i| format!("export var v{i};\n")).collect();
    let arena = Arena::new(MemoryManager::new());
    assert!(conch_parser::parse_module(&exports, &arena).is_ok());
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}
