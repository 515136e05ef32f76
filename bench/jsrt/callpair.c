/* JsRT call overhead: nanoseconds per "call pair" (JsIntToNumber + JsNumberToInt), on one thread
 * and on two threads with a runtime each, best of 5 runs. See README.md. */
#define _POSIX_C_SOURCE 200809L
#ifdef USE_CHAKRACORE
#include "ChakraCore.h"
#else
#include "jsrt.h"
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RUNS 5

static long iterations = 10000000;

static double clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void die(const char *what, JsErrorCode e) {
    fprintf(stderr, "%s failed: 0x%x\n", what, (unsigned)e);
    exit(1);
}

/* The control: the same loop calling two trivial functions of this file instead of the library,
 * so a run shows how well this machine runs two threads at all (shared cores, other load). */
__attribute__((noinline)) static JsErrorCode control_to(int i, JsValueRef *v) {
    *v = (JsValueRef)(0xfffe000000000000ull | (unsigned)i);
    return JsNoError;
}
__attribute__((noinline)) static JsErrorCode control_back(JsValueRef v, int *r) {
    *r = (int)(unsigned long long)v;
    return JsNoError;
}

/* The timed loop, over direct calls of `to` and `back`. */
#define PAIRS(to, back)                                                   \
    for (long i = 0; i < iterations; i++) {                               \
        JsValueRef v;                                                     \
        int got;                                                          \
        if (to((int)i, &v) != JsNoError) die("JsIntToNumber", 0);         \
        if (back(v, &got) != JsNoError) die("JsNumberToInt", 0);          \
        sum += got;                                                       \
    }

typedef struct {
    pthread_barrier_t *start;
    int control;
    double ns_per_pair;  /* wall clock */
    double cpu_per_pair; /* this thread's CPU time: leaves out time other processes took */
    long checksum;
} Worker;

/* Creates a runtime and context on this thread, then times `iterations` call pairs. */
static void *work(void *arg) {
    Worker *w = (Worker *)arg;
    JsRuntimeHandle rt = NULL;
    JsContextRef ctx;
    JsErrorCode e;
    if (!w->control) {
        if ((e = JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt)) != JsNoError) die("JsCreateRuntime", e);
        if ((e = JsCreateContext(rt, &ctx)) != JsNoError) die("JsCreateContext", e);
        if ((e = JsSetCurrentContext(ctx)) != JsNoError) die("JsSetCurrentContext", e);
    }
    if (w->start) pthread_barrier_wait(w->start);
    long sum = 0;
    double t0 = clock_ns(CLOCK_MONOTONIC), c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    if (w->control) {
        PAIRS(control_to, control_back)
    } else {
        PAIRS(JsIntToNumber, JsNumberToInt)
    }
    double t1 = clock_ns(CLOCK_MONOTONIC), c1 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    w->ns_per_pair = (t1 - t0) / (double)iterations;
    w->cpu_per_pair = (c1 - c0) / (double)iterations;
    w->checksum = sum;
    if (!w->control) {
        JsSetCurrentContext(JS_INVALID_REFERENCE);
        JsDisposeRuntime(rt);
    }
    return NULL;
}

typedef struct {
    double wall, cpu;
} Figure;

static double max2(double a, double b) { return a > b ? a : b; }

static Figure one_thread(int control) {
    Worker w = {NULL, control, 0, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, work, &w);
    pthread_join(t, NULL);
    return (Figure){w.ns_per_pair, w.cpu_per_pair};
}

/* Both threads start timing together; the figure is the slower thread's ns per pair. */
static Figure two_threads(int control) {
    pthread_barrier_t b;
    pthread_barrier_init(&b, NULL, 2);
    Worker w[2] = {{&b, control, 0, 0, 0}, {&b, control, 0, 0, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, work, &w[i]);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    pthread_barrier_destroy(&b);
    return (Figure){max2(w[0].ns_per_pair, w[1].ns_per_pair), max2(w[0].cpu_per_pair, w[1].cpu_per_pair)};
}

static void keep_best(Figure *best, Figure f) {
    if (f.wall < best->wall) best->wall = f.wall;
    if (f.cpu < best->cpu) best->cpu = f.cpu;
}

int main(int argc, char **argv) {
    if (argc > 1) iterations = atol(argv[1]);
    Figure best1 = {1e30, 1e30}, best2 = {1e30, 1e30}, ctl1 = {1e30, 1e30}, ctl2 = {1e30, 1e30};
    for (int r = 0; r < RUNS; r++) {
        keep_best(&best1, one_thread(0));
        keep_best(&best2, two_threads(0));
        keep_best(&ctl1, one_thread(1));
        keep_best(&ctl2, two_threads(1));
    }
    printf("best of %d runs of %ld call pairs; ns per pair (wall clock / thread CPU time)\n", RUNS,
           iterations);
    printf("one thread:  %6.2f / %6.2f\n", best1.wall, best1.cpu);
    printf("two threads: %6.2f / %6.2f (per thread, the slower one)\n", best2.wall, best2.cpu);
    printf("ratio two/one: %.2f / %.2f\n", best2.wall / best1.wall, best2.cpu / best1.cpu);
    printf("control (the same loop without JsRT): one %.2f, two %.2f, ratio %.2f (wall clock)\n",
           ctl1.wall, ctl2.wall, ctl2.wall / ctl1.wall);
    return 0;
}
