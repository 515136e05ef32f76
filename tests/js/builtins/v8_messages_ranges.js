// RangeErrors of buffer and view sizes, and revoked proxies, in V8's words.
function t(label, f) { try { f(); console.log(label, "ok"); } catch (e) { console.log(label, e.name + ": " + e.message); } }
t("ta -1", () => new Uint8Array(-1));
t("ta 2^53", () => new Uint8Array(2 ** 53));
t("ab -1", () => new ArrayBuffer(-1));
t("ab 2^53", () => new ArrayBuffer(2 ** 53));
t("sab -1", () => new SharedArrayBuffer(-1));
t("ta offset -1", () => new Uint8Array(new ArrayBuffer(4), -1));
t("ta length -1", () => new Uint8Array(new ArrayBuffer(4), 0, -1));
t("dv offset -1", () => new DataView(new ArrayBuffer(4), -1));
t("revoked get", () => { const r = Proxy.revocable({}, {}); r.revoke(); r.proxy.x; });
t("revoked set", () => { const r = Proxy.revocable({}, {}); r.revoke(); r.proxy.x = 1; });
t("revoked has", () => { const r = Proxy.revocable({}, {}); r.revoke(); "x" in r.proxy; });
t("revoked keys", () => { const r = Proxy.revocable({}, {}); r.revoke(); Object.keys(r.proxy); });
t("revoked delete", () => { const r = Proxy.revocable({}, {}); r.revoke(); delete r.proxy.x; });
t("revoked call", () => { const r = Proxy.revocable(function () {}, {}); r.revoke(); r.proxy(); });
t("revoked proto", () => { const r = Proxy.revocable({}, {}); r.revoke(); Object.getPrototypeOf(r.proxy); });
t("Atomics plain object", () => Atomics.load({}, 0));
t("Atomics float", () => Atomics.add(new Float64Array(1), 0, 1));
t("Atomics.wait float", () => Atomics.wait(new Float64Array(new SharedArrayBuffer(8)), 0, 0));
t("Atomics.notify float", () => Atomics.notify(new Float64Array(4), 0));
t("Atomics.waitAsync unshared", () => Atomics.waitAsync(new Int32Array(4), 0, 0));
