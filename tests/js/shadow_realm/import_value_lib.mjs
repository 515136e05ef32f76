export const value = 'from the module';
export function double(x) { return x * 2; }
export const obj = {};
let loads = 0;
loads++;
export function count() { return loads; }
