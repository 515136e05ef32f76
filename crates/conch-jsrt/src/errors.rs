//! Error creation and the runtime's exception state (JSRT.md §3.11).

use crate::api::{clear, no_script, put, script, val, Ref};
use crate::{guard, out, JsErrorCode, JsErrorCode as E};
use conch_vm::ErrorKind;

fn create(kind: ErrorKind, message: Ref, error: *mut Ref) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(error)?;
            let m = val(rt, message)?;
            let m = if m.is_undefined() {
                m
            } else {
                conch_vm::convert::to_string(cx, m)?.to_value()
            };
            put(error, cx.error_object_with(kind, m)?.to_value())
        })
    })
}

macro_rules! error_ctor {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {$(
        $(#[$doc])*
        #[no_mangle]
        pub extern "C" fn $name(message: Ref, error: *mut Ref) -> JsErrorCode {
            create(ErrorKind::$kind, message, error)
        }
    )*};
}

error_ctor! {
    /// A new `Error` with `message`.
    JsCreateError => Error;
    /// A new `RangeError` with `message`.
    JsCreateRangeError => RangeError;
    /// A new `ReferenceError` with `message`.
    JsCreateReferenceError => ReferenceError;
    /// A new `SyntaxError` with `message`.
    JsCreateSyntaxError => SyntaxError;
    /// A new `TypeError` with `message`.
    JsCreateTypeError => TypeError;
    /// A new `URIError` with `message`.
    JsCreateURIError => UriError;
}

/// Whether the runtime has a recorded exception.
#[no_mangle]
pub extern "C" fn JsHasException(has_exception: *mut bool) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let slot = out(has_exception)?;
            *slot = false;
            *slot = rt.vm.has_exception();
            Ok(())
        })
    })
}

/// Returns and clears the recorded exception (`JsErrorInvalidArgument` if there is none).
#[no_mangle]
pub extern "C" fn JsGetAndClearException(exception: *mut Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            clear(exception)?;
            let v = rt.vm.take_exception().ok_or(E::InvalidArgument)?;
            put(exception, v)
        })
    })
}

/// Records `exception` as the runtime's exception: a host callback uses it to throw.
#[no_mangle]
pub extern "C" fn JsSetException(exception: Ref) -> JsErrorCode {
    guard(|| {
        no_script(|_, rt| {
            let v = val(rt, exception)?;
            rt.vm.set_exception(v);
            Ok(())
        })
    })
}
