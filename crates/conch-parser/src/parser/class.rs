//! Object literals and classes (methods, accessors, fields, private names, static blocks).

use super::func::ParamRule;
use super::{Ctx, PResult, Parser, PrivateScope};
use crate::ast::*;
use crate::error::ParseError;
use crate::lexer::Tok;
use crate::scope::{BindingKind, Decl, ScopeKind};

fn key_is(key: &PropKey<'_>, name: &str) -> bool {
    match key {
        PropKey::Ident(id) => id.name == name,
        PropKey::String(_, s) => s.as_bytes() == name.as_bytes(),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    /// Is the current token a modifier (`get`, `set`, `async`, `static`) rather than a key?
    fn is_modifier(&self, name: &str) -> PResult<bool> {
        if !self.is_name(name) {
            return Ok(false);
        }
        let next = self.peek()?;
        if name == "async" && next.newline_before {
            return Ok(false);
        }
        if (name == "get" || name == "set") && next.kind == Tok::Star {
            return Ok(false);
        }
        Ok(!matches!(
            next.kind,
            Tok::LParen | Tok::Eq | Tok::Semi | Tok::RBrace | Tok::Comma | Tok::Colon | Tok::Eof
        ))
    }

    pub(crate) fn parse_object_literal(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        self.bump()?;
        let saved = self.ctx.no_in;
        self.ctx.no_in = false;
        let props = self.list_start::<Property>();
        let mut trailing = false;
        let mut has_proto = false;
        while !self.at(Tok::RBrace) {
            let p = self.parse_object_member(&mut has_proto)?;
            self.list_push(p)?;
            trailing = false;
            if !self.at(Tok::RBrace) {
                self.expect(Tok::Comma)?;
                trailing = true;
            }
        }
        self.bump()?;
        self.ctx.no_in = saved;
        let props = self.list_finish(props)?;
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Object(props, trailing),
        })
    }

    fn parse_object_member(&mut self, has_proto: &mut bool) -> PResult<Property<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        if self.eat(Tok::Ellipsis)? {
            let e = self.parse_assignment_inner(true)?;
            return Ok(Property {
                span: self.span_from(start),
                kind: PropertyKind::Spread(self.alloc(e)?),
            });
        }
        let mut is_async = false;
        let mut is_gen = false;
        let mut mkind = MethodKind::Method;
        if self.is_modifier("async")? {
            self.bump()?;
            is_async = true;
        }
        if self.at(Tok::Star) {
            self.bump()?;
            is_gen = true;
        }
        if !is_async && !is_gen {
            if self.is_modifier("get")? {
                self.bump()?;
                mkind = MethodKind::Get;
            } else if self.is_modifier("set")? {
                self.bump()?;
                mkind = MethodKind::Set;
            }
        }
        let key_tok = self.tok;
        if key_tok.kind == Tok::PrivateName {
            return self.unexpected();
        }
        let key = self.parse_prop_key()?;
        if is_async || is_gen || mkind != MethodKind::Method || self.at(Tok::LParen) {
            let rule = match mkind {
                MethodKind::Get => ParamRule::Getter,
                MethodKind::Set => ParamRule::Setter,
                _ => ParamRule::Any,
            };
            let f = self.parse_function_rest(
                start,
                None,
                is_async,
                is_gen,
                FunctionKind::Method,
                rule,
            )?;
            return Ok(Property {
                span: self.span_from(start),
                kind: PropertyKind::Method(key, mkind, f),
            });
        }
        if self.eat(Tok::Colon)? {
            if !matches!(key, PropKey::Computed(_)) && key_is(&key, "__proto__") {
                if *has_proto && self.cover_err.is_none() {
                    self.cover_err = Some(ParseError::syntax(
                        start,
                        "Duplicate __proto__ fields are not allowed in object literals",
                    ));
                }
                *has_proto = true;
            }
            let v = self.parse_assignment_inner(true)?;
            return Ok(Property {
                span: self.span_from(start),
                kind: PropertyKind::Init(key, self.alloc(v)?),
            });
        }
        // Shorthand `name` or cover `name = default`.
        let PropKey::Ident(id) = key else {
            return self.unexpected();
        };
        if key_tok.kind != Tok::Ident {
            return self.err_at(key_tok.start, "Unexpected token");
        }
        self.check_identifier_reference(id.name, id.span.start, key_tok.escaped)?;
        if id.name == "arguments" && self.ctx.no_arguments {
            return self.err_at(id.span.start, "'arguments' is not allowed in class field initializer or static initialization block");
        }
        self.reference(id.name)?;
        if self.at(Tok::Eq) {
            if self.ctx.strict && (id.name == "eval" || id.name == "arguments") {
                return self.err_at(id.span.start, "Unexpected eval or arguments in strict mode");
            }
            if self.cover_err.is_none() {
                self.cover_err = Some(ParseError::syntax(
                    self.tok.start,
                    "Invalid shorthand property initializer",
                ));
            }
            self.bump()?;
            let d = self.parse_assignment()?;
            let target = Pattern {
                span: id.span,
                kind: PatternKind::Ident(id.name),
            };
            let value = Expr {
                span: self.span_from(start),
                kind: ExprKind::Assign(AssignOp::Assign, self.alloc(target)?, self.alloc(d)?),
            };
            return Ok(Property {
                span: self.span_from(start),
                kind: PropertyKind::Init(key, self.alloc(value)?),
            });
        }
        Ok(Property {
            span: self.span_from(start),
            kind: PropertyKind::Shorthand(id),
        })
    }

    // ----- private names -----

    pub(crate) fn use_private_name(&mut self, name: &'a str, at: u32) -> PResult<()> {
        let Some(scope) = self.privates.last_mut() else {
            return self.err_named(
                at,
                "Private field '#{}' must be declared in an enclosing class",
                name,
            );
        };
        scope.used.try_reserve(1).map_err(super::oom)?;
        scope.used.push((name, at));
        Ok(())
    }

    fn declare_private(&mut self, name: &'a str, at: u32, flags: u8) -> PResult<()> {
        if name == "constructor" {
            return self.err_at(
                at,
                "Classes may not have a private field named '#constructor'",
            );
        }
        let Some(scope) = self.privates.last_mut() else {
            return Ok(());
        };
        if let Some(d) = scope.declared.get_mut(name) {
            let accessor_pair = (*d & 3 | flags & 3) == 3
                && *d & 4 == 0
                && flags & 4 == 0
                && *d & 3 != flags & 3
                && (*d & 8) == (flags & 8);
            if accessor_pair {
                *d |= flags;
                return Ok(());
            }
            return Err(ParseError::syntax_named(
                at,
                "Identifier '#{}' has already been declared",
                name,
            ));
        }
        scope.declared.try_reserve(1).map_err(super::oom)?;
        scope.declared.insert(name, flags);
        Ok(())
    }

    pub(crate) fn finish_private_scope(&mut self) -> PResult<()> {
        let Some(scope) = self.privates.pop() else {
            return Ok(());
        };
        for &(name, at) in scope.used.iter() {
            if scope.declared.contains_key(name) {
                continue;
            }
            match self.privates.last_mut() {
                Some(outer) => {
                    outer.used.try_reserve(1).map_err(super::oom)?;
                    outer.used.push((name, at));
                }
                None => {
                    return self.err_named(
                        at,
                        "Private field '#{}' must be declared in an enclosing class",
                        name,
                    )
                }
            }
        }
        Ok(())
    }

    // ----- classes -----

    /// A class declaration or expression (current token `class`).
    pub(crate) fn parse_class(
        &mut self,
        is_decl: bool,
        default_export: bool,
    ) -> PResult<&'a Class<'a>> {
        let start = self.tok.start;
        self.bump()?;
        let saved_strict = self.ctx.strict;
        self.ctx.strict = true;
        let r = self.parse_class_inner(start, is_decl, default_export);
        self.ctx.strict = saved_strict;
        r
    }

    fn parse_class_inner(
        &mut self,
        start: u32,
        is_decl: bool,
        default_export: bool,
    ) -> PResult<&'a Class<'a>> {
        let mut id = None;
        if self.at(Tok::Ident) && !(self.is_name("extends")) {
            let name = self.tok.name();
            let at = self.tok.start;
            self.check_binding_identifier(name, at, self.tok.escaped)?;
            self.bump()?;
            if is_decl {
                self.declare_name(name, at, Decl::Lexical(BindingKind::Class))?;
            }
            id = Some(Ident {
                span: self.span_from(at),
                name,
            });
        } else if is_decl && !default_export {
            return self.unexpected();
        }
        let scope = self.scopes.push(ScopeKind::Class, true)?;
        if let Some(id) = id {
            self.scopes
                .declare(id.name, Decl::Lexical(BindingKind::SelfName))?;
        }
        let super_class = if self.eat(Tok::Extends)? {
            let e = self.parse_lhs()?;
            if super::expr::is_arrow(&e) {
                return self.unexpected();
            }
            Some(self.alloc(e)?)
        } else {
            None
        };
        self.expect(Tok::LBrace)?;
        let ps = PrivateScope {
            declared: hashbrown::HashMap::new_in(self.arena),
            used: self.new_vec(),
        };
        Self::push(&mut self.privates, ps)?;
        let body = self.list_start::<ClassElement>();
        let mut has_ctor = false;
        while !self.at(Tok::RBrace) {
            if self.eat(Tok::Semi)? {
                continue;
            }
            let el = self.parse_class_element(super_class.is_some(), &mut has_ctor)?;
            self.list_push(el)?;
        }
        self.bump()?;
        let body = self.list_finish(body)?;
        self.finish_private_scope()?;
        self.scopes.pop();
        self.alloc(Class {
            span: self.span_from(start),
            id,
            super_class,
            body,
            scope,
        })
    }

    fn parse_class_element(
        &mut self,
        derived: bool,
        has_ctor: &mut bool,
    ) -> PResult<ClassElement<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        let mut is_static = false;
        if self.is_name("static") {
            let next = self.peek()?;
            if next.kind == Tok::LBrace {
                self.bump()?;
                let f = self.parse_static_block(start)?;
                return Ok(ClassElement {
                    span: self.span_from(start),
                    is_static: true,
                    kind: ClassElementKind::StaticBlock(f),
                });
            }
            if self.is_modifier("static")? {
                self.bump()?;
                is_static = true;
            }
        }
        // A method's source text (Function.prototype.toString) is its MethodDefinition, which
        // does not include `static`.
        let method_start = self.tok.start;
        let mut is_async = false;
        let mut is_gen = false;
        let mut mkind = MethodKind::Method;
        if self.is_modifier("async")? {
            self.bump()?;
            is_async = true;
        }
        if self.at(Tok::Star) {
            self.bump()?;
            is_gen = true;
        }
        if !is_async && !is_gen {
            if self.is_modifier("get")? {
                self.bump()?;
                mkind = MethodKind::Get;
            } else if self.is_modifier("set")? {
                self.bump()?;
                mkind = MethodKind::Set;
            }
        }
        let key_start = self.tok.start;
        let key = self.parse_prop_key()?;
        if let PropKey::Private(id) = key {
            let flags = match (mkind, self.at(Tok::LParen) || is_async || is_gen) {
                (MethodKind::Get, _) => 1,
                (MethodKind::Set, _) => 2,
                _ => 4,
            } | if is_static { 8 } else { 0 };
            self.declare_private(id.name, key_start, flags)?;
        }
        if self.at(Tok::LParen) || is_async || is_gen || mkind != MethodKind::Method {
            let is_ctor = !is_static
                && !matches!(key, PropKey::Computed(_) | PropKey::Private(_))
                && key_is(&key, "constructor");
            if is_ctor {
                if is_async || is_gen || mkind != MethodKind::Method {
                    return self.err_at(
                        key_start,
                        "Class constructor may not be an accessor, generator or async",
                    );
                }
                if *has_ctor {
                    return self.err_at(key_start, "A class may only have one constructor");
                }
                *has_ctor = true;
                mkind = MethodKind::Constructor;
            }
            if is_static
                && !matches!(key, PropKey::Computed(_) | PropKey::Private(_))
                && key_is(&key, "prototype")
            {
                return self.err_at(
                    key_start,
                    "Classes may not have a static property named 'prototype'",
                );
            }
            let rule = match mkind {
                MethodKind::Get => ParamRule::Getter,
                MethodKind::Set => ParamRule::Setter,
                _ => ParamRule::Any,
            };
            let fkind = match (is_ctor, derived) {
                (true, true) => FunctionKind::DerivedConstructor,
                (true, false) => FunctionKind::Constructor,
                _ => FunctionKind::Method,
            };
            let f = self.parse_function_rest(method_start, None, is_async, is_gen, fkind, rule)?;
            return Ok(ClassElement {
                span: self.span_from(start),
                is_static,
                kind: ClassElementKind::Method(key, mkind, f),
            });
        }
        // Field.
        if !matches!(key, PropKey::Computed(_) | PropKey::Private(_)) {
            if key_is(&key, "constructor") {
                return self.err_at(
                    key_start,
                    "Classes may not have a field named 'constructor'",
                );
            }
            if is_static && key_is(&key, "prototype") {
                return self.err_at(
                    key_start,
                    "Classes may not have a static property named 'prototype'",
                );
            }
        }
        let init = if self.at(Tok::Eq) {
            self.bump()?;
            Some(self.parse_field_initializer(start)?)
        } else {
            None
        };
        self.semicolon()?;
        Ok(ClassElement {
            span: self.span_from(start),
            is_static,
            kind: ClassElementKind::Field(key, init),
        })
    }

    fn class_init_ctx(&self, static_block: bool) -> Ctx {
        Ctx {
            strict: true,
            in_function: false,
            yield_kw: false,
            await_kw: false,
            in_params: false,
            super_prop: true,
            super_call: false,
            new_target: true,
            no_arguments: true,
            static_block,
            in_loop: false,
            in_switch: false,
            label_base: self.labels.len() as u32,
            no_in: false,
        }
    }

    fn parse_field_initializer(&mut self, start: u32) -> PResult<&'a Function<'a>> {
        let saved = self.ctx;
        let saved_ya = (self.last_yield_await, self.last_await_ident);
        self.ctx = self.class_init_ctx(false);
        let scope = self.scopes.push(ScopeKind::ClassInit, true)?;
        let e = self.parse_assignment();
        self.scopes.pop();
        self.ctx = saved;
        (self.last_yield_await, self.last_await_ident) = saved_ya;
        let e = e?;
        let f = Function {
            span: self.span_from(start),
            id: None,
            params: &[],
            rest: None,
            body: &[],
            expr_body: Some(self.alloc(e)?),
            is_async: false,
            is_generator: false,
            strict: true,
            simple_params: true,
            kind: FunctionKind::ClassInit,
            scope,
        };
        self.alloc(f)
    }

    fn parse_static_block(&mut self, start: u32) -> PResult<&'a Function<'a>> {
        self.expect(Tok::LBrace)?;
        let saved = self.ctx;
        let saved_ya = (self.last_yield_await, self.last_await_ident);
        self.ctx = self.class_init_ctx(true);
        let scope = self.scopes.push(ScopeKind::ClassInit, true)?;
        let saved_chain = self.label_chain.take();
        let body = self.parse_block_body();
        self.label_chain = saved_chain;
        self.scopes.pop();
        self.ctx = saved;
        (self.last_yield_await, self.last_await_ident) = saved_ya;
        let body = body?;
        let f = Function {
            span: self.span_from(start),
            id: None,
            params: &[],
            rest: None,
            body,
            expr_body: None,
            is_async: false,
            is_generator: false,
            strict: true,
            simple_params: true,
            kind: FunctionKind::ClassInit,
            scope,
        };
        self.alloc(f)
    }
}
