//! Array builtins from Rust: results, GC stress, interrupts and memory limits. (The
//! behaviour tests proper are the JS files in `tests/js/array`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::convert::to_string;
use crate::script::eval_script;
use crate::*;
use conch_gc::Value;
use std::sync::atomic::Ordering;

/// Runs `src` in a fresh realm and returns its completion value as a Rust string (or the
/// thrown value's string, prefixed with "throw: ").
fn run_with(rt: &Runtime, src: &str) -> std::string::String {
    let realm = create_realm(rt).unwrap();
    let mut cx = Cx::new(rt, realm);
    let mut pos = None;
    let v = match eval_script(&mut cx, src, "test.js", &mut pos) {
        Ok(v) => v,
        Err(Throw::Value(e)) => return format!("throw: {}", text(&mut cx, e)),
        Err(t) => return format!("{t:?}"),
    };
    text(&mut cx, v)
}

fn text(cx: &mut Cx, v: Value) -> std::string::String {
    let js = to_string(cx, v).unwrap();
    let flat = JsString::flatten(cx.heap(), js).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

fn run(src: &str) -> std::string::String {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    run_with(&rt, src)
}

#[test]
fn methods_compute_spec_results() {
    assert_eq!(run("[3, 1, 2].sort().join()"), "1,2,3");
    assert_eq!(run("[1, [2, [3]]].flat(Infinity).join('-')"), "1-2-3");
    assert_eq!(run("[1, 2, 3].splice(1, 1).concat([9]).join()"), "2,9");
    assert_eq!(run("[...[1, 2].entries()].join('|')"), "0,1|1,2");
    assert_eq!(
        run("Array.from({length: 2}, (v, i) => i * 2).join()"),
        "0,2"
    );
    assert_eq!(run("[1, 2, 3].toSpliced(0, 1).with(0, 7).join()"), "7,3");
    assert!(run("[1, 2].map(null)").starts_with("throw: TypeError"));
    assert!(run("[1].sort({})").starts_with("throw: TypeError"));
}

#[test]
fn join_writes_separators_for_holes_and_large_indices() {
    assert_eq!(run("[, , 'a', , 'b', ,].join('.')"), "..a..b.");
    assert_eq!(run("[, , 'a', , 'b', ,].join('')"), "ab");
    assert_eq!(run("Array.prototype.join.call({length: 3})"), ",,");
    assert_eq!(run("['\\u20ac', 'x'].join('\\u00e9')"), "\u{20ac}\u{e9}x");
    assert_eq!(run("[].join('x') + '|' + [1].join('x')"), "|1");
    // A result past the string limit is a RangeError, found before anything is written.
    assert_eq!(
        run("try { new Array(1 << 30).join('ab') } catch (e) { e instanceof RangeError }"),
        "true"
    );
}

#[test]
fn iterators_sort_and_join_survive_gc_stress() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    rt.heap().set_stress(1);
    let src = "
        var out = [];
        var it = [10, 20, 30].map(function (x) { return { v: x }; }).values();
        var a = null;
        for (var o of it) out.push(o.v);
        var s = [5, 3, 9, 1].map(function (x) { return 'k' + x; })
            .sort(function (a, b) { var t = [a, b].join(); return a < b ? -1 : a > b ? 1 : 0; });
        out.push(s.join(''));
        out.push(Array.from([1, 2, 3].keys()).reverse().join(''));
        out.join(';');
    ";
    assert_eq!(run_with(&rt, src), "10;20;30;k1k3k5k9;210");
}

#[test]
fn long_loops_poll_the_interrupt_flag() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let flag = rt.disabled_flag().clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        flag.store(true, Ordering::Release);
    });
    // A 2^40-long array-like with no elements: the loop makes no calls of its own.
    let r = run_with(&rt, "Array.prototype.indexOf.call({ length: 2 ** 40 }, 1)");
    t.join().unwrap();
    assert_eq!(r, "Terminated");
}

#[test]
fn a_memory_limit_is_an_error_not_an_abort() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    let mut pos = None;
    eval_script(&mut cx, "var big = []; big[99999] = 1;", "a.js", &mut pos).unwrap();
    let mm = rt.memory_manager().clone();
    mm.set_limit(mm.usage() + (1 << 20));
    for src in [
        "big.fill('x').join('0123456789')",
        "big.fill(1).sort(function (a, b) { return a - b; }); big.concat(big, big, big)",
        "big.fill(2).map(function (x) { return [x, x]; })",
    ] {
        let oom = cx.intrinsic(Intrinsic::OutOfMemoryError);
        match eval_script(&mut cx, src, "b.js", &mut pos) {
            Err(Throw::OutOfMemory) => {}
            Err(Throw::Value(v)) if v == oom => {}
            Err(Throw::Value(v)) => panic!("{src}: threw {}", text(&mut cx, v)),
            r => panic!("{src} should run out of memory: {r:?}"),
        }
    }
    mm.set_limit(usize::MAX);
    let r = eval_script(&mut cx, "big.length", "c.js", &mut pos).unwrap();
    assert_eq!(r.as_number(), Some(100000.0));
}

#[test]
fn from_async_is_a_builtin_returning_a_promise() {
    let src = "var a = Array.fromAsync([1]), b = Array.fromAsync({ length: 0 });
        [a instanceof Promise, b instanceof Promise, Array.fromAsync.name, Array.fromAsync.length,
         Object.getPrototypeOf(Array.fromAsync) === Function.prototype,
         String(Array.fromAsync).indexOf('native code') > 0].join()";
    assert_eq!(run(src), "true,true,fromAsync,1,true,true");
}
