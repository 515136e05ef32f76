//! [`JsError`]: why an operation failed.

use crate::JsValue;
use conch_vm::Intrinsic;
use std::fmt;

/// Why an operation did not complete.
///
/// Which variant reports refused memory depends on the operation (ARCHITECTURE.md §3):
/// operations that may run script throw the context's pre-allocated "Out of memory" `Error`
/// ([`JsError::Exception`]); pure allocations return [`JsError::OutOfMemory`]. Use
/// [`JsError::is_out_of_memory`] to ask about both. Native stack exhaustion is the catchable
/// `RangeError` "Out of stack space" as an exception ([`JsError::is_stack_overflow`]), as in
/// ChakraCore.
pub enum JsError {
    /// Memory was refused (by the limit, the allocation callback or the OS) in an operation
    /// that runs no script. The runtime stays usable.
    OutOfMemory,
    /// A JavaScript value was thrown. The handle roots it like any other.
    Exception(JsValue),
    /// Execution was disabled through an [`InterruptHandle`](crate::InterruptHandle); script
    /// cannot catch this.
    Terminated,
}

impl JsError {
    /// The thrown value, if this is an exception.
    pub fn exception(&self) -> Option<&JsValue> {
        match self {
            JsError::Exception(v) => Some(v),
            _ => None,
        }
    }

    /// Whether memory ran out: [`JsError::OutOfMemory`], or the "Out of memory" error thrown by
    /// an operation that may run script.
    pub fn is_out_of_memory(&self) -> bool {
        match self {
            JsError::OutOfMemory => true,
            JsError::Exception(v) => v.is_intrinsic(Intrinsic::OutOfMemoryError),
            JsError::Terminated => false,
        }
    }

    /// Whether this is the "Out of stack space" `RangeError` thrown when native recursion runs
    /// too deep.
    pub fn is_stack_overflow(&self) -> bool {
        matches!(self, JsError::Exception(v) if v.is_intrinsic(Intrinsic::StackOverflowError))
    }
}

impl fmt::Display for JsError {
    /// An exception prints as its `toString()` (which may run script); if that fails too, as
    /// "uncaught exception".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsError::OutOfMemory => f.write_str("Out of memory"),
            JsError::Terminated => f.write_str("Script execution terminated"),
            JsError::Exception(v) => match v.to_string() {
                Ok(s) => f.write_str(&s),
                Err(_) => f.write_str("uncaught exception"),
            },
        }
    }
}

impl fmt::Debug for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsError::OutOfMemory => f.write_str("OutOfMemory"),
            JsError::Terminated => f.write_str("Terminated"),
            JsError::Exception(v) => f.debug_tuple("Exception").field(v).finish(),
        }
    }
}

impl std::error::Error for JsError {}
