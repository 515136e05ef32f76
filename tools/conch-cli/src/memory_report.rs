//! `--memory-report FILE.html`: one self-contained HTML page (no scripts, no external files)
//! showing the run's memory: the runtime's usage (as its memory manager accounts it) and the
//! process RSS over time, each collection marked (hover: its duration and the usage before and
//! after), the memory manager's Allocate / Free / Failure events, the limit as a line, and a
//! summary table. The plot is SVG written here directly (a few hundred elements).

use crate::stats::{human, peak_rss, Recorder};
use conch_mm::{MemoryEvent, MemoryManager};
use std::fmt::Write;

const W: f64 = 960.0;
const H: f64 = 420.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 70.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" axis step (1, 2 or 5 times a power of ten) for about `n` ticks up to `max`.
fn nice_step(max: f64, n: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / n;
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let f = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * p
}

struct Plot {
    t_max: f64,
    y_max: f64,
}

impl Plot {
    fn x(&self, t: f64) -> f64 {
        LEFT + (t / self.t_max) * (W - LEFT - RIGHT)
    }
    fn y(&self, v: f64) -> f64 {
        H - BOTTOM - (v / self.y_max) * (H - TOP - BOTTOM)
    }
}

/// The SVG plot of the recording.
pub fn svg(r: &Recorder, limit: Option<usize>, end_ms: f64, end_usage: usize) -> String {
    let rss_max = r.events.iter().filter_map(|e| e.rss).max().unwrap_or(0);
    let mut y_max = r.peak.max(rss_max).max(1) as f64;
    if let Some(l) = limit {
        y_max = y_max.max(l as f64);
    }
    y_max *= 1.05;
    let t_max = end_ms.max(1e-3);
    let p = Plot { t_max, y_max };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="11">"#
    );
    s.push_str(r##"<rect width="100%" height="100%" fill="#fff"/>"##);
    // Axes and grid.
    // Steps of 1, 2 or 5 KiB, MiB or GiB.
    let unit = [1u64 << 30, 1 << 20, 1 << 10, 1]
        .into_iter()
        .find(|&u| y_max >= 2.0 * u as f64)
        .unwrap_or(1) as f64;
    let ystep = nice_step(y_max / unit, 5.0) * unit;
    let mut v = 0.0;
    while v <= y_max {
        let y = p.y(v);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            esc(&human(v as usize))
        );
        v += ystep;
    }
    let xstep = nice_step(t_max, 8.0);
    let mut t = 0.0;
    while t <= t_max {
        let x = p.x(t);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#f0f0f0"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
            H - BOTTOM,
            H - BOTTOM + 14.0,
            fmt_ms(t)
        );
        t += xstep;
    }
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333">time since start</text>"##,
        (LEFT + W - RIGHT) / 2.0,
        H - BOTTOM + 30.0
    );
    // Collections: a band from start to end of marking, a line at the start.
    for (i, c) in r.collections.iter().enumerate() {
        let x0 = p.x(c.start);
        let x1 = p.x(c.mark_end).max(x0 + 1.0);
        let after = c.usage_after.map_or("?".to_string(), human);
        let _ = write!(
            s,
            r##"<g class="gc"><title>collection {}: at {}, {:.2} ms marking; usage {} before, {} after</title><rect x="{x0:.1}" y="{TOP}" width="{:.1}" height="{:.1}" fill="#f5a623" fill-opacity="0.25"/><line x1="{x0:.1}" y1="{TOP}" x2="{x0:.1}" y2="{:.1}" stroke="#f5a623" stroke-dasharray="3,2"/></g>"##,
            i + 1,
            fmt_ms(c.start),
            c.mark_end - c.start,
            human(c.usage_before),
            after,
            x1 - x0,
            H - BOTTOM - TOP,
            H - BOTTOM
        );
    }
    // The limit.
    if let Some(l) = limit {
        let y = p.y(l as f64);
        let _ = write!(
            s,
            r##"<line class="limit" x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#d0021b" stroke-width="1.5" stroke-dasharray="6,4"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#d0021b">limit {}</text>"##,
            W - RIGHT,
            W - RIGHT - 4.0,
            y - 4.0,
            esc(&human(l))
        );
    }
    // RSS samples.
    let rss: Vec<(f64, usize)> = r
        .events
        .iter()
        .filter_map(|e| e.rss.map(|v| (e.t, v)))
        .collect();
    if !rss.is_empty() {
        let mut d = String::new();
        for (i, (t, v)) in rss.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1} ",
                if i == 0 { "M" } else { "L" },
                p.x(*t),
                p.y(*v as f64)
            );
        }
        let _ = write!(
            s,
            r##"<path class="rss" d="{d}" fill="none" stroke="#7ed321" stroke-width="1.5"/>"##
        );
    }
    // The runtime's usage: a step line through every event.
    let mut d = format!("M{:.1},{:.1} ", p.x(0.0), p.y(0.0));
    let mut last = 0usize;
    for e in &r.events {
        let x = p.x(e.t);
        let _ = write!(
            d,
            "L{x:.1},{:.1} L{x:.1},{:.1} ",
            p.y(last as f64),
            p.y(e.usage as f64)
        );
        last = e.usage;
    }
    let _ = write!(
        d,
        "L{:.1},{:.1} L{:.1},{:.1}",
        p.x(end_ms),
        p.y(last as f64),
        p.x(end_ms),
        p.y(end_usage as f64)
    );
    let _ = write!(
        s,
        r##"<path class="usage" d="{d}" fill="none" stroke="#4a90e2" stroke-width="2"/>"##
    );
    // Events: a rug under the plot (Allocate up, Free down), failures as red crosses.
    let rug = H - BOTTOM + 44.0;
    for e in &r.events {
        let x = p.x(e.t);
        match e.kind {
            MemoryEvent::Allocate => {
                let _ = write!(
                    s,
                    r##"<line class="alloc" x1="{x:.1}" y1="{rug}" x2="{x:.1}" y2="{:.1}" stroke="#4a90e2"><title>Allocate {} at {}</title></line>"##,
                    rug - 8.0,
                    human(e.bytes),
                    fmt_ms(e.t)
                );
            }
            MemoryEvent::Free => {
                let _ = write!(
                    s,
                    r##"<line class="free" x1="{x:.1}" y1="{rug}" x2="{x:.1}" y2="{:.1}" stroke="#7ed321"><title>Free {} at {}</title></line>"##,
                    rug + 8.0,
                    human(e.bytes),
                    fmt_ms(e.t)
                );
            }
            MemoryEvent::Failure => {
                let y = p.y(e.usage as f64);
                let _ = write!(
                    s,
                    r##"<g class="failure"><title>Failure: {} refused at {}</title><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#d0021b" stroke-width="2"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#d0021b" stroke-width="2"/></g>"##,
                    human(e.bytes),
                    fmt_ms(e.t),
                    x - 4.0,
                    y - 4.0,
                    x + 4.0,
                    y + 4.0,
                    x - 4.0,
                    y + 4.0,
                    x + 4.0,
                    y - 4.0
                );
            }
        }
    }
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">events</text>"##,
        LEFT - 6.0,
        rug + 4.0
    );
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{LEFT}" y2="{TOP}" stroke="#333"/><line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333"/></svg>"##,
        H - BOTTOM,
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM
    );
    s
}

fn fmt_ms(t: f64) -> String {
    if t >= 1000.0 {
        format!("{:.2} s", t / 1000.0)
    } else {
        format!("{t:.0} ms")
    }
}

/// The report's HTML.
pub fn render(
    r: &Recorder,
    mm: &MemoryManager,
    heap: &conch_gc::Heap,
    source: Option<&(String, String)>,
) -> String {
    let end = r.elapsed_ms();
    let limit = Some(mm.limit()).filter(|&l| l != usize::MAX);
    let name = source.map_or("REPL", |(f, _)| f.as_str());
    let hs = heap.stats();
    let mut rows: Vec<(&str, String)> = vec![
        ("script", name.to_string()),
        ("wall time", fmt_ms(end)),
        ("peak usage", human(r.peak)),
        ("usage at exit", human(mm.usage())),
        ("memory limit", limit.map_or("none".into(), human)),
        ("live heap at exit", human(hs.live_bytes)),
        (
            "collections",
            format!(
                "{} ({:.2} ms marking in all)",
                r.collections.len(),
                r.gc_ms()
            ),
        ),
        (
            "Allocate events",
            format!("{} ({})", r.allocs.0, human(r.allocs.1 as usize)),
        ),
        (
            "Free events",
            format!("{} ({})", r.frees.0, human(r.frees.1 as usize)),
        ),
        (
            "Failure events",
            format!("{} ({})", r.failures.0, human(r.failures.1 as usize)),
        ),
    ];
    if let Some(p) = peak_rss() {
        rows.push(("process peak RSS", human(p)));
    }
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>conch memory report</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ddd;padding:3px 10px;text-align:left}th{background:#f6f6f6}.key span{display:inline-block;width:14px;height:4px;margin:0 6px 2px 14px;vertical-align:middle}</style></head><body>\n",
    );
    let _ = writeln!(html, "<h1>conch memory report: {}</h1>", esc(name));
    html.push_str("<p class=\"key\"><span style=\"background:#4a90e2\"></span>runtime usage<span style=\"background:#7ed321\"></span>process RSS<span style=\"background:#f5a623\"></span>collection (marking)<span style=\"background:#d0021b\"></span>limit, failures</p>\n");
    html.push_str(&svg(r, limit, end, mm.usage()));
    html.push_str("\n<h2>Summary</h2>\n<table>\n");
    for (k, v) in rows {
        let _ = writeln!(html, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(&v));
    }
    html.push_str("</table>\n<h2>Collections</h2>\n<table><tr><th>#</th><th>start</th><th>marking</th><th>usage before</th><th>usage after</th></tr>\n");
    for (i, c) in r.collections.iter().enumerate() {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{:.2} ms</td><td>{:.3} ms</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            c.start,
            c.mark_end - c.start,
            human(c.usage_before),
            c.usage_after.map_or("?".into(), human)
        );
    }
    html.push_str("</table>\n<p>Usage is what the runtime's memory manager accounts (GC heap chunks, large objects, arenas); RSS is the whole process (sampled at most once a millisecond, at memory events). Marking time runs from the collection's start to its sweep.</p>\n</body></html>\n");
    html
}
