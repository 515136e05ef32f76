/*
 * Conch JsRT hosting API -- part 1 of 3: platform glue, handles, and the
 * functions of ChakraCore's ChakraCommon.h and ChakraCommonWindows.h.
 *
 * Hosts normally include <jsrt.h>, which pulls in every part. This file can
 * also be included on its own; it only depends on the C standard library.
 */
#ifndef CONCH_JSRT_COMMON_H
#define CONCH_JSRT_COMMON_H

#include <stddef.h>
#include <stdint.h>
#ifndef __cplusplus
#include <stdbool.h>
#endif

/* ========================================================================== */
/* Platform glue                                                              */
/* ========================================================================== */

#if defined(_WIN32)
/* On Windows the Win32 definitions of HANDLE, DWORD, BYTE, WCHAR and UUID are
 * used, exactly as ChakraCore's headers do. */
#include <windows.h>
#include <rpc.h>

/** Calling convention of every callback the engine invokes (CALLBACK on Windows). */
#define CHAKRA_CALLBACK __stdcall
#define CONCH_JSRT_CDECL __cdecl
#define CONCH_JSRT_CALL __stdcall
#define CONCH_JSRT_VISIBILITY

/** One byte (lower-case alias used by ChakraCore.h and ChakraDebug.h). */
typedef unsigned char byte;

#else /* !_WIN32 */

/** Calling convention of every callback the engine invokes (empty off Windows). */
#define CHAKRA_CALLBACK
#define CONCH_JSRT_CDECL
#define CONCH_JSRT_CALL
#if defined(__GNUC__) || defined(__clang__)
#define CONCH_JSRT_VISIBILITY __attribute__((visibility("default")))
#else
#define CONCH_JSRT_VISIBILITY
#endif

/* Portable stand-ins for the few Win32 types that appear in signatures.
 * A host that already has them (e.g. from ChakraCore's PAL, which defines
 * __MSTYPES_DEFINED) keeps its own definitions. */
#if !defined(__MSTYPES_DEFINED)
/** 32-bit unsigned integer (Win32 UINT32). */
typedef uint32_t UINT32;
/** 64-bit signed integer (Win32 INT64). */
typedef int64_t INT64;
/** Opaque operating-system handle (Win32 HANDLE). */
typedef void *HANDLE;
/** One byte (Win32 BYTE). */
typedef unsigned char BYTE;
/** One byte (lower-case alias used by ChakraCore.h and ChakraDebug.h). */
typedef BYTE byte;
/** 32-bit unsigned integer (Win32 DWORD). */
typedef uint32_t DWORD;
/**
 * One UTF-16 code unit. Every WCHAR-based function is UTF-16 on every
 * platform: char16_t in C++11 and later, uint16_t in C. Both are 16-bit
 * unsigned types with identical size, alignment and representation, so C and
 * C++ translation units see the same ABI.
 */
#if defined(__cplusplus) && __cplusplus >= 201103L
typedef char16_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif
#endif /* !__MSTYPES_DEFINED */

#ifndef GUID_DEFINED
#define GUID_DEFINED
/** 128-bit globally unique identifier, laid out like the Win32 GUID. */
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    unsigned char Data4[8];
} GUID;
#endif
#ifndef UUID_DEFINED
#define UUID_DEFINED
/** Identifier passed to JsConnectJITProcess (Win32 UUID). */
typedef GUID UUID;
#endif

#endif /* _WIN32 */

/* Compile-time check: WCHAR must be a 2-byte code unit on every platform. */
typedef char conch_jsrt_wchar_must_be_16_bit[(sizeof(WCHAR) == 2) ? 1 : -1];

#ifdef __cplusplus
#define CONCH_JSRT_EXTERN extern "C"
#else
#define CONCH_JSRT_EXTERN extern
#endif

/**
 * Declares an exported JsRT entry point: C linkage, default symbol
 * visibility on GCC/Clang, and a JsErrorCode result.
 */
#define CHAKRA_API CONCH_JSRT_EXTERN CONCH_JSRT_VISIBILITY JsErrorCode CONCH_JSRT_CALL

/** Integer wide enough to hold a pointer; the underlying type of JsSourceContext. */
typedef uintptr_t ChakraCookie;
/** Pointer to raw bytes (buffers handed out by the *Storage functions). */
typedef unsigned char *ChakraBytePtr;

#ifdef __cplusplus
extern "C" {
#endif

/* ========================================================================== */
/* ChakraCommon.h -- types                                                    */
/* ========================================================================== */

/**
 * Result of every JsRT function. Codes are grouped into categories whose
 * base values are themselves valid codes: usage errors (0x10000), engine
 * errors (0x20000), script errors (0x30000), fatal errors (0x40000) and
 * diagnostic errors (0x50000).
 *
 * Out of memory in Conch never terminates the process: a function that may
 * run script reports it as JsErrorScriptException with an "Out of memory"
 * Error object as the pending exception; every other function returns
 * JsErrorOutOfMemory. The runtime stays usable (it can be collected and
 * disposed) afterwards.
 */
typedef enum _JsErrorCode {
    /** The call succeeded. */
    JsNoError = 0,

    /** Base of the usage-error category: the API was called incorrectly. */
    JsErrorCategoryUsage = 0x10000,
    /** An argument was not valid (e.g. JS_INVALID_REFERENCE, unknown flags). */
    JsErrorInvalidArgument = 0x10001,
    /** A required pointer argument was NULL. */
    JsErrorNullArgument = 0x10002,
    /** The function needs a current context and the thread has none. */
    JsErrorNoCurrentContext = 0x10003,
    /** An exception is pending; it must be cleared before this call is allowed. */
    JsErrorInExceptionState = 0x10004,
    /** The function exists but is not implemented by this engine. */
    JsErrorNotImplemented = 0x10005,
    /** The runtime is in use by another thread. */
    JsErrorWrongThread = 0x10006,
    /** The runtime is still active (e.g. a context is current) and cannot be disposed. */
    JsErrorRuntimeInUse = 0x10007,
    /** A serialized script buffer is corrupt or from an incompatible engine version. */
    JsErrorBadSerializedScript = 0x10008,
    /** Script execution is disabled in the runtime (see JsDisableRuntimeExecution). */
    JsErrorInDisabledState = 0x10009,
    /** The runtime was not created with JsRuntimeAttributeAllowScriptInterrupt. */
    JsErrorCannotDisableExecution = 0x1000A,
    /** A heap enumeration is in progress. */
    JsErrorHeapEnumInProgress = 0x1000B,
    /** An object was required but a primitive value was supplied. */
    JsErrorArgumentNotObject = 0x1000C,
    /** A profiler callback is in progress. */
    JsErrorInProfileCallback = 0x1000D,
    /** A thread-service callback is in progress. */
    JsErrorInThreadServiceCallback = 0x1000E,
    /** Scripts cannot be serialized while debugging. */
    JsErrorCannotSerializeDebugScript = 0x1000F,
    /** The context is already being debugged. */
    JsErrorAlreadyDebuggingContext = 0x10010,
    /** The context is already being profiled. */
    JsErrorAlreadyProfilingContext = 0x10011,
    /** JsIdle was called on a runtime created without idle processing. */
    JsErrorIdleNotEnabled = 0x10012,
    /** Projection enqueue callback could not be set (Windows projection only). */
    JsCannotSetProjectionEnqueueCallback = 0x10013,
    /** Projection could not be started (Windows projection only). */
    JsErrorCannotStartProjection = 0x10014,
    /** The call is not allowed from inside an object-before-collect callback. */
    JsErrorInObjectBeforeCollectCallback = 0x10015,
    /** The object has no IInspectable behind it (Windows projection only). */
    JsErrorObjectNotInspectable = 0x10016,
    /** A symbol property id was required but a string property id was given. */
    JsErrorPropertyNotSymbol = 0x10017,
    /** A string property id was required but a symbol property id was given. */
    JsErrorPropertyNotString = 0x10018,
    /** The operation was attempted in the wrong context (e.g. module evaluation). */
    JsErrorInvalidContext = 0x10019,
    /** The JsModuleHostInfoKind value is not valid for this call. */
    JsInvalidModuleHostInfoKind = 0x1001A,
    /** The module source has already been parsed. */
    JsErrorModuleParsed = 0x1001B,
    /** The value is not garbage collected, so a weak reference is unnecessary. */
    JsNoWeakRefRequired = 0x1001C,
    /** The promise has not settled yet. */
    JsErrorPromisePending = 0x1001D,
    /** The module has not been evaluated yet. */
    JsErrorModuleNotEvaluated = 0x1001E,

    /** Base of the engine-error category: the engine itself failed. */
    JsErrorCategoryEngine = 0x20000,
    /** Memory could not be obtained in a call that does not run script. */
    JsErrorOutOfMemory = 0x20001,
    /** The floating-point unit state could not be set. */
    JsErrorBadFPUState = 0x20002,

    /** Base of the script-error category: a script failed. */
    JsErrorCategoryScript = 0x30000,
    /** A JavaScript exception (including "Out of memory") is now pending; fetch it with JsGetAndClearException. */
    JsErrorScriptException = 0x30001,
    /** The script failed to parse or compile; the SyntaxError is pending. */
    JsErrorScriptCompile = 0x30002,
    /** The script was terminated because execution was disabled. */
    JsErrorScriptTerminated = 0x30003,
    /** The script used eval or Function while they were disabled. */
    JsErrorScriptEvalDisabled = 0x30004,

    /** Base of the fatal-error category. */
    JsErrorCategoryFatal = 0x40000,
    /** An unexpected internal failure occurred. */
    JsErrorFatal = 0x40001,
    /** A value from one runtime was passed to another runtime. */
    JsErrorWrongRuntime = 0x40002,

    /** Base of the diagnostic-error category (debugging APIs). */
    JsErrorCategoryDiagError = 0x50000,
    /** Debugging was already started for this runtime. */
    JsErrorDiagAlreadyInDebugMode = 0x50001,
    /** The runtime is not being debugged. */
    JsErrorDiagNotInDebugMode = 0x50002,
    /** The call is only valid while stopped at a break. */
    JsErrorDiagNotAtBreak = 0x50003,
    /** A debugger object handle was not valid. */
    JsErrorDiagInvalidHandle = 0x50004,
    /** The requested debugger object does not exist. */
    JsErrorDiagObjectNotFound = 0x50005,
    /** The engine could not carry out the requested debugger action. */
    JsErrorDiagUnableToPerformAction = 0x50006,
    /** The value serializer cannot handle this data. */
    JsSerializerNotSupported = 0x50007,
    /** The object cannot be transferred during serialization. */
    JsTransferableNotSupported = 0x50008,
    /** The transferable object is already detached. */
    JsTransferableAlreadyDetached = 0x50009
} JsErrorCode;

/** Opaque handle to a runtime (one heap, used by one thread at a time). */
typedef void *JsRuntimeHandle;

/** Opaque reference to any garbage-collected engine object. */
typedef void *JsRef;

/** A script context (a global object plus its realm); an ordinary GC object. */
typedef JsRef JsContextRef;

/** A JavaScript value. */
typedef JsRef JsValueRef;

/** An interned property key (string or symbol). */
typedef JsRef JsPropertyIdRef;

/** Host-chosen cookie identifying the source of a script (file, URL, ...). */
typedef ChakraCookie JsSourceContext;

#if defined(__cplusplus) && __cplusplus >= 201103L
/** The null runtime handle. */
#define JS_INVALID_RUNTIME_HANDLE nullptr
/** The null reference (valid for JsRef, JsValueRef, JsContextRef, ...). */
#define JS_INVALID_REFERENCE nullptr
#elif defined(__cplusplus)
#define JS_INVALID_RUNTIME_HANDLE 0
#define JS_INVALID_REFERENCE 0
#else
/** The null runtime handle. */
#define JS_INVALID_RUNTIME_HANDLE ((JsRuntimeHandle)0)
/** The null reference (valid for JsRef, JsValueRef, JsContextRef, ...). */
#define JS_INVALID_REFERENCE ((JsRef)0)
#endif

#ifdef __cplusplus
/** Source context meaning "no source information"; such scripts cannot be debugged. */
#define JS_SOURCE_CONTEXT_NONE (static_cast<JsSourceContext>(-1))
#else
/** Source context meaning "no source information"; such scripts cannot be debugged. */
#define JS_SOURCE_CONTEXT_NONE ((JsSourceContext)-1)
#endif

/**
 * Flags for JsCreateRuntime (may be OR-ed). Any other bit makes
 * JsCreateRuntime fail with JsErrorInvalidArgument.
 */
typedef enum _JsRuntimeAttributes {
    /** Default behaviour. */
    JsRuntimeAttributeNone = 0x00000000,
    /** Do all work (including GC) on the runtime's own thread. */
    JsRuntimeAttributeDisableBackgroundWork = 0x00000001,
    /** Allow JsDisableRuntimeExecution to interrupt running script. */
    JsRuntimeAttributeAllowScriptInterrupt = 0x00000002,
    /** Enable idle-time processing driven by JsIdle. */
    JsRuntimeAttributeEnableIdleProcessing = 0x00000004,
    /** Never generate native code. */
    JsRuntimeAttributeDisableNativeCodeGeneration = 0x00000008,
    /** Make eval and the Function constructor fail with JsErrorScriptEvalDisabled. */
    JsRuntimeAttributeDisableEval = 0x00000010,
    /** Enable experimental language features. */
    JsRuntimeAttributeEnableExperimentalFeatures = 0x00000020,
    /** Report exceptions set by JsSetException to an attached debugger. */
    JsRuntimeAttributeDispatchSetExceptionsToDebugger = 0x00000040,
    /**
     * Accepted for compatibility and changes nothing: in Conch running out of
     * memory never aborts the process (see JsErrorCode).
     */
    JsRuntimeAttributeDisableFatalOnOOM = 0x00000080,
    /** Never allocate executable memory (implies no native code generation). */
    JsRuntimeAttributeDisableExecutablePageAllocation = 0x00000100
} JsRuntimeAttributes;

/** Element type of a typed array or of external indexed-property data. */
typedef enum _JsTypedArrayType {
    /** Int8Array. */
    JsArrayTypeInt8 = 0,
    /** Uint8Array. */
    JsArrayTypeUint8 = 1,
    /** Uint8ClampedArray. */
    JsArrayTypeUint8Clamped = 2,
    /** Int16Array. */
    JsArrayTypeInt16 = 3,
    /** Uint16Array. */
    JsArrayTypeUint16 = 4,
    /** Int32Array. */
    JsArrayTypeInt32 = 5,
    /** Uint32Array. */
    JsArrayTypeUint32 = 6,
    /** Float32Array. */
    JsArrayTypeFloat32 = 7,
    /** Float64Array. */
    JsArrayTypeFloat64 = 8,
    /** BigInt64Array (Conch's extension: ChakraCore has no BigInt typed arrays). */
    JsArrayTypeBigInt64 = 9,
    /** BigUint64Array (Conch's extension). */
    JsArrayTypeBigUint64 = 10,
    /** Float16Array (Conch's extension). */
    JsArrayTypeFloat16 = 11
} JsTypedArrayType;

/** Event reported to a JsMemoryAllocationCallback. */
typedef enum _JsMemoryEventType {
    /** The runtime is about to acquire memory; the callback may refuse. */
    JsMemoryAllocate = 0,
    /** The runtime has released memory. */
    JsMemoryFree = 1,
    /** An acquisition failed (refused by the callback or the limit); same size as requested. */
    JsMemoryFailure = 2
} JsMemoryEventType;

/** Options for parsing and running scripts (may be OR-ed). */
typedef enum _JsParseScriptAttributes {
    /** Default behaviour. */
    JsParseScriptAttributeNone = 0x0,
    /** Treat the script as library code: hidden from the debugger. */
    JsParseScriptAttributeLibraryCode = 0x1,
    /** The script ArrayBuffer holds UTF-16 text (default: UTF-8). */
    JsParseScriptAttributeArrayBufferIsUtf16Encoded = 0x2,
    /** Parse the whole script in strict mode. */
    JsParseScriptAttributeStrictMode = 0x4
} JsParseScriptAttributes;

/** Kind of key a JsPropertyIdRef stands for. */
typedef enum _JsPropertyIdType {
    /** A string key. */
    JsPropertyIdTypeString = 0,
    /** A symbol key. */
    JsPropertyIdTypeSymbol = 1
} JsPropertyIdType;

/** Coarse JavaScript type of a value, as reported by JsGetValueType. */
typedef enum _JsValueType {
    /** undefined. */
    JsUndefined = 0,
    /** null. */
    JsNull = 1,
    /** A number. */
    JsNumber = 2,
    /** A string. */
    JsString = 3,
    /** A boolean. */
    JsBoolean = 4,
    /** An object not covered by a more specific kind below. */
    JsObject = 5,
    /** A function. */
    JsFunction = 6,
    /** An Error object. */
    JsError = 7,
    /** An Array. */
    JsArray = 8,
    /** A symbol. */
    JsSymbol = 9,
    /** An ArrayBuffer. */
    JsArrayBuffer = 10,
    /** A typed array. */
    JsTypedArray = 11,
    /** A DataView. */
    JsDataView = 12,
    /**
     * A BigInt primitive. Conch's extension, appended to ChakraCore's enum (ChakraCore has no
     * BigInt type): JsConvertValueToString gives its decimal digits, JsConvertValueToBoolean
     * is false only for 0n, JsConvertValueToNumber fails with a TypeError (as Number
     * conversion does in script), JsConvertValueToObject gives a BigInt wrapper object.
     */
    JsBigInt = 13
} JsValueType;

/** Text encoding of a JsScriptContents buffer. */
typedef enum _JsScriptEncodingType {
    /** UTF-8 text. */
    Utf8 = 0,
    /** UTF-16 text. */
    Utf16 = 1
} JsScriptEncodingType;

/** Ownership model of a JsScriptContents buffer. */
typedef enum _JsScriptContainerType {
    /** A heap buffer that the engine takes over. */
    HeapAllocatedBuffer = 0
} JsScriptContainerType;

/** Script source handed to JsQueueBackgroundParse_Experimental. */
typedef struct _JsScriptContents {
    /** Pointer to the source bytes. */
    void *container;
    /** Encoding of the bytes in container. */
    JsScriptEncodingType encodingType;
    /** Ownership model of container. */
    JsScriptContainerType containerType;
    /** Host cookie for the script. */
    JsSourceContext sourceContext;
    /** Length of container in bytes. */
    size_t contentLengthInBytes;
    /** NUL-terminated UTF-16 path or URL of the script. */
    WCHAR *fullPath;
} JsScriptContents;

/**
 * Memory-accounting callback set by JsSetRuntimeMemoryAllocationCallback.
 * callbackState: host pointer; allocationEvent: what happened; allocationSize:
 * bytes involved. Called with JsMemoryAllocate before each acquisition
 * (return false to refuse), JsMemoryFailure after a refusal or failure with
 * the same size, and JsMemoryFree after memory is released. The return value
 * is ignored for Free and Failure.
 */
typedef bool (CHAKRA_CALLBACK *JsMemoryAllocationCallback)(void *callbackState,
    JsMemoryEventType allocationEvent, size_t allocationSize);

/** Called at the start of every garbage collection. callbackState: host pointer. */
typedef void (CHAKRA_CALLBACK *JsBeforeCollectCallback)(void *callbackState);

/**
 * One-shot notification that ref became unreachable and is about to be
 * collected. ref: the object; callbackState: host pointer.
 */
typedef void (CHAKRA_CALLBACK *JsObjectBeforeCollectCallback)(JsRef ref, void *callbackState);

/** A unit of background work handed to a JsThreadServiceCallback. callbackState: its argument. */
typedef void (CHAKRA_CALLBACK *JsBackgroundWorkItemCallback)(void *callbackState);

/**
 * Host thread pool hook. Return true if the host will run
 * callback(callbackState) soon on some thread, or false to have the engine
 * run it itself on the runtime thread.
 */
typedef bool (CHAKRA_CALLBACK *JsThreadServiceCallback)(JsBackgroundWorkItemCallback callback,
    void *callbackState);

/** Tells the host that the engine no longer needs the source of a serialized script. */
typedef void (CHAKRA_CALLBACK *JsSerializedScriptUnloadCallback)(JsSourceContext sourceContext);

/** Finalizer for external objects and external ArrayBuffers. data: the host pointer stored with it. */
typedef void (CHAKRA_CALLBACK *JsFinalizeCallback)(void *data);

/**
 * A host function callable from script. callee: the function object;
 * isConstructCall: true under `new`; arguments[0] is `this`, followed by the
 * actual arguments (argumentCount includes `this`); callbackState: host
 * pointer. Return the result, or JS_INVALID_REFERENCE for undefined. To
 * throw, call JsSetException and return.
 */
typedef JsValueRef (CHAKRA_CALLBACK *JsNativeFunction)(JsValueRef callee, bool isConstructCall,
    JsValueRef *arguments, unsigned short argumentCount, void *callbackState);

/**
 * Receives promise jobs. task: a function the host must queue (FIFO) and
 * later call with no arguments; callbackState: host pointer.
 */
typedef void (CHAKRA_CALLBACK *JsPromiseContinuationCallback)(JsValueRef task, void *callbackState);

/* ========================================================================== */
/* ChakraCommon.h -- functions                                                */
/* ========================================================================== */

/* ---- Runtimes -------------------------------------------------------------- */

/**
 * Creates a runtime. attributes: JsRuntimeAttributes flags;
 * threadService: optional host thread pool (NULL = engine-managed);
 * runtime: receives the handle. Errors: JsErrorInvalidArgument (unknown
 * flags), JsErrorNullArgument, JsErrorOutOfMemory.
 */
CHAKRA_API JsCreateRuntime(JsRuntimeAttributes attributes, JsThreadServiceCallback threadService,
    JsRuntimeHandle *runtime);

/** Runs a full garbage collection of runtime. Errors: JsErrorInvalidArgument, JsErrorWrongThread. */
CHAKRA_API JsCollectGarbage(JsRuntimeHandle runtime);

/**
 * Destroys runtime and everything it owns; afterwards its memory usage is
 * zero and all its references are invalid. Errors: JsErrorRuntimeInUse if a
 * context of it is still current on the thread.
 */
CHAKRA_API JsDisposeRuntime(JsRuntimeHandle runtime);

/**
 * Stores in *memoryUsage the bytes currently charged to runtime: memory-manager
 * chunks (reserved and committed are the same in Conch) plus ArrayBuffer
 * contents. May be called from any thread.
 */
CHAKRA_API JsGetRuntimeMemoryUsage(JsRuntimeHandle runtime, size_t *memoryUsage);

/**
 * Stores in *memoryLimit the runtime's memory limit in bytes ((size_t)-1
 * means unlimited). May be called from any thread.
 */
CHAKRA_API JsGetRuntimeMemoryLimit(JsRuntimeHandle runtime, size_t *memoryLimit);

/**
 * Sets the most memory runtime may be charged for, in bytes ((size_t)-1 =
 * unlimited). Acquisitions that would exceed it fail as out of memory
 * (JsMemoryFailure is reported without a preceding JsMemoryAllocate).
 */
CHAKRA_API JsSetRuntimeMemoryLimit(JsRuntimeHandle runtime, size_t memoryLimit);

/**
 * Installs (or with NULL removes) the memory-accounting callback of runtime.
 * callbackState: passed back to it. See JsMemoryAllocationCallback for the
 * event order: Allocate before each acquisition, Failure with the same size
 * after a refusal, Free after a release.
 */
CHAKRA_API JsSetRuntimeMemoryAllocationCallback(JsRuntimeHandle runtime, void *callbackState,
    JsMemoryAllocationCallback allocationCallback);

/** Installs (or with NULL removes) a callback run at the start of every collection in runtime. */
CHAKRA_API JsSetRuntimeBeforeCollectCallback(JsRuntimeHandle runtime, void *callbackState,
    JsBeforeCollectCallback beforeCollectCallback);

/* ---- Reference counting and collection hooks ------------------------------- */

/**
 * Pins ref (a value, context or property id) so the collector keeps it alive
 * while it is held only by the host. count: optional, receives the new pin
 * count. Errors: JsErrorInvalidArgument.
 */
CHAKRA_API JsAddRef(JsRef ref, unsigned int *count);

/** Removes one pin added by JsAddRef. count: optional, receives the remaining count. */
CHAKRA_API JsRelease(JsRef ref, unsigned int *count);

/**
 * Registers a one-shot callback invoked when object ref is found unreachable,
 * before it is collected (NULL removes it). Errors: JsErrorInvalidArgument
 * for values that are not GC objects.
 */
CHAKRA_API JsSetObjectBeforeCollectCallback(JsRef ref, void *callbackState,
    JsObjectBeforeCollectCallback objectBeforeCollectCallback);

/* ---- Contexts -------------------------------------------------------------- */

/** Creates a new script context in runtime and stores it in *newContext. Errors: JsErrorWrongThread, JsErrorOutOfMemory. */
CHAKRA_API JsCreateContext(JsRuntimeHandle runtime, JsContextRef *newContext);

/** Stores the thread's current context (or JS_INVALID_REFERENCE) in *currentContext. */
CHAKRA_API JsGetCurrentContext(JsContextRef *currentContext);

/**
 * Makes context current on this thread (JS_INVALID_REFERENCE clears it). The
 * current context stays alive while current. Errors: JsErrorWrongThread if
 * its runtime is active on another thread.
 */
CHAKRA_API JsSetCurrentContext(JsContextRef context);

/** Stores in *context the context that created object. Errors: JsErrorArgumentNotObject. */
CHAKRA_API JsGetContextOfObject(JsValueRef object, JsContextRef *context);

/** Retrieves the host pointer stored on context with JsSetContextData. */
CHAKRA_API JsGetContextData(JsContextRef context, void **data);

/** Stores an arbitrary host pointer on context. */
CHAKRA_API JsSetContextData(JsContextRef context, void *data);

/** Stores in *runtime the runtime that owns context. */
CHAKRA_API JsGetRuntime(JsContextRef context, JsRuntimeHandle *runtime);

/**
 * Lets the runtime of the current context do idle work (a collection when one is due).
 * nextIdleTick receives the tick count (milliseconds) at which to call again, or UINT_MAX
 * if there is nothing to do; it must not be NULL (JsErrorNullArgument, as ChakraCore).
 * Errors: JsErrorIdleNotEnabled without JsRuntimeAttributeEnableIdleProcessing.
 */
CHAKRA_API JsIdle(unsigned int *nextIdleTick);

/* ---- Symbols and property ids ---------------------------------------------- */

/** Stores in *symbol the symbol behind a symbol property id. Errors: JsErrorPropertyNotSymbol. */
CHAKRA_API JsGetSymbolFromPropertyId(JsPropertyIdRef propertyId, JsValueRef *symbol);

/** Stores in *propertyIdType whether propertyId is a string or a symbol key. */
CHAKRA_API JsGetPropertyIdType(JsPropertyIdRef propertyId, JsPropertyIdType* propertyIdType);

/** Stores in *propertyId the property id for symbol. Errors: JsErrorPropertyNotSymbol if symbol is not a symbol. */
CHAKRA_API JsGetPropertyIdFromSymbol(JsValueRef symbol, JsPropertyIdRef *propertyId);

/** Creates a new symbol; description may be JS_INVALID_REFERENCE or any value (converted to string). */
CHAKRA_API JsCreateSymbol(JsValueRef description, JsValueRef *result);

/** Stores in *propertySymbols an array of object's own symbol keys. May run script (proxies). */
CHAKRA_API JsGetOwnPropertySymbols(JsValueRef object, JsValueRef *propertySymbols);

/* ---- Primitive values and conversions -------------------------------------- */

/** Stores undefined of the current context in *undefinedValue. Errors: JsErrorNoCurrentContext. */
CHAKRA_API JsGetUndefinedValue(JsValueRef *undefinedValue);

/** Stores null of the current context in *nullValue. Errors: JsErrorNoCurrentContext. */
CHAKRA_API JsGetNullValue(JsValueRef *nullValue);

/** Stores true of the current context in *trueValue. Errors: JsErrorNoCurrentContext. */
CHAKRA_API JsGetTrueValue(JsValueRef *trueValue);

/** Stores false of the current context in *falseValue. Errors: JsErrorNoCurrentContext. */
CHAKRA_API JsGetFalseValue(JsValueRef *falseValue);

/** Converts a C bool to a JavaScript boolean. */
CHAKRA_API JsBoolToBoolean(bool value, JsValueRef *booleanValue);

/** Extracts the C bool of a JavaScript boolean. Errors: JsErrorInvalidArgument if value is not a boolean. */
CHAKRA_API JsBooleanToBool(JsValueRef value, bool *boolValue);

/** Applies ToBoolean to value. */
CHAKRA_API JsConvertValueToBoolean(JsValueRef value, JsValueRef *booleanValue);

/** Stores the JsValueType of value in *type. */
CHAKRA_API JsGetValueType(JsValueRef value, JsValueType *type);

/** Creates a number from a double. */
CHAKRA_API JsDoubleToNumber(double doubleValue, JsValueRef *value);

/** Creates a number from an int. */
CHAKRA_API JsIntToNumber(int intValue, JsValueRef *value);

/** Extracts the double of a number value. Errors: JsErrorInvalidArgument if value is not a number. */
CHAKRA_API JsNumberToDouble(JsValueRef value, double *doubleValue);

/** Extracts the value of a number as an int. Errors: JsErrorInvalidArgument if value is not a number. */
CHAKRA_API JsNumberToInt(JsValueRef value, int *intValue);

/** Applies ToNumber to value; may run script (valueOf) and return JsErrorScriptException. */
CHAKRA_API JsConvertValueToNumber(JsValueRef value, JsValueRef *numberValue);

/** Stores the length in UTF-16 code units of a string value. Errors: JsErrorInvalidArgument if not a string. */
CHAKRA_API JsGetStringLength(JsValueRef stringValue, int *length);

/** Applies ToString to value; may run script (toString) and return JsErrorScriptException. */
CHAKRA_API JsConvertValueToString(JsValueRef value, JsValueRef *stringValue);

/* ---- Objects and properties ------------------------------------------------ */

/** Stores the global object of the current context in *globalObject. */
CHAKRA_API JsGetGlobalObject(JsValueRef *globalObject);

/** Creates an empty ordinary object. */
CHAKRA_API JsCreateObject(JsValueRef *object);

/**
 * Creates an object carrying a host pointer. data: the pointer (see
 * JsGetExternalData); finalizeCallback: optional, called with data when the
 * object is collected.
 */
CHAKRA_API JsCreateExternalObject(void *data, JsFinalizeCallback finalizeCallback,
    JsValueRef *object);

/** Applies ToObject to value. Errors: JsErrorScriptException for null/undefined. */
CHAKRA_API JsConvertValueToObject(JsValueRef value, JsValueRef *object);

/** Stores object's prototype (may be null) in *prototypeObject. May run script (proxies). */
CHAKRA_API JsGetPrototype(JsValueRef object, JsValueRef *prototypeObject);

/** Sets object's prototype to prototypeObject (an object or null). May run script (proxies). */
CHAKRA_API JsSetPrototype(JsValueRef object, JsValueRef prototypeObject);

/** Evaluates `object instanceof constructor`. May run script. */
CHAKRA_API JsInstanceOf(JsValueRef object, JsValueRef constructor, bool *result);

/** Stores whether object is extensible in *value. */
CHAKRA_API JsGetExtensionAllowed(JsValueRef object, bool *value);

/** Makes object non-extensible (Object.preventExtensions). */
CHAKRA_API JsPreventExtension(JsValueRef object);

/** Reads object[propertyId]; may run getters and return JsErrorScriptException. */
CHAKRA_API JsGetProperty(JsValueRef object, JsPropertyIdRef propertyId, JsValueRef *value);

/** Stores a descriptor object for object's own property (or undefined) in *propertyDescriptor. */
CHAKRA_API JsGetOwnPropertyDescriptor(JsValueRef object, JsPropertyIdRef propertyId,
    JsValueRef *propertyDescriptor);

/** Stores an array of object's own string keys in *propertyNames. */
CHAKRA_API JsGetOwnPropertyNames(JsValueRef object, JsValueRef *propertyNames);

/** Writes object[propertyId] = value. useStrictRules: throw (JsErrorScriptException) on failure instead of ignoring it. */
CHAKRA_API JsSetProperty(JsValueRef object, JsPropertyIdRef propertyId, JsValueRef value,
    bool useStrictRules);

/** Evaluates `propertyId in object` (own or inherited). */
CHAKRA_API JsHasProperty(JsValueRef object, JsPropertyIdRef propertyId, bool *hasProperty);

/** Deletes object[propertyId]; *result receives a boolean value. useStrictRules: throw if not deletable. */
CHAKRA_API JsDeleteProperty(JsValueRef object, JsPropertyIdRef propertyId, bool useStrictRules,
    JsValueRef *result);

/** Object.defineProperty with a descriptor object; *result tells whether it succeeded. */
CHAKRA_API JsDefineProperty(JsValueRef object, JsPropertyIdRef propertyId,
    JsValueRef propertyDescriptor, bool *result);

/** Evaluates `index in object` for any index value. */
CHAKRA_API JsHasIndexedProperty(JsValueRef object, JsValueRef index, bool *result);

/** Reads object[index] for any index value. May run script. */
CHAKRA_API JsGetIndexedProperty(JsValueRef object, JsValueRef index, JsValueRef *result);

/** Writes object[index] = value for any index value. May run script. */
CHAKRA_API JsSetIndexedProperty(JsValueRef object, JsValueRef index, JsValueRef value);

/** Deletes object[index] for any index value. May run script. */
CHAKRA_API JsDeleteIndexedProperty(JsValueRef object, JsValueRef index);

/** Stores whether object's indexed elements live in host memory (JsSetIndexedPropertiesToExternalData). */
CHAKRA_API JsHasIndexedPropertiesExternalData(JsValueRef object, bool* value);

/** Retrieves the host memory, element type and element count behind object's indexed elements. */
CHAKRA_API JsGetIndexedPropertiesExternalData(JsValueRef object, void** data,
    JsTypedArrayType* arrayType, unsigned int* elementLength);

/**
 * Backs object's indexed elements with host memory, accessed like a typed
 * array of arrayType with elementLength elements. The host keeps data alive.
 */
CHAKRA_API JsSetIndexedPropertiesToExternalData(JsValueRef object, void* data,
    JsTypedArrayType arrayType, unsigned int elementLength);

/** Evaluates `object1 == object2`. May run script. */
CHAKRA_API JsEquals(JsValueRef object1, JsValueRef object2, bool *result);

/** Evaluates `object1 === object2`. */
CHAKRA_API JsStrictEquals(JsValueRef object1, JsValueRef object2, bool *result);

/* ---- External (host) data -------------------------------------------------- */

/** Stores whether object was created as an external object. */
CHAKRA_API JsHasExternalData(JsValueRef object, bool *value);

/** Retrieves the host pointer of an external object. Errors: JsErrorInvalidArgument if not external. */
CHAKRA_API JsGetExternalData(JsValueRef object, void **externalData);

/** Replaces the host pointer of an external object. Errors: JsErrorInvalidArgument if not external. */
CHAKRA_API JsSetExternalData(JsValueRef object, void *externalData);

/* ---- Arrays, ArrayBuffers, typed arrays, DataViews ------------------------- */

/** Creates an Array with the given length. */
CHAKRA_API JsCreateArray(unsigned int length, JsValueRef *result);

/**
 * Creates a zero-filled ArrayBuffer of byteLength bytes. Its contents count
 * toward memory usage and go through the allocation callback.
 */
CHAKRA_API JsCreateArrayBuffer(unsigned int byteLength, JsValueRef *result);

/**
 * Creates an ArrayBuffer over host memory. data/byteLength: the bytes;
 * finalizeCallback: optional, called with callbackState when the buffer is
 * collected.
 */
CHAKRA_API JsCreateExternalArrayBuffer(void *data, unsigned int byteLength,
    JsFinalizeCallback finalizeCallback, void *callbackState, JsValueRef *result);

/**
 * Creates a typed array of arrayType. With baseArray = JS_INVALID_REFERENCE a
 * new buffer of elementLength elements is made; with an ArrayBuffer it views
 * it from byteOffset; with any other object the elements are copied from it.
 */
CHAKRA_API JsCreateTypedArray(JsTypedArrayType arrayType, JsValueRef baseArray,
    unsigned int byteOffset, unsigned int elementLength, JsValueRef *result);

/** Creates a DataView over byteLength bytes of arrayBuffer starting at byteOffset. */
CHAKRA_API JsCreateDataView(JsValueRef arrayBuffer, unsigned int byteOffset,
    unsigned int byteLength, JsValueRef *result);

/** Describes a typed array; every output pointer is optional. */
CHAKRA_API JsGetTypedArrayInfo(JsValueRef typedArray, JsTypedArrayType *arrayType,
    JsValueRef *arrayBuffer, unsigned int *byteOffset, unsigned int *byteLength);

/** Exposes the bytes of an ArrayBuffer; valid while the buffer is alive and not detached. */
CHAKRA_API JsGetArrayBufferStorage(JsValueRef arrayBuffer, ChakraBytePtr *buffer,
    unsigned int *bufferLength);

/** Exposes the viewed bytes of a typed array; arrayType and elementSize are optional outputs. */
CHAKRA_API JsGetTypedArrayStorage(JsValueRef typedArray, ChakraBytePtr *buffer,
    unsigned int *bufferLength, JsTypedArrayType *arrayType, int *elementSize);

/** Exposes the viewed bytes of a DataView. */
CHAKRA_API JsGetDataViewStorage(JsValueRef dataView, ChakraBytePtr *buffer,
    unsigned int *bufferLength);

/* ---- Functions ------------------------------------------------------------- */

/**
 * Calls function. arguments[0] is `this` and is included in argumentCount;
 * result: optional. Errors: JsErrorScriptException (including
 * out of memory), JsErrorInDisabledState, JsErrorScriptTerminated.
 */
CHAKRA_API JsCallFunction(JsValueRef function, JsValueRef *arguments, unsigned short argumentCount,
    JsValueRef *result);

/** Like JsCallFunction but as `new function(...)`; arguments[0] is ignored. */
CHAKRA_API JsConstructObject(JsValueRef function, JsValueRef *arguments,
    unsigned short argumentCount, JsValueRef *result);

/** Wraps a host function as a JavaScript function; callbackState is passed to every call. */
CHAKRA_API JsCreateFunction(JsNativeFunction nativeFunction, void *callbackState,
    JsValueRef *function);

/** Like JsCreateFunction, with name (a string value) as the function's name. */
CHAKRA_API JsCreateNamedFunction(JsValueRef name, JsNativeFunction nativeFunction,
    void *callbackState, JsValueRef *function);

/* ---- Errors and exceptions ------------------------------------------------- */

/** Creates an Error whose message is the string message. */
CHAKRA_API JsCreateError(JsValueRef message, JsValueRef *error);

/** Creates a RangeError whose message is the string message. */
CHAKRA_API JsCreateRangeError(JsValueRef message, JsValueRef *error);

/** Creates a ReferenceError whose message is the string message. */
CHAKRA_API JsCreateReferenceError(JsValueRef message, JsValueRef *error);

/** Creates a SyntaxError whose message is the string message. */
CHAKRA_API JsCreateSyntaxError(JsValueRef message, JsValueRef *error);

/** Creates a TypeError whose message is the string message. */
CHAKRA_API JsCreateTypeError(JsValueRef message, JsValueRef *error);

/** Creates a URIError whose message is the string message. */
CHAKRA_API JsCreateURIError(JsValueRef message, JsValueRef *error);

/** Stores whether the current context's runtime has a pending exception. */
CHAKRA_API JsHasException(bool *hasException);

/**
 * Takes the pending exception out of the current context's runtime (clearing
 * the exception state). Errors: JsErrorInvalidArgument if none is pending.
 */
CHAKRA_API JsGetAndClearException(JsValueRef *exception);

/** Makes exception the pending exception; used by host functions to throw. */
CHAKRA_API JsSetException(JsValueRef exception);

/* ---- Execution control ----------------------------------------------------- */

/**
 * Stops running script in runtime as soon as possible and refuses new script
 * (JsErrorInDisabledState / JsErrorScriptTerminated). May be called from any
 * thread. Errors: JsErrorCannotDisableExecution without
 * JsRuntimeAttributeAllowScriptInterrupt.
 */
CHAKRA_API JsDisableRuntimeExecution(JsRuntimeHandle runtime);

/** Re-allows script execution in runtime after JsDisableRuntimeExecution. */
CHAKRA_API JsEnableRuntimeExecution(JsRuntimeHandle runtime);

/** Stores whether script execution is disabled in runtime. */
CHAKRA_API JsIsRuntimeExecutionDisabled(JsRuntimeHandle runtime, bool *isDisabled);

/* ---- Promises -------------------------------------------------------------- */

/** Sets the callback that receives promise jobs for the current context (NULL removes it). */
CHAKRA_API JsSetPromiseContinuationCallback(
    JsPromiseContinuationCallback promiseContinuationCallback, void *callbackState);

/* ---- Background parsing (experimental) ------------------------------------- */

/** Queues contents for parsing off the runtime thread; *dwBgParseCookie identifies the request. */
CHAKRA_API JsQueueBackgroundParse_Experimental(JsScriptContents* contents, DWORD* dwBgParseCookie);

/**
 * Cancels a queued background parse. buffer: the script buffer it used;
 * *callerOwnsBuffer receives whether the host must now free buffer.
 */
CHAKRA_API JsDiscardBackgroundParse_Experimental(DWORD dwBgParseCookie, void* buffer,
    bool* callerOwnsBuffer);

/**
 * Runs a script whose background parse was queued as dwBgParseCookie.
 * script: the same source; url: UTF-16 source URL; parserState: optional
 * parser cache; result: completion value. May return JsErrorScriptException.
 */
CHAKRA_API JsExecuteBackgroundParse_Experimental(DWORD dwBgParseCookie, JsValueRef script,
    JsSourceContext sourceContext, WCHAR *url, JsParseScriptAttributes parseAttributes,
    JsValueRef parserState, JsValueRef *result);

/* ========================================================================== */
/* ChakraCommonWindows.h -- UTF-16 string functions                           */
/* ========================================================================== */
/*
 * ChakraCore declares these with `wchar_t` and only on Windows. Conch
 * declares them everywhere with WCHAR, which is wchar_t on Windows and a
 * 16-bit code unit elsewhere: the text is UTF-16 on every platform. All
 * strings are NUL-terminated unless a length is passed.
 */

/**
 * Supplies the source of a serialized script on demand. sourceContext: the
 * script's cookie; *scriptBuffer: receives a NUL-terminated UTF-16 source
 * that stays valid until the matching JsSerializedScriptUnloadCallback.
 * Return false if the source is unavailable.
 */
typedef bool (CHAKRA_CALLBACK *JsSerializedScriptLoadSourceCallback)(JsSourceContext sourceContext,
    const WCHAR **scriptBuffer);

/**
 * Compiles script (UTF-16) into a function without running it.
 * sourceContext: cookie; sourceUrl: UTF-16 name for stack traces.
 * Errors: JsErrorScriptCompile (SyntaxError pending), JsErrorScriptException.
 */
CHAKRA_API JsParseScript(const WCHAR *script, JsSourceContext sourceContext, const WCHAR *sourceUrl,
    JsValueRef *result);

/** Like JsParseScript, with JsParseScriptAttributes options. */
CHAKRA_API JsParseScriptWithAttributes(const WCHAR *script, JsSourceContext sourceContext,
    const WCHAR *sourceUrl, JsParseScriptAttributes parseAttributes, JsValueRef *result);

/**
 * Compiles and runs script (UTF-16); result: optional completion value.
 * Errors: JsErrorScriptCompile, JsErrorScriptException (including out of
 * memory), JsErrorScriptTerminated.
 */
CHAKRA_API JsRunScript(const WCHAR *script, JsSourceContext sourceContext, const WCHAR *sourceUrl,
    JsValueRef *result);

/** Parses and evaluates script (UTF-16) as an ES module (experimental). */
CHAKRA_API JsExperimentalApiRunModule(const WCHAR *script, JsSourceContext sourceContext,
    const WCHAR *sourceUrl, JsValueRef *result);

/**
 * Compiles script (UTF-16) to a reusable byte-code buffer. Call with buffer =
 * NULL (and *bufferSize 0) to learn the size in *bufferSize, then again with a
 * buffer that large. Conch: a buffer too small gets the needed size and
 * JsErrorInvalidArgument. Errors: JsErrorScriptCompile (SyntaxError pending).
 */
CHAKRA_API JsSerializeScript(const WCHAR *script, BYTE *buffer, unsigned int *bufferSize);

/**
 * Loads a serialized script as a function without running it; the source is
 * fetched lazily via scriptLoadCallback (only when its text is needed, e.g.
 * Function.prototype.toString) and scriptUnloadCallback runs once the script is
 * collected or the runtime disposed. Conch copies buffer during the call (it may be
 * read-only and freed afterwards). Errors: JsErrorBadSerializedScript.
 */
CHAKRA_API JsParseSerializedScriptWithCallback(
    JsSerializedScriptLoadSourceCallback scriptLoadCallback,
    JsSerializedScriptUnloadCallback scriptUnloadCallback, BYTE *buffer,
    JsSourceContext sourceContext, const WCHAR *sourceUrl, JsValueRef * result);

/** Like JsParseSerializedScriptWithCallback, but runs the script and returns its completion value. */
CHAKRA_API JsRunSerializedScriptWithCallback(
    JsSerializedScriptLoadSourceCallback scriptLoadCallback,
    JsSerializedScriptUnloadCallback scriptUnloadCallback, BYTE *buffer,
    JsSourceContext sourceContext, const WCHAR *sourceUrl, JsValueRef * result);

/** Loads a serialized script as a function; script: the original UTF-16 source. Errors: JsErrorBadSerializedScript. */
CHAKRA_API JsParseSerializedScript(const WCHAR *script, BYTE *buffer, JsSourceContext sourceContext,
    const WCHAR *sourceUrl, JsValueRef *result);

/** Runs a serialized script; script: the original UTF-16 source. Errors: JsErrorBadSerializedScript, JsErrorScriptException. */
CHAKRA_API JsRunSerializedScript(const WCHAR *script, BYTE *buffer, JsSourceContext sourceContext,
    const WCHAR *sourceUrl, JsValueRef *result);

/** Interns the NUL-terminated UTF-16 name and stores its property id in *propertyId. */
CHAKRA_API JsGetPropertyIdFromName(const WCHAR *name, JsPropertyIdRef *propertyId);

/**
 * Stores a pointer to the NUL-terminated UTF-16 name of a string property id;
 * it lives as long as the property id. Errors: JsErrorPropertyNotString.
 */
CHAKRA_API JsGetPropertyNameFromId(JsPropertyIdRef propertyId, const WCHAR **name);

/** Creates a string from stringLength UTF-16 code units at stringValue (no terminator needed). */
CHAKRA_API JsPointerToString(const WCHAR *stringValue, size_t stringLength, JsValueRef *value);

/**
 * Stores a pointer to the UTF-16 code units of a string value and their
 * count; valid while the string is alive. Errors: JsErrorInvalidArgument if
 * value is not a string.
 */
CHAKRA_API JsStringToPointer(JsValueRef value, const WCHAR **stringValue, size_t *stringLength);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CONCH_JSRT_COMMON_H */
