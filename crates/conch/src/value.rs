//! [`JsValue`]: a rooted handle to a JavaScript value.
//!
//! Invariant: while a `JsValue` whose value is a heap cell exists, it holds one reference of
//! that cell's entry in the heap's root table (taken in [`JsValue::from_raw`] or `clone`,
//! given back in `drop`). Primitives (numbers, booleans, `undefined`, `null`) are not cells and
//! take no entry.

use crate::context::{object_of, CtxInner, Mode};
use crate::key::Key;
use crate::{Context, JsError};
use conch_gc::{OutOfMemory, Value};
use conch_vm::convert::{self, Type};
use conch_vm::{ops, Cx, Intrinsic, JsResult, JsString, Name, Object, ObjectClass, Symbol, Throw};
use std::fmt;
use std::rc::Rc;

/// The type of a value, as `typeof` sees it (except that `null` is its own type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsType {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// A symbol.
    Symbol,
    /// An object that is not callable.
    Object,
    /// A callable object.
    Function,
    /// A BigInt.
    BigInt,
}

/// A handle to a JavaScript value of one runtime.
///
/// A handle is a precise GC root: the value stays alive for as long as the handle exists,
/// wherever the handle is kept (a local, a `Box`, a `Vec`, an `Rc`, a future). Cloning a
/// handle is cheap and cannot fail. A handle keeps its runtime's heap alive, so it may outlive
/// the [`Runtime`](crate::Runtime) value. Handles are not `Send`.
///
/// Operations run in the [`Context`] the handle came from. Passing a handle of one runtime to
/// an operation of another panics (a host bug, like an out-of-bounds index).
pub struct JsValue {
    pub(crate) ctx: Rc<CtxInner>,
    pub(crate) value: Value,
}

impl JsValue {
    /// A handle for `v`, rooting it if it is a cell. Fails only if the root table cannot grow.
    pub(crate) fn from_raw(ctx: &Rc<CtxInner>, v: Value) -> Result<JsValue, OutOfMemory> {
        if let Some(addr) = v.cell_addr() {
            ctx.shared.vm.heap().add_root(addr)?;
        }
        Ok(JsValue {
            ctx: ctx.clone(),
            value: v,
        })
    }

    /// A handle for a value that is not a cell (needs no root).
    pub(crate) fn primitive(ctx: &Rc<CtxInner>, v: Value) -> JsValue {
        debug_assert!(!v.is_cell());
        JsValue {
            ctx: ctx.clone(),
            value: v,
        }
    }

    /// Runs a script-visible operation on this value's context.
    fn run<T>(&self, f: impl FnOnce(&mut Cx, Value) -> JsResult<T>) -> Result<T, JsError> {
        let v = self.value;
        self.ctx.run(Mode::Script, |cx| f(cx, v))
    }

    /// Runs a script-visible operation that yields a value, and roots the result.
    fn run_value(
        &self,
        f: impl FnOnce(&mut Cx, Value) -> JsResult<Value>,
    ) -> Result<JsValue, JsError> {
        let ctx = &self.ctx;
        self.run(|cx, v| {
            let r = f(cx, v)?;
            Ok(JsValue::from_raw(ctx, r)?)
        })
    }

    /// Whether the value is intrinsic `i` of the realm the object was created in (so a
    /// pre-allocated error is recognised whichever context's operation delivered it).
    pub(crate) fn is_intrinsic(&self, i: Intrinsic) -> bool {
        self.object()
            .is_some_and(|o| o.realm().intrinsic(i) == self.value)
    }

    /// The context this handle's operations run in.
    pub fn context(&self) -> Context {
        Context::from_inner(self.ctx.clone())
    }

    /// The value's type.
    pub fn type_of(&self) -> JsType {
        match convert::type_of(self.value) {
            Type::Undefined | Type::Internal => JsType::Undefined,
            Type::Null => JsType::Null,
            Type::Boolean => JsType::Boolean,
            Type::Number => JsType::Number,
            Type::String => JsType::String,
            Type::Symbol => JsType::Symbol,
            Type::BigInt => JsType::BigInt,
            Type::Object if self.is_function() => JsType::Function,
            Type::Object => JsType::Object,
        }
    }

    /// Whether the value is `undefined`.
    pub fn is_undefined(&self) -> bool {
        self.value.is_undefined()
    }
    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.value.is_null()
    }
    /// Whether the value is `undefined` or `null`.
    pub fn is_nullish(&self) -> bool {
        self.value.is_nullish()
    }
    /// Whether the value is a boolean.
    pub fn is_boolean(&self) -> bool {
        self.value.is_bool()
    }
    /// Whether the value is a number.
    pub fn is_number(&self) -> bool {
        self.value.is_number()
    }
    /// Whether the value is a string.
    pub fn is_string(&self) -> bool {
        convert::type_of(self.value) == Type::String
    }
    /// Whether the value is a symbol.
    pub fn is_symbol(&self) -> bool {
        convert::type_of(self.value) == Type::Symbol
    }
    /// Whether the value is an object (functions and arrays included).
    pub fn is_object(&self) -> bool {
        convert::type_of(self.value) == Type::Object
    }
    /// Whether the value is callable.
    pub fn is_function(&self) -> bool {
        self.object().is_some_and(|o| o.is_callable())
    }
    /// Whether the value is a constructor.
    pub fn is_constructor(&self) -> bool {
        self.object().is_some_and(|o| o.is_constructor())
    }
    /// Whether the value is an Array.
    pub fn is_array(&self) -> bool {
        self.object()
            .is_some_and(|o| o.class() == ObjectClass::Array)
    }
    /// Whether the value is an Error instance.
    pub fn is_error(&self) -> bool {
        self.object()
            .is_some_and(|o| o.class() == ObjectClass::Error)
    }

    fn object(&self) -> Option<conch_gc::Gc<Object>> {
        if convert::type_of(self.value) == Type::Object {
            object_of(self.value)
        } else {
            None
        }
    }

    /// The number, if the value is one (no conversion).
    pub fn as_f64(&self) -> Option<f64> {
        self.value.as_number()
    }
    /// The boolean, if the value is one (no conversion).
    pub fn as_bool(&self) -> Option<bool> {
        self.value.as_bool()
    }

    /// `ToBoolean` (never runs script).
    pub fn to_boolean(&self) -> bool {
        convert::to_boolean(self.value)
    }

    /// `ToNumber` (may run script: `valueOf`/`toString` of objects).
    pub fn to_number(&self) -> Result<f64, JsError> {
        self.run(convert::to_number)
    }

    /// `ToString`, as Rust text (may run script). Lone surrogates become U+FFFD.
    ///
    /// The text is host memory whose size a script controls: it is reserved fallibly (exactly,
    /// so no push reallocates), and refused memory is the "Out of memory" exception like any
    /// other ([`JsError::is_out_of_memory`]).
    // Returns host memory by design (the crate docs, "Host memory"); allocated fallibly.
    #[allow(clippy::disallowed_types)]
    pub fn to_string(&self) -> Result<String, JsError> {
        let mut out = String::new();
        self.run(|cx, v| {
            let s = convert::to_string(cx, v)?;
            let flat = JsString::flatten(cx.heap(), s)?;
            let mut bytes = 0usize;
            flat.to_rust(&mut |c| bytes += c.len_utf8());
            out.try_reserve_exact(bytes)
                .map_err(|_| Throw::OutOfMemory)?;
            flat.to_rust(&mut |c| out.push(c));
            Ok(())
        })?;
        Ok(out)
    }

    /// `ToString`, as a JavaScript string value (may run script).
    pub fn to_js_string(&self) -> Result<JsValue, JsError> {
        self.run_value(|cx, v| Ok(convert::to_string(cx, v)?.to_value()))
    }

    /// `===`. Never runs script; fails only with [`JsError::OutOfMemory`] when comparing
    /// long concatenated strings needs memory that is refused.
    pub fn strict_equals(&self, other: &JsValue) -> Result<bool, JsError> {
        self.ctx.check_same(other);
        let b = other.value;
        self.run(|cx, a| convert::strict_equals(cx, a, b))
    }

    /// `==` (may run script).
    pub fn loose_equals(&self, other: &JsValue) -> Result<bool, JsError> {
        self.ctx.check_same(other);
        let b = other.value;
        self.run(|cx, a| convert::loose_equals(cx, a, b))
    }

    /// `[[Get]]` of `key` (`this[key]`); primitives are converted to objects first (so
    /// `"abc".get("length")` is 3), `undefined`/`null` throw a `TypeError`.
    pub fn get(&self, key: impl Key) -> Result<JsValue, JsError> {
        self.run_value(|cx, v| {
            let o = convert::to_object(cx, v)?;
            let k = key.to_key(cx)?;
            ops::get(cx, o, k, v)
        })
    }

    /// `[[Set]]` of `key` to `value` (`this[key] = value` in strict mode: a read-only property
    /// or a non-extensible object throws a `TypeError`).
    pub fn set(&self, key: impl Key, value: &JsValue) -> Result<(), JsError> {
        self.ctx.check_same(value);
        let x = value.value;
        self.run(|cx, v| {
            let o = convert::to_object(cx, v)?;
            let k = key.to_key(cx)?;
            let ok = ops::set(cx, o, k, x, v)?;
            ops::or_throw(cx, ok, "Cannot assign to read only property")
        })
    }

    /// `[[HasProperty]]` (`key in this`); non-objects throw a `TypeError`.
    pub fn has(&self, key: impl Key) -> Result<bool, JsError> {
        self.run(|cx, v| {
            let Some(o) = object_of(v).filter(|_| convert::type_of(v) == Type::Object) else {
                return Err(cx.type_error("'in' requires an object"));
            };
            let k = key.to_key(cx)?;
            ops::has_property(cx, o, k)
        })
    }

    /// `[[Delete]]` (`delete this[key]`); returns whether the property is gone (`false` for a
    /// non-configurable property, as in sloppy mode).
    pub fn delete(&self, key: impl Key) -> Result<bool, JsError> {
        self.run(|cx, v| {
            let o = convert::to_object(cx, v)?;
            let k = key.to_key(cx)?;
            ops::delete(cx, o, k)
        })
    }

    /// The own property keys (`[[OwnPropertyKeys]]`: integer indices ascending, then strings,
    /// then symbols, each in creation order; enumerable or not). Names and indices come back
    /// as strings, symbols as themselves.
    ///
    /// The `Vec` is host memory whose length a script controls: it is reserved fallibly, and
    /// refused memory is the "Out of memory" exception ([`JsError::is_out_of_memory`]).
    // Returns host memory by design (the crate docs, "Host memory"); allocated fallibly.
    #[allow(clippy::disallowed_types)]
    pub fn keys(&self) -> Result<Vec<JsValue>, JsError> {
        let ctx = &self.ctx;
        self.run(|cx, v| {
            let o = convert::to_object(cx, v)?;
            // GC-resident and on this frame's stack: the keys stay alive while we convert them.
            let raw = ops::own_property_keys(cx, o)?;
            let mut out = Vec::new();
            out.try_reserve_exact(raw.len())
                .map_err(|_| Throw::OutOfMemory)?;
            for k in raw.iter() {
                let kv = convert::key_to_value(cx, conch_vm::PropertyKey::from_raw(k))?;
                out.push(JsValue::from_raw(ctx, kv)?);
            }
            Ok(out)
        })
    }

    /// `Call(this_value = this, args)`; non-callables throw a `TypeError`.
    pub fn call(&self, this: &JsValue, args: &[JsValue]) -> Result<JsValue, JsError> {
        self.ctx.check_same(this);
        let t = this.value;
        with_raw_args(&self.ctx, args, |raw| {
            self.run_value(|cx, f| ops::call(cx, f, t, raw))
        })
    }

    /// `Construct(this, args)` (`new this(...args)`); non-constructors throw a `TypeError`.
    pub fn construct(&self, args: &[JsValue]) -> Result<JsValue, JsError> {
        with_raw_args(&self.ctx, args, |raw| {
            self.run_value(|cx, f| ops::construct(cx, f, raw, Value::UNDEFINED))
        })
    }
}

/// Calls `f` with the raw values of `args` (on the stack for up to 8 arguments; a host `Vec`
/// beyond, allocated fallibly — the values stay rooted by their handles either way).
fn with_raw_args<R>(
    ctx: &CtxInner,
    args: &[JsValue],
    f: impl FnOnce(&[Value]) -> Result<R, JsError>,
) -> Result<R, JsError> {
    for a in args {
        ctx.check_same(a);
    }
    if args.len() <= 8 {
        let mut buf = [Value::UNDEFINED; 8];
        for (slot, a) in buf.iter_mut().zip(args) {
            *slot = a.value;
        }
        f(&buf[..args.len()])
    } else {
        // The host's own argument list, copied: host memory, reserved fallibly.
        #[allow(clippy::disallowed_types)]
        let mut raw: Vec<Value> = Vec::new();
        raw.try_reserve_exact(args.len())
            .map_err(|_| JsError::OutOfMemory)?;
        raw.extend(args.iter().map(|a| a.value));
        f(&raw)
    }
}

impl Clone for JsValue {
    fn clone(&self) -> JsValue {
        if let Some(addr) = self.value.cell_addr() {
            // The entry exists (this handle holds it): adding a reference only bumps its
            // count and cannot fail.
            let r = self.ctx.shared.vm.heap().add_root(addr);
            debug_assert!(r.is_ok());
        }
        JsValue {
            ctx: self.ctx.clone(),
            value: self.value,
        }
    }
}

impl Drop for JsValue {
    fn drop(&mut self) {
        if let Some(addr) = self.value.cell_addr() {
            self.ctx.shared.vm.heap().release_root(addr);
        }
    }
}

impl fmt::Debug for JsValue {
    /// Describes the value without running script: primitives and flat strings by value,
    /// errors by their own `message`, other objects by kind.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value;
        match convert::type_of(v) {
            Type::Undefined | Type::Internal => f.write_str("undefined"),
            Type::Null => f.write_str("null"),
            Type::Boolean => write!(f, "{}", v.as_bool() == Some(true)),
            Type::Number => write!(f, "{}", v.as_number().unwrap_or(f64::NAN)),
            Type::String => debug_string(f, v),
            Type::BigInt => {
                let b = conch_vm::bigint::BigInt::from_value(v).expect("bigint");
                match b.to_i64() {
                    Some(i) => write!(f, "{i}n"),
                    None => write!(
                        f,
                        "BigInt({}{} bits)",
                        if b.is_neg() { "-" } else { "" },
                        conch_vm::bigint::digits::bit_len(b.digits())
                    ),
                }
            }
            Type::Symbol => {
                let d = Symbol::from_value(v).map(|s| s.description);
                f.write_str("Symbol(")?;
                if let Some(d) = d.filter(|d| !d.is_undefined()) {
                    debug_string(f, d)?;
                }
                f.write_str(")")
            }
            Type::Object => {
                let o = object_of(v).expect("object");
                match o.class() {
                    ObjectClass::Error => {
                        f.write_str("Error(")?;
                        let key = self.ctx.shared.vm.name(Name::message).to_raw();
                        if let Some(p) = Object::get_named(self.ctx.shared.vm.heap(), o, key) {
                            if convert::type_of(p.value) == Type::String {
                                debug_string(f, p.value)?;
                            }
                        }
                        f.write_str(")")
                    }
                    ObjectClass::Array => write!(f, "[array; length {}]", o.array_length()),
                    _ if o.is_callable() => f.write_str("[function]"),
                    _ => f.write_str("[object]"),
                }
            }
        }
    }
}

fn debug_string(f: &mut fmt::Formatter<'_>, v: Value) -> fmt::Result {
    let Some(s) = JsString::from_value(v) else {
        return f.write_str("?");
    };
    match s.try_chars() {
        Some(chars) => {
            f.write_str("\"")?;
            for c in char::decode_utf16(chars.units()) {
                let c = c.unwrap_or('\u{FFFD}');
                write!(f, "{}", c.escape_debug())?;
            }
            f.write_str("\"")
        }
        None => write!(f, "<string of {} units>", s.len()),
    }
}
