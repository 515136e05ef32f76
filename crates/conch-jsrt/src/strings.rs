//! Strings: creation from UTF-8, UTF-16 and WCHAR text, lengths, copies out (UTF-8, UTF-16,
//! one byte per unit) and the UTF-16 pointer of `JsStringToPointer`.
//!
//! Which APIs need a current context (as ChakraCore's wrappers, JSRT.md §3.12):
//! - `JsCreateString`, `JsCreateStringUtf16`, `JsPointerToString` do (no-script wrapper: memory
//!   refused is `JsErrorOutOfMemory`);
//! - `JsGetStringLength`, `JsCopyString`, `JsCopyStringUtf16`, `JsCopyStringOneByte` and
//!   `JsStringToPointer` do not: the string names its runtime. Those that may allocate (a rope is
//!   flattened first; `JsStringToPointer` makes a copy) refuse a runtime that is current on
//!   another thread with `JsErrorWrongThread`.
//!
//! `JS_INVALID_REFERENCE` as the string is `JsErrorInvalidArgument` everywhere (ChakraCore's
//! `JsCopyString*` say `JsErrorNullArgument` there; JSRT.md §0's general rule is followed).
//!
//! Text from the host longer than [`MAX_STRING_LENGTH`] code units is `JsErrorOutOfMemory`
//! (what ChakraCore returns for a too-long `JsCreateString`), not a RangeError: no script runs.
//!
//! `WCHAR` is a UTF-16 code unit on every platform (`include/jsrt/common.h`, JSRT.md binding
//! choices), so the `WCHAR` functions take and return UTF-16 exactly like the `uint16_t` ones.
//!
//! **The pointer of `JsStringToPointer` / `JsGetPropertyNameFromId`.** Conch stores strings as
//! Latin-1 or UTF-16 without a terminator, so there is no NUL-terminated UTF-16 buffer to point
//! into. The first request for a string makes one (`conch_vm::Runtime::wide_copy`): a two-byte
//! string cell holding the text plus a NUL unit, kept in a heap-resident table that is weak in
//! the original string (the entry goes when the original dies). So the pointer is valid exactly
//! as long as the string (or property id) it came from, later requests return the same pointer,
//! the copy and the table are in the runtime's accounted memory (refusal →
//! `JsErrorOutOfMemory`), and the heap being non-moving keeps the address stable.

use crate::api::{clear, no_script, put, Fail, Ref, Res};
use crate::{guard, out, owner_of_cell, Claim, JsErrorCode, JsErrorCode as E, JsrtRuntime};
use conch_gc::{Gc, Heap, Value};
use conch_vm::{Chars, JsString, Throw, MAX_STRING_LENGTH};
use std::ffi::{c_char, CStr};

/// Runs the body of an API that needs no current context (ChakraCore's `GlobalAPIWrapper` and
/// no-exception sets): a refused allocation is `JsErrorOutOfMemory`.
pub(crate) fn global(f: impl FnOnce() -> Res<()>) -> JsErrorCode {
    match f() {
        Ok(()) => E::NoError,
        Err(Fail::Code(e)) => e,
        Err(Fail::Throw(Throw::Terminated)) => crate::terminated(),
        Err(Fail::Throw(_)) => E::OutOfMemory,
    }
}

/// A string argument of an API that needs no current context, with the runtime owning it
/// (claimed for this call). `JS_INVALID_REFERENCE`, non-strings and unknown cells are
/// `JsErrorInvalidArgument`; a string of a runtime in use on another thread is
/// `JsErrorWrongThread` (its heap cannot be examined from here).
pub(crate) fn string_arg(r: Ref) -> Res<(Claim, Gc<JsString>)> {
    let v = Value::from_bits(r as u64).ok_or(E::InvalidArgument)?;
    let addr = v.cell_addr().ok_or(E::InvalidArgument)?;
    let rt = owner_of_cell(addr)?;
    let s = JsString::from_value(v).ok_or(E::InvalidArgument)?;
    Ok((rt, s))
}

/// `s` flattened (allocates only for a rope).
fn flat(rt: &JsrtRuntime, s: Gc<JsString>) -> Res<Gc<JsString>> {
    Ok(JsString::flatten(rt.vm.heap(), s)?)
}

// ---- Host text in ----------------------------------------------------------------------------

/// `length` bytes at `p`, or the bytes up to the NUL when `length` is `(size_t)-1`.
///
/// # Safety
/// `p` is null or points to `length` readable bytes (NUL-terminated when `length` is -1).
pub(crate) unsafe fn host_bytes<'a>(p: *const c_char, length: usize) -> Res<&'a [u8]> {
    if p.is_null() {
        return Err(E::NullArgument.into());
    }
    if length == usize::MAX {
        // SAFETY: the caller's contract: a NUL-terminated string.
        return Ok(unsafe { CStr::from_ptr(p) }.to_bytes());
    }
    if length > isize::MAX as usize {
        return Err(E::OutOfMemory.into());
    }
    // SAFETY: the caller's contract: `length` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), length) })
}

/// `length` UTF-16 units at `p`; with `nul_if_max`, `(size_t)-1` means up to the NUL unit.
/// Longer than [`MAX_STRING_LENGTH`] is `JsErrorOutOfMemory`.
///
/// # Safety
/// `p` is null or points to `length` readable units (NUL-terminated when that is asked for).
pub(crate) unsafe fn host_units<'a>(
    p: *const u16,
    length: usize,
    nul_if_max: bool,
) -> Res<&'a [u16]> {
    if p.is_null() {
        return Err(E::NullArgument.into());
    }
    let n = if nul_if_max && length == usize::MAX {
        // SAFETY: the caller's contract: NUL-terminated.
        unsafe { units_before_nul(p) }
    } else {
        length
    };
    if n > MAX_STRING_LENGTH {
        return Err(E::OutOfMemory.into());
    }
    // SAFETY: the caller's contract: `n` readable units.
    Ok(unsafe { std::slice::from_raw_parts(p, n) })
}

/// The number of units before the first NUL unit (at most one past [`MAX_STRING_LENGTH`]: a
/// longer text is refused anyway, so the scan stops there).
///
/// # Safety
/// `p` points to a NUL-terminated sequence of units.
unsafe fn units_before_nul(p: *const u16) -> usize {
    let mut n = 0;
    // SAFETY: the caller's contract: every unit up to and including the NUL is readable.
    while n <= MAX_STRING_LENGTH && unsafe { p.add(n).read_unaligned() } != 0 {
        n += 1;
    }
    n
}

/// UTF-16 units of UTF-8 bytes; each invalid sequence (maximal subpart) becomes one U+FFFD.
fn utf8_units(bytes: &[u8]) -> impl Iterator<Item = u16> + '_ {
    bytes.utf8_chunks().flat_map(|c| {
        let bad = (!c.invalid().is_empty()).then_some(0xFFFD);
        c.valid().encode_utf16().chain(bad)
    })
}

/// A string from UTF-8 (invalid sequences → U+FFFD), one-byte when every unit is ≤ 0xFF.
pub(crate) fn string_from_utf8(heap: &Heap, bytes: &[u8]) -> Res<Gc<JsString>> {
    if bytes.is_ascii() {
        if bytes.len() > MAX_STRING_LENGTH {
            return Err(E::OutOfMemory.into());
        }
        return Ok(JsString::from_latin1(heap, bytes)?);
    }
    let (mut n, mut wide) = (0usize, false);
    for u in utf8_units(bytes) {
        n += 1;
        wide |= u > 0xff;
    }
    if n > MAX_STRING_LENGTH {
        return Err(E::OutOfMemory.into());
    }
    let mut units = utf8_units(bytes);
    Ok(JsString::build_utf16(heap, n, !wide, |_| {
        units.next().unwrap_or(0)
    })?)
}

/// A string from UTF-16 units (one-byte when every unit is ≤ 0xFF).
pub(crate) fn string_from_utf16(heap: &Heap, units: &[u16]) -> Res<Gc<JsString>> {
    if units.len() > MAX_STRING_LENGTH {
        return Err(E::OutOfMemory.into());
    }
    Ok(JsString::from_utf16(heap, units)?)
}

// ---- Text out --------------------------------------------------------------------------------

/// Writes the text as UTF-8 (lone surrogates as U+FFFD) into `buffer`: whole characters only,
/// as many as fit in `size` bytes. With a null `buffer`, writes nothing. Returns the bytes
/// written, or with a null `buffer` the bytes the whole text needs.
///
/// # Safety
/// `buffer` is null or writable for `size` bytes.
pub(crate) unsafe fn copy_utf8(c: Chars, buffer: *mut u8, size: usize) -> usize {
    let mut n = 0usize;
    let mut emit = |bytes: &[u8]| -> bool {
        if buffer.is_null() {
            n += bytes.len();
            return true;
        }
        if bytes.len() > size - n {
            return false;
        }
        for (k, &b) in bytes.iter().enumerate() {
            // SAFETY: `n + k < size` (checked above), within the caller's buffer.
            unsafe { buffer.add(n + k).write(b) };
        }
        n += bytes.len();
        true
    };
    match c {
        Chars::One(s) => {
            for &b in s {
                let ok = if b < 0x80 {
                    emit(&[b])
                } else {
                    emit(&[0xc0 | (b >> 6), 0x80 | (b & 0x3f)])
                };
                if !ok {
                    break;
                }
            }
        }
        Chars::Two(s) => {
            for ch in char::decode_utf16(s.iter().copied()) {
                let mut tmp = [0u8; 4];
                let enc = ch.unwrap_or('\u{FFFD}').encode_utf8(&mut tmp);
                if !emit(enc.as_bytes()) {
                    break;
                }
            }
        }
    }
    n
}

/// The code-unit range `[start, start + count)` that `JsCopyStringUtf16`/`JsCopyStringOneByte`
/// copy: `start` must be within `0..=len` (else `JsErrorInvalidArgument`); `count` is `length`
/// clipped to the end, and a negative `length` means "to the end" (ChakraCore converts it to
/// `size_t`).
fn unit_range(start: i32, length: i32, len: usize) -> Res<(usize, usize)> {
    if start < 0 || start as usize > len {
        return Err(E::InvalidArgument.into());
    }
    let start = start as usize;
    let rest = len - start;
    let count = if length < 0 {
        rest
    } else {
        rest.min(length as usize)
    };
    Ok((start, count))
}

/// Shared body of `JsCopyStringUtf16` and `JsCopyStringOneByte`: validates, then hands the flat
/// characters and the range to `write` (only when there is something to copy).
fn copy_units(
    value: Ref,
    start: i32,
    length: i32,
    written: *mut usize,
    write: impl FnOnce(Chars, usize, usize),
) -> JsErrorCode {
    guard(|| {
        global(|| {
            if !written.is_null() {
                *out(written)? = 0;
            }
            let (rt, s) = string_arg(value)?;
            let (start, count) = unit_range(start, length, s.len())?;
            if count == 0 {
                return Ok(());
            }
            let f = flat(&rt, s)?;
            write(f.chars(), start, count);
            if !written.is_null() {
                *out(written)? = count;
            }
            Ok(())
        })
    })
}

// ---- NUL-terminated UTF-16 copies (JsStringToPointer, JsGetPropertyNameFromId) ---------------

/// A NUL-terminated UTF-16 copy of `s`, valid while `s` is alive (see the module docs). The
/// caller holds `rt` on this thread (current or claimed).
pub(crate) fn wide_chars(rt: &JsrtRuntime, s: Gc<JsString>) -> Res<*const u16> {
    let copy = rt.vm.wide_copy(s)?;
    match copy.chars() {
        Chars::Two(w) => Ok(w.as_ptr()),
        Chars::One(_) => Err(E::Fatal.into()),
    }
}

// ---- Exports ---------------------------------------------------------------------------------

/// Stores the length of a string value in UTF-16 code units. Needs no current context.
/// Errors: `JsErrorNullArgument` (null `length`), `JsErrorInvalidArgument` (not a string).
#[no_mangle]
pub extern "C" fn JsGetStringLength(value: Ref, length: *mut i32) -> JsErrorCode {
    guard(|| {
        global(|| {
            let slot = out(length)?;
            *slot = 0;
            let (_, s) = string_arg(value)?;
            *slot = s.len() as i32;
            Ok(())
        })
    })
}

/// Creates a string from `length` bytes of UTF-8 at `content` (`(size_t)-1`: up to the NUL).
/// Invalid sequences become U+FFFD (one per maximal invalid subpart); the string is one-byte
/// when every character is ≤ U+00FF. Errors: `JsErrorNullArgument`, `JsErrorNoCurrentContext`,
/// `JsErrorOutOfMemory` (memory refused, or longer than the maximum string length).
#[no_mangle]
pub extern "C" fn JsCreateString(
    content: *const c_char,
    length: usize,
    value: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(value)?;
            // SAFETY: the host's contract for `content`/`length`.
            let bytes = unsafe { host_bytes(content, length) }?;
            put(value, string_from_utf8(cx.heap(), bytes)?.to_value())
        })
    })
}

/// Creates a string from `length` UTF-16 code units at `content` (`(size_t)-1`: up to the NUL
/// unit, as ChakraCore). Lone surrogates are kept. Errors as `JsCreateString`.
#[no_mangle]
pub extern "C" fn JsCreateStringUtf16(
    content: *const u16,
    length: usize,
    value: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(value)?;
            // SAFETY: the host's contract for `content`/`length`.
            let units = unsafe { host_units(content, length, true) }?;
            put(value, string_from_utf16(cx.heap(), units)?.to_value())
        })
    })
}

/// Creates a string from `string_length` WCHAR (UTF-16) code units; no terminator needed.
/// Errors as `JsCreateString`.
#[no_mangle]
pub extern "C" fn JsPointerToString(
    string_value: *const u16,
    string_length: usize,
    value: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(value)?;
            // SAFETY: the host's contract for the pointer and length.
            let units = unsafe { host_units(string_value, string_length, false) }?;
            put(value, string_from_utf16(cx.heap(), units)?.to_value())
        })
    })
}

/// Stores a pointer to the string's UTF-16 code units, NUL-terminated, and their count (without
/// the NUL). The pointer stays valid while the string is alive; asking again returns the same
/// pointer (see the module docs for how). Needs no current context. Errors:
/// `JsErrorNullArgument`, `JsErrorInvalidArgument` (not a string), `JsErrorWrongThread`,
/// `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsStringToPointer(
    value: Ref,
    string_value: *mut *const u16,
    string_length: *mut usize,
) -> JsErrorCode {
    guard(|| {
        global(|| {
            let p = out(string_value)?;
            *p = std::ptr::null();
            let n = out(string_length)?;
            *n = 0;
            let (rt, s) = string_arg(value)?;
            *p = wide_chars(&rt, s)?;
            *n = s.len();
            Ok(())
        })
    })
}

/// Copies a string as UTF-8 into `buffer` (at most `buffer_size` bytes, whole characters only,
/// lone surrogates as U+FFFD). **No NUL terminator is written** (as ChakraCore's `JsCopyString`):
/// the host terminates the text itself using `*length`. `*length` (optional): the bytes written,
/// or with a null `buffer` the bytes the whole string needs. Needs no current context. Errors:
/// `JsErrorInvalidArgument` (not a string), `JsErrorWrongThread`, `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsCopyString(
    value: Ref,
    buffer: *mut c_char,
    buffer_size: usize,
    length: *mut usize,
) -> JsErrorCode {
    guard(|| {
        global(|| {
            if !length.is_null() {
                *out(length)? = 0;
            }
            let (rt, s) = string_arg(value)?;
            let f = flat(&rt, s)?;
            // SAFETY: the host's contract: `buffer` is null or has `buffer_size` bytes.
            let n = unsafe { copy_utf8(f.chars(), buffer.cast::<u8>(), buffer_size) };
            if !length.is_null() {
                *out(length)? = n;
            }
            Ok(())
        })
    })
}

/// Copies the UTF-16 code units `[start, start + length)` (clipped to the end; a negative
/// `length` means to the end) into `buffer` without a terminator. With a null `buffer` nothing
/// is copied. `*written` (optional): the units copied, or with a null `buffer` the units in the
/// range. Needs no current context. Errors: `JsErrorInvalidArgument` (not a string, or `start`
/// outside `0..=length of the string`), `JsErrorWrongThread`, `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsCopyStringUtf16(
    value: Ref,
    start: i32,
    length: i32,
    buffer: *mut u16,
    written: *mut usize,
) -> JsErrorCode {
    copy_units(value, start, length, written, |c, start, count| {
        if buffer.is_null() {
            return;
        }
        for k in 0..count {
            // SAFETY: the host's contract: `buffer` has room for the units it asked for
            // (`count` ≤ `length`).
            unsafe { buffer.add(k).write_unaligned(c.at(start + k)) };
        }
    })
}

/// Like `JsCopyStringUtf16`, but writes each code unit as one byte: its low 8 bits (so U+ABCD
/// becomes 0xCD). No terminator.
#[no_mangle]
pub extern "C" fn JsCopyStringOneByte(
    value: Ref,
    start: i32,
    length: i32,
    buffer: *mut c_char,
    written: *mut usize,
) -> JsErrorCode {
    copy_units(value, start, length, written, |c, start, count| {
        if buffer.is_null() {
            return;
        }
        let b = buffer.cast::<u8>();
        for k in 0..count {
            // SAFETY: the host's contract: `buffer` has room for `count` ≤ `length` bytes.
            unsafe { b.add(k).write(c.at(start + k) as u8) };
        }
    })
}

#[cfg(test)]
pub(crate) mod tests {
    // Test code: test-sized host buffers, not engine storage.
    #![allow(
        clippy::disallowed_types,
        clippy::disallowed_methods,
        clippy::disallowed_macros
    )]

    use super::*;
    use crate::context::{JsCreateContext, JsSetCurrentContext};
    use crate::runtime::{JsCollectGarbage, JsCreateRuntime, JsDisposeRuntime};
    use std::ptr::{null, null_mut};

    /// A runtime with a current context for one test (disposed on drop).
    pub(crate) struct Env {
        pub rt: Ref,
        pub ctx: Ref,
    }

    impl Env {
        pub(crate) fn new() -> Env {
            let mut rt = null_mut();
            assert_eq!(JsCreateRuntime(0, null_mut(), &mut rt), E::NoError);
            let mut ctx = null_mut();
            assert_eq!(JsCreateContext(rt, &mut ctx), E::NoError);
            assert_eq!(JsSetCurrentContext(ctx), E::NoError);
            Env { rt, ctx }
        }
    }

    impl Drop for Env {
        fn drop(&mut self) {
            assert_eq!(JsSetCurrentContext(null_mut()), E::NoError);
            assert_eq!(JsDisposeRuntime(self.rt), E::NoError);
        }
    }

    pub(crate) fn utf8(s: &[u8]) -> Ref {
        let mut v = null_mut();
        assert_eq!(
            JsCreateString(s.as_ptr().cast(), s.len(), &mut v),
            E::NoError
        );
        v
    }

    fn utf16_of(v: Ref) -> std::vec::Vec<u16> {
        let mut n = 0usize;
        assert_eq!(JsCopyStringUtf16(v, 0, -1, null_mut(), &mut n), E::NoError);
        let mut buf = vec![0u16; n];
        let mut w = 0usize;
        assert_eq!(
            JsCopyStringUtf16(v, 0, n as i32, buf.as_mut_ptr(), &mut w),
            E::NoError
        );
        assert_eq!(w, n);
        buf
    }

    fn utf8_of(v: Ref) -> std::vec::Vec<u8> {
        let mut n = 0usize;
        assert_eq!(JsCopyString(v, null_mut(), 0, &mut n), E::NoError);
        let mut buf = vec![0u8; n];
        let mut w = 0usize;
        assert_eq!(
            JsCopyString(v, buf.as_mut_ptr().cast(), n, &mut w),
            E::NoError
        );
        assert_eq!(w, n);
        buf
    }

    fn len_of(v: Ref) -> i32 {
        let mut n = -1;
        assert_eq!(JsGetStringLength(v, &mut n), E::NoError);
        n
    }

    #[test]
    fn utf8_round_trips_and_replacement() {
        let _e = Env::new();
        let ascii = utf8(b"hello");
        assert_eq!(len_of(ascii), 5);
        assert_eq!(utf8_of(ascii), b"hello");
        let text = "Test \u{2603} caf\u{e9} \u{1F600}";
        let v = utf8(text.as_bytes());
        assert_eq!(len_of(v), text.encode_utf16().count() as i32);
        assert_eq!(utf8_of(v), text.as_bytes());
        assert_eq!(
            utf16_of(v),
            text.encode_utf16().collect::<std::vec::Vec<_>>()
        );
        // Latin-1 range only: a one-byte string, still UTF-8 on the way out.
        let l = utf8("caf\u{e9}".as_bytes());
        assert_eq!(utf16_of(l), [0x63, 0x61, 0x66, 0xe9]);
        assert_eq!(utf8_of(l), "caf\u{e9}".as_bytes());
        // Invalid sequences: one U+FFFD each.
        let bad = utf8(&[0x80]);
        assert_eq!(utf16_of(bad), [0xfffd]);
        let bad = utf8(&[b'a', 0xe2, 0x98, b'b', 0xff, 0xed, 0xa0, 0x80]);
        assert_eq!(
            utf16_of(bad),
            [0x61, 0xfffd, 0x62, 0xfffd, 0xfffd, 0xfffd, 0xfffd]
        );
        // (size_t)-1: up to the NUL.
        let mut v = null_mut();
        let z = b"Test \xe2\x98\x83\0ignored";
        assert_eq!(
            JsCreateString(z.as_ptr().cast(), usize::MAX, &mut v),
            E::NoError
        );
        assert_eq!(utf8_of(v), "Test \u{2603}".as_bytes());
        // Empty.
        let mut v = null_mut();
        assert_eq!(JsCreateString(b"x".as_ptr().cast(), 0, &mut v), E::NoError);
        assert_eq!(len_of(v), 0);
        assert_eq!(utf8_of(v), b"");
    }

    #[test]
    fn utf16_and_wchar_round_trips() {
        let _e = Env::new();
        let units: [u16; 6] = [0x41, 0xd83d, 0xde00, 0xd800, 0xe9, 0x263a];
        let mut v = null_mut();
        assert_eq!(
            JsCreateStringUtf16(units.as_ptr(), units.len(), &mut v),
            E::NoError
        );
        assert_eq!(utf16_of(v), units);
        // The lone surrogate is U+FFFD in UTF-8.
        assert_eq!(utf8_of(v), "A\u{1F600}\u{FFFD}\u{e9}\u{263a}".as_bytes());
        let mut w = null_mut();
        assert_eq!(
            JsPointerToString(units.as_ptr(), units.len(), &mut w),
            E::NoError
        );
        assert_eq!(utf16_of(w), units);
        // NUL-terminated UTF-16 with (size_t)-1.
        let z: [u16; 4] = [0x61, 0x62, 0, 0x63];
        assert_eq!(
            JsCreateStringUtf16(z.as_ptr(), usize::MAX, &mut v),
            E::NoError
        );
        assert_eq!(utf16_of(v), [0x61, 0x62]);
        // JsPointerToString has no such convention: (size_t)-1 is too long.
        assert_eq!(
            JsPointerToString(z.as_ptr(), usize::MAX, &mut v),
            E::OutOfMemory
        );
        assert!(v.is_null());
    }

    #[test]
    fn copies_ranges_and_truncation() {
        let _e = Env::new();
        let units: [u16; 8] = [0x30, 0x10, 0x80, 0xa9, 0xabcd, 0xd801, 0xdc37, 0x37];
        let mut v = null_mut();
        assert_eq!(JsCreateStringUtf16(units.as_ptr(), 8, &mut v), E::NoError);
        let mut n = 0usize;
        assert_eq!(
            JsCopyStringOneByte(v, 0, -1, null_mut(), &mut n),
            E::NoError
        );
        assert_eq!(n, 8);
        let mut buf = [0xffu8; 10];
        assert_eq!(
            JsCopyStringOneByte(v, 0, 10, buf.as_mut_ptr().cast(), &mut n),
            E::NoError
        );
        assert_eq!(n, 8);
        assert_eq!(
            buf,
            [0x30, 0x10, 0x80, 0xa9, 0xcd, 0x01, 0x37, 0x37, 0xff, 0xff]
        );
        // Ranges.
        let mut u = [0u16; 4];
        assert_eq!(
            JsCopyStringUtf16(v, 4, 2, u.as_mut_ptr(), &mut n),
            E::NoError
        );
        assert_eq!(n, 2);
        assert_eq!(u[..2], [0xabcd, 0xd801]);
        assert_eq!(
            JsCopyStringUtf16(v, 8, 5, u.as_mut_ptr(), &mut n),
            E::NoError
        );
        assert_eq!(n, 0);
        assert_eq!(
            JsCopyStringUtf16(v, 9, 1, u.as_mut_ptr(), &mut n),
            E::InvalidArgument
        );
        assert_eq!(
            JsCopyStringUtf16(v, -1, 1, u.as_mut_ptr(), &mut n),
            E::InvalidArgument
        );
        assert_eq!(n, 0);
        // `written` is optional.
        assert_eq!(
            JsCopyStringUtf16(v, 0, 1, u.as_mut_ptr(), null_mut()),
            E::NoError
        );
        // UTF-8 into a short buffer: whole characters only, no terminator.
        let s = utf8("ab\u{2603}c".as_bytes());
        let mut b = [0xaau8; 8];
        assert_eq!(
            JsCopyString(s, b.as_mut_ptr().cast(), 4, &mut n),
            E::NoError
        );
        assert_eq!(n, 2);
        assert_eq!(b[..3], [b'a', b'b', 0xaa]);
        assert_eq!(
            JsCopyString(s, b.as_mut_ptr().cast(), 5, &mut n),
            E::NoError
        );
        assert_eq!(n, 5);
        assert_eq!(b[..6], [b'a', b'b', 0xe2, 0x98, 0x83, 0xaa]);
        assert_eq!(
            JsCopyString(s, b.as_mut_ptr().cast(), 0, &mut n),
            E::NoError
        );
        assert_eq!(n, 0);
        assert_eq!(JsCopyString(s, null_mut(), 0, null_mut()), E::NoError);
    }

    #[test]
    fn string_to_pointer_is_terminated_stable_and_survives_gc() {
        let e = Env::new();
        let v = utf8("h\u{e9}llo".as_bytes());
        let mut p: *const u16 = null();
        let mut n = 0usize;
        assert_eq!(JsStringToPointer(v, &mut p, &mut n), E::NoError);
        assert_eq!(n, 5);
        // SAFETY: the pointer has n units and a NUL.
        let got = unsafe { std::slice::from_raw_parts(p, n + 1) };
        assert_eq!(got, [0x68, 0xe9, 0x6c, 0x6c, 0x6f, 0]);
        for _ in 0..3 {
            assert_eq!(JsCollectGarbage(e.rt), E::NoError);
        }
        let mut q: *const u16 = null();
        assert_eq!(JsStringToPointer(v, &mut q, &mut n), E::NoError);
        assert_eq!(p, q);
        // SAFETY: as above; `v` is alive (on this stack), so its copy is too.
        let got = unsafe { std::slice::from_raw_parts(q, n + 1) };
        assert_eq!(got, [0x68, 0xe9, 0x6c, 0x6c, 0x6f, 0]);
        std::hint::black_box(v);
        // SAFETY: a live runtime handle.
        let rt = unsafe { &*(e.rt as *const JsrtRuntime) };
        assert_eq!(rt.vm.wide_copy_count(), 1);
        drop(e);
    }

    #[inline(never)]
    fn make_garbage_with_pointers(count: usize) {
        for i in 0..count {
            let text = [b'a' + (i % 26) as u8; 40];
            let v = utf8(&text);
            let mut p: *const u16 = null();
            let mut n = 0usize;
            assert_eq!(JsStringToPointer(v, &mut p, &mut n), E::NoError);
        }
    }

    #[inline(never)]
    fn clear_stack() {
        let a = [0u64; 4096];
        std::hint::black_box(&a);
    }

    #[test]
    fn copies_are_released_with_their_strings() {
        let e = Env::new();
        make_garbage_with_pointers(200);
        clear_stack();
        assert_eq!(JsCollectGarbage(e.rt), E::NoError);
        assert_eq!(JsCollectGarbage(e.rt), E::NoError);
        // SAFETY: a live runtime handle.
        let rt = unsafe { &*(e.rt as *const JsrtRuntime) };
        let left = rt.vm.wide_copy_count();
        assert!(left < 20, "{left} copies still held");
    }

    #[test]
    fn argument_errors() {
        let e = Env::new();
        let s = utf8(b"abc");
        let mut v = null_mut();
        let mut n = 0usize;
        let mut i = 0i32;
        assert_eq!(JsCreateString(null(), 3, &mut v), E::NullArgument);
        assert_eq!(
            JsCreateString(b"a".as_ptr().cast(), 1, null_mut()),
            E::NullArgument
        );
        assert_eq!(JsCreateStringUtf16(null(), 3, &mut v), E::NullArgument);
        assert_eq!(JsPointerToString(null(), 3, &mut v), E::NullArgument);
        assert_eq!(JsGetStringLength(s, null_mut()), E::NullArgument);
        assert_eq!(JsGetStringLength(null_mut(), &mut i), E::InvalidArgument);
        let mut num = null_mut();
        assert_eq!(crate::values::JsIntToNumber(3, &mut num), E::NoError);
        assert_eq!(JsGetStringLength(num, &mut i), E::InvalidArgument);
        let mut o = null_mut();
        assert_eq!(crate::objects::JsCreateObject(&mut o), E::NoError);
        assert_eq!(JsGetStringLength(o, &mut i), E::InvalidArgument);
        assert_eq!(JsCopyString(o, null_mut(), 0, &mut n), E::InvalidArgument);
        assert_eq!(
            JsCopyString(null_mut(), null_mut(), 0, &mut n),
            E::InvalidArgument
        );
        assert_eq!(
            JsCopyStringUtf16(num, 0, 1, null_mut(), &mut n),
            E::InvalidArgument
        );
        assert_eq!(
            JsCopyStringOneByte(o, 0, 1, null_mut(), &mut n),
            E::InvalidArgument
        );
        let mut p: *const u16 = null();
        assert_eq!(JsStringToPointer(s, null_mut(), &mut n), E::NullArgument);
        assert_eq!(JsStringToPointer(s, &mut p, null_mut()), E::NullArgument);
        assert_eq!(JsStringToPointer(o, &mut p, &mut n), E::InvalidArgument);
        assert!(p.is_null());
        // A garbage pointer is not a cell of any runtime.
        assert_eq!(JsGetStringLength(0x1230 as Ref, &mut i), E::InvalidArgument);
        // Without a current context: creation fails, reading a string still works.
        assert_eq!(JsSetCurrentContext(null_mut()), E::NoError);
        assert_eq!(
            JsCreateString(b"a".as_ptr().cast(), 1, &mut v),
            E::NoCurrentContext
        );
        assert_eq!(
            JsCreateStringUtf16([0x61u16].as_ptr(), 1, &mut v),
            E::NoCurrentContext
        );
        assert_eq!(
            JsPointerToString([0x61u16].as_ptr(), 1, &mut v),
            E::NoCurrentContext
        );
        assert_eq!(JsGetStringLength(s, &mut i), E::NoError);
        assert_eq!(i, 3);
        assert_eq!(JsCopyString(s, null_mut(), 0, &mut n), E::NoError);
        assert_eq!(n, 3);
        assert_eq!(JsStringToPointer(s, &mut p, &mut n), E::NoError);
        assert_eq!(JsSetCurrentContext(e.ctx), E::NoError);
        std::hint::black_box(s);
    }

    #[test]
    fn too_long_is_out_of_memory() {
        let _e = Env::new();
        let mut v = null_mut();
        // Not read: the length is refused first.
        let p = [0u16; 1];
        assert_eq!(
            JsCreateStringUtf16(p.as_ptr(), MAX_STRING_LENGTH + 1, &mut v),
            E::OutOfMemory
        );
        assert_eq!(
            JsCreateString(b"x".as_ptr().cast(), isize::MAX as usize + 1, &mut v),
            E::OutOfMemory
        );
    }
}
