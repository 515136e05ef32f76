//! Annex B.2.2 `String.prototype` HTML methods (`anchor`, `big`, …): CreateHTML.

use super::StrBuf;
use crate::builtins::arg;
use crate::convert::to_string;
use crate::cx::{Cx, JsResult};
use crate::object::Object;
use crate::string::JsString;
use conch_gc::{Gc, Value};

/// CreateHTML(string, tag, attribute, value) (B.2.2.2.1).
fn create_html(cx: &mut Cx, this: Value, tag: &str, attr: &str, value: Value) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(cx.type_error("String.prototype HTML method called on null or undefined"));
    }
    let s = to_string(cx, this)?;
    let s = JsString::flatten(cx.heap(), s)?;
    let mut r = StrBuf::new();
    r.push_ascii(cx, b"<")?;
    r.push_ascii(cx, tag.as_bytes())?;
    if !attr.is_empty() {
        let v = to_string(cx, value)?;
        let v = JsString::flatten(cx.heap(), v)?;
        r.push_ascii(cx, b" ")?;
        r.push_ascii(cx, attr.as_bytes())?;
        r.push_ascii(cx, b"=\"")?;
        for u in v.chars().units() {
            if u == u16::from(b'"') {
                r.push_ascii(cx, b"&quot;")?;
            } else {
                r.push(cx, u)?;
            }
        }
        r.push_ascii(cx, b"\"")?;
    }
    r.push_ascii(cx, b">")?;
    r.push_chars(cx, s.chars())?;
    r.push_ascii(cx, b"</")?;
    r.push_ascii(cx, tag.as_bytes())?;
    r.push_ascii(cx, b">")?;
    Ok(r.finish(cx)?.to_value())
}

macro_rules! html {
    ($($name:ident: $tag:literal, $attr:literal;)*) => {
        $(
            pub(super) fn $name(
                cx: &mut Cx,
                _: Gc<Object>,
                this: Value,
                args: &[Value],
                _: Value,
            ) -> JsResult<Value> {
                create_html(cx, this, $tag, $attr, arg(args, 0))
            }
        )*
    };
}

html! {
    anchor: "a", "name";
    big: "big", "";
    blink: "blink", "";
    bold: "b", "";
    fixed: "tt", "";
    fontcolor: "font", "color";
    fontsize: "font", "size";
    italics: "i", "";
    link: "a", "href";
    small: "small", "";
    strike: "strike", "";
    sub: "sub", "";
    sup: "sup", "";
}
