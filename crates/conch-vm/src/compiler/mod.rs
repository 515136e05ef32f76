//! The bytecode compiler: from the parser's AST and scope tree to [`Code`] cells.
//!
//! One [`Fc`] (function compiler) per function being compiled, on the native stack (nested
//! functions recurse, each entry checks the stack limit), sharing a [`Unit`] for the whole
//! script. Scratch (bytecode being built, patch lists, the binding table) lives in the
//! parser's arena, over memory-manager chunks; constants live in a GC vector held by the
//! function compiler (on the native stack, so the collector sees it).
//!
//! Variables (ARCHITECTURE.md §9): a binding no closure captures lives in a register; captured
//! bindings (and everything in a scope with a direct `eval`) live in environment slots, one
//! environment per scope that has any. Script-level `var`/function bindings are global-object
//! properties and script-level lexical bindings live in the realm's declarative record; both
//! are reached by name.
//!
//! Features not built yet compile to code that throws `TypeError: … is not supported yet`
//! where they are reached, never to a wrong answer.
//!
//! Files follow the language: `expr.rs` (expressions), `stmt.rs` (statements and control
//! flow), `pattern.rs` (assignment targets and destructuring), `func.rs` (functions, closures,
//! classes and scripts).

mod call;
mod compact;
mod effects;
mod expr;
mod func;
mod module;
mod pattern;
mod stmt;
mod using;

use crate::cx::{Cx, JsResult, Throw};
use crate::interp::code::{Code, Script};
use crate::string::JsString;
use allocator_api2::vec::Vec;
use conch_bytecode::{encode, patch_jump, Op, Sink};
use conch_gc::{Gc, GcArray, GcVec, Value};
use conch_mm::Arena;
use conch_parser::ast::{Expr, ExprKind, Span};
use conch_parser::scope::{Binding, BindingKind, ScopeKind};
use conch_parser::{JsStr, ScopeId, ScopeTree};

use func::EvalCaller as Caller;
pub use func::{compile_program, compile_script, decl, EvalCaller, Program};
pub use module::compile_module;

/// Where a binding lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// Not yet assigned (its scope has not been entered).
    None,
    /// A register of the function that declares it.
    Reg(u32),
    /// Slot `slot` of the environment at position `pos` of the static environment chain.
    Env(u32, u32),
    /// A global (property of the global object or the global declarative record).
    Global,
    /// Entry `idx` of the import table of the module environment at position `pos`.
    Import(u32, u32),
}

/// What the compiler fails with: memory or an engine-level throw (stack overflow).
type CResult<T> = JsResult<T>;

fn oom<E>(_: E) -> Throw {
    Throw::OutOfMemory
}

/// Bytecode being built (arena storage, fallible).
struct Buf<'a>(Vec<u8, &'a Arena>);

impl Sink for Buf<'_> {
    fn extend(&mut self, bytes: &[u8]) -> Result<(), ()> {
        self.0.try_reserve(bytes.len()).map_err(|_| ())?;
        self.0.extend_from_slice(bytes);
        Ok(())
    }
    fn bytes(&self) -> &[u8] {
        &self.0
    }
    fn patch(&mut self, at: usize, bytes: [u8; 4]) {
        self.0[at..at + 4].copy_from_slice(&bytes);
    }
}

/// Shared state of one compilation (a script and all its functions).
pub(crate) struct Unit<'u, 'a> {
    tree: &'u ScopeTree<'a>,
    arena: &'a Arena,
    script: Gc<Script>,
    /// Location of each binding (indexed like `tree.bindings`).
    locs: Vec<Loc, &'a Arena>,
    /// Per scope: a nested arrow function (or direct eval) needs the function's `this`,
    /// `new.target` and `arguments` in its environment.
    lexical_this: Vec<bool, &'a Arena>,
    /// Private names in scope (innermost class last): name → where its private symbol is.
    privates: Vec<(&'a str, Loc), &'a Arena>,
    /// Parameters of non-simple lists (in their TDZ until bound), by binding index.
    tdz_params: Vec<bool, &'a Arena>,
    /// Register bindings whose initialisation has been compiled: a read compiled later is
    /// textually after it in the same function, so it runs after it (per scope instance) and
    /// needs no TDZ check. Bindings of a `switch` case block are never marked (a case can
    /// jump over a declaration).
    tdz_done: Vec<bool, &'a Arena>,
    /// Register bindings some access to which was compiled with a TDZ check (before its
    /// initialisation): only their scopes need the hole stored at scope entry.
    tdz_read: Vec<bool, &'a Arena>,
    /// Hole stores emitted at scope entries not yet left: (scope, first pc, end pc).
    hole_blocks: Vec<(ScopeId, u32, u32), &'a Arena>,
    /// The case-block scopes of the `switch` statements compiled so far.
    switch_scopes: Vec<ScopeId, &'a Arena>,
    /// A direct eval's view of its caller's bindings (innermost last).
    outer: Vec<(&'a str, Loc, BindingKind), &'a Arena>,
    /// Active `with` statements (innermost last): the scope the statement is in, and where
    /// its object is.
    withs: Vec<(ScopeId, Loc), &'a Arena>,
    /// The var objects of sloppy functions that contain a direct eval: the function's scope
    /// and where the object is. A sloppy direct eval adds the `var`s its caller's function
    /// does not have as properties of this object (a declarative record that can grow), so
    /// a name that does not resolve inside the function consults it first, like a `with`
    /// object (but `this` stays undefined for calls). In `outer`, such an object is an entry
    /// with an empty name, between the function's bindings and those outside it.
    eval_vars: Vec<(ScopeId, Loc), &'a Arena>,
    /// `outer` holds var objects (this is eval code inside a sloppy function).
    outer_dynamic: bool,
}

impl<'u, 'a> Unit<'u, 'a> {
    /// The shared state for compiling `tree` (a direct eval's `caller` adds its bindings).
    fn new(
        tree: &'u ScopeTree<'a>,
        arena: &'a Arena,
        script: Gc<Script>,
        caller: Option<&Caller<'a>>,
    ) -> CResult<Unit<'u, 'a>> {
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
                    ScopeKind::Function
                        | ScopeKind::ClassInit
                        | ScopeKind::Script
                        | ScopeKind::Module
                ) {
                    lexical_this[id.0 as usize] = true;
                    break;
                }
                p = d.parent;
            }
        }
        let mut outer = Vec::new_in(arena);
        if let Some(c) = caller {
            outer.try_reserve(c.bindings.len()).map_err(oom)?;
            outer.extend(c.bindings.iter().copied());
        }
        Ok(Unit {
            tree,
            arena,
            script,
            locs,
            lexical_this,
            privates: Vec::new_in(arena),
            tdz_params: {
                let mut v = Vec::new_in(arena);
                v.try_reserve(tree.bindings.len()).map_err(oom)?;
                v.resize(tree.bindings.len(), false);
                v
            },
            tdz_done: {
                let mut v = Vec::new_in(arena);
                v.try_reserve(tree.bindings.len()).map_err(oom)?;
                v.resize(tree.bindings.len(), false);
                v
            },
            tdz_read: {
                let mut v = Vec::new_in(arena);
                v.try_reserve(tree.bindings.len()).map_err(oom)?;
                v.resize(tree.bindings.len(), false);
                v
            },
            hole_blocks: Vec::new_in(arena),
            switch_scopes: Vec::new_in(arena),
            outer_dynamic: outer
                .iter()
                .any(|e: &(&str, Loc, BindingKind)| e.0.is_empty()),
            outer,
            withs: Vec::new_in(arena),
            eval_vars: Vec::new_in(arena),
        })
    }
}

/// A jump destination collecting patch sites (arena list).
pub(super) struct Jumps<'a> {
    sites: Vec<u32, &'a Arena>,
}

/// What an unlabelled `break`/`continue` sees in a breakable statement.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A labelled statement that is neither a loop nor a `switch` (`break label` only).
    Label,
    /// A loop (`break` and `continue`).
    Loop,
    /// A `switch` (`break`).
    Switch,
}

/// What `break`/`continue` can target, and what lies between.
pub(super) enum Control<'a> {
    /// A breakable statement: loops, `switch`, labelled statements.
    Breakable {
        labels: Vec<&'a str, &'a Arena>,
        target: Target,
        breaks: Jumps<'a>,
        continues: Jumps<'a>,
        /// Environment chain length at the statement (envs above it are popped on exit).
        env_depth: u32,
        /// A `for-of` loop's iterator record register: closed when a jump leaves the loop.
        iterator: Option<u32>,
        /// The iterator is async (`for await`): closing awaits `return()`'s result.
        async_iter: bool,
        /// A register that is true once the iterator is done (destructuring): no close then.
        done: Option<u32>,
    },
    /// A `finally` block: exits through it set the completion register and jump to it.
    Finally {
        /// Register: 0 normal, 1 throw, 2 return, 3+ a jump route.
        kind: u32,
        /// Register: the thrown or returned value.
        value: u32,
        /// Jumps to the finally block.
        entry: Jumps<'a>,
        /// Routes registered so far: (route number, label, is continue).
        routes: Vec<(u32, Option<&'a str>, bool), &'a Arena>,
        env_depth: u32,
    },
}

/// Compiles one function (or the script's top level).
pub(crate) struct Fc<'u, 'a, 'c, 'r> {
    cx: &'c mut Cx<'r>,
    unit: &'c mut Unit<'u, 'a>,
    code: Buf<'a>,
    consts: GcVec<Value>,
    handlers: Vec<u32, &'a Arena>,
    positions: Vec<u32, &'a Arena>,
    next_reg: u32,
    max_reg: u32,
    feedback: u32,
    /// Static environment chain length at the current point.
    env_depth: u32,
    /// The scope of the code being compiled now.
    scope: ScopeId,
    strict: bool,
    is_script: bool,
    is_arrow: bool,
    control: Vec<Control<'a>, &'a Arena>,
    /// Register holding the script's completion value.
    completion: Option<u32>,
    /// End labels of the optional chains being compiled.
    chains: Vec<Jumps<'a>, &'a Arena>,
    /// Environment positions of `this`, `new.target`, `arguments` in the enclosing non-arrow
    /// functions' environments (for arrows), or their registers.
    pub(crate) this_loc: Loc,
    /// `this` is this function's own, unchanging receiver (not an arrow's, not a derived
    /// constructor's): even when arrows capture it in `this_loc`, the function itself reads
    /// it from its frame.
    pub(crate) this_in_frame: bool,
    /// The environment position of the innermost enclosing class (its slots: 0 the
    /// prototype, 1 the constructor, 2 the instance fields), for `super` and fields.
    class_env: Option<u32>,
    /// A static method or initialiser (its home object is the constructor).
    home_static: bool,
    /// Compiling the parameter list (a direct eval there must not redeclare a parameter or
    /// `arguments`).
    in_params: bool,
    /// A derived class constructor (`this` starts unbound).
    derived: bool,
    /// A generator: the registers of the generator object and of the resume mode.
    generator: Option<(u32, u32)>,
    /// An async function: the registers of its state and of the resume mode (its promise is
    /// in the register after them).
    async_fn: Option<(u32, u32)>,
    /// An async generator (`await` and `yield` both apply; returns complete the generator).
    async_gen: bool,
    /// The next breakable pushed is a `for await` loop.
    next_loop_async: bool,
    /// Eval code: global function declarations are deletable.
    eval_global: bool,
    /// Eval code whose caller is a function (its direct evals are function-level too).
    fn_context: bool,
    /// An async function's protected body: (state register, env register, start, end).
    async_region: Option<(u32, u32, u32, u32)>,
    new_target_loc: Loc,
    arguments_loc: Loc,
    /// A module's body: a top-level `await` is noted (`saw_await`) when compiling it as a
    /// plain function.
    module_top: bool,
    saw_await: bool,
    /// The environment slot of a module's default export.
    module_default: u32,
    /// Eval code called from a class field initializer.
    eval_field_init: bool,
    /// The registers of the innermost statement list's resource stack (`using`).
    using_stack: Option<u32>,
    /// The source span recorded instead of the function's own (a class constructor's is the
    /// whole class).
    span_override: Option<Span>,
    /// Parameters live in the environment (a mapped `arguments` object aliases them).
    params_in_env: bool,
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    fn new(
        cx: &'c mut Cx<'r>,
        unit: &'c mut Unit<'u, 'a>,
        fn_scope: ScopeId,
        env_depth: u32,
        strict: bool,
    ) -> Fc<'u, 'a, 'c, 'r> {
        let arena = unit.arena;
        Fc {
            cx,
            unit,
            code: Buf(Vec::new_in(arena)),
            consts: GcVec::new(),
            handlers: Vec::new_in(arena),
            positions: Vec::new_in(arena),
            next_reg: 0,
            max_reg: 0,
            feedback: 0,
            env_depth,
            scope: fn_scope,
            strict,
            is_script: false,
            is_arrow: false,
            control: Vec::new_in(arena),
            completion: None,
            chains: Vec::new_in(arena),
            this_loc: Loc::None,
            this_in_frame: false,
            class_env: None,
            span_override: None,
            params_in_env: false,
            home_static: false,
            in_params: false,
            derived: false,
            generator: None,
            async_fn: None,
            async_region: None,
            async_gen: false,
            next_loop_async: false,
            eval_global: false,
            fn_context: false,
            new_target_loc: Loc::None,
            arguments_loc: Loc::None,
            module_top: false,
            saw_await: false,
            module_default: 0,
            eval_field_init: false,
            using_stack: None,
        }
    }

    fn arena(&self) -> &'a Arena {
        self.unit.arena
    }

    // ---- emitting ----

    fn emit(&mut self, op: Op, operands: &[i64]) -> CResult<()> {
        encode(&mut self.code, op, operands).map_err(oom)?;
        Ok(())
    }

    fn emit0(&mut self, op: Op) -> CResult<()> {
        self.emit(op, &[])
    }

    fn emit_r(&mut self, op: Op, r: u32) -> CResult<()> {
        self.emit(op, &[r as i64])
    }

    fn pc(&self) -> u32 {
        self.code.0.len() as u32
    }

    /// Records that the next instruction belongs to source offset `at`.
    fn pos(&mut self, at: u32) -> CResult<()> {
        let pc = self.pc();
        let n = self.positions.len();
        if n >= 2 && self.positions[n - 2] == pc {
            self.positions[n - 1] = at;
            return Ok(());
        }
        if n >= 2 && self.positions[n - 1] == at {
            return Ok(());
        }
        self.positions.try_reserve(2).map_err(oom)?;
        self.positions.push(pc);
        self.positions.push(at);
        Ok(())
    }

    fn slot(&mut self) -> i64 {
        self.feedback += 1;
        (self.feedback - 1) as i64
    }

    /// Emits a jump with an unknown target; returns its patch site.
    fn jump(&mut self, op: Op) -> CResult<u32> {
        let e = encode(&mut self.code, op, &[0]).map_err(oom)?;
        Ok(e.jump_at.expect("jump operand") as u32)
    }

    /// Emits `op r, <target>` (a register and a jump); returns the jump's patch site.
    fn jump_with_reg(&mut self, op: Op, r: u32) -> CResult<u32> {
        let e = encode(&mut self.code, op, &[r as i64, 0]).map_err(oom)?;
        Ok(e.jump_at.expect("jump operand") as u32)
    }

    /// Emits a jump to a known (backward) target.
    fn jump_to(&mut self, op: Op, target: u32) -> CResult<()> {
        self.emit(op, &[target as i64])
    }

    fn patch(&mut self, site: u32, target: u32) {
        patch_jump(&mut self.code, site as usize, target);
    }

    /// Points `site` at the current pc.
    fn here(&mut self, site: u32) {
        let pc = self.pc();
        self.patch(site, pc);
    }

    fn new_jumps(&self) -> Jumps<'a> {
        Jumps {
            sites: Vec::new_in(self.arena()),
        }
    }

    fn add_site(j: &mut Jumps<'a>, site: u32) -> CResult<()> {
        j.sites.try_reserve(1).map_err(oom)?;
        j.sites.push(site);
        Ok(())
    }

    fn bind_jumps(&mut self, j: &Jumps<'a>, target: u32) {
        for &s in j.sites.iter() {
            patch_jump(&mut self.code, s as usize, target);
        }
    }

    // ---- registers ----

    fn temp(&mut self) -> u32 {
        let r = self.next_reg;
        self.next_reg += 1;
        self.max_reg = self.max_reg.max(self.next_reg);
        r
    }

    /// `n` consecutive registers.
    fn temps(&mut self, n: u32) -> u32 {
        let r = self.next_reg;
        self.next_reg += n;
        self.max_reg = self.max_reg.max(self.next_reg);
        r
    }

    fn mark(&self) -> u32 {
        self.next_reg
    }

    fn release(&mut self, mark: u32) {
        self.next_reg = mark;
    }

    // ---- constants ----

    fn constant(&mut self, v: Value) -> CResult<i64> {
        // Small pools: reuse identical strings/keys (atoms compare by identity).
        let n = self.consts.len();
        if v.is_cell() && n <= 256 {
            for i in 0..n {
                if self.consts.get(i) == Some(v) {
                    return Ok(i as i64);
                }
            }
        }
        self.consts.push(self.cx.heap(), v)?;
        Ok(n as i64)
    }

    /// The constant index of the property key `name`.
    fn name(&mut self, name: &str) -> CResult<i64> {
        let k = self.cx.rt.key(name)?;
        self.constant(k.to_raw())
    }

    fn js_string(&mut self, s: JsStr) -> CResult<Gc<JsString>> {
        if let Some(t) = s.as_str() {
            return Ok(JsString::from_str(self.cx.heap(), t)?);
        }
        let units: Vec<u16, &Arena> = {
            let mut v = Vec::new_in(self.arena());
            for u in s.utf16_units() {
                v.try_reserve(1).map_err(oom)?;
                v.push(u);
            }
            v
        };
        Ok(JsString::from_utf16(self.cx.heap(), &units)?)
    }

    fn string_const(&mut self, s: &str) -> CResult<i64> {
        let st = self.cx.rt.key(s)?;
        // Atoms are strings too; index keys ("0") need a real string.
        let v = match st.as_atom() {
            Some(a) => a.to_value(),
            None => JsString::from_str(self.cx.heap(), s)?.to_value(),
        };
        self.constant(v)
    }

    // ---- bindings ----

    fn binding_index(&self, scope: ScopeId, name: &str) -> Option<usize> {
        let (a, b) = self.unit.tree.scope(scope).bindings;
        (a as usize..b as usize).find(|&i| self.unit.tree.bindings[i].name == name)
    }

    fn binding(&self, i: usize) -> &Binding<'a> {
        &self.unit.tree.bindings[i]
    }

    /// Resolves `name` from `scope`: its kind and location, or `None` for a global. Names not
    /// declared in this compilation may be bindings of a direct eval's caller (`outer`).
    fn resolve(&self, scope: ScopeId, name: &str) -> Option<(BindingKind, Loc)> {
        let mut s = Some(scope);
        while let Some(id) = s {
            if let Some(i) = self.binding_index(id, name) {
                let loc = self.unit.locs[i];
                if loc == Loc::Global {
                    if self.unit.outer_dynamic {
                        // A `var` of eval code that lives on the caller's var object: past
                        // it, the caller's bindings.
                        s = self.unit.tree.scope(id).parent;
                        continue;
                    }
                    return None;
                }
                let kind = match self.unit.tree.bindings[i].kind {
                    // A parameter of a non-simple list reads like a `let` (TDZ-checked).
                    BindingKind::Param if self.unit.tdz_params[i] => BindingKind::Let,
                    k => k,
                };
                return Some((kind, loc));
            }
            s = self.unit.tree.scope(id).parent;
        }
        self.unit
            .outer
            .iter()
            .rev()
            .find(|(n, ..)| *n == name)
            .map(|&(_, loc, kind)| (kind, loc))
    }

    /// Whether some references resolve at run time (`with` objects or eval var objects).
    pub(super) fn dynamic(&self) -> bool {
        !self.unit.withs.is_empty() || !self.unit.eval_vars.is_empty() || self.unit.outer_dynamic
    }

    /// Whether a binding needs a hole check when read.
    fn needs_tdz(kind: BindingKind) -> bool {
        matches!(
            kind,
            BindingKind::Let
                | BindingKind::Const
                | BindingKind::Class
                | BindingKind::Using
                | BindingKind::Import
        )
    }

    /// Whether a binding lives in an environment (captured, or visible to a direct eval).
    fn in_env(&self, b: &Binding) -> bool {
        b.captured || (self.params_in_env && b.kind == BindingKind::Param)
    }

    /// Assigns locations to the bindings of `scope`; returns how many environment slots it
    /// needs. Registers are taken from the current frame.
    fn assign_scope(&mut self, scope: ScopeId, extra_env: u32) -> CResult<u32> {
        let (a, b) = self.unit.tree.scope(scope).bindings;
        let mut slots = extra_env;
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            if self.unit.locs[i] != Loc::None {
                continue;
            }
            if self.in_env(&bd) {
                self.unit.locs[i] = Loc::Env(self.env_depth, slots);
                slots += 1;
            }
        }
        for i in a as usize..b as usize {
            if self.unit.locs[i] == Loc::None {
                let r = self.temp();
                self.unit.locs[i] = Loc::Reg(r);
            }
        }
        Ok(slots)
    }

    /// Fixes up environment positions once it is known whether the scope pushes an
    /// environment (`assign_scope` used the position it would get).
    fn enter_env(&mut self, slots: u32) -> CResult<bool> {
        if slots == 0 {
            return Ok(false);
        }
        self.emit(Op::PushEnv, &[slots as i64])?;
        self.env_depth += 1;
        Ok(true)
    }

    fn leave_env(&mut self, pushed: bool) -> CResult<()> {
        if pushed {
            self.emit0(Op::PopEnv)?;
            self.env_depth -= 1;
        }
        Ok(())
    }

    /// Initialises the bindings of `scope` that need it at scope entry: lexical ones in
    /// registers to the hole (TDZ; environments start as holes), `var`s in environments to
    /// undefined.
    ///
    /// The hole stores come first; returns the pc where they end.
    fn init_scope_bindings(&mut self, scope: ScopeId) -> CResult<u32> {
        let (a, b) = self.unit.tree.scope(scope).bindings;
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            if let Loc::Reg(r) = self.unit.locs[i] {
                if Self::needs_tdz(bd.kind) {
                    self.emit0(Op::LdaHole)?;
                    self.emit_r(Op::Star, r)?;
                }
            }
        }
        let holes_end = self.pc();
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            let loc = self.unit.locs[i];
            match (loc, bd.kind) {
                (Loc::Reg(r), BindingKind::Var | BindingKind::Function)
                | (Loc::Reg(r), BindingKind::BlockFunction) => {
                    self.emit0(Op::LdaUndefined)?;
                    self.emit_r(Op::Star, r)?;
                }
                (Loc::Env(..), BindingKind::Var | BindingKind::Function) => {
                    self.emit0(Op::LdaUndefined)?;
                    self.store_loc(loc)?;
                }
                _ => {}
            }
        }
        Ok(holes_end)
    }

    /// Notes that an access to the register binding `name` (seen from `scope`) was compiled
    /// with a TDZ check: its scope's entry must store the hole.
    fn note_tdz_read(&mut self, scope: ScopeId, name: &str) {
        let mut s = Some(scope);
        while let Some(id) = s {
            if let Some(i) = self.binding_index(id, name) {
                self.unit.tdz_read[i] = true;
                return;
            }
            s = self.unit.tree.scope(id).parent;
        }
    }

    /// Leaving `scope`: when no access to its register bindings needed a TDZ check, the hole
    /// stores at its entry are dead (every read runs after the initialisation), so they are
    /// stepped over: one `Mov r, r` for a single narrow store, else a jump past them.
    fn drop_dead_holes(&mut self, scope: ScopeId) {
        let Some(at) = self.unit.hole_blocks.iter().rposition(|h| h.0 == scope) else {
            return;
        };
        let (_, start, end) = self.unit.hole_blocks.remove(at);
        let (a, b) = self.unit.tree.scope(scope).bindings;
        if (a as usize..b as usize).any(|i| self.unit.tdz_read[i]) {
            return;
        }
        let (start, end) = (start as usize, end as usize);
        let bytes = &mut self.code.0[start..end];
        match bytes.len() {
            3 => {
                bytes[0] = Op::Mov as u8;
                bytes[1] = bytes[2];
            }
            n if n >= 5 => {
                bytes[0] = Op::Jump as u8;
                bytes[1..5].copy_from_slice(&(end as u32).to_le_bytes());
                bytes[5..].fill(Op::Nop as u8);
            }
            _ => {}
        }
    }

    /// acc = the value at `loc`.
    fn load_loc(&mut self, loc: Loc) -> CResult<()> {
        match loc {
            Loc::Reg(r) => self.emit_r(Op::Ldar, r),
            Loc::Env(pos, slot) => {
                let depth = self.env_depth - 1 - pos;
                self.emit(Op::LdaEnv, &[depth as i64, slot as i64])
            }
            Loc::Import(pos, idx) => {
                let depth = self.env_depth - 1 - pos;
                self.emit(Op::LdaImport, &[depth as i64, idx as i64])
            }
            Loc::None | Loc::Global => unreachable!("load of an unassigned binding"),
        }
    }

    /// The value at `loc` = acc.
    fn store_loc(&mut self, loc: Loc) -> CResult<()> {
        match loc {
            Loc::Reg(r) => self.emit_r(Op::Star, r),
            Loc::Env(pos, slot) => {
                let depth = self.env_depth - 1 - pos;
                self.emit(Op::StaEnv, &[depth as i64, slot as i64])
            }
            Loc::None | Loc::Global | Loc::Import(..) => {
                unreachable!("store to an unassigned or imported binding")
            }
        }
    }

    /// The objects a reference to `name` from `scope` must consult first (innermost first):
    /// the `with` objects whose statement the walk to the binding leaves (`true`), and the
    /// var objects of the sloppy eval-containing functions it leaves (`false`).
    fn with_objects(&self, scope: ScopeId, name: &str) -> Vec<(Loc, bool), &'a Arena> {
        let mut out = Vec::new_in(self.arena());
        if !self.dynamic() {
            return out;
        }
        let mut s = Some(scope);
        while let Some(id) = s {
            for &(outer, loc) in self.unit.withs.iter().rev() {
                if outer == id && out.try_reserve(1).is_ok() {
                    out.push((loc, true));
                }
            }
            if let Some(i) = self.binding_index(id, name) {
                // An eval's `var` on its caller's var object is found there.
                if self.unit.locs[i] != Loc::Global || !self.unit.outer_dynamic {
                    return out;
                }
            }
            for &(fs, loc) in self.unit.eval_vars.iter() {
                if fs == id && out.try_reserve(1).is_ok() {
                    out.push((loc, false));
                }
            }
            s = self.unit.tree.scope(id).parent;
        }
        // A direct eval's caller: its var objects up to the binding of `name`.
        for &(n, loc, _) in self.unit.outer.iter().rev() {
            if n == name {
                break;
            }
            if n.is_empty() && out.try_reserve(1).is_ok() {
                out.push((loc, false));
            }
        }
        out
    }

    /// Emits the `with` checks for a reference: for each object that has the name, `then`
    /// runs with the object in `obj` (and whether it is a `with` object) and jumps to the
    /// end; otherwise falls through. Returns the patch sites of the jumps to the end.
    fn with_prelude(
        &mut self,
        scope: ScopeId,
        name: &'a str,
        obj: u32,
        mut then: impl FnMut(&mut Self, u32, bool) -> CResult<()>,
    ) -> CResult<Jumps<'a>> {
        let mut ends = self.new_jumps();
        let objs = self.with_objects(scope, name);
        for &(loc, is_with) in objs.iter() {
            self.load_loc(loc)?;
            self.emit_r(Op::Star, obj)?;
            let k = self.name(name)?;
            self.emit(Op::WithHas, &[obj as i64, k])?;
            let skip = self.jump(Op::JumpIfFalse)?;
            then(self, obj, is_with)?;
            let e = self.jump(Op::Jump)?;
            Self::add_site(&mut ends, e)?;
            self.here(skip);
        }
        Ok(ends)
    }

    /// acc = the variable `name` seen from `scope` (`typeof_`: no ReferenceError for a
    /// missing global).
    fn load_var(&mut self, scope: ScopeId, name: &'a str, typeof_: bool, at: u32) -> CResult<()> {
        if self.dynamic() {
            let m = self.mark();
            let obj = self.temp();
            let ends = self.with_prelude(scope, name, obj, |fc, o, _| {
                let k = fc.name(name)?;
                fc.pos(at)?;
                fc.emit(Op::WithGet, &[o as i64, k])
            })?;
            self.load_var_static(scope, name, typeof_, at)?;
            let pc = self.pc();
            self.bind_jumps(&ends, pc);
            self.release(m);
            return Ok(());
        }
        self.load_var_static(scope, name, typeof_, at)
    }

    pub(super) fn load_var_static(
        &mut self,
        scope: ScopeId,
        name: &'a str,
        typeof_: bool,
        at: u32,
    ) -> CResult<()> {
        if name == "arguments" {
            if let Some(loc) = self.arguments_for(scope) {
                return self.load_loc(loc);
            }
        }
        match self.resolve(scope, name) {
            Some((kind, Loc::Env(pos, slot)))
                if Self::needs_tdz(kind) && !self.initialized(scope, name) =>
            {
                let k = self.string_const(name)?;
                let depth = self.env_depth - 1 - pos;
                self.pos(at)?;
                self.emit(Op::LdaEnvChecked, &[depth as i64, slot as i64, k])
            }
            Some((kind, loc)) => {
                self.load_loc(loc)?;
                if Self::needs_tdz(kind) && !self.initialized(scope, name) {
                    self.note_tdz_read(scope, name);
                    let k = self.string_const(name)?;
                    self.pos(at)?;
                    self.emit(Op::ThrowIfHole, &[k])?;
                }
                Ok(())
            }
            None => {
                let k = self.name(name)?;
                let s = self.slot();
                self.pos(at)?;
                let op = if typeof_ {
                    Op::LdaGlobalOrUndefined
                } else {
                    Op::LdaGlobal
                };
                self.emit(op, &[k, s])
            }
        }
    }

    /// The variable `name` = acc (an assignment, not an initialisation).
    fn store_var(&mut self, scope: ScopeId, name: &'a str, at: u32) -> CResult<()> {
        if self.dynamic() {
            let m = self.mark();
            let obj = self.temp();
            let val = self.temp();
            self.emit_r(Op::Star, val)?;
            let ends = self.with_prelude(scope, name, obj, |fc, o, _| {
                let k = fc.name(name)?;
                fc.emit_r(Op::Ldar, val)?;
                fc.pos(at)?;
                fc.emit(Op::WithSet, &[o as i64, k])
            })?;
            self.emit_r(Op::Ldar, val)?;
            self.store_var_static(scope, name, at)?;
            let pc = self.pc();
            self.bind_jumps(&ends, pc);
            self.release(m);
            return Ok(());
        }
        self.store_var_static(scope, name, at)
    }

    fn store_var_static(&mut self, scope: ScopeId, name: &'a str, at: u32) -> CResult<()> {
        if name == "arguments" {
            // Sloppy code may assign the binding that holds the arguments object.
            if let Some(loc) = self.arguments_for(scope) {
                return self.store_loc(loc);
            }
        }
        match self.resolve(scope, name) {
            Some((BindingKind::Import, loc)) => {
                // Imports are immutable: a TDZ check, then a TypeError.
                self.load_loc(loc)?;
                let k = self.string_const(name)?;
                self.pos(at)?;
                self.emit(Op::ThrowIfHole, &[k])?;
                self.emit(Op::ThrowConstAssign, &[k])
            }
            Some((BindingKind::Let, loc @ Loc::Reg(_))) if self.initialized(scope, name) => {
                self.store_loc(loc)
            }
            Some((kind, loc)) => {
                if Self::needs_tdz(kind) {
                    // Check initialisation first (TDZ), keeping the value.
                    self.note_tdz_read(scope, name);
                    let m = self.mark();
                    let t = self.temp();
                    self.emit_r(Op::Star, t)?;
                    self.load_loc(loc)?;
                    let k = self.string_const(name)?;
                    self.pos(at)?;
                    self.emit(Op::ThrowIfHole, &[k])?;
                    if kind == BindingKind::Const || kind == BindingKind::Using {
                        self.emit(Op::ThrowConstAssign, &[k])?;
                    }
                    self.emit_r(Op::Ldar, t)?;
                    self.release(m);
                } else if kind == BindingKind::SelfName {
                    // Assigning to a named function expression's own name: ignored in sloppy
                    // code, a TypeError in strict code.
                    if self.strict {
                        let k = self.string_const(name)?;
                        self.pos(at)?;
                        self.emit(Op::ThrowConstAssign, &[k])?;
                    }
                    return Ok(());
                }
                self.store_loc(loc)
            }
            None => {
                let k = self.name(name)?;
                let s = self.slot();
                self.pos(at)?;
                self.emit(Op::StaGlobal, &[k, s])
            }
        }
    }

    /// The register of identifier expression `e` if reading it is just reading that register:
    /// a local binding in a register that needs no TDZ check (a `var`, a parameter, or an
    /// initialised lexical binding), outside any `with`. `mutable` also excludes constants.
    pub(super) fn local_reg(&self, e: &Expr<'a>, mutable: bool) -> Option<u32> {
        let ExprKind::Ident(name) = e.kind else {
            return None;
        };
        if name == "arguments" || !self.with_objects(self.scope, name).is_empty() {
            return None;
        }
        let (kind, loc) = self.resolve(self.scope, name)?;
        let Loc::Reg(r) = loc else {
            return None;
        };
        let ok = match kind {
            BindingKind::Var | BindingKind::Param | BindingKind::Function => true,
            BindingKind::Let => self.initialized(self.scope, name),
            BindingKind::Const | BindingKind::Class => {
                !mutable && self.initialized(self.scope, name)
            }
            _ => false,
        };
        ok.then_some(r)
    }

    /// The register of `e` when it is a local register binding that `after` cannot assign,
    /// so an instruction may read it in place rather than from a copy.
    fn stable_reg(&self, e: &Expr<'a>, after: effects::After<'a>) -> Option<u32> {
        let ExprKind::Ident(name) = e.kind else {
            return None;
        };
        let r = self.local_reg(e, false)?;
        (!after.may_write(name)).then_some(r)
    }

    /// Whether the binding `name` seen from `scope` is a register binding whose
    /// initialisation was already compiled (see `Unit::tdz_done`).
    fn initialized(&self, scope: ScopeId, name: &str) -> bool {
        let mut s = Some(scope);
        while let Some(id) = s {
            if let Some(i) = self.binding_index(id, name) {
                return self.unit.tdz_done[i] && !self.unit.tdz_params[i];
            }
            s = self.unit.tree.scope(id).parent;
        }
        false
    }

    /// The binding `name` declared in `scope` = acc (initialisation: no TDZ or const check).
    fn init_var(&mut self, scope: ScopeId, name: &'a str) -> CResult<()> {
        let mut s = Some(scope);
        while let Some(id) = s {
            if let Some(i) = self.binding_index(id, name) {
                let loc = self.unit.locs[i];
                if matches!(loc, Loc::Reg(_)) && !self.unit.switch_scopes.contains(&id) {
                    self.unit.tdz_done[i] = true;
                }
                if loc == Loc::Global && self.unit.outer_dynamic {
                    return self.store_eval_var(name);
                }
                if loc == Loc::Global {
                    let kind = self.binding(i).kind;
                    let k = self.name(name)?;
                    return match kind {
                        BindingKind::Let | BindingKind::Class => self.emit(Op::InitGlobal, &[k, 1]),
                        BindingKind::Const | BindingKind::Using => {
                            self.emit(Op::InitGlobal, &[k, 2])
                        }
                        BindingKind::Function | BindingKind::BlockFunction => {
                            let kind = if self.eval_global { 3 } else { 0 };
                            self.emit(Op::InitGlobal, &[k, kind])
                        }
                        _ => {
                            let sl = self.slot();
                            self.emit(Op::StaGlobal, &[k, sl])
                        }
                    };
                }
                return self.store_loc(loc);
            }
            s = self.unit.tree.scope(id).parent;
        }
        // Not declared anywhere visible (cannot happen for parsed declarations).
        let k = self.name(name)?;
        let sl = self.slot();
        self.emit(Op::StaGlobal, &[k, sl])
    }

    /// `name` = acc on the innermost var object of a direct eval's caller (eval code's own
    /// new `var`s and functions live there).
    fn store_eval_var(&mut self, name: &'a str) -> CResult<()> {
        let Some(&(_, loc, _)) = self.unit.outer.iter().rev().find(|e| e.0.is_empty()) else {
            return self.unsupported("an eval var outside a function", 0);
        };
        let m = self.mark();
        let val = self.temp();
        let o = self.temp();
        self.emit_r(Op::Star, val)?;
        self.load_loc(loc)?;
        self.emit_r(Op::Star, o)?;
        self.emit_r(Op::Ldar, val)?;
        let k = self.name(name)?;
        self.emit(Op::WithSet, &[o as i64, k])?;
        self.release(m);
        Ok(())
    }

    /// Creates `name` (undefined) on the innermost var object of a direct eval's caller
    /// unless it has it already (EvalDeclarationInstantiation for a declarative varEnv).
    pub(super) fn declare_eval_var(&mut self, name: &'a str) -> CResult<()> {
        let Some(&(_, loc, _)) = self.unit.outer.iter().rev().find(|e| e.0.is_empty()) else {
            return self.unsupported("an eval var outside a function", 0);
        };
        let m = self.mark();
        let o = self.temp();
        self.load_loc(loc)?;
        self.emit_r(Op::Star, o)?;
        let k = self.name(name)?;
        self.emit(Op::WithHas, &[o as i64, k])?;
        let skip = self.jump(Op::JumpIfTrue)?;
        self.emit0(Op::LdaUndefined)?;
        self.emit(Op::WithSet, &[o as i64, k])?;
        self.here(skip);
        self.release(m);
        Ok(())
    }

    /// The location of the `arguments` object for a reference in `scope`, if the nearest
    /// non-arrow function has one.
    fn arguments_for(&self, scope: ScopeId) -> Option<Loc> {
        // A binding named `arguments` (parameter, var, let) shadows the object.
        let mut s = Some(scope);
        while let Some(id) = s {
            if self.binding_index(id, "arguments").is_some() {
                return None;
            }
            let d = self.unit.tree.scope(id);
            if matches!(d.kind, ScopeKind::Function | ScopeKind::ClassInit) {
                break;
            }
            if matches!(d.kind, ScopeKind::Script | ScopeKind::Module) {
                // Eval code sees its calling function's `arguments`.
                break;
            }
            s = d.parent;
        }
        match self.arguments_loc {
            Loc::None | Loc::Global => None,
            l => Some(l),
        }
    }

    /// acc = the private symbol of `#name`.
    fn load_private(&mut self, name: &'a str, at: u32) -> CResult<()> {
        match self.unit.privates.iter().rev().find(|(n, _)| *n == name) {
            Some(&(_, loc)) => self.load_loc(loc),
            // An early error in valid code; kept total.
            None => self.unsupported("This private name", at),
        }
    }

    /// Emits a runtime `TypeError: what is not supported yet`.
    fn unsupported(&mut self, what: &str, at: u32) -> CResult<()> {
        let mut msg: Vec<u8, &Arena> = Vec::new_in(self.arena());
        msg.try_reserve(what.len() + 24).map_err(oom)?;
        msg.extend_from_slice(what.as_bytes());
        msg.extend_from_slice(b" is not supported yet");
        let s = std::str::from_utf8(&msg).unwrap_or("this feature");
        let st = JsString::from_str(self.cx.heap(), s)?;
        let k = self.constant(st.to_value())?;
        self.pos(at)?;
        self.emit(Op::ThrowTypeError, &[k])
    }

    // ---- finishing ----

    /// Returns acc from the function (an async function resolves its promise with it and
    /// returns the promise).
    fn emit_final_return(&mut self) -> CResult<()> {
        if let (Some((g, _)), false) = (self.async_fn, self.async_gen) {
            self.emit_r(Op::AsyncResolve, g)?;
        }
        self.emit0(Op::Return)
    }

    fn finish(
        mut self,
        name: Value,
        span: Span,
        params: u32,
        length: u32,
        flags: u32,
    ) -> CResult<Gc<Code>> {
        // Every path ends in a return.
        self.emit0(Op::LdaUndefined)?;
        self.emit_final_return()?;
        if let Some((g, env, start, end)) = self.async_region {
            // An exception anywhere in the body rejects the promise.
            let handler = self.pc();
            self.emit_r(Op::AsyncReject, g)?;
            self.emit0(Op::Return)?;
            self.add_handler(start, end, handler, env)?;
        }
        let scratch = self.cx.heap().scratch().clone();
        compact::compact(
            &scratch,
            &mut self.code.0,
            &mut self.handlers,
            &mut self.positions,
        )?;
        let heap = self.cx.heap();
        let bytecode = GcArray::<u8>::from_slice(heap, &self.code.0)?;
        // SAFETY: `consts` is this compiler's own local vector; nothing writes it meanwhile.
        let constants = GcArray::<Value>::from_slice(heap, unsafe { self.consts.as_slice() })?;
        let handlers = GcArray::<u32>::from_slice(heap, &self.handlers)?;
        let positions = GcArray::<u32>::from_slice(heap, &self.positions)?;
        // (`Code::new` adds the register after the last when a call's empty argument range
        // names it.)
        let registers = self.max_reg.max(params);
        let code = Code::new(
            heap,
            Code {
                bytecode,
                constants,
                handlers,
                positions,
                registers,
                params,
                length,
                flags,
                name,
                script: self.unit.script,
                span: (span.start, span.end),
                feedback: std::cell::Cell::new(None),
                feedback_slots: self.feedback,
            },
            u64::MAX,
        );
        match code {
            Ok(c) => Ok(c),
            Err(crate::interp::verify::Invalid::OutOfMemory) => Err(Throw::OutOfMemory),
            // A compiler bug: an error for this script, never code the interpreter would
            // run unchecked.
            Err(crate::interp::verify::Invalid::Bad) => Err(self
                .cx
                .type_error("internal error: the compiler produced invalid bytecode")),
        }
    }
}
