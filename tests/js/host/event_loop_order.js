// node's order: nextTick before promise jobs; the script's setTimeout(0) before its
// setImmediate; an immediate set in a timer before a timer set there; ticks and jobs after
// every callback.
const log = [];
setImmediate(() => log.push('imm1'));
setTimeout(() => {
  log.push('t0');
  setImmediate(() => log.push('imm-in-timer'));
  setTimeout(() => log.push('t-in-timer'), 0);
  Promise.resolve().then(() => log.push('micro-in-timer'));
  process.nextTick(() => log.push('tick-in-timer'));
}, 0);
setTimeout(() => log.push('t0b'), 0);
setImmediate((a, b) => {
  log.push('imm2 ' + a + b);
  process.nextTick(() => log.push('tick-in-imm'));
  Promise.resolve().then(() => log.push('micro-in-imm'));
}, 'x', 'y');
const cancelled = setImmediate(() => log.push('never'));
clearImmediate(cancelled);
Promise.resolve().then(() => {
  log.push('micro');
  process.nextTick(() => log.push('tick-from-micro'));
  Promise.resolve().then(() => log.push('micro-from-micro'));
});
process.nextTick((v) => log.push('tick ' + v), 1);
log.push('sync');
let n = 0;
const iv = setInterval(() => {
  n++;
  if (n === 3) {
    clearInterval(iv);
    console.log('interval ran', n);
    setTimeout(() => console.log(log.join('\n')), 5);
  }
}, 1);
try { setImmediate('nope'); } catch (e) { console.log(e.name, e.message); }
try { process.nextTick(5); } catch (e) { console.log(e.name, e.message); }
