/* Limits benchmark (issue 8, items 1 and 2), against include/jsrt.h.
 *
 *   limits fill <MiB>   fill an array with objects to out-of-memory under a limit: Failure
 *                       events, collections during the failing iteration (and the most in any
 *                       one iteration), usage after dropping the array and collecting
 *   limits churn [MiB]  build ~MiB (default 87) live objects, set the limit at usage + 200 KiB,
 *                       create 100k short-lived objects: collections and time
 *
 * See README.md for how to build and run it. */
#include "jsrt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OK(call)                                                                  \
    do {                                                                          \
        JsErrorCode e_ = (call);                                                  \
        if (e_ != JsNoError) {                                                    \
            fprintf(stderr, "%s:%d: %s failed: %d\n", __FILE__, __LINE__, #call, \
                    (int)e_);                                                     \
            exit(1);                                                              \
        }                                                                         \
    } while (0)

static size_t failures, failure_bytes, collections;

static bool CHAKRA_CALLBACK on_memory(void *state, JsMemoryEventType ev, size_t size) {
    (void)state;
    if (ev == JsMemoryFailure) {
        failures++;
        failure_bytes += size;
    }
    return true;
}

static void CHAKRA_CALLBACK on_collect(void *state) {
    (void)state;
    collections++;
}

static void clobber_stack(void) {
    volatile char buf[64 * 1024];
    memset((char *)buf, 0, sizeof buf);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static JsRuntimeHandle setup(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsSetRuntimeMemoryAllocationCallback(rt, NULL, on_memory));
    OK(JsSetRuntimeBeforeCollectCallback(rt, NULL, on_collect));
    return rt;
}

static int fill(size_t mib) {
    JsRuntimeHandle rt = setup();
    size_t start = 0, usage = 0;
    OK(JsCollectGarbage(rt));
    OK(JsGetRuntimeMemoryUsage(rt, &start));
    OK(JsSetRuntimeMemoryLimit(rt, mib * 1024 * 1024));
    JsValueRef array;
    OK(JsCreateArray(0, &array));
    failures = failure_bytes = 0;
    size_t most = 0, in_failing = 0;
    int filled = 0;
    double t0 = now();
    for (;;) {
        size_t before = collections;
        JsValueRef o, idx;
        JsErrorCode e = JsCreateObject(&o);
        if (e == JsNoError) e = JsIntToNumber(filled, &idx);
        if (e == JsNoError) e = JsSetIndexedProperty(array, idx, o);
        size_t n = collections - before;
        if (n > most) most = n;
        if (e != JsNoError) {
            in_failing = n;
            if (e == JsErrorScriptException) {
                JsValueRef exc;
                OK(JsGetAndClearException(&exc));
            } else if (e != JsErrorOutOfMemory) {
                fprintf(stderr, "unexpected error %d\n", (int)e);
                return 1;
            }
            break;
        }
        filled++;
    }
    double t1 = now();
    size_t fill_failures = failures;
    OK(JsGetRuntimeMemoryUsage(rt, &usage));
    array = JS_INVALID_REFERENCE;
    clobber_stack();
    OK(JsSetRuntimeMemoryLimit(rt, (size_t)-1));
    OK(JsCollectGarbage(rt));
    size_t after = 0;
    OK(JsGetRuntimeMemoryUsage(rt, &after));
    printf("fill %zu MiB: %d objects in %.3f s; %zu Failure events (%zu bytes); "
           "%zu collections in the failing call, at most %zu in any one; usage at OOM %zu, "
           "start %zu, after drop+collect %zu (%+ld)\n",
           mib, filled, t1 - t0, fill_failures, failure_bytes, in_failing, most, usage, start,
           after, (long)after - (long)start);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

static int churn(size_t mib) {
    JsRuntimeHandle rt = setup();
    JsValueRef array;
    OK(JsCreateArray(0, &array));
    OK(JsAddRef(array, NULL));
    size_t usage = 0;
    int n = 0;
    while (usage < mib * 1024 * 1024) {
        for (int k = 0; k < 1000; k++, n++) {
            JsValueRef o, idx;
            OK(JsCreateObject(&o));
            OK(JsIntToNumber(n, &idx));
            OK(JsSetIndexedProperty(array, idx, o));
        }
        OK(JsGetRuntimeMemoryUsage(rt, &usage));
    }
    OK(JsCollectGarbage(rt));
    OK(JsGetRuntimeMemoryUsage(rt, &usage));
    OK(JsSetRuntimeMemoryLimit(rt, usage + 200 * 1024));
    collections = 0;
    failures = 0;
    int failed = 0;
    double t0 = now();
    for (int i = 0; i < 100000; i++) {
        JsValueRef o;
        if (JsCreateObject(&o) != JsNoError) failed++;
    }
    double t1 = now();
    printf("churn: %d live objects, usage %zu; 100k short-lived objects: %zu collections, "
           "%zu Failure events, %d failed, %.3f s (%.2f us/object)\n",
           n, usage, collections, failures, failed, t1 - t0, (t1 - t0) * 1e6 / 100000);
    OK(JsRelease(array, NULL));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "fill") == 0) return fill((size_t)atoi(argv[2]));
    if (argc >= 2 && strcmp(argv[1], "churn") == 0)
        return churn(argc >= 3 ? (size_t)atoi(argv[2]) : 87);
    fprintf(stderr, "usage: limits fill <MiB> | limits churn [MiB]\n");
    return 2;
}
