//! Scope analysis: declared names per scope (with the redeclaration early errors), var and
//! lexical hoisting, references resolved to bindings, closure captures, and uses of direct
//! `eval`, `arguments` and `with`.
//!
//! The parser declares names as it meets them ([`ScopeBuilder::declare`]) and records every
//! identifier reference with the scope it occurs in. [`ScopeBuilder::finish`] resolves the
//! references (after hoisting is complete) and produces the immutable [`ScopeTree`].
//!
//! Invariant: scope ids are indices into [`ScopeTree::scopes`]; a scope's parent always has a
//! smaller id; a binding belongs to exactly one scope.

use crate::error::ParseError;
use crate::seg_vec::SegVec;
use allocator_api2::vec::Vec;
use conch_mm::Arena;
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use std::hash::{BuildHasher, Hasher};

/// Hashes atom ids (small integers) for the per-scope tables: one multiplication.
#[derive(Clone, Copy, Default)]
struct IdHash;

struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

/// Index of a scope in the [`ScopeTree`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ScopeId(pub u32);

/// Kinds of scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// Script top level.
    Script,
    /// Module top level.
    Module,
    /// A non-arrow function (parameters and body).
    Function,
    /// An arrow function.
    Arrow,
    /// A class field initialiser or static block (function-like: own `var` scope).
    ClassInit,
    /// A class (binds the class name inside it).
    Class,
    /// A block, `for` head, `switch` case block.
    Block,
    /// A `catch` clause (parameter and body).
    Catch,
}

impl ScopeKind {
    /// Does `var` stop here?
    pub fn is_var_scope(self) -> bool {
        matches!(
            self,
            ScopeKind::Script
                | ScopeKind::Module
                | ScopeKind::Function
                | ScopeKind::Arrow
                | ScopeKind::ClassInit
        )
    }

    /// Is this a function boundary for captures?
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Arrow | ScopeKind::ClassInit
        )
    }
}

/// What declared a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `var` (and function declarations at function/script top level).
    Var,
    /// Top-level function declaration (var-scoped).
    Function,
    /// `let`
    Let,
    /// `const`
    Const,
    /// `using` / `await using`
    Using,
    /// Function declaration in a block (lexical).
    BlockFunction,
    /// `class` declaration.
    Class,
    /// Formal parameter.
    Param,
    /// `catch` parameter.
    CatchParam,
    /// `import` binding (immutable).
    Import,
    /// The name of a class or named function expression, bound inside it.
    SelfName,
}

/// One binding.
#[derive(Clone, Copy, Debug)]
pub struct Binding<'a> {
    /// Its name.
    pub name: &'a str,
    /// How it was declared.
    pub kind: BindingKind,
    /// The scope it lives in.
    pub scope: ScopeId,
    /// Referenced from a nested function (must live in a heap environment).
    pub captured: bool,
    /// Annex B.3.3: a sloppy-mode function declared in a block whose value is also assigned to
    /// the same-named `var` binding of the enclosing function or script when the declaration
    /// is evaluated (that var binding exists in the var scope).
    pub annex_b_hoisted: bool,
}

/// One scope.
#[derive(Clone, Copy, Debug)]
pub struct ScopeData {
    /// Kind.
    pub kind: ScopeKind,
    /// Enclosing scope.
    pub parent: Option<ScopeId>,
    /// Strict mode code.
    pub strict: bool,
    /// A direct `eval` call occurs in this scope or a nested one (all visible bindings may be
    /// captured).
    pub contains_direct_eval: bool,
    /// `arguments` is referenced (functions: by the body or a nested arrow).
    pub uses_arguments: bool,
    /// A `with` statement occurs directly in this scope.
    pub contains_with: bool,
    /// `this`, `super` or `new.target` is used in this scope's function, directly or from a
    /// nested arrow function (for an arrow: by it or a nested arrow), so the function
    /// environment's this/home object/new.target must be available to it.
    pub uses_this: bool,
    /// Range of this scope's bindings in [`ScopeTree::bindings`].
    pub bindings: (u32, u32),
}

/// The result of scope analysis.
#[derive(Debug)]
pub struct ScopeTree<'a> {
    /// All scopes, indexed by [`ScopeId`].
    pub scopes: &'a [ScopeData],
    /// All bindings, grouped by scope.
    pub bindings: &'a [Binding<'a>],
    /// Names referenced but not declared anywhere (globals), possibly repeated.
    pub unresolved: &'a [&'a str],
}

impl<'a> ScopeTree<'a> {
    /// The scope `id`.
    pub fn scope(&self, id: ScopeId) -> &ScopeData {
        &self.scopes[id.0 as usize]
    }

    /// The bindings of scope `id`.
    pub fn bindings_of(&self, id: ScopeId) -> &[Binding<'a>] {
        let (a, b) = self.scope(id).bindings;
        &self.bindings[a as usize..b as usize]
    }

    /// The binding named `name` in scope `id` itself.
    pub fn lookup(&self, id: ScopeId, name: &str) -> Option<&Binding<'a>> {
        self.bindings_of(id).iter().find(|b| b.name == name)
    }
}

/// How a name is being declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decl {
    /// `let`/`const`/`class`/`using`/import/strict block function.
    Lexical(BindingKind),
    /// `var`.
    Var,
    /// Function declaration at the top of a function or script (var-like).
    TopFunction,
    /// Sloppy-mode plain function declaration in a block (Annex B duplicates allowed).
    BlockFunction,
    /// Formal parameter.
    Param,
    /// Simple `catch (e)` parameter.
    SimpleCatch,
    /// Destructuring `catch ([e])` parameter.
    PatternCatch,
}

const LEX: u8 = 1;
const VAR: u8 = 2;
const FUNC: u8 = 4;
const PARAM: u8 = 8;
const SIMPLE_CATCH: u8 = 16;
const TOP_FUNC: u8 = 32;

#[derive(Clone, Copy)]
struct Entry {
    flags: u8,
    binding: u32,
}

const NO_BINDING: u32 = u32::MAX;

struct Rec<'a> {
    data: ScopeData,
    /// Names declared in (or passed through by a `var` of) this scope, by atom.
    names: HashMap<u32, Entry, IdHash, &'a Arena>,
}

/// An identifier reference: its name's atom and the scope it occurs in.
#[derive(Clone, Copy)]
struct Ref {
    atom: u32,
    scope: ScopeId,
}

/// Builds scopes while parsing.
pub(crate) struct ScopeBuilder<'a> {
    arena: &'a Arena,
    scopes: SegVec<'a, Rec<'a>>,
    current: ScopeId,
    bindings: SegVec<'a, Binding<'a>>,
    refs: SegVec<'a, Ref>,
    /// Every distinct name seen, numbered: each name is hashed as a string once per
    /// occurrence, and the per-scope tables and references work with its number.
    /// (hash of the name, atom): a hit compares the stored hash before any text.
    atoms: HashTable<AtomEntry<'a>, &'a Arena>,
    /// Random per builder, so that which names collide cannot be planned by a script.
    seed: u64,
    /// Atom names, copied next to each other into `atom_text` chunks (dense, so comparing a
    /// name with its atom's does not miss the cache the way the first occurrence far back in
    /// the source would).
    atom_names: SegVec<'a, &'a str>,
    atom_text: &'a mut [u8],
    /// Count of `this`/`super`/`new.target` uses so far (for arrow parameters, see `reparent`).
    this_refs: u32,
    /// Count of direct `eval` calls so far (for arrow parameters, see `reparent`).
    direct_evals: u32,
}

fn oom<T>(_: T) -> ParseError {
    ParseError::oom()
}

/// An interned name: its hash, its number and its (densely stored) text.
#[derive(Clone, Copy)]
struct AtomEntry<'a> {
    hash: u64,
    atom: u32,
    name: &'a str,
}

fn load8(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[at..at + 8]);
    u64::from_le_bytes(w)
}

fn load4(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&s[at..at + 4]);
    u32::from_le_bytes(w) as u64
}

/// Multiplies and folds the 128-bit product (mixes every input bit into every output bit).
fn fold(x: u64, y: u64) -> u64 {
    let p = (x as u128).wrapping_mul(y as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

/// A fast hash for identifier names (short, so read as one or two words).
fn name_hash(seed: u64, s: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let n = s.len();
    let (a, b) = if n >= 8 {
        (load8(s, 0), load8(s, n - 8))
    } else if n >= 4 {
        (load4(s, 0), load4(s, n - 4))
    } else if n > 0 {
        (
            s[0] as u64 | (s[n / 2] as u64) << 8 | (s[n - 1] as u64) << 16,
            0,
        )
    } else {
        (0, 0)
    };
    let mut h = fold(a ^ seed, b ^ K ^ n as u64);
    if n > 16 {
        for c in s[8..n - 8].chunks_exact(8) {
            h = fold(h ^ load8(c, 0), K);
        }
        // The bytes the 8-byte steps left before the last word.
        h = fold(h ^ load8(s, n - 16), K);
    }
    h
}

/// `a == b`, without a call to `memcmp` for short names.
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if (8..=16).contains(&n) {
        load8(a, 0) == load8(b, 0) && load8(a, n - 8) == load8(b, n - 8)
    } else if (4..8).contains(&n) {
        load4(a, 0) == load4(b, 0) && load4(a, n - 4) == load4(b, n - 4)
    } else {
        a == b
    }
}

const NONE: u32 = u32::MAX;

/// An arena array of `n` copies of `v`.
fn array<T: Copy>(arena: &Arena, n: usize, v: T) -> Result<Vec<T, &Arena>, ParseError> {
    let mut a = Vec::new_in(arena);
    a.try_reserve_exact(n).map_err(oom)?;
    a.resize(n, v);
    Ok(a)
}

type Grouped<'a> = (Vec<u32, &'a Arena>, Vec<u32, &'a Arena>);

/// Counting sort of items `0..n` by their group in `0..groups` (`None`: left out), stable.
/// Returns (start of each group, with a final end entry; the items in group order).
fn group<'a>(
    arena: &'a Arena,
    groups: usize,
    n: usize,
    group_of: impl Fn(usize) -> Option<u32>,
) -> Result<Grouped<'a>, ParseError> {
    let mut start = array(arena, groups + 1, 0u32)?;
    for i in 0..n {
        if let Some(g) = group_of(i) {
            start[g as usize + 1] += 1;
        }
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut next = array(arena, groups, 0u32)?;
    next.copy_from_slice(&start[..groups]);
    let mut items = array(arena, start[groups] as usize, 0u32)?;
    for i in 0..n {
        if let Some(g) = group_of(i) {
            let at = &mut next[g as usize];
            items[*at as usize] = i as u32;
            *at += 1;
        }
    }
    Ok((start, items))
}

/// Marks for moving what was parsed as an arrow's parameters into the arrow's scope.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    refs: u32,
    scopes: u32,
    this_refs: u32,
    direct_evals: u32,
}

impl<'a> ScopeBuilder<'a> {
    pub(crate) fn new(arena: &'a Arena) -> Self {
        ScopeBuilder {
            arena,
            scopes: SegVec::new_in(arena),
            current: ScopeId(0),
            bindings: SegVec::new_in(arena),
            refs: SegVec::new_in(arena),
            atoms: HashTable::new_in(arena),
            seed: DefaultHashBuilder::default().hash_one(0x5eed_u64) | 1,
            atom_names: SegVec::new_in(arena),
            atom_text: &mut [],
            this_refs: 0,
            direct_evals: 0,
        }
    }

    pub(crate) fn current(&self) -> ScopeId {
        self.current
    }

    pub(crate) fn kind(&self, id: ScopeId) -> ScopeKind {
        self.scopes[id.0 as usize].data.kind
    }

    /// Opens a scope nested in the current one and makes it current.
    pub(crate) fn push(&mut self, kind: ScopeKind, strict: bool) -> Result<ScopeId, ParseError> {
        let id = ScopeId(self.scopes.len() as u32);
        let parent = if self.scopes.is_empty() {
            None
        } else {
            Some(self.current)
        };
        self.scopes.push(Rec {
            data: ScopeData {
                kind,
                parent,
                strict,
                contains_direct_eval: false,
                uses_arguments: false,
                contains_with: false,
                uses_this: false,
                bindings: (0, 0),
            },
            names: HashMap::with_hasher_in(IdHash, self.arena),
        })?;
        self.current = id;
        Ok(id)
    }

    /// Closes the current scope.
    pub(crate) fn pop(&mut self) {
        if let Some(p) = self.scopes[self.current.0 as usize].data.parent {
            self.current = p;
        }
    }

    pub(crate) fn set_strict(&mut self, id: ScopeId) {
        self.scopes[id.0 as usize].data.strict = true;
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            refs: self.refs.len() as u32,
            scopes: self.scopes.len() as u32,
            this_refs: self.this_refs,
            direct_evals: self.direct_evals,
        }
    }

    /// Moves references and scopes created since `mark` in the current scope's place into the
    /// (just pushed, current) arrow scope `arrow`.
    pub(crate) fn reparent(&mut self, mark: Mark, arrow: ScopeId) {
        let Some(outer) = self.scopes[arrow.0 as usize].data.parent else {
            return;
        };
        if self.this_refs != mark.this_refs {
            self.scopes[arrow.0 as usize].data.uses_this = true;
        }
        if self.direct_evals != mark.direct_evals {
            // A direct eval in the parameters (parsed before the arrow scope existed).
            self.scopes[arrow.0 as usize].data.contains_direct_eval = true;
        }
        for i in mark.refs as usize..self.refs.len() {
            let r = &mut self.refs[i];
            if r.scope == outer {
                r.scope = arrow;
            }
        }
        for i in mark.scopes as usize..self.scopes.len() {
            let s = &mut self.scopes[i];
            if i as u32 != arrow.0 && s.data.parent == Some(outer) {
                s.data.parent = Some(arrow);
            }
        }
    }

    fn add_binding(
        &mut self,
        name: &'a str,
        kind: BindingKind,
        scope: ScopeId,
    ) -> Result<u32, ParseError> {
        self.bindings.push(Binding {
            name,
            kind,
            scope,
            captured: false,
            annex_b_hoisted: false,
        })?;
        Ok(self.bindings.len() as u32 - 1)
    }

    /// The atom of `name`, if it has one.
    fn find_atom(&self, name: &str) -> Option<u32> {
        let hash = name_hash(self.seed, name.as_bytes());
        self.atoms
            .find(hash, |e| e.hash == hash && same(e.name, name))
            .map(|e| e.atom)
    }

    /// The atom of `name`, numbering it if new.
    fn atom(&mut self, name: &'a str) -> Result<u32, ParseError> {
        let hash = name_hash(self.seed, name.as_bytes());
        if let Some(e) = self
            .atoms
            .find(hash, |e| e.hash == hash && same(e.name, name))
        {
            return Ok(e.atom);
        }
        let atom = self.atom_names.len() as u32;
        self.atoms.try_reserve(1, |e| e.hash).map_err(oom)?;
        let copy = self.copy_name(name)?;
        self.atom_names.push(copy)?;
        let entry = AtomEntry {
            hash,
            atom,
            name: copy,
        };
        self.atoms.insert_unique(hash, entry, |e| e.hash);
        Ok(atom)
    }

    /// Copies an atom's name into the current `atom_text` chunk (a new one when it is full).
    fn copy_name(&mut self, name: &str) -> Result<&'a str, ParseError> {
        const CHUNK: usize = 16 * 1024;
        let len = name.len();
        if self.atom_text.len() < len {
            self.atom_text = array(self.arena, len.max(CHUNK), 0u8)?.leak();
        }
        let (dst, rest) = std::mem::take(&mut self.atom_text).split_at_mut(len);
        self.atom_text = rest;
        dst.copy_from_slice(name.as_bytes());
        std::str::from_utf8(dst).map_err(oom)
    }

    fn entry(&mut self, scope: ScopeId, atom: u32) -> Result<&mut Entry, ParseError> {
        let names = &mut self.scopes[scope.0 as usize].names;
        names.try_reserve(1).map_err(oom)?;
        Ok(names.entry(atom).or_insert(Entry {
            flags: 0,
            binding: NO_BINDING,
        }))
    }

    fn flags(&self, scope: ScopeId, atom: u32) -> u8 {
        self.scopes[scope.0 as usize]
            .names
            .get(&atom)
            .map_or(0, |e| e.flags)
    }

    /// Declares `name` in the current scope (or, for `var`, up to the var scope). Returns
    /// `Ok(false)` on a redeclaration early error, `Ok(true)` otherwise; for parameters `false`
    /// means a duplicate (an error only in some functions, which the caller decides).
    pub(crate) fn declare(&mut self, name: &'a str, decl: Decl) -> Result<bool, ParseError> {
        let a = self.atom(name)?;
        let cur = self.current;
        let kind = self.kind(cur);
        match decl {
            Decl::Lexical(bk) => {
                let f = self.flags(cur, a);
                let module_top = kind == ScopeKind::Module;
                let conflict = f & (LEX | VAR | PARAM | SIMPLE_CATCH) != 0
                    || (f & (FUNC | TOP_FUNC) != 0)
                    || (module_top && f != 0);
                let b = self.add_binding(name, bk, cur)?;
                let e = self.entry(cur, a)?;
                e.flags |= LEX;
                if e.binding == NO_BINDING {
                    e.binding = b;
                }
                Ok(!conflict)
            }
            Decl::TopFunction => {
                let f = self.flags(cur, a);
                let conflict = f & LEX != 0;
                let e = self.entry(cur, a)?;
                let had = e.binding;
                e.flags |= TOP_FUNC;
                if had == NO_BINDING {
                    let b = self.add_binding(name, BindingKind::Function, cur)?;
                    self.entry(cur, a)?.binding = b;
                } else if let Some(bd) = self.bindings.get_mut(had as usize) {
                    if bd.kind == BindingKind::Var {
                        bd.kind = BindingKind::Function;
                    }
                }
                Ok(!conflict)
            }
            Decl::BlockFunction => {
                let f = self.flags(cur, a);
                let conflict = f & (LEX | VAR | PARAM | SIMPLE_CATCH) != 0;
                let e = self.entry(cur, a)?;
                let had = e.binding;
                e.flags |= FUNC;
                if had == NO_BINDING {
                    let b = self.add_binding(name, BindingKind::BlockFunction, cur)?;
                    self.entry(cur, a)?.binding = b;
                }
                Ok(!conflict)
            }
            Decl::Param => {
                let f = self.flags(cur, a);
                let dup = f & PARAM != 0;
                if !dup {
                    let b = self.add_binding(name, BindingKind::Param, cur)?;
                    let e = self.entry(cur, a)?;
                    e.flags |= PARAM;
                    e.binding = b;
                }
                Ok(!dup)
            }
            Decl::SimpleCatch | Decl::PatternCatch => {
                let f = self.flags(cur, a);
                let conflict = f != 0;
                let b = self.add_binding(name, BindingKind::CatchParam, cur)?;
                let e = self.entry(cur, a)?;
                e.flags |= if decl == Decl::SimpleCatch {
                    SIMPLE_CATCH
                } else {
                    LEX
                };
                e.binding = b;
                Ok(!conflict)
            }
            Decl::Var => {
                let mut s = cur;
                let mut ok = true;
                loop {
                    let sk = self.kind(s);
                    let f = self.flags(s, a);
                    if f & LEX != 0 || (f & FUNC != 0 && !sk.is_var_scope()) {
                        ok = false;
                    }
                    if sk.is_var_scope() {
                        let e = self.entry(s, a)?;
                        e.flags |= VAR;
                        if e.binding == NO_BINDING {
                            let b = self.add_binding(name, BindingKind::Var, s)?;
                            self.entry(s, a)?.binding = b;
                        }
                        break;
                    }
                    self.entry(s, a)?.flags |= VAR;
                    match self.scopes[s.0 as usize].data.parent {
                        Some(p) => s = p,
                        None => break,
                    }
                }
                Ok(ok)
            }
        }
    }

    /// Is `name` declared (not just passed through by a `var`) in scope `id`?
    pub(crate) fn is_declared(&self, id: ScopeId, name: &str) -> bool {
        let Some(a) = self.find_atom(name) else {
            return false;
        };
        self.scopes[id.0 as usize]
            .names
            .get(&a)
            .is_some_and(|e| e.binding != NO_BINDING)
    }

    /// Records an identifier reference in the current scope.
    pub(crate) fn reference(&mut self, name: &'a str) -> Result<(), ParseError> {
        if name == "arguments" {
            let mut s = self.current;
            loop {
                let d = &mut self.scopes[s.0 as usize].data;
                if matches!(
                    d.kind,
                    ScopeKind::Function
                        | ScopeKind::ClassInit
                        | ScopeKind::Script
                        | ScopeKind::Module
                ) {
                    d.uses_arguments = true;
                    break;
                }
                match d.parent {
                    Some(p) => s = p,
                    None => break,
                }
            }
        }
        let atom = self.atom(name)?;
        self.refs.push(Ref {
            atom,
            scope: self.current,
        })?;
        Ok(())
    }

    /// A direct `eval(...)` call in the current scope.
    pub(crate) fn direct_eval(&mut self) {
        self.direct_evals += 1;
        let mut s = Some(self.current);
        while let Some(id) = s {
            let d = &mut self.scopes[id.0 as usize].data;
            d.contains_direct_eval = true;
            if d.kind.is_function() && d.kind != ScopeKind::Arrow {
                d.uses_arguments = true;
            }
            s = d.parent;
        }
    }

    /// A `with` statement in the current scope.
    /// `this`, `super` or `new.target` in the current scope: marks every arrow up to and
    /// including the nearest non-arrow function (or the top level).
    pub(crate) fn this_reference(&mut self) {
        self.this_refs = self.this_refs.wrapping_add(1);
        let mut s = Some(self.current);
        while let Some(id) = s {
            let d = &mut self.scopes[id.0 as usize].data;
            if d.kind.is_function() || d.kind == ScopeKind::Script || d.kind == ScopeKind::Module {
                d.uses_this = true;
                if d.kind != ScopeKind::Arrow {
                    return;
                }
            }
            s = d.parent;
        }
    }

    pub(crate) fn with_statement(&mut self) {
        self.scopes[self.current.0 as usize].data.contains_with = true;
    }

    /// Annex B.3.3: gives each sloppy block-level function a var binding in its var scope when
    /// a `var` of that name would not conflict with a lexical declaration in between.
    fn hoist_block_functions(&mut self) -> Result<(), ParseError> {
        for i in 0..self.bindings.len() {
            let b = self.bindings[i];
            if b.kind != BindingKind::BlockFunction || self.scopes[b.scope.0 as usize].data.strict {
                continue;
            }
            let Some(mut s) = self.scopes[b.scope.0 as usize].data.parent else {
                continue;
            };
            let a = self.atom(b.name)?;
            let mut ok = true;
            loop {
                let rec = &self.scopes[s.0 as usize];
                let f = rec.names.get(&a).map_or(0, |e| e.flags);
                if rec.data.kind.is_var_scope() {
                    // A lexical declaration at the function's top level blocks it, as does a
                    // lexically declared (strict, async or generator) function there, and
                    // (B.3.2.1) a parameter of that name: the parameter keeps its value.
                    if f & (LEX | PARAM) != 0 {
                        ok = false;
                    }
                    break;
                }
                // A function of that name in an enclosing block: `var f` in its place would
                // conflict with that block's lexical `f`.
                if f & LEX != 0 && f & SIMPLE_CATCH == 0 || f & FUNC != 0 {
                    ok = false;
                    break;
                }
                if f & SIMPLE_CATCH != 0 && f & LEX != 0 {
                    ok = false;
                    break;
                }
                match rec.data.parent {
                    Some(p) => s = p,
                    None => break,
                }
            }
            if !ok || (b.name == "arguments" && self.kind(s) == ScopeKind::Function) {
                continue;
            }
            self.bindings[i].annex_b_hoisted = true;
            let e = self.entry(s, a)?;
            e.flags |= VAR;
            if e.binding == NO_BINDING {
                let nb = self.add_binding(b.name, BindingKind::Var, s)?;
                self.entry(s, a)?.binding = nb;
            }
        }
        Ok(())
    }

    /// Resolves references and freezes the tree.
    ///
    /// Resolution walks the scope tree depth-first with one "innermost binding" slot per atom:
    /// entering a scope shadows the slots of its names, leaving restores them, and each
    /// reference reads its slot in O(1). Everything it touches is a flat array (the per-scope
    /// hash tables, one allocation each, made a walk up the scope chain a cache miss per scope).
    pub(crate) fn finish(mut self) -> Result<ScopeTree<'a>, ParseError> {
        self.hoist_block_functions()?;
        let arena = self.arena;
        let n_scopes = self.scopes.len();
        let n_refs = self.refs.len();
        let n_bindings = self.bindings.len();
        // Scope parents and kinds, flat.
        let mut parent = array(arena, n_scopes, NONE)?;
        let mut is_function = array(arena, n_scopes, false)?;
        for (i, rec) in self.scopes.iter().enumerate() {
            parent[i] = rec.data.parent.map_or(NONE, |p| p.0);
            is_function[i] = rec.data.kind.is_function();
        }
        // Children, bindings (declaration order) and references (source order) grouped by scope.
        let (child_start, children) = group(arena, n_scopes, n_scopes, |i| {
            (parent[i] != NONE).then_some(parent[i])
        })?;
        let (bind_start, bind_order) = group(arena, n_scopes, n_bindings, |i| {
            Some(self.bindings[i].scope.0)
        })?;
        let (ref_start, ref_order) =
            group(arena, n_scopes, n_refs, |i| Some(self.refs[i].scope.0))?;
        // The atom of each binding (every declared name was interned by `declare`).
        let mut bind_atom = array(arena, n_bindings, NONE)?;
        for (i, b) in self.bindings.iter().enumerate() {
            bind_atom[i] = self.find_atom(b.name).unwrap_or(NONE);
        }
        // Innermost binding per atom: (binding, scope), and the undo log to restore on leaving.
        let mut top = array(arena, self.atom_names.len(), (NONE, NONE))?;
        let mut undo: Vec<(u32, (u32, u32)), &'a Arena> = Vec::new_in(arena);
        // Nearest function scope at or above each scope (NONE at top level).
        let mut fn_of = array(arena, n_scopes, NONE)?;
        let mut resolved = array(arena, n_refs, true)?;
        // Depth-first walk: (scope, undo length to restore) with the high bit marking "leave".
        let mut stack: Vec<(u32, u32), &'a Arena> = Vec::new_in(arena);
        const LEAVE: u32 = 1 << 31;
        for root in 0..n_scopes {
            if parent[root] != NONE {
                continue;
            }
            stack.try_reserve(1).map_err(oom)?;
            stack.push((root as u32, 0));
            while let Some((item, saved)) = stack.pop() {
                if item & LEAVE != 0 {
                    while undo.len() > saved as usize {
                        if let Some((atom, old)) = undo.pop() {
                            top[atom as usize] = old;
                        }
                    }
                    continue;
                }
                let sc = item as usize;
                let f = if is_function[sc] {
                    item
                } else if parent[sc] != NONE {
                    fn_of[parent[sc] as usize]
                } else {
                    NONE
                };
                fn_of[sc] = f;
                stack
                    .try_reserve(1 + (child_start[sc + 1] - child_start[sc]) as usize)
                    .map_err(oom)?;
                stack.push((item | LEAVE, undo.len() as u32));
                let bs = &bind_order[bind_start[sc] as usize..bind_start[sc + 1] as usize];
                undo.try_reserve(bs.len()).map_err(oom)?;
                for &bi in bs {
                    let atom = bind_atom[bi as usize];
                    if atom == NONE {
                        continue;
                    }
                    let slot = &mut top[atom as usize];
                    // The first binding of a name in a scope is the one references find.
                    if slot.1 != item {
                        undo.push((atom, *slot));
                        *slot = (bi, item);
                    }
                }
                for &ri in &ref_order[ref_start[sc] as usize..ref_start[sc + 1] as usize] {
                    let (b, bscope) = top[self.refs[ri as usize].atom as usize];
                    if b == NONE {
                        resolved[ri as usize] = false;
                    } else if fn_of[bscope as usize] != f {
                        // A function boundary lies between the reference and the binding.
                        if let Some(bd) = self.bindings.get_mut(b as usize) {
                            bd.captured = true;
                        }
                    }
                }
                for &c in children[child_start[sc] as usize..child_start[sc + 1] as usize]
                    .iter()
                    .rev()
                {
                    stack.push((c, 0));
                }
            }
        }
        let mut unresolved: Vec<&'a str, &'a Arena> = Vec::new_in(arena);
        for (i, &ok) in resolved.iter().enumerate() {
            if !ok {
                unresolved.try_reserve(1).map_err(oom)?;
                unresolved.push(self.atom_names[self.refs[i].atom as usize]);
            }
        }
        // Direct eval: everything visible from the eval may be captured.
        for i in 0..self.bindings.len() {
            let sc = self.bindings[i].scope;
            if self.scopes[sc.0 as usize].data.contains_direct_eval {
                self.bindings[i].captured = true;
            }
        }
        // Bindings grouped by scope (stable within a scope: declaration order).
        let mut sorted: Vec<Binding<'a>, &'a Arena> = Vec::new_in(arena);
        sorted.try_reserve(n_bindings).map_err(oom)?;
        for &bi in bind_order.iter() {
            sorted.push(self.bindings[bi as usize]);
        }
        let mut scopes: Vec<ScopeData, &'a Arena> = Vec::new_in(arena);
        scopes.try_reserve(n_scopes).map_err(oom)?;
        for (id, rec) in self.scopes.iter().enumerate() {
            let mut d = rec.data;
            d.bindings = (bind_start[id], bind_start[id + 1]);
            scopes.push(d);
        }
        Ok(ScopeTree {
            scopes: scopes.leak(),
            bindings: sorted.leak(),
            unresolved: unresolved.leak(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{name_hash, same};

    #[test]
    fn same_compares_every_byte_of_every_length() {
        let base = "abcdefghijklmnopqrstuvwxyz0123456789";
        for n in 0..=base.len() {
            let a = &base[..n];
            assert!(same(a, a));
            assert_eq!(name_hash(7, a.as_bytes()), name_hash(7, a.as_bytes()));
            for i in 0..n {
                let mut b = a.as_bytes().to_vec();
                b[i] = b'_';
                let b = std::str::from_utf8(&b).unwrap();
                assert!(!same(a, b), "{a} vs {b}");
                assert_ne!(
                    name_hash(7, a.as_bytes()),
                    name_hash(7, b.as_bytes()),
                    "{a} vs {b}"
                );
            }
            if n > 0 {
                assert!(!same(a, &base[..n - 1]));
            }
        }
    }
}
