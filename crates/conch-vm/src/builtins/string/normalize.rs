//! `String.prototype.normalize(form)` (§22.1.3.15) with ICU4X's normalizer (Unicode data
//! compiled into the binary, no locale). The result is written straight into an accounted
//! string buffer; a one-byte input is widened into an accounted vector first.
//!
//! Caveat (recorded in docs/status.md): the normalizer keeps a run of consecutive
//! non-starters (combining marks) in its own scratch buffer while it reorders them, so a
//! string made of one very long run of combining marks costs scratch memory outside the
//! runtime's accounting, proportional to that run.

use super::builder::StrBuf;
use super::{str_arg, this_str};
use crate::builtins::arg;
use crate::cx::{Cx, JsResult, Throw};
use crate::object::Object;
use crate::string::{Chars, JsString};
use conch_gc::{Gc, GcVec, Value};
use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};

#[derive(Clone, Copy, PartialEq)]
enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

/// A `Write16` sink into a string buffer; a failed push is kept to be rethrown.
struct Sink<'c, 'r> {
    cx: &'c Cx<'r>,
    buf: StrBuf,
    err: Option<Throw>,
}

impl write16::Write16 for Sink<'_, '_> {
    fn write_slice(&mut self, s: &[u16]) -> core::fmt::Result {
        if let Err(e) = self.buf.reserve(self.cx, s.len()) {
            self.err = Some(e);
            return Err(core::fmt::Error);
        }
        for &u in s {
            if let Err(e) = self.buf.push(self.cx, u) {
                self.err = Some(e);
                return Err(core::fmt::Error);
            }
        }
        Ok(())
    }
}

pub(super) fn normalize(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let s = this_str(cx, this, "normalize")?;
    let form = match arg(args, 0) {
        v if v.is_undefined() => Form::Nfc,
        v => {
            let f = str_arg(cx, v)?;
            let c = f.chars();
            if c.eq_ascii("NFC") {
                Form::Nfc
            } else if c.eq_ascii("NFD") {
                Form::Nfd
            } else if c.eq_ascii("NFKC") {
                Form::Nfkc
            } else if c.eq_ascii("NFKD") {
                Form::Nfkd
            } else {
                return Err(
                    cx.range_error("The normalization form should be one of NFC, NFD, NFKC, NFKD.")
                );
            }
        }
    };
    Ok(normalized(cx, s, form)?.to_value())
}

fn normalized(cx: &Cx, s: Gc<JsString>, form: Form) -> JsResult<Gc<JsString>> {
    // Text every form leaves unchanged: NFC is the identity on Latin-1 (it has no combining
    // marks), NFD below U+00C0, NFKC/NFKD below U+00A0.
    let limit = match form {
        Form::Nfc => 0x300,
        Form::Nfd => 0xc0,
        Form::Nfkc | Form::Nfkd => 0xa0,
    };
    let chars = s.chars();
    if chars.units().all(|u| u < limit) {
        return Ok(s);
    }
    let wide;
    let units: &[u16] = match chars {
        Chars::Two(w) => w,
        Chars::One(b) => {
            wide = GcVec::<u16>::new();
            wide.reserve(cx.heap(), b.len())?;
            for &x in b {
                wide.push(cx.heap(), u16::from(x))?;
            }
            // SAFETY: `wide` is this frame's own vector, not written while the slice lives.
            unsafe { wide.as_slice() }
        }
    };
    let mut sink = Sink {
        cx,
        buf: StrBuf::new(),
        err: None,
    };
    let r = match form {
        Form::Nfc => ComposingNormalizerBorrowed::new_nfc().normalize_utf16_to(units, &mut sink),
        Form::Nfkc => ComposingNormalizerBorrowed::new_nfkc().normalize_utf16_to(units, &mut sink),
        Form::Nfd => DecomposingNormalizerBorrowed::new_nfd().normalize_utf16_to(units, &mut sink),
        Form::Nfkd => {
            DecomposingNormalizerBorrowed::new_nfkd().normalize_utf16_to(units, &mut sink)
        }
    };
    if r.is_err() {
        return Err(sink.err.unwrap_or(Throw::OutOfMemory));
    }
    sink.buf.finish(cx)
}
