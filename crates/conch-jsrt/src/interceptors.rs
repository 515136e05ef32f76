//! Custom external objects (host traps) and external indexed storage (in progress).

use crate::JsErrorCode;

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsCreateCustomExternalObject() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsHasIndexedPropertiesExternalData() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsGetIndexedPropertiesExternalData() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsSetIndexedPropertiesToExternalData() -> JsErrorCode {
    JsErrorCode::NotImplemented
}
