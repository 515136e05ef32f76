//! Round trips (compile → serialize → deserialize in a fresh runtime → run gives what running
//! the source gives) and damaged buffers (never a crash).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use super::{checksum, declared_length, deserialize, serialize, CacheError};
use crate::builtins::{create_function, create_realm, FunctionOptions};
use crate::convert::to_string;
use crate::script::{compile_classic, eval_script};
use crate::*;
use conch_gc::{Gc, Value};
use conch_mm::Arena;
use std::sync::atomic::{AtomicUsize, Ordering};

fn text(cx: &mut Cx, v: Value) -> std::string::String {
    let js = to_string(cx, v).unwrap();
    let flat = JsString::flatten(cx.heap(), js).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

fn with_realm<T>(f: impl FnOnce(&mut Cx) -> T) -> T {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    f(&mut cx)
}

/// The cache bytes of `src`.
fn bytes_of(src: &str) -> std::vec::Vec<u8> {
    with_realm(|cx| {
        let arena = Arena::new(cx.rt.memory_manager().clone());
        let file = JsString::from_str(cx.heap(), "test.js").unwrap();
        let code = compile_classic(cx, src, &arena, file, false, &mut None).unwrap();
        let out = serialize(cx, code, &arena).unwrap();
        out.to_vec()
    })
}

/// The completion (or thrown) value, then the global `out` after the job queue ran.
fn finish(cx: &mut Cx, r: JsResult<Value>) -> std::string::String {
    let v = match r {
        Ok(v) => v,
        Err(Throw::Value(e)) => e,
        Err(t) => return format!("{t:?}"),
    };
    let mut s = text(cx, v);
    crate::builtins::promise::run_jobs(cx).unwrap();
    let out = eval_script(cx, "globalThis.out", "x.js", &mut None).unwrap();
    if !out.is_undefined() {
        s.push('|');
        s.push_str(&text(cx, out));
    }
    s
}

fn direct(src: &str) -> std::string::String {
    with_realm(|cx| {
        let r = eval_script(cx, src, "test.js", &mut None);
        finish(cx, r)
    })
}

fn cached(bytes: &[u8], loader: Option<&str>) -> std::string::String {
    with_realm(|cx| {
        let file = JsString::from_str(cx.heap(), "test.js").unwrap().to_value();
        let l = match loader {
            Some(s) => make_loader(cx, s),
            None => Value::UNDEFINED,
        };
        let code = deserialize(cx, bytes, file, l).unwrap();
        let r = crate::interp::run_script(cx, code);
        finish(cx, r)
    })
}

static LOADS: AtomicUsize = AtomicUsize::new(0);

fn load_entry(_: &mut Cx, callee: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    LOADS.fetch_add(1, Ordering::SeqCst);
    Ok(callee.internal(0))
}

fn make_loader(cx: &mut Cx, src: &str) -> Value {
    let name = cx.name(Name::empty).to_raw();
    let f = create_function(
        cx,
        load_entry,
        FunctionOptions {
            name,
            length: 0,
            constructor: false,
        },
    )
    .unwrap();
    let s = JsString::from_str(cx.heap(), src).unwrap();
    Object::set_internal(f, 0, s.to_value());
    f.to_value()
}

const CORPUS: &[&str] = &[
    "1 + 2 * 3",
    "var x = 0.5; let y = -0; const z = 1e300; [x, 1/y, z, NaN, 2**31].join()",
    "'héllo wörld ✓ 😀'.length + 'abc'.toUpperCase()",
    "function mk(n) { let c = 0; return () => (c += n); } var f = mk(3); f(); f(); f()",
    "class A { #p = 1; static s = 'st'; constructor(v) { this.v = v; } get g() { return this.#p + this.v; } }
     class B extends A { constructor() { super(41); } m() { return super.g; } }
     new B().m() + A.s",
    "function* g() { let x = yield 1; yield x * 2; return 7; } var it = g(); [it.next().value, it.next(5).value, it.next().value].join()",
    "var out; (async function () { let a = await 1; let b = await Promise.resolve(2); out = a + b; })(); 'sync'",
    "var out = []; (async function () { for await (const v of (async function*(){ yield 1; yield 2; })()) out.push(v); })(); 0",
    "function tag(s, ...v) { return s.raw.join('/') + s.join('|') + v.join(); } tag`a${1}b\\n${2}c` + `x${3}y`",
    "function t(s) { return s; } function k() { return t`q`; } k() === k()",
    "/(a+)(?<n>b)?/g.exec('xaab').join(',') + /x/iu.flags",
    "12345678901234567890123456789n * -3n + 0n",
    "var a = 1; function f() { var a = 2; return eval('a + 1'); } f() + eval('a')",
    "function h() { var q = 5; eval('var w = q * 2'); return w; } h()",
    "var o = { a: 1, ['b' + 1]: 2, 3: 'x', get c() { return 4; } }; JSON.stringify(o) + o.c",
    "let {a, b: [c, ...d]} = {a: 1, b: [2, 3, 4]}; a + c + d.length",
    "try { null.x } catch (e) { e instanceof TypeError } finally { }",
    "label: for (var i = 0; i < 10; i++) { switch (i) { case 3: break label; default: continue; } } i",
    "function args() { arguments[0] = 9; return arguments.length + arguments[0]; } args(1, 2)",
    "function sloppy(a) { arguments[0] = 7; return a; } sloppy(1)",
    "'use strict'; (function () { return this === undefined; })()",
    "let s = 0; for (const x of new Set([1, 2, 3])) s += x; for (const k in {p: 1, q: 2}) s += k.length; s",
    "var m = new Map([[1, 'a']]); m.get(1) + typeof Symbol.iterator + (0.1 + 0.2)",
    "throw new RangeError('boom')",
];

#[test]
fn round_trips_give_the_same_results() {
    for src in CORPUS {
        let bytes = bytes_of(src);
        let want = direct(src);
        assert_eq!(cached(&bytes, None), want, "{src}");
        assert_eq!(cached(&bytes, Some(src)), want, "{src}");
    }
}

#[test]
fn serialization_is_deterministic() {
    for src in CORPUS {
        assert_eq!(bytes_of(src), bytes_of(src), "{src}");
    }
}

#[test]
fn source_loads_lazily_and_only_once() {
    let src = "function add(a, b) {\n  return a + b;\n}\nvar r = add(1, 2);\nr";
    let bytes = bytes_of(src);
    with_realm(|cx| {
        let file = JsString::from_str(cx.heap(), "lazy.js").unwrap().to_value();
        let l = make_loader(cx, src);
        let before = LOADS.load(Ordering::SeqCst);
        let code = deserialize(cx, &bytes, file, l).unwrap();
        let r = crate::interp::run_script(cx, code).unwrap();
        assert_eq!(text(cx, r), "3");
        assert_eq!(
            LOADS.load(Ordering::SeqCst),
            before,
            "running needs no source"
        );
        let r = eval_script(
            cx,
            "add.toString() + '|' + add.toString()",
            "y.js",
            &mut None,
        );
        let r = r.unwrap();
        assert_eq!(
            text(cx, r),
            "function add(a, b) {\n  return a + b;\n}|function add(a, b) {\n  return a + b;\n}"
        );
        assert_eq!(LOADS.load(Ordering::SeqCst), before + 1, "loaded once");
    });
}

#[test]
fn wrong_source_is_refused() {
    let bytes = bytes_of("function f() { return 1; } f");
    with_realm(|cx| {
        let file = JsString::from_str(cx.heap(), "w.js").unwrap().to_value();
        let l = make_loader(cx, "function g() { return 2; } g");
        let code = deserialize(cx, &bytes, file, l).unwrap();
        let f = crate::interp::run_script(cx, code).unwrap();
        let k = cx.rt.key("f").unwrap();
        let g = Object::from_value(cx.realm.global()).unwrap();
        ops::create_data_property(cx, g, k, f).unwrap();
        let r = eval_script(
            cx,
            "try { f.toString() } catch (e) { e.name }",
            "y.js",
            &mut None,
        );
        assert_eq!(text(cx, r.unwrap()), "TypeError");
    });
}

#[test]
fn stack_traces_need_no_source() {
    let src = "function inner() {\n  throw new Error('x');\n}\nfunction outer() { return inner(); }\ntry { outer(); } catch (e) { e.stack }";
    let bytes = bytes_of(src);
    let want = direct(src);
    assert!(want.contains("test.js:2:"), "{want}");
    assert_eq!(cached(&bytes, None), want);
}

#[test]
fn unsupported_and_foreign_buffers_are_refused() {
    with_realm(|cx| {
        let file = JsString::from_str(cx.heap(), "f.js").unwrap().to_value();
        for b in [
            &b""[..],
            b"ConchBC",
            &[0u8; 64][..],
            b"not a cache at all, just some bytes......................",
        ] {
            assert!(matches!(
                deserialize(cx, b, file, Value::UNDEFINED),
                Err(CacheError::Bad)
            ));
        }
    });
}

#[test]
fn damaged_buffers_never_crash() {
    let mut src = std::string::String::new();
    for (i, p) in CORPUS.iter().enumerate() {
        src.push_str(&format!("function p{i}() {{\n{p}\n}}\n"));
    }
    let bytes = bytes_of(&src);
    assert_eq!(declared_length(&bytes), Some(bytes.len()));
    with_realm(|cx| {
        let file = JsString::from_str(cx.heap(), "f.js").unwrap().to_value();
        // Truncated: always refused.
        for n in 0..bytes.len() {
            assert!(
                deserialize(cx, &bytes[..n], file, Value::UNDEFINED).is_err(),
                "truncated to {n}"
            );
        }
        // Corrupted: refused by the checksum.
        let step = (bytes.len() / 600).max(1);
        for i in (0..bytes.len()).step_by(step) {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(
                deserialize(cx, &b, file, Value::UNDEFINED).is_err(),
                "byte {i}"
            );
        }
        // Corrupted with a recomputed checksum: the structural checks must hold (an error or
        // code that passed verification, never a panic).
        for i in (super::HEADER..bytes.len()).step_by(step) {
            for x in [0x01u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= x;
                let sum = checksum(&b[32..]);
                b[24..32].copy_from_slice(&sum.to_le_bytes());
                let _ = deserialize(cx, &b, file, Value::UNDEFINED);
            }
        }
        // Still fine afterwards.
        let code = deserialize(cx, &bytes, file, Value::UNDEFINED).unwrap();
        crate::interp::run_script(cx, code).unwrap();
    });
}
