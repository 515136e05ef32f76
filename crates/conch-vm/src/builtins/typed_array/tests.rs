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

#[test]
fn float16_rounds_to_nearest_even() {
    // Node 20 (the .expected generator) has no Float16Array: checked here against binary16.
    assert_eq!(
        run("new Float16Array([1.5, 65504, 65520, 65519.99, 1e-8, 5.960464477539063e-8, \
             2.98e-8, 0.1, -0, NaN, 1 / 3, 2049]).join()"),
        "1.5,65504,Infinity,65504,0,5.960464477539063e-8,0,0.0999755859375,0,NaN,0.333251953125,2048"
    );
    assert_eq!(
        run("var d = new DataView(new ArrayBuffer(4)); d.setFloat16(0, 1 / 3); \
             d.setFloat16(2, -2.5, true); [d.getUint16(0), d.getFloat16(2, true), d.getUint8(3)].join()"),
        "13653,-2.5,193"
    );
}

#[test]
fn bigint_arrays() {
    assert_eq!(
        run("var b = new BigInt64Array([1n, -1n]); [b[1], new BigUint64Array(b.buffer)[1]].join()"),
        "-1,18446744073709551615"
    );
    assert_eq!(
        run("try { new BigInt64Array([1]) } catch (e) { e.name }"),
        "TypeError"
    );
}
