//! `RegExp.prototype[@@match / @@matchAll / @@replace / @@search / @@split]` in the spec's
//! observable order, `GetSubstitution`, the RegExp String Iterator and `RegExp.escape`.

use super::{
    advance_string_index, get_last_index, regexp_alloc, regexp_exec, regexp_initialize,
    set_last_index, to_length,
};
use crate::builtins::array::{array_create, create_index, get_index, tick};
use crate::builtins::collection::map::to_string_tag;
use crate::builtins::string::{str_arg, substring, StrBuf};
use crate::builtins::{arg, iter_result, method};
use crate::convert::{length_of_array_like, to_object, to_string};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::Name;
use crate::string::{Chars, JsString};
use crate::WellKnown;
use conch_gc::{Gc, GcVec, Value};

type R = JsResult<Value>;

fn this_object(cx: &Cx, this: Value, name: &str) -> JsResult<Gc<Object>> {
    Object::from_value(this).ok_or_else(|| {
        // V8's words ("@@match" for `Symbol.match`), with the receiver shown as `undefined`
        // for `@@replace`.
        let short = name.strip_prefix("Symbol.").unwrap_or(name);
        let shown = if short == "replace" {
            Value::UNDEFINED
        } else {
            this
        };
        crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["RegExp.prototype.@@", short],
            shown,
        )
    })
}

/// `ToString(Get(rx, "flags"))`, flattened.
fn flags_string(cx: &mut Cx, rx: Gc<Object>) -> JsResult<Gc<JsString>> {
    let fk = cx.rt.key("flags")?;
    let f = ops::get(cx, rx, fk, rx.to_value())?;
    str_arg(cx, f)
}

fn has_flag(f: Gc<JsString>, c: u8) -> bool {
    f.chars().units().any(|u| u == u16::from(c))
}

/// Appends units `from..to` of flat `s`.
fn push_range(b: &mut StrBuf, cx: &Cx, s: Gc<JsString>, from: usize, to: usize) -> JsResult<()> {
    if from >= to {
        return Ok(());
    }
    let c = match s.chars() {
        Chars::One(x) => Chars::One(&x[from..to]),
        Chars::Two(x) => Chars::Two(&x[from..to]),
    };
    b.push_chars(cx, c)
}

/// `SpeciesConstructor(O, %RegExp%)`.
fn species_constructor(cx: &mut Cx, o: Gc<Object>) -> JsResult<Value> {
    let ck = cx.name(Name::constructor);
    let c = ops::get(cx, o, ck, o.to_value())?;
    if c.is_undefined() {
        return Ok(cx.intrinsic(Intrinsic::RegExp));
    }
    let Some(co) = Object::from_value(c) else {
        return Err(cx.type_error("The constructor property is not an object"));
    };
    let sk = PropertyKey::symbol(cx.rt.well_known(WellKnown::species));
    let s = ops::get(cx, co, sk, c)?;
    if s.is_nullish() {
        return Ok(cx.intrinsic(Intrinsic::RegExp));
    }
    if Object::from_value(s).is_some_and(|f| f.is_constructor()) {
        return Ok(s);
    }
    Err(cx.type_error("object.constructor[Symbol.species] is not a constructor"))
}

/// `RegExpCreate ( P, F )`.
pub(crate) fn regexp_create(cx: &mut Cx, p: Value, f: Value) -> R {
    let nt = cx.intrinsic(Intrinsic::RegExp);
    let o = regexp_alloc(cx, nt)?;
    regexp_initialize(cx, o, p, f)
}

/// After an empty match of a global regexp: lastIndex = AdvanceStringIndex(lastIndex).
fn advance_after_empty(
    cx: &mut Cx,
    rx: Gc<Object>,
    s: Gc<JsString>,
    unicode: bool,
) -> JsResult<()> {
    let li = get_last_index(cx, rx)?;
    let this_index = to_length(cx, li)?;
    let next = advance_string_index(s, this_index, unicode);
    set_last_index(cx, rx.to_value(), Value::number(next as f64))
}

/// `RegExp.prototype [ @@match ] ( string )`.
pub(super) fn symbol_match(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let rx = this_object(cx, this, "Symbol.match")?;
    let s = str_arg(cx, arg(args, 0))?;
    let flags = flags_string(cx, rx)?;
    if !has_flag(flags, b'g') {
        return regexp_exec(cx, rx, s);
    }
    let full_unicode = has_flag(flags, b'u') || has_flag(flags, b'v');
    set_last_index(cx, this, Value::int(0))?;
    let ap = cx.intrinsic(Intrinsic::ArrayPrototype);
    let a = array_create(cx, 0, ap)?;
    let mut n = 0u64;
    loop {
        let result = regexp_exec(cx, rx, s)?;
        let Some(ro) = Object::from_value(result) else {
            return Ok(if n == 0 { Value::NULL } else { a.to_value() });
        };
        tick(cx, n)?;
        let m = get_index(cx, ro, 0)?;
        let m = to_string(cx, m)?;
        create_index(cx, a, n, m.to_value())?;
        if m.is_empty() {
            advance_after_empty(cx, rx, s, full_unicode)?;
        }
        n += 1;
    }
}

/// `RegExp.prototype [ @@search ] ( string )`.
pub(super) fn symbol_search(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    let rx = this_object(cx, this, "Symbol.search")?;
    let s = str_arg(cx, arg(args, 0))?;
    let prev = get_last_index(cx, rx)?;
    if !crate::convert::same_value(cx, prev, Value::int(0))? {
        set_last_index(cx, this, Value::int(0))?;
    }
    let result = regexp_exec(cx, rx, s)?;
    let cur = get_last_index(cx, rx)?;
    if !crate::convert::same_value(cx, cur, prev)? {
        set_last_index(cx, this, prev)?;
    }
    let Some(ro) = Object::from_value(result) else {
        return Ok(Value::int(-1));
    };
    let ik = cx.name(crate::Name::index);
    ops::get(cx, ro, ik, result)
}

/// `RegExp.prototype [ @@split ] ( string, limit )`.
pub(super) fn symbol_split(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> R {
    let rx = this_object(cx, this, "Symbol.split")?;
    let s = str_arg(cx, arg(args, 0))?;
    let c = species_constructor(cx, rx)?;
    let flags = flags_string(cx, rx)?;
    let unicode = has_flag(flags, b'u') || has_flag(flags, b'v');
    let new_flags = if has_flag(flags, b'y') {
        flags
    } else {
        let mut b = StrBuf::new();
        b.push_chars(cx, flags.chars())?;
        b.push(cx, u16::from(b'y'))?;
        b.finish(cx)?
    };
    let splitter = ops::construct(cx, c, &[this, new_flags.to_value()], c)?;
    let Some(sp) = Object::from_value(splitter) else {
        return Err(cx.type_error("splitter is not an object"));
    };
    let ap = cx.intrinsic(Intrinsic::ArrayPrototype);
    let a = array_create(cx, 0, ap)?;
    let limit = arg(args, 1);
    let lim = if limit.is_undefined() {
        u32::MAX
    } else {
        crate::convert::to_uint32(cx, limit)?
    };
    if lim == 0 {
        return Ok(a.to_value());
    }
    let size = s.len();
    if size == 0 {
        let z = regexp_exec(cx, sp, s)?;
        if z.is_null() {
            create_index(cx, a, 0, s.to_value())?;
        }
        return Ok(a.to_value());
    }
    if c == cx.intrinsic(Intrinsic::RegExp) && exec_is_builtin(cx, sp)? {
        return split_fast(cx, sp, s, a, lim, unicode);
    }
    let mut len_a = 0u64;
    let (mut p, mut q) = (0usize, 0usize);
    while q < size {
        tick(cx, q as u64)?;
        set_last_index(cx, splitter, Value::number(q as f64))?;
        let z = regexp_exec(cx, sp, s)?;
        let Some(zo) = Object::from_value(z) else {
            q = advance_string_index(s, q as u64, unicode) as usize;
            continue;
        };
        let li = get_last_index(cx, sp)?;
        let e = (to_length(cx, li)? as usize).min(size);
        if e == p {
            q = advance_string_index(s, q as u64, unicode) as usize;
            continue;
        }
        let t = substring(cx, s, p, q)?;
        create_index(cx, a, len_a, t.to_value())?;
        len_a += 1;
        if len_a == u64::from(lim) {
            return Ok(a.to_value());
        }
        p = e;
        let n = length_of_array_like(cx, zo)?.max(1) - 1;
        for i in 1..=n {
            let v = get_index(cx, zo, i)?;
            create_index(cx, a, len_a, v)?;
            len_a += 1;
            if len_a == u64::from(lim) {
                return Ok(a.to_value());
            }
        }
        q = p;
    }
    let t = substring(cx, s, p, size)?;
    create_index(cx, a, len_a, t.to_value())?;
    Ok(a.to_value())
}

/// Whether `Get(sp, "exec")` is the built-in `RegExp.prototype.exec` as a data property with
/// no getter on the way, so calling RegExpExec has no observable step but the match itself.
fn exec_is_builtin(cx: &Cx, sp: Gc<Object>) -> JsResult<bool> {
    let ek = cx.rt.key("exec")?;
    if sp.class() != ObjectClass::RegExp || ops::own_prop(cx, sp, ek)?.is_some() {
        return Ok(false);
    }
    let proto = cx.intrinsic(Intrinsic::RegExpPrototype);
    let Some(po) = Object::from_value(proto).filter(|_| sp.prototype() == proto) else {
        return Ok(false);
    };
    let Some(prop) = ops::own_prop(cx, po, ek)? else {
        return Ok(false);
    };
    if prop.attrs & crate::object::attrs::ACCESSOR != 0 {
        return Ok(false);
    }
    let builtin = super::exec as crate::object::NativeFn as usize;
    Ok(Object::from_value(prop.value)
        .and_then(|f| f.native())
        .is_some_and(|n| n as usize == builtin))
}

/// `@@split`'s loop for a fresh built-in splitter whose `exec` is the built-in one: the same
/// successful matches in the same order (each RegExpBuiltinExec of the spec's loop at index q
/// that succeeds is the leftmost match at or after q), found by one search per piece instead
/// of a sticky attempt at every index; the legacy static properties see each of them.
fn split_fast(
    cx: &mut Cx,
    sp: Gc<Object>,
    s: Gc<JsString>,
    a: Gc<Object>,
    lim: u32,
    unicode: bool,
) -> R {
    let s = JsString::flatten(cx.heap(), s)?;
    let size = s.len();
    let Some(prog) = super::program_cell(sp) else {
        return Err(cx.type_error("RegExp is not initialised"));
    };
    let mut len_a = 0u64;
    let (mut p, mut q) = (0usize, 0usize);
    while q < size {
        tick(cx, q as u64)?;
        let arena = conch_mm::Arena::new(cx.rt.memory_manager().clone());
        let Some(m) = super::match_at(cx, &prog, s, q, false, &arena)? else {
            break;
        };
        let Some((at, end)) = m.get(0) else { break };
        if at >= size {
            break;
        }
        super::legacy::after_match(cx, sp, s, &|i| m.get(i), m.count())?;
        let e = end.min(size);
        if e == p {
            q = advance_string_index(s, at as u64, unicode) as usize;
            continue;
        }
        let t = substring(cx, s, p, at)?;
        create_index(cx, a, len_a, t.to_value())?;
        len_a += 1;
        if len_a == u64::from(lim) {
            return Ok(a.to_value());
        }
        p = e;
        for i in 1..m.count() {
            let v = match m.get(i) {
                Some((b, e)) => substring(cx, s, b, e)?.to_value(),
                None => Value::UNDEFINED,
            };
            create_index(cx, a, len_a, v)?;
            len_a += 1;
            if len_a == u64::from(lim) {
                return Ok(a.to_value());
            }
        }
        q = p;
    }
    let t = substring(cx, s, p, size)?;
    create_index(cx, a, len_a, t.to_value())?;
    Ok(a.to_value())
}

/// `GetSubstitution ( matched, str, position, captures, namedCaptures, replacementTemplate )`
/// appended to `out`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn get_substitution(
    cx: &mut Cx,
    out: &mut StrBuf,
    matched: Gc<JsString>,
    s: Gc<JsString>,
    position: usize,
    captures: &GcVec<Value>,
    named: Value,
    template: Gc<JsString>,
) -> JsResult<()> {
    let t = JsString::flatten(cx.heap(), template)?;
    let len = s.len();
    let m = captures.len();
    let mut i = 0;
    let tl = t.len();
    while i < tl {
        let c = t.chars().at(i);
        if c != u16::from(b'$') || i + 1 >= tl {
            out.push(cx, c)?;
            i += 1;
            continue;
        }
        let d = t.chars().at(i + 1);
        match d {
            0x24 => {
                out.push(cx, d)?;
                i += 2;
            }
            0x26 => {
                out.push_chars(cx, matched.chars())?;
                i += 2;
            }
            0x60 => {
                push_range(out, cx, s, 0, position.min(len))?;
                i += 2;
            }
            0x27 => {
                let tail = (position + matched.len()).min(len);
                push_range(out, cx, s, tail, len)?;
                i += 2;
            }
            0x30..=0x39 => {
                let d1 = usize::from(d - 0x30);
                let two = i + 2 < tl && (0x30..=0x39).contains(&t.chars().at(i + 2));
                let (mut index, mut digits) = (d1, 1);
                if two {
                    let v = d1 * 10 + usize::from(t.chars().at(i + 2) - 0x30);
                    if v <= m {
                        index = v;
                        digits = 2;
                    }
                }
                if (1..=m).contains(&index) {
                    let cap = captures.get(index - 1).unwrap_or(Value::UNDEFINED);
                    if let Some(cs) = JsString::from_value(cap) {
                        let cs = JsString::flatten(cx.heap(), cs)?;
                        out.push_chars(cx, cs.chars())?;
                    }
                } else {
                    push_range(out, cx, t, i, i + 1 + digits)?;
                }
                i += 1 + digits;
            }
            0x3C => {
                let close = (i + 2..tl).find(|&k| t.chars().at(k) == u16::from(b'>'));
                match (named.is_undefined(), close) {
                    (true, _) | (false, None) => {
                        out.push_ascii(cx, b"$<")?;
                        i += 2;
                    }
                    (false, Some(k)) => {
                        let name = substring(cx, t, i + 2, k)?;
                        let no = to_object(cx, named)?;
                        let key = crate::convert::to_property_key(cx, name.to_value())?;
                        let cap = ops::get(cx, no, key, no.to_value())?;
                        if !cap.is_undefined() {
                            let cs = str_arg(cx, cap)?;
                            out.push_chars(cx, cs.chars())?;
                        }
                        i = k + 1;
                    }
                }
            }
            _ => {
                out.push(cx, c)?;
                i += 1;
            }
        }
    }
    Ok(())
}

/// `RegExp.prototype [ @@replace ] ( string, replaceValue )`.
pub(super) fn symbol_replace(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    let rx = this_object(cx, this, "Symbol.replace")?;
    let s = str_arg(cx, arg(args, 0))?;
    let len = s.len();
    let mut replace_value = arg(args, 1);
    let functional = Object::from_value(replace_value).is_some_and(|f| f.is_callable());
    if !functional {
        replace_value = str_arg(cx, replace_value)?.to_value();
    }
    let flags = flags_string(cx, rx)?;
    let global = has_flag(flags, b'g');
    let mut unicode = false;
    if global {
        unicode = has_flag(flags, b'u') || has_flag(flags, b'v');
        set_last_index(cx, this, Value::int(0))?;
    }
    let results: GcVec<Value> = GcVec::new();
    loop {
        let result = regexp_exec(cx, rx, s)?;
        let Some(ro) = Object::from_value(result) else {
            break;
        };
        tick(cx, results.len() as u64)?;
        results.push(cx.heap(), result)?;
        if !global {
            break;
        }
        let m = get_index(cx, ro, 0)?;
        let m = to_string(cx, m)?;
        if m.is_empty() {
            advance_after_empty(cx, rx, s, unicode)?;
        }
    }
    let mut acc = StrBuf::new();
    let mut next_pos = 0usize;
    for k in 0..results.len() {
        let result = results.get(k).unwrap_or(Value::UNDEFINED);
        let ro = Object::from_value(result).expect("results are objects");
        let n_caps = length_of_array_like(cx, ro)?.max(1) - 1;
        let matched = get_index(cx, ro, 0)?;
        let matched = str_arg(cx, matched)?;
        let ik = cx.name(crate::Name::index);
        let pos = ops::get(cx, ro, ik, result)?;
        let pos = crate::builtins::array::to_integer_or_infinity(cx, pos)?;
        let position = pos.clamp(0.0, len as f64) as usize;
        let captures: GcVec<Value> = GcVec::new();
        for i in 1..=n_caps {
            let c = get_index(cx, ro, i)?;
            let c = if c.is_undefined() {
                c
            } else {
                to_string(cx, c)?.to_value()
            };
            captures.push(cx.heap(), c)?;
        }
        let gk = cx.name(crate::Name::groups);
        let mut named = ops::get(cx, ro, gk, result)?;
        let mut repl = StrBuf::new();
        if functional {
            let fargs: GcVec<Value> = GcVec::new();
            fargs.push(cx.heap(), matched.to_value())?;
            for c in captures.iter() {
                fargs.push(cx.heap(), c)?;
            }
            fargs.push(cx.heap(), Value::number(position as f64))?;
            fargs.push(cx.heap(), s.to_value())?;
            if !named.is_undefined() {
                fargs.push(cx.heap(), named)?;
            }
            let mut list = [Value::UNDEFINED; 8];
            let v = if fargs.len() <= list.len() {
                for (i, v) in fargs.iter().enumerate() {
                    list[i] = v;
                }
                ops::call(cx, replace_value, Value::UNDEFINED, &list[..fargs.len()])?
            } else {
                let ap = cx.intrinsic(Intrinsic::ArrayPrototype);
                let arr = array_create(cx, 0, ap)?;
                for (i, v) in fargs.iter().enumerate() {
                    create_index(cx, arr, i as u64, v)?;
                }
                call_spread(cx, replace_value, arr)?
            };
            let r = str_arg(cx, v)?;
            repl.push_chars(cx, r.chars())?;
        } else {
            if !named.is_undefined() {
                named = to_object(cx, named)?.to_value();
            }
            let tmpl = JsString::from_value(replace_value).expect("converted to a string");
            get_substitution(cx, &mut repl, matched, s, position, &captures, named, tmpl)?;
        }
        if position >= next_pos {
            push_range(&mut acc, cx, s, next_pos, position)?;
            let r = repl.finish(cx)?;
            acc.push_chars(cx, r.chars())?;
            next_pos = position + matched.len();
        }
    }
    if next_pos >= len {
        return Ok(acc.finish(cx)?.to_value());
    }
    push_range(&mut acc, cx, s, next_pos, len)?;
    Ok(acc.finish(cx)?.to_value())
}

/// Calls `f` with the elements of array `arr` as arguments (many captures).
fn call_spread(cx: &mut Cx, f: Value, arr: Gc<Object>) -> R {
    let apply = cx.rt.key("apply")?;
    let fo = Object::from_value(f).expect("callable");
    let ap = ops::get(cx, fo, apply, f)?;
    ops::call(cx, ap, f, &[Value::UNDEFINED, arr.to_value()])
}

/// `RegExp.prototype [ @@matchAll ] ( string )`.
pub(super) fn symbol_match_all(
    cx: &mut Cx,
    _: Gc<Object>,
    this: Value,
    args: &[Value],
    _: Value,
) -> R {
    let r = this_object(cx, this, "Symbol.matchAll")?;
    let s = str_arg(cx, arg(args, 0))?;
    let c = species_constructor(cx, r)?;
    let flags = flags_string(cx, r)?;
    let matcher = ops::construct(cx, c, &[this, flags.to_value()], c)?;
    let li = get_last_index(cx, r)?;
    let last = to_length(cx, li)?;
    set_last_index(cx, matcher, Value::number(last as f64))?;
    let global = has_flag(flags, b'g');
    let unicode = has_flag(flags, b'u') || has_flag(flags, b'v');
    let proto = cx.intrinsic(Intrinsic::RegExpStringIteratorPrototype);
    let it = cx.new_object_with(ObjectClass::RegExpStringIterator, proto)?;
    Object::set_internal(it, 0, matcher);
    Object::set_internal(it, 1, s.to_value());
    Object::set_internal(it, 2, Value::int(global as i32 | (unicode as i32) << 1));
    Ok(it.to_value())
}

/// `%RegExpStringIteratorPrototype%.next ( )`.
fn iterator_next(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> R {
    let Some(o) =
        Object::from_value(this).filter(|o| o.class() == ObjectClass::RegExpStringIterator)
    else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["%RegExpStringIterator%.prototype.next"],
            this,
        ));
    };
    let state = o.internal(2).as_int().unwrap_or(4);
    if state & 4 != 0 {
        return iter_result(cx, Value::UNDEFINED, true);
    }
    let r = Object::from_value(o.internal(0)).expect("matcher");
    let s = JsString::from_value(o.internal(1)).expect("string");
    let m = regexp_exec(cx, r, s)?;
    let Some(mo) = Object::from_value(m) else {
        Object::set_internal(o, 2, Value::int(state | 4));
        return iter_result(cx, Value::UNDEFINED, true);
    };
    if state & 1 != 0 {
        let ms = get_index(cx, mo, 0)?;
        let ms = to_string(cx, ms)?;
        if ms.is_empty() {
            advance_after_empty(cx, r, s, state & 2 != 0)?;
        }
        return iter_result(cx, m, false);
    }
    Object::set_internal(o, 2, Value::int(state | 4));
    iter_result(cx, m, false)
}

pub(crate) fn fill_iterator_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    method(cx, p, "next", 0, iterator_next)?;
    to_string_tag(cx, p, "RegExp String Iterator")
}

/// `RegExp.escape ( S )`.
pub(super) fn escape(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> R {
    let Some(s) = JsString::from_value(arg(args, 0)) else {
        return Err(cx.type_error("RegExp.escape requires a string"));
    };
    let s = JsString::flatten(cx.heap(), s)?;
    let c = s.chars();
    let mut b = StrBuf::new();
    let hex = b"0123456789abcdef";
    let mut i = 0;
    while i < c.len() {
        let (cp, n, lone) = crate::builtins::string::code_point_at(&c, i);
        let first = i == 0;
        i += n;
        let ascii = u8::try_from(cp).ok();
        if first && ascii.is_some_and(|a| a.is_ascii_alphanumeric()) {
            let a = ascii.unwrap_or(0);
            b.push_ascii(
                cx,
                &[b'\\', b'x', hex[(a >> 4) as usize], hex[(a & 15) as usize]],
            )?;
            continue;
        }
        if let Some(a) = ascii.filter(|a| b"^$\\.*+?()[]{}|/".contains(a)) {
            b.push_ascii(cx, &[b'\\', a])?;
            continue;
        }
        let control = match cp {
            0x09 => Some(b't'),
            0x0A => Some(b'n'),
            0x0B => Some(b'v'),
            0x0C => Some(b'f'),
            0x0D => Some(b'r'),
            _ => None,
        };
        if let Some(l) = control {
            b.push_ascii(cx, &[b'\\', l])?;
            continue;
        }
        let punct = ascii.is_some_and(|a| b",-=<>#&!%:;@~'`\"".contains(&a));
        let space = cp == 0xFEFF || u16::try_from(cp).is_ok_and(crate::numconv::is_str_whitespace);
        if punct || space || lone {
            if cp <= 0xFF {
                b.push_ascii(
                    cx,
                    &[
                        b'\\',
                        b'x',
                        hex[(cp >> 4) as usize],
                        hex[(cp & 15) as usize],
                    ],
                )?;
            } else {
                let mut units = [0u16; 2];
                let k = if cp > 0xFFFF {
                    units[0] = (0xD800 + ((cp - 0x10000) >> 10)) as u16;
                    units[1] = (0xDC00 + ((cp - 0x10000) & 0x3FF)) as u16;
                    2
                } else {
                    units[0] = cp as u16;
                    1
                };
                for &u in &units[..k] {
                    b.push_ascii(cx, b"\\u")?;
                    for sh in [12, 8, 4, 0] {
                        b.push(cx, u16::from(hex[((u >> sh) & 15) as usize]))?;
                    }
                }
            }
            continue;
        }
        b.push_code_point(cx, cp)?;
    }
    Ok(b.finish(cx)?.to_value())
}
