// using / await using (Explicit Resource Management). node 20 has no `using`: this output was
// checked by hand against the proposal's DisposeResources.
const log = [];
function res(name, fail) {
  return {
    [Symbol.dispose]() {
      log.push('dispose ' + name);
      if (fail) throw new Error(name);
    },
  };
}
{
  using a = res('a'), b = res('b');
  using n = null;
  log.push('body');
}
print(log.join(', '));
log.length = 0;
try {
  using a = res('a', true);
  using b = res('b', true);
  throw new Error('body');
} catch (e) {
  print(e.constructor.name, e.error.message, e.suppressed.constructor.name,
    e.suppressed.error.message, e.suppressed.suppressed.message);
}
function f() {
  using r = res('f');
  return 'ret';
}
print(f(), log.join(','));
log.length = 0;
for (let i = 0; i < 3; i++) {
  using r = res('loop' + i);
  if (i == 0) continue;
  if (i == 2) break;
}
print(log.join(','));
log.length = 0;
for (using x of [res('of1'), res('of2')]) log.push('iter');
print(log.join(','));
log.length = 0;
for (using x = res('head'), i = null; log.length < 2; ) log.push('step');
print(log.join(','));
try {
  using z = 1;
} catch (e) {
  print('not disposable:', e.constructor.name);
}
try {
  using z = {};
} catch (e) {
  print('no method:', e.constructor.name);
}
print(typeof Symbol.dispose, typeof Symbol.asyncDispose, SuppressedError.length,
  new SuppressedError(1, 2, 'm').message, new SuppressedError(1, 2).suppressed);

async function g() {
  await using x = { async [Symbol.asyncDispose]() { log.push('async dispose'); } };
  await using y = null;
  await using s = res('sync in await using');
  log.push('g body');
}
async function h() {
  await using x = { [Symbol.asyncDispose]() { return Promise.reject(new Error('rejected')); } };
}
async function main() {
  log.length = 0;
  await g();
  print(log.join(','));
  try {
    await h();
  } catch (e) {
    print('h:', e.message);
  }
}
main();
