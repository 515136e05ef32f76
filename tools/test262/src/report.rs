//! Printing results: a per-directory table, the two conformance groups, and JSON.

use crate::frontmatter::Mode;
use crate::Outcome;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Directory used for grouping: the first three components (`test/language/expressions`).
fn group(path: &str) -> String {
    path.split('/').take(3).collect::<Vec<_>>().join("/")
}

fn pct(a: usize, b: usize) -> f64 {
    if a + b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / (a + b) as f64
    }
}

/// Passed and failed counts of the outcomes `f` selects (skipped ones left out).
fn count(results: &[Outcome], f: impl Fn(&Outcome) -> bool) -> (usize, usize) {
    results
        .iter()
        .filter(|r| !r.skipped && f(r))
        .fold(
            (0, 0),
            |(p, n), r| if r.passed { (p + 1, n) } else { (p, n + 1) },
        )
}

fn group_line(label: &str, (p, f): (usize, usize)) {
    println!("{label:<44} {p}/{} = {:.2}%", p + f, pct(p, f));
}

/// Prints the table, the failures (with `verbose`), the group rates and the final line.
/// In execution mode (`exec`) each outcome is one run (a test in one mode).
pub fn print(results: &[Outcome], verbose: bool, exec: bool) {
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
            match r.mode {
                Some(m) => println!("FAIL {} [{}]: {}", r.path, m.name(), r.detail),
                None => println!("FAIL {}: {}", r.path, r.detail),
            }
        }
    }
    println!(
        "{:<50} {:>8} {:>8} {:>8} {:>8}",
        "directory", "passed", "failed", "skipped", "rate"
    );
    for (d, (p, f, s)) in &dirs {
        println!("{d:<50} {p:>8} {f:>8} {s:>8} {:>7.2}%", pct(*p, *f));
    }
    if exec {
        group_line(
            "negative (must throw the expected error):",
            count(results, |r| r.negative),
        );
        group_line(
            "positive (must complete normally):",
            count(results, |r| !r.negative),
        );
        for m in [Mode::Sloppy, Mode::Strict, Mode::Module] {
            let label = format!("{} runs:", m.name());
            group_line(&label, count(results, |r| r.mode == Some(m)));
        }
        group_line("stage-3 feature runs:", count(results, |r| r.stage3));
        group_line("other runs:", count(results, |r| !r.stage3));
        let timeouts = results.iter().filter(|r| r.detail == "timeout").count();
        let crashes = results
            .iter()
            .filter(|r| r.detail.starts_with("crashed") || r.detail.starts_with("exit code"))
            .count();
        println!("timeouts: {timeouts}, crashes or unexpected exit codes: {crashes}");
    } else {
        group_line(
            "negative (must be rejected):",
            count(results, |r| r.negative),
        );
        group_line("positive (must parse):", count(results, |r| !r.negative));
    }
    let (p, f) = count(results, |_| true);
    let skipped = results.iter().filter(|r| r.skipped).count();
    let unit = if exec { " runs" } else { "" };
    println!("{p}{unit} passed, {f} failed, {skipped} skipped");
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

/// Results as JSON: `{"summary": {...}, "tests": [{"path", "mode", "negative", "stage3",
/// "result", "detail"}]}` (`mode` is null in parse-only mode, where an entry covers all modes).
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
        let mode = match r.mode {
            Some(m) => format!("\"{}\"", m.name()),
            None => "null".into(),
        };
        let _ = write!(
            out,
            "\n{{\"path\":{},\"mode\":{mode},\"negative\":{},\"stage3\":{},\"result\":\"{result}\",\"detail\":{}}}",
            escape(&r.path),
            r.negative,
            r.stage3,
            escape(&r.detail)
        );
    }
    out.push_str("\n]}\n");
    out
}
