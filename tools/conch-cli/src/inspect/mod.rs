//! A value inspector that formats like node's `util.inspect` (v20, `lib/internal/util/inspect.js`):
//! the same shapes (`{ a: 1 }`, `[ 1, 2 ]`, `Map(1) { 'a' => 1 }`, `[Function: f]`, `[class A]`,
//! `<ref *1>` … `[Circular *1]`), the same depth limit, and the same line breaking (`breakLength`
//! 80, `compact` 3, arrays of more than six items grouped into aligned columns), so that a
//! script's `console.log` output can be compared with node's byte for byte.
//!
//! Inspection reads objects through the VM's storage-level operations only: it never calls a
//! getter, a `toString` or a host trap, except node's custom inspection functions (`custom.rs`)
//! and `Symbol.toStringTag` getters, which node calls too. Where node reads a
//! property with `[[Get]]` (a function's `name`, an error's `stack`), this reads data properties
//! along the prototype chain and treats an accessor as absent.
//!
//! GC: values are held in Rust collections only while they stay reachable from the value being
//! inspected (which the caller keeps on the stack), and inspection runs no script code that
//! could make them unreachable.

mod custom;
mod parts;

use conch_gc::{Gc, Value};
use conch_vm::builtins::introspect::{self, CollectionKind};
use conch_vm::interp::code::flags;
use conch_vm::{attrs, ops, Cx, Intrinsic, JsResult, JsString, Object, ObjectClass, PropertyKey};

/// Inspection options (node's names and defaults).
#[derive(Clone, Debug)]
pub struct Options {
    /// How deep to recurse into objects (`None`: no limit). Node's default is 2.
    pub depth: Option<i64>,
    /// ANSI colours.
    pub colors: bool,
    /// Also non-enumerable properties (`%o`).
    pub show_hidden: bool,
    /// Entries are put on one line while it stays within this width.
    pub break_length: usize,
    /// The `compact` number: how many inner levels are joined on one line.
    pub compact: usize,
    /// At most this many array, set and map items.
    pub max_array_length: usize,
    /// At most this many characters of a string.
    pub max_string_length: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            depth: Some(2),
            colors: false,
            show_hidden: false,
            break_length: 80,
            compact: 3,
            max_array_length: 100,
            max_string_length: 10000,
        }
    }
}

/// Formats `v` as node's `util.inspect(v, opts)` does.
pub fn inspect(cx: &mut Cx, v: Value, opts: &Options) -> JsResult<String> {
    let mut ins = Inspector {
        cx,
        o: opts.clone(),
        seen: Vec::new(),
        circular: Vec::new(),
        indentation_lvl: 0,
        current_depth: 0,
        stack: conch_mm::stack::StackLimit::current_thread(),
        view_key: None,
        custom_key: None,
    };
    ins.format_value(v, 0, false)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Special,
    Number,
    BigInt,
    Boolean,
    Undefined,
    Null,
    String,
    Symbol,
    Date,
    RegExp,
    Name,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Object,
    Array,
    ArrayExtras,
}

/// What formats the body of an object (node's `formatter`).
enum Body {
    None,
    Array,
    TypedArray,
    Set,
    Map,
    Iterator,
    ArrayBuffer,
    Promise,
    Weak,
    Namespace,
}

pub(crate) struct Inspector<'c, 'rt> {
    cx: &'c mut Cx<'rt>,
    o: Options,
    seen: Vec<Gc<Object>>,
    circular: Vec<Gc<Object>>,
    indentation_lvl: usize,
    current_depth: i64,
    stack: conch_mm::stack::StackLimit,
    /// `Symbol.for('conch.inspect.view')` once looked up (see `view_of`).
    view_key: Option<PropertyKey>,
    /// `Symbol.for('nodejs.util.inspect.custom')` once looked up (see `custom.rs`).
    custom_key: Option<PropertyKey>,
}

/// The UTF-16 units of a string.
pub fn units(cx: &Cx, s: Gc<JsString>) -> JsResult<Vec<u16>> {
    let s = JsString::flatten(cx.heap(), s)?;
    Ok(s.chars().units().collect())
}

/// A string as Rust text (lone surrogates become U+FFFD).
pub fn rust_string(cx: &Cx, s: Gc<JsString>) -> JsResult<String> {
    Ok(String::from_utf16_lossy(&units(cx, s)?))
}

/// JS `.length` of Rust text (UTF-16 units).
fn js_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Removes ANSI SGR sequences (`ESC [ ... m`).
fn strip_colors(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\u{1b}' && it.peek() == Some(&'[') {
            it.next();
            for d in it.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn is_full_width(c: u32) -> bool {
    c >= 0x1100
        && (c <= 0x115f
            || c == 0x2329
            || c == 0x232a
            || (0x2e80..=0x3247).contains(&c) && c != 0x303f
            || (0x3250..=0x4dbf).contains(&c)
            || (0x4e00..=0xa4c6).contains(&c)
            || (0xa960..=0xa97c).contains(&c)
            || (0xac00..=0xd7a3).contains(&c)
            || (0xf900..=0xfaff).contains(&c)
            || (0xfe10..=0xfe19).contains(&c)
            || (0xfe30..=0xfe6b).contains(&c)
            || (0xff01..=0xff60).contains(&c)
            || (0xffe0..=0xffe6).contains(&c)
            || (0x1b000..=0x1b001).contains(&c)
            || (0x1f200..=0x1f251).contains(&c)
            || (0x1f300..=0x1f64f).contains(&c)
            || (0x20000..=0x3fffd).contains(&c))
}

fn is_zero_width(c: u32) -> bool {
    c <= 0x1f
        || (0x7f..=0x9f).contains(&c)
        || (0x300..=0x36f).contains(&c)
        || (0x200b..=0x200f).contains(&c)
        || (0x20d0..=0x20ff).contains(&c)
        || (0xfe00..=0xfe0f).contains(&c)
        || (0xfe20..=0xfe2f).contains(&c)
        || (0xe0100..=0xe01ef).contains(&c)
}

/// Columns needed to show `s` (node's `getStringWidth`).
pub fn string_width(s: &str, strip: bool) -> usize {
    let s = if strip {
        strip_colors(s)
    } else {
        s.to_string()
    };
    s.chars()
        .map(|c| {
            let c = c as u32;
            if is_full_width(c) {
                2
            } else if is_zero_width(c) {
                0
            } else {
                1
            }
        })
        .sum()
}

const META_C1: &str = "0123456789ABCDEF";

fn hex2(c: u16) -> String {
    let b = META_C1.as_bytes();
    format!(
        "\\x{}{}",
        b[(c >> 4) as usize & 15] as char,
        b[c as usize & 15] as char
    )
}

/// node's `meta` table: the escape of a control character, quote or backslash.
fn meta(c: u16) -> Option<String> {
    Some(match c {
        8 => "\\b".into(),
        9 => "\\t".into(),
        10 => "\\n".into(),
        12 => "\\f".into(),
        13 => "\\r".into(),
        39 => "\\'".into(),
        92 => "\\\\".into(),
        0..=31 | 0x7f..=0x9f => hex2(c),
        _ => return None,
    })
}

/// Escapes the units of a string like node's `strEscape` without the quotes when `quote` is
/// `None` (keys of non-enumerable properties, symbol descriptions).
fn escape_units(u: &[u16], quote: Option<u16>) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(u.len() + 2);
    let mut i = 0;
    while i < u.len() {
        let c = u[i];
        let escaped = if Some(c) == quote || (c != 39 && meta(c).is_some()) {
            meta(c)
        } else if (0xd800..=0xdfff).contains(&c) {
            if c <= 0xdbff && i + 1 < u.len() && (0xdc00..=0xdfff).contains(&u[i + 1]) {
                out.push(c);
                out.push(u[i + 1]);
                i += 2;
                continue;
            }
            Some(format!("\\u{c:x}"))
        } else {
            None
        };
        match escaped {
            Some(e) => out.extend(e.encode_utf16()),
            None => out.push(c),
        }
        i += 1;
    }
    String::from_utf16_lossy(&out)
}

/// node's `strEscape`: the string quoted with `'` (or `"`, or a backtick, when the string
/// holds single quotes), with control characters escaped.
pub fn str_escape(u: &[u16]) -> String {
    let has = |c: char| u.contains(&(c as u16));
    let mut quote = '\'';
    if has('\'') {
        if !has('"') {
            quote = '"';
        } else if !has('`') && !u.windows(2).any(|w| w == [b'$' as u16, b'{' as u16]) {
            quote = '`';
        }
    }
    let q = if quote == '\'' { Some(39) } else { None };
    format!("{quote}{}{quote}", escape_units(u, q))
}

fn is_identifier_key(u: &[u16]) -> bool {
    let ok_start = |c: u16| c == b'_' as u16 || (c < 128 && (c as u8).is_ascii_alphabetic());
    let ok = |c: u16| ok_start(c) || (c < 128 && (c as u8).is_ascii_digit());
    !u.is_empty() && ok_start(u[0]) && u[1..].iter().all(|&c| ok(c))
}

/// Number text as JS `String(n)` gives, with `-0` for negative zero.
pub fn number_text(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        return "-0".into();
    }
    let mut buf = [0u8; 32];
    conch_vm::numconv::number_to_string(n, &mut buf).to_string()
}

/// Names of the global constructors node counts as builtins.
pub(crate) const BUILTIN_NAMES: &[&str] = &[
    "Object",
    "Function",
    "Array",
    "Number",
    "Boolean",
    "String",
    "Symbol",
    "Date",
    "Promise",
    "RegExp",
    "Error",
    "AggregateError",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
    "SuppressedError",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "DataView",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "WeakRef",
    "FinalizationRegistry",
    "BigInt",
    "Proxy",
    "Reflect",
    "Math",
    "Atomics",
    "Iterator",
    "Intl",
];

/// Objects nested deeper than this (with `depth: null`) are not inspected further.
const MAX_NESTING: usize = 1000;

fn remaining_text(n: usize) -> String {
    format!("... {n} more item{}", if n > 1 { "s" } else { "" })
}

impl Inspector<'_, '_> {
    fn stylize(&self, s: &str, style: Style) -> String {
        if !self.o.colors {
            return s.to_string();
        }
        let (a, b) = match style {
            Style::Special => (36, 39),
            Style::Number | Style::BigInt | Style::Boolean => (33, 39),
            Style::Undefined => (90, 39),
            Style::Null => (1, 22),
            Style::String | Style::Symbol => (32, 39),
            Style::Date => (35, 39),
            Style::RegExp => (31, 39),
            Style::Name => return s.to_string(),
        };
        format!("\u{1b}[{a}m{s}\u{1b}[{b}m")
    }

    fn len(&self, s: &str) -> usize {
        if self.o.colors {
            js_len(&strip_colors(s))
        } else {
            js_len(s)
        }
    }

    fn beyond_depth(&self, recurse_times: i64) -> bool {
        self.o.depth.is_some_and(|d| recurse_times > d)
    }

    // ----- reading objects without side effects -----

    fn key(&self, name: &str) -> JsResult<PropertyKey> {
        Ok(self.cx.rt.key(name)?)
    }

    /// An own property as stored (no getters run; host traps bypassed).
    fn own(&self, o: Gc<Object>, key: PropertyKey) -> Option<ops::PropertyDescriptor> {
        ops::ordinary_get_own_property(self.cx, o, key)
            .ok()
            .flatten()
    }

    /// `[[Get]]` restricted to data properties: an accessor (or nothing) gives `None`.
    fn get_data(&self, o: Gc<Object>, key: PropertyKey) -> Option<Value> {
        let mut cur = Some(o);
        let mut n = 0;
        while let Some(c) = cur {
            if let Some(d) = self.own(c, key) {
                return d.value;
            }
            n += 1;
            if n > 10_000 {
                return None;
            }
            cur = Object::from_value(c.prototype());
        }
        None
    }

    fn get_data_named(&self, o: Gc<Object>, name: &str) -> JsResult<Option<Value>> {
        let k = self.key(name)?;
        Ok(self.get_data(o, k))
    }

    fn string_of(&self, v: Value) -> JsResult<Option<String>> {
        match JsString::from_value(v) {
            Some(s) => Ok(Some(rust_string(self.cx, s)?)),
            None => Ok(None),
        }
    }

    /// A key as text: an index, a string, or `Symbol(description)`.
    fn key_units(&self, k: PropertyKey) -> JsResult<Vec<u16>> {
        if let Some(i) = k.as_index() {
            return Ok(i.to_string().encode_utf16().collect());
        }
        if let Some(s) = k.as_atom() {
            return units(self.cx, s);
        }
        if let Some(sym) = k.as_symbol() {
            return self.symbol_units(sym.to_value());
        }
        Ok(Vec::new())
    }

    fn symbol_units(&self, v: Value) -> JsResult<Vec<u16>> {
        let mut out: Vec<u16> = "Symbol(".encode_utf16().collect();
        if let Some(sym) = conch_vm::Symbol::from_value(v) {
            if let Some(d) = JsString::from_value(sym.description) {
                out.extend(units(self.cx, d)?);
            }
        }
        out.push(b')' as u16);
        Ok(out)
    }

    /// Own keys in `[[OwnPropertyKeys]]` order (no host traps).
    fn own_keys(&self, o: Gc<Object>) -> JsResult<Vec<PropertyKey>> {
        let keys = ops::ordinary_own_property_keys(self.cx, o)?;
        Ok(keys.iter().map(PropertyKey::from_raw).collect())
    }

    /// node's `getKeys`: enumerable own string keys then enumerable symbols (all of them with
    /// `show_hidden`); with `non_index`, array indices are left out.
    fn get_keys(&self, o: Gc<Object>, non_index: bool) -> JsResult<Vec<PropertyKey>> {
        let mut strings = Vec::new();
        let mut symbols = Vec::new();
        for k in self.own_keys(o)? {
            if non_index && k.as_index().is_some() {
                continue;
            }
            let Some(d) = self.own(o, k) else {
                // A namespace export in its TDZ: still listed.
                if o.class() == ObjectClass::ModuleNamespace {
                    strings.push(k);
                }
                continue;
            };
            if !self.o.show_hidden && d.enumerable != Some(true) {
                continue;
            }
            if k.is_symbol() {
                symbols.push(k);
            } else {
                strings.push(k);
            }
        }
        strings.extend(symbols);
        Ok(strings)
    }

    fn is_function(v: Value) -> Option<Gc<Object>> {
        Object::from_value(v).filter(|o| o.is_callable())
    }

    /// OrdinaryHasInstance without calls: `ctor.prototype` (a data property) is on `o`'s chain.
    fn is_instance(&self, o: Gc<Object>, ctor: Gc<Object>) -> JsResult<bool> {
        let pk = self.key("prototype")?;
        let Some(proto) = self.own(ctor, pk).and_then(|d| d.value) else {
            return Ok(false);
        };
        let mut cur = o.prototype();
        let mut n = 0;
        while let Some(c) = Object::from_value(cur) {
            if c.to_value() == proto {
                return Ok(true);
            }
            n += 1;
            if n > 10_000 {
                break;
            }
            cur = c.prototype();
        }
        Ok(false)
    }

    /// An unmapped arguments object: an ordinary object whose own `Symbol.iterator` is a
    /// hidden `%Array.prototype.values%` and whose own `length` is hidden.
    fn is_arguments(&self, o: Gc<Object>) -> JsResult<bool> {
        // Arguments objects have a class of their own (`[[ParameterMap]]` or not).
        Ok(o.class() == ObjectClass::Arguments)
    }

    fn function_name(&self, f: Gc<Object>) -> JsResult<String> {
        let v = self.get_data_named(f, "name")?;
        Ok(match v {
            Some(v) => self.string_of(v)?.unwrap_or_default(),
            None => String::new(),
        })
    }

    fn in_chain(o: Gc<Object>, target: Value) -> bool {
        let mut cur = o.prototype();
        let mut n = 0;
        while let Some(c) = Object::from_value(cur) {
            if cur == target {
                return true;
            }
            n += 1;
            if n > 10_000 {
                break;
            }
            cur = c.prototype();
        }
        false
    }

    /// V8's class name of an object (`internalGetConstructorName`), roughly.
    fn internal_class_name(o: Gc<Object>) -> &'static str {
        match o.class() {
            ObjectClass::Array => "Array",
            ObjectClass::Function => "Function",
            ObjectClass::Error => "Error",
            ObjectClass::Boolean => "Boolean",
            ObjectClass::Number => "Number",
            ObjectClass::String => "String",
            ObjectClass::Symbol => "Symbol",
            ObjectClass::BigInt => "BigInt",
            ObjectClass::Date => "Date",
            ObjectClass::RegExp => "RegExp",
            ObjectClass::Promise => "Promise",
            ObjectClass::ArrayBuffer => "ArrayBuffer",
            ObjectClass::DataView => "DataView",
            ObjectClass::Collection => match introspect::collection_kind(&o) {
                Some(CollectionKind::Map) => "Map",
                Some(CollectionKind::Set) => "Set",
                Some(CollectionKind::WeakMap) => "WeakMap",
                _ => "WeakSet",
            },
            ObjectClass::ModuleNamespace => "Module",
            _ => "Object",
        }
    }

    /// node's `getConstructorName`: `None` for a null-prototype object.
    fn constructor_name(
        &mut self,
        obj: Gc<Object>,
        recurse_times: i64,
    ) -> JsResult<Option<String>> {
        let op = self.cx.intrinsic(Intrinsic::ObjectPrototype);
        let fp = self.cx.intrinsic(Intrinsic::FunctionPrototype);
        let ck = self.key("constructor")?;
        let mut first_proto: Option<Value> = None;
        let mut cur = Some(obj);
        let mut n = 0;
        while let Some(c) = cur {
            if c.to_value() == op && Self::in_chain(obj, op) {
                return Ok(Some("Object".into()));
            }
            if c.to_value() == fp && Self::in_chain(obj, fp) {
                return Ok(Some("Function".into()));
            }
            if let Some(ctor) = self
                .own(c, ck)
                .and_then(|d| d.value)
                .and_then(Self::is_function)
            {
                let name = self.function_name(ctor)?;
                if !name.is_empty() && self.is_instance(obj, ctor)? {
                    return Ok(Some(name));
                }
            }
            let p = c.prototype();
            if first_proto.is_none() {
                first_proto = Some(p);
            }
            cur = Object::from_value(p);
            n += 1;
            if n > 10_000 {
                break;
            }
        }
        let Some(first) = first_proto.and_then(Object::from_value) else {
            return Ok(None);
        };
        let res = Self::internal_class_name(obj);
        if self.beyond_depth(recurse_times) {
            return Ok(Some(format!("{res} <Complex prototype>")));
        }
        match self.constructor_name(first, recurse_times + 1)? {
            Some(p) => Ok(Some(format!("{res} <{p}>"))),
            None => {
                let saved = self.o.depth.replace(-1);
                let s = self.format_value(first.to_value(), 0, false);
                self.o.depth = saved;
                Ok(Some(format!("{res} <{}>", s?)))
            }
        }
    }

    /// `value[Symbol.toStringTag]` when it is a string data property that is not an own
    /// enumerable one (node shows it next to the constructor name).
    fn string_tag_of(&mut self, o: Gc<Object>) -> JsResult<String> {
        let w = self.cx.rt.well_known(conch_vm::WellKnown::toStringTag);
        let k = PropertyKey::symbol(w);
        // A getter (`get [Symbol.toStringTag]()` in a class) is called, as node's [[Get]] does.
        let Some(v) = self
            .get_data(o, k)
            .map_or_else(|| self.tag_getter(o, k), |v| Ok(Some(v)))?
        else {
            return Ok(String::new());
        };
        let Some(tag) = self.string_of(v)? else {
            return Ok(String::new());
        };
        if !tag.is_empty() {
            if let Some(d) = self.own(o, k) {
                let hide = if self.o.show_hidden {
                    true
                } else {
                    d.enumerable == Some(true)
                };
                if hide {
                    return Ok(String::new());
                }
            }
        }
        Ok(tag)
    }

    /// The value of an accessor `key` found along `o`'s chain, through its getter.
    fn tag_getter(&mut self, o: Gc<Object>, key: PropertyKey) -> JsResult<Option<Value>> {
        let mut cur = Some(o);
        let mut n = 0;
        while let Some(c) = cur {
            if let Some(d) = self.own(c, key) {
                return match d.get.and_then(Self::is_function) {
                    Some(g) => ops::call(self.cx, g.to_value(), o.to_value(), &[]).map(Some),
                    None => Ok(None),
                };
            }
            n += 1;
            if n > 10_000 {
                break;
            }
            cur = Object::from_value(c.prototype());
        }
        Ok(None)
    }

    // ----- formatting -----

    pub(crate) fn format_value(
        &mut self,
        v: Value,
        recurse_times: i64,
        typed: bool,
    ) -> JsResult<String> {
        let Some(o) = Object::from_value(v) else {
            if v.is_null() {
                return Ok(self.stylize("null", Style::Null));
            }
            return self.format_primitive(v);
        };
        if o.class() == ObjectClass::Proxy {
            // As node without `showProxy`: the target, inspected without running any trap
            // (a proxy chain is followed down to its first non-proxy target).
            let target = o.internal(0);
            if target.is_null() {
                return Ok(self.stylize("<Revoked Proxy>", Style::Special));
            }
            return self.format_value(target, recurse_times, typed);
        }
        if let Some(text) = self.custom_inspect(o, recurse_times)? {
            return Ok(text);
        }
        if let Some(view) = self.view_of(o)? {
            return self.format_view(o, view, recurse_times);
        }
        if self.seen.contains(&o) {
            let index = match self.circular.iter().position(|&c| c == o) {
                Some(i) => i + 1,
                None => {
                    self.circular.push(o);
                    self.circular.len()
                }
            };
            return Ok(self.stylize(&format!("[Circular *{index}]"), Style::Special));
        }
        self.format_raw(o, recurse_times, typed)
    }

    fn format_primitive(&mut self, v: Value) -> JsResult<String> {
        if let Some(s) = JsString::from_value(v) {
            let mut u = units(self.cx, s)?;
            let mut trailer = String::new();
            if u.len() > self.o.max_string_length {
                let remaining = u.len() - self.o.max_string_length;
                u.truncate(self.o.max_string_length);
                trailer = format!(
                    "... {remaining} more character{}",
                    if remaining > 1 { "s" } else { "" }
                );
            }
            if u.len() > 16
                && u.len() as i64 > self.o.break_length as i64 - self.indentation_lvl as i64 - 4
            {
                let mut parts = Vec::new();
                let mut start = 0;
                for (i, &c) in u.iter().enumerate() {
                    if c == 10 {
                        parts.push(&u[start..=i]);
                        start = i + 1;
                    }
                }
                if start < u.len() || parts.is_empty() {
                    parts.push(&u[start..]);
                }
                let sep = format!(" +\n{}", " ".repeat(self.indentation_lvl + 2));
                let lines: Vec<String> = parts
                    .iter()
                    .map(|p| self.stylize(&str_escape(p), Style::String))
                    .collect();
                return Ok(lines.join(&sep) + &trailer);
            }
            return Ok(self.stylize(&str_escape(&u), Style::String) + &trailer);
        }
        if let Some(n) = v.as_number() {
            return Ok(self.stylize(&number_text(n), Style::Number));
        }
        if let Some(b) = v.as_bool() {
            return Ok(self.stylize(if b { "true" } else { "false" }, Style::Boolean));
        }
        if v.is_undefined() {
            return Ok(self.stylize("undefined", Style::Undefined));
        }
        if conch_vm::Symbol::from_value(v).is_some() {
            let s = String::from_utf16_lossy(&self.symbol_units(v)?);
            return Ok(self.stylize(&s, Style::Symbol));
        }
        if conch_vm::bigint::is_bigint(v) {
            let s = conch_vm::convert::to_string(self.cx, v)?;
            let t = rust_string(self.cx, s)?;
            return Ok(self.stylize(&format!("{t}n"), Style::BigInt));
        }
        Ok(String::new())
    }

    fn prefix(constructor: &Option<String>, tag: &str, fallback: &str, size: &str) -> String {
        match constructor {
            None => {
                if !tag.is_empty() && fallback != tag {
                    format!("[{fallback}{size}: null prototype] [{tag}] ")
                } else {
                    format!("[{fallback}{size}: null prototype] ")
                }
            }
            Some(c) => {
                if !tag.is_empty() && c != tag {
                    format!("{c}{size} [{tag}] ")
                } else {
                    format!("{c}{size} ")
                }
            }
        }
    }

    fn ctx_style(o: Gc<Object>, constructor: &Option<String>, tag: &str) -> String {
        let mut fallback = String::new();
        if constructor.is_none() {
            fallback = Self::internal_class_name(o).to_string();
            if fallback == tag {
                fallback = "Object".into();
            }
        }
        Self::prefix(constructor, tag, &fallback, "")
    }

    fn format_raw(
        &mut self,
        o: Gc<Object>,
        mut recurse_times: i64,
        typed: bool,
    ) -> JsResult<String> {
        let constructor = self.constructor_name(o, recurse_times)?;
        let tag = self.string_tag_of(o)?;
        let mut base = String::new();
        let mut body = Body::None;
        let mut braces = [String::from("{"), String::from("}")];
        let mut extras = Layout::Object;
        let mut keys: Vec<PropertyKey>;
        // Keys whose values are computed (node reads them through getters).
        let mut synthetic: Vec<(&'static str, String)> = Vec::new();
        let class = o.class();
        let collection = introspect::collection_kind(&o);
        let iter_kind = introspect::collection_iterator_kind(&o);

        if class == ObjectClass::Array {
            let len = o.array_length();
            let prefix = if constructor.as_deref() != Some("Array") || !tag.is_empty() {
                Self::prefix(&constructor, &tag, "Array", &format!("({len})"))
            } else {
                String::new()
            };
            keys = self.get_keys(o, true)?;
            braces = [format!("{prefix}["), "]".into()];
            if len == 0 && keys.is_empty() {
                return Ok(format!("{}]", braces[0]));
            }
            extras = Layout::ArrayExtras;
            body = Body::Array;
        } else if matches!(collection, Some(CollectionKind::Set | CollectionKind::Map)) {
            let is_set = collection == Some(CollectionKind::Set);
            let mut size = 0usize;
            introspect::for_each_collection_entry(o, |_, _| {
                size += 1;
                true
            });
            let prefix = Self::prefix(
                &constructor,
                &tag,
                if is_set { "Set" } else { "Map" },
                &format!("({size})"),
            );
            keys = self.get_keys(o, false)?;
            if size == 0 && keys.is_empty() {
                return Ok(format!("{prefix}{{}}"));
            }
            braces = [format!("{prefix}{{"), "}".into()];
            body = if is_set { Body::Set } else { Body::Map };
        } else if class == ObjectClass::TypedArray && constructor.as_deref() == Some("Buffer") {
            // The shell's Buffer (buffer.js), as node's custom inspection prints it.
            return self.format_buffer(o);
        } else if class == ObjectClass::TypedArray {
            keys = self.get_keys(o, true)?;
            let len = conch_vm::builtins::typed_array_elements(&o).map_or(0, |e| e.length);
            let fallback = if constructor.is_none() {
                "TypedArray"
            } else {
                ""
            };
            let prefix = Self::prefix(&constructor, &tag, fallback, &format!("({len})"));
            braces = [format!("{prefix}["), "]".into()];
            if len == 0 && keys.is_empty() && !self.o.show_hidden {
                return Ok(format!("{}]", braces[0]));
            }
            body = Body::TypedArray;
            extras = Layout::ArrayExtras;
        } else if let Some((is_map, _)) = iter_kind {
            keys = self.get_keys(o, false)?;
            let ty = if is_map { "Map" } else { "Set" };
            let want = format!("{ty} Iterator");
            let mut t = tag.clone();
            if t != want {
                if !t.is_empty() {
                    t.push_str("] [");
                }
                t.push_str(&want);
            }
            braces = [format!("[{t}] {{"), "}".into()];
            body = Body::Iterator;
        } else {
            keys = self.get_keys(o, false)?;
            if o.is_callable() {
                base = self.function_base(o, &constructor, &tag)?;
                if keys.is_empty() {
                    return Ok(self.stylize(&base, Style::Special));
                }
            } else if constructor.as_deref() == Some("Object") {
                if self.is_arguments(o)? {
                    braces[0] = "[Arguments] {".into();
                } else if !tag.is_empty() {
                    braces[0] = format!("{}{{", Self::prefix(&constructor, &tag, "Object", ""));
                }
                if keys.is_empty() {
                    return Ok(format!("{}}}", braces[0]));
                }
            } else if class == ObjectClass::RegExp {
                base = self.regexp_text(o)?;
                let prefix = Self::prefix(&constructor, &tag, "RegExp", "");
                if prefix != "RegExp " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() || self.beyond_depth(recurse_times) {
                    return Ok(self.stylize(&base, Style::RegExp));
                }
            } else if let Some(tv) = introspect::date_value(&o) {
                base = "Invalid Date".into();
                introspect::date_iso_string(tv, &mut |b| {
                    base = String::from_utf8_lossy(b).into_owned()
                });
                let prefix = Self::prefix(&constructor, &tag, "Date", "");
                if prefix != "Date " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() {
                    return Ok(self.stylize(&base, Style::Date));
                }
            } else if self.is_error(o) {
                base = self.format_error(o, &constructor, &tag, &mut keys)?;
                if keys.is_empty() {
                    return Ok(base);
                }
            } else if class == ObjectClass::ArrayBuffer {
                let prefix = Self::prefix(&constructor, &tag, "ArrayBuffer", "");
                let len = conch_vm::array_buffer::data_of(o).map_or(0, |d| d.len());
                let n = self.stylize(&len.to_string(), Style::Number);
                if !typed {
                    body = Body::ArrayBuffer;
                } else if keys.is_empty() {
                    return Ok(format!("{prefix}{{ byteLength: {n} }}"));
                }
                braces[0] = format!("{prefix}{{");
                synthetic.push(("byteLength", n));
            } else if class == ObjectClass::DataView {
                braces[0] = format!("{}{{", Self::prefix(&constructor, &tag, "DataView", ""));
                let bl = self.stylize(
                    &number_text(o.internal(2).as_number().unwrap_or(0.0)),
                    Style::Number,
                );
                let bo = self.stylize(
                    &number_text(o.internal(1).as_number().unwrap_or(0.0)),
                    Style::Number,
                );
                synthetic.push(("byteLength", bl));
                synthetic.push(("byteOffset", bo));
                self.indentation_lvl += 2;
                let b = self.format_value(o.internal(0), recurse_times + 1, false);
                self.indentation_lvl -= 2;
                synthetic.push(("buffer", b?));
            } else if class == ObjectClass::Promise {
                braces[0] = format!("{}{{", Self::prefix(&constructor, &tag, "Promise", ""));
                body = Body::Promise;
            } else if matches!(
                collection,
                Some(CollectionKind::WeakMap | CollectionKind::WeakSet)
            ) {
                let n = if collection == Some(CollectionKind::WeakMap) {
                    "WeakMap"
                } else {
                    "WeakSet"
                };
                braces[0] = format!("{}{{", Self::prefix(&constructor, &tag, n, ""));
                body = Body::Weak;
            } else if class == ObjectClass::ModuleNamespace {
                braces[0] = format!("{}{{", Self::prefix(&constructor, &tag, "Module", ""));
                body = Body::Namespace;
            } else if matches!(
                class,
                ObjectClass::Number
                    | ObjectClass::String
                    | ObjectClass::Boolean
                    | ObjectClass::Symbol
                    | ObjectClass::BigInt
            ) {
                base = self.boxed_base(o, &mut keys, &constructor, &tag)?;
                if keys.is_empty() {
                    return Ok(base);
                }
            } else {
                if keys.is_empty() {
                    return Ok(format!("{}{{}}", Self::ctx_style(o, &constructor, &tag)));
                }
                braces[0] = format!("{}{{", Self::ctx_style(o, &constructor, &tag));
            }
        }

        if self.beyond_depth(recurse_times) {
            let s = Self::ctx_style(o, &constructor, &tag);
            let mut name = s[..s.len() - 1].to_string();
            if constructor.is_some() {
                name = format!("[{name}]");
            }
            return Ok(self.stylize(&name, Style::Special));
        }
        if self.seen.len() >= MAX_NESTING || self.stack.exceeded() {
            // node catches its stack overflow here; the native stack is bounded instead.
            let s = Self::ctx_style(o, &constructor, &tag);
            let msg = format!(
                "[{}: Inspection interrupted prematurely. Maximum call stack size exceeded.]",
                &s[..s.len() - 1]
            );
            return Ok(self.stylize(&msg, Style::Special));
        }
        recurse_times += 1;
        self.seen.push(o);
        self.current_depth = recurse_times;
        let mut output = match body {
            Body::None => Vec::new(),
            Body::Array => self.format_array(o, recurse_times)?,
            Body::TypedArray => self.format_typed_array(o)?,
            Body::Set => self.format_set(o, recurse_times)?,
            Body::Map => self.format_map(o, recurse_times)?,
            Body::Iterator => self.format_iterator(o, &mut braces, recurse_times)?,
            Body::ArrayBuffer => vec![self.array_buffer_contents(o)],
            Body::Promise => self.format_promise(o, recurse_times)?,
            Body::Weak => vec![self.stylize("<items unknown>", Style::Special)],
            Body::Namespace => {
                let ks = std::mem::take(&mut keys);
                let mut out = Vec::new();
                for k in ks {
                    out.push(self.format_property(o, recurse_times, k, Layout::Object)?);
                }
                out
            }
        };
        for (name, value) in synthetic {
            output.push(format!("{name}: {value}"));
        }
        for k in keys {
            output.push(self.format_property(o, recurse_times, k, extras)?);
        }
        if let Some(i) = self.circular.iter().position(|&c| c == o) {
            let reference = self.stylize(&format!("<ref *{}>", i + 1), Style::Special);
            base = if base.is_empty() {
                reference
            } else {
                format!("{reference} {base}")
            };
        }
        self.seen.pop();
        let value = if class == ObjectClass::Array || class == ObjectClass::TypedArray {
            Some(o)
        } else {
            None
        };
        Ok(self.reduce_to_single_string(output, &base, &braces, extras, recurse_times, value))
    }

    fn function_base(
        &mut self,
        f: Gc<Object>,
        constructor: &Option<String>,
        tag: &str,
    ) -> JsResult<String> {
        let code = conch_vm::interp::code_of(&f);
        let name = self.function_name(f)?;
        if code.is_some_and(|c| c.has(flags::CLASS_CONSTRUCTOR)) {
            let nk = self.key("name")?;
            let has_name = self.own(f, nk).is_some();
            let shown = if has_name && !name.is_empty() {
                name.clone()
            } else {
                "(anonymous)".into()
            };
            let mut base = format!("class {shown}");
            if constructor.as_deref() != Some("Function") && constructor.is_some() {
                base.push_str(&format!(" [{}]", constructor.as_deref().unwrap_or("")));
            }
            if !tag.is_empty() && constructor.as_deref() != Some(tag) {
                base.push_str(&format!(" [{tag}]"));
            }
            if constructor.is_some() {
                if let Some(p) = Object::from_value(f.prototype()) {
                    let sup = self.function_name(p)?;
                    if !sup.is_empty() {
                        base.push_str(&format!(" extends {sup}"));
                    }
                }
            } else {
                base.push_str(" extends [null prototype]");
            }
            return Ok(format!("[{base}]"));
        }
        let mut ty = String::from("Function");
        if code.is_some_and(|c| c.has(flags::GENERATOR)) {
            ty = format!("Generator{ty}");
        }
        if code.is_some_and(|c| c.has(flags::ASYNC)) {
            ty = format!("Async{ty}");
        }
        let mut base = format!("[{ty}");
        if constructor.is_none() {
            base.push_str(" (null prototype)");
        }
        if name.is_empty() {
            base.push_str(" (anonymous)");
        } else {
            base.push_str(&format!(": {name}"));
        }
        base.push(']');
        if let Some(c) = constructor {
            if *c != ty {
                base.push_str(&format!(" {c}"));
            }
        }
        if !tag.is_empty() && constructor.as_deref() != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        Ok(base)
    }

    fn regexp_text(&self, o: Gc<Object>) -> JsResult<String> {
        let src = self.string_of(o.internal(1))?.unwrap_or_default();
        let flags = self.string_of(o.internal(2))?.unwrap_or_default();
        // EscapeRegExpPattern: `/` and line terminators escaped, `(?:)` for the empty source.
        let mut s = String::new();
        let mut in_class = false;
        let mut escaped = false;
        for c in src.chars() {
            if escaped {
                s.push(c);
                escaped = false;
                continue;
            }
            match c {
                '\\' => {
                    s.push(c);
                    escaped = true;
                }
                '[' => {
                    in_class = true;
                    s.push(c);
                }
                ']' => {
                    in_class = false;
                    s.push(c);
                }
                '/' if !in_class => s.push_str("\\/"),
                '\n' => s.push_str("\\n"),
                '\r' => s.push_str("\\r"),
                '\u{2028}' => s.push_str("\\u2028"),
                '\u{2029}' => s.push_str("\\u2029"),
                _ => s.push(c),
            }
        }
        if s.is_empty() {
            s = "(?:)".into();
        }
        let mut f: Vec<char> = flags.chars().collect();
        let order = "dgimsuvy";
        f.sort_by_key(|c| order.find(*c).unwrap_or(99));
        Ok(format!("/{s}/{}", f.into_iter().collect::<String>()))
    }

    fn is_error(&self, o: Gc<Object>) -> bool {
        o.class() == ObjectClass::Error
            || Self::in_chain(o, self.cx.intrinsic(Intrinsic::ErrorPrototype))
    }

    fn boxed_base(
        &mut self,
        o: Gc<Object>,
        keys: &mut Vec<PropertyKey>,
        constructor: &Option<String>,
        tag: &str,
    ) -> JsResult<String> {
        let ty = match o.class() {
            ObjectClass::Number => "Number",
            ObjectClass::String => "String",
            ObjectClass::Boolean => "Boolean",
            ObjectClass::BigInt => "BigInt",
            _ => "Symbol",
        };
        if ty == "String" {
            keys.retain(|k| k.as_index().is_none());
        }
        let mut base = format!("[{ty}");
        match constructor {
            None => base.push_str(" (null prototype)"),
            Some(c) if c != ty => base.push_str(&format!(" ({c})")),
            _ => {}
        }
        let colors = std::mem::replace(&mut self.o.colors, false);
        let saved_indent = std::mem::replace(&mut self.indentation_lvl, 0);
        let saved_break = std::mem::replace(&mut self.o.break_length, usize::MAX / 4);
        let p = self.format_primitive(o.internal(0));
        self.o.colors = colors;
        self.indentation_lvl = saved_indent;
        self.o.break_length = saved_break;
        base.push_str(&format!(": {}]", p?));
        if !tag.is_empty() && constructor.as_deref() != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        if !keys.is_empty() || !self.o.colors {
            return Ok(base);
        }
        let style = match ty {
            "Number" => Style::Number,
            "String" => Style::String,
            "Boolean" => Style::Boolean,
            "BigInt" => Style::BigInt,
            _ => Style::Symbol,
        };
        Ok(self.stylize(&base, style))
    }

    fn format_property(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
        key: PropertyKey,
        ty: Layout,
    ) -> JsResult<String> {
        let desc = match ops::ordinary_get_own_property(self.cx, o, key) {
            Ok(d) => d,
            Err(_) if o.class() == ObjectClass::ModuleNamespace => {
                let name = self.property_name(key, true)?;
                return Ok(format!(
                    "{name}: {}",
                    self.stylize("<uninitialized>", Style::Special)
                ));
            }
            Err(e) => return Err(e),
        };
        let desc = match desc {
            Some(d) => d,
            None => ops::PropertyDescriptor::data(
                self.get_data(o, key).unwrap_or(Value::UNDEFINED),
                attrs::ENUMERABLE,
            ),
        };
        let s = if let Some(v) = desc.value {
            self.indentation_lvl += 2;
            let r = self.format_value(v, recurse_times, false);
            self.indentation_lvl -= 2;
            r?
        } else if desc.get.is_some_and(|g| !g.is_undefined()) {
            let label = if desc.set.is_some_and(|s| !s.is_undefined()) {
                "[Getter/Setter]"
            } else {
                "[Getter]"
            };
            self.stylize(label, Style::Special)
        } else if desc.set.is_some_and(|s| !s.is_undefined()) {
            self.stylize("[Setter]", Style::Special)
        } else {
            self.stylize("undefined", Style::Undefined)
        };
        if ty == Layout::Array {
            return Ok(s);
        }
        let name = self.property_name(key, desc.enumerable != Some(false))?;
        Ok(format!("{name}: {s}"))
    }

    fn property_name(&self, key: PropertyKey, enumerable: bool) -> JsResult<String> {
        let u = self.key_units(key)?;
        if key.is_symbol() {
            return Ok(format!(
                "[{}]",
                self.stylize(&escape_units(&u, Some(39)), Style::Symbol)
            ));
        }
        if u == "__proto__".encode_utf16().collect::<Vec<_>>() {
            return Ok("['__proto__']".into());
        }
        if !enumerable {
            return Ok(format!("[{}]", escape_units(&u, Some(39))));
        }
        if is_identifier_key(&u) {
            return Ok(self.stylize(&String::from_utf16_lossy(&u), Style::Name));
        }
        Ok(self.stylize(&str_escape(&u), Style::String))
    }

    fn is_below_break_length(&self, output: &[String], start: usize, base: &str) -> bool {
        let mut total = output.len() + start;
        if total + output.len() > self.o.break_length {
            return false;
        }
        for s in output {
            total += self.len(s);
            if total > self.o.break_length {
                return false;
            }
        }
        base.is_empty() || !base.contains('\n')
    }

    fn reduce_to_single_string(
        &mut self,
        mut output: Vec<String>,
        base: &str,
        braces: &[String; 2],
        extras: Layout,
        recurse_times: i64,
        value: Option<Gc<Object>>,
    ) -> String {
        let entries = output.len();
        if extras == Layout::ArrayExtras && entries > 6 {
            output = self.group_array_elements(output, value);
        }
        if self.current_depth - recurse_times < self.o.compact as i64 && entries == output.len() {
            let start =
                output.len() + self.indentation_lvl + js_len(&braces[0]) + js_len(base) + 10;
            if self.is_below_break_length(&output, start, base) {
                let joined = output.join(", ");
                if !joined.contains('\n') {
                    let b = if base.is_empty() {
                        String::new()
                    } else {
                        format!("{base} ")
                    };
                    return format!("{b}{} {joined} {}", braces[0], braces[1]);
                }
            }
        }
        let ind = format!("\n{}", " ".repeat(self.indentation_lvl));
        let b = if base.is_empty() {
            String::new()
        } else {
            format!("{base} ")
        };
        format!(
            "{b}{}{ind}  {}{ind}{}",
            braces[0],
            output.join(&format!(",{ind}  ")),
            braces[1]
        )
    }

    fn group_array_elements(&self, output: Vec<String>, value: Option<Gc<Object>>) -> Vec<String> {
        let mut total_length = 0usize;
        let mut max_length = 0usize;
        let mut output_length = output.len();
        if let Some(v) = value {
            // The "... more items" entry is not grouped.
            let len = if v.class() == ObjectClass::TypedArray {
                conch_vm::builtins::typed_array_elements(&v).map_or(0, |e| e.length as usize)
            } else {
                v.array_length() as usize
            };
            if self.o.max_array_length < len && output_length > 0 {
                output_length -= 1;
            }
        }
        let separator_space = 2;
        let mut data_len = Vec::with_capacity(output_length);
        for s in &output[..output_length] {
            let len = string_width(s, self.o.colors);
            data_len.push(len);
            total_length += len + separator_space;
            if max_length < len {
                max_length = len;
            }
        }
        let actual_max = max_length + separator_space;
        if actual_max * 3 + self.indentation_lvl < self.o.break_length
            && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)
        {
            let approx_char_heights = 2.5;
            let average_bias =
                (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
            let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
            let columns = ((approx_char_heights * biased_max * output_length as f64).sqrt()
                / biased_max)
                .round()
                .min(((self.o.break_length - self.indentation_lvl) / actual_max) as f64)
                .min((self.o.compact * 4) as f64)
                .min(15.0) as usize;
            if columns <= 1 {
                return output;
            }
            let mut tmp = Vec::new();
            let mut max_line_length = Vec::with_capacity(columns);
            for i in 0..columns {
                let mut line_max = 0;
                let mut j = i;
                while j < output_length {
                    line_max = line_max.max(data_len[j]);
                    j += columns;
                }
                max_line_length.push(line_max + separator_space);
            }
            // Numbers (and bigints) are right-aligned, everything else left-aligned.
            let pad_start = match value {
                Some(v) if v.class() == ObjectClass::TypedArray => true,
                Some(v) => (0..output.len()).all(|i| {
                    self.own(v, PropertyKey::index(i as u32))
                        .and_then(|d| d.value)
                        .is_some_and(|x| x.as_number().is_some() || conch_vm::bigint::is_bigint(x))
                }),
                None => false,
            };
            let mut i = 0;
            while i < output_length {
                let max = (i + columns).min(output_length);
                let mut s = String::new();
                let mut j = i;
                while j + 1 < max {
                    let cell = format!("{}, ", output[j]);
                    let pad = max_line_length[j - i].saturating_sub(data_len[j] + 2);
                    if pad_start {
                        s.push_str(&" ".repeat(pad));
                        s.push_str(&cell);
                    } else {
                        s.push_str(&cell);
                        s.push_str(&" ".repeat(pad));
                    }
                    j += 1;
                }
                if pad_start {
                    let pad = max_line_length[j - i]
                        .saturating_sub(separator_space)
                        .saturating_sub(data_len[j]);
                    s.push_str(&" ".repeat(pad));
                }
                s.push_str(&output[j]);
                tmp.push(s);
                i += columns;
            }
            if output_length < output.len() {
                tmp.push(output[output_length].clone());
            }
            return tmp;
        }
        output
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn strings_are_quoted_like_node() {
        assert_eq!(str_escape(&u("abc")), "'abc'");
        assert_eq!(str_escape(&u("it's")), "\"it's\"");
        assert_eq!(str_escape(&u("'\"")), "`'\"`");
        assert_eq!(str_escape(&u("'\"`")), "'\\'\"`'");
        assert_eq!(str_escape(&u("a\nb\t\u{1b}\\")), "'a\\nb\\t\\x1B\\\\'");
        assert_eq!(str_escape(&[0xd800, b'x' as u16]), "'\\ud800x'");
        assert_eq!(str_escape(&u("😀")), "'😀'");
    }

    #[test]
    fn numbers_and_widths() {
        assert_eq!(number_text(-0.0), "-0");
        assert_eq!(number_text(1e21), "1e+21");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(string_width("\u{1b}[33m12\u{1b}[39m", true), 2);
        assert_eq!(string_width("漢字", false), 4);
        assert!(is_identifier_key(&u("_a1")));
        assert!(!is_identifier_key(&u("$a")));
        assert!(!is_identifier_key(&u("1a")));
    }
}
