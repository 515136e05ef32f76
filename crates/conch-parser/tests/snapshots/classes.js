class A extends B {
  #x = 1;
  static #count = 0;
  static y;
  constructor(...args) { super(...args); new.target; }
  get x() { return this.#x; }
  static { A.#count++; }
  has(o) { return #x in o; }
}
