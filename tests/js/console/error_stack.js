const e = new Error('boom'); e.stack = 'Error: boom\n    at foo (/x/file.js:1:1)\n    at bar (/x/file.js:2:2)';
console.log(e);
console.log({ nested: e });
const t = new TypeError('bad'); t.stack = 'TypeError: bad\n    at q (/x/y.js:3:4)'; t.extra = 1;
console.log([t]);
class MyError extends Error {} const m = new MyError('mine'); m.stack = 'Error: mine\n    at z (/x/z.js:1:1)';
console.log(m);
const n = new Error('no frames'); n.stack = 'Error: no frames';
console.log(n);
