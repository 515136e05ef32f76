// A script for `conch --memory-limit 48M --memory-report report.html examples/memory-report.js`:
// it allocates garbage (the collector takes it back), keeps a part of it, then grows until it
// hits the limit.
let keep = [];
for (let round = 0; round < 30; round++) {
  let garbage = [];
  for (let i = 0; i < 20000; i++) garbage.push({ i, s: 'item ' + i });
  if (round % 6 === 0) keep.push(garbage);
}
console.log('kept', keep.length, 'rounds');
let grow = [];
while (true) grow.push(new Array(1000).fill(round => round));
