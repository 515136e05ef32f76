/* The cost of the per-runtime record of mappings (registry.rs) where it is largest: every large
 * object is a mapping of its own. Creates N strings of 12,000 bytes (each its own mapping), kept
 * in an array, then drops them all in one collection. Compare builds as for callpair. */
#define _POSIX_C_SOURCE 200809L
#include "jsrt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 50000;
    JsRuntimeHandle rt; JsContextRef ctx; JsValueRef arr;
    JsCreateRuntime(0, NULL, &rt); JsCreateContext(rt, &ctx); JsSetCurrentContext(ctx);
    JsCreateArray(0, &arr);
    static char buf[20000]; memset(buf, 'a', sizeof buf - 1);
    double t0 = now();
    for (int i = 0; i < n; i++) {
        JsValueRef s, idx;
        buf[0] = 'a' + i % 26;
        if (JsCreateString(buf, 12000, &s) != JsNoError) { printf("fail at %d\n", i); return 1; }
        JsIntToNumber(i, &idx);
        JsSetIndexedProperty(arr, idx, s);
    }
    double t1 = now();
    JsValueRef u; JsGetUndefinedValue(&u);
    arr = u;
    JsCollectGarbage(rt);
    double t2 = now();
    printf("%d large strings: create %.1f us each, collect all %.1f ms\n", n, (t1 - t0) / n / 1e3, (t2 - t1) / 1e6);
    JsSetCurrentContext(JS_INVALID_REFERENCE); JsDisposeRuntime(rt);
    return 0;
}
