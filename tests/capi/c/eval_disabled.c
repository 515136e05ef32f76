/* C scenario for JsRuntimeAttributeDisableEval (as ChakraCore's JsRTApiTest DisableEval):
 * `eval` and the Function constructor end the API call with JsErrorScriptEvalDisabled, which
 * script cannot catch; the runtime stays usable; without the attribute both work. Returns 0
 * on success and prints what failed otherwise. */
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

static JsErrorCode run(const char *src, JsValueRef *r) {
    JsValueRef script, url;
    JsErrorCode e = JsCreateString(src, strlen(src), &script);
    if (e != JsNoError) return e;
    e = JsCreateString("eval_disabled.js", 16, &url);
    if (e != JsNoError) return e;
    return JsRun(script, JS_SOURCE_CONTEXT_NONE, url, JsParseScriptAttributeNone, r);
}

int scenario_eval_disabled(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef r, f, undef;
    int n = 0;
    bool has;

    OK(JsCreateRuntime(JsRuntimeAttributeDisableEval, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(run("eval('1 + 1')", &r) == JsErrorScriptEvalDisabled);
    CHECK(run("new Function('return 1')()", &r) == JsErrorScriptEvalDisabled);
    CHECK(run("Function('return 1')", &r) == JsErrorScriptEvalDisabled);
    /* Script cannot catch it, and `finally` blocks do not run. */
    CHECK(run("var reached = 0; try { eval('1') } catch (e) { reached = 1 } finally { reached = 2 }",
              &r) == JsErrorScriptEvalDisabled);
    OK(JsHasException(&has));
    CHECK(!has);
    /* The runtime stays usable, and a plain termination is not reported as eval. */
    OK(run("reached", &r));
    OK(JsNumberToInt(r, &n));
    CHECK(n == 0);
    OK(run("(function () { return eval('2'); })", &f));
    OK(JsGetUndefinedValue(&undef));
    CHECK(JsCallFunction(f, &undef, 1, &r) == JsErrorScriptEvalDisabled);
    OK(run("6 * 7", &r));
    OK(JsNumberToInt(r, &n));
    CHECK(n == 42);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(run("eval('1 + 1') + new Function('return 40')()", &r));
    OK(JsNumberToInt(r, &n));
    CHECK(n == 42);
    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
