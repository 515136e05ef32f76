//! DisposableStack and AsyncDisposableStack from Rust (the behaviour tests proper are
//! `tests/js/builtins/disposable_stack.js`).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn disposes_in_reverse_and_suppresses() {
    assert_eq!(
        run("let log = []; let s = new DisposableStack();
             s.use({ [Symbol.dispose]() { log.push('use'); } });
             s.adopt(1, v => { log.push('adopt' + v); throw new Error('a'); });
             s.defer(() => { log.push('defer'); throw new Error('d'); });
             let e; try { s.dispose(); } catch (x) { e = x; }
             [log.join(), e.constructor.name, e.error.message, e.suppressed.message, s.disposed].join('|')"),
        "defer,adopt1,use|SuppressedError|a|d|true"
    );
}

#[test]
fn move_and_disposed_errors() {
    assert_eq!(
        run("let s = new DisposableStack(); let n = 0; s.defer(() => n++);
             let t = s.move(); let e; try { s.use(null); } catch (x) { e = x.constructor.name; }
             t[Symbol.dispose](); t.dispose();
             [e, n, s.disposed, t.disposed, String(t), String(new AsyncDisposableStack())].join('|')"),
        "ReferenceError|1|true|true|[object DisposableStack]|[object AsyncDisposableStack]"
    );
}
