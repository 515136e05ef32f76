/* C scenarios for the module API (JsInitializeModuleRecord, JsParseModuleSource,
 * JsModuleEvaluation, JsSetModuleHostInfo, JsGetModuleHostInfo, JsGetModuleNamespace) with
 * ChakraCore's host protocol: the host answers FetchImportedModuleCallback with records it
 * parses later; NotifyModuleReadyCallback says when a root's graph is linked (or failed);
 * ReportModuleCompletionCallback receives each root's completion. Each returns 0 on success. */
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
#define IS(call, code)                                                                     \
    do {                                                                                   \
        JsErrorCode e_ = (call);                                                           \
        if (e_ != (code)) {                                                                \
            fprintf(stderr, "%s:%d: %s returned 0x%x, expected %s\n", __FILE__, __LINE__, \
                    #call, (unsigned)e_, #code);                                           \
            return 1;                                                                      \
        }                                                                                  \
    } while (0)

static JsValueRef str(const char *s) {
    JsValueRef v = JS_INVALID_REFERENCE;
    JsCreateString(s, strlen(s), &v);
    return v;
}

static int text(JsValueRef v, char *buf, size_t n) {
    JsValueRef s;
    size_t written = 0;
    if (JsConvertValueToString(v, &s) != JsNoError) return 1;
    if (JsCopyString(s, buf, n - 1, &written) != JsNoError) return 1;
    buf[written] = 0;
    return 0;
}

static JsValueRef get(JsValueRef o, const char *name) {
    JsValueRef v = JS_INVALID_REFERENCE;
    JsPropertyIdRef id = JS_INVALID_REFERENCE;
    JsCreatePropertyId(name, strlen(name), &id);
    JsGetProperty(o, id, &v);
    return v;
}

/* The host's module table: specifier → record and source. */
struct mod {
    const char *name;
    const char *source;
    JsModuleRecord record;
    int parsed;
};
static struct mod mods[8];
static int nmods;
static JsModuleRecord ready_module;
static JsValueRef ready_exception;
static int ready_calls, completion_calls;
static JsValueRef completion_exception;

static struct mod *find(const char *name) {
    int i;
    for (i = 0; i < nmods; i++)
        if (strcmp(mods[i].name, name) == 0) return &mods[i];
    return NULL;
}

static JsErrorCode CHAKRA_CALLBACK fetch(JsModuleRecord referencing, JsValueRef specifier,
                                         JsModuleRecord *dependent) {
    char name[64];
    struct mod *m;
    (void)referencing;
    if (text(specifier, name, sizeof name)) return JsErrorInvalidArgument;
    m = find(name);
    if (!m) return JsErrorInvalidArgument;
    if (!m->record) {
        JsErrorCode e = JsInitializeModuleRecord(NULL, specifier, &m->record);
        if (e != JsNoError) return e;
    }
    *dependent = m->record;
    return JsNoError;
}

static JsErrorCode CHAKRA_CALLBACK notify(JsModuleRecord module, JsValueRef exception) {
    ready_calls++;
    ready_module = module;
    ready_exception = exception;
    return JsNoError;
}

static JsErrorCode CHAKRA_CALLBACK completion(JsModuleRecord module, JsValueRef exception) {
    (void)module;
    completion_calls++;
    completion_exception = exception;
    return JsNoError;
}

/* Parses every fetched module not parsed yet (the host's loading queue). */
static int parse_pending(void) {
    int i, again = 1;
    while (again) {
        again = 0;
        for (i = 0; i < nmods; i++) {
            JsValueRef exc;
            struct mod *m = &mods[i];
            if (m->record && !m->parsed) {
                m->parsed = 1;
                again = 1;
                JsParseModuleSource(m->record, (JsSourceContext)i, (BYTE *)m->source,
                                    (unsigned)strlen(m->source), JsParseModuleSourceFlags_DataIsUTF8,
                                    &exc);
            }
        }
    }
    return 0;
}

static int setup(JsRuntimeHandle *rt) {
    JsContextRef ctx;
    if (JsCreateRuntime(JsRuntimeAttributeNone, NULL, rt) != JsNoError) return 1;
    if (JsCreateContext(*rt, &ctx) != JsNoError) return 1;
    if (JsSetCurrentContext(ctx) != JsNoError) return 1;
    nmods = 0;
    ready_calls = completion_calls = 0;
    ready_module = NULL;
    ready_exception = JS_INVALID_REFERENCE;
    completion_exception = JS_INVALID_REFERENCE;
    if (JsSetModuleHostInfo(NULL, JsModuleHostInfo_FetchImportedModuleCallback, (void *)fetch))
        return 1;
    return JsSetModuleHostInfo(NULL, JsModuleHostInfo_NotifyModuleReadyCallback, (void *)notify) !=
           JsNoError;
}

static int teardown(JsRuntimeHandle rt) {
    if (JsSetCurrentContext(JS_INVALID_REFERENCE) != JsNoError) return 1;
    return JsDisposeRuntime(rt) != JsNoError;
}

static void add(const char *name, const char *source) {
    mods[nmods].name = name;
    mods[nmods].source = source;
    mods[nmods].record = NULL;
    mods[nmods].parsed = 0;
    nmods++;
}

int scenario_modules_graph(void) {
    JsRuntimeHandle rt;
    JsModuleRecord root;
    JsValueRef exc, result, ns, global, v;
    void *info;
    char t[128];
    int n;
    CHECK(setup(&rt) == 0);
    add("lib.js", "export let count = 1; export function bump() { count++; }");
    add("mid.js", "export * from 'lib.js'; export const twice = 2;");
    OK(JsInitializeModuleRecord(NULL, str("main.js"), &root));
    OK(JsSetModuleHostInfo(root, JsModuleHostInfo_HostDefined, (void *)&n));
    OK(JsGetModuleHostInfo(root, JsModuleHostInfo_HostDefined, &info));
    CHECK(info == (void *)&n);
    OK(JsGetModuleHostInfo(root, JsModuleHostInfo_Url, &info));
    CHECK(text((JsValueRef)info, t, sizeof t) == 0 && strcmp(t, "main.js") == 0);
    OK(JsGetModuleHostInfo(root, JsModuleHostInfo_NotifyModuleReadyCallback, &info));
    CHECK(info == (void *)notify);
    IS(JsGetModuleNamespace(root, &ns), JsErrorModuleNotEvaluated);
    {
        const char *src =
            "import { count, bump, twice } from 'mid.js';\n"
            "bump(); globalThis.seen = count * twice; export const out = count;";
        OK(JsParseModuleSource(root, 0, (BYTE *)src, (unsigned)strlen(src),
                               JsParseModuleSourceFlags_DataIsUTF8, &exc));
    }
    IS(JsParseModuleSource(root, 0, (BYTE *)"", 0, JsParseModuleSourceFlags_DataIsUTF8, &exc),
       JsErrorModuleParsed);
    /* The dependencies are not parsed yet: not ready. */
    CHECK(ready_calls == 0);
    CHECK(parse_pending() == 0);
    CHECK(ready_calls == 1 && ready_module == root && ready_exception == JS_INVALID_REFERENCE);
    OK(JsModuleEvaluation(root, &result));
    OK(JsGetGlobalObject(&global));
    CHECK(text(get(global, "seen"), t, sizeof t) == 0 && strcmp(t, "4") == 0);
    OK(JsGetModuleNamespace(root, &ns));
    v = get(ns, "out");
    CHECK(text(v, t, sizeof t) == 0 && strcmp(t, "2") == 0);
    /* Evaluating again does nothing. */
    OK(JsModuleEvaluation(root, &result));
    IS(JsSetModuleHostInfo(root, (JsModuleHostInfoKind)99, NULL), JsInvalidModuleHostInfoKind);
    IS(JsSetModuleHostInfo(NULL, JsModuleHostInfo_HostDefined, NULL), JsErrorInvalidArgument);
    return teardown(rt);
}

int scenario_modules_errors(void) {
    JsRuntimeHandle rt;
    JsModuleRecord root, bad;
    JsValueRef exc, result, e;
    char t[128];
    bool has;
    CHECK(setup(&rt) == 0);
    /* A dependency with a syntax error: the root's graph fails. */
    add("broken.js", "export let = ;");
    OK(JsInitializeModuleRecord(NULL, str("main.js"), &root));
    {
        const char *src = "import 'broken.js';";
        OK(JsParseModuleSource(root, 0, (BYTE *)src, (unsigned)strlen(src),
                               JsParseModuleSourceFlags_DataIsUTF8, &exc));
    }
    CHECK(parse_pending() == 0);
    CHECK(ready_calls == 1 && ready_module == root && ready_exception != JS_INVALID_REFERENCE);
    CHECK(text(get(ready_exception, "name"), t, sizeof t) == 0 && strcmp(t, "SyntaxError") == 0);
    /* A syntax error in the root itself: JsErrorScriptCompile with the error. */
    OK(JsInitializeModuleRecord(NULL, str("bad.js"), &bad));
    IS(JsParseModuleSource(bad, 0, (BYTE *)"let let = 1;", 12, JsParseModuleSourceFlags_DataIsUTF8,
                           &exc),
       JsErrorScriptCompile);
    CHECK(exc != JS_INVALID_REFERENCE);
    CHECK(ready_calls == 2 && ready_module == bad);
    /* A missing export fails at link time with a SyntaxError. */
    add("lib.js", "export const a = 1;");
    OK(JsInitializeModuleRecord(NULL, str("m2.js"), &root));
    {
        const char *src = "import { nope } from 'lib.js';";
        OK(JsParseModuleSource(root, 0, (BYTE *)src, (unsigned)strlen(src),
                               JsParseModuleSourceFlags_DataIsUTF8, &exc));
    }
    CHECK(parse_pending() == 0);
    CHECK(ready_calls == 3 && ready_module == root && ready_exception != JS_INVALID_REFERENCE);
    /* Evaluation throwing without a completion callback: the runtime's exception. */
    OK(JsInitializeModuleRecord(NULL, str("throws.js"), &root));
    {
        const char *src = "throw new RangeError('boom');";
        OK(JsParseModuleSource(root, 0, (BYTE *)src, (unsigned)strlen(src),
                               JsParseModuleSourceFlags_DataIsUTF8, &exc));
    }
    CHECK(ready_calls == 4 && ready_module == root);
    IS(JsModuleEvaluation(root, &result), JsErrorScriptException);
    OK(JsHasException(&has));
    CHECK(has);
    OK(JsGetAndClearException(&e));
    CHECK(text(get(e, "message"), t, sizeof t) == 0 && strcmp(t, "boom") == 0);
    IS(JsGetModuleNamespace(root, &e), JsErrorInvalidArgument);
    /* With a completion callback the host hears of it instead. */
    OK(JsSetModuleHostInfo(NULL, JsModuleHostInfo_ReportModuleCompletionCallback,
                           (void *)completion));
    OK(JsInitializeModuleRecord(NULL, str("throws2.js"), &root));
    {
        const char *src = "throw new TypeError('again');";
        OK(JsParseModuleSource(root, 0, (BYTE *)src, (unsigned)strlen(src),
                               JsParseModuleSourceFlags_DataIsUTF8, &exc));
    }
    OK(JsModuleEvaluation(root, &result));
    CHECK(completion_calls == 1 && completion_exception != JS_INVALID_REFERENCE);
    CHECK(text(get(completion_exception, "message"), t, sizeof t) == 0 &&
          strcmp(t, "again") == 0);
    OK(JsHasException(&has));
    CHECK(!has);
    IS(JsParseModuleSource(root, 0, (BYTE *)"", 0, (JsParseModuleSourceFlags)7, &exc),
       JsErrorInvalidArgument);
    return teardown(rt);
}
