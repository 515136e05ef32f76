// Local registers read in place (no copy to a temporary) must still see the value the spec
// says: the right side of an operator, a computed key, arguments or the assigned value may
// assign the same variable.
function ops() {
  let a = 1;
  const r = [];
  r.push(a + (a = 10));          // 11: the left operand is read before the assignment
  a = 2;
  r.push(a * a++);               // 4
  let o = { x: 1, y: 2 }, p = { x: 5 };
  r.push(o[(o = p, "x")]);       // 1: the base was read before the key changed it
  o = { k: 3 };
  r.push(o.k + (o = { k: 4 }).k); // 7
  let f = function (v) { return "f" + v; };
  r.push(f((f = function () { return "g"; }, 1))); // f1: callee read before the argument
  let m = { g(v) { return this.tag + v; }, tag: "m" };
  r.push(m.g((m = { tag: "n" }, 2)));              // m2
  let t = { v: 1 };
  t.v = (t = { v: 9 }, 5);       // assigns the old object
  r.push(t.v);                   // 9
  let b = [1, 2, 3], i = 0;
  b[i] = (i = 2, 7);             // index 0 was chosen before i changed
  r.push(b.join());              // 7,2,3
  let s = 0;
  for (let j = 0; j < 3; j++) { const k = j * 2; s += k; }
  r.push(s);                     // 6
  let n = 5;
  r.push(String(n), [n].length); // single in-place argument
  return r.join(" ");
}
print(ops());

// Hole stores at scope entry dropped only when no read can see them.
function tdz() {
  const out = [];
  for (let i = 0; i < 2; i++) {
    try { out.push(x); } catch (e) { out.push(e.constructor.name); }
    let x = i;
    out.push(x);
  }
  {
    const y = 1;
    out.push(y);
  }
  switch (1) {
    case 0: let z = 1;
    case 1: try { z; } catch (e) { out.push("case " + e.constructor.name); }
  }
  return out.join(" ");
}
print(tdz());

// Compound assignment and updates of register variables, and stores to initialised `let`s.
function compound() {
  let z = 0, s = "a", o = { valueOf() { return 3; } }, big = 1n;
  for (let i = 0; i < 4; i++) { z += i; }
  s += 1; s += "b";
  let w = o; w += 1;
  let q = 5; q += (q = 1);         // 5 + 1
  big += 2n; big++;
  let u = "7"; u++;
  let t; t = 4; t *= 2; t **= 2; t -= 1; t >>= 1; t |= 64;
  return [z, s, w, q, big, u, t].join(" ");
}
print(compound());
