// The shell's `Buffer`: node's Uint8Array subclass with the encodings scripts use (utf8,
// hex, base64, base64url, latin1/binary, ascii, utf16le), `from`/`alloc`/`concat`/
// `byteLength`/`compare`, `toString`, `write`, `equals`, `indexOf`, `copy`, `slice` (a view,
// as in node), `toJSON` and the fixed-width integer and float readers and writers. The
// inspector prints instances as node does (`<Buffer 68 69>`).
(() => {
  "use strict";
  const ENCODINGS = ["utf8", "utf-8", "hex", "base64", "base64url", "latin1", "binary", "ascii", "ucs2", "ucs-2", "utf16le", "utf-16le"];
  const normalize = (enc) => {
    const e = String(enc ?? "utf8").toLowerCase();
    if (!ENCODINGS.includes(e)) {
      const err = new TypeError(`Unknown encoding: ${enc}`);
      err.code = "ERR_UNKNOWN_ENCODING";
      throw err;
    }
    return e === "utf-8" ? "utf8" : e === "binary" ? "latin1" : e === "ucs2" || e === "ucs-2" || e === "utf-16le" ? "utf16le" : e;
  };
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function bytesOf(string, enc) {
    const s = String(string);
    switch (normalize(enc)) {
      case "utf8":
        return new TextEncoder().encode(s);
      case "hex": {
        const n = s.length >> 1;
        const out = [];
        for (let i = 0; i < n; i++) {
          const b = parseInt(s.substr(i * 2, 2), 16);
          if (Number.isNaN(b)) break;
          out.push(b);
        }
        return Uint8Array.from(out);
      }
      case "base64":
      case "base64url": {
        const clean = s.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/")).replace(/[^A-Za-z0-9+/]/g, "");
        const out = [];
        let acc = 0;
        let bits = 0;
        for (const c of clean) {
          acc = (acc << 6) | B64.indexOf(c);
          bits += 6;
          if (bits >= 8) {
            bits -= 8;
            out.push((acc >> bits) & 255);
          }
        }
        return Uint8Array.from(out);
      }
      case "latin1":
      case "ascii":
        return Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);
      case "utf16le": {
        const out = new Uint8Array(s.length * 2);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          out[i * 2] = c & 255;
          out[i * 2 + 1] = c >> 8;
        }
        return out;
      }
    }
  }
  function stringOf(bytes, enc) {
    switch (normalize(enc)) {
      case "utf8":
        return new TextDecoder().decode(bytes);
      case "hex":
        return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      case "base64":
      case "base64url": {
        const url = normalize(enc) === "base64url";
        let out = "";
        for (let i = 0; i < bytes.length; i += 3) {
          const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
          const k = Math.min(3, bytes.length - i);
          for (let j = 0; j < 4; j++) out += j <= k ? B64[(n >> (18 - 6 * j)) & 63] : url ? "" : "=";
        }
        return url ? out.replace(/[+/]/g, (c) => (c === "+" ? "-" : "_")) : out;
      }
      case "latin1":
        return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
      case "ascii":
        return Array.from(bytes, (b) => String.fromCharCode(b & 127)).join("");
      case "utf16le": {
        let out = "";
        for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return out;
      }
    }
  }
  const rangeError = (name, range, value) => {
    const e = new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${value}`);
    e.code = "ERR_OUT_OF_RANGE";
    return e;
  };
  const checkOffset = (buf, offset, size) => {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > buf.length) {
      throw rangeError("offset", `>= 0 and <= ${buf.length - size}`, offset);
    }
  };
  class Buffer extends Uint8Array {
    static from(value, encOrOffset, length) {
      if (typeof value === "string") return Buffer.#wrap(bytesOf(value, encOrOffset));
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) {
        const off = encOrOffset ?? 0;
        return new Buffer(value, off, length ?? value.byteLength - off);
      }
      if (ArrayBuffer.isView(value)) return Buffer.#wrap(new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice());
      if (value && typeof value === "object") {
        if (value.type === "Buffer" && Array.isArray(value.data)) return Buffer.#wrap(Uint8Array.from(value.data));
        if (typeof value.length === "number" || Array.isArray(value)) return Buffer.#wrap(Uint8Array.from(value));
      }
      throw new TypeError(
        `The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ${value === null ? "null" : typeof value}`,
      );
    }
    static #wrap(u8) {
      return new Buffer(u8.buffer, u8.byteOffset, u8.byteLength);
    }
    static alloc(size, fill, enc) {
      const b = new Buffer(size);
      if (fill !== undefined && fill !== 0) b.fill(fill, 0, size, enc);
      return b;
    }
    static allocUnsafe(size) {
      return new Buffer(size);
    }
    static allocUnsafeSlow(size) {
      return new Buffer(size);
    }
    static byteLength(value, enc) {
      if (typeof value !== "string") return value.byteLength;
      return bytesOf(value, enc).length;
    }
    static isBuffer(v) {
      return v instanceof Buffer;
    }
    static isEncoding(enc) {
      return typeof enc === "string" && ENCODINGS.includes(enc.toLowerCase());
    }
    static concat(list, total) {
      const len = total ?? list.reduce((n, b) => n + b.length, 0);
      const out = Buffer.alloc(len);
      let at = 0;
      for (const b of list) {
        if (at >= len) break;
        out.set(b.subarray(0, Math.min(b.length, len - at)), at);
        at += b.length;
      }
      return out;
    }
    static compare(a, b) {
      return a.compare(b);
    }
    toString(enc, start = 0, end = this.length) {
      start = Math.max(0, start | 0);
      end = Math.min(this.length, end | 0);
      if (end <= start) return "";
      return stringOf(this.subarray(start, end), enc);
    }
    toJSON() {
      return { type: "Buffer", data: Array.from(this) };
    }
    equals(other) {
      return this.compare(other) === 0;
    }
    compare(other) {
      const n = Math.min(this.length, other.length);
      for (let i = 0; i < n; i++) if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
      return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
    }
    write(string, offset = 0, length, enc) {
      if (typeof offset === "string") [enc, offset] = [offset, 0];
      else if (typeof length === "string") [enc, length] = [length, undefined];
      const bytes = bytesOf(string, enc);
      const n = Math.min(bytes.length, this.length - offset, length ?? Infinity);
      this.set(bytes.subarray(0, n), offset);
      return n;
    }
    fill(value, start = 0, end = this.length, enc) {
      if (typeof start === "string") [enc, start] = [start, 0];
      if (typeof value === "string") {
        const bytes = bytesOf(value, enc);
        if (bytes.length === 0) return super.fill(0, start, end);
        for (let i = start; i < end; i++) this[i] = bytes[(i - start) % bytes.length];
        return this;
      }
      return super.fill(value, start, end);
    }
    indexOf(value, from = 0, enc) {
      if (typeof value === "number") return super.indexOf(value & 255, from);
      const needle = typeof value === "string" ? bytesOf(value, enc) : value;
      if (from < 0) from = Math.max(0, this.length + from);
      outer: for (let i = from; i + needle.length <= this.length; i++) {
        for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    includes(value, from, enc) {
      return this.indexOf(value, from, enc) !== -1;
    }
    copy(target, targetStart = 0, start = 0, end = this.length) {
      const src = this.subarray(start, Math.min(end, start + target.length - targetStart));
      target.set(src, targetStart);
      return src.length;
    }
    slice(start, end) {
      return this.subarray(start, end);
    }
    subarray(start, end) {
      // A Buffer through the species constructor.
      return super.subarray(start, end);
    }
    reverse() {
      super.reverse();
      return this;
    }
    swap16() {
      for (let i = 0; i + 1 < this.length; i += 2) [this[i], this[i + 1]] = [this[i + 1], this[i]];
      return this;
    }
  }
  // The fixed-width readers and writers through a DataView.
  const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const widths = {
    UInt8: [1, "Uint8"], Int8: [1, "Int8"], UInt16: [2, "Uint16"], Int16: [2, "Int16"], UInt32: [4, "Uint32"], Int32: [4, "Int32"],
    Float: [4, "Float32"], Double: [8, "Float64"], BigUInt64: [8, "BigUint64"], BigInt64: [8, "BigInt64"],
  };
  for (const [name, [size, dv]] of Object.entries(widths)) {
    for (const end of size === 1 ? [""] : ["LE", "BE"]) {
      const little = end === "LE";
      Buffer.prototype[`read${name}${end}`] = function (offset = 0) {
        checkOffset(this, offset, size);
        return view(this)[`get${dv}`](offset, little);
      };
      Buffer.prototype[`write${name}${end}`] = function (value, offset = 0) {
        checkOffset(this, offset, size);
        view(this)[`set${dv}`](offset, value, little);
        return offset + size;
      };
      if (name.startsWith("UInt")) {
        Buffer.prototype[`readUint${name.slice(4)}${end}`] = Buffer.prototype[`read${name}${end}`];
        Buffer.prototype[`writeUint${name.slice(4)}${end}`] = Buffer.prototype[`write${name}${end}`];
      }
    }
  }
  for (const k of Object.getOwnPropertyNames(Buffer.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Buffer.prototype, k);
    if (k !== "constructor") Object.defineProperty(Buffer.prototype, k, { ...d, enumerable: false });
  }
  Buffer.poolSize = 8192;
  Object.defineProperty(globalThis, "Buffer", { value: Buffer, writable: true, enumerable: false, configurable: true });
})();
