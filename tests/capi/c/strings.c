/* C scenario for strings, property ids and symbols, compiled against jsrt.h. Returns 0 on
 * success and prints what failed otherwise. */
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
#define FAILS(call, code) CHECK((call) == (code))

static size_t wlen(const WCHAR *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static int strings_in_and_out(void) {
    JsValueRef s = JS_INVALID_REFERENCE;
    char buf[32];
    size_t n = 0;
    int len = -1;

    /* ASCII: size query, then copy (no terminator written). */
    OK(JsCreateString("hello", 5, &s));
    OK(JsGetStringLength(s, &len));
    CHECK(len == 5);
    OK(JsCopyString(s, NULL, 0, &n));
    CHECK(n == 5);
    memset(buf, 'x', sizeof buf);
    OK(JsCopyString(s, buf, sizeof buf, &n));
    CHECK(n == 5 && memcmp(buf, "hello", 5) == 0 && buf[5] == 'x');

    /* UTF-8 with (size_t)-1 = strlen, round trip (ChakraCore's JsCreateStringTest). */
    const char utf8[] = "Test \xe2\x98\x83";
    OK(JsCreateString(utf8, (size_t)-1, &s));
    OK(JsGetStringLength(s, &len));
    CHECK(len == 6);
    OK(JsCopyString(s, buf, 10, &n));
    CHECK(n == strlen(utf8) && memcmp(buf, utf8, n) == 0);
    /* A short buffer gets whole characters only. */
    OK(JsCopyString(s, buf, 7, &n));
    CHECK(n == 5);

    /* Invalid UTF-8 becomes U+FFFD. */
    const char bad[] = {(char)0x80, 0};
    uint16_t u[8];
    OK(JsCreateString(bad, 1, &s));
    OK(JsCopyStringUtf16(s, 0, 1, u, &n));
    CHECK(n == 1 && u[0] == 0xFFFD);

    /* UTF-16 with a surrogate pair and a lone surrogate. */
    const uint16_t w[] = {'A', 0xD83D, 0xDE00, 0xD800, 0xE9};
    OK(JsCreateStringUtf16(w, 5, &s));
    OK(JsGetStringLength(s, &len));
    CHECK(len == 5);
    OK(JsCopyStringUtf16(s, 0, -1, NULL, &n));
    CHECK(n == 5);
    OK(JsCopyStringUtf16(s, 0, 5, u, &n));
    CHECK(n == 5 && memcmp(u, w, sizeof w) == 0);
    OK(JsCopyStringUtf16(s, 1, 2, u, &n));
    CHECK(n == 2 && u[0] == 0xD83D && u[1] == 0xDE00);
    FAILS(JsCopyStringUtf16(s, 6, 1, u, &n), JsErrorInvalidArgument);
    CHECK(n == 0);
    OK(JsCopyString(s, NULL, 0, &n));
    CHECK(n == 1 + 4 + 3 + 2); /* A, U+1F600, U+FFFD, U+00E9 */
    OK(JsCopyString(s, buf, sizeof buf, &n));
    CHECK(n == 10 && memcmp(buf, "A\xf0\x9f\x98\x80\xef\xbf\xbd\xc3\xa9", 10) == 0);

    /* One byte per unit: the low 8 bits (ChakraCore's JsCopyStringOneByteMethodTest). */
    const uint16_t ob[] = {'0', 0x10, 0x80, 0xA9, 0xABCD, 0xD801, 0xDC37, '7'};
    OK(JsCreateStringUtf16(ob, 8, &s));
    OK(JsCopyStringOneByte(s, 0, -1, NULL, &n));
    CHECK(n == 8);
    memset(buf, (char)0xff, sizeof buf);
    OK(JsCopyStringOneByte(s, 0, 10, buf, &n));
    CHECK(n == 8);
    CHECK(buf[0] == '0' && buf[1] == '\x10' && buf[2] == '\x80' && buf[3] == '\xa9');
    CHECK(buf[4] == '\xcd' && buf[5] == '\x01' && buf[6] == '\x37' && buf[7] == '7');
    CHECK(buf[8] == '\xff');

    /* WCHAR (UTF-16) pointers: NUL-terminated, stable, alive as long as the string. */
    static const WCHAR value1[] = {'v', 'a', 'l', 0xFC, 'e', '1', 0};
    OK(JsPointerToString(value1, wlen(value1), &s));
    const WCHAR *p = NULL, *q = NULL;
    size_t plen = 0;
    OK(JsStringToPointer(s, &p, &plen));
    CHECK(plen == 6 && memcmp(p, value1, sizeof value1) == 0);
    JsRuntimeHandle rt = JS_INVALID_RUNTIME_HANDLE;
    JsContextRef ctx = JS_INVALID_REFERENCE;
    OK(JsGetCurrentContext(&ctx));
    OK(JsGetRuntime(ctx, &rt));
    OK(JsCollectGarbage(rt));
    OK(JsStringToPointer(s, &q, &plen));
    CHECK(p == q && memcmp(q, value1, sizeof value1) == 0);
    return 0;
}

static int property_ids(void) {
    JsPropertyIdRef foo = JS_INVALID_REFERENCE, foo2 = JS_INVALID_REFERENCE;
    JsPropertyIdRef bar = JS_INVALID_REFERENCE, hundred = JS_INVALID_REFERENCE;
    JsPropertyIdType type = JsPropertyIdTypeSymbol;
    char buf[16];
    size_t n = 0;
    static const WCHAR foo_w[] = {'f', 'o', 'o', 0};

    OK(JsCreatePropertyId("foo", 3, &foo));
    OK(JsCreatePropertyId("foo", (size_t)-1, &foo2));
    CHECK(foo != JS_INVALID_REFERENCE && foo == foo2);
    OK(JsGetPropertyIdFromName(foo_w, &foo2));
    CHECK(foo == foo2);
    OK(JsCreatePropertyId("bar", 3, &bar));
    CHECK(bar != foo);
    OK(JsGetPropertyIdType(foo, &type));
    CHECK(type == JsPropertyIdTypeString);

    OK(JsCopyPropertyId(foo, NULL, 0, &n));
    CHECK(n == 3);
    OK(JsCopyPropertyId(foo, buf, sizeof buf, &n));
    CHECK(n == 3 && memcmp(buf, "foo", 3) == 0);
    const WCHAR *name = NULL;
    OK(JsGetPropertyNameFromId(foo, &name));
    CHECK(name != NULL && memcmp(name, foo_w, sizeof foo_w) == 0);

    /* The property string of a name is the same cell as its id. */
    JsValueRef fs = JS_INVALID_REFERENCE;
    OK(JsCreatePropertyString("foo", 3, &fs));
    CHECK(fs == (JsValueRef)foo);

    /* A numeric name. */
    OK(JsCreatePropertyId("100", 3, &hundred));
    OK(JsGetPropertyIdType(hundred, &type));
    CHECK(type == JsPropertyIdTypeString);
    OK(JsCopyPropertyId(hundred, buf, sizeof buf, &n));
    CHECK(n == 3 && memcmp(buf, "100", 3) == 0);

    /* With the property APIs: "100" is index 100 (ChakraCore's DeleteObjectIndexedPropertyBug). */
    JsValueRef arr = JS_INVALID_REFERENCE, v = JS_INVALID_REFERENCE, got = JS_INVALID_REFERENCE;
    JsValueRef idx = JS_INVALID_REFERENCE, res = JS_INVALID_REFERENCE;
    JsPropertyIdRef one = JS_INVALID_REFERENCE;
    bool has = false;
    OK(JsCreateArray(0, &arr));
    OK(JsIntToNumber(42, &v));
    OK(JsSetProperty(arr, hundred, v, true));
    OK(JsIntToNumber(100, &idx));
    OK(JsGetIndexedProperty(arr, idx, &got));
    CHECK(got == v);
    OK(JsIntToNumber(1, &idx));
    OK(JsSetIndexedProperty(arr, idx, v));
    OK(JsDeleteProperty(arr, hundred, true, &res));
    OK(JsHasProperty(arr, hundred, &has));
    CHECK(!has);
    OK(JsCreatePropertyId("1", 1, &one));
    OK(JsHasProperty(arr, one, &has));
    CHECK(has);

    /* Property ids are references the host can pin (ChakraCore's ReferenceCountingTest). */
    unsigned int count = 0;
    OK(JsAddRef(foo, &count));
    CHECK(count == 1);
    OK(JsRelease(foo, &count));
    CHECK(count == 0);

    /* Not property ids. */
    JsValueRef str = JS_INVALID_REFERENCE, obj = JS_INVALID_REFERENCE;
    OK(JsCreateString("not interned", 12, &str));
    OK(JsCreateObject(&obj));
    FAILS(JsGetPropertyIdType((JsPropertyIdRef)str, &type), JsErrorInvalidArgument);
    FAILS(JsGetPropertyIdType((JsPropertyIdRef)obj, &type), JsErrorInvalidArgument);
    return 0;
}

static int symbols(void) {
    JsValueRef object = JS_INVALID_REFERENCE, string1 = JS_INVALID_REFERENCE;
    JsValueRef symbol1 = JS_INVALID_REFERENCE, symbol2 = JS_INVALID_REFERENCE;
    JsValueRef back = JS_INVALID_REFERENCE;
    JsPropertyIdRef id = JS_INVALID_REFERENCE, foo = JS_INVALID_REFERENCE;
    JsPropertyIdType type = JsPropertyIdTypeString;
    JsValueType vt = JsUndefined;
    const WCHAR *name = NULL;
    static const WCHAR abc[] = {'a', 'b', 'c'};
    bool same = false;
    size_t n = 7;

    /* As ChakraCore's SymbolTests. */
    OK(JsCreateObject(&object));
    FAILS(JsGetPropertyIdFromSymbol(object, &id), JsErrorPropertyNotSymbol);
    OK(JsPointerToString(abc, 3, &string1));
    OK(JsCreateSymbol(string1, &symbol1));
    OK(JsCreateSymbol(JS_INVALID_REFERENCE, &symbol2));
    OK(JsGetValueType(symbol1, &vt));
    CHECK(vt == JsSymbol);
    OK(JsGetPropertyIdFromSymbol(symbol1, &id));
    FAILS(JsGetPropertyNameFromId(id, &name), JsErrorPropertyNotString);
    FAILS(JsCopyPropertyId(id, NULL, 0, &n), JsErrorPropertyNotString);
    CHECK(n == 0);
    OK(JsGetPropertyIdType(id, &type));
    CHECK(type == JsPropertyIdTypeSymbol);
    OK(JsGetSymbolFromPropertyId(id, &back));
    OK(JsStrictEquals(symbol1, back, &same));
    CHECK(same);
    OK(JsGetPropertyIdFromSymbol(symbol2, &id));
    OK(JsGetSymbolFromPropertyId(id, &back));
    CHECK(back == symbol2);
    /* Symbol-keyed properties. */
    JsValueRef value = JS_INVALID_REFERENCE, got = JS_INVALID_REFERENCE;
    OK(JsIntToNumber(1, &value));
    OK(JsGetPropertyIdFromSymbol(symbol1, &id));
    OK(JsSetProperty(object, id, value, true));
    OK(JsGetProperty(object, id, &got));
    CHECK(got == value);
    OK(JsCreatePropertyId("foo", 3, &foo));
    FAILS(JsGetSymbolFromPropertyId(foo, &back), JsErrorPropertyNotSymbol);
    CHECK(back == JS_INVALID_REFERENCE);

    /* A symbol description cannot be converted to a string: a TypeError. */
    FAILS(JsCreateSymbol(symbol1, &back), JsErrorScriptException);
    JsValueRef exception = JS_INVALID_REFERENCE;
    OK(JsGetAndClearException(&exception));

    JsPropertyIdRef it = JS_INVALID_REFERENCE, it2 = JS_INVALID_REFERENCE;
    OK(JsGetPropertyIdSymbolIterator(&it));
    OK(JsGetPropertyIdSymbolIterator(&it2));
    CHECK(it != JS_INVALID_REFERENCE && it == it2);
    OK(JsGetPropertyIdType(it, &type));
    CHECK(type == JsPropertyIdTypeSymbol);
    return 0;
}

static int argument_errors(JsContextRef ctx) {
    JsValueRef v = JS_INVALID_REFERENCE, s = JS_INVALID_REFERENCE;
    JsPropertyIdRef id = JS_INVALID_REFERENCE, foo = JS_INVALID_REFERENCE;
    JsPropertyIdType type;
    const WCHAR *p = NULL;
    static const WCHAR a_w[] = {'a', 0};
    size_t n = 0;
    int len = 0;

    OK(JsCreateString("abc", 3, &s));
    OK(JsCreatePropertyId("foo", 3, &foo));

    /* Null out-parameters and inputs. */
    FAILS(JsCreateString("a", 1, NULL), JsErrorNullArgument);
    FAILS(JsCreateString(NULL, 1, &v), JsErrorNullArgument);
    FAILS(JsCreateStringUtf16(NULL, 1, &v), JsErrorNullArgument);
    FAILS(JsPointerToString(NULL, 1, &v), JsErrorNullArgument);
    FAILS(JsGetStringLength(s, NULL), JsErrorNullArgument);
    FAILS(JsStringToPointer(s, NULL, &n), JsErrorNullArgument);
    FAILS(JsStringToPointer(s, &p, NULL), JsErrorNullArgument);
    FAILS(JsCreatePropertyId(NULL, 1, &id), JsErrorNullArgument);
    FAILS(JsCreatePropertyId("a", 1, NULL), JsErrorNullArgument);
    FAILS(JsGetPropertyIdFromName(NULL, &id), JsErrorNullArgument);
    FAILS(JsGetPropertyIdFromName(a_w, NULL), JsErrorNullArgument);
    FAILS(JsGetPropertyNameFromId(foo, NULL), JsErrorNullArgument);
    FAILS(JsGetPropertyIdType(foo, NULL), JsErrorNullArgument);
    FAILS(JsGetSymbolFromPropertyId(foo, NULL), JsErrorNullArgument);
    FAILS(JsCreateSymbol(JS_INVALID_REFERENCE, NULL), JsErrorNullArgument);
    FAILS(JsGetPropertyIdSymbolIterator(NULL), JsErrorNullArgument);

    /* JS_INVALID_REFERENCE inputs. */
    FAILS(JsGetStringLength(JS_INVALID_REFERENCE, &len), JsErrorInvalidArgument);
    FAILS(JsCopyString(JS_INVALID_REFERENCE, NULL, 0, &n), JsErrorInvalidArgument);
    FAILS(JsCopyStringUtf16(JS_INVALID_REFERENCE, 0, 1, NULL, &n), JsErrorInvalidArgument);
    FAILS(JsCopyStringOneByte(JS_INVALID_REFERENCE, 0, 1, NULL, &n), JsErrorInvalidArgument);
    FAILS(JsStringToPointer(JS_INVALID_REFERENCE, &p, &n), JsErrorInvalidArgument);
    FAILS(JsCopyPropertyId(JS_INVALID_REFERENCE, NULL, 0, &n), JsErrorInvalidArgument);
    FAILS(JsGetPropertyNameFromId(JS_INVALID_REFERENCE, &p), JsErrorInvalidArgument);
    FAILS(JsGetPropertyIdType(JS_INVALID_REFERENCE, &type), JsErrorInvalidArgument);
    FAILS(JsGetSymbolFromPropertyId(JS_INVALID_REFERENCE, &v), JsErrorInvalidArgument);
    FAILS(JsGetPropertyIdFromSymbol(JS_INVALID_REFERENCE, &id), JsErrorInvalidArgument);

    /* Not a string. */
    JsValueRef num = JS_INVALID_REFERENCE;
    OK(JsIntToNumber(7, &num));
    FAILS(JsGetStringLength(num, &len), JsErrorInvalidArgument);
    FAILS(JsCopyString(num, NULL, 0, &n), JsErrorInvalidArgument);
    FAILS(JsStringToPointer(num, &p, &n), JsErrorInvalidArgument);

    /* No current context: creation needs one, reading does not. */
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    FAILS(JsCreateString("a", 1, &v), JsErrorNoCurrentContext);
    FAILS(JsCreateStringUtf16((const uint16_t *)a_w, 1, &v), JsErrorNoCurrentContext);
    FAILS(JsPointerToString(a_w, 1, &v), JsErrorNoCurrentContext);
    FAILS(JsCreatePropertyId("a", 1, &id), JsErrorNoCurrentContext);
    FAILS(JsCreatePropertyString("a", 1, &v), JsErrorNoCurrentContext);
    FAILS(JsGetPropertyIdFromName(a_w, &id), JsErrorNoCurrentContext);
    FAILS(JsGetSymbolFromPropertyId(foo, &v), JsErrorNoCurrentContext);
    FAILS(JsGetPropertyIdFromSymbol(s, &id), JsErrorNoCurrentContext);
    FAILS(JsCreateSymbol(JS_INVALID_REFERENCE, &v), JsErrorNoCurrentContext);
    FAILS(JsGetPropertyIdSymbolIterator(&id), JsErrorNoCurrentContext);
    OK(JsGetStringLength(s, &len));
    CHECK(len == 3);
    OK(JsCopyString(s, NULL, 0, &n));
    CHECK(n == 3);
    OK(JsGetPropertyIdType(foo, &type));
    CHECK(type == JsPropertyIdTypeString);
    OK(JsCopyPropertyId(foo, NULL, 0, &n));
    CHECK(n == 3);
    OK(JsSetCurrentContext(ctx));
    return 0;
}

int scenario_strings(void) {
    JsRuntimeHandle rt = JS_INVALID_RUNTIME_HANDLE;
    JsContextRef ctx = JS_INVALID_REFERENCE;
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    if (strings_in_and_out()) return 1;
    if (property_ids()) return 1;
    if (symbols()) return 1;
    if (argument_errors(ctx)) return 1;
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
