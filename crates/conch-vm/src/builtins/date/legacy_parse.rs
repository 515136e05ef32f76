//! The fallback of `Date.parse` for strings that are neither the Date Time String Format nor
//! one of our own output formats: V8's legacy date parser (`src/date/dateparser-inl.h`), so
//! that everyday strings such as "2024-01-15 10:30:00", "Jan 15, 2024", "1/5/2024 3:04 PM" or
//! "Tue, 1 Feb 2022 08:00:00 +0100" mean what they mean in node and Chrome (§21.4.3.2 leaves
//! such strings to the implementation).
//!
//! The input is a token stream: numbers (their value, at most nine significant digits, and
//! their length), the symbols `: - + . )`, words (only their first three letters count:
//! month names, AM/PM, time-zone names, `T`), white space and parenthesized comments. An ISO
//! prefix is read first; whatever follows goes through the legacy rules (see `parse`).

use super::time::{make_date, make_day, make_time, utc};

const NONE: i32 = i32::MIN;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    End,
    /// Value (capped at nine significant digits) and length in characters.
    Num(i32, usize),
    Sym(u8),
    /// Kind, value and the word's length.
    Word(Kw, i32, usize),
    Space,
    Unknown,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kw {
    Month,
    AmPm,
    Zone,
    TimeSep,
    Other,
}

impl Tok {
    fn fixed(self, n: usize) -> bool {
        matches!(self, Tok::Num(_, l) if l == n)
    }
    fn num(self) -> i32 {
        match self {
            Tok::Num(v, _) => v,
            _ => NONE,
        }
    }
    fn sign(self) -> Option<i32> {
        match self {
            Tok::Sym(b'+') => Some(1),
            Tok::Sym(b'-') => Some(-1),
            _ => None,
        }
    }
    fn is_z(self) -> bool {
        matches!(self, Tok::Word(Kw::Zone, 0, 1))
    }
}

/// (prefix, kind, value): V8's keyword table. Longer words match only month names.
const KEYWORDS: [(&[u8; 3], Kw, i32); 27] = [
    (b"jan", Kw::Month, 1),
    (b"feb", Kw::Month, 2),
    (b"mar", Kw::Month, 3),
    (b"apr", Kw::Month, 4),
    (b"may", Kw::Month, 5),
    (b"jun", Kw::Month, 6),
    (b"jul", Kw::Month, 7),
    (b"aug", Kw::Month, 8),
    (b"sep", Kw::Month, 9),
    (b"oct", Kw::Month, 10),
    (b"nov", Kw::Month, 11),
    (b"dec", Kw::Month, 12),
    (b"am\0", Kw::AmPm, 0),
    (b"pm\0", Kw::AmPm, 12),
    (b"ut\0", Kw::Zone, 0),
    (b"utc", Kw::Zone, 0),
    (b"z\0\0", Kw::Zone, 0),
    (b"gmt", Kw::Zone, 0),
    (b"cdt", Kw::Zone, -5),
    (b"cst", Kw::Zone, -6),
    (b"edt", Kw::Zone, -4),
    (b"est", Kw::Zone, -5),
    (b"mdt", Kw::Zone, -6),
    (b"mst", Kw::Zone, -7),
    (b"pdt", Kw::Zone, -7),
    (b"pst", Kw::Zone, -8),
    (b"t\0\0", Kw::TimeSep, 0),
];

/// The tokenizer, with one token of lookahead. Bytes ≥ 0x80 stand for non-ASCII letters (the
/// caller maps non-ASCII white space to b' ').
struct Scanner<'a> {
    s: &'a [u8],
    i: usize,
    next: Tok,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a [u8]) -> Self {
        let mut sc = Scanner {
            s,
            i: 0,
            next: Tok::End,
        };
        sc.next = sc.scan();
        sc
    }
    fn peek(&self) -> Tok {
        self.next
    }
    fn next(&mut self) -> Tok {
        let t = self.next;
        self.next = self.scan();
        t
    }
    fn skip_sym(&mut self, c: u8) -> bool {
        if self.next == Tok::Sym(c) {
            self.next();
            true
        } else {
            false
        }
    }
    fn ch(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }
    fn scan(&mut self) -> Tok {
        let start = self.i;
        let c = self.ch();
        if self.i >= self.s.len() {
            return Tok::End;
        }
        if c.is_ascii_digit() {
            while self.ch() == b'0' {
                self.i += 1;
            }
            let (mut n, mut digits) = (0i32, 0);
            while self.i < self.s.len() && self.ch().is_ascii_digit() {
                if digits < 9 {
                    n = n * 10 + (self.ch() - b'0') as i32;
                }
                digits += 1;
                self.i += 1;
            }
            return Tok::Num(n, self.i - start);
        }
        if matches!(c, b':' | b'-' | b'+' | b'.' | b')') {
            self.i += 1;
            return Tok::Sym(c);
        }
        if c >= b'A' && !is_space(c) {
            let mut pre = [0u8; 3];
            let mut len = 0;
            while self.i < self.s.len() && self.ch() >= b'A' && !is_space(self.ch()) {
                if len < 3 {
                    pre[len] = self.ch() | 0x20;
                }
                len += 1;
                self.i += 1;
            }
            let (kind, value) = KEYWORDS
                .iter()
                .find(|(p, k, _)| **p == pre && (len <= 3 || *k == Kw::Month))
                .map_or((Kw::Other, 0), |&(_, k, v)| (k, v));
            return Tok::Word(kind, value, len);
        }
        if is_space(c) {
            self.i += 1;
            return Tok::Space;
        }
        if c == b'(' {
            let mut balance = 0;
            loop {
                match self.ch() {
                    b')' => balance -= 1,
                    b'(' => balance += 1,
                    _ => {}
                }
                self.i += 1;
                if balance <= 0 || self.i >= self.s.len() {
                    break;
                }
            }
            return Tok::Unknown;
        }
        self.i += 1;
        Tok::Unknown
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn between(x: i32, lo: i32, hi: i32) -> bool {
    (lo..=hi).contains(&x)
}

/// Year, month and day as they come (V8's DayComposer).
#[derive(Default)]
struct Day {
    comp: [i32; 3],
    n: usize,
    named_month: Option<i32>,
    iso: bool,
}

impl Day {
    fn add(&mut self, v: i32) -> bool {
        if self.n == 3 {
            return false;
        }
        self.comp[self.n] = v;
        self.n += 1;
        true
    }
    /// (year, month 1-based, day).
    fn write(&mut self) -> Option<(i32, i32, i32)> {
        if self.n < 1 {
            return None;
        }
        // Missing components are 1, so "12/25" is in the year 1, which reads as 2001 below.
        while self.n < 3 {
            self.comp[self.n] = 1;
            self.n += 1;
        }
        let c = self.comp;
        let is_day = |x| between(x, 1, 31);
        let (mut year, month, day) = match self.named_month {
            None if self.iso || !is_day(c[0]) => (c[0], c[1], c[2]),
            None => (c[2], c[0], c[1]),
            Some(m) if !is_day(c[0]) => (c[0], m, c[1]),
            Some(m) => (c[1], m, c[0]),
        };
        if !self.iso {
            if between(year, 0, 49) {
                year += 2000;
            } else if between(year, 50, 99) {
                year += 1900;
            }
        }
        (between(month, 1, 12) && is_day(day)).then_some((year, month, day))
    }
}

/// Hours, minutes, seconds, milliseconds (V8's TimeComposer).
struct Time {
    comp: [i32; 4],
    n: usize,
    hour_offset: Option<i32>,
}

impl Time {
    fn is_empty(&self) -> bool {
        self.n == 0
    }
    fn expecting(&self, v: i32) -> bool {
        (self.n == 1 && between(v, 0, 59))
            || (self.n == 2 && between(v, 0, 59))
            || (self.n == 3 && between(v, 0, 999))
    }
    fn add(&mut self, v: i32) -> bool {
        if self.n == 4 {
            return false;
        }
        self.comp[self.n] = v;
        self.n += 1;
        true
    }
    fn add_final(&mut self, v: i32) -> bool {
        if !self.add(v) {
            return false;
        }
        while self.n < 4 {
            self.comp[self.n] = 0;
            self.n += 1;
        }
        true
    }
    fn write(&mut self) -> Option<[i32; 4]> {
        while self.n < 4 {
            self.comp[self.n] = 0;
            self.n += 1;
        }
        let [mut h, m, s, ms] = self.comp;
        if let Some(off) = self.hour_offset {
            if !between(h, 0, 12) {
                return None;
            }
            h = h % 12 + off;
        }
        let ok = between(h, 0, 23) && between(m, 0, 59) && between(s, 0, 59);
        if !(ok && between(ms, 0, 999)) && (h, m, s, ms) != (24, 0, 0, 0) {
            return None;
        }
        Some([h, m, s, ms])
    }
}

/// The UTC offset (V8's TimeZoneComposer); no sign means local time.
struct Zone {
    sign: Option<i32>,
    hour: i32,
    minute: i32,
}

impl Zone {
    fn set(&mut self, hours: i32) {
        let sign = if hours < 0 { -1 } else { 1 };
        self.sign = Some(sign);
        self.hour = hours * sign;
        self.minute = 0;
    }
    fn expecting(&self, v: i32) -> bool {
        self.hour != NONE && self.minute == NONE && between(v, 0, 59)
    }
    fn is_utc(&self) -> bool {
        self.hour == 0 && self.minute == 0
    }
    fn is_empty(&self) -> bool {
        self.hour == NONE
    }
    /// The offset in seconds, or `None` for local time.
    fn write(&self) -> Option<f64> {
        let sign = self.sign?;
        let h = if self.hour == NONE { 0 } else { self.hour };
        let m = if self.minute == NONE { 0 } else { self.minute };
        Some(sign as f64 * (h as f64 * 3600.0 + m as f64 * 60.0))
    }
}

/// The first three significant digits of a fraction of a second.
fn millis(t: Tok) -> i32 {
    let Tok::Num(mut n, len) = t else { return 0 };
    match len {
        1 => n * 100,
        2 => n * 10,
        3 => n,
        _ => {
            for _ in 3..len.min(9) {
                n /= 10;
            }
            n
        }
    }
}

/// The Date Time String Format as far as it goes (V8's ParseES5DateTime): `Ok(token)` is the
/// first token left for the legacy rules (`Tok::End` when the string was all ISO), `Err` an
/// invalid string.
fn parse_iso_prefix(
    sc: &mut Scanner,
    day: &mut Day,
    time: &mut Time,
    tz: &mut Zone,
) -> Result<Tok, ()> {
    if let Some(sign) = sc.peek().sign() {
        let sign_tok = sc.next();
        if !sc.peek().fixed(6) {
            return Ok(sign_tok);
        }
        let year = sc.next().num();
        if sign < 0 && year == 0 {
            return Ok(sign_tok);
        }
        day.add(sign * year);
    } else if sc.peek().fixed(4) {
        day.add(sc.next().num());
    } else {
        return Ok(sc.next());
    }
    if sc.skip_sym(b'-') {
        if !sc.peek().fixed(2) || !between(sc.peek().num(), 1, 12) {
            return Ok(sc.next());
        }
        day.add(sc.next().num());
        if sc.skip_sym(b'-') {
            if !sc.peek().fixed(2) || !between(sc.peek().num(), 1, 31) {
                return Ok(sc.next());
            }
            day.add(sc.next().num());
        }
    }
    if !matches!(sc.peek(), Tok::Word(Kw::TimeSep, _, _)) {
        if sc.peek() != Tok::End {
            return Ok(sc.next());
        }
    } else {
        sc.next();
        let two = |sc: &Scanner, hi: i32| sc.peek().fixed(2) && between(sc.peek().num(), 0, hi);
        if !two(sc, 24) {
            return Err(());
        }
        let h24 = sc.peek().num() == 24;
        time.add(sc.next().num());
        if !sc.skip_sym(b':') || !two(sc, 59) || (h24 && sc.peek().num() > 0) {
            return Err(());
        }
        time.add(sc.next().num());
        if sc.skip_sym(b':') {
            if !two(sc, 59) || (h24 && sc.peek().num() > 0) {
                return Err(());
            }
            time.add(sc.next().num());
            if sc.skip_sym(b'.') {
                if !matches!(sc.peek(), Tok::Num(..)) || (h24 && sc.peek().num() > 0) {
                    return Err(());
                }
                time.add(millis(sc.next()));
            }
        }
        if sc.peek().is_z() {
            sc.next();
            tz.set(0);
        } else if let Some(sign) = sc.peek().sign() {
            sc.next();
            tz.sign = Some(sign);
            if sc.peek().fixed(4) {
                let hm = sc.next().num();
                let (h, m) = (hm / 100, hm % 100);
                if !between(h, 0, 23) || !between(m, 0, 59) {
                    return Err(());
                }
                tz.hour = h;
                tz.minute = m;
            } else {
                if !two(sc, 23) {
                    return Err(());
                }
                tz.hour = sc.next().num();
                if !sc.skip_sym(b':') || !two(sc, 59) {
                    return Err(());
                }
                tz.minute = sc.next().num();
            }
        }
        if sc.peek() != Tok::End {
            return Err(());
        }
    }
    // Date-only forms without an offset are UTC, date-time forms local time.
    if tz.is_empty() && time.is_empty() {
        tz.set(0);
    }
    day.iso = true;
    Ok(Tok::End)
}

/// The time value V8 gives `s` (not yet TimeClipped), or `None` (NaN).
pub(super) fn parse(s: &[u8]) -> Option<f64> {
    let mut sc = Scanner::new(s);
    let mut day = Day::default();
    let mut time = Time {
        comp: [0; 4],
        n: 0,
        hour_offset: None,
    };
    let mut tz = Zone {
        sign: None,
        hour: NONE,
        minute: NONE,
    };
    let first = parse_iso_prefix(&mut sc, &mut day, &mut time, &mut tz).ok()?;
    let mut has_number = day.n > 0;
    let mut tok = first;
    while tok != Tok::End {
        match tok {
            Tok::Num(n, _) => {
                has_number = true;
                if sc.skip_sym(b':') {
                    if sc.skip_sym(b':') {
                        // "n::": n hours and zero minutes.
                        if !time.is_empty() {
                            return None;
                        }
                        time.add(n);
                        time.add(0);
                    } else {
                        if !time.add(n) {
                            return None;
                        }
                        if sc.peek() == Tok::Sym(b'.') {
                            sc.next();
                        }
                    }
                } else if sc.skip_sym(b'.') && time.expecting(n) {
                    // (V8 consumes the '.' even when no time is expected.)
                    time.add(n);
                    if !matches!(sc.peek(), Tok::Num(..)) {
                        return None;
                    }
                    time.add_final(millis(sc.next()));
                } else if tz.expecting(n) {
                    tz.minute = n;
                } else if time.expecting(n) {
                    time.add_final(n);
                    // The time must end here: end, space, "Z" or an offset's sign.
                    let p = sc.peek();
                    if !(p == Tok::End || p == Tok::Space || p.is_z() || p.sign().is_some()) {
                        return None;
                    }
                } else {
                    if !day.add(n) {
                        return None;
                    }
                    sc.skip_sym(b'-');
                }
            }
            Tok::Word(kind, value, _) => {
                if kind == Kw::AmPm && !time.is_empty() {
                    time.hour_offset = Some(value);
                } else if kind == Kw::Month {
                    day.named_month = Some(value);
                    sc.skip_sym(b'-');
                } else if kind == Kw::Zone && has_number {
                    tz.set(value);
                } else {
                    // Words are ignored before the first number, and must not touch it.
                    if has_number || matches!(sc.peek(), Tok::Num(..)) {
                        return None;
                    }
                }
            }
            Tok::Sym(b'+' | b'-') if tz.is_utc() || !time.is_empty() => {
                // A UTC offset, after "UTC"/"GMT" or a time.
                tz.sign = Some(tok.sign().unwrap_or(1));
                let (mut n, mut len) = (0, 0);
                if let Tok::Num(v, l) = sc.peek() {
                    sc.next();
                    n = v;
                    len = l;
                }
                has_number = true;
                if sc.peek() == Tok::Sym(b':') {
                    tz.hour = n;
                    tz.minute = NONE;
                } else if len == 1 || len == 2 {
                    tz.hour = n;
                    tz.minute = 0;
                } else if len == 3 || len == 4 {
                    tz.hour = n / 100;
                    tz.minute = n % 100;
                } else {
                    return None;
                }
            }
            Tok::Sym(b'+' | b'-' | b')') if has_number => return None,
            _ => {}
        }
        tok = sc.next();
    }
    let (y, m, d) = day.write()?;
    let [h, mi, sec, ms] = time.write()?;
    let t = make_date(
        make_day(y as f64, (m - 1) as f64, d as f64),
        make_time(h as f64, mi as f64, sec as f64, ms as f64),
    );
    Some(match tz.write() {
        Some(offset) => t - offset * 1000.0,
        None => utc(t),
    })
}
