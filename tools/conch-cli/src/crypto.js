// The shell's `crypto` global: the Web Crypto methods scripts call without `subtle`
// (`getRandomValues`, `randomUUID`), from Math.random (not for secrets).
(() => {
  "use strict";
  const crypto = {
    getRandomValues(ta) {
      if (!ArrayBuffer.isView(ta) || ta instanceof Float32Array || ta instanceof Float64Array) {
        throw new TypeError("The data argument must be an integer-type TypedArray");
      }
      const bytes = new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
      return ta;
    },
    randomUUID() {
      const b = crypto.getRandomValues(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
  Object.defineProperty(crypto, Symbol.toStringTag, { value: "Crypto", configurable: true });
  Object.defineProperty(globalThis, "crypto", { value: crypto, writable: true, enumerable: false, configurable: true });
})();
