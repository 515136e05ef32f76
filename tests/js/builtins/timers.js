// The shell's event loop: timers (in due order, with arguments), intervals, clearing,
// queueMicrotask and promise jobs before timers.
let n = 0;
setTimeout(() => {
  print('t 10');
  const iv = setInterval(() => {
    print('interval', ++n);
    if (n === 3) {
      clearInterval(iv);
      setTimeout(() => print('done'), 0);
    }
  }, 1);
}, 10);
setTimeout((a, b) => print('t 0', a, b), 0, 'x', 'y');
const c = setTimeout(() => print('never'), 1);
clearTimeout(c);
queueMicrotask(() => print('microtask'));
Promise.resolve().then(() => print('promise job'));
print('sync');
