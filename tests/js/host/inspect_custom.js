const util = require('util');
class Money { constructor(c) { this.cents = c; } [util.inspect.custom]() { return `Money<${(this.cents / 100).toFixed(2)}>`; } }
console.log(new Money(1234), [new Money(5), new Money(99999)], { price: new Money(250) });
class Temp { constructor(t) { this.t = t; } [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) { return { celsius: this.t, fahrenheit: this.t * 9 / 5 + 32 }; } }
console.log(new Temp(100), { nested: { deeper: new Temp(0) } });
class Multi { [util.inspect.custom](depth, options) { return 'line1\nline2 depth=' + depth + ' ' + typeof options.stylize; } }
console.log([new Multi()], { m: new Multi() });
class Self { constructor() { this.x = 1; } [util.inspect.custom]() { return this; } }
console.log(new Self());
class UsesInspect { constructor() { this.data = { a: [1, 2] }; } [util.inspect.custom](depth, opts, inspect) { return 'UsesInspect ' + inspect(this.data, opts); } }
console.log(new UsesInspect(), util.inspect(new Money(1)), `${util.format('%o', new Money(2))}`, util.format('%s', new Money(3)));
console.log({ [util.inspect.custom]: () => 'plain object custom' }, Money.prototype);
