//! `structuredClone` from Rust: depth without native recursion, the memory limit, the error
//! objects. (Behaviour tests, checked against node: `tests/js/builtins/structured_clone.js`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::builtins::test_support::run;
use crate::script::eval_script;
use crate::*;

/// Under `CONCH_GC_STRESS` (a collection every few allocations, each marking the whole
/// chain) the deep cases are quadratic: minutes each. What they check (no native recursion)
/// does not depend on the collector.
fn gc_stress() -> bool {
    std::env::var_os("CONCH_GC_STRESS").is_some()
}

#[test]
fn nesting_far_deeper_than_the_native_stack_allows() {
    if gc_stress() {
        return;
    }
    let src = "let o = {}; const root = o; \
               for (let i = 0; i < 200000; i++) { o.n = [{}]; o = o.n[0]; } \
               const c = structuredClone(root); let n = 0; \
               for (let x = c; x; x = x.n && x.n[0]) n++; n";
    assert_eq!(run(src), "200001");
}

#[test]
fn a_long_chain_of_causes_is_a_range_error_not_a_crash() {
    if gc_stress() {
        return;
    }
    let src = "let e = new Error('0'); for (let i = 1; i < 300000; i++) e = new Error('' + i, { cause: e }); \
               try { structuredClone(e); 'copied' } catch (x) { x instanceof RangeError ? 'range' : String(x) }";
    let r = run(src);
    assert!(r == "copied" || r == "range", "{r}");
}

#[test]
fn data_clone_errors_carry_name_code_and_message() {
    assert_eq!(
        run("try { structuredClone({ f: function foo() {} }) } catch (e) { [e.name, e.code, e.message, e instanceof Error].join('|') }"),
        "DataCloneError|25|function foo() {} could not be cloned.|true"
    );
    assert_eq!(
        run("try { structuredClone([Symbol('s')]) } catch (e) { e.message }"),
        "Symbol(s) could not be cloned."
    );
}

#[test]
fn identity_cycles_and_transfer() {
    assert_eq!(
        run("const a = {}; a.a = a; const m = new Map([[a, a]]); const c = structuredClone([a, m]); \
             [c[0].a === c[0], c[1].get(c[0]) === c[0], c[0] !== a].join()"),
        "true,true,true"
    );
    assert_eq!(
        run("const b = new ArrayBuffer(3); new Uint8Array(b)[2] = 4; \
             const c = structuredClone(b, { transfer: [b] }); [b.byteLength, new Uint8Array(c)[2]].join()"),
        "0,4"
    );
}

#[test]
fn a_memory_limit_is_an_error_not_an_abort() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    let mut pos = None;
    // Fewer objects under GC stress (each collection marks all of them).
    let n = if gc_stress() { 5000 } else { 20000 };
    let setup = format!("var big = []; for (let i = 0; i < {n}; i++) big.push({{ i, s: [i] }});");
    let setup = setup.as_str();
    eval_script(&mut cx, setup, "a.js", &mut pos).unwrap();
    let mm = rt.memory_manager().clone();
    // No headroom under stress: the clone must need new memory even if little is left free.
    let headroom = if gc_stress() { 0 } else { 256 << 10 };
    mm.set_limit(mm.usage() + headroom);
    let oom = cx.intrinsic(Intrinsic::OutOfMemoryError);
    match eval_script(&mut cx, "structuredClone(big)", "b.js", &mut pos) {
        Err(Throw::OutOfMemory) => {}
        Err(Throw::Value(v)) if v == oom => {}
        r => panic!("should run out of memory: {r:?}"),
    }
    mm.set_limit(usize::MAX);
    let r = eval_script(&mut cx, "structuredClone(big).length", "c.js", &mut pos).unwrap();
    assert_eq!(r.as_number(), Some(n as f64));
}
