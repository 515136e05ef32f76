/* JsRT call overhead: nanoseconds per "call pair" (JsIntToNumber + JsNumberToInt), on one thread
 * and on two threads with a runtime each, best of 5 runs. See README.md. */
#define _POSIX_C_SOURCE 200809L
#include "jsrt.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RUNS 5

static long iterations = 10000000;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void die(const char *what, JsErrorCode e) {
    fprintf(stderr, "%s failed: 0x%x\n", what, (unsigned)e);
    exit(1);
}

typedef struct {
    pthread_barrier_t *start;
    double ns_per_pair;
    long checksum;
} Worker;

/* Creates a runtime and context on this thread, then times `iterations` call pairs. */
static void *work(void *arg) {
    Worker *w = (Worker *)arg;
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsErrorCode e;
    if ((e = JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt)) != JsNoError) die("JsCreateRuntime", e);
    if ((e = JsCreateContext(rt, &ctx)) != JsNoError) die("JsCreateContext", e);
    if ((e = JsSetCurrentContext(ctx)) != JsNoError) die("JsSetCurrentContext", e);
    if (w->start) pthread_barrier_wait(w->start);
    long sum = 0;
    double t0 = now_ns();
    for (long i = 0; i < iterations; i++) {
        JsValueRef v;
        int back;
        if (JsIntToNumber((int)i, &v) != JsNoError) die("JsIntToNumber", 0);
        if (JsNumberToInt(v, &back) != JsNoError) die("JsNumberToInt", 0);
        sum += back;
    }
    double t1 = now_ns();
    w->ns_per_pair = (t1 - t0) / (double)iterations;
    w->checksum = sum;
    JsSetCurrentContext(JS_INVALID_REFERENCE);
    JsDisposeRuntime(rt);
    return NULL;
}

static double one_thread(void) {
    Worker w = {NULL, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, work, &w);
    pthread_join(t, NULL);
    return w.ns_per_pair;
}

/* Both threads start timing together; the figure is the slower thread's ns per pair. */
static double two_threads(void) {
    pthread_barrier_t b;
    pthread_barrier_init(&b, NULL, 2);
    Worker w[2] = {{&b, 0, 0}, {&b, 0, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, work, &w[i]);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    pthread_barrier_destroy(&b);
    return w[0].ns_per_pair > w[1].ns_per_pair ? w[0].ns_per_pair : w[1].ns_per_pair;
}

int main(int argc, char **argv) {
    if (argc > 1) iterations = atol(argv[1]);
    double best1 = 1e30, best2 = 1e30;
    for (int r = 0; r < RUNS; r++) {
        double a = one_thread();
        double b = two_threads();
        if (a < best1) best1 = a;
        if (b < best2) best2 = b;
    }
    printf("one thread:  %.2f ns per call pair (best of %d, %ld pairs)\n", best1, RUNS, iterations);
    printf("two threads: %.2f ns per call pair per thread (best of %d)\n", best2, RUNS);
    printf("ratio two/one: %.2f\n", best2 / best1);
    return 0;
}
