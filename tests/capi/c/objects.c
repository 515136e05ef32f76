/* C scenarios for objects, properties, arrays, functions, errors and exception state. Each
 * returns 0 on success and prints what failed otherwise. */
#include "jsrt.h"
#include <stdio.h>
#include <string.h>

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                                \
        }                                                                            \
    } while (0)
#define OK(call) CHECK((call) == JsNoError)

static JsPropertyIdRef pid(const char *name) {
    JsPropertyIdRef id = JS_INVALID_REFERENCE;
    if (JsCreatePropertyId(name, strlen(name), &id) != JsNoError) return JS_INVALID_REFERENCE;
    return id;
}

static JsValueRef str(const char *s) {
    JsValueRef v = JS_INVALID_REFERENCE;
    JsCreateString(s, strlen(s), &v);
    return v;
}

/* Copies a JS value's ToString into buf (NUL-terminated). */
static int text(JsValueRef v, char *buf, size_t n) {
    JsValueRef s;
    size_t written = 0;
    if (JsConvertValueToString(v, &s) != JsNoError) return 1;
    if (JsCopyString(s, buf, n - 1, &written) != JsNoError) return 1;
    buf[written] = 0;
    return 0;
}

static int calls_seen;

static JsValueRef CHAKRA_CALLBACK add(JsValueRef callee, bool construct, JsValueRef *args,
                                      unsigned short argc, void *state) {
    double a = 0, b = 0;
    JsValueRef r = JS_INVALID_REFERENCE;
    (void)callee;
    (void)construct;
    calls_seen += *(int *)state;
    if (argc >= 3) {
        JsNumberToDouble(args[1], &a);
        JsNumberToDouble(args[2], &b);
    }
    JsDoubleToNumber(a + b, &r);
    return r;
}

static JsValueRef CHAKRA_CALLBACK thrower(JsValueRef callee, bool construct, JsValueRef *args,
                                          unsigned short argc, void *state) {
    JsValueRef err;
    (void)callee;
    (void)construct;
    (void)args;
    (void)argc;
    (void)state;
    JsCreateTypeError(str("from host"), &err);
    JsSetException(err);
    return JS_INVALID_REFERENCE;
}

static JsValueRef CHAKRA_CALLBACK ctor(JsValueRef callee, JsValueRef *args, unsigned short argc,
                                       JsNativeFunctionInfo *info, void *state) {
    (void)callee;
    (void)argc;
    (void)state;
    /* Constructed: `this` is a fresh object whose prototype is ctor.prototype. */
    if (info->isConstructCall && args[0] == info->thisArg) {
        JsSetProperty(info->thisArg, pid("made"), args[1], true);
    }
    return JS_INVALID_REFERENCE;
}

int scenario_objects(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef o, v, global, arr, desc, names, t, f, err, result;
    JsPropertyIdRef x = JS_INVALID_REFERENCE;
    bool b = false;
    int i = 0, one = 1;
    double d = 0;
    char buf[256];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsGetGlobalObject(&global));

    /* Named properties: set/get/has/delete, order of names. */
    OK(JsCreateObject(&o));
    x = pid("x");
    CHECK(x != JS_INVALID_REFERENCE);
    OK(JsIntToNumber(42, &v));
    OK(JsSetProperty(o, x, v, true));
    OK(JsSetProperty(o, pid("b"), v, true));
    OK(JsSetProperty(o, pid("a"), v, true));
    OK(JsGetProperty(o, x, &v));
    OK(JsNumberToInt(v, &i));
    CHECK(i == 42);
    OK(JsHasProperty(o, x, &b));
    CHECK(b);
    OK(JsHasOwnProperty(o, pid("toString"), &b));
    CHECK(!b);
    OK(JsHasProperty(o, pid("toString"), &b));
    CHECK(b);
    OK(JsGetOwnPropertyNames(o, &names));
    OK(JsIntToNumber(2, &t));
    OK(JsGetIndexedProperty(names, t, &v));
    CHECK(text(v, buf, sizeof buf) == 0 && strcmp(buf, "a") == 0);
    OK(JsDeleteProperty(o, x, true, &result));
    OK(JsBooleanToBool(result, &b));
    CHECK(b);
    OK(JsGetProperty(o, x, &v));
    OK(JsGetValueType(v, (JsValueType *)&i));
    CHECK(i == JsUndefined);

    /* Descriptors: a read-only property refuses strict assignment with a TypeError. */
    OK(JsCreateObject(&desc));
    OK(JsIntToNumber(7, &v));
    OK(JsSetProperty(desc, pid("value"), v, true));
    OK(JsDefineProperty(o, pid("ro"), desc, &b));
    CHECK(b);
    CHECK(JsSetProperty(o, pid("ro"), v, true) == JsErrorScriptException);
    OK(JsHasException(&b));
    CHECK(b);
    OK(JsGetAndClearException(&err));
    CHECK(text(err, buf, sizeof buf) == 0 && strncmp(buf, "TypeError", 9) == 0);
    CHECK(JsGetAndClearException(&err) == JsErrorInvalidArgument);
    OK(JsSetProperty(o, pid("ro"), v, false)); /* sloppy: silently ignored */
    OK(JsGetOwnPropertyDescriptor(o, pid("ro"), &desc));
    OK(JsGetProperty(desc, pid("writable"), &v));
    OK(JsBooleanToBool(v, &b));
    CHECK(!b);

    /* Arrays: indexed properties, length, "100" names index 100. */
    OK(JsCreateArray(3, &arr));
    OK(JsIntToNumber(100, &t));
    OK(JsSetIndexedProperty(arr, t, str("hundred")));
    OK(JsGetProperty(arr, pid("length"), &v));
    OK(JsNumberToDouble(v, &d));
    CHECK(d == 101);
    OK(JsGetProperty(arr, pid("100"), &v));
    CHECK(text(v, buf, sizeof buf) == 0 && strcmp(buf, "hundred") == 0);
    OK(JsHasOwnItem(arr, 100, &b));
    CHECK(b);
    OK(JsDeleteProperty(arr, pid("100"), true, &result));
    OK(JsHasOwnItem(arr, 100, &b));
    CHECK(!b);
    OK(JsHasOwnItem(arr, 1, &b));
    CHECK(!b);
    OK(JsGetValueType(arr, (JsValueType *)&i));
    CHECK(i == JsArray);

    /* Prototypes and instanceof. */
    OK(JsGetProperty(global, pid("Error"), &f));
    OK(JsCreateRangeError(str("range"), &err));
    OK(JsInstanceOf(err, f, &b));
    CHECK(b);
    CHECK(text(err, buf, sizeof buf) == 0 && strcmp(buf, "RangeError: range") == 0);
    OK(JsGetValueType(err, (JsValueType *)&i));
    CHECK(i == JsError);
    OK(JsCreateObject(&t));
    OK(JsSetPrototype(t, o));
    OK(JsGetProperty(t, pid("ro"), &v));
    OK(JsNumberToInt(v, &i));
    CHECK(i == 7);
    CHECK(JsSetPrototype(o, t) == JsErrorScriptException); /* cycle */
    OK(JsGetAndClearException(&err));

    /* Conversions and comparisons. */
    OK(JsConvertValueToString(o, &v));
    CHECK(text(v, buf, sizeof buf) == 0 && strcmp(buf, "[object Object]") == 0);
    OK(JsConvertValueToNumber(str(" 12.5 "), &v));
    OK(JsNumberToDouble(v, &d));
    CHECK(d == 12.5);
    OK(JsIntToNumber(12, &t));
    OK(JsEquals(str("12"), t, &b));
    CHECK(b);
    OK(JsStrictEquals(str("12"), t, &b));
    CHECK(!b);
    OK(JsStrictEquals(str("ab"), str("ab"), &b));
    CHECK(b);
    OK(JsLessThan(str("a"), str("b"), &b));
    CHECK(b);
    OK(JsLessThanOrEqual(t, t, &b));
    CHECK(b);
    OK(JsDoubleToNumber(2147483648.1, &v));
    OK(JsNumberToInt(v, &i));
    CHECK(i == (-2147483647 - 1));

    /* Host functions: call, construct, exceptions from the host. */
    OK(JsCreateFunction(add, &one, &f));
    {
        JsValueRef args[3];
        OK(JsGetUndefinedValue(&args[0]));
        OK(JsIntToNumber(2, &args[1]));
        OK(JsIntToNumber(3, &args[2]));
        OK(JsCallFunction(f, args, 3, &result));
        OK(JsNumberToInt(result, &i));
        CHECK(i == 5 && calls_seen == 1);
        CHECK(JsCallFunction(f, NULL, 10, &result) == JsErrorInvalidArgument);
        CHECK(JsCallFunction(f, args, 0, &result) == JsErrorInvalidArgument);
        args[0] = JS_INVALID_REFERENCE;
        CHECK(JsCallFunction(f, args, 1, &result) == JsErrorInvalidArgument);
    }
    OK(JsIsCallable(f, &b));
    CHECK(b);
    OK(JsCreateFunction(thrower, NULL, &f));
    {
        JsValueRef args[1];
        OK(JsGetUndefinedValue(&args[0]));
        CHECK(JsCallFunction(f, args, 1, &result) == JsErrorScriptException);
        OK(JsGetAndClearException(&err));
        CHECK(text(err, buf, sizeof buf) == 0 && strcmp(buf, "TypeError: from host") == 0);
    }
    OK(JsCreateEnhancedFunction(ctor, str("Ctor"), NULL, &f));
    {
        JsValueRef args[2], proto;
        OK(JsGetUndefinedValue(&args[0]));
        args[1] = str("yes");
        OK(JsConstructObject(f, args, 2, &result));
        OK(JsGetProperty(result, pid("made"), &v));
        CHECK(text(v, buf, sizeof buf) == 0 && strcmp(buf, "yes") == 0);
        OK(JsGetProperty(f, pid("prototype"), &proto));
        OK(JsInstanceOf(result, f, &b));
        CHECK(b);
        OK(JsGetProperty(f, pid("name"), &v));
        CHECK(text(v, buf, sizeof buf) == 0 && strcmp(buf, "Ctor") == 0);
    }

    /* Symbols as property keys. */
    {
        JsValueRef sym, syms;
        JsPropertyIdRef sid;
        OK(JsCreateSymbol(str("tag"), &sym));
        OK(JsGetPropertyIdFromSymbol(sym, &sid));
        OK(JsSetProperty(o, sid, t, true));
        OK(JsGetOwnPropertySymbols(o, &syms));
        OK(JsGetProperty(syms, pid("length"), &v));
        OK(JsNumberToInt(v, &i));
        CHECK(i == 1);
        OK(JsObjectGetProperty(o, sym, &v));
        OK(JsStrictEquals(v, t, &b));
        CHECK(b);
    }

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

/* Memory refused in a script-entering API is a thrown "Out of memory" Error; in a
 * non-script API it is JsErrorOutOfMemory. The runtime stays usable. */
int scenario_oom_exception(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef o, v, err;
    JsPropertyIdRef id;
    JsErrorCode e = JsNoError;
    int n = 0;
    char buf[64];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsCreateArray(0, &o));
    OK(JsSetRuntimeMemoryLimit(rt, 4u << 20));
    /* Fill an array with objects (each with a property) until memory runs out. */
    id = pid("k");
    for (n = 0; n < 10000000; n++) {
        JsValueRef item, idx;
        e = JsCreateObject(&item);
        if (e != JsNoError) break;
        e = JsSetProperty(item, id, o, true);
        if (e != JsNoError) break;
        e = JsIntToNumber(n, &idx);
        if (e != JsNoError) break;
        e = JsSetIndexedProperty(o, idx, item);
        if (e != JsNoError) break;
    }
    CHECK(e == JsErrorScriptException || e == JsErrorOutOfMemory);
    if (e == JsErrorScriptException) {
        OK(JsGetAndClearException(&err));
        OK(JsGetProperty(err, pid("message"), &v));
        CHECK(text(v, buf, sizeof buf) == 0 && strcmp(buf, "Out of memory") == 0);
    }
    {
        size_t usage = 0;
        OK(JsGetRuntimeMemoryUsage(rt, &usage));
        CHECK(usage <= (4u << 20));
    }
    /* Drop the object, collect, and the runtime works again. */
    o = JS_INVALID_REFERENCE;
    OK(JsCollectGarbage(rt));
    OK(JsCreateObject(&o));
    OK(JsSetProperty(o, pid("again"), o, true));
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

static int external_freed;
static void CHAKRA_CALLBACK free_external(void *state) {
    external_freed += (state == (void *)&external_freed);
}

/* ArrayBuffer contents come from the memory manager (usage grows by the length, and returns
 * after collection); external buffers are the host's and their callback runs once. */
int scenario_array_buffer(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef ab, ext;
    ChakraBytePtr p = NULL;
    unsigned int len = 0;
    size_t before = 0, after = 0, end = 0;
    char extra = 0;
    static unsigned char host_bytes[64];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsGetRuntimeMemoryUsage(rt, &before));
    OK(JsCreateArrayBuffer(1u << 20, &ab));
    OK(JsGetRuntimeMemoryUsage(rt, &after));
    CHECK(after >= before + (1u << 20));
    OK(JsGetArrayBufferStorage(ab, &p, &len));
    CHECK(p != NULL && len == (1u << 20) && p[12345] == 0);
    p[0] = 7;
    OK(JsSetArrayBufferExtraInfo(ab, 5));
    OK(JsGetArrayBufferExtraInfo(ab, &extra));
    CHECK(extra == 5);
    OK(JsDetachArrayBuffer(ab));
    OK(JsGetArrayBufferStorage(ab, &p, &len));
    CHECK(p == NULL && len == 0);
    OK(JsGetRuntimeMemoryUsage(rt, &end));
    CHECK(end < after);

    OK(JsCreateExternalArrayBuffer(host_bytes, sizeof host_bytes, free_external, &external_freed,
                                   &ext));
    OK(JsGetArrayBufferStorage(ext, &p, &len));
    CHECK(p == host_bytes && len == sizeof host_bytes);
    {
        JsValueType t;
        OK(JsGetValueType(ext, &t));
        CHECK(t == JsArrayBuffer);
    }
    CHECK(JsGetArrayBufferStorage(JS_INVALID_REFERENCE, &p, &len) == JsErrorInvalidArgument);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    CHECK(external_freed == 1);
    return 0;
}
