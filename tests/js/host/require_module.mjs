// Modules have no CommonJS names (as in node).
console.log(typeof require, typeof module, typeof exports, typeof __filename, typeof process);
