//! The `JSON` object (§25.5): `parse` (with the reviver's internalize walk) in `parse`,
//! `stringify` in `stringify`.
//!
//! Both walk nested input by native recursion, one frame per nesting level, each level
//! calling `cx.check()` first: input nested deeper than the native stack allows ends in the
//! realm's "Maximum call stack size exceeded" RangeError, never a crash. `stringify` builds its result in a
//! GC vector (accounted, fallible) and fails with a RangeError past the string length limit.

mod circular;
mod parse;
pub(crate) use parse::parse_text;
mod stringify;
#[cfg(test)]
mod tests;

use super::{data, method, Lazy};
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::{attrs, Object, ObjectClass};
use crate::realm::Intrinsic;
use crate::WellKnown;
use conch_gc::Gc;

/// Creates the (lazy) `JSON` object and binds it on the global object.
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let j = cx.new_singleton(
        ObjectClass::Ordinary,
        cx.intrinsic(Intrinsic::ObjectPrototype),
    )?;
    Object::set_lazy(j, Lazy::Json as u8);
    let key = cx.rt.key("JSON")?;
    data(cx, global, key, j.to_value(), attrs::HIDDEN)
}

pub(super) fn fill(cx: &mut Cx, j: Gc<Object>) -> JsResult<()> {
    method(cx, j, "isRawJSON", 1, parse::is_raw_json_m)?;
    method(cx, j, "parse", 2, parse::parse)?;
    method(cx, j, "rawJSON", 1, parse::raw_json)?;
    method(cx, j, "stringify", 3, stringify::stringify)?;
    let tk = PropertyKey::symbol(cx.rt.well_known(WellKnown::toStringTag));
    let s = cx.string("JSON")?;
    data(cx, j, tk, s.to_value(), attrs::CONFIGURABLE)
}
