//! Calls: callees and their receivers, arguments, `new`.

use super::effects::After;
use super::{CResult, Fc, Loc};
use conch_bytecode::Op;
use conch_parser::ast::{Arg, Expr, ExprKind, MemberProp};

/// A call's receiver register meaning "the frame's own `this`" (see `Fc::callee`).
const FRAME_THIS: u32 = u32::MAX;
/// The receiver "undefined" of a plain call (`CallUndefined`), in place of a register.
const UNDEFINED_THIS: u32 = u32::MAX - 1;

/// Where a call's `this` comes from.
pub(super) enum Callee {
    /// A plain call: `this` is undefined.
    Plain,
    /// A method call: `this` is the object the method was read from.
    Method,
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    /// Evaluates a callee into `f` and its `this` into `this`; returns the registers that
    /// hold them (a method's object in a local register that `after` cannot assign is used
    /// in place).
    ///
    /// With `frame_this`, `this.name(…)` answers [`FRAME_THIS`] for the receiver: the call
    /// then uses the frame's own (`CallThis`).
    pub(super) fn callee(
        &mut self,
        callee: &'a Expr<'a>,
        f: u32,
        this: u32,
        after: After<'a>,
        frame_this: bool,
    ) -> CResult<(Callee, u32, u32)> {
        match callee.kind {
            ExprKind::Member(obj, MemberProp::Name(id), false)
                if frame_this && matches!(obj.kind, ExprKind::This) && self.plain_this() =>
            {
                let k = self.name(id.name)?;
                let s = self.slot();
                self.pos(callee.span.start)?;
                self.emit(Op::GetNamedThis, &[k, s])?;
                self.emit_r(Op::Star, f)?;
                Ok((Callee::Method, f, FRAME_THIS))
            }
            ExprKind::Member(obj, prop, false)
                if self
                    .stable_reg(
                        obj,
                        match prop {
                            MemberProp::Computed(k) => After::Expr(k),
                            _ => after,
                        },
                    )
                    .and_then(|_| self.stable_reg(obj, after))
                    .is_some() =>
            {
                let o = self.local_reg(obj, false).expect("checked");
                self.get_member(o, prop, callee.span.start)?;
                self.emit_r(Op::Star, f)?;
                Ok((Callee::Method, f, o))
            }
            ExprKind::Member(obj, prop, optional) => {
                self.expr(obj)?;
                if optional {
                    self.chain_check()?;
                }
                self.emit_r(Op::Star, this)?;
                self.get_member(this, prop, callee.span.start)?;
                self.emit_r(Op::Star, f)?;
                Ok((Callee::Method, f, this))
            }
            ExprKind::Paren(inner) if matches!(inner.kind, ExprKind::Member(..)) => {
                self.callee(inner, f, this, after, frame_this)
            }
            ExprKind::SuperMember(prop) => {
                let h = self.temp();
                self.super_get(prop, h, this, callee.span.start)?;
                self.emit_r(Op::Star, f)?;
                Ok((Callee::Method, f, this))
            }
            ExprKind::Ident(name) if self.dynamic() => {
                // A function found on a `with` object is called with the object as `this`
                // (on an eval var object, with `undefined`).
                let at = callee.span.start;
                let obj = self.temp();
                let ends = self.with_prelude(self.scope, name, obj, |fc, o, is_with| {
                    let k = fc.name(name)?;
                    fc.pos(at)?;
                    fc.emit(Op::WithGet, &[o as i64, k])?;
                    fc.emit_r(Op::Star, f)?;
                    if is_with {
                        fc.emit_r(Op::Ldar, o)?;
                    } else {
                        fc.emit0(Op::LdaUndefined)?;
                    }
                    fc.emit_r(Op::Star, this)
                })?;
                self.load_var_static(self.scope, name, false, at)?;
                self.emit_r(Op::Star, f)?;
                self.emit0(Op::LdaUndefined)?;
                self.emit_r(Op::Star, this)?;
                let pc = self.pc();
                self.bind_jumps(&ends, pc);
                Ok((Callee::Plain, f, this))
            }
            _ => {
                // With `frame_this` the caller takes UNDEFINED_THIS (CallUndefined, or a
                // register it fills).
                let this = if frame_this {
                    UNDEFINED_THIS
                } else {
                    self.emit0(Op::LdaUndefined)?;
                    self.emit_r(Op::Star, this)?;
                    this
                };
                if let Some(r) = self.stable_reg(callee, after) {
                    return Ok((Callee::Plain, r, this));
                }
                self.expr(callee)?;
                self.emit_r(Op::Star, f)?;
                Ok((Callee::Plain, f, this))
            }
        }
    }

    /// Evaluates arguments into consecutive registers; returns (first, count) or, with a
    /// spread, (array register, u32::MAX).
    pub(super) fn args(&mut self, args: &'a [Arg<'a>]) -> CResult<(u32, u32)> {
        if args.iter().any(|a| matches!(a, Arg::Spread(_))) {
            let a = self.temp();
            self.emit(Op::CreateArray, &[args.len() as i64])?;
            self.emit_r(Op::Star, a)?;
            for x in args {
                match x {
                    Arg::Expr(e) => {
                        self.expr(e)?;
                        self.emit_r(Op::ArrayPush, a)?;
                    }
                    Arg::Spread(e) => {
                        self.expr(e)?;
                        self.pos(e.span.start)?;
                        self.emit_r(Op::ArraySpread, a)?;
                    }
                }
            }
            return Ok((a, u32::MAX));
        }
        if let [Arg::Expr(e)] = args {
            if let Some(r) = self.local_reg(e, false) {
                return Ok((r, 1));
            }
        }
        let first = self.temps(args.len() as u32);
        for (i, x) in args.iter().enumerate() {
            if let Arg::Expr(e) = x {
                self.expr(e)?;
                self.emit_r(Op::Star, first + i as u32)?;
            }
        }
        Ok((first, args.len() as u32))
    }

    pub(super) fn call(
        &mut self,
        callee: &'a Expr<'a>,
        args: &'a [Arg<'a>],
        optional: bool,
        at: u32,
    ) -> CResult<()> {
        let m = self.mark();
        let (f, this) = (self.temp(), self.temp());
        let direct_eval = matches!(callee.kind, ExprKind::Ident("eval"))
            && !optional
            && self.resolve(self.scope, "eval").is_none();
        let after = if direct_eval {
            After::Unknown
        } else {
            After::Args(args)
        };
        let this_temp = this;
        let (_, f, this) = self.callee(callee, f, this, after, !direct_eval)?;
        if optional {
            self.emit_r(Op::Ldar, f)?;
            self.chain_check()?;
        }
        let (first, n) = self.args(args)?;
        self.pos(at)?;
        if direct_eval && n != u32::MAX {
            let desc = self.eval_descriptor()?;
            let k = self.constant(desc)?;
            // The caller's this (without the derived-constructor check: eval may call super()).
            match self.this_loc {
                Loc::Env(..) | Loc::Reg(_) => self.load_loc(self.this_loc)?,
                _ => self.emit0(Op::LdaThis)?,
            }
            self.emit_r(Op::Star, this)?;
            self.pos(at)?;
            self.emit(
                Op::CallEval,
                &[f as i64, this as i64, first as i64, n as i64, k],
            )?;
        } else if n == u32::MAX {
            let this = match this {
                FRAME_THIS | UNDEFINED_THIS => {
                    if this == FRAME_THIS {
                        self.emit0(Op::LdaThis)?;
                    } else {
                        self.emit0(Op::LdaUndefined)?;
                    }
                    self.emit_r(Op::Star, this_temp)?;
                    this_temp
                }
                _ => this,
            };
            self.emit(Op::CallSpread, &[f as i64, this as i64, first as i64])?;
        } else if this == FRAME_THIS || this == UNDEFINED_THIS {
            let s = self.slot();
            let op = if this == FRAME_THIS {
                Op::CallThis
            } else {
                Op::CallUndefined
            };
            self.emit(op, &[f as i64, first as i64, n as i64, s])?;
        } else {
            let s = self.slot();
            self.emit(
                Op::Call,
                &[f as i64, this as i64, first as i64, n as i64, s],
            )?;
        }
        self.release(m);
        Ok(())
    }

    pub(super) fn new_expr(
        &mut self,
        callee: &'a Expr<'a>,
        args: &'a [Arg<'a>],
        at: u32,
    ) -> CResult<()> {
        let m = self.mark();
        let f = self.temp();
        self.expr(callee)?;
        self.emit_r(Op::Star, f)?;
        let (first, n) = self.args(args)?;
        self.pos(at)?;
        if n == u32::MAX {
            self.emit(Op::NewSpread, &[f as i64, first as i64])?;
        } else {
            let s = self.slot();
            self.emit(Op::New, &[f as i64, first as i64, n as i64, s])?;
        }
        self.release(m);
        Ok(())
    }
}
