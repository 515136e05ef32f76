//! `RegExp` (ECMA-262 §22.2): the constructor, `RegExp.prototype` (`exec`, `test`,
//! `toString`, the flag getters, `source`), regexp literals, and the abstract operations the
//! symbol methods (`symbols.rs`) and `String.prototype` share (`RegExpExec`,
//! `RegExpBuiltinExec`, `AdvanceStringIndex`).
//!
//! Patterns compile with `conch_regexp` into a flat `[u32]` program kept in a `GcArray<u32>`
//! (accounted, immutable once made); matching runs over the subject's own characters with the
//! backtracking stack in an arena over the runtime's memory manager, polling the runtime's
//! termination flag. Literal sites share compiled programs through a small per-realm cache
//! keyed by the site's pattern and flags constants.

mod legacy;
mod symbols;
#[cfg(test)]
mod tests;

pub(crate) use symbols::{fill_iterator_proto, get_substitution, regexp_create};

use super::array::{array_create, create_index};
use super::collection::map::{getter, species};
use super::string::{substring, StrBuf};
use super::{arg, constructor, data, fill_constructor, link_constructor, method, method_key, Lazy};
use crate::convert::{to_boolean, to_string};
use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::runtime::Name;
use crate::string::{Chars, JsString};
use crate::WellKnown;
use allocator_api2::vec::Vec as AVec;
use conch_gc::{Gc, GcArray, GcVec, Value};
use conch_mm::Arena;
use conch_regexp::{Flags, Input, Program, UNSET};

/// Slots of the literal cache (direct-mapped by the pattern constant's address).
const CACHE_SLOTS: usize = 64;

pub(crate) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(proto, Lazy::RegExpProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::RegExpPrototype, proto.to_value());
    let c = constructor(
        cx,
        global,
        "RegExp",
        regexp_ctor,
        proto,
        fp,
        Lazy::RegExpCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::RegExp, c.to_value());
    let ip = cx.intrinsic(Intrinsic::IteratorPrototype);
    let it = cx.new_singleton(ObjectClass::Ordinary, ip)?;
    Object::set_lazy(it, Lazy::RegExpStringIteratorProto as u8);
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::RegExpStringIteratorPrototype,
        it.to_value(),
    );
    Ok(())
}

pub(crate) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    fill_constructor(cx, c, 2)?;
    method(cx, c, "escape", 1, symbols::escape)?;
    species(cx, c)?;
    legacy::fill(cx, c)
}

pub(crate) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::RegExp)?;
    method(cx, p, "compile", 2, compile)?;
    method(cx, p, "exec", 1, exec)?;
    getter(cx, p, "dotAll", get_dot_all)?;
    getter(cx, p, "flags", get_flags)?;
    getter(cx, p, "global", get_global)?;
    getter(cx, p, "hasIndices", get_has_indices)?;
    getter(cx, p, "ignoreCase", get_ignore_case)?;
    getter(cx, p, "multiline", get_multiline)?;
    getter(cx, p, "source", get_source)?;
    getter(cx, p, "sticky", get_sticky)?;
    method(cx, p, "test", 1, test)?;
    method(cx, p, "toString", 0, to_string_m)?;
    getter(cx, p, "unicode", get_unicode)?;
    getter(cx, p, "unicodeSets", get_unicode_sets)?;
    let wk = |cx: &Cx, w| PropertyKey::symbol(cx.rt.well_known(w));
    let k = wk(cx, WellKnown::match_);
    method_key(cx, p, k, 1, symbols::symbol_match)?;
    let k = wk(cx, WellKnown::matchAll);
    method_key(cx, p, k, 1, symbols::symbol_match_all)?;
    let k = wk(cx, WellKnown::replace);
    method_key(cx, p, k, 2, symbols::symbol_replace)?;
    let k = wk(cx, WellKnown::search);
    method_key(cx, p, k, 1, symbols::symbol_search)?;
    let k = wk(cx, WellKnown::split);
    method_key(cx, p, k, 2, symbols::symbol_split)?;
    Ok(())
}

// ---- Creation ----

/// The RegExp instance behind `v`, if it is one (initialised).
pub(crate) fn as_regexp(v: Value) -> Option<Gc<Object>> {
    Object::from_value(v).filter(|o| o.class() == ObjectClass::RegExp)
}

/// The program of an initialised RegExp object.
fn program_cell(o: Gc<Object>) -> Option<Gc<GcArray<u32>>> {
    // SAFETY: internal slot 0 of a RegExp object only ever holds a `GcArray<u32>` made by
    // `compile_pattern` (or `undefined`).
    o.internal(0)
        .cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<u32>>::from_addr(a) })
}

fn words(cell: &Gc<GcArray<u32>>) -> &[u32] {
    let cells = cell.cells();
    // SAFETY: `Cell<u32>` has the layout of `u32`; a program array is never written after
    // `compile_pattern` filled it, so no `Cell::set` can alias this shared view, and the
    // cell lives (non-moving heap) at least as long as the borrow of `cell`.
    unsafe { core::slice::from_raw_parts(cells.as_ptr().cast::<u32>(), cells.len()) }
}

/// `IsRegExp ( argument )`.
pub(crate) fn is_regexp(cx: &mut Cx, v: Value) -> JsResult<bool> {
    let Some(o) = Object::from_value(v) else {
        return Ok(false);
    };
    let mk = PropertyKey::symbol(cx.rt.well_known(WellKnown::match_));
    let m = ops::get_v(cx, o, mk)?;
    if !m.is_undefined() {
        return Ok(to_boolean(m));
    }
    Ok(o.class() == ObjectClass::RegExp)
}

/// Writes `s` as WTF-8 into `out` (lone surrogates keep their 3-byte encoding).
fn to_wtf8(s: Chars<'_>, out: &mut AVec<u8, &Arena>) -> Result<(), conch_gc::OutOfMemory> {
    out.try_reserve(s.len() * 3)
        .map_err(|_| conch_gc::OutOfMemory)?;
    let mut i = 0;
    let mut tmp = [0u8; 4];
    while i < s.len() {
        let (cp, n, _) = super::string::code_point_at(&s, i);
        i += n;
        match char::from_u32(cp) {
            Some(c) => out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes()),
            None => out.extend_from_slice(&[
                0xE0 | (cp >> 12) as u8,
                0x80 | ((cp >> 6) & 0x3F) as u8,
                0x80 | (cp & 0x3F) as u8,
            ]),
        }
    }
    Ok(())
}

/// A SyntaxError "Invalid regular expression: /P/F: message".
fn pattern_error(cx: &Cx, p: Gc<JsString>, f: Gc<JsString>, message: &str) -> Throw {
    let build = || -> JsResult<Throw> {
        let mut b = StrBuf::new();
        b.push_ascii(cx, b"Invalid regular expression: /")?;
        b.push_chars(cx, p.chars())?;
        b.push_ascii(cx, b"/")?;
        b.push_chars(cx, f.chars())?;
        b.push_ascii(cx, b": ")?;
        b.push_ascii(cx, message.as_bytes())?;
        let s = b.finish(cx)?;
        Ok(Throw::Value(
            cx.error_object_with(ErrorKind::SyntaxError, s.to_value())?
                .to_value(),
        ))
    };
    build().unwrap_or_else(|t| t)
}

/// Parses flags and compiles `p` (both flat): the program cell.
fn compile_pattern(
    cx: &Cx,
    p: Gc<JsString>,
    f: Gc<JsString>,
) -> JsResult<(Gc<GcArray<u32>>, Flags)> {
    let Some(flags) = Flags::parse(f.chars().units()) else {
        use crate::builtins::error::shown::{error, Part};
        return Err(error(
            cx,
            ErrorKind::SyntaxError,
            &[
                Part::Text("Invalid flags supplied to RegExp constructor '"),
                Part::Str(f),
                Part::Text("'"),
            ],
        ));
    };
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let mut src = AVec::new_in(&arena);
    to_wtf8(p.chars(), &mut src)?;
    match conch_regexp::compile_in(&src, flags, &arena) {
        Ok(words) => Ok((GcArray::from_slice(cx.heap(), words)?, flags)),
        Err(e) if e.stack_overflow => {
            Err(Throw::Value(cx.intrinsic(Intrinsic::StackOverflowError)))
        }
        Err(e) if e.message == "Out of memory" => Err(Throw::OutOfMemory),
        Err(e) => Err(pattern_error(cx, p, f, e.message)),
    }
}

/// `RegExpAlloc ( newTarget )`: a RegExp object with its `lastIndex` property.
fn regexp_alloc(cx: &mut Cx, nt: Value) -> JsResult<Gc<Object>> {
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::RegExpPrototype)?;
    let o = cx.new_object_with(ObjectClass::RegExp, proto)?;
    Object::set_internal(o, 3, legacy::alloc_mark(cx, nt));
    let lk = cx.name(crate::Name::lastIndex);
    data(cx, o, lk, Value::int(0), attrs::WRITABLE)?;
    Ok(o)
}

/// `RegExpInitialize ( obj, pattern, flags )`.
fn regexp_initialize(cx: &mut Cx, o: Gc<Object>, pattern: Value, flags: Value) -> JsResult<Value> {
    let p = if pattern.is_undefined() {
        cx.string("")?
    } else {
        to_string(cx, pattern)?
    };
    let f = if flags.is_undefined() {
        cx.string("")?
    } else {
        to_string(cx, flags)?
    };
    let p = JsString::flatten(cx.heap(), p)?;
    let f = JsString::flatten(cx.heap(), f)?;
    let (prog, _) = compile_pattern(cx, p, f)?;
    Object::set_internal(o, 0, prog.to_value());
    Object::set_internal(o, 1, p.to_value());
    Object::set_internal(o, 2, f.to_value());
    set_last_index(cx, o.to_value(), Value::int(0))?;
    Ok(o.to_value())
}

/// `Set(R, "lastIndex", v, true)`.
pub(crate) fn set_last_index(cx: &mut Cx, r: Value, v: Value) -> JsResult<()> {
    let Some(o) = Object::from_value(r) else {
        return Err(cx.type_error("RegExp is not an object"));
    };
    let lk = cx.name(crate::Name::lastIndex);
    let ok = ops::set(cx, o, lk, v, r)?;
    ops::or_throw(cx, ok, "Cannot assign to read only property 'lastIndex'")
}

/// `Get(R, "lastIndex")`.
pub(crate) fn get_last_index(cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
    let lk = cx.name(crate::Name::lastIndex);
    ops::get(cx, o, lk, o.to_value())
}

/// `ToLength`.
pub(crate) fn to_length(cx: &mut Cx, v: Value) -> JsResult<u64> {
    let n = super::array::to_integer_or_infinity(cx, v)?;
    Ok(if n <= 0.0 {
        0
    } else {
        n.min(9007199254740991.0) as u64
    })
}

/// The `RegExp` constructor (§22.2.4.1).
fn regexp_ctor(cx: &mut Cx, f: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    let pattern_is_regexp = is_regexp(cx, pattern)?;
    let nt = if nt.is_undefined() {
        let nt = f.to_value();
        if pattern_is_regexp && flags.is_undefined() {
            let pc = Object::from_value(pattern).expect("IsRegExp implies an object");
            let ck = cx.name(Name::constructor);
            let c = ops::get(cx, pc, ck, pattern)?;
            if c == nt {
                return Ok(pattern);
            }
        }
        nt
    } else {
        nt
    };
    let (p, fl) = if let Some(r) = as_regexp(pattern).filter(|r| program_cell(*r).is_some()) {
        let fl = if flags.is_undefined() {
            r.internal(2)
        } else {
            flags
        };
        (r.internal(1), fl)
    } else if pattern_is_regexp {
        let po = Object::from_value(pattern).expect("IsRegExp implies an object");
        let sk = cx.rt.key("source")?;
        let src = ops::get(cx, po, sk, pattern)?;
        let fl = if flags.is_undefined() {
            let fk = cx.rt.key("flags")?;
            ops::get(cx, po, fk, pattern)?
        } else {
            flags
        };
        (src, fl)
    } else {
        (pattern, flags)
    };
    let o = regexp_alloc(cx, nt)?;
    regexp_initialize(cx, o, p, fl)
}

/// A regexp literal's evaluation: a new RegExp object (its program from the realm's cache).
pub(crate) fn create_from_literal(cx: &mut Cx, p: Value, f: Value) -> JsResult<Value> {
    let (Some(ps), Some(fs)) = (JsString::from_value(p), JsString::from_value(f)) else {
        return Err(cx.type_error("Invalid regular expression literal"));
    };
    let cache = match GcArrayValue::from(cx.intrinsic(Intrinsic::RegExpCache)) {
        Some(c) => c,
        None => {
            let c = GcArray::<Value>::new(cx.heap(), 3 * CACHE_SLOTS)?;
            c.resize_within_capacity(3 * CACHE_SLOTS, Value::UNDEFINED);
            Context::set_intrinsic(cx.realm, Intrinsic::RegExpCache, c.to_value());
            c
        }
    };
    let slot = 3 * ((p.to_bits() >> 4) as usize % CACHE_SLOTS);
    let prog = if cache.get(slot) == Some(p) && cache.get(slot + 1) == Some(f) {
        cache.get(slot + 2).unwrap_or(Value::UNDEFINED)
    } else {
        let ps = JsString::flatten(cx.heap(), ps)?;
        let fs = JsString::flatten(cx.heap(), fs)?;
        let (prog, _) = compile_pattern(cx, ps, fs)?;
        cache.set(slot, p);
        cache.set(slot + 1, f);
        cache.set(slot + 2, prog.to_value());
        prog.to_value()
    };
    let nt = cx.intrinsic(Intrinsic::RegExp);
    let o = regexp_alloc(cx, nt)?;
    Object::set_internal(o, 0, prog);
    Object::set_internal(o, 1, JsString::flatten(cx.heap(), ps)?.to_value());
    Object::set_internal(o, 2, JsString::flatten(cx.heap(), fs)?.to_value());
    Ok(o.to_value())
}

/// Downcast of the cache intrinsic.
struct GcArrayValue;
impl GcArrayValue {
    fn from(v: Value) -> Option<Gc<GcArray<Value>>> {
        // SAFETY: the RegExpCache intrinsic only ever holds the `GcArray<Value>` made by
        // `create_from_literal` (or `undefined`).
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
    }
}

/// `RegExp.prototype.compile ( pattern, flags )` (Annex B).
fn compile(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(o) = as_regexp(this) else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["RegExp.prototype.compile"],
            this,
        ));
    };
    // Legacy RegExp features: only on RegExps of this realm made by `%RegExp%` itself.
    if !legacy::legacy_enabled(cx, o) {
        return Err(
            cx.type_error("RegExp.prototype.compile called on a subclass or cross-realm RegExp")
        );
    }
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    if let Some(r) = as_regexp(pattern) {
        if !flags.is_undefined() {
            return Err(
                cx.type_error("Cannot supply flags when constructing one RegExp from another")
            );
        }
        return regexp_initialize(cx, o, r.internal(1), r.internal(2));
    }
    regexp_initialize(cx, o, pattern, flags)
}

// ---- Matching ----

struct Poll<'a>(&'a crate::runtime::Runtime);

impl conch_regexp::Host for Poll<'_> {
    fn interrupted(&mut self) -> bool {
        self.0.is_disabled()
    }
}

/// A successful match: capture positions (`UNSET` where a group did not participate).
pub(crate) struct MatchData<'a> {
    pub(crate) caps: conch_regexp::Captures<&'a Arena>,
}

impl MatchData<'_> {
    pub(crate) fn count(&self) -> usize {
        self.caps.len() / 2
    }
    pub(crate) fn get(&self, i: usize) -> Option<(usize, usize)> {
        let (s, e) = (self.caps[2 * i], self.caps[2 * i + 1]);
        (s != UNSET && e != UNSET).then_some((s as usize, e as usize))
    }
}

/// Runs the program of `r` on flat `s` from `at`.
pub(crate) fn match_at<'a>(
    cx: &Cx,
    prog: &Gc<GcArray<u32>>,
    s: Gc<JsString>,
    at: usize,
    sticky: bool,
    arena: &'a Arena,
) -> JsResult<Option<MatchData<'a>>> {
    let Some(program) = Program::new(words(prog)) else {
        return Err(cx.type_error("RegExp is not initialised"));
    };
    let input = match s.chars() {
        Chars::One(b) => Input::Latin1(b),
        Chars::Two(w) => Input::Utf16(w),
    };
    let mut host = Poll(cx.rt);
    match conch_regexp::exec(program, input, at, sticky, arena, &mut host) {
        Ok(r) => Ok(r.map(|caps| MatchData { caps })),
        Err(conch_regexp::ExecError::OutOfMemory) => Err(Throw::OutOfMemory),
        Err(conch_regexp::ExecError::Interrupted) => Err(Throw::Terminated),
    }
}

/// `RegExpBuiltinExec ( R, S )`.
pub(crate) fn builtin_exec(cx: &mut Cx, r: Gc<Object>, s: Gc<JsString>) -> JsResult<Value> {
    let s = JsString::flatten(cx.heap(), s)?;
    let li = get_last_index(cx, r)?;
    let mut last = to_length(cx, li)?;
    let Some(prog) = program_cell(r) else {
        return Err(cx.type_error("RegExp is not initialised"));
    };
    let fl = flags_of(r);
    let (global, sticky) = (fl.global, fl.sticky);
    if !global && !sticky {
        last = 0;
    }
    let len = s.len() as u64;
    if last > len {
        if global || sticky {
            set_last_index(cx, r.to_value(), Value::int(0))?;
        }
        return Ok(Value::NULL);
    }
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let Some(m) = match_at(cx, &prog, s, last as usize, sticky, &arena)? else {
        if global || sticky {
            set_last_index(cx, r.to_value(), Value::int(0))?;
        }
        return Ok(Value::NULL);
    };
    let (start, end) = m.get(0).unwrap_or((0, 0));
    if global || sticky {
        set_last_index(cx, r.to_value(), Value::number(end as f64))?;
    }
    legacy::after_match(cx, r, s, &|i| m.get(i), m.count())?;
    let program = Program::new(words(&prog)).expect("checked above");
    build_result(cx, program, s, &m, start, fl.has_indices)
}

/// The flags of an initialised RegExp object (`[[OriginalFlags]]`).
pub(crate) fn flags_of(o: Gc<Object>) -> Flags {
    JsString::from_value(o.internal(2))
        .and_then(|f| {
            let f = f.try_chars()?;
            Flags::parse(f.units())
        })
        .unwrap_or_default()
}

/// The exec result array (§22.2.7.2 steps 20–36).
fn build_result(
    cx: &mut Cx,
    program: Program,
    s: Gc<JsString>,
    m: &MatchData,
    start: usize,
    has_indices: bool,
) -> JsResult<Value> {
    let n = m.count();
    let ap = cx.intrinsic(Intrinsic::ArrayPrototype);
    let a = array_create(cx, 0, ap)?;
    let ik = cx.name(crate::Name::index);
    ops::create_data_property(cx, a, ik, Value::number(start as f64))?;
    let ink = cx.name(crate::Name::input);
    ops::create_data_property(cx, a, ink, s.to_value())?;
    let vals: GcVec<Value> = GcVec::new();
    for i in 0..n {
        let v = match m.get(i) {
            Some((b, e)) => substring(cx, s, b, e)?.to_value(),
            None => Value::UNDEFINED,
        };
        vals.push(cx.heap(), v)?;
    }
    let val = |i: usize| vals.get(i).unwrap_or(Value::UNDEFINED);
    create_index(cx, a, 0, val(0))?;
    let has_groups = program.names().next().is_some();
    let groups = if has_groups {
        cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?
            .to_value()
    } else {
        Value::UNDEFINED
    };
    let gk = cx.name(crate::Name::groups);
    ops::create_data_property(cx, a, gk, groups)?;
    let indices = if has_indices {
        let ia = array_create(cx, 0, ap)?;
        Some(ia)
    } else {
        None
    };
    let index_groups = if has_indices && has_groups {
        cx.new_object_with(ObjectClass::Ordinary, Value::NULL)?
            .to_value()
    } else {
        Value::UNDEFINED
    };
    if let Some(ia) = indices {
        for i in 0..n {
            let v = match m.get(i) {
                Some((b, e)) => {
                    let pair = array_create(cx, 0, ap)?;
                    create_index(cx, pair, 0, Value::number(b as f64))?;
                    create_index(cx, pair, 1, Value::number(e as f64))?;
                    pair.to_value()
                }
                None => Value::UNDEFINED,
            };
            create_index(cx, ia, i as u64, v)?;
        }
        ops::create_data_property(cx, ia, gk, index_groups)?;
        let xk = cx.rt.key("indices")?;
        ops::create_data_property(cx, a, xk, ia.to_value())?;
    }
    for i in 1..n {
        create_index(cx, a, i as u64, val(i))?;
    }
    if let Some(g) = Object::from_value(groups) {
        // Each distinct name once, in order of first declaration: the participating group's
        // value (duplicates are in different alternatives: at most one participates).
        for name in program.names() {
            if program
                .names()
                .take_while(|o| o.group != name.group)
                .any(|o| o.id == name.id)
            {
                continue;
            }
            let chosen = program
                .names()
                .filter(|o| o.id == name.id)
                .map(|o| o.group as usize)
                .find(|&gi| m.get(gi).is_some())
                .unwrap_or(name.group as usize);
            let key = name_key(cx, name.units)?;
            ops::create_data_property(cx, g, key, val(chosen))?;
            if let Some(ig) = Object::from_value(index_groups) {
                let iav = indices.map(|ia| ia.to_value()).unwrap_or(Value::UNDEFINED);
                let ia = Object::from_value(iav).expect("indices array");
                let v = super::array::get_index(cx, ia, chosen as u64)?;
                ops::create_data_property(cx, ig, key, v)?;
            }
        }
    }
    Ok(a.to_value())
}

/// A property key from a group name's units.
pub(crate) fn name_key(cx: &mut Cx, units: &[u32]) -> JsResult<PropertyKey> {
    let s = JsString::build_utf16(
        cx.heap(),
        units.len(),
        units.iter().all(|&u| u <= 0xFF),
        |i| units[i] as u16,
    )?;
    crate::convert::to_property_key(cx, s.to_value())
}

/// `RegExpExec ( R, S )`.
pub(crate) fn regexp_exec(cx: &mut Cx, r: Gc<Object>, s: Gc<JsString>) -> JsResult<Value> {
    let ek = cx.rt.key("exec")?;
    let exec = ops::get(cx, r, ek, r.to_value())?;
    if Object::from_value(exec).is_some_and(|f| f.is_callable()) {
        let result = ops::call(cx, exec, r.to_value(), &[s.to_value()])?;
        if !result.is_null() && Object::from_value(result).is_none() {
            return Err(cx.type_error("exec result must be an object or null"));
        }
        return Ok(result);
    }
    if r.class() != ObjectClass::RegExp {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["RegExp.prototype.exec"],
            r.to_value(),
        ));
    }
    builtin_exec(cx, r, s)
}

/// `AdvanceStringIndex ( S, index, unicode )`.
pub(crate) fn advance_string_index(s: Gc<JsString>, index: u64, unicode: bool) -> u64 {
    if !unicode || index + 1 >= s.len() as u64 {
        return index + 1;
    }
    let (_, n, _) = super::string::code_point_at(&s.chars(), index as usize);
    index + n as u64
}

fn this_regexp(cx: &Cx, this: Value, name: &str) -> JsResult<Gc<Object>> {
    as_regexp(this).ok_or_else(|| {
        crate::builtins::error::shown::incompatible_receiver(cx, &["RegExp.prototype.", name], this)
    })
}

/// `RegExp.prototype.exec ( string )`.
fn exec(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let r = this_regexp(cx, this, "exec")?;
    let s = to_string(cx, arg(args, 0))?;
    builtin_exec(cx, r, s)
}

/// `RegExp.prototype.test ( S )`.
fn test(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let Some(r) = Object::from_value(this) else {
        // V8 shows the receiver as `undefined` here.
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["RegExp.prototype.test"],
            Value::UNDEFINED,
        ));
    };
    let s = to_string(cx, arg(args, 0))?;
    let m = regexp_exec(cx, r, s)?;
    Ok(Value::bool(!m.is_null()))
}

/// `RegExp.prototype.toString ( )`.
fn to_string_m(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(r) = Object::from_value(this) else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["RegExp.prototype.toString"],
            this,
        ));
    };
    let sk = cx.rt.key("source")?;
    let src = ops::get(cx, r, sk, this)?;
    let src = to_string(cx, src)?;
    let fk = cx.rt.key("flags")?;
    let fl = ops::get(cx, r, fk, this)?;
    let fl = to_string(cx, fl)?;
    let src = JsString::flatten(cx.heap(), src)?;
    let fl = JsString::flatten(cx.heap(), fl)?;
    let mut b = StrBuf::new();
    b.push(cx, u16::from(b'/'))?;
    b.push_chars(cx, src.chars())?;
    b.push(cx, u16::from(b'/'))?;
    b.push_chars(cx, fl.chars())?;
    Ok(b.finish(cx)?.to_value())
}

/// `get RegExp.prototype.flags`.
fn get_flags(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(r) = Object::from_value(this) else {
        return Err(crate::builtins::error::shown::error(
            cx,
            crate::cx::ErrorKind::TypeError,
            &[
                crate::builtins::error::shown::Part::Text(
                    "RegExp.prototype.flags getter called on non-object ",
                ),
                crate::builtins::error::shown::Part::Shown(this),
            ],
        ));
    };
    let mut out = [0u8; 8];
    let mut n = 0;
    for (name, c) in [
        ("hasIndices", b'd'),
        ("global", b'g'),
        ("ignoreCase", b'i'),
        ("multiline", b'm'),
        ("dotAll", b's'),
        ("unicode", b'u'),
        ("unicodeSets", b'v'),
        ("sticky", b'y'),
    ] {
        let k = cx.rt.key(name)?;
        let v = ops::get(cx, r, k, this)?;
        if to_boolean(v) {
            out[n] = c;
            n += 1;
        }
    }
    Ok(JsString::from_latin1(cx.heap(), &out[..n])?.to_value())
}

/// The flags of a RegExp receiver for the flag getters: `None` for `RegExp.prototype`.
fn flag_of(cx: &mut Cx, this: Value, name: &str, pick: fn(Flags) -> bool) -> JsResult<Value> {
    if let Some(r) = as_regexp(this) {
        return Ok(Value::bool(pick(flags_of(r))));
    }
    if this == cx.intrinsic(Intrinsic::RegExpPrototype) {
        return Ok(Value::UNDEFINED);
    }
    let mut buf = [0u8; 96];
    let msg = super::array::format_into(
        &mut buf,
        &[
            "RegExp.prototype.",
            name,
            " getter called on non-RegExp object",
        ],
    );
    Err(cx.type_error(msg))
}

macro_rules! flag_getters {
    ($($f:ident => $name:literal, $field:ident;)*) => {$(
        fn $f(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
            flag_of(cx, this, $name, |f| f.$field)
        }
    )*};
}

flag_getters! {
    get_dot_all => "dotAll", dot_all;
    get_global => "global", global;
    get_has_indices => "hasIndices", has_indices;
    get_ignore_case => "ignoreCase", ignore_case;
    get_multiline => "multiline", multiline;
    get_sticky => "sticky", sticky;
    get_unicode => "unicode", unicode;
    get_unicode_sets => "unicodeSets", unicode_sets;
}

/// `get RegExp.prototype.source`: EscapeRegExpPattern of `[[OriginalSource]]`.
fn get_source(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let Some(r) = as_regexp(this) else {
        if this == cx.intrinsic(Intrinsic::RegExpPrototype) {
            return Ok(cx.string("(?:)")?.to_value());
        }
        return Err(cx.type_error("RegExp.prototype.source getter called on non-RegExp object"));
    };
    let Some(src) = JsString::from_value(r.internal(1)) else {
        return Ok(cx.string("(?:)")?.to_value());
    };
    let src = JsString::flatten(cx.heap(), src)?;
    let c = src.chars();
    if c.is_empty() {
        return Ok(cx.string("(?:)")?.to_value());
    }
    let mut b = StrBuf::new();
    let mut in_class = false;
    let mut i = 0;
    while i < c.len() {
        let u = c.at(i);
        match u {
            0x5C => {
                b.push(cx, u)?;
                if i + 1 < c.len() {
                    i += 1;
                    b.push(cx, c.at(i))?;
                }
            }
            0x2F if !in_class => b.push_ascii(cx, b"\\/")?,
            0x0A => b.push_ascii(cx, b"\\n")?,
            0x0D => b.push_ascii(cx, b"\\r")?,
            0x2028 => b.push_ascii(cx, b"\\u2028")?,
            0x2029 => b.push_ascii(cx, b"\\u2029")?,
            _ => {
                if u == 0x5B {
                    in_class = true;
                } else if u == 0x5D {
                    in_class = false;
                }
                b.push(cx, u)?;
            }
        }
        i += 1;
    }
    Ok(b.finish(cx)?.to_value())
}
