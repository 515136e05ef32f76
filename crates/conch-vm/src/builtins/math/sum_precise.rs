//! `Math.sumPrecise(items)` (ES2026): the exact sum of finite doubles, rounded once.
//!
//! Every finite double is an integer multiple of 2^-1074 below 2^1024, so the sum of up to
//! 2^53 of them is an integer times 2^-1074 that fits in 1074 + 1024 + 53 bits. The sum is
//! kept exactly in a fixed two's-complement accumulator of 34 words (2,176 bits) and
//! converted to the nearest double (ties to even) at the end: no intermediate rounding or
//! overflow, whatever the order of the values.

use crate::builtins::arg;
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::ops::iteration::{
    get_iterator_from_method, get_method, iterator_close_throw, iterator_step_value,
};
use conch_gc::{Gc, Value};

const WORDS: usize = 34;

/// An exact sum of finite doubles, in units of 2^-1074.
#[derive(Clone)]
pub(super) struct ExactSum {
    w: [u64; WORDS],
}

impl ExactSum {
    pub(super) fn new() -> ExactSum {
        ExactSum { w: [0; WORDS] }
    }

    /// Adds a finite double.
    pub(super) fn add(&mut self, x: f64) {
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as u32;
        let frac = bits & ((1 << 52) - 1);
        let (m, pos) = if exp == 0 {
            (frac, 0)
        } else {
            (frac | (1 << 52), exp - 1)
        };
        if m == 0 {
            return;
        }
        // m × 2^pos in units of 2^-1074, spread over two words.
        let (word, shift) = ((pos / 64) as usize, pos % 64);
        let lo = m << shift;
        let hi = if shift == 0 { 0 } else { m >> (64 - shift) };
        if bits >> 63 == 0 {
            let mut carry;
            (self.w[word], carry) = self.w[word].overflowing_add(lo);
            let (s, c1) = self.w[word + 1].overflowing_add(hi);
            let (s, c2) = s.overflowing_add(carry as u64);
            self.w[word + 1] = s;
            carry = c1 || c2;
            let mut i = word + 2;
            while carry && i < WORDS {
                (self.w[i], carry) = self.w[i].overflowing_add(1);
                i += 1;
            }
        } else {
            let mut borrow;
            (self.w[word], borrow) = self.w[word].overflowing_sub(lo);
            let (s, b1) = self.w[word + 1].overflowing_sub(hi);
            let (s, b2) = s.overflowing_sub(borrow as u64);
            self.w[word + 1] = s;
            borrow = b1 || b2;
            let mut i = word + 2;
            while borrow && i < WORDS {
                (self.w[i], borrow) = self.w[i].overflowing_sub(1);
                i += 1;
            }
        }
    }

    fn bit(w: &[u64; WORDS], i: usize) -> bool {
        (w[i / 64] >> (i % 64)) & 1 == 1
    }

    /// The sum rounded to the nearest double, ties to even (+0 for an exact zero; ±Infinity
    /// past the largest finite double).
    pub(super) fn to_f64(&self) -> f64 {
        let negative = self.w[WORDS - 1] >> 63 == 1;
        let mut w = self.w;
        if negative {
            let mut carry = true;
            for x in w.iter_mut() {
                let (s, c) = (!*x).overflowing_add(carry as u64);
                *x = s;
                carry = c;
            }
        }
        let Some(top) = (0..WORDS).rev().find(|&i| w[i] != 0) else {
            return 0.0;
        };
        let h = top * 64 + 63 - w[top].leading_zeros() as usize;
        let magnitude = if h < 53 {
            // Below 2^53 units: exact, as a subnormal or the smallest normals.
            w[0] as f64 * f64::from_bits(1)
        } else {
            let mut m = 0u64;
            for i in 0..53 {
                m = (m << 1) | Self::bit(&w, h - i) as u64;
            }
            let round = Self::bit(&w, h - 53);
            let sticky = (0..h - 53).any(|i| Self::bit(&w, i));
            let mut h = h;
            if round && (sticky || m & 1 == 1) {
                m += 1;
                if m == 1 << 53 {
                    m >>= 1;
                    h += 1;
                }
            }
            let biased = h as i64 - 1074 + 1023;
            if biased >= 0x7ff {
                f64::INFINITY
            } else {
                f64::from_bits(((biased as u64) << 52) | (m & ((1 << 52) - 1)))
            }
        };
        if negative {
            -magnitude
        } else {
            magnitude
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    MinusZero,
    Finite,
    PlusInfinity,
    MinusInfinity,
    NaN,
}

/// `Math.sumPrecise(items)`.
pub(super) fn sum_precise(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let items = arg(args, 0);
    if items.is_nullish() {
        return Err(cx.type_error("Math.sumPrecise: the argument is null or undefined"));
    }
    let ik = crate::key::PropertyKey::symbol(cx.rt.well_known(crate::WellKnown::iterator));
    let m = get_method(cx, items, ik)?;
    if m.is_undefined() {
        return Err(cx.type_error("Math.sumPrecise: the argument is not iterable"));
    }
    let r = get_iterator_from_method(cx, items, m)?;
    let mut state = State::MinusZero;
    let mut sum = ExactSum::new();
    let mut count: u64 = 0;
    while let Some(v) = iterator_step_value(cx, r)? {
        count += 1;
        if count >= 1 << 53 {
            let e = cx.range_error("Math.sumPrecise: too many values");
            return Err(iterator_close_throw(cx, r, e));
        }
        let Some(x) = v.as_number() else {
            let e = cx.type_error("Math.sumPrecise: the iterable yields a non-number");
            return Err(iterator_close_throw(cx, r, e));
        };
        if state == State::NaN {
            continue;
        }
        if x.is_nan() {
            state = State::NaN;
        } else if x == f64::INFINITY {
            state = if state == State::MinusInfinity {
                State::NaN
            } else {
                State::PlusInfinity
            };
        } else if x == f64::NEG_INFINITY {
            state = if state == State::PlusInfinity {
                State::NaN
            } else {
                State::MinusInfinity
            };
        } else if !(x == 0.0 && x.is_sign_negative())
            && matches!(state, State::MinusZero | State::Finite)
        {
            state = State::Finite;
            sum.add(x);
        }
    }
    Ok(Value::number(match state {
        State::NaN => f64::NAN,
        State::PlusInfinity => f64::INFINITY,
        State::MinusInfinity => f64::NEG_INFINITY,
        State::MinusZero => -0.0,
        State::Finite => sum.to_f64(),
    }))
}
