//! Functions, closures, classes and scripts.

use super::pattern::Bind;
use super::{oom, CResult, Fc, Loc, Unit};
use crate::cx::Cx;
use crate::interp::code::{flags, Code, Script};
use crate::string::JsString;
use allocator_api2::vec::Vec;
use conch_bytecode::Op;
use conch_gc::{Gc, Value};
use conch_parser::ast::{Class, Function, FunctionKind, PatternKind, Stmt, StmtKind, VarKind};
use conch_parser::scope::{BindingKind, ScopeKind};
use conch_parser::{Parsed, ScopeId};

/// Global declaration kinds in a script's `DeclareGlobals` list.
pub mod decl {
    /// `var`
    pub const VAR: i32 = 0;
    /// A function declaration.
    pub const FUNCTION: i32 = 1;
    /// `let` or `class`
    pub const LET: i32 = 2;
    /// `const`
    pub const CONST: i32 = 3;
}

/// Compiles a parsed script to its top-level code. `source_value` is the source as a string
/// (kept for `toString` and error positions).
pub fn compile_script<'a>(
    cx: &mut Cx,
    parsed: &Parsed<'a>,
    _source: &'a str,
    arena: &'a conch_mm::Arena,
    source_value: Gc<JsString>,
    file: Gc<JsString>,
) -> crate::JsResult<Gc<Code>> {
    let heap = cx.heap();
    let script = heap.alloc(Script {
        source: source_value.to_value(),
        file: file.to_value(),
    })?;
    let tree = &parsed.scopes;
    let mut locs = Vec::new_in(arena);
    locs.try_reserve(tree.bindings.len()).map_err(oom)?;
    locs.resize(tree.bindings.len(), Loc::None);
    let mut lexical_this = Vec::new_in(arena);
    lexical_this.try_reserve(tree.scopes.len()).map_err(oom)?;
    lexical_this.resize(tree.scopes.len(), false);
    // A function with arrows inside keeps this/new.target/arguments in its environment.
    for (i, s) in tree.scopes.iter().enumerate() {
        if s.kind != ScopeKind::Arrow && !s.contains_direct_eval {
            continue;
        }
        let mut p = if s.kind == ScopeKind::Arrow {
            s.parent
        } else {
            Some(ScopeId(i as u32))
        };
        while let Some(id) = p {
            let d = tree.scope(id);
            if matches!(
                d.kind,
                ScopeKind::Function | ScopeKind::ClassInit | ScopeKind::Script | ScopeKind::Module
            ) {
                lexical_this[id.0 as usize] = true;
                break;
            }
            p = d.parent;
        }
    }
    let program = &parsed.program;
    let mut unit = Unit {
        tree,
        arena,
        script,
        locs,
        lexical_this,
    };
    let mut fc = Fc::new(cx, &mut unit, program.scope, 0, program.strict);
    fc.is_script = true;
    fc.script_body(program.body, program.scope)?;
    let name = fc.cx.name(crate::runtime::Name::empty).to_raw();
    let flags = flags::SCRIPT | if program.strict { flags::STRICT } else { 0 };
    fc.finish(name, program.span, 0, 0, flags)
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    fn script_body(&mut self, body: &'a [Stmt<'a>], scope: ScopeId) -> CResult<()> {
        // Script-level bindings are globals.
        let (a, b) = self.unit.tree.scope(scope).bindings;
        let list = crate::interp::ops::new_array(self.cx)?;
        let mut n = 0u32;
        for i in a as usize..b as usize {
            self.unit.locs[i] = Loc::Global;
            let bd = self.unit.tree.bindings[i];
            let kind = match bd.kind {
                BindingKind::Var => decl::VAR,
                BindingKind::Function => decl::FUNCTION,
                BindingKind::Let | BindingKind::Class => decl::LET,
                BindingKind::Const | BindingKind::Using => decl::CONST,
                _ => continue,
            };
            let name = self.string_const(bd.name)?;
            let nv = self.consts.get(name as usize).unwrap_or(Value::UNDEFINED);
            crate::interp::ops::array_push(self.cx, list.to_value(), nv)?;
            crate::interp::ops::array_push(self.cx, list.to_value(), Value::int(kind))?;
            n += 1;
        }
        if n > 0 {
            let k = self.constant(list.to_value())?;
            self.pos(0)?;
            self.emit(Op::DeclareGlobals, &[k])?;
        }
        let c = self.temp();
        self.completion = Some(c);
        self.emit0(Op::LdaUndefined)?;
        self.emit_r(Op::Star, c)?;
        if self.unit.lexical_this[scope.0 as usize] {
            let slots = 2;
            self.enter_env(slots)?;
            let pos = self.env_depth - 1;
            self.this_loc = Loc::Env(pos, 0);
            self.new_target_loc = Loc::Env(pos, 1);
            self.emit0(Op::LdaThis)?;
            self.store_loc(self.this_loc)?;
            self.emit0(Op::LdaUndefined)?;
            self.store_loc(self.new_target_loc)?;
        }
        self.hoist_functions(body)?;
        self.stmts(body)?;
        self.emit_r(Op::Ldar, c)?;
        self.emit0(Op::Return)
    }

    /// acc = a closure of `f` (`home`: the register of the method's home object).
    pub(super) fn closure(&mut self, f: &'a Function<'a>, home: Option<u32>) -> CResult<()> {
        self.closure_named(f, home, None)
    }

    /// acc = a closure of `f`, named `name` if it has no name of its own.
    pub(super) fn closure_named(
        &mut self,
        f: &'a Function<'a>,
        home: Option<u32>,
        name: Option<&'a str>,
    ) -> CResult<()> {
        self.cx.check()?;
        // A named function expression binds its name in a scope around it.
        let self_scope = self.unit.tree.scope(f.scope).parent.filter(|&p| {
            let d = self.unit.tree.scope(p);
            d.kind == ScopeKind::Block
                && self
                    .unit
                    .tree
                    .bindings_of(p)
                    .iter()
                    .any(|b| b.kind == BindingKind::SelfName)
        });
        let mut pushed = false;
        let mut self_loc = None;
        if let Some(p) = self_scope {
            let (a, _) = self.unit.tree.scope(p).bindings;
            let i = a as usize;
            if self.unit.tree.bindings[i].captured {
                self.emit(Op::PushEnv, &[1])?;
                self.env_depth += 1;
                pushed = true;
                self.unit.locs[i] = Loc::Env(self.env_depth - 1, 0);
                self_loc = Some(self.unit.locs[i]);
            } else {
                self.unit.locs[i] = Loc::Reg(u32::MAX);
            }
        }
        let code = {
            let env_depth = self.env_depth;
            let this_loc = self.this_loc;
            let nt = self.new_target_loc;
            let args = self.arguments_loc;
            let is_arrow = f.kind == FunctionKind::Arrow;
            let unit: &mut Unit<'u, 'a> = self.unit;
            let mut inner = Fc::new(self.cx, unit, f.scope, env_depth, f.strict);
            inner.is_arrow = is_arrow;
            if is_arrow {
                inner.this_loc = this_loc;
                inner.new_target_loc = nt;
                inner.arguments_loc = args;
            }
            inner.function(f, name)?
        };
        let k = self.constant(code.to_value())?;
        self.emit(Op::CreateClosure, &[k])?;
        if let Some(h) = home {
            self.emit_r(Op::SetHomeObject, h)?;
        }
        if let Some(l) = self_loc {
            self.store_loc(l)?;
        }
        if pushed {
            self.emit0(Op::PopEnv)?;
            self.env_depth -= 1;
        }
        Ok(())
    }

    /// Compiles the function `f` in this (fresh) function compiler.
    fn function(mut self, f: &'a Function<'a>, name: Option<&'a str>) -> CResult<Gc<Code>> {
        let fn_name = f.id.map(|i| i.name).or(name).unwrap_or("");
        let name_v = self.string_const(fn_name)?;
        let name_v = self.consts.get(name_v as usize).unwrap_or(Value::UNDEFINED);
        let mut fl = 0;
        if f.strict {
            fl |= flags::STRICT;
        }
        match f.kind {
            FunctionKind::Arrow => fl |= flags::ARROW,
            FunctionKind::Normal if !f.is_async && !f.is_generator => fl |= flags::CONSTRUCTOR,
            FunctionKind::Normal => {}
            FunctionKind::Method | FunctionKind::ClassInit => fl |= flags::METHOD,
            FunctionKind::Constructor => {
                fl |= flags::CONSTRUCTOR | flags::CLASS_CONSTRUCTOR | flags::METHOD
            }
            FunctionKind::DerivedConstructor => {
                fl |= flags::CONSTRUCTOR | flags::CLASS_CONSTRUCTOR | flags::DERIVED | flags::METHOD
            }
        }
        let nparams = f.params.len() as u32;
        // `length`: parameters before the first default or rest.
        let length = f
            .params
            .iter()
            .take_while(|p| !matches!(p.kind, PatternKind::Assign(..)))
            .count() as u32;
        if f.is_generator || f.is_async {
            let what = match (f.is_async, f.is_generator) {
                (true, true) => "Async generators",
                (true, false) => "Async functions",
                _ => "Generators",
            };
            self.unsupported(what, f.span.start)?;
            return self.finish(name_v, f.span, nparams, length, fl);
        }
        self.next_reg = nparams;
        self.max_reg = nparams;
        let scope = f.scope;
        self.scope = scope;
        let tree = self.unit.tree;
        let sd = *tree.scope(scope);
        // Simple parameters live in their argument registers unless captured.
        let (ba, bb) = sd.bindings;
        if f.simple_params {
            for (pi, p) in f.params.iter().enumerate() {
                if let PatternKind::Ident(n) = p.kind {
                    if let Some(i) = (ba as usize..bb as usize).find(|&i| {
                        tree.bindings[i].name == n && tree.bindings[i].kind == BindingKind::Param
                    }) {
                        if !self.in_env(&tree.bindings[i]) {
                            self.unit.locs[i] = Loc::Reg(pi as u32);
                        }
                    }
                }
            }
        }
        let hidden = if self.unit.lexical_this[scope.0 as usize] && !self.is_arrow {
            3
        } else {
            0
        };
        let slots = self.assign_scope(scope, hidden)?;
        self.enter_env(slots)?;
        if hidden > 0 {
            let pos = self.env_depth - 1;
            self.this_loc = Loc::Env(pos, 0);
            self.new_target_loc = Loc::Env(pos, 1);
            self.emit0(Op::LdaThis)?;
            self.store_loc(self.this_loc)?;
            self.emit0(Op::LdaNewTarget)?;
            self.store_loc(self.new_target_loc)?;
        }
        // Captured simple parameters: copied from their registers into the environment.
        if f.simple_params {
            for (pi, p) in f.params.iter().enumerate() {
                if let PatternKind::Ident(n) = p.kind {
                    if let Some(i) = (ba as usize..bb as usize).rev().find(|&i| {
                        tree.bindings[i].name == n && tree.bindings[i].kind == BindingKind::Param
                    }) {
                        if let l @ Loc::Env(..) = self.unit.locs[i] {
                            // Duplicate names: the last parameter wins.
                            if f.params[pi + 1..]
                                .iter()
                                .any(|q| matches!(q.kind, PatternKind::Ident(m) if m == n))
                            {
                                continue;
                            }
                            self.emit_r(Op::Ldar, pi as u32)?;
                            self.store_loc(l)?;
                        }
                    }
                }
            }
        }
        // `arguments`.
        if sd.uses_arguments && !self.is_arrow && f.kind != FunctionKind::ClassInit {
            let shadowed = (ba as usize..bb as usize).any(|i| {
                tree.bindings[i].name == "arguments"
                    && matches!(
                        tree.bindings[i].kind,
                        BindingKind::Param | BindingKind::Function
                    )
            });
            if !shadowed {
                let loc = if hidden > 0 {
                    Loc::Env(self.env_depth - 1, 2)
                } else {
                    Loc::Reg(self.temp())
                };
                self.emit0(Op::CreateArguments)?;
                self.store_loc(loc)?;
                self.arguments_loc = loc;
            }
        }
        // Vars start undefined, lexical bindings as holes (parameters are already set).
        self.init_function_bindings(scope)?;
        if !f.simple_params {
            for (pi, p) in f.params.iter().enumerate() {
                self.emit_r(Op::Ldar, pi as u32)?;
                self.bind_value(p, Bind::Init)?;
            }
        }
        if let Some(rest) = f.rest {
            self.emit(Op::CreateRest, &[nparams as i64])?;
            self.bind_value(rest, Bind::Init)?;
        }
        if let Some(e) = f.expr_body {
            self.expr(e)?;
            self.emit0(Op::Return)?;
        } else {
            self.hoist_functions(f.body)?;
            self.stmts(f.body)?;
        }
        self.finish(name_v, f.span, nparams, length, fl)
    }

    /// Like `init_scope_bindings`, but leaves parameters alone.
    fn init_function_bindings(&mut self, scope: ScopeId) -> CResult<()> {
        let (a, b) = self.unit.tree.scope(scope).bindings;
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            let loc = self.unit.locs[i];
            match bd.kind {
                BindingKind::Param | BindingKind::SelfName => {}
                k if Self::needs_tdz(k) => {
                    if let Loc::Reg(r) = loc {
                        self.emit0(Op::LdaHole)?;
                        self.emit_r(Op::Star, r)?;
                    }
                }
                _ => {
                    self.emit0(Op::LdaUndefined)?;
                    self.store_loc(loc)?;
                }
            }
        }
        Ok(())
    }

    /// acc = the class `c` (named `name` if anonymous).
    pub(super) fn class(&mut self, c: &'a Class<'a>, _name: Option<&'a str>) -> CResult<()> {
        self.unsupported("Classes", c.span.start)
    }

    /// Whether a var declaration list mentions `var` (helper for hoisting checks).
    #[allow(dead_code)]
    fn is_var(s: &Stmt) -> bool {
        matches!(s.kind, StmtKind::Var(d) if d.kind == VarKind::Var)
    }
}
