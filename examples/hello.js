// A first script for `cargo run --release -p conch-cli -- examples/hello.js`.
function greet(name) {
  return `Hello, ${name}!`;
}
const names = { a: "Conch", b: "world" };
for (const k in names) print(greet(names[k]));
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print("fib(25) =", fib(25));
try {
  null.property;
} catch (e) {
  print("caught:", e.name + ": " + e.message);
}
