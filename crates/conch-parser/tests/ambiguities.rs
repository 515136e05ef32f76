//! Inputs where two readings both parse: the AST must carry the one the spec chooses.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::ast::*;
use conch_parser::parse_script;

fn with_body(src: &str, check: impl FnOnce(&[Stmt<'_>])) {
    let arena = Arena::new(MemoryManager::new());
    let p = parse_script(src, &arena).unwrap_or_else(|e| panic!("{src:?}: {e}"));
    check(p.program.body);
}

fn expr<'a>(s: &'a Stmt<'a>) -> &'a Expr<'a> {
    match s.kind {
        StmtKind::Expr(e) => e,
        k => panic!("not an expression statement: {k:?}"),
    }
}

#[test]
fn let_newline_identifier_is_a_declaration() {
    with_body("let\nx = 1", |b| {
        assert_eq!(b.len(), 1);
        assert!(matches!(
            b[0].kind,
            StmtKind::Var(VarDecl {
                kind: VarKind::Let,
                ..
            })
        ));
    });
    with_body("if (a) let\nx = 1", |b| {
        let StmtKind::If(_, cons, _) = b[0].kind else {
            panic!()
        };
        assert!(matches!(expr(cons).kind, ExprKind::Ident("let")));
        assert_eq!(b.len(), 2);
    });
}

#[test]
fn asi_and_restricted_productions() {
    with_body("a\n++b", |b| {
        assert_eq!(b.len(), 2);
        assert!(matches!(
            expr(&b[1]).kind,
            ExprKind::Update(UpdateOp::Inc, true, _)
        ));
    });
    with_body("a = b\n/c/g", |b| {
        assert_eq!(b.len(), 1);
        let ExprKind::Assign(_, _, rhs) = expr(&b[0]).kind else {
            panic!()
        };
        assert!(matches!(rhs.kind, ExprKind::Binary(BinaryOp::Div, ..)));
    });
    with_body("function f() { return\na }", |b| {
        let StmtKind::Function(f) = b[0].kind else {
            panic!()
        };
        assert!(matches!(f.body[0].kind, StmtKind::Return(None)));
    });
    with_body("x = y\n(z)", |b| {
        let ExprKind::Assign(_, _, rhs) = expr(&b[0]).kind else {
            panic!()
        };
        assert!(matches!(rhs.kind, ExprKind::Call(..)));
    });
}

#[test]
fn async_is_a_call_unless_an_arrow_follows() {
    with_body("async(x); async (y) => y; async\n(z)", |b| {
        assert!(matches!(expr(&b[0]).kind, ExprKind::Call(..)));
        let ExprKind::Arrow(f) = expr(&b[1]).kind else {
            panic!()
        };
        assert!(f.is_async);
        assert!(matches!(expr(&b[2]).kind, ExprKind::Call(..)));
    });
}

#[test]
fn class_modifiers_versus_names() {
    with_body(
        "class C { get\nx() {} static\ny; async\nz() {} get; static async *w() {} }",
        |b| {
            let StmtKind::Class(c) = b[0].kind else {
                panic!()
            };
            let kinds: Vec<String> = c
                .body
                .iter()
                .map(|e| match e.kind {
                    ClassElementKind::Method(PropKey::Ident(id), k, f) => {
                        format!(
                            "{}{:?} {} async={} gen={}",
                            if e.is_static { "static " } else { "" },
                            k,
                            id.name,
                            f.is_async,
                            f.is_generator
                        )
                    }
                    ClassElementKind::Field(PropKey::Ident(id), _) => {
                        format!(
                            "{}field {}",
                            if e.is_static { "static " } else { "" },
                            id.name
                        )
                    }
                    _ => "other".to_string(),
                })
                .collect();
            assert_eq!(
                kinds,
                [
                    "Get x async=false gen=false",
                    "static field y",
                    "field async",
                    "Method z async=false gen=false",
                    "field get",
                    "static Method w async=true gen=true",
                ]
            );
        },
    );
}

#[test]
fn contextual_names_in_object_literals() {
    with_body(
        "({ async, get, set, of: 1, get x() {}, async *y() {} })",
        |b| {
            let ExprKind::Paren(inner) = expr(&b[0]).kind else {
                panic!()
            };
            let ExprKind::Object(props, _) = inner.kind else {
                panic!()
            };
            assert!(matches!(
                props[0].kind,
                PropertyKind::Shorthand(Ident { name: "async", .. })
            ));
            assert!(matches!(
                props[1].kind,
                PropertyKind::Shorthand(Ident { name: "get", .. })
            ));
            assert!(matches!(
                props[2].kind,
                PropertyKind::Shorthand(Ident { name: "set", .. })
            ));
            assert!(matches!(props[3].kind, PropertyKind::Init(..)));
            assert!(matches!(
                props[4].kind,
                PropertyKind::Method(_, MethodKind::Get, _)
            ));
            let PropertyKind::Method(_, MethodKind::Method, f) = props[5].kind else {
                panic!()
            };
            assert!(f.is_async && f.is_generator);
        },
    );
}

#[test]
fn html_close_comment_only_at_line_start() {
    with_body("x = y-->z", |b| {
        let ExprKind::Assign(_, _, rhs) = expr(&b[0]).kind else {
            panic!()
        };
        assert!(matches!(rhs.kind, ExprKind::Binary(BinaryOp::Gt, ..)));
    });
    with_body("x = y\n-->z", |b| assert_eq!(b.len(), 1));
}

#[test]
fn optional_chains_end_where_the_chain_ends() {
    with_body("a?.b.c(d); (a?.b).c", |b| {
        let ExprKind::OptionalChain(inner) = expr(&b[0]).kind else {
            panic!()
        };
        assert!(matches!(inner.kind, ExprKind::Call(_, _, false)));
        let ExprKind::Member(obj, MemberProp::Name(id), false) = expr(&b[1]).kind else {
            panic!()
        };
        assert_eq!(id.name, "c");
        assert!(matches!(obj.kind, ExprKind::Paren(_)));
    });
}

#[test]
fn yield_and_await_as_identifiers() {
    with_body("yield = await + 1; function* g() { yield\na }", |b| {
        let ExprKind::Assign(_, t, rhs) = expr(&b[0]).kind else {
            panic!()
        };
        assert!(matches!(t.kind, PatternKind::Ident("yield")));
        assert!(
            matches!(rhs.kind, ExprKind::Binary(BinaryOp::Add, l, _) if matches!(l.kind, ExprKind::Ident("await")))
        );
        let StmtKind::Function(g) = b[1].kind else {
            panic!()
        };
        assert_eq!(
            g.body.len(),
            2,
            "yield takes no operand across a line break"
        );
        assert!(matches!(
            expr(&g.body[0]).kind,
            ExprKind::Yield(None, false)
        ));
    });
}
