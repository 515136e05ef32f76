import * as self from './namespace_tdz.mjs';
console.log(self);
export let later = 1;
export default 5;
