// DisposableStack and AsyncDisposableStack (Explicit Resource Management).
let log = [];
let s = new DisposableStack();
let res = { [Symbol.dispose]() { log.push('res'); } };
print(s.use(res) === res, s.use(null), s.adopt(7, v => log.push('adopt ' + v)), s.defer(() => log.push('defer')));
print(s.disposed, String(s), s[Symbol.dispose] === s.dispose);
s.dispose();
print(log.join(), s.disposed, s.dispose());
try {
  s.use(res);
} catch (e) {
  print(e.constructor.name);
}

// Errors: the later ones suppress the earlier ones.
s = new DisposableStack();
s.defer(() => { throw new Error('first'); });
s.defer(() => { throw new Error('second'); });
try {
  s.dispose();
} catch (e) {
  print(e.constructor.name, e.error.message, e.suppressed.message);
}

// move hands the resources over and disposes the original.
let n = 0;
s = new DisposableStack();
s.defer(() => n++);
let t = s.move();
print(s.disposed, t.disposed, n);
s.dispose();
print(n);
t.dispose();
print(n);

// Argument checks.
for (let f of [() => new DisposableStack().use(1), () => new DisposableStack().defer(1), () => DisposableStack(), () => new DisposableStack().use({})]) {
  try {
    f();
  } catch (e) {
    print(e.constructor.name);
  }
}

// using with a stack.
{
  using u = new DisposableStack();
  u.defer(() => print('scope exit'));
  print('in scope');
}

// AsyncDisposableStack.
let a = new AsyncDisposableStack();
let order = [];
a.use({ async [Symbol.asyncDispose]() { order.push('async res'); } });
a.use({ [Symbol.dispose]() { order.push('sync res'); } });
a.defer(async () => { await null; order.push('deferred'); });
a.adopt('x', v => { order.push('adopt ' + v); throw new Error('boom'); });
let p = a.disposeAsync();
print(p instanceof Promise, a.disposed, String(a), order.join());
p.then(
  () => print('resolved?'),
  e => {
    print('rejected', e.message, order.join());
    return a.disposeAsync();
  },
).then(v => print('again', v));

async function main() {
  let b = new AsyncDisposableStack();
  b.defer(() => order.push('b'));
  await b[Symbol.asyncDispose]();
  print('b done', order[order.length - 1]);
  let r = await AsyncDisposableStack.prototype.disposeAsync.call({}).catch(e => e.constructor.name);
  print(r);
  async function* g() {}
  let it = g();
  print(typeof it[Symbol.asyncDispose], await it[Symbol.asyncDispose]());
}
main();
