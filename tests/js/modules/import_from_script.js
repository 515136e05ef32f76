// A classic script uses import(): relative to the script's file.
import('./lib.mjs').then((ns) => {
  ns.bump();
  print('from a script:', ns.counter, typeof ns.default);
});
print('script body done');
