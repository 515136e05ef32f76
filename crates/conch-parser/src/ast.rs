//! The typed AST. Every node lives in the parser's [`Arena`](conch_mm::Arena) and borrows it
//! (`'a`); children are `&'a` references and `&'a [T]` slices, never owned boxes.
//!
//! Every node carries a [`Span`] (byte offsets into the source); [`crate::LineIndex`] turns an
//! offset into a 1-based line and a 1-based column counted in UTF-16 code units.
//!
//! Invariant: the tree is immutable once built; scope information lives beside it in
//! [`crate::scope::ScopeTree`], referenced from nodes by [`ScopeId`].

use crate::scope::ScopeId;
use crate::JsStr;

/// A byte range `[start, end)` of the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
}

/// Script or module goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceType {
    /// The Script goal (sloppy unless it begins with "use strict").
    Script,
    /// The Module goal (always strict).
    Module,
}

/// A parsed script or module.
#[derive(Debug)]
pub struct Program<'a> {
    /// The whole source.
    pub span: Span,
    /// Script or module.
    pub source_type: SourceType,
    /// Strict mode code (modules, or a "use strict" directive).
    pub strict: bool,
    /// Top-level statements (directives are expression statements of string literals).
    pub body: &'a [Stmt<'a>],
    /// The top-level scope.
    pub scope: ScopeId,
    /// A `#!` comment at the very start, if any (its text after `#!`).
    pub hashbang: Option<&'a str>,
}

/// An identifier with its position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ident<'a> {
    /// Position.
    pub span: Span,
    /// The identifier's string value (escapes decoded).
    pub name: &'a str,
}

/// A statement or declaration.
#[derive(Clone, Copy, Debug)]
pub struct Stmt<'a> {
    /// Position.
    pub span: Span,
    /// What it is.
    pub kind: StmtKind<'a>,
}

/// Statement kinds.
#[derive(Clone, Copy, Debug)]
pub enum StmtKind<'a> {
    /// `expr;` (a directive is an expression statement whose expression is a string literal).
    Expr(&'a Expr<'a>),
    /// `var`, `let`, `const`, `using`, `await using`.
    Var(&'a VarDecl<'a>),
    /// A function declaration (also generators and async functions).
    Function(&'a Function<'a>),
    /// A class declaration.
    Class(&'a Class<'a>),
    /// `{ ... }`.
    Block(&'a Block<'a>),
    /// `;`.
    Empty,
    /// `debugger;`.
    Debugger,
    /// `if (test) cons else alt`.
    If(&'a Expr<'a>, &'a Stmt<'a>, Option<&'a Stmt<'a>>),
    /// `for (init; test; update) body`.
    For(&'a ForStmt<'a>),
    /// `for (left in right) body`.
    ForIn(&'a ForInOf<'a>),
    /// `for (left of right) body` and `for await (left of right) body`.
    ForOf(&'a ForInOf<'a>),
    /// `while (test) body`.
    While(&'a Expr<'a>, &'a Stmt<'a>),
    /// `do body while (test)`.
    DoWhile(&'a Stmt<'a>, &'a Expr<'a>),
    /// `return expr;`.
    Return(Option<&'a Expr<'a>>),
    /// `break label;`.
    Break(Option<Ident<'a>>),
    /// `continue label;`.
    Continue(Option<Ident<'a>>),
    /// `throw expr;`.
    Throw(&'a Expr<'a>),
    /// `try { } catch (p) { } finally { }`.
    Try(&'a TryStmt<'a>),
    /// `switch (d) { cases }`.
    Switch(&'a SwitchStmt<'a>),
    /// `label: body`.
    Labeled(Ident<'a>, &'a Stmt<'a>),
    /// `with (object) body` (sloppy scripts only).
    With(&'a Expr<'a>, &'a Stmt<'a>),
    /// `import ...` (modules).
    Import(&'a ImportDecl<'a>),
    /// `export ...` (modules).
    Export(&'a ExportDecl<'a>),
}

/// A block with its own lexical scope.
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    /// Statements.
    pub body: &'a [Stmt<'a>],
    /// Its lexical scope.
    pub scope: ScopeId,
}

/// Kind of a variable declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// `var`
    Var,
    /// `let`
    Let,
    /// `const`
    Const,
    /// `using`
    Using,
    /// `await using`
    AwaitUsing,
}

/// `var a = 1, b;` and friends.
#[derive(Clone, Copy, Debug)]
pub struct VarDecl<'a> {
    /// Which keyword.
    pub kind: VarKind,
    /// The declarators.
    pub decls: &'a [VarDeclarator<'a>],
}

/// One `target = init` of a declaration.
#[derive(Clone, Copy, Debug)]
pub struct VarDeclarator<'a> {
    /// Position.
    pub span: Span,
    /// Binding pattern.
    pub target: Pattern<'a>,
    /// Initialiser.
    pub init: Option<&'a Expr<'a>>,
}

/// `for (init; test; update) body`.
#[derive(Clone, Copy, Debug)]
pub struct ForStmt<'a> {
    /// Initialiser (a declaration or an expression).
    pub init: Option<ForInit<'a>>,
    /// Condition.
    pub test: Option<&'a Expr<'a>>,
    /// Update.
    pub update: Option<&'a Expr<'a>>,
    /// Body.
    pub body: &'a Stmt<'a>,
    /// Scope of a lexical declaration in the head.
    pub scope: ScopeId,
}

/// The first part of a `for` head.
#[derive(Clone, Copy, Debug)]
pub enum ForInit<'a> {
    /// A declaration.
    Var(&'a VarDecl<'a>),
    /// An expression.
    Expr(&'a Expr<'a>),
}

/// The left side of `for-in`/`for-of`.
#[derive(Clone, Copy, Debug)]
pub enum ForHead<'a> {
    /// A declaration of one binding (Annex B allows `var x = init` in sloppy for-in).
    Var(&'a VarDecl<'a>),
    /// An assignment target.
    Pattern(Pattern<'a>),
}

/// `for (left in/of right) body`.
#[derive(Clone, Copy, Debug)]
pub struct ForInOf<'a> {
    /// Left side.
    pub left: ForHead<'a>,
    /// Right side.
    pub right: &'a Expr<'a>,
    /// Body.
    pub body: &'a Stmt<'a>,
    /// `for await`.
    pub is_await: bool,
    /// Scope of a lexical declaration in the head.
    pub scope: ScopeId,
}

/// `try` statement.
#[derive(Clone, Copy, Debug)]
pub struct TryStmt<'a> {
    /// The protected block.
    pub block: Block<'a>,
    /// The handler.
    pub handler: Option<CatchClause<'a>>,
    /// The finaliser.
    pub finalizer: Option<Block<'a>>,
}

/// `catch (param) { body }`.
#[derive(Clone, Copy, Debug)]
pub struct CatchClause<'a> {
    /// Position.
    pub span: Span,
    /// The parameter (optional catch binding when `None`).
    pub param: Option<Pattern<'a>>,
    /// The body (its scope holds the parameter's bindings too).
    pub body: Block<'a>,
    /// Scope of the parameter.
    pub scope: ScopeId,
}

/// `switch` statement.
#[derive(Clone, Copy, Debug)]
pub struct SwitchStmt<'a> {
    /// The discriminant.
    pub discriminant: &'a Expr<'a>,
    /// The cases.
    pub cases: &'a [SwitchCase<'a>],
    /// The case block's lexical scope.
    pub scope: ScopeId,
}

/// `case test: body` or `default: body`.
#[derive(Clone, Copy, Debug)]
pub struct SwitchCase<'a> {
    /// Position.
    pub span: Span,
    /// `None` for `default`.
    pub test: Option<&'a Expr<'a>>,
    /// Statements.
    pub body: &'a [Stmt<'a>],
}

/// An expression.
#[derive(Clone, Copy, Debug)]
pub struct Expr<'a> {
    /// Position.
    pub span: Span,
    /// What it is.
    pub kind: ExprKind<'a>,
}

/// Expression kinds.
#[derive(Clone, Copy, Debug)]
pub enum ExprKind<'a> {
    /// An identifier reference.
    Ident(&'a str),
    /// `this`
    This,
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number literal.
    Number(f64),
    /// A BigInt literal: its decimal digits.
    BigInt(&'a str),
    /// A string literal (cooked value).
    String(JsStr<'a>),
    /// A regular expression literal.
    RegExp(&'a RegExpLit<'a>),
    /// An untagged template literal.
    Template(&'a Template<'a>),
    /// `` tag`...` ``
    TaggedTemplate(&'a Expr<'a>, &'a Template<'a>),
    /// `[a, , ...b]` (the flag: written with a trailing comma)
    Array(&'a [ArrayElem<'a>], bool),
    /// `{ ... }` (the flag: written with a trailing comma)
    Object(&'a [Property<'a>], bool),
    /// A function expression.
    Function(&'a Function<'a>),
    /// An arrow function.
    Arrow(&'a Function<'a>),
    /// A class expression.
    Class(&'a Class<'a>),
    /// `op arg`
    Unary(UnaryOp, &'a Expr<'a>),
    /// `++x`, `x--`, ...
    Update(UpdateOp, bool, &'a Pattern<'a>),
    /// `left op right` (also `&&`, `||`, `??`).
    Binary(BinaryOp, &'a Expr<'a>, &'a Expr<'a>),
    /// `#x in obj`
    PrivateIn(Ident<'a>, &'a Expr<'a>),
    /// `target op= value`
    Assign(AssignOp, &'a Pattern<'a>, &'a Expr<'a>),
    /// `test ? cons : alt`
    Conditional(&'a Expr<'a>, &'a Expr<'a>, &'a Expr<'a>),
    /// `a, b, c`
    Sequence(&'a [Expr<'a>]),
    /// `(expr)`, kept for positions and for the rules that depend on parentheses.
    Paren(&'a Expr<'a>),
    /// `object.prop`, `object[expr]`, `object.#priv`, optionally `?.`.
    Member(&'a Expr<'a>, MemberProp<'a>, bool),
    /// `super.prop` / `super[expr]`
    SuperMember(MemberProp<'a>),
    /// `callee(args)`, optionally `?.(`.
    Call(&'a Expr<'a>, &'a [Arg<'a>], bool),
    /// `super(args)`
    SuperCall(&'a [Arg<'a>]),
    /// `new callee(args)`
    New(&'a Expr<'a>, &'a [Arg<'a>]),
    /// The end of an optional chain `a?.b.c` (short-circuits as a whole).
    OptionalChain(&'a Expr<'a>),
    /// `yield arg` / `yield* arg`
    Yield(Option<&'a Expr<'a>>, bool),
    /// `await arg`
    Await(&'a Expr<'a>),
    /// `new.target`
    NewTarget,
    /// `import.meta`
    ImportMeta,
    /// `import(source, options)`, `import.defer(…)`, `import.source(…)`
    ImportCall(&'a Expr<'a>, Option<&'a Expr<'a>>, ImportPhase),
}

/// The property part of a member expression.
#[derive(Clone, Copy, Debug)]
pub enum MemberProp<'a> {
    /// `.name`
    Name(Ident<'a>),
    /// `[expr]`
    Computed(&'a Expr<'a>),
    /// `.#name`
    Private(Ident<'a>),
}

/// An argument of a call.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// `expr`
    Expr(Expr<'a>),
    /// `...expr`
    Spread(Expr<'a>),
}

/// An element of an array literal.
#[derive(Clone, Copy, Debug)]
pub enum ArrayElem<'a> {
    /// `expr`
    Expr(Expr<'a>),
    /// `...expr`
    Spread(Expr<'a>),
    /// An elision (`[, x]`).
    Hole,
}

/// A property key.
#[derive(Clone, Copy, Debug)]
pub enum PropKey<'a> {
    /// `name` (also keywords)
    Ident(Ident<'a>),
    /// `"name"`
    String(Span, JsStr<'a>),
    /// `1.5`
    Number(Span, f64),
    /// `1n` (decimal digits)
    BigInt(Span, &'a str),
    /// `[expr]`
    Computed(&'a Expr<'a>),
    /// `#name` (class elements only)
    Private(Ident<'a>),
}

/// Kind of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    /// A plain method.
    Method,
    /// `get`
    Get,
    /// `set`
    Set,
    /// A class constructor.
    Constructor,
}

/// An object literal member.
#[derive(Clone, Copy, Debug)]
pub struct Property<'a> {
    /// Position.
    pub span: Span,
    /// What it is.
    pub kind: PropertyKind<'a>,
}

/// Object literal member kinds.
#[derive(Clone, Copy, Debug)]
pub enum PropertyKind<'a> {
    /// `key: value`
    Init(PropKey<'a>, &'a Expr<'a>),
    /// `name`
    Shorthand(Ident<'a>),
    /// `key() {}`, `get key() {}`, ...
    Method(PropKey<'a>, MethodKind, &'a Function<'a>),
    /// `...expr`
    Spread(&'a Expr<'a>),
}

/// A template literal.
#[derive(Clone, Copy, Debug)]
pub struct Template<'a> {
    /// The string parts (one more than `exprs`).
    pub quasis: &'a [TemplatePart<'a>],
    /// The substitutions.
    pub exprs: &'a [Expr<'a>],
}

/// A string part of a template.
#[derive(Clone, Copy, Debug)]
pub struct TemplatePart<'a> {
    /// Position (without the delimiters).
    pub span: Span,
    /// Cooked value; `None` for an invalid escape (tagged templates only).
    pub cooked: Option<JsStr<'a>>,
    /// Raw value (line terminators normalised to LF).
    pub raw: JsStr<'a>,
}

/// A regular expression literal.
#[derive(Clone, Copy, Debug)]
pub struct RegExpLit<'a> {
    /// The pattern text between the slashes.
    pub pattern: &'a str,
    /// The flags.
    pub flags: &'a str,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Minus,
    /// `+`
    Plus,
    /// `!`
    Not,
    /// `~`
    BitNot,
    /// `typeof`
    Typeof,
    /// `void`
    Void,
    /// `delete`
    Delete,
}

/// `++` or `--`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateOp {
    /// `++`
    Inc,
    /// `--`
    Dec,
}

/// Binary and logical operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BinaryOp {
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Shl,
    Shr,
    UShr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    BitOr,
    BitXor,
    BitAnd,
    In,
    Instanceof,
    And,
    Or,
    Nullish,
}

/// Assignment operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum AssignOp {
    Assign,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    Shl,
    Shr,
    UShr,
    BitOr,
    BitXor,
    BitAnd,
    And,
    Or,
    Nullish,
}

/// A binding or assignment pattern.
#[derive(Clone, Copy, Debug)]
pub struct Pattern<'a> {
    /// Position.
    pub span: Span,
    /// What it is.
    pub kind: PatternKind<'a>,
}

/// Pattern kinds.
#[derive(Clone, Copy, Debug)]
pub enum PatternKind<'a> {
    /// A binding identifier or identifier reference.
    Ident(&'a str),
    /// A member expression (assignment patterns only), or in sloppy scripts a call expression
    /// (Annex B: a runtime ReferenceError, not an early error).
    Expr(&'a Expr<'a>),
    /// `{ a, b: c, ...rest }`
    Object(&'a [PatternProp<'a>], Option<&'a Pattern<'a>>),
    /// `[a, , b, ...rest]` (`None` elements are holes).
    Array(&'a [Option<Pattern<'a>>], Option<&'a Pattern<'a>>),
    /// `target = default`
    Assign(&'a Pattern<'a>, &'a Expr<'a>),
}

/// `key: value` in an object pattern (shorthand `a` is `a: a`).
#[derive(Clone, Copy, Debug)]
pub struct PatternProp<'a> {
    /// Position.
    pub span: Span,
    /// The key.
    pub key: PropKey<'a>,
    /// The target.
    pub value: Pattern<'a>,
    /// Written as shorthand.
    pub shorthand: bool,
}

/// Function flavours that matter to the compiler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// Declaration or expression.
    Normal,
    /// Arrow function.
    Arrow,
    /// Object or class method (incl. accessors).
    Method,
    /// Class constructor.
    Constructor,
    /// Constructor of a class with `extends`.
    DerivedConstructor,
    /// Synthesised function for a class field initialiser or static block.
    ClassInit,
}

/// A function (declaration, expression, arrow, method, accessor, constructor).
#[derive(Clone, Copy, Debug)]
pub struct Function<'a> {
    /// Position (from `function`/`async`/key to the closing brace).
    pub span: Span,
    /// The name.
    pub id: Option<Ident<'a>>,
    /// Parameters (without the rest parameter).
    pub params: &'a [Pattern<'a>],
    /// `...rest`
    pub rest: Option<&'a Pattern<'a>>,
    /// Body statements (for a concise arrow, empty and `expr_body` is set).
    pub body: &'a [Stmt<'a>],
    /// Concise arrow body.
    pub expr_body: Option<&'a Expr<'a>>,
    /// `async`
    pub is_async: bool,
    /// `function*`
    pub is_generator: bool,
    /// Strict mode code.
    pub strict: bool,
    /// Parameters are all plain identifiers (no defaults, patterns or rest).
    pub simple_params: bool,
    /// Flavour.
    pub kind: FunctionKind,
    /// The function's scope (parameters and var declarations).
    pub scope: ScopeId,
}

/// A class.
#[derive(Clone, Copy, Debug)]
pub struct Class<'a> {
    /// Position.
    pub span: Span,
    /// The name.
    pub id: Option<Ident<'a>>,
    /// `extends` clause.
    pub super_class: Option<&'a Expr<'a>>,
    /// The elements.
    pub body: &'a [ClassElement<'a>],
    /// The class scope (binds the name inside the class).
    pub scope: ScopeId,
}

/// A class element.
#[derive(Clone, Copy, Debug)]
pub struct ClassElement<'a> {
    /// Position.
    pub span: Span,
    /// `static`
    pub is_static: bool,
    /// What it is.
    pub kind: ClassElementKind<'a>,
}

/// Class element kinds.
#[derive(Clone, Copy, Debug)]
pub enum ClassElementKind<'a> {
    /// A method, accessor or the constructor.
    Method(PropKey<'a>, MethodKind, &'a Function<'a>),
    /// A field; the initialiser is wrapped in a synthesised function (its scope).
    Field(PropKey<'a>, Option<&'a Function<'a>>),
    /// `accessor x = init` (auto-accessor).
    Accessor(PropKey<'a>, Option<&'a Function<'a>>),
    /// `static { ... }` wrapped in a synthesised function.
    StaticBlock(&'a Function<'a>),
}

/// The phase of an import (the stage-3 proposals `import defer` and source-phase imports).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportPhase {
    /// An ordinary import: the module is evaluated.
    Evaluation,
    /// `import defer * as ns` / `import.defer(…)`: evaluated on first use of the namespace.
    Defer,
    /// `import source x` / `import.source(…)`: the module's source object.
    Source,
}

/// `import` declaration.
#[derive(Clone, Copy, Debug)]
pub struct ImportDecl<'a> {
    /// The import's phase.
    pub phase: ImportPhase,
    /// `import x from`
    pub default: Option<Ident<'a>>,
    /// `import * as ns from`
    pub namespace: Option<Ident<'a>>,
    /// `import { a as b } from`
    pub named: &'a [ImportSpecifier<'a>],
    /// The module specifier.
    pub source: JsStr<'a>,
    /// `with { type: "json" }`
    pub attributes: &'a [ImportAttribute<'a>],
}

/// `imported as local`.
#[derive(Clone, Copy, Debug)]
pub struct ImportSpecifier<'a> {
    /// The exported name of the other module.
    pub imported: ModuleExportName<'a>,
    /// The local binding.
    pub local: Ident<'a>,
}

/// `key: "value"` of an import attribute clause.
#[derive(Clone, Copy, Debug)]
pub struct ImportAttribute<'a> {
    /// Position.
    pub span: Span,
    /// Key (identifier name or string).
    pub key: ModuleExportName<'a>,
    /// Value.
    pub value: JsStr<'a>,
}

/// An identifier name or a string used as a module export name.
#[derive(Clone, Copy, Debug)]
pub enum ModuleExportName<'a> {
    /// `name`
    Ident(Ident<'a>),
    /// `"name"`
    String(Span, JsStr<'a>),
}

/// `export` declaration.
#[derive(Clone, Copy, Debug)]
pub enum ExportDecl<'a> {
    /// `export { a as b }` / `export { a } from "m"`
    Named(
        &'a [ExportSpecifier<'a>],
        Option<(JsStr<'a>, &'a [ImportAttribute<'a>])>,
    ),
    /// `export * from "m"` / `export * as ns from "m"`
    All(
        Option<ModuleExportName<'a>>,
        JsStr<'a>,
        &'a [ImportAttribute<'a>],
    ),
    /// `export default expr;`
    DefaultExpr(&'a Expr<'a>),
    /// `export default function ...` / `export default class ...` (the statement)
    DefaultDecl(&'a Stmt<'a>),
    /// `export var/let/const/function/class ...`
    Decl(&'a Stmt<'a>),
}

/// `local as exported`.
#[derive(Clone, Copy, Debug)]
pub struct ExportSpecifier<'a> {
    /// Local name (or the name in the other module).
    pub local: ModuleExportName<'a>,
    /// Exported name.
    pub exported: ModuleExportName<'a>,
}
