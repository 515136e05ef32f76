/* C scenarios for the structured-clone value serializer (JsVarSerializer*, JsVarDeserializer*):
 * values serialized in one runtime and read back in another must describe the same graph
 * (every supported type, cycles, shared references); transferred ArrayBuffers; host objects
 * through the callbacks with raw bytes; SharedArrayBuffers sharing memory; values that cannot
 * be cloned; damaged input; argument errors. Returns 0 on success and prints what failed
 * otherwise. */
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

/* ---- helpers ---- */

static JsErrorCode run(const char *src, JsValueRef *r) {
    JsValueRef script, url;
    JsErrorCode e = JsCreateString(src, strlen(src), &script);
    if (e != JsNoError) return e;
    e = JsCreateString("sca.js", 6, &url);
    if (e != JsNoError) return e;
    return JsRun(script, JS_SOURCE_CONTEXT_NONE, url, JsParseScriptAttributeNone, r);
}

/* The value's string conversion in out (truncated to cap - 1). */
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
    if (run(src, &r) != JsNoError) return 1;
    return text_of(r, out, cap);
}

static int set_global(const char *name, JsValueRef v) {
    JsValueRef g;
    JsPropertyIdRef id;
    if (JsGetGlobalObject(&g) != JsNoError) return 1;
    if (JsCreatePropertyId(name, strlen(name), &id) != JsNoError) return 1;
    return JsSetProperty(g, id, v, true) != JsNoError;
}

/* The pending exception's "name: message" in out. */
static int exception_text(char *out, size_t cap) {
    JsValueRef e;
    if (JsGetAndClearException(&e) != JsNoError) return 1;
    if (set_global("caught", e)) return 1;
    return run_text("caught.name + ': ' + caught.message", out, cap);
}

/* A canonical description of a value graph: types, contents, own enumerable properties, and
 * back-references (#n) for objects met before, so two graphs describe alike iff they have the
 * same shape. */
static const char *DESCRIBE =
    "function describe(v) {\n"
    "  var seen = new Map();\n"
    "  function d(x) {\n"
    "    if (typeof x === 'bigint') return x + 'n';\n"
    "    if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);\n"
    "    if (typeof x === 'string') return JSON.stringify(x);\n"
    "    if (x === null || typeof x !== 'object') return String(x);\n"
    "    if (seen.has(x)) return '#' + seen.get(x);\n"
    "    seen.set(x, seen.size);\n"
    "    var s = Object.prototype.toString.call(x) + '{';\n"
    "    if (x instanceof Date) s += x.getTime();\n"
    "    else if (x instanceof RegExp) s += x.source + '/' + x.flags;\n"
    "    else if (x instanceof Map) x.forEach(function (w, k) { s += d(k) + '=>' + d(w) + ';'; });\n"
    "    else if (x instanceof Set) x.forEach(function (k) { s += d(k) + ';'; });\n"
    "    else if (x instanceof ArrayBuffer || x instanceof SharedArrayBuffer)\n"
    "      s += x.byteLength + ':' + Array.from(new Uint8Array(x)).join(',') +\n"
    "        (x.resizable ? ' max ' + x.maxByteLength : '');\n"
    "    else if (ArrayBuffer.isView(x))\n"
    "      s += d(x.buffer) + '@' + x.byteOffset + '+' + x.byteLength +\n"
    "        (x instanceof DataView ? '' : ' [' + Array.from(x).join(',') + ']');\n"
    "    else if (x instanceof Error)\n"
    "      s += x.name + ':' + x.message + ('cause' in x ? ' cause ' + d(x.cause) : '');\n"
    "    else if (typeof x.valueOf() !== 'object') s += d(x.valueOf());\n"
    "    if (Array.isArray(x)) s += 'len ' + x.length + ';';\n"
    "    Object.keys(x).forEach(function (k) { s += k + ':' + d(x[k]) + ','; });\n"
    "    return s + '}';\n"
    "  }\n"
    "  return d(v);\n"
    "}\n";

/* ---- the host's side ---- */

typedef struct {
    JsVarSerializerHandle ser;
    JsVarDeserializerHandle des;
    int reallocs;
    int fail_realloc;
    int refuse_host;
    int throw_from_host;
    int host_writes, host_reads;
    int free_in_callback;
    JsErrorCode free_result;
    JsValueRef shared_answer;
} Host;

static byte *CHAKRA_CALLBACK grow(void *state, byte *old, size_t size, size_t *allocated) {
    Host *h = state;
    byte *p;
    h->reallocs++;
    if (h->fail_realloc) return NULL;
    p = realloc(old, size);
    if (p) *allocated = size;
    return p;
}

static bool CHAKRA_CALLBACK write_host(void *state, void *object) {
    Host *h = state;
    void *data = NULL;
    uint32_t tag;
    h->host_writes++;
    /* The handle cannot be freed while its own call is in progress. */
    if (h->free_in_callback) h->free_result = JsVarSerializerFree(h->ser);
    if (h->throw_from_host) {
        JsValueRef msg, err;
        JsCreateString("host says no", 12, &msg);
        JsCreateTypeError(msg, &err);
        JsSetException(err);
        return false;
    }
    if (h->refuse_host) return false;
    if (JsGetExternalData((JsValueRef)object, &data) != JsNoError) return false;
    tag = (uint32_t)(uintptr_t)data;
    return JsVarSerializerWriteRawBytes(h->ser, &tag, sizeof tag) == JsNoError;
}

static JsValueRef read_host(void *state) {
    Host *h = state;
    uint32_t tag = 0;
    void *p = &tag;
    JsValueRef o = JS_INVALID_REFERENCE;
    h->host_reads++;
    if (JsVarDeserializerReadBytes(h->des, sizeof tag, &p) != JsNoError) return NULL;
    if (JsCreateExternalObject((void *)(uintptr_t)tag, NULL, &o) != JsNoError) return NULL;
    return o;
}

static JsValueRef shared_from_id(void *state, uint32_t id) {
    Host *h = state;
    (void)id;
    return h->shared_answer;
}

/* Serializes v (after a 4-byte raw header "SCA!") with transfer list t[n]. */
static JsErrorCode serialize(Host *h, JsValueRef v, JsValueRef *t, size_t n, byte **data,
                             size_t *len) {
    JsErrorCode e;
    OK(JsVarSerializer(grow, write_host, h, &h->ser));
    if (n) OK(JsVarSerializerSetTransferableVars(h->ser, t, n));
    OK(JsVarSerializerWriteRawBytes(h->ser, "SCA!", 4));
    e = JsVarSerializerWriteValue(h->ser, v);
    if (e == JsNoError) e = JsVarSerializerReleaseData(h->ser, data, len);
    return e;
}

static JsErrorCode deserialize(Host *h, byte *data, size_t len, JsValueRef *t, size_t n,
                               JsValueRef *v) {
    void *raw = NULL;
    JsErrorCode e;
    OK(JsVarDeserializer(data, len, read_host, shared_from_id, h, &h->des));
    if (n) OK(JsVarDeserializerSetTransferableVars(h->des, t, n));
    OK(JsVarDeserializerReadRawBytes(h->des, 4, &raw));
    CHECK(memcmp(raw, "SCA!", 4) == 0);
    e = JsVarDeserializerReadValue(h->des, v);
    OK(JsVarDeserializerFree(h->des));
    return e;
}

/* ---- scenarios ---- */

static const char *GRAPH =
    "var o = { n: 1, d: -1.5, z: -0, nan: NaN, s: 'h\\u00e9llo \\ud83d\\ude00', e: '',\n"
    "  big: 12345678901234567890123n, neg: -5n, t: true, f: false, u: undefined, nul: null,\n"
    "  arr: [1, , 'x', [2]], date: new Date(86400000), re: /a+b/gimsuy,\n"
    "  map: new Map([[1, 'a'], ['k', { x: 1 }], [NaN, -0]]), set: new Set([1, 'two', 1n]),\n"
    "  num: new Number(3.25), str: new String('wrapped'), bool: new Boolean(false),\n"
    "  bigobj: Object(7n), yes: new Boolean(true),\n"
    "  err: new RangeError('bad', { cause: 42 }), plain: new Error('p'),\n"
    "  ab: new Uint8Array([1, 2, 3, 250]).buffer,\n"
    "  rab: new ArrayBuffer(2, { maxByteLength: 8 }),\n"
    "  '7': 'index key', 'with space': 1 };\n"
    "o.re.lastIndex = 3;\n"
    "o.i16 = new Int16Array(o.ab, 2, 1); o.u8 = new Uint8Array(o.ab); o.dv = new DataView(o.ab, 1, 2);\n"
    "o.f64 = new Float64Array([0.5, -2]); o.b64 = new BigInt64Array([-1n, 2n]);\n"
    "o.u64 = new BigUint64Array([3n]); o.clamped = new Uint8ClampedArray([255, 0]);\n"
    "o.i8 = new Int8Array([-1]); o.u16 = new Uint16Array([65535]); o.i32 = new Int32Array([-7]);\n"
    "o.u32 = new Uint32Array([4000000000]); o.f32 = new Float32Array([1.5]);\n"
    "o.tracking = new Uint8Array(o.rab);\n"
    "var sparse = []; sparse[1000] = 'far'; sparse[3] = 'near'; sparse.extra = true; o.sparse = sparse;\n"
    "o.self = o; o.arr2 = o.arr; o.nested = { back: o, list: [o.map, o.map] };\n"
    "o.arr.prop = 'on array';\n"
    "o;";

int scenario_sca_round_trip(void) {
    JsRuntimeHandle ra, rb;
    JsContextRef ca, cb;
    JsValueRef v, copy;
    Host h = {0};
    byte *data = NULL;
    size_t len = 0;
    static char before[8192], after[8192];
    char text[256];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &ra));
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rb));
    OK(JsCreateContext(ra, &ca));
    OK(JsCreateContext(rb, &cb));

    OK(JsSetCurrentContext(ca));
    OK(run(DESCRIBE, &v));
    OK(run(GRAPH, &v));
    OK(set_global("v", v));
    CHECK(run_text("describe(v)", before, sizeof before) == 0);
    OK(serialize(&h, v, NULL, 0, &data, &len));
    CHECK(data != NULL && len > 8 && h.reallocs > 0);
    OK(JsVarSerializerFree(h.ser));

    OK(JsSetCurrentContext(cb));
    OK(run(DESCRIBE, &v));
    OK(deserialize(&h, data, len, NULL, 0, &copy));
    OK(set_global("v", copy));
    CHECK(run_text("describe(v)", after, sizeof after) == 0);
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "before: %s\nafter:  %s\n", before, after);
        return 1;
    }
    /* Identity inside the copy, prototypes of this realm, what the stream cannot carry. */
    CHECK(run_text("[v.self === v, v.arr2 === v.arr, v.nested.back === v,"
                   " v.nested.list[0] === v.map, v.i16.buffer === v.ab, v.dv.buffer === v.ab,"
                   " Object.getPrototypeOf(v.err) === RangeError.prototype,"
                   " v.tracking.length === 2 && (v.rab.resize(5), v.tracking.length === 5),"
                   " 1 in v.arr, v.re.lastIndex, Object.getOwnPropertyDescriptor(v.err, 'cause').enumerable"
                   "].join()",
                   text, sizeof text) == 0);
    CHECK(strcmp(text, "true,true,true,true,true,true,true,true,false,0,false") == 0);

    /* Primitives at the top level, and two values in one stream. */
    free(data);
    data = NULL;
    OK(JsVarSerializer(grow, write_host, &h, &h.ser));
    OK(run("'top'", &v));
    OK(JsVarSerializerWriteValue(h.ser, v));
    OK(run("2.5", &v));
    OK(JsVarSerializerWriteValue(h.ser, v));
    OK(JsVarSerializerReleaseData(h.ser, &data, &len));
    /* Released: nothing more to release until something is written. */
    CHECK(JsVarSerializerReleaseData(h.ser, &data, &len) == JsErrorInvalidArgument);
    OK(JsVarSerializerFree(h.ser));
    OK(JsVarDeserializer(data, len, read_host, shared_from_id, &h, &h.des));
    OK(JsVarDeserializerReadValue(h.des, &v));
    CHECK(text_of(v, text, sizeof text) == 0 && strcmp(text, "top") == 0);
    OK(JsVarDeserializerReadValue(h.des, &v));
    CHECK(text_of(v, text, sizeof text) == 0 && strcmp(text, "2.5") == 0);
    OK(JsVarDeserializerFree(h.des));
    free(data);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(ra));
    OK(JsDisposeRuntime(rb));
    return 0;
}

int scenario_sca_transfer_and_shared(void) {
    JsRuntimeHandle ra, rb;
    JsContextRef ca, cb;
    JsValueRef v, ab, ab2, copy, sab, other;
    Host h = {0};
    byte *data = NULL, *storage = NULL;
    unsigned int slen = 0;
    size_t len = 0;
    unsigned char saved[8];
    char text[256];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &ra));
    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rb));
    OK(JsCreateContext(ra, &ca));
    OK(JsCreateContext(rb, &cb));

    /* Sender: the buffer is transferred, its view goes with it; the SharedArrayBuffer shares. */
    OK(JsSetCurrentContext(ca));
    OK(run("var ab = new Uint8Array([1,2,3,4,5,6,7,8]).buffer;"
           "var sab = new SharedArrayBuffer(4); new Uint8Array(sab)[0] = 9;"
           "var msg = { buf: ab, view: new Uint8Array(ab, 2, 4), again: ab, sab: sab,"
           " sview: new Int8Array(sab, 1) }; msg",
           &v));
    OK(run("ab", &ab));
    OK(run("sab", &sab));
    OK(JsAddRef(ab, NULL));
    /* Transfer list errors. */
    OK(JsVarSerializer(grow, write_host, &h, &h.ser));
    CHECK(JsVarSerializerSetTransferableVars(h.ser, &v, 1) == JsTransferableNotSupported);
    CHECK(JsVarSerializerSetTransferableVars(h.ser, &sab, 1) == JsTransferableNotSupported);
    OK(JsVarSerializerSetTransferableVars(h.ser, NULL, 0));
    OK(JsVarSerializerSetTransferableVars(h.ser, &ab, 1));
    CHECK(JsVarSerializerSetTransferableVars(h.ser, &ab, 1) == JsSerializerNotSupported);
    OK(JsVarSerializerFree(h.ser));

    OK(serialize(&h, v, &ab, 1, &data, &len));
    /* The host takes the contents, then the serializer detaches the listed buffers. */
    OK(JsGetArrayBufferStorage(ab, &storage, &slen));
    CHECK(slen == 8);
    memcpy(saved, storage, 8);
    OK(JsVarSerializerDetachArrayBuffer(h.ser));
    CHECK(run_text("ab.byteLength + ',' + msg.view.length", text, sizeof text) == 0);
    CHECK(strcmp(text, "0,0") == 0);
    /* A detached buffer cannot be listed again, nor cloned. */
    {
        Host h2 = {0};
        OK(JsVarSerializer(grow, write_host, &h2, &h2.ser));
        CHECK(JsVarSerializerSetTransferableVars(h2.ser, &ab, 1) == JsTransferableAlreadyDetached);
        CHECK(JsVarSerializerWriteValue(h2.ser, ab) == JsErrorScriptException);
        CHECK(exception_text(text, sizeof text) == 0);
        CHECK(strcmp(text, "DataCloneError: An ArrayBuffer is detached and could not be cloned.") == 0);
        OK(JsVarSerializerFree(h2.ser));
    }

    /* Receiver: its own buffer with the contents stands for the transferred one. */
    OK(JsSetCurrentContext(cb));
    OK(JsCreateArrayBuffer(8, &ab2));
    OK(JsGetArrayBufferStorage(ab2, &storage, &slen));
    memcpy(storage, saved, 8);
    /* Without the list, the transferred index cannot be resolved. */
    CHECK(deserialize(&h, data, len, NULL, 0, &copy) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "DataCloneError: Unable to deserialize cloned data.") == 0);
    {
        JsErrorCode e = deserialize(&h, data, len, &ab2, 1, &copy);
        if (e != JsNoError) {
            if (e == JsErrorScriptException) exception_text(text, sizeof text);
            fprintf(stderr, "deserialize: 0x%x %s\n", (unsigned)e, text);
            return 1;
        }
    }
    OK(set_global("m", copy));
    OK(set_global("ab2", ab2));
    CHECK(run_text("[m.buf === ab2, m.again === ab2, m.view.buffer === ab2, m.view.join(''),"
                   " m.sview.buffer === m.sab, m.sab.byteLength, new Uint8Array(m.sab)[0]].join()",
                   text, sizeof text) == 0);
    CHECK(strcmp(text, "true,true,true,3456,true,4,9") == 0);
    /* The memory is shared with the sender's SharedArrayBuffer. */
    OK(run("new Uint8Array(m.sab)[3] = 77", &other));
    OK(JsSetCurrentContext(ca));
    CHECK(run_text("new Uint8Array(sab)[3]", text, sizeof text) == 0 && strcmp(text, "77") == 0);

    /* The host may resolve the id itself: it must give a SharedArrayBuffer. */
    OK(JsSetCurrentContext(cb));
    OK(run("var mine = new SharedArrayBuffer(4); new Uint8Array(mine)[0] = 5; mine",
           &h.shared_answer));
    OK(deserialize(&h, data, len, &ab2, 1, &copy));
    OK(set_global("m2", copy));
    CHECK(run_text("[m2.sab === mine, m2.sview[0]].join()", text, sizeof text) == 0);
    CHECK(strcmp(text, "true,0") == 0);
    /* One too small for the view over it is damaged data. */
    OK(run("new SharedArrayBuffer(2)", &h.shared_answer));
    CHECK(deserialize(&h, data, len, &ab2, 1, &copy) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    OK(run("({})", &h.shared_answer));
    CHECK(deserialize(&h, data, len, &ab2, 1, &copy) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "DataCloneError: Unable to deserialize cloned data.") == 0);
    h.shared_answer = JS_INVALID_REFERENCE;

    /* Once the serializer is freed its shared ids are gone. */
    OK(JsSetCurrentContext(ca));
    OK(JsVarSerializerFree(h.ser));
    OK(JsSetCurrentContext(cb));
    CHECK(deserialize(&h, data, len, &ab2, 1, &copy) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "DataCloneError: Unable to deserialize cloned data.") == 0);
    free(data);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(ra));
    OK(JsDisposeRuntime(rb));
    return 0;
}

int scenario_sca_host_objects(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef ext, v, copy;
    Host h = {0};
    byte *data = NULL;
    size_t len = 0;
    char text[256];
    void *p = NULL;

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    OK(JsCreateExternalObject((void *)(uintptr_t)0xC0FFEE, NULL, &ext));
    OK(set_global("ext", ext));
    OK(run("({ a: ext, b: [ext], n: 1 })", &v));
    h.free_in_callback = 1;
    OK(serialize(&h, v, NULL, 0, &data, &len));
    CHECK(h.host_writes == 1); /* the second is a reference */
    CHECK(h.free_result == JsErrorInvalidArgument);
    h.free_in_callback = 0;
    OK(JsVarSerializerFree(h.ser));
    OK(deserialize(&h, data, len, NULL, 0, &copy));
    CHECK(h.host_reads == 1);
    OK(set_global("c", copy));
    CHECK(run_text("[c.a === c.b[0], c.a !== ext, c.n].join()", text, sizeof text) == 0);
    CHECK(strcmp(text, "true,true,1") == 0);
    OK(run("c.a", &v));
    OK(JsGetExternalData(v, &p));
    CHECK(p == (void *)(uintptr_t)0xC0FFEE);
    free(data);

    /* The host refuses: a DataCloneError. */
    h.refuse_host = 1;
    CHECK(serialize(&h, ext, NULL, 0, &data, &len) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "DataCloneError: [object Object] could not be cloned.") == 0 ||
          strstr(text, "could not be cloned.") != NULL);
    OK(JsVarSerializerFree(h.ser));
    /* The host throws its own error: that one is reported. */
    h.refuse_host = 0;
    h.throw_from_host = 1;
    CHECK(serialize(&h, ext, NULL, 0, &data, &len) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "TypeError: host says no") == 0);
    OK(JsVarSerializerFree(h.ser));

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

static int refused(const char *src, const char *expect) {
    JsValueRef v;
    Host h = {0};
    char text[256];
    OK(run(src, &v));
    OK(JsVarSerializer(grow, write_host, &h, &h.ser));
    CHECK(JsVarSerializerWriteValue(h.ser, v) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    if (strcmp(text, expect) != 0) {
        fprintf(stderr, "%s: got '%s', expected '%s'\n", src, text, expect);
        return 1;
    }
    OK(JsVarSerializerFree(h.ser));
    return 0;
}

int scenario_sca_unsupported(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsValueRef v;
    Host h = {0};
    byte *data = NULL;
    size_t len = 0;
    char text[256];

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(refused("(function f() {})",
                  "DataCloneError: function f() {} could not be cloned.") == 0);
    CHECK(refused("({ nested: { fn: () => 1 } })",
                  "DataCloneError: () => 1 could not be cloned.") == 0);
    CHECK(refused("Symbol('s')", "DataCloneError: Symbol(s) could not be cloned.") == 0);
    CHECK(refused("[Symbol.iterator]",
                  "DataCloneError: Symbol(Symbol.iterator) could not be cloned.") == 0);
    CHECK(refused("new Proxy({}, {})", "DataCloneError: #<Object> could not be cloned.") == 0);
    CHECK(refused("new WeakMap()", "DataCloneError: #<WeakMap> could not be cloned.") == 0);
    CHECK(refused("Promise.resolve(1)", "DataCloneError: #<Promise> could not be cloned.") == 0);
    CHECK(refused("({ get boom() { throw new TypeError('getter'); } })", "TypeError: getter") == 0);

    /* Getters run once each, in order; what they return is cloned. */
    OK(run("var order = []; ({ get a() { order.push('a'); return 1; },"
           " get b() { order.push('b'); return { c: 2 }; } })",
           &v));
    OK(serialize(&h, v, NULL, 0, &data, &len));
    OK(JsVarSerializerFree(h.ser));
    CHECK(run_text("order.join()", text, sizeof text) == 0 && strcmp(text, "a,b") == 0);
    OK(deserialize(&h, data, len, NULL, 0, &v));
    OK(set_global("g", v));
    CHECK(run_text("JSON.stringify(g)", text, sizeof text) == 0);
    CHECK(strcmp(text, "{\"a\":1,\"b\":{\"c\":2}}") == 0);

    /* Damaged input: every truncation fails cleanly; a newer major version is refused. */
    for (size_t cut = 4; cut < len; cut++) {
        JsValueRef r;
        if (deserialize(&h, data, cut, NULL, 0, &r) == JsNoError) {
            fprintf(stderr, "truncated to %zu bytes, still read\n", cut);
            return 1;
        }
        if (JsGetAndClearException(&r) != JsNoError) return 1;
    }
    data[7] = 2; /* the version word after the 4-byte raw header */
    CHECK(deserialize(&h, data, len, NULL, 0, &v) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "DataCloneError: Unable to deserialize cloned data due to invalid or "
                       "unsupported version.") == 0);
    data[7] = 1;
    data[8] = 0xEE; /* an unknown type id */
    CHECK(deserialize(&h, data, len, NULL, 0, &v) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strcmp(text, "DataCloneError: Unable to deserialize cloned data.") == 0);
    free(data);

    /* The host's memory is refused: out of memory, nothing thrown. */
    h.fail_realloc = 1;
    OK(JsVarSerializer(grow, write_host, &h, &h.ser));
    OK(run("({ a: 1 })", &v));
    CHECK(JsVarSerializerWriteValue(h.ser, v) == JsErrorOutOfMemory);
    OK(JsVarSerializerFree(h.ser));

    /* Deep nesting ends in a catchable error, not a crash. */
    h.fail_realloc = 0;
    /* 200,000 levels pass any native stack; under GC stress (debug builds, whose frames are
     * far bigger) 20,000 do, and building 200,000 would cost ~30,000 full collections. */
    OK(run(getenv("CONCH_GC_STRESS") ? "var n = 20000;" : "var n = 200000;", &v));
    OK(run("var deep = []; for (var i = 0; i < n; i++) deep = [deep]; deep", &v));
    OK(JsVarSerializer(grow, write_host, &h, &h.ser));
    CHECK(JsVarSerializerWriteValue(h.ser, v) == JsErrorScriptException);
    CHECK(exception_text(text, sizeof text) == 0);
    CHECK(strstr(text, "RangeError") == text);
    OK(JsVarSerializerFree(h.ser));

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}

int scenario_sca_argument_errors(void) {
    JsRuntimeHandle rt;
    JsContextRef ctx;
    JsVarSerializerHandle ser = NULL;
    JsVarDeserializerHandle des = NULL;
    JsValueRef v;
    Host h = {0};
    byte *data = NULL;
    size_t len = 0;
    byte bytes[16] = {0};
    void *p = NULL;
    int local = 0;

    /* No current context. */
    CHECK(JsVarSerializer(grow, write_host, &h, &ser) == JsErrorNoCurrentContext);
    CHECK(JsVarDeserializer(bytes, 4, read_host, shared_from_id, &h, &des) ==
          JsErrorNoCurrentContext);

    OK(JsCreateRuntime(JsRuntimeAttributeNone, NULL, &rt));
    OK(JsCreateContext(rt, &ctx));
    OK(JsSetCurrentContext(ctx));
    CHECK(JsVarSerializer(NULL, write_host, &h, &ser) == JsErrorNullArgument);
    CHECK(JsVarSerializer(grow, NULL, &h, &ser) == JsErrorNullArgument);
    CHECK(JsVarSerializer(grow, write_host, &h, NULL) == JsErrorNullArgument);
    OK(JsVarSerializer(grow, write_host, &h, &ser));
    OK(run("1", &v));
    CHECK(JsVarSerializerWriteValue(NULL, v) == JsErrorNullArgument);
    CHECK(JsVarSerializerWriteValue(ser, NULL) == JsErrorNullArgument);
    CHECK(JsVarSerializerWriteValue(&local, v) == JsErrorInvalidArgument);
    CHECK(JsVarSerializerWriteRawBytes(ser, NULL, 0) == JsErrorNullArgument);
    CHECK(JsVarSerializerReleaseData(ser, NULL, &len) == JsErrorNullArgument);
    CHECK(JsVarSerializerReleaseData(ser, &data, NULL) == JsErrorNullArgument);
    CHECK(JsVarSerializerReleaseData(ser, &data, &len) == JsErrorInvalidArgument);
    CHECK(JsVarSerializerSetTransferableVars(ser, NULL, 1) == JsErrorNullArgument);
    CHECK(JsVarSerializerDetachArrayBuffer(NULL) == JsErrorNullArgument);
    OK(JsVarSerializerDetachArrayBuffer(ser));
    CHECK(JsVarSerializerFree(NULL) == JsErrorNullArgument);

    CHECK(JsVarDeserializer(NULL, 4, read_host, shared_from_id, &h, &des) == JsErrorNullArgument);
    CHECK(JsVarDeserializer(bytes, 4, NULL, shared_from_id, &h, &des) == JsErrorNullArgument);
    CHECK(JsVarDeserializer(bytes, 4, read_host, NULL, &h, &des) == JsErrorNullArgument);
    CHECK(JsVarDeserializer(bytes, 4, read_host, shared_from_id, &h, NULL) == JsErrorNullArgument);
    OK(JsVarDeserializer(bytes, 8, read_host, shared_from_id, &h, &des));
    /* A serializer handle is not a deserializer, nor the reverse. */
    CHECK(JsVarSerializerWriteValue(des, v) == JsErrorInvalidArgument);
    CHECK(JsVarDeserializerReadValue(ser, &v) == JsErrorInvalidArgument);
    CHECK(JsVarDeserializerReadValue(des, NULL) == JsErrorNullArgument);
    CHECK(JsVarDeserializerReadRawBytes(des, 4, NULL) == JsErrorNullArgument);
    OK(JsVarDeserializerReadRawBytes(des, 4, &p));
    CHECK(p == bytes);
    p = NULL;
    CHECK(JsVarDeserializerReadBytes(des, 4, &p) == JsErrorNullArgument);
    p = bytes + 12;
    CHECK(JsVarDeserializerReadBytes(des, 5, &p) == JsErrorInvalidArgument);
    OK(JsVarDeserializerReadBytes(des, 4, &p));
    CHECK(JsVarDeserializerReadRawBytes(des, 1, &p) == JsErrorInvalidArgument);
    CHECK(JsVarDeserializerSetTransferableVars(des, NULL, 2) == JsErrorNullArgument);
    OK(JsVarDeserializerFree(des));
    /* Freed handles are not valid any more. */
    CHECK(JsVarDeserializerFree(des) == JsErrorInvalidArgument);
    CHECK(JsVarDeserializerReadValue(des, &v) == JsErrorInvalidArgument);
    OK(JsVarSerializerFree(ser));
    CHECK(JsVarSerializerFree(ser) == JsErrorInvalidArgument);
    CHECK(JsVarSerializerWriteRawBytes(ser, bytes, 1) == JsErrorInvalidArgument);

    OK(JsSetCurrentContext(JS_INVALID_REFERENCE));
    OK(JsDisposeRuntime(rt));
    return 0;
}
