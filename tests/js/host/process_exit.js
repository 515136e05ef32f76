console.log('a');
setTimeout(() => console.log('never'), 10);
process.on('exit', (c) => console.log('exit', c));
Promise.resolve().then(() => {
  console.log('b');
  process.exit(2);
  console.log('not reached');
});
