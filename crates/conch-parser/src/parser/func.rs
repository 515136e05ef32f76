//! Functions: declarations, expressions, methods, arrows; parameters and bodies, with the
//! early errors that depend on both (duplicate parameters, "use strict" retroactivity).

use super::{Ctx, PResult, Parser};
use crate::ast::*;
use crate::lexer::{token, Tok};
use crate::scope::{Decl, Mark, ScopeKind};

/// What kind of parameter list a function has (for the getter/setter arity rules).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamRule {
    Any,
    Getter,
    Setter,
}

impl<'a> Parser<'a> {
    /// `function` declaration (current token `function`, after `async` if any). `single`: the
    /// Annex B position of an if-body or labelled statement (plain functions only).
    pub(crate) fn parse_function_declaration(
        &mut self,
        start: u32,
        is_async: bool,
        single: bool,
    ) -> PResult<&'a Function<'a>> {
        self.parse_function_declaration_ext(start, is_async, single, false)
    }

    pub(crate) fn parse_function_declaration_ext(
        &mut self,
        start: u32,
        is_async: bool,
        single: bool,
        default_export: bool,
    ) -> PResult<&'a Function<'a>> {
        self.expect(Tok::Function)?;
        let is_gen = self.eat(Tok::Star)?;
        if single && (is_gen || is_async) {
            return self.err_at(start, "Generators and async functions can only be declared at the top level or inside a block");
        }
        let id = if self.at(Tok::Ident) {
            let name = self.tok.name();
            let at = self.tok.start;
            self.check_binding_identifier(name, at, self.tok.escaped)?;
            self.bump()?;
            let decl = self.function_decl_kind(is_async, is_gen);
            self.declare_name(name, at, decl)?;
            Some(Ident {
                span: self.span_from(at),
                name,
            })
        } else if default_export {
            None
        } else {
            return self.unexpected();
        };
        self.parse_function_rest(
            start,
            id,
            is_async,
            is_gen,
            FunctionKind::Normal,
            ParamRule::Any,
        )
    }

    /// `function` expression (current token `function`).
    pub(crate) fn parse_function_expression(
        &mut self,
        start: u32,
        is_async: bool,
    ) -> PResult<&'a Function<'a>> {
        self.expect(Tok::Function)?;
        let is_gen = self.eat(Tok::Star)?;
        let mut id = None;
        let mut name_scope = false;
        if self.at(Tok::Ident) {
            let name = self.tok.name();
            let at = self.tok.start;
            // The name is bound inside: the function's own yield/await rules apply.
            let saved = self.ctx;
            self.ctx.yield_kw = is_gen;
            self.ctx.await_kw = is_async;
            self.ctx.static_block = false;
            let r = self.check_binding_identifier(name, at, self.tok.escaped);
            self.ctx = saved;
            r?;
            self.bump()?;
            self.scopes.push(ScopeKind::Block, self.ctx.strict)?;
            self.scopes
                .declare(name, Decl::Lexical(crate::scope::BindingKind::SelfName))?;
            name_scope = true;
            id = Some(Ident {
                span: self.span_from(at),
                name,
            });
        } else if !self.at(Tok::LParen) {
            return self.unexpected();
        }
        let f = self.parse_function_rest(
            start,
            id,
            is_async,
            is_gen,
            FunctionKind::Normal,
            ParamRule::Any,
        );
        if name_scope {
            self.scopes.pop();
        }
        f
    }

    /// Parameters and body after the name.
    pub(crate) fn parse_function_rest(
        &mut self,
        start: u32,
        id: Option<Ident<'a>>,
        is_async: bool,
        is_gen: bool,
        kind: FunctionKind,
        rule: ParamRule,
    ) -> PResult<&'a Function<'a>> {
        let saved = self.ctx;
        let saved_ya = (self.last_yield_await, self.last_await_ident);
        let is_method = matches!(
            kind,
            FunctionKind::Method | FunctionKind::Constructor | FunctionKind::DerivedConstructor
        );
        self.ctx = Ctx {
            strict: saved.strict,
            in_function: true,
            yield_kw: is_gen,
            await_kw: is_async,
            in_params: true,
            super_prop: is_method,
            super_call: kind == FunctionKind::DerivedConstructor,
            new_target: true,
            no_arguments: false,
            static_block: false,
            in_loop: false,
            in_switch: false,
            label_base: self.labels.len() as u32,
            no_in: false,
        };
        let result = self.parse_function_inner(start, id, is_async, is_gen, kind, rule);
        self.ctx = saved;
        (self.last_yield_await, self.last_await_ident) = saved_ya;
        result
    }

    fn parse_function_inner(
        &mut self,
        start: u32,
        id: Option<Ident<'a>>,
        is_async: bool,
        is_gen: bool,
        kind: FunctionKind,
        rule: ParamRule,
    ) -> PResult<&'a Function<'a>> {
        let outer_strict = self.ctx.strict;
        let scope = self.scopes.push(ScopeKind::Function, self.ctx.strict)?;
        self.expect(Tok::LParen)?;
        let params = self.list_start::<Pattern>();
        let mut rest = None;
        let mut simple = true;
        while !self.at(Tok::RParen) {
            if self.at(Tok::Ellipsis) {
                let rstart = self.tok.start;
                self.bump()?;
                let p = self.parse_binding_target()?;
                if self.at(Tok::Eq) {
                    return self.err_at(
                        self.tok.start,
                        "Rest parameter may not have a default initializer",
                    );
                }
                rest = Some(self.alloc(p)?);
                simple = false;
                if !self.at(Tok::RParen) {
                    return self.err_at(rstart, "Rest parameter must be last formal parameter");
                }
                break;
            }
            let p = self.parse_binding_element()?;
            if !matches!(p.kind, PatternKind::Ident(_)) {
                simple = false;
            }
            self.list_push(p)?;
            if !self.at(Tok::RParen) {
                self.expect(Tok::Comma)?;
            }
        }
        self.bump()?;
        let params = self.list_finish(params)?;
        match rule {
            ParamRule::Getter if !params.is_empty() || rest.is_some() => {
                return self.err_at(start, "Getter must not have any formal parameters.");
            }
            ParamRule::Setter if params.len() != 1 || rest.is_some() => {
                return self.err_at(start, "Setter must have exactly one formal parameter.");
            }
            _ => {}
        }
        let dup = self.declare_params(params, rest)?;
        self.ctx.in_params = false;
        self.expect(Tok::LBrace)?;
        let body = self.parse_function_body(simple)?;
        let strict = self.ctx.strict;
        if strict {
            self.scopes.set_strict(scope);
        }
        let unique = strict
            || !simple
            || is_method_kind(kind)
            || matches!(rule, ParamRule::Getter | ParamRule::Setter);
        if let Some(at) = dup {
            if unique {
                return self.err_at(at, "Duplicate parameter name not allowed in this context");
            }
        }
        if strict && !outer_strict {
            // "use strict" in the body applies to the name and the parameters.
            if let Some(id) = id {
                self.check_strict_binding_name(id.name, id.span.start)?;
            }
            self.recheck_params_strict(params, rest)?;
        }
        self.scopes.pop();
        let f = Function {
            span: self.span_from(start),
            id,
            params,
            rest,
            body,
            expr_body: None,
            is_async,
            is_generator: is_gen,
            strict,
            simple_params: simple,
            kind,
            scope,
        };
        self.alloc(f)
    }

    /// Declares parameters in the current (function) scope; returns the first duplicate.
    fn declare_params(
        &mut self,
        params: &'a [Pattern<'a>],
        rest: Option<&'a Pattern<'a>>,
    ) -> PResult<Option<u32>> {
        let mut dup = None;
        let mut f = |this: &mut Self, name: &'a str, at: u32| -> PResult<()> {
            if !this.scopes.declare(name, Decl::Param)? && dup.is_none() {
                dup = Some(at);
            }
            Ok(())
        };
        for p in params {
            self.for_each_bound_name(p, &mut f)?;
        }
        if let Some(r) = rest {
            self.for_each_bound_name(r, &mut f)?;
        }
        Ok(dup)
    }

    fn check_strict_binding_name(&self, name: &str, at: u32) -> PResult<()> {
        if name == "eval" || name == "arguments" {
            return self.err_at(at, "Unexpected eval or arguments in strict mode");
        }
        if token::is_strict_reserved(name) {
            return self.err_at(at, "Unexpected strict mode reserved word");
        }
        Ok(())
    }

    fn recheck_params_strict(
        &mut self,
        params: &'a [Pattern<'a>],
        rest: Option<&'a Pattern<'a>>,
    ) -> PResult<()> {
        let mut f =
            |this: &mut Self, name: &'a str, at: u32| this.check_strict_binding_name(name, at);
        for p in params {
            self.for_each_bound_name(p, &mut f)?;
        }
        if let Some(r) = rest {
            self.for_each_bound_name(r, &mut f)?;
        }
        Ok(())
    }

    /// FunctionBody after `{`, through `}`. Handles the directive prologue.
    fn parse_function_body(&mut self, simple: bool) -> PResult<&'a [Stmt<'a>]> {
        let was_strict = self.ctx.strict;
        let saved_label = self.label_chain.take();
        let body = self.parse_directives_and_body(Tok::RBrace, false)?;
        self.label_chain = saved_label;
        if self.ctx.strict && !was_strict && !simple {
            return self.err_at(
                self.use_strict_at,
                "Illegal 'use strict' directive in function with non-simple parameter list",
            );
        }
        if self.ctx.strict && !simple && self.body_has_use_strict(body) {
            return self.err_at(
                self.use_strict_at,
                "Illegal 'use strict' directive in function with non-simple parameter list",
            );
        }
        self.expect(Tok::RBrace)?;
        Ok(body)
    }

    /// Does the directive prologue of `body` contain "use strict"?
    pub(crate) fn body_has_use_strict(&self, body: &[Stmt<'a>]) -> bool {
        for s in body {
            match s.kind {
                StmtKind::Expr(Expr {
                    kind: ExprKind::String(_),
                    span,
                }) => {
                    let raw = self
                        .src
                        .get(span.start as usize + 1..(span.end as usize).saturating_sub(1))
                        .unwrap_or("");
                    let quoted = self
                        .src
                        .as_bytes()
                        .get(span.start as usize)
                        .is_some_and(|&b| b == b'"' || b == b'\'');
                    if quoted && raw == "use strict" {
                        return true;
                    }
                }
                _ => return false,
            }
        }
        false
    }

    /// After `params =>` was seen: builds the arrow function. `items` are the cover's
    /// expressions, `rest` a rest parameter already parsed as a binding pattern.
    pub(crate) fn parse_arrow_from_cover(
        &mut self,
        start: u32,
        items: &'a [Expr<'a>],
        rest: Option<&'a Pattern<'a>>,
        is_async: bool,
        mark: Mark,
    ) -> PResult<Expr<'a>> {
        if let Some(p) = self.last_yield_await {
            if p >= start {
                return self.err_at(
                    p,
                    "Yield or await expression not allowed in arrow function parameters",
                );
            }
        }
        if is_async {
            if let Some(p) = self.last_await_ident {
                if p >= start {
                    return self.err_at(p, "Unexpected reserved word 'await'");
                }
            }
        }
        self.expect(Tok::Arrow)?;
        let saved = self.ctx;
        let saved_ya = (self.last_yield_await, self.last_await_ident);
        let scope = self.scopes.push(ScopeKind::Arrow, self.ctx.strict)?;
        self.scopes.reparent(mark, scope);
        // Parameters are checked with the arrow's own await rule.
        self.ctx.await_kw = is_async;
        self.ctx.yield_kw = saved.yield_kw;
        let params = self.list_start::<Pattern>();
        let mut simple = rest.is_none();
        for e in items {
            let p = self.expr_to_binding_pattern(e)?;
            if !matches!(p.kind, PatternKind::Ident(_)) {
                simple = false;
            }
            self.list_push(p)?;
        }
        let params = self.list_finish(params)?;
        if let Some(r) = rest {
            self.recheck_binding(r)?;
        }
        if let Some(at) = self.declare_params(params, rest)? {
            return self.err_at(at, "Duplicate parameter name not allowed in this context");
        }
        self.ctx = Ctx {
            strict: saved.strict,
            in_function: true,
            yield_kw: false,
            await_kw: is_async,
            in_params: false,
            super_prop: saved.super_prop,
            super_call: saved.super_call,
            new_target: saved.new_target,
            no_arguments: saved.no_arguments,
            static_block: false,
            in_loop: false,
            in_switch: false,
            label_base: self.labels.len() as u32,
            no_in: saved.no_in,
        };
        let result =
            self.parse_arrow_body(start, params, rest, is_async, simple, scope, saved.strict);
        self.ctx = saved;
        (self.last_yield_await, self.last_await_ident) = saved_ya;
        self.scopes.pop();
        result
    }

    fn recheck_binding(&mut self, p: &'a Pattern<'a>) -> PResult<()> {
        let mut f = |this: &mut Self, name: &'a str, at: u32| {
            this.check_binding_identifier(name, at, false)
        };
        self.for_each_bound_name(p, &mut f)
    }

    #[allow(clippy::too_many_arguments)]
    fn parse_arrow_body(
        &mut self,
        start: u32,
        params: &'a [Pattern<'a>],
        rest: Option<&'a Pattern<'a>>,
        is_async: bool,
        simple: bool,
        scope: crate::scope::ScopeId,
        outer_strict: bool,
    ) -> PResult<Expr<'a>> {
        let (body, expr_body): (&'a [Stmt<'a>], Option<&'a Expr<'a>>) = if self.at(Tok::LBrace) {
            self.bump()?;
            let b = self.parse_function_body(simple)?;
            (b, None)
        } else {
            let e = self.parse_assignment()?;
            (&[], Some(self.alloc(e)?))
        };
        let strict = self.ctx.strict;
        if strict {
            self.scopes.set_strict(scope);
            if !outer_strict {
                self.recheck_params_strict(params, rest)?;
            }
        }
        let f = Function {
            span: self.span_from(start),
            id: None,
            params,
            rest,
            body,
            expr_body,
            is_async,
            is_generator: false,
            strict,
            simple_params: simple,
            kind: FunctionKind::Arrow,
            scope,
        };
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Arrow(self.alloc(f)?),
        })
    }
}

fn is_method_kind(k: FunctionKind) -> bool {
    matches!(
        k,
        FunctionKind::Method | FunctionKind::Constructor | FunctionKind::DerivedConstructor
    )
}
