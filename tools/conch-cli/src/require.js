// The shell's CommonJS surface for scripts: `require`, `module`, `exports`, `__filename`,
// `__dirname` (so that `if (require.main === module) main();` runs main), with the node core
// modules scripts use most written here: util (inspect and format through the shell's
// inspector), events, assert, path (POSIX), timers, timers/promises, perf_hooks, process, os,
// url, buffer, crypto (hashes, HMAC, random values).
// Any other module is node's "Cannot find module" error. The script's value is a function of
// the shell's natives (`process.rs`).
(host) => {
  "use strict";
  const define = (o, k, v) =>
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: false, configurable: true });
  const customInspect = Symbol.for("nodejs.util.inspect.custom");

  // ----- util -----
  function inspect(value, opts, depth, colors) {
    let o = {};
    if (typeof opts === "boolean") {
      // The legacy signature: inspect(value, showHidden, depth, colors).
      o = { showHidden: opts, depth, colors };
    } else if (opts && typeof opts === "object") {
      o = opts;
    }
    const compact = o.compact === false ? 0 : o.compact === true ? 3 : o.compact;
    return host.inspect(value, o.depth, o.showHidden, o.colors, o.breakLength, compact, o.maxArrayLength, o.maxStringLength);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = { showHidden: false, depth: 2, colors: false, maxArrayLength: 100, maxStringLength: 10000, breakLength: 128, compact: 3, sorted: false };
  const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");
  function promisify(original) {
    if (typeof original !== "function") {
      throw new TypeError(`The "original" argument must be of type function. Received ${original === null ? "null" : typeof original}`);
    }
    if (typeof original[promisifyCustom] === "function") return original[promisifyCustom];
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => (err ? reject(err) : resolve(values[0]))]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = promisifyCustom;
  function callbackify(original) {
    return function (...args) {
      const cb = args.pop();
      Reflect.apply(original, this, args).then(
        (v) => queueMicrotask(() => cb(null, v)),
        (e) => queueMicrotask(() => cb(e)),
      );
    };
  }
  const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const isDeepStrictEqual = (a, b, seen = new Map()) => {
    if (Object.is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tag(a) !== tag(b)) return false;
    if (seen.get(a) === b) return true;
    seen.set(a, b);
    if (a instanceof Date) return Object.is(a.getTime(), b.getTime());
    if (a instanceof RegExp) return String(a) === String(b) && a.lastIndex === b.lastIndex;
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (ArrayBuffer.isView(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) if (!b.has(k) || !isDeepStrictEqual(v, b.get(k), seen)) return false;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if (typeof v === "object" && v !== null) for (const w of b) if (isDeepStrictEqual(v, w, seen)) continue outer;
        return false;
      }
    }
    const ka = Reflect.ownKeys(a).filter((k) => Object.prototype.propertyIsEnumerable.call(a, k));
    const kb = Reflect.ownKeys(b).filter((k) => Object.prototype.propertyIsEnumerable.call(b, k));
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.propertyIsEnumerable.call(b, k) || !isDeepStrictEqual(a[k], b[k], seen)) return false;
    }
    return true;
  };
  const isLooseEqual = (a, b) => {
    // A shallow version of assert.deepEqual's loose comparison for primitives.
    if (a == b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!(k in b) || !isLooseEqual(a[k], b[k])) return false;
    return true;
  };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
  const types = {
    isPromise: (v) => tag(v) === "Promise",
    isDate: (v) => v instanceof Date,
    isRegExp: (v) => v instanceof RegExp,
    isMap: (v) => v instanceof Map,
    isSet: (v) => v instanceof Set,
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
    isNativeError: (v) => v instanceof Error,
    isAsyncFunction: (v) => v instanceof AsyncFunction,
    isGeneratorFunction: (v) => v instanceof GeneratorFunction,
    isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isDataView: (v) => v instanceof DataView,
    isBoxedPrimitive: (v) => ["Number", "String", "Boolean", "Symbol", "BigInt"].includes(tag(v)) && typeof v === "object",
  };
  const warned = new Set();
  const util = {
    inspect,
    format: (...args) => host.format(...args),
    formatWithOptions: (opts, ...args) => host.format(...args),
    promisify,
    callbackify,
    inherits(ctor, superCtor) {
      define(ctor, "super_", superCtor);
      Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
    },
    deprecate(fn, msg, code) {
      return function (...args) {
        if (!warned.has(msg)) {
          warned.add(msg);
          console.error(`(node:${process.pid}) ${code ? `[${code}] ` : ""}DeprecationWarning: ${msg}`);
        }
        return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
      };
    },
    isDeepStrictEqual: (a, b) => isDeepStrictEqual(a, b),
    // NODE_DEBUG sections are never enabled here.
    debuglog: () => Object.assign(() => {}, { enabled: false }),
    debug: () => Object.assign(() => {}, { enabled: false }),
    types,
    isArray: Array.isArray,
    isError: (v) => v instanceof Error,
    isFunction: (v) => typeof v === "function",
    isString: (v) => typeof v === "string",
    isNumber: (v) => typeof v === "number",
    isObject: (v) => v !== null && typeof v === "object",
    isPrimitive: (v) => v === null || (typeof v !== "object" && typeof v !== "function"),
    stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""),
    toUSVString: (s) => String(s).toWellFormed(),
    get TextEncoder() {
      return globalThis.TextEncoder;
    },
    get TextDecoder() {
      return globalThis.TextDecoder;
    },
  };

  // ----- events -----
  class EventEmitter {
    static defaultMaxListeners = 10;
    #events = new Map();
    #max = undefined;
    #add(name, listener, once, prepend) {
      if (typeof listener !== "function") {
        throw new TypeError(`The "listener" argument must be of type function. Received ${listener === null ? "null" : typeof listener}`);
      }
      if (this.#events.has("newListener")) this.emit("newListener", name, listener);
      if (!this.#events.has(name)) this.#events.set(name, []);
      const list = this.#events.get(name);
      const entry = { listener, once };
      if (prepend) list.unshift(entry);
      else list.push(entry);
      return this;
    }
    on(name, listener) {
      return this.#add(name, listener, false, false);
    }
    addListener(name, listener) {
      return this.#add(name, listener, false, false);
    }
    prependListener(name, listener) {
      return this.#add(name, listener, false, true);
    }
    once(name, listener) {
      return this.#add(name, listener, true, false);
    }
    prependOnceListener(name, listener) {
      return this.#add(name, listener, true, true);
    }
    off(name, listener) {
      const list = this.#events.get(name);
      if (!list) return this;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i].listener === listener) {
          list.splice(i, 1);
          if (list.length === 0) this.#events.delete(name);
          if (this.#events.has("removeListener")) this.emit("removeListener", name, listener);
          break;
        }
      }
      return this;
    }
    removeListener(name, listener) {
      return this.off(name, listener);
    }
    removeAllListeners(name) {
      if (name === undefined) this.#events.clear();
      else this.#events.delete(name);
      return this;
    }
    emit(name, ...args) {
      const list = this.#events.get(name);
      if (!list || list.length === 0) {
        if (name === "error") {
          const err = args[0];
          if (err instanceof Error) throw err;
          const e = new Error(`Unhandled error. (${inspect(err)})`);
          e.code = "ERR_UNHANDLED_ERROR";
          e.context = err;
          throw e;
        }
        return false;
      }
      for (const entry of [...list]) {
        if (entry.once) {
          const i = list.indexOf(entry);
          if (i >= 0) list.splice(i, 1);
          if (list.length === 0) this.#events.delete(name);
        }
        Reflect.apply(entry.listener, this, args);
      }
      return true;
    }
    listenerCount(name) {
      return this.#events.get(name)?.length ?? 0;
    }
    listeners(name) {
      return (this.#events.get(name) ?? []).map((e) => e.listener);
    }
    rawListeners(name) {
      return this.listeners(name);
    }
    eventNames() {
      return [...this.#events.keys()];
    }
    setMaxListeners(n) {
      this.#max = n;
      return this;
    }
    getMaxListeners() {
      return this.#max ?? EventEmitter.defaultMaxListeners;
    }
    static once(emitter, name) {
      return new Promise((resolve, reject) => {
        const onError = (err) => {
          emitter.off(name, onEvent);
          reject(err);
        };
        const onEvent = (...args) => {
          if (name !== "error") emitter.off("error", onError);
          resolve(args);
        };
        emitter.once(name, onEvent);
        if (name !== "error") emitter.once("error", onError);
      });
    }
    static listenerCount(emitter, name) {
      return emitter.listenerCount(name);
    }
  }
  EventEmitter.EventEmitter = EventEmitter;

  // ----- assert -----
  class AssertionError extends Error {
    constructor(options) {
      super(options.message);
      this.name = "AssertionError";
      this.generatedMessage = !options.userMessage;
      this.code = "ERR_ASSERTION";
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
    }
  }
  const fail = (actual, expected, message, operator, generated) => {
    if (message instanceof Error) throw message;
    throw new AssertionError({
      message: message ?? generated(),
      userMessage: message !== undefined,
      actual,
      expected,
      operator,
    });
  };
  const show = (v) => inspect(v);
  const assert = (value, message) => assert.ok(value, message);
  Object.assign(assert, {
    AssertionError,
    ok(value, message) {
      if (!value) {
        fail(value, true, message, "==", () =>
          arguments.length === 0 ? "No value argument passed to `assert.ok()`" : "The expression evaluated to a falsy value:\n\n  assert.ok(" + show(value) + ")\n",
        );
      }
    },
    equal(a, b, message) {
      if (!(a == b || (Number.isNaN(a) && Number.isNaN(b)))) fail(a, b, message, "==", () => `${show(a)} == ${show(b)}`);
    },
    notEqual(a, b, message) {
      if (a == b || (Number.isNaN(a) && Number.isNaN(b))) fail(a, b, message, "!=", () => `${show(a)} != ${show(b)}`);
    },
    strictEqual(a, b, message) {
      if (!Object.is(a, b)) {
        fail(a, b, message, "strictEqual", () => `Expected values to be strictly equal:\n\n${show(a)} !== ${show(b)}\n`);
      }
    },
    notStrictEqual(a, b, message) {
      if (Object.is(a, b)) fail(a, b, message, "notStrictEqual", () => `Expected "actual" to be strictly unequal to: ${show(b)}`);
    },
    deepEqual(a, b, message) {
      if (!isLooseEqual(a, b)) fail(a, b, message, "deepEqual", () => `Expected values to be loosely deep-equal:\n\n${show(a)}\n\nshould loosely deep-equal\n\n${show(b)}`);
    },
    notDeepEqual(a, b, message) {
      if (isLooseEqual(a, b)) fail(a, b, message, "notDeepEqual", () => `Expected "actual" not to be loosely deep-equal to:\n\n${show(b)}`);
    },
    deepStrictEqual(a, b, message) {
      if (!isDeepStrictEqual(a, b)) {
        fail(a, b, message, "deepStrictEqual", () => `Expected values to be strictly deep-equal:\n${show(a)}\n\nshould equal\n\n${show(b)}`);
      }
    },
    notDeepStrictEqual(a, b, message) {
      if (isDeepStrictEqual(a, b)) fail(a, b, message, "notDeepStrictEqual", () => `Expected "actual" not to be strictly deep-equal to: ${show(b)}`);
    },
    fail(message = "Failed") {
      if (message instanceof Error) throw message;
      throw new AssertionError({ message, userMessage: true, operator: "fail" });
    },
    match(s, re, message) {
      if (!re.test(s)) fail(s, re, message, "match", () => `The input did not match the regular expression ${re}. Input:\n\n${show(s)}\n`);
    },
    doesNotMatch(s, re, message) {
      if (re.test(s)) fail(s, re, message, "doesNotMatch", () => `The input was expected to not match the regular expression ${re}. Input:\n\n${show(s)}\n`);
    },
    throws(fn, expected, message) {
      if (typeof expected === "string") [message, expected] = [expected, undefined];
      try {
        fn();
      } catch (e) {
        check(e, expected, message);
        return;
      }
      fail(undefined, expected, message, "throws", () => `Missing expected exception${expected?.name ? ` (${expected.name})` : ""}.`);
    },
    doesNotThrow(fn, message) {
      try {
        fn();
      } catch (e) {
        fail(e, undefined, message, "doesNotThrow", () => `Got unwanted exception.\nActual message: "${e?.message}"`);
      }
    },
    async rejects(p, expected, message) {
      if (typeof expected === "string") [message, expected] = [expected, undefined];
      try {
        await (typeof p === "function" ? p() : p);
      } catch (e) {
        check(e, expected, message);
        return;
      }
      fail(undefined, expected, message, "rejects", () => `Missing expected rejection${expected?.name ? ` (${expected.name})` : ""}.`);
    },
    async doesNotReject(p, message) {
      try {
        await (typeof p === "function" ? p() : p);
      } catch (e) {
        fail(e, undefined, message, "doesNotReject", () => `Got unwanted rejection.\nActual message: "${e?.message}"`);
      }
    },
    ifError(v) {
      if (v !== null && v !== undefined) throw v instanceof Error ? v : new AssertionError({ message: `ifError got unwanted exception: ${show(v)}`, operator: "ifError" });
    },
  });
  const check = (e, expected, message) => {
    if (expected === undefined) return;
    if (typeof expected === "function") {
      if (expected.prototype !== undefined && e instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) throw e;
      if (expected.call({}, e) === true) return;
      fail(e, expected, message, "throws", () => "The validation function is expected to return \"true\". Received false");
    }
    if (expected instanceof RegExp) {
      if (expected.test(String(e))) return;
      fail(e, expected, message, "throws", () => `The input did not match the regular expression ${expected}. Input:\n\n${show(String(e))}\n`);
    }
    if (typeof expected === "object") {
      for (const k of Object.keys(expected)) {
        const want = expected[k];
        const ok = want instanceof RegExp && typeof e[k] === "string" ? want.test(e[k]) : isDeepStrictEqual(e[k], want);
        if (!ok) fail(e, expected, message, "throws", () => `Expected values to be strictly deep-equal:\n${show(e[k])}\n\nshould equal\n\n${show(want)}`);
      }
    }
  };
  assert.strict = assert;

  // ----- path (POSIX) -----
  const normalizeParts = (parts, absolute) => {
    const out = [];
    for (const p of parts) {
      if (p === "" || p === ".") continue;
      if (p === "..") {
        if (out.length && out[out.length - 1] !== "..") out.pop();
        else if (!absolute) out.push("..");
      } else out.push(p);
    }
    return out;
  };
  const path = {
    sep: "/",
    delimiter: ":",
    normalize(p) {
      p = String(p);
      if (p === "") return ".";
      const abs = p.startsWith("/");
      const trailing = p.endsWith("/");
      let r = normalizeParts(p.split("/"), abs).join("/");
      if (r === "" && !abs) r = ".";
      if (r !== "" && trailing) r += "/";
      return (abs ? "/" : "") + r;
    },
    join(...parts) {
      const j = parts.filter((p) => String(p) !== "").join("/");
      return j === "" ? "." : path.normalize(j);
    },
    resolve(...parts) {
      let r = "";
      for (let i = parts.length - 1; i >= 0 && !r.startsWith("/"); i--) {
        const p = String(parts[i]);
        if (p !== "") r = r === "" ? p : `${p}/${r}`;
      }
      if (!r.startsWith("/")) r = `${host.cwd()}/${r}`;
      const n = "/" + normalizeParts(r.split("/"), true).join("/");
      return n;
    },
    isAbsolute: (p) => String(p).startsWith("/"),
    dirname(p) {
      p = String(p);
      if (p === "") return ".";
      const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
      const i = trimmed.lastIndexOf("/");
      if (i < 0) return ".";
      if (i === 0) return "/";
      return trimmed.slice(0, i);
    },
    basename(p, ext) {
      p = String(p);
      const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
      let b = trimmed.slice(trimmed.lastIndexOf("/") + 1);
      if (ext !== undefined && b.endsWith(ext) && b !== ext) b = b.slice(0, b.length - ext.length);
      return b;
    },
    extname(p) {
      const b = path.basename(p);
      const i = b.lastIndexOf(".");
      return i <= 0 ? "" : b.slice(i);
    },
    relative(from, to) {
      const f = path.resolve(from).split("/").filter(Boolean);
      const t = path.resolve(to).split("/").filter(Boolean);
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...Array(f.length - i).fill(".."), ...t.slice(i)].join("/");
    },
    parse(p) {
      p = String(p);
      const root = p.startsWith("/") ? "/" : "";
      const base = path.basename(p);
      const ext = path.extname(p);
      let dir = path.dirname(p);
      if (dir === "." && !p.includes("/")) dir = "";
      return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format(o) {
      const dir = o.dir ?? o.root ?? "";
      const base = o.base ?? `${o.name ?? ""}${o.ext ?? ""}`;
      if (!dir) return base;
      return dir === o.root ? `${dir}${base}` : `${dir}/${base}`;
    },
    toNamespacedPath: (p) => p,
  };
  path.posix = path;

  // ----- crypto -----
  const isUtf8 = (enc) => enc === undefined || /^utf-?8$/i.test(enc);
  // Chunks: strings (UTF-8) while all are, else bytes.
  const hashInput = (chunks) =>
    chunks.every((c) => typeof c === "string")
      ? chunks.join("")
      : Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
  class Hash {
    #alg;
    #chunks = [];
    constructor(alg) {
      this.#alg = String(alg).toLowerCase().replace(/^sha-/, "sha");
      if (host.hash(this.#alg, "") === undefined) throw new Error("Digest method not supported");
    }
    update(data, enc) {
      this.#chunks.push(typeof data === "string" ? (isUtf8(enc) ? data : Buffer.from(data, enc)) : Buffer.from(data));
      return this;
    }
    digest(enc) {
      const hex = host.hash(this.#alg, hashInput(this.#chunks));
      if (enc === "hex") return hex;
      const out = Buffer.from(hex, "hex");
      return enc === undefined || enc === "buffer" ? out : out.toString(enc);
    }
    copy() {
      const h = new Hash(this.#alg);
      for (const c of this.#chunks) h.update(c);
      return h;
    }
  }
  class Hmac {
    #alg;
    #key;
    #chunks = [];
    constructor(alg, key) {
      this.#alg = String(alg).toLowerCase().replace(/^sha-/, "sha");
      const block = this.#alg === "sha512" ? 128 : 64;
      let k = typeof key === "string" ? Buffer.from(key) : Buffer.from(key);
      if (k.length > block) k = new Hash(this.#alg).update(k).digest();
      this.#key = Buffer.concat([k, Buffer.alloc(block - k.length)]);
    }
    update(data, enc) {
      this.#chunks.push(typeof data === "string" ? Buffer.from(data, enc) : Buffer.from(data));
      return this;
    }
    digest(enc) {
      const ipad = Buffer.from(this.#key.map((b) => b ^ 0x36));
      const opad = Buffer.from(this.#key.map((b) => b ^ 0x5c));
      const inner = new Hash(this.#alg).update(Buffer.concat([ipad, ...this.#chunks])).digest();
      const out = new Hash(this.#alg).update(Buffer.concat([opad, inner])).digest();
      return enc === undefined || enc === "buffer" ? out : out.toString(enc);
    }
  }
  const cryptoModule = () => ({
    createHash: (alg) => new Hash(alg),
    createHmac: (alg, key) => new Hmac(alg, key),
    getHashes: () => ["md5", "sha1", "sha256", "sha512"],
    randomBytes(n, cb) {
      const b = Buffer.alloc(n);
      globalThis.crypto.getRandomValues(b);
      if (typeof cb === "function") queueMicrotask(() => cb(null, b));
      else return b;
    },
    randomUUID: () => globalThis.crypto.randomUUID(),
    randomInt(min, max) {
      if (max === undefined) [min, max] = [0, min];
      return min + Math.floor(Math.random() * (max - min));
    },
    getRandomValues: (ta) => globalThis.crypto.getRandomValues(ta),
    timingSafeEqual: (a, b) => Buffer.from(a).equals(Buffer.from(b)),
    webcrypto: globalThis.crypto,
  });

  const timersPromises = {
    setTimeout: (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value)),
    setImmediate: (value) => new Promise((resolve) => setImmediate(resolve, value)),
    async *setInterval(ms, value) {
      for (;;) yield await new Promise((resolve) => setTimeout(resolve, ms, value));
    },
    scheduler: { wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  };
  // util.promisify(setTimeout) and util.promisify(setImmediate) are the promise timers.
  define(globalThis.setTimeout, promisifyCustom, timersPromises.setTimeout);
  define(globalThis.setImmediate, promisifyCustom, timersPromises.setImmediate);
  const modules = {
    util: () => util,
    events: () => EventEmitter,
    assert: () => assert,
    "assert/strict": () => assert,
    path: () => path,
    "path/posix": () => path,
    timers: () => ({ setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, promises: timersPromises }),
    "timers/promises": () => timersPromises,
    perf_hooks: () => ({ performance: globalThis.performance }),
    process: () => globalThis.process,
    crypto: cryptoModule,
    buffer: () => ({ Buffer: globalThis.Buffer, constants: { MAX_LENGTH: 2 ** 32, MAX_STRING_LENGTH: 2 ** 29 - 24 } }),
    url: () => ({
      URL: globalThis.URL,
      URLSearchParams: globalThis.URLSearchParams,
      fileURLToPath(u) {
        const url = typeof u === "string" ? new URL(u) : u;
        if (url.protocol !== "file:") throw new TypeError("The URL must be of scheme file");
        return decodeURIComponent(url.pathname);
      },
      pathToFileURL: (p) => new URL("file://" + encodeURI(path.resolve(p))),
    }),
    os: () => ({ EOL: "\n", platform: () => globalThis.process.platform, arch: () => globalThis.process.arch, type: () => "Linux", homedir: () => globalThis.process.env.HOME ?? "/", tmpdir: () => "/tmp", cpus: () => [], endianness: () => "LE" }),
  };
  const cache = new Map();
  const filename = host.filename;
  const mainModule = {
    id: ".",
    path: host.dirname,
    exports: {},
    filename,
    loaded: false,
    children: [],
    paths: [],
  };
  function require(id) {
    if (typeof id !== "string") {
      throw new TypeError(`The "id" argument must be of type string. Received ${id === null ? "null" : typeof id}`);
    }
    const name = id.startsWith("node:") ? id.slice(5) : id;
    if (cache.has(name)) return cache.get(name);
    const make = Object.hasOwn(modules, name) ? modules[name] : undefined;
    if (!make) {
      const e = new Error(`Cannot find module '${id}'\nRequire stack:\n- ${filename}`);
      e.code = "MODULE_NOT_FOUND";
      e.requireStack = [filename];
      throw e;
    }
    const m = make();
    cache.set(name, m);
    return m;
  }
  require.main = mainModule;
  require.cache = {};
  require.resolve = (id) => {
    const name = id.startsWith("node:") ? id.slice(5) : id;
    if (Object.hasOwn(modules, name)) return name;
    return require(id);
  };
  define(globalThis, "require", require);
  define(globalThis, "module", mainModule);
  define(globalThis, "exports", mainModule.exports);
  define(globalThis, "__filename", filename);
  define(globalThis, "__dirname", host.dirname);
};
