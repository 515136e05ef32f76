//! Expressions: each leaves its value in the accumulator.

use super::effects::After;
use super::{oom, CResult, Fc, Loc};
use conch_bytecode::Op;
use conch_gc::Value;
use conch_parser::ast::{
    Arg, ArrayElem, AssignOp, BinaryOp, Expr, ExprKind, MemberProp, MethodKind, Pattern,
    PatternKind, PropKey, PropertyKind, Template, UnaryOp, UpdateOp,
};

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    /// The constant-pool index of a BigInt literal's value (from its decimal digits).
    fn bigint_const(&mut self, digits: &str) -> CResult<i64> {
        let b = crate::bigint::convert::from_decimal(self.cx, digits)?;
        self.constant(b.to_value())
    }

    /// acc = the value of `e`.
    pub(super) fn expr(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        self.cx.check()?;
        let at = e.span.start;
        match e.kind {
            ExprKind::Ident(name) => self.load_var(self.scope, name, false, at),
            ExprKind::This => self.load_this(at),
            ExprKind::Null => self.emit0(Op::LdaNull),
            ExprKind::Bool(true) => self.emit0(Op::LdaTrue),
            ExprKind::Bool(false) => self.emit0(Op::LdaFalse),
            ExprKind::Number(n) => self.number(n),
            ExprKind::BigInt(digits) => {
                let k = self.bigint_const(digits)?;
                self.emit(Op::LdaConst, &[k])
            }
            ExprKind::String(s) => {
                let st = self.js_string(s)?;
                let k = self.constant(st.to_value())?;
                self.emit(Op::LdaConst, &[k])
            }
            ExprKind::RegExp(re) => {
                let p = self.string_const(re.pattern)?;
                let f = self.string_const(re.flags)?;
                self.pos(at)?;
                self.emit(Op::CreateRegExp, &[p, f])
            }
            ExprKind::Template(t) => self.template(t),
            ExprKind::TaggedTemplate(tag, t) => self.tagged_template(tag, t, at),
            ExprKind::Array(elems, _) => self.array_literal(elems),
            ExprKind::Object(props, _) => self.object_literal(props),
            ExprKind::Function(f) => self.closure(f, None),
            ExprKind::Arrow(f) => self.closure(f, None),
            ExprKind::Class(c) => self.class(c, None),
            ExprKind::Unary(op, arg) => self.unary(op, arg, at),
            ExprKind::Update(op, prefix, target) => self.update(op, prefix, target, at),
            ExprKind::Binary(op, l, r) => self.binary(op, l, r, at),
            ExprKind::PrivateIn(id, obj) => {
                let m = self.mark();
                let t = self.temp();
                self.expr(obj)?;
                self.emit_r(Op::Star, t)?;
                self.load_private(id.name, at)?;
                self.pos(at)?;
                self.emit_r(Op::HasPrivate, t)?;
                self.release(m);
                Ok(())
            }
            ExprKind::Assign(op, target, value) => self.assign(op, target, value, at),
            ExprKind::Conditional(t, c, a) => {
                self.expr(t)?;
                let j = self.jump(Op::JumpIfFalse)?;
                self.expr(c)?;
                let end = self.jump(Op::Jump)?;
                self.here(j);
                self.expr(a)?;
                self.here(end);
                Ok(())
            }
            ExprKind::Sequence(list) => {
                for x in list {
                    self.expr(x)?;
                }
                Ok(())
            }
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Member(obj, MemberProp::Name(id), false)
                if matches!(obj.kind, ExprKind::This) && self.plain_this() =>
            {
                let k = self.name(id.name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetNamedThis, &[k, s])
            }
            ExprKind::Member(obj, prop, false)
                if self
                    .stable_reg(
                        obj,
                        match prop {
                            MemberProp::Computed(k) => After::Expr(k),
                            _ => After::Nothing,
                        },
                    )
                    .is_some() =>
            {
                let m = self.mark();
                let o = self.local_reg(obj, false).expect("checked");
                self.get_member(o, prop, at)?;
                self.release(m);
                Ok(())
            }
            ExprKind::Member(obj, MemberProp::Name(id), optional) => {
                self.expr(obj)?;
                if optional {
                    self.chain_check()?;
                }
                let k = self.name(id.name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetNamedAcc, &[k, s])
            }
            ExprKind::Member(obj, prop, optional) => {
                let m = self.mark();
                let o = self.temp();
                self.expr(obj)?;
                if optional {
                    self.chain_check()?;
                }
                self.emit_r(Op::Star, o)?;
                self.get_member(o, prop, at)?;
                self.release(m);
                Ok(())
            }
            ExprKind::SuperMember(prop) => {
                let m = self.mark();
                let (h, rcv) = (self.temp(), self.temp());
                self.super_get(prop, h, rcv, at)?;
                self.release(m);
                Ok(())
            }
            ExprKind::Call(callee, args, optional) => self.call(callee, args, optional, at),
            ExprKind::SuperCall(args) => self.super_call(args, at),
            ExprKind::New(callee, args) => self.new_expr(callee, args, at),
            ExprKind::OptionalChain(inner) => {
                let j = self.new_jumps();
                self.chains.try_reserve(1).map_err(oom)?;
                self.chains.push(j);
                self.expr(inner)?;
                let j = self.chains.pop().expect("chain");
                if j.sites.is_empty() {
                    return Ok(());
                }
                let end = self.jump(Op::Jump)?;
                let pc = self.pc();
                self.bind_jumps(&j, pc);
                self.emit0(Op::LdaUndefined)?;
                self.here(end);
                Ok(())
            }
            ExprKind::Yield(arg, delegate) => self.yield_expr(arg, delegate, at),
            ExprKind::Await(arg) => self.await_expr(arg, at),
            ExprKind::NewTarget => self.load_new_target(),
            ExprKind::ImportMeta => self.emit0(Op::ImportMeta),
            ExprKind::ImportCall(spec, options, phase) => {
                self.import_call(spec, options, phase, at)
            }
        }
    }

    /// `yield v` / `yield* v`: suspends; on resume, a throw is thrown here and a return
    /// returns (through `finally` blocks).
    fn yield_expr(&mut self, arg: Option<&'a Expr<'a>>, delegate: bool, at: u32) -> CResult<()> {
        let Some((g, mode)) = self.generator else {
            return self.unsupported("yield outside a generator", at);
        };
        let m = self.mark();
        match arg {
            Some(e) => self.expr(e)?,
            None => self.emit0(Op::LdaUndefined)?,
        }
        let v = self.temp();
        if self.async_gen {
            if delegate {
                self.async_yield_star(g, mode, v, at)?;
                self.release(m);
                return Ok(());
            }
            // The operand is awaited, then yielded; a return request awaits its value and
            // returns.
            self.await_acc(at)?;
            self.pos(at)?;
            self.emit(Op::AsyncGenYield, &[g as i64, mode as i64])?;
            self.emit_r(Op::Star, v)?;
            self.emit_r(Op::Ldar, mode)?;
            let next = self.jump(Op::JumpIfFalse)?;
            self.emit(Op::LdaInt, &[1])?;
            self.emit_r(Op::StrictEq, mode)?;
            let ret = self.jump(Op::JumpIfFalse)?;
            self.emit_r(Op::Ldar, v)?;
            self.emit0(Op::Throw)?;
            self.here(ret);
            self.emit_r(Op::Ldar, v)?;
            self.await_acc(at)?;
            self.emit_return(self.control.len())?;
            self.here(next);
            self.emit_r(Op::Ldar, v)?;
            self.release(m);
            return Ok(());
        }
        if delegate {
            let it = self.temps(2);
            self.pos(at)?;
            self.emit_r(Op::GetIterator, it)?;
            self.emit(Op::LdaInt, &[0])?;
            self.emit_r(Op::Star, mode)?;
            self.emit0(Op::LdaUndefined)?;
            let head = self.pc();
            self.pos(at)?;
            let e = conch_bytecode::encode(
                &mut self.code,
                Op::DelegateStep,
                &[it as i64, mode as i64, 0],
            )
            .map_err(oom)?;
            let done = e.jump_at.expect("jump") as u32;
            self.emit(Op::Yield, &[g as i64, mode as i64, 1])?;
            self.jump_to(Op::JumpLoop, head)?;
            self.here(done);
            // acc = the delegate's final value; a return completion returns it.
            self.emit_r(Op::Star, v)?;
            self.emit(Op::LdaInt, &[2])?;
            self.emit_r(Op::StrictEq, mode)?;
            let normal = self.jump(Op::JumpIfFalse)?;
            self.emit_r(Op::Ldar, v)?;
            self.emit_return(self.control.len())?;
            self.here(normal);
            self.emit_r(Op::Ldar, v)?;
            self.release(m);
            return Ok(());
        }
        self.pos(at)?;
        self.emit(Op::Yield, &[g as i64, mode as i64, 0])?;
        self.emit_r(Op::Star, v)?;
        self.emit_r(Op::Ldar, mode)?;
        let next = self.jump(Op::JumpIfFalse)?;
        self.emit(Op::LdaInt, &[1])?;
        self.emit_r(Op::StrictEq, mode)?;
        let ret = self.jump(Op::JumpIfFalse)?;
        self.emit_r(Op::Ldar, v)?;
        self.emit0(Op::Throw)?;
        self.here(ret);
        self.emit_r(Op::Ldar, v)?;
        self.emit_return(self.control.len())?;
        self.here(next);
        self.emit_r(Op::Ldar, v)?;
        self.release(m);
        Ok(())
    }

    /// The caller's view for a direct eval here: `[flags, env depth, this pos, this slot,
    /// new.target pos, slot, arguments pos, slot, then (name, pos, slot, kind) per visible
    /// binding, innermost last]` (positions -1 when not in an environment; kind 0 mutable, 1
    /// let, 2 const, 3 silently immutable).
    pub(super) fn eval_descriptor(&mut self) -> CResult<Value> {
        use conch_parser::scope::BindingKind as K;
        let a = crate::interp::ops::new_array(self.cx)?;
        let push = |fc: &mut Self, v: Value| crate::interp::ops::array_push(fc.cx, a.to_value(), v);
        let in_function = !self.is_script || self.fn_context;
        let super_call = self.class_env.is_some() && self.derived;
        let flags = (self.strict as i32)
            | ((in_function as i32) << 1)
            | ((self.home_loc().is_some() as i32) << 2)
            | ((super_call as i32) << 3)
            | ((self.in_field_initializer() as i32) << 4)
            | ((self.home_static as i32) << 5)
            | ((self.in_params as i32) << 6)
            | (((in_function && !self.is_arrow) as i32) << 7);
        push(self, Value::int(flags))?;
        push(self, Value::int(self.env_depth as i32))?;
        for l in [self.this_loc, self.new_target_loc, self.arguments_loc] {
            match l {
                Loc::Env(p, s) => {
                    push(self, Value::int(p as i32))?;
                    push(self, Value::int(s as i32))?;
                }
                _ => {
                    push(self, Value::int(-1))?;
                    push(self, Value::int(-1))?;
                }
            }
        }
        push(self, Value::int(self.class_env.map_or(-1, |p| p as i32)))?;
        // Outermost first, so that the innermost binding of a name comes last.
        let mut entries: allocator_api2::vec::Vec<(&'a str, u32, u32, i32), &'a conch_mm::Arena> =
            allocator_api2::vec::Vec::new_in(self.arena());
        let mut sc = Some(self.scope);
        while let Some(id) = sc {
            let (x, y) = self.unit.tree.scope(id).bindings;
            for i in (x as usize..y as usize).rev() {
                let bd = self.unit.tree.bindings[i];
                if let Loc::Env(p, s) = self.unit.locs[i] {
                    let kind = match bd.kind {
                        K::Let | K::Class | K::Using => 1,
                        K::Const => 2,
                        K::SelfName | K::Import => 3,
                        K::Param => 6,
                        _ => 0,
                    };
                    entries.try_reserve(1).map_err(oom)?;
                    entries.push((bd.name, p, s, kind));
                }
            }
            // A var object (kind 5, no name) sits outside its function's bindings.
            for &(fs, loc) in self.unit.eval_vars.iter() {
                if let (true, Loc::Env(p, s)) = (fs == id, loc) {
                    entries.try_reserve(1).map_err(oom)?;
                    entries.push(("", p, s, 5));
                }
            }
            sc = self.unit.tree.scope(id).parent;
        }
        for &(name, loc, kind) in self.unit.outer.iter().rev() {
            if let Loc::Env(p, s) = loc {
                let kind = match kind {
                    _ if name.is_empty() => 5,
                    K::Let | K::Class | K::Using => 1,
                    K::Const => 2,
                    K::SelfName | K::Import => 3,
                    K::Param => 6,
                    _ => 0,
                };
                entries.try_reserve(1).map_err(oom)?;
                entries.push((name, p, s, kind));
            }
        }
        // Private names in scope (kind 4), outermost first.
        let privates = self.unit.privates.len();
        for i in 0..privates {
            if let (n, Loc::Env(p, s)) = self.unit.privates[i] {
                entries.try_reserve(1).map_err(oom)?;
                entries.insert(0, (n, p, s, 4));
            }
        }
        for &(name, p, s, kind) in entries.iter().rev() {
            let nk = self.string_const(name)?;
            let nv = self.consts.get(nk as usize).unwrap_or(Value::UNDEFINED);
            push(self, nv)?;
            push(self, Value::int(p as i32))?;
            push(self, Value::int(s as i32))?;
            push(self, Value::int(kind))?;
        }
        Ok(a.to_value())
    }

    /// `yield* acc` in an async generator (§15.5.5 with generatorKind async).
    fn async_yield_star(&mut self, g: u32, mode: u32, v: u32, at: u32) -> CResult<()> {
        let it = self.temps(2);
        // The delegation's completion kind (the resume mode register is reused by awaits).
        let dmode = self.temp();
        self.pos(at)?;
        self.emit_r(Op::GetAsyncIterator, it)?;
        self.emit(Op::LdaInt, &[0])?;
        self.emit_r(Op::Star, dmode)?;
        self.emit0(Op::LdaUndefined)?;
        let head = self.pc();
        self.pos(at)?;
        let e = conch_bytecode::encode(
            &mut self.code,
            Op::DelegateCall,
            &[it as i64, dmode as i64, 0],
        )
        .map_err(oom)?;
        let missing = e.jump_at.expect("jump") as u32;
        // Await the inner result (a rejection becomes a throw here).
        self.await_acc(at)?;
        let e = conch_bytecode::encode(&mut self.code, Op::IterResultDone, &[0]).map_err(oom)?;
        let done = e.jump_at.expect("jump") as u32;
        self.emit(Op::AsyncGenYield, &[g as i64, mode as i64])?;
        // A return request's value is awaited first; a rejection turns it into a throw.
        self.emit_r(Op::Star, v)?;
        self.emit_r(Op::Ldar, mode)?;
        self.emit_r(Op::Star, dmode)?;
        self.emit(Op::LdaInt, &[2])?;
        self.emit_r(Op::StrictEq, dmode)?;
        let not_return = self.jump(Op::JumpIfFalse)?;
        self.emit_r(Op::Ldar, v)?;
        self.emit(Op::Await, &[g as i64, mode as i64])?;
        self.emit_r(Op::Star, v)?;
        self.emit_r(Op::Ldar, mode)?;
        self.emit_r(Op::Star, dmode)?;
        let rejected = self.jump(Op::JumpIfTrue)?;
        self.emit(Op::LdaInt, &[2])?;
        self.emit_r(Op::Star, dmode)?;
        self.here(rejected);
        self.here(not_return);
        self.emit_r(Op::Ldar, v)?;
        self.jump_to(Op::JumpLoop, head)?;
        // Done: the value is the expression's, or — after a return — returned (awaited).
        self.here(done);
        self.emit_r(Op::Star, v)?;
        self.emit(Op::LdaInt, &[2])?;
        self.emit_r(Op::StrictEq, dmode)?;
        let normal = self.jump(Op::JumpIfFalse)?;
        self.emit_r(Op::Ldar, v)?;
        self.await_acc(at)?;
        self.emit_return(self.control.len())?;
        // A missing throw/return method.
        self.here(missing);
        self.emit_r(Op::Star, v)?;
        self.emit(Op::LdaInt, &[2])?;
        self.emit_r(Op::StrictEq, dmode)?;
        let is_throw = self.jump(Op::JumpIfFalse)?;
        self.emit_r(Op::Ldar, v)?;
        self.await_acc(at)?;
        self.emit_return(self.control.len())?;
        self.here(is_throw);
        let e = conch_bytecode::encode(&mut self.code, Op::IteratorReturn, &[it as i64, 0])
            .map_err(oom)?;
        let skip = e.jump_at.expect("jump") as u32;
        self.await_acc(at)?;
        self.emit0(Op::ThrowIfNotObject)?;
        self.here(skip);
        let k = self.string_const("The iterator does not provide a 'throw' method")?;
        self.pos(at)?;
        self.emit(Op::ThrowTypeError, &[k])?;
        self.here(normal);
        self.emit_r(Op::Ldar, v)?;
        Ok(())
    }

    /// `await v`: suspends until the promise settles; a rejection is thrown here.
    fn await_expr(&mut self, arg: &'a Expr<'a>, at: u32) -> CResult<()> {
        if self.async_fn.is_none() {
            self.note_top_level_await();
            return self.unsupported("await outside an async function", at);
        }
        self.expr(arg)?;
        self.await_acc(at)
    }

    /// acc = await acc.
    pub(super) fn await_acc(&mut self, at: u32) -> CResult<()> {
        let Some((g, mode)) = self.async_fn else {
            self.note_top_level_await();
            return self.unsupported("await outside an async function", at);
        };
        self.pos(at)?;
        self.emit(Op::Await, &[g as i64, mode as i64])?;
        let m = self.mark();
        let v = self.temp();
        self.emit_r(Op::Star, v)?;
        self.emit_r(Op::Ldar, mode)?;
        let ok = self.jump(Op::JumpIfFalse)?;
        self.emit_r(Op::Ldar, v)?;
        self.emit0(Op::Throw)?;
        self.here(ok);
        self.emit_r(Op::Ldar, v)?;
        self.release(m);
        Ok(())
    }

    /// In an optional chain: jumps to the chain's end (result undefined) if acc is nullish.
    pub(super) fn chain_check(&mut self) -> CResult<()> {
        let site = self.jump(Op::JumpIfNullish)?;
        let j = self.chains.last_mut().expect("optional chain");
        Self::add_site(j, site)
    }

    fn number(&mut self, n: f64) -> CResult<()> {
        if n.fract() == 0.0 && n.abs() <= i32::MAX as f64 && !(n == 0.0 && n.is_sign_negative()) {
            return self.emit(Op::LdaInt, &[n as i64]);
        }
        let k = self.constant(Value::number(n))?;
        self.emit(Op::LdaConst, &[k])
    }

    /// Whether `this` is the frame's receiver as it is (no TDZ, not in an environment), so
    /// `this.name` can use `GetNamedThis`/`SetNamedThis`.
    pub(super) fn plain_this(&self) -> bool {
        (self.this_in_frame || !matches!(self.this_loc, Loc::Env(..) | Loc::Reg(_)))
            && !self.derived
    }

    pub(super) fn load_this(&mut self, at: u32) -> CResult<()> {
        if self.this_in_frame && !self.derived {
            return self.emit0(Op::LdaThis);
        }
        match self.this_loc {
            Loc::Env(..) | Loc::Reg(_) => {
                self.load_loc(self.this_loc)?;
                // Derived constructors (and arrows and eval code in them): `this` before
                // `super()` is the hole. Anywhere else it is always bound.
                if !self.derived {
                    return Ok(());
                }
                let k = self.string_const("this")?;
                self.pos(at)?;
                self.emit(Op::ThrowIfHole, &[k])
            }
            _ if self.derived => {
                self.emit0(Op::LdaThis)?;
                let k = self.string_const("this")?;
                self.pos(at)?;
                self.emit(Op::ThrowIfHole, &[k])
            }
            _ => self.emit0(Op::LdaThis),
        }
    }

    /// Whether the code being compiled is (in an arrow function within) a class field
    /// initializer, where a direct eval may not use `arguments`.
    fn in_field_initializer(&self) -> bool {
        use conch_parser::scope::ScopeKind;
        let mut s = Some(self.scope);
        while let Some(id) = s {
            let d = self.unit.tree.scope(id);
            match d.kind {
                ScopeKind::ClassInit => return true,
                ScopeKind::Function | ScopeKind::Module => return false,
                ScopeKind::Script => return self.eval_field_init,
                _ => s = d.parent,
            }
        }
        false
    }

    /// The location of the home object of the method being compiled (`super`).
    pub(super) fn home_loc(&self) -> Option<Loc> {
        self.class_env
            .map(|pos| Loc::Env(pos, if self.home_static { 1 } else { 0 }))
    }

    /// Registers `h` = home object, `rcv` = this, for a `super` property reference; `None`
    /// (after emitting a TypeError) outside class methods.
    pub(super) fn super_base(&mut self, h: u32, rcv: u32, at: u32) -> CResult<bool> {
        let Some(home) = self.home_loc() else {
            self.unsupported("super outside class methods", at)?;
            return Ok(false);
        };
        self.load_loc(home)?;
        self.emit_r(Op::Star, h)?;
        self.load_this(at)?;
        self.emit_r(Op::Star, rcv)?;
        Ok(true)
    }

    /// acc = the property key of a member access (for `super[...]`/`super.x`).
    pub(super) fn member_key(&mut self, prop: MemberProp<'a>) -> CResult<()> {
        match prop {
            MemberProp::Name(id) => {
                let k = self.string_const(id.name)?;
                self.emit(Op::LdaConst, &[k])
            }
            MemberProp::Computed(key) => {
                self.expr(key)?;
                self.pos(key.span.start)?;
                self.emit0(Op::ToPropertyKey)
            }
            MemberProp::Private(id) => self.unsupported("Private names", id.span.start),
        }
    }

    pub(super) fn super_get(
        &mut self,
        prop: MemberProp<'a>,
        h: u32,
        rcv: u32,
        at: u32,
    ) -> CResult<()> {
        if !self.super_base(h, rcv, at)? {
            return Ok(());
        }
        self.member_key(prop)?;
        self.pos(at)?;
        self.emit(Op::GetSuper, &[h as i64, rcv as i64])
    }

    /// `super(args)` in a derived constructor.
    fn super_call(&mut self, args: &'a [Arg<'a>], at: u32) -> CResult<()> {
        let Some(pos) = self.class_env.filter(|_| self.derived && !self.is_arrow) else {
            return self.unsupported("super() here", at);
        };
        let m = self.mark();
        let (f, nt) = (self.temp(), self.temp());
        self.load_loc(Loc::Env(pos, 1))?;
        self.emit_r(Op::Star, f)?;
        self.load_new_target()?;
        self.emit_r(Op::Star, nt)?;
        let (first, n) = self.args(args)?;
        self.pos(at)?;
        if n == u32::MAX {
            self.emit(Op::SuperCallSpread, &[f as i64, nt as i64, first as i64])?;
        } else {
            self.emit(
                Op::SuperCall,
                &[f as i64, nt as i64, first as i64, n as i64],
            )?;
        }
        self.bind_this_and_fields(pos, at)?;
        self.release(m);
        Ok(())
    }

    /// After `super()`: binds acc as `this` and defines the instance fields on it.
    pub(super) fn bind_this_and_fields(&mut self, pos: u32, at: u32) -> CResult<()> {
        self.pos(at)?;
        self.emit0(Op::BindThis)?;
        if let l @ Loc::Env(..) = self.this_loc {
            self.store_loc(l)?;
        }
        let t = self.temp();
        self.emit_r(Op::Star, t)?;
        self.load_loc(Loc::Env(pos, 2))?;
        self.emit_r(Op::InitFields, t)?;
        self.emit_r(Op::Ldar, t)
    }

    fn load_new_target(&mut self) -> CResult<()> {
        match self.new_target_loc {
            Loc::Env(..) | Loc::Reg(_) => self.load_loc(self.new_target_loc),
            _ if self.is_script => self.emit0(Op::LdaUndefined),
            _ => self.emit0(Op::LdaNewTarget),
        }
    }

    /// acc = `o.prop` / `o[prop]` for the object in register `o`.
    pub(super) fn get_member(&mut self, o: u32, prop: MemberProp<'a>, at: u32) -> CResult<()> {
        match prop {
            MemberProp::Name(id) => {
                let k = self.name(id.name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetNamed, &[o as i64, k, s])
            }
            MemberProp::Computed(key) => {
                self.expr(key)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::GetKeyed, &[o as i64, s])
            }
            MemberProp::Private(id) => {
                self.load_private(id.name, at)?;
                self.pos(at)?;
                self.emit_r(Op::GetPrivate, o)
            }
        }
    }

    fn template(&mut self, t: &'a Template<'a>) -> CResult<()> {
        let m = self.mark();
        let acc = self.temp();
        let first = t.quasis[0].cooked.unwrap_or(conch_parser::JsStr(b""));
        let s = self.js_string(first)?;
        let k = self.constant(s.to_value())?;
        self.emit(Op::LdaConst, &[k])?;
        for (i, x) in t.exprs.iter().enumerate() {
            self.emit_r(Op::Star, acc)?;
            self.expr(x)?;
            self.pos(x.span.start)?;
            self.emit0(Op::ToString)?;
            self.emit_r(Op::Add, acc)?;
            let q = t.quasis[i + 1].cooked.unwrap_or(conch_parser::JsStr(b""));
            if !q.0.is_empty() {
                self.emit_r(Op::Star, acc)?;
                let s = self.js_string(q)?;
                let k = self.constant(s.to_value())?;
                self.emit(Op::LdaConst, &[k])?;
                self.emit_r(Op::Add, acc)?;
            }
        }
        self.release(m);
        Ok(())
    }

    fn tagged_template(&mut self, tag: &'a Expr<'a>, t: &'a Template<'a>, at: u32) -> CResult<()> {
        let m = self.mark();
        let (f, this) = (self.temp(), self.temp());
        let (_, f, this) = self.callee(tag, f, this, After::Unknown, false)?;
        let n = t.exprs.len() as u32 + 1;
        let args = self.temps(n);
        let obj = self.template_object(t)?;
        let k = self.constant(obj)?;
        self.emit(Op::GetTemplateObject, &[k])?;
        self.emit_r(Op::Star, args)?;
        for (i, x) in t.exprs.iter().enumerate() {
            self.expr(x)?;
            self.emit_r(Op::Star, args + 1 + i as u32)?;
        }
        let s = self.slot();
        self.pos(at)?;
        self.emit(Op::Call, &[f as i64, this as i64, args as i64, n as i64, s])?;
        self.release(m);
        Ok(())
    }

    /// The template object of a tagged template site: frozen arrays of the cooked strings
    /// (undefined for invalid escapes) and, as `raw`, of the raw strings.
    fn template_object(&mut self, t: &'a Template<'a>) -> CResult<Value> {
        let cooked = crate::interp::ops::new_array(self.cx)?;
        let raw = crate::interp::ops::new_array(self.cx)?;
        for q in t.quasis {
            let c = match q.cooked {
                Some(c) => self.js_string(c)?.to_value(),
                None => Value::UNDEFINED,
            };
            crate::interp::ops::array_push(self.cx, cooked.to_value(), c)?;
            let r = self.js_string(q.raw)?.to_value();
            crate::interp::ops::array_push(self.cx, raw.to_value(), r)?;
        }
        crate::ops::set_integrity_level(self.cx, raw, true)?;
        let rk = self.cx.rt.key("raw")?;
        let d = crate::ops::PropertyDescriptor::data(raw.to_value(), 0);
        crate::ops::define_property_or_throw(self.cx, cooked, rk, &d)?;
        crate::ops::set_integrity_level(self.cx, cooked, true)?;
        Ok(cooked.to_value())
    }

    fn array_literal(&mut self, elems: &'a [ArrayElem<'a>]) -> CResult<()> {
        let m = self.mark();
        let a = self.temp();
        self.emit(Op::CreateArray, &[elems.len() as i64])?;
        self.emit_r(Op::Star, a)?;
        for el in elems {
            match el {
                ArrayElem::Expr(x) => {
                    self.expr(x)?;
                    self.emit_r(Op::ArrayPush, a)?;
                }
                ArrayElem::Spread(x) => {
                    self.expr(x)?;
                    self.pos(x.span.start)?;
                    self.emit_r(Op::ArraySpread, a)?;
                }
                ArrayElem::Hole => self.emit_r(Op::ArrayPushHole, a)?,
            }
        }
        self.emit_r(Op::Ldar, a)?;
        self.release(m);
        Ok(())
    }

    /// Register `r` = the property key of `key` (computed keys evaluated, ToPropertyKey).
    pub(super) fn prop_key(&mut self, key: &PropKey<'a>, r: u32) -> CResult<()> {
        match key {
            PropKey::Ident(id) => {
                let k = self.string_const(id.name)?;
                self.emit(Op::LdaConst, &[k])?;
            }
            PropKey::String(_, s) => {
                let st = self.js_string(*s)?;
                let k = self.constant(st.to_value())?;
                self.emit(Op::LdaConst, &[k])?;
            }
            PropKey::Number(_, n) => {
                self.number(*n)?;
                self.emit0(Op::ToPropertyKey)?;
            }
            PropKey::BigInt(_, digits) => {
                // A BigInt key is its decimal string (ToPropertyKey).
                let k = self.bigint_const(digits)?;
                self.emit(Op::LdaConst, &[k])?;
                self.emit0(Op::ToPropertyKey)?;
            }
            PropKey::Computed(x) => {
                self.expr(x)?;
                self.pos(x.span.start)?;
                self.emit0(Op::ToPropertyKey)?;
            }
            PropKey::Private(id) => self.unsupported("Private names", id.span.start)?,
        }
        self.emit_r(Op::Star, r)
    }

    /// The static name of a key, when it has one that is a plain identifier-like string.
    pub(super) fn static_key(key: &PropKey<'a>) -> Option<&'a str> {
        match key {
            PropKey::Ident(id) => Some(id.name),
            PropKey::String(_, s) => s.as_str(),
            _ => None,
        }
    }

    fn object_literal(&mut self, props: &'a [conch_parser::ast::Property<'a>]) -> CResult<()> {
        let m = self.mark();
        let o = self.temp();
        let kr = self.temp();
        self.emit0(Op::CreateObject)?;
        self.emit_r(Op::Star, o)?;
        // Methods that may use `super` find their home object (this literal) in an
        // environment slot, as class methods do (slot 0 of a class-like environment).
        let needs_home = props.iter().any(|p| {
            matches!(p.kind, PropertyKind::Method(_, _, f) if self.unit.tree.scope(f.scope).uses_this)
        });
        let home_env = if needs_home {
            self.enter_env(3)?;
            let pos = self.env_depth - 1;
            self.emit_r(Op::Ldar, o)?;
            self.store_loc(Loc::Env(pos, 0))?;
            Some(pos)
        } else {
            None
        };
        for p in props {
            match p.kind {
                PropertyKind::Init(key, value) => {
                    if let (PropKey::Ident(_) | PropKey::String(..), Some("__proto__")) =
                        (&key, Self::static_key(&key))
                    {
                        // `__proto__: v` sets the prototype (when v is an object or null).
                        self.expr(value)?;
                        self.emit_r(Op::SetProtoLiteral, o)?;
                        continue;
                    }
                    if let Some(name) = Self::static_key(&key) {
                        self.named_value(value, Some(name))?;
                        let k = self.name(name)?;
                        self.emit(Op::DefineNamed, &[o as i64, k])?;
                    } else {
                        self.prop_key(&key, kr)?;
                        self.expr(value)?;
                        if is_anonymous_fn(value) {
                            self.emit(Op::SetFunctionName, &[kr as i64, 0])?;
                        }
                        self.emit(Op::DefineKeyed, &[o as i64, kr as i64])?;
                    }
                }
                PropertyKind::Shorthand(id) => {
                    self.load_var(self.scope, id.name, false, id.span.start)?;
                    let k = self.name(id.name)?;
                    self.emit(Op::DefineNamed, &[o as i64, k])?;
                }
                PropertyKind::Method(key, kind, f) => {
                    self.prop_key(&key, kr)?;
                    match home_env {
                        Some(pos) => self.closure_with(f, None, (Some(pos), false, false))?,
                        None => self.closure(f, Some(o))?,
                    }
                    let (op, prefix) = match kind {
                        MethodKind::Get => (Op::DefineGetter, 1),
                        MethodKind::Set => (Op::DefineSetter, 2),
                        _ => (Op::DefineKeyed, 0),
                    };
                    self.emit(Op::SetFunctionName, &[kr as i64, prefix])?;
                    self.emit(op, &[o as i64, kr as i64])?;
                }
                PropertyKind::Spread(x) => {
                    self.expr(x)?;
                    self.pos(x.span.start)?;
                    self.emit_r(Op::CopyDataProperties, o)?;
                }
            }
        }
        if home_env.is_some() {
            self.leave_env(true)?;
        }
        self.emit_r(Op::Ldar, o)?;
        self.release(m);
        Ok(())
    }

    /// Evaluates `value`; an anonymous function or class gets `name`.
    pub(super) fn named_value(
        &mut self,
        value: &'a Expr<'a>,
        name: Option<&'a str>,
    ) -> CResult<()> {
        // IsAnonymousFunctionDefinition looks through parentheses.
        let value = strip_parens(value);
        match (value.kind, name) {
            (ExprKind::Function(f) | ExprKind::Arrow(f), Some(n)) if f.id.is_none() => {
                self.closure_named(f, None, Some(n))
            }
            (ExprKind::Class(c), Some(n)) if c.id.is_none() => self.class(c, Some(n)),
            _ => self.expr(value),
        }
    }

    fn unary(&mut self, op: UnaryOp, arg: &'a Expr<'a>, at: u32) -> CResult<()> {
        match op {
            UnaryOp::Typeof => {
                if let ExprKind::Ident(name) = strip_parens(arg).kind {
                    self.load_var(self.scope, name, true, at)?;
                } else {
                    self.expr(arg)?;
                }
                self.emit0(Op::TypeOf)
            }
            UnaryOp::Delete => self.delete(arg, at),
            UnaryOp::Void => {
                self.expr(arg)?;
                self.emit0(Op::LdaUndefined)
            }
            UnaryOp::Not => {
                self.expr(arg)?;
                self.emit0(Op::Not)
            }
            UnaryOp::Minus => {
                if let ExprKind::Number(n) = arg.kind {
                    return self.number(-n);
                }
                self.expr(arg)?;
                self.pos(at)?;
                self.emit0(Op::Negate)
            }
            UnaryOp::Plus => {
                self.expr(arg)?;
                self.pos(at)?;
                self.emit0(Op::ToNumber)
            }
            UnaryOp::BitNot => {
                self.expr(arg)?;
                self.pos(at)?;
                self.emit0(Op::BitNot)
            }
        }
    }

    fn delete(&mut self, arg: &'a Expr<'a>, at: u32) -> CResult<()> {
        match strip_parens(arg).kind {
            ExprKind::Member(obj, prop, optional) => {
                let m = self.mark();
                let o = self.temp();
                self.expr(obj)?;
                if optional {
                    self.chain_check()?;
                }
                self.emit_r(Op::Star, o)?;
                self.pos(at)?;
                match prop {
                    MemberProp::Name(id) => {
                        let k = self.name(id.name)?;
                        self.emit(Op::DeleteNamed, &[o as i64, k])?;
                    }
                    MemberProp::Computed(key) => {
                        self.expr(key)?;
                        self.pos(at)?;
                        self.emit_r(Op::DeleteKeyed, o)?;
                    }
                    MemberProp::Private(_) => unreachable!("early error"),
                }
                self.release(m);
                Ok(())
            }
            ExprKind::OptionalChain(inner) => {
                // `delete a?.b`: true when the chain short-circuits.
                let j = self.new_jumps();
                self.chains.try_reserve(1).map_err(oom)?;
                self.chains.push(j);
                self.delete(inner, at)?;
                let j = self.chains.pop().expect("chain");
                if j.sites.is_empty() {
                    return Ok(());
                }
                let end = self.jump(Op::Jump)?;
                let pc = self.pc();
                self.bind_jumps(&j, pc);
                self.emit0(Op::LdaTrue)?;
                self.here(end);
                Ok(())
            }
            ExprKind::Ident(name) => {
                // Sloppy only (strict is an early error). A `with` object or eval var object
                // holding the name loses the property; declared bindings are not deletable.
                let m = self.mark();
                let obj = self.temp();
                let ends = self.with_prelude(self.scope, name, obj, |fc, o, _| {
                    let k = fc.name(name)?;
                    fc.pos(at)?;
                    fc.emit(Op::DeleteNamed, &[o as i64, k])
                })?;
                if self.resolve(self.scope, name).is_some() {
                    self.emit0(Op::LdaFalse)?;
                } else {
                    let k = self.name(name)?;
                    self.emit(Op::DeleteGlobal, &[k])?;
                }
                let pc = self.pc();
                self.bind_jumps(&ends, pc);
                self.release(m);
                Ok(())
            }
            ExprKind::SuperMember(_) => self.unsupported("super", at),
            _ => {
                self.expr(arg)?;
                self.emit0(Op::LdaTrue)
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, l: &'a Expr<'a>, r: &'a Expr<'a>, at: u32) -> CResult<()> {
        match op {
            BinaryOp::And | BinaryOp::Or | BinaryOp::Nullish => {
                self.expr(l)?;
                let j = self.jump(match op {
                    BinaryOp::And => Op::JumpIfFalse,
                    BinaryOp::Or => Op::JumpIfTrue,
                    _ => Op::JumpIfNotNullish,
                })?;
                self.expr(r)?;
                self.here(j);
                return Ok(());
            }
            _ => {}
        }
        // `l op k` with an int32 literal `k`: acc = l, then one instruction with `k` in it.
        if let ExprKind::Number(k) = r.kind {
            let int = match op {
                BinaryOp::Add => Some(Op::AddInt),
                BinaryOp::Sub => Some(Op::SubInt),
                BinaryOp::Mul => Some(Op::MulInt),
                BinaryOp::BitOr => Some(Op::BitOrInt),
                BinaryOp::BitXor => Some(Op::BitXorInt),
                BinaryOp::BitAnd => Some(Op::BitAndInt),
                BinaryOp::Shl => Some(Op::ShlInt),
                BinaryOp::Shr => Some(Op::ShrInt),
                BinaryOp::UShr => Some(Op::UShrInt),
                _ => None,
            };
            let k32 = k as i32;
            if let Some(iop) =
                int.filter(|_| k32 as f64 == k && !(k == 0.0 && k.is_sign_negative()))
            {
                self.expr(l)?;
                self.pos(at)?;
                return self.emit(iop, &[k32 as i64]);
            }
        }
        let m = self.mark();
        let t = self.binary_left(l, r)?;
        self.expr(r)?;
        self.pos(at)?;
        let op = match op {
            BinaryOp::Eq => Op::Eq,
            BinaryOp::NotEq => Op::NotEq,
            BinaryOp::StrictEq => Op::StrictEq,
            BinaryOp::StrictNotEq => Op::StrictNotEq,
            BinaryOp::Lt => Op::Lt,
            BinaryOp::LtEq => Op::LtEq,
            BinaryOp::Gt => Op::Gt,
            BinaryOp::GtEq => Op::GtEq,
            BinaryOp::Shl => Op::Shl,
            BinaryOp::Shr => Op::Shr,
            BinaryOp::UShr => Op::UShr,
            BinaryOp::Add => Op::Add,
            BinaryOp::Sub => Op::Sub,
            BinaryOp::Mul => Op::Mul,
            BinaryOp::Div => Op::Div,
            BinaryOp::Mod => Op::Mod,
            BinaryOp::Exp => Op::Exp,
            BinaryOp::BitOr => Op::BitOr,
            BinaryOp::BitXor => Op::BitXor,
            BinaryOp::BitAnd => Op::BitAnd,
            BinaryOp::In => Op::In,
            BinaryOp::Instanceof => Op::Instanceof,
            BinaryOp::And | BinaryOp::Or | BinaryOp::Nullish => unreachable!(),
        };
        self.emit_r(op, t)?;
        self.release(m);
        Ok(())
    }

    /// The register holding a binary operator's left operand `l`, evaluated now, before the
    /// right side `r`: a local register that `r` cannot assign is used in place (no copy),
    /// else a temporary.
    pub(super) fn binary_left(&mut self, l: &'a Expr<'a>, r: &'a Expr<'a>) -> CResult<u32> {
        if let Some(reg) = self.stable_reg(l, After::Expr(r)) {
            return Ok(reg);
        }
        let t = self.temp();
        self.expr(l)?;
        self.emit_r(Op::Star, t)?;
        Ok(t)
    }

    fn arith_op(op: AssignOp) -> Op {
        match op {
            AssignOp::Add => Op::Add,
            AssignOp::Sub => Op::Sub,
            AssignOp::Mul => Op::Mul,
            AssignOp::Div => Op::Div,
            AssignOp::Mod => Op::Mod,
            AssignOp::Exp => Op::Exp,
            AssignOp::Shl => Op::Shl,
            AssignOp::Shr => Op::Shr,
            AssignOp::UShr => Op::UShr,
            AssignOp::BitOr => Op::BitOr,
            AssignOp::BitXor => Op::BitXor,
            AssignOp::BitAnd => Op::BitAnd,
            _ => unreachable!("not arithmetic"),
        }
    }

    fn assign(
        &mut self,
        op: AssignOp,
        target: &'a Pattern<'a>,
        value: &'a Expr<'a>,
        at: u32,
    ) -> CResult<()> {
        if op == AssignOp::Assign {
            return match target.kind {
                PatternKind::Ident(name) => {
                    let m = self.mark();
                    let r = self.var_ref(name)?;
                    self.named_value(value, Some(name))?;
                    self.put_reference(&r, at)?;
                    self.release(m);
                    Ok(())
                }
                PatternKind::Expr(e) => {
                    let m = self.mark();
                    let r = self.reference(e, After::Expr(value), true)?;
                    if matches!(r, super::pattern::Ref::Invalid) {
                        // `f() = v`: the ReferenceError comes before `v` is evaluated.
                        self.release(m);
                        return self.put_reference(&r, at);
                    }
                    self.expr(value)?;
                    self.put_reference(&r, at)?;
                    self.release(m);
                    Ok(())
                }
                _ => {
                    // Destructuring assignment: the value of the expression is the right side.
                    let m = self.mark();
                    let v = self.temp();
                    self.expr(value)?;
                    self.emit_r(Op::Star, v)?;
                    self.destructure(target, v, super::pattern::Bind::Assign)?;
                    self.emit_r(Op::Ldar, v)?;
                    self.release(m);
                    Ok(())
                }
            };
        }
        if let PatternKind::Ident(name) = target.kind {
            // `x op= v` on a local register `v` cannot assign: `acc = x op v; x = acc`.
            if !matches!(op, AssignOp::And | AssignOp::Or | AssignOp::Nullish) {
                let id = Expr {
                    kind: ExprKind::Ident(name),
                    span: target.span,
                };
                if let Some(r) = self.local_reg(&id, true) {
                    if !After::Expr(value).may_write(name) {
                        self.expr(value)?;
                        self.pos(at)?;
                        self.emit_r(Self::arith_op(op), r)?;
                        return self.emit_r(Op::Star, r);
                    }
                }
            }
        }
        let m = self.mark();
        let r = match target.kind {
            PatternKind::Ident(name) => self.var_ref(name)?,
            PatternKind::Expr(e) => self.reference(e, After::Expr(value), false)?,
            _ => unreachable!("early error"),
        };
        self.get_reference(&r, at)?;
        match op {
            AssignOp::And | AssignOp::Or | AssignOp::Nullish => {
                let j = self.jump(match op {
                    AssignOp::And => Op::JumpIfFalse,
                    AssignOp::Or => Op::JumpIfTrue,
                    _ => Op::JumpIfNotNullish,
                })?;
                let name = match target.kind {
                    PatternKind::Ident(n) => Some(n),
                    _ => None,
                };
                self.named_value(value, name)?;
                self.put_reference(&r, at)?;
                self.here(j);
            }
            _ => {
                let t = self.temp();
                self.emit_r(Op::Star, t)?;
                self.expr(value)?;
                self.pos(at)?;
                self.emit_r(Self::arith_op(op), t)?;
                self.put_reference(&r, at)?;
            }
        }
        self.release(m);
        Ok(())
    }

    /// Evaluates `e` for its effects only (expression statements, `for` updates).
    pub(super) fn expr_effect(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        if let ExprKind::Update(op, _, target) = e.kind {
            if let PatternKind::Expr(t) = target.kind {
                if let Some(r) = self.local_reg(t, true) {
                    return self.update_reg(op, r, e.span.start);
                }
            }
            if let PatternKind::Ident(name) = target.kind {
                let id = Expr {
                    kind: ExprKind::Ident(name),
                    span: target.span,
                };
                if let Some(r) = self.local_reg(&id, true) {
                    return self.update_reg(op, r, e.span.start);
                }
            }
        }
        self.expr(e)
    }

    /// `++r` / `--r` on a local register (also `r++` / `r--` whose old value nobody reads).
    fn update_reg(&mut self, op: UpdateOp, r: u32, at: u32) -> CResult<()> {
        self.pos(at)?;
        // `PreInc`/`PreDec` apply ToNumeric themselves.
        self.emit_r(
            if op == UpdateOp::Inc {
                Op::PreInc
            } else {
                Op::PreDec
            },
            r,
        )
    }

    fn update(
        &mut self,
        op: UpdateOp,
        prefix: bool,
        target: &'a Pattern<'a>,
        at: u32,
    ) -> CResult<()> {
        // A local register: `PostInc r` / `PostDec r`, or for a prefix `Ldar; Inc; Star`.
        let id = match target.kind {
            PatternKind::Ident(name) => Some(Expr {
                kind: ExprKind::Ident(name),
                span: target.span,
            }),
            PatternKind::Expr(e) => Some(*e),
            _ => None,
        };
        if let Some(r) = id.and_then(|e| self.local_reg(&e, true)) {
            if prefix {
                return self.update_reg(op, r, at);
            }
            self.pos(at)?;
            let post = if op == UpdateOp::Inc {
                Op::PostInc
            } else {
                Op::PostDec
            };
            return self.emit_r(post, r);
        }
        let m = self.mark();
        let r = match target.kind {
            PatternKind::Ident(name) => self.var_ref(name)?,
            PatternKind::Expr(e) => self.reference(e, After::Nothing, false)?,
            _ => unreachable!("early error"),
        };
        self.get_reference(&r, at)?;
        self.pos(at)?;
        self.emit0(Op::ToNumeric)?;
        let old = self.temp();
        if !prefix {
            self.emit_r(Op::Star, old)?;
        }
        self.emit0(if op == UpdateOp::Inc {
            Op::Inc
        } else {
            Op::Dec
        })?;
        self.put_reference(&r, at)?;
        if !prefix {
            self.emit_r(Op::Ldar, old)?;
        }
        self.release(m);
        Ok(())
    }
}

/// `(((e)))` → `e`.
pub(super) fn strip_parens<'a>(mut e: &'a Expr<'a>) -> &'a Expr<'a> {
    while let ExprKind::Paren(x) = e.kind {
        e = x;
    }
    e
}

/// An anonymous function or class definition (gets its name from the binding or key).
pub(super) fn is_anonymous_fn(e: &Expr) -> bool {
    match e.kind {
        ExprKind::Function(f) | ExprKind::Arrow(f) => f.id.is_none(),
        ExprKind::Class(c) => c.id.is_none(),
        _ => false,
    }
}
