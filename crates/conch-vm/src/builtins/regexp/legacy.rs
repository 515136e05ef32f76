//! Legacy RegExp features (the Annex B proposal "Legacy RegExp features in JavaScript"): the
//! static accessors `RegExp.$1`–`$9`, `input`/`$_`, `lastMatch`/`$&`, `lastParen`/`$+`,
//! `leftContext`/`` $` `` and `rightContext`/`$'`, updated by each successful
//! RegExpBuiltinExec of a RegExp made by the realm's own `%RegExp%` (not a subclass), and
//! invalidated by one of a subclass instance of the same realm; the receiver and realm checks
//! of `RegExp.prototype.compile` use the same mark.
//!
//! The realm's state is one small `GcArray<Value>` (the `RegExpLegacy` intrinsic, made on the
//! first update): the last subject, the `input` slot (which a script may set), and the match
//! and capture positions, so it holds at most two strings whatever the input; the strings the
//! getters return are cut from the subject when read.

use super::substring;
use crate::builtins::collection::map::getter;
use crate::builtins::function::{create_function, FunctionOptions};
use crate::convert::to_string;
use crate::cx::{Cx, JsResult};
use crate::object::{NativeFn, Object};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use crate::string::JsString;
use conch_gc::{Gc, GcArray, Value};

// State layout. The subject and input slots hold a string, `undefined` before any match (the
// empty string) or `null` once invalidated (reading throws).
const SUBJECT: usize = 0;
const INPUT: usize = 1;
/// Match start and end, then (start, end) of groups 1–9, then of the last group; -1 unset.
const POS: usize = 2;
const LAST_PAREN: usize = POS + 2 + 2 * 9;
const LEN: usize = LAST_PAREN + 2;

/// What a getter reads.
#[derive(Clone, Copy)]
enum Slot {
    Input,
    LastMatch,
    LastParen,
    LeftContext,
    RightContext,
    Paren(usize),
}

/// The mark of a RegExp instance (its internal slot 3) made by RegExpAlloc in the current
/// realm: the realm's `%RegExp%` when legacy features are enabled (new target `%RegExp%`),
/// its `%RegExp.prototype%` when not (a subclass); both identify the realm.
pub(crate) fn alloc_mark(cx: &Cx, new_target: Value) -> Value {
    let c = cx.intrinsic(Intrinsic::RegExp);
    if new_target == c {
        c
    } else {
        cx.intrinsic(Intrinsic::RegExpPrototype)
    }
}

/// Whether `r` was made in the current realm with legacy features enabled.
pub(crate) fn legacy_enabled(cx: &Cx, r: Gc<Object>) -> bool {
    r.internal(3) == cx.intrinsic(Intrinsic::RegExp)
}

fn state(cx: &Cx) -> Option<Gc<GcArray<Value>>> {
    // SAFETY: the RegExpLegacy intrinsic only ever holds the `GcArray<Value>` made by
    // `state_or_new` (or `undefined`).
    cx.intrinsic(Intrinsic::RegExpLegacy)
        .cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

fn state_or_new(cx: &Cx) -> JsResult<Gc<GcArray<Value>>> {
    if let Some(s) = state(cx) {
        return Ok(s);
    }
    let s = GcArray::<Value>::new(cx.heap(), LEN)?;
    s.resize_within_capacity(LEN, Value::UNDEFINED);
    Context::set_intrinsic(cx.realm, Intrinsic::RegExpLegacy, s.to_value());
    Ok(s)
}

/// After a successful RegExpBuiltinExec of `r` on `s`: UpdateLegacyRegExpStaticProperties
/// when `r` has legacy features enabled, InvalidateLegacyRegExpStaticProperties when it is a
/// subclass instance of this realm; nothing for a RegExp of another realm. `caps` are the
/// capture positions (index 0 the match).
pub(crate) fn after_match(
    cx: &Cx,
    r: Gc<Object>,
    s: Gc<JsString>,
    caps: &dyn Fn(usize) -> Option<(usize, usize)>,
    count: usize,
) -> JsResult<()> {
    let mark = r.internal(3);
    if mark == cx.intrinsic(Intrinsic::RegExp) {
        let st = state_or_new(cx)?;
        st.set(SUBJECT, s.to_value());
        st.set(INPUT, s.to_value());
        // Positions fit in an int32 (string lengths are below 2^30).
        let put = |at: usize, p: Option<(usize, usize)>| {
            let (a, b) = p.map_or((-1, -1), |(a, b)| (a as i32, b as i32));
            st.set(at, Value::int(a));
            st.set(at + 1, Value::int(b));
        };
        put(POS, caps(0));
        for i in 1..=9 {
            put(POS + 2 * i, if i < count { caps(i) } else { None });
        }
        put(LAST_PAREN, if count > 1 { caps(count - 1) } else { None });
    } else if mark == cx.intrinsic(Intrinsic::RegExpPrototype) {
        let st = state_or_new(cx)?;
        st.set(SUBJECT, Value::NULL);
        st.set(INPUT, Value::NULL);
    }
    Ok(())
}

/// GetLegacyRegExpStaticProperty(%RegExp%, this, slot).
fn get(cx: &mut Cx, this: Value, slot: Slot) -> JsResult<Value> {
    if this != cx.intrinsic(Intrinsic::RegExp) {
        return Err(cx.type_error("RegExp legacy static accessor called on incompatible receiver"));
    }
    let Some(st) = state(cx) else {
        return Ok(cx.string("")?.to_value());
    };
    let at = |i: usize| st.get(i).unwrap_or(Value::UNDEFINED);
    let invalid = || cx.type_error("RegExp legacy static properties are not available");
    if let Slot::Input = slot {
        let v = at(INPUT);
        if v.is_null() {
            return Err(invalid());
        }
        return if v.is_undefined() {
            Ok(cx.string("")?.to_value())
        } else {
            Ok(v)
        };
    }
    let subject = at(SUBJECT);
    if subject.is_null() {
        return Err(invalid());
    }
    let Some(s) = JsString::from_value(subject) else {
        return Ok(cx.string("")?.to_value());
    };
    let pos = |i: usize| -> Option<usize> { usize::try_from(at(i).as_int()?).ok() };
    let len = s.len();
    let range = match slot {
        Slot::LastMatch => pos(POS).zip(pos(POS + 1)),
        Slot::LeftContext => pos(POS).map(|a| (0, a)),
        Slot::RightContext => pos(POS + 1).map(|b| (b, len)),
        Slot::LastParen => pos(LAST_PAREN).zip(pos(LAST_PAREN + 1)),
        Slot::Paren(i) => pos(POS + 2 * i).zip(pos(POS + 2 * i + 1)),
        Slot::Input => None,
    };
    let Some((a, b)) = range else {
        return Ok(cx.string("")?.to_value());
    };
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(substring(cx, s, a, b)?.to_value())
}

/// SetLegacyRegExpStaticProperty(%RegExp%, this, [[RegExpInput]], v).
fn set_input(cx: &mut Cx, _: Gc<Object>, this: Value, args: &[Value], _: Value) -> JsResult<Value> {
    if this != cx.intrinsic(Intrinsic::RegExp) {
        return Err(cx.type_error("RegExp legacy static accessor called on incompatible receiver"));
    }
    let s = to_string(cx, super::arg(args, 0))?;
    let st = state_or_new(cx)?;
    st.set(INPUT, s.to_value());
    Ok(Value::UNDEFINED)
}

macro_rules! getters {
    ($($f:ident => $slot:expr;)*) => {$(
        fn $f(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
            get(cx, this, $slot)
        }
    )*};
}

getters! {
    get_input => Slot::Input;
    get_last_match => Slot::LastMatch;
    get_last_paren => Slot::LastParen;
    get_left_context => Slot::LeftContext;
    get_right_context => Slot::RightContext;
    get_paren1 => Slot::Paren(1);
    get_paren2 => Slot::Paren(2);
    get_paren3 => Slot::Paren(3);
    get_paren4 => Slot::Paren(4);
    get_paren5 => Slot::Paren(5);
    get_paren6 => Slot::Paren(6);
    get_paren7 => Slot::Paren(7);
    get_paren8 => Slot::Paren(8);
    get_paren9 => Slot::Paren(9);
}

/// An accessor `name` with `get name` / `set name` (configurable, not enumerable).
fn accessor(cx: &mut Cx, c: Gc<Object>, name: &str, get: NativeFn, set: NativeFn) -> JsResult<()> {
    let key = cx.rt.key(name)?;
    let make = |cx: &mut Cx, prefix: &str, f: NativeFn, length: u32| -> JsResult<Value> {
        let p = cx.string(prefix)?;
        let n = cx.string(name)?;
        let full = JsString::concat(cx.heap(), p, n)?;
        let options = FunctionOptions {
            name: full.to_value(),
            length,
            constructor: false,
        };
        Ok(create_function(cx, f, options)?.to_value())
    };
    let g = make(cx, "get ", get, 0)?;
    let s = make(cx, "set ", set, 1)?;
    let d = ops::PropertyDescriptor {
        get: Some(g),
        set: Some(s),
        enumerable: Some(false),
        configurable: Some(true),
        ..Default::default()
    };
    ops::define_property_or_throw(cx, c, key, &d)
}

/// Defines the accessors on the `RegExp` constructor `c`.
pub(crate) fn fill(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    accessor(cx, c, "input", get_input, set_input)?;
    accessor(cx, c, "$_", get_input, set_input)?;
    let getters: [(&str, NativeFn); 17] = [
        ("lastMatch", get_last_match),
        ("$&", get_last_match),
        ("lastParen", get_last_paren),
        ("$+", get_last_paren),
        ("leftContext", get_left_context),
        ("$`", get_left_context),
        ("rightContext", get_right_context),
        ("$'", get_right_context),
        ("$1", get_paren1),
        ("$2", get_paren2),
        ("$3", get_paren3),
        ("$4", get_paren4),
        ("$5", get_paren5),
        ("$6", get_paren6),
        ("$7", get_paren7),
        ("$8", get_paren8),
        ("$9", get_paren9),
    ];
    for (name, f) in getters {
        getter(cx, c, name, f)?;
    }
    Ok(())
}
