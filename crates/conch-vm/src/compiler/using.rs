//! `using` and `await using` declarations (Explicit Resource Management): a statement list
//! that declares resources runs as the protected block of a `try`/`finally` whose `finally`
//! part disposes them in reverse order (`DisposeResources`), turning a dispose error into the
//! completion — or into a `SuppressedError` over a pending exception — and awaiting async
//! disposals. Breaks, continues and returns leave through it like any `finally` block.

use super::stmt::{NORMAL, THROW};
use super::{oom, CResult, Control, Fc};
use conch_bytecode::{encode, Op};
use conch_parser::ast::{PatternKind, Stmt, StmtKind, VarDecl, VarKind};

/// Whether `body` declares resources directly, and whether any of them is `await using`.
fn declares_resources(body: &[Stmt]) -> (bool, bool) {
    let mut any = false;
    let mut awaits = false;
    for s in body {
        if let StmtKind::Var(d) = s.kind {
            match d.kind {
                VarKind::Using => any = true,
                VarKind::AwaitUsing => {
                    any = true;
                    awaits = true;
                }
                _ => {}
            }
        }
    }
    (any, awaits)
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    /// The statements of a block, function or module body, disposing the resources they
    /// declare when the list is left.
    pub(super) fn body_stmts(&mut self, body: &'a [Stmt<'a>]) -> CResult<()> {
        let (any, awaits) = declares_resources(body);
        if !any {
            return self.stmts(body);
        }
        let at = body.first().map_or(0, |s| s.span.start);
        self.with_disposal(awaits, at, |fc| fc.stmts(body))
    }

    /// `using` / `await using` declarations: each initializer's value joins the resource
    /// stack of the enclosing list (a TypeError unless it is null, undefined or disposable).
    pub(super) fn using_decl(&mut self, d: &'a VarDecl<'a>) -> CResult<()> {
        let at = d.decls.first().map_or(0, |x| x.span.start);
        let Some(stack) = self.using_stack else {
            return self.unsupported("using declarations here", at);
        };
        let hint = (d.kind == VarKind::AwaitUsing) as i64;
        for decl in d.decls {
            let name = match decl.target.kind {
                PatternKind::Ident(n) => Some(n),
                _ => None,
            };
            match decl.init {
                Some(init) => self.named_value(init, name)?,
                None => self.emit0(Op::LdaUndefined)?,
            }
            self.pos(decl.span.start)?;
            self.emit(Op::AddDisposable, &[stack as i64, hint])?;
            self.bind_value(&decl.target, super::pattern::Bind::Init)?;
        }
        Ok(())
    }

    /// Compiles `body` with a fresh resource stack, disposing it however `body` is left.
    pub(super) fn with_disposal(
        &mut self,
        is_async: bool,
        at: u32,
        body: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<()> {
        let m = self.mark();
        let env = self.temp();
        self.emit_r(Op::GetEnv, env)?;
        let stack = self.temps(3);
        self.emit_r(Op::NewDisposeStack, stack)?;
        let (kind, value) = (self.temp(), self.temp());
        self.control.try_reserve(1).map_err(oom)?;
        self.control.push(Control::Finally {
            kind,
            value,
            entry: self.new_jumps(),
            routes: allocator_api2::vec::Vec::new_in(self.arena()),
            env_depth: self.env_depth,
        });
        let saved = self.using_stack.replace(stack);
        let start = self.pc();
        let r = body(self);
        self.using_stack = saved;
        r?;
        let end = self.pc();
        self.emit(Op::LdaInt, &[NORMAL])?;
        self.emit_r(Op::Star, kind)?;
        let after = self.jump(Op::Jump)?;
        // A throw in the body enters the disposal with the exception.
        let throw_entry = self.pc();
        self.emit_r(Op::Star, value)?;
        self.emit(Op::LdaInt, &[THROW])?;
        self.emit_r(Op::Star, kind)?;
        self.add_handler(start, end, throw_entry, env)?;
        let Some(Control::Finally { entry, routes, .. }) = self.control.pop() else {
            unreachable!("control stack")
        };
        let fin = self.pc();
        self.patch(after, fin);
        self.bind_jumps(&entry, fin);
        // DisposeResources: one resource per round; a throwing disposal updates the
        // completion and the loop goes on.
        let top = self.pc();
        let e = encode(&mut self.code, Op::DisposeNext, &[stack as i64, 0]).map_err(oom)?;
        let done = e.jump_at.expect("jump") as u32;
        if is_async {
            let result = self.temp();
            self.emit_r(Op::Star, result)?;
            self.emit_r(Op::Ldar, stack + 2)?;
            let no_await = self.jump(Op::JumpIfFalse)?;
            self.emit_r(Op::Ldar, result)?;
            self.await_acc(at)?;
            self.here(no_await);
        }
        let dend = self.pc();
        self.jump_to(Op::Jump, top)?;
        let handler = self.pc();
        self.emit(Op::DisposeError, &[kind as i64, value as i64])?;
        self.jump_to(Op::Jump, top)?;
        self.add_handler(top, dend, handler, env)?;
        self.here(done);
        self.finally_dispatch(kind, value, &routes)?;
        self.release(m);
        Ok(())
    }
}
