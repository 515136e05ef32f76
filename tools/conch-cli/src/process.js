// The shell's `process` and `performance`: the parts of node's that everyday scripts use
// (`process.argv`, `env`, `exit`, `exitCode`, `nextTick`, `stdout.write`, `hrtime`,
// `memoryUsage`, `on('exit')`; `performance.now()`). The script's value is a function of the
// shell's natives (`process.rs`); it defines both globals. No `versions.node` or `release`:
// scripts that test for node to `require` modules take their other path.
(host) => {
  "use strict";
  const define = (o, k, v) =>
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: false, configurable: true });
  const listeners = new Map();
  const stream = (fd) => {
    const s = {
      fd,
      write(chunk, encoding, callback) {
        if (typeof chunk !== "string" && !ArrayBuffer.isView(chunk)) {
          throw new TypeError(
            `The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${chunk === null ? "null" : typeof chunk}`,
          );
        }
        host.write(fd, typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
        const cb = typeof encoding === "function" ? encoding : callback;
        if (typeof cb === "function") queueMicrotask(() => cb(null));
        return true;
      },
      end(chunk, encoding, callback) {
        if (chunk !== undefined && chunk !== null && typeof chunk !== "function") s.write(chunk, encoding);
        const cb = [chunk, encoding, callback].find((f) => typeof f === "function");
        if (cb) queueMicrotask(cb);
        return s;
      },
      on() {
        return s;
      },
      once() {
        return s;
      },
    };
    // As node's: `isTTY` and `columns` only on a terminal.
    if (host.isTTY(fd)) Object.assign(s, { isTTY: true, columns: host.columns() });
    return s;
  };
  const emit = (name, ...args) => {
    const list = listeners.get(name);
    if (!list || list.length === 0) return false;
    for (const { fn, once } of [...list]) {
      if (once) process.off(name, fn);
      fn.apply(process, args);
    }
    return true;
  };
  let exiting = false;
  const exit = (code) => {
    if (code !== undefined) process.exitCode = code;
    const status = Number(process.exitCode ?? 0) | 0;
    if (!exiting) {
      exiting = true;
      emit("exit", status);
    }
    host.exit(Number(process.exitCode ?? status) | 0);
  };
  const hrtime = (prev) => {
    const ns = host.nanoseconds();
    let s = Math.floor(ns / 1e9);
    let n = Math.floor(ns - s * 1e9);
    if (Array.isArray(prev)) {
      s -= prev[0];
      n -= prev[1];
      if (n < 0) {
        s -= 1;
        n += 1e9;
      }
    }
    return [s, n];
  };
  hrtime.bigint = () => BigInt(Math.floor(host.nanoseconds()));
  const process = {
    title: "conch",
    argv: host.argv,
    argv0: host.argv[0],
    execArgv: [],
    execPath: host.argv[0],
    env: host.env,
    pid: host.pid,
    ppid: host.ppid,
    platform: host.platform,
    arch: host.arch,
    exitCode: undefined,
    stdout: stream(1),
    stderr: stream(2),
    exit,
    cwd: () => host.cwd(),
    uptime: () => host.nanoseconds() / 1e9,
    hrtime,
    memoryUsage: Object.assign(() => host.memoryUsage(), { rss: () => host.memoryUsage().rss }),
    nextTick: host.nextTick,
    emitWarning(w) {
      console.error(`(conch) ${typeof w === "string" ? `Warning: ${w}` : w}`);
    },
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, []);
      listeners.get(name).push({ fn, once: false });
      return process;
    },
    once(name, fn) {
      if (!listeners.has(name)) listeners.set(name, []);
      listeners.get(name).push({ fn, once: true });
      return process;
    },
    off(name, fn) {
      const list = listeners.get(name);
      const i = list ? list.findIndex((l) => l.fn === fn) : -1;
      if (i >= 0) list.splice(i, 1);
      return process;
    },
    emit,
    listenerCount: (name) => listeners.get(name)?.length ?? 0,
  };
  process.addListener = process.on;
  process.removeListener = process.off;
  Object.defineProperty(process, Symbol.toStringTag, { value: "process", configurable: true });
  const performance = {
    timeOrigin: host.timeOrigin,
    now: () => host.nanoseconds() / 1e6,
    mark() {},
    measure() {},
    toJSON() {
      return { timeOrigin: performance.timeOrigin };
    },
  };
  Object.defineProperty(performance, Symbol.toStringTag, { value: "Performance", configurable: true });
  define(globalThis, "process", process);
  define(globalThis, "performance", performance);
  // The end of the run: the exit status (`process.exitCode`) after the 'exit' listeners.
  return () => {
    if (!exiting) {
      exiting = true;
      emit("exit", Number(process.exitCode ?? 0) | 0);
    }
    return Number(process.exitCode ?? 0) | 0;
  };
};
