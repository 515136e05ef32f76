class Counter {
  #count = 0;
  static #instances = 0;
  #secret() { return "s" + this.#count; }
  get #double() { return this.#count * 2; }
  set #double(v) { this.#count = v / 2; }
  constructor() { Counter.#instances++; }
  inc() { this.#count++; return this; }
  get value() { return this.#count; }
  reveal() { return this.#secret() + "/" + this.#double; }
  setDouble(v) { this.#double = v; }
  static count() { return Counter.#instances; }
  static has(o) { return #count in o; }
}
const c = new Counter().inc().inc();
new Counter();
print(c.value, c.reveal(), Counter.count(), Counter.has(c), Counter.has({}));
c.setDouble(10);
print(c.value, Object.keys(c).length, Object.getOwnPropertySymbols(c).length);
try { Counter.prototype.inc.call({}); } catch (e) { print(e.constructor === TypeError); }
class Sub extends Counter { #own = 1; get own() { return this.#own; } }
const s = new Sub();
print(s.own, s.inc().value);
