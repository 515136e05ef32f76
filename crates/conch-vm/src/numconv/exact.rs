//! Exact decimal expansions of doubles (for `toFixed`, `toExponential`, `toPrecision`) and
//! correctly rounded integer parsing in any radix (for `parseInt`). Stack buffers only.
//!
//! Every finite double x = m × 2^e is a terminating decimal: for e ≥ 0 the integer m × 2^e
//! (at most 309 digits), for e < 0 the integer m × 5^-e scaled by 10^e (at most 767
//! significant digits). Both are computed exactly with a fixed-size big integer, so rounding
//! to any number of digits is decided on the exact digits (no `format!` shortcut: Rust rounds
//! exact ties to even, the spec's three methods round them up).

/// Limbs of the big integer: 2^53 × 5^1074 < 2^2548 needs 80 limbs of 32 bits.
const LIMBS: usize = 82;

/// Longest exact significant-digit string of a double (767), rounded up.
pub const MAX_EXACT_DIGITS: usize = 800;

struct Big {
    limbs: [u32; LIMBS],
    /// Number of limbs in use (the rest are zero).
    used: usize,
}

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut limbs = [0; LIMBS];
        limbs[0] = v as u32;
        limbs[1] = (v >> 32) as u32;
        Big { limbs, used: 2 }
    }

    /// Multiplies by `m`; returns false on overflow (the value is then garbage).
    fn mul_add_small(&mut self, m: u32, add: u32) -> bool {
        let mut carry = u64::from(add);
        for l in &mut self.limbs[..self.used] {
            let v = u64::from(*l) * u64::from(m) + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            if self.used == LIMBS {
                return false;
            }
            self.limbs[self.used] = carry as u32;
            self.used += 1;
        }
        true
    }

    fn shl(&mut self, bits: usize) {
        let (words, rest) = (bits / 32, bits % 32);
        let top = (self.used + words + 1).min(LIMBS);
        for i in (0..top).rev() {
            let lo = if i >= words { self.limbs[i - words] } else { 0 };
            let lower = if i > words {
                self.limbs[i - words - 1]
            } else {
                0
            };
            self.limbs[i] = if rest == 0 {
                lo
            } else {
                (lo << rest) | (lower >> (32 - rest))
            };
        }
        self.used = top;
    }

    fn is_zero(&self) -> bool {
        self.limbs[..self.used].iter().all(|&l| l == 0)
    }

    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for l in self.limbs[..self.used].iter_mut().rev() {
            let v = (rem << 32) | u64::from(*l);
            *l = (v / u64::from(d)) as u32;
            rem = v % u64::from(d);
        }
        while self.used > 1 && self.limbs[self.used - 1] == 0 {
            self.used -= 1;
        }
        rem as u32
    }

    /// The value rounded to the nearest double (ties to even).
    fn to_f64(&self) -> f64 {
        let mut top = self.used;
        while top > 0 && self.limbs[top - 1] == 0 {
            top -= 1;
        }
        if top == 0 {
            return 0.0;
        }
        if top <= 2 {
            let v = u64::from(self.limbs[0])
                | (u64::from(self.limbs.get(1).copied().unwrap_or(0)) << 32);
            return v as f64;
        }
        // The top 64 bits, and whether anything below them is nonzero.
        let hi = self.limbs[top - 1];
        let lz = hi.leading_zeros() as usize;
        let bit_len = top * 32 - lz;
        let shift = bit_len - 64;
        let get = |bit: usize| -> u64 {
            // 32 bits starting at `bit`.
            let (w, r) = (bit / 32, bit % 32);
            let lo = u64::from(self.limbs[w]);
            let hi = u64::from(self.limbs.get(w + 1).copied().unwrap_or(0));
            ((lo | (hi << 32)) >> r) & 0xffff_ffff
        };
        let t = get(shift) | (get(shift + 32) << 32);
        let (w, r) = (shift / 32, shift % 32);
        let sticky = self.limbs[..w].iter().any(|&l| l != 0)
            || (r != 0 && self.limbs[w] & ((1u32 << r) - 1) != 0);
        // Bit 0 of t lies below the double's rounding position: or-ing the sticky bit there
        // makes the u64 → f64 conversion (round to nearest, ties to even) exact.
        let f = (t | u64::from(sticky)) as f64;
        if shift > 1100 {
            return f64::INFINITY;
        }
        f * 2f64.powi(shift as i32)
    }
}

/// The exact decimal expansion of a finite `x > 0`: its significant digits (ASCII, no
/// leading or trailing zeros) into `digits`; returns `(k, n)` with x = 0.d₁d₂…d_k × 10^n.
pub fn exact_decimal(x: f64, digits: &mut [u8; MAX_EXACT_DIGITS]) -> (usize, i32) {
    debug_assert!(x.is_finite() && x > 0.0);
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let stored = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (stored, -1074)
    } else {
        (stored | (1u64 << 52), biased - 1075)
    };
    let mut big = Big::from_u64(m);
    let scale = if e >= 0 {
        big.shl(e as usize);
        0
    } else {
        for _ in 0..-e {
            let ok = big.mul_add_small(5, 0);
            debug_assert!(ok);
        }
        e
    };
    // Digits, least significant first, in chunks of nine.
    let mut rev = [0u8; MAX_EXACT_DIGITS + 9];
    let mut len = 0;
    while !big.is_zero() {
        let mut chunk = big.div_small(1_000_000_000);
        for _ in 0..9 {
            rev[len] = b'0' + (chunk % 10) as u8;
            chunk /= 10;
            len += 1;
        }
    }
    while len > 0 && rev[len - 1] == b'0' {
        len -= 1;
    }
    let n = len as i32 + scale;
    let mut start = 0;
    while rev[start] == b'0' {
        start += 1;
    }
    let k = len - start;
    for i in 0..k {
        digits[i] = rev[len - 1 - i];
    }
    (k, n)
}

/// Rounds x = 0.d₁…d_k × 10^n (exact digits from [`exact_decimal`]) to the digits up to and
/// including position `keep` (counted from d₁; may be ≤ 0), halves rounding up (the spec's
/// "if there are two such n, pick the larger n"). Returns the new `(k, n)`; `k == 0` means the
/// result is 0. Digits are trimmed of trailing zeros.
pub fn round_half_up(
    digits: &mut [u8; MAX_EXACT_DIGITS],
    k: usize,
    n: i32,
    keep: i32,
) -> (usize, i32) {
    if keep >= k as i32 {
        return (k, n);
    }
    if keep < 0 {
        return (0, n);
    }
    let keep = keep as usize;
    let up = digits[keep] >= b'5';
    let mut len = keep;
    if !up {
        while len > 0 && digits[len - 1] == b'0' {
            len -= 1;
        }
        return (len, n);
    }
    // Increment d₁…d_keep; trailing 9s become zeros and are dropped.
    while len > 0 && digits[len - 1] == b'9' {
        len -= 1;
    }
    if len == 0 {
        digits[0] = b'1';
        return (1, n + 1);
    }
    digits[len - 1] += 1;
    (len, n)
}

/// The value of the digits `s` (already validated) in `radix`, correctly rounded to a double
/// (parseInt's step 11; exact for every radix, which the spec allows and the power-of-two
/// radices require).
pub fn parse_int_digits(s: impl Iterator<Item = u32>, radix: u32) -> f64 {
    let mut big = Big::from_u64(0);
    for d in s {
        if !big.mul_add_small(radix, d) {
            // Beyond 2^2600: far past the largest double.
            return f64::INFINITY;
        }
    }
    big.to_f64()
}
