/*
 * Conch JsRT hosting API -- part 3 of 3: the functions of ChakraCore's
 * ChakraCore.h (the cross-platform, UTF-8 / JsValueRef based API set) and
 * ChakraCoreWindows.h.
 *
 * Hosts normally include <jsrt.h>, which pulls in every part.
 */
#ifndef CONCH_JSRT_CORE_H
#define CONCH_JSRT_CORE_H

#include "common.h"
#include "debug.h"

/* ChakraCore hosts test this macro to decide whether ChakraCore-only APIs exist. */
#ifndef _CHAKRACOREBUILD
#define _CHAKRACOREBUILD
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ========================================================================== */
/* ChakraCore.h -- types                                                      */
/* ========================================================================== */

/** Opaque handle to an ES module record. */
typedef void *JsModuleRecord;

/** Opaque, reference-counted handle to the shared memory of a SharedArrayBuffer. */
typedef void *JsSharedArrayBufferContentHandle;

/** Opaque handle to a value serializer created by JsVarSerializer. */
typedef void *JsVarSerializerHandle;

/** Opaque handle to a value deserializer created by JsVarDeserializer. */
typedef void *JsVarDeserializerHandle;

/** Weak reference created by JsCreateWeakReference. */
typedef JsRef JsWeakRef;

/** Encoding of the bytes given to JsParseModuleSource. */
typedef enum JsParseModuleSourceFlags {
    /** UTF-16 little-endian text. */
    JsParseModuleSourceFlags_DataIsUTF16LE = 0x00000000,
    /** UTF-8 text. */
    JsParseModuleSourceFlags_DataIsUTF8 = 0x00000001
} JsParseModuleSourceFlags;

/** Which piece of host information JsSetModuleHostInfo / JsGetModuleHostInfo handles. */
typedef enum JsModuleHostInfoKind {
    /** A JsValueRef exception to report for the module (set only). */
    JsModuleHostInfo_Exception = 0x01,
    /** An arbitrary host pointer stored with the module. */
    JsModuleHostInfo_HostDefined = 0x02,
    /** A NotifyModuleReadyCallback (shared by every module of the context). */
    JsModuleHostInfo_NotifyModuleReadyCallback = 0x3,
    /** A FetchImportedModuleCallBack (shared by every module of the context). */
    JsModuleHostInfo_FetchImportedModuleCallback = 0x4,
    /** A FetchImportedModuleFromScriptCallBack (shared by every module of the context). */
    JsModuleHostInfo_FetchImportedModuleFromScriptCallback = 0x5,
    /** The module's URL as a string JsValueRef (used in error messages and stacks). */
    JsModuleHostInfo_Url = 0x6,
    /** An InitializeImportMetaCallback (shared by every module of the context). */
    JsModuleHostInfo_InitializeImportMetaCallback = 0x7,
    /** A ReportModuleCompletionCallback (shared by every module of the context). */
    JsModuleHostInfo_ReportModuleCompletionCallback = 0x8
} JsModuleHostInfoKind;

/** Settlement state of a Promise. */
typedef enum _JsPromiseState {
    /** Not settled yet. */
    JsPromiseStatePending = 0x0,
    /** Fulfilled with a value. */
    JsPromiseStateFulfilled = 0x1,
    /** Rejected with a reason. */
    JsPromiseStateRejected = 0x2
} JsPromiseState;

/**
 * Resolves a static `import` in a module. referencingModule: the importing
 * module; specifier: the specifier string; *dependentModuleRecord: receives
 * the imported module (new ones come from JsInitializeModuleRecord). Return
 * JsNoError on success.
 */
typedef JsErrorCode (CHAKRA_CALLBACK *FetchImportedModuleCallBack)(
    JsModuleRecord referencingModule, JsValueRef specifier, JsModuleRecord* dependentModuleRecord);

/**
 * Resolves a dynamic `import()` made from a classic script.
 * dwReferencingSourceContext: the script's source context; specifier and
 * dependentModuleRecord as for FetchImportedModuleCallBack.
 */
typedef JsErrorCode (CHAKRA_CALLBACK *FetchImportedModuleFromScriptCallBack)(
    JsSourceContext dwReferencingSourceContext, JsValueRef specifier,
    JsModuleRecord* dependentModuleRecord);

/**
 * Reports that a module and its dependencies are ready to evaluate
 * (exceptionVar is JS_INVALID_REFERENCE) or failed to load (exceptionVar is
 * the error). The return value is ignored.
 */
typedef JsErrorCode (CHAKRA_CALLBACK *NotifyModuleReadyCallback)(JsModuleRecord referencingModule,
    JsValueRef exceptionVar);

/** Lets the host populate importMetaVar, the `import.meta` object of referencingModule. */
typedef JsErrorCode (CHAKRA_CALLBACK *InitializeImportMetaCallback)(
    JsModuleRecord referencingModule, JsValueRef importMetaVar);

/**
 * Reports that evaluation of a root module finished; exception is its error
 * or JS_INVALID_REFERENCE. Without this callback a synchronous module error
 * becomes the pending exception.
 */
typedef JsErrorCode (CHAKRA_CALLBACK *ReportModuleCompletionCallback)(JsModuleRecord module,
    JsValueRef exception);

/** Call details passed to a JsEnhancedNativeFunction. */
typedef struct JsNativeFunctionInfo {
    /** The `this` value. */
    JsValueRef thisArg;
    /** new.target (undefined for a plain call). */
    JsValueRef newTargetArg;
    /** True when called with `new`. */
    bool isConstructCall;
} JsNativeFunctionInfo;

/**
 * A host function that also receives new.target. callee: the function;
 * arguments/argumentCount: arguments with `this` first; info: call details;
 * callbackState: host pointer. Return the result (JS_INVALID_REFERENCE =
 * undefined); throw with JsSetException.
 */
typedef JsValueRef (CHAKRA_CALLBACK *JsEnhancedNativeFunction)(JsValueRef callee,
    JsValueRef *arguments, unsigned short argumentCount, JsNativeFunctionInfo *info,
    void *callbackState);

/**
 * Tracks unhandled rejections: handled is false when promise is rejected with
 * no handler, true when a handler is added later. Must not throw; AddRef the
 * values to keep them.
 */
typedef void (CHAKRA_CALLBACK *JsHostPromiseRejectionTrackerCallback)(JsValueRef promise,
    JsValueRef reason, bool handled, void *callbackState);

/**
 * Proxy-like traps of an object made by JsCreateCustomExternalObject; each
 * member is a function value or JS_INVALID_REFERENCE for default behaviour.
 */
typedef struct _JsGetterSetterInterceptor {
    /** [[Get]] trap. */
    JsValueRef getTrap;
    /** [[Set]] trap. */
    JsValueRef setTrap;
    /** [[Delete]] trap. */
    JsValueRef deletePropertyTrap;
    /** Enumeration (for-in) trap. */
    JsValueRef enumerateTrap;
    /** [[OwnPropertyKeys]] trap. */
    JsValueRef ownKeysTrap;
    /** [[HasProperty]] trap. */
    JsValueRef hasTrap;
    /** [[GetOwnProperty]] trap. */
    JsValueRef getOwnPropertyDescriptorTrap;
    /** [[DefineOwnProperty]] trap. */
    JsValueRef definePropertyTrap;
    /** Called once to initialize the object. */
    JsValueRef initializerTrap;
} JsGetterSetterInterceptor;

/** Asks the host to trace its wrapper objects (JsTraceExternalReference) during marking. data: tracing state. */
typedef void (CHAKRA_CALLBACK *JsDOMWrapperTracingCallback)(void *data);

/** Asks whether host wrapper tracing is complete; return true when done. */
typedef bool (CHAKRA_CALLBACK *JsDOMWrapperTracingDoneCallback)(void *data);

/** Tells the host the collector is entering its final marking pause. */
typedef void (CHAKRA_CALLBACK *JsDOMWrapperTracingEnterFinalPauseCallback)(void *data);

/** Trace hook of a traced external object; data: the object's host data. */
typedef void (CHAKRA_CALLBACK *JsTraceCallback)(void *data);

/**
 * Supplies the source of a serialized script on demand. *value: receives the
 * source (string or ArrayBuffer); *parseAttributes: receives how to read it.
 * Return false if the source is unavailable.
 */
typedef bool (CHAKRA_CALLBACK *JsSerializedLoadScriptCallback)(JsSourceContext sourceContext,
    JsValueRef *value, JsParseScriptAttributes *parseAttributes);

/** Called at the start of the sweep phase of each collection. callbackState: host pointer. */
typedef void (CHAKRA_CALLBACK *JsBeforeSweepCallback)(void *callbackState);

/**
 * Grows the serializer's output buffer. oldBuffer: current buffer (or NULL);
 * newSize: bytes needed; *allocatedSize: receives the size actually
 * allocated. Return the new buffer; returning NULL is an unrecoverable error.
 */
typedef byte *(CHAKRA_CALLBACK *ReallocateBufferMemoryFunc)(void* state, byte *oldBuffer,
    size_t newSize, size_t *allocatedSize);

/** Serializes a host object encountered by the serializer; return false to fail. */
typedef bool (CHAKRA_CALLBACK *WriteHostObjectFunc)(void* state, void* hostObject);

/** Recreates a host object written by WriteHostObjectFunc; return it. */
typedef JsValueRef (*ReadHostObjectFunc)(void* state);

/** Returns the SharedArrayBuffer the host registered under id. */
typedef JsValueRef (*GetSharedArrayBufferFromIdFunc)(void* state, uint32_t id);

/** Function that frees the contents of an externalized ArrayBuffer. */
typedef void (CONCH_JSRT_CDECL *ArrayBufferFreeFn)(void*);

/* ========================================================================== */
/* ChakraCore.h -- functions                                                  */
/* ========================================================================== */

/* ---- Functions and modules ------------------------------------------------- */

/**
 * Wraps a JsEnhancedNativeFunction as a JavaScript function. metadata:
 * optional value used as the function's name; callbackState: host pointer
 * passed to every call.
 */
CHAKRA_API JsCreateEnhancedFunction(JsEnhancedNativeFunction nativeFunction, JsValueRef metadata,
    void *callbackState, JsValueRef *function);

/**
 * Creates (or returns the existing) module record for normalizedSpecifier, a
 * string that uniquely names the module. referencingModule: the importer, or
 * NULL for a root module.
 */
CHAKRA_API JsInitializeModuleRecord(JsModuleRecord referencingModule,
    JsValueRef normalizedSpecifier, JsModuleRecord* moduleRecord);

/**
 * Parses module source. script/scriptLength: the bytes, in the encoding named
 * by sourceFlag; *exceptionValueRef: receives the error on failure. Errors:
 * JsErrorScriptCompile, JsErrorModuleParsed.
 */
CHAKRA_API JsParseModuleSource(JsModuleRecord requestModule, JsSourceContext sourceContext,
    BYTE* script, unsigned int scriptLength, JsParseModuleSourceFlags sourceFlag,
    JsValueRef* exceptionValueRef);

/** Evaluates a ready module; result: its evaluation result. May return JsErrorScriptException. */
CHAKRA_API JsModuleEvaluation(JsModuleRecord requestModule, JsValueRef* result);

/** Stores host information of kind moduleHostInfo; hostInfo is a pointer or JsValueRef as the kind requires. */
CHAKRA_API JsSetModuleHostInfo(JsModuleRecord requestModule, JsModuleHostInfoKind moduleHostInfo,
    void* hostInfo);

/** Retrieves host information of kind moduleHostInfo. Errors: JsInvalidModuleHostInfoKind. */
CHAKRA_API JsGetModuleHostInfo(JsModuleRecord requestModule, JsModuleHostInfoKind moduleHostInfo,
    void** hostInfo);

/**
 * Like JsGetAndClearException, but returns an object with the exception and
 * where it happened (exception, line, column, length, source, url).
 */
CHAKRA_API JsGetAndClearExceptionWithMetadata(JsValueRef *metadata);

/* ---- Strings --------------------------------------------------------------- */

/**
 * Creates a string from length bytes of UTF-8 at content (invalid sequences
 * become U+FFFD; (size_t)-1 means NUL-terminated).
 */
CHAKRA_API JsCreateString(const char *content, size_t length, JsValueRef *value);

/** Creates a string from length UTF-16 code units at content. */
CHAKRA_API JsCreateStringUtf16(const uint16_t *content, size_t length, JsValueRef *value);

/**
 * Copies a string as UTF-8 (no terminator) into buffer of bufferSize bytes;
 * *length: bytes written, or with buffer NULL the bytes needed.
 */
CHAKRA_API JsCopyString(JsValueRef value, char* buffer, size_t bufferSize, size_t* length);

/**
 * Copies length UTF-16 code units starting at start (no terminator);
 * *written: units copied, or with buffer NULL the units available.
 */
CHAKRA_API JsCopyStringUtf16(JsValueRef value, int start, int length, uint16_t* buffer,
    size_t* written);

/* ---- Scripts --------------------------------------------------------------- */

/**
 * Compiles script (a string, or an ArrayBuffer of UTF-8 / UTF-16 text per
 * parseAttributes) into a function without running it. sourceUrl: a string.
 * Errors: JsErrorScriptCompile, JsErrorScriptException.
 */
CHAKRA_API JsParse(JsValueRef script, JsSourceContext sourceContext, JsValueRef sourceUrl,
    JsParseScriptAttributes parseAttributes, JsValueRef *result);

/**
 * Compiles and runs script (as for JsParse); result: optional completion
 * value. Errors: JsErrorScriptCompile, JsErrorScriptException (including out
 * of memory), JsErrorScriptTerminated.
 */
CHAKRA_API JsRun(JsValueRef script, JsSourceContext sourceContext, JsValueRef sourceUrl,
    JsParseScriptAttributes parseAttributes, JsValueRef *result);

/* ---- Property ids ---------------------------------------------------------- */

/** Interns length bytes of UTF-8 name and stores the property id in *propertyId. */
CHAKRA_API JsCreatePropertyId(const char *name, size_t length, JsPropertyIdRef *propertyId);

/** Creates an interned string value from length bytes of UTF-8 name, ready for use as a key. */
CHAKRA_API JsCreatePropertyString(const char *name, size_t length, JsValueRef* propertyString);

/**
 * Copies the UTF-8 name of a string property id into buffer (no terminator);
 * *length: bytes written, or with buffer NULL the bytes needed.
 * Errors: JsErrorPropertyNotString.
 */
CHAKRA_API JsCopyPropertyId(JsPropertyIdRef propertyId, char* buffer, size_t bufferSize,
    size_t* length);

/* ---- Serialized scripts ---------------------------------------------------- */

/** Compiles script (string or ArrayBuffer) to byte code and stores it as a new ArrayBuffer in *buffer. */
CHAKRA_API JsSerialize(JsValueRef script, JsValueRef *buffer,
    JsParseScriptAttributes parseAttributes);

/**
 * Loads byte code from the ArrayBuffer buffer as a function without running
 * it; the source is fetched lazily through scriptLoadCallback (only when its
 * text is needed). Conch copies the buffer during the call.
 * Errors: JsErrorBadSerializedScript, JsErrorInvalidArgument (not an ArrayBuffer).
 */
CHAKRA_API JsParseSerialized(JsValueRef buffer, JsSerializedLoadScriptCallback scriptLoadCallback,
    JsSourceContext sourceContext, JsValueRef sourceUrl, JsValueRef *result);

/** Like JsParseSerialized, but runs the script and returns its completion value. */
CHAKRA_API JsRunSerialized(JsValueRef buffer, JsSerializedLoadScriptCallback scriptLoadCallback,
    JsSourceContext sourceContext, JsValueRef sourceUrl, JsValueRef *result);

/* ---- Promises -------------------------------------------------------------- */

/** Stores the state of promise. Errors: JsErrorInvalidArgument if it is not a Promise. */
CHAKRA_API JsGetPromiseState(JsValueRef promise, JsPromiseState *state);

/** Stores the fulfilment value or rejection reason of promise. Errors: JsErrorPromisePending. */
CHAKRA_API JsGetPromiseResult(JsValueRef promise, JsValueRef *result);

/** Creates a pending Promise plus the functions that resolve and reject it. */
CHAKRA_API JsCreatePromise(JsValueRef *promise, JsValueRef *resolveFunction,
    JsValueRef *rejectFunction);

/* ---- Weak references ------------------------------------------------------- */

/** Creates a weak reference to value. Errors: JsNoWeakRefRequired for values that are never collected. */
CHAKRA_API JsCreateWeakReference(JsValueRef value, JsWeakRef* weakRef);

/** Stores the referent of weakRef, or JS_INVALID_REFERENCE if it was collected. */
CHAKRA_API JsGetWeakReferenceValue(JsWeakRef weakRef, JsValueRef* value);

/* ---- SharedArrayBuffer ----------------------------------------------------- */

/** Creates a SharedArrayBuffer (possibly in another runtime) over existing shared memory. */
CHAKRA_API JsCreateSharedArrayBufferWithSharedContent(
    JsSharedArrayBufferContentHandle sharedContents, JsValueRef *result);

/** Stores a new counted handle to the memory of sharedArrayBuffer; release it when done. */
CHAKRA_API JsGetSharedArrayBufferContent(JsValueRef sharedArrayBuffer,
    JsSharedArrayBufferContentHandle *sharedContents);

/** Drops a handle obtained from JsGetSharedArrayBufferContent. */
CHAKRA_API JsReleaseSharedArrayBufferContentHandle(JsSharedArrayBufferContentHandle sharedContents);

/* ---- Objects, properties and comparisons ----------------------------------- */

/** Stores whether object has an own (not inherited) property propertyId. */
CHAKRA_API JsHasOwnProperty(JsValueRef object, JsPropertyIdRef propertyId, bool *hasOwnProperty);

/** Stores whether object has an own element at index. */
CHAKRA_API JsHasOwnItem(JsValueRef object, uint32_t index, bool* hasOwnItem);

/**
 * Copies length code units starting at start as single bytes (the low 8 bits
 * of each unit, no terminator); *written: bytes copied.
 */
CHAKRA_API JsCopyStringOneByte(JsValueRef value, int start, int length, char* buffer,
    size_t* written);

/** Describes a DataView; every output pointer is optional. */
CHAKRA_API JsGetDataViewInfo(JsValueRef dataView, JsValueRef *arrayBuffer, unsigned int *byteOffset,
    unsigned int *byteLength);

/** Evaluates `object1 < object2`. May run script. */
CHAKRA_API JsLessThan(JsValueRef object1, JsValueRef object2, bool *result);

/** Evaluates `object1 <= object2`. May run script. */
CHAKRA_API JsLessThanOrEqual(JsValueRef object1, JsValueRef object2, bool *result);

/** Like JsCreateExternalObject, with prototype (optional) as the new object's prototype. */
CHAKRA_API JsCreateExternalObjectWithPrototype(void *data, JsFinalizeCallback finalizeCallback,
    JsValueRef prototype, JsValueRef *object);

/**
 * Creates an external object whose host data the collector traces.
 * inlineSlotSize: bytes of host storage kept inside the object;
 * traceCallback / finalizeCallback: optional hooks; prototype: optional.
 */
CHAKRA_API JsCreateTracedExternalObject(void *data, size_t inlineSlotSize,
    JsTraceCallback traceCallback, JsFinalizeCallback finalizeCallback, JsValueRef prototype,
    JsValueRef *object);

/**
 * Like JsCreateTracedExternalObject, and also gives the host, through
 * *getterSetterInterceptor, the object's trap table to fill in.
 */
CHAKRA_API JsCreateCustomExternalObject(void *data, size_t inlineSlotSize,
    JsTraceCallback traceCallback, JsFinalizeCallback finalizeCallback,
    JsGetterSetterInterceptor ** getterSetterInterceptor, JsValueRef prototype,
    JsValueRef * object);

/* ---- Well-known intrinsics of the current context -------------------------- */

/** Stores Array.prototype.forEach. */
CHAKRA_API JsGetArrayForEachFunction(JsValueRef * result);

/** Stores Array.prototype.keys. */
CHAKRA_API JsGetArrayKeysFunction(JsValueRef * result);

/** Stores Array.prototype.values. */
CHAKRA_API JsGetArrayValuesFunction(JsValueRef * result);

/** Stores Array.prototype.entries. */
CHAKRA_API JsGetArrayEntriesFunction(JsValueRef * result);

/** Stores the property id of Symbol.iterator. */
CHAKRA_API JsGetPropertyIdSymbolIterator(JsPropertyIdRef * propertyId);

/** Stores Error.prototype. */
CHAKRA_API JsGetErrorPrototype(JsValueRef * result);

/** Stores %IteratorPrototype%. */
CHAKRA_API JsGetIteratorPrototype(JsValueRef * result);

/* ---- More objects and properties ------------------------------------------- */

/** Stores whether object can be called. */
CHAKRA_API JsIsCallable(JsValueRef object, bool *isCallable);

/** Stores whether object can be used with `new`. */
CHAKRA_API JsIsConstructor(JsValueRef object, bool *isConstructor);

/**
 * Makes a shallow copy of source (an ordinary or external object: prototype, own properties,
 * extensibility, external data). A cloned external object shares the data pointer and the
 * finalize callback, which then runs once for each object. Errors: JsErrorInvalidArgument for
 * objects that cannot be cloned.
 */
CHAKRA_API JsCloneObject(JsValueRef source, JsValueRef* clonedObject);

/** Stores whether object has the host-private property key (invisible to script). */
CHAKRA_API JsPrivateHasProperty(JsValueRef object, JsValueRef key, bool *hasProperty);

/** Reads the host-private property key of object (undefined if absent). */
CHAKRA_API JsPrivateGetProperty(JsValueRef object, JsValueRef key, JsValueRef *value);

/** Writes the host-private property key of object. */
CHAKRA_API JsPrivateSetProperty(JsValueRef object, JsValueRef key, JsValueRef value);

/** Deletes the host-private property key of object; *result: a boolean value. */
CHAKRA_API JsPrivateDeleteProperty(JsValueRef object, JsValueRef key, JsValueRef *result);

/** As JsGetProperty, with key a string or symbol value instead of a property id. */
CHAKRA_API JsObjectGetProperty(JsValueRef object, JsValueRef key, JsValueRef *value);

/** As JsSetProperty, with key a string or symbol value. */
CHAKRA_API JsObjectSetProperty(JsValueRef object, JsValueRef key, JsValueRef value,
    bool useStrictRules);

/** As JsHasProperty, with key a string or symbol value. */
CHAKRA_API JsObjectHasProperty(JsValueRef object, JsValueRef key, bool *hasProperty);

/** As JsDefineProperty, with key a string or symbol value. */
CHAKRA_API JsObjectDefineProperty(JsValueRef object, JsValueRef key, JsValueRef propertyDescriptor,
    bool *result);

/**
 * Defines an own property from separate descriptor fields instead of a
 * descriptor object: value, or getter/setter (each may be
 * JS_INVALID_REFERENCE), plus the three attribute flags.
 */
CHAKRA_API JsObjectDefinePropertyFull(JsValueRef object, JsValueRef key, JsValueRef value,
    JsValueRef getter, JsValueRef setter, bool writable, bool enumerable, bool configurable,
    bool *result);

/** As JsDeleteProperty, with key a string or symbol value. */
CHAKRA_API JsObjectDeleteProperty(JsValueRef object, JsValueRef key, bool useStrictRules,
    JsValueRef *result);

/** As JsGetOwnPropertyDescriptor, with key a string or symbol value. */
CHAKRA_API JsObjectGetOwnPropertyDescriptor(JsValueRef object, JsValueRef key,
    JsValueRef *propertyDescriptor);

/** As JsHasOwnProperty, with key a string or symbol value. */
CHAKRA_API JsObjectHasOwnProperty(JsValueRef object, JsValueRef key, bool *hasOwnProperty);

/** Installs (or with NULL removes) the unhandled-rejection tracker of the current context's runtime. */
CHAKRA_API JsSetHostPromiseRejectionTracker(
    JsHostPromiseRejectionTrackerCallback promiseRejectionTrackerCallback, void *callbackState);

/** Stores the namespace object of an evaluated module. Errors: JsErrorModuleNotEvaluated. */
CHAKRA_API JsGetModuleNamespace(JsModuleRecord requestModule, JsValueRef *moduleNamespace);

/**
 * Stores whether object is a Proxy and, if so, its target and handler
 * (optional outputs; JS_INVALID_REFERENCE when not a proxy or revoked).
 */
CHAKRA_API JsGetProxyProperties(JsValueRef object, bool* isProxy, JsValueRef* target,
    JsValueRef* handler);

/* ---- Parser-state caches --------------------------------------------------- */

/** Parses scriptVal and stores a reusable parser-state cache as a new ArrayBuffer in *bufferVal. */
CHAKRA_API JsSerializeParserState(JsValueRef scriptVal, JsValueRef *bufferVal,
    JsParseScriptAttributes parseAttributes);

/** Runs script using a cache from JsSerializeParserState (parserState) made for the same source. */
CHAKRA_API JsRunScriptWithParserState(JsValueRef script, JsSourceContext sourceContext,
    JsValueRef sourceUrl, JsParseScriptAttributes parseAttributes, JsValueRef parserState,
    JsValueRef * result);

/** Like JsRunScriptWithParserState, but returns the script as a function without running it. */
CHAKRA_API JsDeserializeParserState(JsValueRef script, JsSourceContext sourceContext,
    JsValueRef sourceUrl, JsParseScriptAttributes parseAttributes, JsValueRef parserState,
    JsValueRef* result);

/* ---- Garbage-collector integration ----------------------------------------- */

/** Installs (or with NULL removes) a callback run at the start of each sweep in runtimeHandle. */
CHAKRA_API JsSetRuntimeBeforeSweepCallback(JsRuntimeHandle runtimeHandle, void *callbackState,
    JsBeforeSweepCallback beforeSweepCallback);

/**
 * Installs the host wrapper-tracing callbacks of runtimeHandle;
 * wrapperTracingState is passed to each of them.
 */
CHAKRA_API JsSetRuntimeDomWrapperTracingCallbacks(JsRuntimeHandle runtimeHandle,
    JsRef wrapperTracingState, JsDOMWrapperTracingCallback wrapperTracingCallback,
    JsDOMWrapperTracingDoneCallback wrapperTracingDoneCallback,
    JsDOMWrapperTracingEnterFinalPauseCallback enterFinalPauseCallback);

/** Marks value as reachable; call only from a wrapper-tracing callback. */
CHAKRA_API JsTraceExternalReference(JsRuntimeHandle runtimeHandle, JsValueRef value);

/**
 * Allocates sizeInBytes of collector-managed raw memory (zero-filled if
 * zeroed) and stores it in *buffer; it lives while reachable or pinned.
 * Errors: JsErrorOutOfMemory.
 */
CHAKRA_API JsAllocRawData(JsRuntimeHandle runtimeHandle, size_t sizeInBytes, bool zeroed,
    JsRef * buffer);

/* ---- Value serializer (structured clone) ----------------------------------- */

/**
 * Creates a serializer that writes into memory from reallocateBufferMemory
 * and hands host objects to writeHostObject; callbackState is passed to both.
 */
CHAKRA_API JsVarSerializer(ReallocateBufferMemoryFunc reallocateBufferMemory,
    WriteHostObjectFunc writeHostObject, void * callbackState,
    JsVarSerializerHandle *serializerHandle);

/** Appends length raw bytes from source to the serialized output. */
CHAKRA_API JsVarSerializerWriteRawBytes(JsVarSerializerHandle serializerHandle, const void* source,
    size_t length);

/** Serializes rootObject (and everything it reaches). Errors: JsSerializerNotSupported, JsErrorScriptException. */
CHAKRA_API JsVarSerializerWriteValue(JsVarSerializerHandle serializerHandle, JsValueRef rootObject);

/** Hands the output buffer and its length to the host, which now owns it. */
CHAKRA_API JsVarSerializerReleaseData(JsVarSerializerHandle serializerHandle, byte** data,
    size_t *dataLength);

/** Detaches every ArrayBuffer registered as transferable. */
CHAKRA_API JsVarSerializerDetachArrayBuffer(JsVarSerializerHandle serializerHandle);

/** Registers transferableVarsCount transferable objects (e.g. ArrayBuffers). Errors: JsTransferableNotSupported. */
CHAKRA_API JsVarSerializerSetTransferableVars(JsVarSerializerHandle serializerHandle,
    JsValueRef *transferableVars, size_t transferableVarsCount);

/** Destroys a serializer; the handle is invalid afterwards. */
CHAKRA_API JsVarSerializerFree(JsVarSerializerHandle serializerHandle);

/**
 * Creates a deserializer over size bytes at data; readHostObject and
 * getSharedArrayBufferFromId resolve host objects and shared buffers.
 */
CHAKRA_API JsVarDeserializer(void *data, size_t size, ReadHostObjectFunc readHostObject,
    GetSharedArrayBufferFromIdFunc getSharedArrayBufferFromId, void* callbackState,
    JsVarDeserializerHandle *deserializerHandle);

/** Stores in *data a pointer to the next length bytes of input (no copy). */
CHAKRA_API JsVarDeserializerReadRawBytes(JsVarDeserializerHandle deserializerHandle, size_t length,
    void **data);

/** Copies the next length bytes of input into the host buffer *data. */
CHAKRA_API JsVarDeserializerReadBytes(JsVarDeserializerHandle deserializerHandle, size_t length,
    void **data);

/** Reads the next serialized value and stores it in *value. */
CHAKRA_API JsVarDeserializerReadValue(JsVarDeserializerHandle deserializerHandle,
    JsValueRef* value);

/** Supplies the objects that were transferred, in serialization order. */
CHAKRA_API JsVarDeserializerSetTransferableVars(JsVarDeserializerHandle deserializerHandle,
    JsValueRef *transferableVars, size_t transferableVarsCount);

/** Destroys a deserializer; the handle is invalid afterwards. */
CHAKRA_API JsVarDeserializerFree(JsVarDeserializerHandle deserializerHandle);

/* ---- ArrayBuffer ownership ------------------------------------------------- */

/** Reads the host-defined byte stored with arrayBuffer. */
CHAKRA_API JsGetArrayBufferExtraInfo(JsValueRef arrayBuffer, char *extraInfo);

/** Stores a host-defined byte with arrayBuffer. */
CHAKRA_API JsSetArrayBufferExtraInfo(JsValueRef arrayBuffer, char extraInfo);

/** Detaches arrayBuffer (its length becomes 0). Errors: JsErrorInvalidArgument if not detachable. */
CHAKRA_API JsDetachArrayBuffer(JsValueRef arrayBuffer);

/** Stores the function that must be used to free the contents of an externalized arrayBuffer. */
CHAKRA_API JsGetArrayBufferFreeFunction(JsValueRef arrayBuffer, ArrayBufferFreeFn* freeFn);

/** Transfers ownership of arrayBuffer's contents to the host (free them with the function above). */
CHAKRA_API JsExternalizeArrayBuffer(JsValueRef arrayBuffer);

/* ---- Embedder data --------------------------------------------------------- */

/** Reads the host value slot of object instance (JS_INVALID_REFERENCE if never set). */
CHAKRA_API JsGetEmbedderData(JsValueRef instance, JsValueRef* embedderData);

/** Writes the host value slot of object instance; the value is kept alive by the object. */
CHAKRA_API JsSetEmbedderData(JsValueRef instance, JsValueRef embedderData);

/* ========================================================================== */
/* ChakraCoreWindows.h -- out-of-process JIT                                  */
/* ========================================================================== */
/*
 * Windows-only in ChakraCore. Declared on every platform (with the portable
 * HANDLE and UUID stand-ins off Windows) so that all JsRT names exist; they
 * only make sense for an engine with an out-of-process JIT.
 */

/** Enables out-of-process JIT for all runtimes; call before any script runs. */
CHAKRA_API JsEnableOOPJIT(void);

/**
 * Enables out-of-process JIT and connects to a JIT server process.
 * processHandle: that process; serverSecurityDescriptor: optional RPC
 * security descriptor; connectionId: the id the server was started with.
 */
CHAKRA_API JsConnectJITProcess(HANDLE processHandle, void* serverSecurityDescriptor,
    UUID connectionId);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CONCH_JSRT_CORE_H */
