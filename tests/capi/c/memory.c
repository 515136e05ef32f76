/* C scenarios for the runtime's memory contract, compiled against jsrt.h. Each returns 0 on
 * success and prints what failed otherwise. */
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

typedef struct {
    JsRuntimeHandle rt;
    size_t allocated, freed, failed;
    size_t tally; /* usage at registration + accepted Allocate - Free - (OS) Failure */
    int refuse_after; /* refuse Allocate events once this many were accepted (-1: never) */
    int accepted;
    int last_was_refused_allocate;
    size_t last_refused_size;
    int failure_followed_refusal;
    int bad_order;
    size_t usage_seen_in_allocate;
} Tracker;

static bool CHAKRA_CALLBACK track(void *state, JsMemoryEventType ev, size_t size) {
    Tracker *t = (Tracker *)state;
    size_t usage = 0;
    JsGetRuntimeMemoryUsage(t->rt, &usage);
    if (ev == JsMemoryAllocate) {
        t->usage_seen_in_allocate = usage;
        if (usage != t->tally) t->bad_order = 1; /* usage must not have grown yet */
        if (t->refuse_after >= 0 && t->accepted >= t->refuse_after) {
            t->last_was_refused_allocate = 1;
            t->last_refused_size = size;
            return false;
        }
        t->accepted++;
        t->allocated += size;
        t->tally += size;
        t->last_was_refused_allocate = 0;
        return true;
    }
    if (ev == JsMemoryFree) {
        t->freed += size;
        t->tally -= size;
    } else if (ev == JsMemoryFailure) {
        t->failed += size;
        if (t->last_was_refused_allocate && t->last_refused_size == size) {
            t->failure_followed_refusal = 1; /* refused: not counted, nothing to undo */
        } else if (t->tally >= size && usage + size == t->tally) {
            t->tally -= size; /* accepted, then the OS failed: usage was decremented */
        }
    }
    t->last_was_refused_allocate = 0;
    return true;
}

int scenario_events(void) {
    Tracker t;
    memset(&t, 0, sizeof t);
    t.refuse_after = -1;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &t.rt));
    size_t usage = 0;
    OK(JsGetRuntimeMemoryUsage(t.rt, &usage));
    t.tally = usage;
    OK(JsSetRuntimeMemoryAllocationCallback(t.rt, &t, track));
    JsContextRef ctx;
    OK(JsCreateContext(t.rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    /* Kept alive in an array, so growth needs new chunks even when GC stress collects at
     * every few allocations. */
    JsValueRef held;
    OK(JsCreateArray(0, &held));
    for (int i = 0; i < 20000; i++) {
        JsValueRef o, idx;
        OK(JsCreateObject(&o));
        OK(JsIntToNumber(i, &idx));
        OK(JsSetIndexedProperty(held, idx, o));
    }
    CHECK(t.allocated > 0);
    CHECK(!t.bad_order);
    OK(JsGetRuntimeMemoryUsage(t.rt, &usage));
    CHECK(usage == t.tally);

    /* The host refuses: Failure of the same size follows at once; the API says OOM. The
     * objects are kept in an array so that a collection cannot make room. */
    JsValueRef keep;
    OK(JsCreateArray(0, &keep));
    t.refuse_after = t.accepted;
    JsErrorCode err = JsNoError;
    for (int i = 0; i < 10000000 && err == JsNoError; i++) {
        JsValueRef o, idx;
        err = JsCreateObject(&o);
        if (err != JsNoError) break;
        OK(JsIntToNumber(i, &idx));
        err = JsSetIndexedProperty(keep, idx, o);
    }
    /* JsCreateObject never runs script: JsErrorOutOfMemory. JsSetIndexedProperty may: the
     * refusal is a thrown "Out of memory" error (JSRT.md §3.12). */
    CHECK(err == JsErrorOutOfMemory || err == JsErrorScriptException);
    if (err == JsErrorScriptException) {
        JsValueRef exc;
        OK(JsGetAndClearException(&exc));
    }
    CHECK(t.failure_followed_refusal);
    OK(JsGetRuntimeMemoryUsage(t.rt, &usage));
    CHECK(usage == t.tally);

    /* The limit refuses: Failure without Allocate. */
    t.refuse_after = -1;
    size_t failed_before = t.failed, allocated_before = t.allocated;
    OK(JsSetRuntimeMemoryLimit(t.rt, usage));
    size_t limit = 0;
    OK(JsGetRuntimeMemoryLimit(t.rt, &limit));
    CHECK(limit == usage);
    err = JsNoError;
    for (int i = 0; i < 10000000 && err == JsNoError; i++) {
        JsValueRef o, idx;
        err = JsCreateObject(&o);
        if (err != JsNoError) break;
        OK(JsIntToNumber(1000000 + i, &idx));
        err = JsSetIndexedProperty(keep, idx, o);
    }
    CHECK(err == JsErrorOutOfMemory || err == JsErrorScriptException);
    if (err == JsErrorScriptException) {
        JsValueRef exc;
        OK(JsGetAndClearException(&exc));
    }
    CHECK(t.failed > failed_before);
    CHECK(t.allocated == allocated_before);
    OK(JsGetRuntimeMemoryUsage(t.rt, &usage));
    CHECK(usage <= limit);

    keep = JS_INVALID_REFERENCE;
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsCollectGarbage(t.rt));
    OK(JsSetRuntimeMemoryLimit(t.rt, (size_t)-1));
    OK(JsDisposeRuntime(t.rt));
    /* Every byte reported freed before dispose returned. */
    CHECK(t.tally == 0);
    return 0;
}

static int collected_calls;
static void CHAKRA_CALLBACK on_collect(JsRef ref, void *state) {
    (void)ref;
    (void)state;
    collected_calls++;
}

static int finalized;
static void CHAKRA_CALLBACK on_finalize(void *data) {
    if (data == (void *)&finalized) finalized++;
}

/* Creates garbage and returns only a weak reference (in its own frame, which is then reused). */
static JsWeakRef make_garbage(void) {
    JsValueRef o = JS_INVALID_REFERENCE;
    JsWeakRef w = JS_INVALID_REFERENCE;
    if (JsCreateExternalObject(&finalized, on_finalize, &o) != JsNoError) return NULL;
    if (JsSetObjectBeforeCollectCallback(o, NULL, on_collect) != JsNoError) return NULL;
    if (JsCreateWeakReference(o, &w) != JsNoError) return NULL;
    return w;
}

static void clobber_stack(void) {
    volatile char buf[64 * 1024];
    memset((char *)buf, 0, sizeof buf);
}

int scenario_gc_roots(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    /* A value held only in a C local survives. */
    JsValueRef local;
    OK(JsCreateArray(3, &local));
    JsValueRef three;
    OK(JsIntToNumber(3, &three));

    /* An AddRef'd value held only in malloc'd memory survives until JsRelease. */
    JsValueRef *heap_slot = (JsValueRef *)malloc(sizeof(JsValueRef));
    CHECK(heap_slot != NULL);
    {
        JsValueRef o;
        OK(JsCreateObject(&o));
        unsigned int count = 0;
        OK(JsAddRef(o, &count));
        CHECK(count == 1);
        /* Hide the pointer from the stack scan while it is only in malloc'd memory. */
        *heap_slot = o;
        o = JS_INVALID_REFERENCE;
    }
    JsWeakRef pinned_weak;
    OK(JsCreateWeakReference(*heap_slot, &pinned_weak));

    JsWeakRef w = make_garbage();
    CHECK(w != NULL);
    clobber_stack();
    OK(JsCollectGarbage(rt));

    JsValueRef got;
    OK(JsGetWeakReferenceValue(w, &got));
    CHECK(got == JS_INVALID_REFERENCE);
    CHECK(collected_calls == 1);
    CHECK(finalized == 1);
    OK(JsCollectGarbage(rt));
    CHECK(collected_calls == 1); /* exactly once */

    JsValueType type;
    OK(JsGetValueType(local, &type));
    CHECK(type == JsArray);
    OK(JsGetWeakReferenceValue(pinned_weak, &got));
    CHECK(got == *heap_slot);

    unsigned int count = 5;
    OK(JsRelease(*heap_slot, &count));
    CHECK(count == 0);
    *heap_slot = JS_INVALID_REFERENCE;
    got = JS_INVALID_REFERENCE;
    free(heap_slot);
    clobber_stack();
    OK(JsCollectGarbage(rt));
    OK(JsGetWeakReferenceValue(pinned_weak, &got));
    CHECK(got == JS_INVALID_REFERENCE);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

static JsErrorCode fill(JsValueRef array, int *filled) {
    for (int i = 0;; i++) {
        JsValueRef o, idx;
        JsErrorCode e = JsCreateObject(&o);
        if (e != JsNoError) return e;
        if ((e = JsIntToNumber(i, &idx)) != JsNoError) return e;
        if ((e = JsSetIndexedProperty(array, idx, o)) != JsNoError) return e;
        *filled = i + 1;
    }
}

/* Under GC stress every few allocations mark everything live: a smaller fill keeps the run
 * short (32-byte objects put ~300k objects in 10 MiB). */
static int gc_stressed(void) {
    const char *s = getenv("CONCH_GC_STRESS");
    return s != NULL && s[0] != '\0' && s[0] != '0';
}

int scenario_oom_array(void) {
    const size_t limit = (gc_stressed() ? 2 : 10) * 1024 * 1024;
    JsRuntimeHandle rt;
    JsContextRef ctx;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsSetRuntimeMemoryLimit(rt, limit));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    JsValueRef array;
    OK(JsCreateArray(0, &array));
    int filled = 0;
    JsErrorCode e = fill(array, &filled);
    CHECK(e == JsErrorOutOfMemory || e == JsErrorScriptException);
    CHECK(filled > 1000);
    size_t usage = 0;
    OK(JsGetRuntimeMemoryUsage(rt, &usage));
    CHECK(usage <= limit);

    /* Drop the references, collect: the same runtime allocates again. */
    array = JS_INVALID_REFERENCE;
    clobber_stack();
    OK(JsCollectGarbage(rt));
    JsValueRef again;
    OK(JsCreateArray(0, &again));
    int refilled = 0;
    for (int i = 0; i < 1000; i++) {
        JsValueRef o, idx;
        OK(JsCreateObject(&o));
        OK(JsIntToNumber(i, &idx));
        OK(JsSetIndexedProperty(again, idx, o));
        refilled++;
    }
    CHECK(refilled == 1000);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

int scenario_many_contexts(void) {
    JsRuntimeHandle rt;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    size_t peak = 0;
    for (int i = 1; i <= 1000; i++) {
        JsContextRef ctx;
        OK(JsCreateContext(rt, &ctx));
        OK(JsSetCurrentContext(ctx));
        JsValueRef o;
        OK(JsCreateObject(&o));
        OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
        if (i % 100 == 0) OK(JsCollectGarbage(rt));
        size_t usage = 0;
        OK(JsGetRuntimeMemoryUsage(rt, &usage));
        if (usage > peak) peak = usage;
    }
    CHECK(peak < 10 * 1024 * 1024);
    OK(JsDisposeRuntime(rt));
    return 0;
}

/* Refuses the n-th Allocate (n = 0: refuse nothing and return the number of acquisitions). */
typedef struct {
    JsRuntimeHandle rt;
    int n, seen;
    long long tally;
} Fault;

static bool CHAKRA_CALLBACK fault_cb(void *state, JsMemoryEventType ev, size_t size) {
    Fault *f = (Fault *)state;
    if (ev == JsMemoryAllocate) {
        f->seen++;
        if (f->n != 0 && f->seen == f->n) return false;
        f->tally += (long long)size;
    } else if (ev == JsMemoryFree) {
        f->tally -= (long long)size;
    }
    return true;
}

int scenario_fault_injection(int n) {
    Fault f;
    memset(&f, 0, sizeof f);
    f.n = n;
    if (JsCreateRuntime(JsRuntimeAttributeNone, NULL, &f.rt) != JsNoError) return 2;
    size_t at_registration = 0;
    OK(JsGetRuntimeMemoryUsage(f.rt, &at_registration));
    f.tally = (long long)at_registration;
    OK(JsSetRuntimeMemoryAllocationCallback(f.rt, &f, fault_cb));
    JsContextRef ctx;
    JsErrorCode e = JsCreateContext(f.rt, &ctx);
    CHECK(e == JsNoError || e == JsErrorOutOfMemory);
    if (e == JsNoError) e = JsSetCurrentContext(ctx);
    CHECK(e == JsNoError || e == JsErrorOutOfMemory);
    if (e == JsNoError) {
        JsValueRef array;
        e = JsCreateArray(0, &array);
        CHECK(e == JsNoError || e == JsErrorOutOfMemory);
        for (int i = 0; i < 30000 && e == JsNoError; i++) {
            JsValueRef o, idx;
            e = JsCreateObject(&o);
            CHECK(e == JsNoError || e == JsErrorOutOfMemory);
            if (e != JsNoError) break;
            OK(JsIntToNumber(i, &idx));
            e = JsSetIndexedProperty(array, idx, o);
            CHECK(e == JsNoError || e == JsErrorOutOfMemory);
        }
        OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
        OK(JsCollectGarbage(f.rt));
    }
    OK(JsDisposeRuntime(f.rt));
    CHECK(f.tally == 0); /* every byte returned after dispose */
    return n == 0 ? f.seen : 0;
}

/* The same fault injection over a script workload (objects, strings, closures, arrays,
 * JSON, regular expressions, BigInts, generators, classes, a module graph is not needed): every
 * refusal ends in JsErrorOutOfMemory, a thrown "Out of memory" (JsErrorScriptException) or
 * success; never a crash, and every byte is returned after dispose. */
static const char *fault_script =
    "var keep = [];\n"
    "for (var i = 0; i < 4000; i++) {\n"
    "  keep.push({ i: i, s: 'item' + i, f: function () { return i; } });\n"
    "}\n"
    "var text = JSON.stringify(keep.slice(0, 500));\n"
    "var back = JSON.parse(text);\n"
    "var words = text.replace(/\\d+/g, '#').split(',');\n"
    "var big = 1n; for (var k = 0; k < 200; k++) big *= 12345678901234567890n;\n"
    "function* gen(n) { for (var j = 0; j < n; j++) yield j * 2; }\n"
    "var sum = 0; for (var v of gen(3000)) sum += v;\n"
    "class A { #x = 1; get x() { return this.#x; } }\n"
    "var as = []; for (var m = 0; m < 2000; m++) as.push(new A());\n"
    "var map = new Map(); for (var q = 0; q < 2000; q++) map.set('k' + q, [q]);\n"
    "back.length + words.length + sum + as.length + map.size + String(big).length;\n";

int scenario_fault_injection_script(int n) {
    Fault f;
    memset(&f, 0, sizeof f);
    f.n = n;
    if (JsCreateRuntime(JsRuntimeAttributeNone, NULL, &f.rt) != JsNoError) return 2;
    size_t at_registration = 0;
    OK(JsGetRuntimeMemoryUsage(f.rt, &at_registration));
    f.tally = (long long)at_registration;
    OK(JsSetRuntimeMemoryAllocationCallback(f.rt, &f, fault_cb));
    JsContextRef ctx;
    JsErrorCode e = JsCreateContext(f.rt, &ctx);
    CHECK(e == JsNoError || e == JsErrorOutOfMemory);
    if (e == JsNoError) e = JsSetCurrentContext(ctx);
    CHECK(e == JsNoError || e == JsErrorOutOfMemory);
    if (e == JsNoError) {
        JsValueRef r, src, url;
        e = JsCreateString(fault_script, strlen(fault_script), &src);
        CHECK(e == JsNoError || e == JsErrorOutOfMemory);
        if (e == JsNoError) e = JsCreateString("fault.js", 8, &url);
        CHECK(e == JsNoError || e == JsErrorOutOfMemory);
        if (e == JsNoError) {
            e = JsRun(src, 0, url, JsParseScriptAttributeNone, &r);
            CHECK(e == JsNoError || e == JsErrorOutOfMemory || e == JsErrorScriptException);
            if (e == JsErrorScriptException) {
                JsValueRef ex;
                OK(JsGetAndClearException(&ex));
            }
        }
        OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
        OK(JsCollectGarbage(f.rt));
    }
    OK(JsDisposeRuntime(f.rt));
    CHECK(f.tally == 0);
    return n == 0 ? f.seen : 0;
}

int scenario_argument_errors(void) {
    JsRuntimeHandle rt;
    CHECK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, NULL) == JsErrorNullArgument);
    CHECK(JsCreateRuntime((JsRuntimeAttributes)0x10000, NULL, &rt) == JsErrorInvalidArgument);
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    size_t usage;
    CHECK(JsGetRuntimeMemoryUsage(NULL, &usage) == JsErrorInvalidArgument);
    CHECK(JsGetRuntimeMemoryUsage(rt, NULL) == JsErrorNullArgument);
    JsValueRef v;
    CHECK(JsCreateObject(&v) == JsErrorNoCurrentContext);
    CHECK(JsGetUndefinedValue(&v) == JsErrorNoCurrentContext);
    CHECK(JsAddRef(JS_INVALID_REFERENCE, NULL) == JsErrorInvalidArgument);
    CHECK(JsDisableRuntimeExecution(rt) == JsErrorCannotDisableExecution);
    JsContextRef ctx;
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(JsDisposeRuntime(rt) == JsErrorRuntimeInUse);
    JsValueType type;
    CHECK(JsGetValueType(JS_INVALID_REFERENCE, &type) == JsErrorInvalidArgument);
    CHECK(JsGetValueType((JsValueRef)(uintptr_t)0x1230, &type) == JsErrorInvalidArgument);
    JsValueRef num;
    OK(JsDoubleToNumber(1.5, &num));
    double d;
    OK(JsNumberToDouble(num, &d));
    CHECK(d == 1.5);
    bool b;
    CHECK(JsBooleanToBool(num, &b) == JsErrorInvalidArgument);
    /* A huge index must not become a huge dense allocation: it goes to sparse elements. */
    JsValueRef arr, big, got;
    OK(JsCreateArray(0, &arr));
    OK(JsDoubleToNumber(4294967294.0, &big));
    OK(JsSetIndexedProperty(arr, big, num));
    OK(JsGetIndexedProperty(arr, big, &got));
    OK(JsNumberToDouble(got, &d));
    CHECK(d == 1.5);
    OK(JsCreateArray(4000000000u, &got));
    /* Values of another runtime are refused. */
    JsRuntimeHandle rt2;
    JsContextRef ctx2;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt2));
    OK(JsCreateContext(rt2, &ctx2));
    OK(JsSetCurrentContext(ctx2));
    JsValueRef foreign;
    OK(JsCreateObject(&foreign));
    OK(JsSetCurrentContext(ctx));
    CHECK(JsGetValueType(foreign, &type) == JsErrorWrongRuntime);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt2));
    OK(JsDisposeRuntime(rt));
    CHECK(JsDisposeRuntime(rt) == JsErrorInvalidArgument); /* disposed handle */
    return 0;
}
