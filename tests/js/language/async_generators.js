async function* gen() {
  try {
    const a = yield 1;
    print("got", a);
    yield await Promise.resolve(2);
    yield Promise.resolve(3);
    return "ret";
  } finally {
    print("gen finally");
  }
}
const g = gen();
g.next().then(r => print("r1", r.value, r.done));
g.next("sent").then(r => print("r2", r.value, r.done));
g.next().then(r => print("r3", r.value, r.done));
g.next().then(r => print("r4", r.value, r.done));
g.next().then(r => print("r5", r.value, r.done));
async function* two() { yield "a"; yield "b"; }
const t = two();
t.next().then(r => print("t1", r.value));
t.return("early").then(r => print("t2", r.value, r.done));
t.next().then(r => print("t3", r.value, r.done));
const e = two();
e.throw(new Error("x")).catch(err => print("e1", err.message));
async function* thrower() { yield 1; throw new TypeError("inside"); }
const th = thrower();
th.next().then(r => print("th1", r.value));
th.next().catch(err => print("th2", err.name));
print(Object.prototype.toString.call(g), typeof g[Symbol.asyncIterator]);
