//! Statements and control flow: blocks and declarations, loops, `switch`, labels,
//! `break`/`continue`/`return` through `finally` blocks and open iterators, `try`.

use super::pattern::Bind;
use super::{oom, CResult, Control, Fc, Jumps, Loc, Target};
use conch_bytecode::Op;
use conch_parser::ast::{
    Block, ForHead, ForInOf, ForInit, ForStmt, Stmt, StmtKind, SwitchStmt, TryStmt, VarDecl,
    VarKind,
};
use conch_parser::scope::BindingKind;
use conch_parser::ScopeId;

/// Completion kinds of a `finally` block's entry.
pub(super) const NORMAL: i64 = 0;
pub(super) const THROW: i64 = 1;
pub(super) const RETURN: i64 = 2;

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    pub(super) fn stmts(&mut self, list: &'a [Stmt<'a>]) -> CResult<()> {
        for s in list {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &'a Stmt<'a>) -> CResult<()> {
        self.cx.check()?;
        let at = s.span.start;
        // Completion values (eval, scripts): these statements complete with undefined unless
        // their body produces a value (UpdateEmpty(result, undefined)).
        if let Some(c) = self.completion {
            if matches!(
                s.kind,
                StmtKind::If(..)
                    | StmtKind::For(_)
                    | StmtKind::ForIn(_)
                    | StmtKind::ForOf(_)
                    | StmtKind::While(..)
                    | StmtKind::DoWhile(..)
                    | StmtKind::Switch(_)
                    | StmtKind::Try(_)
                    | StmtKind::With(..)
            ) {
                self.emit0(Op::LdaUndefined)?;
                self.emit_r(Op::Star, c)?;
            }
        }
        match s.kind {
            StmtKind::Expr(e) => {
                if self.completion.is_some() {
                    self.expr(e)?;
                } else {
                    self.expr_effect(e)?;
                }
                if let Some(c) = self.completion {
                    self.emit_r(Op::Star, c)?;
                }
                Ok(())
            }
            StmtKind::Var(d) => self.var_decl(d),
            StmtKind::Function(f) => {
                // Hoisted: created at scope entry. Annex B: a sloppy block function's value is
                // copied to its var binding when the declaration is evaluated.
                if let Some(id) = f.id {
                    if let Some(i) = self.binding_index(self.scope, id.name) {
                        let b = *self.binding(i);
                        if b.kind == BindingKind::BlockFunction && b.annex_b_hoisted {
                            self.load_loc(self.unit.locs[i])?;
                            let vs = self.var_scope_above(self.scope);
                            self.init_var(vs, id.name)?;
                        }
                    }
                }
                Ok(())
            }
            StmtKind::Class(c) => {
                self.class(c, None)?;
                let name = c.id.map(|i| i.name).unwrap_or("default");
                self.init_var(self.scope, name)
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::Empty | StmtKind::Debugger => Ok(()),
            StmtKind::If(test, cons, alt) => {
                let j = self.jump_if_false(test)?;
                self.stmt(cons)?;
                if let Some(alt) = alt {
                    let end = self.jump(Op::Jump)?;
                    self.here(j);
                    self.stmt(alt)?;
                    self.here(end);
                } else {
                    self.here(j);
                }
                Ok(())
            }
            StmtKind::For(f) => self.for_stmt(f, self.no_labels()),
            StmtKind::ForIn(f) => self.for_in_of(f, false, self.no_labels()),
            StmtKind::ForOf(f) => self.for_in_of(f, true, self.no_labels()),
            StmtKind::While(test, body) => self.while_stmt(test, body, self.no_labels()),
            StmtKind::DoWhile(body, test) => self.do_while(body, test, self.no_labels()),
            StmtKind::Return(arg) => {
                match arg {
                    Some(e) => {
                        self.expr(e)?;
                        if self.async_gen {
                            // `return v` in an async generator awaits v.
                            self.await_acc(at)?;
                        }
                    }
                    None => self.emit0(Op::LdaUndefined)?,
                }
                self.emit_return(self.control.len())
            }
            StmtKind::Break(label) => {
                self.emit_jump_out(label.map(|l| l.name), false, self.control.len())
            }
            StmtKind::Continue(label) => {
                self.emit_jump_out(label.map(|l| l.name), true, self.control.len())
            }
            StmtKind::Throw(e) => {
                self.expr(e)?;
                self.pos(at)?;
                self.emit0(Op::Throw)
            }
            StmtKind::Try(t) => self.try_stmt(t),
            StmtKind::Switch(sw) => self.switch(sw, self.no_labels()),
            StmtKind::Labeled(..) => self.labeled(s),
            StmtKind::With(obj, body) => {
                // The object lives in an environment slot: nested functions may consult it.
                self.expr(obj)?;
                self.pos(at)?;
                self.emit0(Op::ToObject)?;
                let m = self.mark();
                let t = self.temp();
                self.emit_r(Op::Star, t)?;
                self.enter_env(1)?;
                let loc = Loc::Env(self.env_depth - 1, 0);
                self.emit_r(Op::Ldar, t)?;
                self.store_loc(loc)?;
                self.unit.withs.try_reserve(1).map_err(oom)?;
                self.unit.withs.push((self.scope, loc));
                let r = self.stmt(body);
                self.unit.withs.pop();
                r?;
                self.leave_env(true)?;
                self.release(m);
                Ok(())
            }
            StmtKind::Import(_) => Ok(()),
            StmtKind::Export(e) => self.export_stmt(e),
        }
    }

    fn no_labels(&self) -> allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena> {
        allocator_api2::vec::Vec::new_in(self.arena())
    }

    /// The nearest var scope enclosing `scope`'s parent (Annex B var bindings).
    pub(super) fn var_scope_above(&self, scope: ScopeId) -> ScopeId {
        let mut s = self.unit.tree.scope(scope).parent.unwrap_or(scope);
        loop {
            let d = self.unit.tree.scope(s);
            if d.kind.is_var_scope() {
                return s;
            }
            match d.parent {
                Some(p) => s = p,
                None => return s,
            }
        }
    }

    fn var_decl(&mut self, d: &'a VarDecl<'a>) -> CResult<()> {
        if matches!(d.kind, VarKind::Using | VarKind::AwaitUsing) {
            return self.using_decl(d);
        }
        for decl in d.decls {
            match decl.init {
                Some(init) => {
                    let name = match decl.target.kind {
                        conch_parser::ast::PatternKind::Ident(n) => Some(n),
                        _ => None,
                    };
                    self.named_value(init, name)?;
                }
                None if d.kind == VarKind::Var => continue,
                None => self.emit0(Op::LdaUndefined)?,
            }
            self.bind_value(&decl.target, Bind::Init)?;
        }
        Ok(())
    }

    /// Enters a lexical scope: locations, environment, TDZ holes, hoisted functions. Returns
    /// (register mark, whether an environment was pushed, the scope being left).
    pub(super) fn enter_scope(
        &mut self,
        scope: ScopeId,
        body: &'a [Stmt<'a>],
    ) -> CResult<(u32, bool, ScopeId)> {
        let m = self.mark();
        let slots = self.assign_scope(scope, 0)?;
        let pushed = self.enter_env(slots)?;
        let outer = self.scope;
        self.scope = scope;
        let start = self.pc();
        let holes_end = self.init_scope_bindings(scope)?;
        if holes_end > start {
            self.unit.hole_blocks.try_reserve(1).map_err(oom)?;
            self.unit.hole_blocks.push((scope, start, holes_end));
        }
        self.hoist_functions(body)?;
        Ok((m, pushed, outer))
    }

    pub(super) fn leave_scope(&mut self, st: (u32, bool, ScopeId)) -> CResult<()> {
        self.drop_dead_holes(self.scope);
        self.leave_env(st.1)?;
        // The scope may be entered again (a for-in/of head's TDZ scope, then each iteration):
        // its registers are released, so its bindings get fresh locations then.
        let (a, b) = self.unit.tree.scope(self.scope).bindings;
        for i in a as usize..b as usize {
            self.unit.locs[i] = super::Loc::None;
        }
        self.scope = st.2;
        self.release(st.0);
        Ok(())
    }

    /// Creates the functions declared directly in `body` and initialises their bindings.
    pub(super) fn hoist_functions(&mut self, body: &'a [Stmt<'a>]) -> CResult<()> {
        for s in body {
            let f = match s.kind {
                StmtKind::Function(f) => f,
                StmtKind::Export(conch_parser::ast::ExportDecl::Decl(st))
                | StmtKind::Export(conch_parser::ast::ExportDecl::DefaultDecl(st)) => {
                    match st.kind {
                        StmtKind::Function(f) => f,
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let Some(id) = f.id else { continue };
            self.closure(f, None)?;
            self.init_var(self.scope, id.name)?;
        }
        Ok(())
    }

    fn block(&mut self, b: &'a Block<'a>) -> CResult<()> {
        let st = self.enter_scope(b.scope, b.body)?;
        self.body_stmts(b.body)?;
        self.leave_scope(st)
    }

    pub(super) fn push_breakable(
        &mut self,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
        target: Target,
        iterator: Option<u32>,
    ) -> CResult<()> {
        let c = Control::Breakable {
            labels,
            target,
            breaks: self.new_jumps(),
            continues: self.new_jumps(),
            env_depth: self.env_depth,
            iterator,
            async_iter: self.next_loop_async,
            done: None,
        };
        self.next_loop_async = false;
        self.control.try_reserve(1).map_err(oom)?;
        self.control.push(c);
        Ok(())
    }

    /// Pops the innermost breakable; binds its breaks to the current pc and its continues to
    /// `cont`.
    pub(super) fn pop_breakable(&mut self, cont: u32) -> CResult<()> {
        let Some(Control::Breakable {
            breaks, continues, ..
        }) = self.control.pop()
        else {
            unreachable!("control stack")
        };
        let pc = self.pc();
        self.bind_jumps(&breaks, pc);
        self.bind_jumps(&continues, cont);
        Ok(())
    }

    /// Continue sites of the innermost breakable (for loops whose continue target comes after
    /// the body).
    fn take_continues(&mut self) -> Jumps<'a> {
        let j = self.new_jumps();
        match self.control.last_mut() {
            Some(Control::Breakable { continues, .. }) => std::mem::replace(continues, j),
            _ => j,
        }
    }

    fn labeled(&mut self, s: &'a Stmt<'a>) -> CResult<()> {
        let mut labels = self.no_labels();
        let mut body = s;
        while let StmtKind::Labeled(l, b) = body.kind {
            labels.try_reserve(1).map_err(oom)?;
            labels.push(l.name);
            body = b;
        }
        match body.kind {
            StmtKind::For(f) => self.for_stmt(f, labels),
            StmtKind::ForIn(f) => self.for_in_of(f, false, labels),
            StmtKind::ForOf(f) => self.for_in_of(f, true, labels),
            StmtKind::While(t, b) => self.while_stmt(t, b, labels),
            StmtKind::DoWhile(b, t) => self.do_while(b, t, labels),
            StmtKind::Switch(sw) => self.switch(sw, labels),
            _ => {
                self.push_breakable(labels, Target::Label, None)?;
                self.stmt(body)?;
                let pc = self.pc();
                self.pop_breakable(pc)
            }
        }
    }

    /// Evaluates the condition `test` and emits a jump taken when it is falsy; returns the
    /// jump's patch site. A comparison jumps on its own result (one fused instruction).
    fn jump_if_false(&mut self, test: &'a conch_parser::ast::Expr<'a>) -> CResult<u32> {
        use conch_parser::ast::{BinaryOp, ExprKind};
        let e = super::expr::strip_parens(test);
        if let ExprKind::Binary(op, l, r) = e.kind {
            let fused = match op {
                BinaryOp::Lt => Some(Op::JumpIfNotLt),
                BinaryOp::LtEq => Some(Op::JumpIfNotLtEq),
                BinaryOp::Gt => Some(Op::JumpIfNotGt),
                BinaryOp::GtEq => Some(Op::JumpIfNotGtEq),
                BinaryOp::Eq => Some(Op::JumpIfNotEq),
                BinaryOp::NotEq => Some(Op::JumpIfNotNotEq),
                BinaryOp::StrictEq => Some(Op::JumpIfNotStrictEq),
                BinaryOp::StrictNotEq => Some(Op::JumpIfNotStrictNotEq),
                _ => None,
            };
            if let Some(fop) = fused {
                let m = self.mark();
                let t = self.binary_left(l, r)?;
                self.expr(r)?;
                self.pos(e.span.start)?;
                let site = self.jump_with_reg(fop, t)?;
                self.release(m);
                return Ok(site);
            }
        }
        self.expr(test)?;
        self.jump(Op::JumpIfFalse)
    }

    fn while_stmt(
        &mut self,
        test: &'a conch_parser::ast::Expr<'a>,
        body: &'a Stmt<'a>,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
    ) -> CResult<()> {
        let head = self.pc();
        let exit = self.jump_if_false(test)?;
        self.push_breakable(labels, Target::Loop, None)?;
        self.stmt(body)?;
        self.jump_to(Op::JumpLoop, head)?;
        self.here(exit);
        self.pop_breakable(head)
    }

    fn do_while(
        &mut self,
        body: &'a Stmt<'a>,
        test: &'a conch_parser::ast::Expr<'a>,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
    ) -> CResult<()> {
        let head = self.pc();
        self.push_breakable(labels, Target::Loop, None)?;
        self.stmt(body)?;
        let conts = self.take_continues();
        let cont = self.pc();
        self.bind_jumps(&conts, cont);
        let exit = self.jump_if_false(test)?;
        self.jump_to(Op::JumpLoop, head)?;
        self.here(exit);
        self.pop_breakable(cont)
    }

    fn for_stmt(
        &mut self,
        f: &'a ForStmt<'a>,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
    ) -> CResult<()> {
        // `for (using x = …; …)`: the resources live until the loop ends.
        if let Some(ForInit::Var(d)) = f.init {
            if matches!(d.kind, VarKind::Using | VarKind::AwaitUsing) {
                let at = d.decls.first().map_or(0, |x| x.span.start);
                let awaits = d.kind == VarKind::AwaitUsing;
                return self.with_disposal(awaits, at, move |fc| fc.for_stmt_plain(f, labels));
            }
        }
        self.for_stmt_plain(f, labels)
    }

    fn for_stmt_plain(
        &mut self,
        f: &'a ForStmt<'a>,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
    ) -> CResult<()> {
        let st = self.enter_scope(f.scope, &[])?;
        let per_iteration = st.1;
        match f.init {
            Some(ForInit::Var(d)) => self.var_decl(d)?,
            Some(ForInit::Expr(e)) => self.expr(e)?,
            None => {}
        }
        let head = self.pc();
        let exit = match f.test {
            Some(t) => Some(self.jump_if_false(t)?),
            None => None,
        };
        self.push_breakable(labels, Target::Loop, None)?;
        self.stmt(f.body)?;
        let conts = self.take_continues();
        let cont = self.pc();
        self.bind_jumps(&conts, cont);
        if per_iteration {
            // Each iteration gets its own copy of the `let` bindings (closures keep theirs).
            self.emit0(Op::CopyEnv)?;
        }
        if let Some(u) = f.update {
            self.expr_effect(u)?;
        }
        self.jump_to(Op::JumpLoop, head)?;
        if let Some(e) = exit {
            self.here(e);
        }
        self.pop_breakable(cont)?;
        self.leave_scope(st)
    }

    fn for_in_of(
        &mut self,
        f: &'a ForInOf<'a>,
        of: bool,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
    ) -> CResult<()> {
        if f.is_await && self.async_fn.is_none() {
            self.note_top_level_await();
            return self.unsupported("for await outside async functions", f.right.span.start);
        }
        let m = self.mark();
        // Annex B: `for (var x = init in o)` assigns init to x before evaluating o.
        if let ForHead::Var(d) = &f.left {
            if let (VarKind::Var, Some(init)) = (d.kind, d.decls[0].init) {
                let name = match d.decls[0].target.kind {
                    conch_parser::ast::PatternKind::Ident(n) => Some(n),
                    _ => None,
                };
                self.named_value(init, name)?;
                self.bind_value(&d.decls[0].target, Bind::Init)?;
            }
        }
        // The right side is evaluated with the head's lexical bindings in TDZ.
        let lexical = matches!(f.left, ForHead::Var(d) if d.kind != VarKind::Var);
        let tdz = if lexical {
            Some(self.enter_scope(f.scope, &[])?)
        } else {
            None
        };
        self.expr(f.right)?;
        if let Some(st) = tdz {
            self.leave_scope(st)?;
        }
        let it = self.temps(2);
        let env = self.temp();
        self.pos(f.right.span.start)?;
        if f.is_await {
            self.emit_r(Op::GetAsyncIterator, it)?;
        } else if of {
            self.emit_r(Op::GetIterator, it)?;
        } else {
            self.emit_r(Op::ForInPrepare, it)?;
        }
        self.emit_r(Op::GetEnv, env)?;
        let head = self.pc();
        let exit = if f.is_await {
            let s = self.slot();
            self.emit(Op::Call, &[it as i64 + 1, it as i64, it as i64, 0, s])?;
            self.await_acc(f.right.span.start)?;
            let e = conch_bytecode::encode(&mut self.code, Op::IterResult, &[0]).map_err(oom)?;
            e.jump_at.expect("jump") as u32
        } else if of {
            let e = conch_bytecode::encode(&mut self.code, Op::IteratorStep, &[it as i64, 0])
                .map_err(oom)?;
            e.jump_at.expect("jump") as u32
        } else {
            let e = conch_bytecode::encode(&mut self.code, Op::ForInNext, &[it as i64, 0])
                .map_err(oom)?;
            e.jump_at.expect("jump") as u32
        };
        let body_start = self.pc();
        // Entering the scope sets its bindings to holes: keep the value aside.
        let val = self.temp();
        self.emit_r(Op::Star, val)?;
        let st = if lexical {
            Some(self.enter_scope(f.scope, &[])?)
        } else {
            None
        };
        self.emit_r(Op::Ldar, val)?;
        // `for (using x of …)`: each iteration's value is disposed when the iteration ends.
        let using = match &f.left {
            ForHead::Var(d) if matches!(d.kind, VarKind::Using | VarKind::AwaitUsing) => Some(d),
            _ => None,
        };
        match &f.left {
            _ if using.is_some() => {}
            ForHead::Var(d) => {
                let decl = &d.decls[0];
                self.bind_value(&decl.target, Bind::Init)?;
            }
            ForHead::Pattern(p) => self.bind_value(p, Bind::Assign)?,
        }
        self.next_loop_async = f.is_await;
        self.push_breakable(labels, Target::Loop, if of { Some(it) } else { None })?;
        match using {
            Some(d) => {
                let at = d.decls[0].span.start;
                let hint = (d.kind == VarKind::AwaitUsing) as i64;
                self.with_disposal(hint == 1, at, |fc| {
                    fc.emit_r(Op::Ldar, val)?;
                    let stack = fc.using_stack.expect("resource stack");
                    fc.pos(at)?;
                    fc.emit(Op::AddDisposable, &[stack as i64, hint])?;
                    fc.bind_value(&d.decls[0].target, Bind::Init)?;
                    fc.stmt(f.body)
                })?;
            }
            None => self.stmt(f.body)?,
        }
        let conts = self.take_continues();
        let cont = self.pc();
        self.bind_jumps(&conts, cont);
        if let Some(st) = st {
            self.leave_scope(st)?;
        }
        self.jump_to(Op::JumpLoop, head)?;
        let body_end = self.pc();
        // Breaks land here (iterator already closed by the break itself).
        self.pop_breakable(head)?;
        let out = self.jump(Op::Jump)?;
        if f.is_await {
            // A throw from the body awaits `return()` (its errors are ignored), then
            // propagates.
            let handler = self.pc();
            let exc = self.temp();
            self.emit_r(Op::Star, exc)?;
            let inner_start = self.pc();
            let e = conch_bytecode::encode(&mut self.code, Op::IteratorReturn, &[it as i64, 0])
                .map_err(oom)?;
            let skip = e.jump_at.expect("jump") as u32;
            self.await_acc(f.right.span.start)?;
            let inner_end = self.pc();
            self.here(skip);
            let rethrow = self.pc();
            self.emit_r(Op::Ldar, exc)?;
            self.emit0(Op::Throw)?;
            self.add_handler(inner_start, inner_end, rethrow, env)?;
            self.add_handler(body_start, body_end, handler, env)?;
        } else if of {
            // A throw from the body closes the iterator, then propagates.
            let handler = self.pc();
            self.emit_r(Op::IteratorCloseThrow, it)?;
            self.add_handler(body_start, body_end, handler, env)?;
        }
        self.here(exit);
        self.here(out);
        self.release(m);
        Ok(())
    }

    fn switch(
        &mut self,
        sw: &'a SwitchStmt<'a>,
        labels: allocator_api2::vec::Vec<&'a str, &'a conch_mm::Arena>,
    ) -> CResult<()> {
        let m = self.mark();
        let d = self.temp();
        self.expr(sw.discriminant)?;
        self.emit_r(Op::Star, d)?;
        self.unit.switch_scopes.try_reserve(1).map_err(oom)?;
        self.unit.switch_scopes.push(sw.scope);
        let st = self.enter_scope(sw.scope, &[])?;
        for c in sw.cases {
            self.hoist_functions(c.body)?;
        }
        let mut sites = allocator_api2::vec::Vec::new_in(self.arena());
        sites.try_reserve(sw.cases.len()).map_err(oom)?;
        for c in sw.cases {
            if let Some(t) = c.test {
                self.expr(t)?;
                self.emit_r(Op::StrictEq, d)?;
                sites.push(Some(self.jump(Op::JumpIfTrue)?));
            } else {
                sites.push(None);
            }
        }
        let to_default = self.jump(Op::Jump)?;
        let mut default_pc = None;
        self.push_breakable(labels, Target::Switch, None)?;
        for (i, c) in sw.cases.iter().enumerate() {
            match sites[i] {
                Some(s) => self.here(s),
                None => default_pc = Some(self.pc()),
            }
            self.stmts(c.body)?;
        }
        let pc = self.pc();
        self.pop_breakable(pc)?;
        self.patch(to_default, default_pc.unwrap_or(pc));
        self.leave_scope(st)?;
        self.release(m);
        Ok(())
    }

    /// Emits `return acc` from inside `control[..depth]`: closes open iterators and routes
    /// through `finally` blocks.
    pub(super) fn emit_return(&mut self, depth: usize) -> CResult<()> {
        for i in (0..depth).rev() {
            match &self.control[i] {
                Control::Breakable {
                    iterator: Some(it),
                    async_iter,
                    done,
                    ..
                } => {
                    let (it, a, done) = (*it, *async_iter, *done);
                    if a {
                        let t = self.temp();
                        self.emit_r(Op::Star, t)?;
                        self.async_iterator_close(it)?;
                        self.emit_r(Op::Ldar, t)?;
                    } else if let Some(d) = done {
                        // Destructuring: close unless the iterator is done.
                        let t = self.temp();
                        self.emit_r(Op::Star, t)?;
                        self.emit_r(Op::Ldar, d)?;
                        let skip = self.jump(Op::JumpIfTrue)?;
                        self.emit_r(Op::IteratorClose, it)?;
                        self.here(skip);
                        self.emit_r(Op::Ldar, t)?;
                    } else {
                        self.emit_r(Op::IteratorClose, it)?;
                    }
                }
                Control::Finally { kind, value, .. } => {
                    let (kind, value) = (*kind, *value);
                    self.emit_r(Op::Star, value)?;
                    self.emit(Op::LdaInt, &[RETURN])?;
                    self.emit_r(Op::Star, kind)?;
                    let site = self.jump(Op::Jump)?;
                    if let Control::Finally { entry, .. } = &mut self.control[i] {
                        Self::add_site(entry, site)?;
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        self.emit_final_return()
    }

    /// Emits `break`/`continue` (with an optional label) from inside `control[..depth]`.
    pub(super) fn emit_jump_out(
        &mut self,
        label: Option<&'a str>,
        is_continue: bool,
        depth: usize,
    ) -> CResult<()> {
        for i in (0..depth).rev() {
            let (target, through_finally, close) = match &self.control[i] {
                Control::Breakable {
                    labels,
                    target,
                    iterator,
                    async_iter,
                    ..
                } => {
                    let iterator = iterator.map(|it| (it, *async_iter));
                    let is_loop = *target == Target::Loop;
                    let matches = match label {
                        Some(l) => labels.contains(&l) && (!is_continue || is_loop),
                        None => is_loop || (!is_continue && *target == Target::Switch),
                    };
                    (matches, false, iterator)
                }
                Control::Finally { .. } => (false, true, None),
            };
            if target {
                // Popping environments down to the target's depth.
                let Control::Breakable { env_depth, .. } = &self.control[i] else {
                    unreachable!()
                };
                let pops = self.env_depth - *env_depth;
                if let (Some((it, a)), false) = (close, is_continue) {
                    self.close_iterator(it, a)?;
                }
                for _ in 0..pops {
                    self.emit0(Op::PopEnv)?;
                }
                let site = self.jump(Op::Jump)?;
                if let Control::Breakable {
                    breaks, continues, ..
                } = &mut self.control[i]
                {
                    Self::add_site(if is_continue { continues } else { breaks }, site)?;
                }
                return Ok(());
            }
            if let Some((it, a)) = close {
                self.close_iterator(it, a)?;
            }
            if through_finally {
                let Control::Finally {
                    kind,
                    routes,
                    env_depth,
                    ..
                } = &self.control[i]
                else {
                    unreachable!()
                };
                let route = 3 + routes.len() as u32;
                let (kind, fin_depth) = (*kind, *env_depth);
                self.emit(Op::LdaInt, &[route as i64])?;
                self.emit_r(Op::Star, kind)?;
                for _ in 0..self.env_depth - fin_depth {
                    self.emit0(Op::PopEnv)?;
                }
                let site = self.jump(Op::Jump)?;
                if let Control::Finally { entry, routes, .. } = &mut self.control[i] {
                    Self::add_site(entry, site)?;
                    routes.try_reserve(1).map_err(oom)?;
                    routes.push((route, label, is_continue));
                }
                return Ok(());
            }
        }
        // The parser guarantees a target exists.
        Ok(())
    }

    /// Closes a loop's iterator when a jump leaves the loop (normal completion).
    fn close_iterator(&mut self, it: u32, is_async: bool) -> CResult<()> {
        if is_async {
            self.async_iterator_close(it)
        } else {
            self.emit_r(Op::IteratorClose, it)
        }
    }

    /// `AsyncIteratorClose` for a normal completion: `await it.return()`, which must give an
    /// object.
    fn async_iterator_close(&mut self, it: u32) -> CResult<()> {
        let e = conch_bytecode::encode(&mut self.code, Op::IteratorReturn, &[it as i64, 0])
            .map_err(oom)?;
        let skip = e.jump_at.expect("jump") as u32;
        self.await_acc(self.pc())?;
        self.emit0(Op::ThrowIfNotObject)?;
        self.here(skip);
        Ok(())
    }

    fn try_stmt(&mut self, t: &'a TryStmt<'a>) -> CResult<()> {
        let m = self.mark();
        let env = self.temp();
        self.emit_r(Op::GetEnv, env)?;
        let fin = if t.finalizer.is_some() {
            let (kind, value) = (self.temp(), self.temp());
            self.control.try_reserve(1).map_err(oom)?;
            self.control.push(Control::Finally {
                kind,
                value,
                entry: self.new_jumps(),
                routes: allocator_api2::vec::Vec::new_in(self.arena()),
                env_depth: self.env_depth,
            });
            Some((kind, value))
        } else {
            None
        };
        let start = self.pc();
        self.block(&t.block)?;
        let end = self.pc();
        let mut to_fin = self.new_jumps();
        if let Some((kind, _)) = fin {
            self.emit(Op::LdaInt, &[NORMAL])?;
            self.emit_r(Op::Star, kind)?;
        }
        let after_try = self.jump(Op::Jump)?;
        Self::add_site(&mut to_fin, after_try)?;
        let mut catch_range = None;
        if let Some(h) = &t.handler {
            let handler = self.pc();
            self.add_handler(start, end, handler, env)?;
            let cstart = self.pc();
            let m2 = self.mark();
            let ex = self.temp();
            self.emit_r(Op::Star, ex)?;
            let st = self.enter_scope(h.scope, &[])?;
            if let Some(p) = &h.param {
                self.emit_r(Op::Ldar, ex)?;
                self.bind_value(p, Bind::Init)?;
            }
            self.block(&h.body)?;
            self.leave_scope(st)?;
            self.release(m2);
            let cend = self.pc();
            catch_range = Some((cstart, cend));
            if let Some((kind, _)) = fin {
                self.emit(Op::LdaInt, &[NORMAL])?;
                self.emit_r(Op::Star, kind)?;
            }
            let j = self.jump(Op::Jump)?;
            Self::add_site(&mut to_fin, j)?;
        }
        let Some((kind, value)) = fin else {
            let pc = self.pc();
            self.bind_jumps(&to_fin, pc);
            self.release(m);
            return Ok(());
        };
        // A throw in the try block (without catch) or in the catch block enters the finally
        // block with the exception.
        let throw_entry = self.pc();
        self.emit_r(Op::Star, value)?;
        self.emit(Op::LdaInt, &[THROW])?;
        self.emit_r(Op::Star, kind)?;
        match catch_range {
            Some((cs, ce)) => self.add_handler(cs, ce, throw_entry, env)?,
            None => self.add_handler(start, end, throw_entry, env)?,
        }
        let Some(Control::Finally { entry, routes, .. }) = self.control.pop() else {
            unreachable!("control stack")
        };
        let fin_pc = self.pc();
        self.bind_jumps(&to_fin, fin_pc);
        self.bind_jumps(&entry, fin_pc);
        self.block(t.finalizer.as_ref().expect("finally"))?;
        self.finally_dispatch(kind, value, &routes)?;
        self.release(m);
        Ok(())
    }

    /// The end of a `finally` block: continues as the block was entered (normally, by a
    /// throw, a return, or a jump route `routes` registered).
    pub(super) fn finally_dispatch(
        &mut self,
        kind: u32,
        value: u32,
        routes: &[(u32, Option<&'a str>, bool)],
    ) -> CResult<()> {
        let depth = self.control.len();
        let cmp = self.temp();
        let fixed = [(THROW, None, None), (RETURN, None, None)];
        let all = routes
            .iter()
            .copied()
            .map(|(k, l, c)| (k as i64, Some(l), Some(c)))
            .chain(fixed);
        for (k, label, is_continue) in all {
            self.emit(Op::LdaInt, &[k])?;
            self.emit_r(Op::Star, cmp)?;
            self.emit_r(Op::Ldar, kind)?;
            self.emit_r(Op::StrictEq, cmp)?;
            let skip = self.jump(Op::JumpIfFalse)?;
            match (k, label, is_continue) {
                (THROW, None, None) => {
                    self.emit_r(Op::Ldar, value)?;
                    self.emit0(Op::Throw)?;
                }
                (RETURN, None, None) => {
                    self.emit_r(Op::Ldar, value)?;
                    self.emit_return(depth)?;
                }
                (_, Some(l), Some(c)) => self.emit_jump_out(l, c, depth)?,
                _ => unreachable!(),
            }
            self.here(skip);
        }
        Ok(())
    }
}
