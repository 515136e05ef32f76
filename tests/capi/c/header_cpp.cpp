// Compiles include/jsrt.h as C++ (-Wall -Wextra -Werror, see build.rs: once as C++11 with
// -pedantic, once as C++17 with stricter warnings) and calls a few entry points through it, so
// the declarations' C linkage and signatures are checked by the linker and at run time.
// CONCH_HEADER_CPP_CHECK names the entry point (one per dialect); tests/exports.rs calls it.
#include <jsrt.h>
#include <jsrt.h> // include guards

#ifndef CONCH_HEADER_CPP_CHECK
#error "build.rs defines CONCH_HEADER_CPP_CHECK"
#endif

static_assert(sizeof(WCHAR) == 2, "WCHAR is a UTF-16 code unit");
static_assert(sizeof(JsSourceContext) == sizeof(void *), "JsSourceContext holds a pointer");

namespace {

// Taking the address with the exact pointer type checks each signature against its use.
JsErrorCode (*const create_runtime)(JsRuntimeAttributes, JsThreadServiceCallback,
                                    JsRuntimeHandle *) = JsCreateRuntime;
JsErrorCode (*const collect_garbage)(JsRuntimeHandle) = JsCollectGarbage;

} // namespace

extern "C" int CONCH_HEADER_CPP_CHECK(void);

// Returns 0 when every step behaves; otherwise the number of the failing step.
extern "C" int CONCH_HEADER_CPP_CHECK(void)
{
    JsValueRef value = JS_INVALID_REFERENCE;
    JsRuntimeHandle runtime = JS_INVALID_RUNTIME_HANDLE;
    JsContextRef context = JS_INVALID_REFERENCE;
    JsSourceContext cookie = JS_SOURCE_CONTEXT_NONE;
    const WCHAR unit = u'x';
    if (value != JS_INVALID_REFERENCE || cookie != JS_SOURCE_CONTEXT_NONE || unit != 0x78) {
        return 1;
    }
    if (JsErrorCategoryUsage != 0x10000 || JsNoError != 0) {
        return 2;
    }
    if (create_runtime(JsRuntimeAttributeNone, nullptr, &runtime) != JsNoError ||
        runtime == JS_INVALID_RUNTIME_HANDLE) {
        return 3;
    }
    if (JsCreateContext(runtime, &context) != JsNoError || context == JS_INVALID_REFERENCE) {
        return 4;
    }
    if (JsSetCurrentContext(context) != JsNoError) {
        return 5;
    }
    size_t usage = 0;
    if (JsGetRuntimeMemoryUsage(runtime, &usage) != JsNoError || usage == 0) {
        return 6;
    }
    if (JsSetCurrentContext(JS_INVALID_REFERENCE) != JsNoError) {
        return 7;
    }
    if (collect_garbage(runtime) != JsNoError) {
        return 8;
    }
    if (JsDisposeRuntime(runtime) != JsNoError) {
        return 9;
    }
    return 0;
}
