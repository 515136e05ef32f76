//! Expressions: operators by precedence, left-hand-side expressions (member access, calls,
//! optional chains, `new`, `super`, `import`), yield/await.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::{token, Tok, TokValue};

fn binary_op(t: Tok, no_in: bool) -> Option<(BinaryOp, u8)> {
    Some(match t {
        Tok::QuestionQuestion => (BinaryOp::Nullish, 1),
        Tok::PipePipe => (BinaryOp::Or, 2),
        Tok::AmpAmp => (BinaryOp::And, 3),
        Tok::Pipe => (BinaryOp::BitOr, 4),
        Tok::Caret => (BinaryOp::BitXor, 5),
        Tok::Amp => (BinaryOp::BitAnd, 6),
        Tok::EqEq => (BinaryOp::Eq, 7),
        Tok::NotEq => (BinaryOp::NotEq, 7),
        Tok::EqEqEq => (BinaryOp::StrictEq, 7),
        Tok::NotEqEq => (BinaryOp::StrictNotEq, 7),
        Tok::Lt => (BinaryOp::Lt, 8),
        Tok::Gt => (BinaryOp::Gt, 8),
        Tok::LtEq => (BinaryOp::LtEq, 8),
        Tok::GtEq => (BinaryOp::GtEq, 8),
        Tok::Instanceof => (BinaryOp::Instanceof, 8),
        Tok::In if !no_in => (BinaryOp::In, 8),
        Tok::Shl => (BinaryOp::Shl, 9),
        Tok::Shr => (BinaryOp::Shr, 9),
        Tok::UShr => (BinaryOp::UShr, 9),
        Tok::Plus => (BinaryOp::Add, 10),
        Tok::Minus => (BinaryOp::Sub, 10),
        Tok::Star => (BinaryOp::Mul, 11),
        Tok::Slash => (BinaryOp::Div, 11),
        Tok::Percent => (BinaryOp::Mod, 11),
        Tok::StarStar => (BinaryOp::Exp, 12),
        _ => return None,
    })
}

fn assign_op(t: Tok) -> Option<AssignOp> {
    Some(match t {
        Tok::Eq => AssignOp::Assign,
        Tok::PlusEq => AssignOp::Add,
        Tok::MinusEq => AssignOp::Sub,
        Tok::StarEq => AssignOp::Mul,
        Tok::SlashEq => AssignOp::Div,
        Tok::PercentEq => AssignOp::Mod,
        Tok::StarStarEq => AssignOp::Exp,
        Tok::ShlEq => AssignOp::Shl,
        Tok::ShrEq => AssignOp::Shr,
        Tok::UShrEq => AssignOp::UShr,
        Tok::PipeEq => AssignOp::BitOr,
        Tok::CaretEq => AssignOp::BitXor,
        Tok::AmpEq => AssignOp::BitAnd,
        Tok::AmpAmpEq => AssignOp::And,
        Tok::PipePipeEq => AssignOp::Or,
        Tok::QuestionQuestionEq => AssignOp::Nullish,
        _ => return None,
    })
}

pub(crate) fn is_arrow(e: &Expr<'_>) -> bool {
    matches!(e.kind, ExprKind::Arrow(_))
}

impl<'a> Parser<'a> {
    /// Expression (comma-separated), raising pending cover-grammar errors.
    pub(crate) fn parse_expression(&mut self) -> PResult<Expr<'a>> {
        let saved = self.cover_err.take();
        let e = self.parse_expression_cover()?;
        if let Some(err) = self.cover_err.take() {
            return Err(err);
        }
        self.cover_err = saved;
        Ok(e)
    }

    /// Expression whose cover-grammar errors stay pending in `self.cover_err`.
    pub(crate) fn parse_expression_cover(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        let first = self.parse_assignment_inner(true)?;
        if !self.at(Tok::Comma) {
            return Ok(first);
        }
        let list = self.list_start::<Expr>();
        self.list_push(first)?;
        while self.eat(Tok::Comma)? {
            let e = self.parse_assignment_inner(true)?;
            self.list_push(e)?;
        }
        let list = self.list_finish(list)?;
        // A sequence can never be a pattern: raise now.
        if let Some(err) = self.cover_err.take() {
            return Err(err);
        }
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Sequence(list),
        })
    }

    /// AssignmentExpression, raising pending cover-grammar errors.
    pub(crate) fn parse_assignment(&mut self) -> PResult<Expr<'a>> {
        self.parse_assignment_inner(false)
    }

    /// AssignmentExpression. With `in_cover`, an unresolved cover error (e.g. `{a = 1}`) is
    /// left in `self.cover_err` for an enclosing pattern to clear, instead of being raised.
    pub(crate) fn parse_assignment_inner(&mut self, in_cover: bool) -> PResult<Expr<'a>> {
        self.check_stack()?;
        if self.ctx.yield_kw && self.is_name("yield") {
            return self.parse_yield();
        }
        let start = self.tok.start;
        let saved = self.cover_err.take();
        let lhs = self.parse_conditional()?;
        if is_arrow(&lhs) {
            // Arrow parameters consumed their own cover errors.
            self.cover_err = saved;
            return Ok(lhs);
        }
        // A cover error inside an expression that is not itself an object or array literal
        // (`{a = 1}.b`, `[{a = 1}] + 1`) can no longer be cured by a pattern: raise it now.
        if !matches!(lhs.kind, ExprKind::Object(..) | ExprKind::Array(..)) {
            if let Some(err) = self.cover_err.take() {
                return Err(err);
            }
        }
        if let Some(op) = assign_op(self.tok.kind) {
            let target = if op == AssignOp::Assign {
                self.expr_to_assign_target(&lhs, true)?
            } else {
                self.expr_to_simple_target(
                    &lhs,
                    !matches!(op, AssignOp::And | AssignOp::Or | AssignOp::Nullish),
                )?
            };
            // Destructuring consumed the cover errors of the left side.
            self.cover_err = None;
            self.bump()?;
            let rhs = self.parse_assignment()?;
            self.cover_err = saved;
            let target = self.alloc(target)?;
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::Assign(op, target, self.alloc(rhs)?),
            });
        }
        if let Some(err) = self.cover_err.take() {
            if !in_cover {
                return Err(err);
            }
            self.cover_err = Some(saved.unwrap_or(err));
        } else {
            self.cover_err = saved;
        }
        Ok(lhs)
    }

    fn parse_yield(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        if self.ctx.in_params {
            return self.err_at(start, "Yield expression not allowed in formal parameter");
        }
        if self.tok.escaped {
            return self.err_at(start, "Keyword must not contain escaped characters");
        }
        self.last_yield_await = Some(start);
        self.bump()?;
        let mut delegate = false;
        let arg = if self.tok.newline_before {
            None
        } else if self.eat(Tok::Star)? {
            delegate = true;
            let e = self.parse_assignment()?;
            Some(self.alloc(e)?)
        } else if self.starts_expr() {
            let e = self.parse_assignment()?;
            Some(self.alloc(e)?)
        } else {
            None
        };
        self.last_yield_await = Some(start);
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Yield(arg, delegate),
        })
    }

    /// Can the current token start an expression (for `yield`'s optional operand)?
    fn starts_expr(&self) -> bool {
        !matches!(
            self.tok.kind,
            Tok::RParen
                | Tok::RBracket
                | Tok::RBrace
                | Tok::Comma
                | Tok::Semi
                | Tok::Colon
                | Tok::Eof
                | Tok::Question
                | Tok::Arrow
                | Tok::In
                | Tok::Instanceof
                | Tok::QuestionQuestion
                | Tok::PipePipe
                | Tok::AmpAmp
                | Tok::Pipe
                | Tok::Caret
                | Tok::Amp
                | Tok::EqEq
                | Tok::NotEq
                | Tok::EqEqEq
                | Tok::NotEqEq
                | Tok::Lt
                | Tok::Gt
                | Tok::LtEq
                | Tok::GtEq
                | Tok::Shl
                | Tok::Shr
                | Tok::UShr
                | Tok::Star
                | Tok::Percent
                | Tok::StarStar
                | Tok::Dot
                | Tok::QuestionDot
                | Tok::TemplateMiddle
                | Tok::TemplateTail
        ) && !self.tok.kind.is_assign()
    }

    fn parse_conditional(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        let test = self.parse_binary(0)?;
        if is_arrow(&test) || !self.at(Tok::Question) {
            return Ok(test);
        }
        self.bump()?;
        let saved_no_in = self.ctx.no_in;
        self.ctx.no_in = false;
        let cons = self.parse_assignment();
        self.ctx.no_in = saved_no_in;
        let cons = cons?;
        self.expect(Tok::Colon)?;
        let alt = self.parse_assignment()?;
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Conditional(self.alloc(test)?, self.alloc(cons)?, self.alloc(alt)?),
        })
    }

    fn parse_binary(&mut self, min_prec: u8) -> PResult<Expr<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        let mut left = if self.at(Tok::PrivateName) {
            // `#x in obj`
            let name = self.tok.name();
            let id = Ident {
                span: Span::new(self.tok.start, self.tok.end),
                name,
            };
            self.bump()?;
            if !self.at(Tok::In) || self.ctx.no_in || min_prec >= 8 {
                return self.err_at(start, "Unexpected private name");
            }
            self.use_private_name(name, start)?;
            self.bump()?;
            let right = self.parse_binary(8)?;
            if is_arrow(&right) {
                return self.err_at(right.span.start, "Unexpected arrow function");
            }
            Expr {
                span: self.span_from(start),
                kind: ExprKind::PrivateIn(id, self.alloc(right)?),
            }
        } else {
            self.parse_unary()?
        };
        if is_arrow(&left) {
            return Ok(left);
        }
        while let Some((op, prec)) = binary_op(self.tok.kind, self.ctx.no_in) {
            // `**` is right-associative (its right side is parsed at a lower level); others left.
            if prec <= min_prec {
                break;
            }
            if op == BinaryOp::Exp && matches!(left.kind, ExprKind::Unary(..) | ExprKind::Await(..))
            {
                return self.err_at(self.tok.start, "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence");
            }
            self.bump()?;
            let right = if op == BinaryOp::Exp {
                self.parse_binary(prec - 1)?
            } else {
                self.parse_binary(prec)?
            };
            if is_arrow(&right) {
                return self.err_at(right.span.start, "Unexpected arrow function");
            }
            let mixes = |e: &Expr<'_>, ops: &[BinaryOp]| matches!(e.kind, ExprKind::Binary(o, ..) if ops.contains(&o));
            let bad_mix = match op {
                BinaryOp::Nullish => {
                    mixes(&left, &[BinaryOp::And, BinaryOp::Or])
                        || mixes(&right, &[BinaryOp::And, BinaryOp::Or])
                }
                BinaryOp::And | BinaryOp::Or => {
                    mixes(&left, &[BinaryOp::Nullish]) || mixes(&right, &[BinaryOp::Nullish])
                }
                _ => false,
            };
            if bad_mix {
                return self.err_at(start, "Cannot mix ?? with || or && without parentheses");
            }
            left = Expr {
                span: self.span_from(start),
                kind: ExprKind::Binary(op, self.alloc(left)?, self.alloc(right)?),
            };
        }
        Ok(left)
    }

    fn parse_unary(&mut self) -> PResult<Expr<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        let op = match self.tok.kind {
            Tok::Delete => Some(UnaryOp::Delete),
            Tok::Void => Some(UnaryOp::Void),
            Tok::Typeof => Some(UnaryOp::Typeof),
            Tok::Plus => Some(UnaryOp::Plus),
            Tok::Minus => Some(UnaryOp::Minus),
            Tok::Tilde => Some(UnaryOp::BitNot),
            Tok::Bang => Some(UnaryOp::Not),
            _ => None,
        };
        if let Some(op) = op {
            self.bump()?;
            let arg = self.parse_unary()?;
            if is_arrow(&arg) {
                return self.err_at(arg.span.start, "Unexpected arrow function");
            }
            if op == UnaryOp::Delete {
                let mut inner = &arg;
                while let ExprKind::Paren(e) = inner.kind {
                    inner = e;
                }
                if self.ctx.strict && matches!(inner.kind, ExprKind::Ident(_)) {
                    return self
                        .err_at(start, "Delete of an unqualified identifier in strict mode.");
                }
                if is_private_member(inner) {
                    return self.err_at(start, "Private fields can not be deleted");
                }
            }
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::Unary(op, self.alloc(arg)?),
            });
        }
        if matches!(self.tok.kind, Tok::PlusPlus | Tok::MinusMinus) {
            let op = if self.at(Tok::PlusPlus) {
                UpdateOp::Inc
            } else {
                UpdateOp::Dec
            };
            self.bump()?;
            let arg = self.parse_unary()?;
            let target = self.expr_to_simple_target(&arg, true)?;
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::Update(op, true, self.alloc(target)?),
            });
        }
        if self.is_name("await")
            && (self.ctx.await_kw || (self.ctx.static_block && !self.ctx.in_function))
        {
            return self.parse_await();
        }
        let expr = self.parse_lhs()?;
        if is_arrow(&expr) {
            return Ok(expr);
        }
        if matches!(self.tok.kind, Tok::PlusPlus | Tok::MinusMinus) && !self.tok.newline_before {
            let op = if self.at(Tok::PlusPlus) {
                UpdateOp::Inc
            } else {
                UpdateOp::Dec
            };
            let target = self.expr_to_simple_target(&expr, true)?;
            self.bump()?;
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::Update(op, false, self.alloc(target)?),
            });
        }
        Ok(expr)
    }

    fn parse_await(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        if self.tok.escaped {
            return self.err_at(start, "Keyword must not contain escaped characters");
        }
        if self.ctx.in_params {
            return self.err_at(
                start,
                "Illegal await-expression in formal parameters of async function",
            );
        }
        if self.ctx.static_block && !self.ctx.await_kw {
            return self.err_at(start, "Unexpected 'await' in class static block");
        }
        self.last_yield_await = Some(start);
        self.bump()?;
        let arg = self.parse_unary()?;
        if is_arrow(&arg) {
            return self.err_at(arg.span.start, "Unexpected arrow function");
        }
        self.last_yield_await = Some(start);
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Await(self.alloc(arg)?),
        })
    }

    /// LeftHandSideExpression: member accesses, calls, optional chains, `new`, tagged templates.
    pub(crate) fn parse_lhs(&mut self) -> PResult<Expr<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        let mut expr = match self.tok.kind {
            Tok::New => self.parse_new()?,
            Tok::Super => self.parse_super(true)?,
            Tok::Import => self.parse_import_expr()?,
            _ => self.parse_primary()?,
        };
        if is_arrow(&expr) {
            return Ok(expr);
        }
        let mut optional = false;
        loop {
            match self.tok.kind {
                Tok::Dot | Tok::LBracket => {
                    expr = self.parse_member_suffix(start, expr, false)?;
                }
                Tok::QuestionDot => {
                    optional = true;
                    self.bump()?;
                    match self.tok.kind {
                        Tok::LParen => {
                            let args = self.parse_arguments()?;
                            expr = Expr {
                                span: self.span_from(start),
                                kind: ExprKind::Call(self.alloc(expr)?, args, true),
                            };
                        }
                        Tok::LBracket => expr = self.parse_member_suffix(start, expr, true)?,
                        Tok::Template | Tok::TemplateHead => {
                            return self.err_at(
                                self.tok.start,
                                "Invalid tagged template on optional chain",
                            );
                        }
                        _ => expr = self.parse_member_name(start, expr, true)?,
                    }
                }
                Tok::LParen => {
                    let direct_eval = matches!(expr.kind, ExprKind::Ident("eval"));
                    let args = self.parse_arguments()?;
                    if direct_eval {
                        self.scopes.direct_eval();
                    }
                    expr = Expr {
                        span: self.span_from(start),
                        kind: ExprKind::Call(self.alloc(expr)?, args, false),
                    };
                }
                Tok::Template | Tok::TemplateHead => {
                    if optional {
                        return self
                            .err_at(self.tok.start, "Invalid tagged template on optional chain");
                    }
                    let t = self.parse_template(true)?;
                    expr = Expr {
                        span: self.span_from(start),
                        kind: ExprKind::TaggedTemplate(self.alloc(expr)?, t),
                    };
                }
                _ => break,
            }
        }
        if optional {
            expr = Expr {
                span: self.span_from(start),
                kind: ExprKind::OptionalChain(self.alloc(expr)?),
            };
        }
        Ok(expr)
    }

    /// `.name`, `.#name` or `[expr]` after `expr`.
    fn parse_member_suffix(
        &mut self,
        start: u32,
        expr: Expr<'a>,
        optional: bool,
    ) -> PResult<Expr<'a>> {
        if self.eat(Tok::LBracket)? {
            let saved = self.ctx.no_in;
            self.ctx.no_in = false;
            let prop = self.parse_expression();
            self.ctx.no_in = saved;
            let prop = prop?;
            self.expect(Tok::RBracket)?;
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::Member(
                    self.alloc(expr)?,
                    MemberProp::Computed(self.alloc(prop)?),
                    optional,
                ),
            });
        }
        self.expect(Tok::Dot)?;
        self.parse_member_name(start, expr, optional)
    }

    fn parse_member_name(
        &mut self,
        start: u32,
        expr: Expr<'a>,
        optional: bool,
    ) -> PResult<Expr<'a>> {
        let span = Span::new(self.tok.start, self.tok.end);
        let prop = match self.tok.kind {
            Tok::PrivateName => {
                let name = self.tok.name();
                self.use_private_name(name, span.start)?;
                MemberProp::Private(Ident { span, name })
            }
            k if k == Tok::Ident || k.is_keyword() => MemberProp::Name(Ident {
                span,
                name: self.tok.name(),
            }),
            _ => return self.unexpected(),
        };
        self.bump()?;
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Member(self.alloc(expr)?, prop, optional),
        })
    }

    fn parse_new(&mut self) -> PResult<Expr<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        self.bump()?;
        if self.at(Tok::Dot) {
            self.bump()?;
            if !self.is_name("target") {
                return self.unexpected();
            }
            if !self.ctx.new_target {
                return self.err_at(start, "new.target expression is not allowed here");
            }
            self.bump()?;
            self.scopes.this_reference();
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::NewTarget,
            });
        }
        let cstart = self.tok.start;
        let mut callee = match self.tok.kind {
            Tok::New => self.parse_new()?,
            Tok::Super => self.parse_super(false)?,
            Tok::Import => {
                let next = self.peek()?;
                if next.kind == Tok::LParen {
                    return self.err_at(self.tok.start, "Cannot use new with import");
                }
                let at = self.tok.start;
                let e = self.parse_import_expr()?;
                if matches!(e.kind, ExprKind::ImportCall(..)) {
                    // `new import.defer(…)` / `new import.source(…)`.
                    return self.err_at(at, "Cannot use new with import");
                }
                e
            }
            _ => self.parse_primary()?,
        };
        if is_arrow(&callee) {
            return self.unexpected();
        }
        loop {
            match self.tok.kind {
                Tok::Dot | Tok::LBracket => {
                    callee = self.parse_member_suffix(cstart, callee, false)?
                }
                Tok::Template | Tok::TemplateHead => {
                    let t = self.parse_template(true)?;
                    callee = Expr {
                        span: self.span_from(cstart),
                        kind: ExprKind::TaggedTemplate(self.alloc(callee)?, t),
                    };
                }
                Tok::QuestionDot => {
                    return self
                        .err_at(self.tok.start, "Invalid optional chain from new expression")
                }
                _ => break,
            }
        }
        let args: &'a [Arg<'a>] = if self.at(Tok::LParen) {
            self.parse_arguments()?
        } else {
            &[]
        };
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::New(self.alloc(callee)?, args),
        })
    }

    fn parse_super(&mut self, allow_call: bool) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        self.bump()?;
        match self.tok.kind {
            Tok::LParen if allow_call => {
                if !self.ctx.super_call {
                    return self.err_at(start, "'super' keyword unexpected here");
                }
                let args = self.parse_arguments()?;
                self.scopes.this_reference();
                Ok(Expr {
                    span: self.span_from(start),
                    kind: ExprKind::SuperCall(args),
                })
            }
            Tok::Dot | Tok::LBracket => {
                if !self.ctx.super_prop {
                    return self.err_at(start, "'super' keyword unexpected here");
                }
                let prop = if self.eat(Tok::LBracket)? {
                    let saved = self.ctx.no_in;
                    self.ctx.no_in = false;
                    let e = self.parse_expression();
                    self.ctx.no_in = saved;
                    let e = e?;
                    self.expect(Tok::RBracket)?;
                    MemberProp::Computed(self.alloc(e)?)
                } else {
                    self.bump()?;
                    let span = Span::new(self.tok.start, self.tok.end);
                    if self.tok.kind != Tok::Ident && !self.tok.kind.is_keyword() {
                        return self.unexpected();
                    }
                    let name = self.tok.name();
                    self.bump()?;
                    MemberProp::Name(Ident { span, name })
                };
                self.scopes.this_reference();
                Ok(Expr {
                    span: self.span_from(start),
                    kind: ExprKind::SuperMember(prop),
                })
            }
            _ => self.err_at(start, "'super' keyword unexpected here"),
        }
    }

    fn parse_import_expr(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        if self.tok.escaped {
            return self.err_at(start, "Keyword must not contain escaped characters");
        }
        self.bump()?;
        let mut phase = ImportPhase::Evaluation;
        if self.eat(Tok::Dot)? {
            if self.is_name("defer") || self.is_name("source") {
                phase = if self.is_name("defer") {
                    ImportPhase::Defer
                } else {
                    ImportPhase::Source
                };
                self.bump()?;
                if !self.at(Tok::LParen) {
                    return self.unexpected();
                }
                return self.import_call_rest(start, phase);
            }
            if !self.is_name("meta") {
                return self.unexpected();
            }
            if !self.module {
                return self.err_at(start, "Cannot use 'import.meta' outside a module");
            }
            self.bump()?;
            return Ok(Expr {
                span: self.span_from(start),
                kind: ExprKind::ImportMeta,
            });
        }
        if !self.at(Tok::LParen) {
            return self.unexpected();
        }
        self.import_call_rest(start, phase)
    }

    /// `( source [, options] )` of an import call.
    fn import_call_rest(&mut self, start: u32, phase: ImportPhase) -> PResult<Expr<'a>> {
        self.bump()?;
        let saved = self.ctx.no_in;
        self.ctx.no_in = false;
        let r = self.parse_import_call_args();
        self.ctx.no_in = saved;
        let (source, options) = r?;
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::ImportCall(source, options, phase),
        })
    }

    fn parse_import_call_args(&mut self) -> PResult<(&'a Expr<'a>, Option<&'a Expr<'a>>)> {
        let source = self.parse_assignment()?;
        let source = self.alloc(source)?;
        let mut options = None;
        if self.eat(Tok::Comma)? && !self.at(Tok::RParen) {
            let o = self.parse_assignment()?;
            options = Some(self.alloc(o)?);
            self.eat(Tok::Comma)?;
        }
        self.expect(Tok::RParen)?;
        Ok((source, options))
    }

    /// `(args)`; sets `self.args_trailing_comma`.
    pub(crate) fn parse_arguments(&mut self) -> PResult<&'a [Arg<'a>]> {
        self.parse_arguments_inner(false).map(|(a, _)| a)
    }

    /// Arguments; with `cover`, cover errors stay pending (async arrow heads). Returns whether a
    /// trailing comma followed the last argument.
    pub(crate) fn parse_arguments_inner(&mut self, cover: bool) -> PResult<(&'a [Arg<'a>], bool)> {
        self.expect(Tok::LParen)?;
        let saved = self.ctx.no_in;
        self.ctx.no_in = false;
        let args = self.list_start::<Arg>();
        let mut trailing = false;
        while !self.at(Tok::RParen) {
            trailing = false;
            let spread = self.eat(Tok::Ellipsis)?;
            let e = self.parse_assignment_inner(cover)?;
            self.list_push(if spread { Arg::Spread(e) } else { Arg::Expr(e) })?;
            if !self.at(Tok::RParen) {
                self.expect(Tok::Comma)?;
                trailing = true;
            }
        }
        self.bump()?;
        self.ctx.no_in = saved;
        Ok((self.list_finish(args)?, trailing))
    }

    /// Checks an identifier used as an IdentifierReference or LabelIdentifier.
    pub(crate) fn check_identifier_reference(
        &mut self,
        name: &'a str,
        at: u32,
        escaped: bool,
    ) -> PResult<()> {
        if escaped && token::keyword(name.as_bytes()).is_some() {
            return self.err_at(at, "Keyword must not contain escaped characters");
        }
        if self.ctx.strict && token::is_strict_reserved(name) {
            return self.err_at(at, "Unexpected strict mode reserved word");
        }
        match name {
            "yield" if self.ctx.yield_kw || self.ctx.strict => {
                return self.err_at(at, "Unexpected identifier 'yield'");
            }
            "await" => {
                if self.ctx.await_kw || self.module || self.ctx.static_block {
                    return self.err_at(at, "Unexpected reserved word 'await'");
                }
                self.last_await_ident = Some(at);
            }
            _ => {}
        }
        Ok(())
    }

    pub(crate) fn parse_primary(&mut self) -> PResult<Expr<'a>> {
        self.check_stack()?;
        let start = self.tok.start;
        let span = Span::new(self.tok.start, self.tok.end);
        let kind = match self.tok.kind {
            Tok::This => {
                self.scopes.this_reference();
                ExprKind::This
            }
            Tok::Null => ExprKind::Null,
            Tok::True => ExprKind::Bool(true),
            Tok::False => ExprKind::Bool(false),
            Tok::Number => {
                self.check_octal(&{ self.tok })?;
                match self.tok.value {
                    TokValue::Number(n) => ExprKind::Number(n),
                    _ => ExprKind::Number(f64::NAN),
                }
            }
            Tok::BigInt => match self.tok.value {
                TokValue::BigInt(s) => ExprKind::BigInt(s),
                _ => ExprKind::BigInt("0"),
            },
            Tok::String => {
                self.check_octal(&{ self.tok })?;
                match self.tok.value {
                    TokValue::Str(s) => ExprKind::String(s),
                    _ => ExprKind::String(crate::JsStr(b"")),
                }
            }
            Tok::Template | Tok::TemplateHead => {
                let t = self.parse_template(false)?;
                return Ok(Expr {
                    span: self.span_from(start),
                    kind: ExprKind::Template(t),
                });
            }
            Tok::Slash | Tok::SlashEq => {
                let mut t = self.tok;
                self.lex.rescan_regexp(&mut t)?;
                self.tok = t;
                match t.value {
                    TokValue::RegExp(pattern, flags) => {
                        ExprKind::RegExp(self.alloc(RegExpLit { pattern, flags })?)
                    }
                    _ => return self.unexpected(),
                }
            }
            Tok::LBracket => return self.parse_array_literal(),
            Tok::LBrace => return self.parse_object_literal(),
            Tok::Function => {
                let f = self.parse_function_expression(start, false)?;
                return Ok(Expr {
                    span: self.span_from(start),
                    kind: ExprKind::Function(f),
                });
            }
            Tok::Class => {
                let c = self.parse_class(false, false)?;
                return Ok(Expr {
                    span: self.span_from(start),
                    kind: ExprKind::Class(c),
                });
            }
            Tok::LParen => return self.parse_paren_or_arrow(),
            Tok::Ident => return self.parse_identifier_or_arrow(),
            _ => return self.unexpected(),
        };
        self.bump()?;
        Ok(Expr { span, kind })
    }

    fn parse_identifier_or_arrow(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        let mark = self.scopes.mark();
        let name = self.tok.name();
        let escaped = self.tok.escaped;
        if name == "async" && !escaped {
            let next = self.peek()?;
            if !next.newline_before {
                match next.kind {
                    Tok::Function => {
                        self.bump()?;
                        let f = self.parse_function_expression(start, true)?;
                        return Ok(Expr {
                            span: self.span_from(start),
                            kind: ExprKind::Function(f),
                        });
                    }
                    Tok::Ident if self.peek2()?.1.kind == Tok::Arrow => {
                        // `async x => ...`
                        self.bump()?;
                        let pstart = self.tok.start;
                        let pname = self.tok.name();
                        let pesc = self.tok.escaped;
                        self.bump()?;
                        if !self.at(Tok::Arrow) || self.tok.newline_before {
                            return self.unexpected();
                        }
                        if pname == "await" {
                            return self.err_at(pstart, "Unexpected reserved word 'await'");
                        }
                        self.check_identifier_reference(pname, pstart, pesc)?;
                        let param = Expr {
                            span: self.span_from(pstart),
                            kind: ExprKind::Ident(pname),
                        };
                        let params = std::slice::from_ref(self.alloc(param)?);
                        return self.parse_arrow_from_cover(start, params, None, true, mark);
                    }
                    Tok::LParen => {
                        self.bump()?;
                        let callee = Expr {
                            span: Span::new(start, start + 5),
                            kind: ExprKind::Ident("async"),
                        };
                        let saved_cover = self.cover_err.take();
                        let (args, trailing) = self.parse_arguments_inner(true)?;
                        if self.at(Tok::Arrow) && !self.tok.newline_before {
                            self.cover_err = saved_cover;
                            if self.last_await_ident.is_some_and(|p| p >= start) {
                                return self.err_at(
                                    self.last_await_ident.unwrap_or(start),
                                    "Unexpected reserved word 'await'",
                                );
                            }
                            let items = self.list_start::<Expr>();
                            let mut rest = None;
                            for (i, a) in args.iter().enumerate() {
                                match a {
                                    Arg::Expr(e) => self.list_push(*e)?,
                                    Arg::Spread(e) => {
                                        if i + 1 != args.len()
                                            || trailing
                                            || matches!(e.kind, ExprKind::Assign(..))
                                        {
                                            return self.err_at(
                                                e.span.start,
                                                "Rest parameter must be last formal parameter",
                                            );
                                        }
                                        rest = Some(self.expr_to_binding(e)?);
                                    }
                                }
                            }
                            let items = self.list_finish(items)?;
                            return self.parse_arrow_from_cover(start, items, rest, true, mark);
                        }
                        // A plain call `async(...)`.
                        if let Some(e) = self.cover_err.take() {
                            return Err(e);
                        }
                        self.cover_err = saved_cover;
                        self.reference("async")?;
                        return Ok(Expr {
                            span: self.span_from(start),
                            kind: ExprKind::Call(self.alloc(callee)?, args, false),
                        });
                    }
                    _ => {}
                }
            }
        }
        self.check_identifier_reference(name, start, escaped)?;
        self.bump()?;
        if self.at(Tok::Arrow) && !self.tok.newline_before {
            let param = Expr {
                span: self.span_from(start),
                kind: ExprKind::Ident(name),
            };
            let params = std::slice::from_ref(self.alloc(param)?);
            return self.parse_arrow_from_cover(start, params, None, false, mark);
        }
        if name == "arguments" && self.ctx.no_arguments {
            return self.err_at(start, "'arguments' is not allowed in class field initializer or static initialization block");
        }
        self.reference(name)?;
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Ident(name),
        })
    }

    fn parse_paren_or_arrow(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        let mark = self.scopes.mark();
        self.bump()?;
        let saved_no_in = self.ctx.no_in;
        self.ctx.no_in = false;
        let saved_cover = self.cover_err.take();
        let items = self.list_start::<Expr>();
        let mut rest = None;
        let mut trailing = false;
        while !self.at(Tok::RParen) {
            if self.at(Tok::Ellipsis) {
                let rstart = self.tok.start;
                self.bump()?;
                let p = self.parse_binding_target()?;
                rest = Some(self.alloc(p)?);
                if !self.at(Tok::RParen) {
                    return self.err_at(rstart, "Rest parameter must be last formal parameter");
                }
                break;
            }
            let e = self.parse_assignment_inner(true)?;
            self.list_push(e)?;
            trailing = false;
            if !self.at(Tok::RParen) {
                self.expect(Tok::Comma)?;
                trailing = true;
            }
        }
        self.bump()?;
        self.ctx.no_in = saved_no_in;
        let items = self.list_finish(items)?;
        if self.at(Tok::Arrow) && !self.tok.newline_before {
            self.cover_err = saved_cover;
            return self.parse_arrow_from_cover(start, items, rest, false, mark);
        }
        if items.is_empty() || rest.is_some() || trailing {
            return self.unexpected();
        }
        // Keep the cover error pending: `({a = 1}) = x` is invalid anyway, `({a = 1})` raises.
        if self.cover_err.is_none() {
            self.cover_err = saved_cover;
        }
        let inner = if items.len() == 1 {
            items[0]
        } else {
            let first = items[0].span.start;
            let last = items[items.len() - 1].span.end;
            Expr {
                span: Span::new(first, last),
                kind: ExprKind::Sequence(items),
            }
        };
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Paren(self.alloc(inner)?),
        })
    }

    fn parse_array_literal(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.start;
        self.bump()?;
        let saved = self.ctx.no_in;
        self.ctx.no_in = false;
        let elems = self.list_start::<ArrayElem>();
        let mut trailing = false;
        while !self.at(Tok::RBracket) {
            if self.at(Tok::Comma) {
                self.bump()?;
                self.list_push(ArrayElem::Hole)?;
                trailing = false;
                continue;
            }
            let spread = self.eat(Tok::Ellipsis)?;
            let e = self.parse_assignment_inner(true)?;
            self.list_push(if spread {
                ArrayElem::Spread(e)
            } else {
                ArrayElem::Expr(e)
            })?;
            trailing = false;
            if !self.at(Tok::RBracket) {
                self.expect(Tok::Comma)?;
                trailing = true;
            }
        }
        self.bump()?;
        self.ctx.no_in = saved;
        let elems = self.list_finish(elems)?;
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Array(elems, trailing),
        })
    }

    /// A template literal (the current token is its first part).
    pub(crate) fn parse_template(&mut self, tagged: bool) -> PResult<&'a Template<'a>> {
        let mut quasis = self.new_vec();
        let exprs = self.list_start::<Expr>();
        loop {
            let t = self.tok;
            let (cooked, raw) = match t.value {
                TokValue::Template(c, r) => (c, r),
                _ => return self.unexpected(),
            };
            if cooked.is_none() && !tagged {
                return self.err_at(
                    t.legacy_octal.unwrap_or(t.start),
                    "Invalid escape sequence in template",
                );
            }
            let cstart = t.start + 1;
            let cend = if matches!(t.kind, Tok::Template | Tok::TemplateTail) {
                t.end - 1
            } else {
                t.end - 2
            };
            Self::push(
                &mut quasis,
                TemplatePart {
                    span: Span::new(cstart, cend.max(cstart)),
                    cooked,
                    raw,
                },
            )?;
            if matches!(t.kind, Tok::Template | Tok::TemplateTail) {
                self.bump()?;
                break;
            }
            self.bump()?;
            let saved = self.ctx.no_in;
            self.ctx.no_in = false;
            let e = self.parse_expression();
            self.ctx.no_in = saved;
            self.list_push(e?)?;
            if !self.at(Tok::RBrace) {
                return self.unexpected();
            }
            let mut t = self.tok;
            self.lex.rescan_template(&mut t)?;
            self.tok = t;
        }
        let exprs = self.list_finish(exprs)?;
        self.alloc(Template {
            quasis: quasis.leak(),
            exprs,
        })
    }
}

/// `x.#p` (through parentheses), for `delete` checks.
fn is_private_member(e: &Expr<'_>) -> bool {
    match e.kind {
        ExprKind::Member(_, MemberProp::Private(_), _) => true,
        ExprKind::OptionalChain(inner) => is_private_member(inner),
        _ => false,
    }
}
