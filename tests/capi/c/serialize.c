/* C scenarios for the bytecode cache, in the manner of ChakraCore's ByteCodeTest,
 * ByteCodeWithCallbackTest and JsSerialize_* tests: JsSerializeScript's size query then fill;
 * the buffer placed in read-only memory; running and parse-then-call without the source;
 * the source loaded lazily through the callback only when needed (toString), once; the
 * unload callback at runtime disposal; equal bytes from JsSerializeScript and JsSerialize;
 * JsRunSerialized with an ArrayBuffer; bad and damaged buffers; a compile error. Returns 0 on
 * success and prints what failed otherwise. */
#define _DEFAULT_SOURCE
#include "jsrt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                                \
        }                                                                            \
    } while (0)
#define OK(call) CHECK((call) == JsNoError)

static const char *SOURCE =
    "function add(a, b) {\n  return a + b;\n}\n"
    "function fail() { throw new Error('cached'); }\n"
    "var r = add(1, 2);\n"
    "r";
static const char *ADD_TEXT = "function add(a, b) {\n  return a + b;\n}";

static WCHAR wsource[512];
static WCHAR wurl[32];

static void widen(const char *s, WCHAR *out) {
    size_t i = 0;
    for (; s[i]; i++) out[i] = (WCHAR)(unsigned char)s[i];
    out[i] = 0;
}

static int loads, unloads;
static JsSourceContext seen_context;

static bool CHAKRA_CALLBACK load_source(JsSourceContext context, const WCHAR **script) {
    loads++;
    seen_context = context;
    *script = wsource;
    return true;
}

static void CHAKRA_CALLBACK unload_source(JsSourceContext context) {
    (void)context;
    unloads++;
}

static int value_loads;
static JsValueRef value_source;

static bool CHAKRA_CALLBACK load_value(JsSourceContext context, JsValueRef *value,
                                       JsParseScriptAttributes *attributes) {
    (void)context;
    value_loads++;
    *value = value_source;
    *attributes = JsParseScriptAttributeNone;
    return true;
}

static int eval_string(const char *src, char *out, size_t cap) {
    JsValueRef script, url, r, s;
    size_t n = 0;
    if (JsCreateString(src, strlen(src), &script) != JsNoError) return 1;
    if (JsCreateString("check.js", 8, &url) != JsNoError) return 1;
    if (JsRun(script, JS_SOURCE_CONTEXT_NONE, url, JsParseScriptAttributeNone, &r) != JsNoError)
        return 1;
    if (JsConvertValueToString(r, &s) != JsNoError) return 1;
    if (JsCopyString(s, out, cap - 1, &n) != JsNoError) return 1;
    out[n] = 0;
    return 0;
}

static int int_of(JsValueRef v) {
    int i = -1;
    if (JsNumberToInt(v, &i) != JsNoError) return -1;
    return i;
}

/* Serializes SOURCE with a size query, copies the bytes into read-only memory. */
static BYTE *serialize_readonly(unsigned int *size) {
    unsigned int n = 0;
    BYTE *heap, *ro;
    if (JsSerializeScript(wsource, NULL, &n) != JsNoError || n == 0) return NULL;
    heap = malloc(n);
    if (!heap) return NULL;
    if (JsSerializeScript(wsource, heap, &n) != JsNoError) return NULL;
    ro = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ro == MAP_FAILED) return NULL;
    memcpy(ro, heap, n);
    free(heap);
    if (mprotect(ro, n, PROT_READ) != 0) return NULL;
    *size = n;
    return ro;
}

int scenario_serialize_run(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef r, f, global, exc, script, buf, url;
    JsPropertyIdRef id;
    unsigned int n = 0, small;
    BYTE *ro, *data;
    unsigned int blen = 0;
    char text[256];
    bool has = false;

    widen(SOURCE, wsource);
    widen("cached.js", wurl);
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    /* Size query: null buffer, size 0 in; a buffer too small gets the size and an error. */
    OK(JsSerializeScript(wsource, NULL, &n));
    CHECK(n > 56);
    CHECK(JsSerializeScript(wsource, NULL, NULL) == JsErrorNullArgument);
    small = 4;
    CHECK(JsSerializeScript(wsource, NULL, &small) == JsErrorNullArgument);
    {
        BYTE tiny[4];
        small = 4;
        CHECK(JsSerializeScript(wsource, tiny, &small) == JsErrorInvalidArgument);
        CHECK(small == n);
    }
    ro = serialize_readonly(&n);
    CHECK(ro != NULL);

    /* JsSerialize gives the same bytes. */
    OK(JsCreateString(SOURCE, strlen(SOURCE), &script));
    OK(JsSerialize(script, &buf, JsParseScriptAttributeNone));
    OK(JsGetArrayBufferStorage(buf, &data, &blen));
    CHECK(blen == n);
    CHECK(memcmp(data, ro, n) == 0);

    /* Run from read-only memory, without the source. */
    loads = unloads = 0;
    OK(JsRunSerializedScriptWithCallback(load_source, unload_source, ro, 42, wurl, &r));
    CHECK(int_of(r) == 3);
    CHECK(loads == 0);
    /* A stack trace from cached code needs no source either. */
    CHECK(eval_string("try { fail() } catch (e) { e.stack.indexOf('cached.js:4:') > 0 }",
                      text, sizeof text) == 0);
    CHECK(strcmp(text, "true") == 0);
    CHECK(loads == 0);
    /* toString loads it, once, with the script's source context. */
    CHECK(eval_string("add.toString()", text, sizeof text) == 0);
    CHECK(strcmp(text, ADD_TEXT) == 0);
    CHECK(loads == 1);
    CHECK(seen_context == 42);
    CHECK(eval_string("add.toString().length", text, sizeof text) == 0);
    CHECK(loads == 1);
    CHECK(unloads == 0);

    /* Parse, then call: JsParseSerializedScript (source by pointer). */
    OK(JsParseSerializedScript(wsource, ro, 7, wurl, &f));
    OK(JsGetGlobalObject(&global));
    OK(JsCallFunction(f, &global, 1, &r));
    CHECK(int_of(r) == 3);
    OK(JsCreatePropertyId("add", 3, &id));
    OK(JsGetProperty(global, id, &f));
    OK(JsConvertValueToString(f, &r));
    {
        size_t k = 0;
        OK(JsCopyString(r, text, sizeof text - 1, &k));
        text[k] = 0;
    }
    CHECK(strcmp(text, ADD_TEXT) == 0);
    OK(JsRunSerializedScript(wsource, ro, 7, wurl, &r));
    CHECK(int_of(r) == 3);

    /* JsRunSerialized: an ArrayBuffer, and a callback giving the source as a value. */
    value_loads = 0;
    OK(JsCreateString(SOURCE, strlen(SOURCE), &value_source));
    OK(JsAddRef(value_source, NULL));
    OK(JsCreateString("value.js", 8, &url));
    OK(JsRunSerialized(buf, load_value, 9, url, &r));
    CHECK(int_of(r) == 3);
    CHECK(value_loads == 0);
    OK(JsParseSerialized(buf, load_value, 9, url, &f));
    OK(JsCallFunction(f, &global, 1, &r));
    CHECK(int_of(r) == 3);
    CHECK(eval_string("add.toString() === 'function add(a, b) {\\n  return a + b;\\n}'", text,
                      sizeof text) == 0);
    CHECK(strcmp(text, "true") == 0);
    CHECK(value_loads == 1);
    CHECK(JsRunSerialized(script, load_value, 9, url, &r) == JsErrorInvalidArgument);
    CHECK(JsRunSerialized(buf, NULL, 9, url, &r) == JsErrorNullArgument);
    OK(JsRelease(value_source, NULL));

    /* A compile error is JsErrorScriptCompile with the SyntaxError pending. */
    {
        WCHAR bad[32];
        unsigned int m = 0;
        widen("var for = 10;", bad);
        CHECK(JsSerializeScript(bad, NULL, &m) == JsErrorScriptCompile);
        OK(JsHasException(&has));
        CHECK(has);
        OK(JsGetAndClearException(&exc));
    }

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    /* The unload callback ran once, when the runtime went away. */
    CHECK(unloads == 1);
    munmap(ro, n);
    return 0;
}

int scenario_serialize_bad_buffers(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef r, script, buf, url;
    BYTE junk[64];
    BYTE *copy, *data;
    unsigned int n = 0, i;
    bool has = true;

    widen(SOURCE, wsource);
    widen("bad.js", wurl);
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    memset(junk, 0xAB, sizeof junk);
    CHECK(JsRunSerializedScript(wsource, junk, 0, wurl, &r) == JsErrorBadSerializedScript);
    CHECK(JsRunSerializedScriptWithCallback(load_source, unload_source, junk, 0, wurl, &r) ==
          JsErrorBadSerializedScript);
    CHECK(JsRunSerializedScript(wsource, NULL, 0, wurl, &r) == JsErrorNullArgument);
    CHECK(JsRunSerializedScriptWithCallback(NULL, unload_source, junk, 0, wurl, &r) ==
          JsErrorNullArgument);

    OK(JsSerializeScript(wsource, NULL, &n));
    copy = malloc(n);
    CHECK(copy != NULL);
    /* Every single-byte corruption is refused and nothing runs. */
    for (i = 0; i < n; i += 7) {
        OK(JsSerializeScript(wsource, copy, &n));
        copy[i] ^= 0x40;
        CHECK(JsRunSerializedScript(wsource, copy, 0, wurl, &r) == JsErrorBadSerializedScript);
    }
    OK(JsHasException(&has));
    CHECK(!has);
    CHECK(eval_string("typeof r", (char *)junk, sizeof junk) == 0);
    CHECK(strcmp((char *)junk, "undefined") == 0);

    /* A truncated ArrayBuffer. */
    OK(JsCreateString(SOURCE, strlen(SOURCE), &script));
    OK(JsSerialize(script, &buf, JsParseScriptAttributeNone));
    OK(JsGetArrayBufferStorage(buf, &data, &n));
    {
        JsValueRef shorter;
        BYTE *d2;
        unsigned int n2;
        OK(JsCreateArrayBuffer(n - 1, &shorter));
        OK(JsGetArrayBufferStorage(shorter, &d2, &n2));
        memcpy(d2, data, n - 1);
        OK(JsCreateString("t.js", 4, &url));
        CHECK(JsRunSerialized(shorter, load_value, 0, url, &r) == JsErrorBadSerializedScript);
    }
    /* The intact buffer still runs. */
    OK(JsCreateString("t.js", 4, &url));
    OK(JsRunSerialized(buf, load_value, 0, url, &r));
    CHECK(int_of(r) == 3);

    free(copy);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
