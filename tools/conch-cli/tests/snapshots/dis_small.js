function add(a, b) { return a + b; }
let x = add(1, 2);
for (let i = 0; i < x; i++) print(i);
