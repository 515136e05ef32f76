const b = Buffer.from('héllo wörld 😀');
console.log(b, b.length, b.toString(), b.toString('hex'), b.toString('base64'), b.toString('base64url'), b.toString('latin1').length);
console.log(Buffer.from('68656c6c6f', 'hex').toString(), Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString(), Buffer.from('aGk', 'base64url').toString(), Buffer.from([104, 105, 300]).toString(), Buffer.from('hi', 'utf16le'));
console.log(Buffer.alloc(5), Buffer.alloc(5, 'ab'), Buffer.alloc(3, 7), Buffer.byteLength('héllo'), Buffer.byteLength('abc', 'base64'), Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(1)), Buffer.isEncoding('UTF8'));
const c = Buffer.concat([Buffer.from('ab'), Buffer.from('cd'), Buffer.from('ef')]);
console.log(c, c.toString(), Buffer.concat([Buffer.from('abc')], 2).toString(), c.slice(1, 3).toString(), c.subarray(-2).toString(), c.indexOf('cd'), c.includes('z'), c.indexOf(0x65));
console.log(Buffer.from('abc').equals(Buffer.from('abc')), Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('b').compare(Buffer.from('a')), JSON.stringify(Buffer.from('hi')), Buffer.from(JSON.parse(JSON.stringify(Buffer.from('yo')))).toString());
const w = Buffer.alloc(16); w.writeUInt32BE(0xdeadbeef, 0); w.writeInt16LE(-2, 4); w.writeDoubleLE(3.14, 8);
console.log(w, w.readUInt32BE(0).toString(16), w.readInt16LE(4), w.readDoubleLE(8), w.readUInt8(0), w.readUint16LE(0));
try { w.readUInt32LE(14); } catch (e) { console.log(e.name, e.code, e.message); }
try { Buffer.from('x', 'nope'); } catch (e) { console.log(e.name, e.message); }
const big = Buffer.alloc(60, 1); console.log(big); console.log(Buffer.alloc(51)); console.log(Buffer.alloc(0), [Buffer.from('x')], { buf: Buffer.from('yz') });
const s = Buffer.from('hello'); const view = s.slice(1, 3); view[0] = 0x61; console.log(s.toString(), view instanceof Buffer, s.write('HE'), s.toString(), s.write('xyz', 3), s.toString());
console.log(typeof Buffer, Buffer.name, require('buffer').Buffer === Buffer, Buffer.from(new Uint16Array([1, 256]).buffer), Buffer.from(b.buffer, b.byteOffset, 3).toString());
console.log(Buffer.from('€').toString('ascii'), Buffer.from('ÿ', 'latin1'), [...Buffer.from('ab')], Buffer.from('ab').map(x => x + 1));
