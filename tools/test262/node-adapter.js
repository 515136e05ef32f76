#!/usr/bin/env node
// A stand-in for `conch --test262` on node, to develop and smoke-test conch-test262's
// execution mode before conch runs scripts:
//
//   conch-test262 --engine 'node tools/test262/node-adapter.js' test/language/expressions/addition
//
// It follows the shell contract in README.md: `--test262 [--module] [--prelude FILE]... FILE`,
// the globals `print` and `$262`, exit 0 or exit 1 with `Name: message` (or `Uncaught VALUE`)
// as stderr's first line. Modules are loaded by a small loader of its own (vm.SourceTextModule,
// imports resolved relative to the importing file), so node needs --experimental-vm-modules;
// without it the adapter re-runs itself with the flag (one more process start per run).
// `$262.IsHTMLDDA` and most of `$262.agent` cannot be provided on node; tests needing them fail.
'use strict';

const vm = require('vm');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

if (typeof vm.SourceTextModule !== 'function') {
  const { spawnSync } = require('child_process');
  const flags = ['--experimental-vm-modules', '--no-warnings', '--expose-gc'];
  const r = spawnSync(process.execPath, [...flags, ...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (r.signal) process.kill(process.pid, r.signal);
  process.exit(r.status === null ? 1 : r.status);
}

function write(fd, text) {
  fs.writeSync(fd, text + '\n');
}

// `Name: message` for an object (the name of its constructor, as test262's `negative.type`
// means, falling back to its `name`), `Uncaught VALUE` for anything else.
function describe(e) {
  if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
    let name;
    try {
      name = e.constructor && e.constructor.name;
      if (!name) name = String(e.name);
    } catch (_) {
      name = 'Error';
    }
    let message = '';
    try {
      message = e.message === undefined ? '' : String(e.message);
    } catch (_) {}
    return `${name}: ${message}`;
  }
  try {
    return `Uncaught ${typeof e === 'symbol' ? e.toString() : String(e)}`;
  } catch (_) {
    return 'Uncaught ?';
  }
}

function fail(e) {
  write(2, describe(e));
  process.exit(1);
}

// A compile error: `SyntaxError: message` and `    at FILE:LINE:COL` (node puts `FILE:LINE`,
// the source line and a caret line at the top of the stack).
function failSyntax(e, file) {
  if (!(e instanceof SyntaxError) && !(e && e.constructor && e.constructor.name === 'SyntaxError')) fail(e);
  const lines = String(e.stack || '').split('\n');
  let where = `${file}:1:1`;
  const m = /^(.*):(\d+)$/.exec(lines[0] || '');
  if (m) {
    const caret = (lines[2] || '').indexOf('^');
    where = `${m[1]}:${m[2]}:${caret < 0 ? 1 : caret + 1}`;
  }
  write(2, `SyntaxError: ${e.message}\n    at ${where}`);
  process.exit(1);
}

// Modules: one record per absolute path, imports resolved relative to the importer.
const modules = new Map();
const ready = new Map();

function loadModule(file, attributes) {
  let m = modules.get(file);
  if (m) return m;
  const text = fs.readFileSync(file, 'utf8');
  if ((attributes && attributes.type === 'json') || file.endsWith('.json')) {
    m = new vm.SyntheticModule(['default'], function () {
      this.setExport('default', JSON.parse(text));
    }, { identifier: file });
  } else {
    m = new vm.SourceTextModule(text, {
      identifier: file,
      initializeImportMeta(meta) {
        meta.url = pathToFileURL(file).href;
      },
      importModuleDynamically: (specifier, _ref, attrs) => dynamicImport(file, specifier, attrs),
    });
  }
  modules.set(file, m);
  return m;
}

function linker(specifier, referencing, extra) {
  const attributes = extra && (extra.attributes || extra.assert);
  return loadModule(path.resolve(path.dirname(referencing.identifier), specifier), attributes);
}

async function dynamicImport(fromFile, specifier, attributes) {
  const m = loadModule(path.resolve(path.dirname(fromFile), specifier), attributes);
  if (m.status === 'evaluating') return m;
  if (!ready.has(m)) {
    ready.set(m, (async () => {
      if (m.status === 'unlinked') await m.link(linker);
      await m.evaluate();
    })());
  }
  await ready.get(m);
  return m;
}

// The host globals of a realm whose global object is `g` and that runs scripts with `run`.
function install(g, run) {
  const define = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
  define(g, 'print', (...args) => write(1, args.map(String).join(' ')));
  const $262 = {
    global: g,
    evalScript: (code) => run(String(code)),
    createRealm() {
      const ctx = vm.createContext();
      const g2 = vm.runInContext('this', ctx);
      return install(g2, (code) => vm.runInContext(code, ctx));
    },
    gc() {
      if (typeof global.gc !== 'function') throw new Error('gc is not available (node --expose-gc)');
      global.gc();
    },
    detachArrayBuffer(buffer) {
      structuredClone(buffer, { transfer: [buffer] });
      return null;
    },
    agent: {
      start() {
        throw new Error('$262.agent.start is not supported by the node adapter');
      },
      broadcast() {
        throw new Error('$262.agent.broadcast is not supported by the node adapter');
      },
      getReport: () => null,
      sleep(ms) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
      },
      monotonicNow: () => performance.now(),
    },
  };
  define(g, '$262', $262);
  return $262;
}

async function main() {
  const args = process.argv.slice(2);
  let isModule = false;
  const preludes = [];
  let file;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--test262') continue;
    else if (args[i] === '--module') isModule = true;
    else if (args[i] === '--prelude') preludes.push(args[++i]);
    else file = args[i];
  }
  if (!file) {
    write(2, 'usage: node-adapter.js --test262 [--module] [--prelude FILE]... FILE');
    process.exit(2);
  }
  file = path.resolve(file);
  process.on('uncaughtException', fail);
  // Like test262 hosts generally: an unhandled rejection is not a failure by itself (async
  // tests report through print).
  process.on('unhandledRejection', () => {});
  install(globalThis, (code) => vm.runInThisContext(code));
  const importFrom = (from) => (specifier, _ref, attrs) => dynamicImport(from, specifier, attrs);
  for (const p of preludes) {
    let script;
    try {
      script = new vm.Script(fs.readFileSync(p, 'utf8'), { filename: p });
    } catch (e) {
      failSyntax(e, p);
    }
    script.runInThisContext();
  }
  if (isModule) {
    let m;
    try {
      m = loadModule(file);
    } catch (e) {
      failSyntax(e, file);
    }
    await m.link(linker);
    await m.evaluate();
  } else {
    let script;
    try {
      script = new vm.Script(fs.readFileSync(file, 'utf8'), {
        filename: file,
        importModuleDynamically: importFrom(file),
      });
    } catch (e) {
      failSyntax(e, file);
    }
    script.runInThisContext();
  }
}

main().catch(fail);
