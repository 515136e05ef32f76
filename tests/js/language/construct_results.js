class B { constructor(v) { this.v = v; return 5; } }
class D extends B { constructor() { super(1); return undefined; } }
class E extends B { constructor() { return { o: 1 }; } }
class F extends B { constructor() { return 3; } }
class G extends B { constructor() { } }
function P() { this.a = 1; return null; }
const out = [new B(2).v, new D().v, new E().o, new P().a];
for (const C of [F, G]) { try { new C(); out.push("no"); } catch (e) { out.push(e.constructor.name); } }
print(out.join(" "));
