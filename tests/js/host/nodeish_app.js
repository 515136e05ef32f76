'use strict';
const EventEmitter = require('events');
const util = require('util');
const { performance } = require('perf_hooks');
const crypto = require('crypto');
const path = require('path');
const assert = require('assert');

class TaskQueue extends EventEmitter {
  #queue = [];
  #running = 0;
  constructor(concurrency = 2) { super(); this.concurrency = concurrency; }
  push(name, ms, fail = false) {
    this.#queue.push({ name, ms, fail });
    process.nextTick(() => this.#next());
    return this;
  }
  #next() {
    while (this.#running < this.concurrency && this.#queue.length) {
      const task = this.#queue.shift();
      this.#running++;
      this.emit('start', task.name);
      setTimeout(() => {
        this.#running--;
        if (task.fail) this.emit('failed', task.name, new Error(`${task.name} blew up`));
        else this.emit('done', task.name, crypto.createHash('md5').update(task.name).digest('hex').slice(0, 8));
        if (!this.#running && !this.#queue.length) this.emit('drain');
        else this.#next();
      }, task.ms);
    }
  }
  [util.inspect.custom]() { return `TaskQueue<running=${this.#running}, queued=${this.#queue.length}>`; }
}
const q = new TaskQueue(1);
const log = [];
q.on('start', n => log.push(`start ${n}`));
q.on('done', (n, h) => log.push(`done ${n} ${h}`));
q.on('failed', (n, e) => log.push(`failed ${n}: ${e.message}`));
q.once('drain', () => {
  console.log(log.join('\n'));
  console.log(q, util.inspect({ q }, { depth: 0 }));
  next();
});
q.push('alpha', 30).push('beta', 10).push('gamma', 5, true).push('delta', 40);
console.log('queued', q.listenerCount('start'), q.eventNames());
async function next() {
  const sleep = util.promisify(setTimeout);
  const t0 = performance.now();
  await sleep(5);
  console.log('slept', performance.now() - t0 >= 4);
  const buf = Buffer.from(JSON.stringify({ path: path.join('/srv', 'data', '..', 'app.json') }));
  console.log(buf.length, buf.toString('base64'), Buffer.from(buf.toString('hex'), 'hex').toString());
  assert.deepStrictEqual(JSON.parse(buf.toString()), { path: '/srv/app.json' });
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick'));
  await null;
  console.log('after await');
  process.on('exit', code => console.log('exit', code));
  process.exitCode = 0;
  process.stdout.write('written ' + util.format('%d items, %s', 3, 'ok') + '\n');
}
