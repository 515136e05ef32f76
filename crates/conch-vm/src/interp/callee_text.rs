//! The callee of a failed call written the way V8's `CallPrinter` writes it, for "… is not a
//! function" / "… is not a constructor": `o.f`, `g(...).a.b`, `o[k]`, `o?.a`, `(0 , o.a)`,
//! `(intermediate value).m`.
//!
//! Nothing is recorded at compile time: the renderer re-reads the source text from the call's
//! recorded position (the start of the call expression) and prints the callee of the `nth` call
//! that starts there (`g().a.b()` has two). It reads a subset of the expression grammar
//! (members, calls, `new`, literals, templates, operators, function literals skipped); on
//! anything else, or output longer than [`CAP`], it answers `None` and the caller describes the
//! value instead. Every read is bounds-checked and recursion is depth-limited.

use crate::string::Chars;

/// The longest rendering kept (code units).
pub(crate) const CAP: usize = 256;
/// Nesting limit of the recursive reader.
const MAX_DEPTH: u32 = 48;
/// What V8 prints for a sub-expression it does not name.
const INTERMEDIATE: &str = "(intermediate value)";

/// A rendered callee.
pub(crate) struct Rendered {
    buf: [u16; CAP],
    n: usize,
    /// Output suppressed while > 0 (the parts V8 does not print).
    mute: u32,
}

impl Rendered {
    fn new() -> Rendered {
        Rendered {
            buf: [0; CAP],
            n: 0,
            mute: 0,
        }
    }

    /// The code units.
    pub(crate) fn units(&self) -> &[u16] {
        &self.buf[..self.n]
    }

    fn put(&mut self, u: u16) -> Option<()> {
        if self.mute > 0 {
            return Some(());
        }
        *self.buf.get_mut(self.n)? = u;
        self.n += 1;
        Some(())
    }

    fn ascii(&mut self, s: &str) -> Option<()> {
        s.bytes().try_for_each(|b| self.put(b as u16))
    }

    /// Inserts `u` at `at` (an earlier length), shifting what follows.
    fn insert(&mut self, at: usize, u: u16) -> Option<()> {
        if self.mute > 0 {
            return Some(());
        }
        if self.n >= CAP || at > self.n {
            return None;
        }
        self.buf.copy_within(at..self.n, at + 1);
        self.buf[at] = u;
        self.n += 1;
        Some(())
    }
}

/// Renders the callee of the `nth` (from 0) call or `new` starting at code unit `start` of
/// `src`.
pub(crate) fn render(src: Chars, start: usize, nth: usize) -> Option<Rendered> {
    let mut p = P {
        src,
        i: start,
        out: Rendered::new(),
        depth: 0,
        calls: 0,
    };
    if start >= src.len() {
        return None;
    }
    match p.lhs(Some(nth))? {
        Chain::Stopped => {}
        Chain::Ended => return None,
    }
    if p.out.n == 0 {
        p.out.ascii(INTERMEDIATE)?;
    }
    Some(p.out)
}

/// Renders the expression starting at code unit `start` of `src` (an operand such as the
/// iterable of `for (… of x)`), as V8's `CallPrinter` prints it.
pub(crate) fn render_expr(src: Chars, start: usize) -> Option<Rendered> {
    let mut p = P {
        src,
        i: start,
        out: Rendered::new(),
        depth: 0,
        calls: 0,
    };
    if start >= src.len() {
        return None;
    }
    p.expr(2)?;
    if p.out.n == 0 {
        p.out.ascii(INTERMEDIATE)?;
    }
    Some(p.out)
}

/// A token: its kind and code-unit range.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Ident,
    Private,
    Num,
    Str,
    /// A backquote (the template is read by the parser).
    Tick,
    Punct(&'static str),
    End,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    k: K,
    s: usize,
    e: usize,
}

/// Whether a chain stopped at the wanted call or ended before it.
enum Chain {
    Stopped,
    Ended,
}

const PUNCTS: [&str; 49] = [
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "**", "<<", ">>", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%",
    "&",
];
const PUNCTS1: [&str; 10] = ["|", "^", "!", "~", "?", ":", "=", ".", "@", "#"];

/// Binary operators by precedence (higher binds tighter); `**` is right-associative.
fn binary_prec(p: &str) -> Option<u8> {
    Some(match p {
        "," => 1,
        "??" => 4,
        "||" => 4,
        "&&" => 5,
        "|" => 6,
        "^" => 7,
        "&" => 8,
        "==" | "!=" | "===" | "!==" => 9,
        "<" | ">" | "<=" | ">=" | "in" | "instanceof" => 10,
        "<<" | ">>" | ">>>" => 11,
        "+" | "-" => 12,
        "*" | "/" | "%" => 13,
        "**" => 14,
        _ => return None,
    })
}

/// The arithmetic V8's parser folds when both operands are numeric literals.
fn fold(op: &str) -> Option<fn(f64, f64) -> f64> {
    use crate::numconv::{to_int32, to_uint32};
    Some(match op {
        "+" => |a, b| a + b,
        "-" => |a, b| a - b,
        "*" => |a, b| a * b,
        "/" => |a, b| a / b,
        "%" => |a, b| a % b,
        "|" => |a, b| (to_int32(a) | to_int32(b)) as f64,
        "&" => |a, b| (to_int32(a) & to_int32(b)) as f64,
        "^" => |a, b| (to_int32(a) ^ to_int32(b)) as f64,
        "<<" => |a, b| to_int32(a).wrapping_shl(to_uint32(b) & 31) as f64,
        ">>" => |a, b| (to_int32(a) >> (to_uint32(b) & 31)) as f64,
        ">>>" => |a, b| (to_uint32(a) >> (to_uint32(b) & 31)) as f64,
        _ => return None,
    })
}

fn is_ws(u: u16) -> bool {
    matches!(
        u,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

fn is_id_part(u: u16) -> bool {
    matches!(u, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A | 0x24 | 0x5F) || (u >= 0x80 && !is_ws(u))
}

fn hex(u: u16) -> Option<u32> {
    (u as u8 as u16 == u)
        .then(|| (u as u8 as char).to_digit(16))
        .flatten()
}

struct P<'s> {
    src: Chars<'s>,
    i: usize,
    out: Rendered,
    depth: u32,
    /// Calls counted on the top-level chain.
    calls: usize,
}

impl P<'_> {
    fn at(&self, i: usize) -> Option<u16> {
        (i < self.src.len()).then(|| self.src.at(i))
    }

    fn skip_ws(&mut self) -> Option<()> {
        loop {
            match self.at(self.i) {
                Some(u) if is_ws(u) => self.i += 1,
                Some(0x2F) if self.at(self.i + 1) == Some(0x2F) => {
                    while let Some(u) = self.at(self.i) {
                        if matches!(u, 0x0A | 0x0D | 0x2028 | 0x2029) {
                            break;
                        }
                        self.i += 1;
                    }
                }
                Some(0x2F) if self.at(self.i + 1) == Some(0x2A) => {
                    self.i += 2;
                    loop {
                        match self.at(self.i)? {
                            0x2A if self.at(self.i + 1) == Some(0x2F) => break,
                            _ => self.i += 1,
                        }
                    }
                    self.i += 2;
                }
                _ => return Some(()),
            }
        }
    }

    /// The next token (not consumed).
    fn peek(&mut self) -> Option<Tok> {
        self.skip_ws()?;
        let s = self.i;
        let Some(u) = self.at(s) else {
            return Some(Tok { k: K::End, s, e: s });
        };
        let ident_end = |p: &Self, mut e: usize| {
            while p.at(e).is_some_and(is_id_part) {
                e += 1;
            }
            e
        };
        let tok = |k, e| Some(Tok { k, s, e });
        match u {
            0x5C => None, // escaped identifiers are not read
            0x23 if self
                .at(s + 1)
                .is_some_and(|c| is_id_part(c) && !(0x30..=0x39).contains(&c)) =>
            {
                tok(K::Private, ident_end(self, s + 1))
            }
            0x30..=0x39 => tok(K::Num, self.number_end(s)),
            0x2E if self.at(s + 1).is_some_and(|c| (0x30..=0x39).contains(&c)) => {
                tok(K::Num, self.number_end(s))
            }
            0x22 | 0x27 => {
                let mut e = s + 1;
                loop {
                    match self.at(e)? {
                        0x5C => e += 2,
                        0x0A | 0x0D => return None,
                        c if c == u => break,
                        _ => e += 1,
                    }
                }
                tok(K::Str, e + 1)
            }
            0x60 => tok(K::Tick, s + 1),
            _ if is_id_part(u) => tok(K::Ident, ident_end(self, s)),
            _ => {
                for p in PUNCTS.iter().chain(PUNCTS1.iter()) {
                    let n = p.len();
                    if p.bytes()
                        .enumerate()
                        .all(|(j, b)| self.at(s + j) == Some(b as u16))
                    {
                        // `a?.5:b` is a conditional.
                        if *p == "?." && self.at(s + 2).is_some_and(|c| (0x30..=0x39).contains(&c))
                        {
                            continue;
                        }
                        return tok(K::Punct(p), s + n);
                    }
                }
                None
            }
        }
    }

    fn number_end(&self, mut e: usize) -> usize {
        while let Some(c) = self.at(e) {
            let exp_sign = matches!(c, 0x2B | 0x2D)
                && matches!(self.at(e.wrapping_sub(1)), Some(0x45 | 0x65))
                && !matches!(self.at(e.saturating_sub(2).min(e)), Some(0x78 | 0x58))
                && !self.hex_prefix_before(e);
            if is_id_part(c) || c == 0x2E || exp_sign {
                e += 1;
            } else {
                break;
            }
        }
        e
    }

    /// Whether the number being read at `e` started with `0x`.
    fn hex_prefix_before(&self, e: usize) -> bool {
        let mut s = e;
        while s > 0 && self.at(s - 1).is_some_and(|c| is_id_part(c) || c == 0x2E) {
            s -= 1;
        }
        self.at(s) == Some(0x30) && matches!(self.at(s + 1), Some(0x78 | 0x58))
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.peek()?;
        self.i = t.e;
        Some(t)
    }

    fn is(&mut self, p: &str) -> Option<bool> {
        Some(matches!(self.peek()?.k, K::Punct(q) if q == p))
    }

    fn eat(&mut self, p: &str) -> Option<bool> {
        let t = self.peek()?;
        if matches!(t.k, K::Punct(q) if q == p) {
            self.i = t.e;
            return Some(true);
        }
        Some(false)
    }

    fn expect(&mut self, p: &str) -> Option<()> {
        self.eat(p)?.then_some(())
    }

    fn word(&self, t: Tok, w: &str) -> bool {
        t.k == K::Ident
            && t.e - t.s == w.len()
            && w.bytes()
                .enumerate()
                .all(|(j, b)| self.at(t.s + j) == Some(b as u16))
    }

    fn copy(&mut self, s: usize, e: usize) -> Option<()> {
        (s..e).try_for_each(|j| {
            let u = self.at(j)?;
            self.out.put(u)
        })
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// Skips a bracketed group whose opener was just read, up to its closer.
    fn skip_group(&mut self, close: &str) -> Option<()> {
        self.enter()?;
        let mut prev_value = false;
        loop {
            let t = self.peek()?;
            match t.k {
                K::End => return None,
                K::Punct(p) if p == close => {
                    self.i = t.e;
                    break;
                }
                K::Punct(p @ ("(" | "[" | "{")) => {
                    self.i = t.e;
                    self.skip_group(match p {
                        "(" => ")",
                        "[" => "]",
                        _ => "}",
                    })?;
                    prev_value = p != "{";
                }
                K::Punct(")" | "]" | "}") => return None,
                K::Punct("/" | "/=") if !prev_value => {
                    self.regex(false)?;
                    prev_value = true;
                }
                K::Tick => {
                    self.i = t.e;
                    self.template(false)?;
                    prev_value = true;
                }
                K::Punct(_) => {
                    self.i = t.e;
                    prev_value = false;
                }
                K::Ident => {
                    self.i = t.e;
                    prev_value = !["return", "typeof", "void", "delete", "in", "of", "new"]
                        .iter()
                        .any(|w| self.word(t, w));
                }
                _ => {
                    self.i = t.e;
                    prev_value = true;
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// A regular expression literal at the current token; printed as `/pattern/flags` with
    /// the flags in V8's order when `print`.
    fn regex(&mut self, print: bool) -> Option<()> {
        self.skip_ws()?;
        let s = self.i;
        let mut e = s + 1;
        let mut class = false;
        loop {
            match self.at(e)? {
                0x5C => e += 2,
                0x0A | 0x0D => return None,
                0x5B => {
                    class = true;
                    e += 1
                }
                0x5D => {
                    class = false;
                    e += 1
                }
                0x2F if !class => break,
                _ => e += 1,
            }
        }
        let mut f = e + 1;
        while self.at(f).is_some_and(is_id_part) {
            f += 1;
        }
        self.i = f;
        if print {
            self.copy(s, e + 1)?;
            for flag in "dgilmsuvy".bytes() {
                if (e + 1..f).any(|j| self.at(j) == Some(flag as u16)) {
                    self.out.put(flag as u16)?;
                }
            }
        }
        Some(())
    }

    /// A template whose backquote was just read. V8 prints its substitutions only; a template
    /// without any prints as a string literal (`quoted`: in quotes, else bare as a key).
    fn template(&mut self, print: bool) -> Option<TemplateKind> {
        self.enter()?;
        let s = self.i;
        let mut subs = false;
        let mut j = s;
        loop {
            match self.at(j)? {
                0x5C => j += 2,
                0x60 => {
                    self.i = j + 1;
                    break;
                }
                0x24 if self.at(j + 1) == Some(0x7B) => {
                    subs = true;
                    self.i = j + 2;
                    if print {
                        self.find(2)?;
                    } else {
                        self.mute(|p| p.expr(1))?;
                    }
                    self.expect("}")?;
                    j = self.i;
                }
                _ => j += 1,
            }
        }
        self.depth -= 1;
        Some(if subs {
            TemplateKind::Subs
        } else {
            TemplateKind::Plain(s, j)
        })
    }

    /// Runs `f` with output suppressed.
    fn mute<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.out.mute += 1;
        let r = f(self);
        self.out.mute -= 1;
        r
    }

    /// V8's `Find(node, true)`: an expression (precedence `min` and above) printed, or
    /// "(intermediate value)" when it prints nothing.
    fn find(&mut self, min: u8) -> Option<()> {
        let before = self.out.n;
        self.expr(min)?;
        if self.out.n == before {
            self.out.ascii(INTERMEDIATE)?;
        }
        Some(())
    }

    /// Prints the cooked value of the string literal source `s..e` (quotes excluded).
    fn cooked(&mut self, s: usize, e: usize) -> Option<()> {
        let mut j = s;
        while j < e {
            let u = self.at(j)?;
            if u != 0x5C {
                self.out.put(u)?;
                j += 1;
                continue;
            }
            let c = self.at(j + 1)?;
            j += 2;
            let v: u32 = match c {
                0x6E => 0x0A,
                0x74 => 0x09,
                0x72 => 0x0D,
                0x62 => 0x08,
                0x66 => 0x0C,
                0x76 => 0x0B,
                0x30 if !self.at(j).is_some_and(|d| (0x30..=0x39).contains(&d)) => 0,
                0x30..=0x39 => return None,
                0x0D => {
                    if self.at(j) == Some(0x0A) {
                        j += 1;
                    }
                    continue;
                }
                0x0A | 0x2028 | 0x2029 => continue,
                0x78 => {
                    let v = hex(self.at(j)?)? * 16 + hex(self.at(j + 1)?)?;
                    j += 2;
                    v
                }
                0x75 if self.at(j) == Some(0x7B) => {
                    let mut v = 0u32;
                    j += 1;
                    while self.at(j)? != 0x7D {
                        v = v.checked_mul(16)?.checked_add(hex(self.at(j)?)?)?;
                        j += 1;
                    }
                    j += 1;
                    v
                }
                0x75 => {
                    let mut v = 0u32;
                    for _ in 0..4 {
                        v = v * 16 + hex(self.at(j)?)?;
                        j += 1;
                    }
                    v
                }
                c => c as u32,
            };
            if v > 0x10FFFF {
                return None;
            }
            if v >= 0x10000 {
                let w = v - 0x10000;
                self.out.put(0xD800 + (w >> 10) as u16)?;
                self.out.put(0xDC00 + (w & 0x3FF) as u16)?;
            } else {
                self.out.put(v as u16)?;
            }
        }
        Some(())
    }

    /// The value of a numeric literal (`None` inside for a BigInt, which V8 does not print).
    fn number_value(&self, t: Tok) -> Option<Option<f64>> {
        let mut units = [0u16; 64];
        let mut n = 0;
        for j in t.s..t.e {
            let u = self.at(j)?;
            if u == 0x5F {
                continue;
            }
            *units.get_mut(n)? = u;
            n += 1;
        }
        let digits = &units[..n];
        if digits.last() == Some(&0x6E) {
            return Some(None);
        }
        // Legacy octal (`010`) and `08` are not read.
        if digits.len() > 1 && digits[0] == 0x30 && (0x30..=0x39).contains(&digits[1]) {
            return None;
        }
        let x = crate::numconv::string_to_number(digits);
        (!x.is_nan()).then_some(Some(x))
    }

    /// Prints a number as V8 prints a numeric literal (its `ToString`).
    fn print_number(&mut self, x: f64) -> Option<()> {
        let mut buf = [0u8; 32];
        self.out
            .ascii(crate::numconv::number_to_string(x, &mut buf))
    }

    /// An expression at precedence `min` and above (1: with commas; 2: assignment level).
    /// Answers the value when it is a numeric literal (V8 folds arithmetic on those).
    fn expr(&mut self, min: u8) -> Option<Option<f64>> {
        self.enter()?;
        let mark = self.out.n;
        let mut num = self.unary()?;
        let mut open: Option<&'static str> = None;
        loop {
            let t = self.peek()?;
            let op: &'static str = match t.k {
                K::Punct(p) => p,
                K::Ident if self.word(t, "in") => "in",
                K::Ident if self.word(t, "instanceof") => "instanceof",
                _ => break,
            };
            let Some(prec) = binary_prec(op) else {
                if min > 2 || open.is_some() {
                    break;
                }
                if op == "?" {
                    // V8 prints each part of a conditional as "(intermediate value)".
                    self.i = t.e;
                    self.truncate(mark);
                    self.out.ascii(INTERMEDIATE)?;
                    self.mute(|p| p.expr(2))?;
                    self.expect(":")?;
                    self.out.ascii(INTERMEDIATE)?;
                    self.mute(|p| p.expr(2))?;
                    self.out.ascii(INTERMEDIATE)?;
                    num = None;
                    continue;
                }
                if op.ends_with('=') && !matches!(op, "==" | "!=" | "===" | "!==" | "<=" | ">=") {
                    // An assignment prints its target.
                    self.i = t.e;
                    self.mute(|p| p.expr(2))?;
                    num = None;
                    continue;
                }
                break;
            };
            if prec < min {
                break;
            }
            self.i = t.e;
            if open != Some(op) {
                if open.is_some() {
                    self.out.put(0x29)?;
                }
                self.out.insert(mark, 0x28)?;
                open = Some(op);
            }
            self.out.put(0x20)?;
            self.out.ascii(op)?;
            self.out.put(0x20)?;
            let rhs_min = if op == "**" { prec } else { prec + 1 };
            let before = self.out.n;
            let rhs = self.expr(rhs_min)?;
            if self.out.n == before {
                self.out.ascii(INTERMEDIATE)?;
            }
            num = match (num, rhs, fold(op)) {
                (Some(l), Some(r), Some(f)) => {
                    self.truncate(mark);
                    open = None;
                    let v = f(l, r);
                    self.print_number(v)?;
                    Some(v)
                }
                _ => None,
            };
        }
        if open.is_some() {
            self.out.put(0x29)?;
        }
        self.depth -= 1;
        Some(num)
    }

    /// Drops the output after `mark` (when printing).
    fn truncate(&mut self, mark: usize) {
        if self.out.mute == 0 {
            self.out.n = mark.min(self.out.n);
        }
    }

    /// A unary expression; answers its value when it is a numeric literal.
    fn unary(&mut self) -> Option<Option<f64>> {
        let t = self.peek()?;
        let op = match t.k {
            K::Punct(p @ ("!" | "~" | "+" | "-" | "++" | "--")) => p,
            K::Ident if self.word(t, "typeof") => "typeof",
            K::Ident if self.word(t, "void") => "void",
            K::Ident if self.word(t, "delete") => "delete",
            K::Ident if self.word(t, "await") || self.word(t, "yield") => return None,
            K::Num if !self.followed_by_member(t) => {
                self.i = t.e;
                let v = self.number_value(t)?;
                if let Some(x) = v {
                    self.print_number(x)?;
                }
                return Some(v);
            }
            _ => {
                let mark = self.out.n;
                self.lhs(None)?;
                // A postfix update on the same line prints as `(x++)`.
                let t = self.peek()?;
                if let K::Punct(p @ ("++" | "--")) = t.k {
                    if !(self.i..t.s)
                        .any(|j| matches!(self.at(j), Some(0x0A | 0x0D | 0x2028 | 0x2029)))
                    {
                        self.i = t.e;
                        self.out.insert(mark, 0x28)?;
                        self.out.ascii(p)?;
                        self.out.put(0x29)?;
                    }
                }
                return Some(None);
            }
        };
        self.i = t.e;
        // V8 folds `-1`, `+1`, `!1` and `!"s"` at parse time.
        let n = self.peek()?;
        if matches!(op, "-" | "+" | "!")
            && matches!(n.k, K::Num | K::Str)
            && !self.followed_by_member(n)
        {
            self.i = n.e;
            if n.k == K::Str {
                if op != "!" {
                    return None;
                }
                return self
                    .out
                    .ascii(if n.e - n.s > 2 { "false" } else { "true" })
                    .map(|_| None);
            }
            let x = self.number_value(n)??;
            if op == "!" {
                return self
                    .out
                    .ascii(if x == 0.0 { "true" } else { "false" })
                    .map(|_| None);
            }
            let v = if op == "-" { -x } else { x };
            self.print_number(v)?;
            return Some(Some(v));
        }
        self.out.put(0x28)?;
        self.out.ascii(op)?;
        if op.as_bytes()[0].is_ascii_alphabetic() {
            self.out.put(0x20)?;
        }
        self.enter()?;
        let before = self.out.n;
        self.unary()?;
        if self.out.n == before {
            self.out.ascii(INTERMEDIATE)?;
        }
        self.depth -= 1;
        self.out.put(0x29).map(|_| None)
    }

    /// Whether the number token `t` is followed by a member access or call (then `-` applies
    /// to the whole chain, which V8 does not fold).
    fn followed_by_member(&mut self, t: Tok) -> bool {
        let save = self.i;
        self.i = t.e;
        let r = matches!(
            self.peek().map(|n| n.k),
            Some(K::Punct("." | "[" | "(" | "?." | "**")) | Some(K::Tick)
        );
        self.i = save;
        r
    }

    /// A left-hand-side expression: a primary and its member/call suffixes. With `target`
    /// (the top-level chain) calls are counted and reading stops at call number `target`.
    fn lhs(&mut self, target: Option<usize>) -> Option<Chain> {
        self.enter()?;
        let mark = self.out.n;
        let t = self.peek()?;
        if self.word(t, "new") {
            if self.new_expr(target)? {
                self.depth -= 1;
                return Some(Chain::Stopped);
            }
        } else {
            self.primary()?;
        }
        loop {
            let t = self.peek()?;
            match t.k {
                K::Punct("." | "[") => {
                    self.i = t.e;
                    self.member(t.k == K::Punct("["), false, mark)?;
                }
                K::Punct("?.") => {
                    self.i = t.e;
                    if self.is("(")? {
                        if self.call(target, mark)? {
                            self.depth -= 1;
                            return Some(Chain::Stopped);
                        }
                    } else {
                        let bracket = self.eat("[")?;
                        self.member(bracket, true, mark)?;
                    }
                }
                K::Punct("(") | K::Tick => {
                    if self.call(target, mark)? {
                        self.depth -= 1;
                        return Some(Chain::Stopped);
                    }
                }
                _ => break,
            }
        }
        self.depth -= 1;
        Some(Chain::Ended)
    }

    /// A `new` expression at the current token (`new` itself); true when it is the wanted
    /// call (the output is then its constructor expression), else it prints as
    /// "(intermediate value)".
    fn new_expr(&mut self, target: Option<usize>) -> Option<bool> {
        self.enter()?;
        let mark = self.out.n;
        self.next()?;
        if self.is(".")? {
            return None;
        }
        // The constructor expression: a primary (or a `new` with its arguments) and member
        // suffixes (no calls).
        let t = self.peek()?;
        if self.word(t, "new") {
            self.new_expr(None)?;
        } else {
            self.primary()?;
        }
        loop {
            let t = self.peek()?;
            match t.k {
                K::Punct(".") | K::Punct("[") => {
                    self.i = t.e;
                    self.member(t.k == K::Punct("["), false, mark)?;
                }
                K::Tick => return None,
                _ => break,
            }
        }
        if self.eat("(")? {
            self.skip_group(")")?;
        }
        self.depth -= 1;
        if self.count(target) {
            return Some(true);
        }
        self.truncate(mark);
        self.out.ascii(INTERMEDIATE)?;
        Some(false)
    }

    /// Counts a call on the top-level chain; true when it is the wanted one.
    fn count(&mut self, target: Option<usize>) -> bool {
        let Some(n) = target else { return false };
        let hit = self.calls == n;
        self.calls += 1;
        hit
    }

    /// A call's arguments (or a tagged template) at the current token; true when it is the
    /// wanted call (then nothing is read).
    fn call(&mut self, target: Option<usize>, mark: usize) -> Option<bool> {
        if self.count(target) {
            return Some(true);
        }
        if self.out.n == mark && self.out.mute == 0 {
            self.out.ascii(INTERMEDIATE)?;
        }
        let t = self.next()?;
        if t.k == K::Tick {
            self.template(false)?;
        } else {
            self.skip_group(")")?;
        }
        self.out.ascii("(...)")?;
        Some(false)
    }

    /// A member suffix after `.`, `?.` or (`bracket`) `[`, `?.[`.
    /// `mark` is where the object's output started (an object that printed nothing, such as
    /// `super`, prints as "(intermediate value)").
    fn member(&mut self, bracket: bool, optional: bool, mark: usize) -> Option<()> {
        if self.out.n == mark {
            self.out.ascii(INTERMEDIATE)?;
        }
        if !bracket {
            let n = self.next()?;
            match n.k {
                K::Ident => self.out.ascii(if optional { "?." } else { "." })?,
                // V8 prints a private name as a computed key.
                K::Private if !optional => self.out.put(0x5B)?,
                _ => return None,
            }
            self.copy(n.s, n.e)?;
            return if n.k == K::Private {
                self.out.put(0x5D)
            } else {
                Some(())
            };
        }
        // A string key prints as `.key`; anything else in brackets.
        let k = self.peek()?;
        let save = self.i;
        if k.k == K::Str || k.k == K::Tick {
            self.i = k.e;
            let plain = if k.k == K::Str {
                Some((k.s + 1, k.e - 1))
            } else {
                match self.mute(|p| p.template(false))? {
                    TemplateKind::Plain(s, e) => Some((s, e)),
                    TemplateKind::Subs => None,
                }
            };
            if let Some((s, e)) = plain {
                if self.eat("]")? {
                    self.out.ascii(if optional { "?." } else { "." })?;
                    return self.cooked(s, e);
                }
            }
            self.i = save;
        }
        self.out.ascii(if optional { "?.[" } else { "[" })?;
        self.find(1)?;
        self.expect("]")?;
        self.out.put(0x5D)
    }

    fn primary(&mut self) -> Option<()> {
        let t = self.next()?;
        match t.k {
            K::Ident => {
                if self.is("=>")? {
                    return self.arrow_body();
                }
                for w in ["function", "class", "async"] {
                    if self.word(t, w) {
                        return self.skip_function();
                    }
                }
                for w in ["super", "import", "yield", "await", "new"] {
                    if self.word(t, w) {
                        return (w == "super").then_some(());
                    }
                }
                self.copy(t.s, t.e)
            }
            K::Num => {
                if let Some(x) = self.number_value(t)? {
                    self.print_number(x)?;
                }
                Some(())
            }
            K::Str => {
                self.out.put(0x22)?;
                self.cooked(t.s + 1, t.e - 1)?;
                self.out.put(0x22)
            }
            K::Tick => match self.template(true)? {
                TemplateKind::Plain(s, e) => {
                    self.out.put(0x22)?;
                    self.cooked(s, e)?;
                    self.out.put(0x22)
                }
                TemplateKind::Subs => Some(()),
            },
            K::Punct("(") => {
                // An arrow function's parameters, or a parenthesized expression (V8 has no
                // node for parentheses).
                let save = self.i;
                self.skip_group(")")?;
                if self.is("=>")? {
                    return self.arrow_body();
                }
                self.i = save;
                self.expr(1)?;
                self.expect(")")
            }
            K::Punct("[") => {
                self.out.put(0x5B)?;
                let mut first = true;
                while !self.eat("]")? {
                    if !first {
                        self.expect(",")?;
                        self.out.put(0x2C)?;
                        if self.eat("]")? {
                            break;
                        }
                    }
                    first = false;
                    if self.is(",")? {
                        self.out.ascii(INTERMEDIATE)?;
                    } else if self.eat("...")? {
                        self.out.ascii("(...")?;
                        self.find(2)?;
                        self.out.put(0x29)?;
                    } else {
                        self.find(2)?;
                    }
                }
                self.out.put(0x5D)
            }
            K::Punct("{") => {
                // Each property prints as "(intermediate value)".
                self.out.put(0x7B)?;
                let mut any = false;
                loop {
                    let n = self.peek()?;
                    match n.k {
                        K::Punct("}") => {
                            self.i = n.e;
                            if any {
                                self.out.ascii(INTERMEDIATE)?;
                            }
                            break;
                        }
                        K::Punct(",") => {
                            self.i = n.e;
                            if any {
                                self.out.ascii(INTERMEDIATE)?;
                            }
                            any = false;
                        }
                        K::Punct(p @ ("(" | "[" | "{")) => {
                            self.i = n.e;
                            self.skip_group(match p {
                                "(" => ")",
                                "[" => "]",
                                _ => "}",
                            })?;
                            any = true;
                        }
                        K::Tick => {
                            self.i = n.e;
                            self.template(false)?;
                            any = true;
                        }
                        K::End | K::Punct(")" | "]") => return None,
                        _ => {
                            self.i = n.e;
                            any = true;
                        }
                    }
                }
                self.out.put(0x7D)
            }
            K::Punct("/" | "/=") => {
                self.i = t.s;
                self.regex(true)
            }
            _ => None,
        }
    }

    /// After an arrow's parameters: skips `=> body` (a function prints nothing).
    fn arrow_body(&mut self) -> Option<()> {
        self.expect("=>")?;
        if self.eat("{")? {
            return self.skip_group("}");
        }
        self.mute(|p| p.expr(2)).map(|_| ())
    }

    /// After `function`, `class` or `async`: skips the rest of the literal.
    fn skip_function(&mut self) -> Option<()> {
        loop {
            let t = self.next()?;
            match t.k {
                K::Punct("{") => return self.skip_group("}"),
                K::Punct("(") => {
                    self.skip_group(")")?;
                    if self.is("=>")? {
                        return self.arrow_body();
                    }
                }
                K::Punct("=>") => {
                    self.i = t.s;
                    return self.arrow_body();
                }
                K::Ident | K::Punct("*") => {}
                _ => return None,
            }
        }
    }
}

/// What a template held.
enum TemplateKind {
    /// No substitutions: the raw text range between the backquotes.
    Plain(usize, usize),
    Subs,
}

#[cfg(test)]
#[allow(clippy::disallowed_types, clippy::disallowed_methods)] // test-sized data
mod tests {
    use super::*;

    fn r(src: &str, nth: usize) -> Option<std::string::String> {
        let units: std::vec::Vec<u16> = src.encode_utf16().collect();
        render(Chars::Two(&units), 0, nth).map(|o| std::string::String::from_utf16_lossy(o.units()))
    }

    #[test]
    fn chains() {
        assert_eq!(r("o.bar()", 0).as_deref(), Some("o.bar"));
        assert_eq!(r("g().a.b(1, 2)", 0).as_deref(), Some("g"));
        assert_eq!(r("g().a.b(1, 2)", 1).as_deref(), Some("g(...).a.b"));
        assert_eq!(r("g().a.b(1, 2)", 2), None);
        assert_eq!(r("o['x']()", 0).as_deref(), Some("o.x"));
        assert_eq!(r("o?.[\"k\"]()", 0).as_deref(), Some("o?.k"));
        assert_eq!(r("o?.a?.[k]()", 0).as_deref(), Some("o?.a?.[k]"));
        assert_eq!(r("this.#p()", 0).as_deref(), Some("this[#p]"));
        assert_eq!(r("super.m()", 0).as_deref(), Some("(intermediate value).m"));
        assert_eq!(r("new o.a()", 0).as_deref(), Some("o.a"));
        assert_eq!(
            r("new g().a()", 1).as_deref(),
            Some("(intermediate value).a")
        );
        assert_eq!(r("o.a.b`x`", 0).as_deref(), Some("o.a.b"));
        assert_eq!(
            r("new new X().a()", 0).as_deref(),
            Some("(intermediate value).a")
        );
        assert_eq!(
            r("(() => 1)()()", 1).as_deref(),
            Some("(intermediate value)(...)")
        );
        assert_eq!(r("o . a // c\n . b ()", 0).as_deref(), Some("o.a.b"));
        assert_eq!(
            r("o.f(\")\", `${')'}`, /\\)/)()", 1).as_deref(),
            Some("o.f(...)")
        );
    }

    #[test]
    fn expressions() {
        assert_eq!(r("(0, o.a)()", 0).as_deref(), Some("(0 , o.a)"));
        assert_eq!(r("o[a + b + c]()", 0).as_deref(), Some("o[(a + b + c)]"));
        assert_eq!(
            r("o[a + b * c - d]()", 0).as_deref(),
            Some("o[((a + (b * c)) - d)]")
        );
        assert_eq!(
            r("o[0.1 + 0.2]()", 0).as_deref(),
            Some("o[0.30000000000000004]")
        );
        assert_eq!(r("o[0x10]()", 0).as_deref(), Some("o[16]"));
        assert_eq!(r("o[1n]()", 0).as_deref(), Some("o[(intermediate value)]"));
        assert_eq!(r("o[!a]()", 0).as_deref(), Some("o[(!a)]"));
        assert_eq!(
            r("o[typeof a === 'x']()", 0).as_deref(),
            Some("o[((typeof a) === \"x\")]")
        );
        assert_eq!(
            r("o[a ? b : c]()", 0).as_deref(),
            Some("o[(intermediate value)(intermediate value)(intermediate value)]")
        );
        assert_eq!(r("o[`a${k}b`]()", 0).as_deref(), Some("o[k]"));
        assert_eq!(r("o[\"a\\nb\"]()", 0).as_deref(), Some("o.a\nb"));
        assert_eq!(
            r("o[[a, , ...b]]()", 0).as_deref(),
            Some("o[[a,(intermediate value),(...b)]]")
        );
        assert_eq!(
            r("o[{a: 1, b}]()", 0).as_deref(),
            Some("o[{(intermediate value)(intermediate value)}]")
        );
        assert_eq!(r("o[/a]b/gi]()", 0).as_deref(), Some("o[/a]b/gi]"));
        assert_eq!(r("o[a = 2]()", 0).as_deref(), Some("o[a]"));
        assert_eq!(r("o[x++]()", 0).as_deref(), Some("o[(x++)]"));
        assert_eq!(
            r("o[function () { return 1 }]()", 0).as_deref(),
            Some("o[(intermediate value)]")
        );
    }

    #[test]
    fn never_panics_on_any_prefix_or_start() {
        let srcs = [
            "o[`a${b[`${c}`]}`](/x/, '\\u{1F600}', \"\\x4",
            "new new X()().a?.[b]?.(c)`t${`",
            "(((((a + [b, {c: d}]))))).e(/*",
            "o[0b1_0].p\u{2028}.q[1e+5 - -2]()",
            "#x in o; a?.5:b; 010; 0x; .e",
        ];
        for s in srcs {
            let units: std::vec::Vec<u16> = s.encode_utf16().collect();
            for end in 0..=units.len() {
                for start in 0..=end + 1 {
                    for nth in 0..3 {
                        let _ = render(Chars::Two(&units[..end]), start, nth);
                    }
                }
            }
        }
        // Deep nesting stops at the depth limit.
        let mut deep = std::string::String::new();
        for _ in 0..5000 {
            deep.push('(');
        }
        deep.push_str("a)");
        assert_eq!(r(&deep, 0), None);
    }

    #[test]
    fn long_output_is_refused() {
        let mut s = std::string::String::from("o");
        for _ in 0..200 {
            s.push_str(".abc");
        }
        s.push_str("()");
        assert_eq!(r(&s, 0), None);
    }
}
