import { hello } from './cycle_a.mjs';
export const fromB = 'b saw: ' + hello();
