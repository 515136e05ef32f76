// `this` before super() is a ReferenceError through arrows and eval in derived constructors.
class P { constructor() { this.p = 1; } }
class D extends P { constructor(k) { const a = () => this; if (k === 1) { try { a(); } catch (e) { console.log(e.constructor.name, e.message); } } if (k === 2) { try { eval('this') } catch (e) { console.log('eval', e.constructor.name); } } super(); console.log(a().p, eval('this.p')); } }
new D(1); new D(2);
class E extends P { constructor() { const f = () => { const g = () => this; return g; }; const g = f(); try { g() } catch (e) { console.log('nested', e.constructor.name) } super(); console.log(g() === this); } }
new E();
class F extends P { x = (() => this.p)(); constructor() { super(); console.log(this.x); } }
new F();
