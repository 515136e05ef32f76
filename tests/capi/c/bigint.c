/* C scenario for BigInt values through JsRT: JsGetValueType reports JsBigInt (13, Conch's
 * extension documented in jsrt.h), and the conversion and comparison APIs behave as the
 * language's operations do (ToString gives the decimal digits, ToNumber is a TypeError thrown
 * as a script exception, ToObject gives a wrapper). Returns 0 on success and prints what
 * failed otherwise. */
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

static const WCHAR *w(const char *s) {
    static WCHAR bufs[4][512];
    static int next;
    WCHAR *b = bufs[next++ & 3];
    size_t i;
    for (i = 0; s[i] && i < 511; i++) b[i] = (unsigned char)s[i];
    b[i] = 0;
    return b;
}

static int run(const char *src, JsValueRef *r) {
    return JsRunScript(w(src), JS_SOURCE_CONTEXT_NONE, w("bigint.js"), r) != JsNoError;
}

static int text(JsValueRef v, char *buf, size_t n) {
    JsValueRef s;
    size_t written = 0;
    if (JsConvertValueToString(v, &s) != JsNoError) return 1;
    if (JsCopyString(s, buf, n - 1, &written) != JsNoError) return 1;
    buf[written] = 0;
    return 0;
}

int scenario_bigint_values(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef big, zero, r, exc;
    JsValueType type;
    bool b;
    char t[256];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(JsBigInt == 13);

    CHECK(run("2n ** 100n", &big) == 0);
    OK(JsGetValueType(big, &type));
    CHECK(type == JsBigInt);
    CHECK(text(big, t, sizeof t) == 0 && strcmp(t, "1267650600228229401496703205376") == 0);
    CHECK(run("0n", &zero) == 0);
    OK(JsGetValueType(zero, &type));
    CHECK(type == JsBigInt);

    /* ToBoolean: only 0n is false. */
    OK(JsConvertValueToBoolean(big, &r));
    OK(JsBooleanToBool(r, &b));
    CHECK(b);
    OK(JsConvertValueToBoolean(zero, &r));
    OK(JsBooleanToBool(r, &b));
    CHECK(!b);

    /* ToNumber throws a TypeError, as Number conversion does in script. */
    CHECK(JsConvertValueToNumber(big, &r) == JsErrorScriptException);
    OK(JsGetAndClearException(&exc));
    CHECK(text(exc, t, sizeof t) == 0 && strstr(t, "TypeError") == t);

    /* ToObject: a wrapper object whose valueOf is the BigInt. */
    OK(JsConvertValueToObject(big, &r));
    OK(JsGetValueType(r, &type));
    CHECK(type == JsObject);
    OK(JsStrictEquals(r, big, &b));
    CHECK(!b);
    OK(JsEquals(r, big, &b));
    CHECK(b);

    /* Equality and order by value, across cells and with Numbers. */
    CHECK(run("2n ** 100n", &r) == 0);
    OK(JsStrictEquals(r, big, &b));
    CHECK(b);
    OK(JsIntToNumber(0, &r));
    OK(JsEquals(zero, r, &b));
    CHECK(b);
    OK(JsStrictEquals(zero, r, &b));
    CHECK(!b);
    OK(JsLessThan(r, big, &b));
    CHECK(b);

    /* A BigInt handed back to script keeps its type and value. */
    {
        JsValueRef global, fn, args[2];
        JsPropertyIdRef id;
        OK(JsGetGlobalObject(&global));
        OK(JsCreatePropertyId("big", 3, &id));
        OK(JsSetProperty(global, id, big, true));
        CHECK(run("typeof big + ':' + (big + 1n)", &r) == 0);
        CHECK(text(r, t, sizeof t) == 0 &&
              strcmp(t, "bigint:1267650600228229401496703205377") == 0);
        CHECK(run("(function (x) { return x * 2n; })", &fn) == 0);
        OK(JsGetUndefinedValue(&args[0]));
        args[1] = big;
        OK(JsCallFunction(fn, args, 2, &r));
        OK(JsGetValueType(r, &type));
        CHECK(type == JsBigInt);
        CHECK(text(r, t, sizeof t) == 0 && strcmp(t, "2535301200456458802993406410752") == 0);
    }

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
