//! The sort behind `Array.prototype.sort`/`toSorted` with a comparator: V8's TimSort
//! (`third_party/v8/builtins/array-sort.tq`, after CPython's listsort), step for step, so
//! that the comparator sees the same calls in the same order as in node and an inconsistent
//! comparator (`(a, b) => a > b`, one that never returns 0) leaves the same order. The spec
//! leaves both implementation-defined; programs print them.
//!
//! Runs are found (descending ones reversed), extended to the minimum run length by binary
//! insertion, pushed on a stack kept balanced by merging, and merged with galloping. The
//! values live in `GcVec`s (GC-visible); `cmp(x, y)` is the comparator's result as a
//! number (NaN already 0), negative when x sorts first.

use super::tick;
use crate::cx::{Cx, JsResult};
use conch_gc::{GcVec, Value};

/// Galloping starts after this many consecutive wins of one side.
const MIN_GALLOP: usize = 7;

struct Sorter<'s, 'c, F> {
    cx: &'s mut Cx<'c>,
    cmp: F,
    work: &'s GcVec<Value>,
    tmp: GcVec<Value>,
    /// (base, length) of the pending runs.
    runs: [(usize, usize); 85],
    n_runs: usize,
    min_gallop: usize,
    calls: u64,
}

fn at(v: &GcVec<Value>, i: usize) -> Value {
    v.get(i).unwrap_or(Value::UNDEFINED)
}

/// Copies `len` items of `src` from `from` into `dst` at `to` (ranges may overlap when
/// `src` is `dst`).
fn copy(src: &GcVec<Value>, from: usize, dst: &GcVec<Value>, to: usize, len: usize) {
    if from < to {
        for k in (0..len).rev() {
            dst.set(to + k, at(src, from + k));
        }
    } else {
        for k in 0..len {
            dst.set(to + k, at(src, from + k));
        }
    }
}

impl<F: FnMut(&mut Cx, Value, Value) -> JsResult<f64>> Sorter<'_, '_, F> {
    fn compare(&mut self, x: Value, y: Value) -> JsResult<f64> {
        self.calls += 1;
        tick(self.cx, self.calls)?;
        (self.cmp)(self.cx, x, y)
    }

    /// The length of the run starting at `low` (made ascending), at most up to `high`.
    fn count_and_make_run(&mut self, low: usize, high: usize) -> JsResult<usize> {
        if low + 1 == high {
            return Ok(1);
        }
        let mut run = 2;
        let first = at(self.work, low + 1);
        let order = self.compare(first, at(self.work, low))?;
        let descending = order < 0.0;
        let mut prev = first;
        for i in low + 2..high {
            let cur = at(self.work, i);
            let order = self.compare(cur, prev)?;
            if (descending && order >= 0.0) || (!descending && order < 0.0) {
                break;
            }
            prev = cur;
            run += 1;
        }
        if descending {
            let (mut a, mut b) = (low, low + run - 1);
            while a < b {
                let t = at(self.work, a);
                self.work.set(a, at(self.work, b));
                self.work.set(b, t);
                a += 1;
                b -= 1;
            }
        }
        Ok(run)
    }

    /// Sorts `low..high` where `low..start` is already sorted.
    fn binary_insertion_sort(&mut self, low: usize, start: usize, high: usize) -> JsResult<()> {
        let mut start = if low == start { start + 1 } else { start };
        while start < high {
            let (mut left, mut right) = (low, start);
            let pivot = at(self.work, start);
            while left < right {
                let mid = left + ((right - left) >> 1);
                if self.compare(pivot, at(self.work, mid))? < 0.0 {
                    right = mid;
                } else {
                    left = mid + 1;
                }
            }
            let mut p = start;
            while p > left {
                self.work.set(p, at(self.work, p - 1));
                p -= 1;
            }
            self.work.set(left, pivot);
            start += 1;
        }
        Ok(())
    }

    /// Where `key` goes in the sorted `arr[base..base+len]`, before equal items; the search
    /// starts at `hint`.
    fn gallop_left(
        &mut self,
        in_tmp: bool,
        key: Value,
        base: usize,
        len: usize,
        hint: usize,
    ) -> JsResult<usize> {
        let get = |s: &Self, i: usize| at(if in_tmp { &s.tmp } else { s.work }, i);
        let (mut last, mut ofs);
        ofs = 1usize;
        last = 0usize;
        if self.compare(get(self, base + hint), key)? < 0.0 {
            let max = len - hint;
            while ofs < max {
                if self.compare(get(self, base + hint + ofs), key)? >= 0.0 {
                    break;
                }
                last = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(max);
            last += hint;
            ofs += hint;
        } else {
            let max = hint + 1;
            while ofs < max {
                if self.compare(get(self, base + hint - ofs), key)? < 0.0 {
                    break;
                }
                last = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(max);
            let t = last;
            // `last` may go to -1 (as a signed offset); it is incremented below.
            last = (hint + 1).wrapping_sub(ofs);
            ofs = hint - t;
            return self.gallop_finish_left(in_tmp, key, base, last, ofs);
        }
        self.gallop_finish_left(in_tmp, key, base, last + 1, ofs)
    }

    /// The binary search that ends `gallop_left`, in `(lo, hi]` given as `lo + 1..hi`.
    fn gallop_finish_left(
        &mut self,
        in_tmp: bool,
        key: Value,
        base: usize,
        mut lo: usize,
        mut hi: usize,
    ) -> JsResult<usize> {
        while lo < hi {
            let m = lo + ((hi - lo) >> 1);
            let v = at(if in_tmp { &self.tmp } else { self.work }, base + m);
            if self.compare(v, key)? < 0.0 {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        Ok(hi)
    }

    /// Where `key` goes in the sorted `arr[base..base+len]`, after equal items.
    fn gallop_right(
        &mut self,
        in_tmp: bool,
        key: Value,
        base: usize,
        len: usize,
        hint: usize,
    ) -> JsResult<usize> {
        let get = |s: &Self, i: usize| at(if in_tmp { &s.tmp } else { s.work }, i);
        let mut last = 0usize;
        let mut ofs = 1usize;
        let (mut lo, mut hi);
        if self.compare(key, get(self, base + hint))? < 0.0 {
            let max = hint + 1;
            while ofs < max {
                if self.compare(key, get(self, base + hint - ofs))? >= 0.0 {
                    break;
                }
                last = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(max);
            lo = (hint + 1).wrapping_sub(ofs);
            hi = hint - last;
        } else {
            let max = len - hint;
            while ofs < max {
                if self.compare(key, get(self, base + hint + ofs))? < 0.0 {
                    break;
                }
                last = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(max);
            lo = last + hint + 1;
            hi = ofs + hint;
        }
        while lo < hi {
            let m = lo + ((hi - lo) >> 1);
            if self.compare(key, get(self, base + m))? < 0.0 {
                hi = m;
            } else {
                lo = m + 1;
            }
        }
        Ok(hi)
    }

    fn merge_at(&mut self, i: usize) -> JsResult<()> {
        let (mut base_a, mut len_a) = self.runs[i];
        let (base_b, mut len_b) = self.runs[i + 1];
        self.runs[i].1 = len_a + len_b;
        if i + 3 == self.n_runs {
            self.runs[i + 1] = self.runs[i + 2];
        }
        self.n_runs -= 1;
        let k = self.gallop_right(false, at(self.work, base_b), base_a, len_a, 0)?;
        base_a += k;
        len_a -= k;
        if len_a == 0 {
            return Ok(());
        }
        let key = at(self.work, base_a + len_a - 1);
        len_b = self.gallop_left(false, key, base_b, len_b, len_b - 1)?;
        if len_b == 0 {
            return Ok(());
        }
        if len_a <= len_b {
            self.merge_low(base_a, len_a, base_b, len_b)
        } else {
            self.merge_high(base_a, len_a, base_b, len_b)
        }
    }

    fn merge_low(
        &mut self,
        base_a: usize,
        len_a: usize,
        base_b: usize,
        len_b: usize,
    ) -> JsResult<()> {
        let (mut len_a, mut len_b) = (len_a, len_b);
        copy(self.work, base_a, &self.tmp, 0, len_a);
        let (mut dest, mut ct, mut cb) = (base_a, 0usize, base_b);
        self.work.set(dest, at(self.work, cb));
        dest += 1;
        cb += 1;
        // `true`: copy the rest of B then the last of A; `false`: the rest of A.
        let copy_b = 'merge: {
            len_b -= 1;
            if len_b == 0 {
                break 'merge false;
            }
            if len_a == 1 {
                break 'merge true;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let (mut wins_a, mut wins_b) = (0usize, 0usize);
                loop {
                    if self.compare(at(self.work, cb), at(&self.tmp, ct))? < 0.0 {
                        self.work.set(dest, at(self.work, cb));
                        dest += 1;
                        cb += 1;
                        wins_b += 1;
                        len_b -= 1;
                        wins_a = 0;
                        if len_b == 0 {
                            break 'merge false;
                        }
                        if wins_b >= min_gallop {
                            break;
                        }
                    } else {
                        self.work.set(dest, at(&self.tmp, ct));
                        dest += 1;
                        ct += 1;
                        wins_a += 1;
                        len_a -= 1;
                        wins_b = 0;
                        if len_a == 1 {
                            break 'merge true;
                        }
                        if wins_a >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                let mut first = true;
                while wins_a >= MIN_GALLOP || wins_b >= MIN_GALLOP || first {
                    first = false;
                    min_gallop = min_gallop.saturating_sub(1).max(1);
                    self.min_gallop = min_gallop;
                    wins_a = self.gallop_right(true, at(self.work, cb), ct, len_a, 0)?;
                    if wins_a > 0 {
                        copy(&self.tmp, ct, self.work, dest, wins_a);
                        dest += wins_a;
                        ct += wins_a;
                        len_a -= wins_a;
                        if len_a == 1 {
                            break 'merge true;
                        }
                        if len_a == 0 {
                            break 'merge false;
                        }
                    }
                    self.work.set(dest, at(self.work, cb));
                    dest += 1;
                    cb += 1;
                    len_b -= 1;
                    if len_b == 0 {
                        break 'merge false;
                    }
                    wins_b = self.gallop_left(false, at(&self.tmp, ct), cb, len_b, 0)?;
                    if wins_b > 0 {
                        copy(self.work, cb, self.work, dest, wins_b);
                        dest += wins_b;
                        cb += wins_b;
                        len_b -= wins_b;
                        if len_b == 0 {
                            break 'merge false;
                        }
                    }
                    self.work.set(dest, at(&self.tmp, ct));
                    dest += 1;
                    ct += 1;
                    len_a -= 1;
                    if len_a == 1 {
                        break 'merge true;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        if copy_b {
            copy(self.work, cb, self.work, dest, len_b);
            self.work.set(dest + len_b, at(&self.tmp, ct));
        } else if len_a > 0 {
            copy(&self.tmp, ct, self.work, dest, len_a);
        }
        Ok(())
    }

    fn merge_high(
        &mut self,
        base_a: usize,
        len_a: usize,
        base_b: usize,
        len_b: usize,
    ) -> JsResult<()> {
        let (mut len_a, mut len_b) = (len_a, len_b);
        copy(self.work, base_b, &self.tmp, 0, len_b);
        // Cursors count down; they may pass below zero only when their run is empty, so they
        // are kept as offsets plus one.
        let mut dest = base_b + len_b - 1;
        let mut ct = len_b as isize - 1;
        let mut ca = (base_a + len_a) as isize - 1;
        let w = |i: isize| i as usize;
        self.work.set(dest, at(self.work, w(ca)));
        dest = dest.wrapping_sub(1);
        ca -= 1;
        // `true`: copy the rest of A then the first of B; `false`: the rest of B.
        let copy_a = 'merge: {
            len_a -= 1;
            if len_a == 0 {
                break 'merge false;
            }
            if len_b == 1 {
                break 'merge true;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let (mut wins_a, mut wins_b) = (0usize, 0usize);
                loop {
                    if self.compare(at(&self.tmp, w(ct)), at(self.work, w(ca)))? < 0.0 {
                        self.work.set(dest, at(self.work, w(ca)));
                        dest = dest.wrapping_sub(1);
                        ca -= 1;
                        wins_a += 1;
                        len_a -= 1;
                        wins_b = 0;
                        if len_a == 0 {
                            break 'merge false;
                        }
                        if wins_a >= min_gallop {
                            break;
                        }
                    } else {
                        self.work.set(dest, at(&self.tmp, w(ct)));
                        dest = dest.wrapping_sub(1);
                        ct -= 1;
                        wins_b += 1;
                        len_b -= 1;
                        wins_a = 0;
                        if len_b == 1 {
                            break 'merge true;
                        }
                        if wins_b >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                let mut first = true;
                while wins_a >= MIN_GALLOP || wins_b >= MIN_GALLOP || first {
                    first = false;
                    min_gallop = min_gallop.saturating_sub(1).max(1);
                    self.min_gallop = min_gallop;
                    let k =
                        self.gallop_right(false, at(&self.tmp, w(ct)), base_a, len_a, len_a - 1)?;
                    wins_a = len_a - k;
                    if wins_a > 0 {
                        dest = dest.wrapping_sub(wins_a);
                        ca -= wins_a as isize;
                        copy(
                            self.work,
                            w(ca + 1),
                            self.work,
                            dest.wrapping_add(1),
                            wins_a,
                        );
                        len_a -= wins_a;
                        if len_a == 0 {
                            break 'merge false;
                        }
                    }
                    self.work.set(dest, at(&self.tmp, w(ct)));
                    dest = dest.wrapping_sub(1);
                    ct -= 1;
                    len_b -= 1;
                    if len_b == 1 {
                        break 'merge true;
                    }
                    let k = self.gallop_left(true, at(self.work, w(ca)), 0, len_b, len_b - 1)?;
                    wins_b = len_b - k;
                    if wins_b > 0 {
                        dest = dest.wrapping_sub(wins_b);
                        ct -= wins_b as isize;
                        copy(
                            &self.tmp,
                            w(ct + 1),
                            self.work,
                            dest.wrapping_add(1),
                            wins_b,
                        );
                        len_b -= wins_b;
                        if len_b == 1 {
                            break 'merge true;
                        }
                        if len_b == 0 {
                            break 'merge false;
                        }
                    }
                    self.work.set(dest, at(self.work, w(ca)));
                    dest = dest.wrapping_sub(1);
                    ca -= 1;
                    len_a -= 1;
                    if len_a == 0 {
                        break 'merge false;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        if copy_a {
            dest = dest.wrapping_sub(len_a);
            ca -= len_a as isize;
            copy(self.work, w(ca + 1), self.work, dest.wrapping_add(1), len_a);
            self.work.set(dest, at(&self.tmp, w(ct)));
        } else if len_b > 0 {
            copy(&self.tmp, 0, self.work, dest.wrapping_sub(len_b - 1), len_b);
        }
        Ok(())
    }

    /// Whether run `n` is shorter than the two runs above it together.
    fn invariant_holds(&self, n: usize) -> bool {
        n < 2 || self.runs[n - 2].1 > self.runs[n - 1].1 + self.runs[n].1
    }

    fn merge_collapse(&mut self) -> JsResult<()> {
        while self.n_runs > 1 {
            let mut n = self.n_runs - 2;
            if !self.invariant_holds(n + 1) || !self.invariant_holds(n) {
                if n > 0 && self.runs[n - 1].1 < self.runs[n + 1].1 {
                    n -= 1;
                }
                self.merge_at(n)?;
            } else if self.runs[n].1 <= self.runs[n + 1].1 {
                self.merge_at(n)?;
            } else {
                break;
            }
        }
        Ok(())
    }

    fn merge_force_collapse(&mut self) -> JsResult<()> {
        while self.n_runs > 1 {
            let mut n = self.n_runs - 2;
            if n > 0 && self.runs[n - 1].1 < self.runs[n + 1].1 {
                n -= 1;
            }
            self.merge_at(n)?;
        }
        Ok(())
    }
}

/// The minimum run length for `n` items: `n` below 64, else between 32 and 64 so that
/// `n / minrun` is a power of two or a little less.
fn min_run_length(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Sorts `v` in place with V8's TimSort.
pub(crate) fn timsort(
    cx: &mut Cx,
    v: &GcVec<Value>,
    cmp: impl FnMut(&mut Cx, Value, Value) -> JsResult<f64>,
) -> JsResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let tmp = GcVec::<Value>::new();
    tmp.resize(cx.heap(), n, Value::UNDEFINED)?;
    let mut s = Sorter {
        cx,
        cmp,
        work: v,
        tmp,
        runs: [(0, 0); 85],
        n_runs: 0,
        min_gallop: MIN_GALLOP,
        calls: 0,
    };
    let min_run = min_run_length(n);
    let (mut low, mut remaining) = (0, n);
    while remaining != 0 {
        let mut run = s.count_and_make_run(low, low + remaining)?;
        if run < min_run {
            let forced = min_run.min(remaining);
            s.binary_insertion_sort(low, low + run, low + forced)?;
            run = forced;
        }
        s.runs[s.n_runs] = (low, run);
        s.n_runs += 1;
        s.merge_collapse()?;
        low += run;
        remaining -= run;
    }
    s.merge_force_collapse()
}

/// The sort of `%TypedArray%.prototype.sort` with a comparator in V8
/// (`typed-array-sort.tq`): a top-down merge sort over two copies, each level merging from
/// one into the other, taking the left item unless the comparator says it sorts after.
pub(crate) fn typed_array_merge_sort(
    cx: &mut Cx,
    v: &GcVec<Value>,
    mut cmp: impl FnMut(&mut Cx, Value, Value) -> JsResult<f64>,
) -> JsResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let other = GcVec::<Value>::new();
    other.reserve(cx.heap(), n)?;
    for i in 0..n {
        other.push(cx.heap(), at(v, i))?;
    }
    let mut calls = 0u64;
    // Sorts `source[from..to]` into `target[from..to]`.
    #[allow(clippy::too_many_arguments)]
    fn sort(
        cx: &mut Cx,
        cmp: &mut impl FnMut(&mut Cx, Value, Value) -> JsResult<f64>,
        calls: &mut u64,
        source: &GcVec<Value>,
        from: usize,
        to: usize,
        target: &GcVec<Value>,
    ) -> JsResult<()> {
        let middle = from + ((to - from) >> 1);
        if middle - from > 1 {
            sort(cx, cmp, calls, target, from, middle, source)?;
        }
        if to - middle > 1 {
            sort(cx, cmp, calls, target, middle, to, source)?;
        }
        let (mut left, mut right) = (from, middle);
        for out in from..to {
            let take_left = if left < middle && right >= to {
                true
            } else if left < middle {
                *calls += 1;
                tick(cx, *calls)?;
                cmp(cx, at(source, left), at(source, right))? <= 0.0
            } else {
                false
            };
            if take_left {
                target.set(out, at(source, left));
                left += 1;
            } else {
                target.set(out, at(source, right));
                right += 1;
            }
        }
        Ok(())
    }
    sort(cx, &mut cmp, &mut calls, &other, 0, n, v)
}
