/* C scenarios for parser-state caches (JsSerializeParserState, JsRunScriptWithParserState,
 * JsDeserializeParserState), background parsing (JsQueue/Execute/DiscardBackgroundParse_
 * Experimental) and JsExperimentalApiRunModule: round trips across runtimes, a cache for
 * another text or engine build falling back to the source, damaged and foreign buffers,
 * argument errors, cookies. Returns 0 on success and prints what failed otherwise. */
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

static JsValueRef str(const char *s) {
    JsValueRef v = JS_INVALID_REFERENCE;
    JsCreateString(s, strlen(s), &v);
    return v;
}

static int text_of(JsValueRef v, char *out, size_t cap) {
    JsValueRef s;
    size_t n = 0;
    if (JsConvertValueToString(v, &s) != JsNoError) return 1;
    if (JsCopyString(s, out, cap - 1, &n) != JsNoError) return 1;
    out[n] = 0;
    return 0;
}

static int run_text(const char *src, char *out, size_t cap) {
    JsValueRef r;
    if (JsRun(str(src), JS_SOURCE_CONTEXT_NONE, str("check.js"), JsParseScriptAttributeNone,
              &r) != JsNoError)
        return 1;
    return text_of(r, out, cap);
}

static int exception_text(char *out, size_t cap) {
    JsValueRef e, g;
    JsPropertyIdRef id;
    if (JsGetAndClearException(&e) != JsNoError) return 1;
    if (JsGetGlobalObject(&g) != JsNoError) return 1;
    if (JsCreatePropertyId("caught", 6, &id) != JsNoError) return 1;
    if (JsSetProperty(g, id, e, true) != JsNoError) return 1;
    return run_text("caught.name + ': ' + caught.message", out, cap);
}

static const char *SOURCE =
    "function twice(a) { return a * 2; }\n"
    "function where() { return new Error('here').stack; }\n"
    "twice(21)";

int scenario_parser_state(void) {
    JsRuntimeHandle ra, rb;
    JsContextRef ca, cb;
    JsValueRef state, r, f, args[1], undef, url;
    BYTE *bytes;
    unsigned int n;
    char text[512];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &ra));
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rb));
    OK(JsCreateContext(ra, &ca));
    OK(JsCreateContext(rb, &cb));

    /* Made in one runtime... */
    OK(JsSetCurrentContext(ca));
    CHECK(JsSerializeParserState(NULL, &state, JsParseScriptAttributeNone) == JsErrorNullArgument);
    CHECK(JsSerializeParserState(str(SOURCE), NULL, JsParseScriptAttributeNone) ==
          JsErrorNullArgument);
    OK(JsSerializeParserState(str(SOURCE), &state, JsParseScriptAttributeNone));
    OK(JsGetArrayBufferStorage(state, &bytes, &n));
    CHECK(n > 56 && memcmp(bytes, "ConchBC", 7) == 0);
    {
        JsValueRef e;
        CHECK(JsSerializeParserState(str("var = 1"), &e, JsParseScriptAttributeNone) ==
              JsErrorScriptCompile);
        CHECK(e == JS_INVALID_REFERENCE);
        CHECK(exception_text(text, sizeof text) == 0);
        CHECK(strncmp(text, "SyntaxError", 11) == 0);
    }
    /* ... used in another: its bytes copied into a buffer of that runtime. */
    {
        BYTE *copy = malloc(n), *to;
        unsigned int m;
        CHECK(copy != NULL);
        memcpy(copy, bytes, n);
        OK(JsSetCurrentContext(cb));
        OK(JsCreateArrayBuffer(n, &state));
        OK(JsGetArrayBufferStorage(state, &to, &m));
        memcpy(to, copy, n);
        free(copy);
        bytes = to;
    }
    url = str("cached.js");
    OK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, &r));
    CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "42") == 0);
    /* The source given with the cache serves toString; the URL is in stacks. */
    CHECK(run_text("twice.toString()", text, sizeof text) == 0);
    CHECK(strcmp(text, "function twice(a) { return a * 2; }") == 0);
    CHECK(run_text("where()", text, sizeof text) == 0 && strstr(text, "cached.js:2") != NULL);
    /* Parse only: a function running the script. */
    OK(JsDeserializeParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, &f));
    OK(JsGetUndefinedValue(&undef));
    args[0] = undef;
    OK(JsCallFunction(f, args, 1, &r));
    CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "42") == 0);
    /* The script as a UTF-8 ArrayBuffer, as JsRun takes it. */
    {
        JsValueRef ab;
        OK(JsCreateExternalArrayBuffer((void *)SOURCE, (unsigned int)strlen(SOURCE), NULL, NULL,
                                       &ab));
        OK(JsRunScriptWithParserState(ab, 1, url, JsParseScriptAttributeNone, state, &r));
        CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "42") == 0);
    }

    /* Another text with this cache: the text is compiled instead. */
    OK(JsRunScriptWithParserState(str("6 * 7 + 1"), 1, url, JsParseScriptAttributeNone, state,
                                  &r));
    CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "43") == 0);
    CHECK(JsRunScriptWithParserState(str("6 *"), 1, url, JsParseScriptAttributeNone, state, &r) ==
          JsErrorScriptCompile);
    CHECK(exception_text(text, sizeof text) == 0 && strncmp(text, "SyntaxError", 11) == 0);
    /* Another engine build (its identity in the header): stale, compiled from the text. */
    bytes[16] ^= 0xff;
    OK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, &r));
    CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "42") == 0);
    bytes[16] ^= 0xff;
    /* Damaged payload of this build's cache; bytes that are no cache at all. */
    bytes[n - 3] ^= 0x5a;
    CHECK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state,
                                     &r) == JsErrorBadSerializedScript);
    bytes[n - 3] ^= 0x5a;
    bytes[0] = 'X';
    CHECK(JsDeserializeParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, &f) ==
          JsErrorBadSerializedScript);
    bytes[0] = 'C';
    OK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, &r));

    /* Argument errors: the URL is checked first. */
    CHECK(JsRunScriptWithParserState(str(SOURCE), 1, NULL, JsParseScriptAttributeNone, state,
                                     &r) == JsErrorInvalidArgument);
    OK(JsIntToNumber(1, &r));
    CHECK(JsRunScriptWithParserState(str(SOURCE), 1, r, JsParseScriptAttributeNone, state, &r) ==
          JsErrorInvalidArgument);
    CHECK(JsRunScriptWithParserState(NULL, 1, url, JsParseScriptAttributeNone, state, &r) ==
          JsErrorNullArgument);
    CHECK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, NULL, &r) ==
          JsErrorNullArgument);
    CHECK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, url, &r) ==
          JsErrorInvalidArgument);
    CHECK(JsDeserializeParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, NULL) ==
          JsErrorNullArgument);
    OK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, NULL));

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    CHECK(JsRunScriptWithParserState(str(SOURCE), 1, url, JsParseScriptAttributeNone, state, &r) ==
          JsErrorNoCurrentContext);
    OK(JsDisposeRuntime(ra));
    OK(JsDisposeRuntime(rb));
    return 0;
}

static const WCHAR BG_PATH[] = {'b', 'g', '.', 'j', 's', 0};

static JsErrorCode queue(const char *src, char **buffer, DWORD *cookie) {
    JsScriptContents c;
    size_t n = strlen(src);
    *buffer = malloc(n);
    if (!*buffer) return JsErrorOutOfMemory;
    memcpy(*buffer, src, n);
    memset(&c, 0, sizeof c);
    c.container = *buffer;
    c.encodingType = Utf8;
    c.containerType = HeapAllocatedBuffer;
    c.sourceContext = 0;
    c.contentLengthInBytes = n;
    c.fullPath = (WCHAR *)BG_PATH;
    return JsQueueBackgroundParse_Experimental(&c, cookie);
}

static JsValueRef buffer_value(char *buffer) {
    JsValueRef ab = JS_INVALID_REFERENCE;
    JsCreateExternalArrayBuffer(buffer, (unsigned int)strlen(SOURCE), NULL, NULL, &ab);
    return ab;
}

int scenario_background_parse(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef r;
    JsScriptContents c;
    DWORD cookies[3] = {0, 0, 0}, bad = 0;
    char *bufs[3];
    bool owns = false;
    char text[512];
    int i;

    /* Queued before any context exists: no context is needed. */
    for (i = 0; i < 3; i++) OK(queue(SOURCE, &bufs[i], &cookies[i]));
    CHECK(cookies[0] != 0 && cookies[1] != cookies[0] && cookies[2] != cookies[1]);

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));

    /* Executed in any order; the URL is the path given when queueing. */
    for (i = 2; i >= 0; i--) {
        OK(JsExecuteBackgroundParse_Experimental(cookies[i], buffer_value(bufs[i]), 0, NULL,
                                                 JsParseScriptAttributeNone, NULL, &r));
        CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "42") == 0);
    }
    CHECK(run_text("where()", text, sizeof text) == 0 && strstr(text, "bg.js:2") != NULL);
    CHECK(run_text("twice.toString()", text, sizeof text) == 0);
    CHECK(strcmp(text, "function twice(a) { return a * 2; }") == 0);
    /* Executing again is allowed until discarded; the script may be a string too. */
    OK(JsExecuteBackgroundParse_Experimental(cookies[0], str(SOURCE), 0, NULL,
                                             JsParseScriptAttributeNone, NULL, NULL));
    /* A different text than was queued is compiled itself. */
    OK(JsExecuteBackgroundParse_Experimental(cookies[0], str("'other'"), 0, NULL,
                                             JsParseScriptAttributeNone, NULL, &r));
    CHECK(text_of(r, text, sizeof text) == 0 && strcmp(text, "other") == 0);
    CHECK(JsExecuteBackgroundParse_Experimental(cookies[0], NULL, 0, NULL,
                                                JsParseScriptAttributeNone, NULL, &r) ==
          JsErrorNullArgument);

    /* Discard: the wrong buffer is refused; then the host owns (and frees) its buffer. */
    CHECK(JsDiscardBackgroundParse_Experimental(cookies[0], bufs[1], &owns) ==
          JsErrorInvalidArgument);
    CHECK(JsDiscardBackgroundParse_Experimental(cookies[0], bufs[0], NULL) == JsErrorNullArgument);
    for (i = 0; i < 3; i++) {
        owns = false;
        OK(JsDiscardBackgroundParse_Experimental(cookies[i], bufs[i], &owns));
        CHECK(owns);
        free(bufs[i]);
    }
    /* Unknown cookies. */
    CHECK(JsExecuteBackgroundParse_Experimental(cookies[0], str(SOURCE), 0, NULL,
                                                JsParseScriptAttributeNone, NULL, &r) ==
          JsErrorFatal);
    owns = false;
    OK(JsDiscardBackgroundParse_Experimental(cookies[0], NULL, &owns));
    CHECK(owns);

    /* A syntax error found in the background is JsRun's error at execution. */
    OK(queue("var = 1", &bufs[0], &cookies[0]));
    CHECK(JsExecuteBackgroundParse_Experimental(cookies[0], str("var = 1"), 0, NULL,
                                                JsParseScriptAttributeNone, NULL, &r) ==
          JsErrorScriptCompile);
    CHECK(exception_text(text, sizeof text) == 0 && strncmp(text, "SyntaxError", 11) == 0);
    /* Discarded right away, possibly while the background thread still reads it. */
    OK(queue(SOURCE, &bufs[1], &cookies[1]));
    OK(JsDiscardBackgroundParse_Experimental(cookies[1], bufs[1], &owns));
    CHECK(owns);
    free(bufs[1]);
    OK(JsDiscardBackgroundParse_Experimental(cookies[0], bufs[0], &owns));
    free(bufs[0]);

    /* What the experimental API does not support, and null arguments. */
    memset(&c, 0, sizeof c);
    c.container = (void *)SOURCE;
    c.encodingType = Utf16;
    c.containerType = HeapAllocatedBuffer;
    c.contentLengthInBytes = strlen(SOURCE);
    c.fullPath = (WCHAR *)BG_PATH;
    CHECK(JsQueueBackgroundParse_Experimental(&c, &bad) == JsErrorFatal);
    c.encodingType = Utf8;
    c.sourceContext = 5;
    CHECK(JsQueueBackgroundParse_Experimental(&c, &bad) == JsErrorFatal);
    c.sourceContext = 0;
    c.contentLengthInBytes = 0;
    CHECK(JsQueueBackgroundParse_Experimental(&c, &bad) == JsErrorFatal);
    c.contentLengthInBytes = strlen(SOURCE);
    c.fullPath = NULL;
    CHECK(JsQueueBackgroundParse_Experimental(&c, &bad) == JsErrorNullArgument);
    c.fullPath = (WCHAR *)BG_PATH;
    CHECK(JsQueueBackgroundParse_Experimental(&c, NULL) == JsErrorNullArgument);
    CHECK(JsQueueBackgroundParse_Experimental(NULL, &bad) == JsErrorNullArgument);
    CHECK(bad == 0);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

static void widen(const char *s, WCHAR *out) {
    size_t i = 0;
    for (; s[i]; i++) out[i] = (WCHAR)(unsigned char)s[i];
    out[i] = 0;
}

int scenario_run_module(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef r;
    JsValueType type;
    static WCHAR src[256], url[32];
    char text[256];

    widen("m.js", url);
    widen("export const x = 1; globalThis.ran = x + 1; this === undefined", src);
    CHECK(JsExperimentalApiRunModule(src, 0, url, &r) == JsErrorNoCurrentContext);
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsExperimentalApiRunModule(src, 0, url, &r));
    OK(JsGetValueType(r, &type));
    CHECK(type == JsUndefined);
    CHECK(run_text("ran", text, sizeof text) == 0 && strcmp(text, "2") == 0);
    /* Module code is strict. */
    widen("undeclared = 1", src);
    CHECK(JsExperimentalApiRunModule(src, 0, url, &r) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0 && strncmp(text, "ReferenceError", 14) == 0);
    widen("export default", src);
    CHECK(JsExperimentalApiRunModule(src, 0, url, &r) == JsErrorScriptCompile);
    CHECK(exception_text(text, sizeof text) == 0 && strncmp(text, "SyntaxError", 11) == 0);
    widen("import { y } from './dep.js';", src);
    CHECK(JsExperimentalApiRunModule(src, 0, url, &r) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0 && strncmp(text, "TypeError", 9) == 0);
    CHECK(JsExperimentalApiRunModule(NULL, 0, url, &r) == JsErrorNullArgument);
    CHECK(JsExperimentalApiRunModule(src, 0, NULL, &r) == JsErrorNullArgument);
    widen("globalThis.again = 3", src);
    OK(JsExperimentalApiRunModule(src, 0, url, NULL));
    CHECK(run_text("again", text, sizeof text) == 0 && strcmp(text, "3") == 0);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
