//! Modules (ECMA-262 §16.2): a module compiles to a [`Module`] record and two codes that
//! close over its environment — `init`, run when the module is linked (its function
//! declarations exist before any module of a cycle runs), and `body`, run when it is evaluated
//! (an async function when the module has a top-level `await`).
//!
//! Every top-level binding lives in the module environment (other modules read exported
//! ones); an imported binding is an entry of the environment's import table — the
//! environment and index of the binding it resolves to, filled in at link time — so imports
//! are live. A namespace import (`* as ns`) is an ordinary immutable binding set at link time.

use super::{CResult, Fc, Loc, Unit};
use crate::cx::{Cx, JsResult};
use crate::interp::code::{flags, Code, Script};
use crate::module::record::{env as menv, Module};
use crate::string::JsString;
use conch_bytecode::Op;
use conch_gc::{Gc, GcArray, Value};
use conch_mm::Arena;
use conch_parser::ast::{
    ExportDecl, ImportAttribute, ImportPhase, ModuleExportName, Pattern, PatternKind, Stmt,
    StmtKind,
};
use conch_parser::scope::BindingKind;
use conch_parser::{JsStr, Parsed};

/// Compiles a parsed module named `name` (its source as a string in `source_value`).
pub fn compile_module<'a>(
    cx: &mut Cx,
    parsed: &Parsed<'a>,
    arena: &'a Arena,
    source_value: Gc<JsString>,
    name: Gc<JsString>,
    into: Option<Gc<Module>>,
) -> JsResult<Gc<Module>> {
    let heap = cx.heap();
    let module = match into {
        Some(m) => m,
        None => heap.alloc(Module::blank(name.to_value(), cx.realm.to_value()))?,
    };
    let script = heap.alloc({
        let s = Script::new(source_value.to_value(), name.to_value());
        s.module.set(module.to_value());
        s
    })?;
    let mut unit = Unit::new(&parsed.scopes, arena, script, None)?;
    let program = &parsed.program;
    let scope = program.scope;
    let tree = &parsed.scopes;
    // Environment slots of the module scope's bindings; imports get table entries.
    let (ba, bb) = tree.scope(scope).bindings;
    let mut next = menv::FIRST as u32 - 1; // env slot numbers (array index - 1)
    for i in ba as usize..bb as usize {
        if tree.bindings[i].kind == BindingKind::Import {
            continue;
        }
        unit.locs[i] = Loc::Env(0, next);
        next += 1;
    }
    let mut fc = Fc::new(cx, &mut unit, scope, 1, true);
    // `export default <expression>` and anonymous default declarations: a slot of their own.
    let default_slot = next;
    next += 1;
    let mut table = 0u32;
    // Requests, imports and exports, in source order.
    for s in program.body {
        match s.kind {
            StmtKind::Import(d) => {
                let req = fc.request(module, d.source, d.attributes, d.phase)?;
                if let Some(id) = d.default {
                    let name = match d.phase {
                        ImportPhase::Source => Imported::Source,
                        _ => Imported::Name("default"),
                    };
                    fc.import_entry(module, req, name, id.name, &mut table, &mut next)?;
                }
                if let Some(id) = d.namespace {
                    let name = match d.phase {
                        ImportPhase::Defer => Imported::Deferred,
                        _ => Imported::Namespace,
                    };
                    fc.import_entry(module, req, name, id.name, &mut table, &mut next)?;
                }
                for sp in d.named {
                    let imported = match export_name(&sp.imported) {
                        Some(n) => Imported::Name(n),
                        None => continue,
                    };
                    fc.import_entry(module, req, imported, sp.local.name, &mut table, &mut next)?;
                }
            }
            StmtKind::Export(e) => fc.export_entries(module, e, default_slot)?,
            _ => {}
        }
    }
    // The environment: parent, import table, this, new.target, bindings, default slot.
    let n = next as usize + 1;
    let env = GcArray::<Value>::new(fc.cx.heap(), n)?;
    env.push_within_capacity(Value::UNDEFINED);
    env.resize_within_capacity(n, Value::HOLE);
    let imports = GcArray::<Value>::new(fc.cx.heap(), 2 * table as usize)?;
    imports.resize_within_capacity(2 * table as usize, Value::HOLE);
    env.set(menv::IMPORTS, imports.to_value());
    env.set(menv::THIS, Value::UNDEFINED);
    env.set(menv::NEW_TARGET, Value::UNDEFINED);
    module.env.set(env.to_value());
    // The init code: vars undefined, functions created.
    fc.this_loc = Loc::Env(0, menv::THIS as u32 - 1);
    fc.new_target_loc = Loc::Env(0, menv::NEW_TARGET as u32 - 1);
    fc.module_init(program.body, default_slot)?;
    let name_v = fc.cx.name(crate::runtime::Name::empty).to_raw();
    let init = fc.finish(name_v, program.span, 0, 0, flags::STRICT | flags::METHOD)?;
    let init_f = crate::interp::ops::make_closure(cx, init, env.to_value())?;
    module.init.set(init_f.to_value());
    // The body: compiled as a plain function; again as an async one if it awaits.
    let body = module_body(cx, &mut unit, program, default_slot, false)?;
    let body = match body {
        Some(c) => c,
        None => {
            // Bindings of inner scopes get fresh locations in the new compilation.
            for i in 0..unit.locs.len() {
                if !(ba as usize..bb as usize).contains(&i) {
                    unit.locs[i] = Loc::None;
                }
            }
            module.has_tla.set(true);
            module_body(cx, &mut unit, program, default_slot, true)?.expect("async body")
        }
    };
    let body_f = crate::interp::ops::make_closure(cx, body, env.to_value())?;
    module.body.set(body_f.to_value());
    module.parsed.set(true);
    Ok(module)
}

/// Compiles the module's statements; `None` when they contain a top-level `await` and
/// `is_async` was false.
fn module_body<'a>(
    cx: &mut Cx,
    unit: &mut Unit<'_, 'a>,
    program: &'a conch_parser::ast::Program<'a>,
    default_slot: u32,
    is_async: bool,
) -> JsResult<Option<Gc<Code>>> {
    let mut fc = Fc::new(cx, unit, program.scope, 1, true);
    fc.module_top = true;
    fc.this_loc = Loc::Env(0, menv::THIS as u32 - 1);
    fc.new_target_loc = Loc::Env(0, menv::NEW_TARGET as u32 - 1);
    fc.module_default = default_slot;
    let mut fl = flags::STRICT | flags::METHOD;
    let mut region = None;
    if is_async {
        fl |= flags::ASYNC;
        let g = fc.temp();
        let mode = fc.temp();
        let _promise = fc.temp();
        let env = fc.temp();
        fc.async_fn = Some((g, mode));
        fc.emit_r(Op::AsyncStart, g)?;
        fc.emit_r(Op::GetEnv, env)?;
        region = Some((g, env, fc.pc()));
    }
    fc.body_stmts(program.body)?;
    if fc.saw_await && !is_async {
        return Ok(None);
    }
    if let Some((g, env, start)) = region {
        fc.emit0(Op::LdaUndefined)?;
        fc.emit_final_return()?;
        let end = fc.pc();
        fc.async_region = Some((g, env, start, end));
    }
    let name_v = fc.cx.name(crate::runtime::Name::empty).to_raw();
    Ok(Some(fc.finish(name_v, program.span, 0, 0, fl)?))
}

/// The phase as the bytecode and the request list encode it.
fn phase_code(p: ImportPhase) -> i64 {
    match p {
        ImportPhase::Evaluation => 0,
        ImportPhase::Defer => 1,
        ImportPhase::Source => 2,
    }
}

/// The name of `n` (`None` for a string that is not valid UTF-16: the parser rejects those).
fn export_name<'a>(n: &ModuleExportName<'a>) -> Option<&'a str> {
    match n {
        ModuleExportName::Ident(id) => Some(id.name),
        ModuleExportName::String(_, s) => s.as_str(),
    }
}

/// Calls `f` with each name a binding pattern binds.
fn bound_names<'a>(p: &Pattern<'a>, f: &mut dyn FnMut(&'a str) -> CResult<()>) -> CResult<()> {
    match p.kind {
        PatternKind::Ident(n) => f(n),
        PatternKind::Expr(_) => Ok(()),
        PatternKind::Object(props, rest) => {
            for pp in props {
                bound_names(&pp.value, f)?;
            }
            match rest {
                Some(r) => bound_names(r, f),
                None => Ok(()),
            }
        }
        PatternKind::Array(elems, rest) => {
            for e in elems.iter().flatten() {
                bound_names(e, f)?;
            }
            match rest {
                Some(r) => bound_names(r, f),
                None => Ok(()),
            }
        }
        PatternKind::Assign(t, _) => bound_names(t, f),
    }
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    /// A string value for a module name (an atom when it can be one).
    fn name_value(&mut self, s: &str) -> CResult<Value> {
        let k = self.cx.rt.key(s)?;
        Ok(match k.as_atom() {
            Some(a) => a.to_value(),
            None => JsString::from_str(self.cx.heap(), s)?.to_value(),
        })
    }

    /// The index of the request for `source` (added if new).
    fn request(
        &mut self,
        m: Gc<Module>,
        source: JsStr<'a>,
        attrs: &'a [ImportAttribute<'a>],
        phase: ImportPhase,
    ) -> CResult<usize> {
        let s = self.js_string(source)?;
        // 0: JavaScript, 1: JSON, 2: text (`with { type: … }`).
        let kind = attrs
            .iter()
            .find(|a| export_name(&a.key) == Some("type"))
            .map_or(0, |a| match a.value.as_str() {
                Some("json") => 1,
                Some("text") => 2,
                _ => 0,
            });
        let ty = Value::int(kind | (phase_code(phase) as i32) << 4);
        let heap = self.cx.heap();
        for i in 0..m.requests.len() {
            let r = m.requests.get(i).and_then(JsString::from_value);
            if let Some(r) = r {
                if JsString::equals(heap, r, s)? && m.request_types.get(i) == Some(ty) {
                    return Ok(i);
                }
            }
        }
        m.requests.push(heap, s.to_value())?;
        m.request_types.push(heap, ty)?;
        m.loaded.push(heap, Value::UNDEFINED)?;
        Ok(m.requests.len() - 1)
    }

    /// Records an import of `imported` (`None`: the namespace) from request `req` into the
    /// local binding `local`.
    fn import_entry(
        &mut self,
        m: Gc<Module>,
        req: usize,
        imported: Imported<'_>,
        local: &'a str,
        table: &mut u32,
        next: &mut u32,
    ) -> CResult<()> {
        let scope = self.scope;
        let Some(i) = self.binding_index(scope, local) else {
            return Ok(());
        };
        let (name, dest) = match imported {
            Imported::Name(_) | Imported::Source => {
                let idx = *table;
                *table += 1;
                self.unit.locs[i] = Loc::Import(0, idx);
                let name = match imported {
                    Imported::Name(n) => self.name_value(n)?,
                    _ => Value::FALSE,
                };
                (name, idx as i32)
            }
            Imported::Namespace | Imported::Deferred => {
                let slot = *next;
                *next += 1;
                self.unit.locs[i] = Loc::Env(0, slot);
                let name = match imported {
                    Imported::Deferred => Value::TRUE,
                    _ => Value::NULL,
                };
                (name, slot as i32 + 1)
            }
        };
        let heap = self.cx.heap();
        m.imports.push(heap, Value::int(req as i32))?;
        m.imports.push(heap, name)?;
        m.imports.push(heap, Value::int(dest))?;
        Ok(())
    }

    /// The environment index of the module-scope binding `local`, or the import entry it is.
    fn local_target(&self, m: Gc<Module>, local: &str) -> Option<Result<i32, (Value, Value)>> {
        let i = self.binding_index(self.scope, local)?;
        let namespace_import = self.unit.tree.bindings[i].kind == BindingKind::Import;
        match self.unit.locs[i] {
            Loc::Env(_, s) if namespace_import => {
                // Re-exporting `* as ns`: an indirect export of the namespace itself.
                let n = m.imports.len() / 3;
                (0..n)
                    .find(|&k| m.imports.get(3 * k + 2) == Some(Value::int(s as i32 + 1)))
                    .map(|k| {
                        Err((
                            m.imports.get(3 * k).unwrap_or(Value::UNDEFINED),
                            Value::NULL,
                        ))
                    })
            }
            Loc::Env(_, s) => Some(Ok(s as i32 + 1)),
            Loc::Import(_, idx) => {
                // Re-exporting an import: an indirect export of what it imports.
                let n = m.imports.len() / 3;
                (0..n)
                    .find(|&k| m.imports.get(3 * k + 2) == Some(Value::int(idx as i32)))
                    .map(|k| {
                        Err((
                            m.imports.get(3 * k).unwrap_or(Value::UNDEFINED),
                            m.imports.get(3 * k + 1).unwrap_or(Value::NULL),
                        ))
                    })
            }
            _ => None,
        }
    }

    fn local_export(&mut self, m: Gc<Module>, exported: &str, local: &str) -> CResult<()> {
        let ev = self.name_value(exported)?;
        let heap = self.cx.heap();
        match self.local_target(m, local) {
            Some(Ok(slot)) => {
                m.local_exports.push(heap, ev)?;
                m.local_exports.push(heap, Value::int(slot))?;
            }
            Some(Err((req, imported))) => {
                m.indirect_exports.push(heap, ev)?;
                m.indirect_exports.push(heap, req)?;
                m.indirect_exports.push(heap, imported)?;
            }
            None => {}
        }
        Ok(())
    }

    /// Records the export entries of one `export` declaration.
    fn export_entries(
        &mut self,
        m: Gc<Module>,
        e: &'a ExportDecl<'a>,
        default_slot: u32,
    ) -> CResult<()> {
        match *e {
            ExportDecl::Named(specs, None) => {
                for sp in specs {
                    if let (Some(l), Some(x)) = (export_name(&sp.local), export_name(&sp.exported))
                    {
                        self.local_export(m, x, l)?;
                    }
                }
            }
            ExportDecl::Named(specs, Some((src, attrs))) => {
                let req = self.request(m, src, attrs, ImportPhase::Evaluation)?;
                for sp in specs {
                    if let (Some(l), Some(x)) = (export_name(&sp.local), export_name(&sp.exported))
                    {
                        let ev = self.name_value(x)?;
                        let lv = self.name_value(l)?;
                        let heap = self.cx.heap();
                        m.indirect_exports.push(heap, ev)?;
                        m.indirect_exports.push(heap, Value::int(req as i32))?;
                        m.indirect_exports.push(heap, lv)?;
                    }
                }
            }
            ExportDecl::All(name, src, attrs) => {
                let req = self.request(m, src, attrs, ImportPhase::Evaluation)?;
                let heap = self.cx.heap();
                match name.as_ref().and_then(export_name) {
                    Some(x) => {
                        let ev = self.name_value(x)?;
                        let heap = self.cx.heap();
                        m.indirect_exports.push(heap, ev)?;
                        m.indirect_exports.push(heap, Value::int(req as i32))?;
                        m.indirect_exports.push(heap, Value::NULL)?;
                    }
                    None => m.star_exports.push(heap, Value::int(req as i32))?,
                }
            }
            ExportDecl::DefaultExpr(_) => {
                let ev = self.name_value("default")?;
                let heap = self.cx.heap();
                m.local_exports.push(heap, ev)?;
                m.local_exports
                    .push(heap, Value::int(default_slot as i32 + 1))?;
            }
            ExportDecl::DefaultDecl(s) => {
                let id = match s.kind {
                    StmtKind::Function(f) => f.id,
                    StmtKind::Class(c) => c.id,
                    _ => None,
                };
                match id {
                    Some(id) => self.local_export(m, "default", id.name)?,
                    None => {
                        let ev = self.name_value("default")?;
                        let heap = self.cx.heap();
                        m.local_exports.push(heap, ev)?;
                        m.local_exports
                            .push(heap, Value::int(default_slot as i32 + 1))?;
                    }
                }
            }
            ExportDecl::Decl(s) => match s.kind {
                StmtKind::Var(d) => {
                    for decl in d.decls {
                        bound_names(&decl.target, &mut |n| self.local_export(m, n, n))?;
                    }
                }
                StmtKind::Function(f) => {
                    if let Some(id) = f.id {
                        self.local_export(m, id.name, id.name)?;
                    }
                }
                StmtKind::Class(c) => {
                    if let Some(id) = c.id {
                        self.local_export(m, id.name, id.name)?;
                    }
                }
                _ => {}
            },
        }
        Ok(())
    }

    /// InitializeEnvironment's part in code: `var`s undefined, function declarations
    /// created (an anonymous default function into the default slot).
    fn module_init(&mut self, body: &'a [Stmt<'a>], default_slot: u32) -> CResult<()> {
        let scope = self.scope;
        let (a, b) = self.unit.tree.scope(scope).bindings;
        for i in a as usize..b as usize {
            let bd = self.unit.tree.bindings[i];
            if matches!(bd.kind, BindingKind::Var | BindingKind::Function) {
                self.emit0(Op::LdaUndefined)?;
                self.store_loc(self.unit.locs[i])?;
            }
        }
        self.hoist_functions(body)?;
        for s in body {
            if let StmtKind::Export(ExportDecl::DefaultDecl(d)) = s.kind {
                if let StmtKind::Function(f) = d.kind {
                    if f.id.is_none() {
                        self.closure_named(f, None, Some("default"))?;
                        self.store_loc(Loc::Env(0, default_slot))?;
                    }
                }
            }
        }
        self.emit0(Op::LdaUndefined)?;
        self.emit0(Op::Return)
    }

    /// Compiles an `export` statement of the module body.
    pub(super) fn export_stmt(&mut self, e: &'a ExportDecl<'a>) -> CResult<()> {
        match *e {
            ExportDecl::Decl(s) => self.stmt(s),
            ExportDecl::DefaultDecl(s) => match s.kind {
                StmtKind::Class(c) => match c.id {
                    Some(id) => {
                        self.class(c, None)?;
                        self.init_var(self.scope, id.name)
                    }
                    None => {
                        self.class(c, Some("default"))?;
                        self.store_loc(Loc::Env(0, self.module_default))
                    }
                },
                // Function declarations were created at link time.
                _ => Ok(()),
            },
            ExportDecl::DefaultExpr(x) => {
                self.named_value(x, Some("default"))?;
                self.store_loc(Loc::Env(0, self.module_default))
            }
            ExportDecl::Named(..) | ExportDecl::All(..) => Ok(()),
        }
    }

    /// Notes a top-level `await` in a module body being compiled as a plain function.
    pub(super) fn note_top_level_await(&mut self) -> bool {
        if self.module_top && self.async_fn.is_none() {
            self.saw_await = true;
            return true;
        }
        false
    }
}

impl<'u, 'a, 'c, 'r> Fc<'u, 'a, 'c, 'r> {
    /// `import(specifier, options)`: acc = a promise for the module's namespace.
    pub(super) fn import_call(
        &mut self,
        spec: &'a conch_parser::ast::Expr<'a>,
        options: Option<&'a conch_parser::ast::Expr<'a>>,
        phase: ImportPhase,
        at: u32,
    ) -> CResult<()> {
        let m = self.mark();
        let s = self.temp();
        let o = self.temp();
        self.expr(spec)?;
        self.emit_r(Op::Star, s)?;
        match options {
            Some(e) => self.expr(e)?,
            None => self.emit0(Op::LdaUndefined)?,
        }
        self.emit_r(Op::Star, o)?;
        self.pos(at)?;
        self.emit(Op::DynamicImport, &[s as i64, o as i64, phase_code(phase)])?;
        self.release(m);
        Ok(())
    }
}

/// What an import entry imports.
#[derive(Clone, Copy)]
enum Imported<'n> {
    /// An export by name.
    Name(&'n str),
    /// `* as ns`.
    Namespace,
    /// `defer * as ns`.
    Deferred,
    /// `source x`.
    Source,
}
