//! Globals the shell writes in JavaScript (`intl.js`: `Intl`; `encoding.js`: `TextEncoder`,
//! `TextDecoder`; `url.js`: `URL`, `URLSearchParams`; `buffer.js`: `Buffer`; `crypto.js`:
//! `crypto`; `process.js`: `process`, `performance`; `require.js`: `require`, `module`,
//! `exports`, `__filename`, `__dirname`, for scripts), loaded on first use: each name starts as a configurable accessor whose
//! getter removes the accessors of its script, runs the script (which defines the names as
//! data properties) and reads the name again; assigning first replaces the accessor with a
//! plain data property. Running the scripts at every start-up cost more than the whole rest
//! of an empty script's run. A script with `host` evaluates to a function, called with the
//! host's natives; what it returns is kept (`process.js`: the end-of-run function).

use conch_gc::{Gc, Value};
use conch_vm::ops::{self, PropertyDescriptor};
use conch_vm::script::eval_script;
use conch_vm::{Context, Cx, JsResult, NativeFn, Object};
use std::cell::Cell;

thread_local! {
    /// What `process.js` returned: called at the end of the run (see [`finish`]).
    static PROCESS_END: Cell<Option<Value>> = const { Cell::new(None) };
}

/// A script and the globals it defines.
struct Script {
    file: &'static str,
    text: &'static str,
    names: &'static [&'static str],
    /// The natives the script's function value is called with.
    host: Option<fn(&mut Cx) -> JsResult<Value>>,
}

const INTL: Script = Script {
    file: "<intl>",
    text: include_str!("intl.js"),
    names: &["Intl"],
    host: None,
};
const ENCODING: Script = Script {
    file: "<encoding>",
    text: include_str!("encoding.js"),
    names: &["TextEncoder", "TextDecoder"],
    host: None,
};
const URL: Script = Script {
    file: "<url>",
    text: include_str!("url.js"),
    names: &["URL", "URLSearchParams"],
    host: None,
};
const BUFFER: Script = Script {
    file: "<buffer>",
    text: include_str!("buffer.js"),
    names: &["Buffer"],
    host: None,
};
const CRYPTO: Script = Script {
    file: "<crypto>",
    text: include_str!("crypto.js"),
    names: &["crypto"],
    host: None,
};
const REQUIRE: Script = Script {
    file: "<require>",
    text: include_str!("require.js"),
    names: &["require", "module", "exports", "__filename", "__dirname"],
    host: Some(crate::process::require_host),
};
const PROCESS: Script = Script {
    file: "<process>",
    text: include_str!("process.js"),
    names: &["process", "performance"],
    host: Some(crate::process::host),
};

/// Runs `s` (its accessors removed first) and returns global `name`.
fn load(cx: &mut Cx, s: &Script, name: &str) -> JsResult<Value> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    for n in s.names {
        let k = cx.rt.key(n)?;
        ops::delete(cx, global, k)?;
    }
    let mut pos = None;
    let f = eval_script(cx, s.text, s.file, &mut pos)?;
    if let Some(host) = s.host {
        let h = host(cx)?;
        let end = ops::call(cx, f, Value::UNDEFINED, &[h])?;
        if Object::from_value(end).is_some_and(|o| o.is_callable()) {
            Context::keep_alive(cx.realm, cx.heap(), end)?;
            PROCESS_END.with(|p| p.set(Some(end)));
        }
    }
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
lazy_global!(process_get, process_set, PROCESS, "process");
lazy_global!(performance_get, performance_set, PROCESS, "performance");
lazy_global!(url_get, url_set, URL, "URL");
lazy_global!(params_get, params_set, URL, "URLSearchParams");
lazy_global!(buffer_get, buffer_set, BUFFER, "Buffer");
lazy_global!(crypto_get, crypto_set, CRYPTO, "crypto");
lazy_global!(require_get, require_set, REQUIRE, "require");
lazy_global!(module_get, module_set, REQUIRE, "module");
lazy_global!(exports_get, exports_set, REQUIRE, "exports");
lazy_global!(filename_get, filename_set, REQUIRE, "__filename");
lazy_global!(dirname_get, dirname_set, REQUIRE, "__dirname");

/// The exit status the script set (`process.exitCode`) once `process.on('exit')` listeners
/// ran; 0 when it never used `process`.
pub(crate) fn finish(cx: &mut Cx) -> JsResult<u8> {
    let Some(end) = PROCESS_END.with(|p| p.take()) else {
        return Ok(0);
    };
    let code = ops::call(cx, end, Value::UNDEFINED, &[])?;
    Ok(conch_vm::convert::to_number(cx, code)? as i32 as u8)
}

/// Defines the lazy globals on the current realm's global object (`commonjs`: also
/// `require` and its kin, which modules do not have).
pub(crate) fn install(cx: &mut Cx, commonjs: bool) -> JsResult<()> {
    let global = Object::from_value(cx.realm.global()).expect("global");
    let table: [(&str, NativeFn, NativeFn); 14] = [
        ("Intl", intl_get, intl_set),
        ("TextEncoder", encoder_get, encoder_set),
        ("TextDecoder", decoder_get, decoder_set),
        ("URL", url_get, url_set),
        ("URLSearchParams", params_get, params_set),
        ("Buffer", buffer_get, buffer_set),
        ("crypto", crypto_get, crypto_set),
        ("process", process_get, process_set),
        ("performance", performance_get, performance_set),
        ("require", require_get, require_set),
        ("module", module_get, module_set),
        ("exports", exports_get, exports_set),
        ("__filename", filename_get, filename_set),
        ("__dirname", dirname_get, dirname_set),
    ];
    for (name, get, set) in table.into_iter().take(if commonjs { 14 } else { 9 }) {
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
