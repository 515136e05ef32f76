/*
 * jsrt.h -- public C/C++ header of Conch, a JavaScript engine that exports
 * ChakraCore's JsRT hosting API.
 *
 * This is the only header a host needs. It declares every JsRT function of
 * ChakraCore's ChakraCommon.h, ChakraCommonWindows.h, ChakraCore.h,
 * ChakraCoreWindows.h and ChakraDebug.h, with the same names, parameter
 * types and order and the same enum values, so hosts written for ChakraCore
 * compile unchanged. The declarations live in three parts:
 *
 *   jsrt/common.h  platform glue, handles, ChakraCommon.h, ChakraCommonWindows.h
 *   jsrt/debug.h   ChakraDebug.h (JsDiag*, JsTTD*)
 *   jsrt/core.h    ChakraCore.h, ChakraCoreWindows.h
 *
 * Conventions shared by every function:
 *   - Every function returns a JsErrorCode; JsNoError (0) means success.
 *     Output parameters are generally cleared first; a NULL output pointer
 *     gives JsErrorNullArgument and a JS_INVALID_REFERENCE input gives
 *     JsErrorInvalidArgument.
 *   - A runtime is used by one thread at a time. Most functions act on the
 *     thread's current context (JsSetCurrentContext) and fail with
 *     JsErrorNoCurrentContext without one. Exceptions to the thread rule:
 *     JsGetRuntimeMemoryUsage, JsGetRuntimeMemoryLimit and
 *     JsDisableRuntimeExecution may be called from any thread.
 *   - Running out of memory never aborts the process. Functions that may run
 *     script report it as JsErrorScriptException with an "Out of memory"
 *     Error pending; the others return JsErrorOutOfMemory.
 *     JsRuntimeAttributeDisableFatalOnOOM is accepted and changes nothing.
 *   - Memory usage, limits and the allocation callback account for the
 *     memory manager's chunks (reserved and committed are the same thing in
 *     Conch) plus ArrayBuffer contents. The allocation callback is asked
 *     before each acquisition, hears JsMemoryFailure with the same size after
 *     a refusal, and JsMemoryFree after each release.
 *   - Functions taking WCHAR text use UTF-16 on every platform.
 *
 * The header compiles as C99 and later and as C++11 and later.
 */
#ifndef CONCH_JSRT_H
#define CONCH_JSRT_H

#include "jsrt/common.h"
#include "jsrt/debug.h"
#include "jsrt/core.h"

#endif /* CONCH_JSRT_H */
