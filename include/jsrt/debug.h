/*
 * Conch JsRT hosting API -- part 2 of 3: the functions of ChakraCore's
 * ChakraDebug.h (script debugging, JsDiag*, and time-travel debugging,
 * JsTTD*).
 *
 * Hosts normally include <jsrt.h>, which pulls in every part.
 */
#ifndef CONCH_JSRT_DEBUG_H
#define CONCH_JSRT_DEBUG_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ========================================================================== */
/* ChakraDebug.h -- debugging types                                           */
/* ========================================================================== */

/** Kind of event delivered to a JsDiagDebugEventCallback. */
typedef enum _JsDiagDebugEvent {
    /** A script was compiled; eventData describes it. */
    JsDiagDebugEventSourceCompile = 0,
    /** A script failed to compile; eventData describes the error. */
    JsDiagDebugEventCompileError = 1,
    /** A breakpoint was hit. */
    JsDiagDebugEventBreakpoint = 2,
    /** A step request completed. */
    JsDiagDebugEventStepComplete = 3,
    /** A `debugger` statement was executed. */
    JsDiagDebugEventDebuggerStatement = 4,
    /** A break requested by JsDiagRequestAsyncBreak happened. */
    JsDiagDebugEventAsyncBreak = 5,
    /** An exception is being thrown (see JsDiagSetBreakOnException). */
    JsDiagDebugEventRuntimeException = 6
} JsDiagDebugEvent;

/** When the debugger should break on exceptions (flags). */
typedef enum _JsDiagBreakOnExceptionAttributes {
    /** Never break on exceptions. */
    JsDiagBreakOnExceptionAttributeNone = 0x0,
    /** Break on exceptions no handler will catch. */
    JsDiagBreakOnExceptionAttributeUncaught = 0x1,
    /** Break on every exception when it is thrown. */
    JsDiagBreakOnExceptionAttributeFirstChance = 0x2
} JsDiagBreakOnExceptionAttributes;

/** How to resume after a break (JsDiagSetStepType). */
typedef enum _JsDiagStepType {
    /** Step into the next call. */
    JsDiagStepTypeStepIn = 0,
    /** Run until the current function returns. */
    JsDiagStepTypeStepOut = 1,
    /** Step over the next statement. */
    JsDiagStepTypeStepOver = 2,
    /** Step back one statement (time-travel replay only). */
    JsDiagStepTypeStepBack = 3,
    /** Run backwards to the previous breakpoint (time-travel replay only). */
    JsDiagStepTypeReverseContinue = 4,
    /** Continue normally. */
    JsDiagStepTypeContinue = 5
} JsDiagStepType;

/**
 * Receives debugger events. debugEvent: what happened; eventData: an object
 * with details; callbackState: the pointer given to JsDiagStartDebugging.
 * Break events are delivered while script is paused; the JsDiag inspection
 * functions are valid only inside this callback.
 */
typedef void (CHAKRA_CALLBACK *JsDiagDebugEventCallback)(JsDiagDebugEvent debugEvent,
    JsValueRef eventData, void* callbackState);

/* ========================================================================== */
/* ChakraDebug.h -- time-travel debugging types                               */
/* ========================================================================== */

/** How a time-travel replay moves through the event log (flags). */
typedef enum _JsTTDMoveModes {
    /** No move requested. */
    JsTTDMoveNone = 0x0,
    /** Move to the first event. */
    JsTTDMoveFirstEvent = 0x1,
    /** Move to the last event. */
    JsTTDMoveLastEvent = 0x2,
    /** Move to the k-th event. */
    JsTTDMoveKthEvent = 0x4,
    /** Scan the current snapshot interval for a place to continue. */
    JsTTDMoveScanIntervalForContinue = 0x10,
    /** Like the previous mode, limited to the segment holding the active breakpoint. */
    JsTTDMoveScanIntervalForContinueInActiveBreakpointSegment = 0x20,
    /** Break as soon as the target is reached. */
    JsTTDMoveBreakOnEntry = 0x100
} JsTTDMoveMode;

/** Opaque host stream used by the time-travel log. */
typedef void *JsTTDStreamHandle;

/**
 * Opens a log resource. uri/uriLength: the log location; asciiResourceName /
 * asciiNameLength: the resource within it; read/write: requested access.
 * Return the stream, or NULL on failure.
 */
typedef JsTTDStreamHandle (CHAKRA_CALLBACK *TTDOpenResourceStreamCallback)(size_t uriLength,
    const char* uri, size_t asciiNameLength, const char* asciiResourceName, bool read, bool write);

/** Reads up to size bytes into buff; *readCount: bytes read. Return false on error. */
typedef bool (CHAKRA_CALLBACK *JsTTDReadBytesFromStreamCallback)(JsTTDStreamHandle handle,
    byte* buff, size_t size, size_t* readCount);

/** Writes size bytes from buff; *writtenCount: bytes written. Return false on error. */
typedef bool (CHAKRA_CALLBACK *JsTTDWriteBytesToStreamCallback)(JsTTDStreamHandle handle,
    const byte* buff, size_t size, size_t* writtenCount);

/** Flushes and closes a stream opened with the given access. */
typedef void (CHAKRA_CALLBACK *JsTTDFlushAndCloseStreamCallback)(JsTTDStreamHandle handle,
    bool read, bool write);

/* ========================================================================== */
/* ChakraDebug.h -- debugging functions (JsDiag*)                             */
/* ========================================================================== */

/**
 * Attaches a debugger to runtimeHandle; debugEventCallback receives events
 * with callbackState. Call on the runtime's thread while no script runs.
 * Errors: JsErrorDiagAlreadyInDebugMode.
 */
CHAKRA_API JsDiagStartDebugging(JsRuntimeHandle runtimeHandle,
    JsDiagDebugEventCallback debugEventCallback, void* callbackState);

/** Detaches the debugger; *callbackState: receives the pointer given at start. Errors: JsErrorDiagNotInDebugMode. */
CHAKRA_API JsDiagStopDebugging(JsRuntimeHandle runtimeHandle, void** callbackState);

/** Asks runtimeHandle to break at the next statement; may be called from any thread. */
CHAKRA_API JsDiagRequestAsyncBreak(JsRuntimeHandle runtimeHandle);

/** Stores an array describing every breakpoint (id, script id, line, column). */
CHAKRA_API JsDiagGetBreakpoints(JsValueRef *breakpoints);

/**
 * Sets a breakpoint at (lineNumber, columnNumber), both 0-based, in script
 * scriptId; *breakpoint: object describing where it was actually placed.
 */
CHAKRA_API JsDiagSetBreakpoint(unsigned int scriptId, unsigned int lineNumber,
    unsigned int columnNumber, JsValueRef *breakpoint);

/** Removes a breakpoint. Errors: JsErrorDiagObjectNotFound. */
CHAKRA_API JsDiagRemoveBreakpoint(unsigned int breakpointId);

/** Chooses when the debugger breaks on exceptions. */
CHAKRA_API JsDiagSetBreakOnException(JsRuntimeHandle runtimeHandle,
    JsDiagBreakOnExceptionAttributes exceptionAttributes);

/** Stores the current break-on-exception setting. */
CHAKRA_API JsDiagGetBreakOnException(JsRuntimeHandle runtimeHandle,
    JsDiagBreakOnExceptionAttributes* exceptionAttributes);

/** Sets how execution resumes after the current break. Errors: JsErrorDiagNotAtBreak. */
CHAKRA_API JsDiagSetStepType(JsDiagStepType stepType);

/** Stores an array describing the loaded scripts (id, file name, line count, ...). */
CHAKRA_API JsDiagGetScripts(JsValueRef *scriptsArray);

/** Stores an object holding the source text and metadata of script scriptId. */
CHAKRA_API JsDiagGetSource(unsigned int scriptId, JsValueRef *source);

/** Stores an object giving the script id, line and column where function is defined. */
CHAKRA_API JsDiagGetFunctionPosition(JsValueRef function, JsValueRef *functionPosition);

/** Stores an array of stack frames at the current break. Errors: JsErrorDiagNotAtBreak. */
CHAKRA_API JsDiagGetStackTrace(JsValueRef *stackTrace);

/** Stores the locals, scopes and globals visible in frame stackFrameIndex. Errors: JsErrorDiagNotAtBreak. */
CHAKRA_API JsDiagGetStackProperties(unsigned int stackFrameIndex, JsValueRef *properties);

/**
 * Stores up to totalCount children (properties, elements) of the object with
 * debugger handle objectHandle, starting at index fromCount.
 * Errors: JsErrorDiagInvalidHandle.
 */
CHAKRA_API JsDiagGetProperties(unsigned int objectHandle, unsigned int fromCount,
    unsigned int totalCount, JsValueRef *propertiesObject);

/** Stores the object identified by a debugger handle. Errors: JsErrorDiagInvalidHandle. */
CHAKRA_API JsDiagGetObjectFromHandle(unsigned int objectHandle, JsValueRef *handleObject);

/**
 * Evaluates expression (a string) in frame stackFrameIndex at the current
 * break; forceSetValueProp: always report a value; *evalResult: description
 * of the result or thrown error.
 */
CHAKRA_API JsDiagEvaluate(JsValueRef expression, unsigned int stackFrameIndex,
    JsParseScriptAttributes parseAttributes, bool forceSetValueProp, JsValueRef *evalResult);

/* ========================================================================== */
/* ChakraDebug.h -- time-travel debugging functions (JsTTD*)                  */
/* ========================================================================== */

/**
 * Creates a runtime that records a time-travel log. snapInterval /
 * snapHistoryLength: snapshot spacing and count; the stream callbacks write
 * the log; other parameters as for JsCreateRuntime.
 */
CHAKRA_API JsTTDCreateRecordRuntime(JsRuntimeAttributes attributes, bool enableDebugging,
    size_t snapInterval, size_t snapHistoryLength, TTDOpenResourceStreamCallback openResourceStream,
    JsTTDWriteBytesToStreamCallback writeBytesToStream,
    JsTTDFlushAndCloseStreamCallback flushAndCloseStream, JsThreadServiceCallback threadService,
    JsRuntimeHandle *runtime);

/**
 * Creates a runtime that replays the log at infoUri (infoUriCount bytes);
 * the stream callbacks read it.
 */
CHAKRA_API JsTTDCreateReplayRuntime(JsRuntimeAttributes attributes, const char* infoUri,
    size_t infoUriCount, bool enableDebugging, TTDOpenResourceStreamCallback openResourceStream,
    JsTTDReadBytesFromStreamCallback readBytesFromStream,
    JsTTDFlushAndCloseStreamCallback flushAndCloseStream, JsThreadServiceCallback threadService,
    JsRuntimeHandle *runtime);

/** Creates a context that follows the runtime's time-travel mode (useRuntimeTTDMode) or opts out of it. */
CHAKRA_API JsTTDCreateContext(JsRuntimeHandle runtimeHandle, bool useRuntimeTTDMode,
    JsContextRef *newContext);

/** Tells the time-travel log that context has been collected. */
CHAKRA_API JsTTDNotifyContextDestroy(JsContextRef context);

/** Starts recording or replaying at the next turn of the event loop. */
CHAKRA_API JsTTDStart(void);

/** Stops recording or replaying. */
CHAKRA_API JsTTDStop(void);

/** Suspends recording while the host runs code for a debugger or tool. */
CHAKRA_API JsTTDPauseTimeTravelBeforeRuntimeOperation(void);

/** Resumes recording suspended by JsTTDPauseTimeTravelBeforeRuntimeOperation. */
CHAKRA_API JsTTDReStartTimeTravelAfterRuntimeOperation(void);

/** Tells the log the host is at a safe point of its event loop (no script on the stack). */
CHAKRA_API JsTTDNotifyYield(void);

/** Tells the log the host took a long-lived reference to value (released later from a GC callback). */
CHAKRA_API JsTTDNotifyLongLivedReferenceAdd(JsValueRef value);

/** Tells the log the host is exiting with statusCode. */
CHAKRA_API JsTTDHostExit(int statusCode);

/** Records that count bytes were copied from buffer src at srcIndex to buffer dst at dstIndex. */
CHAKRA_API JsTTDRawBufferCopySyncIndirect(JsValueRef dst, size_t dstIndex, JsValueRef src,
    size_t srcIndex, size_t count);

/** Records that the host synchronously changed count bytes of buffer at index. */
CHAKRA_API JsTTDRawBufferModifySyncIndirect(JsValueRef buffer, size_t index, size_t count);

/** Records the start of an asynchronous host write into instance's bytes at initialModPos. */
CHAKRA_API JsTTDRawBufferAsyncModificationRegister(JsValueRef instance, byte* initialModPos);

/** Records the end of an asynchronous host write that stopped at finalModPos. */
CHAKRA_API JsTTDRawBufferAsyncModifyComplete(byte* finalModPos);

/** Asserts (with msg) that time travel is not active; a temporary host aid. */
CHAKRA_API JsTTDCheckAndAssertIfTTDRunning(const char* msg);

/**
 * Computes, for a move by moveMode (and kthEvent), the target event time and
 * the snapshot interval that contains it; outputs may be optional.
 */
CHAKRA_API JsTTDGetSnapTimeTopLevelEventMove(JsRuntimeHandle runtimeHandle, JsTTDMoveMode moveMode,
    uint32_t kthEvent, int64_t* targetEventTime, int64_t* targetStartSnapTime,
    int64_t* targetEndSnapTime);

/** Stores the bounds of the snapshot interval holding targetEventTime. */
CHAKRA_API JsTTDGetSnapShotBoundInterval(JsRuntimeHandle runtimeHandle, int64_t targetEventTime,
    int64_t* startSnapTime, int64_t* endSnapTime);

/** Stores the start of the snapshot interval before currentSnapStartTime, or -1 if none. */
CHAKRA_API JsTTDGetPreviousSnapshotInterval(JsRuntimeHandle runtimeHandle,
    int64_t currentSnapStartTime, int64_t* previousSnapTime);

/**
 * Replays the interval between two snapshots to collect debugger data;
 * *newTargetEventTime: where to move next (-1 if the target is unchanged).
 */
CHAKRA_API JsTTDPreExecuteSnapShotInterval(JsRuntimeHandle runtimeHandle, int64_t startSnapTime,
    int64_t endSnapTime, JsTTDMoveMode moveMode, int64_t* newTargetEventTime);

/** Restores snapshotTime and replays up to top-level event eventTime. */
CHAKRA_API JsTTDMoveToTopLevelEvent(JsRuntimeHandle runtimeHandle, JsTTDMoveMode moveMode,
    int64_t snapshotTime, int64_t eventTime);

/** Replays from the current point to the end of the log, or until the debugger requests a move (*moveMode, *rootEventTime). */
CHAKRA_API JsTTDReplayExecution(JsTTDMoveMode* moveMode, int64_t* rootEventTime);

/** Turns automatic trace writing on or off. */
CHAKRA_API JsTTDDiagSetAutoTraceStatus(bool status);

/** Writes the trace log to uri (uriLength bytes) now, e.g. from a breakpoint. */
CHAKRA_API JsTTDDiagWriteLog(const char* uri, size_t uriLength);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CONCH_JSRT_DEBUG_H */
