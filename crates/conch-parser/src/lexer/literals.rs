//! Numeric, string and template literals.

use super::{is_id_start, js, Buf, Lexer, Tok, TokValue, Token};
use crate::error::ParseError;

fn digit_val(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'f' => (b - b'a' + 10) as u32,
        b'A'..=b'F' => (b - b'A' + 10) as u32,
        _ => 99,
    }
}

impl<'a> Lexer<'a> {
    /// Digits of `radix` with numeric separators; returns the number of digits read.
    fn digits(&mut self, radix: u32, separators: bool) -> Result<usize, ParseError> {
        let mut count = 0;
        let mut last_sep = false;
        loop {
            let b = self.peek_byte(0);
            if b == b'_' && separators {
                if count == 0 || last_sep {
                    return Err(self.err(self.pos, "Numeric separators are not allowed here"));
                }
                last_sep = true;
                self.pos += 1;
                continue;
            }
            if digit_val(b) < radix {
                count += 1;
                last_sep = false;
                self.pos += 1;
            } else {
                break;
            }
        }
        if last_sep {
            return Err(self.err(
                self.pos - 1,
                "Numeric separators are not allowed at the end of numeric literals",
            ));
        }
        Ok(count)
    }

    pub(super) fn scan_number(&mut self, tok: &mut Token<'a>) -> Result<(), ParseError> {
        let start = self.pos;
        let b0 = self.peek_byte(0);
        let b1 = self.peek_byte(1) | 0x20;
        tok.kind = Tok::Number;
        if b0 == b'0' && (b1 == b'x' || b1 == b'o' || b1 == b'b') {
            let radix = match b1 {
                b'x' => 16,
                b'o' => 8,
                _ => 2,
            };
            self.pos += 2;
            let dstart = self.pos;
            if self.digits(radix, true)? == 0 {
                return Err(self.err(start, "Invalid or unexpected token"));
            }
            let text = &self.bytes[dstart..self.pos];
            if self.peek_byte(0) == b'n' {
                self.pos += 1;
                tok.kind = Tok::BigInt;
                tok.value = TokValue::BigInt(self.bigint_decimal(text, radix)?);
            } else {
                tok.value = TokValue::Number(radix_value(text, radix));
            }
            return self.check_after_number();
        }
        if b0 == b'0' && self.peek_byte(1).is_ascii_digit() {
            // Legacy octal (0777) or NonOctalDecimalIntegerLiteral (089).
            tok.legacy_octal = Some(start as u32);
            self.pos += 1;
            let mut octal = true;
            while self.peek_byte(0).is_ascii_digit() {
                if self.peek_byte(0) >= b'8' {
                    octal = false;
                }
                self.pos += 1;
            }
            if self.peek_byte(0) == b'_' {
                return Err(self.err(self.pos, "Numeric separators are not allowed here"));
            }
            if octal {
                tok.value = TokValue::Number(radix_value(&self.bytes[start + 1..self.pos], 8));
                if self.peek_byte(0) == b'n' {
                    return Err(self.err(start, "Invalid BigInt literal"));
                }
                return self.check_after_number();
            }
            // Decimal with fraction/exponent allowed (but no BigInt).
            return self.decimal_tail(tok, start);
        }
        if b0 == b'.' {
            return self.decimal_tail(tok, start);
        }
        if b0 == b'0' && self.peek_byte(1) == b'_' {
            return Err(self.err(
                start + 1,
                "Numeric separator can not be used after leading 0",
            ));
        }
        self.digits(10, true)?;
        if self.peek_byte(0) == b'n' {
            let text = &self.bytes[start..self.pos];
            if text.len() > 1 && text[0] == b'0' {
                return Err(self.err(start, "Invalid BigInt literal"));
            }
            self.pos += 1;
            tok.kind = Tok::BigInt;
            tok.value = TokValue::BigInt(self.bigint_decimal(text, 10)?);
            return self.check_after_number();
        }
        self.decimal_tail(tok, start)
    }

    /// After the integer part: `.digits` and exponent.
    fn decimal_tail(&mut self, tok: &mut Token<'a>, start: usize) -> Result<(), ParseError> {
        if self.peek_byte(0) == b'.' {
            self.pos += 1;
            if self.peek_byte(0) == b'_' {
                return Err(self.err(self.pos, "Numeric separators are not allowed here"));
            }
            self.digits(10, true)?;
        }
        if self.peek_byte(0) | 0x20 == b'e' {
            self.pos += 1;
            if matches!(self.peek_byte(0), b'+' | b'-') {
                self.pos += 1;
            }
            if self.digits(10, true)? == 0 {
                return Err(self.err(start, "Invalid or unexpected token"));
            }
        }
        let text = &self.bytes[start..self.pos];
        tok.value = TokValue::Number(parse_decimal(text));
        self.check_after_number()
    }

    fn check_after_number(&self) -> Result<(), ParseError> {
        let b = self.peek_byte(0);
        if b.is_ascii_digit() || b == b'\\' {
            return Err(self.err(self.pos, "Invalid or unexpected token"));
        }
        if let Some(c) = self.char_at(self.pos) {
            if is_id_start(c) {
                return Err(self.err(self.pos, "Invalid or unexpected token"));
            }
        }
        Ok(())
    }

    /// Converts BigInt digits of `radix` (separators allowed) to decimal digits in the arena.
    fn bigint_decimal(&self, text: &[u8], radix: u32) -> Result<&'a str, ParseError> {
        // Little-endian base-1e9 limbs, in the arena.
        let mut limbs: allocator_api2::vec::Vec<u32, &'a conch_mm::Arena> =
            allocator_api2::vec::Vec::new_in(self.arena);
        for &b in text {
            if b == b'_' {
                continue;
            }
            let d = digit_val(b);
            let mut carry = d as u64;
            for l in limbs.iter_mut() {
                let v = *l as u64 * radix as u64 + carry;
                *l = (v % 1_000_000_000) as u32;
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.try_reserve(1).map_err(|_| ParseError::oom())?;
                limbs.push(carry as u32);
            }
        }
        let mut buf = Buf::new(self.arena);
        match limbs.last() {
            None => buf.push(b'0')?,
            Some(&top) => {
                let mut tmp = [0u8; 10];
                let s = write_u32(top, &mut tmp);
                buf.extend(s)?;
                for &l in limbs.iter().rev().skip(1) {
                    let mut t = [b'0'; 9];
                    let mut v = l;
                    for i in (0..9).rev() {
                        t[i] = b'0' + (v % 10) as u8;
                        v /= 10;
                    }
                    buf.extend(&t)?;
                }
            }
        }
        let bytes = buf.finish();
        std::str::from_utf8(bytes).map_err(|_| ParseError::oom())
    }

    pub(super) fn scan_string(&mut self, tok: &mut Token<'a>, quote: u8) -> Result<(), ParseError> {
        let start = self.pos;
        self.pos += 1;
        let content_start = self.pos;
        // Fast path: no escapes.
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.err(start, "Invalid or unexpected token"));
            };
            if b == quote {
                tok.kind = Tok::String;
                tok.value = TokValue::Str(js(&self.bytes[content_start..self.pos]));
                self.pos += 1;
                return Ok(());
            }
            if b == b'\\' {
                break;
            }
            if b == b'\n' || b == b'\r' {
                return Err(self.err(start, "Invalid or unexpected token"));
            }
            self.pos += 1;
        }
        let mut buf = Buf::new(self.arena);
        buf.extend(&self.bytes[content_start..self.pos])?;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.err(start, "Invalid or unexpected token"));
            };
            if b == quote {
                self.pos += 1;
                break;
            }
            match b {
                b'\\' => {
                    let esc_at = self.pos;
                    self.pos += 1;
                    match self.escape(&mut buf, false)? {
                        EscapeResult::Ok => {}
                        EscapeResult::LegacyOctal => {
                            if tok.legacy_octal.is_none() {
                                tok.legacy_octal = Some(esc_at as u32);
                            }
                        }
                        EscapeResult::Invalid(at, msg) => return Err(self.err(at, msg)),
                    }
                }
                b'\n' | b'\r' => return Err(self.err(start, "Invalid or unexpected token")),
                _ => {
                    buf.push(b)?;
                    self.pos += 1;
                }
            }
        }
        tok.kind = Tok::String;
        tok.value = TokValue::Str(js(buf.finish()));
        Ok(())
    }

    /// Decodes one escape after the backslash into `buf`.
    fn escape(&mut self, buf: &mut Buf<'a>, template: bool) -> Result<EscapeResult, ParseError> {
        let at = self.pos - 1;
        let Some(c) = self.char_at(self.pos) else {
            return Ok(EscapeResult::Invalid(at, "Invalid or unexpected token"));
        };
        self.pos += c.len_utf8();
        let cp = match c {
            'b' => 8,
            't' => 9,
            'n' => 10,
            'v' => 11,
            'f' => 12,
            'r' => 13,
            '\r' => {
                if self.peek_byte(0) == b'\n' {
                    self.pos += 1;
                }
                return Ok(EscapeResult::Ok);
            }
            '\n' | '\u{2028}' | '\u{2029}' => return Ok(EscapeResult::Ok),
            'x' => {
                let h = digit_val(self.peek_byte(0));
                let l = digit_val(self.peek_byte(1));
                if h >= 16 || l >= 16 {
                    return Ok(EscapeResult::Invalid(
                        at,
                        "Invalid hexadecimal escape sequence",
                    ));
                }
                self.pos += 2;
                h * 16 + l
            }
            'u' => match self.read_unicode_escape_body() {
                Some(cp) => cp,
                None => return Ok(EscapeResult::Invalid(at, "Invalid Unicode escape sequence")),
            },
            '0' if !self.peek_byte(0).is_ascii_digit() => 0,
            '0'..='7' => {
                if template {
                    return Ok(EscapeResult::Invalid(
                        at,
                        "Octal escape sequences are not allowed in template strings",
                    ));
                }
                let mut v = c as u32 - '0' as u32;
                let max_len = if c <= '3' { 3 } else { 2 };
                let mut len = 1;
                while len < max_len && (b'0'..=b'7').contains(&self.peek_byte(0)) {
                    v = v * 8 + (self.peek_byte(0) - b'0') as u32;
                    self.pos += 1;
                    len += 1;
                }
                buf.push_cp(v)?;
                return Ok(EscapeResult::LegacyOctal);
            }
            '8' | '9' => {
                if template {
                    return Ok(EscapeResult::Invalid(
                        at,
                        "\\8 and \\9 are not allowed in template strings",
                    ));
                }
                buf.push_cp(c as u32)?;
                return Ok(EscapeResult::LegacyOctal);
            }
            c => c as u32,
        };
        buf.push_cp(cp)?;
        Ok(EscapeResult::Ok)
    }

    /// Scans a template part after `` ` `` or `}`; returns its kind.
    pub(super) fn scan_template(
        &mut self,
        tok: &mut Token<'a>,
        head: bool,
    ) -> Result<Tok, ParseError> {
        let content_start = self.pos;
        let mut cooked = Buf::new(self.arena);
        let mut raw: Option<Buf<'a>> = None;
        let mut invalid = false;
        let mut simple = true;
        let kind;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.err(tok.start as usize, "Unterminated template literal"));
            };
            match b {
                b'`' => {
                    kind = if head {
                        Tok::Template
                    } else {
                        Tok::TemplateTail
                    };
                    break;
                }
                b'$' if self.peek_byte(1) == b'{' => {
                    kind = if head {
                        Tok::TemplateHead
                    } else {
                        Tok::TemplateMiddle
                    };
                    break;
                }
                b'\\' => {
                    if simple {
                        simple = false;
                        cooked.extend(&self.bytes[content_start..self.pos])?;
                    }
                    let esc_start = self.pos;
                    self.pos += 1;
                    match self.escape(&mut cooked, true)? {
                        EscapeResult::Ok | EscapeResult::LegacyOctal => {}
                        EscapeResult::Invalid(at, _) => {
                            invalid = true;
                            if tok.legacy_octal.is_none() {
                                tok.legacy_octal = Some(at as u32);
                            }
                            // `escape` consumed what it read (nothing at the end of input);
                            // scanning resumes there.
                        }
                    }
                    if let Some(r) = raw.as_mut() {
                        let esc = &self.bytes[esc_start..self.pos];
                        // Raw line continuations normalise CR/CRLF to LF.
                        if esc.len() >= 2 && esc[1] == b'\r' {
                            r.extend(b"\\\n")?;
                        } else {
                            r.extend(esc)?;
                        }
                    } else if self.bytes[esc_start + 1..self.pos].contains(&b'\r') {
                        let mut r = Buf::new(self.arena);
                        r.extend(&self.bytes[content_start..esc_start])?;
                        r.extend(b"\\\n")?;
                        raw = Some(r);
                    }
                }
                b'\r' => {
                    if simple {
                        simple = false;
                        cooked.extend(&self.bytes[content_start..self.pos])?;
                    }
                    if raw.is_none() {
                        let mut r = Buf::new(self.arena);
                        r.extend(&self.bytes[content_start..self.pos])?;
                        raw = Some(r);
                    }
                    self.pos += 1;
                    if self.peek_byte(0) == b'\n' {
                        self.pos += 1;
                    }
                    cooked.push(b'\n')?;
                    if let Some(r) = raw.as_mut() {
                        r.push(b'\n')?;
                    }
                }
                _ => {
                    if !simple {
                        cooked.push(b)?;
                    }
                    if let Some(r) = raw.as_mut() {
                        r.push(b)?;
                    }
                    self.pos += 1;
                }
            }
        }
        let raw_bytes = match raw {
            Some(r) => r.finish(),
            None => &self.bytes[content_start..self.pos],
        };
        let cooked_val = if invalid {
            None
        } else if simple {
            Some(js(&self.bytes[content_start..self.pos]))
        } else {
            Some(js(cooked.finish()))
        };
        tok.value = TokValue::Template(cooked_val, js(raw_bytes));
        self.pos += if kind == Tok::Template || kind == Tok::TemplateTail {
            1
        } else {
            2
        };
        Ok(kind)
    }
}

enum EscapeResult {
    Ok,
    LegacyOctal,
    Invalid(usize, &'static str),
}

fn write_u32(mut v: u32, tmp: &mut [u8; 10]) -> &[u8] {
    let mut i = 10;
    loop {
        i -= 1;
        tmp[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    &tmp[i..]
}

/// Value of digits in a power-of-two or octal radix (separators skipped), correctly rounded.
fn radix_value(text: &[u8], radix: u32) -> f64 {
    let mut v: u64 = 0;
    let mut i = 0;
    let digits: &[u8] = text;
    while i < digits.len() {
        let b = digits[i];
        if b == b'_' {
            i += 1;
            continue;
        }
        let d = digit_val(b) as u64;
        match v.checked_mul(radix as u64).and_then(|x| x.checked_add(d)) {
            Some(n) => v = n,
            None => break,
        }
        i += 1;
    }
    if i == digits.len() {
        return v as f64;
    }
    // Too large for u64: accumulate the rest in floating point (exact for power-of-two radixes
    // up to the 53-bit mantissa; sticky rounding is approximated).
    let mut f = v as f64;
    while i < digits.len() {
        let b = digits[i];
        i += 1;
        if b == b'_' {
            continue;
        }
        f = f * radix as f64 + digit_val(b) as f64;
    }
    f
}

/// Parses a decimal literal (separators allowed) correctly rounded.
fn parse_decimal(text: &[u8]) -> f64 {
    let mut tmp = [0u8; 64];
    let mut n = 0;
    let mut fits = true;
    for &b in text {
        if b == b'_' {
            continue;
        }
        if n < tmp.len() {
            tmp[n] = b;
            n += 1;
        } else {
            fits = false;
            break;
        }
    }
    if fits {
        return std::str::from_utf8(&tmp[..n])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(f64::NAN);
    }
    // Long literal: Rust's parser handles arbitrary length, but separators must go. Parse
    // pieces: drop separators by re-parsing chunks is not exact, so copy into a stack-free
    // path: a literal this long with separators is rare; without separators parse directly.
    if !text.contains(&b'_') {
        return std::str::from_utf8(text)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(f64::NAN);
    }
    long_decimal(text)
}

fn long_decimal(text: &[u8]) -> f64 {
    // Significant digits beyond ~800 cannot change the result except in pathological ties;
    // keep the first 760 significant digits and fold the rest into the exponent.
    let mut mant = [0u8; 780];
    let mut m = 0;
    let mut exp_adjust: i64 = 0;
    let mut seen_dot = false;
    let mut i = 0;
    let mut sticky = false;
    while i < text.len() {
        let b = text[i];
        match b {
            b'_' => {}
            b'.' => seen_dot = true,
            b'0'..=b'9' => {
                if m < 760 {
                    if !(m == 0 && b == b'0') {
                        mant[m] = b;
                        m += 1;
                    }
                    if seen_dot {
                        exp_adjust -= 1;
                    }
                } else {
                    if b != b'0' {
                        sticky = true;
                    }
                    if !seen_dot {
                        exp_adjust += 1;
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    let mut exp: i64 = 0;
    if i < text.len() {
        let mut j = i + 1;
        let mut neg = false;
        if j < text.len() && (text[j] == b'+' || text[j] == b'-') {
            neg = text[j] == b'-';
            j += 1;
        }
        while j < text.len() {
            if text[j] != b'_' {
                exp = (exp * 10 + (text[j] - b'0') as i64).min(1_000_000_000);
            }
            j += 1;
        }
        if neg {
            exp = -exp;
        }
    }
    if m == 0 {
        return 0.0;
    }
    if sticky && m < 779 {
        mant[m] = b'1';
        m += 1;
        exp_adjust -= 1;
    }
    let total = exp + exp_adjust;
    let mut out = [0u8; 800];
    let mut k = m;
    out[..m].copy_from_slice(&mant[..m]);
    out[k] = b'e';
    k += 1;
    let mut tmp = [0u8; 24];
    let s = {
        let mut v = total.unsigned_abs();
        let mut p = 24;
        loop {
            p -= 1;
            tmp[p] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if total < 0 {
            p -= 1;
            tmp[p] = b'-';
        }
        &tmp[p..]
    };
    out[k..k + s.len()].copy_from_slice(s);
    k += s.len();
    std::str::from_utf8(&out[..k])
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}
