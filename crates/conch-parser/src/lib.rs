//! Conch's ECMAScript parser: lexer, parser for the Script and Module goals, a typed AST in a
//! memory-manager [`Arena`], every early error, and scope analysis for the compiler.
//!
//! Entry points: [`parse_script`], [`parse_module`] and [`parse`] with [`Options`]. Errors are
//! [`ParseError`] values (syntax error with message and 1-based line/column, out of memory, or
//! out of stack space) — the parser never panics and never aborts on any input.

#![warn(missing_docs)]

pub mod ast;
mod error;
pub mod lexer;
mod line_index;
mod parser;
pub mod print;
pub mod scope;
mod seg_vec;

pub use ast::{Program, SourceType, Span};
pub use conch_mm::Arena;
pub use error::{ErrorKind, ErrorName, Message, ParseError};
pub use line_index::{line_col, LineIndex};
pub use scope::{ScopeId, ScopeTree};

/// A JavaScript string value in WTF-8 (UTF-8 that may also encode lone surrogates), so string
/// literals with escapes like `"\uD800"` are represented exactly.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct JsStr<'a>(pub &'a [u8]);

impl<'a> JsStr<'a> {
    /// The value as `&str` if it contains no lone surrogates.
    pub fn as_str(&self) -> Option<&'a str> {
        std::str::from_utf8(self.0).ok()
    }

    /// The WTF-8 bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// True if the value has no lone surrogates.
    pub fn is_well_formed(&self) -> bool {
        self.as_str().is_some()
    }

    /// The code points (lone surrogates included as their values).
    pub fn code_points(&self) -> impl Iterator<Item = u32> + 'a {
        let b = self.0;
        let mut i = 0;
        std::iter::from_fn(move || {
            let x = *b.get(i)? as u32;
            let (cp, n) = if x < 0x80 {
                (x, 1)
            } else if x < 0xE0 {
                (
                    ((x & 0x1F) << 6) | (b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F),
                    2,
                )
            } else if x < 0xF0 {
                (
                    ((x & 0x0F) << 12)
                        | ((b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 6)
                        | (b.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F),
                    3,
                )
            } else {
                (
                    ((x & 0x07) << 18)
                        | ((b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 12)
                        | ((b.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F) << 6)
                        | (b.get(i + 3).copied().unwrap_or(0) as u32 & 0x3F),
                    4,
                )
            };
            i += n;
            Some(cp)
        })
    }

    /// The UTF-16 code units.
    pub fn utf16_units(&self) -> impl Iterator<Item = u16> + 'a {
        self.code_points().flat_map(|cp| {
            let (a, b) = if cp >= 0x10000 {
                let c = cp - 0x10000;
                (0xD800 | (c >> 10) as u16, Some(0xDC00 | (c & 0x3FF) as u16))
            } else {
                (cp as u16, None)
            };
            std::iter::once(a).chain(b)
        })
    }
}

impl std::fmt::Debug for JsStr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_str() {
            Some(s) => write!(f, "{s:?}"),
            None => {
                f.write_str("\"")?;
                for cp in self.code_points() {
                    match char::from_u32(cp) {
                        Some(c) => write!(f, "{}", c.escape_debug())?,
                        None => write!(f, "\\u{{{cp:x}}}")?,
                    }
                }
                f.write_str("\"")
            }
        }
    }
}

/// Parser options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Script or module goal.
    pub source_type: SourceType,
    /// Start in strict mode (e.g. strict direct eval).
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            source_type: SourceType::Script,
            strict: false,
        }
    }
}

/// The result of a successful parse: the AST and the scope tree, both in the arena.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The AST.
    pub program: Program<'a>,
    /// Scopes, bindings and closure captures.
    pub scopes: ScopeTree<'a>,
}

/// Parses `source` with `options`, allocating the AST in `arena`.
pub fn parse<'a>(
    source: &'a str,
    arena: &'a Arena,
    options: Options,
) -> Result<Parsed<'a>, ParseError> {
    // Offsets are 32-bit: a larger source cannot be represented (nor would its AST fit).
    if source.len() >= u32::MAX as usize {
        return Err(ParseError::oom());
    }
    parser::Parser::new(source, arena, options)
        .parse_program()
        .map_err(|e| e.locate(source))
}

/// Parses a script (the Script goal).
pub fn parse_script<'a>(source: &'a str, arena: &'a Arena) -> Result<Parsed<'a>, ParseError> {
    parse(source, arena, Options::default())
}

/// Parses a module (the Module goal).
pub fn parse_module<'a>(source: &'a str, arena: &'a Arena) -> Result<Parsed<'a>, ParseError> {
    parse(
        source,
        arena,
        Options {
            source_type: SourceType::Module,
            strict: true,
        },
    )
}

/// Where a direct `eval` runs: what the enclosing code allows (ECMA-262 PerformEval).
#[derive(Clone, Copy, Debug, Default)]
pub struct EvalContext<'c> {
    /// The caller is strict mode code.
    pub strict: bool,
    /// Inside a non-arrow function (or arrows within one): `new.target` is allowed.
    pub new_target: bool,
    /// Inside a method: `super.x` is allowed.
    pub super_property: bool,
    /// Inside a derived class constructor: `super()` is allowed.
    pub super_call: bool,
    /// Inside a class field initializer: `arguments` is an error.
    pub class_field_initializer: bool,
    /// Private names declared by the enclosing classes (without `#`): only these may be used.
    pub private_names: &'c [&'c str],
}

/// Parses the code of a direct `eval` (Script goal) in `context`.
pub fn parse_eval<'a>(
    source: &'a str,
    arena: &'a Arena,
    context: EvalContext<'_>,
) -> Result<Parsed<'a>, ParseError> {
    if source.len() >= u32::MAX as usize {
        return Err(ParseError::oom());
    }
    let mut p = parser::Parser::new(source, arena, Options::default());
    p.set_eval_context(&context).map_err(|e| e.locate(source))?;
    p.parse_program().map_err(|e| e.locate(source))
}

/// Kinds of functions the `Function`, `GeneratorFunction`, `AsyncFunction` and
/// `AsyncGeneratorFunction` constructors create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DynamicFunctionKind {
    /// `Function(...)`
    Normal,
    /// `GeneratorFunction(...)`
    Generator,
    /// `AsyncFunction(...)`
    Async,
    /// `AsyncGeneratorFunction(...)`
    AsyncGenerator,
}

/// Parses the function a `Function`-like constructor creates (ECMA-262
/// CreateDynamicFunction): `params` must be FormalParameters and `body` a FunctionBody on their
/// own, then the assembled source `function anonymous(params\n) {\nbody\n}` is parsed. Returns
/// the text that was parsed, `(function anonymous(...) {...})` (the function's source text is
/// its span in it: all but the parentheses), and its parse: a script whose only statement is
/// the parenthesised function expression.
pub fn parse_dynamic_function<'a>(
    params: &str,
    body: &str,
    kind: DynamicFunctionKind,
    arena: &'a Arena,
) -> Result<(&'a str, Parsed<'a>), ParseError> {
    let prefix = match kind {
        DynamicFunctionKind::Normal => "function",
        DynamicFunctionKind::Generator => "function*",
        DynamicFunctionKind::Async => "async function",
        DynamicFunctionKind::AsyncGenerator => "async function*",
    };
    let build = |parts: &[&str]| -> Result<&'a str, ParseError> {
        let mut buf = lexer::Buf::new(arena);
        for p in parts {
            buf.extend(p.as_bytes())?;
        }
        std::str::from_utf8(buf.finish()).map_err(|_| ParseError::oom())
    };
    // Each part alone, wrapped so that it can only parse if it does not escape its place.
    let alone_params = build(&["(", prefix, " anonymous(", params, "\n) {})"])?;
    check_single_function(alone_params, arena)?;
    let alone_body = build(&["(", prefix, " anonymous(\n) {\n", body, "\n})"])?;
    check_single_function(alone_body, arena)?;
    let text = build(&[prefix, " anonymous(", params, "\n) {\n", body, "\n}"])?;
    let wrapped = build(&["(", text, ")"])?;
    let parsed = check_single_function(wrapped, arena)?;
    Ok((wrapped, parsed))
}

/// Parses `(function ...)` and checks that it is exactly one function expression.
fn check_single_function<'a>(src: &'a str, arena: &'a Arena) -> Result<Parsed<'a>, ParseError> {
    let parsed = parse_script(src, arena)?;
    let whole = Span::new(0, src.len() as u32);
    let ok = match parsed.program.body {
        [ast::Stmt {
            kind: ast::StmtKind::Expr(e),
            ..
        }] => {
            matches!(e.kind, ast::ExprKind::Paren(inner) if matches!(inner.kind, ast::ExprKind::Function(_)))
                && e.span == whole
        }
        _ => false,
    };
    if !ok {
        return Err(ParseError::syntax(0, "Invalid function parameters or body").locate(src));
    }
    Ok(parsed)
}

/// Converts UTF-16 source text to UTF-8 in the arena (lone surrogates become U+FFFD; they can
/// only occur in comments and literals) so it can be parsed.
pub fn utf16_to_source<'a>(units: &[u16], arena: &'a Arena) -> Result<&'a str, ParseError> {
    let mut buf = lexer::Buf::new(arena);
    for r in char::decode_utf16(units.iter().copied()) {
        let c = r.unwrap_or('\u{FFFD}');
        let mut tmp = [0u8; 4];
        buf.extend(c.encode_utf8(&mut tmp).as_bytes())?;
    }
    let bytes = buf.finish();
    std::str::from_utf8(bytes).map_err(|_| ParseError::oom())
}
