// `ta.length` answered by the interpreter while %TypedArray.prototype%.length is the original getter,
// and every way of shadowing or replacing it (expected output written from the spec).
function len(a) { return a.length; }
const u = new Uint8Array(5), f = new Float64Array(3);
const out = [];
for (let i = 0; i < 3; i++) out.push(len(u), len(f));
const own = new Int16Array(4); Object.defineProperty(own, 'length', { value: 'own' }); out.push(len(own));
const sub = new Uint32Array(2); Object.setPrototypeOf(sub, { length: 'proto' }); out.push(len(sub));
class My extends Uint8Array { get length() { return 'sub ' + super.length; } } out.push(len(new My(7)));
Object.defineProperty(Uint8Array.prototype, 'length', { get() { return 'u8proto'; }, configurable: true }); out.push(len(u), len(f));
delete Uint8Array.prototype.length; out.push(len(u));
const TA = Object.getPrototypeOf(Uint8Array.prototype); const d = Object.getOwnPropertyDescriptor(TA, 'length');
Object.defineProperty(TA, 'length', { get() { return 'patched'; }, configurable: true }); out.push(len(u), len(f));
Object.defineProperty(TA, 'length', d); out.push(len(u));
const rab = new ArrayBuffer(8, { maxByteLength: 16 }); const t = new Uint8Array(rab); out.push(len(t)); rab.resize(12); out.push(len(t));
const b2 = new ArrayBuffer(8); const t2 = new Uint8Array(b2); b2.transfer(); out.push(len(t2));
console.log(out.join(' '));
