//! What the runtime's memory did during a run, for `--stats` and `--memory-report`: the memory
//! manager's events (Allocate / Free / Failure, through its allocation callback), the usage
//! after each, its peak, the process RSS, and each collection (through the heap's
//! before-collect and before-sweep callbacks: its start, the end of its marking, and the usage
//! before and after).

use conch_mm::{MemoryEvent, MemoryManager};
use std::ffi::c_void;
use std::sync::{Arc, Mutex, Weak};
use std::time::Instant;

/// One memory-manager event.
#[derive(Clone, Copy, Debug)]
pub struct Event {
    /// Milliseconds since the recording started.
    pub t: f64,
    /// What happened.
    pub kind: MemoryEvent,
    /// Bytes asked for or given back.
    pub bytes: usize,
    /// The manager's usage after the event.
    pub usage: usize,
    /// The process's resident set (bytes), when sampled with this event.
    pub rss: Option<usize>,
}

/// One collection.
#[derive(Clone, Copy, Debug)]
pub struct Collection {
    /// Start, in milliseconds since the recording started.
    pub start: f64,
    /// End of marking (and finalizers), just before the sweep.
    pub mark_end: f64,
    /// The manager's usage when it started.
    pub usage_before: usize,
    /// The manager's usage once its sweep gave memory back (read at the next event).
    pub usage_after: Option<usize>,
}

/// Everything recorded.
#[derive(Debug)]
pub struct Recorder {
    start: Instant,
    mm: Weak<MemoryManager>,
    /// Keep every event (for the memory report), not just the totals.
    pub keep_events: bool,
    /// Events, when kept.
    pub events: Vec<Event>,
    /// Collections.
    pub collections: Vec<Collection>,
    /// Highest usage seen.
    pub peak: usize,
    /// Allocate events and their bytes.
    pub allocs: (u64, u64),
    /// Free events and their bytes.
    pub frees: (u64, u64),
    /// Failure events and their bytes.
    pub failures: (u64, u64),
    last_rss_sample: f64,
}

static RECORDER: Mutex<Option<Recorder>> = Mutex::new(None);

fn now_ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// The process's resident set in bytes (Linux `/proc/self/statm`).
pub fn rss() -> Option<usize> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// The process's peak resident set in bytes (Linux `VmHWM`).
pub fn peak_rss() -> Option<usize> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn with<R>(f: impl FnOnce(&mut Recorder) -> R) -> Option<R> {
    let mut g = RECORDER.lock().unwrap_or_else(|e| e.into_inner());
    g.as_mut().map(f)
}

fn on_event(kind: MemoryEvent, bytes: usize) -> bool {
    with(|r| {
        let Some(mm) = r.mm.upgrade() else { return };
        let usage = match kind {
            // Called before the usage grows (the limit has already agreed).
            MemoryEvent::Allocate => mm.usage() + bytes,
            _ => mm.usage(),
        };
        r.peak = r.peak.max(usage);
        let slot = match kind {
            MemoryEvent::Allocate => &mut r.allocs,
            MemoryEvent::Free => &mut r.frees,
            MemoryEvent::Failure => &mut r.failures,
        };
        slot.0 += 1;
        slot.1 += bytes as u64;
        if kind == MemoryEvent::Allocate {
            if let Some(c) = r.collections.last_mut().filter(|c| c.usage_after.is_none()) {
                c.usage_after = Some(mm.usage());
            }
        }
        if r.keep_events {
            let t = now_ms(r.start);
            let rss = if t - r.last_rss_sample >= 1.0 || r.events.is_empty() {
                r.last_rss_sample = t;
                rss()
            } else {
                None
            };
            r.events.push(Event {
                t,
                kind,
                bytes,
                usage,
                rss,
            });
        }
    });
    true
}

unsafe extern "C" fn before_collect(_: *mut c_void) {
    with(|r| {
        let usage = r.mm.upgrade().map_or(0, |m| m.usage());
        if let Some(c) = r.collections.last_mut().filter(|c| c.usage_after.is_none()) {
            c.usage_after = Some(usage);
        }
        let t = now_ms(r.start);
        r.collections.push(Collection {
            start: t,
            mark_end: t,
            usage_before: usage,
            usage_after: None,
        });
    });
}

unsafe extern "C" fn before_sweep(_: *mut c_void) {
    with(|r| {
        let t = now_ms(r.start);
        if let Some(c) = r.collections.last_mut() {
            c.mark_end = t;
        }
    });
}

/// A memory manager whose events are recorded (`keep_events`: every event, for the report).
pub fn recording_manager(keep_events: bool) -> Arc<MemoryManager> {
    let mm = MemoryManager::new();
    let start = Instant::now();
    *RECORDER.lock().unwrap_or_else(|e| e.into_inner()) = Some(Recorder {
        start,
        mm: Arc::downgrade(&mm),
        keep_events,
        events: Vec::new(),
        collections: Vec::new(),
        peak: 0,
        allocs: (0, 0),
        frees: (0, 0),
        failures: (0, 0),
        last_rss_sample: 0.0,
    });
    mm.set_callback(Some(Arc::new(on_event)));
    mm
}

/// Records the heap's collections (after [`recording_manager`]).
pub fn watch_heap(heap: &conch_gc::Heap) {
    heap.set_before_collect(Some((before_collect, 0)));
    heap.set_before_sweep(Some((before_sweep, 0)));
}

/// Stops recording and returns what was recorded (usage at the end filled in).
pub fn finish(mm: &MemoryManager) -> Option<Recorder> {
    mm.set_callback(None);
    let mut r = RECORDER.lock().unwrap_or_else(|e| e.into_inner()).take()?;
    let usage = mm.usage();
    if let Some(c) = r.collections.last_mut().filter(|c| c.usage_after.is_none()) {
        c.usage_after = Some(usage);
    }
    r.peak = r.peak.max(usage);
    Some(r)
}

impl Recorder {
    /// Milliseconds since the recording started.
    pub fn elapsed_ms(&self) -> f64 {
        now_ms(self.start)
    }

    /// Total marking time of the collections, in milliseconds.
    pub fn gc_ms(&self) -> f64 {
        self.collections.iter().map(|c| c.mark_end - c.start).sum()
    }
}

/// Bytes for people: `512 B`, `1.5 KiB`, `12.0 MiB`.
pub fn human(n: usize) -> String {
    let n = n as f64;
    if n < 1024.0 {
        format!("{n} B")
    } else if n < 1024.0 * 1024.0 {
        format!("{:.1} KiB", n / 1024.0)
    } else if n < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} MiB", n / (1024.0 * 1024.0))
    } else {
        format!("{:.2} GiB", n / (1024.0 * 1024.0 * 1024.0))
    }
}

/// The `--stats` text.
pub fn summary(r: &Recorder, mm: &MemoryManager, heap: &conch_gc::Heap) -> String {
    let hs = heap.stats();
    let limit = mm.limit();
    let limit = if limit == usize::MAX {
        "none".to_string()
    } else {
        human(limit)
    };
    let mut s = String::from("conch stats:\n");
    let mut line = |k: &str, v: String| s.push_str(&format!("  {k:<22}{v}\n"));
    line("wall time", format!("{:.1} ms", r.elapsed_ms()));
    line("peak usage", human(r.peak));
    line("usage at exit", human(mm.usage()));
    line("memory limit", limit);
    line("live heap at exit", human(hs.live_bytes));
    line(
        "collections",
        format!(
            "{} ({:.2} ms marking in all)",
            r.collections.len().max(hs.collections),
            r.gc_ms()
        ),
    );
    line(
        "allocations",
        format!(
            "{} ({} acquired from the OS)",
            r.allocs.0,
            human(r.allocs.1 as usize)
        ),
    );
    line(
        "frees",
        format!("{} ({} given back)", r.frees.0, human(r.frees.1 as usize)),
    );
    line(
        "failures",
        format!(
            "{} ({} refused)",
            r.failures.0,
            human(r.failures.1 as usize)
        ),
    );
    if let Some(p) = peak_rss() {
        line("process peak RSS", human(p));
    }
    s
}
