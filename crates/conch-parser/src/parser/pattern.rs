//! Patterns: binding patterns parsed directly, and the cover-grammar conversions from an
//! already parsed expression to an assignment target or to arrow parameters.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::{token, Tok, TokValue};
use crate::scope::{BindingKind, Decl};

impl<'a> Parser<'a> {
    /// Checks a BindingIdentifier.
    pub(crate) fn check_binding_identifier(
        &mut self,
        name: &'a str,
        at: u32,
        escaped: bool,
    ) -> PResult<()> {
        if self.ctx.strict && (name == "eval" || name == "arguments") {
            return self.err_at(at, "Unexpected eval or arguments in strict mode");
        }
        if escaped && token::keyword(name.as_bytes()).is_some() {
            return self.err_at(at, "Keyword must not contain escaped characters");
        }
        if self.ctx.strict && token::is_strict_reserved(name) {
            return self.err_at(at, "Unexpected strict mode reserved word");
        }
        match name {
            "yield" if self.ctx.yield_kw => self.err_at(at, "Unexpected identifier 'yield'"),
            "await" if self.ctx.await_kw || self.module || self.ctx.static_block => {
                self.err_at(at, "Unexpected reserved word 'await'")
            }
            "await" => {
                self.last_await_ident = Some(at);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// BindingIdentifier or BindingPattern.
    pub(crate) fn parse_binding_target(&mut self) -> PResult<Pattern<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        match self.tok.kind {
            Tok::Ident => {
                let name = self.tok.name();
                self.check_binding_identifier(name, start, self.tok.escaped)?;
                self.bump()?;
                Ok(Pattern {
                    span: self.span_from(start),
                    kind: PatternKind::Ident(name),
                })
            }
            Tok::LBracket => {
                self.bump()?;
                let mut elems = self.new_vec();
                let mut rest = None;
                while !self.at(Tok::RBracket) {
                    if self.at(Tok::Comma) {
                        self.bump()?;
                        Self::push(&mut elems, None)?;
                        continue;
                    }
                    if self.at(Tok::Ellipsis) {
                        self.bump()?;
                        let p = self.parse_binding_target()?;
                        rest = Some(self.alloc(p)?);
                        if !self.at(Tok::RBracket) {
                            return self
                                .err_at(self.tok.start, "Rest element must be last element");
                        }
                        break;
                    }
                    let e = self.parse_binding_element()?;
                    Self::push(&mut elems, Some(e))?;
                    if !self.at(Tok::RBracket) {
                        self.expect(Tok::Comma)?;
                    }
                }
                self.bump()?;
                Ok(Pattern {
                    span: self.span_from(start),
                    kind: PatternKind::Array(elems.leak(), rest),
                })
            }
            Tok::LBrace => {
                self.bump()?;
                let mut props = self.new_vec();
                let mut rest = None;
                while !self.at(Tok::RBrace) {
                    let pstart = self.tok.start;
                    if self.eat(Tok::Ellipsis)? {
                        let rs = self.tok.start;
                        if !self.at(Tok::Ident) {
                            return self.unexpected();
                        }
                        let name = self.tok.name();
                        self.check_binding_identifier(name, rs, self.tok.escaped)?;
                        self.bump()?;
                        let p = Pattern {
                            span: self.span_from(rs),
                            kind: PatternKind::Ident(name),
                        };
                        rest = Some(self.alloc(p)?);
                        if !self.at(Tok::RBrace) {
                            return self
                                .err_at(self.tok.start, "Rest element must be last element");
                        }
                        break;
                    }
                    let key_tok = self.tok;
                    if key_tok.kind == Tok::PrivateName {
                        return self.unexpected();
                    }
                    let key = self.parse_prop_key()?;
                    let (value, shorthand) = if self.eat(Tok::Colon)? {
                        (self.parse_binding_element()?, false)
                    } else {
                        // Shorthand: the key must be a binding identifier.
                        let PropKey::Ident(id) = key else {
                            return self.unexpected();
                        };
                        if key_tok.kind != Tok::Ident {
                            if key_tok.kind.is_keyword() {
                                return self.err_at(key_tok.start, "Unexpected keyword");
                            }
                            return self.unexpected();
                        }
                        self.check_binding_identifier(id.name, id.span.start, key_tok.escaped)?;
                        let mut p = Pattern {
                            span: id.span,
                            kind: PatternKind::Ident(id.name),
                        };
                        if self.eat(Tok::Eq)? {
                            let d = self.parse_assignment()?;
                            p = Pattern {
                                span: self.span_from(pstart),
                                kind: PatternKind::Assign(self.alloc(p)?, self.alloc(d)?),
                            };
                        }
                        (p, true)
                    };
                    Self::push(
                        &mut props,
                        PatternProp {
                            span: self.span_from(pstart),
                            key,
                            value,
                            shorthand,
                        },
                    )?;
                    if !self.at(Tok::RBrace) {
                        self.expect(Tok::Comma)?;
                    }
                }
                self.bump()?;
                Ok(Pattern {
                    span: self.span_from(start),
                    kind: PatternKind::Object(props.leak(), rest),
                })
            }
            _ => self.unexpected(),
        }
    }

    /// BindingElement: a target with an optional default.
    pub(crate) fn parse_binding_element(&mut self) -> PResult<Pattern<'a>> {
        let start = self.tok.start;
        let target = self.parse_binding_target()?;
        if self.eat(Tok::Eq)? {
            let saved = self.ctx.no_in;
            self.ctx.no_in = false;
            let d = self.parse_assignment();
            self.ctx.no_in = saved;
            let d = d?;
            return Ok(Pattern {
                span: self.span_from(start),
                kind: PatternKind::Assign(self.alloc(target)?, self.alloc(d)?),
            });
        }
        Ok(target)
    }

    /// Calls `f` for every bound name of a binding pattern.
    pub(crate) fn for_each_bound_name(
        &mut self,
        p: &Pattern<'a>,
        f: &mut dyn FnMut(&mut Self, &'a str, u32) -> PResult<()>,
    ) -> PResult<()> {
        self.check_stack()?;
        match p.kind {
            PatternKind::Ident(name) => f(self, name, p.span.start),
            PatternKind::Expr(_) => Ok(()),
            PatternKind::Assign(t, _) => self.for_each_bound_name(t, f),
            PatternKind::Array(elems, rest) => {
                for e in elems.iter().flatten() {
                    self.for_each_bound_name(e, f)?;
                }
                if let Some(r) = rest {
                    self.for_each_bound_name(r, f)?;
                }
                Ok(())
            }
            PatternKind::Object(props, rest) => {
                for pr in props {
                    self.for_each_bound_name(&pr.value, f)?;
                }
                if let Some(r) = rest {
                    self.for_each_bound_name(r, f)?;
                }
                Ok(())
            }
        }
    }

    /// Declares every bound name of `p`.
    pub(crate) fn declare_pattern(&mut self, p: &Pattern<'a>, decl: Decl) -> PResult<()> {
        self.for_each_bound_name(p, &mut |this, name, at| this.declare_name(name, at, decl))
    }

    pub(crate) fn declare_name(&mut self, name: &'a str, at: u32, decl: Decl) -> PResult<()> {
        if matches!(decl, Decl::Lexical(_)) && name == "let" {
            return self.err_at(at, "let is disallowed as a lexically bound name");
        }
        if !self.scopes.declare(name, decl)? {
            return self.err_named(at, "Identifier '{}' has already been declared", name);
        }
        Ok(())
    }

    /// The lexical declaration kind for a function declaration in the current position.
    pub(crate) fn function_decl_kind(&self, is_async: bool, is_gen: bool) -> Decl {
        let kind = self.scopes.kind(self.scopes.current());
        if kind == crate::scope::ScopeKind::Module {
            Decl::Lexical(BindingKind::Function)
        } else if kind.is_var_scope() {
            Decl::TopFunction
        } else if self.ctx.strict || is_async || is_gen {
            Decl::Lexical(BindingKind::BlockFunction)
        } else {
            Decl::BlockFunction
        }
    }

    // ----- cover grammar conversions -----

    fn check_simple_name(&self, name: &str, at: u32) -> PResult<()> {
        if self.ctx.strict && (name == "eval" || name == "arguments") {
            return self.err_at(at, "Unexpected eval or arguments in strict mode");
        }
        Ok(())
    }

    /// Target of `++`, `--` and compound assignment: an identifier or a member expression
    /// (Annex B: a call in sloppy code when `allow_call`).
    pub(crate) fn expr_to_simple_target(
        &mut self,
        e: &Expr<'a>,
        allow_call: bool,
    ) -> PResult<Pattern<'a>> {
        let mut inner = e;
        while let ExprKind::Paren(x) = inner.kind {
            inner = x;
        }
        match inner.kind {
            ExprKind::Ident(name) => {
                self.check_simple_name(name, inner.span.start)?;
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Ident(name),
                })
            }
            ExprKind::Member(_, _, false) | ExprKind::SuperMember(_) => Ok(Pattern {
                span: e.span,
                kind: PatternKind::Expr(self.alloc(*inner)?),
            }),
            ExprKind::Call(_, _, false) if allow_call && !self.ctx.strict => Ok(Pattern {
                span: e.span,
                kind: PatternKind::Expr(self.alloc(*inner)?),
            }),
            _ => self.err_at(e.span.start, "Invalid left-hand side in assignment"),
        }
    }

    /// Target of `=` and of for-in/of heads: a simple target or a destructuring pattern.
    pub(crate) fn expr_to_assign_target(
        &mut self,
        e: &Expr<'a>,
        top: bool,
    ) -> PResult<Pattern<'a>> {
        self.check_stack()?;
        match e.kind {
            ExprKind::Array(elems, trailing) => {
                let mut out = self.new_vec();
                let mut rest = None;
                for (i, el) in elems.iter().enumerate() {
                    match el {
                        ArrayElem::Hole => Self::push(&mut out, None)?,
                        ArrayElem::Expr(x) => {
                            let p = self.expr_to_assign_target(x, false)?;
                            Self::push(&mut out, Some(p))?;
                        }
                        ArrayElem::Spread(x) => {
                            if i + 1 != elems.len() || trailing {
                                return self
                                    .err_at(x.span.start, "Rest element must be last element");
                            }
                            if matches!(x.kind, ExprKind::Assign(..)) {
                                return self.err_at(
                                    x.span.start,
                                    "Invalid destructuring assignment target",
                                );
                            }
                            let p = self.expr_to_assign_target(x, false)?;
                            rest = Some(self.alloc(p)?);
                        }
                    }
                }
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Array(out.leak(), rest),
                })
            }
            ExprKind::Object(props, trailing) => {
                let mut out = self.new_vec();
                let mut rest = None;
                for (i, pr) in props.iter().enumerate() {
                    match pr.kind {
                        PropertyKind::Init(key, value) => {
                            let v = self.expr_to_assign_target(value, false)?;
                            Self::push(
                                &mut out,
                                PatternProp {
                                    span: pr.span,
                                    key,
                                    value: v,
                                    shorthand: false,
                                },
                            )?;
                        }
                        PropertyKind::Shorthand(id) => {
                            self.check_simple_name(id.name, id.span.start)?;
                            let v = Pattern {
                                span: id.span,
                                kind: PatternKind::Ident(id.name),
                            };
                            Self::push(
                                &mut out,
                                PatternProp {
                                    span: pr.span,
                                    key: PropKey::Ident(id),
                                    value: v,
                                    shorthand: true,
                                },
                            )?;
                        }
                        PropertyKind::Method(..) => {
                            return self
                                .err_at(pr.span.start, "Invalid destructuring assignment target");
                        }
                        PropertyKind::Spread(x) => {
                            if i + 1 != props.len() || trailing {
                                return self
                                    .err_at(x.span.start, "Rest element must be last element");
                            }
                            let p = self.expr_to_simple_target(x, false)?;
                            rest = Some(self.alloc(p)?);
                        }
                    }
                }
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Object(out.leak(), rest),
                })
            }
            ExprKind::Assign(AssignOp::Assign, target, value) if !top => {
                // The target was accepted as that of a plain assignment, where Annex B allows a
                // call in sloppy code; inside a destructuring pattern it must be simple.
                if let PatternKind::Expr(t) = target.kind {
                    let mut inner = t;
                    while let ExprKind::Paren(x) = inner.kind {
                        inner = x;
                    }
                    if matches!(inner.kind, ExprKind::Call(..)) {
                        return self
                            .err_at(t.span.start, "Invalid destructuring assignment target");
                    }
                }
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Assign(target, value),
                })
            }
            _ => self.expr_to_simple_target(e, top),
        }
    }

    /// Arrow parameter from its cover expression.
    pub(crate) fn expr_to_binding(&mut self, e: &Expr<'a>) -> PResult<&'a Pattern<'a>> {
        let p = self.expr_to_binding_pattern(e)?;
        self.alloc(p)
    }

    pub(crate) fn expr_to_binding_pattern(&mut self, e: &Expr<'a>) -> PResult<Pattern<'a>> {
        self.check_stack()?;
        match e.kind {
            ExprKind::Ident(name) => {
                self.check_binding_identifier(name, e.span.start, false)?;
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Ident(name),
                })
            }
            ExprKind::Array(elems, trailing) => {
                let mut out = self.new_vec();
                let mut rest = None;
                for (i, el) in elems.iter().enumerate() {
                    match el {
                        ArrayElem::Hole => Self::push(&mut out, None)?,
                        ArrayElem::Expr(x) => {
                            let p = self.expr_to_binding_pattern(x)?;
                            Self::push(&mut out, Some(p))?;
                        }
                        ArrayElem::Spread(x) => {
                            if i + 1 != elems.len()
                                || trailing
                                || matches!(x.kind, ExprKind::Assign(..))
                            {
                                return self
                                    .err_at(x.span.start, "Rest element must be last element");
                            }
                            rest = Some(self.expr_to_binding(x)?);
                        }
                    }
                }
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Array(out.leak(), rest),
                })
            }
            ExprKind::Object(props, trailing) => {
                let mut out = self.new_vec();
                let mut rest = None;
                for (i, pr) in props.iter().enumerate() {
                    match pr.kind {
                        PropertyKind::Init(key, value) => {
                            let v = self.expr_to_binding_pattern(value)?;
                            Self::push(
                                &mut out,
                                PatternProp {
                                    span: pr.span,
                                    key,
                                    value: v,
                                    shorthand: false,
                                },
                            )?;
                        }
                        PropertyKind::Shorthand(id) => {
                            self.check_binding_identifier(id.name, id.span.start, false)?;
                            let v = Pattern {
                                span: id.span,
                                kind: PatternKind::Ident(id.name),
                            };
                            Self::push(
                                &mut out,
                                PatternProp {
                                    span: pr.span,
                                    key: PropKey::Ident(id),
                                    value: v,
                                    shorthand: true,
                                },
                            )?;
                        }
                        PropertyKind::Method(..) => {
                            return self
                                .err_at(pr.span.start, "Invalid destructuring assignment target")
                        }
                        PropertyKind::Spread(x) => {
                            if i + 1 != props.len()
                                || trailing
                                || !matches!(x.kind, ExprKind::Ident(_))
                            {
                                return self
                                    .err_at(x.span.start, "Rest element must be last element");
                            }
                            rest = Some(self.expr_to_binding(x)?);
                        }
                    }
                }
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Object(out.leak(), rest),
                })
            }
            ExprKind::Assign(AssignOp::Assign, target, value) => {
                self.check_binding_pattern(target)?;
                Ok(Pattern {
                    span: e.span,
                    kind: PatternKind::Assign(target, value),
                })
            }
            _ => self.err_at(e.span.start, "Invalid destructuring assignment target"),
        }
    }

    /// Rejects member-expression targets (and re-checks names) in a converted pattern.
    fn check_binding_pattern(&mut self, p: &Pattern<'a>) -> PResult<()> {
        self.check_stack()?;
        match p.kind {
            PatternKind::Ident(name) => {
                // `((a) = 1) => 0`: a parenthesized name is an assignment target, not a binding.
                if self.src.as_bytes().get(p.span.start as usize) == Some(&b'(') {
                    return self.err_at(p.span.start, "Invalid destructuring assignment target");
                }
                self.check_binding_identifier(name, p.span.start, false)
            }
            PatternKind::Expr(_) => {
                self.err_at(p.span.start, "Invalid destructuring assignment target")
            }
            PatternKind::Assign(t, _) => self.check_binding_pattern(t),
            PatternKind::Array(elems, rest) => {
                for e in elems.iter().flatten() {
                    self.check_binding_pattern(e)?;
                }
                if let Some(r) = rest {
                    self.check_binding_pattern(r)?;
                }
                Ok(())
            }
            PatternKind::Object(props, rest) => {
                for pr in props {
                    self.check_binding_pattern(&pr.value)?;
                }
                if let Some(r) = rest {
                    self.check_binding_pattern(r)?;
                }
                Ok(())
            }
        }
    }

    /// A property key (also for classes, where private names are allowed by the caller).
    pub(crate) fn parse_prop_key(&mut self) -> PResult<PropKey<'a>> {
        let span = Span::new(self.tok.start, self.tok.end);
        let key = match self.tok.kind {
            Tok::String => {
                self.check_octal(&{ self.tok })?;
                match self.tok.value {
                    TokValue::Str(s) => PropKey::String(span, s),
                    _ => return self.unexpected(),
                }
            }
            Tok::Number => {
                self.check_octal(&{ self.tok })?;
                match self.tok.value {
                    TokValue::Number(n) => PropKey::Number(span, n),
                    _ => return self.unexpected(),
                }
            }
            Tok::BigInt => match self.tok.value {
                TokValue::BigInt(s) => PropKey::BigInt(span, s),
                _ => return self.unexpected(),
            },
            Tok::LBracket => {
                self.bump()?;
                let saved = self.ctx.no_in;
                self.ctx.no_in = false;
                let e = self.parse_assignment();
                self.ctx.no_in = saved;
                let e = e?;
                self.expect(Tok::RBracket)?;
                return Ok(PropKey::Computed(self.alloc(e)?));
            }
            Tok::PrivateName => PropKey::Private(Ident {
                span,
                name: self.tok.name(),
            }),
            k if k == Tok::Ident || k.is_keyword() => PropKey::Ident(Ident {
                span,
                name: self.tok.name(),
            }),
            _ => return self.unexpected(),
        };
        self.bump()?;
        Ok(key)
    }
}
