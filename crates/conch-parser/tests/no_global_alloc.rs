//! The storage rule (ARCHITECTURE.md §4): parsing allocates nothing through the global
//! allocator — everything goes to the memory manager's arena. A counting global allocator
//! checks it for a program that exercises every part of the parser.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, Options, SourceType};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(|c| c.get()) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(|c| c.get()) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const PROGRAM: &str = r#"
import d, * as ns from "./a.js";
import { x as y, "s t" as z } from "./b.js" with { type: "json" };
export const c = await fetch(y);
export default class K extends d { #p = 1; static { this.q = 2; } get p() { return this.#p; } }
export { z as "w" };
label: for (let i = 0, [a, ...b] = [1, 2]; i < 3; i++) { if (i) continue label; else break; }
for (const k in ns) ; for (var v of [1]) ; for await (const q of []) ;
switch (c) { case 1: { let s; } default: }
try { throw new Error(`t ${c} \u{41}`); } catch ({ message: m = "m" }) { } finally { }
const f = async (p, { q = 1 }, ...r) => { await p; return r?.[0]?.(q) ?? 0n; };
function* g() { yield* [1, 2]; } const o = { __proto__: null, [c]: 1, m() { super.m; }, ...d };
let re = [/a(?<n>b)\k<n>/giu, /[\p{L}--[a-z]]/v, /\d{1,2}?/y];
x = 0x1F + 0o17 + 0b1 + 1_000.5e-3 + .5 + "\x41\u0042\n" + 'é' + tag`\unicode`;
var o2 = { a: 1, b, c: [, , 3], get d() { return 1; }, set d(v) {} };
({ a: o2.a, b: [o2.b] } = { a: 1, b: [2] });
"#;

#[test]
fn parsing_uses_only_the_arena() {
    let mm = MemoryManager::new();
    // Warm up thread-local state (stack bounds) outside the counted region.
    {
        let arena = Arena::new(mm.clone());
        let _ = parse("1", &arena, Options::default());
    }
    let arena = Arena::new(mm.clone());
    let options = Options {
        source_type: SourceType::Module,
        strict: true,
    };
    COUNTING.with(|c| c.set(true));
    let ok = parse(PROGRAM, &arena, options).is_ok();
    let err = parse("let a; let a;", &arena, Options::default()).is_err();
    COUNTING.with(|c| c.set(false));
    assert!(ok && err);
    assert_eq!(
        COUNT.with(|c| c.get()),
        0,
        "the parser allocated through the global allocator"
    );
}
