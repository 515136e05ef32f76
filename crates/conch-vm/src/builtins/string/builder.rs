//! An accounted, growable UTF-16 buffer for builtins that produce strings of a length not
//! known up front (case mapping, URI coding, `String.fromCodePoint`, …): the units live in a
//! `GcVec` (heap-accounted, fallible; alive while the builder is on the native stack) and the
//! result is checked against the maximum string length.

use crate::cx::{Cx, JsResult};
use crate::string::{Chars, JsString, MAX_LENGTH};
use conch_gc::{Gc, GcVec};

/// A string under construction.
pub(crate) struct StrBuf {
    units: GcVec<u16>,
    one_byte: bool,
}

impl StrBuf {
    /// An empty buffer (allocates nothing).
    pub(crate) fn new() -> StrBuf {
        StrBuf {
            units: GcVec::new(),
            one_byte: true,
        }
    }

    fn too_long(cx: &Cx) -> crate::cx::Throw {
        cx.range_error("Invalid string length")
    }

    /// Reserves room for `extra` more units (RangeError past the maximum string length).
    pub(crate) fn reserve(&mut self, cx: &Cx, extra: usize) -> JsResult<()> {
        if self.units.len().saturating_add(extra) > MAX_LENGTH {
            return Err(Self::too_long(cx));
        }
        self.units.reserve(cx.heap(), extra)?;
        Ok(())
    }

    /// Appends one code unit.
    pub(crate) fn push(&mut self, cx: &Cx, u: u16) -> JsResult<()> {
        if self.units.len() >= MAX_LENGTH {
            return Err(Self::too_long(cx));
        }
        self.units.push(cx.heap(), u)?;
        self.one_byte &= u <= 0xff;
        Ok(())
    }

    /// Appends a code point (two units above U+FFFF).
    pub(crate) fn push_code_point(&mut self, cx: &Cx, cp: u32) -> JsResult<()> {
        if cp > 0xffff {
            let c = cp - 0x10000;
            self.push(cx, 0xd800 | (c >> 10) as u16)?;
            self.push(cx, 0xdc00 | (c & 0x3ff) as u16)
        } else {
            self.push(cx, cp as u16)
        }
    }

    /// Appends ASCII text.
    pub(crate) fn push_ascii(&mut self, cx: &Cx, s: &[u8]) -> JsResult<()> {
        self.reserve(cx, s.len())?;
        for &b in s {
            self.push(cx, u16::from(b))?;
        }
        Ok(())
    }

    /// Appends flat characters.
    pub(crate) fn push_chars(&mut self, cx: &Cx, c: Chars<'_>) -> JsResult<()> {
        self.reserve(cx, c.len())?;
        for u in c.units() {
            self.push(cx, u)?;
        }
        Ok(())
    }

    /// The finished string.
    pub(crate) fn finish(self, cx: &Cx) -> JsResult<Gc<JsString>> {
        let cells = self.units.cells();
        Ok(JsString::build_utf16(
            cx.heap(),
            cells.len(),
            self.one_byte,
            |i| cells[i].get(),
        )?)
    }
}
