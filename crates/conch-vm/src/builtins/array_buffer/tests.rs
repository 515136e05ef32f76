use crate::builtins::test_support::run;

#[test]
fn resizable_buffers_and_tracking_views() {
    assert_eq!(
        run(
            "var b = new ArrayBuffer(4, { maxByteLength: 16 }); var a = new Uint8Array(b); \
             var f = new Uint8Array(b, 0, 4); a[3] = 9; b.resize(8); \
             var r = [b.resizable, b.maxByteLength, a.length, f.length, a[3]]; \
             b.resize(2); r.push(a.length, f.length, f.byteOffset); b.resize(6); \
             r.push(a[3], f.length); r.join()"
        ),
        "true,16,8,4,9,2,0,0,0,4"
    );
    assert_eq!(
        run("try { new ArrayBuffer(8, { maxByteLength: 4 }) } catch (e) { e.name }"),
        "RangeError"
    );
    assert_eq!(
        run("var b = new ArrayBuffer(1, { maxByteLength: 2 ** 40 }); b.resize(3); b.byteLength"),
        "3"
    );
}

#[test]
fn slice_and_transfer() {
    assert_eq!(
        run("var b = new ArrayBuffer(4); new Uint8Array(b).set([1, 2, 3, 4]); \
             var s = b.slice(1, -1); var t = b.transfer(6); \
             [new Uint8Array(s).join(''), b.detached, b.byteLength, new Uint8Array(t).join('')].join()"),
        "23,true,0,123400"
    );
    assert_eq!(
        run("var b = new ArrayBuffer(2, { maxByteLength: 8 }); \
             [b.transfer().resizable, new ArrayBuffer(2, { maxByteLength: 8 }).transferToFixedLength().resizable].join()"),
        "true,false"
    );
}

#[test]
fn immutable_buffers() {
    assert_eq!(
        run("var b = new ArrayBuffer(2); new Uint8Array(b)[0] = 5; var i = b.transferToImmutable(); \
             var u = new Uint8Array(i); u[0] = 7; \
             [i.immutable, u[0], b.detached, i.sliceToImmutable(0, 1).immutable].join()"),
        "true,5,true,true"
    );
}

#[test]
fn shared_buffers() {
    assert_eq!(
        run("var s = new SharedArrayBuffer(2, { maxByteLength: 4 }); s.grow(4); \
             [s.growable, s.byteLength, s.slice(1).byteLength, Object.prototype.toString.call(s)].join()"),
        "true,4,3,[object SharedArrayBuffer]"
    );
    assert_eq!(
        run("try { new SharedArrayBuffer(4, { maxByteLength: 8 }).grow(2) } catch (e) { e.name }"),
        "RangeError"
    );
    assert_eq!(
        run("try { ArrayBuffer.prototype.slice.call(new SharedArrayBuffer(1)) } catch (e) { e.name }"),
        "TypeError"
    );
}
