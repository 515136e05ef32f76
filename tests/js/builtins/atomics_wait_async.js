// Atomics.waitAsync: finite timeouts resolve "timed-out" through the job queue, notify
// resolves "ok" and counts async waiters in the order they started waiting.
var a = new Int32Array(new SharedArrayBuffer(16));
var r1 = Atomics.waitAsync(a, 0, 0, 50);
var r2 = Atomics.waitAsync(a, 0, 0);
var r3 = Atomics.waitAsync(a, 1, 0, 10);
var r4 = Atomics.waitAsync(a, 0, 1, 10);
var r5 = Atomics.waitAsync(a, 0, 0, 0);
print(r1.async, r2.async, r3.async, r4.async, r4.value, r5.async, r5.value);
r1.value.then(v => print("r1", v));
r2.value.then(v => print("r2", v));
r3.value.then(v => print("r3", v));
setTimeout(() => {
  var r6 = Atomics.waitAsync(a, 0, 0);
  r6.value.then(v => print("r6", v));
  print("notify", Atomics.notify(a, 0, 1), Atomics.notify(a, 0));
}, 100);
