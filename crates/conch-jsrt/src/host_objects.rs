//! Traced external objects, wrapper tracing, raw data, idle processing, embedder data, cloning, private properties, proxy queries (in progress).

use crate::JsErrorCode;

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsCreateTracedExternalObject() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsSetRuntimeDomWrapperTracingCallbacks() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsTraceExternalReference() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsAllocRawData() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsIdle() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsGetEmbedderData() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsSetEmbedderData() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsCloneObject() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsPrivateHasProperty() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsPrivateGetProperty() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsPrivateSetProperty() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsPrivateDeleteProperty() -> JsErrorCode {
    JsErrorCode::NotImplemented
}

/// Not implemented yet: returns `JsErrorNotImplemented`.
#[no_mangle]
pub extern "C" fn JsGetProxyProperties() -> JsErrorCode {
    JsErrorCode::NotImplemented
}
