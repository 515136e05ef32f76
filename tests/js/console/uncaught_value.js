console.log('before');
const o = { a: [1, 2], b: 'x' };
throw o;
