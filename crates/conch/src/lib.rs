//! Conch's idiomatic Rust API.
//!
//! ```
//! use conch::{JsError, Runtime};
//!
//! # fn main() -> Result<(), JsError> {
//! let runtime = Runtime::builder().memory_limit(64 << 20).build()?;
//! let ctx = runtime.context()?;
//! let point = ctx.object()?;
//! point.set("x", &ctx.number(3.0))?;
//! let add = ctx.function("add", |ctx, _this, args| {
//!     let a = args.first().map_or(Ok(f64::NAN), |v| v.to_number())?;
//!     let b = args.get(1).map_or(Ok(f64::NAN), |v| v.to_number())?;
//!     Ok(ctx.number(a + b))
//! })?;
//! let sum = add.call(&ctx.undefined(), &[point.get("x")?, ctx.number(4.0)])?;
//! assert_eq!(sum.as_f64(), Some(7.0));
//! # Ok(())
//! # }
//! ```
//!
//! Running script, with errors that say where they happened:
//!
//! ```
//! use conch::Runtime;
//!
//! let runtime = Runtime::new().unwrap();
//! let ctx = runtime.context().unwrap();
//! let square = ctx.eval("(x => x * x)", "square.js").unwrap();
//! let nine = square.call(&ctx.undefined(), &[ctx.number(3.0)]).unwrap();
//! assert_eq!(nine.as_f64(), Some(9.0));
//!
//! let e = ctx.eval("let a = 1;\nnull.boom;", "oops.js").unwrap_err();
//! assert_eq!((e.file_name(), e.line()), (Some("oops.js"), Some(2)));
//!
//! runtime.set_module_loader(|_referrer, specifier| match specifier {
//!     "two" => Ok(("two".to_string(), "export default 2;".to_string())),
//!     _ => Err(format!("no module {specifier}")),
//! });
//! let ns = ctx.eval_module("import two from 'two'; export const four = two * 2;", "main").unwrap();
//! assert_eq!(ns.get("four").unwrap().as_f64(), Some(4.0));
//! ```
//!
//! # The pieces
//!
//! - [`Runtime`]: one memory manager and one heap; memory limit, allocation callback, usage,
//!   collection. Not `Send`: a runtime and everything from it stay on the thread that made it.
//! - [`Context`]: a realm (global object and intrinsics). Values are made through it; script
//!   runs in it ([`Context::eval`], [`Context::eval_module`], [`Context::run_jobs`]). Modules
//!   are found through [`Runtime::set_module_loader`]; unhandled promise rejections are
//!   reported to [`Runtime::set_rejection_tracker`].
//! - [`JsValue`]: a handle to a JavaScript value. Handles are **precise roots**: each one that
//!   refers to a heap cell holds an entry in the heap's root table from creation (and clone)
//!   until drop, so safe code may keep them anywhere — in a `Box`, a `Vec`, an `Rc`, a future —
//!   and the collector still sees them (ARCHITECTURE.md §6). Handles also hold a reference
//!   count on the runtime's shared state, so dropping the [`Runtime`] before its handles is
//!   safe: the heap lives until the last handle is gone.
//! - [`JsError`]: why an operation failed, as a `Result` everywhere. Exceptions from script
//!   the API ran carry [`ErrorDetails`]: message, file, line, column and a stack text. Nothing aborts the process
//!   when memory runs out (ARCHITECTURE.md §3).
//!
//! # Which error for out-of-memory
//!
//! As in the JsRT API: operations that may run script (property get/set/has/delete, `keys`,
//! `call`, `construct`, conversions, comparisons) report refused memory as
//! [`JsError::Exception`] holding the context's pre-allocated `Error` "Out of memory"; pure
//! allocations that never run script ([`Context::object`], [`Context::string`],
//! [`Context::array`], [`Context::function`], [`Runtime::context`], …) return
//! [`JsError::OutOfMemory`]. [`JsError::is_out_of_memory`] answers "was it memory?" for both.
//!
//! # Host memory
//!
//! The API itself keeps small host-side bookkeeping in ordinary Rust memory (the runtime's
//! shared state, host-function closures, `Vec`s returned by [`JsValue::keys`], `String`s from
//! [`JsValue::to_string`]). That is the host's memory, as in ChakraCore. Where a script decides
//! its size (the text of `to_string`, the list of `keys`, a host function's arguments) it is
//! reserved fallibly: refused memory is an out-of-memory error, never an abort. Creating a handle, a
//! value or an object allocates nothing from the global allocator: handles are an `Rc` clone
//! plus a root-table entry, and the root table lives in memory the memory manager accounts.
//!
//! # Thread affinity
//!
//! Handles are neither `Send` nor `Sync`:
//!
//! ```compile_fail
//! fn assert_send<T: Send>() {}
//! assert_send::<conch::JsValue>();
//! ```
//!
//! ```compile_fail
//! fn assert_send<T: Send>() {}
//! assert_send::<conch::Runtime>();
//! ```
//!
//! Only [`InterruptHandle`] crosses threads (to stop a running script).

#![warn(missing_docs)]

mod context;
mod error;
mod function;
mod key;
mod runtime;
mod value;

pub use conch_mm::MemoryEvent;
pub use context::{Context, ErrorKind};
pub use error::{ErrorDetails, JsError};
pub use key::Key;
pub use runtime::{InterruptHandle, Runtime, RuntimeBuilder};
pub use value::{JsType, JsValue};

#[cfg(test)]
mod script_tests;
#[cfg(test)]
mod tests;
