//! The recursive-descent parser. Split by feature: statements, expressions, functions (and
//! arrows), classes, modules, patterns (binding patterns and cover-grammar conversion).
//!
//! Every recursive function checks the native stack first ([`Parser::check_stack`]) and fails
//! with `RangeError: Maximum call stack size exceeded` instead of overflowing.

mod class;
mod expr;
mod func;
mod module;
mod pattern;
mod stmt;

use crate::ast::*;
use crate::error::ParseError;
use crate::lexer::{Lexer, Tok, TokValue, Token};
use crate::scope::{ScopeBuilder, ScopeKind};
use crate::{Options, Parsed};
use allocator_api2::vec::Vec;
use conch_mm::stack::StackLimit;
use conch_mm::Arena;

/// Syntactic context, saved and restored around functions and classes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Ctx {
    pub strict: bool,
    /// `return` allowed.
    pub in_function: bool,
    /// In a generator: `yield` is an operator.
    pub yield_kw: bool,
    /// In an async function or at module top level: `await` is an operator.
    pub await_kw: bool,
    /// Parsing formal parameters (yield/await expressions forbidden there).
    pub in_params: bool,
    pub super_prop: bool,
    pub super_call: bool,
    pub new_target: bool,
    /// Class field initialiser or static block: `arguments` forbidden.
    pub no_arguments: bool,
    /// Class static block: `await` reserved as identifier.
    pub static_block: bool,
    pub in_loop: bool,
    pub in_switch: bool,
    /// Labels visible in this function start here.
    pub label_base: u32,
    /// `in` is not a relational operator here (for-statement heads).
    pub no_in: bool,
}

/// A label in scope.
#[derive(Clone, Copy)]
pub(crate) struct Label<'a> {
    name: &'a str,
    is_loop: bool,
}

/// Private names of one class body being parsed.
pub(crate) struct PrivateScope<'a> {
    /// Declared names with flags: 1 = getter, 2 = setter, 4 = other, 8 = static.
    declared: hashbrown::HashMap<&'a str, u8, hashbrown::DefaultHashBuilder, &'a Arena>,
    /// Referenced names (checked when the class ends).
    used: Vec<(&'a str, u32), &'a Arena>,
}

pub(crate) struct Parser<'a> {
    pub lex: Lexer<'a>,
    pub arena: &'a Arena,
    pub src: &'a str,
    pub tok: Token<'a>,
    pub prev_end: u32,
    pub ctx: Ctx,
    pub module: bool,
    stack: StackLimit,
    pub scopes: ScopeBuilder<'a>,
    labels: Vec<Label<'a>, &'a Arena>,
    /// Start index of the label set that the next statement is labelled by.
    label_chain: Option<usize>,
    privates: Vec<PrivateScope<'a>, &'a Arena>,
    /// First error of a cover grammar that is fine only if the expression becomes a pattern
    /// (`{a = 1}`, duplicate `__proto__`).
    pub cover_err: Option<ParseError>,
    /// Offset of the last yield/await expression (arrow parameters may not contain one).
    pub last_yield_await: Option<u32>,
    /// Offset of the last `await` used as an identifier (async arrow parameters).
    pub last_await_ident: Option<u32>,
    /// Module: exported names (duplicate check) and local names to verify at the end.
    pub exported: hashbrown::HashMap<&'a str, u32, hashbrown::DefaultHashBuilder, &'a Arena>,
    pub export_locals: Vec<(&'a str, u32), &'a Arena>,
    /// The case block scope of the innermost `switch` (no `using` directly in a case clause).
    pub switch_scope: Option<crate::scope::ScopeId>,
    /// Scratch stacks for building lists (see [`Scratchable`]).
    s_stmt: Vec<Stmt<'a>, &'a Arena>,
    s_expr: Vec<Expr<'a>, &'a Arena>,
    s_arg: Vec<Arg<'a>, &'a Arena>,
    s_elem: Vec<ArrayElem<'a>, &'a Arena>,
    s_prop: Vec<Property<'a>, &'a Arena>,
    s_pat: Vec<Pattern<'a>, &'a Arena>,
    s_decl: Vec<VarDeclarator<'a>, &'a Arena>,
    s_class: Vec<ClassElement<'a>, &'a Arena>,
    /// The token after the current one, if already lexed: (lexer position it was lexed from,
    /// token, lexer state after it).
    peeked: std::cell::Cell<Option<(usize, Token<'a>, Lexer<'a>)>>,
    /// Offset of the last "use strict" directive (for the non-simple parameters error).
    pub use_strict_at: u32,
}

pub(crate) type PResult<T> = Result<T, ParseError>;

/// AST list element types built on a scratch stack: a list pushes its elements on the stack of
/// its type and, when complete, copies them into an exact-size arena slice and pops them.
/// Nested lists of the same type complete first, so the stack discipline holds, and no
/// partially grown vector is left behind in the arena.
pub(crate) trait Scratchable<'a>: Copy + 'a {
    fn scratch<'p>(p: &'p mut Parser<'a>) -> &'p mut Vec<Self, &'a Arena>;
}

macro_rules! scratchable {
    ($t:ident, $field:ident) => {
        impl<'a> Scratchable<'a> for $t<'a> {
            fn scratch<'p>(p: &'p mut Parser<'a>) -> &'p mut Vec<Self, &'a Arena> {
                &mut p.$field
            }
        }
    };
}

scratchable!(Stmt, s_stmt);
scratchable!(Expr, s_expr);
scratchable!(Arg, s_arg);
scratchable!(ArrayElem, s_elem);
scratchable!(Property, s_prop);
scratchable!(Pattern, s_pat);
scratchable!(VarDeclarator, s_decl);
scratchable!(ClassElement, s_class);

pub(crate) fn oom<T>(_: T) -> ParseError {
    ParseError::oom()
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, arena: &'a Arena, options: Options) -> Self {
        let module = options.source_type == SourceType::Module;
        Parser {
            lex: Lexer::new(src, arena, module),
            arena,
            src,
            tok: Token {
                kind: Tok::Eof,
                start: 0,
                end: 0,
                newline_before: false,
                escaped: false,
                legacy_octal: None,
                value: TokValue::None,
            },
            prev_end: 0,
            ctx: Ctx {
                strict: options.strict || module,
                await_kw: module,
                ..Ctx::default()
            },
            module,
            stack: StackLimit::current_thread(),
            scopes: ScopeBuilder::new(arena),
            labels: Vec::new_in(arena),
            label_chain: None,
            privates: Vec::new_in(arena),
            cover_err: None,
            last_yield_await: None,
            last_await_ident: None,
            exported: hashbrown::HashMap::new_in(arena),
            export_locals: Vec::new_in(arena),
            switch_scope: None,
            use_strict_at: 0,
            peeked: std::cell::Cell::new(None),
            s_stmt: Vec::new_in(arena),
            s_expr: Vec::new_in(arena),
            s_arg: Vec::new_in(arena),
            s_elem: Vec::new_in(arena),
            s_prop: Vec::new_in(arena),
            s_pat: Vec::new_in(arena),
            s_decl: Vec::new_in(arena),
            s_class: Vec::new_in(arena),
        }
    }

    /// Applies a direct eval's context (before `parse_program`).
    pub(crate) fn set_eval_context(&mut self, c: &crate::EvalContext<'_>) -> PResult<()> {
        self.ctx.strict |= c.strict;
        self.ctx.new_target = c.new_target;
        self.ctx.super_prop = c.super_property;
        self.ctx.super_call = c.super_call;
        self.ctx.no_arguments = c.class_field_initializer;
        if !c.private_names.is_empty() {
            let mut declared = hashbrown::HashMap::new_in(self.arena);
            for name in c.private_names {
                let name: &'a str = self.arena.alloc_str(name).map_err(oom)?;
                declared.try_reserve(1).map_err(oom)?;
                declared.insert(name, 4u8);
            }
            let ps = PrivateScope {
                declared,
                used: self.new_vec(),
            };
            Self::push(&mut self.privates, ps)?;
        }
        Ok(())
    }

    // ----- allocation helpers -----

    pub(crate) fn alloc<T>(&self, v: T) -> PResult<&'a T> {
        match self.arena.alloc(v) {
            Ok(r) => Ok(r),
            Err(_) => Err(ParseError::oom()),
        }
    }

    pub(crate) fn new_vec<T>(&self) -> Vec<T, &'a Arena> {
        Vec::new_in(self.arena)
    }

    pub(crate) fn push<T>(v: &mut Vec<T, &'a Arena>, x: T) -> PResult<()> {
        v.try_reserve(1).map_err(oom)?;
        v.push(x);
        Ok(())
    }

    /// Starts a list of `T` on its scratch stack; returns the mark to finish it with.
    pub(crate) fn list_start<T: Scratchable<'a>>(&mut self) -> usize {
        T::scratch(self).len()
    }

    /// Appends to the list being built.
    pub(crate) fn list_push<T: Scratchable<'a>>(&mut self, x: T) -> PResult<()> {
        let v = T::scratch(self);
        v.try_reserve(1).map_err(oom)?;
        v.push(x);
        Ok(())
    }

    /// Copies the list started at `mark` into the arena and pops it from the scratch stack.
    pub(crate) fn list_finish<T: Scratchable<'a>>(&mut self, mark: usize) -> PResult<&'a [T]> {
        let arena = self.arena;
        let v = T::scratch(self);
        let out = match arena.alloc_slice_copy(&v[mark..]) {
            Ok(s) => &*s,
            Err(_) => return Err(ParseError::oom()),
        };
        v.truncate(mark);
        Ok(out)
    }

    // ----- errors -----

    pub(crate) fn err_at<T>(&self, offset: u32, msg: &'static str) -> PResult<T> {
        Err(ParseError::syntax(offset, msg))
    }

    pub(crate) fn err_named<T>(
        &self,
        offset: u32,
        template: &'static str,
        name: &str,
    ) -> PResult<T> {
        Err(ParseError::syntax_named(offset, template, name))
    }

    pub(crate) fn unexpected<T>(&self) -> PResult<T> {
        if self.tok.kind == Tok::Eof {
            self.err_at(self.tok.start, "Unexpected end of input")
        } else if self.tok.kind == Tok::Ident
            && self.ctx.strict
            && crate::lexer::token::is_strict_reserved(self.tok.name())
        {
            self.err_at(self.tok.start, "Unexpected strict mode reserved word")
        } else {
            // V8's words: the kind of literal, or the identifier or token itself.
            let at = self.tok.start;
            let text = self
                .src
                .get(self.tok.start as usize..self.tok.end as usize)
                .unwrap_or("");
            match self.tok.kind {
                Tok::Number | Tok::BigInt => self.err_at(at, "Unexpected number"),
                Tok::String => self.err_at(at, "Unexpected string"),
                Tok::Template | Tok::TemplateHead | Tok::TemplateMiddle | Tok::TemplateTail => {
                    self.err_at(at, "Unexpected template string")
                }
                Tok::Ident => self.err_named(at, "Unexpected identifier '{}'", text),
                _ if !text.is_empty() && text.len() <= 12 => {
                    self.err_named(at, "Unexpected token '{}'", text)
                }
                _ => self.err_at(at, "Unexpected token"),
            }
        }
    }

    pub(crate) fn check_stack(&self) -> PResult<()> {
        if self.stack.exceeded() {
            return Err(ParseError::stack(self.tok.start));
        }
        Ok(())
    }

    // ----- tokens -----

    pub(crate) fn bump(&mut self) -> PResult<()> {
        self.prev_end = self.tok.end;
        // The lexer's state is its position, so a token peeked from this position is the
        // next token.
        if let Some((at, tok, lex)) = self.peeked.get() {
            if at == self.lex.pos() {
                self.tok = tok;
                self.lex = lex;
                return Ok(());
            }
        }
        self.lex.next_token_into(&mut self.tok)
    }

    pub(crate) fn at(&self, k: Tok) -> bool {
        self.tok.kind == k
    }

    pub(crate) fn eat(&mut self, k: Tok) -> PResult<bool> {
        if self.tok.kind == k {
            self.bump()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(crate) fn expect(&mut self, k: Tok) -> PResult<()> {
        if self.tok.kind == k {
            self.bump()
        } else {
            self.unexpected()
        }
    }

    /// The current token is the unescaped contextual keyword `s`.
    pub(crate) fn is_name(&self, s: &str) -> bool {
        self.tok.kind == Tok::Ident && !self.tok.escaped && self.tok.name() == s
    }

    /// The token after the current one.
    pub(crate) fn peek(&self) -> PResult<Token<'a>> {
        let pos = self.lex.pos();
        if let Some((at, tok, _)) = self.peeked.get() {
            if at == pos {
                return Ok(tok);
            }
        }
        let mut l = self.lex;
        let tok = l.next_token()?;
        self.peeked.set(Some((pos, tok, l)));
        Ok(tok)
    }

    /// The two tokens after the current one.
    pub(crate) fn peek2(&self) -> PResult<(Token<'a>, Token<'a>)> {
        let mut l = self.lex;
        let a = l.next_token()?;
        let b = l.next_token()?;
        Ok((a, b))
    }

    pub(crate) fn semicolon(&mut self) -> PResult<()> {
        match self.tok.kind {
            Tok::Semi => self.bump(),
            Tok::RBrace | Tok::Eof => Ok(()),
            _ if self.tok.newline_before => Ok(()),
            _ => self.unexpected(),
        }
    }

    pub(crate) fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.prev_end.max(start))
    }

    /// Checks a legacy octal literal or escape in the current token against strict mode.
    pub(crate) fn check_octal(&self, tok: &Token<'a>) -> PResult<()> {
        if let Some(at) = tok.legacy_octal {
            if self.ctx.strict {
                return match tok.kind {
                    Tok::Number => self.err_at(at, "Octal literals are not allowed in strict mode"),
                    Tok::Template | Tok::TemplateHead | Tok::TemplateMiddle | Tok::TemplateTail => {
                        Ok(())
                    }
                    _ => self.err_at(at, "Octal escape sequences are not allowed in strict mode"),
                };
            }
        }
        Ok(())
    }

    // ----- labels -----

    pub(crate) fn find_label(&self, name: &str) -> Option<Label<'a>> {
        self.labels[self.ctx.label_base as usize..]
            .iter()
            .rev()
            .find(|l| l.name == name)
            .copied()
    }

    // ----- program -----

    pub(crate) fn parse_program(mut self) -> PResult<Parsed<'a>> {
        let hashbang = self.lex.skip_hashbang();
        self.bump()?;
        let kind = if self.module {
            ScopeKind::Module
        } else {
            ScopeKind::Script
        };
        let scope = self.scopes.push(kind, self.ctx.strict)?;
        let outer_private = !self.privates.is_empty();
        let body = self.parse_directives_and_body(Tok::Eof, true)?;
        if outer_private {
            // Direct eval inside a class: names of the enclosing classes were pre-declared.
            self.finish_private_scope()?;
        }
        if self.ctx.strict {
            self.scopes.set_strict(scope);
        }
        if self.module {
            self.check_module_exports(scope)?;
        }
        let program = Program {
            span: Span::new(0, self.src.len() as u32),
            source_type: if self.module {
                SourceType::Module
            } else {
                SourceType::Script
            },
            strict: self.ctx.strict,
            body,
            scope,
            hashbang,
        };
        let scopes = self.scopes.finish()?;
        Ok(Parsed { program, scopes })
    }

    /// Parses a directive prologue and the statements up to `end` (Eof or `}`), which is not
    /// consumed. Sets `ctx.strict` when a "use strict" directive appears.
    pub(crate) fn parse_directives_and_body(
        &mut self,
        end: Tok,
        top: bool,
    ) -> PResult<&'a [Stmt<'a>]> {
        let body = self.list_start::<Stmt>();
        let mut in_prologue = true;
        let mut first_octal: Option<u32> = None;
        while self.tok.kind != end {
            if self.tok.kind == Tok::Eof {
                return self.unexpected();
            }
            if in_prologue {
                if self.tok.kind == Tok::String {
                    let t = self.tok;
                    let stmt = self.parse_statement_list_item(top)?;
                    let is_directive = matches!(
                        stmt.kind,
                        StmtKind::Expr(Expr { kind: ExprKind::String(_), span }) if span.start == t.start && span.end == t.end
                    );
                    if is_directive {
                        if first_octal.is_none() {
                            first_octal = t.legacy_octal;
                        }
                        let raw = self
                            .src
                            .get(t.start as usize + 1..t.end as usize - 1)
                            .unwrap_or("");
                        if raw == "use strict" {
                            if !self.ctx.strict {
                                self.ctx.strict = true;
                                if let Some(at) = first_octal {
                                    return self.err_at(
                                        at,
                                        "Octal escape sequences are not allowed in strict mode",
                                    );
                                }
                                // The token after the directive was lexed already: recheck it.
                                self.check_octal(&{ self.tok })?;
                            }
                            self.on_use_strict(t.start)?;
                        }
                    } else {
                        in_prologue = false;
                    }
                    self.list_push(stmt)?;
                    continue;
                }
                in_prologue = false;
            }
            let stmt = self.parse_statement_list_item(top)?;
            self.list_push(stmt)?;
        }
        self.list_finish(body)
    }

    /// Hook for a "use strict" directive (functions check their parameters).
    fn on_use_strict(&mut self, at: u32) -> PResult<()> {
        self.use_strict_at = at;
        Ok(())
    }

    /// Records a reference to an identifier in the current scope.
    pub(crate) fn reference(&mut self, name: &'a str) -> PResult<()> {
        self.scopes.reference(name)
    }
}
