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

/// The reserved word for an identifier-shaped text, if it is one.
pub fn keyword(s: &[u8]) -> Option<Tok> {
    Some(match s {
        b"break" => Tok::Break,
        b"case" => Tok::Case,
        b"catch" => Tok::Catch,
        b"class" => Tok::Class,
        b"const" => Tok::Const,
        b"continue" => Tok::Continue,
        b"debugger" => Tok::Debugger,
        b"default" => Tok::Default,
        b"delete" => Tok::Delete,
        b"do" => Tok::Do,
        b"else" => Tok::Else,
        b"enum" => Tok::Enum,
        b"export" => Tok::Export,
        b"extends" => Tok::Extends,
        b"false" => Tok::False,
        b"finally" => Tok::Finally,
        b"for" => Tok::For,
        b"function" => Tok::Function,
        b"if" => Tok::If,
        b"import" => Tok::Import,
        b"in" => Tok::In,
        b"instanceof" => Tok::Instanceof,
        b"new" => Tok::New,
        b"null" => Tok::Null,
        b"return" => Tok::Return,
        b"super" => Tok::Super,
        b"switch" => Tok::Switch,
        b"this" => Tok::This,
        b"throw" => Tok::Throw,
        b"true" => Tok::True,
        b"try" => Tok::Try,
        b"typeof" => Tok::Typeof,
        b"var" => Tok::Var,
        b"void" => Tok::Void,
        b"while" => Tok::While,
        b"with" => Tok::With,
        _ => return None,
    })
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
