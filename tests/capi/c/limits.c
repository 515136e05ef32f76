/* C scenarios for behaviour at the memory limit (issue 8): one signal per out-of-memory, not a
 * flood; a bounded number of collections per allocation; memory given back after the drop; and
 * collections near the limit that follow the garbage, not the allocations. Each returns 0 on
 * success. Under CONCH_GC_STRESS (a collection every few allocations) the workloads shrink and
 * the collection counts are not checked. */
#include "jsrt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                                \
        }                                                                            \
    } while (0)
#define OK(call) CHECK((call) == JsNoError)

static size_t failures, collections;

static bool CHAKRA_CALLBACK on_memory(void *state, JsMemoryEventType ev, size_t size) {
    (void)state;
    (void)size;
    if (ev == JsMemoryFailure) failures++;
    return true;
}

static void CHAKRA_CALLBACK on_collect(void *state) {
    (void)state;
    collections++;
}

static void limits_clobber_stack(void) {
    volatile char buf[64 * 1024];
    memset((char *)buf, 0, sizeof buf);
}

static int stressed(void) {
    const char *s = getenv("CONCH_GC_STRESS");
    return s != NULL && strcmp(s, "0") != 0;
}

static int setup(JsRuntimeHandle *rt) {
    JsContextRef ctx;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, rt));
    OK(JsCreateContext(*rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsSetRuntimeMemoryAllocationCallback(*rt, NULL, on_memory));
    OK(JsSetRuntimeBeforeCollectCallback(*rt, NULL, on_collect));
    return 0;
}

/* Fills an array with objects to out-of-memory under a limit of `mib` MiB above the start. */
int scenario_limits_fill(int mib) {
    JsRuntimeHandle rt;
    if (setup(&rt)) return 1;
    size_t start = 0, after = 0;
    OK(JsCollectGarbage(rt));
    OK(JsGetRuntimeMemoryUsage(rt, &start));
    OK(JsSetRuntimeMemoryLimit(rt, start + (size_t)mib * 1024 * 1024));
    JsValueRef array;
    OK(JsCreateArray(0, &array));
    failures = 0;
    size_t most = 0;
    int filled = 0;
    JsErrorCode e = JsNoError;
    while (e == JsNoError) {
        size_t before = collections;
        JsValueRef o, idx;
        e = JsCreateObject(&o);
        if (e == JsNoError) e = JsIntToNumber(filled, &idx);
        if (e == JsNoError) e = JsSetIndexedProperty(array, idx, o);
        if (collections - before > most) most = collections - before;
        if (e == JsNoError) filled++;
    }
    CHECK(e == JsErrorOutOfMemory || e == JsErrorScriptException);
    if (e == JsErrorScriptException) {
        JsValueRef exc;
        OK(JsGetAndClearException(&exc));
    }
    CHECK(filled > 1000);
    if (failures > 4 || (!stressed() && most > 2)) {
        fprintf(stderr, "%zu Failure events, at most %zu collections in one call\n", failures,
                most);
        return 1;
    }
    array = JS_INVALID_REFERENCE;
    limits_clobber_stack();
    OK(JsSetRuntimeMemoryLimit(rt, (size_t)-1));
    OK(JsCollectGarbage(rt));
    OK(JsGetRuntimeMemoryUsage(rt, &after));
    if (after > start + 1024 * 1024) {
        fprintf(stderr, "usage %zu after the drop, %zu before the fill\n", after, start);
        return 1;
    }
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

/* A large live heap, 200 KiB of headroom, many short-lived objects: few collections. */
int scenario_limits_churn(void) {
    JsRuntimeHandle rt;
    if (setup(&rt)) return 1;
    int live = stressed() ? 2000 : 40000, churn = stressed() ? 2000 : 20000;
    JsValueRef array;
    OK(JsCreateArray(0, &array));
    OK(JsAddRef(array, NULL));
    for (int i = 0; i < live; i++) {
        JsValueRef o, idx;
        OK(JsCreateObject(&o));
        OK(JsIntToNumber(i, &idx));
        OK(JsSetIndexedProperty(array, idx, o));
    }
    size_t usage = 0;
    OK(JsCollectGarbage(rt));
    OK(JsGetRuntimeMemoryUsage(rt, &usage));
    OK(JsSetRuntimeMemoryLimit(rt, usage + 200 * 1024));
    collections = 0;
    for (int i = 0; i < churn; i++) {
        JsValueRef o;
        OK(JsCreateObject(&o));
    }
    /* 20k objects of ~160 bytes are ~16 headrooms' worth of garbage (the old policy collected
     * once per 16 KiB block: ~200). */
    if (!stressed() && collections > 30) {
        fprintf(stderr, "%zu collections for %d short-lived objects\n", collections, churn);
        return 1;
    }
    OK(JsRelease(array, NULL));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
