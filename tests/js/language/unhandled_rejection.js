// An unhandled rejection ends the shell like an uncaught exception (exit 1); one handled
// later in the same turn is not reported.
const p = Promise.reject(new Error('handled later'));
p.catch((e) => print('caught:', e.message));
Promise.reject(new TypeError('nobody handles me'));
print('end of script');
