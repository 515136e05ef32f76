//! Node's custom inspection: an object whose `[Symbol.for('nodejs.util.inspect.custom')]` is
//! a function prints as what that function returns (called with the remaining depth, the
//! options and `inspect`): a string as it is (indented to the current level), another value
//! inspected in its place. This is the one place inspection runs script code; what it
//! returns is held on this frame's stack while it is formatted.

use super::{Inspector, Options};
use conch_gc::{Gc, Value};
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::{convert, ops, Cx, JsResult, NativeFn, Object, PropertyKey};

fn native(cx: &mut Cx, name: &str, length: u32, f: NativeFn) -> JsResult<Value> {
    let n = cx.string(name)?.to_value();
    Ok(create_function(
        cx,
        f,
        FunctionOptions {
            name: n,
            length,
            constructor: false,
        },
    )?
    .to_value())
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// The options' `stylize`: without colours, the text itself.
fn stylize(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    Ok(convert::to_string(cx, arg(args, 0))?.to_value())
}

/// The `inspect` passed to custom functions: `inspect(value, options)`.
fn inspect_fn(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let mut o = Options::default();
    if let Some(opts) = Object::from_value(arg(args, 1)) {
        let k = cx.rt.key("depth")?;
        let d = ops::get_v(cx, opts, k)?;
        if d.is_null() {
            o.depth = None;
        } else if let Some(n) = d.as_number() {
            o.depth = if n.is_infinite() && n > 0.0 {
                None
            } else {
                Some(n as i64)
            };
        }
        let k = cx.rt.key("colors")?;
        o.colors = convert::to_boolean(ops::get_v(cx, opts, k)?);
        let k = cx.rt.key("showHidden")?;
        o.show_hidden = convert::to_boolean(ops::get_v(cx, opts, k)?);
    }
    let s = super::inspect(cx, arg(args, 0), &o)?;
    Ok(cx.string(&s)?.to_value())
}

impl Inspector<'_, '_> {
    /// What `o`'s custom inspection function gives, if it has one (and `o` is not the
    /// prototype that holds it), as text at the current indentation.
    pub(super) fn custom_inspect(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
    ) -> JsResult<Option<String>> {
        let key = match self.custom_key {
            Some(k) => k,
            None => {
                let name = self.cx.string("nodejs.util.inspect.custom")?;
                let k = PropertyKey::symbol(self.cx.rt.registered_symbol(name)?);
                self.custom_key = Some(k);
                k
            }
        };
        let Some(f) = self
            .get_data(o, key)
            .filter(|f| Self::is_function(*f).is_some())
        else {
            return Ok(None);
        };
        // Not on the prototype itself (`o.constructor.prototype === o`).
        let ck = self.cx.rt.key("constructor")?;
        let pk = self.cx.rt.key("prototype")?;
        if let Some(c) = self.get_data(o, ck).and_then(Object::from_value) {
            if self.get_data(c, pk) == Some(o.to_value()) {
                return Ok(None);
            }
        }
        let depth = match self.o.depth {
            Some(d) => Value::number((d - recurse_times) as f64),
            None => Value::NULL,
        };
        let opts = self.cx.new_object()?;
        let fields: [(&str, Value); 8] = [
            (
                "depth",
                self.o
                    .depth
                    .map_or(Value::NULL, |d| Value::number(d as f64)),
            ),
            ("colors", Value::bool(self.o.colors)),
            ("showHidden", Value::bool(self.o.show_hidden)),
            ("customInspect", Value::TRUE),
            ("breakLength", Value::number(self.o.break_length as f64)),
            ("compact", Value::number(self.o.compact as f64)),
            (
                "maxArrayLength",
                Value::number(self.o.max_array_length as f64),
            ),
            (
                "maxStringLength",
                Value::number(self.o.max_string_length as f64),
            ),
        ];
        for (name, v) in fields {
            let k = self.cx.rt.key(name)?;
            ops::create_data_property(self.cx, opts, k, v)?;
        }
        let st = native(self.cx, "stylize", 2, stylize)?;
        let k = self.cx.rt.key("stylize")?;
        ops::create_data_property(self.cx, opts, k, st)?;
        let insp = native(self.cx, "inspect", 2, inspect_fn)?;
        let ret = ops::call(self.cx, f, o.to_value(), &[depth, opts.to_value(), insp])?;
        if ret == o.to_value() {
            return Ok(None);
        }
        let text = match conch_vm::JsString::from_value(ret) {
            Some(s) => super::rust_string(self.cx, s)?,
            None => return self.format_value(ret, recurse_times, false).map(Some),
        };
        let indent = format!("\n{}", " ".repeat(self.indentation_lvl));
        Ok(Some(text.replace('\n', &indent)))
    }
}
