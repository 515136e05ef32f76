//! The process-wide WaiterList (§25.4.1) of the agents blocked in `Atomics.wait`: one list
//! for every runtime on every thread, keyed by (shared block, byte index), under one lock —
//! the spec's critical section. A waiter compares the location's value under that lock
//! before it adds itself, and a notifier takes the lock after its store, so no wake-up is
//! lost. `notify` wakes waiters in the order they started waiting (FIFO).
//!
//! `Atomics.waitAsync` waiters are entries too (with their deadline), so a `notify` on any
//! thread counts and wakes them in the same FIFO order; their runtime settles them when it
//! polls (`settle`).
//!
//! Blocking is a wait on one condition variable shared by all waiters (woken all at once; each
//! checks its own entry): the list is short — one entry per blocked thread — so this stays
//! cheap. A waiter wakes at least every [`POLL`] to check its runtime's interrupt flag
//! (`JsDisableRuntimeExecution`, the shell's `--timeout`), so a disabled runtime stops waiting
//! within that time.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How often a blocked waiter checks its interrupt flag.
pub const POLL: Duration = Duration::from_millis(50);

struct Entry {
    block: usize,
    byte: usize,
    id: u64,
    notified: bool,
    /// An async waiter's deadline (none: forever); blocked waiters keep theirs themselves.
    deadline: Option<Instant>,
}

struct List {
    // One entry per thread blocked in `Atomics.wait` (a thread waits once at a time): bounded
    // by the process's threads, not by what a script allocates.
    #[allow(clippy::disallowed_types)]
    entries: Vec<Entry>,
    next_id: u64,
}

// The entries' `Vec`: see `List::entries`.
#[allow(clippy::disallowed_types)]
static LIST: Mutex<List> = Mutex::new(List {
    entries: Vec::new(),
    next_id: 0,
});
static WAKE: Condvar = Condvar::new();

fn lock() -> MutexGuard<'static, List> {
    // A panic elsewhere cannot leave the list inconsistent (every update is one step).
    LIST.lock().unwrap_or_else(|e| e.into_inner())
}

/// How a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The location did not hold the expected value.
    NotEqual,
    /// Woken by `notify`.
    Ok,
    /// The timeout passed.
    TimedOut,
    /// `interrupted()` became true while waiting.
    Interrupted,
    /// No memory for the list entry.
    OutOfMemory,
}

/// DoWait's blocking part for the location (`block`, `byte`): under the list's lock, `equal()`
/// says whether the location holds the expected value (it reads it atomically); if so, waits
/// until notified, `deadline` (none: forever) or `interrupted()`.
pub fn wait(
    block: usize,
    byte: usize,
    equal: impl FnOnce() -> bool,
    deadline: Option<Instant>,
    interrupted: impl Fn() -> bool,
) -> Outcome {
    let mut list = lock();
    let id = match add(&mut list, block, byte, equal, None) {
        Ok(id) => id,
        Err(o) => return o,
    };
    loop {
        let at = list
            .entries
            .iter()
            .position(|e| e.id == id)
            .expect("a waiter's entry stays until it leaves");
        let outcome = if list.entries[at].notified {
            Some(Outcome::Ok)
        } else if interrupted() {
            Some(Outcome::Interrupted)
        } else {
            match deadline {
                Some(d) if Instant::now() >= d => Some(Outcome::TimedOut),
                _ => None,
            }
        };
        if let Some(o) = outcome {
            list.entries.remove(at);
            return o;
        }
        let slice = match deadline {
            Some(d) => d.saturating_duration_since(Instant::now()).min(POLL),
            None => POLL,
        };
        list = WAKE
            .wait_timeout(list, slice)
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
}

/// Compares (`equal()`, under the lock) and adds an entry; its id, or why not.
fn add(
    list: &mut List,
    block: usize,
    byte: usize,
    equal: impl FnOnce() -> bool,
    deadline: Option<Instant>,
) -> Result<u64, Outcome> {
    if !equal() {
        return Err(Outcome::NotEqual);
    }
    if list.entries.try_reserve(1).is_err() {
        return Err(Outcome::OutOfMemory);
    }
    let id = list.next_id;
    list.next_id += 1;
    list.entries.push(Entry {
        block,
        byte,
        id,
        notified: false,
        deadline,
    });
    Ok(id)
}

/// `Atomics.waitAsync`'s DoWait: if `equal()` (under the lock), adds an async waiter on the
/// location until `deadline` (none: forever); returns its id for [`settle`], or
/// `Err(NotEqual)` / `Err(OutOfMemory)`.
pub fn add_async(
    block: usize,
    byte: usize,
    equal: impl FnOnce() -> bool,
    deadline: Option<Instant>,
) -> Result<u64, Outcome> {
    add(&mut lock(), block, byte, equal, deadline)
}

/// An async waiter's state: `Some(Ok)` when notified, `Some(TimedOut)` when its deadline
/// passed (either way it leaves the list), `None` while it still waits.
pub fn settle(id: u64) -> Option<Outcome> {
    let mut list = lock();
    let at = list.entries.iter().position(|e| e.id == id)?;
    let e = &list.entries[at];
    let outcome = if e.notified {
        Outcome::Ok
    } else if e.deadline.is_some_and(|d| Instant::now() >= d) {
        Outcome::TimedOut
    } else {
        return None;
    };
    list.entries.remove(at);
    Some(outcome)
}

/// Removes an async waiter whose runtime (or realm) went away without settling it.
pub fn forget(id: u64) {
    let mut list = lock();
    if let Some(at) = list.entries.iter().position(|e| e.id == id) {
        list.entries.remove(at);
    }
}

/// `Atomics.notify`'s RemoveWaiters and NotifyWaiter: wakes up to `count` waiters on the
/// location, oldest first; returns how many.
pub fn notify(block: usize, byte: usize, count: f64) -> usize {
    let mut list = lock();
    let mut n = 0usize;
    let now = Instant::now();
    for e in list.entries.iter_mut() {
        if (n as f64) >= count {
            break;
        }
        // An async waiter past its deadline has timed out (its runtime settles it so).
        let live = e.deadline.is_none_or(|d| now < d);
        if e.block == block && e.byte == byte && !e.notified && live {
            e.notified = true;
            n += 1;
        }
    }
    drop(list);
    if n > 0 {
        WAKE.notify_all();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    /// How many threads wait on the location (not yet notified).
    fn waiting(block: usize, byte: usize) -> usize {
        lock()
            .entries
            .iter()
            .filter(|e| e.block == block && e.byte == byte && !e.notified)
            .count()
    }

    // Keys unique to each test: the list is process-wide and tests run in parallel.
    fn key() -> usize {
        static NEXT: AtomicUsize = AtomicUsize::new(1 << 40);
        NEXT.fetch_add(64, Ordering::Relaxed)
    }

    fn until(f: impl Fn() -> bool) {
        let end = Instant::now() + Duration::from_secs(10);
        while !f() {
            assert!(Instant::now() < end, "timed out");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn not_equal_and_timeout() {
        let k = key();
        assert_eq!(wait(k, 0, || false, None, || false), Outcome::NotEqual);
        let t = Instant::now();
        let d = Some(t + Duration::from_millis(30));
        assert_eq!(wait(k, 0, || true, d, || false), Outcome::TimedOut);
        assert!(t.elapsed() >= Duration::from_millis(30));
        assert_eq!(waiting(k, 0), 0);
    }

    #[test]
    fn notify_wakes_in_fifo_order_and_counts() {
        let k = key();
        let order = Arc::new(Mutex::new(0u32));
        let mut threads = [const { None }; 3];
        for (i, slot) in threads.iter_mut().enumerate() {
            let order = order.clone();
            *slot = Some(std::thread::spawn(move || {
                let o = wait(k, 4, || true, None, || false);
                let mut g = order.lock().unwrap();
                *g = *g * 10 + i as u32 + 1;
                o
            }));
            // Each starts waiting before the next one.
            until(|| waiting(k, 4) == i + 1);
        }
        assert_eq!(notify(k, 8, f64::INFINITY), 0, "another index");
        assert_eq!(notify(k, 4, 1.0), 1);
        until(|| *order.lock().unwrap() == 1);
        assert_eq!(notify(k, 4, f64::INFINITY), 2);
        for t in threads.into_iter().flatten() {
            assert_eq!(t.join().unwrap(), Outcome::Ok);
        }
        let o = *order.lock().unwrap();
        assert!(o == 123 || o == 132, "{o}");
        assert_eq!(notify(k, 4, f64::INFINITY), 0);
    }

    #[test]
    fn an_interrupt_ends_the_wait() {
        let k = key();
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        let t = std::thread::spawn(move || wait(k, 0, || true, None, || f.load(Ordering::SeqCst)));
        until(|| waiting(k, 0) == 1);
        flag.store(true, Ordering::SeqCst);
        assert_eq!(t.join().unwrap(), Outcome::Interrupted);
        assert_eq!(waiting(k, 0), 0);
    }

    #[test]
    fn async_waiters_are_notified_in_order_or_time_out() {
        let k = key();
        assert_eq!(add_async(k, 0, || false, None), Err(Outcome::NotEqual));
        let a = add_async(k, 0, || true, None).unwrap();
        let b = add_async(k, 0, || true, Some(Instant::now())).unwrap();
        let c = add_async(k, 0, || true, None).unwrap();
        assert_eq!(settle(a), None);
        // `b` timed out: a notify skips it.
        assert_eq!(notify(k, 0, 1.0), 1);
        assert_eq!(settle(b), Some(Outcome::TimedOut));
        assert_eq!((settle(a), settle(c)), (Some(Outcome::Ok), None));
        assert_eq!(notify(k, 0, f64::INFINITY), 1);
        assert_eq!(settle(c), Some(Outcome::Ok));
        assert_eq!(settle(c), None, "gone");
        let d = add_async(k, 0, || true, None).unwrap();
        forget(d);
        assert_eq!(notify(k, 0, f64::INFINITY), 0);
    }
}
