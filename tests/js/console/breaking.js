console.log('%o', [1, 2]);
console.log('%o', { a: { b: 1 } });
console.log('%o', 'str', 5);
class S { static x = 1; static m() {} }
console.log(S, [S]);
class T extends S { y = 2 }
console.log(new T(), T);
console.log({ k1: 'v'.repeat(20), k2: 'v'.repeat(20), k3: 'v'.repeat(20), k4: 1 });
console.log([{ a: 1, b: { c: { d: { e: 1 } } } }]);
console.log({ a: { b: { c: { d: { e: 1 } } } } });
console.log([[[[[1]]]]]);
console.log({ arr: [[[[1]]]] });
console.log(new Map([[{ k: { deep: { deeper: 1 } } }, 1]]));
console.log([Symbol("it's")], { [Symbol("q'")]: 1 });
console.log(Array.from({ length: 3 }, () => 'x'.repeat(30)));
console.log(Array.from({ length: 10 }, () => 'x'.repeat(30)));
console.log(Array.from({ length: 16 }, (_, i) => 'x'.repeat(i)));
console.log({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20, u: 21, v: 22, w: 23, x: 24, y: 25, z: 26 });
const big = {}; for (let i = 0; i < 30; i++) big['key' + i] = i; console.log(big);
console.log([true, false, true, false, true, false, true]);
console.log([null, null, null, null, null, null, null, null]);
console.log([1, 'a', 2, 'b', 3, 'c', 4]);
console.log(Object.assign(Array.from({ length: 8 }, (_, i) => i), { name: 'x' }));
console.log([1, 2, 3, 4, 5, 6, 7, [1, 2, 3, 4, 5, 6, 7, 8]]);
console.log(String(Symbol('z')), `${[1, [2, 3]]}`, String({}));
const e0 = new Error(''); Object.defineProperty(e0, "stack", { value: undefined }); console.log(e0);
const ne = new RangeError('no'); Object.defineProperty(ne, "stack", { value: undefined }); ne.name = 'CustomName'; console.log(ne);
class MyErr extends Error {} const me = new MyErr('mine'); Object.defineProperty(me, "stack", { value: undefined }); console.log(me);
class MyErr2 extends Error { constructor(m) { super(m); this.name = 'MyErr2'; } } const me2 = new MyErr2('x'); Object.defineProperty(me2, "stack", { value: undefined }); console.log(me2, { me2 });
