//! `%IteratorPrototype%` (§27.1.2): for now only its `[Symbol.iterator]`, which every
//! builtin iterator inherits.

use super::method_key;
use crate::cx::{Cx, JsResult};
use crate::key::PropertyKey;
use crate::object::Object;
use crate::WellKnown;
use conch_gc::{Gc, Value};

/// `%IteratorPrototype% [ %Symbol.iterator% ] ( )`: returns the this value.
fn iterator(_: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    Ok(this)
}

pub(super) fn fill_proto(cx: &mut Cx, proto: Gc<Object>) -> JsResult<()> {
    let key = PropertyKey::symbol(cx.rt.well_known(WellKnown::iterator));
    method_key(cx, proto, key, 0, iterator)?;
    Ok(())
}
