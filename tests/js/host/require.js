const util = require('util');
const EventEmitter = require('events');
const { EventEmitter: EE2 } = require('node:events');
const assert = require('assert');
const path = require('path');
const { performance } = require('perf_hooks');
console.log(typeof require, typeof module, typeof exports, path.basename(__filename), path.basename(__dirname) === path.basename(process.cwd()), require.main === module, EE2 === EventEmitter);
console.log(util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), util.inspect({ a: { b: { c: { d: 1 } } } }, false, null), util.inspect('str'), util.format('%s=%d %j', 'x', 42, { y: 1 }, 'extra'));
console.log(util.inspect([1, 2, 3], { compact: false }), util.inspect({ long: 'x'.repeat(30), other: 'y'.repeat(30) }, { breakLength: Infinity }));
console.log(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ['1']), util.types.isPromise(Promise.resolve()), util.types.isDate(new Date()));
class Store extends EventEmitter { set(k, v) { this.emit('change', k, v); } }
const s = new Store();
s.on('change', (k, v) => console.log('change', k, v));
s.once('change', () => console.log('once only'));
s.prependListener('change', () => console.log('first'));
s.set('a', 1); s.set('b', 2);
console.log(s.listenerCount('change'), s.eventNames(), s.emit('nothing'));
try { s.emit('error', new Error('bad thing')); } catch (e) { console.log('thrown:', e.message); }
assert.strictEqual(1, 1); assert.deepStrictEqual({ a: [1] }, { a: [1] }); assert.ok(true); assert(1);
try { assert.strictEqual(1, 2); } catch (e) { console.log(e.name, e.code, JSON.stringify(e.message)); }
try { assert.equal(1, '2'); } catch (e) { console.log(e.message); }
assert.throws(() => { throw new TypeError('x'); }, TypeError);
assert.throws(() => { throw new Error('boom'); }, /boom/);
assert.throws(() => { throw new Error('boom'); }, { message: 'boom' });
try { assert.throws(() => {}); } catch (e) { console.log(e.message); }
try { assert.ok(0, 'zero is falsy'); } catch (e) { console.log(e.message); }
console.log(path.join('/a/b', '../c', './d.txt'), path.resolve('/x', 'y', '..', 'z'), path.extname('f.tar.gz'), path.dirname('/a/b/c'), path.basename('/a/b/c.js', '.js'), path.parse('/home/u/file.txt'), path.normalize('a//b/../c/'), path.relative('/a/b/c', '/a/d'), path.isAbsolute('x'), path.sep);
const sleep = util.promisify((ms, cb) => setTimeout(() => cb(null, 'slept ' + ms), ms));
sleep(5).then(console.log);
require('timers/promises').setTimeout(10, 'tp').then(v => console.log(v));
try { require('fs-extra'); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
console.log(typeof performance.now(), require('os').EOL === '\n', typeof require('process').exit);
(async () => { const [v] = await Promise.all([EventEmitter.once(s, 'ready'), Promise.resolve().then(() => s.emit('ready', 'R'))]); console.log('ready', v); })();
function main() { console.log('main ran'); }
if (require.main === module) main();
module.exports = { main };
console.log(Object.keys(module.exports));
