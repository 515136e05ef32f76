// Node's Timeout objects. The order checked here holds however slowly the script runs
// (GC stress): only due times are compared, and refresh() can only delay.
const t = setTimeout(() => console.log('fired'), 60);
console.log(typeof t, typeof +t, t.hasRef(), t.unref() === t, t.hasRef(), t.ref().hasRef());
const iv = setInterval(() => console.log('never: an unref interval keeps nothing alive'), 1000);
iv.unref();
const c = setTimeout(() => console.log('cleared'), 1);
clearTimeout(c);
const c2 = setTimeout(() => console.log('closed'), 1);
c2.close();
const k = setInterval(() => {
  console.log('interval tick');
  clearInterval(k);
}, 2);
let bgTicks = 0;
const bg = setInterval(() => bgTicks++, 44);
bg.unref();
const timers = {};
timers[setTimeout(() => {}, 1)] = 'keyed';
console.log(Object.values(timers));
const r = setTimeout(() => console.log('refreshed fired; bg ran:', bgTicks > 0), 80);
setTimeout(() => r.refresh(), 20);
