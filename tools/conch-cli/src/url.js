// The shell's `URL` and `URLSearchParams`: the WHATWG URL parser for what scripts pass it
// (special schemes with authorities, default ports, dot segments, percent-encoding of paths,
// queries and fragments, relative references against a base, opaque paths such as mailto:)
// and the application/x-www-form-urlencoded query API. Hosts are ASCII (no IDNA) and IPv4
// hosts are kept as written.
(() => {
  "use strict";
  const SPECIAL = { "ftp:": "21", "file:": "", "http:": "80", "https:": "443", "ws:": "80", "wss:": "443" };
  const hex = (b) => "%" + b.toString(16).toUpperCase().padStart(2, "0");
  const encoder = new TextEncoder();
  // Percent-encodes the code points of `s` that are C0 controls, non-ASCII or in `set`.
  const encode = (s, set) => {
    let out = "";
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if (c < 0x20 || c > 0x7e || set.includes(ch)) {
        for (const b of encoder.encode(ch)) out += hex(b);
      } else out += ch;
    }
    return out;
  };
  const FRAGMENT = ' "<>`';
  const QUERY = ' "#<>';
  const SPECIAL_QUERY = QUERY + "'";
  const PATH = QUERY + "?`{}";
  const USERINFO = PATH + "/:;=@[\\]^|";
  // What the shell's inspector prints for an instance (node's custom inspection), kept up to
  // date by every change.
  const VIEW = Symbol.for("conch.inspect.view");
  const setView = (o, v) => Object.defineProperty(o, VIEW, { value: v, writable: true, enumerable: false, configurable: true });
  const invalid = (input) => {
    const e = new TypeError("Invalid URL");
    e.code = "ERR_INVALID_URL";
    e.input = input;
    return e;
  };
  const isDot = (seg) => seg === "." || seg.toLowerCase() === "%2e";
  const isDotDot = (seg) => ["..", ".%2e", "%2e.", "%2e%2e"].includes(seg.toLowerCase());

  // The parsed record: { scheme, username, password, host (null: none), port, path (array,
  // or a string when opaque), query (null), fragment (null) }.
  function parse(input, base) {
    let s = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
    const url = { scheme: "", username: "", password: "", host: null, port: "", path: [], query: null, fragment: null };
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
    let rest;
    if (m) {
      url.scheme = m[1].toLowerCase() + ":";
      rest = s.slice(m[0].length);
      const special = url.scheme in SPECIAL;
      if (special && base && base.scheme === url.scheme && !/^[/\\]/.test(rest)) {
        // "http:foo" against an http base is relative.
        return relative(rest, base, url.scheme);
      }
      if (special || rest.startsWith("//")) {
        if (special) rest = rest.replace(/^[/\\]*/, "");
        else rest = rest.slice(2);
        if (url.scheme === "file:") {
          return fileRest(url, rest);
        }
        return authorityAndPath(url, rest, special, input);
      }
      // An opaque path (mailto:, data:, javascript:) or a path without a host ("x:/a/b").
      const hq = splitTail(rest);
      if (hq.path.startsWith("/")) url.path = pathSegments(hq.path, false);
      else url.path = encode(hq.path, "");
      url.query = hq.query === null ? null : encode(hq.query, QUERY);
      url.fragment = hq.fragment === null ? null : encode(hq.fragment, FRAGMENT);
      return url;
    }
    if (!base) throw invalid(input);
    return relative(s, base, base.scheme);
  }
  function splitTail(s) {
    let fragment = null;
    let query = null;
    const h = s.indexOf("#");
    if (h >= 0) {
      fragment = s.slice(h + 1);
      s = s.slice(0, h);
    }
    const q = s.indexOf("?");
    if (q >= 0) {
      query = s.slice(q + 1);
      s = s.slice(0, q);
    }
    return { path: s, query, fragment };
  }
  function pathSegments(p, special) {
    const parts = special ? p.split(/[/\\]/) : p.split("/");
    parts.shift(); // the leading ""
    const out = [];
    parts.forEach((seg, i) => {
      const last = i === parts.length - 1;
      if (isDotDot(seg)) {
        out.pop();
        if (last) out.push("");
      } else if (isDot(seg)) {
        if (last) out.push("");
      } else out.push(encode(seg, PATH));
    });
    return out;
  }
  function authorityAndPath(url, rest, special, input) {
    const end = rest.search(special ? /[/\\?#]/ : /[/?#]/);
    let auth = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? "" : rest.slice(end);
    const at = auth.lastIndexOf("@");
    if (at >= 0) {
      const info = auth.slice(0, at);
      auth = auth.slice(at + 1);
      const colon = info.indexOf(":");
      url.username = encode(colon < 0 ? info : info.slice(0, colon), USERINFO);
      url.password = colon < 0 ? "" : encode(info.slice(colon + 1), USERINFO);
    }
    const pm = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(auth);
    let host = pm[1];
    const port = pm[2];
    if (special && host === "") throw invalid(input);
    if (host.startsWith("[")) host = host.toLowerCase();
    else {
      try {
        host = decodeURIComponent(host);
      } catch {
        throw invalid(input);
      }
      host = special ? host.toLowerCase() : encode(host, "");
      if (special && /[\u0000\t\n\r #/:<>?@[\\\]^|%]/.test(host)) throw invalid(input);
    }
    url.host = host;
    if (port !== undefined && port !== "") {
      if (!/^\d+$/.test(port) || Number(port) > 65535) throw invalid(input);
      const n = String(Number(port));
      url.port = SPECIAL[url.scheme] === n ? "" : n;
    }
    const t = splitTail(rest);
    url.path = t.path === "" ? (special ? [""] : []) : pathSegments(t.path, special);
    url.query = t.query === null ? null : encode(t.query, special ? SPECIAL_QUERY : QUERY);
    url.fragment = t.fragment === null ? null : encode(t.fragment, FRAGMENT);
    return url;
  }
  function fileRest(url, rest) {
    // "file:///path" (rest without its slashes): a host only before the next slash when the
    // input had two; here the host is kept empty unless written ("file://server/share").
    const t = splitTail(rest);
    url.host = "";
    url.path = pathSegments("/" + t.path, true);
    url.query = t.query === null ? null : encode(t.query, SPECIAL_QUERY);
    url.fragment = t.fragment === null ? null : encode(t.fragment, FRAGMENT);
    return url;
  }
  function relative(s, base, scheme) {
    const special = scheme in SPECIAL;
    const url = { ...base, path: Array.isArray(base.path) ? [...base.path] : base.path, scheme };
    if (typeof base.path === "string" && !s.startsWith("#")) throw invalid(s);
    if (/^[/\\]{2}/.test(s) && (special || s.startsWith("//"))) {
      return parse(scheme + s, null);
    }
    const t = splitTail(s);
    if (t.path === "") {
      if (t.query === null) {
        url.fragment = t.fragment === null ? null : encode(t.fragment, FRAGMENT);
        return url;
      }
      url.query = encode(t.query, special ? SPECIAL_QUERY : QUERY);
      url.fragment = t.fragment === null ? null : encode(t.fragment, FRAGMENT);
      return url;
    }
    let p;
    if (t.path.startsWith("/") || (special && t.path.startsWith("\\"))) p = t.path;
    else p = "/" + [...url.path.slice(0, -1), t.path].join("/");
    url.path = pathSegments(p, special);
    url.query = t.query === null ? null : encode(t.query, special ? SPECIAL_QUERY : QUERY);
    url.fragment = t.fragment === null ? null : encode(t.fragment, FRAGMENT);
    return url;
  }
  const hostString = (u) => (u.host === null ? "" : u.host + (u.port ? ":" + u.port : ""));
  const pathString = (u) => (typeof u.path === "string" ? u.path : u.path.length ? "/" + u.path.join("/") : "");
  function serialize(u, noFragment) {
    let out = u.scheme;
    if (u.host !== null) {
      out += "//";
      if (u.username || u.password) out += u.username + (u.password ? ":" + u.password : "") + "@";
      out += hostString(u);
    }
    out += pathString(u);
    if (u.query !== null) out += "?" + u.query;
    if (!noFragment && u.fragment !== null) out += "#" + u.fragment;
    return out;
  }

  // ----- URLSearchParams -----
  const formEncode = (s) => {
    let out = "";
    for (const ch of String(s).toWellFormed()) {
      if (/^[A-Za-z0-9*\-._]$/.test(ch)) out += ch;
      else if (ch === " ") out += "+";
      else for (const b of encoder.encode(ch)) out += hex(b);
    }
    return out;
  };
  const formDecode = (s) => {
    const bytes = [];
    const str = s.replace(/\+/g, " ");
    for (let i = 0; i < str.length; i++) {
      const c = str[i];
      if (c === "%" && /^[0-9a-fA-F]{2}$/.test(str.slice(i + 1, i + 3))) {
        bytes.push(parseInt(str.slice(i + 1, i + 3), 16));
        i += 2;
      } else for (const b of encoder.encode(c)) bytes.push(b);
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  };
  const parseQuery = (q) =>
    q
      .split("&")
      .filter((p) => p !== "")
      .map((p) => {
        const i = p.indexOf("=");
        return i < 0 ? [formDecode(p), ""] : [formDecode(p.slice(0, i)), formDecode(p.slice(i + 1))];
      });
  class URLSearchParams {
    #list = [];
    #url = null;
    constructor(init = "") {
      if (init instanceof URLSearchParams) this.#list = init.#list.map((e) => [...e]);
      else if (typeof init === "object" && init !== null) {
        if (typeof init[Symbol.iterator] === "function") {
          for (const pair of init) {
            const p = [...pair];
            if (p.length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
            this.#list.push([String(p[0]), String(p[1])]);
          }
        } else for (const k of Object.keys(init)) this.#list.push([k, String(init[k])]);
      } else {
        const s = String(init);
        this.#list = parseQuery(s.startsWith("?") ? s.slice(1) : s);
      }
      this.#view();
    }
    static attach(params, url) {
      params.#url = url;
    }
    static reset(params, query) {
      params.#list = query === null ? [] : parseQuery(query);
      params.#view();
    }
    #view() {
      setView(this, this.#list.flat());
    }
    #update() {
      this.#view();
      if (this.#url) this.#url(this.toString());
    }
    get size() {
      return this.#list.length;
    }
    append(name, value) {
      this.#list.push([String(name), String(value)]);
      this.#update();
    }
    delete(name, value) {
      name = String(name);
      this.#list = this.#list.filter(([k, v]) => !(k === name && (value === undefined || v === String(value))));
      this.#update();
    }
    get(name) {
      const e = this.#list.find(([k]) => k === String(name));
      return e ? e[1] : null;
    }
    getAll(name) {
      return this.#list.filter(([k]) => k === String(name)).map(([, v]) => v);
    }
    has(name, value) {
      name = String(name);
      return this.#list.some(([k, v]) => k === name && (value === undefined || v === String(value)));
    }
    set(name, value) {
      name = String(name);
      const i = this.#list.findIndex(([k]) => k === name);
      if (i < 0) this.#list.push([name, String(value)]);
      else {
        this.#list[i][1] = String(value);
        this.#list = this.#list.filter(([k], j) => k !== name || j === i);
      }
      this.#update();
    }
    sort() {
      const keyed = this.#list.map((e, i) => [e, i]);
      keyed.sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j));
      this.#list = keyed.map(([e]) => e);
      this.#update();
    }
    forEach(fn, thisArg) {
      for (const [k, v] of this.#list) fn.call(thisArg, v, k, this);
    }
    *keys() {
      for (const [k] of this.#list) yield k;
    }
    *values() {
      for (const [, v] of this.#list) yield v;
    }
    *entries() {
      for (const [k, v] of this.#list) yield [k, v];
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      return this.#list.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join("&");
    }
    get [Symbol.toStringTag]() {
      return "URLSearchParams";
    }
  }
  const { attach, reset } = URLSearchParams;
  delete URLSearchParams.attach;
  delete URLSearchParams.reset;

  let syncURL;
  class URL {
    #u;
    #params;
    static {
      syncURL = (u) => u.#sync();
    }
    constructor(input, base) {
      const b = base === undefined ? null : parse(String(base), null);
      this.#u = parse(String(input), b);
      this.#params = new URLSearchParams(this.#u.query ?? "");
      attach(this.#params, (q) => {
        this.#u.query = q === "" ? null : q;
        this.#sync();
      });
      this.#sync();
    }
    #sync() {
      const view = {};
      for (const k of ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash"]) {
        view[k] = this[k];
      }
      setView(this, view);
    }
    static canParse(input, base) {
      try {
        new URL(input, base);
        return true;
      } catch {
        return false;
      }
    }
    static parse(input, base) {
      try {
        return new URL(input, base);
      } catch {
        return null;
      }
    }
    get href() {
      return serialize(this.#u, false);
    }
    set href(v) {
      this.#u = parse(String(v), null);
      reset(this.#params, this.#u.query);
    }
    get origin() {
      const u = this.#u;
      return u.scheme in SPECIAL && u.scheme !== "file:" ? `${u.scheme}//${hostString(u)}` : "null";
    }
    get protocol() {
      return this.#u.scheme;
    }
    set protocol(v) {
      const s = String(v).replace(/:.*$/, "").toLowerCase() + ":";
      if (/^[a-z][a-z0-9+.-]*:$/.test(s) && s in SPECIAL === this.#u.scheme in SPECIAL) {
        this.#u.scheme = s;
        if (SPECIAL[s] === this.#u.port) this.#u.port = "";
      }
    }
    get username() {
      return this.#u.username;
    }
    set username(v) {
      if (this.#u.host) this.#u.username = encode(String(v), USERINFO);
    }
    get password() {
      return this.#u.password;
    }
    set password(v) {
      if (this.#u.host) this.#u.password = encode(String(v), USERINFO);
    }
    get host() {
      return hostString(this.#u);
    }
    set host(v) {
      try {
        const p = parse(`${this.#u.scheme}//${String(v)}`, null);
        this.#u.host = p.host;
        this.#u.port = p.port;
      } catch {}
    }
    get hostname() {
      return this.#u.host ?? "";
    }
    set hostname(v) {
      try {
        this.#u.host = parse(`${this.#u.scheme}//${String(v)}`, null).host;
      } catch {}
    }
    get port() {
      return this.#u.port;
    }
    set port(v) {
      const s = String(v);
      if (s === "") this.#u.port = "";
      else if (/^\d+/.test(s) && Number(s.match(/^\d+/)[0]) <= 65535) {
        const n = String(Number(s.match(/^\d+/)[0]));
        this.#u.port = SPECIAL[this.#u.scheme] === n ? "" : n;
      }
    }
    get pathname() {
      return pathString(this.#u);
    }
    set pathname(v) {
      if (typeof this.#u.path === "string") return;
      const s = String(v);
      const special = this.#u.scheme in SPECIAL;
      this.#u.path = pathSegments(/^[/\\]/.test(s) ? s : "/" + s, special);
    }
    get search() {
      const q = this.#u.query;
      return q === null || q === "" ? "" : "?" + q;
    }
    set search(v) {
      let s = String(v);
      if (s.startsWith("?")) s = s.slice(1);
      this.#u.query = s === "" ? null : encode(s, this.#u.scheme in SPECIAL ? SPECIAL_QUERY : QUERY);
      reset(this.#params, this.#u.query);
    }
    get searchParams() {
      return this.#params;
    }
    get hash() {
      const f = this.#u.fragment;
      return f === null || f === "" ? "" : "#" + f;
    }
    set hash(v) {
      let s = String(v);
      if (s.startsWith("#")) s = s.slice(1);
      this.#u.fragment = s === "" ? null : encode(s, FRAGMENT);
    }
    toString() {
      return this.href;
    }
    toJSON() {
      return this.href;
    }
    get [Symbol.toStringTag]() {
      return "URL";
    }
  }
  // Every setter refreshes the inspector's view.
  for (const k of Object.getOwnPropertyNames(URL.prototype)) {
    const d = Object.getOwnPropertyDescriptor(URL.prototype, k);
    if (d.set) {
      const set = d.set;
      Object.defineProperty(URL.prototype, k, {
        ...d,
        set: {
          [k](v) {
            set.call(this, v);
            syncURL(this);
          },
        }[k],
      });
    }
  }
  for (const C of [URL, URLSearchParams]) {
    for (const k of Object.getOwnPropertyNames(C.prototype)) {
      const d = Object.getOwnPropertyDescriptor(C.prototype, k);
      if (k !== "constructor") Object.defineProperty(C.prototype, k, { ...d, enumerable: true });
    }
  }
  const define = (k, v) => Object.defineProperty(globalThis, k, { value: v, writable: true, enumerable: false, configurable: true });
  define("URL", URL);
  define("URLSearchParams", URLSearchParams);
})();
