// Fixture: a cycle; `b` runs first and calls a hoisted function of `a`.
import { fromB } from './cycle_b.mjs';
export function hello() {
  return 'hello from a';
}
export const seen = fromB;
