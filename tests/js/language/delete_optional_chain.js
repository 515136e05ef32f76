// `delete` of an optional chain: true when it short-circuits. Expected output: node.
const o = { a: { b: 1, c: { d: 2 } } };
print(delete o?.a.b, JSON.stringify(o));
print(delete o.x?.y, delete o.a?.c.d, JSON.stringify(o));
let n = null;
print(delete n?.a.b, delete n?.[0]);
print(delete o?.a?.c, JSON.stringify(o));
