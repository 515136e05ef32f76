//! Tests of running script through the Rust API: eval, calls, jobs, modules, errors.
// Test code: fixed, test-sized host data (names, messages, small lists), not engine storage.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use crate::*;
use std::cell::RefCell;
use std::rc::Rc;

fn setup() -> (Runtime, Context) {
    let rt = Runtime::new().unwrap();
    let ctx = rt.context().unwrap();
    (rt, ctx)
}

#[test]
fn eval_returns_completion_value() {
    let (_rt, ctx) = setup();
    let v = ctx.eval("1 + 2", "a.js").unwrap();
    assert_eq!(v.as_f64(), Some(3.0));
    let s = ctx.eval("'con' + 'ch'", "a.js").unwrap();
    assert_eq!(s.to_string().unwrap(), "conch");
    assert!(ctx.eval("var x = 1;", "a.js").unwrap().is_undefined());
}

#[test]
fn eval_sees_and_sets_globals() {
    let (_rt, ctx) = setup();
    let g = ctx.global().unwrap();
    g.set("fromHost", &ctx.number(40.0)).unwrap();
    ctx.eval("var fromScript = fromHost + 2;", "a.js").unwrap();
    assert_eq!(g.get("fromScript").unwrap().as_f64(), Some(42.0));
    let f = ctx
        .function("twice", |ctx, _, args| {
            Ok(ctx.number(args[0].to_number()? * 2.0))
        })
        .unwrap();
    g.set("twice", &f).unwrap();
    assert_eq!(ctx.eval("twice(21)", "b.js").unwrap().as_f64(), Some(42.0));
}

#[test]
fn eval_thrown_error_has_message_line_column() {
    let (_rt, ctx) = setup();
    let e = ctx
        .eval(
            "var a = 1;\nvar b = 2;\n  throw new TypeError('bad thing');",
            "t.js",
        )
        .unwrap_err();
    let v = e.exception().expect("an exception");
    assert!(v.is_object());
    assert_eq!(e.message(), "bad thing");
    assert_eq!(e.file_name(), Some("t.js"));
    assert_eq!(e.line(), Some(3));
    assert_eq!(e.column(), Some(3));
    let stack = e.stack().unwrap();
    assert!(stack.starts_with("TypeError: bad thing"), "{stack}");
    assert!(stack.contains("t.js:3:3"), "{stack}");
    assert_eq!(v.get("message").unwrap().to_string().unwrap(), "bad thing");
}

#[test]
fn eval_thrown_primitive() {
    let (_rt, ctx) = setup();
    let e = ctx.eval("\n\nthrow 42;", "p.js").unwrap_err();
    assert_eq!(e.exception().unwrap().as_f64(), Some(42.0));
    assert_eq!(e.message(), "42");
    assert_eq!(e.line(), Some(3));
}

#[test]
fn eval_runtime_error_in_function() {
    let (_rt, ctx) = setup();
    let e = ctx
        .eval("function f() {\n  return undefinedThing;\n}\nf();", "r.js")
        .unwrap_err();
    assert!(e.message().contains("undefinedThing"), "{}", e.message());
    assert_eq!(e.line(), Some(2));
    let name = e.exception().unwrap().get("name").unwrap();
    assert_eq!(name.to_string().unwrap(), "ReferenceError");
}

#[test]
fn eval_syntax_error_has_position() {
    let (_rt, ctx) = setup();
    let e = ctx.eval("var ok = 1;\nvar = ;", "s.js").unwrap_err();
    let name = e.exception().unwrap().get("name").unwrap();
    assert_eq!(name.to_string().unwrap(), "SyntaxError");
    assert_eq!(e.file_name(), Some("s.js"));
    assert_eq!(e.line(), Some(2));
    assert!(e.column().is_some());
    assert!(!e.message().is_empty());
}

#[test]
fn eval_catchable_errors_do_not_escape() {
    let (_rt, ctx) = setup();
    let v = ctx
        .eval(
            "try { null.x } catch (e) { e instanceof TypeError }",
            "c.js",
        )
        .unwrap();
    assert_eq!(v.as_bool(), Some(true));
}

#[test]
fn error_from_host_function_through_eval() {
    let (_rt, ctx) = setup();
    let f = ctx
        .function("fail", |ctx, _, _| {
            Err(JsError::from(
                ctx.error(ErrorKind::RangeError, "from host")?,
            ))
        })
        .unwrap();
    ctx.global().unwrap().set("fail", &f).unwrap();
    let e = ctx.eval("fail()", "h.js").unwrap_err();
    assert_eq!(e.message(), "from host");
    assert!(e.details().is_some());
}

#[test]
fn calling_script_functions() {
    let (_rt, ctx) = setup();
    let add = ctx
        .eval("(function (a, b) { return a + b + this.k; })", "f.js")
        .unwrap();
    let this = ctx.object().unwrap();
    this.set("k", &ctx.number(100.0)).unwrap();
    let r = add
        .call(&this, &[ctx.number(1.0), ctx.number(2.0)])
        .unwrap();
    assert_eq!(r.as_f64(), Some(103.0));
    let thrower = ctx
        .eval("(() => { throw new Error('inside') })", "f.js")
        .unwrap();
    let e = thrower.call(&ctx.undefined(), &[]).unwrap_err();
    assert_eq!(e.message(), "inside");
}

#[test]
fn eval_drains_the_job_queue() {
    let (_rt, ctx) = setup();
    ctx.eval(
        "var log = []; Promise.resolve(1).then(v => log.push(v)).then(() => log.push(2));",
        "j.js",
    )
    .unwrap();
    assert!(!ctx.has_pending_jobs());
    let n = ctx.eval("log.join(',')", "j.js").unwrap();
    assert_eq!(n.to_string().unwrap(), "1,2");
}

#[test]
fn run_jobs_after_a_host_call() {
    let (_rt, ctx) = setup();
    let kick = ctx
        .eval(
            "var done = false; (function () { Promise.resolve().then(() => { done = true; }); })",
            "k.js",
        )
        .unwrap();
    kick.call(&ctx.undefined(), &[]).unwrap();
    assert!(ctx.has_pending_jobs());
    // The completion value is taken before eval drains the queue.
    assert_eq!(ctx.eval("done", "k.js").unwrap().as_bool(), Some(false));
    assert_eq!(ctx.eval("done", "k.js").unwrap().as_bool(), Some(true));
    ctx.eval("done = false", "k.js").unwrap();
    kick.call(&ctx.undefined(), &[]).unwrap();
    ctx.run_jobs().unwrap();
    assert!(!ctx.has_pending_jobs());
    let g = ctx.global().unwrap();
    assert_eq!(g.get("done").unwrap().as_bool(), Some(true));
}

#[test]
fn rejections_inside_jobs_are_not_errors_of_run_jobs() {
    let (_rt, ctx) = setup();
    let f = ctx
        .eval(
            "var seen; (function () { Promise.reject(new Error('no')).catch(e => { seen = e.message; }); })",
            "q.js",
        )
        .unwrap();
    f.call(&ctx.undefined(), &[]).unwrap();
    ctx.run_jobs().unwrap();
    let seen = ctx.global().unwrap().get("seen").unwrap();
    assert_eq!(seen.to_string().unwrap(), "no");
}

/// A loader over a fixed table of modules (specifiers are the names).
fn table_loader(
    rt: &Runtime,
    modules: &[(&'static str, &'static str)],
) -> Rc<RefCell<Vec<String>>> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let seen = log.clone();
    let table: Vec<(String, String)> = modules
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    rt.set_module_loader(move |referrer, specifier| {
        seen.borrow_mut().push(format!("{referrer} -> {specifier}"));
        table
            .iter()
            .find(|(n, _)| n == specifier)
            .map(|(n, s)| (n.clone(), s.clone()))
            .ok_or_else(|| format!("no module {specifier}"))
    });
    log
}

#[test]
fn eval_module_returns_namespace_and_imports_through_the_loader() {
    let (rt, ctx) = setup();
    let log = table_loader(
        &rt,
        &[
            (
                "math",
                "export function add(a, b) { return a + b; }\nexport const two = 2;",
            ),
            (
                "dep",
                "import { two } from 'math'; export default two * 21;",
            ),
        ],
    );
    let ns = ctx
        .eval_module(
            "import answer from 'dep';\nimport { add } from 'math';\nexport const sum = add(answer, 1);",
            "main",
        )
        .unwrap();
    assert!(ns.is_object());
    assert_eq!(ns.get("sum").unwrap().as_f64(), Some(43.0));
    let log = log.borrow();
    assert!(log.contains(&"main -> dep".to_string()), "{log:?}");
    assert!(log.contains(&"dep -> math".to_string()), "{log:?}");
}

#[test]
fn eval_module_reports_throws_and_failed_imports() {
    let (rt, ctx) = setup();
    table_loader(
        &rt,
        &[(
            "bad",
            "export let x = 1;\nthrow new RangeError('dep failed');",
        )],
    );
    let e = ctx
        .eval_module("import { x } from 'bad'; export default x;", "m1")
        .unwrap_err();
    assert_eq!(e.message(), "dep failed");
    assert_eq!(e.file_name(), Some("bad"));
    assert_eq!(e.line(), Some(2));

    let e = ctx.eval_module("import 'missing';", "m2").unwrap_err();
    assert!(e.message().contains("no module missing"), "{}", e.message());

    let e = ctx.eval_module("export const = 1;", "m3").unwrap_err();
    assert_eq!(
        e.exception()
            .unwrap()
            .get("name")
            .unwrap()
            .to_string()
            .unwrap(),
        "SyntaxError"
    );
    assert_eq!(e.file_name(), Some("m3"));
    assert_eq!(e.line(), Some(1));

    let e = ctx.eval_module("\nthrow 'top';", "m4").unwrap_err();
    assert_eq!(e.message(), "top");
}

#[test]
fn eval_module_with_top_level_await() {
    let (_rt, ctx) = setup();
    let ns = ctx
        .eval_module("export const v = await Promise.resolve(5);", "tla")
        .unwrap();
    assert_eq!(ns.get("v").unwrap().as_f64(), Some(5.0));
    let e = ctx
        .eval_module("await null;\nthrow new Error('late');", "tla2")
        .unwrap_err();
    assert_eq!(e.message(), "late");
    // Awaiting a promise nobody settles: still pending.
    let v = ctx
        .eval_module("await new Promise(() => {});", "tla3")
        .unwrap();
    assert!(v.is_undefined());
}

#[test]
fn dynamic_import_from_a_script() {
    let (rt, ctx) = setup();
    let log = table_loader(&rt, &[("lib", "export const name = 'lib';")]);
    ctx.eval(
        "var got; import('lib').then(ns => { got = ns.name; });",
        "script.js",
    )
    .unwrap();
    let got = ctx.global().unwrap().get("got").unwrap();
    assert_eq!(got.to_string().unwrap(), "lib");
    assert_eq!(log.borrow()[0], "script.js -> lib");
}

#[test]
fn importing_without_a_loader_fails() {
    let (rt, ctx) = setup();
    table_loader(&rt, &[]);
    rt.remove_module_loader();
    let e = ctx.eval_module("import 'x';", "nl").unwrap_err();
    let name = e.exception().unwrap().get("name").unwrap();
    assert_eq!(name.to_string().unwrap(), "TypeError");
}

#[test]
fn a_panicking_loader_resumes_in_the_caller() {
    let (rt, ctx) = setup();
    rt.set_module_loader(|_, _| panic!("loader exploded"));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = ctx.eval_module("import 'x';", "p");
    }));
    let payload = r.unwrap_err();
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"loader exploded"));
    // The runtime stays usable.
    assert_eq!(ctx.eval("1", "after.js").unwrap().as_f64(), Some(1.0));
}

/// Installs a tracker that records `(reason as text, handled)`.
fn recording_tracker(rt: &Runtime) -> Rc<RefCell<Vec<(String, bool)>>> {
    let events = Rc::new(RefCell::new(Vec::new()));
    let seen = events.clone();
    rt.set_rejection_tracker(move |_ctx, promise, reason, handled| {
        assert!(promise.is_object());
        let text = reason.to_string().unwrap_or_default();
        seen.borrow_mut().push((text, handled));
    });
    events
}

#[test]
fn rejection_tracker_sees_unhandled_and_late_handled_rejections() {
    let (rt, ctx) = setup();
    let events = recording_tracker(&rt);
    ctx.eval("var p = Promise.reject(new Error('lost'));", "r.js")
        .unwrap();
    assert_eq!(*events.borrow(), vec![("Error: lost".to_string(), false)]);
    ctx.eval("p.catch(() => {});", "r.js").unwrap();
    assert_eq!(
        *events.borrow(),
        vec![
            ("Error: lost".to_string(), false),
            ("Error: lost".to_string(), true)
        ]
    );
    // A rejection with a handler already attached is not reported.
    events.borrow_mut().clear();
    ctx.eval(
        "new Promise((_, rej) => rej(1));\n\
         var r; new Promise((_, rej) => { r = rej; }).catch(() => {}); r(2);",
        "r.js",
    )
    .unwrap();
    assert_eq!(*events.borrow(), vec![("1".to_string(), false)]);
    // Async functions: the rejected result promise is reported.
    events.borrow_mut().clear();
    ctx.eval("(async () => { throw 'async'; })();", "r.js")
        .unwrap();
    assert_eq!(*events.borrow(), vec![("async".to_string(), false)]);
}

#[test]
fn rejection_tracker_can_be_removed_and_is_dropped_with_the_runtime() {
    let (rt, ctx) = setup();
    let events = recording_tracker(&rt);
    rt.remove_rejection_tracker();
    ctx.eval("Promise.reject(0);", "r.js").unwrap();
    assert!(events.borrow().is_empty());
    let events = recording_tracker(&rt);
    assert_eq!(Rc::strong_count(&events), 2);
    drop(rt);
    assert_eq!(Rc::strong_count(&events), 1);
    // The context outlives the runtime; rejections are no longer tracked.
    ctx.eval("Promise.reject(0);", "r.js").unwrap();
    assert!(events.borrow().is_empty());
}

#[test]
fn a_panicking_rejection_tracker_resumes_in_the_caller() {
    let (rt, ctx) = setup();
    rt.set_rejection_tracker(|_, _, _, _| panic!("tracker exploded"));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = ctx.eval("Promise.reject(0); 1", "p.js");
    }));
    assert_eq!(
        r.unwrap_err().downcast_ref::<&str>(),
        Some(&"tracker exploded")
    );
    rt.remove_rejection_tracker();
    assert_eq!(ctx.eval("2", "p.js").unwrap().as_f64(), Some(2.0));
}
