/* C scenarios for SharedArrayBuffers shared between runtimes with
 * JsGetSharedArrayBufferContent / JsCreateSharedArrayBufferWithSharedContent /
 * JsReleaseSharedArrayBufferContentHandle (ChakraCore's semantics: the handle is a reference
 * of its own, a buffer made from it takes another):
 * - two runtimes on one thread see each other's writes, the contents outlive the runtime that
 *   made them, and wrong arguments are refused;
 * - a runtime on another thread blocks in Atomics.wait on the shared contents until the first
 *   runtime's Atomics.notify wakes it.
 * Each returns 0 on success and prints what failed otherwise. */
#define _POSIX_C_SOURCE 200809L
#include "jsrt.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                                \
        }                                                                            \
    } while (0)
#define OK(call) CHECK((call) == JsNoError)

static int run(const char *src, JsValueRef *r) {
    JsValueRef script, url;
    if (JsCreateString(src, strlen(src), &script) != JsNoError) return 1;
    if (JsCreateString("sab.js", 6, &url) != JsNoError) return 1;
    return JsRun(script, JS_SOURCE_CONTEXT_NONE, url, JsParseScriptAttributeNone, r) != JsNoError;
}

static int truthy(const char *src) {
    JsValueRef r;
    bool b = false;
    if (run(src, &r)) return 0;
    if (JsBooleanToBool(r, &b) != JsNoError) return 0;
    return b;
}

static int set_global(const char *name, JsValueRef v) {
    JsValueRef global;
    JsPropertyIdRef id;
    if (JsGetGlobalObject(&global) != JsNoError) return 1;
    if (JsCreatePropertyId(name, strlen(name), &id) != JsNoError) return 1;
    return JsSetProperty(global, id, v, true) != JsNoError;
}

int scenario_sab_two_runtimes(void) {
    JsRuntimeHandle rt_a, rt_b;
    JsContextRef ctx_a, ctx_b;
    JsValueRef sab, other, ab;
    JsSharedArrayBufferContentHandle h, h2;

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt_a));
    OK(JsCreateContext(rt_a, &ctx_a));
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt_b));
    OK(JsCreateContext(rt_b, &ctx_b));

    OK(JsSetCurrentContext(ctx_a));
    CHECK(run("var sab = new SharedArrayBuffer(16); var a = new Int32Array(sab); a[0] = 42; sab",
              &sab) == 0);
    OK(JsGetSharedArrayBufferContent(sab, &h));
    CHECK(h != NULL);
    /* Not a SharedArrayBuffer; a null out-pointer. */
    OK(JsCreateArrayBuffer(8, &ab));
    CHECK(JsGetSharedArrayBufferContent(ab, &h2) == JsErrorInvalidArgument);
    CHECK(JsGetSharedArrayBufferContent(sab, NULL) == JsErrorNullArgument);
    CHECK(JsCreateSharedArrayBufferWithSharedContent(h, NULL) == JsErrorNullArgument);

    /* Runtime B maps the same contents. */
    OK(JsSetCurrentContext(ctx_b));
    OK(JsCreateSharedArrayBufferWithSharedContent(h, &other));
    CHECK(set_global("sab", other) == 0);
    CHECK(truthy("var b = new Int32Array(sab); sab.byteLength === 16 && "
                 "Object.getPrototypeOf(sab) === SharedArrayBuffer.prototype && b[0] === 42"));
    CHECK(truthy("Atomics.store(b, 1, 7) === 7"));

    /* A sees B's write; B sees A's. */
    OK(JsSetCurrentContext(ctx_a));
    CHECK(truthy("a[1] === 7"));
    CHECK(truthy("Atomics.add(a, 2, 5) === 0"));
    OK(JsSetCurrentContext(ctx_b));
    CHECK(truthy("b[2] === 5"));

    /* The handle goes back; A goes away; B's buffer keeps the contents. */
    OK(JsSetCurrentContext(ctx_a));
    OK(JsReleaseSharedArrayBufferContentHandle(h));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt_a));
    OK(JsSetCurrentContext(ctx_b));
    OK(JsCollectGarbage(rt_b));
    CHECK(truthy("b[0] === 42 && b[1] === 7 && b[2] === 5"));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt_b));
    return 0;
}

/* The waiting thread: its own runtime, a SharedArrayBuffer over the handle, Atomics.wait. */
static JsSharedArrayBufferContentHandle wait_handle;
static int wait_status = -1;

static void *waiter(void *arg) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef sab;
    (void)arg;
    wait_status = 1;
    if (JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt) != JsNoError) return NULL;
    if (JsCreateContext(rt, &ctx) != JsNoError) return NULL;
    if (JsSetCurrentContext(ctx) != JsNoError) return NULL;
    if (JsCreateSharedArrayBufferWithSharedContent(wait_handle, &sab) != JsNoError) return NULL;
    if (set_global("sab", sab)) return NULL;
    /* Index 1 says "about to wait"; index 0 is waited on (10 s at most) and never changes, so
     * the wait cannot miss its notification; index 2 is written before the notify. */
    if (truthy("var w = new Int32Array(sab); Atomics.store(w, 1, 1); "
               "Atomics.wait(w, 0, 0, 10000) === 'ok' && Atomics.load(w, 2) === 9"))
        wait_status = 0;
    JsSetCurrentContext(JS_INVALID_REFERENCE);
    JsDisposeRuntime(rt);
    return NULL;
}

int scenario_sab_wait_notify(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef sab, r;
    pthread_t t;
    int woken = 0, i;
    struct timespec ms = {0, 1000000};

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(run("var sab = new SharedArrayBuffer(12); var a = new Int32Array(sab); sab", &sab) == 0);
    OK(JsGetSharedArrayBufferContent(sab, &wait_handle));
    CHECK(pthread_create(&t, NULL, waiter, NULL) == 0);
    /* Once the waiter is about to wait, notify until it is woken (it may not be waiting
     * yet on the first tries). */
    for (i = 0; i < 10000 && !truthy("Atomics.load(a, 1) === 1"); i++) nanosleep(&ms, NULL);
    CHECK(run("Atomics.store(a, 2, 9)", &r) == 0);
    for (i = 0; i < 10000 && !woken; i++) {
        woken = truthy("Atomics.notify(a, 0, 1) === 1");
        if (!woken) nanosleep(&ms, NULL);
    }
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(woken);
    CHECK(wait_status == 0);
    OK(JsReleaseSharedArrayBufferContentHandle(wait_handle));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
