// The shell's TextEncoder and TextDecoder (UTF-8 only), as node and browsers have them on
// the global object: programs use them to count or move UTF-8 bytes.
(() => {
  "use strict";
  if (typeof globalThis.TextEncoder !== "undefined") return;
  const hide = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });

  // UTF-8 of a string; lone surrogates become U+FFFD.
  const utf8 = (s) => {
    const out = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  };

  class TextEncoder {
    get encoding() {
      return "utf-8";
    }
    encode(input = "") {
      return new Uint8Array(utf8(String(input)));
    }
    encodeInto(src, dest) {
      const s = String(src);
      let read = 0, written = 0;
      for (const ch of s) {
        const b = utf8(ch);
        if (written + b.length > dest.length) break;
        dest.set(b, written);
        written += b.length;
        read += ch.length;
      }
      return { read, written };
    }
  }

  const LABELS = ["utf-8", "utf8", "unicode-1-1-utf-8"];
  class TextDecoder {
    #fatal;
    #ignoreBOM;
    constructor(label = "utf-8", options = {}) {
      if (!LABELS.includes(String(label).trim().toLowerCase())) {
        throw new RangeError(`The "${label}" encoding is not supported`);
      }
      this.#fatal = !!options.fatal;
      this.#ignoreBOM = !!options.ignoreBOM;
    }
    get encoding() {
      return "utf-8";
    }
    get fatal() {
      return this.#fatal;
    }
    get ignoreBOM() {
      return this.#ignoreBOM;
    }
    decode(input) {
      if (input === undefined) return "";
      const b = ArrayBuffer.isView(input)
        ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
        : new Uint8Array(input);
      let i = 0, out = "";
      if (!this.#ignoreBOM && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
      const bad = () => {
        if (this.#fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
        return "\ufffd";
      };
      while (i < b.length) {
        const c = b[i];
        if (c < 0x80) { out += String.fromCharCode(c); i++; continue; }
        const n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
        if (n < 0 || c > 0xf4) { out += bad(); i++; continue; }
        // The second byte's range depends on the first (no overlongs, surrogates, > U+10FFFF).
        const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
        const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
        let cp = c & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07), k = 1;
        for (; k <= n; k++) {
          const d = b[i + k];
          if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) break;
          cp = (cp << 6) | (d & 63);
        }
        if (k <= n) { out += bad(); i += k; continue; }
        out += String.fromCodePoint(cp);
        i += n + 1;
      }
      return out;
    }
  }
  for (const C of [TextEncoder, TextDecoder]) {
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
    hide(globalThis, C.name, C);
  }
})();
