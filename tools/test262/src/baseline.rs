//! Baseline files of expected failures: one `PATH MODE` (or `PATH`, every mode) per line,
//! `#` comments and blank lines ignored.

use crate::Outcome;
use std::collections::{BTreeMap, BTreeSet};

/// The baseline key of a run: `path mode`, or `path` for a parse-only outcome.
pub fn key(o: &Outcome) -> String {
    match o.mode {
        Some(m) => format!("{} {}", o.path, m.name()),
        None => o.path.clone(),
    }
}

/// Parses a baseline file into its entries (`path` or `path mode`, single-spaced).
pub fn parse(text: &str) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [path] => out.insert(path.to_string()),
            [path, mode] if crate::frontmatter::Mode::from_name(mode).is_some() => {
                out.insert(format!("{path} {mode}"))
            }
            _ => {
                return Err(format!(
                    "line {}: expected `PATH [MODE]`, got `{line}`",
                    n + 1
                ))
            }
        };
    }
    Ok(out)
}

/// A baseline with the current failures.
pub fn write(results: &[Outcome]) -> String {
    let mut out = String::from(
        "# conch-test262 baseline: expected failures, one `PATH MODE` per line.\n\
         # Regenerate with --write-baseline; see tools/test262/README.md.\n",
    );
    let failures: BTreeSet<String> = results
        .iter()
        .filter(|r| !r.passed && !r.skipped)
        .map(key)
        .collect();
    for f in failures {
        out.push_str(&f);
        out.push('\n');
    }
    out
}

/// Differences between a run and a baseline.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Failed runs the baseline does not list (these fail the whole run).
    pub regressions: Vec<String>,
    /// Baseline entries whose runs all passed this time (remove them from the baseline).
    pub unexpected_passes: Vec<String>,
}

/// Compares `results` with `baseline`. Entries for tests that did not run are ignored (a run
/// of a subset of the suite checks just that subset).
pub fn diff(baseline: &BTreeSet<String>, results: &[Outcome]) -> Diff {
    let mut d = Diff::default();
    // Per baseline entry: did any of its runs fail?
    let mut seen: BTreeMap<&str, bool> = BTreeMap::new();
    for r in results.iter().filter(|r| !r.skipped) {
        let k = key(r);
        let entry = if baseline.contains(&k) {
            baseline.get(&k).map(String::as_str)
        } else {
            baseline.get(&r.path).map(String::as_str)
        };
        match entry {
            Some(e) => *seen.entry(e).or_insert(false) |= !r.passed,
            None if !r.passed => d.regressions.push(k),
            None => {}
        }
    }
    d.unexpected_passes = seen
        .into_iter()
        .filter(|&(_, failed)| !failed)
        .map(|(e, _)| e.to_string())
        .collect();
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::Mode;

    fn run(path: &str, mode: Mode, passed: bool) -> Outcome {
        let mut o = Outcome::new(path.into(), Some(mode));
        o.passed = passed;
        o
    }

    #[test]
    fn parses_entries_and_comments() {
        let b =
            parse("# header\n\ntest/a.js strict\ntest/b.js   # any mode\n  test/c.js module \n")
                .unwrap();
        let v: Vec<&str> = b.iter().map(String::as_str).collect();
        assert_eq!(v, ["test/a.js strict", "test/b.js", "test/c.js module"]);
        assert!(parse("test/a.js bogus\n").unwrap_err().contains("line 1"));
        assert!(parse("a b c\n").is_err());
    }

    #[test]
    fn regressions_and_unexpected_passes() {
        let baseline = parse("t/a.js strict\nt/b.js\nt/c.js sloppy\nt/gone.js strict\n").unwrap();
        let results = [
            run("t/a.js", Mode::Sloppy, false), // not listed in that mode: a regression
            run("t/a.js", Mode::Strict, false), // expected
            run("t/b.js", Mode::Sloppy, true),  // `t/b.js` still fails in strict
            run("t/b.js", Mode::Strict, false),
            run("t/c.js", Mode::Sloppy, true), // fixed
            run("t/d.js", Mode::Module, true),
            run("t/e.js", Mode::Module, false), // new failure
        ];
        let d = diff(&baseline, &results);
        assert_eq!(d.regressions, ["t/a.js sloppy", "t/e.js module"]);
        assert_eq!(d.unexpected_passes, ["t/c.js sloppy"]);
        // A path-only entry whose runs all pass is an unexpected pass.
        let d = diff(&parse("t/d.js\n").unwrap(), &results[5..6]);
        assert_eq!(d.unexpected_passes, ["t/d.js"]);
    }

    #[test]
    fn written_baseline_round_trips() {
        let results = [
            run("t/b.js", Mode::Strict, false),
            run("t/a.js", Mode::Module, false),
            run("t/a.js", Mode::Sloppy, true),
        ];
        let text = write(&results);
        let b = parse(&text).unwrap();
        let v: Vec<&str> = b.iter().map(String::as_str).collect();
        assert_eq!(v, ["t/a.js module", "t/b.js strict"]);
        assert_eq!(diff(&b, &results), Diff::default());
    }
}
