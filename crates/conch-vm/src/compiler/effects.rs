//! What an expression may write: lets the compiler use a local register in place instead of
//! copying it to a temporary when the rest of an expression cannot change it.
//!
//! A register binding is one no closure captures and no `eval` can see, so within its
//! function only an assignment or update naming it (directly or in a destructuring pattern)
//! can change it: calls, getters and nested functions cannot. The walk is conservative: it
//! answers "may write" for anything it does not look into (deep nesting, classes, direct
//! `eval`).

use conch_parser::ast::{
    Arg, ArrayElem, Expr, ExprKind, MemberProp, Pattern, PatternKind, PropKey, PropertyKind,
};

/// What a compiled sequence evaluates between reading a base register and using it.
#[derive(Clone, Copy)]
pub(super) enum After<'a> {
    /// Nothing that can assign.
    Nothing,
    /// This expression.
    Expr(&'a Expr<'a>),
    /// These call arguments.
    Args(&'a [Arg<'a>]),
    /// Something not looked into.
    Unknown,
}

impl After<'_> {
    /// Whether what comes after may assign `name`.
    pub(super) fn may_write(self, name: &str) -> bool {
        match self {
            After::Nothing => false,
            After::Expr(e) => may_write(e, name),
            After::Args(a) => args(a, name, 0),
            After::Unknown => true,
        }
    }
}

/// Nesting beyond which the walk gives up (answers "may write").
const MAX_DEPTH: u32 = 48;

/// Whether evaluating `e` may assign the binding `name`.
pub(super) fn may_write(e: &Expr, name: &str) -> bool {
    expr(e, name, 0)
}

fn expr(e: &Expr, name: &str, d: u32) -> bool {
    if d > MAX_DEPTH {
        return true;
    }
    let d = d + 1;
    let x = |e: &Expr| expr(e, name, d);
    match e.kind {
        ExprKind::Ident(_)
        | ExprKind::This
        | ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::BigInt(_)
        | ExprKind::String(_)
        | ExprKind::RegExp(_)
        | ExprKind::NewTarget
        | ExprKind::ImportMeta
        // A nested function cannot write a register of this one (it would capture it).
        | ExprKind::Function(_)
        | ExprKind::Arrow(_) => false,
        // Computed keys and static blocks run here; not worth looking into.
        ExprKind::Class(_) => true,
        ExprKind::Template(t) => t.exprs.iter().any(x),
        ExprKind::TaggedTemplate(tag, t) => x(tag) || t.exprs.iter().any(x),
        ExprKind::Array(elems, _) => elems.iter().any(|el| match el {
            ArrayElem::Expr(e) | ArrayElem::Spread(e) => x(e),
            ArrayElem::Hole => false,
        }),
        ExprKind::Object(props, _) => props.iter().any(|p| match p.kind {
            PropertyKind::Init(k, v) => key(&k, name, d) || x(v),
            PropertyKind::Shorthand(_) => false,
            PropertyKind::Method(k, _, _) => key(&k, name, d),
            PropertyKind::Spread(e) => x(e),
        }),
        ExprKind::Unary(_, a) | ExprKind::Paren(a) | ExprKind::Await(a) => x(a),
        ExprKind::OptionalChain(a) => x(a),
        ExprKind::Update(_, _, target) => pattern(target, name, d),
        ExprKind::Binary(_, l, r) => x(l) || x(r),
        ExprKind::PrivateIn(_, o) => x(o),
        ExprKind::Assign(_, target, value) => pattern(target, name, d) || x(value),
        ExprKind::Conditional(t, c, a) => x(t) || x(c) || x(a),
        ExprKind::Sequence(list) => list.iter().any(x),
        ExprKind::Member(o, p, _) => x(o) || member(p, name, d),
        ExprKind::SuperMember(p) => member(p, name, d),
        // A direct eval could declare or assign anything (such functions keep no register
        // bindings today; the check keeps this walk right if that changes).
        ExprKind::Call(callee, _, _) if matches!(callee.kind, ExprKind::Ident("eval")) => true,
        ExprKind::Call(callee, args, _) | ExprKind::New(callee, args) => {
            x(callee) || self::args(args, name, d)
        }
        ExprKind::SuperCall(args) => self::args(args, name, d),
        ExprKind::Yield(a, _) => a.is_some_and(x),
        ExprKind::ImportCall(s, o, _) => x(s) || o.is_some_and(x),
    }
}

fn args(args: &[Arg], name: &str, d: u32) -> bool {
    args.iter().any(|a| match a {
        Arg::Expr(e) | Arg::Spread(e) => expr(e, name, d),
    })
}

fn member(p: MemberProp, name: &str, d: u32) -> bool {
    match p {
        MemberProp::Computed(e) => expr(e, name, d),
        MemberProp::Name(_) | MemberProp::Private(_) => false,
    }
}

fn key(k: &PropKey, name: &str, d: u32) -> bool {
    match k {
        PropKey::Computed(e) => expr(e, name, d),
        _ => false,
    }
}

/// Whether assigning to `p` (or evaluating its defaults and keys) may write `name`.
fn pattern(p: &Pattern, name: &str, d: u32) -> bool {
    if d > MAX_DEPTH {
        return true;
    }
    let d = d + 1;
    match p.kind {
        PatternKind::Ident(n) => n == name,
        PatternKind::Expr(e) => expr(e, name, d),
        PatternKind::Object(props, rest) => {
            props
                .iter()
                .any(|pp| key(&pp.key, name, d) || pattern(&pp.value, name, d))
                || rest.is_some_and(|r| pattern(r, name, d))
        }
        PatternKind::Array(elems, rest) => {
            elems.iter().flatten().any(|e| pattern(e, name, d))
                || rest.is_some_and(|r| pattern(r, name, d))
        }
        PatternKind::Assign(t, def) => pattern(t, name, d) || expr(def, name, d),
    }
}

#[cfg(test)]
mod tests {
    use super::may_write;
    use conch_parser::ast::{ExprKind, StmtKind};

    fn check(src: &str, name: &str) -> bool {
        let arena = conch_mm::Arena::new(conch_mm::MemoryManager::new());
        let parsed = conch_parser::parse_script(src, &arena).expect("parses");
        let StmtKind::Expr(e) = parsed.program.body[0].kind else {
            panic!("expression statement expected")
        };
        assert!(!matches!(e.kind, ExprKind::Ident("never")));
        may_write(e, name)
    }

    #[test]
    fn finds_writes() {
        assert!(!check("a + b * c(d, e.f[g])", "a"));
        assert!(check("a + (a = 1)", "a"));
        assert!(check("a + a++", "a"));
        assert!(check("f([a] = [1])", "a"));
        assert!(check("({ [a = 2]: 1 })", "a"));
        assert!(check("o[{ b: a = 3 } = {}]", "a"));
        assert!(!check("o[{ b: c = 3 } = {}]", "a"));
        assert!(!check("() => a = 1", "a"));
        assert!(check("eval('a = 1')", "a"));
        assert!(check("(class { [a = 1]() {} })", "a"));
        assert!(check("x ? y : (a += 1)", "a"));
        assert!(!check("x ? y : (b += 1)", "a"));
    }
}
