//! Globals the shell writes in JavaScript (`intl.js`: `Intl`; `encoding.js`: `TextEncoder`,
//! `TextDecoder`), loaded on first use: each name starts as a configurable accessor whose
//! getter removes the accessors of its script, runs the script (which defines the names as
//! data properties) and reads the name again; assigning first replaces the accessor with a
//! plain data property. Running the scripts at every start-up cost more than the whole rest
//! of an empty script's run.

use conch_gc::{Gc, Value};
use conch_vm::ops::{self, PropertyDescriptor};
use conch_vm::script::eval_script;
use conch_vm::{Cx, JsResult, NativeFn, Object};

/// A script and the globals it defines.
struct Script {
    file: &'static str,
    text: &'static str,
    names: &'static [&'static str],
}

const INTL: Script = Script {
    file: "<intl>",
    text: include_str!("intl.js"),
    names: &["Intl"],
};
const ENCODING: Script = Script {
    file: "<encoding>",
    text: include_str!("encoding.js"),
    names: &["TextEncoder", "TextDecoder"],
};

/// Runs `s` (its accessors removed first) and returns global `name`.
fn load(cx: &mut Cx, s: &Script, name: &str) -> JsResult<Value> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    for n in s.names {
        let k = cx.rt.key(n)?;
        ops::delete(cx, global, k)?;
    }
    let mut pos = None;
    eval_script(cx, s.text, s.file, &mut pos)?;
    let k = cx.rt.key(name)?;
    ops::get(cx, global, k, global.to_value())
}

/// Replaces global `name`'s accessor with a data property holding `v`.
fn assign(cx: &mut Cx, name: &str, v: Value) -> JsResult<Value> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let k = cx.rt.key(name)?;
    let d = PropertyDescriptor::data(v, conch_vm::attrs::HIDDEN);
    ops::define_property_or_throw(cx, global, k, &d)?;
    Ok(Value::UNDEFINED)
}

macro_rules! lazy_global {
    ($get:ident, $set:ident, $script:expr, $name:expr) => {
        fn $get(cx: &mut Cx, _: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
            load(cx, &$script, $name)
        }
        fn $set(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
            assign(cx, $name, args.first().copied().unwrap_or(Value::UNDEFINED))
        }
    };
}
lazy_global!(intl_get, intl_set, INTL, "Intl");
lazy_global!(encoder_get, encoder_set, ENCODING, "TextEncoder");
lazy_global!(decoder_get, decoder_set, ENCODING, "TextDecoder");

/// Defines the lazy globals on the current realm's global object.
pub(crate) fn install(cx: &mut Cx) -> JsResult<()> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let table: [(&str, NativeFn, NativeFn); 3] = [
        ("Intl", intl_get, intl_set),
        ("TextEncoder", encoder_get, encoder_set),
        ("TextDecoder", decoder_get, decoder_set),
    ];
    for (name, get, set) in table {
        let g = crate::run::func(cx, name, 0, get)?;
        let s = crate::run::func(cx, name, 1, set)?;
        let k = cx.rt.key(name)?;
        let d = PropertyDescriptor {
            get: Some(g),
            set: Some(s),
            enumerable: Some(false),
            configurable: Some(true),
            ..PropertyDescriptor::default()
        };
        ops::define_property_or_throw(cx, global, k, &d)?;
    }
    Ok(())
}
