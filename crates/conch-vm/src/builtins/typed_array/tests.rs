use crate::builtins::test_support::run;

#[test]
fn constructors_and_conversions() {
    assert_eq!(
        run("var a = new Uint8Array([1, 256, -1, 1.7]); a.join()"),
        "1,0,255,1"
    );
    assert_eq!(
        run("new Uint8ClampedArray([300, -5, 1.5, 2.5]).join()"),
        "255,0,2,2"
    );
    assert_eq!(
        run("new Int8Array(3).length + ':' + Int8Array.BYTES_PER_ELEMENT"),
        "3:1"
    );
    assert_eq!(
        run(
            "var b = new ArrayBuffer(8); var f = new Float64Array(b); f[0] = 0.5; \
             var u = new Uint8Array(b, 4, 4); [f.length, u.byteOffset, u.length, f[1]].join()"
        ),
        "1,4,4,"
    );
    assert_eq!(
        run("try { new Int32Array(new ArrayBuffer(8), 2) } catch (e) { e.name }"),
        "RangeError"
    );
    assert_eq!(
        run("try { Int8Array(1) } catch (e) { e.name }"),
        "TypeError"
    );
}

#[test]
fn methods() {
    assert_eq!(run("new Int16Array([3, 1, 2]).sort().join()"), "1,2,3");
    assert_eq!(
        run("new Float64Array([NaN, -0, 0, -1]).sort().join()"),
        "-1,0,0,NaN"
    );
    assert_eq!(
        run("var a = new Int8Array([1,2,3,4]); a.subarray(1, 3).map(x => x * 10).join()"),
        "20,30"
    );
    assert_eq!(
        run("var a = new Uint8Array(4); a.set([1, 2], 1); a.join()"),
        "0,1,2,0"
    );
    assert_eq!(
        run("[...new Uint8Array([5, 6]).entries()].join(';')"),
        "0,5;1,6"
    );
}
