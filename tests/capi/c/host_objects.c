/* C scenarios for traced external objects, wrapper tracing, raw data, idle processing,
 * embedder data, private properties, cloning and proxy queries, compiled against jsrt.h.
 * Each returns 0 on success and prints what failed otherwise.
 *
 * "Is it collected?" checks: the value is created in a noinline function that returns only a
 * weak reference, and the dead part of the stack is zeroed before collecting, so no stale
 * copy on the stack keeps it alive (as memory.c does). Values the host holds "off the stack"
 * live in static or malloc'd memory, which the collector does not scan. */
#define _POSIX_C_SOURCE 200809L
#include "jsrt.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
#define FAILS(call, code) CHECK((call) == (code))
#define NOINLINE __attribute__((noinline))

static JsRuntimeHandle g_rt;

static NOINLINE void clobber_stack(void) {
    volatile char buf[64 * 1024];
    memset((char *)buf, 0, sizeof buf);
}

static NOINLINE int collect(void) {
    clobber_stack();
    return JsCollectGarbage(g_rt) == JsNoError ? 0 : 1;
}

/* Whether the weak reference's target is still alive. */
static int alive(JsWeakRef w) {
    JsValueRef v = JS_INVALID_REFERENCE;
    if (JsGetWeakReferenceValue(w, &v) != JsNoError) return -1;
    return v != JS_INVALID_REFERENCE;
}

/* Stores a fresh object in *slot (memory the collector does not scan) and returns a weak
 * reference to it; nothing else refers to it once this frame is gone. */
static NOINLINE JsWeakRef hold_fresh(JsValueRef *slot) {
    JsValueRef o = JS_INVALID_REFERENCE;
    JsWeakRef w = JS_INVALID_REFERENCE;
    if (JsCreateObject(&o) != JsNoError) return NULL;
    *slot = o;
    if (JsCreateWeakReference(o, &w) != JsNoError) return NULL;
    return w;
}

static JsPropertyIdRef pid(const char *name) {
    JsPropertyIdRef id = JS_INVALID_REFERENCE;
    if (JsCreatePropertyId(name, strlen(name), &id) != JsNoError) return JS_INVALID_REFERENCE;
    return id;
}

static JsValueRef str(const char *s) {
    JsValueRef v = JS_INVALID_REFERENCE;
    if (JsCreateString(s, strlen(s), &v) != JsNoError) return JS_INVALID_REFERENCE;
    return v;
}

static JsValueRef num(int i) {
    JsValueRef v = JS_INVALID_REFERENCE;
    if (JsIntToNumber(i, &v) != JsNoError) return JS_INVALID_REFERENCE;
    return v;
}

static int as_int(JsValueRef v) {
    int i = -12345;
    if (JsNumberToInt(v, &i) != JsNoError) return -12345;
    return i;
}

static int own_name_count(JsValueRef o) {
    JsValueRef names = JS_INVALID_REFERENCE, len = JS_INVALID_REFERENCE;
    if (JsGetOwnPropertyNames(o, &names) != JsNoError) return -1;
    if (JsGetProperty(names, pid("length"), &len) != JsNoError) return -1;
    return as_int(len);
}

static int setup(JsRuntimeAttributes attrs) {
    JsContextRef ctx = JS_INVALID_REFERENCE;
    OK(JsCreateRuntime(attrs, NULL, &g_rt));
    OK(JsCreateContext(g_rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    return 0;
}

static int teardown(void) {
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(g_rt));
    return 0;
}

/* ---- traced external objects ------------------------------------------------------------ */

/* What a traced wrapper keeps in its inline slots. */
typedef struct {
    JsValueRef held;
    int tracing;
    int traced;
} Slots;

static int trace_calls;
static void CHAKRA_CALLBACK trace_slots(void *data) {
    Slots *s = (Slots *)data;
    trace_calls++;
    s->traced++;
    if (s->tracing && s->held != JS_INVALID_REFERENCE) {
        JsTraceExternalReference(g_rt, s->held);
    }
}

static int finalized;
static void *finalized_data;
static void CHAKRA_CALLBACK count_finalize(void *data) {
    finalized++;
    finalized_data = data;
}

/* A traced object whose inline slots hold a fresh object; returns a weak ref to that object
 * and pins the wrapper (its address goes to *wrapper_out, in malloc'd memory). */
static NOINLINE JsWeakRef make_traced(JsValueRef *wrapper_out, Slots **slots_out) {
    JsValueRef wrapper = JS_INVALID_REFERENCE;
    Slots init = {JS_INVALID_REFERENCE, 1, 0};
    void *data = NULL;
    if (JsCreateTracedExternalObject(&init, sizeof init, trace_slots, NULL,
                                     JS_INVALID_REFERENCE, &wrapper) != JsNoError)
        return NULL;
    if (JsAddRef(wrapper, NULL) != JsNoError) return NULL;
    if (JsGetExternalData(wrapper, &data) != JsNoError) return NULL;
    *wrapper_out = wrapper;
    *slots_out = (Slots *)data;
    return hold_fresh(&((Slots *)data)->held);
}

static int plain_traces;
static void CHAKRA_CALLBACK count_trace(void *data) {
    (void)data;
    plain_traces++;
}

static NOINLINE JsWeakRef make_finalizable_traced(int inline_size) {
    JsValueRef o = JS_INVALID_REFERENCE;
    JsWeakRef w = JS_INVALID_REFERENCE;
    if (JsCreateTracedExternalObject(&finalized, (size_t)inline_size, count_trace,
                                     count_finalize, JS_INVALID_REFERENCE, &o) != JsNoError)
        return NULL;
    if (JsCreateWeakReference(o, &w) != JsNoError) return NULL;
    return w;
}

int scenario_traced_objects(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;

    /* Inline slots: a copy of data, and the external data points into them. */
    const char bytes[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
    JsValueRef o = JS_INVALID_REFERENCE, proto = JS_INVALID_REFERENCE;
    JsValueRef plain = JS_INVALID_REFERENCE, plain_proto = JS_INVALID_REFERENCE;
    void *data = NULL;
    bool has = false;
    OK(JsCreateTracedExternalObject((void *)bytes, sizeof bytes, NULL, NULL,
                                    JS_INVALID_REFERENCE, &o));
    OK(JsGetExternalData(o, &data));
    CHECK(data != NULL && data != (void *)bytes && memcmp(data, bytes, 8) == 0);
    OK(JsHasExternalData(o, &has));
    CHECK(has);
    OK(JsGetPrototype(o, &proto));
    OK(JsCreateObject(&plain));
    OK(JsGetPrototype(plain, &plain_proto));
    CHECK(proto == plain_proto); /* JS_INVALID_REFERENCE: Object.prototype */
    /* JsSetExternalData switches to an external pointer. */
    static int ext;
    OK(JsSetExternalData(o, &ext));
    OK(JsGetExternalData(o, &data));
    CHECK(data == &ext);

    /* Inline slots without data are zeroed; no inline slots: the data pointer itself. */
    OK(JsCreateTracedExternalObject(NULL, 16, NULL, NULL, JS_INVALID_REFERENCE, &o));
    OK(JsGetExternalData(o, &data));
    static const char zeros[16];
    CHECK(data != NULL && memcmp(data, zeros, 16) == 0);
    OK(JsCreateTracedExternalObject(&ext, 0, NULL, NULL, plain, &o));
    OK(JsGetExternalData(o, &data));
    CHECK(data == &ext);
    OK(JsGetPrototype(o, &proto));
    CHECK(proto == plain);
    JsValueRef null_value = JS_INVALID_REFERENCE;
    OK(JsGetNullValue(&null_value));
    OK(JsCreateTracedExternalObject(&ext, 0, NULL, NULL, null_value, &o));
    OK(JsGetPrototype(o, &proto));
    CHECK(proto == null_value);

    /* The trace callback keeps what the inline slots hold alive, while it traces it. */
    JsValueRef *wrapper = (JsValueRef *)malloc(sizeof(JsValueRef));
    CHECK(wrapper != NULL);
    Slots *slots = NULL;
    JsWeakRef held = make_traced(wrapper, &slots);
    CHECK(held != NULL && slots != NULL);
    CHECK(collect() == 0);
    CHECK(slots->traced > 0);
    CHECK(alive(held) == 1);
    CHECK(collect() == 0);
    CHECK(alive(held) == 1);
    slots->tracing = 0;
    CHECK(collect() == 0);
    CHECK(alive(held) == 0);
    /* Unpinned, the wrapper goes too (tracing stops). */
    OK(JsRelease(*wrapper, NULL));
    free(wrapper);
    CHECK(collect() == 0);
    int calls = trace_calls;
    CHECK(collect() == 0);
    CHECK(trace_calls == calls);

    /* Finalizers run once, with the external data. */
    finalized = 0;
    JsWeakRef w = make_finalizable_traced(0);
    CHECK(w != NULL);
    CHECK(collect() == 0);
    CHECK(alive(w) == 0);
    CHECK(finalized == 1 && finalized_data == (void *)&finalized);
    CHECK(collect() == 0);
    CHECK(finalized == 1);
    w = make_finalizable_traced(sizeof(int));
    CHECK(w != NULL);
    CHECK(collect() == 0);
    CHECK(finalized == 2 && finalized_data != (void *)&finalized && finalized_data != NULL);

    /* Argument errors. */
    FAILS(JsCreateTracedExternalObject(NULL, 0, NULL, NULL, JS_INVALID_REFERENCE, NULL),
          JsErrorNullArgument);
    FAILS(JsCreateTracedExternalObject(NULL, (size_t)UINT32_MAX + 1, NULL, NULL,
                                       JS_INVALID_REFERENCE, &o),
          JsErrorInvalidArgument);
    CHECK(o == JS_INVALID_REFERENCE);
    FAILS(JsCreateTracedExternalObject(NULL, 0, NULL, NULL, num(3), &o), JsErrorInvalidArgument);
    FAILS(JsCreateTracedExternalObject(NULL, 0, NULL, NULL, str("x"), &o),
          JsErrorInvalidArgument);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    FAILS(JsCreateTracedExternalObject(NULL, 0, NULL, NULL, JS_INVALID_REFERENCE, &o),
          JsErrorNoCurrentContext);
    /* Tracing outside a collection: nothing to do. */
    OK(JsTraceExternalReference(g_rt, JS_INVALID_REFERENCE));
    FAILS(JsTraceExternalReference(NULL, JS_INVALID_REFERENCE), JsErrorInvalidArgument);

    OK(JsDisposeRuntime(g_rt));
    /* Disposal finalized nothing twice. */
    CHECK(finalized == 2);
    return 0;
}

/* ---- wrapper tracing ---------------------------------------------------------------------- */

typedef struct {
    JsValueRef held;
    int on;
    int rounds_left; /* done() answers false this many times */
    int tracing, done, final_pause;
} DomState;

static DomState dom;

static void CHAKRA_CALLBACK dom_trace(void *data) {
    DomState *s = (DomState *)data;
    s->tracing++;
    if (s->on) JsTraceExternalReference(g_rt, s->held);
}

static bool CHAKRA_CALLBACK dom_done(void *data) {
    DomState *s = (DomState *)data;
    s->done++;
    if (s->rounds_left < 0) return false; /* never done */
    if (s->rounds_left > 0) {
        s->rounds_left--;
        return false;
    }
    return true;
}

static void CHAKRA_CALLBACK dom_final_pause(void *data) {
    ((DomState *)data)->final_pause++;
}

int scenario_dom_wrapper_tracing(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;
    OK(JsSetRuntimeDomWrapperTracingCallbacks(g_rt, &dom, dom_trace, dom_done, dom_final_pause));
    dom.on = 1;
    JsWeakRef w = hold_fresh(&dom.held);
    CHECK(w != NULL);
    CHECK(collect() == 0);
    CHECK(alive(w) == 1);
    CHECK(dom.tracing >= 1 && dom.done >= 1 && dom.final_pause >= 1);

    /* More rounds while done() says so. */
    int before = dom.tracing;
    dom.rounds_left = 2;
    CHECK(collect() == 0);
    CHECK(alive(w) == 1);
    CHECK(dom.tracing >= before + 1);

    /* A done callback that never says done cannot hang the collector. */
    dom.rounds_left = -1;
    CHECK(collect() == 0);
    CHECK(alive(w) == 1);

    /* Not traced any more: collected. */
    dom.rounds_left = 0;
    dom.on = 0;
    CHECK(collect() == 0);
    CHECK(alive(w) == 0);

    /* Removing the callbacks. */
    OK(JsSetRuntimeDomWrapperTracingCallbacks(g_rt, NULL, NULL, NULL, NULL));
    before = dom.tracing;
    CHECK(collect() == 0);
    CHECK(dom.tracing == before);

    FAILS(JsSetRuntimeDomWrapperTracingCallbacks(NULL, NULL, NULL, NULL, NULL),
          JsErrorInvalidArgument);
    return teardown();
}

/* ---- raw data ------------------------------------------------------------------------------ */

int scenario_raw_data(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;
    JsRef buf = JS_INVALID_REFERENCE;
    OK(JsAllocRawData(g_rt, 100, true, &buf));
    CHECK(buf != JS_INVALID_REFERENCE);
    static const char zeros[100];
    CHECK(memcmp(buf, zeros, 100) == 0);
    memset(buf, 0x5a, 100);
    OK(JsAllocRawData(g_rt, 0, false, &buf));
    CHECK(buf != JS_INVALID_REFERENCE);

    /* A big buffer, pinned only from malloc'd memory, survives until released. */
    size_t big = 4 << 20, pinned = 0, usage = 0;
    JsRef *slot = (JsRef *)malloc(sizeof(JsRef));
    CHECK(slot != NULL);
    {
        OK(JsAllocRawData(g_rt, big, false, &buf));
        unsigned int count = 0;
        OK(JsAddRef(buf, &count));
        CHECK(count == 1);
        OK(JsAddRef(buf, &count));
        CHECK(count == 2);
        OK(JsRelease(buf, &count));
        CHECK(count == 1);
        memset(buf, 0x77, big);
        *slot = buf;
        buf = JS_INVALID_REFERENCE;
    }
    CHECK(collect() == 0);
    OK(JsGetRuntimeMemoryUsage(g_rt, &pinned));
    CHECK(pinned >= big);
    CHECK(((unsigned char *)*slot)[big - 1] == 0x77);
    unsigned int count = 9;
    OK(JsRelease(*slot, &count));
    CHECK(count == 0);
    *slot = JS_INVALID_REFERENCE;
    free(slot);
    CHECK(collect() == 0);
    OK(JsGetRuntimeMemoryUsage(g_rt, &usage));
    CHECK(usage + big <= pinned); /* its mapping went back */

    FAILS(JsAllocRawData(g_rt, 8, true, NULL), JsErrorNullArgument);
    FAILS(JsAllocRawData(NULL, 8, true, &buf), JsErrorInvalidArgument);
    CHECK(buf == JS_INVALID_REFERENCE);
    FAILS(JsAllocRawData(g_rt, (size_t)-1 / 2, true, &buf), JsErrorOutOfMemory);
    return teardown();
}

/* ---- idle ------------------------------------------------------------------------------------ */

static NOINLINE JsWeakRef idle_garbage(void) {
    JsValueRef o = JS_INVALID_REFERENCE;
    JsWeakRef w = JS_INVALID_REFERENCE;
    if (JsCreateObject(&o) != JsNoError) return NULL;
    if (JsCreateWeakReference(o, &w) != JsNoError) return NULL;
    return w;
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int scenario_idle(void) {
    unsigned int tick = 7;
    /* Without the attribute. */
    if (setup(JsRuntimeAttributeNone)) return 1;
    FAILS(JsIdle(&tick), JsErrorIdleNotEnabled);
    FAILS(JsIdle(NULL), JsErrorNullArgument);
    if (teardown()) return 1;
    FAILS(JsIdle(&tick), JsErrorNoCurrentContext);

    /* With it: a tick to come back at, then an idle collection. */
    if (setup(JsRuntimeAttributeEnableIdleProcessing)) return 1;
    JsWeakRef w = idle_garbage();
    CHECK(w != NULL);
    clobber_stack();
    OK(JsIdle(&tick));
    int rounds = 0;
    while (tick != UINT32_MAX && rounds++ < 100) {
        sleep_ms(50);
        clobber_stack();
        OK(JsIdle(&tick));
    }
    CHECK(tick == UINT32_MAX);
    CHECK(alive(w) == 0);
    /* Nothing allocated since: nothing to do. */
    OK(JsIdle(&tick));
    CHECK(tick == UINT32_MAX);
    FAILS(JsIdle(NULL), JsErrorNullArgument);
    return teardown();
}

/* ---- embedder data --------------------------------------------------------------------------- */

static NOINLINE JsWeakRef set_fresh_embedder_data(JsValueRef target) {
    JsValueRef o = JS_INVALID_REFERENCE;
    JsWeakRef w = JS_INVALID_REFERENCE;
    if (JsCreateObject(&o) != JsNoError) return NULL;
    if (JsSetEmbedderData(target, o) != JsNoError) return NULL;
    if (JsCreateWeakReference(o, &w) != JsNoError) return NULL;
    return w;
}

int scenario_embedder_data(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;
    JsValueRef o = JS_INVALID_REFERENCE, v = num(1), s = str("data");
    OK(JsCreateObject(&o));
    OK(JsGetEmbedderData(o, &v));
    CHECK(v == JS_INVALID_REFERENCE);
    OK(JsSetEmbedderData(o, s));
    OK(JsGetEmbedderData(o, &v));
    CHECK(v == s);
    CHECK(own_name_count(o) == 0);
    OK(JsSetEmbedderData(o, JS_INVALID_REFERENCE));
    OK(JsGetEmbedderData(o, &v));
    CHECK(v == JS_INVALID_REFERENCE);

    /* The object keeps its embedder data alive. */
    JsWeakRef w = set_fresh_embedder_data(o);
    CHECK(w != NULL);
    CHECK(collect() == 0);
    CHECK(alive(w) == 1);
    OK(JsGetEmbedderData(o, &v));
    CHECK(v != JS_INVALID_REFERENCE);

    FAILS(JsGetEmbedderData(num(3), &v), JsErrorInvalidArgument);
    FAILS(JsSetEmbedderData(str("x"), s), JsErrorInvalidArgument);
    FAILS(JsGetEmbedderData(JS_INVALID_REFERENCE, &v), JsErrorInvalidArgument);
    FAILS(JsSetEmbedderData(JS_INVALID_REFERENCE, s), JsErrorInvalidArgument);
    FAILS(JsGetEmbedderData(o, NULL), JsErrorNullArgument);
    return teardown();
}

/* ---- private properties ---------------------------------------------------------------------- */

int scenario_private_properties(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;
    JsValueRef o = JS_INVALID_REFERENCE, v = JS_INVALID_REFERENCE, t = JS_INVALID_REFERENCE;
    JsValueRef f = JS_INVALID_REFERENCE, key = str("secret"), sym = JS_INVALID_REFERENCE;
    bool has = true, b = true;
    OK(JsGetTrueValue(&t));
    OK(JsGetFalseValue(&f));
    OK(JsCreateObject(&o));

    /* No store yet. */
    OK(JsPrivateHasProperty(o, key, &has));
    CHECK(!has);
    OK(JsPrivateGetProperty(o, key, &v));
    JsValueType type;
    OK(JsGetValueType(v, &type));
    CHECK(type == JsUndefined);
    OK(JsPrivateDeleteProperty(o, key, &v));
    CHECK(v == f);

    /* Round trip, invisible to every other property API. */
    OK(JsPrivateSetProperty(o, key, num(42)));
    OK(JsPrivateHasProperty(o, key, &has));
    CHECK(has);
    OK(JsPrivateGetProperty(o, key, &v));
    CHECK(as_int(v) == 42);
    OK(JsGetProperty(o, pid("secret"), &v));
    OK(JsGetValueType(v, &type));
    CHECK(type == JsUndefined);
    OK(JsHasProperty(o, pid("secret"), &b));
    CHECK(!b);
    CHECK(own_name_count(o) == 0);
    OK(JsPrivateGetProperty(o, str("other"), &v));
    OK(JsGetValueType(v, &type));
    CHECK(type == JsUndefined);

    /* Keys are property keys: 1 and "1" are the same; symbols work. */
    OK(JsPrivateSetProperty(o, num(1), str("one")));
    OK(JsPrivateHasProperty(o, str("1"), &has));
    CHECK(has);
    OK(JsCreateSymbol(str("s"), &sym));
    OK(JsPrivateSetProperty(o, sym, num(7)));
    OK(JsPrivateGetProperty(o, sym, &v));
    CHECK(as_int(v) == 7);
    OK(JsPrivateHasProperty(o, str("s"), &has));
    CHECK(!has);

    /* Delete. */
    OK(JsPrivateDeleteProperty(o, key, &v));
    CHECK(v == t);
    OK(JsPrivateHasProperty(o, key, &has));
    CHECK(!has);

    /* Stored values are kept alive by the object. */
    JsValueRef *unscanned = (JsValueRef *)malloc(sizeof(JsValueRef));
    CHECK(unscanned != NULL);
    JsWeakRef w = hold_fresh(unscanned);
    CHECK(w != NULL);
    OK(JsPrivateSetProperty(o, key, *unscanned));
    *unscanned = JS_INVALID_REFERENCE;
    free(unscanned);
    CHECK(collect() == 0);
    CHECK(alive(w) == 1);

    /* Argument errors. */
    FAILS(JsPrivateHasProperty(num(1), key, &has), JsErrorArgumentNotObject);
    FAILS(JsPrivateGetProperty(JS_INVALID_REFERENCE, key, &v), JsErrorInvalidArgument);
    FAILS(JsPrivateSetProperty(o, JS_INVALID_REFERENCE, num(1)), JsErrorInvalidArgument);
    FAILS(JsPrivateSetProperty(o, key, JS_INVALID_REFERENCE), JsErrorInvalidArgument);
    FAILS(JsPrivateHasProperty(o, key, NULL), JsErrorNullArgument);
    FAILS(JsPrivateGetProperty(o, key, NULL), JsErrorNullArgument);
    FAILS(JsPrivateDeleteProperty(o, key, NULL), JsErrorNullArgument);
    return teardown();
}

/* ---- cloning --------------------------------------------------------------------------------- */

static JsValueRef CHAKRA_CALLBACK getter(JsValueRef callee, bool construct, JsValueRef *args,
                                         unsigned short argc, void *state) {
    (void)callee;
    (void)construct;
    (void)args;
    (void)argc;
    (void)state;
    return num(99);
}

static int clone_finalized;
static void CHAKRA_CALLBACK clone_finalize(void *data) {
    if (data == (void *)&clone_finalized) clone_finalized++;
}

static NOINLINE int make_external_and_clone(JsWeakRef *w1, JsWeakRef *w2) {
    JsValueRef e = JS_INVALID_REFERENCE, c = JS_INVALID_REFERENCE;
    void *data = NULL;
    OK(JsCreateExternalObject(&clone_finalized, clone_finalize, &e));
    OK(JsSetProperty(e, pid("x"), num(5), true));
    OK(JsCloneObject(e, &c));
    OK(JsGetExternalData(c, &data));
    CHECK(data == &clone_finalized);
    JsValueRef v = JS_INVALID_REFERENCE;
    OK(JsGetProperty(c, pid("x"), &v));
    CHECK(as_int(v) == 5);
    OK(JsCreateWeakReference(e, w1));
    OK(JsCreateWeakReference(c, w2));
    return 0;
}

int scenario_clone_object(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;
    JsValueRef proto = JS_INVALID_REFERENCE, o = JS_INVALID_REFERENCE, c = JS_INVALID_REFERENCE;
    JsValueRef v = JS_INVALID_REFERENCE, desc = JS_INVALID_REFERENCE, fn = JS_INVALID_REFERENCE;
    bool b = false;
    OK(JsCreateObject(&proto));
    OK(JsCreateObject(&o));
    OK(JsSetPrototype(o, proto));
    OK(JsSetProperty(o, pid("a"), num(1), true));
    OK(JsSetIndexedProperty(o, num(0), str("zero")));
    /* b: non-enumerable, read-only. */
    OK(JsCreateObject(&desc));
    OK(JsSetProperty(desc, pid("value"), num(2), true));
    OK(JsDefineProperty(o, pid("b"), desc, &b));
    CHECK(b);
    /* g: an accessor. */
    OK(JsCreateFunction(getter, NULL, &fn));
    OK(JsCreateObject(&desc));
    OK(JsSetProperty(desc, pid("get"), fn, true));
    OK(JsDefineProperty(o, pid("g"), desc, &b));
    CHECK(b);
    OK(JsPreventExtension(o));

    OK(JsCloneObject(o, &c));
    CHECK(c != o && c != JS_INVALID_REFERENCE);
    OK(JsGetPrototype(c, &v));
    CHECK(v == proto);
    OK(JsGetProperty(c, pid("a"), &v));
    CHECK(as_int(v) == 1);
    OK(JsGetIndexedProperty(c, num(0), &v));
    OK(JsStrictEquals(v, str("zero"), &b));
    CHECK(b);
    OK(JsGetProperty(c, pid("b"), &v));
    CHECK(as_int(v) == 2);
    OK(JsGetProperty(c, pid("g"), &v));
    CHECK(as_int(v) == 99);
    OK(JsGetOwnPropertyDescriptor(c, pid("b"), &desc));
    OK(JsGetProperty(desc, pid("writable"), &v));
    OK(JsBooleanToBool(v, &b));
    CHECK(!b);
    OK(JsGetProperty(desc, pid("enumerable"), &v));
    OK(JsBooleanToBool(v, &b));
    CHECK(!b);
    OK(JsGetOwnPropertyDescriptor(c, pid("g"), &desc));
    OK(JsGetProperty(desc, pid("get"), &v));
    CHECK(v == fn);
    OK(JsGetExtensionAllowed(c, &b));
    CHECK(!b);
    CHECK(own_name_count(c) == own_name_count(o));
    /* The copy is independent. */
    OK(JsSetProperty(c, pid("a"), num(10), true));
    OK(JsGetProperty(o, pid("a"), &v));
    CHECK(as_int(v) == 1);

    /* Private properties come along (copied), embedder data is shared. */
    OK(JsCreateObject(&o));
    OK(JsPrivateSetProperty(o, str("p"), num(3)));
    OK(JsSetEmbedderData(o, proto));
    OK(JsCloneObject(o, &c));
    OK(JsPrivateGetProperty(c, str("p"), &v));
    CHECK(as_int(v) == 3);
    OK(JsPrivateSetProperty(c, str("p"), num(4)));
    OK(JsPrivateGetProperty(o, str("p"), &v));
    CHECK(as_int(v) == 3);
    OK(JsGetEmbedderData(c, &v));
    CHECK(v == proto);

    /* External objects: same data pointer, the finalizer runs for each. */
    JsWeakRef w1 = NULL, w2 = NULL;
    CHECK(make_external_and_clone(&w1, &w2) == 0);
    CHECK(collect() == 0);
    CHECK(alive(w1) == 0 && alive(w2) == 0);
    CHECK(clone_finalized == 2);

    /* Traced objects with inline slots: the clone has its own copy. */
    const char bytes[4] = {1, 2, 3, 4};
    void *d1 = NULL, *d2 = NULL;
    OK(JsCreateTracedExternalObject((void *)bytes, 4, NULL, NULL, JS_INVALID_REFERENCE, &o));
    OK(JsCloneObject(o, &c));
    OK(JsGetExternalData(o, &d1));
    OK(JsGetExternalData(c, &d2));
    CHECK(d1 != d2 && memcmp(d2, bytes, 4) == 0);
    ((char *)d2)[0] = 9;
    CHECK(((char *)d1)[0] == 1);

    /* What cannot be cloned. */
    JsValueRef arr = JS_INVALID_REFERENCE;
    OK(JsCreateArray(2, &arr));
    FAILS(JsCloneObject(arr, &c), JsErrorInvalidArgument);
    FAILS(JsCloneObject(fn, &c), JsErrorInvalidArgument);
    FAILS(JsCloneObject(num(1), &c), JsErrorInvalidArgument);
    FAILS(JsCloneObject(str("s"), &c), JsErrorInvalidArgument);
    CHECK(c == JS_INVALID_REFERENCE);
    FAILS(JsCloneObject(JS_INVALID_REFERENCE, &c), JsErrorInvalidArgument);
    FAILS(JsCloneObject(o, NULL), JsErrorNullArgument);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    FAILS(JsCloneObject(o, &c), JsErrorNoCurrentContext);
    OK(JsDisposeRuntime(g_rt));
    return 0;
}

/* ---- proxies ------------------------------------------------------------------------------- */

/* Script text as the wide characters JsRunScript takes (ASCII only). */
static const WCHAR *wide(const char *s) {
    static WCHAR bufs[2][256];
    static int next;
    WCHAR *b = bufs[next++ & 1];
    size_t i;
    for (i = 0; s[i] && i < 255; i++) b[i] = (unsigned char)s[i];
    b[i] = 0;
    return b;
}

int scenario_proxy_properties(void) {
    if (setup(JsRuntimeAttributeNone)) return 1;
    JsValueRef o = JS_INVALID_REFERENCE;
    JsValueRef target = (JsValueRef)&o, handler = (JsValueRef)&o;
    bool is_proxy = true;
    OK(JsCreateObject(&o));
    OK(JsGetProxyProperties(o, &is_proxy, &target, &handler));
    CHECK(!is_proxy && target == JS_INVALID_REFERENCE && handler == JS_INVALID_REFERENCE);
    is_proxy = true;
    OK(JsGetProxyProperties(num(1), &is_proxy, NULL, NULL));
    CHECK(!is_proxy);
    FAILS(JsGetProxyProperties(JS_INVALID_REFERENCE, &is_proxy, NULL, NULL),
          JsErrorInvalidArgument);
    FAILS(JsGetProxyProperties(o, NULL, &target, NULL), JsErrorNullArgument);
    /* A proxy answers with its target and handler; a revoked one with neither. */
    {
        JsValueRef pair = JS_INVALID_REFERENCE, r = JS_INVALID_REFERENCE, p = JS_INVALID_REFERENCE;
        JsValueRef revoke = JS_INVALID_REFERENCE, ignored = JS_INVALID_REFERENCE;
        JsValueRef len = JS_INVALID_REFERENCE;
        OK(JsRunScript(wide("var r = Proxy.revocable([], {}); [r, r.proxy]"), JS_SOURCE_CONTEXT_NONE,
                       wide("proxy.js"), &pair));
        OK(JsGetIndexedProperty(pair, num(0), &r));
        OK(JsGetIndexedProperty(pair, num(1), &p));
        OK(JsGetProxyProperties(p, &is_proxy, &target, &handler));
        CHECK(is_proxy && target != JS_INVALID_REFERENCE && handler != JS_INVALID_REFERENCE);
        OK(JsGetProperty(target, pid("length"), &len));
        CHECK(as_int(len) == 0);
        OK(JsGetProperty(r, pid("revoke"), &revoke));
        OK(JsCallFunction(revoke, &r, 1, &ignored));
        OK(JsGetProxyProperties(p, &is_proxy, &target, &handler));
        CHECK(is_proxy && target == JS_INVALID_REFERENCE && handler == JS_INVALID_REFERENCE);
    }
    return teardown();
}
