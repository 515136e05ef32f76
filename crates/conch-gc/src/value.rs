//! The NaN-boxed `Value` (ARCHITECTURE.md §7). This module alone knows the bit layout.
//!
//! A value is 64 bits, pointer-favouring (as JavaScriptCore's JSValue64):
//!
//! ```text
//! 0000 0000 0000 0000   invalid (JS_INVALID_REFERENCE); never a valid value
//! 0000 pppp pppp pppp   cell pointer (48-bit address, 8-byte aligned, non-zero)
//! 0000 0000 0000 000t   immediates (low 3 bits ≠ 0, so never a cell): null=0x2, hole=0x4,
//!                       false=0x6, true=0x7, undefined=0xA
//! 0002 .... ffff fffd   double: its IEEE bits + 2^49 (DOUBLE_OFFSET); top 16 bits 0x0002..0xfffc
//! fffe 0000 iiii iiii   int32 (INT_TAG | the int's 32 bits)
//! ```
//!
//! Doubles are offset so that no double encodes with top 16 bits zero (pointer space) or ≥ 0xfffe
//! (int space): the largest IEEE pattern, 0xffff_ffff_ffff_ffff, is a NaN, which is canonicalised
//! to 0x7ff8_0000_0000_0000 first, so an encoded double is at most 0xfff2_.... Conservative
//! stack scanning relies on this: only words whose top 16 bits are zero can be cells.

use std::fmt;

const DOUBLE_OFFSET: u64 = 1 << 49;
const INT_TAG: u64 = 0xfffe_0000_0000_0000;
const NUMBER_MASK: u64 = 0xffff_0000_0000_0000;
const CANONICAL_NAN: u64 = 0x7ff8_0000_0000_0000;

const NULL: u64 = 0x2;
const HOLE: u64 = 0x4;
const FALSE: u64 = 0x6;
const TRUE: u64 = 0x7;
const UNDEFINED: u64 = 0xa;
/// The low bits a cell address never has (cells are 8-byte aligned).
const CELL_ALIGN_MASK: u64 = 0x7;

const _: () = {
    assert!(std::mem::size_of::<Value>() == 8);
    assert!((CANONICAL_NAN + DOUBLE_OFFSET) >> 48 != 0);
    assert!((0xfff0_0000_0000_0000u64 + DOUBLE_OFFSET) >> 48 < 0xfffe); // -Infinity
    assert!(DOUBLE_OFFSET >> 48 == 2); // +0.0
    assert!(NULL & CELL_ALIGN_MASK != 0 && HOLE & CELL_ALIGN_MASK != 0);
    assert!(FALSE & CELL_ALIGN_MASK != 0 && TRUE & CELL_ALIGN_MASK != 0);
    assert!(UNDEFINED & CELL_ALIGN_MASK != 0);
};

/// A JavaScript value (or the internal "hole"), NaN-boxed in 64 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

impl Value {
    /// `undefined`.
    pub const UNDEFINED: Value = Value(UNDEFINED);
    /// `null`.
    pub const NULL: Value = Value(NULL);
    /// `true`.
    pub const TRUE: Value = Value(TRUE);
    /// `false`.
    pub const FALSE: Value = Value(FALSE);
    /// The internal marker for an absent array element / uninitialised binding.
    pub const HOLE: Value = Value(HOLE);

    /// The raw 64 bits (what a `JsValueRef` holds).
    #[inline]
    pub fn to_bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from bits produced by [`to_bits`](Self::to_bits). Returns `None` for 0
    /// (`JS_INVALID_REFERENCE`). Bits naming a cell must name a live cell of the right heap;
    /// the JsRT layer checks that before dereferencing.
    #[inline]
    pub fn from_bits(bits: u64) -> Option<Value> {
        if bits == 0 {
            None
        } else {
            Some(Value(bits))
        }
    }

    /// A boolean.
    #[inline]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// An int32 number.
    #[inline]
    pub fn int(i: i32) -> Value {
        Value(INT_TAG | i as u32 as u64)
    }

    /// A number; stored as int32 when it is one exactly (not -0), NaN canonicalised.
    #[inline]
    pub fn number(d: f64) -> Value {
        let i = d as i32;
        if i as f64 == d && !(i == 0 && d.is_sign_negative()) {
            return Value::int(i);
        }
        Value::double(d)
    }

    /// A number always stored as a double (NaN canonicalised).
    #[inline]
    pub fn double(d: f64) -> Value {
        let bits = if d.is_nan() {
            CANONICAL_NAN
        } else {
            d.to_bits()
        };
        Value(bits + DOUBLE_OFFSET)
    }

    /// A cell pointer (address of the cell's header).
    #[inline]
    pub fn from_cell_addr(addr: usize) -> Value {
        debug_assert!(addr != 0 && addr as u64 & CELL_ALIGN_MASK == 0 && (addr as u64) >> 48 == 0);
        Value(addr as u64)
    }

    /// Is it a cell (object, string, symbol, …)?
    #[inline]
    pub fn is_cell(self) -> bool {
        self.0 & NUMBER_MASK == 0 && self.0 & CELL_ALIGN_MASK == 0
    }

    /// The cell address, if a cell.
    #[inline]
    pub fn cell_addr(self) -> Option<usize> {
        if self.is_cell() {
            Some(self.0 as usize)
        } else {
            None
        }
    }

    /// Is it an int32?
    #[inline]
    pub fn is_int(self) -> bool {
        self.0 & NUMBER_MASK == INT_TAG
    }

    /// Is it a number (int32 or double)?
    #[inline]
    pub fn is_number(self) -> bool {
        self.0 & NUMBER_MASK != 0
    }

    /// Is it a double (a number not stored as int32)?
    #[inline]
    pub fn is_double(self) -> bool {
        self.is_number() && !self.is_int()
    }

    /// The int32, if stored as one.
    #[inline]
    pub fn as_int(self) -> Option<i32> {
        if self.is_int() {
            Some(self.0 as u32 as i32)
        } else {
            None
        }
    }

    /// The number, if a number.
    #[inline]
    pub fn as_number(self) -> Option<f64> {
        if self.is_int() {
            Some(self.0 as u32 as i32 as f64)
        } else if self.is_number() {
            Some(f64::from_bits(self.0 - DOUBLE_OFFSET))
        } else {
            None
        }
    }

    /// The boolean, if a boolean.
    #[inline]
    pub fn as_bool(self) -> Option<bool> {
        match self.0 {
            TRUE => Some(true),
            FALSE => Some(false),
            _ => None,
        }
    }

    /// Is it `undefined`?
    #[inline]
    pub fn is_undefined(self) -> bool {
        self.0 == UNDEFINED
    }
    /// Is it `null`?
    #[inline]
    pub fn is_null(self) -> bool {
        self.0 == NULL
    }
    /// Is it `null` or `undefined`?
    #[inline]
    pub fn is_nullish(self) -> bool {
        self.0 == NULL || self.0 == UNDEFINED
    }
    /// Is it the hole marker?
    #[inline]
    pub fn is_hole(self) -> bool {
        self.0 == HOLE
    }
    /// Is it a boolean?
    #[inline]
    pub fn is_bool(self) -> bool {
        self.0 == TRUE || self.0 == FALSE
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.as_number() {
            write!(f, "Value({n})")
        } else if let Some(a) = self.cell_addr() {
            write!(f, "Value(cell {a:#x})")
        } else {
            let s = match self.0 {
                NULL => "null",
                UNDEFINED => "undefined",
                TRUE => "true",
                FALSE => "false",
                HOLE => "hole",
                _ => "?",
            };
            write!(f, "Value({s})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_never_look_like_cells() {
        for d in [
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            2147483648.0,
            -2147483649.0,
        ] {
            let v = Value::number(d);
            assert!(!v.is_cell(), "{d}");
            assert!(v.is_number());
            assert_eq!(v.as_number().unwrap().to_bits(), d.to_bits(), "{d}");
            assert!(v.to_bits() != 0);
        }
        for bits in [0xfff8_0000_0000_0001u64, 0x7ff0_0000_0000_0001, u64::MAX] {
            let v = Value::double(f64::from_bits(bits));
            assert!(v.as_number().unwrap().is_nan());
            assert_eq!(v, Value::double(f64::NAN), "NaN canonicalised");
        }
        assert!(Value::number(-0.0).is_double());
        assert_eq!(Value::number(7.0), Value::int(7));
        assert_eq!(Value::int(-1).as_int(), Some(-1));
        assert_eq!(Value::int(i32::MIN).as_number(), Some(i32::MIN as f64));
    }

    #[test]
    fn immediates_are_distinct_and_not_cells() {
        let all = [
            Value::UNDEFINED,
            Value::NULL,
            Value::TRUE,
            Value::FALSE,
            Value::HOLE,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(!a.is_cell() && !a.is_number());
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(Value::bool(true).as_bool(), Some(true));
        let c = Value::from_cell_addr(0x7fff_1234_5670);
        assert!(c.is_cell());
        assert_eq!(c.cell_addr(), Some(0x7fff_1234_5670));
        assert_eq!(Value::from_bits(0), None);
    }
}
