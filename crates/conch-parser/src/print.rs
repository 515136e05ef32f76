//! A compact, indented text dump of the AST (one node per line, with its byte span), for
//! `conch parse --ast` and for reading trees while debugging. Writes to any `fmt::Write`
//! without allocating; deep trees end with `fmt::Error` at the stack limit instead of
//! overflowing.

use crate::ast::*;
use crate::JsStr;
use conch_mm::stack::StackLimit;
use std::fmt::{self, Write};

/// Writes `program` as an indented tree.
pub fn write_program(out: &mut dyn Write, program: &Program<'_>) -> fmt::Result {
    let mut p = Printer {
        out,
        depth: 0,
        stack: StackLimit::current_thread(),
    };
    let goal = match program.source_type {
        SourceType::Script => "script",
        SourceType::Module => "module",
    };
    p.line(
        program.span,
        format_args!(
            "Program {goal}{}",
            if program.strict { " strict" } else { "" }
        ),
    )?;
    p.nested(|p| p.stmts(program.body))
}

struct Printer<'o> {
    out: &'o mut dyn Write,
    depth: usize,
    stack: StackLimit,
}

struct Str<'a>(JsStr<'a>);

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl Printer<'_> {
    fn line(&mut self, span: Span, what: fmt::Arguments<'_>) -> fmt::Result {
        for _ in 0..self.depth {
            self.out.write_str("  ")?;
        }
        writeln!(self.out, "{what} @{}..{}", span.start, span.end)
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> fmt::Result) -> fmt::Result {
        if self.stack.exceeded() {
            return Err(fmt::Error);
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn stmts(&mut self, list: &[Stmt<'_>]) -> fmt::Result {
        list.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt<'_>) -> fmt::Result {
        let sp = s.span;
        match s.kind {
            StmtKind::Expr(e) => {
                self.line(sp, format_args!("ExprStmt"))?;
                self.nested(|p| p.expr(e))
            }
            StmtKind::Var(d) => self.var_decl(sp, d),
            StmtKind::Function(f) => self.function(sp, "FunctionDecl", f),
            StmtKind::Class(c) => self.class(sp, "ClassDecl", c),
            StmtKind::Block(b) => {
                self.line(sp, format_args!("Block scope={}", b.scope.0))?;
                self.nested(|p| p.stmts(b.body))
            }
            StmtKind::Empty => self.line(sp, format_args!("Empty")),
            StmtKind::Debugger => self.line(sp, format_args!("Debugger")),
            StmtKind::If(t, c, a) => {
                self.line(sp, format_args!("If"))?;
                self.nested(|p| {
                    p.expr(t)?;
                    p.stmt(c)?;
                    a.map_or(Ok(()), |a| p.stmt(a))
                })
            }
            StmtKind::For(f) => {
                self.line(sp, format_args!("For scope={}", f.scope.0))?;
                self.nested(|p| {
                    match f.init {
                        Some(ForInit::Var(d)) => p.var_decl(sp, d)?,
                        Some(ForInit::Expr(e)) => p.expr(e)?,
                        None => p.line(sp, format_args!("NoInit"))?,
                    }
                    p.opt_expr(f.test, "NoTest")?;
                    p.opt_expr(f.update, "NoUpdate")?;
                    p.stmt(f.body)
                })
            }
            StmtKind::ForIn(f) | StmtKind::ForOf(f) => {
                let what = if matches!(s.kind, StmtKind::ForIn(_)) {
                    "ForIn"
                } else {
                    "ForOf"
                };
                let aw = if f.is_await { " await" } else { "" };
                self.line(sp, format_args!("{what}{aw} scope={}", f.scope.0))?;
                self.nested(|p| {
                    match f.left {
                        ForHead::Var(d) => p.var_decl(sp, d)?,
                        ForHead::Pattern(pat) => p.pattern(&pat)?,
                    }
                    p.expr(f.right)?;
                    p.stmt(f.body)
                })
            }
            StmtKind::While(t, b) => {
                self.line(sp, format_args!("While"))?;
                self.nested(|p| {
                    p.expr(t)?;
                    p.stmt(b)
                })
            }
            StmtKind::DoWhile(b, t) => {
                self.line(sp, format_args!("DoWhile"))?;
                self.nested(|p| {
                    p.stmt(b)?;
                    p.expr(t)
                })
            }
            StmtKind::Return(e) => {
                self.line(sp, format_args!("Return"))?;
                self.nested(|p| e.map_or(Ok(()), |e| p.expr(e)))
            }
            StmtKind::Break(l) => self.line(sp, format_args!("Break {}", l.map_or("", |l| l.name))),
            StmtKind::Continue(l) => {
                self.line(sp, format_args!("Continue {}", l.map_or("", |l| l.name)))
            }
            StmtKind::Throw(e) => {
                self.line(sp, format_args!("Throw"))?;
                self.nested(|p| p.expr(e))
            }
            StmtKind::Try(t) => {
                self.line(sp, format_args!("Try"))?;
                self.nested(|p| {
                    p.line(sp, format_args!("Block scope={}", t.block.scope.0))?;
                    p.nested(|p| p.stmts(t.block.body))?;
                    if let Some(h) = &t.handler {
                        p.line(h.span, format_args!("Catch scope={}", h.scope.0))?;
                        p.nested(|p| {
                            if let Some(param) = &h.param {
                                p.pattern(param)?;
                            }
                            p.stmts(h.body.body)
                        })?;
                    }
                    if let Some(f) = &t.finalizer {
                        p.line(sp, format_args!("Finally scope={}", f.scope.0))?;
                        p.nested(|p| p.stmts(f.body))?;
                    }
                    Ok(())
                })
            }
            StmtKind::Switch(sw) => {
                self.line(sp, format_args!("Switch scope={}", sw.scope.0))?;
                self.nested(|p| {
                    p.expr(sw.discriminant)?;
                    for c in sw.cases {
                        match c.test {
                            Some(t) => {
                                p.line(c.span, format_args!("Case"))?;
                                p.nested(|p| {
                                    p.expr(t)?;
                                    p.stmts(c.body)
                                })?;
                            }
                            None => {
                                p.line(c.span, format_args!("Default"))?;
                                p.nested(|p| p.stmts(c.body))?;
                            }
                        }
                    }
                    Ok(())
                })
            }
            StmtKind::Labeled(l, b) => {
                self.line(sp, format_args!("Labeled {}", l.name))?;
                self.nested(|p| p.stmt(b))
            }
            StmtKind::With(o, b) => {
                self.line(sp, format_args!("With"))?;
                self.nested(|p| {
                    p.expr(o)?;
                    p.stmt(b)
                })
            }
            StmtKind::Import(i) => {
                self.line(sp, format_args!("Import from {}", Str(i.source)))?;
                self.nested(|p| {
                    if let Some(d) = i.default {
                        p.line(d.span, format_args!("Default {}", d.name))?;
                    }
                    if let Some(n) = i.namespace {
                        p.line(n.span, format_args!("Namespace {}", n.name))?;
                    }
                    for s in i.named {
                        p.line(
                            s.local.span,
                            format_args!("Named {} as {}", MName(s.imported), s.local.name),
                        )?;
                    }
                    p.attributes(i.attributes)
                })
            }
            StmtKind::Export(e) => self.export(sp, e),
        }
    }

    fn attributes(&mut self, attrs: &[ImportAttribute<'_>]) -> fmt::Result {
        for a in attrs {
            self.line(
                a.span,
                format_args!("Attribute {} = {}", MName(a.key), Str(a.value)),
            )?;
        }
        Ok(())
    }

    fn export(&mut self, sp: Span, e: &ExportDecl<'_>) -> fmt::Result {
        match e {
            ExportDecl::Named(specs, from) => {
                match from {
                    Some((src, _)) => {
                        self.line(sp, format_args!("ExportNamed from {}", Str(*src)))?
                    }
                    None => self.line(sp, format_args!("ExportNamed"))?,
                }
                self.nested(|p| {
                    for s in specs.iter() {
                        p.line(
                            sp,
                            format_args!("{} as {}", MName(s.local), MName(s.exported)),
                        )?;
                    }
                    from.map_or(Ok(()), |(_, a)| p.attributes(a))
                })
            }
            ExportDecl::All(alias, src, attrs) => {
                match alias {
                    Some(a) => self.line(
                        sp,
                        format_args!("ExportAll as {} from {}", MName(*a), Str(*src)),
                    )?,
                    None => self.line(sp, format_args!("ExportAll from {}", Str(*src)))?,
                }
                self.nested(|p| p.attributes(attrs))
            }
            ExportDecl::DefaultExpr(x) => {
                self.line(sp, format_args!("ExportDefault"))?;
                self.nested(|p| p.expr(x))
            }
            ExportDecl::DefaultDecl(s) => {
                self.line(sp, format_args!("ExportDefault"))?;
                self.nested(|p| p.stmt(s))
            }
            ExportDecl::Decl(s) => {
                self.line(sp, format_args!("Export"))?;
                self.nested(|p| p.stmt(s))
            }
        }
    }

    fn var_decl(&mut self, sp: Span, d: &VarDecl<'_>) -> fmt::Result {
        self.line(sp, format_args!("Var {:?}", d.kind))?;
        self.nested(|p| {
            for decl in d.decls {
                p.line(decl.span, format_args!("Declarator"))?;
                p.nested(|p| {
                    p.pattern(&decl.target)?;
                    decl.init.map_or(Ok(()), |e| p.expr(e))
                })?;
            }
            Ok(())
        })
    }

    fn opt_expr(&mut self, e: Option<&Expr<'_>>, none: &str) -> fmt::Result {
        match e {
            Some(e) => self.expr(e),
            None => self.line(Span::default(), format_args!("{none}")),
        }
    }

    fn function(&mut self, sp: Span, what: &str, f: &Function<'_>) -> fmt::Result {
        self.line(
            sp,
            format_args!(
                "{what} {}{}{}{} kind={:?} scope={}",
                f.id.map_or("", |i| i.name),
                if f.is_async { " async" } else { "" },
                if f.is_generator { " generator" } else { "" },
                if f.strict { " strict" } else { "" },
                f.kind,
                f.scope.0
            ),
        )?;
        self.nested(|p| {
            for param in f.params {
                p.pattern(param)?;
            }
            if let Some(r) = f.rest {
                p.line(r.span, format_args!("Rest"))?;
                p.nested(|p| p.pattern(r))?;
            }
            match f.expr_body {
                Some(e) => p.expr(e),
                None => p.stmts(f.body),
            }
        })
    }

    fn class(&mut self, sp: Span, what: &str, c: &Class<'_>) -> fmt::Result {
        self.line(
            sp,
            format_args!("{what} {} scope={}", c.id.map_or("", |i| i.name), c.scope.0),
        )?;
        self.nested(|p| {
            if let Some(s) = c.super_class {
                p.line(s.span, format_args!("Extends"))?;
                p.nested(|p| p.expr(s))?;
            }
            for el in c.body {
                let st = if el.is_static { "static " } else { "" };
                match el.kind {
                    ClassElementKind::Method(k, mk, f) => {
                        p.line(el.span, format_args!("{st}{mk:?}"))?;
                        p.nested(|p| {
                            p.key(&k)?;
                            p.function(f.span, "Function", f)
                        })?;
                    }
                    ClassElementKind::Field(k, init) | ClassElementKind::Accessor(k, init) => {
                        p.line(el.span, format_args!("{st}Field"))?;
                        p.nested(|p| {
                            p.key(&k)?;
                            init.map_or(Ok(()), |f| p.function(f.span, "Initializer", f))
                        })?;
                    }
                    ClassElementKind::StaticBlock(f) => {
                        p.line(el.span, format_args!("StaticBlock"))?;
                        p.nested(|p| p.function(f.span, "Function", f))?;
                    }
                }
            }
            Ok(())
        })
    }

    fn key(&mut self, k: &PropKey<'_>) -> fmt::Result {
        match k {
            PropKey::Ident(i) => self.line(i.span, format_args!("Key {}", i.name)),
            PropKey::String(sp, s) => self.line(*sp, format_args!("Key {}", Str(*s))),
            PropKey::Number(sp, n) => self.line(*sp, format_args!("Key {n}")),
            PropKey::BigInt(sp, n) => self.line(*sp, format_args!("Key {n}n")),
            PropKey::Private(i) => self.line(i.span, format_args!("Key #{}", i.name)),
            PropKey::Computed(e) => {
                self.line(e.span, format_args!("ComputedKey"))?;
                self.nested(|p| p.expr(e))
            }
        }
    }

    fn member_prop(&mut self, m: &MemberProp<'_>) -> fmt::Result {
        match m {
            MemberProp::Name(i) => self.line(i.span, format_args!("Name {}", i.name)),
            MemberProp::Private(i) => self.line(i.span, format_args!("Private #{}", i.name)),
            MemberProp::Computed(e) => self.expr(e),
        }
    }

    fn args(&mut self, args: &[Arg<'_>]) -> fmt::Result {
        for a in args {
            match a {
                Arg::Expr(e) => self.expr(e)?,
                Arg::Spread(e) => {
                    self.line(e.span, format_args!("Spread"))?;
                    self.nested(|p| p.expr(e))?;
                }
            }
        }
        Ok(())
    }

    fn template(&mut self, t: &Template<'_>) -> fmt::Result {
        for (i, q) in t.quasis.iter().enumerate() {
            match q.cooked {
                Some(c) => {
                    self.line(q.span, format_args!("Quasi {} raw={}", Str(c), Str(q.raw)))?
                }
                None => self.line(q.span, format_args!("Quasi <invalid> raw={}", Str(q.raw)))?,
            }
            if let Some(e) = t.exprs.get(i) {
                self.expr(e)?;
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr<'_>) -> fmt::Result {
        let sp = e.span;
        match e.kind {
            ExprKind::Ident(n) => self.line(sp, format_args!("Ident {n}")),
            ExprKind::This => self.line(sp, format_args!("This")),
            ExprKind::Null => self.line(sp, format_args!("Null")),
            ExprKind::Bool(b) => self.line(sp, format_args!("Bool {b}")),
            ExprKind::Number(n) => self.line(sp, format_args!("Number {n}")),
            ExprKind::BigInt(n) => self.line(sp, format_args!("BigInt {n}n")),
            ExprKind::String(s) => self.line(sp, format_args!("String {}", Str(s))),
            ExprKind::RegExp(r) => self.line(sp, format_args!("RegExp /{}/{}", r.pattern, r.flags)),
            ExprKind::Template(t) => {
                self.line(sp, format_args!("Template"))?;
                self.nested(|p| p.template(t))
            }
            ExprKind::TaggedTemplate(tag, t) => {
                self.line(sp, format_args!("TaggedTemplate"))?;
                self.nested(|p| {
                    p.expr(tag)?;
                    p.template(t)
                })
            }
            ExprKind::Array(elems, _) => {
                self.line(sp, format_args!("Array"))?;
                self.nested(|p| {
                    for el in elems {
                        match el {
                            ArrayElem::Expr(x) => p.expr(x)?,
                            ArrayElem::Spread(x) => {
                                p.line(x.span, format_args!("Spread"))?;
                                p.nested(|p| p.expr(x))?;
                            }
                            ArrayElem::Hole => p.line(sp, format_args!("Hole"))?,
                        }
                    }
                    Ok(())
                })
            }
            ExprKind::Object(props, _) => {
                self.line(sp, format_args!("Object"))?;
                self.nested(|p| {
                    for pr in props {
                        match pr.kind {
                            PropertyKind::Init(k, v) => {
                                p.line(pr.span, format_args!("Init"))?;
                                p.nested(|p| {
                                    p.key(&k)?;
                                    p.expr(v)
                                })?;
                            }
                            PropertyKind::Shorthand(i) => {
                                p.line(pr.span, format_args!("Shorthand {}", i.name))?
                            }
                            PropertyKind::Method(k, mk, f) => {
                                p.line(pr.span, format_args!("{mk:?}"))?;
                                p.nested(|p| {
                                    p.key(&k)?;
                                    p.function(f.span, "Function", f)
                                })?;
                            }
                            PropertyKind::Spread(x) => {
                                p.line(pr.span, format_args!("Spread"))?;
                                p.nested(|p| p.expr(x))?;
                            }
                        }
                    }
                    Ok(())
                })
            }
            ExprKind::Function(f) => self.function(sp, "FunctionExpr", f),
            ExprKind::Arrow(f) => self.function(sp, "Arrow", f),
            ExprKind::Class(c) => self.class(sp, "ClassExpr", c),
            ExprKind::Unary(op, a) => {
                self.line(sp, format_args!("Unary {op:?}"))?;
                self.nested(|p| p.expr(a))
            }
            ExprKind::Update(op, prefix, t) => {
                self.line(
                    sp,
                    format_args!(
                        "Update {op:?} {}",
                        if prefix { "prefix" } else { "postfix" }
                    ),
                )?;
                self.nested(|p| p.pattern(t))
            }
            ExprKind::Binary(op, l, r) => {
                self.line(sp, format_args!("Binary {op:?}"))?;
                self.nested(|p| {
                    p.expr(l)?;
                    p.expr(r)
                })
            }
            ExprKind::PrivateIn(n, r) => {
                self.line(sp, format_args!("PrivateIn #{}", n.name))?;
                self.nested(|p| p.expr(r))
            }
            ExprKind::Assign(op, t, v) => {
                self.line(sp, format_args!("Assign {op:?}"))?;
                self.nested(|p| {
                    p.pattern(t)?;
                    p.expr(v)
                })
            }
            ExprKind::Conditional(t, c, a) => {
                self.line(sp, format_args!("Conditional"))?;
                self.nested(|p| {
                    p.expr(t)?;
                    p.expr(c)?;
                    p.expr(a)
                })
            }
            ExprKind::Sequence(list) => {
                self.line(sp, format_args!("Sequence"))?;
                self.nested(|p| list.iter().try_for_each(|x| p.expr(x)))
            }
            ExprKind::Paren(x) => {
                self.line(sp, format_args!("Paren"))?;
                self.nested(|p| p.expr(x))
            }
            ExprKind::Member(o, m, opt) => {
                self.line(
                    sp,
                    format_args!("Member{}", if opt { " optional" } else { "" }),
                )?;
                self.nested(|p| {
                    p.expr(o)?;
                    p.member_prop(&m)
                })
            }
            ExprKind::SuperMember(m) => {
                self.line(sp, format_args!("SuperMember"))?;
                self.nested(|p| p.member_prop(&m))
            }
            ExprKind::Call(c, args, opt) => {
                self.line(
                    sp,
                    format_args!("Call{}", if opt { " optional" } else { "" }),
                )?;
                self.nested(|p| {
                    p.expr(c)?;
                    p.args(args)
                })
            }
            ExprKind::SuperCall(args) => {
                self.line(sp, format_args!("SuperCall"))?;
                self.nested(|p| p.args(args))
            }
            ExprKind::New(c, args) => {
                self.line(sp, format_args!("New"))?;
                self.nested(|p| {
                    p.expr(c)?;
                    p.args(args)
                })
            }
            ExprKind::OptionalChain(x) => {
                self.line(sp, format_args!("OptionalChain"))?;
                self.nested(|p| p.expr(x))
            }
            ExprKind::Yield(a, d) => {
                self.line(sp, format_args!("Yield{}", if d { "*" } else { "" }))?;
                self.nested(|p| a.map_or(Ok(()), |a| p.expr(a)))
            }
            ExprKind::Await(a) => {
                self.line(sp, format_args!("Await"))?;
                self.nested(|p| p.expr(a))
            }
            ExprKind::NewTarget => self.line(sp, format_args!("NewTarget")),
            ExprKind::ImportMeta => self.line(sp, format_args!("ImportMeta")),
            ExprKind::ImportCall(s, o, phase) => {
                match phase {
                    ImportPhase::Evaluation => self.line(sp, format_args!("ImportCall"))?,
                    ImportPhase::Defer => self.line(sp, format_args!("ImportCall defer"))?,
                    ImportPhase::Source => self.line(sp, format_args!("ImportCall source"))?,
                }
                self.nested(|p| {
                    p.expr(s)?;
                    o.map_or(Ok(()), |o| p.expr(o))
                })
            }
        }
    }

    fn pattern(&mut self, pat: &Pattern<'_>) -> fmt::Result {
        let sp = pat.span;
        match pat.kind {
            PatternKind::Ident(n) => self.line(sp, format_args!("Name {n}")),
            PatternKind::Expr(e) => {
                self.line(sp, format_args!("Target"))?;
                self.nested(|p| p.expr(e))
            }
            PatternKind::Assign(t, d) => {
                self.line(sp, format_args!("WithDefault"))?;
                self.nested(|p| {
                    p.pattern(t)?;
                    p.expr(d)
                })
            }
            PatternKind::Array(elems, rest) => {
                self.line(sp, format_args!("ArrayPattern"))?;
                self.nested(|p| {
                    for el in elems {
                        match el {
                            Some(x) => p.pattern(x)?,
                            None => p.line(sp, format_args!("Hole"))?,
                        }
                    }
                    rest.map_or(Ok(()), |r| {
                        p.line(r.span, format_args!("Rest"))?;
                        p.nested(|p| p.pattern(r))
                    })
                })
            }
            PatternKind::Object(props, rest) => {
                self.line(sp, format_args!("ObjectPattern"))?;
                self.nested(|p| {
                    for pr in props {
                        p.line(
                            pr.span,
                            format_args!("Prop{}", if pr.shorthand { " shorthand" } else { "" }),
                        )?;
                        p.nested(|p| {
                            p.key(&pr.key)?;
                            p.pattern(&pr.value)
                        })?;
                    }
                    rest.map_or(Ok(()), |r| {
                        p.line(r.span, format_args!("Rest"))?;
                        p.nested(|p| p.pattern(r))
                    })
                })
            }
        }
    }
}

struct MName<'a>(ModuleExportName<'a>);

impl fmt::Display for MName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ModuleExportName::Ident(i) => f.write_str(i.name),
            ModuleExportName::String(_, s) => write!(f, "{}", Str(s)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::disallowed_types,
        clippy::disallowed_methods,
        clippy::disallowed_macros
    )]
    use conch_mm::{Arena, MemoryManager};

    #[test]
    fn prints_an_indented_tree() {
        let arena = Arena::new(MemoryManager::new());
        let p = crate::parse_script("let [a = 1] = f?.(x);", &arena).unwrap();
        let mut out = String::new();
        super::write_program(&mut out, &p.program).unwrap();
        let expected = "\
Program script @0..21
  Var Let @0..21
    Declarator @4..20
      ArrayPattern @4..11
        WithDefault @5..10
          Name a @5..6
          Number 1 @9..10
      OptionalChain @14..20
        Call optional @14..20
          Ident f @14..15
          Ident x @18..19
";
        assert_eq!(out, expected);
    }
}
