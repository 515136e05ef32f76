//! Functions, closures, classes and scripts.

use super::pattern::Bind;
use super::{oom, CResult, Fc, Loc, Unit};
use crate::cx::{Cx, Throw};
use crate::interp::code::{flags, Code, Script};
use crate::string::JsString;
use allocator_api2::vec::Vec;
use conch_bytecode::Op;
use conch_gc::{Gc, Value};
use conch_parser::ast::{
    Class, ClassElementKind, ExprKind, Function, FunctionKind, MethodKind, PatternKind, PropKey,
    Stmt, StmtKind, VarKind,
};
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
    /// Flag: created by eval code (deletable: configurable).
    pub const DELETABLE: i32 = 8;
}

/// What kind of top-level code is compiled.
#[derive(Clone, Copy)]
pub enum Program<'e, 'a> {
    /// A classic script.
    Script,
    /// Eval code: indirect (`caller` None) or direct with the caller's view.
    Eval {
        /// The direct eval's caller, if any.
        caller: Option<&'e EvalCaller<'a>>,
    },
}

/// What a direct eval sees of its caller (decoded from the call site's descriptor).
pub struct EvalCaller<'a> {
    /// The caller's bindings: name, location (environment positions of the caller's chain),
    /// kind; innermost last.
    pub bindings: Vec<(&'a str, Loc, BindingKind), &'a conch_mm::Arena>,
    /// The caller's static environment depth at the call.
    pub env_depth: u32,
    /// Where the caller's `this`, `new.target` and `arguments` are (None: the eval frame's).
    pub this_loc: Loc,
    /// `new.target`'s location.
    pub new_target_loc: Loc,
    /// The `arguments` object's location.
    pub arguments_loc: Loc,
    /// The caller is strict.
    pub strict: bool,
    /// The caller is (inside) a function, not the script's top level.
    pub in_function: bool,
    /// `super.x` is allowed (the caller is in a method).
    pub super_property: bool,
    /// `super()` is allowed (the caller is in a derived constructor).
    pub super_call: bool,
    /// The caller is in a class field initializer (`arguments` is an error).
    pub field_initializer: bool,
    /// The caller's home object is its class's constructor (a static method).
    pub home_static: bool,
    /// The environment position of the caller's innermost class.
    pub class_env: Option<u32>,
    /// Private names in scope (without `#`) and where their symbols are, innermost last.
    pub privates: Vec<(&'a str, Loc), &'a conch_mm::Arena>,
    /// The call is in the parameter list of the innermost function.
    pub in_params: bool,
    /// The innermost function has an `arguments` binding of its own (it is not an arrow).
    pub own_arguments: bool,
}

/// Compiles a parsed script to its top-level code. `source_value` is the source as a string
/// (kept for `toString` and error positions).
pub fn compile_script<'a>(
    cx: &mut Cx,
    parsed: &Parsed<'a>,
    source: &'a str,
    arena: &'a conch_mm::Arena,
    source_value: Gc<JsString>,
    file: Gc<JsString>,
) -> crate::JsResult<Gc<Code>> {
    compile_program(
        cx,
        parsed,
        source,
        arena,
        source_value,
        file,
        Program::Script,
    )
}

/// Compiles a script or eval code.
pub fn compile_program<'a>(
    cx: &mut Cx,
    parsed: &Parsed<'a>,
    _source: &'a str,
    arena: &'a conch_mm::Arena,
    source_value: Gc<JsString>,
    file: Gc<JsString>,
    kind: Program<'_, 'a>,
) -> crate::JsResult<Gc<Code>> {
    let heap = cx.heap();
    let script = heap.alloc(Script::new(source_value.to_value(), file.to_value()))?;
    let caller = match kind {
        Program::Eval { caller: Some(c) } => Some(c),
        _ => None,
    };
    let program = &parsed.program;
    let mut unit = Unit::new(&parsed.scopes, arena, script, caller)?;
    let strict = program.strict || caller.is_some_and(|c| c.strict);
    let env_depth = caller.map_or(0, |c| c.env_depth);
    let mut fc = Fc::new(cx, &mut unit, program.scope, env_depth, strict);
    fc.is_script = true;
    if let Some(c) = caller {
        fc.this_loc = c.this_loc;
        fc.new_target_loc = c.new_target_loc;
        fc.arguments_loc = c.arguments_loc;
        fc.fn_context = c.in_function;
        fc.class_env = c.class_env;
        fc.home_static = c.home_static;
        fc.derived = c.super_call;
        fc.eval_field_init = c.field_initializer;
        fc.unit
            .privates
            .try_reserve(c.privates.len())
            .map_err(oom)?;
        fc.unit.privates.extend(c.privates.iter().copied());
    }
    match kind {
        Program::Script => fc.script_body(program.body, program.scope)?,
        Program::Eval { .. } => fc.eval_body(program.body, program.scope, caller)?,
    }
    let name = fc.cx.name(crate::runtime::Name::empty).to_raw();
    let flags = flags::SCRIPT | if strict { flags::STRICT } else { 0 };
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
            self.this_in_frame = true;
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

    /// Eval code (EvalDeclarationInstantiation): sloppy eval's `var`s and functions are the
    /// caller's (global ones are created deletable), strict eval's and every lexical
    /// declaration are the eval's own.
    fn eval_body(
        &mut self,
        body: &'a [Stmt<'a>],
        scope: ScopeId,
        caller: Option<&EvalCaller<'a>>,
    ) -> CResult<()> {
        let (a, b) = self.unit.tree.scope(scope).bindings;
        let list = crate::interp::ops::new_array(self.cx)?;
        let mut n = 0u32;
        let mut new_vars: Vec<&'a str, &'a conch_mm::Arena> = Vec::new_in(self.arena());
        if !self.strict {
            for i in a as usize..b as usize {
                let bd = self.unit.tree.bindings[i];
                if !matches!(bd.kind, BindingKind::Var | BindingKind::Function) {
                    continue;
                }
                match caller {
                    Some(c) if c.in_function => {
                        // The caller's function's var scope gets the binding: an existing
                        // var or parameter of that function is reused; a lexical binding
                        // between the eval and that scope is a conflict; otherwise the var
                        // is new, on the function's var object.
                        let marker = c.bindings.iter().rposition(|e| e.0.is_empty());
                        let found = c.bindings.iter().rposition(|e| e.0 == bd.name);
                        // In a parameter list, the parameters and `arguments` are in the
                        // eval's lexical scope, not its var scope (FunctionDeclarationInstantiation
                        // with parameter expressions): redeclaring one is a conflict.
                        if c.in_params
                            && ((bd.name == "arguments" && c.own_arguments)
                                || matches!((found, marker), (Some(f), Some(m))
                                    if f > m && c.bindings[f].2 == BindingKind::Param))
                        {
                            return Err(redeclared(self.cx, bd.name));
                        }
                        match (found, marker) {
                            (Some(f), Some(m)) if f > m => {
                                let (_, loc, kind) = c.bindings[f];
                                if matches!(
                                    kind,
                                    BindingKind::Let | BindingKind::Const | BindingKind::SelfName
                                ) {
                                    return Err(redeclared(self.cx, bd.name));
                                }
                                self.unit.locs[i] = loc;
                            }
                            (_, Some(_)) => {
                                self.unit.locs[i] = Loc::Global;
                                if bd.kind == BindingKind::Var {
                                    new_vars.try_reserve(1).map_err(oom)?;
                                    new_vars.push(bd.name);
                                }
                            }
                            (Some(f), None) => self.unit.locs[i] = c.bindings[f].1,
                            (None, None) => {
                                self.unsupported(
                                    "New var declarations of a direct eval inside a function",
                                    0,
                                )?;
                            }
                        }
                    }
                    _ => {
                        self.unit.locs[i] = Loc::Global;
                        let kind = if bd.kind == BindingKind::Var {
                            decl::VAR
                        } else {
                            decl::FUNCTION
                        };
                        let name = self.string_const(bd.name)?;
                        let nv = self.consts.get(name as usize).unwrap_or(Value::UNDEFINED);
                        crate::interp::ops::array_push(self.cx, list.to_value(), nv)?;
                        crate::interp::ops::array_push(
                            self.cx,
                            list.to_value(),
                            Value::int(kind | decl::DELETABLE),
                        )?;
                        n += 1;
                    }
                }
            }
        }
        self.eval_global = true;
        for name in new_vars.iter() {
            self.declare_eval_var(name)?;
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
        let mut own: Vec<bool, &'a conch_mm::Arena> = Vec::new_in(self.arena());
        own.try_reserve((b - a) as usize).map_err(oom)?;
        for i in a as usize..b as usize {
            own.push(self.unit.locs[i] == Loc::None);
        }
        let slots = self.assign_scope(scope, 0)?;
        self.enter_env(slots)?;
        // The eval's own bindings start as holes (lexical) or undefined (strict vars); the
        // caller's keep their values.
        for i in a as usize..b as usize {
            if !own[i - a as usize] {
                continue;
            }
            let bd = self.unit.tree.bindings[i];
            let loc = self.unit.locs[i];
            if Self::needs_tdz(bd.kind) {
                if let Loc::Reg(r) = loc {
                    self.emit0(Op::LdaHole)?;
                    self.emit_r(Op::Star, r)?;
                }
            } else {
                self.emit0(Op::LdaUndefined)?;
                self.store_loc(loc)?;
            }
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
        let _ = home;
        let info = if f.kind == FunctionKind::Arrow {
            (self.class_env, self.home_static, self.derived)
        } else {
            (None, false, false)
        };
        self.closure_with(f, name, info)
    }

    /// acc = a closure of `f`; `class` is (class environment position, static, derived) for
    /// class members and arrows inside them.
    pub(super) fn closure_with(
        &mut self,
        f: &'a Function<'a>,
        name: Option<&'a str>,
        class: (Option<u32>, bool, bool),
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
            inner.class_env = class.0;
            inner.home_static = class.1;
            inner.derived = class.2;
            if is_arrow {
                inner.this_loc = this_loc;
                inner.new_target_loc = nt;
                inner.arguments_loc = args;
            }
            inner.function(f, name)?
        };
        let k = self.constant(code.to_value())?;
        self.emit(Op::CreateClosure, &[k])?;
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
        self.next_reg = nparams;
        self.max_reg = nparams;
        let mut async_start = None;
        if f.is_async && f.is_generator {
            // An async generator: generator registers (object, mode), `await` through them.
            fl |= flags::GENERATOR | flags::ASYNC;
            let g = self.temp();
            let mode = self.temp();
            let _unused = self.temp();
            self.generator = Some((g, mode));
            self.async_fn = Some((g, mode));
            self.async_gen = true;
        } else if f.is_async {
            fl |= flags::ASYNC;
            // Fixed registers: state, mode, promise; everything after AsyncStart (the
            // parameters' initialisers too) rejects the promise when it throws.
            let g = self.temp();
            let mode = self.temp();
            let _promise = self.temp();
            let env = self.temp();
            self.async_fn = Some((g, mode));
            self.emit_r(Op::AsyncStart, g)?;
            self.emit_r(Op::GetEnv, env)?;
            async_start = Some((g, env, self.pc()));
        }
        if f.is_generator && !f.is_async {
            fl |= flags::GENERATOR;
            // Fixed registers the resume path knows: params, params + 1.
            let g = self.temp();
            let mode = self.temp();
            self.generator = Some((g, mode));
        }
        let scope = f.scope;
        self.scope = scope;
        let tree = self.unit.tree;
        let sd = *tree.scope(scope);
        // Simple parameters live in their argument registers unless captured.
        let (ba, bb) = sd.bindings;
        let arguments_shadowed = (ba as usize..bb as usize).any(|i| {
            tree.bindings[i].name == "arguments"
                && matches!(
                    tree.bindings[i].kind,
                    BindingKind::Param | BindingKind::Function
                )
        });
        let wants_arguments = sd.uses_arguments
            && !self.is_arrow
            && f.kind != FunctionKind::ClassInit
            && !arguments_shadowed;
        // A mapped arguments object (sloppy code, simple parameters) aliases the parameters,
        // which then live in the environment where it can reach them.
        let mapped_arguments = wants_arguments && !self.strict && f.simple_params;
        self.params_in_env = mapped_arguments;
        if f.simple_params && !mapped_arguments {
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
        // A sloppy function with a direct eval keeps a var object for the eval's new `var`s
        // (see `Unit::eval_vars`), in the environment slot after the hidden ones.
        let var_object = !self.strict && sd.contains_direct_eval;
        let slots = self.assign_scope(scope, hidden + var_object as u32)?;
        self.params_in_env = false;
        self.enter_env(slots)?;
        if var_object {
            let loc = Loc::Env(self.env_depth - 1, hidden);
            let m = self.mark();
            let t = self.temp();
            self.emit0(Op::CreateObject)?;
            self.emit_r(Op::Star, t)?;
            self.emit0(Op::LdaNull)?;
            self.emit_r(Op::SetProtoLiteral, t)?;
            self.emit_r(Op::Ldar, t)?;
            self.store_loc(loc)?;
            self.release(m);
            self.unit.eval_vars.try_reserve(1).map_err(oom)?;
            self.unit.eval_vars.push((scope, loc));
        }
        if hidden > 0 {
            let pos = self.env_depth - 1;
            self.this_loc = Loc::Env(pos, 0);
            self.this_in_frame = !self.derived && !self.is_arrow;
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
        if wants_arguments {
            let loc = if hidden > 0 {
                Loc::Env(self.env_depth - 1, 2)
            } else {
                Loc::Reg(self.temp())
            };
            if mapped_arguments {
                // Parameter i aliases its binding's slot, unless a later parameter has the
                // same name (CreateMappedArgumentsObject maps the last one).
                let list = crate::interp::ops::new_array(self.cx)?;
                for (pi, p) in f.params.iter().enumerate() {
                    let mut slot = -1;
                    if let PatternKind::Ident(n) = p.kind {
                        let later = f.params[pi + 1..]
                            .iter()
                            .any(|q| matches!(q.kind, PatternKind::Ident(m) if m == n));
                        let b = (ba as usize..bb as usize).rev().find(|&i| {
                            tree.bindings[i].name == n
                                && tree.bindings[i].kind == BindingKind::Param
                        });
                        if let (false, Some(i)) = (later, b) {
                            if let Loc::Env(d, s) = self.unit.locs[i] {
                                if d + 1 == self.env_depth {
                                    slot = s as i32;
                                }
                            }
                        }
                    }
                    crate::interp::ops::array_push(self.cx, list.to_value(), Value::int(slot))?;
                }
                let k = self.constant(list.to_value())?;
                self.emit(Op::CreateMappedArguments, &[k])?;
            } else {
                self.emit0(Op::CreateArguments)?;
            }
            self.store_loc(loc)?;
            self.arguments_loc = loc;
        }
        // Vars start undefined, lexical bindings as holes (parameters are already set).
        self.init_function_bindings(scope)?;
        if !f.simple_params {
            // Parameters are in their TDZ until bound (a default may not read a later one).
            for i in ba as usize..bb as usize {
                if tree.bindings[i].kind == BindingKind::Param {
                    self.unit.tdz_params[i] = true;
                    let loc = self.unit.locs[i];
                    if matches!(loc, Loc::Reg(_) | Loc::Env(..)) {
                        self.emit0(Op::LdaHole)?;
                        self.store_loc(loc)?;
                    }
                }
            }
            self.in_params = true;
            for (pi, p) in f.params.iter().enumerate() {
                self.emit_r(Op::Ldar, pi as u32)?;
                self.bind_value(p, Bind::Init)?;
            }
        }
        if let Some(rest) = f.rest {
            self.in_params = true;
            self.emit(Op::CreateRest, &[nparams as i64])?;
            self.bind_value(rest, Bind::Init)?;
        }
        self.in_params = false;
        if f.kind == FunctionKind::Constructor {
            if let Some(pos) = self.class_env {
                let t = self.temp();
                self.emit0(Op::LdaThis)?;
                self.emit_r(Op::Star, t)?;
                self.load_loc(Loc::Env(pos, 2))?;
                self.emit_r(Op::InitFields, t)?;
            }
        }
        if let Some(e) = f.expr_body {
            self.expr(e)?;
            self.emit_final_return()?;
        } else {
            self.hoist_functions(f.body)?;
            if let Some((g, _)) = self.generator {
                self.pos(f.span.start)?;
                self.emit_r(Op::GeneratorStart, g)?;
            }
            self.body_stmts(f.body)?;
        }
        self.drop_dead_holes(scope);
        if let Some((g, env, start)) = async_start {
            self.emit0(Op::LdaUndefined)?;
            self.emit_final_return()?;
            let end = self.pc();
            self.async_region = Some((g, env, start, end));
        }
        let span = self.span_override.unwrap_or(f.span);
        self.finish(name_v, span, nparams, length, fl)
    }

    /// Like `init_scope_bindings`, but leaves parameters alone.
    /// Registers start undefined (`push_frame`), so `var`s in registers need no store; the
    /// hole stores of lexical bindings come first and are recorded for `drop_dead_holes`.
    fn init_function_bindings(&mut self, scope: ScopeId) -> CResult<()> {
        let (a, b) = self.unit.tree.scope(scope).bindings;
        let start = self.pc();
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            if let (true, Loc::Reg(r)) = (Self::needs_tdz(bd.kind), self.unit.locs[i]) {
                if !matches!(bd.kind, BindingKind::Param | BindingKind::SelfName) {
                    self.emit0(Op::LdaHole)?;
                    self.emit_r(Op::Star, r)?;
                }
            }
        }
        let end = self.pc();
        if end > start {
            self.unit.hole_blocks.try_reserve(1).map_err(oom)?;
            self.unit.hole_blocks.push((scope, start, end));
        }
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            let loc = self.unit.locs[i];
            match bd.kind {
                BindingKind::Param | BindingKind::SelfName => {}
                k if Self::needs_tdz(k) => {}
                _ if matches!(loc, Loc::Reg(_)) => {}
                _ => {
                    self.emit0(Op::LdaUndefined)?;
                    self.store_loc(loc)?;
                }
            }
        }
        Ok(())
    }

    /// acc = the class `c` (named `name` if anonymous): ClassDefinitionEvaluation.
    pub(super) fn class(&mut self, c: &'a Class<'a>, name: Option<&'a str>) -> CResult<()> {
        self.cx.check()?;
        let at = c.span.start;
        let m = self.mark();
        let outer_scope = self.scope;
        // The class scope: three hidden slots (prototype, constructor, instance fields) and
        // the inner name binding.
        // Private names declared by the class (each once, getter/setter pairs share one).
        let mut names: Vec<&'a str, &'a conch_mm::Arena> = Vec::new_in(self.arena());
        for e in c.body {
            let key = match e.kind {
                ClassElementKind::Method(k, ..)
                | ClassElementKind::Field(k, _)
                | ClassElementKind::Accessor(k, _) => k,
                ClassElementKind::StaticBlock(_) => continue,
            };
            if let PropKey::Private(id) = key {
                if !names.contains(&id.name) {
                    names.try_reserve(1).map_err(oom)?;
                    names.push(id.name);
                }
            }
        }
        let slots = self.assign_scope(c.scope, 3 + names.len() as u32)?;
        self.enter_env(slots)?;
        let pos = self.env_depth - 1;
        let saved_privates = self.unit.privates.len();
        self.scope = c.scope;
        self.init_scope_bindings(c.scope)?;
        let heritage = self.temps(2);
        let proto = heritage + 1;
        let f = self.temp();
        let fields = self.temp();
        match c.super_class {
            Some(sc) => {
                self.expr(sc)?;
                self.emit_r(Op::Star, heritage)?;
            }
            None => {
                self.emit0(Op::LdaHole)?;
                self.emit_r(Op::Star, heritage)?;
            }
        }
        // The heritage was evaluated outside the class's private environment; the rest is
        // inside it.
        for (i, &n) in names.iter().enumerate() {
            let mut d: Vec<u8, &'a conch_mm::Arena> = Vec::new_in(self.arena());
            d.try_reserve(n.len() + 1).map_err(oom)?;
            d.push(b'#');
            d.extend_from_slice(n.as_bytes());
            let k = self.string_const(std::str::from_utf8(&d).unwrap_or(n))?;
            self.emit(Op::CreatePrivateName, &[k])?;
            let loc = Loc::Env(pos, 3 + i as u32);
            self.store_loc(loc)?;
            self.unit.privates.try_reserve(1).map_err(oom)?;
            self.unit.privates.push((n, loc));
        }
        let class_name = c.id.map(|i| i.name).or(name).unwrap_or("");
        let derived = c.super_class.is_some();
        let ctor = c.body.iter().find_map(|e| match e.kind {
            ClassElementKind::Method(_, MethodKind::Constructor, f) if !e.is_static => Some(f),
            _ => None,
        });
        let code = match ctor {
            Some(cf) => {
                let env_depth = self.env_depth;
                let unit: &mut Unit<'u, 'a> = self.unit;
                let mut inner = Fc::new(self.cx, unit, cf.scope, env_depth, true);
                inner.class_env = Some(pos);
                inner.derived = derived;
                inner.span_override = Some(c.span);
                inner.function(cf, Some(class_name))?
            }
            None => self.default_constructor(c, class_name, pos, derived)?,
        };
        let k = self.constant(code.to_value())?;
        self.pos(at)?;
        self.emit(Op::CreateClass, &[k, heritage as i64])?;
        self.emit_r(Op::Star, f)?;
        self.store_loc(Loc::Env(pos, 1))?;
        self.emit_r(Op::Ldar, proto)?;
        self.store_loc(Loc::Env(pos, 0))?;
        self.emit(Op::CreateArray, &[0])?;
        self.emit_r(Op::Star, fields)?;
        self.store_loc(Loc::Env(pos, 2))?;
        // Elements in order; static fields and blocks run after all are defined.
        let mut statics: Vec<(u32, bool), &'a conch_mm::Arena> = Vec::new_in(self.arena());
        for e in c.body {
            let target = if e.is_static { f } else { proto };
            match e.kind {
                ClassElementKind::Method(_, MethodKind::Constructor, _) if !e.is_static => {}
                ClassElementKind::Method(PropKey::Private(id), kind, mf) => {
                    let kr = self.temp();
                    self.load_private(id.name, id.span.start)?;
                    self.emit_r(Op::Star, kr)?;
                    self.closure_with(mf, None, (Some(pos), e.is_static, false))?;
                    let (k, prefix) = match kind {
                        MethodKind::Get => (1, 1),
                        MethodKind::Set => (2, 2),
                        _ => (0, 0),
                    };
                    self.emit(Op::SetFunctionName, &[kr as i64, prefix])?;
                    if e.is_static {
                        self.pos(e.span.start)?;
                        self.emit(Op::DefinePrivateMethod, &[f as i64, kr as i64, k])?;
                    } else {
                        // Added to each instance before its fields: (name, method, kind + 1).
                        let fr = self.temp();
                        self.emit_r(Op::Star, fr)?;
                        self.emit_r(Op::Ldar, kr)?;
                        self.emit_r(Op::ArrayPush, fields)?;
                        self.emit_r(Op::Ldar, fr)?;
                        self.emit_r(Op::ArrayPush, fields)?;
                        self.emit(Op::LdaInt, &[k + 1])?;
                        self.emit_r(Op::ArrayPush, fields)?;
                    }
                }
                ClassElementKind::Method(key, kind, mf) => {
                    let kr = self.temp();
                    self.prop_key(&key, kr)?;
                    self.closure_with(mf, None, (Some(pos), e.is_static, false))?;
                    let (op, prefix) = match kind {
                        MethodKind::Get => (Op::DefineClassGetter, 1),
                        MethodKind::Set => (Op::DefineClassSetter, 2),
                        _ => (Op::DefineMethod, 0),
                    };
                    self.emit(Op::SetFunctionName, &[kr as i64, prefix])?;
                    self.pos(e.span.start)?;
                    self.emit(op, &[target as i64, kr as i64])?;
                }
                ClassElementKind::Field(key, init) => {
                    let (kr, fr) = (self.temp(), self.temp());
                    if let PropKey::Private(id) = key {
                        self.load_private(id.name, id.span.start)?;
                        self.emit_r(Op::Star, kr)?;
                    } else {
                        self.prop_key(&key, kr)?;
                    }
                    match init {
                        Some(fi) => {
                            self.closure_with(fi, None, (Some(pos), e.is_static, false))?;
                            if matches!(fi.expr_body.map(|x| x.kind), Some(ExprKind::Function(g) | ExprKind::Arrow(g)) if g.id.is_none())
                                || matches!(fi.expr_body.map(|x| x.kind), Some(ExprKind::Class(cl)) if cl.id.is_none())
                            {
                                // The initialiser's anonymous function is named by the key:
                                // done at run time by InitFields.
                            }
                        }
                        None => self.emit0(Op::LdaUndefined)?,
                    }
                    self.emit_r(Op::Star, fr)?;
                    if e.is_static {
                        statics.try_reserve(1).map_err(oom)?;
                        statics.push((kr, true));
                    } else {
                        self.emit_r(Op::Ldar, kr)?;
                        self.emit_r(Op::ArrayPush, fields)?;
                        self.emit_r(Op::Ldar, fr)?;
                        self.emit_r(Op::ArrayPush, fields)?;
                        self.emit(Op::LdaInt, &[0])?;
                        self.emit_r(Op::ArrayPush, fields)?;
                    }
                }
                ClassElementKind::StaticBlock(b) => {
                    let (kr, fr) = (self.temp(), self.temp());
                    let _ = kr;
                    self.closure_with(b, None, (Some(pos), true, false))?;
                    self.emit_r(Op::Star, fr)?;
                    statics.try_reserve(1).map_err(oom)?;
                    statics.push((kr, false));
                }
                ClassElementKind::Accessor(key, _) => {
                    let sp = match key {
                        PropKey::Ident(i) | PropKey::Private(i) => i.span.start,
                        _ => e.span.start,
                    };
                    self.unsupported("Auto-accessors", sp)?;
                }
            }
        }
        // The inner name binding is initialised before static elements run.
        if let Some(id) = c.id {
            self.emit_r(Op::Ldar, f)?;
            self.init_var(c.scope, id.name)?;
        }
        for &(kr, is_field) in statics.iter() {
            let fr = kr + 1;
            if is_field {
                // A static field: its initialiser's value, defined on the constructor.
                self.emit_r(Op::Ldar, fr)?;
                let skip = self.jump(Op::JumpIfUndefined)?;
                let s = self.slot();
                self.emit(Op::Call, &[fr as i64, f as i64, fr as i64, 0, s])?;
                self.emit_r(Op::Star, fr)?;
                self.here(skip);
                self.emit_r(Op::Ldar, fr)?;
                // Private static fields are private elements of the constructor.
                self.emit(Op::DefineField, &[f as i64, kr as i64])?;
            } else {
                let s = self.slot();
                self.emit(Op::Call, &[fr as i64, f as i64, fr as i64, 0, s])?;
            }
        }
        self.emit_r(Op::Ldar, f)?;
        self.unit.privates.truncate(saved_privates);
        self.leave_env(true)?;
        let (a, b) = self.unit.tree.scope(c.scope).bindings;
        for i in a as usize..b as usize {
            self.unit.locs[i] = Loc::None;
        }
        self.scope = outer_scope;
        self.release(m);
        Ok(())
    }

    /// The constructor of a class without one: `constructor() {}` or, derived,
    /// `constructor(...args) { super(...args); }`.
    fn default_constructor(
        &mut self,
        c: &'a Class<'a>,
        name: &'a str,
        pos: u32,
        derived: bool,
    ) -> CResult<Gc<Code>> {
        let env_depth = self.env_depth;
        let unit: &mut Unit<'u, 'a> = self.unit;
        let mut inner = Fc::new(self.cx, unit, c.scope, env_depth, true);
        inner.class_env = Some(pos);
        inner.derived = derived;
        if derived {
            let (args, f, nt) = (inner.temp(), inner.temp(), inner.temp());
            inner.emit(Op::CreateRest, &[0])?;
            inner.emit_r(Op::Star, args)?;
            inner.load_loc(Loc::Env(pos, 1))?;
            inner.emit_r(Op::Star, f)?;
            inner.emit0(Op::LdaNewTarget)?;
            inner.emit_r(Op::Star, nt)?;
            inner.pos(c.span.start)?;
            inner.emit(Op::SuperCallSpread, &[f as i64, nt as i64, args as i64])?;
            inner.bind_this_and_fields(pos, c.span.start)?;
        } else {
            let t = inner.temp();
            inner.emit0(Op::LdaThis)?;
            inner.emit_r(Op::Star, t)?;
            inner.load_loc(Loc::Env(pos, 2))?;
            inner.emit_r(Op::InitFields, t)?;
        }
        let nv = inner.string_const(name)?;
        let nv = inner.consts.get(nv as usize).unwrap_or(Value::UNDEFINED);
        let mut fl = flags::STRICT | flags::CONSTRUCTOR | flags::CLASS_CONSTRUCTOR | flags::METHOD;
        if derived {
            fl |= flags::DERIVED;
        }
        inner.finish(nv, c.span, 0, 0, fl)
    }

    /// Whether a var declaration list mentions `var` (helper for hoisting checks).
    #[allow(dead_code)]
    fn is_var(s: &Stmt) -> bool {
        matches!(s.kind, StmtKind::Var(d) if d.kind == VarKind::Var)
    }
}

/// The SyntaxError of an eval `var` that a lexical declaration of its caller already has.
fn redeclared(cx: &Cx, name: &str) -> Throw {
    let mut buf = [0u8; 160];
    let mut n = 0;
    for part in ["Identifier '", name, "' has already been declared"] {
        for &b in part.as_bytes() {
            if n < buf.len() {
                buf[n] = b;
                n += 1;
            }
        }
    }
    // Cut at a character boundary if the name was too long.
    let mut end = n;
    while std::str::from_utf8(&buf[..end]).is_err() {
        end -= 1;
    }
    let msg = std::str::from_utf8(&buf[..end]).unwrap_or("Identifier has already been declared");
    cx.throw(crate::cx::ErrorKind::SyntaxError, msg)
}
