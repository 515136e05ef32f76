//! The spec's abstract operations, by chapter:
//! - [`conversion`]: type conversion and testing/comparison (ECMA-262 §7.1, §7.2);
//! - `object` (re-exported here): operations on objects (§7.3), property descriptors (§6.2.6)
//!   and the internal methods of ordinary and exotic objects (§10), `Call`/`Construct`;
//! - `exotic`: what each exotic class adds to ordinary storage (array `length`, string
//!   indices), dispatched through a table by class;
//! - [`iteration`]: operations on iterator objects (§7.4);
//! - [`numeric`]: the numeric operators over Numbers and BigInts and their mixing rules;
//! - [`proxy`]: the internal methods of Proxy exotic objects (§10.5), which the ones in
//!   `object` dispatch to first;
//! - [`host_traps`]: the internal methods' detour through the host traps of custom external
//!   objects (JsRT's `JsCreateCustomExternalObject`).
//!
//! These three call each other (ToPrimitive calls methods; internal methods convert and call
//! traps; traps call functions): that is the spec's own structure, so they share this folder.
//! Below this folder sit `object/` (storage without validation), `string/` and `host/`; above
//! it, `builtins/`. No folder below imports one above.

mod arguments;
pub mod conversion;
mod exotic;
pub mod host_traps;
pub mod iteration;
pub mod numeric;
mod object;
pub mod proxy;

pub use object::*;
pub use proxy::{function_realm, is_array, is_proxy, proxy_create};
