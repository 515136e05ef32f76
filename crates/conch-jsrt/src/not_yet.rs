//! Exports of the JsRT functions not implemented yet. Each returns `JsErrorNotImplemented`
//! (0x10005) and touches none of its arguments, so its Rust signature omits them: on the C ABIs
//! Conch targets (x86-64 SysV, AArch64) the caller owns argument cleanup, so an export that
//! ignores its arguments is called correctly through the full prototype in `jsrt.h`.
//! Generated from JSRT-SIGNATURES.md; every name here moves to a real module when implemented.

use crate::JsErrorCode;
#[allow(unused_macros)]
macro_rules! not_implemented {
    ($($name:ident),* $(,)?) => {$(
        /// Not implemented yet: returns `JsErrorNotImplemented`.
        #[no_mangle]
        pub extern "C" fn $name() -> JsErrorCode {
            JsErrorCode::NotImplemented
        }
    )*};
}

not_implemented!(
    JsDiagStartDebugging,
    JsDiagStopDebugging,
    JsDiagRequestAsyncBreak,
    JsDiagGetBreakpoints,
    JsDiagSetBreakpoint,
    JsDiagRemoveBreakpoint,
    JsDiagSetBreakOnException,
    JsDiagGetBreakOnException,
    JsDiagSetStepType,
    JsDiagGetScripts,
    JsDiagGetSource,
    JsDiagGetFunctionPosition,
    JsDiagGetStackTrace,
    JsDiagGetStackProperties,
    JsDiagGetProperties,
    JsDiagGetObjectFromHandle,
    JsDiagEvaluate,
    JsTTDCreateRecordRuntime,
    JsTTDCreateReplayRuntime,
    JsTTDCreateContext,
    JsTTDNotifyContextDestroy,
    JsTTDStart,
    JsTTDStop,
    JsTTDPauseTimeTravelBeforeRuntimeOperation,
    JsTTDReStartTimeTravelAfterRuntimeOperation,
    JsTTDNotifyYield,
    JsTTDNotifyLongLivedReferenceAdd,
    JsTTDHostExit,
    JsTTDRawBufferCopySyncIndirect,
    JsTTDRawBufferModifySyncIndirect,
    JsTTDRawBufferAsyncModificationRegister,
    JsTTDRawBufferAsyncModifyComplete,
    JsTTDCheckAndAssertIfTTDRunning,
    JsTTDGetSnapTimeTopLevelEventMove,
    JsTTDGetSnapShotBoundInterval,
    JsTTDGetPreviousSnapshotInterval,
    JsTTDPreExecuteSnapShotInterval,
    JsTTDMoveToTopLevelEvent,
    JsTTDReplayExecution,
    JsTTDDiagSetAutoTraceStatus,
    JsTTDDiagWriteLog,
    JsEnableOOPJIT,
    JsConnectJITProcess,
);
