use super::codec::{from_base64, from_hex, LastChunk};
use crate::builtins::test_support::run;
use crate::string::Chars;

fn decode(s: &str, last: LastChunk, max: usize) -> (usize, usize, bool) {
    let c = Chars::One(s.as_bytes());
    let r = from_base64(&c, false, last, max, &mut |_| {});
    (r.read, r.written, r.error.is_some())
}

#[test]
fn last_chunk_handling() {
    assert_eq!(
        decode("Zm9vYg", LastChunk::Loose, usize::MAX),
        (6, 4, false)
    );
    assert_eq!(
        decode("Zm9vYg", LastChunk::Strict, usize::MAX),
        (4, 3, true)
    );
    assert_eq!(
        decode("Zm9vYg", LastChunk::StopBeforePartial, usize::MAX),
        (4, 3, false)
    );
    assert_eq!(
        decode("Zm9vYh==", LastChunk::Strict, usize::MAX),
        (4, 3, true)
    );
    assert_eq!(
        decode("Zm9vYh==", LastChunk::Loose, usize::MAX),
        (8, 4, false)
    );
    // Room for one byte only: a two-character chunk is not started.
    assert_eq!(decode("Zm9vYmFy", LastChunk::Loose, 4), (4, 3, false));
    let c = Chars::One(b"0aFz");
    assert_eq!(from_hex(&c, 9, &mut |_| {}).read, 2);
}

#[test]
fn round_trips() {
    assert_eq!(
        run(
            "var u = Uint8Array.fromBase64(' SGVs bG8= '); [u.join(), u.toBase64(), \
             u.toBase64({ omitPadding: true }), u.toHex()].join(';')"
        ),
        "72,101,108,108,111;SGVsbG8=;SGVsbG8;48656c6c6f"
    );
    assert_eq!(
        run("var u = new Uint8Array([251, 255]); [u.toBase64(), u.toBase64({ alphabet: 'base64url' }), \
             Uint8Array.fromBase64('-_8', { alphabet: 'base64url' }).join()].join(';')"),
        "+/8=;-_8=;251,255"
    );
    assert_eq!(
        run("var u = new Uint8Array(4); \
             try { u.setFromHex('0102zz') } catch (e) { [e.name, u.join()].join(';') }"),
        "SyntaxError;1,2,0,0"
    );
    assert_eq!(
        run("var u = new Uint8Array(2); var r = u.setFromBase64('Zm9v'); [r.read, r.written, u.join()].join()"),
        "0,0,0,0"
    );
}
