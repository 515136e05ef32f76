use crate::builtins::test_support::run;

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
