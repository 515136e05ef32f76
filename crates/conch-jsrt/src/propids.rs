//! Property ids and symbols.
//!
//! A `JsPropertyIdRef` is the address of the property's atom: the interned `JsString` cell of a
//! name (numeric names such as "100" included: [`PropertyKey::from_atom`] turns those into index
//! keys), or the `Symbol` cell of a symbol key. Equal names give the same pointer. Since a cell
//! `Value` is its address, the id of a symbol is also that symbol's `JsValueRef`, and the id of a
//! name is the `JsValueRef` of the atom string (which `JsCreatePropertyString` returns). Atoms
//! live as long as the runtime (the atom table is strong); symbol ids live as long as their
//! symbol. `JsAddRef`/`JsRelease` pin them like any cell.
//!
//! Which APIs need a current context (as ChakraCore's wrappers, JSRT.md §3.12):
//! `JsCreatePropertyId`, `JsCreatePropertyString`, `JsGetPropertyIdFromName`,
//! `JsGetSymbolFromPropertyId`, `JsGetPropertyIdFromSymbol`, `JsGetPropertyIdSymbolIterator` (no
//! script) and `JsCreateSymbol` (may run script: `ToString` of the description) do;
//! `JsCopyPropertyId`, `JsGetPropertyNameFromId` and `JsGetPropertyIdType` do not (the id names
//! its runtime).

use crate::api::{clear, no_script, put, script, val, Ref, Res};
use crate::strings::{copy_utf8, global, host_bytes, string_from_utf8, wide_chars};
use crate::{
    foreign_or_invalid, guard, out, owner_of_cell, Claim, JsErrorCode, JsErrorCode as E,
    JsrtRuntime,
};
use conch_gc::{Gc, Value};
use conch_vm::{convert, Chars, Cx, JsString, PropertyKey, Symbol, WellKnown, MAX_STRING_LENGTH};
use std::ffi::c_char;

/// What a property id names.
enum IdCell {
    /// An atom string.
    Name(Gc<JsString>),
    /// A symbol.
    Symbol(Gc<Symbol>),
}

/// Classifies the live cell at `addr` (an atom string or a symbol; anything else, including a
/// string that is not an atom, is `JsErrorInvalidArgument`).
fn classify(addr: usize) -> Res<IdCell> {
    // SAFETY: the callers checked `addr` is a live cell of a registered runtime's heap.
    if let Some(s) = unsafe { Gc::<JsString>::from_addr(addr) } {
        return if s.is_atom() {
            Ok(IdCell::Name(s))
        } else {
            Err(E::InvalidArgument.into())
        };
    }
    // SAFETY: as above.
    match unsafe { Gc::<Symbol>::from_addr(addr) } {
        Some(s) => Ok(IdCell::Symbol(s)),
        None => Err(E::InvalidArgument.into()),
    }
}

/// A property id of `rt`: `JS_INVALID_REFERENCE` and non-ids are `JsErrorInvalidArgument`, an
/// id of another runtime is `JsErrorWrongRuntime`.
fn id_cell(rt: &JsrtRuntime, id: Ref) -> Res<IdCell> {
    let addr = id as usize;
    if addr == 0 {
        return Err(E::InvalidArgument.into());
    }
    if !rt.vm.heap().is_cell(addr) {
        return Err(foreign_or_invalid(addr).into());
    }
    classify(addr)
}

/// A property id of any live runtime, with that runtime claimed for this call (for the APIs
/// that need no current context; `JsErrorWrongThread` if the runtime is in use on another
/// thread).
fn id_cell_any(id: Ref) -> Res<(Claim, IdCell)> {
    let addr = id as usize;
    if addr == 0 {
        return Err(E::InvalidArgument.into());
    }
    let rt = owner_of_cell(addr)?;
    let cell = classify(addr)?;
    Ok((rt, cell))
}

/// The property key a `JsPropertyIdRef` of `rt` stands for. Errors: `JsErrorInvalidArgument`
/// (`JS_INVALID_REFERENCE`, or not a property id), `JsErrorWrongRuntime` (an id of another
/// runtime).
pub(crate) fn key_of_id(rt: &JsrtRuntime, id: Ref) -> Res<PropertyKey> {
    Ok(match id_cell(rt, id)? {
        IdCell::Name(s) => PropertyKey::from_atom(s),
        IdCell::Symbol(s) => PropertyKey::symbol(s),
    })
}

/// The `JsPropertyIdRef` of a key (an index key is the atom of its decimal string).
pub(crate) fn id_of_key(cx: &Cx, key: PropertyKey) -> Res<Ref> {
    if let Some(i) = key.as_index() {
        let mut digits = [0u8; 10];
        let mut n = 0;
        let mut x = i;
        loop {
            digits[n] = b'0' + (x % 10) as u8;
            n += 1;
            x /= 10;
            if x == 0 {
                break;
            }
        }
        digits[..n].reverse();
        let atom = cx.rt.intern_chars(Chars::One(&digits[..n]))?;
        return Ok(atom.addr() as Ref);
    }
    let addr = key.to_raw().cell_addr().ok_or(E::InvalidArgument)?;
    Ok(addr as Ref)
}

/// The atom for UTF-8 text (invalid sequences → U+FFFD).
fn intern_utf8(cx: &Cx, bytes: &[u8]) -> Res<Gc<JsString>> {
    if bytes.is_ascii() {
        if bytes.len() > MAX_STRING_LENGTH {
            return Err(E::OutOfMemory.into());
        }
        return Ok(cx.rt.intern_chars(Chars::One(bytes))?);
    }
    let s = string_from_utf8(cx.heap(), bytes)?;
    Ok(cx.rt.intern(s)?)
}

/// Stores the property id of the `length` bytes of UTF-8 at `name` (`(size_t)-1`: up to the
/// NUL). Equal names give the same id. Errors: `JsErrorNullArgument`, `JsErrorNoCurrentContext`,
/// `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsCreatePropertyId(
    name: *const c_char,
    length: usize,
    property_id: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(property_id)?;
            // SAFETY: the host's contract for `name`/`length`.
            let bytes = unsafe { host_bytes(name, length) }?;
            *out(property_id)? = intern_utf8(cx, bytes)?.addr() as Ref;
            Ok(())
        })
    })
}

/// Stores the interned string for the `length` bytes of UTF-8 at `name`, as a string value (the
/// same cell as the property id of that name). Errors as `JsCreatePropertyId`.
#[no_mangle]
pub extern "C" fn JsCreatePropertyString(
    name: *const c_char,
    length: usize,
    property_string: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(property_string)?;
            // SAFETY: the host's contract for `name`/`length`.
            let bytes = unsafe { host_bytes(name, length) }?;
            put(property_string, intern_utf8(cx, bytes)?.to_value())
        })
    })
}

/// Copies the UTF-8 name of a string property id into `buffer` (whole characters, at most
/// `buffer_size` bytes, no terminator). `*length` (optional): the bytes written, or with a null
/// `buffer` the bytes the name needs. Needs no current context. Errors:
/// `JsErrorInvalidArgument` (not a property id), `JsErrorPropertyNotString` (a symbol).
#[no_mangle]
pub extern "C" fn JsCopyPropertyId(
    property_id: Ref,
    buffer: *mut c_char,
    buffer_size: usize,
    length: *mut usize,
) -> JsErrorCode {
    guard(|| {
        global(|| {
            if !length.is_null() {
                *out(length)? = 0;
            }
            let IdCell::Name(s) = id_cell_any(property_id)?.1 else {
                return Err(E::PropertyNotString.into());
            };
            // SAFETY: the host's contract: `buffer` is null or has `buffer_size` bytes. Atoms
            // are flat.
            let n = unsafe { copy_utf8(s.chars(), buffer.cast::<u8>(), buffer_size) };
            if !length.is_null() {
                *out(length)? = n;
            }
            Ok(())
        })
    })
}

/// Stores the property id of a NUL-terminated WCHAR (UTF-16) name. Errors:
/// `JsErrorNullArgument`, `JsErrorNoCurrentContext`, `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsGetPropertyIdFromName(name: *const u16, property_id: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(property_id)?;
            // SAFETY: the host's contract: a NUL-terminated UTF-16 name.
            let units = unsafe { crate::strings::host_units(name, usize::MAX, true) }?;
            *out(property_id)? = cx.rt.intern_chars(Chars::Two(units))?.addr() as Ref;
            Ok(())
        })
    })
}

/// Stores a pointer to the NUL-terminated WCHAR (UTF-16) name of a string property id, valid as
/// long as the id (a UTF-16 copy made on first request, see `strings.rs`). Needs no current
/// context. Errors: `JsErrorNullArgument`, `JsErrorInvalidArgument`, `JsErrorPropertyNotString`
/// (a symbol), `JsErrorWrongThread`, `JsErrorOutOfMemory`.
#[no_mangle]
pub extern "C" fn JsGetPropertyNameFromId(property_id: Ref, name: *mut *const u16) -> JsErrorCode {
    guard(|| {
        global(|| {
            let slot = out(name)?;
            *slot = std::ptr::null();
            let (rt, cell) = id_cell_any(property_id)?;
            let IdCell::Name(s) = cell else {
                return Err(E::PropertyNotString.into());
            };
            *slot = wide_chars(&rt, s)?;
            Ok(())
        })
    })
}

/// Stores whether a property id is a name (`JsPropertyIdTypeString` = 0) or a symbol
/// (`JsPropertyIdTypeSymbol` = 1). Needs no current context. Errors: `JsErrorNullArgument`,
/// `JsErrorInvalidArgument`.
#[no_mangle]
pub extern "C" fn JsGetPropertyIdType(property_id: Ref, property_id_type: *mut u32) -> JsErrorCode {
    guard(|| {
        global(|| {
            let slot = out(property_id_type)?;
            *slot = match id_cell_any(property_id)?.1 {
                IdCell::Name(_) => 0,
                IdCell::Symbol(_) => 1,
            };
            Ok(())
        })
    })
}

/// Stores the symbol behind a symbol property id. Errors: `JsErrorPropertyNotSymbol` (a name),
/// `JsErrorInvalidArgument`, `JsErrorWrongRuntime`, `JsErrorNullArgument`,
/// `JsErrorNoCurrentContext`.
#[no_mangle]
pub extern "C" fn JsGetSymbolFromPropertyId(property_id: Ref, symbol: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            clear(symbol)?;
            let s = key_of_id(rt, property_id)?
                .as_symbol()
                .ok_or(E::PropertyNotSymbol)?;
            put(symbol, s.to_value())
        })
    })
}

/// Stores the property id of a symbol value. Errors: `JsErrorPropertyNotSymbol` (any other
/// value, as ChakraCore), `JsErrorInvalidArgument` (`JS_INVALID_REFERENCE`),
/// `JsErrorWrongRuntime`, `JsErrorNullArgument`, `JsErrorNoCurrentContext`.
#[no_mangle]
pub extern "C" fn JsGetPropertyIdFromSymbol(symbol: Ref, property_id: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, rt| {
            clear(property_id)?;
            let v = val(rt, symbol)?;
            let s = Symbol::from_value(v).ok_or(E::PropertyNotSymbol)?;
            *out(property_id)? = id_of_key(cx, PropertyKey::symbol(s))?;
            Ok(())
        })
    })
}

/// Creates a new symbol. `description`: `JS_INVALID_REFERENCE` or `undefined` for none (the
/// symbol's `description` is `undefined`, as `Symbol()`; ChakraCore uses "" for
/// `JS_INVALID_REFERENCE`), otherwise any value, converted with `ToString` (which may run script:
/// a throw is `JsErrorScriptException`, and a symbol description is a TypeError).
#[no_mangle]
pub extern "C" fn JsCreateSymbol(description: Ref, result: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(result)?;
            let d = if description.is_null() {
                Value::UNDEFINED
            } else {
                let v = val(rt, description)?;
                if v.is_undefined() {
                    v
                } else {
                    convert::to_string(cx, v)?.to_value()
                }
            };
            put(result, Symbol::new(cx.heap(), d)?.to_value())
        })
    })
}

/// Stores the property id of `Symbol.iterator` (ChakraCore hands out a number here; Conch gives
/// the real symbol property id, usable with every property API). Errors:
/// `JsErrorNullArgument`, `JsErrorNoCurrentContext`.
#[no_mangle]
pub extern "C" fn JsGetPropertyIdSymbolIterator(property_id: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|cx, _| {
            clear(property_id)?;
            let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
            *out(property_id)? = id_of_key(cx, key)?;
            Ok(())
        })
    })
}

#[cfg(test)]
mod tests {
    // Test code: test-sized host buffers, not engine storage.
    #![allow(
        clippy::disallowed_types,
        clippy::disallowed_methods,
        clippy::disallowed_macros
    )]

    use super::*;
    use crate::runtime::{JsAddRef, JsCollectGarbage, JsRelease};
    use crate::strings::tests::{utf8, Env};
    use crate::strings::JsCopyStringUtf16;
    use std::ptr::{null, null_mut};

    fn id(name: &str) -> Ref {
        let mut p = null_mut();
        assert_eq!(
            JsCreatePropertyId(name.as_ptr().cast(), name.len(), &mut p),
            E::NoError
        );
        assert!(!p.is_null());
        p
    }

    fn name_of(p: Ref) -> std::vec::Vec<u8> {
        let mut n = 0usize;
        assert_eq!(JsCopyPropertyId(p, null_mut(), 0, &mut n), E::NoError);
        let mut b = vec![0u8; n];
        let mut w = 0;
        assert_eq!(
            JsCopyPropertyId(p, b.as_mut_ptr().cast(), n, &mut w),
            E::NoError
        );
        assert_eq!(w, n);
        b
    }

    fn kind(p: Ref) -> u32 {
        let mut t = 9;
        assert_eq!(JsGetPropertyIdType(p, &mut t), E::NoError);
        t
    }

    fn wide(s: &str) -> std::vec::Vec<u16> {
        s.encode_utf16().chain([0]).collect()
    }

    fn current_rt() -> &'static JsrtRuntime {
        crate::current_runtime().unwrap()
    }

    #[test]
    fn names_round_trip_and_intern() {
        let _e = Env::new();
        let foo = id("foo");
        assert_eq!(foo, id("foo"));
        assert_ne!(foo, id("bar"));
        assert_eq!(name_of(foo), b"foo");
        assert_eq!(kind(foo), 0);
        let snow = id("sn\u{2603}w");
        assert_eq!(name_of(snow), "sn\u{2603}w".as_bytes());
        // WCHAR names intern to the same ids.
        let mut p = null_mut();
        let w = wide("foo");
        assert_eq!(JsGetPropertyIdFromName(w.as_ptr(), &mut p), E::NoError);
        assert_eq!(p, foo);
        let w = wide("sn\u{2603}w");
        assert_eq!(JsGetPropertyIdFromName(w.as_ptr(), &mut p), E::NoError);
        assert_eq!(p, snow);
        // The name as a NUL-terminated WCHAR string, stable across calls and collections.
        let mut n1: *const u16 = null();
        assert_eq!(JsGetPropertyNameFromId(snow, &mut n1), E::NoError);
        let e = current_rt();
        e.vm.heap().collect();
        let mut n2: *const u16 = null();
        assert_eq!(JsGetPropertyNameFromId(snow, &mut n2), E::NoError);
        assert_eq!(n1, n2);
        // SAFETY: the name has 4 units and a NUL.
        let got = unsafe { std::slice::from_raw_parts(n2, 5) };
        assert_eq!(got, wide("sn\u{2603}w"));
        // (size_t)-1 and invalid UTF-8.
        assert_eq!(
            JsCreatePropertyId(c"foo".as_ptr(), usize::MAX, &mut p),
            E::NoError
        );
        assert_eq!(p, foo);
        assert_eq!(
            JsCreatePropertyId([0x80u8].as_ptr().cast(), 1, &mut p),
            E::NoError
        );
        assert_eq!(name_of(p), "\u{FFFD}".as_bytes());
        // The property string is the atom itself.
        let mut s = null_mut();
        assert_eq!(
            JsCreatePropertyString(c"foo".as_ptr(), 3, &mut s),
            E::NoError
        );
        assert_eq!(s, foo);
        let mut u = [0u16; 3];
        assert_eq!(
            JsCopyStringUtf16(s, 0, 3, u.as_mut_ptr(), null_mut()),
            E::NoError
        );
        assert_eq!(u, [0x66, 0x6f, 0x6f]);
        // Copy into a short buffer: whole characters only.
        let mut b = [0u8; 4];
        let mut n = 0usize;
        assert_eq!(
            JsCopyPropertyId(snow, b.as_mut_ptr().cast(), 4, &mut n),
            E::NoError
        );
        assert_eq!(n, 2);
        assert_eq!(b[..2], *b"sn");
    }

    #[test]
    fn numeric_names_are_index_keys() {
        let _e = Env::new();
        let rt = current_rt();
        let hundred = id("100");
        assert_eq!(
            key_of_id(rt, hundred).ok().and_then(|k| k.as_index()),
            Some(100)
        );
        assert_eq!(name_of(hundred), b"100");
        assert_eq!(kind(hundred), 0);
        let cx = Cx::new(&rt.vm, crate::context::current_context().unwrap());
        assert_eq!(id_of_key(&cx, PropertyKey::index(100)).ok(), Some(hundred));
        assert_eq!(
            id_of_key(&cx, PropertyKey::index(4294967294)).ok(),
            Some(id("4294967294"))
        );
        assert_eq!(id_of_key(&cx, PropertyKey::index(0)).ok(), Some(id("0")));
        // Not indices: leading zero, too large.
        for s in ["0100", "4294967295"] {
            let k = key_of_id(rt, id(s)).ok().unwrap();
            assert!(k.as_index().is_none() && k.as_atom().is_some(), "{s}");
        }
        let foo = id("foo");
        assert_eq!(
            id_of_key(&cx, key_of_id(rt, foo).ok().unwrap()).ok(),
            Some(foo)
        );
    }

    #[test]
    fn symbols() {
        let _e = Env::new();
        let mut o = null_mut();
        assert_eq!(crate::objects::JsCreateObject(&mut o), E::NoError);
        let mut p = null_mut();
        assert_eq!(JsGetPropertyIdFromSymbol(o, &mut p), E::PropertyNotSymbol);
        assert!(p.is_null());
        let s = utf8(b"abc");
        assert_eq!(JsGetPropertyIdFromSymbol(s, &mut p), E::PropertyNotSymbol);
        let mut sym = null_mut();
        assert_eq!(JsCreateSymbol(s, &mut sym), E::NoError);
        let mut t = 0u32;
        assert_eq!(crate::values::JsGetValueType(sym, &mut t), E::NoError);
        assert_eq!(t, 9);
        assert_eq!(JsGetPropertyIdFromSymbol(sym, &mut p), E::NoError);
        assert_eq!(kind(p), 1);
        let mut back = null_mut();
        assert_eq!(JsGetSymbolFromPropertyId(p, &mut back), E::NoError);
        assert_eq!(back, sym);
        let mut name: *const u16 = null();
        assert_eq!(JsGetPropertyNameFromId(p, &mut name), E::PropertyNotString);
        assert!(name.is_null());
        let mut n = 7usize;
        assert_eq!(
            JsCopyPropertyId(p, null_mut(), 0, &mut n),
            E::PropertyNotString
        );
        assert_eq!(n, 0);
        let foo = id("foo");
        assert_eq!(
            JsGetSymbolFromPropertyId(foo, &mut back),
            E::PropertyNotSymbol
        );
        assert!(back.is_null());
        // Description: string, converted, none.
        let desc = |v: Ref| {
            // SAFETY: a live symbol cell of the current runtime.
            unsafe { Gc::<Symbol>::from_addr(v as usize) }
                .unwrap()
                .description
        };
        assert_eq!(desc(sym), s_value(s));
        let mut num = null_mut();
        assert_eq!(crate::values::JsIntToNumber(42, &mut num), E::NoError);
        assert_eq!(JsCreateSymbol(num, &mut sym), E::NoError);
        let d = JsString::from_value(desc(sym)).unwrap();
        assert!(d.chars().eq_ascii("42"));
        assert_eq!(JsCreateSymbol(null_mut(), &mut sym), E::NoError);
        assert!(desc(sym).is_undefined());
        let mut undef = null_mut();
        assert_eq!(crate::values::JsGetUndefinedValue(&mut undef), E::NoError);
        assert_eq!(JsCreateSymbol(undef, &mut sym), E::NoError);
        assert!(desc(sym).is_undefined());
        // A symbol description is a TypeError (ToString), recorded as the exception.
        assert_eq!(JsCreateSymbol(sym, &mut back), E::ScriptException);
        assert!(back.is_null());
        let mut exc = null_mut();
        assert_eq!(crate::errors::JsGetAndClearException(&mut exc), E::NoError);
        // Symbol.iterator.
        let mut it = null_mut();
        assert_eq!(JsGetPropertyIdSymbolIterator(&mut it), E::NoError);
        assert_eq!(kind(it), 1);
        let mut it2 = null_mut();
        assert_eq!(JsGetPropertyIdSymbolIterator(&mut it2), E::NoError);
        assert_eq!(it, it2);
        let rt = current_rt();
        assert_eq!(
            key_of_id(rt, it).ok().and_then(|k| k.as_symbol()),
            Some(rt.vm.well_known(WellKnown::iterator))
        );
    }

    fn s_value(r: Ref) -> Value {
        Value::from_bits(r as u64).unwrap()
    }

    #[test]
    fn add_ref_and_release_of_ids() {
        let e = Env::new();
        let foo = id("foo");
        let mut c = 0u32;
        assert_eq!(JsAddRef(foo, &mut c), E::NoError);
        assert_eq!(c, 1);
        assert_eq!(JsRelease(foo, &mut c), E::NoError);
        assert_eq!(c, 0);
        let mut sym = null_mut();
        assert_eq!(JsCreateSymbol(null_mut(), &mut sym), E::NoError);
        let mut p = null_mut();
        assert_eq!(JsGetPropertyIdFromSymbol(sym, &mut p), E::NoError);
        assert_eq!(JsAddRef(p, &mut c), E::NoError);
        assert_eq!(c, 1);
        assert_eq!(JsCollectGarbage(e.rt), E::NoError);
        assert_eq!(kind(p), 1);
        assert_eq!(JsRelease(p, &mut c), E::NoError);
        assert_eq!(c, 0);
    }

    #[test]
    fn argument_errors() {
        let e = Env::new();
        let foo = id("foo");
        let mut p = null_mut();
        let mut t = 0u32;
        assert_eq!(JsCreatePropertyId(null(), 3, &mut p), E::NullArgument);
        assert_eq!(
            JsCreatePropertyId(c"a".as_ptr(), 1, null_mut()),
            E::NullArgument
        );
        assert_eq!(JsCreatePropertyString(null(), 3, &mut p), E::NullArgument);
        assert_eq!(JsGetPropertyIdFromName(null(), &mut p), E::NullArgument);
        assert_eq!(JsGetPropertyIdType(foo, null_mut()), E::NullArgument);
        assert_eq!(JsGetPropertyIdType(null_mut(), &mut t), E::InvalidArgument);
        assert_eq!(
            JsGetSymbolFromPropertyId(null_mut(), &mut p),
            E::InvalidArgument
        );
        assert_eq!(JsGetSymbolFromPropertyId(foo, null_mut()), E::NullArgument);
        assert_eq!(
            JsGetPropertyIdFromSymbol(null_mut(), &mut p),
            E::InvalidArgument
        );
        assert_eq!(JsGetPropertyNameFromId(foo, null_mut()), E::NullArgument);
        assert_eq!(
            JsCopyPropertyId(null_mut(), null_mut(), 0, null_mut()),
            E::InvalidArgument
        );
        assert_eq!(JsCreateSymbol(null_mut(), null_mut()), E::NullArgument);
        assert_eq!(JsGetPropertyIdSymbolIterator(null_mut()), E::NullArgument);
        // A string value that is not an atom, an object, a number: not property ids.
        let s = utf8(b"not interned");
        assert_eq!(JsGetPropertyIdType(s, &mut t), E::InvalidArgument);
        let mut o = null_mut();
        assert_eq!(crate::objects::JsCreateObject(&mut o), E::NoError);
        assert_eq!(JsGetPropertyIdType(o, &mut t), E::InvalidArgument);
        assert_eq!(
            key_of_id(current_rt(), o).err().map(code),
            Some(E::InvalidArgument)
        );
        assert_eq!(
            JsGetPropertyIdType(0x1230 as Ref, &mut t),
            E::InvalidArgument
        );
        // An id of another runtime: refused where a runtime is current, fine where none is
        // needed.
        let other = Env::new();
        let other_foo = id("foo");
        assert_eq!(crate::context::JsSetCurrentContext(e.ctx), E::NoError);
        assert_ne!(other_foo, foo);
        assert_eq!(
            key_of_id(current_rt(), other_foo).err().map(code),
            Some(E::WrongRuntime)
        );
        assert_eq!(
            JsGetSymbolFromPropertyId(other_foo, &mut p),
            E::WrongRuntime
        );
        assert_eq!(name_of(other_foo), b"foo");
        assert_eq!(kind(other_foo), 0);
        assert_eq!(crate::context::JsSetCurrentContext(other.ctx), E::NoError);
        drop(other);
        // No current context.
        assert_eq!(crate::context::JsSetCurrentContext(null_mut()), E::NoError);
        assert_eq!(
            JsCreatePropertyId(c"a".as_ptr(), 1, &mut p),
            E::NoCurrentContext
        );
        assert_eq!(
            JsCreatePropertyString(c"a".as_ptr(), 1, &mut p),
            E::NoCurrentContext
        );
        let w = wide("a");
        assert_eq!(
            JsGetPropertyIdFromName(w.as_ptr(), &mut p),
            E::NoCurrentContext
        );
        assert_eq!(JsGetSymbolFromPropertyId(foo, &mut p), E::NoCurrentContext);
        assert_eq!(JsGetPropertyIdFromSymbol(foo, &mut p), E::NoCurrentContext);
        assert_eq!(JsCreateSymbol(null_mut(), &mut p), E::NoCurrentContext);
        assert_eq!(JsGetPropertyIdSymbolIterator(&mut p), E::NoCurrentContext);
        // These need none.
        assert_eq!(JsGetPropertyIdType(foo, &mut t), E::NoError);
        assert_eq!(name_of(foo), b"foo");
        let mut name: *const u16 = null();
        assert_eq!(JsGetPropertyNameFromId(foo, &mut name), E::NoError);
        assert!(!name.is_null());
        assert_eq!(crate::context::JsSetCurrentContext(e.ctx), E::NoError);
    }

    fn code(f: crate::api::Fail) -> JsErrorCode {
        match f {
            crate::api::Fail::Code(c) => c,
            crate::api::Fail::Throw(_) => E::Fatal,
        }
    }
}
