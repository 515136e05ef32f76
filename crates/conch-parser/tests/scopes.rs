//! Scope analysis: declarations per scope, hoisting, captures, eval/arguments/with.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::scope::{BindingKind, ScopeKind};
use conch_parser::{parse_script, ScopeId};

#[test]
fn var_hoists_to_the_function_and_let_stays_in_the_block() {
    let arena = Arena::new(MemoryManager::new());
    let p = parse_script("function f() { { var a; let b; } } let c;", &arena).unwrap();
    let s = &p.scopes;
    let top = p.program.scope;
    assert_eq!(s.scope(top).kind, ScopeKind::Script);
    assert_eq!(s.lookup(top, "f").unwrap().kind, BindingKind::Function);
    assert_eq!(s.lookup(top, "c").unwrap().kind, BindingKind::Let);
    let func = s
        .scopes
        .iter()
        .position(|d| d.kind == ScopeKind::Function)
        .unwrap();
    let func = ScopeId(func as u32);
    assert_eq!(s.lookup(func, "a").unwrap().kind, BindingKind::Var);
    assert!(s.lookup(func, "b").is_none());
    let block = s
        .scopes
        .iter()
        .position(|d| d.kind == ScopeKind::Block)
        .unwrap();
    assert_eq!(
        s.lookup(ScopeId(block as u32), "b").unwrap().kind,
        BindingKind::Let
    );
}

#[test]
fn captures_are_found_across_function_boundaries() {
    let arena = Arena::new(MemoryManager::new());
    let src = "function outer(p) { let kept = 1, local = 2; local++; return () => kept + p; }";
    let p = parse_script(src, &arena).unwrap();
    let s = &p.scopes;
    let func = ScopeId(
        s.scopes
            .iter()
            .position(|d| d.kind == ScopeKind::Function)
            .unwrap() as u32,
    );
    assert!(s.lookup(func, "kept").unwrap().captured);
    assert!(s.lookup(func, "p").unwrap().captured);
    assert!(!s.lookup(func, "local").unwrap().captured);
}

#[test]
fn arrow_parameters_move_into_the_arrow_scope() {
    let arena = Arena::new(MemoryManager::new());
    let p = parse_script("let x; let f = (x, y = x) => x;", &arena).unwrap();
    let s = &p.scopes;
    // `x` in the arrow resolves to its parameter, so the outer `x` is not captured.
    assert!(!s.lookup(p.program.scope, "x").unwrap().captured);
    let arrow = ScopeId(
        s.scopes
            .iter()
            .position(|d| d.kind == ScopeKind::Arrow)
            .unwrap() as u32,
    );
    assert_eq!(s.lookup(arrow, "y").unwrap().kind, BindingKind::Param);
}

#[test]
fn eval_arguments_and_with_are_flagged() {
    let arena = Arena::new(MemoryManager::new());
    let p = parse_script(
        "function f() { return arguments; } function g() { eval('x'); } with (o) {}",
        &arena,
    )
    .unwrap();
    let s = &p.scopes;
    let funcs: Vec<_> = s
        .scopes
        .iter()
        .filter(|d| d.kind == ScopeKind::Function)
        .collect();
    assert!(funcs[0].uses_arguments && !funcs[0].contains_direct_eval);
    assert!(funcs[1].contains_direct_eval);
    assert!(s.scope(p.program.scope).contains_with);
    assert!(s.unresolved.contains(&"o"));
}

#[test]
fn annex_b_block_functions_get_a_var_binding() {
    let arena = Arena::new(MemoryManager::new());
    let p = parse_script(
        "function f() { { function g() {} } { let h; { function h() {} } } }",
        &arena,
    )
    .unwrap();
    let s = &p.scopes;
    let func = ScopeId(
        s.scopes
            .iter()
            .position(|d| d.kind == ScopeKind::Function)
            .unwrap() as u32,
    );
    assert_eq!(s.lookup(func, "g").unwrap().kind, BindingKind::Var);
    assert!(
        s.lookup(func, "h").is_none(),
        "blocked by the enclosing let"
    );
    let hoisted: Vec<_> = s
        .bindings
        .iter()
        .filter(|b| b.kind == BindingKind::BlockFunction)
        .map(|b| (b.name, b.annex_b_hoisted))
        .collect();
    assert_eq!(hoisted, [("g", true), ("h", false)]);
    // Strict code: no hoisting.
    let p = parse_script("'use strict'; { function k() {} }", &arena).unwrap();
    assert!(p.scopes.lookup(p.program.scope, "k").is_none());
}

#[test]
fn this_uses_reach_through_arrows() {
    let arena = Arena::new(MemoryManager::new());
    let src = "function f() { return () => () => this; } function g() { return (a = this) => a; } function h() { function i() { this; } }";
    let p = parse_script(src, &arena).unwrap();
    let s = &p.scopes;
    let flags: Vec<_> = s
        .scopes
        .iter()
        .filter(|d| d.kind != ScopeKind::Script)
        .map(|d| (d.kind, d.uses_this))
        .collect();
    assert_eq!(
        flags,
        [
            (ScopeKind::Function, true),
            (ScopeKind::Arrow, true),
            (ScopeKind::Arrow, true),
            (ScopeKind::Function, true),
            (ScopeKind::Arrow, true),
            (ScopeKind::Function, false),
            (ScopeKind::Function, true),
        ]
    );
}
