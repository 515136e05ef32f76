//! Accounting covers reality (issue 2, "What it must show"): building 300,000 kept objects with
//! four properties and a distinct string each grows the process's resident set by at most
//! 1.25 × the growth of the runtime's reported memory usage + 8 MiB.
//!
//! The measurement runs in a process of its own: the test re-executes this test binary with
//! `CONCH_RSS_CHILD` set, filtered to `child_workload`, so no other test's memory is in the
//! figures. Under `CONCH_GC_STRESS` the workload is scaled down (the property is still checked).

// Test code: the child's output, parsed as host text.
#![allow(clippy::disallowed_types)]

use conch::{Context, JsError, JsValue, Runtime};
use std::io::Write;
use std::process::Command;

const CHILD_ENV: &str = "CONCH_RSS_CHILD";
const SLACK: usize = 8 << 20;

fn objects() -> usize {
    if std::env::var_os("CONCH_GC_STRESS").is_some() {
        10_000
    } else {
        300_000
    }
}

/// Resident set size from `/proc/self/statm` (second field, in pages).
fn rss_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|f| f.parse().ok())
        .expect("resident field");
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
    pages * page
}

/// Formats `value <i> of <p>` into a stack buffer (no global allocation per string).
fn distinct_text(buf: &mut [u8; 48], i: usize, p: usize) -> &str {
    let mut w = &mut buf[..];
    write!(w, "value {i} of property {p}").expect("fits");
    let left = w.len();
    let n = buf.len() - left;
    std::str::from_utf8(&buf[..n]).expect("ascii")
}

fn build(ctx: &Context, n: usize) -> Result<JsValue, JsError> {
    const NAMES: [&str; 4] = ["alpha", "beta", "gamma", "delta"];
    let list = ctx.array(0)?;
    let mut buf = [0u8; 48];
    for i in 0..n {
        let o = ctx.object()?;
        for (p, name) in NAMES.iter().enumerate() {
            let s = ctx.string(distinct_text(&mut buf, i, p))?;
            o.set(*name, &s)?;
        }
        list.set(i, &o)?;
    }
    Ok(list)
}

/// The measured workload; does nothing unless this process is the re-executed child.
#[test]
fn child_workload() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let n = objects();
    let rss_before = rss_bytes();
    let rt = Runtime::new().unwrap();
    let usage_before = 0; // a fresh runtime's usage is all growth
    let ctx = rt.context().unwrap();
    let list = build(&ctx, n).unwrap();
    let rss_after = rss_bytes();
    let usage_after = rt.memory_usage();
    let rss_growth = rss_after.saturating_sub(rss_before);
    let usage_growth = usage_after - usage_before;
    let bound = usage_growth + usage_growth / 4 + SLACK;
    println!(
        "RSS_RESULT objects={n} rss_growth={rss_growth} usage_growth={usage_growth} bound={bound} \
         (rss {:.1} MiB, usage {:.1} MiB, {:.0} bytes/object accounted)",
        rss_growth as f64 / 1048576.0,
        usage_growth as f64 / 1048576.0,
        usage_growth as f64 / n as f64
    );
    // The objects are all still there.
    let last = list.get(n - 1).unwrap();
    let mut buf = [0u8; 48];
    assert_eq!(
        last.get("delta").unwrap().to_string().unwrap(),
        distinct_text(&mut buf, n - 1, 3)
    );
    assert!(
        rss_growth <= bound,
        "RSS grew by {rss_growth} bytes, more than 1.25 × usage growth ({usage_growth}) + 8 MiB"
    );
}

#[test]
fn rss_growth_is_covered_by_reported_usage() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new(exe)
        .args([
            "--exact",
            "child_workload",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .output()
        .expect("re-executed test binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let result = stdout
        .lines()
        .find_map(|l| l.find("RSS_RESULT").map(|i| &l[i..]))
        .unwrap_or("no RSS_RESULT line");
    println!("{result}");
    assert!(
        out.status.success(),
        "child failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    assert!(result.starts_with("RSS_RESULT"), "{stdout}\n{stderr}");
}
