// Fixture: live bindings, a default export, a function hoisted across a cycle.
export let counter = 0;
export function bump() {
  counter++;
}
export default class Point {
  constructor(x) {
    this.x = x;
  }
}
export const list = [1, 2, 3];
export { counter as renamed };
