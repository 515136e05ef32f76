//! `--memory-report FILE.html`: one self-contained HTML page (no scripts, no external files)
//! showing the run's memory: the runtime's usage (as its memory manager accounts it) and the
//! process RSS over time, each collection marked (hover: its duration and the usage before and
//! after), the memory manager's Allocate / Free / Failure events, the limit as a line, and a
//! summary table. The plot is SVG drawn by the `plotters` crate.

use crate::stats::{human, peak_rss, Recorder};
use conch_mm::{MemoryEvent, MemoryManager};
use plotters::prelude::*;
use std::fmt::Write;

const W: u32 = 960;
const H: u32 = 480;
/// Height of the events strip under the plot.
const RUG: u32 = 80;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const USAGE: RGBColor = RGBColor(74, 144, 226);
const RSS: RGBColor = RGBColor(126, 211, 33);
const GC: RGBColor = RGBColor(245, 166, 35);
const LIMIT: RGBColor = RGBColor(208, 2, 27);

/// The SVG plot of the recording, drawn with `plotters`: usage and RSS over time, the limit,
/// collections as bands, failures as crosses, and a strip of Allocate (up) and Free (down)
/// events under it on the same time axis (tick height: the logarithm of the size).
pub fn svg(r: &Recorder, limit: Option<usize>, end_ms: f64, end_usage: usize) -> String {
    let mut out = String::new();
    if let Err(e) = draw(&mut out, r, limit, end_ms, end_usage) {
        return format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="40"><text x="10" y="20">plot failed: {}</text></svg>"#,
            esc(&e)
        );
    }
    out
}

fn draw(
    out: &mut String,
    r: &Recorder,
    limit: Option<usize>,
    end_ms: f64,
    end_usage: usize,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| e.to_string();
    let rss_max = r.events.iter().filter_map(|e| e.rss).max().unwrap_or(0);
    let mut y_max = r.peak.max(rss_max).max(end_usage).max(1) as f64;
    if let Some(l) = limit {
        y_max = y_max.max(l as f64);
    }
    y_max *= 1.05;
    let t_max = end_ms.max(1e-3);
    let root = SVGBackend::with_string(out, (W, H)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let (top, bottom) = root.split_vertically(H - RUG);
    let mut chart = ChartBuilder::on(&top)
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(80)
        .build_cartesian_2d(0f64..t_max, 0f64..y_max)
        .map_err(err)?;
    let ms = |t: &f64| fmt_ms(*t);
    let bytes = |v: &f64| human(*v as usize);
    chart
        .configure_mesh()
        .x_desc("time since start")
        .x_label_formatter(&ms)
        .y_label_formatter(&bytes)
        .light_line_style(RGBColor(240, 240, 240))
        .draw()
        .map_err(err)?;
    // Collections: a band from the start to the end of marking.
    let w = t_max / 1000.0;
    chart
        .draw_series(r.collections.iter().map(|c| {
            let end = c.mark_end.max(c.start + w);
            Rectangle::new([(c.start, 0.0), (end, y_max)], GC.mix(0.3).filled())
        }))
        .map_err(err)?
        .label("collection (marking)")
        .legend(|(x, y)| Rectangle::new([(x, y - 4), (x + 16, y + 4)], GC.mix(0.3).filled()));
    if let Some(l) = limit {
        chart
            .draw_series(LineSeries::new(
                [(0.0, l as f64), (t_max, l as f64)],
                LIMIT.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("limit {}", human(l)))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], LIMIT.stroke_width(2)));
    }
    let rss: Vec<(f64, f64)> = r
        .events
        .iter()
        .filter_map(|e| e.rss.map(|v| (e.t, v as f64)))
        .collect();
    if !rss.is_empty() {
        chart
            .draw_series(LineSeries::new(rss, RSS.stroke_width(2)))
            .map_err(err)?
            .label("process RSS")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RSS.stroke_width(2)));
    }
    // The runtime's usage: a step line through every event.
    let mut steps = vec![(0.0, 0.0)];
    let mut last = 0.0;
    for e in &r.events {
        steps.push((e.t, last));
        last = e.usage as f64;
        steps.push((e.t, last));
    }
    steps.push((end_ms, last));
    steps.push((end_ms, end_usage as f64));
    chart
        .draw_series(LineSeries::new(steps, USAGE.stroke_width(2)))
        .map_err(err)?
        .label("runtime usage")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], USAGE.stroke_width(2)));
    let failures: Vec<(f64, f64)> = r
        .events
        .iter()
        .filter(|e| matches!(e.kind, MemoryEvent::Failure))
        .map(|e| (e.t, e.usage as f64))
        .collect();
    if !failures.is_empty() {
        chart
            .draw_series(
                failures
                    .into_iter()
                    .map(|p| Cross::new(p, 4, LIMIT.stroke_width(2))),
            )
            .map_err(err)?
            .label("Failure event")
            .legend(|(x, y)| Cross::new((x + 8, y), 4, LIMIT.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .draw()
        .map_err(err)?;
    // The events strip: Allocate up, Free down.
    let mut rug = ChartBuilder::on(&bottom)
        .margin_left(12)
        .margin_right(12)
        .margin_bottom(8)
        .y_label_area_size(80)
        .build_cartesian_2d(0f64..t_max, -1f64..1f64)
        .map_err(err)?;
    rug.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(0)
        .y_desc("events")
        .draw()
        .map_err(err)?;
    // Tick heights grow with the logarithm of the event's size.
    let max_log = r
        .events
        .iter()
        .map(|e| (e.bytes.max(2) as f64).log2())
        .fold(1.0, f64::max);
    let tick = |e: &crate::stats::Event, up: bool| {
        let h = 0.2 + 0.7 * (e.bytes.max(2) as f64).log2() / max_log;
        let y = if up { h } else { -h };
        let c = if up { USAGE } else { RSS };
        PathElement::new([(e.t, 0.0), (e.t, y)], c)
    };
    rug.draw_series(
        r.events
            .iter()
            .filter(|e| matches!(e.kind, MemoryEvent::Allocate))
            .map(|e| tick(e, true)),
    )
    .map_err(err)?
    .label("Allocate events")
    .legend(|(x, y)| PathElement::new([(x + 8, y - 5), (x + 8, y + 5)], USAGE));
    rug.draw_series(
        r.events
            .iter()
            .filter(|e| matches!(e.kind, MemoryEvent::Free))
            .map(|e| tick(e, false)),
    )
    .map_err(err)?
    .label("Free events")
    .legend(|(x, y)| PathElement::new([(x + 8, y - 5), (x + 8, y + 5)], RSS));
    rug.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
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
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>conch memory report</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ddd;padding:3px 10px;text-align:left}th{background:#f6f6f6}</style></head><body>\n",
    );
    let _ = writeln!(html, "<h1>conch memory report: {}</h1>", esc(name));
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
