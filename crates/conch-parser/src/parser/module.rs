//! Module items: `import` and `export` declarations and their name rules.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::{Tok, TokValue};
use crate::scope::{BindingKind, Decl, ScopeId};
use crate::JsStr;

impl<'a> Parser<'a> {
    fn parse_module_specifier(&mut self) -> PResult<JsStr<'a>> {
        if !self.at(Tok::String) {
            return self.unexpected();
        }
        self.check_octal(&{ self.tok })?;
        let s = match self.tok.value {
            TokValue::Str(s) => s,
            _ => return self.unexpected(),
        };
        self.bump()?;
        Ok(s)
    }

    /// IdentifierName or string (a ModuleExportName).
    fn parse_module_export_name(&mut self) -> PResult<ModuleExportName<'a>> {
        let span = Span::new(self.tok.start, self.tok.end);
        let n = match self.tok.kind {
            Tok::String => {
                let s = match self.tok.value {
                    TokValue::Str(s) => s,
                    _ => return self.unexpected(),
                };
                if !s.is_well_formed() {
                    return self.err_at(
                        span.start,
                        "Invalid module export name: contains unpaired surrogate",
                    );
                }
                ModuleExportName::String(span, s)
            }
            k if k == Tok::Ident || k.is_keyword() => ModuleExportName::Ident(Ident {
                span,
                name: self.tok.name(),
            }),
            _ => return self.unexpected(),
        };
        self.bump()?;
        Ok(n)
    }

    /// `with { key: "value", ... }` (optional).
    fn parse_import_attributes(&mut self) -> PResult<&'a [ImportAttribute<'a>]> {
        if !self.at(Tok::With) {
            return Ok(&[]);
        }
        self.bump()?;
        self.expect(Tok::LBrace)?;
        let mut attrs = self.new_vec();
        while !self.at(Tok::RBrace) {
            let astart = self.tok.start;
            let key = self.parse_module_export_name()?;
            self.expect(Tok::Colon)?;
            let value = self.parse_module_specifier()?;
            let kb = name_bytes(&key);
            if attrs
                .iter()
                .any(|a: &ImportAttribute<'a>| name_bytes(&a.key) == kb)
            {
                return self.err_at(astart, "Import attribute has duplicate key");
            }
            Self::push(
                &mut attrs,
                ImportAttribute {
                    span: self.span_from(astart),
                    key,
                    value,
                },
            )?;
            if !self.at(Tok::RBrace) {
                self.expect(Tok::Comma)?;
            }
        }
        self.bump()?;
        Ok(attrs.leak())
    }

    fn parse_import_binding(&mut self) -> PResult<Ident<'a>> {
        if !self.at(Tok::Ident) {
            return self.unexpected();
        }
        let at = self.tok.start;
        let name = self.tok.name();
        self.check_binding_identifier(name, at, self.tok.escaped)?;
        self.bump()?;
        self.declare_name(name, at, Decl::Lexical(BindingKind::Import))?;
        Ok(Ident {
            span: self.span_from(at),
            name,
        })
    }

    pub(crate) fn parse_import_decl(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.start;
        self.bump()?;
        // `import defer * as ns from …` / `import source x from …` (stage-3 phases; `defer`
        // and `source` stay usable as binding names: `import defer from …`).
        let mut phase = ImportPhase::Evaluation;
        if self.is_name("defer") && self.peek()?.kind == Tok::Star {
            self.bump()?;
            phase = ImportPhase::Defer;
        } else if self.is_name("source") {
            let next = self.peek()?;
            let is_source = next.kind == Tok::Ident
                && (next.escaped || next.name() != "from" || {
                    let (_, b) = self.peek2()?;
                    b.kind == Tok::Ident && !b.escaped && b.name() == "from"
                });
            if is_source {
                self.bump()?;
                phase = ImportPhase::Source;
            }
        }
        if phase != ImportPhase::Evaluation {
            let mut default = None;
            let mut namespace = None;
            if phase == ImportPhase::Defer {
                self.expect(Tok::Star)?;
                if !self.is_name("as") {
                    return self.unexpected();
                }
                self.bump()?;
                namespace = Some(self.parse_import_binding()?);
            } else {
                default = Some(self.parse_import_binding()?);
            }
            if !self.is_name("from") {
                return self.unexpected();
            }
            self.bump()?;
            let source = self.parse_module_specifier()?;
            let attributes = self.parse_import_attributes()?;
            self.semicolon()?;
            let d = ImportDecl {
                phase,
                default,
                namespace,
                named: &[],
                source,
                attributes,
            };
            return Ok(Stmt {
                span: self.span_from(start),
                kind: StmtKind::Import(self.alloc(d)?),
            });
        }
        let mut default = None;
        let mut namespace = None;
        let mut named: &'a [ImportSpecifier<'a>] = &[];
        if self.at(Tok::String) {
            let source = self.parse_module_specifier()?;
            let attributes = self.parse_import_attributes()?;
            self.semicolon()?;
            let d = ImportDecl {
                phase,
                default,
                namespace,
                named,
                source,
                attributes,
            };
            return Ok(Stmt {
                span: self.span_from(start),
                kind: StmtKind::Import(self.alloc(d)?),
            });
        }
        let mut need_more = true;
        if self.at(Tok::Ident) {
            default = Some(self.parse_import_binding()?);
            need_more = self.eat(Tok::Comma)?;
        }
        if need_more {
            if self.eat(Tok::Star)? {
                if !self.is_name("as") {
                    return self.unexpected();
                }
                self.bump()?;
                namespace = Some(self.parse_import_binding()?);
            } else if self.eat(Tok::LBrace)? {
                let mut list = self.new_vec();
                while !self.at(Tok::RBrace) {
                    let tok = self.tok;
                    let imported = self.parse_module_export_name()?;
                    let local = if self.is_name("as") {
                        self.bump()?;
                        self.parse_import_binding()?
                    } else {
                        let ModuleExportName::Ident(id) = imported else {
                            return self.unexpected();
                        };
                        if tok.kind != Tok::Ident {
                            return self.err_at(tok.start, "Unexpected reserved word");
                        }
                        self.check_binding_identifier(id.name, id.span.start, tok.escaped)?;
                        self.declare_name(
                            id.name,
                            id.span.start,
                            Decl::Lexical(BindingKind::Import),
                        )?;
                        id
                    };
                    Self::push(&mut list, ImportSpecifier { imported, local })?;
                    if !self.at(Tok::RBrace) {
                        self.expect(Tok::Comma)?;
                    }
                }
                self.bump()?;
                named = list.leak();
            } else {
                return self.unexpected();
            }
        }
        if !self.is_name("from") {
            return self.unexpected();
        }
        self.bump()?;
        let source = self.parse_module_specifier()?;
        let attributes = self.parse_import_attributes()?;
        self.semicolon()?;
        let d = ImportDecl {
            phase,
            default,
            namespace,
            named,
            source,
            attributes,
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::Import(self.alloc(d)?),
        })
    }

    fn add_export(&mut self, name: &ModuleExportName<'a>) -> PResult<()> {
        let (bytes, at) = match name {
            ModuleExportName::Ident(id) => (id.name.as_bytes(), id.span.start),
            ModuleExportName::String(span, s) => (s.as_bytes(), span.start),
        };
        let s = std::str::from_utf8(bytes).unwrap_or("");
        self.add_export_str(s, at)
    }

    fn add_export_str(&mut self, name: &'a str, at: u32) -> PResult<()> {
        if self.exported.contains_key(name) {
            return self.err_named(at, "Duplicate export of '{}'", name);
        }
        self.exported.try_reserve(1).map_err(super::oom)?;
        self.exported.insert(name, at);
        Ok(())
    }

    fn export_bound_names(&mut self, stmt: &Stmt<'a>) -> PResult<()> {
        match stmt.kind {
            StmtKind::Var(d) => {
                for decl in d.decls {
                    self.for_each_bound_name(&decl.target, &mut |this, name, at| {
                        this.add_export_str(name, at)
                    })?;
                }
                Ok(())
            }
            StmtKind::Function(f) => match f.id {
                Some(id) => self.add_export_str(id.name, id.span.start),
                None => Ok(()),
            },
            StmtKind::Class(c) => match c.id {
                Some(id) => self.add_export_str(id.name, id.span.start),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }

    pub(crate) fn parse_export_decl(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.start;
        self.bump()?;
        let decl = match self.tok.kind {
            Tok::Star => {
                self.bump()?;
                let mut alias = None;
                if self.is_name("as") {
                    self.bump()?;
                    let n = self.parse_module_export_name()?;
                    self.add_export(&n)?;
                    alias = Some(n);
                }
                if !self.is_name("from") {
                    return self.unexpected();
                }
                self.bump()?;
                let source = self.parse_module_specifier()?;
                let attrs = self.parse_import_attributes()?;
                self.semicolon()?;
                ExportDecl::All(alias, source, attrs)
            }
            Tok::LBrace => {
                self.bump()?;
                let mut list = self.new_vec();
                let mut first_bad: Option<u32> = None;
                while !self.at(Tok::RBrace) {
                    let tok = self.tok;
                    let local = self.parse_module_export_name()?;
                    if tok.kind != Tok::Ident && first_bad.is_none() {
                        first_bad = Some(tok.start);
                    }
                    let exported = if self.is_name("as") {
                        self.bump()?;
                        self.parse_module_export_name()?
                    } else {
                        local
                    };
                    self.add_export(&exported)?;
                    Self::push(&mut list, ExportSpecifier { local, exported })?;
                    if !self.at(Tok::RBrace) {
                        self.expect(Tok::Comma)?;
                    }
                }
                self.bump()?;
                let list = list.leak();
                let from = if self.is_name("from") {
                    self.bump()?;
                    let source = self.parse_module_specifier()?;
                    let attrs = self.parse_import_attributes()?;
                    Some((source, attrs))
                } else {
                    if let Some(at) = first_bad {
                        return self
                            .err_at(at, "Unexpected reserved word or string in local export");
                    }
                    for s in list.iter() {
                        if let ModuleExportName::Ident(id) = s.local {
                            if crate::lexer::token::is_strict_reserved(id.name)
                                || id.name == "await"
                            {
                                return self.err_at(id.span.start, "Unexpected reserved word");
                            }
                            Self::push(&mut self.export_locals, (id.name, id.span.start))?;
                            self.reference(id.name)?;
                        }
                    }
                    None
                };
                self.semicolon()?;
                ExportDecl::Named(list, from)
            }
            Tok::Default => {
                let dstart = self.tok.start;
                self.bump()?;
                self.add_export_str("default", dstart)?;
                let s = self.tok.start;
                if self.at(Tok::Function) {
                    let f = self.parse_function_declaration_ext(s, false, false, true)?;
                    let st = Stmt {
                        span: self.span_from(s),
                        kind: StmtKind::Function(f),
                    };
                    ExportDecl::DefaultDecl(self.alloc(st)?)
                } else if self.is_name("async") && {
                    let n = self.peek()?;
                    n.kind == Tok::Function && !n.newline_before
                } {
                    self.bump()?;
                    let f = self.parse_function_declaration_ext(s, true, false, true)?;
                    let st = Stmt {
                        span: self.span_from(s),
                        kind: StmtKind::Function(f),
                    };
                    ExportDecl::DefaultDecl(self.alloc(st)?)
                } else if self.at(Tok::Class) {
                    let c = self.parse_class(true, true)?;
                    let st = Stmt {
                        span: self.span_from(s),
                        kind: StmtKind::Class(c),
                    };
                    ExportDecl::DefaultDecl(self.alloc(st)?)
                } else {
                    let e = self.parse_assignment()?;
                    self.semicolon()?;
                    ExportDecl::DefaultExpr(self.alloc(e)?)
                }
            }
            Tok::Var | Tok::Const | Tok::Function | Tok::Class => {
                let st = self.parse_statement_list_item(false)?;
                self.export_bound_names(&st)?;
                ExportDecl::Decl(self.alloc(st)?)
            }
            Tok::Ident
                if self.is_name("let")
                    || self.is_name("async")
                    || self.is_name("using")
                    || self.is_name("await") =>
            {
                let st = self.parse_statement_list_item(false)?;
                if !matches!(st.kind, StmtKind::Var(_) | StmtKind::Function(_)) {
                    return self.err_at(st.span.start, "Unexpected token");
                }
                if let StmtKind::Var(d) = st.kind {
                    if matches!(d.kind, VarKind::Using | VarKind::AwaitUsing) {
                        return self
                            .err_at(st.span.start, "Using declarations may not be exported");
                    }
                }
                self.export_bound_names(&st)?;
                ExportDecl::Decl(self.alloc(st)?)
            }
            _ => return self.unexpected(),
        };
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::Export(self.alloc(decl)?),
        })
    }

    /// Every `export { x }` must name a declaration of the module.
    pub(crate) fn check_module_exports(&mut self, scope: ScopeId) -> PResult<()> {
        for &(name, at) in self.export_locals.iter() {
            if !self.scopes.is_declared(scope, name) {
                return self.err_named(at, "Export '{}' is not defined in module", name);
            }
        }
        Ok(())
    }
}

fn name_bytes<'a>(n: &ModuleExportName<'a>) -> &'a [u8] {
    match n {
        ModuleExportName::Ident(id) => id.name.as_bytes(),
        ModuleExportName::String(_, s) => s.as_bytes(),
    }
}
