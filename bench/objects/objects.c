/* Object-model measurements of issue 8 (items 3, 4, 5, 7), as a host sees them through JsRT:
 * reported usage (JsGetRuntimeMemoryUsage) per object, per array element, per property of
 * shape data, what garbage with unique keys leaves behind, and what a context costs.
 *
 * Build and run: bench/objects/run.sh (builds the release library first).
 * Each figure comes from a fresh runtime; usage is read after JsCollectGarbage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jsrt.h"

#define CHECK(x)                                                                \
    do {                                                                        \
        JsErrorCode e_ = (x);                                                   \
        if (e_ != JsNoError) {                                                  \
            fprintf(stderr, "%s:%d: %s failed: %d\n", __FILE__, __LINE__, #x, e_); \
            exit(1);                                                            \
        }                                                                       \
    } while (0)

static JsRuntimeHandle rt;

static size_t usage(void) {
    size_t u;
    CHECK(JsCollectGarbage(rt));
    CHECK(JsGetRuntimeMemoryUsage(rt, &u));
    return u;
}

static void fresh(void) {
    JsContextRef ctx;
    CHECK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    CHECK(JsCreateContext(rt, &ctx));
    CHECK(JsSetCurrentContext(ctx));
}

static void done(void) {
    CHECK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    CHECK(JsDisposeRuntime(rt));
}

static JsPropertyIdRef pid(const char *name) {
    JsPropertyIdRef id;
    CHECK(JsCreatePropertyId(name, strlen(name), &id));
    return id;
}

static JsValueRef num(int i) {
    JsValueRef v;
    CHECK(JsIntToNumber(i, &v));
    return v;
}

/* Usage per object for n objects with `props` small-integer properties kept in an array. */
static double per_object(int n, int props) {
    fresh();
    JsPropertyIdRef ids[4] = {pid("a"), pid("b"), pid("c"), pid("d")};
    JsValueRef arr;
    CHECK(JsCreateArray(0, &arr));
    CHECK(JsAddRef(arr, NULL));
    size_t before = usage();
    for (int i = 0; i < n; i++) {
        JsValueRef o;
        CHECK(JsCreateObject(&o));
        for (int p = 0; p < props; p++) CHECK(JsSetProperty(o, ids[p], num(i), true));
        CHECK(JsSetIndexedProperty(arr, num(i), o));
    }
    double r = (double)(usage() - before) / n;
    CHECK(JsRelease(arr, NULL));
    done();
    return r;
}

static JsValueRef global_fn(const char *ctor, const char *name) {
    JsValueRef g, c, f;
    CHECK(JsGetGlobalObject(&g));
    CHECK(JsGetProperty(g, pid(ctor), &c));
    CHECK(JsGetProperty(c, pid(name), &f));
    return f;
}

/* Usage per element of an array of n small integers filled backwards, or forwards then frozen. */
static double per_element(int n, int frozen) {
    fresh();
    JsValueRef arr;
    CHECK(JsCreateArray(0, &arr));
    CHECK(JsAddRef(arr, NULL));
    size_t before = usage();
    if (frozen) {
        for (int i = 0; i < n; i++) CHECK(JsSetIndexedProperty(arr, num(i), num(i)));
        JsValueRef freeze = global_fn("Object", "freeze"), undef, args[2], r;
        CHECK(JsGetUndefinedValue(&undef));
        args[0] = undef;
        args[1] = arr;
        CHECK(JsCallFunction(freeze, args, 2, &r));
    } else {
        for (int i = n - 1; i >= 0; i--) CHECK(JsSetIndexedProperty(arr, num(i), num(i)));
    }
    double r = (double)(usage() - before) / n;
    CHECK(JsRelease(arr, NULL));
    done();
    return r;
}

/* Shape data per property for objects of 128 distinct properties: k objects, each with 128
 * keys of its own (so k lines of 128 shapes), minus the same again with the same key sets (the
 * shapes shared: only object storage is new); the keys are made first, so atoms are not
 * counted. */
static double shape_data(int k) {
    fresh();
    JsPropertyIdRef *ids = malloc(sizeof *ids * 128 * k);
    char name[32];
    for (int o = 0; o < k; o++)
        for (int p = 0; p < 128; p++) {
            snprintf(name, sizeof name, "o%dp%d", o, p);
            ids[o * 128 + p] = pid(name);
            CHECK(JsAddRef(ids[o * 128 + p], NULL)); /* kept in malloc'd memory */
        }
    JsValueRef arr;
    CHECK(JsCreateArray(0, &arr));
    CHECK(JsAddRef(arr, NULL));
    size_t u[3];
    u[0] = usage();
    for (int pass = 0; pass < 2; pass++) {
        for (int o = 0; o < k; o++) {
            JsValueRef obj;
            CHECK(JsCreateObject(&obj));
            for (int p = 0; p < 128; p++)
                CHECK(JsSetProperty(obj, ids[o * 128 + p], num(p), true));
            CHECK(JsSetIndexedProperty(arr, num(pass * k + o), obj));
        }
        u[pass + 1] = usage();
    }
    double r = ((double)(u[1] - u[0]) - (double)(u[2] - u[1])) / (128.0 * k);
    CHECK(JsRelease(arr, NULL));
    free(ids);
    done();
    return r;
}

/* Usage left after n garbage objects with a unique key each (keys made from strings, so
 * nothing but the objects refers to them). */
static long unique_key_garbage(int n) {
    fresh();
    size_t before = usage();
    char name[32];
    for (int i = 0; i < n; i++) {
        JsValueRef o, k;
        CHECK(JsCreateObject(&o));
        snprintf(name, sizeof name, "unique%d", i);
        CHECK(JsCreateString(name, strlen(name), &k));
        CHECK(JsObjectSetProperty(o, k, num(i), true));
    }
    long r = (long)usage() - (long)before;
    done();
    return r;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Median time and usage per JsCreateContext (n contexts kept alive). */
static void contexts(int n, double *us, double *bytes) {
    JsContextRef first;
    CHECK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    CHECK(JsCreateContext(rt, &first));
    CHECK(JsSetCurrentContext(first));
    size_t before = usage();
    JsContextRef *keep = malloc(sizeof *keep * n);
    double *t = malloc(sizeof *t * n);
    for (int i = 0; i < n; i++) {
        double t0 = now();
        CHECK(JsCreateContext(rt, &keep[i]));
        t[i] = now() - t0;
        CHECK(JsAddRef(keep[i], NULL));
    }
    size_t after = usage();
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
            double x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    *us = t[n / 2] * 1e6;
    *bytes = (double)(after - before) / n;
    for (int i = 0; i < n; i++) CHECK(JsRelease(keep[i], NULL));
    free(keep);
    free(t);
    done();
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000000;
    printf("usage per object, %d objects in an array: empty %.1f B, {a,b,c,d} %.1f B\n", n,
           per_object(n, 0), per_object(n, 4));
    printf("usage per element, %d small integers: filled backwards %.2f B, frozen %.2f B\n", n,
           per_element(n, 0), per_element(n, 1));
    printf("shape data per property, 128-property objects: %.1f B\n", shape_data(500));
    printf("usage left by %d garbage objects with unique keys: %ld B\n", n / 5,
           unique_key_garbage(n / 5));
    double us, bytes;
    contexts(200, &us, &bytes);
    printf("JsCreateContext: %.1f us (median of 200), %.0f B each\n", us, bytes);
    return 0;
}
