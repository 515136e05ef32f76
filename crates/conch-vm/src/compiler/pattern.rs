//! Assignment targets and destructuring (binding and assignment patterns).

use super::effects::After;
use super::expr::strip_parens;
use super::{oom, CResult, Fc};
use conch_bytecode::Op;
use conch_parser::ast::{Expr, ExprKind, MemberProp, Pattern, PatternKind, PropKey};

/// An evaluated assignment target (its object and key in registers).
pub(super) enum Ref<'a> {
    /// A variable.
    Var(&'a str),
    /// A variable inside `with` statements, resolved once: the register holds the `with`
    /// object that had the name, or undefined for the binding found statically.
    WithVar(&'a str, u32),
    /// `obj.name`.
    Named(u32, &'a str),
    /// `this.name` with the frame's receiver as `this`.
    NamedThis(&'a str),
    /// `obj[key]` (key already a property key).
    Keyed(u32, u32),
    /// `obj.#x` (object, private symbol registers).
    Private(u32, u32),
    /// `super[key]` (home, receiver, key registers).
    Super(u32, u32, u32),
    /// Not a valid target at run time (Annex B call targets): a ReferenceError.
    Invalid,
}

/// How destructured values are bound.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Bind {
    /// Assignment (`[a, b] = …`): targets are references.
    Assign,
    /// Declaration (`let [a, b] = …`, parameters): bindings are initialised.
    Init,
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    /// Evaluates the parts of an assignment target `e` into temporaries.
    /// `after` is what the caller evaluates before using the reference: a base object in a
    /// local register it cannot assign is used in place.
    /// With `put_only` (a reference that is only assigned, `o[k] = v`), a computed key is
    /// converted by the store itself, after the right side (§13.15.2, PutValue).
    pub(super) fn reference(
        &mut self,
        e: &'a Expr<'a>,
        after: After<'a>,
        put_only: bool,
    ) -> CResult<Ref<'a>> {
        match strip_parens(e).kind {
            ExprKind::Ident(name) => self.var_ref(name),
            ExprKind::Member(obj, MemberProp::Name(id), _)
                if matches!(obj.kind, ExprKind::This) && self.plain_this() =>
            {
                Ok(Ref::NamedThis(id.name))
            }
            ExprKind::Member(obj, prop, _) => {
                let key_after = match prop {
                    MemberProp::Computed(k) => Some(k),
                    _ => None,
                };
                let base = self.stable_reg(obj, after).filter(|_| {
                    key_after.is_none_or(|k| self.stable_reg(obj, After::Expr(k)).is_some())
                });
                let o = match base {
                    Some(r) => r,
                    None => {
                        let o = self.temp();
                        self.expr(obj)?;
                        self.emit_r(Op::Star, o)?;
                        o
                    }
                };
                match prop {
                    MemberProp::Name(id) => Ok(Ref::Named(o, id.name)),
                    MemberProp::Computed(k) => {
                        let kr = self.temp();
                        self.expr(k)?;
                        self.pos(k.span.start)?;
                        // ToPropertyKey of a primitive runs no code: the keyed access that
                        // uses the key converts it.
                        if !put_only && !yields_primitive(k) {
                            self.emit0(Op::ToPropertyKey)?;
                        }
                        self.emit_r(Op::Star, kr)?;
                        Ok(Ref::Keyed(o, kr))
                    }
                    MemberProp::Private(id) => {
                        let sr = self.temp();
                        self.load_private(id.name, id.span.start)?;
                        self.emit_r(Op::Star, sr)?;
                        Ok(Ref::Private(o, sr))
                    }
                }
            }
            ExprKind::SuperMember(prop) => {
                let (h, rcv, kr) = (self.temp(), self.temp(), self.temp());
                if !self.super_base(h, rcv, e.span.start)? {
                    return Ok(Ref::Invalid);
                }
                self.member_key(prop)?;
                self.emit_r(Op::Star, kr)?;
                Ok(Ref::Super(h, rcv, kr))
            }
            _ => {
                // Annex B: `f() = v` evaluates the call, then throws a ReferenceError.
                self.expr(e)?;
                Ok(Ref::Invalid)
            }
        }
    }

    /// A reference to the variable `name`: inside `with` statements that may hold it, the
    /// object holding it is looked up once, here (so a later get and put agree).
    pub(super) fn var_ref(&mut self, name: &'a str) -> CResult<Ref<'a>> {
        if !self.dynamic() || self.with_objects(self.scope, name).is_empty() {
            return Ok(Ref::Var(name));
        }
        let found = self.temp();
        let o = self.temp();
        self.emit0(Op::LdaUndefined)?;
        self.emit_r(Op::Star, found)?;
        let ends = self.with_prelude(self.scope, name, o, |fc, o, _| {
            fc.emit_r(Op::Ldar, o)?;
            fc.emit_r(Op::Star, found)
        })?;
        let pc = self.pc();
        self.bind_jumps(&ends, pc);
        Ok(Ref::WithVar(name, found))
    }

    /// acc = the value of the reference.
    pub(super) fn get_reference(&mut self, r: &Ref<'a>, at: u32) -> CResult<()> {
        match *r {
            Ref::Var(name) => self.load_var(self.scope, name, false, at),
            Ref::WithVar(name, o) => {
                self.emit_r(Op::Ldar, o)?;
                let stat = self.jump(Op::JumpIfUndefined)?;
                let k = self.name(name)?;
                self.pos(at)?;
                self.emit(Op::WithGet, &[o as i64, k])?;
                let end = self.jump(Op::Jump)?;
                self.here(stat);
                self.load_var_static(self.scope, name, false, at)?;
                self.here(end);
                Ok(())
            }
            Ref::Named(o, name) => {
                let k = self.name(name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetNamed, &[o as i64, k, s])
            }
            Ref::NamedThis(name) => {
                let k = self.name(name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetNamedThis, &[k, s])
            }
            Ref::Keyed(o, kr) => {
                self.emit_r(Op::Ldar, kr)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetKeyed, &[o as i64, s])
            }
            Ref::Private(o, sr) => {
                self.emit_r(Op::Ldar, sr)?;
                self.pos(at)?;
                self.emit_r(Op::GetPrivate, o)
            }
            Ref::Super(h, rcv, kr) => {
                self.emit_r(Op::Ldar, kr)?;
                self.pos(at)?;
                self.emit(Op::GetSuper, &[h as i64, rcv as i64])
            }
            Ref::Invalid => self.invalid_target(at),
        }
    }

    fn invalid_target(&mut self, at: u32) -> CResult<()> {
        let k = self.string_const("Invalid assignment target")?;
        self.pos(at)?;
        self.emit(Op::ThrowRefError, &[k])
    }

    /// Stores acc into the reference (acc keeps the value).
    pub(super) fn put_reference(&mut self, r: &Ref<'a>, at: u32) -> CResult<()> {
        match *r {
            Ref::Var(name) => self.store_var(self.scope, name, at),
            Ref::WithVar(name, o) => {
                let m = self.mark();
                let v = self.temp();
                self.emit_r(Op::Star, v)?;
                self.emit_r(Op::Ldar, o)?;
                let stat = self.jump(Op::JumpIfUndefined)?;
                let k = self.name(name)?;
                // SetMutableBinding of an object record: gone meanwhile is a ReferenceError
                // in strict code.
                self.emit_r(Op::Ldar, v)?;
                self.pos(at)?;
                self.emit(Op::WithSet, &[o as i64, k])?;
                let end = self.jump(Op::Jump)?;
                self.here(stat);
                self.emit_r(Op::Ldar, v)?;
                self.store_var_static(self.scope, name, at)?;
                self.here(end);
                self.emit_r(Op::Ldar, v)?;
                self.release(m);
                Ok(())
            }
            Ref::Named(o, name) => {
                let k = self.name(name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::SetNamed, &[o as i64, k, s])
            }
            Ref::NamedThis(name) => {
                let k = self.name(name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::SetNamedThis, &[k, s])
            }
            Ref::Keyed(o, kr) => {
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::SetKeyed, &[o as i64, kr as i64, s])
            }
            Ref::Private(o, sr) => {
                self.pos(at)?;
                self.emit(Op::SetPrivate, &[o as i64, sr as i64])
            }
            Ref::Super(h, rcv, kr) => {
                self.pos(at)?;
                self.emit(Op::SetSuper, &[h as i64, rcv as i64, kr as i64])
            }
            Ref::Invalid => self.invalid_target(at),
        }
    }

    /// Binds acc to the target `p` (a simple name or a nested pattern).
    pub(super) fn bind_value(&mut self, p: &'a Pattern<'a>, how: Bind) -> CResult<()> {
        match p.kind {
            PatternKind::Ident(name) => match how {
                Bind::Init => self.init_var(self.scope, name),
                Bind::Assign => self.store_var(self.scope, name, p.span.start),
            },
            PatternKind::Expr(e) => {
                let m = self.mark();
                let v = self.temp();
                self.emit_r(Op::Star, v)?;
                let r = self.reference(e, After::Nothing, true)?;
                self.emit_r(Op::Ldar, v)?;
                self.put_reference(&r, p.span.start)?;
                self.release(m);
                Ok(())
            }
            PatternKind::Assign(target, default) => {
                let j = self.jump(Op::JumpIfNotUndefined)?;
                let name = match target.kind {
                    PatternKind::Ident(n) => Some(n),
                    _ => None,
                };
                self.named_value(default, name)?;
                self.here(j);
                self.bind_value(target, how)
            }
            PatternKind::Object(..) | PatternKind::Array(..) => {
                let m = self.mark();
                let v = self.temp();
                self.emit_r(Op::Star, v)?;
                self.destructure(p, v, how)?;
                self.release(m);
                Ok(())
            }
        }
    }

    /// Destructures the value in register `v` into the pattern `p`.
    pub(super) fn destructure(&mut self, p: &'a Pattern<'a>, v: u32, how: Bind) -> CResult<()> {
        self.cx.check()?;
        match p.kind {
            PatternKind::Object(props, rest) => self.object_pattern(props, rest, v, how, p),
            PatternKind::Array(elems, rest) => self.array_pattern(elems, rest, v, how, p),
            _ => {
                self.emit_r(Op::Ldar, v)?;
                self.bind_value(p, how)
            }
        }
    }

    fn object_pattern(
        &mut self,
        props: &'a [conch_parser::ast::PatternProp<'a>],
        rest: Option<&'a Pattern<'a>>,
        v: u32,
        how: Bind,
        p: &'a Pattern<'a>,
    ) -> CResult<()> {
        let m = self.mark();
        // RequireObjectCoercible.
        self.emit_r(Op::Ldar, v)?;
        self.pos(p.span.start)?;
        self.emit0(Op::ToObject)?;
        let keys = if rest.is_some() {
            self.temps(props.len() as u32)
        } else {
            0
        };
        let kr = self.temp();
        for (i, prop) in props.iter().enumerate() {
            let key_reg = if rest.is_some() { keys + i as u32 } else { kr };
            match (Self::static_key(&prop.key), &prop.key) {
                (Some(name), _) if rest.is_none() => {
                    let k = self.name(name)?;
                    let s = self.slot();
                    self.pos(prop.span.start)?;
                    self.emit(Op::GetNamed, &[v as i64, k, s])?;
                }
                (_, PropKey::Private(_)) => unreachable!("early error"),
                _ => {
                    self.prop_key(&prop.key, key_reg)?;
                    self.emit_r(Op::Ldar, key_reg)?;
                    let s = self.slot();
                    self.pos(prop.span.start)?;
                    self.emit(Op::GetKeyed, &[v as i64, s])?;
                }
            }
            self.bind_value(&prop.value, how)?;
        }
        if let Some(r) = rest {
            self.emit_r(Op::Ldar, v)?;
            self.pos(r.span.start)?;
            self.emit(Op::CopyRest, &[keys as i64, props.len() as i64])?;
            self.bind_value(r, how)?;
        }
        self.release(m);
        Ok(())
    }

    fn array_pattern(
        &mut self,
        elems: &'a [Option<Pattern<'a>>],
        rest: Option<&'a Pattern<'a>>,
        v: u32,
        how: Bind,
        p: &'a Pattern<'a>,
    ) -> CResult<()> {
        let m = self.mark();
        let iter = self.temps(2);
        let done = self.temp();
        let env = self.temp();
        let val = self.temp();
        self.emit_r(Op::Ldar, v)?;
        self.pos(p.span.start)?;
        self.emit_r(Op::GetIterator, iter)?;
        self.emit0(Op::LdaFalse)?;
        self.emit_r(Op::Star, done)?;
        self.emit_r(Op::GetEnv, env)?;
        let start = self.pc();
        // A return from inside (a generator resumed with return() at a yield in a default)
        // closes the iterator unless it is done.
        let labels = allocator_api2::vec::Vec::new_in(self.arena());
        self.push_breakable(labels, super::Target::Label, Some(iter))?;
        if let Some(super::Control::Breakable { done: d, .. }) = self.control.last_mut() {
            *d = Some(done);
        }
        for el in elems {
            // value = done ? undefined : step (done is set while `next` runs: a throwing
            // iterator is not closed).
            self.emit_r(Op::Ldar, done)?;
            let to_undef = self.jump(Op::JumpIfTrue)?;
            self.emit0(Op::LdaTrue)?;
            self.emit_r(Op::Star, done)?;
            let step = encode_step(self, iter)?;
            self.emit_r(Op::Star, val)?;
            self.emit0(Op::LdaFalse)?;
            self.emit_r(Op::Star, done)?;
            self.emit_r(Op::Ldar, val)?;
            let have = self.jump(Op::Jump)?;
            self.here(step);
            self.here(to_undef);
            self.emit0(Op::LdaUndefined)?;
            self.here(have);
            if let Some(target) = el {
                self.bind_value(target, how)?;
            }
        }
        if let Some(r) = rest {
            let arr = self.temp();
            self.emit(Op::CreateArray, &[0])?;
            self.emit_r(Op::Star, arr)?;
            self.emit_r(Op::Ldar, done)?;
            let skip = self.jump(Op::JumpIfTrue)?;
            self.emit0(Op::LdaTrue)?;
            self.emit_r(Op::Star, done)?;
            let head = self.pc();
            let exit = encode_step(self, iter)?;
            self.emit_r(Op::ArrayPush, arr)?;
            self.jump_to(Op::JumpLoop, head)?;
            self.here(exit);
            self.here(skip);
            self.emit_r(Op::Ldar, arr)?;
            self.bind_value(r, how)?;
        }
        let end = self.pc();
        self.pop_breakable(end)?;
        // Normal completion: close the iterator unless it is done.
        self.emit_r(Op::Ldar, done)?;
        let skip = self.jump(Op::JumpIfTrue)?;
        self.emit_r(Op::IteratorClose, iter)?;
        let out = self.jump(Op::Jump)?;
        // Abrupt completion inside: close (unless done) and rethrow.
        let handler = self.pc();
        let t = self.temp();
        self.emit_r(Op::Star, t)?;
        self.emit_r(Op::Ldar, done)?;
        let rethrow = self.jump(Op::JumpIfTrue)?;
        self.emit_r(Op::Ldar, t)?;
        self.emit_r(Op::IteratorCloseThrow, iter)?;
        self.here(rethrow);
        self.emit_r(Op::Ldar, t)?;
        self.emit0(Op::Throw)?;
        self.here(skip);
        self.here(out);
        self.add_handler(start, end, handler, env)?;
        self.release(m);
        Ok(())
    }

    /// Registers an exception handler for `[start, end)`.
    pub(super) fn add_handler(
        &mut self,
        start: u32,
        end: u32,
        handler: u32,
        env: u32,
    ) -> CResult<()> {
        if start == end {
            return Ok(());
        }
        self.handlers.try_reserve(4).map_err(oom)?;
        self.handlers.extend_from_slice(&[start, end, handler, env]);
        Ok(())
    }
}

/// `IteratorStep iter, <exit>`; returns the exit's patch site.
fn encode_step(f: &mut Fc, iter: u32) -> CResult<u32> {
    let e =
        conch_bytecode::encode(&mut f.code, Op::IteratorStep, &[iter as i64, 0]).map_err(oom)?;
    Ok(e.jump_at.expect("jump") as u32)
}

/// Whether `e` always evaluates to a primitive (its ToPropertyKey can run no user code).
fn yields_primitive(e: &Expr<'_>) -> bool {
    use conch_parser::ast::BinaryOp;
    match e.kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::BigInt(_)
        | ExprKind::String(_)
        | ExprKind::Template(_)
        | ExprKind::Unary(..)
        | ExprKind::Update(..)
        | ExprKind::PrivateIn(..) => true,
        ExprKind::Binary(op, ..) => !matches!(op, BinaryOp::And | BinaryOp::Or | BinaryOp::Nullish),
        ExprKind::Paren(inner) => yields_primitive(inner),
        _ => false,
    }
}
