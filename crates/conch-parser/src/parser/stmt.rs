//! Statements and declarations.

use super::{Label, PResult, Parser};
use crate::ast::*;
use crate::lexer::Tok;
use crate::scope::{BindingKind, Decl, ScopeKind};

impl<'a> Parser<'a> {
    /// StatementListItem (declarations allowed). `top`: the top level of a script or module.
    pub(crate) fn parse_statement_list_item(&mut self, top: bool) -> PResult<Stmt<'a>> {
        self.check_stack()?;
        self.label_chain = None;
        let start = self.tok.start;
        match self.tok.kind {
            Tok::Function => {
                let f = self.parse_function_declaration(start, false, false)?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Function(f),
                })
            }
            Tok::Class => {
                let c = self.parse_class(true, false)?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Class(c),
                })
            }
            Tok::Const => {
                self.bump()?;
                let d = self.parse_var_decl(VarKind::Const, false)?;
                self.semicolon()?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Var(d),
                })
            }
            Tok::Import if top && self.module => {
                // `import(` and `import.meta` are expressions.
                let next = self.peek()?;
                if matches!(next.kind, Tok::LParen | Tok::Dot) {
                    return self.parse_statement();
                }
                self.parse_import_decl()
            }
            Tok::Export if top && self.module => self.parse_export_decl(),
            Tok::Ident if self.is_let_decl()? => {
                self.bump()?;
                let d = self.parse_var_decl(VarKind::Let, false)?;
                self.semicolon()?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Var(d),
                })
            }
            Tok::Ident if self.is_async_function()? => {
                self.bump()?;
                let f = self.parse_function_declaration(start, true, false)?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Function(f),
                })
            }
            Tok::Ident if self.is_using_decl(false)? => {
                if self.switch_scope == Some(self.scopes.current()) {
                    return self.err_at(
                        start,
                        "Using declarations are not allowed directly in a case clause",
                    );
                }
                if self.scopes.kind(self.scopes.current()) == ScopeKind::Script {
                    return self.err_at(
                        start,
                        "Using declarations are not allowed at the top level of a script",
                    );
                }
                self.bump()?;
                let d = self.parse_var_decl(VarKind::Using, false)?;
                self.semicolon()?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Var(d),
                })
            }
            Tok::Ident if self.is_await_using_decl()? => {
                if self.switch_scope == Some(self.scopes.current()) {
                    return self.err_at(
                        start,
                        "Using declarations are not allowed directly in a case clause",
                    );
                }
                if self.scopes.kind(self.scopes.current()) == ScopeKind::Script {
                    return self.err_at(
                        start,
                        "Using declarations are not allowed at the top level of a script",
                    );
                }
                self.bump()?;
                self.bump()?;
                let d = self.parse_var_decl(VarKind::AwaitUsing, false)?;
                self.semicolon()?;
                Ok(Stmt {
                    span: self.span_from(start),
                    kind: StmtKind::Var(d),
                })
            }
            _ => self.parse_statement(),
        }
    }

    /// `let` starts a lexical declaration here.
    pub(crate) fn is_let_decl(&self) -> PResult<bool> {
        if !self.is_name("let") {
            return Ok(false);
        }
        let next = self.peek()?;
        Ok(match next.kind {
            Tok::LBracket | Tok::LBrace => true,
            Tok::Ident => true,
            k if k.is_keyword() => self.ctx.strict && !matches!(k, Tok::In | Tok::Instanceof),
            _ => false,
        })
    }

    fn is_async_function(&self) -> PResult<bool> {
        if !self.is_name("async") {
            return Ok(false);
        }
        let next = self.peek()?;
        Ok(next.kind == Tok::Function && !next.newline_before)
    }

    /// `using x` (not `using in`, not across a line break).
    pub(crate) fn is_using_decl(&self, for_head: bool) -> PResult<bool> {
        if !self.is_name("using") {
            return Ok(false);
        }
        let (next, after) = self.peek2()?;
        if next.newline_before || next.kind != Tok::Ident {
            return Ok(false);
        }
        if for_head && next.name() == "of" && !next.escaped {
            // `for (using of` always starts a for-of over the identifier `using` (even
            // `for (using of of x)`, whose right side is `of[...]`); only `for (using of =`
            // declares `of` (a classic for loop).
            return Ok(after.kind == Tok::Eq || after.kind == Tok::Semi);
        }
        Ok(true)
    }

    fn is_await_using_decl(&self) -> PResult<bool> {
        if !self.is_name("await") || !(self.ctx.await_kw) {
            return Ok(false);
        }
        let (next, after) = self.peek2()?;
        Ok(next.kind == Tok::Ident
            && next.name() == "using"
            && !next.escaped
            && !next.newline_before
            && after.kind == Tok::Ident
            && !after.newline_before)
    }

    /// A Statement (no declarations except where Annex B allows them).
    pub(crate) fn parse_statement(&mut self) -> PResult<Stmt<'a>> {
        self.check_stack()?;
        let chain = self.label_chain.take();
        let start = self.tok.start;
        let kind = match self.tok.kind {
            Tok::LBrace => {
                let b = self.parse_block()?;
                StmtKind::Block(self.alloc(b)?)
            }
            Tok::Semi => {
                self.bump()?;
                StmtKind::Empty
            }
            Tok::Var => {
                self.bump()?;
                let d = self.parse_var_decl(VarKind::Var, false)?;
                self.semicolon()?;
                StmtKind::Var(d)
            }
            Tok::If => return self.parse_if(start),
            Tok::For => return self.parse_for(start, chain),
            Tok::While => {
                self.bump()?;
                self.expect(Tok::LParen)?;
                let test = self.parse_expression()?;
                self.expect(Tok::RParen)?;
                self.mark_loop_labels(chain);
                let body = self.parse_loop_body()?;
                StmtKind::While(self.alloc(test)?, self.alloc(body)?)
            }
            Tok::Do => {
                self.bump()?;
                self.mark_loop_labels(chain);
                let body = self.parse_loop_body()?;
                self.expect(Tok::While)?;
                self.expect(Tok::LParen)?;
                let test = self.parse_expression()?;
                self.expect(Tok::RParen)?;
                // ASI after do-while's `)` always applies.
                self.eat(Tok::Semi)?;
                StmtKind::DoWhile(self.alloc(body)?, self.alloc(test)?)
            }
            Tok::Continue | Tok::Break => {
                let is_break = self.tok.kind == Tok::Break;
                self.bump()?;
                let mut label = None;
                if self.tok.kind == Tok::Ident && !self.tok.newline_before {
                    let id = self.parse_label_ident()?;
                    match self.find_label(id.name) {
                        None => return self.err_named(id.span.start, "Undefined label '{}'", id.name),
                        Some(l) if !is_break && !l.is_loop => {
                            return self.err_at(id.span.start, "Illegal continue statement: label does not denote an iteration statement")
                        }
                        _ => {}
                    }
                    label = Some(id);
                } else if is_break && !self.ctx.in_loop && !self.ctx.in_switch {
                    return self.err_at(start, "Illegal break statement");
                } else if !is_break && !self.ctx.in_loop {
                    return self.err_at(
                        start,
                        "Illegal continue statement: no surrounding iteration statement",
                    );
                }
                self.semicolon()?;
                if is_break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            Tok::Return => {
                if !self.ctx.in_function {
                    return self.err_at(start, "Illegal return statement");
                }
                self.bump()?;
                let arg = if self.at(Tok::Semi)
                    || self.at(Tok::RBrace)
                    || self.at(Tok::Eof)
                    || self.tok.newline_before
                {
                    None
                } else {
                    let e = self.parse_expression()?;
                    Some(self.alloc(e)?)
                };
                self.semicolon()?;
                StmtKind::Return(arg)
            }
            Tok::Throw => {
                self.bump()?;
                if self.tok.newline_before {
                    return self.err_at(self.tok.start, "Illegal newline after throw");
                }
                let e = self.parse_expression()?;
                self.semicolon()?;
                StmtKind::Throw(self.alloc(e)?)
            }
            Tok::Try => return self.parse_try(start),
            Tok::Switch => return self.parse_switch(start),
            Tok::With => {
                if self.ctx.strict {
                    return self.err_at(start, "Strict mode code may not include a with statement");
                }
                self.bump()?;
                self.expect(Tok::LParen)?;
                let obj = self.parse_expression()?;
                self.expect(Tok::RParen)?;
                self.scopes.with_statement();
                let body = self.parse_sub_statement()?;
                StmtKind::With(self.alloc(obj)?, self.alloc(body)?)
            }
            Tok::Debugger => {
                self.bump()?;
                self.semicolon()?;
                StmtKind::Debugger
            }
            Tok::Function => {
                return self.err_at(start, "In strict mode code or this context, functions can only be declared at top level or inside a block");
            }
            Tok::Class => return self.unexpected(),
            Tok::Const => {
                return self.err_at(
                    start,
                    "Lexical declaration cannot appear in a single-statement context",
                );
            }
            Tok::Ident => {
                if self.is_name("let") {
                    let next = self.peek()?;
                    if next.kind == Tok::LBracket
                        || (!next.newline_before
                            && (next.kind == Tok::Ident || next.kind == Tok::LBrace))
                    {
                        return self.err_at(
                            start,
                            "Lexical declaration cannot appear in a single-statement context",
                        );
                    }
                }
                if self.is_async_function()? {
                    return self.err_at(
                        start,
                        "Async functions can only be declared at the top level or inside a block",
                    );
                }
                if self.is_using_decl(false)? || self.is_await_using_decl()? {
                    return self.err_at(
                        start,
                        "Lexical declaration cannot appear in a single-statement context",
                    );
                }
                // Labelled statement?
                if self.peek()?.kind == Tok::Colon {
                    return self.parse_labeled(start, chain);
                }
                return self.parse_expression_statement(start);
            }
            _ => return self.parse_expression_statement(start),
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind,
        })
    }

    fn parse_expression_statement(&mut self, start: u32) -> PResult<Stmt<'a>> {
        let e = self.parse_expression()?;
        self.semicolon()?;
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::Expr(self.alloc(e)?),
        })
    }

    fn mark_loop_labels(&mut self, chain: Option<usize>) {
        if let Some(c) = chain {
            for l in self.labels[c..].iter_mut() {
                l.is_loop = true;
            }
        }
    }

    fn parse_loop_body(&mut self) -> PResult<Stmt<'a>> {
        let saved = self.ctx.in_loop;
        self.ctx.in_loop = true;
        let body = self.parse_sub_statement();
        self.ctx.in_loop = saved;
        body
    }

    /// The body of if/while/for/with/labels: a Statement, where a function declaration is an
    /// error (except the Annex B cases handled by the callers).
    fn parse_sub_statement(&mut self) -> PResult<Stmt<'a>> {
        let s = self.parse_statement()?;
        let mut inner = &s;
        while let StmtKind::Labeled(_, body) = inner.kind {
            inner = body;
        }
        if matches!(inner.kind, StmtKind::Function(_)) {
            return self.err_at(
                inner.span.start,
                "In this context, functions can only be declared at top level or inside a block",
            );
        }
        Ok(s)
    }

    fn parse_label_ident(&mut self) -> PResult<Ident<'a>> {
        let start = self.tok.start;
        let name = self.tok.name();
        self.check_identifier_reference(name, start, self.tok.escaped)?;
        self.bump()?;
        Ok(Ident {
            span: self.span_from(start),
            name,
        })
    }

    fn parse_labeled(&mut self, start: u32, chain: Option<usize>) -> PResult<Stmt<'a>> {
        let id = self.parse_label_ident()?;
        self.expect(Tok::Colon)?;
        if self.find_label(id.name).is_some() {
            return self.err_named(
                id.span.start,
                "Label '{}' has already been declared",
                id.name,
            );
        }
        let chain_start = chain.unwrap_or(self.labels.len());
        Self::push(
            &mut self.labels,
            Label {
                name: id.name,
                is_loop: false,
            },
        )?;
        let body = if self.at(Tok::Function) {
            if self.ctx.strict {
                return self.err_at(self.tok.start, "In strict mode code, functions can only be declared at top level or inside a block");
            }
            let fs = self.tok.start;
            let f = self.parse_function_declaration(fs, false, true)?;
            Stmt {
                span: self.span_from(fs),
                kind: StmtKind::Function(f),
            }
        } else {
            self.label_chain = Some(chain_start);
            self.parse_statement()?
        };
        self.labels.pop();
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::Labeled(id, self.alloc(body)?),
        })
    }

    pub(crate) fn parse_block(&mut self) -> PResult<Block<'a>> {
        self.expect(Tok::LBrace)?;
        let scope = self.scopes.push(ScopeKind::Block, self.ctx.strict)?;
        let body = self.parse_block_body()?;
        self.scopes.pop();
        Ok(Block { body, scope })
    }

    /// Statements up to and including `}` (the `{` was consumed).
    pub(crate) fn parse_block_body(&mut self) -> PResult<&'a [Stmt<'a>]> {
        let body = self.list_start::<Stmt>();
        while !self.at(Tok::RBrace) {
            if self.at(Tok::Eof) {
                return self.unexpected();
            }
            let s = self.parse_statement_list_item(false)?;
            self.list_push(s)?;
        }
        self.bump()?;
        self.list_finish(body)
    }

    fn parse_if(&mut self, start: u32) -> PResult<Stmt<'a>> {
        self.bump()?;
        self.expect(Tok::LParen)?;
        let test = self.parse_expression()?;
        self.expect(Tok::RParen)?;
        let cons = self.parse_if_body()?;
        let alt = if self.eat(Tok::Else)? {
            let a = self.parse_if_body()?;
            Some(self.alloc(a)?)
        } else {
            None
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::If(self.alloc(test)?, self.alloc(cons)?, alt),
        })
    }

    /// Annex B: `if (x) function f() {}` in sloppy mode, as if in a block.
    fn parse_if_body(&mut self) -> PResult<Stmt<'a>> {
        if self.at(Tok::Function) && !self.ctx.strict {
            let start = self.tok.start;
            let scope = self.scopes.push(ScopeKind::Block, false)?;
            let f = self.parse_function_declaration(start, false, true)?;
            self.scopes.pop();
            let s = Stmt {
                span: self.span_from(start),
                kind: StmtKind::Function(f),
            };
            let body = std::slice::from_ref(self.alloc(s)?);
            return Ok(Stmt {
                span: self.span_from(start),
                kind: StmtKind::Block(self.alloc(Block { body, scope })?),
            });
        }
        self.parse_sub_statement()
    }

    /// `var`/`let`/`const`/`using` declarators after the keyword. `in_for`: inside a for head
    /// (`in` excluded from initialisers, initialisers optional for for-in/of).
    pub(crate) fn parse_var_decl(
        &mut self,
        kind: VarKind,
        in_for: bool,
    ) -> PResult<&'a VarDecl<'a>> {
        let decls = self.list_start::<VarDeclarator>();
        let saved_no_in = self.ctx.no_in;
        self.ctx.no_in = in_for;
        loop {
            let dstart = self.tok.start;
            if matches!(kind, VarKind::Using | VarKind::AwaitUsing) && !self.at(Tok::Ident) {
                return self.unexpected();
            }
            let target = self.parse_binding_target()?;
            let bk = match kind {
                VarKind::Var => None,
                VarKind::Let => Some(BindingKind::Let),
                VarKind::Const => Some(BindingKind::Const),
                VarKind::Using | VarKind::AwaitUsing => Some(BindingKind::Using),
            };
            self.declare_pattern(
                &target,
                match bk {
                    None => Decl::Var,
                    Some(b) => Decl::Lexical(b),
                },
            )?;
            let init = if self.eat(Tok::Eq)? {
                let e = self.parse_assignment()?;
                Some(self.alloc(e)?)
            } else {
                let for_in_of = in_for && (self.at(Tok::In) || self.is_name("of"));
                if !for_in_of {
                    if kind == VarKind::Const
                        || matches!(kind, VarKind::Using | VarKind::AwaitUsing)
                    {
                        return self
                            .err_at(self.tok.start, "Missing initializer in const declaration");
                    }
                    if !matches!(target.kind, PatternKind::Ident(_)) {
                        return self.err_at(
                            self.tok.start,
                            "Missing initializer in destructuring declaration",
                        );
                    }
                }
                None
            };
            let span = self.span_from(dstart);
            self.list_push(VarDeclarator { span, target, init })?;
            if !self.eat(Tok::Comma)? {
                break;
            }
        }
        self.ctx.no_in = saved_no_in;
        let decls = self.list_finish(decls)?;
        self.alloc(VarDecl { kind, decls })
    }

    fn parse_for(&mut self, start: u32, chain: Option<usize>) -> PResult<Stmt<'a>> {
        self.bump()?;
        let mut is_await = false;
        if self.is_name("await") && self.ctx.await_kw {
            if self.ctx.in_params || self.ctx.static_block && !self.ctx.in_function {
                return self.unexpected();
            }
            is_await = true;
            self.bump()?;
        }
        self.expect(Tok::LParen)?;
        self.mark_loop_labels(chain);
        let scope = self.scopes.push(ScopeKind::Block, self.ctx.strict)?;
        let result = self.parse_for_rest(start, is_await, scope);
        self.scopes.pop();
        result
    }

    fn parse_for_rest(
        &mut self,
        start: u32,
        is_await: bool,
        scope: crate::scope::ScopeId,
    ) -> PResult<Stmt<'a>> {
        let head_start = self.tok.start;
        // Declarations.
        let decl_kind = match self.tok.kind {
            Tok::Var => Some(VarKind::Var),
            Tok::Const => Some(VarKind::Const),
            Tok::Ident if self.is_name("let") => {
                let next = self.peek()?;
                let decl = match next.kind {
                    Tok::Ident | Tok::LBracket | Tok::LBrace => true,
                    k if k.is_keyword() => self.ctx.strict && k != Tok::In && k != Tok::Instanceof,
                    _ => false,
                };
                if decl {
                    Some(VarKind::Let)
                } else {
                    None
                }
            }
            Tok::Ident if self.is_using_decl(true)? => Some(VarKind::Using),
            Tok::Ident if self.is_await_using_decl()? => Some(VarKind::AwaitUsing),
            _ => None,
        };
        if let Some(kind) = decl_kind {
            self.bump()?;
            if kind == VarKind::AwaitUsing {
                self.bump()?;
            }
            let decl = self.parse_var_decl(kind, true)?;
            if self.at(Tok::In) || self.is_name("of") {
                let is_of = self.is_name("of");
                if decl.decls.len() != 1 {
                    return self.err_at(
                        head_start,
                        "Invalid left-hand side in for-in loop: Must have a single binding.",
                    );
                }
                if matches!(kind, VarKind::Using | VarKind::AwaitUsing) && !is_of {
                    return self.err_at(
                        head_start,
                        "Using declarations are not allowed in for-in loops",
                    );
                }
                if let Some(init) = decl.decls[0].init {
                    let annex_b = !is_of
                        && !self.ctx.strict
                        && kind == VarKind::Var
                        && matches!(decl.decls[0].target.kind, PatternKind::Ident(_));
                    if !annex_b {
                        return self.err_at(
                            init.span.start,
                            "for-in/of loop variable declaration may not have an initializer.",
                        );
                    }
                }
                if is_await && !is_of {
                    return self.unexpected();
                }
                return self.parse_for_in_of_rest(
                    start,
                    ForHead::Var(decl),
                    is_of,
                    is_await,
                    scope,
                );
            }
            if is_await {
                return self.unexpected();
            }
            // Plain for: const/using need initialisers, patterns need initialisers.
            for d in decl.decls {
                if d.init.is_none() {
                    if kind != VarKind::Var && kind != VarKind::Let {
                        return self
                            .err_at(d.span.start, "Missing initializer in const declaration");
                    }
                    if !matches!(d.target.kind, PatternKind::Ident(_)) {
                        return self.err_at(
                            d.span.start,
                            "Missing initializer in destructuring declaration",
                        );
                    }
                }
            }
            return self.parse_for_classic(start, Some(ForInit::Var(decl)), scope);
        }
        if self.at(Tok::Semi) {
            if is_await {
                return self.unexpected();
            }
            return self.parse_for_classic(start, None, scope);
        }
        // Expression or assignment target.
        let starts_with_let = self.is_name("let");
        let starts_with_async = self.is_name("async") && !self.tok.escaped;
        let saved_no_in = self.ctx.no_in;
        self.ctx.no_in = true;
        let saved_cover = self.cover_err.take();
        let init = self.parse_expression_cover();
        self.ctx.no_in = saved_no_in;
        let init = init?;
        let cover_err = std::mem::replace(&mut self.cover_err, saved_cover);
        if self.at(Tok::In) || self.is_name("of") {
            let is_of = self.is_name("of");
            if is_of && starts_with_let {
                return self.err_at(
                    head_start,
                    "The left-hand side of a for-of loop may not be 'let'.",
                );
            }
            if is_of
                && starts_with_async
                && !is_await
                && matches!(init.kind, ExprKind::Ident("async"))
            {
                return self.err_at(
                    head_start,
                    "The left-hand side of a for-of loop may not be 'async'.",
                );
            }
            if is_await && !is_of {
                return self.unexpected();
            }
            let target = self.expr_to_assign_target(&init, true)?;
            return self.parse_for_in_of_rest(
                start,
                ForHead::Pattern(target),
                is_of,
                is_await,
                scope,
            );
        }
        if let Some(e) = cover_err {
            return Err(e);
        }
        if is_await {
            return self.unexpected();
        }
        let init = self.alloc(init)?;
        self.parse_for_classic(start, Some(ForInit::Expr(init)), scope)
    }

    fn parse_for_classic(
        &mut self,
        start: u32,
        init: Option<ForInit<'a>>,
        scope: crate::scope::ScopeId,
    ) -> PResult<Stmt<'a>> {
        self.expect(Tok::Semi)?;
        let test = if self.at(Tok::Semi) {
            None
        } else {
            let e = self.parse_expression()?;
            Some(self.alloc(e)?)
        };
        self.expect(Tok::Semi)?;
        let update = if self.at(Tok::RParen) {
            None
        } else {
            let e = self.parse_expression()?;
            Some(self.alloc(e)?)
        };
        self.expect(Tok::RParen)?;
        let body = self.parse_loop_body()?;
        let f = ForStmt {
            init,
            test,
            update,
            body: self.alloc(body)?,
            scope,
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::For(self.alloc(f)?),
        })
    }

    fn parse_for_in_of_rest(
        &mut self,
        start: u32,
        left: ForHead<'a>,
        is_of: bool,
        is_await: bool,
        scope: crate::scope::ScopeId,
    ) -> PResult<Stmt<'a>> {
        self.bump()?;
        let right = if is_of {
            self.parse_assignment()?
        } else {
            self.parse_expression()?
        };
        self.expect(Tok::RParen)?;
        let body = self.parse_loop_body()?;
        let f = ForInOf {
            left,
            right: self.alloc(right)?,
            body: self.alloc(body)?,
            is_await,
            scope,
        };
        let f = self.alloc(f)?;
        Ok(Stmt {
            span: self.span_from(start),
            kind: if is_of {
                StmtKind::ForOf(f)
            } else {
                StmtKind::ForIn(f)
            },
        })
    }

    fn parse_try(&mut self, start: u32) -> PResult<Stmt<'a>> {
        self.bump()?;
        let block = self.parse_block()?;
        let mut handler = None;
        let mut finalizer = None;
        if self.at(Tok::Catch) {
            let cstart = self.tok.start;
            self.bump()?;
            let scope = self.scopes.push(ScopeKind::Catch, self.ctx.strict)?;
            let param = if self.eat(Tok::LParen)? {
                let p = self.parse_binding_target()?;
                let simple = matches!(p.kind, PatternKind::Ident(_));
                self.declare_pattern(
                    &p,
                    if simple {
                        Decl::SimpleCatch
                    } else {
                        Decl::PatternCatch
                    },
                )?;
                self.expect(Tok::RParen)?;
                Some(p)
            } else {
                None
            };
            self.expect(Tok::LBrace)?;
            let body = self.parse_block_body()?;
            self.scopes.pop();
            handler = Some(CatchClause {
                span: self.span_from(cstart),
                param,
                body: Block { body, scope },
                scope,
            });
        }
        if self.eat(Tok::Finally)? {
            finalizer = Some(self.parse_block()?);
        }
        if handler.is_none() && finalizer.is_none() {
            return self.err_at(self.tok.start, "Missing catch or finally after try");
        }
        let t = TryStmt {
            block,
            handler,
            finalizer,
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::Try(self.alloc(t)?),
        })
    }

    fn parse_switch(&mut self, start: u32) -> PResult<Stmt<'a>> {
        self.bump()?;
        self.expect(Tok::LParen)?;
        let d = self.parse_expression()?;
        self.expect(Tok::RParen)?;
        self.expect(Tok::LBrace)?;
        let scope = self.scopes.push(ScopeKind::Block, self.ctx.strict)?;
        let saved = self.ctx.in_switch;
        self.ctx.in_switch = true;
        let saved_switch = self.switch_scope.replace(scope);
        let mut cases = self.new_vec();
        let mut has_default = false;
        while !self.at(Tok::RBrace) {
            let cstart = self.tok.start;
            let test = if self.eat(Tok::Case)? {
                let e = self.parse_expression()?;
                Some(self.alloc(e)?)
            } else if self.at(Tok::Default) {
                if has_default {
                    return self.err_at(cstart, "More than one default clause in switch statement");
                }
                has_default = true;
                self.bump()?;
                None
            } else {
                return self.unexpected();
            };
            self.expect(Tok::Colon)?;
            let body = self.list_start::<Stmt>();
            while !matches!(self.tok.kind, Tok::Case | Tok::Default | Tok::RBrace) {
                if self.at(Tok::Eof) {
                    return self.unexpected();
                }
                let s = self.parse_statement_list_item(false)?;
                self.list_push(s)?;
            }
            let body = self.list_finish(body)?;
            Self::push(
                &mut cases,
                SwitchCase {
                    span: self.span_from(cstart),
                    test,
                    body,
                },
            )?;
        }
        self.bump()?;
        self.ctx.in_switch = saved;
        self.switch_scope = saved_switch;
        self.scopes.pop();
        let s = SwitchStmt {
            discriminant: self.alloc(d)?,
            cases: cases.leak(),
            scope,
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::Switch(self.alloc(s)?),
        })
    }
}
