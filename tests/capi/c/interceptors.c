/* C scenarios for custom external objects (host traps) and external indexed storage. Each
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

/* ToString of v into buf. */
static void text(JsValueRef v, char *buf, size_t n) {
    JsValueRef s;
    size_t written = 0;
    buf[0] = 0;
    if (JsConvertValueToString(v, &s) != JsNoError) return;
    if (JsCopyString(s, buf, n - 1, &written) != JsNoError) return;
    buf[written] = 0;
}

static double num(JsValueRef v) {
    double d = -12345;
    JsNumberToDouble(v, &d);
    return d;
}

static JsValueRef undef(void) {
    JsValueRef u = JS_INVALID_REFERENCE;
    JsGetUndefinedValue(&u);
    return u;
}

/* What the traps saw last. */
static int init_calls, get_calls, set_calls, has_calls, delete_calls;
static char last_name[64];
static int last_numeric;
static double last_index, last_value;
static JsValueRef last_this;

static void record(JsValueRef *args, unsigned short argc) {
    bool b = false;
    last_this = args[0];
    if (argc > 1) text(args[1], last_name, sizeof last_name);
    if (argc > 2 && JsBooleanToBool(args[2], &b) == JsNoError) last_numeric = b;
    last_index = -1;
    if (argc > 3) {
        JsValueType t;
        if (JsGetValueType(args[3], &t) == JsNoError && t == JsNumber) last_index = num(args[3]);
    }
}

static JsValueRef CHAKRA_CALLBACK init_trap(JsValueRef callee, bool construct, JsValueRef *args,
                                            unsigned short argc, void *state) {
    (void)callee, (void)construct, (void)args, (void)argc, (void)state;
    init_calls++;
    return undef();
}

/* get: "magic" → 42, numeric names → index * 10, anything else: not here (undefined). */
static JsValueRef CHAKRA_CALLBACK get_trap(JsValueRef callee, bool construct, JsValueRef *args,
                                           unsigned short argc, void *state) {
    JsValueRef r = JS_INVALID_REFERENCE;
    (void)callee, (void)construct, (void)state;
    get_calls++;
    record(args, argc);
    if (strcmp(last_name, "magic") == 0) JsIntToNumber(42, &r);
    else if (strcmp(last_name, "boom") == 0) {
        JsValueRef msg, err;
        JsCreateString("boom", 4, &msg);
        JsCreateError(msg, &err);
        JsSetException(err);
        return undef();
    } else if (last_numeric) JsDoubleToNumber(last_index * 10, &r);
    else r = undef();
    return r;
}

static JsValueRef CHAKRA_CALLBACK set_trap(JsValueRef callee, bool construct, JsValueRef *args,
                                           unsigned short argc, void *state) {
    JsValueRef r;
    (void)callee, (void)construct, (void)state;
    set_calls++;
    record(args, argc);
    last_value = argc > 4 ? num(args[4]) : -1;
    /* Refuse names starting with "ro". */
    JsBoolToBoolean(strncmp(last_name, "ro", 2) != 0, &r);
    return r;
}

static JsValueRef CHAKRA_CALLBACK has_trap(JsValueRef callee, bool construct, JsValueRef *args,
                                           unsigned short argc, void *state) {
    JsValueRef r;
    (void)callee, (void)construct, (void)state;
    has_calls++;
    record(args, argc);
    JsBoolToBoolean(strcmp(last_name, "magic") == 0, &r);
    return r;
}

static JsValueRef CHAKRA_CALLBACK delete_trap(JsValueRef callee, bool construct,
                                              JsValueRef *args, unsigned short argc,
                                              void *state) {
    JsValueRef r;
    (void)callee, (void)construct, (void)state;
    delete_calls++;
    record(args, argc);
    JsBoolToBoolean(strcmp(last_name, "keep") != 0, &r);
    return r;
}

/* ownKeys: ["a", "b"]. */
static JsValueRef CHAKRA_CALLBACK own_keys_trap(JsValueRef callee, bool construct,
                                                JsValueRef *args, unsigned short argc,
                                                void *state) {
    JsValueRef arr, s, zero, one;
    (void)callee, (void)construct, (void)args, (void)argc, (void)state;
    JsCreateArray(0, &arr);
    JsIntToNumber(0, &zero);
    JsIntToNumber(1, &one);
    JsCreateString("a", 1, &s);
    JsSetIndexedProperty(arr, zero, s);
    JsCreateString("b", 1, &s);
    JsSetIndexedProperty(arr, one, s);
    return arr;
}

/* getOwnPropertyDescriptor: {value: name, enumerable: true} for "a"/"b", else undefined. */
static JsValueRef CHAKRA_CALLBACK gopd_trap(JsValueRef callee, bool construct, JsValueRef *args,
                                            unsigned short argc, void *state) {
    JsValueRef d, t;
    (void)callee, (void)construct, (void)state;
    record(args, argc);
    if (strcmp(last_name, "a") != 0 && strcmp(last_name, "b") != 0) return undef();
    JsCreateObject(&d);
    JsSetProperty(d, pid("value"), args[1], true);
    JsBoolToBoolean(true, &t);
    JsSetProperty(d, pid("enumerable"), t, true);
    return d;
}

static int traced;
static void CHAKRA_CALLBACK trace_cb(void *data) {
    if (data != NULL && *(int *)data == 0x5eed) traced++;
}

static int finalized;
static void CHAKRA_CALLBACK fin(void *data) {
    (void)data;
    finalized++;
}

static JsValueRef fn(JsNativeFunction f) {
    JsValueRef r = JS_INVALID_REFERENCE;
    JsCreateFunction(f, NULL, &r);
    return r;
}

int scenario_custom_external(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef o, o2, proto, v, seven, five, three, result;
    JsGetterSetterInterceptor *ic = NULL, *ic2;
    JsGetterSetterInterceptor fake;
    bool has = false;
    char buf[64];
    void *data = NULL;
    int marker = 0;
    unsigned char bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    OK(JsCreateObject(&proto));
    OK(JsIntToNumber(7, &seven));
    OK(JsSetProperty(proto, pid("other"), seven, true));

    /* Argument errors. */
    CHECK(JsCreateCustomExternalObject(&marker, 0, NULL, fin, NULL, proto, &o) ==
          JsErrorNullArgument);
    CHECK(JsCreateCustomExternalObject(&marker, 0, NULL, fin, &ic, proto, NULL) ==
          JsErrorNullArgument);
    memset(&fake, 0, sizeof fake);
    ic2 = &fake;
    CHECK(JsCreateCustomExternalObject(&marker, 0, NULL, NULL, &ic2, proto, &o) ==
          JsErrorInvalidArgument);
    OK(JsIntToNumber(1, &v));
    CHECK(JsCreateCustomExternalObject(&marker, 0, NULL, NULL, &ic, v, &o) ==
          JsErrorInvalidArgument);

    /* A new trap table comes back through the pointer. */
    CHECK(ic == NULL);
    OK(JsCreateCustomExternalObject(&marker, 0, NULL, fin, &ic, proto, &o));
    CHECK(ic != NULL);
    OK(JsHasExternalData(o, &has));
    CHECK(has);
    OK(JsGetExternalData(o, &data));
    CHECK(data == &marker);

    /* Without traps it is an ordinary object. */
    OK(JsIntToNumber(5, &five));
    OK(JsSetProperty(o, pid("plain"), five, true));
    OK(JsGetProperty(o, pid("plain"), &v));
    CHECK(num(v) == 5);
    OK(JsGetProperty(o, pid("other"), &v));
    CHECK(num(v) == 7);

    ic->initializerTrap = fn(init_trap);
    ic->getTrap = fn(get_trap);
    ic->setTrap = fn(set_trap);
    ic->hasTrap = fn(has_trap);
    ic->deletePropertyTrap = fn(delete_trap);
    /* The table keeps its functions alive: no other reference to them exists now. */
    OK(JsCollectGarbage(rt));

    /* get: the trap answers; `undefined` goes on to the prototype. */
    OK(JsGetProperty(o, pid("magic"), &v));
    CHECK(num(v) == 42);
    CHECK(init_calls == 1);
    CHECK(strcmp(last_name, "magic") == 0 && last_numeric == 0 && last_index == -1);
    CHECK(last_this == o);
    OK(JsGetProperty(o, pid("other"), &v));
    CHECK(num(v) == 7);
    /* The trap shadows even own properties: "plain" is not answered by the trap. */
    OK(JsGetProperty(o, pid("plain"), &v));
    {
        JsValueType t;
        OK(JsGetValueType(v, &t));
        CHECK(t == JsUndefined);
    }
    OK(JsIntToNumber(3, &three));
    OK(JsGetIndexedProperty(o, three, &v));
    CHECK(num(v) == 30);
    CHECK(strcmp(last_name, "3") == 0 && last_numeric == 1 && last_index == 3);
    /* A trap that throws. */
    CHECK(JsGetProperty(o, pid("boom"), &v) == JsErrorScriptException);
    OK(JsGetAndClearException(&v));
    CHECK(init_calls == 1);

    /* has. */
    OK(JsHasProperty(o, pid("magic"), &has));
    CHECK(has);
    OK(JsHasProperty(o, pid("nothing"), &has));
    CHECK(!has);
    OK(JsHasProperty(o, pid("other"), &has)); /* found on the prototype */
    CHECK(has);

    /* set: the trap gets the value; its result is the success. */
    set_calls = 0;
    OK(JsSetProperty(o, pid("x"), five, true));
    CHECK(set_calls == 1 && strcmp(last_name, "x") == 0 && last_value == 5);
    OK(JsSetIndexedProperty(o, three, seven));
    CHECK(set_calls == 2 && strcmp(last_name, "3") == 0 && last_numeric && last_value == 7);
    /* A refusal is a TypeError under strict rules, silent otherwise. */
    OK(JsSetProperty(o, pid("ro"), five, false));
    CHECK(JsSetProperty(o, pid("ro"), five, true) == JsErrorScriptException);
    OK(JsGetAndClearException(&v));

    /* delete. */
    OK(JsDeleteProperty(o, pid("gone"), true, &result));
    CHECK(result != JS_INVALID_REFERENCE);
    text(result, buf, sizeof buf);
    CHECK(strcmp(buf, "true") == 0);
    OK(JsDeleteProperty(o, pid("keep"), false, &result));
    text(result, buf, sizeof buf);
    CHECK(strcmp(buf, "false") == 0);
    CHECK(delete_calls == 2);

    /* ownKeys and getOwnPropertyDescriptor. */
    ic->ownKeysTrap = fn(own_keys_trap);
    ic->getOwnPropertyDescriptorTrap = fn(gopd_trap);
    OK(JsGetOwnPropertyNames(o, &v));
    {
        JsValueRef len, e0;
        OK(JsGetProperty(v, pid("length"), &len));
        CHECK(num(len) == 2);
        OK(JsIntToNumber(0, &e0));
        OK(JsGetIndexedProperty(v, e0, &e0));
        text(e0, buf, sizeof buf);
        CHECK(strcmp(buf, "a") == 0);
    }
    OK(JsGetOwnPropertyDescriptor(o, pid("b"), &v));
    {
        JsValueRef f;
        OK(JsGetProperty(v, pid("value"), &f));
        text(f, buf, sizeof buf);
        CHECK(strcmp(buf, "b") == 0);
        OK(JsGetProperty(v, pid("configurable"), &f));
        text(f, buf, sizeof buf);
        CHECK(strcmp(buf, "false") == 0);
    }

    /* A trap that is not a function is a TypeError when used. */
    OK(JsIntToNumber(1, &v));
    ic->hasTrap = v;
    CHECK(JsHasProperty(o, pid("magic"), &has) == JsErrorScriptException);
    OK(JsGetAndClearException(&v));
    ic->hasTrap = fn(has_trap);

    /* A second object shares the table (and the initializer runs for it too). */
    ic2 = ic;
    OK(JsCreateCustomExternalObject(NULL, 0, NULL, NULL, &ic2, JS_INVALID_REFERENCE, &o2));
    CHECK(ic2 == ic);
    OK(JsGetProperty(o2, pid("magic"), &v));
    CHECK(num(v) == 42);
    CHECK(init_calls == 2);

    /* Inline slots: a copy of the host's bytes, which then are the external data. */
    ic2 = NULL;
    OK(JsCreateCustomExternalObject(bytes, sizeof bytes, NULL, NULL, &ic2, JS_INVALID_REFERENCE,
                                    &o2));
    OK(JsGetExternalData(o2, &data));
    CHECK(data != (void *)bytes && memcmp(data, bytes, sizeof bytes) == 0);
    CHECK(JsCreateCustomExternalObject(NULL, (size_t)1 << 33, NULL, NULL, &ic2,
                                       JS_INVALID_REFERENCE, &o2) == JsErrorInvalidArgument);

    /* The trace callback runs with the external data whenever the object is marked. */
    ic2 = NULL;
    marker = 0x5eed;
    OK(JsCreateCustomExternalObject(&marker, 0, trace_cb, NULL, &ic2, JS_INVALID_REFERENCE,
                                    &o2));
    OK(JsAddRef(o2, NULL));
    OK(JsCollectGarbage(rt));
    CHECK(traced > 0);
    OK(JsRelease(o2, NULL));

    /* The finalizer runs once, at the latest when the runtime goes. */
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    CHECK(finalized == 1);
    return 0;
}

int scenario_external_indexed(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef o, a, v, idx, big;
    unsigned char u8[4] = {0, 0, 9, 0};
    short i16[3] = {0, 0, 0};
    double f64[2] = {0, 0};
    void *data = NULL;
    JsTypedArrayType type = JsArrayTypeInt32;
    unsigned int len = 99;
    bool has = true;
    char buf[32];
    int i;

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsCreateObject(&o));

    OK(JsHasIndexedPropertiesExternalData(o, &has));
    CHECK(!has);
    CHECK(JsGetIndexedPropertiesExternalData(o, &data, &type, &len) == JsErrorInvalidArgument);
    OK(JsIntToNumber(3, &v));
    OK(JsHasIndexedPropertiesExternalData(v, &has));
    CHECK(!has);

    /* Refusals. */
    OK(JsCreateArray(0, &a));
    CHECK(JsSetIndexedPropertiesToExternalData(a, u8, JsArrayTypeUint8, 4) ==
          JsErrorInvalidArgument);
    CHECK(JsSetIndexedPropertiesToExternalData(o, NULL, JsArrayTypeUint8, 4) ==
          JsErrorInvalidArgument);
    CHECK(JsSetIndexedPropertiesToExternalData(o, u8, (JsTypedArrayType)42, 4) ==
          JsErrorInvalidArgument);
    CHECK(JsSetIndexedPropertiesToExternalData(v, u8, JsArrayTypeUint8, 4) ==
          JsErrorArgumentNotObject);

    OK(JsSetIndexedPropertiesToExternalData(o, u8, JsArrayTypeUint8, 4));
    OK(JsHasIndexedPropertiesExternalData(o, &has));
    CHECK(has);
    OK(JsGetIndexedPropertiesExternalData(o, &data, &type, &len));
    CHECK(data == u8 && type == JsArrayTypeUint8 && len == 4);

    OK(JsIntToNumber(2, &idx));
    OK(JsGetIndexedProperty(o, idx, &v));
    CHECK(num(v) == 9);
    OK(JsIntToNumber(1, &idx));
    OK(JsIntToNumber(300, &v));
    OK(JsSetIndexedProperty(o, idx, v));
    CHECK(u8[1] == 44); /* 300 mod 256 */
    OK(JsIntToNumber(-1, &v));
    OK(JsSetIndexedProperty(o, idx, v));
    CHECK(u8[1] == 255);
    /* Out of range: reads undefined, writes are ignored, nothing is added. */
    OK(JsIntToNumber(10, &big));
    OK(JsSetIndexedProperty(o, big, v));
    OK(JsGetIndexedProperty(o, big, &v));
    {
        JsValueType t;
        OK(JsGetValueType(v, &t));
        CHECK(t == JsUndefined);
    }
    OK(JsHasIndexedProperty(o, big, &has));
    CHECK(!has);
    OK(JsHasIndexedProperty(o, idx, &has));
    CHECK(has);
    /* Elements cannot be deleted (the delete is quietly refused). */
    OK(JsDeleteIndexedProperty(o, idx));
    OK(JsHasIndexedProperty(o, idx, &has));
    CHECK(has);
    /* Own keys list the elements. */
    OK(JsGetOwnPropertyNames(o, &v));
    OK(JsGetProperty(v, pid("length"), &v));
    CHECK(num(v) == 4);

    /* Clamped: round half to even, clamp. */
    OK(JsSetIndexedPropertiesToExternalData(o, u8, JsArrayTypeUint8Clamped, 4));
    OK(JsIntToNumber(0, &idx));
    OK(JsDoubleToNumber(2.5, &v));
    OK(JsSetIndexedProperty(o, idx, v));
    CHECK(u8[0] == 2);
    OK(JsDoubleToNumber(1000, &v));
    OK(JsSetIndexedProperty(o, idx, v));
    CHECK(u8[0] == 255);

    /* Int16 (with ToNumber of a string) and Float64. */
    OK(JsSetIndexedPropertiesToExternalData(o, i16, JsArrayTypeInt16, 3));
    OK(JsCreateString("40000", 5, &v));
    OK(JsIntToNumber(2, &idx));
    OK(JsSetIndexedProperty(o, idx, v));
    CHECK(i16[2] == (short)(40000 - 65536));
    OK(JsGetIndexedProperty(o, idx, &v));
    CHECK(num(v) == 40000 - 65536);
    OK(JsSetIndexedPropertiesToExternalData(o, f64, JsArrayTypeFloat64, 2));
    for (i = 0; i < 2; i++) {
        OK(JsIntToNumber(i, &idx));
        OK(JsDoubleToNumber(0.5 + i, &v));
        OK(JsSetIndexedProperty(o, idx, v));
    }
    CHECK(f64[0] == 0.5 && f64[1] == 1.5);
    OK(JsIntToNumber(1, &idx));
    OK(JsGetIndexedProperty(o, idx, &v));
    text(v, buf, sizeof buf);
    CHECK(strcmp(buf, "1.5") == 0);

    /* Zero length with NULL data is allowed. */
    OK(JsSetIndexedPropertiesToExternalData(o, NULL, JsArrayTypeFloat32, 0));
    OK(JsGetIndexedPropertiesExternalData(o, &data, &type, &len));
    CHECK(data == NULL && type == JsArrayTypeFloat32 && len == 0);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
