import * as self from './namespace.mjs';
export const a = 1;
export function f() {}
console.log(self);
