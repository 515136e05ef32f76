//! `String`: the constructor's statics, `String.prototype` and the String Iterator.

mod builder;

pub(crate) use builder::StrBuf;

use crate::cx::{Cx, JsResult};
use crate::object::Object;
use conch_gc::Gc;

/// `%StringIteratorPrototype%`'s properties.
pub(super) fn fill_iterator_proto(_cx: &mut Cx, _proto: Gc<Object>) -> JsResult<()> {
    Ok(())
}
