//! `String`: the constructor's statics, `String.prototype` and the String Iterator.

mod builder;

pub(crate) use builder::StrBuf;
