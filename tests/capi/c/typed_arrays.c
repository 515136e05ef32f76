/* C scenario for typed arrays and DataViews through JsRT, in the manner of ChakraCore's
 * ArrayBufferTest: views created over an ArrayBuffer report the buffer, offset and length
 * they were made with, and their storage is the buffer's own bytes at that offset; views
 * created from a length or from an array own a new buffer; wrong kinds of argument are
 * JsErrorInvalidArgument; a view past the buffer's end is the constructor's RangeError; a
 * detached buffer's views have no bytes. Also the getters of the original Array.prototype
 * iteration functions. Returns 0 on success and prints what failed otherwise. */
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

static int run(const char *src, JsValueRef *r) {
    JsValueRef script, url;
    if (JsCreateString(src, strlen(src), &script) != JsNoError) return 1;
    if (JsCreateString("typed_arrays.js", 15, &url) != JsNoError) return 1;
    return JsRun(script, JS_SOURCE_CONTEXT_NONE, url, JsParseScriptAttributeNone, r) != JsNoError;
}

static int truthy(const char *src) {
    JsValueRef r;
    bool b = false;
    if (run(src, &r)) return 0;
    if (JsBooleanToBool(r, &b) != JsNoError) return 0;
    return b;
}

static int set_global(const char *name, JsValueRef v) {
    JsValueRef global;
    JsPropertyIdRef id;
    if (JsGetGlobalObject(&global) != JsNoError) return 1;
    if (JsCreatePropertyId(name, strlen(name), &id) != JsNoError) return 1;
    return JsSetProperty(global, id, v, true) != JsNoError;
}

static const int sizes[12] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8, 2};

int scenario_typed_array_views(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef buf, ta, dv, arr, got, exc;
    ChakraBytePtr base, p;
    unsigned int len, off, blen;
    JsTypedArrayType type;
    JsValueType vt;
    int esize, t;
    bool same;

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    OK(JsCreateArrayBuffer(128, &buf));
    OK(JsGetArrayBufferStorage(buf, &base, &len));
    CHECK(base != NULL && len == 128);

    for (t = JsArrayTypeInt8; t <= JsArrayTypeFloat16; t++) {
        /* Over the buffer: offset = one element, 12 elements. */
        OK(JsCreateTypedArray((JsTypedArrayType)t, buf, sizes[t], 12, &ta));
        OK(JsGetValueType(ta, &vt));
        CHECK(vt == JsTypedArray);
        OK(JsGetTypedArrayInfo(ta, &type, &got, &off, &blen));
        CHECK((int)type == t);
        OK(JsStrictEquals(got, buf, &same));
        CHECK(same);
        CHECK(off == (unsigned)sizes[t] && blen == 12u * sizes[t]);
        OK(JsGetTypedArrayStorage(ta, &p, &len, &type, &esize));
        CHECK(p == base + sizes[t] && len == 12u * sizes[t]);
        CHECK((int)type == t && esize == sizes[t]);
        /* Every output of the info call is optional. */
        OK(JsGetTypedArrayInfo(ta, NULL, NULL, NULL, NULL));
        OK(JsGetTypedArrayStorage(ta, &p, &len, NULL, NULL));

        /* No base: a new buffer of 5 elements. */
        OK(JsCreateTypedArray((JsTypedArrayType)t, JS_INVALID_REFERENCE, 0, 5, &ta));
        OK(JsGetTypedArrayInfo(ta, &type, &got, &off, &blen));
        CHECK((int)type == t && off == 0 && blen == 5u * sizes[t]);
        OK(JsStrictEquals(got, buf, &same));
        CHECK(!same);
        OK(JsGetTypedArrayStorage(ta, &p, &len, NULL, NULL));
        CHECK(p != NULL && len == 5u * sizes[t]);
        CHECK(p[0] == 0 && p[len - 1] == 0);
    }

    /* The storage is the buffer's bytes: a write from C is seen by script. */
    OK(JsCreateTypedArray(JsArrayTypeUint8, buf, 16, 4, &ta));
    OK(JsGetTypedArrayStorage(ta, &p, &len, NULL, NULL));
    p[2] = 200;
    CHECK(set_global("ta", ta) == 0);
    CHECK(truthy("ta[2] === 200 && ta.length === 4 && new Uint8Array(ta.buffer)[18] === 200"));

    /* From an array: the elements are converted and copied. */
    CHECK(run("[1, 2, 300, -1]", &arr) == 0);
    OK(JsCreateTypedArray(JsArrayTypeUint8, arr, 0, 0, &ta));
    OK(JsGetTypedArrayStorage(ta, &p, &len, NULL, NULL));
    CHECK(len == 4 && p[0] == 1 && p[1] == 2 && p[2] == 44 && p[3] == 255);
    OK(JsCreateTypedArray(JsArrayTypeFloat64, arr, 0, 0, &ta));
    OK(JsGetTypedArrayInfo(ta, NULL, NULL, NULL, &blen));
    CHECK(blen == 32);

    /* Arguments of the wrong kind. */
    CHECK(JsCreateTypedArray(JsArrayTypeUint8, arr, 4, 0, &ta) == JsErrorInvalidArgument);
    CHECK(JsCreateTypedArray(JsArrayTypeUint8, arr, 0, 3, &ta) == JsErrorInvalidArgument);
    CHECK(JsCreateTypedArray(JsArrayTypeUint8, JS_INVALID_REFERENCE, 4, 3, &ta) ==
          JsErrorInvalidArgument);
    CHECK(JsCreateTypedArray((JsTypedArrayType)99, buf, 0, 1, &ta) == JsErrorInvalidArgument);
    CHECK(JsCreateTypedArray(JsArrayTypeUint8, buf, 0, 1, NULL) == JsErrorNullArgument);
    CHECK(JsGetTypedArrayInfo(buf, &type, NULL, NULL, NULL) == JsErrorInvalidArgument);
    CHECK(JsGetTypedArrayInfo(arr, &type, NULL, NULL, NULL) == JsErrorInvalidArgument);
    CHECK(JsGetTypedArrayStorage(buf, &p, &len, NULL, NULL) == JsErrorInvalidArgument);
    CHECK(JsGetTypedArrayStorage(ta, NULL, &len, NULL, NULL) == JsErrorNullArgument);

    /* Past the buffer's end (and misaligned): the constructor's RangeError. */
    CHECK(JsCreateTypedArray(JsArrayTypeInt32, buf, 4, 100, &ta) == JsErrorScriptException);
    OK(JsGetAndClearException(&exc));
    CHECK(set_global("e", exc) == 0);
    CHECK(truthy("e instanceof RangeError"));
    CHECK(JsCreateTypedArray(JsArrayTypeInt32, buf, 3, 1, &ta) == JsErrorScriptException);
    OK(JsGetAndClearException(&exc));

    /* DataView: offset 3, 13 bytes. */
    OK(JsCreateDataView(buf, 3, 13, &dv));
    OK(JsGetValueType(dv, &vt));
    CHECK(vt == JsDataView);
    OK(JsGetDataViewInfo(dv, &got, &off, &blen));
    OK(JsStrictEquals(got, buf, &same));
    CHECK(same && off == 3 && blen == 13);
    OK(JsGetDataViewInfo(dv, NULL, NULL, NULL));
    OK(JsGetDataViewStorage(dv, &p, &len));
    CHECK(p == base + 3 && len == 13);
    p[0] = 0x12;
    p[1] = 0x34;
    CHECK(set_global("dv", dv) == 0);
    CHECK(truthy("dv.getUint16(0) === 0x1234 && dv.byteOffset === 3 && dv.byteLength === 13"));
    CHECK(JsCreateDataView(arr, 0, 1, &dv) == JsErrorInvalidArgument);
    CHECK(JsCreateDataView(buf, 120, 20, &dv) == JsErrorScriptException);
    OK(JsGetAndClearException(&exc));
    CHECK(JsGetDataViewInfo(ta, &got, NULL, NULL) == JsErrorInvalidArgument);
    CHECK(JsGetDataViewStorage(buf, &p, &len) == JsErrorInvalidArgument);

    /* Detached: the views have no bytes left. */
    OK(JsCreateTypedArray(JsArrayTypeUint16, buf, 2, 8, &ta));
    OK(JsCreateDataView(buf, 0, 8, &dv));
    OK(JsDetachArrayBuffer(buf));
    OK(JsGetTypedArrayStorage(ta, &p, &len, NULL, &esize));
    CHECK(p == NULL && len == 0 && esize == 2);
    OK(JsGetTypedArrayInfo(ta, NULL, NULL, NULL, &blen));
    CHECK(blen == 0);
    OK(JsGetDataViewStorage(dv, &p, &len));
    CHECK(p == NULL && len == 0);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

int scenario_array_functions(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef f;
    JsValueType vt;
    const char *names[4] = {"forEach", "keys", "values", "entries"};
    JsErrorCode (*getters[4])(JsValueRef *) = {JsGetArrayForEachFunction, JsGetArrayKeysFunction,
                                                JsGetArrayValuesFunction,
                                                JsGetArrayEntriesFunction};
    char src[160];
    int i;

    CHECK(JsGetArrayForEachFunction(&f) == JsErrorNoCurrentContext);
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(JsGetArrayForEachFunction(NULL) == JsErrorNullArgument);

    /* Script has replaced or deleted them: the getters still give the originals. */
    CHECK(truthy("globalThis.orig = [Array.prototype.forEach, Array.prototype.keys,"
                 " Array.prototype.values, Array.prototype.entries];"
                 " Array.prototype.forEach = null; delete Array.prototype.keys;"
                 " Array.prototype.values = function values() {}; true"));
    for (i = 0; i < 4; i++) {
        OK(getters[i](&f));
        OK(JsGetValueType(f, &vt));
        CHECK(vt == JsFunction);
        CHECK(set_global("f", f) == 0);
        snprintf(src, sizeof src, "f === orig[%d] && f.name === '%s'", i, names[i]);
        CHECK(truthy(src));
    }
    OK(JsGetArrayValuesFunction(&f));
    CHECK(set_global("f", f) == 0);
    CHECK(truthy("f === [][Symbol.iterator] && [...f.call([7, 8])].join() === '7,8'"));

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
