//! `WeakRef` from Rust: the target dies once nothing but WeakRefs holds it and the kept list
//! was cleared; it stays while kept. (Behaviour: `tests/js/builtins/weak_ref.js`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::builtins::promise::run_jobs;
use crate::builtins::test_support::run;
use crate::convert::to_string;
use crate::script::eval_script;
use crate::*;

fn eval(cx: &mut Cx, src: &str) -> std::string::String {
    let mut pos = None;
    let v = eval_script(cx, src, "test.js", &mut pos).unwrap();
    let js = to_string(cx, v).unwrap();
    let flat = JsString::flatten(cx.heap(), js).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

#[test]
fn basics() {
    let src = "var o = {}; var w = new WeakRef(o); var s = Symbol('s');
        var a = [w.deref() === o, new WeakRef(s).deref() === s, Object.prototype.toString.call(w),
            WeakRef.length, typeof WeakRef.prototype.deref];
        for (var bad of [1, 'x', null, undefined, Symbol.for('r')]) {
            try { new WeakRef(bad); a.push('no'); } catch (e) { a.push(e.name); }
        }
        try { WeakRef({}); } catch (e) { a.push(e.name); }
        try { WeakRef.prototype.deref.call(new WeakSet()); } catch (e) { a.push(e.name); }
        a.join()";
    assert_eq!(
        run(src),
        "true,true,[object WeakRef],1,function,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError"
    );
}

#[test]
fn targets_die_after_the_job_and_kept_ones_survive() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let cx = &mut Cx::new(&rt, realm);
    eval(
        cx,
        "var keep = {}; var strong = new WeakRef(keep);
         var ws = []; (function () { for (var i = 0; i < 200; i++) ws.push(new WeakRef({ i: i })); })();",
    );
    // Still kept: the job has not ended.
    rt.collect_garbage();
    assert_eq!(
        eval(
            cx,
            "ws.every(function (w) { return w.deref() !== undefined; })"
        ),
        "true"
    );
    run_jobs(cx).unwrap();
    rt.collect_garbage();
    // The conservative stack scan may retain a stray one or two; most must be gone.
    let dead = eval(
        cx,
        "ws.filter(function (w) { return w.deref() === undefined; }).length",
    );
    assert!(dead.parse::<u32>().unwrap() > 150, "{dead}");
    assert_eq!(eval(cx, "strong.deref() === keep"), "true");
}

#[test]
fn registry_basics() {
    let src = "var r = new FinalizationRegistry(function () {}); var a = [];
        var t = {}, tok = {};
        a.push(r.register(t, 1, tok), r.register({}, 2), r.unregister(tok), r.unregister(tok));
        a.push(Object.prototype.toString.call(r), FinalizationRegistry.length);
        for (var bad of [[1, 2], [t, t], [t, 1, 5], [Symbol.for('x'), 1]]) {
            try { r.register.apply(r, bad); a.push('no'); } catch (e) { a.push(e.name); }
        }
        try { r.unregister(1); } catch (e) { a.push(e.name); }
        try { new FinalizationRegistry(1); } catch (e) { a.push(e.name); }
        try { FinalizationRegistry(function () {}); } catch (e) { a.push(e.name); }
        try { r.register.call(new WeakRef(t), t, 1); } catch (e) { a.push(e.name); }
        a.join()";
    assert_eq!(
        run(src),
        ",,true,false,[object FinalizationRegistry],1,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError"
    );
}

#[test]
fn cleanup_callbacks_run_after_a_collection() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let cx = &mut Cx::new(&rt, realm);
    eval(
        cx,
        "var seen = []; var r = new FinalizationRegistry(function (h) { seen.push(h); });
         var keep = {}; r.register(keep, 'kept');
         var tok = {};
         (function () { for (var i = 0; i < 100; i++) r.register({ i: i }, i, i % 2 ? tok : undefined); })();
         r.unregister(tok);",
    );
    run_jobs(cx).unwrap();
    if std::env::var_os("CONCH_GC_STRESS").is_none() {
        assert_eq!(eval(cx, "seen.length"), "0");
    }
    rt.collect_garbage();
    run_jobs(cx).unwrap();
    // Only even held values (the odd ones were unregistered); never the kept one.
    let n: u32 = eval(cx, "seen.length").parse().unwrap();
    assert!(n > 35 && n <= 50, "{n}");
    assert_eq!(
        eval(cx, "seen.every(function (h) { return h % 2 === 0; })"),
        "true"
    );
    // Each cell is reported once.
    rt.collect_garbage();
    run_jobs(cx).unwrap();
    assert_eq!(eval(cx, "seen.length"), n.to_string());
}
