use crate::builtins::test_support::run;
use crate::object::Object;
use crate::ops;

#[test]
fn read_modify_write() {
    assert_eq!(
        run("var a = new Int8Array(new SharedArrayBuffer(4)); \
             [Atomics.add(a, 0, 130), a[0], Atomics.sub(a, 0, 3), a[0], Atomics.exchange(a, 1, 7), \
              Atomics.compareExchange(a, 1, 7, 9), a[1], Atomics.compareExchange(a, 1, 8, 1), a[1]].join()"),
        "0,-126,-126,127,0,7,9,9,9"
    );
    assert_eq!(
        run("var a = new Uint16Array(2); [Atomics.or(a, 0, 5), Atomics.and(a, 0, 4), \
             Atomics.xor(a, 0, 6), Atomics.load(a, 0), Atomics.store(a, 1, -0), Atomics.store(a, 1, 3.7)].join()"),
        "0,5,4,2,0,3"
    );
    assert_eq!(
        run(
            "var a = new BigInt64Array(1); [Atomics.sub(a, 0, 1n), Atomics.load(a, 0), \
             typeof Atomics.store(a, 0, 5n)].join()"
        ),
        "0,-1,bigint"
    );
}

#[test]
fn validation_order() {
    assert_eq!(
        run("try { Atomics.add(new Float64Array(1), 0, 0) } catch (e) { e.name }"),
        "TypeError"
    );
    assert_eq!(
        run("try { Atomics.load(new Int32Array(1), 1) } catch (e) { e.name }"),
        "RangeError"
    );
    // The index is validated before the value is converted.
    assert_eq!(
        run(
            "var n = 0; try { Atomics.store(new Int32Array(1), 5, { valueOf() { n++ } }) } \
             catch (e) { e.name + n }"
        ),
        "RangeError0"
    );
}

#[test]
fn wait_and_notify() {
    assert_eq!(
        run("var a = new Int32Array(new SharedArrayBuffer(8)); \
             [Atomics.wait(a, 0, 1), Atomics.wait(a, 0, 0, 0), Atomics.notify(a, 0)].join()"),
        "not-equal,timed-out,0"
    );
    assert_eq!(
        run("try { Atomics.wait(new Int32Array(4), 0, 0, 0) } catch (e) { e.name }"),
        "TypeError"
    );
    assert_eq!(
        run("var a = new Int32Array(new SharedArrayBuffer(8)); \
             var r = Atomics.waitAsync(a, 1, 0); var s = Atomics.waitAsync(a, 1, 0); \
             [r.async, typeof r.value.then, Atomics.notify(a, 1, 1), Atomics.notify(a, 1), \
              Atomics.notify(a, 1)].join()"),
        "true,function,1,1,0"
    );
}

/// An async waiter in one runtime is counted and woken by a `notify` in another (mapping the
/// same block, on another thread); one left unsettled leaves the process-wide list when its
/// runtime is disposed.
#[test]
fn async_waiters_across_runtimes() {
    use crate::builtins::test_support::with_realm;
    use crate::script::eval_script;
    let mut kept = None;
    with_realm(|cx| {
        let mut pos = None;
        let v = eval_script(
            cx,
            "var sab = new SharedArrayBuffer(8); var a = new Int32Array(sab); \
             Atomics.waitAsync(a, 0, 0); Atomics.waitAsync(a, 1, 0); sab",
            "a.js",
            &mut pos,
        )
        .unwrap();
        let block = Object::from_value(v)
            .and_then(crate::array_buffer::data_of)
            .and_then(|d| d.shared_block())
            .unwrap();
        let b = block.clone();
        let woken = std::thread::spawn(move || {
            let mut n = 0.0;
            with_realm(|cx| {
                let sab = crate::array_buffer::create_shared(cx, b).unwrap();
                let global = Object::from_value(cx.realm.global()).unwrap();
                let k = cx.rt.key("sab").unwrap();
                ops::set(cx, global, k, sab.to_value(), global.to_value()).unwrap();
                let mut pos = None;
                let r = eval_script(
                    cx,
                    "Atomics.notify(new Int32Array(sab), 0)",
                    "b.js",
                    &mut pos,
                );
                n = r.unwrap().as_number().unwrap();
                cx.heap().run_all_callbacks_for_teardown();
            });
            n
        })
        .join()
        .unwrap();
        assert_eq!(woken, 1.0);
        kept = Some(block);
        // Disposal's finalizers (as JsDisposeRuntime runs them).
        cx.heap().run_all_callbacks_for_teardown();
    });
    let block = kept.unwrap();
    assert_eq!(super::waiters::notify(block.id(), 4, f64::INFINITY), 0);
    // Both runtimes' buffers released their references: only ours is left.
    assert_eq!(block.holders(), 1);
}
