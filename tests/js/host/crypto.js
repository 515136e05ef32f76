const crypto = require('crypto');
for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) {
  console.log(alg, crypto.createHash(alg).update('hello world').digest('hex'));
  console.log(alg, crypto.createHash(alg).update('').digest('base64'), crypto.createHash(alg).update('a'.repeat(1000)).update('€').digest('hex').slice(0, 16));
  console.log(alg, crypto.createHmac(alg, 'secret-key').update('message').digest('hex'));
  console.log(alg, crypto.createHmac(alg, 'k'.repeat(200)).update('m').digest('base64'));
}
console.log(crypto.createHash('sha256').update(Buffer.from([1, 2, 3])).digest());
class Block { constructor(i, prev, data) { this.index = i; this.prev = prev; this.data = data; this.nonce = 0; this.hash = this.calc(); } calc() { return crypto.createHash('sha256').update(this.index + this.prev + JSON.stringify(this.data) + this.nonce).digest('hex'); } mine(d) { while (!this.hash.startsWith('0'.repeat(d))) { this.nonce++; this.hash = this.calc(); } } }
const chain = [new Block(0, '0', 'genesis')];
for (let i = 1; i < 4; i++) { const b = new Block(i, chain[i - 1].hash, { amount: i * 10 }); b.mine(2); chain.push(b); }
console.log(chain.map(b => `${b.index} ${b.nonce} ${b.hash.slice(0, 16)}`));
console.log(typeof crypto.randomUUID(), crypto.randomUUID().length, /^[0-9a-f-]{36}$/.test(globalThis.crypto.randomUUID()), crypto.randomBytes(8).length, crypto.randomInt(5) < 5);
try { crypto.createHash('nope'); } catch (e) { console.log(e.message); }
