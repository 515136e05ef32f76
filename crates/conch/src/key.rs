//! [`Key`]: what names a property in [`JsValue::get`](crate::JsValue::get) and friends.

use crate::JsValue;
use conch_gc::Value;
use conch_vm::convert::to_property_key;
use conch_vm::{Cx, JsResult, PropertyKey};

/// A property name: a string (`&str`, `String`), an integer (`u32`, `i32`, `usize`: array
/// indices, other values by their decimal string), or a [`JsValue`] (converted with
/// `ToPropertyKey`, which may run script; symbols are keys as themselves).
///
/// Sealed: implemented only by this crate.
pub trait Key: sealed::Sealed {}

pub(crate) mod sealed {
    use super::*;

    /// The conversion behind [`Key`].
    pub trait Sealed {
        /// The engine's property key (interned; may allocate or run script).
        fn to_key(&self, cx: &mut Cx) -> JsResult<PropertyKey>;
    }
}

fn number_key(cx: &mut Cx, n: f64) -> JsResult<PropertyKey> {
    to_property_key(cx, Value::number(n))
}

macro_rules! number_keys {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {
            fn to_key(&self, cx: &mut Cx) -> JsResult<PropertyKey> {
                number_key(cx, *self as f64)
            }
        }
        impl Key for $t {}
    )*};
}

number_keys!(u32, i32, usize);

impl sealed::Sealed for &str {
    fn to_key(&self, cx: &mut Cx) -> JsResult<PropertyKey> {
        Ok(cx.rt.key(self)?)
    }
}
impl Key for &str {}

// A host's `String` used as a key (borrowed, nothing is allocated).
#[allow(clippy::disallowed_types)]
impl sealed::Sealed for String {
    fn to_key(&self, cx: &mut Cx) -> JsResult<PropertyKey> {
        Ok(cx.rt.key(self)?)
    }
}
#[allow(clippy::disallowed_types)]
impl Key for String {}

#[allow(clippy::disallowed_types)]
impl sealed::Sealed for &String {
    fn to_key(&self, cx: &mut Cx) -> JsResult<PropertyKey> {
        Ok(cx.rt.key(self)?)
    }
}
#[allow(clippy::disallowed_types)]
impl Key for &String {}

impl sealed::Sealed for &JsValue {
    fn to_key(&self, cx: &mut Cx) -> JsResult<PropertyKey> {
        assert!(
            std::ptr::eq(cx.rt, &self.ctx.shared.vm),
            "a conch::JsValue was used as a key with an object of another runtime"
        );
        to_property_key(cx, self.value)
    }
}
impl Key for &JsValue {}
