//! Tokens.

use crate::JsStr;

/// Token kinds. Reserved words have their own kinds; contextual keywords (`let`, `async`,
/// `yield`, `await`, `of`, `get`, ...) are [`Tok::Ident`] and the parser compares names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Tok {
    Eof,
    Ident,
    PrivateName,
    String,
    Number,
    BigInt,
    /// `` `...` `` without substitutions.
    Template,
    /// `` `...${ ``
    TemplateHead,
    /// `}...${` (after a rescan)
    TemplateMiddle,
    /// `` }...` `` (after a rescan)
    TemplateTail,
    /// A regular expression literal (after a rescan).
    RegExp,
    // Punctuators
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
    Ellipsis,
    Semi,
    Comma,
    Lt,
    Gt,
    LtEq,
    GtEq,
    EqEq,
    NotEq,
    EqEqEq,
    NotEqEq,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    StarStar,
    PlusPlus,
    MinusMinus,
    Shl,
    Shr,
    UShr,
    Amp,
    Pipe,
    Caret,
    Bang,
    Tilde,
    AmpAmp,
    PipePipe,
    QuestionQuestion,
    Question,
    QuestionDot,
    Colon,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    SlashEq,
    PercentEq,
    StarStarEq,
    ShlEq,
    ShrEq,
    UShrEq,
    AmpEq,
    PipeEq,
    CaretEq,
    AmpAmpEq,
    PipePipeEq,
    QuestionQuestionEq,
    Arrow,
    // Reserved words
    Break,
    Case,
    Catch,
    Class,
    Const,
    Continue,
    Debugger,
    Default,
    Delete,
    Do,
    Else,
    Enum,
    Export,
    Extends,
    False,
    Finally,
    For,
    Function,
    If,
    Import,
    In,
    Instanceof,
    New,
    Null,
    Return,
    Super,
    Switch,
    This,
    Throw,
    True,
    Try,
    Typeof,
    Var,
    Void,
    While,
    With,
}

impl Tok {
    /// Reserved words (which may still be property names).
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (Tok::Break as u8)
    }

    /// Assignment operators.
    pub fn is_assign(self) -> bool {
        matches!(
            self,
            Tok::Eq
                | Tok::PlusEq
                | Tok::MinusEq
                | Tok::StarEq
                | Tok::SlashEq
                | Tok::PercentEq
                | Tok::StarStarEq
                | Tok::ShlEq
                | Tok::ShrEq
                | Tok::UShrEq
                | Tok::AmpEq
                | Tok::PipeEq
                | Tok::CaretEq
                | Tok::AmpAmpEq
                | Tok::PipePipeEq
                | Tok::QuestionQuestionEq
        )
    }
}

/// Packs up to 8 bytes into a little-endian word (for comparing short names in one step).
const fn word(s: &[u8]) -> u64 {
    let mut w = 0u64;
    let mut i = 0;
    while i < s.len() && i < 8 {
        w |= (s[i] as u64) << (8 * i);
        i += 1;
    }
    w
}

/// The reserved word for an identifier-shaped text, if it is one.
pub fn keyword(s: &[u8]) -> Option<Tok> {
    keyword_at(s, 0, s.len())
}

/// The reserved word for the identifier-shaped text `src[start..end]`, if it is one. Reads the
/// name in one 8-byte load when `src` extends far enough.
#[inline]
pub fn keyword_at(src: &[u8], start: usize, end: usize) -> Option<Tok> {
    let len = end.wrapping_sub(start);
    // Every reserved word is 2 to 10 lowercase letters; all but `instanceof` fit in a word.
    match len {
        2..=8 => {}
        10 if src.get(start..end) == Some(b"instanceof") => return Some(Tok::Instanceof),
        _ => return None,
    }
    if !src.get(start).is_some_and(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let w = match src.get(start..start + 8) {
        Some(eight) => {
            let mut a = [0u8; 8];
            a.copy_from_slice(eight);
            let w = u64::from_le_bytes(a);
            if len == 8 {
                w
            } else {
                w & ((1u64 << (8 * len)) - 1)
            }
        }
        None => word(src.get(start..end)?),
    };
    keyword_word(w)
}

/// Multiplier of the perfect hash over the packed reserved words (found by search: the 35
/// words land in distinct slots of 64).
const KEYWORD_HASH: u64 = 0xc440_493a_6815_4d4f;

const fn keyword_slot(w: u64) -> usize {
    (w.wrapping_mul(KEYWORD_HASH) >> 58) as usize
}

/// Packed reserved words by slot (`Tok::Ident` marks an empty slot).
static KEYWORDS: [(u64, Tok); 64] = {
    let words: [(&[u8], Tok); 35] = [
        (b"break", Tok::Break),
        (b"case", Tok::Case),
        (b"catch", Tok::Catch),
        (b"class", Tok::Class),
        (b"const", Tok::Const),
        (b"continue", Tok::Continue),
        (b"debugger", Tok::Debugger),
        (b"default", Tok::Default),
        (b"delete", Tok::Delete),
        (b"do", Tok::Do),
        (b"else", Tok::Else),
        (b"enum", Tok::Enum),
        (b"export", Tok::Export),
        (b"extends", Tok::Extends),
        (b"false", Tok::False),
        (b"finally", Tok::Finally),
        (b"for", Tok::For),
        (b"function", Tok::Function),
        (b"if", Tok::If),
        (b"import", Tok::Import),
        (b"in", Tok::In),
        (b"new", Tok::New),
        (b"null", Tok::Null),
        (b"return", Tok::Return),
        (b"super", Tok::Super),
        (b"switch", Tok::Switch),
        (b"this", Tok::This),
        (b"throw", Tok::Throw),
        (b"true", Tok::True),
        (b"try", Tok::Try),
        (b"typeof", Tok::Typeof),
        (b"var", Tok::Var),
        (b"void", Tok::Void),
        (b"while", Tok::While),
        (b"with", Tok::With),
    ];
    let mut t = [(0u64, Tok::Ident); 64];
    let mut i = 0;
    while i < words.len() {
        let w = word(words[i].0);
        let slot = keyword_slot(w);
        // A collision would be a compile error here (the hash is perfect for these words).
        assert!(t[slot].0 == 0);
        t[slot] = (w, words[i].1);
        i += 1;
    }
    t
};

#[inline]
fn keyword_word(w: u64) -> Option<Tok> {
    let (k, tok) = KEYWORDS[keyword_slot(w)];
    (k == w).then_some(tok)
}

/// Names reserved only in strict mode code.
pub fn is_strict_reserved(s: &str) -> bool {
    matches!(
        s,
        "implements"
            | "interface"
            | "let"
            | "package"
            | "private"
            | "protected"
            | "public"
            | "static"
            | "yield"
    )
}

/// A token's value.
#[derive(Clone, Copy, Debug)]
pub enum TokValue<'a> {
    /// No value (punctuators, keywords).
    None,
    /// Identifier or private name (without `#`), escapes decoded.
    Name(&'a str),
    /// String literal value.
    Str(JsStr<'a>),
    /// Numeric value.
    Number(f64),
    /// BigInt decimal digits (already converted from hex/octal/binary).
    BigInt(&'a str),
    /// Template part: cooked (None if it had an invalid escape) and raw.
    Template(Option<JsStr<'a>>, JsStr<'a>),
    /// RegExp pattern and flags.
    RegExp(&'a str, &'a str),
}

/// A token.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    /// Kind.
    pub kind: Tok,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// A line terminator precedes the token (ASI, restricted productions).
    pub newline_before: bool,
    /// An identifier (or keyword spelling) written with `\u` escapes.
    pub escaped: bool,
    /// A string with a legacy octal or `\8`/`\9` escape, or a legacy octal / leading-zero number:
    /// the offset of the offending part (an error in strict mode code).
    pub legacy_octal: Option<u32>,
    /// Its value.
    pub value: TokValue<'a>,
}

impl<'a> Token<'a> {
    /// The identifier name (or "" for non-names).
    pub fn name(&self) -> &'a str {
        match self.value {
            TokValue::Name(n) => n,
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_table_matches_exactly_the_reserved_words() {
        for &(w, tok) in KEYWORDS.iter().filter(|e| e.0 != 0) {
            let bytes = w.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
            assert_eq!(keyword(&bytes[..len]), Some(tok));
            // Also through the 8-byte load, with identifier characters after the word.
            let mut src = bytes[..len].to_vec();
            src.extend_from_slice(b"abcdefgh");
            assert_eq!(keyword_at(&src, 0, len), Some(tok));
            assert_eq!(keyword_at(&src, 0, len + 1), None);
            assert_eq!(keyword(&bytes[..len - 1]), None);
        }
        assert_eq!(keyword(b"instanceof"), Some(Tok::Instanceof));
        assert_eq!(keyword(b"function"), Some(Tok::Function));
        for s in [
            "instanceOf",
            "Break",
            "of",
            "let",
            "yield",
            "await",
            "a",
            "",
            "functions",
        ] {
            assert_eq!(keyword(s.as_bytes()), None, "{s}");
        }
    }
}
