//! The inspector's formatters of particular kinds of objects: errors, arrays, typed arrays,
//! collections and their iterators, ArrayBuffers and promises.

use super::{js_len, remaining_text, rust_string, strip_colors, Inspector, Layout, Style};
use conch_gc::{Gc, Value};
use conch_vm::builtins::introspect::{self, IteratorKind};
use conch_vm::{JsResult, JsString, Object, ObjectClass, PropertyKey};

impl Inspector<'_, '_> {
    pub(super) fn format_error(
        &mut self,
        err: Gc<Object>,
        constructor: &Option<String>,
        tag: &str,
        keys: &mut Vec<PropertyKey>,
    ) -> JsResult<String> {
        let name = match self.get_data_named(err, "name")? {
            Some(v) if !v.is_nullish() => self.display_data(v)?,
            _ => "Error".into(),
        };
        let message = match self.get_data_named(err, "message")? {
            Some(v) if !v.is_undefined() => Some(self.display_data(v)?),
            _ => None,
        };
        let mut stack_v = self.get_data_named(err, "stack")?;
        if stack_v.is_none() && err.class() == conch_vm::ObjectClass::Error {
            // The trace behind the `Error.prototype.stack` accessor (built without running
            // script code, like the rest of inspection).
            stack_v = Some(conch_vm::interp::stack_trace::stack_string(self.cx, err)?.to_value());
        }
        let mut stack = match stack_v {
            Some(v) if JsString::from_value(v).is_some_and(|s| !s.is_empty()) => {
                self.display_data(v)?
            }
            _ => {
                // Error.prototype.toString.
                let msg = message.clone().unwrap_or_default();
                if name.is_empty() {
                    msg
                } else if msg.is_empty() {
                    name.clone()
                } else {
                    format!("{name}: {msg}")
                }
            }
        };
        // removeDuplicateErrorKeys
        if !self.o.show_hidden && !keys.is_empty() {
            for n in ["name", "message", "stack"] {
                if let Some(i) = keys.iter().position(|k| k.is_name(n)) {
                    let text = match self.get_data_named(err, n)? {
                        Some(v) => self.display_data(v)?,
                        None => "undefined".into(),
                    };
                    if stack.contains(&text) {
                        keys.remove(i);
                    }
                }
            }
        }
        let ck = self.key("cause")?;
        if self.has_property(err, ck) && !keys.contains(&ck) {
            keys.push(ck);
        }
        let ek = self.key("errors")?;
        if self
            .get_data(err, ek)
            .and_then(Object::from_value)
            .is_some_and(|a| a.class() == ObjectClass::Array)
            && !keys.contains(&ek)
        {
            keys.push(ek);
        }
        stack = Self::improve_stack(stack, constructor, &name, tag);
        let mut pos = None;
        if let Some(m) = message.as_ref().filter(|m| !m.is_empty()) {
            pos = stack.find(m.as_str()).map(|p| p + m.len());
        }
        let stack_start = stack[pos.unwrap_or(0).min(stack.len())..]
            .find("\n    at")
            .map(|p| p + pos.unwrap_or(0));
        if stack_start.is_none() {
            stack = format!("[{stack}]");
        }
        if self.indentation_lvl != 0 {
            let ind = " ".repeat(self.indentation_lvl);
            stack = stack.replace('\n', &format!("\n{ind}"));
        }
        Ok(stack)
    }

    pub(super) fn has_property(&self, o: Gc<Object>, k: PropertyKey) -> bool {
        let mut cur = Some(o);
        let mut n = 0;
        while let Some(c) = cur {
            if self.own(c, k).is_some() {
                return true;
            }
            n += 1;
            if n > 10_000 {
                break;
            }
            cur = Object::from_value(c.prototype());
        }
        false
    }

    /// `String(v)` for a primitive data value (objects show as `[object Object]`).
    pub(super) fn display_data(&mut self, v: Value) -> JsResult<String> {
        if Object::from_value(v).is_some() {
            return Ok("[object Object]".into());
        }
        if conch_vm::Symbol::from_value(v).is_some() {
            return Ok(String::from_utf16_lossy(&self.symbol_units(v)?));
        }
        let s = conch_vm::convert::to_string(self.cx, v)?;
        rust_string(self.cx, s)
    }

    pub(super) fn improve_stack(
        stack: String,
        constructor: &Option<String>,
        name: &str,
        tag: &str,
    ) -> String {
        let mut len = name.len();
        let b = stack.as_bytes();
        if constructor.is_none()
            || (name.ends_with("Error")
                && stack.starts_with(name)
                && (b.len() == len || b[len] == b':' || b[len] == b'\n'))
        {
            let mut fallback = "Error".to_string();
            if constructor.is_none() {
                let start: String = stack
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "_ []()-".contains(*c))
                    .collect();
                let ok = start.starts_with(|c: char| c.is_ascii_uppercase())
                    && (stack[start.len()..].starts_with(':')
                        || stack[start.len()..].starts_with("\n    at")
                        || (start.len() == stack.len() && start.ends_with("Error")));
                let f = if ok { start } else { String::new() };
                len = f.len();
                fallback = if f.is_empty() { "Error".into() } else { f };
            }
            let p = Self::prefix(constructor, tag, &fallback, "");
            let prefix = &p[..p.len() - 1];
            if name != prefix {
                if prefix.contains(name) {
                    if len == 0 {
                        return format!("{prefix}: {stack}");
                    }
                    return format!("{prefix}{}", &stack[len.min(stack.len())..]);
                }
                return format!("{prefix} [{name}]{}", &stack[len.min(stack.len())..]);
            }
        }
        stack
    }

    pub(super) fn format_array(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
    ) -> JsResult<Vec<String>> {
        let val_len = o.array_length() as usize;
        let len = self.o.max_array_length.min(val_len);
        let remaining = val_len - len;
        let mut output = Vec::new();
        for i in 0..len {
            let k = PropertyKey::index(i as u32);
            if self.own(o, k).is_none() {
                return self.format_special_array(o, recurse_times, len, output, i);
            }
            output.push(self.format_property(o, recurse_times, k, Layout::Array)?);
        }
        if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        Ok(output)
    }

    pub(super) fn format_special_array(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
        max_length: usize,
        mut output: Vec<String>,
        start: usize,
    ) -> JsResult<Vec<String>> {
        // ObjectKeys(value): enumerable string keys, indices first.
        let mut keys = Vec::new();
        for k in self.own_keys(o)? {
            if k.is_symbol() {
                continue;
            }
            if self.own(o, k).is_some_and(|d| d.enumerable == Some(true)) {
                keys.push(k);
            }
        }
        let mut index = start;
        let mut i = start;
        while i < keys.len() && output.len() < max_length {
            let k = keys[i];
            let Some(tmp) = k.as_index() else { break };
            let tmp = tmp as usize;
            if tmp != index {
                let empty = tmp - index;
                let msg = format!("<{empty} empty item{}>", if empty > 1 { "s" } else { "" });
                output.push(self.stylize(&msg, Style::Undefined));
                index = tmp;
                if output.len() == max_length {
                    break;
                }
            }
            output.push(self.format_property(o, recurse_times, k, Layout::Array)?);
            index += 1;
            i += 1;
        }
        let remaining = o.array_length() as usize - index;
        if output.len() != max_length {
            if remaining > 0 {
                let msg = format!(
                    "<{remaining} empty item{}>",
                    if remaining > 1 { "s" } else { "" }
                );
                output.push(self.stylize(&msg, Style::Undefined));
            }
        } else if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        Ok(output)
    }

    /// The value the shell's own classes print as (node's custom inspection of `URL` and
    /// `URLSearchParams`): an own data property under `Symbol.for('conch.inspect.view')`,
    /// kept up to date by `url.js` (inspection runs no script).
    pub(super) fn view_of(&mut self, o: Gc<Object>) -> JsResult<Option<Value>> {
        if o.class() != ObjectClass::Ordinary {
            return Ok(None);
        }
        let k = match self.view_key {
            Some(k) => k,
            None => {
                let name = self.cx.string("conch.inspect.view")?;
                let sym = self.cx.rt.registered_symbol(name)?;
                let k = PropertyKey::symbol(sym);
                self.view_key = Some(k);
                k
            }
        };
        Ok(self.own(o, k).and_then(|d| d.value))
    }

    /// An object with a view, printed as node's custom inspection of the class does: an array
    /// view `[k1, v1, k2, v2, …]` as URLSearchParams (`Name { 'k1' => 'v1', … }`, `[Object]`
    /// past the depth limit), an object view as a URL (`Name { …the view… }`, inspected afresh
    /// with the full depth; `Name {}` past the limit). Node indents the custom text to the
    /// current level.
    pub(super) fn format_view(
        &mut self,
        o: Gc<Object>,
        view: Value,
        recurse_times: i64,
    ) -> JsResult<String> {
        let name = self
            .constructor_name(o, recurse_times)?
            .unwrap_or_else(|| "Object".into());
        let list = Object::from_value(view).filter(|v| v.class() == ObjectClass::Array);
        if self.beyond_depth(recurse_times) {
            return Ok(if list.is_some() {
                self.stylize("[Object]", Style::Special)
            } else {
                format!("{name} {{}}")
            });
        }
        let text = match list {
            None => {
                let mut sub = Inspector {
                    cx: &mut *self.cx,
                    o: self.o.clone(),
                    seen: Vec::new(),
                    circular: Vec::new(),
                    indentation_lvl: 0,
                    current_depth: 0,
                    stack: conch_mm::stack::StackLimit::current_thread(),
                    view_key: self.view_key,
                    custom_key: self.custom_key,
                };
                let body = sub.format_value(view, 0, false)?;
                format!("{name} {body}")
            }
            Some(list) => {
                let n = list.array_length();
                let mut output = Vec::new();
                let mut i = 0;
                while i + 1 < n {
                    let k = list.get_element(i).map_or(Value::UNDEFINED, |p| p.value);
                    let v = list
                        .get_element(i + 1)
                        .map_or(Value::UNDEFINED, |p| p.value);
                    let ks = self.format_value(k, recurse_times, false)?;
                    let vs = self.format_value(v, recurse_times, false)?;
                    output.push(format!("{ks} => {vs}"));
                    i += 2;
                }
                let length: usize = output
                    .iter()
                    .map(|s| js_len(&strip_colors(s)) + 2)
                    .sum::<usize>()
                    .saturating_sub(2);
                if output.is_empty() {
                    format!("{name} {{}}")
                } else if length > self.o.break_length {
                    format!("{name} {{\n  {} }}", output.join(",\n  "))
                } else {
                    format!("{name} {{ {} }}", output.join(", "))
                }
            }
        };
        let indent = format!("\n{}", " ".repeat(self.indentation_lvl));
        Ok(text.replace('\n', &indent))
    }

    /// `<Buffer 68 69>`: the first 50 bytes in hex, then how many more.
    pub(super) fn format_buffer(&mut self, o: Gc<Object>) -> JsResult<String> {
        let Some(e) = conch_vm::builtins::typed_array_elements(&o) else {
            return Ok("<Buffer >".into());
        };
        let len = e.length as usize;
        let mut s = String::from("<Buffer ");
        for i in 0..len.min(50) {
            let v = conch_vm::builtins::typed_array_read(self.cx, &e, i as u32)?;
            let b = v.as_number().unwrap_or(0.0) as u8;
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&format!("{b:02x}"));
        }
        if len > 50 {
            let more = len - 50;
            s.push_str(&format!(
                " ... {more} more byte{}",
                if more > 1 { "s" } else { "" }
            ));
        }
        s.push('>');
        Ok(s)
    }

    pub(super) fn format_typed_array(&mut self, o: Gc<Object>) -> JsResult<Vec<String>> {
        let Some(e) = conch_vm::builtins::typed_array_elements(&o) else {
            return Ok(Vec::new());
        };
        let len = e.length as usize;
        let max = self.o.max_array_length.min(len);
        let mut output = Vec::with_capacity(max + 1);
        for i in 0..max {
            let v = conch_vm::builtins::typed_array_read(self.cx, &e, i as u32)?;
            output.push(self.format_primitive(v)?);
        }
        if len > max {
            output.push(remaining_text(len - max));
        }
        Ok(output)
    }

    pub(super) fn format_set(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
    ) -> JsResult<Vec<String>> {
        let mut items = Vec::new();
        introspect::for_each_collection_entry(o, |k, _| {
            items.push(k);
            true
        });
        let max = self.o.max_array_length.min(items.len());
        let mut output = Vec::new();
        self.indentation_lvl += 2;
        for &v in &items[..max] {
            let s = self.format_value(v, recurse_times, false);
            match s {
                Ok(s) => output.push(s),
                Err(e) => {
                    self.indentation_lvl -= 2;
                    return Err(e);
                }
            }
        }
        if items.len() > max {
            output.push(remaining_text(items.len() - max));
        }
        self.indentation_lvl -= 2;
        Ok(output)
    }

    pub(super) fn format_map(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
    ) -> JsResult<Vec<String>> {
        let mut items = Vec::new();
        introspect::for_each_collection_entry(o, |k, v| {
            items.push((k, v));
            true
        });
        let max = self.o.max_array_length.min(items.len());
        let mut output = Vec::new();
        self.indentation_lvl += 2;
        let r: JsResult<()> = (|| {
            for &(k, v) in &items[..max] {
                let ks = self.format_value(k, recurse_times, false)?;
                let vs = self.format_value(v, recurse_times, false)?;
                output.push(format!("{ks} => {vs}"));
            }
            Ok(())
        })();
        self.indentation_lvl -= 2;
        r?;
        if items.len() > max {
            output.push(remaining_text(items.len() - max));
        }
        Ok(output)
    }

    pub(super) fn format_iterator(
        &mut self,
        o: Gc<Object>,
        braces: &mut [String; 2],
        recurse_times: i64,
    ) -> JsResult<Vec<String>> {
        let Some((is_map, kind)) = introspect::collection_iterator_kind(&o) else {
            return Ok(Vec::new());
        };
        let mut items = Vec::new();
        introspect::for_each_iterator_entry(o, |k, v| {
            items.push((k, v));
            true
        });
        let max = self.o.max_array_length.min(items.len());
        let mut output = Vec::new();
        self.indentation_lvl += 2;
        let r: JsResult<()> = (|| {
            for &(k, v) in &items[..max] {
                let s = match kind {
                    IteratorKind::Entries => {
                        let a = self.format_value(k, recurse_times, false)?;
                        let b =
                            self.format_value(if is_map { v } else { k }, recurse_times, false)?;
                        self.reduce_to_single_string(
                            vec![a, b],
                            "",
                            &["[".into(), "]".into()],
                            Layout::ArrayExtras,
                            recurse_times,
                            None,
                        )
                    }
                    IteratorKind::Keys => self.format_value(k, recurse_times, false)?,
                    IteratorKind::Values => {
                        self.format_value(if is_map { v } else { k }, recurse_times, false)?
                    }
                };
                output.push(s);
            }
            Ok(())
        })();
        self.indentation_lvl -= 2;
        r?;
        if kind == IteratorKind::Entries {
            if let Some(p) = braces[0].rfind(" Iterator] {") {
                braces[0] = format!("{} Entries] {{", &braces[0][..p]);
            }
        }
        if items.len() > max {
            output.push(remaining_text(items.len() - max));
        }
        Ok(output)
    }

    pub(super) fn array_buffer_contents(&self, o: Gc<Object>) -> String {
        let Some(d) = conch_vm::array_buffer::data_of(o) else {
            return self.stylize("(detached)", Style::Special);
        };
        if d.is_detached() {
            return self.stylize("(detached)", Style::Special);
        }
        let len = d.len();
        let max = self.o.max_array_length.min(len);
        let mut hex = Vec::with_capacity(max);
        if let Some((p, n)) = d.bytes() {
            for i in 0..max.min(n) {
                // SAFETY: `p` points to `n` live bytes of the buffer; nothing runs meanwhile.
                let b = unsafe { *p.add(i) };
                hex.push(format!("{b:02x}"));
            }
        }
        let mut s = hex.join(" ");
        if len > max {
            let r = len - max;
            s.push_str(&format!(
                " ... {r} more byte{}",
                if r > 1 { "s" } else { "" }
            ));
        }
        format!("{}: <{s}>", self.stylize("[Uint8Contents]", Style::Special))
    }

    pub(super) fn format_promise(
        &mut self,
        o: Gc<Object>,
        recurse_times: i64,
    ) -> JsResult<Vec<String>> {
        let (state, result) = conch_vm::builtins::promise::state(o);
        if state == 0 {
            return Ok(vec![self.stylize("<pending>", Style::Special)]);
        }
        self.indentation_lvl += 2;
        let s = self.format_value(result, recurse_times, false);
        self.indentation_lvl -= 2;
        let s = s?;
        Ok(vec![if state == 2 {
            format!("{} {s}", self.stylize("<rejected>", Style::Special))
        } else {
            s
        }])
    }
}
