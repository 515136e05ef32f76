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
/// `RangeError` "Maximum call stack size exceeded" (V8's words) as an exception
/// ([`JsError::is_stack_overflow`]), as in ChakraCore.
pub enum JsError {
    /// Memory was refused (by the limit, the allocation callback or the OS) in an operation
    /// that runs no script. The runtime stays usable.
    OutOfMemory,
    /// A JavaScript value was thrown. The handle roots it like any other.
    ///
    /// The second field holds what the API learnt about the throw when script ran through
    /// [`Context::eval`](crate::Context::eval) or
    /// [`Context::eval_module`](crate::Context::eval_module) (message, position, stack);
    /// it is `None` for errors made by the host (see [`JsError::from`]) and for exceptions of
    /// other operations. Read it through [`JsError::message`], [`JsError::line`], … .
    // Host memory: one small box per reported exception, made only when the API ran script.
    #[allow(clippy::disallowed_types)]
    Exception(JsValue, Option<Box<ErrorDetails>>),
    /// Execution was disabled through an [`InterruptHandle`](crate::InterruptHandle); script
    /// cannot catch this.
    Terminated,
}

/// What the API recorded about an exception thrown by script it ran: see
/// [`JsError::Exception`].
// Host memory, as `JsValue::to_string`'s result: the script-sized texts (message, stack) are
// reserved fallibly (an empty text when memory is refused), the file name is the host's.
#[allow(clippy::disallowed_types)]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// The error's `message` property for an object with one, else the thrown value's
    /// `ToString` (empty if that failed too).
    pub message: String,
    /// The script or module name the throw happened in, if known.
    pub file_name: Option<String>,
    /// The 1-based line of the throw (of the syntax error for code that did not parse), if
    /// known.
    pub line: Option<u32>,
    /// The 1-based column (UTF-16 units) of the throw, if known.
    pub column: Option<u32>,
    /// A printable stack: the value's `toString()` followed by one `    at file:line:column`
    /// line for the throw site when it is known.
    pub stack: String,
}

impl From<JsValue> for JsError {
    /// An exception throwing `v`, with no details (for host functions:
    /// `Err(JsError::from(value))`).
    fn from(v: JsValue) -> JsError {
        JsError::Exception(v, None)
    }
}

impl JsError {
    /// The thrown value, if this is an exception.
    pub fn exception(&self) -> Option<&JsValue> {
        match self {
            JsError::Exception(v, _) => Some(v),
            _ => None,
        }
    }

    /// What was recorded about the throw, if this is an exception thrown by script that
    /// [`Context::eval`](crate::Context::eval) or
    /// [`Context::eval_module`](crate::Context::eval_module) ran.
    pub fn details(&self) -> Option<&ErrorDetails> {
        match self {
            JsError::Exception(_, Some(d)) => Some(d),
            _ => None,
        }
    }

    /// The error message: the recorded one (see [`ErrorDetails::message`]); for an exception
    /// without details, computed now (may run script); for the other variants, their
    /// `Display` text.
    #[allow(clippy::disallowed_types)] // host memory, reserved fallibly (see ErrorDetails)
    pub fn message(&self) -> String {
        match self {
            JsError::Exception(_, Some(d)) => copy(&d.message),
            JsError::Exception(v, None) => message_of(v),
            JsError::OutOfMemory => copy("Out of memory"),
            JsError::Terminated => copy("Script execution terminated"),
        }
    }

    /// The script or module name the exception was thrown in, if known.
    pub fn file_name(&self) -> Option<&str> {
        self.details().and_then(|d| d.file_name.as_deref())
    }

    /// The 1-based line the exception was thrown at, if known.
    pub fn line(&self) -> Option<u32> {
        self.details().and_then(|d| d.line)
    }

    /// The 1-based column (UTF-16 units) the exception was thrown at, if known.
    pub fn column(&self) -> Option<u32> {
        self.details().and_then(|d| d.column)
    }

    /// The recorded stack text (see [`ErrorDetails::stack`]), if this exception has details.
    pub fn stack(&self) -> Option<&str> {
        self.details().map(|d| d.stack.as_str())
    }

    /// Attaches details computed from the thrown value and `site` (file, line, column).
    #[allow(clippy::disallowed_types, clippy::disallowed_macros)] // see ErrorDetails
    pub(crate) fn with_site(self, site: Option<(String, u32, u32)>) -> JsError {
        use std::fmt::Write;
        match self {
            JsError::Exception(v, _) => {
                let message = message_of(&v);
                let mut stack = v.to_string().unwrap_or_else(|_| copy(&message));
                let (file_name, line, column) = match site {
                    Some((f, l, c)) => {
                        // "\n    at " + file + two u32s and separators.
                        if stack.try_reserve(f.len() + 32).is_ok() {
                            let _ = write!(stack, "\n    at {f}:{l}:{c}");
                        }
                        (Some(f), Some(l), Some(c))
                    }
                    None => (None, None, None),
                };
                let d = ErrorDetails {
                    message,
                    file_name,
                    line,
                    column,
                    stack,
                };
                JsError::Exception(v, Some(Box::new(d)))
            }
            e => e,
        }
    }

    /// Whether memory ran out: [`JsError::OutOfMemory`], or the "Out of memory" error thrown by
    /// an operation that may run script.
    pub fn is_out_of_memory(&self) -> bool {
        match self {
            JsError::OutOfMemory => true,
            JsError::Exception(v, _) => v.is_intrinsic(Intrinsic::OutOfMemoryError),
            JsError::Terminated => false,
        }
    }

    /// Whether this is the "Maximum call stack size exceeded" `RangeError` thrown when native
    /// recursion runs too deep.
    pub fn is_stack_overflow(&self) -> bool {
        matches!(self, JsError::Exception(v, _) if v.is_intrinsic(Intrinsic::StackOverflowError))
    }
}

impl fmt::Display for JsError {
    /// An exception prints as its `toString()` (which may run script); if that fails too, as
    /// "uncaught exception".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsError::OutOfMemory => f.write_str("Out of memory"),
            JsError::Terminated => f.write_str("Script execution terminated"),
            JsError::Exception(v, _) => match v.to_string() {
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
            JsError::Exception(v, None) => f.debug_tuple("Exception").field(v).finish(),
            JsError::Exception(v, Some(d)) => f.debug_tuple("Exception").field(v).field(d).finish(),
        }
    }
}

impl std::error::Error for JsError {}

/// An error object's `message` (own or inherited), else the value's `ToString`; empty if
/// both fail.
#[allow(clippy::disallowed_types)] // see ErrorDetails
fn message_of(v: &JsValue) -> String {
    if v.is_object() {
        if let Ok(m) = v.get("message") {
            if !m.is_undefined() {
                if let Ok(s) = m.to_string() {
                    return s;
                }
            }
        }
    }
    v.to_string().unwrap_or_default()
}

/// `s` copied, or empty when memory is refused.
#[allow(clippy::disallowed_types)] // see ErrorDetails
fn copy(s: &str) -> String {
    let mut out = String::new();
    if out.try_reserve_exact(s.len()).is_ok() {
        out.push_str(s);
    }
    out
}
