/* Two threads, each with its own runtime, making many calls at once: results stay right, nothing
 * crashes, and each thread's values are refused by the other runtime with JsErrorWrongRuntime
 * (JSRT.md §3.10) while both heaps grow. A runtime in use on one thread is refused to the other
 * with JsErrorWrongThread (JSRT.md §3.9). Returns 0 on success. */
#define _POSIX_C_SOURCE 200809L
#include "jsrt.h"
#include <pthread.h>
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

#define ROUNDS 20000

/* What each thread publishes for the other one (pinned with JsAddRef while shared). */
typedef struct {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef object;
    JsValueRef string;     /* a small string */
    JsValueRef big_string; /* a large cell (its own mapping) */
    JsPropertyIdRef id;
} Published;

static Published published[2];
static pthread_barrier_t barrier;

static int run(int me) {
    Published *mine = &published[me];
    Published *other = &published[1 - me];
    JsRuntimeHandle rt;
    JsContextRef ctx;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    static char big[2][64 * 1024];
    memset(big[me], 'a' + me, sizeof big[me] - 1);
    mine->rt = rt;
    mine->ctx = ctx;
    /* Values live in locals (the stack keeps them) until pinned: `published` is static
     * memory, which the collector does not scan (a collection between creating a value and
     * pinning it would free it: GC-stress mode does exactly that). */
    JsValueRef object, string, big_string;
    JsPropertyIdRef id;
    OK(JsCreateObject(&object));
    OK(JsAddRef(object, NULL));
    OK(JsCreateString("hello", 5, &string));
    OK(JsAddRef(string, NULL));
    OK(JsCreateString(big[me], strlen(big[me]), &big_string));
    OK(JsAddRef(big_string, NULL));
    OK(JsCreatePropertyId("shared", 6, &id));
    OK(JsAddRef(id, NULL));
    mine->object = object;
    mine->string = string;
    mine->big_string = big_string;
    mine->id = id;
    pthread_barrier_wait(&barrier);

    JsValueRef holder;
    JsPropertyIdRef key;
    OK(JsCreateObject(&holder));
    OK(JsCreatePropertyId("k", 1, &key));
    for (int i = 0; i < ROUNDS; i++) {
        /* The call pair, checked. */
        JsValueRef n;
        int back = 0;
        OK(JsIntToNumber(i * (me ? -3 : 7), &n));
        OK(JsNumberToInt(n, &back));
        CHECK(back == i * (me ? -3 : 7));
        /* Allocation in this heap (new chunks get mapped and recorded while the other thread
         * looks values up). */
        JsValueRef o, s;
        OK(JsCreateObject(&o));
        OK(JsCreateString("x", 1, &s));
        OK(JsSetProperty(holder, key, o, true));
        OK(JsSetProperty(o, key, s, true));
        /* The other runtime's values are refused, never read. */
        JsValueType type;
        CHECK(JsGetValueType(other->object, &type) == JsErrorWrongRuntime);
        CHECK(JsGetValueType(other->big_string, &type) == JsErrorWrongRuntime);
        CHECK(JsSetProperty(holder, key, other->string, true) == JsErrorWrongRuntime);
        CHECK(JsSetProperty(other->object, key, o, true) == JsErrorWrongRuntime);
        JsValueRef got;
        CHECK(JsGetProperty(holder, other->id, &got) == JsErrorWrongRuntime);
        if (i % 1000 == 0) {
            /* The other runtime is current on the other thread: not usable from here. */
            int len = 0;
            CHECK(JsGetStringLength(other->string, &len) == JsErrorWrongThread);
            CHECK(JsSetCurrentContext(other->ctx) == JsErrorWrongThread);
            CHECK(JsCollectGarbage(other->rt) == JsErrorWrongThread);
            CHECK(JsCreateContext(other->rt, &got) == JsErrorWrongThread);
            CHECK(JsDisposeRuntime(other->rt) == JsErrorRuntimeInUse);
            /* Thread-free queries work on either runtime. */
            size_t usage = 0;
            OK(JsGetRuntimeMemoryUsage(other->rt, &usage));
            CHECK(usage > 0);
            OK(JsGetStringLength(mine->string, &len));
            CHECK(len == 5);
            OK(JsCollectGarbage(rt));
        }
    }
    /* Both threads are done with the other's values before anything is released. */
    pthread_barrier_wait(&barrier);
    OK(JsRelease(mine->object, NULL));
    OK(JsRelease(mine->string, NULL));
    OK(JsRelease(mine->big_string, NULL));
    OK(JsRelease(mine->id, NULL));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    CHECK(JsDisposeRuntime(rt) == JsErrorInvalidArgument);
    return 0;
}

static void *thread_main(void *arg) {
    int me = (int)(size_t)arg;
    int status = run(me);
    if (status != 0) {
        /* Don't leave the other thread waiting at the final barrier. */
        fprintf(stderr, "thread %d failed\n", me);
        fflush(stderr);
        _Exit(1);
    }
    return NULL;
}

static JsContextRef moving_ctx;
static int moving_ok;

static void *use_elsewhere(void *arg) {
    (void)arg;
    JsValueRef n;
    int back = 0;
    moving_ok = JsSetCurrentContext(moving_ctx) == JsNoError && JsIntToNumber(9, &n) == JsNoError &&
                JsNumberToInt(n, &back) == JsNoError && back == 9 &&
                JsSetCurrentContext(JS_INVALID_REFERENCE) == JsNoError;
    return NULL;
}

int scenario_threads(void) {
    pthread_t t[2];
    CHECK(pthread_barrier_init(&barrier, NULL, 2) == 0);
    for (int i = 0; i < 2; i++) CHECK(pthread_create(&t[i], NULL, thread_main, (void *)(size_t)i) == 0);
    for (int i = 0; i < 2; i++) CHECK(pthread_join(t[i], NULL) == 0);
    pthread_barrier_destroy(&barrier);
    /* A runtime moves between threads once released: made here, used on a thread, used here. */
    JsRuntimeHandle rt;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &moving_ctx));
    OK(JsAddRef(moving_ctx, NULL));
    pthread_t w;
    CHECK(pthread_create(&w, NULL, use_elsewhere, NULL) == 0);
    CHECK(pthread_join(w, NULL) == 0);
    CHECK(moving_ok);
    OK(JsSetCurrentContext(moving_ctx));
    JsValueRef n;
    int back = 0;
    OK(JsIntToNumber(5, &n));
    OK(JsNumberToInt(n, &back));
    CHECK(back == 5);
    OK(JsRelease(moving_ctx, NULL));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
