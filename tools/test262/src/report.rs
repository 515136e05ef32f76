//! Printing results: a per-directory table, the two conformance groups, and JSON.

use crate::Outcome;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Directory used for grouping: the first three components (`test/language/expressions`).
fn group(path: &str) -> String {
    path.split('/').take(3).collect::<Vec<_>>().join("/")
}

/// Prints the table, the failures (with `verbose`), the group rates and the final line.
pub fn print(results: &[Outcome], verbose: bool) {
    let mut dirs: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for r in results {
        let e = dirs.entry(group(&r.path)).or_default();
        if r.skipped {
            e.2 += 1;
        } else if r.passed {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    if verbose {
        for r in results.iter().filter(|r| !r.passed) {
            println!("FAIL {}: {}", r.path, r.detail);
        }
    }
    println!(
        "{:<50} {:>8} {:>8} {:>8} {:>8}",
        "directory", "passed", "failed", "skipped", "rate"
    );
    for (d, (p, f, s)) in &dirs {
        let rate = if p + f == 0 {
            100.0
        } else {
            *p as f64 * 100.0 / (p + f) as f64
        };
        println!("{d:<50} {p:>8} {f:>8} {s:>8} {rate:>7.2}%");
    }
    let (mut np, mut nf, mut pp, mut pf, mut skipped) = (0, 0, 0, 0, 0);
    for r in results {
        match (r.skipped, r.negative, r.passed) {
            (true, _, _) => skipped += 1,
            (false, true, true) => np += 1,
            (false, true, false) => nf += 1,
            (false, false, true) => pp += 1,
            (false, false, false) => pf += 1,
        }
    }
    let pct = |a: usize, b: usize| {
        if a + b == 0 {
            100.0
        } else {
            a as f64 * 100.0 / (a + b) as f64
        }
    };
    println!(
        "negative (must be rejected): {np}/{} = {:.2}%",
        np + nf,
        pct(np, nf)
    );
    println!(
        "positive (must parse):       {pp}/{} = {:.2}%",
        pp + pf,
        pct(pp, pf)
    );
    println!("{} passed, {} failed, {skipped} skipped", np + pp, nf + pf);
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Results as JSON: `{"summary": {...}, "tests": [{"path", "negative", "result", "detail"}]}`.
pub fn json(results: &[Outcome]) -> String {
    let passed = results.iter().filter(|r| r.passed && !r.skipped).count();
    let skipped = results.iter().filter(|r| r.skipped).count();
    let failed = results.len() - passed - skipped;
    let mut out = String::new();
    let _ = write!(out, "{{\"summary\":{{\"passed\":{passed},\"failed\":{failed},\"skipped\":{skipped}}},\"tests\":[");
    for (i, r) in results.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let result = if r.skipped {
            "skip"
        } else if r.passed {
            "pass"
        } else {
            "fail"
        };
        let _ = write!(
            out,
            "\n{{\"path\":{},\"negative\":{},\"result\":\"{result}\",\"detail\":{}}}",
            escape(&r.path),
            r.negative,
            escape(&r.detail)
        );
    }
    out.push_str("\n]}\n");
    out
}
